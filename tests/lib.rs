//! Integration tests, one binary (see `Cargo.toml`).

mod api;
mod cli;
mod errors;
mod evaluate;
mod gazetteers;
mod golden;
mod hostile;
mod matching;
mod model;
mod properties;
mod rules;
mod support;
mod weapons;
