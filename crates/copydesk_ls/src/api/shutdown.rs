//! `shutdown`: remember it, for the exit code. (The fork refuses requests
//! after it; `exit` ends the session in `transport`.)

use std::sync::atomic::Ordering;

use tower_lsp_server::jsonrpc::Result;

use crate::server::Backend;

pub fn shutdown(backend: &Backend) -> Result<()> {
    backend.shut_down.store(true, Ordering::SeqCst);
    Ok(())
}
