//! Filters over the gazetteer candidates: a common word at a sentence start,
//! a name inside an office title, a place word left out of the place
//! (`Provinsi`), a country's forces (`Militer Israel`), ambiguous names
//! decided by cue words.

use super::lexicon::DATA;
use super::words::Summary;
use super::words::Word;
use crate::normalize::fold_lower;
use crate::types::Candidate;
use crate::types::DocRecords;
use crate::types::Label;

/// Whether candidate `c` is a one-word match of a stopword at a sentence
/// start (rule [`Rule::SentenceStart`]).
pub(super) fn stop_at_sentence_start(
    text: &str,
    words: &[Word],
    summary: &Summary,
    c: &Candidate,
) -> bool {
    let at_start = summary
        .starts
        .get(c.byte_start / 64)
        .is_some_and(|b| b & (1 << (c.byte_start % 64)) != 0);
    if !at_start {
        return false;
    }
    let firsts = &summary.first_words;
    let j = firsts.partition_point(|&(start, _)| start < c.byte_start);
    let Some(w) = firsts
        .get(j)
        .filter(|&&(start, _)| start == c.byte_start)
        .and_then(|&(_, k)| words.get(k))
    else {
        return false;
    };
    if w.end == c.byte_end {
        return w.stop();
    }
    text.get(c.byte_start..c.byte_end)
        .is_some_and(|s| DATA.lex(fold_lower(s).as_bytes()).is_some_and(|l| l.stop))
}

/// Whether candidate `c` starts with the `Kota` of the title `Wali Kota`
/// (mayor): in `Wali Kota Surabaya` the place is `Surabaya`, not the city's
/// full name `Kota Surabaya` (rule [`Rule::Title`]; the bare name is a
/// candidate of its own and takes the span).
pub(super) fn inside_office_title(text: &str, words: &[Word], c: &Candidate) -> bool {
    // Most candidates fail this test, without a search of the words.
    let kota = text
        .as_bytes()
        .get(c.byte_start..c.byte_start + 4)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"kota"));
    if !kota {
        return false;
    }
    let k = words.partition_point(|w| w.start < c.byte_start);
    let (Some(first), Some(before)) = (words.get(k), k.checked_sub(1).and_then(|b| words.get(b)))
    else {
        return false;
    };
    first.start == c.byte_start && first.end < c.byte_end && first.is("kota") && before.is("wali")
}

/// Place words that stay outside the place's span: `Provinsi Jawa Tengah`
/// is the province `Jawa Tengah` (NER-UI, NER-UGM and the news set leave
/// the word out; `Kabupaten`, `Kecamatan`, `Desa` stay in, as most corpora
/// keep them).
pub(super) const OUTSIDE_HEADS: &[&str] = &["provinsi"];

/// Moves the start of a place candidate that opens with an
/// [`OUTSIDE_HEADS`] word past that word (rule [`Rule::Head`]: the head's
/// place in the span).
///
/// [`Rule::Head`]: crate::types::Rule::Head
pub(super) fn trim_outside_head(
    text: &str,
    words: &[Word],
    records: &DocRecords,
    c: &mut Candidate,
) {
    let head = |b: &[u8]| {
        OUTSIDE_HEADS.iter().any(|h| {
            b.len() >= h.len()
                && b.get(..h.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(h.as_bytes()))
        })
    };
    if !text
        .as_bytes()
        .get(c.byte_start..c.byte_end)
        .is_some_and(head)
    {
        return;
    }
    if records.label(c.entity) != Some(&Label::Location) {
        return;
    }
    let k = words.partition_point(|w| w.start < c.byte_start);
    let (Some(first), Some(next)) = (words.get(k), words.get(k + 1)) else {
        return;
    };
    if first.start == c.byte_start
        && OUTSIDE_HEADS.iter().any(|h| first.is(h))
        && next.is_word
        && next.end <= c.byte_end
    {
        c.byte_start = next.start;
    }
}

/// Common nouns that, before a country, describe that country's forces
/// rather than name a body: `Militer Israel`, `Tentara Jepang` (every
/// corpus here tags the country alone).
const FORCES_OF: &[&str] = &["militer", "tentara"];

/// Drops an organization candidate that is one of [`FORCES_OF`] and a
/// country candidate right after it, which stays (rule [`Rule::Ambiguity`]).
///
/// [`Rule::Ambiguity`]: crate::types::Rule::Ambiguity
pub(super) fn drop_forces_of_countries(
    text: &str,
    candidates: &mut Vec<Candidate>,
    records: &DocRecords,
) {
    let country = |c: &Candidate| records.label(c.entity) == Some(&Label::Country);
    if !candidates.iter().any(country) {
        return;
    }
    let countries: Vec<(usize, usize)> = candidates
        .iter()
        .filter(|c| country(c))
        .map(|c| (c.byte_start, c.byte_end))
        .collect();
    candidates.retain(|c| {
        if records.label(c.entity) != Some(&Label::Organization) {
            return true;
        }
        let Some(s) = text.get(c.byte_start..c.byte_end) else {
            return true;
        };
        !FORCES_OF.iter().any(|d| {
            s.len() > d.len() + 1
                && s.get(..d.len()).is_some_and(|p| p.eq_ignore_ascii_case(d))
                && s.as_bytes().get(d.len()) == Some(&b' ')
                && countries.contains(&(c.byte_start + d.len() + 1, c.byte_end))
        })
    });
}

/// Words before and after an ambiguous name searched for cues.
pub(super) const CUES_BEFORE: usize = 5;
pub(super) const CUES_AFTER: usize = 3;

/// Rule 5: where one span is a candidate of several labels, keeps the
/// label with the most cue words (`rules/cues.txt`) around it; on a tie,
/// keeps them all and the priority order decides.
pub(super) fn disambiguate(
    words: &[Word],
    mut candidates: Vec<Candidate>,
    records: &DocRecords,
) -> Vec<Candidate> {
    let mut spans: Vec<(usize, usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.byte_start, c.byte_end, i))
        .collect();
    spans.sort_unstable();
    if spans
        .windows(2)
        .all(|w| w.first().map(|a| (a.0, a.1)) != w.get(1).map(|b| (b.0, b.1)))
    {
        return candidates; // no span has two candidates
    }
    let mut drop = vec![false; candidates.len()];
    for group in spans.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let label_of = |&(_, _, i): &(usize, usize, usize)| {
            candidates.get(i).and_then(|c| records.label(c.entity))
        };
        let one = group.first().map(label_of);
        if group.iter().all(|g| Some(label_of(g)) == one) {
            continue; // one label: nothing to choose
        }
        let labels: Vec<Option<&Label>> = group
            .iter()
            .map(|&(_, _, i)| candidates.get(i).and_then(|c| records.label(c.entity)))
            .collect();
        if labels.windows(2).all(|w| w.first() == w.get(1)) {
            continue;
        }
        let Some(&(start, end, _)) = group.first() else {
            continue;
        };
        let first = words.partition_point(|w| w.end <= start);
        let last = words.partition_point(|w| w.start < end);
        let window = first.saturating_sub(CUES_BEFORE)..(last + CUES_AFTER).min(words.len());
        let mut scores: Vec<(&Label, usize)> = Vec::new();
        for k in window.filter(|k| *k < first || *k >= last) {
            let Some(lex) = words.get(k).and_then(|w| w.lex) else {
                continue;
            };
            for (cue, label) in &lex.cues {
                let fits = cue
                    .iter()
                    .enumerate()
                    .all(|(d, c)| words.get(k + d).is_some_and(|w| w.is(c)));
                if fits && labels.contains(&Some(label)) {
                    match scores.iter_mut().find(|(l, _)| *l == label) {
                        Some((_, n)) => *n += 1,
                        None => scores.push((label, 1)),
                    }
                }
            }
        }
        let best = scores.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let winners: Vec<&Label> = scores
            .iter()
            .filter(|(_, n)| *n == best)
            .map(|(l, _)| *l)
            .collect();
        if best == 0 || winners.len() != 1 {
            continue;
        }
        for (&(_, _, i), label) in group.iter().zip(&labels) {
            if *label != winners.first().copied() {
                if let Some(d) = drop.get_mut(i) {
                    *d = true;
                }
            }
        }
    }
    let mut keep = drop.into_iter();
    candidates.retain(|_| !keep.next().unwrap_or(false));
    candidates
}

/// Whether word `w` sets two sides against each other: `vs`, `versus`.
fn is_versus(w: &Word) -> bool {
    matches!(w.text.len(), 2 | 6) && (w.is("vs") || w.is("versus"))
}

/// A country next to `vs` is its national team (`Jepang vs Indonesia`):
/// its candidates become an ORGANIZATION of the same name (rule
/// [`Rule::Ambiguity`](crate::types::Rule::Ambiguity)).
pub(super) fn national_teams(
    text: &str,
    words: &[Word],
    candidates: &mut [Candidate],
    records: &mut DocRecords,
) {
    if !words.iter().any(is_versus) {
        return;
    }
    for c in candidates.iter_mut() {
        if records.label(c.entity) != Some(&Label::Country) {
            continue;
        }
        let first = words.partition_point(|w| w.end <= c.byte_start);
        let last = words.partition_point(|w| w.start < c.byte_end);
        let next_to = |k: Option<usize>, other: Option<usize>| {
            let side = other.and_then(|o| words.get(o)).is_some_and(|w| w.cap);
            k.and_then(|k| words.get(k)).is_some_and(is_versus) && side
        };
        if !(next_to(first.checked_sub(1), first.checked_sub(2))
            || next_to(Some(last), Some(last + 1)))
        {
            continue;
        }
        let Some(name) = text.get(c.byte_start..c.byte_end) else {
            continue;
        };
        c.entity = records.add(Label::Organization, name, crate::types::Rule::Ambiguity);
        c.rule = Some(crate::types::Rule::Ambiguity);
    }
}
