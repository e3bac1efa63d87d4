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
//!
//! Each draft is checked with the `copydesk.toml` found from its path
//! (`configs`), with the editor's rule levels laid over the file's. The file
//! is re-read when it changes on disk; a broken one is shown to the user and
//! the last good configuration stays in force. An open `copydesk.toml` is
//! not prose: its diagnostics are its own configuration errors.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use copydesk::incremental::Checker;
use copydesk::line_index::{Encoding, LineIndex};
use copydesk::{Config, Finding, Format};
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, Diagnostic, DiagnosticOptions, DiagnosticServerCapabilities,
    DiagnosticSeverity, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    DocumentSymbolParams, DocumentSymbolResponse, FileSystemWatcher, FullDocumentDiagnosticReport,
    GlobPattern, Hover, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult,
    InitializedParams, MessageType, OneOf, Registration, RelatedFullDocumentDiagnosticReport,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use tower_lsp::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use super::configs::{ConfigCache, Resolved};
use super::convert;
use super::document::{Checks, DocumentStore, Revision, Snapshot};
use super::features::{self, View};
use super::framing::Outbox;
use super::pool::CheckPool;
use crate::config_file::{self, LoadError};

/// Everything the handlers share. Held only for short, synchronous steps.
#[derive(Debug)]
struct Session {
    documents: DocumentStore,
    /// Negotiated in `initialize`; UTF-16 until then, as the spec says.
    encoding: Encoding,
    /// The editor's rule levels (`workspace/didChangeConfiguration`,
    /// `initializationOptions`), laid over each draft's `copydesk.toml`;
    /// checks hold the `Arc` they started with.
    config: Arc<Config>,
    /// The client can register `workspace/didChangeWatchedFiles` itself.
    watch_dynamic: bool,
    /// The client answers `workspace/configuration`, so settings can be
    /// asked for rather than waited for.
    pull_config: bool,
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

/// What one check produced.
struct Checked {
    diagnostics: Vec<Diagnostic>,
    /// The client's version of the text that was checked.
    version: i32,
    /// A configuration problem to show the user (first sighting only).
    problem: Option<LoadError>,
    /// The draft's `copydesk.toml` changed: every open draft needs a re-check.
    config_changed: bool,
}

#[derive(Debug, Clone)]
pub struct Backend {
    client: Client,
    session: Arc<Mutex<Session>>,
    /// `copydesk.toml` lookups and loaded files; its own lock, because
    /// loading reads the disk.
    configs: Arc<Mutex<ConfigCache>>,
    /// Serializes "is this still current? then send" for every publish.
    publish: Arc<tokio::sync::Mutex<()>>,
    /// Set by `shutdown`; decides the exit code.
    shut_down: Arc<AtomicBool>,
    /// Where checks run.
    pool: CheckPool,
    /// Where diagnostics are published (bypassing tower-lsp's client).
    outbox: Outbox,
}

impl Backend {
    pub fn new(
        client: Client,
        shut_down: Arc<AtomicBool>,
        pool: CheckPool,
        outbox: Outbox,
    ) -> Self {
        Backend {
            client,
            session: Arc::new(Mutex::new(Session {
                documents: DocumentStore::default(),
                encoding: Encoding::Utf16,
                config: Arc::new(Config::default()),
                watch_dynamic: false,
                pull_config: false,
                pull: false,
                refresh: false,
                hierarchical_symbols: false,
                docs_url: Arc::from(convert::DOCS_URL),
                findings: HashMap::new(),
            })),
            configs: Arc::new(Mutex::new(ConfigCache::default())),
            publish: Arc::new(tokio::sync::Mutex::new(())),
            shut_down,
            pool,
            outbox,
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

    /// Ask the client for the `copydesk` settings section
    /// (`workspace/configuration`) when it answers such requests, apply
    /// them, and re-check if they changed anything.
    async fn pull_settings(&self) {
        if !self.session().pull_config {
            return;
        }
        let item = tower_lsp::lsp_types::ConfigurationItem {
            scope_uri: None,
            section: Some("copydesk".to_string()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                let Some(section) = values.into_iter().next().filter(|v| !v.is_null()) else {
                    return;
                };
                debug!(%section, "configuration pulled");
                if self
                    .apply_settings(&serde_json::json!({ "copydesk": section }))
                    .await
                {
                    self.recheck_all();
                }
            }
            Err(e) => warn!("workspace/configuration failed: {e}"),
        }
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    /// Have `uri` checked in the background until its latest revision is
    /// checked and published. One worker per document: if one is running it
    /// will see the newer revision when its current check stops (a check of
    /// an obsolete revision stops between units), so edits coalesce.
    fn schedule_check(&self, uri: Url) {
        if self.session().pull {
            // The client asks when it wants them (`textDocument/diagnostic`).
            return;
        }
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
                self.pool.run(move || {
                    // The notification is serialized here, on the check
                    // thread, not on the thread that reads the client.
                    this.diagnose(&uri, &checks).map(|(revision, checked)| {
                        let published = checked.map(|mut c| {
                            let notification = convert::publish_notification(
                                &uri,
                                &c.diagnostics,
                                Some(c.version),
                            );
                            c.diagnostics = Vec::new();
                            (c, notification)
                        });
                        (revision, published)
                    })
                })
            };
            let revision = match job.await {
                Some(Some((revision, Some((checked, notification))))) => {
                    if let Some(problem) = checked.problem {
                        self.show_config_problem(&problem).await;
                    }
                    match notification {
                        Some(notification) => {
                            self.publish_if_current(&uri, revision, notification).await;
                        }
                        None => error!(%uri, "diagnostics could not be serialized"),
                    }
                    if checked.config_changed {
                        // This draft was just checked under the new file.
                        self.recheck_all_but(Some(&uri));
                    }
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

    /// Give every open document a new revision and check it again (a
    /// configuration changed).
    fn recheck_all(&self) {
        self.recheck_all_but(None);
    }

    /// [`Self::recheck_all`], leaving out a draft already checked under the
    /// new configuration.
    fn recheck_all_but(&self, done: Option<&Url>) {
        let (touched, pull, refresh) = {
            let mut session = self.session();
            (
                session.documents.touch_all_but(done),
                session.pull,
                session.refresh,
            )
        };
        if pull {
            // A pull client checks again when told to.
            if refresh {
                let client = self.client.clone();
                tokio::spawn(async move {
                    if let Err(e) = client.workspace_diagnostic_refresh().await {
                        warn!("workspace/diagnostic/refresh failed: {e}");
                    }
                });
            }
            return;
        }
        for (uri, _) in touched {
            self.schedule_check(uri);
        }
    }

    /// Tell the user a `copydesk.toml` cannot be used (once per problem).
    async fn show_config_problem(&self, problem: &LoadError) {
        warn!("{problem}");
        self.client
            .show_message(
                MessageType::ERROR,
                format!(
                    "copydesk: configuration not applied, the last good one stays in force:\n{problem}"
                ),
            )
            .await;
    }

    /// The configuration files changed on disk: read them again (small
    /// files, read here so the re-checks that follow all see the new text),
    /// report what is broken, and check every open draft again.
    async fn config_files_changed(&self) {
        let problems = lock(&self.configs).reload();
        self.recheck_all();
        for problem in problems {
            self.show_config_problem(&problem).await;
        }
    }

    /// Check the document's latest revision: that revision and what the
    /// check produced, or `None` for that when the check was cancelled by a
    /// newer revision or the engine panicked; `None` when the document is
    /// closed. Runs on a check thread.
    fn diagnose(&self, uri: &Url, checks: &Checks) -> Option<(Revision, Option<Checked>)> {
        let (revision, snapshot, encoding, editor, docs_url) = {
            let session = self.session();
            let checks_arc = session.documents.get(uri).map(|d| Arc::clone(d.checks()));
            let (revision, snapshot) = session.documents.latest(uri, checks_arc.as_ref()?)?;
            (
                revision,
                snapshot,
                session.encoding,
                Arc::clone(&session.config),
                Arc::clone(&session.docs_url),
            )
        };
        if is_config_uri(uri) {
            return Some((revision, Some(config_file_checked(&snapshot, encoding))));
        }
        let resolved = self.config_for(uri, editor);
        let (text, version) = (&snapshot.text, snapshot.version);
        let config = Arc::clone(&resolved.config);
        let mut checker = lock(&checks.checker);
        let outcome =
            guarded_check(|| checker.check_unless(text, &config, &|| checks.obsolete(revision)));
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
        let checked = self.checked(
            uri, revision, &snapshot, encoding, &docs_url, findings, resolved,
        );
        Some((revision, Some(checked)))
    }

    /// A finished check as diagnostics, its findings kept for hover and
    /// code actions.
    #[allow(clippy::too_many_arguments)]
    fn checked(
        &self,
        uri: &Url,
        revision: Revision,
        snapshot: &Snapshot,
        encoding: Encoding,
        docs_url: &str,
        findings: Vec<Finding>,
        resolved: Resolved,
    ) -> Checked {
        let diagnostics = convert::diagnostics(
            &snapshot.text,
            &snapshot.line_index,
            &findings,
            encoding,
            docs_url,
        );
        self.remember(uri, revision, findings);
        Checked {
            diagnostics,
            version: snapshot.version,
            problem: resolved.problem,
            config_changed: resolved.changed,
        }
    }

    /// The configuration a draft is checked with: its `copydesk.toml`
    /// (found from its path, re-read if it changed) with the editor's levels
    /// laid over it. May read the disk: call it off the message loop.
    fn config_for(&self, uri: &Url, editor: Arc<Config>) -> Resolved {
        let Ok(path) = uri.to_file_path() else {
            // Not a file (an unsaved buffer): the editor's levels alone.
            return Resolved {
                config: editor,
                problem: None,
                changed: false,
            };
        };
        let mut r = lock(&self.configs).for_draft(&path);
        if !editor.levels.is_empty() {
            r.config = Arc::new(r.config.with_levels(&editor.levels));
        }
        r
    }

    /// Send a check's `publishDiagnostics` notification if the revision it
    /// checked is still the document's latest (its version is then the one
    /// in the notification).
    async fn publish_if_current(&self, uri: &Url, revision: Revision, notification: Vec<u8>) {
        let _turn = self.publish.lock().await;
        if self
            .session()
            .documents
            .current_version(uri, revision)
            .is_none()
        {
            debug!(%uri, revision, "check result dropped: superseded");
            return;
        }
        self.outbox.send(notification);
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
        // Through the outbox like every publish, so it cannot overtake one.
        if let Some(notification) = convert::publish_notification(&uri, &[], None) {
            self.outbox.send(notification);
        }
    }
}

impl Backend {
    /// Keep a check's findings for hover and code actions, if its revision
    /// is still the document's latest.
    fn remember(&self, uri: &Url, revision: Revision, findings: Vec<Finding>) {
        let mut session = self.session();
        if session.documents.current_version(uri, revision).is_some() {
            session
                .findings
                .insert(uri.clone(), (revision, Arc::new(findings)));
        }
    }

    /// A pull client's diagnostics for the latest text of `uri`: a whole
    /// check with the draft's configuration (the incremental checker
    /// belongs to push workers; its findings equal `check`'s). `None` when
    /// the document is not open or the engine panicked.
    fn pull_diagnose(&self, uri: &Url) -> Option<(Checked, Revision)> {
        let (revision, snapshot, format, encoding, editor, docs_url) = {
            let session = self.session();
            let doc = session.documents.get(uri)?;
            (
                doc.revision(),
                doc.snapshot(),
                doc.format(),
                session.encoding,
                Arc::clone(&session.config),
                Arc::clone(&session.docs_url),
            )
        };
        if is_config_uri(uri) {
            return Some((config_file_checked(&snapshot, encoding), revision));
        }
        let resolved = self.config_for(uri, editor);
        let findings = guarded_check(|| copydesk::check(&snapshot.text, format, &resolved.config))?;
        let checked = self.checked(
            uri, revision, &snapshot, encoding, &docs_url, findings, resolved,
        );
        Some((checked, revision))
    }

    /// Run a feature over the current state of draft `uri` off the message
    /// loop, with the draft's configuration, guarded against panics. `None`
    /// when the document is not open, is a `copydesk.toml`, or the feature
    /// panicked (logged).
    async fn with_view<T: Send + 'static>(
        &self,
        uri: &Url,
        what: &'static str,
        f: impl FnOnce(&View<'_>) -> T + Send + 'static,
    ) -> Option<T> {
        if is_config_uri(uri) {
            return None;
        }
        let (snapshot, format, encoding, editor, docs_url, findings) = {
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
                doc.format(),
                session.encoding,
                Arc::clone(&session.config),
                Arc::clone(&session.docs_url),
                findings,
            )
        };
        let this = self.clone();
        let job_uri = uri.clone();
        // On the check threads, not tokio's blocking pool: each thread that
        // runs the engine grows its own regex caches.
        let job = self.pool.run(move || {
            catch_unwind(AssertUnwindSafe(|| {
                let config = this.config_for(&job_uri, editor).config;
                f(&View {
                    text: &snapshot.text,
                    index: &snapshot.line_index,
                    format,
                    encoding,
                    config: &config,
                    docs_url: &docs_url,
                    checked: findings.as_deref().map(Vec::as_slice),
                })
            }))
            .ok()
        });
        match job.await {
            Some(Some(value)) => Some(value),
            Some(None) => {
                error!(%uri, "{what} panicked");
                None
            }
            None => {
                error!(%uri, "{what} task failed");
                None
            }
        }
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

/// Whether a document is a configuration file rather than a draft.
fn is_config_uri(uri: &Url) -> bool {
    uri.path_segments()
        .and_then(|mut s| s.next_back())
        .is_some_and(|name| name == config_file::FILE_NAME)
}

/// An open `copydesk.toml`'s own diagnostics: its errors, where they are.
/// An open `copydesk.toml` is not prose: its diagnostics are its own errors.
fn config_file_checked(snapshot: &Snapshot, encoding: Encoding) -> Checked {
    Checked {
        diagnostics: config_diagnostics(&snapshot.text, &snapshot.line_index, encoding),
        version: snapshot.version,
        problem: None,
        config_changed: false,
    }
}

fn config_diagnostics(text: &str, index: &LineIndex, encoding: Encoding) -> Vec<Diagnostic> {
    let Err(errors) = Config::from_toml(text) else {
        return Vec::new();
    };
    errors
        .iter()
        .map(|e| Diagnostic {
            range: convert::range(text, index, e.span, encoding),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some(convert::SOURCE.to_string()),
            message: e.message.clone(),
            ..Diagnostic::default()
        })
        .collect()
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
        let watch_dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let pull_config = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false);
        let text_caps = params.capabilities.text_document.as_ref();
        let pull = text_caps.is_some_and(|t| t.diagnostic.is_some());
        // The spec spells the refresh capability `workspace.diagnostics`;
        // lsp-types 0.94 reads `workspace.diagnostic`, so what VS Code sends
        // never arrives here. A client that pulls is a 3.17 client and is
        // asked to pull again after a settings change either way (one that
        // cannot answers MethodNotFound, which is logged and harmless).
        let refresh = pull
            || params
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
            session.watch_dynamic = watch_dynamic;
            session.pull_config = pull_config;
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
                                format!(
                                    "copydesk: docsUrl {url:?} is not a URL ({e}); using the default"
                                ),
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
        let compile = std::thread::Builder::new()
            .name("copydesk-compile".into())
            .spawn(copydesk::compile_matchers);
        if let Err(e) = compile {
            debug!("no thread to compile the word lists ahead: {e}");
        }
        self.pull_settings().await;
        if !self.session().watch_dynamic {
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
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            warn!("the client refused to watch copydesk.toml: {e}");
        }
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
        if is_config_uri(&uri) {
            // Its own diagnostics follow its text; the drafts follow the disk.
            self.config_files_changed().await;
            return;
        }
        if self.session().documents.get(&uri).is_some() {
            self.schedule_check(uri);
        } else {
            warn!(%uri, "didSave for a document that is not open; ignored");
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

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_uri(&c.uri)) {
            debug!("copydesk.toml changed on disk");
            self.config_files_changed().await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        debug!(settings = %params.settings, "configuration received");
        if super::settings::config_from(&params.settings).is_none() {
            // The pull model: a bare "something changed" (settings null or
            // without our section) means "ask me".
            self.pull_settings().await;
        } else if self.apply_settings(&params.settings).await {
            // Applied under the lock before any await, then re-check (a
            // pull client is asked to pull again).
            self.recheck_all();
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        if self.session().documents.get(&uri).is_none() {
            warn!(%uri, "textDocument/diagnostic for a document that is not open");
            return Ok(full_report(Vec::new()));
        }
        let this = self.clone();
        let job_uri = uri.clone();
        // On the check threads, as pushed checks are (see `with_view`).
        let job = self.pool.run(move || this.pull_diagnose(&job_uri));
        let Some(Some((checked, _))) = job.await else {
            // Closed meanwhile, or the engine panicked (logged): ask again.
            return Err(Error::content_modified());
        };
        if let Some(problem) = &checked.problem {
            self.show_config_problem(problem).await;
        }
        if checked.config_changed {
            // Other drafts were checked under the old file.
            self.recheck_all_but(Some(&uri));
        }
        Ok(full_report(checked.diagnostics))
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
