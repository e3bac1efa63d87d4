//! The server's input stream: arbitrary bytes after a valid `initialize`,
//! fed to the real server (framing layer, the fork's service, handlers, checks) over
//! an in-memory pipe. The server must not panic, must stop when its input
//! ends (no hang), and must write nothing but well-formed JSON-RPC frames.
#![no_main]

use copydesk_ls as server;

use std::sync::LazyLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The check threads, started once and shared by every run.
static POOL: LazyLock<server::pool::CheckPool> =
    LazyLock::new(|| server::pool::CheckPool::start(2));

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Split the server's output into frames, strictly.
fn check_output(mut out: &[u8]) {
    while !out.is_empty() {
        let head_end = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = std::str::from_utf8(&out[..head_end]).expect("UTF-8 header");
        let length: usize = head
            .strip_prefix("Content-Length: ")
            .expect("Content-Length header")
            .parse()
            .expect("a length");
        let body = &out[head_end + 4..head_end + 4 + length];
        let message: Value = serde_json::from_slice(body).expect("a JSON body");
        assert_eq!(message["jsonrpc"], "2.0");
        out = &out[head_end + 4 + length..];
    }
}

fuzz_target!(|data: &[u8]| {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let output = rt.block_on(async {
        let (client, server_side) = tokio::io::duplex(1 << 16);
        let (server_in, server_out) = tokio::io::split(server_side);
        let server = tokio::spawn(server::serve(server_in, server_out, POOL.clone()));
        let (mut client_in, mut client_out) = tokio::io::split(client);
        let reader = tokio::spawn(async move {
            let mut out = Vec::new();
            let _ = client_in.read_to_end(&mut out).await;
            out
        });
        let init = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#;
        let _ = client_out.write_all(&frame(init)).await;
        let _ = client_out.write_all(data).await;
        let _ = client_out.shutdown().await;
        drop(client_out);
        tokio::time::timeout(Duration::from_secs(20), server)
            .await
            .expect("the server did not stop after its input ended")
            .expect("the server task panicked");
        tokio::time::timeout(Duration::from_secs(20), reader)
            .await
            .expect("output did not end")
            .unwrap()
    });
    rt.shutdown_timeout(Duration::from_secs(5));
    check_output(&output);
});
