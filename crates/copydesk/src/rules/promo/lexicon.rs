//! The word lists under `data/promo/` as regular expressions: phrase lists
//! turned into one case-insensitive alternation. The lists themselves are
//! read by the engine's one lexicon loader ([`crate::lexicon::section`]).
//!
//! Only static, compiled-in text comes through here, so a list that does not
//! compile is a bug in the data caught by the tests, never a user's input.

use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::Input;

use std::sync::LazyLock;

use super::direct::Template;
use crate::lexicon::{engine, spaced_phrase, Found};
use crate::span::Span;

/// A phrase as written in a list, as a regex fragment: a space matches any
/// run of whitespace (soft line breaks, blanked markup) and a straight
/// apostrophe matches a curly one too.
pub(super) fn fragment(entry: &str) -> String {
    spaced_phrase(entry, r"\s+")
}

/// A phrase as the literal prefilter reads it (see [`super::filter`]):
/// like [`fragment`], but a space stays one space, for text whose
/// whitespace runs have each been made one space.
pub(super) fn literal_form(entry: &str) -> String {
    spaced_phrase(entry, " ")
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
///
/// Its syntax tree is built from the phrases' where it can be
/// ([`super::direct`]): the same tree as [`phrases_pattern`]'s, parsed.
pub(super) fn phrases<'e>(items: impl IntoIterator<Item = &'e str>) -> Regex {
    static TEMPLATE: LazyLock<Option<Template>> =
        LazyLock::new(|| Template::new(|s| format!(r"(?i){START}(?:{}){END}", s[0]), 1));
    let items: Vec<&str> = items.into_iter().collect();
    let pattern = || phrases_pattern(items.iter().copied());
    // No phrase is an empty group, not a slot that matches nothing.
    let built = (!items.is_empty())
        .then(|| {
            let entries = items
                .iter()
                .map(|e| super::direct::entry(&fragment(e)))
                .collect::<Option<Vec<_>>>()?;
            TEMPLATE.as_ref()?.fill(vec![entries])
        })
        .flatten();
    match built {
        Some(hir) => from_built(hir, pattern),
        None => build(&pattern()),
    }
}

/// [`from_hir`] of a tree built by [`super::direct`] for `pattern`; the
/// tests check, for every such regex they compile, that it is the tree
/// `pattern` parses to.
pub(super) fn from_built(hir: regex_syntax::hir::Hir, pattern: impl Fn() -> String) -> Regex {
    #[cfg(test)]
    assert_eq!(hir, super::direct::parse(&pattern()), "{}", pattern());
    from_hir(hir, || ascii_boundaries(&pattern()))
}

/// The pattern [`phrases`] compiles.
pub(super) fn phrases_pattern<'e>(items: impl IntoIterator<Item = &'e str>) -> String {
    format!(r"(?i){START}(?:{}){END}", alternation(items))
}

/// The ASCII characters a match of `pattern` may hold, by byte: no match
/// reaches across any other (a full stop, say, for a list of phrases).
/// Read from the pattern's syntax tree: every character a match holds is
/// one of a literal's or a class's, and in UTF-8 an ASCII byte is only
/// ever an ASCII character.
pub(super) fn ascii_alphabet(pattern: &str) -> [bool; 128] {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(hir: &Hir, set: &mut [bool; 128]) {
        let mut mark = |lo: u32, hi: u32| {
            for b in lo..=hi.min(127) {
                set[b as usize] = true;
            }
        };
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(lit) => lit.0.iter().for_each(|&b| mark(b.into(), b.into())),
            HirKind::Class(Class::Unicode(c)) => c
                .iter()
                .for_each(|r| mark(r.start().into(), r.end().into())),
            HirKind::Class(Class::Bytes(c)) => c
                .iter()
                .for_each(|r| mark(r.start().into(), r.end().into())),
            HirKind::Repetition(r) => walk(&r.sub, set),
            HirKind::Capture(c) => walk(&c.sub, set),
            HirKind::Concat(all) | HirKind::Alternation(all) => {
                all.iter().for_each(|h| walk(h, set))
            }
        }
    }
    let hir = regex_syntax::parse(&ascii_boundaries(pattern))
        .unwrap_or_else(|e| panic!("data/promo list does not parse: {e}"));
    let mut set = [false; 128];
    walk(&hir, &mut set);
    set
}

/// Compile a pattern made from the compiled-in lists.
///
/// Word boundaries are made ASCII (`(?-u:\b)`): a Unicode `\b` makes the
/// regex engine give up its fast lazy DFA on any non-ASCII text (every
/// curly quote and em dash), which made these scans the slowest part of a
/// check. The phrases are English; an accented letter next to one counts as
/// a boundary, which is harmless here.
///
/// Its syntax tree is built by [`super::direct::pattern`] where it can be:
/// the same tree as the parser's.
pub(super) fn build(pattern: &str) -> Regex {
    match super::direct::pattern(pattern) {
        Some(hir) => from_built(hir, || pattern.to_owned()),
        None => from_hir(super::direct::parse(pattern), || ascii_boundaries(pattern)),
    }
}

/// [`build`] from the pattern's syntax tree (as `super::direct::parse`
/// gives it, or built equal to it); `pattern` is read by the tests only.
pub(super) fn from_hir(hir: regex_syntax::hir::Hir, pattern: impl FnOnce() -> String) -> Regex {
    // As `regex::RegexBuilder::new(..).size_limit(1 << 24)` configures the
    // same engine, less the literal prefilter it would extract (see
    // [`Regex`]), the one-pass DFA and a full DFA (which `meta` would
    // determinize ahead of any search for a list small enough, an NFA of
    // at most 30 states; the lazy DFA finds the same matches).
    let re = engine::Regex::new(
        hir,
        engine::Options {
            which_captures: WhichCaptures::All,
            backtrack: true,
            nfa_size_limit: 1 << 24,
            cache_capacity: 2 * (1 << 20),
        },
    )
    .unwrap_or_else(|e| panic!("data/promo list does not compile: {e}"));
    #[cfg(not(test))]
    let _ = pattern;
    Regex {
        re,
        #[cfg(test)]
        pattern: pattern(),
    }
}

/// A promo list's regex: `regex::Regex`'s matches and capture groups, the
/// same engine (`regex_automata`'s, as `meta` runs it), built without a
/// literal prefilter of its own and with its reverse automaton only when
/// a match's start is first needed ([`engine`]). Every promo regex runs
/// only on text where the promo lists' one Aho-Corasick pass has already
/// found a candidate entry ([`super::filter`]), and extracting a prefilter
/// from a list of case-insensitive phrases was about a quarter of
/// compiling one (the promo lists were a quarter of a fresh process's
/// first check).
pub(super) struct Regex {
    re: engine::Regex,
    #[cfg(test)]
    pattern: String,
}

/// The capture groups of one match (see `regex::Captures`).
pub(super) struct Captures<'t> {
    text: &'t str,
    caps: regex_automata::util::captures::Captures,
}

impl<'t> Captures<'t> {
    fn found(&self, span: Option<regex_automata::Span>) -> Option<Found<'t>> {
        span.map(|s| Found::new(self.text, s.start, s.end))
    }

    /// Group `i`; group 0 is the whole match.
    #[cfg(test)]
    pub fn get(&self, i: usize) -> Option<Found<'t>> {
        self.found(self.caps.get_group(i))
    }

    pub fn name(&self, name: &str) -> Option<Found<'t>> {
        self.found(self.caps.get_group_by_name(name))
    }
}

impl Regex {
    #[cfg(test)]
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Build the reverse automaton ahead of the first match whose start
    /// is needed (see [`super::build_reverses`]).
    pub fn build_reverse(&self) {
        self.re.build_reverse();
    }

    pub fn is_match(&self, text: &str) -> bool {
        crate::meter::searched(text);
        self.re.is_match(Input::new(text))
    }

    /// The first match lying within `range` of `text` (whose bytes
    /// around it still count for `\b`); `range` is clamped to the text.
    pub fn find_within(&self, text: &str, range: std::ops::Range<usize>) -> Option<Span> {
        let end = range.end.min(text.len());
        let range = range.start.min(end)..end;
        crate::meter::searched(text.get(range.clone()).unwrap_or(""));
        let input = Input::new(text).range(range);
        self.re.find(input).map(|m| Span::new(m.start(), m.end()))
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        crate::meter::searched(text);
        self.re
            .find(Input::new(text))
            .map(|m| Found::new(text, m.start(), m.end()))
    }

    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 'r
    where
        't: 'r,
    {
        crate::meter::searched(text);
        self.re
            .find_iter(text)
            .map(move |m| Found::new(text, m.start(), m.end()))
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        crate::meter::searched(text);
        let mut caps = self.re.create_captures();
        self.re.captures(Input::new(text), &mut caps);
        caps.is_match().then_some(Captures { text, caps })
    }

    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        crate::meter::searched(text);
        self.re
            .captures_iter(text)
            .map(move |caps| Captures { text, caps })
    }
}

/// `\b`, `\b{start-half}` and `\b{end-half}` in `pattern`, made ASCII.
pub(super) fn ascii_boundaries(pattern: &str) -> String {
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
/// bracket). Put before a group of phrases, in a case-insensitive pattern.
///
/// The non-letters are `(?i)[^\p{L}\p{N}]`, written without the case
/// folding: folding every letter's cases into `\p{L}` adds one character,
/// U+0345 (a combining mark whose case folds to ι), and cost about 0.7 M
/// instructions each time a list using it was compiled (a tenth of
/// compiling some). The tests check that every promo pattern parses as
/// with the folded class.
pub(super) const CLAUSE_START: &str = r"(?:^|[.?!:;—–(\[]|\s-\s)(?-i:[^\p{L}\p{N}\x{345}])*?";

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

    /// Every list's whole regex and the code patterns.
    fn every_pattern() -> Vec<String> {
        let mut patterns: Vec<String> = super::super::FILTERS
            .families()
            .iter()
            .map(|f| f.full_pattern())
            .collect();
        patterns.push(super::super::code::CODE_PATTERN.to_owned());
        patterns.push(super::super::code::AT_CHECKOUT_PATTERN.to_owned());
        patterns
    }

    /// [`CLAUSE_START`] and the plug labels' lead spell out the class that
    /// case folding makes of `[^\p{L}\p{N}]`: every promo pattern parses
    /// to the same tree with the class as first written.
    #[test]
    fn unfolded_classes_are_the_folded_ones() {
        let first_written = [
            (r"(?-i:[^\p{L}\p{N}\x{345}])", r"[^\p{L}\p{N}]"),
            (r"(?-i:[^\p{L}\p{N}\x{345}&])", r"[^\p{L}\p{N}&]"),
        ];
        let mut changed = 0;
        for p in every_pattern() {
            let mut was = p.clone();
            for (now, then) in first_written {
                was = was.replace(now, then);
            }
            if was != p {
                changed += 1;
                let parse = |p: &str| regex_syntax::parse(&ascii_boundaries(p)).unwrap();
                assert_eq!(parse(&p), parse(&was), "{p}");
            }
        }
        assert!(changed >= 5, "only {changed} patterns read the class");
    }

    /// The promo regexes find what `regex::Regex` built from the same
    /// pattern finds, with the same capture groups: every list's whole
    /// regex and the code patterns, over every line of the long draft as
    /// written and in upper case, and a few lines written to match.
    #[test]
    fn regexes_find_what_regex_finds() {
        let patterns = every_pattern();
        let draft = include_str!("../../../../../benches/data/draft-10k.md");
        let mut texts: Vec<String> = [
            "Use code SAVE20 at checkout for 20% off.",
            "Sponsored content: brought to you by Acme. Subscribe to our newsletter!",
            "Click here to sign up — don’t miss out. Follow us on Twitter.",
        ]
        .map(String::from)
        .to_vec();
        for line in draft.lines() {
            texts.extend([line.to_owned(), line.to_uppercase()]);
        }
        let mut matched = 0;
        for p in &patterns {
            let got = build(p);
            let want = regex::RegexBuilder::new(&ascii_boundaries(p))
                .size_limit(1 << 24)
                .build()
                .unwrap();
            for t in &texts {
                assert_eq!(got.is_match(t), want.is_match(t), "{p} on {t:?}");
                let n = want.captures_len();
                let groups = |get: &dyn Fn(usize) -> Option<(usize, usize)>| {
                    (0..n).map(get).collect::<Vec<_>>()
                };
                let g: Vec<_> = got
                    .captures_iter(t)
                    .map(|c| groups(&|i| c.get(i).map(|m| (m.start(), m.end()))))
                    .collect();
                let w: Vec<_> = want
                    .captures_iter(t)
                    .map(|c| groups(&|i| c.get(i).map(|m| (m.start(), m.end()))))
                    .collect();
                assert_eq!(g, w, "{p} on {t:?}");
                for name in want.capture_names().flatten() {
                    assert_eq!(
                        got.captures(t)
                            .and_then(|c| c.name(name))
                            .map(|m| m.range()),
                        want.captures(t)
                            .and_then(|c| c.name(name))
                            .map(|m| m.range()),
                    );
                }
                let f: Vec<_> = got.find_iter(t).map(|m| m.range()).collect();
                let fw: Vec<_> = want.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(f, fw, "{p} on {t:?}");
                matched += w.len();
            }
        }
        assert!(
            matched > 20,
            "only {matched} matches: the test reads too little"
        );
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
