//! Context words: `bersama X`, `X juga`, `X (gitar)`, `X dan Y` next to a
//! person make a PERSON (`rules/context.txt`).
use super::doc::Flat;

use super::doc::is_joiner;
use super::doc::Doc;
use super::doc::Kind;
use super::lexicon::bit;
use crate::types::Rule;

impl Doc<'_, '_, '_> {
    /// The three context passes, in order: each sees what the one before
    /// added.
    pub(super) fn context(&mut self) {
        self.context_words();
        self.given_names_before();
        self.joined_names();
    }

    /// `bersama X`, `X juga`, `X (gitar)`, `X / Y` (doubles).
    fn context_words(&mut self) {
        let mut found = Vec::new();
        for i in 0..self.words.len() {
            let Some(w) = self.word(i) else { break };
            if !(w.has(bit::CONTEXT) || w.text == "(" || w.text == "/")
                || (w.cap && !w.sentence_start)
                || self.in_headline(i)
            {
                continue;
            }
            let lex = w.lex;
            if lex.is_some_and(|l| l.ctx_after || l.ctx_after2) {
                let end = self.name_run(i + 1);
                let min = if lex.is_some_and(|l| l.ctx_after) {
                    1
                } else {
                    2
                };
                if end >= i + 1 + min && self.same_sentence(i, i + 1) {
                    found.push((i + 1, end));
                }
            } else if i > 0 && lex.is_some_and(|l| l.ctx_before) {
                if let Some(mut first) = self.name_run_before(i) {
                    // `Pelaku sudah ...`, `Apresiasi juga ...`: a common
                    // word opening the sentence is no name.
                    if self.opens_sentence(first) && self.common_word(first) {
                        first += 1;
                    }
                    if first < i {
                        found.push((first, i));
                    }
                }
            } else if i > 0 && w.text == "/" {
                // A doubles pair: `Rudi Hartono / Bayu Aji`, blanks around
                // the slash, names of two letters or more on both sides.
                let spaced = self.word(i - 1).is_some_and(|p| p.end < w.start)
                    && self.word(i + 1).is_some_and(|n| n.start > w.end);
                let end = self.name_run(i + 1);
                let long = |k: usize| self.word(k).is_some_and(|x| x.text.chars().count() > 1);
                if let Some(first) = self.name_run_before(i).filter(|_| spaced) {
                    if end > i + 1 && long(first) && long(i + 1) {
                        found.push((first, i));
                        found.push((i + 1, end));
                    }
                }
            } else if i > 0 && w.text == "(" {
                // `X (gitar)`, `X (lahir 1970)`, `X () adalah`.
                let cue = self
                    .word(i + 1)
                    .is_some_and(|n| n.text == ")" || n.lex.is_some_and(|l| l.ctx_paren));
                if cue {
                    if let Some(first) = self.name_run_before(i) {
                        found.push((first, i));
                    }
                }
            }
        }
        found.retain(|&(a, b)| !(a..b).any(|k| self.covered(k) && self.person_at(k).is_none()));
        found.dedup();
        self.add_people(found, Rule::Context);
    }

    /// A listed person's given names before it: `Tommy` + a listed
    /// `Robredo`; not a word that opens the sentence (`Penampilan
    /// Robredo`).
    fn given_names_before(&mut self) {
        let mut found = Vec::new();
        for &Flat {
            first,
            last,
            entity,
            kind: ref label,
        } in &self.flat
        {
            // A person the name rule found already holds its given names,
            // as does a listed full name that opens with one (`Kapal
            // Madleen` + `Greta Thunberg`).
            let full = last > first + 1
                && self
                    .word(first)
                    .is_some_and(|w| w.lex.is_some_and(|l| l.given));
            if *label != Kind::Person || self.by_name_rule(entity) || full {
                continue;
            }
            let mut f = first;
            while f > 0 && first - f < 2 {
                let k = f - 1;
                let ok = !self.covered(k)
                    && self.same_sentence(k, first)
                    && self.name_word(k)
                    && self.word(k).is_some_and(|w| !w.sentence_start)
                    // a headline capitalizes every word: `Bareng Prabowo`
                    && !self.in_headline(k)
                    && !self.common_word(k)
                    // not the end of a title: `Putra Mahkota`
                    && (k.saturating_sub(3)..k).all(|j| j + self.title_at(j) <= k);
                if !ok {
                    break;
                }
                f = k;
            }
            if f < first {
                found.push((f, last));
            }
        }
        self.add_people(found, Rule::Context);
    }

    /// Names joined to a person by `dan`, `serta`, `&` or a comma.
    fn joined_names(&mut self) {
        let mut found = Vec::new();
        let people: Vec<(usize, usize)> = self
            .flat
            .iter()
            .filter(|f| f.kind == Kind::Person)
            .map(|f| (f.first, f.last))
            .collect();
        for &(first, last) in &people {
            // Forward: `Person dan X`, `Person, X, dan Y`.
            let mut k = last;
            for _ in 0..6 {
                let Some(sep) = self.word(k) else { break };
                if !self.same_sentence(first, k) || !is_joiner(sep) {
                    break;
                }
                let mut j = k + 1;
                if sep.text == "," && self.word(j).is_some_and(is_joiner) {
                    j += 1;
                }
                if let Some((_, l)) = self.person_at(j) {
                    k = l;
                    continue;
                }
                // One word is too little to go on, but for the last of a
                // list: `A, B dan C`.
                let end = self.name_run(j);
                let last = self
                    .word(j - 1)
                    .is_some_and(|w| w.is("dan") || w.is("serta") || w.text == "/");
                if end < j + if last { 1 } else { 2 } || !self.same_sentence(k, j) {
                    break;
                }
                found.push((j, end));
                k = end;
            }
            // Backward: `X dan Person`, `X, Y, dan Person`.
            let mut k = first;
            for _ in 0..6 {
                let Some(sep) = k.checked_sub(1).and_then(|s| self.word(s)) else {
                    break;
                };
                if !is_joiner(sep) {
                    break;
                }
                let pair = sep.text == "/";
                let mut j = k - 1;
                if sep.text != "," && j > 0 && self.word(j - 1).is_some_and(|w| w.text == ",") {
                    j -= 1;
                }
                if let Some((f, _)) = j.checked_sub(1).and_then(|p| self.person_at(p)) {
                    k = f;
                    continue;
                }
                match self.name_run_before(j) {
                    Some(f) if self.same_sentence(f, first) && (j - f > 1 || pair) => {
                        found.push((f, j));
                        k = f;
                    }
                    _ => break,
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found.retain(|&(a, b)| !(a..b).any(|k| self.covered(k)));
        self.add_people(found, Rule::Context);
    }
}

impl Doc<'_, '_, '_> {
    /// Whether word `k` could name a company or body by itself: a name
    /// word that is no common word and no known given name (`GrabCar`,
    /// `Intel`; not `Pemerintah`, not `Budi`).
    fn brand_word(&self, k: usize) -> bool {
        self.name_word(k)
            && !self.covered(k)
            && !self.common_word(k)
            && !self.opens_sentence(k)
            && self
                .word(k)
                .is_some_and(|w| !w.lex.is_some_and(|l| l.given || l.family))
    }

    /// One unlisted word joined by `dan` or `serta` to an organization is
    /// an organization too (`Uber dan GrabCar`, `Intel dan Samsung`),
    /// where the word after it does not go on with the name.
    pub(super) fn joined_orgs(&mut self) {
        let mut found = Vec::new();
        let alone = |d: &Self, k: usize| !d.word(k).is_some_and(|w| w.is_word && w.cap);
        for f in &self.flat {
            if f.kind != Kind::Organization {
                continue;
            }
            let joins = |k: usize| self.word(k).is_some_and(|w| w.is("dan") || w.is("serta"));
            // Forward: `ORG dan X`.
            let x = f.last + 1;
            if joins(f.last)
                && self.same_sentence(f.first, x)
                && self.brand_word(x)
                && alone(self, x + 1)
            {
                found.push((x, x + 1));
            }
            // Backward: `X dan ORG`.
            if let Some(x) = f.first.checked_sub(2) {
                if joins(f.first - 1)
                    && self.same_sentence(x, f.first)
                    && self.brand_word(x)
                    && (x == 0 || alone(self, x - 1))
                {
                    found.push((x, x + 1));
                }
            }
        }
        if found.is_empty() {
            return;
        }
        found.sort_unstable();
        found.dedup();
        for (first, last) in found {
            if let Some(name) = self.span_text(first, last).map(str::to_string) {
                let e = self
                    .records
                    .add(crate::types::Label::Organization, &name, Rule::Context);
                self.push(first, last, e, Rule::Context);
            }
        }
        self.refresh();
    }
}
