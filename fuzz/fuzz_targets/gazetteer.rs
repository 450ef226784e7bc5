//! The gazetteer parser on arbitrary bytes: an error or an extractor, never
//! a panic; every error names a place in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match entitas::Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text("fuzz.tsv", &text)
        .build()
    {
        Ok(extractor) => {
            let _ = extractor.extract(&text);
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.tsv:"), "{e}"),
    }
});
