//! `copydesk check`: the command-line edge.
//!
//! Reads drafts (files, directories walked by `walk`, or stdin for `-`), runs
//! the engine on each, and prints the findings for people (`human`), for
//! programs (`json`), for code scanning (`sarif`), for GitHub Actions
//! (`github`) or for editors' quickfix lists (`compact`). This module and its
//! children are the only code that writes to stdout; they do no detection and
//! turn byte spans into lines and columns only through `line_index`.
//!
//! Stdout carries the chosen format and nothing else; complaints and the
//! human summary go to stderr, so a machine format can be piped as it is.
//!
//! Exit status: 0 when no finding reaches `--severity`, 1 when one does, 2 on
//! a usage error, when a draft cannot be read or checked, or when a
//! configuration file is invalid (2 wins over 1).
//!
//! Drafts are read and checked on every core (`parallel`), and reported in
//! input order by this thread, so the output does not depend on the number
//! of threads; a progress bar shows on stderr for long runs at a terminal
//! (`progress`).
//!
//! Each draft is checked with the `copydesk.toml` found from its own
//! directory (stdin: from `--stdin-filename`'s directory, else the current
//! one), looked up once per directory. An invalid file is reported as
//! `path:line:col: message` and the drafts under it are checked with the
//! defaults, so nothing is lost.

mod compact;
mod config;
mod draft;
mod github;
mod human;
mod json;
mod parallel;
mod progress;
mod sarif;
pub mod sources;
mod walk;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use clap::{Args, ValueEnum};
use copydesk::{Config, Finding, Severity};

use copydesk_ls::config_file;
use draft::Draft;
use progress::Progress;
use walk::{Filter, Input};

const CLEAN: i32 = 0;
const FOUND: i32 = 1;
const TROUBLE: i32 = 2;

const AFTER_HELP: &str = "\
Exit status: 0 when no finding reaches --severity, 1 when one does, 2 on a usage \
error or when a draft cannot be read or a copydesk.toml is invalid (2 wins over 1; \
the other drafts are still checked, and drafts under an invalid copydesk.toml are \
checked with the defaults).

Each draft is checked with the copydesk.toml in its directory or the nearest \
directory above it (stdin: from --stdin-filename's directory, else the current \
directory), unless --config or --no-config says otherwise.

Paths are required: a bare `copydesk check` is a usage error rather than a silent \
read of stdin. Only regular files are read (not devices, FIFOs or sockets, even \
through a symbolic link), and none larger than --max-size (64 MiB unless raised); \
a file refused is named on stderr, the others are still checked, and the exit \
status is 2. Give `-` to check stdin, reported as `<stdin>` (or as \
--stdin-filename, which also picks the format). A directory is walked like \
ripgrep walks it (.gitignore, .ignore, hidden files skipped) for .md, .markdown, \
.txt, .html and .htm files, in sorted order; a file named on the command line is \
always checked.

Drafts are checked on every core (--jobs limits it) and reported in the order \
above whatever the number of threads. When stderr is a terminal and a run takes \
more than a moment, a progress bar shows there; never in a pipe or a CI log.

JSON output is one array of findings over all drafts, each \
{path, rule, severity, message, start, end}; start and end are \
{line, column, offset} with line and column 1-based, column in characters, offset \
in UTF-8 bytes of the file, end exclusive. SARIF columns count UTF-16 code units \
(columnKind utf16CodeUnits); human, compact and github columns count characters.";

#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct CheckArgs {
    /// Drafts or directories to check (Markdown; plain text for .txt, HTML for .html and .htm); `-` reads stdin.
    #[arg(value_name = "PATH", required_unless_present = "stdin_filename")]
    pub paths: Vec<PathBuf>,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Colour the human format; `auto`: on a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Exit 1 only for findings at or above this severity (the rest are still printed).
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = Level::Hint)]
    pub severity: Level,

    /// Leave out findings below this severity altogether.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Level>,

    /// In directories, check only files matching this glob (repeatable; replaces the default extensions).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// In directories, skip files and directories matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// The name to report stdin under; its extension picks the format and its directory the copydesk.toml. Implies `-` when no path is given.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Use this configuration file for every draft instead of looking for copydesk.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use the default configuration; ignore any copydesk.toml.
    #[arg(long)]
    pub no_config: bool,

    /// Refuse drafts and configuration files larger than this (bytes, or with K, M or G: 256M).
    #[arg(long, value_name = "SIZE", default_value = draft::DEFAULT_MAX_SIZE, value_parser = draft::parse_size)]
    pub max_size: u64,

    /// Check this many drafts at once (default: one per core); the output is the same whatever the number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

/// The `--format` values; each is one `Reporter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[rule]: message`, the source line underlined; a summary on stderr.
    Human,
    /// One JSON array of findings over all drafts.
    Json,
    /// A SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…::message`), shown as annotations.
    Github,
    /// One line per finding, `path:line:col: severity: message [rule]`, for quickfix lists.
    Compact,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// `--severity` and `--min-severity`: the engine's severities, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Error,
    Warning,
    Info,
    Hint,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Severity {
        match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
            Level::Hint => Severity::Hint,
        }
    }
}

/// Whether `severity` is at least as severe as `threshold` (errors are the
/// least in `Severity`'s order).
fn reaches(severity: Severity, threshold: Severity) -> bool {
    severity <= threshold
}

/// One way of printing findings. Drafts arrive in the order they are checked
/// and `finish` runs once at the end, even when no draft could be read.
trait Reporter {
    fn draft(&mut self, out: &mut dyn Write, draft: &Draft, findings: &[Finding])
        -> io::Result<()>;
    /// Whatever a format writes after the last draft (a closing bracket, a
    /// whole SARIF log); most write nothing.
    fn finish(&mut self, _out: &mut dyn Write, _tally: &Tally) -> io::Result<()> {
        Ok(())
    }
}

/// What a run found, for the summary line and the exit status.
#[derive(Debug, Default)]
struct Tally {
    /// Drafts read and checked.
    checked: usize,
    /// Of those, drafts with at least one finding.
    flagged: usize,
    findings: usize,
    /// Findings at or above `--severity`: these make the run exit 1.
    failing: usize,
    /// Findings per rule family, in the order families were first seen.
    families: Vec<(String, usize)>,
    /// Drafts that could not be read, or that the engine failed on.
    failed: usize,
    /// Configuration files that could not be used.
    bad_configs: usize,
}

impl Tally {
    fn add(&mut self, findings: &[Finding], threshold: Severity) {
        self.checked += 1;
        self.flagged += usize::from(!findings.is_empty());
        self.findings += findings.len();
        for f in findings {
            self.failing += usize::from(reaches(f.severity, threshold));
            match self.families.iter_mut().find(|(fam, _)| fam == f.family()) {
                Some((_, n)) => *n += 1,
                None => self.families.push((f.family().to_owned(), 1)),
            }
        }
    }

    fn status(&self) -> i32 {
        if self.failed > 0 || self.bad_configs > 0 {
            TROUBLE
        } else if self.failing > 0 {
            FOUND
        } else {
            CLEAN
        }
    }
}

/// What every draft in a run is checked and reported with.
struct Run<'a> {
    stdin_name: Option<&'a str>,
    /// `--max-size`, in bytes.
    max_size: u64,
    /// `--jobs`: how many drafts are checked at once.
    jobs: usize,
    /// `--severity`.
    threshold: Severity,
    /// `--min-severity`: findings below it are dropped before reporting.
    floor: Severity,
}

pub fn run(args: CheckArgs) -> i32 {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        // `--stdin-filename` alone: clap has already required one or the other.
        paths.push(PathBuf::from("-"));
    }
    // Stdin can be read only once; a second `-` would silently check nothing.
    let stdin_count = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        complain(format_args!("`-` (stdin) can be given only once"));
        return TROUBLE;
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        complain(format_args!(
            "--stdin-filename names stdin, but `-` is not among the paths"
        ));
        return TROUBLE;
    }
    let filter = Filter {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    if let Err(walk::BadGlob(e)) = filter.validate() {
        complain(format_args!("{e}"));
        return TROUBLE;
    }
    let color = use_color(args.color);
    let mut reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(human::Human::new(color)),
        OutputFormat::Json => Box::new(json::Json::default()),
        OutputFormat::Sarif => Box::new(sarif::Sarif::default()),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Compact => Box::new(compact::Compact),
    };
    let configs = Configs::new(&args);
    let settings = Run {
        stdin_name: args.stdin_filename.as_deref(),
        max_size: args.max_size,
        jobs: args.jobs.map_or_else(parallel::default_jobs, usize::from),
        threshold: args.severity.into(),
        floor: args.min_severity.map_or(Severity::Hint, Severity::from),
    };
    let mut tally = Tally::default();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let inputs = walk::inputs(&paths, &filter);
    let written = check_all(
        &inputs,
        &settings,
        &configs,
        reporter.as_mut(),
        &mut out,
        &mut tally,
    )
    .and_then(|()| out.flush());
    let status = match written {
        Ok(()) => tally.status(),
        // The reader went away (`copydesk check … | head -1`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return tally.status(),
        Err(e) => {
            complain(format_args!("cannot write output: {e}"));
            return TROUBLE;
        }
    };
    if args.format == OutputFormat::Human {
        // On stderr, so that `copydesk check … > report.txt` keeps findings only.
        let _ = writeln!(io::stderr().lock(), "{}", human::summary(&tally));
    }
    status
}

/// Whether the human format gets colour: `--color`, then (for `auto`) what
/// anstream decides for clap's own output: never with NO_COLOR set, always
/// with CLICOLOR_FORCE, else when stdout is a terminal that supports colour.
fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !matches!(
            anstream::AutoStream::choice(&io::stdout()),
            anstream::ColorChoice::Never
        ),
    }
}

/// The configuration for each draft: `--config`, `--no-config`, or the
/// `copydesk.toml` found from the draft's directory, looked up and loaded
/// once per directory and per file, by whichever worker needs it first.
struct Configs {
    fixed: Option<PathBuf>,
    /// Where stdin's configuration is looked up from: `--stdin-filename`'s
    /// directory, or the current one.
    stdin_dir: PathBuf,
    none: bool,
    max_size: u64,
    default: Arc<Config>,
    cache: Mutex<ConfigCache>,
}

#[derive(Default)]
struct ConfigCache {
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    by_file: HashMap<PathBuf, Result<Arc<Config>, Arc<BadConfig>>>,
}

/// A configuration file that could not be used: its path and what to say.
#[derive(Debug)]
struct BadConfig {
    file: PathBuf,
    complaint: Vec<String>,
}

impl Configs {
    fn new(args: &CheckArgs) -> Configs {
        let stdin_dir = args
            .stdin_filename
            .as_deref()
            .and_then(|name| Path::new(name).parent())
            .filter(|dir| !dir.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned();
        Configs {
            fixed: args.config.clone(),
            stdin_dir,
            none: args.no_config,
            max_size: args.max_size,
            default: Arc::new(Config::default()),
            cache: Mutex::default(),
        }
    }

    /// The configuration for a draft at `path` (`-` for stdin). A file that
    /// cannot be used comes back beside the defaults that stand in for it,
    /// for the caller to report once, in order.
    fn for_draft(&self, path: &Path) -> (Arc<Config>, Option<Arc<BadConfig>>) {
        if self.none {
            return (Arc::clone(&self.default), None);
        }
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let file = match &self.fixed {
            Some(file) => Some(file.clone()),
            None => {
                let dir = if path.as_os_str() == "-" {
                    self.stdin_dir.clone()
                } else {
                    path.parent().unwrap_or(Path::new(".")).to_owned()
                };
                cache
                    .by_dir
                    .entry(dir)
                    .or_insert_with_key(|dir| config_file::find(dir))
                    .clone()
            }
        };
        let Some(file) = file else {
            return (Arc::clone(&self.default), None);
        };
        let loaded = cache.by_file.entry(file).or_insert_with_key(|file| {
            config::load(file, self.max_size)
                .map(Arc::new)
                .map_err(|e| {
                    Arc::new(BadConfig {
                        file: file.clone(),
                        complaint: e.lines(),
                    })
                })
        });
        match loaded {
            Ok(config) => (Arc::clone(config), None),
            Err(bad) => (Arc::clone(&self.default), Some(Arc::clone(bad))),
        }
    }
}

/// What checking one input came to, sent from a worker to be reported in
/// its place.
enum Outcome {
    /// It could not be listed or read.
    Unreadable(String),
    /// It was read; the configuration it was checked with may have been
    /// the defaults standing in for a bad file.
    Read {
        draft: Draft,
        bad_config: Option<Arc<BadConfig>>,
        /// `None` when the engine failed on it.
        findings: Option<Vec<Finding>>,
    },
}

/// Read and check one input: the part of a run that runs on every core.
fn check_one(input: &Input, run: &Run<'_>, configs: &Configs) -> Outcome {
    let path = match input {
        Input::Stdin => Path::new("-"),
        Input::File(path) => path.as_path(),
        Input::Unreadable(why) => return Outcome::Unreadable(why.clone()),
    };
    let draft = match Draft::read(path, run.stdin_name, run.max_size) {
        Ok(draft) => draft,
        Err(e) => return Outcome::Unreadable(e.to_string()),
    };
    let (config, bad_config) = configs.for_draft(path);
    // One draft that trips a bug in the engine should not cost the others
    // their findings. The panic hook has already printed the details.
    let checked = panic::catch_unwind(AssertUnwindSafe(|| {
        copydesk::check(draft.text(), draft.format(), &config)
    }));
    let findings = checked.ok().map(|mut findings| {
        findings.retain(|f| reaches(f.severity, run.floor));
        findings
    });
    Outcome::Read {
        draft,
        bad_config,
        findings,
    }
}

/// Check every input on `jobs` threads and report each in input order, so
/// the output is the same whatever the number of threads.
fn check_all(
    inputs: &[Input],
    run: &Run<'_>,
    configs: &Configs,
    reporter: &mut dyn Reporter,
    out: &mut dyn Write,
    tally: &mut Tally,
) -> io::Result<()> {
    let mut progress = Progress::new(inputs.len());
    let mut reported_configs = HashSet::new();
    // `out` and the bar are both needed by `report` and `tick`.
    let progress_cell = std::cell::RefCell::new(&mut progress);
    let report = |outcome: Outcome| -> io::Result<()> {
        let progress = progress_cell.borrow();
        match outcome {
            Outcome::Unreadable(why) => {
                // Keep stderr in step with what stdout has shown so far.
                progress.suspend(|| out.flush())?;
                progress.suspend(|| complain(format_args!("{why}")));
                tally.failed += 1;
            }
            Outcome::Read {
                draft,
                bad_config,
                findings,
            } => {
                if let Some(bad) = bad_config {
                    if reported_configs.insert(bad.file.clone()) {
                        // A bad copydesk.toml is complained about in step with stdout.
                        progress.suspend(|| out.flush())?;
                        progress.suspend(|| {
                            for line in &bad.complaint {
                                complain(format_args!("{line}"));
                            }
                        });
                        tally.bad_configs += 1;
                    }
                }
                let Some(findings) = findings else {
                    progress.suspend(|| out.flush())?;
                    progress.suspend(|| {
                        complain(format_args!(
                            "internal error while checking {}; please report it with the draft",
                            draft.name()
                        ))
                    });
                    tally.failed += 1;
                    return Ok(());
                };
                tally.add(&findings, run.threshold);
                progress.suspend(|| {
                    reporter.draft(out, &draft, &findings)?;
                    // With the bar up, the draft must reach the terminal
                    // before the bar is drawn again.
                    if progress.showing() {
                        out.flush()?;
                    }
                    Ok::<(), io::Error>(())
                })?;
            }
        }
        Ok(())
    };
    // On more than one thread, the word lists are compiled ahead on a
    // thread of their own, from the last stage back, while the workers
    // check from the first stage on: instead of one worker compiling each
    // matcher while the others wait for it, the two ends meet in the middle.
    // It searches nothing, so it keeps no regex caches.
    let compile = (run.jobs > 1 && inputs.len() > 1)
        .then(|| {
            std::thread::Builder::new()
                .name("copydesk-compile".into())
                .spawn(copydesk::compile_matchers)
                .ok()
        })
        .flatten();
    let checked = parallel::for_each_in_order(
        inputs,
        run.jobs,
        |input| check_one(input, run, configs),
        report,
        |done| progress_cell.borrow_mut().tick(done),
    );
    if let Some(compile) = compile {
        // A panic there was printed by the hook; the checks compiled what
        // they needed themselves.
        let _ = compile.join();
    }
    checked?;
    progress.finish();
    reporter.finish(out, tally)
}

/// One line on stderr. Never panics, unlike `eprintln!` on a closed stderr.
fn complain(msg: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "copydesk: {msg}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::Span;

    fn finding(severity: Severity) -> Finding {
        Finding::new("promo.code", severity, Span::new(0, 1), "m")
    }

    #[test]
    fn only_findings_that_reach_the_threshold_fail_the_run() {
        let mut tally = Tally::default();
        tally.add(
            &[finding(Severity::Info), finding(Severity::Hint)],
            Severity::Warning,
        );
        assert_eq!((tally.findings, tally.failing), (2, 0));
        assert_eq!(tally.status(), CLEAN);
        tally.add(&[finding(Severity::Warning)], Severity::Warning);
        assert_eq!(tally.status(), FOUND);
        tally.add(&[finding(Severity::Error)], Severity::Error);
        assert_eq!(tally.failing, 2);
        tally.failed = 1;
        assert_eq!(tally.status(), TROUBLE);
    }

    #[test]
    fn reaching_counts_errors_as_the_most_severe() {
        assert!(reaches(Severity::Error, Severity::Warning));
        assert!(reaches(Severity::Warning, Severity::Warning));
        assert!(!reaches(Severity::Info, Severity::Warning));
        assert!(reaches(Severity::Hint, Severity::Hint));
    }
}
