#!/usr/bin/env python3
"""Rebuild the labelled test articles from the SemEval data and labels.tsv.

    materialize.py OUT_DIR

Runs the SemEval-2019 Task 4 data's to_markdown.py (in
<shared>/data/semeval2019-hyperpartisan/) into a temporary folder, checks the
SHA-1 of every labelled passage, and writes OUT_DIR/<id>.md for every id in
ids.txt with the marks inserted, ready for

    python3 ../shared/eval/score.py --bin target/release/copydesk OUT_DIR

<shared> is $COPYDESK_SHARED if set, else the `shared` folder beside the
repository (../shared from the repository root; from a git worktree, the one
beside the main checkout). Exits non-zero with a clear
message if the data is missing or a passage's hash differs.
"""
import csv
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]  # tests/corpus/real-test -> repository root


def shared_dir() -> Path:
    """$COPYDESK_SHARED, else ../shared beside the repository; from a git
    worktree checked out elsewhere, ../shared beside the main checkout."""
    env = os.environ.get("COPYDESK_SHARED")
    if env:
        return Path(env)
    cands = [REPO.parent / "shared"]
    try:
        common = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--git-common-dir"],
                                capture_output=True, text=True, check=True).stdout.strip()
        cands.append((REPO / common).resolve().parent.parent / "shared")
    except (OSError, subprocess.CalledProcessError):
        pass
    for c in cands:
        if (c / "data" / "semeval2019-hyperpartisan").is_dir():
            return c
    return cands[0]


def die(msg: str):
    sys.exit(f"materialize: {msg}")


def main():
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    data = shared_dir() / "data" / "semeval2019-hyperpartisan"
    conv = data / "to_markdown.py"
    if not conv.is_file():
        die(f"{conv} not found; set COPYDESK_SHARED to the shared folder "
            f"(the one holding data/semeval2019-hyperpartisan)")
    ids = [l.strip() for l in (HERE / "ids.txt").read_text().splitlines() if l.strip()]
    labels = {}
    with (HERE / "labels.tsv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            labels.setdefault(r["id"], []).append((int(r["start"]), int(r["end"]), r["mark"], r["sha1"]))
    unknown = set(labels) - set(ids)
    if unknown:
        die(f"labels.tsv names ids missing from ids.txt: {sorted(unknown)}")

    with tempfile.TemporaryDirectory(prefix="realtest-") as tmp:
        p = subprocess.run([sys.executable, str(conv), tmp, "--ids", ",".join(ids)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            die(f"to_markdown.py failed ({p.returncode}): {p.stderr.strip()[:1000]}")
        bad, n, docs = [], 0, {}
        for aid in ids:
            src = Path(tmp) / f"{aid}.md"
            if not src.is_file():
                die(f"article {aid} is not in the SemEval data at {data}")
            b = src.read_bytes()
            spans = sorted(labels.get(aid, []))
            pieces, pos = [], 0
            for s, e, mark, sha in spans:
                if s < pos or e > len(b) or s >= e:
                    die(f"{aid}: bad or overlapping span {s}-{e}")
                got = hashlib.sha1(b[s:e]).hexdigest()
                if got != sha:
                    bad.append(f"{aid} {s}-{e} {mark}: sha1 {got} != {sha}")
                    continue
                try:
                    passage = b[s:e].decode("utf-8")
                except UnicodeDecodeError:
                    die(f"{aid}: span {s}-{e} does not fall on character boundaries")
                pieces.append(b[pos:s])
                pieces.append(f"⟦{mark}|{passage}⟧".encode())
                pos = e
                n += 1
            pieces.append(b[pos:])
            docs[aid] = b"".join(pieces)
        if bad:
            die("the source text changed under these labels (nothing written):\n  "
                + "\n  ".join(bad))
    out.mkdir(parents=True, exist_ok=True)
    for aid, doc in docs.items():
        (out / f"{aid}.md").write_bytes(doc)
    print(f"{len(ids)} articles, {n} marks written to {out}")


if __name__ == "__main__":
    main()
