//! The regression guard: the compiled-in model on the firmly labelled
//! sentences of the team-written drafts (training/claims/drafts), with the
//! engine's signals as the trainer computed them (tests/data/drafts.tsv,
//! written by `train-claims`).
//!
//! A ratchet, not an estimate: most of these sentences are in the training
//! split, so the figures are higher than on unseen text. A retrained model
//! that scores lower fails; one that scores higher should raise the floor.

use copydesk_claims::{Cue, Detector, Sensitivity, Signals, MODEL_ALONE};
use copydesk_tagger::Tagger;

/// The recorded floor: the committed model's figures, rounded down, at the
/// cut where the engine uses the model on its own at the default
/// sensitivity (its medium threshold raised to [`MODEL_ALONE`]). Session
/// 16's retrain with session 15's blind splits scores .963/.384 there
/// (session 15's model .964/.394). Until session 15 the floor was read at
/// the model's own medium threshold, which the trainer picks on the dev
/// split's 54 firm claims and which one dev sentence moves by .06 (.634 →
/// .575 with session 15's data): the floor then measured that pick, which
/// the engine does not use, rather than the model (docs/claims.md §6m; the
/// floors at the medium threshold, .95/.46 last, are in git history).
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.38;

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

struct Row {
    claim: bool,
    signals: Signals,
    text: String,
}

fn rows() -> Vec<Row> {
    let data = include_str!("data/drafts.tsv");
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.splitn(10, '\t').collect();
            assert_eq!(f.len(), 10, "bad fixture row: {l}");
            let bit = |s: &str| s == "1";
            let num = |s: &str| s.parse::<u32>().expect("a number in the fixture");
            Row {
                claim: f[1] == "C",
                signals: Signals {
                    phrase_claim: bit(f[2]),
                    vague_source: bit(f[3]),
                    attribution: match f[4] {
                        "named" => Some(Cue::Named),
                        "pronoun" => Some(Cue::Pronoun),
                        "anonymous" => Some(Cue::Anonymous),
                        "document" => Some(Cue::Document),
                        _ => None,
                    },
                    attribution_earlier_in_paragraph: bit(f[5]),
                    link: bit(f[6]),
                    sentence_in_paragraph: num(f[7]),
                    list_item: bit(f[8]),
                },
                text: unescape(f[9]),
            }
        })
        .collect()
}

#[test]
fn the_model_holds_its_figures_on_the_team_drafts() {
    let detector = Detector::embedded();
    let threshold = detector.threshold(Sensitivity::Medium).max(MODEL_ALONE);
    let mut tokens = Vec::new();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let rows = rows();
    assert!(rows.len() > 300, "the fixture lost its rows");
    for r in &rows {
        Tagger::embedded().tag(&r.text, &mut tokens);
        let fired = detector.score(&r.text, &tokens, &r.signals).probability >= threshold;
        match (r.claim, fired) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "claim model on the team drafts at {threshold:.3}: precision {precision:.3} (floor {MIN_PRECISION}), \
         recall {recall:.3} (floor {MIN_RECALL}); tp {tp} fp {fp} fn {fn_}"
    );
}
