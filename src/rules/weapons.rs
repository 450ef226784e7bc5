//! Weapon rules (`rule:weapon`): named warships after a navy prefix, names
//! after a weapon-kind head noun and the names listed after that one
//! (`kapal perusak Kunming dan Nanchang`), unlisted variants of listed designator
//! families, and weapon spans extended over their variant or series.
//!
//! The words live in `rules/weapons.txt`; the designator families are read
//! from the embedded `weapons.tsv`, so a family is listed once there and
//! its variants (`Su-30MKI`, `MiG-29UB`, `KC-130`, `Shahed-238`) follow by
//! rule.

use super::doc::Doc;
use super::doc::Flat;
use super::lexicon::bit;
use super::lexicon::FnvMap;
use super::words::Word;
use crate::common_words::is_common;
use crate::gazetteer::DEFAULTS;
use crate::normalize::fold_lower;
use crate::types::Candidate;
use crate::types::FnvSet;
use crate::types::Label;
use crate::types::Rule;
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// Longest name a weapon rule takes after its trigger, in words.
const MAX_WEAPON_WORDS: usize = 5;
/// Longest variant suffix after a family's number (`MKI`, `SM2`).
const MAX_SUFFIX: usize = 5;
/// Shortest letter stem that is a family with any number (`Shahed-238`).
const MIN_SERIES_STEM: usize = 4;

/// Phrases of folded words, found by their first word.
struct Phrases {
    /// Each first word's phrases, longest first.
    by_first: FnvMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn new(phrases: impl Iterator<Item = Vec<String>>) -> Phrases {
        let mut by_first: FnvMap<String, Vec<Vec<String>>> = FnvMap::default();
        for p in phrases {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(p);
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|x| std::cmp::Reverse(x.len()));
        }
        Phrases { by_first }
    }

    /// The phrases that start with word `w`, longest first.
    fn starting(&self, w: &Word) -> &[Vec<String>] {
        let found = match w.folded {
            Some(f) => self.by_first.get(f),
            None if !w.text.bytes().any(|b| b.is_ascii_uppercase()) => self.by_first.get(w.text),
            None => self.by_first.get(&w.text.to_ascii_lowercase()),
        };
        found.map_or(&[], Vec::as_slice)
    }
}

struct Data {
    prefix: FnvSet<String>,
    prefix_lower: FnvSet<String>,
    prefix_gated: FnvSet<String>,
    ship_context: Phrases,
    heads: Phrases,
    ship_heads: Phrases,
    civil_type: FnvSet<String>,
    civil_context: Phrases,
    makers: Phrases,
    not_name: FnvSet<String>,
    unit_word: FnvSet<String>,
    series_word: FnvSet<String>,
    caliber: FnvSet<String>,
    not_family: FnvSet<String>,
    not_suffix: FnvSet<String>,
    /// `(letters, number)` of every listed designator (`su`, `30`).
    families: FnvSet<(String, String)>,
    /// Letter stems of at least [`MIN_SERIES_STEM`] letters (`shahed`).
    series: FnvSet<String>,
}

/// A word folded: lower case, diacritics off, `-` as a blank.
fn fold(s: &str) -> String {
    fold_lower(s).replace('-', " ")
}

fn fold_word(w: &Word) -> String {
    match w.folded {
        Some(f) => f.replace('-', " "),
        None => w.text.to_ascii_lowercase(),
    }
}

/// `letters`, `number`, `suffix` of a designator (`Su-30MKI` → `su`, `30`,
/// `mki`; `F/A-18` → `fa`, `18`, ``); `None` for anything else.
fn designator(s: &str) -> Option<(String, String, String)> {
    let lower = s.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    let mut letters = String::new();
    while let Some(&c) = b.get(i) {
        if c.is_ascii_lowercase() {
            letters.push(char::from(c));
        } else if c != b'/' {
            break;
        }
        i += 1;
    }
    if matches!(b.get(i), Some(b'-' | b' ')) {
        i += 1;
    }
    let from = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let number = lower.get(from..i)?.to_string();
    let suffix: String = lower.get(i..)?.chars().filter(|&c| c != '-').collect();
    let ok = !letters.is_empty()
        && letters.len() <= 12
        && !number.is_empty()
        && suffix.len() <= MAX_SUFFIX
        && suffix.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some((letters, number, suffix))
}

static DATA: Lazy<Data> = Lazy::new(|| {
    let mut sections: HashMap<String, Vec<String>> = HashMap::new();
    let mut current = String::new();
    for line in include_str!("../../rules/weapons.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.to_string();
            continue;
        }
        sections
            .entry(current.clone())
            .or_default()
            .push(line.to_string());
    }
    let take = |name: &str| sections.get(name).cloned().unwrap_or_default();
    let folded = |name: &str| take(name).iter().map(|s| fold(s)).collect::<FnvSet<_>>();
    let phrases = |name: &str| {
        Phrases::new(
            take(name)
                .iter()
                .map(|s| fold(s).split_whitespace().map(str::to_string).collect()),
        )
    };
    let not_family = folded("not-family");
    let mut families = FnvSet::default();
    let mut series = FnvSet::default();
    let weapons = DEFAULTS
        .iter()
        .filter(|(name, _)| *name == "weapons.tsv")
        .flat_map(|(_, text)| text.lines());
    for line in weapons {
        if line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        for alias in line.split('\t').skip(1) {
            if alias.starts_with('!') || alias.starts_with('?') {
                continue;
            }
            for token in alias.trim_start_matches('~').split_whitespace() {
                let Some((letters, number, _)) = designator(token) else {
                    continue;
                };
                if not_family.contains(&letters) {
                    continue;
                }
                if letters.len() >= MIN_SERIES_STEM && token.contains('-') {
                    series.insert(letters.clone());
                }
                families.insert((letters, number));
            }
        }
    }
    Data {
        prefix: take("ship-prefix").into_iter().collect(),
        prefix_lower: folded("ship-prefix-lower"),
        prefix_gated: take("ship-prefix-gated").into_iter().collect(),
        ship_context: phrases("ship-context"),
        heads: phrases("weapon-head"),
        ship_heads: phrases("ship-head"),
        civil_type: folded("civil-type"),
        civil_context: phrases("civil-context"),
        makers: phrases("maker"),
        not_name: folded("not-name"),
        unit_word: folded("unit-word"),
        series_word: folded("series-word"),
        caliber: folded("caliber"),
        not_family,
        not_suffix: folded("not-suffix"),
        families,
        series,
    }
});

/// Whether a text without capitals and without gazetteer matches may
/// hold something for the weapon rules (which the extractor otherwise
/// skips for it): a lower-case ship prefix, a word of letters and digits
/// (`kri nanggala`, `rudal fajr-5`) or a class (`kapal selam kelas
/// barracuda`).
pub(crate) fn may_hold(text: &str) -> bool {
    let data = &*DATA;
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|t| {
            data.prefix_lower.contains(t)
                || t == "kelas"
                || (t.bytes().any(|b| b.is_ascii_digit())
                    && t.bytes().any(|b| b.is_ascii_alphabetic()))
        })
}

/// Whether `w` is a navy prefix as written (`KRI`, `USS`).
pub(super) fn is_ship_prefix(w: &str) -> bool {
    DATA.prefix.contains(w)
}

/// Whether `tail` is an enclitic (`nya` of `Patriot-nya`), not a variant.
pub(super) fn is_enclitic(tail: &str) -> bool {
    DATA.not_suffix.contains(&tail.to_ascii_lowercase())
}

/// Whether a lower-case word is a kind or quality after a weapon head
/// (`balistik`, `baru`), never a name.
pub(super) fn is_not_name(lower: &str) -> bool {
    DATA.not_name.contains(lower)
}

/// Whether the text may hold something for the weapon rules: a ship
/// prefix, the first word of a weapon head, a designator-shaped word, or a
/// weapon candidate.
pub(super) fn triggered(words: &[Word], weapon_candidate: bool) -> bool {
    let data = &*DATA;
    weapon_candidate
        || words.iter().any(|w| {
            w.is_word
                && (data.prefix.contains(w.text)
                    || data.prefix_lower.contains(w.text)
                    || designator_shaped(w, true)
                    || !data.heads.starting(w).is_empty()
                    || plural_half(w.text).is_some_and(|h| data.heads.by_first.contains_key(&h)))
        })
}

/// The word a plural repeats (`drone` of `drone-drone`), in lower case.
fn plural_half(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let (a, b) = lower.split_once('-')?;
    (a == b && !a.is_empty()).then(|| a.to_string())
}

/// A word with letters and digits that reads as a designator: `Fajr-5`,
/// `SS2-V4`, `9M723`, `K2`. In cased text it starts with a capital or a
/// digit and has no lower-case letter after a digit (`1990-an`, `ke-2` are
/// not); `caseless` lifts that.
fn designator_shaped(w: &Word, caseless: bool) -> bool {
    let t = w.text;
    if !w.is_word || t.len() > 16 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    if !t.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    if !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("ke-") || lower.ends_with("-an") || lower.starts_with("se-") {
        return false;
    }
    if caseless {
        // `fajr-5`, `su-30mki`; not `18k`, `2x` (prices, counts).
        return t.starts_with(|c: char| c.is_ascii_alphabetic());
    }
    let first_ok = t
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let after_digit_lower = t
        .as_bytes()
        .windows(2)
        .any(|p| matches!(p, [a, b] if a.is_ascii_digit() && b.is_ascii_lowercase()));
    first_ok && !after_digit_lower
}

impl Doc<'_, '_, '_> {
    fn is_weapon(&self, entity: u32) -> bool {
        self.records.label(entity) == Some(&Label::Weapon)
    }

    /// The flat entity covering word `i`: (first, last, entity).
    /// The end of a listed weapon that starts at word `i`, if one does.
    fn weapon_at(&self, i: usize) -> Option<usize> {
        self.flat_at(i)
            .filter(|&(a, _, e)| a == i && self.is_weapon(e))
            .map(|(_, b, _)| b)
    }

    /// Whether case says nothing at word `i` as written (no capitals, or
    /// all), whatever the recased copy says.
    fn written_caseless_at(&self, i: usize) -> bool {
        self.caseless_at(i)
            || self.upper_line_at(i)
            || self.written_caseless(i)
            || self.written_upper(i)
    }

    fn flat_at(&self, i: usize) -> Option<(usize, usize, u32)> {
        let f = self.cover.get(i).copied().flatten()?;
        self.flat.get(f).map(|x| (x.first, x.last, x.entity))
    }

    /// Whether a phrase of `phrases` starts at word `i`: its length.
    fn phrase_at(&self, i: usize, phrases: &Phrases) -> usize {
        let Some(w) = self.word(i) else { return 0 };
        phrases
            .starting(w)
            .iter()
            .find(|p| {
                !p.is_empty()
                    && p.iter().enumerate().all(|(k, part)| {
                        self.same_sentence(i, i + k) && self.word(i + k).is_some_and(|w| w.is(part))
                    })
            })
            .map_or(0, Vec::len)
    }

    /// Whether the line of word `i` has no capital as written (the recased
    /// copy the rules read may have some: `hizbullah` of a gazetteer match).
    fn written_caseless(&self, i: usize) -> bool {
        self.written_case(i).is_some_and(|(upper, _, _)| !upper)
    }

    /// Whether the line of word `i` is written in capitals (which the
    /// recased copy the rules read may not show).
    fn written_upper(&self, i: usize) -> bool {
        self.written_case(i)
            .is_some_and(|(upper, lower, _)| upper && !lower)
    }

    /// Whether a head of `phrases` starts at word `i`, also in its plural
    /// (`drone-drone Shahed`, `kapal-kapal perang`): its length in words.
    fn head_phrase_at(&self, i: usize, phrases: &Phrases) -> usize {
        let len = self.phrase_at(i, phrases);
        if len > 0 {
            return len;
        }
        let Some(half) = self.word(i).and_then(|w| plural_half(w.text)) else {
            return 0;
        };
        phrases
            .by_first
            .get(&half)
            .into_iter()
            .flatten()
            .find(|p| {
                p.iter().enumerate().skip(1).all(|(k, part)| {
                    self.same_sentence(i, i + k) && self.word(i + k).is_some_and(|w| w.is(part))
                })
            })
            .map_or(0, Vec::len)
    }

    /// Runs the weapon rules.
    pub(super) fn weapons(&mut self) {
        self.civil_types();
        self.ships();
        self.weapon_heads();
        self.families();
        self.weapon_mentions();
        self.extend_weapons();
    }

    fn add_weapon(&mut self, found: Vec<(usize, usize)>) {
        for (first, last) in found {
            let Some(name) = self.span_text(first, last).map(str::to_string) else {
                continue;
            };
            let e = self.records.add(Label::Weapon, &name, Rule::Weapon);
            self.push(first, last, e, Rule::Weapon);
        }
        self.refresh();
    }

    /// Drops a weapon that is also an airliner (`CN-235`) where the
    /// sentence speaks of civil flying (`maskapai`, `penumpang`).
    fn civil_types(&mut self) {
        let data = &*DATA;
        let mut drop = Vec::new();
        for &Flat {
            first,
            last,
            entity,
            ..
        } in &self.flat
        {
            if !self.is_weapon(entity) {
                continue;
            }
            let Some(text) = self.span_text(first, last) else {
                continue;
            };
            if data.civil_type.contains(&fold(text))
                && self.sentence_has(first, &data.civil_context)
            {
                drop.push(entity);
            }
        }
        if drop.is_empty() {
            return;
        }
        let spans: Vec<(usize, usize)> = self
            .flat
            .iter()
            .filter(|f| drop.contains(&f.entity))
            .filter_map(|f| {
                Some((
                    self.word(f.first)?.start,
                    self.word(f.last.checked_sub(1)?)?.end,
                ))
            })
            .collect();
        let records = &*self.records;
        self.out.retain(|c| {
            !(records.label(c.entity) == Some(&Label::Weapon)
                && spans
                    .iter()
                    .any(|&(a, b)| c.byte_start < b && a < c.byte_end))
        });
        self.refreshed_at = usize::MAX;
        self.refresh();
    }

    /// `KRI Bung Tomo-357`, `USS Gerald R. Ford`, `kri nanggala`.
    fn ships(&mut self) {
        let data = &*DATA;
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let Some(w) = self.word(i) else { break };
            let caseless = !w.cap && data.prefix_lower.contains(w.text) && self.caseless_at(i);
            let upper = self.upper_line_at(i) || self.written_upper(i);
            let cased = data.prefix.contains(w.text) && (!self.in_headline(i) || upper);
            if !(cased || caseless) {
                i += 1;
                continue;
            }
            // In a line without capitals a listed ship is the gazetteer's.
            let listed = self.weapon_at(i).is_some();
            if (caseless || cased && upper) && listed {
                i += 1;
                continue;
            }
            if cased && data.prefix_gated.contains(w.text) && !self.ship_word_near(i) {
                i += 1;
                continue;
            }
            let end = if caseless || upper {
                self.lower_name_end(i + 1)
            } else {
                self.ship_name_end(i + 1)
            };
            if end > i + 1 {
                let already = self
                    .flat_at(i)
                    .is_some_and(|(a, b, e)| a == i && b >= end && self.is_weapon(e));
                if !already {
                    found.push((i, end));
                }
                i = end;
            } else {
                i += 1;
            }
        }
        self.add_weapon(found);
    }

    /// Whether a ship word is in the sentence of word `i`.
    fn ship_word_near(&self, i: usize) -> bool {
        self.sentence_has(i, &DATA.ship_context)
    }

    /// Whether a phrase of `phrases` is in the sentence of word `i`.
    fn sentence_has(&self, i: usize, phrases: &Phrases) -> bool {
        let Some(s) = self.word(i).map(|w| w.sentence) else {
            return false;
        };
        let from = self.words.partition_point(|w| w.sentence < s);
        (from..self.words.len())
            .take_while(|&k| self.word(k).is_some_and(|w| w.sentence == s))
            .any(|k| self.phrase_at(k, phrases) > 0)
    }

    /// The end of a ship's name in cased text starting at word `k`:
    /// capitalized words, initials (`R.`), particles between them, a hull
    /// number last (`Tomo-357`, `Tomo 357`).
    fn ship_name_end(&self, k: usize) -> usize {
        let mut j = k;
        let mut end = k;
        while j < k + MAX_WEAPON_WORDS && self.same_sentence(k, j) {
            let Some(w) = self.word(j) else { break };
            let prev_blank = j == 0 || self.word(j - 1).is_some_and(|p| p.end < w.start);
            if !prev_blank && j > k {
                // `R.`: the dot after an initial.
                if w.text == "." && self.word(j - 1).is_some_and(|p| p.text.len() == 1) {
                    j += 1;
                    end = j;
                    continue;
                }
                break;
            }
            let has_digit = w.text.bytes().any(|b| b.is_ascii_digit());
            if w.is_word && w.cap && !(w.all_caps && w.text.len() > 1 && j == k) {
                if DATA.not_name.contains(&fold_word(w)) {
                    break;
                }
                j += 1;
                end = j;
                if has_digit {
                    break;
                }
            } else if j > k && w.text.bytes().all(|b| b.is_ascii_digit()) && w.text.len() <= 4 {
                j += 1;
                end = j;
                break;
            } else if j > k
                && ["de", "van", "der", "da", "bin", "al"]
                    .iter()
                    .any(|p| w.is(p))
                && self.word(j + 1).is_some_and(|n| n.cap)
            {
                j += 1;
            } else {
                break;
            }
        }
        end
    }

    /// The end of a name in a line whose case says nothing (no capitals,
    /// or all capitals), starting at word `k`: up to three words, ending at
    /// one with a digit or before a common word. The first word may be a
    /// common word only in a name that ends in a hull number (`kri bung
    /// tomo-357`, not `kri adalah`).
    fn lower_name_end(&self, k: usize) -> usize {
        let mut j = k;
        let mut digit = false;
        // A verb ends a name too (`HMS RICHMOND MELINTASI`, `dikirim`).
        let common = |w: &Word| {
            let folded = fold_word(w);
            let verb = folded.len() > 5
                && (folded.starts_with("me")
                    || folded.starts_with("di")
                    || folded.ends_with("kan"));
            w.stop() || is_common(&folded) || DATA.not_name.contains(&folded) || verb
        };
        while j < k + 3 && self.same_sentence(k, j) {
            let Some(w) = self.word(j) else { break };
            if !w.is_word || j > k && common(w) {
                break;
            }
            j += 1;
            if w.text.bytes().any(|b| b.is_ascii_digit()) {
                digit = true;
                break;
            }
        }
        let first_common = self.word(k).is_some_and(common);
        if first_common && !digit {
            return k;
        }
        j
    }

    /// `rudal Fajr-5`, `tank Altay`, `kapal selam "Alugoro"`, `panser Anoa`.
    fn weapon_heads(&mut self) {
        let data = &*DATA;
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let len = self.head_phrase_at(i, &data.heads);
            let capital_head = self.word(i).is_some_and(|w| w.cap && !w.sentence_start);
            let upper = self.upper_line_at(i) || self.written_upper(i);
            let unit = i > 0
                && self.same_sentence(i - 1, i)
                && self
                    .word(i - 1)
                    .is_some_and(|u| data.unit_word.contains(&fold_word(u)));
            if len == 0 || capital_head && !upper || unit {
                // A capitalized head mid-sentence is inside a name.
                i += len.max(1);
                continue;
            }
            let k = i + len;
            let ship = self.head_phrase_at(i, &data.ship_heads) == len;
            if let Some((first, last)) = self.name_after_head(k, ship) {
                found.push((first, last));
                i = self.list_after(last, ship, &mut found);
            } else if let Some(b) = self.weapon_at(k) {
                i = self.list_after(b, ship, &mut found);
            } else {
                i = k;
            }
        }
        // A place that a ship's name replaces gives way.
        let spans: Vec<(usize, usize)> = found
            .iter()
            .filter_map(|&(f, l)| Some((self.word(f)?.start, self.word(l.checked_sub(1)?)?.end)))
            .collect();
        let records = &*self.records;
        let before = self.out.len();
        self.out.retain(|c| {
            !(matches!(records.label(c.entity), Some(Label::Location))
                && spans
                    .iter()
                    .any(|&(a, b)| a <= c.byte_start && c.byte_end <= b))
        });
        if self.out.len() != before {
            self.refreshed_at = usize::MAX;
        }
        self.add_weapon(found);
    }

    /// The name right after a weapon head at word `k`, if there is one that
    /// no entity covers yet.
    fn name_after_head(&self, k: usize, ship: bool) -> Option<(usize, usize)> {
        let first = self.word(k)?;
        if !self.same_sentence(k.checked_sub(1)?, k) {
            return None;
        }
        let caseless = self.caseless_at(k) || self.upper_line_at(k);
        let written_lower = self.written_caseless_at(k);
        let quoted = ["\"", "'", "“", "‘"].contains(&first.text);
        // A class after the head: `kapal selam kelas Barracuda`, `fregat
        // kelas Sigma 10514`; the span starts at `kelas`, as the listed
        // classes do.
        let class = !quoted && fold_word(first) == "kelas";
        let start = if quoted || class { k + 1 } else { k };
        let headline = self.in_headline(k);
        // The country of origin between head and name: `kapal induk China
        // Fujian`; the name must follow.
        let mut start = start;
        if let Some((a, b, e)) = self.flat_at(start) {
            let next_cap = self
                .word(b)
                .is_some_and(|n| n.is_word && n.cap && self.same_sentence(k, b));
            if a == start && !quoted && next_cap && self.records.label(e) == Some(&Label::Country) {
                start = b;
            }
        }
        let mut j = start;
        while j < start + MAX_WEAPON_WORDS && self.same_sentence(k, j) {
            let Some(w) = self.word(j) else { break };
            if let Some((a, b, e)) = self.flat_at(j) {
                if j == start && self.is_weapon(e) {
                    return None; // listed: nothing to add
                }
                let place = self.records.label(e) == Some(&Label::Location);
                if ship && place && a == j && w.cap && !caseless && !headline {
                    j = b; // `kapal penjelajah Moskva`
                    continue;
                }
                break;
            }
            let folded = fold_word(w);
            let shaped = designator_shaped(w, caseless);
            let name = w.is_word
                && w.cap
                && !caseless
                && !headline
                && (quoted || !w.stop() && !w.title_word() && !DATA.not_name.contains(&folded));
            let glued = |x: usize| matches!((self.word(x), self.word(x + 1)), (Some(a), Some(b)) if a.end == b.start);
            let number = j > start
                && w.text.bytes().all(|b| b.is_ascii_digit())
                && w.text.len() <= 3
                && !glued(j) // `133.000`
                && self.word(j - 1).is_some_and(|p| p.cap && p.alpha);
            let quoted_word = quoted && written_lower && w.is_word && !w.stop();
            // In a line without capitals one word after `kelas` that is no
            // common word (`kelas berat`, `kelas satu` are not classes).
            let class_word = class
                && written_lower
                && j == start
                && w.is_word
                && w.alpha
                && !w.stop()
                && !is_common(&folded)
                && !DATA.not_name.contains(&folded);
            let lone =
                written_lower && !quoted && !class && j == start && self.lone_lower_name(k, j);
            if shaped || name || number || quoted_word || class_word || lone {
                j += 1;
            } else {
                break;
            }
        }
        if j == start {
            return None;
        }
        if class {
            return Some((k, j));
        }
        if quoted {
            let close = self.word(j)?;
            if !["\"", "'", "”", "’"].contains(&close.text) {
                return None;
            }
        }
        Some((start, j))
    }

    /// The names listed after a head's first one, which ends before word
    /// `end`: `kapal perusak Kunming dan Nanchang`, `jet tempur Rafale dan
    /// Typhoon`, each read like a name after the head, a listed weapon
    /// among them passed over; pushed to `found`. Returns the end of the
    /// list. After a bare comma a member counts only where the list goes
    /// on after it (`Selain kapal induk Liaoning, Beijing juga …` is no
    /// list), and a given or family name (`… dan Sjafrie`), a common word
    /// or a word before a saying verb ends it: a new clause starts there.
    /// (An unlisted capitalized word that opens a clause after `dan` is
    /// still taken for a member: most lists are the subject of a verb,
    /// `Nagapasa, Ardadedali dan Alugoro bersandar`, so a verb after one
    /// says nothing.)
    fn list_after(&self, mut end: usize, ship: bool, found: &mut Vec<(usize, usize)>) -> usize {
        while let Some((next, conjunction)) = self.list_next(end) {
            // Another head starts a name of its own (`rudal Fattah dan rudal
            // Emad`), found from there.
            if self.head_phrase_at(next, &DATA.heads) > 0 {
                break;
            }
            if let Some(b) = self.weapon_at(next) {
                end = b;
                continue;
            }
            let Some((first, last)) = self.name_after_head(next, ship) else {
                break;
            };
            let Some(w) = self.word(first) else { break };
            let unlisted = self.flat_at(first).is_none();
            // Where case says nothing, an unlisted word is only a member
            // if it has a designator's shape (`… DAN PENGANGKUT PERSONEL`).
            if self.written_caseless_at(first) && unlisted && !designator_shaped(w, true) {
                break;
            }
            // A word that is no name of a thing: a given name, an
            // organization's head, a common word (`… dan Pemerintah`).
            let plain = !designator_shaped(w, false)
                && unlisted
                && (w.bits & (bit::NAME | bit::HEAD) != 0 || is_common(&fold_word(w)));
            let says = self.word(last).is_some_and(|n| n.bits & bit::SAY != 0);
            let goes_on = conjunction || self.list_next(last).is_some();
            if plain || says || !goes_on {
                break;
            }
            found.push((first, last));
            end = last;
        }
        end
    }

    /// Where the next member of a list starts after word `end` (`, `,
    /// `dan`, `, dan`, `serta`, `atau`), and whether a conjunction is
    /// before it; `None` where no list goes on.
    fn list_next(&self, end: usize) -> Option<(usize, bool)> {
        let w = self.word(end)?;
        if !self.same_sentence(end.checked_sub(1)?, end) {
            return None;
        }
        let conjunction = |w: &Word| w.is("dan") || w.is("serta") || w.is("atau");
        if w.text == "," {
            let n = self.word(end + 1)?;
            return Some(if conjunction(n) {
                (end + 2, true)
            } else {
                (end + 1, false)
            });
        }
        conjunction(w).then_some((end + 1, true))
    }

    /// In a line whose case says nothing, word `j` right after the weapon
    /// head that ends before word `k`, as a name of one word (`roket
    /// qassam`, `rudal bastion`): letters, no common word, kind, weapon head
    /// (`meriam antipesawat gepard`), stop word or title, no affix of a verb
    /// or noun (`pengintai`, `rakitan`), and nothing but a common word, a stop word, a mark or an entity after it.
    /// Not after `senjata` (`senjata tajam`).
    fn lone_lower_name(&self, k: usize, j: usize) -> bool {
        let Some(w) = self.word(j) else { return false };
        if k == 0 || self.word(k - 1).is_some_and(|h| h.is("senjata")) {
            return false;
        }
        let folded = fold_word(w);
        let affixed = ["me", "di", "ber", "ter", "pe", "ke"]
            .iter()
            .any(|p| folded.starts_with(p))
            || ["kan", "nya", "an"].iter().any(|s| folded.ends_with(s));
        let plain = w.is_word
            && folded.len() >= 4
            && folded.bytes().all(|b| b.is_ascii_lowercase())
            && w.bits & (bit::STOP | bit::TITLE | bit::TITLE_WORD | bit::HEAD) == 0
            && !is_common(&folded)
            && !DATA.not_name.contains(&folded)
            && !affixed
            && self.head_phrase_at(j, &DATA.heads) == 0;
        let ends = !self.same_sentence(j, j + 1)
            || self.word(j + 1).is_none_or(|n| {
                !n.is_word || n.stop() || is_common(&fold_word(n)) || self.covered(j + 1)
            });
        plain && ends
    }

    /// Unlisted variants of listed families: `MiG-29UB`, `KC-130J`,
    /// `Shahed-238`.
    fn families(&mut self) {
        let data = &*DATA;
        let mut found = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            // Letters, a `-`, the number: `Su-30MKI`, not `B2B`, `rp8`.
            let caseless = self.caseless_at(i);
            if !w.is_word
                || self.covered(i)
                || !w.text.contains('-')
                || !designator_shaped(w, caseless)
                || self.in_link(i)
            {
                continue;
            }
            let Some((letters, number, suffix)) = designator(w.text) else {
                continue;
            };
            if data.not_family.contains(&letters) || data.not_suffix.contains(&suffix) {
                continue;
            }
            // A variant suffix is short, and in capitals where the text
            // has them (`MKI`, `SM2`; not `H-6Besok`).
            let suffix_letters = suffix.bytes().filter(u8::is_ascii_alphabetic).count();
            let tail = w
                .text
                .rsplit(|c: char| c.is_ascii_digit())
                .next()
                .unwrap_or_default();
            if suffix_letters > 3 || !caseless && tail.chars().any(char::is_lowercase) {
                continue;
            }
            let listed = data.families.contains(&(letters.clone(), number.clone()));
            // A US mission letter before a one-letter basic mission:
            // `KC-130`, `EC-130`, `RC-135`, written in capitals.
            let mission = !caseless
                && letters.len() == 2
                && w.text.starts_with(|c: char| "AEHKMRWQCSOUV".contains(c))
                && w.text
                    .get(..2)
                    .is_some_and(|l| l.bytes().all(|b| b.is_ascii_uppercase()))
                && letters.get(1..).is_some_and(|base| {
                    data.families.contains(&(base.to_string(), number.clone()))
                });
            let series = letters.len() >= MIN_SERIES_STEM
                && data.series.contains(&letters)
                && w.text.contains('-');
            if (listed && !suffix.is_empty()) || mission || series {
                found.push((i, i + 1));
            }
        }
        self.add_weapon(found);
    }

    /// Whether word `i` is inside a web address or a handle (`t.co/x`,
    /// `ow.ly/JF5Y3`, `#F4F`): a run of non-blank text with `/`, `#` or
    /// `@` around it.
    fn in_link(&self, i: usize) -> bool {
        let Some(w) = self.word(i) else { return false };
        let bytes = self.text.as_bytes();
        let from = bytes
            .get(..w.start)
            .and_then(|b| b.iter().rposition(u8::is_ascii_whitespace))
            .map_or(0, |p| p + 1);
        let to = bytes
            .get(w.end..)
            .and_then(|b| b.iter().position(u8::is_ascii_whitespace))
            .map_or(bytes.len(), |p| w.end + p);
        self.text
            .get(from..to)
            .is_some_and(|run| run.contains(['/', '#', '@']) && run.len() > w.end - w.start + 1)
    }

    /// A weapon span takes in the rest of its word (`Kalibr-M`), a series
    /// (`F-16 Block 72`), a variant word (`Leopard 2A4`) or the weapon
    /// right after it (`Hercules C-130J`).
    fn extend_weapons(&mut self) {
        let data = &*DATA;
        let mut grown: Vec<(usize, usize, u32, bool)> = Vec::new();
        for (
            n,
            &Flat {
                first,
                last,
                entity,
                ..
            },
        ) in self.flat.iter().enumerate()
        {
            if !self.is_weapon(entity) {
                continue;
            }
            let Some(&(_, span_end)) = self.flat_spans.get(n) else {
                continue;
            };
            let mut end_byte = span_end;
            let mut last = last;
            // Another number is another model: `Shahed-999` is not the
            // `Shahed-136` its stem matched.
            let mut renamed = false;
            // The rest of the word the span ends in.
            if let Some(w) = last.checked_sub(1).and_then(|l| self.word(l)) {
                if w.end > span_end && w.end - span_end <= MAX_SUFFIX + 1 {
                    let rest = self.text.get(span_end..w.end).unwrap_or_default();
                    let tail = rest.get(1..).unwrap_or_default();
                    if rest.starts_with('-')
                        && tail.bytes().all(|b| b.is_ascii_alphanumeric())
                        && !data.not_suffix.contains(&tail.to_ascii_lowercase())
                    {
                        end_byte = w.end;
                        renamed = tail.bytes().any(|b| b.is_ascii_digit());
                    }
                }
            }
            let before = last;
            if end_byte == span_end {
                // One step; a second after a maker (`Maung Pindad MV3`).
                for _ in 0..2 {
                    if !(self.same_sentence(first, last) && self.blank_before(last)) {
                        break;
                    }
                    let next = self.grow_step(first, last);
                    let maker = next > last && self.phrase_at(last, &data.makers) == next - last;
                    last = next;
                    if !maker {
                        break;
                    }
                }
                // Grown by whole words only: a span that ends inside its
                // word (`F-35` of `F-35-nya`) keeps its end.
                if last > before {
                    if let Some(w) = last.checked_sub(1).and_then(|l| self.word(l)) {
                        end_byte = w.end;
                    }
                }
            }
            let start = first - self.maker_before(first);
            // A class: `kapal selam kelas Scorpene Evolved` is `kelas ...`,
            // as the listed classes are.
            let start = start - usize::from(self.class_before(start));
            // A variant designator before the name: `MV3 Maung`.
            let start = start - usize::from(start == first && self.designator_before(first));
            if end_byte > span_end || start < first {
                if let Some(a) = self.word(start) {
                    grown.push((a.start, end_byte, entity, renamed));
                }
            }
        }
        self.add_grown(grown);
    }

    /// The end of a weapon span over words `first..last` grown by one step:
    /// a series (`F-16 Block 72`), a calibre (`Bofors 40 mm`), a variant
    /// designator or word (`Leopard 2A4`, `Anoa MV3`, `Anoa Tangguh`), a
    /// maker (`Anoa Pindad`), the weapon right after it (`Hercules
    /// C-130J`); `last` when nothing follows.
    fn grow_step(&self, first: usize, last: usize) -> usize {
        let data = &*DATA;
        let Some(next) = self.word(last) else {
            return last;
        };
        let mut last = last;
        let num = |k: usize| {
            self.word(k)
                .is_some_and(|x| x.text.bytes().all(|b| b.is_ascii_digit()) && x.text.len() <= 3)
        };
        if data.series_word.contains(&fold_word(next)) && num(last + 1) && !self.covered(last) {
            last += 2;
        } else if num(last)
            && !self.covered(last)
            && self
                .word(last + 1)
                .is_some_and(|u| data.caliber.contains(&fold_word(u)))
        {
            last += 2; // `Bofors 40 mm`
        } else if data.caliber.contains(&fold_word(next))
            && self
                .word(last - 1)
                .is_some_and(|p| p.text.bytes().all(|b| b.is_ascii_digit()))
        {
            last += 1; // `Bofors 40` + `mm`
        } else if !self.covered(last)
            && designator_shaped(next, self.caseless_at(last))
            && next.text.starts_with(|c: char| c.is_ascii_digit())
        {
            last += 1; // `Leopard 2A4`
        } else if let n @ 1.. = self.phrase_at(last, &data.makers) {
            last += n; // `Anoa Pindad`
        } else if !self.covered(last)
            && designator_shaped(next, self.caseless_at(last))
            && next.text.starts_with(|c: char| c.is_ascii_alphabetic())
            && next.text.len() <= MAX_SUFFIX
            && !next.text.contains('-')
        {
            last += 1; // `Anoa MV3`
        } else if self.variant_word(last) {
            last += 1; // `Anoa Tangguh`
        } else if let Some((a, b, e)) = self.flat_at(last) {
            if a == last && self.is_weapon(e) && b - first <= MAX_WEAPON_WORDS {
                last = b; // `Hercules C-130J`
            }
        }
        last
    }

    /// Whether the word before the weapon at word `first` is a variant
    /// designator of letters and digits without a `-` (`MV3 Maung`, `K2
    /// Black Panther`), one blank before it, no entity of its own and no
    /// stem of `[not-family]` (`G20`) or money (`Rp5`).
    fn designator_before(&self, first: usize) -> bool {
        let Some(w) = first.checked_sub(1).and_then(|p| self.word(p)) else {
            return false;
        };
        let shaped = designator_shaped(w, self.caseless_at(first - 1))
            && w.text.len() <= 6
            && !w.text.contains('-')
            && w.text.starts_with(|c: char| c.is_ascii_alphabetic());
        let letters: String = w
            .text
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        shaped
            && !self.covered(first - 1)
            && self.same_sentence(first - 1, first)
            && self.blank_before(first)
            && letters != "rp"
            && !DATA.not_family.contains(&letters)
    }

    /// Whether the word before word `first` is `kelas` in its sentence, one
    /// blank before it.
    fn class_before(&self, first: usize) -> bool {
        first > 0
            && self.same_sentence(first - 1, first)
            && self.blank_before(first)
            && self.word(first - 1).is_some_and(|w| w.is("kelas"))
    }

    /// Whether one blank, and nothing else, is between word `k` and the
    /// word before it.
    fn blank_before(&self, k: usize) -> bool {
        k > 0
            && matches!((self.word(k - 1), self.word(k)), (Some(p), Some(x)) if p.end < x.start && x.start - p.end == 1)
    }

    /// The words of a maker's name at word `i` (`Pindad`, `Lockheed Martin`):
    /// 0 without one.
    pub(super) fn maker_at(&self, i: usize) -> usize {
        self.phrase_at(i, &DATA.makers)
    }

    /// The words of a maker right before the weapon at word `first` (`Pindad
    /// Anoa`): 0 without one.
    fn maker_before(&self, first: usize) -> usize {
        (1..=2)
            .find(|&n| {
                first >= n
                    && self.same_sentence(first - n, first)
                    && (first - n + 1..=first).all(|k| self.blank_before(k))
                    && self.phrase_at(first - n, &DATA.makers) == n
            })
            .unwrap_or(0)
    }

    /// Whether word `i`, right after a weapon, names its variant (`Anoa
    /// Tangguh`): one capitalized word in a mixed-case sentence that is not
    /// a headline, no common word, given name or title, no entity of its
    /// own, and no capitalized word after it (which would make it the start
    /// of another name). Capitalized as written: not by the recased copy.
    pub(super) fn variant_word(&self, i: usize) -> bool {
        let Some(w) = self.word(i) else { return false };
        w.cap
            && !w.all_caps
            && w.alpha
            && w.bits & (bit::STOP | bit::NAME | bit::TITLE | bit::TITLE_WORD | bit::HEAD) == 0
            && !self.covered(i)
            && !self.in_headline(i)
            && self
                .original
                .get(w.start..w.end)
                .is_some_and(|o| o.starts_with(char::is_uppercase))
            && !self.upper_line_at(i)
            && !self.written_upper(i)
            && w.text.len() >= 4
            && !is_common(&w.text.to_lowercase())
            && !self
                .word(i + 1)
                .is_some_and(|n| self.same_sentence(i, i + 1) && n.cap)
    }

    /// Adds the grown spans of [`Doc::extend_weapons`]: `(start byte, end
    /// byte, entity, renamed)`, a new entity where the number changed.
    fn add_grown(&mut self, grown: Vec<(usize, usize, u32, bool)>) {
        if grown.is_empty() {
            return;
        }
        for (byte_start, byte_end, entity, renamed) in grown {
            let entity = match self.text.get(byte_start..byte_end) {
                Some(name) if renamed => {
                    let name = name.to_string();
                    self.records.add(Label::Weapon, &name, Rule::Weapon)
                }
                _ => entity,
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
}
