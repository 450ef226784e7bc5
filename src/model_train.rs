//! Training the tagger: an averaged structured perceptron, deterministic
//! (fixed seed, fixed order, integer updates), over examples whose
//! library features come from running the library itself.
//!
//! Not part of the stable API: `examples/train_model.rs` and the
//! reproducibility test use it.

use crate::model::features::{self, library_spans, Kind, LibSpan, FEATURES, TAGS};
use crate::model::tagger::{row, viterbi, Weights};
use crate::types::Rule;
use crate::{Entity, Extractor};

/// One training sentence: a text and its gold spans (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The text.
    pub text: String,
    /// Gold spans: byte start, byte end, and `PER`, `ORG` or `LOC`
    /// (others are ignored).
    pub spans: Vec<(usize, usize, String)>,
}

impl Example {
    /// An example from char offsets (as the corpora's JSONL gives them);
    /// `None` if an offset is past the text.
    pub fn from_chars(text: &str, spans: &[(usize, usize, String)]) -> Option<Example> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let spans = spans
            .iter()
            .map(|(s, e, l)| Some((*bytes.get(*s)?, *bytes.get(*e)?, l.clone())))
            .collect::<Option<Vec<_>>>()?;
        Some(Example {
            text: text.to_string(),
            spans,
        })
    }

    /// The example written all in lower case (`lower`) or all in upper
    /// case, the gold spans kept; `None` where a char changes its length
    /// in chars under the change (as `make_variant.py` leaves such
    /// records out).
    pub fn recased(&self, lower: bool) -> Option<Example> {
        let chars: Vec<(usize, char)> = self.text.char_indices().collect();
        let mut text = String::with_capacity(self.text.len());
        // The new byte offset of each old char start (and the end).
        let mut at = Vec::with_capacity(chars.len() + 1);
        for &(_, c) in &chars {
            at.push(text.len());
            let mut n = 0;
            if lower {
                for l in c.to_lowercase() {
                    text.push(l);
                    n += 1;
                }
            } else {
                for u in c.to_uppercase() {
                    text.push(u);
                    n += 1;
                }
            }
            if n != 1 {
                return None;
            }
        }
        at.push(text.len());
        let old = |b: usize| chars.partition_point(|&(o, _)| o < b);
        let spans = self
            .spans
            .iter()
            .map(|(s, e, l)| Some((*at.get(old(*s))?, *at.get(old(*e))?, l.clone())))
            .collect::<Option<Vec<_>>>()?;
        Some(Example { text, spans })
    }
}

/// How to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The feature table has `1 << bits` rows.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: u32,
    /// Seed of the order of each pass.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bits: 18,
            epochs: 12,
            seed: 19,
        }
    }
}

/// The library's entities as features, from `extract`'s output.
fn from_entities(entities: &[Entity]) -> Vec<LibSpan> {
    library_spans(
        entities
            .iter()
            .filter(|e| e.source != *Rule::Name.source())
            .map(|e| {
                (
                    e.byte_start,
                    e.byte_end,
                    &e.label,
                    e.source.starts_with("rule:"),
                    e.nested,
                )
            }),
    )
}

/// One sentence ready for training: feature rows and gold tags.
struct Prepared {
    rows: Vec<u32>,
    gold: Vec<u8>,
}

/// Feature rows and gold tags of every sentence of `examples`, with the
/// library features `library` finds (it must be built without the model).
fn prepare(library: &Extractor, examples: &[Example], bits: u32) -> Vec<Prepared> {
    let mut out = Vec::new();
    let mut feats = Vec::new();
    for ex in examples {
        let (mut toks, sentences) = features::tokens(&ex.text);
        features::mark(&mut toks, &from_entities(&library.extract(&ex.text)));
        // Gold: a token inside a gold span is tagged with its kind.
        let mut gold = vec![0u8; toks.len()];
        for (s, e, l) in &ex.spans {
            let kind = match l.as_str() {
                "PER" | "PERSON" => Kind::Person,
                "ORG" | "ORGANIZATION" => Kind::Organization,
                "LOC" | "LOCATION" | "COUNTRY" => Kind::Location,
                _ => continue,
            };
            let mut first = true;
            for (t, g) in toks.iter().zip(gold.iter_mut()) {
                if t.start >= *s && t.end <= *e && *g == 0 {
                    *g = if first {
                        kind.begin()
                    } else {
                        kind.begin() + 1
                    };
                    first = false;
                }
            }
        }
        for sentence in sentences {
            feats.clear();
            features::features(&toks, sentence, &mut feats);
            let mut g: Vec<u8> = gold
                .get(sentence.start..sentence.end)
                .unwrap_or_default()
                .to_vec();
            // A span cut by a sentence end starts again as B.
            let mut prev = None;
            for t in &mut g {
                if !features::allowed(prev, *t) {
                    *t -= 1;
                }
                prev = Some(*t);
            }
            out.push(Prepared {
                rows: feats
                    .iter()
                    .map(|&h| u32::try_from(row(h, bits)).expect("a table of at most 2^32 rows"))
                    .collect(),
                gold: g,
            });
        }
    }
    out
}

/// Weights and their running sums for averaging: `w` and `Σ c·Δw`.
struct Averaged<const N: usize> {
    w: Vec<[i32; N]>,
    u: Vec<[i64; N]>,
}

impl<const N: usize> Averaged<N> {
    fn new(rows: usize) -> Self {
        Averaged {
            w: vec![[0; N]; rows],
            u: vec![[0; N]; rows],
        }
    }

    fn add(&mut self, r: usize, t: usize, d: i32, c: i64) {
        if let (Some(w), Some(u)) = (self.w.get_mut(r), self.u.get_mut(r)) {
            if let (Some(w), Some(u)) = (w.get_mut(t), u.get_mut(t)) {
                *w += d;
                *u += c * i64::from(d);
            }
        }
    }

    /// The averaged weight of row `r`, tag `t` after `c` steps.
    fn avg(&self, r: usize, t: usize, c: i64) -> f64 {
        let w = self.w.get(r).and_then(|w| w.get(t)).copied().unwrap_or(0);
        let u = self.u.get(r).and_then(|u| u.get(t)).copied().unwrap_or(0);
        f64::from(w) - u as f64 / c as f64
    }
}

/// The order of one pass: Fisher–Yates with xorshift64*, from `seed`.
fn order(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..n).rev() {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
        v.swap(i, usize::try_from(r % (i as u64 + 1)).unwrap_or(0));
    }
    v
}

/// Trains a model on `examples` and returns it in its file format. The
/// library features come from `library`, which must not use the model
/// (build it with `model(false)`). The same inputs give the same bytes.
pub fn train(library: &Extractor, examples: &[Example], options: &Options) -> Vec<u8> {
    let bits = options.bits.clamp(8, 24);
    let data = prepare(library, examples, bits);
    let mut emit = Averaged::<TAGS>::new(1 << bits);
    let mut trans = Averaged::<TAGS>::new(TAGS + 1);
    let mut c: i64 = 1;
    let (mut scores, mut back, mut tags) = (Vec::new(), Vec::new(), Vec::new());
    let mut current = [[0i32; TAGS]; TAGS + 1];
    for epoch in 0..options.epochs {
        for i in order(data.len(), options.seed ^ u64::from(epoch) << 32) {
            let Some(p) = data.get(i) else { continue };
            scores.clear();
            for f in p.rows.chunks_exact(FEATURES) {
                let mut s = [0i32; TAGS];
                for &r in f {
                    if let Some(w) = emit.w.get(r as usize) {
                        for (s, &w) in s.iter_mut().zip(w) {
                            *s += w;
                        }
                    }
                }
                scores.push(s);
            }
            for (r, row) in current.iter_mut().enumerate() {
                *row = trans.w.get(r).copied().unwrap_or_default();
            }
            viterbi(&scores, &current, None, &mut back, &mut tags);
            if tags != p.gold {
                let mut prev = (TAGS, TAGS);
                for (k, (&g, &t)) in p.gold.iter().zip(tags.iter()).enumerate() {
                    let (g, t) = (usize::from(g), usize::from(t));
                    if g != t {
                        for &r in p
                            .rows
                            .get(k * FEATURES..(k + 1) * FEATURES)
                            .unwrap_or_default()
                        {
                            emit.add(r as usize, g, 1, c);
                            emit.add(r as usize, t, -1, c);
                        }
                    }
                    if (prev.0, g) != (prev.1, t) {
                        trans.add(prev.0, g, 1, c);
                        trans.add(prev.1, t, -1, c);
                    }
                    prev = (g, t);
                }
            }
            c += 1;
        }
    }
    quantize(&emit, &trans, bits, c).to_bytes()
}

/// The averaged weights as `i16` (emissions) and `i32` (transitions), one
/// scale for both: the largest emission weight becomes `i16::MAX`.
// The weights are rounded to integers and clamped to their type's range
// (i16 emissions, i32 transitions) and the scale is a factor near 1: the
// float-to-int and f64-to-f32 casts lose nothing that matters.
#[allow(clippy::cast_possible_truncation)]
fn quantize(emit: &Averaged<TAGS>, trans: &Averaged<TAGS>, bits: u32, c: i64) -> Weights {
    let mut max = 0f64;
    for r in 0..emit.w.len() {
        for t in 0..TAGS {
            max = max.max(emit.avg(r, t, c).abs());
        }
    }
    let scale = if max > 0.0 {
        f64::from(i16::MAX) / max
    } else {
        1.0
    };
    let q = |x: f64| (x * scale).round();
    let mut out = Weights {
        bits,
        scale: scale as f32,
        trans: [[0; TAGS]; TAGS + 1],
        emit: vec![[0; crate::model::tagger::ROW]; 1 << bits],
    };
    for (r, row) in out.trans.iter_mut().enumerate() {
        for (t, w) in row.iter_mut().enumerate() {
            *w = q(trans.avg(r, t, c)) as i32;
        }
    }
    for (r, row) in out.emit.iter_mut().enumerate() {
        for (t, w) in row.iter_mut().take(TAGS).enumerate() {
            *w = q(emit.avg(r, t, c)).clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16;
        }
    }
    out
}

/// FNV-1a (64 bits) of `bytes`: the checksum `models/README.md` records.
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What a model file holds: table bits, non-zero rows, bytes.
pub fn describe(bytes: &[u8]) -> Option<(u32, usize, usize)> {
    let w = Weights::from_bytes(bytes)?;
    let rows = w.emit.iter().filter(|r| r.iter().any(|&x| x != 0)).count();
    Some((w.bits, rows, bytes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recasing_keeps_spans_on_the_same_words() {
        let ex = Example::from_chars(
            "Kata Édi di Ōsaka.",
            &[(5, 8, "PER".into()), (12, 17, "LOC".into())],
        )
        .expect("offsets in the text");
        for lower in [true, false] {
            let v = ex.recased(lower).expect("no char changes length");
            let words: Vec<&str> = v.spans.iter().map(|(s, e, _)| &v.text[*s..*e]).collect();
            if lower {
                assert_eq!(words, ["édi", "ōsaka"]);
            } else {
                assert_eq!(words, ["ÉDI", "ŌSAKA"]);
            }
        }
        // `ß` becomes `SS`: the upper-case copy is left out.
        let ex = Example::from_chars("Straße", &[]).expect("text");
        assert_eq!(ex.recased(false), None);
    }

    #[test]
    fn the_order_of_a_pass_is_a_fixed_permutation() {
        let a = order(100, 7);
        assert_eq!(a, order(100, 7));
        assert_ne!(a, order(100, 8));
        let mut s = a.clone();
        s.sort_unstable();
        assert_eq!(s, (0..100).collect::<Vec<_>>());
    }
}
