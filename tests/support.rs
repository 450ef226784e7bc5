//! Helpers shared by the integration tests.

use entitas::Extractor;
use std::path::PathBuf;

/// An example binary built by `cargo test` next to the test binary
/// (`target/<profile>/examples/NAME`).
pub fn example(name: &str) -> PathBuf {
    let mut dir = std::env::current_exe().unwrap();
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    let exe = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        exe.exists(),
        "{} not found: run the tests with `cargo test` so the examples are built",
        exe.display()
    );
    exe
}

/// An extractor with only the gazetteer `text` (no defaults, no rules).
pub fn gazetteer_only(text: &str) -> Extractor {
    Extractor::builder()
        .default_gazetteers(false)
        .rules(false)
        .gazetteer_text("test.tsv", text)
        .build()
        .unwrap()
}

/// The texts of the entities `extractor` finds in `text`.
pub fn texts(extractor: &Extractor, text: &str) -> Vec<String> {
    extractor
        .extract(text)
        .into_iter()
        .map(|e| e.text)
        .collect()
}
