//! `textDocument/didSave`: a saved `copydesk.toml` applies to every draft.

use tower_lsp_server::ls_types::DidSaveTextDocumentParams;
use tracing::warn;

use crate::server::{is_config_uri, Backend};

pub async fn did_save(backend: &Backend, params: DidSaveTextDocumentParams) {
    let uri = params.text_document.uri;
    if is_config_uri(&uri) {
        // Its own diagnostics follow its text; the drafts follow the disk.
        backend.config_files_changed().await;
        return;
    }
    if backend.session().documents.get(&uri).is_some() {
        backend.edited(uri);
    } else {
        warn!(
            uri = uri.as_str(),
            "didSave for a document that is not open; ignored"
        );
    }
}
