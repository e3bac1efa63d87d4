//! Part-of-speech tagging for copydesk: a UD-style tokenizer and a greedy
//! averaged-perceptron tagger that gives each token a universal part of
//! speech (UPOS) and, for nouns, pronouns, verbs and auxiliaries, its verb
//! form, tense and number.
//!
//! The model is compiled in (`model/upos.bin`, trained on UD English EWT and
//! GUM; see `docs/tagger.md`) and read in place, so loading it costs a header
//! parse. The crate does no IO and has no dependencies; tagging never panics
//! and takes time linear in the text.
//!
//! ```
//! use copydesk_tagger::{Tagger, Upos};
//! let text = "Mayor Ruiz said the council will vote Tuesday.";
//! let mut tokens = Vec::new();
//! Tagger::embedded().tag(text, &mut tokens);
//! let said = &tokens[2];
//! assert_eq!(&text[said.span.range()], "said");
//! assert_eq!(said.upos, Upos::Verb);
//! assert!(said.feats.is_finite());
//! ```

use std::cell::RefCell;
use std::sync::LazyLock;

mod cache;
#[doc(hidden)]
pub mod conllu;
mod features;
mod model;
mod tags;
mod tokenize;
#[cfg(feature = "train")]
#[doc(hidden)]
pub mod train;

pub use model::ModelError;
pub use tags::{Feats, Label, Number, Tense, Upos, VerbForm};
pub use tokenize::{tokenize, Span};

use cache::WordCache;
use features::WordInfo;
use model::{Model, WordEntry, SCORES};

/// The compiled-in model.
pub static MODEL_BYTES: &[u8] = include_bytes!("../model/upos.bin");

/// One token of the text: where it is, its part of speech and features.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub span: Span,
    pub upos: Upos,
    pub feats: Feats,
}

/// A loaded model. Build it once; tagging borrows it immutably, so one
/// tagger serves every thread.
#[derive(Debug)]
pub struct Tagger {
    model: Model<'static>,
}

static EMBEDDED: LazyLock<Tagger> = LazyLock::new(|| {
    // The embedded bytes are checked by a test; a failure here is a build
    // that shipped a broken model file, not bad input.
    Tagger::from_bytes(MODEL_BYTES).expect("the embedded tagger model is valid")
});

impl Tagger {
    /// The tagger over the compiled-in model, loaded on first use.
    pub fn embedded() -> &'static Tagger {
        &EMBEDDED
    }

    /// Reads a model in place.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger {
            model: Model::parse(bytes)?,
        })
    }

    /// The model's header text: credits, provenance and figures.
    pub fn header(&self) -> &str {
        self.model.text
    }

    /// The labels the model predicts.
    pub fn labels(&self) -> &[Label] {
        &self.model.labels
    }

    /// Tokenizes and tags one sentence. `out` is cleared first, then holds
    /// the tokens in order; spans are byte offsets into `text`.
    pub fn tag(&self, text: &str, out: &mut Vec<Token>) {
        out.clear();
        with_scratch(|sc| {
            sc.spans.clear();
            tokenize(text, &mut sc.spans);
            let spans = &sc.spans;
            self.run(
                spans.iter().map(|s| &text[s.range()]),
                &mut sc.words,
                |i, l| {
                    out.push(Token {
                        span: spans[i],
                        upos: l.upos,
                        feats: l.feats,
                    })
                },
            );
        });
    }

    /// Tags a sentence that is already split into words. `out` is cleared,
    /// then holds one label per word.
    pub fn tag_words<'w>(&self, words: impl IntoIterator<Item = &'w str>, out: &mut Vec<Label>) {
        out.clear();
        with_scratch(|sc| self.run(words, &mut sc.words, |_, l| out.push(l)));
    }

    /// Tags `words`, handing each label to `emit` in order.
    #[inline]
    fn run<'w>(
        &self,
        words: impl IntoIterator<Item = &'w str>,
        sc: &mut Words,
        mut emit: impl FnMut(usize, Label),
    ) {
        sc.infos.clear();
        sc.entries.clear();
        for w in words {
            let (info, entry) = match &mut sc.cache {
                Some(cache) => cache.get(&self.model, w),
                None => cache::compute(&self.model, w),
            };
            sc.infos.push(info);
            sc.entries.push(entry);
        }
        let mut p1 = features::START;
        let mut p2 = features::START2;
        for (i, &entry) in sc.entries.iter().enumerate() {
            let l = self.predict(&sc.infos, i, entry, p1, p2);
            p2 = p1;
            p1 = u64::from(l);
            emit(i, self.model.labels[usize::from(l)]);
        }
    }

    /// The label index for word `i`, whose word-table entry is `entry`.
    #[inline]
    fn predict(
        &self,
        infos: &[WordInfo],
        i: usize,
        entry: Option<WordEntry>,
        p1: u64,
        p2: u64,
    ) -> u8 {
        let mut scores = [0i32; SCORES];
        match entry {
            Some(WordEntry::Label(l)) => return l,
            Some(WordEntry::Vector(v)) => self.model.add_vector(v, &mut scores),
            None => self
                .model
                .score(&features::word_keys(&infos[i]), &mut scores),
        }
        self.model
            .score(&features::context_keys(infos, i, p1, p2), &mut scores);
        argmax(&scores[..self.model.labels.len()])
    }
}

/// A sentence's words as tagging sees them, and the cache they come from.
struct Words {
    /// `None` where the cache is bypassed (a nested call).
    cache: Option<WordCache>,
    infos: Vec<WordInfo>,
    entries: Vec<Option<WordEntry>>,
}

/// Buffers reused from sentence to sentence, one set per thread.
struct Scratch {
    spans: Vec<Span>,
    words: Words,
}

impl Scratch {
    const fn new(cache: Option<WordCache>) -> Scratch {
        Scratch {
            spans: Vec::new(),
            words: Words {
                cache,
                infos: Vec::new(),
                entries: Vec::new(),
            },
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch::new(Some(WordCache::new()))) };
}

/// Runs `f` with this thread's scratch buffers, or fresh ones (and no
/// cache) if they are in use or the thread is being torn down.
fn with_scratch(f: impl FnOnce(&mut Scratch)) {
    let mut f = Some(f);
    let _ = SCRATCH.try_with(|sc| {
        if let Ok(mut sc) = sc.try_borrow_mut() {
            if let Some(f) = f.take() {
                f(&mut sc);
            }
        }
    });
    if let Some(f) = f {
        f(&mut Scratch::new(None));
    }
}

/// The index of the highest score, the lowest index on a tie.
fn argmax(scores: &[i32]) -> u8 {
    // The maximum first (a branch-free loop), then where it first occurs.
    let max = scores.iter().copied().max().unwrap_or(0);
    scores.iter().position(|&s| s == max).unwrap_or(0) as u8
}

#[cfg(test)]
mod tests {
    use super::argmax;

    #[test]
    fn argmax_takes_the_lowest_index_on_a_tie() {
        assert_eq!(argmax(&[1, 5, 3, 5]), 1);
        assert_eq!(argmax(&[-4, -2, -2]), 1);
        assert_eq!(argmax(&[7]), 0);
        assert_eq!(argmax(&[]), 0);
        assert_eq!(argmax(&[0, 0, 0]), 0);
    }
}
