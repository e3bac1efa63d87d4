//! The promo word lists behind one literal prefilter, and their regexes
//! compiled for only the entries a draft can match.
//!
//! Every list entry (a sales phrase, a plug label, a sign-up call …) is a
//! *piece* of one [`Prefiltered`] set, so a single Aho-Corasick pass over a
//! block says which entries can match in it ([`Run::hits`]); a block with
//! no candidate entry of a list runs none of its regex.
//!
//! A list's regex (a [`Family`]) is one alternation of its entries inside
//! some fixed context, as before. It is compiled only for the entries that
//! are candidates somewhere in the blocks being checked: an alternative
//! that cannot match anywhere in a text takes part in no match of the
//! alternation, so leaving it out changes no match, no capture and no
//! leftmost-first choice. A family is compiled at most twice in a process:
//! first for the entries asked for (the handful one draft uses, which is
//! what an editor's first check waits on), and the next time an entry
//! outside those is asked for, for the whole list. Growing it to the union
//! of what was asked for instead recompiled each list dozens of times over
//! a folder of drafts: over the 645 real articles that was half of the
//! whole run's instructions (1.5 G of 3.1 G).
//!
//! *Literals across spaces.* A space in a list entry matches any run of
//! whitespace, which no literal can span, and single words (`get`, `this`,
//! `off`) occur in most paragraphs. So the prefilter reads a text with each
//! run of whitespace (`\s`, Unicode `White_Space`) made one space
//! ([`Run::hits`]), and each entry with its spaces as one space
//! ([`super::lexicon::literal_form`]): `read more`, `if you do this `, `buy
//! now`. Where an entry matches a text, the entry with single spaces
//! matches the text with single spaces (no entry has whitespace that is
//! not one of its spaces; the tests check that no literal holds two
//! whitespace characters in a row or one that is not a space).
//!
//! *Case.* The pieces are read case-sensitively, and the automaton matches
//! ASCII letters in any case. The lists are ASCII, and the only other
//! characters a case-insensitive ASCII letter matches are the long s and
//! the Kelvin sign (tested below): a text with either gets every entry as a
//! candidate. Reading the pieces without `(?i)` keeps each letter a literal
//! rather than a class, which makes building the prefilter cheap.
//!
//! Nothing here does IO; a list that does not compile is a bug in the data,
//! caught by the tests.

use std::sync::{Arc, Mutex, PoisonError, RwLock};

use crate::lexicon::prefilter::{Candidates, Prefiltered, MAX_PATTERNS};

use super::direct::Template;
#[cfg(test)]
use super::lexicon::build;
use super::lexicon::{fragment, from_built, literal_form, Regex};

const WORDS: usize = MAX_PATTERNS / 64;

/// A set of pieces of a [`Prefiltered`] set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Bits([u64; WORDS]);

impl Bits {
    fn of(c: &Candidates) -> Bits {
        let mut b = Bits::default();
        for i in c.iter() {
            b.insert(i);
        }
        b
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn union(self, other: Bits) -> Bits {
        Bits(std::array::from_fn(|k| self.0[k] | other.0[k]))
    }

    fn and(self, other: Bits) -> Bits {
        Bits(std::array::from_fn(|k| self.0[k] & other.0[k]))
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    fn is_subset(&self, of: &Bits) -> bool {
        self.0.iter().zip(&of.0).all(|(a, b)| a & !b == 0)
    }

    fn range(range: std::ops::Range<usize>) -> Bits {
        let mut b = Bits::default();
        for i in range {
            b.insert(i);
        }
        b
    }
}

/// A regex fragment that matches nothing: an empty slot of a family.
///
/// Not case-folded: `(?i)[^\s\S]` folds every character there is, which
/// takes the regex crate tens of millions of instructions.
const NEVER: &str = r"(?-i:[^\s\S])";

/// One list-built alternation in a fixed context: `slots` of entries (regex
/// fragments, each its own alternative), put together by `template`, which
/// gets each slot as `(?:e1)|(?:e2)|…` and must put it inside a group, not
/// under a repetition.
pub(super) struct Family {
    slots: Vec<Vec<String>>,
    template: fn(&[String]) -> String,
    /// The template parsed with a placeholder in each slot, or `None`
    /// when its placeholders do not all come back
    /// ([`super::direct`]).
    parsed: std::sync::OnceLock<Option<Template>>,
    first: usize,
    mask: Bits,
    compiled: RwLock<Option<Compiled>>,
    /// Held while compiling, so that threads wanting the same list wait for
    /// one compile instead of each running its own.
    compiling: Mutex<()>,
}

#[derive(Clone)]
struct Compiled {
    entries: Bits,
    re: Arc<Regex>,
}

impl Family {
    /// Whether a text with these candidates can hold a match.
    pub fn may_match(&self, hits: &Bits) -> bool {
        !hits.and(self.mask).is_empty()
    }

    /// The pattern with only the entries in `entries` (piece numbers); an
    /// empty slot matches nothing.
    fn pattern(&self, entries: &Bits) -> String {
        let mut k = self.first;
        let slots: Vec<String> = self
            .slots
            .iter()
            .map(|slot| {
                let alts: Vec<String> = slot
                    .iter()
                    .filter_map(|e| {
                        let on = entries.contains(k);
                        k += 1;
                        on.then(|| format!("(?:{e})"))
                    })
                    .collect();
                if alts.is_empty() {
                    NEVER.to_owned()
                } else {
                    alts.join("|")
                }
            })
            .collect();
        (self.template)(&slots)
    }

    /// The syntax tree of [`Family::pattern`]`(entries)`, built from the
    /// entries' trees and the template's ([`super::direct`]); `None` when
    /// an entry or the template holds syntax that is not read there.
    fn hir(&self, entries: &Bits) -> Option<regex_syntax::hir::Hir> {
        let template = self
            .parsed
            .get_or_init(|| Template::new(self.template, self.slots.len()))
            .as_ref()?;
        let mut k = self.first;
        let mut slots = Vec::with_capacity(self.slots.len());
        for slot in &self.slots {
            let mut hirs = Vec::new();
            for e in slot {
                if entries.contains(k) {
                    hirs.push(super::direct::entry(e)?);
                }
                k += 1;
            }
            slots.push(hirs);
        }
        template.fill(slots)
    }

    /// The regex of [`Family::pattern`]`(entries)`: from its tree built
    /// from the entries' where it can be, else parsed (the same tree).
    fn compile(&self, entries: &Bits) -> Regex {
        match self.hir(entries) {
            Some(hir) => from_built(hir, || self.pattern(entries)),
            None => super::lexicon::build(&self.pattern(entries)),
        }
    }

    /// The pieces of its entries.
    #[cfg(test)]
    pub fn mask(&self) -> Bits {
        self.mask
    }

    /// The whole list's pattern, as it was before the split.
    #[cfg(test)]
    pub fn full_pattern(&self) -> String {
        self.pattern(&self.mask)
    }

    /// Each entry's piece number and the pattern with only that entry.
    #[cfg(test)]
    pub fn single_entry_patterns(&self) -> Vec<(usize, String)> {
        let len: usize = self.slots.iter().map(Vec::len).sum();
        (self.first..self.first + len)
            .map(|i| {
                let mut one = Bits::default();
                one.insert(i);
                (i, self.pattern(&one))
            })
            .collect()
    }

    /// Build the reverse automaton of the regex compiled so far, if any
    /// (see [`super::build_reverses`]).
    pub fn build_reverse(&self) {
        let current = self
            .compiled
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(c) = current {
            c.re.build_reverse();
        }
    }

    /// The regex compiled so far, if it covers `needed`.
    fn covering(&self, needed: &Bits) -> Result<Arc<Regex>, Option<Compiled>> {
        let current = self
            .compiled
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match current {
            Some(c) if needed.is_subset(&c.entries) => Ok(c.re),
            other => Err(other),
        }
    }

    /// A regex that finds exactly what the whole list's regex finds in any
    /// text whose candidates are within `needed`: compiled for `needed` the
    /// first time, for the whole list the second (see the module
    /// documentation).
    fn regex(&self, needed: &Bits) -> Arc<Regex> {
        let needed = needed.and(self.mask);
        if let Ok(re) = self.covering(&needed) {
            return re;
        }
        let _compiling = self
            .compiling
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Another thread may have compiled what is needed meanwhile.
        let entries = match self.covering(&needed) {
            Ok(re) => return re,
            Err(None) => needed,
            Err(Some(_)) => self.mask,
        };
        let re = Arc::new(self.compile(&entries));
        *self
            .compiled
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(Compiled {
            entries,
            re: Arc::clone(&re),
        });
        re
    }
}

/// Builds a prefilter of families and single patterns, numbered as pieces
/// in order.
#[derive(Default)]
pub(super) struct Builder {
    pieces: Vec<String>,
    /// The pieces that are single patterns, in no family.
    #[cfg(test)]
    singles: Bits,
}

impl Builder {
    /// A family of `slots` of list entries (regex syntax, a space for any
    /// run of whitespace, see [`fragment`]), each entry a piece of its own.
    pub fn family(&mut self, slots: Vec<Vec<String>>, template: fn(&[String]) -> String) -> Family {
        let first = self.pieces.len();
        self.pieces
            .extend(slots.iter().flatten().map(|e| literal_form(e)));
        let slots: Vec<Vec<String>> = slots
            .iter()
            .map(|slot| slot.iter().map(|e| fragment(e)).collect())
            .collect();
        Family {
            slots,
            template,
            parsed: std::sync::OnceLock::new(),
            first,
            mask: Bits::range(first..self.pieces.len()),
            compiled: RwLock::new(None),
            compiling: Mutex::new(()),
        }
    }

    /// A pattern of its own, only to ask whether it can match: its number.
    /// Read as the other pieces are: case aside, and with its whitespace
    /// runs as one space (so any `\s+` in it must stand between literals).
    pub fn piece(&mut self, pattern: &str) -> usize {
        self.pieces.push(pattern.to_owned());
        #[cfg(test)]
        self.singles.insert(self.pieces.len() - 1);
        self.pieces.len() - 1
    }

    #[cfg(test)]
    pub fn singles(&self) -> Bits {
        self.singles
    }

    #[cfg(test)]
    pub fn pieces(&self) -> &[String] {
        &self.pieces
    }

    pub fn finish(self) -> Prefiltered {
        Prefiltered::new_lowered(self.pieces)
    }
}

/// One check's use of a prefilter: the candidates of each text, and their
/// union, for which the families are compiled.
pub(super) struct Run<'f> {
    set: &'f Prefiltered,
    /// Candidates anywhere in the texts seen.
    union: Bits,
    /// A text with its whitespace runs made single spaces.
    spaced: String,
}

impl<'f> Run<'f> {
    pub fn new(set: &'f Prefiltered) -> Self {
        Run {
            set,
            union: Bits::default(),
            spaced: String::new(),
        }
    }

    /// The pieces that can match `text` or any part of it (see the module
    /// documentation), counted in this run's union.
    pub fn hits(&mut self, text: &str) -> Bits {
        let b = if single_spaced(text, &mut self.spaced) {
            self.spaced.make_ascii_lowercase();
            Bits::of(&self.set.candidates(&self.spaced))
        } else {
            Bits::range(0..self.set.len())
        };
        self.union = self.union.union(b);
        b
    }

    /// `family`'s regex for a text with candidates `hits` (from
    /// [`Run::hits`]); `None` when nothing of it can match there.
    pub fn regex(&self, family: &Family, hits: &Bits) -> Option<Arc<Regex>> {
        family.may_match(hits).then(|| family.regex(&self.union))
    }
}

/// Bytes that may start whitespace, a long s or a Kelvin sign: ASCII
/// whitespace and the lead bytes of U+0085, U+00A0, U+017F, U+1680,
/// U+2000–U+205F and U+3000.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(
            i as u8,
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | 0xC2 | 0xC5 | 0xE1 | 0xE2 | 0xE3
        );
        i += 1;
    }
    t
};

/// `text` into `out` with every run of whitespace made one space; `false`
/// (and `out` unfinished) when `text` holds a long s or a Kelvin sign.
fn single_spaced(text: &str, out: &mut String) -> bool {
    out.clear();
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        // A space between two other characters stays: most are.
        if b == b' ' && bytes.get(i + 1).is_some_and(|&n| !SPECIAL[usize::from(n)]) {
            i += 2;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c == 'ſ' || c == '\u{212A}' {
            return false;
        }
        if !c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        out.push_str(&text[plain..i]);
        out.push(' ');
        let rest = &text[i..];
        i += rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        plain = i;
    }
    out.push_str(&text[plain..]);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(b: &mut Builder) -> Family {
        b.family(
            vec![
                vec!["save big".into(), r"\d+% off".into()],
                vec!["grab a jar".into()],
            ],
            |s| format!(r"(?i)\b{{start-half}}(?P<a>{})\b|^(?P<b>{})\b", s[0], s[1]),
        )
    }

    #[test]
    fn subsets_find_what_the_whole_list_finds() {
        let mut b = Builder::default();
        b.piece("www\\.");
        let f = fam(&mut b);
        let set = b.finish();
        assert_eq!(
            f.full_pattern(),
            r"(?i)\b{start-half}(?P<a>(?:save\s+big)|(?:\d+%\s+off))\b|^(?P<b>(?:grab\s+a\s+jar))\b"
        );
        let full = build(&f.full_pattern());
        for text in [
            "Grab a jar now and save big: 20% off",
            "SAVE \n\u{a0} BIG",
            "nothing",
            "grab a jar",
            "50%\toff",
            "a ſave big",
        ] {
            let mut run = Run::new(&set);
            let hits = run.hits(text);
            let got = run.regex(&f, &hits);
            let want: Vec<_> = full.find_iter(text).map(|m| m.range()).collect();
            assert!(!want.is_empty() || text == "nothing", "{text}");
            match got {
                Some(re) => assert_eq!(
                    re.find_iter(text).map(|m| m.range()).collect::<Vec<_>>(),
                    want
                ),
                None => assert!(want.is_empty(), "{text}"),
            }
        }

        // Only what was asked for is compiled at first; the next entry
        // outside it brings the whole list, after which nothing is
        // compiled again.
        let mut b = Builder::default();
        let f = fam(&mut b);
        assert_eq!(b.pieces(), ["save big", r"\d+% off", "grab a jar"]);
        let set = b.finish();
        let mut run = Run::new(&set);
        let hits = run.hits("save big");
        let first = run.regex(&f, &hits).unwrap();
        assert!(!first.as_str().contains("grab") && !first.as_str().contains("off"));
        let none = run.hits("save; big");
        assert!(run.regex(&f, &none).is_none());
        let again = run.hits("Save   big!");
        assert!(Arc::ptr_eq(&first, &run.regex(&f, &again).unwrap()));
        let hits = run.hits("grab a jar");
        let whole = run.regex(&f, &hits).unwrap();
        assert_eq!(whole.as_str(), build(&f.full_pattern()).as_str());
        let hits = run.hits("20% off");
        assert!(Arc::ptr_eq(&whole, &run.regex(&f, &hits).unwrap()));
        assert!(!regex::Regex::new(NEVER).unwrap().is_match("x \n"));
    }

    /// The promo prefilter's literals are all in the automaton `build.rs`
    /// built, and it finds the same candidates with it as with one built
    /// at run time, in every text as [`Run::hits`] reads it.
    #[test]
    fn prebuilt_automaton_finds_as_built() {
        let pieces = super::super::filter_pieces();
        let mut out = String::new();
        let texts: Vec<String> = crate::lexicon::prefilter::corpus_texts()
            .into_iter()
            .filter_map(|t| single_spaced(&t, &mut out).then(|| out.to_ascii_lowercase()))
            .collect();
        let with = crate::lexicon::prefilter::assert_prebuilt_finds_as_built(&pieces, true, &texts);
        assert!(with > 1000, "only {with} texts with a candidate");
        assert!(super::super::FILTERS.set.is_prebuilt());
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        let mut out = String::new();
        assert!(single_spaced(
            " a  b\n\n\tc\u{a0}d\u{2009}\u{2009}e\u{3000}’—“ ",
            &mut out
        ));
        assert_eq!(out, " a b c d e ’—“ ");
        assert!(!single_spaced("a ſ", &mut out));
        assert!(!single_spaced("\u{212A}", &mut out));
        // `SPECIAL` holds the first byte of every whitespace character, and
        // Rust's whitespace is the regex crate's `\s`.
        let space = regex::Regex::new(r"^\s$").unwrap();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert_eq!(c.is_whitespace(), space.is_match(c.encode_utf8(&mut buf)));
            if c.is_whitespace() || c == 'ſ' || c == '\u{212A}' {
                assert!(SPECIAL[usize::from(first)], "{c:?}");
            }
        }
    }

    #[test]
    fn only_the_long_s_and_the_kelvin_sign_fold_onto_ascii_letters() {
        let hir = regex_syntax::parse("(?i)[a-z]").unwrap();
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            panic!("not a class: {hir:?}");
        };
        let others: Vec<char> = class
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .filter(|c| !c.is_ascii())
            .collect();
        assert_eq!(others, vec!['ſ', '\u{212A}']);
    }

    /// Every list's tree built from its entries ([`super::super::direct`])
    /// is the tree its pattern parses to: the whole list, each entry alone,
    /// no entry, and subsets (every other entry, every third from the
    /// second, the first half): so its NFA, and every match, is the same.
    /// Most lists and most entries take the built path.
    #[test]
    fn built_trees_are_the_parsed_ones() {
        let mut built_lists = 0;
        let mut built_entries = 0;
        let mut entries = 0;
        let families = super::super::FILTERS.families();
        let mut b = Builder::default();
        let small = fam(&mut b);
        for f in families.into_iter().chain([&small]) {
            let len: usize = f.slots.iter().map(Vec::len).sum();
            let mut subsets = vec![f.mask, Bits::default()];
            let every = |step: usize, from: usize| {
                let mut b = Bits::default();
                for i in (f.first + from..f.first + len).step_by(step) {
                    b.insert(i);
                }
                b
            };
            subsets.extend([
                every(2, 0),
                every(3, 1),
                Bits::range(f.first..f.first + len / 2),
            ]);
            for i in f.first..f.first + len {
                let mut one = Bits::default();
                one.insert(i);
                subsets.push(one);
            }
            let mut any = false;
            for (n, entries_on) in subsets.iter().enumerate() {
                let parsed = super::super::direct::parse(&f.pattern(entries_on));
                match f.hir(entries_on) {
                    Some(hir) => {
                        assert_eq!(hir, parsed, "{}", f.pattern(entries_on));
                        any = true;
                        if n >= 5 {
                            built_entries += 1;
                        }
                    }
                    // Only an entry outside the syntax read, or a template
                    // that cannot be, leaves a list to the parser.
                    None => {
                        assert!(n != 1 || f.parsed.get().is_some_and(Option::is_none))
                    }
                }
            }
            entries += len;
            built_lists += usize::from(any);
        }
        // Every entry of every list, at the time of writing.
        assert_eq!(built_lists, families.len() + 1, "{built_lists} lists built");
        assert_eq!(
            built_entries, entries,
            "{built_entries} of {entries} entries built"
        );
    }

    /// Entries in the syntax read directly, and some outside it (which
    /// leave the list to be parsed), against the parser.
    #[test]
    fn entries_build_as_they_parse() {
        use super::super::direct::{entry, parse};
        let inside = [
            r"buy\s+now",
            r"you(?:['’]ll|\s+will)?(?:\s+both)?\s+(?:save|get)",
            r"(?:[0-9a-z_'’-]+\s+){0,3}episodes?",
            r"u\.s\.|18\+",
            r"a{2}b{1,}c{0,4}?d*?e+?",
            r"kelvin\s+k\s+sale",
            r"(?:)x|(?:y|)",
            r"—\s+café",
            r"[]a]x[^b\d]",
            r"^a\b.b$|\bc",
            r"(?-i:[A-Z]k(?i:k|s)s)k\s+#1",
            r"\b{start-half}a\b{end-half}(?-i:[^\p{L}\x{345}])\p{Lu}\n",
            "",
        ];
        for frag in inside {
            let built = entry(frag).unwrap_or_else(|| panic!("{frag:?} not built"));
            assert_eq!(built, parse(&format!("(?i)(?:{frag})")), "{frag:?}");
        }
        for frag in ["(a)", "(?x:a)", "(?-i)a", "a??b?*", "a{x}", "[[a]]", "a\tb"] {
            assert!(entry(frag).is_none(), "{frag:?} built");
        }
    }

    /// Whole patterns, capture groups numbered as the parser numbers them.
    #[test]
    fn patterns_build_as_they_parse() {
        use super::super::direct::{parse, pattern};
        for p in [
            r"(?i)(a)(?P<n>b(c)?)|(?<m>d)\b{start-half}",
            r"(a|b)+(?:(c)|d)*?(?-i:E(f))",
            r"(?i)\b(?:for|from)\s+[$£€]\s?\d",
        ] {
            let built = pattern(p).unwrap_or_else(|| panic!("{p:?} not built"));
            assert_eq!(built, parse(p), "{p:?}");
        }
        for p in ["a(?i)b", "(?x)a", "(?s:.)", r"\pL"] {
            assert!(pattern(p).is_none(), "{p:?} built");
        }
    }
}
