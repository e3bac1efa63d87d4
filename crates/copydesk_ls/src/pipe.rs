//! Non-blocking handles on this process's stdio pipes, for the reads and
//! writes that must never wait (`stdin`, `outbox`).

use std::fs::File;

/// A non-blocking handle on the pipe `fd` of this process, for reading or
/// for writing, if `fd` is a pipe. Linux only: `/proc/self/fd/N` opened
/// again is a new open file description of the same pipe, so `O_NONBLOCK`
/// applies to this handle alone, never to the descriptor the client
/// handed over (a terminal or a file is not opened again: a file's new
/// description would read or write from its start).
#[cfg(target_os = "linux")]
pub fn reopen_nonblocking(fd: i32, write: bool) -> Option<File> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    /// `O_NONBLOCK` on the architectures below (others differ).
    const O_NONBLOCK: i32 = 0o4000;
    let known = cfg!(any(
        target_arch = "x86_64",
        target_arch = "x86",
        target_arch = "aarch64",
        target_arch = "arm",
        target_arch = "riscv64"
    ));
    let path = format!("/proc/self/fd/{fd}");
    if !known || !std::fs::metadata(&path).ok()?.file_type().is_fifo() {
        return None;
    }
    std::fs::OpenOptions::new()
        .read(!write)
        .write(write)
        .custom_flags(O_NONBLOCK)
        .open(&path)
        .ok()
}

#[cfg(not(target_os = "linux"))]
pub fn reopen_nonblocking(_fd: i32, _write: bool) -> Option<File> {
    None
}
