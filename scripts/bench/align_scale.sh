#!/usr/bin/env bash
# Time and peak memory of aligning en-ru documents of 1,000, 10,000 and 100,000 sentences
# per side (the dev documents concatenated, see make_long_doc.py), with polyalign on one
# and on two threads (RAYON_NUM_THREADS; THREADS="1 2" by default) and, when
# scripts/peers/setup has installed them, the `galechurch` package and hunalign on the same
# sentences. Wall time, CPU time (user + system) and peak RSS of the whole process. Also
# scores the long alignments against the concatenated gold links.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
peers=scripts/peers/.venv/bin/python
for n in ${SIZES:-1000 10000 100000}; do
  python3 scripts/bench/make_long_doc.py "$n" > "$tmp/doc.jsonl"
  for threads in ${THREADS:-1 2}; do
    RAYON_NUM_THREADS=$threads /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" \
      target/release/polyalign align --jsonl "$tmp/doc.jsonl" > "$tmp/out.jsonl"
    read -r secs user sys kb < "$tmp/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    echo "polyalign  $n sentences per side, $threads thread(s): ${secs} s (CPU ${cpu} s), peak RSS $((kb / 1024)) MiB (CLI, JSON in and out)"
  done
  if [ -x "$peers" ]; then
    for system in galechurch hunalign; do
      # A peer gets PEER_TIMEOUT seconds (hunalign is quadratic: 45 s at 10,000 sentences
      # per side); when it fails, its last error line says why.
      if timeout "${PEER_TIMEOUT:-300}" /usr/bin/time -f "%e %M" -o "$tmp/time" "$peers" scripts/peers/run_peers.py --gold "$tmp/doc.jsonl" --system "$system" --out "$tmp/peer.jsonl" 2>"$tmp/peer.err"; then
        read -r secs kb < "$tmp/time"
        printf '%-10s %s sentences per side: %s s, peak RSS %s MiB\n' "$system" "$n" "$secs" "$((kb / 1024))"
      elif [ $? -eq 124 ]; then
        printf '%-10s %s sentences per side: stopped after %s s\n' "$system" "$n" "${PEER_TIMEOUT:-300}"
      else
        printf '%-10s %s sentences per side: failed: %s\n' "$system" "$n" "$(tail -1 "$tmp/peer.err" | cut -c1-200)"
      fi
    done
  fi
  if grep -q '"links"' "$tmp/doc.jsonl"; then
    target/release/polyalign eval align --gold "$tmp/doc.jsonl" --task align | tail -1
  fi
done
