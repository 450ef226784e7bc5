//! `--format spacy`: spaCy's JSON, one document a line, streamed: `{"text": ..., "ents": [...], "user_data": {"doc_id": ...}}`.
//!
//! The shape `Doc.from_json` reads: `ents` are `{"start", "end", "label"}`
//! in char offsets (Python `str` indices). The text is written as it is
//! read; the entities wait in a [`Spill`] (memory, then a temporary file)
//! until the text is complete, so a document of any size takes bounded
//! memory. The document's id is kept in `user_data.doc_id`, apart from the
//! entities.

use super::{json_string_body, DocId, Piece, Sink, Spill, Writer};
use serde::Serialize;
use std::io::{self, Write};

/// One spaCy entity.
#[derive(Serialize)]
struct Ent<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

/// The spaCy writer.
#[derive(Debug, Default)]
pub struct Spacy {
    ents: Spill,
    count: usize,
    id: DocId,
}

impl Writer for Spacy {
    fn doc_start(&mut self, id: &DocId, out: &mut Sink) -> io::Result<()> {
        self.ents.discard();
        self.count = 0;
        self.id = id.clone();
        out.write_all(b"{\"text\":\"")
    }

    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()> {
        json_string_body(piece.text, out)?;
        for e in piece.entities.iter().filter(|e| !e.nested) {
            if self.count > 0 {
                self.ents.write_all(b",")?;
            }
            let ent = Ent {
                start: e.char_start,
                end: e.char_end,
                label: e.label.as_str(),
            };
            serde_json::to_writer(&mut self.ents, &ent)?;
            self.count += 1;
        }
        Ok(())
    }

    fn doc_end(&mut self, out: &mut Sink) -> io::Result<()> {
        out.write_all(b"\",\"ents\":[")?;
        self.ents.drain_into(out)?;
        out.write_all(b"],\"user_data\":{\"doc_id\":")?;
        serde_json::to_writer(&mut *out, &self.id)?;
        out.write_all(b"}}\n")?;
        out.commit_block()
    }

    fn finish(&mut self, out: &mut Sink) -> io::Result<()> {
        out.commit()
    }
}
