//! Scores sentences given on the command line (or stdin, one a line) with no
//! engine signals, and prints the probability and the reasons.
//!
//!     cargo run -p copydesk_claims --example claim_explain -- "Rural bookshops are dying."
#![allow(clippy::print_stdout)]

use std::io::BufRead;

use copydesk_claims::{Detector, Sensitivity, Signals};
use copydesk_tagger::Tagger;

fn main() {
    let mut lines: Vec<String> = std::env::args().skip(1).collect();
    if lines.is_empty() {
        lines = std::io::stdin()
            .lock()
            .lines()
            .map_while(Result::ok)
            .collect();
    }
    let d = Detector::embedded();
    let t = d.threshold(Sensitivity::Medium);
    let mut tokens = Vec::new();
    for text in &lines {
        Tagger::embedded().tag(text, &mut tokens);
        let s = d.score(text, &tokens, &Signals::default());
        let reasons: Vec<&str> = s.reasons().map(|r| r.as_str()).collect();
        println!(
            "{:.3} {} {text}\n      {}",
            s.probability,
            if s.probability >= t { "FLAG" } else { "    " },
            reasons.join("; ")
        );
    }
}
