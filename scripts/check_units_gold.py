#!/usr/bin/env python3
"""Checks that the bilingual TMX files polyalign writes hold the gold links, one unit each.

    check_units_gold.py GOLD.json PREFIX

For every language pair a-b of the gold, PREFIX.a-b.tmx (written by `polyalign align ...
-o PREFIX.tmx --pairs`) is read with translate-toolkit; each gold link, as the texts of its
sentences joined by one space, must be exactly one unit (a link with no target sentence: a
unit without a target). Exits 1 listing the differences.
"""
import json
import sys

from translate.storage import tmx

gold_path, prefix = sys.argv[1:]
gold = json.load(open(gold_path, encoding="utf-8"))
bad = 0
for pair, links in gold["links"].items():
    a, b = pair.split("-")
    with open(f"{prefix}.{pair}.tmx", "rb") as f:
        store = tmx.tmxfile(f, a, b)
    got = {((u.source or ""), (u.target or "")) for u in store.units}
    sents = gold["sentences"]
    want = {
        (" ".join(sents[a][i] for i in s), " ".join(sents[b][j] for j in t)) for s, t in links
    }
    missing = want - got
    if missing or len(store.units) != len(links):
        bad += 1
        print(f"{pair}: {len(missing)} gold links are not a unit; {len(store.units)} units for {len(links)} links")
        for m in sorted(missing)[:3]:
            print(f"  {m[0][:60]!r} -> {m[1][:60]!r}")
    else:
        print(f"{pair}: all {len(links)} gold links are units of {prefix.rsplit('/', 1)[-1]}.{pair}.tmx")
sys.exit(1 if bad else 0)
