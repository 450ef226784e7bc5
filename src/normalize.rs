//! Normalization: one pass over the text that folds what should not matter
//! for matching, and remembers where every normalized byte came from.
//!
//! The folded form is:
//! - compatibility-decomposed (NFKD) with combining marks dropped, so
//!   `Erdoğan` and `Erdogan`, or `İran` and `Iran`, read the same;
//! - lower-cased (for the automaton; [`fold_cased`] keeps the case, for the
//!   smart-case check);
//! - every run of whitespace (any Unicode whitespace, including the
//!   no-break space) becomes one ASCII space, so `Amerika\nSerikat` and
//!   `Amerika  Serikat` match `Amerika Serikat`;
//! - hyphens and dashes count as whitespace (`Soekarno-Hatta` matches
//!   `Soekarno Hatta`; `Bangsa-Bangsa` matches `Bangsa Bangsa`), apostrophes
//!   become `'`, and a few letters with no decomposition are folded by hand
//!   (`ı`, `ø`, `ł`, `đ`).
//!
//! The matcher scans ASCII text as it is (it folds ASCII case while it
//! looks words up, and reads blank runs itself); other text it scans in
//! [`Normalized::for_matching`] form, where only the non-ASCII chars are
//! folded.
//!
//! [`Normalized`] maps every normalized byte back to the byte offset of the
//! original char that produced it, so a match in the folded text becomes an
//! exact span of the original text.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A normalized text and its map back to the original.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    /// The folded, lower-cased text that the automaton scans.
    pub(crate) text: String,
    /// Where the normalized bytes came from, in runs (see [`Segment`]),
    /// sorted by `norm`. Plain ASCII text folds byte for byte, so a run
    /// ends only at a non-ASCII char or a collapsed blank: the map costs a
    /// few bytes per such event, not per byte of text.
    segments: Vec<Segment>,
    /// The original text's length: where the end of `text` maps to.
    orig_len: usize,
}

/// A run of normalized bytes starting at `norm`, produced from the
/// original text starting at byte `orig`.
#[derive(Clone, Copy, Debug)]
struct Segment {
    norm: usize,
    orig: usize,
    /// One original char folded to other bytes (`İ` → `i`, `ﬁ` → `fi`):
    /// only the run's first byte maps back. Otherwise the run is a byte-for-
    /// byte copy (ASCII, or a char that folds to itself).
    atom: bool,
}

impl Normalized {
    /// Normalizes `text` (lower-cased, blank runs to one space): the full
    /// folded form, which the tests compare the matcher against.
    #[cfg(test)]
    pub(crate) fn new(text: &str) -> Self {
        let mut n = Normalized {
            text: String::with_capacity(text.len()),
            segments: Vec::new(),
            orig_len: text.len(),
        };
        let mut last_space = true; // leading whitespace is dropped
        let bytes = text.as_bytes();
        let mut offset = 0;
        while let Some(&b) = bytes.get(offset) {
            if b < 128 {
                // An ASCII run: each byte folds to itself, lower-cased, or
                // to a space (blanks, hyphens), or to nothing (a blank
                // after a blank); a run of the map ends only at the latter.
                let end = bytes
                    .get(offset..)
                    .and_then(|rest| rest.iter().position(|&b| b >= 128))
                    .map_or(bytes.len(), |p| offset + p);
                let mut delta = n
                    .segments
                    .last()
                    .filter(|s| !s.atom)
                    .map(|s| s.orig.wrapping_sub(s.norm));
                for (at, &b) in bytes
                    .get(offset..end)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    let at = offset + at;
                    let out = if b == b'-' || char::from(b).is_whitespace() {
                        if last_space {
                            continue;
                        }
                        last_space = true;
                        b' '
                    } else {
                        last_space = false;
                        b.to_ascii_lowercase()
                    };
                    let before = n.text.len();
                    if delta != Some(at.wrapping_sub(before)) {
                        n.segments.push(Segment {
                            norm: before,
                            orig: at,
                            atom: false,
                        });
                        delta = Some(at.wrapping_sub(before));
                    }
                    n.text.push(char::from(out));
                }
                offset = end;
                continue;
            }
            let Some(c) = text.get(offset..).and_then(|s| s.chars().next()) else {
                break;
            };
            n.push_folded(c, offset, &mut last_space);
            offset += c.len_utf8();
        }
        n
    }

    /// The folded text the matcher scans: every non-ASCII char folded as
    /// the module doc says, but ASCII bytes copied as they are, case
    /// and blank runs kept (the matcher folds ASCII case while it looks
    /// words up, and reads blank runs itself). A run of ASCII is one copy
    /// and one entry of the map.
    pub(crate) fn for_matching(text: &str) -> Self {
        let mut n = Normalized {
            text: String::with_capacity(text.len()),
            segments: Vec::new(),
            orig_len: text.len(),
        };
        let mut last_space = false;
        let bytes = text.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            let ascii = bytes
                .get(offset..)
                .and_then(|rest| rest.iter().position(|&b| b >= 128))
                .map_or(bytes.len(), |p| offset + p);
            if ascii > offset {
                let run = text.get(offset..ascii).unwrap_or_default();
                n.copied(n.text.len(), offset);
                n.text.push_str(run);
                last_space = false;
                offset = ascii;
                continue;
            }
            let Some(c) = text.get(offset..).and_then(|s| s.chars().next()) else {
                break;
            };
            n.push_folded(c, offset, &mut last_space);
            offset += c.len_utf8();
        }
        n
    }

    /// Appends the non-ASCII char `c` (at original byte `offset`) folded,
    /// and maps what it produced back to it.
    fn push_folded(&mut self, c: char, offset: usize, last_space: &mut bool) {
        let before = self.text.len();
        fold_char(c, true, last_space, &mut self.text);
        let produced = self.text.len() - before;
        if produced == 0 {
            return;
        }
        if produced == c.len_utf8() && self.text.get(before..).is_some_and(|s| s.starts_with(c)) {
            self.copied(before, offset);
        } else {
            self.segments.push(Segment {
                norm: before,
                orig: offset,
                atom: true,
            });
        }
    }

    /// Maps the normalized bytes from `norm` on to the original bytes from
    /// `orig` on, one for one (a copy).
    fn copied(&mut self, norm: usize, orig: usize) {
        let continues = self
            .segments
            .last()
            .is_some_and(|s| !s.atom && norm - s.norm == orig - s.orig);
        if !continues {
            self.segments.push(Segment {
                norm,
                orig,
                atom: false,
            });
        }
    }

    /// The original offset of normalized byte `at`, `None` inside the
    /// output of a single original char.
    fn orig(&self, at: usize) -> Option<usize> {
        if at >= self.text.len() {
            return (at == self.text.len()).then_some(self.orig_len);
        }
        let i = self
            .segments
            .partition_point(|s| s.norm <= at)
            .checked_sub(1)?;
        let s = self.segments.get(i)?;
        match (s.atom, at - s.norm) {
            (true, 0) => Some(s.orig),
            (true, _) => None,
            (false, d) => Some(s.orig + d),
        }
    }

    /// The original byte offset of a match that starts at normalized byte
    /// `start`, or `None` when `start` falls inside the output of a single
    /// original char (as in the middle of `ﬁ` → `fi`).
    pub(crate) fn orig_start(&self, start: usize) -> Option<usize> {
        self.orig(start)
    }

    /// The original byte offset of a match that ends at normalized byte
    /// `end` (exclusive), under the same condition as [`Self::orig_start`].
    pub(crate) fn orig_end(&self, end: usize) -> Option<usize> {
        if end == 0 {
            return None;
        }
        self.orig(end)
    }
}

/// Folds `s` the way [`Normalized::for_matching`] folds non-ASCII text (and the
/// matcher ASCII), lower-cased, blank runs to one space, trimmed. Used
/// for gazetteer aliases.
pub(crate) fn fold_lower(s: &str) -> String {
    fold(s, true)
}

/// Folds `s` like [`fold_lower`] but keeps letter case: the form the
/// smart-case check compares.
pub(crate) fn fold_cased(s: &str) -> String {
    fold(s, false)
}

fn fold(s: &str, lower: bool) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, lower, &mut out);
    out
}

/// Appends `s` folded (see [`fold_lower`], [`fold_cased`]) to `out`.
pub(crate) fn fold_into(s: &str, lower: bool, out: &mut String) {
    let from = out.len();
    let mut last_space = true;
    if s.is_ascii() {
        // The common case: words copied whole, blank and hyphen runs
        // between them to one space.
        out.reserve(s.len());
        for run in s.split(|c: char| c == '-' || c.is_whitespace()) {
            if run.is_empty() {
                continue; // more blanks, or leading ones
            }
            if !last_space {
                out.push(' ');
            }
            let at = out.len();
            out.push_str(run);
            if lower {
                if let Some(added) = out.get_mut(at..) {
                    added.make_ascii_lowercase();
                }
            }
            last_space = false;
        }
    } else {
        for c in s.chars() {
            fold_char(c, lower, &mut last_space, out);
        }
    }
    if out.len() > from && out.ends_with(' ') {
        out.pop();
    }
}

/// A char that is part of a word: letters, digits and combining marks.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

#[inline]
fn fold_char(c: char, lower: bool, last_space: &mut bool, out: &mut String) {
    if c.is_ascii() {
        // `is_whitespace`, not `is_ascii_whitespace`: the vertical tab
        // (U+000B) is Unicode whitespace too.
        if c.is_whitespace() || c == '-' {
            push_space(last_space, out);
        } else {
            out.push(if lower { c.to_ascii_lowercase() } else { c });
            *last_space = false;
        }
        return;
    }
    if c.is_whitespace() || c == '\u{200B}' {
        // A zero-width space (web text puts one between words) separates.
        push_space(last_space, out);
        return;
    }
    if is_invisible(c) {
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if d.is_whitespace() || is_dash(d) {
            push_space(last_space, out);
            return;
        }
        if lower {
            for l in d.to_lowercase() {
                if !is_combining_mark(l) {
                    out.push(fold_extra(l));
                }
            }
        } else {
            out.push(fold_extra(d));
        }
        *last_space = false;
    });
}

#[inline]
fn push_space(last_space: &mut bool, out: &mut String) {
    if !*last_space {
        out.push(' ');
        *last_space = true;
    }
}

/// Invisible characters that web text leaves inside words: the soft hyphen
/// (`Mos\u{AD}kow`), zero-width joiners and non-joiners, the word joiner
/// and the byte-order mark. They fold to nothing, so the word is whole.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Hyphens and dashes: folded to a space, so `Soekarno-Hatta` matches
/// `Soekarno Hatta` and `Rusia–Ukraina` splits like `Rusia-Ukraina`.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Letters without a canonical decomposition, and apostrophe variants.
fn fold_extra(c: char) -> char {
    match c {
        'ı' => 'i',
        'ø' => 'o',
        'Ø' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        'đ' => 'd',
        'Đ' => 'D',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => '\'',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, needle: &str) -> Option<(usize, usize)> {
        let n = Normalized::new(text);
        let at = n.text.find(needle)?;
        Some((n.orig_start(at)?, n.orig_end(at + needle.len())?))
    }

    #[test]
    fn folds_case_diacritics_and_whitespace() {
        assert_eq!(fold_lower("  Erdoğan "), "erdogan");
        assert_eq!(fold_lower("İran"), "iran");
        assert_eq!(fold_lower("Amerika\n \tSerikat"), "amerika serikat");
        assert_eq!(fold_lower("Amerika\u{a0}Serikat"), "amerika serikat");
        assert_eq!(fold_lower("IRGC’s"), "irgc's");
        assert_eq!(fold_lower("Rusia–Ukraina"), "rusia ukraina");
        assert_eq!(fold_lower("Soekarno - Hatta"), "soekarno hatta");
        assert_eq!(fold_cased("Erdoğan"), "Erdogan");
        assert_eq!(fold_lower("ﬁnal"), "final");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let text = "Presiden Erdoğan di İran";
        let (s, e) = span_of(text, "erdogan").unwrap();
        assert_eq!(&text[s..e], "Erdoğan");
        let (s, e) = span_of(text, "iran").unwrap();
        assert_eq!(&text[s..e], "İran");
        let text = "di Amerika \n\n Serikat.";
        let (s, e) = span_of(text, "amerika serikat").unwrap();
        assert_eq!(&text[s..e], "Amerika \n\n Serikat");
    }

    #[test]
    fn decomposed_input_keeps_its_marks_in_the_span() {
        let text = "Erdog\u{306}an dan";
        let (s, e) = span_of(text, "erdogan").unwrap();
        assert_eq!(&text[s..e], "Erdog\u{306}an");
        let text = "Jose\u{301} x";
        let (s, e) = span_of(text, "jose").unwrap();
        assert_eq!(&text[s..e], "Jose\u{301}");
    }

    #[test]
    fn invisible_characters_of_web_text() {
        assert_eq!(fold_lower("Mos\u{AD}kow"), "moskow");
        assert_eq!(fold_lower("\u{FEFF}Rusia"), "rusia");
        assert_eq!(fold_lower("Vladimir\u{200B}Putin"), "vladimir putin");
        assert_eq!(fold_lower("Jo\u{200D}ko"), "joko");
    }

    #[test]
    fn refuses_offsets_inside_one_original_char() {
        let n = Normalized::new("ﬁx");
        assert_eq!(n.text, "fix");
        assert_eq!(n.orig_start(1), None);
        assert_eq!(n.orig_end(1), None);
        assert_eq!(n.orig_end(2), Some(3));
    }
}
