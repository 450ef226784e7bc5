//! The `entitas` command (`src/cli/`, the same code as the `extract`
//! example), run as a user would.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_entitas"))
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
            "entitas: tests/no-such-file.txt: ",
        ),
        (
            &["-"],
            b"Rusia \xff\xfe",
            "entitas: <stdin>: invalid UTF-8 at byte offset 6",
        ),
        (
            &["--gazetteer", "tests/bad_gazetteers/empty-alias.tsv", "-"],
            b"",
            "entitas: tests/bad_gazetteers/empty-alias.tsv:3:10: empty alias",
        ),
        (
            &["--format", "jsonl", "-"],
            b"{\"id\":1}\n",
            "entitas: <stdin>:1: expected an object",
        ),
        (
            &["--format", "jsonl", "-"],
            b"{\"id\":1,\"text\":\"a\"}\nnot json\n",
            "entitas: <stdin>:2: invalid JSON",
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
    assert_eq!(stderr(&o).trim(), "entitas: <stdin>: skipped 2 bad line(s)");
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
        stderr(&o).starts_with("entitas: <stdin>:1: invalid JSON"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
    let o = run(&["--format", "jsonl", "--skip-bad-lines", "-"], input);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 1);
}

/// Changed in issue #22: a bad line is reported and the run goes on (it
/// used to stop there); the status is still 1.
#[test]
fn jsonl_reports_a_bad_line_and_goes_on() {
    let input = b"{\"id\":1,\"text\":\"Rusia\"}\n{\"id\":2,\"text\":\"Iran\"}\n{\"id\":3}\n{\"id\":4,\"text\":\"Iran\"}\n";
    let o = run(&["--format", "jsonl", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("entitas: <stdin>:3: expected an object"),
        "{}",
        stderr(&o)
    );
    let ids: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(ids, [1, 2, 4]);
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

// ---- Issue #22: each of these fails on the CLI before it (the `extract`
// example of commit f7a15d9) and passes now.

/// `(text, byte_start, byte_end, char_start, char_end)` of the entities of
/// a `--format json` or `jsonl` record.
fn spans_of(record: &serde_json::Value) -> Vec<(String, u64, u64, u64, u64)> {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = |k: &str| e[k].as_u64().unwrap();
            (
                e["text"].as_str().unwrap().to_string(),
                n("byte_start"),
                n("byte_end"),
                n("char_start"),
                n("char_end"),
            )
        })
        .collect()
}

#[test]
fn repro_22_1_a_piece_is_cut_at_a_char_boundary() {
    // 'xy' + 400,000 three-byte chars and no blank: the first 1 MiB piece
    // used to end inside a char ("invalid UTF-8 at byte offset 1048574").
    let mut text = format!("xy{}", "中".repeat(400_000));
    text.push_str(" Rusia\n");
    let o = run(&["--format", "json", "-"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let start = 2 + 3 * 400_000 + 1;
    let chars = 2 + 400_000 + 1;
    assert_eq!(
        spans_of(&doc),
        [("Rusia".to_string(), start, start + 5, chars, chars + 5)]
    );
    // And with --lossy nothing is replaced.
    let o = run(&["--lossy", "--format", "json", "-"], text.as_bytes());
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn repro_22_2_lossy_keeps_file_offsets() {
    let o = run(
        &["--lossy", "--format", "json", "-"],
        b"Iran \xff\xff\xff\xff Rusia\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        spans_of(&doc),
        [
            ("Iran".to_string(), 0, 4, 0, 4),
            ("Rusia".to_string(), 10, 15, 10, 15)
        ]
    );
    // A truncated char at the end of the input, and one cut by a piece.
    let mut text = b"Rusia ".to_vec();
    text.extend(std::iter::repeat_n(b'a', 1 << 20));
    text.extend(b" \xe4\xb8 Iran \xe4");
    let o = run(&["--lossy", "--no-rules", "--format", "json", "-"], &text);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let iran = 6 + (1 << 20) + 4;
    assert_eq!(
        spans_of(&doc).last().unwrap(),
        &(
            "Iran".to_string(),
            iran as u64,
            iran as u64 + 4,
            iran as u64,
            iran as u64 + 4
        )
    );
}

// repro_22_3 (bounded memory for one large record) is in tests/memory.rs:
// it measures a child's peak RSS, which a parent made large by the other
// tests running beside it would inflate.

#[test]
fn repro_22_4_no_name_is_cut_at_a_piece_boundary() {
    // One line of 3 MB and no line break: the pieces are cut at a blank,
    // and the padding puts the first 1 MiB cut between "Sergei" and
    // "Shoigu"; every name must still come out whole.
    let unit = "Sergei Shoigu ";
    let reps = 3_000_000 / unit.len();
    let text = format!("aaaaaaaa {}", unit.repeat(reps));
    let o = run(
        &["--no-rules", "--format", "jsonl", "--input", "text", "-"],
        text.as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let record: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let spans = spans_of(&record);
    assert_eq!(spans.len(), reps);
    for (i, (t, b, ..)) in spans.iter().enumerate() {
        assert_eq!(t, "Sergei Shoigu");
        assert_eq!(*b as usize, 9 + i * unit.len());
    }
}

#[test]
fn repro_22_7_brat_lines_stay_whole_around_a_tab() {
    let o = run(&["--format", "brat", "-"], b"Amerika\tSerikat\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let ann = String::from_utf8(o.stdout).unwrap();
    let t = ann.lines().next().unwrap();
    assert_eq!(t, "T1\tCOUNTRY 0 7;8 15\tAmerika Serikat", "{ann}");
    for line in ann.lines() {
        assert_eq!(line.split('\t').count(), 3, "{line:?}");
    }
    let o = run(&["--format", "brat", "-"], b"Amerika\r\nSerikat menolak");
    let ann = String::from_utf8(o.stdout).unwrap();
    assert!(
        ann.starts_with("T1\tCOUNTRY 0 7;9 16\tAmerika Serikat\n"),
        "{ann}"
    );
}

#[test]
fn repro_22_8_help_into_a_closed_pipe_does_not_panic() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = Command::new(example())
        .arg("--help")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn repro_22_8_a_closed_stdout_is_an_error() {
    let o = Command::new("sh")
        .args(["-c", "exec \"$0\" \"$@\" >&-"])
        .arg(example())
        .arg("examples/data/founding-article.txt")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "entitas: standard output is closed\n");
    // A full disk is one too; /dev/null is not.
    if std::path::Path::new("/dev/full").exists() {
        let o = Command::new("sh")
            .args(["-c", "exec \"$0\" \"$@\" >/dev/full"])
            .arg(example())
            .arg("examples/data/founding-article.txt")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).starts_with("entitas: writing output: "),
            "{}",
            stderr(&o)
        );
    }
    let o = Command::new("sh")
        .args(["-c", "exec \"$0\" \"$@\" >/dev/null"])
        .arg(example())
        .arg("examples/data/founding-article.txt")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn repro_22_9_a_lone_surrogate_fails_only_its_record() {
    let input = b"{\"id\":1,\"text\":\"a \\ud800\"}\n{\"id\":2,\"text\":\"Rusia\"}\n";
    let o = run(&["--format", "jsonl", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("entitas: <stdin>:1: invalid JSON"),
        "{}",
        stderr(&o)
    );
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(lines[0]["id"], 2);
    assert_eq!(lines[0]["entities"][0]["text"], "Rusia");
    let o = run(&["--format", "jsonl", "--skip-bad-lines", "-"], input);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "entitas: <stdin>: skipped 1 bad line(s)\n");
}

// ---- Issue #21: the command line.

#[test]
fn version_help_and_flag_forms() {
    let o = run(&["--version"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        format!("entitas {}\n", env!("CARGO_PKG_VERSION"))
    );
    let o = run(&["-V"], b"");
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["--help"], b"");
    let help = String::from_utf8(o.stdout).unwrap();
    for needle in [
        "Examples:",
        "Exit status:",
        "--format <FORMAT>",
        "--id-field",
        "html",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
    let a = run(&["--format=json", "-"], b"Rusia");
    let b = run(&["-f", "json", "-"], b"Rusia");
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let o = run(&["--format=yaml", "-"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'yaml'"),
        "{}",
        stderr(&o)
    );
}

/// A temporary directory that is removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("entitas-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_directory_is_read_file_by_file_in_sorted_order() {
    let dir = TempDir::new("dir");
    std::fs::write(dir.0.join("b.txt"), "PBB bersidang.").unwrap();
    std::fs::write(dir.0.join("a.txt"), "Rusia menyerang.").unwrap();
    std::fs::write(dir.0.join(".hidden"), "Iran").unwrap();
    let o = run(&["--format", "jsonl", dir.0.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            dir.0.join("a.txt").to_str().unwrap(),
            dir.0.join("b.txt").to_str().unwrap()
        ]
    );
    assert_eq!(lines[1]["entities"][0]["id"], "organization:UN");
    // A file that cannot be read fails alone; json then writes nothing.
    std::fs::write(dir.0.join("c.txt"), b"Iran \xff").unwrap();
    let o = run(&["--format", "jsonl", dir.0.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(o.stdout.clone()).unwrap().lines().count(),
        2
    );
    assert!(
        stderr(&o).contains("c.txt: invalid UTF-8 at byte offset 5"),
        "{}",
        stderr(&o)
    );
    let o = run(&["--format", "json", dir.0.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
}

#[test]
fn every_format_reads_jsonl_with_named_fields() {
    let input = b"{\"url\": \"u1\", \"body\": \"Rusia menyerang.\", \"text\": 5}\n{\"body\": \"PBB bersidang.\", \"url\": \"u2\"}\n";
    let args = |format: &'static str| {
        [
            "--format",
            format,
            "--input",
            "jsonl",
            "--id-field",
            "url",
            "--text-field=body",
            "-",
        ]
    };
    let json = run(&args("json"), input);
    assert!(json.status.success(), "{}", stderr(&json));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["documents"][1]["id"], "u2");
    assert_eq!(doc["documents"][1]["entities"][0]["id"], "organization:UN");
    let conll = String::from_utf8(run(&args("conll"), input).stdout).unwrap();
    assert_eq!(
        conll,
        "-DOCSTART-\tO\n\nRusia\tB-COUNTRY\nmenyerang\tO\n.\tO\n\n-DOCSTART-\tO\n\nPBB\tB-ORGANIZATION\nbersidang\tO\n.\tO\n"
    );
    let brat = String::from_utf8(run(&args("brat"), input).stdout).unwrap();
    assert!(
        brat.starts_with("#doc\tu1\nT1\tCOUNTRY 0 5\tRusia\n"),
        "{brat}"
    );
    assert!(
        brat.contains("#doc\tu2\nT1\tORGANIZATION 0 3\tPBB\n"),
        "{brat}"
    );
    let spacy = String::from_utf8(run(&args("spacy"), input).stdout).unwrap();
    let docs: Vec<serde_json::Value> = spacy
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs[0]["text"], "Rusia menyerang.");
    assert_eq!(docs[1]["user_data"]["doc_id"], "u2");
    assert_eq!(
        docs[1]["ents"][0],
        serde_json::json!({"start": 0, "end": 3, "label": "ORGANIZATION"})
    );
    let table = String::from_utf8(run(&args("table"), input).stdout).unwrap();
    assert!(table.starts_with("DOC "), "{table}");
    assert!(table.lines().nth(2).unwrap().starts_with("u2 "), "{table}");
}

#[test]
fn json_and_jsonl_keys_come_in_one_order() {
    let text = "Menteri Pertahanan Rusia Sergei Shoigu tiba.";
    let json = run(&["--format", "json", "-"], text.as_bytes());
    let jsonl = run(
        &["--format", "jsonl", "--input", "text", "-"],
        text.as_bytes(),
    );
    let keys = |s: &str| -> Vec<String> {
        // The keys of the first entity, in the order written.
        let start = s.find("{\"text\"").unwrap();
        let end = start + s[start..].find('}').unwrap();
        s[start..end]
            .split(',')
            .map(|kv| {
                kv.split(':')
                    .next()
                    .unwrap()
                    .trim_matches(|c| c == '{' || c == '"' || c == ' ')
                    .to_string()
            })
            .collect()
    };
    let a = keys(&String::from_utf8(json.stdout).unwrap());
    let b = keys(&String::from_utf8(jsonl.stdout).unwrap());
    assert_eq!(a, b);
    assert_eq!(
        a,
        [
            "text",
            "label",
            "id",
            "canonical",
            "byte_start",
            "byte_end",
            "char_start",
            "char_end",
            "source"
        ]
    );
}

#[test]
fn json_is_written_whole_or_not_at_all() {
    let input = b"{\"id\":1,\"text\":\"Rusia\"}\n{\"id\":2,\"text\":\"a \\ud800\"}\n{\"id\":3,\"text\":\"Iran\"}\n";
    let o = run(&["--format", "json", "--input", "jsonl", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = stderr(&o);
    assert!(err.starts_with("entitas: <stdin>:2: invalid JSON"), "{err}");
    assert!(err.contains("no output written"), "{err}");
    let o = run(
        &["--format", "json", "--input=jsonl", "--skip-bad-lines", "-"],
        input,
    );
    assert!(o.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn the_table_lines_up_in_any_script() {
    use unicode_width::UnicodeWidthStr;
    let dir = TempDir::new("table");
    let gazetteer = dir.0.join("mix.tsv");
    std::fs::write(
        &gazetteer,
        "@label LOCATION\n@id-prefix mix:\ntokyo\t東京都\nbangkok\tกรุงเทพมหานคร\nhanoi\tHà Nội\n",
    )
    .unwrap();
    let o = run(
        &["--gazetteer", gazetteer.to_str().unwrap(), "-"],
        "Dari 東京都 ke กรุงเทพมหานคร lalu Hà Nội dan Rusia.".as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let table = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 5, "{table}");
    // Every column starts at the same terminal cell on every line.
    let starts = |line: &str, col: &str| -> usize {
        let i = line.find(col).unwrap();
        line[..i].width()
    };
    for line in &lines[1..] {
        assert_eq!(line.width(), lines[0].width(), "{table}");
    }
    for (line, id) in
        lines[1..]
            .iter()
            .zip(["mix:tokyo", "mix:bangkok", "mix:hanoi", "country:RUS"])
    {
        assert_eq!(starts(line, id), starts(lines[0], "ID"), "{table}");
        assert_eq!(
            starts(line, "gazetteer:"),
            starts(lines[0], "SOURCE"),
            "{table}"
        );
    }
    assert!(lines[1].contains("gazetteer:mix"), "{table}");
}

// ---- Issue #21: CoNLL never splits an entity across sentences; the HTML
// page is well formed.

mod conll_property {
    use entitas::cli::write::conll::rows;
    use entitas::{Entity, Extractor, Tag};
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn extractor() -> &'static Extractor {
        static E: OnceLock<Extractor> = OnceLock::new();
        E.get_or_init(|| Extractor::builder().build().unwrap())
    }

    /// Words that make sentence ends, abbreviations and names likely.
    const WORDS: &[&str] = &[
        "Jl.",
        "Dr.",
        "H.",
        "Sudirman",
        "Rusia",
        "Iran",
        "Sergei",
        "Shoigu",
        ".",
        "!",
        "?",
        "\n",
        "\n\n",
        "di",
        "tiba",
        "Presiden",
        "Joko",
        "Widodo",
        "PBB",
        "Amerika",
        "Serikat",
        "kota",
        "Menteri",
        "Pertahanan",
        "bertemu",
        "Jakarta",
        "Selatan",
        "(",
        ")",
        "“",
        "”",
        "Prof.",
    ];

    fn check(text: &str, entities: &[Entity]) -> Result<(), TestCaseError> {
        let rows = rows(text, entities);
        for e in entities.iter().filter(|e| !e.nested) {
            let inside: Vec<_> = rows
                .iter()
                .filter(|r| r.byte_start >= e.byte_start && r.byte_end <= e.byte_end)
                .collect();
            prop_assert!(!inside.is_empty(), "{e:?} has no rows");
            prop_assert!(
                inside.iter().all(|r| r.sentence == inside[0].sentence),
                "{:?} split across sentences in {text:?}",
                e.text
            );
            prop_assert!(matches!(inside[0].tag, Tag::Begin(_)), "{:?}", inside[0]);
            prop_assert!(inside[1..].iter().all(|r| matches!(r.tag, Tag::Inside(_))));
        }
        // Rows are in order, cover no byte twice, and are slices of the text.
        for w in rows.windows(2) {
            prop_assert!(w[0].byte_end <= w[1].byte_start);
            prop_assert!(w[0].sentence <= w[1].sentence);
        }
        for r in &rows {
            prop_assert_eq!(&text[r.byte_start..r.byte_end], r.text);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn an_entity_is_never_split_across_sentences(
            words in proptest::collection::vec(proptest::sample::select(WORDS), 1..60),
            spaces in proptest::collection::vec(any::<bool>(), 60),
        ) {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                text.push_str(w);
                if spaces[i % spaces.len()] || i % 3 == 0 {
                    text.push(' ');
                }
            }
            let found = extractor().extract(&text);
            check(&text, &found)?;
        }
    }

    #[test]
    fn no_sentence_starts_after_an_abbreviation() {
        let text = "Dia tinggal di Jl. Sudirman. Dr. Budi datang.";
        let rows = rows(text, &[]);
        let sentence_of = |t: &str| rows.iter().find(|r| r.text == t).unwrap().sentence;
        assert_eq!(sentence_of("Sudirman"), sentence_of("Dia"));
        assert_eq!(sentence_of("Budi"), sentence_of("Dr"));
        assert_ne!(sentence_of("Dr"), sentence_of("Dia"));
    }
}

#[test]
fn the_html_page_is_well_formed_with_a_legend() {
    let text = "Menteri Pertahanan Rusia Sergei Shoigu tiba di Iran <b>&amp;</b> \"PBB\".";
    let o = run(&["--format", "html", "-"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("<script") && !page.contains("http"),
        "self-contained"
    );
    // Tags balance (void elements aside) and every attribute is quoted.
    let mut stack: Vec<String> = Vec::new();
    let mut rest = page.as_str();
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').unwrap() + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "{page}");
        } else {
            let name = tag.split_whitespace().next().unwrap();
            if name != "meta" {
                stack.push(name.to_string());
            }
        }
        assert!(!tag.contains('<'), "{tag}");
    }
    assert!(stack.is_empty(), "{stack:?}");
    // The text is there, escaped, and every entity is one mark.
    assert!(
        page.contains("&lt;b&gt;&amp;amp;&lt;/b&gt; &quot;"),
        "{page}"
    );
    let json = run(&["--format", "json", "-"], text.as_bytes());
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let flat = doc["entities"].as_array().unwrap().len();
    assert_eq!(page.matches("<mark class=\"entity\"").count(), flat);
    let legend = &page[page.find("<div id=\"legend\">").unwrap()..];
    for label in ["COUNTRY", "ORGANIZATION", "PERSON"] {
        assert!(legend.contains(&format!(">{label}</mark>")), "{legend}");
    }
}

/// The reader's pieces over `bytes`, cut `piece` bytes apart with `overlap`,
/// read two bytes a call: the pieces put together are the lossy decoding
/// and every entity slices it.
fn check_pieces(extractor: &entitas::Extractor, bytes: &[u8], piece: usize, overlap: usize) {
    use entitas::cli::read::{decode_lossy, Chunker};
    struct Trickle<'a>(&'a [u8]);
    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = 2.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let document = decode_lossy(bytes);
    let mut chunker = Chunker::with_sizes(Trickle(bytes), true, piece, overlap);
    let mut joined = String::new();
    while let Some(p) = chunker.next_piece(extractor).unwrap() {
        assert_eq!(
            p.byte_start,
            joined.len(),
            "piece {piece} overlap {overlap}"
        );
        joined.push_str(p.text);
        for e in &p.entities {
            assert_eq!(&document[e.byte_start..e.byte_end], e.text);
        }
    }
    assert_eq!(joined, document, "piece {piece} overlap {overlap}");
}

#[test]
fn fuzz_reader_cuts_inside_a_char_move_to_the_next_char() {
    // Found by the `reader` fuzz target: a piece shorter than its first
    // char (a cut inside it made the next piece start before the last one
    // ended: a subtraction overflow), and lossy bytes whose cut fell
    // inside a decoded char (the piece's text came out empty).
    let extractor = entitas::Extractor::builder().build().unwrap();
    let inputs: [&[u8]; 3] = [
        b"M\xf1\xf1\xf1\xf1\xb7\xb7\xb7\xb7\xb7\xb7\xcb\xff\xff\xf1\xf1\xf1\":\x00\r",
        b"MesTi\xd9+\x89\xe9-an\xd5",
        "Iran 中国 Rusia ☃ Sergei Shoigu".as_bytes(),
    ];
    for bytes in inputs {
        for piece in 1..=6 {
            for overlap in 4..=6 {
                check_pieces(&extractor, bytes, piece, overlap);
            }
        }
    }
}
