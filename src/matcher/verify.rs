//! Checking each trie match: mapped back to the original text, then the
//! alias's case policy, its `!` context window and `@not-after` phrases.

use super::Found;
use super::Matcher;
use super::NONE;
use crate::common_words;
use crate::gazetteer::CONTEXT_WORDS;
use crate::normalize::fold_cased;
use crate::normalize::Normalized;
use crate::tokenize::Piece;
use crate::types::Candidate;
use crate::types::Case;

impl Matcher {
    /// Maps each trie match back to the original text and keeps the aliases
    /// whose case policy and context gate accept it.
    ///
    /// `norm` is the folded text that was scanned, `None` when `text` itself
    /// (ASCII) was.
    pub(super) fn verify(
        &self,
        text: &str,
        norm: Option<&Normalized>,
        scanned: &[Piece],
        found: &[Found],
        out: &mut Vec<Candidate>,
    ) {
        let scanned_text = norm.map_or(text, |n| &n.text).as_bytes();
        let orig_start = |at| norm.map_or(Some(at), |n| n.orig_start(at));
        let orig_end = |at| norm.map_or(Some(at), |n| n.orig_end(at));
        let mut lines = LineCase::default();
        for &Found {
            first,
            last,
            start,
            end,
            node,
        } in found
        {
            let Some(n) = self.nodes.get(node as usize) else {
                continue;
            };
            let (Some(byte_start), Some(byte_end)) = (orig_start(start), orig_end(end)) else {
                continue;
            };
            let Some(original) = text.get(byte_start..byte_end) else {
                continue;
            };
            let mut folded: Option<String> = None;
            let mut next = n.first;
            while let Some(alias) = self.aliases.get(next as usize) {
                next = alias.next;
                if alias.case_sensitive() {
                    let cased = self
                        .cased
                        .get(alias.cased.0 as usize..alias.cased.1 as usize)
                        .unwrap_or_default();
                    let auto = self.case == Case::Auto;
                    if case_matches(original, cased, &mut folded) {
                        if auto
                            && common_in_capitals(cased, || {
                                lines.capital(text, byte_start, byte_end)
                            })
                        {
                            continue;
                        }
                    } else if !(auto
                        && caseless_match(cased, || lines.caseless(text, byte_start, byte_end)))
                    {
                        continue;
                    }
                }
                if alias.context != NONE
                    && !has_context(scanned, first, last, self.phrases(alias.context))
                {
                    continue;
                }
                if alias.not_after != NONE
                    && ends_before(
                        scanned,
                        scanned_text,
                        first,
                        self.phrases(alias.not_after),
                        self.number,
                    )
                {
                    continue;
                }
                out.push(Candidate {
                    byte_start,
                    byte_end,
                    entity: alias.entity,
                    linked: alias.linked,
                    rule: None,
                });
            }
        }
    }
}

/// Smart case: the original text, folded with case kept, is the alias as
/// written (`cased`) or its all-caps form. ASCII text is compared without
/// allocating; other text is folded once per match into `folded`.
pub(super) fn case_matches(original: &str, cased: &str, folded: &mut Option<String>) -> bool {
    if original.is_ascii() && cased.is_ascii() {
        let all_caps = !original.bytes().any(|b| b.is_ascii_lowercase());
        return ascii_folds_to(original, cased, false)
            || (all_caps && ascii_folds_to(original, cased, true));
    }
    let seen = folded.get_or_insert_with(|| fold_cased(original));
    let all_caps = !seen.chars().any(char::is_lowercase);
    *seen == *cased || (all_caps && *seen == cased.to_uppercase())
}

/// Smart case in a line written without capitals (`caseless_line`): the
/// alias matches in lower case there, unless it is a common word (`barat`,
/// `dia`), which in such a line is the word far more often than the name.
pub(super) fn caseless_match(cased: &str, caseless_line: impl FnOnce() -> bool) -> bool {
    let lower = cased.to_lowercase();
    lower.chars().count() >= 2 && !common_words::is_common(&lower) && caseless_line()
}

/// The last line asked about and what is known of its case, so that the
/// matches of one long line (found in text order) look at it once, not
/// once each (which was quadratic: 130 s for one lower-case line of 1 MB).
#[derive(Default)]
struct LineCase {
    /// Byte range of the line; empty before the first.
    line: (usize, usize),
    /// Whether it has no capital, once asked.
    caseless: Option<bool>,
    /// Whether it is written in capitals, once asked.
    capital: Option<bool>,
}

impl LineCase {
    /// Moves to the line of `text[start..end]`; its range.
    fn at(&mut self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let (from, to) = self.line;
        if from <= start && end <= to && from < to {
            return self.line;
        }
        let line = common_words::line_around(text, start, end);
        // Remembered only for a match inside one line.
        if text.get(start..end).is_some_and(|m| !m.contains('\n')) {
            *self = LineCase {
                line,
                ..LineCase::default()
            };
        }
        line
    }

    /// [`common_words::in_caseless_line`] of `text[start..end]`.
    fn caseless(&mut self, text: &str, start: usize, end: usize) -> bool {
        self.ask(
            text,
            start,
            end,
            |c| &mut c.caseless,
            common_words::is_caseless_line,
        )
    }

    /// [`common_words::in_capital_line`] of `text[start..end]`.
    fn capital(&mut self, text: &str, start: usize, end: usize) -> bool {
        self.ask(
            text,
            start,
            end,
            |c| &mut c.capital,
            common_words::is_capital_line,
        )
    }

    /// `question` of the line of `text[start..end]`, remembered in `slot`
    /// while the matches stay in that line.
    fn ask(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        slot: fn(&mut LineCase) -> &mut Option<bool>,
        question: impl FnOnce(&str) -> bool,
    ) -> bool {
        let line = self.at(text, start, end);
        let remembered = self.line == line;
        if let Some(known) = slot(self).filter(|_| remembered) {
            return known;
        }
        let answer = question(text.get(line.0..line.1).unwrap_or_default());
        if remembered {
            *slot(self) = Some(answer);
        }
        answer
    }
}

/// Auto case in a line in capitals (all caps, or a title-case headline,
/// `capital_line`): a one-word alias that is also a common word (`AS`/`as`,
/// `ANTARA`, `Barat`) is the word there far more often than the name, so
/// it does not match.
pub(super) fn common_in_capitals(cased: &str, capital_line: impl FnOnce() -> bool) -> bool {
    !cased.contains(' ') && common_words::is_common_any_case(cased) && capital_line()
}

/// Whether ASCII `original`, folded like [`fold_cased`] (blanks and hyphens
/// to one space, case kept), equals `target` (in upper case if `upper`).
pub(super) fn ascii_folds_to(original: &str, target: &str, upper: bool) -> bool {
    let mut target = target.bytes();
    let mut in_space = false;
    for b in original.bytes() {
        let b = if char::from(b).is_whitespace() || b == b'-' {
            if in_space {
                continue;
            }
            in_space = true;
            b' '
        } else {
            in_space = false;
            b
        };
        let t = target
            .next()
            .map(|t| if upper { t.to_ascii_uppercase() } else { t });
        if t != Some(b) {
            return false;
        }
    }
    target.next().is_none()
}

/// Whether one of `phrases` occurs, as whole pieces, within
/// [`CONTEXT_WORDS`] words (blank-separated) before piece `first` or after
/// piece `last`.
fn has_context(scanned: &[Piece], first: usize, last: usize, phrases: &[Vec<(u32, bool)>]) -> bool {
    let spaced = |k: usize| scanned.get(k).is_some_and(|p| p.spaced);
    let mut from = first;
    let mut spaces = 0;
    for k in (0..first).rev() {
        spaces += usize::from(spaced(k + 1));
        if spaces > CONTEXT_WORDS {
            break;
        }
        from = k;
    }
    let mut to = last + 1;
    spaces = 0;
    for k in last + 1..scanned.len() {
        spaces += usize::from(spaced(k));
        if spaces > CONTEXT_WORDS {
            break;
        }
        to = k + 1;
    }
    [(from, first), (last + 1, to)].into_iter().any(|(lo, hi)| {
        let window = scanned.get(lo..hi).unwrap_or_default();
        phrases
            .iter()
            .any(|phrase| (0..window.len()).any(|s| phrase_at(window, s, phrase)))
    })
}

/// Whether one of `phrases` ends right before piece `first` (a phrase piece
/// `number` stands for a number: digits, or a Roman numeral up to 8 letters).
fn ends_before(
    scanned: &[Piece],
    text: &[u8],
    first: usize,
    phrases: &[Vec<(u32, bool)>],
    number: u32,
) -> bool {
    let is_number = |p: &Piece| {
        let word = text.get(p.start..p.end).unwrap_or_default();
        !word.is_empty()
            && (word.iter().all(u8::is_ascii_digit)
                || word.len() <= 8
                    && word
                        .iter()
                        .all(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x' | b'l')))
    };
    phrases.iter().any(|phrase| {
        let Some(from) = first.checked_sub(phrase.len()) else {
            return false;
        };
        !phrase.is_empty()
            && scanned
                .get(from..first)
                .unwrap_or_default()
                .iter()
                .zip(phrase)
                .enumerate()
                .all(|(k, (p, &(id, spaced)))| {
                    (k == 0 || p.spaced == spaced)
                        && if id == number {
                            is_number(p)
                        } else {
                            p.id == id
                        }
                })
    })
}

/// Whether `phrase` matches the pieces of `window` from `s` on (its last
/// piece may be a piece's stem: `rudal` in `rudalnya`).
fn phrase_at(window: &[Piece], s: usize, phrase: &[(u32, bool)]) -> bool {
    let Some(pieces) = window.get(s..s + phrase.len()) else {
        return false;
    };
    let n = phrase.len();
    n > 0
        && pieces
            .iter()
            .zip(phrase)
            .enumerate()
            .all(|(k, (p, &(id, spaced)))| {
                (k == 0 || p.spaced == spaced) && (p.id == id || (k + 1 == n && p.stem_id == id))
            })
}
