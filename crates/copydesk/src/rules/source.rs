//! `source.anonymous`: an information-level note on described anonymous
//! sources. They are legitimate attribution (the quote and claim rules accept
//! them); the note reminds the writer to say why anonymity was granted.

use std::sync::LazyLock;

use super::{Context, SOURCE_ANONYMOUS};
use crate::span::Span;

static ANONYMOUS: LazyLock<crate::lexicon::Gated> =
    LazyLock::new(|| crate::lexicon::alternation(include_str!("../../data/anonymous_sources.txt")));

/// Build this family's matcher without searching anything (see
/// [`crate::compile_matchers`]).
pub fn compile_matchers() {
    ANONYMOUS.exact();
}

pub fn check(cx: &mut Context<'_>) {
    if !cx.enabled(&SOURCE_ANONYMOUS) {
        return;
    }
    let a = cx.analysis;
    let mut found = Vec::new();
    for (_, block, ba) in a.iter() {
        if block.in_footnote {
            continue;
        }
        for s in &ba.sentences {
            // Only the reporter's words: quoted speech is someone else's.
            let text = a.text(s.span);
            if let Some(m) = ANONYMOUS.find(text) {
                let span = Span::from(m.range()).offset(s.span.start);
                if !ba
                    .quotes
                    .iter()
                    .any(|q| q.inner.start <= span.start && span.end <= q.inner.end)
                {
                    found.push(span);
                }
            }
        }
    }
    for span in found {
        cx.report(
            &SOURCE_ANONYMOUS,
            span,
            "Anonymous source: say why anonymity was granted.",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Config, Format};

    fn anonymous(text: &str) -> usize {
        check(text, Format::Markdown, &Config::default())
            .iter()
            .filter(|f| f.rule == "source.anonymous")
            .count()
    }

    #[test]
    fn notes_described_anonymous_sources() {
        assert_eq!(
            anonymous(
                "He asked to be traded, according to two people familiar with the discussions."
            ),
            1
        );
        assert_eq!(anonymous("An engineer, who asked not to be named because she feared retaliation, said it was over."), 1);
        assert_eq!(
            anonymous("A senior administration official said the talks had stalled."),
            1
        );
    }

    #[test]
    fn named_sources_and_quoted_speech_stay_quiet() {
        assert_eq!(
            anonymous("Sandra Kowalczyk, the general manager, said the fare would rise."),
            0
        );
        assert_eq!(
            anonymous("“Two officials said it was fine, and nobody checked,” Smith said."),
            0
        );
        assert_eq!(
            anonymous("The officials said on Tuesday that the bridge would reopen."),
            0
        );
    }
}
