//! Sentences, quotations and source cues for every block. (first slice)

use crate::analysis::{BlockAnalysis, Sentence};
use crate::markup::Document;

pub fn analyze_blocks(doc: &Document) -> Vec<BlockAnalysis> {
    doc.blocks
        .iter()
        .map(|b| BlockAnalysis {
            sentences: vec![Sentence {
                span: b.span,
                ends_with_colon: doc.text(b.span).ends_with(':'),
                attribution: None,
            }],
            quotes: Vec::new(),
        })
        .collect()
}
