//! The one list of rules, by family, in the order they run and report.
//!
//! Adding a rule: declare it in its family's file with
//! [`declare_rule!`](super::rule), and add it here. Everything that lists
//! rules (config keys, `docs/rules.md`, SARIF, the editors' settings
//! schemas, the rule-case tests) reads this list.

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
}

/// Every rule family, in run order.
pub const FAMILIES: &[Family] = &[
    Family {
        name: "claim",
        rules: &[claim::CLAIM_UNATTRIBUTED, claim::CLAIM_VAGUE_SOURCE],
        check: claim::check,
        finish: None,
    },
    Family {
        name: "quote",
        rules: &[quote::QUOTE_UNSOURCED],
        check: quote::check,
        finish: None,
    },
    Family {
        name: "source",
        rules: &[source::SOURCE_ANONYMOUS],
        check: source::check,
        finish: None,
    },
    Family {
        name: "promo",
        rules: &[
            promo::PROMO_AFFILIATE_LINK,
            promo::PROMO_CODE,
            promo::PROMO_PLUG,
            promo::PROMO_CALL_TO_ACTION,
            promo::PROMO_SALES_PITCH,
            promo::PROMO_UNDISCLOSED,
        ],
        check: promo::check_block_rules,
        finish: Some(promo::finish),
    },
    Family {
        name: "syntax",
        rules: &[syntax::SYNTAX_UNCLOSED_QUOTE],
        check: syntax::check,
        finish: None,
    },
    // A newsroom's own rules from copydesk.toml: ids `house.NAME`, none built in.
    Family {
        name: "house",
        rules: &[],
        check: house::check,
        finish: None,
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
