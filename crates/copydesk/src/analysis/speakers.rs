//! Who speaks: every attribution's speaker as a noun phrase with its kind,
//! and every quotation's verdict (sourced by which sentence and speaker, or
//! not).
//!
//! The cue stage marks the word where a cue's speaker stands (`Pompeo` in
//! `Pompeo said`, `the` in `said the department`); this stage widens it to
//! its noun phrase from the tagger's chunks (`Secretary of State Mike
//! Pompeo`, `the department`) and tells its [`SpeakerKind`] from the
//! phrase's head. Then it gives each quotation its [`Verdict`]: the quote
//! rule flags the utterances left [`Verdict::Unsourced`], and `sources`,
//! fixes and hover read the same verdicts instead of judging again.
//!
//! Runs after every block is analysed: a verdict can depend on the block
//! before (a speaker carried across paragraphs, a run-on quotation) and on
//! a block quote's signature line anywhere in it.

use std::sync::LazyLock;

use super::cues::RELATIVES;
use super::tokens::{Chunk, Tagged, Upos};
use super::{
    AttributionKind, BlockAnalysis, How, Quote, QuoteMarks, QuoteSource, Sentence, Speaker,
    SpeakerKind, Verdict,
};
use crate::lexicon::lower;
use crate::markup::{Block, BlockKind, Document};
use crate::span::Span;

/// Described but unnamed sources (`an official`, `one person familiar`).
static ANONYMOUS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("anonymous-nouns"));
/// Heads of phrases that name a document, not a person (`the report`).
static DOCUMENT_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("document-nouns"));
/// Heads of phrases that name a body (`the department`, `Acme Corp.`).
static ORGANISATION_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("organisation-nouns"));
/// Nouns that introduce a quoted text (`Her words:`), not a group.
static INTRO_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("intro-nouns"));
/// Small words that stay lowercase in a title ("The Diary of a Young Girl").
static TITLE_SMALL_WORDS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("title-small-words"));
/// Works whose title may stand in apposition (`The paper, “…,”`).
static TITLED_WORKS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("titled-works"));
/// Roles a transcript labels turns with (`**Caller:**`): no names.
static ROLE_LABELS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("role-labels"));
/// Makers of a work before `of` and its title (`the author of “…”`).
static WORK_MAKERS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("work-makers"));
/// Words before a quotation that make it a title, not speech.
static TITLE_CUES: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("title-cues"));
/// Verbs that put a question or a request to someone (`asked`): the
/// quotation after them answers in another voice.
static EXCHANGE_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("exchange-verbs"));
/// Interview labels: the interviewer's (`Q:`) and the interviewee's (`A:`).
static QUESTION_LABELS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("question-labels"));
static ANSWER_LABELS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("answer-labels"));
/// Verbs of praise and naming that report what someone said of a thing
/// (`hailed as`, `dubbed`), beside the reporting verbs.
static PRAISE_VERBS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("praise-verbs"));
/// Words that open a phrase for someone unidentified (`one woman`).
static INDEFINITE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("indefinite-determiners"));
/// Words that open a phrase pointing back to people the story named
/// (`the`, `its`, `these`): `[definite-words]`.
static DEFINITE_WORDS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("definite-words"));
/// Pronouns that stand for what a paragraph just said (`denied that`):
/// `[back-pronouns]`.
static BACK_PRONOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("back-pronouns"));
/// Verbs of a crowd's voice rather than a statement (`shouted`,
/// `cheered`): `[crowd-voice-verbs]`.
static CROWD_VOICE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("crowd-voice-verbs"));
/// Heads that make an unnamed speaker one who speaks for a body.
static SPEAKS_FOR: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("speaks-for-nouns"));
/// Nouns that count a group (`a lot of`, `a handful of`).
static QUANTITY_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("quantity-nouns"));
/// Words after an unnamed speaker's phrase that describe the source.
static DESCRIBED: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("described-source-words"));
/// Words that deny a verb (`not`, `n’t`, `never`).
pub(crate) static NEGATIONS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("negations"));
/// Negative words that deny a verb as its object (`said nothing`).
static NEGATIVE_OBJECTS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("negative-objects"));
/// Words that speak as a group (`we`, `us`, `our`).
static FIRST_PERSON_PLURAL: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("first-person-plural"));
/// Words before a noun for a work whose title stands in apposition (`The
/// paper, “…,”`).
static TITLE_DETERMINERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("title-determiners"));
/// Pronouns that stand for a thing or a group, not one person (`it`,
/// `they`).
static GROUP_PRONOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("group-pronouns"));
/// Speakers that stand for a thing, not a person (`it`, `its`, `this one`).
static THING_SPEAKERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("thing-speakers"));

/// Modals that make a speech verb imagined (`can hear her say`, `he’ll
/// say`).
static IRREALIS_MODALS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("irrealis-modals"));
/// Adverbs that make such a modal narrate what did happen (`would later`).
static NARRATED_FUTURE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("narrated-future-adverbs"));
/// Subjects that speak for anyone (`you`).
static GENERIC: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("generic-speakers"));
/// Subjects that stand for whoever might speak (`anyone who says “…”`).
static FREE_CHOICE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("free-choice-speakers"));

/// Pronouns that make a sentence's subject the voice of a quotation set
/// in parentheses after it (`She talked about it (“…”)`).
static ASIDE_PRONOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("aside-pronouns"));
/// Words a parenthesis may hold after its quotation (`, July 5, Page A6`).
const ASIDE_TAIL_WORDS: usize = 8;

/// Pronouns that point to a person (`his`, `she`, `them`).
static PERSON_PRONOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("person-pronouns"));
/// Pronouns for one person spoken of (`he`, `her`): `[third-person-one]`.
static THIRD_PERSON_ONE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("third-person-one"));
/// Words in a relative clause that say why its source goes unnamed (`who
/// asked not to be named`).
static ANONYMITY: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("anonymity-words"));
/// Month names, as written (`March 26, 1992`); they name no one (`June`
/// is not a speaker before `she`).
static MONTHS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("month-names"));
/// Words that head a phrase for nobody in particular (`someone`,
/// `anyone`): a speech tag with one for its subject names no speaker.
static NOBODY: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("not-speakers"));
/// Parts of a work an apposition may name a quotation as (`the opening
/// of`, `the refrain of`).
static WORK_LINES: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("work-line-nouns"));
/// Nouns for a question a sentence gives as its content (`The question I
/// get most is: "…?"`).
static QUESTION_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("question-nouns"));
/// Nouns for a rule or a saying a sentence gives as its subject's content
/// (`The club's first rule is "…"`).
static MAXIM_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("maxim-nouns"));
/// Things that carry written words (`a sign`, `placards`): their words are
/// sourced by them, and nobody speaks them.
static INSCRIPTIONS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("inscription-nouns"));
/// Verbs by which such a thing shows its words (`signs that read`).
/// Words that make a quotation a chant (`[chant-words]`).
static CHANT_WORDS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("chant-words"));
static INSCRIPTION_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("inscription-verbs"));

/// Widens each cue's speaker to its noun phrase and gives it a kind, then
/// judges every quotation.
pub(super) fn resolve(doc: &Document, blocks: &mut [BlockAnalysis]) {
    for ba in blocks.iter_mut() {
        for s in &mut ba.sentences {
            let Some(mut a) = s.attribution else {
                continue;
            };
            let Some(anchor) = a.speaker.filter(|sp| sp.kind != SpeakerKind::Document) else {
                continue;
            };
            let tagged = s.tags.get_or_tag(&doc.prose, s.span);
            a.speaker = Some(speaker_at(doc, tagged, anchor.span, a.kind));
            s.attribution = Some(a);
        }
    }
    judge(doc, blocks);
}

/// The noun phrase around the word at `at`, with its kind.
fn speaker_at(doc: &Document, tagged: &Tagged, at: Span, cue: AttributionKind) -> Speaker {
    let chunk = tagged
        .token_at(at.start)
        .and_then(|i| antecedent(doc, tagged, i).or_else(|| tagged.chunk_of(i)))
        .map(|c| aged(doc, tagged, c))
        .filter(|c| {
            c.span.start <= at.start && at.end <= c.span.end.max(at.end) || c.span.end <= at.start
        });
    let Some(c) = chunk else {
        let word = doc.text(at);
        let kind = match cue {
            AttributionKind::Pronoun => SpeakerKind::Pronoun,
            AttributionKind::Anonymous => SpeakerKind::Anonymous,
            AttributionKind::Document => SpeakerKind::Document,
            AttributionKind::Named if starts_upper(word) => SpeakerKind::Person,
            AttributionKind::Named => SpeakerKind::Role,
        };
        return Speaker {
            span: at,
            kind,
            plural: false,
        };
    };
    let tokens = c.tokens(&tagged.tokens);
    let head = &tagged.tokens[c.head];
    let head_text = lower(doc.text(head.span));
    let has = |list: &[&str]| list.contains(&&*head_text);
    let named = tokens
        .iter()
        .any(|t| t.upos == Upos::Propn && !super::tokens::is_date_word(doc.text(t.span)));
    let kind = if head.upos == Upos::Pron {
        if has(&ANONYMOUS) {
            SpeakerKind::Anonymous
        } else {
            SpeakerKind::Pronoun
        }
    } else if cue == AttributionKind::Document && !named || has(&DOCUMENT_NOUNS) {
        // A person's name before a verb of findings (`Georgina Chapman
        // reveals that …`) is still a person.
        SpeakerKind::Document
    } else if has(&ORGANISATION_NOUNS) || is_acronym(doc.text(head.span)) {
        SpeakerKind::Organisation
    } else if named {
        SpeakerKind::Person
    } else if has(&ANONYMOUS) {
        SpeakerKind::Anonymous
    } else {
        SpeakerKind::Role
    };
    // A plural head or a count above one (`two local shop owners`).
    // Names ending in -s (`Crooks`, `Woods`) and `they` are not groups.
    let plural = head.upos == Upos::Noun
        && (head.is_plural()
            || tokens
                .iter()
                .any(|t| t.upos == Upos::Num && !matches!(&*lower(doc.text(t.span)), "one" | "1")));
    Speaker {
        span: c.span,
        kind,
        plural,
    }
}

/// The phrase an age in apposition stands for (`Kowal` in `Kowal, 68, a
/// retired bus driver, tells the story`): a phrase of a number alone,
/// between commas right after a noun phrase, is that phrase's age, and
/// the phrase is the speaker.
fn aged<'t>(doc: &Document, tagged: &'t Tagged, c: &'t Chunk) -> &'t Chunk {
    let t = &tagged.tokens;
    let comma = |i: usize| t.get(i).is_some_and(|w| doc.text(w.span) == ",");
    let number = c.first + 1 == c.end && t[c.first].upos == Upos::Num;
    if !number || c.first < 2 || !comma(c.first - 1) || !comma(c.end) {
        return c;
    }
    tagged
        .chunk_of(c.first - 2)
        .filter(|p| p.end + 1 == c.first)
        .unwrap_or(c)
}

/// The phrase a relative pronoun stands for (`One poll worker` in `One
/// poll worker who worked the count sent us this:`, `a reader` in `from a
/// reader who emailed us:`): the relative clause's subject is the one who
/// speaks, described by the clause.
fn antecedent<'t>(doc: &Document, tagged: &'t Tagged, i: usize) -> Option<&'t Chunk> {
    let w = tagged.tokens.get(i)?;
    if w.upos != Upos::Pron || !RELATIVES.contains(&&*lower(doc.text(w.span))) {
        return None;
    }
    let mut j = i.checked_sub(1)?;
    if doc.text(tagged.tokens[j].span) == "," {
        j = j.checked_sub(1)?;
    }
    tagged.chunk_of(j).filter(|c| c.end == j + 1)
}

/// A person named at `span`.
fn person(span: Span) -> Speaker {
    Speaker {
        span,
        kind: SpeakerKind::Person,
        plural: false,
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `CDC`, `FBI`, `NATO`: an organisation by its initials.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// A cue that sources a quotation. A bare link on the sentence does not: it
/// sources a claim, but says nothing of who spoke.
fn attributed(s: &Sentence) -> bool {
    s.attribution.is_some_and(|a| !a.from_link)
}

/// A cue that names a speaker (not a document).
fn names_speaker(s: &Sentence) -> bool {
    s.attribution.is_some_and(|a| {
        a.kind != AttributionKind::Document
            || a.speaker
                .is_some_and(|sp| matches!(sp.kind, SpeakerKind::Person | SpeakerKind::Pronoun))
    })
}

/// The sentence after a quotation opens with its speaker (`“…” Conway claimed that …`).
fn opens_with_speaker(n: &Sentence) -> bool {
    n.attribution.is_some_and(|a| {
        !a.from_link
            && a.kind != AttributionKind::Document
            && a.span.start.saturating_sub(n.span.start) <= 40
    })
}

/// A block that is only a name (`Hillary Clinton`, `SEN. WARREN`): a speaker
/// label over the quotation that follows, as in captions and transcripts.
fn is_name_label(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && !text.trim_end().ends_with(['.', '!', '?', ':'])
        && words.iter().all(|w| starts_upper(w))
}

/// A line set as a headline or a segment's title, opened by a quotation
/// and followed by a colon or a dash (`'People want it to be true': Inside
/// the growing influence of …`, `[27:55] "Is my saved seed illegal?" —
/// what home gardeners need to know`): a list of stories or an episode's
/// contents, not a quotation in prose. Only a label with no words (a
/// timestamp, a number) may stand before it, and the line ends without a
/// full stop, as headlines do; nor does the quotation, which a sentence of
/// speech signed by a dash does (`“…, and we will fight it.” — overheard
/// at the bus stop`).
fn headline_line(doc: &Document, block: &Block, q: &Quote) -> bool {
    let lead = doc.text(Span::new(
        block.span.start,
        q.span.start.max(block.span.start),
    ));
    let text = doc.text(block.span).trim_end();
    matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
        && !lead.contains(char::is_alphabetic)
        && labels_a_story(doc, block, q)
        && !text.ends_with('.')
        && !doc.text(q.inner).trim_end().ends_with('.')
        && text.split_whitespace().nth(30).is_none()
}

/// A colon or a dash and words after the quotation: the quotation stands
/// over a story as its label (`‘I paid $11 to park for nine minutes’:
/// Riverton’s new parking app is not going well`), and the story below
/// says whose words they are.
fn labels_a_story(doc: &Document, block: &Block, q: &Quote) -> bool {
    let after = doc.text(Span::new(q.span.end, block.span.end.max(q.span.end)));
    after
        .trim_start()
        .strip_prefix([':', '—', '–'])
        .or_else(|| after.trim_start().strip_prefix("- "))
        .is_some_and(|rest| rest.contains(char::is_alphabetic))
}

/// Quotations in headings, table cells and footnotes are not judged.
fn judged(block: &Block) -> bool {
    !(block.in_footnote || matches!(block.kind, BlockKind::Heading(_) | BlockKind::TableCell))
}

/// Gives every quotation its verdict and says whether it is an utterance.
fn judge(doc: &Document, blocks: &mut [BlockAnalysis]) {
    // Block quotes (by id) and the block of their signature line.
    let signed: Vec<(u32, usize)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| super::cues::is_attribution_line(doc.text(b.span)))
        .filter_map(|(i, b)| b.block_quote.map(|id| (id, i)))
        .collect();
    // Blocks that are an embedded post's credit line (`— Name (@handle)`),
    // as the claim rules and the incremental checker's cuts read them.
    let credits: Vec<bool> = doc
        .blocks
        .iter()
        .zip(blocks.iter())
        .map(|(b, ba)| super::claim::credit_line(doc, b, ba) == super::claim::CreditLine::Handle)
        .collect();
    let turns = interview_turns(doc, blocks);
    // An answer is the interviewee's only when the story names someone
    // to answer: a layout that names nobody outside its turns gives its
    // answers' quotations no speaker.
    let interviewee_named = !turns.contains(&Turn::Answer) || names_anyone(doc, blocks, &turns);
    let unnamed_answer = unnamed_answers(doc, blocks, &turns, interviewee_named);
    // The source of the quotation run open at the end of the previous block.
    let mut run: Option<QuoteSource> = None;
    // Whether that run is unsourced and flagged at its opening.
    let mut flagged_run = false;
    // The paragraph that introduces the list the block is an item of (the
    // block before its first item), kept as the items go by.
    let mut list_intro: Option<usize> = None;
    for i in 0..blocks.len().min(doc.blocks.len()) {
        let block = &doc.blocks[i];
        let follows_item = i > 0 && doc.blocks[i - 1].kind == BlockKind::ListItem;
        if block.kind != BlockKind::ListItem {
            list_intro = None;
        } else if !follows_item {
            list_intro = i.checked_sub(1);
        }
        let (before, rest) = blocks.split_at_mut(i);
        let Some((ba, after)) = rest.split_first_mut() else {
            break;
        };
        let sentences = &ba.sentences;
        for q in &mut ba.quotes {
            q.utterance = q.marks == QuoteMarks::BlockQuote && !q.inner.is_empty()
                || is_utterance(doc.text(q.inner))
                    && !is_title(doc.text(Span::new(block.span.start, q.span.start)))
                    && !is_citation(
                        doc.text(Span::new(block.span.start, q.span.start)),
                        doc.text(Span::new(q.span.end, block.span.end.max(q.span.end))),
                    )
                || said_by_nobody(doc, block, sentences, q)
                || said_by_the_faceless(doc, sentences, q);
            q.utterance &= !headline_line(doc, block, q);
            q.utterance &= !run_in_head(doc, block, q);
        }
        // Words a sign or a label shows, or a text's content after `that`,
        // are nobody's speech; a quotation joined to one by `and` (`signs
        // that read “…” and “…”`) too.
        let mut shown: Option<(usize, usize)> = None;
        for q in &mut ba.quotes {
            // In one sentence: a quotation after the sign's words and a full
            // stop (`signs reading "Cut from the top." “Start with your own
            // salaries!” someone yelled`) is someone's speech again.
            let joined = shown.is_some_and(|(sentence, end)| {
                let between = doc.text(Span::new(end, q.span.start.max(end)));
                sentence == q.sentence
                    && matches!(
                        between.trim_matches(|c: char| c.is_whitespace() || c == ','),
                        "" | "and" | "or"
                    )
            });
            if joined
                || inscribed(doc, sentences, q)
                || chanted(doc, sentences, q)
                || text_content(doc, sentences, q)
                || posed_question(doc, sentences, q)
                || stated_maxim(doc, sentences, q)
                || named_as_a_line(doc, sentences, q)
                || subject_of_its_sentence(doc, sentences, q)
            {
                q.utterance = false;
                shown = Some((q.sentence, q.span.end));
            } else {
                shown = None;
            }
        }
        if matches!(block.kind, BlockKind::Heading(_)) {
            let unsourced: Vec<bool> = ba
                .quotes
                .iter()
                .map(|q| {
                    heading_quote_unlabelled(doc, block, ba, q)
                        && !repeated_elsewhere(doc, q, before, after)
                        && !answered_in_interview(doc, q, &turns)
                })
                .collect();
            for (q, u) in ba.quotes.iter_mut().zip(unsourced) {
                if u {
                    q.verdict = Verdict::Unsourced;
                }
            }
        }
        if !judged(block) {
            run = None;
            flagged_run = false;
            continue;
        }
        // The interviewer's questions are the publication's own words,
        // not quotations to source.
        if turns.get(i) == Some(&Turn::Question) {
            for q in &mut ba.quotes {
                q.utterance = false;
                q.verdict = Verdict::Sourced(QuoteSource {
                    block: i,
                    sentence: q.sentence,
                    how: How::Interview,
                    speaker: None,
                });
            }
            run = None;
            flagged_run = false;
            continue;
        }
        let prev = i
            .checked_sub(1)
            .filter(|&p| !matches!(doc.blocks[p].kind, BlockKind::Heading(_)))
            .and_then(|p| Some((p, before[p].sentences.len().checked_sub(1)?)));
        let mut open_run = run;
        let mut verdicts = Vec::with_capacity(ba.quotes.len());
        for q in &ba.quotes {
            // Its cue was found and names nobody who identifies a speaker.
            let mut unnamed = false;
            // A quotation that continues an unsourced run can still name
            // its own speaker (`“This amendment would gut the bill,”
            // DiDomenico claimed`).
            let source = if q.continues && open_run.is_some() {
                open_run.map(|s| QuoteSource {
                    how: How::Continues,
                    ..s
                })
            } else {
                source_of(doc, before, ba, i, q, prev, (&signed, &credits))
                    .or_else(|| {
                        // A later item of a list takes the source its
                        // introduction gives (`Ruiz listed her promises:`),
                        // as the first item does.
                        let intro = list_intro.filter(|_| follows_item)?;
                        let last = before[intro].sentences.len().checked_sub(1)?;
                        let s = &before[intro].sentences[last];
                        (s.ends_with_colon
                            && !matches!(doc.blocks[intro].kind, BlockKind::Heading(_)))
                        .then_some(())?;
                        source_of(
                            doc,
                            before,
                            ba,
                            i,
                            q,
                            Some((intro, last)),
                            (&signed, &credits),
                        )
                    })
                    .filter(|src| {
                        let cued = if src.block == i {
                            ba.sentences.get(src.sentence)
                        } else {
                            before
                                .get(src.block)
                                .and_then(|b| b.sentences.get(src.sentence))
                        };
                        let cue = cued.and_then(|s| s.attribution).map(|a| a.span);
                        // The sentence before the cue's, for `they`.
                        let earlier = if src.sentence > 0 {
                            (if src.block == i {
                                Some(&*ba)
                            } else {
                                before.get(src.block)
                            })
                            .and_then(|b| b.sentences.get(src.sentence - 1))
                        } else {
                            src.block
                                .checked_sub(1)
                                .and_then(|p| before.get(p))
                                .and_then(|b| b.sentences.last())
                        };
                        // Words its own sentence gives to a faceless crowd
                        // (`Critics call it “…”`) are not the speaker's of
                        // the sentence before.
                        let nobody = said_by_the_faceless(doc, &ba.sentences, q)
                            || cue.is_some_and(|cue| {
                                group_for_one(doc, src, cue, q)
                                    || they_for_group(doc, src, earlier, q)
                            })
                            || thing_for_one(doc, src, cued, q)
                            || role_labelled(doc, cued, src.speaker)
                            || cued.is_some_and(|s| nobody_speaks(doc, s, src.speaker))
                            || src
                                .speaker
                                .is_some_and(|sp| pronoun_for_no_one(doc, before, ba, sp, q.span))
                            || cued.is_some_and(|s| {
                                // An interviewee's answer vouches for whom it
                                // quotes (`One editor told me, “…”`), in its
                                // own paragraph: a quotation standing alone
                                // after `One tester wrote on the feedback
                                // form:` is the unnamed one's.
                                (matches!(turns.get(i), Some(Turn::Prose) | None)
                                    && !opens_with_label(doc, block, ba)
                                    || src.block != i)
                                    && (unnamed_individual(doc, s, src.speaker, q)
                                        || lone_indefinite(doc, s, earlier)
                                        || heard_from_unnamed(doc, s, src.speaker))
                                    || src.how == How::PreviousParagraph
                                        && no_one_for(doc, s, src.speaker, q)
                            });
                        unnamed = nobody;
                        !nobody
                    })
            };
            // An answer in an interview layout is the interviewee's, not
            // the interviewer's carried from the question before; a
            // quotation after a transcript turn is the turn's speaker's.
            let source = match prev.and_then(|(pb, _)| Some((pb, turns.get(pb)?))) {
                // Unless the turn ends giving it to an unnamed one.
                Some((pb, Turn::Labelled(label)))
                    if q.sentence == 0 && !q.continues && !unnamed && !unheld_role(doc, *label) =>
                {
                    source.filter(|s| s.block == i).or(Some(QuoteSource {
                        block: pb,
                        sentence: 0,
                        how: How::NameLabel,
                        speaker: Some(person(*label)),
                    }))
                }
                _ => source.filter(|s| {
                    s.how != How::PreviousParagraph || turns.get(s.block) != Some(&Turn::Question)
                }),
            };
            // Its own tag gives it to nobody (`“…!” someone yelled from the
            // back row after Ruiz said …`): no other cue is its speaker.
            let source = source.filter(|_| !tagged_by_nobody(doc, &ba.sentences, q));
            let source = source.or_else(|| {
                let (how, speaker) = match turns.get(i)? {
                    // Not one the answer gave to an unnamed one (`One
                    // tester wrote on the feedback form:`).
                    // Nor one in a section whose introduction says the
                    // outlet asked unnamed ones (`We put a few more
                    // questions to bee experts`).
                    Turn::Answer
                        if !unnamed
                            && interviewee_named
                            && unnamed_answer.get(i) != Some(&true)
                            && !of_the_interviewee(doc, block, q) =>
                    {
                        (How::Interview, None)
                    }
                    Turn::Labelled(label) if !unheld_role(doc, *label) => {
                        (How::NameLabel, Some(person(*label)))
                    }
                    _ => return None,
                };
                Some(QuoteSource {
                    block: i,
                    sentence: q.sentence,
                    how,
                    speaker,
                })
            });
            let source = source
                .or_else(|| aside_of_subject(doc, ba, i, q))
                .or_else(|| as_clause_speaker(doc, before, ba, i, q))
                .or_else(|| dash_label(doc, block, ba, i, q));
            if q.runs_on {
                open_run = source;
            }
            verdicts.push(source);
        }
        run = ba.quotes.last().filter(|q| q.runs_on).and(open_run);
        for (q, v) in ba.quotes.iter_mut().zip(verdicts) {
            q.verdict = v.map_or(Verdict::Unsourced, Verdict::Sourced);
            // A paragraph that only carries on a quotation whose opening
            // is flagged is the same quotation: one finding asks for its
            // speaker.
            q.in_flagged_run = q.continues && flagged_run && q.verdict == Verdict::Unsourced;
            // Speech nobody made, or words its owner is named beside:
            // there is no speaker left to name. Nor are words the story
            // already quoted, picked out again to dwell on: their speaker
            // is the earlier quotation's.
            if q.verdict == Verdict::Unsourced
                && (ba
                    .sentences
                    .get(q.sentence)
                    .is_some_and(|s| imagined(doc, s, q) || owned_fragment(doc, block, q))
                    || requoted(doc, q, before))
            {
                q.utterance = false;
            }
        }
        flagged_run = ba
            .quotes
            .last()
            .is_some_and(|q| q.runs_on && q.utterance && q.verdict == Verdict::Unsourced);
        // An answer in plain type by an interviewee the story never names
        // is a quotation with no speaker, as a quoted one would be.
        if unnamed_answer.get(i) == Some(&true) {
            if let Some(q) = unquoted_answer(doc, block, ba) {
                let at = ba.quotes.partition_point(|o| o.span.start <= q.span.start);
                ba.quotes.insert(at, q);
            }
        }
    }
}

/// A paragraph of an interview's answers that is only a quotation
/// speaking of a `he` or `she` and never in the first person singular
/// (`"She doesn't sell to people she doesn't like. You have to audition
/// for her."` among the answers of a violin maker who answers as `I`):
/// someone else's words about the interviewee, whose speaker the answer
/// does not give.
fn of_the_interviewee(doc: &Document, block: &Block, q: &Quote) -> bool {
    let text = doc.text(block.span).trim();
    let inner = doc.text(q.inner);
    q.marks != QuoteMarks::BlockQuote
        && doc.text(q.span).trim() == text
        && !first_person_singular(inner)
        && inner
            .split(|c: char| !c.is_alphabetic())
            .any(|w| matches!(&*lower(w), "he" | "she"))
}

/// Whether a cue's speaker is a word that names nobody (`[not-speakers]`:
/// `And another, from someone who signed off only as “a tired foster
/// mom”:`), not described as a source (`someone familiar with the talks`,
/// `someone who asked not to be named`).
fn nobody_speaks(doc: &Document, s: &Sentence, speaker: Option<Speaker>) -> bool {
    let Some(sp) = speaker else {
        return false;
    };
    if !NOBODY.contains(&&*lower(doc.text(sp.span).trim())) {
        return false;
    }
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    !t.tokens.iter().any(|w| {
        let w = lower(doc.text(w.span));
        DESCRIBED.contains(&&*w) || ANONYMITY.contains(&&*w)
    })
}

/// Verbs with which an introduction says whom the outlet asked
/// (`data/words.txt`, `[interview-verbs]`).
static INTERVIEW_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("interview-verbs"));

/// Verbs that put questions to someone (`data/words.txt`,
/// `[question-put-verbs]`).
static QUESTION_PUT_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("question-put-verbs"));

/// Whether each block is an interview answer whose interviewee the story
/// leaves unnamed: in a story that names nobody outside its turns, or in a
/// section (from a heading) whose introduction, before its first question,
/// says the outlet asked an unnamed one (`We also spoke with one of
/// Rivera's current students`, `We asked a few visitors …`), whoever the
/// rest of the story names.
fn unnamed_answers(
    doc: &Document,
    blocks: &[BlockAnalysis],
    turns: &[Turn],
    interviewee_named: bool,
) -> Vec<bool> {
    let n = turns.len().min(blocks.len()).min(doc.blocks.len());
    let mut out = vec![false; n];
    let (mut section_unnamed, mut asked) = (false, false);
    // Prose of the story's own before the answer, which could have named
    // the interviewee: a run of turns alone (a fragment, a page of
    // questions) may name them elsewhere.
    let mut prose = false;
    for i in 0..n {
        let block = &doc.blocks[i];
        if matches!(block.kind, BlockKind::Heading(_)) {
            (section_unnamed, asked) = (false, false);
            continue;
        }
        match turns[i] {
            Turn::Question => asked = true,
            Turn::Answer => out[i] = !interviewee_named && prose || section_unnamed,
            Turn::Prose if judged(block) => {
                prose = true;
                section_unnamed |=
                    !asked && blocks[i].sentences.iter().any(|s| asks_unnamed(doc, s));
            }
            _ => {}
        }
    }
    out
}

/// Whether a sentence says the outlet asked someone it does not name: an
/// interview verb whose object (after `with`, `to`) opens with an
/// indefinite word or a number and names no one in it or beside it (`one
/// of Rivera's current weekend students`, `a few of this summer's
/// visitors`; not `Jane Doe, 54`, nor `a teacher, Maria Lopez`, nor `a few
/// questions of Mayor Ruiz`).
fn asks_unnamed(doc: &Document, s: &Sentence) -> bool {
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let w = &t.tokens;
    let word = |i: usize| lower(doc.text(w[i].span));
    (0..w.len()).any(|k| {
        let puts = QUESTION_PUT_VERBS.contains(&&*word(k));
        if w[k].upos != Upos::Verb || !INTERVIEW_VERBS.contains(&&*word(k)) && !puts {
            return false;
        }
        if puts {
            return put_to_unnamed(doc, w, k);
        }
        let m = if w.get(k + 1).is_some_and(|x| x.upos == Upos::Adp) {
            k + 2
        } else {
            k + 1
        };
        if m >= w.len() || w[m].upos != Upos::Num && !INDEFINITE.contains(&&*word(m)) {
            return false;
        }
        // The object: its noun phrase and `of` phrases after it.
        let end = (m..w.len())
            .find(|&j| {
                let in_phrase = matches!(
                    w[j].upos,
                    Upos::Det | Upos::Num | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Part
                );
                let of = w[j].upos == Upos::Adp && word(j) == "of";
                !in_phrase && !of
            })
            .unwrap_or(w.len());
        // A name, not a possessive's (`Rivera's students`).
        let named = (m..end)
            .any(|j| w[j].upos == Upos::Propn && w.get(j + 1).is_none_or(|x| x.upos != Upos::Part));
        let apposed = end + 1 < w.len()
            && doc.text(w[end].span) == ","
            && matches!(w[end + 1].upos, Upos::Propn);
        !named && !apposed && (m..end).any(|j| w[j].upos == Upos::Noun)
    })
}

/// Questions put to someone (`We put a few more reader questions to bee
/// experts`, `We sent a handful of your questions to working
/// locksmiths`): a question noun in the verb's object, then `to` and the
/// one asked, a plain plural or an indefinite phrase naming no one (not
/// `to Mayor Ruiz`, nor `to his daughter, Ines Rook`).
fn put_to_unnamed(doc: &Document, w: &[super::tokens::Token], k: usize) -> bool {
    let word = |i: usize| lower(doc.text(w[i].span));
    let object_end = (k + 1..w.len().min(k + 9))
        .find(|&j| matches!(w[j].upos, Upos::Punct | Upos::Verb))
        .unwrap_or(w.len().min(k + 9));
    let Some(to) = (k + 1..object_end)
        .find(|&j| QUESTION_NOUNS.contains(&&*word(j)) && j + 1 < w.len() && word(j + 1) == "to")
        .map(|j| j + 1)
    else {
        return false;
    };
    let from = to + 1;
    // Up to the next punctuation or preposition: the tagger takes a noun
    // modifier for a verb at times (`to bee experts`).
    let until = (from..w.len())
        .find(|&j| {
            matches!(
                w[j].upos,
                Upos::Punct | Upos::Adp | Upos::Cconj | Upos::Sconj | Upos::Pron
            )
        })
        .unwrap_or(w.len());
    let opens_unnamed =
        from < until && (w[from].upos != Upos::Det || INDEFINITE.contains(&&*word(from)));
    let named = (from..until).any(|j| w[j].upos == Upos::Propn);
    let apposed = until + 1 < w.len()
        && doc.text(w[until].span) == ","
        && matches!(w[until + 1].upos, Upos::Propn);
    opens_unnamed && !named && !apposed && (from..until).any(|j| w[j].upos == Upos::Noun)
}

/// An answer paragraph as a quotation of its own, [`QuoteMarks::Answer`]:
/// after its `A:` label (not a speaker's, which names one), a person's
/// words outside its own quotations, some in the first person (`I slept 10
/// hours after my first class`; an FAQ's impersonal answers are the
/// outlet's, `Tuesdays, from 8 a.m.`), when none of its quotations is
/// already flagged.
fn unquoted_answer(doc: &Document, block: &Block, ba: &BlockAnalysis) -> Option<Quote> {
    let text = doc.text(block.span);
    let labelled = interview_label(text) == Some(false);
    if block.kind != BlockKind::Paragraph
        || ba.sentences.is_empty()
        || !labelled && answer_label(doc, block, ba)
        || ba.quotes.iter().any(Quote::flagged)
    {
        return None;
    }
    let start = if labelled {
        let lead = text.len() - text.trim_start().len();
        lead + text[lead..].find([':', '.'])? + 1
    } else {
        0
    };
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = text.trim_end().len().max(start);
    let inner = Span::new(block.span.start + start, block.span.start + end);
    let mut outside = String::new();
    let mut at = inner.start;
    for q in &ba.quotes {
        if q.span.start > at {
            outside.push_str(doc.text(Span::new(at, q.span.start.min(inner.end))));
            outside.push(' ');
        }
        at = at.max(q.span.end);
    }
    if at < inner.end {
        outside.push_str(doc.text(Span::new(at, inner.end)));
    }
    (outside.split_whitespace().nth(3).is_some() && first_person_singular(&outside)).then_some(
        Quote {
            span: block.span,
            inner,
            marks: QuoteMarks::Answer,
            runs_on: false,
            continues: false,
            in_flagged_run: false,
            sentence: 0,
            utterance: true,
            verdict: Verdict::Unsourced,
            foreign: false,
        },
    )
}

/// A quotation set in parentheses as an aside to a sentence about a
/// person (`Ruiz talked about the budget at length (“We have cut
/// everything we can cut”) before the vote`): the words are the subject's,
/// given as an example of what the sentence says they did. A parenthesis
/// that is a sentence of its own (`… the ledger, whose entries she uses as
/// epigraphs. (“March 4, 1987. …”)`) is an aside to the sentence before.
/// The subject is the sentence's first noun phrase outside quotations and
/// not after a preposition: a name, or `he`, `she`, `I`.
fn aside_of_subject(
    doc: &Document,
    ba: &BlockAnalysis,
    block: usize,
    q: &Quote,
) -> Option<QuoteSource> {
    let s = ba.sentences.get(q.sentence)?;
    let lead = doc.text(Span::new(s.span.start, q.span.start.max(s.span.start)));
    // The quotation may hold sentences of its own: read to the block's end.
    let end = doc.blocks.get(block).map_or(q.span.end, |b| b.span.end);
    if !lead.trim_end().ends_with('(') {
        return None;
    }
    let rest = doc.text(Span::new(q.span.end, end.max(q.span.end)));
    // The aside closes before any new bracket or quotation opens: stop at
    // the first of them, so a paragraph of many quotations is read once
    // per quotation only as far as its next mark, not to the block's end.
    let close = rest.find([')', '(', '“', '"'])?;
    if !rest[close..].starts_with(')') || words_of(&rest[..close]).nth(ASIDE_TAIL_WORDS).is_some() {
        return None;
    }
    // The parenthesis alone makes the sentence: the sentence before has
    // the subject.
    let alone = lead.trim() == "(" && rest[close + 1..].trim().len() <= 1;
    let (si, subject_of) = if alone {
        let si = q.sentence.checked_sub(1)?;
        (si, ba.sentences.get(si)?)
    } else {
        (q.sentence, s)
    };
    let t = subject_of.tags.get_or_tag(&doc.prose, subject_of.span);
    let outside = |c: &&Chunk| {
        !ba.quotes
            .iter()
            .any(|o| o.span.start <= c.span.start && c.span.start < o.span.end)
    };
    let c = t
        .chunks
        .iter()
        .filter(outside)
        .filter(|c| c.first == 0 || t.tokens[c.first - 1].upos != Upos::Adp)
        .find(|c| c.span.end <= q.span.start)?;
    let head = &t.tokens[c.head];
    let has_name = |c: &Chunk| {
        c.tokens(&t.tokens)
            .iter()
            .any(|w| w.upos == Upos::Propn && !super::tokens::is_date_word(doc.text(w.span)))
    };
    // Or a name set beside it between commas (`Their father, Augustin,`).
    let apposed = t.tokens.get(c.end).is_some_and(|w| doc.text(w.span) == ",")
        && t.chunks
            .iter()
            .find(|n| n.first == c.end + 1)
            .is_some_and(|n| {
                has_name(n) && t.tokens.get(n.end).is_some_and(|w| doc.text(w.span) == ",")
            });
    let named = has_name(c) || apposed;
    let kind = if head.upos == Upos::Pron {
        ASIDE_PRONOUNS
            .contains(&&*lower(doc.text(head.span)))
            .then_some(SpeakerKind::Pronoun)?
    } else if named && !head.is_plural() {
        SpeakerKind::Person
    } else {
        return None;
    };
    Some(QuoteSource {
        block,
        sentence: si,
        how: if si == q.sentence {
            How::SameSentence
        } else {
            How::PreviousSentence
        },
        speaker: Some(Speaker {
            span: c.span,
            kind,
            plural: false,
        }),
    })
}

/// Verbs that stand for speech in an `as` clause (`as Trump did — “…”`).
static AS_CLAUSE_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("as-clause-verbs"));
/// Words for the words said, after such a clause's verb (`put it`).
static AS_CLAUSE_OBJECTS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("as-clause-objects"));

/// A quotation introduced by an `as` clause whose subject is a person
/// (`As Lopez put it, “…”`, `If you ask yourself, as President Trump did
/// — “…”`, `As she once wrote: “…”`): the clause, opening its sentence or
/// set off after a comma or a dash, says whose words follow. Its verb is
/// a reporting verb or one that stands for it (`did`), with at most a
/// word for the words (`it`, `so`) after it, and only a comma, a colon
/// or a dash between it and the quotation. Its subject is a name or
/// `he`, `she`, `I` that stands for someone; a clause of a thing or a
/// crowd (`As prices rose, “…”`, `as the crowd did —`) or of another
/// verb (`As she left, “…”`) names no speaker.
fn as_clause_speaker(
    doc: &Document,
    before: &[BlockAnalysis],
    ba: &BlockAnalysis,
    block: usize,
    q: &Quote,
) -> Option<QuoteSource> {
    let s = ba.sentences.get(q.sentence)?;
    if q.span.start <= s.span.start {
        return None;
    }
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let text = |i: usize| doc.text(t.tokens[i].span);
    // Back from the quotation over the punctuation that introduces it.
    let mut k = t.tokens.partition_point(|w| w.span.end <= q.span.start);
    let mut marks = 0;
    while k > 0 && matches!(text(k - 1), "," | ":" | "—" | "–" | "-" | "--") {
        k -= 1;
        marks += 1;
    }
    if marks == 0 || k == 0 {
        return None;
    }
    if AS_CLAUSE_OBJECTS.contains(&&*lower(text(k - 1))) {
        k -= 1;
    }
    let v = k.checked_sub(1)?;
    let verb = lower(text(v));
    let speaks = crate::lexicon::Verbs::builtin().use_of(&verb).is_some()
        || AS_CLAUSE_VERBS.contains(&&*verb);
    if !speaks || !matches!(t.tokens[v].upos, Upos::Verb | Upos::Aux) {
        return None;
    }
    // Adverbs between the subject and its verb (`as she once wrote`).
    let mut e = v;
    while e > 0 && t.tokens[e - 1].upos == Upos::Adv {
        e -= 1;
    }
    let c = t.chunk_of(e.checked_sub(1)?).filter(|c| c.end == e)?;
    let a = c.first.checked_sub(1)?;
    if !text(a).eq_ignore_ascii_case("as") {
        return None;
    }
    let opens_clause =
        a == 0 || t.tokens[a - 1].upos == Upos::Punct || t.tokens[a - 1].upos == Upos::Cconj;
    if !opens_clause {
        return None;
    }
    let head = &t.tokens[c.head];
    let named = c
        .tokens(&t.tokens)
        .iter()
        .any(|w| w.upos == Upos::Propn && !super::tokens::is_date_word(doc.text(w.span)));
    let kind = if head.upos == Upos::Pron {
        ASIDE_PRONOUNS
            .contains(&&*lower(doc.text(head.span)))
            .then_some(SpeakerKind::Pronoun)?
    } else if named && !head.is_plural() {
        SpeakerKind::Person
    } else {
        return None;
    };
    let speaker = Speaker {
        span: c.span,
        kind,
        plural: false,
    };
    if pronoun_for_no_one(doc, before, ba, speaker, q.span) {
        return None;
    }
    Some(QuoteSource {
        block,
        sentence: q.sentence,
        how: How::SameSentence,
        speaker: Some(speaker),
    })
}

/// Speech the sentence only imagines or asks about: a bare verb after a
/// modal or `do` (`Maybe they’ll say, “…”`, `Did you really just say
/// “…”`, `one can almost hear Hillary say, “…”`), a passive or a copula
/// under a modal (`would be told, “…”`, `would’ve been “…”`), an
/// impersonal passive (`as it is often said, “…”`), the reader's words
/// (`If you’ve been wondering “…?”`), or a tag after the quotation in
/// the future (`“…,” he’ll say`). Nobody said the words, so nobody is to
/// be named. A habit (`used to say`) and a speech carried on (`went on
/// to say`) are not this: `to` is no auxiliary; nor is a modal that
/// narrates what did happen (`she would later say`).
fn imagined(doc: &Document, s: &Sentence, q: &Quote) -> bool {
    if q.span.start < s.span.start {
        return false;
    }
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    imagined_before(doc, t, q) || imagined_tag_after(doc, t, q)
}

/// The verb that introduces the quotation, right before it, is imagined.
fn imagined_before(doc: &Document, t: &Tagged, q: &Quote) -> bool {
    let mut i = t.tokens.partition_point(|w| w.span.end <= q.span.start);
    // Past the introduction's punctuation (`say, “…”`, `put it: “…”`).
    for _ in 0..2 {
        if i > 0 && t.tokens[i - 1].upos == Upos::Punct {
            i -= 1;
        }
    }
    // And past one object pronoun (`tell you, “…”`).
    if i > 1 && t.tokens[i - 1].upos == Upos::Pron && t.tokens[i - 2].upos == Upos::Verb {
        i -= 1;
    }
    // And past adverbs (`would be told essentially, “…”`).
    while i > 1 && t.tokens[i - 1].upos == Upos::Adv {
        i -= 1;
    }
    let Some(v) = i.checked_sub(1) else {
        return false;
    };
    // Its subject is whoever might speak (`anyone who can be heard
    // shouting`, `whoever says`): past the verb's auxiliaries, other verbs
    // of its chain (`be heard`) and a relative `who`.
    // (The tagger may read a speech verb's -ing form before a name as a
    // noun: `shouting “Bill …”`.)
    let speech = |k: usize| {
        t.tokens[k].upos == Upos::Verb
            || crate::lexicon::REPORTING_VERBS.contains(&lower(doc.text(t.tokens[k].span)))
    };
    if speech(v) {
        let subject = (0..v).rev().find(|&k| {
            let w = &t.tokens[k];
            !matches!(w.upos, Upos::Aux | Upos::Adv | Upos::Part | Upos::Verb)
                && !lower(doc.text(w.span)).eq("who")
        });
        if subject.is_some_and(|k| FREE_CHOICE.contains(&&*lower(doc.text(t.tokens[k].span)))) {
            return true;
        }
    }
    let form = t.tokens[v].feats.verb_form;
    let participle = form == Some(copydesk_tagger::VerbForm::Part);
    // A copula's participle under a modal (`would’ve been “…”`).
    if t.tokens[v].upos != Upos::Verb && !(t.tokens[v].upos == Upos::Aux && participle) {
        return false;
    }
    let mut a = v;
    while a > 0 && t.tokens[a - 1].upos == Upos::Adv {
        a -= 1;
    }
    let Some(a) = a.checked_sub(1) else {
        return false;
    };
    let aux = |k: usize| t.tokens.get(k).is_some_and(|w| w.upos == Upos::Aux);
    let word = |k: usize| lower(doc.text(t.tokens[k].span));
    let irrealis = |k: usize| aux(k) && IRREALIS_MODALS.contains(&&*word(k));
    // The auxiliaries (and adverbs) right before `end`, nearest first.
    let chain = |end: usize| {
        (0..end)
            .rev()
            .take_while(|&k| matches!(t.tokens[k].upos, Upos::Aux | Upos::Adv))
    };
    // A modal in the chain, not one that narrates (`would later say`).
    let under_modal = |end: usize| {
        chain(end).any(irrealis) && !chain(end).any(|k| NARRATED_FUTURE.contains(&&*word(k)))
    };
    // The chain's subject is the reader (`you’ve been wondering`).
    let generic = |end: usize| {
        let first = chain(end).last().unwrap_or(end);
        first
            .checked_sub(1)
            .is_some_and(|k| t.tokens[k].upos == Upos::Pron && GENERIC.contains(&&*word(k)))
    };
    match form {
        // A modal or `do` right before the verb, or before the subject it
        // is inverted with in a question (`Would you say`); a modal over a
        // verb of perceiving whose object speaks (`can almost hear
        // Hillary say`).
        Some(copydesk_tagger::VerbForm::Inf) => {
            // The perceiving verb before the speaker's phrase.
            let perceived = (a.saturating_sub(4)..=a)
                .rev()
                .take_while(|&k| {
                    matches!(
                        t.tokens[k].upos,
                        Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Pron
                    )
                })
                .last()
                .and_then(|k| k.checked_sub(1))
                .filter(|&p| {
                    t.tokens[p].upos == Upos::Verb
                        && t.tokens[p].feats.verb_form == Some(copydesk_tagger::VerbForm::Inf)
                });
            aux(a)
                || matches!(t.tokens[a].upos, Upos::Pron | Upos::Propn)
                    && a.checked_sub(1).is_some_and(aux)
                || perceived.is_some_and(under_modal)
                || generic(v)
        }
        // `it is said`, `it has often been said`; `would be told`.
        Some(copydesk_tagger::VerbForm::Part) => {
            let mut k = a;
            while k > 0 && aux(k) && aux(k - 1) {
                k -= 1;
            }
            aux(a)
                && k.checked_sub(1)
                    .is_some_and(|k| doc.text(t.tokens[k].span).eq_ignore_ascii_case("it"))
                || under_modal(v)
                || generic(v)
        }
        _ => false,
    }
}

/// The quotation's tag after it speaks in the future or in a maybe (`“…,”
/// he’ll say`): a subject of a few words, a modal, a bare reporting verb,
/// and the sentence ends.
fn imagined_tag_after(doc: &Document, t: &Tagged, q: &Quote) -> bool {
    let mut i = t.tokens.partition_point(|w| w.span.start < q.span.end);
    let subject = t.tokens[i.min(t.tokens.len())..]
        .iter()
        .take(4)
        .take_while(|w| matches!(w.upos, Upos::Pron | Upos::Propn | Upos::Det | Upos::Noun))
        .count();
    if !(1..=3).contains(&subject) {
        return false;
    }
    i += subject;
    let word = |k: usize| lower(doc.text(t.tokens[k].span));
    let Some(m) = t.tokens.get(i) else {
        return false;
    };
    if m.upos != Upos::Aux || !IRREALIS_MODALS.contains(&&*word(i)) {
        return false;
    }
    i += 1;
    while t.tokens.get(i).is_some_and(|w| w.upos == Upos::Adv) {
        if NARRATED_FUTURE.contains(&&*word(i)) {
            return false;
        }
        i += 1;
    }
    t.tokens.get(i).is_some_and(|w| {
        w.upos == Upos::Verb
            && w.feats.verb_form == Some(copydesk_tagger::VerbForm::Inf)
            && crate::lexicon::REPORTING_VERBS.contains(&word(i))
    }) && t.tokens.get(i + 1).is_none_or(|w| w.upos == Upos::Punct)
}

/// A quotation right after a name's possessive (`Trump’s “very fine
/// people” remark`): words woven into the sentence, their owner named.
fn owned_fragment(doc: &Document, block: &Block, q: &Quote) -> bool {
    let before = doc
        .text(Span::new(
            block.span.start,
            q.span.start.max(block.span.start),
        ))
        .trim_end();
    let Some(owner) = before
        .strip_suffix("'s")
        .or_else(|| before.strip_suffix("’s"))
    else {
        return false;
    };
    owner
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .next()
        .is_some_and(starts_upper)
}

/// Whether a quotation in a headline (or a draft's first heading, `##
/// “Nobody on that board takes the bus”`) names no speaker of its own: an utterance with
/// a finite verb of its own (not a page's title, `revisions of “Journalism
/// and analysis about voters”`), no speech verb in the heading and no label
/// before it (`Residents: “…”`, `Mayor to riders: “…”`). From the heading
/// alone: the incremental check reads it to judge such a draft whole.
pub fn heading_quote_unlabelled(
    doc: &Document,
    block: &Block,
    ba: &BlockAnalysis,
    q: &Quote,
) -> bool {
    let lead = doc.text(Span::new(
        block.span.start,
        q.span.start.max(block.span.start),
    ));
    // A subhead between sections of a story (`## 'Where do we go?'` after
    // the headline and a few paragraphs) titles the section with words
    // from it, often said in it in other words: a label, not a quotation
    // (session 25: every such subhead in the labelled drafts is quiet).
    // The headline, or a draft's first heading, still is one.
    let title = matches!(block.kind, BlockKind::Heading(1))
        || !doc
            .blocks
            .iter()
            .take_while(|b| b.span.start < block.span.start)
            .any(|b| matches!(b.kind, BlockKind::Heading(_)));
    matches!(block.kind, BlockKind::Heading(_))
        && title
        && !block.in_footnote
        && q.utterance
        && !lead.contains(':')
        && !labels_a_story(doc, block, q)
        && lead.split_whitespace().nth(6).is_none()
        && ba.sentences.get(q.sentence).is_some_and(|s| {
            !attributed(s)
                && s.tags
                    .get_or_tag(&doc.prose, s.span)
                    .tokens
                    .iter()
                    .any(|t| q.inner.contains(t.span.start) && t.is_finite_verb())
        })
}

/// Whether the story quotes a heading's words again elsewhere, where it
/// says who spoke them (or is judged for not saying).
fn repeated_elsewhere(
    doc: &Document,
    q: &Quote,
    before: &[BlockAnalysis],
    after: &[BlockAnalysis],
) -> bool {
    let words = |span: Span| words_of(doc.text(span));
    let own: Vec<&str> = words(q.inner).collect();
    before.iter().chain(after).flat_map(|b| &b.quotes).any(|o| {
        let other: Vec<&str> = words(o.inner).collect();
        other
            .windows(own.len().max(1))
            .any(|w| w.iter().zip(&own).all(|(a, b)| a.eq_ignore_ascii_case(b)))
    })
}

/// Fewest words a quotation must have to count as repeating an earlier
/// one: shorter runs (`“Perceptions”`) are terms, judged as such.
const REQUOTE_WORDS: usize = 4;

/// Whether a quotation repeats words of a longer quotation in an earlier
/// paragraph (`“The FBI assesses it is very likely … perceptions of police
/// brutality …,”` then `“Perceptions of police brutality against African
/// Americans” … ain’t no perceptions`): the writer picks the words out
/// again to dwell on them, and the earlier quotation answers for them,
/// with its speaker or with its own finding.
fn requoted(doc: &Document, q: &Quote, before: &[BlockAnalysis]) -> bool {
    let own: Vec<&str> = words_of(doc.text(q.inner)).collect();
    own.len() >= REQUOTE_WORDS
        && before.iter().flat_map(|b| &b.quotes).any(|o| {
            let other: Vec<&str> = words_of(doc.text(o.inner)).collect();
            other.len() > own.len()
                && other
                    .windows(own.len())
                    .any(|w| w.iter().zip(&own).all(|(a, b)| a.eq_ignore_ascii_case(b)))
        })
}

/// Whether a heading's quotation is the interviewee's own words, given
/// in an answer of the interview below it (`# ‘I wrote the ending first’:
/// A conversation with …`, then `**OM:** Because I wrote the ending
/// first …`): the layout says who spoke them.
fn answered_in_interview(doc: &Document, q: &Quote, turns: &[Turn]) -> bool {
    let own: Vec<&str> = words_of(doc.text(q.inner)).collect();
    if own.is_empty() {
        return false;
    }
    turns
        .iter()
        .zip(&doc.blocks)
        .filter(|(t, _)| matches!(t, Turn::Answer | Turn::Labelled(_)))
        .any(|(_, b)| {
            let other: Vec<&str> = words_of(doc.text(b.span)).collect();
            other
                .windows(own.len())
                .any(|w| w.iter().zip(&own).all(|(a, b)| a.eq_ignore_ascii_case(b)))
        })
}

/// The words of a text, without its punctuation.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a quotation's words are a phrase woven into the sentence: they
/// open in lower case and run to five words or more.
fn woven_phrase(inner: &str) -> bool {
    inner
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_lowercase)
        && inner.split_whitespace().nth(4).is_some()
}

/// Words woven into the sentence after a speech verb in the passive with
/// no agent (`the doors were described as “a death trap that everybody
/// walked past”`, `It arrives already hailed as “the definitive American
/// Chekhov of the decade,”`): somebody said them, and nobody is named, so
/// they are a quotation to source like any other. A phrase of five words
/// or more, right after the participle (and `as`), with no `by` after it.
fn said_by_nobody(doc: &Document, block: &Block, sentences: &[Sentence], q: &Quote) -> bool {
    if !woven_phrase(doc.text(q.inner)) {
        return false;
    }
    let after = doc.text(Span::new(q.span.end, block.span.end.max(q.span.end)));
    let after = after.trim_start_matches(|c: char| !c.is_alphanumeric());
    if after.split_whitespace().next().is_some_and(|w| w == "by") {
        return false;
    }
    let Some(s) = sentences.get(q.sentence) else {
        return false;
    };
    if s.span.start > q.span.start {
        return false;
    }
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let before = t.tokens.partition_point(|w| w.span.end <= q.span.start);
    let mut words = t.tokens[..before]
        .iter()
        .rev()
        .filter(|w| w.upos != Upos::Punct);
    let mut w = words.next();
    if w.is_some_and(|w| lower(doc.text(w.span)) == "as") {
        w = words.next();
    }
    let Some(verb) = w else {
        return false;
    };
    let word = lower(doc.text(verb.span));
    let participle = verb.upos == Upos::Verb
        && verb.feats.verb_form == Some(copydesk_tagger::VerbForm::Part)
        && verb.feats.tense == Some(copydesk_tagger::Tense::Past);
    // Not a perfect (`she has called it`): that names its subject.
    let perfect = words
        .next()
        .is_some_and(|w| w.upos == Upos::Aux && lower(doc.text(w.span)).starts_with("ha"));
    participle
        && !perfect
        && (crate::lexicon::Verbs::builtin().use_of(&word).is_some()
            || PRAISE_VERBS.contains(&&*word))
}

/// Most words between a vague stand-in for a source and the fragment it
/// is given (`call it`, `said it was`, `describe the plan as`).
const FACELESS_GAP_WORDS: usize = 4;

/// Words woven into the sentence right after a vague stand-in for a
/// source (`Critics of the program call it “a subsidy for people who can
/// already afford it.”`, `Some even said it was “barely a step short of
/// open revolt.”`): somebody said them, and the sentence names only a
/// faceless crowd, so they are a quotation to source. A phrase of five
/// words or more, a few words after the stand-in.
fn said_by_the_faceless(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    if !woven_phrase(doc.text(q.inner)) {
        return false;
    }
    let Some(vague) = sentences.get(q.sentence).and_then(|s| s.vague_source) else {
        return false;
    };
    vague.end <= q.span.start
        && doc
            .text(Span::new(vague.end, q.span.start))
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            <= FACELESS_GAP_WORDS
}

/// Whether a speaker `he` or `she` has nothing before it in the document
/// (the headline included) that it could stand for: no noun or name at
/// all, only pronouns and the like (`“We're done,” she said.` opening a
/// story; the quotation's own words do not count). Conservative: any
/// noun before it, a thing's too, may be one.
fn pronoun_for_no_one(
    doc: &Document,
    before: &[BlockAnalysis],
    current: &BlockAnalysis,
    sp: Speaker,
    quote: Span,
) -> bool {
    if sp.kind != SpeakerKind::Pronoun || !matches!(&*lower(doc.text(sp.span)), "he" | "she") {
        return false;
    }
    let noun = |s: &Sentence| {
        s.span.start < sp.span.start
            && s.tags
                .get_or_tag(&doc.prose, s.span)
                .tokens
                .iter()
                // Its own sentence counts whole: a name after it may be
                // the one it stands for (`After he won, Trump said …`).
                .filter(|w| !(quote.start <= w.span.start && w.span.end <= quote.end))
                .any(|w| {
                    let word = doc.text(w.span);
                    w.upos == Upos::Noun
                        || w.upos == Upos::Propn
                            && word.chars().any(char::is_lowercase)
                            && !super::tokens::is_date_word(word)
                            && !MONTHS.contains(&word)
                })
    };
    !before
        .iter()
        .chain([current])
        .any(|b| b.sentences.iter().any(noun))
}

/// Whether the story names anyone outside its questions and answers (in
/// a headline, an intro, a byline, a name label): a word the tagger reads
/// as a proper noun with a lowercase letter in it (so `Q&A` or `FAQ` is
/// no one). Conservative: a place or a firm counts too.
fn names_anyone(doc: &Document, blocks: &[BlockAnalysis], turns: &[Turn]) -> bool {
    (0..blocks.len().min(doc.blocks.len()))
        .filter(|&i| !matches!(turns.get(i), Some(Turn::Answer | Turn::Question)))
        .any(|i| {
            matches!(turns.get(i), Some(Turn::Labelled(_)))
                || blocks[i].sentences.iter().any(|s| {
                    let t = s.tags.get_or_tag(&doc.prose, s.span);
                    t.tokens.iter().any(|w| {
                        let word = doc.text(w.span);
                        w.upos == Upos::Propn
                            && word.starts_with(char::is_uppercase)
                            && word.chars().any(char::is_lowercase)
                            && !super::tokens::is_date_word(word)
                    })
                })
        })
}

/// A block's part in an interview laid out as questions and answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    /// Outside an interview layout.
    Prose,
    /// The interviewer's question: `Q: …`, or a paragraph that is only a
    /// question (in print, usually set in bold).
    Question,
    /// The interviewee's answer: `A: …`, or a paragraph after a question,
    /// up to the next question or heading.
    Answer,
    /// A turn under a speaker's name, in a transcript where two paragraphs
    /// or more open with one (`Sebastian Gorka: No, not at all. …`): the
    /// name's span.
    Labelled(Span),
}

/// Whether a block opens with the interviewer's label (`Q:`,
/// `Question.`): the outlet asks, in its own words.
pub fn opens_question_turn(text: &str) -> bool {
    interview_label(text) == Some(true)
}

/// The label a block opens with, `Q:`, `A.`, `Question:` (lowercased),
/// if it is one of the interview labels, and whether it asks.
fn interview_label(text: &str) -> Option<bool> {
    let text = text.trim_start();
    // A label is at most 12 bytes: look for its mark no further (both
    // marks are ASCII, so the position is a character boundary).
    let end = text.as_bytes()[..text.len().min(13)]
        .iter()
        .position(|&b| b == b':' || b == b'.')?;
    let label = &text[..end];
    if label.is_empty() || label.len() > 12 || !text[end + 1..].starts_with(char::is_whitespace) {
        return None;
    }
    let label = lower(label);
    if QUESTION_LABELS.contains(&&*label) {
        Some(true)
    } else if ANSWER_LABELS.contains(&&*label) {
        Some(false)
    } else {
        None
    }
}

/// What a block, read alone, may be in an interview layout: the part of
/// [`interview_turns`] that needs no neighbour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TurnHint {
    /// Nothing: this block alone can make no layout.
    #[default]
    None,
    /// A question label (`Q:`) or a paragraph that is only a bold question.
    Question,
    /// An answer label (`A:`), which stands wherever it is.
    Answer,
    /// A speaker's name label (`Sebastian Gorka: …`).
    Name,
}

/// What `block` may be in an interview layout, from its own text and
/// tags (a bold question counts whatever its quotations, which the
/// whole document may read differently). The incremental check reads it (see [`makes_layout`]).
pub fn turn_hint(doc: &Document, block: &Block, ba: &BlockAnalysis) -> TurnHint {
    match interview_label(doc.text(block.span)) {
        Some(true) => TurnHint::Question,
        Some(false) => TurnHint::Answer,
        None if is_bold_question(doc, block) || is_plain_question(doc, block, ba) => {
            TurnHint::Question
        }
        None if name_label(doc, block, ba).is_some() => TurnHint::Name,
        None => TurnHint::None,
    }
}

/// Whether blocks with these hints may make an interview layout, in which
/// some block's turn is not prose: an answer label, two questions, or two
/// name labels ([`interview_turns`] needs one of these). Otherwise every
/// block is prose in the whole document and in any part of it, so parts
/// can be judged apart; a layout is judged over the whole document.
pub fn makes_layout(hints: impl IntoIterator<Item = TurnHint>) -> bool {
    let (mut questions, mut names) = (0, 0);
    for hint in hints {
        match hint {
            TurnHint::Answer => return true,
            TurnHint::Question => questions += 1,
            TurnHint::Name => names += 1,
            TurnHint::None => {}
        }
    }
    questions >= 2 || names >= 2
}

/// Whether a block is a turn of a transcript or an interview, from its own
/// text: it opens with an interview label (`Q:`, `A:`) or with a speaker's
/// label (`STEPHEN COLBERT: Folks, …`, `**Gorka:** …`). What follows the
/// label is the speaker's, not the writer's (the claim rules read it).
pub fn opens_turn(doc: &Document, block: &Block, ba: &BlockAnalysis) -> bool {
    interview_label(doc.text(block.span)).is_some()
        || opens_with_label(doc, block, ba) && ba.sentences.first().is_some_and(names_speaker)
}

/// A paragraph that is only a question of the interviewer's, set in bold
/// as print Q&As do: it is bold to its end, ends with a question mark,
/// holds no quotation, names no speaker, and is short.
fn is_question_paragraph(doc: &Document, block: &Block, ba: &BlockAnalysis) -> bool {
    is_bold_question(doc, block) && ba.quotes.is_empty() && !ba.sentences.iter().any(attributed)
}

/// The shape of a question paragraph, from the block's text alone: a
/// short paragraph, bold to its end, that ends with a question mark.
fn is_bold_question(doc: &Document, block: &Block) -> bool {
    let text = doc.text(block.span).trim_end();
    block.kind == BlockKind::Paragraph
        && block.strong_lead.is_some_and(|b| b.end >= block.span.end)
        && text.ends_with('?')
        && text.split_whitespace().nth(60).is_none()
}

/// Longest question paragraph in plain type, in words.
const MAX_PLAIN_QUESTION_WORDS: usize = 50;

/// Second-person words (`data/words.txt`, `[second-person]`).
static SECOND_PERSON: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("second-person"));

/// A paragraph that is only an interviewer's question in plain type (a
/// copy that lost the bold): one or two sentences, short, the last a
/// question put to the interviewee (`You're an ardent Clinton supporter.
/// What's your case for her?`), and no speaker named. Read only by the
/// claim rules' layout ([`spoken_blocks`]), where most of a layout's such
/// paragraphs must be answered.
fn is_plain_question(doc: &Document, block: &Block, ba: &BlockAnalysis) -> bool {
    let text = doc.text(block.span).trim_end();
    let Some(last) = ba.sentences.last() else {
        return false;
    };
    block.kind == BlockKind::Paragraph
        && text.ends_with('?')
        && (1..=2).contains(&ba.sentences.len())
        && text
            .split_whitespace()
            .nth(MAX_PLAIN_QUESTION_WORDS)
            .is_none()
        && !ba.sentences.iter().any(attributed)
        && doc
            .text(last.span)
            .split(|c: char| !c.is_alphabetic())
            .any(|w| SECOND_PERSON.contains(&&*lower(w)))
}

/// Whether each block is an interviewee's answer, as the claim rules read
/// a layout: an answer of [`interview_turns`], its questions in bold,
/// labelled, or, when most of them are answered, in plain type
/// ([`is_plain_question`]), and a name-labelled turn of a transcript that
/// asks nothing (one that ends with a question is the interviewer's). The
/// unlabelled paragraphs after a labelled answer are not read as its
/// speaker's: the labelled drafts have the story's prose resume there, or
/// send the interviewee's claims back.
pub fn spoken_blocks(doc: &Document, blocks: &[BlockAnalysis]) -> Vec<bool> {
    let n = blocks.len().min(doc.blocks.len());
    let plain: Vec<usize> = (0..n)
        .filter(|&i| {
            judged(&doc.blocks[i])
                && interview_label(doc.text(doc.blocks[i].span)).is_none()
                && !is_question_paragraph(doc, &doc.blocks[i], &blocks[i])
                && is_plain_question(doc, &doc.blocks[i], &blocks[i])
        })
        .collect();
    let answered = |i: usize| {
        (i + 1..n)
            .find(|&j| !doc.text(doc.blocks[j].span).trim().is_empty())
            .is_some_and(|j| {
                !matches!(doc.blocks[j].kind, BlockKind::Heading(_))
                    && !plain.contains(&j)
                    && !is_question_paragraph(doc, &doc.blocks[j], &blocks[j])
            })
    };
    // Rhetorical questions to the reader come in runs, most of them
    // followed by another question: such a layout is no interview.
    let with_plain = plain.iter().filter(|&&i| answered(i)).count() * 2 > plain.len();
    let turns = interview_turns_with(doc, blocks, if with_plain { &plain } else { &[] });
    // An answer that opens with its speaker's label (`**Adeyemi:** …`)
    // is the speaker's to its end; the unlabelled paragraphs after it may be
    // the story's prose again, and the labelled drafts read them so. An
    // answer that opens with no label is the interviewee's to its end.
    let mut labelled = false;
    (0..n)
        .map(|i| match turns[i] {
            // A labelled turn that ends with a question is the
            // interviewer's, whose claims are the story's to source.
            Turn::Labelled(_) => {
                labelled = true;
                !doc.text(doc.blocks[i].span).trim_end().ends_with('?')
            }
            Turn::Answer if answer_label(doc, &doc.blocks[i], &blocks[i]) => {
                labelled = true;
                true
            }
            Turn::Answer => !labelled,
            _ => {
                labelled = false;
                false
            }
        })
        .collect()
}

/// Whether an answer opens with a label: a speaker's ([`opens_with_label`])
/// or, in a layout already known to be an interview, any bold lead that
/// ends with a colon (`**Abara-Whitlock:** Sleep.`, a name the tagger may
/// not read as one in a short sentence).
fn answer_label(doc: &Document, block: &Block, ba: &BlockAnalysis) -> bool {
    opens_with_label(doc, block, ba)
        || block.strong_lead.is_some_and(|b| {
            let lead = doc.text(Span::new(
                block.span.start,
                b.end.min(block.span.end).max(block.span.start),
            ));
            let lead = lead.trim();
            lead.ends_with(':') && lead.split_whitespace().nth(4).is_none()
        })
}

/// Each block's [`Turn`]. A layout is an interview when at least two
/// questions (labelled, or bold paragraphs that are only a question) are each
/// followed by a paragraph that is not one: the structure, not the names,
/// makes the answers the interviewee's. Labelled answers (`A: …`) count
/// wherever they stand.
fn interview_turns(doc: &Document, blocks: &[BlockAnalysis]) -> Vec<Turn> {
    interview_turns_with(doc, blocks, &[])
}

/// [`interview_turns`], with the blocks `plain` read as questions too.
fn interview_turns_with(doc: &Document, blocks: &[BlockAnalysis], plain: &[usize]) -> Vec<Turn> {
    let n = blocks.len().min(doc.blocks.len());
    let mut turns = vec![Turn::Prose; n];
    let mut questions = 0;
    for i in 0..n {
        let block = &doc.blocks[i];
        if !judged(block) {
            continue;
        }
        turns[i] = match interview_label(doc.text(block.span)) {
            Some(true) => Turn::Question,
            Some(false) => Turn::Answer,
            None if is_question_paragraph(doc, block, &blocks[i]) || plain.contains(&i) => {
                Turn::Question
            }
            None => Turn::Prose,
        };
        // Asked of questions only: most blocks are not one.
        let answered = || {
            (i + 1..n)
                .find(|&j| !doc.text(doc.blocks[j].span).trim().is_empty())
                .is_some_and(|j| {
                    !matches!(doc.blocks[j].kind, BlockKind::Heading(_))
                        && interview_label(doc.text(doc.blocks[j].span)) != Some(true)
                        && !is_question_paragraph(doc, &doc.blocks[j], &blocks[j])
                        && !plain.contains(&j)
                })
        };
        if turns[i] == Turn::Question && answered() {
            questions += 1;
        }
    }
    // Transcript turns: two paragraphs or more open with a name label.
    let labels: Vec<(usize, Span)> = (0..n)
        .filter(|&i| turns[i] == Turn::Prose && judged(&doc.blocks[i]))
        .filter_map(|i| Some((i, name_label(doc, &doc.blocks[i], &blocks[i])?)))
        .collect();
    if labels.len() >= 2 {
        for (i, label) in labels {
            turns[i] = Turn::Labelled(label);
        }
    }
    if questions < 2 {
        // No layout: a labelled answer still stands, a lone question is prose.
        for t in &mut turns {
            if *t == Turn::Question {
                *t = Turn::Prose;
            }
        }
        return turns;
    }
    // Paragraphs after a question answer it, up to the next question or
    // heading, or until the story's own prose resumes: after the first
    // answer paragraph, one that names a speaker other than by a label
    // (`Engstrom, reached by phone, confirmed …`).
    let mut answering = None;
    for i in 0..n {
        let block = &doc.blocks[i];
        match (turns[i], &block.kind) {
            (Turn::Question, _) => answering = Some(true),
            (_, BlockKind::Heading(_)) => answering = None,
            // A paragraph set wholly in italics is the publication's note
            // (`*Her honey is sold at the Saturday market.*`, `*This
            // interview has been edited.*`): the interview is over, and a
            // quotation after it is no answer until a question comes.
            (Turn::Prose, _) if judged(block) && italic_note(block) => answering = None,
            (Turn::Prose, _) if judged(block) => match answering {
                Some(first) if first || opens_with_label(doc, block, &blocks[i]) => {
                    turns[i] = Turn::Answer;
                    answering = Some(false);
                }
                Some(_) if !blocks[i].sentences.iter().any(attributed) => {
                    turns[i] = Turn::Answer;
                }
                _ => answering = None,
            },
            _ => {}
        }
    }
    turns
}

/// Whether a quotation is a paragraph's run-in head: set alone in the
/// italics the paragraph opens with, and the paragraph's own prose after
/// it opening a new sentence (`*“It's a tax on the poor.”* In fact, …`).
/// An opinion page's objection put up to be answered titles what follows,
/// as a quote-titled subhead does (issue 15: two of session 26's seven
/// false alarms). A tag after it (`*“…,”* she said`) opens no sentence and
/// is still read. Not a question (a reader's question set as a head,
/// `tests/cases/quote.credited.md`, is labelled as needing its asker), nor
/// bold: a bold quotation before prose is a mailbag's or a pull quote's.
fn run_in_head(doc: &Document, block: &Block, q: &Quote) -> bool {
    if block.kind != BlockKind::Paragraph
        || doc
            .text(q.inner)
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?')
            .ends_with('?')
    {
        return false;
    }
    let Some(lead) = block
        .emphasis_lead
        .filter(|l| l.start <= q.span.start && q.span.end <= l.end && l.end < block.span.end)
    else {
        return false;
    };
    // Only the italics' marks or tags around it, and its closing stop.
    let marks = |c: char| c.is_whitespace() || matches!(c, '*' | '_');
    let before = strip_tags(doc.text(Span::new(lead.start, q.span.start)));
    let after = strip_tags(doc.text(Span::new(q.span.end, lead.end)));
    let alone = before.chars().all(marks)
        && after
            .chars()
            .all(|c| marks(c) || matches!(c, '.' | '?' | '!' | ':'));
    let rest = doc.text(Span::new(lead.end, block.span.end)).trim_start();
    alone && rest.starts_with(char::is_uppercase) && rest.split_whitespace().nth(2).is_some()
}

/// Text with its HTML tags (`<em>`, `</i>`) taken out.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether a block is set wholly in italics (an editor's note, a tagline).
fn italic_note(block: &Block) -> bool {
    block
        .emphasis_lead
        .is_some_and(|e| e.start <= block.span.start && e.end >= block.span.end)
}

/// The name a block opens with as a speaker label (`Sebastian Gorka: No,
/// not at all.`, `SEN. WARREN: …`): up to four words before a colon, every
/// one a proper noun to the tagger (so `Update:` or `Editor's note:` is
/// no speaker).
fn name_label(doc: &Document, block: &Block, ba: &BlockAnalysis) -> Option<Span> {
    let text = doc.text(block.span);
    let colon = text.get(..text.len().min(48))?.find(':')?;
    if !text[colon + 1..].starts_with(char::is_whitespace)
        || !text.starts_with(char::is_uppercase)
        || !(1..=4).contains(&text[..colon].split_whitespace().count())
    {
        return None;
    }
    let label = Span::new(block.span.start, block.span.start + colon);
    let s = ba.sentences.first().filter(|s| s.span.end > label.end)?;
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let mut words = t
        .tokens
        .iter()
        .filter(|w| w.span.start >= label.start && w.span.end <= label.end)
        .filter(|w| w.upos != Upos::Punct)
        .peekable();
    words.peek()?;
    // Or a speaker's initials in a bold label (`**OM:** …`), which the
    // tagger may not read as a name.
    let bold = block.strong_lead.is_some_and(|b| b.end >= label.end);
    let initials =
        |w: &str| (2..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
    words
        .all(|w| w.upos == Upos::Propn || bold && initials(doc.text(w.span)))
        .then_some(label)
}

/// The most words a bold name before a dash has (`**Marisa T.** — …`).
const DASH_LABEL_WORDS: usize = 4;

/// A block that opens with a name in bold and a dash, as a comment thread
/// or a reader's mailbag sets each voice (`> **Hollis** — Ha! That's
/// exactly the point.`, `**Dana Ruiz** — “…”`): the name is the speaker of
/// the block quote, or of the quotation right after the dash. The name is
/// one to four words, each a proper noun to the tagger; a bold topic (`>
/// **Update** — …`) or a name standing for nobody (`**Anonymous**`) names
/// no speaker, and a quotation further on in the paragraph is not the
/// label's.
fn dash_label(
    doc: &Document,
    block: &Block,
    ba: &BlockAnalysis,
    i: usize,
    q: &Quote,
) -> Option<QuoteSource> {
    let b = block.strong_lead?;
    let end = b.end.min(block.span.end).max(block.span.start);
    let lead = doc.text(Span::new(block.span.start, end));
    let name = lead.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let n = name.split_whitespace().count();
    if !(1..=DASH_LABEL_WORDS).contains(&n) || !name.starts_with(char::is_uppercase) {
        return None;
    }
    let rest = doc.text(Span::new(end, block.span.end));
    let tail = rest.trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let after = tail
        .strip_prefix('—')
        .or_else(|| tail.strip_prefix('–'))
        .or_else(|| tail.strip_prefix("- "))?;
    let body = block.span.end - after.trim_start().len();
    let own = if q.marks == QuoteMarks::BlockQuote {
        q.span.start <= block.span.start
    } else {
        q.span.start == body
    };
    if !own || NOBODY.contains(&&*lower(name)) || ANONYMITY.contains(&&*lower(name)) {
        return None;
    }
    let at = block.span.start + lead.find(name)?;
    let label = Span::new(at, at + name.len());
    let s = ba.sentences.first()?;
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let mut words = t
        .tokens
        .iter()
        .filter(|w| w.span.start >= label.start && w.span.end <= label.end)
        .filter(|w| w.upos != Upos::Punct)
        .peekable();
    words.peek()?;
    if !words.all(|w| w.upos == Upos::Propn) {
        return None;
    }
    Some(QuoteSource {
        block: i,
        sentence: 0,
        how: How::NameLabel,
        speaker: Some(person(label)),
    })
}

/// Whether a transcript's label is a role whose holder the story never
/// names (`**Caller:**`, `Audience member 2:`): each of its words is a
/// role of `[role-labels]` or a number, and no role word of it stands
/// before a capitalised name anywhere in the story (`host Terry Gross`) or
/// after a name and `the` (`Ruiz, the moderator`). A role is no name.
fn unheld_role(doc: &Document, label: Span) -> bool {
    let words: Vec<String> = doc
        .text(label)
        .split_whitespace()
        .map(|w| lower(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')).into_owned())
        .filter(|w| !w.is_empty())
        .collect();
    let role = !words.is_empty()
        && words.iter().any(|w| ROLE_LABELS.contains(&w.as_str()))
        && words
            .iter()
            .all(|w| ROLE_LABELS.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()));
    if !role {
        return false;
    }
    let Some(head) = words
        .iter()
        .rev()
        .find(|w| ROLE_LABELS.contains(&w.as_str()))
    else {
        return false;
    };
    let prose = &doc.prose;
    let lowered = prose.to_lowercase();
    if lowered.len() != prose.len() {
        return true;
    }
    let held = find_words(&lowered, head).any(|at| {
        // Not the label itself.
        if label.contains(at) {
            return false;
        }
        let after = prose[at + head.len()..].trim_start_matches(' ');
        let named_after = prose[at + head.len()..].starts_with(' ')
            && after.starts_with(|c: char| c.is_uppercase());
        let before = lowered[..at].trim_end();
        let named_before = before.ends_with(", the")
            || before.ends_with(" is the")
            || before.ends_with(" was the");
        named_after || named_before
    });
    !held
}

/// Whether a sentence's cue is a transcript's label for a role whose
/// holder goes unnamed (`**Caller:** “…”`): see [`unheld_role`].
fn role_labelled(doc: &Document, s: Option<&Sentence>, speaker: Option<Speaker>) -> bool {
    let (Some(s), Some(sp)) = (s, speaker) else {
        return false;
    };
    s.attribution.is_some_and(|a| {
        doc.text(a.span).trim_end().ends_with(':')
            && a.span.start <= sp.span.start
            && unheld_role(doc, sp.span)
    })
}

/// Where `word` stands as a whole word in `text` (both lower case).
fn find_words<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
        })
}

/// A block that opens with a speaker label: `**Adeyemi:** …`,
/// `CLINTON: …`, `A: …`. A bold lead is a label only when it is a name
/// (see [`name_label`]): the bold kicker of a brief, a blotter entry or a
/// fact-check (`**Goat at large, Orchard Road:** Deputies responded …`,
/// `**The claim:**`) names a topic, not someone whose turn follows.
fn opens_with_label(doc: &Document, block: &Block, ba: &BlockAnalysis) -> bool {
    let text = doc.text(block.span);
    interview_label(text) == Some(false)
        || block.strong_lead.is_some_and(|b| {
            doc.text(Span::new(
                block.span.start,
                b.end.min(block.span.end).max(block.span.start),
            ))
            .trim_end()
            .ends_with(':')
                && name_label(doc, block, ba).is_some()
        })
        || ba
            .sentences
            .first()
            .and_then(|s| s.attribution)
            .is_some_and(|a| {
                let label = doc.text(a.span).trim_end();
                a.span.start == block.span.start
                    && label.ends_with(':')
                    && label.split_whitespace().nth(4).is_none()
            })
}

/// Whether sentence `p` is a beat of the speaker the sentence `e` before
/// it quotes (`‘…,’ she said. She paused. ‘…’`, `“…,” Ruiz said. Ruiz
/// laughed. “…”`): a short sentence with no quotation whose subject, its
/// first word, is `e`'s speaker again, a `he` or `she` (for the same
/// pronoun or a named person) or the speaker's name. The quotation after the beat is the same speaker's.
fn beat_of(doc: &Document, p: &Sentence, e: &Sentence) -> bool {
    /// The most words a beat has.
    const BEAT: usize = 6;
    let Some(sp) = e
        .attribution
        .filter(|a| !a.from_link)
        .and_then(|a| a.speaker)
    else {
        return false;
    };
    if !matches!(sp.kind, SpeakerKind::Person | SpeakerKind::Pronoun) {
        return false;
    }
    let text = doc.text(p.span);
    if text.split_whitespace().nth(BEAT).is_some()
        || text.contains(['"', '“', '”', '‘', '«'])
        || !text.trim_end().ends_with('.')
    {
        return false;
    }
    let Some(first) = text.split_whitespace().next() else {
        return false;
    };
    let who = doc.text(sp.span);
    let last = who.split_whitespace().next_back().unwrap_or("");
    match &*lower(first) {
        // The same pronoun, or one for the named person (`“…,” Webb said.
        // He paused. “…”`): a `he` or `she` right after a name's cue
        // takes the name as its antecedent (session 25).
        "he" | "she" => {
            who.eq_ignore_ascii_case(first) || sp.kind == SpeakerKind::Person && !sp.plural
        }
        _ => first.starts_with(char::is_uppercase) && first == last,
    }
}

/// A cue inside a block quote's own words that names nobody outside them
/// (`> People laugh at them and then feel bad about laughing.`, `> She
/// said paper was for people who weren’t paying attention.`): the words
/// quoted tell of someone speaking, and the one who wrote or spoke them
/// is still unnamed. A name or a body in them (`> We will appeal, Ruiz
/// said.`) still signs them.
fn own_words_cue(s: &Sentence, q: &Quote) -> bool {
    q.marks == QuoteMarks::BlockQuote
        && s.attribution.is_some_and(|a| {
            q.inner.contains(a.span.start)
                && !a.from_link
                && !a.speaker.is_some_and(|sp| {
                    matches!(sp.kind, SpeakerKind::Person | SpeakerKind::Organisation)
                })
        })
}

/// Where a quotation that does not continue a run gets its speaker.
fn source_of(
    doc: &Document,
    before: &[BlockAnalysis],
    ba: &BlockAnalysis,
    block: usize,
    q: &Quote,
    prev: Option<(usize, usize)>,
    // Block quotes (by id) with their signature line's block, and which
    // blocks are an embedded post's credit line.
    (signed, credits): (&[(u32, usize)], &[bool]),
) -> Option<QuoteSource> {
    let from = |block: usize, sentence: usize, s: &Sentence, how: How| QuoteSource {
        block,
        sentence,
        how,
        speaker: s.attribution.and_then(|a| a.speaker),
    };
    let si = q.sentence.min(ba.sentences.len().checked_sub(1)?);
    let s = &ba.sentences[si];
    if attributed(s) && !own_words_cue(s, q) {
        return Some(from(block, si, s, How::SameSentence));
    }
    // Someone puts out a text whose words follow (`The office of McCain
    // sent a statement that read, “…”`).
    if let Some(speaker) = issued_text(doc, s).filter(|sp| sp.span.end <= q.span.start) {
        return Some(QuoteSource {
            block,
            sentence: si,
            how: How::SameSentence,
            speaker: Some(speaker),
        });
    }
    if let Some(n) = ba.sentences.get(si + 1) {
        if opens_with_speaker(n) && q.span.start == s.span.start {
            return Some(from(block, si + 1, n, How::NextSentence));
        }
    }
    if let Some(&(_, sig)) = doc
        .blocks
        .get(block)
        .and_then(|b| b.block_quote)
        .and_then(|id| signed.iter().find(|(i, _)| *i == id))
    {
        return Some(QuoteSource {
            block: sig,
            sentence: 0,
            how: How::Signature,
            speaker: signature_speaker(doc, sig),
        });
    }
    // A post pasted from an embed, its credit on the next line (`— Ana
    // Ruiz (@anaruiz) May 4, 2018`): the poster's words, and any
    // quotation in them is the poster's to answer for.
    if let Some(speaker) = post_credit(doc, &doc.blocks[block], block + 1)
        .filter(|_| credits.get(block + 1) == Some(&true))
        .filter(|_| !q.runs_on)
    {
        return Some(QuoteSource {
            block: block + 1,
            sentence: 0,
            how: How::Signature,
            speaker: Some(speaker),
        });
    }
    if let Some(speaker) = dash_tag(doc, &doc.blocks[block], q) {
        return Some(QuoteSource {
            block,
            sentence: si,
            how: How::DashTag,
            speaker: Some(speaker),
        });
    }
    if si > 0 {
        // Not a speech that did not happen (`The mayor did not respond to
        // a request for comment. “He never answers us.”`).
        let p = &ba.sentences[si - 1];
        if si > 1 && !attributed(p) {
            // The speaker's cue, past sentences of their quotation
            // (`‘…,’ she said. ‘…’ She paused. ‘…’`).
            let quoted = |x: &Sentence| doc.text(x.span).starts_with(['"', '“', '‘', '\'']);
            let cued = (0..si - 1)
                .rev()
                .take_while(|&k| k + 2 == si || quoted(&ba.sentences[k + 1]))
                .find(|&k| attributed(&ba.sentences[k]));
            if let Some(k) = cued {
                let e = &ba.sentences[k];
                if beat_of(doc, p, e) && !negated(doc, e) {
                    return Some(from(block, k, e, How::PreviousSentence));
                }
            }
        }
        return (attributed(p) && !negated(doc, p))
            .then(|| from(block, si - 1, p, How::PreviousSentence));
    }
    // Its own introduction, a participle with no one to speak (`Overheard
    // at the counter Monday morning: “…”`): the paragraph before does not
    // speak it. An elliptical one (`In another: “…”`) carries it on.
    let lead = doc.text(Span::new(s.span.start, q.span.start.max(s.span.start)));
    if lead.trim_end().ends_with(':')
        && s.tags
            .get_or_tag(&doc.prose, s.span)
            .tokens
            .first()
            .is_some_and(|w| {
                w.span.end <= q.span.start
                    && w.upos == Upos::Verb
                    && w.feats.verb_form == Some(copydesk_tagger::VerbForm::Part)
            })
    {
        return None;
    }
    let (pb, ps) = prev?;
    let p = &before[pb].sentences[ps];
    let text = doc.text(p.span);
    if is_name_label(text) {
        let trimmed = text.trim();
        let at = p.span.start + (text.len() - text.trim_start().len());
        return Some(QuoteSource {
            block: pb,
            sentence: ps,
            how: How::NameLabel,
            speaker: Some(Speaker {
                span: Span::new(at, at + trimmed.len()),
                kind: SpeakerKind::Person,
                plural: false,
            }),
        });
    }
    // The paragraph before makes someone the speaker: it introduces the
    // quotation (`… said:`), it quotes them itself (a continuing
    // quotation: `“…,” Conway asked.`), or it reports what they said.
    // Not a sign's words in Title Case (`One read, in hand-painted letters,
    // "Save Our Skyline."`): a sign goes on saying nothing. And a quotation
    // in that sentence, or one before it that the sentence only tags
    // (`“…?” Conway asked.`): a tag that goes on in paraphrase (`“…?” He
    // said he was leaning toward …`) ends the paragraph in paraphrase.
    // A term (`"#GetWellSable" was trending`) quotes nobody's words.
    let tag_only = words_of(doc.text(p.span)).nth(5).is_none();
    let quotes_own = before[pb].quotes.iter().any(|q| {
        let inner = doc.text(q.inner);
        let ends_in = q.span.end > p.span.start;
        !is_title_case(inner)
            && (q.utterance || words_of(inner).nth(3).is_some())
            && (ends_in || tag_only)
            && matches!(q.verdict, Verdict::Sourced(src)
                if ends_in || src.block == pb && src.sentence == ps)
    });
    // A verb whose words are a title or a term (`They sing “Take Me Home,
    // Millbridge”`) reports no speech.
    // A named person's paragraph still carries (`Conway, who went on “Fox
    // & Friends,” where she talked about Clinton`).
    let on_term = p.attribution.is_some_and(|a| {
        a.speaker.is_none_or(|sp| sp.kind != SpeakerKind::Person)
            && before[pb].quotes.iter().any(|o| {
                !o.utterance
                    && o.span.start >= a.span.end
                    && doc
                        .text(Span::new(a.span.end, o.span.start))
                        .chars()
                        .all(|c| c.is_whitespace() || ",:".contains(c))
            })
    });
    // A document's account in paraphrase (`The release also said Hollins
    // would open eight stores`) is not a voice: a quotation standing alone
    // after it is someone else's. One that quotes it (`“…,” the statement
    // said`) is carried on.
    // (`according to their website` points at where the words are read.)
    let document = p.attribution.is_some_and(|a| {
        a.speaker.is_some_and(|sp| sp.kind == SpeakerKind::Document)
            && !doc.text(a.span).eq_ignore_ascii_case("according to")
    });
    // A paragraph that only reports in paraphrase (`The district said it
    // would decide by noon.`) hands a quotation standing alone after it to
    // one person it names, never to a body or a group (`Some analysts
    // questioned whether …`): their quotations carry their own tag. An
    // introduction (`In a statement ESPN said,`) or a quotation of its own
    // carries on to anyone.
    let introduces = p.ends_with_colon || text.trim_end().ends_with(',');
    // Words on a sign or a placard are the thing's: a quotation standing
    // alone after them is someone's who is not named.
    let inscribed = p
        .attribution
        .and_then(|a| a.speaker)
        .is_some_and(|sp| inscription(doc, sp.span));
    // A paragraph of speech, opening and closing on a person's quotations
    // (`“…?” Trump continued. “… I think they do.”`), leaves them speaking:
    // a quotation standing alone after it continues their words. One that
    // opens in paraphrase (`Pham said he had begun … “…,” he said. “…”`)
    // does not hand them the next paragraph.
    let speech_led = before[pb]
        .quotes
        .first()
        .is_some_and(|q| q.span.start == doc.blocks[pb].span.start);
    let carried = before[pb]
        .quotes
        .iter()
        .rev()
        .find_map(|q| match q.verdict {
            _ if !speech_led => None,
            Verdict::Sourced(src)
                if q.sentence == ps
                    && q.utterance
                    && src.block == pb
                    && src.sentence < ps
                    && src.speaker.is_some_and(|sp| {
                        !sp.plural
                            && matches!(
                                sp.kind,
                                SpeakerKind::Person | SpeakerKind::Role | SpeakerKind::Pronoun
                            )
                    })
                    && doc.text(p.span).trim_end().ends_with(['”', '"']) =>
            {
                Some(src)
            }
            _ => None,
        });
    // A paragraph that is only a quotation, itself carried on from an
    // earlier paragraph (`Mike writes: “…”`, then paragraphs each a
    // quotation of his), leaves the same person speaking: the chain goes
    // on until a paragraph of paraphrase, a new cue or a heading breaks it.
    let chained = match before[pb].quotes.as_slice() {
        [only]
            if only.span.start == doc.blocks[pb].span.start
                && doc
                    .text(Span::new(only.span.end, doc.blocks[pb].span.end))
                    .trim()
                    .is_empty() =>
        {
            match only.verdict {
                Verdict::Sourced(src)
                    if only.utterance
                        && src.block < pb
                        && src.how == How::PreviousParagraph
                        && opens_speech(doc, before, src)
                        && src.speaker.is_some_and(|sp| {
                            !sp.plural
                                && matches!(
                                    sp.kind,
                                    SpeakerKind::Person | SpeakerKind::Role | SpeakerKind::Pronoun
                                )
                        }) =>
                {
                    Some(src)
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(src) = carried.or(chained) {
        return Some(QuoteSource {
            how: How::PreviousParagraph,
            ..src
        });
    }
    if p.ends_with_colon && attributed(p)
        || names_speaker(p)
            && !on_term
            && !inscribed
            && (quotes_own || !document)
            && speaks_in(doc, p)
            && (quotes_own || !hands_over(doc, p))
            && (quotes_own
                || introduces
                || one_voice(doc, p) && (by_name(doc, p) || pronoun_for_quoted(doc, before, pb, p)))
    {
        return Some(from(pb, ps, p, How::PreviousParagraph));
    }
    // Or it ends with someone putting out a text (`Indiana University has
    // also issued a statement.`), which a quotation opening the next
    // paragraph gives.
    let opens_block = si == 0
        && doc
            .text(Span::new(doc.blocks[block].span.start, q.span.start))
            .trim()
            .is_empty();
    // Or the sentence before names the one person whose words these are:
    // its subject is a person by name, or `he` or `she` for one, and the
    // quotation opening the next paragraph speaks as one person with no
    // third person in it (`Ashcroft viewed this investigation as …`, then
    // `“This is not the Justice Department that I knew …”`). The guide
    // sources a quotation whose speaker the sentence before identifies.
    if let Some(speaker) = person_before(doc, before, pb, p)
        .filter(|_| opens_block && !q.continues && own_voice(doc.text(q.inner)))
    {
        return Some(QuoteSource {
            block: pb,
            sentence: ps,
            how: How::PreviousParagraph,
            speaker: Some(speaker),
        });
    }
    if let Some(speaker) = issued_text(doc, p).filter(|_| opens_block && !q.continues) {
        return Some(QuoteSource {
            block: pb,
            sentence: ps,
            how: How::PreviousParagraph,
            speaker: Some(speaker),
        });
    }
    // Or it is a turn under a speaker label (`Sebastian Gorka: No, not at
    // all. …`), which a quotation standing after it continues.
    let first = before[pb].sentences.first()?;
    (opens_with_label(doc, &doc.blocks[pb], &before[pb]) && names_speaker(first))
        .then(|| from(pb, 0, first, How::PreviousParagraph))
}

/// Whether the paragraph a chain of quotations goes back to gives its
/// speaker's own words, not a report of them: it introduces them (`Mike
/// writes:`), or its last quotation ends it and stands as speech, opening
/// the paragraph or after a colon or a comma (`Mike writes: “…”`). Not a
/// report ending on a fragment (`Mr. Cruz said Rubio told Univision that
/// "he would not …"`): quotations standing alone after it may be anyone's.
fn opens_speech(doc: &Document, before: &[BlockAnalysis], src: QuoteSource) -> bool {
    let Some(b) = before.get(src.block) else {
        return false;
    };
    if b.sentences.last().is_some_and(|s| s.ends_with_colon) {
        return true;
    }
    let span = doc.blocks[src.block].span;
    b.quotes.last().is_some_and(|q| {
        let lead = doc.text(Span::new(span.start, q.span.start)).trim_end();
        let tail = doc.text(Span::new(q.span.end, span.end)).trim();
        // Or only its own speech tag follows it (`“…?” Conway asked.`):
        // a few words, the paragraph's last sentence, that source it.
        let tagged = tail.split_whitespace().nth(SPEECH_TAG_WORDS).is_none()
            && matches!(q.verdict, Verdict::Sourced(s)
                if matches!(s.how, How::SameSentence | How::NextSentence)
                    && s.block == src.block
                    && s.sentence + 1 == b.sentences.len());
        (tail.is_empty() || tagged) && (lead.is_empty() || lead.ends_with([':', ',']))
    })
}

/// The most words a speech tag after its quotation has (`Conway asked
/// the board`, `said Ana Ruiz, the chair`).
const SPEECH_TAG_WORDS: usize = 6;

/// The one who puts out a text in a sentence with no cue (`The Daugherty
/// family reportedly released a statement about …`, `She sent a letter
/// to the board.`): a finite verb whose object right after it is headed
/// by a text noun (`statement`, `letter`, `tweet`), and whose subject is
/// a name, a body or a person's pronoun. Not a denial (`did not return an
/// email`), a text as the subject (`A post on the fan forum summed up the
/// mood.`) or a text after a preposition (`posted on the district's page
/// within minutes of the announcement`): there the words are someone
/// else's.
fn issued_text(doc: &Document, p: &Sentence) -> Option<Speaker> {
    *p.issued.get_or_init(|| issued_text_in(doc, p))
}

/// [`issued_text`], computed.
fn issued_text_in(doc: &Document, p: &Sentence) -> Option<Speaker> {
    // A link on the sentence sources a claim, not who spoke.
    if p.attribution.is_some_and(|a| !a.from_link) {
        return None;
    }
    let t = p.tags.get_or_tag(&doc.prose, p.span);
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    // A finite verb, or a participle after its auxiliary (`has issued`).
    let perfect = |i: usize| {
        t.tokens[i].feats.verb_form == Some(copydesk_tagger::VerbForm::Part)
            && t.tokens[..i]
                .iter()
                .rev()
                .find(|w| w.upos != Upos::Adv)
                .is_some_and(|w| w.upos == Upos::Aux)
    };
    let v = (0..t.tokens.len()).find(|&i| {
        t.tokens[i].upos == Upos::Verb
            && (t.tokens[i].is_finite_verb() || perfect(i))
            && t.chunk_of(i + 1).is_some_and(|o| {
                o.first == i + 1
                    && t.tokens[o.head].upos == Upos::Noun
                    && INTRO_NOUNS.contains(&&*word(o.head))
            })
    })?;
    if t.tokens[..v].iter().any(|w| {
        matches!(w.upos, Upos::Aux | Upos::Part | Upos::Adv)
            && NEGATIONS.contains(&&*lower(doc.text(w.span)))
    }) {
        return None;
    }
    // The subject: the phrase before the verb, past its auxiliaries and
    // adverbs (`has also issued`).
    let mut w = v;
    while w > 0 && matches!(t.tokens[w - 1].upos, Upos::Aux | Upos::Adv) {
        w -= 1;
    }
    let c = t.chunk_of(w.checked_sub(1)?).filter(|c| c.end == w)?;
    let head = &t.tokens[c.head];
    // A name, or a capital past the sentence's first word (the tagger
    // may read `The Daugherty family`'s name as an adjective).
    let named = (c.first..c.end).any(|i| {
        let w = &t.tokens[i];
        w.upos == Upos::Propn || i > 0 && w.upos != Upos::Pron && starts_upper(doc.text(w.span))
    });
    let who = lower(doc.text(head.span));
    let speaks = named
        || ORGANISATION_NOUNS.contains(&&*who)
        || head.upos == Upos::Pron && ["he", "she"].contains(&&*who);
    speaks.then(|| speaker_at(doc, t, head.span, AttributionKind::Named))
}

/// Whether a sentence's cue names one person as its speaker: a name, a
/// role, a described source or a pronoun for one person, not a body
/// (`the district`), a group (`Some analysts`, `a group of mechanics`) or
/// a pronoun for a thing or a group (`it`, `they`).
fn one_voice(doc: &Document, p: &Sentence) -> bool {
    let Some(sp) = p.attribution.and_then(|a| a.speaker) else {
        return true;
    };
    match sp.kind {
        // A document's paraphrase is judged apart (`according to their
        // website` still points at where the words are read).
        SpeakerKind::Organisation => false,
        SpeakerKind::Pronoun => {
            let word = lower(doc.text(sp.span).trim());
            !GROUP_PRONOUNS.contains(&&*word) && !RELATIVES.contains(&&*word)
        }
        _ => !is_group(doc, sp),
    }
}

/// Whether a paragraph's cue names its speaker by name (`Neighbor Don Smith
/// said he was surprised …`), which a quotation standing alone after its
/// paraphrase continues. A pronoun, a role or an unnamed one in paraphrase
/// (`He said he was leaning toward …`, `The judge noted that …`, `One
/// read, in hand-painted letters, …`) leaves the next paragraph's
/// quotation to no one: the drafts' copy editors flag it (s9, s12, s15),
/// and on real pages such a quotation comes after a name. A pronoun in a
/// clause before the name it stands for (`Asked about the customers she
/// remembers, Mancuso set down her coffeepot`) is that name.
fn by_name(doc: &Document, p: &Sentence) -> bool {
    let Some(sp) = p.attribution.and_then(|a| a.speaker) else {
        return false;
    };
    if sp.kind == SpeakerKind::Person {
        return true;
    }
    let t = p.tags.get_or_tag(&doc.prose, p.span);
    sp.kind == SpeakerKind::Pronoun
        && t.token_at(sp.span.start).is_some_and(|i| {
            t.tokens[i..]
                .iter()
                .position(|w| w.upos == Upos::Punct)
                .map(|k| i + k)
                .is_some_and(|c| {
                    doc.text(t.tokens[c].span) == ","
                        && t.tokens.get(c + 1).is_some_and(|w| {
                            w.upos == Upos::Propn && !super::tokens::is_date_word(doc.text(w.span))
                        })
                })
        })
}

/// Paragraphs back from a paraphrase that [`pronoun_for_quoted`] looks
/// for its pronoun's last quotation.
const QUOTED_PRONOUN_REACH: usize = 3;

/// Whether a paragraph's cue is `he` or `she` standing for the person the
/// story is quoting: the last quotation before it, in it or in the few
/// paragraphs before, is speech tagged with the same pronoun (`“…,” she
/// said.`, then `She says her favourite subject is biology.`, then a
/// quotation standing alone). The pronoun goes on pointing at that
/// speaker, so the quotation after the paraphrase is theirs, as after a
/// name ([`by_name`]). A pronoun nobody has been quoted under, after a
/// quotation by someone else, or in the paragraph of its quotation, still
/// leaves it to no one.
fn pronoun_for_quoted(doc: &Document, before: &[BlockAnalysis], pb: usize, p: &Sentence) -> bool {
    let Some(sp) = p.attribution.and_then(|a| a.speaker) else {
        return false;
    };
    let word = lower(doc.text(sp.span).trim());
    if sp.kind != SpeakerKind::Pronoun || !matches!(&*word, "he" | "she") {
        return false;
    }
    let last = (pb.saturating_sub(QUOTED_PRONOUN_REACH)..=pb)
        .rev()
        .filter_map(|b| Some((b, before.get(b)?)))
        .flat_map(|(b, ba)| ba.quotes.iter().rev().map(move |q| (b, q)))
        .find(|(_, q)| q.utterance && q.span.end <= p.span.start);
    // A paragraph that quotes them and goes on in paraphrase (`“…,” he
    // said. He said he was leaning toward …`) ends their turn there: the
    // paraphrase must stand in a paragraph of its own.
    last.is_some_and(|(b, q)| {
        b < pb
            && match q.verdict {
                Verdict::Sourced(src) => src.speaker.is_some_and(|s| {
                    s.kind == SpeakerKind::Pronoun && lower(doc.text(s.span).trim()) == word
                }),
                Verdict::Unsourced | Verdict::NotJudged => false,
            }
    })
}

/// Whether a quotation speaks as one person about no one else in the
/// third person: `I`, `me` or `my` in it, and no `he`, `she`, `him` or
/// `her` (`“He saved my life”` after a sentence about him is someone
/// else's tribute).
fn own_voice(inner: &str) -> bool {
    first_person_singular(inner)
        && !inner
            .split(|c: char| !c.is_alphabetic())
            .any(|w| THIRD_PERSON_ONE.contains(&&*lower(w)))
}

/// The one person a paragraph's last sentence is about, as the subject of
/// its first finite verb: a name (`Ashcroft viewed …`, `Marcus Oyelowo,
/// 58, the retired engineer, joined …`), or `he` or `she` after a name in
/// that paragraph or the one before (`By 2:30 she was kneeling …`). Not a
/// sentence with a quotation of its own or a denial (`Ruiz did not return
/// a call`), nor a cue that hands the floor over (`Ruiz asked …`), nor a
/// body, a place read as a body, a group or a date.
fn person_before(
    doc: &Document,
    before: &[BlockAnalysis],
    pb: usize,
    p: &Sentence,
) -> Option<Speaker> {
    if before[pb]
        .quotes
        .iter()
        .any(|q| q.span.end > p.span.start && q.span.start < p.span.end)
        || hands_over(doc, p)
        // An italic note is the editor's aside (`*Her honey is sold at
        // …*`), not a scene a person speaks in.
        || italic_note(&doc.blocks[pb])
    {
        return None;
    }
    let t = p.tags.get_or_tag(&doc.prose, p.span);
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    let v = t.tokens.iter().position(|w| w.is_finite_verb())?;
    if t.tokens
        .iter()
        .any(|w| NEGATIONS.contains(&&*lower(doc.text(w.span))))
    {
        return None;
    }
    // The phrase right before the verb, or the sentence's first phrase
    // when an apposition between commas stands between them.
    let c = if v > 0 && doc.text(t.tokens[v - 1].span) == "," {
        t.chunks
            .first()
            .filter(|c| {
                c.first == 0 && t.tokens.get(c.end).is_some_and(|w| doc.text(w.span) == ",")
            })
            .filter(|_| !t.tokens[..v].iter().any(|w| w.is_finite_verb()))?
    } else {
        t.chunks.iter().find(|c| c.end == v)?
    };
    let head = &t.tokens[c.head];
    // Its clause's subject: opening the sentence or after a mark or a
    // conjunction, not a preposition's object (`The flight to Houston
    // leaves …`, `students from Lyon sat`); `he` and `she` are subjects
    // wherever they stand (`By 2:30 she was kneeling`).
    let opens = c.first == 0
        || matches!(t.tokens[c.first - 1].upos, Upos::Punct | Upos::Cconj)
        || head.upos == Upos::Pron;
    // Not a passive (`honey is sold at …`): the subject is no agent.
    let passive = t.tokens[v + 1..]
        .iter()
        .take_while(|w| matches!(w.upos, Upos::Adv | Upos::Aux | Upos::Part | Upos::Verb))
        .any(|w| {
            w.upos == Upos::Verb
                && w.feats.verb_form == Some(copydesk_tagger::VerbForm::Part)
                && w.feats.tense == Some(copydesk_tagger::Tense::Past)
        })
        && t.tokens[v].upos == Upos::Aux;
    if !opens || passive {
        return None;
    }
    let sp = match head.upos {
        Upos::Pron if matches!(&*word(c.head), "he" | "she") && c.first == c.head => {
            // The pronoun stands for the last person named as a verb's
            // subject before it, in this paragraph or the one before
            // (`Beatriz Lindahl knew …`, `Marcus Oyelowo, 58, …, joined`):
            // the source is that name. With none, no one.
            let subject_name = |s: &Sentence| {
                let st = s.tags.get_or_tag(&doc.prose, s.span);
                st.chunks
                    .iter()
                    .filter(|c| {
                        let next = st.tokens.get(c.end);
                        st.tokens[c.head].upos == Upos::Propn
                            && (next.is_some_and(|w| w.is_finite_verb())
                                // Or opening the sentence before an
                                // apposition (`Marcus Oyelowo, 58, …`).
                                || c.first == 0
                                    && next.is_some_and(|w| doc.text(w.span) == ","))
                    })
                    .map(|c| speaker_at(doc, st, st.tokens[c.head].span, AttributionKind::Named))
                    .find(|sp| sp.kind == SpeakerKind::Person && !sp.plural)
            };
            let earlier = |b: &'_ BlockAnalysis| -> Option<Speaker> {
                b.sentences
                    .iter()
                    .rev()
                    .filter(|s| s.span.start < p.span.start)
                    .find_map(subject_name)
            };
            earlier(&before[pb]).or_else(|| earlier(&before[pb.checked_sub(1)?]))?
        }
        // A name the story has used before, mid-sentence (`Ash drifted
        // onto parked cars` opens with a capital, not a name).
        Upos::Propn if named_earlier(doc, doc.text(head.span), p.span.start) => {
            speaker_at(doc, t, head.span, AttributionKind::Named)
        }
        _ => return None,
    };
    (sp.kind == SpeakerKind::Pronoun
        || sp.kind == SpeakerKind::Person && !sp.plural && !is_group(doc, sp))
    .then_some(sp)
}

/// Whether `name` stands capitalised before `end` in the text other than
/// at a sentence's or a line's start: a name, not a capitalised word.
fn named_earlier(doc: &Document, name: &str, end: usize) -> bool {
    let text = &doc.prose[..end.min(doc.prose.len())];
    find_words(text, name).any(|at| {
        let lead = text[..at].trim_end_matches([' ', '*', '_', '“', '"', '(']);
        !lead.is_empty() && !lead.ends_with(['.', '!', '?', '\n', ':', '#', '>', '-', '—'])
    })
}

/// Whether a paragraph's closing cue leaves the floor to someone else, so
/// that a quotation standing alone after it is not its speaker's: the
/// speech did not happen (`its attorneys did not respond`, `she would
/// never say`), or it is one side of an exchange, a question or a request
/// (`The Gazette has asked the council …`, `one person asked for a zip
/// line`), which the next quotation answers in another voice.
fn hands_over(doc: &Document, p: &Sentence) -> bool {
    let Some(cue) = p.attribution else {
        return false;
    };
    let verb = doc
        .text(cue.span)
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    EXCHANGE_VERBS.contains(&&*lower(verb)) || negated(doc, p) || answers_back(doc, p)
}

/// Whether a sentence's cue only answers what came before: its verb's
/// whole object is a pronoun pointing back, and the sentence ends there
/// (`Larchmont denied that.`, `The company disputed it.`). It responds to
/// the paragraph's account rather than opening speech, so a quotation
/// standing alone after it is not taken for its words.
fn answers_back(doc: &Document, p: &Sentence) -> bool {
    let Some(cue) = p.attribution else {
        return false;
    };
    let t = p.tags.get_or_tag(&doc.prose, p.span);
    let Some(v) = t.token_at(cue.span.start) else {
        return false;
    };
    let v = (v..t.tokens.len())
        .find(|&i| matches!(t.tokens[i].upos, Upos::Verb))
        .unwrap_or(v);
    let rest = &t.tokens[v + 1..];
    matches!(rest.first(), Some(w) if w.upos == Upos::Pron
        && BACK_PRONOUNS.contains(&&*lower(doc.text(w.span))))
        && rest[1..].iter().all(|w| w.upos == Upos::Punct)
}

/// Whether a sentence's cue is denied: `not`, `n’t` or `never` among the
/// auxiliaries and adverbs right before its verb (`did not respond`), or
/// a negative word as its object (`Ruiz said nothing.`, `told no one about
/// the plan`, `told reporters nothing`), not the subject of a clause it
/// reports (`said nothing would change`).
fn negated(doc: &Document, p: &Sentence) -> bool {
    let Some(cue) = p.attribution else {
        return false;
    };
    let t = p.tags.get_or_tag(&doc.prose, p.span);
    let Some(v) = t.token_at(cue.span.start) else {
        return false;
    };
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    let before = t.tokens[..v]
        .iter()
        .rev()
        .take_while(|w| matches!(w.upos, Upos::Aux | Upos::Part | Upos::Adv))
        .any(|w| {
            let w = lower(doc.text(w.span));
            NEGATIONS.contains(&&*w)
        });
    // The object: right after the verb, or after one word for whom it
    // was told (`told reporters nothing`, `told them nothing`).
    let object = (v + 1..(v + 3).min(t.tokens.len()))
        .take_while(|&i| matches!(t.tokens[i].upos, Upos::Pron | Upos::Det | Upos::Noun))
        .find(|&i| NEGATIVE_OBJECTS.contains(&&*word(i)))
        .is_some_and(|i| {
            // Past `one` and `else` (`no one`, `nothing else`), no verb of
            // a clause of its own.
            let mut j = i + 1;
            while j < t.tokens.len() && matches!(&*word(j), "one" | "else") {
                j += 1;
            }
            t.tokens
                .get(j)
                .is_none_or(|w| !matches!(w.upos, Upos::Verb | Upos::Aux))
        });
    before || object
}

/// Whether a sentence's cue has a speaker that is a noun phrase, a name or
/// a pronoun: a paragraph that is someone's account, which a quotation
/// standing alone after it continues. An introduction noun's first
/// capital (`Outside the locker room, parents held up a banner painted
/// with the words “…”`) is the sign's, not a speaker's.
fn speaks_in(doc: &Document, p: &Sentence) -> bool {
    let Some(sp) = p.attribution.and_then(|a| a.speaker) else {
        return false;
    };
    let t = p.tags.get_or_tag(&doc.prose, p.span);
    t.token_at(sp.span.start).is_none_or(|i| {
        t.chunk_of(i).is_some()
            || !matches!(
                t.tokens[i].upos,
                Upos::Adp | Upos::Adv | Upos::Sconj | Upos::Cconj | Upos::Part | Upos::Punct
            )
    })
}

/// A group (`residents`, `the housekeepers`, `two shop owners`) credited
/// with a quotation in the first person singular (`“I moved here in
/// 1974,” residents said`): no one person is named, so nobody is.
///
/// Only the clear form: a plural common noun at the head (so names in -s,
/// `the Crooks`, still speak), not a document, a text or a speech noun
/// (`memos`, `Her words: “I …”`, `the president’s comments`), and
/// standing right by its verb, at most a short phrase between (`people in
/// the line said`, `teachers who spoke`), so that a phrase the cue
/// reached for across a clause (`Six days before Clinton spoke`) is not
/// taken for the speaker.
///
/// So is an unnamed crowd in a tag after any quotation (`“…,” people in
/// the crowd said`, `“…,” residents said`): the guide's anonymous and
/// undescribed people, as `a neighbour` is. Not those who speak for a
/// body (`“…,” officials said`), a described source as `one official`
/// is.
fn group_for_one(doc: &Document, src: &QuoteSource, cue: Span, q: &Quote) -> bool {
    src.speaker.is_some_and(|sp| {
        is_group(doc, sp)
            && next_to(doc, sp.span, cue)
            && (first_person_singular(doc.text(q.inner))
                || unnamed_crowd_tag(doc, src, sp, q)
                    && !CROWD_VOICE.contains(&&*lower(first_word(doc.text(cue)))))
    })
}

/// A plural phrase of the `[anonymous-nouns]` kind (`people`, `residents`)
/// tagging the quotation from after it in its own sentence, its head not
/// one who speaks for a body.
fn unnamed_crowd_tag(doc: &Document, src: &QuoteSource, sp: Speaker, q: &Quote) -> bool {
    let head = lower(
        doc.text(sp.span)
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or(""),
    );
    let singular = head.strip_suffix('s').unwrap_or(&head);
    src.how == How::SameSentence
        && (sp.kind == SpeakerKind::Anonymous
            || sp.kind == SpeakerKind::Role && bare_plural(doc, sp))
        && sp.span.start >= q.span.end
        && !SPEAKS_FOR.contains(&&*head)
        && !SPEAKS_FOR.contains(&singular)
}

/// The first word of a text (`shouted` of `shouted back`).
fn first_word(text: &str) -> &str {
    text.split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
}

/// A plural of people with no article or possessive before it
/// (`organizers`, `some critics`, `many parents`): no one the story
/// introduced, a faceless crowd, where `the organizers` or `its
/// organizers` points back to a body the story named. A singular head
/// (`point three begins`, a document's part) is no crowd.
fn bare_plural(doc: &Document, sp: Speaker) -> bool {
    let phrase = doc.text(sp.span);
    let head = phrase
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    head.ends_with('s')
        && !head.ends_with("ss")
        && !head.ends_with("us")
        && !phrase.contains(['’', '\'', '"', '“'])
        && phrase.split_whitespace().next().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !DEFINITE_WORDS.contains(&&*lower(w))
        })
}

/// One person's words (`I`, `me`, `my`) given to a speaker that is a
/// thing (`For $19, it did exactly what it promised. “… it got me
/// through a layover.”`, `according to its ticketing page`, `this one
/// made me laugh:`) or to a colon introduction that names no one (`From
/// our comments section, a warning:`): a thing does not speak, so the one
/// who did goes unnamed. A body's `we` (`“We will appeal,” it said`) is
/// left alone.
fn thing_for_one(doc: &Document, src: &QuoteSource, cued: Option<&Sentence>, q: &Quote) -> bool {
    if !matches!(
        src.how,
        How::SameSentence | How::PreviousSentence | How::PreviousParagraph | How::NextSentence
    ) || !first_person_singular(doc.text(q.inner))
    {
        return false;
    }
    match src.speaker {
        Some(sp) => THING_SPEAKERS.contains(&&*lower(doc.text(sp.span).trim())),
        None => cued.is_some_and(|s| {
            s.ends_with_colon
                && s.attribution.is_some_and(|a| !a.from_link)
                && !doc
                    .text(s.span)
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| PERSON_PRONOUNS.contains(&&*lower(w)))
        }),
    }
}

/// A plain group of people as a speaker (`residents`, `Some analysts`,
/// `two shop owners`): a plural common noun at the head, not a document, a
/// text or a speech noun (`memos`, `Her words`, `the president’s
/// comments`). Names in -s (`the Crooks`) are not groups.
fn is_group(doc: &Document, sp: Speaker) -> bool {
    if !sp.plural {
        return false;
    }
    if !matches!(
        sp.kind,
        SpeakerKind::Person | SpeakerKind::Role | SpeakerKind::Anonymous
    ) {
        return false;
    }
    let phrase = doc.text(sp.span);
    let head = phrase
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let singular = head.strip_suffix('s').unwrap_or(head);
    // Texts and what is said (`memos`, `words`, `the president’s comments`).
    let text_noun = |w: &str| {
        DOCUMENT_NOUNS.contains(&w)
            || INTRO_NOUNS.contains(&w)
            || INSCRIPTIONS.contains(&w)
            || crate::lexicon::Verbs::builtin().use_of(w).is_some()
    };
    head.chars().next().is_some_and(char::is_lowercase) && !text_noun(head) && !text_noun(singular)
}

/// An unidentified individual as a quotation's speaker: a phrase opened by
/// an indefinite determiner with a common noun at its head (`one woman
/// shouted`, `a man in the front row … said`, `One longtime Commerce
/// employee put it`). The guide flags a quotation whose speaker is not
/// identified, and such a phrase identifies nobody. A name in apposition
/// (`Marta Kowalska, 34, a teacher, said`; `a Brightway spokeswoman,
/// Kendra Liu,`), someone who speaks for a body (`a spokeswoman for the
/// county`, `a White House official`) or a described source (`a staffer
/// who asked not to be named`) is a source.
fn unnamed_individual(doc: &Document, s: &Sentence, speaker: Option<Speaker>, q: &Quote) -> bool {
    let (Some(sp), Some(cue)) = (speaker, s.attribution.map(|a| a.span)) else {
        return false;
    };
    let Some((t, c)) = person_phrase(doc, s, sp).filter(|_| !sp.plural) else {
        return false;
    };
    let word = |i: usize| t.tokens.get(i).map(|w| lower(doc.text(w.span)));
    let is = |i: usize, list: &[&str]| word(i).is_some_and(|w| list.contains(&&*w));
    let head = &t.tokens[c.head];
    // Words the quotation holds, or an object (`according to a witness`,
    // `read from a prepared statement`), are not the cue's subject.
    // An elliptical introduction with no verb before the phrase (`And from
    // a reader who emailed us:`) names it as the source, though.
    let elliptical = s.ends_with_colon && !t.tokens[..c.first].iter().any(|w| w.is_finite_verb());
    // A phrase right before its finite cue is that verb's subject, though a
    // word the tagger reads as a preposition opens its clause (`after a
    // travel influencer posted about it`).
    let subject = c.span.end <= cue.start
        && t.token_at(cue.start)
            .is_some_and(|v| v == c.end + 1 && t.tokens[v].is_finite_verb());
    let object = c.first > 0 && t.tokens[c.first - 1].upos == Upos::Adp && !elliptical && !subject;
    // A habit (`My grandmother used to say, “…”`): a saying handed down,
    // not a quotation; the cue's verb is an infinitive.
    let habit = t.token_at(cue.start).is_some_and(|v| {
        t.tokens[v].upos == Upos::Verb
            && t.tokens[v].feats.verb_form == Some(copydesk_tagger::VerbForm::Inf)
    });
    if !is(c.first, &INDEFINITE)
        || habit
        || object
        || q.span.start <= c.span.start && c.span.end <= q.span.end
        || head.upos != Upos::Noun
        || head.is_plural()
        || [
            &*SPEAKS_FOR,
            &*DOCUMENT_NOUNS,
            &*INTRO_NOUNS,
            &*ORGANISATION_NOUNS,
            &*INSCRIPTIONS,
        ]
        .iter()
        .any(|list| is(c.head, list))
        // A quantity of people (`a lot of people`, `a handful of`), not one.
        || is(c.head, &QUANTITY_NOUNS) && is(c.end, &["of"])
        || !next_to(doc, c.span, cue)
            && !coordinated(doc, c.span, cue)
            && !places_between(t, c, cue)
            && !clause_between(doc, t, c, cue)
    {
        return false;
    }
    let comma = |i: usize| t.tokens.get(i).is_some_and(|w| doc.text(w.span) == ",");
    // After a name or an age (`Marta Kowalska, 34, a teacher`), not after
    // an opening phrase (`At a reading last month, a man … said`).
    let named_before = |i: usize| {
        i.checked_sub(2)
            .and_then(|k| t.tokens.get(k))
            .is_some_and(|w| matches!(w.upos, Upos::Propn | Upos::Num))
    };
    let apposition = c.first > 0 && comma(c.first - 1) && named_before(c.first)
        || comma(c.end)
            && t.tokens
                .get(c.end + 1)
                .is_some_and(|w| w.upos == Upos::Propn);
    // Described (`a staffer who asked not to be named`).
    // The chunker may keep the description in the phrase (`a person
    // familiar`), so read from the head to the word after the phrase.
    // A relative clause describes the source only when it says why it goes
    // unnamed (`who asked not to be named`); `a reader who emailed us`
    // identifies nobody.
    // The relative clause may stand after a comma (`one insider, who
    // spoke on condition of anonymity, said`).
    // The clause runs to the cue after it, over a relative joined to it
    // (`a scientist who reviewed the paper for the journal, and who asked
    // not to be named …, was more cautious:`); before an inverted cue's
    // phrase, a dozen words.
    let relative = if comma(c.end) { c.end + 1 } else { c.end };
    let cue_after = cue.end > c.span.end;
    // Or named in apposition past a relative clause that describes it
    // (`One farmer who drove it with us, Curt Haldeman of Bowling Green,
    // put it simply: “…”`; `said a neighbour who found the dog, Ana
    // Ruiz.`): a comma, then a name after a word that is not one (so
    // not `near Bowling Green, Ohio,`), then the cue after a comma or the
    // sentence's end, with no finite verb between.
    let propn = |i: usize| t.tokens.get(i).is_some_and(|w| w.upos == Upos::Propn);
    let named_past_clause = is(relative, &RELATIVES)
        && (relative + 2..t.tokens.len()).take(24).any(|k| {
            let name_from = |end: usize| {
                comma(k)
                    && propn(k + 1)
                    && !propn(k - 1)
                    && !t.tokens[k + 1..end].iter().any(|w| w.is_finite_verb())
            };
            if cue_after {
                // The apposition's closing comma, then the verb (the
                // cue's, or a colon introduction's).
                (k + 2..t.tokens.len())
                    .find(|&m| comma(m))
                    .is_some_and(|m| {
                        name_from(m) && t.tokens.get(m + 1).is_some_and(|w| w.is_finite_verb())
                    })
            } else {
                let end = (k + 1..t.tokens.len())
                    .find(|&i| !propn(i))
                    .unwrap_or(t.tokens.len());
                name_from(end)
                    && t.tokens
                        .get(end)
                        .is_none_or(|w| w.upos == Upos::Punct && doc.text(w.span) != ",")
            }
        });
    let described = (c.head + 1..=c.end).any(|i| is(i, &DESCRIBED))
        || is(relative, &RELATIVES)
            && (relative + 1..t.tokens.len())
                .take(if cue_after { 32 } else { 12 })
                .take_while(|&i| !cue_after || t.tokens[i].span.start < cue.end)
                .any(|i| is(i, &ANONYMITY));
    // Asking a question someone else answers (`When a viewer asked why…,
    // Ramos said`) leaves the quotation to the answer's cue; a question the
    // cue itself reports (`“…?” one analyst asked`) is the unnamed one's.
    let own_question = t.token_at(cue.start) == Some(c.end)
        && (q.span.end <= cue.start || doc.text(q.inner).trim_end().ends_with('?'));
    let asks_other = is(c.end, &EXCHANGE_VERBS) && !own_question;
    !apposition && !named_past_clause && !described && !asks_other
}

/// The writer hears the words from someone the story does not identify
/// (`We also heard from a listener who was not convinced:`, `I got a
/// note from a reader:`): the one who speaks is the phrase after `from`,
/// not the writer, and such a phrase identifies nobody unless it speaks
/// for a body (`from a spokeswoman for the county`) or is described.
fn heard_from_unnamed(doc: &Document, s: &Sentence, speaker: Option<Speaker>) -> bool {
    let Some(sp) = speaker else {
        return false;
    };
    let who = lower(doc.text(sp.span).trim());
    if sp.kind != SpeakerKind::Pronoun || !(who == "i" || FIRST_PERSON_PLURAL.contains(&&*who)) {
        return false;
    }
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let word = |i: usize| t.tokens.get(i).map(|w| lower(doc.text(w.span)));
    let is = |i: usize, list: &[&str]| word(i).is_some_and(|w| list.contains(&&*w));
    let start = t.token_at(sp.span.end).unwrap_or(0);
    let Some(from) = (start..t.tokens.len())
        .take(8)
        .find(|&i| t.tokens[i].upos == Upos::Adp && word(i).as_deref() == Some("from"))
    else {
        return false;
    };
    let Some(c) = t.chunk_of(from + 1).filter(|c| c.first == from + 1) else {
        return false;
    };
    is(c.first, &INDEFINITE)
        && t.tokens[c.head].upos == Upos::Noun
        && !is(c.head, &SPEAKS_FOR)
        && !(c.head + 1..=c.end).any(|i| is(i, &DESCRIBED))
        && !(is(c.end, &RELATIVES)
            && (c.end + 1..t.tokens.len())
                .take(12)
                .any(|i| is(i, &ANONYMITY)))
}

/// A cue whose subject is a lone indefinite word standing for a person
/// (`Another told me what he's heard`, `One said:`): like `another farmer`
/// it identifies nobody. Described by the sentence or the one before it
/// (`Two officials spoke on condition of anonymity. One said …`), it is a
/// described source. Not `One of the organisers` (its cue stands after
/// `organisers`) nor a phrase with a noun (`one woman`, judged by
/// [`unnamed_individual`]).
fn lone_indefinite(doc: &Document, s: &Sentence, earlier: Option<&Sentence>) -> bool {
    let Some(cue) = s.attribution.map(|a| a.span) else {
        return false;
    };
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let Some(v) = t
        .token_at(cue.start)
        .filter(|&v| t.tokens[v].is_finite_verb())
    else {
        return false;
    };
    let lone = |i: usize| {
        t.tokens.get(i).is_some_and(|w| {
            !matches!(w.upos, Upos::Noun | Upos::Propn)
                && INDEFINITE.contains(&&*lower(doc.text(w.span)))
        })
    };
    // Before the verb, past its adverbs and auxiliaries and any adjective
    // (`one local said`), opening its clause: the sentence's first word, or
    // one after a conjunction or a punctuation mark (`And another added`).
    let mut w = v;
    while w > 0 && matches!(t.tokens[w - 1].upos, Upos::Adv | Upos::Aux) {
        w -= 1;
    }
    while w > 0 && t.tokens[w - 1].upos == Upos::Adj {
        w -= 1;
    }
    let before = w > 0
        && lone(w - 1)
        && (w - 1)
            .checked_sub(1)
            .is_none_or(|i| matches!(t.tokens[i].upos, Upos::Cconj | Upos::Punct));
    // Or right after it, ending the clause (`“…,” wrote another.`).
    let mut end = v + 2;
    while t.tokens.get(end).is_some_and(|w| w.upos == Upos::Adj) {
        end += 1;
    }
    let after = lone(v + 1) && t.tokens.get(end).is_none_or(|w| w.upos == Upos::Punct);
    // Or the word stands for texts (`He repeated the threat in other
    // tweets. “…,” read one.`), which source their words.
    let described = |s: &Sentence| {
        s.tags
            .get_or_tag(&doc.prose, s.span)
            .tokens
            .iter()
            .any(|t| {
                let w = lower(doc.text(t.span));
                // A plural the word picks one from (`two officials`, not
                // `the email investigation`).
                let one = w.strip_suffix('s').filter(|_| t.is_plural());
                ANONYMITY.contains(&&*w)
                    || [&*SPEAKS_FOR, &*DOCUMENT_NOUNS, &*INSCRIPTIONS]
                        .iter()
                        .any(|list| one.is_some_and(|one| list.contains(&one)))
            })
    };
    (before || after) && !described(s) && !earlier.is_some_and(described)
}

/// The tags of a quotation's sentence and the index of the quotation's
/// first token, when the sentence opens before it (words lead into it).
fn lead_in<'s>(
    doc: &Document,
    sentences: &'s [Sentence],
    q: &Quote,
) -> Option<(&'s Tagged, usize)> {
    let s = sentences
        .get(q.sentence)
        .filter(|s| s.span.start <= q.span.start)?;
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    Some((t, t.tokens.partition_point(|w| w.span.end <= q.span.start)))
}

/// Whether a quotation is the words a thing shows: a verb from
/// `inscription-verbs` before it, at most a short phrase between (`reads,
/// in English and Spanish, “…”`), whose subject, a few words back, is a
/// thing from `inscription-nouns` (`signs that read “…”`, `a printed
/// label beside it that reads`, `placards saying “…”`). A person's verb
/// (`Ruiz said “…”`) finds no such thing before it.
fn inscribed(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    let Some((t, at)) = lead_in(doc, sentences, q) else {
        return false;
    };
    let is = |i: usize, list: &[&str]| list.contains(&&*lower(doc.text(t.tokens[i].span)));
    // The verb: the nearest one before the quotation, past punctuation and
    // a short phrase with no verb of its own.
    let Some(v) = (0..at)
        .rev()
        .filter(|&i| t.tokens[i].upos != Upos::Punct)
        .take(5)
        .find(|&i| matches!(t.tokens[i].upos, Upos::Verb | Upos::Aux))
    else {
        return false;
    };
    if !is(v, &INSCRIPTION_VERBS) {
        return false;
    }
    // Its subject: a thing a few words back (`signs that`, `a label beside
    // it that`), before any other verb.
    (0..v)
        .rev()
        .take(5)
        .take_while(|&i| !matches!(t.tokens[i].upos, Upos::Verb | Upos::Aux))
        .any(|i| t.tokens[i].upos == Upos::Noun && is(i, &INSCRIPTIONS))
}

/// Whether a quotation is a chant or a slogan: its own tag after it is a
/// chant (`“No justice, no peace!” the crowd chanted`, a subject of a few
/// words and the verb), or a chant word stands a few words before it with
/// no speech verb between (`Protesters chanted, “…”`, `The chant grew
/// louder: “…”`). A crowd's chant is nobody's speech to source; `After
/// the crowd chanted, Ruiz said: “…”` is Ruiz's.
fn chanted(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    /// How many words a chant word may stand before the quotation, or its
    /// subject run after it.
    const NEAR: usize = 5;
    let Some((t, at)) = lead_in(doc, sentences, q) else {
        return false;
    };
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    let chant = |i: usize| CHANT_WORDS.contains(&&*word(i));
    let speech = |i: usize| speech_verb(doc, t, i);
    // After: past the closing punctuation, a short subject, the verb.
    let i = past_closing(t, q);
    let after = (i..t.tokens.len().min(i + NEAR))
        .take_while(|&j| !speech(j) && t.tokens[j].upos != Upos::Punct)
        .any(|j| chant(j) && t.tokens[j].upos == Upos::Verb);
    // Before: the nearest words, no speech verb between.
    let before = (0..at)
        .rev()
        .filter(|&j| t.tokens[j].upos != Upos::Punct)
        .take(NEAR)
        .take_while(|&j| !speech(j))
        .any(chant);
    after || before
}

/// Whether token `i` is a verb of speech (a built-in reporting verb
/// tagged as a verb).
fn speech_verb(doc: &Document, t: &Tagged, i: usize) -> bool {
    t.tokens[i].upos == Upos::Verb
        && crate::lexicon::Verbs::builtin()
            .use_of(&lower(doc.text(t.tokens[i].span)))
            .is_some()
}

/// The first token after a quotation and the punctuation closing it.
fn past_closing(t: &Tagged, q: &Quote) -> usize {
    let i = t.tokens.partition_point(|w| w.span.start < q.span.end);
    i + t.tokens[i..]
        .iter()
        .take_while(|w| w.upos == Upos::Punct)
        .count()
}

/// Whether a quotation's own speech tag has for its subject a word that
/// names nobody (`[not-speakers]`: `someone`, `somebody`, `anyone`): right
/// after it (`“Start with your own salaries!” someone yelled`, `“…,”
/// someone else muttered`) or right before it (`Somebody shouted, “…”`).
/// Such a tag says the speaker is unknown, whatever else the sentence
/// names.
fn tagged_by_nobody(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    let Some(s) = sentences.get(q.sentence) else {
        return false;
    };
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    let nobody = |i: usize| NOBODY.contains(&&*word(i));
    let speech = |i: usize| speech_verb(doc, t, i);
    // After: past the closing punctuation, the word and its verb (`someone
    // else` and adverbs between).
    let i = past_closing(t, q);
    if i < t.tokens.len() && nobody(i) {
        let mut v = i + 1;
        while t
            .tokens
            .get(v)
            .is_some_and(|w| matches!(w.upos, Upos::Adv | Upos::Adj))
            || v < t.tokens.len() && word(v) == "else"
        {
            v += 1;
        }
        if v < t.tokens.len() && speech(v) {
            return true;
        }
    }
    // Before: the verb, past its punctuation, and the word opening it.
    let mut v = t.tokens.partition_point(|w| w.span.end <= q.span.start);
    while v > 0 && t.tokens[v - 1].upos == Upos::Punct {
        v -= 1;
    }
    let Some(v) = v.checked_sub(1).filter(|&v| speech(v)) else {
        return false;
    };
    let mut w = v;
    while w > 0 && (t.tokens[w - 1].upos == Upos::Adv || word(w - 1) == "else") {
        w -= 1;
    }
    w.checked_sub(1).is_some_and(nobody)
}

/// Whether a quotation is the subject its sentence goes on to describe
/// (`“Build it and they will come” only worked because it was a movie`,
/// `“Our religion will not be mocked” is a threat`, `A swastika and “…”
/// were spray painted on a wall`): it opens the sentence or ends a
/// subject of things joined to it, ends with no punctuation of its own,
/// and a finite verb that
/// reports no speech follows it. The words are mentioned, a slogan or a
/// line everyone knows, not quoted from someone to name.
fn subject_of_its_sentence(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    let Some(s) = sentences.get(q.sentence) else {
        return false;
    };
    let lead = doc.text(Span::new(s.span.start, q.span.start.max(s.span.start)));
    let bare = !doc
        .text(q.inner)
        .trim_end()
        .ends_with(['.', '!', '?', ',', ';', ':', '—', '–', '-', '…']);
    if q.runs_on || q.span.start < s.span.start || !bare {
        return false;
    }
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    // Or it ends a subject of things joined (`A swastika and “Nazi
    // Republicans get out” were spray painted on the wall`): nouns and
    // their modifiers, then `and` or `or`, nothing else before it.
    let at = t.tokens.partition_point(|w| w.span.start < q.span.start);
    let conjunct = {
        let lead = &t.tokens[..at];
        let last = lead.iter().rev().find(|w| w.upos != Upos::Punct);
        last.is_some_and(|w| w.upos == Upos::Cconj)
            && lead.iter().any(|w| w.upos == Upos::Noun)
            && lead.iter().all(|w| {
                matches!(
                    w.upos,
                    Upos::Det | Upos::Adj | Upos::Noun | Upos::Num | Upos::Cconj
                ) || w.upos == Upos::Punct && doc.text(w.span) == ","
            })
    };
    if !lead.trim().is_empty() && !conjunct {
        return false;
    }
    let mut i = t.tokens.partition_point(|w| w.span.start < q.span.end);
    while t.tokens.get(i).is_some_and(|w| w.upos == Upos::Adv) {
        i += 1;
    }
    t.tokens.get(i).is_some_and(|w| {
        // A past form reads as a participle to the tagger when the subject
        // is quoted (`only worked`).
        (w.upos == Upos::Aux && w.feats.is_finite()
            || w.upos == Upos::Verb
                && matches!(
                    w.feats.verb_form,
                    Some(copydesk_tagger::VerbForm::Fin | copydesk_tagger::VerbForm::Part)
                ))
            && !crate::lexicon::REPORTING_VERBS.contains(&lower(doc.text(w.span)))
    })
}

/// Whether an apposition right after a quotation names it as a part of a
/// work (`“Where’s Papa going?” — the opening of a novel — hung over the
/// bar`, `“…,” the refrain of the club’s anthem,`): past a dash or comma,
/// `the`, at most two modifiers (`first`, `famous`), a noun from
/// `[work-line-nouns]`, then `of`. The work is the words' source.
fn named_as_a_line(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    // The apposition may fall in the next sentence when the quotation ends
    // in `?` or `!`.
    let end = sentences
        .get(q.sentence + 1)
        .or(sentences.get(q.sentence))
        .map_or(q.span.end, |s| s.span.end)
        .max(q.span.end);
    let rest = doc.text(Span::new(q.span.end, end)).trim_start();
    // The dash or comma may stand inside the quotation (`“…,” the refrain
    // of`).
    let rest = ["—", "–", "--", "-", ","]
        .iter()
        .find_map(|d| rest.strip_prefix(d))
        .unwrap_or(rest);
    let words: Vec<std::borrow::Cow<str>> = rest
        .split_whitespace()
        .take(6)
        .map(|w| lower(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    if words.first().is_none_or(|w| w != "the") {
        return false;
    }
    // `the opening of`, `the first line of`, `the famous closing lines of`.
    (1..words.len().min(4))
        .any(|i| WORK_LINES.contains(&&*words[i]) && words.get(i + 1).is_some_and(|w| w == "of"))
}

/// Whether a quotation is the content of a text named right before it,
/// `that` between (`agreed with the statement that “…”`, `Kennedy’s
/// statement that “…”`): the proposition a poll or a story holds up, its
/// owner (if any) named by the phrase, not a speech to source.
fn text_content(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    let Some((t, at)) = lead_in(doc, sentences, q) else {
        return false;
    };
    let mut words = (0..at).rev().filter(|&i| t.tokens[i].upos != Upos::Punct);
    let (Some(that), Some(noun)) = (words.next(), words.next()) else {
        return false;
    };
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    word(that) == "that"
        && t.tokens[noun].upos == Upos::Noun
        && [&*INTRO_NOUNS, &*DOCUMENT_NOUNS]
            .iter()
            .any(|list| list.contains(&&*word(noun)))
}

/// Whether a quotation is a question the sentence names as its subject's
/// content (`The question I keep getting is simple: "Is the rebate
/// real?"`, `The question before the board was: “Who pays?”`): a noun
/// from `[question-nouns]` heads the phrase the sentence opens with, a
/// be-form after it, and the quotation, a question, right after a colon.
/// The question is what is asked, by readers or by anyone, not a speech
/// to source. A question someone put (`One reader asked: “…?”`) has a
/// cue and is judged as speech.
fn posed_question(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    if !doc.text(q.inner).trim_end().ends_with('?') {
        return false;
    }
    let Some((t, at)) = lead_in(doc, sentences, q) else {
        return false;
    };
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    if at == 0 || word(at - 1) != ":" {
        return false;
    }
    let Some(first) = t.chunks.first().filter(|c| c.first == 0) else {
        return false;
    };
    t.tokens[first.head].upos == Upos::Noun
        && QUESTION_NOUNS.contains(&&*word(first.head))
        && (first.end..at - 1)
            .any(|i| t.tokens[i].upos == Upos::Aux && super::cues::BE.contains(&&*word(i)))
}

/// Whether a quotation is a rule or a saying the sentence names as its
/// subject's content (`The club's first rule, printed on its cards, is
/// "Never pick alone."`, `Their motto was: "Fix it or fly it."`): a noun
/// from `[maxim-nouns]` before the sentence's first finite verb, a be-form right
/// before the quotation (past a colon or comma), no speech verb between.
/// The rule is what a group goes by, nobody's speech to source; `The rule,
/// Ruiz said, is "…"` has a speaker and is judged as speech.
fn stated_maxim(doc: &Document, sentences: &[Sentence], q: &Quote) -> bool {
    let Some((t, at)) = lead_in(doc, sentences, q) else {
        return false;
    };
    let word = |i: usize| lower(doc.text(t.tokens[i].span));
    let Some(be) = (0..at).rev().find(|&i| t.tokens[i].upos != Upos::Punct) else {
        return false;
    };
    // The subject runs to the first finite verb: a participle (`rowing`,
    // `printed on its cards`) may stand in it.
    let first_verb = (0..at)
        .find(|&i| t.tokens[i].is_finite_verb())
        .unwrap_or(at);
    matches!(t.tokens[be].upos, Upos::Verb | Upos::Aux)
        && super::cues::BE.contains(&&*word(be))
        && !(0..at).any(|i| speech_verb(doc, t, i))
        && (0..first_verb)
            .any(|i| t.tokens[i].upos == Upos::Noun && MAXIM_NOUNS.contains(&&*word(i)))
}

/// Whether a speaker's phrase names a thing that carries written words
/// (`A municipal sign at the trailhead`, `placards`).
fn inscription(doc: &Document, span: Span) -> bool {
    words_of(doc.text(span)).any(|w| INSCRIPTIONS.contains(&&*lower(w)))
}

/// The sentence's tags and the noun phrase of a speaker who may be a
/// person (not an organisation, a document or a pronoun).
fn person_phrase<'s>(
    doc: &Document,
    s: &'s Sentence,
    sp: Speaker,
) -> Option<(&'s Tagged, &'s Chunk)> {
    if !matches!(
        sp.kind,
        SpeakerKind::Person | SpeakerKind::Role | SpeakerKind::Anonymous
    ) {
        return None;
    }
    let t = s.tags.get_or_tag(&doc.prose, s.span);
    let c = t.token_at(sp.span.start).and_then(|i| t.chunk_of(i))?;
    Some((t, c))
}

/// Whether a speaker's phrase stands right by its cue, at most a short
/// lowercase phrase between (`people in the line said`, `one woman
/// shouted`), so that a phrase the cue reached for across a clause (`Six
/// days before Clinton spoke`) is not taken for the speaker.
fn next_to(doc: &Document, speaker: Span, cue: Span) -> bool {
    let between = if speaker.end <= cue.start {
        Span::new(speaker.end, cue.start)
    } else {
        Span::new(cue.end, speaker.start.max(cue.end))
    };
    let between = doc.text(between);
    between.split_whitespace().count() <= 3
        && !between.contains(|c: char| c.is_uppercase() || ".;:!?".contains(c))
}

/// Whether only phrases of prepositions (at most two) stand between a
/// speaker's phrase and its cue (`a listener in Ohio wrote`, `one parent
/// from Dayton at the meeting said`): they describe the speaker, though a
/// name in them has a capital.
fn places_between(t: &Tagged, c: &Chunk, cue: Span) -> bool {
    let Some(v) = t.token_at(cue.start) else {
        return false;
    };
    let (mut i, mut phrases) = (c.end, 0);
    while i < v && phrases < 2 && t.tokens[i].upos != Upos::Adv {
        let Some(n) = t.chunk_of(i + 1).filter(|n| n.first == i + 1) else {
            return false;
        };
        if t.tokens[i].upos != Upos::Adp {
            return false;
        }
        i = n.end;
        phrases += 1;
    }
    // And adverbs before the verb (`from the same session just said`).
    while i < v && t.tokens[i].upos == Upos::Adv {
        i += 1;
    }
    i == v
}

/// Whether only a participle or relative clause describing the speaker
/// stands between its phrase and its cue (`A driver stranded on Route 9
/// called`, `a woman who lives nearby said`), with no punctuation: it
/// describes, it does not identify. A participle before a name gives one
/// (`a man named Ed Ruiz said`).
fn clause_between(doc: &Document, t: &Tagged, c: &Chunk, cue: Span) -> bool {
    let Some(v) = t.token_at(cue.start).filter(|&v| v > c.end) else {
        return false;
    };
    let Some(w) = t.tokens.get(c.end) else {
        return false;
    };
    let opens = match w.upos {
        Upos::Verb => {
            !w.is_finite_verb()
                && t.tokens
                    .get(c.end + 1)
                    .is_none_or(|n| n.upos != Upos::Propn)
        }
        Upos::Pron => RELATIVES.contains(&&*lower(doc.text(w.span))),
        _ => false,
    };
    opens && v - c.end <= 16 && t.tokens[c.end..v].iter().all(|w| w.upos != Upos::Punct)
}

/// Whether the cue's verb is joined by `and` to the speaker's own verb
/// (`a man in the front row stood up during the question period and
/// said`): a lowercase run with no punctuation, ending in `and`.
fn coordinated(doc: &Document, speaker: Span, cue: Span) -> bool {
    if speaker.end > cue.start {
        return false;
    }
    let between = doc.text(Span::new(speaker.end, cue.start));
    let words: Vec<&str> = between.split_whitespace().collect();
    words.len() <= 12
        && words.last() == Some(&"and")
        && !between.contains(|c: char| c.is_uppercase() || ".,;:!?".contains(c))
}

/// A quotation standing alone after a paragraph whose cue makes no one its
/// speaker: a group (`Parents described children too scared to return`,
/// `Several customers … said`) or a cue with no speaker at all. Words in
/// the first person (`I`, `we`) are one voice's, and no one voice is
/// named. Only a plain group: a plural common noun with no name in its
/// phrase; an organisation or a document is left alone.
fn no_one_for(doc: &Document, s: &Sentence, speaker: Option<Speaker>, q: &Quote) -> bool {
    let inner = doc.text(q.inner);
    if !(first_person_singular(inner) || first_person_plural(inner)) {
        return false;
    }
    // An introduction ending in a colon hands the floor to the quotation
    // (`Hollis read from a prepared statement before the vote:`).
    if s.ends_with_colon {
        return false;
    }
    let Some(sp) = speaker else {
        return true;
    };
    let Some((t, c)) = person_phrase(doc, s, sp) else {
        return false;
    };
    let head = &t.tokens[c.head];
    // A capital past the sentence's first word is a name in -s (`Crews
    // added`), not a group.
    let lowercase = c.head == 0 || doc.text(head.span).starts_with(char::is_lowercase);
    let named = c.tokens(&t.tokens).iter().any(|w| w.upos == Upos::Propn);
    head.upos == Upos::Noun && head.is_plural() && lowercase && !named
}

/// Whether the words speak as a group: `we`, `us`, `our`.
fn first_person_plural(text: &str) -> bool {
    // Not `US`, the country.
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() <= 3 && w != "US" && FIRST_PERSON_PLURAL.contains(&&*lower(w)))
}

/// `“I moved here in 1974,” they said` after a sentence about a group
/// (`Residents packed the hall.`): `they` is the group, which cannot speak
/// one person's words. After a sentence naming someone (`Alex Kim, who
/// uses they/them, …`) it may be that person, and stays a source.
fn they_for_group(
    doc: &Document,
    src: &QuoteSource,
    earlier: Option<&Sentence>,
    q: &Quote,
) -> bool {
    let (Some(sp), Some(e)) = (src.speaker, earlier) else {
        return false;
    };
    if sp.kind != SpeakerKind::Pronoun || !doc.text(sp.span).eq_ignore_ascii_case("they") {
        return false;
    }
    let tokens = &e.tags.get_or_tag(&doc.prose, e.span).tokens;
    let named = tokens
        .iter()
        .any(|t| t.upos == Upos::Propn && !super::tokens::is_date_word(doc.text(t.span)));
    let group = tokens.iter().any(|t| t.upos == Upos::Noun && t.is_plural());
    !named && group && first_person_singular(doc.text(q.inner))
}

/// Whether the words speak as one person: `I` (`I’ve`, `I'd`), `me`,
/// `my`, `myself` (not `mine`, also a pit).
pub fn first_person_singular(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|w| {
        w == "I"
            || w.len() <= 6 && {
                let lw = w.to_ascii_lowercase();
                matches!(&*lw, "me" | "my" | "myself")
            }
    })
}

/// Whether a dash tag's words (`Ana Ruiz`, `The Riverton Gazette`, `NBC's
/// Today Show`) can name who spoke, not how the words were come by
/// (`Overheard at the bus stop`, `Posted to the town’s page`), an unnamed
/// one (`A longtime resident`, `Anonymous`) or where (`From the comments`).
/// Its first word, tagged in the tag, must open a noun phrase: a noun, a
/// name or a definite determiner. A word the tagger reads otherwise before
/// a name (`Will Smith`) still opens one.
fn names_someone(doc: &Document, name: Span) -> bool {
    let tagged = super::tokens::tag(&doc.prose, name);
    let mut words = tagged.tokens.iter().filter(|t| t.upos != Upos::Punct);
    let Some(first) = words.next() else {
        return false;
    };
    let next_is_name = words.next().is_some_and(|t| t.upos == Upos::Propn);
    let opens = match first.upos {
        Upos::Propn | Upos::Noun | Upos::X | Upos::Sym => true,
        Upos::Det => !INDEFINITE.contains(&&*lower(doc.text(first.span))),
        _ => false,
    };
    opens || next_is_name
}

/// A dash right after a quotation and a name that ends the paragraph
/// (`**The claim:** “…” — State Sen. Wade Corliss, in a campaign video
/// posted Nov. 20`, a caption's `“…” - NBC's Today Show (Getty)`): the
/// quotation signed as a block quote's signature line signs it. Only a
/// short tail, with no quotation, question or exclamation of its own
/// (`“…” — and that is the problem.` opens in lower case and signs
/// nothing).
fn dash_tag(doc: &Document, block: &Block, q: &Quote) -> Option<Speaker> {
    if q.runs_on || q.span.end >= block.span.end {
        return None;
    }
    let tail = doc.text(Span::new(q.span.end, block.span.end));
    // Bold or italic markers closing round the quotation (`**“…”** — Dev,
    // Leicester.`) stand between it and its dash, and so does a line
    // break in a block quote signed on its next line (`> “…”` then `> —
    // Marisa Quill`).
    let lead = tail.len()
        - tail
            .trim_start_matches([' ', ',', '.', '*', '_', '\n', '\r', '>'])
            .len();
    let rest = &tail[lead..];
    // A spaced hyphen stands for a dash in plain copy.
    let body = if let Some(r) = rest.strip_prefix("- ") {
        r.trim_start_matches(' ')
    } else if super::cues::is_attribution_line(rest) {
        rest.trim_start_matches(['—', '–', '―', '-', '~', ' '])
    } else {
        return None;
    };
    // A reader's question signed in mid-paragraph and answered after it
    // (`**“Why do clubs leak bids?”** — Dev, Leicester. Sometimes …`):
    // the credit is the first sentence, a name and a place in capitals,
    // when the whole tail is too long or has speech of its own to be one.
    let start = block.span.end - body.len();
    let tag_like = |b: &str| {
        let b = b.trim_end();
        (1..=16).contains(&b.split_whitespace().count())
            && !b.contains(['“', '"', '”', '\n', '!', '?'])
    };
    let body = if tag_like(body) {
        body
    } else {
        signoff(body).unwrap_or(body)
    };
    let body_trim = body.trim_end();
    let words = body_trim.split_whitespace().count();
    // A date or an occasion (`“…” - March 26, 1992, Interview with …`,
    // `- Speech at George Washington University`) names no one who spoke.
    let first = body
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if !(1..=16).contains(&words)
        || !body.starts_with(|c: char| c.is_uppercase() || c == '@' || c == '[')
        || super::tokens::is_date_word(first)
        || MONTHS.contains(&first)
        || INTRO_NOUNS.contains(&&*lower(first))
        || body_trim.contains(['“', '"', '”', '\n', '!', '?'])
    {
        return None;
    }
    let end = body.find([',', '(', ';']).unwrap_or(body_trim.len());
    let name = Span::new(start, start + body[..end].trim_end().len());
    if !names_someone(doc, name) {
        return None;
    }
    Some(Speaker {
        span: name,
        kind: SpeakerKind::Person,
        plural: false,
    })
}

/// A short sign-off that ends its sentence before more of the paragraph
/// (`Dev, Leicester.` in `Dev, Leicester. Sometimes …`): at most four
/// words, each capitalised, then a full stop and a new sentence. The
/// sign-off without its full stop.
fn signoff(body: &str) -> Option<&str> {
    let stop = body.find(". ")?;
    let credit = &body[..stop];
    let words = credit.split_whitespace().count();
    ((1..=4).contains(&words)
        && credit
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && body[stop + 1..]
            .trim_start()
            .starts_with(char::is_uppercase))
    .then_some(credit)
}

/// The poster, when block `next` is an embedded post's credit line under `post`: a
/// short line of its own at the same depth, a dash, then a name with the
/// poster's handle (`— Ana Ruiz (@anaruiz) [May 4, 2018](…)`) or a handle
/// alone. A dash and a name with no handle (`— Reporting by Ana Ruiz`)
/// signs nothing: it is the story's credit as often as a post's.
fn post_credit(doc: &Document, post: &Block, next: usize) -> Option<Speaker> {
    let b = doc.blocks.get(next)?;
    if b.kind != BlockKind::Paragraph
        || post.kind != BlockKind::Paragraph
        || b.quote_depth != post.quote_depth
    {
        return None;
    }
    // The dash, then the name as the poster styles it (it may open with a
    // mark or an emoji: `— ‘GITMO’ BAMA (@…)`); the handle decides.
    let text = doc.text(b.span).trim();
    if !text.starts_with(['—', '–', '―']) {
        return None;
    }
    // A credit is a name, a handle and a date: a line of up to a dozen
    // words, not a sentence.
    if text.contains('\n') || text.split_whitespace().nth(12).is_some() {
        return None;
    }
    let name = text.trim_start_matches(['—', '–', '―', '-', '~', ' ']);
    let handle = |h: &str| {
        let n = h
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        (1..=30).contains(&n)
    };
    if name.strip_prefix('@').is_some_and(handle) {
        let at = b.span.start + doc.text(b.span).find('@')?;
        let len = 1 + name[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        return Some(Speaker {
            span: Span::new(at, at + len),
            kind: SpeakerKind::Person,
            plural: false,
        });
    }
    let handled = name.split("(@").skip(1).any(|h| {
        handle(h)
            && h.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')
                .starts_with(')')
    });
    // The poster is the name before the handle, as styled (`‘GITMO’ BAMA`).
    let full = doc.text(b.span);
    let start = full.len() - full.trim_start().len() + (text.len() - name.len());
    let end = start + name.find("(@")?;
    let end = start + full[start..end].trim_end().len();
    (handled && end > start).then(|| Speaker {
        span: Span::new(b.span.start + start, b.span.start + end),
        kind: SpeakerKind::Person,
        plural: false,
    })
}

/// The name on a block quote's signature line (`— Maria Lopez, mayor`).
fn signature_speaker(doc: &Document, block: usize) -> Option<Speaker> {
    let span = doc.blocks.get(block)?.span;
    let text = doc.text(span);
    let start = text.find(char::is_uppercase)?;
    let end = text[start..]
        .find([',', '(', '\n'])
        .map_or(text.trim_end().len(), |e| start + e);
    Some(Speaker {
        span: Span::new(span.start + start, span.start + end.max(start)),
        kind: SpeakerKind::Person,
        plural: false,
    })
}

/// Whether the words inside the marks are an utterance to source rather than
/// a term, a title or a fragment.
pub fn is_utterance(inner: &str) -> bool {
    let words = || {
        inner
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
    };
    let first = inner
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next();
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false; // a fragment woven into the sentence
    }
    let ends_sentence = inner
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’'])
        .ends_with(['.', '!', '?', ',', '—', '…']);
    let n = words().take(5).count();
    if n < 4 || n < 5 && !ends_sentence {
        return false;
    }
    // Title Case: every significant word capitalised. One significant word
    // in lower case is enough to make it speech.
    !is_title_case(inner)
}

/// Whether text is in Title Case, as a headline or a list of facts'
/// heading is (`Hill Joined ESPN in 2006 As a Columnist`): two significant
/// words or more and none of them in lower case (the small words of
/// `[title-small-words]` may be). A word opening with a mark other than a
/// quotation mark or a bracket (`&amp;`, `#tag`) is not a word of the title.
pub fn is_title_case(text: &str) -> bool {
    let mut significant = 0;
    let opens_a_word = |w: &&str| {
        w.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
            .starts_with(char::is_alphanumeric)
    };
    for w in text
        .split_whitespace()
        .filter(opens_a_word)
        .filter(|w| !is_small_word(w))
    {
        let capital = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase());
        if !capital {
            return false;
        }
        significant += 1;
    }
    significant >= 2
}

/// Whether a word is one of [`TITLE_SMALL_WORDS`], in any case, with its
/// punctuation trimmed; without allocating for the usual ASCII word.
fn is_small_word(w: &str) -> bool {
    if w.is_ascii() {
        let t = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        TITLE_SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(t))
    } else {
        TITLE_SMALL_WORDS.contains(
            &w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
    }
}

/// Whether the text before a quotation ends with a word that makes the
/// quotation a title (`the song “…”`), past dashes and a parenthesis
/// (`its title – ‘…’`, `He captioned the tweet (shown below) “…”`).
pub fn is_title(before: &str) -> bool {
    let mut before = before.trim_end();
    if before.ends_with(')') {
        if let Some(open) = before.rfind('(') {
            before = &before[..open];
        }
    }
    let mut words = before
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty());
    let last = words.next().unwrap_or("");
    // The maker of a work and `of` (`the author of “…”`, `the host of
    // “…”`): the quotation names the work.
    let made = last.eq_ignore_ascii_case("of")
        && words
            .next()
            .is_some_and(|w| WORK_MAKERS.contains(&w.to_lowercase().as_str()));
    made || TITLE_CUES.contains(&last.to_lowercase().as_str()) || apposed_title(before)
}

/// A title in apposition to the work it names (`The paper, “…,” is
/// available`): a determiner, a noun for a work and a comma before it.
fn apposed_title(before: &str) -> bool {
    let Some(before) = before.strip_suffix(',') else {
        return false;
    };
    let mut words = before.split_whitespace().rev().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    let (work, det) = (words.next(), words.next());
    work.is_some_and(|w| TITLED_WORKS.contains(&&*w))
        && det.is_some_and(|d| TITLE_DETERMINERS.contains(&&*d))
}

/// A title in a citation: a year just before it (`McKitrick (2005),
/// ‘…’`, `McIntyre and McKitrick, 2005b, ‘…’`) or just after it (`‘…’
/// (2007)`).
pub fn is_citation(before: &str, after: &str) -> bool {
    let is_year = |w: &str| {
        let w = w.trim_matches(['(', ')', ',', '.', ';', '[', ']']);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_lowercase());
        w.len() <= 5
            && digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(&digits[..2], "19" | "20")
    };
    // The year in parentheses or after a comma, as a citation gives it
    // (not `In 2005, “…”`).
    let before = before.trim_end();
    let mut words = before.split_whitespace().rev();
    let (year, author) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let year_before =
        before.ends_with(',') && is_year(year) && (year.starts_with('(') || author.ends_with(','));
    let after = after.trim_start_matches([',', ' ']);
    let year_after = after.starts_with('(')
        && after
            .split_whitespace()
            .next()
            .is_some_and(|w| w.trim_end_matches(['.', ',', ';']).ends_with(')'))
        && after.split_whitespace().next().is_some_and(is_year);
    // The venue between the title and its year (`“…,” Nature Geoscience
    // (2026)`), or the authors' `et al.` before the title.
    let venue_year = after
        .split_whitespace()
        .take(5)
        .position(|w| w.starts_with('(') && is_year(w))
        .is_some_and(|at| {
            at > 0
                && after
                    .split_whitespace()
                    .take(at)
                    .all(|w| w.starts_with(char::is_uppercase))
        });
    // The venue, a comma and the date it ran (`“…,” Sawyer County Record,
    // Oct. 23, 1997.`): capitalised words, then only a month, a day and
    // the year (not `“…,” Lopez, 54, said in 2019`).
    let words: Vec<&str> = after.split_whitespace().take(10).collect();
    let venue_dated = words
        .iter()
        .position(|w| w.ends_with(','))
        .is_some_and(|v| {
            let date = &words[v + 1..words.len().min(v + 4)];
            words[..=v]
                .iter()
                .all(|w| w.starts_with(char::is_uppercase))
                && date.iter().position(|w| is_year(w)).is_some_and(|y| {
                    date[..y].iter().all(|w| {
                        let w = w.trim_end_matches([',', '.']);
                        w.bytes().all(|b| b.is_ascii_digit())
                            || w.starts_with(char::is_uppercase)
                                && w.chars().all(char::is_alphabetic)
                    })
                })
        });
    let et_al = before.trim_end_matches(',').ends_with("et al.");
    year_before || year_after || venue_year || venue_dated || et_al
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::lexicon::Verbs;
    use crate::Format;

    #[test]
    fn utterances_versus_terms_and_titles() {
        assert!(is_utterance("The bank knew. The bank had to know."));
        assert!(is_utterance("They knew. They’ve always known."));
        assert!(!is_utterance("mail-in"));
        assert!(!is_utterance("the most corrupt election"));
        assert!(!is_utterance("Fund the Fire Dept."));
        assert!(!is_utterance("The Diary of a Young Girl,"));
        assert!(!is_utterance("Flash! Flash!"));
        assert!(!is_utterance("Long Way Down"));
    }

    #[test]
    fn titles_and_citations() {
        assert!(is_title("As was made clear by its title – "));
        assert!(is_title("Students carried a banner (pictured, left) "));
        assert!(!is_title("She told the crowd (about 200 people) "));
        assert!(is_citation("and also to McKitrick (2005), ", ", op. cit."));
        assert!(is_citation(
            "their later paper, McIntyre and McKitrick, 2005b, ",
            ", Energy"
        ));
        assert!(is_citation("See also David Holland, ", " (2007), op. cit."));
        assert!(!is_citation("In 2005, ", " she said."));
        assert!(is_citation("- ", " Harbor Ledger, March 4, 2011, page 3."));
        assert!(is_citation("- ", " Ferry Times, 1988."));
        assert!(!is_citation("", " Lopez, 54, said in 2019."));
        assert!(!is_citation("", " Lopez said, in 2019."));
        assert!(!is_citation("The vote was 2005 to 12. ", ""));
        assert!(!is_citation(
            "On a Tuesday, ",
            " (he was furious) she said."
        ));
    }

    #[test]
    fn first_person_singular_words() {
        assert!(first_person_singular(
            "I’ve cleaned these houses for 11 years,"
        ));
        assert!(first_person_singular(
            "My son already spends too much time on screens."
        ));
        assert!(first_person_singular("Coach would have killed me."));
        assert!(!first_person_singular("We drove nine hours for this."));
        assert!(!first_person_singular(
            "The mine is closing. World War II is over."
        ));
        assert!(!first_person_singular("Immigration is the issue."));
    }

    /// The speaker of the first sentence's cue: its text and kind.
    fn speaker(text: &str) -> Option<(String, SpeakerKind)> {
        let a = analyze(text, Format::Markdown, Verbs::builtin());
        let sp = a.blocks[0].sentences[0].attribution?.speaker?;
        Some((a.text(sp.span).to_owned(), sp.kind))
    }

    fn is(text: &str, who: &str, kind: SpeakerKind) {
        assert_eq!(speaker(text), Some((who.to_owned(), kind)), "{text}");
    }

    #[test]
    fn speakers_are_noun_phrases_with_kinds() {
        use SpeakerKind::*;
        is(
            "“We won,” said Gov. Pat McCrory.",
            "Gov. Pat McCrory",
            Person,
        );
        is("“We won,” she said.", "she", Pronoun);
        is(
            "“We won,” said the department.",
            "the department",
            Organisation,
        );
        is("The mayor said the budget was final.", "The mayor", Role);
        is(
            "A senior official said the talks had stalled.",
            "A senior official",
            Anonymous,
        );
        is(
            "The count rose, according to the CDC.",
            "the CDC",
            Organisation,
        );
        is(
            "Rents rose, [the report](https://x.test) shows.",
            "the report",
            Document,
        );
    }

    #[test]
    fn verdicts_say_who_sources_each_quotation() {
        let text = "Mayor Ana Ruiz spoke first.\n\n“We will not let this stand.”\n\nThe council voted. “Nobody is coming to help us.”\n";
        let a = analyze(text, Format::Markdown, Verbs::builtin());
        let q = &a.blocks[1].quotes[0];
        let Verdict::Sourced(src) = q.verdict else {
            panic!("{:?}", q.verdict);
        };
        assert_eq!(src.how, How::PreviousParagraph);
        assert_eq!(src.block, 0);
        assert!(src
            .speaker
            .is_some_and(|s| a.text(s.span) == "Mayor Ana Ruiz"));
        assert_eq!(a.blocks[2].quotes[0].verdict, Verdict::Unsourced);
        assert!(a.blocks[2].quotes[0].utterance);
    }
}
