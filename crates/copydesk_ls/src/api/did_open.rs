//! `textDocument/didOpen`: a draft joins the store and is checked.

use copydesk::Format;
use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use crate::server::Backend;

/// Synchronous: the store changes in arrival order (see `server`).
pub fn did_open(backend: &Backend, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let format = Format::from_language_id(&doc.language_id);
    backend
        .session()
        .documents
        .open(doc.uri.clone(), doc.text, doc.version, format);
    backend.edited(doc.uri);
}
