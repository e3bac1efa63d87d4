//! Speed work must not change a single prediction: tags the engine's
//! 10,000-word benchmark draft (tokenizer and tagger) and, when the
//! treebanks are beside the repository, every sentence of EWT dev and test
//! and GUM dev (gold words with `tag_words`, and EWT dev's raw `# text`
//! lines with `tag`), and compares a fingerprint of every span and label
//! with the one recorded for the shipped implementation and model.
//!
//! A retrained model changes the fingerprints: record the new ones (the
//! failure message prints them) together with the new accuracy figures.

mod common;
use common::data_dir;

use copydesk_tagger::{conllu, Label, Tagger, Token};

/// FNV-1a over the printed output, token by token.
struct Fp(u64, usize);

impl Fp {
    fn new() -> Fp {
        Fp(0xcbf2_9ce4_8422_2325, 0)
    }
    fn add(&mut self, s: &str) {
        for &b in s.as_bytes().iter().chain(b"\n") {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.1 += 1;
    }
    fn token(&mut self, t: &Token) {
        self.add(&format!(
            "{} {} {} {:?}",
            t.span.start,
            t.span.end,
            t.upos.as_str(),
            t.feats
        ));
    }
    fn label(&mut self, l: &Label) {
        self.add(&format!("{l}"));
    }
}

fn tag_text<'a>(sentences: impl Iterator<Item = &'a str>) -> (u64, usize) {
    let tagger = Tagger::embedded();
    let mut fp = Fp::new();
    let mut out = Vec::new();
    for s in sentences {
        tagger.tag(s, &mut out);
        for t in &out {
            fp.token(t);
        }
        fp.add("");
    }
    (fp.0, fp.1)
}

#[test]
fn draft_tags_are_unchanged() {
    let text = include_str!("../../../benches/data/draft-10k.md");
    // Cut as the tag bench does.
    let got = tag_text(
        text.lines()
            .flat_map(|l| l.split_inclusive(". "))
            .filter(|s| !s.trim().is_empty()),
    );
    assert_eq!(got, (0x13d3e5330d269780, 13371), "draft fingerprint");
}

#[test]
fn treebank_tags_are_unchanged() {
    let Some(dir) = data_dir() else {
        eprintln!("skipped: no shared/data/ud-english (set COPYDESK_UD_DATA)");
        return;
    };
    let tagger = Tagger::embedded();
    let mut got = Vec::new();
    for file in [
        "ewt/en_ewt-ud-dev.conllu",
        "ewt/en_ewt-ud-test.conllu",
        "gum/en_gum-ccby-dev.conllu",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let mut fp = Fp::new();
        let mut pred = Vec::new();
        for s in conllu::parse(&text) {
            tagger.tag_words(s.words.iter().copied(), &mut pred);
            for l in &pred {
                fp.label(l);
            }
            fp.add("");
        }
        got.push((fp.0, fp.1));
        if file.ends_with("ewt-ud-dev.conllu") {
            got.push(tag_text(
                text.lines().filter_map(|l| l.strip_prefix("# text = ")),
            ));
        }
    }
    assert_eq!(
        got,
        vec![
            (0x21220f4742e85e00, 27148),
            (0x94c1799fe3b3fd69, 27109),
            (0xeb108be2500caaa5, 27171),
            (0x7aefa58177956adb, 15284),
        ],
        "treebank fingerprints"
    );
}
