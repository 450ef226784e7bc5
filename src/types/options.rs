//! The extractor's options that travel down the pipeline: [`Case`] (the
//! matcher) and [`Overlap`] (resolution).

/// How letter case decides a match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Case {
    /// The default. An alias written with capitals matches text with the
    /// same capitals or in all caps: `Kongres` matches `Kongres` and
    /// `KONGRES`, not `kongres`; `AS` matches only `AS`. An alias without
    /// capitals, or marked `~` in its gazetteer, matches in any case.
    #[default]
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
