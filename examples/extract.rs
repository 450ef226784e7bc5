//! Finds named entities in an Indonesian text file: the `entitas` command
//! (`src/cli/`), run as an example.
//!
//! ```text
//! cargo run --release --example extract -- [OPTIONS] INPUT
//! cargo run --release --example extract -- --help
//! ```
//!
//! The same code as `cargo install --path .` installs as `entitas`; see the
//! README for the options, the formats and the exit codes.

fn main() -> std::process::ExitCode {
    entitas::cli::main()
}
