//! A reader for CoNLL-U text, enough for training and measuring: each
//! sentence's syntactic words (the FORM column; multiword-token range lines
//! such as `1-2` and empty nodes such as `1.1` are skipped) with their gold
//! label, and the document each sentence belongs to (`# newdoc id = ...`).
//! Reads a string; the caller reads the file.

use crate::tags::{Label, Upos};

#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// The id of the document, from the last `# newdoc id` line.
    pub doc: &'a str,
    pub words: Vec<&'a str>,
    pub gold: Vec<Label>,
}

/// Parses every sentence in `text`. Lines that are not well-formed word
/// lines (fewer than ten columns, an unknown UPOS) are skipped.
pub fn parse(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut doc = "";
    let mut cur = Sentence {
        doc,
        words: Vec::new(),
        gold: Vec::new(),
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        doc,
                        words: Vec::new(),
                        gold: Vec::new(),
                    },
                ));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(id) = c.trim().strip_prefix("newdoc id =") {
                doc = id.trim();
                cur.doc = doc;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(upos) = Upos::from_ud(cols[3]) else {
            continue;
        };
        cur.words.push(cols[1]);
        cur.gold.push(Label::from_ud(upos, cols[5]));
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}
