//! `@variants`: the aliases a line generates, designators (`S-400` →
//! `S400`, `S 400`) and modern spelling (`Soekarno` → `Sukarno`).

use super::directives::Directives;
use super::{Alias, AliasTexts};

/// Adds the `@variants` of every alias, after the written ones.
pub(super) fn add_variants(aliases: &mut Vec<Alias>, texts: &mut AliasTexts, d: &Directives) {
    if !d.designators && !d.spelling {
        return;
    }
    let written = aliases.len();
    for i in 0..written {
        let Some(alias) = aliases.get(i) else { break };
        let mut variants = Vec::new();
        if d.designators {
            variants.extend(designator_variants(&alias.text));
        }
        if d.spelling {
            variants.extend(modern_spelling(&alias.text));
        }
        let (case, gate, not_after) = (alias.case, alias.gate.clone(), alias.not_after.clone());
        for text in variants {
            if !texts.contains(aliases, &text) {
                aliases.push(Alias {
                    text,
                    case,
                    gate: gate.clone(),
                    not_after: not_after.clone(),
                });
                texts.note(aliases);
            }
        }
    }
}

/// `S-400` → `S 400`, `S400`: every junction of a letter and a digit,
/// joined by `-`, a space or nothing, in the other two forms (at most two
/// junctions per alias).
pub(crate) fn designator_variants(alias: &str) -> Vec<String> {
    let chars: Vec<char> = alias.chars().collect();
    // Junctions: (index of the letter, length of the separator).
    let mut junctions = Vec::new();
    for (i, pair) in chars.windows(3).enumerate() {
        if let [a, sep, digit] = pair {
            if a.is_alphabetic() && matches!(sep, '-' | ' ') && digit.is_ascii_digit() {
                junctions.push((i, 1));
            }
        }
    }
    for (i, pair) in chars.windows(2).enumerate() {
        if let [a, digit] = pair {
            if a.is_alphabetic() && digit.is_ascii_digit() {
                junctions.push((i, 0));
            }
        }
    }
    junctions.sort_unstable();
    junctions.truncate(2);
    let mut out: Vec<String> = vec![String::new()];
    let mut next = 0;
    for &(letter, sep_len) in &junctions {
        let head: String = chars
            .get(next..=letter)
            .unwrap_or_default()
            .iter()
            .collect();
        out = out
            .iter()
            .flat_map(|prefix| ["-", " ", ""].map(|sep| format!("{prefix}{head}{sep}")))
            .collect();
        next = letter + 1 + sep_len;
    }
    let tail: String = chars.get(next..).unwrap_or_default().iter().collect();
    out.into_iter()
        .map(|prefix| prefix + &tail)
        .filter(|v| v != alias)
        .collect()
}

/// Old Indonesian spelling (before 1972) to the modern one: `oe` → `u`,
/// `dj` → `j`, `tj` → `c`, `sj` → `sy`, `nj` → `ny`, and a remaining `j` →
/// `y`. Only for aliases that show an old digraph (`oe`, `dj`, `tj`, `sj`):
/// `Soekarno` → `Sukarno`, `Tjahjo Kumolo` → `Cahyo Kumolo`.
pub(crate) fn modern_spelling(alias: &str) -> Option<String> {
    let lower = alias.to_lowercase();
    if !["oe", "dj", "tj", "sj"].iter().any(|d| lower.contains(d)) {
        return None;
    }
    let chars: Vec<char> = alias.chars().collect();
    let mut out = String::with_capacity(alias.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).map(|n| n.to_ascii_lowercase());
        let upper = c.is_uppercase();
        let whole_upper = upper && chars.get(i + 1).is_some_and(|n| n.is_uppercase());
        let cased = |s: &str| {
            if whole_upper {
                s.to_uppercase()
            } else if upper {
                let mut cs = s.chars();
                cs.next()
                    .map(|f| f.to_uppercase().chain(cs).collect())
                    .unwrap_or_default()
            } else {
                s.to_string()
            }
        };
        let (replacement, used) = match (c.to_ascii_lowercase(), next) {
            ('o', Some('e')) => (cased("u"), 2),
            ('d', Some('j')) => (cased("j"), 2),
            ('t', Some('j')) => (cased("c"), 2),
            ('s', Some('j')) => (cased("sy"), 2),
            ('n', Some('j')) => (cased("ny"), 2),
            ('j', _) => (cased("y"), 1),
            _ => (c.to_string(), 1),
        };
        out.push_str(&replacement);
        i += used;
    }
    (out != alias).then_some(out)
}
