//! Errors: one type for everything that can go wrong while building an
//! [`Extractor`](crate::Extractor), each gazetteer error with its location.

use std::fmt;
use std::path::PathBuf;

/// The directives of the gazetteer format, in the order the docs give them:
/// the one table the parser checks a directive against and the error for
/// an unknown one lists.
pub(crate) const DIRECTIVES: &[&str] = &[
    "label",
    "custom-label",
    "id-prefix",
    "context",
    "not-after",
    "variants",
];

/// A place in a gazetteer: file (or the name given to in-memory text),
/// 1-based line and 1-based column counted in Unicode scalar values.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file path, or the name given to in-memory gazetteer text.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in chars (Unicode scalar values).
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// What is wrong with a gazetteer line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GazetteerErrorKind {
    /// The file is not valid UTF-8; the offset is counted in bytes from the
    /// start of the file.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        byte_offset: usize,
    },
    /// An entity line appeared before any `@label` directive.
    NoLabel,
    /// `@label X` names a label that is not built in; custom labels are
    /// declared with `@custom-label X`.
    UnknownLabel(String),
    /// A label name that is not `[A-Z][A-Z0-9_]*`.
    BadLabelName(String),
    /// A directive that the format does not define.
    UnknownDirective(String),
    /// A directive without its value (`@label` alone).
    MissingDirectiveValue(String),
    /// An entity line with fewer than two tab-separated fields.
    BadFieldCount {
        /// How many fields the line has.
        found: usize,
    },
    /// The id field is empty.
    EmptyId,
    /// The id contains whitespace.
    WhitespaceInId(String),
    /// The canonical name is empty.
    EmptyCanonical,
    /// An alias field is empty (two tabs in a row, or a trailing tab).
    EmptyAlias,
    /// The same alias twice on one line.
    DuplicateAlias(String),
    /// An alias of more than 64 words and marks (runs of letters and
    /// digits, single other characters but blanks and hyphens): matching
    /// time grows with the longest alias, so the format caps it.
    AliasTooLong {
        /// The alias's words and marks.
        pieces: usize,
        /// The most an alias may have.
        max: usize,
    },
    /// An alias that starts with a reserved marker (`=`), or a marker the
    /// canonical name cannot have (`?`, `!`); write `\=` for a literal one.
    ReservedMarker(char),
    /// A `!` alias before any `@context` directive.
    NoContext,
    /// `@variants` with a name other than `designator`, `spelling`, `none`.
    UnknownVariant(String),
    /// An alias that contains no letter or digit, so it can never be
    /// delimited as a name.
    NoWordCharacter(String),
}

impl fmt::Display for GazetteerErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidUtf8 { byte_offset } => {
                write!(f, "invalid UTF-8 at byte offset {byte_offset}")
            }
            Self::NoLabel => write!(f, "entity line before any @label directive"),
            Self::UnknownLabel(l) => write!(
                f,
                "unknown label `{l}` (built-in labels: PERSON, ORGANIZATION, COUNTRY, LOCATION, WEAPON; \
                 declare others with `@custom-label {l}`)"
            ),
            Self::BadLabelName(l) => {
                write!(f, "bad label name `{l}` (expected upper-case A-Z, 0-9 and _)")
            }
            Self::UnknownDirective(d) => {
                write!(f, "unknown directive `{d}` (known:")?;
                for (i, name) in DIRECTIVES.iter().enumerate() {
                    write!(f, "{} @{name}", if i == 0 { "" } else { "," })?;
                }
                write!(f, ")")
            }
            Self::MissingDirectiveValue(d) => write!(f, "directive `{d}` needs a value"),
            Self::BadFieldCount { found } => write!(
                f,
                "bad field count: expected id<TAB>canonical[<TAB>alias...], found {found} field{}",
                if *found == 1 { "" } else { "s" }
            ),
            Self::EmptyId => write!(f, "empty id"),
            Self::WhitespaceInId(id) => write!(f, "whitespace in id `{id}`"),
            Self::EmptyCanonical => write!(f, "empty canonical name"),
            Self::EmptyAlias => write!(f, "empty alias"),
            Self::DuplicateAlias(a) => write!(f, "duplicate alias `{a}` on this line"),
            Self::AliasTooLong { pieces, max } => write!(
                f,
                "alias of {pieces} words and marks (at most {max}: matching time grows with the longest alias)"
            ),
            Self::ReservedMarker(c) => write!(
                f,
                "alias starts with reserved marker `{c}` (write `\\{c}` for a literal `{c}`)"
            ),
            Self::NoContext => write!(f, "`!` context alias before any @context directive"),
            Self::UnknownVariant(v) => write!(
                f,
                "unknown variant `{v}` (known: designator, spelling, none)"
            ),
            Self::NoWordCharacter(a) => write!(f, "alias `{a}` has no letter or digit"),
        }
    }
}

/// The error type of everything fallible in this crate: building an
/// [`Extractor`](crate::Extractor) from gazetteers.
///
/// Messages are one line, lower case, and name the file, line and column
/// where there is one: `gazetteers/lokasi.tsv:14:9: empty alias`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer file or folder could not be read.
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A folder given as a gazetteer holds no `.tsv` file.
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// A malformed gazetteer line.
    Gazetteer {
        /// Where.
        at: Location,
        /// What is wrong.
        kind: GazetteerErrorKind,
    },
    /// The gazetteers are too large for the automaton.
    TooLarge {
        /// What the automaton builder said.
        message: String,
    },
    /// Two entities with the same id (after the `@id-prefix` is applied).
    DuplicateId {
        /// The id.
        id: String,
        /// The second definition.
        at: Location,
        /// The first definition.
        first: Location,
    },
}

impl Error {
    pub(crate) fn gazetteer(at: Location, kind: GazetteerErrorKind) -> Self {
        Error::Gazetteer { at, kind }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::EmptyFolder { path } => {
                write!(f, "{}: folder holds no .tsv gazetteer file", path.display())
            }
            Error::Gazetteer { at, kind } => write!(f, "{at}: {kind}"),
            Error::TooLarge { message } => write!(f, "gazetteers too large: {message}"),
            Error::DuplicateId { id, at, first } => {
                write!(f, "{at}: duplicate id `{id}` (first defined at {first})")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
