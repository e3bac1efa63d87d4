//! The wire, read by us: `Content-Length` frames and JSON-RPC bodies, so
//! that no byte sequence a client can send stops the server.
//!
//! What tower-lsp-server 0.23 still gets wrong, and why its `Server` and
//! codec are not used (the fork's service, client and state machine are):
//!
//! - its codec runs under `tokio_util`'s `FramedRead`, which ends the
//!   stream after the first decode error (tokio issue #3976): one body
//!   that is not JSON, one raw non-UTF-8 byte, one lone surrogate escape,
//!   a number out of range or nesting past serde_json's limit, and the
//!   session is over;
//! - a `Content-Length` larger than what follows waits for bytes that never
//!   come, with no limit on the size; a length one too large, or headers
//!   ending in a bare CR, swallow the next valid message;
//! - header names must match in case, and a bare `\n` is not a line end.
//!
//! So, here:
//!
//! - a body that is not JSON gets a ParseError (-32700); JSON that is not a
//!   JSON-RPC message (no `"jsonrpc": "2.0"`, a batch, a number) gets an
//!   InvalidRequest (-32600), with the message's `id` when it has one; a
//!   request whose `params` JSON cannot hold (see above) gets a ParseError
//!   with its `id`, a notification a log line;
//! - a header block without a usable `Content-Length`, a header line that is
//!   not a header, or a `Content-Length` over [`MAX_MESSAGE`] gets one
//!   ParseError, and reading resumes at the next `Content-Length`;
//! - header names are matched without regard to case, a bare `\n` or `\r`
//!   ends a line, blank lines between messages are skipped, other headers
//!   (`Content-Type`) are ignored, and a body whose JSON ends before its
//!   `Content-Length` gives the rest back to the next header.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};
use tower_lsp_server::jsonrpc::{Id, Request, Response};
use tracing::debug;

/// The largest message accepted: room for a 20 MB draft in a `didOpen`
/// even if every character needs escaping, and still a bound on memory.
/// (Only what the client sends; the server's own output has no limit.)
pub const MAX_MESSAGE: usize = 128 << 20;

/// The longest header line kept; longer lines are garbage, not headers.
const MAX_HEADER_LINE: usize = 8 << 10;

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
    /// Bytes given back (the tail of an overlong body, the start of a
    /// header found inside a line), read before `reader`.
    back: Vec<u8>,
}

const NEEDLE: &[u8] = b"content-length";

impl<R: AsyncBufRead + Unpin> FrameReader<R> {
    pub fn new(reader: R) -> Self {
        FrameReader {
            reader,
            resync: false,
            back: Vec::new(),
        }
    }

    /// The next bytes to read, given-back ones first; `None` at the end.
    async fn fill(&mut self) -> Option<&[u8]> {
        if !self.back.is_empty() {
            return Some(&self.back);
        }
        match self.reader.fill_buf().await {
            Ok([]) | Err(_) => None,
            Ok(buf) => Some(buf),
        }
    }

    fn consume(&mut self, n: usize) {
        if self.back.is_empty() {
            self.reader.consume(n);
        } else {
            self.back.drain(..n);
        }
    }

    fn give_back(&mut self, bytes: &[u8]) {
        self.back.splice(0..0, bytes.iter().copied());
    }

    pub async fn next(&mut self) -> Frame {
        if std::mem::take(&mut self.resync) && !self.skip_to_header().await {
            return Frame::Eof;
        }
        let mut length: Option<usize> = None;
        let mut problem: Option<String> = None;
        let mut any = false;
        loop {
            let Some(line) = self.read_line().await else {
                if any {
                    debug!("input ended inside a header block");
                }
                return Frame::Eof;
            };
            let Some(line) = strip_line_end(&line) else {
                if line.len() < MAX_HEADER_LINE {
                    debug!("input ended inside a header line");
                    return Frame::Eof;
                }
                problem.get_or_insert_with(|| "a header line is too long".into());
                break;
            };
            if line.is_empty() {
                if !any {
                    // A blank line between messages: nothing to answer.
                    continue;
                }
                break;
            }
            any = true;
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
                    let why = problem.unwrap_or_else(|| {
                        format!(
                            "not a header line: {:?}",
                            String::from_utf8_lossy(&line[..line.len().min(80)])
                        )
                    });
                    // A body sent without headers, right before a real header.
                    if let Some(at) = find_needle(&line[1..]).map(|at| at + 1) {
                        let mut rest = line[at..].to_vec();
                        rest.push(b'\n');
                        self.give_back(&rest);
                    } else {
                        self.resync = true;
                    }
                    return Frame::Malformed(why);
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
        while body.len() < length {
            let Some(buf) = self.fill().await else {
                debug!(
                    length,
                    got = body.len(),
                    "input ended inside a message body"
                );
                return Frame::Eof;
            };
            let n = buf.len().min(length - body.len());
            body.extend_from_slice(&buf[..n]);
            self.consume(n);
        }
        if let Some(end) = overlong(&body) {
            debug!(
                length,
                json = end,
                "Content-Length longer than its JSON; the rest goes back"
            );
            self.give_back(&body[end..]);
            body.truncate(end);
        }
        Frame::Body(body)
    }

    /// A line up to and including `\n`, `\r` or `\r\n`, at most
    /// `MAX_HEADER_LINE` bytes (a longer one comes back without its line
    /// end). `None` at end of input.
    async fn read_line(&mut self) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        loop {
            let Some(buf) = self.fill().await else {
                return (!line.is_empty()).then_some(line);
            };
            let limit = buf.len().min(MAX_HEADER_LINE - line.len());
            match buf[..limit].iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(i) => {
                    let cr = buf[i] == b'\r';
                    line.extend_from_slice(&buf[..=i]);
                    self.consume(i + 1);
                    if cr {
                        if let Some([b'\n', ..]) = self.fill().await {
                            line.push(b'\n');
                            self.consume(1);
                        }
                    }
                    return Some(line);
                }
                None => {
                    line.extend_from_slice(&buf[..limit]);
                    self.consume(limit);
                    if line.len() >= MAX_HEADER_LINE {
                        return Some(line);
                    }
                }
            }
        }
    }

    /// Discard input up to the next `Content-Length` (any case) and give
    /// back the header name, so the next header block starts there. `false`
    /// at end of input.
    async fn skip_to_header(&mut self) -> bool {
        // 'c' occurs only at the needle's start, so a mismatch restarts cleanly.
        let mut matched = 0;
        let mut skipped = 0usize;
        loop {
            let Some(buf) = self.fill().await else {
                return false;
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
            self.consume(used);
            skipped += used;
            if matched == NEEDLE.len() {
                debug!(skipped, "resynchronised on a Content-Length header");
                self.give_back(b"Content-Length");
                return true;
            }
        }
    }
}

/// Where a body's JSON object ends, when bytes other than whitespace follow
/// it: a `Content-Length` too large took the start of the next message.
/// Only looked for when the body does not end the way an object does.
fn overlong(body: &[u8]) -> Option<usize> {
    let last = body.iter().rposition(|b| !b.is_ascii_whitespace())?;
    if body[last] == b'}' || body.trim_ascii_start().first() != Some(&b'{') {
        return None;
    }
    let mut values = serde_json::Deserializer::from_slice(body).into_iter::<IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => Some(values.byte_offset()),
        _ => None,
    }
}

/// Where `content-length` (any case) starts in `line`.
fn find_needle(line: &[u8]) -> Option<usize> {
    line.windows(NEEDLE.len())
        .position(|w| w.eq_ignore_ascii_case(NEEDLE))
}

/// The line without its `\r\n`, `\n` or `\r`; `None` if it has none (too
/// long, or cut off by the end of input).
fn strip_line_end(line: &[u8]) -> Option<&[u8]> {
    match line {
        [rest @ .., b'\r', b'\n'] | [rest @ .., b'\n'] | [rest @ .., b'\r'] => Some(rest),
        _ => None,
    }
}

/// `Name: value`, with a name made of token characters.
fn parse_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let is_token = |b: &u8| b.is_ascii_alphanumeric() || b"-_".contains(b);
    (!name.is_empty() && name.iter().all(is_token)).then_some((name, value.trim_ascii()))
}

/// A message from the client, sorted.
#[derive(Debug)]
pub enum Incoming {
    Request(Request),
    Response(Response),
    /// Not something the server can act on.
    Invalid(Invalid),
}

#[derive(Debug)]
pub struct Invalid {
    /// The error to send back, if any (none for a broken response).
    pub reply: Option<Value>,
    /// What to log.
    pub why: String,
    /// The method, when it could be read.
    pub method: Option<String>,
}

/// A message read without building anything: `params` skipped, not turned
/// into a `Value`, and not checked either (serde skips strings without
/// checking their escapes or bytes). Enough to answer a request whose
/// params JSON cannot hold.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow)]
    jsonrpc: Cow<'a, str>,
    #[serde(default, borrow)]
    method: Option<Cow<'a, str>>,
    #[serde(default, rename = "params")]
    _params: IgnoredAny,
    #[serde(default)]
    id: Option<Id>,
}

/// Sort a body into a request, a response or something to refuse.
pub fn parse(body: &[u8]) -> Incoming {
    // The common case, a request or notification, in one pass.
    let error = match serde_json::from_slice::<Request>(body) {
        Ok(request) if !request.method().is_empty() => return Incoming::Request(request),
        // No method: a response, if anything.
        Ok(_) => {
            return match serde_json::from_slice::<Response>(body) {
                Ok(response) => Incoming::Response(response),
                Err(e) => Incoming::Invalid(Invalid {
                    reply: None,
                    why: format!("a malformed response: {e}"),
                    method: None,
                }),
            };
        }
        Err(e) => e,
    };
    if let Ok(probe) = serde_json::from_slice::<Probe>(body) {
        if probe.jsonrpc == "2.0" && probe.method.is_some() {
            // The message is fine; something inside its params is not.
            let id = probe.id.filter(|id| *id != Id::Null);
            return Incoming::Invalid(Invalid {
                reply: id.map(|id| error_response(json!(id), PARSE_ERROR, &format!("{error}"))),
                why: format!("unreadable params: {error}"),
                method: probe.method.map(Cow::into_owned),
            });
        }
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Invalid(Invalid {
                reply: Some(error_response(Value::Null, PARSE_ERROR, &format!("{e}"))),
                why: format!("not JSON: {e}"),
                method: None,
            })
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let why = format!("not a JSON-RPC 2.0 message: {error}");
    Incoming::Invalid(Invalid {
        reply: Some(error_response(id, INVALID_REQUEST, &why)),
        why,
        method: None,
    })
}

pub fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
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
    fn blank_lines_bare_returns_and_overlong_lengths_lose_nothing() {
        let input = b"\r\n\nContent-Length: 2\r\r{}\r\nContent-Length: 3\r\n\r\n{}Content-Length: 2\r\n\r\n[]";
        assert_eq!(
            frames(input),
            vec![body("{}"), body("{}"), body("[]"), Frame::Eof]
        );
    }

    fn code(b: &[u8]) -> Option<Value> {
        match parse(b) {
            Incoming::Invalid(Invalid { reply, .. }) => reply.map(|r| r["error"]["code"].clone()),
            _ => None,
        }
    }

    #[test]
    fn bodies_are_sorted_into_parse_errors_invalid_requests_and_messages() {
        assert_eq!(code(b"{"), Some(json!(PARSE_ERROR)));
        assert_eq!(code(b""), Some(json!(PARSE_ERROR)));
        assert_eq!(code(b"\xff\xfe"), Some(json!(PARSE_ERROR)));
        assert_eq!(code(b"[]"), Some(json!(INVALID_REQUEST)));
        assert_eq!(code(b"42"), Some(json!(INVALID_REQUEST)));
        assert_eq!(
            code(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#),
            Some(json!(INVALID_REQUEST))
        );
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            Incoming::Request(_)
        ));
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","method":"exit"}"#),
            Incoming::Request(_)
        ));
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","id":1,"result":null}"#),
            Incoming::Response(_)
        ));
        // A response with neither result nor error: logged, not answered.
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","id":0}"#),
            Incoming::Invalid(Invalid { reply: None, .. })
        ));
    }

    #[test]
    fn params_json_cannot_hold_get_an_error_with_the_request_id() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        for params in [
            &b"{\"t\":\"caf\xe9\"}"[..],
            br#"{"t":"\ud83d"}"#,
            br#"{"t":"\udc00"}"#,
            br#"{"t":1e400}"#,
            deep.as_bytes(),
        ] {
            let mut body =
                br#"{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":"#.to_vec();
            body.extend_from_slice(params);
            body.push(b'}');
            match parse(&body) {
                Incoming::Invalid(Invalid {
                    reply: Some(reply), ..
                }) => {
                    assert_eq!(reply["id"], json!(5), "{reply}");
                    assert_eq!(reply["error"]["code"], json!(PARSE_ERROR), "{reply}");
                }
                other => panic!("{}: {other:?}", String::from_utf8_lossy(params)),
            }
        }
    }
}
