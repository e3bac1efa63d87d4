#!/usr/bin/env python3
"""The phrase list's findings by the entry that fired (docs/claims.md §6zb).

    scripts/phrase_audit.py --bin target/release/copydesk \
        --audit target/release/examples/claim_audit PATHS... [-v] [--unlabelled]

Runs the scorer's label stripping, the checker and the `claim_audit`
example as scripts/claim_audit.py does, keeps the claim findings whose
sentence fires on the phrase list (`fires:phrase`), and names the entry of
`crates/copydesk/data/claim_signals.txt` that matched: the first entry of
the finding's kind (told from its message; cause and reason share one) that
matches the sentence, preferring one that needs no model's support
(marked `*`: a reason clause or a `| model` entry). Counts right (a claim label overlaps) and false per
entry. `--unlabelled` counts findings only (the 645 real articles). Tuning
sets only with -v.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from claim_audit import overlap, parse  # noqa: E402

DATA = Path(__file__).parent.parent / "crates/copydesk/data/claim_signals.txt"
KIND_OF_MESSAGE = {
    "Causal": ("cause", "reason"), "Statistic or trend": ("trend",),
    "Sweeping": ("sweep",), "Superlative": ("rank",), "Prediction": ("certain",),
    "Motive": ("intent",), "Comparison": ("compare",), "Statistic stated": ("stat",),
}


def entries(data):
    out, on = [], False
    for line in Path(data).read_text().splitlines():
        if line.startswith("["):
            on = line.strip() == "[claim-signals]"
            continue
        if not on or not line.strip() or line.startswith("#"):
            continue
        f = re.split(r"(?:(?<=\s)|^)\|(?=\s|$)", line)
        pat, kind = f[0], f[1]
        gated = len(f) > 2 and f[2].strip() == "model" or kind.strip() == "reason"
        try:
            rx = re.compile(r"(?i)\b(?:%s)\b" % pat.strip())
        except re.error:
            rx = None
        out.append((pat.strip(), kind.strip(), rx, gated))
    return out


def which(text, message, ents):
    kinds = next((v for k, v in KIND_OF_MESSAGE.items() if message.startswith(k)), ())
    # The engine prefers an entry that stands on its own to one that needs
    # the model's support (`strongest_signal`).
    hits = [(g, k, p) for p, k, rx, g in ents if k in kinds and rx is not None and rx.search(text)]
    for g, kind, pat in sorted(hits, key=lambda h: h[0]):
        return f"{kind}{'*' if g else ''}: {pat[:60]}"
    return f"{'/'.join(kinds) or '?'}: (no entry re-matched)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--unlabelled", action="store_true")
    ap.add_argument("--data", default=DATA,
                    help="the claim_signals.txt the binary was built with (for an older binary)")
    args = ap.parse_args()
    ents = entries(args.data)
    files = []
    for p in map(Path, args.paths):
        files += sorted(p.rglob("*.md")) if p.is_dir() else [p]
    files = [f for f in files if f.name != "README.md"]
    tmp = Path(tempfile.mkdtemp(prefix="paudit-"))
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
        if x["rule"] == "claim.unattributed":
            found[os.path.realpath(x["path"])].append((x["start"]["offset"], x["end"]["offset"]))
    sents = collections.defaultdict(list)
    rows = subprocess.run([args.audit, *cases], capture_output=True, text=True).stdout
    for line in rows.splitlines():
        c = line.split("\t")
        sents[os.path.realpath(c[0])].append((int(c[1]), int(c[2]), c[3], float(c[4]), c[5], c[-1]))
    right, false = collections.Counter(), collections.Counter()
    notes = []
    for key, (src, clean, spans) in cases.items():
        for f0, f1 in found[key]:
            best = max(sents[key], key=lambda s: overlap(f0, f1, s[0], s[1]), default=None)
            # The checker's finding says the sentence fired; the audit names
            # the path. An older binary may fire where this build's gate
            # holds a signal back (`under:phrase-reason-gate`).
            if best is None or not best[2].startswith(("fires:phrase", "under:phrase-reason-gate")):
                continue
            entry = which(best[5], best[4], ents)
            ok = any(overlap(f0, f1, s0, s1) and "claim" in fams for s0, s1, fams, _ in spans)
            (right if ok else false)[entry] += 1
            notes.append(f"{'RIGHT' if ok else 'FALSE'}\t{entry[:40]}\t{best[3]:.3f}\t{src.name}\t{best[5][:160]}")
    if args.verbose:
        print("\n".join(sorted(notes)))
    keys = sorted(set(right) | set(false), key=lambda k: -(right[k] + false[k]))
    print(f"phrase findings: {sum(right.values())} right, {sum(false.values())} false")
    for k in keys:
        if args.unlabelled:
            print(f"  {false[k]:4}  {k}")
        else:
            print(f"  {right[k]:4} {false[k]:4}  {k}")


if __name__ == "__main__":
    main()
