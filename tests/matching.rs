//! Matching rules, table-driven: each case is a gazetteer, a text and the
//! expected `(label, text)` pairs of the flat output.

use crate::support::{gazetteer_only, texts};
use entitas::{Case, Extractor, Overlap};

const GAZ: &str = "\
@label COUNTRY
@id-prefix country:
RUS\tRusia
UKR\tUkraina
IRN\tIran
USA\tAmerika Serikat\tAS
TUR\tTurki
@label ORGANIZATION
UN\tPerserikatan Bangsa-Bangsa\tPBB
CNN\tCNN
IRGC\tKorps Garda Revolusi Islam Iran\tIRGC
CONGRESS\tKongres Amerika Serikat\tKongres
@label PERSON
erdogan\tRecep Tayyip Erdoğan\tErdoğan
@label LOCATION
jakarta\tJakarta
kartina\tina Jakarta
";

fn find_with(extractor: &Extractor, text: &str) -> Vec<(String, String)> {
    extractor
        .extract(text)
        .into_iter()
        .map(|e| {
            assert_eq!(&text[e.byte_start..e.byte_end], e.text, "span of {e:?}");
            (e.label.to_string(), e.text)
        })
        .collect()
}

fn extractor() -> Extractor {
    gazetteer_only(GAZ)
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($label:expr, $surface:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let expected: Vec<(String, String)> =
                vec![$(($label.to_string(), $surface.to_string())),*];
            assert_eq!(find_with(&extractor(), $text), expected, "text: {:?}", $text);
        }
    };
}

// BASICS: Indonesian token boundaries (see: issue #2).
t!(
    hyphen_pair,
    "perang Rusia-Ukraina",
    [("COUNTRY", "Rusia"), ("COUNTRY", "Ukraina")]
);
t!(
    prefix_pro_anti,
    "kubu pro-Rusia dan anti-Iran",
    [("COUNTRY", "Rusia"), ("COUNTRY", "Iran")]
);
t!(circumfix, "ke-PBB-an", [("ORGANIZATION", "PBB")]);
t!(clitic_nya, "Rusianya menolak", [("COUNTRY", "Rusia")]);
t!(
    clitic_hyphen,
    "PBB-nya dan Iran-lah",
    [("ORGANIZATION", "PBB"), ("COUNTRY", "Iran")]
);
t!(
    clitics_all,
    "Turkikah Rusiapun Iranku Iranmu",
    [
        ("COUNTRY", "Turki"),
        ("COUNTRY", "Rusia"),
        ("COUNTRY", "Iran"),
        ("COUNTRY", "Iran")
    ]
);
t!(not_a_clitic, "Rusiawi Iranian ASEAN", []);
t!(domain, "buka CNN.com sekarang", [("ORGANIZATION", "CNN")]);
t!(possessive, "IRGC's commander", [("ORGANIZATION", "IRGC")]);
t!(
    possessive_curly,
    "IRGC’s commander",
    [("ORGANIZATION", "IRGC")]
);
t!(
    newline_inside,
    "di Amerika\nSerikat",
    [("COUNTRY", "Amerika\nSerikat")]
);
t!(
    double_space_inside,
    "di Amerika  Serikat",
    [("COUNTRY", "Amerika  Serikat")]
);
t!(
    nbsp_inside,
    "di Amerika\u{a0}Serikat",
    [("COUNTRY", "Amerika\u{a0}Serikat")]
);
t!(dotted_capital_i, "ke İran", [("COUNTRY", "İran")]);
t!(
    diacritics_fold_both_ways,
    "Erdogan dan Erdoğan",
    [("PERSON", "Erdogan"), ("PERSON", "Erdoğan")]
);
t!(
    decomposed_text,
    "Erdog\u{306}an",
    [("PERSON", "Erdog\u{306}an")]
);

// CASE: smart case.
t!(as_is_not_as, "as long as AS", [("COUNTRY", "AS")]);
// Auto case in all caps: names match, a one-word alias that is a common
// word (`kongres`) does not.
t!(headline_caps, "RUSIA DAN KONGRES", [("COUNTRY", "RUSIA")]);
t!(lowercase_not_matched, "kongres partai", []);
t!(mixed_case_not_matched, "RuSia", []);

// OVERLAP: longest, then leftmost, then priority.
t!(
    longest_wins,
    "Kongres Amerika Serikat bersidang",
    [("ORGANIZATION", "Kongres Amerika Serikat")]
);
t!(
    hidden_inside_rejected,
    "kartina Jakarta",
    [("LOCATION", "Jakarta")]
);
t!(
    org_contains_country,
    "Korps Garda Revolusi Islam Iran (IRGC)",
    [
        ("ORGANIZATION", "Korps Garda Revolusi Islam Iran"),
        ("ORGANIZATION", "IRGC")
    ]
);

// REGRESSION-style edge cases.
t!(empty_text, "", []);
t!(only_spaces, " \n\t ", []);
t!(name_at_both_ends, "Iran", [("COUNTRY", "Iran")]);

#[test]
fn insensitive_mode_matches_lower_case() {
    let e = Extractor::builder()
        .default_gazetteers(false)
        .rules(false)
        .gazetteer_text("test.tsv", GAZ)
        .case(Case::Insensitive)
        .build()
        .unwrap();
    assert_eq!(
        find_with(&e, "kongres as rusia"),
        [
            ("ORGANIZATION".to_string(), "kongres".to_string()),
            ("COUNTRY".to_string(), "as".to_string()),
            ("COUNTRY".to_string(), "rusia".to_string())
        ]
    );
}

#[test]
fn nested_mentions_on_request() {
    let text = "Korps Garda Revolusi Islam Iran bertemu.";
    let e = Extractor::builder()
        .default_gazetteers(false)
        .rules(false)
        .gazetteer_text("test.tsv", GAZ)
        .overlap(Overlap::Nested)
        .build()
        .unwrap();
    let got: Vec<(String, bool)> = e
        .extract(text)
        .into_iter()
        .map(|e| (e.text, e.nested))
        .collect();
    assert_eq!(
        got,
        [
            ("Korps Garda Revolusi Islam Iran".to_string(), false),
            ("Iran".to_string(), true)
        ]
    );
    assert_eq!(extractor().extract(text).len(), 1);
}

#[test]
fn user_gazetteer_wins_a_tie_over_defaults() {
    let e = Extractor::builder()
        .gazetteer_text("mine.tsv", "@custom-label MEDIA\ncnn\tCNN\n")
        .build()
        .unwrap();
    let found = e.extract("Menurut CNN, Rusia menyerang.");
    assert_eq!(found[0].label.as_str(), "MEDIA");
    assert_eq!(found[0].source, "gazetteer:mine");
    assert_eq!(found[1].id, "country:RUS");
}

#[test]
fn linked_alias_needs_an_earlier_mention() {
    let gaz = "@label PERSON\nmegawati\tMegawati Soekarnoputri\t?Mega\n";
    let e = gazetteer_only(gaz);
    let texts = |t: &str| texts(&e, t);
    assert_eq!(texts("Mega proyek itu mahal."), Vec::<String>::new());
    assert_eq!(
        texts("Megawati Soekarnoputri hadir. Mega berpidato."),
        ["Megawati Soekarnoputri", "Mega"]
    );
}

#[test]
fn context_alias_needs_a_context_word() {
    let gaz = "@label WEAPON\n@context rudal|sistem pertahanan udara\npatriot\tMIM-104 Patriot\t!Patriot\n";
    let e = gazetteer_only(gaz);
    let texts = |t: &str| texts(&e, t);
    assert_eq!(
        texts("Partai Patriot menggelar rapat."),
        Vec::<String>::new()
    );
    assert_eq!(
        texts("AS mengirim sistem pertahanan udara Patriot."),
        ["Patriot"]
    );
    assert_eq!(texts("Baterai rudal Patriot tiba."), ["Patriot"]);
}

#[test]
fn not_after_blocks_a_place_inside_a_street_or_school_name() {
    let gaz = "@label LOCATION\n@not-after Jalan|Jl.|SMA Negeri #|SMKN #\n\
               bandung\tBandung\njakarta\tJakarta\n@not-after none\nbogor\tBogor\n";
    let e = gazetteer_only(gaz);
    let texts = |t: &str| texts(&e, t);
    assert_eq!(texts("Ia tinggal di Jalan Bandung."), Vec::<String>::new());
    assert_eq!(texts("Ia tinggal di Jl. Bandung."), Vec::<String>::new());
    assert_eq!(texts("Ia tinggal di jalan bandung."), Vec::<String>::new());
    // `#` is a number: digits or a Roman numeral.
    assert_eq!(
        texts("Siswa SMA Negeri 6 Jakarta lulus."),
        Vec::<String>::new()
    );
    assert_eq!(texts("Siswa SMKN IV Jakarta lulus."), Vec::<String>::new());
    assert_eq!(texts("Siswa SMA Negeri Jakarta lulus."), ["Jakarta"]);
    // Only right after the phrase; other places still match.
    assert_eq!(texts("Jalan menuju Bandung macet."), ["Bandung"]);
    assert_eq!(texts("Dari Jakarta ke Bandung."), ["Jakarta", "Bandung"]);
    // `@not-after none` ends the directive.
    assert_eq!(texts("Ia tinggal di Jalan Bogor."), ["Bogor"]);
}

#[test]
fn default_places_are_not_matched_in_street_names() {
    let found: Vec<String> =
        entitas::extract("Kantornya di Jalan Surabaya, dekat Stasiun Gambir, Jakarta.")
            .into_iter()
            .filter(|e| e.label.as_str() == "LOCATION" && e.text == "Surabaya")
            .map(|e| e.text)
            .collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn villages_are_found_after_their_trigger_word_only() {
    let e = Extractor::builder().rules(false).build().unwrap();
    let found = e.extract("Banjir melanda Desa Wonorejo dan Kel. Sampangan sejak pagi.");
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|e| (e.text.as_str(), e.canonical.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Desa Wonorejo", "Desa Wonorejo"),
            ("Kel. Sampangan", "Kelurahan Sampangan")
        ]
    );
    assert!(found
        .iter()
        .all(|e| e.id.starts_with("location:desa-") || e.id.starts_with("location:kel-")));
    assert!(found
        .iter()
        .all(|e| e.source == "gazetteer:places-indonesia-villages"));
    // The trigger word alone is no entity; a village name without it is
    // not matched.
    assert!(e.extract("Ia pulang kampung ke desa.").is_empty());
    assert!(e.extract("Wonorejo").is_empty());
    // With the rules on, the same span and id.
    let all = entitas::extract("Banjir melanda Desa Wonorejo sejak pagi.");
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].text, "Desa Wonorejo");
    assert_eq!(all[0].id, found[0].id);
}

#[test]
fn designator_variants_resolve_to_one_id() {
    let gaz = "@label WEAPON\n@variants designator\nshahed-136\tShahed-136\tGeran-2\n";
    let e = gazetteer_only(gaz);
    let found = e.extract("Shahed-136, Shahed 136, Shahed136 dan Geran 2.");
    let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["weapon:shahed-136"; 4]);
}

/// Text as it arrives from the web: glued words and lines without
/// capitals. Every span still slices the original text.
#[test]
fn glued_words_and_caseless_lines() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        // A name glued to the common word before it.
        (
            "seperti dilansirCNN, diJakarta dan kepadaPBB.",
            &[
                ("ORGANIZATION", "CNN"),
                ("LOCATION", "Jakarta"),
                ("ORGANIZATION", "PBB"),
            ],
        ),
        // Camel case after one letter, or with no known name after the
        // capital, is no join.
        ("Video iRusia dan KapanLagi.", &[]),
        // A line without capitals: names in lower case, common words not.
        (
            "Rusia dan Iran.\npresiden rusia bertemu perwakilan pbb di jakarta",
            &[
                ("COUNTRY", "Rusia"),
                ("COUNTRY", "Iran"),
                ("COUNTRY", "rusia"),
                ("ORGANIZATION", "pbb"),
                ("LOCATION", "jakarta"),
            ],
        ),
        // With capitals in the line, smart case holds.
        ("Presiden rusia bertemu Iran.", &[("COUNTRY", "Iran")]),
    ];
    check_cases(cases);
}

/// Invisible characters scraped text keeps: a soft hyphen or a zero-width
/// joiner inside a name joins it, a zero-width space between words parts
/// them, a byte-order mark before a name is no part of it; the span still
/// slices the original text, invisible characters included.
#[test]
fn invisible_characters_inside_and_between_names() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Banjir di Jakar\u{AD}ta.", &[("LOCATION", "Jakar\u{AD}ta")]),
        (
            "\u{FEFF}Rusia dan I\u{200D}ran.",
            &[("COUNTRY", "Rusia"), ("COUNTRY", "I\u{200D}ran")],
        ),
        (
            "Rusia\u{200B}Iran",
            &[("COUNTRY", "Rusia"), ("COUNTRY", "Iran")],
        ),
    ];
    check_cases(cases);
}

/// Each text's entities (label, text) against `GAZ`, every span a slice of
/// the text.
fn check_cases(cases: &[(&str, &[(&str, &str)])]) {
    let extractor = gazetteer_only(GAZ);
    for &(text, want) in cases {
        let found = extractor.extract(text);
        for e in &found {
            assert_eq!(&text[e.byte_start..e.byte_end], e.text, "{text}");
        }
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|e| (e.label.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

// CASE REGIMES (auto case, the default): sentences of our own, with the
// default gazetteers and rules (no tagger, which the lead retrains).
macro_rules! d {
    ($name:ident, $text:expr, [$(($label:expr, $surface:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let expected: Vec<(String, String)> =
                vec![$(($label.to_string(), $surface.to_string())),*];
            let e = Extractor::builder().model(false).build().unwrap();
            assert_eq!(find_with(&e, $text), expected, "text: {:?}", $text);
        }
    };
}

d!(
    regime_upper_title_and_name,
    "MENTERI LUAR NEGERI RUSIA SERGEI LAVROV TIBA DI JAKARTA",
    [
        ("COUNTRY", "RUSIA"),
        ("PERSON", "SERGEI LAVROV"),
        ("LOCATION", "JAKARTA")
    ]
);
d!(
    regime_upper_common_word_alias,
    "ANGIN BARAT MELANDA PESISIR",
    []
);
d!(
    regime_lower_names_without_capitals,
    "menteri luar negeri rusia sergei lavrov tiba di jakarta",
    [
        ("COUNTRY", "rusia"),
        ("PERSON", "sergei lavrov"),
        ("LOCATION", "jakarta")
    ]
);
d!(
    regime_lower_common_word_alias,
    "angin barat melanda pesisir",
    []
);
d!(
    regime_mixed_lower_name_is_no_name,
    "Menteri pertahanan rusia tiba di Iran.",
    [("COUNTRY", "Iran")]
);
d!(
    regime_title_headline_common_word,
    "Angin Barat Melanda Pesisir Jakarta",
    [("LOCATION", "Jakarta")]
);

// JOIN KINDS: glued words (unglue.rs), each span the name alone.
d!(
    join_lower_then_capital,
    "seperti dilansirReuters, Senin",
    [("ORGANIZATION", "Reuters")]
);
d!(
    join_name_then_verb,
    "Pemerintah Rusiamengatakan hal itu.",
    [("COUNTRY", "Rusia")]
);
d!(
    join_name_conjunction_name,
    "Kerja sama RusiadanChina meningkat.",
    [("COUNTRY", "Rusia"), ("COUNTRY", "China")]
);
d!(
    join_name_then_stopword,
    "patroli diSelat Malakapada pekan lalu",
    [("LOCATION", "Selat Malaka")]
);
