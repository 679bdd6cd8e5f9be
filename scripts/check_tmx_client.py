#!/usr/bin/env python3
"""Checks that translate-toolkit, a real TMX client, reads a TMX that polyalign wrote.

    check_tmx_client.py FILE.tmx UNITS.jsonl SRC TGT [TGT ...]

UNITS.jsonl is `polyalign align -o UNITS.jsonl` of the same documents (one object per unit,
with "ids" and "text" per language). For every target language, translate.storage.tmx must
load the same number of units, and each unit's source and target must be the texts
polyalign aligned (a language missing from a unit reads as no target). Exits 1 on the first
mismatch, 0 when everything matches.
"""
import json
import sys

from translate.storage import tmx


def main():
    path, units_path, src, *targets = sys.argv[1:]
    expected = [json.loads(line) for line in open(units_path, encoding="utf-8") if line.strip()]
    for tgt in targets:
        with open(path, "rb") as f:
            store = tmx.tmxfile(f, src, tgt)
        if len(store.units) != len(expected):
            sys.exit(f"{tgt}: translate-toolkit read {len(store.units)} units, polyalign wrote {len(expected)}")
        for n, (unit, want) in enumerate(zip(store.units, expected), 1):
            want_src = want[src]["text"] or None
            want_tgt = want[tgt]["text"] or None
            got_src = unit.source or None
            got_tgt = unit.target or None
            if got_src != want_src or got_tgt != want_tgt:
                sys.exit(f"{tgt}: unit {n}: read {got_src!r} -> {got_tgt!r}, wrote {want_src!r} -> {want_tgt!r}")
        print(f"translate-toolkit reads {len(store.units)} units, {src} -> {tgt}: all sources and targets match")


if __name__ == "__main__":
    main()
