//! House rules: a newsroom's own style checks, written in `copydesk.toml`
//! as a regular expression or a word list, compiled once with bounds.
//!
//! The `regex` crate runs in time linear in the input whatever the pattern
//! (no backtracking), so a pathological pattern cannot hang a check. What
//! can still blow up is compiling: `a{1000}{1000}` asks for a million
//! states. The pattern's length is capped and the compiled program and its
//! lazy DFA are held to fixed sizes, so such a pattern is refused with a
//! clear error when the configuration loads.

use regex::{Regex, RegexBuilder};

use crate::finding::Severity;
use crate::span::Span;

/// The longest pattern (in bytes) a house rule may have.
pub const MAX_PATTERN_LEN: usize = 1_000;
/// The most words a house rule's word list may hold.
pub const MAX_WORDS: usize = 1_000;
/// Compiled program size and lazy-DFA cache, per house rule.
const SIZE_LIMIT: usize = 1 << 20;
const DFA_SIZE_LIMIT: usize = 2 << 20;

/// One `[[house-rules]]` entry, compiled.
#[derive(Debug, Clone)]
pub struct HouseRule {
    /// `house.NAME`.
    pub id: String,
    /// The finding's message; `{match}` stands for the matched text.
    pub message: String,
    pub severity: Severity,
    /// What the matched text should become, for a quick fix.
    pub replacement: Option<String>,
    matcher: Regex,
}

/// How a house rule finds its text.
pub(crate) enum Matcher<'a> {
    Pattern(&'a str),
    Words(&'a [String]),
}

impl HouseRule {
    pub(crate) fn new(
        id: String,
        matcher: Matcher<'_>,
        message: Option<String>,
        severity: Severity,
        replacement: Option<String>,
    ) -> Result<HouseRule, String> {
        let pattern = match matcher {
            Matcher::Pattern(p) => {
                if p.len() > MAX_PATTERN_LEN {
                    return Err(format!(
                        "pattern is {} bytes long; a house rule's pattern may be at most {MAX_PATTERN_LEN}",
                        p.len()
                    ));
                }
                if p.is_empty() {
                    return Err("pattern is empty".to_owned());
                }
                p.to_owned()
            }
            Matcher::Words(words) => {
                if words.len() > MAX_WORDS {
                    return Err(format!(
                        "{} words; a house rule may list at most {MAX_WORDS}",
                        words.len()
                    ));
                }
                words_pattern(words)?
            }
        };
        let matcher = RegexBuilder::new(&pattern)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(DFA_SIZE_LIMIT)
            .build()
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(_) => format!(
                    "pattern is too complex to run on every draft (compiled, it exceeds {} KiB); simplify its repetitions",
                    SIZE_LIMIT / 1024
                ),
                other => format!("invalid pattern: {}", one_line(&other.to_string())),
            })?;
        if matcher.is_match("") {
            return Err("pattern matches empty text, so it would flag every position".to_owned());
        }
        let message = message.unwrap_or_else(|| match &replacement {
            Some(r) => format!("House style: \"{{match}}\" should be \"{r}\"."),
            None => "House style: \"{match}\".".to_owned(),
        });
        Ok(HouseRule {
            id,
            message,
            severity,
            replacement,
            matcher,
        })
    }

    /// Where the rule matches in `text` (non-empty matches only).
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        self.matcher
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .map(|m| Span::from(m.range()))
    }

    /// The message for one match.
    pub fn message_for(&self, matched: &str) -> String {
        let matched = matched.split_whitespace().collect::<Vec<_>>().join(" ");
        self.message.replace("{match}", &matched)
    }
}

/// Whole words or phrases, case-insensitively; a space matches any run of
/// whitespace (a soft line break).
fn words_pattern(words: &[String]) -> Result<String, String> {
    let mut alts = Vec::with_capacity(words.len());
    for w in words {
        let w = w.trim();
        if w.is_empty() {
            return Err("words holds an empty entry".to_owned());
        }
        let escaped: Vec<String> = w.split_whitespace().map(regex::escape).collect();
        let body = escaped.join(r"\s+");
        // `\b` only where the phrase starts or ends with a word character.
        let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let start = if word_char(w.chars().next()) {
            r"\b"
        } else {
            ""
        };
        let end = if word_char(w.chars().next_back()) {
            r"\b"
        } else {
            ""
        };
        alts.push(format!("{start}{body}{end}"));
    }
    if alts.is_empty() {
        return Err("words is empty".to_owned());
    }
    Ok(format!("(?i)(?:{})", alts.join("|")))
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(matcher: Matcher<'_>) -> Result<HouseRule, String> {
        HouseRule::new("house.t".to_owned(), matcher, None, Severity::Warning, None)
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn words_are_whole_and_case_insensitive() {
        let list = words(&["utilize", "pre-planned", "at this point in time"]);
        let r = rule(Matcher::Words(&list)).expect("compiles");
        let text = "We Utilize it; utilizes no; pre-planned; At this point\nin time.";
        let hits: Vec<&str> = r.find_iter(text).map(|s| s.slice(text)).collect();
        assert_eq!(
            hits,
            vec!["Utilize", "pre-planned", "At this point\nin time"]
        );
    }

    #[test]
    fn huge_repetition_counts_are_refused_when_the_config_loads() {
        for p in ["a{1000}{1000}", "(?:x{500}){500}", r"\w{1000}{100}"] {
            let err = rule(Matcher::Pattern(p)).expect_err(p);
            assert!(err.contains("too complex"), "{p}: {err}");
        }
    }

    #[test]
    fn long_patterns_and_empty_matches_are_refused() {
        let long = "a".repeat(MAX_PATTERN_LEN + 1);
        assert!(rule(Matcher::Pattern(&long))
            .expect_err("too long")
            .contains("at most"));
        assert!(rule(Matcher::Pattern("x*"))
            .expect_err("empty")
            .contains("empty"));
        assert!(rule(Matcher::Pattern("(unclosed"))
            .expect_err("syntax")
            .contains("invalid pattern"));
    }

    /// Patterns that make a backtracking engine take exponential time are
    /// accepted and run in one linear pass: on a long run of `a`s with no
    /// `b`, `(a*)*b` finds nothing; `(x+x+)+y` likewise. No clock is read
    /// for speed: the work runs on its own thread under a generous hang
    /// detector (a backtracker would not finish on 100,000 bytes in a
    /// lifetime; the regex crate takes milliseconds).
    #[test]
    fn catastrophic_backtracking_patterns_run_linearly() {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let run_a = "a".repeat(100_000);
            let run_x = "x".repeat(100_000);
            let with_y = format!("{run_x}y");
            let nested = rule(Matcher::Pattern("(a*)*b")).map(|r| r.find_iter(&run_a).count());
            let doubled = rule(Matcher::Pattern("(x+x+)+y"))
                .map(|r| (r.find_iter(&run_x).count(), r.find_iter(&with_y).count()));
            let _ = tx.send((nested, doubled));
        });
        let (nested, doubled) = rx
            .recv_timeout(std::time::Duration::from_secs(300))
            .expect("matching finished (no catastrophic backtracking)");
        assert_eq!(nested, Ok(0));
        assert_eq!(doubled, Ok((0, 1)));
    }
}
