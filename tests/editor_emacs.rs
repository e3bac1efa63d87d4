//! Emacs with Eglot, headless: `editors/emacs/test/eglot-e2e.el` applies the
//! setup from `editors/README.md` word for word and checks that Flymake
//! ends up with exactly the findings of `copydesk check`. Here it runs
//! against the server cargo just built.
//!
//! Needs Emacs with Eglot (Debian: `emacs-nox elpa-eglot`); skipped with the
//! reason when they are missing, unless `COPYDESK_EDITOR_TESTS=required`
//! (set by `.ci/run`, which installs them).

mod editor_support;

use std::process::Command;
use std::time::Duration;

use editor_support::{check_json, copydesk_bin, draft, find_program, repo, run, skip};

#[test]
fn eglot_shows_the_findings_of_copydesk_check() {
    const TEST: &str = "editor_emacs";
    let Some(emacs) = find_program("COPYDESK_EMACS", "emacs") else {
        skip(
            TEST,
            "Emacs is not installed (no emacs on PATH, COPYDESK_EMACS unset)",
        );
        return;
    };
    let has_eglot = Command::new(&emacs)
        .args(["--batch", "-q", "--eval"])
        .arg("(progn (require 'package) (package-initialize) (kill-emacs (if (require 'eglot nil t) 0 1)))")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_eglot {
        skip(
            TEST,
            "Eglot is not installed (Debian: apt-get install elpa-eglot)",
        );
        return;
    }
    // As editors/README.md says to run it: from the repository, with paths
    // relative to it (the binary too, when cargo built it under the repo).
    let bin = copydesk_bin();
    let bin = bin.strip_prefix(repo()).unwrap_or(&bin).to_owned();
    let mut command = Command::new(&emacs);
    command
        .current_dir(repo())
        .args(["--batch", "-q", "-l", "editors/emacs/test/eglot-e2e.el"])
        .arg("examples/draft.md")
        .env("COPYDESK_BIN", &bin);
    let result = run(command, Duration::from_secs(3 * 60));
    assert!(
        result.succeeded() && result.stdout.contains("[eglot] PASS"),
        "the Eglot e2e test failed\n{}",
        result.transcript()
    );
    let expected = check_json(&draft());
    for finding in &expected {
        let rule = finding["rule"].as_str().expect("rule");
        assert!(
            result.stdout.contains(&format!("copydesk [{rule}]")),
            "{rule} missing from Flymake\n{}",
            result.transcript()
        );
    }
}
