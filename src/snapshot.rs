//! The default gazetteers, compiled ahead of time.
//!
//! Parsing and compiling the embedded gazetteers takes tens of
//! milliseconds; reading their compiled form takes a few. The compiled
//! form (`gazetteers/defaults.snapshot`) is a plain little-endian byte
//! layout of the matcher's vocabulary, trie and aliases and of the entity
//! records, written by this module and committed beside the gazetteers.
//!
//! It is used only when it certainly describes the embedded text: its
//! header holds a format version and a checksum of every default file
//! (name and text), recomputed at load. On any mismatch, or anything that
//! does not read back cleanly, the extractor is built from the text
//! instead, which gives the same result more slowly. A unit test rebuilds
//! the snapshot from the text and fails when the committed one differs
//! (after a change to a gazetteer or to the matcher); regenerate it with
//! `UPDATE_SNAPSHOT=1 cargo test --lib snapshot`.

use crate::gazetteer::DEFAULTS;
use crate::matcher::Matcher;
#[cfg(test)]
use crate::types::Writer;
use crate::types::{Label, Reader, Record, SharedStr};

/// The committed snapshot of [`DEFAULTS`] (smart case).
pub(crate) const EMBEDDED: &[u8] = include_bytes!("../gazetteers/defaults.snapshot");

/// Where the snapshot lives in the repository, for the test that rewrites it.
#[cfg(test)]
pub(crate) const PATH: &str = "gazetteers/defaults.snapshot";

const MAGIC: &[u8; 8] = b"ENTITAS\x01";
/// Bumped whenever the layout below changes.
const FORMAT: u32 = 2;

/// A checksum of the default gazetteers as compiled into this build.
pub(crate) fn defaults_checksum() -> u64 {
    let mut h = Checksum::default();
    h.write(&FORMAT.to_le_bytes());
    // The trigger words are compiled with the defaults.
    for word in crate::gazetteer::VILLAGE_TRIGGERS {
        h.write(&(word.len() as u64).to_le_bytes());
        h.write(word.as_bytes());
    }
    for (name, text) in DEFAULTS {
        h.write(&(name.len() as u64).to_le_bytes());
        h.write(name.as_bytes());
        h.write(&(text.len() as u64).to_le_bytes());
        h.write(text.as_bytes());
    }
    h.0
}

/// A fast 64-bit checksum (multiply-rotate over 8-byte words).
#[derive(Default)]
struct Checksum(u64);

impl Checksum {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(23) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(23) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

/// Serializes the compiled defaults (run by the test that keeps the
/// committed snapshot fresh).
#[cfg(test)]
pub(crate) fn write(records: &[Record], matcher: &Matcher) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes(MAGIC);
    w.u32(FORMAT);
    w.u64(defaults_checksum());
    // Sources and labels are few: tables, then an index per record.
    let mut sources: Vec<&str> = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    for r in records {
        if !sources.contains(&&*r.source) {
            sources.push(&r.source);
        }
        if !labels.contains(&r.label.as_str()) {
            labels.push(r.label.as_str());
        }
    }
    for table in [&sources, &labels] {
        w.len(table.len());
        for s in table {
            w.str(s);
        }
    }
    w.len(records.len());
    for r in records {
        w.str(&r.id);
        w.str(&r.canonical);
        w.len(
            labels
                .iter()
                .position(|l| *l == r.label.as_str())
                .unwrap_or(0),
        );
        w.len(sources.iter().position(|s| **s == *r.source).unwrap_or(0));
    }
    matcher.write(&mut w);
    w.0
}

/// Reads `bytes` back, if it is a snapshot of exactly the defaults of this
/// build. Its strings (ids, canonical names, sources) stay in `bytes`,
/// the program's static data: no allocation each.
pub(crate) fn read(bytes: &'static [u8]) -> Option<(Vec<Record>, Matcher)> {
    let mut r = Reader::new(bytes);
    if r.bytes(MAGIC.len())? != MAGIC || r.u32()? != FORMAT || r.u64()? != defaults_checksum() {
        return None;
    }
    let sources = (0..r.len()?)
        .map(|_| r.str().map(SharedStr::from_static))
        .collect::<Option<Vec<_>>>()?;
    let labels = (0..r.len()?)
        .map(|_| r.str().map(Label::from_name))
        .collect::<Option<Vec<_>>>()?;
    let count = r.len()?;
    // Never trust a length for an allocation beyond what the bytes hold.
    let mut records = Vec::with_capacity(count.min(r.remaining()));
    for _ in 0..count {
        records.push(Record {
            id: SharedStr::from_static(r.str()?),
            canonical: SharedStr::from_static(r.str()?),
            label: labels.get(r.len()?)?.clone(),
            source: sources.get(r.len()?)?.clone(),
        });
    }
    let matcher = Matcher::read(&mut r)?;
    r.at_end().then_some((records, matcher))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    #[test]
    fn snapshot_is_fresh() {
        let built = Extractor::builder()
            .compiled_defaults(false)
            .case(crate::Case::Smart)
            .build()
            .unwrap();
        let fresh = write(&built.inner.records, &built.inner.matcher);
        if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        assert!(
            fresh == EMBEDDED,
            "{PATH} is out of date (a gazetteer or the matcher changed): \
             run `UPDATE_SNAPSHOT=1 cargo test --lib snapshot` and commit it"
        );
        assert!(read(EMBEDDED).is_some(), "the snapshot reads back");
    }

    #[test]
    fn snapshot_and_text_agree() {
        let text = "Menteri Pertahanan Rusia Sergei Shoigu mengunjungi Teheran; \
                    IRGC memamerkan rudal Ababil dan Shahed-136 di Kecamatan Bakongan, \
                    KONGRES AS dan PBB. Jl. Sudirman, Jakartanya.";
        let from_text = Extractor::builder()
            .compiled_defaults(false)
            .build()
            .unwrap();
        let from_snapshot = Extractor::builder().build().unwrap();
        assert_eq!(from_text.extract(text), from_snapshot.extract(text));
        assert_eq!(from_text.pattern_count(), from_snapshot.pattern_count());
        assert_eq!(from_text.entity_count(), from_snapshot.entity_count());
    }

    #[test]
    fn damaged_snapshots_are_refused() {
        assert!(read(&[]).is_none());
        for cut in [1, 8, 20, EMBEDDED.len() / 2, EMBEDDED.len() - 1] {
            assert!(read(&EMBEDDED[..cut]).is_none(), "cut at {cut}");
        }
        let mut other = EMBEDDED.to_vec();
        other[13] ^= 1; // the checksum
                        // `read` takes static bytes (the embedded snapshot): leak the copies.
        assert!(read(other.leak()).is_none());
        let mut longer = EMBEDDED.to_vec();
        longer.push(0);
        assert!(read(longer.leak()).is_none());
    }
}
