#!/usr/bin/env python3
"""The model's misses and false alarms on the left-out sessions, by a rough
surface class (docs/claims.md §6zc).

    CLAIMS_DUMP=/tmp/lo.tsv target/release/train-claims --skip-test \
        --leave-out s19 ... --leave-out s24 --out /tmp/m.bin --ratchet /tmp/m.tsv
    python3 scripts/claim_classes.py /tmp/lo.tsv

A miss is a firm C the model scores under 0.5; a false alarm a firm not-C
at 0.5 or more. Each sentence takes the first class that fits, in the
order of `cls`. The classes are for reading the errors, not rules: the
word lists here are deliberately crude.
"""
import collections
import csv
import re
import sys
rows=list(csv.DictReader(open(sys.argv[1]),delimiter='\t',quoting=csv.QUOTE_NONE))
FP=re.compile(r"\b(I|I'm|I've|we|we're|we've|my|our|us|you|your|you're)\b",re.I)
EVAL=re.compile(r"\b(ridiculous|shameful|courageous|divisive|disgusting|outrageous|idiotic|insane|insanity|stupid|great|terrible|best|worst|finest|perplexing|rightly|sadly|honestly|obviously|clearly|apparently|perhaps|simply|shamefully|hack|sacred|heroes?)\b",re.I)
MODAL=re.compile(r"\b(will|would|could|may|might|should|must|can)\b",re.I)
NUM=re.compile(r"\d|\b(half|third|quarter|dozens|hundreds|thousands|millions|percent)\b",re.I)
PASTNAMED=re.compile(r"^(?:[A-Z][\w’'.-]+\s){1,4}(?:\w+ed|was|were|had|did|made|told|said|used|took|won|left|lied)\b")
CAUSE=re.compile(r"\b(because|due to|thanks to|caused|causing|led to|leads? to|result(?:s|ed)? in|driv(?:e|en|ing)|hurting|killing|destroy\w*)\b",re.I)
SWEEP=re.compile(r"\b(all|every|never|always|no one|nobody|everyone|most|many|none)\b",re.I)
def cls(t):
    if t.rstrip().endswith('?') : return 'question'
    if FP.search(t): return 'first/second person (the writer or reader in it)'
    if NUM.search(t): return 'a figure'
    if MODAL.search(t): return 'modal or future'
    if CAUSE.search(t): return 'cause or reason'
    if EVAL.search(t): return 'evaluative or stance word'
    if SWEEP.search(t): return 'sweeping word'
    if PASTNAMED.search(t): return 'past tense, named actor'
    return 'other (present/generic or plain narration)'
for real in (False,True):
    R=[r for r in rows if (r['source']=='spent-real')==real and r['debatable']=='0']
    miss=[r for r in R if r['label']=='C' and float(r['p'])<0.5]
    fa=[r for r in R if r['label']!='C' and float(r['p'])>=0.5]
    print('REAL' if real else 'DRAFTS', f"misses (C under 0.5): {len(miss)}, model false alarms (not-C at 0.5+): {len(fa)}")
    cm=collections.Counter(cls(r['text']) for r in miss); cf=collections.Counter(cls(r['text']) for r in fa)
    for k in sorted(set(cm)|set(cf), key=lambda k:-(cm[k]+cf[k])): print(f"  {k:50} {cm[k]:4} {cf[k]:4}")
