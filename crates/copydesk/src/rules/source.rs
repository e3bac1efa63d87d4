//! `source.anonymous`: an information-level note on described anonymous
//! sources. They are legitimate attribution (the quote and claim rules accept
//! them); the note reminds the writer to say why anonymity was granted.

use std::sync::LazyLock;

use super::rule::{declare_rule, Context};
use crate::lexicon::{self, Gated};
use crate::span::Span;

declare_rule! {
    /// source.anonymous
    pub SOURCE_ANONYMOUS = "source.anonymous", Info, Block,
    summary: "An anonymous source (a note, not an error).",
    explanation: "Described anonymous sources (\"a person familiar with the talks\", \"an official who was not authorized to speak\") are attribution, but readers deserve to know why the source was granted anonymity and how the source knows. The AP Stylebook and the SPJ Code of Ethics ask that the story say so; consider naming the source if you can.",
    why: "Readers deserve to know why a source was granted anonymity and how the source knows. The SPJ Code of Ethics asks journalists to \"consider sources' motives before promising anonymity\" and to \"explain why anonymity was granted\"; the AP Stylebook asks the same.",
    fix: "Say why the source was granted anonymity and how they know (\"who spoke on condition of anonymity because the talks are private\"), or name the source if you can. This is a note: it never means the sentence is unsourced.",
    fires: [
        "The talks collapsed on Friday, a person familiar with the negotiations said.",
    ],
    quiet: [
        "The talks collapsed on Friday, Labor Secretary Ana Ruiz said.",
    ]
}

pub(crate) static ANONYMOUS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&lexicon::anonymous_pattern(
        lexicon::words("anonymous-sources"),
        lexicon::table("anonymous-nouns"),
    ))
});

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
        // `person` and `people` are anyone: a source when they speak, not
        // when a `who` describes them.
        assert_eq!(
            anonymous("The three people who were attacked ran behind police lines."),
            0
        );
        assert_eq!(anonymous("He is a person who is supposed to unite us."), 0);
        assert_eq!(anonymous("Two people said the talks had stalled."), 1);
        // Pronouns attribute in the analysis but are no phrase here.
        assert_eq!(anonymous("She said one thing and did another."), 0);
        assert_eq!(anonymous("She said people were angry."), 0);
    }
}
