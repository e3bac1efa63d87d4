//! The model file, read in place: nothing is copied or decoded at start-up
//! beyond the header and the label table.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic      8 bytes  "CDTAGv1\n"
//! text_len   u32      then `text_len` bytes of UTF-8: credits, provenance
//!                     and figures, padded with '\n' to a multiple of 4
//! n_labels   u32      then n_labels × [upos u8, feats u8, 0, 0]
//! slot_bits  u32      the weight table has 2^slot_bits slots
//! n_entries  u32
//! dict_bits  u32      the tag dictionary has 2^dict_bits slots
//! lex_bits   u32      the lexicon has 2^lex_bits slots
//! slots      2^slot_bits × [fingerprint u32, row u32]; a row of one
//!            weight is inline: 1:1 | 0:7 | weight i16:16 | label:8, else
//!            0:1 | len:7 | start:24 (entries index)
//! entries    n_entries × [label u8, 0, weight i16]
//! dict       2^dict_bits × [fingerprint u32, label u32]
//! lexicon    2^lex_bits × [fingerprint u32, ambiguity class u32]
//! ```
//!
//! Both tables are open-addressed with linear probing, indexed by the low
//! bits of a feature's 64-bit key and checked against its high 32 bits (the
//! fingerprint; 0 marks an empty slot). Reads are bounds-checked, so a
//! damaged table gives wrong tags, never a panic.

use crate::features::N_FEATURES;
use crate::tags::{Feats, Label, Upos};

pub(crate) const MAGIC: &[u8; 8] = b"CDTAGv1\n";
/// Most labels a model may have (the score array is this long).
pub(crate) const MAX_LABELS: usize = 64;
/// The slot holds its row's one weight itself.
pub(crate) const INLINE: u32 = 1 << 31;

/// Why model bytes were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub &'static str);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad tagger model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

#[derive(Debug)]
pub(crate) struct Model<'a> {
    pub(crate) text: &'a str,
    pub(crate) labels: Vec<Label>,
    slots: &'a [u8],
    slot_mask: usize,
    entries: &'a [u8],
    dict: &'a [u8],
    dict_mask: usize,
    lex: &'a [u8],
    lex_mask: usize,
}

#[inline]
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Where a feature key's probe starts in a table of `mask + 1` slots.
#[inline]
pub(crate) fn slot_index(key: u64, mask: usize) -> usize {
    key as usize & mask
}

/// Where a word hash's probe starts in the dictionary.
#[inline]
pub(crate) fn dict_index(word: u64, mask: usize) -> usize {
    (word >> 7) as usize & mask
}

#[inline]
pub(crate) fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

impl<'a> Model<'a> {
    pub(crate) fn parse(b: &'a [u8]) -> Result<Model<'a>, ModelError> {
        if b.get(..8) != Some(&MAGIC[..]) {
            return Err(ModelError("missing magic bytes"));
        }
        let text_len = u32_at(b, 8).ok_or(ModelError("truncated header"))? as usize;
        let text_end = 12usize
            .checked_add(text_len)
            .filter(|&e| e <= b.len() && text_len % 4 == 0)
            .ok_or(ModelError("bad header length"))?;
        let text =
            std::str::from_utf8(&b[12..text_end]).map_err(|_| ModelError("header is not UTF-8"))?;
        let mut at = text_end;
        let n_labels = u32_at(b, at).ok_or(ModelError("truncated label table"))? as usize;
        at += 4;
        if n_labels == 0 || n_labels > MAX_LABELS {
            return Err(ModelError("bad label count"));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let rec = b
                .get(at..at + 4)
                .ok_or(ModelError("truncated label table"))?;
            let upos = Upos::from_u8(rec[0]).ok_or(ModelError("bad label"))?;
            let feats = Feats::from_byte(rec[1]).ok_or(ModelError("bad label"))?;
            labels.push(Label { upos, feats });
            at += 4;
        }
        let field = |k: usize| u32_at(b, at + 4 * k).ok_or(ModelError("truncated table sizes"));
        let slot_bits = field(0)?;
        let n_entries = field(1)? as usize;
        let dict_bits = field(2)?;
        let lex_bits = field(3)?;
        at += 16;
        if slot_bits > 28 || dict_bits > 28 || lex_bits > 28 {
            return Err(ModelError("table too large"));
        }
        let n_slots = 1usize << slot_bits;
        let n_dict = 1usize << dict_bits;
        let slots_end = at + n_slots * 8;
        let entries_end = slots_end + n_entries * 4;
        let dict_end = entries_end + n_dict * 8;
        let n_lex = 1usize << lex_bits;
        let lex_end = dict_end + n_lex * 8;
        if lex_end != b.len() {
            return Err(ModelError("table sizes do not match the file length"));
        }
        Ok(Model {
            text,
            labels,
            slots: &b[at..slots_end],
            slot_mask: n_slots - 1,
            entries: &b[slots_end..entries_end],
            dict: &b[entries_end..dict_end],
            dict_mask: n_dict - 1,
            lex: &b[dict_end..lex_end],
            lex_mask: n_lex - 1,
        })
    }

    /// Adds the weights of every feature in `keys` to `scores`.
    ///
    /// Memory-bound: each feature costs a slot read and a row read, most of
    /// them cache misses. So the home slots are all loaded first, with no
    /// branch on what they hold, letting the CPU overlap the misses; rows of
    /// one weight live in the slot itself.
    #[inline]
    pub(crate) fn score(&self, keys: &[u64; N_FEATURES], scores: &mut [i32; MAX_LABELS]) {
        let mut home = [(0u32, 0u32); N_FEATURES];
        for (h, &k) in home.iter_mut().zip(keys) {
            let i = slot_index(k, self.slot_mask) * 8;
            *h = (
                u32_at(self.slots, i).unwrap_or(0),
                u32_at(self.slots, i + 4).unwrap_or(0),
            );
        }
        let mut metas = [0u32; N_FEATURES];
        let mut n = 0;
        for (&(f, m), &k) in home.iter().zip(keys) {
            let fp = fingerprint(k);
            let found = if f == fp {
                Some(m)
            } else if f == 0 {
                None
            } else {
                self.probe(k, fp)
            };
            if let Some(m) = found {
                metas[n] = m;
                n += 1;
            }
        }
        for &m in &metas[..n] {
            if m & INLINE != 0 {
                let w = (m >> 8) as u16 as i16;
                if let Some(s) = scores.get_mut((m & 0xff) as usize) {
                    *s += i32::from(w);
                }
                continue;
            }
            let start = (m & 0x00ff_ffff) as usize;
            let len = (m >> 24) as usize;
            let Some(row) = self.entries.get(start * 4..(start + len) * 4) else {
                continue;
            };
            for e in row.chunks_exact(4) {
                let w = i16::from_le_bytes([e[2], e[3]]);
                if let Some(s) = scores.get_mut(usize::from(e[0])) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// The slot after the home slot holding `fp`, if any (linear probing).
    #[cold]
    fn probe(&self, key: u64, fp: u32) -> Option<u32> {
        let mut i = slot_index(key, self.slot_mask);
        // Bounded: one pass at most, even over a damaged table.
        for _ in 0..=self.slot_mask {
            i = (i + 1) & self.slot_mask;
            let f = u32_at(self.slots, i * 8)?;
            if f == 0 {
                return None;
            }
            if f == fp {
                return u32_at(self.slots, i * 8 + 4);
            }
        }
        None
    }

    /// A word's ambiguity class from the lexicon (by `WordInfo::lex_key`).
    #[inline]
    pub(crate) fn ambiguity(&self, key: u64) -> u32 {
        let fp = fingerprint(key);
        let mut i = dict_index(key, self.lex_mask);
        for _ in 0..=self.lex_mask {
            let Some(f) = u32_at(self.lex, i * 8) else {
                return 0;
            };
            if f == 0 {
                return 0;
            }
            if f == fp {
                return u32_at(self.lex, i * 8 + 4).unwrap_or(0);
            }
            i = (i + 1) & self.lex_mask;
        }
        0
    }

    /// The tag dictionary's label for a word (by its exact-word hash).
    #[inline]
    pub(crate) fn dict_label(&self, word: u64) -> Option<u8> {
        let fp = fingerprint(word);
        let mut i = dict_index(word, self.dict_mask);
        for _ in 0..=self.dict_mask {
            let f = u32_at(self.dict, i * 8)?;
            if f == 0 {
                return None;
            }
            if f == fp {
                let l = u32_at(self.dict, i * 8 + 4)? as usize;
                return (l < self.labels.len()).then_some(l as u8);
            }
            i = (i + 1) & self.dict_mask;
        }
        None
    }
}
