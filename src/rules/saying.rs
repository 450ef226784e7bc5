//! Verbs of saying: `kata Budi Santoso`, `Budi Santoso mengatakan` make a PERSON.

use super::doc::Doc;
use super::doc::MAX_NAME_WORDS;
use super::lexicon::bit;
use crate::types::Rule;

impl Doc<'_, '_, '_> {
    pub(super) fn saying(&mut self) {
        let mut found = Vec::new();
        for i in 0..self.words.len() {
            let Some(w) = self.word(i) else { break };
            if !w.has(bit::SAY) || (w.cap && !w.sentence_start) || self.in_headline(i) {
                continue; // `Kata Pejabat AS` in a headline is not a quote
            }
            let lex = w.lex;
            if lex.is_some_and(|l| l.say_after) {
                let end = self.name_run(i + 1);
                // `kata Kaops Damai Cartenz Brigjen Faizal`: a run that
                // ends at a title is a title's complement; the title rule
                // takes the name after it.
                let before_title = self.same_sentence(i, end)
                    && (self.title_at(end) > 0
                        || self.word(end).is_some_and(|w| w.cap && w.title_word()));
                if end > i + 1 && self.same_sentence(i, i + 1) && !before_title {
                    found.push((i + 1, end));
                }
            } else if lex.is_some_and(|l| l.say_before) && i > 0 {
                let mut first = i;
                while first > 0 && i - first < MAX_NAME_WORDS {
                    let k = first - 1;
                    if self.covered(k) || !self.name_word(k) || !self.same_sentence(k, i) {
                        break;
                    }
                    first = k;
                }
                if first < i && self.title_at(first.saturating_sub(1)) == 0 {
                    found.push((first, i));
                }
            }
        }
        found.retain(|&(a, b)| !(a..b).any(|k| self.covered(k) && self.person_at(k).is_none()));
        found.dedup();
        self.add_people(found, Rule::Saying);
    }
}
