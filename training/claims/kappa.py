#!/usr/bin/env python3
"""Agreement between the first labels and an independent second labelling.

Reads double/sample.tsv (the 300 sampled references), the first labeller's
labels in labels/*.tsv and the second labeller's double/second.tsv
(columns: id, label[, flag]; label C, S or N). Prints Cohen's kappa for the
three labels and for the product's decision (C vs not C), the confusion
matrix, and the same figures without rows either labeller flagged `?`.

    kappa.py                  uses double/second.tsv
    kappa.py OTHER.tsv        compare against another second labelling
"""
import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import claimdata as cd

LABELS = "CSN"


def kappa(pairs, labels):
    n = len(pairs)
    if not n:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[l] * cb[l] for l in labels) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def matrix(pairs, labels, title):
    print(f"\n{title}  (rows: first labeller, columns: second)")
    print("      " + "".join(f"{l:>6}" for l in labels) + "   total")
    c = Counter(pairs)
    for a in labels:
        print(f"{a:>6}" + "".join(f"{c[(a, b)]:>6}" for b in labels)
              + f"{sum(c[(a, b)] for b in labels):>8}")
    print("total " + "".join(f"{sum(c[(a, b)] for a in labels):>6}" for b in labels))


def main():
    second_path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "double" / "second.tsv"
    if not second_path.exists():
        sys.exit(f"{second_path} does not exist yet: the second labeller writes it "
                 "(double/show.py --template gives a blank one)")
    sample = {r["id"]: r for r in cd.read_tsv(HERE / "double" / "sample.tsv")}
    first = {}
    for src in ("semeval", "draft"):
        for r in cd.read_tsv(cd.LABELS / f"{src}.tsv"):
            first[(src, r["doc"], r["start"], r["end"])] = r
    second = {}
    with open(second_path, encoding="utf-8") as f:
        for r in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t"):
            lab = (r.get("label") or "").strip().upper()
            if lab:
                second[r["id"].strip()] = (lab, (r.get("flag") or "").strip())
    pairs, sure, missing, by_source = [], [], [], []
    for sid, s in sample.items():
        key = (s["source"], s["doc"], s["start"], s["end"])
        if key not in first or sid not in second:
            missing.append(sid)
            continue
        a, (b, fb) = first[key]["label"], second[sid]
        if b not in LABELS:
            sys.exit(f"{sid}: bad label {b!r}")
        pairs.append((a, b))
        by_source.append((s["source"], a, b))
        if not first[key]["flag"] and not fb:
            sure.append((a, b))
    print(f"{len(pairs)} of {len(sample)} sampled sentences labelled by both"
          + (f" ({len(missing)} missing: {' '.join(missing[:10])}{' …' if len(missing) > 10 else ''})"
             if missing else ""))
    binary = [("C" if a == "C" else "-", "C" if b == "C" else "-") for a, b in pairs]
    print(f"agreement {sum(a == b for a, b in pairs) / max(len(pairs), 1):.3f}")
    print(f"Cohen's kappa, C/S/N:       {kappa(pairs, LABELS):.3f}")
    print(f"Cohen's kappa, C vs not-C:  {kappa(binary, 'C-'):.3f}")
    print(f"Cohen's kappa, C/S/N without rows flagged '?' by either ({len(sure)}): "
          f"{kappa(sure, LABELS):.3f}")
    for src in ("semeval", "draft"):
        sub = [(a, b) for (s_, a, b) in by_source if s_ == src]
        if sub:
            print(f"  {src}: n={len(sub)}, kappa C/S/N {kappa(sub, LABELS):.3f}")
    matrix(pairs, LABELS, "C/S/N")
    matrix(binary, "C-", "C vs not-C")


if __name__ == "__main__":
    main()
