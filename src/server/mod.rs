//! `copydesk lsp`: the language-server edge. (stub, being written)
use clap::Args;

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Accepted for clients that append it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: LspArgs) -> i32 {
    0
}
