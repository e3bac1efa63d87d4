//! What a newsroom can tune. Parsing a `copydesk.toml` lives at the edges;
//! the engine only reads this struct.

use std::collections::BTreeMap;

use crate::finding::{family_of, Severity};

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
}

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
}
