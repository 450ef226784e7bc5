//! Rule `media`: the news source a cue names (`dilansir X`, `seperti dikutip
//! dari X`, `mengutip X`) is an ORGANIZATION (`rules/media-cues.txt`), also
//! when a place is part of its name (`Pattaya Mail`, `China Daily`) or its
//! brand is glued lower case (`detikJabar`, `Kapanlagi.com`); a capitalized
//! name with a domain ending (`Kapanlagi.com`) anywhere.

use super::doc::{Doc, Flat, Kind};
use super::words::Word;
use crate::types::{Label, Rule};

/// Longest source name the rule takes, in words.
const MAX_SOURCE_WORDS: usize = 5;
/// Words standing between the cue and the source, at most.
const MAX_SKIPS: usize = 4;
/// Domain endings that join a name: `Kapanlagi.com`.
pub(super) const DOMAINS: &[&str] = &["com", "id", "co", "net", "org", "tv"];

/// A brand written with a capital inside a lower-case start: `detikJabar`,
/// `kumparanNEWS`.
fn glued_brand(w: &Word) -> bool {
    w.is_word
        && !w.cap
        && w.text.chars().next().is_some_and(char::is_lowercase)
        && w.text.chars().skip(1).any(char::is_uppercase)
}

impl Doc<'_, '_, '_> {
    /// Rule [`Rule::Media`].
    pub(super) fn media(&mut self) {
        let mut found = Vec::new();
        for i in 0..self.words.len() {
            let Some(w) = self.word(i) else { break };
            let cue = w.lex.is_some_and(|l| l.media_cue);
            if !cue || (w.cap && !w.sentence_start) || self.in_headline(i) {
                continue;
            }
            let mut k = i + 1;
            while k - i <= MAX_SKIPS
                && self.same_sentence(i, k)
                && self
                    .word(k)
                    .is_some_and(|x| !x.cap && x.lex.is_some_and(|l| l.media_skip))
            {
                k += 1;
            }
            // Web text puts a linked source on a line of its own:
            // `dilansir\nAntara\n,`.
            if !self.same_sentence(i, k) && !self.line_break_before(k) {
                continue;
            }
            if let Some(span) = self.source_at(k) {
                found.push(span);
            }
        }
        for (first, last) in found {
            if let Some(name) = self.span_text(first, last).map(str::to_string) {
                let e = self.records.add(Label::Organization, &name, Rule::Media);
                self.push(first, last, e, Rule::Media);
            }
        }
        self.refresh();
    }

    /// The source name that starts at word `k`: capitalized words and the
    /// places inside them; nothing if it is a person, an organization
    /// already, a lone place, or opens with a known given name.
    fn source_at(&self, k: usize) -> Option<(usize, usize)> {
        let first = self.word(k)?;
        if glued_brand(first) && !self.covered(k) {
            return Some((k, self.domain_end(k + 1)));
        }
        if !first.cap || first.stop() || first.title_word() || self.title_at(k) > 0 {
            return None;
        }
        if first.lex.is_some_and(|l| l.given) {
            return None; // `mengutip Budi Santoso`: a person quoted
        }
        let mut end = k;
        let mut j = k;
        let mut own = 0; // words no entity covers
        while j < k + MAX_SOURCE_WORDS && self.same_sentence(k, j) {
            if let Some(f) = self.cover.get(j).copied().flatten() {
                let &Flat {
                    first: a,
                    last: b,
                    ref kind,
                    ..
                } = self.flat.get(f)?;
                if *kind != Kind::Other || a < j {
                    if j == k {
                        return None; // a person or an organization already
                    }
                    break;
                }
                j = b;
                end = j;
                continue;
            }
            let Some(x) = self.word(j) else { break };
            if x.is_word && x.cap && !x.stop() && !x.title_word() {
                j += 1;
                end = j;
                own += 1;
            } else {
                break;
            }
        }
        if own == 0 {
            return None; // `dilansir dari Jepang`: a place
        }
        Some((k, self.domain_end(end)))
    }

    /// A capitalized name glued to a domain ending (`Kapanlagi.com`,
    /// `Tempo.co.id`, `KOMPAS.com`) is an ORGANIZATION wherever it
    /// stands (the site and the medium behind it), not only after a cue.
    pub(super) fn domain_names(&mut self) {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let Some(w) = self.word(i) else { break };
            let mut end = i + 1;
            if w.is_word && w.cap && !self.covered(i) {
                end = self.domain_end(i + 1);
                if end > i + 1 && self.word(end - 1).is_some_and(|x| x.is("co")) {
                    end = self.domain_end(end);
                }
                if end > i + 1 && !(i..end).any(|k| self.covered(k)) {
                    found.push((i, end));
                }
            }
            i = end.max(i + 1);
        }
        for (first, last) in found {
            if let Some(name) = self.span_text(first, last).map(str::to_string) {
                let e = self.records.add(Label::Organization, &name, Rule::Media);
                self.push(first, last, e, Rule::Media);
            }
        }
        self.refresh();
    }

    /// Whether only blanks with a line break stand between word `k` and
    /// the word before it.
    fn line_break_before(&self, k: usize) -> bool {
        let (Some(p), Some(w)) = (k.checked_sub(1).and_then(|p| self.word(p)), self.word(k)) else {
            return false;
        };
        self.text
            .get(p.end..w.start)
            .is_some_and(|gap| gap.contains('\n') && gap.trim().is_empty())
    }

    /// `end`, or past a domain ending right after it (`.com`).
    fn domain_end(&self, end: usize) -> usize {
        let dot = self.word(end).is_some_and(|d| d.text == ".")
            && end
                .checked_sub(1)
                .and_then(|p| self.word(p))
                .zip(self.word(end))
                .is_some_and(|(p, d)| p.end == d.start);
        let domain = self.word(end + 1).is_some_and(|x| {
            self.word(end).is_some_and(|d| d.end == x.start) && DOMAINS.iter().any(|s| x.is(s))
        });
        if dot && domain {
            end + 2
        } else {
            end
        }
    }
}
