//! copydesk's engine: Markdown, HTML or plain text in, findings out.
//!
//! This crate's library does no IO and knows nothing of LSP, the terminal or
//! the file system: `check(text, format, &config)` is a pure function. The
//! `copydesk_ls` crate and the `copydesk` binary are the only edges.
#![warn(clippy::print_stdout, clippy::print_stderr)]

// The pipeline, in the order a draft goes through it; each module imports
// only those above it.
pub mod analysis;
pub mod config;
pub mod finding;
pub mod fixes;
pub mod incremental;
pub mod lexicon;
pub mod line_index;
pub mod markup;
pub mod rules;
pub mod sources;
pub mod span;
pub mod suppress;

/// Work counted for the tests that bound what a keystroke costs: the bytes
/// the word lists' matchers are asked to search (`lexicon::Matcher`, the
/// promo lists' `Regex`), and the blocks analysed. Counted in the engine's own test builds only;
/// elsewhere the count is nothing and compiles to nothing.
pub(crate) mod meter {
    #[cfg(test)]
    thread_local! {
        static SEARCHED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        static ANALYSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        static TAGGED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// The tagger is about to tag a sentence (`analysis::tokens::tag`).
    #[inline(always)]
    pub fn tagged() {
        #[cfg(test)]
        TAGGED.with(|s| s.set(s.get() + 1));
    }

    /// The sentences tagged on this thread so far.
    #[cfg(test)]
    pub fn sentences_tagged() -> usize {
        TAGGED.with(std::cell::Cell::get)
    }

    /// The analysis is about to analyse `blocks` blocks
    /// (`analysis::analyze_blocks`).
    #[inline(always)]
    pub fn analysed(blocks: usize) {
        #[cfg(test)]
        ANALYSED.with(|s| s.set(s.get() + blocks));
        #[cfg(not(test))]
        let _ = blocks;
    }

    /// The blocks analysed on this thread so far.
    #[cfg(test)]
    pub fn blocks_analysed() -> usize {
        ANALYSED.with(std::cell::Cell::get)
    }

    /// A matcher is about to search `text`.
    #[inline(always)]
    pub fn searched(text: &str) {
        #[cfg(test)]
        SEARCHED.with(|s| s.set(s.get() + text.len()));
        #[cfg(not(test))]
        let _ = text;
    }

    /// The bytes searched on this thread so far.
    #[cfg(test)]
    pub fn total() -> usize {
        SEARCHED.with(std::cell::Cell::get)
    }
}

pub use config::{Config, Level};
/// Another claim model in place of the compiled-in one, for measurement
/// (`copydesk_claims::install`).
#[doc(hidden)]
pub use copydesk_claims::install as install_claim_model;
/// How readily `claim.unattributed` fires (`[claim] sensitivity`).
pub use copydesk_claims::Sensitivity;
pub use finding::{Finding, Severity};
pub use markup::Format;
pub use span::Span;

/// Check a draft. Findings are sorted by position, then rule order; those
/// the draft's suppression comments cover are left out ([`suppress`]).
pub fn check(text: &str, format: Format, config: &Config) -> Vec<Finding> {
    let analysis = analysis::analyze(text, format, config.verbs());
    check_analysis(&analysis, config)
}

/// The rules and everything after them over an analysis already made: what
/// [`check`] does once it has analysed the draft. The benches time this.
pub fn check_analysis(analysis: &analysis::Analysis<'_>, config: &Config) -> Vec<Finding> {
    let local = rules::run_blocks(analysis, config);
    finish(analysis.source, &analysis.doc, local, config)
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
    let mut findings = rules::finish(local, doc, config);
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
/// anything: the rules' first, the analysis' last.
///
/// For a thread of its own at start-up, beside the first check: the check
/// starts with the analysis and compiles what it needs there itself, while
/// this thread builds what the rules will ask for, so on two cores the two
/// meet in the middle instead of queueing for the same matchers (a check
/// that reaches a matcher this thread is building waits for it). Searching
/// nothing, the thread grows no regex caches of its own (each thread that
/// searches with a regex keeps its own, for good).
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
