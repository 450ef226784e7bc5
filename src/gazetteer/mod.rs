//! Gazetteer loading: the plain-text format of `gazetteers/*.tsv` parsed into
//! entities and their aliases, every problem reported with `file:line:col`.
//!
//! The format is documented in `gazetteers/README.md`; in short:
//!
//! ```text
//! # a comment
//! @label COUNTRY
//! @id-prefix country:
//! IRN<TAB>Iran<TAB>Republik Islam Iran<TAB>Persia
//! ```
//!
//! Every entity line is `id`, `canonical name`, then any number of aliases,
//! separated by tabs. The canonical name is an alias too. Markers before an
//! alias: `~` any letter case, `?` only after the entity was found earlier
//! in the text, `!` only near a word of the file's `@context`.
//! `@variants designator spelling` generates aliases: `S-400` → `S400`,
//! `S 400`; `Soekarno` → `Sukarno`.

mod directives;
mod line;
#[cfg(test)]
mod tests;
mod variants;

use crate::error::{Error, GazetteerErrorKind as Kind, Location};
use crate::types::Label;
use directives::{directive_line, Directives};
use line::entity_line;
use std::collections::HashSet;
use std::sync::Arc;

/// The gazetteers embedded in the library, in priority order: on a tie
/// (same span, same length) the earlier file wins. `gazetteers/README.md`
/// says what each holds; `places-indonesia-villages.tsv` is shipped but not
/// embedded (83k villages: +0.3 s build, +100 MB; the `Desa X` head-noun
/// rule finds villages without it).
pub(crate) const DEFAULTS: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../gazetteers/countries.tsv"),
    ),
    (
        "organizations-world.tsv",
        include_str!("../../gazetteers/organizations-world.tsv"),
    ),
    (
        "organizations-indonesia.tsv",
        include_str!("../../gazetteers/organizations-indonesia.tsv"),
    ),
    ("persons.tsv", include_str!("../../gazetteers/persons.tsv")),
    (
        "locations.tsv",
        include_str!("../../gazetteers/locations.tsv"),
    ),
    (
        "places-indonesia.tsv",
        include_str!("../../gazetteers/places-indonesia.tsv"),
    ),
    ("weapons.tsv", include_str!("../../gazetteers/weapons.tsv")),
    (
        "weapons-ships.tsv",
        include_str!("../../gazetteers/weapons-ships.tsv"),
    ),
    (
        "places-world.tsv",
        include_str!("../../gazetteers/places-world.tsv"),
    ),
    (
        "places-indonesia-gated.tsv",
        include_str!("../../gazetteers/places-indonesia-gated.tsv"),
    ),
];

/// The villages (desa, kelurahan): 65,635 entities whose every alias starts
/// with a trigger word (`Desa X`, `Kelurahan X`). Too many to compile with
/// the defaults at every start, they are compiled on first need: when a
/// text holds one of [`VILLAGE_TRIGGERS`].
pub(crate) const VILLAGES: (&str, &str) = (
    "places-indonesia-villages.tsv",
    include_str!("../../gazetteers/places-indonesia-villages.tsv"),
);

/// The words every alias of [`VILLAGES`] starts with (folded); a unit test
/// checks the file against them.
pub(crate) const VILLAGE_TRIGGERS: &[&str] =
    &["desa", "kelurahan", "kel", "kampung", "gampong", "nagari"];

/// How an alias treats letter case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AliasCase {
    /// The default: an alias with capitals matches those capitals or the
    /// all-caps form; an alias without capitals matches any case.
    Smart,
    /// Marked with `~`: matches in any case.
    Any,
}

/// When an alias may match at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Always.
    Open,
    /// Marked with `?`: only after the entity was found earlier in the same
    /// text through an open alias.
    Linked,
    /// Marked with `!`: only with one of these folded context phrases (the
    /// file's `@context`) within [`CONTEXT_WORDS`] words.
    Context(Arc<[String]>),
}

/// How many words before and after a `!` alias are searched for context.
pub(crate) const CONTEXT_WORDS: usize = 6;

/// One alias of an entity.
#[derive(Clone, Debug)]
pub(crate) struct Alias {
    pub(crate) text: String,
    pub(crate) case: AliasCase,
    pub(crate) gate: Gate,
    /// The file's `@not-after` phrases (folded): the alias does not match
    /// right after one of them.
    pub(crate) not_after: Option<Arc<[String]>>,
}

/// One entity line.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The full id, with the file's `@id-prefix`.
    pub(crate) id: String,
    pub(crate) canonical: String,
    pub(crate) label: Label,
    /// The canonical name first, then the other aliases as written, then
    /// the generated `@variants`.
    pub(crate) aliases: Vec<Alias>,
    /// Where the line's first field starts (1-based).
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// Decodes a gazetteer file's bytes, naming the first invalid byte.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let before = bytes.get(..valid).unwrap_or_default();
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = 1 + String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
            .chars()
            .count();
        Error::gazetteer(
            Location {
                file: file.to_string(),
                line,
                column,
            },
            Kind::InvalidUtf8 { byte_offset: valid },
        )
    })
}

/// Parses one gazetteer text. `file` names it in errors and in
/// [`Entity::source`](crate::Entity::source).
#[cfg(test)]
pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    parse_each(file, text, |e| {
        entries.push(e);
        Ok(())
    })?;
    Ok(entries)
}

/// Parses one gazetteer text and hands each entry to `on_entry` as soon as
/// its line is read (so a large gazetteer is never held twice); stops at
/// the first error, of the text or of `on_entry`. Locations for errors are
/// made only when there is one.
pub(crate) fn parse_each(
    file: &str,
    text: &str,
    mut on_entry: impl FnMut(Entry) -> Result<(), Error>,
) -> Result<(), Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut directives = Directives::default();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let at = |column: usize| Location {
            file: file.to_string(),
            line: index + 1,
            column,
        };
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = raw.len() - trimmed.len(); // blanks: ASCII or not, one char each
        let indent = raw.get(..indent).map_or(indent, |s| s.chars().count());
        if let Some(directive) = trimmed.strip_prefix('@') {
            directive_line(directive, trimmed, indent, &at, &mut directives)?;
        } else {
            let mut entry = entity_line(raw, indent + 1, &at, &directives)?;
            entry.line = index + 1;
            on_entry(entry)?;
        }
    }
    Ok(())
}

/// The most words and marks (runs of letters and digits, and single other
/// characters but blanks and hyphens) one alias may have: the matcher's
/// walks are as long as the longest alias.
pub(crate) const MAX_ALIAS_PIECES: usize = 64;

/// The alias texts of one line, for the duplicate check: a scan while they
/// are few, a hash set once they are many, so a line of tens of thousands
/// of aliases builds in linear time.
#[derive(Default)]
pub(super) struct AliasTexts {
    set: Option<HashSet<String>>,
}

impl AliasTexts {
    /// Up to this many aliases a scan is cheaper than hashing.
    const SCAN: usize = 16;

    /// Whether `text` is among `aliases` (the ones noted so far).
    pub(super) fn contains(&self, aliases: &[Alias], text: &str) -> bool {
        match &self.set {
            Some(set) => set.contains(text),
            None => aliases.iter().any(|a| a.text == text),
        }
    }

    /// Notes the alias just pushed onto `aliases`.
    pub(super) fn note(&mut self, aliases: &[Alias]) {
        match &mut self.set {
            Some(set) => {
                if let Some(a) = aliases.last() {
                    set.insert(a.text.clone());
                }
            }
            None if aliases.len() > Self::SCAN => {
                self.set = Some(aliases.iter().map(|a| a.text.clone()).collect());
            }
            None => {}
        }
    }
}
