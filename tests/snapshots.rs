//! Snapshot tests: each draft under `tests/fixtures/drafts/` and the
//! examples, rendered as a copy editor's marks — the line, a caret run under
//! the flagged span, and the rule. Review changes with `cargo insta review`
//! (or `INSTA_UPDATE=always cargo test` and read the diff in git).

use copydesk::line_index::{Encoding, LineIndex};
use copydesk::{check, Config, Format};

fn render(text: &str) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for f in check(text, Format::Markdown, &Config::default()) {
        let start = index.line_col(text, f.span.start, Encoding::Utf32);
        let end = index.line_col(text, f.span.end, Encoding::Utf32);
        let line = &text[index.line_range(text, start.line)];
        let width = if end.line == start.line {
            end.col - start.col
        } else {
            line.chars().count() as u32 - start.col
        };
        out.push_str(&format!(
            "{}:{} {} {}\n",
            start.line + 1,
            start.col + 1,
            f.rule,
            f.message
        ));
        out.push_str(&format!(
            "  | {line}\n  | {}{}\n",
            " ".repeat(start.col as usize),
            "^".repeat(width.max(1) as usize)
        ));
    }
    out
}

fn snapshot(path: &str) {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = path.replace(['/', '.'], "_");
    insta::assert_snapshot!(name, render(&text));
}

#[test]
fn example_draft() {
    snapshot("examples/draft.md");
}

#[test]
fn markdown_structure() {
    snapshot("tests/fixtures/drafts/structure.md");
}
