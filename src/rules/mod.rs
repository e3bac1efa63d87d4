//! The rules, one file per family, registered in one ordered list so output
//! is stable. Each rule carries its id, default severity and explanation
//! together (the way clippy's lint declarations do).

use crate::analysis::Analysis;
use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::span::Span;

pub mod claim;
pub mod house;
pub mod promo;
pub mod quote;
pub mod source;

/// What a rule family's `check` reads, and where it reports.
pub struct Context<'a> {
    pub analysis: &'a Analysis<'a>,
    pub config: &'a Config,
    findings: Vec<Finding>,
}

impl<'a> Context<'a> {
    pub fn new(analysis: &'a Analysis<'a>, config: &'a Config) -> Self {
        Context {
            analysis,
            config,
            findings: Vec::new(),
        }
    }

    /// Whether a rule is switched on; lets a family skip work for rules that are off.
    pub fn enabled(&self, rule: &RuleInfo) -> bool {
        self.config
            .severity(rule.id, rule.default_severity)
            .is_some()
    }

    /// Report a finding at the configured severity (nothing if the rule is off).
    pub fn report(&mut self, rule: &RuleInfo, span: Span, message: impl Into<String>) {
        if let Some(sev) = self.config.severity(rule.id, rule.default_severity) {
            self.findings
                .push(Finding::new(rule.id, sev, span, message));
        }
    }

    /// Report a finding of a configured house rule (nothing if it is off).
    pub fn report_house(&mut self, rule: &crate::config::HouseRule, span: Span, message: String) {
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

/// Run every rule family over an analysed document, in registry order.
pub fn run(analysis: &Analysis<'_>, config: &Config) -> Vec<Finding> {
    let mut cx = Context::new(analysis, config);
    claim::check(&mut cx);
    quote::check(&mut cx);
    source::check(&mut cx);
    promo::check(&mut cx);
    house::check(&mut cx);
    let mut findings = cx.into_findings();
    let order = |id: &str| ALL.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    findings.sort_by(|a, b| {
        (a.span.start, order(&a.rule), a.span.end).cmp(&(b.span.start, order(&b.rule), b.span.end))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    findings
}

/// A rule's metadata: what hover text, docs and `--explain` show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id, `family.name`.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// One paragraph: why it matters to a reader and how to fix it.
    pub explanation: &'static str,
}

impl RuleInfo {
    pub fn family(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }
}

macro_rules! declare_rules {
    ($($name:ident = $id:literal, $sev:ident, $summary:literal, $expl:literal;)*) => {
        $(pub const $name: RuleInfo = RuleInfo {
            id: $id,
            default_severity: Severity::$sev,
            summary: $summary,
            explanation: $expl,
        };)*
        /// Every rule, in output order.
        pub const ALL: &[RuleInfo] = &[$($name),*];
    };
}

declare_rules! {
    CLAIM_UNATTRIBUTED = "claim.unattributed", Warning,
        "A checkable claim with no source.",
        "A statistic, a causal claim or a sweeping assertion that a reader cannot check because the story does not say where it comes from. Name the source in the sentence (\"according to the county health department\", \"the study found\"), link the document, or cut the claim.";
    CLAIM_VAGUE_SOURCE = "claim.vague-source", Warning,
        "A vague stand-in for a source (\"studies show\", \"experts say\").",
        "Phrases like \"studies show\", \"experts say\" or \"it is widely believed\" sound sourced but name nobody. Say which study, which experts, or who believes it; if you cannot, the claim is unsourced.";
    QUOTE_UNSOURCED = "quote.unsourced", Warning,
        "A direct quotation whose speaker is not named.",
        "A reader needs to know who said a quoted sentence. Name the speaker in the same sentence or the one before it (\"…,\" she said / said Smith / Smith said: \"…\"). Anonymous sources are allowed when described (\"an official who was not authorized to speak\").";
    SOURCE_ANONYMOUS = "source.anonymous", Info,
        "An anonymous source (a note, not an error).",
        "Described anonymous sources (\"a person familiar with the talks\", \"an official who was not authorized to speak\") are attribution, but readers deserve to know why the source was granted anonymity and how the source knows. The AP Stylebook and the SPJ Code of Ethics ask that the story say so; consider naming the source if you can.";
    PROMO_AFFILIATE_LINK = "promo.affiliate-link", Warning,
        "An affiliate or tracking link in the story.",
        "The link goes through an affiliate network or carries an affiliate or tracking parameter, so the outlet earns money when readers click. Link the clean destination, or disclose the relationship as the FTC's Endorsement Guides require.";
    PROMO_CODE = "promo.code", Warning,
        "A promo, coupon or discount code pasted into the story.",
        "A discount code in the body of a story is advertising. Move it to a labelled sponsor unit or cut it; reporting about a code (a scam, a recall) should say who is offering it.";
    PROMO_PLUG = "promo.plug", Warning,
        "A \"Trending:\" / \"READ MORE:\" plug, newsletter pitch or sponsor line.",
        "Plugs for other stories, newsletter sign-ups and sponsor blurbs pasted into the body interrupt the story and are usually leftovers of a CMS template. Cut them, or let the page template place them.";
    PROMO_SALES_PITCH = "promo.sales-pitch", Warning,
        "A sales pitch (\"save big\", \"order now\", \"limited-time offer\").",
        "Copy that urges the reader to buy is advertising, not reporting. Cut it, or label the passage as sponsored content.";
    PROMO_UNDISCLOSED = "promo.undisclosed", Warning,
        "Affiliate links in a draft with no disclosure.",
        "The story earns the outlet a commission through affiliate links but never tells the reader so. The FTC's Endorsement Guides expect a clear disclosure near the links (\"We may earn a commission when you buy through our links\"); add one, or link the clean destinations.";
}
