//! `syntax.unclosed-quote`: an opening quotation mark never closed.
//!
//! A quotation left open at the end of a paragraph is the newsroom's way of
//! running a quote on: the next paragraph then opens with a quotation mark
//! (the analysis marks it `continues`). Left open anywhere else, at the end
//! of the draft, before a paragraph that does not reopen it, or when a new
//! opening mark comes first, the mark is a typo the reader trips on. The
//! finding sits on the opening mark. Not scored: it says nothing of sourcing.

use super::rule::{declare_rule, Context};
use crate::analysis::{Quote, QuoteMarks};
use crate::span::Span;

declare_rule! {
    /// syntax.unclosed-quote
    pub SYNTAX_UNCLOSED_QUOTE = "syntax.unclosed-quote", Warning, Block,
    summary: "An opening quotation mark that is never closed.",
    explanation: "The quotation opens but never closes, so the reader cannot tell where the speaker's words end and the reporter's begin. Close it where the quoted words end. A quote that runs on into the next paragraph is fine when that paragraph opens with a quotation mark, as newsroom style runs it.",
    why: "Quotation marks promise the reader exactly where someone's words begin and end; a mark left open blurs the speaker's words into the story's, and AP style closes every quotation except one that runs on into a paragraph that reopens it.",
    fix: "Close the quotation where the quoted words end. If the quote runs on into the next paragraph, open that paragraph with a quotation mark (and leave the first one open, as newsroom style does).",
    fires: [
        "\"We will not let this stand, said council member Ana Ruiz.",
        "“The money is gone,” Ruiz said. “Nobody can tell us where it went.\n\nThe council adjourned at 9 p.m.",
    ],
    quiet: [
        "\"We will not let this stand,\" said council member Ana Ruiz.",
        "“The money is gone,” Ruiz said. “Nobody can tell us where it went.\n\n“We will ask the state auditor to look,” she added.",
    ],
}

pub fn check(cx: &mut Context<'_>) {
    if !cx.enabled(&SYNTAX_UNCLOSED_QUOTE) {
        return;
    }
    let a = cx.analysis;
    let mut found = Vec::new();
    for (i, _, ba) in a.iter() {
        for (k, q) in ba.quotes.iter().enumerate() {
            let last = k + 1 == ba.quotes.len();
            let unclosed = if q.runs_on {
                // Open at the paragraph's end: fine only if the next
                // paragraph reopens it. The incremental checker never cuts
                // after such a block, so the next block is always at hand.
                !(last
                    && a.blocks
                        .get(i + 1)
                        .and_then(|next| next.quotes.first())
                        .is_some_and(|first| first.continues))
            } else {
                interrupted(q)
            };
            if unclosed {
                found.push(opening_mark(q));
            }
        }
    }
    for span in found {
        cx.report(
            &SYNTAX_UNCLOSED_QUOTE,
            span,
            "Quotation mark opened but never closed: where do the quoted words end?",
        );
    }
}

/// A quotation the scanner ended at a new opening mark: it has no closing
/// mark of its own.
fn interrupted(q: &Quote) -> bool {
    !matches!(q.marks, QuoteMarks::BlockQuote | QuoteMarks::Answer) && q.inner.end == q.span.end
}

fn opening_mark(q: &Quote) -> Span {
    Span::new(q.span.start, q.inner.start.max(q.span.start))
}

#[cfg(test)]
mod tests {
    use crate::{check, Config, Format};

    fn marks(text: &str) -> Vec<&str> {
        check(text, Format::Markdown, &Config::default())
            .into_iter()
            .filter(|f| f.rule == "syntax.unclosed-quote")
            .map(|f| f.span.slice(text))
            .collect()
    }

    #[test]
    fn a_run_on_quote_reopened_in_the_next_paragraph_is_closed_enough() {
        let text = "“We lost everything,” she said. “The house, the car.\n\n“But we are alive.”\n";
        assert!(marks(text).is_empty(), "{:?}", marks(text));
    }

    #[test]
    fn open_at_the_end_of_the_draft_or_before_a_plain_paragraph() {
        assert_eq!(marks("He said “we will win.\n"), vec!["“"]);
        assert_eq!(
            marks("“We will win, he said.\n\nThe vote is Tuesday.\n"),
            vec!["“"]
        );
    }

    #[test]
    fn a_new_opening_mark_before_the_close() {
        assert_eq!(marks("“We will win, he said. “Soon.”\n"), vec!["“"]);
    }
}
