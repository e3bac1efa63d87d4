//! The shared analysis every rule reads: per block, its sentences (with the
//! source cue each one carries, if any) and its quotations.
//!
//! Stages, per block: [`quotes`] → [`sentences`] → [`words`] → [`cues`];
//! then, over all blocks, [`speakers`] (each cue's speaker as a noun phrase
//! with its kind, each quotation's [`Verdict`]).
//! Each is a pure function of the markup and the stages before it; this
//! module holds their types and the one entry, [`analyze`], that the full
//! and the incremental check share. Nothing here knows of rules or config.
//!
//! The linguistic layer, [`tokens`], is read through the analysis:
//! [`Analysis::tokens`] gives a sentence's tokens (UPOS, finite or not,
//! tense, number; absolute byte spans) and [`Analysis::chunks`] its noun
//! phrases with their heads. Each sentence is tagged at most once, the
//! first time anything (a cue, a rule, a fix) asks, and never if nothing
//! does; a rule reads the tags, it never re-tags or re-derives them.
//!
//! ```
//! use copydesk::analysis::{analyze, tokens::Upos};
//! use copydesk::lexicon::Verbs;
//! let text = "The mayor said the budget was final.";
//! let a = analyze(text, copydesk::Format::Markdown, Verbs::builtin());
//! let s = &a.blocks[0].sentences[0];
//! let said = a.tokens(s).iter().find(|t| &text[t.span.as_range()] == "said");
//! assert!(said.is_some_and(|t| t.upos == Upos::Verb && t.is_finite_verb()));
//! let subject = &a.chunks(s)[0];
//! assert_eq!(&text[subject.span.as_range()], "The mayor");
//! ```

use crate::lexicon::Verbs;
use crate::markup::{Block, BlockKind, Document};
use crate::span::Span;

pub mod claim;
pub mod claim_shapes;
pub mod cues;
pub mod language;
pub mod quotes;
pub mod register;
pub mod sentences;
pub mod speakers;
pub mod tokens;
pub mod words;

use quotes::Scanned;

/// Who or what a sentence names as the source of what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributionKind {
    /// A named person or body: `Smith said`, `according to the CDC`.
    Named,
    /// A pronoun: `she said`, `they told reporters`.
    Pronoun,
    /// A described but unnamed source: `a source said`, `officials said`.
    Anonymous,
    /// A document or link: `the report shows`, `[a filing](…)`, `[^1]`.
    Document,
}

/// A source cue found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// The cue in the source (`Pompeo said`, `according to the department`).
    pub span: Span,
    /// The cue is only a link or footnote on the sentence.
    pub from_link: bool,
    /// Who speaks: the noun phrase and its kind (see [`speakers`]); `None`
    /// when the cue names nobody readable.
    pub speaker: Option<Speaker>,
}

/// The one who speaks in an attribution, or who a quotation is by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speaker {
    /// The noun phrase (`Gov. Pat McCrory`, `a senior official`, `she`,
    /// `the report`), absolute byte offsets.
    pub span: Span,
    pub kind: SpeakerKind,
    /// A group (`neighbours`, `two local shop owners`): a plural common
    /// noun or a count above one. A group does not source a quotation in
    /// the first person singular, in the clear form only (see
    /// `speakers::group_for_one`): tagging noise (`Her words: “I …”`,
    /// `Crooks` read as a plural noun) must not cost real speakers.
    pub plural: bool,
}

/// What kind of speaker a noun phrase is, read from its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    /// A person's name: `Maria Lopez`, `Gov. Pat McCrory`.
    Person,
    /// A pronoun: `she`, `they`.
    Pronoun,
    /// A role: `the mayor`, `a spokeswoman`.
    Role,
    /// A body: `the department`, `the CDC`, `Acme Corp.`.
    Organisation,
    /// A document or link: `the report`, `[a filing](…)`, `[^1]`.
    Document,
    /// Described but unnamed: `a senior official`, `two people familiar`.
    Anonymous,
}

/// Whether and how a quotation is sourced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verdict {
    /// In a heading, a table cell or a footnote: not judged.
    #[default]
    NotJudged,
    /// Nobody is named: what `quote.unsourced` flags (if an utterance).
    Unsourced,
    Sourced(QuoteSource),
}

/// Where a quotation's speaker is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSource {
    /// The block and the sentence (index in that block) that name the
    /// speaker: their `attribution` is the cue, for a name label or a
    /// signature line the block itself.
    pub block: usize,
    pub sentence: usize,
    pub how: How,
    /// The speaker, when the cue names one.
    pub speaker: Option<Speaker>,
}

/// How a quotation's source is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A cue in the quotation's own sentence.
    SameSentence,
    /// The next sentence opens with the speaker (`“…” Conway claimed …`).
    NextSentence,
    /// A cue in the sentence before, in the same paragraph.
    PreviousSentence,
    /// The previous paragraph's last sentence names the speaker or
    /// introduces the quotation.
    PreviousParagraph,
    /// A block that is only a name over the quotation (`SEN. WARREN`).
    NameLabel,
    /// The signature line of its block quote (`— Maria Lopez`).
    Signature,
    /// A dash after the quotation, ending its paragraph, names who said it
    /// (`“…” — State Sen. Wade Corliss, in a campaign video`).
    DashTag,
    /// It continues a quotation run left open: the run's source.
    Continues,
    /// An interview laid out as questions and answers: an answer is the
    /// interviewee's, a question the interviewer's (not judged).
    Interview,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Ends with `:` (an introduction, e.g. `Hollis read a statement:`).
    pub ends_with_colon: bool,
    /// The cue in the sentence outside its quotations, if any.
    pub attribution: Option<Attribution>,
    /// A vague stand-in for a source (`studies show`), if any.
    pub vague_source: Option<Span>,
    /// The stand-in is the subject of the sentence's own document cue
    /// ("Research … has consistently found"): vague unless a cue earlier
    /// in the paragraph carries the account.
    pub vague_document: bool,
    /// Tokens and noun phrases, tagged on first use: read them through
    /// [`Analysis::tokens`], [`Analysis::chunks`] or [`Analysis::tagged`].
    pub tags: tokens::Tags,
    /// The claim assessment, computed on first use: read it through
    /// [`Analysis::claim`].
    pub claim: claim::Cell,
    /// Who puts out a text in the sentence (`The office sent a statement
    /// that read, “…”`), read by every quotation in or after it: computed
    /// once, as a paragraph of a thousand quotations asks a thousand times.
    pub(crate) issued: Memo<Option<Speaker>>,
}

/// Which marks enclose a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMarks {
    Double,
    Single,
    /// A Markdown block quote (`>`) without quotation marks of its own.
    BlockQuote,
    /// An interview answer set without quotation marks, from a layout whose
    /// interviewee is never named: the paragraph (after an `A:` label) is
    /// someone's words all the same. Made only for such answers, which are
    /// unsourced (see [`speakers`]).
    Answer,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark (or the end of the block).
    pub span: Span,
    /// The words between the marks.
    pub inner: Span,
    pub marks: QuoteMarks,
    /// The closing mark is missing: the quote runs on into the next block.
    pub runs_on: bool,
    /// This quote continues an unclosed quote from the previous block.
    pub continues: bool,
    /// It continues an unsourced quotation run whose opening is flagged:
    /// one quotation, one finding (the guide marks the run's opening).
    pub in_flagged_run: bool,
    /// Index of the sentence (in the block) where the quote starts.
    pub sentence: usize,
    /// An utterance to source, not a term, a title or a fragment woven
    /// into the sentence (see [`speakers::is_utterance`]).
    pub utterance: bool,
    /// Whether and by whom it is sourced (see [`speakers`]).
    pub verdict: Verdict,
    /// Its words are confidently not English (see [`language`]): a
    /// quotation left in the original, not flagged. Judged only for the
    /// utterances left unsourced; `false` elsewhere.
    pub foreign: bool,
}

impl Quote {
    /// Whether `quote.unsourced` flags it: an utterance left unsourced, in
    /// English, and not the continuation of a run already flagged.
    pub fn flagged(&self) -> bool {
        self.utterance
            && self.verdict == Verdict::Unsourced
            && !self.foreign
            && !self.in_flagged_run
    }
}

/// The analysis of one block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BlockAnalysis {
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    /// Whether the block's prose outside its quotations is confidently not
    /// English (see [`language`]); judged on first use through
    /// [`Analysis::is_foreign_block`], never if no rule asks.
    pub foreign: Foreign,
}

/// A block's language verdict, computed at most once.
pub type Foreign = Memo<bool>;

/// A value computed from its owner's own text at most once, the first time
/// something asks (a sentence's tags, its claim assessment, a block's
/// language). Two memos are equal whatever they hold: the value is a pure
/// function of the text, so whether it was computed yet never makes two
/// analyses differ.
#[derive(Debug, Clone)]
pub struct Memo<T>(std::sync::OnceLock<T>);

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo(std::sync::OnceLock::new())
    }
}

impl<T> PartialEq for Memo<T> {
    fn eq(&self, _: &Memo<T>) -> bool {
        true
    }
}

impl<T> Eq for Memo<T> {}

impl<T> Memo<T> {
    /// The value, computing it now if nothing has yet.
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }

    /// The value if something has computed it.
    pub fn get(&self) -> Option<&T> {
        self.0.get()
    }
}

/// Everything the rules read.
pub struct Analysis<'a> {
    pub source: &'a str,
    pub doc: Document,
    pub blocks: Vec<BlockAnalysis>,
    /// Whether each block is an interviewee's or a transcript speaker's
    /// words ([`speakers::spoken_blocks`]); read on first use.
    pub spoken: Memo<Vec<bool>>,
}

impl<'a> Analysis<'a> {
    /// Whether block `i` is an interviewee's or a transcript speaker's
    /// words, not the story's own prose (the layout is read once, over
    /// the whole document, the first time a rule asks).
    pub fn is_spoken_block(&self, i: usize) -> bool {
        self.spoken
            .get_or_init(|| speakers::spoken_blocks(&self.doc, &self.blocks))
            .get(i)
            .copied()
            .unwrap_or(false)
    }

    /// The prose text under a span (markup blanked).
    pub fn text(&self, span: Span) -> &str {
        self.doc.text(span)
    }

    /// A sentence's tokens (see [`tokens`]), tagged now if nothing has yet.
    pub fn tokens<'s>(&self, sentence: &'s Sentence) -> &'s [tokens::Token] {
        &self.tagged(sentence).tokens
    }

    /// A sentence's noun phrases, in order, with their heads.
    pub fn chunks<'s>(&self, sentence: &'s Sentence) -> &'s [tokens::Chunk] {
        &self.tagged(sentence).chunks
    }

    /// A sentence's tokens and noun phrases together.
    pub fn tagged<'s>(&self, sentence: &'s Sentence) -> &'s tokens::Tagged {
        sentence.tags.get_or_tag(&self.doc.prose, sentence.span)
    }

    /// Whether block `i`'s prose outside its quotations is confidently not
    /// English: claim and promotion rules skip such a block. Judged on
    /// first call (a pass of the language identifier), then remembered.
    pub fn is_foreign_block(&self, i: usize) -> bool {
        let (Some(block), Some(ba)) = (self.doc.blocks.get(i), self.blocks.get(i)) else {
            return false;
        };
        *ba.foreign.get_or_init(|| {
            let text = outside_quotes(
                self.text(block.span),
                block.span,
                ba.quotes.iter().map(|q| q.span),
            );
            language::is_foreign(&text)
        })
    }

    /// The index of the block holding byte offset `at`, if any.
    pub fn block_at(&self, at: usize) -> Option<usize> {
        let i = self
            .doc
            .blocks
            .partition_point(|b| b.span.start <= at)
            .checked_sub(1)?;
        (self.doc.blocks[i].span.end >= at).then_some(i)
    }

    /// Blocks with their analyses, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Block, &BlockAnalysis)> {
        self.doc
            .blocks
            .iter()
            .zip(&self.blocks)
            .enumerate()
            .map(|(i, (b, a))| (i, b, a))
    }
}

/// Run the analysis stages over a document, with the reporting verbs in
/// force (the built-in list and a newsroom's extras).
pub fn analyze<'a>(source: &'a str, format: crate::Format, verbs: Verbs<'_>) -> Analysis<'a> {
    let doc = Document::parse(source, format);
    let blocks = analyze_blocks(&doc, verbs);
    Analysis {
        source,
        doc,
        blocks,
        spoken: Memo::default(),
    }
}

/// The analysis of every block; `verbs` are the reporting verbs in force
/// (the built-in list and a newsroom's extras).
pub fn analyze_blocks(doc: &Document, verbs: Verbs<'_>) -> Vec<BlockAnalysis> {
    crate::meter::analysed(doc.blocks.len());
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut run_on: Option<QuoteMarks> = None;
    let verbs = cues::VerbIndex::new(verbs, &doc.prose);
    let mut scratch = Scratch::default();
    for block in &doc.blocks {
        let analysis = analyze_block(doc, block, run_on, &verbs, &mut scratch);
        run_on = analysis
            .quotes
            .last()
            .filter(|q| q.runs_on)
            .map(|q| q.marks);
        out.push(analysis);
    }
    speakers::resolve(doc, &mut out);
    // Only a quotation the quote rule would flag is worth identifying.
    for q in out.iter_mut().flat_map(|ba| &mut ba.quotes) {
        if q.utterance && q.verdict == Verdict::Unsourced {
            q.foreign = language::is_foreign(doc.text(q.inner));
        }
    }
    out
}

fn analyze_block(
    doc: &Document,
    block: &Block,
    run_on: Option<QuoteMarks>,
    verbs: &cues::VerbIndex<'_>,
    scratch: &mut Scratch,
) -> BlockAnalysis {
    let text = doc.text(block.span);
    let base = block.span.start;
    let mut scanned = std::mem::take(&mut scratch.scanned);
    let mut spans = std::mem::take(&mut scratch.spans);
    quotes::scan_into(text, base, &mut scanned);
    sentences::split_into(text, base, &scanned, &mut spans);
    let sentences: Vec<Sentence> = spans
        .iter()
        .map(|&s| cues::sentence(doc, block, s, &scanned, verbs, &mut scratch.cues))
        .collect();
    // Sentences come in order: the last one starting at or before `at`.
    let sentence_of = |at: usize| spans.partition_point(|s| s.start <= at).saturating_sub(1);
    let mut quotes: Vec<Quote> = scanned
        .iter()
        .map(|q| Quote {
            span: q.span,
            inner: q.inner,
            marks: q.marks,
            runs_on: q.runs_on,
            continues: false,
            in_flagged_run: false,
            sentence: sentence_of(q.span.start),
            utterance: false,
            verdict: Verdict::NotJudged,
            foreign: false,
        })
        .collect();
    if let (Some(marks), Some(first)) = (run_on, quotes.first_mut()) {
        if first.span.start == block.span.start && first.marks == marks {
            first.continues = true;
        }
    }
    // A block quote with no quotation marks of its own is itself the
    // quotation; not a callout box opened by a bold label (`> **How we
    // test:** I used …`, `> **Editor's note:** …`), the outlet's own voice.
    if block.quote_depth > 0
        && quotes.is_empty()
        && block.kind == BlockKind::Paragraph
        && !cues::is_attribution_line(text)
        && !callout(doc, block)
    {
        quotes.push(Quote {
            span: block.span,
            inner: block.span,
            marks: QuoteMarks::BlockQuote,
            runs_on: false,
            continues: false,
            in_flagged_run: false,
            sentence: 0,
            utterance: false,
            verdict: Verdict::NotJudged,
            foreign: false,
        });
    }
    scratch.scanned = scanned;
    scratch.spans = spans;
    BlockAnalysis {
        sentences,
        quotes,
        foreign: Foreign::default(),
    }
}

/// A paragraph opened by a short bold label ending in a colon (`**How we
/// test:**`, `**Disclosure**:`) and going on after it, as a callout box
/// opens.
fn callout(doc: &Document, block: &Block) -> bool {
    let Some(lead) = block.strong_lead.filter(|b| b.end < block.span.end) else {
        return false;
    };
    let label = doc.text(Span::new(block.span.start, lead.end.max(block.span.start)));
    let after = doc.text(Span::new(lead.end, block.span.end));
    let label = label.trim_end();
    let colon = label.ends_with(':') || after.starts_with(':');
    let label = label.trim_end_matches(':');
    colon
        && (1..=4).contains(&label.split_whitespace().count())
        && label.starts_with(char::is_uppercase)
        && !label.contains(['“', '"', '”'])
}

/// Buffers kept from block to block and sentence to sentence.
#[derive(Default)]
struct Scratch {
    scanned: Vec<Scanned>,
    spans: Vec<Span>,
    cues: cues::Scratch,
}

/// A sentence's text (`text`, at `span`) with the parts inside the given
/// quotations blanked to spaces: what the reporter says, not the speaker.
/// Same length as `text`, so offsets carry over.
/// Borrowed when no quotation overlaps the span (most sentences).
pub fn outside_quotes(
    text: &str,
    span: Span,
    quotes: impl IntoIterator<Item = Span>,
) -> std::borrow::Cow<'_, str> {
    let mut quotes = quotes.into_iter().filter(|q| q.overlaps(span)).peekable();
    if quotes.peek().is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for q in quotes {
        let s = q.start.max(span.start) - span.start;
        let e = q.end.min(span.end) - span.start;
        if let Some(run) = bytes.get_mut(s..e) {
            run.iter_mut().for_each(|b| *b = b' ');
        }
    }
    // Quotation spans sit on character boundaries, so this stays UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}
