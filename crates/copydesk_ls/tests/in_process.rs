//! The server in-process, over in-memory duplex streams: no binary, no
//! pipes. And the two things about tower-lsp-server that `framing` and
//! `transport` work around, shown on the fork itself.

use std::time::Duration;

use copydesk_ls::ls_types::{InitializeParams, InitializeResult};
use copydesk_ls::pool::CheckPool;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::{LanguageServer, LspService, Server};

/// Bounds how long a broken server takes to fail a test.
const PATIENCE: Duration = Duration::from_secs(30);

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The next message the server wrote; `None` when its output ended.
async fn next<R: AsyncRead + Unpin>(out: &mut BufReader<R>) -> Option<Value> {
    let read = async {
        let mut length = None;
        loop {
            let mut line = String::new();
            if out.read_line(&mut line).await.ok()? == 0 {
                return None;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().ok();
            }
        }
        let mut body = vec![0; length?];
        out.read_exact(&mut body).await.ok()?;
        serde_json::from_slice(&body).ok()
    };
    tokio::time::timeout(PATIENCE, read)
        .await
        .expect("the server went quiet")
}

/// A server task over a duplex, and the client's ends of it.
fn start() -> (
    tokio::task::JoinHandle<bool>,
    BufReader<tokio::io::ReadHalf<DuplexStream>>,
    tokio::io::WriteHalf<DuplexStream>,
) {
    let (client, server) = tokio::io::duplex(1 << 16);
    let (server_in, server_out) = tokio::io::split(server);
    let task = tokio::spawn(copydesk_ls::serve(
        server_in,
        server_out,
        CheckPool::start(1),
    ));
    let (from_server, to_server) = tokio::io::split(client);
    (task, BufReader::new(from_server), to_server)
}

#[tokio::test]
async fn a_whole_session_in_process() {
    let (task, mut out, mut input) = start();
    let messages = [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}"#,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:Draft-1","languageId":"markdown","version":3,"text":"Use code SAVE20 at checkout.\n"}}}"#,
    ];
    for m in messages {
        input.write_all(&frame(m)).await.unwrap();
    }
    let init = next(&mut out).await.expect("initialize answered");
    assert_eq!(init["id"], 1);
    assert_eq!(init["result"]["serverInfo"]["name"], "copydesk");
    let publish = next(&mut out).await.expect("diagnostics");
    assert_eq!(publish["method"], "textDocument/publishDiagnostics");
    assert_eq!(publish["params"]["uri"], "untitled:Draft-1");
    assert_eq!(publish["params"]["version"], 3);
    assert_eq!(publish["params"]["diagnostics"][0]["code"], "promo.code");
    input
        .write_all(&frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#))
        .await
        .unwrap();
    assert_eq!(
        next(&mut out).await,
        Some(json!({ "jsonrpc": "2.0", "id": 2, "result": null }))
    );
    input
        .write_all(&frame(r#"{"jsonrpc":"2.0","method":"exit"}"#))
        .await
        .unwrap();
    // `exit` alone ends the session: input stays open.
    let shut_down = tokio::time::timeout(PATIENCE, task).await.expect("stopped");
    assert_eq!(shut_down.ok(), Some(true));
    assert_eq!(next(&mut out).await, None, "nothing after exit");
}

#[tokio::test]
async fn input_ending_ends_the_session_without_shutdown() {
    let (task, mut out, mut input) = start();
    input
        .write_all(&frame(
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        ))
        .await
        .unwrap();
    // A broken body on the way: answered, and the session goes on.
    input.write_all(&frame("{\"jsonrpc\":")).await.unwrap();
    assert_eq!(next(&mut out).await.expect("answer")["id"], 1);
    assert_eq!(
        next(&mut out).await.expect("error")["error"]["code"],
        -32700
    );
    input.shutdown().await.unwrap();
    drop(input);
    let shut_down = tokio::time::timeout(PATIENCE, task).await.expect("stopped");
    assert_eq!(shut_down.ok(), Some(false));
}

/// A language server that does nothing, to run the fork's own `Server`.
#[derive(Debug)]
struct Mute;

impl LanguageServer for Mute {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        Ok(InitializeResult::default())
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }
}

/// Why `framing` reads the wire itself: the fork's codec ends the session
/// at the first body it cannot decode, and the next request is never read.
#[tokio::test]
async fn the_fork_alone_stops_at_the_first_bad_body() {
    let (client, server) = tokio::io::duplex(1 << 16);
    let (server_in, server_out) = tokio::io::split(server);
    let (service, socket) = LspService::new(|_| Mute);
    let task = tokio::spawn(Server::new(server_in, server_out, socket).serve(service));
    let (from_server, mut input) = tokio::io::split(client);
    let mut out = BufReader::new(from_server);
    input
        .write_all(&frame(
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        ))
        .await
        .unwrap();
    assert_eq!(next(&mut out).await.expect("answer")["id"], 1);
    input
        .write_all(&frame(
            r#"{"jsonrpc":"2.0","method":"x","params":{"t":"\ud83d"}}"#,
        ))
        .await
        .unwrap();
    input
        .write_all(&frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#))
        .await
        .unwrap();
    assert_eq!(next(&mut out).await.expect("error")["id"], Value::Null);
    // The fork has stopped reading: the shutdown is never answered, and
    // its serve() returns with our input still open.
    tokio::time::timeout(PATIENCE, task)
        .await
        .expect("the fork stopped serving")
        .unwrap();
    assert_eq!(next(&mut out).await, None);
    drop(input);
}
