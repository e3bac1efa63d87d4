//! `copydesk check`: the command-line edge.
//!
//! Reads drafts (files, or stdin for `-`), runs the engine on each, and prints
//! the findings for people (`human`) or for programs (`json`). This module and
//! its children are the only code that writes to stdout; they do no detection
//! and turn byte spans into lines and columns only through `line_index`.
//!
//! Exit status: 0 when nothing is found, 1 when something is, 2 on a usage
//! error, when a draft cannot be read or checked, or when a configuration
//! file is invalid (2 wins over 1).
//!
//! Each draft is checked with the `copydesk.toml` found from its own
//! directory (stdin: the current directory), looked up once per directory.
//! An invalid file is reported as `path:line:col: message` and the drafts
//! under it are checked with the defaults, so nothing is lost.

mod draft;
mod human;
mod json;
pub mod sources;

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use clap::{Args, ValueEnum};
use copydesk::{Config, Finding};

use crate::config_file;
use draft::Draft;

const CLEAN: i32 = 0;
const FOUND: i32 = 1;
const TROUBLE: i32 = 2;

const AFTER_HELP: &str = "\
Exit status: 0 when nothing is found, 1 when something is, 2 on a usage error or \
when a draft cannot be read or a copydesk.toml is invalid (2 wins over 1; the \
other drafts are still checked, and drafts under an invalid copydesk.toml are checked \
with the defaults).

Each draft is checked with the copydesk.toml in its directory or the nearest \
directory above it (stdin: from the current directory), unless --config or \
--no-config says otherwise.

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

    /// Use this configuration file for every draft instead of looking for copydesk.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use the default configuration; ignore any copydesk.toml.
    #[arg(long)]
    pub no_config: bool,
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
    /// Configuration files that could not be used.
    bad_configs: usize,
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
        if self.failed > 0 || self.bad_configs > 0 {
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
    let mut configs = Configs::new(&args);
    let mut tally = Tally::default();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = check_all(
        &args.paths,
        &mut configs,
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

/// The configuration for each draft: `--config`, `--no-config`, or the
/// `copydesk.toml` found from the draft's directory, looked up and loaded
/// once per directory and per file.
struct Configs {
    fixed: Option<PathBuf>,
    none: bool,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    by_file: HashMap<PathBuf, Rc<Config>>,
    default: Rc<Config>,
}

impl Configs {
    fn new(args: &CheckArgs) -> Configs {
        Configs {
            fixed: args.config.clone(),
            none: args.no_config,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            default: Rc::new(Config::default()),
        }
    }

    /// The configuration for a draft at `path` (`-` for stdin). A file that
    /// cannot be used is reported once, counted, and the defaults stand in.
    fn for_draft(&mut self, path: &Path, tally: &mut Tally) -> Rc<Config> {
        if self.none {
            return Rc::clone(&self.default);
        }
        let file = match &self.fixed {
            Some(file) => Some(file.clone()),
            None => {
                let dir = if path.as_os_str() == "-" {
                    PathBuf::from(".")
                } else {
                    path.parent().unwrap_or(Path::new(".")).to_owned()
                };
                self.by_dir
                    .entry(dir)
                    .or_insert_with_key(|dir| config_file::find(dir))
                    .clone()
            }
        };
        let Some(file) = file else {
            return Rc::clone(&self.default);
        };
        if let Some(config) = self.by_file.get(&file) {
            return Rc::clone(config);
        }
        let config = match config_file::load(&file) {
            Ok(config) => Rc::new(config),
            Err(e) => {
                for line in e.lines() {
                    complain(format_args!("{line}"));
                }
                tally.bad_configs += 1;
                Rc::clone(&self.default)
            }
        };
        self.by_file.insert(file, Rc::clone(&config));
        config
    }
}

fn check_all(
    paths: &[PathBuf],
    configs: &mut Configs,
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
        out.flush()?;
        let config = configs.for_draft(path, tally);
        // One draft that trips a bug in the engine should not cost the others
        // their findings. The panic hook has already printed the details.
        let checked = panic::catch_unwind(AssertUnwindSafe(|| {
            copydesk::check(draft.text(), draft.format(), &config)
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
