//! [`Rule`]: the ids of the rule stage's rules, and [`RuleSet`], which of
//! them are on.

use super::SharedStr;

/// A rule of the rule stage; each can be switched off with
/// [`ExtractorBuilder::rule`](crate::ExtractorBuilder::rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// `Long Form (ACR)` and `ACR (Long Form)` define an acronym.
    Acronym,
    /// A name after a title or role: `Presiden Joko Widodo`.
    Title,
    /// A name next to a verb of saying: `kata X`, `X mengatakan`.
    Saying,
    /// A head noun and the capitalized words after it: `Partai Buruh`.
    Head,
    /// A later single word of a person's full name: `Shoigu`.
    Coreference,
    /// A name next to words that introduce people (`bersama X`, `X juga`,
    /// `X (gitar)`), or joined by `dan` or a comma to a person.
    Context,
    /// Drops a one-word match that is a common word at a sentence start.
    SentenceStart,
    /// Chooses between labels for one span (`Madrid` the city or the club)
    /// by the cue words around it.
    Ambiguity,
    /// Named warships after a navy prefix (`KRI Bung Tomo-357`), names
    /// after a weapon-kind head noun (`rudal Fajr-5`), unlisted variants of
    /// listed families (`MiG-29UB`) and their series (`F-16 Block 72`).
    Weapon,
}

impl Rule {
    /// Every rule, in the order the stage runs them.
    pub const ALL: [Rule; 9] = [
        Rule::SentenceStart,
        Rule::Ambiguity,
        Rule::Acronym,
        Rule::Weapon,
        Rule::Head,
        Rule::Title,
        Rule::Saying,
        Rule::Context,
        Rule::Coreference,
    ];

    /// `rule:` and the name: the [`Entity::source`](crate::Entity::source)
    /// of what the rule finds, one shared string per rule.
    pub(crate) fn source(self) -> &'static SharedStr {
        const fn s(name: &'static str) -> SharedStr {
            SharedStr::from_static(name)
        }
        static ACRONYM: SharedStr = s("rule:acronym");
        static TITLE: SharedStr = s("rule:title");
        static SAYING: SharedStr = s("rule:saying");
        static HEAD: SharedStr = s("rule:head");
        static COREFERENCE: SharedStr = s("rule:coreference");
        static CONTEXT: SharedStr = s("rule:context");
        static SENTENCE_START: SharedStr = s("rule:sentence-start");
        static AMBIGUITY: SharedStr = s("rule:ambiguity");
        static WEAPON: SharedStr = s("rule:weapon");
        match self {
            Rule::Acronym => &ACRONYM,
            Rule::Title => &TITLE,
            Rule::Saying => &SAYING,
            Rule::Head => &HEAD,
            Rule::Coreference => &COREFERENCE,
            Rule::Context => &CONTEXT,
            Rule::SentenceStart => &SENTENCE_START,
            Rule::Ambiguity => &AMBIGUITY,
            Rule::Weapon => &WEAPON,
        }
    }

    /// The rule's name, as in [`Entity::source`](crate::Entity::source)
    /// (`rule:title`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Acronym => "acronym",
            Rule::Title => "title",
            Rule::Saying => "saying",
            Rule::Head => "head",
            Rule::Coreference => "coreference",
            Rule::Context => "context",
            Rule::SentenceStart => "sentence-start",
            Rule::Ambiguity => "ambiguity",
            Rule::Weapon => "weapon",
        }
    }

    fn bit(self) -> u16 {
        match self {
            Rule::Acronym => 1,
            Rule::Title => 2,
            Rule::Saying => 4,
            Rule::Head => 8,
            Rule::Coreference => 16,
            Rule::Context => 128,
            Rule::SentenceStart => 32,
            Rule::Ambiguity => 64,
            Rule::Weapon => 256,
        }
    }
}

/// Which rules are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RuleSet(u16);

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet(511)
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
