#!/usr/bin/env python3
"""Claim misses and false alarms by the engine's cause (docs/claims.md §6za).

    scripts/claim_audit.py --bin target/release/copydesk \
        --audit target/release/examples/claim_audit PATHS... [-v]

Strips the labelling marks as ../shared/eval/score.py does, runs
`BIN check --format json` and the `claim_audit` example over the clean
text, and for every labelled claim no claim finding overlaps says why the
sentence it lies in went unflagged (`Assessment::why`: the gate that
vetoed it or the threshold it fell under), with the model's probability;
for every claim finding no label overlaps, which path fired. A label
spanning several sentences takes the cause of the one it overlaps most.
Tuning sets only: never run it with -v on a validation split.
"""
import argparse
import collections
import json
import os
import subprocess
import tempfile
from pathlib import Path

OPEN, SEP, CLOSE = "⟦", "|", "⟧"


def parse(marked):
    out, spans, i, pos = [], [], 0, 0
    while i < len(marked):
        j = marked.find(OPEN, i)
        if j < 0:
            out.append(marked[i:])
            break
        out.append(marked[i:j])
        pos += len(marked[i:j].encode())
        k = marked.find(SEP, j)
        e = marked.find(CLOSE, k)
        head, body = marked[j + 1:k], marked[k + 1:e]
        fams = tuple(f.strip() for f in head.lstrip("?").split(","))
        n = len(body.encode())
        spans.append((pos, pos + n, fams, head.startswith("?")))
        out.append(body)
        pos += n
        i = e + 1
    return "".join(out), spans


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def band(p):
    for t in (0.75, 0.5, 0.15):
        if p >= t:
            return f">={t}"
    return "<0.15"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    files = []
    for p in map(Path, args.paths):
        files += sorted(p.rglob("*.md")) if p.is_dir() else [p]
    files = [f for f in files if f.name != "README.md"]
    tmp = Path(tempfile.mkdtemp(prefix="audit-"))
    cases = {}
    for f in files:
        clean, spans = parse(f.read_text(encoding="utf-8"))
        t = tmp / f"{len(cases):04d}-{f.name}"
        t.write_text(clean, encoding="utf-8")
        cases[os.path.realpath(t)] = (f, clean.encode(), spans)
    out = subprocess.run([args.bin, "check", "--format", "json", *cases],
                         capture_output=True, text=True).stdout
    found = collections.defaultdict(list)
    for x in json.loads(out or "[]"):
        if x["rule"].startswith("claim."):
            found[os.path.realpath(x["path"])].append(
                (x["start"]["offset"], x["end"]["offset"], x["rule"]))
    sents = collections.defaultdict(list)
    rows = subprocess.run([args.audit, *cases], capture_output=True, text=True).stdout
    for line in rows.splitlines():
        c = line.split("\t")
        sents[os.path.realpath(c[0])].append((int(c[1]), int(c[2]), c[3], float(c[4]), c))
    misses, falses = collections.Counter(), collections.Counter()
    notes = []
    for key, (src, clean, spans) in cases.items():
        def cause(a0, a1):
            best = max(sents[key], key=lambda s: overlap(a0, a1, s[0], s[1]), default=None)
            if best is None or overlap(a0, a1, best[0], best[1]) == 0:
                return "not-read (heading, quote block, table…)", 0.0
            return best[2], best[3]
        for s0, s1, fams, opt in spans:
            if opt or "claim" not in fams:
                continue
            if any(overlap(f0, f1, s0, s1) or f0 == f1 and s0 <= f0 <= s1
                   for f0, f1, _ in found[key]):
                continue
            why, p = cause(s0, s1)
            if why.startswith("fires:"):
                why = "fires, finding dropped (promo overlap?)"
            misses[why] += 1
            notes.append(f"MISS\t{why}\t{p:.3f}\t{src.name}\t{clean[s0:s1].decode()[:140]}")
        for f0, f1, rule in found[key]:
            if any(overlap(f0, f1, s0, s1) and "claim" in fams for s0, s1, fams, _ in spans):
                continue
            why, p = cause(f0, f1)
            why = "vague-source" if rule == "claim.vague-source" else why
            falses[f"{why} {band(p)}" if why == "fires:model" else why] += 1
            notes.append(f"FALSE\t{why}\t{p:.3f}\t{src.name}\t{clean[f0:f1].decode(errors='replace')[:140]}")
    if args.verbose:
        print("\n".join(sorted(notes)))
    print(f"misses ({sum(misses.values())}) by cause:")
    for k, n in misses.most_common():
        print(f"  {n:4}  {k}")
    print(f"false alarms ({sum(falses.values())}) by path:")
    for k, n in falses.most_common():
        print(f"  {n:4}  {k}")


if __name__ == "__main__":
    main()
