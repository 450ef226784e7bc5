//! Generational suffixes after a person's name belong to it: `Paul Kevin
//! Jonas II`, `Harold Belafonete, Jr.`, `Martin Luther King Jr.`.

use super::doc::{Doc, Flat, Kind};
use crate::types::Rule;

/// Roman numerals of rulers and heirs (`V` and `X` alone are too often
/// something else).
const NUMERALS: &[&str] = &["II", "III", "IV", "VI", "VII", "VIII"];
/// `Jr`, `Sr` and their Indonesian-press spellings.
const JUNIOR: &[&str] = &["jr", "sr", "jnr", "snr"];

impl Doc<'_, '_, '_> {
    /// The words a suffix takes after a person ending before word `k`: 0
    /// if none.
    fn suffix_len(&self, k: usize) -> usize {
        let blank_before = |j: usize| {
            j.checked_sub(1)
                .and_then(|p| self.word(p))
                .zip(self.word(j))
                .is_some_and(|(p, w)| p.end < w.start)
        };
        let Some(w) = self.word(k) else { return 0 };
        if self.covered(k) {
            return 0;
        }
        if NUMERALS.contains(&w.text) && blank_before(k) {
            return 1;
        }
        let comma = usize::from(w.text == ",");
        let Some(j) = self.word(k + comma) else {
            return 0;
        };
        if !j.cap || !JUNIOR.iter().any(|s| j.is(s)) || self.covered(k + comma) {
            return 0;
        }
        let dot = self
            .word(k + comma + 1)
            .is_some_and(|d| d.text == "." && d.start == j.end);
        comma + 1 + usize::from(dot)
    }

    /// Extends every person by the suffix after it (the same entity).
    pub(super) fn person_suffixes(&mut self) {
        let mut found = Vec::new();
        for &Flat {
            first,
            last,
            entity,
            ref kind,
        } in &self.flat
        {
            if *kind != Kind::Person || !self.same_sentence(first, last) {
                continue;
            }
            let n = self.suffix_len(last);
            if n > 0 {
                found.push((first, last + n, entity));
            }
        }
        if found.is_empty() {
            return;
        }
        for (first, last, entity) in found {
            self.push(first, last, entity, Rule::Name);
        }
        self.refresh();
    }
}
