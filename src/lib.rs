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
//! # The gazetteer format
//!
//! A gazetteer is UTF-8 text, one entity a line: `id`, canonical name, then
//! any aliases, separated by tabs. The canonical name is an alias too.
//! Lines starting with `#` are comments; directives start with `@` and
//! hold for the entity lines after them:
//!
//! | directive | meaning |
//! |---|---|
//! | `@label NAME` | `PERSON`, `ORGANIZATION`, `COUNTRY`, `LOCATION` or `WEAPON` (required first) |
//! | `@custom-label NAME` | a label of your own, `[A-Z][A-Z0-9_]*` |
//! | `@id-prefix P` | the full id is `P` + id (default: the label in lower case and `:`) |
//! | `@context a\|b` | the phrases that `!` aliases need within 6 words |
//! | `@not-after a\|b` | the aliases do not match right after these phrases (`#` is a number) |
//! | `@variants designator spelling` | `S-400` also matches `S400`, `S 400`; `Soekarno` also `Sukarno` |
//!
//! An alias with capitals matches the same capitals or all caps (`AS` is
//! never the English `as`); one without capitals matches in any case.
//! Markers before an alias: `~` any case, `?` only after the entity was
//! found earlier in the text, `!` only near a `@context` phrase. Every
//! problem is an [`Error`] naming `file:line:column`. The full reference is
//! `gazetteers/README.md`.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use entitas::{Extractor, Label};
//!
//! let gazetteer = "\
//! ## a comment
//! @label WEAPON
//! @id-prefix weapon:
//! @context rudal|roket
//! @variants designator
//! fattah\tFattah-1\t!Fattah
//! @label PERSON
//! @id-prefix tokoh:
//! budi\tBudi Santoso\t?Budi
//! @custom-label PARTY
//! @id-prefix partai:
//! pkb\tPartai Kebangkitan Bangsa\tPKB
//! ";
//! let extractor = Extractor::builder()
//!     .default_gazetteers(false)
//!     .rules(false)
//!     .gazetteer_text("senjata.tsv", gazetteer)
//!     .build()?;
//! let text = "Budi Santoso melihat rudal Fattah dan Fattah1. Kata Budi, PKB setuju.";
//! let ids: Vec<String> = extractor.extract(text).into_iter().map(|e| e.id.to_string()).collect();
//! assert_eq!(ids, ["tokoh:budi", "weapon:fattah", "weapon:fattah", "tokoh:budi", "partai:pkb"]);
//! // `!Fattah` needs its context: alone it is not a weapon.
//! assert!(extractor.extract("Fattah pulang.").is_empty());
//! // `?Budi` needs `Budi Santoso` earlier in the same text.
//! assert!(extractor.extract("Kata Budi.").is_empty());
//! assert_eq!(extractor.extract("PKB")[0].label, Label::from_name("PARTY"));
//!
//! // A malformed line is an error naming the place.
//! let err = Extractor::builder()
//!     .default_gazetteers(false)
//!     .gazetteer_text("salah.tsv", "@label PERSON\nhanya-satu-kolom\n")
//!     .build()
//!     .unwrap_err();
//! assert!(err.to_string().starts_with("salah.tsv:2:"), "{err}");
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
// No silent truncating cast outside tests: `try_from`, or an `allow` that
// says why the truncation is meant (hash bits).
#![cfg_attr(not(test), warn(clippy::cast_possible_truncation))]

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
