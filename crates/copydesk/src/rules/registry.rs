//! The one list of rules, by family, in the order they run and report.
//!
//! Adding a rule: declare it in its family's file with
//! [`declare_rule!`](super::rule), add it here, and give it a case file
//! (`tests/cases/<id>.md`). Everything that lists rules (config keys,
//! `docs/rules.md`, SARIF, the editors' settings schemas, the rule-case
//! tests) reads this list; the two committed copies are rewritten by
//! `UPDATE_DOCS=1 cargo test --test rules_doc --test editor_vscode`.

use super::fix::{self, QuickFix};
use super::rule::{Context, RuleInfo};
use super::{claim, house, promo, quote, source, syntax, Local};
use crate::finding::Finding;
use crate::markup::Document;
use crate::rules::Config;

/// A family's document pass: what the block pass left, the whole draft
/// (its prose and structure) and the configuration in; its findings out.
pub type Finish = fn(&Local, &Document, &Config) -> Vec<Finding>;

/// A family: rules that share one pass over the draft.
pub struct Family {
    /// The part of the rule ids before the dot; also a config key.
    pub name: &'static str,
    pub rules: &'static [RuleInfo],
    /// Reports the family's block-scope rules.
    pub check: fn(&mut Context<'_>),
    /// Reports its document-scope rules, from what the block pass left and
    /// the whole draft.
    pub finish: Option<Finish>,
    /// Whether the configuration declares this family's rules (`house.NAME`
    /// from `[[house-rules]]`) rather than the registry.
    pub configured: bool,
    /// The quick fix for the rules the configuration declares, which have
    /// no declaration of their own.
    pub configured_fix: Option<QuickFix>,
}

/// Every rule family, in run order.
pub const FAMILIES: &[Family] = &[
    Family {
        name: "claim",
        rules: &[claim::CLAIM_UNATTRIBUTED, claim::CLAIM_VAGUE_SOURCE],
        check: claim::check,
        finish: None,
        configured: false,
        configured_fix: None,
    },
    Family {
        name: "quote",
        rules: &[quote::QUOTE_UNSOURCED],
        check: quote::check,
        finish: None,
        configured: false,
        configured_fix: None,
    },
    Family {
        name: "source",
        rules: &[source::SOURCE_ANONYMOUS],
        check: source::check,
        finish: None,
        configured: false,
        configured_fix: None,
    },
    Family {
        name: "promo",
        rules: &[
            promo::PROMO_AFFILIATE_LINK,
            promo::PROMO_CODE,
            promo::PROMO_PLUG,
            promo::PROMO_CALL_TO_ACTION,
            promo::PROMO_SALES_PITCH,
            promo::PROMO_LEARNED,
            promo::PROMO_UNDISCLOSED,
        ],
        check: promo::check_block_rules,
        finish: Some(promo::finish),
        configured: false,
        configured_fix: None,
    },
    Family {
        name: "syntax",
        rules: &[syntax::SYNTAX_UNCLOSED_QUOTE],
        check: syntax::check,
        finish: None,
        configured: false,
        configured_fix: None,
    },
    // A newsroom's own rules from copydesk.toml: ids `house.NAME`, none built in.
    Family {
        name: "house",
        rules: &[],
        check: house::check,
        finish: None,
        configured: true,
        configured_fix: Some(fix::house_replacement),
    },
];

/// Every built-in rule, in output order.
pub const ALL: &[RuleInfo] = &{
    const N: usize = {
        let mut n = 0;
        let mut i = 0;
        while i < FAMILIES.len() {
            n += FAMILIES[i].rules.len();
            i += 1;
        }
        n
    };
    let mut all = [FAMILIES[0].rules[0]; N];
    let mut k = 0;
    let mut i = 0;
    while i < FAMILIES.len() {
        let mut j = 0;
        while j < FAMILIES[i].rules.len() {
            all[k] = FAMILIES[i].rules[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    all
};

/// The rule with this id, if any.
pub fn info(id: &str) -> Option<&'static RuleInfo> {
    ALL.iter().find(|r| r.id == id)
}

/// The family with this name, if any.
pub fn family(name: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.name == name)
}

/// The quick-fix builder for a rule id: its declaration's, or for a rule
/// the configuration declares, its family's.
pub fn quick_fix(id: &str) -> Option<QuickFix> {
    match info(id) {
        Some(rule) => rule.quick_fix,
        None => family(crate::finding::family_of(id))?.configured_fix,
    }
}

/// Whether `name` may follow a configured family's dot (`utilize` in
/// `house.utilize`): lowercase letters, digits, `-` and `_`.
pub fn is_configured_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Whether a settings key names a rule or a family: a built-in rule id, a
/// family, or an id a configured family's rules may take (`house.NAME`).
pub fn is_rule_key(key: &str) -> bool {
    if info(key).is_some() || family(key).is_some() {
        return true;
    }
    key.split_once('.').is_some_and(|(fam, name)| {
        family(fam).is_some_and(|f| f.configured) && is_configured_name(name)
    })
}

/// The ids the configured families' rules may take, as patterns (regex and
/// JSON Schema syntax): `^house\.[a-z0-9_-]+$`. The editors' settings
/// schemas are tested against these.
pub fn configured_id_patterns() -> Vec<String> {
    FAMILIES
        .iter()
        .filter(|f| f.configured)
        .map(|f| format!("^{}\\.[a-z0-9_-]+$", f.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_keys_are_rules_families_and_configured_ids() {
        for (key, known) in [
            ("promo.code", true),
            ("claim", true),
            ("house", true),
            ("house.utilize", true),
            ("house.no-such-rule_2", true),
            ("house.", false),
            ("house.Utilize", false),
            ("promo.no-such-rule", false),
            ("nothing", false),
        ] {
            assert_eq!(is_rule_key(key), known, "{key}");
        }
        let patterns = configured_id_patterns();
        assert_eq!(patterns, vec!["^house\\.[a-z0-9_-]+$".to_string()]);
        let pattern = regex::Regex::new(&patterns[0]).expect("a valid pattern");
        for key in ["house.utilize", "house.", "house.Utilize", "housexutilize"] {
            assert_eq!(pattern.is_match(key), is_rule_key(key), "{key}");
        }
    }
}
