//! `--format html`: one self-contained page for a person to read, entities highlighted by label, with a legend (the way displaCy shows them).
//!
//! No script, no outside resource: the style is inline in the page. Each
//! document is a `<section>` with its id as heading; each entity a
//! `<mark>` coloured by label, its label in small capitals after it and its
//! id and canonical name in the tooltip. Nested mentions are not marked.
//! The legend is written last (its labels are known only then) and shown
//! first.

use super::{DocId, Piece, Sink, Writer};
use crate::Label;
use std::io::{self, Write};

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>entitas</title>
<style>
body { display: flex; flex-direction: column; font-family: sans-serif; margin: 2em auto; max-width: 60em; line-height: 2.4; }
section { order: 1; }
section h2 { font-size: 1em; color: #555; border-bottom: 1px solid #ddd; }
.text { white-space: pre-wrap; }
mark { padding: 0.25em 0.4em; margin: 0 0.1em; border-radius: 0.35em; line-height: 1; }
mark .label { font-size: 0.7em; font-weight: bold; text-transform: uppercase; margin-left: 0.4em; vertical-align: middle; }
#legend { order: 0; position: sticky; top: 0; background: white; padding: 0.5em 0; border-bottom: 1px solid #ddd; line-height: 2; }
</style>
</head>
<body>
"#;

/// The HTML writer.
#[derive(Debug, Default)]
pub struct Html {
    labels: Vec<Label>,
}

/// The background colour of a label (displaCy's for the labels it has).
pub fn colour(label: &Label) -> String {
    match label {
        Label::Person => "#aa9cfc".into(),
        Label::Organization => "#7aecec".into(),
        Label::Country => "#feca74".into(),
        Label::Location => "#ff9561".into(),
        Label::Weapon => "#bfeeb7".into(),
        other => {
            // A stable hue from the name.
            let hue = other
                .as_str()
                .bytes()
                .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
                % 360;
            format!("hsl({hue}, 70%, 78%)")
        }
    }
}

/// `s` with `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(s: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => continue,
        };
        out.write_all(s.get(from..i).unwrap_or_default().as_bytes())?;
        out.write_all(entity.as_bytes())?;
        from = i + 1;
    }
    out.write_all(s.get(from..).unwrap_or_default().as_bytes())
}

impl Writer for Html {
    fn begin(&mut self, out: &mut Sink) -> io::Result<()> {
        out.write_all(HEAD.as_bytes())
    }

    fn doc_start(&mut self, id: &DocId, out: &mut Sink) -> io::Result<()> {
        out.write_all(b"<section>\n<h2>")?;
        match id {
            serde_json::Value::String(s) => escape(s, out)?,
            other => escape(&other.to_string(), out)?,
        }
        out.write_all(b"</h2>\n<div class=\"text\">")
    }

    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()> {
        let mut at = 0;
        for e in piece.entities.iter().filter(|e| !e.nested) {
            let (Some(start), Some(end)) = (
                e.byte_start.checked_sub(piece.byte_start),
                e.byte_end.checked_sub(piece.byte_start),
            ) else {
                continue;
            };
            if start < at {
                continue;
            }
            escape(piece.text.get(at..start).unwrap_or_default(), out)?;
            write!(
                out,
                "<mark class=\"entity\" style=\"background: {}\" title=\"",
                colour(&e.label)
            )?;
            escape(&format!("{} · {} · {}", e.id, e.canonical, e.source), out)?;
            out.write_all(b"\" data-label=\"")?;
            escape(e.label.as_str(), out)?;
            out.write_all(b"\">")?;
            escape(piece.text.get(start..end).unwrap_or_default(), out)?;
            out.write_all(b"<span class=\"label\">")?;
            escape(e.label.as_str(), out)?;
            out.write_all(b"</span></mark>")?;
            if !self.labels.contains(&e.label) {
                self.labels.push(e.label.clone());
            }
            at = end;
        }
        escape(piece.text.get(at..).unwrap_or_default(), out)?;
        out.commit_block()
    }

    fn doc_end(&mut self, out: &mut Sink) -> io::Result<()> {
        out.write_all(b"</div>\n</section>\n")
    }

    fn doc_abort(&mut self, out: &mut Sink) -> io::Result<()> {
        self.doc_end(out)
    }

    fn finish(&mut self, out: &mut Sink) -> io::Result<()> {
        self.labels.sort();
        out.write_all(b"<div id=\"legend\">")?;
        for label in &self.labels {
            write!(
                out,
                "<mark class=\"legend\" style=\"background: {}\">",
                colour(label)
            )?;
            escape(label.as_str(), out)?;
            out.write_all(b"</mark> ")?;
        }
        if self.labels.is_empty() {
            out.write_all(b"no entities")?;
        }
        out.write_all(b"</div>\n</body>\n</html>\n")?;
        out.commit()
    }
}
