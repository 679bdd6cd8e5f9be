#!/usr/bin/env bash
# Segmentation with SRX rules at size: the NTREX dev documents (English and Russian)
# repeated to about 16 MB, and 'Mr.' repeated a million times (3 MB without a space), each
# segmented with `--srx` for the Okapi default and LanguageTool rule files (and with the
# built-in rules, for comparison). Prints wall seconds, peak memory and sentences per run.
#   SRX_DIR (default ../shared/eval/srx), MB (default 16)
set -euo pipefail
cd "$(dirname "$0")/../.."
# bin, dev and tmp (POLYALIGN_BIN, NTREX_DEV).
source scripts/bench/ntrex_env.sh
srx_dir=${SRX_DIR:-../shared/eval/srx}
[ -d "$srx_dir" ] || srx_dir=/work/shared/eval/srx
mb=${MB:-16}
python3 scripts/bench/make_repeat.py 1 "$tmp" en,ru
for l in en ru; do
  size=$(stat -c %s "$tmp/r1.$l.txt")
  copies=$(( (mb * 1000000 + size - 1) / size ))
  for _ in $(seq "$copies"); do cat "$tmp/r1.$l.txt"; echo; done > "$tmp/big.$l.txt"
done
python3 -c "print('Mr.'*1000000,end='')" > "$tmp/mr.en.txt"
printf '%-10s %-32s %8s %8s %10s %10s\n' input rules MB wall_s max_rss_MB sentences
run() {
  local input=$1 name=$2
  shift 2
  /usr/bin/time -v -o "$tmp/time" "$bin" "$@" segment "$input" > "$tmp/out" 2> "$tmp/err" || {
    echo "failed: $name on $input: $(tail -1 "$tmp/err")"; return; }
  local wall rss
  wall=$(grep 'Elapsed (wall' "$tmp/time" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  rss=$(grep 'Maximum resident' "$tmp/time" | awk '{print $NF}')
  printf '%-10s %-32s %8.1f %8.2f %10.1f %10d\n' "$(basename "$input")" "$name" \
    "$(stat -c %s "$input" | awk '{print $1 / 1e6}')" "$wall" "$(echo "$rss" | awk '{print $1 / 1024}')" \
    "$(grep -c . "$tmp/out")"
}
for input in "$tmp/big.en.txt" "$tmp/big.ru.txt" "$tmp/mr.en.txt"; do
  run "$input" built-in
  for f in okapi-defaultSegmentation.srx languagetool-segment.srx; do
    run "$input" "$f" --srx "$srx_dir/$f"
  done
done
