//! The session: the client's messages read by `framing`, handed to the
//! fork's `LspService` one by one, and everything written through the
//! `outbox`.
//!
//! The fork routes messages, keeps the initialize/shutdown/exit state,
//! cancels requests on `$/cancelRequest` and matches the client's answers
//! to the server's requests. Its `Server` is not used: besides its codec
//! (see `framing`), it runs at most four handlers at once, so four that
//! wait on the client stall every other message. Here each handler runs
//! up to its first `.await` as its message is read, in arrival order (so
//! edits apply in order; see `server`), and then on a task of its own.
//!
//! The session ends at `exit`, when input ends, or when the editor's
//! process is gone; nothing waits for handlers still running then.
//!
//! A few things clients send that the fork would refuse are amended here
//! first, each logged: `shutdown` with `"params": {}` or `[]` (Eglot,
//! lsp4j), `initialize` fields the server does not use but cannot parse
//! (`rootUri: ""`, `clientInfo` without a name, a numeric `locale`,
//! `trace: "loud"`), and document URIs with raw spaces or non-ASCII
//! characters, which are percent-encoded for the fork and published under
//! the editor's own spelling ([`UriAliases`]). A method the server does
//! not implement is MethodNotFound in every state (the fork says -32002
//! before `initialize`, -32600 after `shutdown`, and nothing at all to an
//! unknown `$/` request).

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::{FutureExt, SinkExt, StreamExt};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, BufReader};
use tokio::sync::Notify;
use tower_lsp_server::jsonrpc::{self, Id, Request, Response};
use tower_lsp_server::ls_types::{InitializeParams, Uri};
use tower_lsp_server::{ClientSocket, ExitedError, LspService};
use tower_service::Service;
use tracing::{debug, info, warn};

use crate::framing::{self, Frame, FrameReader, Incoming};
use crate::outbox::{Direct, Outbox};
use crate::pool::CheckPool;
use crate::server::Backend;

/// How long output queued before the end may take to reach the client.
const FLUSH: Duration = Duration::from_secs(5);

/// Serve until the session ends; whether `shutdown` came first.
pub async fn serve<I, O>(input: I, output: O, pool: CheckPool) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let outbox = Outbox::default();
    let writer = tokio::spawn(outbox.clone().write_to(output));
    session(input, outbox, pool, async move {
        let _ = writer.await;
    })
    .await
}

/// [`serve`], with the output written by a thread of its own with blocking
/// writes (stdout: see `outbox`), and at once by whoever queues a message
/// through `direct`, a non-blocking handle on the same output, when nothing
/// is ahead of it.
pub async fn serve_blocking<I, O>(
    input: I,
    output: O,
    direct: Option<Direct>,
    pool: CheckPool,
) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: std::io::Write + Send + 'static,
{
    let outbox = direct.map_or_else(Outbox::default, Outbox::with_direct);
    let (done, written) = tokio::sync::oneshot::channel();
    let writer = outbox.clone();
    let spawned = std::thread::Builder::new()
        .name("write".to_string())
        .spawn(move || {
            writer.write_blocking(output);
            let _ = done.send(());
        });
    if let Err(e) = spawned {
        warn!("cannot start the writer thread ({e}); writing through tokio");
        return serve(input, tokio::io::stdout(), pool).await;
    }
    session(input, outbox, pool, async move {
        let _ = written.await;
    })
    .await
}

/// The session over `input`, its output queued in `outbox`; `written`
/// ends when the writer has written everything after `outbox` closes.
async fn session<I>(
    input: I,
    outbox: Outbox,
    pool: CheckPool,
    written: impl std::future::Future<Output = ()>,
) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
{
    let shut_down = Arc::new(AtomicBool::new(false));
    let parent_gone = Arc::new(Notify::new());
    let aliases = UriAliases::default();
    let (service, socket) = LspService::new(|client| {
        Backend::new(
            client,
            Arc::clone(&shut_down),
            pool,
            outbox.clone(),
            Arc::clone(&parent_gone),
            aliases.clone(),
        )
    });
    let (requests, responses) = socket.split();
    // What the handlers send through the fork's client handle.
    let pump = {
        let outbox = outbox.clone();
        tokio::spawn(async move {
            let mut requests = requests;
            while let Some(request) = requests.next().await {
                match serde_json::to_vec(&request) {
                    Ok(body) => {
                        outbox.send(body);
                    }
                    Err(e) => warn!("cannot serialize {}: {e}", request.method()),
                }
            }
        })
    };
    let why = tokio::select! {
        why = read(input, service, responses, outbox.clone(), aliases) => why,
        () = parent_gone.notified() => "the editor's process is gone",
    };
    info!("stopping: {why}");
    outbox.close();
    pump.abort();
    if tokio::time::timeout(FLUSH, written).await.is_err() {
        warn!("output still pending after {FLUSH:?}; leaving it");
    }
    shut_down.load(Ordering::SeqCst)
}

type ResponseSink = <ClientSocket as tower_lsp_server::Loopback>::ResponseSink;

/// Read and dispatch messages until `exit` or the end of input.
async fn read<I: AsyncRead + Unpin>(
    input: I,
    mut service: LspService<Backend>,
    mut responses: ResponseSink,
    outbox: Outbox,
    aliases: UriAliases,
) -> &'static str {
    let mut frames = FrameReader::new(BufReader::with_capacity(64 << 10, input));
    loop {
        let body = match frames.next().await {
            Frame::Eof => return "input closed",
            Frame::Malformed(why) => {
                warn!("bad framing from the client: {why}; skipped to the next header");
                let reply = framing::error_response(
                    Value::Null,
                    framing::PARSE_ERROR,
                    &format!("bad framing: {why}"),
                );
                outbox.send(reply.to_string().into_bytes());
                continue;
            }
            Frame::Body(body) => body,
        };
        let request = match framing::parse(&body) {
            Incoming::Request(request) => request,
            Incoming::Response(response) => {
                // Answers to the server's own requests.
                if responses.send(response).await.is_err() {
                    return "the service has stopped";
                }
                continue;
            }
            Incoming::Invalid(invalid) => {
                let method = invalid.method.as_deref().unwrap_or("?");
                warn!("bad message from the client ({method}): {}", invalid.why);
                if method == "textDocument/didChange" {
                    warn!(
                        "a didChange was dropped: {} is now out of step with the editor",
                        uri_in(&body).unwrap_or("its document")
                    );
                }
                if let Some(reply) = invalid.reply {
                    outbox.send(reply.to_string().into_bytes());
                }
                continue;
            }
        };
        drop(body);
        if !HANDLED.contains(&request.method()) {
            // The fork knows every LSP method and, before `initialize` or
            // after `shutdown`, refuses even those we do not implement with
            // -32002 or -32600; the spec says -32601 whatever the state.
            match request.id() {
                Some(id) => {
                    let error = jsonrpc::Error::method_not_found();
                    let response = Response::from_error(id.clone(), error);
                    if let Ok(body) = serde_json::to_vec(&response) {
                        outbox.send(body);
                    }
                }
                None => debug!("{} ignored", request.method()),
            }
            continue;
        }
        let request = amend(request, &aliases);
        let ready = std::future::poll_fn(|cx| service.poll_ready(cx));
        // The fork is not ready only while `initialize` runs, and that is
        // awaited below before reading on.
        if ready.await.is_err() {
            return "exit received";
        }
        let method = request.method().to_owned();
        let id = request.id().cloned();
        let handler = service.call(request);
        if method == "initialize" {
            deliver(Ok(handler.await), id, &method, &outbox);
            continue;
        }
        dispatch(handler, id, method.clone(), &outbox);
        if method == "exit" {
            return "exit received";
        }
    }
}

/// The methods the server implements; anything else is MethodNotFound
/// (a request) or ignored (a notification), in any state.
const HANDLED: &[&str] = &[
    "initialize",
    "initialized",
    "shutdown",
    "exit",
    "$/cancelRequest",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didSave",
    "textDocument/didClose",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeConfiguration",
    "textDocument/diagnostic",
    "textDocument/hover",
    "textDocument/codeAction",
    "textDocument/documentSymbol",
];

type Handler = <LspService<Backend> as Service<Request>>::Future;

/// Run a handler up to its first `.await` now, the rest on its own task.
fn dispatch(mut handler: Handler, id: Option<Id>, method: String, outbox: &Outbox) {
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    let first = std::panic::catch_unwind(AssertUnwindSafe(|| handler.as_mut().poll(&mut cx)));
    match first {
        Ok(Poll::Ready(result)) => deliver(Ok(result), id, &method, outbox),
        Ok(Poll::Pending) => {
            let outbox = outbox.clone();
            tokio::spawn(async move {
                let result = AssertUnwindSafe(handler).catch_unwind().await;
                match result {
                    Ok(result) => deliver(Ok(result), id, &method, &outbox),
                    Err(_) => deliver(Err(()), id, &method, &outbox),
                }
            });
        }
        Err(_) => deliver(Err(()), id, &method, outbox),
    }
}

/// Send a handler's response; `Err` is a handler that panicked.
fn deliver(
    result: Result<Result<Option<Response>, ExitedError>, ()>,
    id: Option<Id>,
    method: &str,
    outbox: &Outbox,
) {
    let response = match result {
        Ok(Ok(Some(response))) => response,
        // The fork says nothing to an unknown `$/` request.
        Ok(Ok(None)) if method.starts_with("$/") => match id {
            Some(id) => Response::from_error(id, jsonrpc::Error::method_not_found()),
            None => return,
        },
        Ok(Ok(None)) => return,
        Ok(Err(e)) => {
            debug!("{method} after exit: {e:?}");
            return;
        }
        Err(()) => {
            warn!("the {method} handler panicked");
            match id {
                Some(id) => Response::from_error(id, jsonrpc::Error::internal_error()),
                None => return,
            }
        }
    };
    match serde_json::to_vec(&response) {
        Ok(body) => {
            outbox.send(body);
        }
        Err(e) => warn!("cannot serialize the answer to {method}: {e}"),
    }
}

/// Fix what clients send that the fork would refuse but the server can use.
fn amend(request: Request, aliases: &UriAliases) -> Request {
    let method = request.method();
    let fix_uri = method.starts_with("textDocument/");
    if !matches!(method, "shutdown" | "initialize" | "textDocument/didChange") && !fix_uri {
        return request;
    }
    let (method, id, params) = request.into_parts();
    let params = match (&*method, params) {
        ("shutdown", Some(p)) => {
            if !p.is_null() {
                debug!("shutdown with params {p}; ignored");
            }
            None
        }
        ("initialize", Some(p)) => Some(amend_initialize(p)),
        (_, Some(mut p)) => {
            if method == "textDocument/didChange" {
                check_did_change(&p);
            }
            aliases.encode(&mut p);
            Some(p)
        }
        (_, None) => None,
    };
    let mut builder = Request::build(method);
    if let Some(params) = params {
        builder = builder.params(params);
    }
    if let Some(id) = id {
        builder = builder.id(id);
    }
    builder.finish()
}

/// Drop `initialize` fields the server does not read and cannot parse.
fn amend_initialize(mut params: Value) -> Value {
    if InitializeParams::deserialize(&params).is_ok() {
        return params;
    }
    let Some(fields) = params.as_object_mut() else {
        return params;
    };
    for name in [
        "rootUri",
        "rootPath",
        "clientInfo",
        "locale",
        "trace",
        "workspaceFolders",
        "workDoneToken",
        "processId",
    ] {
        let Some(value) = fields.get(name) else {
            continue;
        };
        let alone = serde_json::json!({ "capabilities": {}, name: value });
        if let Err(e) = InitializeParams::deserialize(&alone) {
            warn!("initialize: ignoring {name} {value}: {e}");
            fields.remove(name);
        }
    }
    params
}

/// Log a `didChange` the fork will drop, with its document: the draft is
/// out of step with the editor from here on.
fn check_did_change(params: &Value) {
    // The shape of `DidChangeTextDocumentParams`, without copying texts.
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Shape {
        text_document: tower_lsp_server::ls_types::VersionedTextDocumentIdentifier,
        content_changes: Vec<Change>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Change {
        range: Option<tower_lsp_server::ls_types::Range>,
        range_length: Option<u32>,
        text: IgnoredAny,
    }
    if let Err(e) = Shape::deserialize(params) {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or("its document");
        warn!("a didChange was dropped ({e}): {uri} is now out of step with the editor");
    }
}

/// The `"uri"` in a raw body, for a log line about a body that would not
/// parse.
fn uri_in(body: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("\"uri\"")? + 5;
    let rest = text[start..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    rest.get(..rest.find('"')?)
}

/// Document URIs as the editor spelled them, by the percent-encoded form
/// the fork was given. Only URIs the fork would refuse (raw spaces,
/// non-ASCII) are here; every other URI is passed, and published, as sent.
#[derive(Debug, Clone, Default)]
pub struct UriAliases {
    by_encoded: Arc<Mutex<HashMap<String, String>>>,
}

impl UriAliases {
    /// Percent-encode `params.textDocument.uri` if the fork cannot parse it.
    fn encode(&self, params: &mut Value) {
        let Some(slot) = params.pointer_mut("/textDocument/uri") else {
            return;
        };
        let Some(sent) = slot.as_str() else {
            return;
        };
        if sent.parse::<Uri>().is_ok() {
            return;
        }
        let encoded = percent_encode(sent);
        if encoded.parse::<Uri>().is_err() {
            warn!("{sent:?} is not a URI; the message will be refused");
            return;
        }
        debug!(sent, encoded, "a URI percent-encoded for the fork");
        self.by_encoded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(encoded.clone(), sent.to_owned());
        *slot = Value::String(encoded);
    }

    /// The editor's spelling of a URI.
    pub fn original(&self, uri: &Uri) -> String {
        let map = self
            .by_encoded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.get(uri.as_str())
            .cloned()
            .unwrap_or_else(|| uri.as_str().to_owned())
    }
}

/// Every byte outside what RFC 3986 allows, percent-encoded.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_the_fork_refuses_are_encoded_and_remembered() {
        let aliases = UriAliases::default();
        for sent in ["file:///drafts/a b.md", "file:///drafts/caf\u{e9}.md"] {
            let mut params = serde_json::json!({ "textDocument": { "uri": sent } });
            aliases.encode(&mut params);
            let encoded: Uri = params["textDocument"]["uri"]
                .as_str()
                .unwrap()
                .parse()
                .expect("the fork can parse it now");
            assert_eq!(aliases.original(&encoded), sent);
        }
        let mut params = serde_json::json!({ "textDocument": { "uri": "FILE:///x/./y" } });
        aliases.encode(&mut params);
        assert_eq!(params["textDocument"]["uri"], "FILE:///x/./y");
    }

    #[test]
    fn unusable_initialize_fields_are_dropped() {
        let params = serde_json::json!({
            "processId": null, "capabilities": {}, "rootUri": "", "locale": 7,
            "clientInfo": { "version": "1" }, "trace": "loud",
        });
        let amended = amend_initialize(params);
        assert!(InitializeParams::deserialize(&amended).is_ok(), "{amended}");
    }
}
