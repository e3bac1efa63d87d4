//! `copydesk check` with configuration files: the lookup walking up from
//! each draft, `--config` and `--no-config`, and bad files named with their
//! line and column while the drafts are still checked with the defaults.
//!
//! Every scratch tree has a `copydesk.toml` at its root, so a file that may
//! sit above the temporary directory never decides a result.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const DRAFT: &str =
    "Use code SAVE20 at checkout.\n\nProperty taxes have nearly doubled over the past decade.\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run copydesk");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// `(path, rule, severity)` of every finding.
fn findings(run: &Run) -> Vec<(String, String, String)> {
    let Ok(Value::Array(all)) = serde_json::from_str::<Value>(&run.stdout) else {
        panic!(
            "expected a JSON array, got {:?} (stderr {:?})",
            run.stdout, run.stderr
        );
    };
    all.iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("path"), s("rule"), s("severity"))
        })
        .collect()
}

fn rules_of(run: &Run, path: &str) -> Vec<String> {
    findings(run)
        .into_iter()
        .filter(|(p, _, _)| p == path)
        .map(|(_, r, s)| format!("{r}:{s}"))
        .collect()
}

fn tree() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    fs::write(
        root.path().join("copydesk.toml"),
        "# the newsroom's defaults\n",
    )
    .expect("write");
    fs::create_dir_all(root.path().join("desk/politics")).expect("dirs");
    fs::create_dir_all(root.path().join("sports")).expect("dirs");
    for d in ["desk/politics", "sports", "."] {
        fs::write(root.path().join(d).join("draft.md"), DRAFT).expect("write");
    }
    root
}

#[test]
fn each_draft_uses_the_nearest_copydesk_toml_above_it() {
    let root = tree();
    fs::write(
        root.path().join("desk/copydesk.toml"),
        "[rules]\n\"promo.code\" = \"off\"\nclaim = \"error\"\n",
    )
    .expect("write");
    let r = run_in(root.path(), &["desk/politics/draft.md", "sports/draft.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // desk/politics walks up to desk/copydesk.toml.
    assert_eq!(
        rules_of(&r, "desk/politics/draft.md"),
        vec!["claim.unattributed:error"]
    );
    // sports walks up to the root's file, which changes nothing.
    assert_eq!(
        rules_of(&r, "sports/draft.md"),
        vec!["promo.code:warning", "claim.unattributed:warning"]
    );
    // From inside the tree, with a relative path and from stdin alike.
    let inner = root.path().join("desk/politics");
    let r = run_in(&inner, &["draft.md"]);
    assert_eq!(rules_of(&r, "draft.md"), vec!["claim.unattributed:error"]);
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(&inner)
        .args(["check", "--format", "json", "-"])
        .write_stdin(DRAFT)
        .output()
        .expect("run");
    let r = Run {
        code: out.status.code().expect("code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    };
    assert_eq!(rules_of(&r, "<stdin>"), vec!["claim.unattributed:error"]);
}

#[test]
fn config_flag_overrides_the_lookup_and_no_config_ignores_it() {
    let root = tree();
    fs::write(
        root.path().join("desk/copydesk.toml"),
        "[rules]\npromo = \"off\"\n",
    )
    .expect("write");
    fs::write(root.path().join("quiet.toml"), "[rules]\nclaim = \"off\"\n").expect("write");
    let r = run_in(
        root.path(),
        &["--config", "quiet.toml", "desk/politics/draft.md"],
    );
    assert_eq!(
        rules_of(&r, "desk/politics/draft.md"),
        vec!["promo.code:warning"]
    );
    let r = run_in(root.path(), &["--no-config", "desk/politics/draft.md"]);
    assert_eq!(
        rules_of(&r, "desk/politics/draft.md"),
        vec!["promo.code:warning", "claim.unattributed:warning"]
    );
    let both = run_in(
        root.path(),
        &["--no-config", "--config", "quiet.toml", "draft.md"],
    );
    assert_eq!(both.code, 2, "the two flags conflict");
}

#[test]
fn an_invalid_config_is_named_with_its_line_and_the_drafts_still_checked() {
    let root = tree();
    fs::write(
        root.path().join("desk/copydesk.toml"),
        "[rules]\nclaim = \"off\"\n\"promo.cod\" = \"off\"\n",
    )
    .expect("write");
    let r = run_in(root.path(), &["desk/politics/draft.md", "sports/draft.md"]);
    assert_eq!(r.code, 2, "an invalid config is an error: {}", r.stderr);
    let absolute = std::path::absolute(root.path().join("desk/copydesk.toml")).expect("abs");
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("promo.cod"))
        .unwrap_or_else(|| panic!("no error line in {:?}", r.stderr));
    assert!(
        line.contains(&format!(
            "{}:3:1: unknown rule or family",
            absolute.display()
        )),
        "{line}"
    );
    assert!(line.contains("did you mean \"promo.code\""), "{line}");
    // Nothing lost: the draft under the bad file is checked with the defaults
    // (claim = "off" is not half-applied), the other draft as usual.
    assert_eq!(
        rules_of(&r, "desk/politics/draft.md"),
        vec!["promo.code:warning", "claim.unattributed:warning"]
    );
    assert_eq!(rules_of(&r, "sports/draft.md").len(), 2);
    // Reported once, however many drafts it covers.
    let r = run_in(
        root.path(),
        &["desk/politics/draft.md", "desk/politics/draft.md"],
    );
    assert_eq!(r.stderr.matches("unknown rule").count(), 1, "{}", r.stderr);
}

#[test]
fn a_binary_or_garbage_config_is_a_clear_error_not_a_panic() {
    let root = tree();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (name, bytes) in [
        ("binary", garbage.clone()),
        ("zeros", vec![0u8; 64]),
        ("half a table", b"[rules\n\xff".to_vec()),
        ("text garbage", b"}}}{{{ = = [[[\n\"unterminated".to_vec()),
    ] {
        fs::write(root.path().join("copydesk.toml"), &bytes).expect("write");
        let r = run_in(root.path(), &["draft.md"]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        let line = r.stderr.lines().next().unwrap_or_default();
        assert!(
            line.contains("copydesk.toml:")
                && (line.contains("UTF-8") || line.contains("invalid TOML")),
            "{name}: {line}"
        );
        assert_eq!(rules_of(&r, "draft.md").len(), 2, "{name}: still checked");
    }
}

#[test]
fn house_rules_and_suppression_through_the_cli() {
    let root = tree();
    fs::write(
        root.path().join("copydesk.toml"),
        "[[house-rules]]\nid = \"utilize\"\nwords = [\"utilize\"]\nreplacement = \"use\"\nseverity = \"info\"\n",
    )
    .expect("write");
    fs::write(
        root.path().join("story.md"),
        "The county will utilize the grant.\n\nUse code SAVE20 at checkout. <!-- copydesk-disable-line promo -->\n",
    )
    .expect("write");
    let r = run_in(root.path(), &["story.md"]);
    assert_eq!(rules_of(&r, "story.md"), vec!["house.utilize:info"]);
}

#[test]
fn the_newsroom_example_applies_to_its_story_and_not_to_the_quick_start_draft() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = run_in(repo, &["examples/newsroom/story.md", "examples/draft.md"]);
    let story = rules_of(&r, "examples/newsroom/story.md");
    assert!(
        story.contains(&"house.percent:error".to_owned()),
        "{story:?}"
    );
    assert!(
        !story.iter().any(|f| f.starts_with("promo.code")),
        "{story:?}"
    );
    let draft = rules_of(&r, "examples/draft.md");
    assert!(
        draft.iter().any(|f| f.starts_with("promo.code")),
        "{draft:?}"
    );
    assert!(!draft.iter().any(|f| f.starts_with("house.")), "{draft:?}");
}
