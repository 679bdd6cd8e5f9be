#!/usr/bin/env python3
"""Builds the repeated-NTREX inputs: every dev document concatenated, repeated N times.

    scripts/bench/make_repeat.py N OUTDIR [LANGS]

Writes OUTDIR/rN.{lang}.txt (the documents' texts, paragraphs separated by blank lines)
and OUTDIR/rN.jsonl (one record: the gold sentences, paragraphs and links concatenated,
for `polyalign eval align`), from ../shared/eval/align/ntrex-dev.jsonl. Used by
scripts/bench/align_repeat.sh.
"""
import json, os, sys

n = int(sys.argv[1])
out_dir = sys.argv[2]
langs = sys.argv[3].split(",") if len(sys.argv) > 3 else ["en", "ru", "uk"]
here = os.path.dirname(os.path.abspath(__file__))
path = os.environ.get("NTREX_DEV") or os.path.join(here, "..", "..", "..", "shared", "eval", "align", "ntrex-dev.jsonl")
docs = [json.loads(line) for line in open(path, encoding="utf-8")]
pairs = [f"{a}-{b}" for i, a in enumerate(langs) for b in langs[i + 1:]]
sents = {k: [] for k in langs}
paras = {k: [] for k in langs}
links = {p: [] for p in pairs}
base = {k: 0 for k in langs}
texts = {k: [] for k in langs}
for _ in range(n):
    for d in docs:
        off = {k: len(sents[k]) for k in langs}
        for k in langs:
            sents[k].extend(d["sentences"][k])
            paras[k].extend(x + base[k] for x in d["paragraph_of"][k])
            base[k] = paras[k][-1] + 1 if paras[k] else 0
            texts[k].append(d["text"][k].strip())
        for p in pairs:
            a, b = p.split("-")
            links[p].extend([[x + off[a] for x in s], [y + off[b] for y in t]] for s, t in d["links"].get(p, []))
for k in langs:
    with open(os.path.join(out_dir, f"r{n}.{k}.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(texts[k]) + "\n")
with open(os.path.join(out_dir, f"r{n}.jsonl"), "w", encoding="utf-8") as f:
    json.dump({"id": f"r{n}", "langs": langs, "sentences": sents, "paragraph_of": paras, "links": links}, f, ensure_ascii=False)
    f.write("\n")
