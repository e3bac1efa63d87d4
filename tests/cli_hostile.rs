//! The command line on hostile files: invalid UTF-8 (on disk and on stdin),
//! UTF-16, binary junk full of control characters, special files (devices,
//! FIFOs, links to them) and drafts past the size limit. A clear error or a
//! check, never a panic, a hang or a read without end, and never raw control
//! characters on the terminal.

use std::time::Duration;

use assert_cmd::Command;

/// Far longer than any of these runs takes, far shorter than a hang.
const PATIENCE: Duration = Duration::from_secs(60);

fn copydesk() -> Command {
    Command::cargo_bin("copydesk").unwrap()
}

#[test]
fn invalid_utf8_on_stdin_is_a_clear_error() {
    let out = copydesk()
        .args(["check", "-"])
        .write_stdin(&b"Fine.\nCaf\xe9 \xff\xfe"[..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot read <stdin>: not valid UTF-8 (byte 0xe9 at offset 9, line 2)"),
        "{stderr}"
    );
}

#[test]
fn utf16_on_disk_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf16.md");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("Use code SAVE20.".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    let out = copydesk().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("looks like UTF-16"), "{stderr}");
}

#[test]
fn binary_junk_is_checked_without_driving_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // Every ASCII byte, NULs and escapes included, around a real finding.
    let mut junk: Vec<u8> = (0u8..128).cycle().take(4096).collect();
    junk.extend_from_slice(b"\x1b[2J Use code SAVE20 at checkout.\x07\r\x00\n");
    junk.extend((0u8..128).rev().cycle().take(4096));
    for (name, format) in [
        ("junk.md", "human"),
        ("junk.html", "human"),
        ("junk.txt", "json"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &junk).unwrap();
        let out = copydesk()
            .args(["check", "--format", format])
            .arg(&path)
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{name}: {out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: control characters reach the terminal: {stdout:?}"
        );
    }
}

/// A draft with one finding, beside the hostile files, to show the others
/// are still checked.
const GOOD: &str = "Use code SAVE20 at checkout.\n";

#[cfg(unix)]
#[test]
fn special_files_are_refused_by_name_and_the_other_drafts_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    // A FIFO with no writer: opening it for reading would block forever.
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let link = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, GOOD).unwrap();

    let out = copydesk()
        .args(["check", "--format", "json", "/dev/zero"])
        .arg(&fifo)
        .arg(&link)
        .arg(&good)
        .timeout(PATIENCE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (path, kind) in [
        ("/dev/zero".to_owned(), "a character device"),
        (fifo.display().to_string(), "a named pipe"),
        (link.display().to_string(), "a character device"),
    ] {
        assert!(
            stderr.contains(&format!("cannot read {path}: not a regular file ({kind})")),
            "{path}: {stderr}"
        );
    }
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
    assert_eq!(findings[0]["rule"], "promo.code");
}

#[test]
fn a_sparse_2_gb_draft_is_refused_unread_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.md");
    // Sparse: 2 GB long, no disk used; reading it would take minutes.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, GOOD).unwrap();
    let out = copydesk()
        .arg("check")
        .arg(&huge)
        .arg(&good)
        .timeout(PATIENCE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "cannot read {}: 2 GiB, over the 64 MiB size limit (--max-size raises it)",
            huge.display()
        )),
        "{stderr}"
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("promo.code"));

    // The limit is a flag: a small draft over a small limit is refused, and
    // under a raised one it is checked.
    let out = copydesk()
        .args(["check", "--max-size", "16"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("over the 16 bytes size limit"));
    let out = copydesk()
        .args(["check", "--max-size", "1K"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

#[test]
fn stdin_is_read_only_up_to_the_limit() {
    // Endless input on stdin, as `copydesk check - < /dev/zero` gives.
    let out = copydesk()
        .args(["check", "--max-size", "1M", "-"])
        .write_stdin(vec![b'a'; 3 << 20])
        .timeout(PATIENCE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read <stdin>: over the 1 MiB size limit"));
}

#[cfg(unix)]
#[test]
fn a_special_file_as_config_is_refused_and_the_drafts_checked_with_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, GOOD).unwrap();
    let fifo = dir.path().join("copydesk.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for config in [std::path::Path::new("/dev/zero"), fifo.as_path()] {
        let out = copydesk()
            .arg("check")
            .arg("--config")
            .arg(config)
            .arg(&good)
            .timeout(PATIENCE)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(&format!(
                "{}: cannot read: not a regular file",
                config.display()
            )),
            "{stderr}"
        );
        assert!(String::from_utf8(out.stdout)
            .unwrap()
            .contains("promo.code"));
    }
}
