//! `workspace/didChangeWatchedFiles`: a `copydesk.toml` changed on disk.

use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;
use tracing::debug;

use crate::server::{is_config_uri, Backend};

pub async fn did_change_watched_files(backend: &Backend, params: DidChangeWatchedFilesParams) {
    if params.changes.iter().any(|c| is_config_uri(&c.uri)) {
        debug!("copydesk.toml changed on disk");
        backend.config_files_changed().await;
    }
}
