//! The word lists under `data/promo/` as regular expressions: phrase lists
//! turned into one case-insensitive alternation. The lists themselves are
//! read by the engine's one lexicon loader ([`crate::lexicon::section`]).
//!
//! Only static, compiled-in text comes through here, so a list that does not
//! compile is a bug in the data caught by the tests, never a user's input.

use regex::Regex;

/// A phrase as written in a list, as a regex fragment: a space matches any
/// run of whitespace (soft line breaks, blanked markup) and a straight
/// apostrophe matches a curly one too.
pub(super) fn fragment(entry: &str) -> String {
    spaced(entry, r"\s+")
}

/// A phrase as the literal prefilter reads it (see [`super::filter`]):
/// like [`fragment`], but a space stays one space, for text whose
/// whitespace runs have each been made one space.
pub(super) fn literal_form(entry: &str) -> String {
    spaced(entry, " ")
}

fn spaced(entry: &str, space: &str) -> String {
    let mut out = String::with_capacity(entry.len() + 8);
    let mut in_class = false;
    for c in entry.chars() {
        match c {
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            ' ' if !in_class => out.push_str(space),
            '\'' if !in_class => out.push_str("['’]"),
            '\'' => out.push_str("'’"),
            _ => out.push(c),
        }
    }
    out
}

/// One alternation of fragments, each in its own non-capturing group.
pub(super) fn alternation<'e>(items: impl IntoIterator<Item = &'e str>) -> String {
    items
        .into_iter()
        .map(|e| format!("(?:{})", fragment(e)))
        .collect::<Vec<_>>()
        .join("|")
}

/// A case-insensitive matcher for any of the phrases, as whole words.
pub(super) fn phrases<'e>(items: impl IntoIterator<Item = &'e str>) -> Regex {
    build(&format!(r"(?i){START}(?:{}){END}", alternation(items)))
}

/// Compile a pattern made from the compiled-in lists.
///
/// Word boundaries are made ASCII (`(?-u:\b)`): a Unicode `\b` makes the
/// regex engine give up its fast lazy DFA on any non-ASCII text (every
/// curly quote and em dash), which made these scans the slowest part of a
/// check. The phrases are English; an accented letter next to one counts as
/// a boundary, which is harmless here.
pub(super) fn build(pattern: &str) -> Regex {
    let pattern = ascii_boundaries(pattern);
    regex::RegexBuilder::new(&pattern)
        .size_limit(1 << 24)
        .build()
        .unwrap_or_else(|e| panic!("data/promo list does not compile: {e}"))
}

/// `\b`, `\b{start-half}` and `\b{end-half}` in `pattern`, made ASCII.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let esc = &rest[i..];
        let (boundary, len) = if let Some(tail) = esc.strip_prefix("\\b{") {
            match tail.find('}') {
                Some(j) => (true, 3 + j + 1),
                None => (false, 2),
            }
        } else if esc.starts_with("\\b") {
            (true, 2)
        } else {
            // Any other escape, kept whole (so `\\b` stays a literal).
            (false, esc.chars().nth(1).map_or(1, |c| 1 + c.len_utf8()))
        };
        if boundary {
            out.push_str("(?-u:");
            out.push_str(&esc[..len]);
            out.push(')');
        } else {
            out.push_str(&esc[..len]);
        }
        rest = &esc[len..];
    }
    out.push_str(rest);
    out
}

/// A phrase starts here: no word character just before. Unlike `\b` it
/// also holds before a phrase that starts with `$`.
pub(super) const START: &str = r"\b{start-half}";

/// A phrase ends here: no word character just after. Unlike `\b` it also
/// holds after a phrase that ends with `%`.
pub(super) const END: &str = r"\b{end-half}";

/// Where clauses start: the start of the text, or after sentence or clause
/// punctuation, then any non-letters (emoji, blanked emphasis, an opening
/// bracket). Put before a group of phrases.
pub(super) const CLAUSE_START: &str = r"(?:^|[.?!:;—–(\[]|\s-\s)[^\p{L}\p{N}]*?";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_allow_whitespace_runs_and_curly_apostrophes() {
        let re = phrases(["don't miss"]);
        assert!(re.is_match("Don’t   miss"));
        assert!(re.is_match("DON'T\nmiss"));
        assert!(!re.is_match("dont miss"));
    }

    #[test]
    fn boundaries_become_ascii() {
        assert_eq!(
            ascii_boundaries(r"\bcode\b{end-half}\\b\d"),
            r"(?-u:\b)code(?-u:\b{end-half})\\b\d"
        );
        assert!(phrases(["save big"]).is_match("“Save big” now"));
    }

    #[test]
    fn phrases_may_start_and_end_with_symbols() {
        let re = phrases([r"\$\d+ off", r"save \d+%"]);
        assert!(re.is_match("take $20 off now"));
        assert!(re.is_match("save 20% on"));
        assert!(!re.is_match("save 20%x"));
        assert!(!re.is_match("x$20 off"));
    }
}
