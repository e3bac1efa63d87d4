//! What a newsroom can tune: rule levels, extra word lists and house rules.
//!
//! The engine only reads this struct. [`Config::from_toml`] turns the text
//! of a `copydesk.toml` into one (a pure function: no file is read here);
//! finding and reading the file lives at the edges (the CLI and the server).
//! Everything a configuration adds is compiled once, when it loads, and
//! shared behind an `Arc`, so a check never rebuilds a matcher.

use std::collections::BTreeMap;
use std::sync::Arc;

use regex::Regex;

use crate::finding::{family_of, Severity};
use crate::lexicon::{ReportingVerbs, Verbs};
use crate::rules::promo::links::LinkExtras;

mod file;
mod house;

pub use file::ConfigError;
pub use house::{HouseRule, MAX_PATTERN_LEN};

/// A rule's configured level: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    /// `off | hint | info | warning | error`.
    pub fn parse(s: &str) -> Option<Level> {
        if s.trim().eq_ignore_ascii_case("off") {
            return Some(Level::Off);
        }
        Severity::parse(s).map(Level::On)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Levels keyed by rule id (`"promo.code"`) or by family (`"claim"`).
    /// A rule id wins over its family.
    pub levels: BTreeMap<String, Level>,
    /// Word lists and house rules from a `copydesk.toml`, compiled.
    pub custom: Arc<Custom>,
}

/// What a `copydesk.toml` adds beyond levels, compiled once at load.
#[derive(Debug, Default)]
pub struct Custom {
    /// The text this was compiled from: two are equal when their texts are.
    source: String,
    /// Reporting verbs beyond `data/reporting_verbs.txt`.
    pub verbs: ReportingVerbs,
    /// Own domains, affiliate domains and affiliate parameters.
    pub links: LinkExtras,
    /// Disclosure phrases beyond `data/promo/disclosures.txt`.
    pub disclosures: Option<Regex>,
    /// `[[house-rules]]`, in file order.
    pub house_rules: Vec<HouseRule>,
}

impl PartialEq for Custom {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Custom {}

impl Config {
    /// The severity a rule reports at, or `None` when it is switched off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        let level = self
            .levels
            .get(rule)
            .or_else(|| self.levels.get(family_of(rule)));
        match level {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => Some(default),
        }
    }

    /// Parse the text of a `copydesk.toml`. Every problem is reported, each
    /// with its line and column; nothing is half-applied.
    pub fn from_toml(text: &str) -> Result<Config, Vec<ConfigError>> {
        file::parse(text)
    }

    /// [`Config::from_toml`] for raw bytes: text that is not UTF-8 is an
    /// error at the first bad byte.
    pub fn from_toml_bytes(bytes: &[u8]) -> Result<Config, Vec<ConfigError>> {
        match std::str::from_utf8(bytes) {
            Ok(text) => file::parse(text),
            Err(e) => {
                let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                Err(vec![ConfigError::at(
                    good,
                    good.len(),
                    "not a text file: copydesk.toml must be UTF-8 TOML".to_owned(),
                )])
            }
        }
    }

    /// This configuration with `overrides` (an editor's levels) laid over its
    /// levels. A family in the overrides also replaces the file's levels for
    /// that family's rules: the editor's word is the last.
    pub fn with_levels(&self, overrides: &BTreeMap<String, Level>) -> Config {
        let mut levels = self.levels.clone();
        for (key, level) in overrides {
            if !key.contains('.') {
                levels.retain(|k, _| family_of(k) != key.as_str() || k == key);
            }
            levels.insert(key.clone(), *level);
        }
        Config {
            levels,
            custom: Arc::clone(&self.custom),
        }
    }

    /// The reporting verbs in force: the built-in list and the extras.
    pub fn verbs(&self) -> Verbs<'_> {
        Verbs {
            extra: &self.custom.verbs,
        }
    }

    /// The newsroom's additions to the link tables.
    pub fn links(&self) -> &LinkExtras {
        &self.custom.links
    }

    /// Whether the prose holds one of the configured disclosure phrases.
    pub fn has_extra_disclosure(&self, prose: &str) -> bool {
        self.custom
            .disclosures
            .as_ref()
            .is_some_and(|r| r.is_match(prose))
    }

    /// The house rules, in file order.
    pub fn house_rules(&self) -> &[HouseRule] {
        &self.custom.house_rules
    }

    /// A house rule by its id (`house.NAME`), e.g. for its replacement.
    pub fn house_rule(&self, id: &str) -> Option<&HouseRule> {
        self.custom.house_rules.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_level_beats_family_level() {
        let mut c = Config::default();
        c.levels.insert("claim".into(), Level::On(Severity::Info));
        c.levels.insert("claim.vague-source".into(), Level::Off);
        assert_eq!(
            c.severity("claim.unattributed", Severity::Warning),
            Some(Severity::Info)
        );
        assert_eq!(c.severity("claim.vague-source", Severity::Warning), None);
        assert_eq!(
            c.severity("quote.unsourced", Severity::Warning),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn editor_levels_override_the_file_family_and_rule_alike() {
        let file = Config::from_toml("[rules]\n\"promo.code\" = \"off\"\nclaim = \"info\"\n")
            .expect("valid");
        let mut editor = BTreeMap::new();
        editor.insert("promo".to_owned(), Level::On(Severity::Error));
        editor.insert("claim.unattributed".to_owned(), Level::Off);
        let c = file.with_levels(&editor);
        assert_eq!(
            c.severity("promo.code", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(c.severity("claim.unattributed", Severity::Warning), None);
        assert_eq!(
            c.severity("claim.vague-source", Severity::Warning),
            Some(Severity::Info)
        );
    }

    /// Random bytes, and random soups of TOML's own tokens, never panic:
    /// they load or they give errors, each with a position inside the text.
    #[test]
    fn any_input_loads_or_is_an_error_never_a_panic() {
        const TOKENS: &[&str] = &[
            "[",
            "]",
            "[[",
            "]]",
            "rules",
            "promo",
            "house-rules",
            "attribution",
            "=",
            "\"",
            "'",
            "'''",
            "\n",
            " ",
            "#",
            ",",
            "{",
            "}",
            "claim",
            "off",
            "id",
            "pattern",
            "words",
            "\"x\"",
            "\"(a*)*b\"",
            "1",
            "true",
            "é",
            "\\",
            ".",
            "own-domains",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..2_000 {
            let len = (next() % 80) as usize;
            let bytes: Vec<u8> = if round % 2 == 0 {
                (0..len).map(|_| next() as u8).collect()
            } else {
                (0..len)
                    .flat_map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize].bytes())
                    .collect()
            };
            if let Err(errors) = Config::from_toml_bytes(&bytes) {
                assert!(!errors.is_empty());
                for e in errors {
                    assert!(
                        e.span.end <= bytes.len() && e.line >= 1 && e.column >= 1,
                        "{e:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn binary_garbage_is_an_error_at_the_first_bad_byte() {
        let errors = Config::from_toml_bytes(b"[rules]\nclaim = \"info\"\n\xff\xfe\x00junk")
            .expect_err("not UTF-8");
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (3, 1));
        assert!(errors[0].message.contains("UTF-8"), "{}", errors[0].message);
    }
}
