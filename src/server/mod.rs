//! `copydesk lsp`: the language-server edge, over stdio.
//!
//! The only module that knows tower-lsp and tokio. Stdout carries the
//! protocol and nothing else; logs go to stderr (`COPYDESK_LOG`, default
//! `warn`).
//!
//! - `backend`: the handlers, the ordering of edits and publishes.
//! - `document`: open drafts and incremental edits.
//! - `configs`: the `copydesk.toml` for each draft, re-read when it changes.
//! - `convert`: positions in the negotiated encoding, findings → diagnostics.

mod backend;
mod configs;
mod convert;
mod document;
mod settings;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use clap::Args;
use tokio::sync::Notify;
use tower_lsp::jsonrpc::Request;
use tower_lsp::{LspService, Server};
use tower_service::Service;
use tracing::{error, info};

use backend::Backend;

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Accepted for clients that append it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

/// Serve LSP on stdin/stdout until `exit` or until stdin closes. The exit code
/// is 0 if `shutdown` came first, else 1 (LSP's rule for `exit`).
pub fn run(_args: LspArgs) -> i32 {
    init_logging();
    // Handlers are short and checks go to the blocking pool, so one thread
    // drives the protocol. The pool is small: the machine has two cores and
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
    runtime.block_on(serve_stdio(Arc::clone(&shut_down)));
    // Stdin's read may still be parked on a blocking thread; waiting for it
    // would hang until the client closes the pipe.
    runtime.shutdown_background();
    if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

async fn serve_stdio(shut_down: Arc<AtomicBool>) {
    let (service, socket) = LspService::new(|client| Backend::new(client, shut_down));
    let exit = Arc::new(Notify::new());
    let service = ExitWatch {
        inner: service,
        exit: Arc::clone(&exit),
    };
    let server = Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service);
    tokio::select! {
        () = server => info!("stdin closed; stopping"),
        () = exit.notified() => info!("exit received; stopping"),
    }
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
struct ExitWatch<S> {
    inner: S,
    exit: Arc<Notify>,
}

impl<S: Service<Request>> Service<Request> for ExitWatch<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let is_exit = request.method() == "exit";
        let response = self.inner.call(request);
        if is_exit {
            // `notify_one` keeps the permit if nobody is waiting yet.
            self.exit.notify_one();
        }
        response
    }
}
