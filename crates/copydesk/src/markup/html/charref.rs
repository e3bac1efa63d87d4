//! Character references (`&ldquo;`, `&#8220;`, `&amp;`) read as the
//! characters they stand for, without changing a byte offset.
//!
//! A reference is longer than its character, so the character is written
//! inside the reference's own byte range and the rest is padded with spaces,
//! on the side away from the word it belongs to: `&ldquo;We` reads
//! `    “We`, `won&rdquo;` reads `won”    `. Inside a word the word is kept
//! whole and the padding goes after it, `don&rsquo;t` reads `don’t    ` and
//! `Garc&iacute;a` reads `García       `, so apostrophes stay apostrophes and
//! names stay names. Every range whose text was moved is recorded, so that
//! reported spans can be widened to whole references ([`Document::widen`]).
//!
//! Which references exist and what they decode to is the HTML standard's
//! business, not ours: each candidate is handed to html5gum's tokenizer,
//! which knows the full table, the legacy names without `;` and the
//! windows-1252 remapping of `&#147;`.
//!
//! [`Document::widen`]: crate::markup::Document::widen

use html5gum::{Token, Tokenizer};

use crate::span::Span;

/// Longer than the longest named reference (`&CounterClockwiseContourIntegral;`)
/// and any sensible numeric one.
const MAX_CANDIDATE: usize = 40;

/// Decode the references in `prose[range]`, which holds a copy of
/// `source[range]`, a run of visible text. Pushes the moved ranges, in
/// order, onto `moved`.
pub(super) fn decode(
    source: &str,
    prose: &mut [u8],
    range: std::ops::Range<usize>,
    moved: &mut Vec<Span>,
) {
    let Some(text) = source.get(range.clone()) else {
        return;
    };
    if !text.contains('&') {
        return;
    }
    let base = range.start;
    let mut word = Word::default();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = base + i;
        if c.is_whitespace() {
            word.lay_out(prose, moved);
            continue;
        }
        if c == '&' {
            if let Some((len, decoded)) = reference(&text[i..]) {
                let decoded = fitting(decoded, len);
                if !decoded.is_empty() && decoded.chars().all(char::is_whitespace) {
                    // `&nbsp;` and friends separate words like a space does.
                    word.lay_out(prose, moved);
                    prose[at..at + len].fill(b' ');
                    moved.push(Span::new(at, at + len));
                } else {
                    word.push(at, len, decoded, true);
                }
                while chars.next_if(|&(j, _)| j < i + len).is_some() {}
                continue;
            }
        }
        word.push(at, c.len_utf8(), String::new(), false);
    }
    word.lay_out(prose, moved);
}

/// Invisible characters (soft hyphen, zero-width joiners) decode to
/// nothing, so `co&shy;operate` stays one word.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// The longest prefix of `decoded` (whole characters, invisible ones
/// dropped) that fits in `len` bytes.
fn fitting(decoded: String, len: usize) -> String {
    let mut out = String::new();
    for c in decoded.chars().filter(|&c| !is_invisible(c)) {
        if out.len() + c.len_utf8() > len {
            break;
        }
        out.push(c);
    }
    out
}

/// One piece of a word: a source character or a reference.
struct Piece {
    /// Where it is in the source, and how many bytes it takes there.
    at: usize,
    len: usize,
    /// What it reads as; `None` for a source character, which stays as copied.
    text: Option<String>,
}

/// A run of non-space text containing at least one reference, being collected.
#[derive(Default)]
struct Word {
    pieces: Vec<Piece>,
    has_reference: bool,
}

impl Word {
    fn push(&mut self, at: usize, len: usize, text: String, reference: bool) {
        self.has_reference |= reference;
        self.pieces.push(Piece {
            at,
            len,
            text: reference.then_some(text),
        });
    }

    /// Write the word's text into `prose`. The first letter or digit that
    /// came from the source is the anchor and keeps its offset; what comes
    /// before it is set flush against it, what comes after follows it, and
    /// the padding goes to the word's outer ends.
    fn lay_out(&mut self, prose: &mut [u8], moved: &mut Vec<Span>) {
        let pieces = std::mem::take(&mut self.pieces);
        if !std::mem::take(&mut self.has_reference) {
            return;
        }
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return;
        };
        let (start, end) = (first.at, last.at + last.len);
        let Some(original) = prose.get(start..end).map(<[u8]>::to_vec) else {
            return;
        };
        let bytes = |p: &Piece| -> Vec<u8> {
            match &p.text {
                Some(t) => t.as_bytes().to_vec(),
                None => original[p.at - start..p.at - start + p.len].to_vec(),
            }
        };
        let anchor = pieces.iter().position(|p| {
            p.text.is_none()
                && original
                    .get(p.at - start)
                    .is_some_and(u8::is_ascii_alphanumeric)
        });
        let split = anchor.unwrap_or(0);
        let anchor_at = anchor.map_or(start, |a| pieces[a].at);
        let before: Vec<u8> = pieces[..split].iter().flat_map(bytes).collect();
        let after: Vec<u8> = pieces[split..].iter().flat_map(bytes).collect();
        prose[start..end].fill(b' ');
        let b = anchor_at - before.len();
        prose[b..anchor_at].copy_from_slice(&before);
        prose[anchor_at..anchor_at + after.len()].copy_from_slice(&after);
        // Record what moved: before the anchor, everything up to it; after
        // it, everything from its first reference on.
        if pieces[..split].iter().any(|p| p.text.is_some()) {
            moved.push(Span::new(start, anchor_at));
        }
        if let Some(p) = pieces[split..].iter().find(|p| p.text.is_some()) {
            moved.push(Span::new(p.at, end));
        }
    }
}

/// The reference at the start of `rest` (which starts with `&`): its length
/// in the source and the text it stands for. `None` when the `&` is just an
/// ampersand (`AT&T`, `Q & A`).
fn reference(rest: &str) -> Option<(usize, String)> {
    let bytes = rest.as_bytes();
    let mut n = 1;
    if bytes.get(n) == Some(&b'#') {
        n += 1;
    }
    while n < MAX_CANDIDATE && bytes.get(n).is_some_and(u8::is_ascii_alphanumeric) {
        n += 1;
    }
    if bytes.get(n) == Some(&b';') {
        n += 1;
    }
    // All ASCII so far, so `n` is a character boundary.
    let candidate = rest.get(..n)?;
    if candidate.len() < 3 {
        return None;
    }
    let read = tokenize(candidate);
    if read == candidate {
        return None;
    }
    // The tokenizer read a reference from the front of the candidate and
    // left the rest as it was (`&notit;` reads `¬it;`): the longest tail of
    // the candidate that `read` still ends with, leaving some decoded text,
    // is that rest. A decoded character never equals the raw letters,
    // digits or `;` it would have to be mistaken for, except `&#x35` → `5`
    // style cases, which the "some decoded text" condition settles.
    (2..=candidate.len()).find_map(|consumed| {
        let tail = &candidate[consumed..];
        let decoded = read.strip_suffix(tail)?;
        (!decoded.is_empty()).then(|| (consumed, decoded.to_owned()))
    })
}

/// What the HTML tokenizer reads `text` as, outside any tag.
fn tokenize(text: &str) -> String {
    let mut out = Vec::new();
    for token in Tokenizer::new(text) {
        let Ok(token) = token;
        if let Token::String(s) = token {
            out.extend_from_slice(&s.value);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text `src` reads as, and the moved ranges as source slices.
    fn read(src: &str) -> (String, Vec<&str>) {
        let mut prose = src.as_bytes().to_vec();
        let mut moved = Vec::new();
        decode(src, &mut prose, 0..src.len(), &mut moved);
        let prose = String::from_utf8(prose).expect("stays UTF-8");
        assert_eq!(prose.len(), src.len());
        (prose, moved.iter().map(|m| m.slice(src)).collect())
    }

    #[test]
    fn quotation_marks_sit_against_their_words() {
        let (p, moved) = read("&ldquo;We won,&rdquo; she said.");
        assert_eq!(p, "    “We won,”     she said.");
        assert_eq!(moved, vec!["&ldquo;", "&rdquo;"]);
        let (p, _) = read("&#8220;Yes&#x201D; and &quot;no&quot;.");
        assert_eq!(p, "    “Yes”      and      \"no\".     ");
        let (p, _) = read("&#147;Old CMS&#148;");
        assert_eq!(p, "   “Old CMS”   ");
    }

    #[test]
    fn words_stay_whole() {
        let (p, moved) = read("don&rsquo;t Garc&iacute;a AT&amp;T &Eacute;mile");
        assert_eq!(p, "don’t     García       AT&T           Émile");
        assert_eq!(moved, vec!["&rsquo;t", "&iacute;a", "&amp;T", "&Eacute;"]);
        let (p, _) = read("co&shy;operate");
        assert_eq!(p, "cooperate     ");
    }

    #[test]
    fn spaces_dashes_and_plain_ampersands() {
        let (p, moved) = read("5&nbsp;km &mdash; Lacey");
        assert_eq!(p, "5      km —     Lacey");
        assert_eq!(moved, vec!["&nbsp;", "&mdash;"]);
        let (p, moved) = read("Q & A, AT&T, R&D &unknown; &#;");
        assert_eq!(p, "Q & A, AT&T, R&D &unknown; &#;");
        assert!(moved.is_empty());
    }

    #[test]
    fn legacy_references_without_semicolons() {
        // Browsers read `&amp` and `&copy` without `;`; the rest stays.
        let (p, _) = read("Fish &amp chips &copy 2024 &notit;");
        assert_eq!(p, "Fish &    chips ©    2024   ¬it;");
    }

    #[test]
    fn a_reference_that_does_not_fit_keeps_what_fits() {
        // `&nGt;` is two characters, six bytes, in five.
        let (p, _) = read("a &nGt; b");
        assert_eq!(p.len(), 9);
        assert!(p.contains('≫'));
    }
}
