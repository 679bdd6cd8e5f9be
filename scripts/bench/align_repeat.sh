#!/usr/bin/env bash
# Three versions at length: the NTREX dev documents (en, ru, uk) concatenated and repeated
# 10 and 100 times (REPEATS), aligned as three plain-text files into one TMX
# (`polyalign align rN.en.txt rN.ru.txt rN.uk.txt -o rN.tmx`), with time and peak memory
# (/usr/bin/time -v). Checks against the single documents:
# - units: the TMX's units against the sum of the documents' own alignments times N;
# - the largest unit (a unit that chains a document together shows here);
# - strict F1 per pair of the gold sentences repeated (one JSONL record, `polyalign eval
#   align --task align`) against the single documents' figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
# bin, dev and tmp (POLYALIGN_BIN, NTREX_DEV).
source scripts/bench/ntrex_env.sh
# The single documents, from their raw text (as the TMX run reads them).
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(json.dumps({"id": d["id"], "langs": d["langs"], "text": d["text"]}, ensure_ascii=False))
' "$dev" > "$tmp/texts.jsonl"
"$bin" align --jsonl "$tmp/texts.jsonl" > "$tmp/single.jsonl"
single_units=$(python3 -c '
import json, sys
print(sum(len(json.loads(l)["units"]) for l in open(sys.argv[1])))' "$tmp/single.jsonl")
"$bin" eval align --gold "$dev" --task align > "$tmp/single-f1.txt"
echo "single documents: $single_units units"
for n in ${REPEATS:-10 100}; do
  python3 scripts/bench/make_repeat.py "$n" "$tmp"
  /usr/bin/time -v -o "$tmp/time" "$bin" align "$tmp/r$n.en.txt" "$tmp/r$n.ru.txt" "$tmp/r$n.uk.txt" -o "$tmp/r$n.tmx"
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
  user=$(awk -F': ' '/User time/ {print $2}' "$tmp/time")
  python3 - "$tmp/r$n.tmx" "$single_units" "$n" <<'PY'
import re, sys
path, single, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
units, largest, tuv_counts = 0, (0, ""), []
unit = None
for line in open(path, encoding="utf-8"):
    for m in re.finditer(r"<tu[ >]|</tu>|<prop type=\"x-link-type\">([^<]*)<|<seg>", line):
        t = m.group(0)
        if t.startswith("<tu"):
            units += 1
        elif m.group(1):
            k = m.group(1)
            size = sum(int(x) for x in k.split("-"))
            if size > largest[0]:
                largest = (size, k)
expected = single * n
print(f"x{n}: {units} units, expected {expected} (single documents x{n}), "
      f"difference {100 * (units - expected) / expected:+.2f}%; largest unit {largest[1] or '?'}")
PY
  echo "x$n: whole process ${secs} (m:ss) wall, ${user} s user, peak RSS $((kb / 1024)) MiB"
  "$bin" eval align --gold "$tmp/r$n.jsonl" --task align > "$tmp/r$n-f1.txt"
  python3 - "$tmp/single-f1.txt" "$tmp/r$n-f1.txt" "$n" <<'PY'
import sys
def f1(path):
    rows = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 10 and f[2] == "align":
            rows[f[3]] = float(f[6])
    return rows
one, rep, n = f1(sys.argv[1]), f1(sys.argv[2]), sys.argv[3]
for pair in one:
    r = rep.get(pair, float("nan"))
    print(f"x{n}: {pair} strict F1 {r:.4f} (single documents {one[pair]:.4f}, difference {r - one[pair]:+.4f})")
PY
done
