//! Re-parsing only the top-level Markdown blocks an edit touches.
//!
//! [`Parsed`] keeps a draft's source and its [`Document`]. After an edit it
//! finds the top-level blocks the changed bytes fall in, parses that region
//! as a document of its own, and splices the result in (the spans after it
//! shifted, block quotes renumbered). The result is the document a full
//! parse of the new text gives, and a differential test holds it to that
//! (`tests/incremental.rs`). Whenever that cannot be shown cheaply it parses
//! the whole draft instead:
//!
//! - **The region's edges.** A region starts and ends at the start of a
//!   top-level block (or the draft's start and end) that comes right after a
//!   blank line and opens with a character no Markdown construct starts with
//!   (a letter, a quotation mark, `#`, `[`, `(`, `!`, anything beyond ASCII).
//!   After a blank line, such a line ends every open container — a list, a
//!   block quote, a footnote definition, a table, indented code, a
//!   paragraph (so no setext underline or lazy continuation reaches across)
//!   — and continues none (it is no list item, so no list turns loose across
//!   it; no `---` or `+++`, so no front matter starts there). Checked on the
//!   new text, whatever the edit did to the lines around it.
//! - **What can run past a blank line.** A fence (```` ``` ````, `~~~`) and an
//!   HTML block (anything with `<`) can swallow the blocks after it: a new
//!   region that holds either is parsed whole.
//! - **Definitions.** Link reference and footnote definitions (`[label]:`)
//!   act on the whole draft: a region that held or holds `]:` is parsed
//!   whole, and so is a region that could name a label defined elsewhere
//!   (see [`Labels`]).
//! - **Front matter** only opens at the draft's start (after an optional
//!   byte-order mark; [`super::front_matter_len`]), never at a `---` line
//!   further down, which is a thematic break or an underline, local to its
//!   block. A region that starts at the draft's start must hold all of the
//!   draft's front matter (its closing line may lie past the region's
//!   end), and one that starts elsewhere must not open with any. A draft
//!   that opens with `---` or `+++` but has no front matter (no closing
//!   line yet) is parsed from its start, since any edit could close it.

use std::ops::Range;

use super::{front_matter_len, parse_markdown_tops, Document, Seams, Top};
use crate::span::Span;

/// A Markdown draft's source and parse, kept from one edit to the next.
#[derive(Debug, Clone)]
pub struct Parsed {
    source: String,
    doc: Document,
    seams: Seams,
    /// Which blocks the last update replaced; `None` after a whole parse.
    changed: Option<ChangedBlocks>,
    /// The draft's labels ([`Labels::of`] of `source`), once asked for.
    /// An edit that re-parses only a region leaves every `]:` of the draft
    /// outside it, on lines wholly outside it (regions are whole lines), so
    /// the labels stay; without this every keystroke in a paragraph with a
    /// `[` searched the whole draft for `]:`.
    labels: Option<Labels>,
}

/// The blocks an update replaced: the blocks before `new.start` are the
/// old ones, unmoved, and those after `new.end` the old ones from
/// `new.start + old_len` on, moved by the length the edit added (their
/// spans, links and footnote references shifted, nothing else changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedBlocks {
    /// The new blocks, as indices into the new document's blocks.
    pub new: Range<usize>,
    /// How many old blocks they replaced.
    pub old_len: usize,
}

/// What [`Parsed::update`] re-parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reparsed {
    /// The text was the same.
    Nothing,
    /// This byte range of the new text.
    Part(Range<usize>),
    /// The whole draft.
    Whole,
}

impl Parsed {
    pub fn new(source: &str) -> Parsed {
        let (doc, seams) = parse_markdown_tops(source);
        Parsed {
            source: source.to_owned(),
            doc,
            seams,
            changed: None,
            labels: None,
        }
    }

    /// Which blocks the last [`Parsed::update`] replaced, the others kept
    /// as they were (moved by the edit's length if after it); `None` when
    /// it parsed the whole draft, or none was made.
    pub fn changed_blocks(&self) -> Option<&ChangedBlocks> {
        self.changed.as_ref()
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Bring the parse up to date with `source`, the draft's new text.
    pub fn update(&mut self, source: &str) -> Reparsed {
        if source == self.source {
            self.changed = Some(ChangedBlocks {
                new: 0..0,
                old_len: 0,
            });
            return Reparsed::Nothing;
        }
        match self.splice(source) {
            Some(range) => Reparsed::Part(range),
            None => {
                *self = Parsed::new(source);
                Reparsed::Whole
            }
        }
    }

    /// Re-parse the region an edit touched, or `None` when the whole draft
    /// must be parsed again (the module's documentation says when).
    fn splice(&mut self, new: &str) -> Option<Range<usize>> {
        let old = self.source.as_str();
        let (old_b, new_b) = (old.as_bytes(), new.as_bytes());
        // The unchanged bytes before and after the edit, on characters.
        let mut prefix = common_prefix(old_b, new_b);
        while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
            prefix -= 1;
        }
        let room = old.len().min(new.len()) - prefix;
        let mut suffix = common_suffix(&old_b[prefix..], &new_b[prefix..]).min(room);
        while !(old.is_char_boundary(old.len() - suffix)
            && new.is_char_boundary(new.len() - suffix))
        {
            suffix -= 1;
        }
        let old_end = old.len() - suffix;
        // The region's first top-level block: the last one starting at or
        // before the edit whose start is a clean seam in the new text (the
        // bytes before `prefix` are unchanged).
        let mut first = self.seams.tops.partition_point(|t| t.start <= prefix);
        let start = loop {
            if first == 0 {
                break 0;
            }
            first -= 1;
            let at = self.seams.tops[first].start;
            if seam(new, at) {
                break at;
            }
        };
        // The first top-level block after it: the first one starting at or
        // after the edit's end whose start is a seam in the new text.
        let mut next = self.seams.tops.partition_point(|t| t.start < old_end);
        let end = loop {
            let Some(top) = self.seams.tops.get(next) else {
                break old.len();
            };
            if top.start >= start && seam(new, top.start + new.len() - old.len()) {
                break top.start;
            }
            next += 1;
        };
        let new_end = end + new.len() - old.len();
        let region = &new[start..new_end];
        // A draft that opens with `---` or `+++` but no front matter gets
        // front matter as soon as a closing line appears anywhere.
        let body = new.strip_prefix('\u{feff}').unwrap_or(new);
        let unclosed_front_matter =
            !self.seams.front_matter && (body.starts_with("---") || body.starts_with("+++"));
        // The region read alone must see the front matter the draft has:
        // all of it at the draft's start, none elsewhere.
        let head = if start == 0 { front_matter_len(new) } else { 0 };
        if unclosed_front_matter && start > 0
            || front_matter_len(region) != head
            || region.contains('<')
            || region.contains("```")
            || region.contains("~~~")
            || region.contains("]:")
            || old[start..end].contains("]:")
        {
            return None;
        }
        // The region (whole lines, and its old text held no `]:`) leaves
        // the labels as they were, unless the old text's last byte before
        // `end` was a `]` the unchanged `:` at `end` followed.
        if end > 0 && old.as_bytes().get(end - 1..end + 1) == Some(b"]:".as_slice()) {
            self.labels = None;
        }
        if region.contains('[') {
            let labels = match self.labels.take() {
                Some(labels) => labels,
                None => Labels::of(new)?,
            };
            let absent = labels.absent_from(region);
            self.labels = Some(labels);
            if !absent {
                return None;
            }
        }

        let (part, seams) = parse_markdown_tops(region);
        let Seams {
            tops,
            quotes,
            front_matter,
        } = seams;
        if start == 0 {
            self.seams.front_matter = front_matter;
        }
        let quote_at = |i: usize| {
            self.seams
                .tops
                .get(i)
                .map_or(self.seams.quotes, |t| t.quote)
        };
        let (quote_start, quote_end) = (quote_at(first), quote_at(next));
        let grow = |at: usize| at + new.len() - old.len();
        let quote_shift = |q: u32| q + quote_start + quotes - quote_end;

        let doc = &mut self.doc;
        doc.prose.replace_range(start..end, &part.prose);
        // Links, then blocks (whose link ranges count links), then comments.
        let links_before = doc.links.partition_point(|l| l.span.start < start);
        let links_after = doc.links.partition_point(|l| l.span.start < end);
        let link_count = part.links.len();
        doc.links.splice(
            links_before..links_after,
            part.links.into_iter().map(|mut l| {
                l.span = l.span.offset(start);
                l.text = l.text.offset(start);
                l
            }),
        );
        let moved_links = links_before + link_count;
        for l in &mut doc.links[moved_links..] {
            l.span = shift(l.span, grow);
            l.text = shift(l.text, grow);
        }
        let blocks_before = doc.blocks.partition_point(|b| b.span.start < start);
        let blocks_after = doc.blocks.partition_point(|b| b.span.start < end);
        let block_count = part.blocks.len();
        self.changed = Some(ChangedBlocks {
            new: blocks_before..blocks_before + block_count,
            old_len: blocks_after - blocks_before,
        });
        doc.blocks.splice(
            blocks_before..blocks_after,
            part.blocks.into_iter().map(|mut b| {
                b.span = b.span.offset(start);
                b.block_quote = b.block_quote.map(|q| q + quote_start);
                b.links = b.links.start + links_before..b.links.end + links_before;
                for f in &mut b.footnote_refs {
                    *f = f.offset(start);
                }
                b.strong_lead = b.strong_lead.map(|s| s.offset(start));
                b.emphasis_lead = b.emphasis_lead.map(|s| s.offset(start));
                b
            }),
        );
        let links_moved_by = |i: usize| i + moved_links - links_after;
        for b in &mut doc.blocks[blocks_before + block_count..] {
            b.span = shift(b.span, grow);
            b.block_quote = b.block_quote.map(quote_shift);
            b.links = links_moved_by(b.links.start)..links_moved_by(b.links.end);
            for f in &mut b.footnote_refs {
                *f = shift(*f, grow);
            }
            b.strong_lead = b.strong_lead.map(|s| shift(s, grow));
            b.emphasis_lead = b.emphasis_lead.map(|s| shift(s, grow));
        }
        let comments_before = doc.comments.partition_point(|c| c.start < start);
        let comments_after = doc.comments.partition_point(|c| c.start < end);
        doc.comments.drain(comments_before..comments_after);
        for c in &mut doc.comments[comments_before..] {
            *c = shift(*c, grow);
        }

        let top_count = tops.len();
        self.seams.tops.splice(
            first..next,
            tops.into_iter().map(|t| Top {
                start: t.start + start,
                quote: t.quote + quote_start,
            }),
        );
        for t in &mut self.seams.tops[first + top_count..] {
            t.start = grow(t.start);
            t.quote = quote_shift(t.quote);
        }
        self.seams.quotes = quote_shift(self.seams.quotes);
        self.source
            .replace_range(prefix..old_end, &new[prefix..new.len() - suffix]);
        Some(start..new_end)
    }
}

/// How many bytes `a` and `b` share at their start. Compared a chunk at a
/// time (a slice comparison is `memcmp`): a keystroke compares the whole
/// draft, and byte by byte that was 0.6 M instructions of a 10k draft's.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` share at their end, as [`common_prefix`].
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + CHUNK <= n && a[n - i - CHUNK..n - i] == b[n - i - CHUNK..n - i] {
        i += CHUNK;
    }
    i + a[..n - i]
        .iter()
        .rev()
        .zip(b[..n - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn shift(span: Span, grow: impl Fn(usize) -> usize) -> Span {
    Span::new(grow(span.start), grow(span.end))
}

/// Whether a region may start or end at `at` in `text`: the draft's start
/// or end, or a line after a blank line that opens with a character no
/// Markdown construct starts with.
fn seam(text: &str, at: usize) -> bool {
    if at == 0 || at == text.len() {
        return true;
    }
    let bytes = text.as_bytes();
    let opens_plainly = match bytes.get(at) {
        Some(&b) => {
            b.is_ascii_alphabetic()
                || b >= 0x80
                || matches!(b, b'"' | b'\'' | b'#' | b'[' | b'(' | b'!')
        }
        None => false,
    };
    if !opens_plainly || bytes[at - 1] != b'\n' {
        return false;
    }
    let line = &bytes[..at - 1];
    let line_start = line.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    line[line_start..]
        .iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// The labels the draft defines (`[label]:`, link references and
/// footnotes), to tell whether a region could name one.
///
/// A label matches case-insensitively with its spaces collapsed; the test
/// here is looser (any mention of a label's words, in any case, with any
/// spacing, counts), and a label with non-ASCII characters, or a region
/// with them beside a label with letters (Unicode case folding maps some
/// to ASCII: `ß`, the Kelvin sign), counts as named.
#[derive(Debug, Clone)]
struct Labels(Vec<String>);

impl Labels {
    /// `None` when a definition's label cannot be read off its line.
    fn of(text: &str) -> Option<Labels> {
        let mut labels = Vec::new();
        for (at, _) in text.match_indices("]:") {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let open = text[line_start..at].rfind('[')? + line_start;
            labels.push(normalize(&text[open + 1..at]));
        }
        Some(Labels(labels))
    }

    /// Whether `region` certainly names none of the labels.
    fn absent_from(&self, region: &str) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let region_ascii = region.is_ascii();
        let region = normalize(region);
        self.0.iter().all(|label| {
            !label.is_empty()
                && label.is_ascii()
                && (region_ascii || !label.bytes().any(|b| b.is_ascii_alphabetic()))
                && !region.contains(label.as_str())
        })
    }
}

/// Lower case, runs of whitespace as one space, trimmed.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, parsed: &mut Parsed) -> Reparsed {
        let how = parsed.update(text);
        assert_eq!(
            parsed.document(),
            &Document::parse(text, super::super::Format::Markdown),
            "{text:?}"
        );
        how
    }

    #[test]
    fn a_keystroke_in_a_paragraph_reparses_its_paragraph() {
        let draft = "# Title\n\nFirst paragraph.\n\nSecond [one](https://a.test) here.\n\n> A quote.\n\nThird.\n";
        let mut parsed = Parsed::new(draft);
        let typed = draft.replace("Second", "Secondx");
        // To the next seam: a block quote's `>` is not one.
        assert_eq!(edit(&typed, &mut parsed), Reparsed::Part(27..76));
        assert_eq!(
            &typed[27..76],
            "Secondx [one](https://a.test) here.\n\n> A quote.\n\n"
        );
    }

    /// The labels are read once and kept while edits leave them: a
    /// keystroke beside a `[` that names no label re-parses its region,
    /// one that names a label (or adds or removes a definition) parses the
    /// whole draft, and the parse is the whole draft's after every edit
    /// (`edit`).
    #[test]
    fn kept_labels_follow_the_definitions() {
        let draft =
            "Intro [ref] here.\n\nBody [x](/a) text.\n\nMiddle.\n\nEnd [y] too.\n\n[ref]: /u\n";
        let mut parsed = Parsed::new(draft);
        let mut text = draft.to_string();
        let steps: [(&str, &str, bool); 7] = [
            ("Body", "Bodyy", true),
            ("text.", "text [z].", true),
            ("[z]", "[ref]", false),
            // Its region runs to the end, over the definition.
            ("End [y]", "End [yy]", false),
            ("[ref]: /u", "[ref] /u", false),
            // No definition left: the labels are read again, none.
            ("Intro [ref]", "Intro [reff]", true),
            ("[ref] /u", "[ref]: /u", false),
        ];
        for (from, to, part) in steps {
            let typed = text.replacen(from, to, 1);
            assert_ne!(typed, text, "{from:?}");
            let how = edit(&typed, &mut parsed);
            assert_eq!(
                matches!(how, Reparsed::Part(_)),
                part,
                "{from:?} → {to:?}: {how:?}"
            );
            text = typed;
        }
    }

    #[test]
    fn common_ends_match_a_byte_by_byte_count() {
        let naive_prefix = |a: &[u8], b: &[u8]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let naive_suffix = |a: &[u8], b: &[u8]| {
            a.iter()
                .rev()
                .zip(b.iter().rev())
                .take_while(|(x, y)| x == y)
                .count()
        };
        let base: Vec<u8> = (0..300u32).map(|i| (i * 7 % 251) as u8).collect();
        for at in [0, 1, 63, 64, 65, 127, 128, 200, 299, 300] {
            for insert in [&b""[..], b"x", &base[..70]] {
                let mut edited = base.clone();
                edited.splice(at..at, insert.iter().copied());
                for (a, b) in [(&base, &edited), (&edited, &base)] {
                    assert_eq!(common_prefix(a, b), naive_prefix(a, b), "{at}");
                    assert_eq!(common_suffix(a, b), naive_suffix(a, b), "{at}");
                }
            }
        }
    }

    #[test]
    fn fences_definitions_and_html_parse_whole() {
        let draft = "Intro.\n\nBody text here.\n\n[^1]: A note.\n\nEnd.\n";
        let mut parsed = Parsed::new(draft);
        for typed in [
            draft.replace("Body", "```\nBody"),
            draft.replace("Body", "<pre>Body"),
            draft.replace("Body", "[x]: /u\n\nBody"),
            draft.replace("Body", "Body[^1]"),
        ] {
            assert_eq!(edit(&typed, &mut parsed), Reparsed::Whole, "{typed:?}");
        }
        // A bracket that names no label is parsed in part.
        let typed = draft.replace("Body", "[Body]");
        assert!(matches!(edit(&typed, &mut parsed), Reparsed::Part(_)));
    }
}
