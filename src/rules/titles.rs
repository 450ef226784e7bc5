//! Titles and roles: `Menteri Pertahanan Rusia Sergei Shoigu` makes a PERSON
//! of the name after the title.
use super::doc::Flat;

use super::doc::is_joiner;
use super::doc::Doc;
use super::doc::Kind;
use crate::types::Rule;

impl Doc<'_, '_, '_> {
    pub(super) fn titles(&mut self) {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let len = self.title_at(i);
            // `Tonny H. Wangania`: a one-letter title after a name is an
            // initial.
            let initial = len == 1
                && i > 0
                && self.word(i).is_some_and(|w| w.text.chars().count() == 1)
                && self.name_word(i - 1)
                && self.same_sentence(i - 1, i);
            if len == 0 || initial || self.in_headline(i) || self.covered(i) {
                i += 1;
                continue;
            }
            let mut k = i + len;
            // The title's complement: title words, places, organizations,
            // unlisted acronyms, the dot of `Dr.`.
            for _ in 0..10 {
                let Some(x) = self.word(k) else { break };
                if !self.same_sentence(i, k) {
                    break;
                }
                if let Some(f) = self.cover.get(k).copied().flatten() {
                    match self.flat.get(f) {
                        Some(&Flat {
                            last, kind: ref l, ..
                        }) if *l != Kind::Person => k = last,
                        _ => break,
                    }
                } else if x.title_word()
                    || is_field_noun(x.text)
                    || x.text == "."
                    || x.text == ")"
                    || (x.all_caps && x.text.chars().count() > 1)
                    || self.title_at(k) > 0
                {
                    k += 1;
                } else if let Some(next) = self.complement_run(i, k) {
                    // `Kapolres Metro Jakarta Timur`, `Kaops Damai Cartenz
                    // Brigjen X`: capitalized words right before a place,
                    // a body or a title belong to the complement.
                    k = next;
                } else if x.is("dari") && self.party_at(k + 1) {
                    // `anggota Komisi II DPR dari PDIP Budi`: the party
                    // belongs to the title.
                    k += 1;
                } else {
                    break;
                }
            }
            // A title at the end of a sentence names no one after it.
            let mut end = if self.same_sentence(i, k) {
                self.name_run(k)
            } else {
                k
            };
            // `Direktur Utama Telkom, Budi Santoso, ...`: a title with a
            // complement, a comma, then the name as an apposition; the
            // name ends the clause (not a list of capitalized words).
            if end == k
                && k > i + len
                && self.word(k).is_some_and(|w| w.text == ",")
                && self.same_sentence(i, k + 1)
            {
                let e = self.name_run(k + 1);
                let closes = self.word(e).is_none_or(|w| {
                    !self.same_sentence(k, e)
                        || w.text == ","
                        || ((!w.cap || w.stop()) && !is_joiner(w) && !w.is("/"))
                });
                if e > k + 1 && closes {
                    k += 1;
                    end = e;
                }
            }
            if end > k {
                // `Pangeran Diponegoro`: some titles belong to the name.
                let part_of_name = k == i + 1
                    && self
                        .word(i)
                        .is_some_and(|w| w.cap && w.lex.is_some_and(|l| l.name_title));
                found.push((if part_of_name { i } else { k }, end));
                i = end;
            } else {
                i += len.max(1);
            }
        }
        self.add_people(found, Rule::Title);
    }

    /// The end of a run of name words at `k` that a place, an
    /// organization or a title follows at once, in the sentence of word
    /// `i`: the complement goes on there.
    fn complement_run(&self, i: usize, k: usize) -> Option<usize> {
        let end = self.name_run(k);
        if end == k || !self.same_sentence(i, end) || self.person_at(k).is_some() {
            return None;
        }
        let other = |f: &Flat| f.kind != Kind::Person;
        let entity = self
            .cover
            .get(end)
            .copied()
            .flatten()
            .and_then(|f| self.flat.get(f))
            .is_some_and(other);
        (entity || self.title_at(end) > 0).then_some(end)
    }

    /// Whether word `k` starts an organization or an all-caps acronym
    /// (`PDIP`): what `dari` may bring into a title's complement.
    pub(super) fn party_at(&self, k: usize) -> bool {
        match self.cover.get(k).copied().flatten() {
            Some(f) => self.flat.get(f).is_some_and(
                |&Flat {
                     first, kind: ref l, ..
                 }| first == k && *l == Kind::Organization,
            ),
            None => self
                .word(k)
                .is_some_and(|w| w.all_caps && w.text.chars().count() > 1),
        }
    }
}

/// Whether `word` has the shape of an abstract noun that names a field of
/// an office (`Menteri Perkebunan`, `Kepala Perencanaan`, `Ketua Bidang
/// Hilirisasi`): the circumfixes `pe-…-an`, `ke-…-an` or the suffix
/// `-isasi`, which Indonesian personal names do not have. The word
/// continues the title's complement.
pub(super) fn is_field_noun(word: &str) -> bool {
    let n = word.len();
    if n < 8 || !word.is_ascii() || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    let circumfix = (lower.starts_with("pe") || lower.starts_with("ke")) && lower.ends_with("an");
    circumfix || lower.ends_with("isasi")
}
