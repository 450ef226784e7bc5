//! Scores entitas (or its saved predictions) against gold annotations.
//!
//! ```text
//! cargo run --release --example evaluate -- GOLD [PRED] [OPTIONS]
//!
//! GOLD   JSONL, one record per line: {"id", "text", "entities": [{"start",
//!        "end", "label"}, ...]} ("char_start"/"char_end" are accepted too),
//!        or one JSON object / a JSON array of such records; or CoNLL BIO:
//!        TOKEN<TAB>TAG per line, a blank line between sentences (the text is
//!        the tokens joined by single spaces; sentence N gets the id "N").
//!        - reads stdin.
//! PRED   the output of `extract --format jsonl`: {"id", "entities":
//!        [{"char_start", "char_end", "label"}, ...]}. Without PRED, entitas
//!        runs on every gold text.
//!
//! --map SPEC                relabel predictions: A=B,C=D,E=DROP; the preset
//!                           `corpus` is COUNTRY=LOC,LOCATION=LOC,PERSON=PER,
//!                           ORGANIZATION=ORG,WEAPON=DROP
//! --gold-map SPEC           the same for gold labels
//! --top N                   false positives / negatives to list (default 20)
//! --json                    a machine-readable summary instead of tables
//! --ignore-nested           a prediction equal to a gold record's "nested"
//!                           mention is neither right nor wrong
//! --allow-missing           gold records without a prediction score as empty
//! --gold-format auto|json|conll   (default auto: JSON if it starts with { or [)
//! --dump-gold               print the gold records as JSONL and stop
//!                           (turns a CoNLL file into input for `extract`)
//! Without PRED only:
//! --gazetteer PATH          add a gazetteer file or folder (repeatable)
//! --no-default-gazetteers   use only the --gazetteer files
//! --case smart|insensitive  letter case policy
//! --nested                  also report nested mentions
//! --no-rules                gazetteer matches only
//! ```
//!
//! The counting rules are those of the shared scorer `score.py`, so the
//! numbers agree with it to the last digit: strict is an exact (start, end,
//! label) match; lenient pairs overlapping spans of the same label one to
//! one, greedily (exact matches first, then the longest overlap, then the
//! smallest boundary distance); duplicates within a record count once; a
//! ratio with a zero denominator is 0; macro averages run over the labels
//! that occur in gold.
//!
//! Errors (a missing file, malformed JSON or CoNLL, an id mismatch) print one
//! line on stderr and exit with status 1; bad arguments exit with status 2.

mod common;

use entitas::Extractor;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: evaluate GOLD [PRED] [--map SPEC] [--gold-map SPEC] [--top N] [--json] \
[--ignore-nested] [--allow-missing] [--gold-format auto|json|conll] [--dump-gold] \
[--gazetteer PATH]... [--no-default-gazetteers] [--case smart|insensitive] [--nested] [--no-rules]";

const CORPUS_MAP: &str = "COUNTRY=LOC,LOCATION=LOC,PERSON=PER,ORGANIZATION=ORG,WEAPON=DROP";
const NONE: &str = "(none)";
const DROP: &str = "DROP";

enum Failure {
    Usage(String),
    Error(String),
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("evaluate: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Error(msg)) => {
            eprintln!("evaluate: {msg}");
            ExitCode::from(1)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum GoldFormat {
    Auto,
    Json,
    Conll,
}

struct Options {
    gold: String,
    pred: Option<String>,
    map: String,
    gold_map: String,
    top: usize,
    json: bool,
    ignore_nested: bool,
    allow_missing: bool,
    gold_format: GoldFormat,
    dump_gold: bool,
    /// `None` when PRED is given.
    extractor: Option<Extractor>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, Failure> {
    let usage = Failure::Usage;
    let mut files = Vec::new();
    let mut map = String::new();
    let mut gold_map = String::new();
    let mut top = 20;
    let mut json = false;
    let mut ignore_nested = false;
    let mut allow_missing = false;
    let mut gold_format = GoldFormat::Auto;
    let mut dump_gold = false;
    let mut builder = Extractor::builder();
    let mut extractor_option = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        if common::extractor_option(&arg, &mut value, &mut builder).map_err(usage)? {
            extractor_option = Some(arg);
            continue;
        }
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--map" => map = value("--map").map_err(usage)?,
            "--gold-map" => gold_map = value("--gold-map").map_err(usage)?,
            "--top" => {
                let v = value("--top").map_err(usage)?;
                top = v
                    .parse()
                    .map_err(|_| usage(format!("--top needs a count, got `{v}`")))?;
            }
            "--json" => json = true,
            "--ignore-nested" => ignore_nested = true,
            "--allow-missing" => allow_missing = true,
            "--dump-gold" => dump_gold = true,
            "--gold-format" => {
                gold_format = match value("--gold-format").map_err(usage)?.as_str() {
                    "auto" => GoldFormat::Auto,
                    "json" | "jsonl" => GoldFormat::Json,
                    "conll" => GoldFormat::Conll,
                    other => return Err(usage(format!("unknown gold format `{other}`"))),
                }
            }
            flag if flag.starts_with("--") => {
                return Err(usage(format!("unknown option `{flag}`")))
            }
            file => files.push(file.to_string()),
        }
    }
    // Check the maps now: a bad one is a usage error.
    parse_map(&map, "--map").map_err(usage)?;
    parse_map(&gold_map, "--gold-map").map_err(usage)?;
    let mut files = files.into_iter();
    let gold = files
        .next()
        .ok_or_else(|| usage("no gold file".to_string()))?;
    let pred = files.next();
    if files.next().is_some() {
        return Err(usage("more than two files (GOLD [PRED])".to_string()));
    }
    let extractor = match (&pred, extractor_option) {
        (Some(_), Some(option)) => {
            return Err(usage(format!(
                "{option} configures entitas, which runs only without PRED"
            )))
        }
        (Some(_), None) => None,
        (None, _) if dump_gold => None,
        (None, _) => Some(builder.build().map_err(|e| Failure::Error(e.to_string()))?),
    };
    Ok(Options {
        gold,
        pred,
        map,
        gold_map,
        top,
        json,
        ignore_nested,
        allow_missing,
        gold_format,
        dump_gold,
        extractor,
    })
}

/// `A=B,C=DROP` (or the preset `corpus`) → label map.
fn parse_map(spec: &str, what: &str) -> Result<BTreeMap<String, String>, String> {
    let spec = if spec == "corpus" { CORPUS_MAP } else { spec };
    let mut map = BTreeMap::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || format!("{what}: bad mapping `{part}` (expected FROM=TO)");
        let (from, to) = part.split_once('=').ok_or_else(bad)?;
        let (from, to) = (from.trim(), to.trim());
        if from.is_empty() || to.is_empty() {
            return Err(bad());
        }
        map.insert(from.to_string(), to.to_string());
    }
    Ok(map)
}

fn relabel<'a>(label: &'a str, map: &'a BTreeMap<String, String>) -> &'a str {
    map.get(label).map_or(label, String::as_str)
}

// ---------------------------------------------------------------------------
// Input

/// A text with its char → byte offset table (Python `str` slicing).
struct Text {
    text: String,
    bytes: Vec<usize>,
}

impl Text {
    fn new(text: String) -> Text {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Text { text, bytes }
    }

    fn chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// `text[s:e]` in chars; callers keep `s <= e <= chars()`.
    fn slice(&self, s: usize, e: usize) -> &str {
        match (self.bytes.get(s), self.bytes.get(e)) {
            (Some(&a), Some(&b)) if a <= b => self.text.get(a..b).unwrap_or(""),
            _ => "",
        }
    }
}

struct Ent {
    start: usize,
    end: usize,
    label: String,
    /// The entity's own "text", if it has one.
    text: Option<String>,
}

struct Record {
    id: Option<String>,
    text: Option<Text>,
    entities: Vec<Ent>,
    nested: Vec<(usize, usize, String)>,
    place: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Gold,
    Prediction,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Gold => "gold",
            Role::Prediction => "prediction",
        }
    }
}

fn read_file(path: &str, role: Role) -> Result<String, Failure> {
    let fail = |m: String| Failure::Error(format!("{} file {path}: {m}", role.name()));
    let mut bytes = Vec::new();
    if path == "-" {
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.to_string()))?;
    } else {
        if std::fs::metadata(path)
            .map_err(|e| fail(e.to_string()))?
            .is_dir()
        {
            return Err(fail("is a directory".to_string()));
        }
        bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    }
    let content = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "invalid UTF-8 at byte offset {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let content = content.trim_start_matches('\u{feff}').to_string();
    if content.trim().is_empty() {
        return Err(fail("is empty".to_string()));
    }
    Ok(content)
}

/// One JSON object, a JSON array of them, or JSON lines → (place, value).
fn json_records(path: &str, content: &str, role: Role) -> Result<Vec<(String, Value)>, Failure> {
    match serde_json::from_str::<Value>(content) {
        Ok(Value::Object(o)) => return Ok(vec![(format!("{path}:record 1"), Value::Object(o))]),
        Ok(Value::Array(items)) => {
            return Ok(items
                .into_iter()
                .enumerate()
                .map(|(i, r)| (format!("{path}:item {}", i + 1), r))
                .collect())
        }
        Ok(_) => {
            return Err(Failure::Error(format!(
                "{} file {path}: top-level JSON value is not an object",
                role.name()
            )))
        }
        Err(_) => {}
    }
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value = serde_json::from_str(line)
            .map_err(|e| Failure::Error(format!("{path}:{}: invalid JSON: {e}", n + 1)))?;
        out.push((format!("{path}:{}", n + 1), value));
    }
    Ok(out)
}

fn int(v: Option<&Value>) -> Option<i64> {
    v.and_then(Value::as_i64)
}

fn offsets(
    ent: &Map<String, Value>,
    place: &str,
    k: usize,
    role: Role,
) -> Result<(i64, i64), Failure> {
    let mut keys = [("char_start", "char_end"), ("start", "end")];
    if role == Role::Gold {
        keys.reverse();
    }
    for (ks, ke) in keys {
        if ent.contains_key(ks) || ent.contains_key(ke) {
            return match (int(ent.get(ks)), int(ent.get(ke))) {
                (Some(s), Some(e)) => Ok((s, e)),
                _ => Err(Failure::Error(format!(
                    "{place}: entity {k}: {ks}/{ke} must both be integers"
                ))),
            };
        }
    }
    Err(Failure::Error(format!(
        "{place}: entity {k} has no char_start/char_end (or start/end)"
    )))
}

/// Validates records as score.py does.
fn normalize(records: Vec<(String, Value)>, role: Role) -> Result<Vec<Record>, Failure> {
    let single = records.len() == 1;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(records.len());
    for (place, r) in records {
        let err = |m: String| Failure::Error(format!("{place}: {m}"));
        let Value::Object(r) = r else {
            return Err(err("record is not a JSON object".to_string()));
        };
        let id = match r.get("id") {
            None | Some(Value::Null) if single => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some(n.to_string()),
            _ => return Err(err("missing or non-string \"id\"".to_string())),
        };
        if !seen.insert(id.clone()) {
            return Err(err(format!(
                "duplicate id {:?} in {} file",
                id.unwrap_or_default(),
                role.name()
            )));
        }
        let text = match r.get("text") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(Text::new(s.clone())),
            Some(_) => return Err(err("\"text\" must be a string".to_string())),
        };
        let Some(Value::Array(ents)) = r.get("entities") else {
            return Err(err("\"entities\" must be a list".to_string()));
        };
        let mut entities = Vec::with_capacity(ents.len());
        for (k, ent) in ents.iter().enumerate() {
            let Value::Object(ent) = ent else {
                return Err(err(format!("entity {k} is not an object")));
            };
            let (s, e) = offsets(ent, &place, k, role)?;
            let label = match ent.get("label") {
                Some(Value::String(l)) if !l.is_empty() => l.clone(),
                _ => return Err(err(format!("entity {k}: missing or non-string \"label\""))),
            };
            let own = ent.get("text").and_then(Value::as_str).map(str::to_string);
            let ent = checked(s, e, label, own, &place, k)?;
            if let (Role::Gold, Some(t)) = (role, &text) {
                check_gold(&ent, t, &place, k)?;
            }
            entities.push(ent);
        }
        let mut nested = Vec::new();
        if let (Role::Gold, Some(Value::Array(items))) = (role, r.get("nested")) {
            for (k, ent) in items.iter().enumerate() {
                if let Value::Object(ent) = ent {
                    let (s, e) = offsets(ent, &format!("{place} (nested)"), k, role)?;
                    if let Some(Value::String(l)) = ent.get("label") {
                        // A negative offset can never equal a prediction.
                        if let (Ok(s), Ok(e)) = (usize::try_from(s), usize::try_from(e)) {
                            nested.push((s, e, l.clone()));
                        }
                    }
                }
            }
        }
        out.push(Record {
            id,
            text,
            entities,
            nested,
            place,
        });
    }
    Ok(out)
}

fn checked(
    s: i64,
    e: i64,
    label: String,
    text: Option<String>,
    place: &str,
    k: usize,
) -> Result<Ent, Failure> {
    match (usize::try_from(s), usize::try_from(e)) {
        (Ok(start), Ok(end)) if end > start => Ok(Ent {
            start,
            end,
            label,
            text,
        }),
        _ => Err(Failure::Error(format!(
            "{place}: entity {k}: bad span [{s}, {e})"
        ))),
    }
}

fn check_gold(ent: &Ent, text: &Text, place: &str, k: usize) -> Result<(), Failure> {
    let (s, e) = (ent.start, ent.end);
    if e > text.chars() {
        return Err(Failure::Error(format!(
            "{place}: entity {k}: span [{s}, {e}) beyond text length {}",
            text.chars()
        )));
    }
    match &ent.text {
        Some(own) if own != text.slice(s, e) => Err(Failure::Error(format!(
            "{place}: entity {k}: \"text\" {own:?} differs from text[{s}:{e}] = {:?}",
            text.slice(s, e)
        ))),
        _ => Ok(()),
    }
}

/// CoNLL BIO: `TOKEN<TAB>TAG` (or whitespace-separated columns, the tag
/// last), a blank line between sentences, `-DOCSTART-` lines ignored.
fn conll_records(path: &str, content: &str) -> Result<Vec<Record>, Failure> {
    struct Sentence {
        text: String,
        chars: usize,
        entities: Vec<Ent>,
        open: bool,
        line: usize,
    }
    fn finish(sentence: &mut Option<Sentence>, out: &mut Vec<Record>, path: &str) {
        if let Some(s) = sentence.take() {
            let n = out.len() + 1;
            out.push(Record {
                id: Some(n.to_string()),
                text: Some(Text::new(s.text)),
                entities: s.entities,
                nested: Vec::new(),
                place: format!("{path}:{}", s.line),
            });
        }
    }
    let mut out = Vec::new();
    let mut sentence: Option<Sentence> = None;
    for (n, line) in content.lines().enumerate() {
        let number = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut sentence, &mut out, path);
            continue;
        }
        let fields: Vec<&str> = if line.contains('\t') {
            line.split('\t').map(str::trim).collect()
        } else {
            line.split_whitespace().collect()
        };
        let (token, tag) = match fields.as_slice() {
            [token, .., tag] if !token.is_empty() && !tag.is_empty() => (*token, *tag),
            _ => {
                return Err(Failure::Error(format!(
                    "{path}:{number}: expected TOKEN<TAB>TAG"
                )))
            }
        };
        if token == "-DOCSTART-" {
            finish(&mut sentence, &mut out, path);
            continue;
        }
        let s = sentence.get_or_insert_with(|| Sentence {
            text: String::new(),
            chars: 0,
            entities: Vec::new(),
            open: false,
            line: number,
        });
        if !s.text.is_empty() {
            s.text.push(' ');
            s.chars += 1;
        }
        let start = s.chars;
        s.text.push_str(token);
        s.chars += token.chars().count();
        let end = s.chars;
        let bad = || {
            Failure::Error(format!(
                "{path}:{number}: bad tag `{tag}` (expected O, B-LABEL or I-LABEL)"
            ))
        };
        if tag == "O" {
            s.open = false;
            continue;
        }
        let (kind, label) = tag.split_once('-').ok_or_else(bad)?;
        if label.is_empty() || !matches!(kind, "B" | "I") {
            return Err(bad());
        }
        match s.entities.last_mut() {
            // I- continuing a span of the same label.
            Some(last) if kind == "I" && s.open && last.label == label => last.end = end,
            // B-, or a stray I-: a new span.
            _ => {
                s.entities.push(Ent {
                    start,
                    end,
                    label: label.to_string(),
                    text: None,
                });
                s.open = true;
            }
        }
    }
    finish(&mut sentence, &mut out, path);
    Ok(out)
}

fn read_gold(options: &Options) -> Result<Vec<Record>, Failure> {
    let content = read_file(&options.gold, Role::Gold)?;
    let conll = match options.gold_format {
        GoldFormat::Json => false,
        GoldFormat::Conll => true,
        GoldFormat::Auto => !content.trim_start().starts_with(['{', '[']),
    };
    if conll {
        conll_records(&options.gold, &content)
    } else {
        normalize(
            json_records(&options.gold, &content, Role::Gold)?,
            Role::Gold,
        )
    }
}

/// Runs entitas on every gold text: one prediction record per gold record.
fn predict(gold: &[Record], extractor: &Extractor) -> Result<Vec<Record>, Failure> {
    gold.iter()
        .map(|g| {
            let text = g.text.as_ref().ok_or_else(|| {
                Failure::Error(format!(
                    "{}: no \"text\" to run entitas on (give PRED)",
                    g.place
                ))
            })?;
            let entities = extractor
                .extract(&text.text)
                .into_iter()
                .map(|e| Ent {
                    start: e.char_start,
                    end: e.char_end,
                    label: e.label.to_string(),
                    text: Some(e.text),
                })
                .collect();
            Ok(Record {
                id: g.id.clone(),
                text: None,
                entities,
                nested: Vec::new(),
                place: format!("entitas on {}", g.place),
            })
        })
        .collect()
}

/// Pairs gold and prediction records by id (score.py `pair_ids`).
fn pair(
    mut gold: Vec<Record>,
    pred: Vec<Record>,
    allow_missing: bool,
) -> Result<(Vec<Record>, HashMap<String, Record>), Failure> {
    let err = |m: String| Failure::Error(m);
    if gold.iter().chain(&pred).any(|r| r.id.is_none()) {
        if gold.len() == 1 && pred.len() == 1 {
            let (Some(mut g), Some(p)) = (gold.pop(), pred.into_iter().next()) else {
                return Err(err("no records".to_string()));
            };
            if let (Some(gid), Some(pid)) = (&g.id, &p.id) {
                if gid != pid {
                    return Err(err(format!(
                        "id mismatch: gold has {gid:?}, prediction has {pid:?}"
                    )));
                }
            }
            let key =
                g.id.clone()
                    .or_else(|| p.id.clone())
                    .unwrap_or_else(|| "record".to_string());
            g.id = Some(key.clone());
            return Ok((vec![g], HashMap::from([(key, p)])));
        }
        return Err(err(
            "records without \"id\" are only allowed when both files hold one record".to_string(),
        ));
    }
    let ids: HashSet<&str> = gold.iter().filter_map(|g| g.id.as_deref()).collect();
    let examples = |v: Vec<&str>| {
        let shown: Vec<String> = v.iter().take(5).map(|x| format!("{x:?}")).collect();
        (v.len(), shown.join(", "))
    };
    let extra: Vec<&str> = pred
        .iter()
        .filter_map(|p| p.id.as_deref())
        .filter(|id| !ids.contains(id))
        .collect();
    if !extra.is_empty() {
        let (n, shown) = examples(extra);
        return Err(err(format!(
            "id mismatch: {n} prediction id(s) not in gold, e.g. {shown}"
        )));
    }
    let pids: HashSet<&str> = pred.iter().filter_map(|p| p.id.as_deref()).collect();
    let missing: Vec<&str> = gold
        .iter()
        .filter_map(|g| g.id.as_deref())
        .filter(|id| !pids.contains(id))
        .collect();
    if !missing.is_empty() && !allow_missing {
        let (n, shown) = examples(missing);
        return Err(err(format!(
            "id mismatch: {n} gold id(s) have no prediction record, e.g. {shown} \
             (use --allow-missing to score them as empty predictions)"
        )));
    }
    let pred = pred
        .into_iter()
        .filter_map(|p| Some((p.id.clone()?, p)))
        .collect();
    Ok((gold, pred))
}

// ---------------------------------------------------------------------------
// Scoring

type Span = (usize, usize, String);
type Counter = BTreeMap<String, usize>;

fn bump(c: &mut Counter, key: &str, n: usize) {
    *c.entry(key.to_string()).or_insert(0) += n;
}

fn get(c: &Counter, key: &str) -> usize {
    c.get(key).copied().unwrap_or(0)
}

#[derive(Default)]
struct Tally {
    tp: Counter,
    gold: Counter,
    pred: Counter,
}

/// (precision, recall, F1); a ratio with a zero denominator is 0.
fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        0.0
    };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn overlap(a: &Span, b: &Span) -> i64 {
    a.1.min(b.1) as i64 - a.0.max(b.0) as i64
}

/// One-to-one matching of overlapping spans → (gold index, pred index):
/// exact spans first, then same label, longest overlap, smallest boundary
/// distance, lowest indices.
fn greedy_match(golds: &[Span], preds: &[Span], same_label: bool) -> Vec<(usize, usize)> {
    let mut cand = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            if same_label && g.2 != p.2 {
                continue;
            }
            let ov = overlap(g, p);
            if ov > 0 {
                let exact = g.0 == p.0 && g.1 == p.1;
                let distance = g.0.abs_diff(p.0) + g.1.abs_diff(p.1);
                cand.push((!exact, g.2 != p.2, -ov, distance, gi, pi));
            }
        }
    }
    cand.sort_unstable();
    let (mut used_g, mut used_p, mut pairs) = (HashSet::new(), HashSet::new(), Vec::new());
    for (_, _, _, _, gi, pi) in cand {
        if used_g.contains(&gi) || used_p.contains(&pi) {
            continue;
        }
        used_g.insert(gi);
        used_p.insert(pi);
        pairs.push((gi, pi));
    }
    pairs
}

struct Row {
    gold: usize,
    pred: usize,
    tp: usize,
    p: f64,
    r: f64,
    f: f64,
}

struct Table {
    per_label: Vec<(String, Row)>,
    micro: Row,
    /// Averaged over the labels that occur in gold.
    macro_prf: (f64, f64, f64),
}

fn row(tp: usize, pred: usize, gold: usize) -> Row {
    let (p, r, f) = prf(tp, pred, gold);
    Row {
        gold,
        pred,
        tp,
        p,
        r,
        f,
    }
}

fn table(d: &Tally) -> Table {
    let labels: BTreeSet<&String> = d.gold.keys().chain(d.pred.keys()).collect();
    let per_label: Vec<(String, Row)> = labels
        .into_iter()
        .map(|l| {
            let r = row(get(&d.tp, l), get(&d.pred, l), get(&d.gold, l));
            (l.clone(), r)
        })
        .collect();
    let sum = |c: &Counter| c.values().sum::<usize>();
    let micro = row(sum(&d.tp), sum(&d.pred), sum(&d.gold));
    let in_gold: Vec<&Row> = per_label
        .iter()
        .filter(|(_, r)| r.gold > 0)
        .map(|(_, r)| r)
        .collect();
    let mean = |f: fn(&Row) -> f64| {
        if in_gold.is_empty() {
            0.0
        } else {
            // Summed in label order, as Python's sum() does.
            in_gold.iter().fold(0.0, |acc, r| acc + f(r)) / in_gold.len() as f64
        }
    };
    let macro_prf = (mean(|r| r.p), mean(|r| r.r), mean(|r| r.f));
    Table {
        per_label,
        micro,
        macro_prf,
    }
}

struct Counts {
    records: usize,
    gold_entities: usize,
    pred_entities: usize,
    gold_dropped: usize,
    pred_dropped: usize,
    pred_duplicates_removed: usize,
    pred_nested_ignored: usize,
}

impl Counts {
    /// (name, value) of the counters that score.py reports.
    fn items(&self) -> Vec<(&'static str, usize)> {
        let mut items = Vec::new();
        if self.records > 0 {
            items.push(("records", self.records));
            items.push(("gold_entities", self.gold_entities));
            items.push(("pred_entities", self.pred_entities));
        }
        for (name, n) in [
            ("gold_dropped", self.gold_dropped),
            ("pred_dropped", self.pred_dropped),
            ("pred_duplicates_removed", self.pred_duplicates_removed),
            ("pred_nested_ignored", self.pred_nested_ignored),
        ] {
            if n > 0 {
                items.push((name, n));
            }
        }
        items
    }
}

struct Report {
    counts: Counts,
    raw_pred_labels: Counter,
    strict: Table,
    lenient: Table,
    span_only: Row,
    confusion: BTreeMap<String, Counter>,
    outcomes: BTreeMap<String, Counter>,
    top_fp: Vec<(String, String, usize)>,
    top_fn: Vec<(String, String, usize)>,
    warnings: Vec<String>,
}

fn top(surfaces: HashMap<(String, String), usize>, n: usize) -> Vec<(String, String, usize)> {
    let mut v: Vec<(String, String, usize)> =
        surfaces.into_iter().map(|((t, l), c)| (t, l, c)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
    v.truncate(n);
    v
}

fn score(
    gold: &[Record],
    pred: &HashMap<String, Record>,
    options: &Options,
) -> Result<Report, Failure> {
    let gmap = parse_map(&options.gold_map, "--gold-map").map_err(Failure::Usage)?;
    let pmap = parse_map(&options.map, "--map").map_err(Failure::Usage)?;
    let (mut strict, mut lenient) = (Tally::default(), Tally::default());
    let mut span_tp = 0;
    let mut confusion: BTreeMap<String, Counter> = BTreeMap::new();
    let mut outcomes: BTreeMap<String, Counter> = BTreeMap::new();
    let (mut fp_surf, mut fn_surf) = (HashMap::new(), HashMap::new());
    let mut counts = Counts {
        records: 0,
        gold_entities: 0,
        pred_entities: 0,
        gold_dropped: 0,
        pred_dropped: 0,
        pred_duplicates_removed: 0,
        pred_nested_ignored: 0,
    };
    let mut raw_pred_labels = Counter::new();
    let (mut mismatches, mut mismatch_examples) = (0, Vec::new());
    let empty = Vec::new();

    for g in gold {
        let rid = g.id.clone().unwrap_or_default();
        let text = g.text.as_ref();
        let pred_entities = pred.get(&rid).map_or(&empty, |p| &p.entities);
        let pred_place = pred.get(&rid).map_or("(missing)", |p| p.place.as_str());
        counts.records += 1;
        let mut gents: HashSet<Span> = HashSet::new();
        for e in &g.entities {
            let label = relabel(&e.label, &gmap);
            if label == DROP {
                counts.gold_dropped += 1;
                continue;
            }
            gents.insert((e.start, e.end, label.to_string()));
        }
        let mut nested_ok = HashSet::new();
        if options.ignore_nested {
            for (s, e, l) in &g.nested {
                let label = relabel(l, &gmap);
                if label != DROP {
                    nested_ok.insert((*s, *e, label.to_string()));
                }
            }
        }
        let mut pents: HashSet<Span> = HashSet::new();
        for (k, e) in pred_entities.iter().enumerate() {
            bump(&mut raw_pred_labels, &e.label, 1);
            if let Some(t) = text {
                if e.end > t.chars() {
                    let hint = if t.text.len() != t.chars() {
                        " (the text has non-ASCII characters: are these UTF-8 byte offsets?)"
                    } else {
                        ""
                    };
                    return Err(Failure::Error(format!(
                        "{pred_place}: entity {k}: span [{}, {}) beyond gold text length {}{hint}",
                        e.start,
                        e.end,
                        t.chars()
                    )));
                }
                match &e.text {
                    Some(own) if own != t.slice(e.start, e.end) => {
                        mismatches += 1;
                        if mismatch_examples.len() < 3 {
                            mismatch_examples.push(format!(
                                "{rid} [{},{}) pred {own:?} vs gold text {:?}",
                                e.start,
                                e.end,
                                t.slice(e.start, e.end)
                            ));
                        }
                    }
                    _ => {}
                }
            }
            let label = relabel(&e.label, &pmap);
            if label == DROP {
                counts.pred_dropped += 1;
                continue;
            }
            let span = (e.start, e.end, label.to_string());
            if pents.contains(&span) {
                counts.pred_duplicates_removed += 1;
                continue;
            }
            if nested_ok.contains(&span) && !gents.contains(&span) {
                counts.pred_nested_ignored += 1;
                continue;
            }
            pents.insert(span);
        }
        counts.gold_entities += gents.len();
        counts.pred_entities += pents.len();

        let surface = |x: &Span| match text {
            Some(t) => t.slice(x.0, x.1).to_string(),
            None => format!("[{},{})", x.0, x.1),
        };
        // strict
        for x in &gents {
            bump(&mut strict.gold, &x.2, 1);
            bump(&mut lenient.gold, &x.2, 1);
        }
        for x in &pents {
            bump(&mut strict.pred, &x.2, 1);
            bump(&mut lenient.pred, &x.2, 1);
        }
        for x in gents.intersection(&pents) {
            bump(&mut strict.tp, &x.2, 1);
        }
        for x in pents.difference(&gents) {
            *fp_surf.entry((surface(x), x.2.clone())).or_insert(0) += 1;
        }
        for x in gents.difference(&pents) {
            *fn_surf.entry((surface(x), x.2.clone())).or_insert(0) += 1;
        }
        let gspans: HashSet<(usize, usize)> = gents.iter().map(|x| (x.0, x.1)).collect();
        let pspans: HashSet<(usize, usize)> = pents.iter().map(|x| (x.0, x.1)).collect();
        span_tp += gspans.intersection(&pspans).count();
        // lenient
        let mut gl: Vec<Span> = gents.iter().cloned().collect();
        let mut pl: Vec<Span> = pents.iter().cloned().collect();
        gl.sort();
        pl.sort();
        for (gi, _) in greedy_match(&gl, &pl, true) {
            bump(&mut lenient.tp, &gl[gi].2, 1);
        }
        // confusion and outcomes (span-aligned, any label)
        let aligned: HashMap<usize, usize> = greedy_match(&gl, &pl, false).into_iter().collect();
        let used: HashSet<usize> = aligned.values().copied().collect();
        for (gi, x) in gl.iter().enumerate() {
            let outcome = outcomes.entry(x.2.clone()).or_default();
            let row = confusion.entry(x.2.clone()).or_default();
            if pents.contains(x) {
                bump(outcome, "correct", 1);
                bump(row, &x.2, 1);
                continue;
            }
            let same_label_overlap = pl.iter().any(|y| y.2 == x.2 && overlap(x, y) > 0);
            let Some(y) = aligned.get(&gi).and_then(|&pi| pl.get(pi)) else {
                let kind = if same_label_overlap {
                    "boundary"
                } else {
                    "missed"
                };
                bump(outcome, kind, 1);
                bump(row, NONE, 1);
                continue;
            };
            bump(row, &y.2, 1);
            let kind = if (y.0, y.1) == (x.0, x.1) {
                "wrong_label"
            } else if same_label_overlap {
                "boundary"
            } else {
                "boundary+label"
            };
            bump(outcome, kind, 1);
        }
        for (pi, y) in pl.iter().enumerate() {
            if !used.contains(&pi) && !gl.iter().any(|x| overlap(x, y) > 0) {
                bump(confusion.entry(NONE.to_string()).or_default(), &y.2, 1);
            }
        }
    }

    let mut warnings = Vec::new();
    if mismatches > 0 {
        warnings.push(format!(
            "{mismatches} predicted entities carry a \"text\" that differs from the gold text \
             at their offsets (are the offsets UTF-8 bytes?); e.g. {}",
            mismatch_examples.join("; ")
        ));
    }
    for (label, n) in &strict.pred {
        if !strict.gold.contains_key(label) {
            warnings.push(format!(
                "predicted label '{label}' never occurs in gold ({n} predictions counted as \
                 false positives); relabel it with --map {label}=... or {label}=DROP"
            ));
        }
    }
    let span_only = row(span_tp, counts.pred_entities, counts.gold_entities);
    Ok(Report {
        counts,
        raw_pred_labels,
        strict: table(&strict),
        lenient: table(&lenient),
        span_only,
        confusion,
        outcomes,
        top_fp: top(fp_surf, options.top),
        top_fn: top(fn_surf, options.top),
        warnings,
    })
}

// ---------------------------------------------------------------------------
// Output

fn row_json(r: &Row) -> Value {
    json!({"gold": r.gold, "pred": r.pred, "tp": r.tp, "precision": r.p, "recall": r.r, "f1": r.f})
}

fn table_json(t: &Table) -> Value {
    let per: Map<String, Value> = t
        .per_label
        .iter()
        .map(|(l, r)| (l.clone(), row_json(r)))
        .collect();
    let (p, r, f) = t.macro_prf;
    json!({
        "per_label": per,
        "micro": row_json(&t.micro),
        "macro_over_gold_labels": {"precision": p, "recall": r, "f1": f},
    })
}

fn surfaces_json(v: &[(String, String, usize)]) -> Value {
    v.iter()
        .map(|(t, l, c)| json!({"text": t, "label": l, "count": c}))
        .collect()
}

/// The same keys as `score.py --json`.
fn report_json(report: &Report, options: &Options) -> Result<Value, Failure> {
    let counts: Map<String, Value> = report
        .counts
        .items()
        .into_iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    Ok(json!({
        "gold_file": options.gold,
        "pred_file": options.pred,
        "offsets": "char",
        "map": parse_map(&options.map, "--map").map_err(Failure::Usage)?,
        "gold_map": parse_map(&options.gold_map, "--gold-map").map_err(Failure::Usage)?,
        "counts": counts,
        "raw_pred_labels": report.raw_pred_labels,
        "strict": table_json(&report.strict),
        "lenient": table_json(&report.lenient),
        "span_only": row_json(&report.span_only),
        "confusion": report.confusion,
        "gold_outcomes": report.outcomes,
        "top_false_positives": surfaces_json(&report.top_fp),
        "top_false_negatives": surfaces_json(&report.top_fn),
        "warnings": report.warnings,
    }))
}

fn table_lines(title: &str, t: &Table, out: &mut Vec<String>) {
    out.push(title.to_string());
    out.push(format!(
        "  {:<14} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "label", "gold", "pred", "tp", "P", "R", "F1"
    ));
    let line = |name: &str, r: &Row| {
        format!(
            "  {:<14} {:>6} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}",
            name.chars().take(14).collect::<String>(),
            r.gold,
            r.pred,
            r.tp,
            100.0 * r.p,
            100.0 * r.r,
            100.0 * r.f
        )
    };
    for (label, r) in &t.per_label {
        out.push(line(label, r));
    }
    out.push(line("micro", &t.micro));
    let (p, r, f) = t.macro_prf;
    out.push(format!(
        "  {:<14} {:>6} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}",
        "macro",
        "",
        "",
        "",
        100.0 * p,
        100.0 * r,
        100.0 * f
    ));
}

/// The tables of `score.py`, line for line.
fn render(report: &Report, options: &Options) -> String {
    let pred = options.pred.as_deref().unwrap_or("(entitas)");
    let mut out = vec![format!(
        "gold {} | pred {pred} | records {} | offsets char",
        options.gold, report.counts.records
    )];
    let extra: Vec<String> = report
        .counts
        .items()
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "records" | "gold_entities" | "pred_entities"))
        .map(|(k, n)| format!("{} {n}", k.replace('_', " ")))
        .collect();
    if !extra.is_empty() {
        out.push(format!("({})", extra.join(", ")));
    }
    table_lines("STRICT (exact span + label)", &report.strict, &mut out);
    table_lines(
        "LENIENT (overlap + same label, one-to-one)",
        &report.lenient,
        &mut out,
    );
    let s = &report.span_only;
    out.push(format!(
        "SPAN ONLY (exact span, any label): tp {}  P {:.2}  R {:.2}  F1 {:.2}",
        s.tp,
        100.0 * s.p,
        100.0 * s.r,
        100.0 * s.f
    ));
    let conf = &report.confusion;
    let mut rows: Vec<&str> = conf
        .keys()
        .map(String::as_str)
        .filter(|g| *g != NONE)
        .collect();
    if conf.contains_key(NONE) {
        rows.push(NONE);
    }
    let mut cols: Vec<&str> = conf
        .values()
        .flat_map(|r| r.keys().map(String::as_str))
        .filter(|p| *p != NONE)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    cols.push(NONE);
    out.push(
        "CONFUSION (rows: gold label, cols: predicted label of the aligned span; \
         (none) = missed / spurious)"
            .to_string(),
    );
    let w = rows
        .iter()
        .chain(&cols)
        .map(|x| x.chars().count())
        .fold(8, usize::max)
        + 1;
    let header: String = cols.iter().map(|c| format!("{c:>w$}")).collect();
    out.push(format!("  {:w$}{header}", ""));
    for g in &rows {
        let cells: String = cols
            .iter()
            .map(|p| {
                let cell = if *g == NONE && *p == NONE {
                    "-".to_string()
                } else {
                    conf.get(*g).map_or(0, |r| get(r, p)).to_string()
                };
                format!("{cell:>w$}")
            })
            .collect();
        out.push(format!("  {g:<w$}{cells}"));
    }
    out.push(
        "GOLD OUTCOMES (correct / wrong_label / boundary / boundary+label / missed)".to_string(),
    );
    for (g, o) in &report.outcomes {
        let parts: Vec<String> = [
            "correct",
            "wrong_label",
            "boundary",
            "boundary+label",
            "missed",
        ]
        .iter()
        .map(|k| get(o, k).to_string())
        .collect();
        out.push(format!("  {g:<14} {}", parts.join(" / ")));
    }
    for (items, title) in [
        (&report.top_fp, "TOP FALSE POSITIVES (strict)"),
        (&report.top_fn, "TOP FALSE NEGATIVES (strict)"),
    ] {
        out.push(title.to_string());
        if items.is_empty() {
            out.push("  (none)".to_string());
        }
        for (text, label, count) in items {
            let quoted = serde_json::to_string(text).unwrap_or_default();
            out.push(format!("  {count:>5}  {label:<6} {quoted}"));
        }
    }
    out.join("\n")
}

fn dump_gold(gold: &[Record], out: &mut impl Write) -> io::Result<()> {
    for g in gold {
        let text = g.text.as_ref();
        let entities: Vec<Value> = g
            .entities
            .iter()
            .map(|e| {
                let mut v = json!({"start": e.start, "end": e.end, "label": e.label});
                if let Some(t) = text {
                    v["text"] = json!(t.slice(e.start, e.end));
                }
                v
            })
            .collect();
        let record = json!({
            "id": g.id.as_deref().unwrap_or("record"),
            "text": text.map(|t| t.text.as_str()),
            "entities": entities,
        });
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn run() -> Result<(), Failure> {
    let options = parse_args(std::env::args().skip(1))?;
    let gold = read_gold(&options)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if options.dump_gold {
        dump_gold(&gold, &mut out)
    } else {
        let pred = match (&options.pred, &options.extractor) {
            (Some(path), _) => {
                let content = read_file(path, Role::Prediction)?;
                let records = json_records(path, &content, Role::Prediction)?;
                normalize(records, Role::Prediction)?
            }
            (None, Some(extractor)) => predict(&gold, extractor)?,
            (None, None) => return Err(Failure::Error("no extractor".to_string())),
        };
        let (gold, pred) = pair(gold, pred, options.allow_missing)?;
        let report = score(&gold, &pred, &options)?;
        let text = if options.json {
            let value = report_json(&report, &options)?;
            serde_json::to_string_pretty(&value).unwrap_or_default()
        } else {
            render(&report, &options)
        };
        let written = writeln!(out, "{text}").and_then(|()| out.flush());
        for w in &report.warnings {
            eprintln!("evaluate: warning: {w}");
        }
        written
    };
    match written.and_then(|()| out.flush()) {
        // `evaluate ... | head` closes the pipe early: that is not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::Error(format!("writing output: {e}")))
        }
        _ => Ok(()),
    }
}
