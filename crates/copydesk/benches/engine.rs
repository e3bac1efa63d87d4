//! Engine benchmarks: a full `copydesk::check`, and each stage and rule
//! family on its own, over two inputs:
//!
//! - `draft-10k`: `benches/data/draft-10k.md`, a 10,000-word Markdown draft
//!   (the dev and held-out drafts with their marks stripped, one after the
//!   other);
//! - `real`: the 645 SemEval-2019 hyperpartisan articles as Markdown, made
//!   by `python3 ../shared/data/semeval2019-hyperpartisan/to_markdown.py
//!   /tmp/real`. The directory is `$COPYDESK_REAL_DIR` or `/tmp/real`; the
//!   group is skipped with a note when it is missing.
//!
//! `keystroke`: what the incremental checker does after a one-character
//! edit of `draft-10k` (parse the draft, fingerprint every block, re-check
//! the unit the edit touched, the whole-draft passes): the engine's part of
//! a keystroke in the editor.
//!
//! And `compile`: what a fresh process pays before its first check for the
//! claim signals, compiled as `regex::Regex` and as the engine's
//! `lexicon::Matcher` (the same matches; see its documentation).
//!
//! Throughput is in bytes of source. Run with
//! `cargo bench --bench engine` (or `-- --quick` for a short run, or a
//! filter such as `-- draft-10k/check`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use copydesk::analysis::{analyze, Analysis};
use copydesk::lexicon::Verbs;
use copydesk::markup::Document;
use copydesk::rules::{self, Context};
use copydesk::{check, Config, Format};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};

const DRAFT: &str = include_str!("../../../benches/data/draft-10k.md");

fn real_articles() -> Option<Vec<String>> {
    let dir = std::env::var_os("COPYDESK_REAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/real"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        eprintln!(
            "no articles in {}: run `python3 ../shared/data/semeval2019-hyperpartisan/to_markdown.py /tmp/real` \
             (or set COPYDESK_REAL_DIR); skipping the `real` group",
            dir.display()
        );
        return None;
    }
    Some(texts)
}

/// Every stage of the engine over `docs`, one iteration = all of them.
fn stages(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, docs: &[&str]) {
    let config = Config::default();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));

    group.bench_function("check", |b| {
        b.iter(|| {
            for d in docs {
                black_box(check(black_box(d), Format::Markdown, &config));
            }
        })
    });
    group.bench_function("markup", |b| {
        b.iter(|| {
            for d in docs {
                black_box(Document::parse(black_box(d), Format::Markdown));
            }
        })
    });

    let parsed: Vec<Document> = docs
        .iter()
        .map(|d| Document::parse(d, Format::Markdown))
        .collect();
    group.bench_function("quotes+sentences", |b| {
        b.iter(|| {
            for doc in &parsed {
                for block in &doc.blocks {
                    let text = doc.text(block.span);
                    let q = copydesk::analysis::quotes::scan(text, block.span.start);
                    black_box(copydesk::analysis::sentences::split(
                        text,
                        block.span.start,
                        &q,
                    ));
                }
            }
        })
    });
    // Quotes and sentences again, plus each sentence's source cue.
    group.bench_function("attribution", |b| {
        b.iter(|| {
            for doc in &parsed {
                black_box(copydesk::analysis::analyze_blocks(doc, Verbs::builtin()));
            }
        })
    });

    let analyses: Vec<Analysis<'_>> = docs
        .iter()
        .map(|d| analyze(d, Format::Markdown, config.verbs()))
        .collect();
    group.bench_function("rules", |b| {
        b.iter(|| {
            for a in &analyses {
                black_box(copydesk::check_analysis(a, &config));
            }
        })
    });
    // Each built-in family from the registry: its block pass, then its
    // document pass if it has one.
    for family in rules::FAMILIES.iter().filter(|f| !f.rules.is_empty()) {
        group.bench_function(format!("rules/{}", family.name), |b| {
            b.iter(|| {
                for a in &analyses {
                    let mut cx = Context::new(a, &config);
                    (family.check)(&mut cx);
                    let local = rules::Local {
                        first_affiliate: cx.first_affiliate,
                        findings: cx.into_findings(),
                        disclosed: None,
                        tail_blocks: None,
                        register_vetoable: Vec::new(),
                        register_blocks: None,
                    };
                    if let Some(finish) = family.finish {
                        black_box(finish(&local, &a.doc, &config));
                    }
                    black_box(local);
                }
            })
        });
    }
}

fn engine(c: &mut Criterion) {
    {
        let mut group = c.benchmark_group("draft-10k");
        stages(&mut group, &[DRAFT]);
        group.finish();
    }
    if let Some(texts) = real_articles() {
        let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut group = c.benchmark_group("real");
        group.sample_size(10);
        stages(&mut group, &docs);
        group.finish();
    }
}

/// One-character edits across the draft, each checked incrementally, as
/// the server does after a keystroke: an `x` inserted at one of 64 places
/// (after a space, so words change) and removed again, in turn.
fn keystroke(c: &mut Criterion) {
    let config = Config::default();
    let mut checker = copydesk::incremental::Checker::new(Format::Markdown);
    checker.check(DRAFT, &config);
    let places: Vec<usize> = DRAFT
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .step_by(DRAFT.matches(' ').count() / 64)
        .collect();
    let edited: Vec<String> = places
        .iter()
        .map(|&at| format!("{}x{}", &DRAFT[..at], &DRAFT[at..]))
        .collect();
    let mut group = c.benchmark_group("keystroke");
    group.throughput(Throughput::Bytes(DRAFT.len() as u64));
    let mut next = 0;
    group.bench_function("draft-10k/incremental", |b| {
        b.iter(|| {
            // Type the character, then delete it: two checks per round.
            black_box(checker.check(&edited[next], &config));
            black_box(checker.check(DRAFT, &config));
            next = (next + 1) % edited.len();
        })
    });
    group.finish();
}

/// The claim signals as the claim rule builds them.
fn claim_signals() -> Vec<String> {
    copydesk::lexicon::entries(include_str!("../data/claim_signals.txt"))
        .filter_map(|line| line.split_once(':'))
        .map(|(_, re)| format!(r"(?i)\b(?:{})\b", re.trim()))
        .collect()
}

fn compile(c: &mut Criterion) {
    let patterns = claim_signals();
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    group.bench_function("claim-signals/regex", |b| {
        b.iter(|| {
            for p in &patterns {
                black_box(regex::Regex::new(p).unwrap());
            }
        })
    });
    group.bench_function("claim-signals/matcher", |b| {
        b.iter(|| {
            for p in &patterns {
                black_box(copydesk::lexicon::Matcher::exact(p));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // The machine is shared: short runs, medians over modest samples.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = engine, keystroke, compile
}
criterion_main!(benches);
