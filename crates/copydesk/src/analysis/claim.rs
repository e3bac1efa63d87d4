//! What the claim rules read of each sentence, computed once and kept on
//! the sentence ([`Sentence::claim`], filled the first time anything asks
//! through [`Analysis::claim`]): the phrase list's verdict, the engine's facts
//! handed to the learned model (`copydesk_claims`) as its [`Signals`], and
//! the model's calibrated score.
//!
//! The phrase list: a sentence makes a checkable claim when it carries a
//! claim signal (see `data/claim_signals.txt`): a causal claim, a dramatic
//! trend, a sweeping generalisation, an unbounded superlative, a certainty or
//! motive stated as fact. Facts of record a reporter states plainly — dates,
//! places, tallies, scores, what was seen — carry no signal. Vague stand-ins
//! for a source ("studies show") are kept apart, for `claim.vague-source`.
//!
//! Everything here depends on the sentence's block alone, on one thing of
//! the block before it — whether that block ends with an introduction that
//! names a source (`On April 3, he tweeted:`), which makes the block the
//! source's words ([`introduces`]) — and on the two blocks after it, when
//! they sign it (`— Name (@handle)`, or a name line over a date line:
//! [`credit_line`]). The incremental checker keeps such blocks in one unit,
//! so its per-unit analysis gives the same assessment as a full one.

use std::sync::LazyLock;

use copydesk_claims::{Cue, Detector, Score, Sensitivity, Signals, Stance};

use super::claim_shapes::Shape;
use super::speakers::NEGATIONS;
use super::tokens::{bare_form, Tense, Token, Upos, VerbForm};
use super::{Analysis, AttributionKind, BlockAnalysis, Sentence};
use crate::lexicon::prefilter::Prefiltered;
use crate::lexicon::{lower, Gated};
use crate::markup::{Block, BlockKind, Document};
use crate::span::Span;

/// Why a sentence is not the writer's own assertion to source, read from
/// its form, its block's layout and the block before (not from word lists of
/// topics): the labelling guide's questions, transcripts, embedded
/// statements and page furniture (docs/claim-labelling.md §3, §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOwn {
    /// A direct question (`Did the mayor ask …?`): it asks, it asserts
    /// nothing. A negative one (`Isn't it odd that …?`) presupposes its
    /// fact and stays a claim.
    Question,
    /// A turn of a transcript or an interview (`STEPHEN COLBERT: …`,
    /// `A: …`): the labelled speaker's words.
    Turn,
    /// The block right after an introduction that names its source and
    /// ends with a colon (`On April 3, he tweeted:`, `Its disclaimer
    /// reads:`): the embedded statement, tweet or document is the source's.
    Introduced,
    /// A block set as a title: headline-cased words with no sentence
    /// punctuation (a related story's link, a teaser), or one line of a row
    /// of such lines in sentence case (a related-stories list, [`bare_line`]):
    /// page furniture.
    Title,
    /// A block set as verse: three lines or more, short ones, most of them
    /// ending with no sentence punctuation (a poem, a song's lyrics).
    Verse,
    /// A block signed by the line after it, as embedded tweets and reader
    /// comments are (`— Donald J. Trump (@realDonaldTrump)`; `Vicky
    /// Walters` over `2017.7.25`): the signer's words.
    Signed,
    /// A sentence that retells a work of fiction or narrative: it is framed
    /// inside one (`Midway through the novel, a foreman counts …`), or an
    /// earlier sentence of its paragraph has the work as its subject (`The
    /// film follows two sisters.`). A critic's plot summary says what
    /// happens in the work, not in the world (docs/claim-labelling.md §3).
    Retold,
    /// A block that grants or reserves the rights to the story (`This
    /// article (…) is free and open source. You have permission to
    /// republish …`, `All rights reserved.`): page furniture.
    Notice,
    /// An appeal to the reader: every clause is an imperative, or a label
    /// before one (`Subscribe to The Courier for just $1 a week.`, `Support
    /// local journalism: Join …`, `Never miss a recipe.`). It asks; it
    /// asserts nothing a source could back ([`is_appeal`]).
    Appeal,
}

/// What a block is as a possible signature under the block before it, from
/// its own text and tags (the incremental checker keeps it per block).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CreditLine {
    #[default]
    No,
    /// A short line opening with a dash and a name, with a handle (`—
    /// LeBron James (@KingJames)`): it signs the block before, as an
    /// embedded tweet's credit does.
    Handle,
    /// A short line of capitalised words with no sentence punctuation
    /// (`Vicky Walters`, `User from CA`), or a dash and a name with no
    /// handle (`— Reporting by Ana Ruiz` signs nothing alone): it signs the
    /// block before when a date line follows it.
    Name,
    /// A line that is only a date (`2017.7.25`, `August 30, 2016`).
    Date,
}

/// Longest credit line, in words.
const MAX_CREDIT_WORDS: usize = 12;

/// What a block is as a possible signature (see [`CreditLine`]).
pub fn credit_line(doc: &Document, block: &Block, ba: &BlockAnalysis) -> CreditLine {
    if block.kind != BlockKind::Paragraph || block.quote_depth > 0 || ba.sentences.len() > 2 {
        return CreditLine::No;
    }
    let text = doc.text(block.span).trim();
    if text.is_empty() || text.split_whitespace().nth(MAX_CREDIT_WORDS).is_some() {
        return CreditLine::No;
    }
    let after_dash = text.trim_start_matches(['—', '–', '-']);
    if after_dash.len() < text.len() {
        let name = after_dash.trim_start();
        return match name.chars().next() {
            Some('@') => CreditLine::Handle,
            // The name as the poster styles it may open with a mark or an
            // emoji (`— ‘GITMO’ BAMA (@…)`): the handle decides.
            Some(_) if name.contains("(@") => CreditLine::Handle,
            Some(c) if c.is_uppercase() => CreditLine::Name,
            _ => CreditLine::No,
        };
    }
    let Some(s) = ba.sentences.first().filter(|_| ba.sentences.len() == 1) else {
        return CreditLine::No;
    };
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let dated = t.tokens.iter().any(|w| w.upos == Upos::Num)
        && t.tokens.iter().all(|w| {
            matches!(
                w.upos,
                Upos::Num | Upos::Propn | Upos::Punct | Upos::Sym | Upos::Adp
            )
        });
    if dated {
        return CreditLine::Date;
    }
    // Not a byline (`By Ana Ruiz`, opening with a preposition): it credits
    // the story, not the block before it.
    let named = text.split_whitespace().nth(5).is_none()
        && text.starts_with(char::is_uppercase)
        && t.tokens.first().is_some_and(|w| w.upos != Upos::Adp)
        && !text.ends_with(['.', '!', '?', ':', ';', ','])
        && !text.contains(|c: char| c.is_ascii_digit())
        && t.tokens.iter().any(|w| w.upos == Upos::Propn);
    if named {
        CreditLine::Name
    } else {
        CreditLine::No
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    Cause,
    Reason,
    Trend,
    Sweep,
    Rank,
    Certain,
    Intent,
    Compare,
    Stat,
}

impl Signal {
    fn parse(s: &str) -> Option<Signal> {
        Some(match s {
            "cause" => Signal::Cause,
            "reason" => Signal::Reason,
            "trend" => Signal::Trend,
            "sweep" => Signal::Sweep,
            "rank" => Signal::Rank,
            "certain" => Signal::Certain,
            "intent" => Signal::Intent,
            "compare" => Signal::Compare,
            "stat" => Signal::Stat,
            _ => return None,
        })
    }

    /// Claims the reporter can make on their own observation.
    fn observable(self) -> bool {
        matches!(self, Signal::Rank | Signal::Sweep | Signal::Compare)
    }

    /// Signals that flag a sentence only when the model, reading the whole
    /// sentence, gives it at least [`PHRASE_GATE`]: a reason clause
    /// (`because`, `due to`, `thanks to`, `as a result`). It is as common in
    /// a columnist's reasoning, a personal story, an instruction or an ad
    /// ("because I asked", "dress warmly, because…", "due to meet on
    /// Friday", "because the season shouldn't break the bank") as in a
    /// causal claim about the world (docs/claims.md §7).
    fn needs_model(self) -> bool {
        self == Signal::Reason
    }

    fn message(self) -> &'static str {
        match self {
            Signal::Cause | Signal::Reason => {
                "Causal claim with no source: who says this is the cause?"
            }
            Signal::Trend => "Statistic or trend with no source: where does the figure come from?",
            Signal::Sweep => "Sweeping generalisation with no source.",
            Signal::Rank => "Superlative claim with no source: according to whom or what data?",
            Signal::Certain => "Prediction or certainty stated as fact, with no source.",
            Signal::Intent => "Motive or characterisation stated as fact, with no source.",
            Signal::Compare => "Comparison stated as fact, with no source.",
            Signal::Stat => {
                "Statistic stated as fact, with no source: where does the figure come from?"
            }
        }
    }
}

/// The signal the phrase list found in a sentence: its kind, and whether it
/// flags only with the model's support ([`PHRASE_GATE`]): a reason clause
/// ([`Signal::needs_model`]), or an entry marked `model` in
/// `data/claim_signals.txt`, whose words on real pages tell an observed
/// event's consequence or a columnist's charge as often as a claim
/// (docs/claims.md §6zb).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    kind: Signal,
    gated: bool,
}

impl Found {
    fn needs_model(self) -> bool {
        self.gated || self.kind.needs_model()
    }

    fn message(self) -> &'static str {
        self.kind.message()
    }
}

/// The signal patterns behind one literal prefilter: a single Aho-Corasick
/// pass over a sentence names the few signals that can match it, and only
/// those run as regexes (compiled the first time they are needed). Not a
/// `RegexSet`: with Unicode word boundaries a set of seventy patterns runs in
/// the NFA simulation over every sentence with a curly apostrophe. The
/// matches are the patterns' own by definition.
struct PhraseSignals {
    set: Prefiltered,
    kinds: Vec<Signal>,
    /// Entries marked `model` in their third field: they flag only with
    /// the model's support (see [`Found`]).
    gated: Vec<bool>,
}

static SIGNALS: LazyLock<PhraseSignals> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut kinds = Vec::new();
    let mut gated = Vec::new();
    for row in crate::lexicon::table("claim-signals") {
        let (re, kind, flag) = match row[..] {
            [re, kind] => (re, kind, ""),
            [re, kind, flag] => (re, kind, flag),
            _ => continue,
        };
        let Some(kind) = Signal::parse(kind.trim()) else {
            continue;
        };
        patterns.push(format!(r"(?i)\b(?:{})\b", re.trim()));
        kinds.push(kind);
        gated.push(flag.trim() == "model");
    }
    PhraseSignals {
        set: Prefiltered::new(patterns),
        kinds,
        gated,
    }
});

/// Build this family's matchers without searching anything, last signal
/// first (see [`crate::compile_matchers`]).
pub fn compile_matchers() {
    for i in (0..SIGNALS.set.len()).rev() {
        if !SIGNALS.set.is_whole_words(i) {
            SIGNALS.set.regex(i);
        }
    }
    FIRST_PERSON.exact();
    DAY_ANCHOR.exact();
}

/// The model's probability below which a [`Signal::needs_model`] signal
/// does not flag a sentence on its own (the model may still flag it at the
/// sensitivity's threshold). Chosen on the training dev split and the
/// tuning corpora, raised from 0.3 in session 8 and from 0.45 in session 9
/// on the real articles' reason clauses: with the model retrained on its
/// mood features, no tuning draft's reason clause scores between 0.45 and
/// 0.7, and the 645 articles' do (about half of them argument, sarcasm or
/// an observed event's immediate cause; docs/claims.md §6c, §6d, §7).
pub const PHRASE_GATE: f32 = 0.7;

/// The model's probability below which no phrase signal flags a sentence
/// with no cue in it: the model, reading the whole sentence with the
/// phrase list's flag among its features, rules the sentence out. Under it
/// sit a columnist's invective and refrains ("America never was America to
/// me", "This is a lie fueled by …"), house ads with rates, a dish that is
/// "the reason to come" and figures of record ("HOA fee: $410 a month").
/// With a cue in the sentence the model reads it all as sourced, though
/// the signal may sit in a clause the cue leaves uncovered, so the floor
/// does not apply there (docs/claims.md §6n).
pub const PHRASE_FLOOR: f32 = 0.15;

/// The model's probability under which a phrase-list finding, and nothing
/// else, does not stand on a page in the opinion register
/// ([`super::register`]): there the list's words (`because`, `most`,
/// `never`, `the reason`) are the writer's argument more often than a
/// claim, so the flag needs the model's support, not only its floor. The
/// decision is the page's, so it is made over the whole draft
/// (`rules::claim::yield_to_register`, in `rules::finish`). On the tuning
/// real pages such findings were 7 false alarms and no claim; on the
/// tuning drafts, one false alarm (docs/claims.md §6zf).
pub const REGISTER_FLOOR: f32 = 0.45;

/// The model's probability at which a sentence that states a figure flags
/// on its own ([`Assessment::figure`]), under [`MODEL_ALONE`]: the figure
/// is the second signal that lets the model's ranking count below the
/// floor. Issue 16's first class of misses is the bare statistic with no
/// signal word ("Corner cafés have lost about a quarter of their lunch
/// trade"); the model ranks such sentences between 0.5 and 0.75 and nothing
/// else flags them. Chosen on the out-of-session predictions of the spent
/// sessions s5–s14 and checked on s15–s17 (docs/claims.md §6p): on real
/// articles the sentences it adds are claims more often than the phrase
/// list's findings are; below 0.5 they are mostly narrative and argument.
pub const FIGURE_GATE: f32 = 0.5;

/// Whether a bare figure ([`Assessment::figure`]) flags, given the model's
/// probability `p`. The trainer's engine rows read the same decision.
pub fn figure_flags(figure: bool, p: f32) -> bool {
    figure && p >= FIGURE_GATE
}

/// The model's probability at which a figure stated as a rate over time
/// ([`Assessment::rate`]: `500 residents a year`, `60 families a month`)
/// flags on its own. A rate is the statistic's own shape, which the model
/// has no feature for (its number features read the word after the
/// number, not the period after it); session 25's averaged model scores
/// such sentences 0.4–0.5 (docs/claims.md §6zd).
pub const RATE_GATE: f32 = 0.4;

/// Whether a figure stated as a rate ([`Assessment::rate`]) flags, given
/// the model's probability `p`. The trainer's engine rows read the same
/// decision.
pub fn rate_flags(rate: bool, p: f32) -> bool {
    rate && p >= RATE_GATE
}

/// The model's probability at which a forecast figure
/// ([`Assessment::forecast`]) flags: the model need only not rule it out,
/// as for the phrase list ([`PHRASE_FLOOR`]). A forecast of an amount over
/// a span ahead is a claim in the labelling guide's sense whatever its
/// verb, and the model, whose prediction words are verbs of effect,
/// scores "will own", "will pump" low (0.3-0.45 on the tuning drafts'
/// three; docs/claims.md §6za).
pub const FORECAST_GATE: f32 = PHRASE_FLOOR;

/// Whether a forecast figure ([`Assessment::forecast`]) flags, given the
/// model's probability `p`. The trainer's engine rows read the same
/// decision.
pub fn forecast_flags(forecast: bool, p: f32) -> bool {
    forecast && p >= FORECAST_GATE
}

/// Whether the phrase list's flag stands, given the model's probability
/// `p`: a signal matched (`phrase`), the model does not rule the sentence
/// out ([`PHRASE_FLOOR`], unless a cue is in it: `cued`), and a signal
/// that needs the model's support has it ([`PHRASE_GATE`]). The trainer's
/// engine rows read the same decision.
pub fn phrase_flags(phrase: bool, needs_model: bool, cued: bool, p: f32) -> bool {
    phrase && (cued || p >= PHRASE_FLOOR) && (!needs_model || p >= PHRASE_GATE)
}

/// The least probability with which the model flags a sentence on its own
/// at the default sensitivity; defined beside the model, whose ratchet
/// measures it there (docs/claims.md §6l).
pub use copydesk_claims::MODEL_ALONE;

/// The model's threshold for a finding on its own at `sensitivity`: the
/// model's, raised to [`MODEL_ALONE`] at medium; at `low`, which means
/// surer findings than medium, the model's own when it is above that
/// floor, else halfway from the floor to 1 (the trainer's rule for the
/// model's own `low`; session 12's model puts its `low`, 0.705, under
/// the floor, docs/claims.md §6h); `high` is the recall setting and keeps
/// the model's.
fn model_alone_threshold(sensitivity: Sensitivity) -> f32 {
    let t = Detector::embedded().threshold(sensitivity);
    match sensitivity {
        Sensitivity::Medium => t.max(MODEL_ALONE),
        Sensitivity::Low if t <= MODEL_ALONE => MODEL_ALONE + (1.0 - MODEL_ALONE) / 2.0,
        _ => t,
    }
}

/// A sentence tied to a day or a clock time reports an event the reporter
/// can state as observed ("stocks fell Thursday …", "On Sunday, a notice
/// advertised …", "copper rose 1.2 percent by 1500 GMT", "closed until 3
/// p.m."). A clock time ends before its last dot, which no word boundary
/// follows (until session 18 the pattern ended `a.m.` and matched only
/// before a letter, so it dated nothing).
static DAY_ANCHOR: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last night|this (?:morning|afternoon|evening)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}|\d{1,2}(?::\d\d)? ?[ap]\.m|\d{4} GMT)\b",
    )
});

/// Words between a subject and its never/always (`he was never`, `she didn't always`).
static SUBJECT_SKIP: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-subject-skip"));

static NAMED_DAYS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("named-days"));

/// Whether `text` is anchored to a day.
fn has_day_anchor(text: &str) -> bool {
    day_anchors(text).next().is_some()
}

/// Whether the model's reading is set aside: a day anchor other than
/// `today`, which also means "nowadays" ("Most young people today have
/// never…").
fn names_a_day(text: &str) -> bool {
    day_anchors(text).any(|m| m != "today")
}

/// Whether `today` follows a plural, as in "teenagers today" or "young
/// people today": a generation, not a date.
fn names_generation(text: &str) -> bool {
    let mut prev = "";
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        if w.is_empty() {
            continue;
        }
        if w.eq_ignore_ascii_case("today") && (plural_noun(prev) || prev == "people") {
            return true;
        }
        prev = w;
    }
    false
}

/// The day anchors of `text`, as matched. A day name after one of the
/// `named-days` words is part of a name (Black Friday, Super Tuesday), not
/// a date.
fn day_anchors(text: &str) -> impl Iterator<Item = &str> {
    DAY_ANCHOR.find_iter(text).filter_map(move |m| {
        let prev = text[..m.start()]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        (!NAMED_DAYS.contains(&prev)
            && !attributive_day(text, m.start(), m.end())
            && !entry_stamp(text, m.start(), m.end()))
        .then(|| m.as_str())
    })
}

/// Whether the anchor at `start..end` of `text` is the stamp that labels a
/// live blog's entry (`2:34 p.m.** — Storms like this are …`, `10:52
/// a.m.: …`): it opens the text and a dash or a colon follows it. It says
/// when the entry was posted, not when what it asserts happened.
fn entry_stamp(text: &str, start: usize, end: usize) -> bool {
    !text[..start].contains(char::is_alphanumeric)
        && text[end..]
            .trim_start_matches(['.', '*', '_', ' '])
            .starts_with(['—', '–', '-', ':'])
}

/// Words before a day name that make it a date (`on Sunday`, `last
/// Friday`, `since Monday`).
static DAY_LEAD_INS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("day-lead-ins"));

/// Whether the day name at `start..end` of `text` modifies a plural noun
/// after it ("The Sunday fees will fall hardest on…", "Libraries that cut
/// Sunday hours lose…"): a kind of thing, not a date. A day after a word
/// that dates it (`on Sunday voters…`, `last Friday officials…`) is still
/// a date, and so is one before a part of the day (`Sunday nights`).
fn attributive_day(text: &str, start: usize, end: usize) -> bool {
    if !text[start..end].ends_with("day") {
        return false;
    }
    let prev = text[..start]
        .split_whitespace()
        .next_back()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default();
    let next = text[end..].strip_prefix(' ').unwrap_or("");
    let next = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    !DAY_LEAD_INS.contains(&prev.as_str())
        && !DAY_LEAD_INS.contains(&next)
        && next.starts_with(|c: char| c.is_lowercase())
        && plural_noun(next)
}

/// The reporter as the source: "we tested", "in my tests", "I've tested".
static FIRST_PERSON: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(r"(?i)\b(?:we|we've|we’ve|our|I|I've|I’ve|my|us|let's|let’s)\b"));

/// What the claim rules read of one sentence: the phrase list's verdict, the
/// engine's facts handed to the learned model as its [`Signals`], and the
/// model's score. The trainer (`tools/train_claims`) reads the same
/// assessments, so the model is trained on exactly what the engine passes in.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub span: Span,
    /// The sentence is not the writer's own assertion: no claim finding of
    /// either kind comes of it, and it is not scored.
    pub not_own: Option<NotOwn>,
    /// A vague stand-in for a source with no real source beside it: what
    /// `claim.vague-source` reports.
    pub vague: Option<Span>,
    /// The phrase list's message, when one of its signals matches the part
    /// of the sentence no cue covers.
    pub phrase: Option<&'static str>,
    /// The vague stand-in has an owner before one modifier of its noun
    /// ("Vanguard's long-run data show"): it names its source, so neither
    /// claim finding comes of the sentence
    /// ([`super::cues::owned_through_modifier`]). The model's signals
    /// still see the stand-in, as they were trained to (session 27).
    pub vague_owned: bool,
    /// The phrase list's only signal is a `never` in a contact clause
    /// ("places most people will never see"), which describes one thing
    /// rather than sweeping over all time ([`in_contact_clause`]). The
    /// model reads the phrase verdict as before; the decision drops the
    /// phrase path after it (session 27, docs/claims.md §6zi).
    pub contact_never: bool,
    /// The phrase list's signal flags the sentence only with the model's
    /// support ([`PHRASE_GATE`]): a reason clause in a sentence with no cue
    /// (with a cue, the model reads the whole sentence as sourced, though
    /// the signal sits in the opening clause the cue does not cover).
    pub phrase_needs_model: bool,
    /// A cue covers the whole sentence (`…, the department said.`): it is
    /// sourced, whatever the model would score.
    pub covered: bool,
    /// The part no cue covers is anchored to a named day (`Thursday`,
    /// `yesterday`, `March 3`; not `today`, which may mean "nowadays"): it
    /// reports an event. Only the phrase list,
    /// with its own exemptions for dated sentences, can flag it; the
    /// model's reading of a general claim does not apply.
    pub dated: bool,
    /// The sentence tells one past occasion: its main verb is in the
    /// simple past and a clause of time in the past places it ("Shares rose
    /// faster than expected after the merger was announced"). Like a day,
    /// the occasion makes it an event's report; the model's reading of a
    /// general claim does not apply ([`past_occasion`]).
    pub occasion: bool,
    /// A cue earlier in the paragraph, and the sentence reads as going on
    /// with that source's account ([`continues_account`]): the model alone
    /// and the shapes leave it to the source.
    pub carried: bool,
    /// The sentence states a figure on its own authority: a number in it,
    /// its main clause not in the past (a past tally is an event's record:
    /// "Most of the passengers were from the two coastal towns"), no day
    /// or past occasion placing it, and nothing in its form sourcing it
    /// ([`states_figure`], [`sourced_by_form`]). The model flags it from
    /// [`FIGURE_GATE`] ([`figure_flags`]). Read only for a scored sentence.
    pub figure: bool,
    /// The figure is forecast: the main clause's verb is `will` and a
    /// span of time ahead closes it ("Nine in ten households will own one
    /// by 2027", "will pump more than $20 million into the economy over
    /// the next five years"). The model flags it from [`FORECAST_GATE`]
    /// ([`forecasts_figure`]). Read only for a scored sentence.
    pub forecast: bool,
    /// The figure is a rate over time: a number, a few words, then `a` or
    /// `per` and a [`RATE_PERIODS`] word (`500 residents a year`). The
    /// model flags it from [`RATE_GATE`] ([`rate_flags`]).
    pub rate: bool,
    pub signals: Signals,
    /// The model's score. `None` when no `claim.unattributed` finding can
    /// come of it: a cue covers the sentence, it has a vague source
    /// (reported as such), or it is dated and the phrase list is silent.
    /// Those are not scored, which saves the work.
    pub score: Option<Score>,
    /// A claim's form that no phrase signal covers, read from the
    /// sentence's tags, with the model's support ([`super::claim_shapes::read`]); only
    /// for a sentence nothing else decides (see [`shape_of`]).
    pub shape: Option<Shape>,
    /// The main clause guesses or recommends rather than asserts ("If they
    /// win, they would …", "Prices will likely fall", "Democrats should
    /// …"): the labelling guide makes it not a claim, so neither the phrase
    /// list, the model nor a shape flags it. Read only for a scored sentence.
    pub stance: Option<Stance>,
    /// The main clause states terms: an institution's rule, a benefit's or
    /// a product's ("Patrons will still be charged for…", "The credit
    /// covers 30% of the cost…"), service information that no claim
    /// finding comes of ([`super::claim_shapes::states_terms`]). Read only
    /// for a scored sentence.
    pub terms: bool,
    /// The sentence ranks by an adjective of judgement ("one of the most
    /// courageous sports stars in the world"): an opinion, so the phrase
    /// list's superlative and the model alone do not flag it
    /// ([`super::claim_shapes::judges_in_superlative`]). Read only for a
    /// scored sentence. It gates the bare figure too: `one of the most
    /// courageous …` is read as a figure.
    pub judged: bool,
    /// The sentence scorns: a word of contempt and no sum or share
    /// ([`super::claim_shapes::scorns`]). Name-calling is the writer's
    /// abuse, so no `claim.unattributed` finding comes of it. Read only for
    /// a scored sentence.
    pub scorned: bool,
}

impl Assessment {
    /// The model's probability (0 when the sentence was not scored).
    pub fn probability(&self) -> f32 {
        self.score.map_or(0.0, |s| s.probability)
    }

    /// Whether `claim.unattributed` fires at `sensitivity`: the phrase list
    /// or the model's probability at the sensitivity's threshold (measured
    /// in docs/claims.md §7), never beside a vague-source finding.
    pub fn fires(&self, sensitivity: Sensitivity) -> bool {
        self.vague.is_none()
            && self.not_own.is_none()
            && !self.covered
            && self.stance.is_none()
            && !self.terms
            && !self.scorned
            && (self.phrase_fires()
                || self.shape.is_some()
                || self.figure_fires(sensitivity)
                || !self.dated && self.model_alone_fires(sensitivity))
    }

    /// Why [`Self::fires`] decides as it does at `sensitivity`, in a few
    /// words, for auditing misses and false alarms by cause
    /// (`examples/claim_audit.rs`, docs/claims.md §6za): the path that
    /// fires (`fires:phrase`, `fires:shape:Generic`, `fires:figure`,
    /// `fires:model`), else the first gate that vetoes the sentence
    /// (`veto:covered`, `veto:stance:Speculation`, …), else the threshold
    /// the model's probability falls under and what kept each lower path
    /// shut (`under:model-alone:carried`, `under:figure-gate`,
    /// `under:phrase-floor`, `under:no-path`).
    pub fn why(&self, sensitivity: Sensitivity) -> String {
        let p = self.probability();
        if let Some(n) = self.not_own {
            return format!("veto:not-own:{n:?}");
        }
        if self.vague.is_some() {
            return "vague-source".to_owned();
        }
        if self.covered {
            return "veto:covered".to_owned();
        }
        if self.score.is_none() {
            return "veto:dated-unscored".to_owned();
        }
        let open = self.phrase_fires()
            || self.shape.is_some()
            || self.figure_fires(sensitivity)
            || !self.dated && self.model_alone_fires(sensitivity);
        let gate = if let Some(s) = self.stance {
            Some(format!("veto:stance:{s:?}"))
        } else if self.terms {
            Some("veto:terms".to_owned())
        } else if self.scorned {
            Some("veto:scorned".to_owned())
        } else {
            None
        };
        if open {
            return gate.unwrap_or_else(|| {
                if self.phrase_fires() {
                    "fires:phrase".to_owned()
                } else if let Some(s) = self.shape {
                    format!("fires:shape:{s:?}")
                } else if self.figure_fires(sensitivity) {
                    "fires:figure".to_owned()
                } else {
                    "fires:model".to_owned()
                }
            });
        }
        if let Some(g) = gate {
            return format!("{g}(shut)");
        }
        if p >= model_alone_threshold(sensitivity) {
            let by = [
                (self.dated, "dated"),
                (self.carried, "carried"),
                (self.occasion, "occasion"),
                (self.judged, "judged"),
            ]
            .iter()
            .filter(|(b, _)| *b)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join("+");
            return format!("under:model-alone-vetoed:{by}");
        }
        if self.phrase.is_some() {
            return if self.contact_never {
                "under:phrase-contact-never".to_owned()
            } else if self.judged && self.phrase == Some(Signal::Rank.message()) {
                "under:phrase-judged".to_owned()
            } else if self.phrase_needs_model && p < PHRASE_GATE {
                "under:phrase-reason-gate".to_owned()
            } else {
                "under:phrase-floor".to_owned()
            };
        }
        if self.figure {
            return if self.judged {
                "under:figure-judged".to_owned()
            } else {
                "under:figure-gate".to_owned()
            };
        }
        if p >= FIGURE_GATE {
            return "under:model-alone(no-figure)".to_owned();
        }
        "under:no-path".to_owned()
    }

    /// Whether the model flags a bare figure ([`Self::figure`]) under its
    /// own floor: from [`FIGURE_GATE`], at medium and high. `low` asks for
    /// surer findings than this second signal gives, so there only the
    /// model alone counts.
    fn figure_fires(&self, sensitivity: Sensitivity) -> bool {
        sensitivity != Sensitivity::Low
            && !self.judged
            && (figure_flags(self.figure, self.probability())
                || forecast_flags(self.forecast, self.probability())
                || rate_flags(self.rate, self.probability()))
    }

    /// Whether the model flags the sentence on its own at `sensitivity`:
    /// its probability reaches [`model_alone_threshold`], and no cue earlier
    /// in the paragraph makes it a possible continuation of a source's
    /// account. With no claim form of its own, such a sentence is read as
    /// the shapes read it ([`shape_of`]); on the tuning drafts no claim the
    /// model found alone stood after a cue (docs/claims.md §6f).
    fn model_alone_fires(&self, sensitivity: Sensitivity) -> bool {
        !self.carried
            && !self.occasion
            && !self.judged
            && self.probability() >= model_alone_threshold(sensitivity)
    }

    /// Whether the phrase list flags the sentence: a signal matched, and
    /// the model does not rule out one that needs its support.
    fn phrase_fires(&self) -> bool {
        !(self.contact_never || self.judged && self.phrase == Some(Signal::Rank.message()))
            && phrase_flags(
                self.phrase.is_some(),
                self.phrase_needs_model,
                self.signals.attribution.is_some(),
                self.probability(),
            )
    }

    /// Whether a finding at `sensitivity` stands only on the phrase list
    /// with the model's probability under [`REGISTER_FLOOR`]: such a
    /// finding is dropped on a page in the opinion register.
    pub fn register_vetoable(&self, sensitivity: Sensitivity) -> bool {
        self.phrase_fires()
            && self.probability() < REGISTER_FLOOR
            && self.shape.is_none()
            && !self.figure_fires(sensitivity)
            && (self.dated || !self.model_alone_fires(sensitivity))
    }

    /// Whether the finding is a sure one: the phrase list fired, or the
    /// model's probability reaches the threshold chosen for precision (the
    /// default sensitivity's, precision ≥ .85 on the training dev split).
    /// Below it, down to the sensitivity's floor, a finding is a softer
    /// one (docs/claims.md §5).
    pub fn sure(&self) -> bool {
        self.phrase_fires()
            || self.shape.is_some()
            || self.model_alone_fires(Sensitivity::Medium)
            || self.figure_fires(Sensitivity::Medium)
    }

    /// The finding's message: the phrase list's question, and the model's
    /// reasons in words.
    pub fn message(&self) -> String {
        let reasons: Vec<&str> = self
            .score
            .iter()
            .flat_map(|s| s.reasons())
            .map(|r| r.as_str())
            .collect();
        match (
            self.phrase.or(self.shape.map(Shape::message)),
            reasons.is_empty(),
        ) {
            (Some(m), true) => m.to_owned(),
            (Some(m), false) => format!("{m} Reads as a claim: {}.", reasons.join("; ")),
            (None, true) => "Reads as a checkable claim with no source.".to_owned(),
            (None, false) => format!(
                "Reads as a checkable claim with no source: {}.",
                reasons.join("; ")
            ),
        }
    }
}

/// A sentence's claim assessment, computed on first use.
pub type Cell = super::Memo<Assessment>;

impl Analysis<'_> {
    /// The claim assessment of sentence `i` of a block (`ba` is the block's
    /// analysis), computed the first time anything asks and kept on the
    /// sentence.
    ///
    /// # Panics
    /// If `i` is not a sentence of the block.
    pub fn claim<'s>(&self, block: &Block, ba: &'s BlockAnalysis, i: usize) -> &'s Assessment {
        ba.sentences[i]
            .claim
            .0
            .get_or_init(|| assess(self, block, ba, i))
    }

    /// Every sentence of a block, assessed, in order.
    pub fn claims<'s>(
        &'s self,
        block: &'s Block,
        ba: &'s BlockAnalysis,
    ) -> impl Iterator<Item = &'s Assessment> + 's {
        (0..ba.sentences.len()).map(move |i| self.claim(block, ba, i))
    }
}

/// A sentence's tokens as the model reads them: the analysis's tokens
/// (tagged once for every rule), with spans into the sentence's own text.
pub(crate) fn tokens_of(a: &Analysis<'_>, s: &Sentence, out: &mut Vec<copydesk_tagger::Token>) {
    let base = s.span.start;
    let rel = |at: usize| u32::try_from(at.saturating_sub(base)).unwrap_or(u32::MAX);
    out.clear();
    out.extend(a.tokens(s).iter().map(|t| copydesk_tagger::Token {
        span: copydesk_tagger::Span {
            start: rel(t.span.start),
            end: rel(t.span.end),
        },
        upos: t.upos,
        feats: t.feats,
    }));
}

fn cue(kind: AttributionKind) -> Cue {
    match kind {
        AttributionKind::Named => Cue::Named,
        AttributionKind::Pronoun => Cue::Pronoun,
        AttributionKind::Anonymous => Cue::Anonymous,
        AttributionKind::Document => Cue::Document,
    }
}

/// Whether a sentence before `i` in the block has a cue. Read from the
/// previous sentence's assessment when it is there (the rule asks in
/// order), so a long paragraph costs linear time, not quadratic.
fn earlier_cue(ba: &BlockAnalysis, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &ba.sentences[p]) else {
        return false;
    };
    match prev.claim.get() {
        Some(p) => p.signals.attribution_earlier_in_paragraph || prev.attribution.is_some(),
        None => ba.sentences[..i].iter().any(|e| e.attribution.is_some()),
    }
}

/// Whether any of `spans` (in document order, from the first that ends
/// after `span` starts) overlaps `span`. Stops at the first one past it, so
/// a sentence costs the links it touches, not all of its block's.
fn overlaps_any(spans: impl Iterator<Item = Span>, span: Span) -> bool {
    spans
        .take_while(|l| l.start < span.end)
        .any(|l| l.overlaps(span))
}

/// Whether a block ends with an introduction that hands the next block to a
/// source: its last sentence ends with a colon, has a cue (not only a
/// link), and says how the source spoke: a reporting verb (tagged as a
/// verb: `My comments:` has none) or a noun that
/// introduces a text (`The President said:`, `Its disclaimer reads:`,
/// `Transcript:`). A label with no such word (`Bonus fact:`, `My
/// comments:`, `The reasons are obvious:`) introduces the writer's own
/// words. A block that ends with a reporting verb and a comma hands over
/// too (`He answered the question by saying,`, `she tweeted,`): the verb
/// names how the source spoke, and a paragraph ends there only when the
/// words follow. The incremental checker reads it: a block after one
/// depends on it.
pub fn introduces(doc: &Document, block: &Block, ba: &BlockAnalysis) -> bool {
    if matches!(block.kind, BlockKind::Heading(_)) {
        return false;
    }
    let Some(s) = ba.sentences.last() else {
        return false;
    };
    let comma = doc.text(s.span).trim_end().ends_with(',');
    if !comma && (!s.ends_with_colon || s.attribution.is_none_or(|at| at.from_link)) {
        return false;
    }
    let verbs = crate::lexicon::Verbs::builtin();
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    if comma {
        return match &t.tokens[..] {
            [.., verb, _] => {
                verb.upos == Upos::Verb
                    && verbs.use_of(&doc.text(verb.span).to_lowercase()).is_some()
            }
            _ => false,
        };
    }
    t.tokens.iter().any(|w| {
        let word = doc.text(w.span).to_lowercase();
        match w.upos {
            Upos::Verb => verbs.use_of(&word).is_some(),
            Upos::Noun | Upos::Propn => INTRO_NOUNS.contains(&word.as_str()),
            _ => false,
        }
    })
}

/// Nouns that introduce a quoted text after a colon (`in a statement:`).
static INTRO_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("intro-nouns"));

/// The block `offset` blocks from `block` in the document (-1: the one
/// before), with its analysis.
fn neighbour<'s>(
    a: &'s Analysis<'_>,
    block: &Block,
    offset: isize,
) -> Option<(&'s Block, &'s BlockAnalysis)> {
    let n = block_index(a, block)?.checked_add_signed(offset)?;
    Some((a.doc.blocks.get(n)?, a.blocks.get(n)?))
}

/// The index of `block` in the document.
fn block_index(a: &Analysis<'_>, block: &Block) -> Option<usize> {
    let blocks = &a.doc.blocks;
    let at = blocks.partition_point(|b| b.span.start < block.span.start);
    (at..blocks.len())
        .take_while(|&j| blocks[j].span.start == block.span.start)
        .find(|&j| std::ptr::eq(&blocks[j], block))
        .or_else(|| blocks.iter().position(|b| std::ptr::eq(b, block)))
}

/// Whether the line after a block signs it: a tweet's credit, or a name
/// line with a date line after it.
fn signed(a: &Analysis<'_>, block: &Block) -> bool {
    let credit = |offset| {
        neighbour(a, block, offset).map_or(CreditLine::No, |(b, ba)| credit_line(&a.doc, b, ba))
    };
    match credit(1) {
        CreditLine::Handle => true,
        CreditLine::Name => credit(2) == CreditLine::Date,
        CreditLine::No | CreditLine::Date => false,
    }
}

/// Why every sentence of a block is not the writer's own (a transcript's
/// turn, an introduced statement, a title), if it is not. Read from the
/// first sentence's assessment when it is there (the rule asks in order).
fn block_not_own(a: &Analysis<'_>, block: &Block, ba: &BlockAnalysis, i: usize) -> Option<NotOwn> {
    if let Some(first) = ba.sentences[..i].first().and_then(|f| f.claim.get()) {
        return first
            .not_own
            .filter(|&n| !matches!(n, NotOwn::Question | NotOwn::Retold | NotOwn::Appeal));
    }
    // The interviewer's turn (`Q: Crunch is everywhere in this industry
    // — …`) is the outlet's own words, read as any other prose: what the
    // interviewer asserts is the story's to source.
    if crate::analysis::speakers::opens_turn(&a.doc, block, ba)
        && !crate::analysis::speakers::opens_question_turn(a.text(block.span))
    {
        return Some(NotOwn::Turn);
    }
    // An answer under a question, or the paragraphs that go on from a
    // speaker's labelled turn: the interviewee's words, not the story's.
    if block_index(a, block).is_some_and(|i| a.is_spoken_block(i)) {
        return Some(NotOwn::Turn);
    }
    if block.quote_depth == 0
        && neighbour(a, block, -1)
            .is_some_and(|(pb, pa)| pb.quote_depth == 0 && introduces(&a.doc, pb, pa))
    {
        return Some(NotOwn::Introduced);
    }
    if block.quote_depth == 0 && signed(a, block) {
        return Some(NotOwn::Signed);
    }
    let text = a.text(block.span);
    if is_title(text) || in_headline_row(a, block) {
        return Some(NotOwn::Title);
    }
    if RIGHTS_NOTICES.is_match(text) {
        return Some(NotOwn::Notice);
    }
    is_verse(text).then_some(NotOwn::Verse)
}

/// What a rights notice says (`data/claim_shapes.txt`, `[rights-notices]`).
static RIGHTS_NOTICES: LazyLock<Gated> =
    LazyLock::new(|| crate::lexicon::patterns("rights-notices"));

/// Fewest lines a block set as verse has.
const MIN_VERSE_LINES: usize = 3;
/// Longest line of verse, and the most its lines average, in characters:
/// prose wrapped by hand runs close to its wrap width (60–80); verse lines
/// are shorter and uneven.
const MAX_VERSE_LINE: usize = 60;
const MAX_VERSE_AVERAGE: usize = 48;

/// Whether a block's text is set as verse (see [`NotOwn::Verse`]).
fn is_verse(text: &str) -> bool {
    let (mut lines, mut chars, mut stops) = (0, 0, 0);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let n = line.chars().count();
        if n > MAX_VERSE_LINE {
            return false;
        }
        lines += 1;
        chars += n;
        stops += usize::from(line.ends_with(['.', '!', '?']));
    }
    lines >= MIN_VERSE_LINES && chars <= MAX_VERSE_AVERAGE * lines && stops * 2 < lines
}

/// Longest block read as a title, in bytes.
const MAX_TITLE_BYTES: usize = 200;

/// Fewest bare lines in a row read as a list of headlines, and fewest words
/// on each.
const MIN_HEADLINE_ROW: usize = 3;
const MIN_HEADLINE_WORDS: usize = 4;

/// Whether a block is a bare line: a paragraph of one short line, four
/// words or more, that opens as a headline does (not in lower case) and
/// neither ends a sentence nor holds the end of one (`Trump reportedly
/// offered Tucker Carlson the press secretary job`). Alone it may be a
/// writer's fragment; in a row it is a list of headlines (see
/// [`in_headline_row`]). Prose broken into lines mid-sentence (`compared
/// to Canada, and 16 times as many as Germany. Americans own nearly half
/// of the`) is not one. The incremental checker keeps it per block and
/// cuts no unit between two.
pub fn bare_line(doc: &Document, block: &Block) -> bool {
    if block.kind != BlockKind::Paragraph || block.quote_depth > 0 {
        return false;
    }
    let text = doc.text(block.span).trim();
    !text.is_empty()
        && text.len() <= MAX_TITLE_BYTES
        && !text.contains('\n')
        && !ends_sentence(text)
        && !text.contains(". ")
        && text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| !c.is_lowercase())
        && text
            .split_whitespace()
            .nth(MIN_HEADLINE_WORDS - 1)
            .is_some()
}

/// Whether a block is one of [`MIN_HEADLINE_ROW`] bare lines or more in a
/// row: a related-stories list or a sidebar of links copied with the story,
/// each headline a paragraph of its own. Prose runs in sentences; a row of
/// lines that never end one is furniture, whatever their case.
fn in_headline_row(a: &Analysis<'_>, block: &Block) -> bool {
    if !bare_line(&a.doc, block) {
        return false;
    }
    let bare = |offset| neighbour(a, block, offset).is_some_and(|(b, _)| bare_line(&a.doc, b));
    let need = MIN_HEADLINE_ROW - 1;
    let before = (1..=need).take_while(|&k| bare(-(k as isize))).count();
    before >= need
        || before
            + (1..=need - before)
                .take_while(|&k| bare(k as isize))
                .count()
            >= need
}

/// Whether text ends as a sentence or a clause does (past closing quotes
/// and brackets).
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '’', '”', ')', ']', '*', '_'])
        .ends_with(['.', '!', '?', ':', ';', ','])
}

/// Whether a block's text is set as a title: no sentence punctuation at its
/// end, and at least three words of four letters or more, three in four of
/// them capitalised (`No One Knows Why This Theorist Was in the Oval
/// Office`).
fn is_title(text: &str) -> bool {
    let text = text.trim();
    if text.len() > MAX_TITLE_BYTES || ends_sentence(text) {
        return false;
    }
    let (mut long, mut capital) = (0, 0);
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        if w.chars().count() >= 4 && w.starts_with(char::is_alphabetic) {
            long += 1;
            capital += usize::from(w.starts_with(char::is_uppercase));
        }
    }
    long >= 3 && capital * 4 >= long * 3
}

/// Words that open a direct question, and words that may stand before one.
static QUESTION_OPENERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("question-openers"));
static QUESTION_LEAD_INS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("question-lead-ins"));

/// Whether a sentence is a direct question: it ends with `?` and opens,
/// past a short label (`No. 3:`) and any lead-in (`And just`), with a
/// question word or an auxiliary (`Did`, `Why`, `Is`). A negative
/// auxiliary (`Isn't`) is not an opener: that question asserts its fact;
/// a contracted one (`What's`, `Who'll`, `Where're`) is its opener.
fn is_question(text: &str) -> bool {
    let text = text.trim();
    if !text
        .trim_end_matches(['"', '\'', '’', '”', ')', ']', '*', '_'])
        .ends_with('?')
    {
        return false;
    }
    let body = match text.find(": ") {
        Some(c) if text[..c].split_whitespace().nth(2).is_none() => &text[c + 2..],
        _ => text,
    };
    body.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| uncontracted(&w.to_lowercase()).to_owned())
        .find(|w| !QUESTION_LEAD_INS.contains(&w.as_str()))
        .is_some_and(|w| QUESTION_OPENERS.contains(&w.as_str()))
}

/// A word before an auxiliary's contraction (`what's` → `what`, `who'll`
/// → `who`); `n't` is kept (`can't` is no `can`).
fn uncontracted(w: &str) -> &str {
    match w.find(['\'', '’']) {
        Some(c)
            if ["s", "re", "ll", "d", "ve"].contains(&w[c..].trim_start_matches(['\'', '’'])) =>
        {
            &w[..c]
        }
        _ => w,
    }
}

/// Whether a quotation of the block overlaps the sentence. Quotations are
/// in order: look only at the first that ends after the sentence starts (a
/// long paragraph costs linear time).
fn has_quotation(ba: &BlockAnalysis, s: &Sentence) -> bool {
    let first = ba.quotes.partition_point(|q| q.span.end <= s.span.start);
    ba.quotes
        .get(first)
        .is_some_and(|q| q.span.overlaps(s.span))
}

/// Whether a sentence is an appeal to the reader ([`NotOwn::Appeal`]),
/// read from its tags: split at `:`, `;`, a dash or `(`, and before a
/// conjunction that joins another verb (`… for $5 a month and get …`),
/// every clause opens with a verb the tagger gives no tense, in its bare
/// form (past adverbs and `Don't`), or is a label with no verb (`Stay
/// connected abroad:`), and one at least is such an imperative. A tensed
/// verb, an auxiliary past the opening `Don't`, or a subordinator anywhere
/// makes a clause that asserts
/// (`Remember that the city lost 3,000 jobs`, `Join 400,000 travelers who
/// get …`), and so does a quotation.
fn is_appeal(a: &Analysis<'_>, ba: &BlockAnalysis, s: &Sentence) -> bool {
    #[derive(PartialEq)]
    enum Clause {
        Opening,
        Imperative,
        Label,
    }
    if has_quotation(ba, s) {
        return false;
    }
    let tokens = a.tokens(s);
    let mut imperatives = 0;
    let mut clause = Clause::Opening;
    for (i, t) in tokens.iter().enumerate() {
        let word = a.text(t.span);
        if t.upos == Upos::Sconj || t.is_finite_verb() && t.feats.tense.is_some() {
            return false;
        }
        let joins_verb = || {
            tokens[i + 1..]
                .iter()
                .find(|n| n.upos != Upos::Adv)
                .is_some_and(|n| n.upos == Upos::Verb)
        };
        match t.upos {
            Upos::Punct | Upos::Sym if matches!(word, ":" | ";" | "—" | "–" | "(") => {
                if clause == Clause::Label && word != ":" {
                    return false;
                }
                clause = Clause::Opening;
            }
            Upos::Cconj if clause != Clause::Opening && joins_verb() => {
                if clause == Clause::Label {
                    return false;
                }
                clause = Clause::Opening;
            }
            // A modal (`can`, `will`) has a subject before it: a clause
            // that asserts ("Even low doses … can cause …", with `low` read
            // as a verb).
            Upos::Aux if clause != Clause::Opening => return false,
            _ if clause != Clause::Opening => {
                if clause == Clause::Label && t.upos == Upos::Verb {
                    return false;
                }
            }
            Upos::Punct | Upos::Sym | Upos::Adv | Upos::Intj | Upos::Part => {}
            Upos::Aux if lower(word) == "do" => {}
            Upos::Verb => {
                if t.feats.tense.is_some()
                    || !matches!(t.feats.verb_form, Some(VerbForm::Fin | VerbForm::Inf))
                    || !bare_form(word)
                {
                    return false;
                }
                imperatives += 1;
                clause = Clause::Imperative;
            }
            _ => clause = Clause::Label,
        }
    }
    imperatives > 0 && clause != Clause::Label
}

/// Phrases that credit a sentence to a named work (`as chronicled in`).
static SOURCE_PHRASES: LazyLock<Gated> =
    LazyLock::new(|| crate::lexicon::patterns("claim-source-phrases"));

/// Whether a sentence credits itself to a named work or outlet: a
/// [`SOURCE_PHRASES`] phrase followed, past an article, by a capitalised
/// name, a quotation or a link (`As chronicled in the Islamic State's
/// magazine`, `as reported by [USA Today]`; not `as shown in this chart`).
fn credits_a_work(a: &Analysis<'_>, block: &Block, s: &Sentence) -> bool {
    let text = a.text(s.span);
    SOURCE_PHRASES.find_iter(text).any(|m| {
        let rest = text[m.end()..].trim_start();
        let rest = ["the ", "a ", "an "]
            .iter()
            .find_map(|d| rest.strip_prefix(d))
            .unwrap_or(rest);
        let at = s.span.start + (text.len() - rest.len());
        rest.starts_with(|c: char| c.is_uppercase() || "\"“‘'".contains(c))
            || a.doc.block_links(block).iter().any(|l| l.span.contains(at))
    })
}

/// Nouns that name a work a critic retells (`novel`, `film`).
static WORK_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("work-nouns"));

/// Most tokens before the comma that closes a fronted frame, or before the
/// verb of a work as subject (`Ansel Moravec's third novel moves …`).
const MAX_FRAME_TOKENS: usize = 14;

/// Whether sentence `i` of a block retells a work ([`NotOwn::Retold`]): it
/// opens with a phrase framed inside the work, or an earlier sentence of
/// the block does, or has the work as its subject. The work as the
/// sentence's own subject leaves it alone: "The film grossed $300 million"
/// is a claim about the film.
fn retells_a_work(a: &Analysis<'_>, ba: &BlockAnalysis, i: usize) -> bool {
    let frame = |j: usize, subject: bool| {
        let s = &ba.sentences[j];
        let tokens = a.tokens(s);
        let is_work = |t: &super::tokens::Token| {
            t.upos == Upos::Noun && WORK_NOUNS.contains(&&*lower(a.text(t.span)))
        };
        let lead = tokens.iter().take(MAX_FRAME_TOKENS + 1);
        // A fronted phrase up to a comma, with no verb in it, whose last
        // word names the work: `About a third of the way into Moravec's
        // third novel,`, `Early in the film,`.
        let fronted = tokens
            .first()
            .is_some_and(|t| matches!(t.upos, Upos::Adp | Upos::Adv))
            && lead
                .clone()
                .position(|t| a.text(t.span) == ",")
                .is_some_and(|c| {
                    c > 1
                        && is_work(&tokens[c - 1])
                        && !tokens[..c]
                            .iter()
                            .any(|t| matches!(t.upos, Upos::Verb | Upos::Aux))
                });
        // The work as subject: a definite determiner, a possessive or a
        // name first, the work right before the first verb (`The novel
        // moves`, `His film follows`). An indefinite one brings up some
        // other work in passing (`An entire film was made about …`).
        let as_subject = subject
            && tokens.first().is_some_and(|t| {
                matches!(t.upos, Upos::Det | Upos::Pron | Upos::Propn)
                    && !["a", "an"].contains(&&*lower(a.text(t.span)))
            })
            && lead
                .clone()
                .position(|t| matches!(t.upos, Upos::Verb | Upos::Aux | Upos::Punct))
                .is_some_and(|v| v > 0 && tokens[v].upos != Upos::Punct && is_work(&tokens[v - 1]));
        fronted || as_subject
    };
    if frame(i, false) {
        return true;
    }
    // The sentence before carries the frame on: read its assessment when it
    // is there (the rule asks in order), so a long paragraph costs work in
    // proportion to its length; scan back only when asked out of order.
    // (`assess` asks this before `is_question`, so a sentence is `Retold`
    // whenever a frame reaches it, and the two ways agree.)
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    match ba.sentences[prev].claim.get() {
        Some(p) => p.not_own == Some(NotOwn::Retold) || frame(prev, true),
        None => (0..i).any(|j| frame(j, true)),
    }
}

/// Assesses sentence `i` of a block.
fn assess(a: &Analysis<'_>, block: &Block, ba: &BlockAnalysis, i: usize) -> Assessment {
    let s = &ba.sentences[i];
    let not_own = block_not_own(a, block, ba, i)
        .or_else(|| retells_a_work(a, ba, i).then_some(NotOwn::Retold))
        .or_else(|| is_question(a.text(s.span)).then_some(NotOwn::Question));
    let links = a.doc.block_links(block);
    let first = links.partition_point(|l| l.span.end <= s.span.start);
    let refs = &block.footnote_refs;
    let first_ref = refs.partition_point(|r| r.end <= s.span.start);
    let link = overlaps_any(links[first..].iter().map(|l| l.span), s.span)
        || overlaps_any(refs[first_ref..].iter().copied(), s.span);
    let (vague, mut signal, covered, dated, contact_never) = match not_own {
        Some(_) => (None, None, false, false, false),
        None if s.attribution.is_none() && credits_a_work(a, block, s) => {
            (None, None, true, false, false)
        }
        None => phrase_verdict(a, ba, s, earlier_cue(ba, i), link),
    };
    // Read only where a finding could come of it (the sentence is tagged
    // for scoring then anyway).
    let not_own = not_own.or_else(|| {
        (vague.is_none() && !covered && (signal.is_some() || !dated) && is_appeal(a, ba, s)).then(
            || {
                signal = None;
                NotOwn::Appeal
            },
        )
    });
    let phrase = signal.map(Found::message);
    let signals = Signals {
        phrase_claim: phrase.is_some() || vague.is_some(),
        vague_source: s.vague_source.is_some(),
        attribution: s.attribution.map(|at| cue(at.kind)),
        attribution_earlier_in_paragraph: earlier_cue(ba, i),
        link,
        sentence_in_paragraph: u32::try_from(i).unwrap_or(u32::MAX),
        list_item: block.kind == BlockKind::ListItem,
    };
    // A covered sentence, one with a vague source, or a dated one the
    // phrase list leaves alone can never be `claim.unattributed`: leave it
    // unscored (and, if nothing else asks, untagged).
    let mut stance = None;
    let mut occasion = false;
    let score = (not_own.is_none() && vague.is_none() && !covered && (phrase.is_some() || !dated))
        .then(|| {
            let mut tokens = Vec::new();
            tokens_of(a, s, &mut tokens);
            stance = copydesk_claims::stance(a.text(s.span), &tokens);
            occasion = past_occasion(a, s);
            Detector::embedded().score(a.text(s.span), &tokens, &signals)
        });
    let carried =
        signals.attribution_earlier_in_paragraph && score.is_some() && continues_account(a, s);
    let terms = score.is_some() && super::claim_shapes::states_terms(a, a.tokens(s));
    let judged = score.is_some() && super::claim_shapes::judges_in_superlative(a, a.tokens(s));
    let scorned = score.is_some() && super::claim_shapes::scorns(a, a.tokens(s));
    let shape = score
        .filter(|_| phrase.is_none() && !dated)
        .and_then(|sc| shape_of(a, ba, s, &signals, carried, sc));
    let figure = score.is_some()
        && !dated
        && !occasion
        && states_figure(a, s)
        && !sourced_by_form(a, ba, s, &signals, carried);
    let forecast = figure && forecasts_figure(a, s);
    let rate = figure && states_rate(a, s);
    Assessment {
        span: s.span,
        not_own,
        vague,
        phrase,
        vague_owned: vague.is_some_and(|v| {
            super::cues::owned_through_modifier(a.text(Span::new(s.span.start, v.start)), a.text(v))
        }),
        contact_never,
        phrase_needs_model: signal.is_some_and(Found::needs_model)
            && s.attribution.is_none()
            && !super::claim_shapes::explains_change(a, a.tokens(s)),
        covered,
        dated,
        occasion,
        carried,
        figure,
        forecast,
        rate,
        signals,
        score,
        shape,
        stance,
        terms,
        judged,
        scorned,
    }
}

/// The claim shape of a scored sentence the phrase list leaves alone, when
/// nothing sources it or makes it the writer's own account: no cue in it,
/// no earlier cue in its paragraph whose account it goes on with
/// (`carried`, [`continues_account`]), no link, no first person, no
/// quotation. The shape flags it when the model gives it the support the
/// shape needs.
fn shape_of(
    a: &Analysis<'_>,
    ba: &BlockAnalysis,
    s: &Sentence,
    signals: &Signals,
    carried: bool,
    score: Score,
) -> Option<Shape> {
    if sourced_by_form(a, ba, s, signals, carried) {
        return None;
    }
    super::claim_shapes::read(a, a.tokens(s), score.probability)
}

/// Whether something in the sentence's form sources it or makes it the
/// writer's own account, so neither a shape nor a bare figure is read in
/// it: a cue in it, an earlier cue whose account it goes on with
/// (`carried`), a link, the first person, or a quotation that is not a
/// quoted term.
fn sourced_by_form(
    a: &Analysis<'_>,
    ba: &BlockAnalysis,
    s: &Sentence,
    signals: &Signals,
    carried: bool,
) -> bool {
    signals.attribution.is_some()
        || carried
        || signals.link
        || FIRST_PERSON.is_match(a.text(s.span))
        || ba
            .quotes
            .iter()
            .any(|q| q.span.overlaps(s.span) && !is_term(a.text(q.inner)))
}

/// Whether a sentence states a figure as the story's own
/// ([`Assessment::figure`]): a number among its tokens (`27`, `$20,000`,
/// `thirty million`), and its first finite verb neither in the simple past
/// nor the pluperfect ([`simple_past`]; either tells an occasion: "By 9
/// p.m., most residents had been allowed back inside").
fn states_figure(a: &Analysis<'_>, s: &Sentence) -> bool {
    let tokens = a.tokens(s);
    let past = tokens.iter().find(|t| t.is_finite_verb()).is_some_and(|t| {
        simple_past(a, t) || matches!(lower(a.text(t.span)).as_ref(), "had" | "hadn't")
    });
    !past
        && (0..tokens.len()).any(|i| {
            tokens[i].upos == Upos::Num && counts(a, tokens, i) || states_fraction(a, tokens, i)
        })
}

/// Spans of time ahead that make a figure in `will` a forecast
/// (`[claim-forecast-spans]`); `by` and a year is one too.
static FORECAST_SPANS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-forecast-spans"));
/// Periods long enough for a forecast's span (`[claim-forecast-periods]`).
static FORECAST_PERIODS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-forecast-periods"));

/// Whether a sentence that states a figure forecasts it
/// ([`Assessment::forecast`]): its first finite verb is `will` (or `'ll`),
/// not after `that`, `if` or a relative (the forecast is then someone's
/// or conditional), with no negation after it, and a span ahead
/// (`[claim-forecast-spans]` before a `[claim-forecast-periods]` word, or
/// `by` and a year) in the sentence. A
/// schedule (`will pay … starting in January`) names no span ahead.
fn forecasts_figure(a: &Analysis<'_>, s: &Sentence) -> bool {
    let tokens = a.tokens(s);
    let words: Vec<_> = tokens.iter().map(|t| lower(a.text(t.span))).collect();
    let Some(f) = tokens.iter().position(|t| t.is_finite_verb()) else {
        return false;
    };
    if !matches!(words[f].as_ref(), "will" | "'ll" | "’ll")
        || words[..f]
            .iter()
            .any(|w| matches!(w.as_ref(), "that" | "if" | "who" | "which" | "unless"))
        || words
            .get(f + 1)
            .is_some_and(|w| NEGATIONS.contains(&w.as_ref()))
    {
        return false;
    }
    let year = |w: &str| {
        w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
            && (w.starts_with("19") || w.starts_with("20"))
    };
    let by_year = words[f..].windows(2).any(|p| p[0] == "by" && year(&p[1]));
    // A span opener and, within three words, a period long enough for a
    // trend (`over the next five years`, `in the coming decade`; not `over
    // the next week`, an order book).
    let span_ahead = FORECAST_SPANS.iter().any(|span| {
        let span: Vec<&str> = span.split_whitespace().collect();
        (f..words.len().saturating_sub(span.len() - 1)).any(|k| {
            words[k..k + span.len()]
                .iter()
                .zip(&span)
                .all(|(a, b)| a == b)
                && words[k + span.len()..]
                    .iter()
                    .take(3)
                    .any(|w| FORECAST_PERIODS.contains(&w.as_ref()))
        })
    });
    by_year || span_ahead
}

/// Fractions and multiples that state a figure in words
/// (`[claim-figure-fractions]`).
static FIGURE_FRACTIONS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-figure-fractions"));

/// Whether the word at `tokens[i]` states a share or a ratio in words
/// ("a third of their patrons", "twice as likely", "at twice the rate",
/// "cut by half", "by about a third", "one-third of"): a
/// `[claim-figure-fractions]` word (or the last part of a hyphenated one)
/// followed by `of`, `as` or `the`, or after `by` with only determiners,
/// adverbs and `more than` between. An ordinal before a noun ("a third
/// album") or an idiom ("the second half") is none.
fn states_fraction(a: &Analysis<'_>, tokens: &[Token], i: usize) -> bool {
    let word = lower(a.text(tokens[i].span));
    let last = word.rsplit('-').next().unwrap_or(&word);
    if !FIGURE_FRACTIONS.contains(&last) {
        return false;
    }
    let next = tokens.get(i + 1).map(|t| lower(a.text(t.span)));
    if next
        .as_deref()
        .is_some_and(|n| matches!(n, "of" | "as" | "the"))
    {
        return true;
    }
    (0..i)
        .rev()
        .take(4)
        .take_while(|&j| {
            matches!(
                tokens[j].upos,
                Upos::Det | Upos::Adv | Upos::Adj | Upos::Adp
            )
        })
        .any(|j| lower(a.text(tokens[j].span)) == "by")
}

/// Whether the number at `tokens[i]` counts or measures something: not a
/// year (`the 2008 and 2017 buildups`, a chart's axis, a date range: it
/// dates, it counts nothing), and not a list's marker (`(6)`, or `6.` and
/// `6)` opening the sentence). `one` still counts: "one of the …" is
/// often a ranking the labels send back (docs/claims.md §6q).
fn counts(a: &Analysis<'_>, tokens: &[Token], i: usize) -> bool {
    let word = |j: usize| tokens.get(j).map(|t| a.text(t.span));
    let w = word(i).unwrap_or("");
    let year = w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with("18") || w.starts_with("19") || w.starts_with("20"));
    let digits = !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let marker = digits
        && (i > 0 && word(i - 1) == Some("(") && word(i + 1) == Some(")")
            || i == 0 && matches!(word(1), Some("." | ")")));
    !(year || marker || duration(a, tokens, i))
}

/// Periods a rate is stated over (`[claim-rate-periods]`).
static RATE_PERIODS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-rate-periods"));

/// Whether a sentence states a figure as a rate over time
/// ([`Assessment::rate`]): a number that counts ([`counts`]), then within
/// four words `a` or `per` and a [`RATE_PERIODS`] word ("is losing roughly
/// 500 residents a year", "60 families a month").
fn states_rate(a: &Analysis<'_>, s: &Sentence) -> bool {
    let tokens = a.tokens(s);
    let words: Vec<_> = tokens.iter().map(|t| lower(a.text(t.span))).collect();
    (0..tokens.len()).any(|i| {
        tokens[i].upos == Upos::Num
            && counts(a, tokens, i)
            && (i + 1..tokens.len().min(i + 6)).any(|j| {
                matches!(words[j].as_ref(), "a" | "per")
                    && words
                        .get(j + 1)
                        .is_some_and(|w| RATE_PERIODS.contains(&w.as_ref()))
            })
    })
}

/// Words between `for` and a duration's number (`[claim-duration-leads]`).
static DURATION_LEADS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-duration-leads"));
/// Units of a duration (`[claim-duration-units]`).
static DURATION_UNITS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-duration-units"));

/// Whether the number at `i` counts how long something has gone on (`for
/// more than forty years`): a [`DURATION_UNITS`] word after it and `for`
/// before it, past [`DURATION_LEADS`] words only. Background of record,
/// like a year, not a statistic.
fn duration(a: &Analysis<'_>, tokens: &[Token], i: usize) -> bool {
    let word = |j: usize| lower(a.text(tokens[j].span));
    if i + 1 >= tokens.len() || !DURATION_UNITS.contains(&word(i + 1).as_ref()) {
        return false;
    }
    let mut j = i;
    while j > 0 {
        j -= 1;
        let w = word(j);
        if w == "for" {
            return true;
        }
        if !DURATION_LEADS.contains(&w.as_ref()) {
            return false;
        }
    }
    false
}

/// Most words of a quoted term (`so-called "green energy"`, a nickname).
const MAX_TERM_WORDS: usize = 3;

/// Whether a quotation is a term or a title the writer uses
/// (`the so-called "green energy" movement`, `"Lanternfall" is`), not
/// someone's words: a short fragment, or a title in Title Case. A longer
/// fragment woven into the sentence (`The average worker "has lost $4,000
/// in …"`) is still a speaker's.
fn is_term(inner: &str) -> bool {
    !super::speakers::is_utterance(inner)
        && (inner.split_whitespace().nth(MAX_TERM_WORDS).is_none()
            || super::speakers::is_title_case(inner))
}

/// Pronouns that pick up the subject or the speaker of an earlier
/// sentence (`He`, `It`, `Their`): a sentence opening with one goes on
/// with what the paragraph was telling.
static CONTINUING_PRONOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("continuing-pronouns"));

/// Whether a sentence after a cue in its paragraph goes on with that
/// source's account, as the labelling guide carries a source
/// (docs/claim-labelling.md §2: "Reyes said the plant would close. It
/// employs 400 people."): it opens, past a conjunction or an adverb
/// (`But`, `Also,`), with a pronoun that picks up the speaker or the
/// subject told of, or its main verb is the backshifted `would` of
/// reported speech ("The closure would cost…"). A sentence that opens on
/// a subject of its own ("Ferry fares have risen faster than…") is the
/// writer's next claim, and the shapes and the model read it.
fn continues_account(a: &Analysis<'_>, s: &Sentence) -> bool {
    let tokens = a.tokens(s);
    let first = tokens
        .iter()
        .find(|t| !matches!(t.upos, Upos::Cconj | Upos::Adv | Upos::Punct));
    let pronoun =
        first.is_some_and(|t| CONTINUING_PRONOUNS.contains(&lower(a.text(t.span)).as_ref()));
    let backshifted = tokens
        .iter()
        .find(|t| t.is_finite_verb())
        .is_some_and(|t| lower(a.text(t.span)) == "would");
    pronoun || backshifted
}

/// The phrase list's verdict on a sentence: a vague source to report, a
/// claim signal in the part no cue covers, whether a cue covers it all, and
/// whether the part no cue covers is dated.
fn phrase_verdict(
    a: &Analysis<'_>,
    ba: &BlockAnalysis,
    s: &Sentence,
    earlier_cue: bool,
    link: bool,
) -> (Option<Span>, Option<Found>, bool, bool, bool) {
    // Quotations are in order and do not overlap: hand over only the run
    // that can touch this sentence, not the whole block's.
    let lo = ba.quotes.partition_point(|q| q.span.end <= s.span.start);
    let hi = lo + ba.quotes[lo..].partition_point(|q| q.span.start < s.span.end);
    let outside = crate::analysis::outside_quotes(
        a.text(s.span),
        s.span,
        ba.quotes[lo..hi].iter().map(|q| q.span),
    );
    if let Some(v) = s
        .vague_source
        .filter(|&v| vague_outranks_cue(a, s, v, earlier_cue, link))
    {
        return (Some(v), None, false, false, false);
    }
    // A link on the sentence is the source hearsay lacks.
    if let Some(v) = hearsay_cue(a, ba, s).filter(|_| !link) {
        return (Some(v), None, false, false, false);
    }
    // The part of the sentence no cue covers: all of it, none of it, or an
    // opening clause before a mid-sentence cue.
    let uncovered = match s.attribution {
        None => &*outside,
        Some(at) => match unattributed_intro(
            &outside,
            at.span.start.saturating_sub(s.span.start),
            at.span.end.saturating_sub(s.span.start),
        ) {
            Some(intro) => intro,
            None => match main_clause_beside(
                &outside,
                at.span.start.saturating_sub(s.span.start),
                at.span.end.saturating_sub(s.span.start),
            ) {
                Some(main) => main,
                None => return (None, None, true, false, false),
            },
        },
    };
    // "today" after a plural means "nowadays" ("Most teenagers today have
    // never…"): no anchor for the phrase list either.
    let dated =
        has_day_anchor(uncovered) && (names_a_day(uncovered) || !names_generation(uncovered));
    let past_main = main_verb_in_past(a, s);
    let signal = strongest_signal(uncovered, dated, never_in_past(a, s, false), past_main);
    // The signal stands only on a `never` that describes one thing (a
    // contact clause): the model still reads the phrase list's verdict as
    // it was trained to, and the decision drops it after the model
    // ([`Assessment::contact_never`]).
    let contact_never = signal.is_some()
        && never_in_past(a, s, true)
        && strongest_signal(uncovered, dated, true, past_main).is_none();
    (
        None,
        signal,
        false,
        dated && names_a_day(uncovered),
        contact_never,
    )
}

/// Heads of a speaker that pass on hearsay when nothing names or
/// describes them: the anonymous nouns of kind `unnamed` (`source`,
/// `insiders`) and `[hearsay-nouns]` (`reports`).
static HEARSAY_HEADS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::lexicon::table("anonymous-nouns")
        .iter()
        .filter(|row| row.get(1).is_some_and(|k| k.trim() == "unnamed"))
        .filter_map(|row| row.first().map(|w| w.trim()))
        .chain(crate::lexicon::words("hearsay-nouns").iter().copied())
        .collect()
});

/// The cue of a sentence whose speaker is hearsay, as a vague source: the
/// speaker's phrase is a bare `source`, `insider` or `reports` (after
/// determiners, numbers and adjectives only: `A source claimed`, `New
/// reports claimed`, `according to an insider,`) that no word names or
/// describes: no name, possessive or noun before it (`CNN's sources`,
/// `law enforcement sources`) and no definite determiner (`the sources`,
/// which the story has met), nothing after it but the verb or the end
/// of the clause (not `a source familiar with the talks`, `sources close
/// to the player`, `a source, who asked not to be named,`), and the verb
/// tells no named outlet (`a source tells USA TODAY` is the paper's
/// report). The labelling guide counts such hearsay as a claim to source
/// (docs/claim-labelling.md §6), where the cue reader, for quotations,
/// takes it as an anonymous speaker. A sentence with a quotation is left
/// to the quotation's speaker. Returns the span from the speaker's phrase
/// to the verb.
fn hearsay_cue(a: &Analysis<'_>, ba: &BlockAnalysis, s: &Sentence) -> Option<Span> {
    let at = s.attribution.filter(|at| !at.from_link)?;
    if has_quotation(ba, s) {
        return None;
    }
    let t = a.tagged(s);
    let speaker = at.speaker?;
    let c = *t.chunk_of(t.token_at(speaker.span.start)?)?;
    // `[SOURCE]`, the placeholder a claim fix writes, names nobody yet
    // but is the writer's own marker, not hearsay.
    if a.text(t.tokens[c.head].span)
        .bytes()
        .all(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let head = lower(a.text(t.tokens[c.head].span));
    // `the sources`, `these reports` point back to ones the story named.
    let definite = ["the", "this", "these", "those", "that"]
        .contains(&lower(a.text(t.tokens[c.first].span)).as_ref());
    let bare = c.head + 1 == c.end
        && !definite
        && HEARSAY_HEADS.contains(&head.as_ref())
        && t.tokens[c.first..c.head]
            .iter()
            .all(|w| matches!(w.upos, Upos::Det | Upos::Num | Upos::Adj));
    if !bare {
        return None;
    }
    let v = t.token_at(at.span.start);
    let next = |i: usize| t.tokens.get(i).map(|w| w.upos);
    let span = match v {
        // `A source claimed`: only auxiliaries and adverbs up to the verb,
        // and no name for its object (`told CNN`).
        Some(v) if v >= c.end => {
            let joined = t.tokens[c.end..v]
                .iter()
                .all(|w| matches!(w.upos, Upos::Aux | Upos::Adv));
            let object = (v + 1..t.tokens.len())
                .find(|&i| t.tokens[i].upos != Upos::Adv)
                .and_then(|i| t.chunk_of(i));
            let outlet =
                object.is_some_and(|o| o.tokens(&t.tokens).iter().any(|w| w.upos == Upos::Propn));
            if !joined || outlet {
                return None;
            }
            Span::new(c.span.start, at.span.end)
        }
        // `according to sources,`, `…, said a source.`: the phrase ends the
        // clause.
        _ => {
            if !matches!(next(c.end), None | Some(Upos::Punct)) {
                return None;
            }
            Span::new(at.span.start.min(c.span.start), c.span.end.max(at.span.end))
        }
    };
    Some(span)
}

/// Most words after a closing cue (`…, the mayor said in a statement
/// Tuesday.`).
const MAX_TAIL_WORDS: usize = 4;

/// Whether a sentence's vague source (`critics argue`, `sources close to
/// the player say`) is what sources it, though a cue was found too: there
/// is no cue, or the cue stands inside what the vague group says ("Critics
/// argue the developers will … write off the losses", "Economists … agree
/// on that, which is more than they agree on …") and names nobody (no
/// proper noun speaks; "Studies show …, according to the CDC" is the
/// CDC's) while the vague group, opening the sentence, speaks with a verb
/// of its own; or the vague source closes the sentence as its tag
/// ("Okonjo has agreed terms, sources close to the player say"). A link or
/// footnote on a sentence with a cue sources it, as before.
fn vague_outranks_cue(
    a: &Analysis<'_>,
    s: &Sentence,
    vague: Span,
    earlier_cue: bool,
    link: bool,
) -> bool {
    let tokens = a.tokens(s);
    // The vague group speaks with a verb of its own (`critics argue`);
    // hearsay (`allegedly …, police said`) leaves a cue in the sentence to
    // source it, and after a cue earlier in the paragraph it goes on with
    // that source's report ("CNN notes … The conversations reportedly
    // continued …", docs/claim-labelling.md §6).
    let last = tokens
        .iter()
        .rev()
        .find(|t| vague.contains(t.span.start))
        .map(|t| t.upos);
    let speaks = last == Some(Upos::Verb);
    // Hearsay names no one at all (`is said to`, `word is that`, and the
    // adverb forms `reportedly met`, `is allegedly`, which end on a verb
    // or an auxiliary but hold an adverb and no noun or pronoun);
    // `according to experts` names a group, and stays vague after any cue.
    let in_vague = || tokens.iter().filter(|t| vague.contains(t.span.start));
    let adverb_only = in_vague().any(|t| t.upos == Upos::Adv)
        && !in_vague().any(|t| matches!(t.upos, Upos::Noun | Upos::Propn | Upos::Pron));
    let hearsay = adverb_only
        || !matches!(
            last,
            Some(Upos::Verb | Upos::Noun | Upos::Propn | Upos::Pron) | None
        );
    if hearsay && earlier_cue {
        return false;
    }
    // A document cue's vague subject (`Research … has found`) is the
    // stand-in unless the paragraph has named its source already.
    if s.vague_document {
        return !earlier_cue && !link;
    }
    let Some(at) = s.attribution else {
        return true;
    };
    if at.from_link || link {
        return false;
    }
    let named = at.speaker.is_some_and(|sp| {
        tokens
            .iter()
            .any(|t| t.upos == Upos::Propn && sp.span.contains(t.span.start))
    });
    // The group opens the sentence (past a conjunction or an adverb): not
    // a phrase inside another ("what people are saying, and what the city
    // says", "Hospital Association data show").
    let opens = tokens
        .iter()
        .find(|t| !matches!(t.upos, Upos::Cconj | Upos::Adv | Upos::Punct))
        .is_some_and(|t| vague.contains(t.span.start));
    let text = a.text(s.span);
    let rel = |at: usize| at.saturating_sub(s.span.start).min(text.len());
    // A cue that closes the sentence as its tag sources all of it
    // ("Everyone agrees the bridge needs work, the mayor said.").
    let (cue_start, cue_end) = at.speaker.map_or((at.span.start, at.span.end), |sp| {
        (
            sp.span.start.min(at.span.start),
            sp.span.end.max(at.span.end),
        )
    });
    let cue_closes = text[..rel(cue_start)].trim_end().ends_with(',')
        && text[rel(cue_end)..].split_whitespace().count() <= MAX_TAIL_WORDS;
    let inside = speaks && opens && vague.end <= at.span.start && !named && !cue_closes;
    let tag = text[..rel(vague.start)].trim_end().ends_with(',')
        && text[rel(vague.end)..].chars().all(|c| !c.is_alphanumeric())
        && at.span.end <= vague.start;
    inside || tag
}

/// Words before a verb that keep it in the subject (`President Trump has said`).
const MAX_SUBJECT_WORDS: usize = 5;
/// Words after a verb that end the attribution rather than open a clause.
static TAIL_WORDS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-tail-words"));

/// With a cue in mid-sentence (`As X happens, Trump has said Y`), the opening
/// clause before the speaker is the reporter's own; return it. A cue that
/// ends the sentence (`…, the department said.`) covers everything.
fn unattributed_intro(outside: &str, cue_start: usize, cue_end: usize) -> Option<&str> {
    let before = outside.get(..cue_start)?;
    let comma = before.rfind(',')?;
    let subject_words = before[comma + 1..].split_whitespace().count();
    if subject_words == 0 || subject_words > MAX_SUBJECT_WORDS {
        return None;
    }
    let next = outside.get(cue_end..)?.split_whitespace().next()?;
    let next_lower = next.to_lowercase();
    let opens_clause = next.chars().next().is_some_and(char::is_lowercase)
        && !TAIL_WORDS.contains(&next_lower.as_str());
    opens_clause.then(|| &outside[..comma])
}

/// Openers of a clause whose reporting verb sources that clause alone.
static CUE_SUBORDINATORS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("cue-subordinators"));

/// With the cue in a clause opened by `after`, `before`, `whatever` …
/// (`[cue-subordinators]`), that clause is its speaker's, and the main
/// clause no cue covers ("Rents doubled after a travel influencer posted
/// about it", "Districts … never switch back, no matter what the test
/// results say"): return the main clause, before the opener, or after the
/// comma that closes a fronted clause ("After the chain reported …,
/// shares rose"). `None` when the cue's clause opens with none.
fn main_clause_beside(outside: &str, cue_start: usize, cue_end: usize) -> Option<&str> {
    let before = outside.get(..cue_start)?;
    // The cue's clause: from the last break before the verb.
    let from = before
        .char_indices()
        .rfind(|&(_, c)| [',', ';', '—', '('].contains(&c))
        .map_or(0, |(b, c)| b + c.len_utf8());
    let clause = &before[from..];
    // The first word that opens an entry (ASCII words, compared in place).
    let opener = clause
        .char_indices()
        .filter(|&(at, c)| {
            c.is_alphanumeric()
                && clause[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric())
        })
        .map(|(at, _)| at)
        .find(|&at| {
            CUE_SUBORDINATORS.iter().any(|e| {
                clause
                    .get(at..at + e.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(e))
                    && clause[at + e.len()..].starts_with(' ')
            })
        })?;
    // Only a subject between the opener and the verb: at most a few words.
    if clause[opener..].split_whitespace().count() > MAX_SUBJECT_WORDS + 1 {
        return None;
    }
    let at = from + opener;
    let main = outside[..at].trim_end().trim_end_matches(',');
    if main.split_whitespace().count() >= 2 {
        return Some(main);
    }
    // A fronted clause: the main clause follows the comma that closes it.
    let rest = outside.get(cue_end..)?;
    let comma = rest.find(',')?;
    Some(&rest[comma + 1..]).filter(|m| m.split_whitespace().count() >= 2)
}

/// Pronouns and relatives that make a `never`/`always` about one subject
/// ("he almost never uses one"), not a generalisation.
static SPECIFIC_SUBJECTS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("specific-subjects"));

/// Whether the words before a `never`/`always` make it about one subject:
/// a pronoun (`he almost never`), a name (`Reyes never`) or a determined
/// singular noun (`the dish never`), not a generic plural (`Teams … never`).
fn about_one_subject(before: &str, matched: &str) -> bool {
    // A clause-initial never/always: an imperative ("Never miss a vote",
    // "📱 Never miss a new listing", "The weather service's advice: never
    // drive into water").
    if !before.contains(char::is_alphanumeric) || before.trim_end().ends_with(':') {
        let m = matched.to_lowercase();
        return ["never", "always", "almost", "nearly"]
            .iter()
            .any(|w| m.starts_with(w));
    }
    let mut words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .skip_while(|w| SUBJECT_SKIP.contains(&w.to_lowercase().as_str()))
        .take(5)
        .collect();
    // A comparison after the subject names its class, not one thing:
    // "Mergers like this one almost always…", "Towns like ours never…".
    if let Some(like) = words[..words.len().min(4)]
        .iter()
        .position(|w| w.eq_ignore_ascii_case("like"))
    {
        // Not a parenthesis ("Reyes, like his father, never…").
        if !words[..=like].iter().any(|w| w.ends_with(',')) {
            words.drain(..=like);
            if words.first().is_some_and(|w| plural_noun(w)) {
                return false;
            }
        }
    }
    // A plural with a relative clause is a class: "Districts that switch
    // almost never…", "Clubs that sell their captain never…". The clause's
    // own verb stands before the never/always; with none ("a pile of
    // ingredients that never becomes…") the relative may belong further back.
    let relative = words[..words.len().min(4)]
        .iter()
        .skip(1)
        .position(|w| ["that", "who", "which"].contains(&w.to_lowercase().as_str()));
    if relative
        .and_then(|r| words.get(r + 2))
        .is_some_and(|w| plural_noun(w))
    {
        return false;
    }
    let Some(subject) = words.first() else {
        return false;
    };
    let lower = subject.to_lowercase();
    let capital = subject.chars().next().is_some_and(char::is_uppercase);
    let determined = words.get(1).is_some_and(|d| {
        [
            "the", "this", "that", "his", "her", "its", "my", "our", "their", "a", "an",
        ]
        .contains(&d.to_lowercase().as_str())
    });
    SPECIFIC_SUBJECTS.contains(&lower.as_str()) || capital || determined && !lower.ends_with('s')
}

/// Whether a matched `never` states nothing about what happens: it
/// negates an infinitive ("the determination never to look beyond", "I try
/// never to care", "left, never to return"), or it is the idiom `as never
/// before`, which intensifies ("under threat as never before").
fn never_unstated(before: &str, matched: &str, after: &str) -> bool {
    let next = after.split_whitespace().next().map(lower);
    lower(matched).ends_with("never")
        && (next.as_deref() == Some("to")
            || before
                .split_whitespace()
                .next_back()
                .is_some_and(|w| lower(w) == "as")
                && next.as_deref().is_some_and(|w| {
                    w.trim_end_matches(|c: char| !c.is_alphanumeric()) == "before"
                }))
}

/// Month names: `in January` dates a superlative ("its most frequent
/// target since he took office in January"), it bounds no place.
pub(crate) static MONTHS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("month-names"));

/// Whether a sweeping word is denied by the word before it: "isn't always",
/// "not always", "not every" hedge, they do not generalise.
fn hedged(before: &str) -> bool {
    before.split_whitespace().next_back().is_some_and(|w| {
        let w = lower(w);
        NEGATIONS
            .iter()
            .any(|n| w == *n || (n.starts_with("n'") || n.starts_with("n’")) && w.ends_with(n))
    })
}

/// Whether a word looks like a plural noun (`mergers`, `districts`; not
/// `press`, `bus`).
fn plural_noun(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us")
}

/// Whether a finite verb is in the simple past: a past verb, or a past
/// form of `be` or `do` (`were paid`, `was never repaired`, `did not`);
/// not `had` (the pluperfect looks back over a span) nor a modal.
fn simple_past(a: &Analysis<'_>, t: &super::tokens::Token) -> bool {
    t.is_finite_verb()
        && t.feats.tense == Some(Tense::Past)
        && (t.upos == Upos::Verb
            || matches!(
                lower(a.text(t.span)).as_ref(),
                "was" | "were" | "did" | "wasn't" | "weren't" | "didn't"
            ))
}

/// Whether every `never` in the sentence belongs to a simple past verb,
/// before it (`they never issued an apology`, `the fighters never saw it
/// coming`) or, in the passive or with a form of `be`, after its auxiliary
/// (`the bridge was never repaired`): one past occasion that did not
/// happen, told like any past event, not a sweep over all time. The
/// perfect (`has never been`) and the present (`never make the playoffs`)
/// still sweep.
fn never_in_past(a: &Analysis<'_>, s: &Sentence, contact: bool) -> bool {
    let tokens = a.tokens(s);
    let mut nevers = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| lower(a.text(t.span)) == "never")
        .peekable();
    nevers.peek().is_some()
        && nevers.all(|(i, _)| {
            let after = tokens[i + 1..]
                .iter()
                .find(|t| t.upos != Upos::Adv)
                .is_some_and(|t| t.upos == Upos::Verb && simple_past(a, t));
            // Only the passive: "was never about cost" states a lasting
            // state, which still sweeps.
            let passive = tokens[..i]
                .iter()
                .rev()
                .find(|t| t.upos != Upos::Adv)
                .is_some_and(|t| t.upos == Upos::Aux && simple_past(a, t))
                && tokens[i + 1..]
                    .iter()
                    .find(|t| t.upos != Upos::Adv)
                    .is_some_and(|t| t.upos == Upos::Verb);
            after || passive || contact && in_contact_clause(a, tokens, i)
        })
}

/// Words that open a contact clause's subject after the noun it modifies
/// ("places most people will never see", "a category the township
/// created … and has never used"). Not `this`, `next`, `every`: after a
/// plural they date it ("Prices this summer will never…").
const CONTACT_OPENERS: &[&str] = &[
    "the", "a", "an", "most", "many", "few", "some", "i", "we", "you", "he", "she", "they", "it",
    "people", "anyone",
];

/// How far back from a `never` a contact clause's noun may stand.
const CONTACT_REACH: usize = 10;

/// Whether the `never` at `i` lies in a relative clause with no relative
/// word, one that describes the noun before it: the noun is followed at
/// once by a new subject ([`CONTACT_OPENERS`]) whose finite verb comes
/// before or with the `never`, all within one stretch with no punctuation
/// and no subordinator. It tells what one thing is like ("a road the
/// county has never paved"), not what always or never happens; a
/// complement clause after a verb ("Investors know rates never fall")
/// has no noun before its subject and still sweeps. The noun must stand
/// after a finite verb, in the predicate: a contact clause in the subject
/// ("Readers the paper surveyed never buy print") leaves the main
/// clause's `never` to sweep. Session 27: read after the model
/// ([`Assessment::contact_never`]), so the model's phrase signal is what
/// it was trained on (docs/claims.md §6zg, §6zi).
fn in_contact_clause(a: &Analysis<'_>, tokens: &[super::tokens::Token], i: usize) -> bool {
    let from = i.saturating_sub(CONTACT_REACH);
    (from..i.saturating_sub(1)).rev().any(|k| {
        let stretch = &tokens[k + 1..i];
        tokens[k].upos == Upos::Noun
            && tokens[..k]
                .iter()
                .any(|t| t.is_finite_verb() || t.upos == Upos::Aux)
            && CONTACT_OPENERS.contains(&lower(a.text(tokens[k + 1].span)).as_ref())
            && matches!(
                tokens[k + 1].upos,
                Upos::Det | Upos::Pron | Upos::Adj | Upos::Adv | Upos::Noun
            )
            && stretch
                .iter()
                .all(|t| !matches!(t.upos, Upos::Punct | Upos::Sconj))
            && stretch
                .iter()
                .any(|t| t.is_finite_verb() || t.upos == Upos::Aux)
    })
}

/// Whether the sentence's main clause is in the simple past: its first
/// finite verb is ([`simple_past`]). A quantified subject then counts the
/// people or things of one occasion ("Most of the victims were from …",
/// "Most fans left before the whistle"), not a class at all times.
fn main_verb_in_past(a: &Analysis<'_>, s: &Sentence) -> bool {
    a.tokens(s)
        .iter()
        .find(|t| t.is_finite_verb())
        .is_some_and(|t| simple_past(a, t))
}

/// How far after its subordinator a clause of time's finite verb may
/// stand (`after the new merger was announced`: four words).
const OCCASION_CLAUSE_REACH: usize = 6;

/// Whether the sentence tells one past occasion: its first finite verb is
/// not a present auxiliary or a modal (`has`, `will`), and later a
/// subordinator of time (`after`, `when`, `before`, `once`, `until`) opens
/// a clause whose finite verb is in the past ("Shares rose faster than
/// expected after the merger was announced", "Attendance dropped by a
/// third once the ticket office moved"). A past main clause alone is not
/// enough: "The protesters were paid" is a charge, with no occasion named.
fn past_occasion(a: &Analysis<'_>, s: &Sentence) -> bool {
    let tokens = a.tokens(s);
    let past = |t: &super::tokens::Token| t.is_finite_verb() && t.feats.tense == Some(Tense::Past);
    let Some(main) = tokens.iter().position(|t| t.is_finite_verb()) else {
        return false;
    };
    // The main verb's own tense is not read: the tagger takes some
    // irregular pasts for presents ("Shares rose" as Pres). A past clause
    // of time puts the main clause in the past with it; a perfect or a
    // modal main verb (`has risen`, `will rise`) is not one occasion.
    if tokens[main].upos == Upos::Aux && !past(&tokens[main])
        || matches!(
            lower(a.text(tokens[main].span)).as_ref(),
            "had" | "would" | "could" | "might"
        )
    {
        return false;
    }
    tokens[main + 1..].iter().enumerate().any(|(k, t)| {
        let w = lower(a.text(t.span));
        // The tagger reads these as subordinators, prepositions (`after`)
        // or adverbs (`when`); a finite verb close behind makes it a clause.
        let time = matches!(w.as_ref(), "after" | "before" | "once" | "until" | "when")
            && matches!(t.upos, Upos::Sconj | Upos::Adp | Upos::Adv);
        time && tokens[main + 2 + k..]
            .iter()
            .take(OCCASION_CLAUSE_REACH)
            .find(|t| t.is_finite_verb())
            .is_some_and(past)
    })
}

/// Whether a sweep's match opens the sentence with a quantifier over a
/// definite set (`Most of the victims`, `All of those who`): one
/// occasion's people. A bare class (`Most rural counties scrapped theirs
/// years ago`) still sweeps, in the past too.
fn quantified_subject(matched: &str) -> bool {
    let mut w = matched
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .map(lower);
    matches!(w.next().as_deref(), Some("most" | "all"))
        && w.next().as_deref() == Some("of")
        && matches!(
            w.next().as_deref(),
            Some("the" | "these" | "those" | "its" | "their" | "his" | "her" | "our")
        )
}

/// Whether the clause a cause or reason opens at `end` is the writer's
/// own ("I grew up by the mill, which is why I went back", "because I
/// asked"): its subject is `I`, so the sentence tells the writer's story,
/// not a cause in the world. A columnist's `we` ("because we are following
/// the wrong leaders") speaks for the public and is left to the signal.
fn writers_own_consequence(text: &str, end: usize) -> bool {
    text[end..].split_whitespace().next().is_some_and(|w| {
        let w = w.trim_end_matches([',', '.', ';']);
        w == "I" || ["I'", "I’"].iter().any(|p| w.starts_with(p))
    })
}

/// The first signal in `text` that is not exempt, preferring one that
/// stands on its own to one that needs the model's support. `past_never`:
/// every `never` in the sentence tells of one past occasion
/// ([`never_in_past`]), so a `never` is no sweep. `past_main`: the main
/// clause is in the simple past ([`main_verb_in_past`]), so a quantified
/// subject (`Most of the victims were …`, `Every passenger was …`) counts
/// one occasion's people and is no sweep.
fn strongest_signal(text: &str, dated: bool, past_never: bool, past_main: bool) -> Option<Found> {
    // The signals that match, in list order.
    let hits = SIGNALS.set.hits(text);
    let mut matched = hits
        .candidates
        .iter()
        .filter(|&i| SIGNALS.set.is_match(i, text, &hits))
        .peekable();
    matched.peek()?;
    let first_person = FIRST_PERSON.is_match(text);
    let mut found = matched.filter_map(|i| {
        let kind = SIGNALS.kinds[i];
        if kind.observable() && (first_person || dated) || kind == Signal::Stat && dated {
            return None;
        }
        if kind == Signal::Sweep {
            let m = SIGNALS.set.regex(i).find(text)?;
            if about_one_subject(&text[..m.start()], m.as_str())
                || hedged(&text[..m.start()])
                || past_never && lower(m.as_str()).ends_with("never")
                || past_main && quantified_subject(m.as_str())
                || text[m.end()..].starts_with('-')
                || never_unstated(&text[..m.start()], m.as_str(), &text[m.end()..])
            {
                return None;
            }
        }
        if matches!(kind, Signal::Cause | Signal::Reason)
            && writers_own_consequence(text, SIGNALS.set.regex(i).find(text)?.end())
        {
            return None;
        }
        if kind == Signal::Rank {
            let m = SIGNALS.set.regex(i).find(text)?;
            let last = m.as_str().rsplit(' ').next().unwrap_or_default();
            // "not the only sport that …" denies the ranking it names.
            if MONTHS.contains(&last) || hedged(&text[..m.start()]) {
                return None;
            }
        }
        Some(Found {
            kind,
            gated: SIGNALS.gated[i],
        })
    });
    // A signal that stands on its own wins over one that needs the model.
    let first = found.next()?;
    if first.needs_model() {
        Some(found.find(|k| !k.needs_model()).unwrap_or(first))
    } else {
        Some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claim signals' literals are all in the automaton `build.rs`
    /// built, and the prefilter finds the same candidates with it as with
    /// one built at run time (see `lexicon::automaton`).
    #[test]
    fn signals_prebuilt_automaton_finds_as_built() {
        let patterns: Vec<String> = (0..SIGNALS.set.len())
            .map(|i| SIGNALS.set.pattern(i).to_owned())
            .collect();
        let texts = crate::lexicon::prefilter::corpus_texts();
        let with =
            crate::lexicon::prefilter::assert_prebuilt_finds_as_built(&patterns, false, &texts);
        assert!(with > 1000, "only {with} texts with a candidate");
        assert!(SIGNALS.set.is_prebuilt());
    }

    #[test]
    fn signals_compile() {
        assert_eq!(SIGNALS.set.len(), SIGNALS.kinds.len());
        assert_eq!(SIGNALS.set.len(), SIGNALS.gated.len());
        // A third field is `model` or nothing: a misspelt flag would
        // silently leave its entry ungated.
        for row in crate::lexicon::table("claim-signals") {
            assert!(
                row.len() == 2 || row.len() == 3 && row[2] == "model",
                "{row:?}"
            );
        }
        assert!(SIGNALS.gated.iter().any(|&g| g));
        assert!(SIGNALS.set.len() > 20);
        // Exact patterns compile lazily; make every one compile here.
        for i in 0..SIGNALS.set.len() {
            SIGNALS.set.regex(i);
        }
        // Nearly every signal is found through its literals, not a gate.
        let gated = (0..SIGNALS.set.len())
            .filter(|&i| !SIGNALS.set.has_literals(i))
            .count();
        assert!(gated <= 3, "{gated} signals have no literal to search for");
        DAY_ANCHOR.exact();
        FIRST_PERSON.exact();
    }

    #[test]
    fn compile_matchers_compiles_every_signal_that_needs_a_regex() {
        compile_matchers();
        for i in 0..SIGNALS.set.len() {
            assert!(
                SIGNALS.set.is_whole_words(i) || SIGNALS.set.is_compiled(i),
                "signal {i} left to the first check"
            );
        }
    }

    /// Every signal's literals were read by `build.rs` (a fresh process
    /// does not parse the patterns for them), and they are what the engine
    /// reads itself: this fails when the build and the engine build a
    /// signal's pattern differently.
    #[test]
    fn the_signals_literals_are_read_at_build_time() {
        assert!(SIGNALS.set.len() > 50);
        for i in 0..SIGNALS.set.len() {
            let p = SIGNALS.set.pattern(i);
            assert!(crate::lexicon::literals_prebuilt(p), "{p}");
        }
    }

    /// Every DFA `build.rs` determinized as a decider is a claim signal
    /// the engine searches with a regex or an entry of the vague sources
    /// searched on its own (a stale or differently built pattern would be
    /// dead weight in the binary), and most such signals have one.
    #[test]
    fn the_signals_deciders_are_the_engines() {
        let patterns: Vec<&str> = (0..SIGNALS.set.len())
            .filter(|&i| !SIGNALS.set.is_whole_words(i))
            .map(|i| SIGNALS.set.pattern(i))
            .collect();
        let entries = crate::lexicon::split_entries();
        let prebuilt = crate::lexicon::prebuilt_deciders();
        for p in &prebuilt {
            assert!(
                patterns.contains(p) || entries.iter().any(|e| e == p),
                "{p} is no signal and no split entry"
            );
        }
        let split = prebuilt.iter().filter(|p| !patterns.contains(p)).count();
        assert!(
            split * 10 >= entries.len() * 9,
            "{split} of {}",
            entries.len()
        );
        let signals = prebuilt.len() - split;
        assert!(
            signals * 10 >= patterns.len() * 8,
            "{signals} of {}",
            patterns.len()
        );
    }

    /// The prefilter never hides a match, and a whole-word signal decided
    /// by its literals alone agrees with its regex: over every line of the
    /// long benchmark draft, in three casings.
    #[test]
    fn prefilter_keeps_every_match() {
        let draft = include_str!("../../../../benches/data/draft-10k.md");
        let mut matched = 0;
        for line in draft.lines() {
            for text in [line.to_owned(), line.to_uppercase(), line.to_lowercase()] {
                let hits = SIGNALS.set.hits(&text);
                for i in 0..SIGNALS.set.len() {
                    let is = SIGNALS.set.regex(i).is_match(&text);
                    matched += usize::from(is);
                    assert!(
                        !is || hits.candidates.contains(i),
                        "signal {i} matches {text:?}"
                    );
                    assert_eq!(
                        SIGNALS.set.is_match(i, &text, &hits),
                        is,
                        "signal {i}, {text:?}"
                    );
                }
            }
        }
        assert!(matched > 100, "only {matched} matches: the draft changed?");
    }

    /// A signal's `find` (the forward lazy DFA for the end, the
    /// backtracker or PikeVM for the start; `lexicon::Forward::find`) is
    /// `regex`'s, over every line of the long benchmark draft in three
    /// casings, with curly quotes and without; and it builds no whole regex.
    #[test]
    fn signals_find_what_regex_finds() {
        let draft = include_str!("../../../../benches/data/draft-10k.md");
        let regexes: Vec<regex::Regex> = (0..SIGNALS.set.len())
            .map(|i| regex::Regex::new(SIGNALS.set.regex(i).pattern()).unwrap())
            .collect();
        let mut found = 0;
        for line in draft.lines() {
            let straight = line.replace(['’', '‘'], "'").replace(['“', '”'], "\"");
            for text in [
                line.to_owned(),
                line.to_uppercase(),
                line.to_lowercase(),
                straight,
            ] {
                for (i, want) in regexes.iter().enumerate() {
                    let want = want.find(&text).map(|m| m.range());
                    found += usize::from(want.is_some());
                    let got = SIGNALS.set.regex(i).find(&text).map(|m| m.range());
                    assert_eq!(got, want, "signal {i} on {text:?}");
                }
            }
        }
        assert!(found > 100, "only {found} matches: the draft changed?");
        for i in 0..SIGNALS.set.len() {
            assert!(!SIGNALS.set.regex(i).has_full(), "signal {i}");
        }
    }
}
