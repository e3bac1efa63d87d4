//! `promo.plug`: blocks that plug other content or carry an ad rather than
//! the story — "Trending:" / "READ MORE:" labels, newsletter sign-up pitches,
//! sponsor blurbs and native-ad ("chumbox") headlines; and
//! `promo.call-to-action` ("Text STORM to 12345 for free alerts").
//!
//! Labels count only at the start of a block, sponsor and sign-up wording
//! only at the start of a clause, native-ad wording only in a headline-cased
//! sentence: prose that mentions "related", "sponsored" or a newsletter in
//! passing is reporting. Native-ad blocks are read by their shape as well:
//! nothing but links to offer pages or headline-cased links, a trailing
//! "[sponsored]", sweepstakes terms; a line set off by an arrow whose first
//! word sends the reader elsewhere ("&gt;&gt; Read about … here"). A call
//! to action is a verb opening a clause with a listed channel or offer
//! after it in the sentence: any verb
//! the tagger reads as an imperative there, or a listed one (the noun-verb
//! homographs the tagger reads as nouns: "Text STORM", "Email us"). Lists:
//! `data/promo/{plug_prefixes,sponsor_lines,signup_calls,native_ads,
//! native_ad_blocks,calls_to_action}.txt`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::filter::{Builder, Family};
use super::lexicon::{CLAUSE_START, END, START};
use super::pieces::normalize_label as normalize;
use super::BlockScan;
use crate::analysis::Sentence;
use crate::lexicon::{fields, section as kind};
use crate::markup::BlockKind;
use crate::span::Span;

const PREFIXES: &str = include_str!("../../../data/promo/plug_prefixes.txt");
const SPONSORS: &str = include_str!("../../../data/promo/sponsor_lines.txt");
const SIGNUPS: &str = include_str!("../../../data/promo/signup_calls.txt");
const NATIVE: &str = include_str!("../../../data/promo/native_ads.txt");
const CALLS: &str = include_str!("../../../data/promo/calls_to_action.txt");
const AD_BLOCKS: &str = include_str!("../../../data/promo/native_ad_blocks.txt");

/// How a sponsor line's or credit's message starts; the story-tail pass
/// looks for a slogan after these.
pub(super) const SPONSOR: &str = "Sponsor";

/// How a label from `plug_prefixes.txt` may be used.
#[derive(Debug, Clone, Copy, Default)]
struct LabelUse {
    /// `Trending:` — followed by a separator.
    separated: bool,
    /// `Sponsored` — alone, or followed by a separator.
    alone: bool,
    /// `More from …` — followed by anything, in a short block.
    short: bool,
    /// `body`: not in headings.
    body_only: bool,
    /// `caption`: not before a sentence, which captions the story's own
    /// media ("WATCH: Senators cheer as the bill passes.").
    caption: bool,
    /// `slot`: an ad slot's marker, a plug only with something after it.
    slot: bool,
    /// `schedule`: not before a fixture's day and clock time, which is the
    /// next game or show on a schedule ("Up next: Game 5, Saturday, 6:35
    /// p.m."), not a plug for other content.
    schedule: bool,
}

/// The labels of `plug_prefixes.txt`, normalized, and how each may be used.
static LABEL_USES: LazyLock<HashMap<String, LabelUse>> = LazyLock::new(|| {
    let mut uses: HashMap<String, LabelUse> = HashMap::new();
    for line in kind(PREFIXES, "labels") {
        let f = fields(line);
        let (e, options) = (f[0], &f[1..]);
        let caption = options.contains(&"caption");
        let body_only = options.contains(&"body");
        let slot = options.contains(&"slot");
        let schedule = options.contains(&"schedule");
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
        u.caption |= caption;
        u.slot |= slot;
        u.schedule |= schedule;
    }
    uses
});

fn owned<'e>(items: impl IntoIterator<Item = &'e str>) -> Vec<String> {
    items.into_iter().map(str::to_owned).collect()
}

/// The plug lists, as families of the promo prefilter.
pub(super) struct Lists {
    pub(super) labels: Family,
    pub(super) sponsor: Family,
    pub(super) signup_call: Family,
    pub(super) signup_object: Family,
    pub(super) native_ad: Family,
    pub(super) credit: Family,
    pub(super) terms: Family,
    pub(super) cta_verb: Family,
    pub(super) cta_object: Family,
    /// The offers of `cta_object` alone, for a verb only the tagger names.
    pub(super) cta_offer: Family,
    /// What an appeal to the reader asks for, after an imperative.
    pub(super) cta_appeal: Family,
    /// Cross-promotion and ad sales, by their shape alone.
    pub(super) cta_cross: Family,
    pub(super) boilerplate: Family,
}

pub(super) fn lists(b: &mut Builder) -> Lists {
    let mut labels: Vec<&String> = LABEL_USES.keys().collect();
    // Longest first, so `Trending now` wins over `Trending`. (Two labels of
    // one length never match the same text, so their order does not matter;
    // it is fixed only to number the pieces the same way every time.)
    labels.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    Lists {
        labels: b.family(
            vec![labels
                .iter()
                .map(|l| regex::escape(l))
                .collect()],
            |s| {
                format!(
                    r"(?i)^{LEAD}(?:{TIME_STAMP}{LEAD})?(?P<label>{}){END}",
                    s[0]
                )
            },
        ),
        sponsor: b.family(
            vec![
                owned(kind(SPONSORS, "any")),
                owned(kind(SPONSORS, "short")),
            ],
            |s| {
                format!(
                    r"(?i){CLAUSE_START}{START}(?:(?P<any>{})|(?P<short>{})){END}",
                    s[0], s[1]
                )
            },
        ),
        signup_call: b.family(
            vec![
                owned(kind(SIGNUPS, "alone")),
                owned(kind(SIGNUPS, "call")),
                owned(kind(CALLS, "share")),
            ],
            |s| {
                format!(
                    r"(?i){CLAUSE_START}(?:{PURPOSE})?(?:(?:click|tap)(?:/tap)?\s+here\s+to\s+|please\s+|you\s+can\s+|be\s+sure\s+to\s+|don['’]t\s+forget\s+to\s+|and\s+)?{START}(?:(?P<alone>{})|(?P<call>{})|(?P<share>{})){END}",
                    s[0], s[1], s[2]
                )
            },
        ),
        signup_object: b.family(
            vec![owned(
                kind(SIGNUPS, "object").chain(kind(SIGNUPS, "inbox")),
            )],
            |s| format!(r"(?i){START}(?:{}){END}", s[0]),
        ),
        native_ad: b.family(vec![owned(kind(NATIVE, "headlines"))], |s| {
            format!(r"(?i){START}(?:{}){END}", s[0])
        }),
        // `anywhere` first: "is brought to you by" is one whatever its subject.
        credit: b.family(
            vec![
                owned(kind(SPONSORS, "anywhere")),
                owned(kind(SPONSORS, "passive")),
                owned(kind(SPONSORS, "by")),
            ],
            |s| {
                format!(
                    r"(?i){START}(?:(?P<anywhere>{})|(?P<passive>{})|(?P<by>{})){END}",
                    s[0], s[1], s[2]
                )
            },
        ),
        terms: b.family(vec![owned(kind(AD_BLOCKS, "terms"))], |s| {
            format!(r"(?i){START}(?:{}){END}", s[0])
        }),
        cta_verb: b.family(vec![owned(kind(CALLS, "verb"))], |s| {
            format!(
                r"(?i)(?:{CLAUSE_START}(?:(?:please|just|simply|so|and|then|now)\s+)?|(?P<and>,\s+and\s+)){START}(?P<verb>{}){END}",
                s[0]
            )
        }),
        cta_object: b.family(
            vec![owned(kind(CALLS, "object")), owned(kind(CALLS, "offer"))],
            |s| format!(r"(?i){START}(?:{}|{}){END}", s[0], s[1]),
        ),
        cta_offer: b.family(vec![owned(kind(CALLS, "offer"))], |s| {
            format!(r"(?i){START}(?:{}){END}", s[0])
        }),
        cta_appeal: b.family(vec![owned(kind(CALLS, "appeal"))], |s| {
            format!(r"(?i){START}(?:{}){END}", s[0])
        }),
        // A comma opens a clause here: "If you liked this article, you
        // might also enjoy our podcast".
        cta_cross: b.family(vec![owned(kind(CALLS, "cross"))], |s| {
            format!(r"(?i)(?:^|[.?!:;,—–(\[]|\s-\s)(?-i:[^\p{{L}}\p{{N}}\x{{345}}])*?{START}(?P<cross>{}){END}", s[0])
        }),
        boilerplate: b.family(vec![owned(kind(SPONSORS, "boilerplate"))], |s| {
            format!(r"(?i){START}(?:{}){END}", s[0])
        }),
    }
}

/// An opening phrase of purpose before a sign-up call, its comma then the
/// call ("To get stories like this in your inbox, sign up for the Ledger
/// Today newsletter"; "For the latest news, download our app"). The call
/// still needs its object in the sentence, so "For years, residents joined
/// the club" and "To apply, visit the county office" stay quiet.
const PURPOSE: &str = r"(?:to|for)\s+[^,.?!;:\n]{1,60},\s+";

/// What may come before a label: marks, emphasis, entities (in a
/// case-insensitive pattern: the class is `(?i)[^\p{L}\p{N}&]`, written
/// without folding as in `super::lexicon::CLAUSE_START`).
const LEAD: &str = r"(?:&[a-z]+;|&#\d+;|(?-i:[^\p{L}\p{N}\x{345}&]))*";

/// A live blog's time stamp before a label ("**1:55 p.m.** — Related:").
const TIME_STAMP: &str = r"\d{1,2}(?::\d{2}\s*(?:[ap]\.m\.|[ap]m\b)?|\s*(?:[ap]\.m\.|[ap]m\b))(?:\s*[a-z]{1,2}[sd]?t\b)?";

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
pub(super) fn headline_cased(text: &str) -> bool {
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
    let lists = &super::FILTERS.plug;
    // A level-1 heading is the story's own title ("# WATCH: Alex Jones
    // rants …"): whatever it starts with, it names this story.
    let title = scan.block.kind == BlockKind::Heading(1);
    if let Some(label) = (!title)
        .then(|| scan.regex(&lists.labels))
        .flatten()
        .and_then(|re| label(&re, text, heading))
    {
        return Some((whole, format!("\"{label}\" plug in the story")));
    }
    if let Some(c) = scan.regex(&lists.sponsor).and_then(|re| re.captures(text)) {
        let any = c.name("any");
        let hit = any.or_else(|| c.name("short"));
        if let Some(m) = hit {
            let at = scan.base + m.start();
            let sentence = scan.sentence_at(at).map_or(whole, |s| s.span);
            // A credit said by someone is reported ("Support for WKLP
            // comes from listeners, the auditor said").
            let reported = scan.sentence_at(at).is_some_and(|s| scan.reported(s));
            // Wording of `any` speaks for the outlet even in a block
            // quote or a transcript speaker's turn (see `credit_voiced`).
            let voiced = match (any, scan.sentence_at(at)) {
                (Some(_), Some(s)) => scan.credit_voiced(at, s),
                _ => scan.in_quote(at) || reported,
            };
            if (any.is_some()
                || word_count(scan.slice(sentence)) <= 12
                || emphasized_lead(scan, m.start(), m.end()))
                && !voiced
            {
                return Some((whole, format!("{SPONSOR} line in the story")));
            }
        }
    }
    if credit(scan) || credit_then_offer(scan) {
        return Some((whole, format!("{SPONSOR} credit in the story")));
    }
    if boilerplate(scan) {
        return Some((
            whole,
            "Company boilerplate (\"About …\") in the story".to_owned(),
        ));
    }
    let signup_call = scan.regex(&lists.signup_call);
    for c in signup_call.iter().flat_map(|re| re.captures_iter(text)) {
        // An imperative at a clause start is the outlet's voice: no
        // attribution check, only quoted speech is someone else's.
        if let Some(alone) = c.name("alone") {
            if !scan.in_quote(scan.base + alone.start()) {
                return Some((whole, "Sign-up pitch in the story".to_owned()));
            }
            continue;
        }
        // "Please SHARE this story": the reader asked to spread the page,
        // wherever the block is (a video's text may follow it). Reported
        // only when nobody is quoted saying it.
        if let Some(share) = c.name("share") {
            let at = scan.base + share.start();
            let reported = scan.sentence_at(at).is_some_and(|s| scan.reported(s));
            // Following one account is a person's (an author's, the
            // subject's); an outlet lists its platforms.
            let follow = share
                .as_str()
                .get(..6)
                .is_some_and(|w| w.eq_ignore_ascii_case("follow"));
            let person = follow && super::tail::platforms(text) < 2;
            if !scan.in_quote(at) && !reported && !person && !contact_line(text) {
                return Some((whole, "Call to share or follow in the story".to_owned()));
            }
            continue;
        }
        let Some(call) = c.name("call") else { continue };
        let rest = text.get(call.start()..).unwrap_or("");
        let clause_end = rest.find(['.', '?', '!']).map_or(rest.len(), |i| i + 1);
        let clause = &rest[..clause_end];
        // The clause is part of the block, so the block's candidates hold.
        let object = scan
            .regex(&lists.signup_object)
            .is_some_and(|re| re.is_match(clause));
        if !object || scan.in_quote(scan.base + call.start()) {
            continue;
        }
        return Some((whole, "Newsletter sign-up pitch in the story".to_owned()));
    }
    if !heading && labelled_link(scan) {
        return Some((
            whole,
            "Labelled link to another story in the story".to_owned(),
        ));
    }
    if !title && arrow_list(text) {
        return Some((whole, "List of plugged headlines in the story".to_owned()));
    }
    if !heading && labelled_row(text) && !field_row(scan) {
        return Some((
            whole,
            "Labelled row of links to other content in the story".to_owned(),
        ));
    }
    if !heading && arrowed_call(text) {
        return Some((
            whole,
            "Arrowed plug for other content in the story".to_owned(),
        ));
    }
    if let Some(message) = (!title).then(|| ad_block(scan, flagged_links)).flatten() {
        return Some((whole, message.to_owned()));
    }
    let native_ad = (scan.block.kind != BlockKind::Heading(1))
        .then(|| scan.regex(&lists.native_ad))
        .flatten();
    if let Some(native_ad) = native_ad {
        for m in native_ad.find_iter(text) {
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

/// A paragraph that is a short label, a colon and one link whose text is
/// a headline, and nothing else ("First person piece: [This is not my
/// Charlottesville](…)", "SEE ALSO: [McConnell gives strongest hint yet
/// …](…)"): a plug whatever the label says. The label is one to four
/// words and not the newsroom's own (`[tail-own]`, `[tail-credit]`:
/// "Photo: [Getty Images](…)", "Source: …"); the link's text is four
/// words or more, not an address and no sentence ("Facebook:
/// [https://facebook.com/…](…)" is a contact line).
fn labelled_link(scan: &BlockScan<'_>) -> bool {
    let [link] = scan.links else { return false };
    let text = scan.text;
    let Some(colon) = text
        .char_indices()
        .take_while(|&(i, _)| i < LABEL_BYTES)
        .find_map(|(i, c)| (c == ':').then_some(i))
    else {
        return false;
    };
    let label = text[..colon].trim_matches(|c: char| !c.is_alphanumeric());
    let link_start = link.span.start.max(scan.base) - scan.base;
    let link_end = link
        .span
        .end
        .min(scan.base + text.len())
        .saturating_sub(scan.base);
    // Nothing but marks and quotation marks around the link.
    let bare = |t: &str| t.chars().all(|c| !c.is_alphanumeric());
    let (Some(between), Some(after)) = (text.get(colon + 1..link_start), text.get(link_end..))
    else {
        return false;
    };
    let shown = scan.slice(link.text);
    let web = link.dest.starts_with("http") || link.dest.starts_with("www.");
    (1..=4).contains(&word_count(label))
        && label.chars().next().is_some_and(char::is_alphabetic)
        && !label.chars().any(|c| c.is_ascii_digit())
        && bare(between)
        && bare(after)
        && web
        && word_count(shown) >= 4
        && !super::links::BARE_URL.is_match(shown)
        && !shown
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .ends_with('.')
        && !super::tail::own_line(text)
}

/// How far into a paragraph a label's colon may be.
const LABEL_BYTES: usize = 48;

/// Arrows that set off a headline: before it in a list of them, after it
/// in a teaser ("The 4 password managers I'd trust →").
const ARROWS: [char; 6] = ['→', '➔', '➜', '►', '▶', '»'];

/// Currency signs, which open a price.
pub(super) const CURRENCIES: [char; 7] = ['$', '£', '€', '¥', '₹', '₩', '₽'];

/// What sets headlines apart in one line ("Inside the $14 million estate ·
/// The 6 neighborhoods where prices still rise").
const ROW_SEPARATORS: [char; 3] = ['·', '•', '|'];

/// A block of headlines each set off by an arrow ("→ 5 Red Flags in the
/// New State Budget"), perhaps under one heading line ("Related Posts"):
/// a CMS's list of other stories. Two or more arrowed lines, each a short
/// title ending no sentence; prose with an arrow or two (a step, a
/// direction) ends its lines with full stops.
fn arrow_list(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let arrowed: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.trim_start_matches(['*', '_', '-']).strip_prefix(ARROWS))
        .collect();
    arrowed.len() >= 2
        && arrowed.len() + 1 >= lines.len()
        && arrowed
            .iter()
            .all(|l| (2..=16).contains(&word_count(l)) && !ends_full_stop(l))
}

/// The first words after an arrow that make its line a plug
/// (`plug_prefixes.txt`, `[arrowed]`).
static ARROWED: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| kind(PREFIXES, "arrowed").collect());

/// One line set off by an arrow (`>>`, its HTML entities, `»`, `→` …)
/// whose first word sends the reader elsewhere ("&gt;&gt; Read about the
/// latest in the investigation here"), two to twenty words and ending no
/// sentence with a full stop. A breadcrumb's arrow ("Home » News") comes
/// after a word, not before the line's first.
fn arrowed_call(text: &str) -> bool {
    const ARROWS: [&str; 9] = [">>", "&gt;&gt;", "&raquo;", "»", "→", "➔", "➜", "►", "▶"];
    let line = text.trim().trim_start_matches(['*', '_', '[', ' ']);
    let Some(rest) = ARROWS.iter().find_map(|a| line.strip_prefix(a)) else {
        return false;
    };
    let first = rest
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase());
    !text.trim().contains('\n')
        && first.is_some_and(|w| ARROWED.contains(w.as_str()))
        && (2..=20).contains(&word_count(rest))
        && !ends_full_stop(rest)
}

/// An e-mail address or an @handle: a reporter's contact line ("Follow
/// her on Twitter @jdoe"), which is the newsroom's own.
fn contact_line(text: &str) -> bool {
    text.match_indices('@').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Lists asked per link or per block: read out of their data files once,
/// not by scanning the file's text on every call.
static NOT_HOSTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| kind(SPONSORS, "not-host").collect());
static NAME_SMALL_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| kind(SPONSORS, "name-small-words").collect());
static TITLE_SMALL_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| kind(SPONSORS, "title-small-words").collect());
static AD_TAGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| kind(AD_BLOCKS, "tag").collect());
static AD_HOSTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| kind(AD_BLOCKS, "host").collect());
static SOCIAL_HOSTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| kind(AD_BLOCKS, "social").collect());
static POST_PATHS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| kind(AD_BLOCKS, "post-path").collect());
static FOLLOW_WORDS: LazyLock<std::collections::HashSet<String>> =
    LazyLock::new(|| kind(AD_BLOCKS, "follow").map(str::to_lowercase).collect());
static GIVING: LazyLock<std::collections::HashSet<String>> =
    LazyLock::new(|| kind(AD_BLOCKS, "giving").map(str::to_lowercase).collect());

/// Words of `sponsor_lines.txt` of one kind, lower case.
fn word_set(kind_name: &str) -> std::collections::HashSet<String> {
    kind(SPONSORS, kind_name).map(str::to_lowercase).collect()
}

static NOT_CREDITED: LazyLock<std::collections::HashSet<String>> =
    LazyLock::new(|| word_set("not"));
static GOODS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| word_set("goods"));

/// The words of a text, lower case, without the punctuation around them.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// A sponsor credit of the `anywhere`, `passive` or `by` kinds of `sponsor_lines.txt`
/// (see there): "'Night Market' is sponsored by Harbor Bank", "Suits
/// provided by [Tallia Orange](https://www.talliaorange.com/)".
fn credit(scan: &BlockScan<'_>) -> bool {
    let Some(re) = scan.regex(&super::FILTERS.plug.credit) else {
        return false;
    };
    let text = scan.text;
    for c in re.captures_iter(text) {
        let (m, passive) = match (c.name("anywhere"), c.name("passive"), c.name("by")) {
            (Some(m), ..) => (m, None),
            (None, Some(m), _) => (m, Some(true)),
            (None, None, Some(m)) => (m, Some(false)),
            _ => continue,
        };
        let at = scan.base + m.start();
        let Some(sentence) = scan.sentence_at(at) else {
            continue;
        };
        let voiced = if passive.is_none() {
            scan.credit_voiced(at, sentence)
        } else {
            scan.in_quote(at) || scan.reported(sentence)
        };
        if voiced {
            continue;
        }
        let Some(passive) = passive else {
            return true;
        };
        let end = sentence.span.end.max(at) - scan.base;
        let rest = text.get(m.end()..end).unwrap_or("");
        // A sponsor described after its name ("… by Harbor Bank, the
        // region's oldest lender since 1921") is a credit of any length.
        let described = passive && described_name(rest);
        if word_count(scan.slice(sentence.span)) > 20 && !described {
            continue;
        }
        // What the credit is for: from the clause's start to the verb.
        let from = sentence.span.start.max(scan.base) - scan.base;
        let before = text.get(from..m.start()).unwrap_or("");
        let open = before
            .rfind(['.', '?', '!', ':', ';', '—', '–', '('])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let subject = &before[open..];
        let words: Vec<String> = words_of(subject).collect();
        if words.iter().any(|w| NOT_CREDITED.contains(w)) {
            continue;
        }
        let credited = if passive {
            // "Supported by" and "paid for by" credit people and
            // campaigns as often as shows: only a set-off title there.
            let verb = m.as_str().to_lowercase();
            let people = verb.contains("supported") || verb.contains("paid");
            // ... unless the sponsor's slogan follows, which no person has:
            // "Night Shift is supported by Garden State Credit Union.
            // Garden State: here for every shift."
            let slogan = || {
                let after = text.get(end..).unwrap_or("");
                slogan_after(after, rest)
            };
            // A credit the sponsor's slogan follows is an ad whatever it
            // credits ("Today's show is sponsored by Keller Auto. Keller
            // Auto: your hometown dealer."): a report names no slogan.
            (1..=8).contains(&words.len())
                && (((titled(scan, from + open, subject)
                    || (title_cased(subject) && (!people || slogan())))
                    && (name_only(rest) || described))
                    || (name_only(rest) && slogan()))
        } else {
            words.iter().any(|w| GOODS.contains(w))
                || home_page_link_after(scan, scan.base + m.end())
        };
        if credited {
            return true;
        }
    }
    false
}

/// The most words of a sponsor's name inside an emphasized lead.
const LEAD_NAME_WORDS: usize = 6;

/// Whether a credit (`short` of `sponsor_lines.txt`, matched at
/// `start..end` of the block's text) is the block's bold lead: the bold
/// opens the block with the credit and closes after a sponsor's name of a
/// few words, before any sentence ends ("**Presented by Summit Credit
/// Union** — Make a splash …"). Set off like that it labels the slot,
/// however long the ad copy after it runs; the news sentence "Sponsored
/// by Sen. Ruiz, the bill would …" has no bold lead.
fn emphasized_lead(scan: &BlockScan<'_>, start: usize, end: usize) -> bool {
    let text = scan.text;
    let (at, stop) = (scan.base + start, scan.base + end);
    if text
        .get(..start)
        .is_none_or(|b| b.chars().any(char::is_alphanumeric))
    {
        return false;
    }
    // Bold or italic ("*Sponsored by Northline Digital:* …", session 26),
    // and a label's colon closing the run is the label's, not a sentence.
    [scan.block.strong_lead, scan.block.emphasis_lead]
        .into_iter()
        .flatten()
        .any(|lead| {
            if !(lead.start <= at && stop < lead.end) {
                return false;
            }
            let name = scan.slice(Span::new(stop, lead.end));
            let name = name.trim_end_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace());
            // Before a colon the run must name someone ("Northline
            // Digital"), not a topic ("**Presented by the numbers:**").
            let (name, label) = match name.strip_suffix(':') {
                Some(n) => (n, true),
                None => (name, false),
            };
            let named = || name.trim_start().starts_with(|c: char| c.is_uppercase());
            (!label || named())
                && !name.contains(['.', ',', '?', '!', ';', ':', '\n'])
                && (1..=LEAD_NAME_WORDS).contains(&word_count(name))
        })
}

/// Build this file's regexes that do not depend on a draft, without
/// searching anything (see [`crate::compile_matchers`]).
pub(super) fn compile_matchers() {
    LazyLock::force(&CREDIT_VERB);
    LazyLock::force(&OFFER);
    LazyLock::force(&BOILERPLATE);
    LazyLock::force(&SERVICE);
}

/// A sponsor's verb of `sponsor_lines.txt` (`short`: "sponsored by",
/// "presented by" …) anywhere in a sentence, for [`credit_then_offer`].
static CREDIT_VERB: LazyLock<super::lexicon::Regex> =
    LazyLock::new(|| super::lexicon::phrases(kind(SPONSORS, "short").chain(["brought to you by"])));

/// An offer (`offer` of `sponsor_lines.txt` and the deals of `deals.txt`)
/// and whom it is for (`offer-to`).
static OFFER: LazyLock<(super::lexicon::Regex, super::lexicon::Regex)> = LazyLock::new(|| {
    (
        super::lexicon::phrases(kind(SPONSORS, "offer").chain(kind(super::pitch::DEALS, "deal"))),
        super::lexicon::phrases(kind(SPONSORS, "offer-to")),
    )
});

/// A sponsor credit of any length and the sentence after it in the same
/// block, when that sentence names the sponsor again and hands its
/// customers or the reader an offer: "… Restaurant Week, presented by
/// First Harbor Bank. Show your First Harbor debit card for a free egg."
/// The credit alone may be news (an event's sponsor); the sponsor's offer
/// after it is the ad. Neither sentence may be quoted or reported.
fn credit_then_offer(scan: &BlockScan<'_>) -> bool {
    let text = scan.text;
    if !text.contains(" by ") && !text.contains(" with ") {
        return false;
    }
    for m in CREDIT_VERB.find_iter(text) {
        let at = scan.base + m.start();
        let Some(sentence) = scan.sentence_at(at) else {
            continue;
        };
        if scan.in_quote(at) || scan.reported(sentence) {
            continue;
        }
        let end = sentence.span.end.max(at) - scan.base;
        let sponsor = sponsor_words(text.get(m.end()..end).unwrap_or(""));
        if sponsor.is_empty() {
            continue;
        }
        let i = scan
            .sentences
            .partition_point(|s| s.span.start < sentence.span.end);
        let Some(next) = scan
            .sentences
            .get(i)
            .filter(|s| s.span.start < scan.base + text.len())
        else {
            continue;
        };
        if scan.in_quote(next.span.start) || scan.reported(next) {
            continue;
        }
        let said = scan.slice(next.span);
        let (offer, to) = &*OFFER;
        let named = name_words(said).iter().skip(1).any(|w| sponsor.contains(w));
        if named && offer.is_match(said) && to.is_match(said) {
            return true;
        }
    }
    false
}

/// The words of a sponsor's name opening `rest` (after the credit's verb):
/// the capitalized words of three letters or more before the first word
/// in lower case or the first comma ("First Harbor Bank, …").
fn sponsor_words(rest: &str) -> Vec<&str> {
    let head = rest
        .split([',', ';', ':', '(', '—', '–'])
        .next()
        .unwrap_or("");
    name_words(head)
        .into_iter()
        .take_while(|w| w.starts_with(char::is_uppercase) || NAME_SMALL_WORDS.contains(w))
        .filter(|w| w.chars().count() >= 3 && w.starts_with(char::is_uppercase))
        .collect()
}

/// A company's boilerplate, the paragraph a press release closes with:
/// the block opens "About NAME:" (a name in title case) and, after the
/// colon, names NAME again and describes it as a company does itself (the
/// `boilerplate` kind of `sponsor_lines.txt`): "*About Kestrel Home:
/// Kestrel Home is the leading innovator in affordable smart comfort.*"
fn boilerplate(scan: &BlockScan<'_>) -> bool {
    let Some(re) = scan.regex(&super::FILTERS.plug.boilerplate) else {
        return false;
    };
    // A brand's tagline line, its name and a colon opening it ("Nordvarm:
    // Comfort, Naturally. Learn more … at nordvarm.com/us"), reads as the
    // "About" paragraph does when it names the brand again.
    let Some((name, after)) = about(scan.text).or_else(|| tagline(scan.text)) else {
        return false;
    };
    !after.is_empty() && names_again(name, after) && re.is_match(after) && !scan.in_quote(scan.base)
}

/// The `boilerplate` wording of `sponsor_lines.txt` as one regex, for the
/// document pass's "About NAME" heading (see [`super::tail`]); compiled
/// only for a draft that has one.
pub(super) static BOILERPLATE: LazyLock<super::lexicon::Regex> =
    LazyLock::new(|| super::lexicon::phrases(kind(SPONSORS, "boilerplate")));

/// "About NAME" opening `text` (after marks), and the rest: NAME is one to
/// six words in title case, ended by a colon or a dash, or by the end of a
/// heading-like line.
pub(super) fn about(text: &str) -> Option<(&str, &str)> {
    let lead = text.len()
        - text
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let rest = text
        .get(lead..lead + 6)
        .filter(|w| w.eq_ignore_ascii_case("about "))
        .and_then(|_| text.get(lead + 6..))?;
    let end = rest.find([':', '—', '–']).unwrap_or(rest.len());
    let name = &rest[..end];
    ((1..=6).contains(&name_words(name).len()) && title_cased(name)).then_some((name, &rest[end..]))
}

/// A block opening with a name (one to three words in title case) and a
/// colon, and the rest after it.
fn tagline(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let colon = text.find(':')?;
    let name = &text[..colon];
    ((1..=3).contains(&name_words(name).len()) && title_cased(name))
        .then_some((name, &text[colon..]))
}

/// Whether `after` names again a company called `name` (a word of it of
/// three letters or more), as a word or inside the host of its web site
/// ("About Kessler Construction: … at kesslerbuilds.com").
pub(super) fn names_again(name: &str, after: &str) -> bool {
    let again = name_words(after);
    let hosts: Vec<String> = again
        .iter()
        .filter(|w| w.contains('.') && w.ends_with(|c: char| c.is_ascii_alphabetic()))
        .map(|w| w.to_ascii_lowercase())
        .collect();
    name_words(name)
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .any(|w| {
            again.contains(w) || {
                let w = w.to_lowercase();
                hosts
                    .iter()
                    .any(|h| h.split('.').next().is_some_and(|head| head.contains(&w)))
            }
        })
}

/// Whether the text after a credit's sentence opens with its sponsor's
/// slogan: one to four words of the sponsor's name, then a colon or a dash
/// ("Garden State: here for every shift").
fn slogan_after(after: &str, sponsor: &str) -> bool {
    let names = name_words(sponsor);
    let next = after.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(at) = next.find([':', '—', '–', '|']) else {
        return false;
    };
    let head = name_words(&next[..at]);
    (1..=4).contains(&head.len())
        && head
            .iter()
            .all(|w| names.contains(w) && w.starts_with(char::is_uppercase))
        && word_count(&next[at..]) >= 2
}

/// Whether a credit's sentence ends with the sponsor's name and nothing
/// more ("… is sponsored by Harbor Bank."), unlike a listing that goes on
/// ("… is presented by Broadway Across America at the Orpheum through May").
fn name_only(rest: &str) -> bool {
    let words = name_words(rest);
    (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_numeric() || c == '&')
                || NAME_SMALL_WORDS.contains(w)
        })
}

/// The words of a name, without the punctuation around them (`&` kept).
/// A sponsor's name, then a comma or a dash and a description of it: an
/// appositive or a relative clause ("Harbor Bank, the region's oldest
/// lender", "Fernway, which makes mattresses"). Words of `describers`
/// open the description.
fn described_name(rest: &str) -> bool {
    let Some(cut) = rest.find([',', '—', '–']) else {
        return false;
    };
    let (name, description) = (&rest[..cut], &rest[cut..]);
    let first = name_words(description)
        .first()
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    name_only(name) && DESCRIBERS.contains(&first) && word_count(description) >= 3
}

/// Words that open a description of a sponsor (see `sponsor_lines.txt`).
static DESCRIBERS: LazyLock<std::collections::HashSet<String>> =
    LazyLock::new(|| word_set("describers"));

fn name_words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a credit's subject is a name in title case ("Night Market",
/// "The Harbor Hour"): its first word and every word but the small ones
/// capitalized. A lower-case word ("the festival", "the bill") makes it a
/// thing the story reports on.
fn title_cased(subject: &str) -> bool {
    let words = name_words(subject);
    let capital = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_numeric());
    words.first().is_some_and(capital)
        && words
            .iter()
            .all(|w| capital(w) || TITLE_SMALL_WORDS.contains(w))
}

/// Whether `subject` (at block offset `at`) is a title: quoted, or set in
/// emphasis in the source ("*Night Market* is sponsored by …").
fn titled(scan: &BlockScan<'_>, at: usize, subject: &str) -> bool {
    let lead = subject.len() - subject.trim_start().len();
    let subject = subject.trim();
    let quoted = subject.starts_with(['"', '\'', '‘', '“', '«'])
        && subject.ends_with(['"', '\'', '’', '”', '»']);
    let start = scan.base + at + lead;
    // Emphasis marks (`*`, `<em>`) are blanked in the prose; the source
    // keeps them, so markup just before and just after the subject sets it
    // off (markup only before it is the block's own: `<p>The festival`).
    let source = scan.analysis.source.as_bytes();
    let prose = scan.analysis.doc.prose.as_bytes();
    let emphasis = |i: usize| {
        prose.get(i) == Some(&b' ') && source.get(i).is_some_and(|b| !b.is_ascii_whitespace())
    };
    quoted || (start > 0 && emphasis(start - 1) && emphasis(start + subject.len()))
}

/// Whether a link to a company's home page follows `at` (a document
/// offset) with nothing but spaces between: the credit's sponsor. A home
/// page, not a story or a document: a citation links to a page.
fn home_page_link_after(scan: &BlockScan<'_>, at: usize) -> bool {
    let Some(link) = scan.links.iter().find(|l| l.span.start >= at) else {
        return false;
    };
    if !scan
        .analysis
        .source
        .get(at..link.span.start)
        .is_some_and(|gap| gap.trim().is_empty())
    {
        return false;
    }
    let Ok(url) = url::Url::parse(link.dest.trim()) else {
        return false;
    };
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let under = |d: &str| {
        host.strip_suffix(d.trim_start_matches('.'))
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
    };
    matches!(url.scheme(), "http" | "https")
        && matches!(url.path(), "" | "/")
        && url.query().is_none()
        && !NOT_HOSTS.iter().copied().any(under)
}

/// A block an ad widget or an advertiser's form left in the story, by its
/// shape (see `native_ad_blocks.txt`): nothing but links to offer hosts or
/// headline-cased links, a trailing "[sponsored]", sweepstakes terms.
fn ad_block(scan: &BlockScan<'_>, flagged_links: &[Span]) -> Option<&'static str> {
    let text = scan.text;
    if let Some(re) = scan.regex(&super::FILTERS.plug.terms) {
        for m in re.find_iter(text) {
            let at = scan.base + m.start();
            let reported = scan.sentence_at(at).is_some_and(|s| scan.reported(s));
            if !reported && !scan.in_quote(at) {
                return Some("Sweepstakes terms in the story");
            }
        }
    }
    // Cheapest test first: most blocks end in no tag.
    let has_link = || {
        scan.links
            .iter()
            .any(|l| scan.block.span.contains(l.text.start))
    };
    if ad_tag_at_end(text, has_link) && word_count(text) <= 30 {
        return Some("Ad tagged \"sponsored\" in the story");
    }
    if giving_row(text) {
        return Some("Donation form (a row of amounts to give) in the story");
    }
    // Links inside the block, and the words of the prose outside them.
    let links: Vec<_> = scan
        .links
        .iter()
        .filter(|l| scan.block.span.contains(l.text.start))
        .collect();
    if links.is_empty() || links.iter().all(|l| flagged_links.contains(&l.span)) {
        return None;
    }
    // Stop counting at three words outside the links: most blocks with a
    // link are prose around it.
    let mut outside = 0;
    let mut from = scan.block.span.start;
    let ends = links
        .iter()
        .map(|l| (l.span.start, l.span.end))
        .chain(std::iter::once((scan.block.span.end, scan.block.span.end)));
    for (start, end) in ends {
        let gap = scan.slice(Span::new(from.min(start), start));
        outside += gap
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .take(3)
            .count();
        if outside > 2 {
            return None;
        }
        from = end.max(from);
    }
    if links.iter().all(|l| offer_host(&l.dest)) {
        return Some("Link to an ad or offer page in the story");
    }
    if follow_links(scan, &links) {
        return Some("Follow or share links (page furniture) in the story");
    }
    (links.len() >= 2 && links.iter().all(|l| headline_cased(scan.slice(l.text))))
        .then_some("Block of linked headlines (an ad or recirculation widget) in the story")
}

/// Whether a block ends in an ad tag: "[sponsored]", "(Ad)", "| Promoted".
/// The block must be a link or a headline: "The senator's statement
/// (sponsored)" is neither.
fn ad_tag_at_end(text: &str, has_link: impl FnOnce() -> bool) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
    // The tag is one of a short list, so its opening mark is near the end:
    // searching the whole block for one was a pass over every paragraph.
    let near = |s: &str| {
        let mut i = s.len().saturating_sub(*TAG_REACH);
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (inner, rest) = if let Some(body) = t.strip_suffix([']', ')']) {
        let from = near(body);
        match body[from..].rfind(['[', '(']).map(|i| from + i) {
            Some(i) => (&body[i + 1..], &body[..i]),
            None => return false,
        }
    } else {
        let from = near(t);
        match t[from..].rfind(['|', '–', '—']).map(|i| from + i) {
            Some(i) => (
                &t[i + t[i..].chars().next().map_or(1, char::len_utf8)..],
                &t[..i],
            ),
            None => return false,
        }
    };
    let inner = inner.trim().to_lowercase();
    !rest.trim().is_empty()
        && AD_TAGS.contains(&inner.as_str())
        && (has_link() || headline_cased(rest))
}

/// How far from a block's end an ad tag's opening mark can be: the
/// longest tag and a few spaces around it.
static TAG_REACH: LazyLock<usize> =
    LazyLock::new(|| AD_TAGS.iter().map(|t| t.len()).max().unwrap_or(0) + 8);

/// Whether a link's destination is on an offer or ad-network host.
fn offer_host(dest: &str) -> bool {
    url::Url::parse(dest.trim()).is_ok_and(|url| listed_host(&url, &AD_HOSTS).is_some())
}

/// The entry of `hosts` (`*` at the start: any start) that a URL's host is
/// or is under.
fn listed_host(url: &url::Url, hosts: &[&'static str]) -> Option<&'static str> {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    hosts.iter().copied().find(|h| match h.strip_prefix('*') {
        Some(end) => host.ends_with(end),
        None => host
            .strip_suffix(h)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.')),
    })
}

/// A block of links (the caller has checked there is little else) to an
/// outlet's accounts or share buttons on two or more platforms: "Follow
/// TI: [On Facebook](…) | [On X](…)"; or on one, after a follow word
/// (`[follow]`) with link texts that name the platform, not a person's
/// handle or an address ("Follow TI: [On Facebook](…)", not "Follow Jane:
/// [@jane](…)" nor a photo credit's "Photo: [Instagram](…)"). A link to a
/// post ("…/status/…", `[post-path]`) cites what someone wrote, so a block
/// citing two posts stays quiet.
fn follow_links(scan: &BlockScan<'_>, links: &[&crate::markup::Link]) -> bool {
    let first_word = scan
        .text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let named = || {
        FOLLOW_WORDS.contains(&first_word)
            && links.iter().all(|l| {
                let text = scan.slice(l.text);
                !text.contains(['@', '/']) && super::tail::platforms(text) == 1
            })
    };
    let mut platforms: Vec<&str> = Vec::with_capacity(links.len());
    for l in links {
        let Ok(url) = url::Url::parse(l.dest.trim()) else {
            return false;
        };
        let Some(host) = listed_host(&url, &SOCIAL_HOSTS) else {
            return false;
        };
        let path = url.path().to_ascii_lowercase();
        if POST_PATHS.iter().any(|p| path.contains(p)) {
            return false;
        }
        platforms.push(host);
    }
    platforms.sort_unstable();
    platforms.dedup();
    platforms.len() >= 2 || named()
}

/// The most words (not amounts) a donation form's row may have.
const GIVING_ROW_WORDS: usize = 10;

/// A donation form's row of amounts ("Choose an amount: $25 · $50 · $100 ·
/// Other — Give now"): three or more sums of money, a word of giving
/// (`[giving]`), and few other words. Sums in a sentence of reporting come
/// with more words; a row of figures in millions names its unit.
fn giving_row(text: &str) -> bool {
    let mut amounts = 0;
    let mut words = 0;
    // The row's words, for the giving word; read only once the amounts are
    // there (asked of every block, and hardly any has three).
    let row_words = || {
        text.split_whitespace().filter(|w| {
            !w.strip_prefix(CURRENCIES)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
                && w.chars().any(char::is_alphabetic)
        })
    };
    for w in text.split_whitespace() {
        if let Some(sum) = w
            .strip_prefix(CURRENCIES)
            .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        {
            // "$25M", "$3bn": a figure, not a gift.
            if sum.chars().any(char::is_alphabetic) {
                return false;
            }
            amounts += 1;
            continue;
        }
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if words > GIVING_ROW_WORDS {
            return false;
        }
    }
    amounts >= 3
        && row_words().any(|w| {
            let bare = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            GIVING.contains(&bare)
        })
}

/// The calls to action in a block, in order (see `calls_to_action.txt`):
/// a verb from the list opening a clause, with a channel or an offer after
/// it in the same sentence; an appeal; an ad's hook. Their sentences'
/// spans; sentences in `skip` (already reported as a code or a pitch,
/// which say more) are passed over, and a story's title is its own. Every
/// call, not only the first: an ad's block often runs one after another
/// ("Text STORM to 12345 … Call 555-0100 today for a FREE estimate.").
pub(super) fn calls_to_action(scan: &BlockScan<'_>, skip: &[Span]) -> Vec<Span> {
    let mut found: Vec<Span> = Vec::new();
    if scan.block.kind == BlockKind::Heading(1) {
        return found;
    }
    // Each search returns the first call outside `taken`, so each round
    // finds a new one; blocks with none cost one round, as before.
    let mut taken = skip.to_vec();
    while found.len() < MAX_CALLS {
        let Some(span) = listed_call(scan, &taken)
            .or_else(|| appeal(scan, &taken))
            .or_else(|| hooked(scan, &taken))
            .or_else(|| super::command::outlet_call(scan, &taken))
            .or_else(|| super::command::web_call(scan, &taken))
            .or_else(|| super::command::reader_call(scan, &taken))
        else {
            break;
        };
        taken.push(span);
        if !SERVICE.is_match(scan.slice(span)) {
            found.push(span);
        }
    }
    found.sort_by_key(|s| s.start);
    for span in &mut found {
        if let Some(start) = premise(scan, *span) {
            span.start = start;
        }
    }
    found
}

/// An appeal's premise (`calls_to_action.txt`, `[premise]`).
static PREMISE: LazyLock<super::lexicon::Regex> =
    LazyLock::new(|| super::lexicon::phrases(kind(CALLS, "premise")));

/// Where a call's premise starts: the sentence right before the call's,
/// in the same block, in the outlet's own voice, saying why the page needs
/// the reader ("… is hurting websites like DC Clothesline." before "please
/// consider making a small donation"). Not one that reports someone's
/// words, nor one in a quote.
fn premise(scan: &BlockScan<'_>, call: Span) -> Option<usize> {
    let i = scan
        .sentences
        .iter()
        .position(|s| s.span.contains(call.start) || s.span.start >= call.start)?;
    let before = scan.sentences.get(i.checked_sub(1)?)?;
    (before.span.end <= call.start
        && !scan.reported(before)
        && !scan.in_quote(before.span.start)
        && PREMISE.is_match(scan.slice(before.span)))
    .then_some(before.span.start)
}

/// A public service line (`calls_to_action.txt`, `[service]`): a call
/// naming one is service journalism ("Call the Suicide and Crisis
/// Lifeline at 988 for free, confidential support").
static SERVICE: LazyLock<super::lexicon::Regex> =
    LazyLock::new(|| super::lexicon::phrases(kind(CALLS, "service")));

/// The most calls reported in one block: a bound on the rounds above, far
/// past any ad's.
const MAX_CALLS: usize = 16;

/// The most words a hook question may have ("Love the show?", "Thinking
/// about buying?", "Think Dill starts Thursday?").
const HOOK_WORDS: usize = 6;

/// An ad's shape: a block that opens with a short question to the reader
/// with its subject dropped, so its first word is a verb ("Love the
/// show?", "Thinking about buying?"), answered by the next sentence opening
/// with an imperative ("Join …", "Get matched …", or a noun-verb
/// homograph the tagger reads as a noun: "Upgrade to …"), with somewhere to go or
/// something to pay after it: a link, a bare URL or an amount of money.
/// "Got a tip? Email us at tips@ledger.com" offers no link or price; a
/// question with its subject ("Do you love the show?") or a wh-word ("Why
/// does it matter? Read on.") is the story's own rhetoric.
fn hooked(scan: &BlockScan<'_>, skip: &[Span]) -> Option<Span> {
    use crate::analysis::tokens::Upos;
    if matches!(scan.block.kind, BlockKind::Heading(_)) {
        return None;
    }
    let mut sentences = scan.sentences.iter();
    let (question, answer) = (sentences.next()?, sentences.next()?);
    let asked = scan.slice(question.span).trim_end();
    if !asked.ends_with('?') || word_count(asked) > HOOK_WORDS {
        return None;
    }
    let first_word = |s: &Sentence| {
        scan.analysis
            .tokens(s)
            .iter()
            .find(|t| !matches!(t.upos, Upos::Punct | Upos::Sym))
            .map(|t| (t.upos, t.span))
    };
    if first_word(question).is_none_or(|(upos, _)| upos != Upos::Verb) {
        return None;
    }
    let span = Span::new(question.span.start, answer.span.end);
    let (_, verb) = first_word(answer)?;
    if scan.in_quote(verb.start)
        || scan.reported(answer)
        || skip.iter().any(|s| s.overlaps(span))
        || !(super::pitch::addressed_before(scan, answer, verb.end, &SOFTENERS)
            || homograph_command(scan, answer))
    {
        return None;
    }
    // A link on words inside the answer cites ("Need proof? Look at the
    // [state audit](…)"); a button after it, or a link that shows its
    // address, sends the reader somewhere.
    let sends = |l: &crate::markup::Link| {
        l.span.start >= answer.span.end
            || (l.span.end > answer.span.start
                && super::links::BARE_URL.is_match(scan.slice(l.text)))
    };
    let rest = scan.slice(Span::new(answer.span.start, scan.block.span.end));
    let goes = scan.links.iter().any(sends)
        || super::links::BARE_URL.is_match(rest)
        || super::code::MONEY.is_match(rest);
    goes.then_some(span)
}

/// An answer that opens with a command the tagger reads as a noun, as it
/// does a noun-verb homograph opening a sentence ("Upgrade to a paid
/// subscription …", "Rate and review us …"): a singular noun followed by
/// what follows a verb (a preposition, a conjunction, a pronoun or a
/// determiner), and no finite verb in its clause to make it a subject
/// ("Subscription costs $5 a month", "Details at the link" is plural).
pub(super) fn homograph_command(scan: &BlockScan<'_>, answer: &Sentence) -> bool {
    use crate::analysis::tokens::{Number, Upos};
    let tokens = scan.analysis.tokens(answer);
    let mut words = tokens
        .iter()
        .skip_while(|t| matches!(t.upos, Upos::Punct | Upos::Sym));
    let (Some(first), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    if first.upos != Upos::Noun
        || first.feats.number != Some(Number::Sing)
        || !matches!(next.upos, Upos::Adp | Upos::Cconj | Upos::Pron | Upos::Det)
    {
        return false;
    }
    !std::iter::once(next)
        .chain(words)
        .take_while(|t| !matches!(t.upos, Upos::Cconj | Upos::Punct))
        .any(|t| t.upos == Upos::Aux || t.feats.is_finite())
}

/// A call to action by the lists: a listed verb with a channel or an offer
/// after it, or a verb the tagger reads as an imperative before an offer.
fn listed_call(scan: &BlockScan<'_>, skip: &[Span]) -> Option<Span> {
    let lists = &super::FILTERS.plug;
    // Objects first: the verbs are everyday words, most blocks have one.
    let objects = scan.regex(&lists.cta_object)?;
    let verbs = scan.regex(&lists.cta_verb);
    for c in verbs.iter().flat_map(|re| re.captures_iter(scan.text)) {
        let Some(verb) = c.name("verb") else { continue };
        let at = scan.base + verb.start();
        if scan.in_quote(at) {
            continue;
        }
        let sentence = scan.sentence_at(at);
        // After ", and" the verb must be a command to the tagger too, not
        // a noun's modifier ("…, and call volume on the app doubled").
        // A negated command is one by its form ("…, and don't miss the
        // next special").
        let negated = ["don", "do not", "never"].iter().any(|n| {
            verb.as_str()
                .get(..n.len())
                .is_some_and(|v| v.eq_ignore_ascii_case(n))
        });
        if c.name("and").is_some() && !negated && !sentence.is_some_and(|s| command_at(scan, s, at))
        {
            continue;
        }
        let end = sentence.map_or(scan.block.span.end, |s| s.span.end);
        let from = scan.base + verb.end();
        let after = scan.slice(Span::new(from, end.max(from)));
        let Some(object) = objects.find(after) else {
            continue;
        };
        let object = Span::new(from + object.start(), from + object.end());
        // A channel ends in its name: one cut off at a determiner ("Watch
        // for it tonight at 9 on the eastern horizon") is a time and a place.
        if sentence.is_some_and(|s| ends_in_determiner(scan, s, object)) {
            continue;
        }
        // "Text WIN to 55555 for a free cruise, the scam message said" is
        // reporting, unlike a sign-up call: these verbs are often nouns. A
        // cue inside the channel itself is a misreading, not a speech tag
        // ("Tune into Salon's live shows": "shows" read as a verb).
        // A cue before the verb whose "speaker" is itself a verb to the
        // tagger, or nobody, is a label's imperative, not a speech tag:
        // "**Stay informed:** text ALDER to 55123".
        if sentence.is_some_and(|s| {
            scan.reported(s)
                && s.attribution.is_none_or(|a| {
                    !a.span.overlaps(object) && (a.span.end > at || !imperative_cue(scan, s, &a))
                })
        }) {
            continue;
        }
        let span = sentence.map_or(scan.block.span, |s| s.span);
        if !skip.iter().any(|s| s.overlaps(span)) {
            return Some(span);
        }
    }
    // A verb no list names, read by the tagger as an imperative opening a
    // clause before an offer ("Grab a free estimate"); a channel alone is
    // an instruction ("Set the option in the app"). Only sentences with an
    // offer are tagged.
    let offers = scan.regex(&lists.cta_offer)?;
    for m in offers.find_iter(scan.text) {
        let at = scan.base + m.start();
        let Some(sentence) = scan.sentence_at(at) else {
            continue;
        };
        if scan.in_quote(at)
            || scan.reported(sentence)
            || skip.iter().any(|s| s.overlaps(sentence.span))
        {
            continue;
        }
        if super::pitch::imperative_before(scan, sentence, at)
            && !offered_by_another(scan, sentence, at)
        {
            return Some(sentence.span);
        }
    }
    None
}

/// Whether another verb between the command and the offer at `at` makes
/// the offer someone else's, described to the reader rather than made to
/// them: a participle right after a noun ("Beware of texts promising a
/// $500 gift card") or a verb in a relative clause ("Ignore ads that
/// offer …"). A second command ("Open an account and earn a $200 bonus")
/// and a participle after a preposition ("have fun by sending free SMS
/// to your loved ones for Free!") leave it the reader's.
fn offered_by_another(scan: &BlockScan<'_>, sentence: &Sentence, at: usize) -> bool {
    use crate::analysis::tokens::{Upos, VerbForm};
    let tokens = scan.analysis.tokens(sentence);
    let before = tokens.iter().take_while(|t| t.span.start < at).count();
    (1..before).any(|i| {
        let (prev, t) = (&tokens[i - 1], &tokens[i]);
        let relative = || {
            crate::analysis::cues::RELATIVES
                .contains(&&*crate::lexicon::lower(scan.slice(prev.span)))
        };
        matches!(t.upos, Upos::Verb | Upos::Aux)
            && ((matches!(t.feats.verb_form, Some(VerbForm::Part | VerbForm::Ger))
                && matches!(prev.upos, Upos::Noun | Upos::Propn))
                || (t.feats.verb_form == Some(VerbForm::Fin) && relative()))
    })
}

/// Whether an attribution's cue is an imperative or an ad's label rather
/// than someone speaking: it names no speaker, its speaker's first word is
/// a verb to the tagger ("Stay informed", "Keep informed"), or the cue is
/// part of an offer (`[offer]`): "Free in-home estimates — call 555-0143
/// …" reads to the tagger as "Free in-home" estimating, but the phrase is
/// what the ad gives away, not a verb of saying.
fn imperative_cue(
    scan: &BlockScan<'_>,
    sentence: &Sentence,
    a: &crate::analysis::Attribution,
) -> bool {
    use crate::analysis::tokens::Upos;
    // The offer holds the whole "speaker": "The county's free clinic
    // estimates …" has a speaker before it.
    let from = a
        .speaker
        .map_or(a.span.start, |s| s.span.start.min(a.span.start));
    let offered = scan
        .regex(&super::FILTERS.plug.cta_offer)
        .is_some_and(|re| {
            re.find_iter(scan.text).any(|m| {
                scan.base + m.start() <= from
                    && Span::new(scan.base + m.start(), scan.base + m.end()).overlaps(a.span)
            })
        });
    if offered {
        return true;
    }
    let Some(speaker) = a.speaker else {
        return true;
    };
    if topic_label(scan, speaker.span) {
        return true;
    }
    scan.analysis
        .tokens(sentence)
        .iter()
        .find(|t| t.span.start >= speaker.span.start)
        .is_some_and(|t| t.upos == Upos::Verb && t.span.end <= speaker.span.end)
}

/// Whether a "speaker" is the block's label naming a topic, not someone
/// (session 25: "**Deal alert texts:** Text FRYER to 55123 …"): it opens
/// the block (marks and a list bullet before it do not count), a colon
/// follows it (after at most one word, the cue the tagger may read in it), and it is a phrase of two words or more whose words after
/// the first are in lower case, as a topic is written and a name
/// ("**Mayor Lopez:**") or an interviewer's label ("**Q:**") is not. A
/// phrase opening with "the" or "a" describes someone ("**The fire
/// chief:**"), and stays a speaker.
fn topic_label(scan: &BlockScan<'_>, speaker: Span) -> bool {
    let opens = speaker.start >= scan.base
        && scan
            .text
            .get(..speaker.start - scan.base)
            .is_some_and(|b| !b.chars().any(char::is_alphanumeric));
    let colon = speaker.end >= scan.base
        && scan
            .text
            .get(speaker.end - scan.base..)
            .and_then(|r| r.find(':').map(|k| &r[..k]))
            .is_some_and(|cue| {
                cue.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count()
                    <= 1
            });
    if !(opens && colon) {
        return false;
    }
    let words: Vec<&str> = scan.slice(speaker).split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    let lower = |w: &&str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
    };
    !rest.is_empty()
        && rest.iter().all(lower)
        && !["the", "a", "an", "our", "my", "his", "her", "their"]
            .iter()
            .any(|d| first.eq_ignore_ascii_case(d))
}

/// Whether the last word of `span` is a determiner to the tagger.
fn ends_in_determiner(scan: &BlockScan<'_>, sentence: &Sentence, span: Span) -> bool {
    use crate::analysis::tokens::Upos;
    scan.analysis
        .tokens(sentence)
        .iter()
        .rev()
        .find(|t| t.span.end <= span.end && t.span.start >= span.start)
        .is_some_and(|t| t.upos == Upos::Det)
}

/// Whether the tagger reads the word at `at` as a verb with no tense and
/// no noun straight after it, which it would modify ("call volume").
fn command_at(scan: &BlockScan<'_>, sentence: &Sentence, at: usize) -> bool {
    use crate::analysis::tokens::Upos;
    let tokens = scan.analysis.tokens(sentence);
    let Some(i) = tokens.iter().position(|t| t.span.start == at) else {
        return false;
    };
    tokens[i].upos == Upos::Verb
        && tokens[i].feats.tense.is_none()
        && tokens.get(i + 1).is_none_or(|n| n.upos != Upos::Noun)
}

/// Softeners before an imperative (`calls_to_action.txt`, `[softener]`).
static SOFTENERS: LazyLock<std::collections::HashSet<String>> =
    LazyLock::new(|| kind(CALLS, "softener").map(str::to_lowercase).collect());

/// An appeal to the reader: an imperative opening a clause (a comma or a
/// softener opens one too) with what the outlet asks for after it, or a
/// cross-promotion or ad-sales pitch by its shape. Quoted and attributed
/// sentences are someone else's appeal, reported.
fn appeal(scan: &BlockScan<'_>, skip: &[Span]) -> Option<Span> {
    let lists = &super::FILTERS.plug;
    let free = |at: usize| -> Option<&Sentence> {
        let sentence = scan.sentence_at(at)?;
        let taken = scan.in_quote(at)
            || scan.reported(sentence)
            || skip.iter().any(|s| s.overlaps(sentence.span));
        (!taken).then_some(sentence)
    };
    if let Some(cross) = scan.regex(&lists.cta_cross) {
        for c in cross.captures_iter(scan.text) {
            let Some(m) = c.name("cross") else { continue };
            if let Some(sentence) = free(scan.base + m.start()) {
                return Some(sentence.span);
            }
        }
    }
    let asks = scan.regex(&lists.cta_appeal)?;
    for m in asks.find_iter(scan.text) {
        let at = scan.base + m.start();
        let Some(sentence) = free(at) else { continue };
        if compound_gift(scan, sentence, at, m.as_str()) {
            continue;
        }
        if super::pitch::addressed_before(scan, sentence, at + 1, &SOFTENERS) {
            return Some(sentence.span);
        }
    }
    None
}

/// A donation or contribution with a noun straight before it is another
/// kind of payment, not a gift to the outlet: "Tell us whether you'll
/// raise the pension contribution", "the employer contribution", "campaign
/// donations" (not "make a small donation", "your contribution").
fn compound_gift(scan: &BlockScan<'_>, sentence: &Sentence, at: usize, found: &str) -> bool {
    let lower = found.to_ascii_lowercase();
    if !(lower.starts_with("donation") || lower.starts_with("contribution")) {
        return false;
    }
    scan.analysis
        .tokens(sentence)
        .iter()
        .take_while(|t| t.span.end <= at)
        .last()
        .is_some_and(|t| t.upos == crate::analysis::tokens::Upos::Noun)
}

/// The plug label a block starts with, as written; `labels` is the label
/// family's regex.
fn label<'t>(labels: &super::lexicon::Regex, text: &'t str, heading: bool) -> Option<&'t str> {
    let c = labels.captures(text)?;
    let m = c.name("label")?;
    let found = m.as_str();
    let uses = LABEL_USES
        .get(&normalize(found))
        .copied()
        .unwrap_or_default();
    if heading && uses.body_only {
        return None;
    }
    let rest = text.get(m.end()..).unwrap_or("");
    // A heading that is the label and nothing else ("## Up next", "##
    // Sponsors") titles a section of the story: what stands under it is
    // judged on its own (the next game's preview, a sponsor's blurb), and
    // a list of plugs under "## Related" is found by its items.
    if heading && !rest.chars().any(char::is_alphanumeric) {
        return None;
    }
    // Not a label of two letters: "AD Smith said …" is an athletic
    // director (the bracket or the colon marks "[AD]", "AD:").
    let shouted = found.chars().filter(|c| c.is_alphabetic()).count() > 2
        && !found.chars().any(char::is_lowercase)
        && rest.starts_with(char::is_whitespace)
        && rest
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || c.is_numeric() || "\"“‘'[".contains(c));
    // A label of two words or more run into a headline with its colon lost,
    // as a page's text often comes: "Related stories The University of
    // Texas is removing its Confederate statues Workers removed …". The
    // run ends no sentence, which a sentence opening "Related stories"
    // would.
    let run_on = found.split_whitespace().count() >= 2
        && rest.starts_with(char::is_whitespace)
        && rest.trim_start().starts_with(char::is_uppercase)
        && word_count(rest) >= 3
        && !ends_full_stop(rest);
    // An empty ad slot ("Advertisement", "Advertisement Advertisement").
    if uses.slot && (!rest.chars().any(char::is_alphanumeric) || repeated(found, rest)) {
        return None;
    }
    if uses.caption && (captions(rest) || social_post(rest)) {
        return None;
    }
    if uses.schedule && fixture(rest) {
        return None;
    }
    // A heading is short and ends no sentence whatever it says: "## More
    // from the Press" heads a list, it is not a plug itself.
    let short = uses.short
        && !heading
        && ((word_count(text) <= 8 && !ends_sentence(text)) || introduces_headline(rest));
    // A label in brackets before the copy it marks: "[AD] Quillbox keeps
    // your notes private", "(Sponsored) Five ways to …".
    let bracketed = text[..m.start()].trim_end().ends_with(['[', '('])
        && rest.starts_with([']', ')'])
        && rest.chars().any(char::is_alphanumeric);
    let ok = ((uses.separated || uses.alone)
        && (separated(rest) || repeated(found, rest) || bracketed))
        || (uses.separated && (shouted || run_on))
        || short;
    ok.then_some(found)
}

/// A social post embedded whole, its account's handle and picture link
/// after its text ("JUST IN: Booking photo of … @NBC29
/// pic.twitter.com/…"): the account's words, quoted, not the outlet's plug.
fn social_post(rest: &str) -> bool {
    rest.contains("pic.twitter.com/")
        || rest.split_whitespace().any(|w| {
            w.strip_prefix('@').is_some_and(|h| {
                (2..=15).contains(&h.len())
                    && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        })
}

/// A day and a clock time in the first sentence after a label: a
/// fixture on a schedule ("Game 5, Saturday, 6:35 p.m."; "vs. Boston,
/// Friday at 7 p.m."), where a plugged headline names no time.
fn fixture(rest: &str) -> bool {
    static DAY_AND_TIME: LazyLock<super::lexicon::Regex> = LazyLock::new(|| {
        super::lexicon::build(
            r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|tonight|tomorrow)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? [0-9]{1,2}\b",
        )
    });
    static CLOCK: LazyLock<super::lexicon::Regex> = LazyLock::new(|| {
        super::lexicon::build(r"(?i)\b[0-9]{1,2}(?::[0-9]{2})? ?(?:[ap]\.m\.|[ap]m\b)|\bnoon\b")
    });
    // The first line of text, up to a sentence end other than "p.m.".
    let first = rest.lines().next().unwrap_or("");
    DAY_AND_TIME.is_match(first) && CLOCK.is_match(first)
}

/// Nothing after a label but the label again: an ad slot's
/// "Advertisement Advertisement Advertisement".
fn repeated(label: &str, rest: &str) -> bool {
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let n = label.split_whitespace().count();
    !words.is_empty()
        && words.len().is_multiple_of(n)
        && words
            .chunks(n)
            .all(|c| normalize(&c.join(" ")) == normalize(label))
}

/// After a media label ("WATCH:"), a sentence in sentence case: a caption
/// of the story's own video, not a plug for another story's headline.
fn captions(rest: &str) -> bool {
    let r = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Its first sentence: an embed's page text may follow the headline.
    let first = r
        .match_indices(['.', '?', '!'])
        .find(|&(i, _)| r[i + 1..].starts_with(char::is_whitespace) || i + 1 == r.len())
        .map_or(r, |(i, _)| &r[..=i]);
    word_count(first) >= 6 && !headline_cased(first) && ends_full_stop(first)
}

/// Ends with `.`, `?` or `!` (a colon introduces, it ends nothing).
fn ends_full_stop(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ')' | '”' | '"'))
        .ends_with(['.', '?', '!'])
}

/// After a `…` label ("More from"), a few words, a colon and a headline:
/// "More from our Night Shift series: The toll collector who has seen
/// everything". An excerpt after the colon ends a sentence and is quoted
/// copy, not a plug.
fn introduces_headline(rest: &str) -> bool {
    let Some(colon) = rest.find([':', '：']) else {
        return false;
    };
    let (head, tail) = (&rest[..colon], &rest[colon..]);
    let tail = tail.trim_start_matches([':', '：']);
    // One headline, or a run of them set off by dots or bars ("Trending on
    // The Dispatch: Inside the $14 million estate · The 6 neighborhoods
    // where prices still rise · …").
    word_count(head) <= 5 && headlines(tail)
}

/// Text after a label's colon that is headlines: one, or a row of them set
/// off by dots or bars, each three to twenty words and ending no sentence.
fn headlines(tail: &str) -> bool {
    tail.split(ROW_SEPARATORS)
        .all(|h| (3..=20).contains(&word_count(h)) && !ends_full_stop(h))
}

/// A one-line block that is a label of any words, a colon and headlines
/// that send the reader elsewhere: a row of them set off by dots or bars
/// ("**Keep shopping:** The 15 best gifts under $25 · Gifts for coffee
/// snobs · …"), or one or more ending in an arrow ("*Psst — readers of this
/// newsletter also loved:* The 4 password managers I'd trust …  →"). The
/// label is one to eight words, ends no sentence and is not the newsroom's
/// own ("Photo: …", "Sources: …"). A single headline with no arrow is too
/// like a sentence after a colon ("Update: The council voted …"); it is
/// left to the listed labels (`plug_prefixes.txt`).
fn labelled_row(text: &str) -> bool {
    let text = text.trim();
    let Some(colon) = text.find([':', '：']) else {
        return false;
    };
    let label = &text[..colon];
    let after = text[colon..].trim_start_matches([':', '：']);
    // A label's colon ends a word and a space follows it: not a clock
    // time's ("Published 6:02 a.m. | Updated 11:47 a.m.").
    let worded = label
        .trim_end_matches(['*', '_'])
        .ends_with(char::is_alphabetic)
        && after
            .trim_start_matches(['*', '_'])
            .starts_with(char::is_whitespace);
    let tail = after.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let items: Vec<&str> = tail.split(ROW_SEPARATORS).collect();
    let arrowed = items.iter().any(|h| h.trim_end().ends_with(ARROWS));
    let unarrowed = tail.replace(ARROWS, " ");
    // A row of prices is an event's or a menu's details ("**Tickets:** $25
    // general admission · $15 for students · …"), not headlines.
    let priced = items.iter().any(|h| h.trim_start().starts_with(CURRENCIES));
    worded
        && !text.contains('\n')
        && (1..=8).contains(&word_count(label))
        && !label.contains(['.', '?', '!'])
        && (arrowed || items.len() >= 2)
        && !priced
        && headlines(&unarrowed)
        && !super::tail::own_line(text)
}

/// Whether a block is a row of fields: its items after the first open
/// with labels of their own in emphasis, as the first does ("**Hosts:**
/// June Okereke · **Guest:** Dr. Ramona Sepúlveda"), credits or details,
/// not headlines. Read in the source, where the emphasis marks are.
fn field_row(scan: &BlockScan<'_>) -> bool {
    let span = scan.block.span;
    let source = scan.analysis.source.get(span.start..span.end).unwrap_or("");
    source.split(ROW_SEPARATORS).skip(1).any(field_label)
}

/// Whether a row's item opens with a label in emphasis: `**Guest:**`,
/// `*Where:*`, one to three words.
fn field_label(item: &str) -> bool {
    let item = item.trim_start();
    let marks = item.len() - item.trim_start_matches(['*', '_']).len();
    if marks == 0 {
        return false;
    }
    let rest = &item[marks..];
    rest.find([':', '：']).is_some_and(|colon| {
        let label = &rest[..colon];
        (1..=3).contains(&word_count(label))
            && !label.contains(['*', '_'])
            && rest[colon..]
                .trim_start_matches([':', '：'])
                .starts_with(['*', '_'])
    })
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::fragment;
    use super::*;

    /// The lists' regexes as they were built before the split into pieces.
    #[test]
    fn whole_lists_are_unchanged() {
        let lists = &crate::rules::promo::FILTERS.plug;
        use super::super::lexicon::alternation;
        let mut labels: Vec<&String> = LABEL_USES.keys().collect();
        labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        let alt = labels
            .iter()
            .map(|l| format!("(?:{})", fragment(&regex::escape(l))))
            .collect::<Vec<_>>()
            .join("|");
        // Equal-length labels may come in any order from the map.
        let sorted = |p: String| {
            let mut v: Vec<String> = p.split('|').map(str::to_owned).collect();
            v.sort();
            v
        };
        assert_eq!(
            sorted(lists.labels.full_pattern()),
            sorted(format!(
                r"(?i)^{LEAD}(?:{TIME_STAMP}{LEAD})?(?P<label>{alt}){END}"
            ))
        );
        assert_eq!(
            lists.sponsor.full_pattern(),
            format!(
                r"(?i){CLAUSE_START}{START}(?:(?P<any>{})|(?P<short>{})){END}",
                alternation(kind(SPONSORS, "any")),
                alternation(kind(SPONSORS, "short")),
            )
        );
        assert_eq!(
            lists.signup_call.full_pattern(),
            format!(
                r"(?i){CLAUSE_START}(?:{PURPOSE})?(?:(?:click|tap)(?:/tap)?\s+here\s+to\s+|please\s+|you\s+can\s+|be\s+sure\s+to\s+|don['’]t\s+forget\s+to\s+|and\s+)?{START}(?:(?P<alone>{})|(?P<call>{})|(?P<share>{})){END}",
                alternation(kind(SIGNUPS, "alone")),
                alternation(kind(SIGNUPS, "call")),
                alternation(kind(CALLS, "share")),
            )
        );
        assert_eq!(
            lists.signup_object.full_pattern(),
            format!(
                r"(?i){START}(?:{}){END}",
                alternation(kind(SIGNUPS, "object").chain(kind(SIGNUPS, "inbox")))
            )
        );
        assert_eq!(
            lists.native_ad.full_pattern(),
            format!(
                r"(?i){START}(?:{}){END}",
                alternation(kind(NATIVE, "headlines"))
            )
        );
    }

    #[test]
    fn labels() {
        let re =
            super::super::lexicon::build(&crate::rules::promo::FILTERS.plug.labels.full_pattern());
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
            ("ADVERTISEMENT", None),
            ("ADVERTISEMENT “I Just Asked Her”", Some("ADVERTISEMENT")),
            ("**1:55 p.m.** — Related: What to do", Some("Related")),
            ("10:05 am ET | Read more: The vote", Some("Read more")),
            ("Trending on Table & Feast: 11 cheeses", Some("Trending on")),
            ("5 amazing Related: x", None),
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
            assert_eq!(label(&re, text, false), want, "{text}");
        }
    }

    #[test]
    fn arrowed_calls() {
        // A page's `>>` comes through as text or as its entities (a
        // Markdown line starting `>>` is a block quote, so the case files
        // cannot hold it).
        for plug in [
            "&gt;&gt; Read about the latest in the investigation here",
            ">> See photos from the demonstration here",
            "**» Watch the full interview**",
        ] {
            assert!(arrowed_call(plug), "{plug}");
        }
        for quiet in [
            "Home » News » Local",
            "→ Turn left at the church and park behind the hall",
            "&gt;&gt; Read the statement in full.",
            ">> See",
        ] {
            assert!(!arrowed_call(quiet), "{quiet}");
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
