//! The markup front end: Markdown, HTML or plain text in, prose blocks out.
//!
//! The result keeps one offset space. `prose` is a copy of the source of the
//! same byte length in which everything that is not prose a reader sees —
//! Markdown syntax, code, front matter, HTML, link destinations, image alt
//! text — is blanked to spaces (newlines kept). Rules read `prose` and report
//! spans that are already spans of the source. The HTML front end lives in
//! [`html`].
//!
//! This module must stay free of IO and of any rule's judgement.

mod html;
mod splice;
pub use splice::{ChangedBlocks, Parsed, Reparsed};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::span::Span;

mod format;
pub use format::Format;

/// What kind of container a block of prose sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    TableCell,
}

/// A run of prose: a paragraph, heading, list item or table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// From the first to the last non-blank byte of the block's prose.
    pub span: Span,
    /// Nesting depth of Markdown block quotes (`>`), 0 outside them.
    pub quote_depth: u8,
    /// Which block quote the block belongs to (blocks of one `>` container
    /// share it), for attribution lines like `— Name`.
    pub block_quote: Option<u32>,
    /// Inside a footnote definition: a citation, not story text.
    pub in_footnote: bool,
    /// Indices into `Document::links` of the links in this block.
    pub links: std::ops::Range<usize>,
    /// Spans of footnote references (`[^1]`) in this block.
    pub footnote_refs: Vec<Span>,
    /// The bold run (source bytes, marks or tags included) the block
    /// opens with, if any: a speaker label (`**Lopez:**`) or, when it runs
    /// to the block's end, a heading-like line such as an interviewer's
    /// question in a Q&A. Markdown (`**…**`) and HTML (`<strong>`, `<b>`).
    pub strong_lead: Option<Span>,
    /// The italic run (source bytes, marks or tags included) the block
    /// opens with, if any; when it runs to the block's end, the whole block
    /// is set in italics, as an editor's note or a tagline is (`*This
    /// interview has been edited for length.*`). Markdown (`*…*`, `_…_`)
    /// and HTML (`<em>`, `<i>`).
    pub emphasis_lead: Option<Span>,
}

/// A link in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The whole link in the source (`[text](dest)`, `<dest>`).
    pub span: Span,
    /// The visible text (the URL itself for autolinks).
    pub text: Span,
    pub dest: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The source with non-prose blanked; same length as the source.
    pub prose: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    /// Spans of HTML comments (`<!-- … -->`), for suppression comments.
    pub comments: Vec<Span>,
    /// Source ranges where `prose` is not a byte-for-byte copy but decoded
    /// text moved within the range: HTML character references, so that
    /// `&ldquo;We` reads `    “We`. Sorted and disjoint; empty for Markdown
    /// and plain text. See [`Document::widen`].
    pub decoded: Vec<Span>,
}

impl Document {
    pub fn parse(source: &str, format: Format) -> Document {
        match format {
            Format::Markdown => parse_markdown(source),
            Format::Plain => parse_plain(source),
            Format::Html => html::parse(source),
        }
    }

    /// A span widened so that it neither starts nor ends strictly inside a
    /// `decoded` range: the opening mark of `&ldquo;We` sits at the end of
    /// its reference in `prose`, but a finding should cover all of
    /// `&ldquo;`.
    pub fn widen(&self, span: Span) -> Span {
        let inside = |at: usize| {
            let i = self.decoded.partition_point(|d| d.end <= at);
            self.decoded
                .get(i)
                .filter(|d| d.start < at && at < d.end)
                .copied()
        };
        let start = inside(span.start).map_or(span.start, |d| d.start);
        let end = inside(span.end).map_or(span.end, |d| d.end);
        Span::new(start, end.max(start))
    }

    pub fn text(&self, span: Span) -> &str {
        span.slice(&self.prose)
    }

    pub fn block_links(&self, block: &Block) -> &[Link] {
        self.links.get(block.links.clone()).unwrap_or(&[])
    }
}

/// Plain text: paragraphs are separated by blank lines; every byte is prose.
fn parse_plain(source: &str) -> Document {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut pos = 0;
    for line in source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(plain_block(s, last_end));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            last_end = pos + content.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        blocks.push(plain_block(s, last_end));
    }
    Document {
        prose: source.to_owned(),
        blocks,
        links: Vec::new(),
        comments: Vec::new(),
        decoded: Vec::new(),
    }
}

fn plain_block(start: usize, end: usize) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        span: Span::new(start, end),
        quote_depth: 0,
        block_quote: None,
        in_footnote: false,
        links: 0..0,
        footnote_refs: Vec::new(),
        strong_lead: None,
        emphasis_lead: None,
    }
}

/// A block being collected.
struct OpenBlock {
    kind: BlockKind,
    start: usize,
    end: usize,
    links_start: usize,
    footnote_refs: Vec<Span>,
    strong_lead: Option<Span>,
    emphasis_lead: Option<Span>,
}

struct Builder<'s> {
    source: &'s str,
    prose: Vec<u8>,
    blocks: Vec<Block>,
    links: Vec<Link>,
    comments: Vec<Span>,
    open: Option<OpenBlock>,
    /// Stack of block-quote ids.
    quotes: Vec<u32>,
    next_quote: u32,
    footnote_depth: u32,
    /// Depth of containers whose text is not prose (images, metadata, code).
    hidden: u32,
    /// Open links: (start, text start, dest).
    link_stack: Vec<(usize, usize, String)>,
    /// Depth of list items, and whether each has an explicit paragraph.
    items: u32,
    /// Depth of open tags, for where top-level blocks start.
    depth: u32,
    tops: Vec<Top>,
    front_matter: bool,
}

/// Where a top-level block of a Markdown source starts (a paragraph, list,
/// block quote, fence, rule…), and how many block quotes opened before it:
/// the seams [`Parsed`] re-parses between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Top {
    pub start: usize,
    pub quote: u32,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        let prose = source
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        Builder {
            source,
            prose,
            blocks: Vec::new(),
            links: Vec::new(),
            comments: Vec::new(),
            open: None,
            quotes: Vec::new(),
            next_quote: 0,
            footnote_depth: 0,
            hidden: 0,
            link_stack: Vec::new(),
            items: 0,
            depth: 0,
            tops: Vec::new(),
            front_matter: false,
        }
    }

    fn copy(&mut self, r: std::ops::Range<usize>) {
        let r = r.start.min(self.source.len())..r.end.min(self.source.len());
        self.prose[r.clone()].copy_from_slice(&self.source.as_bytes()[r]);
    }

    fn open(&mut self, kind: BlockKind, at: usize) {
        self.close();
        self.open = Some(OpenBlock {
            kind,
            start: at,
            end: at,
            links_start: self.links.len(),
            footnote_refs: Vec::new(),
            strong_lead: None,
            emphasis_lead: None,
        });
    }

    /// Note inline content at `r`, opening an implicit list-item block if needed.
    fn touch(&mut self, r: &std::ops::Range<usize>) {
        if self.open.is_none() && self.items > 0 {
            self.open(BlockKind::ListItem, r.start);
        }
        if let Some(b) = self.open.as_mut() {
            if b.end == b.start && b.start <= r.start {
                b.start = r.start;
            }
            b.end = b.end.max(r.end);
        }
    }

    fn close(&mut self) {
        let Some(b) = self.open.take() else { return };
        // Trim to the prose actually present.
        let bytes = &self.prose;
        let mut s = b.start.min(bytes.len());
        let mut e = b.end.min(bytes.len()).max(s);
        while s < e && bytes[s].is_ascii_whitespace() {
            s += 1;
        }
        while e > s && bytes[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if s == e {
            return;
        }
        self.blocks.push(Block {
            kind: b.kind,
            span: Span::new(s, e),
            quote_depth: self.quotes.len() as u8,
            block_quote: self.quotes.last().copied(),
            in_footnote: self.footnote_depth > 0,
            links: b.links_start..self.links.len(),
            footnote_refs: b.footnote_refs,
            strong_lead: b.strong_lead,
            emphasis_lead: b.emphasis_lead,
        });
    }

    fn event(&mut self, ev: Event<'_>, r: std::ops::Range<usize>) {
        match ev {
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {
                if self.depth == 0 {
                    self.tops.push(Top {
                        start: r.start,
                        quote: self.next_quote,
                    });
                }
                if matches!(ev, Event::Start(_)) {
                    self.depth += 1;
                }
            }
        }
        match ev {
            Event::Start(tag) => self.start(tag, r),
            Event::End(tag) => self.end(tag, r),
            Event::Text(_) => {
                if self.hidden == 0 {
                    self.touch(&r);
                    self.copy(r);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                // Newlines are already kept; a hard break's backslash or
                // trailing spaces stay blank.
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                // Code is not prose, but it sits in the sentence.
                if self.hidden == 0 {
                    self.touch(&r);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let text = &self.source[r.clone()];
                if text.trim_start().starts_with("<!--") {
                    self.comments.push(Span::new(r.start, r.end));
                }
            }
            Event::FootnoteReference(_) => {
                if let Some(b) = self.open.as_mut() {
                    b.footnote_refs.push(Span::new(r.start, r.end));
                }
            }
            Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, r: std::ops::Range<usize>) {
        match tag {
            Tag::Strong => {
                // Bold before any prose of the block: its lead.
                if let Some(b) = self.open.as_mut().filter(|b| b.end == b.start) {
                    b.strong_lead.get_or_insert(Span::new(r.start, r.end));
                }
            }
            Tag::Emphasis => {
                // Italics before any prose of the block: its lead.
                if let Some(b) = self.open.as_mut().filter(|b| b.end == b.start) {
                    b.emphasis_lead.get_or_insert(Span::new(r.start, r.end));
                }
            }
            Tag::Paragraph if self.hidden == 0 => self.open(BlockKind::Paragraph, r.start),
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(level as u8), r.start),
            Tag::TableCell => self.open(BlockKind::TableCell, r.start),
            Tag::Item => {
                self.close();
                self.items += 1;
            }
            Tag::List(_) | Tag::Table(_) | Tag::TableHead | Tag::TableRow => self.close(),
            Tag::BlockQuote(_) => {
                self.close();
                self.quotes.push(self.next_quote);
                self.next_quote += 1;
            }
            Tag::FootnoteDefinition(_) => {
                self.close();
                self.footnote_depth += 1;
            }
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                self.front_matter |= matches!(tag, Tag::MetadataBlock(_));
                self.close();
                self.hidden += 1;
            }
            Tag::Image { .. } => {
                self.touch(&r);
                self.hidden += 1;
            }
            Tag::Link { dest_url, .. } => {
                self.touch(&r);
                // The visible text starts after `[` (or `<` for autolinks).
                let text_start = (r.start + 1).min(r.end);
                self.link_stack
                    .push((r.start, text_start, dest_url.into_string()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, r: std::ops::Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => self.close(),
            TagEnd::Item => {
                self.close();
                self.items = self.items.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quotes.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.close();
                self.footnote_depth = self.footnote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                self.hidden = self.hidden.saturating_sub(1);
            }
            TagEnd::Image => self.hidden = self.hidden.saturating_sub(1),
            TagEnd::Link => {
                if let Some((start, text_start, dest)) = self.link_stack.pop() {
                    let src = self.source;
                    let text_end = link_text_end(src, start, r.end, text_start);
                    self.links.push(Link {
                        span: Span::new(start, r.end),
                        text: Span::new(text_start, text_end.max(text_start)),
                        dest,
                    });
                    self.touch(&r);
                }
            }
            _ => {}
        }
    }
}

/// Where a link's visible text ends: before `](` for inline links, before
/// `>` for autolinks, else the whole link.
fn link_text_end(src: &str, start: usize, end: usize, text_start: usize) -> usize {
    let whole = &src[start..end];
    if whole.starts_with('<') && whole.ends_with('>') {
        return end - 1;
    }
    // The last `](` or `][` at bracket depth zero closes the text.
    let bytes = whole.as_bytes();
    let mut depth = 0i32;
    for (i, &b) in bytes.iter().enumerate().skip(text_start - start) {
        match b {
            b'\\' => {}
            b'[' => depth += 1,
            b']' if depth == 0 => return start + i,
            b']' => depth -= 1,
            _ => {}
        }
    }
    end
}

/// The Markdown extensions copydesk reads with (tables, footnotes, task
/// lists, strikethrough, YAML and TOML front matter).
pub fn markdown_options() -> Options {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    opts.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    opts
}

/// Where a Markdown draft's front matter ends (after its closing line), or
/// 0 when it has none. Front matter opens only at the very start of a draft
/// (after an optional byte-order mark): a `---` or `+++` line followed by a
/// line that is neither blank nor a closing line, and closed by the first
/// `---` or `...` line (`+++` for `+++`), pulldown-cmark's rules for a
/// metadata block. A `---` line further down is a thematic break or a
/// setext underline, never the start of a metadata block that would hide
/// the prose up to the next `---` from every rule.
pub fn front_matter_len(source: &str) -> usize {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = source[bom..].split_inclusive('\n');
    let Some(first) = lines.next() else {
        return 0;
    };
    let fence = first.trim_end_matches(|c: char| c.is_ascii_whitespace());
    if fence != "---" && fence != "+++" {
        return 0;
    }
    let closes = |line: &str| {
        let line = line.trim_end_matches(['\n', '\r']).trim_end_matches(' ');
        line == fence || fence == "---" && line == "..."
    };
    let mut at = bom + first.len();
    for (i, line) in lines.enumerate() {
        if i == 0 && (line.trim().is_empty() || closes(line)) {
            return 0;
        }
        at += line.len();
        if closes(line) {
            return at;
        }
    }
    0
}

fn parse_markdown(source: &str) -> Document {
    parse_markdown_tops(source).0
}

/// What [`Parsed`] needs of a Markdown document's structure besides the
/// document.
#[derive(Debug, Clone)]
pub(crate) struct Seams {
    /// Where its top-level blocks start.
    pub tops: Vec<Top>,
    /// How many block quotes it has.
    pub quotes: u32,
    /// It opens with front matter.
    pub front_matter: bool,
}

/// A Markdown document and its [`Seams`].
pub(crate) fn parse_markdown_tops(source: &str) -> (Document, Seams) {
    // The front matter is found here and stays blank; the rest is parsed
    // without metadata blocks, so none opens mid-draft.
    let mut opts = markdown_options();
    opts.remove(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    opts.remove(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    let mut b = Builder::new(source);
    let head = front_matter_len(source);
    if head > 0 {
        b.front_matter = true;
        b.tops.push(Top { start: 0, quote: 0 });
    }
    for (ev, r) in Parser::new_ext(&source[head..], opts).into_offset_iter() {
        b.event(ev, r.start + head..r.end + head);
    }
    b.close();
    b.links.sort_by_key(|l| l.span.start);
    // Links were pushed at their end; re-derive each block's link range.
    let links = &b.links;
    for block in &mut b.blocks {
        // By overlap: a link that opens a block starts at its `[`, before the
        // block's first prose byte.
        let lo = links.partition_point(|l| l.span.end <= block.span.start);
        let hi = links.partition_point(|l| l.span.start < block.span.end);
        block.links = lo..hi;
    }
    // A string of valid UTF-8 with some bytes replaced by ASCII spaces over
    // whole characters stays valid; fall back to a lossy copy regardless.
    let prose = String::from_utf8(b.prose)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let doc = Document {
        prose,
        blocks: b.blocks,
        links: b.links,
        comments: b.comments,
        decoded: Vec::new(),
    };
    let seams = Seams {
        tops: b.tops,
        quotes: b.next_quote,
        front_matter: b.front_matter,
    };
    (doc, seams)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Document {
        let d = Document::parse(s, Format::Markdown);
        assert_eq!(d.prose.len(), s.len());
        d
    }

    fn texts(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .map(|b| {
                d.text(b.span)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn blanks_markup_but_keeps_offsets() {
        let src =
            "# Title here\n\nSome **bold** and `code` with [a link](https://x.test/?tag=y-20).\n";
        let d = md(src);
        assert_eq!(texts(&d), vec!["Title here", "Some bold and with a link ."]);
        assert_eq!(d.links.len(), 1);
        assert_eq!(d.links[0].dest, "https://x.test/?tag=y-20");
        assert_eq!(d.links[0].text.slice(src), "a link");
        assert!(!d.prose.contains("tag=") && !d.prose.contains("code"));
    }

    #[test]
    fn skips_front_matter_code_blocks_comments_and_footnotes() {
        let src = "---\ntitle: \"Quoted title here is long\"\n---\n\nBody text.[^1]\n\n```yaml\nid: \"x y z w v\"\n```\n\n<!-- TK: check -->\n\n[^1]: A source, \"A title of a paper here\".\n";
        let d = md(src);
        let t = texts(&d);
        assert_eq!(t[0], "Body text.");
        assert!(d.blocks[0].footnote_refs.len() == 1);
        assert!(d.blocks.last().unwrap().in_footnote);
        assert_eq!(d.comments.len(), 1);
        assert!(!d.prose.contains("title:"));
        assert!(!d.prose.contains("id:"));
    }

    #[test]
    fn front_matter_opens_only_at_the_start() {
        // (draft, where its front matter ends)
        for (src, end) in [
            ("---\na: 1\n---\nText", 13),
            ("+++\na = 1\n+++\nText", 14),
            ("---  \na: 1\n...\nText", 15),
            ("\u{feff}---\na: 1\n---\nText", 16),
            ("---\r\na: 1\r\n--- \r\nText", 17),
            ("---\n\na: 1\n---\nText", 0),
            ("---\n---\nText", 0),
            ("----\na: 1\n---\nText", 0),
            ("+++\na = 1\n---\nText", 0),
            ("---\nno end", 0),
            ("Text\n\n---\na: 1\n---\n", 0),
        ] {
            assert_eq!(front_matter_len(src), end, "{src:?}");
        }
        // A `---` line mid-draft is a rule: the prose after it is prose.
        let d = md("Intro.\n\n---\nMiddle here.\n\n---\n\nEnd.\n");
        assert_eq!(texts(&d), vec!["Intro.", "Middle here.", "End."]);
    }

    #[test]
    fn tight_list_items_and_block_quotes_are_blocks() {
        let src = "- **One, $5:** [Buy](https://a.test)\n- Two\n\n> Quoted line one\n> continues.\n>\n> — Name Here\n";
        let d = md(src);
        assert_eq!(
            texts(&d),
            vec![
                "One, $5: Buy",
                "Two",
                "Quoted line one continues.",
                "— Name Here"
            ]
        );
        assert_eq!(d.blocks[0].kind, BlockKind::ListItem);
        assert_eq!(d.block_links(&d.blocks[0]).len(), 1);
        assert_eq!(d.blocks[2].quote_depth, 1);
        assert_eq!(d.blocks[2].block_quote, d.blocks[3].block_quote);
    }

    #[test]
    fn a_link_that_opens_a_block_belongs_to_it() {
        let d = md("[Buy it on Amazon](https://amzn.to/x) today.\n\n- [Shop](https://a.test)\n");
        assert_eq!(d.block_links(&d.blocks[0]).len(), 1);
        assert_eq!(d.block_links(&d.blocks[1]).len(), 1);
    }

    #[test]
    fn plain_text_paragraphs() {
        let src = "First para\nstill first.\n\n  Second.  \n";
        let d = Document::parse(src, Format::Plain);
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.text(d.blocks[1].span), "Second.");
        assert_eq!(d.prose, src);
    }
}
