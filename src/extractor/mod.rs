//! The extractor: gazetteers compiled once into an immutable [`Extractor`],
//! then the pipeline run per text: normalize → match → resolve → entities.

mod builder;

use crate::gazetteer;
use crate::matcher::Matcher;
use crate::output::{Alternatives, EntityRef};
use crate::resolve::{resolve, Resolved};
use crate::rules;
use crate::tokenize::CharCounter;
use crate::types::{Candidate, Case, DocRecords, Entity, Overlap, Record, Rule, RuleSet};
use crate::unglue;
use builder::compile;
pub use builder::ExtractorBuilder;
use once_cell::sync::{Lazy, OnceCell};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// Finds entities in `text` with the default gazetteers embedded in the
/// library: flat output, auto case.
///
/// The default extractor is built on first use and shared by all threads.
///
/// ```
/// let entities = entitas::extract("Menteri Pertahanan Rusia Sergei Shoigu tiba di Teheran.");
/// let found: Vec<(&str, &str)> = entities.iter().map(|e| (e.text.as_str(), e.label.as_str())).collect();
/// assert_eq!(found[..2], [("Rusia", "COUNTRY"), ("Sergei Shoigu", "PERSON")]);
/// ```
pub fn extract(text: &str) -> Vec<Entity> {
    DEFAULT.extract(text)
}

static DEFAULT: Lazy<Extractor> = Lazy::new(|| {
    Extractor::builder().build().expect(
        "the embedded gazetteers are valid: checked by gazetteer::tests::default_gazetteers_parse",
    )
});

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) records: Vec<Record>,
    pub(crate) matcher: Matcher,
    /// With the default gazetteers: the villages, compiled on first need.
    villages: Option<Villages>,
    overlap: Overlap,
    rules: RuleSet,
    /// The learned tagger, if it is on (only with the default gazetteers).
    model: Option<&'static crate::model::tagger::Weights>,
}

impl Inner {
    /// The gazetteer matches in `text`: the main matcher's, and the
    /// villages' when it matched a village trigger word.
    fn find(&self, text: &str, ascii: bool) -> Vec<Candidate> {
        let mut candidates = self.matcher.find_in(text, ascii);
        if candidates.iter().any(|c| c.entity == TRIGGER) {
            candidates.retain(|c| c.entity != TRIGGER);
            if let Some((_, villages)) = self.villages.as_ref().and_then(Villages::get) {
                let base = u32::try_from(self.records.len()).unwrap_or(TRIGGER);
                candidates.extend(
                    villages
                        .find_in(text, ascii)
                        .into_iter()
                        .map(|c| Candidate {
                            entity: c.entity.saturating_add(base),
                            ..c
                        }),
                );
            }
        }
        candidates
    }
}

/// The village gazetteer ([`gazetteer::VILLAGES`]), compiled the first time
/// a text holds a trigger word (the main matcher reports those as
/// [`TRIGGER`] candidates). Its entities come after the main table's.
#[derive(Debug)]
struct Villages {
    case: Case,
    compiled: OnceCell<Option<(Vec<Record>, Matcher)>>,
}

impl Villages {
    /// The compiled villages; compiles them on the first call. `None` only
    /// if the embedded file failed to compile (a unit test checks it does
    /// not), in which case villages are simply not found.
    fn get(&self) -> Option<&(Vec<Record>, Matcher)> {
        self.compiled
            .get_or_init(|| {
                let (name, text) = gazetteer::VILLAGES;
                let files = [(Cow::from(name), Cow::from(text))];
                compile(&files, self.case)
                    .ok()
                    .map(|(records, matcher)| (records, matcher.build()))
            })
            .as_ref()
    }

    /// The village records if they are compiled, else none.
    fn records(&self) -> &[Record] {
        self.compiled
            .get()
            .and_then(Option::as_ref)
            .map_or(&[], |(records, _)| records)
    }
}

/// The entity index of a village trigger word's match: never an entity.
const TRIGGER: u32 = u32::MAX - 1;

/// A compiled set of gazetteers that finds entities in text.
///
/// Building can fail (a bad gazetteer); extracting cannot. An `Extractor`
/// is immutable, `Send + Sync`, and cheap to clone (an `Arc` inside).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use entitas::{Extractor, Label};
///
/// let extractor = Extractor::builder()
///     .default_gazetteers(false)
///     .gazetteer_text("partai.tsv", "@custom-label PARTY\nPDIP\tPartai Demokrasi Indonesia Perjuangan\tPDIP\tPDI-P\n")
///     .build()?;
/// let entities = extractor.extract("Kader PDI-P berkumpul.");
/// assert_eq!(entities[0].text, "PDI-P");
/// assert_eq!(entities[0].label, Label::Custom("PARTY".into()));
/// assert_eq!(entities[0].id, "party:PDIP");
/// assert_eq!(entities[0].canonical, "Partai Demokrasi Indonesia Perjuangan");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    pub(crate) inner: Arc<Inner>,
}

impl Extractor {
    /// A builder, with the default gazetteers, auto case and flat output.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Finds the entities in `text`, sorted by start offset. Never fails
    /// and never panics.
    pub fn extract(&self, text: &str) -> Vec<Entity> {
        let found = self.find(text);
        let mut out = Vec::with_capacity(found.resolved.len());
        found.each(text, |entity| out.push(entity.to_entity()));
        out
    }

    /// Finds the entities in `text`, as [`extract`](Self::extract) does,
    /// and hands each to `f` in the same order, borrowed instead of owned:
    /// nothing is allocated per entity. For counting, indexing or
    /// highlighting many texts; [`EntityRef::to_entity`] keeps one.
    ///
    /// ```
    /// let extractor = entitas::Extractor::builder().build()?;
    /// let mut countries = Vec::new();
    /// extractor.extract_each("Rusia membeli rudal dari Iran.", |e| {
    ///     if e.label.as_str() == "COUNTRY" {
    ///         countries.push(e.id.to_string());
    ///     }
    /// });
    /// assert_eq!(countries, ["country:RUS", "country:IRN"]);
    /// # Ok::<(), entitas::Error>(())
    /// ```
    pub fn extract_each<F>(&self, text: &str, f: F)
    where
        F: FnMut(EntityRef<'_>),
    {
        self.find(text).each(text, f);
    }

    /// The pipeline up to resolution. A text with glued words
    /// (`dilansirReuters`) runs on a copy with the missing spaces put back
    /// ([`unglue`]); its offsets are mapped back to the original.
    fn find(&self, text: &str) -> Resolution<'_> {
        let joins = unglue::joins_known(text, |w| self.inner.matcher.knows(w));
        if joins.is_empty() {
            return self.find_in(text);
        }
        let mut found = self.find_in(&unglue::spaced(text, &joins));
        let back = |at| unglue::original(&joins, at);
        for c in &mut found.resolved {
            c.byte_start = back(c.byte_start);
            c.byte_end = back(c.byte_end);
        }
        for s in &mut found.spans {
            *s = (back(s.0), back(s.1), s.2);
        }
        found
    }

    /// The pipeline up to resolution: gazetteer matches, rules, overlaps.
    fn find_in(&self, text: &str) -> Resolution<'_> {
        let inner = &*self.inner;
        let ascii = text.is_ascii();
        let candidates = linked_after_open(inner.find(text, ascii));
        // The gazetteer spans, for `alternatives`: needed only where two
        // candidates share a span. The matcher lists candidates by span, so
        // that is seen without sorting in most texts (not with villages,
        // which come after the rest).
        let mut spans: Vec<(usize, usize, u32)> = Vec::new();
        let span = |c: &Candidate| (c.byte_start, c.byte_end);
        if candidates.windows(2).any(|w| match w {
            [a, b] => span(a) >= span(b),
            _ => false,
        }) {
            spans.extend(
                candidates
                    .iter()
                    .map(|c| (c.byte_start, c.byte_end, c.entity)),
            );
            spans.sort_unstable();
            spans.dedup();
        }
        let mut records = DocRecords {
            base: &inner.records,
            villages: inner.villages.as_ref().map_or(&[], Villages::records),
            extra: Vec::new(),
        };
        // Every rule starts from a gazetteer match or a capitalized word: a
        // text with neither (a lower-case tweet or review) has nothing for
        // them, and is not scanned into words at all.
        // Auto case: lines whose case says nothing are read recased (same
        // offsets) by the rules.
        let recased = (inner.matcher.case() == Case::Auto && !inner.rules.is_empty())
            .then(|| rules::recase(text, &candidates))
            .flatten();
        let seen = recased.as_deref().unwrap_or(text);
        let candidates = if inner.rules.is_empty()
            || candidates.is_empty()
                && !may_hold_names(seen, ascii)
                && !(inner.rules.has(Rule::Weapon) && rules::may_hold_weapons(seen))
        {
            candidates
        } else {
            rules::apply(seen, text, candidates, &mut records, inner.rules)
        };
        let mut found = Resolution {
            ascii,
            resolved: resolve(text, ascii, candidates, inner.overlap),
            spans,
            records,
            scores: Vec::new(),
        };
        if let Some(weights) = inner.model {
            // The tagger reads the text as it is: it knows the case of
            // each sentence (measured: better than the recased copy on
            // every lower and upper variant).
            found.add_model(text, weights);
        }
        found
    }

    /// Finds the entities in many texts at once, on all cores (rayon),
    /// and returns them in the order of `texts`: the same as calling
    /// [`extract`](Self::extract) on each.
    ///
    /// ```
    /// let extractor = entitas::Extractor::builder().build()?;
    /// let found = extractor.extract_batch(&["Rusia menyerang.", "", "PBB bersidang."]);
    /// assert_eq!(found.len(), 3);
    /// assert_eq!(found[0][0].id, "country:RUS");
    /// assert!(found[1].is_empty());
    /// assert_eq!(found[2][0].id, "organization:UN");
    /// # Ok::<(), entitas::Error>(())
    /// ```
    pub fn extract_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<Entity>> {
        self.extract_batch_with(texts, |_, entities| entities)
    }

    /// Like [`extract_batch`](Self::extract_batch), but each text's entities
    /// go to `f` (with the text) on the thread that found them, and `f`'s
    /// results come back in the order of `texts`. Serialize, count or filter
    /// there: the entities are then used and freed where they were made,
    /// which is cheaper than collecting them all and making a second pass.
    ///
    /// ```
    /// let extractor = entitas::Extractor::builder().build()?;
    /// let texts = ["Rusia menyerang.", "", "PBB dan AS bersidang."];
    /// let counts = extractor.extract_batch_with(&texts, |_, found| found.len());
    /// assert_eq!(counts, [1, 0, 2]);
    /// let lines = extractor.extract_batch_with(&texts, |text, found| {
    ///     found.iter().map(|e| format!("{}\t{}", e.id, &text[e.byte_start..e.byte_end])).collect::<Vec<_>>()
    /// });
    /// assert_eq!(lines[0], ["country:RUS\tRusia"]);
    /// # Ok::<(), entitas::Error>(())
    /// ```
    pub fn extract_batch_with<S, R, F>(&self, texts: &[S], f: F) -> Vec<R>
    where
        S: AsRef<str> + Sync,
        R: Send,
        F: Fn(&str, Vec<Entity>) -> R + Sync,
    {
        use rayon::prelude::*;
        texts
            .par_iter()
            .map(|t| {
                let text = t.as_ref();
                f(text, self.extract(text))
            })
            .collect()
    }

    /// Number of entities in the gazetteers (without the default villages,
    /// which are compiled only when a text first needs them).
    pub fn entity_count(&self) -> usize {
        self.inner.records.len()
    }

    /// Number of distinct folded aliases the automaton searches for.
    pub fn pattern_count(&self) -> usize {
        self.inner.matcher.pattern_count()
    }

    /// The case mode this extractor was built with.
    pub fn case(&self) -> Case {
        self.inner.matcher.case()
    }

    /// The overlap mode this extractor was built with.
    pub fn overlap(&self) -> Overlap {
        self.inner.overlap
    }
}

/// What the pipeline found in one text, resolved, before it is handed out.
struct Resolution<'e> {
    /// The text is ASCII: char offsets are byte offsets.
    ascii: bool,
    resolved: Vec<Resolved>,
    /// Every gazetteer match, sorted (for `alternatives`).
    spans: Vec<(usize, usize, u32)>,
    records: DocRecords<'e>,
    /// The model's score of each entity it added, by start byte, sorted.
    scores: Vec<(usize, f32)>,
}

impl Resolution<'_> {
    /// Adds the learned tagger's spans that overlap no resolved entity.
    fn add_model(&mut self, text: &str, weights: &crate::model::tagger::Weights) {
        let library = crate::model::features::library_spans(
            self.resolved
                .iter()
                .filter(|c| !crate::model::features::hidden_rule(c.rule))
                .map(|c| {
                    let label = self.records.get(c.entity).map(|r| &r.label);
                    (
                        c.byte_start,
                        c.byte_end,
                        label.unwrap_or(&crate::types::Label::Weapon),
                        c.rule.is_some(),
                        c.nested,
                    )
                }),
        );
        let found = crate::model::find(weights, text, &library);
        if found.is_empty() {
            return;
        }
        let before = self.resolved.len();
        for f in found {
            let overlaps = self
                .resolved
                .get(..before)
                .unwrap_or_default()
                .iter()
                .any(|c| c.byte_start < f.end && f.start < c.byte_end);
            let Some(surface) = text.get(f.start..f.end) else {
                continue;
            };
            if overlaps {
                continue;
            }
            let entity = crate::model::add_record(&mut self.records, f.kind, surface);
            self.resolved.push(Resolved {
                byte_start: f.start,
                byte_end: f.end,
                entity,
                rule: None,
                nested: false,
            });
            self.scores.push((f.start, f.score));
        }
        if self.resolved.len() > before {
            self.resolved
                .sort_by_key(|c| (c.byte_start, std::cmp::Reverse(c.byte_end), c.nested));
        }
    }

    /// Hands each entity of `text` to `f`, in order.
    fn each<F>(&self, text: &str, mut f: F)
    where
        F: FnMut(EntityRef<'_>),
    {
        let mut chars = CharCounter::default();
        for c in &self.resolved {
            let (Some(record), Some(surface)) = (
                self.records.get(c.entity),
                text.get(c.byte_start..c.byte_end),
            ) else {
                continue;
            };
            let (char_start, char_end) = if self.ascii {
                (c.byte_start, c.byte_end)
            } else {
                let start = chars.at(text, c.byte_start);
                (start, start + surface.chars().count())
            };
            f(EntityRef {
                text: surface,
                label: &record.label,
                id: &record.id,
                canonical: &record.canonical,
                byte_start: c.byte_start,
                byte_end: c.byte_end,
                char_start,
                char_end,
                source: match c.rule {
                    Some(rule) => rule.source(),
                    None => &record.source,
                },
                nested: c.nested,
                score: if c.rule.is_none() && !self.scores.is_empty() {
                    self.scores
                        .binary_search_by_key(&c.byte_start, |&(at, _)| at)
                        .ok()
                        .and_then(|i| self.scores.get(i))
                        .filter(|_| record.source == *crate::model::SOURCE)
                        .map(|&(_, s)| s)
                } else {
                    None
                },
                alternatives: Alternatives {
                    spans: &self.spans,
                    entity: c.entity,
                    records: &self.records,
                },
            });
        }
    }
}

/// Whether `text` (all ASCII if `ascii`) has a capital letter (or any
/// non-ASCII char, which may be one), where a rule could start a name.
fn may_hold_names(text: &str, ascii: bool) -> bool {
    !ascii || text.bytes().any(|b| b.is_ascii_uppercase())
}

/// Keeps a `?` (linked) candidate only when its entity was found earlier in
/// the text through an open alias.
fn linked_after_open(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    if !candidates.iter().any(|c| c.linked) {
        return candidates;
    }
    let mut first_open: HashMap<u32, usize> = HashMap::new();
    for c in candidates.iter().filter(|c| !c.linked) {
        let first = first_open.entry(c.entity).or_insert(c.byte_start);
        *first = (*first).min(c.byte_start);
    }
    candidates.retain(|c| {
        !c.linked
            || first_open
                .get(&c.entity)
                .is_some_and(|&first| first < c.byte_start)
    });
    candidates
}
