//! entitas in the shared peer benchmark harness (`../shared/bench/`).
//!
//! ```text
//! cargo run --release --example peer_bench -- [--all-rules] [--smart-case] GAZETTEER.tsv CORPUS.txt
//! ```
//!
//! Loads the harness's gazetteer (`surface<TAB>label<TAB>canonical`, one
//! name a line) into an extractor without the default gazetteers: each
//! surface becomes one entity under a custom label named after the
//! harness's label. Matching is case-insensitive with entitas's token
//! boundaries, as the peers match; `--smart-case` uses entitas's default
//! case policy instead, `--all-rules` the whole pipeline (titles, head
//! nouns, acronyms, coreference). The corpus is one document per line;
//! each line is one `extract` call.
//!
//! Prints the harness's result line (see `runners/common.py`): build and
//! matching timed apart from reading the files, wall and CPU time.
//! `skipped` counts surfaces entitas rejects (no letter or digit once
//! folded), so nothing is dropped silently.

use entitas::{Case, Extractor};
use std::process::ExitCode;
use std::time::Instant;

/// Process CPU time in seconds, from `/proc/self/stat` (user + system, in
/// clock ticks of 1/100 s, the Linux default); `None` elsewhere.
fn cpu_now() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold blanks: fields start after the last ')'.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// A label of the harness as an entitas custom label (`[A-Z][A-Z0-9_]*`).
fn label_name(label: &str) -> String {
    let upper: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if upper.starts_with(|c: char| c.is_ascii_uppercase()) {
        upper
    } else {
        format!("L{upper}")
    }
}

/// The harness gazetteer in entitas's format, and how many surfaces were
/// left out because entitas rejects them.
fn convert(tsv: &str) -> (String, usize, usize) {
    let mut by_label: Vec<(String, Vec<String>)> = Vec::new();
    let mut skipped = 0;
    let mut patterns = 0;
    for line in tsv.lines() {
        let mut fields = line.split('\t');
        let surface = fields.next().unwrap_or_default().trim();
        let label = label_name(fields.next().unwrap_or("ENT"));
        if surface.is_empty() {
            continue;
        }
        if !surface.chars().any(char::is_alphanumeric) {
            skipped += 1;
            continue;
        }
        // A leading marker character is escaped; `@` and `#` cannot start
        // a line here because every line starts with its id.
        let escaped = if surface.starts_with(['~', '?', '!', '=', '\\']) {
            format!("\\{surface}")
        } else {
            surface.to_string()
        };
        patterns += 1;
        match by_label.iter_mut().find(|(l, _)| *l == label) {
            Some((_, lines)) => lines.push(escaped),
            None => by_label.push((label, vec![escaped])),
        }
    }
    let mut out = String::new();
    for (label, lines) in by_label {
        out.push_str(&format!(
            "@custom-label {label}\n@id-prefix {}:\n",
            label.to_ascii_lowercase()
        ));
        for (n, surface) in lines.iter().enumerate() {
            out.push_str(&format!("{n}\t{surface}\n"));
        }
    }
    (out, patterns, skipped)
}

fn main() -> ExitCode {
    let mut all_rules = false;
    let mut smart_case = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--all-rules" => all_rules = true,
            "--smart-case" => smart_case = true,
            flag if flag.starts_with("--") => {
                eprintln!("peer_bench: unknown option `{flag}`");
                return ExitCode::from(2);
            }
            _ => files.push(arg),
        }
    }
    let [gazetteer, corpus] = files.as_slice() else {
        eprintln!("usage: peer_bench [--all-rules] [--smart-case] GAZETTEER.tsv CORPUS.txt");
        return ExitCode::from(2);
    };
    let read = |path: &str| {
        std::fs::read_to_string(path).map_err(|e| eprintln!("peer_bench: {path}: {e}"))
    };
    let (Ok(tsv), Ok(text)) = (read(gazetteer), read(corpus)) else {
        return ExitCode::from(1);
    };
    let (gaz, patterns, skipped) = convert(&tsv);

    let (t0, c0) = (Instant::now(), cpu_now());
    let built = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text(gazetteer, &gaz)
        .case(if smart_case {
            Case::Smart
        } else {
            Case::Insensitive
        })
        .rules(all_rules)
        .build();
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
    for line in text.lines() {
        matches += extractor.extract(line).len();
    }
    let (seconds, c2) = (t1.elapsed().as_secs_f64(), cpu_now());

    let cpu = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => b - a,
        _ => f64::NAN,
    };
    let (build_cpu, cpu_seconds) = (cpu(c0, c1), cpu(c1, c2));
    let mb = text.len() as f64 / 1e6;
    println!(
        "tool=entitas{} patterns={patterns} build_seconds={build_seconds:.3} build_cpu_seconds={build_cpu:.3} \
         matches={matches} bytes={} seconds={seconds:.3} MBps={:.2} cpu_seconds={cpu_seconds:.3} MBps_cpu={:.2} skipped={skipped}",
        if all_rules { "-all-rules" } else { "" },
        text.len(),
        mb / seconds,
        mb / cpu_seconds,
    );
    ExitCode::SUCCESS
}
