//! Feature extraction, shared by training and tagging so the two can never
//! disagree: each feature is a template id mixed with a hashed value into one
//! 64-bit key. The hash is fixed (FNV-1a, then a SplitMix64 finaliser), so
//! keys are the same on every machine and in every build.

/// How many features one word has on its own ([`word_keys`]), in its
/// context ([`context_keys`]), and in all.
pub(crate) const N_WORD: usize = 12;
pub(crate) const N_CONTEXT: usize = 23;
#[cfg(feature = "train")]
pub(crate) const N_FEATURES: usize = N_WORD + N_CONTEXT;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    let mut h = h;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// SplitMix64's finaliser: spreads every input bit over the low bits the
/// tables index by.
#[inline]
pub(crate) const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn key(template: u64, value: u64) -> u64 {
    mix(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Hash of `s` with every char lowercased (ASCII fast path).
fn hash_lower(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    if s.is_ascii() {
        for &b in s.as_bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(FNV_PRIME);
        }
        return h;
    }
    let mut buf = [0u8; 4];
    for c in s.chars() {
        for l in c.to_lowercase() {
            h = fnv(h, l.encode_utf8(&mut buf).as_bytes());
        }
    }
    h
}

/// Hash of the exact word; also the tag dictionary's key.
pub(crate) fn hash_word(s: &str) -> u64 {
    hash_word_bytes(s.as_bytes())
}

fn hash_word_bytes(b: &[u8]) -> u64 {
    mix(fnv(FNV_OFFSET, b))
}

const F_TITLE: u8 = 1;
const F_CAPS: u8 = 2;
const F_DIGIT: u8 = 4;
const F_HYPHEN: u8 = 8;
const F_ALPHA: u8 = 16;
const F_PAD: u8 = 32;

/// What the features need to know about one word, computed once per token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    pub(crate) word: u64,
    lower: u64,
    suffix: [u64; 4],
    prefix1: u64,
    prefix2: u64,
    prefix3: u64,
    shape: u64,
    flags: u8,
    /// The word's ambiguity class: a bit per UPOS it was seen with in
    /// training (0 for a word not in the lexicon), filled in by the caller.
    pub(crate) amb: u32,
}

impl WordInfo {
    /// A placeholder (the word cache's empty slots).
    pub(crate) const EMPTY: WordInfo = WordInfo {
        word: 0,
        lower: 0,
        suffix: [0; 4],
        prefix1: 0,
        prefix2: 0,
        prefix3: 0,
        shape: 0,
        flags: 0,
        amb: 0,
    };

    /// The lexicon's key: the lowercased word.
    pub(crate) fn lex_key(&self) -> u64 {
        mix(self.lower ^ 0x5eed_1e81_c0de_0001)
    }

    pub(crate) fn new(w: &str) -> WordInfo {
        if w.is_ascii() {
            return WordInfo::new_ascii(w.as_bytes());
        }
        WordInfo::new_general(w)
    }

    fn new_general(w: &str) -> WordInfo {
        // Byte offsets where the last four chars start, and the first three end.
        let mut suffix_at = [0usize; 4];
        let mut n = 0;
        for (k, _) in w.char_indices().rev().take(4) {
            suffix_at[n] = k;
            n += 1;
        }
        for slot in suffix_at.iter_mut().skip(n) {
            *slot = 0;
        }
        let mut prefix_end = [w.len(); 3];
        for (n, (k, c)) in w.char_indices().take(3).enumerate() {
            prefix_end[n] = k + c.len_utf8();
        }
        let mut flags = 0u8;
        let mut letters = 0usize;
        let mut upper = 0usize;
        let mut shape = FNV_OFFSET;
        let mut shape_len = 0;
        let mut last_sym = 0u8;
        for (n, c) in w.chars().enumerate() {
            let sym = if c.is_uppercase() {
                letters += 1;
                upper += 1;
                if n == 0 {
                    flags |= F_TITLE;
                }
                b'X'
            } else if c.is_alphabetic() {
                letters += 1;
                b'x'
            } else if c.is_numeric() {
                flags |= F_DIGIT;
                b'd'
            } else if c == '-' {
                flags |= F_HYPHEN;
                b'-'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'#'
            };
            if sym != last_sym && shape_len < 6 {
                shape ^= u64::from(sym);
                shape = shape.wrapping_mul(FNV_PRIME);
                shape_len += 1;
                last_sym = sym;
            }
            if n >= 63 && shape_len >= 6 {
                // The flags only get coarser past here; bound the work.
                break;
            }
        }
        if letters > 0 {
            flags |= F_ALPHA;
        }
        if upper >= 2 && upper == letters {
            flags |= F_CAPS;
        }
        let lower = hash_lower(w);
        let suffix = [
            hash_lower(&w[suffix_at[0]..]),
            hash_lower(&w[suffix_at[1]..]),
            hash_lower(&w[suffix_at[2]..]),
            hash_lower(&w[suffix_at[3]..]),
        ];
        WordInfo {
            word: hash_word(w),
            lower,
            suffix,
            prefix1: fnv(FNV_OFFSET, &w.as_bytes()[..prefix_end[0]]),
            prefix2: hash_lower(&w[..prefix_end[1]]),
            prefix3: hash_lower(&w[..prefix_end[2]]),
            shape,
            flags,
            amb: 0,
        }
    }

    /// The same values as the general path, for the usual case of an
    /// ASCII word: one pass for the lowercase hash and prefixes, a few bytes
    /// for the suffixes.
    fn new_ascii(b: &[u8]) -> WordInfo {
        let step = |h: u64, c: u8| (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        let mut lower = FNV_OFFSET;
        let (mut prefix2, mut prefix3) = (FNV_OFFSET, FNV_OFFSET);
        let mut flags = 0u8;
        let (mut letters, mut upper) = (0usize, 0usize);
        let mut shape = FNV_OFFSET;
        let mut shape_len = 0;
        let mut last_sym = 0u8;
        for (n, &c) in b.iter().enumerate() {
            lower = step(lower, c);
            if n == 1 {
                prefix2 = lower;
            }
            if n == 2 {
                prefix3 = lower;
            }
            if shape_len < 6 || n < 64 {
                let sym = if c.is_ascii_uppercase() {
                    letters += 1;
                    upper += 1;
                    if n == 0 {
                        flags |= F_TITLE;
                    }
                    b'X'
                } else if c.is_ascii_lowercase() {
                    letters += 1;
                    b'x'
                } else if c.is_ascii_digit() {
                    flags |= F_DIGIT;
                    b'd'
                } else {
                    if c == b'-' {
                        flags |= F_HYPHEN;
                    }
                    c
                };
                if sym != last_sym && shape_len < 6 {
                    shape = (shape ^ u64::from(sym)).wrapping_mul(FNV_PRIME);
                    shape_len += 1;
                    last_sym = sym;
                }
            }
        }
        if b.len() < 2 {
            prefix2 = lower;
        }
        if b.len() < 3 {
            prefix3 = lower;
        }
        if letters > 0 {
            flags |= F_ALPHA;
        }
        if upper >= 2 && upper == letters {
            flags |= F_CAPS;
        }
        let suffix = |k: usize| {
            b[b.len().saturating_sub(k)..]
                .iter()
                .fold(FNV_OFFSET, |h, &c| step(h, c))
        };
        WordInfo {
            word: hash_word_bytes(b),
            lower,
            suffix: [suffix(1), suffix(2), suffix(3), suffix(4)],
            prefix1: fnv(FNV_OFFSET, &b[..b.len().min(1)]),
            prefix2,
            prefix3,
            shape,
            flags,
            amb: 0,
        }
    }

    /// The stand-in for the words before the start and after the end.
    const fn pad(which: u64) -> WordInfo {
        let h = mix(which);
        WordInfo {
            word: h,
            lower: h,
            suffix: [h; 4],
            prefix1: h,
            prefix2: h,
            prefix3: h,
            shape: h,
            flags: F_PAD | (which as u8 & 3),
            amb: 1 << 24 | (which as u32 & 3),
        }
    }
}

/// The words before the start (-1, -2) and after the end (+1, +2).
static PADS: [WordInfo; 4] = [
    WordInfo::pad(-1i64 as u64),
    WordInfo::pad(-2i64 as u64),
    WordInfo::pad(1000),
    WordInfo::pad(1001),
];

/// The previous-tag value before the first word.
pub(crate) const START: u64 = 0xff;
/// The one before that.
pub(crate) const START2: u64 = 0xfe;

/// The features of the word alone: a frequent word's sum of these is
/// stored in the model ready-made.
pub(crate) fn word_keys(w: &WordInfo) -> [u64; N_WORD] {
    [
        key(0, 0),
        key(1, w.word),
        key(2, w.lower),
        key(3, w.suffix[0]),
        key(4, w.suffix[1]),
        key(5, w.suffix[2]),
        key(6, w.suffix[3]),
        key(7, w.prefix1),
        key(8, w.prefix2),
        key(9, w.prefix3),
        key(10, w.shape),
        key(26, u64::from(w.amb)),
    ]
}

/// The features of word `i` of `words` in its context, given the labels
/// (indices) predicted for the two words before it (`START`, `START2` at
/// the start).
pub(crate) fn context_keys(words: &[WordInfo], i: usize, p1: u64, p2: u64) -> [u64; N_CONTEXT] {
    let at = |k: isize| -> &WordInfo {
        let j = i as isize + k;
        if j < 0 {
            &PADS[(-j - 1) as usize & 1]
        } else {
            match words.get(j as usize) {
                Some(w) => w,
                None => &PADS[2 + (j as usize).wrapping_sub(words.len()) % 2],
            }
        }
    };
    let w = &words[i];
    let (m2, m1, n1, n2) = (at(-2), at(-1), at(1), at(2));
    let initial = u64::from(i == 0);
    [
        key(11, u64::from(w.flags) | initial << 8),
        key(12, p1),
        key(13, p1 | p2 << 8),
        key(14, mix(w.lower) ^ p1),
        key(15, m1.lower),
        key(16, m1.suffix[2]),
        key(17, m2.lower),
        key(18, n1.lower),
        key(19, n1.suffix[2]),
        key(20, n2.lower),
        key(21, u64::from(n1.flags)),
        key(22, u64::from(m1.flags) | u64::from(w.flags) << 8),
        key(23, mix(n1.lower) ^ p1),
        key(24, mix(w.lower) ^ n1.lower),
        key(25, mix(m1.lower) ^ w.lower),
        key(27, u64::from(n1.amb)),
        key(28, u64::from(n2.amb)),
        key(29, u64::from(w.amb) | p1 << 32),
        key(30, u64::from(w.amb) | u64::from(n1.amb) << 32),
        key(31, mix(w.suffix[2]) ^ p1),
        key(32, u64::from(n1.amb) | p1 << 32),
        key(33, mix(w.suffix[2]) ^ (u64::from(w.flags) | initial << 8)),
        key(34, u64::from(n1.amb) | u64::from(n2.amb) << 32),
    ]
}

/// All the features of word `i`: the word's own, then its context's.
#[cfg(feature = "train")]
pub(crate) fn keys(words: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut [u64; N_FEATURES]) {
    out[..N_WORD].copy_from_slice(&word_keys(&words[i]));
    out[N_WORD..].copy_from_slice(&context_keys(words, i, p1, p2));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path must give the very features the model was
    /// trained with.
    #[test]
    fn ascii_path_equals_general_path() {
        let long = "x".repeat(70) + "Y-9" + &"z".repeat(10);
        let words = [
            "",
            "a",
            "I",
            "U.S.",
            "Ruiz",
            "don't",
            "n't",
            "MCDONALD",
            "1,000.50",
            "e-mail",
            "__init__",
            "3:30",
            "x-Ray",
            "ABC123def",
            ",",
            "...",
            &long,
        ];
        for w in words {
            assert_eq!(
                WordInfo::new_ascii(w.as_bytes()),
                WordInfo::new_general(w),
                "{w:?}"
            );
        }
    }
}
