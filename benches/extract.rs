//! Criterion benches: `build` (loading the default gazetteers, compiled or
//! from their text, and with the villages compiled by a first text that
//! names one) and `extract` (throughput on the founding article, on ~1 MiB
//! of it repeated, and optionally on `ENTITAS_BENCH_CORPUS`).
//!
//! Beside the full pipeline run the gazetteers alone (`entitas-no-rules`: the
//! difference is the rule stage) and a naive baseline,
//! `str::split_whitespace` over the same input, the floor for any
//! tokenizing matcher.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use entitas::Extractor;

const ARTICLE: &str = include_str!("data/founding-article.txt");

fn long_text() -> String {
    let mut text = String::with_capacity(1 << 20);
    while text.len() + ARTICLE.len() < 1 << 20 {
        text.push_str(ARTICLE);
        text.push_str("\n\n");
    }
    text
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("default", |b| {
        b.iter(|| Extractor::builder().build().expect("default gazetteers"))
    });
    // The same extractor parsed and compiled from the gazetteer text.
    group.bench_function("default-from-text", |b| {
        b.iter(|| {
            Extractor::builder()
                .compiled_defaults(false)
                .build()
                .expect("default gazetteers")
        })
    });
    // A fresh default extractor's first text with a village: the village
    // list is compiled then (once per extractor).
    group.bench_function("default-first-village", |b| {
        b.iter(|| {
            let e = Extractor::builder().build().expect("default gazetteers");
            black_box(e.extract("Banjir melanda Desa Wonorejo."))
        })
    });
    group.finish();
}

fn extract(c: &mut Criterion) {
    let extractor = Extractor::builder().build().expect("default gazetteers");
    // The same gazetteers without the rule stage: the difference is the
    // cost of the rules.
    let no_rules = Extractor::builder()
        .rules(false)
        .build()
        .expect("default gazetteers");
    let mut inputs = vec![("article", ARTICLE.to_string()), ("1mib", long_text())];
    if let Ok(path) = std::env::var("ENTITAS_BENCH_CORPUS") {
        let text = std::fs::read_to_string(&path).expect("ENTITAS_BENCH_CORPUS is readable UTF-8");
        inputs.push(("corpus", text));
    }
    // The founding article has 64 mentions; a wrong engine fails here
    // instead of looking fast.
    assert_eq!(extractor.extract(ARTICLE).len(), 64);
    let mut group = c.benchmark_group("extract");
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("entitas", name), text, |b, t| {
            b.iter(|| extractor.extract(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("entitas-no-rules", name), text, |b, t| {
            b.iter(|| no_rules.extract(black_box(t)))
        });
        // The same entities, borrowed instead of owned: the difference is
        // the cost of building `Entity` values.
        group.bench_with_input(BenchmarkId::new("entitas-each", name), text, |b, t| {
            b.iter(|| {
                let mut n = 0;
                extractor.extract_each(black_box(t), |e| n += e.byte_end - e.byte_start);
                n
            })
        });
        group.bench_with_input(BenchmarkId::new("split_whitespace", name), text, |b, t| {
            b.iter(|| black_box(t).split_whitespace().count())
        });
    }
    group.finish();
}

/// The worst cases found so far for the matcher and the rules, at two sizes
/// each: time per byte must not grow with the size (each was quadratic once:
/// one lower-case line, one sentence of titled names, one glued line).
fn worst_cases(c: &mut Criterion) {
    let extractor = entitas::Extractor::builder()
        .build()
        .expect("defaults build");
    let units = [
        ("lower-line", "presiden iran bertemu rusia di jakarta "),
        (
            "titled-names-sentence",
            "Ketua Forum Warga Pulau Tidung Ahmad Fauzan dan ",
        ),
        ("glued-line", "dilansirReuters dan diSelat Malakapada "),
    ];
    let mut group = c.benchmark_group("worst-case");
    group.sample_size(10);
    for (name, unit) in units {
        for kb in [50, 200] {
            let text = unit.repeat(kb * 1000 / unit.len());
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, format!("{kb}KB")), &text, |b, t| {
                b.iter(|| extractor.extract(black_box(t)).len())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, build, extract, worst_cases);
criterion_main!(benches);
