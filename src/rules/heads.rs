//! Head nouns: `Kementerian Luar Negeri`, `Bandara Kualanamu` (ORGANIZATION,
//! LOCATION with the head), and organization suffixes after a known name.
use super::doc::Flat;

use super::doc::Doc;
use super::doc::Kind;
use super::doc::CONNECTORS;
use super::doc::HOME_COUNTRY;
use super::doc::MAX_HEAD_WORDS;
use super::filters::OUTSIDE_HEADS;
use crate::types::Label;
use crate::types::Rule;

/// Words that end a place's name and start its address or marker.
const UNIT_WORDS: &[&str] = &["km", "no", "nomor", "rt", "rw", "blok", "kav"];

/// Heads of a unit inside a body, whose span stops before the body's
/// name: `Fakultas Ekonomi Universitas Indonesia` is two entities.
const SUBUNIT_HEADS: &[&str] = &["fakultas", "jurusan"];

impl Doc<'_, '_, '_> {
    /// The label of a head noun at word `i`, if one starts there.
    pub(super) fn head_label(&self, i: usize) -> Option<Label> {
        self.head_at(i).map(|(_, l)| l)
    }

    /// Whether the head at word `i` is inside a longer capitalized phrase
    /// (`Angkutan Laut Dalam Negeri`): no name starts there; after a title
    /// or a known entity one does (`Sekjen Partai X`).
    fn inside_phrase(&self, i: usize) -> bool {
        i > 0
            && self.same_sentence(i - 1, i)
            && self
                .word(i - 1)
                .is_some_and(|p| p.cap && p.is_word && !p.sentence_start && !self.covered(i - 1))
            && !self.ends_title(i)
    }

    /// Whether the word before `i` ends a title or is one of its words
    /// (`Sekretaris Jenderal`, `Ketua Umum`).
    fn ends_title(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|p| {
            self.same_sentence(p, i)
                && (self.title_at(p) > 0 || self.word(p).is_some_and(|w| w.title_word()))
        })
    }

    /// Whether a title starts at word `k` and a name word follows it.
    fn rank_before_name(&self, k: usize) -> bool {
        self.title_at(k) > 0 && self.name_word(k + 1)
    }

    pub(super) fn heads(&mut self) {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let Some(w) = self.word(i) else { break };
            if !w.cap || self.in_headline(i) {
                i += 1;
                continue;
            }
            let Some((len, label)) = self.head_at(i) else {
                i += 1;
                continue;
            };
            if self.inside_phrase(i) {
                i += 1;
                continue;
            }
            // `Jl.`: the dot is a word of its own.
            let mut k = i + len;
            if self.word(k).is_some_and(|w| w.text == ".") && w.text.len() <= 3 {
                k += 1;
            }
            let run_start = k;
            let mut end = k;
            let (mut whole_head, org) = (false, label == Label::Organization);
            while k < run_start + MAX_HEAD_WORDS && self.same_sentence(i, k) {
                let Some(x) = self.word(k) else { break };
                if let Some(f) = self.cover.get(k).copied().flatten() {
                    let Some(&Flat {
                        last, kind: ref l, ..
                    }) = self.flat.get(f)
                    else {
                        break;
                    };
                    let body = *l == Kind::Organization || *l == Kind::Person;
                    if *l == Kind::Person && org && k == run_start && self.ends_title(i) {
                        // `Sekjen Partai Budi Santoso`: the head ends the
                        // office; the listed person is who holds it.
                        break;
                    }
                    if body && label == Label::Location && k > run_start {
                        // `Gedung Utama Kementerian X`: a building named by
                        // its body; the body is the entity.
                        end = run_start;
                        break;
                    }
                    if body && k > run_start && SUBUNIT_HEADS.iter().any(|h| w.is(h)) {
                        break; // `Fakultas Ekonomi` + `Universitas Indonesia`
                    }
                    k = last;
                    end = k;
                    if *l == Kind::Organization || *l == Kind::Person {
                        break; // an organization ends the run: `PT Pertamina`
                    }
                    continue;
                }
                if k > run_start && UNIT_WORDS.iter().any(|u| x.is(u)) {
                    break; // `Jalan Tol Cipularang KM 93`, `Jalan Merdeka No 5`
                } else if self.rank_before_name(k) && (k > run_start && !x.title_word()) {
                    break; // a rank or office ends it: `Polsek Cakung AKP Budi`
                } else if self.rank_before_name(k) && k == run_start && len >= 2 && org {
                    // Right after a head of two words, a rank: the head is
                    // the name (`Angkatan Darat Jenderal Budi`).
                    whole_head = true;
                    break;
                } else if x.is_word && x.cap {
                    k += 1;
                    end = k;
                } else if k > run_start
                    && label == Label::Organization
                    && CONNECTORS.iter().any(|c| x.is(c))
                    && self.head_label(k + 1).is_none()
                {
                    // `Kementerian Pendidikan dan Kebudayaan`; but two places
                    // joined by `dan` are two places.
                    k += 1;
                } else {
                    break;
                }
            }
            if end == run_start && whole_head {
                end = i + len;
            }
            if (end > run_start || whole_head)
                && !(i..end).all(|j| self.covered(j) && self.cover.get(j) == self.cover.get(i))
            {
                // `Provinsi Chanthaburi`: some heads stay outside the span.
                let outside = label == Label::Location && OUTSIDE_HEADS.iter().any(|h| w.is(h));
                let first = if outside && end > run_start {
                    run_start
                } else {
                    i
                };
                if let Some(name) = self.span_text(first, end).map(str::to_string) {
                    found.push((first, end, label, name));
                }
                i = end;
            } else {
                i += 1;
            }
        }
        for (first, last, label, name) in found {
            let e = self.records.add(label, &name, Rule::Head);
            self.push(first, last, e, Rule::Head);
        }
        self.refresh();
    }

    /// What follows an organization's name and belongs to it: the legal
    /// forms `Tbk` and `(Persero)` (the same entity), the home country (`Unilever
    /// Indonesia`, `Departemen Sosial RI`: a new organization). A foreign
    /// country after a name is mostly a description (`Samsung Kanada`).
    pub(super) fn org_suffixes(&mut self) {
        let mut found: Vec<(usize, usize, Option<u32>)> = Vec::new();
        for (
            n,
            &Flat {
                first,
                last,
                entity,
                ref kind,
            },
        ) in self.flat.iter().enumerate()
        {
            if *kind != Kind::Organization {
                continue;
            }
            let Some(next) = self.word(last) else {
                continue;
            };
            let blank = self.word(last - 1).is_some_and(|p| p.end < next.start);
            if !blank || !self.same_sentence(first, last) || self.in_headline(first) {
                continue;
            }
            if next.is("tbk") && !self.covered(last) {
                found.push((first, last + 1, Some(entity)));
            } else if next.text == "("
                && self.word(last + 1).is_some_and(|w| w.is("persero"))
                && self.word(last + 2).is_some_and(|w| w.text == ")")
                && !self.covered(last + 1)
            {
                // `PT Pindad (Persero)`, `PT Telkom (Persero) Tbk`.
                let end = if self.word(last + 3).is_some_and(|w| w.is("tbk")) {
                    last + 4
                } else {
                    last + 3
                };
                found.push((first, end, Some(entity)));
            } else if let Some(&Flat {
                first: f,
                last: l,
                entity: e,
                ..
            }) = self.flat.get(n + 1)
            {
                if f == last
                    && l == last + 1
                    && HOME_COUNTRY.iter().any(|c| next.is(c))
                    && self.records.label(e) == Some(&Label::Country)
                {
                    found.push((first, l, None));
                }
            }
        }
        for (first, last, entity) in found {
            let entity = match entity {
                Some(e) => e,
                None => match self.span_text(first, last).map(str::to_string) {
                    Some(name) => self.records.add(Label::Organization, &name, Rule::Head),
                    None => continue,
                },
            };
            self.push(first, last, entity, Rule::Head);
        }
        self.refresh();
    }
}

impl Doc<'_, '_, '_> {
    /// English head nouns that end a name (`rules/end-heads.txt`): the
    /// capitalized words before one and the head make an entity of its
    /// label (`Pixar Animation Studio`, `Suita City Football Stadium`,
    /// `New York Mercantile Exchange`); a place or a body inside is part of
    /// it.
    pub(super) fn end_heads(&mut self) {
        let mut found = Vec::new();
        for i in 1..self.words.len() {
            let Some(w) = self.word(i) else { break };
            let Some(label) = w.lex.and_then(|l| l.end_head.as_ref()) else {
                continue;
            };
            if !w.cap || w.all_caps || self.covered(i) || self.in_headline(i) {
                continue;
            }
            let mut first = i;
            while first > 0 && i - first < MAX_HEAD_WORDS && self.same_sentence(first - 1, i) {
                let k = first - 1;
                if let Some(f) = self.cover.get(k).copied().flatten() {
                    match self.flat.get(f) {
                        Some(&Flat {
                            first: a, ref kind, ..
                        }) if *kind != Kind::Person => {
                            first = a;
                        }
                        _ => break,
                    }
                } else if self
                    .word(k)
                    .is_some_and(|x| x.is_word && x.cap && !x.stop() && self.title_at(k) == 0)
                {
                    first = k;
                } else {
                    break;
                }
            }
            // `Sementara Grup Studio`: a common word opening the sentence
            // is not part of the name.
            while first < i && self.opens_sentence(first) && self.common_word(first) {
                first += 1;
            }
            if first < i && self.same_sentence(first, i) {
                if let Some(name) = self.span_text(first, i + 1).map(str::to_string) {
                    found.push((first, i + 1, label.clone(), name));
                }
            }
        }
        if found.is_empty() {
            return;
        }
        for (first, last, label, name) in found {
            let e = self.records.add(label, &name, Rule::Head);
            self.push(first, last, e, Rule::Head);
        }
        self.refresh();
    }
}
