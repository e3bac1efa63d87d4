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

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

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
    /// Rung when something is queued, or on close.
    ready: Notify,
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

    /// Queue a whole JSON-RPC message. `false` once closed.
    pub fn send(&self, body: Vec<u8>) -> bool {
        let mut queue = self.lock();
        if queue.closed {
            return false;
        }
        queue.entries.push_back(Entry::Message(body));
        drop(queue);
        self.shared.ready.notify_one();
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
        self.shared.ready.notify_one();
        true
    }

    /// Accept nothing more; what is queued is still written.
    pub fn close(&self) {
        self.lock().closed = true;
        self.shared.ready.notify_one();
    }

    /// The next body to write; `None` when closed and empty.
    async fn next(&self) -> Option<Vec<u8>> {
        loop {
            {
                let mut queue = self.lock();
                while let Some(entry) = queue.entries.pop_front() {
                    match entry {
                        Entry::Message(body) => return Some(body),
                        Entry::Publish(document) => {
                            if let Some(body) = queue.publishes.remove(&document) {
                                return Some(body);
                            }
                        }
                    }
                }
                if queue.closed {
                    return None;
                }
            }
            // `notify_one` keeps a permit if the writer is not waiting yet.
            self.shared.ready.notified().await;
        }
    }

    /// Write queued messages to `output` until closed and drained. After a
    /// write fails, the rest is dropped.
    pub async fn write_to<O: AsyncWrite + Unpin>(self, mut output: O) {
        let mut writing = true;
        while let Some(body) = self.next().await {
            if !writing {
                continue;
            }
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            let written = async {
                output.write_all(header.as_bytes()).await?;
                output.write_all(&body).await?;
                output.flush().await
            };
            if let Err(e) = written.await {
                warn!("cannot write to the client ({e}); dropping output");
                writing = false;
            }
        }
        let _ = output.shutdown().await;
    }
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
}
