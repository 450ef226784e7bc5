//! `extract` on arbitrary text, with the default gazetteers or with a small
//! arbitrary gazetteer, every option: never panics, every entity is an
//! exact, ordered slice of the text, and `extract_each` hands out the same
//! entities borrowed.
#![no_main]

use entitas::{Case, Entity, Extractor, Overlap};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, entities: &[Entity]) {
    let mut last_end = 0;
    for e in entities {
        assert_eq!(&text[e.byte_start..e.byte_end], e.text);
        assert_eq!(text[..e.byte_start].chars().count(), e.char_start);
        assert_eq!(e.char_end - e.char_start, e.text.chars().count());
        if !e.nested {
            assert!(e.byte_start >= last_end, "flat entities overlap");
            last_end = e.byte_end;
        }
    }
}

/// `extract_each`'s entities, owned: the same as `extract`'s.
fn check_each(extractor: &Extractor, text: &str, entities: &[Entity]) {
    let mut each = Vec::new();
    extractor.extract_each(text, |e| {
        assert_eq!(&text[e.byte_start..e.byte_end], e.text);
        each.push(e.to_entity());
    });
    assert_eq!(each, entities);
}

fuzz_target!(|input: (String, Vec<String>, u8)| {
    let (text, aliases, flags) = input;
    if flags & 1 == 0 {
        check(&text, &entitas::extract(&text));
        return;
    }
    let mut gazetteer = String::from("@label LOCATION\n@context rudal|kota\n@not-after jalan|sma negeri #|jl.\n@variants designator spelling\n");
    for (i, alias) in aliases.iter().take(8).enumerate() {
        let alias: String = alias.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).take(40).collect();
        gazetteer.push_str(&format!("e{i}\tcanonical {i}\t{alias}\n"));
    }
    let built = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text("fuzz.tsv", &gazetteer)
        .case(if flags & 2 == 0 { Case::Smart } else { Case::Insensitive })
        .overlap(if flags & 4 == 0 { Overlap::Flat } else { Overlap::Nested })
        .rules(flags & 8 == 0)
        .build();
    if let Ok(extractor) = built {
        let entities = extractor.extract(&text);
        check(&text, &entities);
        check_each(&extractor, &text, &entities);
    }
});
