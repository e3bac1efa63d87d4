//! copydesk's engine: Markdown or plain text in, findings out.
//!
//! This crate's library does no IO and knows nothing of LSP, the terminal or
//! the file system: `check(text, format, &config)` is a pure function. The
//! `cli` and `server` modules of the binary are the only edges.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod attribution;
pub mod config;
pub mod finding;
pub mod lexicon;
pub mod line_index;
pub mod markup;
pub mod quotes;
pub mod rules;
pub mod sentences;
pub mod span;

pub use config::{Config, Level};
pub use finding::{Finding, Severity};
pub use span::Span;

/// The markup a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Plain,
}

impl Format {
    /// The format for a file name: `.txt` and `.text` are plain text, the rest
    /// (`.md`, `.markdown`, stdin, unknown) is read as Markdown, which plain
    /// prose also is.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            Format::Plain
        } else {
            Format::Markdown
        }
    }

    /// The format for an LSP `languageId`: `markdown` is Markdown, anything
    /// else is plain text.
    pub fn from_language_id(id: &str) -> Format {
        match id {
            "markdown" | "mdx" | "quarto" | "rmd" => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// Check a draft. Findings are sorted by position, then rule order.
pub fn check(text: &str, format: Format, config: &Config) -> Vec<Finding> {
    let analysis = analysis::analyze(text, format);
    rules::run(&analysis, config)
}
