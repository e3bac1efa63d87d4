//! Finding direct quotations in a block of prose.
//!
//! Pairs curly, straight and single quotation marks; tells quotation marks
//! from apostrophes (don't, ’90s, rock ’n’ roll, students’) and from inch and
//! foot marks (5'4", 13" tall); notes a quote whose closing mark is missing
//! at the end of its block (news style when a quote runs on into the next
//! paragraph). Nested quotes inside a quote are part of it, not quotes of
//! their own.

use crate::analysis::QuoteMarks;
use crate::span::Span;
use std::sync::LazyLock;

/// A quotation as scanned, before it is placed in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scanned {
    pub span: Span,
    pub inner: Span,
    pub marks: QuoteMarks,
    pub runs_on: bool,
}

static ELISIONS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("elisions"));

fn is_open_double(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

fn is_close_double(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// An apostrophe that elides the start of a word: ’90s, 'em, ’n’.
fn is_leading_elision(rest: &str) -> bool {
    let mut chars = rest.chars();
    let (a, b) = (chars.next(), chars.next());
    if matches!((a, b), (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit()) {
        return true;
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let after = rest[word.len().min(rest.len())..].chars().next();
    ELISIONS.contains(&word.as_str()) && !after.is_some_and(char::is_alphanumeric)
}

/// The first offset at or after `from` whose byte is one of `set`. Whole
/// chunks are tested without branching on each byte (the compiler turns
/// that into vector compares), since the bytes looked for are rare in prose.
/// Kept by hand because the sets hold four bytes and `memchr` stops at three.
pub(crate) fn find_any<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> Option<usize> {
    const CHUNK: usize = 16;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + CHUNK) {
        let chunk: &[u8; CHUNK] = chunk.try_into().unwrap_or(&[0; CHUNK]);
        let mut hits = 0u8;
        for s in set {
            for &b in chunk {
                hits |= u8::from(b == s);
            }
        }
        if hits != 0 {
            break;
        }
        i += CHUNK;
    }
    // (Comparing by hand: `contains` on bytes calls memchr per byte.)
    bytes
        .get(i..)?
        .iter()
        .position(|&b| set.iter().fold(false, |hit, &s| hit | (b == s)))
        .map(|p| i + p)
}

/// Whether `c` is a mark the scan acts on.
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '‘' | '’') || is_open_double(c) || is_close_double(c)
}

/// Whether two straight apostrophes at `at` (`''`, typed for a double
/// mark) open a quotation like one: at a word's start (after a space or an
/// opening bracket or dash, or at the block's start) and before a letter or
/// digit (`''The Village"`, `''locked down''`). A third apostrophe, or one
/// after a letter (`the players''`), leaves them apostrophes.
fn pair_opens(text: &str, at: usize, prev: Option<char>) -> bool {
    text[at..].starts_with("''")
        && prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
        && text[at + 2..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Whether two straight apostrophes at `at` close a quotation in double
/// marks like a double mark: after a word, before a space, punctuation or
/// the block's end (`"The Village'' led`), and, `single_inside` telling,
/// with no quotation in single marks opened inside it that they could be
/// the possessive and closing mark of (`"… called 'the players''`).
fn pair_closes(
    text: &str,
    at: usize,
    prev: Option<char>,
    single_inside: impl FnOnce() -> bool,
) -> bool {
    text[at..].starts_with("''")
        && prev.is_some_and(|p| !p.is_whitespace() && p != '\'')
        && !text[at + 2..]
            .chars()
            .next()
            .is_some_and(|n| n.is_alphanumeric() || n == '\'')
        && !single_inside()
}

/// The offset of the first ` '` or `‘` at or after `from`: where a
/// quotation in single marks may open.
fn first_single_opening(text: &str, from: usize) -> Option<usize> {
    let rest = &text[from..];
    let straight = rest.find(" '");
    let curly = rest.find('‘');
    straight.into_iter().chain(curly).min().map(|r| from + r)
}

/// The first bytes of every mark: `"`, `'`, and the lead bytes of the
/// curly marks (U+2018 to U+201E) and of `«` and `»`.
const MARK_LEADS: [u8; 4] = [b'"', b'\'', 0xE2, 0xC2];

fn scan_marks(text: &str, base: usize, out: &mut Vec<Scanned>) {
    // The open quotation: (start byte, marks, whether opened by a straight mark).
    let mut open: Option<(usize, QuoteMarks)> = None;
    // The last search for a closing single mark: (searched after, found at).
    // A later search that starts before what was found has the same answer,
    // so a line of unclosed `'word`s is scanned once, not once per mark.
    let mut single_close: Option<(usize, Option<usize>)> = None;
    // Where a quotation in single marks first may open inside the open
    // quotation in double marks: (its start, found at).
    let mut single_opening: Option<(usize, Option<usize>)> = None;
    // Only marks change the state; the text between them is skipped.
    let mut from = 0;
    while let Some(i) = find_any(text.as_bytes(), from, MARK_LEADS) {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let after = i + c.len_utf8();
        from = after;
        if !is_mark(c) {
            continue;
        }
        let prev = text[..i].chars().next_back();
        let next = text[after..].chars().next();
        match (open, c) {
            // Double quotation marks.
            (None, c) if is_open_double(c) => open = Some((i, QuoteMarks::Double)),
            (None, '"') => {
                let inch = prev.is_some_and(|p| p.is_ascii_digit() || p == '\'' || p == '/');
                let opens = next.is_some_and(|n| !n.is_whitespace());
                if !inch && opens {
                    open = Some((i, QuoteMarks::Double));
                }
            }
            (Some((s, QuoteMarks::Double)), c) if is_close_double(c) || c == '"' => {
                out.push(close(base, s, i, after, QuoteMarks::Double));
                open = None;
            }
            // Two straight apostrophes typed for a double mark.
            (None, '\'') if pair_opens(text, i, prev) => {
                open = Some((i, QuoteMarks::Double));
                from = i + 2;
            }
            (Some((s, QuoteMarks::Double)), '\'')
                if pair_closes(text, i, prev, || {
                    // Found once per quotation: a line of `''` that do
                    // not close must not rescan it at each.
                    let first = match single_opening {
                        Some((at, found)) if at == s => found,
                        _ => {
                            let found = first_single_opening(text, s);
                            single_opening = Some((s, found));
                            found
                        }
                    };
                    first.is_some_and(|f| f < i)
                }) =>
            {
                out.push(close(base, s, i, i + 2, QuoteMarks::Double));
                open = None;
                from = i + 2;
            }
            (Some((s, QuoteMarks::Double)), c)
                if is_open_double(c) && prev.is_some_and(char::is_whitespace) =>
            {
                if let Some((at, end)) = nested_close(text, after) {
                    // A quotation inside it in the same marks, the marks
                    // balancing that way: the outer one closes later.
                    out.push(close(base, s, at, end, QuoteMarks::Double));
                    open = None;
                    from = end;
                } else {
                    // A new opening mark while one is open: the first was never closed.
                    out.push(close(base, s, i, i, QuoteMarks::Double));
                    open = Some((i, QuoteMarks::Double));
                }
            }
            // Single quotation marks.
            (None, '‘' | '\'') => {
                let opening_context =
                    prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
                let rest = &text[after..];
                let starts_word = next.is_some_and(char::is_alphanumeric);
                if opening_context && starts_word && !is_leading_elision(rest) {
                    // Only a quotation if a closing mark follows in the block,
                    // or it opens the block (a run-on from the previous one),
                    // or it opens a sentence of a paragraph already quoting
                    // in single marks and runs on to its end (`‘…,’ she
                    // said. ‘We’ve delivered half.` and the next paragraph
                    // reopens it).
                    let closes = match single_close {
                        Some((from, found)) if from <= after && found.is_none_or(|f| f > after) => {
                            found.is_some()
                        }
                        _ => {
                            let found = find_single_close(rest).map(|r| after + r);
                            single_close = Some((after, found));
                            found.is_some()
                        }
                    };
                    if closes || i == 0 && c == '‘' || c == '‘' && single_run_on(text, i, out) {
                        open = Some((i, QuoteMarks::Single));
                    }
                }
            }
            (Some((s, QuoteMarks::Single)), '’' | '\'') => {
                let closing_context = prev.is_some_and(|p| !p.is_whitespace())
                    && !next.is_some_and(char::is_alphanumeric);
                if closing_context && !plural_possessive(text, i, after) {
                    out.push(close(base, s, i, after, QuoteMarks::Single));
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((s, marks)) = open {
        let end = text.trim_end().len();
        if end > s + 1 {
            out.push(Scanned {
                span: Span::new(base + s, base + end),
                inner: Span::new(base + s + open_len(text, s), base + end),
                marks,
                runs_on: true,
            });
        }
    }
}

/// Where a quotation in double marks closes when another opens inside it
/// (`“… a so-called “sneaky mobile redirect” on a few pages …”`), `after`
/// being past the inner opening mark: the (start, end) of the closing mark
/// that brings the depth back to none, when the marks after it in the
/// block balance that way. Otherwise (`“Yes, he said. “No,” she said.`,
/// the first never closed) none. Three deep is as far as prose nests.
fn nested_close(text: &str, after: usize) -> Option<(usize, usize)> {
    let mut depth = 2;
    let mut from = after;
    while let Some(i) = find_any(text.as_bytes(), from, MARK_LEADS) {
        let c = text[i..].chars().next()?;
        from = i + c.len_utf8();
        if is_close_double(c) || c == '"' {
            depth -= 1;
            if depth == 0 {
                return Some((i, from));
            }
        } else if is_open_double(c)
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
        {
            depth += 1;
            if depth > 3 {
                return None;
            }
        }
    }
    None
}

/// Whether an unclosed `‘` at `at` runs on into the next paragraph: it
/// opens a sentence (after `.`, `!` or `?`), the paragraph ends like one,
/// and a quotation in single marks came before it in the paragraph, so the
/// paragraph quotes speech in single marks (British style).
fn single_run_on(text: &str, at: usize, before: &[Scanned]) -> bool {
    before.last().is_some_and(|q| q.marks == QuoteMarks::Single)
        && text[..at].trim_end().ends_with(['.', '!', '?'])
        && text.trim_end().ends_with(['.', '!', '?'])
}

fn mark_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

/// The length of a quotation's opening mark at `at`: two for `''` (a
/// single mark never opens before an apostrophe, so a pair there is a
/// double mark).
fn open_len(text: &str, at: usize) -> usize {
    if text[at..].starts_with("''") {
        2
    } else {
        mark_len(text, at)
    }
}

fn close(base: usize, start: usize, close_at: usize, end: usize, marks: QuoteMarks) -> Scanned {
    // `inner` starts at the opening mark here; `scan` moves it past the mark.
    Scanned {
        span: Span::new(base + start, base + end),
        inner: Span::new(base + start, base + close_at),
        marks,
        runs_on: false,
    }
}

/// Whether the mark at `at` (ending at `after`), inside a quotation in
/// single marks, is a plural's possessive (`'I've wasted enough of my
/// viewers' time': Jake Tapper …`): it follows an `s` and a word in lower
/// case follows it, and the quotation's own closing mark comes a few words
/// on, with no other quotation opening before it.
fn plural_possessive(text: &str, at: usize, after: usize) -> bool {
    /// How far on the quotation's own closing mark may stand.
    const NEAR: usize = 40;
    let rest = &text[after..];
    if !text[..at].ends_with('s')
        || !rest
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_lowercase()))
    {
        return false;
    }
    // Look no further than the window (the mark, and the character after
    // it, fit in it): a quotation left open must not cost a scan of the
    // rest of the block at each plural in it.
    let mut window = rest.len().min(NEAR + 16);
    while !rest.is_char_boundary(window) {
        window -= 1;
    }
    let Some(close) = find_single_close(&rest[..window]).filter(|&r| r <= NEAR) else {
        return false;
    };
    let between = &rest[..close];
    // That mark ends a clause, not a phrase running on (`‘heroes’ in the
    // fans’ eyes`: neither is the quotation's end).
    let then = &rest[close + mark_len(rest, close)..];
    let runs_on = then
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()));
    !between.contains('‘') && !between.contains(" '") && !runs_on
}

/// The offset in `rest` of a closing single mark: `’` or `'` after a
/// non-space and not followed by a letter.
fn find_single_close(rest: &str) -> Option<usize> {
    // `’` is E2 80 99; other characters starting with E2 are skipped below.
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'\'', 0xE2, &rest.as_bytes()[from..]).map(|i| from + i) {
        let c = rest[i..].chars().next()?;
        let after = i + c.len_utf8();
        from = after;
        if matches!(c, '’' | '\'')
            && rest[..i]
                .chars()
                .next_back()
                .is_some_and(|p| !p.is_whitespace())
            && !rest[after..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return Some(i);
        }
    }
    None
}

/// The quotations in `text`, a block's prose starting at document offset `base`.
pub fn scan(text: &str, base: usize) -> Vec<Scanned> {
    let mut quotes = Vec::new();
    scan_into(text, base, &mut quotes);
    quotes
}

/// [`scan`] into `quotes`, which is cleared first (a buffer kept from block
/// to block).
pub fn scan_into(text: &str, base: usize, quotes: &mut Vec<Scanned>) {
    quotes.clear();
    scan_marks(text, base, quotes);
    for q in quotes {
        let rel = q.span.start - base;
        let w = open_len(text, rel);
        q.inner.start = (q.span.start + w).min(q.inner.end);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The inner text of each quotation found.
    fn inner(text: &str) -> Vec<&str> {
        scan(text, 0).iter().map(|q| q.inner.slice(text)).collect()
    }

    /// The char-by-char scan the mark-to-mark one replaced, kept to check
    /// that the two agree.
    pub(crate) mod reference {
        use super::super::{
            close, is_close_double, is_leading_elision, is_open_double, nested_close, open_len,
            pair_closes, pair_opens, plural_possessive, single_run_on,
        };
        use crate::analysis::quotes::Scanned;
        use crate::analysis::QuoteMarks;
        use crate::span::Span;

        fn scan_marks(text: &str, base: usize) -> Vec<Scanned> {
            let mut out = Vec::new();
            // The open quotation: (start byte, marks, whether opened by a straight mark).
            let mut open: Option<(usize, QuoteMarks)> = None;
            let mut chars = text.char_indices().peekable();
            let mut prev: Option<char> = None;
            // The last search for a closing single mark: (searched after, found at).
            // A later search that starts before what was found has the same answer,
            // so a line of unclosed `'word`s is scanned once, not once per mark.
            let mut single_close: Option<(usize, Option<usize>)> = None;
            // Past a nested quotation, the outer one's closing mark.
            let mut skip_to = 0;
            while let Some((i, c)) = chars.next() {
                if i < skip_to {
                    prev = Some(c);
                    continue;
                }
                let next = chars.peek().map(|&(_, n)| n);
                let after = i + c.len_utf8();
                match (open, c) {
                    // Double quotation marks.
                    (None, c) if is_open_double(c) => open = Some((i, QuoteMarks::Double)),
                    (None, '"') => {
                        let inch =
                            prev.is_some_and(|p| p.is_ascii_digit() || p == '\'' || p == '/');
                        let opens = next.is_some_and(|n| !n.is_whitespace());
                        if !inch && opens {
                            open = Some((i, QuoteMarks::Double));
                        }
                    }
                    (Some((s, QuoteMarks::Double)), c) if is_close_double(c) || c == '"' => {
                        out.push(close(base, s, i, after, QuoteMarks::Double));
                        open = None;
                    }
                    (None, '\'') if pair_opens(text, i, prev) => {
                        open = Some((i, QuoteMarks::Double));
                        skip_to = i + 2;
                    }
                    (Some((s, QuoteMarks::Double)), '\'')
                        if pair_closes(text, i, prev, || {
                            text[s..i].contains(" '") || text[s..i].contains('‘')
                        }) =>
                    {
                        out.push(close(base, s, i, i + 2, QuoteMarks::Double));
                        open = None;
                        skip_to = i + 2;
                    }
                    (Some((s, QuoteMarks::Double)), c)
                        if is_open_double(c) && prev.is_some_and(char::is_whitespace) =>
                    {
                        if let Some((at, end)) = nested_close(text, after) {
                            out.push(close(base, s, at, end, QuoteMarks::Double));
                            open = None;
                            skip_to = end;
                        } else {
                            // A new opening mark while one is open: the first was never closed.
                            out.push(close(base, s, i, i, QuoteMarks::Double));
                            open = Some((i, QuoteMarks::Double));
                        }
                    }
                    // Single quotation marks.
                    (None, '‘' | '\'') => {
                        let opening_context =
                            prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
                        let rest = &text[after..];
                        let starts_word = next.is_some_and(char::is_alphanumeric);
                        if opening_context && starts_word && !is_leading_elision(rest) {
                            // Only a quotation if a closing mark follows in the block,
                            // or it opens the block (a run-on from the previous one).
                            let closes = match single_close {
                                Some((from, found))
                                    if from <= after && found.is_none_or(|f| f > after) =>
                                {
                                    found.is_some()
                                }
                                _ => {
                                    let found = find_single_close(rest).map(|r| after + r);
                                    single_close = Some((after, found));
                                    found.is_some()
                                }
                            };
                            if closes
                                || i == 0 && c == '‘'
                                || c == '‘' && single_run_on(text, i, &out)
                            {
                                open = Some((i, QuoteMarks::Single));
                            }
                        }
                    }
                    (Some((s, QuoteMarks::Single)), '’' | '\'') => {
                        let closing_context = prev.is_some_and(|p| !p.is_whitespace())
                            && !next.is_some_and(char::is_alphanumeric);
                        if closing_context && !plural_possessive(text, i, after) {
                            out.push(close(base, s, i, after, QuoteMarks::Single));
                            open = None;
                        }
                    }
                    _ => {}
                }
                prev = Some(c);
            }
            if let Some((s, marks)) = open {
                let end = text.trim_end().len();
                if end > s + 1 {
                    out.push(Scanned {
                        span: Span::new(base + s, base + end),
                        inner: Span::new(base + s + open_len(text, s), base + end),
                        marks,
                        runs_on: true,
                    });
                }
            }
            out
        }

        fn find_single_close(rest: &str) -> Option<usize> {
            let mut prev: Option<char> = None;
            let mut it = rest.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                let next = it.peek().map(|&(_, n)| n);
                if matches!(c, '’' | '\'')
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && !next.is_some_and(char::is_alphanumeric)
                {
                    return Some(i);
                }
                prev = Some(c);
            }
            None
        }

        pub(crate) fn scan(text: &str, base: usize) -> Vec<Scanned> {
            let mut quotes = scan_marks(text, base);
            for q in &mut quotes {
                let rel = q.span.start - base;
                let w = open_len(text, rel);
                q.inner.start = (q.span.start + w).min(q.inner.end);
            }
            quotes
        }
    }

    /// A small deterministic generator (xorshift64*), so failures reproduce.
    pub(crate) struct Rng(pub u64);

    impl Rng {
        pub(crate) fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
        }
    }

    /// Random prose built from pieces that trouble quote and sentence
    /// scanning.
    pub(crate) fn awkward_text(rng: &mut Rng) -> String {
        const PIECES: &[&str] = &[
            "“", "”", "„", "«", "»", "‘", "’", "\"", "'", " ", " ", " ", "  ", "\n", ".", ". ",
            "!", "?", "…", ",", ":", "(", ")", "—", "–", "-", "/", "5", "90", "a", "He", "said",
            "Mr.", "U.S.", "p.m.", "J.", "The", "n", "em", "x", "é", "😀", "\u{a0}", "\u{2028}",
            "[", "*", "_",
        ];
        let n = rng.below(40);
        (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect()
    }

    #[test]
    fn mark_to_mark_scan_agrees_with_the_char_by_char_scan() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let text = awkward_text(&mut rng);
            assert_eq!(scan(&text, 7), reference::scan(&text, 7), "{text:?}");
        }
    }

    #[test]
    fn pairs_curly_straight_and_single_marks() {
        assert_eq!(
            inner("“Yes,” she said. \"No,\" he said."),
            vec!["Yes,", "No,"]
        );
        assert_eq!(
            inner("‘We are fixing them,’ she said."),
            vec!["We are fixing them,"]
        );
        assert_eq!(
            inner("He added: ‘My inbox is full.’"),
            vec!["My inbox is full."]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(
            inner("Don’t touch the ’90s rock ’n’ roll records of the students’ union.").is_empty()
        );
        assert!(inner("It isn't the Joneses' store; it's 'em.").is_empty());
        assert!(inner("He made the All-Star team in '21 and '23.").is_empty());
        // A plural's possessive inside a quotation in single marks, when
        // the quotation's own closing mark ends it a few words on.
        assert_eq!(
            inner("'We have wasted enough of the players' time': Ruiz ends the talks"),
            vec!["We have wasted enough of the players' time"]
        );
        assert_eq!(
            inner("They were ‘heroes’ in the fans’ eyes, and ‘villains’ to rivals."),
            vec!["heroes", "villains"]
        );
        assert_eq!(
            inner("‘It isn’t enough, and I won’t pretend it is.’"),
            vec!["It isn’t enough, and I won’t pretend it is."]
        );
    }

    #[test]
    fn two_apostrophes_typed_for_a_double_mark_pair_like_one() {
        assert_eq!(
            inner("Reports of a shooting in ''The Village\" or at \"The Village'' led nowhere."),
            vec!["The Village", "The Village"]
        );
        assert_eq!(
            inner("Police ordered it ''locked down'' at noon."),
            vec!["locked down"]
        );
        let q = scan("''We will win.", 0);
        assert_eq!(q.len(), 1);
        assert!(q[0].runs_on);
        assert_eq!(q[0].inner.slice("''We will win."), "We will win.");
        // Apostrophes stay apostrophes, next to a pair or not.
        assert!(inner("rock 'n' roll in the '90s; 'tis the players'' union").is_empty());
        assert!(inner("written by '''Claire Galofaro''' of the AP").is_empty());
        assert!(inner("the players'' time, and it''s late").is_empty());
        // A possessive plural before a single closing mark: the single
        // quotation ends there (its first mark taken for the close, as
        // before), and inside double marks the pair does not close them.
        assert_eq!(
            inner("'We thank the players''"),
            vec!["We thank the players"]
        );
        assert_eq!(
            inner("\"She called it 'a win for the players''.\""),
            vec!["She called it 'a win for the players''."]
        );
    }

    #[test]
    fn inch_and_foot_marks_are_not_quotes() {
        assert!(inner("Fontenot, who is 5'4\" and 13\" tall, wept.").is_empty());
        assert_eq!(
            inner("Dawkins, a 6'2\" senior, said \"We won it.\""),
            vec!["We won it."]
        );
    }

    #[test]
    fn nested_quotes_belong_to_the_outer_quote() {
        assert_eq!(
            inner("\"Where does it end? Next year it's 'To Kill a Mockingbird.'\""),
            vec!["Where does it end? Next year it's 'To Kill a Mockingbird.'"]
        );
    }

    #[test]
    fn nested_double_marks_nest_only_when_they_balance() {
        let text = "“We were flagged for a so-called “sneaky redirect” on a few pages.”";
        assert_eq!(
            inner(text),
            vec!["We were flagged for a so-called “sneaky redirect” on a few pages."]
        );
        // The first never closed: two quotations, the first cut short.
        assert_eq!(
            inner("“Yes, he said. “No,” she said."),
            vec!["Yes, he said. ", "No,"]
        );
        assert_eq!(
            inner("“Yes, he said. “No,” she said. “Maybe.”"),
            vec!["Yes, he said. ", "No,", "Maybe."]
        );
    }

    #[test]
    fn unclosed_quote_runs_on() {
        let text = "\"You did not,\" he said. \"You took it from people.";
        let q = scan(text, 0);
        assert_eq!(q.len(), 2);
        assert!(!q[0].runs_on);
        assert!(q[1].runs_on);
        assert_eq!(q[1].inner.slice(text), "You took it from people.");
    }

    #[test]
    fn unclosed_single_quote_runs_on_after_single_quoted_speech() {
        // British style: the second sentence's quotation runs on into the
        // next paragraph; `I’ve` and `you’ll` are apostrophes.
        let text = "‘We had two buyers,’ she said. ‘I’ve told one, you’ll have to wait.";
        let q = scan(text, 0);
        assert_eq!(q.len(), 2);
        assert!(q[1].runs_on);
        assert_eq!(
            q[1].inner.slice(text),
            "I’ve told one, you’ll have to wait."
        );
        // Not without single-quoted speech before it, nor mid-sentence.
        assert_eq!(
            scan("She said so. ‘I’ve told one, you’ll wait.", 0).len(),
            0
        );
        assert_eq!(
            scan("‘Yes,’ she said, ‘I’ve told one, you’ll wait.", 0).len(),
            1
        );
    }

    #[test]
    fn stray_single_marks_without_a_close_are_apostrophes() {
        assert!(inner("the 'spikes in cases were real").is_empty());
        assert_eq!(inner("As COVID ‘spikes’ rise"), vec!["spikes"]);
    }
}
