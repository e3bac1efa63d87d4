//! Embedded promotions: selling inside the story.
//!
//! - `promo.affiliate-link` — a link through an affiliate network, with an
//!   affiliate id, or tagged as bought traffic ([`links`]). Markdown links,
//!   autolinks and bare URLs in prose are all judged, by parsing the URL.
//!
//!   *Tracking parameters.* Every tracking parameter is removed by
//!   [`clean_url`], but `utm_*`, `fbclid` and the like count as a promotion
//!   only when they say the click was bought or marketed: an ad click id
//!   (`gclid`, `msclkid`), a campaign value naming a paid channel
//!   (`utm_medium=affiliate`, `utm_source=taboola`, `utm_medium=article`), or
//!   a `utm_campaign` that no share channel explains (a company's launch link
//!   handed to the writer). Plain share analytics (`utm_source=twitter`,
//!   `utm_medium=email`, Washington Post's `utm_term=.7b0…`) ride on links
//!   copied from share buttons and newsletters: in the SemEval-2019
//!   hyperpartisan articles there are about sixty such links, every one a
//!   citation of another news story, and flagging them would bury the real
//!   promotions.
//! - `promo.code` — a promo or coupon code ([`code`]).
//! - `promo.plug` — "Trending:"/"READ MORE:" labels, newsletter sign-ups,
//!   sponsor blurbs, native-ad headlines ([`plug`]).
//! - `promo.call-to-action` — the outlet telling the reader to text, call,
//!   email, join or catch something that sells or signs them up
//!   ([`plug::calls_to_action`]; by grammar alone, a command whose object
//!   is the seller, [`command`]).
//! - `promo.sales-pitch` — sales copy and shopping calls to action ([`pitch`]).
//! - `promo.learned` — a sentence beside a flagged one that the learned
//!   promo model reads as the same pitch's lead-in or tail ([`learned`],
//!   docs/promo-model.md).
//! - `promo.undisclosed` — affiliate links in a draft that never tells the
//!   reader the outlet earns from them; one finding, on the first such link.
//!
//! One finding per passage where one does: a plug block is reported once as
//! a plug (its links still as links); a sentence with a code is not also a
//! pitch; a pitch inside an already-flagged link's text is not repeated.
//! Word lists live in `data/promo/`, searched through one literal prefilter
//! ([`filter`]) so that a block runs only the regexes it can match;
//! nothing here does IO.

mod code;
mod command;
mod direct;
mod filter;
mod fix;
pub mod learned;
mod lexicon;
pub mod links;
mod pieces;
mod pitch;
mod plug;
mod tail;

use std::sync::{Arc, LazyLock};

use lexicon::Regex;

use filter::{Bits, Builder, Family, Run};

pub use links::{clean_url, clean_url_with, judge, judge_with, LinkExtras, LinkKind, LinkVerdict};
pub use tail::TailBlock;

use super::rule::{declare_rule, ftc, Context};
use crate::analysis::{Analysis, BlockAnalysis, Sentence};
use crate::finding::Finding;
use crate::markup::{Block, Link};
use crate::span::Span;

declare_rule! {
    /// promo.affiliate-link
    pub PROMO_AFFILIATE_LINK = "promo.affiliate-link", Warning, Block,
    summary: "An affiliate or tracking link in the story.",
    explanation: "The link goes through an affiliate network or carries an affiliate or tracking parameter, so the outlet earns money when readers click. Link the clean destination, or disclose the relationship as the FTC's Endorsement Guides require.",
    why: concat!("The outlet earns money when readers click or buy through the link, a material connection the reader cannot see. ", ftc!()),
    fix: "Link the clean destination (the quick fix removes the affiliate and tracking parameters and unwraps network redirects), or keep the link and disclose the relationship.",
    fires: [
        "Our [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
    ],
    quiet: [
        "The [council's report](https://example.gov/budget-2024.pdf) lists every cut.",
    ],
    quick_fix: fix::clean_link,
}

declare_rule! {
    /// promo.code
    pub PROMO_CODE = "promo.code", Warning, Block,
    summary: "A promo, coupon or discount code pasted into the story.",
    explanation: "A discount code in the body of a story is advertising. Move it to a labelled sponsor unit or cut it; reporting about a code (a scam, a recall) should say who is offering it.",
    why: concat!("A discount code in the body of a story is advertising dressed as reporting. ", ftc!()),
    fix: "Cut the code (the quick fix deletes its sentence) or move it to a labelled sponsor unit. Reporting about a code (a scam, a recall) should say who is offering it.",
    fires: [
        "Readers can use code SAVE20 at checkout for 20% off.",
    ],
    quiet: [
        "The code of conduct was adopted in 2019.",
    ],
    quick_fix: super::fix::delete_promotion,
}

declare_rule! {
    /// promo.plug
    pub PROMO_PLUG = "promo.plug", Warning, Block,
    summary: "A \"Trending:\" / \"READ MORE:\" plug, newsletter pitch or sponsor line.",
    explanation: "Plugs for other stories, newsletter sign-ups and sponsor blurbs pasted into the body interrupt the story and are usually leftovers of a CMS template. Cut them, or let the page template place them.",
    why: concat!("Plugs, newsletter sign-ups and sponsor blurbs interrupt the story and blur the line between the newsroom's words and the business side's. ", ftc!()),
    fix: "Cut the plug (the quick fix deletes the line), or let the page template place it outside the story.",
    fires: [
        "The storm hit at dawn.\n\nREAD MORE: Ten gadgets you need this summer\n\nCrews worked through the night.",
    ],
    quiet: [
        "The storm hit at dawn. Crews worked through the night, and more rain is expected.",
    ],
    quick_fix: super::fix::delete_promotion,
}

declare_rule! {
    /// promo.call-to-action
    pub PROMO_CALL_TO_ACTION = "promo.call-to-action", Warning, Block,
    summary: "A call to action: the reader told to text, call, email or join for an offer.",
    explanation: "An imperative to the reader with a channel or an offer (\"Text STORM to 12345 for free alerts\", \"Email us for a FREE quote\") is the business side's voice, not the story's. Cut it, or let the page template place it outside the story; reporting about such a message should say whose it is.",
    why: concat!("A call to action asks the reader to act for the outlet or an advertiser, in the newsroom's voice. ", ftc!()),
    fix: "Cut the call (the quick fix deletes its sentence), or move it outside the story. Reporting about such a message (a scam, a recall) should say who sent it.",
    fires: [
        "The storm reaches the coast tonight.\n\nText STORM to 12345 for free severe-weather alerts.",
    ],
    quiet: [
        "Text WIN to 55555 for a free cruise, the scam message said.",
    ],
    quick_fix: super::fix::delete_promotion,
}

declare_rule! {
    /// promo.sales-pitch
    pub PROMO_SALES_PITCH = "promo.sales-pitch", Warning, Block,
    summary: "A sales pitch (\"save big\", \"order now\", \"limited-time offer\").",
    explanation: "Copy that urges the reader to buy is advertising, not reporting. Cut it, or label the passage as sponsored content.",
    why: concat!("Copy that urges the reader to buy is advertising, not reporting; readers who cannot tell the two apart stop trusting both. ", ftc!()),
    fix: "Cut the pitch (the quick fix deletes its sentence), or label the passage as sponsored content.",
    fires: [
        "Order now and save big with this limited-time offer!",
    ],
    quiet: [
        "The store's owner said sales fell 30% after the road closed.",
    ],
    quick_fix: super::fix::delete_promotion,
}

declare_rule! {
    /// promo.learned
    pub PROMO_LEARNED = "promo.learned", Warning, Block,
    summary: "The lead-in or tail of a flagged pitch, read by the learned promo model.",
    explanation: "The learned promo model reads this sentence, next to one a promo rule flagged, as part of the same pitch: the question that sets it up (\"Craving more?\"), or the line that closes it (\"Thank you!\"). Cut it with the pitch, or label the passage as sponsored content.",
    why: concat!("A pitch's lead-in and sign-off sell as much as the offer does; cutting the offer alone leaves half an advertisement in the story. ", ftc!()),
    fix: "Cut the sentence with the pitch beside it (the quick fix deletes it), or label the passage as sponsored content.",
    fires: [
        "The bakery opened its second shop in March.\n\nCraving more? Order a dozen at larkbakery.com and save 15% with code LARK15.",
    ],
    quiet: [
        "Officials closed the bridge on Tuesday. Readers can use code SAVE20 at checkout for 20% off. The bridge reopens in May, the county said.",
    ],
    quick_fix: super::fix::delete_promotion,
}

declare_rule! {
    /// promo.undisclosed
    pub PROMO_UNDISCLOSED = "promo.undisclosed", Warning, Document,
    summary: "Affiliate links in a draft with no disclosure.",
    explanation: "The story earns the outlet a commission through affiliate links but never tells the reader so. The FTC's Endorsement Guides expect a clear disclosure near the links (\"We may earn a commission when you buy through our links\"); add one, or link the clean destinations.",
    why: concat!("The story earns the outlet a commission through affiliate links but never tells the reader so. ", ftc!()),
    fix: "Add a clear disclosure near the top of the story (the quick fix inserts \"We may earn a commission when you buy through links in this story.\" after the title), or link the clean destinations instead.",
    fires: [
        "# Best fryers\n\nOur [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
    ],
    quiet: [
        "# Best fryers\n\nWe may earn a commission when you buy through links in this story.\n\nOur [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
    ],
    quick_fix: super::fix::disclose,
}

/// Every list the block rules search, behind one literal prefilter (see
/// [`filter`]): one pass over a block says which entries can match in it.
pub(super) struct Filters {
    set: crate::lexicon::prefilter::Prefiltered,
    plug: plug::Lists,
    code: code::Lists,
    pitch: pitch::Lists,
    /// `www.`, one of the two ways a bare URL can start; the other ways
    /// all hold a `/`.
    www: usize,
}

pub(super) static FILTERS: LazyLock<Filters> = LazyLock::new(|| {
    let mut b = Builder::default();
    let plug = plug::lists(&mut b);
    let code = code::lists(&mut b);
    let pitch = pitch::lists(&mut b);
    let www = b.piece(pieces::WWW);
    Filters {
        set: b.finish(),
        plug,
        code,
        pitch,
        www,
    }
});

impl Filters {
    /// Every family, for [`prepare`]: one left out here is compiled by the
    /// check itself, once for the first unit's entries and again whole.
    fn families(&self) -> [&Family; 20] {
        let (p, s) = (&self.plug, &self.pitch);
        [
            &p.labels,
            &p.sponsor,
            &p.signup_call,
            &p.signup_object,
            &p.native_ad,
            &p.credit,
            &p.terms,
            &p.cta_verb,
            &p.cta_object,
            &p.cta_offer,
            &p.cta_appeal,
            &p.cta_cross,
            &p.boilerplate,
            &s.pitch,
            &s.link_alone,
            &s.link_store,
            &s.deal,
            &s.deal_voice,
            &s.deal_not,
            &self.code.code_verb,
        ]
    }
}

/// Build the matchers that do not depend on the draft, without searching
/// anything (see [`crate::compile_matchers`]); the lists are compiled for
/// a draft's entries by [`prepare`] or [`check_blocks`].
pub fn compile_matchers() {
    LazyLock::force(&DISCLOSURE);
    code::compile_matchers();
    LazyLock::force(&links::BARE_URL);
    compile_prefilter();
    // Last: a check reaches the plug, pitch and code ones only after the
    // analysis and the other families, and compiled them itself before
    // (12.7 M instructions of its 188 M on the 10,000-word draft). The tail
    // lists are read while blocks are placed, so a check that starts at
    // once still builds those itself; one that starts later finds them.
    tail::compile_matchers();
    plug::compile_matchers();
    command::compile_matchers();
    pitch::compile_matchers();
}

/// Build the lists' one literal prefilter ([`FILTERS`]), the first thing
/// [`prepare`] and [`check_blocks`] read.
pub fn compile_prefilter() {
    LazyLock::force(&FILTERS);
}

/// Compile the lists for every entry a whole document can need, at once.
///
/// [`check_blocks`] compiles each list for the entries its own blocks can
/// match. A caller about to check a document piece by piece (the
/// incremental checker, on a cold cache) calls this first: else every
/// piece that brings a new entry compiles its lists again, which made the
/// first incremental check of a 10,000-word draft twice as slow as a full
/// one. Changes no result, only when the compiling happens.
pub fn prepare(doc: &crate::markup::Document) {
    let filters = &*FILTERS;
    let mut run = Run::new(&filters.set);
    let mut union = Bits::default();
    for block in &doc.blocks {
        union = union.union(run.hits(doc.text(block.span)));
        // As [`BlockScan::hits`] reads link texts that reach outside a block.
        for link in doc.block_links(block) {
            union = union.union(run.hits(doc.text(link.text)));
        }
    }
    for family in filters.families() {
        run.regex(family, &union);
    }
}

/// Build the reverse automata of the lists compiled so far (by
/// [`prepare`]), which a list's regex otherwise builds on the first match
/// whose start is needed, in the middle of the rules: on the 10,000-word
/// draft that was 21.6 M instructions of the checking thread after the
/// analysis, while the other core had nothing left to do
/// (docs/performance.md, "Session 24"). Building one changes no match;
/// a list that matches nowhere in the draft has its reverse automaton
/// built for nothing, on that idle core.
pub fn build_reverses() {
    for family in FILTERS.families() {
        family.build_reverse();
    }
}

/// The pieces of [`FILTERS`], in order, for the tests.
#[cfg(test)]
fn filter_pieces() -> Vec<String> {
    let mut b = Builder::default();
    plug::lists(&mut b);
    code::lists(&mut b);
    pitch::lists(&mut b);
    b.piece(pieces::WWW);
    b.pieces().to_vec()
}

/// A disclosure of the outlet's commercial interest, anywhere in the draft.
/// Searched once, over the whole prose, and only in a draft with affiliate
/// links, where it stops at the first disclosure: a prefilter pass over all
/// the prose would cost more than it saves.
static DISCLOSURE: LazyLock<Disclosures> = LazyLock::new(|| {
    let pattern = lexicon::phrases_pattern(crate::lexicon::section(
        include_str!("../../../data/promo/disclosures.txt"),
        "disclosures",
    ));
    Disclosures {
        re: lexicon::build(&pattern),
        alphabet: lexicon::ascii_alphabet(&pattern),
    }
});

/// The built-in disclosures, and the ASCII characters one may hold: none
/// holds a full stop or a comma, so after an edit a disclosure the edit
/// made lies between the nearest such characters around it.
struct Disclosures {
    re: Regex,
    alphabet: [bool; 128],
}

impl Disclosures {
    /// Whether no disclosure holds byte `b`.
    fn stops(&self, b: u8) -> bool {
        b.is_ascii() && !self.alphabet[usize::from(b)]
    }
}

/// The bytes of the prose an edit replaced: `start..old_end` of the prose
/// before it became `start..new_end`; the rest is as it was (moved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// Where `prose` holds a built-in disclosure, if anywhere, knowing where
/// the prose before an edit held one (`last`: `Some(None)` for nowhere)
/// and which bytes the edit replaced (`edit`); with either unknown, the
/// whole prose is searched. Exact: a disclosure that lies (with the byte on
/// each side its word boundaries read) away from the edit is still there,
/// and one the edit made touches the replaced bytes, so it lies between
/// the nearest characters around them that no disclosure holds. Only when
/// the edit broke the last one is the whole prose searched again. For the
/// incremental checker, which keeps the answer from one keystroke to the
/// next (the whole prose was a fifth of the bytes a keystroke searched).
pub fn disclosure_after(
    prose: &str,
    last: Option<Option<Span>>,
    edit: Option<Replaced>,
) -> Option<Span> {
    let disclosures = &*DISCLOSURE;
    let whole = || disclosures.re.find_within(prose, 0..prose.len());
    let (Some(last), Some(edit)) = (last, edit) else {
        return whole();
    };
    if let Some(at) = last {
        // One byte of context on each side for `\b`, and room to spare.
        if at.end + 4 <= edit.start {
            return Some(at);
        }
        if at.start >= edit.old_end + 4 {
            let start = at.start + edit.new_end - edit.old_end;
            return Some(Span::new(start, start + at.len()));
        }
    }
    let bytes = prose.as_bytes();
    // The replaced bytes and the byte on each side.
    let from = edit.start.saturating_sub(1).min(bytes.len());
    let to = (edit.new_end + 1).min(bytes.len()).max(from);
    let lo = bytes[..from]
        .iter()
        .rposition(|&b| disclosures.stops(b))
        .map_or(0, |i| i + 1);
    let hi = bytes[to..]
        .iter()
        .position(|&b| disclosures.stops(b))
        .map_or(bytes.len(), |i| to + i);
    match disclosures.re.find_within(prose, lo..hi) {
        Some(at) => Some(at),
        // The edit broke the last one; another may be anywhere.
        None if last.is_some() => whole(),
        None => None,
    }
}

/// One block and what the promo rules need to know about it.
pub(super) struct BlockScan<'a> {
    pub analysis: &'a Analysis<'a>,
    pub block: &'a Block,
    pub sentences: &'a [Sentence],
    pub quotes: &'a [crate::analysis::Quote],
    /// For each quote, the furthest end of it and the quotes before it;
    /// empty when the quotes are not in order of start.
    quote_reach: Vec<usize>,
    pub links: &'a [Link],
    /// The block's prose.
    pub text: &'a str,
    /// Where `text` starts in the document.
    pub base: usize,
    /// The list entries that can match in `text` or in a link's text.
    hits: Bits,
    run: &'a Run<'static>,
}

impl<'a> BlockScan<'a> {
    /// The block's candidates: those of its prose, and of any link text
    /// that reaches outside it. Every text a rule searches is a part of
    /// one of these, so it has no match these do not allow.
    fn hits(run: &mut Run<'static>, analysis: &Analysis<'_>, block: &Block) -> Bits {
        let mut hits = run.hits(analysis.text(block.span));
        for link in block_links(analysis, block) {
            if link.text.start < block.span.start || link.text.end > block.span.end {
                hits = hits.union(run.hits(analysis.text(link.text)));
            }
        }
        hits
    }

    fn new(
        analysis: &'a Analysis<'a>,
        block: &'a Block,
        ba: &'a BlockAnalysis,
        hits: Bits,
        run: &'a Run<'static>,
    ) -> Self {
        BlockScan {
            analysis,
            block,
            sentences: &ba.sentences,
            quotes: &ba.quotes,
            quote_reach: if ba.quotes.is_sorted_by_key(|q| q.span.start) {
                ba.quotes
                    .iter()
                    .scan(0, |far, q| {
                        *far = q.span.end.max(*far);
                        Some(*far)
                    })
                    .collect()
            } else {
                Vec::new()
            },
            links: block_links(analysis, block),
            text: analysis.text(block.span),
            base: block.span.start,
            hits,
            run,
        }
    }

    /// A list's regex, for this block's text and the parts of it; `None`
    /// when nothing in the list can match here.
    fn regex(&self, family: &Family) -> Option<Arc<Regex>> {
        self.run.regex(family, &self.hits)
    }

    /// Whether a single pattern (a [`Builder::piece`]) can match here.
    fn may_match(&self, piece: usize) -> bool {
        self.hits.contains(piece)
    }

    /// The prose under a document span.
    fn slice(&self, span: Span) -> &'a str {
        self.analysis.text(span)
    }

    /// Whether a document offset sits inside quoted speech.
    /// By binary search over the quotes in order of start, with the
    /// furthest end reached so far (a quote may hold another).
    fn in_quote(&self, at: usize) -> bool {
        let n = self.quotes.partition_point(|q| q.span.start <= at);
        match self.quote_reach.get(..n) {
            Some(reach) if !self.quote_reach.is_empty() => {
                reach.last().is_some_and(|&end| end > at)
            }
            // Not in order of start (never seen): look at each.
            _ => self.quotes.iter().any(|q| q.span.contains(at)),
        }
    }

    /// Whether a sponsor's credit at `at` in sentence `s` is someone else's
    /// words: inside quotation marks, or reported by a cue. A Markdown
    /// block quote without marks of its own and a transcript's speaker
    /// label (`**HOST:** This episode is brought to you by …`) do not
    /// count: a box set off with `>` in a draft is the outlet's ad slot,
    /// and a podcast host reading the sponsor's credit reads the ad (a
    /// guest quoting one would be in marks or reported: "she said").
    /// Only for wording a sponsor's credit alone uses (see `plug.rs`).
    fn credit_voiced(&self, at: usize, s: &Sentence) -> bool {
        let quoted = self
            .quotes
            .iter()
            .any(|q| q.span.contains(at) && q.marks != crate::analysis::QuoteMarks::BlockQuote);
        quoted || (self.reported(s) && !self.label_cue(s))
    }

    /// Whether a sentence's cue is a transcript's speaker label opening its
    /// block: only markup before it, and it ends with a colon
    /// (`**LINDQVIST:**`, `HOST:`), four words or fewer.
    fn label_cue(&self, s: &Sentence) -> bool {
        s.attribution.is_some_and(|a| {
            let before = self
                .analysis
                .text(Span::new(self.base, a.span.start.max(self.base)));
            let cue = self.analysis.text(a.span);
            let cue = cue.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
            before
                .chars()
                .all(|c| matches!(c, '*' | '_' | '>' | ' ' | '\t'))
                && cue.ends_with(':')
                && cue.split_whitespace().count() <= 4
        })
    }

    /// The sentence holding a document offset.
    /// By binary search: sentences come in order and do not overlap, and a
    /// scan from the first made one long paragraph quadratic.
    fn sentence_at(&self, at: usize) -> Option<&'a Sentence> {
        let i = self
            .sentences
            .partition_point(|s| s.span.end.max(s.span.start + 1) <= at);
        self.sentences.get(i).filter(|s| s.span.start <= at)
    }

    /// Whether a sentence reports what someone said or wrote, rather than
    /// speaking in the outlet's voice. A cue that is nothing but a link on
    /// the sentence does not count: a pitch links to the shop it pitches.
    /// Imperatives at the start of a clause ("Sign up for …", "Use code …")
    /// are the outlet's voice whatever cue the sentence has, so their
    /// callers do not ask.
    ///
    /// A cue whose verb follows a modal of ability or permission reports
    /// nothing said: "Homeowners can claim a $500 rebate with code X"
    /// offers the reader something, while "the company claimed …" reports.
    ///
    /// A cue followed by nothing but a web address says nothing: "Join
    /// Pocket Change Plus for a monthly bonus show: pocketchange.fm/plus"
    /// reads to the tagger as a "bonus" that "show"s, but what follows the
    /// colon is where to go, not what was said.
    ///
    /// A cue that is the sentence's own opening command reports nothing
    /// either: "Hear the night crew on our podcast, \"Night Desk\" — listen
    /// free …" tells the reader to hear; nobody is heard saying anything.
    fn reported(&self, s: &Sentence) -> bool {
        s.attribution.is_some_and(|a| {
            !a.from_link
                && !self.commanding_cue(s, a.span)
                && !modal_cue(
                    self.analysis
                        .text(Span::new(s.span.start.min(a.span.start), a.span.end)),
                )
                && !address_only(
                    self.analysis
                        .text(Span::new(a.span.end.min(s.span.end), s.span.end)),
                )
        })
    }
}

impl BlockScan<'_> {
    /// Whether the cue `cue` opens its sentence with a verb the tagger
    /// reads as a command: no tense, a bare form, the first word after any
    /// marks or emoji ("Hear …", "Listen to …"). A report names its
    /// speaker first or puts the verb after a subject ("Rogers heard …").
    fn commanding_cue(&self, s: &Sentence, cue: Span) -> bool {
        use crate::analysis::tokens::Upos;
        let tokens = self.analysis.tokens(s);
        tokens
            .iter()
            .find(|t| {
                // Emoji lead a promo ("🎧 Hear …") and the tagger may give
                // them any tag: the first word is the first with a letter.
                !matches!(t.upos, Upos::Punct | Upos::Sym)
                    && self
                        .slice(t.span)
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
            .is_some_and(|t| {
                // After an emoji the tagger may read the opening verb as
                // part of a name ("🎧 Hear Shantel Rogers …"): a reporting
                // verb's base form opening the sentence is still a command.
                let word = self.slice(t.span).to_lowercase();
                let verb = t.upos == Upos::Verb && t.feats.tense.is_none()
                    || crate::lexicon::REPORTING_VERBS.contains(&word)
                        && crate::lexicon::REPORTING_VERBS.form(&word)
                            == crate::lexicon::VerbForm::Base;
                t.span.start >= cue.start
                    && t.span.start < cue.end
                    && verb
                    && crate::analysis::tokens::bare_form(self.slice(t.span))
            })
    }
}

/// Whether the text after a cue is a colon and a web address alone
/// (`: pocketchange.fm/plus`): a host of letters, digits and hyphens with
/// at least one dot, and an optional path, with no space in it.
fn address_only(after: &str) -> bool {
    let Some(rest) = after.trim_start().strip_prefix(':') else {
        return false;
    };
    let address = rest
        .trim()
        .trim_end_matches(['.', '!', '*', '_', ')'])
        .trim_start_matches(['*', '_', '(', '<'])
        .trim_end_matches('>');
    let address = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))
        .unwrap_or(address);
    let host = address.split('/').next().unwrap_or("");
    !address.is_empty()
        && !address.contains(char::is_whitespace)
        && host.contains('.')
        && host.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Whether the text up to an attribution's cue ends in a modal of ability
/// or permission and one verb ("… can claim", "… may claim"): what the
/// subject is able to do, not what anyone said.
fn modal_cue(upto: &str) -> bool {
    let mut words = upto
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .rev();
    let (Some(_verb), Some(modal)) = (words.next(), words.next()) else {
        return false;
    };
    ["can", "could", "may", "might"]
        .iter()
        .any(|m| modal.eq_ignore_ascii_case(m))
}

/// The links inside a block. Not `Document::block_links`: a block's span
/// starts at its first prose byte, so a link that opens the block (its `[`
/// blanked) starts just before it and falls outside that range.
fn block_links<'a>(analysis: &'a Analysis<'a>, block: &Block) -> &'a [Link] {
    let links = &analysis.doc.links;
    let lo = links.partition_point(|l| l.span.end <= block.span.start);
    let hi = links.partition_point(|l| l.span.start < block.span.end);
    links.get(lo..hi.max(lo)).unwrap_or(&[])
}

/// The family's block pass, as the registry runs it: the first affiliate
/// link is kept for [`finish`].
pub fn check_block_rules(cx: &mut Context<'_>) {
    cx.first_affiliate = check_blocks(cx);
}

/// The family's document pass: `promo.undisclosed`, and the story's tail
/// and sponsors' slogans ([`tail`]), which read blocks in relation to each
/// other and so cannot run block by block.
pub fn finish(
    local: &super::Local,
    doc: &crate::markup::Document,
    config: &super::Config,
) -> Vec<Finding> {
    let mut found = tail::find(local, doc, config);
    found.extend(undisclosed(
        local.first_affiliate,
        local.disclosed,
        &doc.prose,
        config,
    ));
    found
}

/// Every promo rule but `promo.undisclosed`, block by block. Returns the
/// first affiliate link, which `promo.undisclosed` reports (see
/// [`undisclosed`]): a block's findings never depend on another block's,
/// so incremental checking can run this over a run of blocks.
pub fn check_blocks(cx: &mut Context<'_>) -> Option<Span> {
    let rules = [
        &PROMO_AFFILIATE_LINK,
        &PROMO_CODE,
        &PROMO_PLUG,
        &PROMO_CALL_TO_ACTION,
        &PROMO_SALES_PITCH,
        &PROMO_LEARNED,
        &PROMO_UNDISCLOSED,
    ];
    if !rules.iter().any(|r| cx.enabled(r)) {
        return None;
    }
    let a = cx.analysis;
    let filters = &*FILTERS;
    // Every block's candidates first, so that each list is compiled once,
    // for all the entries this run can need.
    let mut run = Run::new(&filters.set);
    let hits: Vec<Bits> = a
        .iter()
        .map(|(_, block, _)| BlockScan::hits(&mut run, a, block))
        .collect();
    let mut first_affiliate: Option<Span> = None;
    for ((_, block, ba), hits) in a.iter().zip(hits) {
        let scan = BlockScan::new(a, block, ba, hits, &run);

        // Links: Markdown links and autolinks, then bare URLs in the prose.
        let mut flagged_links: Vec<Span> = Vec::new();
        let mut report_link = |cx: &mut Context<'_>, span: Span, dest: &str| {
            if let Some(v) = links::judge_with(dest, cx.config.links()) {
                if v.kind == LinkKind::Affiliate && first_affiliate.is_none() {
                    first_affiliate = Some(span);
                }
                cx.report(&PROMO_AFFILIATE_LINK, span, format!("{}.", v.message));
                flagged_links.push(span);
            }
        };
        for link in scan.links {
            report_link(cx, link.span, &link.dest);
        }
        // Every bare URL holds a `/` or starts `www.`.
        let bare = scan.text.contains('/') || scan.may_match(filters.www);
        for m in bare
            .then(|| links::BARE_URL.find_iter(scan.text))
            .into_iter()
            .flatten()
        {
            let url = links::trim_url(m.as_str());
            let span = Span::new(scan.base + m.start(), scan.base + m.start() + url.len());
            if scan.links.iter().any(|l| l.span.overlaps(span)) {
                continue;
            }
            report_link(cx, span, url);
        }

        // Footnotes are citations, not copy.
        if block.in_footnote {
            continue;
        }
        if let Some((span, message)) = plug::find(&scan, &flagged_links) {
            cx.report(&PROMO_PLUG, span, format!("{message}."));
            continue;
        }
        // A block quote is someone else's words: a code or a pitch in it is
        // quoted, not sold (a plug label in one is still a CMS leftover).
        if block.quote_depth > 0 {
            continue;
        }

        let mut code_sentences: Vec<Span> = Vec::new();
        for hit in code::find(&scan) {
            cx.report(
                &PROMO_CODE,
                hit.span,
                format!("Promo code \"{}\" in the story.", hit.token),
            );
            let sentence = scan
                .sentence_at(hit.span.start)
                .map_or(block.span, |s| s.span);
            code_sentences.push(sentence);
        }
        let pitches = pitch::find(&scan, &code_sentences, &flagged_links);
        let pitch_spans: Vec<Span> = pitches
            .iter()
            .map(|(s, _)| *s)
            .chain(flagged_links.iter().copied())
            .collect();
        let deal_skip: Vec<Span> = pitch_spans.iter().chain(&code_sentences).copied().collect();
        let deals = pitch::deals(&scan, &deal_skip);
        let mut reported = deal_skip;
        for (span, message) in pitches.into_iter().chain(deals) {
            reported.push(span);
            cx.report(&PROMO_SALES_PITCH, span, format!("{message}."));
        }
        // After codes and pitches, which say more about the same sentence.
        let calls = plug::calls_to_action(&scan, &reported);
        for &span in &calls {
            cx.report(
                &PROMO_CALL_TO_ACTION,
                span,
                "Call to action in the story.".to_owned(),
            );
        }
        let mut called = pitch_spans.clone();
        called.extend(calls);
        for (span, message) in pitch::link_calls(&scan, &pitch_spans) {
            called.push(span);
            cx.report(&PROMO_SALES_PITCH, span, format!("{message}."));
        }
        for span in pitch::buttons(&scan, &called) {
            called.push(span);
            cx.report(
                &PROMO_CALL_TO_ACTION,
                span,
                "Call to action in a tracked button link.".to_owned(),
            );
        }
        // Last: the model speaks only where no rule did.
        if cx.enabled(&PROMO_LEARNED) {
            called.extend(reported);
            for (span, _) in learned::find(a, block, ba, &called) {
                cx.report(
                    &PROMO_LEARNED,
                    span,
                    "Reads as part of the pitch beside it (the learned promo model).".to_owned(),
                );
            }
        }
    }
    first_affiliate
}

/// `promo.undisclosed`, a document-level rule: the first affiliate link
/// (`first_affiliate`, from [`check_blocks`]) when the draft's whole prose
/// carries no disclosure (built in or the newsroom's own). `disclosed`
/// says whether it holds a built-in one, when the caller knows.
pub fn undisclosed(
    first_affiliate: Option<Span>,
    disclosed: Option<bool>,
    prose: &str,
    config: &super::Config,
) -> Option<Finding> {
    let span = first_affiliate?;
    let rule = &PROMO_UNDISCLOSED;
    let severity = config.severity(rule.id, rule.default_severity)?;
    let disclosed = disclosed.unwrap_or_else(|| DISCLOSURE.re.is_match(prose));
    (!disclosed && !config.has_extra_disclosure(prose)).then(|| {
        Finding::new(
            rule.id,
            severity,
            span,
            "Affiliate links and no disclosure: tell readers the outlet may earn a commission when they buy through its links.",
        )
    })
}

#[cfg(test)]
mod tests {

    /// What makes the prefilter sound (see `filter`): every piece has
    /// literals (no gate regex runs over every block), is ASCII apart from
    /// punctuation (so reading it case-sensitively loses nothing), and its
    /// literals hold no whitespace but single spaces (so they can be looked
    /// for in text whose whitespace runs are single spaces).
    /// Every piece is an entry of a family [`super::Filters::families`]
    /// names, or a single pattern: so [`super::prepare`] compiles every
    /// list a document needs.
    #[test]
    fn families_name_every_list() {
        let mut b = super::Builder::default();
        super::plug::lists(&mut b);
        super::code::lists(&mut b);
        super::pitch::lists(&mut b);
        b.piece(super::pieces::WWW);
        let covered = super::FILTERS
            .families()
            .iter()
            .fold(b.singles(), |all, f| all.union(f.mask()));
        let missed: Vec<&String> = (0..b.pieces().len())
            .filter(|&i| !covered.contains(i))
            .map(|i| &b.pieces()[i])
            .collect();
        assert!(
            missed.is_empty(),
            "in no family prepare compiles: {missed:?}"
        );
    }

    #[test]
    fn pieces_suit_the_prefilter() {
        let pieces = super::filter_pieces();
        let set = &super::FILTERS.set;
        assert_eq!(pieces.len(), set.len());
        for (i, p) in pieces.iter().enumerate() {
            assert!(set.has_literals(i), "no literal to look for in {p:?}");
            assert!(
                p.chars().all(|c| c.is_ascii() || !c.is_alphabetic()),
                "a letter that is not ASCII in {p:?}"
            );
            let hir = regex_syntax::parse(p).unwrap();
            for lit in crate::lexicon::prefilter::necessary_literals(&hir).unwrap() {
                let lit = String::from_utf8(lit).unwrap();
                assert!(
                    !lit.contains("  ") && lit.chars().all(|c| c == ' ' || !c.is_whitespace()),
                    "{lit:?} from {p:?}"
                );
            }
        }
    }

    /// Every piece's literals are read without parsing it at run time:
    /// `build.rs` read them from the lists (or the piece is a plain phrase,
    /// read as it is), except the few pieces written in Rust and the plug
    /// labels, which `plug::LABEL_USES` normalizes (three of them have a
    /// metacharacter). This fails when a list's entries reach the
    /// prefilter in a form `build.rs` does not make (see its
    /// `literal_table`): they would still work, each parsed at start-up.
    #[test]
    fn pieces_are_read_ahead_of_time() {
        let in_code = [
            super::code::CODE_PATTERN,
            super::code::AT_CHECKOUT_PATTERN,
            r"www\.",
        ];
        let labels: Vec<usize> = super::FILTERS
            .plug
            .labels
            .single_entry_patterns()
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        let missed: Vec<String> = super::filter_pieces()
            .into_iter()
            .enumerate()
            .filter(|(i, p)| !in_code.contains(&p.as_str()) && !labels.contains(i))
            .map(|(_, p)| p)
            .filter(|p| !crate::lexicon::literals_prebuilt(p) && !crate::lexicon::literals_plain(p))
            .collect();
        assert!(missed.is_empty(), "parsed at run time: {missed:#?}");
    }

    /// Wherever an entry (alone in its list's regex) or a single pattern
    /// matches a text, the prefilter names it: in the 10k-word draft, in
    /// upper case, and with its spaces made other runs of whitespace.
    #[test]
    fn prefilter_keeps_every_match() {
        let filters = &*super::FILTERS;
        let mut entries: Vec<(usize, super::lexicon::Regex)> = Vec::new();
        for family in filters.families() {
            for (i, p) in family.single_entry_patterns() {
                entries.push((i, super::lexicon::build(&p)));
            }
        }
        entries.push((
            filters.code.code,
            super::lexicon::build(super::code::CODE_PATTERN),
        ));
        entries.push((
            filters.code.at_checkout,
            super::lexicon::build(super::code::AT_CHECKOUT_PATTERN),
        ));
        let runs = [" \n", "  ", "\u{a0}", "\t", "\r\n\u{2009}"];
        let draft = include_str!("../../../../../benches/data/draft-10k.md");
        let mut matched = 0;
        for line in draft.lines() {
            let mut spaced = String::new();
            for (k, word) in line.split(' ').enumerate() {
                if k > 0 {
                    spaced.push_str(runs[k % runs.len()]);
                }
                spaced.push_str(word);
            }
            for text in [line.to_owned(), line.to_uppercase(), spaced] {
                let mut run = super::Run::new(&filters.set);
                let hits = run.hits(&text);
                for (i, re) in &entries {
                    if re.is_match(&text) {
                        matched += 1;
                        assert!(hits.contains(*i), "piece {i} matches {text:?}");
                    }
                }
                if super::links::BARE_URL.is_match(&text) {
                    assert!(text.contains('/') || hits.contains(filters.www), "{text:?}");
                }
            }
        }
        assert!(matched > 200, "only {matched} matches: the draft changed?");
    }
}
