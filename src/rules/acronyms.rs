//! Acronyms: `Komisi Pemberantasan Korupsi (KPK)` makes one entity of the
//! long form and the acronym, and the acronym is known for the rest of the text.

use super::doc::Doc;
use super::doc::CONNECTORS;
use super::lexicon::FnvMap;
use crate::types::Rule;

impl Doc<'_, '_, '_> {
    /// The indices of the `(` words, found through the text (a fast byte
    /// search) rather than by visiting every word.
    pub(super) fn parens(&self) -> Vec<usize> {
        self.text
            .match_indices('(')
            .filter_map(|(at, _)| {
                let k = self.words.partition_point(|w| w.start < at);
                self.word(k)
                    .filter(|w| w.start == at && w.text == "(")
                    .map(|_| k)
            })
            .collect()
    }

    /// Acronyms: `Long Form (ACR)`, `ACR (Long Form)`, then the later
    /// mentions of every acronym so defined.
    pub(super) fn acronyms(&mut self) {
        let mut defined: FnvMap<String, (u32, usize)> = FnvMap::default();
        let parens = self.parens();
        self.long_form_first(&parens, &mut defined);
        self.acronym_first(&parens, &mut defined);
        self.later_acronyms(&defined);
    }

    /// `Komisi Pemberantasan Korupsi (KPK)`: a known long form, or an
    /// unlisted one with a head noun, before an acronym in parentheses.
    fn long_form_first(&mut self, parens: &[usize], defined: &mut FnvMap<String, (u32, usize)>) {
        // The next word a definition may start at (one ends 3 words on).
        let mut from = 0;
        for &i in parens {
            if i < from || i + 2 >= self.words.len() {
                continue;
            }
            let (Some(open), Some(inner), Some(close)) =
                (self.word(i), self.word(i + 1), self.word(i + 2))
            else {
                break;
            };
            if open.text != "(" || close.text != ")" {
                continue;
            }
            // `Chief Executive Officer (CEO)` defines a title, not an entity.
            let is_title = self.title_at(i + 1) > 0;
            if !is_acronym(inner.text) || i == 0 || is_title {
                continue;
            }
            let acronym = inner.text.to_string();
            let before = i - 1;
            let entity = match self.cover.get(before).copied().flatten() {
                // A known long form ending right before the parenthesis.
                Some(f) => self.flat.get(f).filter(|e| e.last == i).map(|e| e.entity),
                None if !self.in_headline(before) => self.unlisted_long_form(before, &acronym),
                None => None,
            };
            if let Some(e) = entity {
                if !self.covered(i + 1) {
                    self.push(i + 1, i + 2, e, Rule::Acronym);
                }
                defined.entry(acronym).or_insert((e, i + 1));
            }
            from = i + 3;
        }
    }

    /// An unlisted long form ending at word `before`: capitalized words back
    /// to the sentence start or a lower-case word, its initials those of
    /// `acronym`, with a head noun first or last. The new entity's index.
    fn unlisted_long_form(&mut self, before: usize, acronym: &str) -> Option<u32> {
        // An unlisted long form: capitalized words back to the
        // sentence start or a lower-case word, initials checked.
        let mut first = before + 1;
        while first > 0 {
            let k = first - 1;
            let ok = self
                .word(k)
                .is_some_and(|w| (w.cap && w.is_word) || CONNECTORS.iter().any(|c| w.is(c)))
                && !self.covered(k)
                && self.same_sentence(k, before);
            if !ok {
                break;
            }
            first = k;
        }
        while self.word(first).is_some_and(|w| !w.cap) && first < before {
            first += 1;
        }
        let long = self.span_text(first, before + 1).unwrap_or_default();
        // An unlisted long form needs a head noun (`Badan`,
        // `Komisi`): `Ujian Nasional (UN)` names no entity.
        let head = self.head_label(first).or_else(|| {
            self.word(before)
                .and_then(|w| w.lex)
                .and_then(|l| l.end_head.clone())
        });
        let label = head?;
        if before + 1 - first >= 2 && initials_match(acronym, long) {
            let long = long.to_string();
            let e = self.records.add(label, &long, Rule::Acronym);
            self.push(first, before + 1, e, Rule::Acronym);
            Some(e)
        } else {
            None
        }
    }

    /// The reverse, `ACR (Long Form)`, for a known acronym or a long form
    /// with a head noun.
    fn acronym_first(&mut self, parens: &[usize], defined: &mut FnvMap<String, (u32, usize)>) {
        for i in parens.iter().filter_map(|p| p.checked_sub(1)) {
            let (Some(acr), Some(open)) = (self.word(i), self.word(i + 1)) else {
                break;
            };
            if open.text != "(" || !is_acronym(acr.text) {
                continue;
            }
            let mut close = i + 2;
            while self
                .word(close)
                .is_some_and(|w| w.text != ")" && w.sentence == acr.sentence)
                && close < i + 14
            {
                close += 1;
            }
            if self.word(close).is_none_or(|w| w.text != ")") || close < i + 4 {
                continue;
            }
            let Some(long) = self.span_text(i + 2, close).map(str::to_string) else {
                continue;
            };
            if !initials_match(acr.text, &long) || (i + 2..close).any(|k| self.covered(k)) {
                continue;
            }
            let acronym = acr.text.to_string();
            let entity = match self
                .cover
                .get(i)
                .copied()
                .flatten()
                .and_then(|f| self.flat.get(f))
            {
                Some(e) => e.entity,
                None => {
                    // An unknown acronym and an unlisted long form: only
                    // with a head noun (`SUN (Surat Utang Negara)` is none).
                    let Some(label) = self.head_label(i + 2) else {
                        continue;
                    };
                    let e = self.records.add(label, &long, Rule::Acronym);
                    self.push(i, i + 1, e, Rule::Acronym);
                    e
                }
            };
            self.push(i + 2, close, entity, Rule::Acronym);
            defined.entry(acronym).or_insert((entity, i));
        }
    }

    /// Later mentions of a defined acronym.
    fn later_acronyms(&mut self, defined: &FnvMap<String, (u32, usize)>) {
        self.refresh();
        if defined.is_empty() {
            return;
        }
        let mut later = Vec::new();
        for (k, w) in self.words.iter().enumerate().filter(|(_, w)| w.all_caps) {
            if let Some(&(e, at)) = defined.get(w.text) {
                if k > at && !self.covered(k) {
                    later.push((k, e));
                }
            }
        }
        for (k, e) in later {
            self.push(k, k + 1, e, Rule::Acronym);
        }
        self.refresh();
    }
}

/// `KPK`, `IRGC`, `PDI-P`: 2 to 12 chars, at least two capitals, no
/// lower-case letters.
pub(super) fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=12).contains(&n)
        && w.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !w.chars().any(char::is_lowercase)
        && w.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// The acronym's letters appear in order among the long form's letters,
/// the first one as the first letter of the long form.
pub(super) fn initials_match(acronym: &str, long: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let long: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    if letters.first() != long.first() {
        return false;
    }
    let mut it = long.iter();
    letters.iter().all(|a| it.any(|c| c == a))
}
