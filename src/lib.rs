//! Named entities in Indonesian text, found with gazetteers.
//!
//! `entitas` matches curated name lists (countries, places, organizations,
//! people, weapon systems) over Indonesian text and returns each mention as
//! an [`Entity`]: an exact span of the original text (byte and char
//! offsets), a [`Label`], a stable id and a canonical name.
//!
//! # Example: the default gazetteers
//!
//! ```
//! let text = "Korps Garda Revolusi Islam Iran (IRGC) memamerkan rudal kepada Rusia.";
//! for e in entitas::extract(text) {
//!     assert_eq!(&text[e.byte_start..e.byte_end], e.text);
//!     println!("{} {} {} {}", e.label, e.text, e.id, e.canonical);
//! }
//! let found = entitas::extract(text);
//! let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
//! assert_eq!(ids, ["organization:IRGC", "organization:IRGC", "country:RUS"]);
//! ```
//!
//! # Example: your own gazetteer, nested mentions
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use entitas::{Extractor, Overlap};
//!
//! let extractor = Extractor::builder()
//!     .gazetteer_text("kampus.tsv", "@label ORGANIZATION\nUI\tUniversitas Indonesia\tUI\n")
//!     .overlap(Overlap::Nested)
//!     .build()?;
//! let found: Vec<(String, bool)> = extractor
//!     .extract("Mahasiswa Universitas Indonesia berdemo.")
//!     .into_iter()
//!     .map(|e| (e.text, e.nested))
//!     .collect();
//! assert_eq!(found, [("Universitas Indonesia".to_string(), false), ("Indonesia".to_string(), true)]);
//! # Ok(()) }
//! ```
//!
//! # The pipeline
//!
//! gazetteer loading → normalization → matching on token boundaries →
//! rules (titles, head nouns, acronyms, coreference; see [`Rule`]) →
//! overlap resolution → entities. `ARCHITECTURE.md` says where each stage
//! lives. Offsets always point into the original text; "char" means a
//! Unicode scalar value (a Python `str` index), not a UTF-16 unit.

// Every public item is documented: the docs are the user's manual.
#![deny(missing_docs)]
// Links in the docs must resolve.
#![deny(rustdoc::broken_intra_doc_links)]
// Every public type can be printed when debugging.
#![warn(missing_debug_implementations)]
// Nothing here needs unsafe.
#![forbid(unsafe_code)]
// `extract` must not panic on any input: no unwrap, no bare indexing, no
// panic outside tests (an `expect` states the invariant it relies on).
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)
)]
// No function past a screen and a half: split it where it does two things.
#![warn(clippy::too_many_lines)]

#[cfg(feature = "cli")]
pub mod cli;
mod common_words;
mod error;
mod extractor;
mod gazetteer;
mod matcher;
mod model;
/// Training the learned tagger (not part of the stable API).
#[doc(hidden)]
pub mod model_train;
mod normalize;
mod output;
mod resolve;
mod rules;
mod snapshot;
mod tokenize;
mod types;
mod unglue;

pub use error::{Error, GazetteerErrorKind, Location};
pub use extractor::{extract, Extractor, ExtractorBuilder};
pub use output::{tag_bio, EntityRef, Tag};
pub use tokenize::{tokenize, Token};
pub use types::{Case, Entity, Label, Overlap, Rule, SharedStr};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
