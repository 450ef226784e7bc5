//! The tagger's features: the tokens of a text cut into sentences, each
//! sentence's case regime, the library's own entities as tags, and each
//! token's hashed feature ids (computed once per token).
//!
//! A feature is a template number mixed with a value hash (a word, a
//! shape, a prefix, a neighbour, the library's tag there), folded into a
//! fixed table of `1 << BITS` rows. Words are hashed in lower case, so
//! the same word in `Jakarta`, `jakarta` and `JAKARTA` is one feature; the
//! capital letters speak only through the shape and capital features,
//! which are conjoined with the sentence's case regime, so the model
//! learns that in an all-lower or all-upper sentence they carry nothing.

use crate::types::Label;

/// The number of tags: `O`, then `B-`/`I-` of PER, ORG and LOC.
pub(crate) const TAGS: usize = 7;

/// Features per token.
pub(crate) const FEATURES: usize = 22;

/// What the model finds: the three kinds NERGRIT annotates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A person (`PER`).
    Person = 0,
    /// An organization (`ORG`).
    Organization = 1,
    /// A place (`LOC`).
    Location = 2,
}

impl Kind {
    /// The tag of the first token of a span of this kind.
    pub(crate) fn begin(self) -> u8 {
        1 + 2 * self as u8
    }

    /// The kind of tag `tag`, `None` for `O`.
    pub(crate) fn of_tag(tag: u8) -> Option<Kind> {
        match tag {
            1 | 2 => Some(Kind::Person),
            3 | 4 => Some(Kind::Organization),
            5 | 6 => Some(Kind::Location),
            _ => None,
        }
    }
}

/// Whether tag `tag` may follow tag `prev` (`None`: the sentence start):
/// an `I-` tag continues a span of its own kind.
#[inline]
pub(crate) fn allowed(prev: Option<u8>, tag: u8) -> bool {
    if tag == 0 || tag % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p != 0 && Kind::of_tag(p) == Kind::of_tag(tag))
}

/// The kind of entity the library found on a token, as a feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LibLabel {
    /// PERSON.
    Person = 0,
    /// ORGANIZATION.
    Organization = 1,
    /// COUNTRY or LOCATION.
    Place = 2,
    /// WEAPON.
    Weapon = 3,
    /// A custom label.
    Other = 4,
}

/// One of the library's entities, as the model sees it: a byte span, its
/// label, and whether a rule (not a gazetteer) found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LibSpan {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: LibLabel,
    pub(crate) rule: bool,
}

/// The case regime of a sentence: whether its capitals mean anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Regime {
    /// Ordinary text: capitals mark names (and sentence starts).
    Mixed = 0,
    /// No capital letter at all.
    Lower = 1,
    /// No lower-case letter at all.
    Upper = 2,
    /// Every word of three letters or more starts with a capital
    /// (a headline): capitals mark nothing.
    Title = 3,
}

/// One token and what its features need.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Hash of the lower-cased word.
    word: u64,
    /// Hash of the shape (`Xx`, `XX`, `dd`, `x-x`…, runs cut at two).
    shape: u64,
    /// Hashes of the first two and three, last two and three lower-cased chars.
    pre2: u64,
    pre3: u64,
    suf2: u64,
    suf3: u64,
    /// 0: starts lower case, 1: starts with a capital, 2: no letter first.
    cap: u8,
    /// Upper-case letters, lower-case letters (capped at 255).
    uppers: u8,
    lowers: u8,
    /// The library's tag here: 0 for none, else
    /// `1 + (label * 2 + rule) * 2 + inside`.
    pub(crate) lib: u8,
}

/// A sentence: a range of tokens and its regime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) regime: Regime,
}

const FNV: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv(h: u64, x: u32) -> u64 {
    (h ^ u64::from(x)).wrapping_mul(PRIME)
}

/// Mixes a template number and a value into one well-spread hash.
#[inline]
pub(crate) fn mix(template: u64, value: u64) -> u64 {
    let mut x = value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The hash of a value that is no word: padding past the sentence ends.
const PAD: u64 = 0x5bd1_e995_0000_0001;

/// The lower-case chars of `c`, as the word hash sees them.
#[inline]
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The shape class of a char.
#[inline]
fn class(c: char) -> u32 {
    if c.is_uppercase() {
        'X' as u32
    } else if c.is_alphabetic() {
        'x' as u32
    } else if c.is_numeric() {
        'd' as u32
    } else {
        c as u32
    }
}

impl Tok {
    /// The token `text[start..end]`.
    pub(crate) fn new(text: &str, start: usize, end: usize) -> Tok {
        let s = text.get(start..end).unwrap_or_default();
        let (mut word, mut shape) = (FNV, FNV);
        let (mut pre2, mut pre3) = (FNV, FNV);
        let (mut last, mut run) = (u32::MAX, 0u8);
        // The last three lower-cased chars, newest last.
        let mut tail = [0u32; 3];
        let (mut n, mut uppers, mut lowers) = (0usize, 0u8, 0u8);
        let mut cap = 2;
        for c in s.chars() {
            let l = lower(c) as u32;
            word = fnv(word, l);
            if n < 2 {
                pre2 = fnv(pre2, l);
            }
            if n < 3 {
                pre3 = fnv(pre3, l);
            }
            if n == 0 && c.is_alphabetic() {
                cap = u8::from(c.is_uppercase());
            }
            if c.is_uppercase() {
                uppers = uppers.saturating_add(1);
            } else if c.is_lowercase() {
                lowers = lowers.saturating_add(1);
            }
            let k = class(c);
            if k == last {
                run = run.saturating_add(1);
            } else {
                (last, run) = (k, 1);
            }
            if run <= 2 {
                shape = fnv(shape, k);
            }
            tail = [tail[1], tail[2], l];
            n += 1;
        }
        let suf = |k: usize| {
            tail.iter()
                .skip(3 - k.min(n).min(3))
                .fold(FNV, |h, &c| fnv(h, c))
        };
        Tok {
            start,
            end,
            word,
            shape,
            pre2,
            pre3,
            suf2: suf(2),
            suf3: suf(3),
            cap,
            uppers,
            lowers,
            lib: 0,
        }
    }

    /// Whether the token starts with a capital letter.
    pub(crate) fn starts_upper(&self) -> bool {
        self.cap == 1
    }

    /// Whether the token is a word (starts with a word char).
    pub(crate) fn is_word(&self) -> bool {
        self.cap != 2 || self.lowers > 0 || self.uppers > 0
    }
}

/// The tokens of `text` (the library's tokenizer) and its sentences: a
/// sentence ends after `.`, `!` or `?` followed by a blank, and at a line
/// break.
pub(crate) fn tokens(text: &str) -> (Vec<Tok>, Vec<Sentence>) {
    let spans = crate::tokenize::token_spans(text);
    let mut toks: Vec<Tok> = Vec::with_capacity(spans.len());
    let mut sentences = Vec::new();
    let mut first = 0;
    let bytes = text.as_bytes();
    for (i, &(start, end)) in spans.iter().enumerate() {
        // A line break between this token and the one before ends a sentence.
        if let Some(prev) = toks.last() {
            if i > first
                && bytes
                    .get(prev.end..start)
                    .is_some_and(|gap| gap.contains(&b'\n'))
            {
                sentences.push(sentence(&toks, first, i));
                first = i;
            }
        }
        toks.push(Tok::new(text, start, end));
        let stop = matches!(bytes.get(start), Some(b'.' | b'!' | b'?'))
            && end - start == 1
            && bytes.get(end).is_none_or(|b| b.is_ascii_whitespace());
        if stop {
            sentences.push(sentence(&toks, first, i + 1));
            first = i + 1;
        }
    }
    if first < toks.len() {
        sentences.push(sentence(&toks, first, toks.len()));
    }
    (toks, sentences)
}

/// The sentence `toks[start..end]` with its regime.
fn sentence(toks: &[Tok], start: usize, end: usize) -> Sentence {
    let words = toks.get(start..end).unwrap_or_default();
    let uppers: usize = words.iter().map(|t| usize::from(t.uppers)).sum();
    let lowers: usize = words.iter().map(|t| usize::from(t.lowers)).sum();
    let long: Vec<&Tok> = words
        .iter()
        .filter(|t| t.is_word() && usize::from(t.uppers) + usize::from(t.lowers) >= 3)
        .collect();
    let regime = if uppers == 0 && lowers > 0 {
        Regime::Lower
    } else if lowers == 0 && uppers > 0 {
        Regime::Upper
    } else if long.len() >= 3 && long.iter().all(|t| t.cap == 1) {
        Regime::Title
    } else {
        Regime::Mixed
    };
    Sentence { start, end, regime }
}

/// Marks each token with the library's entity on it (`spans` sorted by
/// start, not overlapping; any that overlap an earlier one are skipped).
pub(crate) fn mark(toks: &mut [Tok], spans: &[LibSpan]) {
    let mut i = 0;
    for s in spans {
        while toks.get(i).is_some_and(|t| t.end <= s.start) {
            i += 1;
        }
        let mut inside = 0u8;
        let code = 1 + (s.label as u8 * 2 + u8::from(s.rule)) * 2;
        while let Some(t) = toks.get_mut(i) {
            if t.start >= s.end {
                break;
            }
            if t.lib == 0 {
                t.lib = code + inside;
                inside = 1;
            }
            i += 1;
        }
    }
}

/// The feature hashes of every token of `sentence`, `FEATURES` a token,
/// appended to `out`.
pub(crate) fn features(toks: &[Tok], sentence: Sentence, out: &mut Vec<u64>) {
    let words = toks.get(sentence.start..sentence.end).unwrap_or_default();
    let r = sentence.regime as u64;
    let at = |i: isize| -> Option<&Tok> { usize::try_from(i).ok().and_then(|i| words.get(i)) };
    let word = |i: isize| at(i).map_or(PAD, |t| t.word);
    let lib = |i: isize| at(i).map_or(PAD, |t| u64::from(t.lib));
    let cap = |i: isize| at(i).map_or(PAD, |t| u64::from(t.cap) | r << 8);
    out.reserve(words.len() * FEATURES);
    for (j, t) in words.iter().enumerate() {
        let i = j as isize;
        let first = u64::from(j == 0);
        let own = u64::from(t.cap) | r << 8 | first << 16;
        out.extend_from_slice(&[
            mix(0, r),
            mix(1, t.word),
            mix(2, t.shape ^ r),
            mix(3, t.pre3),
            mix(4, t.suf3),
            mix(5, t.pre2),
            mix(6, t.suf2),
            mix(7, own),
            mix(8, u64::from(t.lib)),
            mix(9, u64::from(t.lib) | own << 8),
            mix(10, word(i - 1)),
            mix(11, word(i + 1)),
            mix(12, word(i - 2)),
            mix(13, word(i + 2)),
            mix(14, cap(i - 1)),
            mix(15, cap(i + 1)),
            mix(16, lib(i - 1)),
            mix(17, lib(i + 1)),
            mix(18, lib(i - 2)),
            mix(19, lib(i + 2)),
            mix(20, word(i - 1) ^ t.word.rotate_left(17)),
            mix(21, t.word ^ word(i + 1).rotate_left(17)),
        ]);
    }
}

/// Whether the model leaves the entities of this rule out of its
/// features: the name rule's people (`rules/names-*.txt`). They are found
/// where the model is strongest (capitalized runs with known names); as a
/// feature they taught the model that a person is one the library found, and
/// it predicted fewer of the others (retrained on nergrit-train with them as
/// features: nergrit-valid 72.3, nerui-dev 85.3; without: 72.9, 85.9).
pub(crate) fn hidden_rule(rule: Option<crate::types::Rule>) -> bool {
    rule == Some(crate::types::Rule::Name)
}

/// The library's entities in `found` as the model's features.
pub(crate) fn library_spans<'a>(
    found: impl IntoIterator<Item = (usize, usize, &'a Label, bool, bool)>,
) -> Vec<LibSpan> {
    let mut out: Vec<LibSpan> = found
        .into_iter()
        .filter(|&(_, _, _, _, nested)| !nested)
        .map(|(start, end, label, rule, _)| LibSpan {
            start,
            end,
            label: match label {
                Label::Person => LibLabel::Person,
                Label::Organization => LibLabel::Organization,
                Label::Country | Label::Location => LibLabel::Place,
                Label::Weapon => LibLabel::Weapon,
                Label::Custom(_) => LibLabel::Other,
            },
            rule,
        })
        .collect();
    out.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regimes(text: &str) -> Vec<Regime> {
        tokens(text).1.into_iter().map(|s| s.regime).collect()
    }

    #[test]
    fn sentences_and_regimes() {
        assert_eq!(
            regimes("Budi pergi ke Bandung. ia pulang lagi.\nPRESIDEN TIBA DI SOLO\nHarga Cabai Naik Lagi"),
            [Regime::Mixed, Regime::Lower, Regime::Upper, Regime::Title]
        );
        // A number or an abbreviation without a blank after it ends nothing.
        assert_eq!(regimes("Rp10.000 naik 3.5 persen.").len(), 1);
        assert!(regimes("").is_empty());
    }

    #[test]
    fn words_hash_alike_in_every_case() {
        let a = Tok::new("Jakarta", 0, 7);
        let b = Tok::new("JAKARTA", 0, 7);
        let c = Tok::new("jakarta", 0, 7);
        assert_eq!((a.word, a.pre3, a.suf3), (b.word, b.pre3, b.suf3));
        assert_eq!(a.word, c.word);
        assert_ne!(a.shape, b.shape);
        assert_ne!(a.shape, c.shape);
        assert_eq!((a.cap, b.cap, c.cap), (1, 1, 0));
        assert_eq!(
            Tok::new("Jakarta", 0, 7).suf3,
            Tok::new("Sparta", 0, 6).suf3
        );
        assert_ne!(
            Tok::new("Jakarta", 0, 7).suf3,
            Tok::new("Jakartx", 0, 7).suf3
        );
    }

    #[test]
    fn offsets_slice_the_text() {
        let text = "Pak Édouard tiba di Ceuta-nya, kata AFP.";
        let (toks, _) = tokens(text);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            ["Pak", "Édouard", "tiba", "di", "Ceuta", "-", "nya", ",", "kata", "AFP", "."]
        );
    }

    #[test]
    fn library_tags_mark_tokens() {
        let text = "Presiden Joko Widodo ke Jawa Barat";
        let (mut toks, _) = tokens(text);
        let spans = [
            LibSpan {
                start: 9,
                end: 20,
                label: LibLabel::Person,
                rule: true,
            },
            LibSpan {
                start: 24,
                end: 34,
                label: LibLabel::Place,
                rule: false,
            },
        ];
        mark(&mut toks, &spans);
        let lib: Vec<u8> = toks.iter().map(|t| t.lib).collect();
        // PERSON by a rule: 1 + (0*2+1)*2 = 3, inside 4; a gazetteer place: 1 + 4*2 = 9, 10.
        assert_eq!(lib, [0, 3, 4, 0, 9, 10]);
    }

    #[test]
    fn features_are_fixed_per_token_and_see_neighbours() {
        let text = "Budi Santoso pergi";
        let (toks, sentences) = tokens(text);
        let mut f = Vec::new();
        features(&toks, sentences[0], &mut f);
        assert_eq!(f.len(), 3 * FEATURES);
        let mut g = Vec::new();
        features(&toks, sentences[0], &mut g);
        assert_eq!(f, g, "deterministic");
        // The same word next to another neighbour: its own features agree,
        // the neighbour's differ.
        let (toks2, s2) = tokens("Budi Hartono pergi");
        let mut h = Vec::new();
        features(&toks2, s2[0], &mut h);
        assert_eq!(f[1], h[1]);
        assert_ne!(f[11], h[11]);
    }

    #[test]
    fn transitions_keep_spans_whole() {
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert!(allowed(Some(6), 0));
    }
}
