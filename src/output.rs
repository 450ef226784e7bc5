//! Output: the [`Entity`] that every stage works towards, and its [`Label`].

use crate::rules::DocRecords;
use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// What the pipeline knows of an entity before it becomes an [`Entity`]:
/// a gazetteer line, or a name a rule found.
#[derive(Debug)]
pub(crate) struct Record {
    pub(crate) id: SharedStr,
    pub(crate) canonical: SharedStr,
    pub(crate) label: Label,
    /// `gazetteer:FILE` or `rule:NAME`.
    pub(crate) source: SharedStr,
}

/// The kind of an entity.
///
/// Five labels are built in; gazetteers may declare their own with
/// `@custom-label NAME`. Serialized as its upper-case name (`"PERSON"`).
///
/// ```
/// use entitas::Label;
/// assert_eq!(Label::Country.as_str(), "COUNTRY");
/// assert_eq!(Label::from_name("WEAPON"), Label::Weapon);
/// assert_eq!(Label::from_name("PARTY").as_str(), "PARTY");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Label {
    /// A person: `Sergei Shoigu`.
    Person,
    /// An organization: `Korps Garda Revolusi Islam Iran`, `PBB`, `CNN`.
    Organization,
    /// A country or territory: `Rusia`, `AS`.
    Country,
    /// Any other place: `Moskow`, `Gaza`, `Jawa Barat`.
    Location,
    /// A weapon system: `Ababil`, `S-400`.
    Weapon,
    /// A label declared by a user gazetteer with `@custom-label`.
    Custom(SharedStr),
}

impl Label {
    /// The upper-case name, as written in gazetteers and output.
    pub fn as_str(&self) -> &str {
        match self {
            Label::Person => "PERSON",
            Label::Organization => "ORGANIZATION",
            Label::Country => "COUNTRY",
            Label::Location => "LOCATION",
            Label::Weapon => "WEAPON",
            Label::Custom(name) => name,
        }
    }

    /// The built-in label with this name, or a custom one.
    pub fn from_name(name: &str) -> Label {
        match name {
            "PERSON" => Label::Person,
            "ORGANIZATION" => Label::Organization,
            "COUNTRY" => Label::Country,
            "LOCATION" => Label::Location,
            "WEAPON" => Label::Weapon,
            other => Label::Custom(other.into()),
        }
    }

    /// Whether `name` is a well-formed label name: `[A-Z][A-Z0-9_]*`.
    pub(crate) fn is_valid_name(name: &str) -> bool {
        let mut chars = name.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for Label {
    fn from(name: String) -> Label {
        Label::from_name(&name)
    }
}

impl From<Label> for String {
    fn from(label: Label) -> String {
        match label {
            Label::Custom(name) => name.into(),
            other => other.as_str().to_string(),
        }
    }
}

/// An immutable string shared by every [`Entity`] that holds it: ids,
/// canonical names, sources and custom labels come from the extractor's
/// records, so handing them out costs at most a reference count, not a
/// copy (nothing at all for the compiled default gazetteers, whose strings
/// live in the program's static data).
///
/// It reads like a `&str` (it derefs to one, compares with `str`, `&str`
/// and `String`, formats and serializes as a plain string).
///
/// ```
/// let found = entitas::extract("Rusia menyerang.");
/// assert_eq!(found[0].id, "country:RUS");
/// assert!(found[0].id.starts_with("country:"));
/// let id: String = found[0].id.to_string();
/// # assert_eq!(id, "country:RUS");
/// ```
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl SharedStr {
    /// A `SharedStr` of a `'static` string: no allocation, and clones copy
    /// a pointer.
    pub const fn from_static(s: &'static str) -> SharedStr {
        SharedStr(Repr::Static(s))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SharedStr, D::Error> {
        String::deserialize(deserializer).map(SharedStr::from)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> SharedStr {
        SharedStr(Repr::Shared(s))
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_string()
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

/// `s` as a static `SharedStr`, for the few strings that every entity of a
/// gazetteer shares (its source, a custom label): their clones then touch
/// no reference count, which threads extracting side by side would
/// otherwise fight over. Each distinct string is allocated once for the
/// life of the process; past [`INTERNED_MAX`] of them, strings are shared
/// with a reference count instead, so the memory kept stays bounded.
pub(crate) fn interned(s: &str) -> SharedStr {
    use std::collections::HashSet;
    use std::sync::{Mutex, PoisonError};
    static TABLE: Lazy<Mutex<HashSet<&'static str>>> = Lazy::new(Mutex::default);
    let mut table = TABLE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&kept) = table.get(s) {
        return SharedStr::from_static(kept);
    }
    if table.len() >= INTERNED_MAX {
        return SharedStr::from(s);
    }
    let kept: &'static str = Box::leak(Box::from(s));
    table.insert(kept);
    SharedStr::from_static(kept)
}

/// How many distinct strings [`interned`] keeps at most.
const INTERNED_MAX: usize = 4096;

/// One named entity found in a text.
///
/// Offsets are half-open and point into the **original** text:
/// `&text[entity.byte_start..entity.byte_end] == entity.text`. Char offsets
/// count Unicode scalar values (Rust `char`, Python `str` indices), not
/// UTF-16 units.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// The text of the mention, exactly as it appears in the input.
    pub text: String,
    /// What kind of entity it is.
    pub label: Label,
    /// A stable id for the entity, the same for every alias:
    /// `country:USA` for both `AS` and `Amerika Serikat`.
    pub id: SharedStr,
    /// The canonical name: `Korps Garda Revolusi Islam Iran` for `IRGC`.
    pub canonical: SharedStr,
    /// Start, in bytes, of the mention in the original text.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
    /// Start, in chars (Unicode scalar values).
    pub char_start: usize,
    /// End (exclusive), in chars.
    pub char_end: usize,
    /// What produced it: `gazetteer:` and the gazetteer's file name
    /// (`gazetteer:countries`), or `rule:` and the rule's name
    /// (`rule:title`, see [`Rule`](crate::Rule)).
    pub source: SharedStr,
    /// True for a mention inside another one (only with
    /// [`Overlap::Nested`](crate::Overlap::Nested)).
    #[serde(default, skip_serializing_if = "is_false")]
    pub nested: bool,
    /// The ids of the other entities the same span could have been, best
    /// first, when the name is ambiguous (`Madrid` the club for `Madrid`
    /// the city); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<SharedStr>,
}

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

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_strings_are_kept_once() {
        let a = interned("gazetteer:interned-test");
        let b = interned(&String::from("gazetteer:interned-test"));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "one copy");
        assert!(matches!(a.0, Repr::Static(_)));
    }
}
