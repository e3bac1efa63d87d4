//! Arbitrary text never panics the tokenizer or the tagger, and every span
//! is in bounds, on char boundaries, non-empty, ordered and not
//! overlapping. Plus the large inputs the engine can meet: 1 MB lines.

use copydesk_tagger::{tokenize, Span, Tagger};
use proptest::prelude::*;

fn check_spans(text: &str, spans: impl Iterator<Item = Span>) {
    let mut last_end = 0usize;
    for s in spans {
        let (a, b) = (s.start as usize, s.end as usize);
        assert!(a < b, "empty span {a}..{b} in {text:?}");
        assert!(b <= text.len(), "span {a}..{b} past the end of {text:?}");
        assert!(
            a >= last_end,
            "span {a}..{b} overlaps the one before in {text:?}"
        );
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "span {a}..{b} splits a char in {text:?}"
        );
        assert!(
            !text[a..b].chars().all(char::is_whitespace),
            "whitespace token {a}..{b} in {text:?}"
        );
        last_end = b;
    }
}

fn check(text: &str) {
    let mut spans = Vec::new();
    tokenize(text, &mut spans);
    check_spans(text, spans.iter().copied());
    let mut tokens = Vec::new();
    Tagger::embedded().tag(text, &mut tokens);
    assert_eq!(tokens.len(), spans.len());
    check_spans(text, tokens.iter().map(|t| t.span));
}

/// Pieces that exercise the tokenizer's special cases, glued at random.
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("'"),
        Just("’"),
        Just("n't"),
        Just("'s"),
        Just("’ll"),
        Just("."),
        Just(".."),
        Just(","),
        Just("-"),
        Just("—"),
        Just("\""),
        Just("“"),
        Just("”"),
        Just("("),
        Just(")"),
        Just("http://"),
        Just("www."),
        Just("@"),
        Just("a"),
        Just("U"),
        Just("S"),
        Just("1"),
        Just("0"),
        Just(":"),
        Just("/"),
        Just("&"),
        Just(" "),
        Just("\t"),
        Just("\u{200D}"),
        Just("\u{0301}"),
        Just("👍"),
        Just("🏽"),
        Just("\u{FEFF}"),
        Just("\u{202E}"),
        Just("עברית"),
        Just("ع"),
        Just("\0"),
        Just("Dr"),
        Just("cannot"),
        Just("gonna"),
        Just("com"),
        Just("İ"),
        Just("ß"),
        Just("\u{10FFFF}"),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn tricky_strings_never_panic(text in tricky()) {
        check(&text);
    }
}

#[test]
fn megabyte_lines() {
    // One sentence of 1 MB with no period, words and then one endless word,
    // and runs of one punctuation mark.
    let words = "the council will vote on it again ".repeat(30_000);
    let word = "a".repeat(1 << 20);
    let dots = ".".repeat(1 << 20);
    let quotes = "'".repeat(1 << 20);
    let hyphens = "a-".repeat(1 << 19);
    let emoji = "👍🏽".repeat(1 << 17);
    for text in [&words, &word, &dots, &quotes, &hyphens, &emoji] {
        let mut spans = Vec::new();
        tokenize(text, &mut spans);
        check_spans(text, spans.iter().copied());
    }
    // Tagging one of them end to end (the tokenizer is the part with
    // loops over the text; the tagger is per token).
    let mut tokens = Vec::new();
    Tagger::embedded().tag(&words[..words.len() / 4], &mut tokens);
    assert!(tokens.len() > 50_000);
    Tagger::embedded().tag(&word, &mut tokens);
    assert_eq!(tokens.len(), 1);
}
