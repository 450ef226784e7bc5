//! Places by a lower-case place word before them (`rules/lower-heads.txt`):
//! `di bandara Ben Gurion`, `pangkalan udara Incirlik`, `ladang gas
//! Leviathan` → LOCATION, the word itself left out (rule `head`; a
//! capitalized head is part of the name and is `heads.rs`'s).

use super::doc::Doc;
use crate::types::{Label, Rule};

/// Longest place name taken after a lower-case place word, in words.
const MAX_PLACE_WORDS: usize = 4;

impl Doc<'_, '_, '_> {
    pub(super) fn lower_heads(&mut self) {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let Some(w) = self.word(i) else { break };
            let len = match w.lex {
                Some(lex) if !w.cap && !lex.lower_heads.is_empty() => lex
                    .lower_heads
                    .iter()
                    .find(|p| self.phrase_is_at(i, p))
                    .map_or(0, Vec::len),
                _ => 0,
            };
            if len == 0 || self.in_headline(i) {
                i += 1;
                continue;
            }
            let k = i + len;
            let mut end = k;
            while end < k + MAX_PLACE_WORDS
                && self.same_sentence(i, end)
                && !self.covered(end)
                && self.name_word(end)
            {
                end += 1;
            }
            if end > k {
                found.push((k, end));
            }
            i = end.max(i + 1);
        }
        for (first, last) in found {
            if let Some(name) = self.span_text(first, last).map(str::to_string) {
                let e = self.records.add(Label::Location, &name, Rule::Head);
                self.push(first, last, e, Rule::Head);
            }
        }
        self.refresh();
    }
}
