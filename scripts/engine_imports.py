"""The engine's import graph: its modules' `crate::` and `super::` paths (test
modules left out), by layer and by file, and any cycle in either.

Usage: python3 scripts/engine_imports.py crates/copydesk/src
"""
import os, re, sys
root = sys.argv[1]
mods = {}
for dp, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(dp, f); rel = os.path.relpath(p, root)[:-3]
            parts = rel.split('/')
            if parts[-1] in ('mod', 'lib'): parts = parts[:-1]
            mods['::'.join(parts)] = p
def resolve(path):
    segs = path.split('::')
    for n in range(len(segs), 0, -1):
        m = '::'.join(segs[:n])
        if m in mods: return m
    return None
edges = {}
for m, p in mods.items():
    text = open(p).read()
    cut = text.find('#[cfg(test)]')
    if cut >= 0: text = text[:cut]
    text = re.sub(r'//[^\n]*', '', text)
    out = set()
    for mm in re.finditer(r'\bcrate::((?:\w+::)*\w+)', text):
        t = resolve(mm.group(1))
        if t is not None and t != m: out.add(t)
    here = m.split('::') if m else []
    for mm in re.finditer(r'\b((?:super::)+)((?:\w+::)*\w+)', text):
        up = mm.group(1).count('super::')
        base = here[:len(here)-up] if len(here) >= up else []
        t = resolve('::'.join(base + mm.group(2).split('::')))
        if t is not None and t != m: out.add(t)
    # `use super::{a, b}` / `use crate::x::{a, b}` groups
    for mm in re.finditer(r'\b(crate|(?:super::)*super)::((?:\w+::)*)\{([^}]*)\}', text):
        if mm.group(1) == 'crate': base = []
        else:
            up = mm.group(1).count('super'); base = here[:len(here)-up]
        pre = [s for s in mm.group(2).split('::') if s]
        for name in re.findall(r'\b(\w+)', mm.group(3)):
            t = resolve('::'.join(base + pre + [name]))
            if t is not None and t != m: out.add(t)
    edges[m] = out
def layer(m): return m.split('::')[0] if m else 'lib'
def sccs(nodes, adj):
    idx = {}; low = {}; st = []; on = set(); res = []; c = [0]
    sys.setrecursionlimit(10000)
    def go(v):
        idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
        for w in adj.get(v, ()):
            if w not in idx: go(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], idx[w])
        if low[v] == idx[v]:
            comp = []
            while True:
                w = st.pop(); on.discard(w); comp.append(w)
                if w == v: break
            res.append(comp)
    for v in nodes:
        if v not in idx: go(v)
    return [c for c in res if len(c) > 1]
# 1. Layers (top-level modules); lib.rs, the crate root that wires them, left out.
ladj = {}
for m, ts in edges.items():
    if m == '': continue
    for t in ts:
        if t == '' or layer(t) == layer(m): continue
        ladj.setdefault(layer(m), set()).add(layer(t))
layers = sorted({layer(m) for m in mods if m})
print('layer edges:')
for l in layers: print(f'  {l} -> {", ".join(sorted(ladj.get(l, ()))) or "-"}')
print('layer cycles:', sccs(layers, ladj) or 'none')
# 2. Files, leaving out a module's edges to its own parent and children (a
# folder's mod.rs declares and re-exports its files).
fadj = {}
for m, ts in edges.items():
    for t in ts:
        if t.startswith(m + '::') or m.startswith(t + '::') or t == '' or m == '': continue
        fadj.setdefault(m, set()).add(t)
print('module cycles (parent/child edges aside):', sccs(sorted(mods), fadj) or 'none')
