//! The linguistic layer: a sentence's tokens (universal part of speech,
//! verb form, tense and number, from `copydesk_tagger`) and its noun-phrase
//! chunks with their heads.
//!
//! Tagging is done at most once per sentence and only when something reads
//! it: [`Analysis::tokens`](super::Analysis::tokens) and
//! [`Analysis::chunks`](super::Analysis::chunks) fill the sentence's
//! [`Tags`] cell on first use, and the cue stage fills it for the sentences
//! it needs to judge. Sentences nobody reads are never tagged, so the cost
//! follows what the rules look at. Spans are absolute byte offsets into the
//! source, like every span in the engine.
//!
//! The tagger reads the prose as the markup left it (links' text kept, their
//! destinations and the markup blanked), quotations included: UD's
//! treebanks have their quotation marks in place, and the claim rule reads
//! whole sentences.

use std::sync::LazyLock;

use crate::span::Span;

pub use copydesk_tagger::{Feats, Number, Tense, Upos, VerbForm};

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Absolute byte offsets into the source.
    pub span: Span,
    pub upos: Upos,
    /// Verb form, tense and number (set on nouns, proper nouns, pronouns,
    /// verbs and auxiliaries only).
    pub feats: Feats,
}

impl Token {
    /// A finite verb or auxiliary: it can head a clause (`Ruiz said`), as
    /// a participle (`the said report`, `having said`) cannot.
    pub fn is_finite_verb(&self) -> bool {
        matches!(self.upos, Upos::Verb | Upos::Aux) && self.feats.is_finite()
    }

    /// A noun, proper noun or pronoun: a word that can head a noun phrase.
    pub fn is_nominal(&self) -> bool {
        matches!(self.upos, Upos::Noun | Upos::Propn | Upos::Pron)
    }

    pub fn is_plural(&self) -> bool {
        self.feats.number == Some(Number::Plur)
    }
}

/// A simple noun phrase: a run of determiners, numbers, adjectives, nouns,
/// proper nouns and titles (`the city's new budget director`, `Gov. Pat
/// McCrory`, `two local shop owners`), or a pronoun alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// Absolute byte offsets, first token to last.
    pub span: Span,
    /// Its tokens: indexes `first..end` into the sentence's tokens.
    pub first: usize,
    pub end: usize,
    /// The index of its head (the last noun, proper noun or pronoun; a
    /// number when it has none, as in `the two`).
    pub head: usize,
}

impl Chunk {
    pub fn tokens<'t>(&self, tokens: &'t [Token]) -> &'t [Token] {
        tokens.get(self.first..self.end).unwrap_or(&[])
    }

    pub fn head<'t>(&self, tokens: &'t [Token]) -> Option<&'t Token> {
        tokens.get(self.head)
    }
}

/// A sentence's tokens and chunks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tagged {
    pub tokens: Vec<Token>,
    pub chunks: Vec<Chunk>,
}

impl Tagged {
    /// The index of the token that starts at or covers `at`, if any.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.end <= at);
        self.tokens.get(i).filter(|t| t.span.start <= at).map(|_| i)
    }

    /// The chunk holding token `i`, if any.
    pub fn chunk_of(&self, i: usize) -> Option<&Chunk> {
        let c = self.chunks.partition_point(|c| c.end <= i);
        self.chunks.get(c).filter(|c| c.first <= i)
    }

    /// The phrase a participle phrase hangs on, when `c` closes one: in
    /// `One man loading bags of ice into his pickup summed it up`, the
    /// phrase before the verb is `his pickup`, but the one who speaks is
    /// `One man`. Walks back from `c` over phrases, prepositions and
    /// conjunctions (no punctuation, no finite verb) to a non-finite -ing
    /// verb or a past participle (`A driver stranded on Route 9 called`)
    /// standing right after a phrase, and gives that phrase.
    pub fn participle_host(&self, c: &Chunk, prose: &str) -> Option<&Chunk> {
        let mut i = c.first;
        for _ in 0..16 {
            i = i.checked_sub(1)?;
            let t = &self.tokens[i];
            match t.upos {
                Upos::Verb => {
                    // Or a past participle (`A driver stranded on Route 9
                    // called our newsroom`) after a phrase that opens its
                    // clause: elsewhere it is more often a main verb the
                    // tagger misread (`Rents in the old town doubled`).
                    let ing = t.span.slice(prose).ends_with("ing");
                    let past = t.feats.verb_form == Some(VerbForm::Part);
                    if !(ing || past) || t.is_finite_verb() {
                        return None;
                    }
                    let host = self.chunk_of(i.checked_sub(1)?).filter(|h| h.end == i)?;
                    let opens = host.first == 0
                        || matches!(self.tokens[host.first - 1].upos, Upos::Punct | Upos::Cconj);
                    return (ing || opens).then_some(host);
                }
                u if in_phrases(u) || u == Upos::Cconj => {}
                // `that` read as a conjunction (`bread that morning`).
                Upos::Sconj if t.span.slice(prose) == "that" => {}
                _ => return None,
            }
        }
        None
    }

    /// The phrase a relative clause hangs on, when `c` closes one: in
    /// `Several buyers who toured units on Sunday said`, the phrase before
    /// the verb is `Sunday`, but the ones who speak are `Several buyers`.
    /// Walks back from `c` over phrases, prepositions, adverbs and the
    /// clause's own verbs (no punctuation) to a relative pronoun (`relatives`,
    /// lower case) standing right after a phrase, and gives that phrase.
    pub fn relative_host(&self, c: &Chunk, prose: &str, relatives: &[&str]) -> Option<&Chunk> {
        let mut i = c.first;
        let mut verb = false;
        for _ in 0..16 {
            i = i.checked_sub(1)?;
            let t = &self.tokens[i];
            match t.upos {
                Upos::Pron if relatives.contains(&&*crate::lexicon::lower(t.span.slice(prose))) => {
                    // The clause has a verb of its own (`who toured`); a
                    // bare `who said` is read by the cue stage.
                    return verb
                        .then(|| self.chunk_of(i.checked_sub(1)?).filter(|h| h.end == i))
                        .flatten();
                }
                Upos::Verb | Upos::Aux => verb = true,
                u if in_phrases(u) || u == Upos::Adv => {}
                _ => return None,
            }
        }
        None
    }
}

/// Words of the noun and preposition phrases a walk back over a clause
/// passes (`bags of ice into his pickup`).
fn in_phrases(u: Upos) -> bool {
    matches!(
        u,
        Upos::Noun
            | Upos::Propn
            | Upos::Pron
            | Upos::Det
            | Upos::Adj
            | Upos::Num
            | Upos::Adp
            | Upos::Part
    )
}

/// A sentence's tags, computed on first use (see the module docs).
pub type Tags = super::Memo<Tagged>;

impl Tags {
    /// The tags of the sentence at `span` in `prose` (the document's prose),
    /// tagging it now if nothing has yet.
    pub fn get_or_tag(&self, prose: &str, span: Span) -> &Tagged {
        self.get_or_init(|| tag(prose, span))
    }
}

/// Tags the sentence at `span` of `prose` and chunks it.
pub fn tag(prose: &str, span: Span) -> Tagged {
    let text = span.slice(prose);
    let mut raw = Vec::new();
    let kept = KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        let kept = kept.as_mut()?;
        kept.get(text, &mut raw).then_some(())
    });
    if kept.is_none() {
        crate::meter::tagged();
        copydesk_tagger::Tagger::embedded().tag(text, &mut raw);
        KEPT.with(|kept| {
            if let Some(kept) = kept.borrow_mut().as_mut() {
                kept.insert(text, &raw);
            }
        });
    }
    let tokens: Vec<Token> = raw
        .iter()
        .map(|t| Token {
            span: Span::new(t.span.start as usize, t.span.end as usize).offset(span.start),
            upos: t.upos,
            feats: t.feats,
        })
        .collect();
    let chunks = chunk(prose, &tokens);
    Tagged { tokens, chunks }
}

/// The tagger's labels of sentences already tagged, by the sentence's
/// text, kept from one check of a draft to the next by its
/// [`crate::incremental::Checker`]: a keystroke re-analyses the blocks it
/// touched and the units around them, and without this tagged their
/// unchanged sentences again. A sentence's tags are a function of its
/// text alone (the tagger reads nothing else, and [`tag`] only moves its
/// spans to where the sentence starts and chunks them), so a kept entry is
/// what tagging would give: its tokens are the tokenizer's (cheap, and
/// the same for the same text), its labels the kept ones.
///
/// Kept small, as every open draft keeps its own: an entry is a 128-bit
/// keyed hash of the text (XXH3, as the checker's block fingerprints, and
/// for the same reasons: two texts share one with a probability of about
/// 2^-128, and the key is random) and four bytes a token.
#[derive(Debug)]
pub struct KeptTags {
    map: rustc_hash::FxHashMap<u128, Box<[copydesk_tagger::Label]>>,
    key: u64,
    /// Past this many entries the next check starts afresh (see
    /// [`KeptTags::check_done`]).
    pub(crate) limit: usize,
    hits: usize,
}

impl Default for KeptTags {
    fn default() -> Self {
        use std::hash::BuildHasher;
        KeptTags {
            map: Default::default(),
            key: std::collections::hash_map::RandomState::new().hash_one(0x7461_6773_u64),
            limit: 0,
            hits: 0,
        }
    }
}

impl KeptTags {
    /// The fewest entries a draft may keep before the kept tags are
    /// dropped; most drafts tag fewer sentences.
    const FLOOR: usize = 1024;

    fn fingerprint(&self, text: &str) -> u128 {
        twox_hash::XxHash3_128::oneshot_with_seed(self.key, text.as_bytes())
    }

    /// The tokens of `text` into `out`, if its labels are kept.
    fn get(&mut self, text: &str, out: &mut Vec<copydesk_tagger::Token>) -> bool {
        let Some(labels) = self.map.get(&self.fingerprint(text)) else {
            return false;
        };
        let mut spans = Vec::with_capacity(labels.len());
        copydesk_tagger::tokenize(text, &mut spans);
        if spans.len() != labels.len() {
            // Never expected: the same text tokenizes the same way.
            return false;
        }
        out.clear();
        out.extend(
            spans
                .iter()
                .zip(labels.iter())
                .map(|(&span, l)| copydesk_tagger::Token {
                    span,
                    upos: l.upos,
                    feats: l.feats,
                }),
        );
        self.hits += 1;
        true
    }

    fn insert(&mut self, text: &str, tokens: &[copydesk_tagger::Token]) {
        let labels = tokens
            .iter()
            .map(|t| copydesk_tagger::Label {
                upos: t.upos,
                feats: t.feats,
            })
            .collect();
        self.map.insert(self.fingerprint(text), labels);
    }

    /// After a check: an edit leaves its sentence's earlier texts behind,
    /// one or two a keystroke. Once the entries pass three times what the
    /// draft's first check kept (and [`Self::FLOOR`]), they are all
    /// dropped, and the next checks tag afresh what they need, as they
    /// would with nothing kept: memory stays proportional to the draft.
    pub fn check_done(&mut self) {
        if self.limit == 0 {
            self.limit = (3 * self.map.len()).max(Self::FLOOR);
        } else if self.map.len() > self.limit {
            self.map.clear();
            self.map.shrink_to_fit();
        }
    }

    /// How many sentences were not tagged again since this was made, for
    /// the tests.
    pub fn hits(&self) -> usize {
        self.hits
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Runs `f` with these tags in use by [`tag`] on this thread (and
    /// filled by it), then takes them back, even if `f` panics. Should
    /// the thread hold some already (a check inside a check), `f` uses
    /// those and these are left as they are.
    pub fn lend<R>(&mut self, f: impl FnOnce() -> R) -> R {
        struct Back<'k>(&'k mut KeptTags);
        impl Drop for Back<'_> {
            fn drop(&mut self) {
                let lent = KEPT.with(|kept| kept.try_borrow_mut().ok().and_then(|mut k| k.take()));
                if let Some(lent) = lent {
                    *self.0 = lent;
                }
            }
        }
        let lent = KEPT.with(|kept| {
            let mut kept = kept.borrow_mut();
            if kept.is_some() {
                return false;
            }
            *kept = Some(std::mem::take(self));
            true
        });
        if !lent {
            return f();
        }
        let _back = Back(self);
        f()
    }
}

thread_local! {
    /// The kept tags [`tag`] reads and fills, while a checker lends them.
    static KEPT: std::cell::RefCell<Option<KeptTags>> = const { std::cell::RefCell::new(None) };
}

/// Proper nouns that are dates, not names: a chunk stops before them
/// (`Gov. Pat McCrory Sunday`).
static DATE_WORDS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("date-words"));

pub(crate) fn is_date_word(word: &str) -> bool {
    DATE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’" | "s'" | "s’")
}

/// Noun-phrase chunks over the tokens (see [`Chunk`]): determiners,
/// numbers and adjectives open or extend a phrase, nouns and proper nouns
/// extend it, a possessive `'s` joins its owner to what is owned (`the
/// city's budget director`), a hyphen or an abbreviation's period inside
/// a name stays in it; a pronoun alone is a phrase, and a possessive
/// pronoun before a noun is its determiner (`her lawyer`). A gap of three
/// or more blanks (markup the prose blanked) ends a phrase.
pub fn chunk(prose: &str, tokens: &[Token]) -> Vec<Chunk> {
    let text = |t: &Token| t.span.slice(prose);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let opens = matches!(
            t.upos,
            Upos::Det | Upos::Num | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Pron
        );
        if !opens || is_date_word(text(t)) {
            i += 1;
            continue;
        }
        let first = i;
        let mut end = i + 1;
        // A pronoun is a phrase of its own unless it is a determiner
        // (`her lawyer`, `their two sons`).
        let pronoun_alone = t.upos == Upos::Pron
            && !tokens.get(i + 1).is_some_and(|n| {
                matches!(n.upos, Upos::Noun | Upos::Adj | Upos::Num) && n.span.start > t.span.end
            });
        if !pronoun_alone {
            while let Some(n) = tokens.get(end) {
                // Blanked markup between two words (a link's destination)
                // ends the phrase: `[the report](…) shows`.
                if n.span.start >= tokens[end - 1].span.end + 3 {
                    break;
                }
                let extends = match n.upos {
                    Upos::Adj | Upos::Num => true,
                    // A participle before a noun is an adjective (`a
                    // befuddled Paris Hilton`, `prize-winning author`).
                    // After a plural noun, an -ing form opens a phrase of
                    // its own (`customers buying fuel`): a compound's first
                    // noun is singular (`oil drilling rigs`).
                    Upos::Verb => {
                        matches!(n.feats.verb_form, Some(VerbForm::Part | VerbForm::Ger))
                            && !(tokens[end - 1].upos == Upos::Noun
                                && tokens[end - 1].is_plural()
                                && text(n).ends_with("ing"))
                            && tokens.get(end + 1).is_some_and(|m| {
                                m.span.start < n.span.end + 3
                                    && matches!(m.upos, Upos::Adj | Upos::Noun | Upos::Propn)
                            })
                    }
                    Upos::Noun | Upos::Propn => !is_date_word(text(n)),
                    // `the city's`, `Jones'`: the owner becomes a determiner.
                    Upos::Part => {
                        is_possessive(text(n))
                            && tokens.get(end + 1).is_some_and(|m| {
                                matches!(m.upos, Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num)
                            })
                    }
                    // `Jean-Luc`, hyphenated compounds split by the tokenizer.
                    Upos::Punct => {
                        text(n) == "-"
                            && n.span.start == tokens[end - 1].span.end
                            && tokens
                                .get(end + 1)
                                .is_some_and(|m| m.span.start == n.span.end && m.is_nominal())
                    }
                    _ => false,
                };
                if !extends {
                    break;
                }
                end += 1;
            }
        }
        // A phrase of determiners and adjectives only is not a noun phrase
        // (`the same`, `all`, `new`), unless it is a number (`the two`).
        let head = (first..end)
            .rev()
            .find(|&k| tokens[k].is_nominal())
            .or_else(|| (first..end).rev().find(|&k| tokens[k].upos == Upos::Num))
            // A determiner standing for a noun as a subject (`Another came`).
            .or_else(|| {
                (end == first + 1
                    && t.upos == Upos::Det
                    && tokens
                        .get(end)
                        .is_some_and(|n| matches!(n.upos, Upos::Verb | Upos::Aux)))
                .then_some(first)
            });
        if let Some(head) = head {
            out.push(Chunk {
                span: Span::new(tokens[first].span.start, tokens[end - 1].span.end),
                first,
                end,
                head,
            });
        }
        i = end;
    }
    out
}

/// Whether a verb is written in its bare form, which is all an imperative
/// can be: not "-s", "-ed" or "-ing" ("joins", "joined", "joining"); a
/// stem in "-ss" is bare ("miss", "discuss"), and so is a verb whose
/// "-ing" has no vowel before it ("swing", "bring", "sing"): no gerund.
pub fn bare_form(word: &str) -> bool {
    let w = word.as_bytes();
    let ends = |suffix: &str| {
        w.len() >= suffix.len()
            && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    let gerund = ends("ing") && w[..w.len() - 3].iter().any(|c| b"aeiouyAEIOUY".contains(c));
    !(ends("s") && !ends("ss") || ends("ed") || gerund)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bare_form_of_ing_verbs() {
        assert!(super::bare_form("Swing"));
        assert!(super::bare_form("bring"));
        assert!(!super::bare_form("joining"));
        assert!(!super::bare_form("saying"));
        assert!(super::bare_form("discuss"));
        assert!(!super::bare_form("joins"));
    }

    use super::*;

    /// Kept tags are the tagger's: every line of the long draft tagged
    /// afresh, then read back from what was kept, at another offset.
    #[test]
    fn kept_tags_are_the_taggers() {
        let draft = include_str!("../../../../benches/data/draft-10k.md");
        let mut kept = KeptTags::default();
        let lines: Vec<&str> = draft.lines().filter(|l| !l.trim().is_empty()).collect();
        let fresh: Vec<Tagged> = lines
            .iter()
            .map(|l| tag(l, Span::new(0, l.len())))
            .collect();
        kept.lend(|| {
            for l in &lines {
                tag(l, Span::new(0, l.len()));
            }
        });
        assert!(kept.len() > 100);
        // A line repeated word for word is read back the second time.
        let first = kept.hits();
        assert!(first < lines.len() / 10, "{first} read");
        for (l, fresh) in lines.iter().zip(&fresh) {
            let prose = format!("Intro. {l}");
            let span = Span::new(7, prose.len());
            let read = kept.lend(|| tag(&prose, span));
            let moved: Vec<Span> = fresh.tokens.iter().map(|t| t.span.offset(7)).collect();
            assert_eq!(
                read.tokens.iter().map(|t| t.span).collect::<Vec<_>>(),
                moved
            );
            assert_eq!(
                read.tokens
                    .iter()
                    .map(|t| (t.upos, t.feats))
                    .collect::<Vec<_>>(),
                fresh
                    .tokens
                    .iter()
                    .map(|t| (t.upos, t.feats))
                    .collect::<Vec<_>>()
            );
            assert_eq!(read, tag(&prose, span));
        }
        assert_eq!(kept.hits() - first, lines.len());
    }

    fn chunks(text: &str) -> Vec<(String, String)> {
        let t = tag(text, Span::new(0, text.len()));
        t.chunks
            .iter()
            .map(|c| {
                (
                    c.span.slice(text).to_owned(),
                    t.tokens[c.head].span.slice(text).to_owned(),
                )
            })
            .collect()
    }

    fn has(text: &str, phrase: &str, head: &str) -> bool {
        chunks(text).iter().any(|(p, h)| p == phrase && h == head)
    }

    #[test]
    fn noun_phrases_and_heads() {
        let s = "The city's new budget director told reporters on Monday that two local shop owners had complained.";
        assert!(
            has(s, "The city's new budget director", "director"),
            "{:?}",
            chunks(s)
        );
        assert!(has(s, "two local shop owners", "owners"), "{:?}", chunks(s));
        let s = "Gov. Pat McCrory Sunday said she would sign it.";
        assert!(has(s, "Gov. Pat McCrory", "McCrory"), "{:?}", chunks(s));
        assert!(has(s, "she", "she"), "{:?}", chunks(s));
        let s = "Her lawyer spoke.";
        assert!(has(s, "Her lawyer", "lawyer"), "{:?}", chunks(s));
    }

    #[test]
    fn tokens_have_absolute_spans_and_features() {
        let prose = "Intro. Mayor Ruiz said the vote was close.";
        let span = Span::new(7, prose.len());
        let t = tag(prose, span);
        let said = t
            .tokens
            .iter()
            .find(|t| t.span.slice(prose) == "said")
            .copied();
        assert!(said.is_some_and(|s| s.is_finite_verb() && s.upos == Upos::Verb));
        assert!(t
            .tokens
            .iter()
            .all(|t| span.start <= t.span.start && t.span.end <= span.end));
        let at = prose.find("vote").unwrap_or(0);
        assert_eq!(
            t.token_at(at).map(|i| t.tokens[i].span.slice(prose)),
            Some("vote")
        );
    }

    #[test]
    fn cells_are_filled_once_and_compare_equal() {
        let prose = "She said so.";
        let cell = Tags::default();
        assert!(cell.get().is_none());
        let n = cell
            .get_or_tag(prose, Span::new(0, prose.len()))
            .tokens
            .len();
        assert_eq!(n, 4);
        assert!(cell.get().is_some());
        assert_eq!(cell, Tags::default());
    }
}
