//! One text as the rules see it: its words, the candidates so far and their
//! flat resolution (`Doc`), and the helpers every rule shares (name runs,
//! titles and heads at a word, adding a person).

use super::words::Word;
use crate::normalize::fold_lower;
use crate::types::Candidate;
use crate::types::DocRecords;
use crate::types::Label;
use crate::types::Record;
use crate::types::Rule;

/// Particles inside names: `Mohammed bin Salman`, `Ursula von der Leyen`.
/// One-word titles that are also names, so may stand inside a name
/// (`Lukman Hakim Saefuddin`); a rank there is the end of a title's
/// complement (`Kaops Damai Cartenz Brigjen Faizal`).
const NAME_TITLES: &[&str] = &[
    "hakim", "raja", "ratu", "sultan", "imam", "haji", "mas", "sutan", "syekh", "putra",
];

pub(super) const PARTICLES: &[&str] = &[
    "bin", "binti", "van", "von", "der", "de", "da", "al", "el", "dos",
];
/// Whether `word` is a lower-case particle joined by a hyphen to a
/// capitalized name: `al-Hamdan`, `el-Sisi`, `ad-Din`, `bin-Laden`.
pub(super) fn is_joined_particle(word: &str) -> bool {
    let Some((particle, rest)) = word.split_once('-') else {
        return false;
    };
    let joined = [
        "al", "el", "ad", "an", "ar", "as", "asy", "at", "az", "ash", "bin", "abu",
    ];
    joined.contains(&particle)
        && rest.chars().next().is_some_and(char::is_uppercase)
        && rest.chars().skip(1).any(char::is_lowercase)
}
/// Connectors inside organization names: `Kementerian Pendidikan dan Kebudayaan`.
pub(super) const CONNECTORS: &[&str] = &["dan", "&", "untuk", "of"];
/// Longest name run a rule takes, in words.
/// The country whose name is part of its organizations' names, in news
/// written in Indonesian: `Telkom Indonesia`, `Departemen Sosial RI`.
pub(super) const HOME_COUNTRY: &[&str] = &["indonesia", "ri"];
pub(super) const MAX_NAME_WORDS: usize = 5;
pub(super) const MAX_HEAD_WORDS: usize = 8;

/// From this many candidates on, [`Doc::refresh`] resolves only the
/// clusters that changed.
pub(super) const INCREMENTAL_REFRESH: usize = 256;

/// Merges sorted spans into sorted disjoint clusters: spans that overlap
/// (not just touch) join one cluster. The flag marks clusters with a span
/// of `new`.
pub(super) fn merge_spans(
    old: &[(usize, usize)],
    new: Vec<(usize, usize)>,
) -> Vec<(usize, usize, bool)> {
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
pub(super) fn flat_resolve(text: &str, candidates: &[Candidate]) -> Vec<Candidate> {
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

/// A flat entity as the rules see it: words `first..last`, its entity, its
/// kind.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flat {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) entity: u32,
    pub(super) kind: Kind,
}

/// What the rules need to know of an entity's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Person,
    Organization,
    Other,
}

impl Kind {
    /// A missing record counts as an organization.
    pub(super) fn of(label: Option<&Label>) -> Kind {
        match label {
            Some(Label::Person) => Kind::Person,
            Some(Label::Organization) | None => Kind::Organization,
            Some(_) => Kind::Other,
        }
    }
}

/// Per-document state of the rule stage.
pub(super) struct Doc<'r, 'b, 't> {
    /// The text as the rules read it (recased where its case says nothing).
    pub(super) text: &'t str,
    /// The text as written: the same length as `text`.
    pub(super) original: &'t str,
    pub(super) words: Vec<Word<'t>>,
    /// Headline flag per sentence index.
    pub(super) headline: Vec<bool>,
    /// For each word, the flat entity (index into `flat`) that covers it.
    pub(super) cover: Vec<Option<usize>>,
    /// Flat entities: (start word, end word exclusive, entity, kind).
    pub(super) flat: Vec<Flat>,
    /// The byte span of each entry of `flat`.
    pub(super) flat_spans: Vec<(usize, usize)>,
    /// The candidates of `out` as clusters: disjoint byte spans, sorted,
    /// each the union of candidates that overlap one another. Resolving
    /// one cluster never changes another, so a refresh resolves again only
    /// the clusters new candidates touch. `None` until needed.
    pub(super) clusters: Option<Vec<(usize, usize)>>,
    pub(super) records: &'r mut DocRecords<'b>,
    pub(super) out: Vec<Candidate>,
    /// `out.len()` at the last `refresh`.
    pub(super) refreshed_at: usize,
    /// The letter case of each line, made on first use.
    pub(super) lines: std::cell::OnceCell<Lines>,
    /// The same for the text as written (`original`), made on first use.
    written: std::cell::OnceCell<Lines>,
}

impl<'r, 'b, 't> Doc<'r, 'b, 't> {
    /// The rule stage's state for one text, its words and its gazetteer
    /// candidates, refreshed (resolved into `flat` and `cover`).
    pub(super) fn new(
        text: &'t str,
        original: &'t str,
        words: Vec<Word<'t>>,
        headline: Vec<bool>,
        records: &'r mut DocRecords<'b>,
        candidates: Vec<Candidate>,
    ) -> Self {
        let mut doc = Doc {
            text,
            original,
            cover: Vec::new(),
            flat: Vec::new(),
            flat_spans: Vec::new(),
            clusters: None,
            words,
            headline,
            records,
            out: candidates,
            refreshed_at: usize::MAX,
            lines: std::cell::OnceCell::new(),
            written: std::cell::OnceCell::new(),
        };
        doc.refresh();
        doc
    }
}

/// The letter case of each line of a text: where each line starts, and
/// whether it has upper-case and lower-case letters. Made once, so that
/// asking about a word's line costs a binary search, not a scan of the
/// line (which made long lines quadratic).
#[derive(Debug, Default)]
pub(super) struct Lines {
    /// `(first byte, has an upper-case letter, has a lower-case letter,
    /// has a letter)`.
    lines: Vec<(usize, bool, bool, bool)>,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let (mut upper, mut lower, mut alpha) = (false, false, false);
            for c in line.chars() {
                upper |= c.is_uppercase();
                lower |= c.is_lowercase();
                alpha |= c.is_alphabetic();
                if upper && lower {
                    break;
                }
            }
            lines.push((start, upper, lower, alpha));
            start += line.len() + 1;
        }
        Lines { lines }
    }

    /// `(upper, lower, letter)` of the line holding byte `at`.
    fn at(&self, at: usize) -> (bool, bool, bool) {
        let i = self.lines.partition_point(|l| l.0 <= at);
        i.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map_or((false, false, false), |l| (l.1, l.2, l.3))
    }
}

impl DocRecords<'_> {
    /// The entity a rule found, by label and canonical name.
    pub(super) fn add(&mut self, label: Label, canonical: &str, rule: Rule) -> u32 {
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

impl Doc<'_, '_, '_> {
    /// Recomputes the flat entities and the word cover from `out`, if
    /// candidates were added since the last time. Many candidates (a long
    /// text) are resolved again only in the clusters the new ones touch.
    pub(super) fn refresh(&mut self) {
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
            entries.push((
                (c.byte_start, c.byte_end),
                Flat {
                    first,
                    last,
                    entity: c.entity,
                    kind,
                },
            ));
        }
        if !sorted {
            entries.sort_by_key(|e| e.0 .0);
        }
        // Uncover the old entries' words only (a long text has far more
        // words than mentions), then cover the new ones.
        if self.cover.len() == self.words.len() {
            for f in &self.flat {
                for slot in self.cover.get_mut(f.first..f.last).unwrap_or_default() {
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
            for slot in self.cover.get_mut(f.first..f.last).unwrap_or_default() {
                *slot = Some(index);
            }
        }
    }

    /// Resolves again the clusters that the candidates from `out[fresh..]`
    /// touch: returns what they resolve to, and the flat entries (with
    /// their spans) of the other clusters.
    #[allow(clippy::type_complexity)]
    pub(super) fn resolve_touched(
        &mut self,
        fresh: usize,
    ) -> (Vec<Candidate>, Vec<((usize, usize), Flat)>) {
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

    pub(super) fn word(&self, i: usize) -> Option<&Word<'_>> {
        self.words.get(i)
    }

    pub(super) fn covered(&self, i: usize) -> bool {
        self.cover.get(i).is_some_and(Option::is_some)
    }

    pub(super) fn in_headline(&self, i: usize) -> bool {
        self.word(i)
            .and_then(|w| self.headline.get(w.sentence))
            .copied()
            .unwrap_or(false)
    }

    /// Whether the line of word `i` has no upper-case letter: its case says
    /// nothing there (what `common_words::in_caseless_line` says of it).
    pub(super) fn caseless_at(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| !self.line_case(w.start).0)
    }

    /// Whether the line of word `i` has letters and none in lower case
    /// (text written in capitals): the case of a word says nothing there.
    pub(super) fn upper_line_at(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| {
            let (_, lower, letter) = self.line_case(w.start);
            letter && !lower
        })
    }

    /// `(upper, lower, letter)` of the line of word `i` as written (the
    /// recased copy the rules read may not show it).
    pub(super) fn written_case(&self, i: usize) -> Option<(bool, bool, bool)> {
        let w = self.word(i)?;
        Some(
            self.written
                .get_or_init(|| Lines::of(self.original))
                .at(w.start),
        )
    }

    fn line_case(&self, at: usize) -> (bool, bool, bool) {
        self.lines.get_or_init(|| Lines::of(self.text)).at(at)
    }

    pub(super) fn same_sentence(&self, a: usize, b: usize) -> bool {
        matches!((self.word(a), self.word(b)), (Some(x), Some(y)) if x.sentence == y.sentence)
    }

    pub(super) fn push(&mut self, first: usize, last: usize, entity: u32, rule: Rule) {
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

    /// Whether `entity` is a person rule [`Rule::Name`] found.
    pub(super) fn by_name_rule(&self, entity: u32) -> bool {
        self.records
            .get(entity)
            .is_some_and(|r| r.source == *Rule::Name.source())
    }

    pub(super) fn span_text(&self, first: usize, last: usize) -> Option<&str> {
        let a = self.word(first)?;
        let b = self.word(last.checked_sub(1)?)?;
        self.text.get(a.start..b.end)
    }

    /// Whether `phrase` (folded words) is at word `i`, within one sentence.
    pub(super) fn phrase_is_at(&self, i: usize, phrase: &[String]) -> bool {
        let Some(first) = self.word(i) else {
            return false;
        };
        phrase.iter().enumerate().all(|(k, w)| {
            self.word(i + k)
                .is_some_and(|x| x.is(w) && x.sentence == first.sentence)
        })
    }

    /// Length in words of the title at word `i` (0 if none).
    pub(super) fn title_at(&self, i: usize) -> usize {
        let Some(lex) = self.word(i).and_then(|w| w.lex) else {
            return 0;
        };
        lex.titles
            .iter()
            .find(|p| self.phrase_is_at(i, p))
            .map_or(0, Vec::len)
    }

    /// The head noun at word `i`: its length in words and its label.
    pub(super) fn head_at(&self, i: usize) -> Option<(usize, Label)> {
        let lex = self.word(i)?.lex?;
        lex.heads
            .iter()
            .find(|(p, _)| self.phrase_is_at(i, p))
            .map(|(p, l)| (p.len(), l.clone()))
    }

    /// Whether word `i` is a common Indonesian word (`rules/common-words.txt`)
    /// and no known given name: `Bawa`, `Aktivis`, not `Putri`.
    pub(super) fn common_word(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| {
            !w.lex.is_some_and(|l| l.given)
                && crate::common_words::is_common(&w.text.to_lowercase())
        })
    }

    /// Whether word `i` is the first word of its sentence, but for marks
    /// before it (`"Pelaku`).
    pub(super) fn opens_sentence(&self, i: usize) -> bool {
        let Some(w) = self.word(i) else { return false };
        let mut k = i;
        while k > 0 && self.same_sentence(k - 1, i) {
            k -= 1;
            if self.word(k).is_some_and(|p| p.is_word) {
                return false;
            }
        }
        w.sentence_start || self.word(k).is_some_and(|p| p.sentence_start)
    }

    /// A name-like word: capitalized, not a stopword, title or title word,
    /// not a word with the enclitic `-nya` (`Pasalnya`, `Rencananya`).
    pub(super) fn name_word(&self, i: usize) -> bool {
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
    pub(super) fn person_at(&self, k: usize) -> Option<(usize, usize)> {
        let f = self.cover.get(k).copied().flatten()?;
        let &Flat {
            first,
            last,
            kind: ref label,
            ..
        } = self.flat.get(f)?;
        (*label == Kind::Person).then_some((first, last))
    }

    /// The run of name words from `i` (particles allowed inside), not
    /// crossing an entity other than a person (`Rudi` + the listed
    /// `Hartono` make one name): its end (exclusive).
    pub(super) fn name_run(&self, i: usize) -> usize {
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
                && self
                    .word(k)
                    .is_some_and(|w| NAME_TITLES.iter().any(|t| w.is(t)))
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
            } else if k > i && self.word(k).is_some_and(|w| is_joined_particle(w.text)) {
                k += 1; // `Khalid al-Hamdan`, `Abdel Fattah el-Sisi`
                end = k;
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

    pub(super) fn add_people(&mut self, spans: Vec<(usize, usize)>, rule: Rule) {
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

    /// Whether word `k` is the dot right after an initial (`R.`).
    pub(super) fn initial_dot(&self, k: usize) -> bool {
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
    pub(super) fn name_run_before(&self, i: usize) -> Option<usize> {
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
}

/// A word joining names in a list: `dan`, `serta`, `&`, a comma, the `/`
/// of a doubles pair.
pub(super) fn is_joiner(w: &Word) -> bool {
    w.text == "," || w.text == "&" || w.text == "/" || w.is("dan") || w.is("serta")
}
