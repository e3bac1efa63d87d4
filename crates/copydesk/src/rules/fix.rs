//! Quick fixes that rules attach: each rule's declaration names its
//! builder ([`QuickFix`], `quick_fix:` in `declare_rule!`), and
//! [`crate::fixes`] calls the one the registry gives for a finding's rule,
//! so no list of rule ids sits anywhere else.
//!
//! A builder sees the whole draft ([`Site`]), not the block the rule
//! reported from: the incremental checker caches findings per block, and
//! fixes such as a disclosure after the title or a check that a speaker
//! tag really attributes need the document. Fixes are built when an editor
//! asks for them, never during a check.
//!
//! - `quote.unsourced`: `[WHO] said` after the closing mark, shaped to the
//!   quotation's punctuation (`“We will win.”` → `“We will win,” [WHO] said.`).
//! - `claim.*`: `, according to [SOURCE]` before the sentence's final
//!   punctuation.
//! - `promo.affiliate-link`: the link's destination (not its text) replaced
//!   by its clean URL; the builder lives with promo, in
//!   `promo/fix.rs`, so this module (which every rule's declaration names)
//!   imports no family.
//! - `promo.code`, `promo.plug`, `promo.call-to-action`, `promo.sales-pitch`:
//!   delete the sentence, or
//!   the whole line when the promotion is all its paragraph says.
//! - `promo.undisclosed`: a disclosure line after the title (after front
//!   matter and a leading `#` heading, or `</h1>` in HTML), where a reader
//!   meets it before any link, as the FTC asks of a clear disclosure.
//! - `house.*`: the configured replacement.

use crate::analysis::{self, Analysis, QuoteMarks, Sentence};
use crate::finding::Finding;
use crate::markup::{Block, BlockKind, Format};
use crate::span::Span;

use super::settings::Config;

/// What a quick fix inserts where the writer must name a source.
pub const WHO: &str = "[WHO]";
pub const SOURCE: &str = "[SOURCE]";
/// The disclosure the `promo.undisclosed` fix inserts; the rule accepts it.
pub const DISCLOSURE: &str = "We may earn a commission when you buy through links in this story.";

/// One replacement: the bytes under `span` become `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            span: Span::new(at, at),
            new_text: text.into(),
        }
    }

    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit {
            span,
            new_text: text.into(),
        }
    }
}

/// A quick fix: a title for the menu and its edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The fix an editor may apply on "fix this" without asking.
    pub preferred: bool,
}

/// Apply non-overlapping edits (all against `text`) and return the result.
/// Out-of-range or overlapping edits are skipped rather than panicking.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        if e.span.start < at || text.get(e.span.start..e.span.end).is_none() {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.new_text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A rule's quick-fix builder: the finding and the whole draft in, a fix
/// (or none, where no edit would fix it) out.
pub type QuickFix = fn(&Site<'_>, &Finding) -> Option<Fix>;

/// The whole draft a fix is built against: its text, format, analysis and
/// configuration.
pub struct Site<'a> {
    pub text: &'a str,
    pub format: Format,
    pub analysis: Analysis<'a>,
    pub config: Config,
}

impl<'a> Site<'a> {
    pub fn new(text: &'a str, format: Format, config: &Config) -> Site<'a> {
        Site {
            text,
            format,
            analysis: analysis::analyze(text, format, config.verbs()),
            config: config.clone(),
        }
    }

    fn widen(&self, span: Span) -> Span {
        self.analysis.doc.widen(span)
    }

    /// By binary search: blocks come in order and do not overlap, and a
    /// scan from the first made code actions over a dense draft quadratic.
    fn block_at(&self, at: usize) -> Option<(&Block, &analysis::BlockAnalysis)> {
        let blocks = &self.analysis.doc.blocks;
        let i = blocks.partition_point(|b| b.span.end.max(b.span.start + 1) <= at);
        let block = blocks.get(i).filter(|b| b.span.start <= at)?;
        Some((block, self.analysis.blocks.get(i)?))
    }

    fn sentence_at(&self, at: usize) -> Option<(&Block, &Sentence)> {
        let (block, ba) = self.block_at(at)?;
        let s = ba
            .sentences
            .iter()
            .rev()
            .find(|s| s.span.start <= at)
            .or(ba.sentences.first())?;
        Some((block, s))
    }
}

/// `quote.unsourced`: `[WHO] said` after the closing mark.
pub fn name_speaker(site: &Site<'_>, finding: &Finding) -> Option<Fix> {
    let span = finding.span;
    let q = site
        .analysis
        .blocks
        .iter()
        .flat_map(|b| &b.quotes)
        .find(|q| site.widen(q.span) == span || q.span.contains(span.start))?;
    if q.runs_on || q.marks == QuoteMarks::BlockQuote || q.inner.end >= q.span.end {
        return None;
    }
    let text = site.text;
    let mut close = site.widen(Span::new(q.inner.end, q.span.end));
    // An HTML `<q>`'s closing mark is its end tag: insert after all of it.
    if site.format == Format::Html && text[close.start..].starts_with("</") {
        if let Some(gt) = text[close.start..].find('>') {
            close.end = close.start + gt + 1;
        }
    }
    let inside = text[..close.start].chars().next_back()?;
    let rest = &text[close.end..];
    let next = rest.chars().next();
    // The first thing after the quotation on its line.
    let after = rest.trim_start_matches([' ', '\t']).chars().next();
    let goes_on = after.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    let tag = |end: &str| Edit::insert(close.end, format!(" {WHO} said{end}"));
    let edits = match inside {
        // `“We will win.”` → `“We will win,” [WHO] said.`
        '.' => {
            let dot = close.start - 1;
            vec![
                Edit::replace(Span::new(dot, close.start), ","),
                tag(if goes_on { "," } else { "." }),
            ]
        }
        // `“Why?”` → `“Why?” [WHO] said.`
        '?' | '!' | '…' => vec![tag(if goes_on { "," } else { "." })],
        // `“We will win,” and …` → `“We will win,” [WHO] said, and …`
        ',' => match after {
            Some('.' | '!' | '?' | ';' | ':') => vec![tag("")],
            _ => vec![tag(if goes_on { "," } else { "." })],
        },
        // `“We will win”.` → `“We will win,” [WHO] said.`
        _ => match next {
            Some('.') => vec![Edit::insert(close.start, ","), tag("")],
            Some('?' | '!' | ';' | ':') => vec![tag("")],
            _ => vec![
                Edit::insert(close.start, ","),
                tag(if goes_on { "," } else { "." }),
            ],
        },
    };
    // Where the sentence has a subject of its own (`wondering “Who …?”
    // this list holds`) a tag after the quotation attributes nothing;
    // offer the fix only where it does.
    let fixed = apply(text, &edits);
    let unsourced = |t: &str| unsourced_quotes(t, site.format, &site.config);
    if unsourced(&fixed) >= unsourced(text) {
        return None;
    }
    Some(Fix {
        title: format!("Name the speaker: add \"{WHO} said\""),
        edits,
        preferred: false,
    })
}

/// `claim.*`: `, according to [SOURCE]` before the sentence's final
/// punctuation (after a closing quotation mark, moving a period that
/// sits inside it out, US style).
pub fn name_source(site: &Site<'_>, finding: &Finding) -> Option<Fix> {
    let span = finding.span;
    let (_, s) = site.sentence_at(span.start)?;
    let sentence = site.widen(s.span);
    let text = site.text;
    let body = text.get(sentence.start..sentence.end)?.trim_end();
    let end = sentence.start + body.len();
    let is_tail = |c: char| ".!?…:;”’\"')*_»".contains(c);
    let tail_len = body.len() - body.trim_end_matches(is_tail).len();
    let tail_start = end - tail_len;
    let tail = &text[tail_start..end];
    let is_close = |c: char| "”’\"'»".contains(c);
    let phrase = format!("according to {SOURCE}");
    let last_close = tail
        .char_indices()
        .rfind(|&(_, c)| is_close(c))
        .map_or(end, |(j, c)| tail_start + j + c.len_utf8());
    let edits = match tail.char_indices().find(|&(_, c)| is_close(c)) {
        // `… “a disaster.”` → `… “a disaster,” according to [SOURCE].`
        Some((i, _)) if i > 0 && tail[..i].ends_with('.') => {
            let dot = tail_start + i - 1;
            vec![
                Edit::replace(Span::new(dot, dot + 1), ","),
                Edit::insert(last_close, format!(" {phrase}.")),
            ]
        }
        // `… “a disaster”.` → `… “a disaster”, according to [SOURCE].`
        Some(_) => {
            vec![Edit::insert(last_close, format!(", {phrase}"))]
        }
        None => vec![Edit::insert(tail_start, format!(", {phrase}"))],
    };
    Some(Fix {
        title: format!("Name the source: add \", {phrase}\""),
        edits,
        preferred: false,
    })
}

/// `promo.code` / `promo.plug` / `promo.call-to-action` /
/// `promo.sales-pitch`: delete the
/// sentence, or the paragraph's lines when the promotion is all of it.
pub fn delete_promotion(site: &Site<'_>, finding: &Finding) -> Option<Fix> {
    let text = site.text;
    let (block, ba) = site.block_at(finding.span.start)?;
    let block_span = site.widen(block.span);
    let raw = block_span.slice(text);
    let block_text = raw.trim();
    let (first, last) = (
        block_span.start + raw.len() - raw.trim_start().len(),
        block_span.start + raw.trim_end().len(),
    );
    let covered = site.widen(finding.span);
    let whole_block = ba.sentences.len() <= 1 || covered.start <= first && covered.end >= last;
    if whole_block && site.format != Format::Html && !block_text.is_empty() {
        return Some(Fix {
            title: "Delete the promotion (this paragraph)".into(),
            edits: vec![Edit::replace(delete_lines(text, block_span), "")],
            preferred: false,
        });
    }
    if whole_block {
        return Some(Fix {
            title: "Delete the promotion (this paragraph)".into(),
            edits: vec![Edit::replace(html_element(text, block_span), "")],
            preferred: false,
        });
    }
    // Every sentence the promotion touches.
    let touched: Vec<Span> = ba
        .sentences
        .iter()
        .map(|s| site.widen(s.span))
        .filter(|s| s.overlaps(covered) || s.contains(covered.start))
        .collect();
    let s = match (touched.first(), touched.last()) {
        (Some(a), Some(b)) => Span::new(a.start, b.end),
        _ => site.widen(site.sentence_at(finding.span.start)?.1.span),
    };
    let body_end = s.start + s.slice(text).trim_end().len();
    // Take the spaces after the sentence with it; the last sentence of
    // a paragraph takes the spaces before it instead.
    let after = text[body_end..].len() - text[body_end..].trim_start_matches([' ', '\t']).len();
    let next = text[body_end + after..].chars().next();
    let span = if after > 0 && next.is_some_and(|c| c != '\n' && c != '\r') {
        Span::new(s.start, body_end + after)
    } else {
        let before = text[..s.start].len() - text[..s.start].trim_end_matches([' ', '\t']).len();
        Span::new(s.start - before, body_end)
    };
    Some(Fix {
        title: "Delete the promotion (this sentence)".into(),
        edits: vec![Edit::replace(span, "")],
        preferred: false,
    })
}

/// A house rule with a `replacement`: the matched words become it,
/// keeping a leading capital (`Utilize` → `Use`).
pub fn house_replacement(site: &Site<'_>, finding: &Finding) -> Option<Fix> {
    let replacement = site
        .config
        .house_rule(&finding.rule)?
        .replacement
        .as_deref()?;
    let matched = finding.span.slice(site.text);
    let capital = matched.chars().next().is_some_and(char::is_uppercase)
        && replacement.chars().next().is_some_and(char::is_lowercase);
    let new_text = if capital {
        let mut chars = replacement.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        replacement.to_string()
    };
    Some(Fix {
        title: format!("Replace with \"{new_text}\""),
        edits: vec![Edit::replace(finding.span, new_text)],
        preferred: false,
    })
}

/// `promo.undisclosed`: a disclosure after the title.
pub fn disclose(site: &Site<'_>, _finding: &Finding) -> Option<Fix> {
    let text = site.text;
    let edit = match site.format {
        Format::Html => {
            let lower = text.to_ascii_lowercase();
            let at = lower
                .find("</h1>")
                .map(|i| i + "</h1>".len())
                .or_else(|| {
                    let b = lower.find("<body")?;
                    lower[b..].find('>').map(|j| b + j + 1)
                })
                .unwrap_or(0);
            Edit::insert(at, format!("\n<p>{DISCLOSURE}</p>\n"))
        }
        _ => {
            let top = front_matter_end(text, site.format);
            let rest = &text[top..];
            let first = rest.trim_start_matches(['\n', '\r']);
            let title_line = site.format == Format::Markdown
                && site
                    .analysis
                    .doc
                    .blocks
                    .first()
                    .is_some_and(|b| matches!(b.kind, BlockKind::Heading(_)))
                && first.starts_with('#');
            if title_line {
                let line_start = top + rest.len() - first.len();
                match text[line_start..].find('\n') {
                    Some(nl) => Edit::insert(line_start + nl + 1, format!("\n{DISCLOSURE}\n")),
                    None => Edit::insert(text.len(), format!("\n\n{DISCLOSURE}\n")),
                }
            } else {
                Edit::insert(top, format!("{DISCLOSURE}\n\n"))
            }
        }
    };
    Some(Fix {
        title: "Add a disclosure after the title".into(),
        edits: vec![edit],
        preferred: false,
    })
}

/// The HTML element whose content is `span` (`<p class=x>` … `</p>`), with
/// the line break after it, or `span` itself when the tags around it do not
/// open and close one element.
fn html_element(text: &str, span: Span) -> Span {
    let before = text[..span.start].trim_end();
    let after_start = span.end + (text[span.end..].len() - text[span.end..].trim_start().len());
    let after = &text[after_start..];
    let (Some(open), true) = (before.rfind('<'), before.ends_with('>')) else {
        return span;
    };
    let name: String = before[open + 1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let close = format!("</{name}>");
    let closes = after
        .get(..close.len())
        .is_some_and(|c| c.eq_ignore_ascii_case(&close));
    if name.is_empty() || !closes {
        return span;
    }
    let mut end = after_start + close.len();
    if text[end..].starts_with('\n') {
        end += 1;
    }
    Span::new(open, end)
}

/// How many quotations `quote.unsourced` would flag in `text`, even where
/// the configuration turns the rule off: the analysis's own verdicts.
fn unsourced_quotes(text: &str, format: Format, config: &Config) -> usize {
    analysis::analyze(text, format, config.verbs())
        .blocks
        .iter()
        .flat_map(|b| &b.quotes)
        .filter(|q| q.flagged())
        .count()
}

/// Where the text after YAML (`---`) or TOML (`+++`) front matter starts in
/// Markdown (see [`crate::markup::front_matter_len`]), or after a
/// `<!DOCTYPE …>` line in HTML; 0 when there is none.
pub fn front_matter_end(text: &str, format: Format) -> usize {
    match format {
        Format::Markdown => crate::markup::front_matter_len(text),
        Format::Html => {
            let head = text.trim_start();
            if head
                .get(..9)
                .is_some_and(|h| h.eq_ignore_ascii_case("<!doctype"))
            {
                let start = text.len() - head.len();
                return head.find('>').map_or(0, |i| {
                    let after = start + i + 1;
                    after + usize::from(text[after..].starts_with('\n'))
                });
            }
            0
        }
        Format::Plain => 0,
    }
}

/// The whole lines of a block, with one neighbouring blank line so that
/// deleting them leaves a single blank line between the paragraphs around.
fn delete_lines(text: &str, block: Span) -> Span {
    let start = text[..block.start].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[block.end..]
        .find('\n')
        .map_or(text.len(), |i| block.end + i + 1);
    let blank_after = |at: usize| {
        let line_end = text[at..].find('\n').map(|i| at + i + 1);
        line_end.filter(|&e| text[at..e].trim().is_empty())
    };
    if let Some(e) = blank_after(end) {
        end = e;
    } else if end == text.len() && start > 0 {
        // The last paragraph: take the blank line before it instead.
        let prev_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if text[prev_start..start].trim().is_empty() {
            return Span::new(prev_start, end);
        }
    }
    Span::new(start, end)
}
