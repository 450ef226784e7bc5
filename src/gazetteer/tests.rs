//! The gazetteer parser's unit tests.

use super::variants::designator_variants;
use super::variants::modern_spelling;
use crate::normalize::fold_lower;

use super::*;

fn err(text: &str) -> String {
    parse("t.tsv", text).unwrap_err().to_string()
}

#[test]
fn parses_entities_directives_and_markers() {
    let text = "\u{feff}# comment\r\n@label COUNTRY\r\n\r\nIRN\tIran\tPersia\r\n@label ORGANIZATION\n@id-prefix org:\nUN\tPerserikatan Bangsa-Bangsa\tPBB\t~Perserikatan bangsa-bangsa\n";
    let e = parse("t.tsv", text).unwrap();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].id, "country:IRN");
    assert_eq!(e[0].label, Label::Country);
    assert_eq!(e[0].canonical, "Iran");
    assert_eq!(e[0].aliases.len(), 2);
    assert_eq!(e[0].line, 4);
    assert_eq!(e[1].id, "org:UN");
    assert_eq!(e[1].aliases[2].case, AliasCase::Any);
    assert_eq!(e[1].aliases[2].text, "Perserikatan bangsa-bangsa");
}

#[test]
fn markers_and_variants() {
    let text = "@label WEAPON\n@context rudal|Sistem Pertahanan\n@variants designator\nS-400\tS-400\t!Triumf\t?Sa\t\\?Q\n@variants none\nX\tF-16\n";
    let e = parse("t.tsv", text).unwrap();
    let a: Vec<(&str, &Gate)> = e[0]
        .aliases
        .iter()
        .map(|a| (a.text.as_str(), &a.gate))
        .collect();
    let ctx: Arc<[String]> = vec!["rudal".to_string(), "sistem pertahanan".to_string()].into();
    assert_eq!(
        a,
        [
            ("S-400", &Gate::Open),
            ("Triumf", &Gate::Context(ctx)),
            ("Sa", &Gate::Linked),
            ("?Q", &Gate::Open),
            ("S 400", &Gate::Open),
            ("S400", &Gate::Open),
        ]
    );
    assert_eq!(e[1].aliases.len(), 1);
}

#[test]
fn designator_variants_cover_three_forms() {
    assert_eq!(
        designator_variants("Shahed-136"),
        ["Shahed 136", "Shahed136"]
    );
    assert_eq!(designator_variants("F16"), ["F-16", "F 16"]);
    assert_eq!(
        designator_variants("MQ-9 Reaper"),
        ["MQ 9 Reaper", "MQ9 Reaper"]
    );
    assert_eq!(designator_variants("Iskander-M"), Vec::<String>::new());
    assert_eq!(designator_variants("Kh-101 dan S-400").len(), 8);
}

#[test]
fn old_spelling_becomes_modern() {
    assert_eq!(modern_spelling("Soekarno").as_deref(), Some("Sukarno"));
    assert_eq!(
        modern_spelling("Tjahjo Kumolo").as_deref(),
        Some("Cahyo Kumolo")
    );
    assert_eq!(
        modern_spelling("Djarot Saiful Hidayat").as_deref(),
        Some("Jarot Saiful Hidayat")
    );
    assert_eq!(modern_spelling("SOEHARTO").as_deref(), Some("SUHARTO"));
    assert_eq!(modern_spelling("Joko Widodo"), None);
}

#[test]
fn custom_labels_must_be_declared() {
    let e = parse("t.tsv", "@custom-label PARTY_X\nx\tPartai X\n").unwrap();
    assert_eq!(e[0].label.as_str(), "PARTY_X");
    assert_eq!(e[0].id, "party_x:x");
}

#[test]
fn errors_name_line_and_column() {
    assert_eq!(
        err("X\tY\n"),
        "t.tsv:1:1: entity line before any @label directive"
    );
    assert_eq!(
        err("@label PERSN\n"),
        "t.tsv:1:8: unknown label `PERSN` (built-in labels: PERSON, ORGANIZATION, COUNTRY, LOCATION, WEAPON; declare others with `@custom-label PERSN`)"
    );
    assert_eq!(
        err("@label COUNTRY\nIRN Iran\n"),
        "t.tsv:2:1: bad field count: expected id<TAB>canonical[<TAB>alias...], found 1 field"
    );
    assert_eq!(
        err("@label COUNTRY\nIRN\tIran\t\n"),
        "t.tsv:2:10: empty alias"
    );
    assert_eq!(
        err("@label COUNTRY\nIRN\t\tIran\n"),
        "t.tsv:2:5: empty canonical name"
    );
    assert_eq!(err("@label COUNTRY\n\tIran\n"), "t.tsv:2:1: empty id");
    assert_eq!(
        err("@label COUNTRY\nIRN\tIran\tIran\n"),
        "t.tsv:2:10: duplicate alias `Iran` on this line"
    );
    assert_eq!(err("@lable COUNTRY\n"), "t.tsv:1:1: unknown directive `@lable` (known: @label, @custom-label, @id-prefix, @context, @not-after, @variants)");
    assert_eq!(
        err("@label\n"),
        "t.tsv:1:1: directive `@label` needs a value"
    );
    assert_eq!(
        err("@label COUNTRY\nX\t--\n"),
        "t.tsv:2:3: alias `--` has no letter or digit"
    );
    assert_eq!(
        err("@label COUNTRY\nX\tY\t=Z\n"),
        "t.tsv:2:5: alias starts with reserved marker `=` (write `\\=` for a literal `=`)"
    );
    assert_eq!(
        err("@label COUNTRY\nX\t?Y\n"),
        "t.tsv:2:3: alias starts with reserved marker `?` (write `\\?` for a literal `?`)"
    );
    assert_eq!(
        err("@label WEAPON\nX\tY\t!Z\n"),
        "t.tsv:2:5: `!` context alias before any @context directive"
    );
    assert_eq!(
        err("@variants designators\n"),
        "t.tsv:1:11: unknown variant `designators` (known: designator, spelling, none)"
    );
}

#[test]
fn invalid_utf8_names_line_column_and_byte() {
    let bytes = b"@label COUNTRY\nIRN\tIr\xffan\n";
    let e = decode("t.tsv", bytes).unwrap_err().to_string();
    assert_eq!(e, "t.tsv:2:7: invalid UTF-8 at byte offset 21");
}

#[test]
fn place_files_share_the_curated_not_after_list() {
    let curated = std::fs::read_to_string("gazetteers/curated/not-after-places.txt")
        .expect("the curated list");
    let phrases: Vec<&str> = curated
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let line = format!("@not-after {}", phrases.join("|"));
    for (name, text) in DEFAULTS {
        if matches!(
            *name,
            "locations.tsv" | "places-indonesia.tsv" | "places-world.tsv"
        ) {
            assert!(text.lines().any(|l| l == line), "{name} lacks `{line}`");
        }
    }
}

#[test]
fn not_after_directive() {
    let e = parse(
        "t.tsv",
        "@label LOCATION\n@not-after Jalan|Jl.\nx\tX\n@not-after none\ny\tY\n",
    )
    .unwrap();
    let phrases = e[0].aliases[0].not_after.as_deref().expect("phrases");
    assert_eq!(phrases, ["jalan".to_string(), "jl.".to_string()]);
    assert!(e[1].aliases[0].not_after.is_none());
    let err = parse("t.tsv", "@label LOCATION\n@not-after |\n").unwrap_err();
    assert!(err.to_string().contains("t.tsv:2:"), "{err}");
}

#[test]
fn every_village_alias_starts_with_a_trigger_word() {
    let (name, text) = VILLAGES;
    let mut n = 0;
    parse_each(name, text, |e| {
        for a in &e.aliases {
            let folded = fold_lower(&a.text);
            let first = folded
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default();
            assert!(VILLAGE_TRIGGERS.contains(&first), "{}: {}", e.id, a.text);
            n += 1;
        }
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(n > 100_000, "{n} aliases");
}

#[test]
fn default_gazetteers_parse() {
    for (name, text) in DEFAULTS {
        let entries = parse(name, text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!entries.is_empty(), "{name} is empty");
    }
}
