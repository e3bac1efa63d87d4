//! `textDocument/documentSymbol`: the outline of speakers and quotations.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentSymbolParams, DocumentSymbolResponse};

use crate::features;
use crate::server::Backend;

pub async fn document_symbol(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let uri = params.text_document.uri;
    let hierarchical = backend.session().hierarchical_symbols;
    let job_uri = uri.clone();
    Ok(backend
        .with_view(&uri, "documentSymbol", move |v| {
            features::document_symbols(v, &job_uri, hierarchical)
        })
        .await)
}
