use copydesk::analysis::{analyze, Verdict};
use copydesk::lexicon::Verbs;
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let a = analyze(&text, copydesk::Format::Markdown, Verbs::builtin());
        for (bi, _b, ba) in a.iter() {
            for q in &ba.quotes {
                if !q.utterance {
                    continue;
                }
                let inner: String = a.text(q.inner).chars().take(50).collect();
                match q.verdict {
                    Verdict::Sourced(s) => {
                        let sent = &a.blocks[s.block].sentences[s.sentence];
                        let cue = sent
                            .attribution
                            .map(|c| a.text(c.span).to_string())
                            .unwrap_or_default();
                        let sp = s
                            .speaker
                            .map(|p| {
                                format!(
                                    "{}[{:?}{}]",
                                    a.text(p.span),
                                    p.kind,
                                    if p.plural { ",pl" } else { "" }
                                )
                            })
                            .unwrap_or_default();
                        println!("{path}:{bi} SRC {:?} cue={cue:?} sp={sp} | {inner}", s.how);
                    }
                    v => {
                        let si = q.sentence.min(ba.sentences.len() - 1);
                        let show = |s: &copydesk::analysis::Sentence| {
                            s.attribution
                                .map(|c| {
                                    format!(
                                        "cue={:?} sp={}",
                                        a.text(c.span),
                                        c.speaker
                                            .map(|p| format!(
                                                "{}[{:?}{}]",
                                                a.text(p.span),
                                                p.kind,
                                                if p.plural { ",pl" } else { "" }
                                            ))
                                            .unwrap_or_default()
                                    )
                                })
                                .unwrap_or_default()
                        };
                        let prev = if si > 0 {
                            show(&ba.sentences[si - 1])
                        } else if bi > 0 {
                            a.blocks[bi - 1]
                                .sentences
                                .last()
                                .map(|s| show(s))
                                .unwrap_or_default()
                        } else {
                            String::new()
                        };
                        println!(
                            "{path}:{bi} {:?} own[{}] prev[{}] | {inner}",
                            v,
                            show(&ba.sentences[si]),
                            prev
                        )
                    }
                }
            }
        }
    }
}
