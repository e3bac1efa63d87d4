//! Quick fixes for findings, as byte-span edits on the source text.
//!
//! IO-free like the rest of the engine: the server turns these edits into
//! LSP `TextEdit`s in the negotiated encoding at its edge. Each fix is a
//! list of non-overlapping edits against the text the finding came from.
//!
//! - `quote.unsourced`: `[WHO] said` after the closing mark, shaped to the
//!   quotation's punctuation (`“We will win.”` → `“We will win,” [WHO] said.`).
//! - `claim.*`: `, according to [SOURCE]` before the sentence's final
//!   punctuation.
//! - `promo.affiliate-link`: the link's destination (not its text) replaced
//!   by [`crate::rules::promo::clean_url`]'s clean URL.
//! - `promo.code`, `promo.plug`, `promo.call-to-action`, `promo.sales-pitch`: delete the sentence, or
//!   the whole line when the promotion is all its paragraph says.
//! - `promo.undisclosed`: a disclosure line after the title (after front
//!   matter and a leading `#` heading, or `</h1>` in HTML), where a reader
//!   meets it before any link, as the FTC asks of a clear disclosure.
//! - Every rule, in Markdown and HTML: "ignore on this line" and "disable in
//!   this file", written as the suppression comments the engine reads.

use crate::analysis::{self, Analysis, QuoteMarks, Sentence};
use crate::finding::Finding;
use crate::markup::{Block, BlockKind};
use crate::span::Span;
use crate::Format;

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
    fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            span: Span::new(at, at),
            new_text: text.into(),
        }
    }

    fn replace(span: Span, text: impl Into<String>) -> Edit {
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

/// The fixes for one finding. Use [`Fixer`] for several findings of the same text.
pub fn fixes(text: &str, format: Format, finding: &Finding) -> Vec<Fix> {
    Fixer::new(text, format).fixes(finding)
}

/// The analysis of one text, kept to compute fixes for several findings.
pub struct Fixer<'a> {
    text: &'a str,
    format: Format,
    analysis: Analysis<'a>,
    config: crate::Config,
}

impl<'a> Fixer<'a> {
    /// Fixes under the default configuration.
    pub fn new(text: &'a str, format: Format) -> Fixer<'a> {
        Fixer::with_config(text, format, &crate::Config::default())
    }

    /// Fixes under the draft's configuration (its extra reporting verbs
    /// decide what attributes a quotation).
    pub fn with_config(text: &'a str, format: Format, config: &crate::Config) -> Fixer<'a> {
        Fixer {
            text,
            format,
            analysis: analysis::analyze(text, format, config.verbs()),
            config: config.clone(),
        }
    }

    /// Content fixes first (the first one preferred), then the suppressions.
    pub fn fixes(&self, finding: &Finding) -> Vec<Fix> {
        let mut out: Vec<Fix> = Vec::new();
        let rule = finding.rule.as_ref();
        let content = match rule {
            "quote.unsourced" => self.name_speaker(finding.span),
            "claim.unattributed" | "claim.vague-source" => self.name_source(finding.span),
            "promo.affiliate-link" => self.clean_link(finding.span),
            "promo.code" | "promo.plug" | "promo.call-to-action" | "promo.sales-pitch" => {
                self.delete_promotion(finding)
            }
            "promo.undisclosed" => Some(self.disclose()),
            _ if rule.starts_with("house.") => self.house_replacement(finding),
            _ => None,
        };
        if let Some(mut fix) = content.filter(|f| !f.edits.is_empty()) {
            fix.preferred = true;
            out.push(fix);
        }
        if matches!(self.format, Format::Markdown | Format::Html) {
            out.push(self.ignore_line(finding));
            out.push(self.disable_file(rule));
        }
        out
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

    /// `quote.unsourced`: `[WHO] said` after the closing mark.
    fn name_speaker(&self, span: Span) -> Option<Fix> {
        let q = self
            .analysis
            .blocks
            .iter()
            .flat_map(|b| &b.quotes)
            .find(|q| self.widen(q.span) == span || q.span.contains(span.start))?;
        if q.runs_on || q.marks == QuoteMarks::BlockQuote || q.inner.end >= q.span.end {
            return None;
        }
        let text = self.text;
        let mut close = self.widen(Span::new(q.inner.end, q.span.end));
        // An HTML `<q>`'s closing mark is its end tag: insert after all of it.
        if self.format == Format::Html && text[close.start..].starts_with("</") {
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
        let unsourced = |t: &str| unsourced_quotes(t, self.format, &self.config);
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
    fn name_source(&self, span: Span) -> Option<Fix> {
        let (_, s) = self.sentence_at(span.start)?;
        let sentence = self.widen(s.span);
        let text = self.text;
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

    /// `promo.affiliate-link`: the clean destination in place of the link's.
    fn clean_link(&self, span: Span) -> Option<Fix> {
        let text = self.text;
        let link = self
            .analysis
            .doc
            .links
            .iter()
            .find(|l| l.span == span || l.span.contains(span.start));
        let (dest_span, dest) = match link {
            Some(link) => {
                let autolink = text[link.span.start..].starts_with('<')
                    && self.format == Format::Markdown
                    && link.text.slice(text) == link.dest;
                if autolink {
                    (link.text, link.dest.as_str())
                } else {
                    // An HTML href sits in the opening tag, before the text;
                    // a Markdown destination after it.
                    let region = if self.format == Format::Html {
                        Span::new(link.span.start, link.text.start)
                    } else {
                        Span::new(link.text.end, link.span.end)
                    };
                    let hay = region.slice(text);
                    let escaped = link.dest.replace('&', "&amp;");
                    let (at, len) = hay
                        .find(link.dest.as_str())
                        .map(|i| (i, link.dest.len()))
                        .or_else(|| hay.find(escaped.as_str()).map(|i| (i, escaped.len())))?;
                    let at = region.start + at;
                    (Span::new(at, at + len), link.dest.as_str())
                }
            }
            None => (span, span.slice(text)),
        };
        let clean = crate::rules::promo::clean_url(dest)?;
        let new_text = match self.format {
            Format::Html => clean.replace('&', "&amp;").replace('"', "&quot;"),
            _ if link.is_some() && clean.contains([' ', '(', ')']) => format!("<{clean}>"),
            _ => clean.clone(),
        };
        Some(Fix {
            title: format!("Link the clean destination: {clean}"),
            edits: vec![Edit::replace(dest_span, new_text)],
            preferred: false,
        })
    }

    /// `promo.code` / `promo.plug` / `promo.sales-pitch`: delete the
    /// sentence, or the paragraph's lines when the promotion is all of it.
    fn delete_promotion(&self, finding: &Finding) -> Option<Fix> {
        let text = self.text;
        let (block, ba) = self.block_at(finding.span.start)?;
        let block_span = self.widen(block.span);
        let raw = block_span.slice(text);
        let block_text = raw.trim();
        let (first, last) = (
            block_span.start + raw.len() - raw.trim_start().len(),
            block_span.start + raw.trim_end().len(),
        );
        let covered = self.widen(finding.span);
        let whole_block = ba.sentences.len() <= 1 || covered.start <= first && covered.end >= last;
        if whole_block && self.format != Format::Html && !block_text.is_empty() {
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
            .map(|s| self.widen(s.span))
            .filter(|s| s.overlaps(covered) || s.contains(covered.start))
            .collect();
        let s = match (touched.first(), touched.last()) {
            (Some(a), Some(b)) => Span::new(a.start, b.end),
            _ => self.widen(self.sentence_at(finding.span.start)?.1.span),
        };
        let body_end = s.start + s.slice(text).trim_end().len();
        // Take the spaces after the sentence with it; the last sentence of
        // a paragraph takes the spaces before it instead.
        let after = text[body_end..].len() - text[body_end..].trim_start_matches([' ', '\t']).len();
        let next = text[body_end + after..].chars().next();
        let span = if after > 0 && next.is_some_and(|c| c != '\n' && c != '\r') {
            Span::new(s.start, body_end + after)
        } else {
            let before =
                text[..s.start].len() - text[..s.start].trim_end_matches([' ', '\t']).len();
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
    fn house_replacement(&self, finding: &Finding) -> Option<Fix> {
        let replacement = self
            .config
            .house_rule(&finding.rule)?
            .replacement
            .as_deref()?;
        let matched = finding.span.slice(self.text);
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
    fn disclose(&self) -> Fix {
        let text = self.text;
        let edit = match self.format {
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
                let top = front_matter_end(text, self.format);
                let rest = &text[top..];
                let first = rest.trim_start_matches(['\n', '\r']);
                let title_line = self.format == Format::Markdown
                    && self
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
        Fix {
            title: "Add a disclosure after the title".into(),
            edits: vec![edit],
            preferred: false,
        }
    }

    /// ` <!-- copydesk-disable-line RULE -->` at the end of the finding's first line.
    fn ignore_line(&self, finding: &Finding) -> Fix {
        let text = self.text;
        let start = finding.span.start.min(text.len());
        let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if text[..end].ends_with('\r') {
            end -= 1;
        }
        Fix {
            title: format!("Ignore {} on this line", finding.rule),
            edits: vec![Edit::insert(
                end,
                format!(" <!-- copydesk-disable-line {} -->", finding.rule),
            )],
            preferred: false,
        }
    }

    /// `<!-- copydesk-disable-file RULE -->` as the first line (after front matter).
    fn disable_file(&self, rule: &str) -> Fix {
        let at = front_matter_end(self.text, self.format);
        Fix {
            title: format!("Disable {rule} in this file"),
            edits: vec![Edit::insert(
                at,
                format!("<!-- copydesk-disable-file {rule} -->\n"),
            )],
            preferred: false,
        }
    }
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
/// the configuration turns the rule off.
fn unsourced_quotes(text: &str, format: Format, config: &crate::Config) -> usize {
    let config = crate::rules::quote_rule_on(config);
    let a = analysis::analyze(text, format, config.verbs());
    let mut cx = crate::rules::Context::new(&a, &config);
    crate::rules::quote::check(&mut cx);
    cx.into_findings().len()
}

/// Where the text after YAML (`---`) or TOML (`+++`) front matter starts in
/// Markdown, or after a `<!DOCTYPE …>` line in HTML; 0 when there is none.
pub fn front_matter_end(text: &str, format: Format) -> usize {
    match format {
        Format::Markdown => {
            let Some(fence) = ["---", "+++"].into_iter().find(|f| {
                text.strip_prefix(f)
                    .is_some_and(|r| r.starts_with('\n') || r.starts_with("\r\n"))
            }) else {
                return 0;
            };
            let mut at = text.find('\n').map_or(text.len(), |i| i + 1);
            while at < text.len() {
                let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                let line = text[at..end].trim_end();
                if line == fence || fence == "---" && line == "..." {
                    return end;
                }
                at = end;
            }
            0
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Config};

    /// The first finding of `rule` in `input`, its preferred fix applied.
    fn fixed(input: &str, format: Format, rule: &str) -> String {
        let findings = check(input, format, &Config::default());
        let finding = findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule} does not fire on {input:?}: {findings:?}"));
        let fixes = fixes(input, format, finding);
        let fix = fixes
            .iter()
            .find(|f| f.preferred)
            .unwrap_or_else(|| panic!("no preferred fix for {rule} on {input:?}"));
        apply(input, &fix.edits)
    }

    /// Each case: the draft, the rule, the draft after its preferred fix.
    /// After the fix the rule must no longer fire at all.
    fn check_cases(format: Format, cases: &[(&str, &str, &str)]) {
        let mut wrong = Vec::new();
        for &(input, rule, want) in cases {
            let got = fixed(input, format, rule);
            if got != want {
                wrong.push(format!(
                    "{rule} on {input:?}\n  want {want:?}\n  got  {got:?}"
                ));
                continue;
            }
            let left: Vec<_> = check(&got, format, &Config::default())
                .into_iter()
                .filter(|f| f.rule == rule)
                .collect();
            if !left.is_empty() {
                wrong.push(format!(
                    "{rule} still fires after the fix: {got:?}: {left:?}"
                ));
            }
        }
        assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    }

    #[test]
    fn quote_fixes_name_a_speaker_shaped_to_the_punctuation() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "The vote was close. “We will win this fight in the end.”",
                    "quote.unsourced",
                    "The vote was close. “We will win this fight in the end,” [WHO] said.",
                ),
                (
                    "“We will win this fight in the end,” and the room went quiet.",
                    "quote.unsourced",
                    "“We will win this fight in the end,” [WHO] said, and the room went quiet.",
                ),
                (
                    "The hall was full. “Why would anyone vote for this?”",
                    "quote.unsourced",
                    "The hall was full. “Why would anyone vote for this?” [WHO] said.",
                ),
                (
                    "The hall was full. “We will win this fight in the end!” Then it rained.",
                    "quote.unsourced",
                    "The hall was full. “We will win this fight in the end!” [WHO] said. Then it rained.",
                ),
                (
                    "The hall was full. \"We will win this fight in the end\".",
                    "quote.unsourced",
                    "The hall was full. \"We will win this fight in the end,\" [WHO] said.",
                ),
                (
                    "The hall was full. ‘We will win this fight in the end.’\n",
                    "quote.unsourced",
                    "The hall was full. ‘We will win this fight in the end,’ [WHO] said.\n",
                ),
            ],
        );
    }

    #[test]
    fn no_speaker_fix_where_a_tag_would_attribute_nothing() {
        let text = "If you have been wondering “Who are the most famous criminals to be murdered in prison?” this list holds the answers.";
        let findings = check(text, Format::Markdown, &Config::default());
        let f = findings
            .iter()
            .find(|f| f.rule == "quote.unsourced")
            .expect("the quote is flagged");
        let fixes = fixes(text, Format::Markdown, f);
        assert!(fixes.iter().all(|f| !f.preferred), "{fixes:?}");
        assert_eq!(fixes.len(), 2, "only the suppressions: {fixes:?}");
    }

    #[test]
    fn html_quote_fixes_go_after_entities_and_end_tags() {
        check_cases(
            Format::Html,
            &[
                (
                    "<p>The hall was full. &ldquo;We will win this fight in the end.&rdquo;</p>",
                    "quote.unsourced",
                    "<p>The hall was full. &ldquo;We will win this fight in the end,&rdquo; [WHO] said.</p>",
                ),
                (
                    "<p>The hall was full. <q>We will win this fight in the end.</q></p>",
                    "quote.unsourced",
                    "<p>The hall was full. <q>We will win this fight in the end,</q> [WHO] said.</p>",
                ),
            ],
        );
    }

    #[test]
    fn claim_fixes_append_a_source() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "Crime has doubled since the new mayor took office.",
                    "claim.unattributed",
                    "Crime has doubled since the new mayor took office, according to [SOURCE].",
                ),
                (
                    "Crime has doubled since the new mayor took office!\n\nMore later.",
                    "claim.unattributed",
                    "Crime has doubled since the new mayor took office, according to [SOURCE]!\n\nMore later.",
                ),
                (
                    "**Crime has doubled since the new mayor took office.**",
                    "claim.unattributed",
                    "**Crime has doubled since the new mayor took office, according to [SOURCE].**",
                ),
                (
                    "Studies show that rents rose faster than wages.",
                    "claim.vague-source",
                    "Studies show that rents rose faster than wages, according to [SOURCE].",
                ),
            ],
        );
    }

    #[test]
    fn link_fixes_clean_the_destination_not_the_text() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "We may earn a commission.\n\nOur [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\nOur [top pick](https://www.amazon.com/dp/B0C7) is cheap.",
                ),
                (
                    "We may earn a commission.\n\n[https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20)",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\n[https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20](https://www.amazon.com/dp/B0C7)",
                ),
                (
                    "We may earn a commission.\n\nSee <https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20> today.",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\nSee <https://www.amazon.com/dp/B0C7> today.",
                ),
                (
                    "We may earn a commission.\n\nBare: https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20 today.",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\nBare: https://www.amazon.com/dp/B0C7 today.",
                ),
            ],
        );
        check_cases(
            Format::Html,
            &[(
                "<p>We may earn a commission.</p><p>Our <a href=\"https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20&amp;ref=x\">https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20</a> pick.</p>",
                "promo.affiliate-link",
                "<p>We may earn a commission.</p><p>Our <a href=\"https://www.amazon.com/dp/B0C7?ref=x\">https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20</a> pick.</p>",
            )],
        );
    }

    #[test]
    fn promotion_fixes_delete_the_sentence_or_the_paragraph() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "The shop reopened on Monday. Readers can use code SAVE20 at checkout for 20% off. The owner was pleased.",
                    "promo.code",
                    "The shop reopened on Monday. The owner was pleased.",
                ),
                (
                    "The shop reopened on Monday. Readers can use code SAVE20 at checkout for 20% off.\n",
                    "promo.code",
                    "The shop reopened on Monday.\n",
                ),
                (
                    "The storm hit at dawn.\n\nREAD MORE: Ten gadgets you need this summer\n\nCrews worked through the night.\n",
                    "promo.plug",
                    "The storm hit at dawn.\n\nCrews worked through the night.\n",
                ),
                (
                    "The storm hit at dawn.\n\nOrder now and save big with this limited-time offer!\n",
                    "promo.sales-pitch",
                    "The storm hit at dawn.\n",
                ),
            ],
        );
    }

    #[test]
    fn html_promotions_go_with_their_element() {
        check_cases(
            Format::Html,
            &[(
                "<p>The storm hit at dawn.</p>\n<p class=\"promo\">Order now and save big with this limited-time offer!</p>\n<p>Crews worked on.</p>",
                "promo.sales-pitch",
                "<p>The storm hit at dawn.</p>\n<p>Crews worked on.</p>",
            )],
        );
    }

    #[test]
    fn disclosure_goes_after_the_title_and_front_matter() {
        let link = "Our [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.\n";
        check_cases(
            Format::Markdown,
            &[
                (
                    &format!("# Best fryers\n\n{link}"),
                    "promo.undisclosed",
                    &format!("# Best fryers\n\n{DISCLOSURE}\n\n{link}"),
                ),
                (
                    &format!("---\ntitle: Fryers\n---\n{link}"),
                    "promo.undisclosed",
                    &format!("---\ntitle: Fryers\n---\n{DISCLOSURE}\n\n{link}"),
                ),
                (
                    link,
                    "promo.undisclosed",
                    &format!("{DISCLOSURE}\n\n{link}"),
                ),
            ],
        );
    }

    #[test]
    fn suppression_fixes_write_the_contract_comments() {
        let input = "---\ntitle: x\n---\nIntro.\n\nCrime has doubled since 🎉 the mayor took office.\r\nMore.\n";
        let findings = check(input, Format::Markdown, &Config::default());
        let f = findings
            .iter()
            .find(|f| f.rule == "claim.unattributed")
            .expect("claim fires");
        let fixes = fixes(input, Format::Markdown, f);
        let titles: Vec<&str> = fixes.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(
            titles[1..],
            [
                "Ignore claim.unattributed on this line",
                "Disable claim.unattributed in this file"
            ]
        );
        assert_eq!(
            apply(input, &fixes[1].edits),
            "---\ntitle: x\n---\nIntro.\n\nCrime has doubled since 🎉 the mayor took office. <!-- copydesk-disable-line claim.unattributed -->\r\nMore.\n"
        );
        assert_eq!(
            apply(input, &fixes[2].edits),
            "---\ntitle: x\n---\n<!-- copydesk-disable-file claim.unattributed -->\nIntro.\n\nCrime has doubled since 🎉 the mayor took office.\r\nMore.\n"
        );
        // The engine reads what the fixes wrote.
        for fix in &fixes[1..] {
            let fixed = apply(input, &fix.edits);
            let left = check(&fixed, Format::Markdown, &Config::default());
            assert!(
                !left.iter().any(|f| f.rule == "claim.unattributed"),
                "{}: {left:?}",
                fix.title
            );
        }
        // Plain text has no comments to write.
        let plain = fixes_for_plain("Crime has doubled since the new mayor took office.");
        assert_eq!(plain.len(), 1);
    }

    fn fixes_for_plain(input: &str) -> Vec<Fix> {
        let findings = check(input, Format::Plain, &Config::default());
        fixes(input, Format::Plain, &findings[0])
    }

    #[test]
    fn front_matter_and_doctype_are_skipped() {
        assert_eq!(
            front_matter_end("---\na: 1\n---\nText", Format::Markdown),
            13
        );
        assert_eq!(
            front_matter_end("+++\na = 1\n+++\nText", Format::Markdown),
            14
        );
        assert_eq!(front_matter_end("---\nno end", Format::Markdown), 0);
        assert_eq!(
            front_matter_end("<!DOCTYPE html>\n<p>x</p>", Format::Html),
            16
        );
        // Multibyte text where a doctype would be: no panic, no doctype.
        assert_eq!(front_matter_end("> — Greg Tolliver", Format::Html), 0);
    }

    #[test]
    fn house_rules_with_a_replacement_offer_it() {
        let config = Config::from_toml(
            "[[house-rules]]\nid = \"utilize\"\nwords = [\"utilize\"]\nreplacement = \"use\"\n\n[[house-rules]]\nid = \"amid\"\nwords = [\"amidst\"]\n",
        )
        .expect("valid config");
        let text = "Utilize the tools amidst the noise, and utilize them well.\n";
        let findings = check(text, Format::Markdown, &config);
        let fixer = Fixer::with_config(text, Format::Markdown, &config);
        let mut fixed = Vec::new();
        for f in findings.iter().filter(|f| f.rule.starts_with("house.")) {
            let fixes = fixer.fixes(f);
            match fixes.iter().find(|x| x.preferred) {
                Some(fix) => fixed.push((fix.title.clone(), apply(text, &fix.edits))),
                // No replacement configured: only the suppressions.
                None => assert_eq!((f.rule.as_ref(), fixes.len()), ("house.amid", 2)),
            }
        }
        assert_eq!(
            fixed,
            vec![
                (
                    "Replace with \"Use\"".to_string(),
                    "Use the tools amidst the noise, and utilize them well.\n".to_string()
                ),
                (
                    "Replace with \"use\"".to_string(),
                    "Utilize the tools amidst the noise, and use them well.\n".to_string()
                ),
            ]
        );
    }

    #[test]
    fn apply_skips_overlapping_and_out_of_range_edits() {
        let edits = [
            Edit::replace(Span::new(0, 3), "x"),
            Edit::replace(Span::new(2, 4), "y"),
            Edit::insert(99, "z"),
        ];
        assert_eq!(apply("abcdef", &edits), "xdef");
    }
}
