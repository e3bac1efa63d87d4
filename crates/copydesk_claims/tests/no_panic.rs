//! The scorer reads user text: no sentence, token list or signal set may
//! panic it, and the result is always a probability with at most three
//! reasons.

use copydesk_claims::{Cue, Detector, Signals};
use copydesk_tagger::{Tagger, Token};
use proptest::prelude::*;

fn cue() -> impl Strategy<Value = Option<Cue>> {
    prop_oneof![
        Just(None),
        Just(Some(Cue::Named)),
        Just(Some(Cue::Pronoun)),
        Just(Some(Cue::Anonymous)),
        Just(Some(Cue::Document)),
    ]
}

fn signals() -> impl Strategy<Value = Signals> {
    (any::<(bool, bool, bool, bool, bool)>(), cue(), any::<u32>()).prop_map(
        |((phrase, vague, earlier, link, list), cue, s)| Signals {
            phrase_claim: phrase,
            vague_source: vague,
            attribution: cue,
            attribution_earlier_in_paragraph: earlier,
            link,
            sentence_in_paragraph: s,
            list_item: list,
        },
    )
}

fn check(text: &str, tokens: &[Token], signals: &Signals) {
    let s = Detector::embedded().score(text, tokens, signals);
    assert!((0.0..=1.0).contains(&s.probability), "{}", s.probability);
    assert!(s.reasons().count() <= 3);
}

proptest! {
    #[test]
    fn any_text_scores(text in "\\PC{0,200}", sig in signals()) {
        let mut tokens = Vec::new();
        Tagger::embedded().tag(&text, &mut tokens);
        check(&text, &tokens, &sig);
    }

    #[test]
    fn news_like_text_scores(
        words in prop::collection::vec(
            prop_oneof![
                Just("the"), Just("3.9%"), Just("$40"), Just("experts"), Just("say"),
                Just("\u{201c}"), Just("\u{201d}"), Just("have"), Just("been"), Just("shown"),
                Just("most"), Just("never"), Just("due"), Just("to"), Just("52-48"), Just("2019"),
                Just(","), Just("."), Just("?"), Just("don\u{2019}t"), Just("Ruiz"),
            ],
            0..40,
        ),
        sig in signals(),
    ) {
        let text = words.join(" ");
        let mut tokens = Vec::new();
        Tagger::embedded().tag(&text, &mut tokens);
        check(&text, &tokens, &sig);
    }

    /// Tokens that do not belong to the text (a caller's mistake) still
    /// give a probability, not a panic.
    #[test]
    fn mismatched_tokens_score(text in "\\PC{0,40}", other in "\\PC{0,200}", sig in signals()) {
        let mut tokens = Vec::new();
        Tagger::embedded().tag(&other, &mut tokens);
        check(&text, &tokens, &sig);
    }
}
