//! [`Rule`]: the ids of the rule stage's rules, and [`RuleSet`], which of
//! them are on.

use super::SharedStr;

/// A rule of the rule stage; each can be switched off with
/// [`ExtractorBuilder::rule`](crate::ExtractorBuilder::rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Drops a one-word match that is a common word at a sentence start.
    SentenceStart,
    /// Chooses between labels for one span (`Madrid` the city or the club)
    /// by the cue words around it.
    Ambiguity,
    /// `Long Form (ACR)` and `ACR (Long Form)` define an acronym.
    Acronym,
    /// Named warships after a navy prefix (`KRI Bung Tomo-357`), names
    /// after a weapon-kind head noun (`rudal Fajr-5`), unlisted variants of
    /// listed families (`MiG-29UB`) and their series (`F-16 Block 72`).
    Weapon,
    /// A head noun and the capitalized words after it: `Partai Buruh`.
    Head,
    /// A name after a title or role: `Presiden Joko Widodo`.
    Title,
    /// A name next to a verb of saying: `kata X`, `X mengatakan`.
    Saying,
    /// A name next to words that introduce people (`bersama X`, `X juga`,
    /// `X (gitar)`), or joined by `dan` or a comma to a person.
    Context,
    /// A run of capitalized words holding a known given or family name:
    /// `Greta Lindqvist`, `Park Min-young`.
    Name,
    /// The news source a cue names: `dilansir X`, `mengutip X`.
    Media,
    /// A later single word of a person's full name: `Shoigu`.
    Coreference,
}

impl Rule {
    /// Every rule, in the order the stage runs them.
    pub const ALL: [Rule; 11] = [
        Rule::SentenceStart,
        Rule::Ambiguity,
        Rule::Acronym,
        Rule::Weapon,
        Rule::Head,
        Rule::Title,
        Rule::Saying,
        Rule::Context,
        Rule::Name,
        Rule::Media,
        Rule::Coreference,
    ];

    /// `rule:` and the name: the [`Entity::source`](crate::Entity::source)
    /// of what the rule finds, one shared string per rule.
    pub(crate) fn source(self) -> &'static SharedStr {
        const fn s(name: &'static str) -> SharedStr {
            SharedStr::from_static(name)
        }
        static SENTENCE_START: SharedStr = s("rule:sentence-start");
        static AMBIGUITY: SharedStr = s("rule:ambiguity");
        static ACRONYM: SharedStr = s("rule:acronym");
        static WEAPON: SharedStr = s("rule:weapon");
        static HEAD: SharedStr = s("rule:head");
        static TITLE: SharedStr = s("rule:title");
        static SAYING: SharedStr = s("rule:saying");
        static CONTEXT: SharedStr = s("rule:context");
        static NAME: SharedStr = s("rule:name");
        static MEDIA: SharedStr = s("rule:media");
        static COREFERENCE: SharedStr = s("rule:coreference");
        match self {
            Rule::SentenceStart => &SENTENCE_START,
            Rule::Ambiguity => &AMBIGUITY,
            Rule::Acronym => &ACRONYM,
            Rule::Weapon => &WEAPON,
            Rule::Head => &HEAD,
            Rule::Title => &TITLE,
            Rule::Saying => &SAYING,
            Rule::Context => &CONTEXT,
            Rule::Name => &NAME,
            Rule::Media => &MEDIA,
            Rule::Coreference => &COREFERENCE,
        }
    }

    /// The rule's name, as in [`Entity::source`](crate::Entity::source)
    /// (`rule:title`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::SentenceStart => "sentence-start",
            Rule::Ambiguity => "ambiguity",
            Rule::Acronym => "acronym",
            Rule::Weapon => "weapon",
            Rule::Head => "head",
            Rule::Title => "title",
            Rule::Saying => "saying",
            Rule::Context => "context",
            Rule::Name => "name",
            Rule::Media => "media",
            Rule::Coreference => "coreference",
        }
    }

    /// The rule's bit in a [`RuleSet`]: its place in [`Rule::ALL`].
    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// Which rules are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RuleSet(u16);

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet(Rule::ALL.iter().fold(0, |acc, r| acc | r.bit()))
    }
}

impl RuleSet {
    pub(crate) fn set(&mut self, rule: Rule, on: bool) {
        if on {
            self.0 |= rule.bit();
        } else {
            self.0 &= !rule.bit();
        }
    }

    pub(crate) fn none() -> Self {
        RuleSet(0)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(crate) fn has(self, rule: Rule) -> bool {
        self.0 & rule.bit() != 0
    }
}
