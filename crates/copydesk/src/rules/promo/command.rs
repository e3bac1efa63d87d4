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

/// What a command sends the reader to: a store, an app store, a code
/// (`[reader-channel]`); web addresses and phone numbers are [`ADDRESS`].
static READER_CHANNEL: LazyLock<Regex> = LazyLock::new(|| phrases(kind(CALLS, "reader-channel")));
/// What a command holds for the reader ("yours", "your copy").
static READER_OBJECT: LazyLock<Regex> = LazyLock::new(|| phrases(kind(CALLS, "reader-object")));
/// An offer's purchase condition ("when you order", "your first month").
static CONDITION: LazyLock<Regex> = LazyLock::new(|| phrases(kind(CALLS, "condition")));
/// The reader as the one who gains ("you could save", `[benefit]`).
static BENEFIT: LazyLock<Regex> = LazyLock::new(|| phrases(kind(CALLS, "benefit")));
/// A price the command is for ("for $9.99", "from £5"): an offer when the
/// outlet sells its own thing; "Renew your licence for $35 at any
/// office" is an instruction.
static PRICE: LazyLock<Regex> =
    LazyLock::new(|| build(r"(?i)\b(?:for|from|just|only)\s+[$£€¥₹₩₽]\s?\d"));
/// A saving written as a number ("members save 10%").
static SAVING: LazyLock<Regex> = LazyLock::new(|| phrases(kind(CALLS, "saving")));
/// Verbs that send the reader to a source, not a sale (`[cite-verb]`).
static CITE_VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| kind(CALLS, "cite-verb").collect());

pub(super) fn compile_matchers() {
    for re in [
        &READER_CHANNEL,
        &READER_OBJECT,
        &CONDITION,
        &SAVING,
        &BENEFIT,
        &PRICE,
    ] {
        LazyLock::force(re);
    }
    LazyLock::force(&CITE_VERBS);
}

/// The verbs of a sentence that command the reader: a verb the tagger
/// reads with no tense and no subject, opening a clause (the sentence's
/// start, or after `:`, `;`, a dash or `(`), or after "and"/"or" when its
/// clause so far holds no subject's verb ("Gift three months and get the
/// fourth free", "Forward it along — or send them to …", not "Owners can
/// return it and get a refund"). A verb followed by a verb or a
/// subordinator takes a clause ("Imagine getting …", "See if …") and is
/// passed over. Their token indexes.
fn commands_in(
    scan: &BlockScan<'_>,
    sentence: &crate::analysis::Sentence,
    tokens: &[crate::analysis::tokens::Token],
) -> Vec<usize> {
    use crate::analysis::tokens::VerbForm;
    let mut found = Vec::new();
    // A noun-verb homograph opening the sentence, which the tagger reads
    // as a noun ("Preorder the print edition …", "Upgrade to …").
    if super::plug::homograph_command(scan, sentence) {
        if let Some(i) = tokens
            .iter()
            .position(|t| !matches!(t.upos, Upos::Punct | Upos::Sym))
        {
            found.push(i);
        }
    }
    let mut opens = true;
    // Whether the clause so far has a finite verb or an auxiliary, which
    // a coordinated command cannot follow.
    let mut tensed = false;
    let mut after_and = false;
    for (i, t) in tokens.iter().enumerate() {
        let word = scan.slice(t.span);
        if matches!(t.upos, Upos::Punct | Upos::Sym) {
            if matches!(word, ":" | ";" | "—" | "–" | "(") {
                (opens, tensed) = (true, false);
            }
            continue;
        }
        if t.upos == Upos::Cconj {
            after_and = !tensed;
            continue;
        }
        let bare = t.upos == Upos::Verb
            && t.feats.tense.is_none()
            && (matches!(t.feats.verb_form, Some(VerbForm::Fin | VerbForm::Inf))
                || (t.feats.verb_form == Some(VerbForm::Ger)
                    && crate::analysis::tokens::bare_form(word)));
        let clause_next = tokens
            .get(i + 1)
            .is_some_and(|n| matches!(n.upos, Upos::Verb | Upos::Aux | Upos::Sconj));
        if (opens || after_and) && bare && !clause_next {
            found.push(i);
        }
        // "you can / should / could …": the reader addressed as the
        // subject of what to do ("You can save 15% when you order by …").
        let addressed = i >= 2
            && t.upos == Upos::Verb
            && tokens[i - 1].upos == Upos::Aux
            && MODALS
                .iter()
                .any(|m| scan.slice(tokens[i - 1].span).eq_ignore_ascii_case(m))
            && scan.slice(tokens[i - 2].span).eq_ignore_ascii_case("you");
        if addressed && !clause_next {
            found.push(i);
        }
        tensed = tensed || t.upos == Upos::Aux || t.is_finite_verb();
        (opens, after_and) = (false, false);
    }
    found
}

/// Whether a verb commanding the reader ([`commands_in`], or the bare
/// first word of its sentence before what follows a verb), not one of
/// `[cite-verb]` and not quoted, starts at `at`: a link's text that opens
/// with one is a call ("[Build and price your …](…)"), one that opens
/// with "Read" or an adjective ("[Inside your council's budget](…)")
/// cites.
pub(super) fn reader_command_at(scan: &BlockScan<'_>, at: usize) -> bool {
    let Some(sentence) = scan.sentence_at(at) else {
        return false;
    };
    let tokens = scan.analysis.tokens(sentence);
    let cites = |t: &crate::analysis::tokens::Token| {
        let word = scan.slice(t.span);
        CITE_VERBS.iter().any(|c| word.eq_ignore_ascii_case(c))
    };
    if scan.in_quote(at) {
        return false;
    }
    if commands_in(scan, sentence, tokens)
        .into_iter()
        .any(|i| tokens[i].span.start == at && !cites(&tokens[i]))
    {
        return true;
    }
    // A link's text opening its sentence has no subject before it: its
    // first word in its bare form, which the tagger may read as a noun or
    // a present tense ("Build and price your …"), followed by what
    // follows a verb (a conjunction, a pronoun, a determiner or a
    // preposition), as `plug::homograph_command` reads a sentence's.
    let mut words = tokens
        .iter()
        .skip_while(|t| matches!(t.upos, Upos::Punct | Upos::Sym));
    let (Some(first), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    first.span.start == at
        && matches!(first.upos, Upos::Verb | Upos::Noun)
        && crate::analysis::tokens::bare_form(scan.slice(first.span))
        && !cites(first)
        && matches!(next.upos, Upos::Cconj | Upos::Pron | Upos::Det | Upos::Adp)
}

/// The most commands read per sentence: each searches the rest of the
/// sentence, so a hostile run-on of commands stays linear; far past any
/// ad's ("Book by Friday, and save 15%").
const MAX_COMMANDS: usize = 8;

/// The modals of advice and ability after "you" that address the
/// reader as a command does.
const MODALS: &[&str] = &["can", "should", "could", "may", "might", "must"];

/// Whether "free" at token `i` is an offer's complement, with no noun
/// after it: "Subscribe free.", "get the fourth free when you order",
/// "Try it free for 30 days" (not "free parking", "free of charge",
/// "feel free to").
fn free_complement(
    scan: &BlockScan<'_>,
    tokens: &[crate::analysis::tokens::Token],
    i: usize,
) -> bool {
    let t = &tokens[i];
    if !scan.slice(t.span).eq_ignore_ascii_case("free") {
        return false;
    }
    if i > 0 && scan.slice(tokens[i - 1].span).eq_ignore_ascii_case("feel") {
        return false;
    }
    tokens.get(i + 1).is_none_or(|n| {
        let w = scan.slice(n.span);
        matches!(n.upos, Upos::Punct | Upos::Sconj | Upos::Cconj)
            || (matches!(n.upos, Upos::Adp | Upos::Adv)
                && !w.eq_ignore_ascii_case("of")
                && !w.eq_ignore_ascii_case("from"))
    })
}

/// A command to the reader read by its parts (`calls_to_action.txt`,
/// `[reader-object]` and the kinds after it): a verb commanding the reader
/// ([`commands_in`]), not one of `[cite-verb]`, and after it in the
/// sentence somewhere to go (a web address, a phone number, a store or a
/// code) or the outlet's own ("our", "us", there or in the block's
/// sentence before), with something on offer, held for the reader or
/// conditioned on buying; or an offer with the reader's own or its
/// condition. The first such sentence outside `skip`. Quoted and
/// attributed sentences are someone else's; a newsroom's contact line
/// (`[outlet-contact]`) is not a sale.
pub(super) fn reader_call(scan: &BlockScan<'_>, skip: &[Span]) -> Option<Span> {
    let skipped = super::pitch::overlap_test(skip);
    let offers = scan.regex(&super::FILTERS.plug.cta_offer);
    let mut before: Option<&crate::analysis::Sentence> = None;
    for sentence in scan.sentences {
        let prev = before.replace(sentence);
        if skipped(sentence.span) || scan.reported(sentence) {
            continue;
        }
        let text = scan.slice(sentence.span);
        if CONTACT.is_match(text) {
            continue;
        }
        let tokens = scan.analysis.tokens(sentence);
        for i in commands_in(scan, sentence, tokens)
            .into_iter()
            .take(MAX_COMMANDS)
        {
            let verb = &tokens[i];
            let word = scan.slice(verb.span);
            if scan.in_quote(verb.span.start)
                || CITE_VERBS.iter().any(|c| word.eq_ignore_ascii_case(c))
            {
                continue;
            }
            let rest = scan.slice(Span::new(verb.span.start, sentence.span.end));
            let own_word = |s: &str| {
                s.split(|c: char| !c.is_alphanumeric()).any(|w| {
                    w.eq_ignore_ascii_case("our") || w.eq_ignore_ascii_case("my") || w == "us"
                })
            };
            let channel = READER_CHANNEL.is_match(rest)
                || ADDRESS
                    .find_iter(rest)
                    .any(|m| !rest[..m.start()].ends_with('@'));
            let own = own_word(rest)
                || prev.is_some_and(|p| {
                    !scan.reported(p)
                        && !scan.in_quote(p.span.start)
                        && own_word(scan.slice(p.span))
                });
            let offer = SAVING.is_match(rest)
                || BENEFIT.is_match(rest)
                || (own && PRICE.is_match(rest))
                || offers.as_ref().is_some_and(|re| re.is_match(rest))
                || (i..tokens.len()).any(|j| free_complement(scan, tokens, j));
            // "Save 15% …" as the command itself: the saving is the
            // reader's to take (not "save 15% of your pay").
            let held = READER_OBJECT.is_match(rest)
                || SAVING.find(rest).is_some_and(|m| {
                    let lead = rest[..m.start()].trim_end();
                    // The command's own verb, or one joined to it by
                    // "and" ("Book by Nov. 15 and save 15%!").
                    (m.start() == 0 || lead.ends_with(" and") || lead.ends_with(" or"))
                        && !rest[m.end()..].trim_start().starts_with("of ")
                });
            let condition = CONDITION.is_match(rest);
            if ((channel || own) && (offer || held || condition)) || (offer && (held || condition))
            {
                return Some(sentence.span);
            }
        }
    }
    None
}
