//! Times the detector: tagging and scoring a set of sentences many times.
//!
//!     cargo run --release -p copydesk_claims --example claim_bench
//!
//! Prints the mean time per sentence for tagging alone and for scoring alone
//! (the engine tags once for every rule, so scoring is the model's own cost).
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::Instant;

use copydesk_claims::{Detector, Signals};
use copydesk_tagger::Tagger;

const SENTENCES: &[&str] = &[
    "Corner cafés have lost about a quarter of their lunch trade since the lot closed.",
    "Floods weakened the levee, bringing down the span.",
    "Gas heaters double a household's bills.",
    "Economists have long argued that the tax hurts small firms.",
    "\u{201c}We're excited about the season,\u{201d} coach Dana Ruiz said on Tuesday.",
    "The council voted 7-2 to approve the budget at its meeting on Monday night.",
    "These canvases may be the finest in the show.",
    "Members get in free every Tuesday.",
    "The campaign is bankrolled by shipping magnates who will profit from the port expansion, and nobody in the county seems willing to say so out loud.",
    "Rural bookshops are dying.",
];

fn main() {
    let tagger = Tagger::embedded();
    let detector = Detector::embedded();
    let rounds = 2000;
    let mut tokens = Vec::new();
    let tagged: Vec<Vec<copydesk_tagger::Token>> = SENTENCES
        .iter()
        .map(|s| {
            tagger.tag(s, &mut tokens);
            tokens.clone()
        })
        .collect();
    let signals = Signals::default();
    // Warm up the lazily built model and word lists.
    let _ = detector.score(SENTENCES[0], &tagged[0], &signals);

    let t = Instant::now();
    for _ in 0..rounds {
        for s in SENTENCES {
            tagger.tag(black_box(s), &mut tokens);
            black_box(&tokens);
        }
    }
    let tag_ns = t.elapsed().as_nanos() as f64 / (rounds * SENTENCES.len()) as f64;

    let t = Instant::now();
    for _ in 0..rounds {
        for (s, toks) in SENTENCES.iter().zip(&tagged) {
            black_box(detector.score(black_box(s), toks, &signals));
        }
    }
    let score_ns = t.elapsed().as_nanos() as f64 / (rounds * SENTENCES.len()) as f64;
    let words: usize = SENTENCES.iter().map(|s| s.split_whitespace().count()).sum();
    println!(
        "{} sentences ({:.1} words each), {rounds} rounds",
        SENTENCES.len(),
        words as f64 / SENTENCES.len() as f64
    );
    println!("tagging: {:.2} µs per sentence", tag_ns / 1000.0);
    println!("scoring: {:.2} µs per sentence", score_ns / 1000.0);
}
