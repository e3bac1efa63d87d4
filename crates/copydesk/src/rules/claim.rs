//! `claim.unattributed` and `claim.vague-source`.
//!
//! A sentence makes a checkable claim when the phrase list finds a claim
//! signal in it or the learned model scores it as one; it needs a source
//! when nothing in it names one. Both are read from the sentence's claim
//! assessment, computed once in the analysis
//! ([`crate::analysis::claim`]). The rule decides which blocks it reads and
//! at what severity it reports: the rule's own when the finding is sure (the
//! phrase list, or the model at its precision threshold), one step softer
//! below that, down to the `[claim] sensitivity` floor. Vague stand-ins for
//! a source ("studies show") are reported as such.

use crate::finding::{Finding, Severity};
use crate::markup::{Block, BlockKind};
use crate::span::Span;

use super::rule::{declare_rule, spj, Context};

declare_rule! {
    /// claim.unattributed
    pub CLAIM_UNATTRIBUTED = "claim.unattributed", Warning, Block,
    summary: "A checkable claim with no source.",
    explanation: "A statistic, a causal claim or a sweeping assertion that a reader cannot check because the story does not say where it comes from. Name the source in the sentence (\"according to the county health department\", \"the study found\"), link the document, or cut the claim.",
    why: concat!("A reader cannot check a figure, a cause or a sweeping statement the story asserts on its own authority, and will reasonably take it as the outlet's opinion. ", spj!()),
    fix: "Name the source in the sentence (\"according to the county health department\", \"the study found\"), link the document it comes from, or cut the claim. The quick fix appends \", according to [SOURCE]\" to the sentence for you to fill in.",
    fires: [
        "Crime has doubled since the new mayor took office.",
        "The closures were caused by the new tax.",
    ],
    quiet: [
        "Crime has doubled since the new mayor took office, according to police records.",
        "The council met on Tuesday and voted 5-2 to approve the budget.",
    ],
    quick_fix: super::fix::name_source,
}

declare_rule! {
    /// claim.vague-source
    pub CLAIM_VAGUE_SOURCE = "claim.vague-source", Warning, Block,
    summary: "A vague stand-in for a source (\"studies show\", \"experts say\").",
    explanation: "Phrases like \"studies show\", \"experts say\" or \"it is widely believed\" sound sourced but name nobody. Say which study, which experts, or who believes it; if you cannot, the claim is unsourced.",
    why: concat!("\"Studies show\" and \"experts say\" sound sourced but give the reader nobody to weigh or check. ", spj!()),
    fix: "Say which study, which experts, or who believes it (\"a 2023 Stanford study found\"). If you cannot, the claim is unsourced: source it or cut it.",
    fires: [
        "Studies show that rents rose faster than wages.",
        "Experts say the bridge is unsafe.",
    ],
    quiet: [
        "A 2023 study by the city's housing office found that rents rose faster than wages.",
        "The researchers say the bridge is unsafe.",
    ],
    quick_fix: super::fix::name_source,
}

/// Build this family's matchers without searching anything (see
/// [`crate::compile_matchers`]).
pub fn compile_matchers() {
    crate::analysis::claim::compile_matchers();
}

/// Whether the claim rule reads a block: not headings, footnotes, block
/// quotes or table cells (furniture, notes, someone else's words).
pub fn reads_block(block: &Block) -> bool {
    !(block.in_footnote
        || block.quote_depth > 0
        || matches!(block.kind, BlockKind::Heading(_) | BlockKind::TableCell))
}

pub fn check(cx: &mut Context<'_>) {
    let a = cx.analysis;
    let sensitivity = cx.config.claim_sensitivity();
    let unattributed = cx
        .config
        .severity(CLAIM_UNATTRIBUTED.id, CLAIM_UNATTRIBUTED.default_severity);
    let vague = cx
        .config
        .severity(CLAIM_VAGUE_SOURCE.id, CLAIM_VAGUE_SOURCE.default_severity);
    for (_, block, ba) in a.iter() {
        if !reads_block(block) {
            continue;
        }
        for s in a.claims(block, ba) {
            if let Some(v) = s.vague {
                if let Some(sev) = vague.filter(|_| !s.vague_owned) {
                    cx.findings.push(Finding::new(
                        CLAIM_VAGUE_SOURCE.id,
                        sev,
                        v,
                        "Vague source: name the study, the experts or the critics.",
                    ));
                }
            } else if let Some(sev) = unattributed.filter(|_| s.fires(sensitivity)) {
                let sev = if s.sure() { sev } else { softer(sev) };
                if s.register_vetoable(sensitivity) {
                    cx.register_vetoable.push(s.span);
                }
                cx.findings.push(Finding::new(
                    CLAIM_UNATTRIBUTED.id,
                    sev,
                    s.span,
                    s.message(),
                ));
            }
        }
    }
}

/// On a page in the opinion register (`analysis::register`), a
/// `claim.unattributed` finding that stands on the phrase list alone with
/// the model's probability under `REGISTER_FLOOR` is dropped: `vetoable`
/// holds their spans (`Local::register_vetoable`). Runs over the whole
/// draft's findings (in [`super::finish`]), as the register is the page's.
pub fn yield_to_register(findings: &mut Vec<Finding>, vetoable: &[Span]) {
    if vetoable.is_empty() {
        return;
    }
    findings.retain(|f| !(f.rule == CLAIM_UNATTRIBUTED.id && vetoable.contains(&f.span)));
}

/// A passage the promo family flags is an ad, not a claim: "Subscribe for
/// $1 a week", "15% off with code…", "loans at rates as low as 7.99% APR".
/// The labelling guide makes house ads and service copy with rates not
/// claims, so a claim finding that overlaps a promo finding is dropped.
/// Runs over the whole draft's findings (in [`super::finish`]), after the
/// promo family's document pass.
pub fn yield_to_promo(findings: &mut Vec<Finding>) {
    let mut promo: Vec<Span> = findings
        .iter()
        .filter(|f| f.rule.starts_with("promo."))
        .map(|f| f.span)
        .collect();
    if promo.is_empty() {
        return;
    }
    promo.sort_by_key(|s| s.start);
    // The furthest end among the promo spans that start before each one's
    // successor: a claim overlaps a promo span iff one starting before the
    // claim's end reaches past its start.
    let reach: Vec<usize> = promo
        .iter()
        .scan(0, |end, s| {
            *end = s.end.max(*end);
            Some(*end)
        })
        .collect();
    findings.retain(|f| {
        if !f.rule.starts_with("claim.") {
            return true;
        }
        let k = promo.partition_point(|p| p.start < f.span.end);
        k == 0 || reach[k - 1] <= f.span.start
    });
}

/// The severity of a finding the model is less sure of: one step below the
/// rule's (a warning becomes information), so an editor can tell the sure
/// findings from the ones `[claim] sensitivity = "high"` adds.
fn softer(sev: Severity) -> Severity {
    match sev {
        Severity::Error => Severity::Warning,
        Severity::Warning => Severity::Info,
        Severity::Info | Severity::Hint => Severity::Hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[claim] sensitivity` moves the model's threshold: over the long
    /// benchmark draft, each step up finds a superset of the step below,
    /// and high finds more than low.
    #[test]
    fn sensitivity_orders_the_findings() {
        let draft = include_str!("../../../../benches/data/draft-10k.md");
        let found = |level: &str| -> Vec<crate::Span> {
            let config = crate::Config::from_toml(&format!("[claim]\nsensitivity = \"{level}\"\n"))
                .expect("valid");
            crate::check(draft, crate::Format::Markdown, &config)
                .into_iter()
                .filter(|f| f.rule == "claim.unattributed")
                .map(|f| f.span)
                .collect()
        };
        let (low, medium, high) = (found("low"), found("medium"), found("high"));
        assert!(low.iter().all(|s| medium.contains(s)));
        assert!(medium.iter().all(|s| high.contains(s)));
        assert!(high.len() > low.len(), "{} {}", high.len(), low.len());
    }

    /// The model's reasons reach the finding's message (and so the hover).
    #[test]
    fn a_model_finding_says_why() {
        let a = crate::analysis::analyze(
            "Rural bookshops are dying.",
            crate::Format::Markdown,
            crate::lexicon::Verbs::builtin(),
        );
        let (_, block, ba) = a.iter().next().expect("a block");
        let s = a.claim(block, ba, 0);
        let score = s.score.expect("scored");
        assert!(score.reasons().count() > 0);
        let m = s.message();
        assert!(score.reasons().all(|r| m.contains(r.as_str())), "{m}");
    }

    /// Severity follows the model's probability: at `high`, the findings it
    /// adds below the precision threshold are information, the sure ones
    /// stay warnings, and `[rules]` still sets the sure ones' severity.
    #[test]
    fn severity_follows_the_probability() {
        let draft = include_str!("../../../../benches/data/draft-10k.md");
        let run = |toml: &str| -> Vec<crate::Finding> {
            let config = crate::Config::from_toml(toml).expect("valid");
            crate::check(draft, crate::Format::Markdown, &config)
                .into_iter()
                .filter(|f| f.rule == "claim.unattributed")
                .collect()
        };
        let medium = run("");
        let high = run("[claim]\nsensitivity = \"high\"\n");
        assert!(medium.iter().all(|f| f.severity == Severity::Warning));
        let soft: Vec<_> = high
            .iter()
            .filter(|f| f.severity == Severity::Info)
            .collect();
        assert!(!soft.is_empty());
        // The soft ones are exactly those medium does not report.
        assert!(soft
            .iter()
            .all(|f| !medium.iter().any(|m| m.span == f.span)));
        assert_eq!(high.len() - soft.len(), medium.len());
        let errors = run("[claim]\nsensitivity = \"high\"\n[rules]\nclaim = \"error\"\n");
        assert!(errors
            .iter()
            .all(|f| matches!(f.severity, Severity::Error | Severity::Warning)));
        assert_eq!(
            errors
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
            medium.len()
        );
    }

    /// A sentence a cue covers whole, or one with a vague source, is never
    /// scored: no `claim.unattributed` finding can come of it.
    #[test]
    fn sourced_sentences_are_not_scored() {
        let a = crate::analysis::analyze(
            "Crime has doubled since 2019, the police department said. Studies show crime has doubled.",
            crate::Format::Markdown,
            crate::lexicon::Verbs::builtin(),
        );
        let (_, block, ba) = a.iter().next().expect("a block");
        let first = a.claim(block, ba, 0);
        assert!(first.covered && first.score.is_none());
        let second = a.claim(block, ba, 1);
        assert!(second.vague.is_some() && second.score.is_none());
    }
}
