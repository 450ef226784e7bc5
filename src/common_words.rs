//! The common-word lexicon: everyday Indonesian words that are not names,
//! for text whose letter case says nothing.
//!
//! In a line written without capitals (chat, comments, feeds, tag lists)
//! an alias written with capitals still matches, case aside, unless its
//! folded form is one of these words (`barat`, `antara`, `dia`): there the
//! word is far more often the word than the name. The list is
//! `rules/common-words.txt` (generated from licence-clean text, see
//! `gazetteers/README.md`) and `rules/stopwords.txt`.

use crate::types::FnvSet;
use once_cell::sync::Lazy;

/// The folded common words.
static COMMON: Lazy<FnvSet<&'static str>> = Lazy::new(|| {
    [
        include_str!("../rules/common-words.txt"),
        include_str!("../rules/stopwords.txt"),
    ]
    .iter()
    .flat_map(|file| file.lines())
    .map(str::trim)
    .filter(|l| !l.is_empty() && !l.starts_with('#'))
    .collect()
});

/// The stopwords alone (`yang`, `pada`, `atas`): the words a glued name
/// may be followed by ([`crate::unglue`]).
static STOP: Lazy<FnvSet<&'static str>> = Lazy::new(|| {
    include_str!("../rules/stopwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether `word` (lower case) is a stopword.
pub(crate) fn is_stopword(word: &str) -> bool {
    STOP.contains(word)
}

/// Whether `word` (lower case) is a common word.
pub(crate) fn is_common(word: &str) -> bool {
    COMMON.contains(word)
}

/// Whether `word`, lower-cased, is a common word; ASCII words of up to 24
/// bytes are lower-cased on the stack.
pub(crate) fn is_common_any_case(word: &str) -> bool {
    let mut buf = [0u8; 24];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(is_common)
        }
        _ => is_common(&word.to_lowercase()),
    }
}

/// Whether the line of `text` around `start..end` has no upper-case
/// letter: its letter case carries no information, so a name may be
/// written in lower case there.
/// (The matcher asks [`is_caseless_line`] once per line.)
#[cfg(test)]
pub(crate) fn in_caseless_line(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = line_around(text, start, end);
    text.get(from..to).is_some_and(is_caseless_line)
}

/// Whether `line` has no upper-case letter, as [`in_caseless_line`] says.
pub(crate) fn is_caseless_line(line: &str) -> bool {
    !line.chars().any(char::is_uppercase)
}

/// The byte range of the line(s) of `text` holding `start..end`, without
/// their line breaks.
pub(crate) fn line_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let from = bytes
        .get(..start)
        .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
        .map_or(0, |i| i + 1);
    let to = bytes
        .get(end..)
        .and_then(|b| b.iter().position(|&c| c == b'\n'))
        .map_or(bytes.len(), |i| end + i);
    (from, to)
}

/// Whether the line of `text` around `start..end` is written in capitals:
/// two words or more and no lower-case letter (`PRESIDEN TIBA DI SOLO`),
/// or three words of three letters or more, each capitalized (a title-case
/// headline: `Harga Cabai Naik Lagi`). Capitals mark no name there. (The
/// matcher asks [`is_capital_line`] once per line.)
#[cfg(test)]
pub(crate) fn in_capital_line(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = line_around(text, start, end);
    is_capital_line(text.get(from..to).unwrap_or_default())
}

/// Whether `line` is written in capitals, as [`in_capital_line`] says.
pub(crate) fn is_capital_line(line: &str) -> bool {
    let words = || {
        line.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(char::is_alphabetic))
    };
    if !line.chars().any(char::is_lowercase) {
        return words().nth(1).is_some();
    }
    let mut long = words().filter(|w| w.chars().nth(2).is_some()).peekable();
    long.peek().is_some()
        && long
            .clone()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && long.count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_and_caseless_lines() {
        assert!(is_common("barat"));
        assert!(is_common("dia"));
        assert!(!is_common("rusia"));
        let text = "Rusia dan Iran.\npresiden rusia bertemu iran\nAkhir";
        let at = text.find("rusia").unwrap();
        assert!(in_caseless_line(text, at, at + 5));
        assert!(!in_caseless_line(text, 0, 5));
        assert!(in_caseless_line("", 0, 0));
        assert!(is_common_any_case("Barat"));
        assert!(is_common_any_case("ANTARA"));
        assert!(!is_common_any_case("Rusia"));
        let text = "Rusia dan Iran.\nPRESIDEN TIBA DI SOLO\nHarga Cabai Naik Lagi\nAS";
        let at = |w: &str| text.find(w).unwrap();
        assert!(!in_capital_line(text, 0, 5));
        assert!(in_capital_line(text, at("TIBA"), at("TIBA") + 4));
        assert!(in_capital_line(text, at("Cabai"), at("Cabai") + 5));
        // One word alone is no evidence.
        assert!(!in_capital_line(text, at("\nAS") + 1, text.len()));
    }
}
