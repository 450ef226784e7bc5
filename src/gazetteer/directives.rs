//! Directive lines (`@label`, `@id-prefix`, `@context`, `@not-after`,
//! `@variants`, `@custom-label`): the one table of directives, each parsed
//! into the file's [`Directives`].

use crate::error::Error;
use crate::error::GazetteerErrorKind as Kind;
use crate::error::Location;
use crate::error::DIRECTIVES;
use crate::normalize::fold_lower;
use crate::types::Label;
use std::sync::Arc;

/// What the directives seen so far in a file say.
#[derive(Default)]
pub(super) struct Directives {
    pub(super) label: Option<Label>,
    pub(super) prefix: Option<String>,
    pub(super) context: Option<Arc<[String]>>,
    pub(super) not_after: Option<Arc<[String]>>,
    pub(super) designators: bool,
    pub(super) spelling: bool,
}

pub(super) fn directive_line(
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
    if !DIRECTIVES.contains(&name) {
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
