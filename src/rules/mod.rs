//! Rules: the stage between matching and resolution that finds what the
//! gazetteers do not list and keeps what they list honest.
//!
//! Each rule reads the words of the text and the gazetteer candidates, and
//! adds candidates of its own (tagged with the [`Rule`] that made them, which
//! becomes [`Entity::source`](crate::Entity::source) `rule:NAME`). The
//! trigger words live in data files under `rules/`, embedded at compile
//! time:
//!
//! | rule (in the order they run) | finds | data |
//! |---|---|---|
//! | [`Rule::SentenceStart`] | drops a one-word match that is a common word at a sentence start | `rules/stopwords.txt` |
//! | [`Rule::Ambiguity`] | `Madrid` the city or the club, by the cue words around it | `rules/cues.txt` |
//! | [`Rule::Acronym`] | `Komisi Pemberantasan Korupsi (KPK)`: long form and acronym become one entity; the acronym is recognized for the rest of the text | `rules/heads.txt` (label of an unlisted long form) |
//! | [`Rule::Weapon`] | `KRI Bung Tomo-357`, `rudal Fajr-5`, `MiG-29UB`, `F-16 Block 72` → WEAPON | `rules/weapons.txt`, the designators of `weapons.tsv` |
//! | [`Rule::Head`] | `Kementerian Luar Negeri`, `Bandara Kualanamu` → ORGANIZATION, LOCATION (head included) | `rules/heads.txt` |
//! | [`Rule::Title`] | `Menteri Pertahanan Rusia Sergei Shoigu` → PERSON `Sergei Shoigu` | `rules/titles.txt`, `rules/title-words.txt` |
//! | [`Rule::Saying`] | `kata Budi Santoso`, `Budi Santoso mengatakan` → PERSON | `rules/saying-verbs.txt` |
//! | [`Rule::Context`] | `bersama Budi Santoso`, `Budi Santoso juga`, `Budi Santoso (gitar)`, `Budi Santoso dan Rina Wati` (next to a person) → PERSON; `Uber dan Zumrova` (one unlisted word joined to an organization) → ORGANIZATION | `rules/context.txt` |
//! | [`Rule::Name`] | `Greta Lindqvist` (a known given name and another capitalized word), `Ruliana Situmorang` (a known family name last), `Park Min-young` (a family name written first) → PERSON; a generational suffix after any person joins it (`Jonas II`, `Belafonete, Jr.`) | `rules/names-given.txt`, `rules/names-family.txt` |
//! | [`Rule::Media`] | `dilansir Pattaya Mail`, `seperti dikutip dari detikJabar`, a capitalized name with a domain ending (`Kapanlagi.com`) → ORGANIZATION | `rules/media-cues.txt` |
//! | [`Rule::Coreference`] | a later `Shoigu` after `Sergei Shoigu` → the same PERSON | — |
//!
//! Rules that read capitalization (title, saying, head, an unlisted long
//! form) stay silent in headlines: sentences of three or more words with
//! none in lower case but a few prepositions and conjunctions.

use doc::Doc;
use filters::disambiguate;
use filters::inside_office_title;
use filters::stop_at_sentence_start;
use words::{Summary, Word};

pub(crate) use recase::recase;
pub(crate) use weapons::may_hold as may_hold_weapons;

mod acronyms;
mod context;
mod coreference;
mod doc;
mod filters;
mod heads;
mod lexicon;
mod media;
mod names;
mod places;
mod recase;
mod saying;
mod suffixes;
#[cfg(test)]
mod tests;
mod titles;
mod weapon_mentions;
mod weapons;
mod words;

use crate::types::{Candidate, DocRecords, Label, Rule, RuleSet};

/// The filters over the gazetteer candidates: a common word at a sentence
/// start, a name inside an office title, a place word left out of the
/// place (`Provinsi`), a country's forces (`Militer Israel`), ambiguity by
/// cue words, national teams.
fn filter(
    text: &str,
    mut candidates: Vec<Candidate>,
    words: &[Word<'_>],
    summary: &Summary,
    records: &mut DocRecords<'_>,
    rules: RuleSet,
) -> Vec<Candidate> {
    if rules.has(Rule::SentenceStart) && !candidates.is_empty() {
        candidates.retain(|c| !stop_at_sentence_start(text, words, summary, c));
    }
    if rules.has(Rule::Title) && !candidates.is_empty() {
        candidates.retain(|c| !inside_office_title(text, words, c));
    }
    if rules.has(Rule::Head) && !candidates.is_empty() {
        for c in &mut candidates {
            filters::trim_outside_head(text, words, records, c);
        }
    }
    if rules.has(Rule::Ambiguity) && candidates.len() > 1 {
        filters::drop_forces_of_countries(text, &mut candidates, records);
        candidates = disambiguate(words, candidates, records);
    }
    if rules.has(Rule::Ambiguity) && !candidates.is_empty() {
        filters::national_teams(text, words, &mut candidates, records);
    }
    candidates
}

/// Runs the enabled rules on `text` (the text as the rules read it: with
/// auto case, recased where its case says nothing; `original` is the text
/// as written, of the same length): returns the gazetteer candidates (minus
/// the ones a rule dropped) plus the rules' own.
pub(crate) fn apply(
    text: &str,
    original: &str,
    candidates: Vec<Candidate>,
    records: &mut DocRecords<'_>,
    rules: RuleSet,
) -> Vec<Candidate> {
    let mut candidates = candidates;
    if rules.is_empty() || text.is_empty() {
        return candidates;
    }
    let mut arena = String::new();
    let (words, summary) = words::words(text, &mut arena);
    candidates = filter(text, candidates, &words, &summary, records, rules);
    // Each rule below needs a trigger word; a text without any is done.
    let Summary {
        headline,
        paren,
        head,
        title,
        say,
        context,
        name,
        media,
        lower_head,
        ..
    } = summary;
    let acronym = rules.has(Rule::Acronym) && paren;
    let head = rules.has(Rule::Head) && head;
    let title = rules.has(Rule::Title) && title;
    let say = rules.has(Rule::Saying) && say;
    let name = rules.has(Rule::Name) && name;
    let media = rules.has(Rule::Media) && media;
    let lower_head = rules.has(Rule::Head) && lower_head;
    let end_head = rules.has(Rule::Head) && has_end_head(&words);
    let domains = rules.has(Rule::Media) && has_domain(&words);
    let person = |c: &Candidate| records.label(c.entity) == Some(&Label::Person);
    let context = rules.has(Rule::Context)
        && (context || paren || title || say || name || candidates.iter().any(person));
    let org = |c: &Candidate| records.label(c.entity) == Some(&Label::Organization);
    let orgs = candidates.iter().any(org);
    let suffix = rules.has(Rule::Head) && orgs;
    let joined_orgs = rules.has(Rule::Context) && orgs;
    let weapon_candidate = |c: &Candidate| records.label(c.entity) == Some(&Label::Weapon);
    let weapon = rules.has(Rule::Weapon)
        && weapons::triggered(&words, candidates.iter().any(weapon_candidate));
    let coreference = rules.has(Rule::Coreference)
        && (title || say || name || context || acronym || head || candidates.iter().any(person));
    if !(acronym
        || weapon
        || head
        || lower_head
        || end_head
        || suffix
        || joined_orgs
        || title
        || say
        || name
        || media
        || domains
        || context
        || coreference)
    {
        return candidates;
    }
    let mut doc = Doc::new(text, original, words, headline, records, candidates);

    if acronym {
        doc.acronyms();
    }
    if weapon {
        doc.weapons();
    }
    if head {
        doc.heads();
    }
    if lower_head {
        doc.lower_heads();
    }
    if suffix || head {
        doc.org_suffixes();
    }
    if end_head {
        doc.end_heads();
    }
    if title {
        doc.titles();
    }
    if say {
        doc.saying();
    }
    if context {
        doc.context();
    }
    // The name rule's people may bring their neighbours (`A dan B`) in.
    if name && doc.names() && rules.has(Rule::Context) {
        doc.context();
    }
    late_rules(&mut doc, rules, joined_orgs, (media, domains), coreference);
    doc.out
}

/// The rules that run last: person suffixes, organizations joined to
/// organizations, media cues and domain names, coreference.
fn late_rules(
    doc: &mut Doc,
    rules: RuleSet,
    joined_orgs: bool,
    (media, domains): (bool, bool),
    coreference: bool,
) {
    if rules.has(Rule::Name) && doc.flat.iter().any(|f| f.kind == doc::Kind::Person) {
        doc.person_suffixes();
    }
    if joined_orgs {
        doc.joined_orgs();
    }
    if media {
        doc.media();
    }
    if domains {
        doc.domain_names();
    }
    if coreference {
        doc.coreference();
    }
}

/// Whether a capitalized English end head (`Stadium`) is among `words`.
fn has_end_head(words: &[Word]) -> bool {
    words
        .iter()
        .any(|w| w.cap && w.bits & lexicon::bit::END_HEAD != 0)
}

/// Whether a capitalized word glued to a domain ending (`Kapanlagi.com`)
/// is among `words`.
fn has_domain(words: &[Word]) -> bool {
    words.windows(3).any(|w| {
        let [name, dot, end] = w else { return false };
        name.cap
            && dot.text == "."
            && name.end == dot.start
            && dot.end == end.start
            && media::DOMAINS.iter().any(|d| end.is(d))
    })
}
