//! Training and evaluation (feature `train`): a greedy averaged perceptron
//! over the features of `features.rs`, trained on UD English EWT + GUM
//! train, written as the model file `model.rs` reads, then measured through
//! the same runtime path the engine uses.
//!
//! Reproducible byte for byte: the only randomness is the sentence order,
//! drawn from a seeded SplitMix64; ties break to the lowest label; tables
//! are written in key order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};

use crate::conllu::{self, Sentence};
use crate::features::{self, WordInfo, N_FEATURES};
use crate::model::{self, MAGIC, MAX_LABELS};
use crate::tags::{Label, Upos};
use crate::Tagger;

/// Keys are already mixed; hashing them again is wasted time.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Clone, Copy)]
struct Param {
    label: u8,
    w: i32,
    total: i64,
    stamp: u32,
}

/// An averaged perceptron with sparse rows and lazy averaging.
struct Perceptron {
    rows: KeyMap<Vec<Param>>,
    now: u32,
}

impl Perceptron {
    fn scores(&self, keys: &[u64; N_FEATURES], n_labels: usize) -> u8 {
        let mut scores = [0i64; MAX_LABELS];
        for k in keys {
            if let Some(row) = self.rows.get(k) {
                for p in row {
                    scores[usize::from(p.label)] += i64::from(p.w);
                }
            }
        }
        let mut best = 0;
        for i in 1..n_labels {
            if scores[i] > scores[best] {
                best = i;
            }
        }
        best as u8
    }

    fn update(&mut self, keys: &[u64; N_FEATURES], truth: u8, guess: u8) {
        let now = self.now;
        for &k in keys {
            let row = self.rows.entry(k).or_default();
            for (label, delta) in [(truth, 1), (guess, -1)] {
                let p = match row.iter().position(|p| p.label == label) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param {
                            label,
                            w: 0,
                            total: 0,
                            stamp: now,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                p.total += i64::from(now - p.stamp) * i64::from(p.w);
                p.stamp = now;
                p.w += delta;
            }
        }
    }

    /// The averaged weights, keyed and sorted.
    fn averaged(&self) -> BTreeMap<u64, Vec<(u8, f64)>> {
        let now = f64::from(self.now.max(1));
        let mut out = BTreeMap::new();
        for (&k, row) in &self.rows {
            let mut ws: Vec<(u8, f64)> = row
                .iter()
                .map(|p| {
                    let total = p.total + i64::from(self.now - p.stamp) * i64::from(p.w);
                    (p.label, total as f64 / now)
                })
                .filter(|&(_, w)| w != 0.0)
                .collect();
            if !ws.is_empty() {
                ws.sort_by_key(|&(l, _)| l);
                out.insert(k, ws);
            }
        }
        out
    }
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        features::mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Clone)]
struct Options {
    seed: u64,
    data: PathBuf,
    out: Option<PathBuf>,
    epochs: usize,
    test: bool,
    trace: bool,
    /// Averaged weights below this fraction of the largest are dropped.
    prune: f64,
    dict_min_count: usize,
    dict_min_ratio: f64,
    label_min_count: usize,
    lex_min_count: usize,
    lex_min_share: f64,
    /// How full the weight table may be.
    load: f64,
    /// Predict UPOS only (no features): for comparison.
    coarse: bool,
    /// Words seen this often get a ready-made word vector.
    vec_min_count: usize,
    /// Other prune levels to measure on dev after training (exploration only).
    sweep: Vec<f64>,
}

const USAGE: &str =
    "usage: train-tagger --data DIR [--out FILE] [--seed N] [--epochs N] [--prune F] \
[--dict-min-count N] [--dict-min-ratio F] [--trace] [--test]
  --data DIR   the folder with ewt/ and gum/ (../shared/data/ud-english)
  --out FILE   where to write the model (nothing is written without it)
  --trace      measure dev after every epoch
  --test       also measure the test splits (do this once, for a chosen model)";

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        seed: 1,
        data: PathBuf::from("../shared/data/ud-english"),
        out: None,
        epochs: 10,
        test: false,
        trace: false,
        prune: 0.02,
        dict_min_count: 20,
        dict_min_ratio: 0.97,
        label_min_count: 10,
        lex_min_count: 2,
        lex_min_share: 0.05,
        load: 0.6,
        coarse: false,
        vec_min_count: 5,
        sweep: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || {
            it.next()
                .cloned()
                .ok_or(format!("{a} needs a value\n{USAGE}"))
        };
        let bad = |v: &str| format!("bad value for {a}: {v}");
        match a.as_str() {
            "--seed" => {
                let v = val()?;
                o.seed = v.parse().map_err(|_| bad(&v))?
            }
            "--data" => o.data = PathBuf::from(val()?),
            "--out" => o.out = Some(PathBuf::from(val()?)),
            "--epochs" => {
                let v = val()?;
                o.epochs = v.parse().map_err(|_| bad(&v))?
            }
            "--prune" => {
                let v = val()?;
                o.prune = v.parse().map_err(|_| bad(&v))?
            }
            "--dict-min-count" => {
                let v = val()?;
                o.dict_min_count = v.parse().map_err(|_| bad(&v))?
            }
            "--dict-min-ratio" => {
                let v = val()?;
                o.dict_min_ratio = v.parse().map_err(|_| bad(&v))?
            }
            "--prune-sweep" => {
                let v = val()?;
                for x in v.split(',') {
                    o.sweep.push(x.parse().map_err(|_| bad(&v))?);
                }
            }
            "--lex-min-count" => {
                let v = val()?;
                o.lex_min_count = v.parse().map_err(|_| bad(&v))?
            }
            "--lex-min-share" => {
                let v = val()?;
                o.lex_min_share = v.parse().map_err(|_| bad(&v))?
            }
            "--load" => {
                let v = val()?;
                o.load = v.parse().map_err(|_| bad(&v))?
            }
            "--coarse" => o.coarse = true,
            "--vec-min-count" => {
                let v = val()?;
                o.vec_min_count = v.parse().map_err(|_| bad(&v))?
            }
            "--test" => o.test = true,
            "--trace" => o.trace = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    Ok(o)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The entry point of `train-tagger`.
pub fn main(args: &[String]) -> Result<(), String> {
    let o = parse_args(args)?;
    let file = |tb: &str, name: &str| o.data.join(tb).join(name);
    let texts = [
        read(&file("ewt", "en_ewt-ud-train.conllu"))?,
        read(&file("gum", "en_gum-ccby-train.conllu"))?,
        read(&file("ewt", "en_ewt-ud-dev.conllu"))?,
        read(&file("gum", "en_gum-ccby-dev.conllu"))?,
    ];
    let mut train: Vec<Sentence> = conllu::parse(&texts[0]);
    train.extend(conllu::parse(&texts[1]));
    if o.coarse {
        for l in train.iter_mut().flat_map(|s| s.gold.iter_mut()) {
            l.feats = Default::default();
        }
    }
    let ewt_dev = conllu::parse(&texts[2]);
    let gum_dev = conllu::parse(&texts[3]);
    eprintln!(
        "train: {} sentences, {} words",
        train.len(),
        train.iter().map(|s| s.words.len()).sum::<usize>()
    );

    let labels = label_set(&train, o.label_min_count);
    let index: HashMap<Label, u8> = labels
        .iter()
        .enumerate()
        .map(|(i, &l)| (l, i as u8))
        .collect();
    let to_index = |l: &Label| -> u8 { nearest(&labels, &index, *l) };
    let gold: Vec<Vec<u8>> = train
        .iter()
        .map(|s| s.gold.iter().map(to_index).collect())
        .collect();
    let mut infos: Vec<Vec<WordInfo>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| WordInfo::new(w)).collect())
        .collect();
    let lexicon = lexicon(&train, &infos, o.lex_min_count, o.lex_min_share);
    for info in infos.iter_mut().flatten() {
        info.amb = lexicon.get(&info.lex_key()).copied().unwrap_or(0);
    }
    let dict = tag_dict(&train, &gold, o.dict_min_count, o.dict_min_ratio);
    eprintln!(
        "labels: {}, tag dictionary: {} words, lexicon: {} words",
        labels.len(),
        dict.len(),
        lexicon.len()
    );
    let vocab: HashSet<&str> = train.iter().flat_map(|s| s.words.iter().copied()).collect();
    let mut word_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for w in train.iter().flat_map(|s| s.words.iter()) {
        *word_counts.entry(w).or_default() += 1;
    }
    let vec_words: Vec<&str> = word_counts
        .iter()
        .filter(|&(w, &n)| n >= o.vec_min_count && !dict.contains_key(&features::hash_word(w)))
        .map(|(&w, _)| w)
        .collect();

    let mut p = Perceptron {
        rows: KeyMap::default(),
        now: 0,
    };
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = SplitMix(o.seed);
    let mut keys = [0u64; N_FEATURES];
    let mut bytes = Vec::new();
    for epoch in 1..=o.epochs {
        // Fisher–Yates with the seeded generator.
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (words, gold) = (&infos[s], &gold[s]);
            let mut p1 = features::START;
            let mut p2 = features::START2;
            for i in 0..words.len() {
                let guess = match dict.get(&words[i].word) {
                    Some(&l) => l,
                    None => {
                        features::keys(words, i, p1, p2, &mut keys);
                        let guess = p.scores(&keys, labels.len());
                        p.now += 1;
                        if guess != gold[i] {
                            p.update(&keys, gold[i], guess);
                        }
                        guess
                    }
                };
                right += usize::from(guess == gold[i]);
                total += 1;
                p2 = p1;
                p1 = u64::from(guess);
            }
        }
        eprintln!(
            "epoch {epoch}: train accuracy {:.2}% (while learning), {} features",
            100.0 * right as f64 / total as f64,
            p.rows.len()
        );
        if o.trace || epoch == o.epochs {
            bytes = write_model(&o, epoch, &labels, &p, &dict, &lexicon, &vec_words);
            let tagger = Tagger::from_bytes(Box::leak(bytes.clone().into_boxed_slice()))
                .map_err(|e| e.to_string())?;
            if o.trace && epoch < o.epochs {
                for (name, set) in [("EWT dev", &ewt_dev[..]), ("GUM dev", &gum_dev[..])] {
                    let m = evaluate(&tagger, set.iter(), &vocab);
                    eprintln!("  {name}: UPOS {:.2}%", m.upos_accuracy());
                }
            }
        }
    }
    for &prune in &o.sweep {
        let b = write_model(
            &Options {
                prune,
                sweep: Vec::new(),
                ..o.clone()
            },
            o.epochs,
            &labels,
            &p,
            &dict,
            &lexicon,
            &vec_words,
        );
        let size = b.len();
        let t = Tagger::from_bytes(Box::leak(b.into_boxed_slice())).map_err(|e| e.to_string())?;
        let e = evaluate(&t, ewt_dev.iter(), &vocab).upos_accuracy();
        let g = evaluate(&t, gum_dev.iter(), &vocab).upos_accuracy();
        eprintln!("prune {prune}: {size} bytes, EWT dev {e:.2}%, GUM dev {g:.2}%");
    }
    let tagger = Tagger::from_bytes(Box::leak(bytes.clone().into_boxed_slice()))
        .map_err(|e| e.to_string())?;
    if std::env::var_os("TAGGER_SHOW_ERRORS").is_some() {
        // Exploration aid: unknown-word errors on EWT dev, with context.
        let mut pred = Vec::new();
        for s in &ewt_dev {
            tagger.tag_words(s.words.iter().copied(), &mut pred);
            for (i, (w, (g, p))) in s.words.iter().zip(s.gold.iter().zip(&pred)).enumerate() {
                if !vocab.contains(w) && p.upos != g.upos {
                    let lo = i.saturating_sub(2);
                    let hi = (i + 3).min(s.words.len());
                    eprintln!(
                        "{} -> {} | {} | {}",
                        g.upos.as_str(),
                        p.upos.as_str(),
                        w,
                        s.words[lo..hi].join(" ")
                    );
                }
            }
        }
    }
    println!("model: {} bytes, {} labels", bytes.len(), labels.len());
    let report = |name: &str, set: &[Sentence]| {
        let all = evaluate(&tagger, set.iter(), &vocab);
        println!("{}", all.render(name));
        if name.starts_with("GUM") {
            let news = evaluate(
                &tagger,
                set.iter().filter(|s| is_news_or_interview(s.doc)),
                &vocab,
            );
            println!("{}", news.render(&format!("{name} news+interview")));
            for genre in ["news", "interview"] {
                let prefix = format!("GUM_{genre}_");
                let m = evaluate(
                    &tagger,
                    set.iter().filter(|s| s.doc.starts_with(&prefix)),
                    &vocab,
                );
                println!("{}", m.render(&format!("{name} {genre} only")));
            }
        }
    };
    report("EWT dev", &ewt_dev);
    report("GUM dev", &gum_dev);
    if o.test {
        let ewt_test_text = read(&file("ewt", "en_ewt-ud-test.conllu"))?;
        let gum_test_text = read(&file("gum", "en_gum-ccby-test.conllu"))?;
        report("EWT test", &conllu::parse(&ewt_test_text));
        report("GUM test", &conllu::parse(&gum_test_text));
    }
    if let Some(out) = &o.out {
        std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

/// GUM's Wikinews news and interview documents.
pub fn is_news_or_interview(doc: &str) -> bool {
    doc.starts_with("GUM_news_") || doc.starts_with("GUM_interview_")
}

/// Every label seen at least `min` times, sorted; rarer ones are read as the
/// nearest kept label.
fn label_set(train: &[Sentence], min: usize) -> Vec<Label> {
    let mut counts: BTreeMap<Label, usize> = BTreeMap::new();
    for s in train {
        for l in &s.gold {
            *counts.entry(*l).or_default() += 1;
        }
    }
    let mut labels: Vec<Label> = counts
        .iter()
        .filter(|(_, &n)| n >= min)
        .map(|(&l, _)| l)
        .collect();
    for (&l, _) in counts.iter().filter(|(_, &n)| n < min) {
        if !labels.iter().any(|k| k.upos == l.upos) {
            labels.push(Label {
                upos: l.upos,
                feats: Default::default(),
            });
        }
    }
    labels.sort();
    labels.dedup();
    assert!(
        labels.len() <= MAX_LABELS,
        "too many labels: {}",
        labels.len()
    );
    labels
}

/// The label's index, or that of the kept label of the same UPOS sharing
/// the most features.
fn nearest(labels: &[Label], index: &HashMap<Label, u8>, l: Label) -> u8 {
    if let Some(&i) = index.get(&l) {
        return i;
    }
    let score = |k: &Label| {
        u8::from(k.feats.verb_form == l.feats.verb_form)
            + u8::from(k.feats.tense == l.feats.tense)
            + u8::from(k.feats.number == l.feats.number)
    };
    let mut best: Option<(u8, u8)> = None;
    for (i, k) in labels.iter().enumerate() {
        if k.upos == l.upos && best.is_none_or(|(_, s)| score(k) > s) {
            best = Some((i as u8, score(k)));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// Words seen at least `min_count` times with one label at least
/// `min_ratio` of the time: tagged by lookup, never scored.
fn tag_dict(train: &[Sentence], gold: &[Vec<u8>], min_count: usize, min_ratio: f64) -> KeyMap<u8> {
    let mut counts: HashMap<&str, BTreeMap<u8, usize>> = HashMap::new();
    for (s, g) in train.iter().zip(gold) {
        for (w, &l) in s.words.iter().zip(g) {
            *counts.entry(w).or_default().entry(l).or_default() += 1;
        }
    }
    let mut dict = KeyMap::default();
    for (w, c) in counts {
        let n: usize = c.values().sum();
        let (&l, &best) = c
            .iter()
            .max_by_key(|&(&l, &n)| (n, std::cmp::Reverse(l)))
            .expect("non-empty");
        if n >= min_count && best as f64 / n as f64 >= min_ratio {
            dict.insert(features::hash_word(w), l);
        }
    }
    dict
}

/// Lowercased words seen at least `min_count` times, each with a bit for
/// every UPOS that is at least `min_share` of its uses.
fn lexicon(
    train: &[Sentence],
    infos: &[Vec<WordInfo>],
    min_count: usize,
    min_share: f64,
) -> KeyMap<u32> {
    let mut counts: KeyMap<[u32; 17]> = KeyMap::default();
    for (s, info) in train.iter().zip(infos) {
        for (g, i) in s.gold.iter().zip(info) {
            counts.entry(i.lex_key()).or_insert([0; 17])[g.upos as usize] += 1;
        }
    }
    let mut lex = KeyMap::default();
    for (k, c) in counts {
        let n: u32 = c.iter().sum();
        if (n as usize) < min_count {
            continue;
        }
        let mut mask = 0u32;
        for (u, &m) in c.iter().enumerate() {
            if m > 0 && f64::from(m) / f64::from(n) >= min_share {
                mask |= 1 << u;
            }
        }
        lex.insert(k, mask);
    }
    lex
}

const CREDIT: &str = "\
copydesk_tagger model: universal part of speech with verb form, tense and number,
a greedy averaged perceptron (see docs/tagger.md).

Trained on Universal Dependencies treebanks; credit them wherever this model ships:
- UD English EWT: Silveira et al. 2014, A Gold Standard Dependency Corpus for English.
  https://github.com/UniversalDependencies/UD_English-EWT (CC BY-SA 4.0)
- UD English GUM: Zeldes 2017, The GUM Corpus: Creating Multilayer Resources in the Classroom.
  https://github.com/UniversalDependencies/UD_English-GUM (CC BY genres only)
";

/// Quantises, prunes and lays out the averaged weights as a model file.
fn write_model(
    o: &Options,
    epochs: usize,
    labels: &[Label],
    p: &Perceptron,
    dict: &KeyMap<u8>,
    lexicon: &KeyMap<u32>,
    vec_words: &[&str],
) -> Vec<u8> {
    let avg = p.averaged();
    let max = avg
        .values()
        .flat_map(|r| r.iter().map(|&(_, w)| w.abs()))
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let floor = o.prune * max;
    // The scale maps the largest weight to i16::MAX, unless a word vector
    // (a sum of word-only weights) would then overflow: scale to fit it.
    let mut max_sum = max;
    for w in vec_words {
        let mut info = WordInfo::new(w);
        info.amb = lexicon.get(&info.lex_key()).copied().unwrap_or(0);
        let mut sum = [0.0f64; MAX_LABELS];
        for k in features::word_keys(&info) {
            for &(l, x) in avg.get(&k).into_iter().flatten() {
                if x.abs() >= floor {
                    sum[usize::from(l)] += x;
                }
            }
        }
        max_sum = sum.iter().fold(max_sum, |m, x| m.max(x.abs()));
    }
    // Room for the rounding of up to N_WORD weights.
    let scale = (f64::from(i16::MAX) - features::N_WORD as f64) / max_sum;
    let mut rows: Vec<(u64, Vec<(u8, i16)>)> = Vec::new();
    for (&k, r) in &avg {
        let q: Vec<(u8, i16)> = r
            .iter()
            .filter(|&&(_, w)| w.abs() >= floor)
            .map(|&(l, w)| (l, (w * scale).round() as i16))
            .filter(|&(_, w)| w != 0)
            .collect();
        if !q.is_empty() {
            rows.push((k, q));
        }
    }

    let mut text = String::from(CREDIT);
    text.push_str(&format!(
        "\ntraining: EWT train + GUM train, seed {}, {} epochs, {} features per word, \
prune {}, load {}, word vectors count >= {}, dictionary count >= {} ratio >= {}, lexicon count >= {} share >= {}\nweights: {} features, {} labels\nlabels:",
        o.seed,
        epochs,
        N_FEATURES,
        o.prune,
        o.load,
        o.vec_min_count,
        o.dict_min_count,
        o.dict_min_ratio,
        o.lex_min_count,
        o.lex_min_share,
        rows.len(),
        labels.len()
    ));
    for l in labels {
        text.push(' ');
        text.push_str(&l.to_string());
    }
    text.push('\n');
    while text.len() % 4 != 0 {
        text.push('\n');
    }

    let mut hist = [0usize; 9];
    for (_, r) in &rows {
        hist[r.len().min(8)] += 1;
    }
    let (slots, long, dropped) = model::build_slots(&rows, labels.len(), o.load);
    let clashes = dropped.len();
    eprintln!(
        "  weights: {} rows (by length 1..8+: {:?}), {} slots, {} bytes of long rows, \
{} dropped on fingerprint clashes",
        rows.len(),
        &hist[1..],
        slots.len(),
        long.len(),
        clashes
    );

    // Ready-made sums of the word-only features of the frequent words,
    // from the very rows the table holds, so tagging gives the same scores
    // either way (unless a sum overflows i16 and is clamped: counted).
    let dropped: HashSet<u64> = dropped.into_iter().collect();
    let row_of: KeyMap<&Vec<(u8, i16)>> = rows
        .iter()
        .filter(|(k, _)| !dropped.contains(k))
        .map(|(k, r)| (*k, r))
        .collect();
    let dl = model::dense_len(labels.len());
    let mut vectors: Vec<i16> = Vec::new();
    let mut word_rows: Vec<(u64, u32)> = dict.iter().map(|(&k, &l)| (k, u32::from(l))).collect();
    let mut clamped = 0;
    for w in vec_words {
        let mut info = WordInfo::new(w);
        info.amb = lexicon.get(&info.lex_key()).copied().unwrap_or(0);
        let mut sum = vec![0i32; dl];
        for k in features::word_keys(&info) {
            if let Some(r) = row_of.get(&k) {
                for &(l, x) in r.iter() {
                    sum[usize::from(l)] += i32::from(x);
                }
            }
        }
        let index = (vectors.len() / dl) as u32;
        for x in sum {
            let c = x.clamp(i32::from(i16::MIN), i32::from(i16::MAX));
            clamped += usize::from(c != x);
            vectors.push(c as i16);
        }
        word_rows.push((info.word, model::VECTOR | index));
    }
    eprintln!(
        "  word table: {} dictionary words, {} word vectors ({} sums clamped)",
        dict.len(),
        vectors.len() / dl,
        clamped
    );
    word_rows.sort_unstable();
    word_rows.dedup_by_key(|r| r.0);
    let dict_bits = bits_for(word_rows.len(), 0.5);
    let n_dict = 1usize << dict_bits;
    let mut dslots = vec![(0u32, 0u32); n_dict];
    for (k, e) in word_rows {
        let fp = model::fingerprint(k);
        let mut i = model::dict_index(k, n_dict - 1);
        while dslots[i].0 != 0 {
            i = (i + 1) & (n_dict - 1);
        }
        dslots[i] = (fp, e);
    }

    let mut lex_rows: Vec<(u64, u32)> = lexicon.iter().map(|(&k, &m)| (k, m)).collect();
    lex_rows.sort_unstable();
    let lex_bits = bits_for(lex_rows.len(), 0.5);
    let n_lex = 1usize << lex_bits;
    let mut lslots = vec![(0u32, 0u32); n_lex];
    for (k, m) in lex_rows {
        let fp = model::fingerprint(k);
        let mut i = model::dict_index(k, n_lex - 1);
        while lslots[i].0 != 0 {
            i = (i + 1) & (n_lex - 1);
        }
        lslots[i] = (fp, m);
    }

    let mut b = Vec::new();
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&(text.len() as u32).to_le_bytes());
    b.extend_from_slice(text.as_bytes());
    b.extend_from_slice(&(labels.len() as u32).to_le_bytes());
    for l in labels {
        b.extend_from_slice(&[l.upos as u8, l.feats.to_byte(), 0, 0]);
    }
    let n_vectors = (vectors.len() / dl) as u32;
    for v in [
        slots.len() as u32,
        long.len() as u32,
        dict_bits,
        lex_bits,
        n_vectors,
    ] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    for v in slots {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&long);
    for (f, l) in dslots.into_iter().chain(lslots) {
        b.extend_from_slice(&f.to_le_bytes());
        b.extend_from_slice(&l.to_le_bytes());
    }
    for x in vectors {
        b.extend_from_slice(&x.to_le_bytes());
    }
    b
}

/// The fewest bits for a table holding `n` at most `load` full.
fn bits_for(n: usize, load: f64) -> u32 {
    let mut bits = 4;
    while ((1usize << bits) as f64) * load < n as f64 {
        bits += 1;
    }
    bits
}

/// Counts for one evaluation set.
#[derive(Default)]
pub struct Metrics {
    words: usize,
    upos_right: usize,
    label_right: usize,
    unknown: usize,
    unknown_right: usize,
    feat_words: usize,
    feat_right: usize,
    verb_words: usize,
    finite_right: usize,
    /// Per gold/predicted UPOS: true positives, gold count, predicted count.
    per_tag: [[usize; 3]; 17],
    /// Errors by (gold, predicted) UPOS.
    confusions: BTreeMap<(Upos, Upos), usize>,
}

impl Metrics {
    pub fn upos_accuracy(&self) -> f64 {
        100.0 * self.upos_right as f64 / self.words.max(1) as f64
    }

    pub fn f1(&self, u: Upos) -> f64 {
        let [tp, gold, pred] = self.per_tag[u as usize];
        if gold + pred == 0 {
            return 0.0;
        }
        100.0 * 2.0 * tp as f64 / (gold + pred) as f64
    }

    fn render(&self, name: &str) -> String {
        let mut conf: Vec<_> = self.confusions.iter().collect();
        conf.sort_by_key(|&(k, &n)| (std::cmp::Reverse(n), *k));
        let conf: Vec<String> = conf
            .iter()
            .take(8)
            .map(|((g, p), n)| format!("{}>{} {n}", g.as_str(), p.as_str()))
            .collect();
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        format!(
            "{name}: {} words, UPOS {:.2}% (unknown words {:.2}% of {}), \
full label {:.2}%, features on NOUN/PROPN/PRON/VERB/AUX {:.2}%, finite-or-not on VERB/AUX {:.2}%\n  \
F1 PROPN {:.2}  VERB {:.2}  NOUN {:.2}  AUX {:.2}  ADJ {:.2}  PRON {:.2}\n  \
most confused (gold>predicted): {}",
            self.words,
            self.upos_accuracy(),
            pct(self.unknown_right, self.unknown),
            self.unknown,
            pct(self.label_right, self.words),
            pct(self.feat_right, self.feat_words),
            pct(self.finite_right, self.verb_words),
            self.f1(Upos::Propn),
            self.f1(Upos::Verb),
            self.f1(Upos::Noun),
            self.f1(Upos::Aux),
            self.f1(Upos::Adj),
            self.f1(Upos::Pron),
            conf.join(", "),
        )
    }
}

/// Tags each sentence's gold words and compares with the gold labels.
pub fn evaluate<'s, 'a: 's>(
    tagger: &Tagger,
    set: impl Iterator<Item = &'s Sentence<'a>>,
    vocab: &HashSet<&str>,
) -> Metrics {
    let mut m = Metrics::default();
    let mut pred = Vec::new();
    for s in set {
        tagger.tag_words(s.words.iter().copied(), &mut pred);
        for ((w, g), p) in s.words.iter().zip(&s.gold).zip(&pred) {
            m.words += 1;
            let ok = g.upos == p.upos;
            m.upos_right += usize::from(ok);
            m.label_right += usize::from(g == p);
            if !vocab.contains(w) {
                m.unknown += 1;
                m.unknown_right += usize::from(ok);
            }
            if g.upos.has_feats() {
                m.feat_words += 1;
                m.feat_right += usize::from(g.feats == p.feats);
            }
            if matches!(g.upos, Upos::Verb | Upos::Aux) {
                m.verb_words += 1;
                m.finite_right += usize::from(g.feats.is_finite() == p.feats.is_finite());
            }
            m.per_tag[g.upos as usize][1] += 1;
            m.per_tag[p.upos as usize][2] += 1;
            if ok {
                m.per_tag[g.upos as usize][0] += 1;
            } else {
                *m.confusions.entry((g.upos, p.upos)).or_default() += 1;
            }
        }
    }
    m
}
