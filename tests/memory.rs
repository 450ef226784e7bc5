//! Memory of the `entitas` binary on large inputs, in a test binary of its
//! own: a child's peak RSS (wait4's `ru_maxrss`) keeps the high-water mark
//! of the process it was forked from, so the parent must stay small. In the
//! integration binary, other tests holding texts of several MB beside it
//! made the same runs read 170 and 220 MB instead of 72 and 88 MB.

use std::process::{Command, Stdio};

fn example() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_entitas"))
}

/// Runs the command with stdin from `input` and stdout to a file, and
/// returns its peak resident memory in bytes (wait4's ru_maxrss) and
/// the output.
// The child is reaped by `wait4`, which std's `wait` cannot replace: it
// alone returns the child's resource usage.
#[allow(clippy::zombie_processes)]
fn peak_rss(args: &[&str], input: &std::path::Path) -> (u64, Vec<u8>) {
    let out = std::env::temp_dir().join(format!(
        "entitas-rss-{}-{}.out",
        std::process::id(),
        args.join("-").replace(['/', ' '], "_")
    ));
    let child = Command::new(example())
        .args(args)
        .stdin(std::fs::File::open(input).unwrap())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 writes it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose pid is valid.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    let bytes = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    (usage.ru_maxrss as u64 * 1024, bytes)
}

/// The peak RSS of `args` on a file holding `content`.
fn peak_rss_on(args: &[&str], content: &str) -> (u64, Vec<u8>) {
    let path = std::env::temp_dir().join(format!(
        "entitas-big-{}-{}.in",
        std::process::id(),
        content.len()
    ));
    std::fs::write(&path, content).unwrap();
    let got = peak_rss(args, &path);
    std::fs::remove_file(&path).unwrap();
    got
}

// See: issue #22 (repro 3).
#[test]
fn repro_22_3_one_large_record_takes_bounded_memory() {
    // One JSONL record with a name every 200 bytes: its output line used to
    // be built as a serde_json::Value tree and its text extracted whole
    // (7.4 GB for 200 MB). Memory may grow by at most 3x the record (the
    // line, its text, the piece) from 4 MB to 16 MB.
    let unit = format!(
        "{}Sergei Shoigu tiba. ",
        "warga kota berkumpul di lapangan ".repeat(5)
    );
    let record = |mb: usize| {
        let text = unit.repeat(mb * 1_000_000 / unit.len());
        format!("{}\n", serde_json::json!({"id": "big", "text": text}))
    };
    let (small, _) = peak_rss_on(&["--format", "jsonl", "-"], &record(4));
    let (large, out) = peak_rss_on(&["--format", "jsonl", "-"], &record(16));
    let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        line["entities"].as_array().unwrap().len(),
        16_000_000 / unit.len()
    );
    let grown = large.saturating_sub(small);
    assert!(
        grown < 3 * 12_000_000,
        "jsonl: 4 MB {} MB, 16 MB {} MB",
        small >> 20,
        large >> 20
    );
    // spaCy's format on a text of names only: the text and the entities
    // wait in spill files, not in memory (it used to keep them all, 4.2 GB
    // for 200 MB). Memory does not grow with the text. The tagger's and the
    // rules' working set is per piece (1 MiB, about 230,000 tokens here):
    // it has reached its plateau at 4 MB (2 MB still grows into it).
    let names = |mb: usize| "Iran dan ".repeat(mb * 1_000_000 / 9);
    let args = ["--format", "spacy", "--input", "text", "-"];
    let (small, _) = peak_rss_on(&args, &names(4));
    let (large, out) = peak_rss_on(&args, &names(16));
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["ents"].as_array().unwrap().len(), 16_000_000 / 9);
    let grown = large.saturating_sub(small);
    assert!(
        grown < 3 * 6_000_000,
        "spacy: 4 MB {} MB, 16 MB {} MB",
        small >> 20,
        large >> 20
    );
}
