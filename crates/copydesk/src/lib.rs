//! copydesk's engine: Markdown, HTML or plain text in, findings out.
//!
//! This crate's library does no IO and knows nothing of LSP, the terminal or
//! the file system: `check(text, format, &config)` is a pure function. The
//! `copydesk_ls` crate and the `copydesk` binary are the only edges.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod attribution;
pub mod config;
pub mod finding;
pub mod fixes;
pub mod incremental;
pub mod lexicon;
pub mod line_index;
pub mod markup;
pub mod quotes;
pub mod rules;
pub mod sentences;
pub mod sources;
pub mod span;
pub mod suppress;

pub use config::{Config, Level};
pub use finding::{Finding, Severity};
pub use span::Span;

/// The markup a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Plain,
    /// HTML, such as a CMS export: tags stripped, spans still the HTML's.
    Html,
}

impl Format {
    /// The format for a file name: `.txt` and `.text` are plain text,
    /// `.html` and `.htm` are HTML, the rest (`.md`, `.markdown`, stdin,
    /// unknown) is read as Markdown, which plain prose also is.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            Format::Plain
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            Format::Html
        } else {
            Format::Markdown
        }
    }

    /// The format for an LSP `languageId`: `markdown` is Markdown, `html` is
    /// HTML, anything else is plain text.
    pub fn from_language_id(id: &str) -> Format {
        match id {
            "markdown" | "mdx" | "quarto" | "rmd" => Format::Markdown,
            "html" => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// Check a draft. Findings are sorted by position, then rule order; those
/// the draft's suppression comments cover are left out ([`suppress`]).
pub fn check(text: &str, format: Format, config: &Config) -> Vec<Finding> {
    let analysis = analysis::analyze(text, format, config);
    let local = rules::run_local(&analysis, config);
    finish(text, &analysis.doc, local, config)
}

/// The steps after the block-local rules that read the whole document:
/// document-level rules, order, spans widened over character references,
/// and suppression comments. Shared by [`check`] and
/// [`incremental::Checker`], so the two cannot drift apart.
fn finish(
    text: &str,
    doc: &markup::Document,
    local: rules::Local,
    config: &Config,
) -> Vec<Finding> {
    let mut findings = rules::finish(local, &doc.prose, config);
    if !doc.decoded.is_empty() {
        // Report whole character references, not the bytes their decoded
        // characters were moved to; the stable sort keeps rule order on ties.
        for f in &mut findings {
            f.span = doc.widen(f.span);
        }
        findings.sort_by_key(|f| f.span.start);
    }
    suppress::apply(text, &doc.comments, findings)
}

/// Compile the matchers that do not depend on a draft, without searching
/// anything, from the last stage of a check to the first.
///
/// For a thread of its own at start-up, beside the first check: the check
/// compiles from its first stage on, so on two cores the two meet in the
/// middle instead of queueing for the same matchers. Searching nothing, the
/// thread grows no regex caches of its own (each thread that searches with
/// a regex keeps its own, for good).
pub fn compile_matchers() {
    rules::compile_matchers();
    lexicon::compile_matchers();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_path_and_language_id() {
        for (path, format) in [
            ("story.html", Format::Html),
            ("EXPORT.HTM", Format::Html),
            ("notes.txt", Format::Plain),
            ("draft.md", Format::Markdown),
            ("html", Format::Markdown),
            ("-", Format::Markdown),
        ] {
            assert_eq!(Format::from_path(path), format, "{path}");
        }
        assert_eq!(Format::from_language_id("html"), Format::Html);
        assert_eq!(Format::from_language_id("markdown"), Format::Markdown);
        assert_eq!(Format::from_language_id("plaintext"), Format::Plain);
    }

    #[test]
    fn findings_cover_whole_character_references() {
        let html = "<p>&ldquo;Nobody is coming. We are on our own here.&rdquo;</p>";
        let findings = check(html, Format::Html, &Config::default());
        let spans: Vec<&str> = findings.iter().map(|f| f.span.slice(html)).collect();
        assert_eq!(
            spans,
            vec!["&ldquo;Nobody is coming. We are on our own here.&rdquo;"]
        );
    }
}
