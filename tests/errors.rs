//! Bad input gets a clear error: every file in `tests/bad_gazetteers/`
//! starts with `# expect: :LINE:COL: message`, the exact message its load
//! must fail with (after the file's path).

use entitas::{Error, Extractor};
use std::path::Path;

fn build_file(path: &str) -> Result<Extractor, Error> {
    Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_file(path)
        .build()
}

#[test]
fn every_bad_gazetteer_names_file_line_and_column() {
    let dir = Path::new("tests/bad_gazetteers");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the bad gazetteers are missing");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let first = String::from_utf8_lossy(&bytes);
        let expect = first
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no `# expect:` line", file.display()));
        let path = file.to_str().unwrap();
        let err = build_file(path).expect_err(path);
        assert_eq!(err.to_string(), format!("{path}{expect}"));
    }
}

#[test]
fn missing_file_is_an_io_error() {
    let err = build_file("tests/no-such-file.tsv").unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(
        err.to_string().starts_with("tests/no-such-file.tsv: "),
        "{err}"
    );
}

#[test]
fn folder_without_tsv_files() {
    let err = build_file("tests/golden").unwrap_err();
    assert_eq!(
        err.to_string(),
        "tests/golden: folder holds no .tsv gazetteer file"
    );
}

#[test]
fn a_folder_loads_its_tsv_files_in_name_order() {
    let dir = std::env::temp_dir().join(format!("entitas-folder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("b.tsv"), "@label LOCATION\nx\tSurabaya\n").unwrap();
    std::fs::write(dir.join("a.tsv"), "@label ORGANIZATION\nx\tSurabaya\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a gazetteer").unwrap();
    let e = build_file(dir.to_str().unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(e.entity_count(), 2);
    // Same span, same length: the earlier file (a.tsv) wins.
    assert_eq!(e.extract("di Surabaya")[0].id, "organization:x");
}

#[test]
fn errors_are_std_errors_with_sources() {
    let err = build_file("tests/no-such-file.tsv").unwrap_err();
    let dyn_err: &dyn std::error::Error = &err;
    assert!(dyn_err.source().is_some());
}

/// A line of 40,000 aliases with `@variants` (the duplicate check once
/// scanned every alias before it): it builds, every alias matches, and a
/// repeated alias at its end is still reported with its column.
#[test]
fn a_line_of_forty_thousand_aliases() {
    let aliases: Vec<String> = (0..40_000).map(|i| format!("Kota{i}")).collect();
    let line = format!("BIG\t{}", aliases.join("\t"));
    let text = format!("@label LOCATION\n@variants designator\n{line}\n");
    let e = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text("big.tsv", &text)
        .build()
        .expect("40,000 aliases build");
    let found = e.extract("Dari Kota17 ke Kota 39999 dan Kota-20000.");
    let got: Vec<&str> = found.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(got, ["Kota17", "Kota 39999", "Kota-20000"]);

    let repeated = format!("@label LOCATION\n{line}\tKota7\n");
    let err = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text("big.tsv", &repeated)
        .build()
        .expect_err("a repeated alias");
    let column = line.chars().count() + 2;
    assert_eq!(
        err.to_string(),
        format!("big.tsv:2:{column}: duplicate alias `Kota7` on this line")
    );
}
