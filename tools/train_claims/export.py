#!/usr/bin/env python3
"""Materialise the claim training set for `train-claims`.

    export.py OUT_DIR

Writes OUT_DIR/docs/<source>__<doc>.md (the exact Markdown each label's byte
span points into: SemEval articles rendered by to_markdown.py, drafts copied
from training/claims/drafts) and OUT_DIR/units.tsv with one row per labelled
unit: source, doc, start, end, kind, para, label, flag, split.

Every span is checked against the hash recorded beside its label, so a label
that no longer points at the text it was given for stops the export instead of
training on the wrong sentence. Stdlib only; reuses training/claims/claimdata.py
so the labellers' splitter and the trainer's reading cannot drift apart.
"""
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "training" / "claims"))
import claimdata  # noqa: E402


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    (out / "docs").mkdir(parents=True, exist_ok=True)
    split = claimdata.read_split()
    rows = []
    for name in ("semeval.tsv", "draft.tsv"):
        rows += claimdata.read_tsv(claimdata.LABELS / name)
    units: dict[tuple[str, str], dict[tuple[int, int], dict]] = {}
    bad = 0
    written = set()
    for r in rows:
        key = (r["source"], r["doc"])
        raw = claimdata.doc_bytes(*key)
        if key not in written:
            (out / "docs" / f"{key[0]}__{key[1]}.md").write_bytes(raw)
            written.add(key)
            units[key] = {(u["start"], u["end"]): u for u in claimdata.sentences(*key)}
        if claimdata.short_hash(raw[r["start"]:r["end"]]) != r["sha"]:
            print(f"hash mismatch: {key} {r['start']}-{r['end']}", file=sys.stderr)
            bad += 1
            continue
        u = units[key].get((r["start"], r["end"]))
        sp = split.get(key)
        if sp is None:
            print(f"no split for {key}", file=sys.stderr)
            bad += 1
            continue
        r["kind"] = u["kind"] if u else "text"
        r["para"] = u["para"] if u else -1
        r["split"] = sp
    if bad:
        sys.exit(f"{bad} labels do not match their text; not exporting")
    cols = ["source", "doc", "start", "end", "kind", "para", "label", "flag", "split"]
    with open(out / "units.tsv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])
    print(f"{len(rows)} units from {len(written)} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
