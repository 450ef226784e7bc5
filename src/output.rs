//! Output: what callers receive beyond the owned [`Entity`]: [`EntityRef`]
//! (the same fields borrowed) and the BIO tags of CoNLL ([`tag_bio`]).
//! Writers of other formats belong here.

use crate::tokenize::{tokenize, CharCounter, Token};
use crate::types::{DocRecords, Entity, Label, SharedStr};
use std::fmt;

/// One named entity found in a text, borrowed from the text and the
/// extractor instead of owned: what [`Extractor::extract_each`]
/// hands out, one at a time, without allocating. The fields are those of
/// [`Entity`] (the alternatives through
/// [`alternatives`](EntityRef::alternatives)); [`to_entity`](EntityRef::to_entity)
/// makes the owned one.
///
/// [`Extractor::extract_each`]: crate::Extractor::extract_each
#[derive(Clone, Copy, Debug)]
pub struct EntityRef<'a> {
    /// The text of the mention, a slice of the input.
    pub text: &'a str,
    /// What kind of entity it is.
    pub label: &'a Label,
    /// The entity's stable id (see [`Entity::id`]).
    pub id: &'a SharedStr,
    /// The canonical name.
    pub canonical: &'a SharedStr,
    /// Start, in bytes, of the mention in the original text.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
    /// Start, in chars (Unicode scalar values).
    pub char_start: usize,
    /// End (exclusive), in chars.
    pub char_end: usize,
    /// What produced it (see [`Entity::source`]).
    pub source: &'a SharedStr,
    /// True for a mention inside another one.
    pub nested: bool,
    pub(crate) score: Option<f32>,
    pub(crate) alternatives: Alternatives<'a>,
}

impl<'a> EntityRef<'a> {
    /// How sure the learned tagger is of an entity it found (source
    /// `model:tagger`), in [0, 1): higher is surer; `None` for gazetteer and rule entities.
    /// (An owned [`Entity`] does not keep it.)
    pub fn score(&self) -> Option<f32> {
        self.score
    }

    /// The ids of the other entities the same span could have been, best
    /// first (see [`Entity::alternatives`]).
    pub fn alternatives(&self) -> impl Iterator<Item = &'a SharedStr> + 'a {
        let Alternatives {
            spans,
            entity,
            records,
        } = self.alternatives;
        let span = (self.byte_start, self.byte_end);
        let from = spans.partition_point(|s| (s.0, s.1) < span);
        spans
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(move |s| (s.0, s.1) == span)
            .filter(move |&&(_, _, e)| e != entity)
            .filter_map(move |&(_, _, e)| records.get(e).map(|r| &r.id))
    }

    /// The owned [`Entity`]: the same fields, its strings shared with the
    /// extractor (reference counts, or none for the embedded gazetteers')
    /// and its text copied.
    #[inline]
    pub fn to_entity(&self) -> Entity {
        Entity {
            text: self.text.to_string(),
            label: self.label.clone(),
            id: self.id.clone(),
            canonical: self.canonical.clone(),
            byte_start: self.byte_start,
            byte_end: self.byte_end,
            char_start: self.char_start,
            char_end: self.char_end,
            source: self.source.clone(),
            nested: self.nested,
            alternatives: self.alternatives().cloned().collect(),
        }
    }
}

/// Where [`EntityRef::alternatives`] come from: the text's gazetteer
/// matches (`(start, end, entity)`, sorted), the entity, and the records
/// the ids are in. The matches on the entity's span are looked up only
/// when asked for.
#[derive(Clone, Copy)]
pub(crate) struct Alternatives<'a> {
    pub(crate) spans: &'a [(usize, usize, u32)],
    pub(crate) entity: u32,
    pub(crate) records: &'a DocRecords<'a>,
}

impl fmt::Debug for Alternatives<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Alternatives")
            .field("entity", &self.entity)
            .finish_non_exhaustive()
    }
}

/// The BIO tag of a token.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tag {
    /// Outside any entity: `O`.
    Outside,
    /// First token of an entity: `B-LABEL`.
    Begin(Label),
    /// Later token of an entity: `I-LABEL`.
    Inside(Label),
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::Outside => f.write_str("O"),
            Tag::Begin(l) => write!(f, "B-{l}"),
            Tag::Inside(l) => write!(f, "I-{l}"),
        }
    }
}

/// Tokens of `text` with BIO tags from `entities` (nested ones are
/// ignored). A token that an entity starts or ends inside is split there,
/// so `Rusianya` with the entity `Rusia` gives `Rusia` `B-COUNTRY` and
/// `nya` `O`.
///
/// ```
/// let text = "Menhan Rusianya datang";
/// let entities = entitas::extract(text);
/// let tags: Vec<String> = entitas::tag_bio(text, &entities)
///     .iter()
///     .map(|(t, tag)| format!("{} {tag}", t.text))
///     .collect();
/// assert_eq!(tags, ["Menhan O", "Rusia B-COUNTRY", "nya O", "datang O"]);
/// ```
pub fn tag_bio<'t>(text: &'t str, entities: &[Entity]) -> Vec<(Token<'t>, Tag)> {
    let flat: Vec<&Entity> = entities.iter().filter(|e| !e.nested).collect();
    let mut cuts: Vec<usize> = flat
        .iter()
        .flat_map(|e| [e.byte_start, e.byte_end])
        .collect();
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut chars = CharCounter::default();
    for token in tokenize(text) {
        let mut start = token.byte_start;
        let inner = cuts
            .iter()
            .copied()
            .filter(|&c| c > token.byte_start && c < token.byte_end);
        for end in inner.chain(std::iter::once(token.byte_end)) {
            if end <= start {
                continue;
            }
            let Some(piece) = text.get(start..end) else {
                continue;
            };
            let tag = match flat
                .iter()
                .find(|e| e.byte_start <= start && end <= e.byte_end)
            {
                Some(e) if e.byte_start == start => Tag::Begin(e.label.clone()),
                Some(e) => Tag::Inside(e.label.clone()),
                None => Tag::Outside,
            };
            out.push((
                Token {
                    text: piece,
                    byte_start: start,
                    byte_end: end,
                    char_start: chars.at(text, start),
                    char_end: chars.at(text, end),
                    sentence: token.sentence,
                },
                tag,
            ));
            start = end;
        }
    }
    out
}
