//! `docs/rules.md` is generated from the rules' metadata, and its examples
//! are what the rules really do.
//!
//! Regenerate the file after changing a rule's metadata:
//! `UPDATE_DOCS=1 cargo test --test rules_doc`.

use copydesk::{check, rules, Config, Format};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");

#[test]
fn committed_rules_doc_matches_the_metadata() {
    let generated = rules::doc::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(PATH, &generated).expect("write docs/rules.md");
        return;
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date with the rules' metadata; regenerate it with \
         `UPDATE_DOCS=1 cargo test --test rules_doc`"
    );
}

fn fires(draft: &str, rule: &str) -> bool {
    check(draft, Format::Markdown, &Config::default())
        .iter()
        .any(|f| f.rule == rule)
}

#[test]
fn every_example_does_what_the_docs_say() {
    let mut wrong = Vec::new();
    for r in rules::ALL {
        assert!(!r.fires.is_empty(), "{} has no example that fires", r.id);
        assert!(!r.quiet.is_empty(), "{} has no quiet example", r.id);
        for d in r.fires {
            if !fires(d, r.id) {
                wrong.push(format!("{} should fire on {d:?}", r.id));
            }
        }
        for d in r.quiet {
            if fires(d, r.id) {
                wrong.push(format!("{} should stay quiet on {d:?}", r.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_rule_has_a_section_and_an_anchor() {
    let doc = rules::doc::markdown();
    for r in rules::ALL {
        assert!(doc.contains(&format!("\n## `{}`\n", r.id)), "{}", r.id);
        assert!(doc.contains(&format!("(#{})", r.anchor())), "{}", r.id);
        assert!(!r.why.is_empty() && !r.fix.is_empty(), "{}", r.id);
    }
}

#[test]
fn explanations_cite_the_standard_behind_each_rule() {
    // The standards a newsroom answers to; a rule's "why" names at least one,
    // and the promo rules the FTC's.
    const STANDARDS: &[&str] = &["SPJ Code of Ethics", "FTC", "AP Stylebook", "AP style"];
    for r in rules::ALL {
        assert!(
            STANDARDS.iter().any(|s| r.why.contains(s)),
            "{}: {:?}",
            r.id,
            r.why
        );
        if r.family() == "promo" {
            assert!(r.why.contains("FTC"), "{}: {:?}", r.id, r.why);
        }
    }
}

/// The README's "What it flags" table is written by hand, for newcomers; it
/// must name only rules the registry has, and every rule that is on by
/// default as a warning or error, so neither side can drift.
#[test]
fn the_readme_rule_table_names_the_registry_rules() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("read README.md");
    let table: Vec<&str> = readme
        .split("## What it flags")
        .nth(1)
        .expect("README has a \"What it flags\" section")
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('`').nth(1))
        .collect();
    assert!(
        !table.is_empty(),
        "no rule rows found in the README's table"
    );
    for id in &table {
        assert!(
            rules::ALL.iter().any(|r| r.id == *id),
            "the README's rule table names {id}, which the registry does not have"
        );
    }
    for r in rules::ALL {
        let shown = matches!(
            r.default_severity,
            copydesk::Severity::Warning | copydesk::Severity::Error
        );
        if shown {
            assert!(
                table.contains(&r.id),
                "{} is on by default but missing from the README's \"What it flags\" table",
                r.id
            );
        }
    }
}

/// The Neovim help lists the rules by hand (a help file is read in the
/// editor, not generated); it names every rule in the registry and no rule
/// that is not there.
#[test]
fn the_neovim_help_names_every_rule() {
    let help = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/editors/nvim/doc/copydesk.txt"
    ))
    .expect("read editors/nvim/doc/copydesk.txt");
    let start = help
        .find("\nRules: ")
        .expect("the help has a `Rules:` paragraph");
    let para = &help[start + 1..];
    let para = &para[..para.find("\n\n").unwrap_or(para.len())];
    let named: Vec<&str> = para
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|id| *id != "house.NAME")
        .collect();
    for r in rules::ALL {
        assert!(
            named.contains(&r.id),
            "editors/nvim/doc/copydesk.txt's `Rules:` paragraph does not name {}",
            r.id
        );
    }
    for id in &named {
        assert!(
            rules::ALL.iter().any(|r| r.id == *id),
            "editors/nvim/doc/copydesk.txt names {id}, which is not a rule"
        );
    }
}
