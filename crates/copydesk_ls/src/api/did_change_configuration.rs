//! `workspace/didChangeConfiguration`: the editor's rule levels, sent or
//! to be asked for.

use tower_lsp_server::ls_types::DidChangeConfigurationParams;
use tracing::debug;

use crate::server::Backend;

pub async fn did_change_configuration(backend: &Backend, params: DidChangeConfigurationParams) {
    debug!(settings = %params.settings, "configuration received");
    if crate::settings::config_from(&params.settings).is_none() {
        // The pull model: a bare "something changed" (settings null or
        // without our section) means "ask me". The answer may never come:
        // that holds this task only (see `Backend::pull_settings`).
        backend.pull_settings().await;
    } else if backend.apply_settings(&params.settings).await {
        // Applied under the lock before any await, then re-check (a
        // pull client is asked to pull again).
        backend.recheck_all();
    }
}
