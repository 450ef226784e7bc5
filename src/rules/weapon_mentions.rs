//! Later mentions of a weapon (`rule:weapon`): a weapon named once (`rudal
//! Fattah-1`, `sistem THAAD`, `jet tempur KF-21 Boramae`) is a weapon where
//! the same text names it again bare (`Fattah`, `THAAD`, `Boramae`,
//! `Hwasong-19-nya`), in any sentence of the text.

use super::doc::Doc;
use super::lexicon::bit;
use super::lexicon::FnvMap;
use super::weapons::is_enclitic;
use super::weapons::is_not_name;
use super::weapons::is_ship_prefix;
use super::words::Word;
use crate::common_words::is_common;
use crate::types::Candidate;
use crate::types::Label;
use crate::types::Rule;

/// Shortest word of a weapon's name that stands for the weapon alone.
const MIN_SHORT: usize = 4;

/// What a key of [`Doc::weapon_mentions`] stands for.
#[derive(Clone, Copy)]
struct Key<'t> {
    /// The weapon's entity; for a short name, `None`: it gets its own.
    entity: Option<u32>,
    /// The key as written at its first mention.
    written: &'t str,
}

/// The letter stem of a designator of a series (`Fattah` of `Fattah-1`,
/// `Hwasong` of `Hwasong-19`): letters, a `-`, a digit.
fn series_stem(t: &str) -> Option<&str> {
    let (stem, rest) = t.split_once('-')?;
    let ok = stem.len() >= MIN_SHORT
        && stem.bytes().all(|b| b.is_ascii_alphabetic())
        && rest.starts_with(|c: char| c.is_ascii_digit());
    ok.then_some(stem)
}

/// A word of a name in several words that can stand for the weapon alone
/// (`Boramae` of `KF-21 Boramae`, `HIMARS` of `M142 HIMARS`): a designator
/// or acronym, or a capitalized word of [`MIN_SHORT`] letters that is no
/// common word, stop word, title, given name, maker or kind.
fn short_word(w: &Word) -> bool {
    let t = w.text;
    let digits = t.bytes().any(|b| b.is_ascii_digit());
    if digits {
        return t.len() >= 3 && t.starts_with(|c: char| c.is_ascii_uppercase());
    }
    let lower = t.to_lowercase();
    w.is_word
        && w.cap
        && w.alpha
        && (t.len() >= MIN_SHORT || w.all_caps && t.len() >= 3)
        && w.bits & (bit::STOP | bit::NAME | bit::TITLE | bit::TITLE_WORD | bit::HEAD) == 0
        && !is_common(&lower)
        && !is_not_name(&lower)
}

impl<'t> Doc<'_, '_, 't> {
    /// The keys of the weapons found so far, by lower-case text; a key that
    /// two weapons share maps to `None`.
    fn weapon_keys(&self) -> FnvMap<String, Option<Key<'t>>> {
        let mut keys: FnvMap<String, Option<Key<'t>>> = FnvMap::default();
        let mut put = |text: &'t str, entity: Option<u32>| {
            let key = Key {
                entity,
                written: text,
            };
            // A weapon's own name wins over a short name of another; two
            // weapons of one name, or two spellings, make it no key.
            keys.entry(text.to_lowercase())
                .and_modify(|k| match *k {
                    Some(old) if old.written != text => *k = None,
                    Some(old) if entity.is_none() || old.entity == entity => {}
                    Some(old) if old.entity.is_none() => *k = Some(key),
                    _ => *k = None,
                })
                .or_insert(Some(key));
        };
        for f in &self.flat {
            if self.records.label(f.entity) != Some(&Label::Weapon) {
                continue;
            }
            let words: Vec<&Word<'t>> = (f.first..f.last)
                .filter_map(|k| self.words.get(k))
                .collect();
            if words.first().is_some_and(|w| is_ship_prefix(w.text)) {
                continue; // a ship is named with its prefix again
            }
            if let [w] = words.as_slice() {
                if w.is_word && (w.cap || w.text.bytes().any(|b| b.is_ascii_digit())) {
                    put(w.text, Some(f.entity));
                }
            }
            for (n, w) in words.iter().enumerate() {
                if let Some(stem) = series_stem(w.text) {
                    put(stem, None);
                }
                let maker = self.maker_at(f.first + n) > 0;
                if words.len() > 1 && short_word(w) && !maker {
                    put(w.text, None);
                }
            }
        }
        keys
    }

    /// Bare mentions of the weapons already found: `Fattah` after `rudal
    /// Fattah-1`, `THAAD` after `sistem THAAD`.
    pub(super) fn weapon_mentions(&mut self) {
        let keys = self.weapon_keys();
        if keys.is_empty() {
            return;
        }
        let mut found: Vec<(usize, usize, Key<'t>)> = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            if !w.is_word || self.covered(i) {
                continue;
            }
            // `Fattah-nya`: the name before an enclitic.
            let stem = match w.text.rsplit_once('-') {
                Some((s, tail)) if is_enclitic(tail) => s,
                _ => w.text,
            };
            let Some(Some(key)) = keys.get(&stem.to_lowercase()) else {
                continue;
            };
            let caseless = self.caseless_at(i) || self.upper_line_at(i);
            let as_written = stem == key.written;
            if !(as_written || caseless && !is_common(&stem.to_lowercase())) {
                continue;
            }
            if !self.stands_alone(i) {
                continue;
            }
            found.push((w.start, w.start + stem.len(), *key));
        }
        if found.is_empty() {
            return;
        }
        for (byte_start, byte_end, key) in found {
            let entity = match key.entity {
                Some(e) => e,
                None => {
                    let name = self
                        .text
                        .get(byte_start..byte_end)
                        .unwrap_or(key.written)
                        .to_string();
                    self.records.add(Label::Weapon, &name, Rule::Weapon)
                }
            };
            self.out.push(Candidate {
                byte_start,
                byte_end,
                entity,
                linked: false,
                rule: Some(Rule::Weapon),
            });
        }
        self.refresh();
    }

    /// Whether word `i` is a name of its own: no capitalized word without
    /// an entity right before it or after it in its sentence (which would
    /// make it part of another name: `Patriot Park`), unless the word after
    /// names a variant (`Anoa Tangguh`), and no maker around it.
    fn stands_alone(&self, i: usize) -> bool {
        let caseless = self.caseless_at(i) || self.upper_line_at(i);
        if caseless {
            return true;
        }
        let bare_cap = |k: usize| {
            self.same_sentence(i, k)
                && self
                    .word(k)
                    .is_some_and(|x| x.is_word && x.cap && !x.sentence_start)
                && !self.covered(k)
        };
        let before = i.checked_sub(1).is_some_and(bare_cap);
        let after = bare_cap(i + 1) && !self.variant_word(i + 1) && self.maker_at(i + 1) == 0;
        !(before || after)
    }
}
