//! `initialized`: ask for settings, and have the client watch
//! `copydesk.toml`. (The word lists are compiled ahead of the first check
//! from the moment the server starts: `crate::run`.)

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializedParams,
    Registration,
};
use tracing::{debug, warn};

use crate::config_file;
use crate::server::{Backend, CLIENT_TIMEOUT};

pub async fn initialized(backend: &Backend, _: InitializedParams) {
    debug!("client confirmed initialization");
    backend.pull_settings().await;
    if !backend.session().watch_dynamic {
        return;
    }
    // Edits made outside the editor (git pull, another program) reach us
    // through the client's file watcher.
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{}", config_file::FILE_NAME)),
            kind: None,
        }],
    };
    let registration = Registration {
        id: "copydesk-config-watcher".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    let asked = backend.client.register_capability(vec![registration]);
    match tokio::time::timeout(CLIENT_TIMEOUT, asked).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => warn!("the client refused to watch copydesk.toml: {e}"),
        Err(_) => warn!("client/registerCapability unanswered after {CLIENT_TIMEOUT:?}"),
    }
}
