//! The wire in front of tower-lsp: `Content-Length` framing read by us, so
//! that no byte sequence a client can send stops the server.
//!
//! tower-lsp 0.20 frames stdin with a `tokio_util` codec, and `FramedRead`
//! ends its stream after the first decode error (tokio issue #3976): one
//! malformed body, one missing or garbled header, and tower-lsp answers a
//! single ParseError and then behaves as if stdin had closed, so the server
//! exits. A `Content-Length` larger than what follows makes it wait for bytes
//! that never come, swallowing every later message. So we read the frames
//! ourselves and hand tower-lsp only well-formed JSON-RPC messages, over an
//! in-memory pipe:
//!
//! - a body that is not JSON gets a ParseError (-32700); JSON that is not a
//!   JSON-RPC message (no `"jsonrpc": "2.0"`, a batch, a number) gets an
//!   InvalidRequest (-32600), with the message's `id` when it has one;
//! - a header block without a usable `Content-Length`, a header line that is
//!   not a header, or a `Content-Length` over [`MAX_MESSAGE`] gets one
//!   ParseError, and reading resumes at the next `Content-Length`;
//! - header names are matched without regard to case, a bare `\n` is
//!   accepted for `\r\n`, and other headers (`Content-Type`) are ignored.
//!
//! tower-lsp's own output goes through a second pipe and is copied to stdout
//! frame by frame, so our error responses never land inside one of its
//! messages; diagnostics, serialized off this thread, join the same queue
//! of frames through the [`Outbox`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
    DuplexStream,
};
use tokio::sync::{mpsc, Mutex};
use tokio::task::JoinHandle;
use tower_lsp::jsonrpc::{Request, Response};
use tracing::{debug, warn};

/// The largest message accepted: room for a 20 MB draft in a `didOpen`
/// even if every character needs escaping, and still a bound on memory.
pub const MAX_MESSAGE: usize = 128 << 20;

/// The longest header line kept; longer lines are garbage, not headers.
const MAX_HEADER_LINE: usize = 8 << 10;

/// How much of a message the in-memory pipes buffer.
const PIPE_BUFFER: usize = 64 << 10;

/// JSON-RPC error codes.
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;

/// One step of reading the client's byte stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A body, exactly `Content-Length` bytes (not yet checked in any way).
    Body(Vec<u8>),
    /// Bytes that could not be framed, and why; reading has resynchronised.
    Malformed(String),
    /// The stream ended (possibly in the middle of a message).
    Eof,
}

/// Reads `Content-Length` frames leniently, resynchronising after garbage.
pub struct FrameReader<R> {
    reader: R,
    /// Set when the next header block must be found by scanning.
    resync: bool,
    /// A header line already read, to start the next header block with.
    pending: Option<Vec<u8>>,
}

const NEEDLE: &[u8] = b"content-length";

impl<R: AsyncBufRead + Unpin> FrameReader<R> {
    pub fn new(reader: R) -> Self {
        FrameReader {
            reader,
            resync: false,
            pending: None,
        }
    }

    pub async fn next(&mut self) -> Frame {
        let mut first_line = self.pending.take().unwrap_or_default();
        if std::mem::take(&mut self.resync) && first_line.is_empty() {
            match self.skip_to_header().await {
                Some(line) => first_line = line,
                None => return Frame::Eof,
            }
        }
        let mut length: Option<usize> = None;
        let mut problem: Option<String> = None;
        let mut any = !first_line.is_empty();
        loop {
            let line = if first_line.is_empty() {
                match self.read_line().await {
                    Some(line) => line,
                    None => {
                        if any {
                            debug!("input ended inside a header block");
                        }
                        return Frame::Eof;
                    }
                }
            } else {
                std::mem::take(&mut first_line)
            };
            any = true;
            let Some(line) = strip_line_end(&line) else {
                if line.len() < MAX_HEADER_LINE {
                    debug!("input ended inside a header line");
                    return Frame::Eof;
                }
                problem.get_or_insert_with(|| "a header line is too long".into());
                break;
            };
            if line.is_empty() {
                break;
            }
            match parse_header(line) {
                Some((name, value)) if name.eq_ignore_ascii_case(b"content-length") => {
                    match std::str::from_utf8(value).ok().and_then(|v| v.parse().ok()) {
                        Some(n) => length = Some(n),
                        None => {
                            problem.get_or_insert_with(|| {
                                format!(
                                    "invalid Content-Length {:?}",
                                    String::from_utf8_lossy(value)
                                )
                            });
                        }
                    }
                }
                Some(_) => {}
                None => {
                    problem.get_or_insert_with(|| {
                        format!(
                            "not a header line: {:?}",
                            String::from_utf8_lossy(&line[..line.len().min(80)])
                        )
                    });
                    // A body sent without headers, right before a real header.
                    if let Some(at) = find_needle(&line[1..]).map(|at| at + 1) {
                        let mut rest = line[at..].to_vec();
                        rest.push(b'\n');
                        self.pending = Some(rest);
                        return Frame::Malformed(problem.unwrap_or_default());
                    }
                    break;
                }
            }
        }
        if let Some(problem) = problem {
            self.resync = true;
            return Frame::Malformed(problem);
        }
        let Some(length) = length else {
            self.resync = true;
            return Frame::Malformed("a header block without Content-Length".into());
        };
        if length > MAX_MESSAGE {
            self.resync = true;
            return Frame::Malformed(format!(
                "a message of {length} bytes (the limit is {MAX_MESSAGE})"
            ));
        }
        let mut body = Vec::with_capacity(length.min(1 << 20));
        match (&mut self.reader)
            .take(length as u64)
            .read_to_end(&mut body)
            .await
        {
            Ok(n) if n == length => Frame::Body(body),
            _ => {
                debug!(
                    length,
                    got = body.len(),
                    "input ended inside a message body"
                );
                Frame::Eof
            }
        }
    }

    /// A line up to and including `\n`, at most `MAX_HEADER_LINE` bytes
    /// (a longer one comes back without its `\n`). `None` at end of input.
    async fn read_line(&mut self) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        match (&mut self.reader)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
            .await
        {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line),
        }
    }

    /// Discard input up to the next `Content-Length` (any case) and return
    /// the header line that starts there. `None` at end of input.
    async fn skip_to_header(&mut self) -> Option<Vec<u8>> {
        // 'c' occurs only at the needle's start, so a mismatch restarts cleanly.
        let mut matched = 0;
        let mut skipped = 0usize;
        loop {
            let buf = match self.reader.fill_buf().await {
                Ok([]) | Err(_) => return None,
                Ok(buf) => buf,
            };
            let mut used = buf.len();
            for (i, &b) in buf.iter().enumerate() {
                let b = b.to_ascii_lowercase();
                if b == NEEDLE[matched] {
                    matched += 1;
                    if matched == NEEDLE.len() {
                        used = i + 1;
                        break;
                    }
                } else {
                    matched = usize::from(b == NEEDLE[0]);
                }
            }
            self.reader.consume(used);
            skipped += used;
            if matched == NEEDLE.len() {
                debug!(skipped, "resynchronised on a Content-Length header");
                let mut line = b"Content-Length".to_vec();
                if let Some(rest) = self.read_line().await {
                    line.extend_from_slice(&rest);
                }
                return Some(line);
            }
        }
    }
}

/// Where `content-length` (any case) starts in `line`.
fn find_needle(line: &[u8]) -> Option<usize> {
    line.windows(NEEDLE.len())
        .position(|w| w.eq_ignore_ascii_case(NEEDLE))
}

/// The line without its `\r\n` or `\n`; `None` if it has neither (too long,
/// or cut off by the end of input).
fn strip_line_end(line: &[u8]) -> Option<&[u8]> {
    let line = line.strip_suffix(b"\n")?;
    Some(line.strip_suffix(b"\r").unwrap_or(line))
}

/// `Name: value`, with a name made of token characters.
fn parse_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let is_token = |b: &u8| b.is_ascii_alphanumeric() || b"-_".contains(b);
    (!name.is_empty() && name.iter().all(is_token)).then_some((name, value.trim_ascii()))
}

/// What tower-lsp accepts as a message: the same untagged enum as its
/// private `jsonrpc::Message`, so that whatever passes here passes there.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // Only whether it deserializes matters.
enum Message {
    Response(Response),
    Request(Request),
}

/// A request or notification as tower-lsp's `Request` reads it, checked
/// without building anything: `params` is skipped, not turned into a
/// `Value` (a `didOpen` can carry megabytes). Whatever this accepts,
/// `Request`, and so `Message`, accepts too: the same field names and
/// defaults, `jsonrpc` exactly "2.0", `method` a string, `id` an `i64`, a
/// string or null; unknown fields ignored, duplicates refused, as there.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow)]
    jsonrpc: Cow<'a, str>,
    #[serde(default, borrow, rename = "method")]
    _method: Cow<'a, str>,
    #[serde(default, rename = "params")]
    _params: IgnoredAny,
    #[serde(default, rename = "id")]
    _id: Option<ProbeId>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ProbeId {
    Number(#[allow(dead_code)] i64),
    String(#[allow(dead_code)] String),
}

/// The error response for a body that is not a JSON-RPC message, or `None`
/// when tower-lsp can take it.
pub fn check_body(body: &[u8]) -> Option<Value> {
    // The common case, a request or notification, in one pass that copies
    // nothing; anything else (responses, errors) gets the exact check, and
    // the error cases parse again to tell bad JSON from a bad message.
    if serde_json::from_slice::<Probe>(body).is_ok_and(|p| p.jsonrpc == "2.0") {
        return None;
    }
    let Err(e) = serde_json::from_slice::<Message>(body) else {
        return None;
    };
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return Some(error_response(Value::Null, PARSE_ERROR, &format!("{e}"))),
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    Some(error_response(
        id,
        INVALID_REQUEST,
        &format!("not a JSON-RPC 2.0 message: {e}"),
    ))
}

pub fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The pipes between the client's streams and tower-lsp, and the tasks
/// pumping them.
pub struct Framing {
    writer: JoinHandle<()>,
}

/// A way to the client that bypasses tower-lsp: whole JSON-RPC messages,
/// already serialized, written in the order they are sent, interleaved
/// frame by frame with tower-lsp's own output. The server publishes
/// diagnostics through it, serialized on the check thread: tower-lsp would
/// turn them into a `serde_json::Value` tree and then into text, both on
/// the one thread that reads the client's messages (a sixth of a
/// keystroke's time with 70 diagnostics).
#[derive(Debug, Clone)]
pub struct Outbox {
    bodies: mpsc::UnboundedSender<Vec<u8>>,
    open: Arc<AtomicBool>,
}

impl Outbox {
    /// Queue `body` for the client. `false` once closed (after `exit`, as
    /// tower-lsp sends nothing then either) or when output has stopped.
    pub fn send(&self, body: Vec<u8>) -> bool {
        self.open.load(Ordering::Acquire) && self.bodies.send(body).is_ok()
    }

    /// Send nothing more.
    pub fn close(&self) {
        self.open.store(false, Ordering::Release);
    }
}

impl Framing {
    /// Start pumping `input` and `output`. Returns the streams tower-lsp
    /// should read from and write to, and the outbox.
    pub fn start<I, O>(input: I, output: O) -> (DuplexStream, DuplexStream, Framing, Outbox)
    where
        I: AsyncRead + Unpin + Send + 'static,
        O: AsyncWrite + Unpin + Send + 'static,
    {
        let (mut to_server, server_in) = tokio::io::duplex(PIPE_BUFFER);
        let (server_out, from_server) = tokio::io::duplex(PIPE_BUFFER);
        let output = Arc::new(Mutex::new(output));

        let out = Arc::clone(&output);
        tokio::spawn(async move {
            let mut frames = FrameReader::new(BufReader::new(input));
            loop {
                let response = match frames.next().await {
                    Frame::Eof => break,
                    Frame::Body(body) => match check_body(&body) {
                        None => {
                            if to_server.write_all(&frame(&body)).await.is_err() {
                                break; // tower-lsp has stopped.
                            }
                            continue;
                        }
                        Some(response) => {
                            warn!(
                                "bad message from the client: {}",
                                response["error"]["message"]
                            );
                            response
                        }
                    },
                    Frame::Malformed(why) => {
                        warn!("bad framing from the client: {why}; skipped to the next header");
                        error_response(Value::Null, PARSE_ERROR, &format!("bad framing: {why}"))
                    }
                };
                let bytes = frame(response.to_string().as_bytes());
                if write_frame(&out, &bytes).await.is_err() {
                    break;
                }
            }
            // Tell tower-lsp its input has ended.
            let _ = to_server.shutdown().await;
        });

        // tower-lsp's frames join the outbox's in one queue, so one writer
        // keeps each source's order and never splits a frame.
        let (bodies, mut queue) = mpsc::unbounded_channel::<Vec<u8>>();
        let from_tower = bodies.clone();
        let mut pump = tokio::spawn(async move {
            let mut frames = FrameReader::new(BufReader::new(from_server));
            while let Frame::Body(body) = frames.next().await {
                if from_tower.send(body).is_err() {
                    break;
                }
            }
        });
        let writer = tokio::spawn(async move {
            let mut writing = true;
            let mut write = async |body: Vec<u8>| {
                if writing && write_frame(&output, &frame(&body)).await.is_err() {
                    warn!("cannot write to the client; dropping output");
                    writing = false;
                }
            };
            loop {
                tokio::select! {
                    biased;
                    body = queue.recv() => match body {
                        Some(body) => write(body).await,
                        None => break,
                    },
                    // tower-lsp's output has closed (the server is gone):
                    // write what is queued, and stop.
                    _ = &mut pump => {
                        while let Ok(body) = queue.try_recv() {
                            write(body).await;
                        }
                        break;
                    }
                }
            }
        });
        let outbox = Outbox {
            bodies,
            open: Arc::new(AtomicBool::new(true)),
        };
        (server_in, server_out, Framing { writer }, outbox)
    }

    /// Wait until everything tower-lsp wrote, and everything queued in the
    /// outbox before it closed, has reached the client (tower-lsp's output
    /// pipe closes when the server is dropped), within `limit`.
    pub async fn finish(self, limit: Duration) {
        if tokio::time::timeout(limit, self.writer).await.is_err() {
            warn!("output still pending after {limit:?}; leaving it");
        }
    }
}

async fn write_frame<O: AsyncWrite + Unpin>(
    output: &Mutex<O>,
    bytes: &[u8],
) -> std::io::Result<()> {
    let mut output = output.lock().await;
    output.write_all(bytes).await?;
    output.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let mut reader = FrameReader::new(input);
            let mut out = Vec::new();
            loop {
                let frame = reader.next().await;
                let end = frame == Frame::Eof;
                out.push(frame);
                if end {
                    return out;
                }
            }
        })
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    fn is_malformed(f: &Frame) -> bool {
        matches!(f, Frame::Malformed(_))
    }

    #[test]
    fn well_formed_frames_pass_whole() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n[1]";
        assert_eq!(frames(input), vec![body("{}"), body("[1]"), Frame::Eof]);
    }

    #[test]
    fn a_missing_length_is_reported_and_the_next_frame_found() {
        let input = b"Content-Type: x\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}";
        let got = frames(input);
        assert!(is_malformed(&got[0]), "{got:?}");
        assert_eq!(&got[1..], &[body("{}"), Frame::Eof]);
    }

    #[test]
    fn garbage_lines_and_bad_lengths_resynchronise() {
        for bad in [
            &b"hello there\r\n"[..],
            b"Content-Length: twelve\r\n\r\n{}",
            b"Content-Length: -1\r\n\r\n",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            b"Content-Length: 999999999999\r\n\r\n{\"jsonrpc\":\"2.0\"}",
            b"{\"jsonrpc\":\"2.0\",\"method\":\"x\"}\r\n",
        ] {
            let mut input = bad.to_vec();
            input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
            let got = frames(&input);
            assert!(
                is_malformed(&got[0]),
                "{:?}: {got:?}",
                String::from_utf8_lossy(bad)
            );
            assert_eq!(
                &got[1..],
                &[body("{}"), Frame::Eof],
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn a_truncated_message_is_the_end() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), vec![Frame::Eof]);
        assert_eq!(frames(b"Content-Len"), vec![Frame::Eof]);
        assert_eq!(frames(b""), vec![Frame::Eof]);
    }

    #[test]
    fn an_endless_header_line_is_bounded() {
        let mut input = vec![b'x'; 3 * MAX_HEADER_LINE];
        input.extend_from_slice(b"\r\nContent-Length: 2\r\n\r\n{}");
        let got = frames(&input);
        assert!(is_malformed(&got[0]), "{got:?}");
        assert_eq!(&got[1..], &[body("{}"), Frame::Eof]);
    }

    #[test]
    fn the_fast_probe_accepts_nothing_tower_lsp_refuses() {
        let probe = |b: &str| serde_json::from_str::<Probe>(b).is_ok_and(|p| p.jsonrpc == "2.0");
        let exact = |b: &str| serde_json::from_str::<Message>(b).is_ok();
        let bodies = [
            r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"text":"a\"b\u00e9"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"x","params":[1,2,{"a":null}]}"#,
            r#"{"jsonrpc":"2.0","id":"abc","method":"x","params":null}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#,
            r#"{"jsonrpc":"2\u002e0","method":"x","extra":true}"#,
            r#"{"jsonrpc":"2.0"}"#,
            r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":null}"#,
            r#"{"jsonrpc":"2.0","method":7}"#,
            r#"{"jsonrpc":"1.0","method":"x"}"#,
            r#"{"jsonrpc":"2.0 ","method":"x"}"#,
            r#"{"jsonrpc":2.0,"method":"x"}"#,
            r#"{"method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":"x","method":"y"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":{"a":}}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":{"ok":true}}"#,
        ];
        let mut accepted = 0;
        for b in bodies {
            if probe(b) {
                accepted += 1;
                assert!(
                    exact(b),
                    "the probe let through what tower-lsp refuses: {b}"
                );
            }
            // Whatever the probe says, check_body agrees with tower-lsp.
            assert_eq!(check_body(b.as_bytes()).is_none(), exact(b), "{b}");
        }
        // The six requests and notifications, and the response (as a request
        // with no method, which tower-lsp reads as a response first).
        assert_eq!(accepted, 7, "the probe should take the ordinary messages");
    }

    #[test]
    fn bodies_are_sorted_into_parse_errors_invalid_requests_and_messages() {
        let code = |b: &str| check_body(b.as_bytes()).map(|r| r["error"]["code"].clone());
        assert_eq!(code("{"), Some(json!(PARSE_ERROR)));
        assert_eq!(code(""), Some(json!(PARSE_ERROR)));
        assert_eq!(
            check_body(b"\xff\xfe").map(|r| r["error"]["code"].clone()),
            Some(json!(PARSE_ERROR))
        );
        assert_eq!(code("[]"), Some(json!(INVALID_REQUEST)));
        assert_eq!(code("42"), Some(json!(INVALID_REQUEST)));
        assert_eq!(
            code(r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#),
            Some(json!(INVALID_REQUEST))
        );
        assert_eq!(
            check_body(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#).unwrap()["id"],
            json!(7)
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            None
        );
        assert_eq!(code(r#"{"jsonrpc":"2.0","method":"exit"}"#), None);
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1,"result":null}"#), None);
    }
}
