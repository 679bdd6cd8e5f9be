#!/usr/bin/env python3
"""Builds one long two-language document by concatenating the dev documents.

    scripts/bench/make_long_doc.py N [LANG_A LANG_B] > doc.json

Writes {"id", "sentences": {a: [...], b: [...]}, "paragraph_of": {...}, "links": {"a-b":
[...]}} with about N sentences per side, from ../shared/eval/align/ntrex-dev.jsonl (the gold
links concatenated, so `polyalign eval align` can score the long document), or from the
bundled samples (no links) when that file is missing. Used by scripts/bench/align_scale.sh.
"""
import json, os, sys

n = int(sys.argv[1])
a, b = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("en", "ru")
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "..", "..", "shared", "eval", "align", "ntrex-dev.jsonl")
docs = []
if os.path.exists(path):
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        docs.append(({k: d["sentences"][k] for k in (a, b)}, {k: d["paragraph_of"][k] for k in (a, b)}, d["links"].get(f"{a}-{b}", [])))
else:
    for lang in (a, b):
        pass
    texts = {}
    for lang in (a, b):
        with open(os.path.join(here, "..", "..", "samples", f"harbour-bridge.{lang}.txt"), encoding="utf-8") as f:
            paras = [p for p in f.read().split("\n\n") if p.strip()]
        texts[lang] = paras
    sents = {k: [s for p in texts[k] for s in p.split(". ")] for k in (a, b)}
    paras = {k: [i for i, p in enumerate(texts[k]) for _ in p.split(". ")] for k in (a, b)}
    docs.append((sents, paras, []))
out = {a: [], b: []}
par = {a: [], b: []}
base = {a: 0, b: 0}
links = []
while len(out[a]) < n or len(out[b]) < n:
    for s, p, l in docs:
        off = {k: len(out[k]) for k in (a, b)}
        for k in (a, b):
            out[k].extend(s[k])
            par[k].extend(x + base[k] for x in p[k])
            base[k] = par[k][-1] + 1 if par[k] else 0
        links.extend([[x + off[a] for x in src], [y + off[b] for y in tgt]] for src, tgt in l)
        if len(out[a]) >= n and len(out[b]) >= n:
            break
doc = {"id": f"long-{n}", "langs": [a, b], "sentences": out, "paragraph_of": par}
if links:
    doc["links"] = {f"{a}-{b}": links}
json.dump(doc, sys.stdout, ensure_ascii=False)
print()
