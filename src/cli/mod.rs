//! The command-line tool `entitas` (feature `cli`): the entry point, the run over the input's documents, exit codes.
//!
//! [`main`] is what `src/bin/entitas.rs` and `examples/extract.rs` call.
//! Exit status: 0 when every document was processed, 1 for bad input or
//! output that cannot be written (a closed standard output is an error; a
//! pipe closed early, as by `| head`, ends the run quietly with 0), 2 for
//! bad arguments. Nothing here panics on a failed write.
//!
//! The stages: [`args`] (what the user asked for) → [`read`] (documents in
//! pieces) → the library's extractor → [`write`](mod@write) (one writer per format).

pub mod args;
pub mod read;
pub mod write;

use crate::Extractor;
use args::{Args, Format, InputKind};
use clap::{CommandFactory, FromArgMatches};
use read::{BadLine, Chunker, ReadError};
use std::ffi::OsString;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use write::{DocId, Sink, Writer};

/// A run that could not go on.
#[derive(Debug)]
enum Failure {
    /// Bad arguments: exit 2.
    Usage(String),
    /// Bad input or output: exit 1.
    Error(String),
    /// Standard output was closed by its reader: a quiet end.
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

/// Runs the tool on the process's arguments.
pub fn main() -> ExitCode {
    run_with(std::env::args_os())
}

/// Runs the tool on `args` (the first is the program's name, which also
/// prefixes messages).
pub fn run_with(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let mut args = args.into_iter().peekable();
    let program = args
        .peek()
        .and_then(|a| {
            Path::new(a)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "entitas".to_string());
    match run(&program, args) {
        Ok(0) | Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(Failure::Usage(msg)) => {
            warn(&msg);
            ExitCode::from(2)
        }
        Err(Failure::Error(msg)) => {
            warn(&format!("{program}: {msg}"));
            ExitCode::from(1)
        }
    }
}

/// One message on stderr; a failure to write it is ignored.
fn warn(msg: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", msg.trim_end());
}

/// Standard output as a file of its own, so that every write reports its
/// error (Rust's `Stdout` swallows a closed descriptor's).
fn stdout() -> Result<Box<dyn Write>, Failure> {
    if stdout_closed() {
        return Err(Failure::Error("standard output is closed".into()));
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        match io::stdout().as_fd().try_clone_to_owned() {
            Ok(fd) => Ok(Box::new(std::fs::File::from(fd))),
            Err(e) => Err(Failure::Error(format!("standard output: {e}"))),
        }
    }
    #[cfg(not(unix))]
    {
        Ok(Box::new(io::stdout()))
    }
}

/// Whether the process was started with standard output closed: Rust's
/// runtime then opens `/dev/null` read-write in its place (a shell's
/// `>/dev/null` opens it write-only), where output would vanish unseen.
fn stdout_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(fd), Ok(null)) = (
            std::fs::metadata("/proc/self/fd/1"),
            std::fs::metadata("/dev/null"),
        ) else {
            return false;
        };
        if fd.rdev() != null.rdev() || fd.ino() != null.ino() {
            return false;
        }
        let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
            return false;
        };
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 3 == 2)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// What the input is.
enum Input {
    Text {
        name: String,
        reader: Box<dyn Read>,
        size: Option<u64>,
    },
    Jsonl {
        name: String,
        reader: Box<dyn Read>,
        size: Option<u64>,
    },
    Dir {
        files: Vec<PathBuf>,
        size: u64,
    },
}

fn open(args: &Args) -> Result<Input, Failure> {
    let name = if args.input == "-" {
        "<stdin>".to_string()
    } else {
        args.input.clone()
    };
    let jsonl_name = {
        let lower = args.input.to_ascii_lowercase();
        lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
    };
    let kind = args
        .input_kind
        .unwrap_or(if jsonl_name || args.format == Format::Jsonl {
            InputKind::Jsonl
        } else {
            InputKind::Text
        });
    let (reader, size): (Box<dyn Read>, Option<u64>) = if args.input == "-" {
        (Box::new(io::stdin().lock()), None)
    } else {
        let fail = |e: io::Error| Failure::Error(format!("{name}: {e}"));
        let meta = std::fs::metadata(&args.input).map_err(fail)?;
        if meta.is_dir() {
            let files = read::dir_files(Path::new(&args.input)).map_err(fail)?;
            let size = files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            return Ok(Input::Dir { files, size });
        }
        let file = std::fs::File::open(&args.input).map_err(fail)?;
        (Box::new(file), Some(meta.len()))
    };
    Ok(match kind {
        InputKind::Jsonl => Input::Jsonl { name, reader, size },
        _ => Input::Text { name, reader, size },
    })
}

/// A progress line on stderr, for inputs of more than a few MB when stderr
/// is a terminal; nothing otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    size: Option<u64>,
    done: u64,
}

/// Inputs larger than this show progress.
const PROGRESS_FROM: u64 = 4 << 20;

impl Progress {
    fn new(size: Option<u64>) -> Self {
        Progress {
            bar: None,
            size: if io::stderr().is_terminal() {
                size.or(Some(u64::MAX))
            } else {
                None
            },
            done: 0,
        }
    }

    fn add(&mut self, bytes: usize) {
        self.done += bytes as u64;
        let Some(size) = self.size else { return };
        if self.bar.is_none()
            && size > PROGRESS_FROM
            && (size != u64::MAX || self.done > PROGRESS_FROM)
        {
            let bar = if size == u64::MAX {
                indicatif::ProgressBar::new_spinner()
            } else {
                indicatif::ProgressBar::new(size)
            };
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            let template = if size == u64::MAX {
                "{spinner} {bytes} read, {bytes_per_sec}"
            } else {
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left"
            };
            if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Counts of what went wrong, for the closing message and status.
#[derive(Default)]
struct Tally {
    failed: usize,
    skipped: usize,
    replaced: usize,
}

/// The arguments, or `None` once `--help` or `--version` is written.
fn parse(
    program: &str,
    args: impl Iterator<Item = OsString>,
    sink: &mut Sink,
) -> Result<Option<Args>, Failure> {
    let command = Args::command()
        .name(program.to_string())
        .bin_name(program.to_string());
    match command
        .try_get_matches_from(args)
        .and_then(|m| Args::from_arg_matches(&m))
    {
        Ok(args) => Ok(Some(args)),
        Err(e) => {
            use clap::error::ErrorKind;
            let text = e.render().to_string();
            match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                    if e.exit_code() == 0 =>
                {
                    sink.write_all(text.as_bytes())?;
                    sink.commit()?;
                    Ok(None)
                }
                _ => Err(Failure::Usage(text)),
            }
        }
    }
}

fn run(program: &str, args: impl Iterator<Item = OsString>) -> Result<usize, Failure> {
    let out = stdout()?;
    let mut sink = Sink::new(out);
    let Some(args) = parse(program, args, &mut sink)? else {
        return Ok(0);
    };
    let extractor = args
        .extractor()
        .map_err(|e| Failure::Error(e.to_string()))?;
    let input = open(&args)?;
    let multi = !matches!(input, Input::Text { .. });
    let mut writer = write::writer(args.format, multi);
    writer.begin(&mut sink)?;
    let mut tally = Tally::default();
    let result = match input {
        Input::Text { name, reader, size } => {
            let mut progress = Progress::new(size);
            let id = DocId::String(if args.input == "-" {
                "-".into()
            } else {
                args.input.clone()
            });
            let r = text_doc(
                &id,
                reader,
                &extractor,
                &args,
                &mut *writer,
                &mut sink,
                &mut progress,
                &mut tally,
            );
            progress.finish();
            r.map_err(|e| e.named(&name))
        }
        Input::Jsonl { name, reader, size } => {
            let mut progress = Progress::new(size);
            let r = jsonl(
                program,
                &name,
                reader,
                &extractor,
                &args,
                &mut *writer,
                &mut sink,
                &mut progress,
                &mut tally,
            );
            progress.finish();
            r
        }
        Input::Dir { files, size } => {
            let mut progress = Progress::new(Some(size));
            let r = dir_docs(
                program,
                files,
                &extractor,
                &args,
                &mut *writer,
                &mut sink,
                &mut progress,
                &mut tally,
            );
            progress.finish();
            r
        }
    };
    if tally.replaced > 0 {
        warn(&format!(
            "{program}: invalid UTF-8 replaced: {} byte(s) read as U+001A, offsets unchanged",
            tally.replaced
        ));
    }
    let failed = match result {
        Err(e) => {
            if writer.atomic() {
                sink.discard();
            } else {
                // Whole lines written before the error are kept.
                let _ = writer.doc_abort(&mut sink);
                let _ = sink.commit();
            }
            return Err(e);
        }
        Ok(()) => tally.failed,
    };
    if failed > 0 && writer.atomic() {
        sink.discard();
        warn(&format!(
            "{program}: {failed} document(s) failed: no output written"
        ));
        return Ok(failed);
    }
    writer.finish(&mut sink)?;
    sink.commit()?;
    // Each failed document has had its message; the status says it too.
    Ok(failed)
}

/// Each file of a folder as one document; a file that cannot be read or
/// extracted is reported and counted, and the run goes on.
#[allow(clippy::too_many_arguments)]
fn dir_docs(
    program: &str,
    files: Vec<std::path::PathBuf>,
    extractor: &Extractor,
    args: &Args,
    writer: &mut dyn Writer,
    sink: &mut Sink,
    progress: &mut Progress,
    tally: &mut Tally,
) -> Result<(), Failure> {
    for path in files {
        let name = path.display().to_string();
        let id = DocId::String(name.clone());
        let doc = std::fs::File::open(&path)
            .map_err(DocFailure::Read)
            .and_then(|file| {
                text_doc(
                    &id,
                    Box::new(file),
                    extractor,
                    args,
                    writer,
                    sink,
                    progress,
                    tally,
                )
            });
        match doc {
            Ok(()) => {}
            Err(DocFailure::Write(e)) => return Err(Failure::from(e)),
            Err(e) => {
                warn(&format!("{program}: {}", e.named(&name).message()));
                tally.failed += 1;
            }
        }
    }
    Ok(())
}

/// Why a document failed.
enum DocFailure {
    Read(io::Error),
    Utf8(usize),
    Write(io::Error),
}

impl DocFailure {
    fn named(self, name: &str) -> Failure {
        match self {
            DocFailure::Write(e) => Failure::from(e),
            other => Failure::Error(format!("{name}: {}", other.text())),
        }
    }

    fn text(&self) -> String {
        match self {
            DocFailure::Read(e) | DocFailure::Write(e) => e.to_string(),
            DocFailure::Utf8(at) => ReadError::Utf8(*at).to_string(),
        }
    }
}

impl Failure {
    fn message(&self) -> String {
        match self {
            Failure::Usage(m) | Failure::Error(m) => m.clone(),
            Failure::BrokenPipe => "broken pipe".into(),
        }
    }
}

/// One document read from `reader` in pieces.
#[allow(clippy::too_many_arguments)]
fn text_doc(
    id: &DocId,
    reader: Box<dyn Read>,
    extractor: &Extractor,
    args: &Args,
    writer: &mut dyn Writer,
    sink: &mut Sink,
    progress: &mut Progress,
    tally: &mut Tally,
) -> Result<(), DocFailure> {
    let mut chunker = Chunker::new(reader, args.lossy);
    sink.mark();
    writer.doc_start(id, sink).map_err(DocFailure::Write)?;
    loop {
        match chunker.next_piece(extractor) {
            Ok(Some(piece)) => {
                progress.add(piece.text.len());
                writer.piece(&piece, sink).map_err(DocFailure::Write)?;
            }
            Ok(None) => break,
            Err(e) => {
                tally.replaced += chunker.replaced();
                writer.doc_abort(sink).map_err(DocFailure::Write)?;
                return Err(match e {
                    ReadError::Utf8(at) => DocFailure::Utf8(at),
                    ReadError::Io(e) => DocFailure::Read(e),
                });
            }
        }
    }
    tally.replaced += chunker.replaced();
    writer.doc_end(sink).map_err(DocFailure::Write)
}

/// JSONL lines are read in batches of about this many bytes; the small
/// records of a batch are extracted on all cores.
const BATCH: usize = 1 << 20;

#[allow(clippy::too_many_arguments)]
fn jsonl(
    program: &str,
    name: &str,
    reader: Box<dyn Read>,
    extractor: &Extractor,
    args: &Args,
    writer: &mut dyn Writer,
    sink: &mut Sink,
    progress: &mut Progress,
    tally: &mut Tally,
) -> Result<(), Failure> {
    let mut reader = io::BufReader::with_capacity(1 << 16, reader);
    let (mut offset, mut number) = (0usize, 0usize);
    let small = read::PIECE + read::OVERLAP;
    loop {
        let mut batch: Vec<(usize, usize, Result<read::Record, BadLine>)> = Vec::new();
        let mut bytes = 0;
        while bytes < BATCH {
            let mut line = Vec::new();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| Failure::Error(format!("{name}: {e}")))?;
            if n == 0 {
                break;
            }
            number += 1;
            let parsed = read::parse_record(&line, &args.id_field, &args.text_field);
            drop(line);
            match parsed {
                Ok(None) => {}
                Ok(Some(r)) => batch.push((number, offset, Ok(r))),
                Err(e) => batch.push((number, offset, Err(e))),
            }
            offset += n;
            bytes += n;
        }
        if batch.is_empty() && bytes == 0 {
            if tally.skipped > 0 {
                warn(&format!(
                    "{program}: {name}: skipped {} bad line(s)",
                    tally.skipped
                ));
            }
            return Ok(());
        }
        // The small records, on all cores.
        let texts: Vec<&str> = batch
            .iter()
            .filter_map(|(_, _, r)| r.as_ref().ok())
            .filter(|r| r.text.len() <= small)
            .map(|r| r.text.as_str())
            .collect();
        let mut found = extractor.extract_batch(&texts).into_iter();
        for (number, at, record) in &batch {
            let record = match record {
                Ok(r) => r,
                Err(bad) => {
                    if args.skip_bad_lines {
                        tally.skipped += 1;
                    } else {
                        tally.failed += 1;
                        warn(&format!(
                            "{program}: {name}:{number}: {}",
                            bad_line(bad, *at, args)
                        ));
                    }
                    continue;
                }
            };
            sink.mark();
            writer.doc_start(&record.id, sink)?;
            if record.text.len() <= small {
                let entities = found.next().unwrap_or_default();
                let piece = read::Piece {
                    text: &record.text,
                    byte_start: 0,
                    char_start: 0,
                    entities,
                };
                writer.piece(&piece, sink)?;
                progress.add(record.text.len());
            } else {
                let mut chunker = Chunker::new(record.text.as_bytes(), false);
                while let Some(piece) = chunker
                    .next_piece(extractor)
                    .map_err(|e| Failure::Error(e.to_string()))?
                {
                    progress.add(piece.text.len());
                    writer.piece(&piece, sink)?;
                }
            }
            writer.doc_end(sink)?;
        }
    }
}

/// The message for a JSONL line that is not a record.
fn bad_line(bad: &BadLine, at: usize, args: &Args) -> String {
    let hint = "use --skip-bad-lines to skip such lines";
    match bad {
        BadLine::Utf8(valid) => format!("invalid UTF-8 at byte offset {} ({hint})", at + valid),
        BadLine::Json(e) => format!("invalid JSON: {e} ({hint})"),
        BadLine::Shape => format!(
            "expected an object with {:?} and a string {:?} ({hint})",
            args.id_field, args.text_field
        ),
    }
}
