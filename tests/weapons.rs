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
