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

use crate::error::{Error, GazetteerErrorKind as Kind, Location};
use crate::normalize::fold_lower;
use crate::types::Label;
use std::sync::Arc;

/// The gazetteers embedded in the library, in priority order: on a tie
/// (same span, same length) the earlier file wins. `gazetteers/README.md`
/// says what each holds; `places-indonesia-villages.tsv` is shipped but not
/// embedded (83k villages: +0.3 s build, +100 MB; the `Desa X` head-noun
/// rule finds villages without it).
pub(crate) const DEFAULTS: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../gazetteers/countries.tsv")),
    (
        "organizations-world.tsv",
        include_str!("../gazetteers/organizations-world.tsv"),
    ),
    (
        "organizations-indonesia.tsv",
        include_str!("../gazetteers/organizations-indonesia.tsv"),
    ),
    ("persons.tsv", include_str!("../gazetteers/persons.tsv")),
    ("locations.tsv", include_str!("../gazetteers/locations.tsv")),
    (
        "places-indonesia.tsv",
        include_str!("../gazetteers/places-indonesia.tsv"),
    ),
    ("weapons.tsv", include_str!("../gazetteers/weapons.tsv")),
    (
        "weapons-ships.tsv",
        include_str!("../gazetteers/weapons-ships.tsv"),
    ),
    (
        "places-world.tsv",
        include_str!("../gazetteers/places-world.tsv"),
    ),
    (
        "places-indonesia-gated.tsv",
        include_str!("../gazetteers/places-indonesia-gated.tsv"),
    ),
];

/// The villages (desa, kelurahan): 65,635 entities whose every alias starts
/// with a trigger word (`Desa X`, `Kelurahan X`). Too many to compile with
/// the defaults at every start, they are compiled on first need: when a
/// text holds one of [`VILLAGE_TRIGGERS`].
pub(crate) const VILLAGES: (&str, &str) = (
    "places-indonesia-villages.tsv",
    include_str!("../gazetteers/places-indonesia-villages.tsv"),
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

/// What the directives seen so far in a file say.
#[derive(Default)]
struct Directives {
    label: Option<Label>,
    prefix: Option<String>,
    context: Option<Arc<[String]>>,
    not_after: Option<Arc<[String]>>,
    designators: bool,
    spelling: bool,
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

fn directive_line(
    directive: &str,
    trimmed: &str,
    indent: usize,
    at: &dyn Fn(usize) -> Location,
    d: &mut Directives,
) -> Result<(), Error> {
    let name_end = directive
        .find(char::is_whitespace)
        .unwrap_or(directive.len());
    let (name, after) = directive.split_at(name_end);
    let value = after.trim();
    // 1 for the `@`, then the name, then the blanks before the value.
    let value_byte = 1 + name_end + (after.len() - after.trim_start().len());
    let value_at = at(indent + 1 + trimmed.get(..value_byte).map_or(0, |s| s.chars().count()));
    let fail = |kind| Err(Error::gazetteer(at(indent + 1), kind));
    if !matches!(
        name,
        "label" | "custom-label" | "id-prefix" | "context" | "not-after" | "variants"
    ) {
        return fail(Kind::UnknownDirective(format!("@{name}")));
    }
    if value.is_empty() {
        return fail(Kind::MissingDirectiveValue(format!("@{name}")));
    }
    match name {
        "label" | "custom-label" => {
            if !Label::is_valid_name(value) {
                return Err(Error::gazetteer(value_at, Kind::BadLabelName(value.into())));
            }
            let label = match Label::from_name(value) {
                Label::Custom(_) => Label::Custom(crate::types::interned(value)),
                built_in => built_in,
            };
            if name == "label" && matches!(label, Label::Custom(_)) {
                return Err(Error::gazetteer(value_at, Kind::UnknownLabel(value.into())));
            }
            d.label = Some(label);
        }
        "id-prefix" => {
            if value.contains(char::is_whitespace) {
                return Err(Error::gazetteer(
                    value_at,
                    Kind::WhitespaceInId(value.into()),
                ));
            }
            d.prefix = Some(value.to_string());
        }
        "context" | "not-after" => {
            let phrases: Vec<String> = value
                .split('|')
                .map(fold_lower)
                .filter(|p| !p.is_empty())
                .collect();
            if name == "not-after" && value == "none" {
                d.not_after = None;
            } else if phrases.is_empty() {
                return fail(Kind::MissingDirectiveValue(format!("@{name}")));
            } else if name == "context" {
                d.context = Some(phrases.into());
            } else {
                d.not_after = Some(phrases.into());
            }
        }
        _ => {
            d.designators = false;
            d.spelling = false;
            for variant in value.split_whitespace() {
                match variant {
                    "designator" => d.designators = true,
                    "spelling" => d.spelling = true,
                    "none" => {}
                    other => {
                        return Err(Error::gazetteer(
                            value_at,
                            Kind::UnknownVariant(other.into()),
                        ))
                    }
                }
            }
        }
    }
    Ok(())
}

fn entity_line(
    raw: &str,
    line_column: usize,
    at: &dyn Fn(usize) -> Location,
    d: &Directives,
) -> Result<Entry, Error> {
    let Some(label) = d.label.clone() else {
        return Err(Error::gazetteer(at(line_column), Kind::NoLabel));
    };
    // Fields with their byte offsets in the line; columns (in chars) are
    // counted only for an error.
    let column = |byte: usize| raw.get(..byte).map_or(byte, |s| s.chars().count()) + 1;
    let mut fields: Vec<(&str, usize)> = Vec::with_capacity(8);
    let mut byte = 0;
    for field in raw.split('\t') {
        fields.push((field, byte));
        byte += field.len() + 1;
    }
    let [(id, id_byte), (canonical, canonical_byte), rest @ ..] = fields.as_slice() else {
        return Err(Error::gazetteer(
            at(1),
            Kind::BadFieldCount {
                found: fields.len(),
            },
        ));
    };
    let id = id.trim();
    if id.is_empty() {
        return Err(Error::gazetteer(at(column(*id_byte)), Kind::EmptyId));
    }
    if id.contains(char::is_whitespace) {
        return Err(Error::gazetteer(
            at(column(*id_byte)),
            Kind::WhitespaceInId(id.into()),
        ));
    }
    let mut aliases: Vec<Alias> = Vec::with_capacity(rest.len() + 1);
    for (n, (field, field_byte)) in std::iter::once((canonical, canonical_byte))
        .chain(rest.iter().map(|(f, c)| (f, c)))
        .enumerate()
    {
        let lead = field.len() - field.trim_start().len();
        let location = || at(column(field_byte + lead));
        let alias = parse_alias(field.trim(), n == 0, &location, d)?;
        if aliases.iter().any(|a| a.text == alias.text) {
            return Err(Error::gazetteer(
                location(),
                Kind::DuplicateAlias(alias.text),
            ));
        }
        aliases.push(alias);
    }
    let canonical = aliases.first().map(|a| a.text.clone()).unwrap_or_default();
    add_variants(&mut aliases, d);
    let id = match &d.prefix {
        Some(p) => format!("{p}{id}"),
        None => format!("{}:{id}", label.as_str().to_ascii_lowercase()),
    };
    Ok(Entry {
        id,
        canonical,
        label,
        aliases,
        line: 0,
        column: line_column,
    })
}

fn parse_alias(
    field: &str,
    canonical: bool,
    at: &dyn Fn() -> Location,
    d: &Directives,
) -> Result<Alias, Error> {
    let empty = if canonical {
        Kind::EmptyCanonical
    } else {
        Kind::EmptyAlias
    };
    let mut text = field;
    let mut case = AliasCase::Smart;
    let mut gate = Gate::Open;
    // Markers, in any order, each at most once; `\` ends them.
    loop {
        let mut chars = text.chars();
        match chars.next() {
            Some('~') if case == AliasCase::Smart => case = AliasCase::Any,
            Some('?') if gate == Gate::Open && !canonical => gate = Gate::Linked,
            Some('!') if gate == Gate::Open && !canonical => match &d.context {
                Some(c) => gate = Gate::Context(Arc::clone(c)),
                None => return Err(Error::gazetteer(at(), Kind::NoContext)),
            },
            Some('\\') => {
                text = chars.as_str();
                break;
            }
            Some(c @ ('?' | '!' | '=')) => {
                return Err(Error::gazetteer(at(), Kind::ReservedMarker(c)))
            }
            _ => break,
        }
        text = chars.as_str();
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::gazetteer(at(), empty));
    }
    // Checked on the folded form: a lone combining mark folds to nothing.
    let has_word_char = if text.is_ascii() {
        text.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        fold_lower(text).chars().any(crate::normalize::is_word_char)
    };
    if !has_word_char {
        return Err(Error::gazetteer(at(), Kind::NoWordCharacter(text.into())));
    }
    Ok(Alias {
        text: text.to_string(),
        case,
        gate,
        not_after: d.not_after.clone(),
    })
}

/// Adds the `@variants` of every alias, after the written ones.
fn add_variants(aliases: &mut Vec<Alias>, d: &Directives) {
    if !d.designators && !d.spelling {
        return;
    }
    let written = aliases.len();
    for i in 0..written {
        let Some(alias) = aliases.get(i) else { break };
        let mut variants = Vec::new();
        if d.designators {
            variants.extend(designator_variants(&alias.text));
        }
        if d.spelling {
            variants.extend(modern_spelling(&alias.text));
        }
        let (case, gate, not_after) = (alias.case, alias.gate.clone(), alias.not_after.clone());
        for text in variants {
            if !aliases.iter().any(|a| a.text == text) {
                aliases.push(Alias {
                    text,
                    case,
                    gate: gate.clone(),
                    not_after: not_after.clone(),
                });
            }
        }
    }
}

/// `S-400` → `S 400`, `S400`: every junction of a letter and a digit,
/// joined by `-`, a space or nothing, in the other two forms (at most two
/// junctions per alias).
pub(crate) fn designator_variants(alias: &str) -> Vec<String> {
    let chars: Vec<char> = alias.chars().collect();
    // Junctions: (index of the letter, length of the separator).
    let mut junctions = Vec::new();
    for (i, pair) in chars.windows(3).enumerate() {
        if let [a, sep, digit] = pair {
            if a.is_alphabetic() && matches!(sep, '-' | ' ') && digit.is_ascii_digit() {
                junctions.push((i, 1));
            }
        }
    }
    for (i, pair) in chars.windows(2).enumerate() {
        if let [a, digit] = pair {
            if a.is_alphabetic() && digit.is_ascii_digit() {
                junctions.push((i, 0));
            }
        }
    }
    junctions.sort_unstable();
    junctions.truncate(2);
    let mut out: Vec<String> = vec![String::new()];
    let mut next = 0;
    for &(letter, sep_len) in &junctions {
        let head: String = chars
            .get(next..=letter)
            .unwrap_or_default()
            .iter()
            .collect();
        out = out
            .iter()
            .flat_map(|prefix| ["-", " ", ""].map(|sep| format!("{prefix}{head}{sep}")))
            .collect();
        next = letter + 1 + sep_len;
    }
    let tail: String = chars.get(next..).unwrap_or_default().iter().collect();
    out.into_iter()
        .map(|prefix| prefix + &tail)
        .filter(|v| v != alias)
        .collect()
}

/// Old Indonesian spelling (before 1972) to the modern one: `oe` → `u`,
/// `dj` → `j`, `tj` → `c`, `sj` → `sy`, `nj` → `ny`, and a remaining `j` →
/// `y`. Only for aliases that show an old digraph (`oe`, `dj`, `tj`, `sj`):
/// `Soekarno` → `Sukarno`, `Tjahjo Kumolo` → `Cahyo Kumolo`.
pub(crate) fn modern_spelling(alias: &str) -> Option<String> {
    let lower = alias.to_lowercase();
    if !["oe", "dj", "tj", "sj"].iter().any(|d| lower.contains(d)) {
        return None;
    }
    let chars: Vec<char> = alias.chars().collect();
    let mut out = String::with_capacity(alias.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).map(|n| n.to_ascii_lowercase());
        let upper = c.is_uppercase();
        let whole_upper = upper && chars.get(i + 1).is_some_and(|n| n.is_uppercase());
        let cased = |s: &str| {
            if whole_upper {
                s.to_uppercase()
            } else if upper {
                let mut cs = s.chars();
                cs.next()
                    .map(|f| f.to_uppercase().chain(cs).collect())
                    .unwrap_or_default()
            } else {
                s.to_string()
            }
        };
        let (replacement, used) = match (c.to_ascii_lowercase(), next) {
            ('o', Some('e')) => (cased("u"), 2),
            ('d', Some('j')) => (cased("j"), 2),
            ('t', Some('j')) => (cased("c"), 2),
            ('s', Some('j')) => (cased("sy"), 2),
            ('n', Some('j')) => (cased("ny"), 2),
            ('j', _) => (cased("y"), 1),
            _ => (c.to_string(), 1),
        };
        out.push_str(&replacement);
        i += used;
    }
    (out != alias).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse("t.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn parses_entities_directives_and_markers() {
        let text = "\u{feff}# comment\r\n@label COUNTRY\r\n\r\nIRN\tIran\tPersia\r\n@label ORGANIZATION\n@id-prefix org:\nUN\tPerserikatan Bangsa-Bangsa\tPBB\t~Perserikatan bangsa-bangsa\n";
        let e = parse("t.tsv", text).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].id, "country:IRN");
        assert_eq!(e[0].label, Label::Country);
        assert_eq!(e[0].canonical, "Iran");
        assert_eq!(e[0].aliases.len(), 2);
        assert_eq!(e[0].line, 4);
        assert_eq!(e[1].id, "org:UN");
        assert_eq!(e[1].aliases[2].case, AliasCase::Any);
        assert_eq!(e[1].aliases[2].text, "Perserikatan bangsa-bangsa");
    }

    #[test]
    fn markers_and_variants() {
        let text = "@label WEAPON\n@context rudal|Sistem Pertahanan\n@variants designator\nS-400\tS-400\t!Triumf\t?Sa\t\\?Q\n@variants none\nX\tF-16\n";
        let e = parse("t.tsv", text).unwrap();
        let a: Vec<(&str, &Gate)> = e[0]
            .aliases
            .iter()
            .map(|a| (a.text.as_str(), &a.gate))
            .collect();
        let ctx: Arc<[String]> = vec!["rudal".to_string(), "sistem pertahanan".to_string()].into();
        assert_eq!(
            a,
            [
                ("S-400", &Gate::Open),
                ("Triumf", &Gate::Context(ctx)),
                ("Sa", &Gate::Linked),
                ("?Q", &Gate::Open),
                ("S 400", &Gate::Open),
                ("S400", &Gate::Open),
            ]
        );
        assert_eq!(e[1].aliases.len(), 1);
    }

    #[test]
    fn designator_variants_cover_three_forms() {
        assert_eq!(
            designator_variants("Shahed-136"),
            ["Shahed 136", "Shahed136"]
        );
        assert_eq!(designator_variants("F16"), ["F-16", "F 16"]);
        assert_eq!(
            designator_variants("MQ-9 Reaper"),
            ["MQ 9 Reaper", "MQ9 Reaper"]
        );
        assert_eq!(designator_variants("Iskander-M"), Vec::<String>::new());
        assert_eq!(designator_variants("Kh-101 dan S-400").len(), 8);
    }

    #[test]
    fn old_spelling_becomes_modern() {
        assert_eq!(modern_spelling("Soekarno").as_deref(), Some("Sukarno"));
        assert_eq!(
            modern_spelling("Tjahjo Kumolo").as_deref(),
            Some("Cahyo Kumolo")
        );
        assert_eq!(
            modern_spelling("Djarot Saiful Hidayat").as_deref(),
            Some("Jarot Saiful Hidayat")
        );
        assert_eq!(modern_spelling("SOEHARTO").as_deref(), Some("SUHARTO"));
        assert_eq!(modern_spelling("Joko Widodo"), None);
    }

    #[test]
    fn custom_labels_must_be_declared() {
        let e = parse("t.tsv", "@custom-label PARTY_X\nx\tPartai X\n").unwrap();
        assert_eq!(e[0].label.as_str(), "PARTY_X");
        assert_eq!(e[0].id, "party_x:x");
    }

    #[test]
    fn errors_name_line_and_column() {
        assert_eq!(
            err("X\tY\n"),
            "t.tsv:1:1: entity line before any @label directive"
        );
        assert_eq!(
            err("@label PERSN\n"),
            "t.tsv:1:8: unknown label `PERSN` (built-in labels: PERSON, ORGANIZATION, COUNTRY, LOCATION, WEAPON; declare others with `@custom-label PERSN`)"
        );
        assert_eq!(
            err("@label COUNTRY\nIRN Iran\n"),
            "t.tsv:2:1: bad field count: expected id<TAB>canonical[<TAB>alias...], found 1 field"
        );
        assert_eq!(
            err("@label COUNTRY\nIRN\tIran\t\n"),
            "t.tsv:2:10: empty alias"
        );
        assert_eq!(
            err("@label COUNTRY\nIRN\t\tIran\n"),
            "t.tsv:2:5: empty canonical name"
        );
        assert_eq!(err("@label COUNTRY\n\tIran\n"), "t.tsv:2:1: empty id");
        assert_eq!(
            err("@label COUNTRY\nIRN\tIran\tIran\n"),
            "t.tsv:2:10: duplicate alias `Iran` on this line"
        );
        assert_eq!(err("@lable COUNTRY\n"), "t.tsv:1:1: unknown directive `@lable` (known: @label, @custom-label, @id-prefix, @context, @variants)");
        assert_eq!(
            err("@label\n"),
            "t.tsv:1:1: directive `@label` needs a value"
        );
        assert_eq!(
            err("@label COUNTRY\nX\t--\n"),
            "t.tsv:2:3: alias `--` has no letter or digit"
        );
        assert_eq!(
            err("@label COUNTRY\nX\tY\t=Z\n"),
            "t.tsv:2:5: alias starts with reserved marker `=` (write `\\=` for a literal `=`)"
        );
        assert_eq!(
            err("@label COUNTRY\nX\t?Y\n"),
            "t.tsv:2:3: alias starts with reserved marker `?` (write `\\?` for a literal `?`)"
        );
        assert_eq!(
            err("@label WEAPON\nX\tY\t!Z\n"),
            "t.tsv:2:5: `!` context alias before any @context directive"
        );
        assert_eq!(
            err("@variants designators\n"),
            "t.tsv:1:11: unknown variant `designators` (known: designator, spelling, none)"
        );
    }

    #[test]
    fn invalid_utf8_names_line_column_and_byte() {
        let bytes = b"@label COUNTRY\nIRN\tIr\xffan\n";
        let e = decode("t.tsv", bytes).unwrap_err().to_string();
        assert_eq!(e, "t.tsv:2:7: invalid UTF-8 at byte offset 21");
    }

    #[test]
    fn place_files_share_the_curated_not_after_list() {
        let curated = std::fs::read_to_string("gazetteers/curated/not-after-places.txt")
            .expect("the curated list");
        let phrases: Vec<&str> = curated
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let line = format!("@not-after {}", phrases.join("|"));
        for (name, text) in DEFAULTS {
            if matches!(
                *name,
                "locations.tsv" | "places-indonesia.tsv" | "places-world.tsv"
            ) {
                assert!(text.lines().any(|l| l == line), "{name} lacks `{line}`");
            }
        }
    }

    #[test]
    fn not_after_directive() {
        let e = parse(
            "t.tsv",
            "@label LOCATION\n@not-after Jalan|Jl.\nx\tX\n@not-after none\ny\tY\n",
        )
        .unwrap();
        let phrases = e[0].aliases[0].not_after.as_deref().expect("phrases");
        assert_eq!(phrases, ["jalan".to_string(), "jl.".to_string()]);
        assert!(e[1].aliases[0].not_after.is_none());
        let err = parse("t.tsv", "@label LOCATION\n@not-after |\n").unwrap_err();
        assert!(err.to_string().contains("t.tsv:2:"), "{err}");
    }

    #[test]
    fn every_village_alias_starts_with_a_trigger_word() {
        let (name, text) = VILLAGES;
        let mut n = 0;
        parse_each(name, text, |e| {
            for a in &e.aliases {
                let folded = fold_lower(&a.text);
                let first = folded
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or_default();
                assert!(VILLAGE_TRIGGERS.contains(&first), "{}: {}", e.id, a.text);
                n += 1;
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(n > 100_000, "{n} aliases");
    }

    #[test]
    fn default_gazetteers_parse() {
        for (name, text) in DEFAULTS {
            let entries = parse(name, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!entries.is_empty(), "{name} is empty");
        }
    }
}
