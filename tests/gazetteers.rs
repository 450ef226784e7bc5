//! The default gazetteers, one category at a time, on sentences written for
//! these tests: every alias of an entity resolves to its one id. See:
//! issues #3, #4, #5.

use std::collections::BTreeSet;

/// The ids of the entities with `label` found in `text`, with their texts.
fn found(text: &str, label: &str) -> Vec<(String, String)> {
    entitas::extract(text)
        .into_iter()
        .filter(|e| e.label.as_str() == label)
        .map(|e| (e.text, e.id.to_string()))
        .collect()
}

/// All mentions of `label` in `text` are exactly `surfaces`, all with `id`.
fn one_id(text: &str, label: &str, id: &str, surfaces: &[&str]) {
    let got = found(text, label);
    let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, surfaces, "{text}");
    let ids: BTreeSet<&str> = got.iter().map(|(_, i)| i.as_str()).collect();
    assert_eq!(ids, BTreeSet::from([id]), "{text}");
}

#[test]
fn countries() {
    one_id(
        "Amerika Serikat mengirim bantuan. AS dan Amerika juga menekan, kata pejabat United States.",
        "COUNTRY",
        "country:USA",
        &["Amerika Serikat", "AS", "Amerika", "United States"],
    );
    one_id(
        "Korea Selatan, atau Korsel, memprotes.",
        "COUNTRY",
        "country:KOR",
        &["Korea Selatan", "Korsel"],
    );
    one_id(
        "Tiongkok, China dan Cina disebut.",
        "COUNTRY",
        "country:CHN",
        &["Tiongkok", "China", "Cina"],
    );
}

#[test]
fn organizations_international() {
    one_id(
        "Perserikatan Bangsa-Bangsa menggelar sidang; PBB menyebut United Nations siap.",
        "ORGANIZATION",
        "organization:UN",
        &["Perserikatan Bangsa-Bangsa", "PBB", "United Nations"],
    );
    one_id(
        "Pakta Pertahanan Atlantik Utara memperkuat sayap timur. NATO menambah pasukan.",
        "ORGANIZATION",
        "organization:NATO",
        &["Pakta Pertahanan Atlantik Utara", "NATO"],
    );
}

#[test]
fn organizations_indonesia() {
    one_id(
        "Kader PDI Perjuangan hadir; PDIP dan PDI-P sepakat.",
        "ORGANIZATION",
        "organization:pdi-perjuangan",
        &["PDI Perjuangan", "PDIP", "PDI-P"],
    );
    one_id(
        "Kementerian Pertahanan menjawab. Kemhan dan Kemenhan membantah.",
        "ORGANIZATION",
        "organization:kemhan",
        &["Kementerian Pertahanan", "Kemhan", "Kemenhan"],
    );
    one_id(
        "Bank Indonesia menaikkan suku bunga; BI menilai inflasi terkendali.",
        "ORGANIZATION",
        "organization:bank-indonesia",
        &["Bank Indonesia", "BI"],
    );
}

#[test]
fn persons() {
    one_id(
        "Joko Widodo meresmikan jalan tol. Jokowi lalu meninjau pasar.",
        "PERSON",
        "person:joko-widodo",
        &["Joko Widodo", "Jokowi"],
    );
    // `@variants spelling`: the modern spelling comes from the rule.
    one_id(
        "Soekarno membacakan teks. Sukarno dan Bung Karno dikenang.",
        "PERSON",
        "person:soekarno",
        &["Soekarno", "Sukarno", "Bung Karno"],
    );
    // `?Mega` only after the full name.
    one_id(
        "Megawati Soekarnoputri tiba. Mega lalu berpidato.",
        "PERSON",
        "person:megawati-soekarnoputri",
        &["Megawati Soekarnoputri", "Mega"],
    );
    assert!(found("Mega proyek itu molor.", "PERSON").is_empty());
}

#[test]
fn locations() {
    one_id(
        "Banjir melanda Jawa Barat. Pemerintah Jabar menetapkan siaga.",
        "LOCATION",
        "location:province-jawa-barat",
        &["Jawa Barat", "Jabar"],
    );
    one_id(
        "Delegasi tiba di Moskow, Moskwa.",
        "LOCATION",
        "location:moscow",
        &["Moskow", "Moskwa"],
    );
    // A district only behind its trigger word.
    assert!(
        found("Ia tinggal di Kecamatan Tebas sejak kecil.", "LOCATION")
            .iter()
            .any(|(t, _)| t == "Kecamatan Tebas")
    );
}

#[test]
fn weapons() {
    one_id(
        "Drone Shahed-136, Shahed 136, Shahed136 dan Geran-2 menyerang.",
        "WEAPON",
        "weapon:shahed-136",
        &["Shahed-136", "Shahed 136", "Shahed136", "Geran-2"],
    );
    one_id(
        "Sistem S-400 dan S400 dipasang.",
        "WEAPON",
        "weapon:s-400",
        &["S-400", "S400"],
    );
}

#[test]
fn places_japan_context() {
    // Japanese place names that are also family names need a Japan word near.
    let near = found(
        "Ia lahir di Matsumoto, Prefektur Nagano, pada 1960.",
        "LOCATION",
    );
    assert!(near.iter().any(|(t, _)| t == "Matsumoto"), "{near:?}");
    assert!(
        near.iter().any(|(t, _)| t == "Prefektur Nagano"),
        "{near:?}"
    );
    let far = found(
        "Sebagai pemain bas, Matsumoto tampil di album kedua band itu.",
        "LOCATION",
    );
    assert!(!far.iter().any(|(t, _)| t == "Matsumoto"), "{far:?}");
}

#[test]
fn places_lower_case_trigger_words() {
    // Districts behind a trigger word written in lower case.
    let got = found("Desa itu terletak di kecamatan Tebas, Sambas.", "LOCATION");
    assert!(got.iter().any(|(t, _)| t == "kecamatan Tebas"), "{got:?}");
    // The bare district name alone is not a place.
    let got = found("Tebas pohon itu sampai habis.", "LOCATION");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn places_old_spellings_and_historical_states() {
    one_id(
        "Ia pindah dari Soerabaja ke Surabaya, lalu kembali ke Surabaja.",
        "LOCATION",
        "location:kota-35.78",
        &["Soerabaja", "Surabaya", "Surabaja"],
    );
    one_id(
        "Wilayah Kerajaan Majapahit meluas; Majapahit runtuh pada abad ke-16.",
        "LOCATION",
        "location:kerajaan-majapahit",
        &["Kerajaan Majapahit", "Majapahit"],
    );
    one_id(
        "Kesultanan Demak berdiri pada abad ke-15.",
        "LOCATION",
        "location:kesultanan-demak",
        &["Kesultanan Demak"],
    );
    // A bare name that is also a word is linked: "angka Romawi" is no state.
    assert!(found("Tulis dengan angka Romawi.", "LOCATION").is_empty());
}

#[test]
fn places_typed_state_names() {
    one_id(
        "Badai melanda Negara Bagian Texas; Texas menetapkan darurat.",
        "LOCATION",
        "location:texas",
        &["Negara Bagian Texas", "Texas"],
    );
    one_id(
        "Pesawat mendarat di Bandar Udara Juanda, bukan di Bandara Juanda lama.",
        "LOCATION",
        "location:bandara-juanda",
        &["Bandar Udara Juanda", "Bandara Juanda"],
    );
}

#[test]
fn regional_institutions_generated() {
    // Issue #3: the organization that contains a place wins, the place inside
    // it is not reported.
    one_id(
        "Pemerintah Kabupaten Tapanuli Utara menggelar rapat; Pemkab Taput setuju.",
        "ORGANIZATION",
        "organization:pemkab-12.02",
        &["Pemerintah Kabupaten Tapanuli Utara", "Pemkab Taput"],
    );
    assert!(found("Pemkab Taput setuju.", "LOCATION").is_empty());
    one_id(
        "DPRD Kabupaten Timor Tengah Selatan, atau DPRD TTS, bersidang.",
        "ORGANIZATION",
        "organization:dprd-kab-53.02",
        &["DPRD Kabupaten Timor Tengah Selatan", "DPRD TTS"],
    );
    one_id(
        "KPU Kota Surakarta menetapkan calon; KPU Solo mengumumkan.",
        "ORGANIZATION",
        "organization:kpu-kota-33.72",
        &["KPU Kota Surakarta", "KPU Solo"],
    );
    one_id(
        "Bawaslu Jakarta Selatan menerima laporan.",
        "ORGANIZATION",
        "organization:bawaslu-kota-31.74",
        &["Bawaslu Jakarta Selatan"],
    );
    one_id(
        "DPRK Aceh Utara bersidang.",
        "ORGANIZATION",
        "organization:dprd-kab-11.08",
        &["DPRK Aceh Utara"],
    );
    one_id(
        "Kejati Kepri menahan tersangka.",
        "ORGANIZATION",
        "organization:kejati-prov-kepulauan-riau",
        &["Kejati Kepri"],
    );
    one_id(
        "Banding diputus Pengadilan Tinggi Surabaya.",
        "ORGANIZATION",
        "organization:pt-jawa-timur",
        &["Pengadilan Tinggi Surabaya"],
    );
    // A regency and a city share the name: the typed forms are distinct, the
    // bare short form is ambiguous and not listed.
    one_id(
        "DPRD Kota Tasikmalaya",
        "ORGANIZATION",
        "organization:dprd-kota-32.78",
        &["DPRD Kota Tasikmalaya"],
    );
    one_id(
        "KPU Kabupaten Tasikmalaya",
        "ORGANIZATION",
        "organization:kpu-kab-32.06",
        &["KPU Kabupaten Tasikmalaya"],
    );
    let got = found("Bawaslu Tasikmalaya menerima laporan.", "ORGANIZATION");
    assert!(
        got.iter().all(|(t, _)| t != "Bawaslu Tasikmalaya"),
        "{got:?}"
    );
    // A province name shared with its capital goes to the province.
    one_id(
        "KPU Jambi",
        "ORGANIZATION",
        "organization:kpu-prov-jambi",
        &["KPU Jambi"],
    );
}

#[test]
fn organizations_with_a_place_curated() {
    one_id(
        "Persiba Bantul naik kasta.",
        "ORGANIZATION",
        "organization:persiba-bantul",
        &["Persiba Bantul"],
    );
    one_id(
        "Laga BRI Liga 1 ditunda; Liga 1 berlanjut pekan depan.",
        "ORGANIZATION",
        "organization:liga-1-indonesia",
        &["BRI Liga 1", "Liga 1"],
    );
    one_id(
        "Seperti dilaporkan Tribun Jogja kemarin.",
        "ORGANIZATION",
        "organization:tribun-jogja",
        &["Tribun Jogja"],
    );
    one_id(
        "Mahasiswa Politeknik Negeri Jember (Polije) berprestasi.",
        "ORGANIZATION",
        "organization:polije",
        &["Politeknik Negeri Jember", "Polije"],
    );
    for text in ["Persiba Bantul", "Tribun Jogja", "Politeknik Negeri Jember"] {
        assert!(found(text, "LOCATION").is_empty(), "{text}");
    }
    one_id(
        "Bantuan disalurkan Kementerian Sosial RI; dulu Depsos RI.",
        "ORGANIZATION",
        "organization:kemensos",
        &["Kementerian Sosial RI", "Depsos RI"],
    );
    one_id(
        "Albumnya dirilis BMG Indonesia.",
        "ORGANIZATION",
        "organization:bmg-indonesia",
        &["BMG Indonesia"],
    );
    one_id(
        "Ia kuliah di Universitas Semarang.",
        "ORGANIZATION",
        "organization:usm-semarang",
        &["Universitas Semarang"],
    );
    one_id(
        "Ia kemudian bergabung dengan Wigan Athletic.",
        "ORGANIZATION",
        "organization:wigan-athletic",
        &["Wigan Athletic"],
    );
    one_id(
        "Ia meraih gelar dari University of Alabama, lalu mengajar di Universitas Alabama.",
        "ORGANIZATION",
        "organization:u-alabama",
        &["University of Alabama", "Universitas Alabama"],
    );
    // The place inside the name is not a place of its own.
    for text in [
        "Kementerian Sosial RI",
        "BMG Indonesia",
        "Universitas Semarang",
        "STKS Bandung",
        "Wigan Athletic",
        "Universitas Alabama",
        "Arema Indonesia",
        "FC Metz",
    ] {
        let places: Vec<_> = ["LOCATION", "COUNTRY"]
            .iter()
            .flat_map(|l| found(text, l))
            .collect();
        assert!(places.is_empty(), "{text}: {places:?}");
    }
}

#[test]
fn places_regions_abroad_and_volcanoes() {
    one_id(
        "Ia lahir di Surrey, Inggris.",
        "LOCATION",
        "location:surrey",
        &["Surrey"],
    );
    one_id(
        "Ia pindah ke British Columbia, Kanada.",
        "LOCATION",
        "location:british-columbia",
        &["British Columbia"],
    );
    one_id(
        "Referendum di Katalonia (Catalonia) ditolak.",
        "LOCATION",
        "location:katalonia",
        &["Katalonia", "Catalonia"],
    );
    one_id(
        "Pendaki menuju puncak Gunung Rajabasa.",
        "LOCATION",
        "location:gunung-rajabasa",
        &["Gunung Rajabasa"],
    );
}
