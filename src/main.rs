//! The `copydesk` binary: `copydesk check …` for files and pipelines,
//! `copydesk lsp` for editors. Only `cli` prints; only the `copydesk_ls` crate speaks LSP.
#![warn(clippy::print_stdout)]

mod cli;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Flags unattributed claims, unsourced quotes and embedded promotions in news drafts."
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts (files, directories, or `-` for stdin) and report findings.
    Check(cli::CheckArgs),
    /// List who each draft quotes: speakers, named or anonymous, and their quotations.
    Sources(cli::sources::SourcesArgs),
    /// Run the language server over stdio.
    Lsp(LspArgs),
}

#[derive(clap::Args, Debug)]
struct LspArgs {
    /// Accepted for clients that append it; stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

fn main() {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // Help and version go to stdout with exit 0; usage errors exit 2.
            let _ = e.print();
            std::process::exit(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match args.command {
        Command::Check(a) => cli::run(a),
        Command::Sources(a) => cli::sources::run(a),
        Command::Lsp(_) => copydesk_ls::run(),
    };
    std::process::exit(code);
}
