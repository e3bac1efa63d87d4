#!/usr/bin/env python3
"""Draw the double-labelling sample (seeded), balanced over documents.

Only prose sentences (kind `text`) are eligible: headings and link-only lines
are N by rule and would only inflate agreement.

    make_sample.py semeval 200   draw 200 from the selected SemEval articles
    make_sample.py draft 100     append 100 from the team's drafts

Balance: documents are visited in a seeded random order, round-robin, taking
one not-yet-drawn sentence (in a seeded random order) from each document per
round, so every document contributes about the same number of sentences.
The SemEval part was drawn and committed before any labelling; the draft part
is appended once the drafts exist. Existing rows are never redrawn.
"""
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import claimdata as cd

SEED = 16002
OUT = Path(__file__).resolve().parent / "sample.tsv"
COLS = ["id", "source", "doc", "start", "end", "sha"]


def main(source, n):
    rows = cd.read_tsv(OUT) if OUT.exists() else []
    if any(r["source"] == source for r in rows):
        sys.exit(f"{source} part already drawn")
    docs = sorted(cd.selected_articles() if source == "semeval" else cd.draft_docs())
    rng = random.Random(f"{SEED}:{source}")
    rng.shuffle(docs)
    pools = {}
    for d in docs:
        ss = [s for s in cd.sentences(source, d) if s["kind"] == "text"]
        rng.shuffle(ss)
        pools[d] = ss
    drawn = []
    while len(drawn) < n and any(pools.values()):
        for d in docs:
            if pools[d] and len(drawn) < n:
                drawn.append(pools[d].pop())
    drawn.sort(key=lambda s: (s["doc"], s["start"]))
    base = len(rows)
    for k, s in enumerate(drawn):
        rows.append(dict(id=f"{'A' if source=='semeval' else 'D'}{k+1:03d}", source=source,
                         doc=s["doc"], start=s["start"], end=s["end"], sha=s["sha"]))
    cd.write_tsv(OUT, rows, cols=COLS)
    print(len(drawn), "drawn from", len({s['doc'] for s in drawn}), "docs;", len(rows), "in sample")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
