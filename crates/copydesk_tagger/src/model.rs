//! The model file, read in place: nothing is copied or decoded at start-up
//! beyond the header and the label table.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic      8 bytes  "CDTAGv4\n"
//! text_len   u32      then `text_len` bytes of UTF-8: credits, provenance
//!                     and figures, padded with '\n' to a multiple of 4
//! n_labels   u32      then n_labels × [upos u8, feats u8, 0, 0]
//! n_slots    u32      the weight table has n_slots × 8 bytes
//! long_len   u32      bytes of long rows (a multiple of 4)
//! words_bits u32      the word table has 2^words_bits slots
//! lex_bits   u32      the lexicon has 2^lex_bits slots
//! n_vectors  u32      ready-made word vectors
//! slots      n_slots × u64, see below
//! long rows  long_len bytes of [label u8, weight i16] triples
//! words      2^words_bits × [fingerprint u32, entry u32]: a label (the
//!            tag dictionary) or, with bit 31 set, a word vector's index
//! lexicon    2^lex_bits × [fingerprint u32, ambiguity class u32]
//! vectors    n_vectors × dense_len(n_labels) i16: for a frequent word, the
//!            sum of the weights of its word-only features
//! ```
//!
//! The weights are the speed-critical part: every feature of every word is
//! looked up, and most lookups miss the cache. A perceptron row is mostly
//! one or two weights (an update adds to the right label and takes from the
//! wrong one), so a slot is one u64 holding the key's fingerprint and up to
//! two weights; one read answers most lookups:
//!
//! ```text
//! bits 0..20 fingerprint (never 0; 0 is an empty slot)
//!     20..26 label a     26..32 label b
//!     32..48 weight a    48..64 weight b    (i16)
//! a != b:          two weights
//! a == b != 63:    one weight (a)
//! a == b == 63:    a long row: bits 32..56 start, 56..64 length, in
//!                  [label u8, weight i16] triples of the long rows
//! a == b == 62:    a dense row: bits 32..56 start, n_labels i16 weights
//!                  from byte 3 × start of the long rows
//! ```
//!
//! Dense rows are the features every word has (the bias, common suffixes):
//! adding a plain array of weights is a few vector instructions.
//!
//! A third of a word's features depend on the word alone (its form,
//! affixes, shape, ambiguity class). For the frequent words their sum is
//! stored ready-made, one dense row found in the word table, which is
//! looked up anyway for the tag dictionary.
//!
//! Open addressing with linear probing from the slot the key's low 32 bits
//! scale to. The dictionary and lexicon are smaller tables of the same kind
//! with 32-bit fingerprints. Every read is bounds-checked and every probe
//! bounded, so a damaged model gives wrong tags, never a panic or a hang.

use crate::tags::{Feats, Label, Upos};

pub(crate) const MAGIC: &[u8; 8] = b"CDTAGv4\n";
/// Most labels a model may have (labels 62 and 63 mark long rows).
pub(crate) const MAX_LABELS: usize = 62;
/// The score array's length: room for a dense row's padding.
pub(crate) const SCORES: usize = 64;
const LONG: u64 = 63;
const DENSE: u64 = 62;
/// Rows with at least this many weights are stored dense.
#[cfg(feature = "train")]
const DENSE_MIN: usize = 8;

/// A dense row's length: the labels rounded up to whole groups of 8, so
/// adding it is a fixed-width loop the compiler turns into vector code.
pub(crate) fn dense_len(n_labels: usize) -> usize {
    n_labels.div_ceil(8) * 8
}

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
    slots: &'a [[u8; 8]],
    n_slots: usize,
    /// `dense_len(labels.len())`.
    dense_n: usize,
    long: &'a [u8],
    dict: &'a [u8],
    dict_mask: usize,
    lex: &'a [u8],
    lex_mask: usize,
    vectors: &'a [u8],
}

/// What the word table says about a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordEntry {
    /// Tag it so, without scoring.
    Label(u8),
    /// Its word-only features sum to this word vector.
    Vector(usize),
}

/// The bit of a word-table entry that marks a vector index.
pub(crate) const VECTOR: u32 = 1 << 31;

#[inline]
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A feature key's home slot among `n`.
#[inline]
pub(crate) fn slot_index(key: u64, n: usize) -> usize {
    (((key & 0xffff_ffff) * n as u64) >> 32) as usize
}

/// The 20-bit fingerprint a weight slot carries (never 0).
#[inline]
pub(crate) fn fingerprint20(key: u64) -> u64 {
    (key >> 44).max(1)
}

/// Where a word hash's probe starts in the dictionary or lexicon.
#[inline]
pub(crate) fn dict_index(word: u64, mask: usize) -> usize {
    (word >> 7) as usize & mask
}

/// The 32-bit fingerprint of the dictionary and lexicon (never 0).
#[inline]
pub(crate) fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// Lays out weight rows (sorted by key) as slots and long rows, the table
/// at most `load` full; returns them with the keys of the rows dropped
/// because their fingerprint clashed with an earlier row's on its probe.
#[cfg(feature = "train")]
pub(crate) fn build_slots(
    rows: &[(u64, Vec<(u8, i16)>)],
    n_labels: usize,
    load: f64,
) -> (Vec<u64>, Vec<u8>, Vec<u64>) {
    let n = ((rows.len() as f64 / load).ceil() as usize).max(16);
    let mut slots = vec![0u64; n];
    let mut long = Vec::new();
    let mut dropped = Vec::new();
    for (k, r) in rows {
        let fp = fingerprint20(*k);
        let w = |x: i16| u64::from(x as u16);
        let body = match r[..] {
            [(a, wa)] => u64::from(a) << 20 | u64::from(a) << 26 | w(wa) << 32,
            [(a, wa), (b, wb)] => {
                u64::from(a) << 20 | u64::from(b) << 26 | w(wa) << 32 | w(wb) << 48
            }
            _ if r.len() >= DENSE_MIN => {
                let start = long.len() / 3;
                assert!(start < 1 << 24, "long rows too large");
                let mut dense = vec![0i16; dense_len(n_labels)];
                for &(l, x) in r {
                    dense[usize::from(l)] = x;
                }
                for x in dense {
                    long.extend_from_slice(&x.to_le_bytes());
                }
                // Keep every row starting on a multiple of 3 bytes.
                while long.len() % 3 != 0 {
                    long.push(0);
                }
                DENSE << 20 | DENSE << 26 | (start as u64) << 32
            }
            _ => {
                let start = long.len() / 3;
                assert!(start < 1 << 24 && r.len() < 256, "long rows too large");
                for &(l, x) in r {
                    long.push(l);
                    long.extend_from_slice(&x.to_le_bytes());
                }
                LONG << 20 | LONG << 26 | (start as u64) << 32 | (r.len() as u64) << 56
            }
        };
        let mut i = slot_index(*k, n);
        let mut clash = false;
        while slots[i] != 0 {
            clash |= slots[i] & 0xf_ffff == fp;
            i = (i + 1) % n;
        }
        if clash {
            dropped.push(*k);
            continue;
        }
        slots[i] = fp | body;
    }
    while long.len() % 4 != 0 {
        long.push(0);
    }
    (slots, long, dropped)
}

impl<'a> Model<'a> {
    /// Where the model's bytes are: they are `'static` in a `Tagger`, so
    /// never freed or reused, and this names the model for the word cache.
    pub(crate) fn id(&self) -> (usize, usize) {
        (self.text.as_ptr() as usize, self.vectors.as_ptr() as usize)
    }

    pub(crate) fn parse(b: &'a [u8]) -> Result<Model<'a>, ModelError> {
        if b.get(..8) != Some(&MAGIC[..]) {
            return Err(ModelError("missing magic bytes"));
        }
        let text_len = u32_at(b, 8).ok_or(ModelError("truncated header"))? as usize;
        let text_end = 12usize
            .checked_add(text_len)
            .filter(|&e| e <= b.len() && text_len.is_multiple_of(4))
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
        let n_slots = field(0)? as usize;
        let long_len = field(1)? as usize;
        let dict_bits = field(2)?;
        let lex_bits = field(3)?;
        let n_vectors = field(4)? as usize;
        at += 20;
        if n_slots == 0
            || n_slots > 1 << 26
            || long_len > 1 << 26
            || dict_bits > 28
            || lex_bits > 28
            || n_vectors > 1 << 24
        {
            return Err(ModelError("table too large"));
        }
        let n_dict = 1usize << dict_bits;
        let n_lex = 1usize << lex_bits;
        let slots_end = at + n_slots * 8;
        let long_end = slots_end + long_len;
        let dict_end = long_end + n_dict * 8;
        let lex_end = dict_end + n_lex * 8;
        let vectors_end = lex_end + n_vectors * 2 * dense_len(n_labels);
        if vectors_end != b.len() {
            return Err(ModelError("table sizes do not match the file length"));
        }
        Ok(Model {
            text,
            labels,
            slots: b[at..slots_end].as_chunks::<8>().0,
            n_slots,
            dense_n: dense_len(n_labels),
            long: &b[slots_end..long_end],
            dict: &b[long_end..dict_end],
            dict_mask: n_dict - 1,
            lex: &b[dict_end..lex_end],
            lex_mask: n_lex - 1,
            vectors: &b[lex_end..vectors_end],
        })
    }

    /// Adds the weights of every feature in `keys` to `scores`.
    ///
    /// The home slots are all read first, with no branch on what they hold,
    /// so the CPU can overlap the cache misses.
    #[inline]
    pub(crate) fn score<const N: usize>(&self, keys: &[u64; N], scores: &mut [i32; SCORES]) {
        let mut home = [0u64; N];
        for (h, &k) in home.iter_mut().zip(keys) {
            *h = self.slot(slot_index(k, self.n_slots));
        }
        for (&h, &k) in home.iter().zip(keys) {
            let fp = fingerprint20(k);
            let v = if h & 0xf_ffff == fp {
                h
            } else if h == 0 {
                continue;
            } else {
                match self.probe(k, fp) {
                    Some(v) => v,
                    None => continue,
                }
            };
            self.add(v, scores);
        }
    }

    #[inline]
    fn add(&self, v: u64, scores: &mut [i32; SCORES]) {
        let a = (v >> 20 & 63) as usize;
        let b = (v >> 26 & 63) as usize;
        let wa = i32::from((v >> 32) as u16 as i16);
        let wb = i32::from((v >> 48) as u16 as i16);
        // Labels are 6 bits and the array has 64 entries: no bounds checks.
        if a != b {
            scores[a] += wa;
            scores[b] += wb;
        } else if a as u64 == DENSE {
            let start = (v >> 32 & 0xff_ffff) as usize * 3;
            self.add_dense(self.long, start, scores);
        } else if a as u64 != LONG {
            scores[a] += wa;
        } else {
            let start = (v >> 32 & 0xff_ffff) as usize;
            let len = (v >> 56) as usize;
            if let Some(row) = self.long.get(start * 3..(start + len) * 3) {
                for e in row.chunks_exact(3) {
                    if let Some(s) = scores.get_mut(usize::from(e[0])) {
                        *s += i32::from(i16::from_le_bytes([e[1], e[2]]));
                    }
                }
            }
        }
    }

    /// Adds the dense row at byte `start` of `table` to the scores.
    #[inline]
    fn add_dense(&self, table: &[u8], start: usize, scores: &mut [i32; SCORES]) {
        let n = self.dense_n;
        if let (Some(row), Some(scores)) = (table.get(start..start + 2 * n), scores.get_mut(..n)) {
            // Fixed-size chunks: no bounds checks inside, so this is
            // vector code.
            let (s8s, _) = scores.as_chunks_mut::<8>();
            let (w8s, _) = row.as_chunks::<16>();
            for (s8, w8) in s8s.iter_mut().zip(w8s) {
                // Decode first, then add: LLVM turns the two fixed-width
                // loops into vector loads, sign extensions and adds.
                let w: [i16; 8] =
                    std::array::from_fn(|j| i16::from_le_bytes([w8[2 * j], w8[2 * j + 1]]));
                for (s, w) in s8.iter_mut().zip(w) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// Adds word vector `v` to the scores.
    #[inline]
    pub(crate) fn add_vector(&self, v: usize, scores: &mut [i32; SCORES]) {
        let start = v * 2 * self.dense_n;
        self.add_dense(self.vectors, start, scores);
    }

    #[inline]
    fn slot(&self, i: usize) -> u64 {
        self.slots.get(i).map_or(0, |s| u64::from_le_bytes(*s))
    }

    /// The slot after the home slot holding `fp`, if any (linear probing).
    fn probe(&self, key: u64, fp: u64) -> Option<u64> {
        // The slots after the home slot to the table's end, then from its
        // start back to the home slot: one pass at most, even over a
        // damaged table. Two plain slice walks, with no wrap test per
        // step (absent keys walk to the next empty slot, and most of the
        // context features a word has are absent).
        let home = slot_index(key, self.n_slots).min(self.slots.len().saturating_sub(1));
        let (to_home, after) = self.slots.split_at(home + 1);
        let walk = |run: &[[u8; 8]]| -> Result<(), Option<u64>> {
            for s in run {
                let v = u64::from_le_bytes(*s);
                if v == 0 {
                    return Err(None);
                }
                if v & 0xf_ffff == fp {
                    return Err(Some(v));
                }
            }
            Ok(())
        };
        match walk(after).and_then(|()| walk(to_home)) {
            Err(found) => found,
            Ok(()) => None,
        }
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

    /// The word table's entry for a word (by its exact-word hash).
    #[inline]
    pub(crate) fn word_entry(&self, word: u64) -> Option<WordEntry> {
        let fp = fingerprint(word);
        let mut i = dict_index(word, self.dict_mask);
        for _ in 0..=self.dict_mask {
            let f = u32_at(self.dict, i * 8)?;
            if f == 0 {
                return None;
            }
            if f == fp {
                let e = u32_at(self.dict, i * 8 + 4)?;
                if e & VECTOR != 0 {
                    return Some(WordEntry::Vector((e & !VECTOR) as usize));
                }
                return (e < self.labels.len() as u32).then_some(WordEntry::Label(e as u8));
            }
            i = (i + 1) & self.dict_mask;
        }
        None
    }
}
