//! Incremental checking gives exactly the findings of a full check: random
//! edit sequences over the repository's real drafts, in Markdown, plain text
//! and HTML, with the built-in configuration or a newsroom's, each edit
//! checked both ways by one long-lived checker.

use std::path::Path;

use copydesk::incremental::Checker;
use copydesk::markup::{Document, Parsed, Reparsed};
use copydesk::{Config, Format};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

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
    "~~~\n",
    "1. ",
    "\n===\n",
    "\n---\n",
    "+++\n",
    "* ",
    "    ",
    "| a | b |\n|---|---|\n",
    "[ref]",
    "\n\n[ref]: https://example.com\n",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert {
        at: usize,
        text: &'static str,
    },
    Delete {
        at: usize,
        len: usize,
    },
    /// Join a line to the next: delete the `nth` line break (mod their count).
    Join {
        nth: usize,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), proptest::sample::select(INSERTS))
            .prop_map(|(at, text)| Edit::Insert { at, text }),
        1 => (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        1 => any::<usize>().prop_map(|nth| Edit::Join { nth }),
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
        Edit::Join { nth } => {
            let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
            if !breaks.is_empty() {
                let at = breaks[nth % breaks.len()];
                text.replace_range(at..at + 1, "");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(18),
        ..ProptestConfig::default()
    })]

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

/// The Markdown drafts only.
fn markdown_drafts() -> Vec<String> {
    drafts()
        .into_iter()
        .filter(|(_, formats)| formats.contains(&Format::Markdown))
        .map(|(text, _)| text)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 160,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(10),
        ..ProptestConfig::default()
    })]

    /// Re-parsing only the blocks an edit touched gives the document a
    /// full parse gives, through a sequence of edits that open and close
    /// fences, lists, quotes, headings, tables, definitions and HTML.
    #[test]
    fn a_spliced_parse_equals_a_full_parse(
        pick in any::<usize>(),
        edits in proptest::collection::vec(edit(), 1..24),
    ) {
        let drafts = markdown_drafts();
        let mut text = drafts[pick % drafts.len()].clone();
        let mut parsed = Parsed::new(&text);
        for e in &edits {
            let before = parsed.document().clone();
            let old_len = text.len();
            apply(&mut text, e);
            let how = parsed.update(&text);
            let doc = parsed.document();
            prop_assert_eq!(
                doc,
                &Document::parse(&text, Format::Markdown),
                "after {:?} ({:?})", e, how
            );
            // The blocks the update says it kept are the old ones, those
            // after the edit moved by its length (the checker reuses
            // their fingerprints).
            if let Some(changed) = parsed.changed_blocks() {
                let moved = changed.new.start + changed.old_len;
                prop_assert_eq!(
                    before.blocks.len() - moved,
                    doc.blocks.len() - changed.new.end
                );
                prop_assert_eq!(&doc.blocks[..changed.new.start], &before.blocks[..changed.new.start]);
                for (new, old) in doc.blocks[changed.new.end..].iter().zip(&before.blocks[moved..]) {
                    prop_assert_eq!(new.span.start + old_len, old.span.start + text.len());
                    prop_assert_eq!(doc.text(new.span), before.text(old.span));
                    prop_assert_eq!(new.links.len(), old.links.len());
                    prop_assert_eq!(
                        (new.kind, new.quote_depth, new.in_footnote, new.footnote_refs.len()),
                        (old.kind, old.quote_depth, old.in_footnote, old.footnote_refs.len())
                    );
                }
            }
        }
    }
}

/// One-character edits across the 10,000-word benchmark draft, as
/// `examples/lsp_bench.rs` types them: nearly all re-parse a small part of
/// it, and every result equals a full parse.
#[test]
fn a_keystroke_reparses_a_small_part_of_the_draft() {
    let draft = include_str!("../benches/data/draft-10k.md");
    let mut text = draft.to_string();
    let mut parsed = Parsed::new(&text);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let (mut whole, mut bytes) = (0, 0);
    let edits = 300;
    for _ in 0..edits {
        let at = (0..=next(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        if next(3) == 0 && at > 0 {
            let from = (0..at)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            text.replace_range(from..at, "");
        } else {
            text.insert(at, b"etaoin ,.\"'\n"[next(12)] as char);
        }
        match parsed.update(&text) {
            Reparsed::Whole => whole += 1,
            Reparsed::Part(range) => bytes += range.len(),
            Reparsed::Nothing => {}
        }
        assert_eq!(parsed.document(), &Document::parse(&text, Format::Markdown));
    }
    // The draft has footnotes, a comment and a code fence: edits to those
    // blocks and to their neighbours are parsed whole.
    assert!(whole * 10 < edits, "{whole} of {edits} edits parsed whole");
    assert!(
        bytes / edits < draft.len() / 50,
        "{} bytes re-parsed per edit of {}",
        bytes / edits,
        draft.len()
    );
}

/// `promo.undisclosed` as a disclosure is typed into a draft with an
/// affiliate link one character at a time, then taken apart: the checker
/// keeps where the last disclosure was and looks again only around each
/// edit, so every step is compared with a full check. The disclosures run
/// over a line break and a blank line (a space in a list's phrase is any
/// run of whitespace), sit next to another one, and are broken by a full
/// stop typed into them.
#[test]
fn typing_and_taking_apart_a_disclosure_matches_a_full_check() {
    let draft = "# Best fryers\n\nThe [Acme fryer](https://amzn.to/3x) is our pick. \
                 It heats fast.\n\nReaders liked it, too.\n\nEnd.\n";
    let disclosures = [
        "We may earn a commission when you buy through our links. ",
        "We may earn a\ncommission. ",
        "This post contains affiliate\n\nlinks. ",
    ];
    // Where each is typed: after a sentence, before the end, at the start
    // (beside the heading), and, for the second pass, beside another one.
    let places = [
        draft.find("It heats").unwrap(),
        draft.find("End.").unwrap(),
        0,
    ];
    let config = Config::default();
    let check = |checker: &mut Checker, text: &str, what: &str| {
        assert_eq!(
            checker.check(text, &config),
            copydesk::check(text, Format::Markdown, &config),
            "{what}: {text:?}"
        );
    };
    for other in [
        "",
        "As an Amazon Associate we earn from qualifying purchases.\n\n",
    ] {
        for disclosure in disclosures {
            for at in places {
                let mut text = format!("{other}{draft}");
                let at = at + other.len();
                let mut checker = Checker::new(Format::Markdown);
                check(&mut checker, &text, "before");
                // Typed one character at a time.
                for (i, c) in disclosure.char_indices() {
                    text.insert(at + i, c);
                    check(&mut checker, &text, "typed");
                }
                // A full stop typed into each word gap and taken out again.
                for (i, _) in disclosure.match_indices(' ') {
                    text.insert(at + i, '.');
                    check(&mut checker, &text, "full stop in");
                    text.remove(at + i);
                    check(&mut checker, &text, "full stop out");
                }
                // Taken apart from its middle outwards.
                let mut middle = at + disclosure.len() / 2;
                for _ in 0..disclosure.len() {
                    middle = middle.min(at + disclosure.len() - 1);
                    if !text.is_char_boundary(middle) || middle >= text.len() {
                        break;
                    }
                    text.remove(middle);
                    check(&mut checker, &text, "deleted");
                    middle = middle.saturating_sub(1).max(at);
                }
            }
        }
    }
}

/// A cold check of a long draft checks its units on two threads
/// (`Checker::units_in_parallel`, from 12,000 bytes of prose): the same
/// findings as a full check, added in the same order. The drafts are the
/// repository's, joined into long ones in every format they are read in:
/// each alone repeated (units with the fingerprint of an earlier one, which
/// are checked once), and all of a directory in a row. Each long draft is
/// then edited once, and again compared.
#[test]
fn a_cold_check_on_two_threads_matches_a_full_check() {
    let config = Config::default();
    let newsroom = Config::from_toml(include_str!("../examples/newsroom/copydesk.toml"))
        .expect("the example configuration is valid");
    let drafts = drafts();
    let mut long: Vec<(String, Format)> = Vec::new();
    for format in [Format::Markdown, Format::Plain, Format::Html] {
        let of_format: Vec<&String> = drafts
            .iter()
            .filter(|(_, formats)| formats.contains(&format))
            .map(|(text, _)| text)
            .collect();
        for text in &of_format {
            let times = 12_000 / text.len().max(1) + 2;
            long.push((vec![text.as_str(); times].join("\n\n"), format));
        }
        for chunk in of_format.chunks(8) {
            let joined: Vec<&str> = chunk.iter().map(|t| t.as_str()).collect();
            long.push((joined.join("\n\n"), format));
        }
    }
    let draft_10k = include_str!("../benches/data/draft-10k.md");
    long.push((draft_10k.to_owned(), Format::Markdown));
    long.push((draft_10k.to_owned(), Format::Plain));
    let mut parallel = 0;
    for (i, (text, format)) in long.iter().enumerate() {
        let config = if i % 3 == 0 { &newsroom } else { &config };
        let mut checker = Checker::new(*format).always_parallel();
        if Document::parse(text, *format).prose.len() >= 12_000 {
            parallel += 1;
        }
        assert_eq!(
            checker.check(text, config),
            copydesk::check(text, *format, config),
            "draft {i} ({format:?}, {} bytes), cold",
            text.len()
        );
        let mut edited = text.clone();
        let at = floor(&edited, edited.len() / 2);
        edited.insert_str(at, "\n\nThe mayor said: \"We will buy now.\"\n\n");
        assert_eq!(
            checker.check(&edited, config),
            copydesk::check(&edited, *format, config),
            "draft {i} ({format:?}), edited"
        );
    }
    assert!(
        parallel >= 10,
        "only {parallel} drafts long enough for two threads"
    );
}
