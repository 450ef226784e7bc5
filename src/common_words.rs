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

/// A one-sided filter over [`COMMON`]: one bit per hash of a word's length
/// and its first and last two bytes. A word whose bit is clear is no common
/// word; most words that are none stop here, without hashing the whole word.
static COMMON_BITS: Lazy<Box<[u64; 1024]>> = Lazy::new(|| {
    let mut bits = Box::new([0u64; 1024]);
    for word in COMMON.iter() {
        let h = shape_hash(word.as_bytes());
        if let Some(cell) = bits.get_mut(h / 64) {
            *cell |= 1 << (h % 64);
        }
    }
    bits
});

/// The bit of `word` in [`COMMON_BITS`] (below 65,536).
#[inline]
fn shape_hash(word: &[u8]) -> usize {
    let n = word.len();
    let at = |k: usize| u32::from(word.get(k).copied().unwrap_or_default());
    // `n` is masked to a byte: the hash only needs to spread lengths.
    let len = u32::from(u8::try_from(n & 0xff).unwrap_or_default());
    let key = len | at(0) << 8 | at(1) << 16 | at(n.wrapping_sub(1)) << 24;
    let key = key ^ at(n.wrapping_sub(2)).rotate_left(13);
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// Whether `word` (lower case) may be a common word or stopword: false
/// means it is neither; true, that [`is_common`] has to say.
#[inline]
pub(crate) fn may_be_common(word: &str) -> bool {
    let h = shape_hash(word.as_bytes());
    COMMON_BITS
        .get(h / 64)
        .is_some_and(|cell| cell >> (h % 64) & 1 != 0)
}

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

    /// The filter never says no to a common word or stopword, and says no
    /// to most other letter strings (the ends of capitalized words that
    /// the glue check asks about).
    #[test]
    fn the_common_word_filter_is_one_sided() {
        assert!(COMMON.iter().all(|w| may_be_common(w)));
        let others: Vec<String> = ["sono", "wati", "jaya", "prasetyo", "hadi", "kusuma"]
            .iter()
            .flat_map(|a| ["", "n", "to", "ningrat"].map(|b| format!("{a}{b}")))
            .filter(|w| !is_common(w))
            .collect();
        let passed = others.iter().filter(|w| may_be_common(w)).count();
        assert!(passed * 4 < others.len(), "{passed} of {}", others.len());
    }

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
