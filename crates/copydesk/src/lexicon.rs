//! Word lists compiled into the binary and parsed once.
//!
//! The lists live in `data/` as plain text in one grammar (documented in
//! `data/README.md`): a `[name]` line opens a list, then one entry per line,
//! with `#` comments saying where they come from, so adding a reporting verb
//! or a vague-source phrase needs no Rust. An entry is one or more fields
//! separated by ` | ` (a bar with white space on both sides; a bar inside a
//! field, as in a regular expression's `a|b`, is part of it): its word or
//! pattern first, then what the list says about it (`p.m | weak`,
//! `because | cause`, `tag | Amazon | strip`). Every list is read by name
//! through this module: [`words`] for its entries' first fields, [`table`]
//! for all their fields, [`patterns`] for a list of regular expressions
//! matched as one.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::dfa::{dense, Automaton};
use regex_automata::nfa::thompson::{self, backtrack, pikevm, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{hybrid, meta, Anchored, Input, MatchKind};
use regex_syntax::hir::Hir;
use rustc_hash::FxHashMap;

/// The engine's data files (the promo lists keep their own, for now).
const DATA: &[&str] = &[
    include_str!("../data/words.txt"),
    include_str!("../data/abbreviations.txt"),
    include_str!("../data/speaker_titles.txt"),
    include_str!("../data/reporting_verbs.txt"),
    include_str!("../data/vague_sources.txt"),
    include_str!("../data/anonymous_sources.txt"),
    include_str!("../data/claim_signals.txt"),
    include_str!("../data/claim_shapes.txt"),
];

/// Every list of every data file by its `[name]`, entries in file order.
/// Entries before a file's first `[name]` belong to no list (a test checks
/// there are none).
static LISTS: LazyLock<FxHashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut lists: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
    for (list, entry) in DATA.iter().flat_map(|data| list_entries(data)) {
        lists.entry(list).or_default().push(entry);
    }
    lists
});

/// The lists of a data file in the `data/words.txt` syntax, by name: `[name]`
/// opens a list, then one entry per line; `#` starts a comment line.
/// Entries before the first `[name]` belong to no list and are dropped.
pub fn sections(data: &'static str) -> FxHashMap<&'static str, Vec<&'static str>> {
    let mut lists: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
    let mut current = None;
    for line in entries(data) {
        match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(name) => current = Some(lists.entry(name).or_default()),
            None => {
                if let Some(list) = current.as_deref_mut() {
                    list.push(line);
                }
            }
        }
    }
    lists
}

/// The entries of one `[name]` list of a data file in the `data/words.txt`
/// syntax (see [`sections`]), in file order; a name may open several
/// stretches of the file, which read as one list.
pub fn section<'n>(data: &'static str, name: &'n str) -> impl Iterator<Item = &'static str> + 'n {
    let mut inside = false;
    entries(data).filter(move |line| {
        match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(header) => {
                inside = header == name;
                false
            }
            None => inside,
        }
    })
}

/// Every list's entries split into their fields (see [`fields`]).
static TABLES: LazyLock<FxHashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    LISTS
        .iter()
        .map(|(&name, list)| (name, list.iter().map(|e| fields(e)).collect()))
        .collect()
});

/// Every list's first fields: its words or patterns.
static WORDS: LazyLock<FxHashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    TABLES
        .iter()
        .map(|(&name, rows)| (name, rows.iter().map(|f| f[0]).collect()))
        .collect()
});

/// The entry patterns of the vague sources' [`Split`] (for the tests).
#[cfg(test)]
pub(crate) fn split_entries() -> Vec<String> {
    VAGUE_SOURCES
        .split
        .as_ref()
        .map_or_else(Vec::new, |(entries, _)| entries.clone())
}

/// The entries of one list with all their fields (at least one each), in
/// file order; empty for a name no data file has.
pub fn table(name: &str) -> &'static [Vec<&'static str>] {
    TABLES.get(name).map_or(&[], Vec::as_slice)
}

/// The first field of every entry of one list: its words or patterns; empty
/// for a name no data file has (a test checks that every name the engine
/// asks for is there).
pub fn words(name: &str) -> &'static [&'static str] {
    WORDS.get(name).map_or(&[], Vec::as_slice)
}

/// A list of regular expressions as one alternation, matched
/// case-insensitively on word boundaries.
pub fn patterns(name: &str) -> Gated {
    Gated::new(&list_pattern(words(name).iter().copied()))
}

pub(crate) mod automaton;
mod boundaries;
pub(crate) mod engine;
mod grammar;
mod literals;
mod prebuilt;
use boundaries::ascii_word_boundaries;
#[cfg(test)]
use boundaries::rebuild_word_boundaries;
pub mod prefilter;

/// Whether `build.rs` read the literals of this pattern (see
/// [`prebuilt`]), and read what the engine reads at run time.
#[cfg(test)]
pub(crate) fn literals_prebuilt(pattern: &str) -> bool {
    prebuilt::literals(pattern).is_some_and(|pre| pre == literals::of_pattern(pattern))
}

/// The patterns `build.rs` determinized as a claim signal's decider (see
/// [`prebuilt`]).
#[cfg(test)]
pub(crate) fn prebuilt_deciders() -> Vec<&'static str> {
    prebuilt::deciders().map(|(p, _)| p).collect()
}

/// Whether this pattern's literals are read without parsing it (see
/// [`literals`]).
#[cfg(test)]
pub(crate) fn literals_plain(pattern: &str) -> bool {
    literals::plain(pattern).is_some()
}

#[cfg(test)]
use grammar::list_name;
pub use grammar::{anonymous_pattern, entries, fields, gate_pattern, spaced_phrase};
use grammar::{list_entries, list_pattern};

/// A regular expression with Unicode word boundaries (`\b`), searched
/// through a gate: the same pattern with its word boundaries removed and
/// its counted repetitions opened (see [`gate_pattern`]).
///
/// A Unicode `\b` keeps the regex crate off its fast DFA on any text that is
/// not ASCII (a curly apostrophe is enough), so a search crawls through the
/// NFA simulation. Dropping an assertion or a bound only adds matches, so where the
/// gate finds nothing the pattern cannot match either; only the rare text
/// the gate lets through is searched with the exact pattern. Results are
/// exactly the pattern's.
///
/// The exact pattern is compiled the first time a gate lets text through,
/// so start-up pays only for the gates of patterns a draft never gets near.
pub struct Gated {
    gate: Gate,
    pattern: String,
    exact: OnceLock<Matcher>,
    /// For a list searched entry by entry (see [`Split`]): each entry's
    /// pattern, and the parts, built the first time the gate opens on a
    /// text with no word character beyond ASCII.
    split: Option<(Vec<String>, OnceLock<Split>)>,
}

/// A list's exact pattern `(?i)\b(?:(?:e1)|(?:e2)|…)\b` searched as its
/// entries, each `(?i)\b(?:(?:e))\b` on its own, on texts with no word
/// character beyond ASCII: an entry with a DFA `build.rs` determinized
/// (`decider_table`) is searched with it, any other is compiled. The
/// leftmost-first match of the alternation from a position is the
/// leftmost of the entries' leftmost-first matches from there, a tie going
/// to the entry written first: the alternation tries its entries in order
/// at the leftmost position where any matches, and each entry's match
/// there is its own leftmost-first one. No entry matches the empty string
/// (each part with a reverse DFA is tested for it at build time, and the
/// compiled ones are checked here), so the matches follow one another as
/// `find_iter`'s do, each search starting where the last match ended.
///
/// Compiling the vague sources' exact pattern was the largest compile on
/// the checking thread at start-up (29 M instructions, docs/performance.md
/// "Session 22"); the whole list is past 64 MB as one DFA.
struct Split {
    parts: Vec<Matcher>,
}

impl Split {
    fn new(entries: &[String]) -> Split {
        let parts = entries
            .iter()
            .map(|p| {
                if prebuilt::has_decider(p) {
                    Matcher::deciding(p)
                } else {
                    Matcher::exact(p)
                }
            })
            .collect();
        Split { parts }
    }

    /// The leftmost-first match of the whole list at or after `at`, given
    /// each part's last answer in `next` (a part's match starting at or
    /// after `at` is still its match from `at`; `None` stays `None`).
    fn find_at(
        &self,
        text: &str,
        at: usize,
        next: &mut [Option<Option<(usize, usize)>>],
    ) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (part, known) in self.parts.iter().zip(next.iter_mut()) {
            let found = match *known {
                Some(Some((start, end))) if start >= at => Some((start, end)),
                Some(None) => None,
                _ => part.find_at(text, at),
            };
            *known = Some(found);
            if let Some(m) = found {
                if best.is_none_or(|b| m.0 < b.0) {
                    best = Some(m);
                }
            }
        }
        best
    }

    fn is_match(&self, text: &str) -> bool {
        crate::meter::searched(text);
        self.parts.iter().any(|p| p.is_match_unmetered(text))
    }

    fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 'r
    where
        't: 'r,
    {
        crate::meter::searched(text);
        let mut next = vec![None; self.parts.len()];
        let mut at = 0;
        std::iter::from_fn(move || {
            let (start, end) = self.find_at(text, at, &mut next)?;
            // An empty match would be a bug in the data (see above); stop
            // rather than loop.
            if end == start {
                return None;
            }
            at = end;
            Some(Found { text, start, end })
        })
    }
}

/// A [`Gated`]'s gate: loaded from a DFA `build.rs` determinized (see
/// [`prebuilt`]) when there is one for the identical pattern, else compiled.
enum Gate {
    Compiled(Box<Matcher>),
    /// One DFA per part of the list: the gate matches where any does.
    Prebuilt(Vec<dense::DFA<&'static [u32]>>),
}

impl Gate {
    fn new(pattern: &str) -> Gate {
        match prebuilt::gate(pattern) {
            Some(dfa) => Gate::Prebuilt(dfa),
            None => Gate::Compiled(Box::new(Matcher::scanning(pattern))),
        }
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Gate::Compiled(m) => m.is_match(text),
            // A dense DFA with no quit bytes and no word boundary cannot
            // give up; if it did, an open gate leaves the answer to the
            // exact pattern, which is still the right one.
            Gate::Prebuilt(parts) => parts.iter().any(|dfa| {
                dfa.try_search_fwd(&Input::new(text).earliest(true))
                    .map_or(true, |m| m.is_some())
            }),
        }
    }
}

/// A compiled-in pattern that is only asked whether and where it matches.
///
/// The matches are exactly those of `regex::Regex::new(pattern)` (the same
/// engine, leftmost-first, Unicode, an empty match never splitting a
/// character), but compiling costs about a third: with no capture groups
/// but the whole match, no one-pass DFA, and, for [`Matcher::exact`], no
/// literal prefilter of its own.
/// Compiling the matchers was most of a fresh process's first check (see
/// `docs/performance.md`).
///
/// A pattern with a Unicode word boundary (`\b`) is also compiled with
/// ASCII ones (`(?-u:\b)`), which is what searches a text whose characters
/// beyond ASCII are none of them word characters (curly quotes, dashes,
/// spaces: most English copy). On such a text both boundaries are at the
/// same places, so the answers are the same; the regex engine's lazy DFA
/// gives up at the first non-ASCII byte with a Unicode `\b` and left those
/// texts to its NFA simulations, several times slower. A text with a word
/// character beyond ASCII (`é`, `ſ`) is searched with the pattern as
/// written, compiled the first time one comes.
pub struct Matcher {
    /// The pattern with its Unicode word boundaries made ASCII, for the
    /// texts on which it answers as the pattern does (see
    /// [`ascii_words_only`]); `None` for a pattern with no Unicode word
    /// boundary.
    ascii: Option<Engines>,
    /// The pattern as written: built at once when there is no `ascii`,
    /// else the first time a text has a word character beyond ASCII
    /// (boxed: most matchers never build it, and the prefilters hold
    /// hundreds of matchers in place).
    unicode: OnceLock<Box<Engines>>,
    kind: Kind,
    pattern: Box<str>,
}

/// How a [`Matcher`] is built: which of its constructors made it.
#[derive(Clone, Copy)]
enum Kind {
    Exact,
    Scanning,
    Deciding,
}

/// One form of a [`Matcher`]'s pattern, compiled.
struct Engines {
    /// The whole regex, for `find`: built at once, or on the first
    /// `find_iter` of a [`Matcher::deciding`].
    full: OnceLock<meta::Regex>,
    /// A [`Matcher::deciding`]'s own engine for `is_match`.
    forward: Option<Forward>,
    /// A [`Matcher::deciding`]'s ASCII form loaded from a DFA `build.rs`
    /// determinized (see [`Prebuilt`]); `forward` is then `None`.
    prebuilt: Option<Prebuilt>,
}

/// A claim signal's ASCII-word-boundary form as a dense DFA built ahead
/// of time (`decider_table` in `build.rs`), which answers `is_match`
/// alone: unanchored and leftmost-first like [`Forward`]'s lazy DFA, and
/// with no Unicode word boundary it has no quit byte, so it never gives
/// up. `find` asks it first (most texts hold no match) and compiles the
/// [`Forward`] it needs to place a match the first time one is there.
struct Prebuilt {
    dfa: dense::DFA<&'static [u32]>,
    /// Anchored at a match's end, every match kept: the last it finds is
    /// the leftmost start, which is the leftmost-first match's (as `meta`
    /// finds a start). Loaded on the first `find` that has a match; `None`
    /// for a pattern that matches the empty string or whose reverse DFA
    /// was too large.
    reverse: Option<&'static prebuilt::Aligned<[u8]>>,
    reverse_dfa: OnceLock<Option<dense::DFA<&'static [u32]>>>,
    forward: OnceLock<Forward>,
}

impl Prebuilt {
    /// Whether the DFA finds a match; `None` if it gave up (it cannot).
    fn is_match(&self, text: &str) -> Option<bool> {
        self.dfa
            .try_search_fwd(&Input::new(text).earliest(true))
            .ok()
            .map(|m| m.is_some())
    }

    /// The leftmost-first match, found by the two DFAs; `None` if either
    /// gave up (they cannot) or there is no reverse DFA.
    fn find(&self, text: &str) -> Option<Option<(usize, usize)>> {
        self.find_at(text, 0)
    }

    /// [`Prebuilt::find`] of the text from `at` (the text before it still
    /// counts for `\b`).
    fn find_at(&self, text: &str, at: usize) -> Option<Option<(usize, usize)>> {
        let reverse = self.reverse?;
        let Some(end) = self
            .dfa
            .try_search_fwd(&Input::new(text).range(at..))
            .ok()?
        else {
            return Some(None);
        };
        let reverse = self
            .reverse_dfa
            .get_or_init(|| prebuilt::load(reverse))
            .as_ref()?;
        let end = end.offset();
        let input = Input::new(text).anchored(Anchored::Yes).range(at..end);
        let start = reverse.try_search_rev(&input).ok()??.offset();
        Some(Some((start, end)))
    }

    /// The compiled engine, for `pattern`'s ASCII form.
    fn forward(&self, pattern: &str) -> &Forward {
        self.forward
            .get_or_init(|| Forward::new(&ascii_word_boundaries(parse(pattern))))
    }
}

/// What `meta::Regex::is_match` runs, without the reverse automaton that
/// only `find` needs (to find where a match starts): the forward NFA, its
/// lazy DFA, and the bounded backtracker and the PikeVM for the texts the
/// lazy DFA gives up on (a Unicode `\b` beside a non-ASCII byte). Each is
/// configured and chosen as the meta regex configures and chooses them, so
/// the answers are its answers. The reverse NFA is about a third of
/// compiling an exact pattern (the claim signals' first-person and
/// word-class patterns most of all).
struct Forward {
    dfa: Option<hybrid::dfa::DFA>,
    /// Whether the pattern can match the empty string: the lazy DFA alone
    /// does not keep an empty match from splitting a character, so
    /// [`Forward::find`] leaves such a pattern to the NFA engines.
    has_empty: bool,
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
    caches: Pool<ForwardCaches, CacheFn>,
}

struct ForwardCaches {
    dfa: Option<hybrid::dfa::Cache>,
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
}

type CacheFn = Box<dyn Fn() -> ForwardCaches + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl Forward {
    fn new(hir: &Hir) -> Forward {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(true)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                    .shrink(false)
                    .which_captures(WhichCaptures::Implicit),
            )
            .build_from_hir(hir)
            .unwrap_or_else(|e| panic!("data file holds a bad regular expression: {e}"));
        // As `meta`'s forward lazy DFA (`meta/wrappers.rs`); like it, a DFA
        // that cannot be built is simply not used.
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .starts_for_each_pattern(true)
                    .byte_classes(true)
                    .unicode_word_boundary(true)
                    .specialize_start_states(false)
                    .cache_capacity(HYBRID_CACHE_CAPACITY)
                    .skip_cache_capacity_check(false)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            .ok();
        let has_empty = nfa.has_empty();
        let backtrack = backtrack::Builder::new()
            .build_from_nfa(nfa.clone())
            .expect("the backtracker builds from any NFA with captures");
        let pikevm = pikevm::Builder::new()
            .configure(pikevm::Config::new().match_kind(MatchKind::LeftmostFirst))
            .build_from_nfa(nfa)
            .expect("the PikeVM builds from any NFA with captures");
        let (d, b, p) = (dfa.clone(), backtrack.clone(), pikevm.clone());
        let create: CacheFn = Box::new(move || ForwardCaches {
            dfa: d.as_ref().map(hybrid::dfa::DFA::create_cache),
            backtrack: b.create_cache(),
            pikevm: p.create_cache(),
        });
        Forward {
            dfa,
            has_empty,
            backtrack,
            pikevm,
            caches: Pool::new(create),
        }
    }

    /// `meta::Regex::is_match`: the lazy DFA, and where it gives up, the
    /// backtracker on a short text and the PikeVM on a long one.
    fn is_match(&self, text: &str) -> bool {
        let input = Input::new(text).earliest(true);
        let mut caches = self.caches.get();
        let caches = &mut *caches;
        if let (Some(dfa), Some(cache)) = (&self.dfa, caches.dfa.as_mut()) {
            if let Ok(found) = dfa.try_search_fwd(cache, &input) {
                return found.is_some();
            }
        }
        if text.len() <= 128 && input.get_span().len() < self.backtrack.max_haystack_len() {
            self.backtrack
                .try_is_match(&mut caches.backtrack, input)
                .expect("the text fits the backtracker")
        } else {
            self.pikevm.is_match(&mut caches.pikevm, input)
        }
    }

    /// `meta::Regex::find` without its reverse automaton: the lazy DFA
    /// finds where the leftmost-first match ends, and the backtracker (the
    /// PikeVM on a text too long for it) finds it whole, searching only
    /// the text up to that end. That is the same match: no match starts
    /// further left (it would be a match of the whole text), and of the
    /// matches at its start, the one the whole text prefers ends there,
    /// so it is still preferred. Look-around (`\b`) still sees the text
    /// past the end. Where the lazy DFA gives up (a Unicode `\b` beside a
    /// non-ASCII byte), the NFA engines search the whole text.
    ///
    /// The whole regex's reverse NFA and its lazy DFAs were most of a
    /// fresh process's cost of the claim signals' `find` (the superlative
    /// pattern's `{0,70}` above all): about 80 M instructions for 17
    /// searches of the 10,000-word draft.
    fn find(&self, text: &str) -> Option<(usize, usize)> {
        let mut input = Input::new(text);
        let mut caches = self.caches.get();
        let caches = &mut *caches;
        if let (Some(dfa), Some(cache), false) = (&self.dfa, caches.dfa.as_mut(), self.has_empty) {
            match dfa.try_search_fwd(cache, &input) {
                Ok(None) => return None,
                Ok(Some(end)) => input.set_end(end.offset()),
                Err(_) => {}
            }
        }
        let found = if input.get_span().len() < self.backtrack.max_haystack_len() {
            self.backtrack
                .try_find(&mut caches.backtrack, input)
                .expect("the text fits the backtracker")
        } else {
            self.pikevm.find(&mut caches.pikevm, input)
        };
        found.map(|m| (m.start(), m.end()))
    }
}

const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
const HYBRID_CACHE_CAPACITY: usize = 2 * (1 << 20);

fn syntax_config() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new().utf8(true)
}

/// A match of a [`Matcher`]: its bytes in the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Found<'t> {
    /// The match of `text[start..end]`.
    pub fn new(text: &'t str, start: usize, end: usize) -> Found<'t> {
        Found { text, start, end }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl Matcher {
    /// For a pattern searched only where something cheaper (a literal
    /// prefilter, a gate) has already said it may match: without a
    /// prefilter of its own, whose literal extraction costs more to build
    /// (a case-insensitive word alone: 0.35 ms) than it saves there.
    ///
    /// With the bounded backtracker: on a text with a word character
    /// beyond ASCII, a Unicode `\b` keeps the lazy DFA off; a sentence is
    /// then searched by the backtracker instead of the PikeVM, which is
    /// several times slower. Building it costs nothing beyond the NFA the
    /// two share.
    pub fn exact(pattern: &str) -> Matcher {
        Matcher::new(pattern, Kind::Exact)
    }

    /// [`Matcher::exact`] with only the pattern as written, compiled the
    /// first time it is used: for a [`Gated`] list whose texts with ASCII
    /// words only are searched by its [`Split`].
    fn unicode_only(pattern: &str) -> Matcher {
        Matcher {
            ascii: None,
            unicode: OnceLock::new(),
            kind: Kind::Exact,
            pattern: pattern.into(),
        }
    }

    /// For a pattern run over every text: with regex's literal prefilter.
    pub fn scanning(pattern: &str) -> Matcher {
        Matcher::new(pattern, Kind::Scanning)
    }

    /// [`Matcher::exact`] for a pattern asked whether and where it
    /// matches, not for every match: what that needs is compiled now (see
    /// [`Forward`]), and the whole regex on the first `find_iter`. The
    /// answers are the same.
    pub fn deciding(pattern: &str) -> Matcher {
        Matcher::new(pattern, Kind::Deciding)
    }

    fn new(pattern: &str, kind: Kind) -> Matcher {
        if let Kind::Deciding = kind {
            // A prebuilt DFA exists only for a pattern with a Unicode word
            // boundary, as its ASCII form.
            if let Some((dfa, reverse)) = prebuilt::decider(pattern) {
                let prebuilt = Prebuilt {
                    dfa,
                    reverse,
                    reverse_dfa: OnceLock::new(),
                    forward: OnceLock::new(),
                };
                return Matcher {
                    ascii: Some(Engines {
                        full: OnceLock::new(),
                        forward: None,
                        prebuilt: Some(prebuilt),
                    }),
                    unicode: OnceLock::new(),
                    kind,
                    pattern: pattern.into(),
                };
            }
        }
        let hir = parse(pattern);
        let (ascii, unicode) = if hir.properties().look_set().contains_word_unicode() {
            let ascii = Engines::new(&ascii_word_boundaries(hir), kind);
            (Some(ascii), OnceLock::new())
        } else {
            (None, OnceLock::from(Box::new(Engines::new(&hir, kind))))
        };
        Matcher {
            ascii,
            unicode,
            kind,
            pattern: pattern.into(),
        }
    }

    /// The form of the pattern that searches `text`, and whether it is
    /// the one with ASCII word boundaries.
    fn engines(&self, text: &str) -> (&Engines, bool) {
        match &self.ascii {
            Some(ascii) if ascii_words_only(text) => (ascii, true),
            _ => (self.unicode(), false),
        }
    }

    fn unicode(&self) -> &Engines {
        self.unicode
            .get_or_init(|| Box::new(Engines::new(&parse(&self.pattern), self.kind)))
    }

    /// Whether the whole regex has been built (for the tests).
    #[cfg(test)]
    pub(crate) fn has_full(&self) -> bool {
        [self.ascii.as_ref(), self.unicode.get().map(|e| &**e)]
            .into_iter()
            .flatten()
            .any(|e| e.full.get().is_some())
    }

    /// Whether the pattern as written has been compiled (for the tests).
    #[cfg(test)]
    pub(crate) fn has_unicode(&self) -> bool {
        self.unicode.get().is_some()
    }

    /// The pattern (for the tests).
    #[cfg(test)]
    pub(crate) fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn is_match(&self, text: &str) -> bool {
        crate::meter::searched(text);
        self.is_match_unmetered(text)
    }

    /// [`Matcher::is_match`], the text not counted (a [`Split`] counts it
    /// once for all its parts).
    fn is_match_unmetered(&self, text: &str) -> bool {
        let (engines, ascii) = self.engines(text);
        if let Some(p) = &engines.prebuilt {
            if let Some(found) = p.is_match(text) {
                return found;
            }
            return p.forward(&self.pattern).is_match(text);
        }
        match &engines.forward {
            Some(f) => f.is_match(text),
            None => engines.full(&self.pattern, ascii).is_match(text),
        }
    }

    /// The leftmost-first match; a [`Matcher::deciding`] finds it with
    /// what `is_match` uses (see [`Forward::find`]), without building the
    /// whole regex.
    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        crate::meter::searched(text);
        let (engines, ascii) = self.engines(text);
        if let Some(p) = &engines.prebuilt {
            if let Some(found) = p.find(text) {
                let (start, end) = found?;
                return Some(Found { text, start, end });
            }
            if p.is_match(text) == Some(false) {
                return None;
            }
            let (start, end) = p.forward(&self.pattern).find(text)?;
            return Some(Found { text, start, end });
        }
        let (start, end) = match &engines.forward {
            Some(f) => f.find(text)?,
            None => engines
                .full(&self.pattern, ascii)
                .find(text)
                .map(|m| (m.start(), m.end()))?,
        };
        Some(Found { text, start, end })
    }

    /// The leftmost-first match starting at or after `at` (the text
    /// before it still counts for `\b`), as `meta::Regex::find` of the
    /// input from `at` finds it.
    /// Not counted in [`crate::meter`]: only a [`Split`] asks, and counts
    /// the text once.
    fn find_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let (engines, ascii) = self.engines(text);
        if let Some(found) = engines.prebuilt.as_ref().and_then(|p| p.find_at(text, at)) {
            return found;
        }
        engines
            .full(&self.pattern, ascii)
            .find(Input::new(text).range(at..))
            .map(|m| (m.start(), m.end()))
    }

    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 'r
    where
        't: 'r,
    {
        crate::meter::searched(text);
        let (engines, ascii) = self.engines(text);
        engines
            .full(&self.pattern, ascii)
            .find_iter(text)
            .map(move |m| Found {
                text,
                start: m.start(),
                end: m.end(),
            })
    }
}

impl Engines {
    fn new(hir: &Hir, kind: Kind) -> Engines {
        let (full, forward) = match kind {
            Kind::Exact => (Some(Engines::build(hir, false, true)), None),
            Kind::Scanning => (Some(Engines::build(hir, true, false)), None),
            Kind::Deciding => (None, Some(Forward::new(hir))),
        };
        Engines {
            full: full.map_or_else(OnceLock::new, OnceLock::from),
            forward,
            prebuilt: None,
        }
    }

    /// A bad pattern is a bug in the compiled-in data, caught by the tests.
    fn build(hir: &Hir, prefilter: bool, backtrack: bool) -> meta::Regex {
        // As `regex::RegexBuilder`'s defaults, less what is never used.
        let config = meta::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(NFA_SIZE_LIMIT))
            .hybrid_cache_capacity(HYBRID_CACHE_CAPACITY)
            .which_captures(WhichCaptures::Implicit)
            .onepass(false)
            .backtrack(backtrack)
            .auto_prefilter(prefilter);
        meta::Builder::new()
            .configure(config)
            .build_from_hir(hir)
            .unwrap_or_else(|e| panic!("data file holds a bad regular expression: {e}"))
    }

    /// The whole regex (built now, from `pattern` in this form, if this is
    /// a [`Matcher::deciding`] that has not been asked for a match's place
    /// yet).
    fn full(&self, pattern: &str, ascii: bool) -> &meta::Regex {
        self.full.get_or_init(|| {
            let hir = parse(pattern);
            let hir = if ascii {
                ascii_word_boundaries(hir)
            } else {
                hir
            };
            Engines::build(&hir, false, true)
        })
    }
}

/// A compiled-in pattern's syntax tree. A bad pattern is a bug in the
/// compiled-in data, caught by the tests.
fn parse(pattern: &str) -> Hir {
    regex_automata::util::syntax::parse_with(pattern, &syntax_config())
        .unwrap_or_else(|e| panic!("data file holds a bad regular expression: {e}"))
}

/// Whether no character of `text` beyond ASCII is a word character
/// (`\w`, as the regex crate reads it). On such a text an ASCII word
/// boundary holds exactly where a Unicode one does, at every position:
/// each side of it is a word character under one reading just when it is
/// under the other (an ASCII byte is read alike, and every other
/// character, or a byte inside one, is no word character under either).
fn ascii_words_only(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(skip) = bytes[at..].iter().position(|b| !b.is_ascii()) {
        at += skip;
        // `at` follows ASCII or a whole character, so a character starts
        // there.
        let c = text[at..].chars().next().unwrap_or_default();
        if regex_syntax::is_word_character(c) {
            return false;
        }
        at += c.len_utf8();
    }
    true
}

impl Gated {
    pub fn new(pattern: &str) -> Gated {
        Gated {
            gate: Gate::new(&gate_pattern(pattern)),
            pattern: pattern.to_owned(),
            exact: OnceLock::new(),
            split: None,
        }
    }

    /// A list (as [`patterns`] reads it) searched entry by entry on texts
    /// with ASCII words only (see [`Split`]); the same answers as
    /// `Gated::new` of the whole list's pattern.
    pub fn split(words: &[&str]) -> Gated {
        let entries = words.iter().map(|w| list_pattern([*w])).collect();
        Gated {
            split: Some((entries, OnceLock::new())),
            ..Gated::new(&list_pattern(words.iter().copied()))
        }
    }

    /// The parts that search `text`, if this list is split and `text`
    /// has no word character beyond ASCII.
    fn parts(&self, text: &str) -> Option<&Split> {
        let (entries, parts) = self.split.as_ref()?;
        ascii_words_only(text).then(|| parts.get_or_init(|| Split::new(entries)))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.gate.is_match(text)
            && match self.parts(text) {
                Some(split) => split.is_match(text),
                None => self.exact().is_match(text),
            }
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        self.find_iter(text).next()
    }

    /// Like `Regex::find_iter`: nothing when the gate finds nothing.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 'r
    where
        't: 'r,
    {
        let open = self.gate.is_match(text);
        let split = open.then(|| self.parts(text)).flatten();
        let whole = (open && split.is_none()).then(|| self.exact().find_iter(text));
        split
            .map(|s| s.find_iter(text))
            .into_iter()
            .flatten()
            .chain(whole.into_iter().flatten())
    }

    /// The exact pattern (for a split list, as written: the parts answer
    /// on texts with ASCII words only).
    pub fn exact(&self) -> &Matcher {
        self.exact.get_or_init(|| {
            if self.split.is_some() {
                Matcher::unicode_only(&self.pattern)
            } else {
                Matcher::exact(&self.pattern)
            }
        })
    }

    /// Compile what the first text the gate lets through needs (see
    /// [`crate::compile_matchers`]).
    pub fn compile(&self) {
        match &self.split {
            Some((entries, parts)) => {
                parts.get_or_init(|| Split::new(entries));
            }
            None => {
                self.exact();
            }
        }
    }
}

/// `word.to_lowercase()`, without allocating for the common case of a
/// word that is ASCII and already lower case.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbrev {
    /// Never ends a sentence (Mr., Sen., Jan.).
    Strong,
    /// Ends a sentence only before a common sentence opener (p.m., U.S.).
    Weak,
}

/// A map keyed by words. FxHash: the keys are a fixed, compiled-in list
/// looked up once per word of every sentence, so SipHash's resistance to
/// chosen keys buys nothing and its cost showed in profiles.
pub type WordMap<V> = FxHashMap<&'static str, V>;

pub static ABBREVIATIONS: LazyLock<WordMap<Abbrev>> = LazyLock::new(|| {
    table("abbreviations")
        .iter()
        .map(|f| match f.get(1) {
            Some(&"weak") => (f[0], Abbrev::Weak),
            _ => (f[0], Abbrev::Strong),
        })
        .collect()
});

/// How a reporting verb attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbUse {
    /// A person says it: `said`, `told`.
    Speech,
    /// Only next to a quotation or a colon: `answers`, `read`.
    NextToQuote,
    /// A document or finding says it: `shows`, `found`.
    Finding,
}

/// A reporting verb's kind, as `data/reporting_verbs.txt` writes it.
fn verb_use(kind: &str) -> Option<VerbUse> {
    match kind {
        "next-to-quote" => Some(VerbUse::NextToQuote),
        "finding" => Some(VerbUse::Finding),
        _ => None,
    }
}

/// Which form of its verb a word is, for subject–verb agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    /// `say`: needs a plural subject or an auxiliary.
    Base,
    /// `says`: needs a singular subject.
    ThirdPerson,
    /// `said`, `saying`, `told`.
    Other,
}

/// Reporting verbs and their forms: the built-in list, or a newsroom's extras.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportingVerbs(FxHashMap<String, (VerbUse, VerbForm)>);

impl ReportingVerbs {
    pub fn use_of(&self, word: &str) -> Option<VerbUse> {
        self.0.get(word).map(|&(u, _)| u)
    }

    pub fn form(&self, word: &str) -> VerbForm {
        self.0.get(word).map_or(VerbForm::Other, |&(_, f)| f)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains_key(word)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Add one entry of `data/reporting_verbs.txt`: the base form, then the
    /// other forms, then optionally ` | ` and a kind (`next-to-quote`,
    /// `finding`). Words already present keep their reading. Returns `false`
    /// for an entry with no words or an unknown kind.
    fn add_line(&mut self, line: &str, single_is_base: bool) -> bool {
        let f = fields(line);
        let (kind, forms) = match (f.as_slice(), f[0].as_bytes().first()) {
            ([forms], Some(b'~')) => (VerbUse::NextToQuote, &forms[1..]),
            ([forms], Some(b'@')) => (VerbUse::Finding, &forms[1..]),
            ([forms], _) => (VerbUse::Speech, *forms),
            ([forms, kind], _) => match verb_use(kind) {
                Some(kind) => (kind, *forms),
                None => return false,
            },
            _ => return false,
        };
        let words: Vec<String> = forms.split_whitespace().map(str::to_lowercase).collect();
        let inflected = |w: &str| {
            if w.ends_with('s') && !w.ends_with("ss") {
                VerbForm::ThirdPerson
            } else {
                VerbForm::Other
            }
        };
        let Some((base, rest)) = words.split_first() else {
            return false;
        };
        let base_form = if rest.is_empty() && !single_is_base {
            inflected(base)
        } else {
            VerbForm::Base
        };
        self.0.entry(base.clone()).or_insert((kind, base_form));
        for form in rest {
            self.0
                .entry(form.clone())
                .or_insert((kind, inflected(form)));
        }
        true
    }

    /// Add a newsroom's entry, written as a line of
    /// `data/reporting_verbs.txt` (`"opine opined opines opining"`,
    /// `"retort retorted | next-to-quote"`; the older marks `~retort` and
    /// `@show`, which configurations may still use, read the same). A single word (`"opined"`) is not taken for a
    /// base form: it is third person when it ends in a lone `s`, else a form
    /// that agrees with any subject. Returns `false` for an entry with no
    /// words.
    pub fn add_entry(&mut self, entry: &str) -> bool {
        self.add_line(entry, false)
    }
}

/// The built-in reporting verbs, then a newsroom's extras: what the
/// attribution cues consult.
#[derive(Debug, Clone, Copy)]
pub struct Verbs<'a> {
    pub extra: &'a ReportingVerbs,
}

static NO_EXTRAS: LazyLock<ReportingVerbs> = LazyLock::new(ReportingVerbs::default);

impl Verbs<'static> {
    /// The built-in list alone.
    pub fn builtin() -> Verbs<'static> {
        Verbs { extra: &NO_EXTRAS }
    }
}

impl Verbs<'_> {
    pub fn use_of(&self, word: &str) -> Option<VerbUse> {
        REPORTING_VERBS
            .use_of(word)
            .or_else(|| self.extra.use_of(word))
    }

    pub fn form(&self, word: &str) -> VerbForm {
        if REPORTING_VERBS.contains(word) {
            REPORTING_VERBS.form(word)
        } else {
            self.extra.form(word)
        }
    }
}

pub static REPORTING_VERBS: LazyLock<ReportingVerbs> = LazyLock::new(|| {
    let mut verbs = ReportingVerbs::default();
    for line in LISTS.get("reporting-verbs").into_iter().flatten() {
        verbs.add_line(line, true);
    }
    verbs
});

/// Build the word lists without searching anything (see
/// [`crate::compile_matchers`]).
pub fn compile_matchers() {
    LazyLock::force(&ABBREVIATIONS);
    LazyLock::force(&REPORTING_VERBS);
    VAGUE_SOURCES.compile();
}

/// Searched entry by entry (see [`Split`]).
pub static VAGUE_SOURCES: LazyLock<Gated> = LazyLock::new(|| Gated::split(words("vague-sources")));

impl ReportingVerbs {
    /// Every form of every verb, lowercase, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A [`Matcher`] finds what `regex::Regex` finds: every compiled-in
    /// gated pattern, its gate, and the claim signals, over every line of
    /// the long draft in three casings and over texts built to probe word
    /// boundaries, empty matches and case folding.
    #[test]
    fn matchers_find_what_regex_finds() {
        let mut patterns: Vec<String> = Vec::new();
        patterns.push(VAGUE_SOURCES.pattern.clone());
        patterns.push(crate::rules::source::ANONYMOUS.pattern.clone());
        for re in words("claim-signals") {
            patterns.push(format!(r"(?i)\b(?:{re})\b"));
        }
        patterns.push(r"\b(?:Monday|May \d{1,2}|last night)\b".into());
        patterns.push("(?i)x*".into());
        let gates: Vec<String> = patterns.iter().map(|p| gate_pattern(p)).collect();
        let draft = include_str!("../../../benches/data/draft-10k.md");
        let mut texts: Vec<String> = Vec::new();
        for (k, line) in draft.lines().enumerate() {
            texts.extend([line.to_owned(), line.to_uppercase(), line.to_lowercase()]);
            // On every fourth line, curly quotes and dashes (no word
            // characters: searched with ASCII word boundaries), and a
            // letter beyond ASCII after every word (searched with the
            // pattern as written).
            if k % 4 == 0 {
                texts.push(line.replace('\'', "’").replace(" - ", "—"));
                texts.push(line.replace(' ', "é ").replace('\'', "’"));
            }
        }
        texts.extend(
            [
                "experts say",
                "“Experts say” it’s so—officials said",
                "café experts say, experts sayé, éofficials said",
                "naïve studies show—Ωexperts say",
                "experts\u{2019}say \u{2014}we\u{2019}ve",
                "Experts say\u{301} so",
                "we’ve said, I’ve said, let’s go",
                "EXPERTS\u{a0}SAY",
                "éexperts say",
                "ſtudies ſhow",
                "\u{212A}",
                "",
                "Studies show—that",
                "x",
                "aé",
                "Officials, who asked not to be named, said",
            ]
            .map(String::from),
        );
        for (i, p) in patterns.iter().chain(&gates).enumerate() {
            let want = regex::Regex::new(p).unwrap();
            let got = [
                Matcher::exact(p),
                Matcher::scanning(p),
                Matcher::deciding(p),
            ];
            // Asked only whether and where it matches, a deciding matcher
            // never builds the whole regex.
            let deciding = Matcher::deciding(p);
            for t in &texts {
                assert_eq!(
                    deciding.is_match(t),
                    want.is_match(t),
                    "pattern {i} on {t:?}"
                );
                assert_eq!(
                    deciding.find(t).map(|m| m.range()),
                    want.find(t).map(|m| m.range()),
                    "pattern {i} on {t:?}"
                );
                let w: Vec<_> = want.find_iter(t).map(|m| (m.range(), m.as_str())).collect();
                for m in &got {
                    let g: Vec<_> = m.find_iter(t).map(|m| (m.range(), m.as_str())).collect();
                    assert_eq!(g, w, "pattern {i} on {t:?}");
                    assert_eq!(m.is_match(t), want.is_match(t));
                    assert_eq!(
                        m.find(t).map(|m| m.range()),
                        want.find(t).map(|m| m.range())
                    );
                }
            }
            assert!(!deciding.has_full(), "pattern {i}");
        }
    }

    /// A pattern with Unicode word boundaries searches a text whose
    /// characters beyond ASCII are no word characters with ASCII ones, and
    /// compiles the pattern as written only for a text that has one; both
    /// answer as `regex` does on either side of each boundary.
    /// Moving the nodes with no Unicode word boundary under them as they
    /// are gives the tree that rebuilding every node gave, for every
    /// pattern a [`Matcher`] compiles from the data files.
    #[test]
    fn ascii_word_boundaries_rebuild_only_what_changes() {
        let mut patterns: Vec<String> = vec![
            VAGUE_SOURCES.pattern.clone(),
            crate::rules::source::ANONYMOUS.pattern.clone(),
            r"(?i)\bx\B(?:a|\b{start-half}b)\b{end-half}|(?-u:\b)c".into(),
        ];
        patterns.extend(
            words("claim-signals")
                .iter()
                .map(|re| format!(r"(?i)\b(?:{re})\b")),
        );
        for p in &patterns {
            let hir = parse(p);
            assert_eq!(
                ascii_word_boundaries(hir.clone()),
                rebuild_word_boundaries(hir, true),
                "{p}"
            );
        }
    }

    #[test]
    fn ascii_word_boundaries_stand_in_only_where_they_agree() {
        assert!(ascii_words_only("“Experts say” it’s so — ‘they’… \u{a0}"));
        assert!(!ascii_words_only("café"));
        assert!(!ascii_words_only("a\u{301}"), "a combining mark is \\w");
        assert!(!ascii_words_only("\u{212A}"));
        let p = r"(?i)\b(?:experts? say|we|off)\b";
        let want = regex::Regex::new(p).unwrap();
        for kind in [Kind::Exact, Kind::Scanning, Kind::Deciding] {
            let m = Matcher::new(p, kind);
            for t in ["“Experts say” so", "we’re off—now", "Experts say—"] {
                assert_eq!(
                    m.find(t).map(|f| f.range()),
                    want.find(t).map(|f| f.range())
                );
            }
            assert!(!m.has_unicode(), "no text needed the pattern as written");
            for t in ["café experts say", "weé off", "éwe", "officé", "Ωwe"] {
                assert_eq!(m.is_match(t), want.is_match(t), "{t}");
                assert_eq!(
                    m.find(t).map(|f| f.range()),
                    want.find(t).map(|f| f.range())
                );
            }
            assert!(m.has_unicode());
        }
        // Where the two readings differ, the ASCII form alone would be
        // wrong: that is what the stand-in must never be asked.
        let ascii = Matcher::exact(&format!("{}", ascii_word_boundaries(parse(p))));
        assert!(ascii.is_match("weé"));
        assert!(!want.is_match("weé"));
    }

    /// Every gate `build.rs` determinized is the gate of a list the engine
    /// reads (so it is loaded, not compiled: this fails when the build and
    /// the engine build a list's pattern differently), and answers as the
    /// compiled gate does on every line of the long draft in three casings
    /// and on texts that probe Unicode case folding.
    /// The prebuilt gates stay a small part of the binary, and of what a
    /// fresh process validates: one list's entries with open runs of words
    /// once made its gate 30 MB (see `PART_LIMIT` in `build.rs`).
    #[test]
    fn prebuilt_gates_are_small() {
        let bytes = prebuilt::bytes();
        assert!(bytes < 6 << 20, "the prebuilt gates take {bytes} bytes");
    }

    #[test]
    fn prebuilt_gates_are_the_engines_and_match_as_compiled() {
        // The two lists, and the anonymous-source frames (filled from
        // [anonymous-nouns] by `anonymous_pattern`, which `build.rs` runs
        // too).
        let lists = ["vague-sources", "claim-source-phrases", "anonymous-sources"];
        let prebuilt: Vec<&str> = prebuilt::patterns().collect();
        assert_eq!(prebuilt.len(), lists.len(), "a list's gate was not built");
        let draft = include_str!("../../../benches/data/draft-10k.md");
        let cases = include_str!("../../../tests/cases/source.anonymous.md");
        let mut texts: Vec<String> = Vec::new();
        for line in draft.lines().chain(cases.lines()) {
            texts.extend([line.to_owned(), line.to_uppercase(), line.to_lowercase()]);
        }
        for list in lists {
            let gated = if list == "anonymous-sources" {
                Gated::new(&crate::rules::source::ANONYMOUS.pattern)
            } else {
                patterns(list)
            };
            assert!(matches!(gated.gate, Gate::Prebuilt(_)), "[{list}] compiled");
            let gate = gate_pattern(&gated.pattern);
            assert!(prebuilt.contains(&gate.as_str()));
            let compiled = Matcher::scanning(&gate);
            let words: Vec<String> = words(list)
                .iter()
                .filter(|w| w.chars().all(|c| c.is_alphabetic() || c == ' '))
                .flat_map(|w| {
                    [
                        w.to_string(),
                        w.replace('s', "ſ"),
                        w.replace('k', "\u{212A}"),
                    ]
                })
                .collect();
            let mut opened = 0;
            for t in texts.iter().chain(&words) {
                assert_eq!(
                    gated.gate.is_match(t),
                    compiled.is_match(t),
                    "[{list}] on {t:?}"
                );
                opened += usize::from(compiled.is_match(t));
            }
            // The rule cases open the anonymous frames' gate.
            if list == "anonymous-sources" {
                assert!(opened > 10, "[{list}] opened on {opened} texts only");
            }
        }
    }

    /// The claim signals' DFAs `build.rs` determinized (ASCII word
    /// boundaries, classes without word characters beyond ASCII) answer as
    /// `regex::Regex` does, through the [`Matcher`] that loads them: on
    /// every line of the long draft, the held-out drafts and the rule
    /// cases, each as written, in two casings, with curly quotes and dashes
    /// (still ASCII words only, so the prebuilt DFA answers), and with a
    /// letter beyond ASCII after every fifth word (the pattern as written
    /// answers). `is_match` and `find` both.
    /// A test line as written, upper- and lower-cased, with curly quotes
    /// and dashes, and with a letter beyond ASCII after every fifth word:
    /// the forms the matchers must agree on.
    fn variants(line: &str) -> [String; 5] {
        let curly = line
            .replace('\'', "’")
            .replace(" - ", " — ")
            .replace('"', "“");
        let accented: Vec<String> = line
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i % 5 == 4 {
                    format!("{w}é")
                } else {
                    w.to_owned()
                }
            })
            .collect();
        [
            line.to_owned(),
            line.to_uppercase(),
            line.to_lowercase(),
            curly,
            accented.join(" "),
        ]
    }

    #[test]
    fn prebuilt_deciders_match_as_the_regex() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut lines: Vec<String> = include_str!("../../../benches/data/draft-10k.md")
            .lines()
            .map(str::to_owned)
            .collect();
        for dir in ["tests/corpus/heldout", "tests/cases"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("a test folder") {
                let text =
                    std::fs::read_to_string(entry.expect("an entry").path()).expect("a UTF-8 text");
                lines.extend(text.lines().map(str::to_owned));
            }
        }
        let mut texts: Vec<String> = Vec::new();
        for line in &lines {
            texts.extend(variants(line));
        }
        let deciders: Vec<(&str, usize)> = prebuilt::deciders().collect();
        assert!(deciders.len() >= 25, "{} prebuilt", deciders.len());
        let mut matched = 0;
        for (pattern, bytes) in deciders {
            // The largest is a vague-sources entry, forward and reverse
            // (394 KB).
            assert!(bytes < 448 << 10, "{pattern}: {bytes} bytes");
            let m = Matcher::deciding(pattern);
            assert!(
                m.ascii.as_ref().is_some_and(|e| e.prebuilt.is_some()),
                "{pattern} compiled"
            );
            let re = regex::Regex::new(pattern).expect("a signal parses");
            for t in &texts {
                let want = re.find(t).map(|f| (f.start(), f.end()));
                assert_eq!(m.is_match(t), want.is_some(), "{pattern} on {t:?}");
                assert_eq!(
                    m.find(t).map(|f| (f.start(), f.end())),
                    want,
                    "{pattern} on {t:?}"
                );
                matched += usize::from(want.is_some());
            }
        }
        assert!(matched > 100, "only {matched} matches to compare");
    }

    /// The vague sources searched entry by entry ([`Split`]) find what
    /// `regex::Regex` of the whole list finds, every match in order, on
    /// every line of the long draft, the held-out drafts, the dev drafts
    /// and the rule cases, as written, in two casings, with curly quotes
    /// and dashes (still ASCII words only: the parts answer), with a letter
    /// beyond ASCII after every fifth word (the pattern as written
    /// answers), and run together in threes (matches one after another).
    /// No entry matches the empty string, which the iteration relies on.
    #[test]
    fn split_list_finds_what_regex_finds() {
        let mut lines: Vec<String> = prefilter::corpus_files()
            .iter()
            .flat_map(|file| file.lines().map(str::to_owned))
            .collect();
        lines.extend(
            [
                "Experts say studies show critics argue that many people are saying so.",
                "experts sayexperts say experts say, studies show—studies show",
                "Rumours that the mayor and his deputy have been circulating spread.",
                "It’s widely believed; it's said to be, reportedly fled.",
            ]
            .map(String::from),
        );
        let mut texts: Vec<String> = Vec::new();
        for (k, line) in lines.iter().enumerate() {
            texts.extend(variants(line));
            if k % 3 == 2 {
                texts.push(lines[k - 2..=k].join(" "));
            }
        }
        let list = &*VAGUE_SOURCES;
        let (entries, _) = list.split.as_ref().expect("the vague sources are split");
        for e in entries {
            assert!(!regex::Regex::new(e).unwrap().is_match(""), "{e}");
        }
        let want = regex::Regex::new(&list.pattern).unwrap();
        let mut matched = 0;
        for t in &texts {
            let w: Vec<_> = want.find_iter(t).map(|m| m.range()).collect();
            let g: Vec<_> = list.find_iter(t).map(|m| m.range()).collect();
            assert_eq!(g, w, "{t:?}");
            assert_eq!(list.is_match(t), !w.is_empty(), "{t:?}");
            assert_eq!(list.find(t).map(|m| m.range()), w.first().cloned(), "{t:?}");
            matched += w.len();
        }
        assert!(matched > 200, "only {matched} matches to compare");
        let (_, parts) = list.split.as_ref().expect("split");
        assert!(parts.get().is_some(), "the parts never searched");
    }

    /// The class narrowing `build.rs` applies keeps what the ASCII form
    /// matches on a text with no word character beyond ASCII, and drops
    /// what it cannot meet there (`\w` beyond ASCII, the Kelvin sign).
    #[test]
    fn narrowed_classes_keep_every_ascii_words_match() {
        let narrowed = |p: &str| boundaries::ascii_words_narrowed(parse(p)).to_string();
        assert_eq!(narrowed(r"(?i)k"), narrowed(r"[Kk]"));
        assert_eq!(narrowed(r"\w"), narrowed(r"[0-9A-Z_a-z]"));
        let not_dot = Matcher::exact(&narrowed(r"[^.;]"));
        for c in ['’', '—', 'a', ' ', '\u{a0}'] {
            assert!(not_dot.is_match(&c.to_string()), "{c:?}");
        }
        assert!(!not_dot.is_match("é"));
    }

    #[test]
    fn every_list_the_engine_reads_is_in_a_data_file() {
        for name in [
            "subject-skip",
            "be",
            "noun-makers",
            "modals",
            "pronouns",
            "person-pronouns",
            "continuing-pronouns",
            "first-person",
            "anonymous-nouns",
            "anonymous-markers",
            "intro-nouns",
            "not-names",
            "sentence-openers",
            "elisions",
            "claim-subject-skip",
            "named-days",
            "claim-tail-words",
            "specific-subjects",
            "title-small-words",
            "title-cues",
            "phrase-stops",
            "date-words",
            "document-nouns",
            "organisation-nouns",
            "abbreviations",
            "speaker-titles",
            "reporting-verbs",
            "vague-sources",
            "anonymous-sources",
            "claim-signals",
            "not-speakers",
            "relatives",
            "articles",
            "definite-words",
            "back-pronouns",
            "crowd-voice-verbs",
        ] {
            assert!(!words(name).is_empty(), "{name}");
        }
        assert!(words("no-such-list").is_empty());
    }

    #[test]
    fn every_entry_is_in_a_list_and_every_list_name_once() {
        let mut names = Vec::new();
        for data in DATA {
            let first = entries(data).next().unwrap_or_default();
            assert!(
                list_name(first).is_some(),
                "a data file starts with {first:?}, not a [name]"
            );
            names.extend(entries(data).filter_map(list_name));
        }
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "a list name twice: {names:?}");
        // A pattern that opens with a class is an entry, not a list.
        assert_eq!(list_name("[a-z]+s (?:widely|generally)"), None);
        assert_eq!(list_name("[speaker-titles]"), Some("speaker-titles"));
    }

    /// Every file under `data/`, promo's included, parses under the one
    /// entry grammar (data/README.md): a `[name]` first, then entries of
    /// non-empty fields, each list with the number of fields and the kinds
    /// its readers take. A stray ` | ` in a pattern, an old `~`/`@` mark or
    /// `kind:` prefix, or a kind no reader knows fails here.
    #[test]
    fn every_data_file_parses_under_the_entry_grammar() {
        use std::ops::RangeInclusive;
        // `file:list`, how many positional fields, the kinds of the second
        // (empty: any text), and the options that may follow the positional
        // fields as named fields (`strip`, `store=` with a value). Every
        // other list takes one field.
        type Shape = (&'static str, RangeInclusive<usize>, &'static [&'static str]);
        let shapes: &[(Shape, &[&str])] = &[
            (("abbreviations.txt:abbreviations", 1..=2, &["weak"]), &[]),
            (
                (
                    "reporting_verbs.txt:reporting-verbs",
                    1..=2,
                    &["next-to-quote", "finding"],
                ),
                &[],
            ),
            (
                (
                    "anonymous_sources.txt:anonymous-nouns",
                    1..=2,
                    &["unnamed", "pronoun", "generic"],
                ),
                &[],
            ),
            (
                (
                    "claim_signals.txt:claim-signals",
                    2..=2,
                    &[
                        "cause", "reason", "trend", "sweep", "rank", "certain", "intent",
                        "compare", "stat",
                    ],
                ),
                // `model`: the entry flags only with the model's support.
                &["model"],
            ),
            (("affiliate_hosts.txt:hosts", 2..=3, &[]), &[]),
            (
                ("affiliate_params.txt:params", 2..=2, &[]),
                &["strip", "weak", "store="],
            ),
            (("affiliate_params.txt:path", 2..=2, &[]), &["store="]),
            (("tracking_params.txt:params", 2..=2, &[]), &[]),
            (("stores.txt:stores", 2..=2, &[]), &[]),
            (
                ("plug_prefixes.txt:labels", 1..=1, &[]),
                &["body", "caption", "slot", "schedule"],
            ),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut files = Vec::new();
        for dir in [root.clone(), root.join("promo")] {
            for e in std::fs::read_dir(&dir).expect("data/ is there") {
                let path = e.expect("a readable entry").path();
                if path.extension().is_some_and(|x| x == "txt") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() >= 20, "only {} data files", files.len());
        let mut bad = Vec::new();
        for path in &files {
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            let text = std::fs::read_to_string(path).expect("UTF-8");
            let mut list = None;
            for line in text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                if let Some(name) = list_name(line) {
                    list = Some(format!("{file}:{name}"));
                    continue;
                }
                let Some(list) = &list else {
                    bad.push(format!("{file}: {line:?} before any [name]"));
                    continue;
                };
                let f = fields(line);
                let ((_, count, kinds), options) = shapes
                    .iter()
                    .find(|((name, ..), _)| name == list)
                    .map_or((("", 1..=1, &[][..]), &[][..]), |((n, c, k), o)| {
                        ((*n, c.clone(), *k), *o)
                    });
                // Options are the trailing fields an option list names: a
                // bare word, or `key=` followed by a value.
                let is_option = |x: &str| {
                    options.iter().any(|o| match o.strip_suffix('=') {
                        Some(key) => x
                            .strip_prefix(key)
                            .and_then(|v| v.strip_prefix('='))
                            .is_some_and(|v| !v.is_empty()),
                        None => x == *o,
                    })
                };
                let positional = f.len() - f.iter().rev().take_while(|x| is_option(x)).count();
                let kind_ok = kinds.is_empty() || f.get(1).is_none_or(|k| kinds.contains(k));
                let marked = (!kinds.is_empty() || !options.is_empty())
                    && (line.starts_with(['~', '@']) || line.contains(" @"));
                if !count.contains(&positional)
                    || f.iter().any(|x| x.is_empty())
                    || !kind_ok
                    || marked
                {
                    bad.push(format!("{list}: {line:?} as {f:?}"));
                }
            }
        }
        assert!(
            bad.is_empty(),
            "entries off the grammar:\n{}",
            bad.join("\n")
        );
        // What the grammar says of bars.
        assert_eq!(fields("a|b | kind"), vec!["a|b", "kind"]);
        assert_eq!(fields("(?:x |y) | cause"), vec!["(?:x |y)", "cause"]);
        assert_eq!(
            fields("tag | Amazon | strip | store=Amazon"),
            vec!["tag", "Amazon", "strip", "store=Amazon"]
        );
        assert_eq!(fields("word"), vec!["word"]);
    }

    #[test]
    fn lists_parse() {
        assert_eq!(ABBREVIATIONS.get("Sen"), Some(&Abbrev::Strong));
        assert_eq!(ABBREVIATIONS.get("p.m"), Some(&Abbrev::Weak));
        assert_eq!(REPORTING_VERBS.use_of("told"), Some(VerbUse::Speech));
        assert_eq!(
            REPORTING_VERBS.use_of("answers"),
            Some(VerbUse::NextToQuote)
        );
        assert_eq!(REPORTING_VERBS.use_of("found"), Some(VerbUse::Finding));
        assert_eq!(REPORTING_VERBS.form("says"), VerbForm::ThirdPerson);
        assert_eq!(REPORTING_VERBS.form("say"), VerbForm::Base);
        assert_eq!(REPORTING_VERBS.use_of("shows"), Some(VerbUse::Finding));
        let mut extra = ReportingVerbs::default();
        assert!(extra.add_entry("retort retorted | next-to-quote"));
        assert!(extra.add_entry("~snap snapped"));
        assert!(extra.add_entry("@reveal revealed"));
        assert!(!extra.add_entry("opine opined | sometimes"));
        assert_eq!(extra.use_of("retorted"), Some(VerbUse::NextToQuote));
        assert_eq!(extra.use_of("snapped"), Some(VerbUse::NextToQuote));
        assert_eq!(extra.use_of("revealed"), Some(VerbUse::Finding));
        assert_eq!(extra.use_of("opined"), None);
        assert!(VAGUE_SOURCES.is_match("Studies show that rates fell"));
        assert!(VAGUE_SOURCES.is_match("It is widely believed among teachers"));
        assert!(!VAGUE_SOURCES.is_match("The study, published Tuesday, covered 400 people"));
    }

    #[test]
    fn gates_drop_only_word_boundaries_and_bounds() {
        assert_eq!(
            gate_pattern(r"(?i)\b(?:a\Bb|\\b\d)\b{end-half}x"),
            r"(?i)(?:ab|\\b\d)x"
        );
        assert_eq!(
            gate_pattern(r"\bx[^.;{]{0,70}?\d{4}\p{L}{1,2}[]{]\x{41}a{,3}\b"),
            r"x[^.;{]*?\d+\p{L}+[]{]\x{41}a{,3}"
        );
        let g = Gated::new(r"(?i)\b(?:always|never)\b");
        // The gate lets `nevermore` through; the exact pattern does not match it.
        assert!(g.gate.is_match("nevermore"));
        assert!(!g.is_match("nevermore"));
        assert!(g.is_match("It’s always “sunny”"));
        assert_eq!(g.find("café never").map(|m| m.start()), Some(6));
        assert!(g.find("alwaysé").is_none());
        let all: Vec<&str> = g
            .find_iter("never, always; nevermore")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(all, vec!["never", "always"]);
    }
}
