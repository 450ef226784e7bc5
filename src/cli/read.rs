//! The command line's input: text read in pieces cut where no name crosses, lossy decoding that keeps file offsets, JSONL records, directories.
//!
//! A text of any size is read in *pieces* of about [`PIECE`] bytes. Each
//! piece is extracted in a *window* that reaches [`OVERLAP`] bytes past it on
//! both sides, and keeps the entities that start inside it; a name that
//! crosses the cut is found whole in the window and the piece is stretched
//! to its end. So a piece boundary never cuts a name, offsets are those of
//! the whole input, and memory stays bounded by the piece size. Pieces are
//! cut at a char boundary, preferably after a blank line, else a line
//! break, else a sentence end, else any blank.
//!
//! Document rules (acronyms, coreference) see one window at a time.

use crate::{Entity, Extractor};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::io::{self, Read};

/// Text is processed in pieces of about this many bytes.
pub const PIECE: usize = 1 << 20;
/// A piece is extracted with this much text on each side of it.
pub const OVERLAP: usize = 4 << 10;
/// What an invalid byte is read as with `--lossy`: U+001A SUBSTITUTE, one
/// byte, so every byte offset stays the file's.
pub const SUBSTITUTE: char = '\u{1A}';

/// A piece of a document, with the entities that start in it.
#[derive(Debug)]
pub struct Piece<'a> {
    /// The piece's text.
    pub text: &'a str,
    /// Its start in the document, in bytes.
    pub byte_start: usize,
    /// Its start in the document, in chars.
    pub char_start: usize,
    /// The entities, with offsets into the whole document; none crosses
    /// the piece's end.
    pub entities: Vec<Entity>,
}

/// Why a text could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Invalid UTF-8 at this byte offset of the document.
    Utf8(usize),
    /// The reader failed.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Utf8(at) => write!(
                f,
                "invalid UTF-8 at byte offset {at} (use --lossy to read it anyway)"
            ),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Reads a document in pieces and finds the entities in each.
#[derive(Debug)]
pub struct Chunker<R> {
    reader: R,
    lossy: bool,
    piece: usize,
    overlap: usize,
    buf: Vec<u8>,
    /// Document offset of `buf[0]`, in bytes and chars.
    base: usize,
    base_chars: usize,
    /// Document offset where the next piece starts (`>= base`).
    next: usize,
    eof: bool,
    window: String,
    replaced: usize,
}

impl<R: Read> Chunker<R> {
    /// A chunker over `reader`; with `lossy`, invalid bytes are read as
    /// [`SUBSTITUTE`].
    pub fn new(reader: R, lossy: bool) -> Self {
        Self::with_sizes(reader, lossy, PIECE, OVERLAP)
    }

    /// The same with other sizes (for tests and fuzzing: small pieces cut
    /// often). `piece` is at least 1 and `overlap` at least 4 bytes.
    pub fn with_sizes(reader: R, lossy: bool, piece: usize, overlap: usize) -> Self {
        Chunker {
            reader,
            lossy,
            piece: piece.max(1),
            overlap: overlap.max(4),
            buf: Vec::new(),
            base: 0,
            base_chars: 0,
            next: 0,
            eof: false,
            window: String::new(),
            replaced: 0,
        }
    }

    /// How many invalid bytes `--lossy` replaced so far.
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// The next piece with its entities, or `None` at the end.
    pub fn next_piece(&mut self, extractor: &Extractor) -> Result<Option<Piece<'_>>, ReadError> {
        let from = self.next - self.base;
        let want = from + self.piece + self.overlap;
        while !self.eof && self.buf.len() < want {
            let start = self.buf.len();
            self.buf.resize(want.max(start + (64 << 10)), 0);
            let n = loop {
                let Some(room) = self.buf.get_mut(start..) else {
                    break 0;
                };
                match self.reader.read(room) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.buf.truncate(start);
                        return Err(ReadError::Io(e));
                    }
                }
            };
            self.buf.truncate(start + n);
            self.eof = n == 0;
        }
        if from >= self.buf.len() {
            return Ok(None);
        }
        let (cut, end) = if self.eof && self.buf.len() <= want {
            (self.buf.len(), self.buf.len())
        } else {
            let piece = self.buf.get(from..from + self.piece).unwrap_or_default();
            let cut = from + cut_point(piece);
            let end = boundary_before(&self.buf, (cut + self.overlap).min(self.buf.len()));
            (cut, end.max(cut))
        };
        // Decode the window.
        self.window.clear();
        let bytes = self.buf.get(..end).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(s) => self.window.push_str(s),
            Err(e) if self.lossy => {
                self.replaced += decode_lossy_into(bytes, &mut self.window, e.valid_up_to());
            }
            Err(e) => return Err(ReadError::Utf8(self.base + e.valid_up_to())),
        }
        let window = self.window.as_str();
        // A cut inside a char (a piece shorter than its first char, or bytes
        // that decode differently under `--lossy`) moves to the next char.
        let mut cut = cut;
        while cut < window.len() && !window.is_char_boundary(cut) {
            cut += 1;
        }
        // Keep what starts in the piece (and what nests in that).
        let found = extractor.extract(window);
        let top: Vec<(usize, usize)> = found
            .iter()
            .filter(|e| !e.nested && (from..cut).contains(&e.byte_start))
            .map(|e| (e.byte_start, e.byte_end))
            .collect();
        let mut piece_end = cut;
        let mut entities = Vec::with_capacity(found.len());
        for mut e in found {
            let keep = if e.nested {
                top.iter()
                    .any(|&(s, t)| s <= e.byte_start && e.byte_end <= t)
            } else {
                (from..cut).contains(&e.byte_start)
            };
            if keep {
                piece_end = piece_end.max(e.byte_end);
                e.byte_start += self.base;
                e.byte_end += self.base;
                e.char_start += self.base_chars;
                e.char_end += self.base_chars;
                entities.push(e);
            }
        }
        let from_chars = self.base_chars + window.get(..from).map_or(0, |s| s.chars().count());
        // The next window starts `overlap` bytes before the next piece.
        let mut keep_from = piece_end.saturating_sub(self.overlap).max(from);
        while !window.is_char_boundary(keep_from) {
            keep_from += 1;
        }
        let text = window.get(from..piece_end).unwrap_or_default();
        self.base_chars += window.get(..keep_from).map_or(0, |s| s.chars().count());
        self.buf.drain(..keep_from);
        self.base += keep_from;
        self.next = self.base + (piece_end - keep_from);
        Ok(Some(Piece {
            text,
            byte_start: self.base - keep_from + from,
            char_start: from_chars,
            entities,
        }))
    }
}

/// `bytes` decoded with each invalid byte read as [`SUBSTITUTE`]: the
/// result has the same length in bytes, so every offset is the input's.
pub fn decode_lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    decode_lossy_into(bytes, &mut out, 0);
    out
}

/// Appends `bytes` decoded as [`decode_lossy`] does; `valid` bytes at the
/// start are known to be valid. Returns how many bytes were replaced.
fn decode_lossy_into(mut bytes: &[u8], out: &mut String, valid: usize) -> usize {
    let mut replaced = 0;
    let mut valid = valid;
    loop {
        let (good, rest) = bytes.split_at(valid.min(bytes.len()));
        out.push_str(std::str::from_utf8(good).unwrap_or_default());
        bytes = rest;
        if bytes.is_empty() {
            return replaced;
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return replaced;
            }
            Err(e) if e.valid_up_to() > 0 => valid = e.valid_up_to(),
            Err(_) => {
                // `bytes[0]` starts no valid char: one substitute for it.
                out.push(SUBSTITUTE);
                replaced += 1;
                bytes = bytes.get(1..).unwrap_or_default();
                valid = 0;
            }
        }
    }
}

/// Where to end a piece that may go on: after the last blank line in its
/// second half, else the last line break, else the last sentence end, else
/// the last blank anywhere, else at the last char boundary.
pub fn cut_point(piece: &[u8]) -> usize {
    let half = piece.len() / 2;
    let late = piece.get(half..).unwrap_or_default();
    let after = |i: Option<usize>, width: usize| i.map(|i| half + i + width);
    after(late.windows(2).rposition(|w| w == b"\n\n"), 2)
        .or_else(|| after(late.iter().rposition(|&b| b == b'\n'), 1))
        .or_else(|| {
            after(
                late.windows(2).rposition(
                    |w| matches!(w, [b'.' | b'!' | b'?', next] if next.is_ascii_whitespace()),
                ),
                2,
            )
        })
        .or_else(|| {
            piece
                .iter()
                .rposition(|b| b.is_ascii_whitespace())
                .map(|i| i + 1)
        })
        .unwrap_or_else(|| boundary_before(piece, piece.len()).max(1).min(piece.len()))
}

/// The last char boundary at or before `at` in `bytes` (at most three
/// bytes back: invalid bytes are cut anyway). `at == bytes.len()` is moved
/// back when `bytes` ends inside a char.
pub fn boundary_before(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    let continuation = |i: usize| bytes.get(i).is_some_and(|b| b & 0xC0 == 0x80);
    if at < bytes.len() {
        let mut i = at;
        while i > 0 && at - i < 3 && continuation(i) {
            i -= 1;
        }
        return if continuation(i) { at } else { i };
    }
    // At the end: is the last char complete?
    let mut lead = at;
    while lead > 0 && at - lead < 4 {
        lead -= 1;
        if !continuation(lead) {
            let width = match bytes.get(lead) {
                Some(b) if b & 0xE0 == 0xC0 => 2,
                Some(b) if b & 0xF0 == 0xE0 => 3,
                Some(b) if b & 0xF8 == 0xF0 => 4,
                _ => 1,
            };
            return if lead + width > at { lead } else { at };
        }
    }
    at
}

/// One JSONL input record.
#[derive(Debug)]
pub struct Record {
    /// The document's id, any JSON value.
    pub id: serde_json::Value,
    /// Its text.
    pub text: String,
}

/// Why a JSONL line is not a record.
#[derive(Debug)]
pub enum BadLine {
    /// Invalid UTF-8 at this byte offset of the line.
    Utf8(usize),
    /// Not JSON (a lone surrogate escape such as `\ud800` is not either).
    Json(serde_json::Error),
    /// JSON, but not an object with the id field and a string text field.
    Shape,
}

/// One JSONL line as a record, with the id and text taken from the named
/// fields: `Ok(None)` for a blank line. Other fields are skipped unread.
pub fn parse_record(
    line: &[u8],
    id_field: &str,
    text_field: &str,
) -> Result<Option<Record>, BadLine> {
    let text = std::str::from_utf8(line).map_err(|e| BadLine::Utf8(e.valid_up_to()))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = RecordSeed {
        id_field,
        text_field,
    };
    let fields = seed.deserialize(&mut de).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            BadLine::Shape
        } else {
            BadLine::Json(e)
        }
    })?;
    de.end().map_err(BadLine::Json)?;
    match fields {
        (Some(id), Some(serde_json::Value::String(text))) => Ok(Some(Record { id, text })),
        _ => Err(BadLine::Shape),
    }
}

struct RecordSeed<'f> {
    id_field: &'f str,
    text_field: &'f str,
}

type Fields = (Option<serde_json::Value>, Option<serde_json::Value>);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Fields;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Fields;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let (mut id, mut text) = (None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.text_field {
                text = Some(map.next_value()?);
            } else if key == self.id_field {
                id = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok((id, text))
    }
}

/// The files of a directory that are read as documents: regular files
/// (symbolic links followed) whose name does not start with a dot, sorted
/// by name. Subdirectories are not entered.
pub fn dir_files(dir: &std::path::Path) -> io::Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
