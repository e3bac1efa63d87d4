//! Which reader a draft goes through, from its file name or editor language.

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
