#!/usr/bin/env bash
# Cost of leaving page furniture out (switcher lines, credits, share lines, repeated
# headlines) at scale: wall time and peak memory of `polyalign align` on the raw cecot
# article plus the NTREX dev texts, repeated 100 times per language (24-49 MB a version),
# with and without --keep-boilerplate, and on a 12 MB file made of furniture only.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${POLYALIGN_SHARED:-../shared}
cargo build --release --quiet
bin=${POLYALIGN_BIN:-target/release/polyalign}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$shared" "$tmp" <<'PY'
import json, sys
shared, tmp = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in open(f"{shared}/eval/align/ntrex-dev.jsonl")]
for l in ("en", "ru", "uk"):
    raw = open(f"{shared}/corpus/cecot/{l}.txt").read()
    body = "\n\n".join([raw] + [d["text"][l] for d in docs])
    open(f"{tmp}/big.{l}.txt", "w").write("\n\n".join([body] * 100))
furniture = "ua en ru\n\nShare this article\n\nPhoto: AP\n\n" * 300000
for l in ("en", "ru"):
    open(f"{tmp}/furn.{l}.txt", "w").write(furniture)
PY
run() {
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" "$@" 2>"$tmp/err" >/dev/null
  read -r secs kb < "$tmp/time"
  pieces=$(grep -o 'left out [0-9]* piece' "$tmp/err" | awk '{n += $3} END {print n + 0}')
  lines=$(wc -l < "$tmp/err")
  units=$(grep -o '([0-9]* units' "$tmp/err" | tr -d '(' | awk '{print $1}')
  printf '%-44s %7.2f s %7d MB %8s pieces %8s units %6s stderr lines\n' "$label" "$secs" $((kb / 1024)) "$pieces" "$units" "$lines"
}
label="NTREX+cecot x100, furniture left out" run align "$tmp"/big.{en,ru,uk}.txt -o "$tmp/a.tmx"
label="NTREX+cecot x100, --keep-boilerplate" run --keep-boilerplate align "$tmp"/big.{en,ru,uk}.txt -o "$tmp/b.tmx"
label="12 MB of furniture only" run align "$tmp"/furn.{en,ru}.txt -o "$tmp/c.tmx"
