//! `--format brat`: brat standoff annotations (`.ann`): a `T` line per entity with char offsets, an `N` line with its id and canonical name.
//!
//! brat wants a `T` line on one line, and its text to be the document's
//! text at the offsets, fragments joined by a space. So an entity is cut
//! into fragments around any tab, line break or other control or
//! line-separating character (`Amerika\tSerikat` gives `T1 COUNTRY 0 7;8 15`
//! with the text `Amerika Serikat`): nothing is escaped, the offsets stay
//! exact and the line stays whole. With several documents, each document's
//! lines follow a line `#doc<TAB>ID`, and numbering restarts.

use super::{DocId, Piece, Sink, Writer};
use crate::Entity;
use std::io::{self, Write};

/// The brat writer.
#[derive(Debug)]
pub struct Brat {
    multi: bool,
    n: usize,
}

impl Brat {
    /// A writer with `#doc` lines when `multi`.
    pub fn new(multi: bool) -> Self {
        Brat { multi, n: 0 }
    }
}

/// Whether brat could not keep `c` inside a `T` line's text.
pub fn breaks_line(c: char) -> bool {
    c != ' ' && (c.is_control() || c.is_whitespace())
}

/// An entity's `T` and `N` lines, numbered `n`.
pub fn write_entity(e: &Entity, n: usize, out: &mut dyn Write) -> io::Result<()> {
    let mut fragments: Vec<(usize, usize)> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (char, byte) of the open fragment
    let mut chars = e.char_start;
    for (b, c) in e.text.char_indices() {
        if breaks_line(c) {
            if let Some((cs, bs)) = start.take() {
                fragments.push((cs, chars));
                texts.push(e.text.get(bs..b).unwrap_or_default());
            }
        } else if start.is_none() {
            start = Some((chars, b));
        }
        chars += 1;
    }
    if let Some((cs, bs)) = start {
        fragments.push((cs, chars));
        texts.push(e.text.get(bs..).unwrap_or_default());
    }
    write!(out, "T{n}\t{} ", e.label)?;
    for (i, (s, t)) in fragments.iter().enumerate() {
        write!(out, "{}{s} {t}", if i > 0 { ";" } else { "" })?;
    }
    writeln!(out, "\t{}", texts.join(" "))?;
    let canonical: String = e
        .canonical
        .chars()
        .map(|c| if breaks_line(c) { ' ' } else { c })
        .collect();
    writeln!(out, "N{n}\tReference T{n} entitas:{}\t{canonical}", e.id)
}

impl Writer for Brat {
    fn doc_start(&mut self, id: &DocId, out: &mut Sink) -> io::Result<()> {
        self.n = 0;
        if self.multi {
            let id = match id {
                serde_json::Value::String(s) => s.replace(breaks_line, " "),
                other => other.to_string(),
            };
            writeln!(out, "#doc\t{id}")?;
        }
        Ok(())
    }

    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()> {
        for e in &piece.entities {
            self.n += 1;
            write_entity(e, self.n, out)?;
        }
        out.commit_block()
    }

    fn doc_end(&mut self, _out: &mut Sink) -> io::Result<()> {
        Ok(())
    }

    fn doc_abort(&mut self, _out: &mut Sink) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, out: &mut Sink) -> io::Result<()> {
        out.commit()
    }
}
