//! The public API's promises: auto traits, serde, no panics on edge input.

use entitas::{Entity, Extractor, Label, SharedStr};

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn assert_traits<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    assert_traits::<Extractor>();
    assert_traits::<entitas::ExtractorBuilder>();
    assert_traits::<Entity>();
    assert_traits::<Label>();
    assert_traits::<SharedStr>();
    fn assert_send_sync<T: Send + Sync>() {}
    // Not unwind-safe: it may hold a std::io::Error.
    assert_send_sync::<entitas::Error>();
}

#[test]
fn extractor_is_cheap_to_clone_and_shared_across_threads() {
    let e = Extractor::builder().build().unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let e = e.clone();
            std::thread::spawn(move || e.extract("Rusia dan Iran").len())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 2);
    }
}

#[test]
fn entity_round_trips_through_json() {
    let entities = entitas::extract("Menteri Pertahanan Rusia Sergei Shoigu");
    let json = serde_json::to_string(&entities).unwrap();
    assert!(json.contains(r#""label":"COUNTRY""#), "{json}");
    assert!(
        !json.contains("nested"),
        "flat entities omit `nested`: {json}"
    );
    let back: Vec<Entity> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, entities);
    let custom: Label = serde_json::from_str(r#""PARTAI""#).unwrap();
    assert_eq!(custom, Label::Custom("PARTAI".into()));
}

#[test]
fn default_extractor_has_the_founding_entities() {
    let found = entitas::extract("PBB, AS, IRGC, Kongres, Moskow, Gaza, Ababil rudal");
    let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "organization:UN",
            "country:USA",
            "organization:IRGC",
            "organization:US-CONGRESS",
            "location:moscow",
            "location:gaza",
            "weapon:ababil"
        ]
    );
    let pbb = &found[0];
    assert_eq!(pbb.canonical, "Perserikatan Bangsa-Bangsa");
    assert_eq!(pbb.source, "gazetteer:organizations-world");
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "\0\0\0",
        "\u{feff}Rusia",
        "\u{202e}Iran\u{202c}",
        "İİİİİ",
        "e\u{301}\u{301}\u{301}",
        "((((((((((Iran))))))))))",
        "🇮🇷 Iran 🚀",
        "\u{2028}Rusia\u{2029}",
        "ﬁﬂﬃ Rusia",
    ] {
        for e in entitas::extract(text) {
            assert_eq!(&text[e.byte_start..e.byte_end], e.text);
        }
    }
}

#[test]
fn batch_equals_one_by_one_in_order() {
    let e = Extractor::builder().build().unwrap();
    let texts: Vec<String> = (0..500)
        .map(|i| match i % 4 {
            0 => format!("Berita {i}: Rusia dan Iran bertemu."),
            1 => String::new(),
            2 => format!("Presiden Bambang Sutrisno ke-{i} tiba di Moskow."),
            _ => "Komisi Pemberantasan Korupsi (KPK) memeriksa saksi. KPK menahan.".to_string(),
        })
        .collect();
    let batch = e.extract_batch(&texts);
    let single: Vec<Vec<Entity>> = texts.iter().map(|t| e.extract(t)).collect();
    assert_eq!(batch, single);
}

#[test]
fn shared_strings_read_like_str() {
    let s = SharedStr::from("country:USA");
    assert_eq!(s, "country:USA");
    assert_eq!("country:USA", s);
    assert_eq!(s, String::from("country:USA"));
    assert_eq!(s.as_str().len(), 11);
    assert!(s.starts_with("country:"));
    // Width and alignment apply, as for a str (the CLI's table relies on it).
    assert_eq!(format!("[{:<13}]", s), "[country:USA  ]");
    assert_eq!(format!("{s:?}"), "\"country:USA\"");
    assert_eq!(serde_json::to_string(&s).unwrap(), "\"country:USA\"");
    let back: SharedStr = serde_json::from_str("\"country:USA\"").unwrap();
    assert_eq!(back, s);
    assert_eq!(String::from(s.clone()), "country:USA");
}

#[test]
fn each_hands_out_what_extract_returns() {
    let article = include_str!("golden/founding-article.txt");
    let madrid = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text(
            "m.tsv",
            "@label LOCATION\nmadrid\tMadrid\n@label ORGANIZATION\nmadrid-fc\tMadrid FC\tMadrid\n",
        )
        .build()
        .unwrap();
    let extractors = [
        Extractor::builder().build().unwrap(),
        Extractor::builder()
            .overlap(entitas::Overlap::Nested)
            .build()
            .unwrap(),
        Extractor::builder().rules(false).build().unwrap(),
        madrid,
    ];
    let texts = [
        article,
        "",
        "Ia menyebut Madrid dalam pidatonya.",
        "🇮🇷 Iran 🚀 dan Rusianya, PBB-nya.",
    ];
    let (mut seen, mut alternatives, mut nested, mut by_rule) = (0, 0, 0, 0);
    for e in &extractors {
        for text in texts {
            let owned = e.extract(text);
            let mut i = 0;
            e.extract_each(text, |b| {
                let o = &owned[i];
                i += 1;
                assert_eq!(&text[b.byte_start..b.byte_end], b.text);
                assert_eq!(
                    (b.text, b.label, b.id, b.canonical, b.source),
                    (o.text.as_str(), &o.label, &o.id, &o.canonical, &o.source)
                );
                assert_eq!(
                    (b.byte_start, b.byte_end, b.char_start, b.char_end, b.nested),
                    (o.byte_start, o.byte_end, o.char_start, o.char_end, o.nested)
                );
                assert!(b.alternatives().eq(o.alternatives.iter()));
                assert_eq!(b.to_entity(), *o);
                alternatives += usize::from(!o.alternatives.is_empty());
                nested += usize::from(o.nested);
                by_rule += usize::from(o.source.starts_with("rule:"));
            });
            assert_eq!(i, owned.len());
            seen += i;
        }
    }
    // The cases above cover what an entity can carry.
    assert!(seen > 100 && alternatives > 0 && nested > 0 && by_rule > 0);
}
