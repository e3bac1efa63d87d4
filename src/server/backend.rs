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
//!
//! Each draft is checked with the `copydesk.toml` found from its path
//! (`configs`), with the editor's rule levels laid over the file's. The file
//! is re-read when it changes on disk; a broken one is shown to the user and
//! the last good configuration stays in force. An open `copydesk.toml` is
//! not prose: its diagnostics are its own configuration errors.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use copydesk::line_index::{Encoding, LineIndex};
use copydesk::{Config, Finding, Format};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{
    Diagnostic, DiagnosticSeverity, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, InitializeParams, InitializeResult, InitializedParams,
    MessageType, Registration, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use tower_lsp::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use super::configs::{ConfigCache, Resolved};
use super::convert;
use super::document::{DocumentStore, Revision, Snapshot};
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
}

/// What one check produced.
struct Checked {
    diagnostics: Vec<Diagnostic>,
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
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>) -> Self {
        Backend {
            client,
            session: Arc::new(Mutex::new(Session {
                documents: DocumentStore::default(),
                encoding: Encoding::Utf16,
                config: Arc::new(Config::default()),
                watch_dynamic: false,
            })),
            configs: Arc::new(Mutex::new(ConfigCache::default())),
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
            let checked = match job.await {
                Ok(Some(checked)) => checked,
                Ok(None) => return,
                Err(e) => {
                    error!(%uri, "check task failed: {e}");
                    return;
                }
            };
            if let Some(problem) = checked.problem {
                this.show_config_problem(&problem).await;
            }
            this.publish_if_current(uri.clone(), revision, checked.diagnostics)
                .await;
            if checked.config_changed {
                // This draft was just checked under the new file.
                this.recheck_all_but(Some(&uri));
            }
        });
    }

    /// Give every open document a new revision and check it again (a
    /// configuration changed).
    fn recheck_all(&self) {
        self.recheck_all_but(None);
    }

    /// [`Self::recheck_all`], leaving out a draft already checked under the
    /// new configuration.
    fn recheck_all_but(&self, done: Option<&Url>) {
        let touched = self.session().documents.touch_all();
        for (uri, revision) in touched {
            if Some(&uri) != done {
                self.schedule_check(uri, revision);
            }
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

    /// The diagnostics of `uri` at `revision`, or `None` when that revision
    /// is already stale or the engine panicked. Runs on the blocking pool.
    fn diagnose(&self, uri: &Url, revision: Revision) -> Option<Checked> {
        let (snapshot, encoding, editor) = {
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
        if is_config_uri(uri) {
            return Some(Checked {
                diagnostics: config_diagnostics(&text, &line_index, encoding),
                problem: None,
                config_changed: false,
            });
        }
        let Resolved {
            config,
            problem,
            changed: config_changed,
        } = self.config_for(uri, editor);
        let findings = guarded_check(|| copydesk::check(&text, format, &config)).or_else(|| {
            error!(%uri, version, "the engine panicked; keeping the previous diagnostics");
            None
        })?;
        let diagnostics = findings
            .iter()
            .map(|f| convert::diagnostic(&text, &line_index, f, encoding))
            .collect();
        Some(Checked {
            diagnostics,
            problem,
            config_changed,
        })
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

/// Whether a document is a configuration file rather than a draft.
fn is_config_uri(uri: &Url) -> bool {
    uri.path_segments()
        .and_then(|mut s| s.next_back())
        .is_some_and(|name| name == config_file::FILE_NAME)
}

/// An open `copydesk.toml`'s own diagnostics: its errors, where they are.
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
fn guarded_check(check: impl FnOnce() -> Vec<Finding>) -> Option<Vec<Finding>> {
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
        {
            let mut session = self.session();
            session.encoding = encoding;
            session.watch_dynamic = watch_dynamic;
        }
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
        if is_config_uri(&uri) {
            // Its own diagnostics follow its text; the drafts follow the disk.
            self.config_files_changed().await;
            return;
        }
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

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_uri(&c.uri)) {
            debug!("copydesk.toml changed on disk");
            self.config_files_changed().await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        debug!(settings = %params.settings, "configuration received");
        if self.apply_settings(&params.settings).await {
            // Applied under the lock before any await, then re-check.
            self.recheck_all();
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
