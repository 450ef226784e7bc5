//! The command line's reader on arbitrary bytes: pieces cut small and read
//! in short reads, with and without `--lossy`, and each line as a JSONL
//! record. Never panics; the pieces put together are the input (decoded
//! with one substitute per bad byte under `--lossy`, so offsets are the
//! file's); every entity slices the whole document at its byte and char
//! offsets, flat entities do not overlap, and a strict read of invalid
//! UTF-8 fails at the first bad byte.
#![no_main]

use entitas::cli::read::{decode_lossy, parse_record, Chunker, ReadError};
use entitas::Extractor;
use libfuzzer_sys::fuzz_target;
use std::io::Read;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
    Extractor::builder()
        .build()
        .expect("the default extractor builds")
});

/// A reader that hands out at most `step` bytes a call, to cut reads
/// inside chars and names.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        let (head, tail) = self.bytes.split_at(n);
        buf[..n].copy_from_slice(head);
        self.bytes = tail;
        Ok(n)
    }
}

fuzz_target!(|input: (Vec<u8>, u8, u8, u8, bool)| {
    let (bytes, piece, overlap, step, lossy) = input;
    let reader = Trickle {
        bytes: &bytes,
        step: usize::from(step).max(1),
    };
    let mut chunker = Chunker::with_sizes(
        reader,
        lossy,
        usize::from(piece).max(1),
        usize::from(overlap).max(4),
    );
    let document = if lossy {
        decode_lossy(&bytes)
    } else {
        match std::str::from_utf8(&bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                // The strict read fails at the first bad byte (perhaps after
                // some pieces), never later and never with garbage.
                loop {
                    match chunker.next_piece(&EXTRACTOR) {
                        Ok(Some(_)) => continue,
                        Ok(None) => panic!("invalid UTF-8 read without an error"),
                        Err(ReadError::Utf8(at)) => {
                            assert_eq!(at, e.valid_up_to());
                            break;
                        }
                        Err(ReadError::Io(e)) => panic!("{e}"),
                    }
                }
                check_records(&bytes);
                return;
            }
        }
    };
    assert_eq!(document.len(), bytes.len());
    let mut joined = String::new();
    let mut last_end = 0;
    while let Some(p) = chunker.next_piece(&EXTRACTOR).expect("a lossy or valid read") {
        assert_eq!(p.byte_start, joined.len());
        assert_eq!(p.char_start, joined.chars().count());
        joined.push_str(p.text);
        for e in &p.entities {
            assert_eq!(&document[e.byte_start..e.byte_end], e.text);
            assert_eq!(document[..e.byte_start].chars().count(), e.char_start);
            assert_eq!(e.char_end - e.char_start, e.text.chars().count());
            if !e.nested {
                assert!(e.byte_start >= last_end, "flat entities overlap");
                last_end = e.byte_end;
            }
        }
    }
    assert_eq!(joined, document);
    check_records(&bytes);
});

/// Each line as a JSONL record: an error or a record, never a panic; a
/// record's text is what the line's JSON says.
fn check_records(bytes: &[u8]) {
    for line in bytes.split(|&b| b == b'\n') {
        if let Ok(Some(record)) = parse_record(line, "id", "text") {
            let value: serde_json::Value =
                serde_json::from_slice(line).expect("a record is JSON");
            assert_eq!(value["text"].as_str(), Some(record.text.as_str()));
        }
    }
}
