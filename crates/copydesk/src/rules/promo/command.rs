//! Calls to action by grammar: a command to the reader whose object is
//! the seller itself — "Message us on WhatsApp at 07700 900123 to get the
//! day's headlines", "Stop by our booth at the county fair", "Find our
//! podcast on Spotify". No list of verbs: any verb the tagger reads as an
//! imperative opening the sentence counts, with "us" or "our" among the
//! first words after it and a channel later in the sentence (a platform,
//! the outlet's app, shop or booth, a phone number, a web address; `calls_to_action.txt`, `[outlet-channel]`).
//!
//! Quiet: quoted speech and attributed sentences (someone else's call,
//! reported); a newsroom asking for tips, letters, corrections or photos
//! (`[outlet-contact]`: "Email us at tips@ledger.com", "Send us your
//! photos of the storm"); a command with no "us" or "our" ("Call 911",
//! "Visit the county website for road closures"), which is service
//! journalism; the outlet as the subject ("We are on Instagram").

use std::sync::LazyLock;

use super::lexicon::{build, phrases, Regex};
use super::BlockScan;
use crate::analysis::tokens::Upos;
use crate::lexicon::section as kind;
use crate::span::Span;

const CALLS: &str = include_str!("../../../data/promo/calls_to_action.txt");

/// The most words before "us" or "our": the verb and a particle or
/// preposition ("Stop by our booth", "Come and see us at …").
const REACH: usize = 4;

static CHANNEL: LazyLock<Regex> = LazyLock::new(|| phrases(kind(CALLS, "outlet-channel")));
static CONTACT: LazyLock<Regex> = LazyLock::new(|| phrases(kind(CALLS, "outlet-contact")));

/// A phone number or a web address (with or without a path) whose ending
/// is one of `[web-tlds]`. Not an e-mail address alone: "Email us at
/// hello@smallhumans.example.com" is a contact line, the way a show or a
/// reporter signs off.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let tlds: Vec<String> = kind(CALLS, "web-tlds").map(regex::escape).collect();
    build(&format!(
        r"(?i)(?:\+?\d[\d ().-]{{6,}}\d)|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{})\b",
        tlds.join("|")
    ))
});

/// A verb of `[web-verb]` opening a clause.
static WEB_VERB: LazyLock<Regex> = LazyLock::new(|| {
    let verbs: Vec<&str> = kind(CALLS, "web-verb").collect();
    build(&format!(
        r"(?i){}(?:(?:please|just|so|and|then|now)\s+)?\b(?P<verb>{})\b",
        super::lexicon::CLAUSE_START,
        verbs.join("|")
    ))
});

/// "at" or "on" a web address whose ending is one of `[web-tlds]`.
static AT_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let tlds: Vec<String> = kind(CALLS, "web-tlds").map(regex::escape).collect();
    build(&format!(
        r"(?i)\b(?:at|on)\s+(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{})\b",
        tlds.join("|")
    ))
});

/// The first sentence of the block, outside `skip`, that commands the
/// reader to act at a web address (see the module's notes). Quoted and
/// attributed sentences are someone else's; a public service line is
/// dropped by the caller.
pub(super) fn web_call(scan: &BlockScan<'_>, skip: &[Span]) -> Option<Span> {
    let skipped = super::pitch::overlap_test(skip);
    let addresses: Vec<usize> = AT_ADDRESS
        .find_iter(scan.text)
        .map(|m| scan.base + m.start())
        .collect();
    if addresses.is_empty() {
        return None;
    }
    for c in WEB_VERB.captures_iter(scan.text) {
        let Some(v) = c.name("verb") else { continue };
        let (start, at) = (scan.base + v.start(), scan.base + v.end());
        let Some(sentence) = scan.sentence_at(start) else {
            continue;
        };
        if skipped(sentence.span) || scan.in_quote(start) || scan.reported(sentence) {
            continue;
        }
        if !addresses.iter().any(|&a| a >= at && a < sentence.span.end) {
            continue;
        }
        if commands(scan, sentence, start) {
            return Some(sentence.span);
        }
    }
    None
}

/// Words that follow a command as its object however the tagger reads
/// them.
const OBJECT_WORDS: &[&str] = &["one", "yours", "it", "them", "now", "today", "online"];

/// Whether the verb starting at `start` reads as a command: the tagger
/// does not make it a noun's or a subject's ("Open houses are listed at
/// …", "Order forms are at …", "Book sales rose"): the word after it is
/// no noun, no name and no verb with a tense.
fn commands(scan: &BlockScan<'_>, sentence: &crate::analysis::Sentence, start: usize) -> bool {
    let tokens = scan.analysis.tokens(sentence);
    let Some(i) = tokens.iter().position(|t| t.span.start == start) else {
        return false;
    };
    if tokens[i].upos == Upos::Aux || tokens[i].feats.is_finite() && tokens[i].feats.tense.is_some()
    {
        return false;
    }
    tokens
        .iter()
        .skip(i + 1)
        .find(|t| !matches!(t.upos, Upos::Punct | Upos::Sym))
        .is_some_and(|n| {
            // "one", "yours": the object an offer's command takes, which
            // the tagger may read as a noun ("open one in five minutes").
            let word = scan.slice(n.span);
            OBJECT_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
                || !(matches!(n.upos, Upos::Noun | Upos::Propn | Upos::Aux)
                    || n.upos == Upos::Verb && n.feats.is_finite())
        })
}

/// The sentences of the block that call the reader to the seller, passing
/// over those in `skip`; the first one.
pub(super) fn outlet_call(scan: &BlockScan<'_>, skip: &[Span]) -> Option<Span> {
    // Every sentence is tested against `skip`, which grows with the block
    // (a paragraph of promo codes): a search, not a scan, keeps it linear.
    let skipped = super::pitch::overlap_test(skip);
    for sentence in scan.sentences {
        if scan.reported(sentence) || skipped(sentence.span) {
            continue;
        }
        let tokens = scan.analysis.tokens(sentence);
        let words = tokens
            .iter()
            .filter(|t| !matches!(t.upos, Upos::Punct | Upos::Sym));
        let mut words = words.take(REACH + 1).enumerate();
        let Some((_, first)) = words.next() else {
            continue;
        };
        let Some((at, object)) = words.find(|(_, t)| {
            let w = scan.slice(t.span);
            w.eq_ignore_ascii_case("us") || w.eq_ignore_ascii_case("our")
        }) else {
            continue;
        };
        // A noun-verb homograph the tagger reads as a noun ("Message us",
        // "WhatsApp us", "DM us"): no noun takes "us" straight after it
        // (and "US" is the country).
        let homograph = at == 1
            && scan.slice(object.span) == "us"
            && matches!(first.upos, Upos::Noun | Upos::Propn);
        if scan.in_quote(object.span.start)
            || !(homograph || super::pitch::imperative_before(scan, sentence, object.span.start))
        {
            continue;
        }
        let rest = scan.slice(Span::new(object.span.start, sentence.span.end));
        // A host straight after "@" is an e-mail address's.
        let address = || {
            ADDRESS
                .find_iter(rest)
                .any(|m| !rest[..m.start()].ends_with('@'))
        };
        if (CHANNEL.is_match(rest) || address()) && !CONTACT.is_match(scan.slice(sentence.span)) {
            return Some(sentence.span);
        }
    }
    None
}
