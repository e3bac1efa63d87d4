//! What the analysis makes of a draft's quotations, sentence by sentence:
//! the cue and its speaker, the tags and noun phrases, and each
//! quotation's verdict. For finding why a quotation is (or is not) sourced.
//!
//! ```text
//! cargo build --release --example quote_probe
//! target/release/examples/quote_probe FILE [WORDS]
//! ```
//!
//! With WORDS, only the sentences holding them and their quotations.

use copydesk::analysis::analyze;
use copydesk::lexicon::Verbs;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: quote_probe FILE [WORDS]");
        std::process::exit(2);
    };
    let pat = args.next().unwrap_or_default();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("quote_probe: cannot read {path}");
        std::process::exit(2);
    };
    let a = analyze(&text, copydesk::Format::Markdown, Verbs::builtin());
    for (bi, ba) in a.blocks.iter().enumerate() {
        for (si, s) in ba.sentences.iter().enumerate() {
            let st = a.text(s.span);
            if !st.contains(&pat) {
                continue;
            }
            println!("B{bi} S{si}: {st}");
            let cue = s.attribution.map(|x| {
                let who = x
                    .speaker
                    .map(|sp| (a.text(sp.span).to_string(), sp.kind, sp.plural));
                (x.kind, a.text(x.span).to_string(), who)
            });
            println!("  cue: {cue:?}");
            let t = a.tagged(s);
            let tags: Vec<String> = t
                .tokens
                .iter()
                .map(|w| {
                    let form = w.feats.verb_form.map(|f| format!(":{f:?}"));
                    format!(
                        "{}/{:?}{}",
                        a.text(w.span),
                        w.upos,
                        form.unwrap_or_default()
                    )
                })
                .collect();
            println!("  tags: {}", tags.join(" "));
            let chunks: Vec<&str> = t.chunks.iter().map(|c| a.text(c.span)).collect();
            println!("  chunks: {chunks:?}");
        }
        for q in &ba.quotes {
            let s = ba.sentences.get(q.sentence).map_or(q.span, |s| s.span);
            if !a.text(s).contains(&pat) {
                continue;
            }
            let words: String = a.text(q.span).chars().take(50).collect();
            println!(
                "  quote B{bi} S{} utterance={} {:?} {words}",
                q.sentence, q.utterance, q.verdict
            );
        }
    }
}
