//! Coreference: a later `Shoigu` after `Sergei Shoigu` is the same PERSON.
use super::doc::Flat;

use super::doc::Doc;
use super::doc::Kind;
use super::lexicon::FnvMap;
use crate::types::Rule;

impl Doc<'_, '_, '_> {
    pub(super) fn coreference(&mut self) {
        // Name word → (entity, first word after the full name); ambiguous
        // words map to None.
        let mut names: FnvMap<&str, Option<(u32, usize)>> = FnvMap::default();
        for &Flat {
            first,
            last,
            entity,
            kind: ref label,
        } in &self.flat
        {
            if *label != Kind::Person || last - first < 2 {
                continue;
            }
            for k in first..last {
                let Some(w) = self.word(k) else { continue };
                if !w.cap || w.text.chars().count() < 3 || w.stop() {
                    continue;
                }
                names
                    .entry(w.text)
                    .and_modify(|v| {
                        if v.is_some_and(|(e, _)| e != entity) {
                            *v = None;
                        }
                    })
                    .or_insert(Some((entity, last)));
            }
        }
        if names.is_empty() {
            return;
        }
        let mut found = Vec::new();
        for (k, w) in self.words.iter().enumerate().filter(|(_, w)| w.cap) {
            if let Some(Some((entity, after))) = names.get(w.text) {
                if k >= *after && !self.covered(k) {
                    found.push((k, *entity));
                }
            }
        }
        // Adjacent words of one person make one mention: a later
        // `Budi Santoso` after `Budi Santoso` is one name, not two.
        let mut spans: Vec<(usize, usize, u32)> = Vec::with_capacity(found.len());
        for (k, e) in found {
            match spans.last_mut() {
                Some(last) if last.1 == k && last.2 == e && self.same_sentence(last.0, k) => {
                    last.1 = k + 1
                }
                _ => spans.push((k, k + 1, e)),
            }
        }
        for (first, last, e) in spans {
            self.push(first, last, e, Rule::Coreference);
        }
    }
}
