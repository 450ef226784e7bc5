//! The shared peer harness's gazetteer format (`surface<TAB>label<TAB>canonical`,
//! see `../shared/bench/`), converted to entitas's: used by `peer_bench`
//! and `heap`.

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
pub fn convert(tsv: &str) -> (String, usize, usize) {
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
