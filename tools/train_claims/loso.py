#!/usr/bin/env python3
"""Leave one split out: the estimate that predicts the next blind split.

For each session sK given, trains the claim model without sK's marked
drafts and real articles (`train-claims --skip-test --leave-out sK`, the
grid, Platt scaling and thresholds chosen on the dev split as usual), and
reads the trainer's figures on the left-out sentences: the model's average
precision, and the engine's decision as the trainer reproduces it (phrase
list OR model at the 0.75 floor, no shapes or stance) on sK's drafts and
on its real articles. Prints one row per session and the mean.

    python3 tools/train_claims/loso.py [--sessions s12,s13,s14,s15,s16] [-- TRAINER ARGS]

Run `cargo build --release -p train_claims` first. Models are written to a
temporary directory, never over the committed one. Everything after `--`
is passed to the trainer (e.g. `--grid-pick`), so a change to the trainer
or its options is judged on sessions the model never trained on.

    python3 tools/train_claims/loso.py --engine [--sessions ...] [-- TRAINER ARGS]

`--engine` measures what the product does instead of the trainer's
reproduction of it: the engine is built once (`cargo build --release -p
copydesk_cli`), each left-out model is written to a temporary file and
put in place of the compiled-in one (`COPYDESK_CLAIM_MODEL`, read by the
binary: the same engine, gates and all, with that model), and
`../shared/eval/score.py` scores the claim family on
`tests/corpus/spent/sK` and on sK's real articles (those
`tests/corpus/spent-real/README-sK.md` lists, as the trainer rebuilt them
in `target/claims-export/spent-real`), with shapes, stance and every gate.
One build, then a training run and two scorer runs per session.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "train-claims")
# The team's scorer, ../shared/eval/score.py beside the checkout (or beside
# the folder of worktrees it sits in); COPYDESK_SCORE names another.
SCORE = os.environ.get("COPYDESK_SCORE") or next(
    (p for p in (os.path.join(up, "shared", "eval", "score.py")
                 for up in (os.path.dirname(ROOT), os.path.dirname(os.path.dirname(ROOT))))
     if os.path.exists(p)),
    "../shared/eval/score.py")


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


def real_articles(sk):
    """sK's real articles, as the trainer rebuilt them."""
    with open(os.path.join(ROOT, "tests", "corpus", "spent-real", f"README-{sk}.md")) as f:
        ids = sorted(set(re.findall(r"\b0\d{6}\b", f.read())))
    real = os.path.join(ROOT, "target", "claims-export", "spent-real")
    return [p for p in (os.path.join(real, i + ".md") for i in ids) if os.path.exists(p)]


def claim_row(binary, paths, model):
    """The scorer's claim family on `paths`, the engine reading `model`:
    expected, recalled, findings, false."""
    env = dict(os.environ, COPYDESK_CLAIM_MODEL=model)
    out = subprocess.run([sys.executable, SCORE, "--bin", binary, "--json"] + paths,
                         capture_output=True, text=True, check=True, env=env).stdout
    c = json.loads(out)["families"]["claim"]
    return [c["expected"], c["recalled"], c["findings"], c["fp"]]


def prf(c):
    p = (c[2] - c[3]) / c[2] if c[2] else 0.0
    r = c[1] / c[0] if c[0] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def engine(sessions, extra):
    """Each left-out model read by the engine in place of the compiled-in
    one, scored by score.py."""
    print("left out | drafts P / R / F1 (false) | real articles P / R / F1 (false)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["cargo", "build", "--release", "-p", "copydesk_cli"],
                       cwd=ROOT, capture_output=True, check=True)
        binary = os.path.join(tmp, "copydesk")
        shutil.copy(os.path.join(ROOT, "target", "release", "copydesk"), binary)
        for sk in sessions:
            model = os.path.join(tmp, sk + ".bin")
            subprocess.run([BIN, "--skip-test", "--leave-out", sk, "--out", model,
                            "--ratchet", os.path.join(tmp, sk + ".tsv")] + extra,
                           capture_output=True, text=True, check=True)
            d = claim_row(binary, [os.path.join(ROOT, "tests", "corpus", "spent", sk)], model)
            r = claim_row(binary, real_articles(sk), model)
            rows.append((d, r))
            print(f"{sk} | {'{:.3f} / {:.3f} / {:.3f}'.format(*prf(d))} ({d[3]})"
                  f" | {'{:.3f} / {:.3f} / {:.3f}'.format(*prf(r))} ({r[3]})", flush=True)
    for name in ("mean", "pooled"):
        cells = []
        for part in (0, 1):
            if name == "mean":
                m = [sum(prf(row[part])[i] for row in rows) / len(rows) for i in range(3)]
            else:
                m = list(prf([sum(row[part][i] for row in rows) for i in range(4)]))
            cells.append(f"{m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f} ({sum(row[part][3] for row in rows)})")
        print(f"{name} | {cells[0]} | {cells[1]}")


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    sessions = ["s12", "s13", "s14", "s15", "s16"]
    use_engine = "--engine" in argv
    argv = [a for a in argv if a != "--engine"]
    if argv[:1] == ["--sessions"]:
        sessions = argv[1].split(",")
    if use_engine:
        engine(sessions, extra)
        return
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
