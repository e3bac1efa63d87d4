#!/usr/bin/env python3
"""The claim family's rule cases read with another claim model, no rebuild.

    python3 tools/train_claims/cases.py MODEL.bin [MODEL.bin ...]

A retrained model moves the outcome of `tests/cases` sentences that sit at
an engine gate reading its score (docs/claims.md §6zd, §6zh), and
`cargo test --test rule_cases` only reads the compiled-in model, so
judging a candidate that way costs a build per model. This reads each
case of `tests/cases/*.md` the way `tests/rule_cases.rs` does (cases split
at `=====`, comment-only cases skipped, marks stripped), writes the clean
drafts to a temporary folder, runs the release CLI once per model with
`COPYDESK_CLAIM_MODEL` set (the binary's measurement hook), and prints the
claim family's failures: a non-debatable `claim` mark no claim finding
overlaps (MISS), or a claim finding that overlaps no mark naming `claim`
or its rule (FALSE). Only the claim family, and not the cases that open
with a configuration (`%%% copydesk.toml`); the test stays the judge.
Build the CLI first (`cargo build --release -p copydesk_cli`).
"""

import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "copydesk")


def parse(marked):
    """The clean draft and its marks: (start, end, names, debatable), byte offsets."""
    clean, marks, rest = "", [], marked
    while "⟦" in rest:
        i = rest.index("⟦")
        clean += rest[:i]
        after = rest[i + 1:]
        sep, close = after.index("|"), after.index("⟧")
        head, body = after[:sep], after[sep + 1:close]
        start = len(clean.encode())
        marks.append((start, start + len(body.encode()),
                      [f.strip() for f in head.lstrip("?").split(",")], head.startswith("?")))
        clean += body
        rest = after[close + 1:]
    return clean + rest, marks


def cases(folder):
    """Write every case as its own draft in `folder`; returns name -> (file, n, clean, marks)."""
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "cases", "*.md"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            chunks = f.read().split("\n=====\n")
        for n, case in enumerate(chunks):
            case = case.strip("\n")
            if not case or all(l.startswith("//") for l in case.split("\n")):
                continue
            if case.startswith("%%% copydesk.toml\n"):
                continue
            clean, marks = parse(case)
            draft = f"{name[:-3]}__{n}.md"
            with open(os.path.join(folder, draft), "w", encoding="utf-8") as f:
                f.write(clean)
            out[draft] = (name, n, clean, marks)
    return out


def failures(model, folder, meta):
    env = dict(os.environ, COPYDESK_CLAIM_MODEL=os.path.abspath(model))
    run = subprocess.run([BIN, "check", "--format", "json", folder],
                         capture_output=True, text=True, env=env, cwd=folder)
    found = {}
    for f in json.loads(run.stdout or "[]"):
        if f["rule"].split(".")[0] == "claim":
            found.setdefault(os.path.basename(f["path"]), []).append(
                (f["start"]["offset"], f["end"]["offset"], f["rule"]))
    out = []
    for draft, (name, n, clean, marks) in sorted(meta.items()):
        got, text = found.get(draft, []), clean.encode()
        for s, e, names, debatable in marks:
            if debatable or not any(x == "claim" or x.startswith("claim.") for x in names):
                continue
            if not any(a < e and s < b for a, b, _ in got):
                out.append(f"{name} case {n}: MISS {text[s:e].decode()!r}")
        for a, b, rule in got:
            if not any(a < e and s < b and any(x in ("claim", rule) for x in names)
                       for s, e, names, _ in marks):
                out.append(f"{name} case {n}: FALSE [{rule}] {text[a:b].decode()!r}")
    return out


def main():
    models = sys.argv[1:]
    if not models:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as folder:
        meta = cases(folder)
        for model in models:
            fails = failures(model, folder, meta)
            print(f"{model}: {len(fails)} claim case failures")
            for line in fails:
                print("  " + line)


if __name__ == "__main__":
    main()
