//! [`Entity`]: one named entity found in a text, owned.

use super::{Label, SharedStr};
use serde::{Deserialize, Serialize};

/// One named entity found in a text.
///
/// Offsets are half-open and point into the **original** text:
/// `&text[entity.byte_start..entity.byte_end] == entity.text`. Char offsets
/// count Unicode scalar values (Rust `char`, Python `str` indices), not
/// UTF-16 units.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
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

fn is_false(b: &bool) -> bool {
    !*b
}
