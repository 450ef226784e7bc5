//! The rule stage, table-driven on sentences written for these tests.
//! Each case runs the default gazetteers plus the rules and lists the
//! expected `(label, text, source)` of the flat output.

use entitas::{Extractor, Rule};

fn found(text: &str) -> Vec<(String, String, String)> {
    entitas::extract(text)
        .into_iter()
        .map(|e| (e.label.to_string(), e.text, e.source.to_string()))
        .collect()
}

/// Only the entities that a rule produced.
fn by_rules(text: &str) -> Vec<(String, String, String)> {
    found(text)
        .into_iter()
        .filter(|(_, _, s)| s.starts_with("rule:"))
        .collect()
}

fn e(label: &str, text: &str, source: &str) -> (String, String, String) {
    (label.to_string(), text.to_string(), source.to_string())
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($label:expr, $surface:expr, $source:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let expected: Vec<(String, String, String)> = vec![$(e($label, $surface, $source)),*];
            assert_eq!(by_rules($text), expected, "text: {:?}", $text);
        }
    };
}

// TITLE
t!(
    title_plain,
    "Kemarin Presiden Bambang Sutrisno meresmikan jembatan.",
    [("PERSON", "Bambang Sutrisno", "rule:title")]
);
t!(
    title_with_ministry,
    "Menteri Keuangan Dewi Lestari menolak usulan itu.",
    [("PERSON", "Dewi Lestari", "rule:title")]
);
t!(
    title_with_country_between,
    "Kunjungan Menteri Pertahanan Rusia Andrei Volkov berakhir.",
    [("PERSON", "Andrei Volkov", "rule:title")]
);
t!(
    title_lower_case,
    "kata menteri luar negeri Hana Suryani kepada wartawan.",
    [("PERSON", "Hana Suryani", "rule:title")]
);
t!(
    title_with_particle,
    "Putra Mahkota Abdullah bin Faisal tiba.",
    [("PERSON", "Abdullah bin Faisal", "rule:title")]
);
t!(
    title_then_apposition,
    "\"Belum,\" ujar Kepala Biro Humas, Rina Wulandari, di kantornya.",
    [("PERSON", "Rina Wulandari", "rule:title")]
);
t!(
    title_apposition_is_not_a_list,
    "Ketua Bidang Hukum, Petani dan Nelayan hadir.",
    []
);
t!(
    title_party_after_dari,
    "Usul itu dibacakan anggota DPR dari PDX Sutarman Wijaya kemarin.",
    [("PERSON", "Sutarman Wijaya", "rule:title")]
);
t!(title_then_lower_case, "Presiden itu datang terlambat.", []);
t!(title_then_common_word, "Ibu Kota baru dibangun.", []);

// SAYING
t!(
    saying_after,
    "\"Kami siap,\" kata Rudi Hartono di Bandung.",
    [("PERSON", "Rudi Hartono", "rule:saying")]
);
t!(
    saying_before,
    "Sementara itu Siti Rahmawati mengatakan harga naik.",
    [("PERSON", "Siti Rahmawati", "rule:saying")]
);
t!(
    saying_more_verbs,
    "\"Belum,\" jawab Rina Wulandari singkat. Tapi Hendra Kusnadi menilai harga terlalu tinggi.",
    [
        ("PERSON", "Rina Wulandari", "rule:saying"),
        ("PERSON", "Hendra Kusnadi", "rule:saying"),
    ]
);
t!(
    saying_pronoun_is_not_a_name,
    "Ia mengatakan harga naik. Pihaknya menyatakan siap.",
    []
);

// HEAD
t!(
    head_ministry,
    "Juru bicara Kementerian Urusan Pulau Terluar menjawab.",
    [(
        "ORGANIZATION",
        "Kementerian Urusan Pulau Terluar",
        "rule:head"
    )]
);
t!(
    head_party_and_airport,
    "Kader Partai Harapan Rakyat mendarat di Bandara Raja Alam Perkasa.",
    [
        ("ORGANIZATION", "Partai Harapan Rakyat", "rule:head"),
        ("LOCATION", "Bandara Raja Alam Perkasa", "rule:head"),
    ]
);
t!(
    head_with_connector,
    "Kementerian Urusan Adat dan Kebudayaan menjawab.",
    [(
        "ORGANIZATION",
        "Kementerian Urusan Adat dan Kebudayaan",
        "rule:head"
    )]
);
t!(
    head_street_abbreviation,
    "Macet di Jl. Kenanga Raya Timur pagi ini.",
    [("LOCATION", "Jl. Kenanga Raya Timur", "rule:head")]
);
t!(
    head_takes_tbk_and_the_home_country,
    "Saham PT Sinar Harapan Tbk naik. Produk PT Sinar Harapan Indonesia laris.",
    [
        ("ORGANIZATION", "PT Sinar Harapan Tbk", "rule:head"),
        ("ORGANIZATION", "PT Sinar Harapan Indonesia", "rule:head"),
    ]
);
t!(
    head_leaves_a_foreign_country_out,
    "Produk PT Sinar Harapan Kanada laris.",
    [("ORGANIZATION", "PT Sinar Harapan", "rule:head")]
);
t!(head_alone_is_nothing, "Partai itu menang.", []);

// ACRONYM
t!(
    acronym_unlisted_long_form,
    "Lembaga Kajian Pangan Nusantara (LKPN) merilis data. LKPN menilai harga beras naik.",
    [
        (
            "ORGANIZATION",
            "Lembaga Kajian Pangan Nusantara",
            "rule:acronym"
        ),
        ("ORGANIZATION", "LKPN", "rule:acronym"),
        ("ORGANIZATION", "LKPN", "rule:acronym"),
    ]
);
t!(
    acronym_reverse,
    "Menurut YPBS (Yayasan Peduli Bumi Sehat), hutan rusak.",
    [
        ("ORGANIZATION", "YPBS", "rule:acronym"),
        ("ORGANIZATION", "Yayasan Peduli Bumi Sehat", "rule:acronym"),
    ]
);
t!(
    acronym_needs_matching_initials,
    "Ia bertemu Budi Santoso (XYZ) kemarin.",
    // the name rule's person, no acronym
    [("PERSON", "Budi Santoso", "rule:name")]
);

// COREFERENCE
t!(
    coreference_surname,
    "Presiden Bambang Sutrisno hadir. Sutrisno lalu berpidato.",
    [
        ("PERSON", "Bambang Sutrisno", "rule:title"),
        ("PERSON", "Sutrisno", "rule:coreference"),
    ]
);
t!(
    coreference_not_before_full_name,
    "Sutrisno hadir. Presiden Bambang Sutrisno berpidato.",
    [("PERSON", "Bambang Sutrisno", "rule:title"),]
);

// HEADLINES
t!(
    headline_is_not_a_run_of_names,
    "Menteri Tampaknya Akan Membeli Rudal Balistik Baru, Kata Pejabat\n\nIsi berita.",
    []
);

#[test]
fn acronym_and_long_form_share_one_id() {
    let text = "Komisi Pengawas Pangan Daerah (KPPD) memeriksa gudang. KPPD menemukan beras busuk.";
    let ids: Vec<String> = entitas::extract(text)
        .into_iter()
        .map(|e| e.id.to_string())
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids.iter()
            .all(|id| id == "organization:komisi-pengawas-pangan-daerah"),
        "{ids:?}"
    );
    let canon: Vec<String> = entitas::extract(text)
        .into_iter()
        .map(|e| e.canonical.to_string())
        .collect();
    assert_eq!(canon[1], "Komisi Pengawas Pangan Daerah");
}

#[test]
fn coreference_keeps_the_gazetteer_id() {
    let found = entitas::extract("Sergei Shoigu tiba di Teheran. Shoigu bertemu pejabat Iran.");
    let shoigu: Vec<(&str, &str, &str)> = found
        .iter()
        .filter(|e| e.label.as_str() == "PERSON")
        .map(|e| (e.text.as_str(), e.id.as_str(), e.source.as_str()))
        .collect();
    assert_eq!(
        shoigu,
        [
            ("Sergei Shoigu", "person:sergei-shoigu", "gazetteer:persons"),
            ("Shoigu", "person:sergei-shoigu", "gazetteer:persons"),
        ]
    );
}

// See: issue #6. The founding article's PERSON comes from the title rule
// even without any person gazetteer.
#[test]
fn founding_person_from_the_title_rule_alone() {
    let text = std::fs::read_to_string("tests/golden/founding-article.txt").unwrap();
    let no_people = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text(
            "countries.tsv",
            "@label COUNTRY\n@id-prefix country:\nRUS\tRusia\nIRN\tIran\nUSA\tAmerika Serikat\tAS\n",
        )
        .build()
        .unwrap();
    let people: Vec<(String, String)> = no_people
        .extract(&text)
        .into_iter()
        .filter(|e| e.label.as_str() == "PERSON")
        .map(|e| (e.text, e.source.to_string()))
        .collect();
    assert_eq!(
        people,
        [("Sergei Shoigu".to_string(), "rule:title".to_string())]
    );
}

#[test]
fn each_rule_can_be_switched_off() {
    let text = "Presiden Bambang Sutrisno hadir. Sutrisno lalu berpidato.";
    for rule in Rule::ALL {
        let e = Extractor::builder().rule(rule, false).build().unwrap();
        let sources: Vec<String> = e
            .extract(text)
            .into_iter()
            .map(|e| e.source.to_string())
            .collect();
        assert!(
            !sources.contains(&format!("rule:{}", rule.name())),
            "{rule:?}: {sources:?}"
        );
    }
    let off = Extractor::builder().rules(false).build().unwrap();
    assert!(off.extract(text).is_empty());
}

t!(
    acronym_of_a_title_is_not_an_entity,
    "Ia menjabat Chief Executive Officer (CEO) sejak 2010.",
    []
);
t!(
    head_inside_a_capitalized_phrase,
    "Tarif Angkutan Laut Dalam Negeri naik.",
    []
);
t!(
    head_after_a_title,
    "Sekjen Partai Harapan Rakyat hadir.",
    [("ORGANIZATION", "Partai Harapan Rakyat", "rule:head")]
);
t!(
    head_places_joined_by_dan_are_two,
    "Banjir melanda Desa Sukamurnijaya dan Desa Cibeureum Hilir kemarin.",
    [
        ("LOCATION", "Desa Sukamurnijaya", "rule:head"),
        ("LOCATION", "Desa Cibeureum Hilir", "rule:head"),
    ]
);

#[test]
fn a_listed_surname_joins_the_name_before_it() {
    let e = Extractor::builder()
        .gazetteer_text("p.tsv", "@label PERSON\nx-hartono\tHartono\n")
        .build()
        .unwrap();
    let found: Vec<(String, String)> = e
        .extract("\"Kami siap,\" kata Rudi Hartono di Bandung.")
        .into_iter()
        .filter(|e| e.label.as_str() == "PERSON")
        .map(|e| (e.text, e.source.to_string()))
        .collect();
    assert_eq!(
        found,
        [("Rudi Hartono".to_string(), "rule:saying".to_string())]
    );
}
#[test]
fn a_listed_surname_takes_the_given_name_before_it() {
    let e = Extractor::builder()
        .gazetteer_text("p.tsv", "@label PERSON\nx-hartono\tHartono\n")
        .build()
        .unwrap();
    let people = |text: &str| -> Vec<(String, String)> {
        e.extract(text)
            .into_iter()
            .filter(|e| e.label.as_str() == "PERSON")
            .map(|e| (e.text, e.source.to_string()))
            .collect()
    };
    assert_eq!(
        people("Laga itu dimenangi Rudi Hartono dengan mudah."),
        [("Rudi Hartono".to_string(), "rule:context".to_string())]
    );
    // A capitalized word opening the sentence is not a given name.
    assert_eq!(
        people("Penampilan Hartono memukau."),
        [("Hartono".to_string(), "gazetteer:p".to_string())]
    );
}
t!(
    context_doubles_pair,
    "Ganda putra Rudi Hartawan / Bayu Saputra menang mudah, lalu Tono / Dedi kalah.",
    [
        ("PERSON", "Rudi Hartawan", "rule:context"),
        ("PERSON", "Bayu Saputra", "rule:context"),
        ("PERSON", "Tono", "rule:context"),
        ("PERSON", "Dedi", "rule:context"),
    ]
);
t!(
    context_slash_needs_blanks,
    "Harga Naik/Turun tiap hari.",
    []
);
t!(
    armed_forces_are_a_head,
    "Kapal Angkatan Laut Kepulauan Marshall berlabuh.",
    [(
        "ORGANIZATION",
        "Angkatan Laut Kepulauan Marshall",
        "rule:head"
    )]
);

// AMBIGUITY (rule 5): one span, two labels, decided by the words around it.
fn madrid() -> Extractor {
    Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text(
            "m.tsv",
            "@label LOCATION\nmadrid\tMadrid\n@label ORGANIZATION\nmadrid-fc\tMadrid FC\tMadrid\n",
        )
        .build()
        .unwrap()
}

fn first(e: &Extractor, text: &str) -> (String, Vec<String>) {
    let found = e.extract(text);
    let x = found.first().expect("one entity");
    (
        x.id.to_string(),
        x.alternatives.iter().map(|a| a.to_string()).collect(),
    )
}

#[test]
fn ambiguity_follows_the_cue_words() {
    let e = madrid();
    assert_eq!(
        first(&e, "Pelatih itu membawa Madrid menang 2-0 di kandang."),
        (
            "organization:madrid-fc".into(),
            vec!["location:madrid".into()]
        )
    );
    assert_eq!(
        first(&e, "Warga kota Madrid turun ke jalan."),
        (
            "location:madrid".into(),
            vec!["organization:madrid-fc".into()]
        )
    );
    // No cue: the priority order (the earlier line) decides, and the loser
    // is still reported.
    assert_eq!(
        first(&e, "Ia menyebut Madrid dalam pidatonya."),
        (
            "location:madrid".into(),
            vec!["organization:madrid-fc".into()]
        )
    );
    let off = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text(
            "m.tsv",
            "@label LOCATION\nmadrid\tMadrid\n@label ORGANIZATION\nmadrid-fc\tMadrid FC\tMadrid\n",
        )
        .rule(Rule::Ambiguity, false)
        .build()
        .unwrap();
    assert_eq!(
        first(&off, "Pelatih itu membawa Madrid menang.").0,
        "location:madrid"
    );
}

#[test]
fn unambiguous_entities_have_no_alternatives() {
    assert!(entitas::extract("Rusia dan Iran")
        .iter()
        .all(|e| e.alternatives.is_empty()));
}
t!(
    title_with_an_organization_unit,
    "Kepala Pusat Data dan Informasi Badan Cuaca, Rina Wulandari mengatakan hujan reda.",
    [
        ("ORGANIZATION", "Badan Cuaca", "rule:head"),
        ("PERSON", "Rina Wulandari", "rule:title"),
    ]
);
t!(
    english_title_is_not_a_name,
    "\"Kami siap,\" kata Chief Executive Officer (CEO) Dewi Anggraini kepada wartawan.",
    [("PERSON", "Dewi Anggraini", "rule:title"),]
);

// LONG TEXTS: past a few hundred candidates the rule stage resolves again
// only the parts of the text a rule changed; the result must be the one a
// short text gets, paragraph by paragraph.
#[test]
fn a_long_text_resolves_like_its_paragraphs() {
    let paragraph = "Menteri Keuangan Dewi Lestari bertemu Kepala Badan Pusat Statistik \
                     (BPS) di Bandara Kualanamu, Medan. \"Data BPS siap,\" kata Rudi Hartono \
                     dari Kementerian Luar Negeri.\n\n";
    let one: Vec<(String, usize, usize, String)> = entitas::extract(paragraph)
        .into_iter()
        .map(|e| (e.text, e.byte_start, e.byte_end, e.source.to_string()))
        .collect();
    assert!(one.len() >= 5, "{one:?}");
    let copies = 100;
    let text = paragraph.repeat(copies);
    let all: Vec<(String, usize, usize, String)> = entitas::extract(&text)
        .into_iter()
        .map(|e| (e.text, e.byte_start, e.byte_end, e.source.to_string()))
        .collect();
    let expected: Vec<(String, usize, usize, String)> = (0..copies)
        .flat_map(|k| {
            let shift = k * paragraph.len();
            one.iter()
                .map(move |(t, a, b, s)| (t.clone(), a + shift, b + shift, s.clone()))
        })
        .collect();
    assert_eq!(all, expected);
}

// CONTEXT: words that introduce people, and names joined to a person.
t!(
    context_after_bersama,
    "Ia berlatih bersama Andika Pratama setiap pagi.",
    [("PERSON", "Andika Pratama", "rule:context")]
);
t!(
    context_after_oleh_takes_two_words,
    "Lagu itu ditulis oleh Gilang Saputra tahun lalu.",
    [("PERSON", "Gilang Saputra", "rule:context")]
);
t!(
    context_after_oleh_one_word_is_too_little,
    "Album itu dirilis oleh Sonora pada Maret.",
    []
);
t!(
    context_before_juga,
    "Setelah itu Rahmat Hidayat juga hadir di sana.",
    [("PERSON", "Rahmat Hidayat", "rule:context")]
);
t!(
    context_band_roles_in_parentheses,
    "Formasinya: Dimas Anggara (gitar), Yoga Pratama (bass) dan Reza (drum).",
    [
        ("PERSON", "Dimas Anggara", "rule:context"),
        ("PERSON", "Yoga Pratama", "rule:context"),
        ("PERSON", "Reza", "rule:context")
    ]
);
t!(
    context_birth_in_parentheses,
    "Sinta Maharani (lahir 12 Mei 1985) adalah penyanyi pop.",
    [("PERSON", "Sinta Maharani", "rule:context")]
);
t!(
    context_empty_parentheses_before_adalah,
    "Bagas Wicaksono () adalah pemain bulu tangkis.",
    [("PERSON", "Bagas Wicaksono", "rule:context")]
);
t!(
    context_joined_to_a_person,
    "Presiden Bambang Sutrisno dan Darto Sumarno tiba pagi ini.",
    [
        ("PERSON", "Bambang Sutrisno", "rule:title"),
        ("PERSON", "Darto Sumarno", "rule:context")
    ]
);
t!(
    context_list_of_people,
    "Hadir pula Menteri Keuangan Dewi Lestari, Yanto Kurniawan, dan Wawan.",
    [
        ("PERSON", "Dewi Lestari", "rule:title"),
        ("PERSON", "Yanto Kurniawan", "rule:context"),
        ("PERSON", "Wawan", "rule:context")
    ]
);
t!(
    context_one_word_after_a_comma_is_too_little,
    "Kata Rudi Hartono, Senin, rapat ditunda.",
    [("PERSON", "Rudi Hartono", "rule:saying")]
);
t!(
    context_words_with_nya_are_not_names,
    "Rencananya juga dibahas besok.",
    []
);
t!(
    context_sentence_adverb_is_not_a_name,
    "Memang sudah lama ditunggu.",
    []
);
t!(
    context_silent_in_headlines,
    "Bersama Andika Pratama Membangun Desa",
    []
);

// SAYING at a sentence start, and `menurut`.
t!(
    saying_menurut_at_sentence_start,
    "Menurut Hendra Kusuma, harga beras naik.",
    [("PERSON", "Hendra Kusuma", "rule:saying")]
);

// TITLE: titles that belong to the name.
t!(
    title_part_of_the_name,
    "Makam Pangeran Arya Wiguna ada di bukit itu.",
    [("PERSON", "Pangeran Arya Wiguna", "rule:title")]
);
t!(
    title_new_roles,
    "Lagu itu dinyanyikan penyanyi Laras Ayuningtyas.",
    [("PERSON", "Laras Ayuningtyas", "rule:title")]
);

// ACRONYM: an unlisted long form needs a head noun.
t!(
    acronym_without_head_is_no_entity,
    "Para siswa menghadapi Ujian Akhir Nasional (UAN) pekan depan.",
    []
);
t!(
    acronym_with_english_end_head,
    "Ia bekerja di Global Seed Association (GSA) sejak 2010.",
    [
        ("ORGANIZATION", "Global Seed Association", "rule:acronym"),
        ("ORGANIZATION", "GSA", "rule:acronym")
    ]
);

// Initials and quoted nicknames inside a name.
t!(
    context_initial_inside_the_name,
    "Lagu itu ditulis oleh Budi S. Hartawan pada 1990.",
    [("PERSON", "Budi S. Hartawan", "rule:context")]
);
t!(
    context_nickname_inside_the_name,
    "Tanto \"Bembi\" Sutejo () adalah pelukis.",
    [("PERSON", "Tanto \"Bembi\" Sutejo", "rule:context")]
);
t!(
    context_initial_before_a_cue,
    "Kemudian Rina K. Dewanti juga hadir.",
    [("PERSON", "Rina K. Dewanti", "rule:context")]
);

// TITLE: award categories and units continue a role; a one-letter title
// after a name is an initial.
t!(
    title_award_category_is_no_name,
    "Ia meraih piala Aktor Pendukung Terbaik dalam festival itu.",
    []
);
t!(
    title_then_school_unit,
    "Kemarin Kepala Sekolah Wartini Susanti membuka acara.",
    [("PERSON", "Wartini Susanti", "rule:title")]
);
t!(
    title_initial_that_is_a_title,
    "Kemarin Rektor Sapto H. Wibisono membuka acara.",
    [("PERSON", "Sapto H. Wibisono", "rule:title")]
);

// COREFERENCE: a later full name is one mention.
t!(
    coreference_later_full_name_is_one_mention,
    "Kemarin Menteri Keuangan Dewi Lestari tiba. Lalu Dewi Lestari pergi.",
    [
        ("PERSON", "Dewi Lestari", "rule:title"),
        ("PERSON", "Dewi Lestari", "rule:coreference")
    ]
);

// TITLE: a one-word title between name words belongs to the name; fields
// of an office continue the title.
t!(
    title_word_inside_a_name,
    "Kemarin Menteri Agama Rahmat Hakim Sudirja hadir.",
    [("PERSON", "Rahmat Hakim Sudirja", "rule:title")]
);
t!(
    title_then_field_of_office,
    "Kemarin Direktur Teknik Wahyu Santosa hadir.",
    [("PERSON", "Wahyu Santosa", "rule:title")]
);

// TITLE: a field noun of the office's shape (`pe-…-an`, `ke-…-an`,
// `-isasi`) continues the title, never names a person; a particle joined by
// a hyphen (`al-Hamadi`) goes on with the name.
t!(
    title_field_noun_is_no_name,
    "Ia pernah menjabat Menteri Perkebunan pada tahun 1967.",
    []
);
t!(
    title_field_noun_then_name,
    "Kemarin Kepala Perencanaan Wahyu Santosa hadir.",
    [("PERSON", "Wahyu Santosa", "rule:title")]
);
t!(
    title_name_with_joined_particle,
    "Ia bertemu Jenderal Yusuf al-Hamadi kemarin.",
    [("PERSON", "Yusuf al-Hamadi", "rule:title")]
);
t!(
    title_name_with_joined_particle_inside,
    "Kemarin Menteri Luar Negeri Ahmad el-Tayeb Nasser tiba.",
    [("PERSON", "Ahmad el-Tayeb Nasser", "rule:title")]
);

t!(
    title_deity_is_part_of_the_name,
    "Para petani memuja Dewa Wisnu setiap musim tanam.",
    [("PERSON", "Dewa Wisnu", "rule:title")]
);

/// Scraped text cuts link texts onto lines of their own: a line break
/// after a lower-case word or a comma does not end the sentence, so the
/// news agency after `dilansir` keeps its cue; a blank line does.
#[test]
fn a_line_break_inside_a_sentence_keeps_it_whole() {
    let has_agency = |text: &str| {
        entitas::extract(text)
            .iter()
            .any(|e| e.label.as_str() == "ORGANIZATION" && e.text == "Antara")
    };
    assert!(has_agency(
        "Hal itu disampaikan Budi, dilansir\nAntara,\nSelasa (3/6)."
    ));
    assert!(has_agency(
        "Hal itu disampaikan Budi, dilansir Antara, Selasa (3/6)."
    ));
    assert!(!has_agency(
        "Banjir datang.\n\nAntara dua desa itu ada sungai."
    ));
    assert!(!has_agency(
        "Hal itu disampaikan dilansir.\nAntara dua desa ada sungai."
    ));
}

/// `Wali Kota X`: the title holds `Kota`, the place is the bare name (with
/// the city's id); without the rule, the city's full name is matched.
#[test]
fn mayor_title_keeps_kota_out_of_the_place() {
    let text =
        "Wali Kota Surabaya Bambang Sutrisno dan Wakil Wali Kota Bandung hadir di Kota Bogor.";
    let places: Vec<(String, String)> = entitas::extract(text)
        .into_iter()
        .filter(|e| e.label.as_str() == "LOCATION")
        .map(|e| (e.text, e.canonical.to_string()))
        .collect();
    let expected = [
        ("Surabaya", "Kota Surabaya"),
        ("Bandung", "Kota Bandung"),
        ("Kota Bogor", "Kota Bogor"),
    ];
    assert_eq!(
        places,
        expected.map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let without = Extractor::builder()
        .rule(Rule::Title, false)
        .build()
        .unwrap()
        .extract(text);
    assert!(without.iter().any(|e| e.text == "Kota Surabaya"));
}

/// `Provinsi X`: the province word stays outside the place, listed or not
/// (rule `head`); `Kabupaten X` keeps its word; a body keeps its own
/// (`Pemerintah Provinsi X`).
#[test]
fn province_word_stays_out_of_the_place() {
    let cases = [
        (
            "Banjir melanda Provinsi Sulawesi Tenggara pekan lalu.",
            vec![("LOCATION", "Sulawesi Tenggara")],
        ),
        (
            "Tim itu tiba di Provinsi Lumbara Selatan kemarin.",
            vec![("LOCATION", "Lumbara Selatan")],
        ),
        (
            "Warga Kabupaten Sleman menolak rencana itu.",
            vec![("LOCATION", "Kabupaten Sleman")],
        ),
        (
            "Pemerintah Provinsi Sulawesi Tenggara membuka posko.",
            vec![("ORGANIZATION", "Pemerintah Provinsi Sulawesi Tenggara")],
        ),
    ];
    for (text, expected) in cases {
        let got: Vec<(String, String)> = entitas::extract(text)
            .into_iter()
            .map(|e| (e.label.to_string(), e.text))
            .collect();
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect();
        assert_eq!(got, expected, "text: {text:?}");
    }
    let without = Extractor::builder()
        .rule(Rule::Head, false)
        .build()
        .unwrap()
        .extract("Banjir melanda Provinsi Sulawesi Tenggara pekan lalu.");
    assert!(without
        .iter()
        .any(|e| e.text == "Provinsi Sulawesi Tenggara"));
}

/// `Sekjen Partai X` with X a listed person: the head ends the office and
/// the person holds it; an unlisted run after it stays the party's name.
#[test]
fn an_office_ending_in_a_head_before_a_listed_person() {
    let people = |text: &str| -> Vec<(String, String)> {
        entitas::extract(text)
            .into_iter()
            .map(|e| (e.label.to_string(), e.text))
            .collect()
    };
    assert_eq!(
        people("Surat itu diteken Sekretaris Jenderal Partai Sufmi Dasco Ahmad kemarin."),
        [("PERSON".to_string(), "Sufmi Dasco Ahmad".to_string())]
    );
    assert_eq!(
        people("Ia bergabung dengan Partai Harapan Rakyat tahun lalu."),
        [(
            "ORGANIZATION".to_string(),
            "Partai Harapan Rakyat".to_string()
        )]
    );
}

/// `Militer X`, `Tentara X`: the forces of a country are described, not
/// named; the country is the entity. A body's own name stays.
#[test]
fn a_countrys_forces_leave_the_country() {
    let cases = [
        (
            "Menurut Militer Israel, serangan itu sah.",
            ("COUNTRY", "Israel"),
        ),
        (
            "Tentara Jepang mundur dari pulau itu.",
            ("COUNTRY", "Jepang"),
        ),
        (
            "Angkatan Bersenjata Filipina bersiaga.",
            ("ORGANIZATION", "Angkatan Bersenjata Filipina"),
        ),
    ];
    for (text, (label, surface)) in cases {
        let got: Vec<(String, String)> = entitas::extract(text)
            .into_iter()
            .map(|e| (e.label.to_string(), e.text))
            .collect();
        assert_eq!(
            got,
            [(label.to_string(), surface.to_string())],
            "text: {text:?}"
        );
    }
}

// NAME (a known given or family name inside a capitalized run)
t!(
    name_given_then_unknown,
    "Pada pertemuan itu hadir pula Greta Lindqvist sebagai pengamat.",
    [("PERSON", "Greta Lindqvist", "rule:name")]
);
t!(
    name_unknown_then_family,
    "Tim peneliti dipimpin oleh seorang dosen, Ruliana Situmorang, sejak awal.",
    [("PERSON", "Ruliana Situmorang", "rule:name")]
);
t!(
    name_family_first,
    "Lagu baru Park Min-young dirilis pekan ini.",
    [("PERSON", "Park Min-young", "rule:name")]
);
t!(
    name_everyday_word_before_stays_out,
    "Kabarnya Kapal Greta Lindqvist tiba di pelabuhan.",
    [("PERSON", "Greta Lindqvist", "rule:name")]
);
t!(
    name_quoted_title_is_no_person,
    "Album itu memuat lagu \"Jonathan Pelangi\" yang populer.",
    []
);
t!(
    name_alone_is_no_person,
    "Setelah itu Maria pergi ke pasar.",
    []
);
t!(
    name_then_coreference,
    "Warga bernama Sabrina Kusumawardhani melapor. Menurut polisi, Kusumawardhani tidak terluka.",
    [
        ("PERSON", "Sabrina Kusumawardhani", "rule:name"),
        ("PERSON", "Kusumawardhani", "rule:coreference")
    ]
);
t!(
    title_corps_word_stays_outside,
    "Acara itu dibuka Letkol Inf Hendra Wijanarko di lapangan.",
    [("PERSON", "Hendra Wijanarko", "rule:title")]
);
t!(
    title_police_word_stays_outside,
    "Menurut Kombes Pol Rudi Hartawan, pelaku sudah ditangkap.",
    [("PERSON", "Rudi Hartawan", "rule:title")]
);
t!(
    title_junior_police_rank,
    "Penyelidikan dipimpin Iptu Sandra Kusumadewi sejak Senin.",
    [("PERSON", "Sandra Kusumadewi", "rule:title")]
);

// MEDIA: a capitalized name glued to a domain ending, anywhere (a
// dateline, a credit); a lower-case address is not a name.
t!(
    domain_name_in_a_dateline,
    "Wartalima.com - Harga cabai naik lagi pekan ini.",
    [("ORGANIZATION", "Wartalima.com", "rule:media")]
);
t!(
    domain_name_co_id,
    "Laporan itu dimuat Beritalima.co.id kemarin.",
    [("ORGANIZATION", "Beritalima.co.id", "rule:media")]
);
t!(
    domain_lower_case_is_no_name,
    "Pendaftaran dibuka di laman warga.id sampai Jumat.",
    []
);

// MEDIA (a news source after a cue) and legal forms
t!(
    media_source_after_dilansir,
    "Kabar itu, seperti dilansir Borneo Herald, sudah dibantah.",
    [("ORGANIZATION", "Borneo Herald", "rule:media")]
);
t!(
    media_source_on_its_own_line,
    "Hal itu dikutip dari\nWarta Timur Online\n, Senin.",
    [("ORGANIZATION", "Warta Timur Online", "rule:media")]
);
t!(
    media_source_with_domain,
    "Informasi ini dilansir dari laman Kabarnusa.com pagi tadi.",
    [("ORGANIZATION", "Kabarnusa.com", "rule:media")]
);
t!(
    media_a_quoted_person_is_no_source,
    "Ia mengutip Budi Santoso dalam pidatonya.",
    [("PERSON", "Budi Santoso", "rule:name")]
);
t!(
    media_a_lone_place_is_no_source,
    "Laporan itu dilansir dari Jepang kemarin.",
    []
);
t!(
    legal_form_persero,
    "Proyek itu dikerjakan PT Sinar Baruna (Persero) tahun ini.",
    [("ORGANIZATION", "PT Sinar Baruna (Persero)", "rule:head")]
);

// PLACES by a head, capitalized (part of the name) or lower case (not)
t!(
    head_circuit,
    "Balapan digelar di Sirkuit Tanjung Harapan akhir pekan ini.",
    [("LOCATION", "Sirkuit Tanjung Harapan", "rule:head")]
);
t!(
    head_research_centre,
    "Laporan itu disusun Pusat Studi Pesisir Nusantara tahun lalu.",
    [("ORGANIZATION", "Pusat Studi Pesisir Nusantara", "rule:head")]
);
t!(
    lower_head_airbase,
    "Pesawat itu mendarat di pangkalan udara Karangsari kemarin.",
    [("LOCATION", "Karangsari", "rule:head")]
);
t!(
    lower_head_gas_field,
    "Produksi ladang gas Samudra Biru turun tahun ini.",
    [("LOCATION", "Samudra Biru", "rule:head")]
);
t!(
    lower_head_needs_a_capital,
    "Ia bekerja di pelabuhan sejak muda.",
    []
);
t!(
    name_balinese_prefix,
    "Upacara itu dipimpin I Wayan Sudarta dan Ni Luh Sekarini.",
    [
        ("PERSON", "I Wayan Sudarta", "rule:name"),
        ("PERSON", "Ni Luh Sekarini", "rule:name")
    ]
);

// WEAPON: a class after a ship or weapon head; the span starts at `kelas`,
// as the listed classes do. In a line without capitals one word that is
// no common word; `kelas berat`, `kelas dunia`, `kelas satu` are not.
t!(
    weapon_class_after_a_ship_head,
    "Angkatan Laut memesan dua kapal selam kelas Barracuda.",
    [("WEAPON", "kelas Barracuda", "rule:weapon")]
);
t!(
    weapon_class_with_its_number,
    "Sebuah fregat kelas Orca 105 tiba di dermaga.",
    [("WEAPON", "kelas Orca 105", "rule:weapon")]
);
t!(
    weapon_class_lower_case,
    "kapal selam kelas barracuda itu tiba di dermaga.",
    [("WEAPON", "kelas barracuda", "rule:weapon")]
);
t!(
    weapon_class_not_a_quality,
    "Pesawat tempur kelas berat itu mendarat. mereka membangun kapal selam kelas dunia. kapal perang kelas satu itu tua.",
    []
);

// ISSUE 19: unit heads and ranks, roles, places by their head, national
// teams, generational suffixes (sentences and names made up).
t!(
    saying_before_a_unit_head_and_rank,
    "\"Pelaku sudah kami tangkap,\" kata Kasatreskrim Polres Tanjungwangi AKP Darmawan Saputra.",
    [
        ("ORGANIZATION", "Polres Tanjungwangi", "rule:head"),
        ("PERSON", "Darmawan Saputra", "rule:title")
    ]
);
t!(
    complement_before_a_rank,
    "\"Situasi aman,\" ujar Kaops Damai Raya Kombes Hendro Wicaksono kepada wartawan.",
    [("PERSON", "Hendro Wicaksono", "rule:title")]
);
t!(
    unit_head_then_rank_and_name,
    "Patroli dipimpin Kapolsek Ciwaru Iptu Samsul Arifin bersama warga.",
    [("PERSON", "Samsul Arifin", "rule:title")]
);
t!(
    head_stops_at_a_rank,
    "\"Kami menolak,\" kata Komandan Satuan Tugas Pantai Utara Letkol Rudi Permana.",
    [
        ("ORGANIZATION", "Satuan Tugas Pantai Utara", "rule:head"),
        ("PERSON", "Rudi Permana", "rule:title")
    ]
);
t!(
    role_noun_before_a_name,
    "Pengamat politik Yanuar Pramudya menilai koalisi itu rapuh.",
    [("PERSON", "Yanuar Pramudya", "rule:title")]
);
t!(
    countries_around_vs_are_teams,
    "Laga Jepang vs Indonesia berakhir imbang.",
    [
        ("ORGANIZATION", "Jepang", "rule:ambiguity"),
        ("ORGANIZATION", "Indonesia", "rule:ambiguity")
    ]
);
t!(
    hospital_and_prison_are_places,
    "Korban dibawa ke Rumah Sakit Harapan Bunda dan kemudian ke Rutan Cipinang Baru.",
    [
        ("LOCATION", "Rumah Sakit Harapan Bunda", "rule:head"),
        ("LOCATION", "Rutan Cipinang Baru", "rule:head")
    ]
);
t!(
    faculty_stops_before_its_university,
    "Dekan Fakultas Teknik Universitas Gadjah Mada Dr. Sulastri membuka acara.",
    [
        ("ORGANIZATION", "Fakultas Teknik", "rule:head"),
        ("PERSON", "Sulastri", "rule:title")
    ]
);
t!(
    building_named_by_its_body,
    "Acara digelar di Gedung Utama Kementerian Keuangan, Jakarta.",
    []
);
t!(
    headline_verb_is_no_given_name,
    "Macron Naik Maung Bareng Prabowo",
    []
);
t!(
    sentence_start_common_word_is_no_name,
    "Pelaku sudah kami tangkap. Korban juga datang dari kampung itu.",
    []
);
t!(
    generational_suffixes,
    "Putra sulung Paul Kevin Jonas II tiba, disusul Harold Whitmore, Jr. kemudian.",
    [
        ("PERSON", "Paul Kevin Jonas II", "rule:name"),
        ("PERSON", "Harold Whitmore, Jr.", "rule:name")
    ]
);
t!(
    english_end_heads,
    "Film itu digarap Moonfield Animation Studio dan diputar di Harbour Town Stadium.",
    [
        ("ORGANIZATION", "Moonfield Animation Studio", "rule:head"),
        ("LOCATION", "Harbour Town Stadium", "rule:head")
    ]
);
t!(
    place_head_stops_at_a_marker,
    "Kecelakaan terjadi di Jalan Tol Sukamerta KM 93 arah timur.",
    [("LOCATION", "Jalan Tol Sukamerta", "rule:head")]
);
t!(
    a_word_joined_to_an_organization,
    "Aturan itu berlaku bagi Uber dan Zumrova mulai bulan depan.",
    [("ORGANIZATION", "Zumrova", "rule:context")]
);
t!(
    a_common_word_joined_to_an_organization_is_not_one,
    "Rapat itu dihadiri Uber dan Pemerintah kemarin.",
    []
);

// WEAPON: a maker next to a weapon is part of its name, before or after
// it; a letter-and-digit designator and one capitalized variant word after
// it extend it (names made up: `Kancil`, `Rusa`).
t!(
    weapon_with_its_maker_after,
    "Presiden menaiki Anoa Pindad di Bandung.",
    [("WEAPON", "Anoa Pindad", "rule:weapon")]
);
t!(
    weapon_with_a_designator_and_a_variant,
    "Kendaraan taktis Kancil MV3 dipamerkan, sedangkan kendaraan taktis Rusa Perkasa tiba kemarin.",
    [
        ("WEAPON", "Kancil MV3", "rule:weapon"),
        ("WEAPON", "Rusa Perkasa", "rule:weapon")
    ]
);
t!(
    weapon_variant_not_a_following_name,
    "Pesawat F-16 Angkatan Udara mendarat. Rudal Exocet Senin lalu ditembakkan.",
    // Neither listed weapon grows (the rules add nothing).
    []
);

// ISSUE 18: a rank right after an armed service's head is its chief's, and
// in lower-case text a verb ends the name before it (names made up).
t!(
    service_head_then_rank_and_name,
    "Kepala Staf Angkatan Udara Marsekal Darmawan Saputra meninjau pangkalan.",
    [
        ("ORGANIZATION", "Angkatan Udara", "rule:head"),
        ("PERSON", "Darmawan Saputra", "rule:title")
    ]
);
t!(
    named_head_keeps_its_rank,
    "Ia kuliah di Universitas Jenderal Wiratmaja di kota itu.",
    [(
        "ORGANIZATION",
        "Universitas Jenderal Wiratmaja",
        "rule:head"
    )]
);

// RECASED LINES: text without capitals or in capitals, read recased
t!(
    recased_verb_after_a_body_is_no_name,
    "juru bicara serikat pekerja nasional menyebut pabrik itu akan ditutup",
    [("ORGANIZATION", "serikat pekerja nasional", "rule:head")]
);
t!(
    recased_verb_after_a_name_ends_it,
    "presiden bambang sutrisno meninjau pembangunan bendungan di kabupaten garut",
    [("PERSON", "bambang sutrisno", "rule:title")]
);
t!(
    a_rank_after_a_head_of_two_words_ends_the_body,
    "Kepala Staf Angkatan Udara Marsekal Hartawan Sukma meresmikan hanggar baru.",
    [
        ("ORGANIZATION", "Angkatan Udara", "rule:head"),
        ("PERSON", "Hartawan Sukma", "rule:title")
    ]
);
t!(
    recased_rank_ends_a_head_and_takes_an_initial,
    "kata kapolsek pasar sukamaju akp i nyoman sudarta di lokasi kejadian",
    [
        ("LOCATION", "pasar sukamaju", "rule:head"),
        ("PERSON", "i nyoman sudarta", "rule:title")
    ]
);
t!(
    recased_common_word_after_a_head_is_no_name,
    "para siswa pulang jalan kaki setelah kelompok lawan bubar",
    []
);
t!(
    recased_time_word_ends_a_name,
    "dpr akan memanggil menteri pertanian bambang sutrisno pekan depan",
    [("PERSON", "bambang sutrisno", "rule:title")]
);
t!(
    recased_saying_verb_in_capitals_is_no_name,
    "\"KAMI SUDAH SIAP,\" UJAR HARTAWAN SUKMA KEPADA WARTAWAN.",
    [("PERSON", "HARTAWAN SUKMA", "rule:saying")]
);
t!(
    recased_common_word_after_a_head_in_capitals,
    "PARA SISWA PULANG JALAN KAKI SETELAH KELOMPOK LAWAN BUBAR.",
    []
);
t!(
    recased_title_after_a_head_in_capitals_is_part_of_it,
    "KECELAKAAN TERJADI DI JALAN JENDERAL HARTAWAN SUKMA TADI PAGI.",
    [("LOCATION", "JALAN JENDERAL HARTAWAN SUKMA", "rule:head")]
);
t!(
    recased_first_word_of_a_head_phrase_alone_is_no_head,
    "seorang ibu rumah tangga tewas tertimpa pohon di desa kaliwangi.",
    []
);
t!(
    recased_copula_ends_a_head_name,
    "bandar udara sukamaju adalah bandar udara yang terletak di kota itu.",
    [("LOCATION", "bandar udara sukamaju", "rule:head")]
);
