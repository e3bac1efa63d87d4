//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request's diff and the run's summary:
//!
//! ```text
//! ::warning file=drafts/story.md,line=4,col=24,endLine=4,endColumn=35,title=copydesk promo.code::Promo code in the story.
//! ```
//!
//! Errors are `::error`, warnings `::warning`, info and hints `::notice`.
//! Columns count characters, 1-based; `endColumn` is exclusive. Property values
//! escape `%`, `\r`, `\n`, `:` and `,`; the message escapes `%`, `\r` and `\n`,
//! as the runner's command parser expects.

use std::io::{self, Write};

use copydesk::{Finding, Severity};

use super::draft::Draft;
use super::{sarif, Reporter};

pub struct Github;

impl Reporter for Github {
    fn draft(
        &mut self,
        out: &mut dyn Write,
        draft: &Draft,
        findings: &[Finding],
    ) -> io::Result<()> {
        let file = file_path(draft.name());
        for f in findings {
            let start = draft.position(f.span.start);
            let end = draft.position(f.span.end);
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                escape_property(&file),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("copydesk {}", f.rule)),
                escape_data(&f.message),
            )?;
        }
        Ok(())
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// The path as the repository knows it: relative, forward slashes, no `./`.
/// (The SARIF URI without its percent-encoding.)
fn file_path(name: &str) -> String {
    let uri = sarif::artifact_uri(name);
    if uri.starts_with("file://") {
        return name.to_owned();
    }
    if name == super::draft::STDIN_NAME {
        return name.to_owned();
    }
    percent_decode(&uri)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The message after `::`.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A `key=value` property.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(
            escape_data("100% sure\r\nnext: a,b"),
            "100%25 sure%0D%0Anext: a,b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn paths_are_relative_with_forward_slashes() {
        assert_eq!(file_path("./drafts/a b.md"), "drafts/a b.md");
        assert_eq!(file_path("drafts/café.md"), "drafts/café.md");
        assert_eq!(file_path("<stdin>"), "<stdin>");
    }

    #[test]
    fn one_command_per_finding() {
        let draft = Draft::from_bytes(
            "a,b.md".into(),
            copydesk::Format::Markdown,
            "é code X\n".as_bytes().to_vec(),
        )
        .unwrap();
        let f = Finding::new(
            "promo.code",
            Severity::Info,
            copydesk::Span::new(3, 9),
            "Promo: 50% off,\nnow",
        );
        let mut out = Vec::new();
        Github.draft(&mut out, &draft, &[f]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::notice file=a%2Cb.md,line=1,col=3,endLine=1,endColumn=9,title=copydesk promo.code::Promo: 50%25 off,%0Anow\n"
        );
    }
}
