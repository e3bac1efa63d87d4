//! Suppression comments in the draft: a writer's "I know, leave it".
//!
//! Written as HTML comments, in Markdown and HTML alike (plain text has no
//! comments). `RULES` is zero or more rule ids or families (`promo`,
//! `claim.vague-source`, `house.NAME`), separated by spaces or commas; none
//! means every rule. Anything after a ` -- ` is a reason, for the reader.
//!
//! - `<!-- copydesk-disable-line RULES -->`: findings that start on the
//!   comment's (first) line;
//! - `<!-- copydesk-disable-next-line RULES -->`: findings that start on the
//!   line after the comment's last line;
//! - `<!-- copydesk-disable RULES -->` … `<!-- copydesk-enable RULES -->`:
//!   findings that start between them (to the end if never enabled);
//! - `<!-- copydesk-disable-file RULES -->`: the whole file.
//!
//! Comments inside code (a sample of this syntax in a code block) are not
//! collected by the markup stage, so they suppress nothing.

use crate::finding::{family_of, Finding};
use crate::span::Span;

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    NextLine,
    Disable,
    Enable,
    File,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// Rule ids or families; empty for every rule.
    pub rules: Vec<String>,
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
}

impl Directive {
    /// Whether the directive names this rule (or names no rule at all).
    pub fn covers(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| names(r, rule))
    }
}

/// `selector` is the rule id or its family.
fn names(selector: &str, rule: &str) -> bool {
    selector == rule || selector == family_of(rule)
}

/// The suppression directives among a document's comments, in order.
pub fn directives(source: &str, comments: &[Span]) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|c| parse(source, c.start))
        .collect()
}

/// The directive in the comment that starts at `at`, if it is one.
fn parse(source: &str, at: usize) -> Option<Directive> {
    let rest = source.get(at..)?;
    let body_start = rest.find("<!--")? + 4;
    // An HTML block's comment may reach over several markup events; read to
    // its real end in the source.
    let body_len = rest[body_start..].find("-->")?;
    let body = rest[body_start..body_start + body_len].trim();
    let end = at + body_start + body_len + 3;
    let (word, args) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    let kind = match word {
        "copydesk-disable-line" => Kind::Line,
        "copydesk-disable-next-line" => Kind::NextLine,
        "copydesk-disable" => Kind::Disable,
        "copydesk-enable" => Kind::Enable,
        "copydesk-disable-file" => Kind::File,
        _ => return None,
    };
    let args = match args
        .find(" -- ")
        .or_else(|| args.starts_with("-- ").then_some(0))
    {
        Some(i) => &args[..i],
        None => args.trim_end_matches("--"),
    };
    let rules = args
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    Some(Directive {
        kind,
        rules,
        span: Span::new(at, end),
    })
}

/// Drop the findings the draft's suppression comments cover.
pub fn apply(source: &str, comments: &[Span], findings: Vec<Finding>) -> Vec<Finding> {
    let directives = directives(source, comments);
    if directives.is_empty() {
        return findings;
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |at: usize| line_starts.partition_point(|&s| s <= at).saturating_sub(1);
    findings
        .into_iter()
        .filter(|f| !suppressed(f, &directives, &line_of))
        .collect()
}

fn suppressed(f: &Finding, directives: &[Directive], line_of: &dyn Fn(usize) -> usize) -> bool {
    let line = line_of(f.span.start);
    // Replayed in order, for this finding's rule alone: each `disable` or
    // `enable` that names it (by id, by family, or by naming nothing) sets
    // its state, so `disable promo` … `enable promo.code` turns only that
    // one rule back on, and `disable` … `enable promo` all but promo.
    let mut disabled = false;
    for d in directives {
        let covers = d.covers(&f.rule);
        match d.kind {
            Kind::File if covers => return true,
            Kind::Line if covers && line_of(d.span.start) == line => return true,
            Kind::NextLine if covers && line_of(d.span.end.saturating_sub(1)) + 1 == line => {
                return true
            }
            Kind::Disable | Kind::Enable if covers && d.span.start < f.span.start => {
                disabled = d.kind == Kind::Disable;
            }
            _ => {}
        }
    }
    disabled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kinds_rules_and_reasons() {
        let src = "a <!-- copydesk-disable-line promo, claim.vague-source -- brand name -->\n\
                   <!--copydesk-disable-->\n<!-- copydesk-disabled -->\n<!-- a note -->";
        let comments: Vec<Span> = src
            .match_indices("<!--")
            .map(|(i, _)| Span::new(i, i + 4))
            .collect();
        let ds = directives(src, &comments);
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert_eq!(ds[0].kind, Kind::Line);
        assert_eq!(ds[0].rules, vec!["promo", "claim.vague-source"]);
        assert!(ds[0].span.slice(src).ends_with("brand name -->"));
        assert_eq!(ds[1].kind, Kind::Disable);
        assert!(ds[1].rules.is_empty());
        assert!(ds[0].covers("promo.code") && !ds[0].covers("claim.unattributed"));
    }
}
