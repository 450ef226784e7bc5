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

/// A piece of at least this many bytes is tokenized and formatted on a
/// thread of its own while the next piece is extracted.
const THREAD_FROM: usize = 64 << 10;

/// `text`'s rows (entities already rebased onto it) formatted into a block
/// of lines; `open` says whether a sentence is open before it, and the
/// result whether one is open after it.
fn format(text: &str, entities: &[Entity], mut open: bool) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(text.len() * 2);
    let mut sentence = None;
    for row in rows(text, entities) {
        if sentence != Some(row.sentence) && open {
            out.push(b'\n');
        }
        sentence = Some(row.sentence);
        out.extend_from_slice(row.text.as_bytes());
        out.push(b'\t');
        match &row.tag {
            Tag::Outside => out.push(b'O'),
            Tag::Begin(l) | Tag::Inside(l) => {
                out.extend_from_slice(if matches!(row.tag, Tag::Begin(_)) {
                    b"B-"
                } else {
                    b"I-"
                });
                out.extend_from_slice(l.as_str().as_bytes());
            }
        }
        out.push(b'\n');
        open = true;
    }
    (out, open)
}

/// The piece's top-level entities with offsets into its text.
fn rebase(piece: &Piece<'_>) -> Vec<Entity> {
    piece
        .entities
        .iter()
        .filter(|e| !e.nested)
        .map(|e| {
            let mut e = e.clone();
            e.byte_start -= piece.byte_start;
            e.byte_end -= piece.byte_start;
            e
        })
        .collect()
}

/// The CoNLL writer. A large piece's lines are made on a thread while the
/// reader extracts the next piece (a pipeline of two: the output stays in
/// order and at most one piece waits).
#[derive(Debug)]
pub struct Conll {
    multi: bool,
    /// Whether a sentence is open (a blank line comes before the next).
    open: bool,
    /// The lines of the previous piece, being made.
    pending: Option<std::thread::JoinHandle<(Vec<u8>, bool)>>,
}

impl Conll {
    /// A writer with `-DOCSTART-` lines when `multi`.
    pub fn new(multi: bool) -> Self {
        Conll {
            multi,
            open: false,
            pending: None,
        }
    }

    /// Writes the previous piece's lines once they are made.
    fn drain(&mut self, out: &mut Sink) -> io::Result<()> {
        if let Some(job) = self.pending.take() {
            let (lines, open) = job
                .join()
                .map_err(|_| io::Error::other("the CoNLL formatting thread failed"))?;
            out.write_all(&lines)?;
            self.open = open;
            out.commit_block()?;
        }
        Ok(())
    }
}

impl Writer for Conll {
    fn doc_start(&mut self, _id: &DocId, out: &mut Sink) -> io::Result<()> {
        self.drain(out)?;
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
        self.drain(out)?;
        let rebased = rebase(piece);
        if piece.text.len() >= THREAD_FROM {
            let text = piece.text.to_string();
            let open = self.open;
            let job = std::thread::Builder::new()
                .name("entitas-conll".into())
                .spawn(move || format(&text, &rebased, open));
            match job {
                Ok(job) => {
                    self.pending = Some(job);
                    return Ok(());
                }
                // No thread to be had: make the lines here.
                Err(_) => {
                    let (lines, open) = format(piece.text, &rebase(piece), self.open);
                    out.write_all(&lines)?;
                    self.open = open;
                    return out.commit_block();
                }
            }
        }
        let (lines, open) = format(piece.text, &rebased, self.open);
        out.write_all(&lines)?;
        self.open = open;
        out.commit_block()
    }

    fn doc_end(&mut self, out: &mut Sink) -> io::Result<()> {
        self.drain(out)
    }

    fn doc_abort(&mut self, out: &mut Sink) -> io::Result<()> {
        self.drain(out)
    }

    fn finish(&mut self, out: &mut Sink) -> io::Result<()> {
        self.drain(out)?;
        out.commit()
    }
}
