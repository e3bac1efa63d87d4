//! Many regular expressions, one pass: a literal prefilter.
//!
//! Every pattern in a [`Prefiltered`] set is read once, at build time, for a
//! set of *necessary literals*: strings one of which occurs in every text
//! the pattern matches (`because` for `\bbecause(?: of)?\b`; `year`, `day`,
//! `month`, `week`, `season` for a rate "… per year"). All the sets go into
//! one Aho-Corasick automaton, so one pass over a sentence says which
//! patterns can match it at all ([`Prefiltered::candidates`]), and only
//! those are run, each as its exact regex, compiled the first time it is
//! needed. A pattern with no usable literal is searched through a gate
//! regex instead (see [`super::gate_pattern`]).
//!
//! The literals are taken from the pattern's syntax tree (`regex-syntax`,
//! in [`super::literals`], which `build.rs` also runs on the compiled-in
//! claim signals and promo list entries, so a fresh process need not parse
//! them; a pattern with no metacharacter is read without parsing), never written
//! by hand, so a list entry cannot fall out of step with its
//! prefilter. Soundness: an ASCII letter is matched ASCII-case-insensitively
//! by the automaton, and every other member of a case-folded class (the
//! Kelvin sign for `k`, the long s for `s`) becomes a literal of its own, so
//! where the automaton finds nothing the pattern cannot match.
//! `tests` below and the claim and source rules' case tests hold this.
//!
//! *The automaton.* For the two compiled-in sets (the claim signals, the
//! promo pieces) `build.rs` has already built it, of every literal those
//! sets can hold ([`super::automaton`]): a fresh process reads its tables
//! in place instead of building `aho-corasick`'s (35 M instructions for
//! both). Any other set, or one holding a literal the prebuilt automaton
//! lacks, builds its own as before; both find the same (tested).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::automaton::{Automaton, NONE};
use super::literals;
pub use super::literals::necessary_literals;
use super::Matcher;

/// Patterns per set: the candidate bitset is fixed-size. The promo lists
/// passed 256 entries with calls to action and sponsor credits, and 512
/// with session 13's shapes (referral paths aside, they are list entries).
pub const MAX_PATTERNS: usize = 768;

/// A set of regular expressions searched through one literal prefilter.
pub struct Prefiltered {
    patterns: Vec<String>,
    exact: Vec<OnceLock<Matcher>>,
    /// What finds the literals: literal `i` belongs to `owners[i]` patterns.
    search: Search,
    owners: Vec<Vec<u16>>,
    /// Patterns that are a few whole words and nothing else (see
    /// [`literals::of_pattern`]): their literals are every string they
    /// match, so a literal found between word boundaries *is* a match, and their
    /// regexes are never compiled for [`Prefiltered::is_match`].
    words_only: Candidates,
    /// Patterns with no necessary literal, each searched through its gate
    /// (see [`super::gate_pattern`]) instead.
    gates: Vec<(usize, Matcher)>,
}

/// How a set's literals are found.
enum Search {
    /// No pattern has a literal.
    Nothing,
    /// The automaton `build.rs` built of every compiled-in pattern's
    /// literals (see [`super::automaton`]), and each of its literals' number
    /// here ([`NONE`] for one this set does not hold): no automaton to build
    /// at start-up.
    Prebuilt {
        set: &'static Automaton<'static>,
        local: Vec<u32>,
    },
    /// An automaton built here, for a set with a literal `build.rs` did not
    /// read.
    Built(AhoCorasick),
}

/// Which patterns of a [`Prefiltered`] set can match a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Candidates([u64; MAX_PATTERNS / 64]);

/// What one pass found in a text: the patterns that can match it, and of
/// those, the whole-word patterns that do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hits {
    pub candidates: Candidates,
    matched: Candidates,
}

impl Candidates {
    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// The candidates' indices, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let bit = w.trailing_zeros() as usize;
                    w &= w - 1;
                    k * 64 + bit
                })
            })
        })
    }
}

impl Prefiltered {
    /// Build the prefilter for `patterns` (regex syntax). Panics on a
    /// pattern that does not parse or on more than [`MAX_PATTERNS`]: the
    /// patterns are compiled-in data, and the tests build every set.
    pub fn new<S: Into<String>>(patterns: impl IntoIterator<Item = S>) -> Prefiltered {
        Prefiltered::build(patterns, false)
    }

    /// [`Prefiltered::new`] for texts the caller has made ASCII lower case:
    /// the literals are lowered once here and the automaton compares bytes
    /// exactly, which walks fewer transitions than matching either case.
    /// [`Prefiltered::candidates`] must then be given lowered text.
    pub fn new_lowered<S: Into<String>>(patterns: impl IntoIterator<Item = S>) -> Prefiltered {
        Prefiltered::build(patterns, true)
    }

    fn build<S: Into<String>>(patterns: impl IntoIterator<Item = S>, lowered: bool) -> Prefiltered {
        Prefiltered::build_with(patterns, lowered, true)
    }

    /// [`Prefiltered::new`] or [`Prefiltered::new_lowered`] with the
    /// literals' automaton built here, never the prebuilt one (for the
    /// tests: the two must find the same).
    #[cfg(test)]
    pub(crate) fn new_built<S: Into<String>>(
        patterns: impl IntoIterator<Item = S>,
        lowered: bool,
    ) -> Prefiltered {
        Prefiltered::build_with(patterns, lowered, false)
    }

    /// Whether the literals are found by the automaton `build.rs` built.
    pub fn is_prebuilt(&self) -> bool {
        matches!(self.search, Search::Prebuilt { .. })
    }

    fn build_with<S: Into<String>>(
        patterns: impl IntoIterator<Item = S>,
        lowered: bool,
        prebuilt: bool,
    ) -> Prefiltered {
        let patterns: Vec<String> = patterns.into_iter().map(Into::into).collect();
        assert!(
            patterns.len() <= MAX_PATTERNS,
            "a prefiltered set holds at most {MAX_PATTERNS} patterns"
        );
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u16>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut gates = Vec::new();
        let mut words_only = Candidates::default();
        for (i, p) in patterns.iter().enumerate() {
            // Read by `build.rs` for the compiled-in sets, else here.
            let (whole, literals_of) =
                super::prebuilt::literals(p).unwrap_or_else(|| literals::of_pattern(p));
            if whole {
                words_only.insert(i);
            }
            match literals_of {
                Some(set) => {
                    for mut lit in set {
                        if lowered {
                            lit.make_ascii_lowercase();
                        }
                        let k = *index.entry(lit.clone()).or_insert_with(|| {
                            literals.push(lit);
                            owners.push(Vec::new());
                            literals.len() - 1
                        });
                        owners[k].push(i as u16);
                    }
                }
                None => gates.push((i, Matcher::scanning(&super::gate_pattern(p)))),
            }
        }
        // A lowered set is searched in lowered text, exactly; any other
        // with its ASCII letters in either case.
        let found = prebuilt
            .then(|| super::prebuilt::literal_set(!lowered, &literals))
            .flatten();
        let search = if literals.is_empty() {
            Search::Nothing
        } else if let Some((set, ids)) = found {
            let mut local = vec![NONE; set.len()];
            for (k, &id) in ids.iter().enumerate() {
                local[id as usize] = k as u32;
            }
            Search::Prebuilt { set, local }
        } else {
            Search::Built(
                AhoCorasick::builder()
                    .ascii_case_insensitive(!lowered)
                    .match_kind(MatchKind::Standard)
                    // The contiguous NFA: a full DFA of a thousand literals
                    // ran a little faster but took 2 MB and 80 M instructions
                    // to build, against the start-up and memory targets.
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&literals)
                    .expect("literal prefilter builds"),
            )
        };
        Prefiltered {
            exact: patterns.iter().map(|_| OnceLock::new()).collect(),
            patterns,
            search,
            owners,
            words_only,
            gates,
        }
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The patterns that can match `text`: a superset of those that do.
    pub fn candidates(&self, text: &str) -> Candidates {
        self.hits(text).candidates
    }

    /// One pass over `text`: the candidates, and the whole-word patterns
    /// that match (found between word boundaries).
    pub fn hits(&self, text: &str) -> Hits {
        let mut out = Hits::default();
        for (i, gate) in &self.gates {
            if gate.is_match(text) {
                out.candidates.insert(*i);
            }
        }
        let mut found = |k: usize, start: usize, end: usize| {
            let mut bounded = None;
            for &o in &self.owners[k] {
                let o = usize::from(o);
                out.candidates.insert(o);
                if self.words_only.contains(o)
                    && *bounded.get_or_insert_with(|| {
                        word_boundary(text, start) && word_boundary(text, end)
                    })
                {
                    out.matched.insert(o);
                }
            }
        };
        match &self.search {
            Search::Nothing => {}
            Search::Prebuilt { set, local } => {
                set.for_each_match(text.as_bytes(), |lit, start, end| {
                    let k = local[lit];
                    if k != NONE {
                        found(k as usize, start, end);
                    }
                })
            }
            Search::Built(ac) => {
                for m in ac.find_overlapping_iter(text) {
                    found(m.pattern().as_usize(), m.start(), m.end());
                }
            }
        }
        out
    }

    /// Pattern `i`'s exact regex, compiled on first use (without a
    /// prefilter of its own: it runs only where the automaton says it may
    /// match), and only for `is_match` until a caller asks where it
    /// matches (see [`Matcher::deciding`]).
    pub fn regex(&self, i: usize) -> &Matcher {
        self.exact[i].get_or_init(|| Matcher::deciding(&self.patterns[i]))
    }

    /// Whether pattern `i`'s regex has been compiled.
    pub fn is_compiled(&self, i: usize) -> bool {
        self.exact[i].get().is_some()
    }

    /// Whether pattern `i` matches `text`, given `text`'s [`Hits`]: a
    /// whole-word pattern is decided by them, any other runs its regex
    /// when it is a candidate.
    pub fn is_match(&self, i: usize, text: &str, hits: &Hits) -> bool {
        if self.words_only.contains(i) {
            hits.matched.contains(i)
        } else {
            hits.candidates.contains(i) && self.regex(i).is_match(text)
        }
    }

    /// Whether pattern `i` is decided by its literals alone.
    pub fn is_whole_words(&self, i: usize) -> bool {
        self.words_only.contains(i)
    }

    /// Pattern `i` as given.
    #[cfg(test)]
    pub fn pattern(&self, i: usize) -> &str {
        &self.patterns[i]
    }

    /// Whether pattern `i` has necessary literals (else a gate regex
    /// stands in for them).
    pub fn has_literals(&self, i: usize) -> bool {
        !self.gates.iter().any(|&(g, _)| g == i)
    }
}

/// Whether `at` is a Unicode word boundary in `text`, as the regex crate's
/// `\b` reads it: a word character on one side and not on the other (the
/// ends of the text count as non-word).
fn word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at]
        .chars()
        .next_back()
        .is_some_and(regex_syntax::is_word_character);
    let after = text[at..]
        .chars()
        .next()
        .is_some_and(regex_syntax::is_word_character);
    before != after
}

/// For the tests of the compiled-in sets: `patterns`' literals are all in
/// the automaton `build.rs` built, and on every text the set finds with it
/// what it finds with an automaton built at run time. The number of texts
/// with a candidate.
#[cfg(test)]
pub(crate) fn assert_prebuilt_finds_as_built(
    patterns: &[String],
    lowered: bool,
    texts: &[String],
) -> usize {
    let prebuilt = Prefiltered::build_with(patterns.iter().cloned(), lowered, true);
    let built = Prefiltered::new_built(patterns.iter().cloned(), lowered);
    assert!(
        prebuilt.is_prebuilt(),
        "not in build.rs's automaton: {:?}",
        {
            let mut missing = Vec::new();
            for p in patterns {
                let lits = super::prebuilt::literals(p)
                    .unwrap_or_else(|| literals::of_pattern(p))
                    .1
                    .unwrap_or_default();
                for mut l in lits {
                    if lowered {
                        l.make_ascii_lowercase();
                    }
                    if super::prebuilt::literal_set(!lowered, std::slice::from_ref(&l)).is_none() {
                        missing.push((p.clone(), String::from_utf8_lossy(&l).into_owned()));
                    }
                }
            }
            missing
        }
    );
    assert!(!built.is_prebuilt());
    let mut with = 0;
    for text in texts {
        let want = built.hits(text);
        assert_eq!(prebuilt.hits(text), want, "{text:?}");
        with += usize::from(!want.candidates.is_empty());
    }
    with
}

/// The whole files those tests read: the long draft, the held-out drafts,
/// the rule cases and the dev drafts (when this machine has them).
#[cfg(test)]
pub(crate) fn corpus_files() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut files = vec![include_str!("../../../../benches/data/draft-10k.md").to_owned()];
    for dir in [
        "tests/corpus/heldout",
        "tests/cases",
        "../shared/corpus/dev",
    ] {
        let Ok(read) = std::fs::read_dir(format!("{root}/{dir}")) else {
            assert!(dir.starts_with(".."), "{dir}");
            continue;
        };
        for entry in read {
            if let Ok(text) = std::fs::read_to_string(entry.expect("an entry").path()) {
                files.push(text);
            }
        }
    }
    files
}

/// Texts for those tests: every line and every whole file of
/// [`corpus_files`], each as written, upper case, lower case, and with
/// curly quotes and dashes.
#[cfg(test)]
pub(crate) fn corpus_texts() -> Vec<String> {
    let files = corpus_files();
    let mut texts = Vec::new();
    for file in &files {
        for text in file.lines().chain([file.as_str()]) {
            let curly = text
                .replace('\'', "’")
                .replace(" - ", " — ")
                .replace('"', "“");
            texts.extend([
                text.to_owned(),
                text.to_uppercase(),
                text.to_lowercase(),
                curly,
            ]);
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        necessary_literals(&hir).map(|s| {
            s.into_iter()
                .map(|b| String::from_utf8(b).unwrap())
                .collect()
        })
    }

    #[test]
    fn literals_are_read_from_the_syntax() {
        assert_eq!(
            lits(r"(?i)\b(?:because(?: of)?)\b").unwrap(),
            vec!["because", "becau\u{17f}e"]
        );
        assert_eq!(
            lits(r"(?i)\b(?:(?:nearly |more than )?(?:doubled|halved))\b").unwrap(),
            vec!["doubled", "halved"]
        );
        // Only the fixed words after a run of digits.
        let rate = lits(r"(?i)\$?[\d.,]+ (?:a|per|each) (?:year|day)").unwrap();
        assert_eq!(rate.len(), 6, "{rate:?}");
        assert!(rate.contains(&" per year".to_owned()) && rate.contains(&" a day".to_owned()));
        // An inner literal after an unbounded prefix.
        assert!(lits(r"(?i)^\W*most (?:[a-z-]+ ){0,2}(?:[a-z]+s|people)\b")
            .unwrap()
            .contains(&"most ".to_owned()));
        // Nothing fixed to look for.
        assert_eq!(lits(r"\w+ \d+"), None);
        assert_eq!(lits(r"(?:a|\w+)"), None);
    }

    #[test]
    fn unicode_case_folding_is_kept() {
        let set = Prefiltered::new([r"(?i)\bkeep\b"]);
        // The Kelvin sign folds to k in a case-insensitive regex.
        let text = "\u{212A}eep";
        assert!(set.regex(0).is_match(text));
        assert!(set.candidates(text).contains(0));
        assert!(set.candidates("KEEP").contains(0));
        assert!(!set.candidates("kept").contains(0));
    }

    #[test]
    fn candidates_are_a_superset_of_matches() {
        let patterns = [
            r"(?i)\b(?:because(?: of)?)\b",
            r"(?i)\b(?:(?:has |have )?(?:led|leads) to)\b",
            r"\w+ \d+",
            r"(?i)\b(?:\d+(?:\.\d+)? ?(?:percent|%) of the time)\b",
            r"(?i)\b(?:the|its) (?:best|worst)\b[^.;]{0,70}?\b(?:history|ever)",
        ];
        let set = Prefiltered::new(patterns);
        assert!(set.has_literals(0) && !set.has_literals(2));
        let texts = [
            "It fell because of rain.",
            "BECAUSE",
            "That has led to more.",
            "Leads To",
            "It works 40% OF THE TIME.",
            "the worst storm in history",
            "nothing here",
            "room 101",
            "“because”",
        ];
        for t in texts {
            let hits = set.hits(t);
            for (i, p) in patterns.iter().enumerate() {
                if Regex::new(p).unwrap().is_match(t) {
                    assert!(
                        hits.candidates.contains(i),
                        "{p:?} matches {t:?} but is no candidate"
                    );
                }
                assert_eq!(
                    set.is_match(i, t, &hits),
                    Regex::new(p).unwrap().is_match(t)
                );
            }
        }
        // The prefilter does rule patterns out; the gate stands in for
        // the pattern with no literal.
        assert!(set.candidates("nothing here").is_empty());
        assert_eq!(
            set.candidates("room 101").iter().collect::<Vec<_>>(),
            vec![2]
        );
    }

    /// Whole-word patterns are decided without their regex; the decision
    /// must be the regex's on texts built to probe word boundaries, case
    /// folding and the characters that fold into ASCII.
    #[test]
    fn whole_words_agree_with_the_regex() {
        let patterns = [
            r"(?i)\b(?:because(?: of)?)\b",
            r"(?i)\b(?:(?:nearly |more than )?(?:doubled|halved))\b",
            r"(?i)\b(?:in record numbers)\b",
            r"(?i)\b(?:won't|won’t) be back\b",
            r"(?i)\b(?:keeps)\b",
            // Not whole words: a case-sensitive letter, an inner assertion,
            // an open repetition, no boundary at the end.
            r"(?i)\b(?:(?-i:B)ecause)\b",
            r"(?i)\b(?:because\b of)\b",
            r"(?i)\b(?:becaus\w*)\b",
            r"(?i)\b(?:because)",
        ];
        let set = Prefiltered::new(patterns);
        let words: Vec<bool> = (0..patterns.len()).map(|i| set.is_whole_words(i)).collect();
        assert_eq!(
            words,
            [true, true, true, true, true, false, false, false, false]
        );
        let pieces = [
            "because",
            "BeCaUsE",
            "becauſe",
            "of",
            " ",
            "  ",
            "_",
            "é",
            "\u{301}",
            "\u{212A}eeps",
            "keeps",
            "KEEPS",
            "doubled",
            "nearly ",
            "more than ",
            "halved",
            "1",
            "’",
            "'",
            "-",
            "won't be back",
            "WON’T BE BACK",
            "in record numbers",
            "x",
            ".",
            "\u{a0}",
        ];
        let regexes: Vec<Regex> = patterns.iter().map(|p| Regex::new(p).unwrap()).collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let mut agreed_matches = 0;
        for _ in 0..20_000 {
            let text: String = (0..1 + next(6))
                .map(|_| pieces[next(pieces.len())])
                .collect();
            let hits = set.hits(&text);
            for (i, re) in regexes.iter().enumerate() {
                let is = re.is_match(&text);
                assert_eq!(
                    set.is_match(i, &text, &hits),
                    is,
                    "{:?} on {text:?}",
                    patterns[i]
                );
                agreed_matches += usize::from(is);
            }
        }
        assert!(
            agreed_matches > 1000,
            "only {agreed_matches} matches: weak texts"
        );
    }

    #[test]
    fn candidate_bits_iterate_in_order() {
        let mut c = Candidates::default();
        for i in [0, 3, 63, 64, 200, 255] {
            c.insert(i);
        }
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![0, 3, 63, 64, 200, 255]);
        assert!(!c.contains(1));
    }
}
