//! Weapon systems in sentences written for these tests
//! (`tests/data/weapons.tsv`): designator variants, context-gated names and
//! negatives. See: issue #5.

#[test]
fn weapon_sentences() {
    let data = include_str!("data/weapons.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (text, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("tests/data/weapons.tsv:{}: no tab", n + 1));
        cases += 1;
        let got: Vec<String> = entitas::extract(text)
            .into_iter()
            .filter(|e| e.label.as_str() == "WEAPON")
            .map(|e| format!("{}={}", e.text, e.id))
            .collect();
        let got = if got.is_empty() {
            "-".to_string()
        } else {
            got.join(" | ")
        };
        if got != expected.trim() {
            failures.push(format!(
                "line {}: {text}\n  expected {expected}\n  got      {got}",
                n + 1
            ));
        }
    }
    assert!(cases >= 2, "no cases read");
    assert!(
        failures.is_empty(),
        "{} of {cases} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// WEAPON precision and recall over `tests/data/weapons-sentences.jsonl`
/// (made by `tests/data/weapons_sentences.py` from the marked-up
/// `weapons-sentences.txt`): its sentences with and without capitals, with
/// default settings. Measured at the merge of main into `weapons-data`
/// (91eff97 and after): cased P 99.0 R 99.5, lower case P 98.5 R 94.7, 2 of
/// 182 hard negatives hit; before issue #20 (main cd588a1) cased P 93.1
/// R 77.5. With part C (72 sentences written for the second round of issue
/// #20), on main 32452f5: cased P 98.1 R 98.1, lower P 97.2 R 92.4; after
/// that round's rules (branch weap3): cased P 99.2 R 99.6, lower P 98.8
/// R 95.4. The floors below leave room for a few changes either way.
#[test]
fn weapon_sentences_precision_and_recall() {
    let data = include_str!("data/weapons-sentences.jsonl");
    for lower in [false, true] {
        let (mut tp, mut fp, mut fns, mut negatives, mut hit) = (0usize, 0usize, 0usize, 0, 0);
        let mut misses = Vec::new();
        let mut sentences = 0;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let text = record["text"].as_str().expect("text");
            let text = if lower {
                text.to_lowercase()
            } else {
                text.to_string()
            };
            sentences += 1;
            let span = |v: &serde_json::Value| {
                (
                    v["start"].as_u64().unwrap_or(0) as usize,
                    v["end"].as_u64().unwrap_or(0) as usize,
                )
            };
            let gold: Vec<(usize, usize)> = record["entities"]
                .as_array()
                .map(|a| a.iter().map(span).collect())
                .unwrap_or_default();
            let got: Vec<(usize, usize)> = entitas::extract(&text)
                .into_iter()
                .filter(|e| e.label.as_str() == "WEAPON")
                .map(|e| (e.char_start, e.char_end))
                .collect();
            for g in &got {
                if gold.contains(g) {
                    tp += 1;
                } else {
                    fp += 1;
                    misses.push(format!("extra {g:?} in {text}"));
                }
            }
            for g in gold.iter().filter(|g| !got.contains(g)) {
                fns += 1;
                misses.push(format!("missed {g:?} in {text}"));
            }
            for n in record["negatives"].as_array().into_iter().flatten() {
                negatives += 1;
                let (a, b) = span(n);
                hit += usize::from(got.iter().any(|&(s, e)| s < b && a < e));
            }
        }
        assert!(sentences >= 300 && tp + fns >= 200 && negatives >= 150);
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        let recall = tp as f64 / (tp + fns).max(1) as f64;
        let (p_floor, r_floor) = if lower { (0.93, 0.90) } else { (0.95, 0.95) };
        assert!(
            precision >= p_floor && recall >= r_floor && hit <= 5,
            "lower case {lower}: P {precision:.3} R {recall:.3}, {hit} of {negatives} hard negatives hit\n{}",
            misses.join("\n")
        );
    }
}
