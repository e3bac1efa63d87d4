//! What the rules read of a newsroom's configuration: rule levels, extra
//! word lists and house rules, compiled once when a configuration loads and
//! shared behind an `Arc`, so a check never rebuilds a matcher.
//!
//! Only the type lives here, below the rules that read it; reading a
//! `copydesk.toml` into one is [`crate::config`]'s job, which sits over the
//! rule registry.

use std::collections::BTreeMap;
use std::sync::Arc;

use regex::Regex;

use super::house::HouseRule;
use super::promo::links::LinkExtras;
use crate::finding::{family_of, Severity};
use crate::lexicon::{ReportingVerbs, Verbs};

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
    /// An editor's `claim.sensitivity`, which wins over the file's
    /// `[claim] sensitivity` (`None`: the file's). Read both through
    /// [`Config::claim_sensitivity`].
    pub editor_claim_sensitivity: Option<copydesk_claims::Sensitivity>,
}

/// What a `copydesk.toml` adds beyond levels, compiled once at load.
#[derive(Debug, Default)]
pub struct Custom {
    /// The text this was compiled from: two are equal when their texts are.
    pub(crate) source: String,
    /// Reporting verbs beyond `data/reporting_verbs.txt`.
    pub verbs: ReportingVerbs,
    /// Own domains, affiliate domains and affiliate parameters.
    pub links: LinkExtras,
    /// Disclosure phrases beyond `data/promo/disclosures.txt`.
    pub disclosures: Option<Regex>,
    /// `[[house-rules]]`, in file order.
    pub house_rules: Vec<HouseRule>,
    /// `[claim] sensitivity`: how readily the claim model fires.
    pub claim_sensitivity: copydesk_claims::Sensitivity,
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
            editor_claim_sensitivity: self.editor_claim_sensitivity,
        }
    }

    /// This configuration (a `copydesk.toml`'s) with an editor's settings
    /// laid over it: its levels ([`Config::with_levels`]) and its claim
    /// sensitivity, if it sets one.
    pub fn with_editor(&self, editor: &Config) -> Config {
        let mut config = self.with_levels(&editor.levels);
        config.editor_claim_sensitivity = editor
            .editor_claim_sensitivity
            .or(self.editor_claim_sensitivity);
        config
    }

    /// How readily the claim model fires: the editor's setting, else the
    /// `copydesk.toml`'s `[claim] sensitivity`, else medium.
    pub fn claim_sensitivity(&self) -> copydesk_claims::Sensitivity {
        self.editor_claim_sensitivity
            .unwrap_or(self.custom.claim_sensitivity)
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
