//! `--format jsonl`: one line `{"id": ..., "entities": [...]}` per document, each line written whole or not at all.

use super::{DocId, Piece, Sink, Writer};
use std::io::{self, Write};

/// The JSONL writer.
#[derive(Debug, Default)]
pub struct Jsonl {
    entities: usize,
}

impl Writer for Jsonl {
    fn doc_start(&mut self, id: &DocId, out: &mut Sink) -> io::Result<()> {
        self.entities = 0;
        out.write_all(b"{\"id\":")?;
        serde_json::to_writer(&mut *out, id)?;
        out.write_all(b",\"entities\":[")
    }

    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()> {
        for e in &piece.entities {
            if self.entities > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, e)?;
            self.entities += 1;
        }
        Ok(())
    }

    fn doc_end(&mut self, out: &mut Sink) -> io::Result<()> {
        out.write_all(b"]}\n")?;
        out.commit_block()
    }

    fn finish(&mut self, out: &mut Sink) -> io::Result<()> {
        out.commit()
    }
}
