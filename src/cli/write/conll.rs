//! `--format conll`: one token a line with its BIO tag, in linear time, sentences split where no abbreviation or entity is cut.
//!
//! Tokens and sentence candidates come from [`tokenize`](crate::tokenize)
//! (Unicode sentence boundaries); a boundary is dropped after an
//! abbreviation of `rules/abbreviations.txt` ("Jl.", "Dr.") and inside an
//! entity, so a sentence never starts inside a name. A token that an
//! entity starts or ends inside is split there (`Rusia` `nya`). Entities
//! are walked once, in order, beside the tokens: the time is linear in the
//! text. Nested mentions are not tagged (BIO has one tag a token). With
//! several documents, each starts with a `-DOCSTART-\tO` line and a blank
//! line, as in CoNLL-2003.

use super::{DocId, Piece, Sink, Writer};
use crate::{Entity, Label, Tag};
use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::OnceLock;

/// One output line: a token (or the part of one that an entity covers),
/// its tag and its sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'t> {
    /// The token's text.
    pub text: &'t str,
    /// Its start in the text, in bytes.
    pub byte_start: usize,
    /// Its end, in bytes.
    pub byte_end: usize,
    /// Its BIO tag.
    pub tag: Tag,
    /// Its sentence, counting from 0.
    pub sentence: usize,
}

/// The abbreviations after which a dot does not end a sentence, lower case.
fn abbreviations() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../rules/abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// The rows of `text` with the tags of `entities` (offsets into `text`;
/// nested ones are ignored), in one pass over tokens and entities.
pub fn rows<'t>(text: &'t str, entities: &[Entity]) -> Vec<Row<'t>> {
    let mut flat: Vec<(usize, usize, &Label)> = entities
        .iter()
        .filter(|e| !e.nested && e.byte_start < e.byte_end)
        .map(|e| (e.byte_start, e.byte_end, &e.label))
        .collect();
    if !flat.is_sorted_by_key(|&(start, _, _)| start) {
        flat.sort_by_key(|&(s, e, _)| (s, e));
    }
    let tokens = crate::tokenize(text);
    let abbreviations = abbreviations();
    let mut rows = Vec::with_capacity(tokens.len() + flat.len());
    let mut k = 0; // the first entity that may still cover a token
    let mut sentence = 0;
    let mut last_sentence = None;
    for (i, token) in tokens.iter().enumerate() {
        // Entities that ended before this token are done.
        while flat
            .get(k)
            .is_some_and(|&(_, end, _)| end <= token.byte_start)
        {
            k += 1;
        }
        if last_sentence.is_some_and(|s| s != token.sentence) {
            let inside = flat
                .get(k)
                .is_some_and(|&(start, _, _)| start < token.byte_start);
            let after_abbreviation = i >= 2
                && tokens.get(i - 1).is_some_and(|dot| {
                    dot.text == "."
                        && tokens.get(i - 2).is_some_and(|word| {
                            word.byte_end == dot.byte_start
                                && abbreviations.contains(&word.text.to_lowercase())
                        })
                });
            if !inside && !after_abbreviation {
                sentence += 1;
            }
        }
        last_sentence = Some(token.sentence);
        // The token, split where entities start or end inside it.
        let mut at = token.byte_start;
        let mut j = k;
        while at < token.byte_end {
            while flat.get(j).is_some_and(|&(_, end, _)| end <= at) {
                j += 1;
            }
            let (end, tag) = match flat.get(j) {
                Some(&(start, end, label)) if start <= at => (
                    end.min(token.byte_end),
                    if start == at {
                        Tag::Begin(label.clone())
                    } else {
                        Tag::Inside(label.clone())
                    },
                ),
                Some(&(start, _, _)) if start < token.byte_end => (start, Tag::Outside),
                _ => (token.byte_end, Tag::Outside),
            };
            if let Some(piece) = text.get(at..end) {
                rows.push(Row {
                    text: piece,
                    byte_start: at,
                    byte_end: end,
                    tag,
                    sentence,
                });
            }
            at = end;
        }
    }
    rows
}

/// The CoNLL writer.
#[derive(Debug)]
pub struct Conll {
    multi: bool,
    /// Whether a sentence is open (a blank line comes before the next).
    open: bool,
    rebased: Vec<Entity>,
}

impl Conll {
    /// A writer with `-DOCSTART-` lines when `multi`.
    pub fn new(multi: bool) -> Self {
        Conll {
            multi,
            open: false,
            rebased: Vec::new(),
        }
    }
}

impl Writer for Conll {
    fn doc_start(&mut self, _id: &DocId, out: &mut Sink) -> io::Result<()> {
        if self.multi {
            if self.open {
                out.write_all(b"\n")?;
            }
            out.write_all(b"-DOCSTART-\tO\n\n")?;
            self.open = false;
        }
        Ok(())
    }

    fn piece(&mut self, piece: &Piece<'_>, out: &mut Sink) -> io::Result<()> {
        self.rebased.clear();
        self.rebased
            .extend(piece.entities.iter().filter(|e| !e.nested).map(|e| {
                let mut e = e.clone();
                e.byte_start -= piece.byte_start;
                e.byte_end -= piece.byte_start;
                e
            }));
        let mut sentence = None;
        for row in rows(piece.text, &self.rebased) {
            if sentence != Some(row.sentence) && self.open {
                out.write_all(b"\n")?;
            }
            sentence = Some(row.sentence);
            writeln!(out, "{}\t{}", row.text, row.tag)?;
            self.open = true;
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
