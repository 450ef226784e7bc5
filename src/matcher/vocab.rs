//! The vocabulary of alias pieces: folded words in one arena, an
//! open-addressing table that folds ASCII case inside the lookup, and the
//! filters that let a miss or a word that starts nothing cost one probe.

use super::build::TooLarge;
use crate::tokenize::Piece;

/// Interned pieces: folded strings in one arena, looked up by an
/// open-addressing table. Lookups fold ASCII case on the fly, so ASCII text
/// is looked up without a lower-cased copy.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    pub(super) arena: String,
    /// `(start, end)` in `arena`, by id.
    pub(super) words: Vec<(u32, u32)>,
    /// The words by hash, open addressing; length a power of two, at most
    /// half full.
    pub(super) slots: Vec<Slot>,
    /// One bit per hash value (modulo its length, a power of two): set for
    /// the words present. Small enough to stay in cache, it answers most
    /// misses (most words of a text are in no alias) without touching
    /// `slots`.
    pub(super) filter: Vec<u64>,
    /// Ids of one-byte words by byte (both cases of a letter), for the
    /// commonest pieces: punctuation. Empty until the first is added.
    pub(super) single: Vec<u32>,
    /// Like `filter`, for the words that start a pattern or belong to a
    /// context phrase: the only ones whose id matters when no trie walk
    /// is under way. Set by [`Matcher::finish`].
    pub(super) wanted: Vec<u64>,
}

impl Vocab {
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// The id of `word` (bytes of folded text, or ASCII in any case).
    #[inline]
    pub(super) fn get(&self, word: &[u8]) -> u32 {
        self.lookup(word, 0, word.len(), true)
    }

    /// The id of the word `bytes[start..end]`, [`Piece::NONE`] if it has
    /// none; unless `all`, only for the words marked `wanted` (others get
    /// [`Piece::NONE`] too). The bytes around the word are read as well
    /// (and ignored), which makes hashing a short word cheap.
    #[inline(always)]
    pub(super) fn lookup(&self, bytes: &[u8], start: usize, end: usize, all: bool) -> u32 {
        // The `wanted` filter first, for one-byte words too: most pieces
        // stop there, whatever their length, after one predictable branch.
        if !all && !self.wanted.is_empty() {
            let (index, bits) = self.wanted_bits(quick_hash(bytes, start, end));
            if self.wanted.get(index).is_some_and(|w| w & bits != bits) {
                return Piece::NONE;
            }
        }
        let word = bytes.get(start..end).unwrap_or_default();
        if let [b] = word {
            if *b < 128 {
                return self
                    .single
                    .get(usize::from(*b))
                    .copied()
                    .unwrap_or(Piece::NONE);
            }
        }
        if self.slots.is_empty() {
            return Piece::NONE;
        }
        let hash = hash_span(bytes, start, end);
        let bit = (hash >> 40) as usize & (self.filter.len() * 64 - 1);
        if self
            .filter
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) == 0)
        {
            return Piece::NONE;
        }
        let len = u32::try_from(word.len()).unwrap_or(u32::MAX);
        let head = lower8(load8(bytes, start, word.len().min(8)));
        let mask = self.slots.len() - 1;
        let mut i = usize::try_from(hash & mask as u64).unwrap_or(0);
        loop {
            match self.slots.get(i) {
                Some(slot) if slot.id1 != 0 => {
                    if slot.head == head
                        && slot.len == len
                        && (len <= 8 || self.tail_is((slot.id1 - 1) as usize, word))
                    {
                        return slot.id1 - 1;
                    }
                }
                _ => return Piece::NONE,
            }
            i = (i + 1) & mask;
        }
    }

    /// Marks word `id` as wanted (see `wanted`).
    pub(super) fn want(&mut self, id: u32) {
        if self.wanted.len() != self.filter.len() {
            self.wanted = vec![0; self.filter.len()];
        }
        let Some(&(s, e)) = self.words.get(id as usize) else {
            return;
        };
        let word = self
            .arena
            .as_bytes()
            .get(s as usize..e as usize)
            .unwrap_or_default();
        let (index, bits) = self.wanted_bits(quick_hash(word, 0, word.len()));
        if let Some(w) = self.wanted.get_mut(index) {
            *w |= bits;
        }
    }

    /// Where a word of [`quick_hash`] `hash` is marked in `wanted`: two bits
    /// of one 64-bit word (so a word not wanted passes half as often as
    /// with one bit, for the same single memory read).
    #[inline]
    pub(super) fn wanted_bits(&self, hash: u64) -> (usize, u64) {
        let index = (hash >> 40) as usize & (self.wanted.len() - 1);
        let bits = 1 << ((hash >> 34) & 63) | 1 << ((hash >> 28) & 63);
        (index, bits)
    }

    /// Whether `word` (of word `id`'s length, its first 8 bytes already
    /// compared in the slot) folds to word `id` after its first 8 bytes.
    pub(super) fn tail_is(&self, id: usize, word: &[u8]) -> bool {
        let Some(&(s, e)) = self.words.get(id) else {
            return false;
        };
        let stored = self
            .arena
            .as_bytes()
            .get(s as usize + 8..e as usize)
            .unwrap_or_default();
        let tail = word.get(8..).unwrap_or_default();
        stored.len() == tail.len()
            && stored
                .iter()
                .zip(tail)
                .all(|(a, b)| *a == b.to_ascii_lowercase())
    }

    /// The id of folded `word`, added if new.
    pub(super) fn intern(&mut self, word: &str) -> Result<u32, TooLarge> {
        let id = self.get(word.as_bytes());
        if id != Piece::NONE {
            return Ok(id);
        }
        let id = u32::try_from(self.words.len())
            .ok()
            .filter(|&id| id < Piece::NONE - 1)
            .ok_or(TooLarge)?;
        let start = u32::try_from(self.arena.len()).map_err(|_| TooLarge)?;
        self.arena.push_str(word);
        let end = u32::try_from(self.arena.len()).map_err(|_| TooLarge)?;
        self.words.push((start, end));
        self.note_single(word.as_bytes(), id);
        if (self.words.len()) * 2 > self.slots.len() {
            self.rehash();
        } else {
            self.place(id);
        }
        Ok(id)
    }

    /// Records `id` in `single` if `word` is one ASCII byte.
    pub(super) fn note_single(&mut self, word: &[u8], id: u32) {
        if let [b] = word {
            if *b < 128 {
                if self.single.is_empty() {
                    self.single = vec![Piece::NONE; 128];
                }
                for c in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                    if let Some(slot) = self.single.get_mut(usize::from(c)) {
                        *slot = id;
                    }
                }
            }
        }
    }

    pub(super) fn rehash(&mut self) {
        let size = (self.words.len() * 2).next_power_of_two().max(64);
        self.slots = vec![Slot::default(); size];
        self.filter = vec![0; (size * 4 / 64).max(1024)];
        for id in 0..u32::try_from(self.words.len()).unwrap_or(u32::MAX) {
            self.place(id);
        }
    }

    /// Puts word `id` in `filter` and `slots`.
    pub(super) fn place(&mut self, id: u32) {
        let (s, e) = self.words.get(id as usize).copied().unwrap_or_default();
        let word = self
            .arena
            .as_bytes()
            .get(s as usize..e as usize)
            .unwrap_or_default();
        let hash = hash_folded(word);
        let new = Slot {
            head: lower8(load8(word, 0, word.len().min(8))),
            id1: id + 1,
            len: u32::try_from(word.len()).unwrap_or(u32::MAX),
        };
        let bit = (hash >> 40) as usize & (self.filter.len() * 64 - 1);
        if let Some(w) = self.filter.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
        let mask = self.slots.len() - 1;
        let mut i = usize::try_from(hash & mask as u64).unwrap_or(0);
        while let Some(slot) = self.slots.get_mut(i) {
            if slot.id1 == 0 {
                *slot = new;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word in [`Vocab::slots`]: its first 8 bytes (ASCII case folded, zero
/// after its end) and its length, which decide most lookups without reading
/// the arena, and its id + 1 (`0` marks an empty slot).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Slot {
    pub(super) head: u64,
    id1: u32,
    pub(super) len: u32,
}

/// A fast hash of `word`, the same for every ASCII case of it (FxHash-style,
/// one multiply per 8 bytes, then a final mix).
#[inline]
pub(super) fn hash_folded(word: &[u8]) -> u64 {
    hash_span(word, 0, word.len())
}

/// [`hash_folded`] of `bytes[start..end]`, read in place: 8 bytes at a time,
/// the last few loaded with the bytes after them and masked off, so that a
/// short word costs one load instead of a byte-by-byte copy.
#[inline]
pub(super) fn hash_span(bytes: &[u8], start: usize, end: usize) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let len = end.saturating_sub(start);
    let mut h: u64 = len as u64;
    let mut at = start;
    while at < end {
        let x = load8(bytes, at, (end - at).min(8));
        h = (h.rotate_left(5) ^ caseless8(x)).wrapping_mul(K);
        at += 8;
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// A cheaper hash than [`hash_span`] for the `wanted` filter: the first 8
/// bytes (ASCII case ignored) and the length, one multiply.
#[inline]
pub(super) fn quick_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let len = end.saturating_sub(start);
    let x = caseless8(load8(bytes, start, len.min(8))) ^ ((len as u64) << 59);
    x.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Masks of the low `n` bytes of a word, by `n` (a load is cheaper than a
/// shift by a variable amount).
// Evaluated at compile time: an out-of-bounds index would fail the build.
#[allow(clippy::indexing_slicing)]
pub(super) const LOW_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// `bytes[at..at + len]` (`len` <= 8) as a little-endian word, zero-padded.
#[inline]
pub(super) fn load8(bytes: &[u8], at: usize, len: usize) -> u64 {
    if let Some(window) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(window).unwrap_or_default());
        x & LOW_BYTES.get(len).copied().unwrap_or(u64::MAX)
    } else {
        let mut b = [0u8; 8];
        for (d, s) in b
            .iter_mut()
            .zip(bytes.get(at..at + len).unwrap_or_default())
        {
            *d = *s;
        }
        u64::from_le_bytes(b)
    }
}

/// The 8 bytes packed in `x` with bit 5 set in each: the same for a byte and
/// its ASCII lower case, which is all a hash needs (it turns more than
/// `A`-`Z` into other bytes, but consistently, so equal words still hash
/// alike; in ASCII words, of letters and digits only, it is the lower
/// case). One instruction instead of [`lower8`]'s eight.
#[inline]
pub(super) fn caseless8(x: u64) -> u64 {
    x | 0x2020_2020_2020_2020
}

/// ASCII-lower-cases the 8 bytes packed in `x` (bytes >= 0x80 unchanged).
#[inline]
pub(super) fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit of each byte set where the byte is in b'A'..=b'Z'.
    let ascii = !x & HIGH;
    let ge_a = (x & !HIGH).wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let gt_z = (x & !HIGH).wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    let upper = ascii & ge_a & !gt_z & HIGH;
    x | (upper >> 2)
}
