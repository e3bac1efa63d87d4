#!/usr/bin/env python3
"""Choose the SemEval articles to label and assign every document a split.

Seeded and reproducible:
  * articles: shuffle all 645 ids with random.Random(SEED); walk the shuffled
    list and take whole articles until the running sentence count reaches
    TARGET. Articles with more than MAX_SENT sentences are skipped (one
    5,000-word piece would otherwise eat a tenth of the budget) and so are
    articles with fewer than MIN_SENT (empty/stub bodies). The random walk
    gives the length and topic mix of the corpus; hyperpartisan and
    mainstream articles both appear in proportion.
  * splits: documents of each source are shuffled with their own seeded RNG
    and cut 70/15/15 (train/dev/test) by document, never by sentence.

    select_articles.py articles   -> writes articles.txt
    select_articles.py split      -> writes split.tsv (articles + drafts present)
"""
import random
import sys
import xml.etree.ElementTree as ET

import claimdata as cd

SEED = 20261202
TARGET = 2000
MAX_SENT = 90
MIN_SENT = 3


def gt():
    root = ET.parse(cd.semeval_dir() / "ground-truth-training-byarticle-20181122.xml").getroot()
    return {a.get("id"): a.attrib for a in root}


def articles():
    meta = gt()
    ids = sorted(meta)
    random.Random(SEED).shuffle(ids)
    chosen, total = [], 0
    for i in ids:
        n = sum(1 for s in cd.sentences("semeval", i))
        if n > MAX_SENT or n < MIN_SENT:
            continue
        chosen.append((i, n))
        total += n
        if total >= TARGET:
            break
    with open(cd.ARTICLES_FILE, "w") as f:
        f.write(f"# chosen by select_articles.py (seed {SEED}, target {TARGET} sentences)\n")
        f.write("# id\tsentences\thyperpartisan\turl\n")
        for i, n in chosen:
            f.write(f"{i}\t{n}\t{meta[i]['hyperpartisan']}\t{meta[i].get('url','')}\n")
    print(len(chosen), "articles,", total, "sentences")


def split():
    rows = []
    for source, docs, seed in (("semeval", cd.selected_articles(), SEED),
                               ("draft", cd.draft_docs(), SEED + 1)):
        docs = sorted(docs)
        random.Random(seed).shuffle(docs)
        n = len(docs)
        ntr, ndv = round(n * 0.70), round(n * 0.15)
        for k, d in enumerate(docs):
            sp = "train" if k < ntr else "dev" if k < ntr + ndv else "test"
            rows.append(dict(source=source, doc=d, split=sp))
    rows.sort(key=lambda r: (r["source"], r["doc"]))
    cd.write_tsv(cd.SPLIT_FILE, rows, cols=["source", "doc", "split"])
    from collections import Counter
    print(Counter((r["source"], r["split"]) for r in rows))


if __name__ == "__main__":
    {"articles": articles, "split": split}[sys.argv[1]]()
