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

use super::tokens::{Tagged, Upos};
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
/// Words before a quotation that make it a title, not speech.
static TITLE_CUES: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("title-cues"));

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
        .and_then(|i| tagged.chunk_of(i))
        .filter(|c| c.span.start <= at.start && at.end <= c.span.end.max(at.end));
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
    let named = tokens.iter().any(|t| t.upos == Upos::Propn);
    let kind = if head.upos == Upos::Pron {
        if has(&ANONYMOUS) {
            SpeakerKind::Anonymous
        } else {
            SpeakerKind::Pronoun
        }
    } else if cue == AttributionKind::Document || has(&DOCUMENT_NOUNS) {
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
    s.attribution
        .is_some_and(|a| a.kind != AttributionKind::Document)
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
    // The source of the quotation run open at the end of the previous block.
    let mut run: Option<QuoteSource> = None;
    for i in 0..blocks.len().min(doc.blocks.len()) {
        let block = &doc.blocks[i];
        let (before, rest) = blocks.split_at_mut(i);
        let ba = &mut rest[0];
        for q in &mut ba.quotes {
            q.utterance = q.marks == QuoteMarks::BlockQuote && !q.inner.is_empty()
                || is_utterance(doc.text(q.inner))
                    && !is_title(doc.text(Span::new(block.span.start, q.span.start)))
                    && !is_citation(
                        doc.text(Span::new(block.span.start, q.span.start)),
                        doc.text(Span::new(q.span.end, block.span.end.max(q.span.end))),
                    );
        }
        if !judged(block) {
            run = None;
            continue;
        }
        let prev = i
            .checked_sub(1)
            .filter(|&p| !matches!(doc.blocks[p].kind, BlockKind::Heading(_)))
            .and_then(|p| Some((p, before[p].sentences.len().checked_sub(1)?)));
        let mut open_run = run;
        let mut verdicts = Vec::with_capacity(ba.quotes.len());
        for q in &ba.quotes {
            // A quotation that continues an unsourced run can still name
            // its own speaker (`“This amendment would gut the bill,”
            // DiDomenico claimed`).
            let source = if q.continues && open_run.is_some() {
                open_run.map(|s| QuoteSource {
                    how: How::Continues,
                    ..s
                })
            } else {
                source_of(doc, before, ba, i, q, prev, &signed).filter(|src| {
                    let cued = if src.block == i {
                        ba.sentences.get(src.sentence)
                    } else {
                        before
                            .get(src.block)
                            .and_then(|b| b.sentences.get(src.sentence))
                    };
                    let cue = cued.and_then(|s| s.attribution).map(|a| a.span);
                    !cue.is_some_and(|cue| group_for_one(doc, src, cue, q))
                })
            };
            if q.runs_on {
                open_run = source;
            }
            verdicts.push(source);
        }
        run = ba.quotes.last().filter(|q| q.runs_on).and(open_run);
        for (q, v) in ba.quotes.iter_mut().zip(verdicts) {
            q.verdict = v.map_or(Verdict::Unsourced, Verdict::Sourced);
        }
    }
}

/// Where a quotation that does not continue a run gets its speaker.
fn source_of(
    doc: &Document,
    before: &[BlockAnalysis],
    ba: &BlockAnalysis,
    block: usize,
    q: &Quote,
    prev: Option<(usize, usize)>,
    signed: &[(u32, usize)],
) -> Option<QuoteSource> {
    let from = |block: usize, sentence: usize, s: &Sentence, how: How| QuoteSource {
        block,
        sentence,
        how,
        speaker: s.attribution.and_then(|a| a.speaker),
    };
    let si = q.sentence.min(ba.sentences.len().checked_sub(1)?);
    let s = &ba.sentences[si];
    if attributed(s) {
        return Some(from(block, si, s, How::SameSentence));
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
    if si > 0 {
        let p = &ba.sentences[si - 1];
        return attributed(p).then(|| from(block, si - 1, p, How::PreviousSentence));
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
    (p.ends_with_colon && attributed(p) || names_speaker(p) && speaks_in(doc, p))
        .then(|| from(pb, ps, p, How::PreviousParagraph))
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
fn group_for_one(doc: &Document, src: &QuoteSource, cue: Span, q: &Quote) -> bool {
    let Some(sp) = src.speaker.filter(|sp| sp.plural) else {
        return false;
    };
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
            || crate::lexicon::Verbs::builtin().use_of(w).is_some()
    };
    if head.chars().next().is_none_or(|c| !c.is_lowercase())
        || text_noun(head)
        || text_noun(singular)
    {
        return false;
    }
    let between = if sp.span.end <= cue.start {
        Span::new(sp.span.end, cue.start)
    } else {
        Span::new(cue.end, sp.span.start.max(cue.end))
    };
    let between = doc.text(between);
    let near = between.split_whitespace().count() <= 3
        && !between.contains(|c: char| c.is_uppercase() || ".;:!?".contains(c));
    near && first_person_singular(doc.text(q.inner))
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
    let mut significant = 0;
    for w in words().filter(|w| !is_small_word(w)) {
        let capital = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase());
        if !capital {
            return true;
        }
        significant += 1;
    }
    significant < 2
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
    let last = before
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    TITLE_CUES.contains(&last.to_lowercase().as_str())
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
    year_before || year_after
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
