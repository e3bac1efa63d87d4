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

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::Notify;
use tracing::warn;

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
}

#[derive(Debug, Default)]
struct Queue {
    entries: VecDeque<Entry>,
    /// The body of each document's queued publish.
    publishes: HashMap<String, Vec<u8>>,
    closed: bool,
}

#[derive(Debug)]
enum Entry {
    Message(Vec<u8>),
    /// The document whose newest publish goes here.
    Publish(String),
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

    /// Queue a whole JSON-RPC message. `false` once closed.
    pub fn send(&self, body: Vec<u8>) -> bool {
        let mut queue = self.lock();
        if queue.closed {
            return false;
        }
        queue.entries.push_back(Entry::Message(body));
        drop(queue);
        self.ring();
        true
    }

    /// Queue a `publishDiagnostics` for `document`, replacing one still
    /// waiting. `false` once closed.
    pub fn publish(&self, document: &str, body: Vec<u8>) -> bool {
        let mut queue = self.lock();
        if queue.closed {
            return false;
        }
        if queue.publishes.insert(document.to_owned(), body).is_none() {
            queue.entries.push_back(Entry::Publish(document.to_owned()));
        }
        drop(queue);
        self.ring();
        true
    }

    /// Accept nothing more; what is queued is still written.
    pub fn close(&self) {
        self.lock().closed = true;
        self.ring();
    }

    /// The next body to write: `Some(None)` when closed and empty, `None`
    /// when there is nothing yet.
    fn take(queue: &mut Queue) -> Option<Option<Vec<u8>>> {
        while let Some(entry) = queue.entries.pop_front() {
            match entry {
                Entry::Message(body) => return Some(Some(body)),
                Entry::Publish(document) => {
                    if let Some(body) = queue.publishes.remove(&document) {
                        return Some(Some(body));
                    }
                }
            }
        }
        queue.closed.then_some(None)
    }

    /// The next body to write; `None` when closed and empty.
    async fn next(&self) -> Option<Vec<u8>> {
        loop {
            if let Some(next) = Self::take(&mut self.lock()) {
                return next;
            }
            // `notify_one` keeps a permit if the writer is not waiting yet.
            self.shared.ready.notified().await;
        }
    }

    /// [`Self::next`] for a writer thread.
    fn next_blocking(&self) -> Option<Vec<u8>> {
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
        while let Some(body) = self.next_blocking() {
            if !writing {
                continue;
            }
            framed(&body, &mut frame);
            drop(body);
            if let Err(e) = output.write_all(&frame).and_then(|()| output.flush()) {
                warn!("cannot write to the client ({e}); dropping output");
                writing = false;
            }
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
        while let Some(body) = self.next().await {
            if !writing {
                continue;
            }
            framed(&body, &mut frame);
            drop(body);
            let written = async {
                output.write_all(&frame).await?;
                output.flush().await
            };
            if let Err(e) = written.await {
                warn!("cannot write to the client ({e}); dropping output");
                writing = false;
            }
            frame.clear();
            frame.shrink_to(1 << 20);
        }
        let _ = output.shutdown().await;
    }
}

/// `body` with its header, in `frame` (cleared first): one write.
fn framed(body: &[u8], frame: &mut Vec<u8>) {
    frame.clear();
    frame.reserve(body.len() + 32);
    // Writing into a Vec cannot fail.
    let _ = write!(frame, "Content-Length: {}\r\n\r\n", body.len());
    frame.extend_from_slice(body);
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
