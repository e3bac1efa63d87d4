//! Everything the server writes, in one queue with one writer, so frames
//! never interleave and the order they were queued in is the order sent.
//!
//! Diagnostics are queued per document: a publish for a draft whose last
//! publish is still waiting replaces it in its place, so a client that
//! reads slowly gets the newest diagnostics of each draft once, not every
//! stale set in between (60 keystrokes in a 2 MB draft once queued 1.1 GB).
//! They are serialized on the check thread, not on the thread that reads
//! the client (the fork's client handle would build a `serde_json::Value`
//! tree there, then text).
//!
//! The server's own output has no size limit.
//!
//! Each message goes out as one write of its header and body together.
//! On stdio the writer is a thread of its own doing plain blocking writes
//! ([`Outbox::write_blocking`]): a check thread's publish wakes it
//! directly, where tokio's stdout would first wake the protocol thread,
//! which hands every write to its blocking pool and waits for it (four
//! thread hand-offs per message, each paid again after the idle time
//! between a writer's keystrokes).
//!
//! When stdout is a pipe, a message queued while nothing else is queued or
//! being written is written at once by the thread that queued it, through
//! a non-blocking handle on the same pipe ([`Direct`]): a keystroke's
//! publish leaves the check thread without waking the writer. What the
//! pipe does not take at once (a client that reads slowly, a publish
//! larger than the pipe's buffer) is left at the head of the queue for the
//! writer thread, so no thread but the writer ever waits for the client.

use std::collections::{HashMap, VecDeque};
use std::io::{IoSlice, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::Notify;
use tracing::warn;

use crate::pipe::reopen_nonblocking;

#[derive(Debug, Clone, Default)]
pub struct Outbox {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    queue: Mutex<Queue>,
    /// Rung when something is queued, or on close (the async writer).
    ready: Notify,
    /// The same, for the blocking writer.
    ready_blocking: Condvar,
    /// The output, written without blocking by whoever queues a message
    /// when nothing is ahead of it (see the module's documentation).
    direct: Option<Direct>,
}

/// A non-blocking handle on the output pipe.
#[derive(Debug)]
pub struct Direct(std::fs::File);

impl Direct {
    /// A non-blocking handle on the pipe `fd` of this process, if it is
    /// one (see [`reopen_nonblocking`]).
    pub fn open(fd: i32) -> Option<Direct> {
        reopen_nonblocking(fd, true).map(Direct)
    }

    /// Write as much of `head` then `body` as the pipe takes now, in one
    /// `writev` (the body is not copied behind its header); how much.
    fn write_now(&self, head: &[u8], body: &[u8]) -> std::io::Result<usize> {
        let total = head.len() + body.len();
        let mut written = 0;
        while written < total {
            let parts = if written < head.len() {
                [IoSlice::new(&head[written..]), IoSlice::new(body)]
            } else {
                [
                    IoSlice::new(&body[written - head.len()..]),
                    IoSlice::new(&[]),
                ]
            };
            match (&self.0).write_vectored(&parts) {
                Ok(0) => break,
                Ok(n) => written += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(e) => return Err(e),
            }
        }
        Ok(written)
    }
}

#[derive(Debug, Default)]
struct Queue {
    entries: VecDeque<Entry>,
    /// The body of each document's queued publish.
    publishes: HashMap<String, Vec<u8>>,
    /// A thread is writing a message that is no longer queued: nobody
    /// else writes until it is done.
    writing: bool,
    closed: bool,
}

#[derive(Debug)]
enum Entry {
    Message(Vec<u8>),
    /// The document whose newest publish goes here.
    Publish(String),
    /// The rest of a message written in part, header included.
    Rest(Vec<u8>),
}

impl Outbox {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.shared
            .queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Wake whichever writer runs.
    fn ring(&self) {
        self.shared.ready.notify_one();
        self.shared.ready_blocking.notify_one();
    }

    /// An outbox whose messages are written at once through `direct`
    /// when nothing is ahead of them, by the thread that queues them; the
    /// writer ([`Self::write_blocking`]) writes the rest.
    pub fn with_direct(direct: Direct) -> Outbox {
        Outbox {
            shared: Arc::new(Shared {
                direct: Some(direct),
                ..Shared::default()
            }),
        }
    }

    /// Queue a whole JSON-RPC message. `false` once closed.
    pub fn send(&self, body: Vec<u8>) -> bool {
        let queue = self.lock();
        if queue.closed {
            return false;
        }
        let Some(mut queue) = self.write_first(queue, &body) else {
            return true;
        };
        queue.entries.push_back(Entry::Message(body));
        drop(queue);
        self.ring();
        true
    }

    /// Queue a `publishDiagnostics` for `document`, replacing one still
    /// waiting. `false` once closed.
    pub fn publish(&self, document: &str, body: Vec<u8>) -> bool {
        let queue = self.lock();
        if queue.closed {
            return false;
        }
        let Some(mut queue) = self.write_first(queue, &body) else {
            return true;
        };
        if queue.publishes.insert(document.to_owned(), body).is_none() {
            queue.entries.push_back(Entry::Publish(document.to_owned()));
        }
        drop(queue);
        self.ring();
        true
    }

    /// Write `body` now, without blocking, if there is a direct handle and
    /// nothing queued or being written: `None` when it is taken care of
    /// (written, or its rest left at the head of the queue for the
    /// writer), else the queue back to queue it in.
    fn write_first<'q>(
        &'q self,
        mut queue: MutexGuard<'q, Queue>,
        body: &[u8],
    ) -> Option<MutexGuard<'q, Queue>> {
        let direct = match &self.shared.direct {
            Some(direct) if !queue.writing && queue.entries.is_empty() => direct,
            _ => return Some(queue),
        };
        queue.writing = true;
        drop(queue);
        let head = header(body.len());
        let written = match direct.write_now(&head, body) {
            Ok(n) => n,
            Err(e) => {
                // The writer meets the same error, says so, and drops the
                // output from there on.
                warn!("cannot write to the client directly ({e}); left to the writer");
                0
            }
        };
        let mut queue = self.lock();
        queue.writing = false;
        if written < head.len() + body.len() {
            let mut rest = Vec::with_capacity(head.len() + body.len() - written);
            rest.extend_from_slice(head.get(written..).unwrap_or_default());
            rest.extend_from_slice(&body[written.saturating_sub(head.len())..]);
            queue.entries.push_front(Entry::Rest(rest));
        }
        let wake = !queue.entries.is_empty() || queue.closed;
        drop(queue);
        if wake {
            self.ring();
        }
        None
    }

    /// Accept nothing more; what is queued is still written.
    pub fn close(&self) {
        self.lock().closed = true;
        self.ring();
    }

    /// The next thing to write: `Some(None)` when closed and empty (and
    /// nobody is writing), `None` when there is nothing yet. It is no
    /// longer queued, so the caller is now the one writing.
    fn take(queue: &mut Queue) -> Option<Option<Outgoing>> {
        if queue.writing {
            return None;
        }
        while let Some(entry) = queue.entries.pop_front() {
            let next = match entry {
                Entry::Message(body) => Outgoing::Body(body),
                Entry::Rest(frame) => Outgoing::Framed(frame),
                Entry::Publish(document) => match queue.publishes.remove(&document) {
                    Some(body) => Outgoing::Body(body),
                    None => continue,
                },
            };
            queue.writing = true;
            return Some(Some(next));
        }
        queue.closed.then_some(None)
    }

    /// The last thing taken is written.
    fn written(&self) {
        self.lock().writing = false;
    }

    /// The next thing to write; `None` when closed and empty.
    async fn next(&self) -> Option<Outgoing> {
        loop {
            if let Some(next) = Self::take(&mut self.lock()) {
                return next;
            }
            // `notify_one` keeps a permit if the writer is not waiting yet.
            self.shared.ready.notified().await;
        }
    }

    /// [`Self::next`] for a writer thread.
    fn next_blocking(&self) -> Option<Outgoing> {
        let mut queue = self.lock();
        loop {
            if let Some(next) = Self::take(&mut queue) {
                return next;
            }
            queue = self
                .shared
                .ready_blocking
                .wait(queue)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    /// Write queued messages to `output`, blocking, until closed and
    /// drained; run it on a thread of its own. After a write fails, the
    /// rest is dropped.
    pub fn write_blocking<O: Write>(self, mut output: O) {
        let mut writing = true;
        let mut frame = Vec::new();
        while let Some(next) = self.next_blocking() {
            if writing {
                let bytes = next.frame(&mut frame);
                if let Err(e) = output.write_all(bytes).and_then(|()| output.flush()) {
                    warn!("cannot write to the client ({e}); dropping output");
                    writing = false;
                }
            }
            drop(next);
            self.written();
            // A huge message's buffer is not kept for good.
            frame.clear();
            frame.shrink_to(1 << 20);
        }
    }

    /// Write queued messages to `output` until closed and drained. After a
    /// write fails, the rest is dropped.
    pub async fn write_to<O: AsyncWrite + Unpin>(self, mut output: O) {
        let mut writing = true;
        let mut frame = Vec::new();
        while let Some(next) = self.next().await {
            if writing {
                let bytes = next.frame(&mut frame);
                let written = async {
                    output.write_all(bytes).await?;
                    output.flush().await
                };
                if let Err(e) = written.await {
                    warn!("cannot write to the client ({e}); dropping output");
                    writing = false;
                }
            }
            drop(next);
            self.written();
            frame.clear();
            frame.shrink_to(1 << 20);
        }
        let _ = output.shutdown().await;
    }
}

/// What a writer took from the queue.
enum Outgoing {
    /// A message's body, to be framed.
    Body(Vec<u8>),
    /// The rest of a framed message.
    Framed(Vec<u8>),
}

impl Outgoing {
    /// The bytes to write: a body framed in `frame`, or the rest as it is.
    fn frame<'f>(&'f self, frame: &'f mut Vec<u8>) -> &'f [u8] {
        match self {
            Outgoing::Body(body) => {
                framed(body, frame);
                frame
            }
            Outgoing::Framed(rest) => rest,
        }
    }
}

/// `body` with its header, in `frame` (cleared first): one write.
fn framed(body: &[u8], frame: &mut Vec<u8>) {
    frame.clear();
    frame.reserve(body.len() + 32);
    frame.extend_from_slice(&header(body.len()));
    frame.extend_from_slice(body);
}

/// The header of a message whose body is `len` bytes.
fn header(len: usize) -> Vec<u8> {
    format!("Content-Length: {len}\r\n\r\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_publish_is_replaced_in_its_place() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let outbox = Outbox::default();
        outbox.publish("a", b"a1".to_vec());
        outbox.send(b"m".to_vec());
        outbox.publish("b", b"b1".to_vec());
        outbox.publish("a", b"a2".to_vec());
        outbox.close();
        assert!(!outbox.send(b"late".to_vec()));
        let mut out = Vec::new();
        rt.block_on(outbox.write_to(&mut out));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Content-Length: 2\r\n\r\na2Content-Length: 1\r\n\r\nmContent-Length: 2\r\n\r\nb1"
        );
    }

    /// A pipe with a direct handle on its writing end: what the pipe takes
    /// is written by the thread that queues it, without blocking, and the
    /// rest by the writer, in order, whatever the reader does meanwhile.
    #[cfg(target_os = "linux")]
    #[test]
    fn direct_writes_never_block_and_keep_the_order() {
        use std::io::Read;
        use std::os::fd::AsRawFd;
        let (mut reader, writer) = std::io::pipe().unwrap();
        let Some(direct) = Direct::open(writer.as_raw_fd()) else {
            return; // Not an architecture `Direct` knows.
        };
        let outbox = Outbox::with_direct(direct);
        // Nothing ahead of it: written at once, with no writer running.
        outbox.publish("a", b"a1".to_vec());
        let mut got = vec![0; "Content-Length: 2\r\n\r\na1".len()];
        reader.read_exact(&mut got).unwrap();
        assert_eq!(got, b"Content-Length: 2\r\n\r\na1");
        // Larger than the pipe and nobody reading: queuing returns, the
        // rest waits for the writer, and what comes after it stays after.
        let big = vec![b'x'; 1 << 20];
        outbox.publish("b", big.clone());
        outbox.send(b"m".to_vec());
        outbox.publish("c", b"c1".to_vec());
        outbox.close();
        // The writer holds the last handles on the pipe: it ends when done.
        let writer = std::thread::spawn(move || outbox.write_blocking(writer));
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        writer.join().unwrap();
        let mut expected = format!("Content-Length: {}\r\n\r\n", big.len()).into_bytes();
        expected.extend_from_slice(&big);
        expected.extend_from_slice(b"Content-Length: 1\r\n\r\nmContent-Length: 2\r\n\r\nc1");
        assert!(
            out == expected,
            "{} bytes, not the {} expected",
            out.len(),
            expected.len()
        );
    }

    #[test]
    fn the_blocking_writer_writes_the_same_and_waits_for_more() {
        let outbox = Outbox::default();
        outbox.publish("a", b"a1".to_vec());
        outbox.send(b"m".to_vec());
        let writer = {
            let outbox = outbox.clone();
            std::thread::spawn(move || {
                let mut out = Vec::new();
                outbox.write_blocking(&mut out);
                out
            })
        };
        // Queued while the writer waits, or before it starts: either way
        // it is written, in order.
        outbox.publish("b", b"b1".to_vec());
        outbox.publish("b", b"b2".to_vec());
        outbox.close();
        let out = writer.join().unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("Content-Length: 2\r\n\r\na1Content-Length: 1\r\n\r\nm"));
        assert!(
            out.ends_with("b2") || out.ends_with("b1Content-Length: 2\r\n\r\nb2"),
            "{out}"
        );
    }
}
