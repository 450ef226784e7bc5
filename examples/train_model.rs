//! Trains the learned tagger (`models/tagger.bin`) from NERGRIT's
//! training sentences, deterministically: the same data and options give
//! the same bytes (`models/README.md` records the command and checksum).
//!
//! ```text
//! cargo run --release --example train_model -- [--bits N] [--epochs N] [--seed N] [--no-recase] TRAIN.jsonl... OUT.bin
//! ```
//!
//! Each input line is `{"text": ..., "entities": [{"start", "end", "label"}]}`
//! with char offsets (the eval corpora's JSONL). Every sentence is used as
//! written, all lower case and all upper case (`--no-recase`: as written
//! only). The library's own entities, its features, come from the default
//! extractor with the model off.

use entitas::model_train::{checksum, describe, train, Example, Options};
use entitas::Extractor;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut options = Options::default();
    let mut recase = true;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Option<u64> {
            let v = args.next().and_then(|v| v.parse().ok());
            if v.is_none() {
                eprintln!("train_model: {name} takes a number");
            }
            v
        };
        match arg.as_str() {
            "--bits" => match number("--bits") {
                Some(n) => options.bits = n as u32,
                None => return ExitCode::from(2),
            },
            "--epochs" => match number("--epochs") {
                Some(n) => options.epochs = n as u32,
                None => return ExitCode::from(2),
            },
            "--seed" => match number("--seed") {
                Some(n) => options.seed = n,
                None => return ExitCode::from(2),
            },
            "--no-recase" => recase = false,
            flag if flag.starts_with("--") => {
                eprintln!("train_model: unknown option `{flag}`");
                return ExitCode::from(2);
            }
            _ => files.push(arg),
        }
    }
    let Some(out) = files.pop().filter(|_| !files.is_empty()) else {
        eprintln!("usage: train_model [--bits N] [--epochs N] [--seed N] [--no-recase] TRAIN.jsonl... OUT.bin");
        return ExitCode::from(2);
    };
    let t0 = Instant::now();
    let mut examples = Vec::new();
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("train_model: {file}: {e}");
                return ExitCode::from(1);
            }
        };
        match read(&text) {
            Ok(mut ex) => examples.append(&mut ex),
            Err(e) => {
                eprintln!("train_model: {file}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let originals = examples.len();
    if recase {
        let variants: Vec<Example> = (0..originals)
            .flat_map(|i| [true, false].map(|lower| examples[i].recased(lower)))
            .flatten()
            .collect();
        examples.extend(variants);
    }
    let library = match Extractor::builder().model(false).build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("train_model: {e}");
            return ExitCode::from(1);
        }
    };
    let bytes = train(&library, &examples, &options);
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("train_model: {out}: {e}");
        return ExitCode::from(1);
    }
    let (bits, rows, size) = describe(&bytes).unwrap_or_default();
    println!(
        "sentences={originals} examples={} bits={bits} epochs={} seed={} rows={rows} bytes={size} fnv64={:016x} seconds={:.1}",
        examples.len(),
        options.epochs,
        options.seed,
        checksum(&bytes),
        t0.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// The examples of a JSONL file.
fn read(text: &str) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let t = v["text"]
            .as_str()
            .ok_or(format!("line {}: no text", n + 1))?;
        let spans: Vec<(usize, usize, String)> = v["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                Some((
                    e["start"].as_u64()? as usize,
                    e["end"].as_u64()? as usize,
                    e["label"].as_str()?.to_string(),
                ))
            })
            .collect();
        out.push(
            Example::from_chars(t, &spans)
                .ok_or(format!("line {}: offset past the text", n + 1))?,
        );
    }
    Ok(out)
}
