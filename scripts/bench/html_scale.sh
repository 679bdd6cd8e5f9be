#!/usr/bin/env bash
# The HTML report of `polyalign check` at size: the NTREX dev documents (en, ru, uk)
# concatenated and repeated COPIES times (default 5, about 10,000 units), checked with
# --html; then the page opened in headless Chromium, as written and filtered by kind
# through its address (#kind=number), each time until the browser has run the page's
# script and dumped the DOM. Prints the page's units and size and the wall time of each
# opening, beside the same browser on an empty page (its start-up time).
# Needs chromium (or POLYALIGN_CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/../.."
# bin, dev and tmp (POLYALIGN_BIN, NTREX_DEV).
source scripts/bench/ntrex_env.sh
browser=${POLYALIGN_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$browser" ] || { echo "html_scale: no chromium (set POLYALIGN_CHROMIUM)" >&2; exit 2; }
n=${COPIES:-5}
python3 scripts/bench/make_repeat.py "$n" "$tmp"
page="$tmp/report.html"
"$bin" check "$tmp/r$n.en.txt" "$tmp/r$n.ru.txt" "$tmp/r$n.uk.txt" --html "$page" > /dev/null 2>&1 || true
echo '<!DOCTYPE html><html><body></body></html>' > "$tmp/empty.html"
# Wall seconds for the browser to load URL, run its scripts and dump the DOM (to OUT).
open_page() {
  local url=$1 out=$2 start end
  start=$(date +%s.%N)
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-sync \
    --disable-background-networking --disable-component-update \
    --user-data-dir="$tmp/profile" --dump-dom "$url" > "$out" 2> /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
empty=$(open_page "file://$tmp/empty.html" "$tmp/empty.dom")
all=$(open_page "file://$page" "$tmp/all.dom")
number=$(open_page "file://$page#kind=number" "$tmp/number.dom")
units=$(grep -o '<tr id="u[0-9]*"' "$page" | wc -l)
shown_all=$(grep -o '<span id="shown">[^<]*' "$tmp/all.dom" | sed 's/.*>//')
shown_number=$(grep -o '<span id="shown">[^<]*' "$tmp/number.dom" | sed 's/.*>//')
printf '%-8s %8s %9s %12s %12s %14s\n' copies units page_MB empty_page_s open_all_s open_number_s
awk -v n="$n" -v u="$units" -v b="$(stat -c %s "$page")" -v e="$empty" -v a="$all" -v k="$number" \
  'BEGIN { printf "%-8s %8d %9.1f %12.2f %12.2f %14.2f\n", n, u, b / 1e6, e, a, k }'
echo "all: $shown_all; #kind=number: $shown_number"
