//! The drafts the editor has open, kept in step with it by incremental edits.
//!
//! A document is its text, a line index over that text, the client's version
//! and its incremental checker (which knows the markup format), with the
//! bookkeeping of the one background worker that checks it. Edits are applied in the order they arrive; a range
//! outside the text is clamped, a backwards range is logged and skipped, and
//! an unknown document is reported to the caller — nothing here panics on
//! what a client sends.
//!
//! Text and index sit behind `Arc`s so a check can take a snapshot without
//! copying; the next edit copies only if that snapshot is still alive.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use copydesk::incremental::Checker;
use copydesk::line_index::{Encoding, LineIndex};
use copydesk::{Format, Span};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};
use tracing::{debug, warn};

use super::convert;

/// A store-wide counter stamped on every new state of every document, so a
/// check can tell whether the text it saw is still the latest. Client versions
/// cannot do this alone: they restart when a document is closed and reopened.
pub type Revision = u64;

#[derive(Debug, Clone)]
pub struct Document {
    text: Arc<String>,
    line_index: Arc<LineIndex>,
    version: i32,
    revision: Revision,
    /// The markup format, for the editor features (the checker has its own).
    format: Format,
    checks: Arc<Checks>,
    /// A worker is checking this document; it re-checks until it has
    /// checked the latest revision, so no second one is started.
    worker: bool,
}

/// What the background worker of one opened document keeps between checks.
/// A reopened document gets a new one, so a worker can tell its document
/// from a successor at the same URI.
#[derive(Debug)]
pub struct Checks {
    /// Remembers the last check's findings, to re-check only what an edit
    /// touched. Only the document's one worker locks it.
    pub checker: Mutex<Checker>,
    /// The JSON of its last published diagnostics, reused by the next
    /// publish where they are unchanged. Only the worker locks it.
    pub serialized: Mutex<crate::convert::Serialized>,
    /// The document's latest revision, readable without the store's lock:
    /// a check of any older revision is obsolete and stops between units.
    latest: AtomicU64,
}

impl Checks {
    /// Whether `revision` has been superseded.
    pub fn obsolete(&self, revision: Revision) -> bool {
        self.latest.load(Ordering::Acquire) != revision
    }
}

/// What a check needs from a document, taken under the store's lock and used
/// after it is released.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub text: Arc<String>,
    pub line_index: Arc<LineIndex>,
    pub version: i32,
}

impl Document {
    fn new(text: String, version: i32, format: Format, revision: Revision) -> Self {
        Document {
            line_index: Arc::new(LineIndex::new(&text)),
            text: Arc::new(text),
            version,
            revision,
            format,
            checks: Arc::new(Checks {
                checker: Mutex::new(Checker::new(format)),
                serialized: Mutex::default(),
                latest: AtomicU64::new(revision),
            }),
            worker: false,
        }
    }

    fn set_revision(&mut self, revision: Revision) {
        self.revision = revision;
        self.checks.latest.store(revision, Ordering::Release);
    }

    pub fn revision(&self) -> Revision {
        self.revision
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn checks(&self) -> &Arc<Checks> {
        &self.checks
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            text: Arc::clone(&self.text),
            line_index: Arc::clone(&self.line_index),
            version: self.version,
        }
    }

    /// Apply one `didChange`'s edits in order. Returns how many were skipped
    /// because their range ran backwards.
    fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) -> usize {
        // A whole-text replacement makes every edit before it moot.
        let first = changes.iter().rposition(|c| c.range.is_none()).unwrap_or(0);
        let mut skipped = 0;
        for change in changes.into_iter().skip(first) {
            match change.range {
                None => {
                    self.text = Arc::new(change.text);
                    self.line_index = Arc::new(LineIndex::new(&self.text));
                }
                Some(range) => {
                    let Some(span) = convert::span(&self.text, &self.line_index, range, encoding)
                    else {
                        skipped += 1;
                        continue;
                    };
                    replace(&mut self.text, span, &change.text);
                    // Each edit's range is relative to the text after the
                    // edit before it.
                    Arc::make_mut(&mut self.line_index).edit(
                        &self.text,
                        span.start,
                        span.end,
                        change.text.len(),
                    );
                }
            }
        }
        skipped
    }
}

/// Replace `span` of the text with `insert`. `span` is clamped onto char
/// boundaries, so this cannot panic. The text is copied only if a check
/// still holds it, and grows by a little at a time: a `String` doubles,
/// and one typed character would leave a 10,000-word draft holding twice
/// its size for as long as it stays open.
fn replace(text: &mut Arc<String>, span: Span, insert: &str) {
    // Room for a few hundred typed characters before the next copy.
    let slack = text.len() / 64 + 64;
    match Arc::get_mut(text) {
        Some(owned) => {
            let grow = insert.len().saturating_sub(span.len());
            if owned.capacity() - owned.len() < grow {
                owned.reserve_exact(grow + slack);
            }
            owned.replace_range(span.as_range(), insert);
        }
        None => {
            let mut fresh = String::with_capacity(text.len() - span.len() + insert.len() + slack);
            fresh.push_str(&text[..span.start]);
            fresh.push_str(insert);
            fresh.push_str(&text[span.end..]);
            *text = Arc::new(fresh);
        }
    }
}

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct DocumentStore {
    documents: HashMap<Uri, Document>,
    last_revision: Revision,
}

impl DocumentStore {
    fn next_revision(&mut self) -> Revision {
        self.last_revision += 1;
        self.last_revision
    }

    /// Give every open document but `except` a new revision with its text
    /// unchanged, so that checks started under an older configuration are
    /// superseded. Returns the documents to check again. (`except` has just
    /// been checked under the new configuration: a new revision would only
    /// make its worker check and publish it again.)
    pub fn touch_all_but(&mut self, except: Option<&Uri>) -> Vec<(Uri, Revision)> {
        let uris: Vec<Uri> = self
            .documents
            .keys()
            .filter(|&u| Some(u) != except)
            .cloned()
            .collect();
        let mut out = Vec::with_capacity(uris.len());
        for uri in uris {
            let revision = self.next_revision();
            if let Some(doc) = self.documents.get_mut(&uri) {
                doc.set_revision(revision);
                out.push((uri, revision));
            }
        }
        out
    }

    /// Give `uri` a new revision with its text unchanged, so that it is
    /// checked again even while its worker is running: a worker that has
    /// just published the old revision goes on to this one instead of
    /// stopping (a save asks for a check of the same text). `None` if the
    /// document is not open.
    pub fn touch(&mut self, uri: &Uri) -> Option<Revision> {
        if !self.documents.contains_key(uri) {
            return None;
        }
        let revision = self.next_revision();
        self.documents.get_mut(uri)?.set_revision(revision);
        Some(revision)
    }

    /// Open (or, if the client forgot to close it, reopen) a document.
    pub fn open(&mut self, uri: Uri, text: String, version: i32, format: Format) -> Revision {
        let revision = self.next_revision();
        if self.documents.contains_key(&uri) {
            debug!(
                uri = uri.as_str(),
                "didOpen for a document already open; replacing it"
            );
        }
        self.documents
            .insert(uri, Document::new(text, version, format, revision));
        revision
    }

    /// Apply a `didChange`. `None` when the document is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Option<Revision> {
        let revision = self.next_revision();
        let document = self.documents.get_mut(uri)?;
        if version <= document.version {
            debug!(
                uri = uri.as_str(),
                version,
                previous = document.version,
                "document version did not increase"
            );
        }
        let skipped = document.apply(changes, encoding);
        if skipped > 0 {
            warn!(
                uri = uri.as_str(),
                version, skipped, "skipped edits with a range that runs backwards"
            );
        }
        document.version = version;
        document.set_revision(revision);
        Some(revision)
    }

    /// Forget a document. `false` when it was not open.
    pub fn close(&mut self, uri: &Uri) -> bool {
        let Some(doc) = self.documents.remove(uri) else {
            return false;
        };
        // Revision 0 is never given out: a check still running stops.
        doc.checks.latest.store(0, Ordering::Release);
        true
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.documents.get(uri)
    }

    /// The client's version of the document if `revision` is still its
    /// latest state, else `None`.
    pub fn current_version(&self, uri: &Uri, revision: Revision) -> Option<i32> {
        self.documents
            .get(uri)
            .filter(|d| d.revision == revision)
            .map(|d| d.version)
    }

    /// Start a worker for `uri` unless one is running: returns the document's
    /// `Checks` for the new worker, or `None` (not open, or a worker already
    /// runs and will reach the latest revision by itself).
    pub fn start_worker(&mut self, uri: &Uri) -> Option<Arc<Checks>> {
        let doc = self.documents.get_mut(uri)?;
        if doc.worker {
            return None;
        }
        doc.worker = true;
        Some(Arc::clone(&doc.checks))
    }

    /// Asked by a worker that has just checked (or tried) `revision`: whether
    /// to go on. It stops, and is marked stopped, when that was the latest
    /// revision; it stops as well when its document was closed or reopened.
    pub fn worker_continues(
        &mut self,
        uri: &Uri,
        checks: &Arc<Checks>,
        revision: Revision,
    ) -> bool {
        let Some(doc) = self.documents.get_mut(uri) else {
            return false;
        };
        if !Arc::ptr_eq(&doc.checks, checks) {
            return false;
        }
        if doc.revision == revision {
            doc.worker = false;
            return false;
        }
        true
    }

    /// Mark the worker of `uri` stopped (after a failure), if `checks` is
    /// still the document's.
    pub fn stop_worker(&mut self, uri: &Uri, checks: &Arc<Checks>) {
        if let Some(doc) = self.documents.get_mut(uri) {
            if Arc::ptr_eq(&doc.checks, checks) {
                doc.worker = false;
            }
        }
    }

    /// The latest snapshot of the document with its revision, if `checks`
    /// is still its (not a closed or reopened one's).
    pub fn latest(&self, uri: &Uri, checks: &Arc<Checks>) -> Option<(Revision, Snapshot)> {
        self.documents
            .get(uri)
            .filter(|d| Arc::ptr_eq(&d.checks, checks))
            .map(|d| (d.revision, d.snapshot()))
    }

    #[cfg(test)]
    /// A snapshot of the document, only if it is still at `revision`: a check
    /// of a state that has already been superseded is work nobody will see.
    pub fn snapshot_if_current(&self, uri: &Uri, revision: Revision) -> Option<Snapshot> {
        self.documents
            .get(uri)
            .filter(|d| d.revision == revision)
            .map(Document::snapshot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn uri() -> Uri {
        "file:///drafts/story.md".parse::<Uri>().unwrap()
    }

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn whole(text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_string(),
        }
    }

    /// Open `text`, apply one `didChange` with `changes`, return the new text.
    fn after(
        text: &str,
        encoding: Encoding,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> String {
        let mut store = DocumentStore::default();
        store.open(uri(), text.to_string(), 1, Format::Markdown);
        store.change(&uri(), 2, changes, encoding).unwrap();
        let doc = store.get(&uri()).unwrap().snapshot();
        assert_eq!(doc.version, 2);
        // The index must describe the new text, not the old one.
        assert_eq!(*doc.line_index, LineIndex::new(&doc.text));
        doc.text.to_string()
    }

    #[test]
    fn whole_text_replacement() {
        assert_eq!(
            after("old\ntext", Encoding::Utf16, vec![whole("new")]),
            "new"
        );
        // Edits before a replacement are moot; edits after it apply to it.
        assert_eq!(
            after(
                "old",
                Encoding::Utf16,
                vec![
                    edit(9, 9, 9, 9, "lost"),
                    whole("new"),
                    edit(0, 3, 0, 3, "er")
                ]
            ),
            "newer"
        );
    }

    #[test]
    fn utf16_edits_count_surrogate_pairs() {
        let text = "Big news 🎉🎉 — use code\n東京 tail";
        // 🎉 is two UTF-16 units: column 11 is between the two emoji.
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(0, 11, 0, 11, "!")]),
            "Big news 🎉!🎉 — use code\n東京 tail"
        );
        // Delete the second emoji (two units) and the CJK pair on line 1.
        assert_eq!(
            after(
                text,
                Encoding::Utf16,
                vec![edit(0, 11, 0, 13, ""), edit(1, 0, 1, 2, "Tokyo")]
            ),
            "Big news 🎉 — use code\nTokyo tail"
        );
    }

    #[test]
    fn utf8_edits_count_bytes() {
        let text = "Big news 🎉🎉 — use code\n東京 tail";
        // 🎉 is four bytes: column 13 is between the two emoji.
        assert_eq!(
            after(text, Encoding::Utf8, vec![edit(0, 13, 0, 13, "!")]),
            "Big news 🎉!🎉 — use code\n東京 tail"
        );
        assert_eq!(
            after(text, Encoding::Utf8, vec![edit(1, 0, 1, 6, "Tokyo")]),
            "Big news 🎉🎉 — use code\nTokyo tail"
        );
    }

    #[test]
    fn a_column_inside_a_character_snaps_to_its_start() {
        // UTF-16 column 10 is inside 🎉's surrogate pair; UTF-8 column 10 inside its bytes.
        assert_eq!(
            after(
                "Big news 🎉x",
                Encoding::Utf16,
                vec![edit(0, 10, 0, 10, "!")]
            ),
            "Big news !🎉x"
        );
        assert_eq!(
            after(
                "Big news 🎉x",
                Encoding::Utf8,
                vec![edit(0, 10, 0, 10, "!")]
            ),
            "Big news !🎉x"
        );
    }

    #[test]
    fn edits_in_order_each_against_the_previous_result() {
        assert_eq!(
            after(
                "ab",
                Encoding::Utf16,
                vec![
                    edit(0, 1, 0, 1, "\n"),
                    edit(1, 0, 1, 0, "X"),
                    edit(0, 0, 0, 1, "A")
                ]
            ),
            "A\nXb"
        );
    }

    #[test]
    fn crlf_line_ends() {
        let text = "one\r\ntwo\r\nthree";
        // The end of line 0 is before its `\r\n`.
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(0, 3, 0, 3, "!")]),
            "one!\r\ntwo\r\nthree"
        );
        // A column past the line's end clamps to it, not into the line break.
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(1, 40, 1, 40, "?")]),
            "one\r\ntwo?\r\nthree"
        );
        // Joining two lines removes the whole `\r\n`.
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(0, 3, 1, 0, " ")]),
            "one two\r\nthree"
        );
        // Splitting a line with the client's own line break.
        assert_eq!(
            after(text, Encoding::Utf8, vec![edit(2, 2, 2, 2, "\r\n")]),
            "one\r\ntwo\r\nth\r\nree"
        );
    }

    #[test]
    fn edits_at_line_and_text_ends() {
        let text = "first\nsecond\n";
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(0, 5, 0, 5, " line")]),
            "first line\nsecond\n"
        );
        // The empty line after the final `\n` exists and can be typed on.
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(2, 0, 2, 0, "third")]),
            "first\nsecond\nthird"
        );
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(1, 6, 2, 0, "")]),
            "first\nsecond"
        );
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "one\ntwo";
        // A line past the end is the end of the text.
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(99, 0, 99, 5, "!")]),
            "one\ntwo!"
        );
        // A range running off the end deletes to the end.
        assert_eq!(
            after(text, Encoding::Utf16, vec![edit(0, 2, 42, 42, "")]),
            "on"
        );
        assert_eq!(
            after(text, Encoding::Utf8, vec![edit(0, 99, 0, 99, ",")]),
            "one,\ntwo"
        );
    }

    #[test]
    fn backwards_ranges_are_skipped_and_the_rest_applied() {
        let mut store = DocumentStore::default();
        store.open(uri(), "abc".into(), 1, Format::Plain);
        let changes = vec![edit(0, 2, 0, 1, "X"), edit(0, 3, 0, 3, "d")];
        assert!(store.change(&uri(), 2, changes, Encoding::Utf16).is_some());
        let doc = store.get(&uri()).unwrap().snapshot();
        assert_eq!(doc.text.as_str(), "abcd");
        assert_eq!(doc.version, 2);
        let checks = store.get(&uri()).unwrap().checks();
        assert_eq!(checks.checker.lock().unwrap().format(), Format::Plain);
    }

    #[test]
    fn one_worker_per_document_until_it_reaches_the_latest_revision() {
        let mut store = DocumentStore::default();
        let r1 = store.open(uri(), "a".into(), 1, Format::Markdown);
        let checks = store.start_worker(&uri()).expect("first worker starts");
        assert!(store.start_worker(&uri()).is_none(), "one at a time");
        let r2 = store
            .change(&uri(), 2, vec![whole("ab")], Encoding::Utf16)
            .unwrap();
        assert!(checks.obsolete(r1) && !checks.obsolete(r2));
        // Having checked r1, the worker goes on to r2, then stops.
        assert!(store.worker_continues(&uri(), &checks, r1));
        assert!(!store.worker_continues(&uri(), &checks, r2));
        assert!(
            store.start_worker(&uri()).is_some(),
            "a new edit starts one again"
        );
        // A reopened document is another document: the old worker stops.
        store.open(uri(), "new".into(), 1, Format::Markdown);
        let r3 = store
            .change(&uri(), 2, vec![whole("newer")], Encoding::Utf16)
            .unwrap();
        assert!(!store.worker_continues(&uri(), &checks, r2));
        assert!(checks.obsolete(r3));
        let current = store
            .start_worker(&uri())
            .expect("the new document's worker");
        assert!(!current.obsolete(r3));
        assert!(store.close(&uri()));
        assert!(current.obsolete(r3), "closing makes its check obsolete");
    }

    #[test]
    fn a_touch_keeps_a_running_worker_going_for_one_more_check() {
        let mut store = DocumentStore::default();
        let r1 = store.open(uri(), "a".into(), 1, Format::Markdown);
        let checks = store.start_worker(&uri()).expect("first worker starts");
        // A save arrives while the worker is between publishing r1 and
        // stopping: no second worker starts, so the running one must go on.
        let r2 = store.touch(&uri()).expect("open");
        assert!(store.start_worker(&uri()).is_none(), "one at a time");
        assert_ne!(r1, r2);
        assert_eq!(store.get(&uri()).unwrap().snapshot().text.as_str(), "a");
        assert!(store.worker_continues(&uri(), &checks, r1));
        assert!(!store.worker_continues(&uri(), &checks, r2));
        assert!(store.touch(&"file:///other.md".parse().unwrap()).is_none());
    }

    #[test]
    fn typing_grows_the_text_a_little_at_a_time() {
        let mut store = DocumentStore::default();
        store.open(uri(), "word ".repeat(20_000), 1, Format::Markdown);
        for (version, held) in [(2, false), (3, true), (4, false)] {
            // A check may hold the text while the edit arrives.
            let snapshot = held.then(|| store.get(&uri()).unwrap().snapshot());
            store
                .change(
                    &uri(),
                    version,
                    vec![edit(0, 0, 0, 0, "x")],
                    Encoding::Utf16,
                )
                .unwrap();
            let text = store.get(&uri()).unwrap().snapshot().text;
            let typed = version as usize - 1;
            assert!(text.starts_with(&format!("{}word", "x".repeat(typed))));
            let (len, capacity) = (text.len(), text.capacity());
            assert!(capacity < len + len / 16, "{len} bytes in {capacity}");
            drop(snapshot);
        }
    }

    #[test]
    fn unknown_documents_are_reported_not_created() {
        let mut store = DocumentStore::default();
        let other = "file:///drafts/other.md".parse::<Uri>().unwrap();
        assert_eq!(
            store.change(&other, 3, vec![whole("x")], Encoding::Utf16),
            None
        );
        assert!(store.get(&other).is_none());
        assert!(!store.close(&other));
    }

    #[test]
    fn revisions_tell_a_stale_check_from_a_current_one() {
        let mut store = DocumentStore::default();
        let r1 = store.open(uri(), "a".into(), 1, Format::Markdown);
        let snapshot = store.snapshot_if_current(&uri(), r1).unwrap();
        let r2 = store
            .change(&uri(), 2, vec![edit(0, 1, 0, 1, "b")], Encoding::Utf16)
            .unwrap();
        assert!(r2 > r1);
        assert_eq!(store.current_version(&uri(), r1), None);
        assert!(store.snapshot_if_current(&uri(), r1).is_none());
        assert_eq!(store.current_version(&uri(), r2), Some(2));
        // The snapshot a check holds keeps the text it was taken from.
        assert_eq!(snapshot.text.as_str(), "a");
        assert_eq!(snapshot.version, 1);
        assert_eq!(store.get(&uri()).unwrap().snapshot().text.as_str(), "ab");

        // Close and reopen at version 1 again: the old revision stays stale.
        assert!(store.close(&uri()));
        assert_eq!(store.current_version(&uri(), r2), None);
        let r3 = store.open(uri(), "a".into(), 1, Format::Markdown);
        assert!(r3 > r2);
        assert_eq!(store.current_version(&uri(), r1), None);
        assert_eq!(store.current_version(&uri(), r3), Some(1));
    }

    mod properties {
        //! Random edit sequences against a reference model written here from
        //! the LSP spec (lines end at `\n`, `\r\n` or `\r`; columns count
        //! UTF-8 bytes or UTF-16 units; a position past a line's end is its
        //! end, a line past the text's end is the text's end, a column
        //! inside a character is that character's start).
        use super::*;
        use proptest::prelude::*;
        use tower_lsp_server::ls_types::{Position, Range};

        /// Byte ranges of each line's content (without its break).
        fn lines(text: &str) -> Vec<(usize, usize)> {
            let b = text.as_bytes();
            let mut out = Vec::new();
            let mut start = 0;
            let mut i = 0;
            while i < b.len() {
                match b[i] {
                    b'\n' => {
                        out.push((start, i));
                        start = i + 1;
                    }
                    b'\r' if b.get(i + 1) == Some(&b'\n') => {
                        out.push((start, i));
                        i += 1;
                        start = i + 1;
                    }
                    b'\r' => {
                        out.push((start, i));
                        start = i + 1;
                    }
                    _ => {}
                }
                i += 1;
            }
            out.push((start, b.len()));
            out
        }

        fn reference_offset(text: &str, pos: Position, encoding: Encoding) -> usize {
            let lines = lines(text);
            let Some(&(start, end)) = lines.get(pos.line as usize) else {
                return text.len();
            };
            let mut units = 0;
            for (i, c) in text[start..end].char_indices() {
                let w = match encoding {
                    Encoding::Utf8 => c.len_utf8(),
                    _ => c.len_utf16(),
                };
                if units + w > pos.character as usize {
                    return start + i;
                }
                units += w;
            }
            end
        }

        /// Apply one didChange's edits to the reference string.
        fn reference_apply(
            text: &mut String,
            changes: &[TextDocumentContentChangeEvent],
            encoding: Encoding,
        ) {
            for c in changes {
                match c.range {
                    None => *text = c.text.clone(),
                    Some(r) => {
                        let s = reference_offset(text, r.start, encoding);
                        let e = reference_offset(text, r.end, encoding);
                        if s <= e {
                            text.replace_range(s..e, &c.text);
                        }
                    }
                }
            }
        }

        /// Text from pieces that stress the edges: surrogate pairs, combining
        /// and CJK characters, every kind of line break.
        fn text() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "a", "word ", "é", "😀", "👍🏽", "東京", "\n", "\r\n", "\r", " ", "“", "”",
                "e\u{301}",
            ]);
            prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
        }

        fn number() -> impl Strategy<Value = u32> {
            prop_oneof![8 => 0u32..8, 1 => 8u32..40, 1 => Just(u32::MAX)]
        }

        fn change() -> impl Strategy<Value = TextDocumentContentChangeEvent> {
            let range = (number(), number(), number(), number())
                .prop_map(|(a, b, c, d)| Range::new(Position::new(a, b), Position::new(c, d)));
            (prop::option::weighted(0.9, range), text()).prop_map(|(range, text)| {
                TextDocumentContentChangeEvent {
                    range,
                    range_length: None,
                    text,
                }
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]

            #[test]
            fn edits_leave_the_text_the_reference_has(
                initial in text(),
                utf8 in any::<bool>(),
                batches in prop::collection::vec(prop::collection::vec(change(), 1..4), 1..8),
            ) {
                let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
                let mut store = DocumentStore::default();
                store.open(uri(), initial.clone(), 1, Format::Markdown);
                let mut reference = initial;
                for (v, batch) in batches.into_iter().enumerate() {
                    reference_apply(&mut reference, &batch, encoding);
                    store.change(&uri(), v as i32 + 2, batch, encoding).unwrap();
                    let doc = store.get(&uri()).unwrap().snapshot();
                    prop_assert_eq!(doc.text.as_str(), reference.as_str());
                    prop_assert_eq!(&*doc.line_index, &LineIndex::new(&doc.text));
                }
            }

            #[test]
            fn diagnostics_lie_inside_the_text_on_character_boundaries(
                pieces in prop::collection::vec(prop::sample::select(vec![
                    "“Yes,” she said. ", "“No,” ", "Use code SAVE20 at checkout. ",
                    "Studies show 40% of people agree. ", "Experts say it works. ",
                    "[deal](https://amzn.to/x?tag=a-20) ", "<!-- note --> ", "&ldquo;Hi&rdquo; ",
                    "<p>", "</p>", "> ", "# ", "😀", "東京", "e\u{301}", "\n", "\r\n", "\r", "\n\n",
                ]), 0..30),
                format in prop::sample::select(vec![Format::Markdown, Format::Plain, Format::Html]),
                utf8 in any::<bool>(),
            ) {
                let text = pieces.concat();
                let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
                let config = copydesk::Config::default();
                let findings = copydesk::check(&text, format, &config);
                // Deterministic: the same input gives the same output.
                prop_assert_eq!(&findings, &copydesk::check(&text, format, &config));
                let index = LineIndex::new(&text);
                let diagnostics = convert::diagnostics(&text, &index, &findings, encoding, convert::DOCS_URL);
                prop_assert_eq!(&diagnostics, &convert::diagnostics(&text, &index, &findings, encoding, convert::DOCS_URL));
                prop_assert_eq!(findings.len(), diagnostics.len());
                let lines = lines(&text);
                // An offset inside a `\r\n` is the end of its line.
                let norm = |o: usize| if o > 0 && text[..o].ends_with('\r') && text[o..].starts_with('\n') { o - 1 } else { o };
                for (f, d) in findings.iter().zip(&diagnostics) {
                    for (pos, offset) in [(d.range.start, f.span.start), (d.range.end, f.span.end)] {
                        let Some(&(start, end)) = lines.get(pos.line as usize) else {
                            return Err(TestCaseError::fail(format!("{pos:?} past the last line")));
                        };
                        let width = match encoding {
                            Encoding::Utf8 => end - start,
                            _ => text[start..end].encode_utf16().count(),
                        };
                        prop_assert!(pos.character as usize <= width, "{:?} past its line's end", pos);
                        prop_assert_eq!(reference_offset(&text, pos, encoding), norm(offset));
                    }
                }
            }

            #[test]
            fn positions_agree_with_the_reference_both_ways(
                text in text(),
                utf8 in any::<bool>(),
                line in 0u32..30,
                character in 0u32..40,
            ) {
                let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
                let index = LineIndex::new(&text);
                let pos = Position::new(line, character);
                let offset = convert::offset(&text, &index, pos, encoding);
                prop_assert_eq!(offset, reference_offset(&text, pos, encoding));
                // Back to a position, and that position to the same offset.
                let back = convert::position(&text, &index, offset, encoding);
                prop_assert_eq!(reference_offset(&text, back, encoding), offset);
            }
        }
    }
}
