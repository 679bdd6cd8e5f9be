#!/usr/bin/env python3
"""Lookup latency of translate-toolkit's matcher (translate.search.match.matcher).

Usage: tm_ttk.py MEMORY.tmx QUERIES.txt [MIN] [MAX]

Loads a bilingual TMX with translate-toolkit, builds its matcher (character-level
Levenshtein similarity, RapidFuzz when installed; max_length raised to 1000 characters so
that news sentences are not cut off) and times `matches()` per query. Units are given an
arbitrary order so that equal similarities do not stop the matcher (see below). Prints one line:
load time, per-query mean, p50, p90, p99, max, and how many queries found a match.
"""

import sys
import time

from translate.search import match
from translate.storage import base, tmx

# matcher keeps its best candidates in a heap of (similarity, unit) and compares units
# when two similarities are equal, which raises TypeError in 3.20.4: give units an order.
base.TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)


def main():
    memory, queries = sys.argv[1], sys.argv[2]
    min_sim = int(sys.argv[3]) if len(sys.argv) > 3 else 70
    most = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    t0 = time.perf_counter()
    with open(memory, "rb") as f:
        store = tmx.tmxfile(f, sourcelanguage="en", targetlanguage="ru")
    m = match.matcher(store, max_candidates=most, min_similarity=min_sim, max_length=1000)
    load = time.perf_counter() - t0
    times, found = [], 0
    for q in open(queries, encoding="utf-8"):
        q = q.rstrip("\n")
        if not q.strip():
            continue
        t = time.perf_counter()
        res = m.matches(q)
        times.append(time.perf_counter() - t)
        found += bool(res)
    times.sort()

    def at(p):
        return times[min(len(times), max(1, int(-(-len(times) * p // 1)))) - 1] * 1000

    print(
        f"timings: {len(times)} queries; load {load * 1000:.1f} ms; lookup mean "
        f"{sum(times) / len(times) * 1000:.3f} ms, p50 {at(0.5):.3f} ms, p90 {at(0.9):.3f} ms, "
        f"p99 {at(0.99):.3f} ms, max {times[-1] * 1000:.3f} ms; {found} with a match"
    )


if __name__ == "__main__":
    main()
