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

pub struct ReportingVerbs(HashMap<&'static str, (VerbUse, VerbForm)>);

impl ReportingVerbs {
    pub fn use_of(&self, word: &str) -> Option<VerbUse> {
        self.0.get(word).map(|&(u, _)| u)
    }

    pub fn form(&self, word: &str) -> VerbForm {
        self.0.get(word).map_or(VerbForm::Other, |&(_, f)| f)
    }
}

pub static REPORTING_VERBS: LazyLock<ReportingVerbs> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in entries(include_str!("../data/reporting_verbs.txt")) {
        let (kind, forms) = match line.as_bytes().first() {
            Some(b'~') => (VerbUse::NextToQuote, &line[1..]),
            Some(b'@') => (VerbUse::Finding, &line[1..]),
            _ => (VerbUse::Speech, line),
        };
        let mut forms = forms.split_whitespace();
        let Some(base) = forms.next() else { continue };
        map.entry(base).or_insert((kind, VerbForm::Base));
        for form in forms {
            let f = if form.ends_with('s') && !form.ends_with("ss") {
                VerbForm::ThirdPerson
            } else {
                VerbForm::Other
            };
            map.entry(form).or_insert((kind, f));
        }
    }
    ReportingVerbs(map)
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
