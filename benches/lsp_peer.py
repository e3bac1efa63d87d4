#!/usr/bin/env python3
"""Time a language server the way an editor uses it, for benches/compare.sh.

    lsp_peer.py [--language-id markdown] -- SERVER ARGS... ::: FILE...

Spawns the server on stdio, initializes it, and for each file sends
`didOpen` and waits for the `publishDiagnostics` for that document (the
first check). Then, on the longest file, sends a full-text `didChange` with
one character inserted and waits for the diagnostics of that version (the
re-check a writer waits for after typing). Prints one JSON object: seconds
for all the opens, per-open median, the re-check, diagnostics counted, and
the server's peak resident memory (VmHWM) before shutdown.

Only the standard library; not part of `cargo test`.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


class Client:
    def __init__(self, cmd):
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0
        self.cv = threading.Condition()
        self.responses = {}
        self.diagnostics = {}  # uri -> list of (version, count, time)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.decode().partition(":")
                if k.lower() == "content-length":
                    length = int(v)
            msg = json.loads(out.read(length))
            now = time.perf_counter()
            with self.cv:
                if "id" in msg and "method" not in msg:
                    self.responses[msg["id"]] = msg
                elif msg.get("method") == "textDocument/publishDiagnostics":
                    p = msg["params"]
                    self.diagnostics.setdefault(p["uri"], []).append(
                        (p.get("version"), len(p["diagnostics"]), now)
                    )
                elif "id" in msg:  # a request from the server: answer null
                    self._send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                self.cv.notify_all()

    def _send(self, msg):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params, timeout=60):
        self.next_id += 1
        i = self.next_id
        self._send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        with self.cv:
            if not self.cv.wait_for(lambda: i in self.responses, timeout):
                raise TimeoutError(method)
            return self.responses.pop(i)

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, after, version=None, timeout=120):
        """The first diagnostics for `uri` published after `after` (and for
        `version`, when the server reports versions)."""

        def found():
            for v, n, t in self.diagnostics.get(uri, []):
                if t >= after and (version is None or v is None or v == version):
                    return (n, t)
            return None

        with self.cv:
            if not self.cv.wait_for(found, timeout):
                raise TimeoutError(f"no diagnostics for {uri}")
            return found()

    def peak_rss_kb(self):
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return None

    def close(self):
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def main():
    args = sys.argv[1:]
    lang = "markdown"
    if args[:1] == ["--language-id"]:
        lang, args = args[1], args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    sep = args.index(":::")
    cmd, files = args[:sep], [Path(f).resolve() for f in args[sep + 1 :]]
    c = Client(cmd)
    c.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": None,
            "capabilities": {
                "textDocument": {"publishDiagnostics": {"versionSupport": True}},
                "general": {"positionEncodings": ["utf-16"]},
            },
        },
    )
    c.notify("initialized", {})
    opens, total_diags = [], 0
    start = time.perf_counter()
    for f in files:
        uri = f.as_uri()
        text = f.read_text()
        t0 = time.perf_counter()
        c.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}},
        )
        n, t = c.wait_diagnostics(uri, t0, 1)
        opens.append(t - t0)
        total_diags += n
    all_opens = time.perf_counter() - start
    longest = max(files, key=lambda f: f.stat().st_size)
    text = longest.read_text()
    mid = len(text) // 2
    edited = text[:mid] + "x" + text[mid:]
    t0 = time.perf_counter()
    c.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": longest.as_uri(), "version": 2},
            "contentChanges": [{"text": edited}],
        },
    )
    _, t = c.wait_diagnostics(longest.as_uri(), t0, 2)
    recheck = t - t0
    rss = c.peak_rss_kb()
    c.close()
    print(
        json.dumps(
            {
                "files": len(files),
                "open_all_s": all_opens,
                "open_median_s": statistics.median(opens),
                "recheck_longest_s": recheck,
                "diagnostics": total_diags,
                "peak_rss_kb": rss,
            }
        )
    )


if __name__ == "__main__":
    main()
