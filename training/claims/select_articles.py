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

The first call of each is history: re-running `articles` or `split` now
would overwrite the later batches' rows. Later batches append:
  * batch 2 (second session, done by hand): the next 13 articles in the same
    seeded order with 3-40 sentences; split seed 20261217 (9/2/2).
  * batch 3 (`batch3`, `split3`): the same seeded order continued after the
    last article already in articles.txt, skipping ids already chosen and
    the held-out test ids of heldout_ids.txt, keeping articles of
    BATCH3_MIN-BATCH3_MAX sentences until BATCH3_TARGET sentences; its
    articles alone are split 70/15/15 with BATCH3_SPLIT_SEED and appended to
    split.tsv, so no earlier document changes split.

    select_articles.py batch3 [TARGET]  -> appends (or rewrites) the round-3
                                           block of articles.txt
    select_articles.py split3           -> appends split.tsv rows for it
"""
import random
import sys
import xml.etree.ElementTree as ET

import claimdata as cd

SEED = 20261202
TARGET = 2000
MAX_SENT = 90
MIN_SENT = 3

BATCH3_TARGET = 800
BATCH3_MIN, BATCH3_MAX = 3, 60
BATCH3_SPLIT_SEED = 20261218
BATCH3_MARK = "# round 3"
HELDOUT_FILE = cd.HERE / "heldout_ids.txt"


def gt():
    root = ET.parse(cd.semeval_dir() / "ground-truth-training-byarticle-20181122.xml").getroot()
    return {a.get("id"): a.attrib for a in root}


def walk(ids, lo, hi, target):
    """Whole articles of lo..hi sentences, in the given order, until target sentences."""
    chosen, total = [], 0
    for i in ids:
        n = len(cd.sentences("semeval", i))
        if n > hi or n < lo:
            continue
        chosen.append((i, n))
        total += n
        if total >= target:
            break
    return chosen, total


def articles():
    meta = gt()
    ids = sorted(meta)
    random.Random(SEED).shuffle(ids)
    chosen, total = walk(ids, MIN_SENT, MAX_SENT, TARGET)
    with open(cd.ARTICLES_FILE, "w") as f:
        f.write(f"# chosen by select_articles.py (seed {SEED}, target {TARGET} sentences)\n")
        f.write("# id\tsentences\thyperpartisan\turl\n")
        for i, n in chosen:
            f.write(f"{i}\t{n}\t{meta[i]['hyperpartisan']}\t{meta[i].get('url','')}\n")
    print(len(chosen), "articles,", total, "sentences")


def cut(docs, seed):
    """(doc, split) pairs: docs sorted, shuffled with seed, cut 70/15/15."""
    docs = sorted(docs)
    random.Random(seed).shuffle(docs)
    n = len(docs)
    ntr, ndv = round(n * 0.70), round(n * 0.15)
    return [(d, "train" if k < ntr else "dev" if k < ntr + ndv else "test")
            for k, d in enumerate(docs)]


def split():
    rows = []
    for source, docs, seed in (("semeval", cd.selected_articles(), SEED),
                               ("draft", cd.draft_docs(), SEED + 1)):
        for d, sp in cut(docs, seed):
            rows.append(dict(source=source, doc=d, split=sp))
    rows.sort(key=lambda r: (r["source"], r["doc"]))
    cd.write_tsv(cd.SPLIT_FILE, rows, cols=["source", "doc", "split"])
    from collections import Counter
    print(Counter((r["source"], r["split"]) for r in rows))


def heldout():
    """The real-article test ids no batch may take (heldout_ids.txt)."""
    return {l.strip() for l in HELDOUT_FILE.read_text().splitlines()
            if l.strip() and not l.startswith("#")}


def batch(mark, session, lo, hi, target):
    """Append a batch to articles.txt, replacing its block if present: the
    seeded order continued after the last article of the batches before it,
    skipping chosen and held-out ids, articles of lo..hi sentences until
    target sentences."""
    meta = gt()
    ids = sorted(meta)
    random.Random(SEED).shuffle(ids)
    lines = cd.ARTICLES_FILE.read_text().splitlines()
    if any(l.startswith(mark) for l in lines):
        lines = lines[:next(k for k, l in enumerate(lines) if l.startswith(mark))]
    before = {l.split()[0] for l in lines if l.strip() and not l.startswith("#")}
    skip = before | heldout()
    last = max(ids.index(i) for i in before)
    chosen, total = walk([i for i in ids[last + 1:] if i not in skip], lo, hi, target)
    lines.append(f"{mark} (issue 16, {session} session): the same seeded order continued, "
                 f"{lo}-{hi} sentences, held-out test ids skipped, "
                 f"until {target} sentences")
    lines += [f"{i}\t{n}\t{meta[i]['hyperpartisan']}\t{meta[i].get('url','')}" for i, n in chosen]
    cd.ARTICLES_FILE.write_text("\n".join(lines) + "\n")
    print(len(chosen), "articles,", total, "sentences")


def batch_ids(mark):
    """The ids of one batch's block (up to the next `# round` line)."""
    lines = cd.ARTICLES_FILE.read_text().splitlines()
    k = next(k for k, l in enumerate(lines) if l.startswith(mark))
    ids = []
    for l in lines[k + 1:]:
        if l.startswith("# round"):
            break
        if l.strip() and not l.startswith("#"):
            ids.append(l.split()[0])
    return ids


def split_batch(mark, seed):
    """Split one batch 70/15/15 by its own seed; append to split.tsv."""
    have = cd.read_split()
    new = [f"semeval\t{d}\t{sp}\n" for d, sp in cut(batch_ids(mark), seed)
           if ("semeval", d) not in have]
    with open(cd.SPLIT_FILE, "a") as f:
        f.writelines(new)
    from collections import Counter
    print(len(new), "rows appended", Counter(l.split()[2] for l in new))


def batch3(target=BATCH3_TARGET):
    batch(BATCH3_MARK, "third", BATCH3_MIN, BATCH3_MAX, target)


def batch3_ids():
    return batch_ids(BATCH3_MARK)


def split3():
    split_batch(BATCH3_MARK, BATCH3_SPLIT_SEED)


# Batch 4 (issue 16, ninth session): the same walk once more, after the last
# article of batches 1-3, for real writing the model misjudges
# (docs/claims.md §6d). Its own block in articles.txt and its own split seed.
BATCH4_TARGET = 400
BATCH4_MIN, BATCH4_MAX = 3, 40
BATCH4_SPLIT_SEED = 20261219
BATCH4_MARK = "# round 4"


def batch4(target=BATCH4_TARGET):
    batch(BATCH4_MARK, "ninth", BATCH4_MIN, BATCH4_MAX, target)


def split4():
    split_batch(BATCH4_MARK, BATCH4_SPLIT_SEED)


if __name__ == "__main__":
    a = sys.argv[1:]
    {"articles": articles, "split": split, "split3": split3, "split4": split4,
     "batch4": lambda: batch4(int(a[1]) if len(a) > 1 else BATCH4_TARGET),
     "batch3": lambda: batch3(int(a[1]) if len(a) > 1 else BATCH3_TARGET)}[a[0]]()
