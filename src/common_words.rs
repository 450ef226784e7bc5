//! The common-word lexicon: everyday Indonesian words that are not names,
//! for text whose letter case says nothing.
//!
//! In a line written without capitals (chat, comments, feeds, tag lists)
//! an alias written with capitals still matches, case aside, unless its
//! folded form is one of these words (`barat`, `antara`, `dia`): there the
//! word is far more often the word than the name. The list is
//! `rules/common-words.txt` (generated from licence-clean text, see
//! `gazetteers/README.md`) and `rules/stopwords.txt`.

use once_cell::sync::Lazy;
use std::collections::HashSet;

/// The folded common words.
static COMMON: Lazy<HashSet<&'static str>> = Lazy::new(|| {
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
static STOP: Lazy<HashSet<&'static str>> = Lazy::new(|| {
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

/// Whether the line of `text` around `start..end` has no upper-case
/// letter: its letter case carries no information, so a name may be
/// written in lower case there.
pub(crate) fn in_caseless_line(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = line_around(text, start, end);
    text.get(from..to)
        .is_some_and(|line| !line.chars().any(char::is_uppercase))
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
    }
}
