//! The rules' lexicon: every trigger word and phrase of `rules/*.txt` in one
//! open-addressing table keyed by folded word (ASCII words looked up without
//! allocating), built once.

use crate::normalize::fold_lower;
use crate::types::Label;
use once_cell::sync::Lazy;
use std::collections::HashMap;

pub(super) use crate::types::FnvMap;

/// [`Lex`] flags copied into each [`Word`], so that the passes over all
/// words read them without following the pointer.
pub(super) mod bit {
    pub(in crate::rules) const STOP: u16 = 1;
    pub(in crate::rules) const TITLE_WORD: u16 = 2;
    pub(in crate::rules) const SAY: u16 = 4;
    pub(in crate::rules) const CONTEXT: u16 = 8;
    pub(in crate::rules) const HEADLINE_LOWER: u16 = 16;
    pub(in crate::rules) const HEAD: u16 = 32;
    pub(in crate::rules) const TITLE: u16 = 64;
    pub(in crate::rules) const NAME: u16 = 128;
    pub(in crate::rules) const MEDIA: u16 = 256;
    pub(in crate::rules) const LOWER_HEAD: u16 = 512;
    pub(in crate::rules) const END_HEAD: u16 = 1024;
}

/// What the rule data says of one folded word.
#[derive(Debug, Default)]
pub(super) struct Lex {
    /// The [`bit`] flags of the fields below.
    pub(super) bits: u16,
    /// In `rules/stopwords.txt`.
    pub(super) stop: bool,
    /// In `rules/title-words.txt`.
    pub(super) title_word: bool,
    /// A verb of saying before the name (`kata X`).
    pub(super) say_after: bool,
    /// A verb of saying after the name (`X mengatakan`).
    pub(super) say_before: bool,
    /// In `rules/abbreviations.txt`.
    pub(super) abbreviation: bool,
    /// In [`HEADLINE_LOWER`]: left in lower case by Title Case headlines.
    pub(super) headline_lower: bool,
    /// `rules/context.txt`: a name follows (`bersama X`).
    pub(super) ctx_after: bool,
    /// `rules/context.txt`: a name of two words or more follows (`oleh X Y`).
    pub(super) ctx_after2: bool,
    /// `rules/context.txt`: a name precedes (`X juga`).
    pub(super) ctx_before: bool,
    /// `rules/context.txt`: in parentheses right after a name (`X (gitar)`).
    pub(super) ctx_paren: bool,
    /// `rules/end-heads.txt`: the label of a long form ending with this
    /// word (`European Free Trade Association`).
    pub(super) end_head: Option<Label>,
    /// A title that is part of the name it precedes (`Pangeran Diponegoro`):
    /// `+` lines of `rules/titles.txt`.
    pub(super) name_title: bool,
    /// Title phrases that start with this word, longest first.
    pub(super) titles: Vec<Vec<String>>,
    /// Head phrases that start with this word and their labels, longest first.
    pub(super) heads: Vec<(Vec<String>, Label)>,
    /// `rules/lower-heads.txt` phrases that start with this word: a place
    /// name follows them also in lower case (`bandara Ben Gurion`).
    pub(super) lower_heads: Vec<Vec<String>>,
    /// Cue phrases that start with this word and the label they favour.
    pub(super) cues: Vec<(Vec<String>, Label)>,
    /// In `rules/names-given.txt`: a given name.
    pub(super) given: bool,
    /// In `rules/names-family.txt`: a family name.
    pub(super) family: bool,
    /// A `^` line of `rules/names-family.txt`: a family name written
    /// first (`Park Min-young`).
    pub(super) family_first: bool,
    /// `cue:` in `rules/media-cues.txt`: a news source follows (`dilansir X`).
    pub(super) media_cue: bool,
    /// `skip:` in `rules/media-cues.txt`: may stand between the cue and the
    /// source (`dilansir dari laman X`).
    pub(super) media_skip: bool,
}

/// Lexicon keys are at most this many bytes (a unit test checks it): a
/// longer word is not looked up, a shorter one is packed into three
/// machine words.
pub(super) const MAX_KEY: usize = 24;

/// A folded word of at most [`MAX_KEY`] bytes, zero-padded, and its length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct Key {
    pub(super) words: [u64; 3],
    pub(super) len: u8,
}

impl Key {
    /// `None` if `bytes` is empty or longer than [`MAX_KEY`].
    #[inline]
    pub(super) fn new(bytes: &[u8]) -> Option<Key> {
        let mut buf = [0u8; MAX_KEY];
        buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Key::packed(buf, bytes.len())
    }

    /// The key of ASCII `bytes` lower-cased.
    pub(super) fn lower(bytes: &[u8]) -> Option<Key> {
        let mut buf = [0u8; MAX_KEY];
        let part = buf.get_mut(..bytes.len())?;
        part.copy_from_slice(bytes);
        part.make_ascii_lowercase();
        Key::packed(buf, bytes.len())
    }

    #[inline]
    pub(super) fn packed(buf: [u8; MAX_KEY], len: usize) -> Option<Key> {
        if len == 0 || len > MAX_KEY {
            return None;
        }
        let mut words = [0u64; 3];
        for (w, chunk) in words.iter_mut().zip(buf.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *w = u64::from_le_bytes(b);
        }
        Some(Key {
            words,
            len: u8::try_from(len).ok()?,
        })
    }

    #[inline]
    pub(super) fn hash(&self) -> u64 {
        let [a, b, c] = self.words;
        (a ^ b.rotate_left(21) ^ c.rotate_left(42) ^ u64::from(self.len))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// The trigger lists of `rules/`, by folded word: an open-addressing
/// table (linear probing, at most half full), since the rule stage looks
/// up every word of every text. Most words are in no list: a byte per
/// slot, small enough to stay in the L1 cache, answers them.
pub(super) struct Data {
    /// Per slot: 0 if empty, else 8 bits of the key's hash (never 0).
    pub(super) tags: Box<[u8]>,
    /// Per slot: the key and its index into `lexes`.
    pub(super) slots: Box<[(Key, u32)]>,
    /// log2 of the number of slots.
    pub(super) bits: u32,
    pub(super) lexes: Vec<Lex>,
    /// Words of `rules/` too long for a key (see [`MAX_KEY`]); read by a
    /// unit test.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) rejected: Vec<String>,
}

impl Data {
    pub(super) fn build(lexicon: HashMap<Key, Lex>, rejected: Vec<String>) -> Data {
        let mut bits = 4;
        while (1usize << bits) < 2 * lexicon.len() {
            bits += 1;
        }
        let mut tags = vec![0u8; 1 << bits].into_boxed_slice();
        let mut slots = vec![(Key::default(), 0u32); 1 << bits].into_boxed_slice();
        let mut lexes = Vec::with_capacity(lexicon.len());
        for (key, mut lex) in lexicon {
            lex.bits = [
                (lex.stop, bit::STOP),
                (lex.title_word, bit::TITLE_WORD),
                (lex.say_after || lex.say_before, bit::SAY),
                (
                    lex.ctx_after || lex.ctx_after2 || lex.ctx_before || lex.ctx_paren,
                    bit::CONTEXT,
                ),
                (lex.headline_lower, bit::HEADLINE_LOWER),
                (!lex.heads.is_empty(), bit::HEAD),
                (!lex.titles.is_empty(), bit::TITLE),
                (lex.given || lex.family || lex.family_first, bit::NAME),
                (lex.media_cue, bit::MEDIA),
                (!lex.lower_heads.is_empty(), bit::LOWER_HEAD),
                (lex.end_head.is_some(), bit::END_HEAD),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .fold(0, |acc, (_, b)| acc | b);
            let (mut i, tag) = Data::slot(&key, bits);
            while tags.get(i).is_some_and(|&t| t != 0) {
                i = (i + 1) & ((1 << bits) - 1);
            }
            if let (Some(t), Some(slot)) = (tags.get_mut(i), slots.get_mut(i)) {
                *t = tag;
                *slot = (key, u32::try_from(lexes.len()).unwrap_or(u32::MAX));
                lexes.push(lex);
            }
        }
        Data {
            tags,
            slots,
            bits,
            lexes,
            rejected,
        }
    }

    /// The first slot to probe for `key` and its tag.
    #[inline]
    // Bits of the hash: the truncation is the point.
    #[allow(clippy::cast_possible_truncation)]
    pub(super) fn slot(key: &Key, bits: u32) -> (usize, u8) {
        let h = key.hash();
        ((h >> (64 - bits)) as usize, (h >> (56 - bits)) as u8 | 1)
    }

    #[inline]
    pub(super) fn get(&self, key: &Key) -> Option<&Lex> {
        let mask = (1usize << self.bits) - 1;
        let (mut i, tag) = Data::slot(key, self.bits);
        loop {
            match *self.tags.get(i)? {
                0 => return None,
                t if t == tag => {
                    let (k, lex) = self.slots.get(i)?;
                    if k == key {
                        return self.lexes.get(*lex as usize);
                    }
                }
                _ => {}
            }
            i = (i + 1) & mask;
        }
    }

    /// The entry of a folded word.
    pub(super) fn lex(&self, folded: &[u8]) -> Option<&Lex> {
        self.get(&Key::new(folded)?)
    }
}

pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub(super) fn phrase(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .map(fold_lower)
        .collect()
}

pub(super) static DATA: Lazy<Data> = Lazy::new(|| {
    /// The lexicon being built. A word too long for a key could never be
    /// found: it goes to `rejected` (a unit test checks there is none).
    #[derive(Default)]
    struct Lexicon {
        map: HashMap<Key, Lex>,
        rejected: Vec<String>,
        spare: Lex,
    }
    impl Lexicon {
        fn entry(&mut self, w: &str) -> &mut Lex {
            match Key::new(fold_lower(w).as_bytes()) {
                Some(key) => self.map.entry(key).or_default(),
                None => {
                    self.rejected.push(w.to_string());
                    &mut self.spare
                }
            }
        }
    }
    let mut lexicon = Lexicon::default();
    for w in HEADLINE_LOWER {
        lexicon.entry(w).headline_lower = true;
    }
    for l in lines(include_str!("../../rules/stopwords.txt")) {
        lexicon.entry(l).stop = true;
    }
    for l in lines(include_str!("../../rules/title-words.txt")) {
        lexicon.entry(l).title_word = true;
    }
    for l in lines(include_str!("../../rules/abbreviations.txt")) {
        lexicon.entry(l).abbreviation = true;
    }
    for l in lines(include_str!("../../rules/saying-verbs.txt")) {
        if let Some(v) = l.strip_prefix("after:") {
            lexicon.entry(v.trim()).say_after = true;
        } else if let Some(v) = l.strip_prefix("before:") {
            lexicon.entry(v.trim()).say_before = true;
        }
    }
    for l in lines(include_str!("../../rules/context.txt")) {
        if let Some(v) = l.strip_prefix("after:") {
            lexicon.entry(v.trim()).ctx_after = true;
        } else if let Some(v) = l.strip_prefix("after2:") {
            lexicon.entry(v.trim()).ctx_after2 = true;
        } else if let Some(v) = l.strip_prefix("before:") {
            lexicon.entry(v.trim()).ctx_before = true;
        } else if let Some(v) = l.strip_prefix("paren:") {
            lexicon.entry(v.trim()).ctx_paren = true;
        }
    }
    for l in lines(include_str!("../../rules/titles.txt")) {
        let (part_of_name, l) = match l.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, l),
        };
        let p = phrase(l);
        if let Some(first) = p.first() {
            let lex = lexicon.entry(first);
            lex.titles.push(p.clone());
            if part_of_name && p.len() == 1 {
                lex.name_title = true;
            }
        }
    }
    /// `LABEL<TAB>phrase` lines, each phrase stored under its first word.
    pub(super) fn labelled(
        text: &str,
    ) -> impl Iterator<Item = (String, (Vec<String>, Label))> + '_ {
        lines(text).filter_map(|l| {
            let (label, words) = l.split_once('\t')?;
            let p = phrase(words);
            Some((p.first()?.clone(), (p, Label::from_name(label.trim()))))
        })
    }
    for (first, head) in labelled(include_str!("../../rules/heads.txt")) {
        lexicon.entry(&first).heads.push(head);
    }
    for (first, label) in labelled(include_str!("../../rules/end-heads.txt")) {
        lexicon.entry(&first).end_head = Some(label.1);
    }
    for (first, cue) in labelled(include_str!("../../rules/cues.txt")) {
        lexicon.entry(&first).cues.push(cue);
    }
    for l in lines(include_str!("../../rules/media-cues.txt")) {
        if let Some(v) = l.strip_prefix("cue:") {
            lexicon.entry(v.trim()).media_cue = true;
        } else if let Some(v) = l.strip_prefix("skip:") {
            lexicon.entry(v.trim()).media_skip = true;
        }
    }
    for l in lines(include_str!("../../rules/lower-heads.txt")) {
        let p = phrase(l);
        if let Some(first) = p.first() {
            lexicon.entry(first).lower_heads.push(p.clone());
        }
    }
    for l in lines(include_str!("../../rules/names-given.txt")) {
        lexicon.entry(l).given = true;
    }
    for l in lines(include_str!("../../rules/names-family.txt")) {
        match l.strip_prefix('^') {
            Some(w) => lexicon.entry(w).family_first = true,
            None => lexicon.entry(l).family = true,
        }
    }
    for lex in lexicon.map.values_mut() {
        lex.titles.sort_by_key(|p| std::cmp::Reverse(p.len()));
        lex.heads.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        lex.lower_heads.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    Data::build(lexicon.map, lexicon.rejected)
});

/// Words that Title Case headlines leave in lower case.
pub(super) const HEADLINE_LOWER: &[&str] = &[
    "di", "ke", "dari", "dan", "yang", "untuk", "pada", "dengan", "atau", "dalam", "oleh", "saat",
    "bagi", "atas", "ini", "itu", "sebagai", "vs", "usai", "jelang", "soal",
];
