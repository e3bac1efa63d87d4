//! A learned claim detector for copydesk: scores one sentence for "a
//! checkable claim that needs a source and has none", and says in plain words
//! why.
//!
//! The model is logistic regression over hashed features of the sentence's
//! words and tags (see `docs/claims.md`), compiled in (`model/claims.bin`)
//! and read in place. The crate does no IO and depends only on the tagger;
//! the engine hands it each sentence's tokens and the [`Signals`] it already
//! computes (attribution cues, vague sources, links, the phrase-list rule).
//!
//! ```
//! use copydesk_claims::{Detector, Sensitivity, Signals};
//! use copydesk_tagger::Tagger;
//!
//! let text = "Gas heaters double a household's bills.";
//! let mut tokens = Vec::new();
//! Tagger::embedded().tag(text, &mut tokens);
//! let detector = Detector::embedded();
//! let score = detector.score(text, &tokens, &Signals::default());
//! assert!((0.0..=1.0).contains(&score.probability));
//! let _fires = score.probability >= detector.threshold(Sensitivity::Medium);
//! for reason in score.reasons() {
//!     let _hover: &str = reason.as_str();
//! }
//! ```

use std::sync::{LazyLock, OnceLock};

#[doc(hidden)]
pub mod features;
mod lexicon;
#[doc(hidden)]
pub mod model;
pub mod promo;
mod stance;

pub use model::ModelError;
pub use promo::{Place, PromoDetector, PromoScore};
pub use stance::{stance, Stance};

use features::Feature;
use model::Model;

/// The least probability with which the model flags a sentence on its own
/// (no phrase signal, no claim shape) at the default sensitivity. The
/// model's medium threshold (0.705) was chosen on the training dev split,
/// mostly drafts; on real articles the sentences it flags alone, between
/// 0.705 and 0.75, are mostly a columnist's argument, invective, narrative
/// and background, and on the tuning drafts they carry 3 of 357 claims
/// (docs/claims.md §6f). Detectors with a form of their own (the phrase
/// list, the shapes) keep their own gates. The engine applies it
/// (`copydesk::analysis::claim`); it lives here so the model's ratchets
/// measure the model where the engine uses it (docs/claims.md §6m).
pub const MODEL_ALONE: f32 = 0.75;

/// The compiled-in model.
pub static MODEL_BYTES: &[u8] = include_bytes!("../model/claims.bin");

/// The kind of source cue the engine found in a sentence (outside its
/// quotations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A named person or body: `Smith said`, `according to the CDC`.
    Named,
    /// A pronoun: `she said`.
    Pronoun,
    /// A described but unnamed, specific source: `police said`.
    Anonymous,
    /// A document or link: `the report shows`, `[a filing](…)`.
    Document,
}

/// What the engine already knows about a sentence. Every field has a safe
/// default (nothing found), so a caller that lacks one can leave it out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Signals {
    /// The phrase-list claim rule (`claim.*`) fired on the sentence.
    pub phrase_claim: bool,
    /// A vague stand-in for a source (`studies show`, `experts say`).
    pub vague_source: bool,
    /// The source cue in the sentence, if any.
    pub attribution: Option<Cue>,
    /// An earlier sentence of the same paragraph carries a source cue, so an
    /// editor may read this one as continuing that account.
    pub attribution_earlier_in_paragraph: bool,
    /// The sentence holds a link (or a footnote reference).
    pub link: bool,
    /// The sentence's index in its paragraph (0 for the first).
    pub sentence_in_paragraph: u32,
    /// The sentence is in a list item.
    pub list_item: bool,
}

/// Why a sentence reads as a claim, in a copy editor's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    Number,
    Group,
    Cause,
    VagueSource,
    Superlative,
    Trend,
    Sweeping,
    Prediction,
    Finding,
    KnownPhrase,
    Conduct,
}

impl Reason {
    /// The plain-language explanation shown on hover.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Number => "a number with no source",
            Reason::Group => "a general statement about a whole group",
            Reason::Cause => "a cause stated as fact",
            Reason::VagueSource => "a vague source (\"experts say\")",
            Reason::Superlative => "a superlative or record (\"the worst since…\")",
            Reason::Trend => "a change or trend stated as fact",
            Reason::Sweeping => "a sweeping word (\"always\", \"never\", \"all\")",
            Reason::Prediction => "a prediction stated as fact",
            Reason::Finding => "a finding presented as established (\"shows\", \"proves\")",
            Reason::KnownPhrase => "wording that often carries an unsourced claim",
            Reason::Conduct => "a charge about someone's conduct or motives",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How readily the detector fires: `copydesk.toml`'s `[claim] sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sensitivity {
    /// Fewer, surer findings.
    Low,
    /// The default, chosen for precision.
    #[default]
    Medium,
    /// More findings, more of them debatable.
    High,
}

impl Sensitivity {
    /// Parses `"low"`, `"medium"` or `"high"`.
    pub fn parse(s: &str) -> Option<Sensitivity> {
        match s {
            "low" => Some(Sensitivity::Low),
            "medium" => Some(Sensitivity::Medium),
            "high" => Some(Sensitivity::High),
            _ => None,
        }
    }
}

/// A sentence's score: the calibrated probability that it is an unsourced
/// claim, and the strongest reasons it reads as one (at most three, the
/// strongest first).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub probability: f32,
    reasons: [Option<Reason>; 3],
}

impl Score {
    pub fn reasons(&self) -> impl Iterator<Item = Reason> + '_ {
        self.reasons.iter().flatten().copied()
    }
}

/// A reason is only offered when its features add at least this much to the
/// log-odds: a nudge is not an explanation.
const MIN_REASON_LOGIT: f32 = 0.2;

/// A loaded model. Build it once; scoring borrows it immutably, so one
/// detector serves every thread.
#[derive(Debug)]
pub struct Detector {
    model: Model<'static>,
}

static EMBEDDED: LazyLock<Detector> = LazyLock::new(|| {
    // The embedded bytes are checked by a test; a failure here is a build
    // that shipped a broken model file, not bad input.
    Detector::from_bytes(MODEL_BYTES).expect("the embedded claim model is valid")
});

/// A model put in place of the compiled-in one ([`install`]).
static INSTALLED: OnceLock<Detector> = OnceLock::new();

/// Puts another model (a `train-claims --out` file's bytes) in place of the
/// compiled-in one for the rest of the process, so a measurement can run
/// the engine with a model it was not built with (the leave-one-split-out
/// estimate, `tools/train_claims/loso.py --engine`) without a rebuild per
/// model. Call it before anything scores a sentence; the first model
/// installed stays. The caller reads the file: this crate does no IO.
pub fn install(bytes: &'static [u8]) -> Result<(), ModelError> {
    let detector = Detector::from_bytes(bytes)?;
    let _ = INSTALLED.set(detector);
    Ok(())
}

impl Detector {
    /// The detector over the compiled-in model, loaded on first use (or the
    /// model [`install`] put in its place).
    pub fn embedded() -> &'static Detector {
        INSTALLED.get().unwrap_or(&EMBEDDED)
    }

    /// Reads a model in place.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Detector, ModelError> {
        Ok(Detector {
            model: Model::parse(bytes)?,
        })
    }

    /// The model's header: provenance, hyper-parameters and figures.
    pub fn header(&self) -> &str {
        self.model.header
    }

    /// The probability at or above which a sentence is flagged.
    pub fn threshold(&self, sensitivity: Sensitivity) -> f32 {
        self.model.thresholds[match sensitivity {
            Sensitivity::Low => 0,
            Sensitivity::Medium => 1,
            Sensitivity::High => 2,
        }]
    }

    /// Scores one sentence. `tokens` are the tagger's tokens of `text`
    /// (spans into `text`); `signals` what the engine found in it.
    pub fn score(&self, text: &str, tokens: &[copydesk_tagger::Token], signals: &Signals) -> Score {
        let mut feats = Vec::with_capacity(128);
        features::extract(text, tokens, signals, self.model.mask(), &mut feats);
        let mut logit = self.model.bias;
        let mut by_reason = [0f32; REASONS.len()];
        for f in &feats {
            let c = self.model.weight(f.index) * f.value;
            logit += c;
            if let Some(r) = f.reason {
                by_reason[r as usize] += c;
            }
        }
        let mut order: Vec<(f32, Reason)> = REASONS
            .iter()
            .map(|&r| (by_reason[r as usize], r))
            .filter(|&(c, _)| c >= MIN_REASON_LOGIT)
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut reasons = [None; 3];
        for (slot, (_, r)) in reasons.iter_mut().zip(order) {
            *slot = Some(r);
        }
        Score {
            probability: sigmoid(logit),
            reasons,
        }
    }
}

const REASONS: [Reason; 11] = [
    Reason::Number,
    Reason::Group,
    Reason::Cause,
    Reason::VagueSource,
    Reason::Superlative,
    Reason::Trend,
    Reason::Sweeping,
    Reason::Prediction,
    Reason::Finding,
    Reason::KnownPhrase,
    Reason::Conduct,
];

/// The logistic function, shared with the trainer so both compute the same
/// probability.
#[doc(hidden)]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The features of one sentence, as the trainer needs them.
#[doc(hidden)]
pub fn features_of(
    text: &str,
    tokens: &[copydesk_tagger::Token],
    signals: &Signals,
    bits: u32,
) -> Vec<Feature> {
    let mut out = Vec::new();
    features::extract(text, tokens, signals, (1u32 << bits) - 1, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads_and_orders_its_thresholds() {
        let d = Detector::embedded();
        let (lo, med, hi) = (
            d.threshold(Sensitivity::Low),
            d.threshold(Sensitivity::Medium),
            d.threshold(Sensitivity::High),
        );
        assert!(hi <= med && med <= lo, "{hi} {med} {lo}");
        assert!(d.header().contains("train-claims"));
    }

    #[test]
    fn scores_are_probabilities_and_reasons_are_words() {
        let d = Detector::embedded();
        let mut tokens = Vec::new();
        for text in [
            "",
            "!!!",
            "Unemployment fell to 3.9% last year, the worst since the oil crisis.",
            "\u{201c}We're excited,\u{201d} the chief executive said.",
        ] {
            copydesk_tagger::Tagger::embedded().tag(text, &mut tokens);
            let s = d.score(text, &tokens, &Signals::default());
            assert!((0.0..=1.0).contains(&s.probability), "{text}");
            assert!(s.reasons().count() <= 3);
            assert!(s.reasons().all(|r| !r.as_str().is_empty()));
        }
    }

    #[test]
    fn a_named_source_lowers_the_score() {
        let d = Detector::embedded();
        let text = "Economists have long argued that the tax hurts small firms.";
        let mut tokens = Vec::new();
        copydesk_tagger::Tagger::embedded().tag(text, &mut tokens);
        let bare = d.score(text, &tokens, &Signals::default());
        let sourced = d.score(
            text,
            &tokens,
            &Signals {
                attribution: Some(Cue::Named),
                ..Signals::default()
            },
        );
        assert!(sourced.probability < bare.probability);
        // Vague sources are the engine's verdict, handed in as a signal;
        // with it, the sentence scores higher.
        let vague = d.score(
            text,
            &tokens,
            &Signals {
                vague_source: true,
                phrase_claim: true,
                ..Signals::default()
            },
        );
        assert!(vague.probability > bare.probability);
    }

    #[test]
    fn sensitivity_parses_the_config_words() {
        assert_eq!(Sensitivity::parse("high"), Some(Sensitivity::High));
        assert_eq!(Sensitivity::parse("loud"), None);
    }
}
