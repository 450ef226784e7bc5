//! Building an [`Extractor`]: the builder's options, the gazetteer files
//! read and compiled in priority order (or the compiled defaults), ids
//! checked for duplicates.

use super::Extractor;
use super::Inner;
use super::Villages;
use super::TRIGGER;
use crate::error::{Error, Location};
use crate::gazetteer::{self, AliasCase, Entry, Gate};
use crate::matcher::{Matcher, MatcherBuilder, TooLarge};
use crate::types::{Case, Overlap, Record, Rule, RuleSet};
use once_cell::sync::OnceCell;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub(super) enum Source {
    Path(PathBuf),
    Text { name: String, text: String },
}

/// Configures and builds an [`Extractor`].
///
/// Setters take and return `&mut Self`; [`build`](Self::build) leaves the
/// builder as it was, so it can build again.
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    defaults: bool,
    sources: Vec<Source>,
    case: Case,
    overlap: Overlap,
    rules: RuleSet,
    /// Whether the default gazetteers may come from their compiled snapshot.
    snapshot: bool,
    /// Whether the learned tagger runs (with the default gazetteers).
    model: bool,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder {
            defaults: true,
            sources: Vec::new(),
            case: Case::Auto,
            overlap: Overlap::Flat,
            rules: RuleSet::default(),
            snapshot: true,
            model: true,
        }
    }
}

impl ExtractorBuilder {
    /// Whether the default gazetteers may be read from their compiled form
    /// (on by default). The embedded gazetteers ship both as text and
    /// compiled; the compiled form loads in a few milliseconds instead of
    /// tens and is used when the default gazetteers are the only ones, with
    /// smart case. `false` parses the text instead: the extractor is the
    /// same, only slower to build (for benchmarks and checks).
    pub fn compiled_defaults(&mut self, yes: bool) -> &mut Self {
        self.snapshot = yes;
        self
    }

    /// Whether the learned tagger adds the people, organizations and
    /// places it finds where the gazetteers and rules found nothing (on by
    /// default; source `model:tagger`, with a score, see
    /// [`EntityRef::score`](crate::EntityRef::score)). It runs only with the default gazetteers,
    /// whose matches it was trained on, and not with every rule off
    /// ([`rules(false)`](Self::rules): gazetteer matches only); it never
    /// moves or removes the gazetteers' entities or the rules'.
    pub fn model(&mut self, yes: bool) -> &mut Self {
        self.model = yes;
        self
    }

    /// Whether to include the gazetteers embedded in the library (default:
    /// yes). User gazetteers take priority over them either way.
    pub fn default_gazetteers(&mut self, yes: bool) -> &mut Self {
        self.defaults = yes;
        self
    }

    /// Adds a gazetteer file, or every `.tsv` file of a folder (in name
    /// order). Files are read by [`build`](Self::build).
    pub fn gazetteer_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.sources.push(Source::Path(path.as_ref().to_path_buf()));
        self
    }

    /// Adds gazetteer text in the file format; `name` stands for the file
    /// name in errors and in [`Entity::source`](crate::Entity::source).
    pub fn gazetteer_text(&mut self, name: &str, text: &str) -> &mut Self {
        self.sources.push(Source::Text {
            name: name.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// How letter case decides a match (default [`Case::Auto`]: by the
    /// evidence of each line).
    pub fn case(&mut self, case: Case) -> &mut Self {
        self.case = case;
        self
    }

    /// What to do with overlapping mentions (default [`Overlap::Flat`]).
    pub fn overlap(&mut self, overlap: Overlap) -> &mut Self {
        self.overlap = overlap;
        self
    }

    /// Switches one rule of the rule stage on or off (all are on by
    /// default). See [`Rule`].
    pub fn rule(&mut self, rule: Rule, on: bool) -> &mut Self {
        self.rules.set(rule, on);
        self
    }

    /// Switches every rule off (`false`) or on (`true`): with them off,
    /// only gazetteer matches are reported.
    pub fn rules(&mut self, on: bool) -> &mut Self {
        self.rules = if on {
            RuleSet::default()
        } else {
            RuleSet::none()
        };
        self
    }

    /// Reads and compiles the gazetteers.
    ///
    /// # Errors
    /// [`Error::Io`] for a file or folder that cannot be read,
    /// [`Error::EmptyFolder`], [`Error::Gazetteer`] for a malformed line
    /// (with its `file:line:column`), [`Error::DuplicateId`] when two
    /// entities share an id.
    pub fn build(&self) -> Result<Extractor, Error> {
        // The snapshot is compiled with smart case; auto case compiles the
        // same matcher and decides at match time.
        let compiled_case = matches!(self.case, Case::Smart | Case::Auto);
        if self.snapshot && self.defaults && self.sources.is_empty() && compiled_case {
            if let Some((records, matcher)) = crate::snapshot::read(crate::snapshot::EMBEDDED) {
                return Ok(self.finish(records, matcher.with_case(self.case)));
            }
        }
        // Names and texts borrowed where they already live (the builder,
        // the embedded files); only files read from disk are owned.
        let mut files: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
        for source in &self.sources {
            match source {
                Source::Text { name, text } => files.push((name.into(), text.into())),
                Source::Path(path) => read_path(path, &mut files)?,
            }
        }
        if self.defaults {
            for &(name, text) in gazetteer::DEFAULTS {
                files.push((name.into(), text.into()));
            }
        }
        let (records, mut matcher) = compile(&files, self.case)?;
        if self.defaults {
            for word in gazetteer::VILLAGE_TRIGGERS {
                matcher
                    .add(TRIGGER, word, AliasCase::Any, &Gate::Open, None)
                    .map_err(too_large)?;
            }
        }
        let matcher = matcher.build();
        Ok(self.finish(records, matcher))
    }

    fn finish(&self, records: Vec<Record>, matcher: Matcher) -> Extractor {
        Extractor {
            inner: Arc::new(Inner {
                records,
                matcher,
                villages: self.defaults.then(|| Villages {
                    case: self.case,
                    compiled: OnceCell::new(),
                }),
                overlap: self.overlap,
                rules: self.rules,
                model: if self.model && self.defaults && !self.rules.is_empty() {
                    crate::model::DEFAULT.as_ref()
                } else {
                    None
                },
            }),
        }
    }
}

/// Parses and compiles gazetteer files (in priority order) into the entity
/// table and a matcher builder.
pub(super) fn compile(
    files: &[(Cow<'_, str>, Cow<'_, str>)],
    case: Case,
) -> Result<(Vec<Record>, MatcherBuilder), Error> {
    let mut records: Vec<Record> = Vec::new();
    // Where each record's line is: (file, line, column), for errors.
    let mut positions: Vec<(usize, usize, usize)> = Vec::new();
    let mut ids = IdIndex::default();
    let mut matcher = MatcherBuilder::new(case);
    for (file, (name, text)) in files.iter().enumerate() {
        let source = crate::types::interned(&format!("gazetteer:{}", stem(name)));
        gazetteer::parse_each(name, text, |entry| {
            let Entry {
                id,
                canonical,
                label,
                aliases,
                line,
                column,
            } = entry;
            if let Some(first) = ids.get(&id, &records) {
                let location = |(f, line, column): (usize, usize, usize)| Location {
                    file: files
                        .get(f)
                        .map_or_else(String::new, |(n, _)| n.to_string()),
                    line,
                    column,
                };
                let first_at = positions.get(first as usize).copied().unwrap_or_default();
                return Err(Error::DuplicateId {
                    id,
                    at: location((file, line, column)),
                    first: location(first_at),
                });
            }
            let index = u32::try_from(records.len()).map_err(|_| too_large(TooLarge))?;
            ids.insert(&id, index);
            for alias in &aliases {
                matcher
                    .add(
                        index,
                        &alias.text,
                        alias.case,
                        &alias.gate,
                        alias.not_after.as_ref(),
                    )
                    .map_err(too_large)?;
            }
            positions.push((file, line, column));
            records.push(Record {
                id: id.into(),
                canonical: canonical.into(),
                label,
                source: source.clone(),
            });
            Ok(())
        })?;
    }
    Ok((records, matcher))
}

pub(super) fn too_large(e: TooLarge) -> Error {
    Error::TooLarge {
        message: e.to_string(),
    }
}

/// Reads a gazetteer file, or the `.tsv` files of a folder, into `files`.
pub(super) fn read_path(
    path: &Path,
    files: &mut Vec<(Cow<'_, str>, Cow<'_, str>)>,
) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "tsv"))
            .collect();
        if found.is_empty() {
            return Err(Error::EmptyFolder {
                path: path.to_path_buf(),
            });
        }
        found.sort();
        for file in found {
            read_path(&file, files)?;
        }
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path.display().to_string();
    let text = gazetteer::decode(&name, &bytes)?.to_string();
    files.push((name.into(), text.into()));
    Ok(())
}

/// The record of each id, for duplicate detection, without a second copy
/// of every id: records by id hash, and by the id itself only for the rare
/// id whose hash an earlier id already has.
#[derive(Default)]
struct IdIndex {
    by_hash: HashMap<u64, u32>,
    collided: HashMap<String, u32>,
}

impl IdIndex {
    /// The record that already has `id`.
    fn get(&self, id: &str, records: &[Record]) -> Option<u32> {
        match self.by_hash.get(&hash_id(id)) {
            Some(&i) if records.get(i as usize).is_some_and(|r| *r.id == *id) => Some(i),
            Some(_) => self.collided.get(id).copied(),
            None => None,
        }
    }

    /// Notes that record `index` has `id` (not yet in the index).
    fn insert(&mut self, id: &str, index: u32) {
        match self.by_hash.entry(hash_id(id)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(id.to_string(), index);
            }
        }
    }
}

/// A hash of an entity id, for duplicate detection.
fn hash_id(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// The file name without folders and without a `.tsv` extension.
pub(super) fn stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".tsv").unwrap_or(base)
}
