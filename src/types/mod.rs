//! The values that travel between the stages of the pipeline: labels,
//! shared strings, entities and records, candidates, rule ids, options,
//! the snapshot's byte primitives and the word hasher. Leaves: nothing here imports another
//! module of the crate, so every stage may import them.

mod bytes;
mod candidate;
mod entity;
mod fnv;
mod label;
mod options;
mod record;
mod rule;
mod shared;

pub(crate) use bytes::Reader;
#[cfg(test)]
pub(crate) use bytes::Writer;
pub(crate) use candidate::Candidate;
pub use entity::Entity;
pub(crate) use fnv::{FnvMap, FnvSet};
pub use label::Label;
pub use options::{Case, Overlap};
pub(crate) use record::{DocRecords, Record};
pub use rule::Rule;
pub(crate) use rule::RuleSet;
pub(crate) use shared::interned;
pub use shared::SharedStr;
