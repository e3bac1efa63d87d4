#!/usr/bin/env python3
"""Latency of the editor features over stdio against the real server.

Opens each draft given (default: the largest files of a directory), then
times textDocument/codeAction over every diagnostic, textDocument/hover at
every diagnostic's start, textDocument/documentSymbol and
textDocument/diagnostic (pull), and prints medians and 95th percentiles in
milliseconds. A measurement, not a test: the machine is shared and noisy.

    cargo build --release
    python3 scripts/bench_editor_features.py --bin target/release/copydesk /tmp/real/*.md
"""
import argparse
import json
import statistics
import subprocess
import time


class Client:
    def __init__(self, binary):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.next_id = 1

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if line in (b"\r\n", b""):
                break
            k, v = line.decode().split(":", 1)
            if k.lower() == "content-length":
                length = int(v)
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                return m

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("drafts", nargs="+")
    args = ap.parse_args()
    c = Client(args.bin)
    caps = {"textDocument": {"diagnostic": {}, "documentSymbol": {"hierarchicalDocumentSymbolSupport": True}}}
    c.request("initialize", {"processId": None, "rootUri": None, "capabilities": caps})
    c.notify("initialized", {})
    times = {"diagnostic": [], "codeAction": [], "hover": [], "documentSymbol": []}
    for i, path in enumerate(args.drafts):
        text = open(path, encoding="utf-8").read()
        uri = "file:///bench/%d.md" % i
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        doc = {"textDocument": {"uri": uri}}
        t = time.perf_counter()
        r = c.request("textDocument/diagnostic", doc)
        times["diagnostic"].append(time.perf_counter() - t)
        for d in r["result"]["items"]:
            t = time.perf_counter()
            c.request("textDocument/codeAction", {**doc, "range": d["range"], "context": {"diagnostics": [d]}})
            times["codeAction"].append(time.perf_counter() - t)
            t = time.perf_counter()
            c.request("textDocument/hover", {**doc, "position": d["range"]["start"]})
            times["hover"].append(time.perf_counter() - t)
        t = time.perf_counter()
        c.request("textDocument/documentSymbol", doc)
        times["documentSymbol"].append(time.perf_counter() - t)
        c.notify("textDocument/didClose", doc)
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait(timeout=10)
    print("%d drafts" % len(args.drafts))
    for k, xs in times.items():
        if xs:
            print("%-15s n=%5d  median %6.2f ms  p95 %6.2f ms  max %6.2f ms" % (
                k, len(xs), 1000 * statistics.median(xs), 1000 * pct(xs, 0.95), 1000 * max(xs)))


if __name__ == "__main__":
    main()
