//! The page's register: whether the draft as a whole is written in the
//! opinion writer's voice (docs/claims.md §6zf). A whole-document fact,
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
/// drafts: the effect is the same from 3 to 4, §6zf).
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

/// The longest word the list can hold; a longer word is no entry (nor is
/// one under three letters).
const LONGEST: usize = 16;

fn count(text: &str) -> BlockRegister {
    // Words as runs of anything but ASCII whitespace (what a count per
    // 1,000 words needs, at a byte's cost).
    let mut words = 0u32;
    let mut in_word = false;
    let mut opinion = 0;
    let mut quoted = false;
    // The current word, lower-cased, in bytes (ASCII letters only); `len`
    // past `LONGEST` marks a word too long to be an entry.
    let mut word = [0u8; LONGEST];
    let mut len = 0usize;
    let mut flush = |len: &mut usize, word: &[u8; LONGEST], quoted: bool| {
        if *len >= 3 && *len <= LONGEST && !quoted {
            // ASCII letters only, so always UTF-8.
            if let Ok(w) = std::str::from_utf8(&word[..*len]) {
                if WORDS.contains(w) {
                    opinion += 1;
                }
            }
        }
        *len = 0;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = b.is_ascii_whitespace();
        words += u32::from(!space && !in_word);
        in_word = !space;
        if b.is_ascii_alphabetic() {
            if len < LONGEST {
                word[len] = b.to_ascii_lowercase();
            }
            len += 1;
        } else {
            flush(&mut len, &word, quoted);
            match b {
                b'"' => quoted = !quoted,
                // “ and ” (E2 80 9C, E2 80 9D).
                0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                    Some(0x9C) => quoted = true,
                    Some(0x9D) => quoted = false,
                    _ => {}
                },
                _ => {}
            }
        }
        i += 1;
    }
    flush(&mut len, &word, quoted);
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
