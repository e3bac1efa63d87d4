//! Promo's own quick fixes: builders that need promo's link parser. They
//! live here, not in `rules/fix.rs`, so that the fix module, which every
//! rule's declaration names, imports no family (`rule` → `fix` → `promo` →
//! `rule` was an import cycle).

use crate::finding::Finding;
use crate::markup::Format;
use crate::rules::fix::{Edit, Fix, Site};
use crate::span::Span;

/// `promo.affiliate-link`: the clean destination in place of the link's.
pub fn clean_link(site: &Site<'_>, finding: &Finding) -> Option<Fix> {
    let span = finding.span;
    let text = site.text;
    let link = site
        .analysis
        .doc
        .links
        .iter()
        .find(|l| l.span == span || l.span.contains(span.start));
    let (dest_span, dest) = match link {
        Some(link) => {
            let autolink = text[link.span.start..].starts_with('<')
                && site.format == Format::Markdown
                && link.text.slice(text) == link.dest;
            if autolink {
                (link.text, link.dest.as_str())
            } else {
                // An HTML href sits in the opening tag, before the text;
                // a Markdown destination after it.
                let region = if site.format == Format::Html {
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
    let clean = super::clean_url(dest)?;
    let new_text = match site.format {
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
