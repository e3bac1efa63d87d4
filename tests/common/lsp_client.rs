//! A small LSP client for end-to-end tests: starts the real `copydesk lsp`,
//! speaks JSON-RPC with `Content-Length` framing, and fails — instead of
//! hanging — when the server goes quiet, writes anything but framed JSON-RPC
//! to stdout, or leaves messages unread at the end.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long to wait for any one message or for the process to exit. Generous:
/// it only bounds how long a broken server takes to fail a test.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// What the stdout reader thread saw.
enum Incoming {
    Message(Value),
    /// Bytes on stdout that are not a framed JSON-RPC message.
    NotProtocol(String),
    /// Stdout closed cleanly between two messages.
    Closed,
}

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Incoming>,
    /// Received but not yet consumed by the test, in arrival order.
    unread: VecDeque<Value>,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
    /// While set, stdout is not read (a client that reads slowly).
    paused: Arc<AtomicBool>,
    /// How long to wait for one message (the hang detector).
    patience: Duration,
}

impl LspClient {
    /// Start `copydesk lsp` (with `extra` arguments). `COPYDESK_TEST_BIN`
    /// names another binary to test (an older build, to see a test fail
    /// before its fix).
    pub fn start(extra: &[&str]) -> LspClient {
        let bin = std::env::var_os("COPYDESK_TEST_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_copydesk").into());
        let mut child = Command::new(bin)
            .arg("lsp")
            .args(extra)
            .env("COPYDESK_LOG", "debug")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start copydesk lsp");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr_pipe = child.stderr.take().expect("piped stderr");
        let (tx, incoming) = mpsc::channel();
        let paused = Arc::new(AtomicBool::new(false));
        {
            let paused = Arc::clone(&paused);
            std::thread::spawn(move || read_frames(stdout, tx, &paused));
        }
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let stderr = Arc::clone(&stderr);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr_pipe).lines() {
                    let Ok(line) = line else { break };
                    let mut log = stderr.lock().unwrap_or_else(|e| e.into_inner());
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        LspClient {
            stdin: child.stdin.take(),
            child,
            incoming,
            unread: VecDeque::new(),
            next_id: 1,
            stderr,
            paused,
            patience: TIMEOUT,
        }
    }

    /// Start the server and run the `initialize` handshake. `encodings` is
    /// what the client offers in `general.positionEncodings` (`None`: the
    /// field is left out). Returns the `initialize` result.
    pub fn initialized(encodings: Option<&[&str]>) -> (LspClient, Value) {
        let mut general = json!({});
        if let Some(encodings) = encodings {
            general["positionEncodings"] = json!(encodings);
        }
        let capabilities = json!({
            "general": general,
            "textDocument": {
                "synchronization": { "didSave": true },
                "publishDiagnostics": { "versionSupport": true }
            }
        });
        LspClient::initialized_with(capabilities, None)
    }

    /// Start the server and run the `initialize` handshake with these client
    /// capabilities and `initializationOptions`. Returns the `initialize` result.
    pub fn initialized_with(capabilities: Value, options: Option<Value>) -> (LspClient, Value) {
        let mut client = LspClient::start(&[]);
        let mut params =
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities });
        if let Some(options) = options {
            params["initializationOptions"] = options;
        }
        let response = client.request("initialize", params);
        let result = response
            .get("result")
            .cloned()
            .unwrap_or_else(|| client.fail(&format!("initialize failed: {response}")));
        client.notify("initialized", json!({}));
        (client, result)
    }

    /// The server's CPU time so far: user and system time of all its
    /// threads, those that have exited included (`/proc/<pid>/stat`, in
    /// ticks of 1/100 s). It counts the work the server did, not the time
    /// it spent waiting for a core, so a busy machine changes it little
    /// where it can stretch wall-clock time several times over.
    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn cpu_time(&self) -> Duration {
        let path = format!("/proc/{}/stat", self.child.id());
        let stat = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| self.fail(&format!("reading {path} (Linux only): {e}")));
        // Fields after the command name, which is in parentheses and may
        // hold spaces: state is the first, utime the 12th, stime the 13th.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        let ticks = |k: usize| -> u64 {
            fields
                .get(k)
                .and_then(|f| f.parse().ok())
                .unwrap_or_else(|| self.fail(&format!("unreadable {path}: {stat}")))
        };
        // USER_HZ: 100 on x86 and ARM Linux.
        Duration::from_millis(10 * (ticks(11) + ticks(12)))
    }

    /// What the server has logged so far, for failure messages.
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn fail(&self, why: &str) -> ! {
        // Let the last log lines arrive.
        std::thread::sleep(Duration::from_millis(100));
        panic!("{why}\n--- server stderr ---\n{}", self.stderr())
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let Some(stdin) = self.stdin.as_mut() else {
            self.fail("stdin already closed")
        };
        if let Err(e) = stdin
            .write_all(frame.as_bytes())
            .and_then(|()| stdin.flush())
        {
            self.fail(&format!("writing to the server failed: {e}"));
        }
    }

    /// Write raw bytes to the server's stdin, framed or not.
    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let Some(stdin) = self.stdin.as_mut() else {
            self.fail("stdin already closed")
        };
        if let Err(e) = stdin.write_all(bytes).and_then(|()| stdin.flush()) {
            self.fail(&format!("writing to the server failed: {e}"));
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and return the whole response message. Anything that
    /// arrives before it is kept, in order, for `recv`.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "jsonrpc": "2.0", "id": id, "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message);
        loop {
            let message = self.recv_new();
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.unread.push_back(message);
        }
    }

    /// The next message, in arrival order.
    pub fn recv(&mut self) -> Value {
        match self.unread.pop_front() {
            Some(message) => message,
            None => self.recv_new(),
        }
    }

    /// Wait longer for each message: a test that moves hundreds of
    /// megabytes through a debug build on a loaded machine.
    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn set_patience(&mut self, patience: Duration) {
        self.patience = patience;
    }

    fn recv_new(&mut self) -> Value {
        match self.incoming.recv_timeout(self.patience) {
            Ok(Incoming::Message(message)) => message,
            Ok(Incoming::NotProtocol(bytes)) => {
                self.fail(&format!("non-protocol output on stdout: {bytes:?}"))
            }
            Ok(Incoming::Closed) | Err(RecvTimeoutError::Disconnected) => {
                self.fail("the server closed stdout")
            }
            Err(RecvTimeoutError::Timeout) => self.fail(&format!(
                "no message from the server within {:?}",
                self.patience
            )),
        }
    }

    /// `shutdown`, then `exit`; the process must end by itself with status 0,
    /// with nothing left unread and nothing but protocol on stdout.
    pub fn shutdown_and_exit(mut self) {
        let id = self.next_id;
        let response = self.request("shutdown", Value::Null);
        if response != json!({ "jsonrpc": "2.0", "id": id, "result": null }) {
            self.fail(&format!("unexpected shutdown response: {response}"));
        }
        self.notify("exit", Value::Null);
        // Stdin stays open: the server must stop on `exit` alone.
        let status = self.wait();
        if status.code() != Some(0) {
            self.fail(&format!("exit after shutdown ended with {status}"));
        }
        self.expect_nothing_more();
    }

    /// [`Self::shutdown_and_exit`], first passing over diagnostics still
    /// arriving (of a draft closed while being checked).
    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn shutdown_and_exit_skipping_diagnostics(mut self) {
        let id = self.next_id;
        let response = self.request("shutdown", Value::Null);
        if response != json!({ "jsonrpc": "2.0", "id": id, "result": null }) {
            self.fail(&format!("unexpected shutdown response: {response}"));
        }
        self.unread
            .retain(|m| m["method"] != "textDocument/publishDiagnostics");
        self.notify("exit", Value::Null);
        let status = self.wait();
        if status.code() != Some(0) {
            self.fail(&format!("exit after shutdown ended with {status}"));
        }
        loop {
            match self.incoming.recv_timeout(TIMEOUT) {
                Ok(Incoming::Closed) => break,
                Ok(Incoming::Message(m)) if m["method"] == "textDocument/publishDiagnostics" => {}
                Ok(Incoming::Message(m)) => self.fail(&format!("unexpected message: {m}")),
                Ok(Incoming::NotProtocol(bytes)) => {
                    self.fail(&format!("non-protocol output on stdout: {bytes:?}"))
                }
                Err(e) => self.fail(&format!("stdout did not end cleanly: {e}")),
            }
        }
    }

    /// Send `exit` without `shutdown` first; returns the exit status (stdin
    /// stays open: `exit` alone must stop the server).
    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn exit_and_wait(mut self) -> ExitStatus {
        self.notify("exit", Value::Null);
        let status = self.wait();
        self.expect_nothing_more();
        status
    }

    /// Stop reading the server's output (after the frame being read).
    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn pause_reading(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn resume_reading(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }

    /// Wait for the process to end by itself, stdin left open; nothing may
    /// be left unread.
    #[allow(dead_code)] // Only the hostile-input tests need it.
    pub fn wait_for_exit(mut self) -> ExitStatus {
        let status = self.wait();
        self.expect_nothing_more();
        status
    }

    /// Close stdin (the editor went away) and wait for the process.
    pub fn close_stdin_and_wait(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let status = self.wait();
        self.expect_nothing_more();
        status
    }

    /// Every message was consumed, and stdout ended cleanly after the last one.
    fn expect_nothing_more(&mut self) {
        if !self.unread.is_empty() {
            let unread: Vec<String> = self.unread.iter().map(Value::to_string).collect();
            self.fail(&format!("messages left unread:\n{}", unread.join("\n")));
        }
        match self.incoming.recv_timeout(TIMEOUT) {
            Ok(Incoming::Closed) => {}
            Ok(Incoming::Message(message)) => self.fail(&format!("unexpected message: {message}")),
            Ok(Incoming::NotProtocol(bytes)) => {
                self.fail(&format!("non-protocol output on stdout: {bytes:?}"))
            }
            Err(e) => self.fail(&format!("stdout did not end cleanly: {e}")),
        }
    }

    fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Ok(None) => {
                    let _ = self.child.kill();
                    self.fail(&format!("the server did not exit within {TIMEOUT:?}"));
                }
                Err(e) => self.fail(&format!("waiting for the server failed: {e}")),
            }
        }
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Split stdout into messages, strictly: headers end in `\r\n`, only
/// `Content-Length` and `Content-Type` are allowed, the body is JSON-RPC 2.0.
fn read_frames(stdout: impl Read, tx: Sender<Incoming>, paused: &AtomicBool) {
    let mut reader = BufReader::new(stdout);
    let not_protocol = |what: String| {
        let _ = tx.send(Incoming::NotProtocol(what));
    };
    loop {
        while paused.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let mut length: Option<usize> = None;
        let mut first_line = true;
        loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) if first_line => {
                    let _ = tx.send(Incoming::Closed);
                    return;
                }
                Ok(0) => return not_protocol("stdout ended inside a header".into()),
                Ok(_) => {}
                Err(e) => return not_protocol(format!("reading stdout failed: {e}")),
            }
            first_line = false;
            let line = String::from_utf8_lossy(&line).into_owned();
            let Some(header) = line.strip_suffix("\r\n") else {
                return not_protocol(line);
            };
            if header.is_empty() {
                break;
            }
            match header.split_once(": ") {
                Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                    match value.parse() {
                        Ok(n) => length = Some(n),
                        Err(_) => return not_protocol(line),
                    }
                }
                Some((name, _)) if name.eq_ignore_ascii_case("content-type") => {}
                _ => return not_protocol(line),
            }
        }
        let Some(length) = length else {
            return not_protocol("a header without Content-Length".into());
        };
        let mut body = vec![0; length];
        if let Err(e) = reader.read_exact(&mut body) {
            return not_protocol(format!("stdout ended inside a body: {e}"));
        }
        match serde_json::from_slice::<Value>(&body) {
            Ok(message) if message.get("jsonrpc") == Some(&json!("2.0")) => {
                if tx.send(Incoming::Message(message)).is_err() {
                    return;
                }
            }
            _ => return not_protocol(String::from_utf8_lossy(&body).into_owned()),
        }
    }
}
