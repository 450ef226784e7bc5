//! Entity lines: `id`, canonical name and aliases separated by tabs, each
//! alias with its markers (`~ ? !`).

use super::directives::Directives;
use super::variants::add_variants;
use super::Alias;
use super::AliasCase;
use super::Entry;
use super::Gate;
use super::{AliasTexts, MAX_ALIAS_PIECES};
use crate::error::Error;
use crate::error::GazetteerErrorKind as Kind;
use crate::error::Location;
use crate::normalize::fold_lower;
use std::sync::Arc;

pub(super) fn entity_line(
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
    let mut texts = AliasTexts::default();
    for (n, (field, field_byte)) in std::iter::once((canonical, canonical_byte))
        .chain(rest.iter().map(|(f, c)| (f, c)))
        .enumerate()
    {
        let lead = field.len() - field.trim_start().len();
        let location = || at(column(field_byte + lead));
        let alias = parse_alias(field.trim(), n == 0, &location, d)?;
        let pieces = alias_pieces(&alias.text);
        if pieces > MAX_ALIAS_PIECES {
            return Err(Error::gazetteer(
                location(),
                Kind::AliasTooLong {
                    pieces,
                    max: MAX_ALIAS_PIECES,
                },
            ));
        }
        if texts.contains(&aliases, &alias.text) {
            return Err(Error::gazetteer(
                location(),
                Kind::DuplicateAlias(alias.text),
            ));
        }
        aliases.push(alias);
        texts.note(&aliases);
    }
    let canonical = aliases.first().map(|a| a.text.clone()).unwrap_or_default();
    add_variants(&mut aliases, &mut texts, d);
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

pub(super) fn parse_alias(
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

/// An alias's words and marks, as the matcher will cut it: runs of letters
/// and digits, and single other characters but blanks and hyphens.
fn alias_pieces(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word = c.is_alphanumeric();
        if word && !in_word || !word && !c.is_whitespace() && c != '-' {
            n += 1;
        }
        in_word = word;
    }
    n
}
