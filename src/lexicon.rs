//! Word lists compiled into the binary and parsed once.
//!
//! The lists live in `data/` as plain text, one entry per line with `#`
//! comments saying where they come from, so adding a reporting verb or a
//! vague-source phrase needs no Rust.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Non-empty, non-comment lines of a data file.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// One alternation of a data file's regular expressions, matched
/// case-insensitively on word boundaries.
pub fn alternation(data: &'static str) -> Regex {
    let body: Vec<String> = entries(data).map(|l| format!("(?:{l})")).collect();
    let pattern = format!(r"(?i)\b(?:{})\b", body.join("|"));
    // The data files are ours and tested; a bad entry is a build-time bug.
    Regex::new(&pattern).expect("data file holds a valid regular expression")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbrev {
    /// Never ends a sentence (Mr., Sen., Jan.).
    Strong,
    /// Ends a sentence only before a common sentence opener (p.m., U.S.).
    Weak,
}

pub static ABBREVIATIONS: LazyLock<HashMap<&'static str, Abbrev>> = LazyLock::new(|| {
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
pub struct ReportingVerbs(HashMap<String, (VerbUse, VerbForm)>);

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

pub static VAGUE_SOURCES: LazyLock<Regex> =
    LazyLock::new(|| alternation(include_str!("../data/vague_sources.txt")));

#[cfg(test)]
mod tests {
    use super::*;

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
}
