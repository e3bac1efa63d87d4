#!/usr/bin/env python3
"""Label counts per source, split and genre, as Markdown tables (for README.md).

Genre: drafts from draft_genres.tsv; SemEval articles by the task's
hyperpartisan flag (articles.txt), as `semeval-hyperpartisan` or
`semeval-mainstream`.
"""
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claimdata as cd


def main():
    split = cd.read_split()
    genre = {("draft", r["doc"]): r["genre"] for r in
             csv.DictReader(open(cd.HERE / "draft_genres.tsv"), delimiter="\t")}
    for l in cd.ARTICLES_FILE.read_text().splitlines():
        if l and not l.startswith("#"):
            f = l.split("\t")
            genre[("semeval", f[0])] = "semeval-" + ("hyperpartisan" if f[2] == "true" else "mainstream")
    rows = [r for s in ("semeval", "draft") for r in cd.read_tsv(cd.LABELS / f"{s}.tsv")]
    by = Counter()
    docs = {}
    for r in rows:
        k = (r["source"], r["doc"])
        sp = split[k]
        for key in ((r["source"], sp), ("all", sp), (r["source"], "all"), ("all", "all")):
            by[key + (r["label"],)] += 1
        by[("genre", genre[k], r["label"])] += 1
        by[("flag", r["source"], r["label"])] += bool(r["flag"])
        docs.setdefault(("genre", genre[k]), set()).add(k)
        for key in ((r["source"], sp), ("all", sp), (r["source"], "all"), ("all", "all")):
            docs.setdefault(key, set()).add(k)
    print("| source | split | docs | C | S | N | total |\n|---|---|---|---|---|---|---|")
    for src in ("semeval", "draft", "all"):
        for sp in ("train", "dev", "test", "all"):
            c = [by[(src, sp, l)] for l in "CSN"]
            print(f"| {src} | {sp} | {len(docs.get((src, sp), ()))} | {c[0]} | {c[1]} | {c[2]} | {sum(c)} |")
    print("\n| genre | docs | C | S | N | total |\n|---|---|---|---|---|---|")
    for g in sorted({k[1] for k in docs if k[0] == "genre"}):
        c = [by[("genre", g, l)] for l in "CSN"]
        print(f"| {g} | {len(docs[('genre', g)])} | {c[0]} | {c[1]} | {c[2]} | {sum(c)} |")
    print("\nRows flagged `?` (debatable):",
          ", ".join(f"{s} {l} {by[('flag', s, l)]}" for s in ("semeval", "draft") for l in "CSN"))


if __name__ == "__main__":
    main()
