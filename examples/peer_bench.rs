//! entitas in the shared peer benchmark harness (`../shared/bench/`).
//!
//! ```text
//! cargo run --release --example peer_bench -- [--all-rules] [--smart-case] [--batch | --each] GAZETTEER.tsv CORPUS.txt
//! cargo run --release --example peer_bench -- --default [--no-model] [--batch | --each] CORPUS.txt
//! ```
//!
//! `--default` times the default extractor instead (`Extractor::builder().build()`:
//! the embedded gazetteers, every rule and the learned tagger; `--no-model`
//! without the tagger), on the corpus alone.
//!
//! Loads the harness's gazetteer (`surface<TAB>label<TAB>canonical`, one
//! name a line) into an extractor without the default gazetteers: each
//! surface becomes one entity under a custom label named after the
//! harness's label. Matching is case-insensitive with entitas's token
//! boundaries, as the peers match; `--smart-case` uses entitas's default
//! case policy instead, `--all-rules` the whole pipeline (titles, head
//! nouns, acronyms, coreference). The corpus is one document per line,
//! split into lines before the clocks start (as the harness's spaCy runner
//! does); each line is one `extract` call, or with `--batch` the lines go
//! through `extract_batch_with` on all cores (compare wall-clock MB/s). With `--each`, each line is one `extract_each` call, which hands
//! out the entities borrowed instead of building an owned `Entity` for
//! each: the cost of matching without the cost of owning the result.
//!
//! Prints the harness's result line (see `runners/common.py`): build and
//! matching timed apart from reading the files, wall and CPU time.
//! `skipped` counts surfaces entitas rejects (no letter or digit once
//! folded), so nothing is dropped silently.

use entitas::{Case, Extractor};

#[path = "common/harness.rs"]
mod harness;
use harness::convert;
use std::process::ExitCode;
use std::time::Instant;

/// Process CPU time in seconds (every thread), from the kernel's CPU clock
/// as the harness's Rust reference reads it; `None` where there is none.
/// (The per-thread `schedstat` files read before advance only at scheduler
/// ticks here: 4 ms steps on a ~50 ms measurement.)
#[cfg(unix)]
fn cpu_now() -> Option<f64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes into the timespec it is given.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    (rc == 0).then_some(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

#[cfg(not(unix))]
fn cpu_now() -> Option<f64> {
    None
}

fn main() -> ExitCode {
    let mut all_rules = false;
    let mut smart_case = false;
    let mut batch = false;
    let mut each = false;
    let mut default = false;
    let mut model = true;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--all-rules" => all_rules = true,
            "--smart-case" => smart_case = true,
            "--batch" => batch = true,
            "--each" => each = true,
            "--default" => default = true,
            "--no-model" => model = false,
            flag if flag.starts_with("--") => {
                eprintln!("peer_bench: unknown option `{flag}`");
                return ExitCode::from(2);
            }
            _ => files.push(arg),
        }
    }
    if default && files.len() == 1 {
        files.insert(0, String::new());
    }
    let [gazetteer, corpus] = files.as_slice() else {
        eprintln!(
            "usage: peer_bench [--all-rules] [--smart-case] [--batch | --each] GAZETTEER.tsv CORPUS.txt"
        );
        return ExitCode::from(2);
    };
    if batch && each {
        eprintln!("peer_bench: --batch and --each are two ways to count: choose one");
        return ExitCode::from(2);
    }
    let read = |path: &str| {
        std::fs::read_to_string(path).map_err(|e| eprintln!("peer_bench: {path}: {e}"))
    };
    let tsv = if default {
        Ok(String::new())
    } else {
        read(gazetteer)
    };
    let (Ok(tsv), Ok(text)) = (tsv, read(corpus)) else {
        return ExitCode::from(1);
    };
    let (gaz, patterns, skipped) = convert(&tsv);
    // One document per line, split before the clocks start (the harness's
    // spaCy runner splits them the same way, untimed).
    let lines: Vec<&str> = text.lines().collect();

    let (t0, c0) = (Instant::now(), cpu_now());
    let built = if default {
        Extractor::builder().model(model).build()
    } else {
        Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_text(gazetteer, &gaz)
            .case(if smart_case {
                Case::Smart
            } else {
                Case::Insensitive
            })
            .rules(all_rules)
            .build()
    };
    let (build_seconds, c1) = (t0.elapsed().as_secs_f64(), cpu_now());
    let extractor = match built {
        Ok(e) => e,
        Err(e) => {
            eprintln!("peer_bench: {e}");
            return ExitCode::from(1);
        }
    };

    let t1 = Instant::now();
    let mut matches = 0usize;
    if batch {
        // Each text's entities counted and dropped where they were found,
        // as the one-by-one loop consumes each result where it is made.
        matches += extractor
            .extract_batch_with(&lines, |_, found| found.len())
            .into_iter()
            .sum::<usize>();
    } else if each {
        for line in &lines {
            extractor.extract_each(line, |_| matches += 1);
        }
    } else {
        for line in &lines {
            matches += extractor.extract(line).len();
        }
    }
    let (seconds, c2) = (t1.elapsed().as_secs_f64(), cpu_now());

    let cpu = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => b - a,
        _ => f64::NAN,
    };
    let (build_cpu, cpu_seconds) = (cpu(c0, c1), cpu(c1, c2));
    let mb = text.len() as f64 / 1e6;
    let rules = match (default, model, all_rules) {
        (true, true, _) => "-default",
        (true, false, _) => "-default-no-model",
        (false, _, true) => "-all-rules",
        (false, _, false) => "",
    };
    let count = match (batch, each) {
        (true, _) => "-batch",
        (false, true) => "-each",
        (false, false) => "",
    };
    println!(
        "tool=entitas{rules}{count} patterns={patterns} build_seconds={build_seconds:.3} build_cpu_seconds={build_cpu:.3} \
         matches={matches} bytes={} seconds={seconds:.3} MBps={:.2} cpu_seconds={cpu_seconds:.3} MBps_cpu={:.2} skipped={skipped}",
        text.len(),
        mb / seconds,
        mb / cpu_seconds,
    );
    ExitCode::SUCCESS
}
