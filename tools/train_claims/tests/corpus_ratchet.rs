//! The dev-corpus ratchet: the compiled-in claim model, fed the engine's
//! signals, on ../shared/corpus/dev (sentences overlapping a `⟦claim|…⟧`
//! passage are C, `⟦?claim|…⟧` is ignored). Fails when sentence precision
//! or recall at the medium threshold drops below the recorded floor.
//!
//! The corpus lives outside the repository; without it (no
//! `../shared/corpus/dev` above the checkout and no `COPYDESK_CORPUS_DEV`)
//! the test says so and passes, since there is nothing to measure.

#![allow(clippy::print_stderr)]

use copydesk_claims::{Detector, Sensitivity};
use copydesk_tagger::Tagger;
use train_claims::{find_corpus_dev, read_corpus, score_corpus, Sentence};

/// The recorded floor (the committed model's figures, rounded down:
/// .936/.846, session 13's retrain after its blind splits joined the
/// training data, docs/claims.md §6i "After the blind splits"; before that
/// .938/.865, session 13's first retrain by the same command,
/// docs/claims.md §6i, scores as session 12's: its retrain with 1,320 more sentences, s12's spent
/// drafts and articles, its medium threshold up from .611 to .627 on the
/// dev split: 3 of the 52 claims fewer pass it, while the engine's recall
/// here rose to 1.000, docs/claims.md §6h "Round 2"; before that .941/.923, session 12's
/// first model, trained with the spent test drafts and
/// articles, which leans on the phrase-list signal more; docs/claims.md
/// §6h). Session 9's model scored .941/.615 (floor .61); session 7 lowered
/// recall from .67 with the retrained model (§6b), session 9 from .63
/// (§6d); the engine keeps recall .981 on this corpus through the phrase
/// list.
const MIN_PRECISION: f64 = 0.93;
const MIN_RECALL: f64 = 0.84;

#[test]
fn the_model_holds_its_figures_on_the_dev_corpus() {
    let Some(dir) = find_corpus_dev() else {
        eprintln!("dev corpus not found; set COPYDESK_CORPUS_DEV to run this ratchet");
        return;
    };
    let drafts = read_corpus(&dir).expect("the dev corpus is readable");
    assert!(!drafts.is_empty(), "no drafts in {}", dir.display());
    let detector = Detector::embedded();
    let score = |s: &Sentence| detector.score(&s.text, &s.tokens, &s.signals).probability;
    let c = score_corpus(
        &drafts,
        Tagger::embedded(),
        &score,
        detector.threshold(Sensitivity::Medium),
    );
    let (p, r) = (c.sentences.precision(), c.sentences.recall());
    assert!(
        p >= MIN_PRECISION && r >= MIN_RECALL,
        "claim model on the dev corpus: precision {p:.3} (floor {MIN_PRECISION}), \
         recall {r:.3} (floor {MIN_RECALL}); {:?}",
        c.sentences
    );
}
