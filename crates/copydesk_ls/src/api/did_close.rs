//! `textDocument/didClose`: forget the draft and clear its diagnostics.

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;
use tracing::warn;

use crate::server::Backend;

pub async fn did_close(backend: &Backend, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    // Before the first await: the store changes in arrival order.
    let closed = backend.session().documents.close(&uri);
    if !closed {
        warn!(
            uri = uri.as_str(),
            "didClose for a document that is not open"
        );
    }
    backend.publish_cleared(uri).await;
}
