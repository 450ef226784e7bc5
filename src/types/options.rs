//! The extractor's options that travel down the pipeline: [`Case`] (the
//! matcher) and [`Overlap`] (resolution).

/// How letter case decides a match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Case {
    /// The default: case by evidence, line by line. Where a line is written
    /// in ordinary mixed case, [`Smart`](Case::Smart). Where its case says
    /// nothing, names are found case aside but common words are kept out:
    /// in a line without capitals an alias matches in lower case unless it
    /// is a common word (`barat`, `antara`, `dia`); in a line in all caps
    /// or a title-case headline a one-word alias that is a common word
    /// (`AS`/`as`, `ANTARA`) does not match; and the rules and the tagger
    /// read a recased copy of such lines (common words in lower case, the
    /// other words capitalized), so titles, saying verbs and head nouns
    /// still find the names next to them. Offsets are the original text's.
    #[default]
    Auto,
    /// An alias written with capitals matches text with the
    /// same capitals or in all caps: `Kongres` matches `Kongres` and
    /// `KONGRES`, not `kongres`; `AS` matches only `AS`. An alias without
    /// capitals, or marked `~` in its gazetteer, matches in any case. The
    /// rules read the text as it is.
    Smart,
    /// Every alias matches in any case; for lower-cased text.
    Insensitive,
}

/// What to do with mentions that overlap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Overlap {
    /// The default: non-overlapping entities, longest first (see the
    /// module docs for the full order).
    #[default]
    Flat,
    /// The flat entities plus the mentions nested inside them, marked with
    /// [`Entity::nested`](crate::Entity::nested).
    Nested,
}
