//! The page's register: whether the draft as a whole is written in the
//! opinion writer's voice (docs/claims.md §6ze). A whole-document fact,
//! built from per-block counts so that the incremental checker keeps each
//! block's counts with its cache entry and a keystroke counts only the
//! blocks it changed; the decision itself is made in `rules::finish`, over
//! the whole draft, in the same code for a full and an incremental check.
//!
//! What it counts: words of the writer's own judgement, invective and
//! partisan labels (`[claim-page-opinion-words]` in
//! `data/claim_shapes.txt`), outside quotation marks, over the blocks the
//! claim rule reads. On the tuning real pages this was the one page-level
//! signal (of first person, questions, exclamations, attributions,
//! quotations, sentence length) under which the phrase list's findings
//! with little model support were false and not claims.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::markup::{Block, Document};

/// A page is in the opinion register when it has more than this many
/// opinion words per 1,000 words (measured on the tuning real pages and
/// drafts: the effect is the same from 3 to 4, §6ze).
pub const OPINION_PER_THOUSAND: u32 = 3;

static WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::lexicon::words("claim-page-opinion-words")
        .iter()
        .copied()
        .collect()
});

/// One block's counts for the page's register.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BlockRegister {
    /// Words in the block (whitespace-separated), quoted or not.
    pub words: u32,
    /// Opinion words outside quotation marks.
    pub opinion: u32,
}

impl BlockRegister {
    /// The counts of `block` of `doc`; nothing for a block the claim rule
    /// does not read (headings, block quotes, footnotes, table cells).
    pub fn of(doc: &Document, block: &Block) -> BlockRegister {
        if !crate::rules::claim::reads_block(block) {
            return BlockRegister::default();
        }
        let Some(text) = doc.prose.get(block.span.start..block.span.end) else {
            return BlockRegister::default();
        };
        count(text)
    }
}

fn count(text: &str) -> BlockRegister {
    let words = text.split_whitespace().count() as u32;
    let mut opinion = 0;
    let mut quoted = false;
    let mut word = String::new();
    let mut flush = |word: &mut String, quoted: bool| {
        if !word.is_empty() {
            if !quoted && WORDS.contains(word.as_str()) {
                opinion += 1;
            }
            word.clear();
        }
    };
    for c in text.chars() {
        match c {
            '"' => {
                flush(&mut word, quoted);
                quoted = !quoted;
            }
            '“' => {
                flush(&mut word, quoted);
                quoted = true;
            }
            '”' => {
                flush(&mut word, quoted);
                quoted = false;
            }
            c if c.is_ascii_alphabetic() => word.push(c.to_ascii_lowercase()),
            _ => flush(&mut word, quoted),
        }
    }
    flush(&mut word, quoted);
    BlockRegister { words, opinion }
}

/// Whether blocks with these counts make a page in the opinion register.
pub fn opinion_page(blocks: impl IntoIterator<Item = BlockRegister>) -> bool {
    let (words, opinion) = blocks.into_iter().fold((0u64, 0u64), |(w, o), b| {
        (w + u64::from(b.words), o + u64::from(b.opinion))
    });
    opinion * 1000 > u64::from(OPINION_PER_THOUSAND) * words
}

/// [`opinion_page`] over every block of `doc`.
pub fn opinion_document(doc: &Document) -> bool {
    opinion_page(doc.blocks.iter().map(|b| BlockRegister::of(doc, b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_opinion_words_outside_quotation_marks() {
        let b = count("This is absurd and vile, and \"absurd\" is what they said: “a joke”.");
        assert_eq!(b.words, 13);
        assert_eq!(b.opinion, 2);
    }

    #[test]
    fn the_page_is_opinion_over_three_per_thousand() {
        let plain = BlockRegister {
            words: 1000,
            opinion: 3,
        };
        assert!(!opinion_page([plain]));
        assert!(opinion_page([
            plain,
            BlockRegister {
                words: 0,
                opinion: 1
            }
        ]));
    }
}
