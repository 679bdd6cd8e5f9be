#!/usr/bin/env python3
"""Translation memory lookup quality: do edited real sentences find their own unit first?

Usage: tm_quality.py POLYALIGN NTREX.jsonl [--min-rate 0.99]

The memory: every sentence of the NTREX documents linked one to one across English,
Russian and Ukrainian (one trilingual unit each, tuid = its number). The queries: each
sentence of at least 6 words, in each language, edited four ways: one word replaced by
another word of the language, two words replaced, a number changed (sentences with a
number), a word inserted. Each query is looked up (`polyalign lookup --max 1`, to the next
language: en→ru, ru→uk, uk→en) and counts as found when the top match is its unit (or a
unit with the same text).

Prints, per language and edit, the share of queries whose unit is the top match at any
score (--min 1) and at the default threshold (--min 70). Exits 1 when the first, over all
queries, is below --min-rate.
"""

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from ntrex import trilingual_units, xml_escape as esc


EDITS = ["1 word replaced", "2 words replaced", "number changed", "word inserted"]


def edited(rng, words, kind, vocab):
    w = list(words)
    if kind == 0:
        w[rng.randrange(len(w))] = rng.choice(vocab)
    elif kind == 1:
        for i in rng.sample(range(len(w)), 2):
            w[i] = rng.choice(vocab)
    elif kind == 2:
        nums = [i for i, x in enumerate(w) if any(c.isdigit() for c in x)]
        if not nums:
            return None
        i = rng.choice(nums)
        new = w[i]
        while new == w[i]:
            new = str(rng.randrange(1, 3000))
        w[i] = new
    else:
        w.insert(rng.randrange(len(w) + 1), rng.choice(vocab))
    return " ".join(w)


def main():
    polyalign, ntrex = sys.argv[1], sys.argv[2]
    min_rate = float(sys.argv[sys.argv.index("--min-rate") + 1]) if "--min-rate" in sys.argv else 0.99
    rng = random.Random(11)
    units = [dict(zip(("id", "en", "ru", "uk"), u)) for u in trilingual_units(ntrex)]
    langs = ["en", "ru", "uk"]
    nxt = {"en": "ru", "ru": "uk", "uk": "en"}
    tmp = Path(tempfile.mkdtemp())
    mem = tmp / "memory.tmx"
    with open(mem, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="q" '
                'creationtoolversion="1" segtype="sentence" o-tmf="q" adminlang="en" srclang="en" '
                'datatype="plaintext"/><body>\n')
        for n, u in enumerate(units):
            tuvs = "".join(f'<tuv xml:lang="{l}"><seg>{esc(u[l])}</seg></tuv>' for l in langs)
            f.write(f'<tu tuid="{n}">{tuvs}</tu>\n')
        f.write("</body></tmx>\n")
    total, found_any = 0, 0
    print(f"{'lang':<5} {'edit':<18} {'queries':>7} {'top-1':>8} {'top-1 ≥70':>10}")
    for lang in langs:
        vocab = sorted({w for u in units for w in u[lang].split()})
        by_text = {}
        for n, u in enumerate(units):
            by_text.setdefault(u[lang], set()).add(str(n))
        for kind, name in enumerate(EDITS):
            queries = []
            for n, u in enumerate(units):
                words = u[lang].split()
                if len(words) < 6:
                    continue
                q = edited(rng, words, kind, vocab)
                if q is not None and q != u[lang]:
                    queries.append((q, n))
            rates = []
            for min_score in (1, 70):
                out = subprocess.run(
                    [polyalign, "lookup", "--tm", str(mem), "--from", lang, "--to", nxt[lang],
                     "--min", str(min_score), "--max", "1", "--format", "json"],
                    input="".join(q + "\n" for q, _ in queries), capture_output=True, text=True,
                )
                if out.returncode not in (0, 1):
                    sys.exit(f"polyalign failed: {out.stderr}")
                lines = out.stdout.splitlines()
                assert len(lines) == len(queries), (len(lines), len(queries))
                ok = 0
                for line, (_, n) in zip(lines, queries):
                    m = json.loads(line)["matches"]
                    ok += bool(m) and (m[0]["origin"]["tuid"] in by_text[units[n][lang]])
                rates.append(ok)
            total += len(queries)
            found_any += rates[0]
            print(f"{lang:<5} {name:<18} {len(queries):>7} {rates[0] / len(queries):>8.2%} "
                  f"{rates[1] / len(queries):>10.2%}")
    rate = found_any / total
    print(f"all   {'':<18} {total:>7} {rate:>8.2%}  (target ≥ {min_rate:.0%})")
    sys.exit(0 if rate >= min_rate else 1)


if __name__ == "__main__":
    main()
