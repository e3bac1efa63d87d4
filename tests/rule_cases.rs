//! Rule tests as data: every `tests/cases/*.md` file (and, read as HTML,
//! every `tests/cases_html/*.html` file) holds small drafts separated by
//! lines of `=====`, marked the way the labelled corpus is:
//! `⟦FAMILY|passage⟧` must be flagged by a rule of FAMILY (`⟦RULE|passage⟧`,
//! by that rule: `⟦promo.plug|…⟧`, for a rule's own case file), and nothing
//! unmarked may be flagged by a family whose rules are more than notes
//! (every family in the registry but `source`, whose one rule is a note).
//! `⟦?FAMILY|passage⟧` is debatable: a finding there is neither required nor
//! wrong. Add a case for every miss or false alarm you fix.
//!
//! A case may open with a configuration, checked with it instead of the
//! defaults:
//!
//! ```text
//! %%% copydesk.toml
//! [rules]
//! claim = "off"
//! %%%
//! The draft…
//! ```

use copydesk::rules::FAMILIES;
use copydesk::{check, Config, Format, Severity};

/// The families whose findings are checked against the marks: those with a
/// rule louder than a note (and `house`, which has none built in).
fn checked_families() -> Vec<&'static str> {
    FAMILIES
        .iter()
        .filter(|f| f.rules.iter().all(|r| r.default_severity < Severity::Info))
        .map(|f| f.name)
        .collect()
}

struct Mark {
    start: usize,
    end: usize,
    families: Vec<String>,
    optional: bool,
}

/// Strip the marks: the clean draft and the marked byte ranges in it.
fn parse(marked: &str) -> (String, Vec<Mark>) {
    let mut clean = String::new();
    let mut marks = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('⟦') {
        clean.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let sep = after.find('|').expect("a mark needs FAMILY|");
        let close = after.find('⟧').expect("a mark needs its closing ⟧");
        let head = &after[..sep];
        let body = &after[sep + 1..close];
        let optional = head.starts_with('?');
        let families = head
            .trim_start_matches('?')
            .split(',')
            .map(|f| f.trim().to_owned())
            .collect();
        marks.push(Mark {
            start: clean.len(),
            end: clean.len() + body.len(),
            families,
            optional,
        });
        clean.push_str(body);
        rest = &after[close + '⟧'.len_utf8()..];
    }
    clean.push_str(rest);
    (clean, marks)
}

/// Check the cases in one file, read as the format its name says.
fn run_file(name: &str, data: &str) -> Vec<String> {
    let format = Format::from_path(name);
    let mut failures = Vec::new();
    for (n, case) in data.split("\n=====\n").enumerate() {
        let case = case.trim_matches('\n');
        if case.is_empty() || case.lines().all(|l| l.starts_with("//")) {
            continue;
        }
        let (config, case) = match case.strip_prefix("%%% copydesk.toml\n") {
            Some(rest) => {
                let (toml, draft) = rest
                    .split_once("\n%%%\n")
                    .expect("a case's configuration ends with a line of %%%");
                match Config::from_toml(toml) {
                    Ok(config) => (config, draft),
                    Err(errors) => {
                        failures.push(format!("{name} case {n}: bad config: {errors:?}"));
                        continue;
                    }
                }
            }
            None => (Config::default(), case),
        };
        let (clean, marks) = parse(case);
        let findings = check(&clean, format, &config);
        let scored: Vec<_> = findings
            .iter()
            .filter(|f| checked_families().contains(&f.family()))
            .collect();
        let overlaps =
            |f: &copydesk::Finding, m: &Mark| f.span.start < m.end && m.start < f.span.end;
        // A mark names a family or one rule id. The learned promo model
        // speaks beside a rule's finding (the pitch's lead-in or tail), so
        // a passage marked for a promo rule holds its findings too.
        let names = |f: &copydesk::Finding, name: &str| {
            f.family() == name
                || f.rule == name
                || (f.rule == "promo.learned" && name.starts_with("promo."))
        };
        for m in marks.iter().filter(|m| !m.optional) {
            for fam in &m.families {
                // Any family may be marked, notes included; only the
                // checked families are held to staying quiet elsewhere.
                if !findings.iter().any(|f| names(f, fam) && overlaps(f, m)) {
                    failures.push(format!(
                        "{name} case {n}: MISS {fam}: {:?}",
                        &clean[m.start..m.end]
                    ));
                }
            }
        }
        for f in &scored {
            if !marks
                .iter()
                .any(|m| m.families.iter().any(|x| names(f, x)) && overlaps(f, m))
            {
                failures.push(format!(
                    "{name} case {n}: FALSE [{}] {:?}",
                    f.rule,
                    &clean[f.span.start..f.span.end]
                ));
            }
        }
    }
    failures
}

#[test]
fn rule_cases() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["tests/cases", "tests/cases_html"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("case directories exist"))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut cases = 0;
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "html"))
    {
        let data = std::fs::read_to_string(path).expect("case files are UTF-8");
        cases += data.split("\n=====\n").count();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        failures.extend(run_file(&name, &data));
    }
    assert!(
        cases >= 20,
        "expected the case files to hold cases, found {cases}"
    );
    assert!(
        failures.is_empty(),
        "{} case failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_harness_catches_misses_and_false_alarms() {
    // A mark nothing flags is a miss; a finding outside any mark is a false alarm.
    let miss = run_file("t", "The council met on Tuesday. ⟦claim|The sky is green.⟧");
    assert_eq!(miss.len(), 1, "{miss:?}");
    let false_alarm = run_file("t", "\"Nobody is coming. We are on our own here.\"");
    assert_eq!(false_alarm.len(), 1, "{false_alarm:?}");
    // A mark naming a rule id wants that rule, not another of its family.
    let plug = "⟦promo.plug|Text STORM to 12345 for free severe-weather alerts.⟧";
    assert_eq!(run_file("t", plug).len(), 2, "{:?}", run_file("t", plug));
    let call = "⟦promo.call-to-action|Text STORM to 12345 for free severe-weather alerts.⟧";
    assert_eq!(run_file("t", call), Vec::<String>::new());
    // `.html` files are read as HTML: marks may wrap tags and references.
    let quote = "<p>⟦quote|&ldquo;Nobody is coming. We are on our own here.&rdquo;⟧</p>";
    assert_eq!(run_file("t.html", quote), Vec::<String>::new());
    assert!(
        !run_file("t.md", quote).is_empty(),
        "read as Markdown, it is an HTML block"
    );
}

/// Every rule in the registry has cases: a file named by its id
/// (`tests/cases/quote.unsourced.md`) or, for a family whose rules share
/// one file, by its family (`tests/cases/claim.md`).
#[test]
fn every_rule_has_a_case_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let missing: Vec<&str> = copydesk::rules::ALL
        .iter()
        .filter(|r| {
            !dir.join(format!("{}.md", r.id)).exists()
                && !dir.join(format!("{}.md", r.family())).exists()
        })
        .map(|r| r.id)
        .collect();
    assert!(missing.is_empty(), "no case file for {missing:?}");
}
