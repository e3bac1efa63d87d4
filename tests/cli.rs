//! `copydesk check` end to end: the real binary on the fixtures under
//! `tests/fixtures/cli/`, on scratch files and on stdin, checking what it
//! prints and how it exits.
//!
//! Expected positions are worked out here from the fixture text, never
//! copied from the program's output.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use serde_json::Value;

/// What `promo.code` underlines today. If the engine widens or narrows its
/// span, this is the one line to change.
const PROMO: &str = "code SAVE20";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(fixtures().join(name)).expect("fixture")
}

/// `copydesk` run from `dir`, so that paths are given as a user types them.
fn copydesk_in(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.current_dir(dir);
    cmd
}

fn copydesk() -> Command {
    copydesk_in(&fixtures())
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run copydesk");
    Run {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn json(stdout: &str) -> Vec<Value> {
    match serde_json::from_str(stdout) {
        Ok(Value::Array(findings)) => findings,
        other => panic!("expected one JSON array, got {other:?} from {stdout:?}"),
    }
}

/// 1-based line and character column of byte `offset`, counted afresh.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line as u64, column as u64)
}

/// The text of the line holding byte `offset`, without its break.
fn line_of(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim_end_matches('\r')
}

/// Terminal cells, knowing the fixtures: their only wide character is 😀.
fn cells(s: &str) -> usize {
    s.chars().map(|c| if c == '😀' { 2 } else { 1 }).sum()
}

fn findings_of<'a>(findings: &'a [Value], rule: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["rule"] == rule).collect()
}

/// Checks one JSON finding against the file it points into: the offsets
/// slice the file's bytes to `expected`, and the lines and columns agree
/// with the offsets (counted in `text`, which is the file after `base` bytes).
fn assert_points_at(finding: &Value, file: &[u8], base: usize, expected: &str) {
    let (start, end) = (&finding["start"], &finding["end"]);
    let (s, e) = (
        start["offset"].as_u64().unwrap() as usize,
        end["offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(&file[s..e], expected.as_bytes(), "{finding}");
    let text = std::str::from_utf8(&file[base..]).unwrap();
    let (line, column) = line_col(text, s - base);
    assert_eq!(start["line"], line, "{finding}");
    assert_eq!(start["column"], column, "{finding}");
    let (line, column) = line_col(text, e - base);
    assert_eq!(end["line"], line, "{finding}");
    assert_eq!(end["column"], column, "{finding}");
}

#[test]
fn a_clean_draft_exits_0_with_no_findings() {
    let human = run(copydesk().args(["check", "clean.md"]));
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert_eq!(human.stdout, "");
    assert_eq!(human.stderr, "no findings in 1 file\n");

    let machine = run(copydesk().args(["check", "--format", "json", "clean.md"]));
    assert_eq!(machine.code, 0, "{}", machine.stderr);
    assert!(json(&machine.stdout).is_empty(), "{}", machine.stdout);
}

#[test]
fn a_finding_is_shown_at_its_line_and_column_with_the_line_underlined() {
    let text = fixture_text("promo.md");
    let at = text.find(PROMO).unwrap();
    let (line, column) = line_col(&text, at);
    let source = line_of(&text, at);
    // The fixture puts accents and an emoji before the span on purpose.
    assert_ne!(column as usize, at - text[..at].rfind('\n').unwrap());
    assert!(source.contains('😀') && source.contains('é'));

    let r = run(copydesk().args(["check", "promo.md"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    // Only the summary line goes to stderr.
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let head = format!("promo.md:{line}:{column}: warning[promo.code]: ");
    let i = lines
        .iter()
        .position(|l| l.starts_with(&head))
        .unwrap_or_else(|| panic!("no line starting {head:?} in\n{}", r.stdout));

    let gutter = line.to_string();
    assert_eq!(lines[i + 1], format!("{gutter} | {source}"));
    let before = &source[..source.find(PROMO).unwrap()];
    let marks = format!(
        "{}^{}",
        " ".repeat(cells(before)),
        "~".repeat(PROMO.chars().count() - 1)
    );
    assert_eq!(
        lines[i + 2],
        format!("{} | {marks}", " ".repeat(gutter.len())),
        "\n{}\n{}",
        lines[i + 1],
        lines[i + 2]
    );
}

#[test]
fn json_output_gives_one_based_character_columns_and_file_byte_offsets() {
    let file = fs::read(fixtures().join("promo.md")).unwrap();
    let r = run(copydesk().args(["check", "--format", "json", "clean.md", "promo.md"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = json(&r.stdout);
    assert!(
        findings.iter().all(|f| f["path"] == "promo.md"),
        "{findings:?}"
    );
    let promos = findings_of(&findings, "promo.code");
    assert_eq!(promos.len(), 1, "{findings:?}");
    let promo = promos[0];
    assert_eq!(promo["severity"], "warning");
    assert!(promo["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_points_at(promo, &file, 0, PROMO);
}

#[test]
fn stdin_is_read_for_a_dash_and_reported_as_stdin() {
    let text = fixture_text("promo.md");
    let at = text.find(PROMO).unwrap();
    let (line, column) = line_col(&text, at);

    let r = run(copydesk()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text.clone()));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = json(&r.stdout);
    let promo = findings_of(&findings, "promo.code")[0];
    assert_eq!(promo["path"], "<stdin>");
    assert_points_at(promo, text.as_bytes(), 0, PROMO);

    let r = run(copydesk().args(["check", "-"]).write_stdin(text.clone()));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let head = format!("<stdin>:{line}:{column}: warning[promo.code]: ");
    assert!(r.stdout.contains(&head), "{}", r.stdout);
}

#[test]
fn unreadable_drafts_are_named_on_stderr_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixtures().join("promo.md"), dir.path().join("promo.md")).unwrap();
    fs::copy(fixtures().join("clean.md"), dir.path().join("clean.md")).unwrap();
    let bad = b"Fine line.\nCaf\xe9 in Latin-1.\n";
    fs::write(dir.path().join("latin1.md"), bad).unwrap();
    fs::create_dir(dir.path().join("drafts")).unwrap();
    let bad_at = bad.iter().position(|&b| b == 0xe9).unwrap();
    let args = [
        "check",
        "missing.md",
        "promo.md",
        "latin1.md",
        "drafts",
        "clean.md",
    ];

    let human = run(copydesk_in(dir.path()).args(args));
    assert_eq!(human.code, 2, "2 wins over 1: {}", human.stderr);
    let mut complaints: Vec<&str> = human.stderr.lines().collect();
    // The summary comes last, on stderr too.
    let summary = complaints.pop().unwrap();
    assert!(
        summary.ends_with(" of 2 files; 3 files were not checked"),
        "{summary}"
    );
    assert_eq!(
        complaints,
        [
            "copydesk: cannot read missing.md: no such file".to_owned(),
            format!(
                "copydesk: cannot read latin1.md: not valid UTF-8 (byte 0xe9 at offset {bad_at}, line 2)"
            ),
            "copydesk: no drafts found in drafts (looked for .md, .markdown, .txt, .html, .htm, skipping hidden and ignored files)".to_owned(),
        ]
    );
    assert!(
        human.stdout.contains("promo.md:") && human.stdout.contains("[promo.code]"),
        "{}",
        human.stdout
    );

    let mut json_args = vec!["check", "--format", "json"];
    json_args.extend(&args[1..]);
    let machine = run(copydesk_in(dir.path()).args(json_args));
    assert_eq!(machine.code, 2);
    assert_eq!(machine.stderr.lines().collect::<Vec<_>>(), complaints);
    let findings = json(&machine.stdout);
    assert_eq!(findings_of(&findings, "promo.code")[0]["path"], "promo.md");
}

#[test]
fn a_file_without_read_permission_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.md");
    fs::write(&path, "Use code SAVE20 now.\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    }
    if fs::read(&path).is_ok() {
        // Running as root (or off Unix): permissions do not stop a read here.
        return;
    }
    let r = run(copydesk_in(dir.path()).args(["check", "locked.md"]));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "copydesk: cannot read locked.md: permission denied\n"
    );
}

#[test]
fn no_paths_is_a_usage_error() {
    let r = run(copydesk().arg("check"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Usage"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let r = run(copydesk().args(["check", "--format", "nonsense", "promo.md"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nonsense"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn stdin_given_twice_is_a_usage_error() {
    let r = run(copydesk().args(["check", "-", "-"]).write_stdin("text"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`-`"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn help_says_paths_are_required_and_dash_is_stdin() {
    let r = run(copydesk().args(["check", "--help"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("usage error"), "{}", r.stdout);
    assert!(r.stdout.contains("`-`"), "{}", r.stdout);
}

#[test]
fn a_byte_order_mark_is_tolerated_and_offsets_stay_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = "\u{feff}Use code SAVE20 at checkout.\n";
    fs::write(dir.path().join("bom.md"), file).unwrap();
    let r = run(copydesk_in(dir.path()).args(["check", "--format", "json", "bom.md"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = json(&r.stdout);
    let promo = findings_of(&findings, "promo.code")[0];
    // Offsets count the mark's three bytes; columns do not count the mark.
    assert_points_at(promo, file.as_bytes(), 3, PROMO);
    assert_eq!(promo["start"]["column"], 5);

    let r = run(copydesk_in(dir.path()).args(["check", "bom.md"]));
    assert!(r.stdout.starts_with("bom.md:1:5: "), "{}", r.stdout);
    assert!(!r.stdout.contains('\u{feff}'), "{}", r.stdout);
}

#[test]
fn crlf_line_breaks_are_not_counted_in_columns() {
    let dir = tempfile::tempdir().unwrap();
    let lf = fixture_text("promo.md");
    let crlf = lf.replace('\n', "\r\n");
    fs::write(dir.path().join("crlf.md"), &crlf).unwrap();
    let r = run(copydesk_in(dir.path()).args(["check", "--format", "json", "crlf.md"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = json(&r.stdout);
    let promo = findings_of(&findings, "promo.code")[0];
    assert_points_at(promo, crlf.as_bytes(), 0, PROMO);
    // Same line and column as in the LF file.
    let (line, column) = line_col(&lf, lf.find(PROMO).unwrap());
    assert_eq!(promo["start"]["line"], line);
    assert_eq!(promo["start"]["column"], column);

    let r = run(copydesk_in(dir.path()).args(["check", "crlf.md"]));
    assert!(!r.stdout.contains('\r'), "{:?}", r.stdout);
}

#[test]
fn the_summary_counts_findings_by_family_and_file() {
    let args = ["promo.md", "clean.md", "-"];
    let stdin = fixture_text("promo.md");
    let machine = run(copydesk()
        .args(["check", "--format", "json"])
        .args(args)
        .write_stdin(stdin.clone()));
    let findings = json(&machine.stdout);
    let mut families: Vec<(String, usize)> = Vec::new();
    for f in &findings {
        let family = f["rule"].as_str().unwrap().split('.').next().unwrap();
        match families.iter_mut().find(|(name, _)| name == family) {
            Some((_, n)) => *n += 1,
            None => families.push((family.to_owned(), 1)),
        }
    }
    let order = ["claim", "quote", "promo"];
    families.sort_by_key(|(name, _)| order.iter().position(|o| o == name).unwrap_or(order.len()));
    let mut flagged: Vec<&Value> = findings.iter().map(|f| &f["path"]).collect();
    flagged.dedup();
    let n = findings.len();
    let families: Vec<String> = families.iter().map(|(f, n)| format!("{n} {f}")).collect();
    let expected = format!(
        "{n} finding{} ({}) in {} of 3 files",
        if n == 1 { "" } else { "s" },
        families.join(", "),
        flagged.len()
    );

    let human = run(copydesk().arg("check").args(args).write_stdin(stdin));
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert_eq!(human.stderr, format!("{expected}\n"));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Far more output than a pipe buffer holds.
    let text = "Use code SAVE20 at checkout.\n\n".repeat(5000);
    fs::write(dir.path().join("many.md"), text).unwrap();
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "many.md"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("many.md:1:5: "), "{first}");
    // The reader is gone now, like `| head -1`.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, "", "no panic, no complaint");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn completions_and_the_man_page_come_from_the_parser() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef copydesk"),
        ("fish", "complete -c copydesk"),
    ] {
        let out = assert_cmd::Command::cargo_bin("copydesk")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        // Every check option is offered, the newest included.
        for option in ["--format", "--max-size", "--jobs", "--no-config"] {
            assert!(
                script.contains(option.trim_start_matches('-')),
                "{shell} lacks {option}"
            );
        }
    }
    let out = assert_cmd::Command::cargo_bin("copydesk")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    for section in [
        ".TH copydesk 1",
        "COPYDESK CHECK",
        "COPYDESK SOURCES",
        "\\-\\-max\\-size",
        "Exit status",
    ] {
        assert!(page.contains(section), "the man page lacks {section}");
    }
}

/// `COPYDESK_CLAIM_MODEL` puts another claim model in place of the
/// compiled-in one (the leave-one-split-out estimate's hook): the committed
/// model with its bias raised reads every scored sentence as a claim, so a
/// clean draft gets claim findings; a file that is not a model is an error.
#[test]
fn a_claim_model_from_the_environment_replaces_the_compiled_in_one() {
    let model =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/copydesk_claims/model/claims.bin");
    let mut bytes = fs::read(&model).expect("the committed model");
    // The header's length, then the header, the table's bits and three
    // thresholds come before the bias (crates/copydesk_claims/src/model.rs).
    let header = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes")) as usize;
    let bias = 12 + header + 4 + 12;
    bytes[bias..bias + 4].copy_from_slice(&50f32.to_le_bytes());
    let dir = tempfile::tempdir().expect("temp dir");
    let loud = dir.path().join("loud.bin");
    fs::write(&loud, &bytes).expect("write model");
    let draft = "The council met in the library annex on a rainy evening.\n";

    let plain = run(copydesk().args(["check", "-"]).write_stdin(draft));
    assert_eq!(plain.code, 0, "{}", plain.stdout);
    let swapped = run(copydesk()
        .env("COPYDESK_CLAIM_MODEL", &loud)
        .args(["check", "--format", "json", "-"])
        .write_stdin(draft));
    assert_eq!(swapped.code, 1, "{}", swapped.stderr);
    assert!(!findings_of(&json(&swapped.stdout), "claim.unattributed").is_empty());

    let junk = dir.path().join("junk.bin");
    fs::write(&junk, b"not a model").expect("write junk");
    let bad = run(copydesk()
        .env("COPYDESK_CLAIM_MODEL", &junk)
        .args(["check", "-"])
        .write_stdin(draft));
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("COPYDESK_CLAIM_MODEL") && bad.stderr.contains("junk.bin"),
        "{}",
        bad.stderr
    );
}
