//! `promo-scan FILE…`: the promo model's score of every sentence the rules
//! leave alone, at or above `--min P` (default 0.5), one a line: for
//! reading what the model would add on unlabelled articles.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use copydesk::rules::promo::learned;
use copydesk::{Config, Format, Span};
use copydesk_claims::PromoDetector;

fn main() {
    let mut min = 0.5f32;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--min" {
            min = args.next().and_then(|v| v.parse().ok()).unwrap_or(min);
        } else {
            files.push(a);
        }
    }
    let rules_only = Config::from_toml("[rules]\n\"promo.learned\" = \"off\"\n").expect("config");
    let config = Config::default();
    let detector = PromoDetector::embedded();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let found: Vec<Span> = copydesk::check(&text, Format::Markdown, &rules_only)
            .into_iter()
            .filter(|f| f.rule.starts_with("promo."))
            .map(|f| f.span)
            .collect();
        let analysis = copydesk::analysis::analyze(&text, Format::Markdown, config.verbs());
        let in_blocks: Vec<Span> = copydesk::rules::run_blocks(&analysis, &rules_only)
            .findings
            .into_iter()
            .filter(|f| f.rule.starts_with("promo."))
            .map(|f| f.span)
            .collect();
        for u in learned::units(&analysis, &in_blocks) {
            if found.iter().any(|f| f.overlaps(u.span)) {
                continue;
            }
            let s = analysis.text(u.span);
            let score = detector.score(s, &u.tokens, &u.place);
            let p = score.probability;
            if p >= min {
                let s: Vec<&str> = s.split_whitespace().collect();
                let fires = if detector.fires(&score, &u.place) {
                    "FIRES"
                } else {
                    "-"
                };
                println!("{p:.4} {fires} {path}: {}", s.join(" "));
            }
        }
    }
}
