//! copydesk's language server: the engine's findings over LSP.
//!
//! The only crate that knows tower-lsp-server and tokio; the `copydesk lsp`
//! subcommand calls [`run`], and tests and fuzz targets call [`serve`] over
//! in-memory streams. Stdout carries the protocol and nothing else; logs go
//! to stderr (`COPYDESK_LOG`, default `warn`).
//!
//! - `transport`: reads the client's messages and drives the fork's
//!   service with them; when to stop.
//! - `framing`: `Content-Length` framing and JSON-RPC bodies, read by us
//!   (what the fork's codec still gets wrong is listed there).
//! - `outbox`: the one queue everything written goes through.
//! - `server`: the state the handlers share, checks and publishing.
//! - `api`: one file per request or notification.
//! - `document`: open drafts and incremental edits.
//! - `configs`: the `copydesk.toml` for each draft, re-read when it changes.
//! - `convert`: positions in the negotiated encoding, findings → diagnostics.
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod api;
pub mod config_file;
mod configs;
// pub: the fuzz targets drive the document store and conversions directly.
pub mod convert;
pub mod document;
mod features;
mod framing;
mod outbox;
mod pipe;
pub mod pool; // pub: the fuzz target starts one too.
mod server;
mod settings;
mod stdin;
mod transport;

/// The fork's re-export of the LSP types, for tests and fuzz targets.
pub use tower_lsp_server::ls_types;

use tokio::io::{AsyncRead, AsyncWrite};
use tracing::{debug, error, warn};

use pool::CheckPool;

/// Serve LSP on stdin/stdout until `exit`, until stdin closes, or until the
/// editor's process (`initialize`'s `processId`) is gone. The exit code is
/// 0 if `shutdown` came first, else 1 (LSP's rule for `exit`).
pub fn run() -> i32 {
    init_logging();
    // The word lists are compiled ahead of the first check on a thread of
    // their own, started first of all: a fresh server's first diagnostics
    // are mostly compiling, and the editor's `initialize`, `initialized`
    // and `didOpen` take a few milliseconds to come, which this thread
    // uses on the second core (see `copydesk::compile_matchers`).
    let compile = std::thread::Builder::new()
        .name("copydesk-compile".into())
        .spawn(copydesk::compile_matchers);
    if let Err(e) = compile {
        warn!("no thread to compile the word lists ahead: {e}");
    }
    let pool = CheckPool::start(CheckPool::default_threads());
    // Handlers are short and checks go to the check threads, so one thread
    // drives the protocol. It reads stdin itself when stdin is a pipe, and
    // a reader thread reads anything else (`stdin`); stdout has a writer
    // thread. The blocking pool serves only tokio's stdin, if neither
    // can start.
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
    let input = stdin_reader(&runtime);
    // Stdout's pipe, written without blocking by the thread that has a
    // message when nothing is ahead of it (`outbox`).
    let direct = outbox::Direct::open(1);
    let shut_down = runtime.block_on(transport::serve_blocking(
        input,
        stdout_file(),
        direct,
        pool,
    ));
    // Stdin's read may still be parked on a thread, and handlers may still
    // wait on the client; waiting for either could hang.
    runtime.shutdown_background();
    if shut_down {
        0
    } else {
        1
    }
}

/// Serve LSP over a pair of streams until `exit`, until `input` ends, or
/// until the editor's process is gone. Returns whether `shutdown` came
/// first.
pub async fn serve<I, O>(input: I, output: O, pool: CheckPool) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    transport::serve(input, output, pool).await
}

/// Stdin, read by the protocol thread if it is a pipe, else by a thread
/// of its own, else by tokio's blocking pool (see `stdin`).
fn stdin_reader(runtime: &tokio::runtime::Runtime) -> Box<dyn AsyncRead + Unpin + Send> {
    #[cfg(unix)]
    {
        // The poller belongs to the runtime: registering needs it entered.
        let _entered = runtime.enter();
        match stdin::read_pipe(0) {
            Ok(reader) => return Box::new(reader),
            Err(e) => debug!("stdin read by a thread of its own: {e}"),
        }
    }
    #[cfg(not(unix))]
    let _ = runtime;
    match stdin::read_on_thread("read", std::io::stdin()) {
        Ok(reader) => Box::new(reader),
        Err(e) => {
            warn!("cannot start the reader thread ({e}); reading through tokio");
            Box::new(tokio::io::stdin())
        }
    }
}

/// Stdout as a plain file, written by a thread of its own (see `outbox`):
/// no line buffering, so a message is one write.
#[cfg(unix)]
fn stdout_file() -> Box<dyn std::io::Write + Send> {
    use std::os::fd::AsFd;
    match std::io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(_) => Box::new(std::io::stdout()),
    }
}

#[cfg(not(unix))]
fn stdout_file() -> Box<dyn std::io::Write + Send> {
    Box::new(std::io::stdout())
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
