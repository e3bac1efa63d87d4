#!/usr/bin/env python3
"""Leave one split out: the estimate that predicts the next blind split.

For each session sK given, trains the claim model without sK's marked
drafts and real articles (`train-claims --skip-test --leave-out sK`, the
grid, Platt scaling and thresholds chosen on the dev split as usual), and
reads the trainer's figures on the left-out sentences: the model's average
precision, and the engine's decision as the trainer reproduces it (phrase
list OR model at the 0.75 floor, no shapes or stance) on sK's drafts and
on its real articles. Prints one row per session and the mean.

    python3 tools/train_claims/loso.py [--sessions s11,s12,s13,s14,s15] [-- TRAINER ARGS]

Run `cargo build --release -p train_claims` first. Models are written to a
temporary directory, never over the committed one. Everything after `--`
is passed to the trainer (e.g. `--grid-pick`), so a change to the trainer
or its options is judged on sessions the model never trained on.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "train-claims")


def figures(log, sk):
    out = {}
    m = re.search(r"^left out: model AP ([0-9.]+)", log, re.M)
    out["ap"] = float(m.group(1)) if m else float("nan")
    for part, key in (("drafts", "d"), ("real articles", "r")):
        pat = rf"^{sk}, phrase list OR model at 0\.750, {part}, sentences: precision ([0-9.]+)\s+recall ([0-9.]+)"
        m = re.search(pat, log, re.M)
        out[key + "p"], out[key + "r"] = (float(m.group(1)), float(m.group(2))) if m else (float("nan"),) * 2
    m = re.search(rf"^{sk}, phrase list OR model at 0\.750, real articles: (\d+) false alarms in (\d+) words", log, re.M)
    out["rfa"] = 1000 * int(m.group(1)) / int(m.group(2)) if m else float("nan")
    m = re.search(rf"^{sk}, model at medium, drafts, sentences: precision ([0-9.]+)\s+recall ([0-9.]+)", log, re.M)
    out["mp"], out["mr"] = (float(m.group(1)), float(m.group(2))) if m else (float("nan"),) * 2
    return out


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    sessions = ["s11", "s12", "s13", "s14", "s15"]
    if argv[:1] == ["--sessions"]:
        sessions = argv[1].split(",")
    cols = ["ap", "dp", "dr", "rp", "rr", "rfa", "mp", "mr"]
    print("left out | model AP | OR drafts P / R | OR real P / R | real false /1,000 w | model at medium, drafts P / R")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for sk in sessions:
            cmd = [BIN, "--skip-test", "--leave-out", sk,
                   "--out", os.path.join(tmp, sk + ".bin"),
                   "--ratchet", os.path.join(tmp, sk + ".tsv")] + extra
            log = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            f = figures(log, sk)
            rows.append(f)
            print(f"{sk} | {f['ap']:.4f} | {f['dp']:.3f} / {f['dr']:.3f} | {f['rp']:.3f} / {f['rr']:.3f} | {f['rfa']:.2f} | {f['mp']:.3f} / {f['mr']:.3f}", flush=True)
    mean = {c: sum(r[c] for r in rows) / len(rows) for c in cols}
    print(f"mean | {mean['ap']:.4f} | {mean['dp']:.3f} / {mean['dr']:.3f} | {mean['rp']:.3f} / {mean['rr']:.3f} | {mean['rfa']:.2f} | {mean['mp']:.3f} / {mean['mr']:.3f}")


if __name__ == "__main__":
    main()
