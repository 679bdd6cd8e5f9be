"""Writes a corpus of N articles from the NTREX dev documents, repeated with distinct ids.

    python3 scripts/bench/make_corpus.py N OUT [--jsonl]

OUT is a directory of ID.en.txt, ID.ru.txt, ID.uk.txt files (corpus mode's default
pattern), or with --jsonl one JSON line per article ({"id", "text": {...}}). Each text is
the document's own raw text. NTREX_DEV names the dev set (default ../shared/...).
"""

import json
import os
import sys

dev = os.environ.get("NTREX_DEV", "../shared/eval/align/ntrex-dev.jsonl")
n, out = int(sys.argv[1]), sys.argv[2]
docs = [json.loads(line) for line in open(dev, encoding="utf-8")]
as_jsonl = "--jsonl" in sys.argv[3:]
if as_jsonl:
    sink = open(out, "w", encoding="utf-8")
else:
    os.makedirs(out, exist_ok=True)
for k in range(n):
    d = docs[k % len(docs)]
    art = f"r{k // len(docs):04d}-{d['id']}"
    if as_jsonl:
        sink.write(json.dumps({"id": art, "text": {l: d["text"][l] for l in ("en", "ru", "uk")}}, ensure_ascii=False) + "\n")
    else:
        for lang in ("en", "ru", "uk"):
            with open(os.path.join(out, f"{art}.{lang}.txt"), "w", encoding="utf-8") as f:
                f.write(d["text"][lang])
