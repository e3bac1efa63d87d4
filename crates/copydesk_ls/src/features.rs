//! Hover, quick fixes and the outline: the engine's explanations, fixes and
//! source ledger turned into LSP values at the edge.
//!
//! Pure functions of a document snapshot; the backend runs them off the
//! message loop and guards them against panics. Byte spans become ranges in
//! the negotiated encoding here and nowhere else.

use std::collections::{HashMap, HashSet};

use copydesk::fixes::Fixer;
use copydesk::line_index::{Encoding, LineIndex};
use copydesk::sources::{self, SpeakerKind};
use copydesk::{rules, Config, Finding, Format, Span};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentSymbol, DocumentSymbolResponse, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, Position, Range, SymbolInformation,
    SymbolKind, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;

/// What the features read from one document.
pub struct View<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    /// The length of a leading byte-order mark, which the engine does not
    /// see (findings and fixes are moved past it).
    pub bom: usize,
    pub format: Format,
    pub encoding: Encoding,
    pub config: &'a Config,
    /// Where `docs/rules.md` is published (anchors are appended).
    pub docs_url: &'a str,
    /// The findings of this very text.
    pub checked: &'a [Finding],
}

impl View<'_> {
    fn range(&self, span: Span) -> Range {
        convert::range(self.text, self.index, span, self.encoding)
    }

    /// The text the engine reads: after the byte-order mark.
    fn body(&self) -> &str {
        &self.text[self.bom..]
    }

    /// A span of the body as a span of the text.
    fn shifted(&self, span: Span) -> Span {
        Span::new(span.start + self.bom, span.end + self.bom)
    }
}

/// The hover over `pos`: every finding under it, with what the rule found,
/// why it matters to a reader and how to fix it.
pub fn hover(view: &View<'_>, pos: Position) -> Option<Hover> {
    let at = convert::offset(view.text, view.index, pos, view.encoding);
    let under: Vec<&Finding> = view
        .checked
        .iter()
        .filter(|f| f.span.start <= at && at <= f.span.end)
        .collect();
    let first = *under.first()?;
    let sections: Vec<String> = under.iter().map(|f| explain(f, view.docs_url)).collect();
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: Some(view.range(first.span)),
    })
}

/// One finding explained in Markdown.
pub fn explain(f: &Finding, docs_url: &str) -> String {
    let mut out = format!("**{}** · {}\n\n{}", f.rule, f.severity, f.message);
    if let Some(info) = rules::info(&f.rule) {
        out.push_str(&format!(
            "\n\n**Why it matters.** {}\n\n**How to fix it.** {}\n\n[More about `{}`]({}#{})",
            info.why,
            info.fix,
            info.id,
            docs_url,
            info.anchor()
        ));
    }
    out
}

/// Quick fixes for the findings that touch `range`: each finding's content
/// fix (preferred) and its suppressions, with the diagnostic attached. The
/// "disable in this file" action is offered once per rule.
pub fn code_actions(view: &View<'_>, uri: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
    let Some(wanted) = convert::span(view.text, view.index, range, view.encoding) else {
        return Vec::new();
    };
    // In order of start, as the check gave them.
    let touching: Vec<Finding> = view
        .checked
        .iter()
        .filter(|f| f.span.start <= wanted.end && wanted.start <= f.span.end)
        .cloned()
        .collect();
    if touching.is_empty() {
        return Vec::new();
    }
    // Converted together: cursors move forward through a long line once.
    let diagnostics = convert::diagnostics(
        view.text,
        view.index,
        &touching,
        view.encoding,
        view.docs_url,
    );
    let fixer = Fixer::with_config(view.body(), view.format, view.config);
    // Two findings of one rule on one line offer each suppression once; a
    // set, since a range over a dense draft touches tens of thousands.
    let mut seen: HashSet<(String, Vec<(Span, String)>)> = HashSet::new();
    let mut out = Vec::new();
    for (f, diagnostic) in touching.iter().zip(diagnostics) {
        let mut in_body = f.clone();
        in_body.span = Span::new(
            f.span.start.saturating_sub(view.bom),
            f.span.end.saturating_sub(view.bom),
        );
        for fix in fixer.fixes(&in_body) {
            let key = (
                fix.title.clone(),
                fix.edits
                    .iter()
                    .map(|e| (e.span, e.new_text.clone()))
                    .collect(),
            );
            if !seen.insert(key) {
                continue;
            }
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: view.range(view.shifted(e.span)),
                    new_text: e.new_text.clone(),
                })
                .collect();
            let mut changes = HashMap::new();
            changes.insert(uri.clone(), edits);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: fix.preferred.then_some(true),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// The outline: a symbol per speaker (anonymous ones marked), its
/// quotations as children with their first words and line.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be given.
pub fn document_symbols(view: &View<'_>, uri: &Uri, hierarchical: bool) -> DocumentSymbolResponse {
    let ledger = sources::ledger_with(view.body(), view.format, view.config);
    let mut nested = Vec::new();
    let mut flat = Vec::new();
    for s in &ledger {
        let name = match s.kind {
            SpeakerKind::Anonymous => format!("{} (anonymous)", s.name),
            _ => s.name.clone(),
        };
        let n = s.quotes.len();
        let detail = format!(
            "{} · {} quotation{}",
            s.kind.label(),
            n,
            if n == 1 { "" } else { "s" }
        );
        let children: Vec<DocumentSymbol> = s
            .quotes
            .iter()
            .map(|q| {
                let range = view.range(view.shifted(q.span));
                DocumentSymbol {
                    name: format!("“{}” (line {})", q.excerpt, range.start.line + 1),
                    detail: None,
                    kind: SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    range,
                    selection_range: range,
                    children: None,
                }
            })
            .collect();
        let (Some(first), Some(last)) = (
            children.first(),
            children.iter().max_by_key(|c| c.range.end),
        ) else {
            continue;
        };
        let range = Range::new(first.range.start, last.range.end);
        if hierarchical {
            nested.push(DocumentSymbol {
                name,
                detail: Some(detail),
                kind: SymbolKind::OBJECT,
                tags: None,
                deprecated: None,
                range,
                selection_range: first.range,
                children: Some(children),
            });
        } else {
            for c in children {
                flat.push(SymbolInformation {
                    name: c.name,
                    kind: c.kind,
                    tags: None,
                    deprecated: None,
                    location: Location::new(uri.clone(), c.range),
                    container_name: Some(name.clone()),
                });
            }
        }
    }
    if hierarchical {
        DocumentSymbolResponse::Nested(nested)
    } else {
        DocumentSymbolResponse::Flat(flat)
    }
}
