#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Peak RSS for one document of N bytes (issue 12: memory per document).
#
#   bench/memory.sh [ISTHMUS]
#
# Two kinds of document, each at 1, 4, 16 and 64 MB: news (the first N
# bytes of ../shared/data/bench/corpus-news.txt.gz, repeated to reach
# 64 MB) and dense text (a sentence of four names over and over: an entity
# every 16 bytes, the worst case for candidates and output).  Each is
# tagged as one document (--format text) with the shipped database,
# -j 1, output to /dev/null.  The floor is the RSS for a one-word
# document; the table gives RSS, RSS above the floor, and that as a
# multiple of N (the aim: at most 4).  Files go to $BENCH_DIR (default
# /tmp/isthmus-bench); never commit them.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
isthmus=${1:-$here/build/isthmus}
work=${BENCH_DIR:-/tmp/isthmus-bench}
news_gz="$here/../shared/data/bench/corpus-news.txt.gz"
mkdir -p "$work"
db="$work/memory.isdb"
"$isthmus" compile -o "$db"

news="$work/news-64m.txt"
if [ ! -s "$news" ]; then
  if [ -f "$news_gz" ]; then
    for _ in 1 2 3 4; do gzip -dc "$news_gz"; done | head -c 64000000 > "$news"
  else
    echo "memory.sh: $news_gz missing: news rows skipped" >&2
  fi
fi
dense="$work/dense-64m.txt"
[ -s "$dense" ] || python3 -c '
import sys
s = "Panama and the United States met in Beijing with Pete Hegseth. "
sys.stdout.write((s * (64000000 // len(s) + 1))[:64000000])' > "$dense"

rss() { # file -> peak RSS in KB
  /usr/bin/time -f "%M" "$isthmus" tag -j 1 --db "$db" "$1" 2>&1 >/dev/null |
    tail -1
}
echo "Panama" > "$work/one-word.txt"
floor=$(rss "$work/one-word.txt")
printf '| document | N (MB) | peak RSS (MB) | above floor (MB) | above floor / N |\n'
printf '|---|---|---|---|---|\n'
awk -v kb="$floor" 'BEGIN { printf "| one word | 0 | %.1f | 0 | - |\n", kb / 1024 }'
for kind in news dense; do
  src="$work/$kind-64m.txt"
  [ -s "$src" ] || continue
  for mb in 1 4 16 64; do
    doc="$work/$kind-$mb.txt"
    head -c $((mb * 1000000)) "$src" > "$doc"
    kb=$(rss "$doc")
    awk -v k="$kind" -v mb="$mb" -v kb="$kb" -v fl="$floor" 'BEGIN {
      printf "| %s | %d | %.1f | %.1f | %.1f |\n", k, mb, kb / 1024,
             (kb - fl) / 1024, (kb - fl) * 1024 / (mb * 1e6) }'
    rm -f "$doc"
  done
done
