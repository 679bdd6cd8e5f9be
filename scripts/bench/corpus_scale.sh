#!/usr/bin/env bash
# Corpus mode's throughput and memory: NTREX dev articles repeated to 1,000 and 10,000
# articles (ARTICLES="1000 10000"), aligned with `align --corpus DIR -o memory.tmx` on 1
# and 2 threads (--jobs), and the 10,000 as JSON lines (`align --jsonl`) and checked
# (`check --corpus`). Prints articles/s, the 2-thread scaling and the peak resident set.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/ntrex_env.sh
articles=${ARTICLES:-1000 10000}
printf '%-8s %-22s %5s %9s %11s %8s %8s\n' articles command jobs seconds articles/s MiB scaling
for n in $articles; do
  python3 scripts/bench/make_corpus.py "$n" "$tmp/c$n"
  one=""
  for jobs in 1 2; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" align --corpus "$tmp/c$n" -o "$tmp/m.tmx" --jobs "$jobs" --quiet
    read -r secs kb < <(tail -1 "$tmp/time")
    [ -z "$one" ] && one=$secs
    scaling=$(python3 -c "print(f'{$one / $secs:.2f}')")
    printf '%-8s %-22s %5s %9s %11.1f %8d %8s\n' "$n" "align --corpus" "$jobs" "$secs" \
      "$(python3 -c "print($n / $secs)")" $((kb / 1024)) "$scaling"
  done
  units=$(grep -c '<tu ' "$tmp/m.tmx")
  echo "         $units units; $(du -m "$tmp/m.tmx" | cut -f1) MB of TMX"
  rm -rf "$tmp/c$n"
done
n=${articles##* }
python3 scripts/bench/make_corpus.py "$n" "$tmp/c.jsonl" --jsonl
/usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" align --jsonl "$tmp/c.jsonl" -o "$tmp/m.tmx" --quiet
read -r secs kb < <(tail -1 "$tmp/time")
printf '%-8s %-22s %5s %9s %11.1f %8d\n' "$n" "align --jsonl" all "$secs" "$(python3 -c "print($n / $secs)")" $((kb / 1024))
python3 scripts/bench/make_corpus.py "$n" "$tmp/c$n"
set +e
/usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" check --corpus "$tmp/c$n" --html "$tmp/report" --quiet
set -e
read -r secs kb < <(tail -1 "$tmp/time")
printf '%-8s %-22s %5s %9s %11.1f %8d\n' "$n" "check --corpus --html" all "$secs" "$(python3 -c "print($n / $secs)")" $((kb / 1024))
