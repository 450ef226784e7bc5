//! The matcher's unit tests: smart case, context windows, the vocabulary's
//! lookups, and the trie checked against a brute-force reference.

use super::verify::ascii_folds_to;
use super::verify::case_matches;
use super::verify::caseless_match;
use super::verify::common_in_capitals;
use crate::gazetteer::AliasCase;
use crate::gazetteer::Gate;
use std::sync::Arc;

use super::*;

/// A matcher of open aliases, entity `i` for `aliases[i]`.
fn matcher(aliases: &[(&str, AliasCase)], case: Case) -> Matcher {
    Matcher::new(
        aliases
            .iter()
            .enumerate()
            .map(|(i, (a, c))| (i as u32, *a, *c, &Gate::Open)),
        case,
    )
    .unwrap()
}

fn find(aliases: &[(&str, AliasCase)], case: Case, text: &str) -> Vec<&'static str> {
    matcher(aliases, case)
        .find(text)
        .into_iter()
        .map(|c| &*text[c.byte_start..c.byte_end].to_string().leak())
        .collect()
}

const S: AliasCase = AliasCase::Smart;

#[test]
fn smart_case() {
    let a = [("Kongres", S), ("AS", S), ("rudal", S)];
    assert_eq!(
        find(&a, Case::Smart, "Kongres KONGRES kongres"),
        ["Kongres", "KONGRES"]
    );
    assert_eq!(find(&a, Case::Smart, "AS as As"), ["AS"]);
    assert_eq!(
        find(&a, Case::Smart, "Rudal RUDAL rudal"),
        ["Rudal", "RUDAL", "rudal"]
    );
    assert_eq!(
        find(&[("Kongres", AliasCase::Any)], Case::Smart, "kongres"),
        ["kongres"]
    );
    assert_eq!(find(&a, Case::Insensitive, "kongres as"), ["kongres", "as"]);
}

#[test]
fn auto_case_in_a_line_without_capitals() {
    let a = [("Kongres", S), ("Rusia", S), ("Barat", S), ("AS", S)];
    // A line with capitals keeps smart case; one without lets a name
    // match in lower case, but not a common word (`barat`; `kongres`
    // is written in lower case as a common noun too).
    let auto = Case::Auto;
    assert_eq!(find(&a, auto, "Kongres dan rusia"), ["Kongres"]);
    assert_eq!(
        find(&a, auto, "Kongres AS.\nkongres dan rusia di barat"),
        ["Kongres", "AS", "rusia"]
    );
    assert_eq!(find(&a, auto, "as rusia"), ["as", "rusia"]);
    // Smart case is the same in every line.
    assert_eq!(
        find(&a, Case::Smart, "Kongres AS.\nkongres dan rusia di barat"),
        ["Kongres", "AS"]
    );
}

#[test]
fn auto_case_in_a_line_in_capitals() {
    let a = [("Barat", S), ("Rusia", S), ("Jawa Barat", S)];
    // All caps or a title-case headline: a one-word alias that is a common
    // word does not match; names and longer aliases do.
    let auto = Case::Auto;
    assert_eq!(find(&a, auto, "ANGIN BARAT MELANDA RUSIA"), ["RUSIA"]);
    assert_eq!(
        find(&a, auto, "Angin Barat Melanda Jawa Barat"),
        ["Jawa Barat"]
    );
    // A mixed-case line: as written.
    assert_eq!(find(&a, auto, "Angin dari Barat melanda"), ["Barat"]);
    assert_eq!(
        find(&a, Case::Smart, "ANGIN BARAT MELANDA RUSIA"),
        ["BARAT", "RUSIA"]
    );
}

#[test]
fn lookups_compare_exactly_what_the_hashes_blur() {
    let i = Case::Insensitive;
    // `ā` (C4 81) and `ġ` (C4 A1) differ in bit 5 of one byte only:
    // the same hashes, different words.
    let a = [("Māori", S), ("ġa", S)];
    assert_eq!(find(&a, i, "Māori MĀORI"), ["Māori", "MĀORI"]);
    assert!(find(&a, i, "Mġori āa").is_empty());
    // Words of more than 8 bytes with the same first 8.
    let a = [("internasional", S), ("internasionalisasi", S)];
    assert_eq!(
        find(&a, i, "INTERNASIONAL internasionalis Internasionalisasi"),
        ["INTERNASIONAL", "Internasionalisasi"]
    );
    // Digits and letters, the only ASCII in words, keep apart.
    let a = [("F16", S), ("S400", S)];
    assert_eq!(find(&a, i, "f16 s400 F-16 S400"), ["f16", "s400", "S400"]);
}

#[test]
fn ascii_case_fold() {
    assert!(ascii_folds_to(
        "Amerika  \n Serikat",
        "Amerika Serikat",
        false
    ));
    assert!(ascii_folds_to("Soekarno-Hatta", "Soekarno Hatta", false));
    assert!(!ascii_folds_to("Amerika Serika", "Amerika Serikat", false));
    assert!(!ascii_folds_to("amerika serikat", "Amerika Serikat", false));
    assert!(ascii_folds_to("AMERIKA-SERIKAT", "Amerika Serikat", true));
}

#[test]
fn context_window() {
    let phrases: Arc<[String]> =
        ["rudal".to_string(), "sistem pertahanan udara".to_string()].into();
    let gate = Gate::Context(phrases);
    let m = Matcher::new([(0, "Patriot", AliasCase::Smart, &gate)], Case::Smart).unwrap();
    let hits = |t: &str| m.find(t).len();
    assert_eq!(
        hits("Sistem Pertahanan-Udara buatan AS, Patriot, dikirim"),
        1
    );
    assert_eq!(hits("rudal a b c d e Patriot"), 1);
    assert_eq!(hits("rudal a b c d e f Patriot"), 0);
    assert_eq!(hits("Patriot x y z a b rudal"), 1);
    assert_eq!(hits("Patriot x y z a b c rudal"), 0);
    assert_eq!(hits("Patriot x y z a b rudalnya"), 1);
    assert_eq!(hits("Patriot prudalx"), 0);
    assert_eq!(hits("Patriot sistem pertahanan"), 0);
    assert_eq!(hits("Patriot"), 0);
}

/// The trie against the definition it replaces: every occurrence of a
/// folded alias in the folded text that starts and ends on a token
/// boundary ([`starts_token`], [`ends_token`]), mapped back, case
/// checked.
fn brute_force(aliases: &[(&str, AliasCase)], case: Case, text: &str) -> Vec<(usize, usize, u32)> {
    use crate::tokenize::{ends_token, starts_token};
    let norm = Normalized::new(text);
    let mut out = Vec::new();
    for (i, &(alias, alias_case)) in aliases.iter().enumerate() {
        let pattern = crate::normalize::fold_lower(alias);
        if pattern.is_empty() {
            continue;
        }
        let m = Matcher::new([(i as u32, alias, alias_case, &Gate::Open)], case).unwrap();
        let info = m.aliases[0];
        let cased = &m.cased[info.cased.0 as usize..info.cased.1 as usize];
        for (at, _) in norm.text.char_indices() {
            let end = at + pattern.len();
            if !norm.text[at..].starts_with(&pattern)
                || !starts_token(&norm.text, at)
                || !ends_token(&norm.text, end)
            {
                continue;
            }
            let (Some(s), Some(e)) = (norm.orig_start(at), norm.orig_end(end)) else {
                continue;
            };
            let auto = case == Case::Auto;
            if info.case_sensitive() {
                let accepted = if case_matches(&text[s..e], cased, &mut None) {
                    !(auto
                        && common_in_capitals(cased, || {
                            crate::common_words::in_capital_line(text, s, e)
                        }))
                } else {
                    auto && caseless_match(cased, || {
                        crate::common_words::in_caseless_line(text, s, e)
                    })
                };
                if !accepted {
                    continue;
                }
            }
            out.push((s, e, i as u32));
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn trie_equals_brute_force() {
    let aliases = [
        ("Rusia", S),
        ("PBB", S),
        ("Amerika Serikat", S),
        ("Serikat", S),
        ("Jl. Sudirman", S),
        ("Jl.", S),
        ("S-400", S),
        ("S400", S),
        ("ina jakarta", S),
        ("Jakarta", S),
        ("Erdoğan", S),
        ("fi", AliasCase::Any),
        ("kah", S),
        ("punya", S),
        ("a.b", S),
        ("Co.", S),
        ("İstanbul", S),
        ("Indo", S),
    ];
    let words = [
        "Rusia",
        "rusianya",
        "RUSIA",
        "PBB-nya",
        "Amerika",
        "serikat",
        "Serikat",
        "jl",
        ".",
        "Jl.",
        "Sudirman",
        "S",
        "400",
        "S-400",
        "S400",
        "kartina",
        "Jakarta",
        "jakartalah",
        "Erdogan",
        "Erdoğan",
        "ERDOĞAN",
        "ﬁ",
        "ﬁx",
        "kah",
        "punya",
        "punyanya",
        "a.b",
        "a",
        "b",
        "co.uk",
        "Co.",
        "İstanbul",
        "istanbul",
        "-",
        "—",
        ",",
        "\n",
        "\u{a0}",
        "  ",
        "Rusia-Ukraina",
        "x2",
        "é",
        "e\u{301}",
        "💫",
        "𝘐𝘯𝘥𝘰",
        "ＩＮＤＯ",
        "Indo",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 9) as usize;
        for k in 0..n {
            let w = words[((seed >> (k * 6)) % words.len() as u64) as usize];
            text.push_str(w);
            if (seed >> (k + 40)) & 1 == 1 {
                text.push(' ');
            }
        }
        for case in [Case::Smart, Case::Auto, Case::Insensitive] {
            let mut got: Vec<_> = matcher(&aliases, case)
                .find(&text)
                .into_iter()
                .map(|c| (c.byte_start, c.byte_end, c.entity))
                .collect();
            got.sort_unstable();
            assert_eq!(got, brute_force(&aliases, case, &text), "text {text:?}");
        }
    }
}

#[test]
fn hidden_match_inside_a_rejected_one() {
    let a = [("ina jakarta", S), ("jakarta", S)];
    assert_eq!(find(&a, Case::Smart, "kartina jakarta"), ["jakarta"]);
}

#[test]
fn token_boundaries() {
    let a = [
        ("Rusia", S),
        ("PBB", S),
        ("CNN", S),
        ("IRGC", S),
        ("Iran", S),
    ];
    let text = "Rusianya PBB-nya ke-PBB-an CNN.com IRGC's anti-Iran Iran-lah Rusiawi ASEAN";
    assert_eq!(
        find(&a, Case::Smart, text),
        ["Rusia", "PBB", "PBB", "CNN", "IRGC", "Iran", "Iran"]
    );
}
