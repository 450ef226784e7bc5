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
//! separated by tabs. The canonical name is an alias too. An alias that
//! starts with `~` matches in any letter case.

use crate::error::{Error, GazetteerErrorKind as Kind, Location};
use crate::output::Label;

/// The gazetteers embedded in the library, in priority order.
pub(crate) const DEFAULTS: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../gazetteers/countries.tsv"),
    ),
    (
        "organizations.tsv",
        include_str!("../gazetteers/organizations.tsv"),
    ),
    ("locations.tsv", include_str!("../gazetteers/locations.tsv")),
    ("persons.tsv", include_str!("../gazetteers/persons.tsv")),
    ("weapons.tsv", include_str!("../gazetteers/weapons.tsv")),
];

/// How an alias treats letter case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AliasCase {
    /// The default: an alias with capitals matches those capitals or the
    /// all-caps form; an alias without capitals matches any case.
    Smart,
    /// Marked with `~`: matches in any case.
    Any,
}

/// One alias of an entity, as written in the file.
#[derive(Clone, Debug)]
pub(crate) struct Alias {
    pub(crate) text: String,
    pub(crate) case: AliasCase,
}

/// One entity line.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The full id, with the file's `@id-prefix`.
    pub(crate) id: String,
    pub(crate) canonical: String,
    pub(crate) label: Label,
    /// The canonical name first, then the other aliases.
    pub(crate) aliases: Vec<Alias>,
    pub(crate) at: Location,
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
            Kind::InvalidUtf8 {
                byte_offset: valid,
            },
        )
    })
}

/// Parses one gazetteer text. `file` names it in errors and in
/// [`Entity::source`](crate::Entity::source).
pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Entry>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut label: Option<Label> = None;
    let mut prefix: Option<String> = None;
    let mut entries = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let at = |column: usize| Location {
            file: file.to_string(),
            line,
            column,
        };
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = raw.chars().count() - trimmed.chars().count();
        if let Some(directive) = trimmed.strip_prefix('@') {
            let name_end = directive
                .find(char::is_whitespace)
                .unwrap_or(directive.len());
            let (name, after) = directive.split_at(name_end);
            let value = after.trim();
            // 1 for the `@`, then the name, then the blanks before the value.
            let value_byte = 1 + name_end + (after.len() - after.trim_start().len());
            let value_col =
                indent + 1 + trimmed.get(..value_byte).map_or(0, |s| s.chars().count());
            if !matches!(name, "label" | "custom-label" | "id-prefix") {
                return Err(Error::gazetteer(
                    at(indent + 1),
                    Kind::UnknownDirective(format!("@{name}")),
                ));
            }
            if value.is_empty() {
                return Err(Error::gazetteer(
                    at(indent + 1),
                    Kind::MissingDirectiveValue(format!("@{name}")),
                ));
            }
            match name {
                "label" | "custom-label" => {
                    if !Label::is_valid_name(value) {
                        return Err(Error::gazetteer(
                            at(value_col),
                            Kind::BadLabelName(value.to_string()),
                        ));
                    }
                    let l = Label::from_name(value);
                    if name == "label" && matches!(l, Label::Custom(_)) {
                        return Err(Error::gazetteer(
                            at(value_col),
                            Kind::UnknownLabel(value.to_string()),
                        ));
                    }
                    label = Some(l);
                }
                _ => {
                    if value.contains(char::is_whitespace) {
                        return Err(Error::gazetteer(
                            at(value_col),
                            Kind::WhitespaceInId(value.to_string()),
                        ));
                    }
                    prefix = Some(value.to_string());
                }
            }
            continue;
        }
        let Some(label) = label.clone() else {
            return Err(Error::gazetteer(at(indent + 1), Kind::NoLabel));
        };
        // Fields with their 1-based start columns.
        let mut fields = Vec::new();
        let mut column = 1;
        for field in raw.split('\t') {
            fields.push((field, column));
            column += field.chars().count() + 1;
        }
        let [(id, id_col), (canonical, canonical_col), rest @ ..] = fields.as_slice() else {
            return Err(Error::gazetteer(
                at(1),
                Kind::BadFieldCount {
                    found: fields.len(),
                },
            ));
        };
        let id = id.trim();
        if id.is_empty() {
            return Err(Error::gazetteer(at(*id_col), Kind::EmptyId));
        }
        if id.contains(char::is_whitespace) {
            return Err(Error::gazetteer(
                at(*id_col),
                Kind::WhitespaceInId(id.to_string()),
            ));
        }
        let mut aliases: Vec<Alias> = Vec::with_capacity(rest.len() + 1);
        for (n, (field, col)) in std::iter::once((canonical, canonical_col))
            .chain(rest.iter().map(|(f, c)| (f, c)))
            .enumerate()
        {
            let lead = field.chars().count() - field.trim_start().chars().count();
            let location = at(col + lead);
            let alias = parse_alias(field.trim(), n == 0, &location)?;
            if aliases.iter().any(|a| a.text == alias.text) {
                return Err(Error::gazetteer(
                    location,
                    Kind::DuplicateAlias(alias.text),
                ));
            }
            aliases.push(alias);
        }
        let canonical = aliases
            .first()
            .map(|a| a.text.clone())
            .unwrap_or_default();
        let id = match &prefix {
            Some(p) => format!("{p}{id}"),
            None => format!("{}:{id}", label.as_str().to_ascii_lowercase()),
        };
        entries.push(Entry {
            id,
            canonical,
            label,
            aliases,
            at: at(1),
        });
    }
    Ok(entries)
}

fn parse_alias(field: &str, canonical: bool, at: &Location) -> Result<Alias, Error> {
    let empty = if canonical {
        Kind::EmptyCanonical
    } else {
        Kind::EmptyAlias
    };
    let (text, case) = match field.chars().next() {
        None => return Err(Error::gazetteer(at.clone(), empty)),
        Some('~') => (&field[1..], AliasCase::Any),
        Some('\\') => (&field[1..], AliasCase::Smart),
        Some(c @ ('?' | '!' | '=')) => {
            return Err(Error::gazetteer(at.clone(), Kind::ReservedMarker(c)))
        }
        Some(_) => (field, AliasCase::Smart),
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::gazetteer(at.clone(), empty));
    }
    if !text.chars().any(crate::normalize::is_word_char) {
        return Err(Error::gazetteer(
            at.clone(),
            Kind::NoWordCharacter(text.to_string()),
        ));
    }
    Ok(Alias {
        text: text.to_string(),
        case,
    })
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
        assert_eq!(e[0].at.line, 4);
        assert_eq!(e[1].id, "org:UN");
        assert_eq!(e[1].aliases[2].case, AliasCase::Any);
        assert_eq!(e[1].aliases[2].text, "Perserikatan bangsa-bangsa");
    }

    #[test]
    fn custom_labels_must_be_declared() {
        let e = parse("t.tsv", "@custom-label PARTY_X\nx\tPartai X\n").unwrap();
        assert_eq!(e[0].label.as_str(), "PARTY_X");
        assert_eq!(e[0].id, "party_x:x");
    }

    #[test]
    fn errors_name_line_and_column() {
        assert_eq!(err("X\tY\n"), "t.tsv:1:1: entity line before any @label directive");
        assert_eq!(
            err("@label PERSN\n"),
            "t.tsv:1:8: unknown label `PERSN` (built-in labels: PERSON, ORGANIZATION, COUNTRY, LOCATION, WEAPON; declare others with `@custom-label PERSN`)"
        );
        assert_eq!(
            err("@label COUNTRY\nIRN Iran\n"),
            "t.tsv:2:1: bad field count: expected id<TAB>canonical[<TAB>alias...], found 1 field"
        );
        assert_eq!(err("@label COUNTRY\nIRN\tIran\t\n"), "t.tsv:2:10: empty alias");
        assert_eq!(err("@label COUNTRY\nIRN\t\tIran\n"), "t.tsv:2:5: empty canonical name");
        assert_eq!(err("@label COUNTRY\n\tIran\n"), "t.tsv:2:1: empty id");
        assert_eq!(
            err("@label COUNTRY\nIRN\tIran\tIran\n"),
            "t.tsv:2:10: duplicate alias `Iran` on this line"
        );
        assert_eq!(err("@lable COUNTRY\n"), "t.tsv:1:1: unknown directive `@lable` (known: @label, @custom-label, @id-prefix)");
        assert_eq!(err("@label\n"), "t.tsv:1:1: directive `@label` needs a value");
        assert_eq!(err("@label COUNTRY\nX\t--\n"), "t.tsv:2:3: alias `--` has no letter or digit");
        assert_eq!(
            err("@label COUNTRY\nX\tY\t?Z\n"),
            "t.tsv:2:5: alias starts with reserved marker `?` (write `\\?` for a literal `?`)"
        );
    }

    #[test]
    fn invalid_utf8_names_line_column_and_byte() {
        let bytes = b"@label COUNTRY\nIRN\tIr\xffan\n";
        let e = decode("t.tsv", bytes).unwrap_err().to_string();
        assert_eq!(e, "t.tsv:2:7: invalid UTF-8 at byte offset 21");
    }

    #[test]
    fn default_gazetteers_parse() {
        for (name, text) in DEFAULTS {
            let entries = parse(name, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!entries.is_empty(), "{name} is empty");
        }
    }
}
