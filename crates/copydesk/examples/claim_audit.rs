//! Every sentence the claim rule reads, with why the engine's decision
//! (`Assessment::fires`) goes as it does at the default sensitivity: the
//! path that fires, the gate that vetoes, or the threshold the model's
//! probability falls under (`Assessment::why`). `scripts/claim_audit.py`
//! joins it to a labelled corpus to tabulate misses and false alarms by
//! cause (docs/claims.md §6za).
//!
//! ```text
//! cargo build --release --example claim_audit
//! target/release/examples/claim_audit FILE... > audit.tsv
//! ```
//!
//! Columns: path, start, end, cause, probability, phrase message (or -),
//! figure, dated, occasion, carried, judged, earlier cue in the paragraph,
//! the cue's kind (or -), link, then the sentence's text. A file that
//! still carries labelling marks is refused, as by `claim_dump`.

use copydesk::analysis::analyze;
use copydesk::rules::claim;
use copydesk::{Config, Format, Sensitivity};

fn main() {
    let config = Config::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("claim_audit: cannot read {path}");
            continue;
        };
        if text.contains('⟦') {
            eprintln!("claim_audit: {path} carries labelling marks (⟦…⟧); strip them first");
            continue;
        }
        let a = analyze(&text, Format::from_path(&path), config.verbs());
        for (_, block, ba) in a.iter() {
            if !claim::reads_block(block) {
                continue;
            }
            for s in a.claims(block, ba) {
                println!(
                    "{path}\t{}\t{}\t{}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    s.span.start,
                    s.span.end,
                    s.why(Sensitivity::Medium),
                    s.probability(),
                    s.phrase.unwrap_or("-"),
                    s.figure,
                    s.dated,
                    s.occasion,
                    s.carried,
                    s.judged,
                    s.signals.attribution_earlier_in_paragraph,
                    s.signals
                        .attribution
                        .map_or("-".to_owned(), |c| format!("{c:?}")),
                    s.signals.link,
                    text[s.span.start..s.span.end].replace(['\n', '\t'], " "),
                );
            }
        }
    }
}
