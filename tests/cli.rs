//! The example binary, run as a user would. `cargo test` builds the
//! examples next to the test binary (`target/<profile>/examples/`).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn example() -> PathBuf {
    crate::support::example("extract")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(example())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Feed stdin from a thread: the child may fill its stdout pipe before
    // it has read all of its input, and may stop reading early on an error.
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn jsonl_batch_keeps_ids_and_order() {
    let input = "{\"id\": \"a\", \"text\": \"Rusia dan Iran\"}\n\n{\"id\": 7, \"text\": \"\"}\n";
    let o = run(&["--format", "jsonl", "-"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["entities"][1]["text"], "Iran");
    assert_eq!(lines[0]["entities"][1]["char_start"], 10);
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["entities"].as_array().unwrap().len(), 0);
}

#[test]
fn json_table_and_conll() {
    let text = "Rusianya menolak PBB.";
    let o = run(&["--format", "json", "-"], text.as_bytes());
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["entities"][0]["id"], "country:RUS");
    let o = run(&["-"], text.as_bytes());
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.starts_with("LABEL"), "{table}");
    assert!(table.contains("organization:UN"), "{table}");
    let o = run(
        &["--format", "conll", "-"],
        b"Rusia menyerang.\n\nPBB bersidang.",
    );
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "Rusia\tB-COUNTRY\nmenyerang\tO\n.\tO\n\nPBB\tB-ORGANIZATION\nbersidang\tO\n.\tO\n"
    );
}

#[test]
fn nested_flag_and_user_gazetteer() {
    let dir = std::env::temp_dir().join(format!("entitas-cli-{}.tsv", std::process::id()));
    std::fs::write(&dir, "@custom-label KAMPUS\nui\tUniversitas Indonesia\n").unwrap();
    let o = run(
        &[
            "--format",
            "jsonl",
            "--nested",
            "--gazetteer",
            dir.to_str().unwrap(),
            "-",
        ],
        b"{\"id\":1,\"text\":\"Universitas Indonesia\"}\n",
    );
    std::fs::remove_file(&dir).unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("\"label\":\"KAMPUS\""), "{out}");
    assert!(out.contains("\"nested\":true"), "{out}");
}

#[test]
fn errors_are_one_line_with_a_nonzero_status() {
    let cases: &[(&[&str], &[u8], &str)] = &[
        (
            &["tests/no-such-file.txt"],
            b"",
            "extract: tests/no-such-file.txt: ",
        ),
        (&["tests"], b"", "extract: tests: is a directory"),
        (
            &["-"],
            b"Rusia \xff\xfe",
            "extract: <stdin>: invalid UTF-8 at byte offset 6",
        ),
        (
            &["--gazetteer", "tests/bad_gazetteers/empty-alias.tsv", "-"],
            b"",
            "extract: tests/bad_gazetteers/empty-alias.tsv:3:10: empty alias",
        ),
        (
            &["--format", "jsonl", "-"],
            b"{\"id\":1}\n",
            "extract: <stdin>:1: expected an object",
        ),
        (
            &["--format", "jsonl", "-"],
            b"{\"id\":1,\"text\":\"a\"}\nnot json\n",
            "extract: <stdin>:2: invalid JSON",
        ),
    ];
    for (args, stdin, expected) in cases {
        let o = run(args, stdin);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with(expected), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = run(&["--format", "yaml", "-"], b"");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn lossy_replaces_invalid_utf8() {
    let o = run(
        &["--lossy", "--format", "json", "-"],
        b"Rusia \xff\xfe dan Iran",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let texts: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Rusia", "Iran"]);
    assert!(
        stderr(&o).contains("invalid UTF-8 replaced"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn skip_bad_lines_counts_what_it_skips() {
    let input = b"{\"id\":1,\"text\":\"Rusia\"}\nnot json\n{\"id\":2,\"text\":\"Iran \xff\"}\n{\"id\":3,\"text\":\"Iran\"}\n";
    let o = run(&["--format", "jsonl", "--skip-bad-lines", "-"], input);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids: Vec<serde_json::Value> = String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(ids, [1, 3]);
    assert_eq!(stderr(&o).trim(), "extract: <stdin>: skipped 2 bad line(s)");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let text = "Rusia dan Iran bertemu di Moskow.\n".repeat(20_000);
    let mut child = Command::new(example())
        .args(["-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let mut first = [0u8; 64];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take()); // like `| head -c 64`
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn long_input_is_read_in_pieces_with_whole_file_offsets() {
    // More than one piece (1 MiB), with non-ASCII text so that byte and
    // char offsets differ, and one very long line without any blank.
    let mut text = String::new();
    for i in 0..30_000 {
        text.push_str(&format!("Berita {i} – Rusia dan İran bertemu di Moskow.\n"));
        if i % 7 == 0 {
            text.push('\n');
        }
    }
    text.push_str(&"x".repeat(1_500_000));
    text.push_str(" Iran");
    let o = run(&["--no-rules", "--format", "json", "-"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(usize, usize, usize)> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = |k: &str| e[k].as_u64().unwrap() as usize;
            (n("byte_start"), n("byte_end"), n("char_start"))
        })
        .collect();
    let whole = entitas::Extractor::builder()
        .rules(false)
        .build()
        .unwrap()
        .extract(&text);
    let want: Vec<(usize, usize, usize)> = whole
        .iter()
        .map(|e| (e.byte_start, e.byte_end, e.char_start))
        .collect();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "pieces changed the output");
}

#[test]
fn lone_surrogates_in_json_are_a_bad_line() {
    let input = b"{\"id\":1,\"text\":\"\\ud800 Iran\"}\n{\"id\":2,\"text\":\"Iran\"}\n";
    let o = run(&["--format", "jsonl", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("extract: <stdin>:1: invalid JSON"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
    let o = run(&["--format", "jsonl", "--skip-bad-lines", "-"], input);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 1);
}

#[test]
fn jsonl_writes_the_lines_before_a_bad_one() {
    let input = b"{\"id\":1,\"text\":\"Rusia\"}\n{\"id\":2,\"text\":\"Iran\"}\n{\"id\":3}\n{\"id\":4,\"text\":\"Iran\"}\n";
    let o = run(&["--format", "jsonl", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("extract: <stdin>:3: expected an object"),
        "{}",
        stderr(&o)
    );
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 2);
}

/// `(char_start, char_end, label)` of `--format json`.
fn json_spans(text: &str) -> Vec<(u64, u64, String)> {
    let o = run(&["--format", "json", "-"], text.as_bytes());
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = |k: &str| e[k].as_u64().unwrap();
            (
                n("char_start"),
                n("char_end"),
                e["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const ROUND_TRIP: &str = "Menteri Pertahanan Rusia Sergei Shoigu tiba di Amerika\nSerikat.\n\n\
    Korps Garda Revolusi Islam Iran (IRGC) dan PBB – “İran” – bersidang.";

#[test]
fn brat_round_trip() {
    let o = run(&["--format", "brat", "-"], ROUND_TRIP.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let ann = String::from_utf8(o.stdout).unwrap();
    let chars: Vec<char> = ROUND_TRIP.chars().collect();
    let mut spans = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let [_, middle, text] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("bad T line {line:?}");
        };
        let (label, fragments) = middle.split_once(' ').unwrap();
        let mut pieces = Vec::new();
        let mut bounds = Vec::new();
        for fragment in fragments.split(';') {
            let (a, b) = fragment.split_once(' ').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            pieces.push(chars[a..b].iter().collect::<String>());
            bounds.push((a, b));
        }
        assert_eq!(pieces.join(" "), text, "{line}");
        let (first, last) = (bounds[0].0, bounds[bounds.len() - 1].1);
        spans.push((first as u64, last as u64, label.to_string()));
    }
    assert_eq!(spans, json_spans(ROUND_TRIP));
    assert!(ann.contains("\tReference T"), "{ann}");
}

#[test]
fn spacy_round_trip() {
    let o = run(&["--format", "spacy", "-"], ROUND_TRIP.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["text"], ROUND_TRIP);
    let ents: Vec<(u64, u64, String)> = doc["ents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"].as_u64().unwrap(),
                e["end"].as_u64().unwrap(),
                e["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(ents, json_spans(ROUND_TRIP));
}
