#!/usr/bin/env python3
"""The labeller's tool: read a document sentence by sentence, then record labels.

    label.py show SOURCE DOC          print the whole document, paragraph by
                                      paragraph, every sentence numbered
    label.py set SOURCE DOC LABELS    record one label per sentence, in order:
                                      N, C or S; lower case (n, c, s) marks a
                                      debatable call (flag `?`). Spaces ignored.
    label.py todo SOURCE              documents with no labels yet
    label.py stats                    counts per source/split/label

SOURCE is `semeval` or `draft`. Rows go to labels/<source>.tsv.
"""
import sys
from collections import Counter

import claimdata as cd


def path(source):
    return cd.LABELS / f"{source}.tsv"


def show(source, doc):
    ss = cd.sentences(source, doc)
    para = -1
    for k, s in enumerate(ss):
        if s["para"] != para:
            para = s["para"]
            print()
        print(f"[{k}]{'' if s['kind']=='text' else '('+s['kind']+')'} {s['text']}")


def set_(source, doc, labels):
    labs = "".join(labels).replace(" ", "")
    ss = cd.sentences(source, doc)
    if len(labs) != len(ss):
        sys.exit(f"{doc}: {len(ss)} sentences, {len(labs)} labels")
    if set(labs) - set("NCSncs"):
        sys.exit(f"bad label chars {set(labs) - set('NCSncs')}")
    rows = [r for r in cd.read_tsv(path(source)) if r["doc"] != doc]
    for s, l in zip(ss, labs):
        rows.append(dict(source=source, doc=doc, start=s["start"], end=s["end"],
                         sha=s["sha"], label=l.upper(), flag="?" if l.islower() else ""))
    rows.sort(key=lambda r: (r["doc"], r["start"]))
    cd.write_tsv(path(source), rows)
    print(doc, Counter(l.upper() for l in labs))


def todo(source):
    done = {r["doc"] for r in cd.read_tsv(path(source))}
    docs = cd.selected_articles() if source == "semeval" else cd.draft_docs()
    left = [d for d in docs if d not in done]
    print(len(left), "left:", " ".join(left))


def stats():
    split = cd.read_split()
    for source in ("semeval", "draft"):
        rows = cd.read_tsv(path(source))
        c = Counter((split.get((source, r["doc"]), "?"), r["label"]) for r in rows)
        print(source, len(rows), "rows,", len({r["doc"] for r in rows}), "docs")
        for sp in ("train", "dev", "test", "?"):
            if any(k[0] == sp for k in c):
                print(f"  {sp:5}", {l: c[(sp, l)] for l in "CSN"})


if __name__ == "__main__":
    a = sys.argv[1:]
    {"show": lambda: show(a[1], a[2]), "set": lambda: set_(a[1], a[2], a[3:]),
     "todo": lambda: todo(a[1]), "stats": stats}[a[0]]()
