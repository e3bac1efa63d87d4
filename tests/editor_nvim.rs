//! The Neovim plugin in a real, headless Neovim: `editors/nvim/test/run.sh`
//! opens the draft with the plugin and checks the diagnostics against
//! `copydesk check`, edits, code actions, root reuse, settings, restart,
//! help, and `vim.lsp.enable` on 0.11+. Here it runs against the server
//! cargo just built.
//!
//! Needs Neovim 0.9+ (`nvim` on PATH or `COPYDESK_NVIM`); skipped with the reason
//! when it is missing or too old, unless `COPYDESK_EDITOR_TESTS=required`
//! (set by `.ci/run`, which installs Neovim 0.11 from PyPI).

mod editor_support;

use std::process::Command;
use std::time::Duration;

use editor_support::{copydesk_bin, draft, find_program, repo, run, skip};

#[test]
fn neovim_plugin_shows_the_findings_of_copydesk_check() {
    const TEST: &str = "editor_nvim";
    let Some(nvim) = find_program("COPYDESK_NVIM", "nvim") else {
        skip(
            TEST,
            "Neovim is not installed (no nvim on PATH, COPYDESK_NVIM unset)",
        );
        return;
    };
    let mut command = Command::new("bash");
    command
        .arg(repo().join("editors/nvim/test/run.sh"))
        .arg(draft())
        .env("COPYDESK_BIN", copydesk_bin())
        .env("COPYDESK_NVIM", &nvim);
    let result = run(command, Duration::from_secs(5 * 60));
    if result.code == Some(2) {
        // Too old (Debian's 0.7), or something else it needs is missing.
        let reason = result
            .stderr
            .lines()
            .last()
            .unwrap_or("run.sh could not run");
        skip(TEST, &format!("{} ({})", reason, nvim.display()));
        return;
    }
    assert!(
        result.succeeded(),
        "the Neovim e2e test failed\n{}",
        result.transcript()
    );
    for mode in ["setup", "late"] {
        assert!(
            result.stdout.contains(&format!("[nvim {mode}] PASS")),
            "mode {mode} did not pass\n{}",
            result.transcript()
        );
    }
    let enable = result.stdout.contains("[nvim enable] PASS");
    assert!(
        enable,
        "mode enable did not finish\n{}",
        result.transcript()
    );
}
