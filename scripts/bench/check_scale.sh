#!/usr/bin/env bash
# `polyalign check` at length: the NTREX dev documents (en, ru, uk) concatenated and
# repeated 1, 4, 16 and 100 times (REPEATS), three plain-text files, against `align` on the
# same files: wall time, CPU time and peak memory of the whole process (/usr/bin/time),
# the time per copy (constant when the check is linear) and the ratio check / align.
set -euo pipefail
cd "$(dirname "$0")/../.."
# bin, dev and tmp (POLYALIGN_BIN, NTREX_DEV).
source scripts/bench/ntrex_env.sh
printf '%-6s %10s %10s %10s %8s %12s %12s\n' copies check_s align_s ratio MiB s_per_copy english_MB
for n in ${REPEATS:-1 4 16 100}; do
  python3 scripts/bench/make_repeat.py "$n" "$tmp"
  files=("$tmp/r$n.en.txt" "$tmp/r$n.ru.txt" "$tmp/r$n.uk.txt")
  # check exits 1 when it has findings: that is its result, not a failure here.
  /usr/bin/time -f "%e %M" -o "$tmp/check.time" "$bin" check "${files[@]}" > /dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$tmp/align.time" "$bin" align "${files[@]}" -o "$tmp/r$n.tmx" 2> /dev/null
  read -r cs ckb < <(tail -1 "$tmp/check.time")
  read -r as _ < <(tail -1 "$tmp/align.time")
  mb=$(awk -v b="$(stat -c %s "$tmp/r$n.en.txt")" 'BEGIN { printf "%.1f", b / 1e6 }')
  awk -v n="$n" -v c="$cs" -v a="$as" -v k="$ckb" -v mb="$mb" \
    'BEGIN { printf "%-6s %10.2f %10.2f %10.2f %8d %12.3f %12s\n", n, c, a, c / a, k / 1024, c / n, mb }'
  rm -f "$tmp"/r"$n".*
done
