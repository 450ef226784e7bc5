//! Hostile input: huge, repetitive, deeply nested or exotic text. Each test
//! checks that extraction finishes, loses nothing and keeps its span
//! invariants. See: issue #8.
//!
//! Sizes are the issue's in release builds (`.ci/run` runs
//! `cargo test --release --test integration hostile`); debug builds, ten
//! times slower, use a tenth.

use entitas::Entity;

/// `full` in release builds, a tenth of it in debug builds.
fn size(full: usize) -> usize {
    if cfg!(debug_assertions) {
        full / 10
    } else {
        full
    }
}

fn check(text: &str, entities: &[Entity]) {
    let mut last = 0;
    for e in entities {
        assert_eq!(&text[e.byte_start..e.byte_end], e.text);
        assert!(e.byte_start >= last);
        last = e.byte_end;
    }
}

#[test]
fn ten_megabytes_without_a_blank() {
    // All capitals: no glued-word boundary either (`IranRusia` in mixed
    // case is two glued names, see `unglue`).
    let text = "IRANRUSIAKPK".repeat(size(10_000_000) / 12);
    let found = entitas::extract(&text);
    assert!(found.is_empty(), "no token boundary, no entity");
    let text = "a".repeat(size(10_000_000));
    assert!(entitas::extract(&text).is_empty());
}

#[test]
fn a_million_repetitions_of_one_name() {
    let n = size(1_000_000);
    let text = "Iran ".repeat(n);
    let found = entitas::extract(&text);
    assert_eq!(found.len(), n);
    assert!(found.iter().all(|e| e.id == "country:IRN"));
    assert_eq!(found.last().map(|e| e.char_start), Some(5 * (n - 1)));
}

#[test]
fn deeply_nested_parentheses() {
    let depth = size(100_000);
    let text = format!(
        "{}Komisi Pemberantasan Korupsi (KPK){}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let found = entitas::extract(&text);
    check(&text, &found);
    let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Komisi Pemberantasan Korupsi", "KPK"]);
}

#[test]
fn every_unicode_blank_and_dash_inside_a_name() {
    let blanks = [
        "\t",
        "\n",
        "\u{b}",
        "\u{c}",
        "\r",
        " ",
        "\u{85}",
        "\u{a0}",
        "\u{1680}",
        "\u{2000}",
        "\u{2001}",
        "\u{2002}",
        "\u{2003}",
        "\u{2004}",
        "\u{2005}",
        "\u{2006}",
        "\u{2007}",
        "\u{2008}",
        "\u{2009}",
        "\u{200a}",
        "\u{2028}",
        "\u{2029}",
        "\u{202f}",
        "\u{205f}",
        "\u{3000}",
        "-",
        "\u{2010}",
        "\u{2011}",
        "\u{2012}",
        "\u{2013}",
        "\u{2014}",
        "\u{2015}",
        "\u{2212}",
        " \t\u{a0}\n ",
    ];
    for blank in blanks {
        let text = format!("warga Amerika{blank}Serikat tiba");
        let found = entitas::extract(&text);
        check(&text, &found);
        assert_eq!(
            found.first().map(|e| (e.id.as_str(), e.text.as_str())),
            Some(("country:USA", format!("Amerika{blank}Serikat").as_str())),
            "{blank:?}"
        );
    }
}

#[test]
fn combining_marks_rtl_nul_and_emoji() {
    for (text, want) in [
        ("I\u{301}ran dan Rusia", vec!["I\u{301}ran", "Rusia"]),
        (
            "Iran\u{301}\u{302}\u{303} x",
            vec!["Iran\u{301}\u{302}\u{303}"],
        ),
        (
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd} Iran \u{627}\u{644}\u{639}\u{631}\u{628}",
            vec!["Iran"],
        ),
        ("\u{202e}Iran\u{202c} \u{200f}Rusia", vec!["Iran", "Rusia"]),
        ("\0Iran\0Rusia\0", vec!["Iran", "Rusia"]),
        ("🇮🇷Iran🚀Rusia👍🏽", vec!["Iran", "Rusia"]),
        ("\u{feff}Iran", vec!["Iran"]),
    ] {
        let found = entitas::extract(text);
        check(text, &found);
        let got: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(got, want, "{text:?}");
    }
    // A long run of combining marks alone.
    let marks = "\u{301}".repeat(size(100_000));
    check(&marks, &entitas::extract(&marks));
}
