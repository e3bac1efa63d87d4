//! `copydesk check`: the command-line edge.
//!
//! Reads drafts (files, or stdin for `-`), runs the engine on each, and prints
//! the findings for people (`human`) or for programs (`json`). This module and
//! its children are the only code that writes to stdout; they do no detection
//! and turn byte spans into lines and columns only through `line_index`.
//!
//! Exit status: 0 when nothing is found, 1 when something is, 2 on a usage
//! error or when a draft cannot be read or checked (2 wins over 1).

mod draft;
mod human;
mod json;
pub mod sources;

use std::fmt;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use copydesk::{Config, Finding};

use draft::Draft;

const CLEAN: i32 = 0;
const FOUND: i32 = 1;
const TROUBLE: i32 = 2;

const AFTER_HELP: &str = "\
Exit status: 0 when nothing is found, 1 when something is, 2 on a usage error or \
when a draft cannot be read (2 wins over 1; the other drafts are still checked).

Paths are required: a bare `copydesk check` is a usage error rather than a silent \
read of stdin. Give `-` to check stdin, reported as `<stdin>`.

JSON output is one array of findings over all drafts, each \
{path, rule, severity, message, start, end}; start and end are \
{line, column, offset} with line and column 1-based, column in characters, offset \
in UTF-8 bytes of the file, end exclusive.";

#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct CheckArgs {
    /// Drafts to check (Markdown; plain text for .txt, HTML for .html and .htm); `-` reads stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

/// The `--format` values. Room is left for `sarif`, `github` and `compact`:
/// each is one more `Reporter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[rule]: message`, the source line underlined, and a summary.
    Human,
    /// One JSON array of findings over all drafts.
    Json,
}

/// One way of printing findings. Drafts arrive in command-line order and
/// `finish` runs once at the end, even when no draft could be read.
trait Reporter {
    fn draft(&mut self, out: &mut dyn Write, draft: &Draft, findings: &[Finding])
        -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()>;
}

/// What a run found, for the summary line and the exit status.
#[derive(Debug, Default)]
struct Tally {
    /// Drafts read and checked.
    checked: usize,
    /// Of those, drafts with at least one finding.
    flagged: usize,
    findings: usize,
    /// Findings per rule family, in the order families were first seen.
    families: Vec<(String, usize)>,
    /// Drafts that could not be read, or that the engine failed on.
    failed: usize,
}

impl Tally {
    fn add(&mut self, findings: &[Finding]) {
        self.checked += 1;
        self.flagged += usize::from(!findings.is_empty());
        self.findings += findings.len();
        for f in findings {
            match self.families.iter_mut().find(|(fam, _)| fam == f.family()) {
                Some((_, n)) => *n += 1,
                None => self.families.push((f.family().to_owned(), 1)),
            }
        }
    }

    fn status(&self) -> i32 {
        if self.failed > 0 {
            TROUBLE
        } else if self.findings > 0 {
            FOUND
        } else {
            CLEAN
        }
    }
}

pub fn run(args: CheckArgs) -> i32 {
    // Stdin can be read only once; a second `-` would silently check nothing.
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        complain(format_args!("`-` (stdin) can be given only once"));
        return TROUBLE;
    }
    let mut reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(human::Human),
        OutputFormat::Json => Box::new(json::Json::default()),
    };
    // A config file is for later; every rule runs at its default severity.
    let config = Config::default();
    let mut tally = Tally::default();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = check_all(
        &args.paths,
        &config,
        reporter.as_mut(),
        &mut out,
        &mut tally,
    )
    .and_then(|()| out.flush());
    match written {
        Ok(()) => tally.status(),
        // The reader went away (`copydesk check … | head -1`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => tally.status(),
        Err(e) => {
            complain(format_args!("cannot write output: {e}"));
            TROUBLE
        }
    }
}

fn check_all(
    paths: &[PathBuf],
    config: &Config,
    reporter: &mut dyn Reporter,
    out: &mut dyn Write,
    tally: &mut Tally,
) -> io::Result<()> {
    for path in paths {
        let draft = match Draft::read(path) {
            Ok(draft) => draft,
            Err(e) => {
                // Keep stderr in step with what stdout has shown so far.
                out.flush()?;
                complain(format_args!("{e}"));
                tally.failed += 1;
                continue;
            }
        };
        // One draft that trips a bug in the engine should not cost the others
        // their findings. The panic hook has already printed the details.
        let checked = panic::catch_unwind(AssertUnwindSafe(|| {
            copydesk::check(draft.text(), draft.format(), config)
        }));
        let Ok(findings) = checked else {
            out.flush()?;
            complain(format_args!(
                "internal error while checking {}; please report it with the draft",
                draft.name()
            ));
            tally.failed += 1;
            continue;
        };
        tally.add(&findings);
        reporter.draft(out, &draft, &findings)?;
    }
    reporter.finish(out, tally)
}

/// One line on stderr. Never panics, unlike `eprintln!` on a closed stderr.
fn complain(msg: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "copydesk: {msg}");
}
