//! The `evaluate` example, run as a user would, on the small invented
//! corpus in `tests/data/eval/`.
//!
//! Every expected number below was computed by the shared scorer
//! (`score.py --json`, the same files and options; for the CoNLL file, on a
//! JSONL conversion of it made by hand): `evaluate` must agree with it to
//! the last digit, so the floats are compared with `==`. (serde_json's
//! default float parser may be off by one unit in the last place, so the
//! summary's floats are read as strings and parsed with `str::parse`.)

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

const GOLD: &str = "tests/data/eval/gold.jsonl";
const PRED: &str = "tests/data/eval/pred.jsonl";
const CONLL: &str = "tests/data/eval/gold.conll";
const CONLL_PRED: &str = "tests/data/eval/pred.conll.jsonl";
const NAMES: &str = "tests/data/eval/names.tsv";

fn example(name: &str) -> PathBuf {
    crate::support::example(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(example("evaluate"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let o = run(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    parse_exact(&String::from_utf8(o.stdout).unwrap())
}

/// Parses JSON with every float kept as its text (a JSON string).
fn parse_exact(json: &str) -> Value {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '-' || c.is_ascii_digit() {
            let mut token = c.to_string();
            while let Some(&d) = chars.peek() {
                if !(d.is_ascii_digit() || "+-.eE".contains(d)) {
                    break;
                }
                token.push(d);
                chars.next();
            }
            if token.contains(['.', 'e', 'E']) {
                out.push_str(&format!("\"{token}\""));
            } else {
                out.push_str(&token);
            }
        } else {
            in_string = c == '"';
            out.push(c);
        }
    }
    serde_json::from_str(&out).unwrap()
}

fn float(v: &Value) -> Option<f64> {
    v.as_str()?.parse().ok()
}

/// gold, pred, tp, precision, recall, F1 of one row.
fn assert_row(v: &Value, what: &str, (gold, pred, tp): (u64, u64, u64), prf: (f64, f64, f64)) {
    let counts = (v["gold"].as_u64(), v["pred"].as_u64(), v["tp"].as_u64());
    assert_eq!(counts, (Some(gold), Some(pred), Some(tp)), "{what}: {v}");
    assert_prf(v, what, prf);
}

fn assert_prf(v: &Value, what: &str, (p, r, f): (f64, f64, f64)) {
    let got = (float(&v["precision"]), float(&v["recall"]), float(&v["f1"]));
    assert_eq!(got, (Some(p), Some(r), Some(f)), "{what}: {v}");
}

fn assert_labels(t: &Value, what: &str, labels: &[&str]) {
    let got: Vec<&str> = t["per_label"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(got, labels, "{what}");
}

#[test]
fn strict_and_lenient_with_the_corpus_map() {
    let d = json(&[GOLD, PRED, "--map", "corpus"]);
    let (s, l) = (&d["strict"], &d["lenient"]);
    assert_labels(s, "strict", &["LOC", "ORG", "PER"]);
    assert_row(
        &s["per_label"]["LOC"],
        "strict LOC",
        (5, 4, 4),
        (1.0, 0.8, 0.888888888888889),
    );
    assert_row(
        &s["per_label"]["ORG"],
        "strict ORG",
        (2, 2, 0),
        (0.0, 0.0, 0.0),
    );
    assert_row(
        &s["per_label"]["PER"],
        "strict PER",
        (2, 5, 0),
        (0.0, 0.0, 0.0),
    );
    let micro = (0.36363636363636365, 0.4444444444444444, 0.39999999999999997);
    assert_row(&s["micro"], "strict micro", (9, 11, 4), micro);
    let macro_prf = (0.3333333333333333, 0.26666666666666666, 0.29629629629629634);
    assert_prf(&s["macro_over_gold_labels"], "strict macro", macro_prf);
    // Lenient: `Budi` and `Santoso` both overlap gold `Budi Santoso`, but
    // only one of them may match it (one-to-one); `Teluk Mawar` as PER
    // overlaps a LOC, which is no match at all.
    assert_row(
        &l["per_label"]["LOC"],
        "lenient LOC",
        (5, 4, 4),
        (1.0, 0.8, 0.888888888888889),
    );
    assert_row(
        &l["per_label"]["ORG"],
        "lenient ORG",
        (2, 2, 2),
        (1.0, 1.0, 1.0),
    );
    assert_row(
        &l["per_label"]["PER"],
        "lenient PER",
        (2, 5, 2),
        (0.4, 1.0, 0.5714285714285715),
    );
    let micro = (0.7272727272727273, 0.8888888888888888, 0.7999999999999999);
    assert_row(&l["micro"], "lenient micro", (9, 11, 8), micro);
    let macro_prf = (0.7999999999999999, 0.9333333333333332, 0.8201058201058201);
    assert_prf(&l["macro_over_gold_labels"], "lenient macro", macro_prf);
    // The WEAPON prediction is dropped by the map, the second `Iran` is a
    // duplicate.
    assert_eq!(
        d["counts"],
        serde_json::json!({"records": 4, "gold_entities": 9, "pred_entities": 11,
                           "pred_dropped": 1, "pred_duplicates_removed": 1})
    );
    assert_eq!(
        d["top_false_positives"][0],
        serde_json::json!({"text": "Budi", "label": "PER", "count": 1})
    );
    assert_eq!(d["top_false_positives"].as_array().unwrap().len(), 7);
    assert_eq!(
        d["top_false_negatives"][4],
        serde_json::json!({"text": "Teluk Mawar", "label": "LOC", "count": 1})
    );

    // The table rounds to two decimals, as score.py prints it.
    let o = run(&[GOLD, PRED, "--map", "corpus", "--top", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = String::from_utf8(o.stdout).unwrap();
    for line in [
        "(pred dropped 1, pred duplicates removed 1)",
        "  LOC                 5      4      4  100.00   80.00   88.89",
        "  micro               9     11      4   36.36   44.44   40.00",
        "  macro                                 33.33   26.67   29.63",
        "  PER                 2      5      2   40.00  100.00   57.14",
        "  macro                                 80.00   93.33   82.01",
        "SPAN ONLY (exact span, any label): tp 5  P 45.45  R 55.56  F1 50.00",
        "  LOC            4 / 1 / 0 / 0 / 0",
        "      1  ORG    \"Cakrawala\"",
        "      1  ORG    \"Harian Cakrawala\"",
    ] {
        assert!(table.lines().any(|l| l == line), "{line:?} not in\n{table}");
    }
    assert!(!table.contains("\"Santoso\""), "--top 2:\n{table}");
}

#[test]
fn label_maps_for_predictions_and_gold() {
    let d = json(&[
        GOLD,
        PRED,
        "--map",
        "PERSON=PER, COUNTRY=LOC,LOCATION=LOC,ORGANIZATION=DROP,WEAPON=DROP",
        "--gold-map",
        "ORG=DROP",
    ]);
    let (s, l) = (&d["strict"], &d["lenient"]);
    assert_labels(s, "strict", &["LOC", "PER"]);
    assert_row(
        &s["micro"],
        "strict micro",
        (7, 9, 4),
        (0.4444444444444444, 0.5714285714285714, 0.5),
    );
    assert_prf(
        &s["macro_over_gold_labels"],
        "strict macro",
        (0.5, 0.4, 0.4444444444444445),
    );
    assert_row(
        &l["per_label"]["PER"],
        "lenient PER",
        (2, 5, 2),
        (0.4, 1.0, 0.5714285714285715),
    );
    assert_row(
        &l["micro"],
        "lenient micro",
        (7, 9, 6),
        (0.6666666666666666, 0.8571428571428571, 0.75),
    );
    assert_prf(
        &l["macro_over_gold_labels"],
        "lenient macro",
        (0.7, 0.9, 0.7301587301587302),
    );
    assert_eq!(d["counts"]["gold_dropped"], 2);
    assert_eq!(d["counts"]["pred_dropped"], 3);

    // Without a map no predicted label occurs in gold: nothing is right, and
    // a warning says how to relabel.
    let o = run(&[GOLD, PRED, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = parse_exact(&String::from_utf8_lossy(&o.stdout));
    assert_row(&d["strict"]["micro"], "no map", (9, 12, 0), (0.0, 0.0, 0.0));
    assert_prf(
        &d["lenient"]["macro_over_gold_labels"],
        "no map",
        (0.0, 0.0, 0.0),
    );
    assert!(
        stderr(&o).contains("predicted label 'PERSON' never occurs in gold"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn conll_gold() {
    let d = json(&[CONLL, CONLL_PRED, "--map", "corpus"]);
    let (s, l) = (&d["strict"], &d["lenient"]);
    // `Budi` tagged I-PER starts a span; `Teheran` I-LOC after I-ORG starts
    // another; `Harian` B-ORG `Cakrawala` B-ORG are two.
    assert_row(
        &s["per_label"]["LOC"],
        "strict LOC",
        (2, 2, 1),
        (0.5, 0.5, 0.5),
    );
    assert_row(
        &s["per_label"]["ORG"],
        "strict ORG",
        (3, 2, 0),
        (0.0, 0.0, 0.0),
    );
    assert_row(
        &s["per_label"]["PER"],
        "strict PER",
        (2, 2, 2),
        (1.0, 1.0, 1.0),
    );
    assert_row(
        &s["micro"],
        "strict micro",
        (7, 6, 3),
        (0.5, 0.42857142857142855, 0.4615384615384615),
    );
    assert_prf(
        &s["macro_over_gold_labels"],
        "strict macro",
        (0.5, 0.5, 0.5),
    );
    assert_row(
        &l["per_label"]["ORG"],
        "lenient ORG",
        (3, 2, 2),
        (1.0, 0.6666666666666666, 0.8),
    );
    assert_row(
        &l["micro"],
        "lenient micro",
        (7, 6, 6),
        (1.0, 0.8571428571428571, 0.923076923076923),
    );
    assert_prf(
        &l["macro_over_gold_labels"],
        "lenient macro",
        (1.0, 0.8888888888888888, 0.9333333333333332),
    );

    // The text is the tokens joined by spaces; sentence N has the id "N".
    let o = run(&[CONLL, "--dump-gold"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let records: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "1");
    assert_eq!(
        records[0]["text"],
        "Gubernur Siti Rahayu meresmikan Jembatan Teluk Mawar ."
    );
    assert_eq!(
        records[0]["entities"][1],
        serde_json::json!({"start": 32, "end": 52, "label": "LOC", "text": "Jembatan Teluk Mawar"})
    );
    let spans: Vec<&str> = records[1]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        spans,
        [
            "Budi Santoso",
            "PT Sinar Jaya",
            "Teheran",
            "Harian",
            "Cakrawala"
        ]
    );
}

#[test]
fn without_pred_entitas_runs_on_the_gold_texts() {
    // A gazetteer of our own and no rules: predictions that do not change
    // when the default gazetteers do.
    let d = json(&[
        GOLD,
        "--map",
        "corpus",
        "--no-default-gazetteers",
        "--no-rules",
        "--gazetteer",
        NAMES,
    ]);
    let (s, l) = (&d["strict"], &d["lenient"]);
    assert_row(
        &s["per_label"]["LOC"],
        "strict LOC",
        (5, 2, 2),
        (1.0, 0.4, 0.5714285714285715),
    );
    assert_row(
        &s["micro"],
        "strict micro",
        (9, 5, 4),
        (0.8, 0.4444444444444444, 0.5714285714285714),
    );
    assert_prf(
        &s["macro_over_gold_labels"],
        "strict macro",
        (0.6666666666666666, 0.4666666666666666, 0.5238095238095238),
    );
    assert_row(
        &l["per_label"]["ORG"],
        "lenient ORG",
        (2, 1, 1),
        (1.0, 0.5, 0.6666666666666666),
    );
    assert_row(
        &l["micro"],
        "lenient micro",
        (9, 5, 5),
        (1.0, 0.5555555555555556, 0.7142857142857143),
    );
    assert_prf(
        &l["macro_over_gold_labels"],
        "lenient macro",
        (1.0, 0.6333333333333333, 0.746031746031746),
    );

    // With the default extractor, scoring in process equals scoring the
    // saved output of `extract --format jsonl`.
    let o = Command::new(example("extract"))
        .args(["--format", "jsonl", GOLD])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let pred = std::env::temp_dir().join(format!("entitas-eval-{}.jsonl", std::process::id()));
    std::fs::write(&pred, &o.stdout).unwrap();
    let mut saved = json(&[GOLD, pred.to_str().unwrap(), "--map", "corpus"]);
    std::fs::remove_file(&pred).unwrap();
    let mut in_process = json(&[GOLD, "--map", "corpus"]);
    saved["pred_file"] = Value::Null;
    in_process["pred_file"] = Value::Null;
    assert_eq!(saved, in_process);
}

#[test]
fn errors_are_one_line_with_status_1() {
    let dir = std::env::temp_dir();
    let file = |name: &str, content: &str| {
        let path = dir.join(format!("entitas-eval-{}-{name}", std::process::id()));
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_string()
    };
    let bad_json = file("bad.jsonl", "{\"id\": \"a\", \"entities\": []}\nnot json\n");
    let bad_tag = file("bad.conll", "Budi\tB-PER\nSantoso\tX-PER\n");
    let no_tag = file("no-tag.conll", "Budi\n");
    let other_id = file("other.jsonl", "{\"id\": \"z\", \"entities\": []}\n");
    let bad_span = file(
        "span.jsonl",
        "{\"id\": \"a\", \"text\": \"Rusia\", \"entities\": [{\"start\": 0, \"end\": 9, \"label\": \"LOC\"}]}\n",
    );
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["tests/data/eval/no-such-file.jsonl"],
            "evaluate: gold file tests/data/eval/no-such-file.jsonl: ".to_string(),
        ),
        (
            vec![GOLD, "tests/data/eval/no-such-pred.jsonl"],
            "evaluate: prediction file tests/data/eval/no-such-pred.jsonl: ".to_string(),
        ),
        (
            vec!["tests/data/eval"],
            "evaluate: gold file tests/data/eval: is a directory".to_string(),
        ),
        (
            vec![GOLD, &bad_json],
            format!("evaluate: {bad_json}:2: invalid JSON"),
        ),
        (
            vec![&bad_tag],
            format!("evaluate: {bad_tag}:2: bad tag `X-PER`"),
        ),
        (
            vec![&no_tag],
            format!("evaluate: {no_tag}:1: expected TOKEN<TAB>TAG"),
        ),
        (
            vec![GOLD, &other_id],
            "evaluate: id mismatch: 1 prediction id(s) not in gold".to_string(),
        ),
        (
            vec![&bad_span],
            format!("evaluate: {bad_span}:record 1: entity 0: span [0, 9) beyond text length 5"),
        ),
    ];
    for (args, expected) in &cases {
        let o = run(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with(expected.as_str()), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    for path in [bad_json, bad_tag, no_tag, other_id, bad_span] {
        std::fs::remove_file(path).unwrap();
    }
    // Bad command lines: status 2.
    for args in [
        vec![],
        vec![GOLD, "--map", "PERSON"],
        vec![GOLD, "--top", "many"],
        vec![GOLD, PRED, "--no-rules"],
        vec![GOLD, PRED, CONLL],
        vec![GOLD, "--bogus"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}
