//! The command line's output: the [`Sink`] that only ever hands whole units to stdout, and one writer per format.
//!
//! Each writer gets the documents piece by piece ([`Piece`]) and writes into
//! a [`Sink`]: output waits there (in memory, past [`SPILL`] bytes in an
//! unlinked temporary file) until the writer commits it at a point where it
//! is whole: a line (table, conll, brat), a record (jsonl, spacy), the
//! whole output (json). An error discards what was not committed, so a
//! JSON document is written whole or not at all and a JSONL line likewise,
//! and memory stays bounded however large one record is.

pub mod brat;
pub mod conll;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod spacy;
pub mod table;

use super::args::Format;
use super::read::Piece;
use std::fs::File;
use std::io::{self, Seek, Write};

/// Past this many bytes, uncommitted output goes to a temporary file.
pub const SPILL: usize = 8 << 20;

/// Output held back until it is whole, in memory or, when large, in an
/// unlinked temporary file.
#[derive(Debug, Default)]
pub struct Spill {
    mem: Vec<u8>,
    file: Option<io::BufWriter<File>>,
    len: u64,
}

impl Spill {
    /// Bytes held.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Writes what is held to `out` and forgets it.
    pub fn drain_into(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(file) = &mut self.file {
            file.flush()?;
            let file = file.get_mut();
            file.rewind()?;
            io::copy(&mut io::Read::take(&mut *file, self.len), out)?;
        } else {
            out.write_all(&self.mem)?;
        }
        self.discard();
        Ok(())
    }

    /// Keeps only the first `len` bytes held.
    pub fn truncate(&mut self, len: u64) -> io::Result<()> {
        if len >= self.len {
            return Ok(());
        }
        if len == 0 {
            self.discard();
            return Ok(());
        }
        if let Some(file) = &mut self.file {
            file.flush()?;
            let file = file.get_mut();
            file.set_len(len)?;
            file.seek(io::SeekFrom::Start(len))?;
        } else {
            self.mem
                .truncate(usize::try_from(len).unwrap_or(usize::MAX));
        }
        self.len = len;
        Ok(())
    }

    /// Forgets what is held.
    pub fn discard(&mut self) {
        self.mem.clear();
        if self.mem.capacity() > SPILL {
            self.mem = Vec::new();
        }
        // An unlinked spill file goes away when it is dropped.
        self.file = None;
        self.len = 0;
    }
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.file.is_none() && self.mem.len() + buf.len() > SPILL {
            let mut file = io::BufWriter::with_capacity(1 << 20, temp_file()?);
            file.write_all(&self.mem)?;
            self.mem = Vec::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => file.write_all(buf)?,
            None => self.mem.extend_from_slice(buf),
        }
        self.len += buf.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A new temporary file, already unlinked where the system allows it (it
/// disappears with the process, even one that is killed).
fn temp_file() -> io::Result<File> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir();
    loop {
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("entitas-{}-{n}.spill", std::process::id()));
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                // Unlinking an open file works on Unix; elsewhere it stays.
                let _ = std::fs::remove_file(&path);
                return Ok(file);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("temporary file in {}: {e}", dir.display()),
                ))
            }
        }
    }
}

/// Where the writers write: a [`Spill`] of uncommitted output in front of
/// standard output.
pub struct Sink {
    /// What the writer wrote since its last commit.
    pub pending: Spill,
    out: Box<dyn Write>,
    mark: u64,
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sink")
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl Sink {
    /// A sink in front of `out`.
    pub fn new(out: Box<dyn Write>) -> Self {
        Sink {
            pending: Spill::default(),
            out,
            mark: 0,
        }
    }

    /// Sends what is pending to the output.
    pub fn commit(&mut self) -> io::Result<()> {
        self.mark = 0;
        self.pending.drain_into(&mut self.out)?;
        self.out.flush()
    }

    /// Remembers where a document starts, for [`rollback`](Self::rollback).
    pub fn mark(&mut self) {
        self.mark = self.pending.len();
    }

    /// Drops what was written since the [`mark`](Self::mark) (and not
    /// committed).
    pub fn rollback(&mut self) -> io::Result<()> {
        self.pending.truncate(self.mark)
    }

    /// Drops everything not committed.
    pub fn discard(&mut self) {
        self.mark = 0;
        self.pending.discard();
    }

    /// Commits only once a block has gathered (for formats whose every
    /// line is whole).
    pub fn commit_block(&mut self) -> io::Result<()> {
        if self.pending.len() >= 64 << 10 {
            self.commit()?;
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.pending.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A document's id: any JSON value (a JSONL record's id field, a file's
/// path).
pub type DocId = serde_json::Value;

/// One output format.
pub trait Writer {
    /// Before the first document.
    fn begin(&mut self, _out: &mut Sink) -> io::Result<()> {
        Ok(())
    }
    /// A document starts.
    fn doc_start(&mut self, id: &DocId, out: &mut Sink) -> io::Result<()>;
    /// The next piece of the current document.
    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()>;
    /// The current document is complete.
    fn doc_end(&mut self, out: &mut Sink) -> io::Result<()>;
    /// The current document failed part-way: drop what of it is not
    /// committed (the default: back to where it started; line-based
    /// formats keep their whole lines).
    fn doc_abort(&mut self, out: &mut Sink) -> io::Result<()> {
        out.rollback()
    }
    /// After the last document; the output is then committed.
    fn finish(&mut self, _out: &mut Sink) -> io::Result<()> {
        Ok(())
    }
    /// Whether the output is one whole that an error anywhere discards.
    fn atomic(&self) -> bool {
        false
    }
}

/// The writer for `format`; `multi` when the input holds many documents.
pub fn writer(format: Format, multi: bool) -> Box<dyn Writer> {
    match format {
        Format::Table => Box::new(table::Table::new(multi)),
        Format::Json => Box::new(json::Json::new(multi)),
        Format::Jsonl => Box::new(jsonl::Jsonl::default()),
        Format::Conll => Box::new(conll::Conll::new(multi)),
        Format::Brat => Box::new(brat::Brat::new(multi)),
        Format::Spacy => Box::new(spacy::Spacy::default()),
        Format::Html => Box::new(html::Html::default()),
    }
}

/// `s` as the inside of a JSON string (escaped, without the quotes).
pub(crate) fn json_string_body(s: &str, out: &mut dyn Write) -> io::Result<()> {
    let quoted = serde_json::to_string(s).map_err(io::Error::from)?;
    out.write_all(
        quoted
            .get(1..quoted.len().saturating_sub(1))
            .unwrap_or_default()
            .as_bytes(),
    )
}
