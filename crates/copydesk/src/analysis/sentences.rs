//! Splitting a block's prose into sentences.
//!
//! Quotations are opaque: a period inside a quotation does not end the
//! sentence around it, but a quotation that ends with `.`, `!` or `?` may end
//! one. Newsroom abbreviations (Mr., Sen., U.S., Jan., a.m.) and initials
//! (J. R.) do not end sentences; decimals (3.5%) never do.

use crate::analysis::quotes::{find_any, Scanned};
use crate::lexicon::{Abbrev, ABBREVIATIONS};
use crate::span::Span;
use std::sync::LazyLock;

/// Capitalised words that usually open a sentence, for weak abbreviations.
static OPENERS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("sentence-openers"));

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '"' | '”' | '’' | '\'' | '»' | '*' | '_') || is_terminator(c)
}

/// The word (letters, digits and inner dots) that ends just before byte `i`.
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(i, |(j, _)| j);
    &head[start..]
}

fn first_word(text: &str) -> &str {
    let end = text
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len());
    &text[..end]
}

/// An opening quotation mark followed by a capital: a new quoted sentence.
fn opens_quotation(following: &str) -> bool {
    let mut it = following.chars();
    matches!(it.next(), Some('“' | '"' | '‘')) && it.next().is_some_and(char::is_uppercase)
}

/// Whether a period at byte `i` ends the sentence, given what follows.
fn period_ends_sentence(text: &str, i: usize, following: &str) -> bool {
    let word = word_before(text, i);
    if word.is_empty() {
        return true;
    }
    // Initials: a single capital letter (J. R. Smith).
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    // Initialisms (D.A., U.S., J.R.) behave like weak abbreviations.
    let initialism = word.len() >= 3 && word.split('.').all(|p| p.chars().count() == 1);
    let weak = || OPENERS.contains(&first_word(following)) || opens_quotation(following);
    match ABBREVIATIONS.get(word) {
        Some(Abbrev::Strong) => false,
        Some(Abbrev::Weak) => weak(),
        None if initialism => weak(),
        None => true,
    }
}

/// Sentence spans of `text`, a block's prose starting at offset `base`.
/// `quotes` are the block's quotations (document offsets).
pub fn split(text: &str, base: usize, quotes: &[Scanned]) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(text, base, quotes, &mut out);
    out
}

/// [`split`] into `out`, which is cleared first (a buffer kept from block to
/// block).
pub fn split_into(text: &str, base: usize, quotes: &[Scanned], out: &mut Vec<Span>) {
    out.clear();
    let mut start = 0;
    // Only terminators matter; the text between them is skipped (`…` is
    // E2 80 A6, and other characters starting with E2 are passed over).
    let mut from = 0;
    while let Some(i) = find_any(text.as_bytes(), from, [b'.', b'!', b'?', 0xE2]) {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        from = i + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        let abs = base + i;
        // Inside a quotation, only its last terminator (before the closing
        // mark) can end a sentence, and then the cut is after the mark.
        let mut end = i + c.len_utf8();
        // Quotations are in order and do not overlap: only the last one
        // opening before the terminator can hold it.
        let opened = quotes.partition_point(|q| q.span.start < abs);
        if let Some(q) = opened
            .checked_sub(1)
            .map(|i| &quotes[i])
            .filter(|q| abs < q.span.end)
        {
            if q.runs_on {
                continue;
            }
            let tail = &text[end..q.span.end - base];
            if !tail.chars().all(is_closer) {
                continue;
            }
            end = q.span.end - base;
        }
        // Take any closing punctuation and repeated terminators along.
        while let Some(n) = text[end..].chars().next().filter(|&n| is_closer(n)) {
            end += n.len_utf8();
        }
        from = end;
        let rest = &text[end..];
        let following = rest.trim_start();
        if following.is_empty() {
            break;
        }
        if rest.len() == following.len() {
            continue; // no space: 3.5, U.S.-made, example.com
        }
        let Some(n) = following.chars().next() else {
            break;
        };
        let opens = n.is_uppercase()
            || n.is_ascii_digit()
            || "\"“‘'([¿¡«—–-*_$£€#@".contains(n)
            || !n.is_alphabetic() && !n.is_ascii_punctuation();
        if !opens {
            continue;
        }
        if c == '.' && !period_ends_sentence(text, i, following) {
            continue;
        }
        push(out, text, base, start, end);
        start = end;
    }
    push(out, text, base, start, text.len());
}

fn push(out: &mut Vec<Span>, text: &str, base: usize, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes;

    fn sentences(text: &str) -> Vec<&str> {
        let q = quotes::scan(text, 0);
        split(text, 0, &q).iter().map(|s| s.slice(text)).collect()
    }

    /// The char-by-char splitter the terminator-to-terminator one replaced.
    mod reference {
        use super::super::{is_closer, is_terminator, period_ends_sentence, push};
        use crate::analysis::quotes::Scanned;
        use crate::span::Span;

        pub(crate) fn split(text: &str, base: usize, quotes: &[Scanned]) -> Vec<Span> {
            let mut out = Vec::new();
            let mut start = 0;
            let mut it = text.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                if !is_terminator(c) {
                    continue;
                }
                let abs = base + i;
                // Inside a quotation, only its last terminator (before the closing
                // mark) can end a sentence, and then the cut is after the mark.
                let mut end = i + c.len_utf8();
                // Quotations are in order and do not overlap: only the last one
                // opening before the terminator can hold it.
                let opened = quotes.partition_point(|q| q.span.start < abs);
                if let Some(q) = opened
                    .checked_sub(1)
                    .map(|i| &quotes[i])
                    .filter(|q| abs < q.span.end)
                {
                    if q.runs_on {
                        continue;
                    }
                    let tail = &text[end..q.span.end - base];
                    if !tail.chars().all(is_closer) {
                        continue;
                    }
                    end = q.span.end - base;
                }
                // Take any closing punctuation and repeated terminators along.
                while let Some(&(j, n)) = it.peek() {
                    if j < end {
                        it.next();
                        continue;
                    }
                    if is_closer(n) {
                        end = j + n.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                let rest = &text[end..];
                let following = rest.trim_start();
                if following.is_empty() {
                    break;
                }
                if rest.len() == following.len() {
                    continue; // no space: 3.5, U.S.-made, example.com
                }
                let Some(n) = following.chars().next() else {
                    break;
                };
                let opens = n.is_uppercase()
                    || n.is_ascii_digit()
                    || "\"“‘'([¿¡«—–-*_$£€#@".contains(n)
                    || !n.is_alphabetic() && !n.is_ascii_punctuation();
                if !opens {
                    continue;
                }
                if c == '.' && !period_ends_sentence(text, i, following) {
                    continue;
                }
                push(&mut out, text, base, start, end);
                start = end;
            }
            push(&mut out, text, base, start, text.len());
            out
        }
    }

    #[test]
    fn skipping_to_terminators_agrees_with_the_char_by_char_split() {
        use crate::analysis::quotes::tests::{awkward_text, Rng};
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let text = awkward_text(&mut rng);
            let q = quotes::scan(&text, 3);
            assert_eq!(
                split(&text, 3, &q),
                reference::split(&text, 3, &q),
                "{text:?}"
            );
        }
    }

    #[test]
    fn splits_on_sentence_ends() {
        assert_eq!(
            sentences("One thing. Two things! Three? Four"),
            vec!["One thing.", "Two things!", "Three?", "Four"]
        );
    }

    #[test]
    fn keeps_newsroom_abbreviations_and_numbers_together() {
        let cases = [
            "Sen. Mike Lee and Dr. Anita Coles met Mr. J. R. Smith on Jan. 5 at 6:30 p.m. in the U.S. Capitol.",
            "Prices rose 3.5% to $1.2 million at No. 4 St. Mary's.",
            "HARLAN, Ky. — The count rose.",
        ];
        for c in cases {
            assert_eq!(sentences(c), vec![c]);
        }
    }

    #[test]
    fn weak_abbreviations_end_before_an_opener() {
        assert_eq!(
            sentences("It opens at 7 p.m. The doors close at 9."),
            vec!["It opens at 7 p.m.", "The doors close at 9."]
        );
        assert_eq!(
            sentences("A rosary at 7 p.m. Thursday at the cathedral."),
            vec!["A rosary at 7 p.m. Thursday at the cathedral."]
        );
    }

    #[test]
    fn initialisms_and_quotes_after_weak_abbreviations() {
        assert_eq!(
            sentences("“It is a priority,” said Priya V., an analyst at D.A. Davidson. “But it is small.”"),
            vec!["“It is a priority,” said Priya V., an analyst at D.A. Davidson.", "“But it is small.”"]
        );
        assert_eq!(
            sentences("The shelves were empty by 9 a.m. “I’ve never seen this.”"),
            vec![
                "The shelves were empty by 9 a.m.",
                "“I’ve never seen this.”"
            ]
        );
    }

    #[test]
    fn quotations_are_opaque() {
        assert_eq!(
            sentences(
                "“The bank knew. The bank had to know.” She left. “We won,” he said. “Again.”"
            ),
            vec![
                "“The bank knew. The bank had to know.”",
                "She left.",
                "“We won,” he said.",
                "“Again.”"
            ]
        );
        assert_eq!(
            sentences("\"We've got four officers. Four,\" Salinas said."),
            vec!["\"We've got four officers. Four,\" Salinas said."]
        );
    }
}
