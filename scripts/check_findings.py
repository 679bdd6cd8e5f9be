#!/usr/bin/env python3
"""Findings of `polyalign check --jsonl` per 100 sentences, by kind and severity.

Usage: check_findings.py CHECK_OUTPUT.jsonl [--sample N --seed S]
Prints a table; with --sample, also N findings drawn at random (for checking by hand).
"""
import argparse
import collections
import json
import random

ap = argparse.ArgumentParser()
ap.add_argument("findings")
ap.add_argument("--sample", type=int, default=0)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--min", default="info", choices=["info", "warning", "error"])
args = ap.parse_args()
order = {"info": 0, "warning": 1, "error": 2}

docs = [json.loads(l) for l in open(args.findings, encoding="utf-8") if l.strip()]
ref_sentences = sum(d["versions"][d["reference"]]["sentences"] for d in docs)
all_sentences = sum(v["sentences"] for d in docs for v in d["versions"])
counts = collections.Counter()
every = []
for d in docs:
    for f in d["findings"]:
        if order[f["severity"]] >= order[args.min]:
            counts[(f["kind"], f["severity"])] += 1
            every.append((d["id"], f))
kinds = sorted({k for k, _ in counts}, key=lambda k: -sum(counts[(k, s)] for s in order))
print(f"{len(docs)} documents, {ref_sentences} reference sentences ({all_sentences} in all versions)")
print(f"{'kind':<14}{'error':>8}{'warning':>9}{'info':>7}{'per 100':>9}")
for k in kinds:
    n = [counts[(k, s)] for s in ("error", "warning", "info")]
    print(f"{k:<14}{n[0]:>8}{n[1]:>9}{n[2]:>7}{100 * sum(n) / ref_sentences:>9.2f}")
tot = [sum(counts[(k, s)] for k in kinds) for s in ("error", "warning", "info")]
print(f"{'all':<14}{tot[0]:>8}{tot[1]:>9}{tot[2]:>7}{100 * sum(tot) / ref_sentences:>9.2f}")
docs_with_error = sum(1 for d in docs if any(f["severity"] == "error" for f in d["findings"]))
print(f"documents with an error: {docs_with_error} of {len(docs)}")
if args.sample:
    random.seed(args.seed)
    pick = random.sample(every, min(args.sample, len(every)))
    for i, (doc, f) in enumerate(pick, 1):
        print(f"\n#{i} {doc} {f['severity']} {f['kind']} {','.join(f['langs'])}: {f['message']}")
        for t in f["texts"]:
            print(f"   {t['lang']}: {t['text'][:300]}")
