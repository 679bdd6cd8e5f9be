#!/usr/bin/env python3
"""Builds one long two-language document by concatenating the dev documents.

    benches/make_long_doc.py N [LANG_A LANG_B] > doc.json

Writes {"id", "sentences": {a: [...], b: [...]}, "paragraph_of": {...}} with at least N
sentences per side, from ../shared/eval/align/ntrex-dev.jsonl (or the bundled samples when
that file is missing). Used by benches/align_scale.sh.
"""
import json, os, sys

n = int(sys.argv[1])
a, b = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("en", "ru")
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "..", "shared", "eval", "align", "ntrex-dev.jsonl")
docs = []
if os.path.exists(path):
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        docs.append(({k: d["sentences"][k] for k in (a, b)}, {k: d["paragraph_of"][k] for k in (a, b)}))
else:
    for lang in (a, b):
        pass
    texts = {}
    for lang in (a, b):
        with open(os.path.join(here, "..", "samples", f"harbour-bridge.{lang}.txt"), encoding="utf-8") as f:
            paras = [p for p in f.read().split("\n\n") if p.strip()]
        texts[lang] = paras
    sents = {k: [s for p in texts[k] for s in p.split(". ")] for k in (a, b)}
    paras = {k: [i for i, p in enumerate(texts[k]) for _ in p.split(". ")] for k in (a, b)}
    docs.append((sents, paras))
out = {a: [], b: []}
par = {a: [], b: []}
base = {a: 0, b: 0}
while len(out[a]) < n or len(out[b]) < n:
    for s, p in docs:
        for k in (a, b):
            out[k].extend(s[k])
            par[k].extend(x + base[k] for x in p[k])
            base[k] = par[k][-1] + 1 if par[k] else 0
        if len(out[a]) >= n and len(out[b]) >= n:
            break
for k in (a, b):
    out[k] = out[k][:n] if len(out[k]) > n else out[k]
    par[k] = par[k][: len(out[k])]
json.dump({"id": f"long-{n}", "sentences": out, "paragraph_of": par}, sys.stdout, ensure_ascii=False)
print()
