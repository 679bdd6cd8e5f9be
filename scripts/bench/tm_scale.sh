#!/usr/bin/env bash
# Translation memory lookups at scale, against a full scan and translate-toolkit.
#
# Makes a memory of UNITS (default 1,000,000) trilingual units from the real sentences of
# ../shared/eval/align/ntrex-dev.jsonl (scripts/bench/tm_make_memory.py: variants with words
# replaced, dropped, inserted, swapped and numbers changed), then measures:
#   - `polyalign tm build`: time, peak RSS, size of the .ptm file;
#   - `polyalign lookup` of 2,000 edited real sentences (en → ru, top 5 at 70%): load time
#     and per-lookup latency (the hidden --timings flag times each lookup alone, without
#     loading, reading or printing), peak RSS; from the .ptm and straight from the TMX;
#   - the same with a full scan (--exhaustive; 200 queries on the big memory);
#   - on the first 10,000 units (English–Russian): polyalign indexed, full scan, and
#     translate-toolkit's matcher (scripts/bench/tm_ttk.py, in scripts/.venv-tmx).
# Prints a table. Needs python3 and about 5 GB of disk in $TMPDIR; 2–4 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${POLYALIGN_SHARED:-../shared}
units=${UNITS:-1000000}
cargo build --release --quiet
bin=$PWD/target/release/polyalign
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 scripts/bench/tm_make_memory.py --ntrex "$shared/eval/align/ntrex-dev.jsonl" --out "$tmp" --units "$units"
head -200 "$tmp/queries.txt" > "$tmp/q200.txt"
head -500 "$tmp/queries.txt" > "$tmp/q500.txt"

venv=scripts/.venv-tmx
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import translate, rapidfuzz' 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q 'translate-toolkit==3.20.4' 'rapidfuzz==3.14.6' >/dev/null
fi

# run NAME CMD...: runs CMD with /usr/bin/time; keeps its stderr in $tmp/NAME.err.
run() {
  local name=$1
  shift
  /usr/bin/time -f "rss %M %e" -o "$tmp/$name.time" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" || [ $? -eq 1 ]
}
rss() { awk '{printf "%.0f MiB", $2 / 1024}' "$tmp/$1.time"; }
secs() { awk '{printf "%.1f s", $3}' "$tmp/$1.time"; }
timing() { grep -h '^timings:' "$tmp/$1.err" "$tmp/$1.out" | sed -n '1s/^timings: //p'; }

run build "$bin" tm build "$tmp/memory.tmx" -o "$tmp/memory.ptm"
run build_small "$bin" tm build "$tmp/small.tmx" -o "$tmp/small.ptm"
lookup=(lookup --from en --to ru --min 70 --max 5 --format json --timings)
run ptm "$bin" "${lookup[@]}" --tm "$tmp/memory.ptm" < "$tmp/queries.txt"
run tmx "$bin" "${lookup[@]}" --tm "$tmp/memory.tmx" < "$tmp/q200.txt"
run scan "$bin" "${lookup[@]}" --tm "$tmp/memory.ptm" --exhaustive < "$tmp/q200.txt"
run small "$bin" "${lookup[@]}" --tm "$tmp/small.ptm" < "$tmp/queries.txt"
run small_scan "$bin" "${lookup[@]}" --tm "$tmp/small.ptm" --exhaustive < "$tmp/queries.txt"
run ttk "$venv/bin/python" scripts/bench/tm_ttk.py "$tmp/small.tmx" "$tmp/q500.txt" 70 5

same=$(head -200 "$tmp/ptm.out" | cmp -s - "$tmp/scan.out" && echo yes || echo NO)
tmx_mib=$(du -m "$tmp/memory.tmx" | cut -f1)
ptm_mib=$(du -m "$tmp/memory.ptm" | cut -f1)

echo
echo "== Translation memory: $units units (en, ru, uk) from ntrex-dev variants; TMX $tmx_mib MiB"
echo "tm build                $(secs build), peak RSS $(rss build), .ptm $ptm_mib MiB"
echo
printf '%-34s %s\n' "lookup en→ru, top 5 at 70%" "per-lookup latency; peak RSS"
printf '%-34s %s; %s\n' "polyalign, $units, .ptm" "$(timing ptm)" "$(rss ptm)"
printf '%-34s %s; %s\n' "polyalign, $units, from TMX" "$(timing tmx)" "$(rss tmx)"
printf '%-34s %s; %s\n' "full scan, $units" "$(timing scan)" "$(rss scan)"
printf '%-34s %s; %s\n' "polyalign, 10,000" "$(timing small)" "$(rss small)"
printf '%-34s %s; %s\n' "full scan, 10,000" "$(timing small_scan)" "$(rss small_scan)"
printf '%-34s %s; %s\n' "translate-toolkit matcher, 10,000" "$(timing ttk)" "$(rss ttk)"
echo
echo "indexed top 5 = full scan top 5 on the first 200 queries: $same"
