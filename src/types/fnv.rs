//! FNV-1a hashing for the crate's maps and sets keyed by short words.
//!
//! The standard hasher (SipHash) is built to resist chosen keys, at several
//! times the cost per short key; these tables hold fixed word lists (common
//! words, rule words) or a text's own words, where a slow lookup is the
//! worst an unlucky text can cause.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// FNV-1a, 64 bits.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A `HashMap` with [`Fnv`].
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A `HashSet` with [`Fnv`].
pub(crate) type FnvSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;
