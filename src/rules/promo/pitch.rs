//! `promo.sales-pitch`: copy that urges the reader to buy — "save big",
//! "limited-time offer", "start your free trial", "[Check price at
//! Amazon](…)".
//!
//! Phrases come from `data/promo/sales_phrases.txt` (anywhere, or at the
//! start of a clause for imperatives like "Grab a jar …"), link texts from
//! `data/promo/link_calls.txt`. Quoted speech and attributed sentences ("The
//! airline said customers would receive a $100 travel credit") are reporting
//! and stay quiet; a price stated in a review has no pitch wording at all.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{alternation, build, entries, kind, CLAUSE_START, END, START};
use super::BlockScan;
use crate::span::Span;

const SALES: &str = include_str!("../../../data/promo/sales_phrases.txt");
const LINK_CALLS: &str = include_str!("../../../data/promo/link_calls.txt");

/// Any sales phrase: `anywhere` groups match as whole words, `start` groups
/// only at the start of a clause.
static PITCH: LazyLock<Regex> = LazyLock::new(|| {
    let anywhere = entries(SALES).filter(|e| !e.starts_with('^'));
    let start = entries(SALES).filter_map(|e| e.strip_prefix('^'));
    build(&format!(
        r"(?i){START}(?P<anywhere>{}){END}|{CLAUSE_START}{START}(?P<start>{}){END}",
        alternation(anywhere),
        alternation(start),
    ))
});

static LINK_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"(?i)^\W*(?:{})",
        alternation(kind(LINK_CALLS, "alone"))
    ))
});

static LINK_STORE: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"(?i)^\W*(?:{})",
        alternation(kind(LINK_CALLS, "store"))
    ))
});

/// "… at|on|from|via <a name>": where the link text says to buy. Case
/// matters here, so the preposition is matched in either case and the name
/// must start with a capital.
static WHERE_TO_BUY: LazyLock<Regex> =
    LazyLock::new(|| build(r"\b(?:[Aa]t|[Oo]n|[Ff]rom|[Vv]ia)\s+(?:the\s+)?\p{Lu}"));

/// Sales pitches in a block, one per sentence: the sentence span and the
/// first phrase found. Sentences in `skip` (already reported as codes) and
/// phrases inside `links` (already reported) are passed over.
pub(super) fn find(scan: &BlockScan<'_>, skip: &[Span], links: &[Span]) -> Vec<(Span, String)> {
    let mut found: Vec<(Span, String)> = Vec::new();
    for c in PITCH.captures_iter(scan.text) {
        let Some(m) = c.name("anywhere").or_else(|| c.name("start")) else {
            continue;
        };
        let at = Span::new(scan.base + m.start(), scan.base + m.end());
        if scan.in_quote(at.start) || links.iter().any(|l| l.start <= at.start && at.end <= l.end) {
            continue;
        }
        let sentence = scan.sentence_at(at.start);
        // A phrase anywhere in an attributed sentence is reported ("the
        // company said the limited-time offer ends Sunday"); an imperative
        // at a clause start is the outlet talking to the reader.
        let imperative = c.name("start").is_some();
        if !imperative && sentence.is_some_and(|s| scan.reported(s)) {
            continue;
        }
        let span = sentence.map_or(scan.block.span, |s| s.span);
        if skip.iter().any(|s| s.overlaps(span)) || found.iter().any(|(s, _)| *s == span) {
            continue;
        }
        let phrase = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        found.push((span, format!("Sales pitch (\"{phrase}\")")));
    }
    found
}

/// Links whose visible text is a shopping call to action ("Check price at
/// Amazon", "See it at Target", "Buy from Larkspur").
pub(super) fn link_calls(scan: &BlockScan<'_>, skip: &[Span]) -> Vec<(Span, String)> {
    let mut found = Vec::new();
    for link in scan.links {
        if skip.iter().any(|s| s.overlaps(link.span)) || scan.in_quote(link.span.start) {
            continue;
        }
        let text = scan.slice(link.text).trim();
        let call = LINK_ALONE.is_match(text)
            || LINK_STORE
                .find(text)
                .is_some_and(|m| WHERE_TO_BUY.is_match(&text[m.end()..]));
        if call {
            let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
            found.push((
                link.span,
                format!("Shopping call to action in a link (\"{shown}\")"),
            ));
        }
    }
    found
}
