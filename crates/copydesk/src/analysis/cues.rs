//! Sentences, quotations and source cues for every block.
//!
//! A cue is what a copy editor looks for to see who says something: a
//! reporting verb with a speaker (`she said`, `said Smith`, `Smith told
//! reporters`), `according to X`, a colon introduction (`Hollis read a
//! statement:`), a link or footnote on the sentence. Vague stand-ins
//! (`experts say`) are recorded separately: they are not sources.

use super::quotes::Scanned;
use super::tokens::{Chunk, Tagged, Tags, Upos, VerbForm as Form};
use super::words::{recycle, words_into, Word};
use super::{Attribution, AttributionKind, Sentence, Speaker, SpeakerKind};
use crate::lexicon::{lower, VerbForm, VerbUse, Verbs, REPORTING_VERBS, VAGUE_SOURCES};
use crate::markup::{Block, Document};
use crate::span::Span;
use std::sync::LazyLock;

/// Words between a subject and its verb that do not change who speaks.
pub(crate) static SKIP: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("subject-skip"));
/// A be-form before the verb makes it passive (`was found`, `is called`).
pub(crate) static BE: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("be"));
/// Before a verb form, these make it a noun (`a report`, `the call`).
static NOUN_MAKERS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("noun-makers"));
/// Auxiliaries after which a verb's base form is finite (`he would say`).
pub(crate) static MODALS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("modals"));
pub(crate) static PRONOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("pronouns"));
pub(crate) static FIRST_PERSON: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("first-person"));
/// Described but unnamed sources.
pub(crate) static ANONYMOUS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("anonymous-nouns"));
/// Nouns that introduce a quoted text after a colon (`in a statement:`).
static NAME_PARTICLES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("name-particles"));
static INTRO_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("intro-nouns"));
/// Capitalised words that open sentences without naming anyone.
pub(crate) static NOT_NAMES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("not-names"));

/// `— Name`, `-- Name`, `― Name, title`: the line that signs a block quote.
pub fn is_attribution_line(text: &str) -> bool {
    let t = text.trim_start();
    let rest = ["—", "–", "―", "--", "~"]
        .iter()
        .find_map(|d| t.strip_prefix(d));
    rest.is_some_and(|r| {
        r.trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
}

/// The reporting verbs in force, with the built-in ones in a table that
/// finds a word without lowercasing it into a new string or hashing it
/// byte by byte: most words of a sentence are looked up and are not verbs.
pub(crate) struct VerbIndex<'a> {
    pub verbs: Verbs<'a>,
    builtin: &'static VerbTable,
    /// The text may hold a Kelvin sign (see [`VerbTable::get`]).
    kelvin: bool,
}

/// A word of at most 16 ASCII bytes, lowercased, as two little-endian
/// words; `None` for a longer or non-ASCII word.
fn pack(word: &str) -> Option<[u64; 2]> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut key = [0u64; 2];
    for (i, &b) in bytes.iter().enumerate() {
        key[i / 8] |= u64::from(b) << (8 * (i % 8));
    }
    const ONES: u64 = 0x0101_0101_0101_0101;
    if (key[0] | key[1]) & (ONES * 0x80) != 0 {
        return None;
    }
    // ASCII lowercase eight bytes at a time: a byte (below 0x80) gets its
    // top bit set by adding 0x3f when it is at least `A`, by adding 0x25
    // when it is above `Z`; no addition carries into the next byte.
    let lower = |x: u64| {
        let upper = x.wrapping_add(ONES * 0x3f) & !x.wrapping_add(ONES * 0x25) & (ONES * 0x80);
        x | upper >> 2
    };
    Some([lower(key[0]), lower(key[1])])
}

/// The built-in verb forms in an open-addressed table keyed by [`pack`]ed
/// words (a packed key, with the length, is the whole word, so a match is
/// exact); forms longer than 16 bytes, if any, stay in `REPORTING_VERBS`.
struct VerbTable {
    /// Packed forms; an empty slot has length 0 in `entries`.
    keys: Vec<[u64; 2]>,
    entries: Vec<(u8, VerbUse, VerbForm)>,
    /// Some built-in form does not pack (too long or not ASCII).
    unpacked: bool,
    /// By length, then by first letter: the last letters of the forms, as
    /// bits (see [`letter`]). Most words are ruled out by these alone.
    ends: [[u32; 27]; 17],
}

/// An ASCII byte's letter, case folded (0 to 25), or 26 for any other byte.
fn letter(b: u8) -> usize {
    let l = b.to_ascii_lowercase().wrapping_sub(b'a');
    if l < 26 {
        usize::from(l)
    } else {
        26
    }
}

impl VerbTable {
    fn slot(&self, key: [u64; 2]) -> usize {
        let h = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 40) as usize & (self.keys.len() - 1)
    }

    /// The entry for `word`: `Ok(None)` when it is surely not a built-in
    /// form, `Err(())` when the table cannot tell. `kelvin`: the text may
    /// hold a Kelvin sign, the one character that is not ASCII and
    /// lowercases to ASCII (`k`); without it, a word that is not ASCII
    /// lowercases to a word that is not, which only an unpacked form
    /// could be.
    fn get(&self, word: &str, kelvin: bool) -> Result<Option<(VerbUse, VerbForm)>, ()> {
        let bytes = word.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return Ok(None);
        };
        if (kelvin || self.unpacked) && !word.is_ascii() {
            return Err(());
        }
        // From here a word that is not ASCII is surely not a form.
        if bytes.len() > 16 {
            return if self.unpacked { Err(()) } else { Ok(None) };
        }
        if self.ends[bytes.len()][letter(first)] & 1 << letter(last) == 0 {
            return Ok(None);
        }
        let Some(key) = pack(word) else {
            return Ok(None);
        };
        let len = bytes.len() as u8;
        let mut i = self.slot(key);
        loop {
            match self.entries[i] {
                (0, ..) => return Ok(None),
                (l, u, f) if l == len && self.keys[i] == key => return Ok(Some((u, f))),
                _ => i = (i + 1) & (self.keys.len() - 1),
            }
        }
    }
}

static BUILTIN_VERBS: LazyLock<VerbTable> = LazyLock::new(|| {
    let n = (REPORTING_VERBS.words().count() * 2)
        .next_power_of_two()
        .max(16);
    let mut table = VerbTable {
        keys: vec![[0; 2]; n],
        entries: vec![(0, VerbUse::Speech, VerbForm::Other); n],
        unpacked: false,
        ends: [[0; 27]; 17],
    };
    for w in REPORTING_VERBS.words() {
        let (Some(key), Some(u)) = (pack(w), REPORTING_VERBS.use_of(w)) else {
            table.unpacked = true;
            continue;
        };
        let b = w.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            continue;
        };
        table.ends[b.len()][letter(first)] |= 1 << letter(last);
        let mut i = table.slot(key);
        while table.entries[i].0 != 0 {
            i = (i + 1) & (n - 1);
        }
        table.keys[i] = key;
        table.entries[i] = (b.len() as u8, u, REPORTING_VERBS.form(w));
    }
    table
});

impl<'a> VerbIndex<'a> {
    /// The index for words of `text`.
    pub(crate) fn new(verbs: Verbs<'a>, text: &str) -> VerbIndex<'a> {
        VerbIndex {
            verbs,
            builtin: &BUILTIN_VERBS,
            kelvin: text.contains('\u{212A}'),
        }
    }

    /// `verbs.use_of(&lower(word))`.
    pub(crate) fn use_of(&self, word: &str) -> Option<VerbUse> {
        match self.builtin.get(word, self.kelvin) {
            Ok(Some((u, _))) => Some(u),
            Ok(None) if self.verbs.extra.is_empty() => None,
            _ => self.verbs.use_of(&lower(word)),
        }
    }

    /// `verbs.form(&lower(word))`.
    pub(crate) fn form(&self, word: &str) -> VerbForm {
        match self.builtin.get(word, self.kelvin) {
            Ok(Some((_, f))) => f,
            Ok(None) if self.verbs.extra.is_empty() => VerbForm::Other,
            _ => self.verbs.form(&lower(word)),
        }
    }
}

/// Buffers kept from sentence to sentence.
#[derive(Default)]
pub(super) struct Scratch {
    /// A sentence's words (emptied: see [`recycle`]).
    words: Vec<Word<'static>>,
    /// A sentence's bytes with its quotations blanked.
    outside: Vec<u8>,
}

/// One sentence: where it ends, its cue and its vague stand-in for a source.
pub(super) fn sentence(
    doc: &Document,
    block: &Block,
    span: Span,
    quotes: &[Scanned],
    verbs: &VerbIndex<'_>,
    scratch: &mut Scratch,
) -> Sentence {
    let raw = doc.text(span);
    let ends_with_colon = raw.trim_end().ends_with(':');
    // The sentence outside its quotations: what the reporter says. Quotations
    // do not overlap and come in order, so those touching the sentence are
    // one run of them (found by binary search: a one-line draft can hold a
    // hundred thousand quotations and as many sentences).
    let lo = quotes.partition_point(|q| q.span.end <= span.start);
    let hi = lo + quotes[lo..].partition_point(|q| q.span.start < span.end);
    // Those are exactly the quotations that overlap the span.
    let inside = &quotes[lo..hi];
    // As `analysis::outside_quotes`, in a kept buffer.
    let owned = if inside.is_empty() {
        None
    } else {
        let mut bytes = std::mem::take(&mut scratch.outside);
        bytes.clear();
        bytes.extend_from_slice(raw.as_bytes());
        for q in inside {
            let s = q.span.start.max(span.start) - span.start;
            let e = q.span.end.min(span.end) - span.start;
            if let Some(run) = bytes.get_mut(s..e) {
                run.fill(b' ');
            }
        }
        // Quotation spans sit on character boundaries, so this stays UTF-8.
        Some(String::from_utf8(bytes).unwrap_or_default())
    };
    let outside: std::borrow::Cow<'_, str> = owned.map_or(raw.into(), Into::into);
    // "The researchers estimate" names a team the story has introduced;
    // "researchers estimate" names nobody.
    let vague: Vec<Span> = VAGUE_SOURCES
        .find_iter(&outside)
        .filter(|m| !is_determined(&outside[..m.start()]))
        .map(|m| Span::from(m.range()))
        .collect();
    let mut ws = recycle(std::mem::take(&mut scratch.words));
    words_into(&outside, &mut ws);
    let tags = Tags::default();
    let cx = Cx {
        doc,
        block,
        span,
        outside: &outside,
        ws: &ws,
        quotes: inside,
        tags: &tags,
    };
    let attribution = find_cue(&cx, &vague, verbs);
    // A document cue whose subject names no record: the cue stays (for
    // quotations, sources and the paragraph's later sentences) and the
    // claim rules weigh the stand-in against it.
    let document_stand_in = attribution.and_then(|at| vague_document(&cx, at));
    let mut vague = vague;
    if let Some(v) = document_stand_in {
        vague.insert(0, v);
    }
    scratch.words = recycle(ws);
    if let std::borrow::Cow::Owned(o) = outside {
        scratch.outside = o.into_bytes();
    }
    Sentence {
        span,
        ends_with_colon,
        attribution,
        vague_source: vague.first().map(|v| v.offset(span.start)),
        vague_document: document_stand_in.is_some(),
        tags,
        claim: Default::default(),
        issued: Default::default(),
    }
}

/// Heads of a document cue's subject that name no record when bare
/// (`[vague-document-heads]`: `research`, `studies`) or in any form
/// (`[unrecorded-heads]`: `history`, `experience`).
static VAGUE_DOCUMENT_HEADS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("vague-document-heads"));
static UNRECORDED_HEADS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("unrecorded-heads"));
/// Determiners and possessives that point at a record the story has
/// introduced (`the study`, `their research`).
static DEFINITE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("definite-determiners"));

/// A document cue (`found`, `shows`) whose subject opens the sentence and
/// names no record is a vague source, not a named one: "Research looking
/// at U.S. data has consistently found …", "The entire history of the EU
/// shows …", "Studies have repeatedly shown …". The subject's head is an
/// `[unrecorded-heads]` word (with any determiner), or a
/// `[vague-document-heads]` word with no determiner, possessive or name in
/// its phrase and no `by`, `from` or `of` phrase after it naming the
/// record ("Data from the census show …", "Research by the Fed found …",
/// "The research shows …" stay the story's document). Returns the
/// stand-in's span, sentence-relative, from the subject to the verb.
fn vague_document(cx: &Cx<'_>, at: Attribution) -> Option<Span> {
    if at.kind != AttributionKind::Document || at.from_link {
        return None;
    }
    let t = cx.tagged();
    let prose = &cx.doc.prose;
    let text = |i: usize| t.tokens[i].span.slice(prose);
    let v = t.token_at(at.span.start)?;
    // The subject opens the sentence (after a conjunction or an adverb).
    let c = t.chunks.first().filter(|c| {
        c.end <= v
            && (0..c.first)
                .all(|i| matches!(t.tokens[i].upos, Upos::Cconj | Upos::Adv | Upos::Punct))
    })?;
    // Its auxiliaries: a modal makes it no finding (`History will show`).
    let modal = (c.end..v).any(|i| MODALS.contains(&&*lower(text(i))));
    // What it finds is a clause (`found no evidence that …`), not a plain
    // object (`studies have revealed some interesting facts`).
    // (A finite verb, an auxiliary or a subordinator; `left-handed` is no
    // clause.)
    let clause = (v + 1..t.tokens.len()).any(|i| {
        let k = &t.tokens[i];
        matches!(k.upos, Upos::Aux | Upos::Sconj)
            || k.upos == Upos::Verb && k.feats.verb_form == Some(copydesk_tagger::VerbForm::Fin)
            || text(i).eq_ignore_ascii_case("that")
    });
    // A link on the sentence is the record (`federal data](…) showing`).
    let link = cx
        .doc
        .block_links(cx.block)
        .iter()
        .any(|l| l.span.overlaps(cx.span));
    if modal || !clause || link {
        return None;
    }
    let head = lower(text(c.head));
    let vague = if UNRECORDED_HEADS.contains(&&*head) {
        true
    } else if VAGUE_DOCUMENT_HEADS.contains(&&*head) {
        let named = (c.first..c.end).any(|i| {
            let w = text(i);
            t.tokens[i].upos == Upos::Propn
                || t.tokens[i].upos == Upos::Pron
                || w.ends_with("'s")
                || w.ends_with("’s")
                || (i < c.head && DEFINITE.contains(&&*lower(w)))
        });
        // A phrase right after it, or an agent anywhere before the verb
        // ("Figures released Tuesday by the agency show …"), names it.
        let complement = t.tokens.get(c.end).is_some_and(|n| {
            n.upos == Upos::Adp && matches!(&*lower(text(c.end)), "by" | "from" | "of" | "in")
        }) || (c.end..v)
            .any(|i| t.tokens[i].upos == Upos::Adp && matches!(&*lower(text(i)), "by" | "from"));
        !named && !complement
    } else {
        false
    };
    vague.then(|| Span::new(c.span.start - cx.span.start, at.span.end - cx.span.start))
}

/// A sentence's parts, computed once by the caller and shared.
struct Cx<'c> {
    doc: &'c Document,
    block: &'c Block,
    span: Span,
    /// The sentence with its quotations blanked.
    outside: &'c str,
    ws: &'c [Word<'c>],
    /// The quotations that overlap the sentence.
    quotes: &'c [Scanned],
    /// The sentence's tags, computed the first time a cue needs them.
    tags: &'c Tags,
}

impl Cx<'_> {
    fn tagged(&self) -> &Tagged {
        self.tags.get_or_tag(&self.doc.prose, self.span)
    }

    /// A verb next to a quotation: in this sentence, or opening it right
    /// after a quotation that ended the sentence before in the same block
    /// (`“What about the clubs?” Trump continued.`: the `?` split them).
    /// `verb` is relative to the sentence.
    fn next_to_quote(&self, verb: Span) -> bool {
        next_to_quote(self.outside, verb, self.quotes, self.span.start) || self.follows_quote(verb)
    }

    /// Only as a tag: a verb with an object (`“…?” Ruth answers this one
    /// at 49:40`) takes up the quotation, it does not speak it.
    fn follows_quote(&self, verb: Span) -> bool {
        let t = || self.tagged();
        self.after_quote()
            && self
                .outside
                .get(..verb.start)
                .is_some_and(|g| g.split_whitespace().count() <= 2)
            && t().token_at(self.span.start + verb.start).is_some_and(|v| {
                t().tokens.get(v + 1).is_none_or(|n| {
                    !matches!(
                        n.upos,
                        Upos::Det | Upos::Pron | Upos::Noun | Upos::Propn | Upos::Num
                    )
                })
            })
    }

    /// The sentence before, in the same block, ends on a quotation.
    fn after_quote(&self) -> bool {
        let from = self.block.span.start.min(self.span.start);
        let before = self.doc.prose[from..self.span.start].trim_end();
        before.ends_with(['”', '"', '’', '\''])
    }
}

fn find_cue(cx: &Cx<'_>, vague: &[Span], verbs: &VerbIndex<'_>) -> Option<Attribution> {
    let Cx {
        doc,
        block,
        span,
        outside,
        ws,
        quotes,
        ..
    } = *cx;
    // Vague-source matches are in order and do not overlap.
    let in_vague = |at: usize| {
        let i = vague.partition_point(|v| v.start <= at);
        i > 0 && at < vague[i - 1].end
    };
    // Both phrase searches below need lowercasing to keep the byte length
    // (so offsets carry over); most sentences hold neither phrase, so look
    // for them first and only then count lengths.
    // An `according to ` or `per ` at the start of a word (the only ones
    // taken) ends a word with `according` or `per`: the words tell whether
    // the text needs searching at all.
    let (mut according, mut per) = (false, false);
    for w in ws {
        let t = w.text.as_bytes();
        match t.last() {
            Some(b'g' | b'G') => {
                according |= t.len() >= 9 && t[t.len() - 9..].eq_ignore_ascii_case(b"according");
            }
            Some(b'r') => {
                per |= t.ends_with(b"per") && outside.as_bytes().get(w.at + t.len()) == Some(&b' ');
            }
            _ => {}
        }
    }
    let according = according && contains_ignore_ascii_case(outside, b"according to ");
    // The same sum of lengths, without allocating the lowercase text, since
    // the final-sigma rule of `str::to_lowercase` swaps one two-byte letter
    // for another.
    let same_len = || {
        outside.is_ascii()
            || outside
                .chars()
                .map(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>())
                .sum::<usize>()
                == outside.len()
    };
    if (according || per) && same_len() {
        // Lowercasing allocates; skip it when no `according to ` can appear
        // (only ASCII letters lowercase to the ASCII letters of the phrase).
        let lowered = if according {
            outside.to_lowercase()
        } else {
            String::new()
        };
        for (at, _) in lowered.match_indices("according to ") {
            if !in_vague(at) && is_word_start(outside, at) {
                return Some(Attribution {
                    kind: AttributionKind::Named,
                    span: Span::new(at, at + 12).offset(span.start),
                    from_link: false,
                    speaker: word_from(ws, at + 13, span.start),
                });
            }
        }
        for at in find_all(outside, b"per ") {
            let next = outside[at + 4..].trim_start();
            let source_like = next.starts_with("the ")
                || next.starts_with("a ")
                || next.chars().next().is_some_and(char::is_uppercase);
            if is_word_start(outside, at) && source_like {
                return Some(Attribution {
                    kind: AttributionKind::Document,
                    span: Span::new(at, at + 3).offset(span.start),
                    from_link: false,
                    speaker: word_from(ws, at + 4, span.start),
                });
            }
        }
    }
    for (k, w) in ws.iter().enumerate() {
        let Some(use_) = verbs.use_of(w.text) else {
            continue;
        };
        if in_vague(w.at) || unreporting_phrasal(outside, ws, k) {
            continue;
        }
        let verb = Span::new(w.at, w.at + w.text.len());
        if use_ == VerbUse::NextToQuote && !cx.next_to_quote(verb) {
            continue;
        }
        if let Some((kind, who)) = subject_kind(outside, ws, k, quotes, span.start, verbs) {
            // The tagger has the last word: the verb must head a clause and
            // its subject must be able to speak.
            let inverted = who > k;
            let Some(who) = can_speak(cx, verb.offset(span.start), who, inverted) else {
                continue;
            };
            // A document speaks through `shows`; a sign or a page through
            // `reads` unless a person is its subject (`she answers`).
            let object_subject = use_ == VerbUse::NextToQuote
                && kind == AttributionKind::Named
                && k > 0
                && ws[k - 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
            let kind = if use_ == VerbUse::Finding || object_subject {
                AttributionKind::Document
            } else {
                kind
            };
            return Some(Attribution {
                kind,
                span: verb.offset(span.start),
                from_link: false,
                speaker: Some(Speaker {
                    span: who,
                    kind: SpeakerKind::Person,
                    plural: false,
                }),
            });
        }
    }
    if let Some(a) = source_verb(cx, vague, verbs) {
        return Some(a);
    }
    if let Some(a) = phrasal_tag(cx, verbs) {
        return Some(a);
    }
    if let Some(a) = contracted_like(cx) {
        return Some(a);
    }
    if let Some(a) = speech_tag_after_quote(outside, ws, quotes, span.start) {
        return Some(a);
    }
    if let Some(a) = colon_intro(cx, verbs) {
        return Some(a);
    }
    if let Some(a) = as_cited(cx) {
        return Some(a);
    }
    // Failing a speaker, a link or a footnote on the sentence is its source.
    if let Some(link) = doc
        .block_links(block)
        .iter()
        .find(|l| l.span.overlaps(span))
    {
        return Some(Attribution {
            kind: AttributionKind::Document,
            span: link.span,
            from_link: true,
            speaker: Some(Speaker {
                span: link.text,
                kind: SpeakerKind::Document,
                plural: false,
            }),
        });
    }
    if let Some(f) = block
        .footnote_refs
        .iter()
        .find(|f| span.start <= f.start && f.end <= span.end)
    {
        return Some(Attribution {
            kind: AttributionKind::Document,
            span: *f,
            from_link: true,
            speaker: Some(Speaker {
                span: *f,
                kind: SpeakerKind::Document,
                plural: false,
            }),
        });
    }
    None
}

/// Documents (`[document-nouns]`) and works (`[titled-works]`) a
/// sentence may cite as its source.
static CITED_DOCUMENTS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("document-nouns"));
static CITED_WORKS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("titled-works"));

/// A sentence fronted by `as`, a participle and the source it cites,
/// before its quotation (`As reported by Reuters, “…”`, `As chronicled in
/// the group's magazine "Dabiq," "…"`, `As written in the report, “…”`):
/// the phrase after `by`, `in` or `on` is the quotation's source. Any
/// participle the tagger reads as one; the phrase's head is a noun or a
/// name (`As everyone knows, “…”` cites nothing).
fn as_cited(cx: &Cx<'_>) -> Option<Attribution> {
    let lead = cx.outside.trim_start();
    if cx.quotes.is_empty() || !lead.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("as ")) {
        return None;
    }
    let t = cx.tagged();
    let prose = &cx.doc.prose;
    let text = |i: usize| t.tokens[i].span.slice(prose);
    let first = t.tokens.first()?;
    if !text(0).eq_ignore_ascii_case("as") || t.tokens.len() < 4 {
        return None;
    }
    let v = &t.tokens[1];
    let p = &t.tokens[2];
    if v.upos != Upos::Verb
        || v.feats.verb_form != Some(copydesk_tagger::VerbForm::Part)
        || p.upos != Upos::Adp
        || !matches!(&*lower(text(2)), "by" | "in" | "on")
    {
        return None;
    }
    // A source: a name in the phrase, or a document, a body or a work at
    // its head (not `As seen in recent weeks`).
    let c = t.chunk_of(3).filter(|c| c.first == 3)?;
    let head = lower(text(c.head));
    let source = (c.first..c.end).any(|i| t.tokens[i].upos == Upos::Propn)
        || t.tokens[c.head].upos == Upos::Noun
            && [&*CITED_DOCUMENTS, &*ORGANISATION_NOUNS, &*CITED_WORKS]
                .iter()
                .any(|list| list.contains(&&*head));
    if !source {
        return None;
    }
    // The quotation it cites comes after the phrase.
    if !cx.quotes.iter().any(|q| q.span.start >= c.span.end) {
        return None;
    }
    Some(Attribution {
        kind: AttributionKind::Named,
        span: Span::new(first.span.start, p.span.end),
        from_link: false,
        speaker: Some(Speaker {
            span: c.span,
            kind: SpeakerKind::Document,
            plural: false,
        }),
    })
}

/// Verbs of finding out or coming by a record (`[source-verbs]`: `learnt`,
/// `obtained`, `reviewed`).
static SOURCE_VERBS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("source-verbs"));

/// A source that finds out rather than speaks (`, PREMIUM TIMES learnt.`,
/// `Reuters has learned that …`, `the Herald obtained records showing …`):
/// a `[source-verbs]` verb in the active voice heading a clause whose
/// subject, read by the tagger, is a proper name. A vague or common subject
/// (`many have learned`, `residents learned`) and the passive (`it was
/// learned`, `people were told`) source nothing.
fn source_verb(cx: &Cx<'_>, vague: &[Span], verbs: &VerbIndex<'_>) -> Option<Attribution> {
    let in_vague = |at: usize| {
        let i = vague.partition_point(|v| v.start <= at);
        i > 0 && at < vague[i - 1].end
    };
    for (k, w) in cx.ws.iter().enumerate() {
        if !SOURCE_VERBS.contains(&&*lower(w.text)) || in_vague(w.at) {
            continue;
        }
        let Some((AttributionKind::Named, who)) =
            subject_kind(cx.outside, cx.ws, k, cx.quotes, cx.span.start, verbs)
        else {
            continue;
        };
        if who > k {
            continue;
        }
        let verb = Span::new(w.at, w.at + w.text.len()).offset(cx.span.start);
        let Some(phrase) = can_speak(cx, verb, who, false) else {
            continue;
        };
        let t = cx.tagged();
        let v = t.token_at(verb.start)?;
        // The tagger reads the verb as a verb, and the subject names someone:
        // a proper noun, or capitalised words past the sentence's first
        // (`PREMIUM TIMES`, `Premium Times`, which the tagger may read as a
        // plural noun).
        let prose = &cx.doc.prose;
        let named = t
            .tokens
            .iter()
            .filter(|tok| phrase.start <= tok.span.start && tok.span.end <= phrase.end)
            .any(|tok| {
                let word = tok.span.slice(prose);
                tok.upos == Upos::Propn
                    || tok.span.start > cx.span.start
                        && matches!(tok.upos, Upos::Noun | Upos::Propn)
                        && word.starts_with(char::is_uppercase)
                        && !NOT_NAMES.contains(&&*lower(word))
            });
        if t.tokens[v].upos != Upos::Verb || !named {
            continue;
        }
        return Some(Attribution {
            kind: AttributionKind::Named,
            span: verb,
            from_link: false,
            speaker: Some(Speaker {
                span: phrase,
                kind: SpeakerKind::Person,
                plural: false,
            }),
        });
    }
    None
}

/// Speech tags of more than one word (`she went on`, `he was like`, `was
/// all like`, `she shot back`), read from the `speech-tag-phrases` list:
/// a tag only right next to its quotation, with a subject that can speak.
fn phrasal_tag(cx: &Cx<'_>, verbs: &VerbIndex<'_>) -> Option<Attribution> {
    let (outside, ws, quotes, span) = (cx.outside, cx.ws, cx.quotes, cx.span);
    if quotes.is_empty() && !cx.after_quote() {
        return None;
    }
    for (k, w) in ws.iter().enumerate().skip(1) {
        let Some(phrase) = TAG_PHRASES.iter().find(|p| {
            p.len() <= ws.len() - k
                && p.iter()
                    .zip(&ws[k..])
                    .all(|(a, b)| a.eq_ignore_ascii_case(b.text))
        }) else {
            continue;
        };
        let last = &ws[k + phrase.len() - 1];
        let tag = Span::new(w.at, last.at + last.text.len());
        if !cx.next_to_quote(tag) {
            continue;
        }
        let Some((kind, who)) = subject_kind(outside, ws, k, quotes, span.start, verbs) else {
            continue;
        };
        if who >= k {
            continue;
        }
        let Some(who) = can_speak(cx, tag.offset(span.start), who, false) else {
            continue;
        };
        return Some(Attribution {
            kind,
            span: tag.offset(span.start),
            from_link: false,
            speaker: Some(Speaker {
                span: who,
                kind: SpeakerKind::Person,
                plural: false,
            }),
        });
    }
    None
}

/// `I'm like, “…”`, `you’re all like, “…”`: a personal pronoun with `be`
/// run into it, then `like`, right next to its quotation, is a speech tag
/// whose pronoun speaks (the contracted form of the list's `am like`).
/// Not `it's like` or `that's like`: those say what something resembles.
fn contracted_like(cx: &Cx<'_>) -> Option<Attribution> {
    let (ws, span) = (cx.ws, cx.span);
    if cx.quotes.is_empty() && !cx.after_quote() {
        return None;
    }
    for (k, w) in ws.iter().enumerate() {
        let lw = lower(w.text).replace('’', "'");
        let Some((stem, _)) = ["'m", "'re", "'s"]
            .iter()
            .find_map(|c| lw.strip_suffix(c).map(|s| (s.to_owned(), c)))
        else {
            continue;
        };
        if !CONTRACTED_SPEAKERS.contains(&stem.as_str()) {
            continue;
        }
        let mut l = k + 1;
        if ws
            .get(l)
            .is_some_and(|x| x.text.eq_ignore_ascii_case("all"))
        {
            l += 1;
        }
        let Some(like) = ws.get(l).filter(|x| x.text.eq_ignore_ascii_case("like")) else {
            continue;
        };
        let tag = Span::new(w.at, like.at + like.text.len());
        if !cx.next_to_quote(tag) {
            continue;
        }
        let who = Span::new(w.at, w.at + stem.len()).offset(span.start);
        return Some(Attribution {
            kind: AttributionKind::Pronoun,
            span: tag.offset(span.start),
            from_link: false,
            speaker: Some(Speaker {
                span: who,
                kind: SpeakerKind::Pronoun,
                plural: matches!(stem.as_str(), "we" | "they"),
            }),
        });
    }
    None
}

/// The personal pronouns `contracted_like` reads as speakers.
const CONTRACTED_SPEAKERS: &[&str] = &["i", "you", "we", "they", "he", "she"];

/// The `speech-tag-phrases` list, each phrase split into its words.
static TAG_PHRASES: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| {
    crate::lexicon::words("speech-tag-phrases")
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect()
});

/// The first offset at or after a given one where a test holds, for
/// offsets asked in increasing order: a search that ends at its find (or
/// at the end) also answers every later question that starts no further
/// than that find, so the text is read about once in all.
#[derive(Default)]
struct NextMatch {
    from: usize,
    /// `None`: no match from `from` to the end.
    found: Option<usize>,
    searched: bool,
}

impl NextMatch {
    fn at_or_after(
        &mut self,
        len: usize,
        at: usize,
        test: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let known = self.searched && self.from <= at && self.found.is_none_or(|f| f >= at);
        if !known {
            self.from = at;
            self.found = (at..len).find(|&i| test(i));
            self.searched = true;
        }
        self.found
    }
}

/// A speech tag after a quotation, by its shape even when the verb is not in
/// the list: `“…,” Baquet boasted`, `“…!” seethed one of the students`,
/// `“…,” Steven Mnuchin, Trump's finance chairman.`
fn speech_tag_after_quote(
    outside: &str,
    ws: &[Word<'_>],
    quotes: &[Scanned],
    base: usize,
) -> Option<Attribution> {
    if !quotes.iter().any(|q| !q.runs_on && q.span.end > base) {
        return None;
    }
    // Where the breaks that cut a quotation from its tag are, and where the
    // text is not blank: found from each quotation's end onwards, each
    // remembered for the next quotation, so that many quotations before
    // one word do not each re-read the blanks between.
    let bytes = outside.as_bytes();
    let mut next_break = NextMatch::default();
    let mut next_solid = NextMatch::default();
    let is_break = |i: usize| matches!(bytes[i], b'.' | b';' | b':' | b'(');
    // A character (not a continuation byte) that is not white space.
    let is_solid = |i: usize| match bytes[i] {
        b if b < 0x80 => !char::from(b).is_whitespace(),
        b if b < 0xC0 => false,
        _ => !outside[i..].chars().next().is_some_and(char::is_whitespace),
    };
    for q in quotes {
        if q.runs_on || q.span.end <= base {
            continue;
        }
        let end_rel = q.span.end - base;
        // Words are in order: start at the first one after the quotation.
        let first_after = ws.partition_point(|w| w.at < end_rel);
        let after = &ws[first_after..ws.len().min(first_after + 8)];
        let gap_breaks = after.first().is_some_and(|w| {
            outside.get(end_rel..w.at).is_some()
                && next_break
                    .at_or_after(bytes.len(), end_rel, is_break)
                    .is_some_and(|m| m < w.at)
        });
        let gap_is_blank = after.first().is_none_or(|w| {
            outside.get(end_rel..w.at).is_none()
                || next_solid
                    .at_or_after(bytes.len(), end_rel, is_solid)
                    .is_none_or(|m| m >= w.at)
        });
        if after.is_empty() || gap_breaks {
            continue;
        }
        let is_name = |w: &Word<'_>| {
            w.text.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAMES.contains(&&*lower(w.text))
        };
        let is_pronoun = |w: &Word<'_>| PRONOUNS.contains(&&*lower(w.text));
        let is_verb = |w: &Word<'_>| {
            let lw = lower(w.text);
            w.text.chars().next().is_some_and(char::is_lowercase)
                && (lw.ends_with("ed") || lw.ends_with('s') && !lw.ends_with("ss"))
        };
        // A run of name words (`Secretary of State Kerry`) then a verb.
        let name_run = after
            .iter()
            .take_while(|w| is_name(w) || NAME_PARTICLES.contains(&w.text))
            .count();
        if (2..=6).contains(&name_run)
            && after.get(name_run).is_some_and(is_verb)
            && is_name(&after[name_run - 1])
        {
            let first = &after[0];
            return Some(Attribution {
                kind: AttributionKind::Named,
                span: Span::new(base + first.at, base + first.at + first.text.len()),
                from_link: false,
                speaker: Some(anchor(first, base)),
            });
        }
        let found = match after {
            // `he reasoned`, `Baquet boasted`, `Kellyanne Conway claimed`
            [a, b, ..] if (is_pronoun(a) || is_name(a)) && is_verb(b) => Some(if is_pronoun(a) {
                AttributionKind::Pronoun
            } else {
                AttributionKind::Named
            }),
            [a, b, c, ..] if is_name(a) && is_name(b) && is_verb(c) => Some(AttributionKind::Named),
            // `seethed one of the students`, `wrote Smith`
            [a, b, ..]
                if is_verb(a)
                    && a.text.ends_with("ed")
                    && (is_name(b) || ["one", "a", "an", "the", "another"].contains(&b.text)) =>
            {
                Some(if is_name(b) {
                    AttributionKind::Named
                } else {
                    AttributionKind::Anonymous
                })
            }
            // `“…,” Steven Mnuchin, Trump's finance chairman.`
            [a, b, ..] if is_name(a) && is_name(b) && gap_is_blank => {
                let after_name = outside.get(b.at + b.text.len()..).unwrap_or("");
                after_name
                    .trim_start()
                    .starts_with([',', '.'])
                    .then_some(AttributionKind::Named)
            }
            _ => None,
        };
        if let Some(kind) = found {
            let first = &after[0];
            // `seethed one of the students`: the speaker follows the verb.
            let who = match after {
                [a, b, ..] if is_verb(a) => b,
                _ => first,
            };
            return Some(Attribution {
                kind,
                span: Span::new(base + first.at, base + first.at + first.text.len()),
                from_link: false,
                speaker: Some(anchor(who, base)),
            });
        }
    }
    None
}

/// Nouns of evidence an owner can name through a modifier
/// (`[owned-stand-in-nouns]`).
static OWNED_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("owned-stand-in-nouns"));

/// Whether the text before a vague stand-in ends with an owner and one
/// lowercase modifier of its noun (`Vanguard's long-run data show`,
/// `their own studies show`, `the year-end data show`): the modifier does
/// not unname the owner. A modifier after an article must be hyphenated
/// (`the board`, ending a phrase like "across the board", is no
/// modifier). Only a stand-in that opens on a noun of evidence
/// (`[owned-stand-in-nouns]`, within its first two words: `recent
/// studies`) is owned so. Read after the model (session 27, docs/claims.md §6zi):
/// [`is_determined`] still decides the stand-in the model's signals see,
/// as the model was trained on it; this only withholds the finding.
pub(crate) fn owned_through_modifier(before: &str, stand_in: &str) -> bool {
    let noun = stand_in
        .split_whitespace()
        .take(2)
        .find(|w| OWNED_NOUNS.contains(&w.to_lowercase().as_str()));
    if noun.is_none() {
        return false;
    }
    let mut words = before.split_whitespace().rev();
    let Some(raw) = words.next() else {
        return false;
    };
    let last = raw.to_lowercase();
    let second = words.next().unwrap_or("").to_lowercase();
    let owner = is_possessive(&second);
    raw.starts_with(char::is_lowercase)
        && last.chars().all(|c| c.is_lowercase() || c == '-')
        && (owner || last.contains('-') && ["the", "these", "those"].contains(&second.as_str()))
}

/// Whether the text before a phrase ends with a determiner that makes it
/// specific (`the`, `these`, `its`, `Smith's`).
fn is_determined(before: &str) -> bool {
    let last = before
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    ["the", "these", "those", "both"].contains(&last.as_str()) || is_possessive(&last)
}

/// Whether a lowercase word names an owner: a possessive pronoun or a
/// name's `'s` (`their`, `Vanguard's`).
fn is_possessive(word: &str) -> bool {
    ["its", "their", "his", "her", "our"].contains(&word)
        || word.ends_with("'s")
        || word.ends_with("’s")
}

/// Whether `needle` (ASCII lowercase) occurs in `haystack`, ignoring ASCII case.
fn contains_ignore_ascii_case(haystack: &str, needle: &[u8]) -> bool {
    let (h, Some(&first)) = (haystack.as_bytes(), needle.first()) else {
        return true;
    };
    let mut from = 0;
    while let Some(i) = h[from..]
        .iter()
        .position(|b| b.to_ascii_lowercase() == first)
    {
        let at = from + i;
        if h.get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The offsets of every occurrence of `needle` (which must not overlap
/// itself) in `haystack`, as `str::match_indices` gives them, without
/// building a substring searcher for each sentence.
fn find_all<'h>(haystack: &'h str, needle: &'static [u8]) -> impl Iterator<Item = usize> + 'h {
    let h = haystack.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let first = *needle.first()?;
        loop {
            let at = from + memchr::memchr(first, h.get(from..)?)?;
            if h[at..].starts_with(needle) {
                from = at + needle.len();
                return Some(at);
            }
            from = at + 1;
        }
    })
}

fn is_word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// A verb standing right next to a quotation or a colon (`she answers, “No.”`,
/// `“No,” she answers`, `a sign read “Free shots.”`).
fn next_to_quote(outside: &str, verb: Span, quotes: &[Scanned], base: usize) -> bool {
    // Quotations are blanked in `outside`, so test each one's position
    // rather than reading past the blanks.
    let gap_is_punctuation = |from: usize, to: usize| {
        outside
            .get(from..to)
            .is_some_and(|g| g.trim_matches([' ', ',', ':', '\n']).is_empty())
    };
    if outside
        .get(verb.end..)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
    {
        return true;
    }
    // Quotations are in order and do not overlap, so only those starting
    // just after the verb, and the last one ending before it (the shortest
    // gap: if any gap has at most two words, that one has), need a look.
    let after_verb = quotes.partition_point(|q| q.span.start.saturating_sub(base) < verb.end);
    let before_verb = quotes.partition_point(|q| q.span.end.saturating_sub(base) <= verb.start);
    // A short phrase set off by commas between the verb and its quotation
    // (`a sign warns, in four languages, “…”`, `the company notes, in its
    // filing, “…”`): the verb still introduces it.
    let set_off = |from: usize, to: usize| {
        outside.get(from..to).is_some_and(|g| {
            let g = g.trim();
            let Some(inner) = g.strip_prefix(',').and_then(|g| g.strip_suffix(',')) else {
                return false;
            };
            let inner = inner.trim();
            inner.split_whitespace().count() <= 6
                && inner.starts_with(|c: char| c.is_lowercase())
                && !inner.contains(|c: char| ".;:!?,\"“”()".contains(c))
        })
    };
    // `she answers, “No.”` / `a sign read “Free shots.”`
    quotes[after_verb..]
        .iter()
        .map(|q| q.span.start.saturating_sub(base))
        .take_while(|&start| start - verb.end <= 60)
        .any(|start| {
            start - verb.end <= 4 && gap_is_punctuation(verb.end, start) || set_off(verb.end, start)
        })
        // `“No,” she answers`; an adverb that does not change who speaks
        // is no word between (`“…” the coach repeatedly barked`).
        || before_verb > 0 && {
            let end = quotes[before_verb - 1].span.end.saturating_sub(base);
            let short = |g: &str| {
                g.split_whitespace()
                    .filter(|w| !SKIP.contains(&&*lower(w)))
                    .count()
                    <= 2
            };
            // Past a short phrase set off by commas between the subject
            // and the verb (`“…,” the statement, obtained by the Ledger,
            // read`), as after a verb.
            let interrupted = |g: &str| {
                let g = g.trim_start_matches([',', ' ']).trim_end();
                let Some((subject, inner)) = g.strip_suffix(',').and_then(|g| g.split_once(','))
                else {
                    return false;
                };
                let inner = inner.trim();
                short(subject)
                    && inner.split_whitespace().count() <= 6
                    && inner.starts_with(|c: char| c.is_lowercase())
                    && !inner.contains(|c: char| ".;:!?,\"“”()".contains(c))
            };
            outside
                .get(end..verb.start)
                .is_some_and(|g| short(g) || interrupted(g))
        }
}

/// Who a reporting verb's speaker is, or `None` when the word is not used
/// as attribution here (a noun, an infinitive, a passive, the reporter).
fn subject_kind(
    outside: &str,
    ws: &[Word<'_>],
    k: usize,
    quotes: &[Scanned],
    base: usize,
    verbs: &VerbIndex<'_>,
) -> Option<(AttributionKind, usize)> {
    let mut j = k;
    let mut passive = false;
    let mut modal = false;
    // An -ing speech verb after a verb of perceiving (`Trump can be heard
    // saying`, `was caught telling`): the one heard speaks, and the `be`
    // before the participle is not the speech verb's passive.
    let perceived =
        ws[k].text.ends_with("ing") && k > 0 && PERCEIVED.contains(&&*lower(ws[k - 1].text));
    if perceived {
        j -= 1;
    }
    while j > 0 {
        let p = lower(ws[j - 1].text);
        if BE.contains(&&*p) && !perceived {
            passive = true;
        }
        modal |= MODALS.contains(&&*p);
        // The habitual past is finite (`my grandmother used to say`).
        if p == "to" && j >= 2 && ws[j - 2].text.eq_ignore_ascii_case("used") {
            modal = true;
            j -= 2;
            continue;
        }
        // A verb the infinitive carries on (`went on to say`, `proceeded
        // to tell`): up to two lowercase words before `to`; the tagger
        // checks that they hold a finite verb (`can_speak`).
        if p == "to" && j >= 2 {
            let lowercase = |w: &Word<'_>| w.text.starts_with(|c: char| c.is_lowercase());
            let n = ws[..j - 1]
                .iter()
                .rev()
                .take(2)
                .take_while(|w| lowercase(w))
                .count();
            if n > 0 {
                // The finite verb agrees with the subject, not the infinitive.
                modal = true;
                j -= 1 + n;
                continue;
            }
        }
        if SKIP.contains(&&*p) || BE.contains(&&*p) {
            j -= 1;
            continue;
        }
        break;
    }
    if passive {
        return None;
    }
    let verb_at = ws[k].at;
    // The last quotation ending at or before the verb: if any quotation is
    // separated from the verb by only spaces and commas, this one is.
    let last_before = quotes[..quotes.partition_point(|q| q.span.end <= base + verb_at)].last();
    if j == 0 {
        // Sentence-initial verb: attribution only when inverted after a quote
        // (`“Yes,” said Smith`) or before one by a name (`Added Arnold
        // Schwarzenegger on Twitter, “…”`); otherwise an imperative (`Ask
        // anyone`).
        let speaker = ws.get(k + 1)?;
        let before_quote = speaker.text.chars().next().is_some_and(char::is_uppercase)
            && !NOT_NAMES.contains(&&*lower(speaker.text))
            && quotes.iter().any(|q| q.span.start > base + speaker.at);
        let after_quote = last_before.is_some() || before_quote;
        return after_quote.then(|| (speaker_kind(speaker.text), k + 1));
    }
    let prev = &ws[j - 1];
    // A quotation between the word before and the verb, the verb right
    // after its closing mark (`The day ended (“…,” said Ann Ruiz).`, `…
    // gratefulness, “…,” said the chief, and alarm`): the tag is inverted
    // mid-sentence as it is at the start, and the word after the verb is
    // the speaker, not the clause's word before the quotation.
    if j == k {
        // Set off by a comma or a parenthesis (a label's dash, `**2:50
        // p.m.** — “…,” said a clerk`, opens the sentence's own quotation).
        let quote_between = last_before.is_some_and(|q| {
            q.span.start >= base + prev.at + prev.text.len()
                && outside
                    .get(prev.at + prev.text.len()..q.span.start - base)
                    .is_some_and(|g| g.trim().ends_with(['(', ',']))
                && outside
                    .get(q.span.end - base..verb_at)
                    .is_some_and(|g| g.trim_matches([' ', ',']).is_empty())
        });
        if quote_between {
            let speaker = ws.get(k + 1)?;
            let opens_phrase = speaker.text.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAMES.contains(&&*lower(speaker.text))
                || ARTICLES.contains(&&*lower(speaker.text));
            return opens_phrase.then(|| (speaker_kind(speaker.text), k + 1));
        }
    }
    let p = lower(prev.text);
    // Punctuation between subject and verb other than an appositive comma
    // breaks the link (`… the crowd. Said …`).
    let between = &outside[prev.at + prev.text.len()..ws[j].at];
    // An abbreviation's period (`Jr. said`, `D-Conn., said`) is not a break.
    let abbreviated = between.starts_with('.')
        && prev
            .text
            .rsplit('-')
            .next()
            .is_some_and(|w| crate::lexicon::ABBREVIATIONS.contains_key(w));
    if between.contains([';', '!', '?']) || between.contains('.') && !abbreviated {
        return None;
    }
    // An -ing speech verb after `by` that introduces its quotation (`Trump
    // criticized her by saying, “…”`) is the means of the clause's verb,
    // its subject's speech, not a noun.
    let by_saying = p == "by" && ws[k].text.ends_with("ing") && {
        let verb = Span::new(verb_at, verb_at + ws[k].text.len());
        next_to_quote(outside, verb, quotes, base)
    };
    // A relative `that` before a verb's `-s` form that introduces its
    // quotation (`the part of the charter that says, “…”`, `a clause that
    // reads: “…”`): no noun follows `that` here, the clause's subject is
    // its antecedent (`can_speak`).
    let relative_that = p == "that"
        && j >= 2
        && verbs.form(ws[k].text) == VerbForm::ThirdPerson
        && next_to_quote(
            outside,
            Span::new(verb_at, verb_at + ws[k].text.len()),
            quotes,
            base,
        );
    if relative_that {
        return Some((speaker_kind(prev.text), j - 1));
    }
    if NOUN_MAKERS.contains(&&*p) && !between.contains(',') && !by_saying {
        // Inverted after a quote: `“…,” said the department`.
        let after_quote = last_before.is_some_and(|q| {
            outside[q.span.end - base..verb_at]
                .trim_matches([' ', ','])
                .is_empty()
        });
        return after_quote.then_some((AttributionKind::Named, j - 1));
    }
    if FIRST_PERSON.contains(&&*p) {
        // `and I said, “We either add value or we sell the cows.”`: one
        // telling their own story (an interviewee, a columnist) is the
        // speaker of the words they quote themselves saying.
        let verb = Span::new(verb_at, verb_at + ws[k].text.len());
        let own_words = p == "i" && next_to_quote(outside, verb, quotes, base);
        return own_words.then_some((AttributionKind::Pronoun, j - 1));
    }
    // Agreement tells a verb from a noun: `officials say` / `she says`, not
    // `a phone call` or `more questions`.
    let form = verbs.form(ws[k].text);
    let capital = prev.text.chars().next().is_some_and(char::is_uppercase);
    let plural = p.ends_with('s') && !p.ends_with("ss")
        || ["they", "who", "people", "police"].contains(&&*p);
    let after_quote_here = last_before.is_some_and(|q| {
        outside
            .get(q.span.end - base..verb_at)
            .is_some_and(|g| g.trim_matches([' ', ',']).is_empty())
    });
    let agrees = match form {
        _ if verbs.use_of(ws[k].text) == Some(VerbUse::NextToQuote) => true,
        VerbForm::Base => modal || plural,
        VerbForm::ThirdPerson => {
            capital || ["he", "she", "it", "who", "that", "which"].contains(&&*p) || !plural
        }
        // A participle attributes after a comma (`…, saying that`, `Smith,
        // writing in the journal`), not as a gerund (`receive writing tips`).
        VerbForm::Other if ws[k].text.ends_with("ing") => {
            let verb = Span::new(verb_at, verb_at + ws[k].text.len());
            between.contains(',')
                || after_quote_here
                || perceived
                || capital
                || PRONOUNS.contains(&&*p)
                || by_saying
                || next_to_quote(outside, verb, quotes, base)
                || ws
                    .get(k + 1)
                    .is_some_and(|w| ["to", "that"].contains(&w.text))
        }
        VerbForm::Other => true,
    };
    agrees.then(|| (speaker_kind(prev.text), j - 1))
}

/// A reporting verb and its particle that make a verb reporting nothing
/// (`show up`, `find out`, `heard of`).
static UNREPORTING_PHRASAL: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("unreporting-phrasal"));
/// Reporting verbs with a common sense that takes a plain object (`adds
/// millions to the bill`).
static OBJECT_SENSES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("cue-object-senses"));
/// Before a participle, these make it an adjective (`less stressed`).
static DEGREE_ADVERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("degree-adverbs"));
/// Whether word `k` and the word right after it (one space apart) make a
/// verb that reports nothing (`[unreporting-phrasal]`: `show up`).
fn unreporting_phrasal(outside: &str, ws: &[Word<'_>], k: usize) -> bool {
    let (Some(w), Some(n)) = (ws.get(k), ws.get(k + 1)) else {
        return false;
    };
    let end = w.at + w.text.len();
    if outside.get(end..n.at) != Some(" ") {
        return false;
    }
    let pair = format!("{} {}", lower(w.text), lower(n.text));
    UNREPORTING_PHRASAL.contains(&pair.as_str())
}

/// Words that head a noun phrase and speak for nobody: `none of the
/// trustees`, `someone else`, `nobody`.
static NOT_SPEAKERS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("not-speakers"));
/// Participles of perceiving before an -ing speech verb (`can be heard
/// saying`): the one perceived is the speaker.
static PERCEIVED: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("perceived-speech"));
/// The articles: a reporting verb's word after one is a noun (`the show:`).
static ARTICLES: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("articles"));
/// Words that open a phrase for someone unidentified (`one woman`).
static INDEFINITE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("indefinite-determiners"));
/// Relative pronouns: a relative clause's subject is its antecedent.
pub(crate) static RELATIVES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("relatives"));

/// What the tagger says of a reporting-verb cue: the speaker's noun
/// phrase when the verb is used as a verb heading a clause and its
/// subject is a phrase that can speak; `None` when the "verb" is a noun
/// (`the United States`, `housing projects`, `the claims`), an infinitive
/// with no auxiliary, or its subject is nobody (`none of the trustees`,
/// `someone else`), an object (`carried banners reading`) or no noun
/// phrase at all. `who` is the index of the word the cue took for the
/// speaker; `inverted`: it follows the verb (`said Smith`).
fn can_speak(cx: &Cx<'_>, verb: Span, who: usize, inverted: bool) -> Option<Span> {
    let t = cx.tagged();
    let prose = &cx.doc.prose;
    let text = |i: usize| t.tokens[i].span.slice(prose);
    let v = t.token_at(verb.start)?;
    let vt = t.tokens[v];
    // Next to a quotation (`Curry comments, “…”`) or inverted after one
    // (`“…,” said Smith`, a capitalised `Said Pence`), the word is a verb
    // whatever the tagger made of it.
    let rel = Span::new(verb.start - cx.span.start, verb.end - cx.span.start);
    // Only blanks and punctuation (a link's blanked destination) up to
    // the next quotation.
    let quote_follows = cx
        .quotes
        .iter()
        .find(|q| q.span.start >= verb.end)
        .and_then(|q| cx.outside.get(rel.end..q.span.start - cx.span.start))
        .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || ",:".contains(c)));
    let by_quote = inverted || quote_follows || cx.next_to_quote(rel);
    // A noun only when it heads its phrase (`the claims`, `housing
    // projects`); mid-phrase, the tagger has lost the clause (`the census
    // show rents rose`) and the verb reading stands.
    if !by_quote
        && vt.upos == Upos::Noun
        && t.chunk_of(v).is_none_or(|c| c.head == v)
        && !name_then_that(t, prose, v)
    {
        return speech_noun(t, prose, v);
    }
    if !by_quote
        && matches!(
            vt.upos,
            Upos::Propn | Upos::Adj | Upos::Adp | Upos::Det | Upos::Num
        )
    {
        return None;
    }
    // Mid-phrase, the verb reading stands only where a clause follows the
    // phrase for it to report, opened by a verb, a pronoun or `that`
    // (`the census show rents rose`, `… show they …`). Where the tagger puts the verb right after the word, the
    // word heads the subject (`mental-health calls cut arrests`); where no
    // clause follows and the tagger found the sentence's verb elsewhere,
    // it is a compound's noun (`are run from overseas call centres,`,
    // `who use a laptop finish projects 40 percent faster`). With no
    // finite verb anywhere the tagger has lost the clause (`Data from the
    // census show rents rose`, every word a noun) and the verb stands.
    if !by_quote && vt.upos == Upos::Noun {
        let next_is_verb = t
            .tokens
            .get(v + 1)
            .is_some_and(|n| matches!(n.upos, Upos::Verb | Upos::Aux) && n.is_finite_verb());
        let compound = t.chunk_of(v).filter(|c| c.head != v).is_some_and(|c| {
            let clause_after = t.tokens.get(c.end).is_some_and(|n| {
                matches!(n.upos, Upos::Verb | Upos::Aux | Upos::Pron | Upos::Sconj)
            });
            let verb_elsewhere = t.tokens.iter().enumerate().any(|(i, tok)| {
                (i < c.first || i >= c.end)
                    && matches!(tok.upos, Upos::Verb | Upos::Aux)
                    && tok.is_finite_verb()
            });
            !clause_after && verb_elsewhere
        });
        if next_is_verb || compound {
            return None;
        }
    }
    let w = &cx.ws[who];
    let anchor = Span::new(cx.span.start + w.at, cx.span.start + w.at + w.text.len());
    let w_ends_ing = |word: &str| word.len() > 4 && word.ends_with("ing");
    if inverted {
        return speaker_phrase(t, prose, anchor);
    }
    // The verb's own auxiliaries and adverbs (`would later say`).
    let mut lead = (0..v)
        .rev()
        .take_while(|&i| matches!(t.tokens[i].upos, Upos::Aux | Upos::Adv | Upos::Part))
        .last()
        .unwrap_or(v);
    // An infinitive after `to` heads no clause of its own (`he wants to
    // say`), except the habitual past (`my grandmother used to say`); the
    // tagger's other infinitives are often present tense (`data show`), so
    // they stand.
    let to = v > 0 && t.tokens[v - 1].upos == Upos::Part && text(v - 1).eq_ignore_ascii_case("to");
    // (Only before the quotation it introduces: `a phrase used to
    // describe` is passive, and the tagger reads both `used` alike.)
    let used = v > 1 && text(v - 2).eq_ignore_ascii_case("used");
    // Nor does one that carries on a finite verb right before the
    // quotation it introduces (`Trump went on to say, “…”`, `she proceeded
    // to tell the board: “…”`): the finite verb's subject speaks.
    let carried = (to && by_quote && !used)
        .then(|| {
            (0..v - 1)
                .rev()
                .find(|&i| !matches!(t.tokens[i].upos, Upos::Adp | Upos::Adv))
                .filter(|&i| t.tokens[i].upos == Upos::Verb && t.tokens[i].is_finite_verb())
        })
        .flatten();
    if to && used && by_quote {
        lead = lead.min(v - 2);
    } else if let Some(f) = carried {
        lead = (0..f)
            .rev()
            .take_while(|&i| matches!(t.tokens[i].upos, Upos::Aux | Upos::Adv | Upos::Part))
            .last()
            .unwrap_or(f);
    } else if to && (used || vt.feats.verb_form == Some(Form::Inf)) {
        return None;
    }
    if !by_quote && reports_nothing(t, prose, v, lead) {
        return None;
    }
    // A parenthesis between subject and verb is skipped (`the father
    // (pictured) said`).
    let mut end_at = lead;
    if end_at > 0 && text(end_at - 1) == ")" {
        if let Some(open) = (0..end_at - 1).rev().find(|&i| text(i) == "(") {
            end_at = open;
        }
    }
    let before = end_at.checked_sub(1).map(|i| &t.tokens[i]);
    let ing = w_ends_ing(vt.span.slice(prose));
    // A verb after `and`, or an -ing form after a comma or a verb (`…,
    // saying`, `and tweeted`, `can be heard saying`), shares the clause's
    // subject: the first noun phrase of the sentence outside quotations.
    // So does one after `by` (`Trump criticized her by saying, “…”`): the
    // means of the clause's verb is its subject's speech.
    let joined = before.is_some_and(|b| {
        b.upos == Upos::Cconj
            || ing
                && (b.upos == Upos::Verb
                    || b.span.slice(prose) == ","
                    || b.span.slice(prose).eq_ignore_ascii_case("by"))
    });
    if joined {
        let outside = |c: &&Chunk| {
            !cx.quotes
                .iter()
                .any(|q| q.span.start <= c.span.start && c.span.start < q.span.end)
        };
        // The subject of the nearest verb before (`Gingrich once again
        // interrupted, saying`), else the sentence's first phrase.
        // (The word right before may be that verb: `can be heard saying`;
        // a verb inside a quotation is the quoted one's, not the clause's.)
        let quoted = |i: usize| {
            cx.quotes.iter().any(|q| {
                q.span.start <= t.tokens[i].span.start && t.tokens[i].span.start < q.span.end
            })
        };
        let main = (0..end_at)
            .rev()
            .find(|&i| t.tokens[i].upos == Upos::Verb && !quoted(i))
            .and_then(|i| {
                let lead = (0..i)
                    .rev()
                    .take_while(|&j| matches!(t.tokens[j].upos, Upos::Aux | Upos::Adv | Upos::Part))
                    .last()
                    .unwrap_or(i);
                chunk_ending(t, lead)
            });
        let subject = match main {
            Some(m) => m,
            // Not a preposition's object (`At one point, shouting from
            // the back drew a warning`): that is no subject.
            None => *t
                .chunks
                .iter()
                .filter(outside)
                .filter(|c| c.first == 0 || t.tokens[c.first - 1].upos != Upos::Adp)
                .find(|c| c.end <= v)?,
        };
        return speaker_phrase(t, prose, subject.span);
    }
    // `Lopez, the mayor, said`, `the mayor, who …, said`, `The statement,
    // released by his office, continued`: after a comma, the subject
    // stands before the interruption.
    let comma = before.is_some_and(|b| b.span.slice(prose) == ",");
    let mut moved = false;
    let found = if comma {
        let close = end_at - 1;
        let open = (0..close).rev().find(|&i| text(i) == ",");
        match open.and_then(|o| chunk_ending(t, o).map(|c| (o, c))) {
            Some((o, main)) => {
                moved = true;
                // A relative clause ends before the interruption, and the
                // interruption names the one it describes (`One farmer who
                // drove it with us, Curt Haldeman of Bowling Green, put it
                // simply:`): the name speaks, not the clause's last phrase
                // (`us`).
                let named = t
                    .relative_host(&main, prose, &RELATIVES)
                    .and_then(|_| t.chunk_of(o + 1))
                    .filter(|n| {
                        n.first == o + 1
                            && t.tokens[n.head].upos == Upos::Propn
                            && !t.tokens[n.end..close].iter().any(|w| w.is_finite_verb())
                    })
                    .copied();
                Some(named.unwrap_or(main))
            }
            None => chunk_ending(t, close),
        }
    } else {
        // Past an -ing phrase to the phrase it describes (`Several
        // customers buying fuel that morning said`; `I have people coming
        // to me saying`, where it is the object of another verb).
        // Past a relative clause likewise (`Several buyers who toured units
        // on Sunday said`, `someone who worked at City Hall once told me`).
        // (Not from `who` itself: `X, who said` is read below.)
        chunk_ending(t, end_at).map(|c| {
            let relative = c.end - c.first == 1 && RELATIVES.contains(&&*lower(text(c.first)));
            match (!relative)
                .then(|| {
                    t.participle_host(&c, prose)
                        .or_else(|| t.relative_host(&c, prose, &RELATIVES))
                })
                .flatten()
            {
                Some(host) => {
                    moved = true;
                    *host
                }
                None => c,
            }
        })
    };
    // The tagger ran subject and verb into one phrase (`the census show`):
    // the part before the verb is the subject.
    let merged = (end_at == v && v > 0)
        .then(|| t.chunk_of(v - 1))
        .flatten()
        .filter(|c| c.end > v);
    if let (None, Some(m)) = (found, merged) {
        return speaker_phrase(t, prose, Span::new(m.span.start, t.tokens[v - 1].span.end));
    }
    // A word no phrase holds (a day: `on Sunday said`) may still close a
    // relative or an -ing clause whose host speaks.
    let found = found.or_else(|| {
        let w = end_at.checked_sub(1)?;
        let one = Chunk {
            span: t.tokens[w].span,
            first: w,
            end: w + 1,
            head: w,
        };
        let host = t
            .participle_host(&one, prose)
            .or_else(|| t.relative_host(&one, prose, &RELATIVES))
            .copied()?;
        moved = true;
        Some(host)
    });
    let Some(mut c) = found else {
        // A name the tagger did not read as one (`Cook said`, `Anonymous
        // later added`): a capital still names someone.
        let a = t.token_at(anchor.start)?;
        let word = anchor.slice(prose);
        let named = word.chars().next().is_some_and(char::is_uppercase)
            && !NOT_NAMES.contains(&&*lower(word))
            && !NOT_SPEAKERS.contains(&&*lower(word));
        return (a < v && (named || PRONOUNS.contains(&&*lower(word)))).then_some(anchor);
    };
    // `who said`: the antecedent speaks (`the volunteers, who said`).
    if c.end - c.first == 1 && RELATIVES.contains(&&*lower(text(c.first))) {
        let comma = c.first > 0 && text(c.first - 1) == ",";
        let at = if comma { c.first - 1 } else { c.first };
        c = chunk_ending(t, at)?;
        moved = true;
        // A clause that restricts the sentence's subject (`Advisers who
        // charge a fee cost …`, `Critics who warn of X have packed …`)
        // tells which ones are meant: the main clause's verb comes after
        // it, and whatever it reports is the writer's own. (A later cue in
        // the sentence is still read: `Officials who spoke … said`.)
        let subject =
            (0..c.first).all(|i| matches!(t.tokens[i].upos, Upos::Cconj | Upos::Adv | Upos::Punct));
        if !comma && !by_quote && subject {
            return None;
        }
    }
    // A verb's object is not its subject (`carried banners reading`,
    // `will mail every resident`); a participle before a phrase is an
    // adjective (`a befuddled Paris Hilton`).
    let object = c.first.checked_sub(1).is_some_and(|p| {
        let b = &t.tokens[p];
        b.upos == Upos::Verb && matches!(b.feats.verb_form, Some(Form::Fin | Form::Inf))
    });
    if object && !moved {
        return None;
    }
    speaker_phrase(t, prose, c.span)
}

/// Whether a word the tagger read as the head noun of a name's phrase is
/// the name's verb: the phrase is only a name before it (no determiner:
/// `Georgina Chapman reveals`, not `the United States claims`), the word
/// is a present-tense form in `-s`, and `that` opens its clause after it
/// (`Georgina Chapman reveals that she …`).
fn name_then_that(t: &Tagged, prose: &str, v: usize) -> bool {
    let Some(c) = t.chunk_of(v) else {
        return false;
    };
    let word = t.tokens[v].span.slice(prose);
    c.first < v
        && word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && (c.first..v).all(|i| t.tokens[i].upos == Upos::Propn)
        && t.tokens
            .get(v + 1)
            .is_some_and(|n| n.span.slice(prose).eq_ignore_ascii_case("that"))
}

/// Whether a reporting verb, away from any quotation, is used in a sense
/// that reports nothing: a passive (`is really explained by`: a be-form
/// among its auxiliaries, with adverbs between); a participle after a
/// degree adverb (`less stressed`), which makes it an adjective; or a verb
/// of `[cue-object-senses]` (`adds`, `concede`) with a plain object, a
/// noun phrase no verb follows (`adds millions to the bill`; not `added
/// the plan would fail`). `lead` is the first of its auxiliaries.
fn reports_nothing(t: &Tagged, prose: &str, v: usize, lead: usize) -> bool {
    let text = |i: usize| t.tokens[i].span.slice(prose);
    let word = lower(text(v));
    let participle = !word.ends_with("ing");
    let passive = participle
        && (lead..v).any(|i| t.tokens[i].upos == Upos::Aux && BE.contains(&&*lower(text(i))));
    let adjective = participle && v > 0 && DEGREE_ADVERBS.contains(&&*lower(text(v - 1)));
    let object = OBJECT_SENSES.contains(&&*word) && {
        let next = (v + 1..t.tokens.len()).find(|&i| t.tokens[i].upos != Upos::Adv);
        next.and_then(|i| {
            let n = &t.tokens[i];
            let np = matches!(n.upos, Upos::Det | Upos::Num | Upos::Noun | Upos::Adj)
                && !text(i).eq_ignore_ascii_case("that");
            np.then(|| t.chunk_of(i).map_or(i + 1, |c| c.end))
        })
        .is_some_and(|after| {
            t.tokens
                .get(after)
                .is_none_or(|a| !matches!(a.upos, Upos::Verb | Upos::Aux))
        })
    };
    passive || adjective || object
}

/// A reporting verb used as a noun (`Trump’s tweets`, `Trump makes
/// claims such as`, `Ashcroft brought up claims`) attributes to whoever
/// owns it: the possessor in its phrase, or a name or personal pronoun
/// opening the sentence as its subject. Otherwise it is no cue (`the
/// claims`, `housing projects`).
fn speech_noun(t: &Tagged, prose: &str, v: usize) -> Option<Span> {
    let text = |i: usize| t.tokens[i].span.slice(prose);
    let c = t.chunk_of(v)?;
    // A count of them is a tally, not what anyone said (`the post had
    // drawn more than 400 comments`).
    if (c.first..v).any(|i| t.tokens[i].upos == Upos::Num) {
        return None;
    }
    if let Some(p) = (c.first..v).find(|&i| t.tokens[i].upos == Upos::Part) {
        let owner = (c.first..p)
            .rev()
            .find(|&i| t.tokens[i].upos == Upos::Propn)?;
        return Some(t.tokens[owner].span);
    }
    if c.first == v.min(c.first) && c.first > 0 {
        let possessive = t.tokens[c.first].upos == Upos::Pron;
        let first = t.chunks.first()?;
        let person = |ch: &Chunk| {
            let h = &t.tokens[ch.head];
            h.upos == Upos::Propn || PRONOUNS.contains(&&*lower(text(ch.head)))
        };
        if !possessive && first.end <= c.first && person(first) && first.first == 0 {
            return Some(first.span);
        }
    }
    None
}

/// The phrase at `at` when it can speak: `none of the trustees`,
/// `someone in the room`, `one of them` are read by the phrase before the
/// preposition; nobody (`none`, `someone else`, `no one`) cannot.
fn speaker_phrase(t: &Tagged, prose: &str, at: Span) -> Option<Span> {
    let text = |i: usize| t.tokens[i].span.slice(prose);
    let Some(mut c) = t.token_at(at.start).and_then(|i| t.chunk_of(i)).copied() else {
        return Some(at);
    };
    while let Some(owner) = c
        .first
        .checked_sub(1)
        .filter(|&p| t.tokens[p].upos == Upos::Adp)
        .and_then(|p| chunk_ending(t, p))
    {
        c = owner;
    }
    let head = lower(text(c.head));
    let first = lower(text(c.first));
    let nobody = NOT_SPEAKERS.contains(&&*head)
        || first == "no"
        || t.tokens
            .get(c.end)
            .is_some_and(|n| lower(n.span.slice(prose)) == "else");
    (!nobody).then_some(c.span)
}

/// The noun phrase standing before verb `v` and its auxiliaries and
/// adverbs (`Clinton quickly backtracked`).
fn subject_before(t: &Tagged, v: usize) -> Option<Chunk> {
    let lead = (0..v)
        .rev()
        .take_while(|&i| matches!(t.tokens[i].upos, Upos::Aux | Upos::Adv))
        .last()
        .unwrap_or(v);
    chunk_ending(t, lead)
}

/// The noun phrase whose last token is just before token `at`.
fn chunk_ending(t: &Tagged, at: usize) -> Option<Chunk> {
    let prev = at.checked_sub(1)?;
    t.chunk_of(prev).filter(|c| c.end == at).copied()
}

/// The sentence's opening noun phrase, before `end`, when it names
/// someone: a proper noun's phrase at the start, or `From` and a name or
/// a body.
fn named_subject(cx: &Cx<'_>, end: usize) -> Option<Span> {
    let t = cx.tagged();
    let first = t.tokens.first()?;
    let from =
        first.upos == Upos::Adp && first.span.slice(&cx.doc.prose).eq_ignore_ascii_case("from");
    // A title the tagger read as a verb (`Host Abby Huntsman started
    // things off by …:`) opens the name it stands before.
    let titled = !from
        && first.upos == Upos::Verb
        && first
            .span
            .slice(&cx.doc.prose)
            .starts_with(char::is_uppercase)
        && t.tokens.get(1).is_some_and(|w| w.upos == Upos::Propn);
    let start = usize::from(from || titled);
    let opening = t
        .chunks
        .iter()
        .find(|c| c.first >= start)
        .filter(|c| c.first == start && c.span.end <= end);
    // Or the subject of the introduction's last verb, after an opening
    // phrase (`After an eruption from Obama's team, Clinton quickly
    // backtracked:`).
    let c = opening.copied().or_else(|| {
        let v = t
            .tokens
            .iter()
            .rposition(|w| w.span.end <= end && w.upos == Upos::Verb && w.is_finite_verb())?;
        let c = subject_before(t, v)?;
        let after_comma = c.first > 0 && t.tokens[c.first - 1].span.slice(&cx.doc.prose) == ",";
        after_comma.then_some(c)
    })?;
    let head = &t.tokens[c.head];
    let body = ORGANISATION_NOUNS.contains(&&*lower(head.span.slice(&cx.doc.prose)));
    if head.upos == Upos::Propn || from && body {
        return Some(c.span);
    }
    let name = apposed_name(t, &cx.doc.prose, end)?;
    (t.tokens[name.head].upos == Upos::Propn).then_some(name.span)
}

/// The name set beside the sentence's opening phrase, between commas, when
/// that phrase is the subject of the introduction's verb (`Its editor, a
/// wry woman named Barb Keller, has the best line of the festival:`): the
/// name right before the closing comma, after a comma or a naming
/// participle (`named`, `called`). Not a name after a preposition (`The
/// sign, put up by Barb Keller, reads:`) nor one in a clause of its own
/// (`Its editor, who hired Barb Keller, has …`).
fn apposed_name(t: &Tagged, prose: &str, end: usize) -> Option<Chunk> {
    let v = t
        .tokens
        .iter()
        .rposition(|w| w.span.end <= end && w.upos == Upos::Verb && w.is_finite_verb())?;
    let lead = (0..v)
        .rev()
        .take_while(|&i| matches!(t.tokens[i].upos, Upos::Aux | Upos::Adv))
        .last()
        .unwrap_or(v);
    let comma = lead
        .checked_sub(1)
        .filter(|&i| t.tokens[i].span.slice(prose) == ",")?;
    let name = chunk_ending(t, comma)?;
    let opening = t.chunks.first().filter(|c| c.first == 0)?;
    let between = t.tokens.get(opening.end..name.first)?;
    let before_name = between.last()?;
    let named_by = before_name.span.slice(prose) == ","
        || before_name.upos == Upos::Verb && before_name.feats.verb_form == Some(Form::Part);
    (between.first()?.span.slice(prose) == ","
        && named_by
        && !between.iter().any(|w| {
            w.is_finite_verb()
                || w.upos == Upos::Adp
                || RELATIVES.contains(&&*lower(w.span.slice(prose)))
        }))
    .then_some(name)
}

/// Heads of phrases that name a body (`the statistics office`).
static ORGANISATION_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("organisation-nouns"));

/// A provisional speaker at a word (the `speakers` stage widens it to its
/// noun phrase and tells its kind).
fn anchor(w: &Word<'_>, base: usize) -> Speaker {
    Speaker {
        span: Span::new(base + w.at, base + w.at + w.text.len()),
        kind: SpeakerKind::Person,
        plural: false,
    }
}

/// The speaker at the first word at or after `at`.
fn word_from(ws: &[Word<'_>], at: usize, base: usize) -> Option<Speaker> {
    ws.get(ws.partition_point(|w| w.at < at))
        .map(|w| anchor(w, base))
}

/// A word that can name who speaks: a pronoun or a capitalised name.
fn speaker_word(word: &str) -> bool {
    let lw = lower(word);
    PRONOUNS.contains(&&*lw)
        || word.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&&*lw)
}

fn speaker_kind(word: &str) -> AttributionKind {
    let lw = lower(word);
    if PRONOUNS.contains(&&*lw) {
        AttributionKind::Pronoun
    } else if ANONYMOUS.contains(&&*lw) {
        AttributionKind::Anonymous
    } else {
        AttributionKind::Named
    }
}

/// The phrase that opens a clause's words `lead` (the sentence's first,
/// or the first after a dash closing a label: `12:30 p.m. — One man …`)
/// when an indefinite determiner opens it and a singular common noun
/// heads it, and no punctuation closes it (`One day, …` opens no subject).
fn opening_indefinite(t: &Tagged, prose: &str, lead: &[super::tokens::Token]) -> Option<Chunk> {
    let start = lead
        .iter()
        .take(5)
        .rposition(|w| w.upos == Upos::Punct && matches!(w.span.slice(prose), "—" | "–" | "--"))
        .map_or(0, |i| i + 1);
    let c = t.chunk_of(start).filter(|c| c.first == start)?;
    let after = lead.get(c.end)?;
    // A determiner or `one`, not a possessive (`Our collective response
    // … is the catalyst … if you let them tell it:`): a thing of ours
    // speaks less often than one of us.
    (INDEFINITE.contains(&&*lower(lead[start].span.slice(prose)))
        && matches!(lead[start].upos, Upos::Det | Upos::Num)
        && lead[c.head].upos == Upos::Noun
        && !lead[c.head].is_plural()
        && after.upos != Upos::Punct)
        .then_some(*c)
}

/// `Smith was blunt: “…”`, `Her words: “…”`, or a sentence that ends with a
/// colon and names someone: an introduction of the quotation that follows.
fn colon_intro(cx: &Cx<'_>, verbs: &VerbIndex<'_>) -> Option<Attribution> {
    let Cx {
        outside,
        ws,
        quotes,
        span,
        ..
    } = *cx;
    // A transcript line (`CLINTON: Yeah, because …`) is the speaker's.
    // The first colon, if any: without one, only an introduction noun
    // before a quotation can introduce it.
    let first_colon = outside.find(':');
    let label_end = first_colon.filter(|&i| {
        let label = outside[..i].trim();
        (2..=40).contains(&label.len())
            && label.chars().any(char::is_alphabetic)
            && label
                .chars()
                .all(|c| c.is_uppercase() || " .'’-".contains(c))
    });
    // A post set under its author's handle (`[@tuckercarlson](…): “…”`):
    // the handle is the speaker's label.
    if let Some(i) = first_colon {
        let label = outside[..i].trim();
        let handle = label.strip_prefix('@').is_some_and(|h| {
            (1..=30).contains(&h.len()) && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if handle {
            let at = span.start + (outside[..i].len() - outside[..i].trim_start().len());
            return Some(Attribution {
                kind: AttributionKind::Named,
                span: Span::new(span.start, span.start + i + 1),
                from_link: false,
                speaker: Some(Speaker {
                    span: Span::new(at, at + label.len()),
                    kind: SpeakerKind::Person,
                    plural: false,
                }),
            });
        }
    }
    if let Some(i) = label_end {
        return Some(Attribution {
            kind: AttributionKind::Named,
            span: Span::new(span.start, span.start + i + 1),
            from_link: false,
            speaker: ws.first().map(|w| anchor(w, span.start)),
        });
    }
    // A headline's form: the words first, then who said them (`'I've
    // wasted enough of my viewers' time': Jake Tapper abruptly ends …`).
    let lead = outside.trim_start();
    if lead.starts_with(':')
        && quotes
            .first()
            .is_some_and(|q| q.span.start <= span.start + (outside.len() - lead.len()))
    {
        let t = cx.tagged();
        let colon_at = span.start + (outside.len() - lead.len());
        let after = t.tokens.partition_point(|w| w.span.start <= colon_at);
        let named = t
            .chunk_of(after)
            .filter(|c| c.first == after && t.tokens[c.head].upos == Upos::Propn);
        if let Some(c) = named {
            return Some(Attribution {
                kind: AttributionKind::Named,
                span: Span::new(colon_at, colon_at + 1),
                from_link: false,
                speaker: Some(Speaker {
                    span: c.span,
                    kind: SpeakerKind::Person,
                    plural: false,
                }),
            });
        }
    }
    // `he made this statement “…”`: a document noun right before the quote.
    // (Most sentences have no quotation to look at.)
    let intro_quote = |q: &&Scanned| q.span.start >= span.start;
    if quotes.iter().any(|q| intro_quote(&q)) {
        let first_speaker = ws.iter().find(|w| speaker_word(w.text));
        // Where the text before each quotation ends once spaces and commas
        // are trimmed, carried from one quotation to the next so that the
        // blanks (quotations are blanked) are not re-read for each.
        let bytes = outside.as_bytes();
        let solid = |b: &u8| *b != b' ' && *b != b',';
        let (mut upto, mut last_solid) = (0, None);
        for q in quotes.iter().filter(intro_quote) {
            let rel = q.span.start - span.start;
            let from = if upto <= rel { upto } else { 0 };
            let tail = bytes.get(from..rel).unwrap_or(&[]);
            last_solid = match tail.iter().rposition(solid) {
                Some(i) => Some(from + i),
                None if from == 0 => None,
                None => last_solid,
            };
            upto = rel;
            let kept = last_solid.map_or(0, |i| i + 1);
            let before = &outside[..kept];
            // The word before: no intro noun is anywhere near this long, so a
            // longer run of letters need not be read to its start.
            let tail =
                &before[crate::line_index::floor_char_boundary(before, kept.saturating_sub(64))..];
            let last = tail
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            if INTRO_NOUNS.contains(&last.as_str())
                && first_speaker.is_some_and(|w| w.at < before.len())
            {
                return Some(Attribution {
                    kind: AttributionKind::Named,
                    span: Span::new(span.start, span.start + before.len()),
                    from_link: false,
                    speaker: first_speaker.map(|w| anchor(w, span.start)),
                });
            }
        }
    }
    let first_colon = first_colon?;
    let trimmed = outside.trim_end();
    let colon = if trimmed.ends_with(':') {
        Some(trimmed.len() - 1)
    } else {
        let tail = &outside[first_colon..];
        tail.match_indices(':')
            .map(|(i, _)| first_colon + i)
            .find(|&i| {
                let after = outside[i + 1..].trim_start();
                let at = span.start + outside.len() - after.len();
                quotes.binary_search_by_key(&at, |q| q.span.start).is_ok()
            })
    }?;
    // Words are in order.
    let before = &ws[..ws.partition_point(|w| w.at < colon)];
    // A speaker: a pronoun, a reporting verb or a document noun anywhere in
    // the introduction, or an introduction that is only a name (`COLBERT:`).
    // A reporting verb's word after an article is a noun and reports
    // nothing (`A few highlights we played on the show:`). (Not the
    // tagger's noun: it reads `New America points out:` as one phrase.)
    let as_verb = |w: &Word<'_>| {
        let t = cx.tagged();
        t.token_at(span.start + w.at).is_none_or(|i| {
            i == 0 || !ARTICLES.contains(&&*lower(t.tokens[i - 1].span.slice(&cx.doc.prose)))
        })
    };
    let speakerish = before.iter().any(|w| {
        let lw = lower(w.text);
        PRONOUNS.contains(&&*lw)
            || ["his", "her", "their"].contains(&&*lw)
            || INTRO_NOUNS.contains(&&*lw)
            || verbs.use_of(w.text).is_some() && as_verb(w)
    }) || (1..=3).contains(&before.len())
        && before
            .iter()
            .all(|w| w.text.chars().next().is_some_and(char::is_uppercase))
        && !NOT_NAMES.contains(&&*lower(before[0].text));
    // A capital opening the sentence is no name unless the tagger reads a
    // noun or a pronoun there (`Here’s one reply I can’t stop thinking
    // about:` names nobody).
    let speaker = before
        .iter()
        .find(|w| {
            speaker_word(w.text) && {
                let t = cx.tagged();
                t.token_at(span.start + w.at).is_none_or(|i| {
                    matches!(
                        t.tokens[i].upos,
                        Upos::Noun | Upos::Propn | Upos::Pron | Upos::X
                    )
                })
            }
        })
        .map(|w| anchor(w, span.start));
    if speakerish {
        let t = cx.tagged();
        let prose = &cx.doc.prose;
        let intro = &t.tokens[..t
            .tokens
            .partition_point(|w| w.span.end <= span.start + colon)];
        // A past tense the tagger reads as a participle (`One longtime
        // reader emailed to say:`) is the clause's verb when it follows the
        // noun phrase that opens the sentence with no auxiliary: a reduced
        // relative (`A man injured in the crash said:`) has a verb after it.
        let finite = intro
            .iter()
            .position(|w| w.upos == Upos::Verb && w.is_finite_verb())
            .or_else(|| {
                let v = intro
                    .iter()
                    .position(|w| w.upos == Upos::Verb && w.feats.verb_form == Some(Form::Part))?;
                let c = chunk_ending(t, v)?;
                (c.first == 0 && !intro[..v].iter().any(|w| w.upos == Upos::Aux)).then_some(v)
            });
        // A label with no one in it (`Overheard at the counter:`, `Heard
        // on the radio:`): a participle opens it and no clause follows.
        let agentless = finite.is_none()
            && intro
                .first()
                .is_some_and(|w| w.upos == Upos::Verb && w.feats.verb_form == Some(Form::Part));
        if agentless {
            return None;
        }
        // The first clause's subject (`One man loading bags into his
        // pickup summed it up:`), past an -ing phrase and past the phrases
        // of prepositions after it (`One parent at the back of the gym put
        // it:`): the phrase they hang on. One that hangs on nothing opens
        // the sentence (`In another:`) and is no subject.
        let subject = finite.and_then(|v| {
            let mut c = subject_before(t, v)?;
            c = t
                .participle_host(&c, prose)
                .or_else(|| t.relative_host(&c, prose, &RELATIVES))
                .copied()
                .unwrap_or(c);
            while let Some(p) = c.first.checked_sub(1) {
                if t.tokens[p].upos != Upos::Adp {
                    break;
                }
                c = chunk_ending(t, p)?;
            }
            Some(c)
        });
        // A sentence opened by an unnamed one's phrase (`A nurse I worked
        // with for years put it to me this way:`, `One man loading bags of
        // ice melt into his pickup outside a Springdale hardware store
        // summed it up:`) has that phrase for its subject, however long
        // the description between it and the verb: a contact clause's or
        // a modifier's noun is not the one who speaks.
        let subject = finite
            .and_then(|v| opening_indefinite(t, prose, &intro[..v]))
            .or(subject);
        let speaker = match subject {
            Some(c) => Some(Speaker {
                span: Span::new(t.tokens[c.head].span.start, t.tokens[c.head].span.end),
                kind: SpeakerKind::Person,
                plural: false,
            }),
            None => speaker,
        };
        return Some(Attribution {
            kind: AttributionKind::Named,
            span: Span::new(span.start, span.start + colon + 1),
            from_link: false,
            speaker,
        });
    }
    // A named subject with no speech verb (`Coach Ruiz was terse
    // afterward:`, `Garcia on taxes:`, `From [the statistics office](…):`).
    let named = named_subject(cx, span.start + colon)?;
    Some(Attribution {
        kind: AttributionKind::Named,
        span: Span::new(span.start, span.start + colon + 1),
        from_link: false,
        speaker: Some(Speaker {
            span: named,
            kind: SpeakerKind::Person,
            plural: false,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::words::words;
    use crate::analysis::{analyze_blocks, QuoteMarks};
    use crate::Format;

    fn cue(text: &str) -> Option<AttributionKind> {
        let doc = Document::parse(text, Format::Markdown);
        let a = analyze_blocks(&doc, Verbs::builtin());
        a[0].sentences[0].attribution.map(|a| a.kind)
    }

    #[test]
    fn a_reporting_verb_in_a_sense_that_reports_nothing_is_no_cue() {
        use AttributionKind::*;
        // A particle makes another verb.
        assert_eq!(
            cue("Most tenants who show up to court lose their homes."),
            None
        );
        assert_eq!(cue("Most people never find out about a recall."), None);
        assert_eq!(cue("Most eligible families have never heard of it."), None);
        // A plain object: the verb's other sense.
        assert_eq!(cue("Every year of delay adds millions to the bill."), None);
        assert_eq!(cue("Fares fall as airlines add too many seats."), None);
        assert_eq!(cue("They concede so few goals."), None);
        // `admit` lets in: a plain object (session 21).
        assert_eq!(
            cue("The country admits roughly 1 million immigrants a year."),
            None
        );
        assert_eq!(cue("The hospital admitted two patients overnight."), None);
        // `tell if`, `tell whether`, `tell apart` make out; `charged with`
        // lays a charge, its be-form wherever it stands.
        assert_eq!(cue("Doctors can tell if a baby is left-handed."), None);
        assert_eq!(cue("Few buyers can tell whether a car flooded."), None);
        assert_eq!(
            cue("Most were either convicted or charged with crimes."),
            None
        );
        // A passive, with an adverb between (`is really explained by`).
        assert_eq!(
            cue("The drop is really explained by a weaker supply."),
            None
        );
        // A participle after a degree adverb is an adjective.
        assert_eq!(cue("Parents feel significantly less stressed."), None);
        // The reporting senses stay cues.
        assert_eq!(cue("She added the plan would fail."), Some(Pronoun));
        assert_eq!(
            cue("The minister admitted the figures were wrong."),
            Some(Named)
        );
        assert_eq!(
            cue("The inspector told the owners the boiler had failed."),
            Some(Named)
        );
        assert_eq!(
            cue("The mayor added that the plan would cost more."),
            Some(Named)
        );
        assert_eq!(
            cue("The coach conceded that the team had played poorly."),
            Some(Named)
        );
        assert_eq!(cue("“We will appeal,” Ruiz added."), Some(Named));
    }

    #[test]
    fn finds_reporting_verbs_in_both_orders() {
        use AttributionKind::*;
        assert_eq!(cue("“We won,” Smith said."), Some(Named));
        assert_eq!(cue("“We won,” said Smith."), Some(Named));
        assert_eq!(cue("“We won,” she said."), Some(Pronoun));
        assert_eq!(cue("“We won,” said the department."), Some(Named));
        assert_eq!(
            cue("Thibodeaux told Fontenot the sentence was fair."),
            Some(Named)
        );
        assert_eq!(cue("Council President Marisol Estrada, who voted with the majority, said the increase was small."), Some(Named));
        assert_eq!(
            cue("The count rose, according to the department."),
            Some(Named)
        );
        assert_eq!(
            cue("“It was six shots,” one of them said."),
            Some(Anonymous)
        );
        assert_eq!(
            cue("My grandmother used to say, “Don’t write what you can’t feed,” and meant it."),
            Some(Named)
        );
        assert_eq!(
            cue("She went on, “Trump is the most ignorant president.”"),
            Some(Pronoun)
        );
        assert_eq!(
            cue("And Marcy was all like, “No way, not again.”"),
            Some(Named)
        );
        assert_eq!(cue("“Then pay for it,” the mayor shot back."), Some(Named));
        assert_eq!(cue("Data from the census show rents rose."), Some(Document));
        assert_eq!(
            cue("Rents rose, [the report](https://x.test) shows."),
            Some(Document)
        );
    }

    #[test]
    fn a_cue_word_in_the_subject_sources_nothing() {
        // A verb in a clause restricting the sentence's subject, and a
        // noun in a phrase the tagger closes before the verb.
        assert_eq!(
            cue("Landlords who warn tenants early collect more of the rent."),
            None
        );
        assert_eq!(
            cue("Clinics that triage phone calls cut waiting times by 20 percent."),
            None
        );
        // A later cue is still read; so is a relative after a comma.
        assert!(
            cue("Landlords who spoke at the hearing said the rules were too strict.").is_some()
        );
        assert!(
            cue("The landlords, who spoke at the hearing, warned the rules were too strict.")
                .is_some()
        );
    }

    #[test]
    fn a_named_source_that_found_out_is_a_cue() {
        let named = Some(AttributionKind::Named);
        assert_eq!(cue("Salaries are owing, PREMIUM TIMES learnt."), named);
        assert_eq!(
            cue("Reuters has learned that the firm lost $3 billion."),
            named
        );
        assert_eq!(
            cue("The council lost $2 million, the Herald has learnt."),
            named
        );
        // A vague or common subject, or the passive, names no source.
        assert_eq!(
            cue("Many have learned that the firm lost $3 billion."),
            None
        );
        assert_eq!(
            cue("Residents learned that the firm lost $3 billion."),
            None
        );
        assert_eq!(cue("It was learned that the firm lost $3 billion."), None);
    }

    #[test]
    fn look_alikes_are_not_cues() {
        assert_eq!(cue("Ask anyone who lives there."), None);
        assert_eq!(cue("He was found dead inside the apartment."), None);
        assert_eq!(
            cue("A late twist raises more questions than it answers, and the fog is thick."),
            None
        );
        assert_eq!(
            cue("Several residents held signs reading the same thing."),
            None
        );
        assert_eq!(cue("He made a phone call to the office."), None);
        assert_eq!(cue("He wants to say more about the plan."), None);
        assert_eq!(cue("The meeting went on for hours."), None);
        assert_eq!(
            cue("It was like a war zone, “total chaos” by one account."),
            None
        );
        assert_eq!(cue("The tool was used to say hello."), None);
        assert_eq!(
            cue("“Chain migration” is a phrase used to describe a feature of the law."),
            None
        );
        assert_eq!(cue("Experts say the county needs 15,000 units."), None);
        assert_eq!(cue("Per capita consumption rose a thousandfold."), None);
        assert_eq!(cue("He declined to comment on the plan."), None);
    }

    #[test]
    fn words_keep_their_offsets() {
        let t = "‘’I just thought, ‘I’ve let everybody down.” Clinton recalled.";
        for w in words(t) {
            assert_eq!(&t[w.at..w.at + w.text.len()], w.text);
        }
    }

    /// Words as the char-by-char reading found them before the byte masks.
    fn words_by_char(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        let mut push = |s: usize, e: usize| {
            let raw = &text[s..e];
            let trimmed = raw.trim_start_matches(['\'', '’', '-']);
            let at = s + raw.len() - trimmed.len();
            let trimmed = trimmed.trim_end_matches(['\'', '’', '-']);
            if !trimmed.is_empty() {
                out.push((at, trimmed));
            }
        };
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (start, is_word(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    push(s, i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            push(s, text.len());
        }
        out
    }

    #[test]
    fn words_read_by_masks_match_words_read_by_char() {
        let pieces = [
            "a", "Zz", "09", "'", "’", "-", " ", ",", "\n", "\r", "\x07", "\x7f", "é", "É", "ß",
            "“", "”", "—", "中", "😀", "\u{212A}", "\u{a0}", "@", "`", "[", "{", "/", ":",
        ];
        // Every pair of pieces, at every offset around the 8- and 64-byte
        // steps of the masks.
        for pad in 0..70 {
            for a in pieces {
                for b in pieces {
                    let text = format!("{}{a}{b}x{a}{a}{b}", "y".repeat(pad));
                    let got: Vec<(usize, &str)> =
                        words(&text).iter().map(|w| (w.at, w.text)).collect();
                    assert_eq!(got, words_by_char(&text), "{text:?}");
                }
            }
        }
        let long = "“It’s the U.S.-made don't ’90s rock ’n’ roll,” said José Ångström-Øre \
                    (née 中村), 42, a KELVIN-\u{212A} fan — again. "
            .repeat(5);
        for start in 0..80 {
            let text = long.get(start..).unwrap_or("");
            let got: Vec<(usize, &str)> = words(text).iter().map(|w| (w.at, w.text)).collect();
            assert_eq!(got, words_by_char(text), "{text:?}");
        }
    }

    #[test]
    fn verb_index_reads_words_as_the_verb_lists_do() {
        let mut extra = crate::lexicon::ReportingVerbs::default();
        assert!(extra.add_entry("opine opined opines opining"));
        let mut words: Vec<String> = REPORTING_VERBS
            .words()
            .chain(extra.words())
            .flat_map(|w| {
                [
                    w.to_owned(),
                    w.to_uppercase(),
                    format!("{w}x"),
                    w[1..].to_owned(),
                ]
            })
            .collect();
        words.extend(
            [
                "Said",
                "SAYS",
                "a",
                "I",
                "",
                "as\u{212A}ed",
                "ſays",
                "écrit",
                "counterpropositions",
            ]
            .map(String::from),
        );
        for verbs in [Verbs::builtin(), Verbs { extra: &extra }] {
            for w in &words {
                // An index is for the words of the text it was made for.
                let index = VerbIndex::new(verbs, w);
                assert_eq!(index.use_of(w), verbs.use_of(&lower(w)), "{w}");
                assert_eq!(index.form(w), verbs.form(&lower(w)), "{w}");
            }
        }
        // The Kelvin sign lowercases to `k`.
        assert!(VerbIndex::new(Verbs::builtin(), "as\u{212A}ed")
            .use_of("as\u{212A}ed")
            .is_some());
    }

    #[test]
    fn colon_introductions() {
        assert!(cue("Her words: “I threw out every bottle in my pantry.”").is_some());
        assert!(cue("Hollis read from a prepared statement before the vote:").is_some());
        assert!(cue("A minimal configuration looks like this:").is_none());
    }

    #[test]
    fn vague_sources_are_recorded() {
        let doc = Document::parse("Studies show that rates fell.", Format::Markdown);
        let a = analyze_blocks(&doc, Verbs::builtin());
        assert!(a[0].sentences[0].vague_source.is_some());
    }

    #[test]
    fn a_document_cue_whose_subject_names_no_record_is_a_vague_source() {
        let stand_in = |text: &str| {
            let doc = Document::parse(text, Format::Markdown);
            let a = analyze_blocks(&doc, Verbs::builtin());
            let s = &a[0].sentences[0];
            // The cue stays for quotations and the paragraph's later
            // sentences; the claim rules weigh the stand-in.
            assert!(!s.vague_document || s.attribution.is_some(), "{text}");
            s.vague_document
                .then(|| s.vague_source.map(|v| v.slice(text).to_owned()))
                .flatten()
        };
        assert_eq!(
            stand_in("Research looking at county data has consistently found that rates fell.")
                .as_deref(),
            Some("Research looking at county data has consistently found")
        );
        assert_eq!(
            stand_in("The entire history of the league shows that owners ignore votes.").as_deref(),
            Some("The entire history of the league shows")
        );
        for named in [
            "The study found that rates fell.",
            "Research by the Fed found that rates fell.",
            "Their research shows that rates fell.",
            "History will show that the council was right.",
            "Studies have revealed some interesting facts about it.",
            "Evidence from the trial shows that the pump failed.",
        ] {
            assert_eq!(stand_in(named), None, "{named}");
        }
    }

    #[test]
    fn block_quotes_and_run_ons() {
        let doc = Document::parse(
            "> They'll say anything to get a needle in your arm.\n\n\"You took it from people.\n\n\"That is the part I cannot get past.\"\n",
            Format::Markdown,
        );
        let a = analyze_blocks(&doc, Verbs::builtin());
        assert_eq!(a[0].quotes[0].marks, QuoteMarks::BlockQuote);
        assert!(a[1].quotes[0].runs_on);
        assert!(a[2].quotes[0].continues);
    }
}
