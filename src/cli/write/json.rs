//! `--format json`: one JSON document for the whole run, written whole or not at all.
//!
//! One document: `{"id": ..., "entities": [...]}`; several (JSONL or a
//! directory): `{"documents": [{"id": ..., "entities": [...]}, ...]}`, each
//! element the same record as a `--format jsonl` line. Entities are
//! [`Entity`](crate::Entity)s serialized by serde, in its field order.

use super::{DocId, Piece, Sink, Writer};
use std::io::{self, Write};

/// The JSON writer.
#[derive(Debug)]
pub struct Json {
    multi: bool,
    docs: usize,
    entities: usize,
}

impl Json {
    /// A writer for one document, or (`multi`) for many.
    pub fn new(multi: bool) -> Self {
        Json {
            multi,
            docs: 0,
            entities: 0,
        }
    }
}

impl Writer for Json {
    fn begin(&mut self, out: &mut Sink) -> io::Result<()> {
        if self.multi {
            out.write_all(b"{\"documents\": [")?;
        }
        Ok(())
    }

    fn doc_start(&mut self, id: &DocId, out: &mut Sink) -> io::Result<()> {
        if self.multi {
            out.write_all(if self.docs == 0 { b"\n  " } else { b",\n  " })?;
        }
        self.docs += 1;
        self.entities = 0;
        out.write_all(b"{\"id\": ")?;
        serde_json::to_writer(&mut *out, id)?;
        out.write_all(b", \"entities\": [")
    }

    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()> {
        let indent: &[u8] = if self.multi { b"\n    " } else { b"\n  " };
        for e in &piece.entities {
            if self.entities > 0 {
                out.write_all(b",")?;
            }
            out.write_all(indent)?;
            serde_json::to_writer(&mut *out, e)?;
            self.entities += 1;
        }
        Ok(())
    }

    fn doc_end(&mut self, out: &mut Sink) -> io::Result<()> {
        if self.entities > 0 {
            out.write_all(if self.multi { b"\n  " } else { b"\n" })?;
        }
        out.write_all(b"]}")
    }

    fn finish(&mut self, out: &mut Sink) -> io::Result<()> {
        if self.multi {
            out.write_all(if self.docs > 0 { b"\n]}\n" } else { b"]}\n" })
        } else {
            out.write_all(b"\n")
        }
    }

    fn atomic(&self) -> bool {
        true
    }
}
