//! `copydesk sources` end to end: the real binary on a fixture and on stdin.
//! Expected lines are worked out from the fixture text here.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources")
}

fn copydesk() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.current_dir(fixtures());
    cmd
}

/// The 1-based line of the first `needle` in the fixture.
fn line_of(needle: &str) -> usize {
    let text = std::fs::read_to_string(fixtures().join("hearing.md")).expect("fixture");
    let at = text.find(needle).expect("needle in fixture");
    text[..at].matches('\n').count() + 1
}

#[test]
fn lists_speakers_with_counts_kinds_and_first_lines() {
    let out = copydesk()
        .args(["sources", "hearing.md"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<Vec<String>> = stdout
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("      "))
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        })
        .collect();
    let want = |name: &str, kind: &str, n: &str, first: &str| {
        vec![
            name.to_string(),
            kind.to_string(),
            n.to_string(),
            format!("first on line {}", line_of(first)),
        ]
    };
    assert_eq!(
        rows,
        vec![
            want("Mayor Maria Lopez", "named", "2 quotations", "“We will not"),
            want("Tom Reyes", "named", "1 quotation", "“Nobody asked"),
            want(
                "a person familiar with the negotiations",
                "anonymous",
                "1 quotation",
                "“The talks"
            ),
            want(
                "no source",
                "no source",
                "1 quotation",
                "“We are on our own"
            ),
        ],
        "{stdout}"
    );
    assert!(
        stdout.starts_with("hearing.md: 3 speakers, 5 quotations\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "      {}:1  “The money is there and the plans…”",
            line_of("“The money")
        )),
        "{stdout}"
    );
}

#[test]
fn json_carries_the_same_ledger_with_positions() {
    let out = copydesk()
        .args(["sources", "--format", "json", "hearing.md"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let drafts = v.as_array().expect("array");
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0]["path"], "hearing.md");
    let speakers = drafts[0]["speakers"].as_array().expect("speakers");
    let summary: Vec<(String, String, u64)> = speakers
        .iter()
        .map(|s| {
            (
                s["speaker"].as_str().unwrap_or("").to_string(),
                s["kind"].as_str().unwrap_or("").to_string(),
                s["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Mayor Maria Lopez".into(), "named".into(), 2),
            ("Tom Reyes".into(), "named".into(), 1),
            (
                "a person familiar with the negotiations".into(),
                "anonymous".into(),
                1
            ),
            ("no source".into(), "none".into(), 1),
        ]
    );
    let text = std::fs::read_to_string(fixtures().join("hearing.md")).expect("fixture");
    let q = &speakers[0]["quotes"][1];
    let (start, end) = (
        q["start"]["offset"].as_u64().unwrap() as usize,
        q["end"]["offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &text[start..end],
        "“The money is there and the plans are ready,”"
    );
    assert_eq!(speakers[0]["first_line"], line_of("“We will not"));
}

#[test]
fn reads_stdin_and_reports_unreadable_files() {
    let out = copydesk()
        .args(["sources", "-"])
        .write_stdin("“We will win this one, believe me,” said Ana Ruiz.\n")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        stdout.starts_with("<stdin>: 1 speaker, 1 quotation\n"),
        "{stdout}"
    );
    assert!(stdout.contains("Ana Ruiz"), "{stdout}");

    let out = copydesk()
        .args(["sources", "missing.md", "hearing.md"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stderr.contains("cannot read missing.md"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("hearing.md: 3 speakers"));
}

#[test]
fn the_drafts_copydesk_toml_decides_who_speaks() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[attribution]\nreporting-verbs = [\"kvetch kvetched kvetches kvetching\"]\n",
    )
    .expect("config");
    std::fs::write(
        dir.path().join("story.md"),
        "Maria Lopez kvetched, “We will not let this stand, not now, not ever.”\n",
    )
    .expect("draft");
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .current_dir(dir.path())
            .arg("sources")
            .args(extra)
            .arg("story.md")
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, _) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.starts_with("story.md: 1 speaker, 1 quotation\n  Maria Lopez "),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["--no-config"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("  no source "), "{stdout}");
    // A broken file is named with its line, the defaults stand in, exit 2.
    std::fs::write(dir.path().join("copydesk.toml"), "bogus = [\n").expect("config");
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("copydesk.toml:1:"), "{stderr}");
    assert!(stdout.contains("  no source "), "{stdout}");
}
