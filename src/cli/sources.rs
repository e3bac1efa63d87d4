//! `copydesk sources`: who a draft quotes, in the terminal or as JSON.
//!
//! The ledger comes from the engine (`copydesk::sources`); this module only
//! reads the drafts (and their `copydesk.toml`) and prints. Exit status: 0
//! when every draft was read, 2 when one could not be or a `copydesk.toml`
//! is broken (the others are still listed, a broken file's drafts with the
//! defaults).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use copydesk::sources::{self, Speaker, SpeakerKind};
use copydesk::Config;
use serde::Serialize;

use super::draft::{Draft, Position};
use copydesk_ls::config_file;

const AFTER_HELP: &str = "\
Lists every direct quotation in the draft under its speaker: the speaker as the \
draft names them (a later \"Lopez\" joins an earlier \"Maria Lopez\"), whether the \
speaker is named or anonymous, how many quotations, and the line of the first. \
Quotations with no speaker are listed last, under \"no source\".

JSON output is one array over all drafts, each {path, speakers: [{speaker, kind, \
count, first_line, quotes: [{excerpt, start, end}]}]}, where kind is named, \
anonymous, unidentified or none, and start and end are {line, column, offset} as \
in `copydesk check --format json`.";

#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct SourcesArgs {
    /// Drafts to read (Markdown; plain text for .txt, HTML for .html and .htm); `-` reads stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// How to print the ledger.
    #[arg(long, value_enum, default_value_t = SourcesFormat::Human)]
    pub format: SourcesFormat,

    /// Use the default configuration; ignore any copydesk.toml.
    #[arg(long)]
    pub no_config: bool,

    /// Refuse drafts and configuration files larger than this (bytes, or with K, M or G: 256M).
    #[arg(long, value_name = "SIZE", default_value = super::draft::DEFAULT_MAX_SIZE, value_parser = super::draft::parse_size)]
    pub max_size: u64,
}

/// Each draft's `copydesk.toml` (its extra reporting verbs change who is a
/// speaker), found from the draft's directory as `copydesk check` does; a
/// file that cannot be used is reported once and the defaults stand in.
struct Configs {
    max_size: u64,
    by_file: HashMap<PathBuf, Config>,
    bad: bool,
}

impl Configs {
    fn for_draft(&mut self, path: &Path) -> Config {
        let dir = if path.as_os_str() == "-" {
            Path::new(".")
        } else {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        let Some(file) = config_file::find(dir) else {
            return Config::default();
        };
        if let Some(config) = self.by_file.get(&file) {
            return config.clone();
        }
        let config = super::config::load(&file, self.max_size).unwrap_or_else(|e| {
            for line in e.lines() {
                super::complain(format_args!("{line}"));
            }
            self.bad = true;
            Config::default()
        });
        self.by_file.insert(file, config.clone());
        config
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourcesFormat {
    /// A table per draft: speaker, kind, number of quotes, first line.
    Human,
    /// One JSON array over all drafts.
    Json,
}

#[derive(Serialize)]
struct JsonDraft {
    path: String,
    speakers: Vec<JsonSpeaker>,
}

#[derive(Serialize)]
struct JsonSpeaker {
    speaker: String,
    kind: SpeakerKind,
    count: usize,
    first_line: usize,
    quotes: Vec<JsonQuote>,
}

#[derive(Serialize)]
struct JsonQuote {
    excerpt: String,
    start: Position,
    end: Position,
}

pub fn run(args: SourcesArgs) -> i32 {
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        super::complain(format_args!("`-` (stdin) can be given only once"));
        return 2;
    }
    let mut failed = false;
    let mut configs = Configs {
        max_size: args.max_size,
        by_file: HashMap::new(),
        bad: false,
    };
    let mut json = Vec::new();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut written: io::Result<()> = Ok(());
    for path in &args.paths {
        let draft = match Draft::read(path, None, args.max_size) {
            Ok(d) => d,
            Err(e) => {
                let _ = out.flush();
                super::complain(format_args!("{e}"));
                failed = true;
                continue;
            }
        };
        let config = if args.no_config {
            Config::default()
        } else {
            configs.for_draft(path)
        };
        let ledger = sources::ledger_with(draft.text(), draft.format(), &config);
        match args.format {
            SourcesFormat::Human => {
                if written.is_ok() {
                    written = human(&mut out, &draft, &ledger);
                }
            }
            SourcesFormat::Json => json.push(to_json(&draft, &ledger)),
        }
    }
    if args.format == SourcesFormat::Json && written.is_ok() {
        written = serde_json::to_writer_pretty(&mut out, &json)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out));
    }
    let written = written.and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            super::complain(format_args!("cannot write output: {e}"));
            2
        }
        _ if failed || configs.bad => 2,
        _ => 0,
    }
}

fn human(out: &mut dyn Write, draft: &Draft, ledger: &[Speaker]) -> io::Result<()> {
    let quotes: usize = ledger.iter().map(|s| s.quotes.len()).sum();
    let speakers = ledger
        .iter()
        .filter(|s| s.kind != SpeakerKind::None)
        .count();
    writeln!(
        out,
        "{}: {} {}, {} {}",
        draft.name(),
        speakers,
        plural(speakers, "speaker", "speakers"),
        quotes,
        plural(quotes, "quotation", "quotations"),
    )?;
    let width = ledger
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for s in ledger {
        let first = draft.position(s.quotes[0].span.start).line;
        let n = s.quotes.len();
        writeln!(
            out,
            "  {:<width$}  {:<12}  {:>2} {:<10}  first on line {first}",
            s.name,
            s.kind.label(),
            n,
            plural(n, "quotation", "quotations"),
        )?;
        for q in &s.quotes {
            let at = draft.position(q.span.start);
            writeln!(out, "      {}:{}  “{}”", at.line, at.column, q.excerpt)?;
        }
    }
    Ok(())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn to_json(draft: &Draft, ledger: &[Speaker]) -> JsonDraft {
    JsonDraft {
        path: draft.name().to_string(),
        speakers: ledger
            .iter()
            .map(|s| JsonSpeaker {
                speaker: s.name.clone(),
                kind: s.kind,
                count: s.quotes.len(),
                first_line: draft.position(s.quotes[0].span.start).line,
                quotes: s
                    .quotes
                    .iter()
                    .map(|q| JsonQuote {
                        excerpt: q.excerpt.clone(),
                        start: draft.position(q.span.start),
                        end: draft.position(q.span.end),
                    })
                    .collect(),
            })
            .collect(),
    }
}
