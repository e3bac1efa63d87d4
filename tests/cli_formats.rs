//! `copydesk check` in pipelines, end to end through the real binary: every
//! `--format`, the exit-status threshold, `--stdin-filename`, directory
//! walking, the pre-commit hook definition and the sample workflow.
//!
//! Each format is checked against an independent reading of the same run's
//! JSON output (itself checked against the fixture text in tests/cli.rs), so a
//! format that drifts from the findings, or whose shape breaks, fails here.
//! The SARIF log is validated against the official SARIF 2.1.0 schema
//! (tests/data/sarif-schema-2.1.0.json, from oasis-tcs/sarif-spec).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use regex::Regex;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cli_fixtures() -> PathBuf {
    root().join("tests/fixtures/cli")
}

fn copydesk_in(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
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

/// The JSON findings of `copydesk check --format json ARGS` run in `dir`.
fn json_findings(dir: &Path, args: &[&str]) -> Vec<Value> {
    let r = run(copydesk_in(dir)
        .args(["check", "--format", "json"])
        .args(args));
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    match serde_json::from_str(&r.stdout) {
        Ok(Value::Array(findings)) => findings,
        other => panic!("expected a JSON array, got {other:?}"),
    }
}

/// A scratch directory holding the CLI fixtures and the HTML export, one in a
/// subdirectory, so paths have a slash in them.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(cli_fixtures().join("promo.md"), dir.path().join("promo.md")).unwrap();
    fs::copy(cli_fixtures().join("clean.md"), dir.path().join("clean.md")).unwrap();
    fs::create_dir(dir.path().join("web")).unwrap();
    fs::copy(
        root().join("tests/fixtures/html/cms-export.html"),
        dir.path().join("web/cms export.html"),
    )
    .unwrap();
    dir
}

const DRAFTS: [&str; 3] = ["promo.md", "clean.md", "web/cms export.html"];

/// 1-based column of byte `offset` in `text`, counted in UTF-16 code units.
fn utf16_column(text: &str, offset: usize) -> usize {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[start..offset].encode_utf16().count() + 1
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

// ---------------------------------------------------------------- SARIF

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_official_schema_and_matches_the_findings() {
    let dir = scratch();
    let r = run(copydesk_in(dir.path())
        .args(["check", "--format", "sarif"])
        .args(DRAFTS));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "", "stdout only, no summary");
    let log: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let validator = sarif_validator();
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "{errors:#?}");

    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run0 = &runs[0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "copydesk");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Every registry rule is described, in registry order, with its docs.
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let registry: Vec<&str> = copydesk::rules::ALL.iter().map(|r| r.id).collect();
    assert_eq!(ids, registry);
    for (rule, info) in rules.iter().zip(copydesk::rules::ALL) {
        assert_eq!(rule["shortDescription"]["text"], info.summary);
        assert_eq!(rule["fullDescription"]["text"], info.explanation);
        assert!(!rule["name"].as_str().unwrap().is_empty());
        // GitHub's slug of the rule's heading in docs/rules.md.
        let anchor = format!("docs/rules.md#{}", info.id.replace('.', ""));
        assert!(
            rule["help"]["text"].as_str().unwrap().contains(&anchor),
            "{rule}"
        );
        let level = match info.default_severity {
            copydesk::Severity::Error => "error",
            copydesk::Severity::Warning => "warning",
            _ => "note",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
        match option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty()) {
            Some(repo) => {
                let uri = rule["helpUri"].as_str().unwrap();
                assert!(uri.starts_with(repo) && uri.ends_with(&anchor), "{uri}");
            }
            None => assert!(rule.get("helpUri").is_none(), "{rule}"),
        }
    }

    // The results are the JSON findings, located in UTF-16 columns.
    let findings = json_findings(dir.path(), &DRAFTS);
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert!(findings.len() >= 5, "{findings:?}");
    for (result, finding) in results.iter().zip(&findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["rule"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        let location = &result["locations"][0]["physicalLocation"];
        let path = finding["path"].as_str().unwrap();
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(uri, path.replace(' ', "%20"));
        let text = fs::read_to_string(dir.path().join(path)).unwrap();
        let region = &location["region"];
        for (key, line_key, col_key) in [
            ("start", "startLine", "startColumn"),
            ("end", "endLine", "endColumn"),
        ] {
            let offset = finding[key]["offset"].as_u64().unwrap() as usize;
            assert_eq!(region[line_key], line_of(&text, offset), "{result}");
            assert_eq!(region[col_key], utf16_column(&text, offset), "{result}");
        }
    }
    // The promo fixture has an emoji before its finding: UTF-16 columns and
    // character columns differ there, so this checks the unit.
    let promo = results
        .iter()
        .zip(&findings)
        .find(|(r, _)| r["ruleId"] == "promo.code")
        .unwrap();
    assert_eq!(
        promo.0["locations"][0]["physicalLocation"]["region"]["startColumn"],
        promo.1["start"]["column"].as_u64().unwrap() + 1
    );
    assert!(
        results.iter().any(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "web/cms%20export.html"
        ),
        "a path with a directory keeps its forward slash"
    );
}

/// A way to spoil a valid SARIF log.
type Breakage = fn(&mut Value);

#[test]
fn the_schema_check_catches_a_broken_log() {
    let r = run(copydesk_in(&cli_fixtures()).args(["check", "--format", "sarif", "promo.md"]));
    let log: Value = serde_json::from_str(&r.stdout).unwrap();
    let validator = sarif_validator();
    assert!(schema_errors(&validator, &log).is_empty());
    let breakages: [(&str, Breakage); 4] = [
        ("a level SARIF does not have", |l| {
            l["runs"][0]["results"][0]["level"] = "info".into()
        }),
        ("a result without a message", |l| {
            l["runs"][0]["results"][0]
                .as_object_mut()
                .unwrap()
                .remove("message");
        }),
        ("a zero column", |l| {
            l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
                ["startColumn"] = 0.into()
        }),
        ("an unknown property", |l| {
            l["runs"][0]["tool"]["driver"]["rules"][0]["severity"] = "warning".into()
        }),
    ];
    for (what, breakage) in breakages {
        let mut broken = log.clone();
        breakage(&mut broken);
        assert!(
            !schema_errors(&validator, &broken).is_empty(),
            "{what} passed the schema"
        );
    }
}

#[test]
fn sarif_with_no_findings_is_a_valid_empty_run() {
    let r = run(copydesk_in(&cli_fixtures()).args(["check", "--format", "sarif", "clean.md"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let log: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(schema_errors(&sarif_validator(), &log).is_empty());
    assert_eq!(log["runs"][0]["results"], Value::Array(vec![]));
}

// ---------------------------------------------------------------- GitHub

/// Undo the runner's escaping of a property value or message.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_carry_each_finding() {
    let dir = scratch();
    let r = run(copydesk_in(dir.path())
        .args(["check", "--format", "github"])
        .args(DRAFTS));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let findings = json_findings(dir.path(), &DRAFTS);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{}", r.stdout);
    // `::command key=value,…::message`; values hold no raw `,` `:` or newline.
    let command = Regex::new(
        r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*,)*[a-zA-Z]+=[^,:\r\n]*)::([^\r\n]*)$",
    )
    .unwrap();
    for (line, finding) in lines.iter().zip(&findings) {
        let c = command
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let expected = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(&c[1], expected);
        let props: Vec<(&str, String)> = c[2]
            .split(',')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k, unescape(v))
            })
            .collect();
        let get = |k: &str| props.iter().find(|(key, _)| *key == k).unwrap().1.clone();
        assert_eq!(get("file"), finding["path"].as_str().unwrap());
        assert_eq!(get("line"), finding["start"]["line"].to_string());
        assert_eq!(get("col"), finding["start"]["column"].to_string());
        assert_eq!(get("endLine"), finding["end"]["line"].to_string());
        assert_eq!(get("endColumn"), finding["end"]["column"].to_string());
        assert_eq!(
            get("title"),
            format!("copydesk {}", finding["rule"].as_str().unwrap())
        );
        assert_eq!(unescape(&c[3]), finding["message"].as_str().unwrap());
    }
}

// ---------------------------------------------------------------- compact

/// `path:line:col: severity: message [rule]`.
fn compact_line() -> Regex {
    Regex::new(r"^(?P<file>[^:\n]+):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<sev>error|warning|info|note): (?P<msg>.*) \[(?P<rule>[a-z]+(?:\.[a-z-]+)+)\]$").unwrap()
}

fn compact_run(dir: &Path) -> (String, Vec<Value>) {
    let r = run(copydesk_in(dir)
        .args(["check", "--format", "compact"])
        .args(DRAFTS));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    (r.stdout, json_findings(dir, &DRAFTS))
}

#[test]
fn compact_prints_one_parsable_line_per_finding() {
    let dir = scratch();
    let (out, findings) = compact_run(dir.path());
    let re = compact_line();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{out}");
    for (line, f) in lines.iter().zip(&findings) {
        let c = re.captures(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(&c["file"], f["path"].as_str().unwrap());
        assert_eq!(c["line"], f["start"]["line"].to_string());
        assert_eq!(c["col"], f["start"]["column"].to_string());
        assert_eq!(&c["sev"], f["severity"].as_str().unwrap());
        assert_eq!(&c["msg"], f["message"].as_str().unwrap());
        assert_eq!(&c["rule"], f["rule"].as_str().unwrap());
    }
}

/// An editor on PATH, or `None` (the test then checks nothing more).
fn editor(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

#[test]
fn vims_default_errorformat_reads_compact_output() {
    let Some(vim) = editor("vim") else {
        eprintln!("vim not on PATH; skipping");
        return;
    };
    let dir = scratch();
    let (out, findings) = compact_run(dir.path());
    let list = dir.path().join("findings.txt");
    fs::write(&list, &out).unwrap();
    let parsed = dir.path().join("qf.txt");
    let status = StdCommand::new(vim)
        .current_dir(dir.path())
        .args(["-u", "NONE", "-N", "-es", "-i", "NONE"])
        .args(["-c", "set errorformat&"])
        .args(["-c", "cgetfile findings.txt"])
        .args([
            "-c",
            r#"call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . "|" . e.lnum . "|" . e.col . "|" . e.valid}), "qf.txt")"#,
        ])
        .args(["-c", "qa!"])
        .status()
        .unwrap();
    assert!(status.success());
    let qf = fs::read_to_string(parsed).unwrap();
    let expected: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}|{}|{}|1",
                f["path"].as_str().unwrap(),
                f["start"]["line"],
                f["start"]["column"]
            )
        })
        .collect();
    assert_eq!(qf.lines().collect::<Vec<_>>(), expected);
}

const EMACS_PARSE: &str = r#"
(require 'compile)
(with-temp-buffer
  (insert-file-contents (car command-line-args-left))
  (setq command-line-args-left nil)
  (compilation-mode)
  (compilation--ensure-parse (point-max))
  (let ((pos (point-min)))
    (while pos
      (let ((msg (get-text-property pos 'compilation-message)))
        (when msg
          (let ((loc (compilation--message->loc msg)))
            (princ (format "%s|%s|%s|%s\n"
                           (caar (compilation--loc->file-struct loc))
                           (compilation--loc->line loc)
                           (compilation--loc->col loc)
                           (compilation--message->type msg))))))
      (setq pos (next-single-property-change pos 'compilation-message)))))
"#;

#[test]
fn emacs_compilation_mode_reads_compact_output_with_levels() {
    let Some(emacs) = editor("emacs") else {
        eprintln!("emacs not on PATH; skipping");
        return;
    };
    let dir = scratch();
    // One finding of each level Emacs tells apart: info (source.anonymous)
    // and warning; `note` (hints) reads as info too.
    fs::write(
        dir.path().join("anon.md"),
        "The deal is off, a person familiar with the talks said.\n",
    )
    .unwrap();
    let (mut out, mut findings) = compact_run(dir.path());
    let r = run(copydesk_in(dir.path()).args(["check", "--format", "compact", "anon.md"]));
    out.push_str(&r.stdout);
    findings.extend(json_findings(dir.path(), &["anon.md"]));
    assert!(
        findings.iter().any(|f| f["severity"] == "info"),
        "the anonymous-source draft should give an info finding: {findings:?}"
    );
    fs::write(dir.path().join("findings.txt"), &out).unwrap();
    fs::write(dir.path().join("parse.el"), EMACS_PARSE).unwrap();
    let output = StdCommand::new(emacs)
        .current_dir(dir.path())
        .args(["--batch", "-Q", "-l", "parse.el", "findings.txt"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let parsed = String::from_utf8(output.stdout).unwrap();
    // compilation-mode types: 2 error, 1 warning, 0 info.
    let expected: Vec<String> = findings
        .iter()
        .map(|f| {
            let level = match f["severity"].as_str().unwrap() {
                "error" => 2,
                "warning" => 1,
                _ => 0,
            };
            format!(
                "{}|{}|{}|{level}",
                f["path"].as_str().unwrap(),
                f["start"]["line"],
                f["start"]["column"]
            )
        })
        .collect();
    assert_eq!(parsed.lines().collect::<Vec<_>>(), expected);
}

// ---------------------------------------------------------------- human

#[test]
fn human_colour_follows_the_flag_and_never_reaches_a_pipe_by_default() {
    let dir = cli_fixtures();
    let piped = run(copydesk_in(&dir).args(["check", "promo.md"]));
    assert_eq!(piped.code, 1);
    assert!(!piped.stdout.contains('\x1b'), "{:?}", piped.stdout);
    assert!(piped.stdout.starts_with("promo.md:4:"), "{}", piped.stdout);

    let forced = run(copydesk_in(&dir).args(["check", "--color", "always", "promo.md"]));
    assert!(forced.stdout.contains("\x1b["), "{:?}", forced.stdout);
    // The flag beats NO_COLOR, which only changes what `auto` means.
    let forced_anyway = run(copydesk_in(&dir)
        .env("NO_COLOR", "1")
        .args(["check", "--color", "always", "promo.md"]));
    assert_eq!(forced_anyway.stdout, forced.stdout);
    // Forced colour through a pipe, even with CLICOLOR_FORCE, is off with never.
    let never = run(copydesk_in(&dir)
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "--color", "never", "promo.md"]));
    assert_eq!(never.stdout, piped.stdout);
    // `auto` follows the environment as clap does: CLICOLOR_FORCE colours
    // even a pipe, and NO_COLOR beats it.
    let env_forced = run(copydesk_in(&dir)
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "promo.md"]));
    assert_eq!(env_forced.stdout, forced.stdout);
    let no_color = run(copydesk_in(&dir)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["check", "promo.md"]));
    assert_eq!(no_color.stdout, piped.stdout);
    // The summary is on stderr, uncoloured, whatever stdout gets.
    assert_eq!(forced.stderr, piped.stderr);
    assert!(
        piped.stderr.starts_with("1 finding (1 promo) in 1 file"),
        "{}",
        piped.stderr
    );
}

// ---------------------------------------------------------------- exit status

#[test]
fn severity_sets_the_exit_threshold_and_min_severity_hides() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("anon.md"),
        "The deal is off, a person familiar with the talks said.\n",
    )
    .unwrap();
    let findings = json_findings(dir.path(), &["anon.md"]);
    assert!(
        !findings.is_empty() && findings.iter().all(|f| f["severity"] == "info"),
        "the draft should hold info findings only: {findings:?}"
    );
    let check = |args: &[&str]| {
        run(copydesk_in(dir.path())
            .args(["check", "--format", "compact"])
            .args(args)
            .arg("anon.md"))
    };
    let default = check(&[]);
    assert_eq!(default.code, 1, "by default any finding fails the run");
    assert_eq!(default.stdout.lines().count(), findings.len());

    let warning = check(&["--severity", "warning"]);
    assert_eq!(warning.code, 0, "{}", warning.stderr);
    assert_eq!(warning.stdout, default.stdout, "still printed");

    let info = check(&["--severity", "info"]);
    assert_eq!(info.code, 1);

    let hidden = check(&["--min-severity", "warning"]);
    assert_eq!(hidden.code, 0);
    assert_eq!(hidden.stdout, "");

    let bad = check(&["--severity", "loud"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("loud"), "{}", bad.stderr);
}

// ---------------------------------------------------------------- stdin

#[test]
fn stdin_filename_names_stdin_and_picks_its_format() {
    let html = fs::read_to_string(root().join("tests/fixtures/html/cms-export.html")).unwrap();
    let as_html = |args: &[&str]| {
        let r = run(copydesk_in(&cli_fixtures())
            .args(["check", "--format", "json"])
            .args(args)
            .write_stdin(html.clone()));
        assert_eq!(r.code, 1, "{}", r.stderr);
        serde_json::from_str::<Vec<Value>>(&r.stdout).unwrap()
    };
    let named = as_html(&["--stdin-filename", "news/story.html", "-"]);
    assert!(named.iter().all(|f| f["path"] == "news/story.html"));
    assert!(named.iter().any(|f| f["rule"] == "quote.unsourced"));
    // Alone, the flag implies `-`.
    assert_eq!(as_html(&["--stdin-filename", "news/story.html"]), named);
    // Unnamed stdin is Markdown, where the export is one HTML block.
    let r = run(copydesk_in(&cli_fixtures())
        .args(["check", "--format", "json", "-"])
        .write_stdin(html));
    let unnamed: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert!(!unnamed.iter().any(|f| f["rule"] == "quote.unsourced"));

    let r =
        run(copydesk_in(&cli_fixtures()).args(["check", "--stdin-filename", "a.md", "promo.md"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--stdin-filename"), "{}", r.stderr);
}

// ---------------------------------------------------------------- directories

#[test]
fn a_directory_is_walked_in_sorted_order_with_ignores_and_globs() {
    let dir = scratch();
    let d = dir.path();
    fs::create_dir_all(d.join("drafts/.trash")).unwrap();
    fs::create_dir_all(d.join("drafts/b")).unwrap();
    let promo = fs::read_to_string(d.join("promo.md")).unwrap();
    for f in [
        "drafts/z.md",
        "drafts/b/a.markdown",
        "drafts/a.txt",
        "drafts/.trash/old.md",
        "drafts/skip.md",
        "drafts/notes.rst",
    ] {
        fs::write(d.join(f), &promo).unwrap();
    }
    fs::write(d.join("drafts/.ignore"), "skip.md\n").unwrap();
    let paths = |args: &[&str]| -> Vec<String> {
        let mut seen: Vec<String> = json_findings(d, args)
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect();
        seen.dedup();
        seen
    };
    assert_eq!(
        paths(&["drafts"]),
        ["drafts/a.txt", "drafts/b/a.markdown", "drafts/z.md"]
    );
    assert_eq!(
        paths(&["--exclude", "b/", "--exclude", "*.txt", "drafts"]),
        ["drafts/z.md"]
    );
    assert_eq!(
        paths(&["--include", "*.rst", "drafts"]),
        ["drafts/notes.rst"]
    );
    // Named files are checked whatever the globs say, in command-line order.
    assert_eq!(
        paths(&["--exclude", "*.md", "drafts/skip.md", "drafts"]),
        ["drafts/skip.md", "drafts/a.txt", "drafts/b/a.markdown"]
    );

    let r = run(copydesk_in(d).args(["check", "--include", "[", "drafts"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad glob"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

// ---------------------------------------------------------------- pre-commit

/// The top-level `key: value` pairs of each `- id:` entry in a flat YAML list.
fn hook_entries(yaml: &str) -> Vec<Vec<(String, String)>> {
    let mut hooks: Vec<Vec<(String, String)>> = Vec::new();
    for line in yaml.lines() {
        let trimmed = line.trim_end();
        if trimmed.is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        let (starts_item, rest) = match trimmed.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (false, trimmed.trim_start()),
        };
        assert!(
            starts_item || line.starts_with("  "),
            "unexpected line in .pre-commit-hooks.yaml: {line:?}"
        );
        let (key, value) = rest
            .split_once(':')
            .unwrap_or_else(|| panic!("not `key: value`: {line:?}"));
        if starts_item {
            hooks.push(Vec::new());
        }
        let value = value.trim().trim_matches(|c| c == '\'' || c == '"');
        hooks
            .last_mut()
            .expect("a hook starts with `- `")
            .push((key.trim().to_owned(), value.to_owned()));
    }
    hooks
}

#[test]
fn the_pre_commit_hook_is_well_formed_and_its_entry_runs() {
    let yaml = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = hook_entries(&yaml);
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    let hook = &hooks[0];
    let get = |k: &str| {
        hook.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("hook without `{k}`"))
    };
    assert_eq!(get("id"), "copydesk");
    assert!(!get("name").is_empty());
    assert_eq!(get("language"), "rust");
    assert_eq!(get("entry"), "copydesk check");
    // The files pattern is a Python regex; this one is also a Rust regex.
    let files = Regex::new(get("files")).unwrap();
    for name in ["a.md", "b/c.markdown", "n.txt", "p.html", "p.htm", "X.MD"] {
        assert!(files.is_match(name), "{name}");
    }
    for name in ["a.rs", "md", "a.mdx", "a.md.orig"] {
        assert!(!files.is_match(name), "{name}");
    }

    // pre-commit runs `entry args… FILES`: do the same with the built binary.
    let mut words = get("entry").split_whitespace();
    assert_eq!(words.next(), Some("copydesk"));
    let dir = scratch();
    let r = run(copydesk_in(dir.path())
        .args(words)
        .args(["promo.md", "clean.md"]));
    assert_eq!(r.code, 1, "a finding fails the hook: {}", r.stderr);
    assert!(r.stdout.contains("promo.md:4:"), "{}", r.stdout);
    let mut words = get("entry").split_whitespace().skip(1);
    let r = run(copydesk_in(dir.path()).args(words.by_ref()).arg("clean.md"));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// ---------------------------------------------------------------- workflow

#[test]
fn the_sample_workflows_copydesk_commands_run() {
    let workflow = fs::read_to_string(root().join("docs/github-actions.yml")).unwrap();
    let commands: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.trim().strip_prefix("run: "))
        .filter(|c| c.starts_with("copydesk check"))
        .collect();
    assert!(commands.len() >= 2, "{commands:?}");
    assert!(workflow.contains("github/codeql-action/upload-sarif"));
    assert!(workflow.contains("security-events: write"));

    let dir = scratch();
    fs::create_dir(dir.path().join("stories")).unwrap();
    fs::copy(
        dir.path().join("promo.md"),
        dir.path().join("stories/promo.md"),
    )
    .unwrap();
    let mut formats = Vec::new();
    for command in commands {
        // The command up to any shell redirection or `||`.
        let words: Vec<&str> = command
            .split_whitespace()
            .take_while(|w| !matches!(*w, ">" | "||" | "|"))
            .skip(1)
            .collect();
        let r = run(copydesk_in(dir.path()).args(&words));
        assert_eq!(r.code, 1, "{command}: {}", r.stderr);
        let format = words
            .iter()
            .skip_while(|w| **w != "--format")
            .nth(1)
            .copied()
            .unwrap_or("human");
        match format {
            "sarif" => {
                let log: Value = serde_json::from_str(&r.stdout).unwrap();
                assert!(schema_errors(&sarif_validator(), &log).is_empty());
                assert_eq!(
                    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                        ["artifactLocation"]["uri"],
                    "stories/promo.md"
                );
            }
            "github" => assert!(
                r.stdout
                    .starts_with("::warning file=stories/promo.md,line=4,"),
                "{}",
                r.stdout
            ),
            other => panic!("the sample workflow uses --format {other}"),
        }
        formats.push(format);
    }
    assert_eq!(formats, ["sarif", "github"]);
}

#[test]
fn stdin_filename_picks_the_copydesk_toml_from_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("news")).unwrap();
    fs::write(
        dir.path().join("news/copydesk.toml"),
        "[rules]\n\"promo.code\" = \"off\"\n",
    )
    .unwrap();
    let promo = fs::read_to_string(cli_fixtures().join("promo.md")).unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        let r = run(copydesk_in(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .write_stdin(promo.clone()));
        assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
        let findings: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
        findings
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    // From the current directory (no copydesk.toml there) the code is flagged…
    assert!(rules(&["-"]).contains(&"promo.code".to_owned()));
    assert!(rules(&["--stdin-filename", "story.md"]).contains(&"promo.code".to_owned()));
    // …and under news/ the newsroom's file switches the rule off.
    assert!(!rules(&["--stdin-filename", "news/story.md"]).contains(&"promo.code".to_owned()));
    // --no-config still wins.
    assert!(rules(&["--no-config", "--stdin-filename", "news/story.md"])
        .contains(&"promo.code".to_owned()));
}
