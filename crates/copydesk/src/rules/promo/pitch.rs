//! `promo.sales-pitch`: copy that urges the reader to buy — "save big",
//! "limited-time offer", "start your free trial", "[Check price at
//! Amazon](…)".
//!
//! Phrases come from `data/promo/sales_phrases.txt` (anywhere, or at the
//! start of a clause for imperatives like "Grab a jar …"), link texts from
//! `data/promo/link_calls.txt`. Quoted speech and attributed sentences ("The
//! airline said customers would receive a $100 travel credit") are reporting
//! and stay quiet; a price stated in a review has no pitch wording at all.
//!
//! Deals in any currency or form ("£5 off", "two for one", "BOGO", "free
//! shipping", `data/promo/deals.txt`) are a pitch only in a sentence that
//! offers them to the reader — second person, an imperative, a deadline —
//! and is not about a scam, a recall or a fine.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::filter::{Builder, Family};
use super::lexicon::{build, Regex, CLAUSE_START, END, START};
use super::BlockScan;
use crate::lexicon::section as kind;
use crate::span::Span;

const SALES: &str = include_str!("../../../data/promo/sales_phrases.txt");
const LINK_CALLS: &str = include_str!("../../../data/promo/link_calls.txt");
pub(super) const DEALS: &str = include_str!("../../../data/promo/deals.txt");

/// What may come before a link text's call: "Watch the trailer and …".
const LINK_LEAD: &str = r"(?:[^.!?]*?\s(?:and|then)\s+)?";

/// The pitch lists, as families of the promo prefilter.
pub(super) struct Lists {
    /// Any sales phrase: `anywhere` entries match as whole words, `start`
    /// entries only at the start of a clause.
    pub(super) pitch: Family,
    pub(super) link_alone: Family,
    pub(super) link_store: Family,
    /// Deals in any currency (`deals.txt`), and what makes a sentence
    /// offer one: `voice` anywhere or an `imperative` opening a clause;
    /// `not`: what makes it reporting.
    pub(super) deal: Family,
    pub(super) deal_voice: Family,
    pub(super) deal_not: Family,
}

fn owned(items: impl Iterator<Item = &'static str>) -> Vec<String> {
    items.map(str::to_owned).collect()
}

pub(super) fn lists(b: &mut Builder) -> Lists {
    let anywhere = kind(SALES, "phrases").filter(|e| !e.starts_with('^'));
    let start = kind(SALES, "phrases").filter_map(|e| e.strip_prefix('^'));
    Lists {
        pitch: b.family(
            vec![
                anywhere.map(str::to_owned).collect(),
                start.map(str::to_owned).collect(),
            ],
            |s| {
                format!(
                    r"(?i){START}(?P<anywhere>{}){END}|{CLAUSE_START}{START}(?P<start>{}){END}",
                    s[0], s[1]
                )
            },
        ),
        link_alone: b.family(
            vec![kind(LINK_CALLS, "alone").map(str::to_owned).collect()],
            |s| format!(r"(?i)^\W*{LINK_LEAD}(?:{})", s[0]),
        ),
        link_store: b.family(
            vec![kind(LINK_CALLS, "store").map(str::to_owned).collect()],
            |s| format!(r"(?i)^\W*(?:{})", s[0]),
        ),
        deal: b.family(vec![owned(kind(DEALS, "deal"))], |s| {
            format!(r"(?i){START}(?:{}){END}", s[0])
        }),
        deal_voice: b.family(
            vec![
                owned(kind(DEALS, "voice")),
                owned(kind(DEALS, "imperative")),
            ],
            |s| {
                format!(
                    r"(?i){START}(?:{}){END}|{CLAUSE_START}{START}(?:{}){END}",
                    s[0], s[1]
                )
            },
        ),
        deal_not: b.family(vec![owned(kind(DEALS, "not"))], |s| {
            format!(r"(?i){START}(?:{}){END}", s[0])
        }),
    }
}

/// Deals offered to the reader (see `deals.txt`): one per sentence, the
/// sentence and the deal. Sentences in `skip` (already reported) are
/// passed over.
pub(super) fn deals(scan: &BlockScan<'_>, skip: &[Span]) -> Vec<(Span, String)> {
    let mut found: Vec<(Span, String)> = Vec::new();
    let lists = &super::FILTERS.pitch;
    let Some(deal) = scan.regex(&lists.deal) else {
        return found;
    };
    let voice = scan.regex(&lists.deal_voice);
    let not = scan.regex(&lists.deal_not);
    for m in deal.find_iter(scan.text) {
        let at = scan.base + m.start();
        let Some(sentence) = scan.sentence_at(at) else {
            continue;
        };
        let span = sentence.span;
        if scan.in_quote(at)
            || scan.reported(sentence)
            || skip.iter().any(|s| s.overlaps(span))
            || found.iter().any(|(s, _)| *s == span)
        {
            continue;
        }
        let text = scan.slice(span);
        let offered = voice
            .as_ref()
            .is_some_and(|re| re.find_iter(text).any(|v| !ends_range(text, v)))
            || imperative_before(scan, sentence, at)
            || ad_copy(scan, sentence, at)
            || sends_to_address(text);
        if !offered || not.as_ref().is_some_and(|re| re.is_match(text)) {
            continue;
        }
        let phrase = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        found.push((span, format!("Deal offered to the reader (\"{phrase}\")")));
    }
    found
}

/// Whether a sentence sends the reader to a web address written out in
/// its text ("… half-price dues through January for anyone who joins at
/// riversideea.org/join"): "at", "to", "on" or "visit" right before a bare
/// address with a path. A report of a sale names the seller and cites it
/// with a link, if at all; a deal with the address to claim it at is
/// offered. An attributed sentence is skipped before this is asked.
fn sends_to_address(text: &str) -> bool {
    super::links::BARE_URL.find_iter(text).any(|m| {
        let before = text[..m.start()].trim_end_matches(['*', '_', '[', '(']);
        ["at", "to", "on", "visit"].iter().any(|w| {
            before
                .strip_suffix(' ')
                .and_then(|b| b.get(b.len().saturating_sub(w.len())..))
                .is_some_and(|tail| tail.eq_ignore_ascii_case(w))
                && before[..before.len() - 1 - w.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Whether the deal at `at` opens a sentence with no verb, outside a
/// heading: ad copy ("Two-for-one pints every Tuesday at the Anchor Tap",
/// "BOGO on all garden furniture this week at Harbor Home"). A report
/// names who sells and says so ("The store's BOGO sale drew crowds"); a
/// headline is the story's own.
fn ad_copy(scan: &BlockScan<'_>, sentence: &crate::analysis::Sentence, at: usize) -> bool {
    use crate::analysis::tokens::Upos;
    if matches!(scan.block.kind, crate::markup::BlockKind::Heading(_)) {
        return false;
    }
    let tokens = scan.analysis.tokens(sentence);
    let opens = tokens
        .iter()
        .find(|t| !matches!(t.upos, Upos::Punct | Upos::Sym))
        .is_some_and(|t| t.span.start == at);
    opens
        && !tokens
            .iter()
            .any(|t| t.upos == Upos::Aux || t.is_finite_verb())
}

/// Whether a clause of the sentence opens, before `before` (a document
/// offset), with a verb the tagger reads as an imperative: a verb with no
/// tense ("Grab yours for 20% off", "Treat yourself: 2-for-1 all week").
/// A clause opens the sentence, or follows `:`, `;`, a dash or `(`; marks
/// and emoji before its first word do not count. A verb followed by a
/// verb or a conjunction takes a clause ("Imagine getting 50% off") and
/// asks the reader to think, not to buy.
pub(super) fn imperative_before(
    scan: &BlockScan<'_>,
    sentence: &crate::analysis::Sentence,
    before: usize,
) -> bool {
    imperative(scan, sentence, before, None)
}

/// Whether the sentence speaks to the reader before `before`: as
/// [`imperative_before`], but a comma or one of `softeners` ("please",
/// "so") also opens a clause ("If you agree, sign …", "If you enjoy our
/// articles please consider …"), and a verb may take a clause ("consider
/// making a donation", "help keep us online"): the appeal's object, not
/// the verb, says what is asked.
pub(super) fn addressed_before(
    scan: &BlockScan<'_>,
    sentence: &crate::analysis::Sentence,
    before: usize,
    softeners: &HashSet<String>,
) -> bool {
    imperative(scan, sentence, before, Some(softeners))
}

fn imperative(
    scan: &BlockScan<'_>,
    sentence: &crate::analysis::Sentence,
    before: usize,
    softeners: Option<&HashSet<String>>,
) -> bool {
    use crate::analysis::tokens::{Upos, VerbForm};
    let tokens = scan.analysis.tokens(sentence);
    let mut opens = true;
    // The word before, in an appeal: a softener or a singular noun.
    let mut softened = false;
    let mut after_singular = false;
    // A sentence that opens with a phrase of purpose or condition set off
    // by a comma ("And for unlimited access to our columns, subscribe to
    // …", "To get the deal, click here"): the first comma opens the
    // command's clause. Not a subject after it ("For years, residents
    // asked …"), which no imperative tag gives.
    let fronted = tokens
        .iter()
        .find(|t| !matches!(t.upos, Upos::Punct | Upos::Sym | Upos::Cconj))
        .is_some_and(|t| {
            let w = scan.slice(t.span);
            w.eq_ignore_ascii_case("for") || w.eq_ignore_ascii_case("to")
        });
    let mut commas = 0;
    let mut after_fronted = false;
    for (i, t) in tokens.iter().enumerate() {
        if t.span.start >= before {
            break;
        }
        let word = scan.slice(t.span);
        if matches!(t.upos, Upos::Punct | Upos::Sym) {
            commas += usize::from(word == ",");
            let comma = (softeners.is_some() || (fronted && commas == 1)) && word == ",";
            opens = opens || comma || matches!(word, ":" | ";" | "—" | "–" | "(");
            (softened, after_singular) = (false, false);
            after_fronted = fronted && commas == 1 && word == ",";
            continue;
        }
        // Straight after the fronted phrase's comma, a bare verb form is
        // the command whatever tense the tagger gives it ("…, subscribe
        // to …", read as a present after "access").
        if after_fronted
            && t.upos == Upos::Verb
            && t.feats.verb_form == Some(VerbForm::Fin)
            && crate::analysis::tokens::bare_form(word)
        {
            return true;
        }
        after_fronted = false;
        if softeners.is_some_and(|s| s.contains(&word.to_lowercase())) {
            opens = true;
            softened = true;
            continue;
        }
        // In an appeal, a bare verb form with no subject of its own opens
        // a clause whatever tense the tagger gives it: straight after a
        // softener ("… on it so join my newsletter", tagged past), or
        // after a singular noun it cannot agree with ("For more discussion
        // about this story join our group", tagged a plural present).
        if softeners.is_some()
            && t.upos == Upos::Verb
            && t.feats.verb_form == Some(VerbForm::Fin)
            && (softened
                || (after_singular
                    && t.feats.tense == Some(crate::analysis::tokens::Tense::Pres)
                    && t.feats.number != Some(crate::analysis::tokens::Number::Sing)))
            && crate::analysis::tokens::bare_form(word)
        {
            return true;
        }
        softened = false;
        after_singular = matches!(t.upos, Upos::Noun | Upos::Propn)
            && t.feats.number == Some(crate::analysis::tokens::Number::Sing);
        let clause_next = softeners.is_none()
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.upos, Upos::Verb | Upos::Aux | Upos::Sconj));
        if opens
            && t.upos == Upos::Verb
            && t.feats.tense.is_none()
            && (matches!(t.feats.verb_form, Some(VerbForm::Fin | VerbForm::Inf))
                // "Swing by the bakery …": the tagger reads an "-ing" with
                // no vowel before it as a gerund.
                || (t.feats.verb_form == Some(VerbForm::Ger)
                    && crate::analysis::tokens::bare_form(word)))
            && !clause_next
        {
            return true;
        }
        opens = false;
    }
    false
}

/// Words that end a range before "until" or "through" (see `deals.txt`).
static SCHEDULE: LazyLock<HashSet<String>> =
    LazyLock::new(|| kind(DEALS, "schedule").map(str::to_lowercase).collect());

/// Deadline words that can end a range (see `deals.txt`).
static RANGE_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| kind(DEALS, "range-words").collect());

/// Whether a voice match is a deadline word ending a range ("Wednesday
/// through Friday", "5 p.m. until 9"): opening hours, not an offer's end.
fn ends_range(text: &str, voice: crate::lexicon::Found<'_>) -> bool {
    let word = voice.as_str().split_whitespace().next().unwrap_or("");
    if !RANGE_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)) {
        return false;
    }
    let before = text[..voice.start()]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .trim_end_matches('.')
        .to_lowercase();
    before.chars().any(|c| c.is_ascii_digit()) || SCHEDULE.contains(&before)
}

/// Build this file's regexes that do not depend on a draft, without
/// searching anything (see [`crate::compile_matchers`]).
pub(super) fn compile_matchers() {
    for re in [&WHERE_TO_BUY, &IN_LINK, &BEFORE_LINK] {
        LazyLock::force(re);
    }
}

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
    // The sentences already reported, looked up in constant time: one long
    // paragraph holds thousands.
    let mut seen: HashSet<Span> = HashSet::new();
    let overlaps_any = overlap_test(skip);
    let Some(pitch) = scan.regex(&super::FILTERS.pitch.pitch) else {
        return found;
    };
    for c in pitch.captures_iter(scan.text) {
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
        if overlaps_any(span) || !seen.insert(span) {
            continue;
        }
        let phrase = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        found.push((span, format!("Sales pitch (\"{phrase}\")")));
    }
    found
}

/// A test of whether a span overlaps any of `spans`, in logarithmic time:
/// the spans sorted by start, with the furthest end reached so far.
pub(super) fn overlap_test(spans: &[Span]) -> impl Fn(Span) -> bool {
    let mut sorted = spans.to_vec();
    sorted.sort_unstable();
    let reach: Vec<usize> = sorted
        .iter()
        .scan(0, |far, s| {
            *far = s.end.max(*far);
            Some(*far)
        })
        .collect();
    move |span: Span| {
        let n = sorted.partition_point(|s| s.start < span.end);
        n > 0 && reach[n - 1] > span.start
    }
}

/// Links whose visible text is a shopping call to action ("Check price at
/// Amazon", "See it at Target", "Buy from Larkspur").
pub(super) fn link_calls(scan: &BlockScan<'_>, skip: &[Span]) -> Vec<(Span, String)> {
    let mut found = Vec::new();
    let lists = &super::FILTERS.pitch;
    // Link texts are part of the block (see `BlockScan::new`), so the
    // block's candidates hold for them.
    let alone = scan.regex(&lists.link_alone);
    let store = scan.regex(&lists.link_store);
    for link in scan.links {
        if skip.iter().any(|s| s.overlaps(link.span)) || scan.in_quote(link.span.start) {
            continue;
        }
        let text = scan.slice(link.text).trim();
        let call = alone.as_ref().is_some_and(|re| re.is_match(text))
            || store.as_ref().is_some_and(|re| {
                re.find(text)
                    .is_some_and(|m| WHERE_TO_BUY.is_match(&text[m.end()..]))
            })
            || priced(scan, link, text);
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

/// A price and where to buy it inside a link's text, for [`priced`].
static IN_LINK: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"^\W*(?:(?:[Ff]rom|[Oo]nly|[Jj]ust|[Nn]ow|[Ww]as|[Ff]or)\s+)?[$£€¥₹₩₽]\s?\d[\d,.]*\s+(?:at|on|from|via)\s+(?:the\s+)?\p{Lu}",
    )
});

/// A price and "at", "on", "from" or "via" just before a link, for
/// [`priced`].
static BEFORE_LINK: LazyLock<Regex> =
    LazyLock::new(|| build(r"[$£€¥₹₩₽]\s?\d[\d,.]*\s+(?:at|on|from|via)\s+$"));

/// A price and where to buy it, as a shop's button writes it: in the link
/// ("[$139.99 at Amazon](…)", "[From £25 at John Lewis](…)"), or just
/// before a link naming the shop ("$59 at [Target](…)"). A price is a
/// currency amount; where is "at", "on", "from" or "via" a capitalised
/// name, so "[$2 million in grants](…)" cites a report.
fn priced(scan: &BlockScan<'_>, link: &crate::markup::Link, text: &str) -> bool {
    if IN_LINK.is_match(text) {
        return true;
    }
    let Some(sentence) = scan.sentence_at(link.span.start) else {
        return false;
    };
    let from = sentence.span.start.min(link.span.start);
    text.starts_with(|c: char| c.is_uppercase())
        && BEFORE_LINK.is_match(scan.slice(Span::new(from, link.span.start)))
}

/// The most words a button's text may have ("Apply now", "Get your free
/// guide"); a longer link text is a headline or a citation.
const BUTTON_WORDS: usize = 5;

/// The most words of a longer button whose text still reads as a call:
/// a `[button]` verb, or a command to the reader about the reader's own
/// ("[Build and price your Ridgeback E at …](…)", "[Apply for the … card
/// here](…)"; session 26's misses, two writers' newsletters and reviews).
const CALL_WORDS: usize = 12;

/// Links set as buttons: a link that is its block's whole text or a
/// sentence of its own, of one to
/// [`BUTTON_WORDS`] words opening with a verb of `[button]` in
/// `link_calls.txt` ("[Apply now](…)", "[Start your free trial](…)"; the
/// tagger, given two words alone, reads "Apply now" as adverbs), whose
/// address carries a tracking or affiliate parameter: a campaign's call
/// to action, counted when the click comes from this page. A citation
/// ("[the council's report](…?utm_source=twitter)") opens with no verb, a
/// link in a sentence is the sentence's, and an untracked "[Read Full
/// Article »](…)" points to the source. Links in `skip` (already reported)
/// are passed over.
pub(super) fn buttons(scan: &BlockScan<'_>, skip: &[Span]) -> Vec<Span> {
    static BUTTON_VERBS: LazyLock<HashSet<String>> =
        LazyLock::new(|| kind(LINK_CALLS, "button").map(str::to_lowercase).collect());
    let bare = |t: &str| t.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let mut found = Vec::new();
    for link in scan.links {
        let text = scan.slice(link.text).trim();
        // The link is the block's whole text, or a sentence of its own
        // after the offer it sells ("… in the first three months. [Apply
        // now](…)."): nothing but marks around it in its sentence.
        // Or it opens its sentence and a dash sets off what follows
        // ("[Apply for the … card here](…) — if you're approved, we earn
        // a referral fee"): the sentence's own words are an aside.
        let mut aside = false;
        let alone = match scan.links {
            [_] => bare(scan.text).eq_ignore_ascii_case(&bare(text)),
            _ => false,
        } || scan.sentence_at(link.text.start).is_some_and(|s| {
            let before = scan.slice(Span::new(s.span.start, link.span.start.max(s.span.start)));
            let after = scan.slice(Span::new(link.span.end.min(s.span.end), s.span.end));
            let opens = !before.chars().any(char::is_alphanumeric);
            aside = opens && after.trim_start().starts_with(['—', '–']);
            opens && (aside || !after.chars().any(char::is_alphanumeric))
        });
        let words = text.split_whitespace().count();
        if !alone
            || !(1..=CALL_WORDS).contains(&words)
            || skip.iter().any(|s| s.overlaps(link.span))
            || super::links::clean_url(&link.dest).is_none()
        {
            continue;
        }
        let first = text
            .split_whitespace()
            .next()
            .map(|w| bare(w).to_lowercase());
        let listed = first.is_some_and(|w| BUTTON_VERBS.contains(w.as_str()));
        // A longer text, or one with an aside after it, must read as a
        // call: a listed verb that ends on when or where to act ("… card
        // here", "… today"), or a command about the reader's own with
        // where to act. A headline or a citation opening with "Join" or
        // "Get" does not.
        let long = words > BUTTON_WORDS || aside;
        let last = text
            .split_whitespace()
            .last()
            .map(|w| bare(w).to_lowercase());
        let ends_on_act = last.is_some_and(|w| matches!(w.as_str(), "here" | "now" | "today"));
        // Where to act, named in the text ("… at Corvallis.com"): a
        // headline about the reader's own ("[Protect your garden from
        // frost](…)") names no place.
        let at_place = ends_on_act || text.contains(" at ");
        let reader_own = || {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("your") || w.eq_ignore_ascii_case("yours"))
                && super::command::reader_command_at(scan, link.text.start)
        };
        if (listed && (!long || ends_on_act)) || (long && at_place && reader_own()) {
            found.push(link.span);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::promo::lexicon::alternation;

    /// The lists' regexes as they were built before the split into pieces.
    #[test]
    fn whole_lists_are_unchanged() {
        let lists = &crate::rules::promo::FILTERS.pitch;
        let anywhere = kind(SALES, "phrases").filter(|e| !e.starts_with('^'));
        let start = kind(SALES, "phrases").filter_map(|e| e.strip_prefix('^'));
        assert_eq!(
            lists.pitch.full_pattern(),
            format!(
                r"(?i){START}(?P<anywhere>{}){END}|{CLAUSE_START}{START}(?P<start>{}){END}",
                alternation(anywhere),
                alternation(start),
            )
        );
        assert_eq!(
            lists.link_alone.full_pattern(),
            format!(
                r"(?i)^\W*{LINK_LEAD}(?:{})",
                alternation(kind(LINK_CALLS, "alone"))
            )
        );
        assert_eq!(
            lists.link_store.full_pattern(),
            format!(r"(?i)^\W*(?:{})", alternation(kind(LINK_CALLS, "store")))
        );
    }
}
