//! An Aho-Corasick automaton of the compiled-in prefilters' literals, built
//! by `build.rs` and searched from static tables.
//!
//! Building the two literal prefilters' automata (`aho-corasick`'s
//! contiguous NFA: a trie, its failure links, then the packed form) was
//! 35 M instructions at start-up, the promo one at the head of the chain
//! the first diagnostics wait for (docs/performance.md, "Session 24").
//! `aho-corasick` serialises nothing, and a dense DFA of the same literals
//! with every overlapping match kept passed 40 MB. So `build.rs` builds the
//! same automaton itself, with this file (std only, included by the build
//! script as `literals.rs` is), and writes its tables as Rust statics: a
//! fresh process reads them in place, with no validation pass and no
//! `unsafe` (every table access is bounds-checked; a bad table could only
//! panic).
//!
//! *What it finds.* Every occurrence of every literal, overlapping, as
//! `AhoCorasick::find_overlapping_iter` with `MatchKind::Standard` does:
//! the same set of (literal, start, end), possibly in another order within
//! one end position. With `caseless` an ASCII letter of a literal matches
//! either case (`ascii_case_insensitive`); other bytes match themselves.
//!
//! *Shape.* A trie over byte classes (the bytes the literals use, one class
//! each, an ASCII letter's two cases one class when caseless, every other
//! byte class 0, which no transition reads), the root's transitions dense,
//! every other state's sparse and sorted, a failure link per state, and per
//! state the literal ending there and the next state down its failure chain
//! where one ends (the dictionary suffix link).

/// No literal (for callers numbering the literals they use).
pub const NONE: u32 = u32::MAX;

/// No state or literal, in the tables: they hold `u16`s, half the bytes of
/// `u32`s (the compiled-in sets have about 10,000 and 15,500 states).
const NO: u16 = u16::MAX;

/// The automaton's tables (see the module documentation). State 0 is the
/// root; `trans[s]..trans[s + 1]` are state `s`'s transitions in
/// `labels`/`next` (none for the root, whose transitions are `root`).
pub struct Automaton<'a> {
    pub classes: &'a [u8; 256],
    pub root: &'a [u16],
    pub trans: &'a [u16],
    pub labels: &'a [u8],
    pub next: &'a [u16],
    pub fail: &'a [u16],
    /// Per state, the number of its dense row in `dense`, or none.
    pub rows: &'a [u16],
    /// Dense rows, one entry per byte class (`root.len()` of them): the
    /// state after reading that class, failure links already followed.
    pub dense: &'a [u16],
    pub out: &'a [u16],
    pub dict: &'a [u16],
    /// Each literal's length in bytes.
    pub lens: &'a [u16],
}

/// A state with this many transitions or more gets a dense row: the
/// states near the root, which most bytes of a text pass through, would
/// otherwise be scanned transition by transition and then again along
/// their failure links.
const DENSE_FROM: usize = 2;

impl Automaton<'_> {
    /// The number of literals.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// The number this automaton reports `literal` as, if it holds it
    /// (an ASCII letter in either case, if it was built caseless).
    pub fn find(&self, literal: &[u8]) -> Option<u32> {
        let mut state = 0u16;
        for &b in literal {
            let class = self.classes[usize::from(b)];
            if class == 0 {
                return None;
            }
            state = if state == 0 {
                Some(self.root[usize::from(class)]).filter(|&s| s != 0)
            } else {
                self.child(state, class)
            }?;
        }
        Some(self.out[usize::from(state)])
            .filter(|&o| o != NO)
            .map(u32::from)
    }

    fn child(&self, state: u16, class: u8) -> Option<u16> {
        let s = usize::from(state);
        let (from, to) = (usize::from(self.trans[s]), usize::from(self.trans[s + 1]));
        let labels = &self.labels[from..to];
        labels
            .iter()
            .position(|&l| l == class)
            .map(|k| self.next[from + k])
    }

    /// Calls `found(literal, start, end)` for every occurrence of every
    /// literal in `text`, overlapping ones included.
    pub fn for_each_match(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let alphabet = self.root.len();
        let mut state = 0u16;
        for (i, &b) in text.iter().enumerate() {
            let class = self.classes[usize::from(b)];
            if class == 0 {
                // No literal holds this byte: back to the root.
                state = 0;
                continue;
            }
            state = loop {
                if state == 0 {
                    break self.root[usize::from(class)];
                }
                let row = self.rows[usize::from(state)];
                if row != NO {
                    break self.dense[usize::from(row) * alphabet + usize::from(class)];
                }
                if let Some(n) = self.child(state, class) {
                    break n;
                }
                state = self.fail[usize::from(state)];
            };
            if state == 0 {
                continue;
            }
            let mut o = if self.out[usize::from(state)] != NO {
                state
            } else {
                self.dict[usize::from(state)]
            };
            while o != NO {
                let lit = usize::from(self.out[usize::from(o)]);
                let end = i + 1;
                found(lit, end - usize::from(self.lens[lit]), end);
                o = self.dict[usize::from(o)];
            }
        }
    }
}

/// The tables of an [`Automaton`], owned: what `build.rs` writes out, and
/// what the tests build at run time.
#[allow(dead_code)] // Used by build.rs and the tests.
pub struct Built {
    pub classes: [u8; 256],
    pub root: Vec<u16>,
    pub trans: Vec<u16>,
    pub labels: Vec<u8>,
    pub next: Vec<u16>,
    pub fail: Vec<u16>,
    pub rows: Vec<u16>,
    pub dense: Vec<u16>,
    pub out: Vec<u16>,
    pub dict: Vec<u16>,
    pub lens: Vec<u16>,
}

#[allow(dead_code)] // Used by build.rs and the tests.
impl Built {
    /// The automaton of `literals` (literal `i` is reported as `i`). An
    /// empty literal or a repeated one (after ASCII lower-casing, when
    /// `caseless`) is a caller's bug: panics. At most 255 byte classes, so
    /// at most 255 distinct bytes across the literals (fewer than 128 in
    /// the compiled-in sets). `None` when a table would not fit `u16`s
    /// (65,535 states, transitions, dense rows or literals, or a literal
    /// that long).
    pub fn new(literals: &[Vec<u8>], caseless: bool) -> Option<Built> {
        let fold = |b: u8| if caseless { b.to_ascii_lowercase() } else { b };
        let mut classes = [0u8; 256];
        let mut used: Vec<u8> = literals.iter().flatten().map(|&b| fold(b)).collect();
        used.sort_unstable();
        used.dedup();
        assert!(
            used.len() < 256,
            "too many distinct bytes for one automaton"
        );
        for (k, &b) in used.iter().enumerate() {
            let class = u8::try_from(k + 1).expect("checked above");
            classes[usize::from(b)] = class;
            if caseless && b.is_ascii_lowercase() {
                classes[usize::from(b.to_ascii_uppercase())] = class;
            }
        }
        // The trie, children per state as (class, state).
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut out: Vec<u32> = vec![NONE];
        for (i, lit) in literals.iter().enumerate() {
            assert!(!lit.is_empty(), "an empty literal");
            let mut s = 0usize;
            for &b in lit {
                let class = classes[usize::from(fold(b))];
                s = match children[s].iter().find(|&&(c, _)| c == class) {
                    Some(&(_, t)) => t as usize,
                    None => {
                        let t = children.len();
                        children[s].push((class, t as u32));
                        children.push(Vec::new());
                        out.push(NONE);
                        t
                    }
                };
            }
            assert_eq!(out[s], NONE, "a repeated literal");
            out[s] = i as u32;
        }
        // Failure and dictionary links, breadth first.
        let n = children.len();
        let mut fail = vec![0u32; n];
        let mut dict = vec![NONE; n];
        let mut queue = std::collections::VecDeque::new();
        for &(_, t) in &children[0] {
            queue.push_back(t as usize);
        }
        while let Some(s) = queue.pop_front() {
            for &(class, t) in &children[s] {
                let t = t as usize;
                let mut f = fail[s] as usize;
                let target = loop {
                    if let Some(&(_, g)) = children[f].iter().find(|&&(c, _)| c == class) {
                        break g;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = fail[f] as usize;
                };
                fail[t] = target;
                dict[t] = if out[target as usize] != NONE {
                    target
                } else {
                    dict[target as usize]
                };
                queue.push_back(t);
            }
        }
        let mut root = vec![0u32; used.len() + 1];
        for &(class, t) in &children[0] {
            root[usize::from(class)] = t;
        }
        // Dense rows, breadth first, so that a state's failure target
        // (shallower) is resolved before it.
        let alphabet = used.len() + 1;
        let mut rows = vec![NONE; n];
        let mut dense: Vec<u32> = Vec::new();
        let mut order = vec![0usize];
        let mut k = 0;
        while k < order.len() {
            let s = order[k];
            order.extend(children[s].iter().map(|&(_, t)| t as usize));
            k += 1;
        }
        // The state after `s` reads `class`, failure links followed.
        fn step(
            s: usize,
            class: u8,
            alphabet: usize,
            children: &[Vec<(u8, u32)>],
            fail: &[u32],
            rows: &[u32],
            dense: &[u32],
        ) -> u32 {
            let mut s = s;
            loop {
                if let Some(&(_, t)) = children[s].iter().find(|&&(c, _)| c == class) {
                    return t;
                }
                if s == 0 {
                    return 0;
                }
                if rows[s] != NONE {
                    return dense[rows[s] as usize * alphabet + usize::from(class)];
                }
                s = fail[s] as usize;
            }
        }
        for &s in &order[1..] {
            if children[s].len() >= DENSE_FROM {
                let row: Vec<u32> = (0..alphabet)
                    .map(|c| step(s, c as u8, alphabet, &children, &fail, &rows, &dense))
                    .collect();
                rows[s] = (dense.len() / alphabet) as u32;
                dense.extend(row);
            }
        }
        let mut trans = Vec::with_capacity(n + 1);
        let mut labels = Vec::new();
        let mut next = Vec::new();
        for (s, kids) in children.iter_mut().enumerate() {
            trans.push(labels.len() as u32);
            if s == 0 {
                continue;
            }
            kids.sort_unstable();
            for &(class, t) in kids.iter() {
                labels.push(class);
                next.push(t);
            }
        }
        trans.push(labels.len() as u32);
        let lens: Vec<u32> = literals.iter().map(|l| l.len() as u32).collect();
        // Every table's values in `u16`s, none of them [`NO`] but a
        // missing state or literal.
        let narrow = |v: Vec<u32>| -> Option<Vec<u16>> {
            v.into_iter()
                .map(|x| match x {
                    NONE => Some(NO),
                    x => u16::try_from(x).ok().filter(|&x| x != NO),
                })
                .collect()
        };
        Some(Built {
            classes,
            root: narrow(root)?,
            trans: narrow(trans)?,
            labels,
            next: narrow(next)?,
            fail: narrow(fail)?,
            rows: narrow(rows)?,
            dense: narrow(dense)?,
            out: narrow(out)?,
            dict: narrow(dict)?,
            lens: narrow(lens)?,
        })
    }

    pub fn automaton(&self) -> Automaton<'_> {
        Automaton {
            classes: &self.classes,
            root: &self.root,
            trans: &self.trans,
            labels: &self.labels,
            next: &self.next,
            fail: &self.fail,
            rows: &self.rows,
            dense: &self.dense,
            out: &self.out,
            dict: &self.dict,
            lens: &self.lens,
        }
    }

    /// The tables as a Rust expression of type `Automaton<'static>`.
    pub fn to_rust(&self) -> String {
        fn list<T: std::fmt::Display>(v: &[T]) -> String {
            let items: Vec<String> = v.iter().map(ToString::to_string).collect();
            format!("&[{}]", items.join(","))
        }
        format!(
            "Automaton {{ classes: {}, root: {}, trans: {}, labels: {}, next: {}, fail: {}, rows: {}, dense: {}, out: {}, dict: {}, lens: {} }}",
            list(&self.classes),
            list(&self.root),
            list(&self.trans),
            list(&self.labels),
            list(&self.next),
            list(&self.fail),
            list(&self.rows),
            list(&self.dense),
            list(&self.out),
            list(&self.dict),
            list(&self.lens),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

    /// Every (literal, start, end) the automaton reports, sorted.
    fn ours(built: &Built, text: &str) -> Vec<(usize, usize, usize)> {
        let mut all = Vec::new();
        built
            .automaton()
            .for_each_match(text.as_bytes(), |l, s, e| all.push((l, s, e)));
        all.sort_unstable();
        all
    }

    /// What `aho-corasick` finds, as `Prefiltered` builds it.
    fn theirs(literals: &[Vec<u8>], caseless: bool, text: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(caseless)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(literals)
            .expect("builds");
        let mut all: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        all.sort_unstable();
        all
    }

    /// Literals inside and across one another, sharing prefixes and
    /// suffixes, with a byte beyond ASCII, found overlapping in texts of
    /// both cases: the same matches as `aho-corasick`'s, caseless or not.
    #[test]
    fn finds_what_aho_corasick_finds() {
        let literals: Vec<Vec<u8>> = [
            "he",
            "she",
            "his",
            "hers",
            "ushers",
            "read more",
            "more",
            "ore",
            "re",
            "becau\u{17f}e",
            "because",
            "because of",
            " per year",
            "year",
            "www.",
            "%",
            "sign up",
            "sign up for",
            "up for",
            "ab",
            "bab",
            "abab",
        ]
        .iter()
        .map(|l| l.as_bytes().to_vec())
        .collect();
        let texts = [
            "ushers said she read more of his books per year, because of her",
            "USHERS Said SHE Read More; BECAUSE OF Her 100% per year www.x",
            "becauſe it's a babababab, sign up for updates: sign up",
            "",
            "h",
            "xyz — “quoted” é",
        ];
        let mut compared = 0;
        for caseless in [false, true] {
            let built = Built::new(&literals, caseless).expect("fits u16s");
            for text in texts {
                let want = theirs(&literals, caseless, text);
                assert_eq!(ours(&built, text), want, "{text:?}, caseless {caseless}");
                compared += want.len();
            }
            for (i, l) in literals.iter().enumerate() {
                assert_eq!(built.automaton().find(l), Some(i as u32));
                if caseless {
                    assert_eq!(
                        built.automaton().find(&l.to_ascii_uppercase()),
                        Some(i as u32)
                    );
                }
            }
            assert_eq!(built.automaton().find(b"hersh"), None);
            assert_eq!(built.automaton().find(b"sign"), None);
        }
        assert!(compared > 40, "{compared}");
    }
}
