//! What the handlers share: the session, the checks, and publishing.
//!
//! Handlers start in the order their messages arrive, each running up to
//! its first `.await` right then (see `transport`). So every handler that
//! changes the document store does so synchronously, under a
//! `std::sync::Mutex`, before its first `.await`: edits can never be
//! reordered or lost, however fast the typing.
//!
//! Checks run off the message loop on the check threads, over a snapshot of
//! the text, by one worker per document with an incremental checker (only
//! the paragraphs an edit touched are checked again). Edits coalesce: a
//! worker always checks the latest revision, and a check of a revision that
//! has been superseded stops between units, so a long draft under fast
//! typing does not queue up work and never holds up other documents or
//! `shutdown`. A check's result is published only if the document is still
//! at the revision that was checked, and that test and the queueing happen
//! together under one publish lock, so the last diagnostics the client
//! receives are always those of the last text. Hover, code actions and
//! pulled diagnostics wait for that same worker's findings rather than
//! checking again, so a cancelled request costs nothing.
//!
//! Each draft is checked with the `copydesk.toml` found from its path
//! (`configs`), with the editor's rule levels laid over the file's. The file
//! is re-read when it changes on disk; a broken one is shown to the user and
//! the last good configuration stays in force. An open `copydesk.toml` is
//! not prose: its diagnostics are its own configuration errors.
//!
//! A leading byte-order mark is not part of the draft, as in the CLI: the
//! text after it is checked and the findings moved past it.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::pin;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use copydesk::incremental::Checker;
use copydesk::line_index::{Encoding, LineIndex};
use copydesk::{Config, Finding, Span};
use tokio::sync::Notify;
use tower_lsp_server::ls_types::{
    ConfigurationItem, Diagnostic, DiagnosticSeverity, MessageType, Uri,
};
use tower_lsp_server::Client;
use tracing::{debug, error, warn};

use crate::config_file::{self, LoadError};
use crate::configs::{ConfigCache, Resolved};
use crate::convert;
use crate::document::{Checks, DocumentStore, Revision, Snapshot};
use crate::features::View;
use crate::outbox::Outbox;
use crate::pool::CheckPool;
use crate::transport::UriAliases;

/// How long a request to the client may go unanswered. Nothing waits on
/// it but the handler that asked; the limit only lets that handler end.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

/// How many problems one pop-up lists; the rest are counted.
const SHOWN_PROBLEMS: usize = 5;

/// Everything the handlers share. Held only for short, synchronous steps.
#[derive(Debug)]
pub struct Session {
    pub documents: DocumentStore,
    /// Negotiated in `initialize`; UTF-16 until then, as the spec says.
    pub encoding: Encoding,
    /// The editor's rule levels (`workspace/didChangeConfiguration`,
    /// `initializationOptions`), laid over each draft's `copydesk.toml`;
    /// checks hold the `Arc` they started with.
    pub config: Arc<Config>,
    /// The client can register `workspace/didChangeWatchedFiles` itself.
    pub watch_dynamic: bool,
    /// The client answers `workspace/configuration`, so settings can be
    /// asked for rather than waited for.
    pub pull_config: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so they
    /// are computed on request and never pushed.
    pub pull: bool,
    /// The client can be asked to pull again (`workspace/diagnostic/refresh`).
    pub refresh: bool,
    /// The client shows nested document symbols.
    pub hierarchical_symbols: bool,
    /// Where `docs/rules.md` lives, for `codeDescription` and hover links.
    pub docs_url: Arc<str>,
    /// The findings of each document's last checked revision, for hover,
    /// code actions and pulled diagnostics.
    findings: HashMap<Uri, Checked>,
    /// A revision the engine panicked on: nobody waits for its findings.
    failed: HashMap<Uri, Revision>,
}

impl Session {
    /// `uri` is about to get a new revision: its last check's result, of
    /// the text before it, is never read again ([`Backend::current_findings`]
    /// wants the new revision's). Dropped first, it no longer shares the
    /// text and its line index with the store, which then edits them in
    /// place instead of copying the whole draft at every keystroke.
    pub fn outdate(&mut self, uri: &Uri) {
        self.findings.remove(uri);
    }
}

/// A finished check of one revision.
#[derive(Debug, Clone)]
pub struct Checked {
    pub revision: Revision,
    pub snapshot: Snapshot,
    pub findings: Arc<Vec<Finding>>,
}

/// What one check produced, for the worker to act on.
struct Outcome {
    /// The `publishDiagnostics` to send (push clients).
    notification: Option<Vec<u8>>,
    /// A configuration problem to show the user (first sighting only).
    problem: Option<LoadError>,
    /// The draft's `copydesk.toml` changed: every open draft needs a re-check.
    config_changed: bool,
}

#[derive(Debug, Clone)]
pub struct Backend {
    pub client: Client,
    session: Arc<Mutex<Session>>,
    /// `copydesk.toml` lookups and loaded files; its own lock, because
    /// loading reads the disk.
    configs: Arc<Mutex<ConfigCache>>,
    /// Serializes "is this still current? then queue" for every publish.
    publish: Arc<tokio::sync::Mutex<()>>,
    /// Set by `shutdown`; decides the exit code.
    pub shut_down: Arc<AtomicBool>,
    /// Where checks run.
    pub pool: CheckPool,
    /// Where diagnostics are queued, newest per document.
    outbox: Outbox,
    /// Rung when a check's findings are remembered, or a check failed.
    findings_ready: Arc<Notify>,
    /// Rung when the editor's process is gone: the session ends.
    pub parent_gone: Arc<Notify>,
    /// The editor's spelling of URIs the fork could not take as sent.
    aliases: UriAliases,
    /// The protocol thread's runtime, for what a check thread hands back.
    runtime: tokio::runtime::Handle,
}

impl Backend {
    pub fn new(
        client: Client,
        shut_down: Arc<AtomicBool>,
        pool: CheckPool,
        outbox: Outbox,
        parent_gone: Arc<Notify>,
        aliases: UriAliases,
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
                failed: HashMap::new(),
            })),
            configs: Arc::new(Mutex::new(ConfigCache::default())),
            publish: Arc::new(tokio::sync::Mutex::new(())),
            shut_down,
            pool,
            outbox,
            findings_ready: Arc::new(Notify::new()),
            parent_gone,
            aliases,
            runtime: tokio::runtime::Handle::current(),
        }
    }

    pub fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    /// Tell the user something, in one pop-up.
    pub async fn show(&self, typ: MessageType, message: String) {
        self.client.show_message(typ, message).await;
    }

    /// Replace the configuration from editor settings; report skipped
    /// entries to the user in one message. Returns whether the
    /// configuration changed.
    pub async fn apply_settings(&self, settings: &serde_json::Value) -> bool {
        let Some((config, problems)) = crate::settings::config_from(settings) else {
            return false;
        };
        let changed = {
            let mut session = self.session();
            let changed = *session.config != config;
            session.config = Arc::new(config);
            changed
        };
        if !problems.is_empty() {
            for problem in &problems {
                debug!("{problem}");
            }
            let message = summary("settings skipped", &problems);
            warn!("{message}");
            self.show(MessageType::WARNING, format!("copydesk: {message}"))
                .await;
        }
        changed
    }

    /// Ask the client for the `copydesk` settings section
    /// (`workspace/configuration`) when it answers such requests, apply
    /// them, and re-check if they changed anything. An answer that never
    /// comes holds only this call, for at most [`CLIENT_TIMEOUT`].
    pub async fn pull_settings(&self) {
        if !self.session().pull_config {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("copydesk".to_string()),
        };
        let asked = tokio::time::timeout(CLIENT_TIMEOUT, self.client.configuration(vec![item]));
        match asked.await {
            Ok(Ok(values)) => {
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
            Ok(Err(e)) => warn!("workspace/configuration failed: {e}"),
            Err(_) => warn!("workspace/configuration unanswered after {CLIENT_TIMEOUT:?}"),
        }
    }

    /// Have `uri` checked in the background until its latest revision is
    /// checked (and, for a push client, published). One worker per
    /// document: if one is running it will see the newer revision when its
    /// current check stops (a check of an obsolete revision stops between
    /// units), so edits coalesce.
    pub fn schedule_check(&self, uri: Uri) {
        let Some(checks) = self.session().documents.start_worker(&uri) else {
            return;
        };
        // Its first step is queued from a task of this thread, not right
        // here: what the handler has sent through the client handle (a
        // settings warning before the diagnostics it leads to) reaches the
        // outbox first, as the pump's task was woken before this one. The
        // same thread runs it, so this wakes no other.
        let this = self.clone();
        tokio::spawn(async move { this.work(uri, checks) });
    }

    /// A push client's check after an edit; a pull client asks when it
    /// wants diagnostics.
    pub fn edited(&self, uri: Uri) {
        if !self.session().pull {
            self.schedule_check(uri);
        }
    }

    /// The worker, one step per check: check the latest revision on a
    /// check thread, publish it if still current, and queue the next step
    /// behind the other jobs while newer revisions have come in. The steps
    /// run on the check threads from one to the next and publish from
    /// there, so a keystroke's check wakes no other thread: the protocol
    /// thread is woken only to show a configuration problem or re-check
    /// the other drafts (a `copydesk.toml` changed).
    fn work(self, uri: Uri, checks: Arc<Checks>) {
        let pool = self.pool.clone();
        // Stops the worker if the step is dropped unrun or panics.
        let step = WorkerStep {
            backend: self,
            uri,
            checks,
            done: false,
        };
        pool.spawn(move || {
            let mut step = step;
            step.done = true;
            let WorkerStep {
                backend: this,
                uri,
                checks,
                ..
            } = &step;
            let revision = match this.diagnose(uri, checks) {
                Some((revision, Some(mut outcome))) => {
                    if outcome.problem.is_some() || outcome.config_changed {
                        // The rest of this step on the protocol thread.
                        let (this, uri, checks) = (this.clone(), uri.clone(), Arc::clone(checks));
                        this.runtime.clone().spawn(async move {
                            this.after_check(uri, checks, revision, outcome).await;
                        });
                        return;
                    }
                    if let Some(notification) = outcome.notification.take() {
                        this.publish_if_current_blocking(uri, revision, notification);
                    }
                    revision
                }
                Some((revision, None)) => revision,
                None => return,
            };
            this.next_step(uri, checks, revision);
        });
    }

    /// The end of a worker's step whose check found a configuration
    /// problem to show first, or a changed `copydesk.toml`.
    async fn after_check(
        self,
        uri: Uri,
        checks: Arc<Checks>,
        revision: Revision,
        outcome: Outcome,
    ) {
        if let Some(problem) = outcome.problem {
            self.show_config_problem(&problem).await;
        }
        if let Some(notification) = outcome.notification {
            self.publish_if_current(&uri, revision, notification).await;
        }
        if outcome.config_changed {
            // This draft was just checked under the new file.
            self.recheck_all_but(Some(&uri));
        }
        self.next_step(&uri, &checks, revision);
    }

    /// After a step that checked (or tried) `revision`: the next step, if
    /// a newer revision has come in.
    fn next_step(&self, uri: &Uri, checks: &Arc<Checks>, revision: Revision) {
        if self
            .session()
            .documents
            .worker_continues(uri, checks, revision)
        {
            self.clone().work(uri.clone(), Arc::clone(checks));
        }
    }

    /// Give every open document a new revision and check it again (a
    /// configuration changed).
    pub fn recheck_all(&self) {
        self.recheck_all_but(None);
    }

    /// [`Self::recheck_all`], leaving out a draft already checked under the
    /// new configuration.
    fn recheck_all_but(&self, done: Option<&Uri>) {
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
                    let asked = client.workspace_diagnostic_refresh();
                    match tokio::time::timeout(CLIENT_TIMEOUT, asked).await {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => warn!("workspace/diagnostic/refresh failed: {e}"),
                        Err(_) => warn!("workspace/diagnostic/refresh unanswered"),
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
    pub async fn show_config_problem(&self, problem: &LoadError) {
        warn!("{problem}");
        let text = problem.to_string();
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let shown = if lines.len() > SHOWN_PROBLEMS + 1 {
            summary("errors", &lines)
        } else {
            text
        };
        self.show(
            MessageType::ERROR,
            format!(
                "copydesk: configuration not applied, the last good one stays in force:\n{shown}"
            ),
        )
        .await;
    }

    /// The configuration files changed on disk: read them again (small
    /// files, read here so the re-checks that follow all see the new text),
    /// report what is broken, and check every open draft again.
    pub async fn config_files_changed(&self) {
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
    fn diagnose(&self, uri: &Uri, checks: &Checks) -> Option<(Revision, Option<Outcome>)> {
        let (revision, snapshot, encoding, editor, docs_url, pull) = {
            let session = self.session();
            let checks_arc = session.documents.get(uri).map(|d| Arc::clone(d.checks()));
            let (revision, snapshot) = session.documents.latest(uri, checks_arc.as_ref()?)?;
            (
                revision,
                snapshot,
                session.encoding,
                Arc::clone(&session.config),
                Arc::clone(&session.docs_url),
                session.pull,
            )
        };
        if is_config_uri(uri) {
            let diagnostics = config_diagnostics(&snapshot.text, &snapshot.line_index, encoding);
            self.remember(uri, revision, &snapshot, Vec::new());
            let notification = (!pull)
                .then(|| self.notification(uri, &diagnostics, Some(snapshot.version)))
                .flatten();
            return Some((
                revision,
                Some(Outcome {
                    notification,
                    problem: None,
                    config_changed: false,
                }),
            ));
        }
        let resolved = self.config_for(uri, editor);
        let config = Arc::clone(&resolved.config);
        let (body, bom) = split_bom(&snapshot.text);
        let mut checker = lock(&checks.checker);
        let outcome =
            guarded_check(|| checker.check_unless(body, &config, &|| checks.obsolete(revision)));
        let mut findings = match outcome {
            Some(Some(findings)) => findings,
            Some(None) => {
                debug!(uri = uri.as_str(), revision, "check cancelled: superseded");
                return Some((revision, None));
            }
            None => {
                error!(
                    uri = uri.as_str(),
                    version = snapshot.version,
                    "the engine panicked; keeping the previous diagnostics"
                );
                // What the checker cached mid-check cannot be trusted.
                *checker = Checker::new(checker.format());
                self.session().failed.insert(uri.clone(), revision);
                self.findings_ready.notify_waiters();
                return Some((revision, None));
            }
        };
        drop(checker);
        if bom > 0 {
            for f in &mut findings {
                f.span = Span::new(f.span.start + bom, f.span.end + bom);
            }
        }
        let notification = (!pull)
            .then(|| {
                let sent = self.aliases.original(uri);
                let body = convert::publish_findings(
                    &sent,
                    &snapshot.text,
                    &snapshot.line_index,
                    &findings,
                    encoding,
                    &docs_url,
                    Some(snapshot.version),
                    &mut lock(&checks.serialized),
                );
                if body.is_none() {
                    error!(uri = uri.as_str(), "diagnostics could not be serialized");
                }
                body
            })
            .flatten();
        self.remember(uri, revision, &snapshot, findings);
        Some((
            revision,
            Some(Outcome {
                notification,
                problem: resolved.problem,
                config_changed: resolved.changed,
            }),
        ))
    }

    /// A `publishDiagnostics` body under the editor's spelling of `uri`.
    fn notification(
        &self,
        uri: &Uri,
        diagnostics: &[Diagnostic],
        version: Option<i32>,
    ) -> Option<Vec<u8>> {
        let sent = self.aliases.original(uri);
        let body = convert::publish_notification(&sent, diagnostics, version);
        if body.is_none() {
            error!(uri = uri.as_str(), "diagnostics could not be serialized");
        }
        body
    }

    /// Keep a check's findings for hover, code actions and pulls, if its
    /// revision is still the document's latest, and wake whoever waits.
    fn remember(&self, uri: &Uri, revision: Revision, snapshot: &Snapshot, findings: Vec<Finding>) {
        {
            let mut session = self.session();
            if session.documents.current_version(uri, revision).is_some() {
                session.findings.insert(
                    uri.clone(),
                    Checked {
                        revision,
                        snapshot: snapshot.clone(),
                        findings: Arc::new(findings),
                    },
                );
            }
        }
        self.findings_ready.notify_waiters();
    }

    /// The findings of the document's current text: the last check's if it
    /// checked this revision, else those of the worker's next check
    /// (started if need be). `None` when the document is not open or the
    /// engine failed on it. Dropping the future (a cancelled request)
    /// leaves the worker to its job.
    pub async fn current_findings(&self, uri: &Uri) -> Option<Checked> {
        loop {
            let mut ready = pin!(self.findings_ready.notified());
            ready.as_mut().enable();
            {
                let session = self.session();
                let revision = session.documents.get(uri)?.revision();
                if let Some(checked) = session.findings.get(uri) {
                    if checked.revision == revision {
                        return Some(checked.clone());
                    }
                }
                if session.failed.get(uri) == Some(&revision) {
                    return None;
                }
            }
            self.schedule_check(uri.clone());
            ready.await;
        }
    }

    /// The configuration a draft is checked with: its `copydesk.toml`
    /// (found from its path, re-read if it changed) with the editor's levels
    /// and claim sensitivity laid over it. May read the disk: call it off
    /// the message loop.
    pub fn config_for(&self, uri: &Uri, editor: Arc<Config>) -> Resolved {
        let path = uri
            .scheme()
            .as_str()
            .eq_ignore_ascii_case("file")
            .then(|| uri.to_file_path())
            .flatten();
        let Some(path) = path else {
            // Not a file (an unsaved buffer): the editor's levels alone.
            return Resolved {
                config: editor,
                problem: None,
                changed: false,
            };
        };
        let mut r = lock(&self.configs).for_draft(&path);
        if !editor.levels.is_empty() || editor.editor_claim_sensitivity.is_some() {
            r.config = Arc::new(r.config.with_editor(&editor));
        }
        r
    }

    /// Queue a check's `publishDiagnostics` if the revision it checked is
    /// still the document's latest (its version is then the one in the
    /// notification).
    async fn publish_if_current(&self, uri: &Uri, revision: Revision, notification: Vec<u8>) {
        let _turn = self.publish.lock().await;
        self.publish_in_turn(uri, revision, notification);
    }

    /// [`Self::publish_if_current`] from a check thread (never from within
    /// the runtime: it blocks for its turn, which is only ever held for a
    /// queue operation).
    fn publish_if_current_blocking(&self, uri: &Uri, revision: Revision, notification: Vec<u8>) {
        let _turn = self.publish.blocking_lock();
        self.publish_in_turn(uri, revision, notification);
    }

    fn publish_in_turn(&self, uri: &Uri, revision: Revision, notification: Vec<u8>) {
        let version = self.session().documents.current_version(uri, revision);
        let Some(version) = version else {
            debug!(
                uri = uri.as_str(),
                revision, "check result dropped: superseded"
            );
            return;
        };
        debug!(uri = uri.as_str(), version, "diagnostics queued");
        self.outbox.publish(uri.as_str(), notification);
    }

    /// Clear a closed document's diagnostics, unless it has been reopened
    /// meanwhile (its fresh check will publish instead).
    pub async fn publish_cleared(&self, uri: Uri) {
        let _turn = self.publish.lock().await;
        let keep = {
            let mut session = self.session();
            session.findings.remove(&uri);
            session.failed.remove(&uri);
            session.pull || session.documents.get(&uri).is_some()
        };
        if keep {
            return;
        }
        // Queued in the document's place, so it replaces a stale publish.
        if let Some(notification) = self.notification(&uri, &[], None) {
            self.outbox.publish(uri.as_str(), notification);
        }
    }

    /// Run a feature over the current state of draft `uri` off the message
    /// loop, with the draft's configuration and findings, guarded against
    /// panics. `None` when the document is not open, is a `copydesk.toml`,
    /// or the feature panicked (logged).
    pub async fn with_view<T: Send + 'static>(
        &self,
        uri: &Uri,
        what: &'static str,
        f: impl FnOnce(&View<'_>) -> T + Send + 'static,
    ) -> Option<T> {
        if is_config_uri(uri) {
            return None;
        }
        let (format, encoding, editor, docs_url) = {
            let session = self.session();
            let Some(doc) = session.documents.get(uri) else {
                warn!(uri = uri.as_str(), "{what} for a document that is not open");
                return None;
            };
            (
                doc.format(),
                session.encoding,
                Arc::clone(&session.config),
                Arc::clone(&session.docs_url),
            )
        };
        let checked = self.current_findings(uri).await?;
        let this = self.clone();
        let job_uri = uri.clone();
        // On the check threads, not tokio's blocking pool: each thread that
        // runs the engine grows its own regex caches.
        let job = self.pool.run(move || {
            catch_unwind(AssertUnwindSafe(|| {
                let config = this.config_for(&job_uri, editor).config;
                let text = &checked.snapshot.text;
                f(&View {
                    text,
                    index: &checked.snapshot.line_index,
                    bom: split_bom(text).1,
                    format,
                    encoding,
                    config: &config,
                    docs_url: &docs_url,
                    checked: &checked.findings,
                })
            }))
            .ok()
        });
        match job.await {
            Some(Some(value)) => Some(value),
            Some(None) => {
                error!(uri = uri.as_str(), "{what} panicked");
                None
            }
            None => {
                error!(uri = uri.as_str(), "{what} task failed");
                None
            }
        }
    }
}

/// A worker's step on its way to a check thread. Dropped without having
/// run (no check thread runs) or in a panic, it marks the worker stopped,
/// so the next edit starts another, and wakes whoever waits for findings.
struct WorkerStep {
    backend: Backend,
    uri: Uri,
    checks: Arc<Checks>,
    /// The step ran to an end of its own.
    done: bool,
}

impl Drop for WorkerStep {
    fn drop(&mut self) {
        if self.done && !std::thread::panicking() {
            return;
        }
        error!(uri = self.uri.as_str(), "check task failed");
        self.backend
            .session()
            .documents
            .stop_worker(&self.uri, &self.checks);
        self.backend.findings_ready.notify_waiters();
    }
}

/// One message for many problems: the count, the first few, and how many
/// more.
fn summary(what: &str, problems: &[String]) -> String {
    let mut out = format!("{} {what}:", problems.len());
    for p in problems.iter().take(SHOWN_PROBLEMS) {
        out.push_str("\n- ");
        out.push_str(p);
    }
    if problems.len() > SHOWN_PROBLEMS {
        out.push_str(&format!(
            "\n… and {} more (see the log)",
            problems.len() - SHOWN_PROBLEMS
        ));
    }
    out
}

/// The text after a leading byte-order mark, and the mark's length.
pub fn split_bom(text: &str) -> (&str, usize) {
    match text.strip_prefix('\u{feff}') {
        Some(body) => (body, '\u{feff}'.len_utf8()),
        None => (text, 0),
    }
}

/// Whether a document is a configuration file rather than a draft.
pub fn is_config_uri(uri: &Uri) -> bool {
    uri.path()
        .as_str()
        .rsplit('/')
        .next()
        .is_some_and(|name| name == config_file::FILE_NAME)
}

/// An open `copydesk.toml`'s own diagnostics: its errors, where they are.
pub fn config_diagnostics(text: &str, index: &LineIndex, encoding: Encoding) -> Vec<Diagnostic> {
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
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Run the engine, turning a panic into `None` so one bad rule cannot take
/// the server down. (The panic message itself goes to stderr via the hook.)
fn guarded_check<T>(check: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(check)).ok()
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

    #[test]
    fn many_problems_make_one_short_message() {
        let problems: Vec<String> = (0..10_000).map(|i| format!("bad key {i}")).collect();
        let message = summary("settings skipped", &problems);
        assert!(message.starts_with("10000 settings skipped:"), "{message}");
        assert!(message.contains("and 9995 more"), "{message}");
        assert_eq!(message.lines().count(), SHOWN_PROBLEMS + 2);
    }
}
