#!/usr/bin/env python3
"""Materialise the labelled claim sentences from their references.

The SemEval sentences are not stored in this repository: labels/semeval.tsv
holds (article id, UTF-8 byte span, text hash, label). This script runs
../shared/data/semeval2019-hyperpartisan/to_markdown.py into a temp dir
(set SEMEVAL_DIR to point elsewhere), cuts every span out of the Markdown it
writes, checks the hash, and prints or returns the sentences. Draft spans
index training/claims/drafts/<doc>.md.

    materialize.py                      all rows as TSV on stdout
    materialize.py --split train        one split (train, dev or test)
    materialize.py --source draft       one source (semeval or draft)
    materialize.py --check              verify only: hashes, coverage, splits

Output columns: split, source, doc, start, end, label, flag, kind, text
(text has tabs/newlines replaced by spaces). Exit status 1 on any mismatch.

From Python:  import materialize; rows = materialize.load(split="train")
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claimdata as cd

SOURCES = ("semeval", "draft")


def load(split=None, source=None, strict=True):
    """Labelled rows as dicts with their text; raises on a hash mismatch if strict."""
    splits = cd.read_split()
    out, bad = [], []
    for src in SOURCES:
        if source and src != source:
            continue
        rows = cd.read_tsv(cd.LABELS / f"{src}.tsv")
        kinds = {}
        for r in rows:
            sp = splits.get((src, r["doc"]))
            if split and sp != split:
                continue
            raw = cd.doc_bytes(src, r["doc"])
            b = raw[r["start"]:r["end"]]
            if cd.short_hash(b) != r["sha"]:
                bad.append(f"{src} {r['doc']} {r['start']}-{r['end']}: hash mismatch")
                continue
            if (src, r["doc"]) not in kinds:
                kinds[(src, r["doc"])] = {(s["start"], s["end"]): s["kind"]
                                          for s in cd.sentences(src, r["doc"])}
            out.append(dict(r, split=sp, text=b.decode("utf-8"),
                            kind=kinds[(src, r["doc"])].get((r["start"], r["end"]), "?")))
    if bad and strict:
        raise RuntimeError(f"{len(bad)} hash mismatches, first: {bad[0]}")
    return out


def check():
    """Hashes, splitter coverage (every unit of a labelled doc has a label), splits."""
    problems = 0
    splits = cd.read_split()
    for src in SOURCES:
        rows = cd.read_tsv(cd.LABELS / f"{src}.tsv")
        by_doc = {}
        for r in rows:
            by_doc.setdefault(r["doc"], set()).add((r["start"], r["end"]))
        for doc, spans in by_doc.items():
            units = {(s["start"], s["end"]) for s in cd.sentences(src, doc)}
            if units != spans:
                problems += 1
                print(f"{src} {doc}: labels do not match the splitter "
                      f"({len(spans - units)} stale, {len(units - spans)} unlabelled)")
            if (src, doc) not in splits:
                problems += 1
                print(f"{src} {doc}: no split")
    try:
        rows = load()
    except RuntimeError as e:
        print(e)
        return 1
    print(f"ok: {len(rows)} rows verified" if not problems else f"{problems} problems")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["train", "dev", "test"])
    ap.add_argument("--source", choices=SOURCES)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if a.check:
        sys.exit(check())
    rows = load(a.split, a.source)
    print("split\tsource\tdoc\tstart\tend\tlabel\tflag\tkind\ttext")
    for r in rows:
        t = r["text"].replace("\t", " ").replace("\n", " ")
        print(f"{r['split']}\t{r['source']}\t{r['doc']}\t{r['start']}\t{r['end']}\t"
              f"{r['label']}\t{r['flag']}\t{r['kind']}\t{t}")


if __name__ == "__main__":
    main()
