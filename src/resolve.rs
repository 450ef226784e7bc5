//! Resolution: from overlapping candidates to the entities a reader expects.
//!
//! The flat output keeps no two entities that share a byte. Candidates are
//! taken greedily in this order, each kept if it overlaps nothing kept
//! before:
//!
//! 1. longer first, counted in chars;
//! 2. then leftmost;
//! 3. then by gazetteer priority: user gazetteers before the defaults, in
//!    the order they were added to the builder, then by line in the file.
//!
//! With [`Overlap::Nested`], candidates that lie wholly inside a kept one
//! (the `Iran` inside `Korps Garda Revolusi Islam Iran`) are returned too,
//! one per span (the first in the same order), marked `nested`, unless they
//! are another alias of the same entity (`Shoigu` inside `Sergei Shoigu`).
//! Candidates that cross a kept one are dropped in both modes.

use crate::types::{Candidate, Overlap, Rule};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// A resolved candidate: its span, entity and rule, and whether it is
/// nested. The same size as a [`Candidate`], so that the common case turns
/// one into the other in place, without allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    pub(crate) entity: u32,
    pub(crate) rule: Option<Rule>,
    pub(crate) nested: bool,
}

impl Resolved {
    fn new(c: Candidate, nested: bool) -> Resolved {
        Resolved {
            byte_start: c.byte_start,
            byte_end: c.byte_end,
            entity: c.entity,
            rule: c.rule,
            nested,
        }
    }
}

/// Resolves `candidates` (spans into `text`, which is all ASCII if
/// `ascii`) and returns them sorted by start, an outer entity before the
/// ones nested in it.
pub(crate) fn resolve(
    text: &str,
    ascii: bool,
    mut candidates: Vec<Candidate>,
    overlap: Overlap,
) -> Vec<Resolved> {
    let char_len = |c: &Candidate| {
        text.get(c.byte_start..c.byte_end)
            .map_or(0, |s| s.chars().count())
    };
    // An empty span is no mention (and would break the interval map).
    candidates.retain(|c| c.byte_start < c.byte_end);
    // The common case, candidates in text order that share no byte (or
    // one, or none): all kept, without the general machinery below.
    if candidates
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.byte_end <= b.byte_start))
    {
        return candidates
            .into_iter()
            .map(|c| Resolved::new(c, false))
            .collect();
    }
    // Stable: of two candidates with the same span and entity (a gazetteer
    // match and a rule's), the first stays.
    if ascii {
        candidates.sort_by_key(|c| (Reverse(c.byte_end - c.byte_start), c.byte_start, c.entity));
    } else {
        candidates.sort_by_cached_key(|c| (Reverse(char_len(c)), c.byte_start, c.entity));
    }
    candidates.dedup_by_key(|c| (c.byte_start, c.byte_end, c.entity));

    let mut kept = Kept::for_count(candidates.len());
    let mut out = Vec::new();
    let mut rest = Vec::new();
    for c in candidates {
        if kept
            .last_before(c.byte_end)
            .is_some_and(|(_, end, _)| end > c.byte_start)
        {
            rest.push(c);
        } else {
            kept.insert(c.byte_start, c.byte_end, c.entity);
            out.push(Resolved::new(c, false));
        }
    }
    if overlap == Overlap::Nested {
        let mut spans_seen = std::collections::HashSet::new();
        for c in rest {
            let inside = kept
                .last_before(c.byte_start + 1)
                .is_some_and(|(start, end, entity)| {
                    c.byte_end <= end
                        && (start, end) != (c.byte_start, c.byte_end)
                        && entity != c.entity
                });
            if inside && spans_seen.insert((c.byte_start, c.byte_end)) {
                out.push(Resolved::new(c, true));
            }
        }
    }
    out.sort_by_key(|r| (r.byte_start, Reverse(r.byte_end), r.nested));
    out
}

/// The flat entities kept so far, `(start, end, entity)` by start. They
/// share no byte, so only the last one starting before a span's end can
/// overlap it. A few (most texts) in a sorted `Vec`; many (a long document)
/// in a `BTreeMap`, where an insertion does not move the others.
enum Kept {
    Few(Vec<(usize, usize, u32)>),
    Many(BTreeMap<usize, (usize, u32)>),
}

impl Kept {
    fn for_count(candidates: usize) -> Kept {
        if candidates <= 64 {
            Kept::Few(Vec::with_capacity(candidates))
        } else {
            Kept::Many(BTreeMap::new())
        }
    }

    /// The kept entity that starts last before byte `at`.
    fn last_before(&self, at: usize) -> Option<(usize, usize, u32)> {
        match self {
            Kept::Few(kept) => kept
                .partition_point(|k| k.0 < at)
                .checked_sub(1)
                .and_then(|i| kept.get(i).copied()),
            Kept::Many(kept) => kept
                .range(..at)
                .next_back()
                .map(|(&start, &(end, entity))| (start, end, entity)),
        }
    }

    fn insert(&mut self, start: usize, end: usize, entity: u32) {
        match self {
            Kept::Few(kept) => {
                let at = kept.partition_point(|k| k.0 < start);
                kept.insert(at, (start, end, entity));
            }
            Kept::Many(kept) => {
                kept.insert(start, (end, entity));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_is_a_candidate_in_size() {
        // What lets the common case reuse the candidates' allocation.
        assert_eq!(
            std::mem::size_of::<Resolved>(),
            std::mem::size_of::<Candidate>()
        );
        assert_eq!(
            std::mem::align_of::<Resolved>(),
            std::mem::align_of::<Candidate>()
        );
    }

    fn c(byte_start: usize, byte_end: usize, entity: u32) -> Candidate {
        Candidate {
            byte_start,
            byte_end,
            entity,
            linked: false,
            rule: None,
        }
    }

    fn flat(text: &str, cands: &[Candidate]) -> Vec<(usize, usize, u32)> {
        resolve(text, text.is_ascii(), cands.to_vec(), Overlap::Flat)
            .into_iter()
            .map(|r| (r.byte_start, r.byte_end, r.entity))
            .collect()
    }

    /// The rules of the module docs, by brute force over every kept pair.
    fn reference(text: &str, mut cands: Vec<Candidate>, overlap: Overlap) -> Vec<Resolved> {
        let chars = |c: &Candidate| text[c.byte_start..c.byte_end].chars().count();
        cands.retain(|c| c.byte_start < c.byte_end);
        cands.sort_by_key(|c| (Reverse(chars(c)), c.byte_start, c.entity));
        cands.dedup_by_key(|c| (c.byte_start, c.byte_end, c.entity));
        let (mut kept, mut rest) = (Vec::<Candidate>::new(), Vec::new());
        for c in cands {
            if kept
                .iter()
                .any(|k| k.byte_start < c.byte_end && c.byte_start < k.byte_end)
            {
                rest.push(c);
            } else {
                kept.push(c);
            }
        }
        let mut out: Vec<Resolved> = kept.iter().map(|&c| Resolved::new(c, false)).collect();
        if overlap == Overlap::Nested {
            let mut seen = std::collections::HashSet::new();
            for c in rest {
                let inside = kept.iter().any(|k| {
                    k.byte_start <= c.byte_start
                        && c.byte_end <= k.byte_end
                        && (k.byte_start, k.byte_end) != (c.byte_start, c.byte_end)
                        && k.entity != c.entity
                });
                if inside && seen.insert((c.byte_start, c.byte_end)) {
                    out.push(Resolved::new(c, true));
                }
            }
        }
        out.sort_by_key(|r| (r.byte_start, Reverse(r.byte_end), r.nested));
        out
    }

    #[test]
    fn few_and_many_candidates_resolve_as_the_rules_say() {
        // A small xorshift: deterministic, no dependency.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..300 {
            // ASCII and non-ASCII texts: lengths by bytes or by chars.
            let text = if round % 2 == 0 {
                "a".repeat(120)
            } else {
                "é".repeat(60)
            };
            let step = if round % 2 == 0 { 1 } else { 2 };
            let n = 1 + next(150);
            let cands: Vec<Candidate> = (0..n)
                .map(|_| {
                    let start = next(50) * step;
                    let len = next(10) * step;
                    c(start, start + len, next(8) as u32)
                })
                .collect();
            for overlap in [Overlap::Flat, Overlap::Nested] {
                assert_eq!(
                    resolve(&text, text.is_ascii(), cands.clone(), overlap),
                    reference(&text, cands.clone(), overlap),
                    "{n} candidates, {overlap:?}"
                );
            }
        }
    }

    #[test]
    fn longest_wins_then_leftmost_then_priority() {
        let text = "Amerika Serikat dan Korea Selatan";
        // "Amerika Serikat" beats "Amerika" and "Serikat".
        assert_eq!(
            flat(text, &[c(0, 7, 1), c(0, 15, 2), c(8, 15, 3)]),
            [(0, 15, 2)]
        );
        // Same length, overlapping: the leftmost wins.
        assert_eq!(flat("abc abc", &[c(4, 7, 1), c(0, 5, 2)]), [(0, 5, 2)]);
        // Same span: the higher priority (lower index) wins.
        assert_eq!(flat(text, &[c(0, 15, 9), c(0, 15, 4)]), [(0, 15, 4)]);
    }

    #[test]
    fn length_is_counted_in_chars() {
        // "İİ" is 4 bytes but 2 chars; "abc" 3 bytes and 3 chars.
        let text = "İİabc";
        assert_eq!(flat(text, &[c(0, 4, 1), c(2, 7, 2)]), [(2, 7, 2)]);
    }

    #[test]
    fn nested_mode_adds_contained_spans_once() {
        let text = "Korps Garda Revolusi Islam Iran";
        // 4 is another entity nested at 6..20; 1 at 6..20 is the outer
        // entity's own shorter alias and stays out.
        let cands = [
            c(0, 31, 1),
            c(27, 31, 2),
            c(27, 31, 3),
            c(6, 20, 4),
            c(6, 20, 1),
            c(6, 26, 1),
        ];
        let got: Vec<_> = resolve(text, text.is_ascii(), cands.to_vec(), Overlap::Nested)
            .into_iter()
            .map(|r| (r.byte_start, r.entity, r.nested))
            .collect();
        assert_eq!(got, [(0, 1, false), (6, 4, true), (27, 2, true)]);
    }
}
