//! Stdin read by a thread of its own with plain blocking reads, handed to
//! the protocol thread through a channel.
//!
//! tokio's `Stdin` runs each read as a job on its blocking pool: when a
//! message arrives, the pool thread wakes the protocol thread, which must
//! first hand the next read back to the pool (waking another pool thread,
//! both taking the pool's lock) before it gets on with the message. That
//! is three or four thread hand-offs in front of every keystroke's check,
//! each paid again after the idle time between a writer's keys. Here the
//! reader thread reads again as soon as it has sent what it read, and a
//! message costs one wake-up of the protocol thread.

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
