//! `--format table`: one entity a line in columns that line up in any script (widths from unicode-width).
//!
//! Columns: (with several documents) DOC, then LABEL, TEXT, CANONICAL, ID,
//! SOURCE, BYTES, CHARS. A cell wider than its column is cut with `…`; a
//! nested mention's label is indented; control characters in a mention are
//! escaped (`\n`, `\t`). JSON has every value whole.

use super::{DocId, Piece, Sink, Writer};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Column widths, in terminal cells: DOC, LABEL, TEXT, CANONICAL, ID, SOURCE.
const WIDTHS: [usize; 6] = [16, 13, 28, 28, 24, 20];

/// The table writer.
#[derive(Debug)]
pub struct Table {
    multi: bool,
    doc: String,
}

impl Table {
    /// A writer with a DOC column when `multi`.
    pub fn new(multi: bool) -> Self {
        Table {
            multi,
            doc: String::new(),
        }
    }
}

/// `s` padded (or cut, with `…`) to `width` terminal cells.
pub fn cell(s: &str, width: usize, out: &mut String) {
    let mut used = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        out.push_str(s);
        used = total;
    } else {
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
}

/// `s` with control characters escaped, so a cell stays on its line.
fn printable(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_debug().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

impl Writer for Table {
    fn begin(&mut self, out: &mut Sink) -> io::Result<()> {
        let mut line = String::new();
        let heads = ["DOC", "LABEL", "TEXT", "CANONICAL", "ID", "SOURCE"];
        for (i, (head, width)) in heads.iter().zip(WIDTHS).enumerate() {
            if i == 0 && !self.multi {
                continue;
            }
            cell(head, width, &mut line);
            line.push(' ');
        }
        writeln!(out, "{line}{:>11} {:>11}", "BYTES", "CHARS")
    }

    fn doc_start(&mut self, id: &DocId, _out: &mut Sink) -> io::Result<()> {
        self.doc = match id {
            serde_json::Value::String(s) => printable(s),
            other => other.to_string(),
        };
        Ok(())
    }

    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()> {
        let mut line = String::new();
        for e in &piece.entities {
            line.clear();
            let label = if e.nested {
                format!("  {}", e.label)
            } else {
                e.label.to_string()
            };
            let cells = [
                self.doc.as_str(),
                &label,
                &printable(&e.text),
                &printable(&e.canonical),
                &e.id,
                &e.source,
            ];
            for (i, (value, width)) in cells.iter().zip(WIDTHS).enumerate() {
                if i == 0 && !self.multi {
                    continue;
                }
                cell(value, width, &mut line);
                line.push(' ');
            }
            writeln!(
                out,
                "{line}{:>11} {:>11}",
                format!("{}..{}", e.byte_start, e.byte_end),
                format!("{}..{}", e.char_start, e.char_end),
            )?;
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
