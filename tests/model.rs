//! The learned tagger: training is reproducible bit for bit, and the
//! model only adds entities, never moving or removing the library's.

use entitas::model_train::{checksum, describe, train, Example, Options};
use entitas::{Entity, Extractor};

/// The 200-sentence fixture: the first 200 lines of NERGRIT train
/// (IndoNLU, Apache-2.0; see models/README.md and NOTICE-model.txt).
const FIXTURE: &str = include_str!("data/nergrit-train-200.jsonl");

/// A small gazetteer of our own for the fixture's library features, so
/// the checksum does not move when the default gazetteers change.
const GAZETTEER: &str = "@label COUNTRY\nIDN\tIndonesia\tRI\nMYS\tMalaysia\n\
@label LOCATION\nJKT\tJakarta\nSBY\tSurabaya\n\
@label ORGANIZATION\nUN\tPerserikatan Bangsa-Bangsa\tPBB\n";

fn examples() -> Vec<Example> {
    let mut out = Vec::new();
    for line in FIXTURE.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("fixture line is JSON");
        let spans: Vec<(usize, usize, String)> = v["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .map(|e| {
                (
                    e["start"].as_u64().expect("start") as usize,
                    e["end"].as_u64().expect("end") as usize,
                    e["label"].as_str().expect("label").to_string(),
                )
            })
            .collect();
        out.push(Example::from_chars(v["text"].as_str().expect("text"), &spans).expect("offsets"));
    }
    let variants: Vec<Example> = out
        .iter()
        .flat_map(|e| [e.recased(true), e.recased(false)])
        .flatten()
        .collect();
    out.extend(variants);
    out
}

fn fixture_model() -> Vec<u8> {
    let library = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_text("fixture.tsv", GAZETTEER)
        .model(false)
        .build()
        .expect("fixture gazetteer");
    let options = Options {
        bits: 14,
        epochs: 4,
        seed: 19,
    };
    train(&library, &examples(), &options)
}

#[test]
fn the_trainer_reproduces_a_model_bit_for_bit() {
    let a = fixture_model();
    let b = fixture_model();
    assert_eq!(a, b, "two runs on the same data give the same bytes");
    let (bits, rows, len) = describe(&a).expect("a model file");
    assert_eq!(bits, 14);
    assert!(rows > 1000, "{rows} rows learned");
    assert_eq!(len, a.len());
    // The committed checksum of this fixture's model: a change to the
    // features, the trainer or the file format moves it (then retrain
    // models/tagger.bin and update models/README.md as well).
    assert_eq!(format!("{:016x}", checksum(&a)), FIXTURE_CHECKSUM);
}

// Moves with the rules and with auto case, the default (the library's
// entities, on the fixture's all-caps and lower-case lines too, are
// features).
const FIXTURE_CHECKSUM: &str = "7ce1bc07903c6ece";

/// Sentences of our own (none from a dev set) with names the lists hold
/// and names they do not.
const TEXTS: &[&str] = &[
    "Menteri Luar Negeri Indonesia bertemu Duta Besar Malaysia di Jakarta pada Senin.",
    "Kepala Dinas Perhubungan Kabupaten Sleman, Wahyu Santosa, mengatakan jalan itu ditutup.",
    "PT Sinar Baru Makmur membuka pabrik di Desa Sukamaju, Kecamatan Cibeber.",
    "kata sumarno kepada wartawan di surabaya, rabu malam.",
    "PRESIDEN RUSIA VLADIMIR PUTIN TIBA DI TEHERAN",
    "Tim dari Universitas Gadjah Mada dan PBB meneliti banjir di Sungai Bengawan Solo.",
    "Harga Cabai Naik Lagi di Pasar Kramat Jati",
    "",
    "Rusia-Ukraina, kata CNN.com. Budi Hartono pergi ke Bandung.\nIa pulang.",
    // A name with no cue the rules read: the tagger's.
    "Gol kedua dicetak Marselino pada menit ke-70.",
];

fn without_model() -> Extractor {
    Extractor::builder().model(false).build().expect("default")
}

#[test]
fn the_model_never_moves_or_removes_a_library_entity() {
    let with = Extractor::builder().build().expect("default");
    let without = without_model();
    let mut added = 0;
    let fixture = examples();
    let texts = TEXTS
        .iter()
        .copied()
        .chain(fixture.iter().map(|e| e.text.as_str()));
    for text in texts {
        let on: Vec<Entity> = with.extract(text);
        let off: Vec<Entity> = without.extract(text);
        for e in &off {
            assert!(on.contains(e), "{text:?}: {e:?} kept as it was");
        }
        for e in on.iter().filter(|e| !off.contains(e)) {
            assert_eq!(e.source, "model:tagger", "{text:?}: {e:?}");
            assert_eq!(&text[e.byte_start..e.byte_end], e.text);
            assert!(
                off.iter()
                    .all(|o| o.byte_end <= e.byte_start || e.byte_end <= o.byte_start),
                "{text:?}: {e:?} overlaps a library entity"
            );
            added += 1;
        }
    }
    assert!(added > 0, "the model adds something on names no list holds");
}

#[test]
fn model_entities_carry_a_score_and_the_option_switches_it_off() {
    let with = Extractor::builder().build().expect("default");
    let mut scores = Vec::new();
    for text in TEXTS {
        with.extract_each(text, |e| {
            if e.source.as_str() == "model:tagger" {
                scores.push(e.score().expect("a model entity has a score"));
            } else {
                assert_eq!(e.score(), None);
            }
        });
        let off = without_model().extract(text);
        assert!(off.iter().all(|e| e.source.as_str() != "model:tagger"));
    }
    assert!(!scores.is_empty());
    assert!(scores.iter().all(|s| *s >= 0.0 && *s < 1.0), "{scores:?}");
}
