//! Glued words: where text scraped from web pages lost the space before a
//! link's text (`dilansirReuters`, `diSelat Malaka`, `kepadaPresiden`).
//!
//! A join is a lower-case ASCII letter followed directly by a capital, where
//! the word before the capital is a whole lower-case word of three letters
//! or more, or a two-letter common word ([`crate::common_words`]):
//! `dilansir|Reuters`, `di|Selat`. Names written
//! in camel case stay whole (`YouTube`, `KapanLagi`, `iPhone`, `McDonald`,
//! `detikNews`: a capital or no common word before the join). The extractor runs the
//! pipeline on a copy of the text with a space at every join and maps the
//! offsets back, so every span is still a slice of the original text.

use crate::common_words;

/// Common words that begin media names in camel case (`detikNews`,
/// `detikJabar`): not a join.
const BRAND_PREFIXES: &[&str] = &["detik"];

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` set where that byte is in `lo..=hi`
/// (ASCII `lo`, `hi`; other bytes never are).
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let y = x & !HIGH;
    let at_least = y.wrapping_add(ONES * u64::from(0x80 - lo));
    let above = y.wrapping_add(ONES * u64::from(0x7f - hi));
    at_least & !above & !x & HIGH
}

/// Whether `text` has a lower-case ASCII letter followed by a capital
/// anywhere: 8 bytes at a time, so a text without one costs little.
fn may_have_joins(bytes: &[u8]) -> bool {
    let mut last_lower = false;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let lower = in_range(x, b'a', b'z');
        let upper = in_range(x, b'A', b'Z');
        if (lower << 8) & upper != 0 || (last_lower && upper & 0x80 != 0) {
            return true;
        }
        last_lower = lower >> 63 != 0;
    }
    let mut prev_lower = last_lower;
    for &b in chunks.remainder() {
        if prev_lower && b.is_ascii_uppercase() {
            return true;
        }
        prev_lower = b.is_ascii_lowercase();
    }
    false
}

/// The byte offsets of `text` where a space is missing before a name, in
/// order; empty for most texts.
pub(crate) fn joins(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    if !may_have_joins(bytes) {
        return out;
    }
    let mut run_start = 0; // start of the current run of lower-case letters
    for (i, pair) in bytes.windows(2).enumerate() {
        let [a, b] = [pair.first().copied(), pair.get(1).copied()].map(Option::unwrap_or_default);
        if !a.is_ascii_lowercase() {
            run_start = i + 1;
            continue;
        }
        if !b.is_ascii_uppercase() {
            continue;
        }
        // The word before the capital: a whole lower-case word. A capital
        // before it makes a camel-case name (`KapanLagi`, `DiCaprio`,
        // `YouTube`), which stays whole.
        let starts_word = run_start
            .checked_sub(1)
            .and_then(|s| bytes.get(s))
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let left = text.get(run_start..=i).unwrap_or_default();
        // Two letters must be a common word (`di`, `ke`); one letter is a
        // prefix (`iPhone`, `eKTP`, `mRNA`).
        let word = left.len() >= 3 || left.len() == 2 && common_words::is_common(left);
        if starts_word && word && !BRAND_PREFIXES.contains(&left) {
            out.push(i + 1);
        }
    }
    out
}

/// `text` with a space inserted at each of `joins`.
pub(crate) fn spaced(text: &str, joins: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + joins.len());
    let mut at = 0;
    for &j in joins {
        out.push_str(text.get(at..j).unwrap_or_default());
        out.push(' ');
        at = j;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// The original offset of byte `at` of the spaced text.
pub(crate) fn original(joins: &[usize], at: usize) -> usize {
    // The k-th inserted space sits at spaced offset joins[k] + k.
    let before = joins
        .iter()
        .enumerate()
        .take_while(|&(k, &j)| j + k < at)
        .count();
    at - before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unglued(text: &str) -> String {
        spaced(text, &joins(text))
    }

    #[test]
    fn join_kinds() {
        for (glued, want) in [
            (
                "seperti dilansirReuters, Senin",
                "seperti dilansir Reuters, Senin",
            ),
            (
                "patroli gabungan diSelat Malaka",
                "patroli gabungan di Selat Malaka",
            ),
            ("kepadaPresiden Prabowo", "kepada Presiden Prabowo"),
            // Camel-case names stay whole.
            ("video YouTube dan TikTok", "video YouTube dan TikTok"),
            (
                "KapanLagi, detikJabar, DiCaprio",
                "KapanLagi, detikJabar, DiCaprio",
            ),
            ("iPhone baru McDonald", "iPhone baru McDonald"),
            ("tanpa sambungan", "tanpa sambungan"),
            ("", ""),
        ] {
            assert_eq!(unglued(glued), want, "{glued}");
        }
    }

    #[test]
    fn offsets_map_back() {
        let text = "dilansirReuters diSelat";
        let j = joins(text);
        assert_eq!(j, [8, 18]);
        let s = spaced(text, &j);
        let reuters = s.find("Reuters").unwrap();
        assert_eq!(original(&j, reuters), 8);
        assert_eq!(original(&j, reuters + 7), 15);
        let selat = s.find("Selat").unwrap();
        assert_eq!(&text[original(&j, selat)..original(&j, selat + 5)], "Selat");
    }

    #[test]
    fn the_fast_test_agrees_with_bytes() {
        for t in [
            "abcdefgH",
            "abcdefghIjk",
            "ABCDEFGH",
            "aaaaaaaa",
            "aaaaaaaaaaaaaaaB",
            "a\u{e9}B",
        ] {
            let slow = t
                .as_bytes()
                .windows(2)
                .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
            assert_eq!(may_have_joins(t.as_bytes()), slow, "{t}");
        }
    }
}
