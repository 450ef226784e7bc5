//! The tagger's weights and inference: emission scores from hashed
//! features, Viterbi over the seven BIO tags, the model file format.
//!
//! File (little-endian): `ENTTAG01`, the table's bits (`u32`), the scale
//! (`f32`: weight units per perceptron update), 8 × 7 transition weights
//! (`i32`; row 7 is the sentence start), then the emission table: for each
//! non-zero row, its index (`u32`) and its seven weights (`i16`), in
//! index order, ended by `u32::MAX`.

use super::features::{allowed, TAGS};

const MAGIC: &[u8; 8] = b"ENTTAG01";

/// A trained tagger: `1 << bits` rows of seven quantized weights.
#[derive(Clone, PartialEq)]
pub(crate) struct Weights {
    pub(crate) bits: u32,
    /// Weight units per perceptron update.
    pub(crate) scale: f32,
    /// `trans[prev][tag]`, `prev == 7` at the sentence start.
    pub(crate) trans: [[i32; TAGS]; TAGS + 1],
    /// The emission rows, padded to eight weights (the last always 0) so
    /// that a row is one aligned 16-byte load.
    pub(crate) emit: Vec<[i16; ROW]>,
}

/// Weights a row holds: the seven tags and one pad.
pub(crate) const ROW: usize = 8;

impl std::fmt::Debug for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Weights")
            .field("bits", &self.bits)
            .field("scale", &self.scale)
            .finish_non_exhaustive()
    }
}

/// The row of feature hash `h` in a table of `1 << bits` rows.
#[inline]
pub(crate) fn row(h: u64, bits: u32) -> usize {
    usize::try_from(h >> (64 - bits)).unwrap_or(usize::MAX)
}

impl Weights {
    /// The model in its file format.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for r in &self.trans {
            for w in r {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for (i, r) in self.emit.iter().enumerate() {
            if r.iter().any(|&w| w != 0) {
                let i = u32::try_from(i).expect("a table of at most 2^32 rows");
                out.extend_from_slice(&i.to_le_bytes());
                for w in r.iter().take(TAGS) {
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        out.extend_from_slice(&u32::MAX.to_le_bytes());
        out
    }

    /// Reads a model file; `None` if it is not one.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Weights> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Option<&[u8]> {
            let s = bytes.get(at..at.checked_add(n)?)?;
            at += n;
            Some(s)
        };
        if take(8)? != MAGIC {
            return None;
        }
        let u32_of = |s: &[u8]| s.try_into().ok().map(u32::from_le_bytes);
        let bits = u32_of(take(4)?)?;
        if !(8..=24).contains(&bits) {
            return None;
        }
        let scale = f32::from_le_bytes(take(4)?.try_into().ok()?);
        let mut trans = [[0i32; TAGS]; TAGS + 1];
        for r in &mut trans {
            for w in r.iter_mut() {
                *w = i32::from_le_bytes(take(4)?.try_into().ok()?);
            }
        }
        let mut emit = vec![[0i16; ROW]; 1 << bits];
        loop {
            let i = u32_of(take(4)?)?;
            if i == u32::MAX {
                break;
            }
            let r = emit.get_mut(i as usize)?;
            for w in r.iter_mut().take(TAGS) {
                *w = i16::from_le_bytes(take(2)?.try_into().ok()?);
            }
        }
        Some(Weights {
            bits,
            scale,
            trans,
            emit,
        })
    }

    /// The emission scores of each token whose features are `feats`
    /// (`per` hashes a token), appended to `out`.
    #[inline]
    pub(crate) fn emissions(&self, feats: &[u64], per: usize, out: &mut Vec<[i32; TAGS]>) {
        out.reserve(feats.len() / per.max(1));
        for f in feats.chunks_exact(per) {
            let mut s = [0i32; ROW];
            for &h in f {
                if let Some(r) = self.emit.get(row(h, self.bits)) {
                    for (s, &w) in s.iter_mut().zip(r) {
                        *s += i32::from(w);
                    }
                }
            }
            let [a, b, c, d, e, f, g, _] = s;
            out.push([a, b, c, d, e, f, g]);
        }
    }
}

/// The best tag sequence for `emit` under `trans`, and its score;
/// tokens in `outside` (a token range) must be `O`. `back` is scratch.
pub(crate) fn viterbi(
    emit: &[[i32; TAGS]],
    trans: &[[i32; TAGS]; TAGS + 1],
    outside: Option<(usize, usize)>,
    back: &mut Vec<[u8; TAGS]>,
    tags: &mut Vec<u8>,
) -> i64 {
    const NONE: i64 = i64::MIN / 4;
    tags.clear();
    back.clear();
    if emit.is_empty() {
        return 0;
    }
    let forced = |i: usize| outside.is_some_and(|(a, b)| (a..b).contains(&i));
    let [rows @ .., first] = trans;
    let mut score = [NONE; TAGS];
    for (i, e) in emit.iter().enumerate() {
        let mut next = [NONE; TAGS];
        let mut from = [0u8; TAGS];
        let cells = next
            .iter_mut()
            .zip(from.iter_mut())
            .zip(e.iter().zip(first));
        for (tag, ((n, f), (&own, &start))) in (0u8..).zip(cells) {
            let t = usize::from(tag);
            if forced(i) && tag != 0 {
                continue;
            }
            let own = i64::from(own);
            if i == 0 {
                if allowed(None, tag) {
                    *n = own + i64::from(start);
                }
                continue;
            }
            for (p, (&s, row)) in (0u8..).zip(score.iter().zip(rows)) {
                if s == NONE || !allowed(Some(p), tag) {
                    continue;
                }
                let v = s + i64::from(row.get(t).copied().unwrap_or(0)) + own;
                if v > *n {
                    (*n, *f) = (v, p);
                }
            }
        }
        score = next;
        back.push(from);
    }
    let (mut best, mut top) = (0u8, NONE);
    for (t, &s) in (0u8..).zip(score.iter()) {
        if s > top {
            (best, top) = (t, s);
        }
    }
    tags.resize(emit.len(), 0);
    let mut t = best;
    for i in (0..emit.len()).rev() {
        if let Some(slot) = tags.get_mut(i) {
            *slot = t;
        }
        if i > 0 {
            t = back
                .get(i)
                .and_then(|b| b.get(usize::from(t)))
                .copied()
                .unwrap_or(0);
        }
    }
    top
}

/// The best scores of every prefix and suffix of a sentence, so that the
/// best path with any token range forced to `O` costs the range's length,
/// not a Viterbi pass of its own (one pass per span made a long sentence
/// with many spans quadratic).
#[derive(Debug, Default)]
pub(crate) struct Outside {
    /// `fwd[k][t]`: the best score of tokens `0..=k` ending in tag `t`.
    fwd: Vec<[i64; TAGS]>,
    /// `bwd[k][t]`: the best score of tokens `k + 1..` after tag `t` at `k`.
    bwd: Vec<[i64; TAGS]>,
}

const NO_PATH: i64 = i64::MIN / 4;

impl Outside {
    /// Fills both tables for `emit` under `trans`.
    pub(crate) fn fill(&mut self, emit: &[[i32; TAGS]], trans: &[[i32; TAGS]; TAGS + 1]) {
        let [rows @ .., first] = trans;
        let row = |p: usize, t: usize| {
            i64::from(rows.get(p).and_then(|r| r.get(t)).copied().unwrap_or(0))
        };
        self.fwd.clear();
        self.bwd.clear();
        let mut score = [NO_PATH; TAGS];
        for (i, e) in emit.iter().enumerate() {
            let mut next = [NO_PATH; TAGS];
            for (tag, n) in (0u8..).zip(next.iter_mut()) {
                let t = usize::from(tag);
                let own = i64::from(e.get(t).copied().unwrap_or(0));
                if i == 0 {
                    if allowed(None, tag) {
                        *n = own + i64::from(first.get(t).copied().unwrap_or(0));
                    }
                    continue;
                }
                for (p, &s) in (0u8..).zip(score.iter()) {
                    if s != NO_PATH && allowed(Some(p), tag) {
                        *n = (*n).max(s + row(usize::from(p), t) + own);
                    }
                }
            }
            score = next;
            self.fwd.push(score);
        }
        self.bwd.resize(emit.len(), [0; TAGS]);
        for k in (0..emit.len().saturating_sub(1)).rev() {
            let (Some(e), Some(&after)) = (emit.get(k + 1), self.bwd.get(k + 1)) else {
                continue;
            };
            let mut here = [NO_PATH; TAGS];
            for (t, h) in (0u8..).zip(here.iter_mut()) {
                for (u, &b) in (0u8..).zip(after.iter()) {
                    if b != NO_PATH && allowed(Some(t), u) {
                        let (t, u) = (usize::from(t), usize::from(u));
                        let own = i64::from(e.get(u).copied().unwrap_or(0));
                        *h = (*h).max(row(t, u) + own + b);
                    }
                }
            }
            if let Some(slot) = self.bwd.get_mut(k) {
                *slot = here;
            }
        }
    }

    /// The best score with tokens `a..b` all `O`: what
    /// [`viterbi`] with `outside = Some((a, b))` returns.
    pub(crate) fn forced(
        &self,
        emit: &[[i32; TAGS]],
        trans: &[[i32; TAGS]; TAGS + 1],
        a: usize,
        b: usize,
    ) -> i64 {
        let [rows @ .., first] = trans;
        let o = |k: usize| i64::from(emit.get(k).map_or(0, |e| e[0]));
        let oo = i64::from(rows.first().map_or(0, |r| r[0]));
        let mut score = if a == 0 {
            i64::from(first[0]) + o(0)
        } else {
            let Some(before) = self.fwd.get(a - 1) else {
                return NO_PATH;
            };
            let mut best = NO_PATH;
            for (p, &s) in (0u8..).zip(before.iter()) {
                if s != NO_PATH && allowed(Some(p), 0) {
                    let to_o = i64::from(rows.get(usize::from(p)).map_or(0, |r| r[0]));
                    best = best.max(s + to_o);
                }
            }
            best + o(a)
        };
        for k in a + 1..b {
            score += oo + o(k);
        }
        score + self.bwd.get(b.saturating_sub(1)).map_or(0, |r| r[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(emit: &[[i32; TAGS]], trans: &[[i32; TAGS]; TAGS + 1]) -> (Vec<u8>, i64) {
        let (mut back, mut tags) = (Vec::new(), Vec::new());
        let s = viterbi(emit, trans, None, &mut back, &mut tags);
        (tags, s)
    }

    /// Every tag sequence's score, to check Viterbi against.
    fn brute(emit: &[[i32; TAGS]], trans: &[[i32; TAGS]; TAGS + 1]) -> (Vec<u8>, i64) {
        let n = emit.len();
        let mut best = (Vec::new(), i64::MIN);
        for code in 0..TAGS.pow(n as u32) {
            let tags: Vec<u8> = (0..n)
                .map(|i| (code / TAGS.pow(i as u32) % TAGS) as u8)
                .collect();
            let mut prev = None;
            let mut s = 0i64;
            let mut ok = true;
            for (i, &t) in tags.iter().enumerate() {
                ok &= allowed(prev, t);
                s += i64::from(emit[i][t as usize])
                    + i64::from(trans[prev.map_or(TAGS, usize::from)][t as usize]);
                prev = Some(t);
            }
            if ok && s > best.1 {
                best = (tags, s);
            }
        }
        best
    }

    #[test]
    fn viterbi_finds_the_best_allowed_path() {
        // A small deterministic generator: the same cases on every run.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 41) as i32 - 20
        };
        for n in 1..=4 {
            for _ in 0..25 {
                let emit: Vec<[i32; TAGS]> = (0..n).map(|_| [0; TAGS].map(|_| next())).collect();
                let mut trans = [[0; TAGS]; TAGS + 1];
                for r in &mut trans {
                    *r = r.map(|_| next());
                }
                let (tags, score) = run(&emit, &trans);
                assert_eq!((tags.clone(), score).1, brute(&emit, &trans).1, "{emit:?}");
                let mut prev = None;
                for &t in &tags {
                    assert!(allowed(prev, t));
                    prev = Some(t);
                }
            }
        }
    }

    #[test]
    fn outside_tables_give_the_forced_viterbi_score() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 61) as i32 - 30
        };
        let (mut back, mut tags, mut outside) = (Vec::new(), Vec::new(), Outside::default());
        for n in 1..=9 {
            for _ in 0..20 {
                let emit: Vec<[i32; TAGS]> = (0..n).map(|_| [0; TAGS].map(|_| next())).collect();
                let mut trans = [[0; TAGS]; TAGS + 1];
                for r in &mut trans {
                    *r = r.map(|_| next());
                }
                outside.fill(&emit, &trans);
                for a in 0..n {
                    for b in a + 1..=n {
                        let want = viterbi(&emit, &trans, Some((a, b)), &mut back, &mut tags);
                        assert_eq!(
                            outside.forced(&emit, &trans, a, b),
                            want,
                            "{a}..{b} {emit:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn an_inside_tag_never_starts_a_span() {
        // I-PER scores best everywhere, but may only follow B-PER.
        let emit = vec![[0, 5, 9, 0, 0, 0, 0]; 3];
        let (tags, _) = run(&emit, &[[0; TAGS]; TAGS + 1]);
        assert_eq!(tags, [1, 2, 2]);
    }

    #[test]
    fn forced_outside_tokens_are_o() {
        let emit = vec![[0, 5, 9, 0, 0, 0, 0]; 3];
        let (mut back, mut tags) = (Vec::new(), Vec::new());
        let s = viterbi(
            &emit,
            &[[0; TAGS]; TAGS + 1],
            Some((0, 2)),
            &mut back,
            &mut tags,
        );
        assert_eq!(tags, [0, 0, 1]);
        assert_eq!(s, 5);
    }

    #[test]
    fn the_file_format_round_trips() {
        let mut w = Weights {
            bits: 8,
            scale: 1.5,
            trans: [[3; TAGS]; TAGS + 1],
            emit: vec![[0; ROW]; 256],
        };
        w.emit[7] = [1, -2, 3, -4, 5, -6, 7, 0];
        w.emit[255] = [i16::MAX, 0, 0, 0, 0, 0, i16::MIN, 0];
        let bytes = w.to_bytes();
        assert_eq!(Weights::from_bytes(&bytes), Some(w));
        assert_eq!(Weights::from_bytes(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Weights::from_bytes(b"nonsense"), None);
    }
}
