//! Latency, start-up and memory of `copydesk lsp`, measured the way an
//! editor sees them: over stdio, through the real release binary.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/lsp_bench [--bin target/release/copydesk]
//!     [--edits 400] [--gap 150] [--spawns 15] [--docs 100]
//!     [--only startup|typing|memory]
//! ```
//!
//! 1. Start-up, over `--spawns` fresh servers: from spawn to the
//!    `initialize` answer, and to the first `publishDiagnostics` of a
//!    10,000-word draft opened right after `initialized`.
//! 2. Typing: `--edits` one-character insertions and deletions at varied
//!    places across the draft, each a `didChange` with an incremental
//!    (UTF-16) range, each timed until the `publishDiagnostics` carrying its
//!    version arrives. Twice: back to back (each edit sent as soon as the
//!    last one's diagnostics arrive), then at a writer's cadence, `--gap`
//!    milliseconds from one keystroke to the next (default 150; 0 skips
//!    this run). The two differ by what it costs the server, and the
//!    machine, to wake from idle between keys, which is what a writer feels.
//! 3. Memory: `--docs` such drafts open at once, every one diagnosed, then
//!    the server's VmRSS and VmHWM from /proc/PID/status.
//!
//! The draft is built deterministically from the repository's drafts (the
//! held-out corpus, then `examples/draft.md`, repeated until it has 10,000
//! words), and the edits come from a fixed-seed generator, so runs compare.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WORDS: usize = 10_000;
/// Bounds how long a broken server takes to fail the bench.
/// How long to wait for a reply: 60 s, or `LSP_BENCH_TIMEOUT` seconds (a
/// server under callgrind on a loaded machine starts in minutes).
fn timeout() -> Duration {
    let secs = std::env::var("LSP_BENCH_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok());
    Duration::from_secs(secs.unwrap_or(60))
}

struct Options {
    bin: PathBuf,
    edits: usize,
    /// Time from one keystroke to the next in the cadence run.
    gap: Duration,
    spawns: usize,
    docs: usize,
    /// Run one part only (for profiling a server under one load).
    only: Option<String>,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut options = Options {
        bin: root.join("target/release/copydesk"),
        edits: 400,
        gap: Duration::from_millis(150),
        spawns: 15,
        docs: 100,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&arg));
        match arg.as_str() {
            "--bin" => options.bin = PathBuf::from(value()),
            "--edits" => options.edits = value().parse().unwrap_or_else(|_| usage("--edits")),
            "--gap" => {
                options.gap =
                    Duration::from_millis(value().parse().unwrap_or_else(|_| usage("--gap")))
            }
            "--spawns" => options.spawns = value().parse().unwrap_or_else(|_| usage("--spawns")),
            "--docs" => options.docs = value().parse().unwrap_or_else(|_| usage("--docs")),
            "--only" => match value().as_str() {
                part @ ("startup" | "typing" | "memory") => options.only = Some(part.to_string()),
                _ => usage("--only"),
            },
            _ => usage(&arg),
        }
    }
    if !options.bin.exists() {
        eprintln!(
            "no server at {} (cargo build --release, or pass --bin)",
            options.bin.display()
        );
        std::process::exit(2);
    }
    let sources = drafts(root);
    let draft = long_draft(&sources, 0);
    println!(
        "copydesk lsp bench: {} ({} words, {} bytes, {} lines), {} CPUs",
        options.bin.display(),
        draft.split_whitespace().count(),
        draft.len(),
        draft.lines().count(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );

    let run = |part: &str| options.only.as_deref().is_none_or(|only| only == part);
    if run("startup") {
        startup(&options, &draft);
    }
    if run("typing") {
        typing(&options, &draft, Duration::ZERO);
        if !options.gap.is_zero() {
            typing(&options, &draft, options.gap);
        }
    }
    if run("memory") {
        memory(&options, &sources);
    }
}

fn usage(arg: &str) -> ! {
    eprintln!("lsp_bench: bad argument {arg:?}\nusage: lsp_bench [--bin PATH] [--edits N] [--gap MS] [--spawns N] [--docs N] [--only startup|typing|memory]");
    std::process::exit(2);
}

/// The repository's Markdown drafts, in a fixed order.
fn drafts(root: &Path) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("tests/corpus/heldout"))
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "md")
                        && p.file_name().is_none_or(|n| n != "README.md")
                })
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths.push(root.join("examples/draft.md"));
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// Drafts joined, starting at the `rotate`-th, until there are `WORDS` words.
fn long_draft(sources: &[String], rotate: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    for source in sources.iter().cycle().skip(rotate % sources.len().max(1)) {
        if words >= WORDS {
            break;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(source);
        words += source.split_whitespace().count();
    }
    out
}

/// A server under test, spoken to over stdio.
struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    spawned: Instant,
}

impl Server {
    fn spawn(bin: &Path) -> Server {
        let spawned = Instant::now();
        let mut child = Command::new(bin)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| fail(&format!("cannot start {}: {e}", bin.display())));
        let stdout = child.stdout.take().expect("piped stdout");
        let stdin = child.stdin.take().expect("piped stdin");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Server {
            child,
            stdin,
            incoming,
            spawned,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        if self.stdin.write_all(framed.as_bytes()).is_err() || self.stdin.flush().is_err() {
            fail("the server closed its input");
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that satisfies `want`; others are dropped.
    fn wait_for(&mut self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + timeout();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if want(&message) => return message,
                Ok(_) => {}
                Err(_) => fail(&format!("no {what} within {:?}", timeout())),
            }
        }
    }

    fn initialize(&mut self) {
        self.initialize_with(json!({}));
    }

    fn initialize_with(&mut self, capabilities: Value) {
        self.send(json!({
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": null, "capabilities": capabilities},
        }));
        self.wait_for("initialize response", |m| m["id"] == 1);
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait_for("publishDiagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    /// CPU time the server has used so far (user + system, all threads).
    fn cpu_time(&self) -> Duration {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // Fields after the command name, which is in parentheses.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        let ticks = |i: usize| {
            fields
                .get(i)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        // utime and stime (fields 14 and 15 of the line, 12 and 13 here),
        // in clock ticks of 1/100 s on Linux.
        Duration::from_millis((ticks(11) + ticks(12)) * 10)
    }

    /// VmRSS and VmHWM in kB.
    fn memory(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
        self.wait_for("shutdown response", |m| m["id"] == 99);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn read_frames(stdout: ChildStdout, tx: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length:") {
                length = n.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        match serde_json::from_slice(&body) {
            Ok(message) => {
                if tx.send(message).is_err() {
                    return;
                }
            }
            Err(_) => return,
        }
    }
}

fn fail(why: &str) -> ! {
    eprintln!("lsp_bench: {why}");
    std::process::exit(1);
}

fn startup(options: &Options, draft: &str) {
    let mut init = Vec::new();
    let mut first = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..options.spawns {
        let mut server = Server::spawn(&options.bin);
        server.initialize();
        init.push(server.spawned.elapsed());
        server.open("file:///bench/draft.md", draft);
        server.diagnostics("file:///bench/draft.md", 1);
        first.push(server.spawned.elapsed());
        cpu.push(server.cpu_time());
        server.stop();
    }
    println!("\nstart-up, {} spawns (median, min–max):", options.spawns);
    report("  initialize answered after spawn", &mut init);
    report("  first diagnostics after spawn  ", &mut first);
    // What the server spent to get there, on all its threads: on a loaded
    // machine the wall times above stretch, this hardly does.
    report("  server CPU time until then     ", &mut cpu);
}

/// One typing run; `gap` is the time from one keystroke to the next (zero:
/// each edit as soon as the last one's diagnostics are in).
fn typing(options: &Options, draft: &str, gap: Duration) {
    let uri = "file:///bench/typing.md";
    let mut server = Server::spawn(&options.bin);
    server.initialize();
    server.open(uri, draft);
    server.diagnostics(uri, 1);
    let mut text = draft.to_string();
    let mut rng = Rng(0x5eed_c0de_d00d_f00d);
    let mut latencies = Vec::with_capacity(options.edits);
    let mut findings = 0;
    let cpu_before = server.cpu_time();
    for version in 2..(options.edits as i64 + 2) {
        let (range, insert) = random_edit(&mut text, &mut rng);
        let started = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range, "text": insert}],
            }),
        );
        let published = server.diagnostics(uri, version);
        latencies.push(started.elapsed());
        findings = published["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len);
        std::thread::sleep(gap.saturating_sub(started.elapsed()));
    }
    let cpu = server.cpu_time().saturating_sub(cpu_before);
    // After the edits: what the threads that checked them hold (each
    // thread that runs the engine keeps its own regex caches).
    let (rss, _) = server.memory();
    server.stop();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];
    let cadence = if gap.is_zero() {
        "back to back".to_owned()
    } else {
        format!("one every {} ms", gap.as_millis())
    };
    println!(
        "\ntyping, {} one-character edits across the draft, {cadence} ({findings} diagnostics at the end):",
        latencies.len()
    );
    println!(
        "  didChange → publishDiagnostics  p50 {}  p95 {}  p99 {}  max {}",
        ms(pct(0.50)),
        ms(pct(0.95)),
        ms(pct(0.99)),
        ms(pct(1.0)),
    );
    // Less sensitive to other load on the machine than the latencies.
    println!(
        "  server CPU time per edit        {} (user+system, all threads)",
        ms(cpu / latencies.len().max(1) as u32),
    );
    println!(
        "  server VmRSS after the edits    {:.1} MB",
        rss as f64 / 1024.0
    );
}

fn memory(options: &Options, sources: &[String]) {
    let mut server = Server::spawn(&options.bin);
    server.initialize();
    let idle = server.memory();
    server.open("file:///bench/first.md", &long_draft(sources, 0));
    server.diagnostics("file:///bench/first.md", 1);
    let one = server.memory();
    for k in 0..options.docs {
        let uri = format!("file:///bench/draft-{k:03}.md");
        server.open(&uri, &long_draft(sources, k));
    }
    let mut diagnosed = std::collections::HashSet::new();
    while diagnosed.len() < options.docs {
        let published = server.wait_for("publishDiagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
        });
        diagnosed.insert(published["params"]["uri"].to_string());
    }
    let open = server.memory();
    server.stop();
    let pulled = pull_memory(options, sources);
    println!("\nmemory:");
    println!(
        "  idle after initialize           VmRSS {:.1} MB",
        idle.0 as f64 / 1024.0
    );
    println!(
        "  1 draft open and diagnosed       VmRSS {:.1} MB",
        one.0 as f64 / 1024.0
    );
    println!(
        "  {} more drafts of {} words open  VmRSS {:.1} MB  VmHWM {:.1} MB",
        options.docs,
        WORDS,
        open.0 as f64 / 1024.0,
        open.1 as f64 / 1024.0
    );
    println!(
        "  the same with a pull client      VmRSS {:.1} MB  VmHWM {:.1} MB",
        pulled.0 as f64 / 1024.0,
        pulled.1 as f64 / 1024.0
    );
}

/// `memory` for a client that pulls diagnostics (`textDocument/diagnostic`,
/// as VS Code does): the drafts are opened, then all pulled at once.
fn pull_memory(options: &Options, sources: &[String]) -> (u64, u64) {
    let mut server = Server::spawn(&options.bin);
    server.initialize_with(json!({"textDocument": {"diagnostic": {}}}));
    let total = options.docs + 1;
    for k in 0..total {
        let uri = format!("file:///bench/draft-{k:03}.md");
        server.open(&uri, &long_draft(sources, k));
    }
    for k in 0..total {
        let uri = format!("file:///bench/draft-{k:03}.md");
        server.send(json!({
            "jsonrpc": "2.0", "id": 1000 + k, "method": "textDocument/diagnostic",
            "params": {"textDocument": {"uri": uri}},
        }));
    }
    let mut answered = std::collections::HashSet::new();
    while answered.len() < total {
        let response = server.wait_for("diagnostic response", |m| {
            m["id"].as_u64().is_some_and(|id| id >= 1000) && m.get("method").is_none()
        });
        answered.insert(response["id"].to_string());
    }
    let memory = server.memory();
    server.stop();
    memory
}

/// A one-character insertion or deletion at a random place, applied to
/// `text`; returns the LSP range (UTF-16) and the inserted text.
fn random_edit(text: &mut String, rng: &mut Rng) -> (Value, String) {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = rng.below(line_starts.len());
    let start = line_starts[line];
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let chars: Vec<(usize, char)> = text[start..end].char_indices().collect();
    let k = rng.below(chars.len() + 1);
    let at = chars.get(k).map_or(end, |&(i, _)| start + i);
    let col = |byte: usize| text[start..byte].encode_utf16().count();
    let delete = k > 0 && rng.below(3) == 0;
    if delete {
        let from = start + chars[k - 1].0;
        let range = json!({
            "start": {"line": line, "character": col(from)},
            "end": {"line": line, "character": col(at)},
        });
        text.replace_range(from..at, "");
        (range, String::new())
    } else {
        const TYPED: &[u8] = b"etaoinshrdlu ,.\"'e";
        let c = TYPED[rng.below(TYPED.len())] as char;
        let range = json!({
            "start": {"line": line, "character": col(at)},
            "end": {"line": line, "character": col(at)},
        });
        text.insert(at, c);
        (range, c.to_string())
    }
}

/// xorshift64*: a fixed sequence of edits on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        (x % n.max(1) as u64) as usize
    }
}

fn report(label: &str, samples: &mut [Duration]) {
    samples.sort();
    let median = samples[samples.len() / 2];
    println!(
        "{label}  {}  ({}–{})",
        ms(median),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    );
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
