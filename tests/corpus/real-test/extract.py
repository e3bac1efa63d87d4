#!/usr/bin/env python3
"""One-off: turn hand-marked copies of the articles into labels.tsv.

    extract.py MARKED_DIR [--clean CLEAN_DIR] [--out labels.tsv]

MARKED_DIR holds <id>.md files: the clean Markdown that the SemEval data's
to_markdown.py writes, with passages marked inline as ⟦FAMILY|passage⟧,
⟦?FAMILY|passage⟧ or ⟦A,B|passage⟧ (see ../../../../shared/corpus/README.md,
i.e. /work/shared/corpus/README.md). The marks are parsed exactly as
shared/eval/score.py parses them. For each mark one row is written:

    id  start  end  mark  sha1

start/end are UTF-8 byte offsets into the clean text (marks removed), mark is
the mark head verbatim (`claim`, `?quote`, `claim,promo`), and sha1 is the
hex SHA-1 of the passage's bytes. With --clean, the clean text of every marked
file must equal CLEAN_DIR/<id>.md byte for byte (the check that labelling
changed nothing but the marks). Articles without any marks still matter (they
are scored for false alarms), so every id is listed in ids.txt as well.

How it was used on 2026-12-02: the articles were written with
`python3 <shared>/data/semeval2019-hyperpartisan/to_markdown.py /tmp/articles`,
copied to /tmp/realtest7-work/, marked by hand there, and then

    python3 tests/corpus/real-test/extract.py /tmp/realtest7-work --clean /tmp/articles

wrote labels.tsv and ids.txt beside this script. To relabel, materialize the
split (materialize.py OUT_DIR), edit the marks in OUT_DIR, and run this again
with --clean pointing at an unmarked to_markdown.py output.

This script is kept for the record; the labels themselves live in labels.tsv
and the article text is never stored in the repository.
"""
import argparse
import hashlib
import sys
from pathlib import Path

OPEN, SEP, CLOSE = "⟦", "|", "⟧"
FAMILIES = ("claim", "quote", "promo")


def parse(marked: str):
    """(clean_text, [(start_byte, end_byte, head)]) — same grammar as score.py."""
    out, spans, i, pos = [], [], 0, 0
    while i < len(marked):
        j = marked.find(OPEN, i)
        if j < 0:
            out.append(marked[i:])
            break
        out.append(marked[i:j])
        pos += len(marked[i:j].encode())
        k = marked.find(SEP, j)
        e = marked.find(CLOSE, k)
        if k < 0 or e < 0:
            raise ValueError(f"unclosed mark at char {j}")
        head, body = marked[j + 1:k], marked[k + 1:e]
        if OPEN in body:
            raise ValueError(f"nested mark at char {j}")
        for f in head.lstrip("?").split(","):
            if f.strip() not in FAMILIES:
                raise ValueError(f"unknown family {f!r} at char {j}")
        if not body.strip():
            raise ValueError(f"empty mark at char {j}")
        n = len(body.encode())
        spans.append((pos, pos + n, head))
        out.append(body)
        pos += n
        i = e + 1
    return "".join(out), spans


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("marked", type=Path)
    ap.add_argument("--clean", type=Path, help="folder of the unmarked articles to compare against")
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("labels.tsv"))
    ap.add_argument("--ids-out", type=Path, default=Path(__file__).with_name("ids.txt"))
    a = ap.parse_args()
    files = sorted(a.marked.glob("*.md"))
    if not files:
        sys.exit(f"no .md files in {a.marked}")
    rows, ids = [], []
    for f in files:
        aid = f.stem
        clean, spans = parse(f.read_text(encoding="utf-8"))
        if a.clean is not None:
            ref = (a.clean / f.name).read_bytes()
            if ref != clean.encode():
                sys.exit(f"{f}: text differs from {a.clean / f.name} once the marks are removed")
        b = clean.encode()
        ids.append(aid)
        for s, e, head in spans:
            rows.append((aid, s, e, head, hashlib.sha1(b[s:e]).hexdigest()))
    with a.out.open("w", encoding="utf-8", newline="\n") as o:
        o.write("id\tstart\tend\tmark\tsha1\n")
        for r in rows:
            o.write("\t".join(map(str, r)) + "\n")
    a.ids_out.write_text("".join(i + "\n" for i in ids), encoding="utf-8")
    print(f"{len(rows)} marks in {len(ids)} articles -> {a.out}")


if __name__ == "__main__":
    main()
