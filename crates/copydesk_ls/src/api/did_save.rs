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
    // A new revision, not only a check: a worker still running on the
    // current one would otherwise stop without checking again.
    let touched = backend.session().documents.touch(&uri).is_some();
    if touched {
        backend.edited(uri);
    } else {
        warn!(
            uri = uri.as_str(),
            "didSave for a document that is not open; ignored"
        );
    }
}
