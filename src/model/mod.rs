//! The learned tagger (`model:tagger`): an averaged structured perceptron
//! over hashed token features, the library's own entities among them,
//! that adds PERSON, ORGANIZATION and LOCATION spans where the gazetteers
//! and rules found nothing.
//!
//! The model is `models/tagger.bin`, embedded in the library and read on
//! first use; `models/README.md` says what it was trained on and how to
//! train it again. It runs after the rules on the resolved entities: they
//! are its features, and a model span that overlaps any of them is
//! dropped, so it never moves or removes what the lists and rules found.

pub(crate) mod features;
pub(crate) mod tagger;
#[doc(hidden)]
use features::{Kind, LibSpan, Regime, Sentence, TAGS};
use once_cell::sync::Lazy;
use tagger::Weights;

/// The embedded model file.
pub(crate) static EMBEDDED: &[u8] = include_bytes!("../../models/tagger.bin");

/// The embedded model, read on first use; `None` if the file is not a
/// model (a unit test checks that it is).
pub(crate) static DEFAULT: Lazy<Option<Weights>> = Lazy::new(|| Weights::from_bytes(EMBEDDED));

/// The most words a caseless line of a mixed-case text has to be taken
/// for a fragment of a sentence (a link text, a tag, `(kpl/eri)`).
const FRAGMENT_WORDS: usize = 4;

/// The longest word, in bytes, a model span may hold.
const LONGEST_WORD: usize = 40;

/// A span the model found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// How sure the model is, in [0, 1): `m / (m + 1)` of the margin `m`
    /// (in averaged-perceptron units) between the best tagging and the
    /// best one with the span's tokens outside any entity.
    pub(crate) score: f32,
}

/// Reusable buffers, one set a call.
#[derive(Default)]
struct Scratch {
    feats: Vec<u64>,
    emit: Vec<[i32; TAGS]>,
    back: Vec<[u8; TAGS]>,
    tags: Vec<u8>,
    outside: tagger::Outside,
}

/// Whether a sentence can hold a span the model would add. Any sentence
/// whose case says nothing (all lower, all upper, a headline) can; in
/// ordinary text, one needs a word with a capital that no library entity
/// covers and that is no common word (`Senin`, `Pemerintah`): a name the
/// library missed starts with a capital there (measured: the devboard's
/// rows move by at most 0.1 with and without this skip, see `models/README.md`).
fn worth_tagging(text: &str, toks: &[features::Tok], s: Sentence) -> bool {
    if s.regime != Regime::Mixed {
        return true;
    }
    let words = toks.get(s.start..s.end).unwrap_or_default();
    words.iter().any(|t| {
        t.starts_upper()
            && t.lib == 0
            && !text
                .get(t.start..t.end)
                .is_some_and(|w| crate::common_words::is_common(&w.to_lowercase()))
    })
}

/// The spans the model finds in `text` that overlap none of the
/// library's own spans there (sorted by start, without nested ones), in
/// text order.
pub(crate) fn find(weights: &Weights, text: &str, library: &[LibSpan]) -> Vec<Found> {
    let (mut toks, sentences) = features::tokens(text);
    features::mark(&mut toks, library);
    let mut s = Scratch::default();
    let mut out = Vec::new();
    // A short line without capitals in a text that has ordinary sentences
    // is a fragment of one (a link text, a tag list: `breaking news`,
    // `viral`), where a name would have kept its capital; a longer one is
    // a caseless sentence of its own.
    let mixed = sentences.iter().any(|x| x.regime == Regime::Mixed);
    for sentence in sentences {
        let fragment = mixed
            && sentence.regime == Regime::Lower
            && toks
                .get(sentence.start..sentence.end)
                .unwrap_or_default()
                .iter()
                .filter(|t| t.is_word())
                .count()
                <= FRAGMENT_WORDS;
        if fragment || !worth_tagging(text, &toks, sentence) {
            continue;
        }
        s.feats.clear();
        s.emit.clear();
        features::features(&toks, sentence, &mut s.feats);
        weights.emissions(&s.feats, features::FEATURES, &mut s.emit);
        let best = tagger::viterbi(&s.emit, &weights.trans, None, &mut s.back, &mut s.tags);
        let mut outside_filled = false;
        let words = toks.get(sentence.start..sentence.end).unwrap_or_default();
        let mut i = 0;
        while i < s.tags.len() {
            let Some(kind) = s.tags.get(i).and_then(|&t| Kind::of_tag(t)) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while s.tags.get(j).is_some_and(|&t| t != 0 && t % 2 == 0) {
                j += 1;
            }
            let (Some(a), Some(b)) = (words.get(i), words.get(j - 1)) else {
                break;
            };
            // No name has a word this long: a run without blanks (a URL,
            // glued text) is no span of the model's.
            let long = words
                .get(i..j)
                .unwrap_or_default()
                .iter()
                .any(|t| t.end - t.start > LONGEST_WORD);
            // A span on the library's entities is dropped by the caller:
            // no need to score it.
            // (They do not overlap one another: the one starting last before
            // the span's end is the only one that can overlap it.)
            let before = library.partition_point(|l| l.start < b.end);
            let on_library = before
                .checked_sub(1)
                .and_then(|k| library.get(k))
                .is_some_and(|l| l.end > a.start);
            if long || on_library || dropped(text, words.get(i..j), kind, sentence.regime) {
                i = j;
                continue;
            }
            if !outside_filled {
                s.outside.fill(&s.emit, &weights.trans);
                outside_filled = true;
            }
            let other = s.outside.forced(&s.emit, &weights.trans, i, j);
            let margin = (best - other) as f32 / weights.scale.max(f32::MIN_POSITIVE);
            out.push(Found {
                start: a.start,
                end: with_abbreviation_dot(text, b, kind),
                kind,
                score: margin.max(0.0) / (margin.max(0.0) + 1.0),
            });
            i = j;
        }
    }
    out
}

/// The end of a span whose last token is `last`: a person ending in the
/// abbreviation `Jr` or `Sr` takes its dot (`Harold Belafonete, Jr.`), as
/// the rules' generational suffixes do.
fn with_abbreviation_dot(text: &str, last: &features::Tok, kind: Kind) -> usize {
    let word = text.get(last.start..last.end).unwrap_or_default();
    let abbreviation = ["jr", "sr"].iter().any(|s| word.eq_ignore_ascii_case(s));
    if kind == Kind::Person && abbreviation && text.as_bytes().get(last.end) == Some(&b'.') {
        last.end + 1
    } else {
        last.end
    }
}

/// Whether a span of the model's, `span` of a sentence in `regime`, is
/// no name: in ordinary text a span of common words only (`Rabu`,
/// `Harapan`, `Vice`) is a capitalized word, not a name, nor one without a
/// capital (`nikel`, `tawuran`); and a person does not open with a common
/// word (`Kena Bacok`, `Bawa Sajam` in a headline).
fn dropped(text: &str, span: Option<&[features::Tok]>, kind: Kind, regime: Regime) -> bool {
    let span = span.unwrap_or_default();
    let common = |t: &features::Tok| {
        text.get(t.start..t.end)
            .is_some_and(crate::common_words::is_common_any_case)
    };
    let mixed = regime == Regime::Mixed;
    let no_word = |t: &features::Tok| {
        text.get(t.start..t.end)
            .is_none_or(|w| !w.chars().any(char::is_alphabetic))
    };
    (mixed
        && (!span.iter().any(features::Tok::starts_upper)
            || span.iter().all(|t| no_word(t) || common(t))))
        || (kind == Kind::Person && span.first().is_some_and(common))
}

/// The [`Entity::source`](crate::Entity::source) of what the model finds.
pub(crate) static SOURCE: crate::types::SharedStr =
    crate::types::SharedStr::from_static("model:tagger");

/// The record of a span the model found, `surface` its text: one a
/// label and text in each document, id `person:` and the lower-cased
/// runs of letters and digits joined by `-`, canonical name the text.
pub(crate) fn add_record(
    records: &mut crate::types::DocRecords<'_>,
    kind: Kind,
    surface: &str,
) -> u32 {
    use crate::types::{Label, Record};
    let label = match kind {
        Kind::Person => Label::Person,
        Kind::Organization => Label::Organization,
        Kind::Location => Label::Location,
    };
    let first = records.base.len() + records.villages.len();
    let index = |j: usize| u32::try_from(first + j).unwrap_or(u32::MAX);
    if let Some(j) = records
        .extra
        .iter()
        .position(|r| r.label == label && *r.canonical == *surface && r.source == SOURCE)
    {
        return index(j);
    }
    let mut id = label.as_str().to_ascii_lowercase();
    id.push(':');
    let prefix = id.len();
    for c in surface.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if id.len() > prefix && !id.ends_with('-') {
            id.push('-');
        }
    }
    if id.ends_with('-') {
        id.pop();
    }
    records.extra.push(Record {
        id: id.into(),
        canonical: surface.into(),
        label,
        source: SOURCE.clone(),
    });
    index(records.extra.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads() {
        let w = DEFAULT.as_ref().expect("models/tagger.bin is a model");
        assert_eq!(w.emit.len(), 1 << w.bits);
        assert!(w.scale > 0.0);
    }

    #[test]
    fn found_spans_slice_the_text_on_token_boundaries() {
        let w = DEFAULT.as_ref().expect("a model");
        let text = "Kepala Dinas Pendidikan Kabupaten Sleman, Sutrisno Hadi, mengatakan \
                    bahwa PT Sinar Jaya Abadi membuka kantor di Desa Karanganyar.";
        let found = find(w, text, &[]);
        let (toks, _) = features::tokens(text);
        for f in &found {
            assert!(text.get(f.start..f.end).is_some());
            assert!(toks.iter().any(|t| t.start == f.start));
            assert!(toks.iter().any(|t| t.end == f.end));
            assert!(f.score >= 0.0 && f.score < 1.0, "{f:?}");
        }
        assert!(!found.is_empty(), "a sentence full of names");
    }

    #[test]
    fn a_person_ending_in_jr_takes_its_dot() {
        let text = "Harold Belafonete, Jr. lahir. Suku Sr. Hj.";
        let (toks, _) = features::tokens(text);
        let end_of = |word: &str, kind: Kind| {
            let t = toks
                .iter()
                .find(|t| text.get(t.start..t.end) == Some(word))
                .expect("a token");
            text.get(t.start..with_abbreviation_dot(text, t, kind))
        };
        let cases = [
            ("Jr", Kind::Person, "Jr."),
            ("Jr", Kind::Organization, "Jr"),
            ("Sr", Kind::Person, "Sr."),
            ("Belafonete", Kind::Person, "Belafonete"),
            ("Hj", Kind::Person, "Hj"),
        ];
        for (word, kind, expected) in cases {
            assert_eq!(end_of(word, kind), Some(expected), "{word} {kind:?}");
        }
    }
}
