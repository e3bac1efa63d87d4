//! One line per sentence the claim rule reads and scores, with what each
//! detector says of it: for measuring which detector fires where
//! (docs/claims.md §6f).
//!
//! ```text
//! cargo build --release --example claim_dump
//! target/release/examples/claim_dump FILE... > dump.tsv
//! ```
//!
//! Columns: path, start, end, block index, sentence index in its block,
//! sentences in the block, phrase message (or -), reason-gated phrase,
//! shape (or -), probability, dated, stance, earlier cue in the paragraph,
//! whether the sentence fires at medium, then the sentence's text. A file
//! that still carries labelling marks is refused (docs/claims.md §6g).

use copydesk::analysis::analyze;
use copydesk::rules::claim;
use copydesk::{Config, Format, Sensitivity};

fn main() {
    let config = Config::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("claim_dump: cannot read {path}");
            continue;
        };
        // A labelled draft's marks would be read as words and move every
        // score (docs/claims.md §6g): measure the clean text only.
        if text.contains('⟦') {
            eprintln!("claim_dump: {path} carries labelling marks (⟦…⟧); strip them first (docs/claims.md §6g)");
            continue;
        }
        let a = analyze(&text, Format::from_path(&path), config.verbs());
        for (bi, block, ba) in a.iter() {
            if !claim::reads_block(block) {
                continue;
            }
            let n = ba.sentences.len();
            for (si, s) in a.claims(block, ba).enumerate() {
                if s.score.is_none() {
                    continue;
                }
                println!(
                    "{path}\t{}\t{}\t{bi}\t{si}\t{n}\t{}\t{}\t{}\t{:.4}\t{}\t{}\t{}\t{}\t{}",
                    s.span.start,
                    s.span.end,
                    s.phrase.unwrap_or("-"),
                    s.phrase_needs_model,
                    s.shape.map_or("-".to_owned(), |x| format!("{x:?}")),
                    s.probability(),
                    s.dated,
                    s.stance.is_some(),
                    s.signals.attribution_earlier_in_paragraph,
                    s.fires(Sensitivity::Medium),
                    text[s.span.start..s.span.end].replace(['\n', '\t'], " "),
                );
            }
        }
    }
}
