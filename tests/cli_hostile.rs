//! The command line on hostile files: invalid UTF-8 (on disk and on stdin),
//! UTF-16, and binary junk full of control characters. A clear error or a
//! check, never a panic, and never raw control characters on the terminal.

use assert_cmd::Command;

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
