//! The language server proper: LSP requests and notifications in, diagnostics out.
//!
//! tower-lsp runs handlers concurrently (its issue #284), but it starts them in
//! the order messages arrive. So every handler that changes the document store
//! does so synchronously, under a `std::sync::Mutex`, before its first
//! `.await`: edits can never be reordered or lost, however fast the typing.
//!
//! Checks run off the message loop on the check threads, over a snapshot of
//! the text, by one worker per document with an incremental checker (only
//! the paragraphs an edit touched are checked again). Edits coalesce: a
//! worker always checks the latest revision, and a check of a revision that
//! has been superseded stops between units, so a long draft under fast
//! typing does not queue up work and never holds up other documents or
//! `shutdown`. A check's result is published only if the document is still
//! at the revision that was checked, and that test and the send happen
//! together under one publish lock, so the last diagnostics the client
//! receives are always those of the last text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use copydesk::incremental::Checker;
use copydesk::line_index::Encoding;
use copydesk::{Config, Format};
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
use super::document::{Checks, DocumentStore, Revision, Snapshot};
use super::pool::CheckPool;

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
    /// Where checks run.
    pool: CheckPool,
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>, pool: CheckPool) -> Self {
        Backend {
            client,
            session: Arc::new(Mutex::new(Session {
                documents: DocumentStore::default(),
                encoding: Encoding::Utf16,
                config: Arc::new(Config::default()),
            })),
            publish: Arc::new(tokio::sync::Mutex::new(())),
            shut_down,
            pool,
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

    /// Have `uri` checked in the background until its latest revision is
    /// checked and published. One worker per document: if one is running it
    /// will see the newer revision when its current check stops (a check of
    /// an obsolete revision stops between units), so edits coalesce.
    fn schedule_check(&self, uri: Url) {
        let Some(checks) = self.session().documents.start_worker(&uri) else {
            return;
        };
        let this = self.clone();
        tokio::spawn(async move { this.work(uri, checks).await });
    }

    /// The worker: check the latest revision on a check thread, publish
    /// it if still current, and go again while newer revisions have come in.
    async fn work(self, uri: Url, checks: Arc<Checks>) {
        loop {
            let job = {
                let this = self.clone();
                let uri = uri.clone();
                let checks = Arc::clone(&checks);
                self.pool.run(move || this.diagnose(&uri, &checks))
            };
            let revision = match job.await {
                Some(Some((revision, Some(diagnostics)))) => {
                    self.publish_if_current(uri.clone(), revision, diagnostics)
                        .await;
                    revision
                }
                Some(Some((revision, None))) => revision,
                Some(None) => return,
                None => {
                    error!(%uri, "check task failed");
                    self.session().documents.stop_worker(&uri, &checks);
                    return;
                }
            };
            if !self
                .session()
                .documents
                .worker_continues(&uri, &checks, revision)
            {
                return;
            }
        }
    }

    /// Check the document's latest revision: that revision and its
    /// diagnostics, or `None` for the diagnostics when the check was
    /// cancelled by a newer revision or the engine panicked; `None` when the
    /// document is closed. Runs on a check thread.
    fn diagnose(&self, uri: &Url, checks: &Checks) -> Option<(Revision, Option<Vec<Diagnostic>>)> {
        let (revision, snapshot, encoding, config) = {
            let session = self.session();
            let checks_arc = session.documents.get(uri).map(|d| Arc::clone(d.checks()));
            let (revision, snapshot) = session.documents.latest(uri, checks_arc.as_ref()?)?;
            (
                revision,
                snapshot,
                session.encoding,
                Arc::clone(&session.config),
            )
        };
        let Snapshot {
            text,
            line_index,
            version,
        } = snapshot;
        let mut checker = lock(&checks.checker);
        let outcome =
            guarded_check(|| checker.check_unless(&text, &config, &|| checks.obsolete(revision)));
        let findings = match outcome {
            Some(Some(findings)) => findings,
            Some(None) => {
                debug!(%uri, revision, "check cancelled: superseded");
                return Some((revision, None));
            }
            None => {
                error!(%uri, version, "the engine panicked; keeping the previous diagnostics");
                // What the checker cached mid-check cannot be trusted.
                *checker = Checker::new(checker.format());
                return Some((revision, None));
            }
        };
        drop(checker);
        let diagnostics = findings
            .iter()
            .map(|f| convert::diagnostic(&text, &line_index, f, encoding))
            .collect();
        Some((revision, Some(diagnostics)))
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
fn guarded_check<T>(check: impl FnOnce() -> T) -> Option<T> {
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
        self.pool.warm_up();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let format = Format::from_language_id(&doc.language_id);
        self.session()
            .documents
            .open(doc.uri.clone(), doc.text, doc.version, format);
        self.schedule_check(doc.uri);
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
            Some(_) => self.schedule_check(uri),
            None => warn!(%uri, version, "didChange for a document that is not open; ignored"),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        let open = self.session().documents.get(&uri).is_some();
        match open {
            true => self.schedule_check(uri),
            false => warn!(%uri, "didSave for a document that is not open; ignored"),
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
            for (uri, _) in touched {
                self.schedule_check(uri);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_engine_yields_nothing_instead_of_unwinding() {
        assert_eq!(
            guarded_check(|| -> Vec<u8> { panic!("rule blew up") }),
            None
        );
        assert_eq!(guarded_check(Vec::<u8>::new), Some(Vec::new()));
    }
}
