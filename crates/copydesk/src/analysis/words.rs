//! A sentence's words: runs of letters, digits, apostrophes and hyphens,
//! found eight bytes at a time, with their offsets; what cues and speakers
//! are read from.

/// A word of the sentence with its byte offset in the sentence text.
pub(crate) struct Word<'t> {
    pub at: usize,
    pub text: &'t str,
}

/// Bytes by what they say about words: 0 for an ASCII byte outside words,
/// 1 for an ASCII word character (letters, digits, `'` and `-`), 2 for a
/// byte of a non-ASCII character, which must be decoded to tell.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = (c.is_ascii_alphanumeric() || c == b'\'' || c == b'-') as u8;
        b += 1;
    }
    t
};

/// Whether the character at byte `i` of `text` is a word character, and
/// its length.
fn word_char(text: &str, i: usize) -> (bool, usize) {
    match BYTE_CLASS[usize::from(text.as_bytes()[i])] {
        0 => (false, 1),
        1 => (true, 1),
        _ => {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric() || c == '’', c.len_utf8())
        }
    }
}

/// The words of `text`: runs of letters, digits, apostrophes and hyphens,
/// without the apostrophes and hyphens at their ends.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// The top bit of each byte of `v` (all below 0x80) that lies in `lo..=hi`.
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    // No addition carries into the next byte: each byte stays below 0x100.
    v.wrapping_add(ONES * u64::from(0x80 - lo))
        & !v.wrapping_add(ONES * u64::from(0x7f - hi))
        & HIGH
}

/// The top bit of each byte of `v` (all below 0x80) equal to `c`.
fn equal(v: u64, c: u8) -> u64 {
    let t = v ^ (ONES * u64::from(c));
    !(t.wrapping_add(ONES * 0x7f) | t) & HIGH
}

/// The top bits of the eight bytes of `v` as eight bits, first byte lowest.
fn gather(v: u64) -> u64 {
    ((v & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// For up to 64 bytes: bit `j` of the first mask is set when byte `j` is
/// an ASCII word character (letters, digits, `'` and `-`), of the second
/// when it starts a character that is not ASCII. Eight bytes at a time.
fn block_masks(block: &[u8]) -> (u64, u64) {
    let (mut word, mut lead) = (0u64, 0u64);
    for (i, group) in block.chunks(8).enumerate().take(8) {
        let x = match <[u8; 8]>::try_from(group) {
            Ok(full) => u64::from_le_bytes(full),
            Err(_) => {
                let mut buf = [0u8; 8];
                buf[..group.len()].copy_from_slice(group);
                u64::from_le_bytes(buf)
            }
        };
        let high = x & HIGH;
        let v = x & !HIGH;
        let letters = in_range(v | (ONES * 0x20), b'a', b'z');
        let w = (letters | in_range(v, b'0', b'9') | equal(v, b'\'') | equal(v, b'-')) & !high;
        word |= gather(w) << (8 * i);
        // A lead byte has its top two bits set.
        lead |= gather(high & (x << 1)) << (8 * i);
    }
    (word, lead)
}

/// [`words`] into `out`, which is cleared first. The text is read 64
/// bytes at a time as a mask of word bytes whose edges are the words;
/// only characters that are not ASCII are decoded one by one.
pub(crate) fn words_into<'t>(text: &'t str, out: &mut Vec<Word<'t>>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut emit = |s: usize, e: usize| {
        let raw = &text[s..e];
        // Most words start and end with a letter or digit.
        if bytes[s].is_ascii_alphanumeric() && bytes[e - 1].is_ascii_alphanumeric() {
            out.push(Word { at: s, text: raw });
            return;
        }
        let trimmed = raw.trim_start_matches(['\'', '’', '-']);
        let at = s + raw.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(['\'', '’', '-']);
        if !trimmed.is_empty() {
            out.push(Word { at, text: trimmed });
        }
    };
    // Where the word being read started.
    let mut start: Option<usize> = None;
    // Word bytes of a character begun in the previous block.
    let mut carry = 0u64;
    let mut pos = 0;
    while pos < bytes.len() {
        let len = (bytes.len() - pos).min(64);
        let (mut word, mut leads) = block_masks(&bytes[pos..pos + len]);
        word |= carry;
        carry = 0;
        while leads != 0 {
            let j = leads.trailing_zeros() as usize;
            leads &= leads - 1;
            let (is_word, n) = word_char(text, pos + j);
            if is_word {
                let bits = ((1u128 << n) - 1) << j;
                word |= bits as u64;
                carry |= (bits >> 64) as u64;
            }
        }
        let inside = if len == 64 { !0 } else { (1u64 << len) - 1 };
        let (word, gaps) = (word & inside, !word & inside);
        let mut bit = 0;
        while bit < len {
            if start.is_none() {
                let rest = word >> bit;
                if rest == 0 {
                    break;
                }
                bit += rest.trailing_zeros() as usize;
                start = Some(pos + bit);
            }
            let rest = gaps >> bit;
            if rest == 0 {
                // The word goes on into the next block.
                break;
            }
            bit += rest.trailing_zeros() as usize;
            if let Some(s) = start.take() {
                emit(s, pos + bit);
            }
        }
        pos += len;
    }
    if let Some(s) = start {
        emit(s, bytes.len());
    }
}

/// An empty vector that keeps `v`'s allocation for words of another text.
pub(crate) fn recycle<'b>(mut v: Vec<Word<'_>>) -> Vec<Word<'b>> {
    v.clear();
    // Collecting a vector's own emptied iterator reuses its buffer (the
    // map never runs: there is nothing left to map).
    v.into_iter().map(|w| Word { at: w.at, text: "" }).collect()
}
