//! Tokenization: where words start and end in Indonesian text.
//!
//! A token is a run of word characters (letters, digits, combining marks),
//! kept whole across `.` or `,` between digits (`Rp10.000,00`); every other
//! non-blank character is a token of its own, so `Rusia-Ukraina`,
//! `CNN.com` and `IRGC's` split at the punctuation. Sentences follow the
//! Unicode sentence boundaries of `unicode-segmentation` (UAX #29), which
//! also break at line ends.
//!
//! The matcher does not use these tokens but [`pieces`]: runs of word
//! characters and single other characters, without the digit joining and
//! with blanks and hyphens as mere separators, so that `Soekarno-Hatta`
//! and `Soekarno Hatta` cut alike. An alias therefore starts and ends on
//! a token boundary. The one Indonesian addition is the enclitic: a name
//! followed directly by `-nya`, `-lah`, `-kah`, `-pun`, `-ku` or `-mu`
//! (`Rusianya`, `PBB-nya`) still ends there (a piece's stem). The
//! boundary predicates `starts_token` and `ends_token` state the same
//! rule on folded text; they remain as the reference a matcher test
//! checks the trie against.

use crate::normalize::is_word_char;
use unicode_segmentation::UnicodeSegmentation;

/// Enclitics that may follow a name inside the same written word
/// ([`clitic_len`] matches them byte by byte).
#[cfg(test)]
const CLITICS: &[&str] = &["nya", "lah", "kah", "pun", "ku", "mu"];

/// True when a match may start at byte `at` of `text`.
#[cfg(test)]
pub(crate) fn starts_token(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let after = text.get(at..).and_then(|s| s.chars().next());
    match (before, after) {
        (Some(b), Some(a)) => !(is_word_char(b) && is_word_char(a)),
        _ => true,
    }
}

/// True when a match may end at byte `at` of `text` (lower-cased text):
/// at a token boundary, or where an enclitic follows a letter and ends the
/// word.
#[cfg(test)]
pub(crate) fn ends_token(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let rest = text.get(at..).unwrap_or_default();
    let after = rest.chars().next();
    match (before, after) {
        (Some(b), Some(a)) if is_word_char(b) && is_word_char(a) => {
            b.is_alphabetic()
                && CLITICS.iter().any(|c| {
                    rest.strip_prefix(c)
                        .is_some_and(|r| !r.chars().next().is_some_and(is_word_char))
                })
        }
        _ => true,
    }
}

/// A piece of folded text, the unit the matcher works on: a run of word
/// chars, or one other char that is not a blank. The matcher's patterns are
/// sequences of pieces, so an alias can only start and end where a piece
/// does, which is the boundary rule of [`starts_token`] and [`ends_token`]
/// in one pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Start byte in the scanned text.
    pub(crate) start: usize,
    /// End byte (exclusive).
    pub(crate) end: usize,
    /// The matcher's id for `start..end`, [`Piece::NONE`] if it has none.
    pub(crate) id: u32,
    /// The matcher's id for the piece without its enclitic
    /// (`start..stem()`), [`Piece::NONE`] if it has none or no enclitic.
    pub(crate) stem_id: u32,
    /// Length of the enclitic the piece ends with (`rusia|nya`: 3), or 0.
    pub(crate) clitic: u8,
    /// A blank (or a hyphen) comes before the piece.
    pub(crate) spaced: bool,
}

impl Piece {
    /// No id: the piece occurs in no pattern.
    pub(crate) const NONE: u32 = u32::MAX;

    /// Where the piece ends without its enclitic; `end` when it has none.
    #[inline]
    pub(crate) fn stem(&self) -> usize {
        self.end - usize::from(self.clitic)
    }
}

/// Byte classes for [`pieces`]: ASCII word chars, blanks (and the hyphen),
/// other ASCII, and the lead or continuation bytes of other chars.
const WORD: u8 = 0;
const BLANK: u8 = 1;
const OTHER: u8 = 2;
const WIDE: u8 = 3;
// Evaluated at compile time: an out-of-bounds index would fail the build.
// `b < 256`: the cast to u8 loses nothing (try_from is not const).
#[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
const CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c >= 128 {
            WIDE
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'-') {
            BLANK
        } else {
            OTHER
        };
        b += 1;
    }
    class
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(WIDE)
}

/// The end of the run of ASCII word bytes from `at`: 8 bytes at a time,
/// each chunk classified whole and the first non-word byte found with a
/// bit scan, so a word's end costs no mispredicted branch per byte.
#[inline]
fn ascii_word_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let stop = !ascii_alnum8(x) & HIGH;
        if stop != 0 {
            return at + (stop.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .position(|&b| class(b) != WORD)
        .unwrap_or(bytes.len().saturating_sub(at))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` set where that byte is an ASCII letter
/// or digit (the `WORD` class), computed on all 8 bytes at once.
#[inline]
fn ascii_alnum8(x: u64) -> u64 {
    let y = x & !HIGH;
    // High bit set where a 7-bit byte of `v` is >= `lo` / > `hi`: adding
    // stays within the byte.
    let at_least = |v: u64, lo: u8| v.wrapping_add(ONES * u64::from(0x80 - lo));
    let above = |v: u64, hi: u8| v.wrapping_add(ONES * u64::from(0x7f - hi));
    let l = y | (ONES * 0x20); // A-Z onto a-z; no other byte lands there
    let letter = at_least(l, b'a') & !above(l, b'z');
    let digit = at_least(y, b'0') & !above(y, b'9');
    (letter | digit) & !x & HIGH
}

/// The class of the (non-ASCII) char at `at`, and its length.
fn wide_class(text: &str, at: usize) -> (u8, usize) {
    match text.get(at..).and_then(|s| s.chars().next()) {
        Some(c) if is_word_char(c) => (WORD, c.len_utf8()),
        Some(c) if c.is_whitespace() => (BLANK, c.len_utf8()),
        Some(c) => (OTHER, c.len_utf8()),
        None => (OTHER, 1),
    }
}

/// Cuts `text` into [`Piece`]s (ids unset) and hands each to `emit`, in
/// order. `text` is either folded text (from [`crate::normalize`]) or
/// ASCII: on ASCII the folding is only lower-casing and blank runs, which
/// the matcher does while it looks pieces up, so ASCII text needs no folded
/// copy.
#[inline]
pub(crate) fn pieces(text: &str, mut emit: impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut spaced = false;
    while let Some(&b) = bytes.get(at) {
        let (kind, len) = match class(b) {
            WIDE => wide_class(text, at),
            c => (c, 1),
        };
        if kind == BLANK {
            spaced = true;
            at += len;
            continue;
        }
        let start = at;
        at += len;
        if kind == WORD {
            loop {
                at = ascii_word_end(bytes, at);
                match bytes.get(at) {
                    Some(&b) if class(b) == WIDE => match wide_class(text, at) {
                        (WORD, len) => at += len,
                        _ => break,
                    },
                    _ => break,
                }
            }
        }
        emit(Piece {
            start,
            end: at,
            id: Piece::NONE,
            stem_id: Piece::NONE,
            clitic: if kind == WORD {
                clitic_len(bytes, start, at)
            } else {
                0
            },
            spaced,
        });
        spaced = false;
    }
}

/// The length of the enclitic (`nya`, `lah`, `kah`, `pun`, `ku`, `mu`) that ends the word
/// `bytes[start..end]` after a letter, or 0.
#[inline]
fn clitic_len(bytes: &[u8], start: usize, end: usize) -> u8 {
    // The last three bytes, ASCII letters lower-cased (`| 0x20` turns only
    // `A`-`Z` into the lower-case letters compared with), compared with
    // every enclitic at once, and the word's length checked after: no
    // branch until then, as most words end in none of them. (Bytes before
    // `start` may be read; a word too short is rejected by its length.)
    let tail = match bytes.get(end.wrapping_sub(4)..end) {
        Some(&[_, a, b, c]) => u32::from_le_bytes([a, b, c, 0]),
        _ => {
            let at = |k: usize| u32::from(bytes.get(end.wrapping_sub(k)).copied().unwrap_or(0));
            at(3) | at(2) << 8 | at(1) << 16
        }
    } | 0x20_2020;
    let pack = |s: &[u8; 3]| u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16;
    let three = (tail == pack(b"nya"))
        | (tail == pack(b"lah"))
        | (tail == pack(b"kah"))
        | (tail == pack(b"pun"));
    let two = ((tail >> 8) == pack(b"ku\0")) | ((tail >> 8) == pack(b"mu\0"));
    let n: u8 = if three {
        3
    } else if two {
        2
    } else {
        0
    };
    // A stem of one char at least before the enclitic.
    if n == 0 || end.saturating_sub(start) <= usize::from(n) {
        return 0;
    }
    let stem = bytes.get(start..end - usize::from(n)).unwrap_or_default();
    let letter = match stem.last() {
        Some(&b) if b < 128 => b.is_ascii_alphabetic(),
        _ => std::str::from_utf8(stem)
            .ok()
            .and_then(|s| s.chars().next_back())
            .is_some_and(char::is_alphabetic),
    };
    if letter {
        n
    } else {
        0
    }
}

/// A token of the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The token's text, a slice of the input.
    pub text: &'t str,
    /// Start in bytes.
    pub byte_start: usize,
    /// End (exclusive) in bytes.
    pub byte_end: usize,
    /// Start in chars (Unicode scalar values).
    pub char_start: usize,
    /// End (exclusive) in chars.
    pub char_end: usize,
    /// The index of the sentence the token belongs to, counting from 0.
    pub sentence: usize,
}

/// Splits `text` into tokens, each with its sentence index.
///
/// ```
/// let words: Vec<_> = entitas::tokenize("Perang Rusia-Ukraina, kata CNN.com.")
///     .into_iter()
///     .map(|t| t.text)
///     .collect();
/// assert_eq!(words, ["Perang", "Rusia", "-", "Ukraina", ",", "kata", "CNN", ".", "com", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut spans = Vec::new();
    let mut sentence = 0;
    for (offset, s) in text.split_sentence_bound_indices() {
        let tokens = token_spans(s);
        if tokens.is_empty() {
            continue; // a blank line is not a sentence
        }
        spans.extend(
            tokens
                .into_iter()
                .map(|(start, end)| (offset + start, offset + end, sentence)),
        );
        sentence += 1;
    }
    let mut chars = CharCounter::default();
    spans
        .into_iter()
        .filter_map(|(byte_start, byte_end, sentence)| {
            Some(Token {
                text: text.get(byte_start..byte_end)?,
                byte_start,
                byte_end,
                char_start: chars.at(text, byte_start),
                char_end: chars.at(text, byte_end),
                sentence,
            })
        })
        .collect()
}

/// Byte spans of the tokens of one sentence.
pub(crate) fn token_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut word: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let digit_joiner = matches!(c, '.' | ',')
            && word.is_some()
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        if is_word_char(c) || digit_joiner {
            word.get_or_insert(i);
        } else {
            if let Some(start) = word.take() {
                spans.push((start, i));
            }
            if !c.is_whitespace() {
                spans.push((i, i + c.len_utf8()));
            }
        }
        prev = Some(c);
    }
    if let Some(start) = word {
        spans.push((start, s.len()));
    }
    spans
}

/// Converts increasing byte offsets to char offsets in one pass.
#[derive(Default)]
pub(crate) struct CharCounter {
    byte: usize,
    char: usize,
}

impl CharCounter {
    /// The char offset of byte offset `at`; restarts from 0 if asked for an
    /// offset before the previous one.
    pub(crate) fn at(&mut self, text: &str, at: usize) -> usize {
        if at < self.byte {
            *self = CharCounter::default();
        }
        self.char += text.get(self.byte..at).map_or(0, |s| s.chars().count());
        self.byte = at;
        self.char
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_alnum8_is_the_class_table() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let x = u64::from(b) << (8 * k) | (u64::from(b'.') * (ONES & !(0xff << (8 * k))));
                let word = ascii_alnum8(x) >> (8 * k) & 0x80 != 0;
                assert_eq!(word, class(b) == WORD, "byte {b:#x} at {k}");
            }
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn indonesian_tokens() {
        assert_eq!(words("kupu-kupu"), ["kupu", "-", "kupu"]);
        assert_eq!(words("Jl. Sudirman"), ["Jl", ".", "Sudirman"]);
        assert_eq!(words("Rp10.000,00 saja."), ["Rp10.000,00", "saja", "."]);
        assert_eq!(words("Jakartanya"), ["Jakartanya"]);
        assert_eq!(
            words("IRGC’s “aktif,”"),
            ["IRGC", "’", "s", "“", "aktif", ",", "”"]
        );
        assert_eq!(words("  "), Vec::<&str>::new());
    }

    #[test]
    fn sentences_and_offsets() {
        let t = tokenize("Ia datang. Dia pergi ke İran.\n\nSelesai");
        let last = t.last().unwrap();
        assert_eq!((last.text, last.sentence), ("Selesai", 2));
        let iran = t.iter().find(|t| t.text == "İran").unwrap();
        assert_eq!(
            (iran.byte_start, iran.char_start, iran.char_end),
            (24, 24, 28)
        );
        assert_eq!(iran.sentence, 1);
    }

    #[test]
    fn boundaries_and_clitics() {
        let t = "rusianya punya kartina jakarta rusiaxnya";
        assert!(ends_token(t, 5)); // rusia|nya
        assert!(ends_token(t, 11)); // pu|nya: any letter may take a clitic; the alias decides
        assert!(!starts_token(t, 17)); // kart|ina
        assert!(starts_token(t, 23));
        assert!(!ends_token(t, 36)); // rusia|xnya
    }

    #[test]
    fn clitic_lengths() {
        // (text, word start, word end, enclitic length)
        let cases = [
            ("rusianya", 0, 8, 3),
            ("RusiaNYA", 0, 8, 3),
            ("nya", 0, 3, 0),  // no stem
            ("aku", 0, 3, 2),  // fewer than four bytes in the text
            ("ku", 0, 2, 0),   // no stem
            ("x ku", 2, 4, 0), // the byte before the word is not its stem
            ("(n)ya", 3, 5, 0),
            ("12nya", 0, 5, 0), // a digit before the enclitic
            ("Ánya", 0, 5, 3),  // a non-ASCII letter before it
            ("apun bukan", 0, 4, 3),
            ("bukan", 0, 5, 0),
            ("dirimu", 0, 6, 2),
            ("kalah", 0, 5, 3), // the alias decides whether `ka|lah` matters
        ];
        for (text, start, end, n) in cases {
            assert_eq!(clitic_len(text.as_bytes(), start, end), n, "{text:?}");
        }
    }
}
