#!/usr/bin/env bash
# Peak memory of `polyalign segment` on a large file: streaming keeps it proportional to
# the longest paragraph, not to the file. Builds a file of SIZE_MB (default 200) from the
# bundled samples and prints the peak resident set size next to the file size.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${SIZE_MB:-200}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lang in en ru uk; do
  f="$tmp/big.$lang.txt"
  while [ "$(stat -c %s "$f" 2>/dev/null || echo 0)" -lt $((size_mb * 1024 * 1024)) ]; do
    cat "samples/harbour-bridge.$lang.txt" >> "$f"; echo >> "$f"
    cat "$f" "$f" > "$tmp/x" 2>/dev/null && mv "$tmp/x" "$f"
  done
  bytes=$(stat -c %s "$f")
  /usr/bin/time -f "%M %e" -o "$tmp/time" target/release/polyalign segment "$f" > /dev/null
  read -r rss_kb secs < "$tmp/time"
  echo "segment $lang: $((bytes / 1024 / 1024)) MiB in ${secs}s, peak RSS $((rss_kb / 1024)) MiB"
done
