#!/usr/bin/env bash
# Time and peak memory of aligning en-ru documents of 1,000, 10,000 and 100,000 sentences
# per side (the dev documents concatenated, see make_long_doc.py), with polyalign and, when
# scripts/peers/setup has installed it, the `galechurch` package on the same sentences.
# Also scores the long alignments against the concatenated gold links.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
peers=scripts/peers/.venv/bin/python
for n in ${SIZES:-1000 10000 100000}; do
  python3 scripts/bench/make_long_doc.py "$n" > "$tmp/doc.jsonl"
  /usr/bin/time -f "%e %M" -o "$tmp/time" target/release/polyalign align --jsonl "$tmp/doc.jsonl" > "$tmp/out.jsonl"
  read -r secs kb < "$tmp/time"
  echo "polyalign  $n sentences per side: ${secs} s, peak RSS $((kb / 1024)) MiB (CLI, JSON in and out)"
  if [ -x "$peers" ]; then
    if /usr/bin/time -f "%e %M" -o "$tmp/time" "$peers" scripts/peers/run_peers.py --gold "$tmp/doc.jsonl" --system galechurch --out "$tmp/gc.jsonl" 2>/dev/null; then
      read -r secs kb < "$tmp/time"
      echo "galechurch $n sentences per side: ${secs} s, peak RSS $((kb / 1024)) MiB"
    else
      echo "galechurch $n sentences per side: failed"
    fi
  fi
  if grep -q '"links"' "$tmp/doc.jsonl"; then
    target/release/polyalign eval align --gold "$tmp/doc.jsonl" --task align | tail -1
  fi
done
