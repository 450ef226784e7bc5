//! Matching: every alias of every entity, folded, in one Aho-Corasick
//! automaton over the normalized text. All overlapping matches are
//! reported, then kept only where they start and end on token boundaries
//! and where the alias's case policy accepts the original text.
//!
//! The overlapping search matters: with the aliases `ina jakarta` and
//! `jakarta`, the text `kartina jakarta` holds an unaligned match of the
//! first that a leftmost-longest search would report instead of the second.

use crate::gazetteer::{AliasCase, Gate, CONTEXT_WORDS};
use crate::normalize::{fold_cased, fold_lower, Normalized};
use crate::tokenize::{ends_token, starts_token};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::sync::Arc;

/// How letter case decides a match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Case {
    /// The default. An alias written with capitals matches text with the
    /// same capitals or in all caps: `Kongres` matches `Kongres` and
    /// `KONGRES`, not `kongres`; `AS` matches only `AS`. An alias without
    /// capitals, or marked `~` in its gazetteer, matches in any case.
    #[default]
    Smart,
    /// Every alias matches in any case; for lower-cased text.
    Insensitive,
}

/// An alias as the matcher needs it.
#[derive(Debug)]
struct AliasInfo {
    /// Index of the entity in the extractor's table; lower wins ties.
    entity: u32,
    /// The alias folded with case kept (for the smart-case check).
    cased: Box<str>,
    /// `cased` in upper case (for the all-caps form).
    upper: Box<str>,
    /// False when the case check can be skipped.
    case_sensitive: bool,
    /// `?` aliases need an earlier open mention of their entity.
    linked: bool,
    /// `!` aliases need one of `Matcher::contexts[i]` nearby.
    context: Option<usize>,
}

/// A match of one alias, aligned to tokens, in original byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    pub(crate) entity: u32,
    /// Found through a `?` alias: kept only after an open mention.
    pub(crate) linked: bool,
    /// The rule that made it; `None` for a gazetteer match.
    pub(crate) rule: Option<crate::rules::Rule>,
}

/// The automaton and, for each of its patterns, the aliases folded to it.
#[derive(Debug)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    /// `aliases[pattern_aliases[p].0 .. pattern_aliases[p].1]` fold to pattern `p`.
    pattern_aliases: Vec<(usize, usize)>,
    aliases: Vec<AliasInfo>,
    /// The distinct `@context` phrase lists of `!` aliases.
    contexts: Vec<Arc<[String]>>,
    case: Case,
}

impl Matcher {
    /// Builds the matcher from `(entity index, alias text, case, gate)`.
    pub(crate) fn new<'a>(
        aliases: impl IntoIterator<Item = (u32, &'a str, AliasCase, &'a Gate)>,
        case: Case,
    ) -> Result<Matcher, aho_corasick::BuildError> {
        let mut by_pattern: HashMap<String, Vec<AliasInfo>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut contexts: Vec<Arc<[String]>> = Vec::new();
        for (entity, text, alias_case, gate) in aliases {
            let context = match gate {
                Gate::Context(phrases) => Some(
                    match contexts.iter().position(|c| Arc::ptr_eq(c, phrases)) {
                        Some(i) => i,
                        None => {
                            contexts.push(Arc::clone(phrases));
                            contexts.len() - 1
                        }
                    },
                ),
                _ => None,
            };
            let folded = fold_lower(text);
            let cased = fold_cased(text);
            let info = AliasInfo {
                entity,
                upper: cased.to_uppercase().into(),
                case_sensitive: alias_case == AliasCase::Smart
                    && case == Case::Smart
                    && cased.chars().any(char::is_uppercase),
                cased: cased.into(),
                linked: *gate == Gate::Linked,
                context,
            };
            by_pattern
                .entry(folded)
                .or_insert_with_key(|k| {
                    order.push(k.clone());
                    Vec::new()
                })
                .push(info);
        }
        let mut pattern_aliases = Vec::with_capacity(order.len());
        let mut aliases = Vec::new();
        for pattern in &order {
            let start = aliases.len();
            aliases.extend(by_pattern.remove(pattern).unwrap_or_default());
            pattern_aliases.push((start, aliases.len()));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&order)?;
        Ok(Matcher {
            automaton,
            pattern_aliases,
            aliases,
            contexts,
            case,
        })
    }

    /// Number of distinct folded patterns in the automaton.
    pub(crate) fn pattern_count(&self) -> usize {
        self.pattern_aliases.len()
    }

    /// The case mode this matcher was built with.
    pub(crate) fn case(&self) -> Case {
        self.case
    }

    /// All token-aligned, case-accepted matches in `text`.
    pub(crate) fn find(&self, text: &str, norm: &Normalized) -> Vec<Candidate> {
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(&norm.text) {
            if m.is_empty()
                || !starts_token(&norm.text, m.start())
                || !ends_token(&norm.text, m.end())
            {
                continue;
            }
            let (Some(byte_start), Some(byte_end)) =
                (norm.orig_start(m.start()), norm.orig_end(m.end()))
            else {
                continue;
            };
            let Some(original) = text.get(byte_start..byte_end) else {
                continue;
            };
            let Some(&(from, to)) = self.pattern_aliases.get(m.pattern().as_usize()) else {
                continue;
            };
            let mut folded: Option<String> = None;
            for alias in self.aliases.get(from..to).unwrap_or_default() {
                if alias.case_sensitive && !case_matches(original, alias, &mut folded) {
                    continue;
                }
                if let Some(i) = alias.context {
                    let phrases = self.contexts.get(i).map_or(&[][..], |p| &p[..]);
                    if !has_context(&norm.text, m.start(), m.end(), phrases) {
                        continue;
                    }
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
        out
    }
}

/// Smart case: the original text, folded with case kept, is the alias as
/// written or its all-caps form. ASCII text is compared without allocating;
/// other text is folded once per match into `folded`.
fn case_matches(original: &str, alias: &AliasInfo, folded: &mut Option<String>) -> bool {
    if original.is_ascii() {
        let all_caps = !original.bytes().any(|b| b.is_ascii_lowercase());
        return ascii_folds_to(original, &alias.cased)
            || (all_caps && ascii_folds_to(original, &alias.upper));
    }
    let seen = folded.get_or_insert_with(|| fold_cased(original));
    let all_caps = !seen.chars().any(char::is_lowercase);
    *seen == *alias.cased || (all_caps && *seen == *alias.upper)
}

/// Whether ASCII `original`, folded like [`fold_cased`] (blanks and hyphens
/// to one space, case kept), equals `target`.
fn ascii_folds_to(original: &str, target: &str) -> bool {
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
        if target.next() != Some(b) {
            return false;
        }
    }
    target.next().is_none()
}

/// Whether one of `phrases` occurs, as whole words, within
/// [`CONTEXT_WORDS`] words before `start` or after `end` in the normalized
/// `text`.
fn has_context(text: &str, start: usize, end: usize, phrases: &[String]) -> bool {
    let before = text.get(..start).unwrap_or_default();
    let from = before
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ')
        .nth(CONTEXT_WORDS)
        .map_or(0, |(i, _)| i + 1);
    let after = text.get(end..).unwrap_or_default();
    let to = end
        + after
            .char_indices()
            .filter(|&(_, c)| c == ' ')
            .nth(CONTEXT_WORDS)
            .map_or(after.len(), |(i, _)| i);
    let windows = [text.get(from..start), text.get(end..to)];
    windows.into_iter().flatten().any(|window| {
        phrases.iter().any(|phrase| {
            window
                .match_indices(phrase.as_str())
                .any(|(i, p)| starts_token(window, i) && ends_token(window, i + p.len()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(aliases: &[(&str, AliasCase)], case: Case, text: &str) -> Vec<&'static str> {
        let m = Matcher::new(
            aliases
                .iter()
                .enumerate()
                .map(|(i, (a, c))| (i as u32, *a, *c, &Gate::Open)),
            case,
        )
        .unwrap();
        let norm = Normalized::new(text);
        m.find(text, &norm)
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
    fn ascii_case_fold() {
        assert!(ascii_folds_to("Amerika  \n Serikat", "Amerika Serikat"));
        assert!(ascii_folds_to("Soekarno-Hatta", "Soekarno Hatta"));
        assert!(!ascii_folds_to("Amerika Serika", "Amerika Serikat"));
        assert!(!ascii_folds_to("amerika serikat", "Amerika Serikat"));
    }

    #[test]
    fn context_window() {
        let p = ["rudal".to_string(), "sistem pertahanan udara".to_string()];
        let t = "sistem pertahanan udara buatan as, patriot, dikirim";
        let at = t.find("patriot").unwrap();
        assert!(has_context(t, at, at + 7, &p));
        let t = "rudal a b c d e patriot";
        let at = t.find("patriot").unwrap();
        assert!(has_context(t, at, at + 7, &p));
        let t = "rudal a b c d e f patriot";
        let at = t.find("patriot").unwrap();
        assert!(!has_context(t, at, at + 7, &p));
        let t = "patriot x y z a b rudal";
        assert!(has_context(t, 0, 7, &p));
        let t = "patriot prudalx";
        assert!(!has_context(t, 0, 7, &p));
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
}
