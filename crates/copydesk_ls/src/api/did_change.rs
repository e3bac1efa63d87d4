//! `textDocument/didChange`: incremental edits, applied in arrival order.

use tower_lsp_server::ls_types::DidChangeTextDocumentParams;
use tracing::warn;

use crate::server::Backend;

/// Synchronous: the store changes in arrival order (see `server`).
pub fn did_change(backend: &Backend, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let revision = {
        let mut session = backend.session();
        let encoding = session.encoding;
        session.outdate(&uri);
        session
            .documents
            .change(&uri, version, params.content_changes, encoding)
    };
    match revision {
        Some(_) => backend.edited(uri),
        None => warn!(
            uri = uri.as_str(),
            version, "didChange for a document that is not open; ignored"
        ),
    }
}
