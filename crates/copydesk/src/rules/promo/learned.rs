//! `promo.learned`: the learned promo detector (`copydesk_claims::promo`,
//! docs/promo-model.md) over the sentences no promo rule reported.
//!
//! The rules' word lists name the pitches someone has seen; the model reads
//! words and shapes (a web address, a price, a short code, the reader
//! addressed, a command) and so can flag a pitch in new words. It speaks
//! only where the rules are silent, and only at a threshold chosen for
//! precision by leaving whole sessions of drafts out of training.

use copydesk_claims::{Place, PromoDetector};

use crate::analysis::{Analysis, Sentence};
use crate::markup::{Block, BlockKind};
use crate::rules::claim::reads_block;
use crate::span::Span;

/// One sentence the model reads: where it is, and what it is given.
pub struct Unit {
    /// The index of its block.
    pub block: usize,
    pub span: Span,
    pub place: Place,
    /// The tagger's tokens, spans into the sentence's text.
    pub tokens: Vec<copydesk_tagger::Token>,
}

/// Every sentence the model reads, in order: those of the blocks the claim
/// rule reads too (no heading, footnote, block quote or table cell), whose
/// tokens every check has tagged already. `reported` are the spans the
/// block rules reported (the trainer's view of what [`find`] is given).
pub fn units<'a>(a: &'a Analysis<'a>, reported: &'a [Span]) -> impl Iterator<Item = Unit> + 'a {
    a.iter()
        .filter(|(_, block, _)| reads_block(block))
        .flat_map(move |(bi, block, ba)| {
            let facts = Facts::new(a, block, ba, reported);
            let sentences = &ba.sentences;
            (0..sentences.len()).map(move |i| {
                let mut tokens = Vec::new();
                crate::analysis::claim::tokens_of(a, &sentences[i], &mut tokens);
                Unit {
                    block: bi,
                    span: sentences[i].span,
                    place: facts.place(block, ba, i),
                    tokens,
                }
            })
        })
}

/// Spans sorted by start and merged where they overlap or touch, so the
/// ones a sentence overlaps are found by binary search: a paragraph of a
/// thousand flagged sentences must not ask a thousand spans each.
struct Merged(Vec<Span>);

impl Merged {
    fn new(mut spans: Vec<Span>) -> Merged {
        spans.sort_by_key(|s| (s.start, s.end));
        let mut out: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match out.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        Merged(out)
    }

    /// Whether any span overlaps `s`, and how many of its bytes they cover.
    fn cover(&self, s: Span) -> (bool, usize) {
        let lo = self.0.partition_point(|m| m.end <= s.start);
        let mut any = false;
        let mut bytes = 0;
        for m in self.0[lo..].iter().take_while(|m| m.start < s.end) {
            any |= m.overlaps(s);
            bytes += m.end.min(s.end).saturating_sub(m.start.max(s.start));
        }
        (any, bytes)
    }
}

/// What a block holds that each sentence's [`Place`] reads.
struct Facts {
    /// Per sentence: a block rule reported a span overlapping it.
    flagged: Vec<bool>,
    links: Merged,
    link_texts: Merged,
    quotes: Merged,
}

impl Facts {
    fn new(
        a: &Analysis<'_>,
        block: &Block,
        ba: &crate::analysis::BlockAnalysis,
        reported: &[Span],
    ) -> Facts {
        let reported = Merged::new(
            reported
                .iter()
                .copied()
                .filter(|r| r.overlaps(block.span))
                .collect(),
        );
        let links = super::block_links(a, block);
        Facts {
            flagged: ba
                .sentences
                .iter()
                .map(|s| reported.cover(s.span).0)
                .collect(),
            links: Merged::new(links.iter().map(|l| l.span).collect()),
            link_texts: Merged::new(links.iter().map(|l| l.text).collect()),
            quotes: Merged::new(ba.quotes.iter().map(|q| q.span).collect()),
        }
    }

    fn place(&self, block: &Block, ba: &crate::analysis::BlockAnalysis, i: usize) -> Place {
        let s: &Sentence = &ba.sentences[i];
        let flagged = |k: Option<usize>| k.and_then(|k| self.flagged.get(k)).is_some_and(|f| *f);
        let (link, _) = self.links.cover(s.span);
        let (_, linked) = self.link_texts.cover(s.span);
        let (_, quoted) = self.quotes.cover(s.span);
        let len = s.span.len().max(1);
        Place {
            list_item: block.kind == BlockKind::ListItem,
            bold_lead: block.strong_lead.is_some(),
            sentence_in_block: u32::try_from(i).unwrap_or(u32::MAX),
            sentences_in_block: u32::try_from(ba.sentences.len()).unwrap_or(u32::MAX),
            link,
            link_is_sentence: linked * 10 >= len * 6,
            reported: s.attribution.is_some_and(|c| !c.from_link),
            quoted: quoted * 2 >= len,
            rule_before: flagged(i.checked_sub(1)),
            rule_after: flagged(Some(i + 1)),
        }
    }
}

/// The units of one block the model flags, skipping those that overlap a
/// span already reported.
pub(super) fn find(
    a: &Analysis<'_>,
    block: &Block,
    ba: &crate::analysis::BlockAnalysis,
    reported: &[Span],
) -> Vec<(Span, f32)> {
    if !reads_block(block) {
        return Vec::new();
    }
    let detector = PromoDetector::embedded();
    // Alone, no threshold was precise enough (docs/promo-model.md §4): the
    // model is then asked only beside a reported sentence.
    let alone = detector.threshold(false).is_finite();
    if !alone && reported.is_empty() {
        return Vec::new();
    }
    let facts = Facts::new(a, block, ba, reported);
    let mut tokens = Vec::new();
    let mut out = Vec::new();
    for (i, s) in ba.sentences.iter().enumerate() {
        if s.span.is_empty() || facts.flagged[i] {
            continue;
        }
        let place = facts.place(block, ba, i);
        if !(alone || place.rule_before || place.rule_after) {
            continue;
        }
        crate::analysis::claim::tokens_of(a, s, &mut tokens);
        let score = detector.score(a.text(s.span), &tokens, &place);
        if detector.fires(&score, &place) {
            out.push((s.span, score.probability));
        }
    }
    out
}

/// Drops a `promo.learned` finding that overlaps another promo finding (the
/// story's tail, a document pass, reports after the model has spoken): one
/// passage, one finding, and the rule's says more.
pub fn yield_to_rules(findings: &mut Vec<crate::finding::Finding>) {
    let id = super::PROMO_LEARNED.id;
    if !findings.iter().any(|f| f.rule == id) {
        return;
    }
    let others = Merged::new(
        findings
            .iter()
            .filter(|f| f.rule != id && f.rule.starts_with("promo."))
            .map(|f| f.span)
            .collect(),
    );
    findings.retain(|f| f.rule != id || !others.cover(f.span).0);
}
