//! The `entitas` command: finds named entities in Indonesian text (see `entitas --help`).

fn main() -> std::process::ExitCode {
    entitas::cli::main()
}
