//! A per-thread cache of what tagging works out about a word on its own:
//! its features ([`WordInfo`], with its ambiguity class) and its word-table
//! entry. News text repeats its words, so most tokens are a cache hit: a
//! few loads and compares instead of hashing the word, its affixes and
//! shape and probing two tables.
//!
//! The cache is exact, not probabilistic: a slot holds the word's bytes
//! (words of at most 16 bytes are cached, zero-padded, with their length),
//! and a hit needs all of them to match, so it gives the very values a
//! fresh computation would. It belongs to one model at a time (the values
//! depend on the model's lexicon and word table) and is cleared when a
//! thread tags with another.

use crate::features::WordInfo;
use crate::model::{Model, WordEntry};

const BITS: u32 = 12;
/// Longest word cached, in bytes.
const MAX_LEN: usize = 16;

#[derive(Clone, Copy)]
struct Slot {
    /// The word's bytes, zero-padded.
    a: u64,
    b: u64,
    /// Its length plus one; 0 marks an empty slot.
    len: u8,
    info: WordInfo,
    entry: Option<WordEntry>,
}

const EMPTY: Slot = Slot {
    a: 0,
    b: 0,
    len: 0,
    info: WordInfo::EMPTY,
    entry: None,
};

pub(crate) struct WordCache {
    model: (usize, usize),
    slots: Vec<Slot>,
}

impl WordCache {
    pub(crate) const fn new() -> WordCache {
        WordCache {
            model: (0, 0),
            slots: Vec::new(),
        }
    }

    /// The word's info (ambiguity class filled in) and word-table entry.
    #[inline]
    pub(crate) fn get(&mut self, model: &Model, w: &str) -> (WordInfo, Option<WordEntry>) {
        let bytes = w.as_bytes();
        if bytes.len() > MAX_LEN {
            return compute(model, w);
        }
        if self.model != model.id() || self.slots.is_empty() {
            self.model = model.id();
            self.slots.clear();
            self.slots.resize(1 << BITS, EMPTY);
        }
        let mut buf = [0u8; MAX_LEN];
        buf[..bytes.len()].copy_from_slice(bytes);
        let a = u64::from_le_bytes(buf[..8].try_into().unwrap_or([0; 8]));
        let b = u64::from_le_bytes(buf[8..].try_into().unwrap_or([0; 8]));
        let len = bytes.len() as u8 + 1;
        let h = (a ^ b.rotate_left(29) ^ u64::from(len)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let i = (h >> (64 - BITS)) as usize;
        let Some(slot) = self.slots.get_mut(i) else {
            return compute(model, w);
        };
        if slot.len == len && slot.a == a && slot.b == b {
            return (slot.info, slot.entry);
        }
        let (info, entry) = compute(model, w);
        *slot = Slot {
            a,
            b,
            len,
            info,
            entry,
        };
        (info, entry)
    }
}

/// What the cache holds for `w`, computed afresh.
#[inline]
pub(crate) fn compute(model: &Model, w: &str) -> (WordInfo, Option<WordEntry>) {
    let mut info = WordInfo::new(w);
    info.amb = model.ambiguity(info.lex_key());
    let entry = model.word_entry(info.word);
    (info, entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MODEL_BYTES;

    /// Hits, misses and evictions all give what a fresh computation gives.
    #[test]
    fn cached_equals_computed() {
        let model = Model::parse(MODEL_BYTES).unwrap();
        let mut cache = WordCache::new();
        let mut words: Vec<String> = ["", "a", "A", "a\0", "the", "The", "Ruiz", "n't", "’s"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        words.extend((0..5000).map(|i| format!("w{i}")));
        words.push("exactly16bytes!!".into());
        words.push("seventeen-bytes!!".into());
        for _ in 0..2 {
            for w in &words {
                assert_eq!(cache.get(&model, w), compute(&model, w), "{w:?}");
            }
        }
    }
}
