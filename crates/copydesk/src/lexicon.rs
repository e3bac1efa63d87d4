//! Word lists compiled into the binary and parsed once.
//!
//! The lists live in `data/` as plain text, one entry per line with `#`
//! comments saying where they come from, so adding a reporting verb or a
//! vague-source phrase needs no Rust.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use rustc_hash::FxHashMap;

/// Non-empty, non-comment lines of a data file.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Every list of `data/words.txt` by its `[name]`, entries in file order.
static WORDS: LazyLock<FxHashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut lists: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
    let mut current = None;
    for line in entries(include_str!("../data/words.txt")) {
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
});

/// The words of one list of `data/words.txt`; empty for a name it lacks
/// (a test checks that every name the engine asks for is there).
pub fn words(name: &str) -> &'static [&'static str] {
    WORDS.get(name).map_or(&[], Vec::as_slice)
}

/// One alternation of a data file's regular expressions, matched
/// case-insensitively on word boundaries.
pub fn alternation(data: &'static str) -> Gated {
    let body: Vec<String> = entries(data).map(|l| format!("(?:{l})")).collect();
    Gated::new(&format!(r"(?i)\b(?:{})\b", body.join("|")))
}

pub mod prefilter;

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
    gate: Regex,
    pattern: String,
    exact: OnceLock<Regex>,
}

/// Compile a pattern from the compiled-in data; a bad pattern is a bug in
/// the data, caught by the tests.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("data file holds a bad regular expression: {e}"))
}

impl Gated {
    pub fn new(pattern: &str) -> Gated {
        Gated {
            gate: compile(&gate_pattern(pattern)),
            pattern: pattern.to_owned(),
            exact: OnceLock::new(),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.gate.is_match(text) && self.exact().is_match(text)
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        if self.gate.is_match(text) {
            self.exact().find(text)
        } else {
            None
        }
    }

    /// Like `Regex::find_iter`: nothing when the gate finds nothing.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> + 'r
    where
        't: 'r,
    {
        let open = self.gate.is_match(text);
        open.then(|| self.exact().find_iter(text))
            .into_iter()
            .flatten()
    }

    /// The exact pattern.
    pub fn exact(&self) -> &Regex {
        self.exact.get_or_init(|| compile(&self.pattern))
    }
}

/// The gate of a pattern (used here, and by [`prefilter::Prefiltered`] for
/// a pattern with no literal to search for): a pattern that matches wherever `pattern` does
/// and compiles to a small DFA. Word-boundary assertions (`\b`, `\B`,
/// `\b{…}`) are removed, and counted repetitions become open ones (`{0,70}`
/// becomes `*`, `{1,3}` becomes `+`), since counters multiply DFA states.
/// Other escapes (`\\b` is a backslash and a `b`, `\p{L}`) and character
/// classes are kept whole.
pub fn gate_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.char_indices().peekable();
    let mut class_depth = 0u32;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    out.push(c);
                    break;
                };
                let braced = chars.peek().is_some_and(|&(_, n)| n == '{')
                    && matches!(e, 'b' | 'p' | 'P' | 'x' | 'u' | 'U');
                let mut escape = String::from(c);
                escape.push(e);
                if braced {
                    for (_, n) in chars.by_ref() {
                        escape.push(n);
                        if n == '}' {
                            break;
                        }
                    }
                }
                if class_depth > 0 || !matches!(e, 'b' | 'B') {
                    out.push_str(&escape);
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is literal.
                if chars.peek().is_some_and(|&(_, n)| n == '^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek().is_some_and(|&(_, n)| n == ']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            '{' if class_depth == 0 => {
                let rest = &pattern[i + 1..];
                let counted = rest.find('}').filter(|&j| {
                    let body = &rest[..j];
                    !body.is_empty()
                        && body.chars().all(|d| d.is_ascii_digit() || d == ',')
                        && body.starts_with(|d: char| d.is_ascii_digit())
                });
                match counted {
                    Some(j) => {
                        let min = rest[..j].split(',').next().unwrap_or("0");
                        out.push(if min.bytes().all(|d| d == b'0') {
                            '*'
                        } else {
                            '+'
                        });
                        for _ in 0..rest[..=j].chars().count() {
                            chars.next();
                        }
                    }
                    None => out.push(c),
                }
            }
            _ => out.push(c),
        }
    }
    out
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
    entries(include_str!("../data/abbreviations.txt"))
        .map(|l| match l.strip_prefix('~') {
            Some(w) => (w, Abbrev::Weak),
            None => (l, Abbrev::Strong),
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

    /// Add one line of `data/reporting_verbs.txt`: an optional `~` or `@`
    /// mark, the base form, then the other forms. Words already present keep
    /// their reading. Returns `false` for a line with no words.
    fn add_line(&mut self, line: &str, single_is_base: bool) -> bool {
        let line = line.trim();
        let (kind, forms) = match line.as_bytes().first() {
            Some(b'~') => (VerbUse::NextToQuote, &line[1..]),
            Some(b'@') => (VerbUse::Finding, &line[1..]),
            _ => (VerbUse::Speech, line),
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
    /// `"~retort retorted"`). A single word (`"opined"`) is not taken for a
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
    for line in entries(include_str!("../data/reporting_verbs.txt")) {
        verbs.add_line(line, true);
    }
    verbs
});

/// Build the word lists without searching anything (see
/// [`crate::compile_matchers`]).
pub fn compile_matchers() {
    LazyLock::force(&ABBREVIATIONS);
    LazyLock::force(&REPORTING_VERBS);
    VAGUE_SOURCES.exact();
}

pub static VAGUE_SOURCES: LazyLock<Gated> =
    LazyLock::new(|| alternation(include_str!("../data/vague_sources.txt")));

impl ReportingVerbs {
    /// Every form of every verb, lowercase, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_the_engine_reads_is_in_words_txt() {
        for name in [
            "subject-skip",
            "be",
            "noun-makers",
            "modals",
            "pronouns",
            "first-person",
            "anonymous-nouns",
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
            "not-speakers",
            "relatives",
        ] {
            assert!(!words(name).is_empty(), "{name}");
        }
        assert!(words("no-such-list").is_empty());
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
