//! Rules: the stage between matching and resolution that finds what the
//! gazetteers do not list and keeps what they list honest.
//!
//! Each rule reads the words of the text and the gazetteer candidates, and
//! adds candidates of its own (tagged with the [`Rule`] that made them, which
//! becomes [`Entity::source`](crate::Entity::source) `rule:NAME`). The
//! trigger words live in data files under `rules/`, embedded at compile
//! time:
//!
//! | rule | finds | data |
//! |---|---|---|
//! | [`Rule::Acronym`] | `Komisi Pemberantasan Korupsi (KPK)`: long form and acronym become one entity; the acronym is recognized for the rest of the text | `rules/heads.txt` (label of an unlisted long form) |
//! | [`Rule::Title`] | `Menteri Pertahanan Rusia Sergei Shoigu` → PERSON `Sergei Shoigu` | `rules/titles.txt`, `rules/title-words.txt` |
//! | [`Rule::Saying`] | `kata Budi Santoso`, `Budi Santoso mengatakan` → PERSON | `rules/saying-verbs.txt` |
//! | [`Rule::Head`] | `Kementerian Luar Negeri`, `Bandara Kualanamu` → ORGANIZATION, LOCATION (head included) | `rules/heads.txt` |
//! | [`Rule::Context`] | `bersama Budi Santoso`, `Budi Santoso juga`, `Budi Santoso (gitar)`, `Budi Santoso dan Rina Wati` (next to a person) → PERSON | `rules/context.txt` |
//! | [`Rule::Coreference`] | a later `Shoigu` after `Sergei Shoigu` → the same PERSON | — |
//! | [`Rule::SentenceStart`] | drops a one-word match that is a common word at a sentence start | `rules/stopwords.txt` |
//!
//! Rules that read capitalization (title, saying, head, an unlisted long
//! form) stay silent in headlines: sentences of three or more words with
//! none in lower case but a few prepositions and conjunctions.

use crate::normalize::{fold_lower, is_word_char};
#[cfg(test)]
use crate::resolve::resolve;
#[cfg(test)]
use crate::types::Overlap;
use crate::types::{Candidate, DocRecords, Label, Record, Rule, RuleSet};
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// FNV-1a, for the small per-text maps keyed by words (coreference,
/// acronyms): keys are short, and a slow lookup is the worst an unlucky
/// text can cause.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// [`Lex`] flags copied into each [`Word`], so that the passes over all
/// words read them without following the pointer.
mod bit {
    pub(super) const STOP: u16 = 1;
    pub(super) const TITLE_WORD: u16 = 2;
    pub(super) const SAY: u16 = 4;
    pub(super) const CONTEXT: u16 = 8;
    pub(super) const HEADLINE_LOWER: u16 = 16;
    pub(super) const HEAD: u16 = 32;
    pub(super) const TITLE: u16 = 64;
}

/// What the rule data says of one folded word.
#[derive(Debug, Default)]
struct Lex {
    /// The [`bit`] flags of the fields below.
    bits: u16,
    /// In `rules/stopwords.txt`.
    stop: bool,
    /// In `rules/title-words.txt`.
    title_word: bool,
    /// A verb of saying before the name (`kata X`).
    say_after: bool,
    /// A verb of saying after the name (`X mengatakan`).
    say_before: bool,
    /// In `rules/abbreviations.txt`.
    abbreviation: bool,
    /// In [`HEADLINE_LOWER`]: left in lower case by Title Case headlines.
    headline_lower: bool,
    /// `rules/context.txt`: a name follows (`bersama X`).
    ctx_after: bool,
    /// `rules/context.txt`: a name of two words or more follows (`oleh X Y`).
    ctx_after2: bool,
    /// `rules/context.txt`: a name precedes (`X juga`).
    ctx_before: bool,
    /// `rules/context.txt`: in parentheses right after a name (`X (gitar)`).
    ctx_paren: bool,
    /// `rules/end-heads.txt`: the label of a long form ending with this
    /// word (`European Free Trade Association`).
    end_head: Option<Label>,
    /// A title that is part of the name it precedes (`Pangeran Diponegoro`):
    /// `+` lines of `rules/titles.txt`.
    name_title: bool,
    /// Title phrases that start with this word, longest first.
    titles: Vec<Vec<String>>,
    /// Head phrases that start with this word and their labels, longest first.
    heads: Vec<(Vec<String>, Label)>,
    /// Cue phrases that start with this word and the label they favour.
    cues: Vec<(Vec<String>, Label)>,
}

/// Lexicon keys are at most this many bytes (a unit test checks it): a
/// longer word is not looked up, a shorter one is packed into three
/// machine words.
const MAX_KEY: usize = 24;

/// A folded word of at most [`MAX_KEY`] bytes, zero-padded, and its length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct Key {
    words: [u64; 3],
    len: u8,
}

impl Key {
    /// `None` if `bytes` is empty or longer than [`MAX_KEY`].
    #[inline]
    fn new(bytes: &[u8]) -> Option<Key> {
        let mut buf = [0u8; MAX_KEY];
        buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Key::packed(buf, bytes.len())
    }

    /// The key of ASCII `bytes` lower-cased.
    fn lower(bytes: &[u8]) -> Option<Key> {
        let mut buf = [0u8; MAX_KEY];
        let part = buf.get_mut(..bytes.len())?;
        part.copy_from_slice(bytes);
        part.make_ascii_lowercase();
        Key::packed(buf, bytes.len())
    }

    #[inline]
    fn packed(buf: [u8; MAX_KEY], len: usize) -> Option<Key> {
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
            len: len as u8,
        })
    }

    #[inline]
    fn hash(&self) -> u64 {
        let [a, b, c] = self.words;
        (a ^ b.rotate_left(21) ^ c.rotate_left(42) ^ u64::from(self.len))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// The trigger lists of `rules/`, by folded word: an open-addressing
/// table (linear probing, at most half full), since the rule stage looks
/// up every word of every text. Most words are in no list: a byte per
/// slot, small enough to stay in the L1 cache, answers them.
struct Data {
    /// Per slot: 0 if empty, else 8 bits of the key's hash (never 0).
    tags: Box<[u8]>,
    /// Per slot: the key and its index into `lexes`.
    slots: Box<[(Key, u32)]>,
    /// log2 of the number of slots.
    bits: u32,
    lexes: Vec<Lex>,
    /// Words of `rules/` too long for a key (see [`MAX_KEY`]); read by a
    /// unit test.
    #[cfg_attr(not(test), allow(dead_code))]
    rejected: Vec<String>,
}

impl Data {
    fn build(lexicon: HashMap<Key, Lex>, rejected: Vec<String>) -> Data {
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
    fn slot(key: &Key, bits: u32) -> (usize, u8) {
        let h = key.hash();
        ((h >> (64 - bits)) as usize, (h >> (56 - bits)) as u8 | 1)
    }

    #[inline]
    fn get(&self, key: &Key) -> Option<&Lex> {
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
    fn lex(&self, folded: &[u8]) -> Option<&Lex> {
        self.get(&Key::new(folded)?)
    }
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn phrase(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .map(fold_lower)
        .collect()
}

static DATA: Lazy<Data> = Lazy::new(|| {
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
    for l in lines(include_str!("../rules/stopwords.txt")) {
        lexicon.entry(l).stop = true;
    }
    for l in lines(include_str!("../rules/title-words.txt")) {
        lexicon.entry(l).title_word = true;
    }
    for l in lines(include_str!("../rules/abbreviations.txt")) {
        lexicon.entry(l).abbreviation = true;
    }
    for l in lines(include_str!("../rules/saying-verbs.txt")) {
        if let Some(v) = l.strip_prefix("after:") {
            lexicon.entry(v.trim()).say_after = true;
        } else if let Some(v) = l.strip_prefix("before:") {
            lexicon.entry(v.trim()).say_before = true;
        }
    }
    for l in lines(include_str!("../rules/context.txt")) {
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
    for l in lines(include_str!("../rules/titles.txt")) {
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
    fn labelled(text: &str) -> impl Iterator<Item = (String, (Vec<String>, Label))> + '_ {
        lines(text).filter_map(|l| {
            let (label, words) = l.split_once('\t')?;
            let p = phrase(words);
            Some((p.first()?.clone(), (p, Label::from_name(label.trim()))))
        })
    }
    for (first, head) in labelled(include_str!("../rules/heads.txt")) {
        lexicon.entry(&first).heads.push(head);
    }
    for (first, label) in labelled(include_str!("../rules/end-heads.txt")) {
        lexicon.entry(&first).end_head = Some(label.1);
    }
    for (first, cue) in labelled(include_str!("../rules/cues.txt")) {
        lexicon.entry(&first).cues.push(cue);
    }
    for lex in lexicon.map.values_mut() {
        lex.titles.sort_by_key(|p| std::cmp::Reverse(p.len()));
        lex.heads.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    }
    Data::build(lexicon.map, lexicon.rejected)
});

/// Particles inside names: `Mohammed bin Salman`, `Ursula von der Leyen`.
const PARTICLES: &[&str] = &[
    "bin", "binti", "van", "von", "der", "de", "da", "al", "el", "dos",
];
/// Connectors inside organization names: `Kementerian Pendidikan dan Kebudayaan`.
const CONNECTORS: &[&str] = &["dan", "&", "untuk", "of"];
/// Longest name run a rule takes, in words.
/// The country whose name is part of its organizations' names, in news
/// written in Indonesian: `Telkom Indonesia`, `Departemen Sosial RI`.
const HOME_COUNTRY: &[&str] = &["indonesia", "ri"];
const MAX_NAME_WORDS: usize = 5;
const MAX_HEAD_WORDS: usize = 8;

/// A word of the text: a run of word characters, joined across `'` or `-`
/// written without blanks (`Ma'ruf`, `Al-Baghdadi`), or one punctuation
/// character.
#[derive(Clone, Copy, Debug)]
struct Word<'t> {
    text: &'t str,
    /// Folded like the gazetteers, for words that are not ASCII or hold a
    /// `-`; the others fold to their ASCII lower case and compare ignoring
    /// ASCII case (see [`Word::is`]), which spares an allocation per word.
    folded: Option<&'t str>,
    start: usize,
    end: usize,
    sentence: usize,
    /// Starts with a letter or digit.
    is_word: bool,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Has letters, all upper case.
    all_caps: bool,
    /// Has a letter.
    alpha: bool,
    /// First word of its sentence.
    sentence_start: bool,
    /// What the rule data says of the word.
    lex: Option<&'static Lex>,
    /// `lex`'s [`bit`] flags (0 without an entry).
    bits: u16,
}

impl Word<'_> {
    /// Whether the word folds to `folded` (a lower-case trigger word).
    fn is(&self, folded: &str) -> bool {
        match self.folded {
            Some(f) => f == folded,
            None => self.text.eq_ignore_ascii_case(folded),
        }
    }

    fn stop(&self) -> bool {
        self.bits & bit::STOP != 0
    }

    fn title_word(&self) -> bool {
        self.bits & bit::TITLE_WORD != 0
    }

    fn has(&self, b: u16) -> bool {
        self.bits & b != 0
    }
}

/// The char at byte `i` of `text` (a char boundary).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// The end of the word that starts with the word char at `start`.
#[inline]
fn word_end(text: &str, start: usize, first: char) -> usize {
    let bytes = text.as_bytes();
    let mut end = start + first.len_utf8();
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        let Some(d) = char_at(text, end) else { break };
        let after = end + d.len_utf8();
        // A joiner counts only with a word character right after it.
        let joins = matches!(d, '\'' | '’' | '-') && char_at(text, after).is_some_and(is_word_char);
        if !joins && !is_word_char(d) {
            break;
        }
        end = after;
    }
    end
}

/// Eight bytes of `bytes` from `i`, little-endian, zero past the end.
#[inline]
fn load8(bytes: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    match bytes.get(i..i + 8) {
        Some(s) => b.copy_from_slice(s),
        None => {
            let rest = bytes.get(i..).unwrap_or_default();
            if let Some(d) = b.get_mut(..rest.len()) {
                d.copy_from_slice(rest);
            }
        }
    }
    u64::from_le_bytes(b)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 set in each byte of `x` (all bytes below 0x80) within `lo..=hi`.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let ge = x.wrapping_add(ONES * u64::from(0x80 - lo));
    let gt = x.wrapping_add(ONES * u64::from(0x7f - hi));
    ge & !gt & HIGH
}

/// The low `n` bytes of a word (`n` ≤ 8).
#[inline]
fn byte_mask(n: usize) -> u64 {
    // Through u128, a shift by 64 needs no branch.
    ((1u128 << (8 * n.min(8))) - 1) as u64
}

/// The run of ASCII letters and digits from `start`, eight bytes at a
/// time: its end, its key (lower case: bit 5 set, which letters and
/// digits alike allow) if it fits one, whether it has letters, and
/// whether it has lower-case ones.
#[inline]
fn alnum_run(bytes: &[u8], start: usize) -> (usize, Option<Key>, bool, bool) {
    /// Bit 7 of each byte: letter, lower-case letter, not a letter or digit.
    #[inline]
    fn classify(x: u64) -> (u64, u64, u64) {
        let ascii = !x & HIGH;
        let x7 = x & !HIGH;
        let lower = in_range(x7, b'a', b'z') & ascii;
        let letter = in_range(x7 | (ONES * 0x20), b'a', b'z') & ascii;
        let alnum = letter | (in_range(x7, b'0', b'9') & ascii);
        (letter, lower, !alnum & HIGH)
    }
    // The chunks are kept in registers: writing them to an array and
    // reading the key back whole stalls store forwarding.
    let mut chunks = [0u64; 3];
    let mut end = start;
    let (mut letters, mut lowers) = (0u64, 0u64);
    for k in 0.. {
        let x = load8(bytes, end);
        let (letter, lower, stop) = classify(x);
        let n = if stop == 0 {
            8
        } else {
            (stop.trailing_zeros() / 8) as usize
        };
        let mask = byte_mask(n);
        letters |= letter & mask;
        lowers |= lower & mask;
        let chunk = (x & mask) | ((ONES * 0x20) & mask);
        let [c0, c1, c2] = chunks;
        chunks = match k {
            0 => [chunk, 0, 0],
            1 => [c0, chunk, 0],
            2 => [c0, c1, chunk],
            _ => [c0, c1, c2],
        };
        end += n;
        if n < 8 {
            break;
        }
    }
    let len = end - start;
    let key = (len <= MAX_KEY).then_some(Key {
        words: chunks,
        len: len as u8,
    });
    (end, key, letters != 0, lowers != 0)
}

/// Splits `text` into words and sentences in one pass. A sentence ends at a
/// line break, or after `.`, `!`, `?` or `…` followed by a blank, unless the
/// dot follows an abbreviation (an initial, or a word of
/// `rules/abbreviations.txt`: `Jl. Merdeka`, `Dr. Budi`).
///
/// The folded forms of the words that need one (not ASCII, or with a `-`)
/// go to `arena`, so that a word holds no allocation of its own.
fn words<'t>(text: &'t str, arena: &'t mut String) -> (Vec<Word<'t>>, Summary) {
    let data = &*DATA;
    let mut summary = Summary {
        headline: Vec::new(),
        starts: vec![0; text.len() / 64 + 1],
        first_words: Vec::new(),
        paren: false,
        head: false,
        title: false,
        say: false,
        context: false,
    };
    // (content words, lower-case ones) of the current sentence.
    let (mut n, mut lower) = (0usize, 0usize);
    // (word index, range in `arena`) of the folded forms.
    let mut folded: Vec<(usize, usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6 + 1);
    let mut sentence = 0;
    let mut sentence_start = true;
    let mut ends_sentence = false;
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        // ASCII blanks (the ones `char::is_whitespace` accepts).
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            if b == b'\n' || ends_sentence {
                if !sentence_start {
                    sentence += 1;
                }
                sentence_start = true;
            }
            ends_sentence = false;
            start += 1;
            continue;
        }
        // The common case: ASCII letters and digits up to a blank or an
        // ASCII punctuation mark that joins nothing, or one such mark.
        // They fold to their ASCII lower case.
        let word = if b.is_ascii_alphanumeric() {
            let (end, key, alpha, lower) = alnum_run(bytes, start);
            match bytes.get(end) {
                Some(&d) if d >= 0x80 || d == b'\'' || d == b'-' => None,
                _ => text.get(start..end).map(|slice| {
                    let lex = key.and_then(|k| data.get(&k));
                    Word {
                        text: slice,
                        folded: None,
                        start,
                        end,
                        sentence,
                        is_word: true,
                        cap: b.is_ascii_uppercase(),
                        all_caps: alpha && !lower,
                        alpha,
                        sentence_start,
                        lex,
                        bits: lex.map_or(0, |l| l.bits),
                    }
                }),
            }
        } else if b < 0x80 && b != b'-' {
            let mut buf = [0u8; MAX_KEY];
            if let Some(first) = buf.first_mut() {
                *first = b.to_ascii_lowercase();
            }
            let lex = Key::packed(buf, 1).and_then(|k| data.get(&k));
            text.get(start..start + 1).map(|slice| Word {
                text: slice,
                folded: None,
                start,
                end: start + 1,
                sentence,
                is_word: false,
                cap: false,
                all_caps: false,
                alpha: false,
                sentence_start,
                lex,
                bits: lex.map_or(0, |l| l.bits),
            })
        } else {
            None
        };
        let word = match word {
            Some(w) => w,
            None => {
                let Some(c) = char_at(text, start) else {
                    break;
                };
                if c.is_whitespace() {
                    if ends_sentence {
                        if !sentence_start {
                            sentence += 1;
                        }
                        sentence_start = true;
                    }
                    ends_sentence = false;
                    start += c.len_utf8();
                    continue;
                }
                let Some((w, f)) = general_word(text, start, c, sentence, sentence_start, arena)
                else {
                    break;
                };
                if let Some((a, b)) = f {
                    folded.push((out.len(), a, b));
                }
                w
            }
        };
        ends_sentence = !word.is_word
            && match word.text {
                "!" | "?" | "…" => true,
                "." => !out.last().is_some_and(|w| {
                    w.end == start
                        && w.cap
                        && (w.text.chars().count() == 1 || w.lex.is_some_and(|l| l.abbreviation))
                }),
                _ => false,
            };
        start = word.end;
        summary.add(&word, &mut n, &mut lower);
        if word.sentence_start {
            summary.first_words.push((word.start, out.len()));
        }
        out.push(word);
        sentence_start = false;
    }
    if !out.is_empty() {
        summary.headline.push(n >= 3 && lower == 0);
    }
    let arena: &'t String = arena;
    for (i, a, b) in folded {
        if let Some(w) = out.get_mut(i) {
            w.folded = arena.get(a..b);
        }
    }
    (out, summary)
}

/// A word that starts with the non-blank char `c` at `start`, the slow way:
/// any script, joiners, folding.
/// Its folded form, if it has one, goes to `arena` (the range is returned).
fn general_word<'t>(
    text: &'t str,
    start: usize,
    c: char,
    sentence: usize,
    sentence_start: bool,
    arena: &mut String,
) -> Option<(Word<'t>, Option<(usize, usize)>)> {
    let data = &*DATA;
    let is_word = is_word_char(c);
    let end = if is_word {
        word_end(text, start, c)
    } else {
        start + c.len_utf8()
    };
    let slice = text.get(start..end)?;
    let bytes = slice.as_bytes();
    let ascii = bytes.is_ascii();
    let (lex, range) = if ascii && !bytes.contains(&b'-') {
        // ASCII without `-` folds to its lower case.
        (Key::lower(bytes).and_then(|k| data.get(&k)), None)
    } else {
        // ASCII with `-` folds to its lower case with blanks for the
        // dashes (a `-` inside a word has word chars on both sides; a lone
        // one folds to nothing); the rest goes through `fold_lower`.
        let a = arena.len();
        if ascii && is_word {
            arena.extend(bytes.iter().map(|&b| {
                if b == b'-' {
                    ' '
                } else {
                    char::from(b.to_ascii_lowercase())
                }
            }));
        } else if !(ascii && bytes == b"-") {
            arena.push_str(&fold_lower(slice));
        }
        let lex = arena.get(a..).and_then(|f| data.lex(f.as_bytes()));
        (lex, Some((a, arena.len())))
    };
    let alpha = slice.chars().any(char::is_alphabetic);
    let word = Word {
        text: slice,
        folded: None,
        start,
        end,
        sentence,
        is_word,
        cap: c.is_uppercase(),
        all_caps: is_word && alpha && !slice.chars().any(char::is_lowercase),
        alpha,
        sentence_start,
        lex,
        bits: lex.map_or(0, |l| l.bits),
    };
    Some((word, range))
}

/// From this many candidates on, [`Doc::refresh`] resolves only the
/// clusters that changed.
const INCREMENTAL_REFRESH: usize = 256;

/// Merges sorted spans into sorted disjoint clusters: spans that overlap
/// (not just touch) join one cluster. The flag marks clusters with a span
/// of `new`.
fn merge_spans(old: &[(usize, usize)], new: Vec<(usize, usize)>) -> Vec<(usize, usize, bool)> {
    let mut clusters: Vec<(usize, usize, bool)> = Vec::with_capacity(old.len() + new.len());
    let (mut old, mut new) = (old.iter().peekable(), new.into_iter().peekable());
    loop {
        let next = match (old.peek(), new.peek()) {
            (Some(&&o), Some(&n)) if o.0 <= n.0 => old.next().map(|_| (o.0, o.1, false)),
            (_, Some(&n)) => new.next().map(|_| (n.0, n.1, true)),
            (Some(&&o), None) => old.next().map(|_| (o.0, o.1, false)),
            (None, None) => None,
        };
        let Some((a, b, touched)) = next else { break };
        match clusters.last_mut() {
            Some(last) if a < last.1 => {
                last.1 = last.1.max(b);
                last.2 |= touched;
            }
            _ => clusters.push((a, b, touched)),
        }
    }
    clusters
}

/// The flat resolution of `candidates`, as [`resolve`] with
/// [`Overlap::Flat`] makes it (longest in chars, then leftmost, then the
/// lower entity index; a candidate overlapping a kept one is dropped), in
/// text order: [`Doc::refresh`] runs it after every rule, so it sorts
/// compact keys and marks kept bytes in a bitmap instead of a tree. A unit
/// test checks it against [`resolve`].
fn flat_resolve(text: &str, candidates: &[Candidate]) -> Vec<Candidate> {
    let char_len = |c: &Candidate| {
        text.get(c.byte_start..c.byte_end)
            .map_or(0, |s| s.chars().count())
    };
    // By start: runs of overlapping candidates are clusters, resolved on
    // their own; most are a single candidate, kept as it is.
    let mut by_start: Vec<(usize, usize, usize)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.byte_start < c.byte_end)
        .map(|(i, c)| (c.byte_start, c.byte_end, i))
        .collect();
    by_start.sort_unstable();
    let mut kept = Vec::with_capacity(by_start.len());
    let mut rest = by_start.as_slice();
    while let Some(&(_, first_end, _)) = rest.first() {
        let mut end = first_end;
        let mut n = 1;
        while let Some(&(s, e, _)) = rest.get(n) {
            if s >= end {
                break;
            }
            end = end.max(e);
            n += 1;
        }
        let (cluster, tail) = rest.split_at(n);
        rest = tail;
        if let [(_, _, i)] = cluster {
            kept.extend(candidates.get(*i).copied());
            continue;
        }
        // Longest in chars, then leftmost, then the lower entity; the
        // index keeps equal keys in input order, as `resolve`'s stable
        // sort does.
        let mut order: Vec<(std::cmp::Reverse<usize>, usize, u32, usize)> = cluster
            .iter()
            .filter_map(|&(_, _, i)| candidates.get(i).map(|c| (i, c)))
            .map(|(i, c)| (std::cmp::Reverse(char_len(c)), c.byte_start, c.entity, i))
            .collect();
        order.sort_unstable();
        let from = kept.len();
        for (_, _, _, i) in order {
            let Some(c) = candidates.get(i) else { continue };
            let clear = kept
                .get(from..)
                .unwrap_or_default()
                .iter()
                .all(|k: &Candidate| k.byte_end <= c.byte_start || c.byte_end <= k.byte_start);
            if clear {
                kept.push(*c);
            }
        }
        if let Some(part) = kept.get_mut(from..) {
            part.sort_unstable_by_key(|c| c.byte_start);
        }
    }
    kept
}

/// What the rules need to know of an entity's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Person,
    Organization,
    Other,
}

impl Kind {
    /// A missing record counts as an organization.
    fn of(label: Option<&Label>) -> Kind {
        match label {
            Some(Label::Person) => Kind::Person,
            Some(Label::Organization) | None => Kind::Organization,
            Some(_) => Kind::Other,
        }
    }
}

/// Per-document state of the rule stage.
struct Doc<'r, 'b, 't> {
    text: &'t str,
    words: Vec<Word<'t>>,
    /// Headline flag per sentence index.
    headline: Vec<bool>,
    /// For each word, the flat entity (index into `flat`) that covers it.
    cover: Vec<Option<usize>>,
    /// Flat entities: (start word, end word exclusive, entity, kind).
    flat: Vec<(usize, usize, u32, Kind)>,
    /// The byte span of each entry of `flat`.
    flat_spans: Vec<(usize, usize)>,
    /// The candidates of `out` as clusters: disjoint byte spans, sorted,
    /// each the union of candidates that overlap one another. Resolving
    /// one cluster never changes another, so a refresh resolves again only
    /// the clusters new candidates touch. `None` until needed.
    clusters: Option<Vec<(usize, usize)>>,
    records: &'r mut DocRecords<'b>,
    out: Vec<Candidate>,
    /// `out.len()` at the last `refresh`.
    refreshed_at: usize,
}

impl DocRecords<'_> {
    /// The entity a rule found, by label and canonical name.
    fn add(&mut self, label: Label, canonical: &str, rule: Rule) -> u32 {
        let first = self.base.len() + self.villages.len();
        let index = |j: usize| u32::try_from(first + j).unwrap_or(u32::MAX);
        if let Some(j) = self
            .extra
            .iter()
            .position(|r| r.label == label && *r.canonical == *canonical)
        {
            return index(j);
        }
        // The runs of letters and digits of the folded name, joined by `-`.
        let mut id = label.as_str().to_ascii_lowercase();
        id.push(':');
        let prefix = id.len();
        for c in fold_lower(canonical).chars() {
            if c.is_alphanumeric() {
                id.push(c);
            } else if id.len() > prefix && !id.ends_with('-') {
                id.push('-');
            }
        }
        if id.ends_with('-') {
            id.pop();
        }
        self.extra.push(Record {
            id: id.into(),
            canonical: canonical.into(),
            label,
            source: rule.source().clone(),
        });
        index(self.extra.len() - 1)
    }
}

/// Runs the enabled rules: returns the gazetteer candidates (minus the ones
/// a rule dropped) plus the rules' own.
pub(crate) fn apply(
    text: &str,
    mut candidates: Vec<Candidate>,
    records: &mut DocRecords<'_>,
    rules: RuleSet,
) -> Vec<Candidate> {
    if rules.is_empty() || text.is_empty() {
        return candidates;
    }
    let mut arena = String::new();
    let (words, summary) = words(text, &mut arena);
    if rules.has(Rule::SentenceStart) && !candidates.is_empty() {
        candidates.retain(|c| !stop_at_sentence_start(text, &words, &summary, c));
    }
    if rules.has(Rule::Title) && !candidates.is_empty() {
        candidates.retain(|c| !inside_office_title(text, &words, c));
    }
    if rules.has(Rule::Ambiguity) && candidates.len() > 1 {
        candidates = disambiguate(&words, candidates, records);
    }
    // Each rule below needs a trigger word; a text without any is done.
    let Summary {
        headline,
        paren,
        head,
        title,
        say,
        context,
        ..
    } = summary;
    let acronym = rules.has(Rule::Acronym) && paren;
    let head = rules.has(Rule::Head) && head;
    let title = rules.has(Rule::Title) && title;
    let say = rules.has(Rule::Saying) && say;
    let person = |c: &Candidate| records.label(c.entity) == Some(&Label::Person);
    let context = rules.has(Rule::Context)
        && (context || paren || title || say || candidates.iter().any(person));
    let org = |c: &Candidate| records.label(c.entity) == Some(&Label::Organization);
    let suffix = rules.has(Rule::Head) && candidates.iter().any(org);
    let coreference = rules.has(Rule::Coreference)
        && (title || say || context || acronym || head || candidates.iter().any(person));
    if !(acronym || head || suffix || title || say || context || coreference) {
        return candidates;
    }
    let mut doc = Doc {
        text,
        cover: Vec::new(),
        flat: Vec::new(),
        flat_spans: Vec::new(),
        clusters: None,
        words,
        headline,
        records,
        out: candidates,
        refreshed_at: usize::MAX,
    };
    doc.refresh();

    if acronym {
        doc.acronyms();
    }
    if head {
        doc.heads();
    }
    if suffix || head {
        doc.org_suffixes();
    }
    if title {
        doc.titles();
    }
    if say {
        doc.saying();
    }
    if context {
        doc.context();
    }
    if coreference {
        doc.coreference();
    }
    doc.out
}

/// What one pass over the words tells before the rules run.
struct Summary {
    /// Headline flag per sentence. Headlines: sentences with three or
    /// more words, none in lower case but the prepositions and conjunctions
    /// of [`HEADLINE_LOWER`]. A sentence with a lower-case verb (`Presiden
    /// Joko Widodo meresmikan …`) is not one.
    headline: Vec<bool>,
    /// A bit per byte of the text, set where a sentence's first word starts.
    starts: Vec<u64>,
    /// `(start byte, word index)` of each sentence's first word, in order:
    /// a short list to search instead of all the words.
    first_words: Vec<(usize, usize)>,
    /// Whether the text has a `(` (acronyms), a capitalized head noun, a
    /// title, a lower-case verb of saying.
    paren: bool,
    head: bool,
    title: bool,
    say: bool,
    /// A word of `rules/context.txt`.
    context: bool,
}

impl Summary {
    /// Takes in the next word; `n` and `lower` count the content words
    /// of the current sentence and the lower-case ones.
    #[inline]
    fn add(&mut self, w: &Word, n: &mut usize, lower: &mut usize) {
        if w.sentence_start {
            if let Some(b) = self.starts.get_mut(w.start / 64) {
                *b |= 1 << (w.start % 64);
            }
            if w.sentence > 0 {
                self.headline.push(*n >= 3 && *lower == 0);
                (*n, *lower) = (0, 0);
            }
        }
        self.paren |= w.text == "(";
        if w.bits != 0 {
            self.head |= w.cap && w.has(bit::HEAD);
            self.title |= w.has(bit::TITLE);
            self.say |= (!w.cap || w.sentence_start) && w.has(bit::SAY);
            self.context |= w.has(bit::CONTEXT);
        }
        if w.is_word && w.alpha && !w.has(bit::HEADLINE_LOWER) {
            *n += 1;
            *lower += usize::from(!w.cap);
        }
    }
}

/// Whether candidate `c` is a one-word match of a stopword at a sentence
/// start (rule [`Rule::SentenceStart`]).
fn stop_at_sentence_start(text: &str, words: &[Word], summary: &Summary, c: &Candidate) -> bool {
    let at_start = summary
        .starts
        .get(c.byte_start / 64)
        .is_some_and(|b| b & (1 << (c.byte_start % 64)) != 0);
    if !at_start {
        return false;
    }
    let firsts = &summary.first_words;
    let j = firsts.partition_point(|&(start, _)| start < c.byte_start);
    let Some(w) = firsts
        .get(j)
        .filter(|&&(start, _)| start == c.byte_start)
        .and_then(|&(_, k)| words.get(k))
    else {
        return false;
    };
    if w.end == c.byte_end {
        return w.stop();
    }
    text.get(c.byte_start..c.byte_end)
        .is_some_and(|s| DATA.lex(fold_lower(s).as_bytes()).is_some_and(|l| l.stop))
}

/// Whether candidate `c` starts with the `Kota` of the title `Wali Kota`
/// (mayor): in `Wali Kota Surabaya` the place is `Surabaya`, not the city's
/// full name `Kota Surabaya` (rule [`Rule::Title`]; the bare name is a
/// candidate of its own and takes the span).
fn inside_office_title(text: &str, words: &[Word], c: &Candidate) -> bool {
    // Most candidates fail this test, without a search of the words.
    let kota = text
        .as_bytes()
        .get(c.byte_start..c.byte_start + 4)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"kota"));
    if !kota {
        return false;
    }
    let k = words.partition_point(|w| w.start < c.byte_start);
    let (Some(first), Some(before)) = (words.get(k), k.checked_sub(1).and_then(|b| words.get(b)))
    else {
        return false;
    };
    first.start == c.byte_start && first.end < c.byte_end && first.is("kota") && before.is("wali")
}

/// Words before and after an ambiguous name searched for cues.
const CUES_BEFORE: usize = 5;
const CUES_AFTER: usize = 3;

/// Rule 5: where one span is a candidate of several labels, keeps the
/// label with the most cue words (`rules/cues.txt`) around it; on a tie,
/// keeps them all and the priority order decides.
fn disambiguate(
    words: &[Word],
    mut candidates: Vec<Candidate>,
    records: &DocRecords,
) -> Vec<Candidate> {
    let mut spans: Vec<(usize, usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.byte_start, c.byte_end, i))
        .collect();
    spans.sort_unstable();
    if spans
        .windows(2)
        .all(|w| w.first().map(|a| (a.0, a.1)) != w.get(1).map(|b| (b.0, b.1)))
    {
        return candidates; // no span has two candidates
    }
    let mut drop = vec![false; candidates.len()];
    for group in spans.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let label_of = |&(_, _, i): &(usize, usize, usize)| {
            candidates.get(i).and_then(|c| records.label(c.entity))
        };
        let one = group.first().map(label_of);
        if group.iter().all(|g| Some(label_of(g)) == one) {
            continue; // one label: nothing to choose
        }
        let labels: Vec<Option<&Label>> = group
            .iter()
            .map(|&(_, _, i)| candidates.get(i).and_then(|c| records.label(c.entity)))
            .collect();
        if labels.windows(2).all(|w| w.first() == w.get(1)) {
            continue;
        }
        let Some(&(start, end, _)) = group.first() else {
            continue;
        };
        let first = words.partition_point(|w| w.end <= start);
        let last = words.partition_point(|w| w.start < end);
        let window = first.saturating_sub(CUES_BEFORE)..(last + CUES_AFTER).min(words.len());
        let mut scores: Vec<(&Label, usize)> = Vec::new();
        for k in window.filter(|k| *k < first || *k >= last) {
            let Some(lex) = words.get(k).and_then(|w| w.lex) else {
                continue;
            };
            for (cue, label) in &lex.cues {
                let fits = cue
                    .iter()
                    .enumerate()
                    .all(|(d, c)| words.get(k + d).is_some_and(|w| w.is(c)));
                if fits && labels.contains(&Some(label)) {
                    match scores.iter_mut().find(|(l, _)| *l == label) {
                        Some((_, n)) => *n += 1,
                        None => scores.push((label, 1)),
                    }
                }
            }
        }
        let best = scores.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let winners: Vec<&Label> = scores
            .iter()
            .filter(|(_, n)| *n == best)
            .map(|(l, _)| *l)
            .collect();
        if best == 0 || winners.len() != 1 {
            continue;
        }
        for (&(_, _, i), label) in group.iter().zip(&labels) {
            if *label != winners.first().copied() {
                if let Some(d) = drop.get_mut(i) {
                    *d = true;
                }
            }
        }
    }
    let mut keep = drop.into_iter();
    candidates.retain(|_| !keep.next().unwrap_or(false));
    candidates
}

/// Words that Title Case headlines leave in lower case.
const HEADLINE_LOWER: &[&str] = &[
    "di", "ke", "dari", "dan", "yang", "untuk", "pada", "dengan", "atau", "dalam", "oleh", "saat",
    "bagi", "atas", "ini", "itu", "sebagai", "vs", "usai", "jelang", "soal",
];

impl Doc<'_, '_, '_> {
    /// Recomputes the flat entities and the word cover from `out`, if
    /// candidates were added since the last time. Many candidates (a long
    /// text) are resolved again only in the clusters the new ones touch.
    fn refresh(&mut self) {
        if self.out.len() == self.refreshed_at {
            return;
        }
        let fresh = self.refreshed_at;
        self.refreshed_at = self.out.len();
        let incremental = fresh != usize::MAX && self.out.len() >= INCREMENTAL_REFRESH;
        let (resolved, kept) = if incremental {
            self.resolve_touched(fresh)
        } else {
            self.clusters = None;
            (flat_resolve(self.text, &self.out), Vec::new())
        };
        // The untouched entries, then the resolved ones, in text order.
        let mut entries = kept;
        entries.reserve(resolved.len());
        let sorted = entries.is_empty();
        let mut w = 0;
        for c in resolved {
            if !sorted {
                w = self.words.partition_point(|x| x.end <= c.byte_start);
            }
            while self.words.get(w).is_some_and(|x| x.end <= c.byte_start) {
                w += 1;
            }
            let first = w;
            let mut last = w;
            while self.words.get(last).is_some_and(|x| x.start < c.byte_end) {
                last += 1;
            }
            if last == first {
                continue;
            }
            let kind = Kind::of(self.records.label(c.entity));
            entries.push(((c.byte_start, c.byte_end), (first, last, c.entity, kind)));
        }
        if !sorted {
            entries.sort_by_key(|e| e.0 .0);
        }
        // Uncover the old entries' words only (a long text has far more
        // words than mentions), then cover the new ones.
        if self.cover.len() == self.words.len() {
            for f in &self.flat {
                for slot in self.cover.get_mut(f.0..f.1).unwrap_or_default() {
                    *slot = None;
                }
            }
        } else {
            self.cover.clear();
            self.cover.resize(self.words.len(), None);
        }
        self.flat.clear();
        self.flat_spans.clear();
        self.flat.reserve(entries.len());
        self.flat_spans.reserve(entries.len());
        for (index, (span, f)) in entries.into_iter().enumerate() {
            self.flat.push(f);
            self.flat_spans.push(span);
            for slot in self.cover.get_mut(f.0..f.1).unwrap_or_default() {
                *slot = Some(index);
            }
        }
    }

    /// Resolves again the clusters that the candidates from `out[fresh..]`
    /// touch: returns what they resolve to, and the flat entries (with
    /// their spans) of the other clusters.
    #[allow(clippy::type_complexity)]
    fn resolve_touched(
        &mut self,
        fresh: usize,
    ) -> (
        Vec<Candidate>,
        Vec<((usize, usize), (usize, usize, u32, Kind))>,
    ) {
        let span =
            |c: &Candidate| (c.byte_start < c.byte_end).then_some((c.byte_start, c.byte_end));
        let old = match self.clusters.take() {
            Some(old) => old,
            None => {
                let mut spans: Vec<(usize, usize)> = self
                    .out
                    .get(..fresh)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(span)
                    .collect();
                spans.sort_unstable();
                merge_spans(&[], spans)
                    .into_iter()
                    .map(|c| (c.0, c.1))
                    .collect()
            }
        };
        let mut new: Vec<(usize, usize)> = self
            .out
            .get(fresh..)
            .unwrap_or_default()
            .iter()
            .filter_map(span)
            .collect();
        new.sort_unstable();
        let clusters = merge_spans(&old, new);
        let dirty: Vec<(usize, usize)> = clusters
            .iter()
            .filter(|c| c.2)
            .map(|c| (c.0, c.1))
            .collect();
        self.clusters = Some(clusters.into_iter().map(|c| (c.0, c.1)).collect());
        let in_dirty = |a: usize| {
            let k = dirty.partition_point(|d| d.1 <= a);
            dirty.get(k).is_some_and(|d| d.0 <= a)
        };
        let subset: Vec<Candidate> = self
            .out
            .iter()
            .filter(|c| c.byte_start < c.byte_end && in_dirty(c.byte_start))
            .copied()
            .collect();
        let kept = self
            .flat_spans
            .iter()
            .zip(&self.flat)
            .filter(|(s, _)| !in_dirty(s.0))
            .map(|(s, f)| (*s, *f))
            .collect();
        (flat_resolve(self.text, &subset), kept)
    }

    fn word(&self, i: usize) -> Option<&Word<'_>> {
        self.words.get(i)
    }

    fn covered(&self, i: usize) -> bool {
        self.cover.get(i).is_some_and(Option::is_some)
    }

    fn in_headline(&self, i: usize) -> bool {
        self.word(i)
            .and_then(|w| self.headline.get(w.sentence))
            .copied()
            .unwrap_or(false)
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        matches!((self.word(a), self.word(b)), (Some(x), Some(y)) if x.sentence == y.sentence)
    }

    fn push(&mut self, first: usize, last: usize, entity: u32, rule: Rule) {
        let (Some(a), Some(b)) = (
            self.word(first),
            last.checked_sub(1).and_then(|l| self.word(l)),
        ) else {
            return;
        };
        self.out.push(Candidate {
            byte_start: a.start,
            byte_end: b.end,
            entity,
            linked: false,
            rule: Some(rule),
        });
    }

    fn span_text(&self, first: usize, last: usize) -> Option<&str> {
        let a = self.word(first)?;
        let b = self.word(last.checked_sub(1)?)?;
        self.text.get(a.start..b.end)
    }

    /// Whether `phrase` (folded words) is at word `i`, within one sentence.
    fn phrase_is_at(&self, i: usize, phrase: &[String]) -> bool {
        let Some(first) = self.word(i) else {
            return false;
        };
        phrase.iter().enumerate().all(|(k, w)| {
            self.word(i + k)
                .is_some_and(|x| x.is(w) && x.sentence == first.sentence)
        })
    }

    /// Length in words of the title at word `i` (0 if none).
    fn title_at(&self, i: usize) -> usize {
        let Some(lex) = self.word(i).and_then(|w| w.lex) else {
            return 0;
        };
        lex.titles
            .iter()
            .find(|p| self.phrase_is_at(i, p))
            .map_or(0, Vec::len)
    }

    /// The head noun at word `i`: its length in words and its label.
    fn head_at(&self, i: usize) -> Option<(usize, Label)> {
        let lex = self.word(i)?.lex?;
        lex.heads
            .iter()
            .find(|(p, _)| self.phrase_is_at(i, p))
            .map(|(p, l)| (p.len(), l.clone()))
    }

    /// A name-like word: capitalized, not a stopword, title or title word,
    /// not a word with the enclitic `-nya` (`Pasalnya`, `Rencananya`).
    fn name_word(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| {
            w.is_word
                && w.cap
                && !(w.all_caps && w.text.chars().count() > 1)
                && !w.stop()
                && !w.title_word()
                && !(w.text.len() >= 7 && w.text.ends_with("nya"))
                && self.title_at(i) == 0
        })
    }

    /// The person entity (flat index) that covers word `k`, if any.
    fn person_at(&self, k: usize) -> Option<(usize, usize)> {
        let f = self.cover.get(k).copied().flatten()?;
        let &(first, last, _, ref label) = self.flat.get(f)?;
        (*label == Kind::Person).then_some((first, last))
    }

    /// The run of name words from `i` (particles allowed inside), not
    /// crossing an entity other than a person (`Rudi` + the listed
    /// `Hartono` make one name): its end (exclusive).
    fn name_run(&self, i: usize) -> usize {
        let mut end = i;
        let mut k = i;
        while k < i + MAX_NAME_WORDS + 2 && self.same_sentence(i, k) {
            if let Some((first, last)) = self.person_at(k) {
                if first < i {
                    break;
                }
                k = last;
                end = k;
                continue;
            }
            if self.covered(k) {
                break;
            }
            if self.name_word(k) {
                k += 1;
                end = k;
            } else if k > i
                && end == k
                && self
                    .word(k)
                    .is_some_and(|w| w.is_word && w.cap && !w.stop())
                && self.title_at(k) == 1
                && self.name_word(k + 1)
            {
                // A one-word title between name words is a name word:
                // `Lukman Hakim Saefuddin`.
                k += 1;
            } else if k > i
                && (self
                    .word(k)
                    .is_some_and(|w| PARTICLES.iter().any(|p| w.is(p)))
                    || self.initial_dot(k))
                && self.name_word(k + 1)
            {
                k += 1; // `bin`, or the dot of an initial: `M. Sabarani`
            } else if k > i
                && self
                    .word(k)
                    .is_some_and(|w| w.cap && w.text.chars().count() == 1)
                && self.initial_dot(k + 1)
                && self.name_word(k + 2)
            {
                k += 2; // an initial that is also a title: `Tonny H. Wangania`
            } else {
                break;
            }
            if end - i >= MAX_NAME_WORDS {
                break;
            }
        }
        end
    }

    /// The indices of the `(` words, found through the text (a fast byte
    /// search) rather than by visiting every word.
    fn parens(&self) -> Vec<usize> {
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

    fn acronyms(&mut self) {
        let mut defined: FnvMap<String, (u32, usize)> = FnvMap::default();
        let parens = self.parens();
        // The next word a definition may start at (one ends 3 words on).
        let mut from = 0;
        for &i in &parens {
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
            if open.text != "("
                || close.text != ")"
                || !is_acronym(inner.text)
                || i == 0
                || is_title
            {
                continue;
            }
            let acronym = inner.text.to_string();
            let before = i - 1;
            let entity = match self.cover.get(before).copied().flatten() {
                // A known long form ending right before the parenthesis.
                Some(f) => self.flat.get(f).filter(|e| e.1 == i).map(|e| e.2),
                None if !self.in_headline(before) => {
                    // An unlisted long form: capitalized words back to the
                    // sentence start or a lower-case word, initials checked.
                    let mut first = before + 1;
                    while first > 0 {
                        let k = first - 1;
                        let ok = self.word(k).is_some_and(|w| {
                            (w.cap && w.is_word) || CONNECTORS.iter().any(|c| w.is(c))
                        }) && !self.covered(k)
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
                    if before + 1 - first >= 2 && initials_match(&acronym, long) && head.is_some() {
                        let label = head.unwrap_or(Label::Organization);
                        let long = long.to_string();
                        let e = self.records.add(label, &long, Rule::Acronym);
                        self.push(first, before + 1, e, Rule::Acronym);
                        Some(e)
                    } else {
                        None
                    }
                }
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
        // The reverse, `ACR (Long Form)`, for a known acronym.
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
                Some(e) => e.2,
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
        self.refresh();
        // Later mentions of a defined acronym.
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

    /// The label of a head noun at word `i`, if one starts there.
    fn head_label(&self, i: usize) -> Option<Label> {
        self.head_at(i).map(|(_, l)| l)
    }

    fn heads(&mut self) {
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
            // A head inside a longer capitalized phrase (`Angkutan Laut
            // Dalam Negeri`) is not where a name starts; after a title or a
            // known entity it is (`Sekjen Partai X`).
            let inside_phrase = i > 0
                && self.same_sentence(i - 1, i)
                && self.word(i - 1).is_some_and(|p| {
                    p.cap && p.is_word && !p.sentence_start && !self.covered(i - 1)
                })
                && self.title_at(i - 1) == 0
                && self.word(i - 1).is_some_and(|p| !p.title_word());
            if inside_phrase {
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
            while k < run_start + MAX_HEAD_WORDS && self.same_sentence(i, k) {
                let Some(x) = self.word(k) else { break };
                if let Some(f) = self.cover.get(k).copied().flatten() {
                    let Some(&(_, last, _, ref l)) = self.flat.get(f) else {
                        break;
                    };
                    k = last;
                    end = k;
                    if *l == Kind::Organization || *l == Kind::Person {
                        break; // an organization ends the run: `PT Pertamina`
                    }
                    continue;
                }
                if x.is_word && x.cap {
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
            if end > run_start
                && !(i..end).all(|j| self.covered(j) && self.cover.get(j) == self.cover.get(i))
            {
                if let Some(name) = self.span_text(i, end).map(str::to_string) {
                    found.push((i, end, label, name));
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

    fn titles(&mut self) {
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
                        Some(&(_, last, _, ref l)) if *l != Kind::Person => k = last,
                        _ => break,
                    }
                } else if x.title_word()
                    || x.text == "."
                    || x.text == ")"
                    || (x.all_caps && x.text.chars().count() > 1)
                    || self.title_at(k) > 0
                {
                    k += 1;
                } else if x.is("dari") && self.party_at(k + 1) {
                    // `anggota Komisi II DPR dari PDIP Budi`: the party
                    // belongs to the title.
                    k += 1;
                } else {
                    break;
                }
            }
            let mut end = self.name_run(k);
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

    /// Whether word `k` starts an organization or an all-caps acronym
    /// (`PDIP`): what `dari` may bring into a title's complement.
    fn party_at(&self, k: usize) -> bool {
        match self.cover.get(k).copied().flatten() {
            Some(f) => self
                .flat
                .get(f)
                .is_some_and(|&(first, _, _, ref l)| first == k && *l == Kind::Organization),
            None => self
                .word(k)
                .is_some_and(|w| w.all_caps && w.text.chars().count() > 1),
        }
    }

    /// What follows an organization's name and belongs to it: the legal
    /// form `Tbk` (the same entity), the home country (`Unilever
    /// Indonesia`, `Departemen Sosial RI`: a new organization). A foreign
    /// country after a name is mostly a description (`Samsung Kanada`).
    fn org_suffixes(&mut self) {
        let mut found: Vec<(usize, usize, Option<u32>)> = Vec::new();
        for (n, &(first, last, entity, ref kind)) in self.flat.iter().enumerate() {
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
            } else if let Some(&(f, l, e, _)) = self.flat.get(n + 1) {
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

    fn add_people(&mut self, spans: Vec<(usize, usize)>, rule: Rule) {
        for (first, last) in spans {
            if self.person_at(first) == Some((first, last)) {
                continue; // already a listed person
            }
            if let Some(name) = self.span_text(first, last).map(str::to_string) {
                let e = self.records.add(Label::Person, &name, rule);
                self.push(first, last, e, rule);
            }
        }
        self.refresh();
    }

    fn saying(&mut self) {
        let mut found = Vec::new();
        for i in 0..self.words.len() {
            let Some(w) = self.word(i) else { break };
            if !w.has(bit::SAY) || (w.cap && !w.sentence_start) || self.in_headline(i) {
                continue; // `Kata Pejabat AS` in a headline is not a quote
            }
            let lex = w.lex;
            if lex.is_some_and(|l| l.say_after) {
                let end = self.name_run(i + 1);
                if end > i + 1 && self.same_sentence(i, i + 1) {
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

    /// Whether word `k` is the dot right after an initial (`R.`).
    fn initial_dot(&self, k: usize) -> bool {
        let (Some(dot), Some(w)) = (self.word(k), k.checked_sub(1).and_then(|p| self.word(p)))
        else {
            return false;
        };
        dot.text == "." && w.end == dot.start && w.cap && w.text.chars().count() == 1
    }

    /// The run of name words that ends right before word `i`, in its
    /// sentence, not after a title: its first word. Initials and a quoted
    /// nickname inside the run belong to it: `Peter R. Hunt`,
    /// `Robert "Robbie" Gaspar`.
    fn name_run_before(&self, i: usize) -> Option<usize> {
        let mut first = i;
        let mut names = 0;
        while first > 0 && names < MAX_NAME_WORDS {
            let k = first - 1;
            if !self.same_sentence(k, i) || self.covered(k) {
                break;
            }
            if self.name_word(k) {
                first = k;
                names += 1;
            } else if names > 0 && self.initial_dot(k) {
                first = k; // the initial itself is a name word
            } else if names > 0
                && k >= 3
                && self.word(k).is_some_and(|w| w.text == "\"")
                && self.word(k - 2).is_some_and(|w| w.text == "\"")
                && self.name_word(k - 1)
                && self.name_word(k - 3)
                && !(k - 2..=k).any(|j| self.covered(j))
            {
                first = k - 2; // `"Robbie"`; the name before it comes next
            } else {
                break;
            }
        }
        (first < i && self.title_at(first.saturating_sub(1)) == 0).then_some(first)
    }

    fn context(&mut self) {
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
                if let Some(first) = self.name_run_before(i) {
                    found.push((first, i));
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
        // A listed person's given names before it: `Tommy` + a listed
        // `Robredo`; not a word that opens the sentence (`Penampilan
        // Robredo`).
        let mut found = Vec::new();
        for &(first, last, _, ref label) in &self.flat {
            if *label != Kind::Person {
                continue;
            }
            let mut f = first;
            while f > 0 && first - f < 2 {
                let k = f - 1;
                let ok = !self.covered(k)
                    && self.same_sentence(k, first)
                    && self.name_word(k)
                    && self.word(k).is_some_and(|w| !w.sentence_start)
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
        // Names joined to a person by `dan`, `serta`, `&` or a comma.
        let mut found = Vec::new();
        let people: Vec<(usize, usize)> = self
            .flat
            .iter()
            .filter(|f| f.3 == Kind::Person)
            .map(|f| (f.0, f.1))
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

    fn coreference(&mut self) {
        // Name word → (entity, first word after the full name); ambiguous
        // words map to None.
        let mut names: FnvMap<&str, Option<(u32, usize)>> = FnvMap::default();
        for &(first, last, entity, ref label) in &self.flat {
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

/// A word joining names in a list: `dan`, `serta`, `&`, a comma, the `/`
/// of a doubles pair.
fn is_joiner(w: &Word) -> bool {
    w.text == "," || w.text == "&" || w.text == "/" || w.is("dan") || w.is("serta")
}

/// `KPK`, `IRGC`, `PDI-P`: 2 to 12 chars, at least two capitals, no
/// lower-case letters.
fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=12).contains(&n)
        && w.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !w.chars().any(char::is_lowercase)
        && w.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// The acronym's letters appear in order among the long form's letters,
/// the first one as the first letter of the long form.
fn initials_match(acronym: &str, long: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_join_apostrophes_and_hyphens() {
        let mut arena = String::new();
        let w: Vec<&str> = words("Ma'ruf Amin dan Al-Baghdadi (ISIS).", &mut arena)
            .0
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            w,
            [
                "Ma'ruf",
                "Amin",
                "dan",
                "Al-Baghdadi",
                "(",
                "ISIS",
                ")",
                "."
            ]
        );
        let mut arena = String::new();
        let (w, _) = words("Di Jl. Merdeka ada Dr. Budi. Lalu pergi.", &mut arena);
        let sentences: Vec<usize> = w.iter().map(|w| w.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    }

    #[test]
    fn acronym_shapes() {
        assert!(is_acronym("KPK"));
        assert!(is_acronym("PDI-P"));
        assert!(!is_acronym("Kpk"));
        assert!(!is_acronym("A"));
        assert!(initials_match("KPK", "Komisi Pemberantasan Korupsi"));
        assert!(initials_match(
            "BMKG",
            "Badan Meteorologi, Klimatologi, dan Geofisika"
        ));
        assert!(!initials_match("IRGC", "Korps Garda Revolusi Islam Iran"));
    }

    #[test]
    fn headline_detection() {
        let mut arena = String::new();
        let w = words("Rusia Tampaknya Akan Membeli Rudal Balistik dari Iran\n\nRusia siap membeli rudal.\n\nKader Partai Harapan Rakyat mendarat di Bandara Sultan Hasanuddin.", &mut arena).1;
        assert_eq!(w.headline, [true, false, false]);
    }

    #[test]
    fn rule_data_loads() {
        let lex = |w: &str| DATA.lex(w.as_bytes());
        assert!(lex("menteri").is_some_and(|l| !l.titles.is_empty()));
        let jl = lex("jl").expect("Jl. is a head");
        assert!(jl.heads.iter().any(|(_, l)| *l == Label::Location));
        assert!(lex("kata").is_some_and(|l| l.say_after));
        assert!(lex("mengatakan").is_some_and(|l| l.say_before));
        assert!(lex("dia").is_some_and(|l| l.stop));
        assert!(lex("xyzzy").is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn flat_resolve_is_resolve(
            spans in proptest::collection::vec((0usize..40, 0usize..12, 0u32..6, proptest::bool::ANY), 0..40)
        ) {
            let text = "Abc dé İstanbul fğh ijk lmn opq rst uvw xyz ABC DEF GHI";
            let candidates: Vec<Candidate> = spans
                .iter()
                .map(|&(start, len, entity, rule)| Candidate {
                    byte_start: start,
                    byte_end: start + len,
                    entity,
                    linked: false,
                    rule: rule.then_some(Rule::Head),
                })
                .collect();
            let expected: Vec<(usize, usize, u32, Option<Rule>)> = resolve(text, text.is_ascii(), candidates.clone(), Overlap::Flat)
                .into_iter()
                .map(|r| (r.byte_start, r.byte_end, r.entity, r.rule))
                .collect();
            let got: Vec<(usize, usize, u32, Option<Rule>)> = flat_resolve(text, &candidates)
                .into_iter()
                .map(|c| (c.byte_start, c.byte_end, c.entity, c.rule))
                .collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn every_lexicon_entry_is_found() {
        let keys: Vec<&Key> = (DATA.slots.iter().zip(DATA.tags.iter()))
            .filter(|(_, &t)| t != 0)
            .map(|(s, _)| &s.0)
            .collect();
        assert_eq!(keys.len(), DATA.lexes.len());
        assert!(keys.len() > 500);
        for key in keys {
            assert!(DATA.get(key).is_some(), "{key:?}");
        }
        assert!(DATA.rejected.is_empty(), "{:?}", DATA.rejected);
    }

    #[test]
    fn ascii_words_fold_to_their_lower_case() {
        // `words` relies on this to skip `fold_lower` for ASCII words
        // without `-` (the only ASCII char besides blanks it changes).
        for b in 0x21u8..0x7f {
            let s = format!("x{}X", char::from(b));
            if b != b'-' {
                assert_eq!(fold_lower(&s), s.to_ascii_lowercase(), "{s:?}");
            }
        }
        // ... and a `-` between word chars to a blank, a lone one to nothing
        // (`general_word` relies on it).
        assert_eq!(fold_lower("Al-Baghdadi"), "al baghdadi");
        assert_eq!(fold_lower("COVID-19"), "covid 19");
        assert_eq!(fold_lower("-"), "");
    }
}
