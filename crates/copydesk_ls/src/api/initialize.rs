//! `initialize`: negotiate encodings and capabilities, take the editor's
//! settings, and start watching the editor's process.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, DiagnosticOptions,
    DiagnosticServerCapabilities, HoverProviderCapability, InitializeParams, InitializeResult,
    MessageType, OneOf, SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use tracing::{debug, info, warn};

use crate::convert;
use crate::server::Backend;

/// How often the editor's process is looked for.
const PARENT_POLL: Duration = Duration::from_secs(1);

pub async fn initialize(backend: &Backend, params: InitializeParams) -> Result<InitializeResult> {
    let encoding = convert::negotiate_encoding(&params.capabilities);
    let workspace = params.capabilities.workspace.as_ref();
    let watch_dynamic = workspace
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let pull_config = workspace.and_then(|w| w.configuration).unwrap_or(false);
    let text_caps = params.capabilities.text_document.as_ref();
    let pull = text_caps.is_some_and(|t| t.diagnostic.is_some());
    // A client that pulls is a 3.17 client and is asked to pull again
    // after a settings change even if it does not say it can be (one that
    // cannot answers MethodNotFound, which is logged and harmless).
    let refresh = pull
        || workspace
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
    let hierarchical = text_caps
        .and_then(|t| t.document_symbol.as_ref())
        .and_then(|d| d.hierarchical_document_symbol_support)
        .unwrap_or(false);
    {
        let mut session = backend.session();
        session.encoding = encoding;
        session.watch_dynamic = watch_dynamic;
        session.pull_config = pull_config;
        session.pull = pull;
        session.refresh = refresh;
        session.hierarchical_symbols = hierarchical;
    }
    if let Some(pid) = params.process_id {
        watch_parent(backend, pid);
    }
    if let Some(options) = &params.initialization_options {
        debug!(%options, "initialization options received");
        let docs_url = options
            .get("docsUrl")
            .or_else(|| options.get("copydesk").and_then(|c| c.get("docsUrl")))
            .and_then(|v| v.as_str());
        if let Some(url) = docs_url {
            match url.parse::<Uri>() {
                Ok(_) if url.contains(':') => {
                    backend.session().docs_url = Arc::from(url.trim_end_matches('#'));
                }
                parsed => {
                    let why = parsed
                        .err()
                        .map_or("no scheme".to_string(), |e| e.to_string());
                    warn!("docsUrl {url:?} is not a URL: {why}");
                    backend
                        .show(
                            MessageType::WARNING,
                            format!(
                                "copydesk: docsUrl {url:?} is not a URL ({why}); using the default"
                            ),
                        )
                        .await;
                }
            }
        }
        backend.apply_settings(options).await;
    }
    info!(?encoding, pull, "initialized");
    Ok(InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(convert::encoding_kind(encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            diagnostic_provider: pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("copydesk".to_string()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..DiagnosticOptions::default()
                })
            }),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "copydesk".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        ..InitializeResult::default()
    })
}

/// End the session when the editor's process is gone, as the spec asks of
/// `processId`: an editor killed hard never closes our input.
fn watch_parent(backend: &Backend, pid: u32) {
    if !process_exists(pid).unwrap_or(true) {
        warn!(pid, "the editor's process is already gone");
    }
    let gone = Arc::clone(&backend.parent_gone);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(PARENT_POLL).await;
            match process_exists(pid) {
                Some(false) => {
                    warn!(pid, "the editor's process is gone; stopping");
                    gone.notify_one();
                    return;
                }
                Some(true) => {}
                None => {
                    debug!(pid, "cannot watch the editor's process here");
                    return;
                }
            }
        }
    });
}

/// Whether process `pid` runs; `None` where that cannot be told.
fn process_exists(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") {
        return Some(std::path::Path::new(&format!("/proc/{pid}")).exists());
    }
    if cfg!(unix) {
        // `kill -0` tests without signalling; no libc (unsafe is forbidden).
        return std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .ok()
            .map(|s| s.success());
    }
    None
}
