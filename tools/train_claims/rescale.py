#!/usr/bin/env python3
"""A candidate claim model's scale matched to another's, for the engine's gates.

    python3 tools/train_claims/rescale.py REFERENCE.bin CANDIDATE.bin OUT.bin DIR [DIR ...]

The engine's gates (`MODEL_ALONE`, `PHRASE_GATE`, `FIGURE_GATE`,
`RATE_GATE` and the shapes' gates) read the model's calibrated probability,
and the trainer's Platt scaling is fitted on dev's 54 firm claims alone, so
a retrain can move the whole scale under every gate (docs/claims.md §6zh).
This scores every sentence the claim rule reads in the drafts under DIR
(unlabelled text: `/tmp/articles` is the usual) with both models, through
`claim_dump` with `COPYDESK_CLAIM_MODEL` set, sorts each model's logits and
fits the candidate's onto the reference's by least squares (quantile
matching, linear in the logit), then writes the candidate with its weights,
bias and thresholds mapped so (`logit' = a·logit + b`): the ranking is the
candidate's, the share of sentences over any gate the reference's. A
monotone map cannot undo a retrain's reordering of sentences near a gate
(§6zj). Build the example first
(`cargo build --release --example claim_dump`).
"""

import glob
import math
import os
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUMP = os.path.join(ROOT, "target", "release", "examples", "claim_dump")


def logits(model, files):
    env = dict(os.environ, COPYDESK_CLAIM_MODEL=model)
    out = subprocess.run([DUMP, *files], env=env, capture_output=True, text=True, check=True).stdout
    ps = [float(line.split("\t")[9]) for line in out.splitlines() if line]
    return [math.log(p / (1 - p)) for p in (min(max(p, 1e-6), 1 - 1e-6) for p in ps)]


def fit(cand, ref):
    x, y = sorted(cand), sorted(ref)
    mx, my = sum(x) / len(x), sum(y) / len(y)
    a = sum((u - mx) * (v - my) for u, v in zip(x, y)) / sum((u - mx) ** 2 for u in x)
    return a, my - a * mx


def rewrite(src, dst, a, b):
    d = open(src, "rb").read()
    if d[:8] != b"CDCLAIM1":
        sys.exit(f"{src}: not a claim model")
    o = 12 + struct.unpack("<I", d[8:12])[0]
    bits = struct.unpack("<I", d[o:o + 4])[0]
    th = struct.unpack("<3f", d[o + 4:o + 16])
    bias = struct.unpack("<f", d[o + 16:o + 20])[0]
    n = 1 << bits
    w = struct.unpack(f"<{n}f", d[o + 20:o + 20 + 4 * n])
    sig = lambda z: 1 / (1 + math.exp(-z))
    th2 = [sig(a * math.log(t / (1 - t)) + b) for t in th]
    out = d[:o + 4] + struct.pack("<3f", *th2) + struct.pack("<f", bias * a + b)
    out += struct.pack(f"<{n}f", *(v * a for v in w))
    open(dst, "wb").write(out)
    return th, th2


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    ref, cand, dst, dirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    files = sorted(f for d in dirs for f in glob.glob(os.path.join(d, "*.md")))
    lr, lc = logits(ref, files), logits(cand, files)
    a, b = fit(lc, lr)
    th, th2 = rewrite(cand, dst, a, b)
    print(f"{len(lc)} sentences; candidate logit * {a:.4f} + {b:.4f}")
    print("thresholds " + ", ".join(f"{t:.4f} -> {u:.4f}" for t, u in zip(th, th2)))


if __name__ == "__main__":
    main()
