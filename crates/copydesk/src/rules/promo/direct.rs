//! A list's syntax tree built from its entries, without writing the whole
//! pattern out and parsing it back.
//!
//! Compiling a promo list for a draft's entries (`Family::regex`) was a
//! regex-syntax parse of the whole pattern, then the NFA. On a fresh
//! server's first check of the 10,000-word draft the parse was 37.5 M of
//! the prepare thread's 77 M instructions (docs/performance.md, "Session
//! 25, start-up"): the AST, then the translation of every `(?i)` letter
//! into a case-folded class, one at a time. Here each entry becomes its
//! [`Hir`] from a small subset of the syntax the lists use (characters,
//! `\s` and the like, bracketed classes, `(?:…)` groups, `|`, `.`, `^`,
//! `$`, `\b` and the repetitions), each character's and class's tree
//! parsed once per process and cloned after; the template around the
//! entries is parsed once per list, with a placeholder in each slot that
//! the entries' trees replace.
//!
//! The trees are regex-syntax's own: every node is made by the same
//! constructors (`Hir::concat`, `Hir::alternation`, `Hir::repetition`,
//! `Hir::capture`) from the same children, in the order its translator
//! makes them, so the tree is equal to the parsed one, and the NFA, every
//! match and every finding with it. The tests hold the two equal for every
//! list, whole, entry by entry, with no entry and with subsets, and every
//! regex built this way in any test is checked against its parsed
//! pattern (`lexicon::from_built`). An entry with syntax outside the
//! subset (a capture group, a flag, a `\b{…}`), or a template whose
//! placeholders do not all come back, makes the list parsed as before.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

/// `pattern` (compiled-in list syntax) parsed as [`super::lexicon::build`]
/// parses it.
pub(super) fn parse(pattern: &str) -> Hir {
    regex_automata::util::syntax::parse_with(
        &super::lexicon::ascii_boundaries(pattern),
        &regex_automata::util::syntax::Config::new().utf8(true),
    )
    .unwrap_or_else(|e| panic!("data/promo list does not parse: {e}"))
}

/// The tree of one atom of an entry (a character, an escape, a bracketed
/// class), case-insensitive or not: parsed once, cloned after.
fn atom(source: &str, caseless: bool) -> Hir {
    static ASCII: [[OnceLock<Hir>; 128]; 2] = [const { [const { OnceLock::new() }; 128] }; 2];
    static OTHER: OnceLock<Mutex<HashMap<(bool, String), Hir>>> = OnceLock::new();
    let one = |s: &str| match caseless {
        true => parse(&format!("(?i){s}")),
        false => parse(s),
    };
    if let [b] = source.as_bytes() {
        return ASCII[usize::from(caseless)][usize::from(*b & 0x7f)]
            .get_or_init(|| one(source))
            .clone();
    }
    let mut other = OTHER
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let key = (caseless, source.to_owned());
    if let Some(hir) = other.get(&key) {
        return hir.clone();
    }
    let hir = one(source);
    other.insert(key, hir.clone());
    hir
}

/// An entry (a fragment, see [`super::lexicon::fragment`]) as the
/// translator makes it inside a case-insensitive pattern, or `None` when
/// it holds syntax outside the subset read here.
pub(super) fn entry(fragment: &str) -> Option<Hir> {
    let mut p = Parser {
        s: fragment,
        at: 0,
        caseless: true,
        captures: None,
    };
    let hir = p.alternation()?;
    (p.at == p.s.len()).then_some(hir)
}

/// A whole pattern (one of the fixed promo patterns, [`super::lexicon::build`])
/// as the translator makes it, or `None` when it holds syntax outside the
/// subset read here: the same reader as [`entry`], with capture groups
/// numbered as the parser numbers them and a leading `(?i)`.
pub(super) fn pattern(pattern: &str) -> Option<Hir> {
    let (s, caseless) = match pattern.strip_prefix("(?i)") {
        Some(rest) => (rest, true),
        None => (pattern, false),
    };
    let mut p = Parser {
        s,
        at: 0,
        caseless,
        captures: Some(1),
    };
    let hir = p.alternation()?;
    (p.at == p.s.len()).then_some(hir)
}

struct Parser<'s> {
    s: &'s str,
    at: usize,
    /// Whether `(?i)` is in force (an entry's `(?-i:…)` turns it off).
    caseless: bool,
    /// The next capture group's index; `None` where a capture group is
    /// not read (an entry's would be numbered by the pattern around it).
    captures: Option<u32>,
}

impl<'s> Parser<'s> {
    fn rest(&self) -> &'s str {
        &self.s[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// `a|b|…` up to a `)` or the end: one branch alone is that branch, as
    /// the parser makes no alternation of it.
    fn alternation(&mut self) -> Option<Hir> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.concat()?);
        }
        Some(if branches.len() == 1 {
            branches.pop()?
        } else {
            Hir::alternation(branches)
        })
    }

    /// Atoms, each perhaps repeated, up to a `|`, a `)` or the end: one
    /// alone is that atom, none the empty tree.
    fn concat(&mut self) -> Option<Hir> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let atom = self.repetition(atom)?;
            items.push(atom);
        }
        // As the translator: empty trees left out, and a concatenation of
        // one is that one (the parser makes no concatenation of it).
        items.retain(|h| !matches!(h.kind(), HirKind::Empty));
        Some(match items.len() {
            0 => Hir::empty(),
            1 => items.pop()?,
            _ => Hir::concat(items),
        })
    }

    fn atom(&mut self) -> Option<Hir> {
        let rest = self.rest();
        let c = rest.chars().next()?;
        match c {
            '(' if self.captures.is_some() && !rest.starts_with("(?") => {
                self.at += 1;
                self.capture(None)
            }
            '(' if self.captures.is_some()
                && (rest.starts_with("(?P<") || rest.starts_with("(?<")) =>
            {
                let open = if rest.starts_with("(?P<") { 4 } else { 3 };
                let close = rest.find('>')?;
                let name = &rest[open..close];
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return None;
                }
                self.at += close + 1;
                self.capture(Some(name))
            }
            '(' => {
                // Only non-capturing groups, with no flags but `i`'s.
                let (len, caseless) = if rest.starts_with("(?:") {
                    (3, self.caseless)
                } else if rest.starts_with("(?-i:") {
                    (5, false)
                } else if rest.starts_with("(?i:") {
                    (4, true)
                } else {
                    return None;
                };
                self.at += len;
                let outer = std::mem::replace(&mut self.caseless, caseless);
                let inner = self.alternation();
                self.caseless = outer;
                if self.peek() != Some(')') {
                    return None;
                }
                self.at += 1;
                inner
            }
            '[' => {
                let len = class_len(rest)?;
                self.at += len;
                Some(atom(&rest[..len], self.caseless))
            }
            '\\' => {
                let e = rest[1..].chars().next()?;
                let len = 1 + e.len_utf8();
                // `\b` and `\b{…}` (made ASCII, as the lists' patterns
                // are), `\p{…}`, `\P{…}` and `\x{…}` read whole.
                let braced = matches!(e, 'b' | 'p' | 'P' | 'x') && rest[len..].starts_with('{');
                let len = if braced {
                    len + rest[len..].find('}')? + 1
                } else {
                    len
                };
                let ok = braced
                    || matches!(e, 's' | 'S' | 'd' | 'D' | 'w' | 'W' | 'b' | 'n' | 't')
                    || (e.is_ascii_punctuation() && regex_syntax::is_meta_character(e));
                if !ok {
                    return None;
                }
                self.at += len;
                Some(atom(&rest[..len], self.caseless))
            }
            '^' | '$' | '.' => {
                self.at += 1;
                Some(atom(&rest[..1], self.caseless))
            }
            // Repetitions with nothing to repeat and the rest of the
            // syntax: parsed as before.
            '?' | '*' | '+' | '{' | '}' | ']' | ')' | '|' => None,
            // Whitespace and `#` mean something else under `(?x)`, which
            // no list sets; a space (one inside what `spaced_phrase` took
            // for a class) and `#` are read as themselves, other
            // whitespace parsed as before.
            c if c.is_whitespace() && c != ' ' => None,
            c => {
                self.at += c.len_utf8();
                Some(atom(&rest[..c.len_utf8()], self.caseless))
            }
        }
    }

    /// A capture group whose `(…` has been read: numbered before the groups
    /// it holds, as the parser numbers them by their opening bracket.
    fn capture(&mut self, name: Option<&str>) -> Option<Hir> {
        let index = self.captures?;
        self.captures = Some(index.checked_add(1)?);
        let sub = self.alternation()?;
        if self.peek() != Some(')') {
            return None;
        }
        self.at += 1;
        Some(Hir::capture(Capture {
            index,
            name: name.map(Into::into),
            sub: Box::new(sub),
        }))
    }

    /// `atom` with the repetition that follows it, if any.
    fn repetition(&mut self, atom: Hir) -> Option<Hir> {
        let rest = self.rest();
        let (min, max, len) = match rest.chars().next() {
            Some('?') => (0, Some(1), 1),
            Some('*') => (0, None, 1),
            Some('+') => (1, None, 1),
            Some('{') => counted(rest)?,
            _ => return Some(atom),
        };
        self.at += len;
        let greedy = if self.peek() == Some('?') {
            self.at += 1;
            false
        } else {
            true
        };
        // A repetition of a repetition: parsed as before.
        if matches!(self.peek(), Some('?' | '*' | '+' | '{')) {
            return None;
        }
        Some(Hir::repetition(Repetition {
            min,
            max,
            greedy,
            sub: Box::new(atom),
        }))
    }
}

/// `{m}`, `{m,}` or `{m,n}` at the start of `s`: its bounds and length.
fn counted(s: &str) -> Option<(u32, Option<u32>, usize)> {
    let end = s.find('}')?;
    let inner = &s[1..end];
    let num = |t: &str| -> Option<u32> {
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (min, max) = match inner.split_once(',') {
        None => {
            let m = num(inner)?;
            (m, Some(m))
        }
        Some((m, "")) => (num(m)?, None),
        Some((m, n)) => (num(m)?, Some(num(n)?)),
    };
    Some((min, max, end + 1))
}

/// The length of the bracketed class at the start of `s`, with no class
/// nested in it, or `None`.
fn class_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1;
    if b.get(i) == Some(&b'^') {
        i += 1;
    }
    // A `]` first is a literal.
    if b.get(i) == Some(&b']') {
        i += 1;
    }
    while let Some(&c) = b.get(i) {
        match c {
            b']' => return Some(i + 1),
            b'[' => return None,
            b'\\' => {
                if !b.get(i + 1)?.is_ascii() {
                    return None;
                }
                // `\p{…}`, `\x{…}` and the like, whole.
                if b.get(i + 2) == Some(&b'{') {
                    i += 2 + s[i + 2..].find('}')? + 1;
                } else {
                    i += 2;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// A list's template, parsed once with a placeholder in each slot.
pub(super) struct Template {
    hir: Hir,
    slots: usize,
}

/// The placeholder of slot `k`: a character no list uses, repeated
/// `k + 2` times. No constructor merges it with its neighbours (it is
/// neither a literal nor a class, which an alternation would join into one
/// class), and case folding leaves it alone.
fn placeholder(k: usize) -> String {
    format!(r"(?:\x{{F0000}}){{{}}}", k + 2)
}

fn slot_of(hir: &Hir) -> Option<usize> {
    let HirKind::Repetition(r) = hir.kind() else {
        return None;
    };
    let HirKind::Literal(lit) = r.sub.kind() else {
        return None;
    };
    (*lit.0 == *"\u{F0000}".as_bytes() && Some(r.min) == r.max && r.greedy)
        .then(|| (r.min as usize).checked_sub(2))
        .flatten()
}

impl Template {
    /// `template` applied to placeholders and parsed, when each
    /// placeholder comes back (once, or more often for a slot the template
    /// repeats), where a slot's entries can replace it.
    pub fn new(template: fn(&[String]) -> String, slots: usize) -> Option<Template> {
        let holders: Vec<String> = (0..slots).map(placeholder).collect();
        let hir = parse(&template(&holders));
        let mut seen = vec![0usize; slots];
        count(&hir, &mut seen);
        seen.iter()
            .all(|&n| n >= 1)
            .then_some(Template { hir, slots })
    }

    /// The tree with each slot's entries in place of its placeholder: no
    /// entry is the tree of an empty slot (`Hir::fail`, what `NEVER`
    /// parses to), one is its own tree, more their alternation.
    pub fn fill(&self, slots: Vec<Vec<Hir>>) -> Option<Hir> {
        if slots.len() != self.slots {
            return None;
        }
        let slots: Vec<Hir> = slots
            .into_iter()
            .map(|mut entries| match entries.len() {
                1 => entries.pop().unwrap_or_else(Hir::fail),
                _ => Hir::alternation(entries),
            })
            .collect();
        Some(substitute(&self.hir, &slots).unwrap_or_else(|| self.hir.clone()))
    }
}

fn count(hir: &Hir, seen: &mut [usize]) {
    if let Some(k) = slot_of(hir) {
        if let Some(n) = seen.get_mut(k) {
            *n += 1;
        }
        return;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
        HirKind::Repetition(r) => count(&r.sub, seen),
        HirKind::Capture(c) => count(&c.sub, seen),
        HirKind::Concat(all) | HirKind::Alternation(all) => all.iter().for_each(|h| count(h, seen)),
    }
}

/// `hir` with each placeholder replaced by its slot's tree, every node
/// above one rebuilt bottom up by the constructors the translator uses;
/// `None` when `hir` holds no placeholder (it is then its own translation,
/// whatever the slots hold).
fn substitute(hir: &Hir, slots: &[Hir]) -> Option<Hir> {
    if let Some(k) = slot_of(hir) {
        return slots.get(k).cloned();
    }
    let each = |all: &[Hir]| -> Option<Vec<Hir>> {
        let new: Vec<Option<Hir>> = all.iter().map(|h| substitute(h, slots)).collect();
        new.iter().any(Option::is_some).then(|| {
            new.into_iter()
                .zip(all)
                .map(|(n, h)| n.unwrap_or_else(|| h.clone()))
                .collect()
        })
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
        HirKind::Repetition(r) => Some(Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(substitute(&r.sub, slots)?),
        })),
        HirKind::Capture(c) => Some(Hir::capture(Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(substitute(&c.sub, slots)?),
        })),
        HirKind::Concat(all) => Some(Hir::concat(each(all)?)),
        HirKind::Alternation(all) => Some(Hir::alternation(each(all)?)),
    }
}
