#!/usr/bin/env python3
"""Print the double-labelling sample for an independent second labeller.

Shows, for each sampled sentence: its id, the document's title, the previous
paragraph (sources carry over paragraphs), and its own paragraph with the
sentence marked ⟪like this⟫. It never reads or shows the first labeller's
labels (labels/*.tsv).

    show.py                 print all items
    show.py --template      print a blank second.tsv (id, label) to fill in:
                            label is C, S or N (see ../GUIDE.md)

The second labeller writes double/second.tsv with columns `id` and `label`
(optionally `flag` = `?` for a debatable call); kappa.py compares it with the
first labels.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import claimdata as cd

SAMPLE = Path(__file__).resolve().parent / "sample.tsv"


def main():
    rows = cd.read_tsv(SAMPLE)
    if "--template" in sys.argv:
        print("id\tlabel\tflag")
        for r in rows:
            print(f"{r['id']}\t\t")
        return
    bad = 0
    for r in rows:
        raw = cd.doc_bytes(r["source"], r["doc"])
        text = raw.decode("utf-8")
        sent = raw[r["start"]:r["end"]]
        if cd.short_hash(sent) != r["sha"]:
            bad += 1
            print(f"!! {r['id']}: text changed since sampling (hash mismatch)", file=sys.stderr)
        paras = cd.paragraphs(r["source"], r["doc"])
        title = paras[0] if paras else ""
        # locate the paragraph containing the span (by char offset)
        cstart = len(raw[:r["start"]].decode("utf-8"))
        cend = len(raw[:r["end"]].decode("utf-8"))
        pi = cd._para_index(text)(cstart)
        import re
        spans = [m.span() for m in re.finditer(cd.BLOCK_RE, text)]
        ps, pe = spans[pi]
        print("=" * 78)
        print(f"{r['id']}   ({r['source']} {r['doc']})   title: {title.lstrip('# ').strip()}")
        if pi > 1:
            print(f"  [previous paragraph] {paras[pi-1]}")
        print(f"  [paragraph] {text[ps:cstart]}⟪{text[cstart:cend]}⟫{text[cend:pe]}")
    if bad:
        sys.exit(f"{bad} hash mismatches")


if __name__ == "__main__":
    main()
