//! HTML is checked like the Markdown it was rendered from: every Markdown
//! draft the tests hold (the rule cases, the fixtures, the example), turned
//! into HTML by a Markdown renderer — which writes `"` as `&quot;` and `&` as
//! `&amp;`, wraps paragraphs in `<p>` and footnotes in
//! `<div class="footnote-definition">` — must get the same findings: the
//! same rules, over the same prose.

use std::path::Path;

use copydesk::markup::Document;
use copydesk::{check, Config, Format};
use pulldown_cmark::{html, Options, Parser};

/// A draft without its `⟦FAMILY|…⟧` marks.
fn unmarked(marked: &str) -> String {
    let mut out = String::new();
    let mut rest = marked;
    while let Some(open) = rest.find('⟦') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let (Some(sep), Some(close)) = (after.find('|'), after.find('⟧')) else {
            break;
        };
        out.push_str(&after[sep + 1..close]);
        rest = &after[close + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn to_html(markdown: &str) -> String {
    // The options the Markdown front end reads with, and as it reads: front
    // matter only at the very start (a renderer drops it), so a `---` line
    // further down is a section break, never the start of a metadata block.
    let mut opts = copydesk::markup::markdown_options();
    opts.remove(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    opts.remove(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    let body = &markdown[copydesk::markup::front_matter_len(markdown)..];
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(body, opts));
    out
}

/// Each finding's rule and the prose under it, whitespace collapsed.
fn read(text: &str, format: Format) -> Vec<(String, String)> {
    let doc = Document::parse(text, format);
    check(text, format, &Config::default())
        .iter()
        .map(|f| {
            let prose = doc.text(f.span).split_whitespace().collect::<Vec<_>>();
            (f.rule.to_string(), prose.join(" "))
        })
        .collect()
}

#[test]
fn rendered_markdown_reads_the_same_as_html() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut drafts = vec![root.join("examples/draft.md")];
    for dir in ["tests/cases", "tests/fixtures/drafts", "tests/fixtures/cli"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("directory exists")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        drafts.extend(files);
    }
    let mut compared = 0;
    let mut differences = Vec::new();
    for path in &drafts {
        let data = std::fs::read_to_string(path).expect("drafts are UTF-8");
        for (n, case) in data.split("\n=====\n").enumerate() {
            let markdown = unmarked(case.trim_matches('\n'));
            let html = to_html(&markdown);
            let (md, ht) = (read(&markdown, Format::Markdown), read(&html, Format::Html));
            compared += md.len();
            if md != ht {
                differences.push(format!(
                    "{} case {n}:\n  Markdown: {md:?}\n  HTML:     {ht:?}\n  {html:?}",
                    path.display()
                ));
            }
        }
    }
    assert!(
        compared >= 30,
        "expected findings to compare, found {compared}"
    );
    assert!(
        differences.is_empty(),
        "{} drafts read differently as HTML:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
