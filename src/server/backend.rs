//! The language server proper: LSP requests and notifications in, diagnostics out.
//!
//! tower-lsp runs handlers concurrently (its issue #284), but it starts them in
//! the order messages arrive. So every handler that changes the document store
//! does so synchronously, under a `std::sync::Mutex`, before its first
//! `.await`: edits can never be reordered or lost, however fast the typing.
//!
//! Checks run off the message loop on the blocking pool, over a snapshot of
//! the text. A check's result is published only if the document is still at
//! the revision that was checked, and that test and the send happen together
//! under one publish lock, so the last diagnostics the client receives are
//! always those of the last text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use copydesk::line_index::Encoding;
use copydesk::{Config, Finding, Format};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{
    Diagnostic, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    InitializeParams, InitializeResult, InitializedParams, MessageType, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use tower_lsp::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use super::convert;
use super::document::{DocumentStore, Revision, Snapshot};

/// Everything the handlers share. Held only for short, synchronous steps.
#[derive(Debug)]
struct Session {
    documents: DocumentStore,
    /// Negotiated in `initialize`; UTF-16 until then, as the spec says.
    encoding: Encoding,
    /// The rules' levels. `workspace/didChangeConfiguration` will replace it;
    /// checks hold the `Arc` they started with.
    config: Arc<Config>,
}

#[derive(Debug, Clone)]
pub struct Backend {
    client: Client,
    session: Arc<Mutex<Session>>,
    /// Serializes "is this still current? then send" for every publish.
    publish: Arc<tokio::sync::Mutex<()>>,
    /// Set by `shutdown`; decides the exit code.
    shut_down: Arc<AtomicBool>,
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>) -> Self {
        Backend {
            client,
            session: Arc::new(Mutex::new(Session {
                documents: DocumentStore::default(),
                encoding: Encoding::Utf16,
                config: Arc::new(Config::default()),
            })),
            publish: Arc::new(tokio::sync::Mutex::new(())),
            shut_down,
        }
    }

    /// Replace the configuration from editor settings; report skipped
    /// entries to the user. Returns whether the configuration changed.
    async fn apply_settings(&self, settings: &serde_json::Value) -> bool {
        let Some((config, problems)) = super::settings::config_from(settings) else {
            return false;
        };
        let changed = {
            let mut session = self.session();
            let changed = *session.config != config;
            session.config = Arc::new(config);
            changed
        };
        for problem in problems {
            warn!("{problem}");
            self.client
                .show_message(MessageType::WARNING, format!("copydesk: {problem}"))
                .await;
        }
        changed
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    /// Check `uri` at `revision` in the background and publish the result if
    /// nothing newer has arrived by then.
    fn schedule_check(&self, uri: Url, revision: Revision) {
        let this = self.clone();
        tokio::spawn(async move {
            let job = {
                let this = this.clone();
                let uri = uri.clone();
                tokio::task::spawn_blocking(move || this.diagnose(&uri, revision))
            };
            let diagnostics = match job.await {
                Ok(Some(diagnostics)) => diagnostics,
                Ok(None) => return,
                Err(e) => {
                    error!(%uri, "check task failed: {e}");
                    return;
                }
            };
            this.publish_if_current(uri, revision, diagnostics).await;
        });
    }

    /// The diagnostics of `uri` at `revision`, or `None` when that revision
    /// is already stale or the engine panicked. Runs on the blocking pool.
    fn diagnose(&self, uri: &Url, revision: Revision) -> Option<Vec<Diagnostic>> {
        let (snapshot, encoding, config) = {
            let session = self.session();
            let Some(snapshot) = session.documents.snapshot_if_current(uri, revision) else {
                debug!(%uri, revision, "check skipped: superseded before it started");
                return None;
            };
            (snapshot, session.encoding, Arc::clone(&session.config))
        };
        let Snapshot {
            text,
            line_index,
            version,
            format,
        } = snapshot;
        let findings = guarded_check(|| copydesk::check(&text, format, &config)).or_else(|| {
            error!(%uri, version, "the engine panicked; keeping the previous diagnostics");
            None
        })?;
        Some(convert::diagnostics(
            &text,
            &line_index,
            &findings,
            encoding,
        ))
    }

    async fn publish_if_current(&self, uri: Url, revision: Revision, diagnostics: Vec<Diagnostic>) {
        let _turn = self.publish.lock().await;
        let current = self.session().documents.current_version(&uri, revision);
        let Some(version) = current else {
            debug!(%uri, revision, "check result dropped: superseded");
            return;
        };
        self.client
            .publish_diagnostics(uri, diagnostics, Some(version))
            .await;
    }

    /// Clear a closed document's diagnostics, unless it has been reopened
    /// meanwhile (its fresh check will publish instead).
    async fn publish_cleared(&self, uri: Url) {
        let _turn = self.publish.lock().await;
        if self.session().documents.get(&uri).is_some() {
            return;
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }
}

/// Lock the session even if a panic poisoned the mutex: every step under it
/// leaves the store consistent, so the data is still good.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Run the engine, turning a panic into `None` so one bad rule cannot take
/// the server down. (The panic message itself goes to stderr via the hook.)
fn guarded_check(check: impl FnOnce() -> Vec<Finding>) -> Option<Vec<Finding>> {
    catch_unwind(AssertUnwindSafe(check)).ok()
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = convert::negotiate_encoding(&params.capabilities);
        self.session().encoding = encoding;
        if let Some(options) = &params.initialization_options {
            debug!(%options, "initialization options received");
            self.apply_settings(options).await;
        }
        info!(?encoding, "initialized");
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
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        debug!("client confirmed initialization");
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let format = Format::from_language_id(&doc.language_id);
        let revision =
            self.session()
                .documents
                .open(doc.uri.clone(), doc.text, doc.version, format);
        self.schedule_check(doc.uri, revision);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let revision = {
            let mut session = self.session();
            let encoding = session.encoding;
            session
                .documents
                .change(&uri, version, params.content_changes, encoding)
        };
        match revision {
            Some(revision) => self.schedule_check(uri, revision),
            None => warn!(%uri, version, "didChange for a document that is not open; ignored"),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        let revision = self.session().documents.get(&uri).map(|d| d.revision());
        match revision {
            Some(revision) => self.schedule_check(uri, revision),
            None => warn!(%uri, "didSave for a document that is not open; ignored"),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if !self.session().documents.close(&uri) {
            warn!(%uri, "didClose for a document that is not open");
        }
        self.publish_cleared(uri).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        debug!(settings = %params.settings, "configuration received");
        if self.apply_settings(&params.settings).await {
            // Applied under the lock before any await, then re-check.
            let touched = self.session().documents.touch_all();
            for (uri, revision) in touched {
                self.schedule_check(uri, revision);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_engine_yields_nothing_instead_of_unwinding() {
        assert_eq!(guarded_check(|| panic!("rule blew up")), None);
        assert_eq!(guarded_check(Vec::new), Some(Vec::new()));
    }
}
