//! The HTML front end: a CMS export in, the same [`Document`] as Markdown out.
//!
//! html5gum tokenizes, with a source span on every tag, text run and comment.
//! This module keeps a small stack of the open elements a copy editor cares
//! about — blocks, block quotes, links, content that is not prose — and
//! recovers from missing and stray end tags broadly as browsers do: a block
//! element closes an open `<p>`, `<li>` an open item, `<td>` an open cell, an
//! end tag closes whatever was left open inside its element, and an end tag
//! with nothing to close is ignored.
//!
//! `prose` keeps the source's byte length. Tags, `<head>`, scripts, styles,
//! code and the like stay blank; text is copied, with character references
//! read as their characters inside their own bytes (see [`charref`]); `<br>`
//! is a newline; `<q>` shows the quotation marks a browser draws, and a
//! block quote's `<cite>` or `<footer>` reads as a `— Name` signature line.
//!
//! Like the rest of `markup`, this module does no IO and makes no rule's
//! judgement. Nothing here may panic on any input.

mod charref;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{Block, BlockKind, Document, Link};
use crate::span::Span;

/// Deeper nesting than this is not tracked, which keeps every search of the
/// stack short whatever the input.
const MAX_OPEN: usize = 256;

/// What an element means for the prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Holds one block: `p`, `h1`–`h6`, `li`, `td`, `figcaption`.
    Block(BlockKind),
    /// Holds blocks, and text directly, which is a block of this kind:
    /// `div`, `section`, `body`, `ul`.
    Container(BlockKind),
    /// `blockquote`: its blocks are someone else's words.
    Quote,
    /// A `<cite>` or `<footer>` directly in a block quote: the signature.
    Signature,
    /// Not prose; `block` if it also separates blocks (`pre`, `head`).
    Hidden { block: bool },
    /// `a`.
    Link,
    /// `q`, an inline quotation.
    InlineQuote,
}

/// The role of an element by its (lower-case) name, with the name as a
/// `'static` string to keep on the stack. `None`: inline formatting and
/// unknown elements, which are not tracked.
fn classify(name: &[u8]) -> Option<(&'static str, Role)> {
    use BlockKind::{Heading, ListItem, Paragraph, TableCell};
    let para = Role::Container(Paragraph);
    let hidden = Role::Hidden { block: false };
    let hidden_block = Role::Hidden { block: true };
    Some(match name {
        b"p" => ("p", Role::Block(Paragraph)),
        b"h1" => ("h1", Role::Block(Heading(1))),
        b"h2" => ("h2", Role::Block(Heading(2))),
        b"h3" => ("h3", Role::Block(Heading(3))),
        b"h4" => ("h4", Role::Block(Heading(4))),
        b"h5" => ("h5", Role::Block(Heading(5))),
        b"h6" => ("h6", Role::Block(Heading(6))),
        b"li" => ("li", Role::Block(ListItem)),
        b"dt" => ("dt", Role::Block(ListItem)),
        b"dd" => ("dd", Role::Block(ListItem)),
        b"td" => ("td", Role::Block(TableCell)),
        b"th" => ("th", Role::Block(TableCell)),
        b"figcaption" => ("figcaption", Role::Block(Paragraph)),
        b"caption" => ("caption", Role::Block(Paragraph)),
        b"summary" => ("summary", Role::Block(Paragraph)),
        b"legend" => ("legend", Role::Block(Paragraph)),
        b"blockquote" => ("blockquote", Role::Quote),
        b"html" => ("html", para),
        b"body" => ("body", para),
        b"div" => ("div", para),
        b"section" => ("section", para),
        b"article" => ("article", para),
        b"main" => ("main", para),
        b"aside" => ("aside", para),
        b"header" => ("header", para),
        b"footer" => ("footer", para),
        b"nav" => ("nav", para),
        b"figure" => ("figure", para),
        b"details" => ("details", para),
        b"dialog" => ("dialog", para),
        b"fieldset" => ("fieldset", para),
        b"form" => ("form", para),
        b"center" => ("center", para),
        b"hgroup" => ("hgroup", para),
        b"address" => ("address", para),
        b"search" => ("search", para),
        b"ul" => ("ul", para),
        b"ol" => ("ol", para),
        b"dl" => ("dl", para),
        b"menu" => ("menu", para),
        b"table" => ("table", para),
        b"thead" => ("thead", para),
        b"tbody" => ("tbody", para),
        b"tfoot" => ("tfoot", para),
        b"tr" => ("tr", para),
        b"head" => ("head", hidden_block),
        b"pre" => ("pre", hidden_block),
        b"listing" => ("listing", hidden_block),
        b"xmp" => ("xmp", hidden_block),
        b"plaintext" => ("plaintext", hidden_block),
        b"template" => ("template", hidden_block),
        b"script" => ("script", hidden),
        b"style" => ("style", hidden),
        b"noscript" => ("noscript", hidden),
        b"code" => ("code", hidden),
        b"kbd" => ("kbd", hidden),
        b"samp" => ("samp", hidden),
        b"title" => ("title", hidden),
        b"textarea" => ("textarea", hidden),
        b"select" => ("select", hidden),
        b"svg" => ("svg", hidden),
        b"math" => ("math", hidden),
        b"iframe" => ("iframe", hidden),
        b"object" => ("object", hidden),
        b"canvas" => ("canvas", hidden),
        b"audio" => ("audio", hidden),
        b"video" => ("video", hidden),
        b"noembed" => ("noembed", hidden),
        b"noframes" => ("noframes", hidden),
        b"a" => ("a", Role::Link),
        b"q" => ("q", Role::InlineQuote),
        b"cite" => ("cite", Role::Signature),
        _ => return None,
    })
}

/// Elements that may stay open in `<head>`; any other start tag ends it.
const HEAD_CONTENT: &[&[u8]] = &[
    b"title",
    b"meta",
    b"link",
    b"style",
    b"script",
    b"noscript",
    b"base",
    b"template",
];

/// Elements an end tag, or an implied `</p>`, does not reach past.
const SCOPE: &[&str] = &["td", "th", "caption", "table", "template", "html"];

/// A link whose `</a>` has not been seen.
#[derive(Debug)]
struct OpenLink {
    start: usize,
    text_start: usize,
    dest: String,
}

#[derive(Debug)]
struct Open {
    name: &'static str,
    role: Role,
    /// For `a` with an `href` outside hidden content.
    link: Option<OpenLink>,
    /// Marked as footnotes (`class="footnotes"`, `role="doc-endnotes"`).
    footnote: bool,
}

/// What the start tag's attributes say, for the elements that care.
#[derive(Debug, Default)]
struct Attributes {
    href: Option<String>,
    /// A footnote or endnote section, as CMSs and Markdown renderers mark it.
    footnote: bool,
}

impl Attributes {
    fn of(tag: &html5gum::StartTag<usize>) -> Attributes {
        let get = |name: &[u8]| {
            tag.attributes
                .get(name)
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        let class = get(b"class").unwrap_or_default().to_ascii_lowercase();
        let role = get(b"role").unwrap_or_default().to_ascii_lowercase();
        let footnote = class.split_ascii_whitespace().any(|c| {
            c.starts_with("footnote") || c.starts_with("endnote") || c == "wp-block-footnotes"
        }) || matches!(role.trim(), "doc-endnotes" | "doc-endnote" | "doc-footnote");
        Attributes {
            // URLs in attributes lose surrounding ASCII whitespace.
            href: get(b"href").map(|h| h.trim().to_owned()),
            footnote,
        }
    }
}

/// A block being collected.
#[derive(Debug)]
struct OpenBlock {
    kind: BlockKind,
    start: usize,
    end: usize,
    quote_depth: u8,
    block_quote: Option<u32>,
    in_footnote: bool,
    /// The start tag of a signature (`<cite>`), whose bytes can carry a dash.
    signature: Option<Span>,
    /// Where a `<strong>` or `<b>` opened before any text, until it closes;
    /// then the bold run the block opens with (see `Block::strong_lead`).
    strong_open: Option<usize>,
    strong_lead: Option<Span>,
    /// The same for `<em>` or `<i>` (see `Block::emphasis_lead`).
    em_open: Option<usize>,
    emphasis_lead: Option<Span>,
}

struct Builder<'s> {
    source: &'s str,
    prose: Vec<u8>,
    blocks: Vec<Block>,
    links: Vec<Link>,
    comments: Vec<Span>,
    decoded: Vec<Span>,
    stack: Vec<Open>,
    block: Option<OpenBlock>,
    /// Ids of the open block quotes.
    quotes: Vec<u32>,
    next_quote: u32,
    /// Open elements whose content is not prose.
    hidden: u32,
    /// Open `<q>` elements, for nested marks.
    inline_quotes: u32,
    /// Open elements marked as footnotes.
    footnotes: u32,
}

/// Parse HTML into prose blocks. Never panics.
pub(super) fn parse(source: &str) -> Document {
    let mut b = Builder::new(source);
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // `<script>`, `<style>`, `<textarea>` and `<title>` hold raw text, not tags.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(source, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let span = clamp(source, tag.span.start, tag.span.end);
                let attributes = Attributes::of(&tag);
                b.start_tag(&tag.name, span, tag.self_closing, attributes);
            }
            Token::EndTag(tag) => {
                let span = clamp(source, tag.span.start, tag.span.end);
                b.end_tag(&tag.name, span);
            }
            Token::String(text) => b.text(clamp(source, text.span.start, text.span.end)),
            Token::Comment(c) => {
                let span = clamp(source, c.span.start, c.span.end);
                // Also reported as comments: `<?xml …?>`, `<!foo>`, CDATA.
                if span.slice(source).starts_with("<!--") {
                    b.comments.push(span);
                }
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.finish()
}

/// A token's span, kept inside the source and on character boundaries.
fn clamp(source: &str, start: usize, end: usize) -> Span {
    let fix = |mut at: usize| {
        at = at.min(source.len());
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = fix(start);
    Span::new(start, fix(end).max(start))
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
            decoded: Vec::new(),
            stack: Vec::new(),
            block: None,
            quotes: Vec::new(),
            next_quote: 0,
            hidden: 0,
            inline_quotes: 0,
            footnotes: 0,
        }
    }

    // ---- The stack of open elements ----

    /// The index of the nearest open element named `name`, not looking past
    /// an element in `stop` or in [`SCOPE`] (unless it is the one sought).
    fn find(&self, name: &str, stop: &[&str]) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            if open.name == name {
                return Some(i);
            }
            if SCOPE.contains(&open.name) || stop.contains(&open.name) {
                return None;
            }
        }
        None
    }

    fn is_open(&self, name: &str) -> bool {
        self.stack.iter().any(|o| o.name == name)
    }

    fn push(&mut self, name: &'static str, role: Role, link: Option<OpenLink>, footnote: bool) {
        self.footnotes += u32::from(footnote);
        match role {
            Role::Quote => {
                self.quotes.push(self.next_quote);
                self.next_quote = self.next_quote.wrapping_add(1);
            }
            Role::Hidden { .. } => self.hidden += 1,
            Role::InlineQuote => self.inline_quotes += 1,
            _ => {}
        }
        self.stack.push(Open {
            name,
            role,
            link,
            footnote,
        });
    }

    /// Close the element at `index` and everything opened inside it. `end`
    /// is the end tag that closes it, or an empty span where something else
    /// did.
    fn pop_to(&mut self, index: usize, end: Span) {
        while self.stack.len() > index {
            let Some(open) = self.stack.pop() else { break };
            let explicit = self.stack.len() == index && !end.is_empty();
            if open.footnote {
                // Blocks inside close first, while still counted as footnotes.
                self.close_block();
                self.footnotes = self.footnotes.saturating_sub(1);
            }
            match open.role {
                Role::Block(_) | Role::Container(_) | Role::Signature => self.close_block(),
                Role::Quote => {
                    self.close_block();
                    self.quotes.pop();
                }
                Role::Hidden { block } => {
                    self.hidden = self.hidden.saturating_sub(1);
                    if block {
                        self.close_block();
                    }
                }
                Role::InlineQuote => {
                    self.inline_quotes = self.inline_quotes.saturating_sub(1);
                    if explicit && self.hidden == 0 {
                        let mark = if self.inline_quotes.is_multiple_of(2) {
                            "”"
                        } else {
                            "’"
                        };
                        // Flush against the quoted words: `won</q>` reads `won” `.
                        self.write(end.start, mark);
                        self.touch(Span::new(end.start, end.start + mark.len()));
                    }
                }
                Role::Link => {
                    if let Some(l) = open.link {
                        let (text_end, link_end) = if explicit {
                            (end.start, end.end)
                        } else {
                            (end.start, end.start)
                        };
                        self.links.push(Link {
                            span: Span::new(l.start, link_end.max(l.start)),
                            text: Span::new(l.text_start, text_end.max(l.text_start)),
                            dest: l.dest,
                        });
                    }
                }
            }
        }
    }

    /// Close an open `<p>`, as any block-level start tag does.
    fn close_paragraph(&mut self, at: usize) {
        if let Some(i) = self.find("p", &[]) {
            self.pop_to(i, Span::new(at, at));
        }
    }

    // ---- Blocks ----

    fn open_block(&mut self, kind: BlockKind, at: usize, signature: Option<Span>) {
        self.close_block();
        self.block = Some(OpenBlock {
            kind,
            start: at,
            end: at,
            quote_depth: u8::try_from(self.quotes.len()).unwrap_or(u8::MAX),
            block_quote: self.quotes.last().copied(),
            in_footnote: self.footnotes > 0,
            signature,
            strong_open: None,
            strong_lead: None,
            em_open: None,
            emphasis_lead: None,
        });
    }

    /// Text arrived: extend the open block, or open one of the kind the
    /// innermost container gives direct text.
    fn touch(&mut self, span: Span) {
        if self.block.is_none() {
            let kind = self
                .stack
                .iter()
                .rev()
                .find_map(|o| match o.role {
                    Role::Block(kind) | Role::Container(kind) => Some(kind),
                    Role::Quote | Role::Signature => Some(BlockKind::Paragraph),
                    _ => None,
                })
                .unwrap_or(BlockKind::Paragraph);
            self.open_block(kind, span.start, None);
        }
        if let Some(b) = self.block.as_mut() {
            b.end = b.end.max(span.end);
        }
    }

    fn close_block(&mut self) {
        let Some(b) = self.block.take() else { return };
        let (mut s, mut e) = self.trimmed(b.start, b.end);
        if s == e {
            return;
        }
        if let Some(tag) = b.signature {
            // `<cite>Name</cite>` in a block quote signs it, as `— Name` does:
            // draw the dash in the tag's own bytes.
            let text = self.prose.get(s..e).unwrap_or_default();
            let signed = ["—", "–", "―", "-", "~"]
                .iter()
                .any(|dash| text.starts_with(dash.as_bytes()));
            if !signed && tag.len() >= "— ".len() && tag.end <= s {
                self.write(tag.end - "— ".len(), "—");
                s = tag.end - "— ".len();
            }
        }
        e = e.max(s);
        self.blocks.push(Block {
            kind: b.kind,
            span: Span::new(s, e),
            quote_depth: b.quote_depth,
            block_quote: b.block_quote,
            in_footnote: b.in_footnote,
            links: 0..0,
            footnote_refs: Vec::new(),
            strong_lead: b.strong_lead,
            emphasis_lead: b.emphasis_lead,
        });
    }

    /// `start..end` without the blank prose at either end.
    fn trimmed(&self, start: usize, end: usize) -> (usize, usize) {
        let bytes = &self.prose;
        let mut s = start.min(bytes.len());
        let mut e = end.min(bytes.len()).max(s);
        while s < e && bytes[s].is_ascii_whitespace() {
            s += 1;
        }
        while e > s && bytes[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        (s, e)
    }

    /// Write `text` into blank prose at `at`, if it fits before `at`'s tag ends.
    fn write(&mut self, at: usize, text: &str) {
        if let Some(dest) = self.prose.get_mut(at..at + text.len()) {
            if dest.iter().all(|&b| b == b' ') {
                dest.copy_from_slice(text.as_bytes());
            }
        }
    }

    // ---- Tokens ----

    fn start_tag(&mut self, name: &[u8], tag: Span, self_closing: bool, attributes: Attributes) {
        // Whatever is not head content ends an unclosed `<head>`.
        if self.stack.last().is_some_and(|o| o.name == "head") && !HEAD_CONTENT.contains(&name) {
            let i = self.stack.len() - 1;
            self.pop_to(i, Span::new(tag.start, tag.start));
        }
        if matches!(name, b"strong" | b"b") {
            if let Some(b) = self.block.as_mut().filter(|b| b.end == b.start) {
                if b.strong_lead.is_none() {
                    b.strong_open.get_or_insert(tag.start);
                }
            }
        }
        if matches!(name, b"em" | b"i") {
            if let Some(b) = self.block.as_mut().filter(|b| b.end == b.start) {
                if b.emphasis_lead.is_none() {
                    b.em_open.get_or_insert(tag.start);
                }
            }
        }
        match name {
            b"br" => return self.line_break(tag),
            b"hr" => {
                self.close_paragraph(tag.start);
                return self.close_block();
            }
            _ => {}
        }
        let Some((name, role)) = classify(name) else {
            return;
        };
        let role = match role {
            // `<cite>` elsewhere is a title, `<footer>` elsewhere a footer.
            Role::Signature if !self.directly_in_quote() => return,
            Role::Container(_) if name == "footer" && self.directly_in_quote() => Role::Signature,
            role => role,
        };
        if name == "head" && (self.is_open("body") || !self.blocks.is_empty()) {
            return;
        }
        // Self-closing SVG and MathML are empty; HTML ignores the slash.
        if self_closing && matches!(name, "svg" | "math") {
            return;
        }
        if self.stack.len() >= MAX_OPEN {
            return;
        }
        self.implied_end_tags(name, role, tag.start);
        let link = match role {
            Role::Link if self.hidden == 0 => attributes.href.map(|dest| OpenLink {
                start: tag.start,
                text_start: tag.end,
                dest,
            }),
            _ => None,
        };
        match role {
            Role::Block(_) | Role::Container(_) | Role::Quote | Role::Hidden { block: true } => {
                self.close_block()
            }
            _ => {}
        }
        if attributes.footnote {
            self.close_block();
        }
        self.push(name, role, link, attributes.footnote);
        match role {
            Role::Block(kind) => self.open_block(kind, tag.end, None),
            Role::Signature => self.open_block(BlockKind::Paragraph, tag.end, Some(tag)),
            Role::InlineQuote if self.hidden == 0 => {
                let mark = if self.inline_quotes % 2 == 1 {
                    "“"
                } else {
                    "‘"
                };
                // Flush against the quoted words: `<q>We` reads `“We`.
                if let Some(at) = tag
                    .end
                    .checked_sub(mark.len())
                    .filter(|&at| at >= tag.start)
                {
                    self.write(at, mark);
                    self.touch(Span::new(at, tag.end));
                }
            }
            _ => {}
        }
    }

    /// The end tags a start tag implies: a new item closes the open item, a
    /// block closes the open paragraph.
    fn implied_end_tags(&mut self, name: &str, role: Role, at: usize) {
        let here = Span::new(at, at);
        let close = |b: &mut Self, names: &[&str], stop: &[&str]| {
            if let Some(i) = names.iter().filter_map(|n| b.find(n, stop)).max() {
                b.pop_to(i, here);
            }
        };
        match name {
            "li" => close(self, &["li"], &["ul", "ol", "menu", "blockquote", "div"]),
            "dt" | "dd" => close(self, &["dt", "dd"], &["dl", "blockquote", "div"]),
            "td" | "th" => close(self, &["td", "th"], &["tr"]),
            "tr" => close(self, &["tr"], &["thead", "tbody", "tfoot"]),
            "thead" | "tbody" | "tfoot" => close(self, &["thead", "tbody", "tfoot"], &[]),
            "a" => close(self, &["a"], &[]),
            _ => {}
        }
        let block_level = matches!(
            role,
            Role::Block(_) | Role::Container(_) | Role::Quote | Role::Hidden { block: true }
        );
        if block_level && !matches!(name, "td" | "th" | "tr" | "caption") {
            self.close_paragraph(at);
        }
        // A heading directly in a heading closes it.
        if matches!(role, Role::Block(BlockKind::Heading(_))) {
            if let Some(top) = self.stack.last() {
                if matches!(top.role, Role::Block(BlockKind::Heading(_))) {
                    let i = self.stack.len() - 1;
                    self.pop_to(i, here);
                }
            }
        }
    }

    fn directly_in_quote(&self) -> bool {
        self.stack.last().is_some_and(|o| o.role == Role::Quote)
    }

    /// `<br>`: a newline; in a block quote it also ends the line's block, so
    /// that a `— Name` line after it is a signature line of its own.
    fn line_break(&mut self, tag: Span) {
        if self.hidden > 0 {
            return;
        }
        self.write(tag.start, "\n");
        if !self.quotes.is_empty() {
            self.close_block();
        }
    }

    fn end_tag(&mut self, name: &[u8], tag: Span) {
        if name == b"br" {
            // `</br>` is read as `<br>`.
            return self.line_break(tag);
        }
        if matches!(name, b"strong" | b"b") {
            if let Some(b) = self.block.as_mut() {
                if let Some(start) = b.strong_open.take() {
                    b.strong_lead = Some(Span::new(start, tag.end));
                }
            }
        }
        if matches!(name, b"em" | b"i") {
            if let Some(b) = self.block.as_mut() {
                if let Some(start) = b.em_open.take() {
                    b.emphasis_lead = Some(Span::new(start, tag.end));
                }
            }
        }
        let Some((name, _)) = classify(name) else {
            return;
        };
        if let Some(i) = self.find(name, &[]) {
            self.pop_to(i, tag);
        }
    }

    fn text(&mut self, span: Span) {
        if self.stack.last().is_some_and(|o| o.name == "head")
            && !span.slice(self.source).trim().is_empty()
        {
            // Text in `<head>` means the body has begun.
            let i = self.stack.len() - 1;
            self.pop_to(i, Span::new(span.start, span.start));
        }
        if self.hidden > 0 || span.is_empty() {
            return;
        }
        let r = span.as_range();
        let Some(src) = self.source.as_bytes().get(r.clone()) else {
            return;
        };
        self.prose[r.clone()].copy_from_slice(src);
        charref::decode(self.source, &mut self.prose, r, &mut self.decoded);
        let (s, e) = self.trimmed(span.start, span.end);
        if s < e {
            self.touch(Span::new(s, e));
        }
    }

    fn finish(mut self) -> Document {
        let end = self.source.len();
        self.pop_to(0, Span::new(end, end));
        self.close_block();
        self.links.sort_by_key(|l| l.span.start);
        // A block's links are those that overlap it: one that opens a
        // paragraph starts at `<a`, before the block's first prose byte.
        let links = &self.links;
        for block in &mut self.blocks {
            let lo = links.partition_point(|l| l.span.end <= block.span.start);
            let hi = links.partition_point(|l| l.span.start < block.span.end);
            block.links = lo..hi.max(lo);
        }
        self.decoded.sort_by_key(|d| d.start);
        // Blanks are ASCII and text was copied and decoded in whole
        // characters, so this holds; blank it all rather than shift offsets.
        let prose = String::from_utf8(self.prose).unwrap_or_else(|e| {
            e.into_bytes()
                .iter()
                .map(|&b| if b == b'\n' { '\n' } else { ' ' })
                .collect()
        });
        Document {
            prose,
            blocks: self.blocks,
            links: self.links,
            comments: self.comments,
            decoded: self.decoded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn html(src: &str) -> Document {
        let d = Document::parse(src, Format::Html);
        assert_eq!(d.prose.len(), src.len());
        d
    }

    /// Each block's prose, whitespace collapsed.
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
    fn paragraphs_headings_and_markup_blanked() {
        let src = "<!DOCTYPE html><html><head><title>Page title words</title>\
            <style>p { color: red }</style><script>var x = \"a quoted string\";</script></head>\
            <body><h2 class=\"hed\">Council votes</h2>\n<p>The <em>council</em> met <code>x = 1</code> on Tuesday.</p>\
            <pre>not prose either</pre><noscript>Enable JS</noscript><template><p>Hidden</p></template></body></html>";
        let d = html(src);
        assert_eq!(
            texts(&d),
            vec!["Council votes", "The council met on Tuesday."]
        );
        assert_eq!(d.blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(d.blocks[1].kind, BlockKind::Paragraph);
        for hidden in [
            "title",
            "Page",
            "color",
            "quoted",
            "x = 1",
            "prose either",
            "JS",
            "Hidden",
            "<",
            ">",
        ] {
            assert!(!d.prose.contains(hidden), "{hidden:?} left in prose");
        }
    }

    #[test]
    fn every_block_is_its_source_text() {
        // Without references the prose under a block is the source under it,
        // tags blanked: the offsets are the HTML's.
        let src = "<div class=a>Lead text <b>here</b>.<p>Para <a href=\"/x\">link</a> end.</p>Tail.</div>\
            <ul><li>One<li>Two <i>two</i></ul><table><tr><th>H<td>Cell<tr><td>Next</table>";
        let d = html(src);
        assert_eq!(
            texts(&d),
            vec![
                "Lead text here .",
                "Para link end.",
                "Tail.",
                "One",
                "Two two",
                "H",
                "Cell",
                "Next"
            ]
        );
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![
                Paragraph, Paragraph, Paragraph, ListItem, ListItem, TableCell, TableCell,
                TableCell
            ]
        );
        for b in &d.blocks {
            let source = b.span.slice(src);
            let prose = d.text(b.span);
            for (s, p) in source.bytes().zip(prose.bytes()) {
                assert!(p == s || p == b' ', "{source:?} vs {prose:?}");
            }
            assert!(
                !source.starts_with('<') && !source.ends_with('>'),
                "{source:?}"
            );
        }
    }

    #[test]
    fn links_have_their_destination_and_visible_text() {
        let src = "<p><a href=\" https://shop.test/item?tag=desk-20&amp;ref=x \">Buy the <b>kettle</b></a> now.</p>\
            <p>See <a name=top>here</a> and <a href=/a>unclosed</p><p>after</p>";
        let d = html(src);
        assert_eq!(d.links.len(), 2);
        assert_eq!(d.links[0].dest, "https://shop.test/item?tag=desk-20&ref=x");
        assert_eq!(d.links[0].text.slice(src), "Buy the <b>kettle</b>");
        assert!(
            d.links[0].span.slice(src).starts_with("<a href")
                && d.links[0].span.slice(src).ends_with("</a>")
        );
        // The link that opens the block is the block's.
        assert_eq!(d.block_links(&d.blocks[0]).len(), 1);
        // An unclosed link ends where its paragraph does.
        assert_eq!(d.links[1].text.slice(src), "unclosed");
        assert_eq!(d.block_links(&d.blocks[1]).len(), 1);
        assert!(d.block_links(&d.blocks[2]).is_empty());
        assert!(!d.prose.contains("shop.test"));
    }

    #[test]
    fn comments_are_recorded() {
        let src = "<p>Text<!-- copydesk: ignore --> more</p><?xml version?><!-- TK -->";
        let d = html(src);
        let comments: Vec<_> = d.comments.iter().map(|c| c.slice(src)).collect();
        assert_eq!(comments, vec!["<!-- copydesk: ignore -->", "<!-- TK -->"]);
        assert_eq!(texts(&d), vec!["Text more"]);
    }

    #[test]
    fn block_quotes_and_their_signatures() {
        let src = "<blockquote><p>I thought we had more time.</p><p>&mdash; Lacey Dotson</p></blockquote>\
            <blockquote>Line one of it.<br>— Ann Bell</blockquote>\
            <blockquote class=\"wp-block-quote\"><p>Words here.</p><cite>Ray Ortiz</cite></blockquote>\
            <p>After <cite>The Harbor Light</cite>.</p>";
        let d = html(src);
        assert_eq!(
            texts(&d),
            vec![
                "I thought we had more time.",
                "— Lacey Dotson",
                "Line one of it.",
                "— Ann Bell",
                "Words here.",
                "— Ray Ortiz",
                "After The Harbor Light ."
            ]
        );
        let ids: Vec<_> = d
            .blocks
            .iter()
            .map(|b| (b.quote_depth, b.block_quote))
            .collect();
        assert_eq!(
            ids,
            vec![
                (1, Some(0)),
                (1, Some(0)),
                (1, Some(1)),
                (1, Some(1)),
                (1, Some(2)),
                (1, Some(2)),
                (0, None)
            ]
        );
    }

    #[test]
    fn footnote_sections_are_footnotes() {
        let src = "<p>Body.<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\
            <div class=\"footnote-definition\" id=\"1\"><p>Adeyemi, \"A paper title\".</p></div>\
            <section class=\"footnotes\" role=\"doc-endnotes\"><ol><li>Second source.</li></ol></section>\
            <ol class=\"wp-block-footnotes\"><li>Third.</li></ol><div class=\"with-footnotes\">Story.</div>";
        let d = html(src);
        let marked: Vec<_> = d.blocks.iter().map(|b| b.in_footnote).collect();
        assert_eq!(texts(&d).len(), 5);
        assert_eq!(marked, vec![false, true, true, true, false]);
    }

    #[test]
    fn inline_quotations_show_their_marks() {
        let src = "<p>She said <q>we <q>never</q> left</q> twice.</p>";
        let d = html(src);
        assert_eq!(texts(&d), vec!["She said “we ‘never’ left” twice."]);
    }

    #[test]
    fn references_read_as_characters() {
        let src = "<p>&ldquo;We won,&rdquo; said Jos&eacute; Garc&iacute;a &amp; co.</p>";
        let d = html(src);
        assert_eq!(texts(&d), vec!["“We won,” said José García & co."]);
        let moved: Vec<_> = d.decoded.iter().map(|m| m.slice(src)).collect();
        assert_eq!(
            moved,
            vec!["&ldquo;", "&rdquo;", "&eacute;", "&iacute;a", "&amp;"]
        );
        // The opening mark sits at the end of its reference; widened, a span
        // from it covers the whole reference.
        let open = d.prose.find('“').unwrap();
        let start = src.find("&ldquo;").unwrap();
        assert!(open > start);
        assert_eq!(
            d.widen(Span::new(open, open + 5)),
            Span::new(start, open + 5)
        );
    }

    #[test]
    fn br_is_a_newline() {
        let src = "<p>one<br>two<br/>three</p>";
        let d = html(src);
        assert_eq!(d.text(d.blocks[0].span), "one\n   two\n    three");
    }

    #[test]
    fn unclosed_head_ends_at_the_body() {
        let src = "<html><head><title>T</title><meta charset=utf-8><p>Body text.";
        let d = html(src);
        assert_eq!(texts(&d), vec!["Body text."]);
        let src = "<head><title>T</title>Stray text is body text.";
        assert_eq!(texts(&html(src)), vec!["Stray text is body text."]);
    }

    #[test]
    fn malformed_input_never_panics() {
        let huge = format!(
            "<p title=\"{}\">x</p><a href=\"{}",
            "a".repeat(100_000),
            "é".repeat(50_000)
        );
        let deep =
            "<div><blockquote><q><a href=x>".repeat(2_000) + "text" + &"</p></li>".repeat(500);
        let cases = [
            "",
            "<",
            "&",
            "&#",
            "&#x",
            "&#xD800;",
            "&#99999999999;",
            "</p></div></a></q></blockquote>",
            "<p><p><li><td><tr>text",
            "<svg/>after",
            "<svg><p>in svg",
            "plain text, not html at all\n\nsecond para",
            "# A Markdown file\n\n> with a quote\n",
            "<<<>>>&&&;;;",
            "<p>é\u{0}\r\nü</p>",
            "<!--",
            "<!-- a -- b -->",
            "<q>",
            "</q>",
            "<cite>",
            "<blockquote><cite></cite></blockquote>",
            "<br><br></br>",
            "<plaintext><p>all of it",
            "<a href=\"&#0;\">",
            "\u{feff}<p>bom</p>",
            "<p>&nGt;&nGt;&fjlig;</p>",
            &huge,
            &deep,
        ];
        for src in cases {
            let d = html(src);
            for b in &d.blocks {
                assert!(b.span.end <= src.len() && b.span.start <= b.span.end);
                assert!(!d.text(b.span).trim().is_empty());
            }
            for l in &d.links {
                assert!(l.span.end <= src.len() && l.text.end <= src.len());
            }
        }
        let d = html("plain text, not html at all\n\nsecond para");
        assert_eq!(d.blocks.len(), 1);
    }
}
