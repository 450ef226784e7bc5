//! Finds named entities in an Indonesian text file.
//!
//! ```text
//! cargo run --release --example extract -- [OPTIONS] FILE|-
//!
//! --format table|json|jsonl|conll   output format (default: table)
//!     table  one entity per line: label, text, canonical, id, offsets
//!     json   {"entities": [...]} for the whole file
//!     jsonl  batch mode: each input line is {"id": ..., "text": ...};
//!            each output line is {"id": ..., "entities": [...]}
//!     conll  one token per line with its BIO tag, a blank line between sentences
//! --gazetteer PATH          add a gazetteer file or a folder of .tsv files (repeatable)
//! --no-default-gazetteers   use only the --gazetteer files
//! --case smart|insensitive  letter case policy (insensitive for lower-cased text)
//! --nested                  also report mentions nested inside others
//! --no-rules                gazetteer matches only (no title, head-noun,
//!                           acronym, coreference rules)
//! ```
//!
//! Errors (a missing file, invalid UTF-8, a malformed gazetteer or input
//! line) print one line on stderr and exit with status 1; bad arguments
//! exit with status 2.

use entitas::{Case, Entity, Extractor, Overlap};
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: extract [--format table|json|jsonl|conll] [--gazetteer PATH]... \
[--no-default-gazetteers] [--case smart|insensitive] [--nested] [--no-rules] FILE|-";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Jsonl,
    Conll,
}

struct Options {
    format: Format,
    input: String,
    extractor: Extractor,
}

enum Failure {
    Usage(String),
    Error(String),
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
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
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match options.format {
        Format::Jsonl => run_jsonl(&options, &mut out),
        format => {
            let text = read_text(&options.input)?;
            let entities = options.extractor.extract(&text);
            write_document(format, &text, &entities, &mut out)
        }
    };
    match result.and_then(|()| out.flush().map_err(Failure::from)) {
        // `extract FILE | head` closes the pipe early: that is not an error.
        Err(Failure::Error(msg)) if msg == BROKEN_PIPE => Ok(()),
        other => other,
    }
}

const BROKEN_PIPE: &str = "broken pipe";

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::Error(BROKEN_PIPE.to_string())
        } else {
            Failure::Error(format!("writing output: {e}"))
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, Failure> {
    let mut format = Format::Table;
    let mut input = None;
    let mut builder = Extractor::builder();
    let usage = |m: String| Failure::Usage(m);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--format" => {
                format = match value("--format")?.as_str() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    "conll" => Format::Conll,
                    other => return Err(usage(format!("unknown format `{other}`"))),
                }
            }
            "--gazetteer" => {
                builder.gazetteer_file(value("--gazetteer")?);
            }
            "--no-default-gazetteers" => {
                builder.default_gazetteers(false);
            }
            "--case" => {
                builder.case(match value("--case")?.as_str() {
                    "smart" => Case::Smart,
                    "insensitive" => Case::Insensitive,
                    other => return Err(usage(format!("unknown case mode `{other}`"))),
                });
            }
            "--nested" => {
                builder.overlap(Overlap::Nested);
            }
            "--no-rules" => {
                builder.rules(false);
            }
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
    })
}

fn display_name(input: &str) -> &str {
    if input == "-" {
        "<stdin>"
    } else {
        input
    }
}

fn open(input: &str) -> Result<Box<dyn Read>, Failure> {
    if input == "-" {
        return Ok(Box::new(io::stdin()));
    }
    let fail = |e: io::Error| Failure::Error(format!("{input}: {e}"));
    if std::fs::metadata(input).map_err(fail)?.is_dir() {
        return Err(Failure::Error(format!("{input}: is a directory")));
    }
    Ok(Box::new(std::fs::File::open(input).map_err(fail)?))
}

fn read_text(input: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    open(input)?
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Error(format!("{}: {e}", display_name(input))))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure::Error(format!(
            "{}: invalid UTF-8 at byte offset {}",
            display_name(input),
            e.utf8_error().valid_up_to()
        ))
    })
}

fn run_jsonl(options: &Options, out: &mut impl Write) -> Result<(), Failure> {
    let name = display_name(&options.input);
    let mut reader = io::BufReader::new(open(&options.input)?);
    let mut line = Vec::new();
    let mut offset = 0usize;
    for number in 1.. {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Error(format!("{name}: {e}")))?;
        if read == 0 {
            break;
        }
        let text = std::str::from_utf8(&line).map_err(|e| {
            Failure::Error(format!(
                "{name}:{number}: invalid UTF-8 at byte offset {}",
                offset + e.valid_up_to()
            ))
        })?;
        offset += read;
        if text.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Failure::Error(format!("{name}:{number}: invalid JSON: {e}")))?;
        let (Some(id), Some(doc)) = (
            record.get("id"),
            record.get("text").and_then(|t| t.as_str()),
        ) else {
            return Err(Failure::Error(format!(
                "{name}:{number}: expected an object with \"id\" and a string \"text\""
            )));
        };
        let entities = options.extractor.extract(doc);
        let result = serde_json::json!({ "id": id, "entities": entities });
        serde_json::to_writer(&mut *out, &result).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_document(
    format: Format,
    text: &str,
    entities: &[Entity],
    out: &mut impl Write,
) -> Result<(), Failure> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "entities": entities }))
                .map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Conll => {
            let mut sentence = None;
            for (token, tag) in entitas::tag_bio(text, entities) {
                if sentence.is_some_and(|s| s != token.sentence) {
                    writeln!(out)?;
                }
                sentence = Some(token.sentence);
                writeln!(out, "{}\t{tag}", token.text)?;
            }
        }
        Format::Table | Format::Jsonl => {
            writeln!(
                out,
                "{:<13} {:<32} {:<32} {:<24} {:>11} {:>11}",
                "LABEL", "TEXT", "CANONICAL", "ID", "BYTES", "CHARS"
            )?;
            for e in entities {
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
                )?;
            }
        }
    }
    Ok(())
}
