//! Shared by the editor tests (`tests/editor_*.rs`): find an editor, run a
//! script that drives it against the built server, and skip — saying so and
//! why — when the editor is not installed here.
//!
//! A skip is only for machines without the editors. `.ci/run` installs them
//! and sets `COPYDESK_EDITOR_TESTS=required`, which turns every skip into a
//! failure, so CI cannot pass by not running them.

#![allow(dead_code)] // each test file uses a different part

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

pub const REQUIRED_VAR: &str = "COPYDESK_EDITOR_TESTS";

/// The server binary under test, built by cargo for this test run.
pub fn copydesk_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_copydesk"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The draft every editor test opens: it has findings of every family.
pub fn draft() -> PathBuf {
    repo().join("examples/draft.md")
}

fn required() -> bool {
    std::env::var(REQUIRED_VAR).is_ok_and(|v| v == "required")
}

/// The test cannot run here: fail if editor tests are required, else say
/// that it was skipped and why. The note goes straight to the process's
/// stderr because the harness swallows `eprintln!` output of passing tests.
pub fn skip(test: &str, reason: &str) {
    assert!(
        !required(),
        "{test}: {reason}. {REQUIRED_VAR}=required is set, so this is a failure, not a skip \
         (.ci/run installs what the editor tests need)."
    );
    let _ = writeln!(
        std::io::stderr(),
        "\nSKIPPED {test}: {reason}.\n        (.ci/run installs the editors; set {REQUIRED_VAR}=required to make this a failure)"
    );
}

/// `name` from the environment variable `var` if set, else from PATH.
/// (The variables are `COPYDESK_*`: plain `NVIM` and `EMACS` are set by the
/// editors themselves in their terminals.)
pub fn find_program(var: &str, name: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    on_path(name)
}

/// `name` on PATH.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

pub fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn succeeded(&self) -> bool {
        self.code == Some(0)
    }

    /// Everything the script said, for a failure message.
    pub fn transcript(&self) -> String {
        format!(
            "exit status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Run `command` to completion, killing it after `limit` (the scripts have
/// their own, shorter timeouts; this only stops a wedged editor from hanging
/// `cargo test`).
pub fn run(mut command: Command, limit: Duration) -> Run {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let out = thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(200)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Err(e) => panic!("waiting for {command:?}: {e}"),
        }
    };
    let mut stderr = err.join().unwrap_or_default();
    if status.is_none() {
        stderr.push_str(&format!("\n(killed after {limit:?})"));
    }
    Run {
        code: status.and_then(|s| s.code()),
        stdout: out.join().unwrap_or_default(),
        stderr,
    }
}

/// `copydesk check --format json` on `file`: the findings every editor must
/// end up showing.
pub fn check_json(file: &Path) -> Vec<Value> {
    let output = Command::new(copydesk_bin())
        .args(["check", "--format", "json"])
        .arg(file)
        .output()
        .expect("run copydesk check");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "copydesk check failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("copydesk check prints JSON")
}

/// The rule ids of `check_json` findings, sorted, duplicates kept.
pub fn rules(findings: &[Value]) -> Vec<String> {
    let mut rules: Vec<String> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect();
    rules.sort();
    rules
}
