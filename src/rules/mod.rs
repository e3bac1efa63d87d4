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
    finish(run_local(analysis, config), &analysis.doc.prose, config)
}

/// What the block-local rules found in a run of blocks, and what the
/// document-level rules need from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Local {
    /// In the order the rules reported them (not yet sorted).
    pub findings: Vec<Finding>,
    /// The first affiliate link, for `promo.undisclosed`.
    pub first_affiliate: Option<Span>,
}

/// Every rule whose findings in a block depend only on that block and on
/// the blocks before it in the analysis (all but `promo.undisclosed`).
pub fn run_local(analysis: &Analysis<'_>, config: &Config) -> Local {
    let mut cx = Context::new(analysis, config);
    guarded(&mut cx, "claim", claim::check);
    guarded(&mut cx, "quote", quote::check);
    guarded(&mut cx, "source", source::check);
    let first_affiliate = guarded(&mut cx, "promo", promo::check_blocks).flatten();
    guarded(&mut cx, "house", house::check);
    Local {
        findings: cx.into_findings(),
        first_affiliate,
    }
}

/// Run one rule family under `catch_unwind`. A family that panics is logged
/// and its findings for this check dropped (`None`); the others' stand.
/// (The panic message itself goes to stderr through the panic hook.)
fn guarded<T>(
    cx: &mut Context<'_>,
    family: &str,
    check: impl FnOnce(&mut Context<'_>) -> T,
) -> Option<T> {
    let before = cx.findings.len();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let result = check(cx);
        #[cfg(test)]
        tests::maybe_panic(family);
        result
    }));
    match outcome {
        Ok(result) => Some(result),
        Err(_) => {
            tracing::error!(
                family,
                "a rule panicked; its findings are dropped for this check"
            );
            cx.findings.truncate(before);
            None
        }
    }
}

/// The document-level rules over the whole draft's `prose`, then the
/// findings sorted by position and rule order, duplicates dropped.
pub fn finish(local: Local, prose: &str, config: &Config) -> Vec<Finding> {
    let mut findings = local.findings;
    let undisclosed = std::panic::catch_unwind(|| {
        #[cfg(test)]
        tests::maybe_panic("promo.undisclosed");
        promo::undisclosed(local.first_affiliate, prose, config)
    });
    match undisclosed {
        Ok(found) => findings.extend(found),
        Err(_) => tracing::error!("promo.undisclosed panicked; its finding is dropped"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;
    use std::cell::Cell;

    thread_local! {
        /// The family to make panic after it has reported, in this thread.
        static PANIC_IN: Cell<Option<&'static str>> = const { Cell::new(None) };
    }

    /// The test-only hook `guarded` calls after each family: a rule that
    /// blows up half-way, after reporting what it found so far.
    pub(super) fn maybe_panic(family: &str) {
        if PANIC_IN.with(Cell::get) == Some(family) {
            panic!("{family} blew up");
        }
    }

    fn run_with_panic_in(family: Option<&'static str>, text: &str) -> Vec<Finding> {
        let config = Config::default();
        let analysis = crate::analysis::analyze(text, Format::Markdown, &config);
        PANIC_IN.with(|p| p.set(family));
        let findings = run(&analysis, &config);
        PANIC_IN.with(|p| p.set(None));
        findings
    }

    #[test]
    fn a_panicking_family_is_dropped_and_the_others_kept() {
        let text = "Use code SAVE20 at checkout. Shop [here](https://amzn.to/x?tag=a-20).\n\n\
                    Studies show that 40% of readers skim.\n\nVolunteers handed out water. “The city tells you to stay inside. Inside where?”\n";
        let all = run_with_panic_in(None, text);
        for family in ["promo.code", "promo.undisclosed", "claim.", "quote."] {
            assert!(
                all.iter().any(|f| f.rule.starts_with(family)),
                "{family}: {all:?}"
            );
        }
        for (family, lost) in [
            ("claim", "claim."),
            ("quote", "quote."),
            ("promo", "promo."),
            ("promo.undisclosed", "promo.undisclosed"),
        ] {
            let survived = run_with_panic_in(Some(family), text);
            let expected: Vec<Finding> = all
                .iter()
                .filter(|f| !f.rule.starts_with(lost))
                .cloned()
                .collect();
            assert_eq!(survived, expected, "{family} panicked");
        }
    }
}
