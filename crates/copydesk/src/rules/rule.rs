//! What every rule is made of, and what its check reads and reports to.
//!
//! A rule is one unit, declared with [`declare_rule!`] in its family's file:
//! its id, default severity, scope, documentation (what, why, fix, drafts it
//! fires and stays quiet on) beside the check that reports it. The registry
//! ([`super::registry`]) lists them; docs, config keys, SARIF and the editor
//! schemas are generated from or tested against that list.

use crate::analysis::Analysis;
use crate::finding::{Finding, Severity};
use crate::span::Span;

use super::fix::QuickFix;
use super::house::HouseRule;
use super::settings::Config;

/// What a rule's findings depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A block and the blocks before it: the incremental checker may run it
    /// over a run of blocks alone.
    Block,
    /// The whole draft: run once, after every block rule.
    Document,
}

/// A rule's metadata: what hover text, docs and `--explain` show.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// Stable id, `family.name`.
    pub id: &'static str,
    pub default_severity: Severity,
    pub scope: Scope,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// One paragraph: why it matters to a reader and how to fix it.
    pub explanation: &'static str,
    /// Why it matters to a reader, with the standard it comes from.
    pub why: &'static str,
    /// How to fix it, in the writer's words.
    pub fix: &'static str,
    /// Drafts (Markdown) on which the rule fires. `docs/rules.md` shows them
    /// and `tests/rules_doc.rs` checks that they really do.
    pub fires: &'static [&'static str],
    /// Drafts on which it stays quiet, checked the same way.
    pub quiet: &'static [&'static str],
    /// Builds the quick fix an editor offers on the rule's findings.
    pub quick_fix: Option<QuickFix>,
}

impl RuleInfo {
    pub fn family(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }

    /// The rule's anchor in `docs/rules.md` (`promo.affiliate-link` →
    /// `promoaffiliate-link`, GitHub's heading slug for the id).
    pub fn anchor(&self) -> String {
        anchor(self.id)
    }
}

/// The anchor GitHub gives a `docs/rules.md` heading that is a rule id
/// (`promo.affiliate-link` → `promoaffiliate-link`): letters, digits, `-`
/// and `_`, lowercased. Also used for rules outside the registry (house
/// rules).
pub fn anchor(rule: &str) -> String {
    rule.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Declare a rule: `pub NAME = "family.name", Severity, Scope,` then its
/// `summary`, `explanation`, `why`, `fix`, `fires`, `quiet` and, when it
/// has one, the `quick_fix` builder ([`super::fix`]).
macro_rules! declare_rule {
    ($(#[$attr:meta])* pub $name:ident = $id:literal, $sev:ident, $scope:ident,
        summary: $summary:expr, explanation: $expl:expr,
        why: $why:expr, fix: $fix:expr,
        fires: [$($fires:expr),* $(,)?], quiet: [$($quiet:expr),* $(,)?]
        $(, quick_fix: $quick_fix:path)? $(,)?) => {
        $(#[$attr])*
        pub const $name: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
            id: $id,
            default_severity: $crate::finding::Severity::$sev,
            scope: $crate::rules::Scope::$scope,
            summary: $summary,
            explanation: $expl,
            why: $why,
            fix: $fix,
            fires: &[$($fires),*],
            quiet: &[$($quiet),*],
            quick_fix: $crate::rules::rule::quick_fix!($($quick_fix)?),
        };
    };
}
pub(crate) use declare_rule;

/// `Some(builder)` for a rule declared with one, else `None`.
macro_rules! quick_fix {
    () => {
        None
    };
    ($builder:path) => {
        Some($builder as $crate::rules::fix::QuickFix)
    };
}
pub(crate) use quick_fix;

/// Why sourcing matters, shared by the claim, quote and source rules.
macro_rules! spj {
    () => {
        "The SPJ Code of Ethics asks journalists to \"identify sources clearly\": the public is entitled to as much information as possible to judge the reliability and motives of sources."
    };
}
pub(crate) use spj;

/// Why disclosure matters, shared by the promo rules.
macro_rules! ftc {
    () => {
        "The FTC's Endorsement Guides require a clear disclosure of any material connection (payment, commission, free products) between an endorser and the seller, and the SPJ Code of Ethics asks journalists to distinguish news from advertising."
    };
}
pub(crate) use ftc;

/// What a rule family's `check` reads, and where it reports.
pub struct Context<'a> {
    pub analysis: &'a Analysis<'a>,
    pub config: &'a Config,
    pub(super) findings: Vec<Finding>,
    /// The first affiliate link the block rules met: what the document rule
    /// `promo.undisclosed` needs from them.
    pub first_affiliate: Option<Span>,
    /// The claim findings the page's register may drop (see
    /// [`super::Local::register_vetoable`]).
    pub(super) register_vetoable: Vec<Span>,
}

impl<'a> Context<'a> {
    pub fn new(analysis: &'a Analysis<'a>, config: &'a Config) -> Self {
        Context {
            analysis,
            config,
            findings: Vec::new(),
            first_affiliate: None,
            register_vetoable: Vec::new(),
        }
    }

    /// Whether a rule is switched on; lets a family skip work for rules that are off.
    pub fn enabled(&self, rule: &RuleInfo) -> bool {
        self.config
            .severity(rule.id, rule.default_severity)
            .is_some()
    }

    /// Report a finding at the configured severity (nothing if the rule is
    /// off, nor for a claim or promotion in a block that is not English:
    /// [`Analysis::is_foreign_block`], judged only now that a rule would flag).
    pub fn report(&mut self, rule: &RuleInfo, span: Span, message: impl Into<String>) {
        if (rule.id.starts_with("claim.") || rule.id.starts_with("promo."))
            && self
                .analysis
                .block_at(span.start)
                .is_some_and(|i| self.analysis.is_foreign_block(i))
        {
            return;
        }
        if let Some(sev) = self.config.severity(rule.id, rule.default_severity) {
            self.findings
                .push(Finding::new(rule.id, sev, span, message));
        }
    }

    /// Report a finding of a configured house rule (nothing if it is off).
    pub fn report_house(&mut self, rule: &HouseRule, span: Span, message: String) {
        if let Some(sev) = self.config.severity(&rule.id, rule.severity) {
            self.findings.push(Finding {
                rule: std::borrow::Cow::Owned(rule.id.clone()),
                severity: sev,
                span,
                message,
            });
        }
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}
