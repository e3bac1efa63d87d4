//! The `copydesk` binary: `copydesk check …` for files and pipelines,
//! `copydesk lsp` for editors. Only `cli` prints; only the `copydesk_ls` crate speaks LSP.
#![warn(clippy::print_stdout)]

mod cli;

/// See the `mimalloc` line in Cargo.toml: fewer instructions per
/// allocation, which is most of compiling the word lists at start-up.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{self, Write};

use clap::{CommandFactory, Parser, Subcommand};

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
    /// Print a completion script for a shell (bash: `source <(copydesk completions bash)`).
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `copydesk man > ~/.local/share/man/man1/copydesk.1`.
    Man,
}

#[derive(clap::Args, Debug)]
struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(clap::Args, Debug)]
struct LspArgs {
    /// Accepted for clients that append it; stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

/// `COPYDESK_CLAIM_MODEL=FILE` runs the engine with another claim model (a
/// `train-claims --out` file) in place of the compiled-in one: the
/// leave-one-split-out estimate (`tools/train_claims/loso.py --engine`)
/// scores each left-out model with one build. A measurement hook, not a
/// user setting; a file that is not a model is an error (exit 2).
const CLAIM_MODEL_VAR: &str = "COPYDESK_CLAIM_MODEL";

fn install_claim_model() -> Result<(), String> {
    let Some(path) = std::env::var_os(CLAIM_MODEL_VAR) else {
        return Ok(());
    };
    let shown = std::path::Path::new(&path).display().to_string();
    let bytes = std::fs::read(&path).map_err(|e| format!("{CLAIM_MODEL_VAR}: {shown}: {e}"))?;
    // Read once for the life of the process, as the compiled-in model is.
    copydesk::install_claim_model(Box::leak(bytes.into_boxed_slice()))
        .map_err(|e| format!("{CLAIM_MODEL_VAR}: {shown}: {e}"))
}

fn main() {
    if let Err(e) = install_claim_model() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
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
        Command::Completions(a) => completions(a.shell),
        Command::Man => man(),
    };
    std::process::exit(code);
}

fn completions(shell: clap_complete::Shell) -> i32 {
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut Args::command(), "copydesk", &mut out);
    finish(out.flush())
}

/// One page: the command, then each subcommand's own options under a
/// section of its name (one page per subcommand would need `man
/// copydesk-check`, which nobody guesses).
fn man() -> i32 {
    let command = Args::command();
    let mut page = Vec::new();
    let rendered = clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .and_then(|()| {
            for sub in command.get_subcommands() {
                let name = sub.get_name();
                let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
                writeln!(page, ".SH \"COPYDESK {}\"", name.to_uppercase())?;
                writeln!(page, "{about}")?;
                let sub = sub.clone().bin_name(format!("copydesk {name}"));
                let man = clap_mangen::Man::new(sub);
                writeln!(page, ".PP")?;
                man.render_synopsis_section(&mut page)?;
                man.render_options_section(&mut page)?;
                if let Some(after) = command
                    .find_subcommand(name)
                    .and_then(|s| s.get_after_help())
                {
                    writeln!(page, ".PP")?;
                    for para in after.to_string().split("\n\n") {
                        writeln!(
                            page,
                            "{}\n.PP",
                            para.replace('\\', "\\\\").replace("\n.", "\n\\&.")
                        )?;
                    }
                }
            }
            Ok(())
        });
    if let Err(e) = rendered {
        let _ = writeln!(io::stderr(), "copydesk: cannot render the man page: {e}");
        return 2;
    }
    finish(io::stdout().lock().write_all(&page))
}

/// The exit status after writing to stdout: a reader that went away early
/// (`copydesk man | head`) is not an error.
fn finish(written: io::Result<()>) -> i32 {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "copydesk: cannot write output: {e}");
            2
        }
        _ => 0,
    }
}
