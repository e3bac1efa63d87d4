//! Incremental checking gives exactly the findings of a full check: random
//! edit sequences over the repository's real drafts, in Markdown, plain text
//! and HTML, with the built-in configuration or a newsroom's, each edit
//! checked both ways by one long-lived checker.

use std::path::Path;

use copydesk::incremental::Checker;
use copydesk::{Config, Format};
use proptest::prelude::*;

/// The drafts: (text, the formats to read it in).
fn drafts() -> Vec<(String, Vec<Format>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut add = |dir: &str, ext: &str, formats: &[Format]| {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("draft directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("draft");
            out.push((text, formats.to_vec()));
        }
    };
    add(
        "tests/corpus/heldout",
        "md",
        &[Format::Markdown, Format::Plain],
    );
    add("tests/cases", "md", &[Format::Markdown]);
    add("examples", "md", &[Format::Markdown, Format::Plain]);
    add("tests/fixtures/drafts", "md", &[Format::Markdown]);
    add("tests/cases_html", "html", &[Format::Html]);
    add("tests/fixtures/html", "html", &[Format::Html]);
    out
}

/// Text an edit inserts: the marks and words that move findings across
/// block boundaries.
const INSERTS: &[&str] = &[
    "\"",
    "“",
    "”",
    "'",
    "’",
    "\n",
    "\n\n",
    " said Smith",
    ", she said. ",
    "Smith said: ",
    "\n\nThe mayor tweeted:\n\n",
    "Bonus fact:\n\n",
    "> ",
    "\n> — Ana Ruiz\n",
    "[the report](https://example.gov/r)",
    "[a fryer](https://amzn.to/3x)",
    " https://www.amazon.com/dp/B01?tag=x-20 ",
    "We may earn a commission when you buy through our links.",
    "Studies show ",
    "# ",
    "- ",
    "[^1]",
    "\n\n[^1]: A note.\n",
    "```\n",
    "<p>",
    "</p>",
    "<blockquote>",
    "&ldquo;",
    "<!-- ",
    " -->",
    "<!-- copydesk-disable-next-line -->\n",
    "<!-- copydesk-disable-line claim -->",
    " opined ",
    "x",
    " ",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert { at: usize, text: &'static str },
    Delete { at: usize, len: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), proptest::sample::select(INSERTS))
            .prop_map(|(at, text)| Edit::Insert { at, text }),
        1 => (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
    ]
}

/// The nearest char boundary at or before `at`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, edit: &Edit) {
    match *edit {
        Edit::Insert { at, text: t } => {
            let at = floor(text, at % (text.len() + 1));
            text.insert_str(at, t);
        }
        Edit::Delete { at, len } => {
            let start = floor(text, at % (text.len() + 1));
            let end = floor(text, start + len);
            text.replace_range(start..end, "");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full_check(
        pick in any::<usize>(),
        format_pick in any::<usize>(),
        newsroom in any::<bool>(),
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let drafts = drafts();
        let (draft, formats) = &drafts[pick % drafts.len()];
        let format = formats[format_pick % formats.len()];
        // The built-in rules, or a newsroom's: extra verbs and disclosures,
        // house rules, levels.
        let config = if newsroom {
            Config::from_toml(include_str!("../examples/newsroom/copydesk.toml"))
                .expect("the example configuration is valid")
        } else {
            Config::default()
        };
        let mut checker = Checker::new(format);
        let mut text = draft.clone();
        prop_assert_eq!(checker.check(&text, &config), copydesk::check(&text, format, &config));
        for e in &edits {
            apply(&mut text, e);
            prop_assert_eq!(
                checker.check(&text, &config),
                copydesk::check(&text, format, &config),
                "after {:?}", e
            );
        }
    }
}
