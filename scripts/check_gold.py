#!/usr/bin/env python3
"""Missing and extra content found by `polyalign check` against gold omissions.

Usage: check_gold.py GOLD.jsonl CHECK_OUTPUT.jsonl
CHECK_OUTPUT is `polyalign check --jsonl --segmented --severity info GOLD.jsonl`: the
checker runs on the gold sentences, so its findings and the gold links name the same
sentences. A gold 1-0 link between the reference (the first language) and version X is a
reference sentence missing in X; a 0-1 link is a sentence of X with no counterpart in the
reference. Prints precision and recall of the sentences flagged as missing or extra (kinds
missing, extra and moved) per language pair: of the errors (the gate), then of every
finding whatever its severity.
"""
import json
import sys

gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        d = json.loads(line)
        gold[d["id"]] = d
pred = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]

def table(severities):
    tp = {}
    fp = {}
    fn = {}
    for p in pred:
        g = gold[p["id"]]
        langs = g["langs"]
        ref = langs[p["reference"]]
        for x in langs:
            if x == ref:
                continue
            pair = f"{ref}-{x}"
            links = g["links"].get(pair)
            if links is None:
                continue
            want = set()
            for s, t in links:
                if not t:
                    want.update(("missing", i) for i in s)
                if not s:
                    want.update(("extra", i) for i in t)
            got = set()
            for f in p["findings"]:
                if f["kind"] not in ("missing", "extra", "moved") or x not in f["langs"] \
                    or f["severity"] not in severities:
                    continue
                by_lang = {pos["lang"]: pos for pos in f["positions"]}
                if f["kind"] == "missing" or by_lang[x]["sentences"] == 0:  # the reference's sentences
                    pos = by_lang[ref]
                    got.update(("missing", i) for i in range(pos["sentence"] - 1, pos["sentence"] - 1 + pos["sentences"]))
                elif by_lang[ref]["sentences"] == 0:  # extra in x
                    pos = by_lang[x]
                    got.update(("extra", i) for i in range(pos["sentence"] - 1, pos["sentence"] - 1 + pos["sentences"]))
            tp[pair] = tp.get(pair, 0) + len(got & want)
            fp[pair] = fp.get(pair, 0) + len(got - want)
            fn[pair] = fn.get(pair, 0) + len(want - got)
    print(f"{'pair':<7}{'gold':>6}{'found':>7}{'P':>8}{'R':>8}{'F1':>8}")
    for pair in sorted(tp):
        t, f, n = tp[pair], fp[pair], fn[pair]
        p = t / (t + f) if t + f else 1.0
        r = t / (t + n) if t + n else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{pair:<7}{t + n:>6}{t + f:>7}{p:>8.4f}{r:>8.4f}{f1:>8.4f}")
    return tp, fp, fn


for title, severities in (("errors", {"error"}), ("any severity", {"error", "warning", "info"})):
    print(title)
    table(severities)
