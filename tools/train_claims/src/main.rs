//! `train-claims`: trains copydesk's claim model and reports its figures.
//!
//! ```text
//! cargo run --release -p train_claims -- [--skip-test] [--seed N] [--out FILE]
//!     [--ratchet FILE] [--export-dir DIR] [--only-write]
//! ```
//!
//! 1. Materialises the labelled sentences (`tools/train_claims/export.py`,
//!    which reads training/claims and renders the SemEval articles from
//!    ../shared/data) and computes the engine's signals for each.
//! 2. Trains logistic regression (L2, SGD, seeded shuffles) on the train
//!    split for each point of a small grid, picks the point with the best
//!    average precision on dev, and the thresholds on dev: `medium` for
//!    precision, `high` for recall, `low` for surer findings.
//! 3. Writes the model (byte for byte the same for the same data and seed),
//!    the ratchet fixture of the team-written drafts, and prints the figures
//!    on dev, on the dev corpus, and once on test.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use copydesk::Span;
use copydesk_claims::features::Feature;
use copydesk_claims::{Cue, Detector, Sensitivity};
use copydesk_tagger::Tagger;
use train_claims::{
    average_precision, engine_score, find_corpus_dev, read_corpus, repo_root, score_corpus,
    Confusion, EngineView, Rng, Sentence,
};

const GOAL_PRECISION: f64 = 0.85;
const HIGH_RECALL: f64 = 0.80;
const LOW_PRECISION: f64 = 0.92;
/// Passes over the training data. Session 25: 30 rather than 15 ranks the
/// sessions the model never trained on (s19-s24) a little better, drafts
/// and real articles both (model AP .7373 -> .7390), and in the engine
/// takes a false alarm off validation's real articles (docs/claims.md §6zc).
const EPOCHS: usize = 30;
/// The first pass whose weights are averaged into the model
/// ([`train_claims::sgd_averaged`]); `EPOCHS` averages nothing. Session
/// 25: the second half (epochs 16–30) averaged, with λ 3e-4 ([`PINNED`]),
/// ranks the never-trained sessions better (AP .7390 → .7505) and takes
/// 4 + 2 false alarms off validation (docs/claims.md §6zc, §6zd).
const AVERAGE_FROM: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Split {
    Train,
    Dev,
    Test,
}

struct Unit {
    /// `semeval` or `draft` (training/claims), or a marked corpus:
    /// `spent`, `heldout`, `spent-real`.
    source: String,
    /// For a marked corpus, the session that wrote it (`s11`), or `heldout`.
    session: String,
    doc: String,
    para: i64,
    /// Gold: an unsourced claim (C).
    claim: bool,
    label: char,
    /// Labelled with `?`: left out of every figure.
    debatable: bool,
    split: Split,
    sent: Sentence,
}

struct Args {
    seed: u64,
    out: PathBuf,
    ratchet: PathBuf,
    data: Option<PathBuf>,
    /// Where the export and the spent real articles are materialised
    /// (`target/claims-export`); the reproducibility test sets its own.
    export_dir: PathBuf,
    skip_test: bool,
    errors: bool,
    cv: bool,
    /// Leave the marked corpora out of training altogether.
    no_marked: bool,
    /// Out-of-session predictions on the marked corpora, by band.
    by_session: bool,
    /// Sessions whose marked corpora stay out of training, and are
    /// reported as an unseen split.
    leave_out: Vec<String>,
    /// Another model file to set beside the new one on the left-out
    /// sentences (`--compare`), band by band.
    compare: Option<PathBuf>,
    /// Take the grid's best point by dev AP instead of [`PINNED`].
    grid_pick: bool,
    /// Write the model and the ratchet fixture, then stop: no figures (the
    /// reproducibility test, `tests/reproducible.rs`).
    only_write: bool,
    /// The regime: [`PINNED`] unless `--lambda`, `--debatable-weight`,
    /// `--positive-weight`, `--real-weight`, `--epochs` or
    /// `--average-from` move it (for measuring a regime, docs/claims.md
    /// §6zh; the shipped model is the default's).
    hyper: Hyper,
    hyper_set: bool,
    /// Skip the grid (it only prints; the pick is pinned).
    no_grid: bool,
}

/// The hyperparameters the committed model is trained with (sessions 12
/// and 13's grid pick). The grid still runs and prints every point, but its
/// top points sit within a few thousandths of dev AP of each other (one
/// sentence's rank among dev's firm claims) while firing very differently
/// in the engine: in session 14, λ 3e-3 with positive weight 2 won by
/// 0.0056 and made 44 more claim findings on the 645 articles and 6 more
/// false alarms on the spent real articles (docs/claims.md §6j). So the
/// pick is fixed here, and `--grid-pick` takes the grid's best instead.
/// Session 25: λ 3e-4 (with [`AVERAGE_FROM`]), judged on sessions 19–24,
/// which the model never trains on (docs/claims.md §6zd). Session 27
/// measured the regime with sessions 19–25 in training (λ 1e-4 and
/// debatable rows at full weight ranked and fired best) but did not ship
/// it: every regime with them fails rule cases at the engine's gates
/// (docs/claims.md §6zh).
const PINNED: Hyper = Hyper {
    bits: 16,
    lambda: 3e-4,
    debatable_weight: 0.5,
    positive_weight: 1.0,
    epochs: EPOCHS,
    average_from: AVERAGE_FROM,
    real_weight: 1.0,
};

fn parse_args() -> Result<Args, String> {
    let root = repo_root();
    let mut a = Args {
        seed: 16,
        out: root.join("crates/copydesk_claims/model/claims.bin"),
        ratchet: root.join("crates/copydesk_claims/tests/data/drafts.tsv"),
        data: None,
        export_dir: root.join("target/claims-export"),
        skip_test: false,
        errors: false,
        cv: false,
        no_marked: false,
        by_session: false,
        leave_out: Vec::new(),
        compare: None,
        grid_pick: false,
        only_write: false,
        hyper: PINNED,
        hyper_set: false,
        no_grid: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--seed" => a.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => a.out = PathBuf::from(val()?),
            "--ratchet" => a.ratchet = PathBuf::from(val()?),
            "--data" => a.data = Some(PathBuf::from(val()?)),
            "--export-dir" => a.export_dir = PathBuf::from(val()?),
            "--skip-test" => a.skip_test = true,
            "--errors" => a.errors = true,
            "--cv" => a.cv = true,
            "--no-marked" => a.no_marked = true,
            "--by-session" => a.by_session = true,
            "--leave-out" => a.leave_out.push(val()?),
            "--compare" => a.compare = Some(PathBuf::from(val()?)),
            "--grid-pick" => a.grid_pick = true,
            "--only-write" => a.only_write = true,
            "--no-grid" => a.no_grid = true,
            "--lambda" | "--debatable-weight" | "--positive-weight" | "--real-weight" => {
                let v: f64 = val()?.parse().map_err(|e| format!("{arg}: {e}"))?;
                match arg.as_str() {
                    "--lambda" => a.hyper.lambda = v,
                    "--debatable-weight" => a.hyper.debatable_weight = v,
                    "--real-weight" => a.hyper.real_weight = v,
                    _ => a.hyper.positive_weight = v,
                }
                a.hyper_set = true;
            }
            "--epochs" | "--average-from" => {
                let v: usize = val()?.parse().map_err(|e| format!("{arg}: {e}"))?;
                if arg == "--epochs" {
                    a.hyper.epochs = v;
                } else {
                    a.hyper.average_from = v;
                }
                a.hyper_set = true;
            }
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-claims: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs export.py into `target/claims-export` or `--export-dir` (or reads
/// `--data`).
fn export(args: &Args) -> Result<PathBuf, String> {
    if let Some(d) = &args.data {
        return Ok(d.clone());
    }
    let root = repo_root();
    let dir = args.export_dir.clone();
    let status = Command::new("python3")
        .arg(root.join("tools/train_claims/export.py"))
        .arg(&dir)
        .status()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !status.success() {
        return Err("export.py failed".into());
    }
    Ok(dir)
}

fn load(dir: &Path, tagger: &Tagger) -> Result<Vec<Unit>, String> {
    let tsv = std::fs::read_to_string(dir.join("units.tsv"))
        .map_err(|e| format!("{}: {e}", dir.join("units.tsv").display()))?;
    let mut rows: BTreeMap<(String, String), Vec<Vec<String>>> = BTreeMap::new();
    let mut order = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if f.len() != 9 {
            return Err(format!("units.tsv: bad row {line:?}"));
        }
        let key = (f[0].clone(), f[1].clone());
        if !rows.contains_key(&key) {
            order.push(key.clone());
        }
        rows.entry(key).or_default().push(f);
    }
    let mut units = Vec::new();
    for key in order {
        let path = dir.join("docs").join(format!("{}__{}.md", key.0, key.1));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let view = EngineView::new(&text);
        for f in &rows[&key] {
            if f[4] == "heading" {
                continue; // furniture; the engine does not score headings
            }
            let num = |s: &str| s.parse::<usize>().map_err(|e| format!("{s}: {e}"));
            let span = Span {
                start: num(&f[2])?,
                end: num(&f[3])?,
            };
            let label = f[6].chars().next().unwrap_or('N');
            units.push(Unit {
                session: String::new(),
                source: key.0.clone(),
                doc: key.1.clone(),
                para: f[5].parse().unwrap_or(-1),
                claim: label == 'C',
                label,
                debatable: f[7] == "?",
                split: match f[8].as_str() {
                    "train" => Split::Train,
                    "dev" => Split::Dev,
                    "test" => Split::Test,
                    s => return Err(format!("unknown split {s}")),
                },
                sent: view.sentence(span, tagger),
            });
        }
    }
    Ok(units)
}

/// The entries of a folder that `keep` accepts, sorted by path.
fn sorted_entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| keep(p))
        .collect();
    out.sort();
    Ok(out)
}

/// The sessions of the spent real articles: each README of
/// `tests/corpus/spent-real` lists the ids of its split (`README.md` is
/// session 6's, `README-s7.md` session 7's, and so on).
fn real_sessions(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let names = sorted_entries(dir, |p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("README"))
    })?;
    for p in names {
        let stem = p
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let session = stem.strip_prefix("README-").unwrap_or("s6").to_owned();
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        for w in text.split(|c: char| !c.is_ascii_digit()) {
            if w.len() == 7 && w.starts_with('0') {
                out.insert(w.to_owned(), session.clone());
            }
        }
    }
    Ok(out)
}

/// Spent sessions kept out of training (`training/claims/untrained_sessions.txt`:
/// a session id per line, `#` starts a comment): a split joins the tuning
/// data when its round is scored, but the model trains on it only once a
/// retrain with it was measured and kept (docs/claims.md §6m). They can
/// still be left out and scored with `--leave-out`.
fn untrained_sessions() -> Result<Vec<String>, String> {
    train_claims::session_list("training/claims/untrained_sessions.txt")
}

/// The marked corpora as training sentences: the spent test drafts
/// (`tests/corpus/spent/s*`), the held-out drafts (`tests/corpus/heldout`)
/// and the spent real articles (`tests/corpus/spent-real`, rebuilt from
/// ../shared/data by its `materialize.py`), written and labelled blind by
/// other people to the product's guide. Every sentence the claim rule reads
/// is a unit: C when it overlaps a `claim` passage, debatable C when it
/// overlaps only a `?claim` one, N otherwise (training/claims/README.md).
fn load_marked(tagger: &Tagger, export_dir: &Path) -> Result<Vec<Unit>, String> {
    let root = repo_root();
    let corpus = root.join("tests/corpus");
    let mut sets: Vec<(&str, String, PathBuf)> = Vec::new();
    for d in sorted_entries(&corpus.join("spent"), |p| p.is_dir())? {
        let session = d
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        sets.push(("spent", session, d));
    }
    sets.push(("heldout", "heldout".into(), corpus.join("heldout")));
    let real = export_dir.join("spent-real");
    let status = Command::new("python3")
        .arg(corpus.join("spent-real/materialize.py"))
        .arg(&real)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !status.success() {
        return Err("tests/corpus/spent-real/materialize.py failed".into());
    }
    let sessions = real_sessions(&corpus.join("spent-real"))?;
    sets.push(("spent-real", String::new(), real));
    let mut units = Vec::new();
    for (source, session, dir) in sets {
        let drafts = read_corpus(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for d in &drafts {
            let stem = d.name.trim_end_matches(".md");
            let session = if source == "spent-real" {
                sessions
                    .get(stem)
                    .cloned()
                    .ok_or(format!("spent-real {stem}: no README names its session"))?
            } else {
                session.clone()
            };
            for m in d.sentences(tagger) {
                units.push(Unit {
                    source: source.to_owned(),
                    session: session.clone(),
                    doc: stem.to_owned(),
                    para: m.block as i64,
                    claim: m.gold != Some(false),
                    label: if m.gold == Some(false) { 'N' } else { 'C' },
                    debatable: m.gold.is_none(),
                    split: Split::Train,
                    sent: m.sent,
                });
            }
        }
    }
    Ok(units)
}

#[derive(Debug, Clone, Copy)]
struct Hyper {
    bits: u32,
    lambda: f64,
    debatable_weight: f64,
    /// Weight of a C row against a not-C row.
    positive_weight: f64,
    /// Passes over the data, and the first pass averaged ([`EPOCHS`],
    /// [`AVERAGE_FROM`]).
    epochs: usize,
    average_from: usize,
    /// Weight of a real article's row (`semeval`, `spent-real`) against a
    /// draft's.
    real_weight: f64,
}

struct Trained {
    weights: Vec<f32>,
    bias: f32,
}

/// Logistic regression with L2 by seeded SGD ([`train_claims::sgd`]),
/// each row weighted for being debatable and for being a claim.
fn train(units: &[&Unit], feats: &[Vec<Feature>], h: Hyper, seed: u64) -> Trained {
    let rows: Vec<(bool, f64)> = units
        .iter()
        .map(|u| {
            let real = u.source == "semeval" || u.source == "spent-real";
            let w = if u.debatable { h.debatable_weight } else { 1.0 }
                * if u.claim { h.positive_weight } else { 1.0 }
                * if real { h.real_weight } else { 1.0 };
            (u.claim, w)
        })
        .collect();
    let (weights, bias) = train_claims::sgd_averaged(
        feats,
        &rows,
        h.bits,
        h.lambda,
        h.epochs,
        h.average_from,
        seed,
    );
    Trained { weights, bias }
}

fn predict(m: &Trained, feats: &[Feature]) -> f32 {
    let z = m.bias
        + feats
            .iter()
            .map(|f| m.weights[f.index as usize] * f.value)
            .sum::<f32>();
    copydesk_claims::sigmoid(z)
}

/// Thresholds on dev: the most recall with precision at least `min_p` (and
/// at least five findings, so one lucky sentence does not set it); `None`
/// when no cut reaches it. Cuts fall midway between neighbouring scores.
fn threshold_for_precision(pairs: &[(f32, bool)], min_p: f64) -> Option<f32> {
    let mut v = pairs.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos = v.iter().filter(|p| p.1).count().max(1);
    let mut best: Option<(f64, f32)> = None;
    let mut tp = 0usize;
    for k in 0..v.len() {
        tp += usize::from(v[k].1);
        if k + 1 < v.len() && v[k + 1].0 == v[k].0 {
            continue;
        }
        let predicted = k + 1;
        let p = tp as f64 / predicted as f64;
        let r = tp as f64 / pos as f64;
        if predicted >= 5 && p >= min_p && best.is_none_or(|(br, _)| r > br) {
            let next = v.get(k + 1).map_or(0.0, |x| x.0);
            best = Some((r, (v[k].0 + next) / 2.0));
        }
    }
    best.map(|b| b.1)
}

/// The highest cut that reaches recall `min_r` on dev.
fn threshold_for_recall(pairs: &[(f32, bool)], min_r: f64) -> f32 {
    let mut v = pairs.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos = v.iter().filter(|p| p.1).count().max(1);
    let mut tp = 0usize;
    for k in 0..v.len() {
        tp += usize::from(v[k].1);
        if k + 1 < v.len() && v[k + 1].0 == v[k].0 {
            continue;
        }
        if tp as f64 / pos as f64 >= min_r {
            let next = v.get(k + 1).map_or(0.0, |x| x.0);
            return (v[k].0 + next) / 2.0;
        }
    }
    0.0
}

/// Sentence and paragraph figures for a set of units at a threshold.
struct Figures {
    sentences: Confusion,
    paragraphs: Confusion,
    false_alarms: usize,
    words: usize,
}

fn figures(units: &[&Unit], probs: &[f32], threshold: f32) -> Figures {
    let mut sentences = Confusion::default();
    let mut paras: BTreeMap<(&str, &str, i64), (bool, bool, bool)> = BTreeMap::new();
    let (mut false_alarms, mut words) = (0, 0);
    for (u, &p) in units.iter().zip(probs) {
        let fired = p >= threshold;
        words += u.sent.words;
        let e = paras
            .entry((&u.source, &u.doc, u.para))
            .or_insert((false, false, false));
        e.2 |= fired;
        if u.debatable {
            e.1 |= u.claim;
            continue;
        }
        e.0 |= u.claim;
        sentences.add(u.claim, fired);
        false_alarms += usize::from(fired && !u.claim);
    }
    let mut paragraphs = Confusion::default();
    for (gold, debatable_claim, fired) in paras.into_values() {
        if !gold && debatable_claim {
            continue;
        }
        paragraphs.add(gold, fired);
    }
    Figures {
        sentences,
        paragraphs,
        false_alarms,
        words,
    }
}

fn report(title: &str, units: &[&Unit], probs: &[f32], threshold: f32) -> String {
    let mut s = String::new();
    let f = figures(units, probs, threshold);
    s += &f.sentences.report(&format!("{title}, sentences"));
    let is_real = |u: &Unit| u.source == "semeval" || u.source == "spent-real";
    let real: Vec<usize> = (0..units.len()).filter(|&i| is_real(units[i])).collect();
    let drafts: Vec<usize> = (0..units.len()).filter(|&i| !is_real(units[i])).collect();
    for (name, idx) in [("real articles", &real), ("drafts", &drafts)] {
        if idx.is_empty() {
            continue;
        }
        let us: Vec<&Unit> = idx.iter().map(|&i| units[i]).collect();
        let ps: Vec<f32> = idx.iter().map(|&i| probs[i]).collect();
        let g = figures(&us, &ps, threshold);
        s += &g.sentences.report(&format!("{title}, {name}, sentences"));
        if name == "real articles" {
            s += &g.paragraphs.report(&format!("{title}, {name}, paragraphs"));
            let _ = writeln!(
                s,
                "{title}, {name}: {} false alarms in {} words = {:.2} per 1,000 words",
                g.false_alarms,
                g.words,
                1000.0 * g.false_alarms as f64 / g.words.max(1) as f64
            );
        }
    }
    s
}

/// Reliability on dev: mean predicted probability against the share of C in
/// bins of 0.1, and the expected calibration error.
fn calibration(pairs: &[(f32, bool)]) -> String {
    let mut bins = [(0f64, 0usize, 0usize); 10];
    for &(p, g) in pairs {
        let b = ((p * 10.0) as usize).min(9);
        bins[b].0 += f64::from(p);
        bins[b].1 += 1;
        bins[b].2 += usize::from(g);
    }
    let mut s = String::from("calibration on dev (bin: n, mean predicted, share C)\n");
    let mut ece = 0.0;
    for (i, &(sum, n, c)) in bins.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let (mp, share) = (sum / n as f64, c as f64 / n as f64);
        ece += (mp - share).abs() * n as f64 / pairs.len() as f64;
        let _ = writeln!(
            s,
            "  {:.1}-{:.1}: {n:>4}  {mp:.3}  {share:.3}",
            i as f64 / 10.0,
            (i + 1) as f64 / 10.0
        );
    }
    let _ = writeln!(s, "  expected calibration error {ece:.3}");
    s
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

/// The ratchet fixture: every firmly labelled sentence of the team-written
/// drafts (their text lives in the repository), with the engine's signals.
fn write_ratchet(path: &Path, units: &[Unit]) -> Result<(), String> {
    let mut s = String::from(
        "# Written by train-claims: the firmly labelled sentences of training/claims/drafts\n\
         # with the engine's signals, for the ratchet test. Columns: doc, gold (C or -),\n\
         # phrase_claim, vague_source, cue, earlier_cue, link, sentence_in_paragraph,\n\
         # list_item, text (\\t \\n \\\\ escaped).\n",
    );
    for u in units.iter().filter(|u| u.source == "draft" && !u.debatable) {
        let g = &u.sent.signals;
        let cue = match g.attribution {
            None => "-",
            Some(Cue::Named) => "named",
            Some(Cue::Pronoun) => "pronoun",
            Some(Cue::Anonymous) => "anonymous",
            Some(Cue::Document) => "document",
        };
        let b = |x: bool| if x { "1" } else { "0" };
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{cue}\t{}\t{}\t{}\t{}\t{}",
            u.doc,
            if u.claim { "C" } else { "-" },
            b(g.phrase_claim),
            b(g.vague_source),
            b(g.attribution_earlier_in_paragraph),
            b(g.link),
            g.sentence_in_paragraph,
            b(g.list_item),
            escape(&u.sent.text)
        );
    }
    std::fs::write(path, s).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let tagger = Tagger::embedded();
    let dir = export(&args)?;
    let mut units = load(&dir, tagger)?;
    let mut left_out = Vec::new();
    if !args.no_marked || !args.leave_out.is_empty() {
        let untrained = untrained_sessions()?;
        for u in load_marked(tagger, &args.export_dir)? {
            if args.leave_out.contains(&u.session) {
                left_out.push(u);
            } else if !args.no_marked && !untrained.contains(&u.session) {
                units.push(u);
            }
        }
    }
    let count = |s: Split| units.iter().filter(|u| u.split == s).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "data: {} sentences (train {}, dev {}, test {}); {} C, {} S, {} N; {} debatable",
        units.len(),
        count(Split::Train),
        count(Split::Dev),
        count(Split::Test),
        units.iter().filter(|u| u.label == 'C').count(),
        units.iter().filter(|u| u.label == 'S').count(),
        units.iter().filter(|u| u.label == 'N').count(),
        units.iter().filter(|u| u.debatable).count(),
    );
    for source in ["spent", "heldout", "spent-real"] {
        let of: Vec<&Unit> = units.iter().filter(|u| u.source == source).collect();
        if !of.is_empty() {
            let _ = writeln!(
                out,
                "  of which {source} (marked corpus, train): {} sentences, {} C, {} debatable",
                of.len(),
                of.iter().filter(|u| u.claim && !u.debatable).count(),
                of.iter().filter(|u| u.debatable).count(),
            );
        }
    }
    if !args.leave_out.is_empty() {
        let _ = writeln!(out, "  left out of training: {}", args.leave_out.join(", "));
    }
    print!("{out}");
    let printed = out.len();
    let train_u: Vec<&Unit> = units.iter().filter(|u| u.split == Split::Train).collect();
    let dev_u: Vec<&Unit> = units.iter().filter(|u| u.split == Split::Dev).collect();

    if args.cv {
        cross_validate(&train_u, args.seed);
    }

    // Grid on dev.
    let mut best: Option<(f64, Hyper)> = None;
    let grid_bits: &[u32] = if args.no_grid { &[] } else { &[16] };
    for &bits in grid_bits {
        let feats_train: Vec<Vec<Feature>> = train_u
            .iter()
            .map(|u| {
                copydesk_claims::features_of(&u.sent.text, &u.sent.tokens, &u.sent.signals, bits)
            })
            .collect();
        let feats_dev: Vec<Vec<Feature>> = dev_u
            .iter()
            .map(|u| {
                copydesk_claims::features_of(&u.sent.text, &u.sent.tokens, &u.sent.signals, bits)
            })
            .collect();
        for lambda in [3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1] {
            for (debatable_weight, positive_weight) in
                [(0.0, 1.0), (0.5, 1.0), (0.5, 2.0), (1.0, 2.0)]
            {
                let h = Hyper {
                    bits,
                    lambda,
                    debatable_weight,
                    positive_weight,
                    ..args.hyper
                };
                let m = train(&train_u, &feats_train, h, args.seed);
                let pairs: Vec<(f32, bool)> = dev_u
                    .iter()
                    .zip(&feats_dev)
                    .filter(|(u, _)| !u.debatable)
                    .map(|(u, f)| (predict(&m, f), u.claim))
                    .collect();
                let ap = average_precision(&pairs);
                let line = format!(
                    "grid: bits {bits} lambda {lambda:e} debatable {debatable_weight} positive {positive_weight}: dev AP {ap:.4}"
                );
                println!("{line}");
                if best.is_none_or(|(b, _)| ap > b) {
                    best = Some((ap, h));
                }
            }
        }
    }
    if let Some((best_ap, best_h)) = best {
        let _ = writeln!(
            out,
            "grid best: bits {} lambda {:e} debatable weight {} positive weight {} (dev AP {best_ap:.4})",
            best_h.bits, best_h.lambda, best_h.debatable_weight, best_h.positive_weight
        );
    }
    let (h, why) = match best {
        Some((_, best_h)) if args.grid_pick => (best_h, "the grid's best (--grid-pick)"),
        _ if args.hyper_set => (args.hyper, "set on the command line"),
        _ => (args.hyper, "pinned"),
    };
    let _ = writeln!(
        out,
        "chosen ({why}): bits {} lambda {:e} debatable weight {} positive weight {}, {} epochs (averaged from {}), seed {}",
        h.bits, h.lambda, h.debatable_weight, h.positive_weight, h.epochs, h.average_from, args.seed
    );

    // The chosen model, its thresholds on dev.
    let feats_train: Vec<Vec<Feature>> = train_u
        .iter()
        .map(|u| {
            copydesk_claims::features_of(&u.sent.text, &u.sent.tokens, &u.sent.signals, h.bits)
        })
        .collect();
    let mut m = train(&train_u, &feats_train, h, args.seed);
    // Platt scaling on dev: the weighted training shifts the scores, and the
    // hover and the thresholds read them as probabilities.
    let logits: Vec<(f64, bool)> = dev_u
        .iter()
        .filter(|u| !u.debatable)
        .map(|u| {
            let p = predict(
                &m,
                &copydesk_claims::features_of(
                    &u.sent.text,
                    &u.sent.tokens,
                    &u.sent.signals,
                    h.bits,
                ),
            );
            (f64::from((p / (1.0 - p)).ln()), u.claim)
        })
        .collect();
    let (a, b) = platt(&logits);
    for w in &mut m.weights {
        *w = (f64::from(*w) * a) as f32;
    }
    m.bias = (f64::from(m.bias) * a + b) as f32;
    let _ = writeln!(out, "Platt scaling on dev: logit * {a:.4} + {b:.4}");
    if args.by_session {
        by_session(&train_u, h, args.seed, (a, b));
    }
    let dev_probs: Vec<f32> = dev_u
        .iter()
        .map(|u| {
            predict(
                &m,
                &copydesk_claims::features_of(
                    &u.sent.text,
                    &u.sent.tokens,
                    &u.sent.signals,
                    h.bits,
                ),
            )
        })
        .collect();
    let pairs = firm_pairs(&dev_u, &dev_probs);
    let high = threshold_for_recall(&pairs, HIGH_RECALL);
    let medium = threshold_for_precision(&pairs, GOAL_PRECISION).unwrap_or_else(|| {
        out += "note: no cut reaches precision .85 on dev; medium is the best-F1 cut\n";
        best_f1_cut(&pairs)
    });
    let medium = medium.max(high);
    // When dev cannot tell the two apart (the same cut reaches both
    // precisions), `low` sits halfway between `medium` and 1 so that it
    // still means fewer findings.
    let low = threshold_for_precision(&pairs, LOW_PRECISION)
        .filter(|&l| l > medium)
        .unwrap_or(medium + (1.0 - medium) / 2.0);
    let _ = writeln!(
        out,
        "thresholds: low {low:.4}  medium {medium:.4}  high {high:.4}"
    );

    // Write the model; everything below reads it back through the runtime.
    let mut header = String::new();
    let _ = writeln!(
        header,
        "copydesk claim model: logistic regression over hashed sentence features."
    );
    let _ = writeln!(
        header,
        "trained by train-claims (tools/train_claims) on training/claims, split train;"
    );
    let _ = writeln!(header, "hyper-parameters and thresholds chosen on dev.");
    header += &out;
    let bytes =
        copydesk_claims::model::write(&header, h.bits, [low, medium, high], m.bias, &m.weights);
    std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
    if args.only_write {
        write_ratchet(&args.ratchet, &units)?;
        println!(
            "model: {} ({} bytes); ratchet: {} (--only-write: no figures)",
            args.out.display(),
            bytes.len(),
            args.ratchet.display()
        );
        return Ok(());
    }
    let detector =
        Detector::from_bytes(Box::leak(bytes.into_boxed_slice())).map_err(|e| e.to_string())?;
    let score = |s: &Sentence| detector.score(&s.text, &s.tokens, &s.signals).probability;
    let t = detector.threshold(Sensitivity::Medium);

    print!("{}", &out[printed..]);
    let dev_probs: Vec<f32> = dev_u.iter().map(|u| score(&u.sent)).collect();
    println!("\n== dev (medium threshold {t:.4}) ==");
    print!("{}", report("dev", &dev_u, &dev_probs, t));
    print!("{}", calibration(&pairs));
    println!("operating points on dev (threshold: precision, recall, findings)");
    for k in 1..10 {
        let th = k as f32 / 10.0;
        let f = figures(&dev_u, &dev_probs, th);
        println!(
            "  {th:.1}: {:.3} {:.3} {}",
            f.sentences.precision(),
            f.sentences.recall(),
            f.sentences.tp + f.sentences.fp
        );
    }
    if args.errors {
        for (u, &p) in dev_u.iter().zip(&dev_probs) {
            if !u.debatable && u.claim != (p >= t) {
                let reasons: Vec<&str> = detector
                    .score(&u.sent.text, &u.sent.tokens, &u.sent.signals)
                    .reasons()
                    .map(|r| r.as_str())
                    .collect();
                println!(
                    "  {} {p:.3} [{}] {:?} {}",
                    if u.claim { "MISS" } else { "FALSE" },
                    reasons.join("; "),
                    u.sent.signals,
                    u.sent.text.replace('\n', " ")
                );
            }
        }
    }
    for (name, s) in [("low", Sensitivity::Low), ("high", Sensitivity::High)] {
        let f = figures(&dev_u, &dev_probs, detector.threshold(s));
        println!(
            "dev at {name} ({:.4}): precision {:.3} recall {:.3}",
            detector.threshold(s),
            f.sentences.precision(),
            f.sentences.recall()
        );
    }
    // The engine's decision (rules/claim.rs): the phrase list OR the model.
    let either = |us: &[&Unit], ps: &[f32]| -> Vec<f32> {
        us.iter()
            .zip(ps)
            .map(|(u, &p)| engine_score(&u.sent, p))
            .collect()
    };
    let phrase_only: Vec<f32> = dev_u
        .iter()
        .map(|u| f32::from(u8::from(u.sent.signals.phrase_claim)))
        .collect();
    print!(
        "{}",
        report("dev, phrase list alone", &dev_u, &phrase_only, 0.5)
    );
    // The phrase list only where the model does not rule the sentence out
    // (its probability is at least the high threshold).
    let hi = detector.threshold(Sensitivity::High);
    let gated: Vec<f32> = dev_u
        .iter()
        .zip(&dev_probs)
        .map(|(u, &p)| {
            if u.sent.signals.phrase_claim && p >= hi {
                1.0
            } else {
                p
            }
        })
        .collect();
    print!(
        "{}",
        report(
            "dev, phrase list (gated) OR model at medium",
            &dev_u,
            &gated,
            t
        )
    );
    let dev_either = either(&dev_u, &dev_probs);
    for (name, s) in [
        ("medium", Sensitivity::Medium),
        ("low", Sensitivity::Low),
        ("high", Sensitivity::High),
    ] {
        print!(
            "{}",
            report(
                &format!("dev, phrase list OR model at {name}"),
                &dev_u,
                &dev_either,
                detector.threshold(s)
            )
        );
    }

    // The team-written drafts, all splits: the ratchet's figures.
    write_ratchet(&args.ratchet, &units)?;
    let draft_u: Vec<&Unit> = units.iter().filter(|u| u.source == "draft").collect();
    let draft_p: Vec<f32> = draft_u.iter().map(|u| score(&u.sent)).collect();
    let f = figures(&draft_u, &draft_p, t);
    println!(
        "\nratchet (all team drafts, {}): precision {:.3} recall {:.3}",
        args.ratchet.display(),
        f.sentences.precision(),
        f.sentences.recall()
    );

    // The dev corpus.
    match find_corpus_dev() {
        Some(dir) => {
            let drafts = read_corpus(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            println!(
                "\n== dev corpus ({}, {} drafts) ==",
                dir.display(),
                drafts.len()
            );
            for (name, s) in [
                ("medium", Sensitivity::Medium),
                ("low", Sensitivity::Low),
                ("high", Sensitivity::High),
            ] {
                let c = score_corpus(&drafts, tagger, &score, detector.threshold(s));
                print!(
                    "{}",
                    c.sentences
                        .report(&format!("dev corpus at {name}, sentences"))
                );
                println!(
                    "dev corpus at {name}: passages recalled {}/{} = {:.3}; {} false alarms in {} words",
                    c.passages_recalled,
                    c.passages,
                    c.passages_recalled as f64 / c.passages.max(1) as f64,
                    c.false_alarms,
                    c.words
                );
            }
            let without = |s: &Sentence| {
                let signals = copydesk_claims::Signals {
                    phrase_claim: false,
                    ..s.signals
                };
                detector.score(&s.text, &s.tokens, &signals).probability
            };
            let c = score_corpus(&drafts, tagger, &without, t);
            print!(
                "{}",
                c.sentences.report(
                    "dev corpus at medium with the phrase-list signal withheld (the list was fitted to this corpus), sentences"
                )
            );
            let either = |s: &Sentence| engine_score(s, score(s));
            let c = score_corpus(&drafts, tagger, &either, t);
            print!(
                "{}",
                c.sentences
                    .report("dev corpus, phrase list OR model at medium, sentences")
            );
            let phrase = score_corpus(
                &drafts,
                tagger,
                &|s: &Sentence| if s.signals.phrase_claim { 1.0 } else { 0.0 },
                0.5,
            );
            print!(
                "{}",
                phrase
                    .sentences
                    .report("dev corpus, today's phrase list alone, sentences")
            );
        }
        None => println!("\n(dev corpus not found; set COPYDESK_CORPUS_DEV)"),
    }

    if args.skip_test {
        println!("\n(test split skipped)");
    } else {
        let test_u: Vec<&Unit> = units.iter().filter(|u| u.split == Split::Test).collect();
        let test_p: Vec<f32> = test_u.iter().map(|u| score(&u.sent)).collect();
        println!("\n== test, once (medium threshold {t:.4}) ==");
        print!("{}", report("test", &test_u, &test_p, t));
        let test_either = either(&test_u, &test_p);
        print!(
            "{}",
            report("test, phrase list OR model", &test_u, &test_either, t)
        );
    }
    if !left_out.is_empty() {
        let lo: Vec<&Unit> = left_out.iter().collect();
        let p: Vec<f32> = lo.iter().map(|u| score(&u.sent)).collect();
        let name = args.leave_out.join(", ");
        println!(
            "\n== left out of training: {name} ({} sentences) ==",
            lo.len()
        );
        let pairs = firm_pairs(&lo, &p);
        if let Some(path) = std::env::var_os("CLAIMS_DUMP") {
            // A measurement hook: every left-out sentence with its score,
            // for error analysis (docs/claims.md §6zc).
            // `engine` is the engine's decision as a score (`engine_score`:
            // 1 where the phrase list, a bare figure or a forecast fires).
            let mut s = String::from("session\tsource\tdoc\tlabel\tdebatable\tp\tengine\ttext\n");
            for (u, p) in lo.iter().zip(&p) {
                let _ = writeln!(
                    s,
                    "{}\t{}\t{}\t{}\t{}\t{p:.4}\t{:.4}\t{}",
                    u.session,
                    u.source,
                    u.doc,
                    u.label,
                    u8::from(u.debatable),
                    engine_score(&u.sent, *p),
                    escape(&u.sent.text)
                );
            }
            std::fs::write(&path, s).map_err(|e| format!("CLAIMS_DUMP: {e}"))?;
        }
        println!("left out: model AP {:.4}", average_precision(&pairs));
        for (part, real) in [("drafts", false), ("real articles", true)] {
            let (us, ps): (Vec<&Unit>, Vec<f32>) = lo
                .iter()
                .zip(&p)
                .filter(|(u, _)| (u.source == "spent-real") == real)
                .map(|(u, p)| (*u, *p))
                .unzip();
            println!(
                "left out, {part}: model AP {:.4}",
                average_precision(&firm_pairs(&us, &ps))
            );
        }
        print!(
            "{}",
            report(&format!("{name}, model at medium"), &lo, &p, t)
        );
        let alone = t.max(copydesk::analysis::claim::MODEL_ALONE);
        print!(
            "{}",
            report(
                &format!("{name}, phrase list OR model at {alone:.3}"),
                &lo,
                &either(&lo, &p),
                alone
            )
        );
        if let Some(path) = &args.compare {
            compare(path, &lo, &p, alone)?;
        }
    }
    println!(
        "\nmodel: {} ({} bytes)",
        args.out.display(),
        std::fs::metadata(&args.out).map_or(0, |m| m.len())
    );
    Ok(())
}

/// Five-fold cross-validation on the train split, by document: a steadier
/// yardstick than dev's few dozen claims for deciding on features (the dev
/// split and test stay out of it).
fn cross_validate(train_u: &[&Unit], seed: u64) {
    let h = Hyper {
        lambda: 1e-2,
        ..PINNED
    };
    let fold = |u: &Unit| {
        let mut x = Rng(u
            .doc
            .bytes()
            .fold(seed, |a, b| a.wrapping_mul(31).wrapping_add(u64::from(b))));
        (x.next_u64() % 5) as usize
    };
    let mut pairs = Vec::new();
    for k in 0..5 {
        let tr: Vec<&Unit> = train_u.iter().copied().filter(|u| fold(u) != k).collect();
        let te: Vec<&Unit> = train_u
            .iter()
            .copied()
            .filter(|u| fold(u) == k && !u.debatable)
            .collect();
        let feats = |us: &[&Unit]| features(us, h.bits);
        let m = train(&tr, &feats(&tr), h, seed);
        for (u, f) in te.iter().zip(feats(&te)) {
            pairs.push((predict(&m, &f), u.claim));
        }
    }
    let at = |t: f32| {
        let mut c = Confusion::default();
        for &(p, g) in &pairs {
            c.add(g, p >= t);
        }
        c
    };
    let (c3, c5) = (at(0.3), at(0.5));
    println!(
        "cv (train split, 5 folds by document): AP {:.4}; at 0.3 P {:.3} R {:.3}; at 0.5 P {:.3} R {:.3}",
        average_precision(&pairs),
        c3.precision(),
        c3.recall(),
        c5.precision(),
        c5.recall()
    );
}

/// The features of each unit.
fn features(us: &[&Unit], bits: u32) -> Vec<Vec<Feature>> {
    us.iter()
        .map(|u| copydesk_claims::features_of(&u.sent.text, &u.sent.tokens, &u.sent.signals, bits))
        .collect()
}

/// (probability, gold) for the firmly labelled units.
fn firm_pairs(us: &[&Unit], probs: &[f32]) -> Vec<(f32, bool)> {
    us.iter()
        .zip(probs)
        .filter(|(u, _)| !u.debatable)
        .map(|(u, &p)| (p, u.claim))
        .collect()
}

/// Leave-one-session-out predictions on the marked corpora at the chosen
/// hyper-parameters (each session's drafts and articles scored by a model
/// trained on everything else in train, with the final model's Platt
/// scaling `platt`); then how
/// the sentences no phrase signal flags fall in bands of the model's
/// score: the evidence for the model-alone floor (`MODEL_ALONE`) from text
/// each model has not seen.
fn by_session(train_u: &[&Unit], h: Hyper, seed: u64, platt: (f64, f64)) {
    let feats = |us: &[&Unit]| features(us, h.bits);
    let mut sessions: Vec<&str> = train_u
        .iter()
        .filter(|u| !u.session.is_empty())
        .map(|u| u.session.as_str())
        .collect();
    sessions.sort_unstable();
    sessions.dedup();
    let bands = [0.0f32, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.01];
    // (real?, band) -> (C, not-C)
    let mut counts = BTreeMap::new();
    let mut pairs = Vec::new();
    for &k in &sessions {
        let tr: Vec<&Unit> = train_u.iter().copied().filter(|u| u.session != k).collect();
        let te: Vec<&Unit> = train_u
            .iter()
            .copied()
            .filter(|u| u.session == k && !u.debatable)
            .collect();
        let m = train(&tr, &feats(&tr), h, seed);
        for (u, f) in te.iter().zip(feats(&te)) {
            let raw = f64::from(predict(&m, &f));
            let z = (raw / (1.0 - raw)).ln() * platt.0 + platt.1;
            let p = (1.0 / (1.0 + (-z).exp())) as f32;
            pairs.push((p, u.claim));
            if u.sent.signals.phrase_claim {
                continue;
            }
            let b = bands.iter().rposition(|&x| p >= x).unwrap_or(0);
            let e = counts
                .entry((u.source == "spent-real", b))
                .or_insert((0usize, 0usize));
            if u.claim {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    println!(
        "by session ({}): out-of-session AP {:.4}; sentences no phrase signal flags, by the model's calibrated score, C / not-C:",
        sessions.join(" "),
        average_precision(&pairs)
    );
    for ((real, b), (c, n)) in counts {
        println!(
            "  {} {:.2}-{:.2}: {c} / {n}",
            if real { "real  " } else { "drafts" },
            bands[b],
            bands[b + 1].min(1.0)
        );
    }
}

/// Sets another model file (`old`) beside the new model's probabilities
/// `new_p` on the left-out units: the sentences no phrase signal flags, C /
/// not-C by band of each model, and the firm claims and not-claims that
/// cross the model-alone floor `alone` one way or the other.
fn compare(old: &Path, lo: &[&Unit], new_p: &[f32], alone: f32) -> Result<(), String> {
    let bytes = std::fs::read(old).map_err(|e| format!("{}: {e}", old.display()))?;
    let detector = Detector::from_bytes(Box::leak(bytes.into_boxed_slice()))
        .map_err(|e| format!("{}: {e}", old.display()))?;
    let old_p: Vec<f32> = lo
        .iter()
        .map(|u| {
            detector
                .score(&u.sent.text, &u.sent.tokens, &u.sent.signals)
                .probability
        })
        .collect();
    let bands = [0.0f32, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.01];
    let band = |p: f32| bands.iter().rposition(|&x| p >= x).unwrap_or(0);
    // (real?, band) -> [old C, old not-C, new C, new not-C]
    let mut counts: BTreeMap<(bool, usize), [usize; 4]> = BTreeMap::new();
    for (i, u) in lo.iter().enumerate() {
        if u.debatable || u.sent.signals.phrase_claim {
            continue;
        }
        let real = u.source == "spent-real";
        let gold = usize::from(!u.claim);
        counts.entry((real, band(old_p[i]))).or_default()[gold] += 1;
        counts.entry((real, band(new_p[i]))).or_default()[2 + gold] += 1;
    }
    println!(
        "\ncompared with {} (sentences no phrase signal flags, C / not-C by band: old | new):",
        old.display()
    );
    for ((real, b), [oc, on, nc, nn]) in counts {
        println!(
            "  {} {:.2}-{:.2}: {oc} / {on} | {nc} / {nn}",
            if real { "real  " } else { "drafts" },
            bands[b],
            bands[b + 1].min(1.0)
        );
    }
    println!("crossing the floor {alone:.3} (old -> new, gold, phrase signal, sentence):");
    for (i, u) in lo.iter().enumerate() {
        if !u.debatable && (old_p[i] >= alone) != (new_p[i] >= alone) {
            println!(
                "  {:.3} -> {:.3} {} {} {}: {}",
                old_p[i],
                new_p[i],
                if u.claim { "C" } else { "-" },
                if u.sent.signals.phrase_claim {
                    "phrase"
                } else {
                    "-"
                },
                u.doc,
                u.sent.text
            );
        }
    }
    Ok(())
}

/// Fits p = sigmoid(a * z + b) to labelled logits by Newton's method, with
/// Platt's smoothed targets so a perfectly separated dev set stays finite.
fn platt(data: &[(f64, bool)]) -> (f64, f64) {
    let pos = data.iter().filter(|d| d.1).count() as f64;
    let neg = data.len() as f64 - pos;
    let (hi, lo) = ((pos + 1.0) / (pos + 2.0), 1.0 / (neg + 2.0));
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-9, 0.0, 1e-9);
        for &(z, y) in data {
            let t = if y { hi } else { lo };
            let p = 1.0 / (1.0 + (-(a * z + b)).exp());
            let d = p - t;
            let w = p * (1.0 - p);
            ga += d * z;
            gb += d;
            haa += w * z * z;
            hab += w * z;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() < 1e-10 && db.abs() < 1e-10 {
            break;
        }
    }
    (a, b)
}

fn best_f1_cut(pairs: &[(f32, bool)]) -> f32 {
    let mut v = pairs.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos = v.iter().filter(|p| p.1).count().max(1);
    let (mut tp, mut best) = (0usize, (0f64, 0.5f32));
    for k in 0..v.len() {
        tp += usize::from(v[k].1);
        let f1 = 2.0 * tp as f64 / ((k + 1) + pos) as f64;
        if f1 > best.0 {
            best = (f1, (v[k].0 + v.get(k + 1).map_or(0.0, |x| x.0)) / 2.0);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked() -> Vec<(f32, bool)> {
        // Scores high to low: four C, one not-C, two C, then not-C.
        vec![
            (0.95, true),
            (0.9, true),
            (0.85, true),
            (0.8, true),
            (0.7, false),
            (0.6, true),
            (0.5, true),
            (0.4, false),
            (0.3, false),
            (0.2, false),
        ]
    }

    #[test]
    fn the_precision_cut_takes_the_most_recall_that_keeps_precision() {
        let t = threshold_for_precision(&ranked(), 0.85).unwrap();
        // Seven findings hold 6 C (.857); eight would be .75.
        assert!(t > 0.4 && t < 0.5, "{t}");
        assert_eq!(threshold_for_precision(&ranked(), 1.01), None);
    }

    #[test]
    fn the_recall_cut_is_the_highest_that_reaches_recall() {
        let t = threshold_for_recall(&ranked(), 0.8);
        // Five of six C are above 0.55.
        assert!(t > 0.5 && t < 0.6, "{t}");
    }

    #[test]
    fn average_precision_is_one_for_a_perfect_ranking() {
        let perfect = [(0.9, true), (0.8, true), (0.1, false)];
        assert!((average_precision(&perfect) - 1.0).abs() < 1e-12);
        assert!(average_precision(&ranked()) < 1.0);
    }

    #[test]
    fn platt_scaling_keeps_the_order_and_fits_the_rate() {
        let data: Vec<(f64, bool)> = (0..200)
            .map(|i| (f64::from(i) / 50.0 - 2.0, i % 4 == 0 || i > 150))
            .collect();
        let (a, b) = platt(&data);
        assert!(a > 0.0, "{a}");
        let mean: f64 = data
            .iter()
            .map(|&(z, _)| 1.0 / (1.0 + (-(a * z + b)).exp()))
            .sum::<f64>()
            / data.len() as f64;
        let rate = data.iter().filter(|d| d.1).count() as f64 / data.len() as f64;
        assert!((mean - rate).abs() < 0.02, "{mean} {rate}");
    }

    #[test]
    fn the_shuffle_is_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        Rng(7).shuffle(&mut a);
        Rng(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<u32>>());
    }
}
