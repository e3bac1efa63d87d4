#!/usr/bin/env python3
"""A language server that speaks UTF-16 positions only, for the two-server
Neovim test (two_servers.lua): it stands in for harper-ls or marksman, which
do the same, beside copydesk on one Markdown buffer.

It answers initialize without a positionEncoding (which means UTF-16), keeps
each document's full text, and publishes one hint per line that holds a
character outside the Basic Multilingual Plane or a non-ASCII one, covering
the first such character, at UTF-16 columns. Hover answers "utf16-stub" and
code actions offer one action named "utf16-stub: do nothing". Standard
library only.
"""
import json
import sys

docs = {}


def read():
    length = None
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(sys.stdin.buffer.read(length))


def send(message):
    body = json.dumps(message).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def publish(uri):
    diagnostics = []
    for number, line in enumerate(docs[uri].split("\n")):
        for index, char in enumerate(line):
            if ord(char) > 127:
                start = utf16_len(line[:index])
                diagnostics.append({
                    "range": {"start": {"line": number, "character": start},
                              "end": {"line": number, "character": start + utf16_len(char)}},
                    "severity": 4, "source": "utf16-stub",
                    "message": "non-ASCII character %r" % char,
                })
                break
    send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
          "params": {"uri": uri, "diagnostics": diagnostics}})


while True:
    message = read()
    if message is None:
        break
    method, params = message.get("method"), message.get("params") or {}
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": message["id"], "result": {
            "capabilities": {"textDocumentSync": 1, "hoverProvider": True,
                             "codeActionProvider": True},
            "serverInfo": {"name": "utf16-stub"}}})
    elif method == "textDocument/didOpen":
        doc = params["textDocument"]
        docs[doc["uri"]] = doc["text"]
        publish(doc["uri"])
    elif method == "textDocument/didChange":
        uri = params["textDocument"]["uri"]
        docs[uri] = params["contentChanges"][-1]["text"]
        publish(uri)
    elif method == "textDocument/hover":
        send({"jsonrpc": "2.0", "id": message["id"],
              "result": {"contents": {"kind": "plaintext", "value": "utf16-stub"}}})
    elif method == "textDocument/codeAction":
        send({"jsonrpc": "2.0", "id": message["id"],
              "result": [{"title": "utf16-stub: do nothing", "kind": "quickfix"}]})
    elif method == "shutdown":
        send({"jsonrpc": "2.0", "id": message["id"], "result": None})
    elif method == "exit":
        break
    elif "id" in message and method is not None:
        send({"jsonrpc": "2.0", "id": message["id"],
              "error": {"code": -32601, "message": "unhandled: %s" % method}})
