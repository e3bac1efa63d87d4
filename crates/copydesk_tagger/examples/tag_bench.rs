//! Measures tagging speed (ns per token) and model load time on a realistic
//! news draft: `cargo run --release -p copydesk_tagger --example tag_bench [FILE]`.
//! The default file is the engine's 10,000-word benchmark draft. The text is
//! cut into sentences crudely (lines, then ". "), as the engine hands the
//! tagger one sentence at a time.

use std::time::Instant;

use copydesk_tagger::{Tagger, Token, MODEL_BYTES};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../benches/data/draft-10k.md"
        )
        .to_string()
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let sentences: Vec<&str> = text
        .lines()
        .flat_map(|l| l.split_inclusive(". "))
        .filter(|s| !s.trim().is_empty())
        .collect();

    let t = Instant::now();
    let tagger = Tagger::from_bytes(MODEL_BYTES).expect("model");
    let load = t.elapsed();
    std::hint::black_box(&tagger);
    let t = Instant::now();
    let embedded = Tagger::embedded();
    let first = t.elapsed();

    // The first pass fills this thread's word cache; the timed runs after
    // it find most words there, as tagging a document again does.
    let mut out: Vec<Token> = Vec::new();
    let mut tokens = 0;
    let t = Instant::now();
    for s in &sentences {
        embedded.tag(s, &mut out);
        tokens += out.len();
    }
    let cold = t.elapsed();
    // TAG_BENCH_RUNS=1 for a run under cachegrind.
    let n_runs: usize = std::env::var("TAG_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(31)
        .max(1);
    let mut runs = Vec::new();
    for _ in 0..n_runs {
        let t = Instant::now();
        for s in &sentences {
            embedded.tag(std::hint::black_box(s), &mut out);
            std::hint::black_box(&out);
        }
        runs.push(t.elapsed().as_nanos() as f64);
    }
    runs.sort_by(f64::total_cmp);
    let median = runs[runs.len() / 2];
    println!(
        "{} words (whitespace), {} sentences, {} tokens; model {} bytes",
        text.split_whitespace().count(),
        sentences.len(),
        tokens,
        MODEL_BYTES.len()
    );
    println!(
        "load: from_bytes {:.1} µs, first Tagger::embedded() {:.1} µs",
        load.as_nanos() as f64 / 1e3,
        first.as_nanos() as f64 / 1e3
    );
    println!(
        "first pass (cold word cache): {:.3} ms",
        cold.as_nanos() as f64 / 1e6
    );
    println!(
        "tag whole draft: median {:.3} ms (min {:.3}, max {:.3}) over {} runs = {:.0} ns/token",
        median / 1e6,
        runs[0] / 1e6,
        runs[runs.len() - 1] / 1e6,
        runs.len(),
        median / tokens as f64
    );
}
