#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmark: isthmus beside the anchors (Hyperscan, pyahocorasick,
# ripgrep, GNU grep) on the same corpus and dictionaries, in one run.
#
#   bench/run.sh [CORPUS] [DICT...]
#
# Defaults: ../shared/data/bench/corpus.txt.gz and dict-{1k,10k,100k,1M}
# (gzipped files are unpacked into $BENCH_DIR, default
# /tmp/isthmus-bench; never commit them).  The task, for every tool:
# count the dictionary's names in the corpus, one document per line,
# case-insensitively, whole words, leftmost-longest, whole process
# including start-up and compilation.  SIZES=1k,10k limits the run;
# anchors that are missing are skipped with a note.  Anchors come from
# Debian: libhyperscan-dev, python3-ahocorasick, ripgrep, grep.
#
# Prints, per dictionary, isthmus's compile time, database size and load
# time, then a Markdown table: seconds, MB/s, compile time, peak RSS,
# match count, and isthmus --count's speed as a multiple of each tool's
# (above 1: isthmus is faster).  isthmus scans with a compiled database
# (isthmus compile, tag --db); one row compiles the list and scans in one
# process, like "Hyperscan (compile + scan)".  A tool still running after
# ANCHOR_TIMEOUT seconds (default 300) is called off and reported so.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
shared="$here/../shared/data/bench"
work=${BENCH_DIR:-/tmp/isthmus-bench}
limit=${ANCHOR_TIMEOUT:-300}   # seconds before a tool is called off
mkdir -p "$work"

unpack() { # file -> path of the plain file
  case "$1" in
    *.gz) local out="$work/$(basename "${1%.gz}")"
          [ -s "$out" ] || gzip -dc "$1" > "$out"
          echo "$out" ;;
    *) echo "$1" ;;
  esac
}

corpus=$(unpack "${1:-$shared/corpus.txt.gz}")
shift || true
if [ $# -gt 0 ]; then dicts=("$@"); else
  dicts=()
  IFS=, read -r -a sizes <<< "${SIZES:-1k,10k,100k,1M}"
  for s in "${sizes[@]}"; do dicts+=("$shared/dict-$s.txt.gz"); done
fi
bytes=$(stat -c %s "$corpus")

# Build what is needed.
cmake -S "$here" -B "$here/build-bench" -DCMAKE_BUILD_TYPE=Release \
  -DISTH_BUILD_TESTS=OFF > /dev/null
cmake --build "$here/build-bench" -j "$(nproc)" > /dev/null
isthmus="$here/build-bench/isthmus"
hs=""
if pkg-config --exists libhs 2>/dev/null; then
  cc -O2 -o "$work/hs_count" "$here/bench/hs_count.c" \
     $(pkg-config --cflags --libs libhs)
  hs="$work/hs_count"
fi
pyac=""
if /usr/bin/python3 -c 'import ahocorasick' 2>/dev/null; then
  pyac="/usr/bin/python3 $here/bench/pyac_count.py"
fi

# measure NAME CMD...: runs CMD, records seconds, peak RSS and its output.
# A run under 10 s is repeated (3 runs in all) and the fastest kept: this
# machine is shared, and the minimum is the least disturbed.
measure() {
  local name=$1; shift
  local t="$work/time.$$" rc=0 best="" bkb=0 run secs kb
  for run in 1 2 3; do
    rc=0
    timeout "$limit" /usr/bin/time -f "%e %M" -o "$t" "$@" > "$work/out.$$" \
      2>"$work/err.$$" || rc=$?
    [ "$rc" = 0 ] || break
    read -r secs kb < "$t"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs; bkb=$kb
    fi
    awk -v s="$secs" 'BEGIN { exit !(s < 10) }' || break
  done
  if [ "$rc" = 124 ]; then
    echo "| $name | > $limit | < $(awk -v b="$bytes" -v s="$limit" 'BEGIN { printf "%.2f", b / 1e6 / s }') | did not finish in $limit s |||| |"
    return
  elif [ "$rc" != 0 ]; then
    echo "| $name | failed: $(head -c 200 "$work/err.$$" | tr '\n' ' ') |||||"
    return
  fi
  secs=$best; kb=$bkb
  out=$(cat "$work/out.$$")
  matches=$(printf '%s' "$out" | grep -o '"entities": [0-9]*\|matches [0-9]*' |
            grep -o '[0-9]*$' | head -1)
  [ -n "$matches" ] || matches=$(printf '%s' "$out" | tail -1)
  compile=$(printf '%s' "$out" | grep -o 'compile_s [0-9.]*' | cut -d' ' -f2)
  [ -n "${compile:-}" ] || compile=${COMPILE:--}
  mbs=$(awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }')
  [ -n "${base:-}" ] || base=$mbs  # the first row is isthmus --count -j 1
  ratio=$(awk -v a="$base" -v m="$mbs" 'BEGIN { printf "%.2f", (m > 0 ? a / m : 0) }')
  printf '| %s | %s | %s | %s | %.0f | %s | %sx |\n' "$name" "$secs" "$mbs" \
    "$compile" "$((kb / 1024))" "$matches" "$ratio"
}

echo "corpus: $corpus ($bytes bytes, $(wc -l < "$corpus") documents), $(nproc) cores"
for d in "${dicts[@]}"; do
  dict=$(unpack "$d")
  n=$(grep -vc '^#' "$dict" || true)
  echo
  echo "### $(basename "$dict") ($n names)"
  echo
  # isthmus: compile once (isthmus compile), then every scan maps the
  # database; load time is a run over empty input.
  db="$work/isthmus.isdb"
  /usr/bin/time -f "%e %M" -o "$work/ct.$$" "$isthmus" compile --no-default-data -g "$dict" \
    --label GPE --no-rules -o "$db"
  read -r COMPILE ckb < "$work/ct.$$"
  /usr/bin/time -f "%e" -o "$work/lt.$$" "$isthmus" tag --db "$db" --count \
    /dev/null > /dev/null
  echo "isthmus: compile $COMPILE s (peak RSS $((ckb / 1024)) MB), database" \
    "$(($(stat -c %s "$db") / 1048576)) MB, load $(cat "$work/lt.$$") s"
  echo
  base=
  echo "| tool | s | MB/s | compile s | peak RSS MB | matches (JSONL: records) | isthmus --count -j 1 vs it |"
  echo "|---|---|---|---|---|---|---|"
  COMPILE=-
  measure "isthmus --count -j 1" "$isthmus" tag --db "$db" \
    --format lines --count -j 1 "$corpus"
  measure "isthmus --count (all cores)" "$isthmus" tag --db "$db" \
    --format lines --count "$corpus"
  measure "isthmus JSONL -j 1" sh -c "'$isthmus' tag --db '$db' \
    --format lines -j 1 '$corpus' | wc -l"
  measure "isthmus --count -j 1, compile + scan" "$isthmus" tag --no-default-data -g "$dict" \
    --label GPE --no-rules --no-cache --format lines --count -j 1 "$corpus"
  COMPILE=-
  if [ -n "$hs" ]; then
    measure "Hyperscan (compile + scan)" "$hs" "$dict" "$corpus"
    rm -f "$work/hs.db"
    if timeout "$limit" "$hs" -s "$work/hs.db" "$dict" > /dev/null 2>&1; then
      measure "Hyperscan (deserialized)" "$hs" -d "$work/hs.db" "$corpus"
    else
      echo "| Hyperscan (deserialized) | no database: compiling took over $limit s |||||"
    fi
  else
    echo "| Hyperscan | not installed (libhyperscan-dev) |||||"
  fi
  if [ -n "$pyac" ]; then
    measure "pyahocorasick" $pyac "$dict" "$corpus"
  else
    echo "| pyahocorasick | not installed (python3-ahocorasick) |||||"
  fi
  if [ "$n" -le 10000 ] && command -v rg > /dev/null; then
    measure "ripgrep -F -i -w" sh -c "rg -F -i -w -o -f '$dict' '$corpus' | wc -l"
  fi
  if [ "$n" -le 1000 ]; then
    measure "GNU grep -F -i -w (C locale)" sh -c \
      "LC_ALL=C grep -F -i -w -o -f '$dict' '$corpus' | wc -l"
  fi
done
rm -f "$work"/*.$$
