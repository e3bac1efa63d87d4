//! Splits a sentence into tokens the way UD English writes them: punctuation
//! apart, clitics (`n't 's 're 'll 've 'd 'm`, with `'` or `’`) apart,
//! hyphenated words, numbers (`1,000.50`, `3:30`), dotted abbreviations
//! (`U.S.`, `Dr.`), URLs and e-mail addresses whole.
//!
//! Works on byte offsets into the text and never allocates beyond the output
//! vector. Every step moves forward by at least one character, and each
//! character is looked at a bounded number of times, so time is linear.

use std::sync::LazyLock;

/// A token's place in the text: byte offsets, end-exclusive, always on
/// `char` boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn word_list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

static ABBREVIATIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/abbreviations.txt")));
static TLDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/tlds.txt")));
/// `(word, first part)` pairs: "cannot" is "can" + "not".
static SPLITS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    word_list(include_str!("../data/splits.txt"))
        .into_iter()
        .filter_map(|l| l.split_once(' '))
        .map(|(w, p)| (w.trim(), p.trim()))
        .collect()
});

/// Splits `text` into tokens, appending their spans to `out` (which is not
/// cleared). Text beyond `u32::MAX` bytes is not tokenized.
pub fn tokenize(text: &str, out: &mut Vec<Span>) {
    let mut len = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(len) {
        len -= 1;
    }
    let text = &text[..len];
    let mut i = 0;
    while i < len {
        let (space, n) = space_at(text, i);
        if space {
            i += n;
            continue;
        }
        let start = i;
        while i < len {
            let (space, n) = space_at(text, i);
            if space {
                break;
            }
            i += n;
        }
        split_chunk(text, start, i, out);
    }
}

/// Whether the char at byte `i` separates tokens, and its length; ASCII
/// (most text) without decoding: the ASCII chars `is_space` accepts are
/// the controls and the space.
#[inline]
fn space_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => (b <= 0x20 || b == 0x7f, 1),
        _ => {
            let c = char_at(text, i);
            (is_space(c), c.len_utf8())
        }
    }
}

/// The char starting at byte `i` (callers only pass boundaries below the
/// length); U+FFFD otherwise, so a slip can never panic.
#[inline]
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => char::from(b),
        _ => text
            .get(i..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{FFFD}'),
    }
}

/// The char ending at byte `i`.
#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        _ => text.get(..i).and_then(|s| s.chars().next_back()),
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

/// Combining marks and emoji modifiers: they belong to the char before them.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200D}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '`'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{2039}'
            | '\u{00BF}'
            | '\u{00A1}'
            | '\u{2019}'
            | '\u{201D}'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{00BB}'
            | '\u{203A}'
            | '\u{2026}'
    )
}

fn push(out: &mut Vec<Span>, start: usize, end: usize) {
    if start < end {
        out.push(Span {
            start: start as u32,
            end: end as u32,
        });
    }
}

/// One whitespace-delimited chunk `text[s..e]`.
fn split_chunk(text: &str, mut s: usize, mut e: usize, out: &mut Vec<Span>) {
    // Most chunks are plain ASCII words: one token, unless UD splits the
    // word ("cannot"). The general path below gives the same.
    let chunk = &text.as_bytes()[s..e];
    if chunk
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        && !(chunk.len() <= 8
            && SPLITS
                .iter()
                .any(|(w, _)| w.as_bytes().eq_ignore_ascii_case(chunk)))
    {
        push(out, s, e);
        return;
    }
    // Opening punctuation, one token per char.
    while s < e {
        let c = char_at(text, s);
        if !is_opening(c) {
            break;
        }
        let rest = &text[s..e];
        if is_apostrophe(c) {
            let next = char_at(text, s + c.len_utf8());
            // '90s, and a clitic standing alone ("Ruiz 's") stay whole.
            if (s + c.len_utf8() < e && next.is_ascii_digit())
                || clitic_len(rest) == Some(rest.len())
            {
                break;
            }
        }
        push(out, s, s + c.len_utf8());
        s += c.len_utf8();
    }
    if s >= e {
        return;
    }

    // A URL keeps its own punctuation up to the last char that is not
    // trailing punctuation (a closing parenthesis only if one opened inside).
    if looks_like_url(&text[s..e]) {
        let url_end = url_end(text, s, e);
        push(out, s, url_end);
        scan_core(text, url_end, e, out);
        return;
    }

    // Closing punctuation, peeled from the end; pushed now, then rotated
    // behind the core's tokens.
    let mark = out.len();
    let mut keep_dot = false;
    while s < e {
        let Some(c) = char_before(text, e) else { break };
        if c == '.' {
            let mut run = e - 1;
            while run > s && text.as_bytes()[run - 1] == b'.' {
                run -= 1;
            }
            if e - run >= 2 {
                push(out, run, e);
                e = run;
                continue;
            }
            if is_abbreviation(&text[s..e - 1]) {
                keep_dot = true;
                e -= 1;
                break;
            }
            push(out, e - 1, e);
            e -= 1;
            continue;
        }
        if is_closing(c) {
            // A run of the same mark ("!!!", "??") is one token.
            let mut run = e - c.len_utf8();
            while run > s && char_before(text, run) == Some(c) {
                run -= c.len_utf8();
            }
            push(out, run, e);
            e = run;
            continue;
        }
        break;
    }
    out[mark..].reverse();
    let trailing = out.len() - mark;

    if s < e {
        split_core(text, s, e, out);
        // The abbreviation's period joins the word it ends.
        if keep_dot {
            let core_tokens = out.len() > mark + trailing;
            match out.last_mut() {
                Some(last) if core_tokens && last.end as usize == e => last.end += 1,
                _ => push(out, e, e + 1),
            }
        }
    }
    out[mark..].rotate_left(trailing);
}

fn looks_like_url(chunk: &str) -> bool {
    let head = chunk.get(..chunk.len().min(12)).unwrap_or("");
    let lower = |p: &str| {
        head.len() >= p.len() && head.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    lower("http://") || lower("https://") || lower("ftp://") || lower("www.")
}

fn url_end(text: &str, s: usize, mut e: usize) -> usize {
    let opens = text[s..e].bytes().filter(|&b| b == b'(').count();
    let mut closes = text[s..e].bytes().filter(|&b| b == b')').count();
    while e > s {
        let Some(c) = char_before(text, e) else { break };
        let strip = match c {
            ')' => closes > opens,
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '\u{201D}' | '\u{2019}' | ']'
            | '}' | '>' => true,
            _ => false,
        };
        if !strip {
            break;
        }
        if c == ')' {
            closes -= 1;
        }
        e -= c.len_utf8();
    }
    e
}

/// `core` is what is left of `X.` once the period is taken off: does the
/// period belong to it?
fn is_abbreviation(core: &str) -> bool {
    if core.is_empty() || core.len() > 24 {
        return false;
    }
    let mut chars = core.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial: "J."
    if chars.next().is_none() {
        return first.is_alphabetic();
    }
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(core)) {
        return true;
    }
    // Dotted letter groups: "U.S", "e.g", "Ph.D".
    core.contains('.')
        && core
            .split('.')
            .all(|seg| !seg.is_empty() && seg.len() <= 3 && seg.chars().all(char::is_alphabetic))
}

fn is_email(core: &str) -> bool {
    let Some((user, host)) = core.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.ends_with('.')
        && !host.starts_with('.')
        && user
            .chars()
            .all(|c| is_word_char(c) || matches!(c, '.' | '-' | '+'))
        && host
            .chars()
            .all(|c| is_word_char(c) || matches!(c, '.' | '-'))
}

/// The length in bytes of a clitic standing at the start of `s` if `s` is
/// exactly one (`'s`, `’ll`), else `None`.
fn clitic_len(s: &str) -> Option<usize> {
    let c = s.chars().next()?;
    if !is_apostrophe(c) {
        return None;
    }
    let rest = &s[c.len_utf8()..];
    ["s", "m", "d", "re", "ve", "ll"]
        .iter()
        .find(|k| k.eq_ignore_ascii_case(rest))
        .map(|_| s.len())
}

/// The word inside the punctuation: split off a final clitic, then scan.
fn split_core(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let core = &text[s..e];
    if is_email(core) {
        push(out, s, e);
        return;
    }
    if core.len() <= 8 {
        if let Some((w, first)) = SPLITS.iter().find(|(w, _)| w.eq_ignore_ascii_case(core)) {
            if w.len() == core.len() {
                push(out, s, s + first.len());
                push(out, s + first.len(), e);
                return;
            }
        }
    }
    let cut = clitic_start(core).map(|k| s + k);
    match cut {
        Some(cut) if cut > s => {
            scan_core(text, s, cut, out);
            push(out, cut, e);
        }
        _ => scan_core(text, s, e, out),
    }
}

/// Where a final clitic starts in `core`, if it ends in one after a letter
/// or digit: "don't" → 2 ("do" + "n't"), "Ruiz's" → 4.
fn clitic_start(core: &str) -> Option<usize> {
    let b = core.as_bytes();
    // "n't" / "n’t"
    for apos in ["'", "\u{2019}"] {
        let tail_len = 1 + apos.len() + 1;
        if b.len() > tail_len {
            let tail = &core.as_bytes()[b.len() - tail_len..];
            if tail[0].eq_ignore_ascii_case(&b'n')
                && &tail[1..1 + apos.len()] == apos.as_bytes()
                && tail[tail_len - 1].eq_ignore_ascii_case(&b't')
            {
                let cut = b.len() - tail_len;
                if core.is_char_boundary(cut)
                    && char_before(core, cut).is_some_and(char::is_alphabetic)
                {
                    return Some(cut);
                }
            }
        }
    }
    for apos in ["'", "\u{2019}"] {
        for k in ["s", "m", "d", "re", "ve", "ll"] {
            let tail_len = apos.len() + k.len();
            if b.len() <= tail_len {
                continue;
            }
            let cut = b.len() - tail_len;
            let tail = &b[cut..];
            if &tail[..apos.len()] == apos.as_bytes()
                && tail[apos.len()..].eq_ignore_ascii_case(k.as_bytes())
                && core.is_char_boundary(cut)
                && char_before(core, cut).is_some_and(char::is_alphanumeric)
            {
                return Some(cut);
            }
        }
    }
    None
}

/// Scans `text[s..e]` into words (with their inner hyphens, apostrophes,
/// number separators and abbreviation dots) and punctuation marks.
fn scan_core(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let mut i = s;
    while i < e {
        let c = char_at(text, i);
        let cl = c.len_utf8();
        if is_mark(c) {
            // A mark continues the token just before it when they touch.
            if let Some(last) = out.last_mut() {
                if last.end as usize == i && last.start as usize >= s {
                    last.end = (i + cl) as u32;
                    i += cl;
                    continue;
                }
            }
            push(out, i, i + cl);
            i += cl;
            continue;
        }
        // '90s: an apostrophe before a digit starts the word.
        let elided_digit = is_apostrophe(c) && i + cl < e && char_at(text, i + cl).is_ascii_digit();
        if !is_word_char(c) && !elided_digit {
            let mut j = i + cl;
            while j < e && char_at(text, j) == c {
                j += cl;
            }
            push(out, i, j);
            i = j;
            continue;
        }
        let mut j = i + cl;
        let mut seg_chars = 1usize; // chars since the token start or the last '.'
        let mut prev = c;
        while j < e {
            let d = char_at(text, j);
            let dl = d.len_utf8();
            if is_word_char(d) {
                j += dl;
                seg_chars += 1;
                prev = d;
                continue;
            }
            if j + dl >= e {
                break;
            }
            let n = char_at(text, j + dl);
            let joins = match d {
                '-' | '\u{2010}' | '\u{2011}' => is_word_char(n),
                '\'' | '\u{2019}' => prev.is_alphabetic() && n.is_alphabetic(),
                '.' => {
                    (prev.is_ascii_digit() && n.is_ascii_digit())
                        || (prev.is_alphabetic() && n.is_alphabetic() && seg_chars <= 2)
                        || (prev.is_alphanumeric()
                            && n.is_alphabetic()
                            && tld_follows(text, j + dl, e))
                }
                ',' | ':' | '/' => prev.is_ascii_digit() && n.is_ascii_digit(),
                '&' => prev.is_uppercase() && n.is_uppercase(),
                _ => false,
            };
            if !joins {
                break;
            }
            seg_chars = if d == '.' { 1 } else { seg_chars + 1 };
            j += dl + n.len_utf8();
            prev = n;
        }
        push(out, i, j);
        i = j;
    }
}

fn tld_follows(text: &str, at: usize, e: usize) -> bool {
    // Only the first five chars matter: no ending is longer than four.
    let rest = &text[at..e];
    let mut end = rest.len();
    for (n, (k, c)) in rest.char_indices().enumerate() {
        if n > 4 || !c.is_alphanumeric() {
            end = k;
            break;
        }
    }
    let word = &rest[..end];
    word.len() <= 4 && TLDS.iter().any(|t| t.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcut must agree with `is_space` on every char it takes.
    #[test]
    fn ascii_space_shortcut_equals_is_space() {
        for b in 0u8..0x80 {
            let s = (b as char).to_string();
            assert_eq!(space_at(&s, 0), (is_space(b as char), 1), "{b:#x}");
        }
        for s in ["\u{85}", "\u{a0}", "\u{200b}", "\u{2029}", "é", "’"] {
            let c = s.chars().next().unwrap();
            assert_eq!(space_at(s, 0), (is_space(c), s.len()), "{s:?}");
        }
    }
}
