//! Integration tests, one binary (see `Cargo.toml`).

mod api;
mod cli;
mod errors;
mod golden;
mod matching;
mod properties;
mod rules;
