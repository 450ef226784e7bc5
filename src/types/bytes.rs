//! The byte primitives of the compiled gazetteers (`gazetteers/defaults.snapshot`):
//! little-endian values written by [`Writer`], read back checked by [`Reader`].

/// Appends little-endian values.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct Writer(pub(crate) Vec<u8>);

#[cfg(test)]
impl Writer {
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.0.extend_from_slice(b);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    /// A length or index (32 bits: the defaults are far smaller).
    pub(crate) fn len(&mut self, v: usize) {
        self.u32(u32::try_from(v).unwrap_or(u32::MAX));
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes(s.as_bytes());
    }
    /// Flags, one byte each, their count first.
    pub(crate) fn flags(&mut self, values: impl ExactSizeIterator<Item = bool>) {
        self.len(values.len());
        for v in values {
            self.0.push(u8::from(v));
        }
    }
    /// A `u32` array, its length first.
    pub(crate) fn u32s(&mut self, values: impl ExactSizeIterator<Item = u32>) {
        self.len(values.len());
        for v in values {
            self.u32(v);
        }
    }
}

/// Reads what [`Writer`] wrote; every read is checked and gives `None`
/// past the end.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Reader { data, at: 0 }
    }
    pub(crate) fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let b = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(b)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
    pub(crate) fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u32()?).ok()
    }
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.bytes(n)?).ok()
    }
    /// Flags written by [`Writer::flags`].
    pub(crate) fn flags(&mut self) -> Option<Vec<bool>> {
        let n = self.len()?;
        Some(self.bytes(n)?.iter().map(|&b| b != 0).collect())
    }
    /// A `u32` array written by [`Writer::u32s`].
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len()?;
        let raw = self.bytes(n.checked_mul(4)?)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| {
                    let mut b = [0u8; 4];
                    b.copy_from_slice(c);
                    u32::from_le_bytes(b)
                })
                .collect(),
        )
    }
    pub(crate) fn remaining(&self) -> usize {
        self.data.len() - self.at
    }
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.data.len()
    }
}
