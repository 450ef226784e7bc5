//! [`Label`]: the kind of an entity.

use super::SharedStr;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of an entity.
///
/// Five labels are built in; gazetteers may declare their own with
/// `@custom-label NAME`. Serialized as its upper-case name (`"PERSON"`).
///
/// ```
/// use entitas::Label;
/// assert_eq!(Label::Country.as_str(), "COUNTRY");
/// assert_eq!(Label::from_name("WEAPON"), Label::Weapon);
/// assert_eq!(Label::from_name("PARTY").as_str(), "PARTY");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
#[non_exhaustive]
pub enum Label {
    /// A person: `Sergei Shoigu`.
    Person,
    /// An organization: `Korps Garda Revolusi Islam Iran`, `PBB`, `CNN`.
    Organization,
    /// A country or territory: `Rusia`, `AS`.
    Country,
    /// Any other place: `Moskow`, `Gaza`, `Jawa Barat`.
    Location,
    /// A weapon system: `Ababil`, `S-400`.
    Weapon,
    /// A label declared by a user gazetteer with `@custom-label`.
    Custom(SharedStr),
}

impl Label {
    /// The upper-case name, as written in gazetteers and output.
    pub fn as_str(&self) -> &str {
        match self {
            Label::Person => "PERSON",
            Label::Organization => "ORGANIZATION",
            Label::Country => "COUNTRY",
            Label::Location => "LOCATION",
            Label::Weapon => "WEAPON",
            Label::Custom(name) => name,
        }
    }

    /// The built-in label with this name, or a custom one.
    pub fn from_name(name: &str) -> Label {
        match name {
            "PERSON" => Label::Person,
            "ORGANIZATION" => Label::Organization,
            "COUNTRY" => Label::Country,
            "LOCATION" => Label::Location,
            "WEAPON" => Label::Weapon,
            other => Label::Custom(other.into()),
        }
    }

    /// Whether `name` is a well-formed label name: `[A-Z][A-Z0-9_]*`.
    pub(crate) fn is_valid_name(name: &str) -> bool {
        let mut chars = name.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for Label {
    fn from(name: String) -> Label {
        Label::from_name(&name)
    }
}

impl From<Label> for String {
    fn from(label: Label) -> String {
        match label {
            Label::Custom(name) => name.into(),
            other => other.as_str().to_string(),
        }
    }
}
