//! `quote.unsourced`: a direct quotation whose speaker is not named.
//!
//! A quotation is sourced when its sentence carries a cue, when the sentence
//! before it does (in its paragraph, or an introduction ending in a colon in
//! the paragraph before), when it continues an attributed quotation run, or
//! when its block quote is signed (`— Name`). Short quoted terms, scare
//! quotes, titles and fragments woven into a sentence are not utterances.
//! The analysis makes both judgements (`analysis::speakers`); this rule
//! reports them.

use crate::analysis::Analysis;
use crate::span::Span;

use super::rule::{declare_rule, spj, Context};

declare_rule! {
    /// quote.unsourced
    pub QUOTE_UNSOURCED = "quote.unsourced", Warning, Block,
    summary: "A direct quotation whose speaker is not named.",
    explanation: "A reader needs to know who said a quoted sentence. Name the speaker in the same sentence or the one before it (\"…,\" she said / said Smith / Smith said: \"…\"). Anonymous sources are allowed when described (\"an official who was not authorized to speak\").",
    why: concat!("Quotation marks promise the reader these are someone's exact words; without a speaker the reader cannot tell whose, or why they should be believed. ", spj!()),
    fix: "Name the speaker in the same sentence or the one before it (\"…,\" she said / said Smith / Smith said: \"…\"). A described anonymous source (\"an official who was not authorized to speak\") also counts. The quick fix inserts \"[WHO] said\" after the closing mark for you to fill in.",
    fires: [
        "The council voted on Tuesday. \"We will not let this stand.\"",
        "“Nobody is coming. We are on our own here.”",
    ],
    quiet: [
        "\"We will not let this stand,\" said council member Ana Ruiz.",
        "Mayor Ana Lopez told the crowd: “Nobody is coming. We are on our own here.”",
        "The band played \"Born to Run\" twice.",
    ],
    quick_fix: super::fix::name_speaker,
}

pub use crate::analysis::speakers::{is_title, is_utterance};

pub fn check(cx: &mut Context<'_>) {
    if !cx.enabled(&QUOTE_UNSOURCED) {
        return;
    }
    let a: &Analysis<'_> = cx.analysis;
    // The analysis judged every quotation (`analysis::speakers`); the rule
    // reports the utterances it left unsourced (`Quote::flagged`): not one
    // that is not English, nor a paragraph that only continues a run whose
    // opening it flags.
    let findings: Vec<Span> = a
        .blocks
        .iter()
        .flat_map(|ba| &ba.quotes)
        .filter(|q| q.flagged())
        .map(|q| q.span)
        .collect();
    for span in findings {
        cx.report(
            &QUOTE_UNSOURCED,
            span,
            "Quotation with no named speaker: who said this?",
        );
    }
}
