//! What a newsroom can tune, read from the text of a `copydesk.toml`.
//!
//! [`Config::from_toml`] turns that text into the [`Config`] the rules read
//! (a pure function: no file is read here); finding and reading the file
//! lives at the edges (the CLI and the server). This module sits over the
//! rule registry, which it checks rule ids against; no rule imports it.

#[cfg(test)]
use std::collections::BTreeMap;

pub use crate::rules::house::pattern::{HouseRule, MAX_PATTERN_LEN};
pub use crate::rules::settings::{Config, Custom, Level};
pub use file::ConfigError;

#[cfg(test)]
use crate::finding::Severity;

mod file;

impl Config {
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
