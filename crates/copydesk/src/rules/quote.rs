//! `quote.unsourced`: a direct quotation whose speaker is not named.
//!
//! A quotation is sourced when its sentence carries a cue, when the sentence
//! before it does (in its paragraph, or an introduction ending in a colon in
//! the paragraph before), when it continues an attributed quotation run, or
//! when its block quote is signed (`— Name`). Short quoted terms, scare
//! quotes, titles and fragments woven into a sentence are not utterances.

use crate::analysis::{Analysis, AttributionKind, Quote, QuoteMarks, Sentence};
use crate::markup::BlockKind;
use crate::span::Span;
use std::sync::LazyLock;

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

/// Small words that stay lowercase in a title ("The Diary of a Young Girl").
static TITLE_SMALL_WORDS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("title-small-words"));

/// Whether the words inside the marks are an utterance to source rather than
/// a term, a title or a fragment.
pub fn is_utterance(inner: &str) -> bool {
    let words = || {
        inner
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
    };
    let first = inner
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next();
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false; // a fragment woven into the sentence
    }
    let ends_sentence = inner
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’'])
        .ends_with(['.', '!', '?', ',', '—', '…']);
    let n = words().take(5).count();
    if n < 4 || n < 5 && !ends_sentence {
        return false;
    }
    // Title Case: every significant word capitalised. One significant word
    // in lower case is enough to make it speech.
    let mut significant = 0;
    for w in words().filter(|w| !is_small_word(w)) {
        let capital = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase());
        if !capital {
            return true;
        }
        significant += 1;
    }
    significant < 2
}

/// Whether a word is one of [`TITLE_SMALL_WORDS`], in any case, with its
/// punctuation trimmed; without allocating for the usual ASCII word.
fn is_small_word(w: &str) -> bool {
    if w.is_ascii() {
        let t = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        TITLE_SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(t))
    } else {
        TITLE_SMALL_WORDS.contains(
            &w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
    }
}

/// A cue that sources a quotation. A bare link on the sentence does not: it
/// sources a claim, but says nothing of who spoke.
fn attributed(s: &Sentence) -> bool {
    s.attribution.is_some_and(|a| !a.from_link)
}

fn speaker(s: &Sentence) -> bool {
    s.attribution
        .is_some_and(|a| a.kind != AttributionKind::Document)
}

pub fn check(cx: &mut Context<'_>) {
    if !cx.enabled(&QUOTE_UNSOURCED) {
        return;
    }
    let a: &Analysis<'_> = cx.analysis;
    let blocks = &a.doc.blocks;
    // Whether the quotation run open at the end of the previous block was sourced.
    let mut run_sourced = false;
    // Block quotes (by id) that carry a signature line.
    let signed: Vec<u32> = a
        .iter()
        .filter(|(_, b, _)| crate::analysis::cues::is_attribution_line(a.text(b.span)))
        .filter_map(|(_, b, _)| b.block_quote)
        .collect();
    let mut findings = Vec::new();
    for (i, block, ba) in a.iter() {
        if block.in_footnote || matches!(block.kind, BlockKind::Heading(_) | BlockKind::TableCell) {
            run_sourced = false;
            continue;
        }
        let prev_block_last = i
            .checked_sub(1)
            .and_then(|p| a.blocks[p].sentences.last().map(|s| (p, s)));
        let mut sourced_run = run_sourced;
        for q in &ba.quotes {
            let s = &ba.sentences[q.sentence.min(ba.sentences.len().saturating_sub(1))];
            let next = ba.sentences.get(q.sentence + 1);
            let sourced = if q.continues {
                sourced_run
            } else {
                attributed(s)
                    || next.is_some_and(|n| opens_with_speaker(n) && starts_with_quote(q, s))
                    || block.block_quote.is_some_and(|id| signed.contains(&id))
                    || previous_sentence_sources(
                        a,
                        q,
                        ba.sentences.as_slice(),
                        prev_block_last.map(|(p, s)| (&blocks[p], s)),
                    )
            };
            if q.runs_on {
                sourced_run = sourced;
            }
            let utterance = q.marks == QuoteMarks::BlockQuote && !q.inner.is_empty()
                || is_utterance(a.text(q.inner))
                    && !is_title(a.text(Span::new(block.span.start, q.span.start)));
            if !sourced && utterance {
                findings.push(q.span);
            }
        }
        run_sourced = ba.quotes.last().is_some_and(|q| q.runs_on) && sourced_run;
    }
    for span in findings {
        cx.report(
            &QUOTE_UNSOURCED,
            span,
            "Quotation with no named speaker: who said this?",
        );
    }
}

/// A block that is only a name (`Hillary Clinton`, `SEN. WARREN`): a speaker
/// label over the quotation that follows, as in captions and transcripts.
fn is_name_label(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && !text.trim_end().ends_with(['.', '!', '?', ':'])
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Words before a quotation that make it a title, not speech.
static TITLE_CUES: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("title-cues"));

pub(crate) fn is_title(before: &str) -> bool {
    let last = before
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    TITLE_CUES.contains(&last.to_lowercase().as_str())
}

fn starts_with_quote(q: &Quote, s: &Sentence) -> bool {
    q.span.start == s.span.start
}

/// The sentence after a quotation opens with its speaker (`“…” Conway claimed that …`).
fn opens_with_speaker(n: &Sentence) -> bool {
    n.attribution.is_some_and(|a| {
        !a.from_link
            && a.kind != AttributionKind::Document
            && a.span.start.saturating_sub(n.span.start) <= 40
    })
}

/// The sentence before the quotation names the speaker: in the same block,
/// any cue; across a block boundary, a speaker's introduction ending in a
/// colon or a sentence whose attribution is a person.
fn previous_sentence_sources(
    a: &Analysis<'_>,
    q: &Quote,
    sentences: &[Sentence],
    prev_block: Option<(&crate::markup::Block, &Sentence)>,
) -> bool {
    let text_of = |s: &Sentence| a.text(s.span);
    if q.sentence > 0 {
        return sentences.get(q.sentence - 1).is_some_and(attributed);
    }
    match prev_block {
        Some((b, s)) if !matches!(b.kind, BlockKind::Heading(_)) && is_name_label(text_of(s)) => {
            true
        }
        Some((b, s)) if !matches!(b.kind, BlockKind::Heading(_)) => {
            s.ends_with_colon && attributed(s) || speaker(s)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utterances_versus_terms_and_titles() {
        assert!(is_utterance("The bank knew. The bank had to know."));
        assert!(is_utterance("They knew. They’ve always known."));
        assert!(!is_utterance("mail-in"));
        assert!(!is_utterance("the most corrupt election"));
        assert!(!is_utterance("Fund the Fire Dept."));
        assert!(!is_utterance("The Diary of a Young Girl,"));
        assert!(!is_utterance("Flash! Flash!"));
        assert!(!is_utterance("Long Way Down"));
    }
}
