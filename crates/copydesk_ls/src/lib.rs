//! copydesk's language server: the engine's findings over LSP.
//!
//! The only crate that knows tower-lsp and tokio; the `copydesk lsp`
//! subcommand calls [`run`], and tests and fuzz targets call [`serve`] over
//! in-memory streams. Stdout carries the
//! protocol and nothing else; logs go to stderr (`COPYDESK_LOG`, default
//! `warn`).
//!
//! - `backend`: the handlers, the ordering of edits and publishes.
//! - `document`: open drafts and incremental edits.
//! - `configs`: the `copydesk.toml` for each draft, re-read when it changes.
//! - `convert`: positions in the negotiated encoding, findings → diagnostics.
//! - `framing`: `Content-Length` framing, so that bad input gets an error
//!   response instead of stopping tower-lsp.
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod backend;
pub mod config_file;
mod configs;
// pub: the fuzz targets drive the document store and conversions directly.
pub mod convert;
pub mod document;
mod features;
mod framing;
pub mod pool; // pub: the fuzz target starts one too.
mod settings;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use std::future::Future;
use std::pin::Pin;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::Notify;

use tower_lsp::jsonrpc::{self, Request, Response};
use tower_lsp::{LspService, Server};
use tower_service::Service;
use tracing::{error, info};

use backend::Backend;
use pool::CheckPool;

/// Serve LSP on stdin/stdout until `exit` or until stdin closes. The exit code
/// is 0 if `shutdown` came first, else 1 (LSP's rule for `exit`).
pub fn run() -> i32 {
    init_logging();
    let pool = CheckPool::start(CheckPool::default_threads());
    // Handlers are short and checks go to the check threads, so one thread
    // drives the protocol. The blocking pool only serves stdin and stdout;
    // stdin's blocking read holds one of its threads for good.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(4)
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            error!("cannot start the async runtime: {e}");
            return 1;
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    runtime.block_on(serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        Arc::clone(&shut_down),
        pool,
    ));
    // Stdin's read may still be parked on a blocking thread; waiting for it
    // would hang until the client closes the pipe.
    runtime.shutdown_background();
    if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Serve LSP over a pair of streams until `exit` or until `input` ends.
/// `shut_down` is set when `shutdown` arrives.
pub async fn serve<I, O>(input: I, output: O, shut_down: Arc<AtomicBool>, pool: CheckPool)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (server_in, server_out, framing, outbox) = framing::Framing::start(input, output);
    let (service, socket) = LspService::new({
        let outbox = outbox.clone();
        |client| Backend::new(client, shut_down, pool, outbox)
    });
    let exit = Arc::new(Notify::new());
    let service = ExitWatch {
        inner: service,
        exit: Arc::clone(&exit),
        outbox: outbox.clone(),
    };
    let server = Server::new(server_in, server_out, socket).serve(service);
    tokio::select! {
        () = server => info!("input closed; stopping"),
        () = exit.notified() => info!("exit received; stopping"),
    }
    outbox.close();
    // The server is dropped: let what it wrote reach the client.
    framing.finish(Duration::from_secs(5)).await;
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // Never stdout: it belongs to the protocol.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Passes every message through and rings `exit` when the `exit` notification
/// goes by. tower-lsp stops serving after `exit` but only returns once stdin
/// closes; a client that keeps the pipe open would keep us alive.
///
/// It also answers unknown `$/` requests: tower-lsp drops their
/// MethodNotFound, but the spec says a `$/` request the server does not
/// know "must" get that error (only `$/` notifications may be ignored), and a
/// client waiting for the answer would wait forever.
struct ExitWatch<S> {
    inner: S,
    exit: Arc<Notify>,
    /// Closed at `exit`: tower-lsp sends nothing after it, nor do we.
    outbox: framing::Outbox,
}

impl<S> Service<Request> for ExitWatch<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let is_exit = request.method() == "exit";
        let dollar_request = request
            .method()
            .starts_with("$/")
            .then(|| request.id().cloned())
            .flatten();
        let response = self.inner.call(request);
        if is_exit {
            self.outbox.close();
            // `notify_one` keeps the permit if nobody is waiting yet.
            self.exit.notify_one();
        }
        Box::pin(async move {
            let response = response.await?;
            Ok(match (response, dollar_request) {
                (None, Some(id)) => {
                    Some(Response::from_error(id, jsonrpc::Error::method_not_found()))
                }
                (response, _) => response,
            })
        })
    }
}
