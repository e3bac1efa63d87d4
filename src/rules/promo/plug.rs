//! `promo.plug`: blocks that plug other content or carry an ad rather than
//! the story — "Trending:" / "READ MORE:" labels, newsletter sign-up pitches,
//! sponsor blurbs and native-ad ("chumbox") headlines.
//!
//! Labels count only at the start of a block, sponsor and sign-up wording
//! only at the start of a clause, native-ad wording only in a headline-cased
//! sentence: prose that mentions "related", "sponsored" or a newsletter in
//! passing is reporting. Lists: `data/promo/{plug_prefixes,sponsor_lines,
//! signup_calls,native_ads}.txt`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{build, entries, fragment, kind, phrases, CLAUSE_START, END, START};
use super::BlockScan;
use crate::markup::BlockKind;
use crate::span::Span;

const PREFIXES: &str = include_str!("../../../data/promo/plug_prefixes.txt");
const SPONSORS: &str = include_str!("../../../data/promo/sponsor_lines.txt");
const SIGNUPS: &str = include_str!("../../../data/promo/signup_calls.txt");
const NATIVE: &str = include_str!("../../../data/promo/native_ads.txt");

/// How a label from `plug_prefixes.txt` may be used.
#[derive(Debug, Clone, Copy, Default)]
struct LabelUse {
    /// `Trending:` — followed by a separator.
    separated: bool,
    /// `Sponsored` — alone, or followed by a separator.
    alone: bool,
    /// `More from …` — followed by anything, in a short block.
    short: bool,
    /// `@body`: not in headings.
    body_only: bool,
}

struct Labels {
    re: Regex,
    uses: HashMap<String, LabelUse>,
}

fn normalize(label: &str) -> String {
    label
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    let mut uses: HashMap<String, LabelUse> = HashMap::new();
    for e in entries(PREFIXES) {
        let (e, body_only) = match e.strip_suffix("@body") {
            Some(rest) => (rest.trim_end(), true),
            None => (e, false),
        };
        let (label, set): (&str, fn(&mut LabelUse)) = if let Some(l) = e.strip_suffix('…') {
            (l.trim(), |u| u.short = true)
        } else if let Some(l) = e.strip_suffix(':') {
            (l.trim(), |u| u.separated = true)
        } else {
            (e, |u| u.alone = true)
        };
        let u = uses.entry(normalize(label)).or_default();
        set(u);
        u.body_only |= body_only;
    }
    let mut labels: Vec<&String> = uses.keys().collect();
    // Longest first, so `Trending now` wins over `Trending`.
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let alt = labels
        .iter()
        .map(|l| format!("(?:{})", fragment(&regex::escape(l))))
        .collect::<Vec<_>>()
        .join("|");
    Labels {
        re: build(&format!(
            r"(?i)^(?:&[a-z]+;|&#\d+;|[^\p{{L}}\p{{N}}&])*(?P<label>{alt}){END}"
        )),
        uses,
    }
});

static SPONSOR: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"(?i){CLAUSE_START}{START}(?:(?P<any>{})|(?P<short>{})){END}",
        super::lexicon::alternation(kind(SPONSORS, "any")),
        super::lexicon::alternation(kind(SPONSORS, "short")),
    ))
});

static SIGNUP_CALL: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"(?i){CLAUSE_START}(?:(?:click|tap)(?:/tap)?\s+here\s+to\s+|please\s+|you\s+can\s+|be\s+sure\s+to\s+|don['’]t\s+forget\s+to\s+|and\s+)?{START}(?:(?P<alone>{})|(?P<call>{})){END}",
        super::lexicon::alternation(kind(SIGNUPS, "alone")),
        super::lexicon::alternation(kind(SIGNUPS, "call")),
    ))
});

static SIGNUP_OBJECT: LazyLock<Regex> =
    LazyLock::new(|| phrases(kind(SIGNUPS, "object").chain(kind(SIGNUPS, "inbox"))));

static NATIVE_AD: LazyLock<Regex> = LazyLock::new(|| phrases(entries(NATIVE)));

/// A separator after a label: `:`, `|`, a dash, `>>`, or nothing but
/// punctuation to the end of the block.
fn separated(rest: &str) -> bool {
    let r = rest.trim_start();
    r.starts_with([':', '|', '–', '—', '»', '>', '：'])
        || r.starts_with("- ")
        || r.starts_with("&gt;")
        || r.chars().all(|c| !c.is_alphanumeric())
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Ends a sentence, or introduces what follows (`More from Fox News:`).
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ')' | '”' | '"'))
        .ends_with(['.', '?', '!', ':'])
}

/// Most longer words capitalized: a headline, not prose.
fn headline_cased(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().take_while(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && caps * 4 >= words.len() * 3
}

/// The plug in a block, if it is one: its span and message. A native-ad
/// headline that is the text of an already-flagged link is left to the link.
pub(super) fn find(scan: &BlockScan<'_>, flagged_links: &[Span]) -> Option<(Span, String)> {
    let text = scan.text;
    let whole = scan.block.span;
    let heading = matches!(scan.block.kind, BlockKind::Heading(_));
    if let Some(label) = label(text, heading) {
        return Some((whole, format!("\"{label}\" plug in the story")));
    }
    if let Some(c) = SPONSOR.captures(text) {
        let any = c.name("any");
        let hit = any.or_else(|| c.name("short"));
        if let Some(m) = hit {
            if (any.is_some() || word_count(text) <= 12) && !scan.in_quote(scan.base + m.start()) {
                return Some((whole, "Sponsor line in the story".to_owned()));
            }
        }
    }
    for c in SIGNUP_CALL.captures_iter(text) {
        // An imperative at a clause start is the outlet's voice: no
        // attribution check, only quoted speech is someone else's.
        if let Some(alone) = c.name("alone") {
            if !scan.in_quote(scan.base + alone.start()) {
                return Some((whole, "Sign-up pitch in the story".to_owned()));
            }
            continue;
        }
        let Some(call) = c.name("call") else { continue };
        let rest = text.get(call.start()..).unwrap_or("");
        let clause_end = rest.find(['.', '?', '!']).map_or(rest.len(), |i| i + 1);
        let clause = &rest[..clause_end];
        if !SIGNUP_OBJECT.is_match(clause) || scan.in_quote(scan.base + call.start()) {
            continue;
        }
        return Some((whole, "Newsletter sign-up pitch in the story".to_owned()));
    }
    if scan.block.kind != BlockKind::Heading(1) {
        for m in NATIVE_AD.find_iter(text) {
            let at = scan.base + m.start();
            let span = scan.sentence_at(at).map_or(whole, |s| s.span);
            // No quotation check: ad headlines use scare quotes ("Super
            // Coffee"), and a headline-cased sentence is not reported speech.
            if headline_cased(scan.slice(span)) && !flagged_links.iter().any(|l| l.overlaps(span)) {
                return Some((span, format!("Native-ad headline (\"{}\")", m.as_str())));
            }
        }
    }
    None
}

/// The plug label a block starts with, as written.
fn label(text: &str, heading: bool) -> Option<&str> {
    let c = LABELS.re.captures(text)?;
    let m = c.name("label")?;
    let found = m.as_str();
    let uses = LABELS
        .uses
        .get(&normalize(found))
        .copied()
        .unwrap_or_default();
    if heading && uses.body_only {
        return None;
    }
    let rest = text.get(m.end()..).unwrap_or("");
    let shouted = found.chars().any(char::is_alphabetic)
        && !found.chars().any(char::is_lowercase)
        && rest.starts_with(char::is_whitespace)
        && rest
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || c.is_numeric() || "\"“‘'[".contains(c));
    let ok = ((uses.separated || uses.alone) && separated(rest))
        || (uses.separated && shouted)
        || (uses.short && word_count(text) <= 8 && !ends_sentence(text));
    ok.then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for (text, want) in [
            (
                "Trending: Parkland running back breaks record",
                Some("Trending"),
            ),
            ("TRENDING NOW: Something", Some("TRENDING NOW")),
            (
                "TRENDING THIS VERY SECOND",
                Some("TRENDING THIS VERY SECOND"),
            ),
            ("WATCH Chris Hemsworth Goes Undercover", Some("WATCH")),
            ("Don’t miss: 9 cooling towels", Some("Don’t miss")),
            ("  📬  READ MORE: Ex-pastor accused", Some("READ MORE")),
            ("&gt;&gt; Related: More than 900 groups", Some("Related")),
            ("Sponsored", Some("Sponsored")),
            ("ADVERTISEMENT", Some("ADVERTISEMENT")),
            ("More from Newsweek", Some("More from")),
            ("Trending - Most Read Stories", Some("Trending")),
            (
                "Don’t miss the fact that the representative wants more",
                None,
            ),
            ("Watch the video above for more reaction.", None),
            (
                "Related stories have appeared in other papers, and readers noticed.",
                None,
            ),
            ("Advertisement spending rose 4% last year.", None),
            (
                "Sponsored content is a growing business for publishers.",
                None,
            ),
            ("More than 3,800 flights were delayed.", None),
            ("Trending topics on Twitter included the storm.", None),
        ] {
            assert_eq!(label(text, false), want, "{text}");
        }
    }

    #[test]
    fn headline_case() {
        assert!(headline_cased(
            "No Pill Can Stop Tinnitus, But This 1 Weird Trick Can"
        ));
        assert!(!headline_cased(
            "there is no weird trick to saving money, she said"
        ));
    }
}
