//! `--format compact`: one line per finding, the shape compilers print and
//! editors' quickfix lists read:
//!
//! ```text
//! drafts/story.md:4:24: warning: Promo code in the story. [promo.code]
//! ```
//!
//! Vim's default 'errorformat' takes it through `%f:%l:%c:%m`; Emacs'
//! compilation mode through its `gnu` pattern, which also reads `warning` and
//! `info` as levels (a hint is printed as `note`, which it reads as info too).
//! Columns count characters, 1-based. Nothing else is printed: no summary.

use std::io::{self, Write};

use copydesk::{Finding, Severity};

use super::draft::Draft;
use super::Reporter;

pub struct Compact;

impl Reporter for Compact {
    fn draft(
        &mut self,
        out: &mut dyn Write,
        draft: &Draft,
        findings: &[Finding],
    ) -> io::Result<()> {
        for f in findings {
            let start = draft.position(f.span.start);
            // One line per finding, whatever the message holds.
            let message = f.message.replace(['\r', '\n'], " ");
            writeln!(
                out,
                "{}:{}:{}: {}: {message} [{}]",
                draft.name(),
                start.line,
                start.column,
                word(f.severity),
                f.rule,
            )?;
        }
        Ok(())
    }
}

fn word(severity: Severity) -> &'static str {
    match severity {
        Severity::Hint => "note",
        other => other.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_finding() {
        let draft = Draft::from_bytes(
            "d/a.md".into(),
            copydesk::Format::Markdown,
            "x\n😀 code X\n".as_bytes().to_vec(),
        )
        .unwrap();
        let f = |sev| Finding::new("promo.code", sev, copydesk::Span::new(7, 13), "Two\nlines.");
        let mut out = Vec::new();
        Compact
            .draft(&mut out, &draft, &[f(Severity::Warning), f(Severity::Hint)])
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "d/a.md:2:3: warning: Two lines. [promo.code]\nd/a.md:2:3: note: Two lines. [promo.code]\n"
        );
    }
}
