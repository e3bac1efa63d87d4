//! Feature extraction, shared by training and tagging so the two can never
//! disagree: each feature is a template id mixed with a hashed value into one
//! 64-bit key. The hash is fixed (FNV-1a, then a SplitMix64 finaliser), so
//! keys are the same on every machine and in every build.

/// How many features one token has (see [`keys`]).
pub(crate) const N_FEATURES: usize = 31;

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
pub(crate) fn mix(mut z: u64) -> u64 {
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
    mix(fnv(FNV_OFFSET, s.as_bytes()))
}

const F_TITLE: u8 = 1;
const F_CAPS: u8 = 2;
const F_DIGIT: u8 = 4;
const F_HYPHEN: u8 = 8;
const F_ALPHA: u8 = 16;
const F_PAD: u8 = 32;

/// What the features need to know about one word, computed once per token.
#[derive(Clone, Copy, Debug, Default)]
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
    /// The lexicon's key: the lowercased word.
    pub(crate) fn lex_key(&self) -> u64 {
        mix(self.lower ^ 0x5eed_1e81_c0de_0001)
    }

    pub(crate) fn new(w: &str) -> WordInfo {
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
            if n >= 64 && shape_len >= 6 {
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

    /// The stand-in for the words before the start and after the end.
    fn pad(which: u64) -> WordInfo {
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

/// The previous-tag value before the first word.
pub(crate) const START: u64 = 0xff;
/// The one before that.
pub(crate) const START2: u64 = 0xfe;

/// Fills `out` with the feature keys of word `i` of `words`, given the labels
/// (indices) predicted for the two words before it (`START`, `START2` at the
/// start).
pub(crate) fn keys(words: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut [u64; N_FEATURES]) {
    let at = |k: isize| -> WordInfo {
        let j = i as isize + k;
        if j < 0 {
            WordInfo::pad(j as u64)
        } else {
            words
                .get(j as usize)
                .copied()
                .unwrap_or_else(|| WordInfo::pad(1000 + j as u64 - words.len() as u64))
        }
    };
    let w = &words[i];
    let (m2, m1, n1, n2) = (at(-2), at(-1), at(1), at(2));
    let initial = u64::from(i == 0);
    *out = [
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
        key(26, u64::from(w.amb)),
        key(27, u64::from(n1.amb)),
        key(28, u64::from(n2.amb)),
        key(29, u64::from(w.amb) | p1 << 32),
        key(30, u64::from(w.amb) | u64::from(n1.amb) << 32),
    ];
}
