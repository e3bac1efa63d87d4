//! Hover, quick fixes and the outline: the engine's explanations, fixes and
//! source ledger turned into LSP values at the edge.
//!
//! Pure functions of a document snapshot; the backend runs them off the
//! message loop and guards them against panics. Byte spans become ranges in
//! the negotiated encoding here and nowhere else.

use std::collections::HashMap;

use copydesk::fixes::Fixer;
use copydesk::line_index::{Encoding, LineIndex};
use copydesk::sources::{self, SpeakerKind};
use copydesk::{rules, Config, Finding, Format};
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentSymbol, DocumentSymbolResponse, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, Position, SymbolInformation, SymbolKind,
    TextEdit, Url, WorkspaceEdit,
};

use super::convert;

/// What the features read from one document.
pub struct View<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub format: Format,
    pub encoding: Encoding,
    pub config: &'a Config,
    /// Where `docs/rules.md` is published (anchors are appended).
    pub docs_url: &'a str,
    /// The findings of this very text, if a check already has them.
    pub checked: Option<&'a [Finding]>,
}

impl View<'_> {
    fn findings(&self) -> std::borrow::Cow<'_, [Finding]> {
        match self.checked {
            Some(f) => std::borrow::Cow::Borrowed(f),
            None => std::borrow::Cow::Owned(copydesk::check(self.text, self.format, self.config)),
        }
    }

    fn range(&self, span: copydesk::Span) -> tower_lsp::lsp_types::Range {
        convert::range(self.text, self.index, span, self.encoding)
    }
}

/// The hover over `pos`: every finding under it, with what the rule found,
/// why it matters to a reader and how to fix it.
pub fn hover(view: &View<'_>, pos: Position) -> Option<Hover> {
    let at = convert::offset(view.text, view.index, pos, view.encoding);
    let findings = view.findings();
    let under: Vec<&Finding> = findings
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
pub fn code_actions(
    view: &View<'_>,
    uri: &Url,
    range: tower_lsp::lsp_types::Range,
) -> Vec<CodeActionOrCommand> {
    let Some(wanted) = convert::span(view.text, view.index, range, view.encoding) else {
        return Vec::new();
    };
    let findings = view.findings();
    let touching: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.span.start <= wanted.end && wanted.start <= f.span.end)
        .collect();
    if touching.is_empty() {
        return Vec::new();
    }
    let fixer = Fixer::with_config(view.text, view.format, view.config);
    // Two findings of one rule on one line offer each suppression once.
    let mut seen: Vec<(String, Vec<copydesk::fixes::Edit>)> = Vec::new();
    let mut out = Vec::new();
    for f in touching {
        let diagnostic =
            convert::diagnostic(view.text, view.index, f, view.encoding, view.docs_url);
        for fix in fixer.fixes(f) {
            let key = (fix.title.clone(), fix.edits.clone());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: view.range(e.span),
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
pub fn document_symbols(view: &View<'_>, uri: &Url, hierarchical: bool) -> DocumentSymbolResponse {
    let ledger = sources::ledger_with(view.text, view.format, view.config);
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
                let range = view.range(q.span);
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
        let range = tower_lsp::lsp_types::Range::new(first.range.start, last.range.end);
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
