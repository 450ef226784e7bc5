//! The rules' unit tests: word cutting, acronym shapes, headlines, the data
//! files and the lexicon.

use super::acronyms::initials_match;
use super::acronyms::is_acronym;
use super::doc::flat_resolve;
use super::lexicon::Key;
use super::lexicon::DATA;
use crate::normalize::fold_lower;

use super::words::words;
use super::*;
use crate::resolve::resolve;
use crate::types::Overlap;

#[test]
fn words_join_apostrophes_and_hyphens() {
    let mut arena = String::new();
    let w: Vec<&str> = words("Ma'ruf Amin dan Al-Baghdadi (ISIS).", &mut arena)
        .0
        .iter()
        .map(|w| w.text)
        .collect();
    assert_eq!(
        w,
        [
            "Ma'ruf",
            "Amin",
            "dan",
            "Al-Baghdadi",
            "(",
            "ISIS",
            ")",
            "."
        ]
    );
    let mut arena = String::new();
    let (w, _) = words("Di Jl. Merdeka ada Dr. Budi. Lalu pergi.", &mut arena);
    let sentences: Vec<usize> = w.iter().map(|w| w.sentence).collect();
    assert_eq!(sentences, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
}

#[test]
fn acronym_shapes() {
    assert!(is_acronym("KPK"));
    assert!(is_acronym("PDI-P"));
    assert!(!is_acronym("Kpk"));
    assert!(!is_acronym("A"));
    assert!(initials_match("KPK", "Komisi Pemberantasan Korupsi"));
    assert!(initials_match(
        "BMKG",
        "Badan Meteorologi, Klimatologi, dan Geofisika"
    ));
    assert!(!initials_match("IRGC", "Korps Garda Revolusi Islam Iran"));
}

#[test]
fn headline_detection() {
    let mut arena = String::new();
    let w = words("Rusia Tampaknya Akan Membeli Rudal Balistik dari Iran\n\nRusia siap membeli rudal.\n\nKader Partai Harapan Rakyat mendarat di Bandara Sultan Hasanuddin.", &mut arena).1;
    assert_eq!(w.headline, [true, false, false]);
}

#[test]
fn rule_data_loads() {
    let lex = |w: &str| DATA.lex(w.as_bytes());
    assert!(lex("menteri").is_some_and(|l| !l.titles.is_empty()));
    let jl = lex("jl").expect("Jl. is a head");
    assert!(jl.heads.iter().any(|(_, l)| *l == Label::Location));
    assert!(lex("kata").is_some_and(|l| l.say_after));
    assert!(lex("mengatakan").is_some_and(|l| l.say_before));
    assert!(lex("dia").is_some_and(|l| l.stop));
    assert!(lex("xyzzy").is_none());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn flat_resolve_is_resolve(
        spans in proptest::collection::vec((0usize..40, 0usize..12, 0u32..6, proptest::bool::ANY), 0..40)
    ) {
        let text = "Abc dé İstanbul fğh ijk lmn opq rst uvw xyz ABC DEF GHI";
        let candidates: Vec<Candidate> = spans
            .iter()
            .map(|&(start, len, entity, rule)| Candidate {
                byte_start: start,
                byte_end: start + len,
                entity,
                linked: false,
                rule: rule.then_some(Rule::Head),
            })
            .collect();
        let expected: Vec<(usize, usize, u32, Option<Rule>)> = resolve(text, text.is_ascii(), candidates.clone(), Overlap::Flat)
            .into_iter()
            .map(|r| (r.byte_start, r.byte_end, r.entity, r.rule))
            .collect();
        let got: Vec<(usize, usize, u32, Option<Rule>)> = flat_resolve(text, &candidates)
            .into_iter()
            .map(|c| (c.byte_start, c.byte_end, c.entity, c.rule))
            .collect();
        proptest::prop_assert_eq!(got, expected);
    }
}

#[test]
fn every_lexicon_entry_is_found() {
    let keys: Vec<&Key> = (DATA.slots.iter().zip(DATA.tags.iter()))
        .filter(|(_, &t)| t != 0)
        .map(|(s, _)| &s.0)
        .collect();
    assert_eq!(keys.len(), DATA.lexes.len());
    assert!(keys.len() > 500);
    for key in keys {
        assert!(DATA.get(key).is_some(), "{key:?}");
    }
    assert!(DATA.rejected.is_empty(), "{:?}", DATA.rejected);
}

#[test]
fn ascii_words_fold_to_their_lower_case() {
    // `words` relies on this to skip `fold_lower` for ASCII words
    // without `-` (the only ASCII char besides blanks it changes).
    for b in 0x21u8..0x7f {
        let s = format!("x{}X", char::from(b));
        if b != b'-' {
            assert_eq!(fold_lower(&s), s.to_ascii_lowercase(), "{s:?}");
        }
    }
    // ... and a `-` between word chars to a blank, a lone one to nothing
    // (`general_word` relies on it).
    assert_eq!(fold_lower("Al-Baghdadi"), "al baghdadi");
    assert_eq!(fold_lower("COVID-19"), "covid 19");
    assert_eq!(fold_lower("-"), "");
}
