#!/usr/bin/env python3
"""Makes translation memories and queries for the lookup benchmarks from real sentences.

Reads the NTREX documents (`ntrex-dev.jsonl`: English news with human Russian and Ukrainian
translations and gold sentence links), takes the English sentences linked one to one to a
Russian and a Ukrainian sentence (about 1,700 trilingual units), and writes:

- OUT/memory.tmx: UNITS trilingual units, each a variant of a real unit: in every
  language one to three edits (a word replaced by another of the language, dropped,
  inserted, two neighbours swapped, a number changed), with tuid and x-document;
- OUT/small.tmx: the first SMALL of those units, English and Russian only;
- OUT/queries.txt: QUERIES English queries made by editing real sentences (one or two
  edits), one per line.

Deterministic for a given --seed.
"""

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ntrex import trilingual_units, xml_escape as esc  # noqa: E402


NUMBER = re.compile(r"\d")


def edit(rng, words, vocab):
    if not words:
        return [rng.choice(vocab)]
    i = rng.randrange(len(words))
    kind = rng.randrange(5)
    if kind == 0:
        words[i] = rng.choice(vocab)
    elif kind == 1 and len(words) > 1:
        del words[i]
    elif kind == 2:
        words.insert(i, rng.choice(vocab))
    elif kind == 3 and i + 1 < len(words):
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        nums = [k for k, w in enumerate(words) if NUMBER.search(w)]
        k = rng.choice(nums) if nums else i
        words[k] = str(rng.randrange(1, 5000))
    return words


def variant(rng, text, vocab, lo, hi):
    words = text.split()
    for _ in range(rng.randint(lo, hi)):
        words = edit(rng, words, vocab)
    return " ".join(words)


HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    '<header creationtool="tm_make_memory" creationtoolversion="1" segtype="sentence" '
    'o-tmf="polyalign" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n'
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ntrex", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    base = trilingual_units(a.ntrex)
    vocab = [sorted({w for u in base for w in u[k].split()}) for k in (1, 2, 3)]
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "memory.tmx", "w", encoding="utf-8") as big, open(
        out / "small.tmx", "w", encoding="utf-8"
    ) as small:
        big.write(HEADER)
        small.write(HEADER)
        for n in range(a.units):
            doc, *texts = rng.choice(base)
            v = [esc(variant(rng, t, vocab[k], 1, 3)) for k, t in enumerate(texts)]
            tuvs = "".join(
                f'<tuv xml:lang="{lang}"><seg>{t}</seg></tuv>' for lang, t in zip(("en", "ru", "uk"), v)
            )
            big.write(f'<tu tuid="{n + 1}"><prop type="x-document">{esc(doc)}</prop>{tuvs}</tu>\n')
            if n < a.small:
                small.write(
                    f'<tu tuid="{n + 1}"><tuv xml:lang="en"><seg>{v[0]}</seg></tuv>'
                    f'<tuv xml:lang="ru"><seg>{v[1]}</seg></tuv></tu>\n'
                )
        big.write("</body>\n</tmx>\n")
        small.write("</body>\n</tmx>\n")
    with open(out / "queries.txt", "w", encoding="utf-8") as q:
        for _ in range(a.queries):
            _, en, _, _ = rng.choice(base)
            q.write(variant(rng, en, vocab[0], 1, 2) + "\n")
    print(f"{len(base)} real units; wrote {a.units} units, {a.small} small, {a.queries} queries to {out}")


if __name__ == "__main__":
    main()
