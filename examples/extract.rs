//! Finds named entities in an Indonesian text file.
//!
//! ```text
//! cargo run --release --example extract -- [OPTIONS] FILE|-
//!
//! --format table|json|jsonl|conll|brat|spacy   output format (default: table)
//!     table  one entity per line: label, text, canonical, id, offsets
//!     json   {"entities": [...]} for the whole file
//!     jsonl  batch mode: each input line is {"id": ..., "text": ...};
//!            each output line is {"id": ..., "entities": [...]}
//!     conll  one token per line with its BIO tag, a blank line between sentences
//!     brat   brat standoff annotations (.ann) with char offsets: T lines, and
//!            N lines with the entitas id and canonical name
//!     spacy  {"text": ..., "ents": [{"start", "end", "label"}]}, char offsets
//! --gazetteer PATH          add a gazetteer file or a folder of .tsv files (repeatable)
//! --no-default-gazetteers   use only the --gazetteer files
//! --case smart|insensitive  letter case policy (insensitive for lower-cased text)
//! --nested                  also report mentions nested inside others
//! --no-rules                gazetteer matches only (no title, head-noun,
//!                           acronym, coreference rules)
//! --no-model                no learned tagger (source `model:tagger`)
//! --lossy                   replace invalid UTF-8 instead of stopping
//! --skip-bad-lines          jsonl: skip malformed lines (counted on stderr)
//! ```
//!
//! Text input is read in pieces of about 1 MiB cut at paragraph breaks
//! (else at a line break, else at a blank), so a file of any size runs in
//! bounded memory; offsets are always those of the whole file. Document
//! rules (acronyms, coreference) see one piece at a time. JSONL is read in
//! batches of about 1 MiB, extracted on all cores and written in input
//! order; only whole lines are written.
//!
//! Errors (a missing file, invalid UTF-8, a malformed gazetteer or input
//! line) print one line on stderr and exit with status 1; bad arguments
//! exit with status 2. A closed pipe (`| head`) ends the program quietly.

mod common;

use entitas::{Entity, Extractor};
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: extract [--format table|json|jsonl|conll|brat|spacy] [--gazetteer PATH]... \
[--no-default-gazetteers] [--case smart|insensitive] [--nested] [--no-rules] [--no-model] [--lossy] \
[--skip-bad-lines] FILE|-";

/// Text is processed in pieces of about this many bytes.
const PIECE: usize = 1 << 20;
/// Output is written in blocks of whole lines of about this size.
const BLOCK: usize = 64 << 10;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Jsonl,
    Conll,
    Brat,
    Spacy,
}

struct Options {
    format: Format,
    input: String,
    extractor: Extractor,
    lossy: bool,
    skip_bad_lines: bool,
}

enum Failure {
    Usage(String),
    Error(String),
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Error(format!("writing output: {e}"))
        }
    }
}

fn main() -> ExitCode {
    match run() {
        // `extract FILE | head` closes the pipe early: that is not an error.
        Ok(()) | Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("extract: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Error(msg)) => {
            eprintln!("extract: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run() -> Result<(), Failure> {
    let options = parse_args(std::env::args().skip(1))?;
    let mut out = Output::new();
    let result = match options.format {
        Format::Jsonl => run_jsonl(&options, &mut out),
        format => run_text(&options, format, &mut out),
    };
    // The buffer holds whole lines only: what came before an error is kept.
    let flushed = out.finish();
    result.and(flushed)
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, Failure> {
    let mut format = Format::Table;
    let mut input = None;
    let mut lossy = false;
    let mut skip_bad_lines = false;
    let mut builder = Extractor::builder();
    let usage = |m: String| Failure::Usage(m);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        if common::extractor_option(&arg, &mut value, &mut builder).map_err(usage)? {
            continue;
        }
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--format" => {
                format = match value("--format").map_err(usage)?.as_str() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    "conll" => Format::Conll,
                    "brat" => Format::Brat,
                    "spacy" => Format::Spacy,
                    other => return Err(usage(format!("unknown format `{other}`"))),
                }
            }
            "--lossy" => lossy = true,
            "--skip-bad-lines" => skip_bad_lines = true,
            flag if flag.starts_with("--") => {
                return Err(usage(format!("unknown option `{flag}`")))
            }
            file => {
                if input.replace(file.to_string()).is_some() {
                    return Err(usage("more than one input file".to_string()));
                }
            }
        }
    }
    let input = input.ok_or_else(|| usage("no input file (use - for stdin)".to_string()))?;
    let extractor = builder.build().map_err(|e| Failure::Error(e.to_string()))?;
    Ok(Options {
        format,
        input,
        extractor,
        lossy,
        skip_bad_lines,
    })
}

fn display_name(input: &str) -> &str {
    if input == "-" {
        "<stdin>"
    } else {
        input
    }
}

/// The input and its size in bytes when known.
fn open(input: &str) -> Result<(Box<dyn Read>, Option<u64>), Failure> {
    if input == "-" {
        return Ok((Box::new(io::stdin().lock()), None));
    }
    let fail = |e: io::Error| Failure::Error(format!("{input}: {e}"));
    let meta = std::fs::metadata(input).map_err(fail)?;
    if meta.is_dir() {
        return Err(Failure::Error(format!("{input}: is a directory")));
    }
    let file = std::fs::File::open(input).map_err(fail)?;
    Ok((Box::new(file), Some(meta.len())))
}

/// Standard output, written in blocks of whole lines.
struct Output {
    buf: Vec<u8>,
    stdout: io::Stdout,
}

impl Output {
    fn new() -> Self {
        Output {
            buf: Vec::with_capacity(BLOCK * 2),
            stdout: io::stdout(),
        }
    }

    /// Writes the buffer out if it holds a block; call after whole lines.
    fn line_done(&mut self) -> Result<(), Failure> {
        if self.buf.len() >= BLOCK {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Failure> {
        let mut lock = self.stdout.lock();
        lock.write_all(&self.buf)?;
        lock.flush()?;
        self.buf.clear();
        Ok(())
    }

    fn finish(mut self) -> Result<(), Failure> {
        self.flush()
    }
}

/// A progress line on stderr, for inputs of more than a few MB when stderr
/// is a terminal.
struct Progress {
    on: bool,
    bytes: u64,
    entities: u64,
}

impl Progress {
    fn new(size: Option<u64>) -> Self {
        Progress {
            on: io::stderr().is_terminal() && size.is_none_or(|s| s > 4 << 20),
            bytes: 0,
            entities: 0,
        }
    }

    fn add(&mut self, bytes: usize, entities: usize) {
        self.bytes += bytes as u64;
        self.entities += entities as u64;
        if self.on && self.bytes > 4 << 20 {
            eprint!(
                "\rextract: {:.1} MB, {} entities",
                self.bytes as f64 / 1e6,
                self.entities
            );
        }
    }

    fn done(&self) {
        if self.on && self.bytes > 4 << 20 {
            eprintln!();
        }
    }
}

/// Reads text in pieces cut at paragraph, line or blank boundaries.
struct Pieces {
    reader: Box<dyn Read>,
    name: String,
    buf: Vec<u8>,
    /// Absolute byte offset of `buf[0]`.
    offset: usize,
    eof: bool,
    lossy: bool,
    replaced: bool,
}

impl Pieces {
    /// The next piece and its absolute byte offset, or `None` at the end.
    fn next_piece(&mut self) -> Result<Option<(usize, String)>, Failure> {
        while !self.eof && self.buf.len() < PIECE {
            let start = self.buf.len();
            self.buf.resize(start + (PIECE - start).max(64 << 10), 0);
            let n = loop {
                match self.reader.read(&mut self.buf[start..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Failure::Error(format!("{}: {e}", self.name))),
                }
            };
            self.buf.truncate(start + n);
            self.eof = n == 0;
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let cut = if self.eof {
            self.buf.len()
        } else {
            cut_point(&self.buf)
        };
        let rest = self.buf.split_off(cut);
        let bytes = std::mem::replace(&mut self.buf, rest);
        let at = self.offset;
        self.offset += bytes.len();
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) if self.lossy => {
                self.replaced = true;
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
            Err(e) => {
                return Err(Failure::Error(format!(
                    "{}: invalid UTF-8 at byte offset {} (use --lossy to replace it)",
                    self.name,
                    at + e.utf8_error().valid_up_to()
                )))
            }
        };
        Ok(Some((at, text)))
    }
}

/// Where to end a piece: after the last blank line, else the last line
/// break, else the last blank, else at a char boundary.
fn cut_point(buf: &[u8]) -> usize {
    let find = |pred: &dyn Fn(&[u8]) -> bool, width: usize| {
        buf.windows(width).rposition(pred).map(|i| i + width)
    };
    find(&|w| w == b"\n\n", 2)
        .or_else(|| find(&|w| w[0] == b'\n', 1))
        .or_else(|| find(&|w| w[0].is_ascii_whitespace(), 1))
        .unwrap_or_else(|| {
            // No blank at all: cut before a UTF-8 continuation byte's lead.
            let mut cut = buf.len();
            while cut > 0 && buf.get(cut).is_some_and(|b| b & 0xC0 == 0x80) {
                cut -= 1;
            }
            cut
        })
}

fn run_text(options: &Options, format: Format, out: &mut Output) -> Result<(), Failure> {
    let (reader, size) = open(&options.input)?;
    let mut pieces = Pieces {
        reader,
        name: display_name(&options.input).to_string(),
        buf: Vec::new(),
        offset: 0,
        eof: false,
        lossy: options.lossy,
        replaced: false,
    };
    let mut progress = Progress::new(size);
    let mut chars = 0usize;
    let mut written = 0usize;
    match format {
        Format::Table => writeln!(
            out.buf,
            "{:<13} {:<32} {:<32} {:<24} {:>11} {:>11}",
            "LABEL", "TEXT", "CANONICAL", "ID", "BYTES", "CHARS"
        )?,
        Format::Json => out.buf.extend_from_slice(b"{\"entities\": ["),
        Format::Spacy => out.buf.extend_from_slice(b"{\"text\": \""),
        _ => {}
    }
    // spaCy's `ents` come after the whole text: kept, compactly, until then.
    let mut spacy_ents: Vec<(usize, usize, String)> = Vec::new();
    while let Some((at, text)) = pieces.next_piece()? {
        let mut entities = options.extractor.extract(&text);
        progress.add(text.len(), entities.len());
        if format == Format::Conll {
            if written > 0 {
                out.buf.push(b'\n');
            }
            write_conll(&text, &entities, out)?;
            written += 1;
        } else {
            if format == Format::Spacy {
                let quoted = serde_json::to_string(&text).map_err(io::Error::from)?;
                let inner = quoted
                    .get(1..quoted.len().saturating_sub(1))
                    .unwrap_or_default();
                out.buf.extend_from_slice(inner.as_bytes());
            }
            for e in &mut entities {
                e.byte_start += at;
                e.byte_end += at;
                e.char_start += chars;
                e.char_end += chars;
            }
            for e in &entities {
                match format {
                    Format::Json => {
                        out.buf
                            .extend_from_slice(if written == 0 { b"\n  " } else { b",\n  " });
                        serde_json::to_writer(&mut out.buf, e).map_err(io::Error::from)?;
                    }
                    Format::Brat => write_brat(e, written + 1, &mut out.buf)?,
                    Format::Spacy => {
                        spacy_ents.push((e.char_start, e.char_end, e.label.to_string()))
                    }
                    _ => write_row(e, &mut out.buf)?,
                }
                written += 1;
                if format != Format::Spacy {
                    out.line_done()?;
                }
            }
        }
        chars += text.chars().count();
        if format != Format::Spacy {
            out.line_done()?;
        }
    }
    match format {
        Format::Json => out.buf.extend_from_slice(b"\n]}\n"),
        Format::Spacy => {
            let ents: Vec<serde_json::Value> = spacy_ents
                .into_iter()
                .map(|(start, end, label)| serde_json::json!({"start": start, "end": end, "label": label}))
                .collect();
            out.buf.extend_from_slice(b"\", \"ents\": ");
            serde_json::to_writer(&mut out.buf, &ents).map_err(io::Error::from)?;
            out.buf.extend_from_slice(b"}\n");
        }
        _ => {}
    }
    progress.done();
    if pieces.replaced {
        eprintln!("extract: {}: invalid UTF-8 replaced by U+FFFD", pieces.name);
    }
    Ok(())
}

/// One brat standoff entity, `T<n>`, with char offsets; a span that
/// crosses line breaks is written as fragments, as brat requires. The id
/// and canonical name follow as a normalization, `N<n>`.
fn write_brat(e: &Entity, n: usize, out: &mut Vec<u8>) -> io::Result<()> {
    let mut fragments = Vec::new();
    let mut start = e.char_start;
    for (i, c) in e.text.chars().enumerate() {
        if c == '\n' {
            if e.char_start + i > start {
                fragments.push(format!("{start} {}", e.char_start + i));
            }
            start = e.char_start + i + 1;
        }
    }
    if e.char_end > start {
        fragments.push(format!("{start} {}", e.char_end));
    }
    let text: String = e
        .text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    writeln!(out, "T{n}\t{} {}\t{text}", e.label, fragments.join(";"))?;
    writeln!(
        out,
        "N{n}\tReference T{n} entitas:{}\t{}",
        e.id, e.canonical
    )
}

fn write_row(e: &Entity, out: &mut Vec<u8>) -> io::Result<()> {
    let label = if e.nested {
        format!("  {}", e.label)
    } else {
        e.label.to_string()
    };
    writeln!(
        out,
        "{:<13} {:<32} {:<32} {:<24} {:>11} {:>11}",
        label,
        e.text.escape_debug().to_string(),
        e.canonical,
        e.id,
        format!("{}..{}", e.byte_start, e.byte_end),
        format!("{}..{}", e.char_start, e.char_end),
    )
}

fn write_conll(text: &str, entities: &[Entity], out: &mut Output) -> Result<(), Failure> {
    let mut sentence = None;
    for (token, tag) in entitas::tag_bio(text, entities) {
        if sentence.is_some_and(|s| s != token.sentence) {
            out.buf.push(b'\n');
            out.line_done()?;
        }
        sentence = Some(token.sentence);
        writeln!(out.buf, "{}\t{tag}", token.text)?;
    }
    Ok(())
}

/// JSONL lines are read in batches of about this many bytes, extracted on
/// all cores, and written in input order.
const BATCH: usize = 1 << 20;

fn run_jsonl(options: &Options, out: &mut Output) -> Result<(), Failure> {
    let name = display_name(&options.input);
    let (reader, size) = open(&options.input)?;
    let mut reader = io::BufReader::new(reader);
    let mut progress = Progress::new(size);
    let mut offset = 0usize;
    let mut number = 0usize;
    let mut skipped = 0usize;
    loop {
        // Read a batch of lines, parsed, each with its number and offset.
        let mut batch: Vec<(usize, usize, Result<Option<Record>, BadLine>)> = Vec::new();
        let mut bytes = 0;
        while bytes < BATCH {
            let mut line = Vec::new();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| Failure::Error(format!("{name}: {e}")))?;
            if read == 0 {
                break;
            }
            number += 1;
            batch.push((number, offset, jsonl_record(&line)));
            offset += read;
            bytes += read;
        }
        if batch.is_empty() {
            break;
        }
        // Lines up to the first bad one (unless skipping) are processed.
        let stop = batch
            .iter()
            .position(|(_, _, r)| r.is_err())
            .filter(|_| !options.skip_bad_lines);
        let good: Vec<&Record> = batch
            .iter()
            .take(stop.unwrap_or(batch.len()))
            .filter_map(|(_, _, r)| r.as_ref().ok().and_then(Option::as_ref))
            .collect();
        let texts: Vec<&str> = good.iter().map(|r| r.text.as_str()).collect();
        let found = options.extractor.extract_batch(&texts);
        for (record, entities) in good.iter().zip(found) {
            progress.add(record.text.len(), entities.len());
            let result = serde_json::json!({ "id": record.id, "entities": entities });
            serde_json::to_writer(&mut out.buf, &result).map_err(io::Error::from)?;
            out.buf.push(b'\n');
            out.line_done()?;
        }
        skipped += batch.iter().filter(|(_, _, r)| r.is_err()).count();
        if let Some((number, at, Err(bad))) = stop.and_then(|i| batch.into_iter().nth(i)) {
            return Err(match bad {
                BadLine::Utf8(valid) => Failure::Error(format!(
                    "{name}:{number}: invalid UTF-8 at byte offset {} (use --skip-bad-lines to skip the line)",
                    at + valid
                )),
                BadLine::Json(e) => Failure::Error(format!("{name}:{number}: invalid JSON: {e}")),
                BadLine::Shape => Failure::Error(format!(
                    "{name}:{number}: expected an object with \"id\" and a string \"text\""
                )),
            });
        }
    }
    progress.done();
    if skipped > 0 {
        eprintln!("extract: {name}: skipped {skipped} bad line(s)");
    }
    Ok(())
}

/// One JSONL input record.
struct Record {
    id: serde_json::Value,
    text: String,
}

enum BadLine {
    Utf8(usize),
    Json(serde_json::Error),
    Shape,
}

/// One JSONL input line: `None` for a blank line.
fn jsonl_record(line: &[u8]) -> Result<Option<Record>, BadLine> {
    let text = std::str::from_utf8(line).map_err(|e| BadLine::Utf8(e.valid_up_to()))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let mut record: serde_json::Value = serde_json::from_str(text).map_err(BadLine::Json)?;
    let text = match record.get_mut("text").map(serde_json::Value::take) {
        Some(serde_json::Value::String(t)) => t,
        _ => return Err(BadLine::Shape),
    };
    let id = record
        .get_mut("id")
        .map(serde_json::Value::take)
        .ok_or(BadLine::Shape)?;
    Ok(Some(Record { id, text }))
}
