//! How much heap an extractor holds, measured with a counting allocator.
//!
//! ```text
//! cargo run --release --example heap                 # the default extractor
//! cargo run --release --example heap -- GAZ.tsv      # + a peer-harness gazetteer
//! ```
//!
//! Prints, for the default extractor (read from its compiled snapshot, and
//! parsed from the gazetteer text) and, given a gazetteer of the shared
//! peer harness (`surface<TAB>label<TAB>canonical`), for an extractor of
//! that gazetteer alone (case-insensitive, no rules, as `peer_bench`
//! builds it): the bytes allocated and still held once built, the peak
//! while building, and the build time.

use entitas::{Case, Extractor};
use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

#[path = "common/harness.rs"]
mod harness;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the counters are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Builds with `build`, prints the heap it holds, and returns it.
fn measure(
    name: &str,
    build: impl FnOnce() -> Result<Extractor, entitas::Error>,
) -> Option<Extractor> {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t = Instant::now();
    let built = build();
    let seconds = t.elapsed().as_secs_f64();
    let held = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    match built {
        Ok(e) => {
            println!(
                "{name}: entities={} patterns={} heap_mb={:.1} peak_build_mb={:.1} build_seconds={seconds:.4}",
                e.entity_count(),
                e.pattern_count(),
                held as f64 / 1e6,
                peak as f64 / 1e6,
            );
            Some(e)
        }
        Err(e) => {
            eprintln!("heap: {name}: {e}");
            None
        }
    }
}

fn main() -> ExitCode {
    let compiled = measure("default (compiled)", || Extractor::builder().build());
    drop(compiled);
    let text = measure("default (from text)", || {
        Extractor::builder().compiled_defaults(false).build()
    });
    drop(text);
    // The villages are compiled by the first text that names one.
    let villages = measure("default + villages (after a first village text)", || {
        let e = Extractor::builder().build()?;
        drop(e.extract("Banjir melanda Desa Wonorejo."));
        Ok(e)
    });
    drop(villages);
    if let Some(path) = std::env::args().nth(1) {
        let tsv = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("heap: {path}: {e}");
                return ExitCode::from(1);
            }
        };
        let (gaz, _, _) = harness::convert(&tsv);
        drop(tsv);
        let built = measure(&path, || {
            Extractor::builder()
                .default_gazetteers(false)
                .gazetteer_text(&path, &gaz)
                .case(Case::Insensitive)
                .rules(false)
                .build()
        });
        if built.is_none() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
