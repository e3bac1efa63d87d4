//! The rules, one file or folder per family, each rule declared beside the
//! check that reports it ([`rule`]) and listed once in [`registry`], whose
//! order is the output order.
//!
//! This module runs them: the block rules family by family, each under
//! `catch_unwind`, then the document rules, then order and duplicates.

use crate::analysis::Analysis;
use crate::finding::Finding;
use crate::span::Span;

pub mod claim;
pub mod doc;
pub mod fix;
pub mod house;
pub mod promo;
pub mod quote;
pub mod registry;
pub mod rule;
pub mod settings;
pub mod source;
pub mod syntax;

pub use registry::{
    configured_id_patterns, family, info, is_rule_key, quick_fix, Family, ALL, FAMILIES,
};
pub use rule::{anchor, Context, RuleInfo, Scope};
pub use settings::{Config, Level};

/// What the block rules found in a run of blocks, and what the
/// document rules need from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Local {
    /// In the order the rules reported them (not yet sorted).
    pub findings: Vec<Finding>,
    /// The first affiliate link, for `promo.undisclosed`.
    pub first_affiliate: Option<Span>,
    /// Whether the draft's prose holds a built-in disclosure, when the
    /// caller has looked already (the incremental checker, which keeps
    /// where it is from one edit to the next); else `finish` looks.
    pub disclosed: Option<bool>,
    /// Each block's facts for the story's tail (`promo::TailBlock`, in
    /// the order of the document's blocks), when the caller kept them
    /// (the incremental checker, by block fingerprint); else the tail
    /// pass reads them from the document.
    pub tail_blocks: Option<Vec<promo::TailBlock>>,
    /// The `claim.unattributed` findings that stand on the phrase list
    /// alone with little model support (`Assessment::register_vetoable`):
    /// dropped on a page in the opinion register
    /// ([`claim::yield_to_register`]).
    pub register_vetoable: Vec<Span>,
    /// Each block's counts for the page's register
    /// (`analysis::register::BlockRegister`, in the order of the
    /// document's blocks), when the caller kept them (the incremental
    /// checker, by block fingerprint); else `finish` counts the document.
    pub register_blocks: Option<Vec<crate::analysis::register::BlockRegister>>,
}

/// Build the families' matchers that do not depend on the draft, without
/// searching anything (see [`crate::compile_matchers`]), in the order a
/// check first asks for them: the promo lists' prefilter first (the
/// server's first check of a draft compiles the lists for the whole draft
/// before it runs any rule, `promo::prepare`), then the claim signals, the
/// anonymous sources, and the promo rules' smaller matchers.
pub fn compile_matchers() {
    promo::compile_prefilter();
    claim::compile_matchers();
    source::compile_matchers();
    promo::compile_matchers();
}

/// Every block rule (those whose findings in a block depend only on that
/// block and the blocks before it), family by family in registry order.
pub fn run_blocks(analysis: &Analysis<'_>, config: &Config) -> Local {
    let mut cx = Context::new(analysis, config);
    for family in FAMILIES {
        guarded(&mut cx, family.name, family.check);
    }
    Local {
        first_affiliate: cx.first_affiliate,
        register_vetoable: std::mem::take(&mut cx.register_vetoable),
        findings: cx.into_findings(),
        disclosed: None,
        tail_blocks: None,
        register_blocks: None,
    }
}

/// Run one rule family under `catch_unwind`. A family that panics is logged
/// and its findings for this check dropped; the others' stand. (The panic
/// message itself goes to stderr through the panic hook.)
fn guarded(cx: &mut Context<'_>, family: &str, check: fn(&mut Context<'_>)) {
    let before = (
        cx.findings.len(),
        cx.first_affiliate,
        cx.register_vetoable.len(),
    );
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check(cx);
        #[cfg(test)]
        tests::maybe_panic(family);
    }));
    if outcome.is_err() {
        tracing::error!(
            family,
            "a rule panicked; its findings are dropped for this check"
        );
        cx.findings.truncate(before.0);
        cx.first_affiliate = before.1;
        cx.register_vetoable.truncate(before.2);
    }
}

/// The document rules over the whole draft, then the findings sorted by
/// position and rule order, duplicates dropped.
pub fn finish(local: Local, doc: &crate::markup::Document, config: &Config) -> Vec<Finding> {
    // The document rules' findings go after the block rules', as they
    // are found; the block rules' are moved in, not copied.
    let mut found_here = Vec::new();
    for family in FAMILIES {
        let Some(finish) = family.finish else {
            continue;
        };
        let found = std::panic::catch_unwind(|| {
            #[cfg(test)]
            for r in family.rules.iter().filter(|r| r.scope == Scope::Document) {
                tests::maybe_panic(r.id);
            }
            finish(&local, doc, config)
        });
        match found {
            Ok(found) => found_here.extend(found),
            Err(_) => tracing::error!(
                family = family.name,
                "a document rule panicked; its findings are dropped"
            ),
        }
    }
    // The page's register matters only when a finding may yield to it.
    let opinion = !local.register_vetoable.is_empty()
        && match &local.register_blocks {
            Some(blocks) => crate::analysis::register::opinion_page(blocks.iter().copied()),
            None => crate::analysis::register::opinion_document(doc),
        };
    let mut findings = local.findings;
    findings.extend(found_here);
    if opinion {
        claim::yield_to_register(&mut findings, &local.register_vetoable);
    }
    promo::learned::yield_to_rules(&mut findings);
    claim::yield_to_promo(&mut findings);
    // Each finding's rule looked up once, not in every comparison (a
    // keystroke in a long draft sorts all of its findings again). The sort
    // is stable, as `sort_by` is.
    let order = |id: &str| ALL.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    findings.sort_by_cached_key(|f| (f.span.start, order(&f.rule), f.span.end));
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    findings
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
