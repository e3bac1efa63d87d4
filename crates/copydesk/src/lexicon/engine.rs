//! A compiled-in pattern's regex, as `regex_automata::meta` builds it for
//! copydesk's settings (no literal prefilter, no one-pass or full DFA),
//! with its reverse automaton compiled only when a match's start is first
//! needed.
//!
//! `meta` compiles two Thompson NFAs for every regex: the forward one, and
//! a reverse one whose lazy DFA finds where a match starts once the
//! forward lazy DFA has found where it ends. The reverse NFA costs as much
//! as the forward one (52.8 M against 50.9 M instructions in a fresh
//! process's check of the 10,000-word draft), and most of the promo lists
//! compiled for a draft never match in it: their searches end at the
//! forward lazy DFA's "no match". So the reverse NFA and its lazy DFA are
//! built the first time a search finds a match whose start is not known.
//!
//! The searches are `meta`'s `Core` strategy for these settings, step by
//! step (`meta/strategy.rs`): the forward lazy DFA, then the reverse one
//! anchored at the match's end, and where a lazy DFA gives up, the bounded
//! backtracker (when the text fits it) or the PikeVM; capture groups are
//! read by those two over the match alone. Every engine finds the same
//! leftmost-first matches, so the answers are `meta`'s (and `regex`'s);
//! the tests compare them on every compiled-in list and the long draft.
//!
//! Nothing here does IO.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, backtrack, pikevm, WhichCaptures, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::iter;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::{Anchored, Input, Match, MatchKind};
use regex_syntax::hir::Hir;

/// See the module documentation.
pub struct Regex {
    nfa: NFA,
    /// `None` when the lazy DFA cannot be built (then, as in `meta`, the
    /// NFA engines search alone).
    fwd: Option<hybrid::dfa::DFA>,
    /// The reverse lazy DFA, built on first need from `hir`; `None` inside
    /// when it cannot be built.
    rev: OnceLock<Option<hybrid::dfa::DFA>>,
    hir: Hir,
    /// `None` when the regex was built without it (`meta`'s
    /// `backtrack(false)`).
    backtrack: Option<backtrack::BoundedBacktracker>,
    pikevm: pikevm::PikeVM,
    nfa_size_limit: usize,
    cache_capacity: usize,
    pool: Pool<Cache, CacheFn>,
}

/// One thread's search state. The NFA engines' caches are made on their
/// first use, as `meta` makes them: most searches never reach them.
struct Cache {
    fwd: Option<hybrid::dfa::Cache>,
    rev: Option<hybrid::dfa::Cache>,
    backtrack: Option<backtrack::Cache>,
    pikevm: Option<pikevm::Cache>,
}

type CacheFn = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A lazy DFA gave up on this text (`meta`'s `RetryFailError`).
struct GaveUp;

impl From<regex_automata::MatchError> for GaveUp {
    fn from(_: regex_automata::MatchError) -> GaveUp {
        GaveUp
    }
}

/// How [`Regex::new`] builds, as the `meta::Config` it stands for.
pub struct Options {
    pub which_captures: WhichCaptures,
    /// `meta::Config::backtrack`.
    pub backtrack: bool,
    pub nfa_size_limit: usize,
    /// `meta::Config::hybrid_cache_capacity`.
    pub cache_capacity: usize,
}

impl Regex {
    /// Compile `hir`, or say why not (a bad pattern is a bug in the
    /// compiled-in data: the callers panic).
    pub fn new(hir: Hir, options: Options) -> Result<Regex, Box<thompson::BuildError>> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson_config(options.nfa_size_limit).which_captures(options.which_captures),
            )
            .build_from_hir(&hir)
            .map_err(Box::new)?;
        let fwd = hybrid::dfa::Builder::new()
            .configure(dfa_config(options.cache_capacity).match_kind(MatchKind::LeftmostFirst))
            .build_from_nfa(nfa.clone())
            .ok();
        let backtrack = options
            .backtrack
            .then(|| {
                backtrack::Builder::new()
                    .build_from_nfa(nfa.clone())
                    .map_err(Box::new)
            })
            .transpose()?;
        let pikevm = pikevm::Builder::new()
            .configure(pikevm::Config::new().match_kind(MatchKind::LeftmostFirst))
            .build_from_nfa(nfa.clone())
            .map_err(Box::new)?;
        let dfa = fwd.clone();
        let create: CacheFn = Box::new(move || Cache {
            fwd: dfa.as_ref().map(hybrid::dfa::DFA::create_cache),
            rev: None,
            backtrack: None,
            pikevm: None,
        });
        Ok(Regex {
            nfa,
            fwd,
            rev: OnceLock::new(),
            hir,
            backtrack,
            pikevm,
            nfa_size_limit: options.nfa_size_limit,
            cache_capacity: options.cache_capacity,
            pool: Pool::new(create),
        })
    }

    /// The reverse lazy DFA, built now if this is the first match whose
    /// start was needed (`meta` configures it so, beside the forward one).
    fn rev(&self) -> Option<&hybrid::dfa::DFA> {
        self.rev
            .get_or_init(|| {
                let nfa = thompson::Compiler::new()
                    .configure(
                        thompson_config(self.nfa_size_limit)
                            .which_captures(WhichCaptures::None)
                            .reverse(true),
                    )
                    .build_from_hir(&self.hir)
                    .ok()?;
                hybrid::dfa::Builder::new()
                    .configure(dfa_config(self.cache_capacity).match_kind(MatchKind::All))
                    .build_from_nfa(nfa)
                    .ok()
            })
            .as_ref()
    }

    /// Build the reverse automaton now, if it is not built yet: what the
    /// first match whose start is needed would do (see
    /// `rules::promo::build_reverses`).
    pub fn build_reverse(&self) {
        self.rev();
    }

    /// Whether the reverse automaton has been built (for the tests).
    #[cfg(test)]
    pub(crate) fn has_reverse(&self) -> bool {
        self.rev.get().is_some()
    }

    pub fn is_match(&self, input: Input<'_>) -> bool {
        let input = input.earliest(true);
        let mut cache = self.pool.get();
        if let (Some(fwd), Some(c)) = (&self.fwd, cache.fwd.as_mut()) {
            if let Ok(found) = fwd.try_search_fwd(c, &input) {
                return found.is_some();
            }
        }
        match self.backtracker(&input) {
            Some(b) => b
                .try_is_match(backtrack_cache(&mut cache, b), input)
                .unwrap_or(false),
            None => self
                .pikevm
                .is_match(pikevm_cache(&mut cache, &self.pikevm), input),
        }
    }

    /// The leftmost-first match in `input`.
    pub fn find(&self, input: Input<'_>) -> Option<Match> {
        let mut cache = self.pool.get();
        self.search(&mut cache, &input)
    }

    /// Every match, left to right, as `meta::Regex::find_iter`.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match> + 'r
    where
        't: 'r,
    {
        let mut cache = self.pool.get();
        let mut it = iter::Searcher::new(Input::new(text));
        std::iter::from_fn(move || it.advance(|input| Ok(self.search(&mut cache, input))))
    }

    pub fn create_captures(&self) -> Captures {
        Captures::all(self.nfa.group_info().clone())
    }

    /// The leftmost-first match in `input` and its capture groups, into
    /// `caps` (no match: `caps.is_match()` is false).
    pub fn captures(&self, input: Input<'_>, caps: &mut Captures) {
        let mut cache = self.pool.get();
        self.search_captures(&mut cache, &input, caps);
    }

    /// Every match and its groups, left to right, as
    /// `meta::Regex::captures_iter`.
    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures> + 'r
    where
        't: 'r,
    {
        let mut cache = self.pool.get();
        let mut caps = self.create_captures();
        let mut it = iter::Searcher::new(Input::new(text));
        std::iter::from_fn(move || {
            let _ = it.advance(|input| {
                self.search_captures(&mut cache, input, &mut caps);
                Ok(caps.get_match())
            });
            caps.is_match().then(|| caps.clone())
        })
    }

    /// `Core::search`: the lazy DFAs, else the NFA engines.
    fn search(
        &self,
        cache: &mut PoolGuard<'_, Cache, CacheFn>,
        input: &Input<'_>,
    ) -> Option<Match> {
        match self.try_search_dfas(cache, input) {
            Ok(found) => found,
            Err(GaveUp) => self.search_nfa(cache, input, None),
        }
    }

    /// `Core::search_slots`: the match's bounds by the lazy DFAs, then its
    /// groups by an NFA engine over the match alone.
    fn search_captures(
        &self,
        cache: &mut PoolGuard<'_, Cache, CacheFn>,
        input: &Input<'_>,
        caps: &mut Captures,
    ) {
        let input = match self.try_search_dfas(cache, input) {
            Ok(None) => {
                caps.set_pattern(None);
                return;
            }
            Ok(Some(m)) => input
                .clone()
                .span(m.start()..m.end())
                .anchored(Anchored::Pattern(m.pattern())),
            Err(GaveUp) => input.clone(),
        };
        self.search_nfa(cache, &input, Some(caps));
    }

    /// `hybrid::regex::Regex::try_search`, with the reverse DFA built
    /// only past the forward DFA's "no match".
    fn try_search_dfas(
        &self,
        cache: &mut Cache,
        input: &Input<'_>,
    ) -> Result<Option<Match>, GaveUp> {
        let (Some(fwd), Some(fcache)) = (&self.fwd, cache.fwd.as_mut()) else {
            return Err(GaveUp);
        };
        let Some(end) = fwd.try_search_fwd(fcache, input)? else {
            return Ok(None);
        };
        let pattern = end.pattern();
        if input.start() == end.offset() {
            return Ok(Some(Match::new(pattern, end.offset()..end.offset())));
        }
        let anchored = match input.get_anchored() {
            Anchored::No => self.nfa.is_always_start_anchored(),
            Anchored::Yes | Anchored::Pattern(_) => true,
        };
        if anchored {
            return Ok(Some(Match::new(pattern, input.start()..end.offset())));
        }
        let rev = self.rev().ok_or(GaveUp)?;
        let rcache = cache.rev.get_or_insert_with(|| rev.create_cache());
        let back = input
            .clone()
            .span(input.start()..end.offset())
            .anchored(Anchored::Yes)
            .earliest(false);
        let start = rev.try_search_rev(rcache, &back)?.ok_or(GaveUp)?;
        Ok(Some(Match::new(pattern, start.offset()..end.offset())))
    }

    /// `Core::search_nofail` and `search_slots_nofail`: the bounded
    /// backtracker where the text fits it, else the PikeVM; with `caps`,
    /// the groups into it.
    fn search_nfa(
        &self,
        cache: &mut Cache,
        input: &Input<'_>,
        caps: Option<&mut Captures>,
    ) -> Option<Match> {
        let mut own;
        let caps = match caps {
            Some(caps) => caps,
            None => {
                own = Captures::matches(self.nfa.group_info().clone());
                &mut own
            }
        };
        let pid = match self.backtracker(input) {
            Some(b) => b
                .try_search_slots(backtrack_cache(cache, b), input, caps.slots_mut())
                .ok(),
            None => None,
        };
        let pid = match pid {
            Some(pid) => pid,
            // No backtracker for this text (or, never seen, one that
            // found it too long after all): the PikeVM.
            None => {
                let c = pikevm_cache(cache, &self.pikevm);
                self.pikevm.search_slots(c, input, caps.slots_mut())
            }
        };
        caps.set_pattern(pid);
        caps.get_match()
    }

    /// The backtracker, if `meta` would use it on this text.
    fn backtracker(&self, input: &Input<'_>) -> Option<&backtrack::BoundedBacktracker> {
        let b = self.backtrack.as_ref()?;
        if input.get_earliest() && input.haystack().len() > 128 {
            return None;
        }
        (input.get_span().len() <= b.max_haystack_len()).then_some(b)
    }
}

fn backtrack_cache<'c>(
    cache: &'c mut Cache,
    b: &backtrack::BoundedBacktracker,
) -> &'c mut backtrack::Cache {
    cache.backtrack.get_or_insert_with(|| b.create_cache())
}

fn pikevm_cache<'c>(cache: &'c mut Cache, p: &pikevm::PikeVM) -> &'c mut pikevm::Cache {
    cache.pikevm.get_or_insert_with(|| p.create_cache())
}

/// `meta::Config::to_thompson_config` for these settings.
fn thompson_config(nfa_size_limit: usize) -> thompson::Config {
    thompson::Config::new()
        .utf8(true)
        .nfa_size_limit(Some(nfa_size_limit))
        .shrink(false)
}

/// `meta`'s lazy DFAs (`meta/wrappers.rs`, `HybridEngine::new`), with no
/// prefilter.
fn dfa_config(cache_capacity: usize) -> hybrid::dfa::Config {
    hybrid::dfa::Config::new()
        .starts_for_each_pattern(true)
        .byte_classes(true)
        .unicode_word_boundary(true)
        .specialize_start_states(false)
        .cache_capacity(cache_capacity)
        .skip_cache_capacity_check(false)
        .minimum_cache_clear_count(Some(3))
        .minimum_bytes_per_state(Some(10))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(pattern: &str, which_captures: WhichCaptures, backtrack: bool) -> Regex {
        let hir = regex_automata::util::syntax::parse_with(
            pattern,
            &regex_automata::util::syntax::Config::new().utf8(true),
        )
        .unwrap();
        Regex::new(
            hir,
            Options {
                which_captures,
                backtrack,
                nfa_size_limit: 1 << 24,
                cache_capacity: 2 * (1 << 20),
            },
        )
        .unwrap()
    }

    /// Every search answers as `regex::Regex` does, with every group, on
    /// patterns that match the empty string, are anchored, or use a
    /// Unicode word boundary the lazy DFA gives up on beside a letter
    /// beyond ASCII; with and without the backtracker, and on a text too
    /// long for it.
    #[test]
    fn searches_answer_as_regex_does() {
        let patterns = [
            r"(?i)\b(?P<w>save|buy) (?P<n>\d+)%?\b",
            r"x*",
            r"(?:a|)b?",
            r"^(?P<label>trending|read more):\s+",
            r"(?i)\bcafé\b|\bnaïve\b|\w+ly\b",
            r"(?m)\.$|;\s*$",
            r"(?P<a>[^.!?]*?)(?P<end>[.!?])",
            r"\b{start-half}\$\d+(?:\.\d\d)?\b{end-half}",
        ];
        let long = "Save 20% now. ".repeat(2000);
        let texts = [
            "",
            "Save 20% and BUY 3 today. ÉCLAIR café naïve quickly.",
            "Trending: x xx b ab a. ;  \nnext. $19.99 and x$5",
            "résumé café, naïvely; quietly. Done!",
            "日本語 ab b x.",
            long.as_str(),
        ];
        for p in patterns {
            let want = regex::Regex::new(p).unwrap();
            for (captures, backtrack) in [
                (WhichCaptures::All, true),
                (WhichCaptures::All, false),
                (WhichCaptures::Implicit, true),
            ] {
                let got = build(p, captures, backtrack);
                for t in texts {
                    assert_eq!(
                        got.is_match(Input::new(t)),
                        want.is_match(t),
                        "{p} on {t:?}"
                    );
                    let g: Vec<_> = got.find_iter(t).map(|m| m.range()).collect();
                    let w: Vec<_> = want.find_iter(t).map(|m| m.range()).collect();
                    assert_eq!(g, w, "{p} on {t:?}");
                    for start in [0, 1, 7, 20] {
                        let range = start.min(t.len())..t.len();
                        if !t.is_char_boundary(range.start) {
                            continue;
                        }
                        let g = got.find(Input::new(t).range(range.clone()));
                        let w = want.find_at(t, range.start);
                        assert_eq!(g.map(|m| m.range()), w.map(|m| m.range()), "{p} on {t:?}");
                    }
                    if !matches!(captures, WhichCaptures::All) {
                        continue;
                    }
                    let groups = |caps: &Captures| -> Vec<Option<std::ops::Range<usize>>> {
                        (0..caps.group_len())
                            .map(|i| caps.get_group(i).map(|s| s.range()))
                            .collect()
                    };
                    let g: Vec<_> = got.captures_iter(t).map(|c| groups(&c)).collect();
                    let w: Vec<_> = want
                        .captures_iter(t)
                        .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                        .collect();
                    assert_eq!(g, w, "{p} on {t:?}");
                    let mut caps = got.create_captures();
                    got.captures(Input::new(t), &mut caps);
                    let w = want
                        .captures(t)
                        .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>());
                    assert_eq!(caps.is_match().then(|| groups(&caps)), w, "{p} on {t:?}");
                }
            }
        }
    }

    /// The reverse automaton waits for a match whose start is needed:
    /// asking whether it matches, and searching where it does not, build
    /// none.
    #[test]
    fn the_reverse_automaton_waits_for_a_match() {
        let re = build(r"(?i)\bsave (?P<n>\d+)%", WhichCaptures::All, true);
        assert!(!re.is_match(Input::new("nothing to see")));
        assert!(re.is_match(Input::new("Save 20% now")));
        assert!(re.find(Input::new("nothing")).is_none());
        assert_eq!(re.find_iter("no sale").count(), 0);
        let mut caps = re.create_captures();
        re.captures(Input::new("no sale"), &mut caps);
        assert!(!caps.is_match());
        assert!(!re.has_reverse());
        let m = re.find(Input::new("so: save 20% now")).unwrap();
        assert_eq!(m.range(), 4..12);
        assert!(re.has_reverse());
    }
}
