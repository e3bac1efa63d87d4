"""Shared code for the claim training set: sources, sentence splitter, TSV I/O.

Stdlib only. Every span is a pair of UTF-8 byte offsets [start, end) into a
Markdown file:
  * source `semeval`: the file `<article_id>.md` that
    ../shared/data/semeval2019-hyperpartisan/to_markdown.py writes (the exact
    text copydesk checks);
  * source `draft`: training/claims/drafts/<doc>.md in this repository.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels"
DRAFTS = HERE / "drafts"
SPLIT_FILE = HERE / "split.tsv"
ARTICLES_FILE = HERE / "articles.txt"


def _find_semeval() -> Path:
    env = os.environ.get("SEMEVAL_DIR")
    cands = [Path(env)] if env else []
    # worktree layouts: /work/<wt>/... and /work/wt/<wt>/...; data lives in /work/shared/data
    for up in HERE.parents:
        cands.append(up / "shared" / "data" / "semeval2019-hyperpartisan")
        cands.append(up / "data" / "semeval2019-hyperpartisan")
    for c in cands:
        if (c / "to_markdown.py").exists():
            return c
    sys.exit("cannot find semeval2019-hyperpartisan/to_markdown.py; set SEMEVAL_DIR")


_MD_CACHE: dict[str, bytes] = {}
_MD_DIR: Path | None = None


def semeval_dir() -> Path:
    return _find_semeval()


def _render_all() -> Path:
    """Run to_markdown.py once into a temp dir (kept for the process' life)."""
    global _MD_DIR
    if _MD_DIR is None:
        d = Path(tempfile.mkdtemp(prefix="claims-md-"))
        subprocess.run([sys.executable, str(_find_semeval() / "to_markdown.py"), str(d)],
                       check=True, stdout=subprocess.DEVNULL)
        _MD_DIR = d
    return _MD_DIR


def doc_bytes(source: str, doc: str) -> bytes:
    key = f"{source}:{doc}"
    if key not in _MD_CACHE:
        if source == "semeval":
            p = _render_all() / f"{doc}.md"
        elif source == "draft":
            p = DRAFTS / f"{doc}.md"
        else:
            raise ValueError(source)
        _MD_CACHE[key] = p.read_bytes()
    return _MD_CACHE[key]


def short_hash(b: bytes) -> str:
    return hashlib.sha1(b).hexdigest()[:10]


# ---------------------------------------------------------------- splitter
#
# Rules (applied to the Markdown file as bytes, decoded as UTF-8):
#  1. Blocks are separated by blank lines. Inside a block, each line that
#     starts a list item (`- `, `* `, `1. `) or a heading (`#`) starts a new
#     unit; other line breaks are treated as spaces.
#  2. A heading line (`# …`) is one unit of kind `heading`. A unit made only of
#     Markdown links/URLs and punctuation is kind `link`. Everything else is
#     kind `text` and is split into sentences.
#  3. Sentence boundary: after `.`, `!` or `?` (plus any closing quotes,
#     brackets, `*`), when followed by whitespace and then an uppercase letter,
#     a digit, an opening quote/bracket, `*`, `[` or `—`. Not a boundary:
#     inside a Markdown link `[...](...)`; after a known abbreviation
#     (Mr. Dr. U.S. Jan. Gov. Inc. …) or a single capital initial (`J. Smith`).
#  4. Spans exclude surrounding whitespace.

ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "gov", "sen", "rep", "gen",
    "lt", "col", "sgt", "capt", "cpt", "maj", "adm", "rev", "hon", "pres", "atty",
    "inc", "corp", "co", "ltd", "llc", "vs", "v", "no", "nos", "vol", "fig", "ft",
    "mt", "ave", "blvd", "rd", "dept", "univ", "est", "approx", "e.g", "i.e", "etc",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "ph.d", "u.s.a", "calif", "fla",
    "mass", "conn", "ariz", "wash", "penn", "pa", "n.y", "n.j", "op", "al", "pp",
}
BLOCK_RE = r"[^\n](?:[^\n]|\n(?![ \t]*\n))*"
_OPEN = "\"'“‘([*_—–-"
_CLOSE = "\"'”’)]*_"


def _link_mask(s: str) -> list[bool]:
    """True for characters inside a Markdown link [text](url) or a bare URL."""
    mask = [False] * len(s)
    for m in re.finditer(r"\[[^\]\n]*\]\([^)\s]*\)|https?://\S+", s):
        for i in range(m.start(), m.end()):
            mask[i] = True
    return mask


def _split_text(s: str) -> list[tuple[int, int]]:
    """Split a unit into sentences; returns char spans within s."""
    mask = _link_mask(s)
    out = []
    start = 0
    i = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if ch in ".!?" and not mask[i]:
            j = i + 1
            while j < n and (s[j] in ".!?" or s[j] in _CLOSE):
                j += 1
            if j < n and s[j].isspace():
                k = j
                while k < n and s[k].isspace():
                    k += 1
                if k < n and (s[k].isupper() or s[k].isdigit() or s[k] in _OPEN or s[k] == "["):
                    if ch == "." and _is_abbrev(s, i):
                        i += 1
                        continue
                    out.append((start, j))
                    start = k
                    i = k
                    continue
        i += 1
    if start < n:
        out.append((start, n))
    return [(a, b) for a, b in ((a, _rstrip(s, a, b)) for a, b in out) if b > a]


def _rstrip(s, a, b):
    while b > a and s[b - 1].isspace():
        b -= 1
    return b


def _is_abbrev(s: str, dot: int) -> bool:
    k = dot
    while k > 0 and (s[k - 1].isalpha() or s[k - 1] == "."):
        k -= 1
    word = s[k:dot]
    w = word.lower()
    if w in ABBREV:
        return True
    if len(word) == 1 and word.isupper():  # initial: J. Smith
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # U.S, e.g, a.m
        return True
    return False


def units(text: str):
    """Yield (kind, char_start, char_end) for each unit of a Markdown text."""
    # blocks separated by blank lines
    pos = 0
    for m in re.finditer(BLOCK_RE, text):
        block = m.group(0)
        base = m.start()
        # cut the block at lines that start list items or headings
        cuts = [0]
        for lm in re.finditer(r"\n(?=[ \t]*(?:[-*+] |\d+[.)] |#))", block):
            cuts.append(lm.end())
        cuts.append(len(block))
        for a, b in zip(cuts, cuts[1:]):
            seg = block[a:b]
            la = len(seg) - len(seg.lstrip())
            lb = len(seg.rstrip())
            if lb <= la:
                continue
            s0, s1 = base + a + la, base + a + lb
            piece = text[s0:s1]
            if piece.startswith("#"):
                yield ("heading", s0, s1)
            elif _is_link_only(piece):
                yield ("link", s0, s1)
            else:
                for x, y in _split_text(piece):
                    yield ("text", s0 + x, s0 + y)


def _is_link_only(piece: str) -> bool:
    rest = re.sub(r"\[[^\]\n]*\]\([^)\s]*\)|https?://\S+", "", piece)
    had_link = rest != piece
    return had_link and not re.search(r"[A-Za-z]{2,}", rest)


def sentences(source: str, doc: str):
    """List of dicts: source, doc, start, end (byte offsets), sha, kind, text, para."""
    raw = doc_bytes(source, doc)
    text = raw.decode("utf-8")
    # char -> byte offset table
    boff = [0] * (len(text) + 1)
    acc = 0
    for i, ch in enumerate(text):
        boff[i] = acc
        acc += len(ch.encode("utf-8"))
    boff[len(text)] = acc
    para_of = _para_index(text)
    out = []
    for kind, a, b in units(text):
        bs, be = boff[a], boff[b]
        out.append(dict(source=source, doc=doc, start=bs, end=be,
                        sha=short_hash(raw[bs:be]), kind=kind,
                        text=text[a:b], para=para_of(a)))
    return out


def _para_index(text):
    starts = [m.start() for m in re.finditer(BLOCK_RE, text)]
    import bisect
    return lambda c: bisect.bisect_right(starts, c) - 1


def paragraphs(source: str, doc: str) -> list[str]:
    text = doc_bytes(source, doc).decode("utf-8")
    return [m.group(0) for m in re.finditer(BLOCK_RE, text)]


# ---------------------------------------------------------------- TSV
COLS = ["source", "doc", "start", "end", "sha", "label", "flag"]


def read_tsv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t"))
    for r in rows:
        r["start"], r["end"] = int(r["start"]), int(r["end"])
    return rows


def write_tsv(path: Path, rows: list[dict], cols=COLS, header_comment: str = ""):
    with open(path, "w", newline="", encoding="utf-8") as f:
        if header_comment:
            for line in header_comment.strip().splitlines():
                f.write("# " + line + "\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])


def read_split() -> dict[tuple[str, str], str]:
    out = {}
    if SPLIT_FILE.exists():
        for r in csv.DictReader(open(SPLIT_FILE, encoding="utf-8"), delimiter="\t"):
            out[(r["source"], r["doc"])] = r["split"]
    return out


def selected_articles() -> list[str]:
    return [l.split()[0] for l in ARTICLES_FILE.read_text().splitlines()
            if l.strip() and not l.startswith("#")]


def draft_docs() -> list[str]:
    return sorted(p.stem for p in DRAFTS.glob("*.md"))
