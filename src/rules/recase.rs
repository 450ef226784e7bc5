//! Recasing: where a line's letter case says nothing (all capitals, no
//! capitals, a title-case headline), a copy of the text with capitals where
//! names are likely, for the rules. Only letters whose other
//! case has the same UTF-8 length change, so every offset holds.
//!
//! In such a line a common word ([`crate::common_words`]) is written in
//! lower case, a word of a gazetteer match or a known given or family name
//! is capitalized, and so are the words after a head noun (`KEMENTERIAN
//! LUAR NEGERI` → `Kementerian Luar Negeri`); in all caps, other words are
//! capitalized too, and short ones without a vowel stay acronyms (`KPK`).
//! Words with the affixes of a verb (`menyebut`, `diserahkan`), verbs of
//! saying and one-word ranks (`akp`) are no part of a name unless a
//! gazetteer or the name lists know them; a common word right after a
//! head ends its name (`jalan kaki`).
//! A line without capitals is recased only when the whole text has none:
//! in scraped news a lower-case line is most often the rest of a sentence
//! whose link text was cut onto a line of its own.

use super::lexicon::{bit, DATA};
use crate::common_words;
use crate::types::Candidate;

/// What a line's letter case says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineCase {
    /// Ordinary text: capitals mark names (and sentence starts).
    Mixed,
    /// No capital letter.
    Lower,
    /// Two words or more, no lower-case letter.
    Upper,
    /// Three words of three letters or more, each capitalized.
    Title,
}

/// The case of one line (no line break inside).
pub(crate) fn line_case(line: &str) -> LineCase {
    let (mut upper, mut lower) = (false, false);
    let (mut words, mut long, mut long_lower) = (0usize, 0usize, 0usize);
    for word in line.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        let mut letters = usize::from(first.is_alphabetic());
        upper |= first.is_uppercase();
        lower |= first.is_lowercase();
        for c in chars {
            letters += usize::from(c.is_alphabetic());
            upper |= c.is_uppercase();
            lower |= c.is_lowercase();
        }
        if letters == 0 {
            continue;
        }
        words += 1;
        if letters >= 3 && first.is_alphabetic() {
            long += 1;
            long_lower += usize::from(first.is_lowercase());
        }
        // Capitals and a long word without one: ordinary text, whatever
        // follows (most lines end here early).
        if upper && long_lower > 0 {
            return LineCase::Mixed;
        }
    }
    if lower && !upper {
        LineCase::Lower
    } else if upper && !lower && words >= 2 {
        LineCase::Upper
    } else if upper && long >= 3 && long_lower == 0 {
        LineCase::Title
    } else {
        LineCase::Mixed
    }
}

/// What to do with one word's letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Keep,
    Lower,
    /// First letter upper, the rest lower.
    Capitalized,
    /// First letter upper, the rest as they are.
    Initial,
}

/// The recased copy of `text` for the rules, or `None` when
/// every line is in mixed case (most text). `candidates` are the
/// gazetteer matches.
pub(crate) fn recase(text: &str, candidates: &[Candidate]) -> Option<String> {
    let lines = || text.split('\n');
    let cases: Vec<LineCase> = lines().map(line_case).collect();
    let all_lower = cases
        .iter()
        .all(|&c| c == LineCase::Lower || c == LineCase::Mixed)
        && !text.chars().any(char::is_uppercase);
    let needed = |c: LineCase| match c {
        LineCase::Mixed => false,
        LineCase::Lower => all_lower,
        LineCase::Upper => true,
        // A title-case headline keeps its capitals for the rules, which
        // stay silent in headlines: recased, its common words end names
        // but its other words still start them (measured on news2025-dev:
        // 0.8 F1 worse).
        LineCase::Title => false,
    };
    if !cases.iter().copied().any(needed) {
        return None;
    }
    let mut spans: Vec<(usize, usize)> = candidates
        .iter()
        .filter(|c| c.rule.is_none())
        .map(|c| (c.byte_start, c.byte_end))
        .collect();
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (line, case) in lines().zip(cases) {
        if at > 0 {
            out.push('\n');
        }
        if needed(case) {
            recase_line(line, at, case, &spans, &mut out);
        } else {
            out.push_str(line);
        }
        at += line.len() + 1;
    }
    Some(out)
}

/// Appends `line` (at byte `at` of the text) recased for `case`.
fn recase_line(line: &str, at: usize, case: LineCase, spans: &[(usize, usize)], out: &mut String) {
    let in_match = |s: usize, e: usize| {
        let k = spans.partition_point(|&(_, end)| end <= s);
        spans
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&(start, _)| start < e)
            .any(|_| true)
    };
    // Words left to capitalize after a head noun; whether the word before
    // was capitalized as a name.
    let mut run = 0usize;
    let mut prev = false;
    let (mut rank, mut fresh) = (false, false);
    let mut last = 0;
    let mut word_start = None;
    // Words of a head phrase left (`rumah sakit`: `rumah` alone is no
    // head).
    let mut phrase_left = 0usize;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (c.is_alphanumeric(), word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                word_start = None;
                out.push_str(line.get(last..s).unwrap_or_default());
                let word = line.get(s..i).unwrap_or_default();
                let head = if phrase_left > 0 {
                    phrase_left -= 1;
                    Head::Inside
                } else {
                    match head_phrase(line, s) {
                        0 => Head::No,
                        len => {
                            phrase_left = len - 1;
                            Head::Start
                        }
                    }
                };
                let ctx = Before {
                    run,
                    prev,
                    rank,
                    fresh,
                };
                let (shape, next) = shape(word, case, in_match(at + s, at + i), head, ctx);
                (run, rank, fresh) = (next.run, next.rank, next.fresh);
                prev = matches!(shape, Shape::Initial | Shape::Capitalized);
                push_shaped(word, shape, out);
                last = i;
            }
            _ => {}
        }
        if !c.is_alphanumeric() && !c.is_whitespace() && c != '-' {
            run = 0; // a head's name ends at punctuation
            prev = false;
            rank = false;
            fresh = false;
        }
    }
    out.push_str(line.get(last..).unwrap_or_default());
}

/// Where a word stands in a head phrase (`rules/heads.txt`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Head {
    No,
    /// Its first word.
    Start,
    /// A later word.
    Inside,
}

/// The length in words of the longest head phrase (`rules/heads.txt`)
/// that starts at byte `at` of `line` (a word's start), 0 if none.
fn head_phrase(line: &str, at: usize) -> usize {
    let mut words = line
        .get(at..)
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return 0 };
    let Some(lex) = DATA.lex(first.to_lowercase().as_bytes()) else {
        return 0;
    };
    lex.heads
        .iter()
        .find(|(p, _)| {
            p.iter()
                .skip(1)
                .zip(words.clone().chain(std::iter::repeat("")))
                .all(|(w, x)| x.to_lowercase() == *w)
        })
        .map_or(0, |(p, _)| p.len())
}

/// Words capitalized after a head noun, at most.
const HEAD_RUN: usize = 4;

/// What the words before one tell of it.
#[derive(Clone, Copy)]
struct Before {
    /// Words left to capitalize after a head noun.
    run: usize,
    /// The word before was capitalized as a name.
    prev: bool,
    /// The word before is a rank or office of one word (`akp`, `kolonel`).
    rank: bool,
    /// The word before is a head noun that starts a name, not one inside
    /// a head's name (`jalan pondok`).
    fresh: bool,
}

/// How one word of a line in `case` is written in the copy, and what it
/// tells the next word.
fn shape(
    word: &str,
    case: LineCase,
    matched: bool,
    at_head: Head,
    before: Before,
) -> (Shape, Before) {
    let Before { mut run, prev, .. } = before;
    let run = &mut run;
    let lower = word.to_lowercase();
    let lex = DATA.lex(lower.as_bytes());
    let has = |b: u16| lex.is_some_and(|l| l.bits & b != 0);
    let stop = common_words::is_stopword(&lower) || has(bit::STOP);
    let common = stop || common_words::is_common(&lower);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = letters > 0
        && letters <= 4
        && !word
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u'));
    let head = at_head != Head::No;
    let after_head = *run > 0;
    // A common word right after the head makes no name with it (`jalan
    // kaki`, `gedung baru`, `kelompok lawan`), in capitals unless it is a
    // title or an agent noun (`JALAN JENDERAL X`, `LEMBAGA PENYELENGGARA
    // X`); further
    // on it may end one (`jalan raya kampung tengah`).
    let bare_common = before.fresh
        && letters > 2
        && common
        && !has(bit::TITLE_WORD)
        && !(case == LineCase::Upper
            && (has(bit::TITLE) || (lower.len() >= 8 && lower.starts_with("pe"))))
        && !matched;
    // A rank or office of one word goes on no name before it, and ends a
    // head's name (`kapolsek pasar rebo akp i wayan`: the head rule stops
    // at the rank); a letter after it is an initial.
    let rank = !matched
        && !has(bit::NAME)
        && !has(bit::TITLE_WORD)
        && lex.is_some_and(|l| l.titles.iter().any(|p| p.len() == 1));
    let initial = before.rank && letters == 1;
    // A verb of saying or a context word (`ujar`, `tutur`, `bersama`)
    // stands next to a name, it is none.
    let cue = !matched && !has(bit::NAME) && has(bit::SAY | bit::CONTEXT);
    // In all caps a head's name goes on through common words (`LUAR
    // NEGERI`); without capitals only through the others.
    *run = if at_head == Head::Start {
        HEAD_RUN
    } else if at_head == Head::Inside {
        run.saturating_sub(1)
    } else if rank
        || bare_common
        || stop
        || is_verb(&lower)
        || verb_suffix(&lower)
        || (common && case != LineCase::Upper)
    {
        0
    } else {
        run.saturating_sub(1)
    };
    // A word with the affixes of a verb or a derived noun (`menyebut`,
    // `meninjau`, `diserahkan`, `kesepakatan`) is no name unless a
    // gazetteer or the name lists say so; after a head noun only a verb
    // ends the name (`kementerian pertahanan`).
    let known = matched || has(bit::NAME);
    let verb = !known && (is_verb(&lower) || verb_suffix(&lower));
    let derived = verb || (!known && derived_noun(&lower));
    // `maria augusta kutschera`: a word that is no common word goes on
    // the name before it.
    let chain = prev && !common && !derived;
    let named = matched
        || head
        || (after_head && !verb && !bare_common)
        || (!rank && (chain || (has(bit::NAME) && !common)));
    let next = Before {
        run: *run,
        prev: false,
        rank,
        fresh: match at_head {
            Head::Start => !after_head,
            Head::Inside => before.fresh,
            Head::No => false,
        },
    };
    let shape = match case {
        LineCase::Mixed => Shape::Keep,
        LineCase::Upper if letters == 0 || (acronym && !common) || (matched && letters <= 5) => {
            Shape::Keep
        }
        LineCase::Upper if stop || ((common || derived || cue) && !named) => Shape::Lower,
        LineCase::Upper => Shape::Capitalized,
        LineCase::Title if stop || (common && !named) => Shape::Lower,
        LineCase::Title => Shape::Keep,
        LineCase::Lower if initial || (!stop && letters >= 2 && named) => Shape::Initial,
        LineCase::Lower => Shape::Keep,
    };
    (shape, next)
}

/// A verb by its prefix (`mengatakan`, `menyerang`, `berkunjung`,
/// `diserang`): it ends a head noun's name.
fn is_verb(lower: &str) -> bool {
    lower.len() >= 7
        && ["meng", "meny", "mem", "men", "ber", "ter", "di"]
            .iter()
            .any(|p| lower.starts_with(p))
        && !lower.starts_with("dinas")
        && !lower.starts_with("direktorat")
}

/// A verb by its suffix (`serahkan`, `katanya`): `-kan`, `-nya`, `-lah`.
fn verb_suffix(lower: &str) -> bool {
    lower.len() >= 7 && ["kan", "nya", "lah"].iter().any(|s| lower.ends_with(s))
}

/// A noun derived with `pe-an`/`per-an`/`ke-an` (`latihan` aside:
/// `kesepakatan`, `pertemuan`, `penanganan`): no name on its own.
fn derived_noun(lower: &str) -> bool {
    lower.len() >= 8 && lower.ends_with("an") && ["pe", "ke"].iter().any(|p| lower.starts_with(p))
}

/// `c` in the other case, if that is one char of the same UTF-8 length.
fn same_len(c: char, upper: bool) -> char {
    let mut it: Box<dyn Iterator<Item = char>> = if upper {
        Box::new(c.to_uppercase())
    } else {
        Box::new(c.to_lowercase())
    };
    match (it.next(), it.next()) {
        (Some(d), None) if d.len_utf8() == c.len_utf8() => d,
        _ => c,
    }
}

fn push_shaped(word: &str, shape: Shape, out: &mut String) {
    for (k, c) in word.chars().enumerate() {
        out.push(match shape {
            Shape::Keep => c,
            Shape::Lower => same_len(c, false),
            Shape::Capitalized | Shape::Initial if k == 0 => same_len(c, true),
            Shape::Capitalized => same_len(c, false),
            Shape::Initial => c,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_cases() {
        for (line, want) in [
            (
                "Presiden Joko Widodo meresmikan jalan tol.",
                LineCase::Mixed,
            ),
            ("presiden joko widodo meresmikan jalan tol", LineCase::Lower),
            ("PRESIDEN JOKO WIDODO MERESMIKAN JALAN TOL", LineCase::Upper),
            ("Pelatih Timnas Puji Semangat Para Pemain", LineCase::Title),
            ("PBB", LineCase::Mixed),
            ("Jakarta", LineCase::Mixed),
            ("", LineCase::Mixed),
        ] {
            assert_eq!(line_case(line), want, "{line}");
        }
    }

    #[test]
    fn recased_lines_keep_their_length() {
        let text = "MENTERI LUAR NEGERI RETNO MARSUDI BERTEMU KPK DI JAKARTA.\n\
                    Harga Cabai Di Pasar Naik Lagi\nBudi pergi ke Bandung.";
        let out = recase(text, &[]).unwrap();
        assert_eq!(out.len(), text.len());
        assert!(
            out.starts_with("menteri luar negeri Retno Marsudi bertemu KPK di Jakarta."),
            "{out}"
        );
        // A title-case headline keeps its capitals.
        assert!(out.contains("\nHarga Cabai Di Pasar Naik Lagi\n"), "{out}");
        assert!(out.ends_with("\nBudi pergi ke Bandung."));
        assert_eq!(recase("Budi pergi ke Bandung.", &[]), None);
        // A verb or a time word after a name or a head is no part of it.
        let lower = "kata laksamana darmawan saputra meninjau latihan pekan lalu.";
        let out = recase(lower, &[]).unwrap();
        assert!(out.contains("meninjau latihan pekan"), "{out}");
        // Letters whose other case is longer stay as they are.
        let odd = "İSTANBUL DAN ANKARA";
        assert_eq!(recase(odd, &[]).unwrap().len(), odd.len());
    }
}
