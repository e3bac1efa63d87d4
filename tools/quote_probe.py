#!/usr/bin/env python3
"""Probe how `quote.unsourced` generalises, away from the fitted drafts.

    python3 tools/quote_probe.py --bin target/release/copydesk DIR... [-v]

Tuning recall says little about drafts nobody tuned on: the engine has been
fitted to them. This probe takes the quotations in the labelled drafts given
(tuning sets only) and puts their words in new surroundings:

- every quotation the drafts leave attributed (unmarked, a full sentence of
  speech) is set out again with its attribution taken away, in the shapes
  missed on blind splits: standing alone after a paragraph that names
  someone who does not speak it, tagged by nobody (`someone`, `a
  neighbour`), a group for a first-person quote, a parenthesis or a dash
  that names no speaker, a block quote after a paragraph with no speaker.
  Each must be FLAGGED.
- every quotation the drafts mark unsourced (`⟦quote|…⟧`) is set out again
  with a proper attribution in several shapes (`said X`, `X said:`, a
  pronoun for a name just given, `according to`, an interrupted quote, a
  colon introduction, a speaker carried from the sentence before, a
  described anonymous source). Each must stay QUIET.

Each probe is a small draft of its own, between neutral paragraphs; the
rate per shape is printed. `-v` lists the failures.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, "/work/shared/eval")
HERE = Path(__file__).resolve().parent
try:
    from score import parse  # type: ignore
except ImportError:  # pragma: no cover
    sys.exit("needs ../shared/eval/score.py for its parser")

QUOTE_RE = re.compile(r"“([^“”\n]{12,500})”|(?<![\w\d])\"([^\"\n]{12,500})\"")
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|[Mm]y|[Mm]e|[Mm]yself|I'd|I’d)\b")

LEAD = "The council met on Tuesday night in the old library on Front Street."
TAIL = "The meeting ended shortly after ten, and the next one is set for May."


def words(s):
    return re.findall(r"[\w’']+", s)


def utterance(inner):
    """A full sentence of speech: five words or more, opening with a capital."""
    t = inner.strip()
    return len(words(t)) >= 5 and t[:1].isupper() and not t.startswith("http")


def clean_inner(inner):
    t = inner.strip().replace("“", "‘").replace("”", "’").replace('"', "’")
    return t


def as_tagged(inner):
    """The words with the comma a tag after them wants (`“…,” she said`)."""
    t = inner.rstrip()
    if t.endswith((",", ".")):
        return t[:-1] + ","
    if t.endswith(("?", "!", "…")):
        return t
    return t + ","


def as_sentence(inner):
    t = inner.rstrip()
    if t.endswith((".", "?", "!", "…")):
        return t
    return t.rstrip(",;:") + "."


def split_half(inner):
    """An interrupted quotation's two halves, at a sentence end or a comma."""
    m = re.search(r"[.,;]\s+(?=[A-Za-z])", inner)
    if not m or m.start() < 10 or len(inner) - m.end() < 10:
        return None
    first = inner[: m.start()] + ","
    second = inner[m.end():]
    if inner[m.start()] == ".":
        return first, second
    return first, second[:1].lower() + second[1:] if second[:1] != "I" else second


# Shapes that must be flagged: (name, builder, needs first person).
def unsourced_shapes(inner, first_person):
    q = f"“{as_sentence(inner)}”"
    tag = f"“{as_tagged(inner)}”"
    shapes = [
        ("alone", q),
        ("after-absent-name", f"Mayor Ana Ruiz did not attend the meeting.\n\n{q}"),
        ("after-object-name", f"The board thanked Ana Ruiz for her years on the budget committee.\n\n{q}"),
        ("after-none", f"None of the trustees spoke at the meeting.\n\n{q}"),
        ("after-banners", f"Parents carried banners and waited outside the hall.\n\n{q}"),
        ("after-no-speech-verb", f"The board will mail every resident a copy of the plan.\n\n{q}"),
        ("same-para-no-speaker", f"The vote was 5 to 2. {q}"),
        ("after-no-comment", f"Ruiz did not respond to a request for comment.\n\n{q}"),
        ("after-declined", f"Ana Ruiz declined to comment on Tuesday.\n\n{q}"),
        ("after-unavailable", f"Ruiz was not available for comment.\n\n{q}"),
        ("after-critics-say", f"Critics say the plan came too late.\n\n{q}"),
        ("after-some-residents-say", f"Some residents say the plan came too late.\n\n{q}"),
        ("after-who-clause", f"Ruiz has been criticized by neighbours who say the plan came too late.\n\n{q}"),
        ("after-accused", f"In a letter last week, Ruiz was accused of hiding the costs.\n\n{q}"),
        ("after-said-nothing", f"Asked about the plan, Ruiz said nothing.\n\n{q}"),
        ("after-told-no-one", f"Ruiz told no one about the plan.\n\n{q}"),
        ("after-object-of-speech", f"The residents blamed Ana Ruiz for the delay.\n\n{q}"),
        ("someone", f"{tag} someone shouted from the back of the room."),
        ("someone-else", f"Someone else brought up the cost of the repairs. {q}"),
        ("a-neighbour", f"{tag} a neighbour said."),
        ("crowd", f"{tag} people in the crowd said."),
        ("residents", f"{tag} residents said after the meeting."),
        ("a-woman", f"{tag} a woman in the crowd said."),
        ("one-commenter", f"{tag} one commenter wrote under the story."),
        ("pronoun-no-antecedent", f"{tag} he said."),
        ("they-no-antecedent", f"The hall was full by seven. {tag} they said."),
        ("paren-tag", f"{q} (from the meeting)"),
        ("dash-tag", f"{q} — overheard at the bus stop"),
        ("dash-tag-upper", f"{q} — Overheard at the bus stop"),
        ("dash-described-not", f"{q} — a longtime resident"),
        ("dash-posted", f"{q} — Posted to the town’s Facebook page"),
        ("block-after-post", f"The post drew hundreds of replies by morning.\n\n> {as_sentence(inner)}"),
        # Session 20: a transcript's role label names no one (issue 15).
        ("role-label", f"**Host:** You're on the air.\n\n**Caller:** {q}"),
        ("role-label-plain", f"Audience member 2: {q}"),
        ("beat-other-subject", f"“We open at six,” Ruiz said. The reporter paused. {q}"),
        ("as-seen-in-time", f"As seen in recent weeks, {q}"),
    ]
    if first_person:
        shapes += [
            ("group-first-person", f"{tag} residents said."),
            ("group-first-person-before", f"Two local shop owners said they would fight the plan. {q}"),
            ("group-first-person-para", f"Dozens of parents said the plan came too late.\n\n{q}"),
            ("group-first-person-colon", f"Parents at the meeting were blunt:\n\n{q}"),
        ]
    return shapes


# Shapes that must stay quiet.
def sourced_shapes(inner):
    q = f"“{as_sentence(inner)}”"
    tag = f"“{as_tagged(inner)}”"
    shapes = [
        ("said-name-after", f"{tag} said Ana Ruiz, the council’s treasurer."),
        ("name-said-after", f"{tag} Ruiz said."),
        ("name-told", f"{tag} Ruiz told reporters after the vote."),
        ("name-age-said", f"{tag} Ruiz, 54, said in an interview."),
        ("name-said-colon", f"Ana Ruiz said: {q}"),
        ("pronoun", f"Ana Ruiz voted against the plan. {tag} she said."),
        ("according-to", f"According to Ana Ruiz, {q}"),
        ("role", f"{tag} the mayor said."),
        ("described-anonymous", f"{tag} said a spokeswoman for the department."),

        ("named-group-before", f"Ana Ruiz and Tom Hale, who run the shelter, spoke after the vote. {tag} Ruiz said."),
        ("carried-sentence", f"Ana Ruiz said the plan came too late. {q}"),
        ("colon-para-before", f"Ruiz told the council:\n\n{q}"),
        ("carried-said-nothing-would", f"Ruiz said nothing would change.\n\n{q}"),
        ("carried-no-one-had", f"Ruiz told reporters no one had warned the tenants.\n\n{q}"),
        ("colon-no-verb", f"Ana Ruiz was blunt: {q}"),
        ("went-on", f"Ana Ruiz paused, then went on: {q}"),
        ("heard-saying", f"Ana Ruiz can be heard saying, {q}"),
        ("name-went-on", f"{tag} Ruiz went on."),
        ("was-like", f"Ana Ruiz was like, {q}"),
        ("qa-label", f"**Ana Ruiz:** {as_sentence(inner)}"),
        ("name-label-para", f"Ana Ruiz\n\n{q}"),
        ("dash-name", f"{q} — Ana Ruiz, council treasurer"),
        ("dash-surname", f"Ana Ruiz spoke last.\n\n{q} — Ruiz"),
        ("dash-org", f"{q} — The Riverton Gazette"),
        # Session 20: a role label whose holder the story names, a
        # speaker's beat, a fronted citation, a described source whose
        # description runs over two relative clauses.
        ("role-label-held", f"Moderator Ana Ruiz opened the forum.\n\n**Moderator:** {q}"),
        ("beat-same-subject", f"“We open at six,” Ruiz said. Ruiz paused. {q}"),
        ("as-reported-by", f"As reported by the Riverton Gazette, {q}"),
        ("described-two-clauses", f"A county engineer who reviewed the plan for the board last spring, and who asked not to be named because the review is confidential, was blunt: {q}"),
    ]
    if not FIRST_PERSON.search(inner):
        # A group for one person's words is nobody (issue 15).
        shapes.append(("officials", f"{tag} officials said."))
    halves = split_half(as_sentence(inner))
    if halves:
        a, b = halves
        shapes.append(("interrupted", f"“{a}” Ruiz said, “{b}”"))
    return shapes


def draft(paragraph):
    return f"# Probe\n\n{LEAD}\n\n{paragraph}\n\n{TAIL}\n"


def collect(dirs):
    attributed, unsourced = [], []
    for d in dirs:
        for p in sorted(Path(d).glob("*.md")):
            if p.name == "README.md":
                continue
            try:
                text, spans = parse(p.read_text())
            except ValueError:
                continue
            bspans = [(s, e) for s, e, fams, opt in spans if "quote" in fams]
            for m in QUOTE_RE.finditer(text):
                inner = m.group(1) or m.group(2)
                if not utterance(inner):
                    continue
                bs = len(text[: m.start()].encode())
                be = bs + len(m.group(0).encode())
                hit = any(s < be and bs < e for s, e in bspans)
                (unsourced if hit else attributed).append((p.name, clean_inner(inner)))
    return attributed, unsourced


def run(binary, cases):
    """cases: [(shape, source, inner, paragraph)] → findings overlapping each target."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, (_, _, inner, para) in enumerate(cases):
            path = os.path.join(tmp, f"p{n:05}.md")
            with open(path, "w") as f:
                f.write(draft(para))
            paths.append(path)
        out = []
        for i in range(0, len(paths), 500):
            res = subprocess.run(
                [binary, "check", "--format", "json", *paths[i:i + 500]],
                capture_output=True, text=True)
            out.extend(json.loads(res.stdout or "[]"))
        by_path = collections.defaultdict(list)
        for f in out:
            if f["rule"].startswith("quote."):
                by_path[os.path.basename(f["path"])].append(f)
        results = []
        for n, case in enumerate(cases):
            results.append(bool(by_path.get(f"p{n:05}.md")))
        return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    attributed, unsourced = collect(a.dirs)
    cases_flag = [(shape, src, inner, para)
                  for src, inner in attributed
                  for shape, para in unsourced_shapes(inner, bool(FIRST_PERSON.search(inner)))]
    cases_quiet = [(shape, src, inner, para)
                   for src, inner in unsourced
                   for shape, para in sourced_shapes(inner)]
    # The control: the same words left alone are flagged (else quiet
    # shapes pass for nothing).
    cases_flag += [("control-unsourced-alone", src, inner, f"“{as_sentence(inner)}”")
                   for src, inner in unsourced]
    flagged = run(a.bin, cases_flag)
    quiet = [not r for r in run(a.bin, cases_quiet)]
    fails = []
    for title, cases, ok in (("must flag (attribution removed)", cases_flag, flagged),
                             ("must stay quiet (attribution added)", cases_quiet, quiet)):
        per = collections.defaultdict(lambda: [0, 0])
        for c, good in zip(cases, ok):
            per[c[0]][0] += good
            per[c[0]][1] += 1
            if not good:
                fails.append((title.split()[1], c))
        tot = sum(ok)
        print(f"{title}: {tot}/{len(cases)} = {tot / max(1, len(cases)):.3f}")
        for shape, (g, n) in per.items():
            print(f"  {shape:28} {g:5}/{n:<5} {g / max(1, n):.3f}")
    if a.v:
        for kind, (shape, src, inner, para) in fails:
            print(f"FAIL {kind} {shape} {src}: {para[:160]!r}")


if __name__ == "__main__":
    main()
