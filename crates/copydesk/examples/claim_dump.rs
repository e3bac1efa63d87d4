//! One line per sentence the claim rule reads and scores, with what each
//! detector says of it: for measuring which detector fires where
//! (docs/claims.md §6f).
//!
//! ```text
//! cargo build --release --example claim_dump
//! target/release/examples/claim_dump FILE... > dump.tsv
//! ```
//!
//! Columns: path, start, end, block index, sentence index in its block,
//! sentences in the block, phrase message (or -), reason-gated phrase,
//! shape (or -), probability, dated, stance, earlier cue in the paragraph,
//! whether the sentence fires at medium, then the sentence's text. A file
//! that still carries labelling marks is refused (docs/claims.md §6g).
//!
//! With `--all` first, every sentence of the blocks the rule reads is
//! printed, scored or not, with six more columns before the text: why it
//! is not the writer's own (or -), the cue in it (kind and words, or -),
//! whether a cue covers it, whether it has
//! a vague source, whether it is carried by an earlier cue's account, and
//! whether it tells a past occasion. For reading misses by cause. With
//! `CLAIM_DUMP_TAGS` set, each row is preceded by a `# ` line of the
//! sentence's tokens as `word/UPOS`.

use copydesk::analysis::analyze;
use copydesk::rules::claim;
use copydesk::{Config, Format, Sensitivity};

fn main() {
    // `COPYDESK_CLAIM_MODEL=FILE` scores with another claim model, as the
    // CLI's hook does (for reading a candidate's scores at the gates,
    // docs/claims.md §6zj).
    if let Some(path) = std::env::var_os("COPYDESK_CLAIM_MODEL") {
        let bytes = std::fs::read(&path).expect("COPYDESK_CLAIM_MODEL: unreadable");
        copydesk::install_claim_model(Box::leak(bytes.into_boxed_slice()))
            .expect("COPYDESK_CLAIM_MODEL: not a claim model");
    }
    let config = Config::default();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let all = args.first().is_some_and(|a| a == "--all");
    if all {
        args.remove(0);
    }
    for path in args {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("claim_dump: cannot read {path}");
            continue;
        };
        // A labelled draft's marks would be read as words and move every
        // score (docs/claims.md §6g): measure the clean text only.
        if text.contains('⟦') {
            eprintln!("claim_dump: {path} carries labelling marks (⟦…⟧); strip them first (docs/claims.md §6g)");
            continue;
        }
        let a = analyze(&text, Format::from_path(&path), config.verbs());
        for (bi, block, ba) in a.iter() {
            if !claim::reads_block(block) {
                continue;
            }
            let n = ba.sentences.len();
            for (si, s) in a.claims(block, ba).enumerate() {
                if s.score.is_none() && !all {
                    continue;
                }
                let extra = if all {
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t",
                        s.not_own.map_or("-".to_owned(), |x| format!("{x:?}")),
                        ba.sentences[si]
                            .attribution
                            .map_or("-".to_owned(), |at| format!(
                                "{:?}:{}",
                                at.kind,
                                text[at.span.start..at.span.end].replace(['\n', '\t'], " ")
                            )),
                        s.covered,
                        s.vague.is_some(),
                        s.carried,
                        s.occasion,
                    )
                } else {
                    String::new()
                };
                if std::env::var_os("CLAIM_DUMP_TAGS").is_some() {
                    let tags: Vec<String> = a
                        .tokens(&ba.sentences[si])
                        .iter()
                        .map(|t| {
                            if std::env::var_os("CLAIM_DUMP_FEATS").is_some() {
                                format!(
                                    "{}/{:?}/{:?}",
                                    &text[t.span.start..t.span.end],
                                    t.upos,
                                    t.feats
                                )
                            } else {
                                format!("{}/{:?}", &text[t.span.start..t.span.end], t.upos)
                            }
                        })
                        .collect();
                    println!("# {}", tags.join(" "));
                }
                println!(
                    "{path}\t{}\t{}\t{bi}\t{si}\t{n}\t{}\t{}\t{}\t{:.4}\t{}\t{}\t{}\t{}\t{extra}{}",
                    s.span.start,
                    s.span.end,
                    s.phrase.unwrap_or("-"),
                    s.phrase_needs_model,
                    s.shape.map_or("-".to_owned(), |x| format!("{x:?}")),
                    s.probability(),
                    s.dated,
                    s.stance.is_some(),
                    s.signals.attribution_earlier_in_paragraph,
                    s.fires(Sensitivity::Medium),
                    text[s.span.start..s.span.end].replace(['\n', '\t'], " "),
                );
            }
        }
    }
}
