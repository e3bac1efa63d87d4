//! Stdin, read so that a message wakes as few threads as it can.
//!
//! tokio's `Stdin` runs each read as a job on its blocking pool: when a
//! message arrives, the pool thread wakes the protocol thread, which must
//! first hand the next read back to the pool (waking another pool thread,
//! both taking the pool's lock) before it gets on with the message. That
//! is three or four thread hand-offs in front of every keystroke's check,
//! each paid again after the idle time between a writer's keys.
//!
//! - When stdin is a pipe (what editors hand a server), it is read on the
//!   protocol thread itself ([`PipeReader`]): a non-blocking handle on the
//!   pipe registered with the runtime's poller, so a message wakes the
//!   protocol thread straight out of its wait and no other thread.
//! - Otherwise (a file, a terminal, a socket, or a system without the
//!   non-blocking handle), a thread of its own reads with plain blocking
//!   reads and hands what it read to the protocol thread through a
//!   channel ([`ThreadReader`]): it reads again as soon as it has sent
//!   what it read, and a message costs one wake-up of the protocol thread
//!   more than the pipe's.

use std::io::{self, Read};
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

/// The most bytes one read takes from the source.
const CHUNK: usize = 64 << 10;
/// Chunks read ahead of the protocol thread before the reader waits:
/// a client that floods the server is held at about 1 MB.
const AHEAD: usize = 16;

/// Stdin's pipe read on the thread that polls it: a non-blocking handle
/// (`pipe::reopen_nonblocking`) the runtime's poller watches.
#[cfg(unix)]
#[derive(Debug)]
pub struct PipeReader {
    pipe: tokio::io::unix::AsyncFd<std::fs::File>,
}

/// A [`PipeReader`] on the pipe `fd`, if `fd` is a pipe this system can
/// reopen without blocking and the runtime (entered by the caller) polls
/// it.
#[cfg(unix)]
pub fn read_pipe(fd: i32) -> io::Result<PipeReader> {
    let Some(file) = crate::pipe::reopen_nonblocking(fd, false) else {
        return Err(io::Error::other("not a pipe this system can reopen"));
    };
    // Deprecated for types that could swap their descriptor while
    // registered (its replacement is `unsafe`, which the workspace
    // forbids); a `File` owns its descriptor and this one is never
    // replaced or closed while the reader lives.
    #[allow(deprecated)]
    tokio::io::unix::AsyncFd::with_interest(file, tokio::io::Interest::READABLE)
        .map(|pipe| PipeReader { pipe })
}

#[cfg(unix)]
impl AsyncRead for PipeReader {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            let mut ready = ready!(self.pipe.poll_read_ready(cx))?;
            // `try_io` forgets the readiness only when the read would
            // block, so the next poll waits for new bytes; after any other
            // answer the pipe is read again before waiting (the poller
            // says only when new bytes come, not that some are left).
            match ready.try_io(|pipe| (&mut pipe.get_ref()).read(buf.initialize_unfilled())) {
                Ok(Ok(n)) => {
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                Ok(Err(e)) => return Poll::Ready(Err(e)),
                Err(_would_block) => {}
            }
        }
    }
}

/// The reading end: an [`AsyncRead`] over what the thread has read.
#[derive(Debug)]
pub struct ThreadReader {
    chunks: mpsc::Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    /// How much of `chunk` has been read.
    at: usize,
}

/// Start a thread named `name` that reads `source` until its end or an
/// error (which the reading end then returns).
pub fn read_on_thread<R: Read + Send + 'static>(
    name: &str,
    mut source: R,
) -> io::Result<ThreadReader> {
    let (send, chunks) = mpsc::channel(AHEAD);
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            let mut buffer = vec![0; CHUNK];
            loop {
                let read = match source.read(&mut buffer) {
                    Ok(0) => return,
                    Ok(n) => Ok(buffer[..n].to_vec()),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let failed = read.is_err();
                // Sending fails only once the reading end is gone.
                if send.blocking_send(read).is_err() || failed {
                    return;
                }
            }
        })?;
    Ok(ThreadReader {
        chunks,
        chunk: Vec::new(),
        at: 0,
    })
}

impl AsyncRead for ThreadReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        while this.at == this.chunk.len() {
            match ready!(this.chunks.poll_recv(cx)) {
                Some(Ok(chunk)) => {
                    this.chunk = chunk;
                    this.at = 0;
                }
                Some(Err(e)) => return Poll::Ready(Err(e)),
                // The end of the source: nothing put in `buf`.
                None => return Poll::Ready(Ok(())),
            }
        }
        let n = buf.remaining().min(this.chunk.len() - this.at);
        buf.put_slice(&this.chunk[this.at..this.at + n]);
        this.at += n;
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    /// Reads `data` in pieces of `step` bytes, then fails or ends.
    struct Pieces {
        data: Vec<u8>,
        at: usize,
        step: usize,
        fail: bool,
    }

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.at == self.data.len() && self.fail {
                return Err(io::Error::other("gone"));
            }
            let n = self.step.min(buf.len()).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
    }

    fn data() -> Vec<u8> {
        (0..200_000u32).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn every_byte_arrives_in_order_then_the_end() {
        for step in [1, 7, 1000, CHUNK, 3 * CHUNK] {
            let source = Pieces {
                data: data(),
                at: 0,
                step,
                fail: false,
            };
            let mut reader = read_on_thread("test-read", source).expect("thread");
            let mut got = Vec::new();
            runtime()
                .block_on(reader.read_to_end(&mut got))
                .expect("read");
            assert_eq!(got, data(), "pieces of {step}");
        }
    }

    /// The pipe read on the polling thread: every byte, in order, whether
    /// it comes at once or after the reader has gone back to waiting (a
    /// wake-up lost there would hang this test), then the end.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_read_by_the_poller_wakes_for_every_write_then_ends() {
        use std::io::Write;
        use std::os::fd::AsRawFd;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        for pause in [0, 2] {
            let (read_end, mut write_end) = std::io::pipe().expect("pipe");
            let mut reader = {
                let _entered = runtime.enter();
                read_pipe(read_end.as_raw_fd()).expect("a pipe reader")
            };
            let sent = data();
            let writer = std::thread::spawn(move || {
                for piece in sent.chunks(7919) {
                    write_end.write_all(piece).expect("write");
                    std::thread::sleep(std::time::Duration::from_millis(pause));
                }
            });
            let mut got = Vec::new();
            runtime
                .block_on(reader.read_to_end(&mut got))
                .expect("read");
            writer.join().expect("writer");
            assert!(got == data(), "pause {pause}: {} bytes", got.len());
        }
    }

    #[test]
    fn a_file_is_not_read_by_the_poller() {
        use std::os::fd::AsRawFd;
        let file = tempfile::tempfile().expect("file");
        assert!(read_pipe(file.as_raw_fd()).is_err());
    }

    #[test]
    fn an_error_reaches_the_reader_after_the_bytes_before_it() {
        let source = Pieces {
            data: b"Content-Length: 2\r\n\r\n{}".to_vec(),
            at: 0,
            step: 5,
            fail: true,
        };
        let mut reader = read_on_thread("test-read", source).expect("thread");
        let mut got = Vec::new();
        let error = runtime()
            .block_on(reader.read_to_end(&mut got))
            .expect_err("the source's error");
        assert_eq!(error.to_string(), "gone");
        assert_eq!(got, b"Content-Length: 2\r\n\r\n{}");
    }
}
