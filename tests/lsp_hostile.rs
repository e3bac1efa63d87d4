//! Hostile input against the real `copydesk lsp`: broken framing, bodies
//! that are not JSON-RPC, unknown methods, requests about documents never
//! opened, stale versions and huge documents. The server must answer with
//! JSON-RPC errors, log to stderr, keep serving, and stop only on `exit` or
//! when its input closes.
//!
//! Timings are printed (run with `--nocapture`), never asserted: the only
//! bound is the client's generous hang detector.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use lsp_client::LspClient;
use serde_json::{json, Value};

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The next message, which must be an error response with this code and id.
fn expect_error(client: &mut LspClient, code: i64, id: Value) {
    let message = client.recv();
    assert_eq!(message["error"]["code"], code, "{message}");
    assert_eq!(message["id"], id, "{message}");
    assert!(message["error"]["message"].is_string(), "{message}");
}

/// The server still answers: an unknown request gets MethodNotFound.
fn still_serving(client: &mut LspClient) {
    let response = client.request("copydesk/ping", json!({}));
    assert_eq!(response["error"]["code"], METHOD_NOT_FOUND, "{response}");
}

/// The server logged `needle` on stderr. A reader thread collects stderr,
/// so the line is given time to arrive (a hang detector, not a timing
/// assert).
fn assert_logged(client: &LspClient, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !client.stderr().contains(needle) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = client.stderr();
    assert!(log.contains(needle), "{needle:?} not in the log:\n{log}");
}

#[test]
fn bodies_that_are_not_json_rpc_get_errors_and_the_server_keeps_serving() {
    let (mut client, _) = LspClient::initialized(None);
    client.send_raw(&frame(b"{\"jsonrpc\": \"2.0\", \"method\": "));
    expect_error(&mut client, PARSE_ERROR, Value::Null);
    client.send_raw(&frame(
        b"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"x\xff\xfe\"}",
    ));
    expect_error(&mut client, PARSE_ERROR, Value::Null);
    client.send_raw(&frame(b""));
    expect_error(&mut client, PARSE_ERROR, Value::Null);
    // Valid JSON that is no JSON-RPC 2.0 message: the id is kept when there is one.
    client.send_raw(&frame(br#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#));
    expect_error(&mut client, INVALID_REQUEST, Value::Null);
    client.send_raw(&frame(br#"{"jsonrpc":"1.0","id":9,"method":"shutdown"}"#));
    expect_error(&mut client, INVALID_REQUEST, json!(9));
    client.send_raw(&frame(b"42"));
    expect_error(&mut client, INVALID_REQUEST, Value::Null);
    still_serving(&mut client);
    assert_logged(&client, "bad message from the client");
    client.shutdown_and_exit();
}

#[test]
fn broken_framing_is_answered_and_reading_resumes_at_the_next_header() {
    let (mut client, _) = LspClient::initialized(None);
    let good = br#"{"jsonrpc":"2.0","method":"copydesk/noise"}"#;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "no Content-Length",
            [&b"Content-Type: application/json\r\n\r\n"[..], good].concat(),
        ),
        ("a stray line", b"hello, server\r\n".to_vec()),
        (
            "a length that is not a number",
            b"Content-Length: twelve\r\n\r\n{}".to_vec(),
        ),
        ("a negative length", b"Content-Length: -5\r\n\r\n".to_vec()),
        ("a body without headers", [&good[..], b"\r\n"].concat()),
        (
            "a huge length",
            b"Content-Length: 999999999999\r\n\r\n{\"jsonrpc\":\"2.0\"}".to_vec(),
        ),
        (
            "an overflowing length",
            b"Content-Length: 99999999999999999999999999\r\n\r\n".to_vec(),
        ),
    ];
    for (what, bytes) in cases {
        client.send_raw(&bytes);
        let message = client.recv();
        assert_eq!(message["error"]["code"], PARSE_ERROR, "{what}: {message}");
        assert_eq!(message["id"], Value::Null, "{what}: {message}");
        still_serving(&mut client);
    }
    // A length too short cuts the body (a ParseError) and leaves garbage
    // (more ParseErrors); the request after it is still answered.
    let request = br#"{"jsonrpc":"2.0","id":"after","method":"copydesk/ping"}"#;
    client.send_raw(&[&b"Content-Length: 10\r\n\r\n"[..], good].concat());
    client.send_raw(&frame(request));
    let mut errors = 0;
    loop {
        let message = client.recv();
        if message["id"] == "after" {
            assert_eq!(message["error"]["code"], METHOD_NOT_FOUND, "{message}");
            break;
        }
        assert_eq!(message["error"]["code"], PARSE_ERROR, "{message}");
        errors += 1;
    }
    assert!(errors >= 1);
    // Lenient where it is harmless: header names in any case, a bare `\n`,
    // and a Content-Type.
    client.send_raw(
        b"content-length: 52\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n{\"jsonrpc\":\"2.0\",\"id\":\"lenient\",\"method\":\"shutdown\"}",
    );
    let message = client.recv();
    assert_eq!(message["id"], "lenient", "{message}");
    assert_eq!(message["result"], Value::Null, "{message}");
    client.notify("exit", Value::Null);
    assert_eq!(client.close_stdin_and_wait().code(), Some(0));
}

#[test]
fn unknown_methods_requests_refused_notifications_ignored() {
    let (mut client, _) = LspClient::initialized(None);
    client.notify("copydesk/unheardOf", json!({ "x": 1 }));
    client.notify("$/someExtension", json!(null));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": "nonsense" }),
    );
    for method in ["textDocument/unknownThing", "copydesk/explain", "$/weird"] {
        let response = client.request(method, json!({}));
        assert_eq!(response["error"]["code"], METHOD_NOT_FOUND, "{response}");
    }
    // Nothing was sent back for the notifications: `shutdown_and_exit`
    // fails on any message left unread.
    client.shutdown_and_exit();
}

#[test]
fn requests_and_edits_for_documents_never_opened() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/never-opened.md";
    let doc = json!({ "textDocument": { "uri": uri } });
    let at = json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 7 } });
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9, "character": 0 } });
    for (method, params) in [
        ("textDocument/hover", at.clone()),
        (
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
        ),
        ("textDocument/diagnostic", doc.clone()),
        ("textDocument/documentSymbol", doc.clone()),
    ] {
        let response = client.request(method, params);
        // Supported or not, an answer (a result or an error), never silence.
        assert!(
            response.get("result").is_some() || response["error"]["code"].is_i64(),
            "{method}: {response}"
        );
    }
    client.notify("textDocument/didSave", doc.clone());
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 },
                "contentChanges": [{ "range": range, "text": "Use code NOPE99 now." }] }),
    );
    still_serving(&mut client);
    assert_logged(&client, "not open");
    client.shutdown_and_exit();
}

/// The diagnostics of the next `publishDiagnostics`, with its version.
fn next_publish(client: &mut LspClient) -> (Value, Vec<Value>) {
    let message = client.recv();
    assert_eq!(
        message["method"], "textDocument/publishDiagnostics",
        "{message}"
    );
    let params = &message["params"];
    (
        params["version"].clone(),
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    )
}

#[test]
fn stale_and_out_of_order_versions_are_applied_in_arrival_order() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/versions.md";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 5, "text": "Market day.\n" } }),
    );
    let (version, diagnostics) = next_publish(&mut client);
    assert_eq!(version, 5);
    assert_eq!(diagnostics, Vec::<Value>::new());
    // An older version than the document's: still the client's latest word.
    let append = |version: i64, line: u32, text: &str| {
        json!({ "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": {
                    "start": { "line": line, "character": 0 },
                    "end": { "line": line, "character": 0 } }, "text": text }] })
    };
    client.notify(
        "textDocument/didChange",
        append(3, 1, "Use code SAVE20 at checkout.\n"),
    );
    let (version, diagnostics) = next_publish(&mut client);
    assert_eq!(version, 3);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "promo.code" && d["range"]["start"]["line"] == 1),
        "{diagnostics:?}"
    );
    // The same version again, then an edit on a line far past the end.
    client.notify("textDocument/didChange", append(3, 0, "Intro.\n"));
    let (version, diagnostics) = next_publish(&mut client);
    assert_eq!(version, 3);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "promo.code" && d["range"]["start"]["line"] == 2),
        "{diagnostics:?}"
    );
    client.notify(
        "textDocument/didChange",
        append(4, 4000, "Enter code EXTRA15 at checkout."),
    );
    let (version, diagnostics) = next_publish(&mut client);
    assert_eq!(version, 4);
    let lines: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "promo.code")
        .map(|d| &d["range"]["start"]["line"])
        .collect();
    assert_eq!(lines, vec![&json!(2), &json!(3)], "{diagnostics:?}");
    client.shutdown_and_exit();
}

/// Open `text`, then time a request sent right behind it. The check of the
/// document runs meanwhile; closing the document drops its result.
fn time_request_behind(client: &mut LspClient, uri: &str, text: &str) -> std::time::Duration {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let start = Instant::now();
    still_serving(client);
    let elapsed = start.elapsed();
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    // Either the check finished first (its diagnostics), or it was dropped;
    // the close then clears the document's diagnostics.
    loop {
        let message = client.recv();
        assert_eq!(
            message["method"], "textDocument/publishDiagnostics",
            "{message}"
        );
        if message["params"]["diagnostics"] == json!([]) && message["params"]["version"].is_null() {
            break;
        }
    }
    elapsed
}

#[test]
fn huge_documents_do_not_stop_other_requests() {
    let paragraph =
        "“We will win,” said Mayor Ana Ruiz, who claims the budget grew 40% last year. \
                     Use code SAVE20 at checkout. Studies show readers skim. 🎉 東京 \n\n";
    let mut big = String::with_capacity(20 << 20);
    while big.len() < 20 << 20 {
        big.push_str(paragraph);
    }
    let line: String = paragraph
        .replace('\n', " ")
        .repeat((1 << 20) / paragraph.len() + 1);
    let (mut client, _) = LspClient::initialized(None);
    let t_line = time_request_behind(&mut client, "file:///drafts/line.md", &line);
    let t_big = time_request_behind(&mut client, "file:///drafts/big.md", &big);
    eprintln!(
        "request answered behind a {} byte single line in {t_line:?}, behind a {} byte document in {t_big:?}",
        line.len(),
        big.len()
    );
    client.shutdown_and_exit();
}

#[test]
fn exit_without_shutdown_stops_with_status_1() {
    let (client, _) = LspClient::initialized(None);
    assert_eq!(client.exit_and_wait().code(), Some(1));
}

/// Random edit sequences through the real binary, with lone `\r`s, CRLFs,
/// surrogate pairs and ranges past the end: the last diagnostics are the
/// engine's on the text a reference model says the editor holds.
mod through_the_binary {
    use super::*;
    use copydesk::{check, Config, Format};
    use proptest::prelude::*;

    /// Byte ranges of each line's content, lines ending at `\n`, `\r\n`, `\r`.
    fn lines(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                out.push((start, i));
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        out.push((start, b.len()));
        out
    }

    fn width(s: &str, utf8: bool) -> usize {
        if utf8 {
            s.len()
        } else {
            s.encode_utf16().count()
        }
    }

    fn offset(text: &str, line: u32, col: u32, utf8: bool) -> usize {
        let Some(&(start, end)) = lines(text).get(line as usize) else {
            return text.len();
        };
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let w = width(&c.to_string(), utf8);
            if units + w > col as usize {
                return start + i;
            }
            units += w;
        }
        end
    }

    fn position(text: &str, offset: usize, utf8: bool) -> Value {
        let lines = lines(text);
        let line = lines.iter().rposition(|&(s, _)| s <= offset).unwrap_or(0);
        let (start, end) = lines[line];
        json!({ "line": line, "character": width(&text[start..offset.min(end)], utf8) })
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "Use code SAVE20 at checkout. ",
            "“Yes,” she said. ",
            "“No.” ",
            "Studies show 40% agree. ",
            "😀",
            "東京",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "word ",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6))]

        #[test]
        fn random_edits_end_on_the_reference_text(
            initial in prop::collection::vec(piece(), 0..12),
            edits in prop::collection::vec(
                ((0u32..10, 0u32..30, 0u32..10, 0u32..30), prop::collection::vec(piece(), 0..3)),
                1..25,
            ),
            utf8 in any::<bool>(),
        ) {
            let offer: &[&str] = if utf8 { &["utf-8", "utf-16"] } else { &["utf-16"] };
            let (mut client, _) = LspClient::initialized(Some(offer));
            let uri = "file:///drafts/random.md";
            let mut text = initial.concat();
            client.notify(
                "textDocument/didOpen",
                json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
            );
            let mut version = 1;
            for ((l0, c0, l1, c1), new) in edits {
                let new = new.concat();
                let (s, e) = (offset(&text, l0, c0, utf8), offset(&text, l1, c1, utf8));
                if s <= e {
                    text.replace_range(s..e, &new);
                }
                version += 1;
                client.notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": uri, "version": version },
                            "contentChanges": [{ "range": {
                                "start": { "line": l0, "character": c0 },
                                "end": { "line": l1, "character": c1 } }, "text": new }] }),
                );
            }
            let expected: Vec<Value> = check(&text, Format::Markdown, &Config::default())
                .iter()
                .map(|f| json!([f.rule, position(&text, f.span.start, utf8), position(&text, f.span.end, utf8)]))
                .collect();
            let got = loop {
                let message = client.recv();
                if message["params"]["version"] == version {
                    break message["params"]["diagnostics"].clone();
                }
            };
            let got: Vec<Value> = got
                .as_array()
                .unwrap()
                .iter()
                .map(|d| json!([d["code"], d["range"]["start"], d["range"]["end"]]))
                .collect();
            prop_assert_eq!(got, expected, "text {:?}", text);
            client.shutdown_and_exit();
        }
    }
}
