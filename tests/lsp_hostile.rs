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

// Issue 14, "Never drop the session": one test per case (12, the CLI's,
// lives in tests/cli_hostile.rs). Growth is compared as a ratio within
// one run (as the server's CPU time, not wall-clock time), never against
// a bound in seconds.

const REQUEST_CANCELLED: i64 = -32800;

fn open(client: &mut LspClient, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
}

/// The next `publishDiagnostics` for `uri`, skipping other messages.
fn publish_for(client: &mut LspClient, uri: &str) -> Value {
    loop {
        let message = client.recv();
        if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
        {
            return message["params"].clone();
        }
    }
}

/// Case 1: params that JSON cannot hold (a raw non-UTF-8 byte, a lone
/// surrogate, a number out of range, nesting past 128 levels).
#[test]
fn params_json_cannot_hold_get_an_error_and_the_session_goes_on() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/latin1.md";
    open(&mut client, uri, "Market day.\n");
    publish_for(&mut client, uri);
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let bad: [&[u8]; 5] = [
        b"\"caf\xe9\"",
        br#""\ud83d""#,
        br#""\udc00""#,
        b"1e400",
        deep.as_bytes(),
    ];
    for (i, value) in bad.into_iter().enumerate() {
        let id = 100 + i as i64;
        let mut body = format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{"textDocument":{{"uri":"{uri}"}},"position":{{"line":0,"character":0}},"t":"#
        )
        .into_bytes();
        body.extend_from_slice(value);
        body.extend_from_slice(b"}}");
        client.send_raw(&frame(&body));
        expect_error(&mut client, PARSE_ERROR, json!(id));
        let mut change = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":{}}},"contentChanges":[{{"text":"#,
            i + 2
        )
        .into_bytes();
        change.extend_from_slice(value);
        change.extend_from_slice(b"}]}}");
        client.send_raw(&frame(&change));
        still_serving(&mut client);
    }
    assert_logged(
        &client,
        &format!("{uri} is now out of step with the editor"),
    );
    client.shutdown_and_exit();
}

/// Case 2: a response over 128 MiB (the input limit) goes out whole. A
/// megabyte-long `docsUrl` makes each diagnostic's link a megabyte.
#[test]
fn a_response_over_128_mib_is_sent_whole() {
    let docs_url = format!("https://docs.example/{}", "a".repeat(1 << 20));
    let capabilities = json!({ "textDocument": { "diagnostic": {} } });
    let (mut client, _) =
        LspClient::initialized_with(capabilities, Some(json!({ "docsUrl": docs_url })));
    client.set_patience(Duration::from_secs(180));
    let uri = "file:///drafts/dense.md";
    let text = "Use code SAVE20 at checkout.\n\n".repeat(140);
    open(&mut client, uri, &text);
    let response = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    let items = response["result"]["items"]
        .as_array()
        .expect("a full report");
    assert!(items.len() >= 140, "{} items", items.len());
    still_serving(&mut client);
    client.shutdown_and_exit();
}

/// Case 3: input closes while the server waits on the client.
#[test]
fn the_server_exits_when_input_closes_while_it_waits_on_the_client() {
    let capabilities = json!({ "workspace": { "configuration": true } });
    let (mut client, _) = LspClient::initialized_with(capabilities, None);
    let asked = client.recv();
    assert_eq!(asked["method"], "workspace/configuration", "{asked}");
    // Never answered.
    assert_eq!(client.close_stdin_and_wait().code(), Some(1));
}

/// Case 3: the editor's process (`processId`) is gone, stdin still open.
#[test]
fn the_server_exits_when_the_editor_process_is_gone() {
    let mut editor = std::process::Command::new("true")
        .spawn()
        .expect("start a process");
    let pid = editor.id();
    editor.wait().expect("it ends");
    let mut client = LspClient::start(&[]);
    let response = client.request(
        "initialize",
        json!({ "processId": pid, "rootUri": null, "capabilities": {} }),
    );
    assert!(response["result"].is_object(), "{response}");
    client.notify("initialized", json!({}));
    assert_eq!(client.wait_for_exit().code(), Some(1));
}

/// Case 4: requests to the client that are never answered, or answered
/// wrongly, hold nothing else up.
#[test]
fn unanswered_and_malformed_answers_to_the_server_hold_nothing_up() {
    let capabilities = json!({ "workspace": { "configuration": true } });
    let (mut client, _) = LspClient::initialized_with(capabilities, None);
    for _ in 0..4 {
        client.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        );
    }
    let mut asked = Vec::new();
    while asked.len() < 5 {
        let message = client.recv();
        assert_eq!(message["method"], "workspace/configuration", "{message}");
        asked.push(message["id"].clone());
    }
    // Malformed answers: no result or error, an error without a message,
    // a string id for a number.
    client.send(&json!({ "jsonrpc": "2.0", "id": asked[0] }));
    client.send(&json!({ "jsonrpc": "2.0", "id": asked[1], "error": { "code": 1 } }));
    client.send(&json!({ "jsonrpc": "2.0", "id": asked[2].to_string(), "result": [null] }));
    let uri = "file:///drafts/after-config.md";
    open(&mut client, uri, "Use code SAVE20 at checkout.\n");
    let params = publish_for(&mut client, uri);
    assert_eq!(params["diagnostics"][0]["code"], "promo.code", "{params}");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 10 } }),
    );
    assert!(hover["result"]["contents"].is_object(), "{hover}");
    client.shutdown_and_exit();
}

/// The server's work (its CPU time, see [`LspClient::cpu_time`]) from
/// `didOpen` of `text` to its first `publishDiagnostics`.
fn work_to_diagnostics(client: &mut LspClient, uri: &str, text: &str) -> Duration {
    let start = client.cpu_time();
    open(client, uri, text);
    publish_for(client, uri);
    let work = client.cpu_time() - start;
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    publish_for(client, uri);
    work
}

/// The server's work (CPU time) for each size, n then 2n, the least of
/// three rounds each, and their ratio. Linear work gives about 2 less the
/// fixed costs (1.5–1.8 measured here); the quadratic code these cases
/// fixed gave 2.7–3.5 at the same sizes in a debug build, so the
/// long-paragraph and code-action tests fail above 2.5.
///
/// Work, not wall-clock time: with seven jobs on two cores the wall-clock
/// ratio reached 2.6 for linear code, as the server waited for a core.
/// (Instruction counters would be exact, but `perf` has none on this
/// virtual machine, and valgrind makes a debug server too slow.)
///
/// A busy machine inflates CPU time too (cache misses, a sibling
/// hyperthread's load), and more for the larger draft: linear code
/// measured 2.72 twice in session 12 at a load average of 9–13 (1.98 on a
/// quieter machine). So when three rounds land over the bound, up to six
/// more are taken, keeping the least of all: quadratic code stays over the
/// bound however many rounds it gets, and a burst of load does not last.
/// When the smaller case is under 50 ms of work (a release build, or code
/// faster than its size was chosen for), both sizes double, up to four
/// times, so the ratio is never read off a tick or two.
fn growth(mut work: impl FnMut(usize, usize) -> Duration, n: usize) -> f64 {
    let mut n = n;
    let mut small = Duration::MAX;
    let mut large = Duration::MAX;
    let mut ratio = f64::INFINITY;
    let mut doublings = 0;
    // The least of three rounds at a time: a busy machine only ever adds
    // (cache misses, a migration between cores).
    let mut round = 0;
    let mut doc = 0;
    while round < 9 {
        small = small.min(work(n, doc));
        large = large.min(work(2 * n, doc + 1));
        doc += 2;
        round += 1;
        if round % 3 != 0 {
            continue;
        }
        if small < Duration::from_millis(50) {
            // Too little work to compare in ticks of 10 ms (a release
            // build, or faster code than the size was chosen for): the
            // same case at twice the size, from the first round again.
            assert!(
                doublings < 4,
                "too little work to compare in ticks of 10 ms at {n} bytes: {small:?}"
            );
            eprintln!("{small:?} at {n} bytes is too little work: doubling");
            doublings += 1;
            n *= 2;
            small = Duration::MAX;
            large = Duration::MAX;
            round = 0;
            continue;
        }
        ratio = large.as_secs_f64() / small.as_secs_f64();
        eprintln!("after {round} rounds: n: {small:?}, 2n: {large:?}");
        if ratio < GROWTH_BOUND {
            break;
        }
    }
    ratio
}

/// Above this ratio of work at 2n to work at n, a case fails.
const GROWTH_BOUND: f64 = 2.5;

/// Case 5: one long paragraph costs work in proportion to its length.
#[test]
fn one_long_paragraph_is_checked_in_linear_time() {
    let (mut client, _) = LspClient::initialized(None);
    // Six checks of a large draft in a debug build: on a loaded machine one
    // can outlast the usual 30 s wait for a message without being wrong.
    client.set_patience(Duration::from_secs(180));
    let sentence = "Use promo code SAVE20 now. ";
    let ratio = growth(
        |size, i| {
            let text = sentence.repeat(size / sentence.len());
            work_to_diagnostics(&mut client, &format!("file:///drafts/para{i}.md"), &text)
        },
        300_000,
    );
    assert!(
        ratio < GROWTH_BOUND,
        "twice the paragraph cost {ratio:.2} times as much"
    );
    client.shutdown_and_exit();
}

/// Case 5, in quotation marks: one long paragraph of unbalanced curly
/// marks, each quotation ended by the next opening mark and none closed,
/// in one sentence with no full stop, costs work in proportion to its
/// length: what the sentence says of all its quotations (who puts out a
/// text in it) is read once, not once per quotation (session 20 measured
/// 12 s at 200 kB).
#[test]
fn one_long_paragraph_of_unbalanced_curly_marks_is_checked_in_linear_time() {
    let (mut client, _) = LspClient::initialized(None);
    client.set_patience(Duration::from_secs(180));
    let words = ["word", "the", "it", "said", "a", "more"];
    let ratio = growth(
        |size, i| {
            // A fixed linear congruential sequence: the same text each run.
            let mut seed: u64 = 2;
            let mut text = String::with_capacity(size + 16);
            while text.len() < size {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let word = words[((seed >> 40) % 6) as usize];
                match (seed >> 33) % 10 {
                    0..=2 => {
                        text.push('“');
                        text.push_str(word);
                    }
                    3 | 4 => {
                        text.push_str(word);
                        text.push('“');
                    }
                    _ => text.push_str(word),
                }
                text.push(' ');
            }
            work_to_diagnostics(&mut client, &format!("file:///drafts/marks{i}.md"), &text)
        },
        60_000,
    );
    assert!(
        ratio < GROWTH_BOUND,
        "twice the paragraph of curly marks cost {ratio:.2} times as much"
    );
    client.shutdown_and_exit();
}

/// Case 6: hovers on a draft still being checked wait for that check
/// instead of each running one, and `$/cancelRequest` answers them at once.
#[test]
fn hovers_on_a_draft_being_checked_are_cancelled_at_once() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/three-mb.md";
    let paragraph =
        "“We will win,” said Mayor Ana Ruiz, who claims the budget grew 40% last year. \
                     Use code SAVE20 at checkout. Studies show readers skim.\n\n";
    open(
        &mut client,
        uri,
        &paragraph.repeat((3 << 20) / paragraph.len()),
    );
    let ids: Vec<i64> = (900..904).collect();
    for id in &ids {
        client.send(&json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": { "textDocument": { "uri": uri }, "position": { "line": 2, "character": 5 } } }));
    }
    for id in &ids {
        client.notify("$/cancelRequest", json!({ "id": id }));
    }
    let mut cancelled = Vec::new();
    while cancelled.len() < ids.len() {
        let message = client.recv();
        if message["method"] == "textDocument/publishDiagnostics" {
            continue;
        }
        assert_eq!(message["error"]["code"], REQUEST_CANCELLED, "{message}");
        cancelled.push(message["id"].as_i64().unwrap_or_default());
    }
    cancelled.sort_unstable();
    assert_eq!(cancelled, ids);
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    still_serving(&mut client);
    client.shutdown_and_exit_skipping_diagnostics();
}

/// Case 7: code actions over a whole dense draft cost work in proportion
/// to the findings.
#[test]
fn code_actions_over_a_dense_draft_grow_linearly() {
    let (mut client, _) = LspClient::initialized(None);
    // Six checks of a large draft in a debug build: on a loaded machine one
    // can outlast the usual 30 s wait for a message without being wrong.
    client.set_patience(Duration::from_secs(180));
    let ratio = growth(
        |findings, i| {
            let uri = format!("file:///drafts/dense{i}.md");
            let text: String = (0..findings)
                .map(|k| format!("Use code SAVE{k:05} at checkout.\n\n"))
                .collect();
            open(&mut client, &uri, &text);
            publish_for(&mut client, &uri);
            let start = client.cpu_time();
            let response = client.request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": uri },
                        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 4 * findings, "character": 0 } },
                        "context": { "diagnostics": [] } }),
            );
            let work = client.cpu_time() - start;
            assert!(
                response["result"]
                    .as_array()
                    .is_some_and(|a| a.len() >= findings),
                "too few actions"
            );
            client.notify(
                "textDocument/didClose",
                json!({ "textDocument": { "uri": uri } }),
            );
            publish_for(&mut client, &uri);
            work
        },
        3000,
    );
    assert!(
        ratio < GROWTH_BOUND,
        "twice the findings cost {ratio:.2} times as much"
    );
    client.shutdown_and_exit();
}

/// Case 8: a client that stops reading gets the newest diagnostics of a
/// draft once, not every stale set queued meanwhile.
#[test]
fn a_client_that_reads_slowly_gets_only_the_newest_diagnostics() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/slow-reader.md";
    // Each publish is far bigger than the pipe, so the writer blocks.
    let text = "Use code SAVE20 at checkout.\n\n".repeat(2000);
    open(&mut client, uri, &text);
    publish_for(&mut client, uri);
    client.pause_reading();
    let edits = 30;
    for version in 2..2 + edits {
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": {
                        "start": { "line": 0, "character": 0 },
                        "end": { "line": 0, "character": 0 } }, "text": "A" }] }),
        );
    }
    let last = 1 + edits;
    assert_logged(&client, &format!("slow-reader.md\" version={last}"));
    client.resume_reading();
    let mut publishes = 0;
    loop {
        let params = publish_for(&mut client, uri);
        publishes += 1;
        if params["version"] == last {
            break;
        }
    }
    assert!(publishes <= 3, "{publishes} publishes for {edits} edits");
    client.shutdown_and_exit();
}

/// Case 9: a leading byte-order mark is not prose, as in the CLI: the
/// front matter behind it stays front matter.
#[test]
fn a_leading_byte_order_mark_is_not_prose() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/bom.md";
    let text = "\u{feff}---\ntitle: Use code SAVE10 today\n---\n\nUse code SAVE20 at checkout.\n";
    open(&mut client, uri, text);
    let params = publish_for(&mut client, uri);
    let lines: Vec<&Value> = params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["range"]["start"]["line"])
        .collect();
    assert_eq!(lines, vec![&json!(4)], "{params}");
    assert_eq!(
        params["diagnostics"][0]["range"]["start"]["character"], 4,
        "{params}"
    );
    client.shutdown_and_exit();
}

/// Case 10: a `didChange` the server cannot read is logged, with its
/// document, as a warning.
#[test]
fn malformed_did_changes_are_logged_with_their_document() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/malformed-change.md";
    open(&mut client, uri, "Market day.\n");
    publish_for(&mut client, uri);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": "7" },
                "contentChanges": [{ "text": "Use code SAVE20." }] }),
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 8 },
                "contentChanges": [{ "range": {
                    "start": { "line": -1, "character": 0 },
                    "end": { "line": 0, "character": 0 } }, "text": "x" }] }),
    );
    still_serving(&mut client);
    let needle = format!("{uri} is now out of step with the editor");
    assert_logged(&client, &needle);
    // The server wrote both warnings before answering `still_serving`, but
    // the client reads its stderr on another thread: wait for the second
    // as `assert_logged` waits for the first, then require exactly two.
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.stderr().matches(&needle).count() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = client.stderr();
    assert_eq!(log.matches(&needle).count(), 2, "{log}");
    assert!(
        log.lines()
            .filter(|l| l.contains(&needle))
            .all(|l| l.contains("WARN")),
        "{log}"
    );
    client.shutdown_and_exit();
}

/// Case 11: diagnostics go out under exactly the URI the editor sent.
#[test]
fn diagnostics_come_back_under_the_uri_as_sent() {
    let (mut client, _) = LspClient::initialized(None);
    for uri in [
        "file://localhost/drafts/a.md",
        "FILE:///drafts/b.md",
        "file:///drafts/./c.md",
        "file:///drafts/d e.md",
        "file:///drafts/caf\u{e9}.md",
        "file:/drafts/f.md",
    ] {
        open(&mut client, uri, "Use code SAVE20 at checkout.\n");
        let params = publish_for(&mut client, uri);
        assert_eq!(
            params["diagnostics"][0]["code"], "promo.code",
            "{uri}: {params}"
        );
    }
    client.shutdown_and_exit();
}

/// Case 13: an open `copydesk.toml` full of unknown keys costs work in
/// proportion to its length.
#[test]
fn config_errors_grow_linearly() {
    let (mut client, _) = LspClient::initialized(None);
    let ratio = growth(
        |keys, i| {
            let text: String = std::iter::once("[rules]\n".to_string())
                .chain((0..keys).map(|k| format!("bogus{k} = \"off\"\n")))
                .collect();
            let uri = format!("file:///nowhere/c{i}/copydesk.toml");
            work_to_diagnostics(&mut client, &uri, &text)
        },
        6000,
    );
    assert!(ratio < 3.0, "twice the keys cost {ratio:.2} times as much");
    client.shutdown_and_exit();
}

/// Case 14: ten thousand bad settings make one message, before the
/// diagnostics they lead to.
#[test]
fn many_bad_settings_make_one_message_before_the_diagnostics() {
    let (mut client, _) = LspClient::initialized(None);
    let uri = "file:///drafts/settings.md";
    open(&mut client, uri, "Use code SAVE20 at checkout.\n");
    publish_for(&mut client, uri);
    let mut rules = serde_json::Map::new();
    for k in 0..10_000 {
        rules.insert(format!("no.such-rule-{k}"), json!("off"));
    }
    rules.insert("promo".into(), json!("off"));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "copydesk": { "rules": rules } } }),
    );
    let message = client.recv();
    assert_eq!(message["method"], "window/showMessage", "{message}");
    let text = message["params"]["message"].as_str().unwrap_or_default();
    assert!(text.contains("10000"), "{text}");
    assert!(text.len() < 2000, "{} bytes", text.len());
    let next = client.recv();
    assert_eq!(next["method"], "textDocument/publishDiagnostics", "{next}");
    assert_eq!(next["params"]["diagnostics"], json!([]), "{next}");
    client.shutdown_and_exit();
}

/// Case 15: `shutdown` with the params Eglot and lsp4j send.
#[test]
fn shutdown_with_empty_params_is_accepted() {
    for params in ["null", "{}", "[]"] {
        let (mut client, _) = LspClient::initialized(None);
        let body = format!(r#"{{"jsonrpc":"2.0","id":77,"method":"shutdown","params":{params}}}"#);
        client.send_raw(&frame(body.as_bytes()));
        let response = client.recv();
        assert_eq!(
            response,
            json!({ "jsonrpc": "2.0", "id": 77, "result": null }),
            "{params}"
        );
        client.notify("exit", Value::Null);
        assert_eq!(client.close_stdin_and_wait().code(), Some(0), "{params}");
    }
}

/// Case 15: unknown methods are MethodNotFound before `initialize` and
/// after `shutdown` too.
#[test]
fn unknown_methods_are_not_found_before_initialize_and_after_shutdown() {
    // An extension, and a standard method the server does not implement.
    let unknown = ["copydesk/ping", "textDocument/completion", "$/weird"];
    let not_found = |client: &mut LspClient| {
        for method in unknown {
            let response = client.request(method, json!({}));
            assert_eq!(
                response["error"]["code"], METHOD_NOT_FOUND,
                "{method}: {response}"
            );
        }
    };
    let mut client = LspClient::start(&[]);
    not_found(&mut client);
    let response = client.request(
        "initialize",
        json!({ "processId": null, "capabilities": {} }),
    );
    assert!(response["result"].is_object(), "{response}");
    client.notify("initialized", json!({}));
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null, "{response}");
    not_found(&mut client);
    client.notify("exit", Value::Null);
    assert_eq!(client.close_stdin_and_wait().code(), Some(0));
}

/// Case 15: `initialize` fields the server does not use do not refuse it.
#[test]
fn initialize_ignores_unusable_fields_it_does_not_need() {
    for (field, value) in [
        ("rootUri", json!("")),
        ("clientInfo", json!({ "version": "1.0" })),
        ("locale", json!(7)),
        ("trace", json!("loud")),
    ] {
        let mut client = LspClient::start(&[]);
        let mut params = json!({ "processId": null, "capabilities": {} });
        params[field] = value;
        let response = client.request("initialize", params);
        assert!(
            response["result"]["capabilities"].is_object(),
            "{field}: {response}"
        );
        client.notify("initialized", json!({}));
        client.shutdown_and_exit();
    }
}

/// Case 15: a blank line between messages, a `Content-Length` one too
/// large, and headers ending in a bare CR lose nothing.
#[test]
fn framing_slips_lose_no_message() {
    let (mut client, _) = LspClient::initialized(None);
    let ping = |id: &str| format!(r#"{{"jsonrpc":"2.0","id":"{id}","method":"copydesk/ping"}}"#);
    // A blank line: no reply of its own.
    client.send_raw(b"\r\n");
    client.send_raw(&frame(ping("after-blank").as_bytes()));
    let message = client.recv();
    assert_eq!(message["id"], "after-blank", "{message}");
    // One byte too many, then a good message.
    let first = ping("too-long");
    let mut bytes = format!("Content-Length: {}\r\n\r\n{first}", first.len() + 1).into_bytes();
    bytes.extend_from_slice(&frame(ping("next").as_bytes()));
    client.send_raw(&bytes);
    let mut ids = vec![client.recv()["id"].clone(), client.recv()["id"].clone()];
    ids.sort_by_key(|v| v.to_string());
    assert_eq!(ids, vec![json!("next"), json!("too-long")]);
    // Headers ending in a bare CR.
    let body = ping("bare-cr");
    client.send_raw(format!("Content-Length: {}\r\r{body}", body.len()).as_bytes());
    let message = client.recv();
    assert_eq!(message["id"], "bare-cr", "{message}");
    assert_eq!(message["error"]["code"], METHOD_NOT_FOUND, "{message}");
    client.shutdown_and_exit();
}
