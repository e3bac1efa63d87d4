//! The story's tail, read as a whole: what outlets stack after the story
//! ends (recirculation labels and their lists of links or headlines, share
//! and follow calls), and a sponsor's slogan in its own paragraph after its
//! credit. A document pass (it reads blocks in relation to each other), run
//! after the block rules from what they flagged; `promo.plug` findings.
//!
//! What counts is in `data/promo/story_tail.txt`. A list of links or
//! headlines is flagged only after a label or a flagged promotion in the
//! same run of tail blocks, so a sources list or a list the story itself
//! ends with stays quiet; the newsroom's own closing lines (a correction, a
//! credit, "Sources:") end the tail and are never flagged.

use std::cell::LazyCell;
use std::sync::LazyLock;

use super::lexicon::{alternation, build, Regex};
use super::plug::headline_cased;
use super::PROMO_PLUG;
use crate::finding::Finding;
use crate::markup::{Block, BlockKind, Document};
use crate::rules::{Config, Local};
use crate::span::Span;

struct Lists {
    label: Regex,
    ad_label: Regex,
    share: Regex,
    follow: Regex,
    platform: Regex,
    own: Regex,
    end: Regex,
    credit: Regex,
    dated_card: Regex,
    bio_plug: Regex,
    share_item: Regex,
}

/// Build the lists without searching anything (see
/// [`crate::compile_matchers`]).
pub(super) fn compile_matchers() {
    LazyLock::force(&LISTS);
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let lists = crate::lexicon::sections(include_str!("../../../data/promo/story_tail.txt"));
    let list = |name: &str| lists.get(name).map_or(&[][..], Vec::as_slice);
    // At the start of the block, after any marks, bullets or emoji, and
    // ending where a word does. ASCII classes: Unicode ones (case-folded
    // under `(?i)`, at that) made compiling these lists cost a fresh
    // process's first check a third more. The lists are English; an
    // accented letter next to an entry counts as a boundary.
    let at_start = |name: &str| {
        build(&format!(
            r"^[^A-Za-z0-9©]*(?i:{})(?:\b|$|[^A-Za-z0-9])",
            alternation(list(name).iter().copied())
        ))
    };
    Lists {
        label: at_start("tail-label"),
        ad_label: at_start("tail-ad-label"),
        share: at_start("tail-share"),
        follow: at_start("tail-follow"),
        platform: build(&format!(
            r"(?i:\b(?:{})\b)",
            alternation(list("tail-platform").iter().copied())
        )),
        own: at_start("tail-own"),
        end: at_start("tail-end"),
        credit: build(&format!(
            r"(?i:(?:^|[^A-Za-z0-9])(?:{})(?:$|[^A-Za-z0-9]))",
            alternation(list("tail-credit").iter().copied())
        )),
        // The whole paragraph.
        dated_card: build(&format!(
            r"^(?i:{})$",
            alternation(list("tail-dated-card").iter().copied())
        )),
        // At a sentence's start, with the space before the linked title
        // (the prose blanks the link's marks: see `bio_plug`).
        // One item of a share bar, whole (see `share_bar`).
        share_item: build(&format!(
            r"^(?i:(?:share(?:\s+(?:on|via|this))?\s*:?\s*)?(?:[0-9]+\s+)?(?:{}|{}))$",
            alternation(list("tail-platform").iter().copied()),
            alternation(list("tail-share-item").iter().copied())
        )),
        bio_plug: build(&format!(
            r"(?:^|[.!?][\x22'”’)]?\s+)(?i:{})(?:,|\s+is|\s+was)?\s+",
            alternation(list("tail-bio-plug").iter().copied())
        )),
    }
});

/// Whether a line opens as the newsroom's own (`[tail-own]`: "Photo:",
/// "Source:", "Correction:") or holds a credit (`[tail-credit]`).
pub(super) fn own_line(text: &str) -> bool {
    LISTS.own.is_match(text) || LISTS.credit.is_match(text)
}

/// How many different platforms a text names ("on Twitter, Facebook and
/// Instagram": three).
pub(super) fn platforms(text: &str) -> usize {
    let mut seen: Vec<String> = LISTS
        .platform
        .find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// What a block is to the tail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Heads or is a promotion by itself: a label, a share or follow call.
    Anchor,
    /// A promotion the block rules already reported.
    Flagged,
    /// A list of links or headlines: a promotion after an anchor.
    List,
    /// A contact line; the tail runs on past it.
    Skip,
    /// Story prose, or the newsroom's own closing line: the tail ends.
    Story,
}

/// What the tail pass reads of one block by itself: every test of its
/// text, kind and links that depends on no other block, the page's title
/// or what the block rules flagged. A function of what the incremental
/// checker fingerprints a block by, so it keeps these per fingerprint and
/// a keystroke computes them for the blocks it changed only
/// ([`crate::rules::Local::tail_blocks`]); the pass over the page then
/// reads the answers (and the text only of the rare blocks they pick).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TailBlock {
    /// It opens with an upper-case kicker (`kicker`).
    kicker: bool,
    /// A body paragraph whose kicker heads a related story's headline.
    kicker_row: bool,
    /// A body paragraph shaped as a row of links (`pipe_row` but for the
    /// title).
    pipe_shape: bool,
    /// An "About NAME" line with nothing after the name, of seven words
    /// at most.
    about_head: bool,
    /// A widget's label (`[tail-ad-label]`), short, ending no sentence.
    paid_label: bool,
    /// A recirculation label (`[tail-label]`), short, ending no sentence,
    /// not a title, quoted or in a footnote.
    label: bool,
    /// Shaped as a widget's list item.
    item_list: bool,
    /// Shaped as a paid widget's headline paragraph.
    item_paid: bool,
    /// Shaped as a recirculation widget's headline paragraph.
    item_para: bool,
    /// A headline-shaped paragraph (`item_paid` or `item_para`) that
    /// opens as the newsroom's own (`[tail-own]`): it ends a widget's run.
    own: bool,
    /// A linked card: a paragraph of nothing but a link to a story.
    card: bool,
    /// A paragraph that is only a card's date.
    dated: bool,
    /// Ends with a full stop.
    full_stop: bool,
    /// Passes every test of a stray headline that reads the line alone.
    stray: bool,
    /// A stray headline's: a news headline's colon or quotation marks,
    /// in the trimmed text and in the text as it is; a byline or a date
    /// line.
    quoting_trimmed: bool,
    quoting: bool,
    byline: bool,
}

impl TailBlock {
    /// The facts of `block`, read from `doc`.
    pub fn of(doc: &Document, block: &Block) -> TailBlock {
        // Cheapest first, and a list searched only where an answer needs
        // it: the first check of a draft reads every block this way.
        let lists = &*LISTS;
        let text = doc.text(block.span);
        let body =
            block.kind == BlockKind::Paragraph && !block.in_footnote && block.quote_depth == 0;
        let ends = ends_sentence(text);
        let k = kicker(text);
        let labelled = !block.in_footnote
            && block.quote_depth == 0
            && block.kind != BlockKind::Heading(1)
            && !ends;
        // Every bound below is 25 words or fewer.
        let n = words_up_to(text, 26);
        let short = labelled && n <= 10;
        let paragraph = block.kind == BlockKind::Paragraph;
        let item_paid = paragraph && n <= 25 && !ends && headline(text);
        let item_para = paragraph
            && (4..=25).contains(&n)
            && !ends
            && !text.trim_end().ends_with([':', '：'])
            && !text.contains('\n')
            && text.chars().any(char::is_lowercase);
        let trimmed = text.trim();
        let stray = stray_shaped(block, trimmed);
        TailBlock {
            kicker: k.is_some(),
            kicker_row: body
                && k.is_some_and(|(k, rest)| related_headline(rest) && !lists.own.is_match(k)),
            pipe_shape: body && pipe_shape(text),
            about_head: super::plug::about(text)
                .is_some_and(|(_, rest)| rest.trim().is_empty() && words(text) <= 7),
            paid_label: short && lists.ad_label.is_match(text),
            label: short && lists.label.is_match(text),
            item_list: block.kind == BlockKind::ListItem && (1..=25).contains(&n),
            item_paid,
            item_para,
            own: (item_paid || item_para) && lists.own.is_match(text),
            card: card(doc, block),
            dated: dated(trimmed),
            full_stop: ends_full_stop(text),
            stray,
            quoting_trimmed: stray && quoting_headline(trimmed),
            quoting: stray && quoting_headline(text),
            byline: stray && byline(trimmed),
        }
    }
}

fn words(text: &str) -> usize {
    words_up_to(text, usize::MAX)
}

/// [`words`], counted no further than `most`: enough to compare a long
/// paragraph with a bound. ASCII text is counted byte by byte (the same
/// count: ASCII's whitespace and alphanumerics are Unicode's): a
/// keystroke asks this of most of a draft's short paragraphs again, and
/// decoding each character was a tenth of its instructions.
fn words_up_to(text: &str, most: usize) -> usize {
    if !text.is_ascii() {
        return text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .take(most)
            .count();
    }
    // `char::is_whitespace` on ASCII: `u8::is_ascii_whitespace` leaves
    // out the vertical tab.
    let space = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
    let (mut count, mut in_word, mut counted) = (0, false, false);
    for &b in text.as_bytes() {
        if space(b) {
            in_word = false;
        } else {
            if !in_word {
                in_word = true;
                counted = false;
            }
            if !counted && b.is_ascii_alphanumeric() {
                counted = true;
                count += 1;
                if count >= most {
                    break;
                }
            }
        }
    }
    count.min(most)
}

/// Ends a sentence (a headline or a label does not).
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | ')' | '”' | '"' | '’' | '\'')
    })
    .ends_with(['.', '?', '!'])
}

/// A headline (see [`headline_cased`]), not a row of figures whose
/// few words may all be capitalized.
fn headline(text: &str) -> bool {
    let tokens = text.split_whitespace().count();
    let wordy = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_ascii_digit()))
        .count();
    headline_cased(text) && wordy * 3 >= tokens * 2
}

/// A follow call whose account is the outlet's ("Follow us on …").
fn follow_us(text: &str) -> bool {
    static US: LazyLock<Regex> = LazyLock::new(|| build(r"(?i)\bfollow us\b"));
    US.is_match(text)
}

/// A reporter's contact line ("Foon Rhee: 916-321-1913, @foonrhee").
fn contact(text: &str) -> bool {
    static PHONE: LazyLock<Regex> = LazyLock::new(|| {
        build(r"[0-9]{3}[-. ][0-9]{4}\b|@[A-Za-z0-9_]{2,}|[A-Za-z0-9]@[A-Za-z0-9]")
    });
    words(text) <= 15 && PHONE.is_match(text)
}

/// Flagged spans in order of start, with the furthest end reached so far:
/// whether one overlaps a block is a binary search, so a draft of nothing
/// but promotions is not quadratic.
struct Flagged {
    spans: Vec<Span>,
    reach: Vec<usize>,
}

impl Flagged {
    fn new(mut spans: Vec<Span>) -> Flagged {
        spans.sort_by_key(|s| s.start);
        let reach = spans
            .iter()
            .scan(0, |far, s| {
                *far = s.end.max(*far);
                Some(*far)
            })
            .collect();
        Flagged { spans, reach }
    }

    fn overlaps(&self, span: Span) -> bool {
        let n = self.spans.partition_point(|s| s.start < span.end);
        n > 0 && self.reach.get(n - 1).is_some_and(|&end| end > span.start)
    }
}

fn part(doc: &Document, block: &Block, flagged: &Flagged) -> Part {
    let lists = &*LISTS;
    let text = doc.text(block.span);
    if block.in_footnote {
        return Part::Skip;
    }
    if flagged.overlaps(block.span) {
        return Part::Flagged;
    }
    let n = words(text);
    if lists.own.is_match(text) {
        return Part::Story;
    }
    if n <= 10 && !ends_sentence(text) && lists.label.is_match(text) {
        return Part::Anchor;
    }
    // A quoted call is someone's words: "“Share this with everyone,” the
    // text said."
    let quoted = text.trim_start().starts_with(['"', '“', '‘', '\'', '«']);
    let share = lists.share.is_match(text);
    let follow = lists.follow.is_match(text) && lists.platform.is_match(text);
    // A person's account with its handle is the writer's contact line, not
    // the outlet's follow call ("Follow Dan Hanzus on Twitter @danhanzus"):
    // one account is a person's, as in the call-to-action list's `[share]`.
    // "Follow us on Twitter @ledger" is the outlet's, and stays a call.
    if follow && !share && !follow_us(text) && contact(text) {
        return Part::Skip;
    }
    if n <= 40 && !quoted && (share || follow) {
        return Part::Anchor;
    }
    if contact(text) {
        return Part::Skip;
    }
    // Links, with at most three words outside them.
    let links = doc.block_links(block);
    let mut outside = text.to_owned();
    for l in links.iter().rev() {
        // A link that opens the block starts at its `[`, before the
        // block's first prose byte: clamped, its text still counts as
        // the link's, not as words outside it.
        let s = l.span.start.max(block.span.start) - block.span.start;
        let e = l
            .span
            .end
            .min(block.span.end)
            .saturating_sub(block.span.start);
        if s < e && e <= outside.len() && outside.is_char_boundary(s) && outside.is_char_boundary(e)
        {
            outside.replace_range(s..e, " ");
        }
    }
    let heading = matches!(block.kind, BlockKind::Heading(1));
    // A page's own buttons ("[Print this article](javascript:print())")
    // link nowhere: only a link to a page makes a list of links.
    let web = links.iter().any(|l| {
        let d = l.dest.trim_start();
        d.starts_with("http") || d.starts_with("www.") || d.starts_with('/')
    });
    if !heading
        && ((web && words(&outside) <= 3)
            || (n <= 25 && !ends_sentence(text) && headline(text))
            || text.matches('•').count() >= 2)
    {
        return Part::List;
    }
    Part::Story
}

/// The tail's promotions the block rules left unflagged, and sponsors'
/// slogans after their credits.
pub(super) fn find(local: &Local, doc: &Document, config: &Config) -> Vec<Finding> {
    let rule = &PROMO_PLUG;
    let Some(severity) = config.severity(rule.id, rule.default_severity) else {
        return Vec::new();
    };
    // Each block's own facts: the caller's, when it kept them (the
    // incremental checker, by block fingerprint), else read here.
    let read;
    let facts: &[TailBlock] = match &local.tail_blocks {
        Some(kept) if kept.len() == doc.blocks.len() => kept,
        _ => {
            read = doc
                .blocks
                .iter()
                .map(|b| TailBlock::of(doc, b))
                .collect::<Vec<_>>();
            &read
        }
    };
    let mut flagged: Vec<Span> = local
        .findings
        .iter()
        .filter(|f| {
            matches!(
                &*f.rule,
                "promo.plug" | "promo.call-to-action" | "promo.sales-pitch" | "promo.code"
            )
        })
        .map(|f| f.span)
        .collect();
    // Every promotion the block rules found, paid links included: the
    // cards of a native-ad widget (see [`after_ad_run`]).
    let any_promo = Flagged::new(
        local
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("promo."))
            .map(|f| f.span)
            .collect(),
    );
    let mut out = furniture(
        doc,
        facts,
        &Flagged::new(flagged.clone()),
        &any_promo,
        rule.id,
        severity,
    );
    // A stray headline or a linked card that is a flagged link's text is
    // left to the link (a paid native-ad link), as the block rules leave it.
    out.retain(|f| {
        (f.message != STRAY && f.message != CARD)
            || !local
                .findings
                .iter()
                .any(|g| g.rule.starts_with("promo.") && g.span.overlaps(f.span))
    });
    flagged.extend(out.iter().map(|f| f.span));
    let flagged = Flagged::new(flagged);
    // Walk back from the last block while the blocks are tail material.
    let mut run: Vec<(usize, Part)> = Vec::new();
    // Whether the run follows the page's own last line (a copyright, an
    // opinion disclaimer): then its headlines are past the story's end.
    let mut past_end = false;
    for (i, block) in doc.blocks.iter().enumerate().rev() {
        match part(doc, block, &flagged) {
            Part::Skip => {}
            // The newsroom's own last lines before anything else: past them.
            Part::Story if run.is_empty() && LISTS.own.is_match(doc.text(block.span)) => {}
            Part::Story => {
                // Not one that introduces what follows ("Copyright
                // inquiries may be directed to:" and an address).
                let text = doc.text(block.span);
                past_end = LISTS.end.is_match(text) && !text.trim_end().ends_with(':');
                break;
            }
            p => run.push((i, p)),
        }
    }
    run.reverse();
    let mut anchored = past_end;
    for (k, &(i, p)) in run.iter().enumerate() {
        // A label that introduces ("More from [Fox News](…):") heads a list
        // only if one follows it; else it introduces the story's excerpt.
        let introduces = doc
            .text(doc.blocks[i].span)
            .trim_end()
            .ends_with([':', '：']);
        let list_next = run.get(k + 1).is_some_and(|&(_, q)| q == Part::List);
        // A heading is never a plug itself ("## More from the Press"),
        // though it heads the list after it.
        let heading = matches!(doc.blocks[i].kind, BlockKind::Heading(_));
        let report = match p {
            Part::Anchor => !heading && (!introduces || list_next),
            Part::List => anchored,
            _ => false,
        };
        anchored |= matches!(p, Part::Anchor | Part::Flagged);
        if report {
            out.push(Finding::new(
                rule.id,
                severity,
                doc.blocks[i].span,
                "Promotion after the story's end (a label, a list of links or headlines, a share or follow call).",
            ));
        }
    }
    out.extend(slogans(local, doc, severity));
    out.extend(bio_plug(doc, &flagged, rule.id, severity));
    out
}

/// A bio's first sentence: a name of two to five capitalized words, then
/// "is" or "was" and an article ("Kareem Abdul-Jabbar is a former …").
static BIO: LazyLock<Regex> =
    LazyLock::new(|| build(r"^[*_]*(?:[A-Z][A-Za-z'’.-]*\s+){2,5}(?:is|was)\s+(?:a|an|the)\s"));

/// The author's own new work plugged in the bio that closes the story
/// (`[tail-bio-plug]`): in the story's last paragraph no promotion covers,
/// when it opens as a bio, the sentence that names the author's new book
/// (or album, film …) with its title linked. Reported from that sentence's
/// start to its end; the bio itself is the newsroom's.
fn bio_plug(
    doc: &Document,
    flagged: &Flagged,
    rule: &'static str,
    severity: crate::Severity,
) -> Option<Finding> {
    let block = doc
        .blocks
        .iter()
        .rev()
        .find(|b| !flagged.overlaps(b.span))?;
    if block.kind != BlockKind::Paragraph || block.in_footnote || block.quote_depth > 0 {
        return None;
    }
    let text = doc.text(block.span);
    if !BIO.is_match(text) {
        return None;
    }
    let m = LISTS.bio_plug.find(text)?;
    // The match starts at the full stop before the sentence, if any.
    let lead = text[m.start()..]
        .find(|c: char| c.is_alphabetic())
        .map_or(m.start(), |k| m.start() + k);
    // The title's link right after it ("is" or a comma at most between):
    // its visible text starts where the match ends.
    let title = block.span.start + m.end();
    let link = doc
        .block_links(block)
        .iter()
        .find(|l| l.text.start == title)?;
    // The sentence ends at the first full stop after the link.
    let after = link
        .span
        .end
        .saturating_sub(block.span.start)
        .min(text.len());
    let end = text[after..]
        .char_indices()
        .find(|&(k, c)| {
            matches!(c, '.' | '!' | '?')
                && text[after + k + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(k, c)| after + k + c.len_utf8());
    Some(Finding::new(
        rule,
        severity,
        Span::new(block.span.start + lead, block.span.start + end),
        "The author's own work plugged in the bio that closes the story.",
    ))
}

/// Page furniture a copied page leaves between the story's paragraphs,
/// read by its shape (the block rules cannot: it needs the whole page):
/// - a related story's headline under an upper-case kicker, alone in its
///   paragraph: "TRUMP: The \"Access Hollywood\" tape might be fake",
///   "HURRICANE IRMA | Real-time tracking maps …". A kicker that opens
///   two paragraphs heads sections or speakers ("NOT REAL: …", a
///   transcript's "TRUMP: …"), and the newsroom's own ("UPDATE:",
///   "PHOTO:", `[tail-own]`) is not a plug;
/// - a row of four or more short items between bars, none a sentence:
///   a navigation or links row ("IMPORTANT LINKS Hurricane Supply Kit
///   Checklist | Things to know before the storm | …").
fn furniture(
    doc: &Document,
    facts: &[TailBlock],
    flagged: &Flagged,
    any_promo: &Flagged,
    rule: &'static str,
    severity: crate::Severity,
) -> Vec<Finding> {
    // The title and the first paragraph are the story's own (a dateline:
    // "WASHINGTON: The Senate passed …").
    let lede = doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph)
        .unwrap_or(0);
    let candidates: Vec<(usize, Option<String>)> = facts
        .iter()
        .enumerate()
        .skip(lede + 1)
        .filter_map(|(i, f)| {
            let text = doc.text(doc.blocks[i].span);
            if f.kicker_row {
                kicker(text).map(|(k, _)| (i, Some(k.to_uppercase())))
            } else {
                (f.pipe_shape && !names_title(doc, text) && !share_bar(text)).then_some((i, None))
            }
        })
        .collect();
    // Every kicker counts towards a repeat, a headline's or not.
    let mut kickers: Vec<String> = facts
        .iter()
        .zip(&doc.blocks)
        .filter(|(f, _)| f.kicker)
        .filter_map(|(_, b)| kicker(doc.text(b.span)).map(|(k, _)| k.to_uppercase()))
        .collect();
    kickers.sort_unstable();
    let once = |k: &String| {
        let n = kickers.partition_point(|x| x < k);
        kickers.get(n + 1).is_none_or(|x| x != k)
    };
    let mut out = about_blocks(doc, facts, flagged, rule, severity);
    out.extend(widget_items(doc, facts, flagged, rule, severity));
    out.extend(after_ad_run(doc, facts, flagged, any_promo, rule, severity));
    out.extend(link_cards(doc, facts, flagged, rule, severity));
    out.extend(dated_cards(doc, facts, lede, flagged, rule, severity));
    let strays = stray_headlines(doc, facts, lede, flagged);
    for (i, kicker) in candidates {
        let span = doc.blocks[i].span;
        if flagged.overlaps(span) {
            continue;
        }
        let message = match &kicker {
            Some(k) if once(k) => "Another story's headline (a related-story row) in the story.",
            Some(_) => continue,
            None => "Row of links (page furniture) in the story.",
        };
        out.push(Finding::new(rule, severity, span, message));
    }
    for i in strays {
        let span = doc.blocks[i].span;
        // A kicker that opens two paragraphs heads sections ("NOT REAL: …").
        let section = kicker(doc.text(span)).is_some_and(|(k, _)| !once(&k.to_uppercase()));
        if !section && !flagged.overlaps(span) && !out.iter().any(|f| f.span.overlaps(span)) {
            out.push(Finding::new(rule, severity, span, STRAY));
        }
    }
    out
}

/// An embedded card between the story's paragraphs: a paragraph that is
/// only a date (`[tail-dated-card]`, "Thu, March 2, 2017") and the
/// paragraph after it, the card's summary, as one finding. After the lede
/// (a dateline there is the story's own), and only with a paragraph after
/// it: a date closing the page is the story's own timestamp. A card's
/// summary is its caption run into its headline, with no full stop at the
/// end ("… Gina Miller has won the case to block Theresa May from Article
/// 50", "… Is the EU referendum legally binding?"); a date over a paragraph
/// that ends with a full stop heads a dated entry of the story's own (a
/// live update, a timeline).
fn dated_cards(
    doc: &Document,
    facts: &[TailBlock],
    lede: usize,
    flagged: &Flagged,
    rule: &'static str,
    severity: crate::Severity,
) -> Vec<Finding> {
    let body = |b: &Block| b.kind == BlockKind::Paragraph && !b.in_footnote && b.quote_depth == 0;
    doc.blocks
        .windows(2)
        .enumerate()
        .filter(|&(i, pair)| {
            i > lede
                && facts[i].dated
                && body(&pair[0])
                && body(&pair[1])
                && !facts[i + 1].full_stop
        })
        .map(|(_, pair)| Span::new(pair[0].span.start, pair[1].span.end))
        .filter(|&span| !flagged.overlaps(span))
        .map(|span| {
            Finding::new(
                rule,
                severity,
                span,
                "Another story's card (a date over its summary) in the story.",
            )
        })
        .collect()
}

/// Ends with a full stop (a question or a headline does not).
fn ends_full_stop(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | ')' | '”' | '"' | '’' | '\'')
    })
    .ends_with('.')
}

/// A paragraph that is only a card's date. A date is short: a longer
/// paragraph is not searched, so the pass adds no search of the prose.
fn dated(text: &str) -> bool {
    text.len() <= DATE_BYTES && LISTS.dated_card.is_match(text)
}

/// The longest card date ("Wednesday, September 30, 2026" is 29 bytes).
const DATE_BYTES: usize = 40;

/// The message of a stray headline's finding.
const STRAY: &str = "Another story's headline, alone between the story's paragraphs.";

/// The most words a stray headline may have, and the fewest: shorter
/// lines are a story's own subheads ("Unions Under Siege").
const STRAY_WORDS: std::ops::RangeInclusive<usize> = 6..=20;

/// The largest share of a stray headline's words that the rest of the
/// page may use: a subhead names what its section goes on to tell, a
/// related story's headline is about something else.
const STRAY_SHARED: f32 = 0.4;

/// Paragraphs that are another story's headline, left alone between the
/// story's paragraphs by a page's "related" or ad widget with no label:
/// "Michael Cohen, Lanny Davis and the Russian Mafia" in a column about
/// the Constitution; "Revolutionary Hearing Aid Is Now Giving Free Fit &
/// Feel Samples". By shape: one line, six to twenty words in headline
/// case, ending no sentence with a full stop, after a paragraph of prose
/// (or right under the title with a news headline's colon or quotation
/// marks, and no byline or date: "Former Dems Now Backing Trump: 'Our
/// Country's Going in the Wrong Direction'" over a story about a TV
/// segment);
/// not a credit, caption, bio or dateline (`[tail-credit]`, `[tail-own]`,
/// a handle, a slash, a bar or bullet between items, a list of commas); and about something else:
/// at most [`STRAY_SHARED`] of its words (the start of each, so
/// "Clinton's" meets "Clinton") appear anywhere else on the page. A
/// subhead's words come back in its section; a headline with nothing of
/// the story after it (the page's last line, or only promotions after it)
/// heads no section, whatever words it shares. Right before a promotion
/// the block rules flagged or a tail label (`[tail-label]`), the headline is that widget's first line
/// ("Watch These Children Freak Out as Bees Upstage President Obama" over
/// "More on Hillary Clinton:"), whatever words it shares.
fn stray_headlines(
    doc: &Document,
    facts: &[TailBlock],
    lede: usize,
    flagged: &Flagged,
) -> Vec<usize> {
    let shaped = |i: usize| -> bool {
        let (Some(prev), Some(f)) = (doc.blocks.get(i.wrapping_sub(1)), facts.get(i)) else {
            return false;
        };
        // Right under the title, where a related story's card often sits:
        // only a news headline's colon or quotation marks tell it from
        // the story's own dek, and there is no prose before it to read.
        let under_title = i == lede && prev.kind == BlockKind::Heading(1);
        // The line's own shape, read once per block text
        // ([`TailBlock::stray`]); the paragraph before it is read as
        // prose or not, once per block too.
        f.stray
            && (prev.kind == BlockKind::Paragraph
                || (under_title && f.quoting_trimmed && !f.byline))
            && (under_title || prose(doc.text(prev.span)))
    };
    let candidates: Vec<usize> = (lede..doc.blocks.len()).filter(|&i| shaped(i)).collect();
    if candidates.is_empty() {
        return candidates;
    }
    // How often each word start occurs on the whole page (counted for the
    // candidates' word starts only, the only ones looked up).
    let mut page: std::collections::HashMap<String, usize> = candidates
        .iter()
        .flat_map(|&i| stems(doc.text(doc.blocks[i].span)))
        .map(|stem| (stem, 0))
        .collect();
    for b in &doc.blocks {
        each_stem(doc.text(b.span), |stem| {
            if let Some(n) = page.get_mut(stem) {
                *n += 1;
            }
        });
    }
    // The last block of the story that no promotion covers: a candidate
    // at or past it has nothing of the story after it.
    let story_ends = doc.blocks.iter().rposition(|b| !flagged.overlaps(b.span));
    candidates
        .into_iter()
        .filter(|&i| {
            let own = stems(doc.text(doc.blocks[i].span));
            let mut counts: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            for s in &own {
                *counts.entry(s).or_default() += 1;
            }
            let shared = own
                .iter()
                .filter(|s| page.get(*s).copied().unwrap_or(0) > counts[s.as_str()])
                .count();
            let widget = doc.blocks.get(i + 1).is_some_and(|next| {
                flagged.overlaps(next.span) || short_label(doc.text(next.span))
            });
            // Nothing of the story after it: a subhead heads a section,
            // so a headline that closes the page is another story's
            // (a related story on the same subject shares its words:
            // "Clinton Aide in New WikiLeaks Email: …" under a story
            // about Clinton's emails). Only one with a news headline's
            // colon or quotation marks: a page's row of tabs or tags
            // ("Various Examples Search Interest") closes pages too.
            let closes = facts[i].quoting && story_ends.is_none_or(|e| e <= i);
            own.len() >= 3
                && (widget || closes || (shared as f32) <= STRAY_SHARED * own.len() as f32)
        })
        .collect()
}

/// A paragraph of prose, as the one before a stray headline is: twelve
/// words or more, ending a sentence, no headline. Read only for a line
/// that passes every test of its own: whether it is a headline reads
/// all of it.
fn prose(text: &str) -> bool {
    words_up_to(text, 12) >= 12 && ends_sentence(text) && !headline(text)
}

/// A short label ending no sentence (`[tail-label]`), as a stray
/// headline's next block.
fn short_label(text: &str) -> bool {
    words(text) <= 10 && !ends_sentence(text) && LISTS.label.is_match(text)
}

/// A stray headline's own shape (see [`stray_headlines`]): a body
/// paragraph of one line, six to twenty words in headline case, ending no
/// sentence, not chrome, a credit or the newsroom's own. `text` is the
/// block's, trimmed. Cheapest first, counted only as far as it matters:
/// most paragraphs end with a full stop and fail at once.
fn stray_shaped(b: &Block, text: &str) -> bool {
    let lists = &*LISTS;
    b.kind == BlockKind::Paragraph
        && !b.in_footnote
        && b.quote_depth == 0
        && !text
            .trim_end_matches(['*', '_', '"', '”', '’', '\'', ')'])
            .ends_with(['.', ',', ':', ';'])
        && !text.starts_with(['(', '[', '—', '–', '-', '“', '"'])
        && !text.contains('\n')
        && STRAY_WORDS.contains(&words_up_to(text, STRAY_WORDS.end() + 1))
        // A bar or a bullet between items is page chrome, not a
        // headline: a share bar, a tag list, breadcrumbs ("Share:
        // Facebook · X · Email", "Tags: Parking • Downtown").
        && !text.contains(['@', '/', '|', '©', '·', '•', '›'])
        && text.matches(',').count() <= 1
        && headline(text)
        && !lists.own.is_match(text)
        && !lists.credit.is_match(text)
}

/// A byline or a date line, which a title's colon form shares ("Date:
/// 3rd August 2017 at 11:23am Written by: James Forrest"): the word "by"
/// or a year.
fn byline(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        w.eq_ignore_ascii_case("by")
            || (w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// A headline with a news headline's colon or an opening quotation mark
/// ("Krauthammer: Trump Threat … Sounds Like a 'Banana Republic'"); not
/// an apostrophe ("Trump's Plan").
fn quoting_headline(text: &str) -> bool {
    text.contains([':', '‘', '“', '"']) || text.starts_with('\'') || text.contains(" '")
}

/// The content words of a text, as their first five letters in lower
/// case: words of four letters or more, not function words.
fn stems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_stem(text, |stem| out.push(stem.to_owned()));
    out
}

/// [`stems`], each handed to `f` in turn, with no allocation per word.
fn each_stem(text: &str, mut f: impl FnMut(&str)) {
    static FUNCTION: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
        crate::lexicon::words("english-function-words")
            .iter()
            .copied()
            .collect()
    });
    let mut lower = String::new();
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
    {
        if w.is_ascii() {
            lower.clear();
            lower.push_str(w);
            lower.make_ascii_lowercase();
        } else {
            // `to_lowercase` knows a final sigma; char by char would not.
            lower = w.to_lowercase();
        }
        if FUNCTION.contains(lower.as_str()) {
            continue;
        }
        let end = lower
            .char_indices()
            .nth(5)
            .map_or(lower.len(), |(at, _)| at);
        f(&lower[..end]);
    }
}

/// A company's boilerplate under its own "About NAME" line (a heading or
/// a short paragraph): the paragraph after it opens with the name and
/// describes the company as it does itself ("## About Kestrel Home" and
/// "Kestrel Home is the leading innovator in …"). The block pass reads
/// the one-paragraph form ("About Kestrel Home: Kestrel Home is …").
fn about_blocks(
    doc: &Document,
    facts: &[TailBlock],
    flagged: &Flagged,
    rule: &'static str,
    severity: crate::Severity,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, pair) in doc.blocks.windows(2).enumerate() {
        let [head, body] = pair else { continue };
        if !facts[i].about_head {
            continue;
        }
        let title = doc.text(head.span);
        let Some((name, rest)) = super::plug::about(title) else {
            continue;
        };
        let text = doc.text(body.span);
        let span = Span::new(head.span.start, body.span.end);
        if rest.trim().is_empty()
            && body.kind == BlockKind::Paragraph
            && !flagged.overlaps(span)
            && name
                .split_whitespace()
                .next()
                .is_some_and(|first| text.starts_with(first))
            && super::plug::names_again(name, text)
            && super::plug::BOILERPLATE.is_match(text)
        {
            out.push(Finding::new(
                rule,
                severity,
                span,
                "Company boilerplate (\"About …\") in the story.",
            ));
        }
    }
    out
}

/// An upper-case kicker and what follows its colon or bar: "TRUMP:",
/// "HURRICANE IRMA |", "'IT'S NOT OVER':". One to three words of two or
/// more capital letters (an apostrophe, `&`, `.` or `-` among them).
fn kicker(text: &str) -> Option<(&str, &str)> {
    let quotes = ['\'', '"', '‘', '’', '“', '”'];
    let t = text.trim_start_matches(quotes);
    // Read only as far as the capitals go: most paragraphs stop at their
    // second letter ("The"), so this costs nothing per block.
    let at = t.find(|c: char| {
        !(c.is_uppercase() || c == ' ' || quotes.contains(&c) || matches!(c, '&' | '.' | '-'))
    })?;
    if !t[at..].starts_with([':', '|']) {
        return None;
    }
    let head = t[..at].trim_end().trim_end_matches(quotes);
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (1..=3).contains(&head.split_whitespace().count()) && letters >= 2;
    ok.then(|| (head, &t[at + 1..]))
}

/// A headline after a kicker: three to eighteen words in mixed case,
/// mostly words, ending no sentence, not a list of figures (`; `; an
/// entity such as `&amp;` holds a bare `;`).
fn related_headline(rest: &str) -> bool {
    let rest = rest.trim();
    (3..=18).contains(&words(rest))
        && rest.chars().any(char::is_lowercase)
        && !figures(rest)
        // A tweet's text ("JUST IN: Booking photo … @NBC29 pic.twitter.com/…").
        && !rest.contains('@')
        && !ends_sentence(rest)
        && !rest.ends_with([':', '…', '：'])
        && {
            let tokens = rest.split_whitespace().count();
            let wordy = rest
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count();
            wordy * 3 >= tokens * 2
        }
}

/// A `;` that is not the end of an entity (`&amp;`): a list of figures
/// ("exit price: $30.28; stop-loss: $45.31").
fn figures(text: &str) -> bool {
    text.match_indices(';').any(|(i, _)| {
        let entity = text[..i]
            .rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '#' && c != '&')
            .next()
            .is_some_and(|w| w.starts_with('&') && w.len() > 1);
        !entity
    })
}

/// The items under a widget's label, anywhere on the page: the run of
/// list items or headline paragraphs right after the label, each short and
/// no sentence of prose. The label is the block rules' to flag; its items
/// are the promotions it carries.
/// - Under a paid widget's label (`[tail-ad-label]`: "Sponsored Stories",
///   "Around the web"), whether the block rules flagged it or not.
/// - Under a recirculation label (`[tail-label]`: "Related stories from
///   Sacramento Bee") that the block rules flagged as a plug: a live blog
///   heads its own developments "Latest news", which is no plug. Its
///   headlines are often in sentence case ("Trump denies 'shithole'
///   comment but Illinois senator confirms the remarks"), so a paragraph
///   item is any short line that ends no sentence and introduces nothing.
///   A list item is the widget's whatever it opens with: the newsroom's
///   own lines (`[tail-own]`: "Photo: AP", "Correction: …") end a run of
///   paragraphs, but "Photos: The harvest fair, …" under the label is a
///   gallery's headline.
fn widget_items(
    doc: &Document,
    facts: &[TailBlock],
    flagged: &Flagged,
    rule: &'static str,
    severity: crate::Severity,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let blocks = &doc.blocks;
    for (i, b) in blocks.iter().enumerate() {
        // The label's own tests are the block's facts
        // ([`TailBlock::paid_label`], [`TailBlock::label`]).
        let paid = facts[i].paid_label;
        if !(paid || (facts[i].label && flagged.overlaps(b.span))) {
            continue;
        }
        // One widget is one kind of block: a list, or a run of headline
        // paragraphs; the page's footer row after a list is not in it.
        let kind = blocks.get(i + 1).map(|b| b.kind);
        let mut items: Vec<Span> = Vec::new();
        for (item, f) in blocks[i + 1..].iter().zip(&facts[i + 1..]) {
            let shaped = match item.kind {
                BlockKind::ListItem => f.item_list,
                BlockKind::Paragraph if paid => f.item_paid,
                // An upper-case line is a note to editors or a kicker
                // ("EDITORS: END OPTIONAL TRIM"), not a headline.
                BlockKind::Paragraph => f.item_para,
                _ => false,
            };
            // The newsroom's own line ("Photo: AP", "Correction: …") is a
            // paragraph; a bullet under the label is the widget's, whatever
            // it opens with ("- Photos: The Westbury Fall Festival, from
            // pumpkins to pie-eating", a gallery's headline).
            let own = item.kind != BlockKind::ListItem && f.own;
            if !shaped || Some(item.kind) != kind || item.quote_depth > 0 || item.in_footnote || own
            {
                break;
            }
            items.push(item.span);
        }
        // A recirculation widget shows a handful of headlines; a long run
        // of them under "Most Read" is the page's own index (an author's
        // or a section's page), not something pasted into a story.
        if !paid && kind == Some(BlockKind::Paragraph) && items.len() > WIDGET_ITEMS {
            continue;
        }
        for span in items {
            if !flagged.overlaps(span) {
                out.push(Finding::new(
                    rule,
                    severity,
                    span,
                    "Item of a sponsored or recirculation widget in the story.",
                ));
            }
        }
    }
    out
}

/// Headlines that run on, with no label, after a native-ad widget the
/// block rules flagged (as plugs or as paid links, `any_promo`): two or more paragraphs in a row, each nothing but
/// one link (the paid cards: "[Say Goodbye To Your Mortgage If …](…)"),
/// then paragraphs of one line, six to twenty-five words, ending no
/// sentence and introducing nothing, often in sentence case and without
/// links ("Members of Amazon tribe never seen by outsiders filmed by
/// drone"): the same widget's recirculation half. The run ends at the
/// first block of another shape: a short subhead ("Ivana Trump"), prose,
/// the newsroom's own line (`[tail-own]`). A single such line is the
/// story's subhead after an ad slot, and a run longer than
/// [`WIDGET_ITEMS`] is the page's own index: neither is a widget.
fn after_ad_run(
    doc: &Document,
    facts: &[TailBlock],
    flagged: &Flagged,
    any_promo: &Flagged,
    rule: &'static str,
    severity: crate::Severity,
) -> Vec<Finding> {
    let blocks = &doc.blocks;
    let mut out = Vec::new();
    let (mut cards, mut i) = (0usize, 0usize);
    while let Some(b) = blocks.get(i) {
        if b.kind == BlockKind::Paragraph && any_promo.overlaps(b.span) && link_only(doc, b) {
            cards += 1;
            i += 1;
            continue;
        }
        let mut j = i;
        if cards >= 2 {
            while let (Some(item), Some(f)) = (blocks.get(j), facts.get(j)) {
                let headline = item.kind == BlockKind::Paragraph
                    && item.quote_depth == 0
                    && !item.in_footnote
                    && f.item_para
                    && !f.own
                    && words_up_to(doc.text(item.span), 6) >= 6
                    && !flagged.overlaps(item.span);
                if !headline {
                    break;
                }
                j += 1;
            }
            // One line between the ads and prose is the story's own
            // subhead resuming after an ad slot ("“And It Was The Greatest
            // Moment Of My Life”"): a widget shows two headlines or more.
            if (2..=WIDGET_ITEMS).contains(&(j - i)) {
                out.extend(blocks[i..j].iter().map(|item| {
                    Finding::new(
                        rule,
                        severity,
                        item.span,
                        "Item of a sponsored or recirculation widget in the story.",
                    )
                }));
            }
        }
        cards = 0;
        i = j.max(i + 1);
    }
    out
}

/// A paragraph that is nothing but one link: no word before or after its
/// text.
fn link_only(doc: &Document, b: &Block) -> bool {
    let [l] = doc.block_links(b) else {
        return false;
    };
    let before = Span::new(b.span.start, l.text.start.max(b.span.start));
    let after = Span::new(l.text.end.min(b.span.end).max(b.span.start), b.span.end);
    let bare = |s: Span| !doc.text(s).chars().any(char::is_alphanumeric);
    bare(before) && bare(after)
}

/// The most headline paragraphs a recirculation widget holds.
const WIDGET_ITEMS: usize = 8;

/// The message of a linked card's finding.
const CARD: &str = "Another story's linked headline (a recirculation or ad widget) in the story.";

/// The fewest and the most words of a linked card's headline.
const CARD_WORDS: std::ops::RangeInclusive<usize> = 4..=20;

/// Other stories' cards dropped into the page with no label: two or more
/// paragraphs in a row, each nothing but one link whose text reads as a
/// headline (four to twenty words, no full stop at its end; sentence case
/// counts: "Flu or COVID? How to tell the difference") to a story's
/// address (its last path segment a slug of two or more words joined by
/// hyphens, not a document; or any address under a headline-cased text,
/// an ad's). A source is cited inside a sentence; a story
/// linked alone in its paragraph, twice in a row, is a recirculation or ad
/// widget, wherever it sits. Reads each paragraph's links and the link's
/// own text only: no search of the prose.
fn link_cards(
    doc: &Document,
    facts: &[TailBlock],
    flagged: &Flagged,
    rule: &'static str,
    severity: crate::Severity,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    // One step past the last block closes the last run.
    for i in 0..=doc.blocks.len() {
        if facts.get(i).is_some_and(|f| f.card) {
            run.push(i);
            continue;
        }
        if run.len() >= 2 {
            for &k in &run {
                let span = doc.blocks[k].span;
                if !flagged.overlaps(span) {
                    out.push(Finding::new(rule, severity, span, CARD));
                }
            }
        }
        run.clear();
    }
    out
}

/// A linked card (see [`link_cards`]): a paragraph of nothing but one
/// link, its text a headline, to a story's address.
fn card(doc: &Document, b: &Block) -> bool {
    if b.kind != BlockKind::Paragraph || b.in_footnote || b.quote_depth > 0 {
        return false;
    }
    let [l] = doc.block_links(b) else {
        return false;
    };
    // Nothing but the link: no word before or after its text.
    let before = Span::new(b.span.start, l.text.start.max(b.span.start));
    let after = Span::new(l.text.end.min(b.span.end).max(b.span.start), b.span.end);
    let bare = |s: Span| !doc.text(s).chars().any(char::is_alphanumeric);
    let text = doc.text(l.text).trim();
    bare(before)
        && bare(after)
        && CARD_WORDS.contains(&words_up_to(text, CARD_WORDS.end() + 1))
        && !text
            .trim_end_matches(['*', '_', '"', '”', '’', '\'', ')'])
            .ends_with(['.', ',', ':', ';'])
        && story_address(&l.dest, headline(text))
}

/// A story's or an ad's address: http(s), not a document (`.pdf`), and
/// its last path segment a slug of two or more words joined by hyphens (an
/// extension such as `.html` aside), or any path under a headline-cased
/// text (an ad network's click address: "/c?aid=…").
fn story_address(dest: &str, headline: bool) -> bool {
    let Ok(url) = url::Url::parse(dest.trim()) else {
        return false;
    };
    let last = url
        .path_segments()
        .and_then(|mut s| s.rfind(|seg| !seg.is_empty()))
        .unwrap_or("");
    let (stem, ext) = last.rsplit_once('.').unwrap_or((last, ""));
    matches!(url.scheme(), "http" | "https")
        && matches!(ext, "" | "html" | "htm" | "php" | "aspx" | "shtml")
        && (headline
            || stem
                .split('-')
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                >= 2)
}

/// Four or more items between ` | ` bars, each of one to twelve words and
/// none a sentence. Not a details line, which gives a price or names what
/// the story's title names ("*Saltwater Hymnal* | The Marrow Sisters |
/// Foghorn Records | 11 tracks, 43 minutes" under a review of the album).
fn pipe_shape(text: &str) -> bool {
    if !text.contains(" | ") || text.contains(super::plug::CURRENCIES) {
        return false;
    }
    let mut items = 0;
    for item in text.split(" | ") {
        if !(1..=12).contains(&words(item)) || ends_sentence(item) {
            return false;
        }
        items += 1;
    }
    items >= 4
}

/// Whether a row between bars is the page's own share buttons, every
/// item a platform or a share action (`[tail-share-item]`): "Share:
/// Facebook | X | Email | Print". It links to no other content.
fn share_bar(text: &str) -> bool {
    text.split(" | ")
        .all(|item| LISTS.share_item.is_match(item.trim()))
}

/// Whether an item of a row between bars names what the story's title
/// names (a details line, see [`pipe_shape`]).
fn names_title(doc: &Document, text: &str) -> bool {
    let title = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading(1))
        .map(|b| doc.text(b.span).to_lowercase());
    let names_title = |item: &str| {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        words(&item) >= 2
            && title
                .as_ref()
                .is_some_and(|t| t.contains(&item.to_lowercase()))
    };
    text.split(" | ").any(names_title)
}

/// A sponsor's slogan in its own paragraph, right after a flagged sponsor
/// credit: a short block that names the sponsor ("Harbor Bank: built to
/// last, and here for the coast since 1921.").
fn slogans(local: &Local, doc: &Document, severity: crate::Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    // Sorted only for a draft with a sponsor's credit (few are).
    let found = LazyCell::new(|| Flagged::new(local.findings.iter().map(|f| f.span).collect()));
    for f in local
        .findings
        .iter()
        .filter(|f| f.rule == PROMO_PLUG.id && f.message.starts_with(super::plug::SPONSOR))
    {
        let i = doc.blocks.partition_point(|b| b.span.end <= f.span.start);
        let (Some(credit), Some(next)) = (doc.blocks.get(i), doc.blocks.get(i + 1)) else {
            continue;
        };
        let credit_text = doc.text(credit.span);
        let text = doc.text(next.span);
        if words(text) > 20 || matches!(next.kind, BlockKind::Heading(_)) {
            continue;
        }
        // The sponsor's name: the capitalized words after the credit's "by".
        let lower = credit_text.to_lowercase();
        let Some(by) = lower.rfind(" by ").map(|i| i + 4) else {
            continue;
        };
        let names: Vec<&str> = credit_text
            .get(by..)
            .unwrap_or("")
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .take_while(|w| w.starts_with(char::is_uppercase))
            .filter(|w| w.chars().count() >= 3)
            .collect();
        // Opening with the name and a colon or dash, or short and naming it:
        // a longer paragraph about the sponsor is reporting.
        let opens = names.first().is_some_and(|n| {
            text.find([':', '—', '–', '|'])
                .is_some_and(|at| text[..at].contains(n))
        });
        let named = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .any(|w| names.contains(&w));
        let flagged_next = found.overlaps(next.span);
        if !flagged_next && (opens || (named && words(text) <= 8)) {
            out.push(Finding::new(
                PROMO_PLUG.id,
                severity,
                next.span,
                "Sponsor's slogan after its credit.",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte count of ASCII text is the character-by-character
    /// one, on every line and paragraph of the 10k draft and on the
    /// whitespace ASCII has, for every bound.
    #[test]
    fn words_counted_by_bytes_are_words_counted_by_characters() {
        let plain = |text: &str, most: usize| {
            text.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .take(most)
                .count()
        };
        let draft = include_str!("../../../../../benches/data/draft-10k.md");
        let odd = [
            "",
            " ",
            "a\x0bb\x0cc\rd\te\nf g",
            "-- , . a1 _x_ *",
            "x\x0b\x0b",
        ];
        let texts = draft
            .lines()
            .chain(draft.split("\n\n"))
            .chain(odd.iter().copied());
        for text in texts {
            for most in [0, 1, 2, 11, 21, usize::MAX] {
                assert_eq!(
                    words_up_to(text, most),
                    plain(text, most),
                    "{text:?} {most}"
                );
            }
        }
    }

    /// The word starts read without allocation are those of the plain
    /// definition: lower-cased whole (a final sigma included), function
    /// words dropped, the first five characters kept.
    #[test]
    fn stems_are_the_plain_definitions() {
        let function: std::collections::HashSet<&str> =
            crate::lexicon::words("english-function-words")
                .iter()
                .copied()
                .collect();
        let plain = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_lowercase)
                .filter(|w| !function.contains(w.as_str()))
                .map(|w| w.chars().take(5).collect())
                .collect()
        };
        let draft = include_str!("../../../../../benches/data/draft-10k.md");
        for text in [
            draft,
            "ΟΔΥΣΣΕΥΣ Ἰθάκη İSTANBUL Straße THEIR Would about-face Ünïcödé ǅemal",
        ] {
            assert_eq!(stems(text), plain(text));
        }
    }
}
