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

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use copydesk::line_index::Encoding;
use copydesk::{Config, Finding, Format};
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, Diagnostic, DiagnosticOptions, DiagnosticServerCapabilities,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, DocumentSymbolParams,
    DocumentSymbolResponse, FullDocumentDiagnosticReport, Hover, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, InitializedParams, MessageType,
    OneOf, RelatedFullDocumentDiagnosticReport, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use tower_lsp::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use super::convert;
use super::document::{DocumentStore, Revision, Snapshot};
use super::features::{self, View};

/// Everything the handlers share. Held only for short, synchronous steps.
#[derive(Debug)]
struct Session {
    documents: DocumentStore,
    /// Negotiated in `initialize`; UTF-16 until then, as the spec says.
    encoding: Encoding,
    /// The rules' levels. `workspace/didChangeConfiguration` will replace it;
    /// checks hold the `Arc` they started with.
    config: Arc<Config>,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so they
    /// are computed on request and never pushed.
    pull: bool,
    /// The client can be asked to pull again (`workspace/diagnostic/refresh`).
    refresh: bool,
    /// The client shows nested document symbols.
    hierarchical_symbols: bool,
    /// Where `docs/rules.md` lives, for `codeDescription` and hover links.
    docs_url: Arc<str>,
    /// The findings of each document's last checked revision, so hover and
    /// code actions on an unchanged draft need not check it again.
    findings: HashMap<Url, (Revision, Arc<Vec<Finding>>)>,
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
                pull: false,
                refresh: false,
                hierarchical_symbols: false,
                docs_url: Arc::from(convert::DOCS_URL),
                findings: HashMap::new(),
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
        if self.session().pull {
            // The client asks when it wants them (`textDocument/diagnostic`).
            return;
        }
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
        let (snapshot, encoding, config, docs_url) = {
            let session = self.session();
            let Some(snapshot) = session.documents.snapshot_if_current(uri, revision) else {
                debug!(%uri, revision, "check skipped: superseded before it started");
                return None;
            };
            (
                snapshot,
                session.encoding,
                Arc::clone(&session.config),
                Arc::clone(&session.docs_url),
            )
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
        let diagnostics = findings
            .iter()
            .map(|f| convert::diagnostic(&text, &line_index, f, encoding, &docs_url))
            .collect();
        {
            let mut session = self.session();
            if session.documents.current_version(uri, revision).is_some() {
                session
                    .findings
                    .insert(uri.clone(), (revision, Arc::new(findings)));
            }
        }
        Some(diagnostics)
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
        let keep = {
            let session = self.session();
            session.pull || session.documents.get(&uri).is_some()
        };
        if keep {
            return;
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }
}

impl Backend {
    /// Run a feature over the current state of `uri` on the blocking pool,
    /// guarded against panics. `None` when the document is not open or the
    /// feature panicked (logged).
    async fn with_view<T: Send + 'static>(
        &self,
        uri: &Url,
        what: &'static str,
        f: impl FnOnce(&View<'_>) -> T + Send + 'static,
    ) -> Option<T> {
        let (snapshot, encoding, config, docs_url, findings) = {
            let session = self.session();
            let Some(doc) = session.documents.get(uri) else {
                warn!(%uri, "{what} for a document that is not open");
                return None;
            };
            let findings = session
                .findings
                .get(uri)
                .filter(|(revision, _)| *revision == doc.revision())
                .map(|(_, f)| Arc::clone(f));
            (
                doc.snapshot(),
                session.encoding,
                Arc::clone(&session.config),
                Arc::clone(&session.docs_url),
                findings,
            )
        };
        let job = tokio::task::spawn_blocking(move || {
            catch_unwind(AssertUnwindSafe(|| {
                f(&View {
                    text: &snapshot.text,
                    index: &snapshot.line_index,
                    format: snapshot.format,
                    encoding,
                    config: &config,
                    docs_url: &docs_url,
                    checked: findings.as_deref().map(Vec::as_slice),
                })
            }))
            .ok()
        });
        match job.await {
            Ok(Some(value)) => Some(value),
            Ok(None) => {
                error!(%uri, "{what} panicked");
                None
            }
            Err(e) => {
                error!(%uri, "{what} task failed: {e}");
                None
            }
        }
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
        let text_caps = params.capabilities.text_document.as_ref();
        let pull = text_caps.is_some_and(|t| t.diagnostic.is_some());
        let refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostic.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let hierarchical = text_caps
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false);
        {
            let mut session = self.session();
            session.encoding = encoding;
            session.pull = pull;
            session.refresh = refresh;
            session.hierarchical_symbols = hierarchical;
        }
        if let Some(options) = &params.initialization_options {
            debug!(%options, "initialization options received");
            let docs_url = options
                .get("docsUrl")
                .or_else(|| options.get("copydesk").and_then(|c| c.get("docsUrl")))
                .and_then(|v| v.as_str());
            if let Some(url) = docs_url {
                match Url::parse(url) {
                    Ok(_) => self.session().docs_url = Arc::from(url.trim_end_matches('#')),
                    Err(e) => {
                        warn!("docsUrl {url:?} is not a URL: {e}");
                        self.client
                            .show_message(
                                MessageType::WARNING,
                                format!("copydesk: docsUrl {url:?} is not a URL ({e}); using the default"),
                            )
                            .await;
                    }
                }
            }
            self.apply_settings(options).await;
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
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
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
        let closed = {
            let mut session = self.session();
            session.findings.remove(&uri);
            session.documents.close(&uri)
        };
        if !closed {
            warn!(%uri, "didClose for a document that is not open");
        }
        self.publish_cleared(uri).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        debug!(settings = %params.settings, "configuration received");
        if self.apply_settings(&params.settings).await {
            // Applied under the lock before any await, then re-check.
            let (touched, pull, refresh) = {
                let mut session = self.session();
                (session.documents.touch_all(), session.pull, session.refresh)
            };
            for (uri, revision) in touched {
                self.schedule_check(uri, revision);
            }
            if pull && refresh {
                if let Err(e) = self.client.workspace_diagnostic_refresh().await {
                    warn!("workspace/diagnostic/refresh failed: {e}");
                }
            }
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        // Edits that arrive meanwhile make the result stale; try the newest
        // text a few times, then let the client ask again.
        for _ in 0..3 {
            let revision = self.session().documents.get(&uri).map(|d| d.revision());
            let Some(revision) = revision else {
                warn!(%uri, "textDocument/diagnostic for a document that is not open");
                return Ok(full_report(Vec::new()));
            };
            let this = self.clone();
            let job_uri = uri.clone();
            let job = tokio::task::spawn_blocking(move || this.diagnose(&job_uri, revision));
            if let Ok(Some(items)) = job.await {
                return Ok(full_report(items));
            }
        }
        Err(Error::content_modified())
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let pos = at.position;
        Ok(self
            .with_view(&at.text_document.uri, "hover", move |v| {
                features::hover(v, pos)
            })
            .await
            .flatten())
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let wants_quickfix = params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        });
        if !wants_quickfix {
            return Ok(None);
        }
        let uri = params.text_document.uri;
        let range = params.range;
        let job_uri = uri.clone();
        let actions = self
            .with_view(&uri, "codeAction", move |v| {
                features::code_actions(v, &job_uri, range)
            })
            .await;
        Ok(actions.filter(|a| !a.is_empty()))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let hierarchical = self.session().hierarchical_symbols;
        let job_uri = uri.clone();
        Ok(self
            .with_view(&uri, "documentSymbol", move |v| {
                features::document_symbols(v, &job_uri, hierarchical)
            })
            .await)
    }
}

fn full_report(items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        },
    ))
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
