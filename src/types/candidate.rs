//! [`Candidate`]: a span of the text that may become an entity.

use super::Rule;

/// A match of one alias, aligned to tokens, in original byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    pub(crate) entity: u32,
    /// Found through a `?` alias: kept only after an open mention.
    pub(crate) linked: bool,
    /// The rule that made it; `None` for a gazetteer match.
    pub(crate) rule: Option<Rule>,
}
