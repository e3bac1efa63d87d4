//! The necessary literals of a regular expression, read from its syntax
//! tree (see [`super::prefilter`]): std and `regex-syntax` only, so that
//! `build.rs` includes this same file to read the compiled-in patterns'
//! literals ahead of time (see `lexicon::prebuilt`), and a fresh process
//! does not parse them again. Whatever is read here at build time is what
//! the engine would read at run time: the table is keyed by the pattern.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Literal strings per set, and per alternation or product while building.
const MAX_SET: usize = 128;
/// Literal strings in the union of an alternation's sets: these are only
/// searched for, never multiplied, and the automaton takes thousands.
const MAX_UNION: usize = 4096;
/// Members of a character class expanded into strings of their own.
const MAX_CLASS: usize = 8;
/// Bytes in the shortest literal worth searching for.
const MIN_LITERAL: usize = 2;
/// A literal this long rarely occurs by chance: past it, fewer literals
/// beat longer ones.
const SELECTIVE: usize = 8;

pub type Set = Vec<Vec<u8>>;

/// What a prefilter reads of a pattern: whether it is a few whole words
/// (see [`whole_words`]; its literals are then every string it matches),
/// and its literals, `None` when it has none worth searching for (a gate
/// stands in). Panics on a pattern that does not parse: the patterns are
/// compiled-in data, and the tests build every set.
pub fn of_pattern(pattern: &str) -> (bool, Option<Set>) {
    match plain(pattern) {
        Some(literal) => (false, literal),
        None => parsed(pattern),
    }
}

/// [`of_pattern`] by way of the pattern's syntax tree.
fn parsed(pattern: &str) -> (bool, Option<Set>) {
    let hir = regex_syntax::parse(pattern)
        .unwrap_or_else(|e| panic!("data file holds a bad regular expression: {e}"));
    match whole_words(&hir) {
        Some(set) => (true, Some(set)),
        None => (false, necessary_literals(&hir)),
    }
}

/// What [`of_pattern`] reads of a pattern with no metacharacter, without
/// parsing it: such a pattern matches itself only, and `regex-syntax` reads
/// it as one literal (it joins adjacent characters), so its literal is
/// itself folded, when long enough; it has no `\b`, so it is not whole
/// words. `None` for any other pattern (`-`, `#`, `&` and `~` count as
/// metacharacters here, though they only are inside a class).
///
/// Most promo list entries are plain phrases (`read more`, `buy now`):
/// they need neither a parse at start-up nor a row in the table `build.rs`
/// reads ahead of time (see `lexicon::prebuilt`).
pub(crate) fn plain(pattern: &str) -> Option<Option<Set>> {
    if pattern.chars().any(regex_syntax::is_meta_character) {
        return None;
    }
    Some((pattern.len() >= MIN_LITERAL).then(|| vec![fold(pattern.as_bytes())]))
}

/// The strings of a pattern that is a few whole words and nothing else:
/// `\b(?:…)\b` (Unicode word boundaries) around a body with no other
/// assertion, whose matches are a small finite set of plain strings, and
/// whose letters all match in either case (so the automaton's ASCII case
/// folding adds nothing the pattern would not match). For such a pattern a
/// literal found with a word boundary on each side is a match, and every
/// match is such a literal.
fn whole_words(hir: &Hir) -> Option<Set> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let unicode_word = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::WordUnicode));
    let (first, rest) = parts.split_first()?;
    let (last, body) = rest.split_last()?;
    if !unicode_word(first) || !unicode_word(last) || body.is_empty() {
        return None;
    }
    // Small classes only past this point, so the case test is cheap.
    let mut set = vec![Vec::new()];
    for b in body {
        set = product(&set, &analyze(b).exact?)?;
    }
    if !body.iter().all(plain_caseless) {
        return None;
    }
    usable(set).filter(|s| s.iter().all(|l| l.len() >= MIN_LITERAL))
}

/// No assertions inside, and no ASCII letter matched in one case only.
fn plain_caseless(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Look(_) => false,
        HirKind::Literal(lit) => !lit.0.iter().any(u8::is_ascii_alphabetic),
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().all(|r| {
            (r.start()..=r.end()).all(|ch| {
                !ch.is_ascii_alphabetic()
                    || c.ranges().iter().any(|q| {
                        let other = if ch.is_ascii_lowercase() {
                            ch.to_ascii_uppercase()
                        } else {
                            ch.to_ascii_lowercase()
                        };
                        q.start() <= other && other <= q.end()
                    })
            })
        }),
        HirKind::Class(Class::Bytes(_)) => false,
        HirKind::Capture(c) => plain_caseless(&c.sub),
        HirKind::Repetition(r) => plain_caseless(&r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().all(plain_caseless),
    }
}

/// A set of strings one of which occurs in every match of `hir`, folded to
/// ASCII lower case; `None` when there is none worth searching for.
pub fn necessary_literals(hir: &Hir) -> Option<Set> {
    // A one-byte literal (a space, a letter) occurs nearly everywhere.
    let set = analyze(hir)
        .necessary
        .filter(|s| s.iter().all(|l| l.len() >= MIN_LITERAL))?;
    let mut set = dedup(set);
    // A literal containing another is implied by it: keep the shorter.
    let all = set.clone();
    set.retain(|s| {
        !all.iter()
            .any(|t| t.len() < s.len() && s.windows(t.len()).any(|w| w == t.as_slice()))
    });
    Some(set)
}

fn dedup(mut set: Set) -> Set {
    set.sort();
    set.dedup();
    set
}

fn fold(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    Some(dedup(out))
}

/// The members of a small class, each as a string; ASCII letters fold
/// together, any other member (a Kelvin sign in `(?i)k`) stays its own.
fn class_strings(class: &Class) -> Option<Set> {
    let mut out = Vec::new();
    match class {
        Class::Unicode(c) => {
            let mut n = 0usize;
            for r in c.ranges() {
                n += r.end() as usize - r.start() as usize + 1;
                if n > MAX_CLASS {
                    return None;
                }
                for ch in r.start()..=r.end() {
                    let mut buf = [0u8; 4];
                    out.push(fold(ch.encode_utf8(&mut buf).as_bytes()));
                }
            }
        }
        Class::Bytes(c) => {
            let mut n = 0usize;
            for r in c.ranges() {
                n += usize::from(r.end() - r.start()) + 1;
                if n > MAX_CLASS {
                    return None;
                }
                for b in r.start()..=r.end() {
                    out.push(fold(&[b]));
                }
            }
        }
    }
    Some(dedup(out))
}

/// How good a literal set is: the longer shortest literal, up to
/// [`SELECTIVE`] bytes (fewer chance hits), then the fewer literals (a
/// smaller automaton, quicker to build and to run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score(usize, std::cmp::Reverse<usize>);

impl Score {
    fn new(shortest: usize, count: usize) -> Score {
        Score(shortest.min(SELECTIVE), std::cmp::Reverse(count))
    }

    fn of(set: &Set) -> Score {
        Score::new(set.iter().map(Vec::len).min().unwrap_or(0), set.len())
    }
}

/// The better of two literal sets (see [`Score`]); the first on a tie.
fn better(a: Option<Set>, b: Option<Set>) -> Option<Set> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if Score::of(&b) > Score::of(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A usable set: no empty string (which would occur everywhere).
fn usable(set: Set) -> Option<Set> {
    (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then_some(set)
}

/// What a node of the syntax tree offers: every string it can match, when
/// they are few and plain (`exact`), and a set one of which occurs in every
/// match (`necessary`). Each node is read once.
struct Literals {
    exact: Option<Set>,
    necessary: Option<Set>,
}

fn analyze(hir: &Hir) -> Literals {
    let leaf = |exact: Option<Set>| Literals {
        necessary: exact.clone().and_then(usable),
        exact,
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => leaf(Some(vec![Vec::new()])),
        HirKind::Literal(lit) => leaf(Some(vec![fold(&lit.0)])),
        HirKind::Class(class) => leaf(class_strings(class)),
        HirKind::Capture(c) => analyze(&c.sub),
        HirKind::Repetition(r) => {
            let sub = analyze(&r.sub);
            let exact = sub.exact.and_then(|e| match (r.min, r.max) {
                (0, Some(1)) => {
                    let mut set = e;
                    set.push(Vec::new());
                    Some(dedup(set))
                }
                (n, Some(m)) if n == m && n <= 4 => {
                    let mut set = vec![Vec::new()];
                    for _ in 0..n {
                        set = product(&set, &e)?;
                    }
                    Some(set)
                }
                _ => None,
            });
            let part = if r.min >= 1 { sub.necessary } else { None };
            Literals {
                necessary: better(exact.clone().and_then(usable), part),
                exact,
            }
        }
        HirKind::Alternation(subs) => {
            let parts: Vec<Literals> = subs.iter().map(analyze).collect();
            let union = |pick: fn(&Literals) -> Option<&Set>, max: usize| {
                let mut out = Vec::new();
                for p in &parts {
                    out.extend(pick(p)?.iter().cloned());
                    if out.len() > max {
                        return None;
                    }
                }
                Some(dedup(out))
            };
            let exact = union(|p| p.exact.as_ref(), MAX_SET);
            // The strings themselves when they will do; else one of each
            // branch's necessary literals.
            let necessary = match exact.clone().and_then(usable) {
                Some(set) => Some(set),
                None => union(|p| p.necessary.as_ref(), MAX_UNION),
            };
            Literals { necessary, exact }
        }
        HirKind::Concat(subs) => {
            let parts: Vec<Literals> = subs.iter().map(analyze).collect();
            // A child's own necessary literals are the concatenation's.
            let mut best = parts
                .iter()
                .filter_map(|p| p.necessary.as_ref())
                .max_by_key(|n| Score::of(n))
                .cloned();
            // A stretch of children with few exact strings: scored by
            // arithmetic (literal count, shortest length), built only for
            // the best.
            let mut stretch: Option<(Score, usize, usize)> = None;
            for a in 0..parts.len() {
                let (mut count, mut shortest) = (1usize, 0usize);
                for (b, p) in parts.iter().enumerate().skip(a) {
                    let Some(e) = &p.exact else { break };
                    count = count.saturating_mul(e.len());
                    if count > MAX_SET {
                        break;
                    }
                    shortest += e.iter().map(Vec::len).min().unwrap_or(0);
                    if shortest == 0 {
                        continue;
                    }
                    let sc = Score::new(shortest, count);
                    if stretch.as_ref().is_none_or(|(best, _, _)| sc > *best) {
                        stretch = Some((sc, a, b + 1));
                    }
                }
            }
            if let Some((_, a, b)) = stretch {
                let mut set = vec![Vec::new()];
                for p in &parts[a..b] {
                    if let Some(next) = p.exact.as_ref().and_then(|e| product(&set, e)) {
                        set = next;
                    }
                }
                best = better(best, usable(set));
            }
            let mut exact = Some(vec![Vec::new()]);
            for p in &parts {
                exact = exact.and_then(|set| product(&set, p.exact.as_ref()?));
            }
            Literals {
                necessary: better(exact.clone().and_then(usable), best),
                exact,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain pattern is read without parsing exactly as it is read
    /// parsed: every phrase of the promo lists (where most plain patterns
    /// come from), every line, word and pair of words of the long draft,
    /// in three casings, and short and non-ASCII strings.
    #[test]
    fn plain_patterns_read_as_parsed() {
        let mut texts: Vec<String> = ["", "a", "ab", "é", "ſt", "\u{212A}m", "a\tb", "  ", "’s"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for data in [
            include_str!("../../data/promo/sales_phrases.txt"),
            include_str!("../../data/promo/calls_to_action.txt"),
            include_str!("../../data/promo/signup_calls.txt"),
            include_str!("../../data/promo/sponsor_lines.txt"),
            include_str!("../../data/promo/deals.txt"),
        ] {
            texts.extend(
                data.lines()
                    .map(|l| l.split(" | ").next().unwrap_or("").trim().to_owned()),
            );
        }
        let draft = include_str!("../../../../benches/data/draft-10k.md");
        for line in draft.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            texts.extend(words.iter().map(|w| w.to_string()));
            texts.extend(words.windows(2).map(|w| w.join(" ")));
            texts.extend([line.to_owned(), line.to_uppercase(), line.to_lowercase()]);
        }
        let mut fast = 0;
        for text in &texts {
            if regex_syntax::parse(text).is_err() {
                continue;
            }
            if let Some(literal) = plain(text) {
                fast += 1;
                assert_eq!((false, literal), parsed(text), "{text:?}");
            }
        }
        assert!(fast > texts.len() / 2, "{fast} of {}", texts.len());
        assert!(plain("read more").is_some());
        assert!(plain("don['’]t miss").is_none());
        assert!(plain(r"\bsave\b").is_none());
    }
}
