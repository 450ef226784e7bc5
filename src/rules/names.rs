//! Rule `name`: a person by the names it is made of, not by a list of
//! people. A run of capitalized words that holds a known given name
//! (`rules/names-given.txt`) and another capitalized word, ends with a known
//! family name (`rules/names-family.txt`), or opens with a family name
//! written first (`^` lines: `Park Min-young`) is a PERSON.
//!
//! The lexicons are evidence, never entities: a known name alone
//! (`Maria`) is nothing; `Maria Lindqvist` is a person. Words the lexicons
//! share with everyday Indonesian are left out of them by their generator
//! (`gazetteers/tools/gen_names.py`), and a run stays inside the bounds
//! [`Doc::name_run`] sets (no stopword, title, lower-case word or entity
//! other than a person inside it).

use super::doc::{Doc, Kind, MAX_NAME_WORDS};
use super::lexicon::bit;
use super::words::Word;
use crate::common_words::is_common;
use crate::types::Rule;

/// What the name lexicons say of a word.
#[derive(Clone, Copy, Default)]
struct NameLex {
    given: bool,
    family: bool,
    family_first: bool,
}

impl NameLex {
    fn of(w: &Word) -> NameLex {
        w.lex.map_or(NameLex::default(), |l| NameLex {
            given: l.given,
            family: l.family,
            family_first: l.family_first,
        })
    }

    fn any(self) -> bool {
        self.given || self.family || self.family_first
    }
}

/// Whether `w` is an everyday word (`Kapal`, `Selatan`): not part of a
/// name the lexicons found, unless it is a known name itself.
fn everyday(w: &Word) -> bool {
    if NameLex::of(w).any() {
        return false;
    }
    if let Some(f) = w.folded {
        return is_common(f);
    }
    // ASCII: lower-cased on the stack (the common words are short).
    let mut buf = [0u8; 32];
    let Some(part) = buf.get_mut(..w.text.len()) else {
        return false;
    };
    part.copy_from_slice(w.text.as_bytes());
    part.make_ascii_lowercase();
    std::str::from_utf8(part).is_ok_and(is_common)
}

impl Doc<'_, '_, '_> {
    /// Rule [`Rule::Name`]; whether it found someone.
    pub(super) fn names(&mut self) -> bool {
        // The people found so far, by their text: a later mention of one
        // is coreference's (the same entity), not a new person.
        let known: Vec<&str> = self
            .flat
            .iter()
            .filter(|f| f.kind == Kind::Person)
            .filter_map(|f| self.span_text(f.first, f.last))
            .collect();
        let mut found = Vec::new();
        let mut i = 0;
        // Only the words the lexicons know start the work (most capitalized
        // runs hold none): the run around such a word, from its first word.
        while i < self.words.len() {
            let known_name = self.word(i).is_some_and(|w| w.cap && w.has(bit::NAME));
            if !known_name || self.covered(i) || !self.name_word(i) || self.in_headline(i) {
                i += 1;
                continue;
            }
            let mut start = i;
            while start > 0
                && i - start < MAX_NAME_WORDS
                && self.same_sentence(start - 1, i)
                && !self.covered(start - 1)
                && self.name_word(start - 1)
            {
                start -= 1;
            }
            let end = self.name_run(start);
            if end <= i {
                i += 1;
                continue;
            }
            // A run that holds a listed person is the context rule's
            // (`Rudi` + a listed `Hartono`).
            if let Some((a, b)) = self
                .name_span(start, end)
                .map(|(a, b)| (self.balinese_prefix(a), b))
            {
                let text = self.span_text(a, b).unwrap_or_default();
                if !(a..b).any(|k| self.covered(k)) && !known.contains(&text) {
                    found.push((a, b));
                }
            }
            i = end;
        }
        let any = !found.is_empty();
        self.add_people(found, Rule::Name);
        any
    }

    /// `a`, or the word before it when that is the Balinese `I` or `Ni`
    /// (`I Wayan Sudarta`, `Ni Luh Putu Ayu`).
    fn balinese_prefix(&self, a: usize) -> usize {
        let Some(p) = a.checked_sub(1) else { return a };
        let prefix = self
            .word(p)
            .is_some_and(|w| (w.text == "I" || w.text == "Ni") && self.same_sentence(p, a));
        if prefix && !self.covered(p) {
            p
        } else {
            a
        }
    }

    /// The person inside the name run `first..end`, if the lexicons speak
    /// for one: from its first known given name (or family name written
    /// first), with the unknown non-everyday words before it (`Aprino` in
    /// `Aprino Tamara`); or the whole run when it ends with a known family
    /// name. At least two name words.
    fn name_span(&self, first: usize, end: usize) -> Option<(usize, usize)> {
        let names: Vec<usize> = (first..end)
            .filter(|&k| self.word(k).is_some_and(|w| w.is_word && w.cap))
            .collect();
        if names.len() < 2 {
            return None;
        }
        let lex = |k: usize| self.word(k).map(NameLex::of).unwrap_or_default();
        // An unknown word before the opener joins the name unless it is an
        // everyday word, opens the sentence (`Kunjungan Solana`) or has a
        // verb's suffix (`Tunjukkan`).
        let plain = |k: usize| {
            self.word(k).is_some_and(|w| {
                NameLex::of(w).any()
                    || !(everyday(w)
                        || w.stop()
                        || w.sentence_start
                        || w.text.ends_with("kan")
                        || w.text.ends_with("nya"))
            })
        };
        // Trailing everyday words are not part of the name.
        let mut last = names.len();
        while last > 0
            && names
                .get(last - 1)
                .and_then(|&k| self.word(k))
                .is_some_and(everyday)
        {
            last -= 1;
        }
        let names = names.get(..last)?;
        let opener = names
            .iter()
            .position(|&k| lex(k).given || lex(k).family_first);
        let start = match opener {
            Some(mut s) => {
                while s > 0 && names.get(s - 1).is_some_and(|&k| plain(k)) {
                    s -= 1;
                }
                s
            }
            None => {
                let &l = names.last()?;
                if !lex(l).family {
                    return None;
                }
                let mut s = names.len() - 1;
                while s > 0 && names.get(s - 1).is_some_and(|&k| plain(k)) {
                    s -= 1;
                }
                s
            }
        };
        let names = names.get(start..)?;
        if names.len() < 2 {
            return None;
        }
        // A quoted run is a title of a work: `"Cinta Abadi"`.
        let (&a, &b) = (names.first()?, names.last()?);
        let quote = |k: Option<usize>| {
            k.and_then(|k| self.word(k))
                .is_some_and(|w| matches!(w.text, "\"" | "“" | "”" | "'"))
        };
        if quote(a.checked_sub(1)) && quote(Some(b + 1)) {
            return None;
        }
        // The run's own words between the first and last kept name word:
        // particles and initials inside stay.
        Some((*names.first()?, names.last()? + 1))
    }
}
