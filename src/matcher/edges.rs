//! The trie's transitions: `edge_key` (node, piece id, blank before) to
//! the next node, in one open-addressing table.

/// Trie transitions: `edge_key` → node, open addressing.
#[derive(Debug, Default)]
pub(super) struct Edges {
    pub(super) keys: Vec<u64>,
    pub(super) values: Vec<u32>,
    pub(super) len: usize,
}

impl Edges {
    const EMPTY: u64 = u64::MAX;

    /// The `(key, node)` pairs, in table order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(k, _)| **k != Self::EMPTY)
            .map(|(k, v)| (*k, *v))
    }

    /// The values, to change in place.
    pub(super) fn values_mut(&mut self) -> impl Iterator<Item = &mut u32> + '_ {
        self.keys
            .iter()
            .zip(&mut self.values)
            .filter(|(k, _)| **k != Self::EMPTY)
            .map(|(_, v)| v)
    }

    /// Room for `n` keys without growing.
    pub(super) fn reserve(&mut self, n: usize) {
        if n * 2 > self.keys.len() {
            let size = (n * 2).next_power_of_two().max(64);
            let old: Vec<(u64, u32)> = self.iter().collect();
            self.keys = vec![Self::EMPTY; size];
            self.values = vec![0; size];
            self.len = 0;
            for (k, v) in old {
                self.put(k, v);
            }
        }
    }

    #[inline]
    pub(super) fn slot(key: u64, mask: usize) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
    }

    #[inline]
    pub(super) fn get(&self, key: u64) -> Option<u32> {
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut i = Self::slot(key, mask);
        loop {
            match self.keys.get(i) {
                Some(&k) if k == key => return self.values.get(i).copied(),
                Some(&k) if k != Self::EMPTY => i = (i + 1) & mask,
                _ => return None,
            }
        }
    }

    pub(super) fn insert(&mut self, key: u64, value: u32) {
        self.reserve(self.len + 1);
        self.put(key, value);
    }

    pub(super) fn put(&mut self, key: u64, value: u32) {
        let mask = self.keys.len() - 1;
        let mut i = Self::slot(key, mask);
        while let Some(k) = self.keys.get_mut(i) {
            if *k == Self::EMPTY || *k == key {
                if *k == Self::EMPTY {
                    self.len += 1;
                }
                *k = key;
                if let Some(v) = self.values.get_mut(i) {
                    *v = value;
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }
}
