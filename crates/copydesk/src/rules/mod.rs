//! The rules, one file per family, registered in one ordered list so output
//! is stable. Each rule carries its id, default severity and explanation
//! together (the way clippy's lint declarations do).

use crate::analysis::Analysis;
use crate::finding::{Finding, Severity};
use crate::span::Span;

pub mod claim;
pub mod doc;
pub mod house;
pub mod promo;
pub mod quote;
pub mod settings;
pub mod source;

pub use settings::{Config, Level};

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
    pub fn report_house(&mut self, rule: &house::pattern::HouseRule, span: Span, message: String) {
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
/// Build the families' matchers that do not depend on the draft, without
/// searching anything, the last family a check reaches first (see
/// [`crate::compile_matchers`]).
pub fn compile_matchers() {
    promo::compile_matchers();
    source::compile_matchers();
    claim::compile_matchers();
}

pub fn run_blocks(analysis: &Analysis<'_>, config: &Config) -> Local {
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
    /// Why it matters to a reader, with the standard it comes from.
    pub why: &'static str,
    /// How to fix it, in the writer's words.
    pub fix: &'static str,
    /// Drafts (Markdown) on which the rule fires. `docs/rules.md` shows them
    /// and `tests/rules_doc.rs` checks that they really do.
    pub fires: &'static [&'static str],
    /// Drafts on which it stays quiet, checked the same way.
    pub quiet: &'static [&'static str],
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
/// and `_`, lowercased. Also used for rules with no entry in [`ALL`]
/// (house rules).
pub fn anchor(rule: &str) -> String {
    rule.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `config` with `quote.unsourced` on: what the source ledger and the quick
/// fixes ask of the quote rule whatever level the writer set.
pub fn quote_rule_on(config: &Config) -> Config {
    let mut config = config.clone();
    config.levels.insert(
        QUOTE_UNSOURCED.id.to_string(),
        Level::On(QUOTE_UNSOURCED.default_severity),
    );
    config
}

/// The rule with this id, if any.
pub fn info(id: &str) -> Option<&'static RuleInfo> {
    ALL.iter().find(|r| r.id == id)
}

macro_rules! declare_rules {
    ($($name:ident = $id:literal, $sev:ident, $summary:literal, $expl:literal,
        why: $why:expr, fix: $fix:literal,
        fires: [$($fires:literal),* $(,)?], quiet: [$($quiet:literal),* $(,)?];)*) => {
        $(pub const $name: RuleInfo = RuleInfo {
            id: $id,
            default_severity: Severity::$sev,
            summary: $summary,
            explanation: $expl,
            why: $why,
            fix: $fix,
            fires: &[$($fires),*],
            quiet: &[$($quiet),*],
        };)*
        /// Every rule, in output order.
        pub const ALL: &[RuleInfo] = &[$($name),*];
    };
}

/// Why sourcing matters, shared by the claim, quote and source rules.
macro_rules! spj {
    () => {
        "The SPJ Code of Ethics asks journalists to \"identify sources clearly\": the public is entitled to as much information as possible to judge the reliability and motives of sources."
    };
}

/// Why disclosure matters, shared by the promo rules.
macro_rules! ftc {
    () => {
        "The FTC's Endorsement Guides require a clear disclosure of any material connection (payment, commission, free products) between an endorser and the seller, and the SPJ Code of Ethics asks journalists to distinguish news from advertising."
    };
}

declare_rules! {
    CLAIM_UNATTRIBUTED = "claim.unattributed", Warning,
        "A checkable claim with no source.",
        "A statistic, a causal claim or a sweeping assertion that a reader cannot check because the story does not say where it comes from. Name the source in the sentence (\"according to the county health department\", \"the study found\"), link the document, or cut the claim.",
        why: concat!("A reader cannot check a figure, a cause or a sweeping statement the story asserts on its own authority, and will reasonably take it as the outlet's opinion. ", spj!()),
        fix: "Name the source in the sentence (\"according to the county health department\", \"the study found\"), link the document it comes from, or cut the claim. The quick fix appends \", according to [SOURCE]\" to the sentence for you to fill in.",
        fires: [
            "Crime has doubled since the new mayor took office.",
            "The closures were caused by the new tax.",
        ],
        quiet: [
            "Crime has doubled since the new mayor took office, according to police records.",
            "The council met on Tuesday and voted 5-2 to approve the budget.",
        ];
    CLAIM_VAGUE_SOURCE = "claim.vague-source", Warning,
        "A vague stand-in for a source (\"studies show\", \"experts say\").",
        "Phrases like \"studies show\", \"experts say\" or \"it is widely believed\" sound sourced but name nobody. Say which study, which experts, or who believes it; if you cannot, the claim is unsourced.",
        why: concat!("\"Studies show\" and \"experts say\" sound sourced but give the reader nobody to weigh or check. ", spj!()),
        fix: "Say which study, which experts, or who believes it (\"a 2023 Stanford study found\"). If you cannot, the claim is unsourced: source it or cut it.",
        fires: [
            "Studies show that rents rose faster than wages.",
            "Experts say the bridge is unsafe.",
        ],
        quiet: [
            "A 2023 study by the city's housing office found that rents rose faster than wages.",
            "The researchers say the bridge is unsafe.",
        ];
    QUOTE_UNSOURCED = "quote.unsourced", Warning,
        "A direct quotation whose speaker is not named.",
        "A reader needs to know who said a quoted sentence. Name the speaker in the same sentence or the one before it (\"…,\" she said / said Smith / Smith said: \"…\"). Anonymous sources are allowed when described (\"an official who was not authorized to speak\").",
        why: concat!("Quotation marks promise the reader these are someone's exact words; without a speaker the reader cannot tell whose, or why they should be believed. ", spj!()),
        fix: "Name the speaker in the same sentence or the one before it (\"…,\" she said / said Smith / Smith said: \"…\"). A described anonymous source (\"an official who was not authorized to speak\") also counts. The quick fix inserts \"[WHO] said\" after the closing mark for you to fill in.",
        fires: [
            "The council voted on Tuesday. \"We will not let this stand.\"",
            "“Nobody is coming. We are on our own here.”",
        ],
        quiet: [
            "\"We will not let this stand,\" said council member Ana Ruiz.",
            "Mayor Ana Lopez told the crowd: “Nobody is coming. We are on our own here.”",
            "The band played \"Born to Run\" twice.",
        ];
    SOURCE_ANONYMOUS = "source.anonymous", Info,
        "An anonymous source (a note, not an error).",
        "Described anonymous sources (\"a person familiar with the talks\", \"an official who was not authorized to speak\") are attribution, but readers deserve to know why the source was granted anonymity and how the source knows. The AP Stylebook and the SPJ Code of Ethics ask that the story say so; consider naming the source if you can.",
        why: "Readers deserve to know why a source was granted anonymity and how the source knows. The SPJ Code of Ethics asks journalists to \"consider sources' motives before promising anonymity\" and to \"explain why anonymity was granted\"; the AP Stylebook asks the same.",
        fix: "Say why the source was granted anonymity and how they know (\"who spoke on condition of anonymity because the talks are private\"), or name the source if you can. This is a note: it never means the sentence is unsourced.",
        fires: [
            "The talks collapsed on Friday, a person familiar with the negotiations said.",
        ],
        quiet: [
            "The talks collapsed on Friday, Labor Secretary Ana Ruiz said.",
        ];
    PROMO_AFFILIATE_LINK = "promo.affiliate-link", Warning,
        "An affiliate or tracking link in the story.",
        "The link goes through an affiliate network or carries an affiliate or tracking parameter, so the outlet earns money when readers click. Link the clean destination, or disclose the relationship as the FTC's Endorsement Guides require.",
        why: concat!("The outlet earns money when readers click or buy through the link, a material connection the reader cannot see. ", ftc!()),
        fix: "Link the clean destination (the quick fix removes the affiliate and tracking parameters and unwraps network redirects), or keep the link and disclose the relationship.",
        fires: [
            "Our [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
        ],
        quiet: [
            "The [council's report](https://example.gov/budget-2024.pdf) lists every cut.",
        ];
    PROMO_CODE = "promo.code", Warning,
        "A promo, coupon or discount code pasted into the story.",
        "A discount code in the body of a story is advertising. Move it to a labelled sponsor unit or cut it; reporting about a code (a scam, a recall) should say who is offering it.",
        why: concat!("A discount code in the body of a story is advertising dressed as reporting. ", ftc!()),
        fix: "Cut the code (the quick fix deletes its sentence) or move it to a labelled sponsor unit. Reporting about a code (a scam, a recall) should say who is offering it.",
        fires: [
            "Readers can use code SAVE20 at checkout for 20% off.",
        ],
        quiet: [
            "The code of conduct was adopted in 2019.",
        ];
    PROMO_PLUG = "promo.plug", Warning,
        "A \"Trending:\" / \"READ MORE:\" plug, newsletter pitch or sponsor line.",
        "Plugs for other stories, newsletter sign-ups and sponsor blurbs pasted into the body interrupt the story and are usually leftovers of a CMS template. Cut them, or let the page template place them.",
        why: concat!("Plugs, newsletter sign-ups and sponsor blurbs interrupt the story and blur the line between the newsroom's words and the business side's. ", ftc!()),
        fix: "Cut the plug (the quick fix deletes the line), or let the page template place it outside the story.",
        fires: [
            "The storm hit at dawn.\n\nREAD MORE: Ten gadgets you need this summer\n\nCrews worked through the night.",
        ],
        quiet: [
            "The storm hit at dawn. Crews worked through the night, and more rain is expected.",
        ];
    PROMO_SALES_PITCH = "promo.sales-pitch", Warning,
        "A sales pitch (\"save big\", \"order now\", \"limited-time offer\").",
        "Copy that urges the reader to buy is advertising, not reporting. Cut it, or label the passage as sponsored content.",
        why: concat!("Copy that urges the reader to buy is advertising, not reporting; readers who cannot tell the two apart stop trusting both. ", ftc!()),
        fix: "Cut the pitch (the quick fix deletes its sentence), or label the passage as sponsored content.",
        fires: [
            "Order now and save big with this limited-time offer!",
        ],
        quiet: [
            "The store's owner said sales fell 30% after the road closed.",
        ];
    PROMO_UNDISCLOSED = "promo.undisclosed", Warning,
        "Affiliate links in a draft with no disclosure.",
        "The story earns the outlet a commission through affiliate links but never tells the reader so. The FTC's Endorsement Guides expect a clear disclosure near the links (\"We may earn a commission when you buy through our links\"); add one, or link the clean destinations.",
        why: concat!("The story earns the outlet a commission through affiliate links but never tells the reader so. ", ftc!()),
        fix: "Add a clear disclosure near the top of the story (the quick fix inserts \"We may earn a commission when you buy through links in this story.\" after the title), or link the clean destinations instead.",
        fires: [
            "# Best fryers\n\nOur [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
        ],
        quiet: [
            "# Best fryers\n\nWe may earn a commission when you buy through links in this story.\n\nOur [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
        ];
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
        let analysis = crate::analysis::analyze(text, Format::Markdown, config.verbs());
        PANIC_IN.with(|p| p.set(family));
        let findings = crate::check_analysis(&analysis, &config);
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
