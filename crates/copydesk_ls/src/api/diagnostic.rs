//! `textDocument/diagnostic`: a pull client's diagnostics, from the
//! document's worker (incremental, and shared with hover and code actions).

use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
};
use tracing::warn;

use crate::convert;
use crate::server::{config_diagnostics, is_config_uri, Backend};

pub async fn diagnostic(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let (encoding, docs_url) = {
        let session = backend.session();
        if session.documents.get(&uri).is_none() {
            warn!(
                uri = uri.as_str(),
                "textDocument/diagnostic for a document that is not open"
            );
            return Ok(full_report(Vec::new()));
        }
        (session.encoding, Arc::clone(&session.docs_url))
    };
    // Closed meanwhile, or the engine panicked (logged): ask again.
    let checked = backend
        .current_findings(&uri)
        .await
        .ok_or_else(Error::content_modified)?;
    let config = is_config_uri(&uri);
    let items = backend
        .pool
        .run(move || {
            let snapshot = &checked.snapshot;
            if config {
                return config_diagnostics(&snapshot.text, &snapshot.line_index, encoding);
            }
            convert::diagnostics(
                &snapshot.text,
                &snapshot.line_index,
                &checked.findings,
                encoding,
                &docs_url,
            )
        })
        .await
        .ok_or_else(Error::internal_error)?;
    Ok(full_report(items))
}

fn full_report(items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        },
    ))
}
