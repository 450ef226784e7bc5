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
//! | [`Rule::Coreference`] | a later `Shoigu` after `Sergei Shoigu` → the same PERSON | — |
//! | [`Rule::SentenceStart`] | drops a one-word match that is a common word at a sentence start | `rules/stopwords.txt` |
//!
//! Rules that read capitalization (title, saying, head, an unlisted long
//! form) stay silent in headlines: sentences of three or more words with
//! none in lower case but a few prepositions and conjunctions.

use crate::matcher::Candidate;
use crate::normalize::{fold_lower, is_word_char};
use crate::output::{Label, Record};
use crate::resolve::{resolve, Overlap};
use once_cell::sync::Lazy;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A rule of the rule stage; each can be switched off with
/// [`ExtractorBuilder::rule`](crate::ExtractorBuilder::rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// `Long Form (ACR)` and `ACR (Long Form)` define an acronym.
    Acronym,
    /// A name after a title or role: `Presiden Joko Widodo`.
    Title,
    /// A name next to a verb of saying: `kata X`, `X mengatakan`.
    Saying,
    /// A head noun and the capitalized words after it: `Partai Buruh`.
    Head,
    /// A later single word of a person's full name: `Shoigu`.
    Coreference,
    /// Drops a one-word match that is a common word at a sentence start.
    SentenceStart,
    /// Chooses between labels for one span (`Madrid` the city or the club)
    /// by the cue words around it.
    Ambiguity,
}

impl Rule {
    /// Every rule, in the order the stage runs them.
    pub const ALL: [Rule; 7] = [
        Rule::SentenceStart,
        Rule::Ambiguity,
        Rule::Acronym,
        Rule::Head,
        Rule::Title,
        Rule::Saying,
        Rule::Coreference,
    ];

    /// The rule's name, as in [`Entity::source`](crate::Entity::source)
    /// (`rule:title`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Acronym => "acronym",
            Rule::Title => "title",
            Rule::Saying => "saying",
            Rule::Head => "head",
            Rule::Coreference => "coreference",
            Rule::SentenceStart => "sentence-start",
            Rule::Ambiguity => "ambiguity",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Rule::Acronym => 1,
            Rule::Title => 2,
            Rule::Saying => 4,
            Rule::Head => 8,
            Rule::Coreference => 16,
            Rule::SentenceStart => 32,
            Rule::Ambiguity => 64,
        }
    }
}

/// Which rules are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RuleSet(u8);

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet(127)
    }
}

impl RuleSet {
    pub(crate) fn set(&mut self, rule: Rule, on: bool) {
        if on {
            self.0 |= rule.bit();
        } else {
            self.0 &= !rule.bit();
        }
    }

    pub(crate) fn none() -> Self {
        RuleSet(0)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn has(self, rule: Rule) -> bool {
        self.0 & rule.bit() != 0
    }
}

/// FNV-1a: the rule stage looks up every word of a text in the lexicon;
/// these keys are short and not attacker-chosen in any way that matters
/// (a slow lookup is the worst case), so a fast hash beats SipHash.
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

/// What the rule data says of one folded word.
#[derive(Debug, Default)]
struct Lex {
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
    /// Title phrases that start with this word, longest first.
    titles: Vec<Vec<String>>,
    /// Head phrases that start with this word and their labels, longest first.
    heads: Vec<(Vec<String>, Label)>,
    /// Cue phrases that start with this word and the label they favour.
    cues: Vec<(Vec<String>, Label)>,
}

/// The trigger lists of `rules/`, by folded word.
struct Data {
    lexicon: FnvMap<String, Lex>,
}

impl Data {
    fn lex(&self, folded: &str) -> Option<&Lex> {
        self.lexicon.get(folded)
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
    let mut lexicon: FnvMap<String, Lex> = FnvMap::default();
    fn entry<'m>(lexicon: &'m mut FnvMap<String, Lex>, w: &str) -> &'m mut Lex {
        lexicon.entry(fold_lower(w)).or_default()
    }
    for l in lines(include_str!("../rules/stopwords.txt")) {
        entry(&mut lexicon, l).stop = true;
    }
    for l in lines(include_str!("../rules/title-words.txt")) {
        entry(&mut lexicon, l).title_word = true;
    }
    for l in lines(include_str!("../rules/abbreviations.txt")) {
        entry(&mut lexicon, l).abbreviation = true;
    }
    for l in lines(include_str!("../rules/saying-verbs.txt")) {
        if let Some(v) = l.strip_prefix("after:") {
            entry(&mut lexicon, v.trim()).say_after = true;
        } else if let Some(v) = l.strip_prefix("before:") {
            entry(&mut lexicon, v.trim()).say_before = true;
        }
    }
    for l in lines(include_str!("../rules/titles.txt")) {
        let p = phrase(l);
        if let Some(first) = p.first() {
            entry(&mut lexicon, first).titles.push(p.clone());
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
        entry(&mut lexicon, &first).heads.push(head);
    }
    for (first, cue) in labelled(include_str!("../rules/cues.txt")) {
        entry(&mut lexicon, &first).cues.push(cue);
    }
    for lex in lexicon.values_mut() {
        lex.titles.sort_by_key(|p| std::cmp::Reverse(p.len()));
        lex.heads.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    }
    Data { lexicon }
});

/// Particles inside names: `Mohammed bin Salman`, `Ursula von der Leyen`.
const PARTICLES: &[&str] = &[
    "bin", "binti", "van", "von", "der", "de", "da", "al", "el", "dos",
];
/// Connectors inside organization names: `Kementerian Pendidikan dan Kebudayaan`.
const CONNECTORS: &[&str] = &["dan", "&", "untuk", "of"];
/// Longest name run a rule takes, in words.
const MAX_NAME_WORDS: usize = 5;
const MAX_HEAD_WORDS: usize = 8;

/// A word of the text: a run of word characters, joined across `'` or `-`
/// written without blanks (`Ma'ruf`, `Al-Baghdadi`), or one punctuation
/// character.
#[derive(Debug)]
struct Word<'t> {
    text: &'t str,
    /// Folded like the gazetteers, for words that are not plain ASCII
    /// letters and digits; plain ones compare ignoring ASCII case (see
    /// [`Word::is`]), which spares an allocation per capitalized word.
    folded: Option<String>,
    start: usize,
    end: usize,
    sentence: usize,
    /// Starts with a letter or digit.
    is_word: bool,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Has letters, all upper case.
    all_caps: bool,
    /// First word of its sentence.
    sentence_start: bool,
    /// What the rule data says of the word.
    lex: Option<&'static Lex>,
}

impl Word<'_> {
    /// Whether the word folds to `folded` (a lower-case trigger word).
    fn is(&self, folded: &str) -> bool {
        match &self.folded {
            Some(f) => f == folded,
            None => self.text.eq_ignore_ascii_case(folded),
        }
    }

    fn stop(&self) -> bool {
        self.lex.is_some_and(|l| l.stop)
    }

    fn title_word(&self) -> bool {
        self.lex.is_some_and(|l| l.title_word)
    }
}

/// Splits `text` into words and sentences in one pass. A sentence ends at a
/// line break, or after `.`, `!`, `?` or `…` followed by a blank, unless the
/// dot follows an abbreviation (an initial, or a word of
/// `rules/abbreviations.txt`: `Jl. Merdeka`, `Dr. Budi`).
fn words(text: &str) -> Vec<Word<'_>> {
    let data = &*DATA;
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6);
    let mut sentence = 0;
    let mut sentence_start = true;
    let mut ends_sentence = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' || ends_sentence {
                if !sentence_start {
                    sentence += 1;
                }
                sentence_start = true;
            }
            ends_sentence = false;
            continue;
        }
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(i, d)) = chars.peek() {
                // A joiner counts only with a word character right after it.
                let joins = matches!(d, '\'' | '’' | '-')
                    && text
                        .get(i + d.len_utf8()..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(is_word_char);
                if !is_word_char(d) && !joins {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        let plain = slice.bytes().all(|b| b.is_ascii_alphanumeric());
        let folded = (!plain).then(|| fold_lower(slice));
        // The lexicon key: plain words lower-cased on the stack.
        let mut key = [0u8; 24];
        let lex = match (&folded, key.get_mut(..slice.len())) {
            (Some(f), _) => data.lex(f),
            (None, Some(buf)) => {
                buf.copy_from_slice(slice.as_bytes());
                buf.make_ascii_lowercase();
                std::str::from_utf8(buf).ok().and_then(|k| data.lex(k))
            }
            (None, None) => None, // longer than any trigger word
        };
        let is_word = is_word_char(c);
        let cap = c.is_uppercase();
        ends_sentence = matches!(c, '!' | '?' | '…')
            || (c == '.'
                && !out.last().is_some_and(|w| {
                    w.end == start
                        && w.cap
                        && (w.text.chars().count() == 1 || w.lex.is_some_and(|l| l.abbreviation))
                }));
        out.push(Word {
            text: slice,
            lex,
            folded,
            start,
            end,
            sentence,
            is_word,
            cap,
            all_caps: is_word
                && slice.chars().any(char::is_alphabetic)
                && !slice.chars().any(char::is_lowercase),
            sentence_start,
        });
        sentence_start = false;
    }
    out
}

/// Per-document state of the rule stage.
struct Doc<'r, 'b, 't> {
    text: &'t str,
    words: Vec<Word<'t>>,
    /// Headline flag per sentence index.
    headline: Vec<bool>,
    /// For each word, the flat entity (index into `flat`) that covers it.
    cover: Vec<Option<usize>>,
    /// Flat entities: (start word, end word exclusive, entity, label).
    flat: Vec<(usize, usize, u32, Label)>,
    records: &'r mut DocRecords<'b>,
    out: Vec<Candidate>,
    /// `out.len()` at the last `refresh`.
    refreshed_at: usize,
}

/// The gazetteer's entity table plus the entities rules create for one
/// text. Indices below `base.len()` are gazetteer entities.
#[derive(Debug)]
pub(crate) struct DocRecords<'a> {
    pub(crate) base: &'a [Record],
    pub(crate) extra: Vec<Record>,
}

impl DocRecords<'_> {
    pub(crate) fn get(&self, entity: u32) -> Option<&Record> {
        let i = usize::try_from(entity).ok()?;
        match i.checked_sub(self.base.len()) {
            None => self.base.get(i),
            Some(j) => self.extra.get(j),
        }
    }

    fn label(&self, entity: u32) -> Option<&Label> {
        self.get(entity).map(|r| &r.label)
    }

    /// The entity a rule found, by label and canonical name.
    fn add(&mut self, label: Label, canonical: &str, rule: Rule) -> u32 {
        let index = |j: usize| u32::try_from(self.base.len() + j).unwrap_or(u32::MAX);
        if let Some(j) = self
            .extra
            .iter()
            .position(|r| r.label == label && r.canonical == canonical)
        {
            return index(j);
        }
        let slug: String = fold_lower(canonical)
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let slug = slug
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        self.extra.push(Record {
            id: format!("{}:{slug}", label.as_str().to_ascii_lowercase()),
            canonical: canonical.to_string(),
            label,
            source: Arc::from(format!("rule:{}", rule.name())),
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
    let words = words(text);
    let data = &*DATA;
    if rules.has(Rule::SentenceStart) {
        let starts: HashSet<usize> = words
            .iter()
            .filter(|w| w.sentence_start)
            .map(|w| w.start)
            .collect();
        candidates.retain(|c| {
            !(starts.contains(&c.byte_start)
                && text
                    .get(c.byte_start..c.byte_end)
                    .is_some_and(|s| data.lex(&fold_lower(s)).is_some_and(|l| l.stop)))
        });
    }
    if rules.has(Rule::Ambiguity) {
        candidates = disambiguate(&words, candidates, records);
    }
    let headline = headlines(&words);
    let mut doc = Doc {
        text,
        cover: Vec::new(),
        flat: Vec::new(),
        words,
        headline,
        records,
        out: candidates,
        refreshed_at: usize::MAX,
    };
    doc.refresh();
    if rules.has(Rule::Acronym) {
        doc.acronyms();
    }
    if rules.has(Rule::Head) {
        doc.heads();
    }
    if rules.has(Rule::Title) {
        doc.titles();
    }
    if rules.has(Rule::Saying) {
        doc.saying();
    }
    if rules.has(Rule::Coreference) {
        doc.coreference();
    }
    doc.out
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
    let mut drop = vec![false; candidates.len()];
    for group in spans.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
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

/// Headlines: sentences with three or more words, none in lower case but
/// the prepositions and conjunctions of [`HEADLINE_LOWER`]. A sentence with
/// a lower-case verb (`Presiden Joko Widodo meresmikan …`) is not one.
fn headlines(words: &[Word]) -> Vec<bool> {
    let sentences = words.last().map_or(0, |w| w.sentence + 1);
    let mut counts = vec![(0usize, 0usize); sentences];
    let content = words.iter().filter(|w| {
        w.is_word
            && w.text.chars().any(char::is_alphabetic)
            && !HEADLINE_LOWER.iter().any(|h| w.is(h))
    });
    for w in content {
        if let Some(c) = counts.get_mut(w.sentence) {
            c.0 += 1;
            c.1 += usize::from(!w.cap);
        }
    }
    counts
        .into_iter()
        .map(|(n, lower)| n >= 3 && lower == 0)
        .collect()
}

impl Doc<'_, '_, '_> {
    /// Recomputes the flat entities and the word cover from `out`, if
    /// candidates were added since the last time.
    fn refresh(&mut self) {
        if self.out.len() == self.refreshed_at {
            return;
        }
        self.refreshed_at = self.out.len();
        let resolved = resolve(self.text, self.out.clone(), Overlap::Flat);
        self.flat.clear();
        self.cover = vec![None; self.words.len()];
        let mut w = 0;
        for r in resolved {
            let c = r.candidate;
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
            let label = self
                .records
                .label(c.entity)
                .cloned()
                .unwrap_or(Label::Organization);
            let index = self.flat.len();
            self.flat.push((first, last, c.entity, label));
            for slot in self.cover.get_mut(first..last).unwrap_or_default() {
                *slot = Some(index);
            }
        }
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

    /// A name-like word: capitalized, not a stopword, title or title word.
    fn name_word(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| {
            w.is_word
                && w.cap
                && !(w.all_caps && w.text.chars().count() > 1)
                && !w.stop()
                && !w.title_word()
                && self.title_at(i) == 0
        })
    }

    /// The person entity (flat index) that covers word `k`, if any.
    fn person_at(&self, k: usize) -> Option<(usize, usize)> {
        let f = self.cover.get(k).copied().flatten()?;
        let &(first, last, _, ref label) = self.flat.get(f)?;
        (*label == Label::Person).then_some((first, last))
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
                && self
                    .word(k)
                    .is_some_and(|w| PARTICLES.iter().any(|p| w.is(p)))
                && self.name_word(k + 1)
            {
                k += 1;
            } else {
                break;
            }
            if end - i >= MAX_NAME_WORDS {
                break;
            }
        }
        end
    }

    fn acronyms(&mut self) {
        let mut defined: HashMap<String, (u32, usize)> = HashMap::new();
        let mut i = 0;
        while i + 2 < self.words.len() {
            let (Some(open), Some(inner), Some(close)) =
                (self.word(i), self.word(i + 1), self.word(i + 2))
            else {
                break;
            };
            if open.text != "(" || close.text != ")" {
                i += 1;
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
                i += 1;
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
                    if before + 1 - first >= 2 && initials_match(&acronym, long) {
                        let label = self.head_label(first).unwrap_or(Label::Organization);
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
            i += 3;
        }
        // The reverse, `ACR (Long Form)`, for a known acronym.
        for i in 0..self.words.len() {
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
                    let label = self.head_label(i + 2).unwrap_or(Label::Organization);
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
                    if *l == Label::Organization || *l == Label::Person {
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
            if len == 0 || self.in_headline(i) || self.covered(i) {
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
                        Some(&(_, last, _, ref l)) if *l != Label::Person => k = last,
                        _ => break,
                    }
                } else if x.title_word()
                    || x.text == "."
                    || x.text == ")"
                    || (x.all_caps && x.text.chars().count() > 1)
                    || self.title_at(k) > 0
                {
                    k += 1;
                } else {
                    break;
                }
            }
            let end = self.name_run(k);
            if end > k {
                found.push((k, end));
                i = end;
            } else {
                i += len.max(1);
            }
        }
        self.add_people(found, Rule::Title);
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
            if w.cap || self.in_headline(i) {
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

    fn coreference(&mut self) {
        // Name word → (entity, first word after the full name); ambiguous
        // words map to None.
        let mut names: HashMap<&str, Option<(u32, usize)>> = HashMap::new();
        for &(first, last, entity, ref label) in &self.flat {
            if *label != Label::Person || last - first < 2 {
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
        for (k, e) in found {
            self.push(k, k + 1, e, Rule::Coreference);
        }
    }
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
        let w: Vec<&str> = words("Ma'ruf Amin dan Al-Baghdadi (ISIS).")
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
        let w = words("Di Jl. Merdeka ada Dr. Budi. Lalu pergi.");
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
        let w = words("Rusia Tampaknya Akan Membeli Rudal Balistik dari Iran\n\nRusia siap membeli rudal.\n\nKader Partai Harapan Rakyat mendarat di Bandara Sultan Hasanuddin.");
        assert_eq!(headlines(&w), [true, false, false]);
    }

    #[test]
    fn rule_data_loads() {
        assert!(DATA.lex("menteri").is_some_and(|l| !l.titles.is_empty()));
        let jl = DATA.lex("jl").expect("Jl. is a head");
        assert!(jl.heads.iter().any(|(_, l)| *l == Label::Location));
        assert!(DATA.lex("kata").is_some_and(|l| l.say_after));
        assert!(DATA.lex("mengatakan").is_some_and(|l| l.say_before));
        assert!(DATA.lex("dia").is_some_and(|l| l.stop));
    }
}
