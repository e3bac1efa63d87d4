//! Every quick fix on every finding of the test drafts (the held-out corpus,
//! the rule cases, the HTML cases): edits stay inside the text on character
//! boundaries and never overlap, and applying a content fix makes that
//! finding go away — so a fix never leaves the writer worse off.

use std::fs;
use std::path::Path;

use copydesk::fixes::{apply, Fixer};
use copydesk::{check, Config, Format};

fn drafts() -> Vec<(String, Format, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    // More drafts on request, e.g. `COPYDESK_FIX_CORPUS=../shared/corpus/dev`.
    let extra = std::env::var_os("COPYDESK_FIX_CORPUS").map(std::path::PathBuf::from);
    let dirs = ["corpus/heldout", "cases", "cases_html"]
        .iter()
        .map(|d| root.join(d))
        .chain(extra);
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let name = path.display().to_string();
            if name.ends_with("README.md") {
                continue;
            }
            let format = Format::from_path(&name);
            if let Ok(text) = fs::read_to_string(&path) {
                out.push((name, format, text));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn fixes_are_well_formed_and_content_fixes_remove_their_finding() {
    let drafts = drafts();
    assert!(drafts.len() >= 10, "too few drafts: {}", drafts.len());
    let mut problems = Vec::new();
    let mut content_fixes = 0;
    for (name, format, text) in &drafts {
        let findings = check(text, *format, &Config::default());
        let fixer = Fixer::new(text, *format);
        for f in &findings {
            for fix in fixer.fixes(f) {
                let mut spans: Vec<_> = fix.edits.iter().map(|e| e.span).collect();
                spans.sort();
                for e in &fix.edits {
                    if e.span.end > text.len()
                        || !text.is_char_boundary(e.span.start)
                        || !text.is_char_boundary(e.span.end)
                    {
                        problems.push(format!(
                            "{name}: {}: edit {:?} off the text",
                            fix.title, e.span
                        ));
                    }
                }
                if spans.windows(2).any(|w| w[0].end > w[1].start) {
                    problems.push(format!("{name}: {}: overlapping edits", fix.title));
                }
                if !fix.preferred {
                    continue;
                }
                content_fixes += 1;
                let fixed = apply(text, &fix.edits);
                let before = findings.iter().filter(|g| g.rule == f.rule).count();
                let after = check(&fixed, *format, &Config::default())
                    .iter()
                    .filter(|g| g.rule == f.rule)
                    .count();
                if after >= before {
                    let at = &text[f.span.start..f.span.end.min(f.span.start + 80).min(text.len())];
                    problems.push(format!(
                        "{name}: {} on {at:?}: {} still fires ({before} → {after})",
                        fix.title, f.rule
                    ));
                }
            }
        }
    }
    assert!(
        content_fixes >= 20,
        "only {content_fixes} content fixes exercised"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
