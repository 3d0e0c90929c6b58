#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the libFuzzer targets of tests/fuzz.
#
#   tests/fuzz/run.sh BUILD_FUZZ ISTHMUS SECONDS [TARGET...]
#
# BUILD_FUZZ: a build configured with CC=clang -DISTH_FUZZ=ON; ISTHMUS: a
# plain build's CLI (it compiles the database seeds).  Each target first
# runs every file of tests/fuzz/regressions/TARGET/ (inputs that once
# crashed or hung: each must now pass), then fuzzes for SECONDS from a
# corpus in BUILD_FUZZ/corpus/TARGET, seeded from the fixtures.  Two
# targets run at a time.  A crash, a leak, an input slower than 25 s or
# 2 GB of memory fails the run; libFuzzer's reproducer is written to
# BUILD_FUZZ/artifacts/TARGET/: copy it into tests/fuzz/regressions/TARGET/
# with the fix.  Prints one line per target: execs and seconds.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
isthmus=$2
seconds=$3
shift 3
targets=${*:-gazetteer rules dbload annotate jsonl}
bin="$build/tests/fuzz"

# Seeds: fixture files, with the selector byte a target reads first.
seed() { # target
  local t=$1 f i=0
  local dir="$build/corpus/$t"
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return 0
  mkdir -p "$dir"
  case $t in
    gazetteer)
      for f in "$here"/tests/fixtures/good/*.yaml "$here"/tests/fixtures/bad/*.yaml \
               "$here"/tests/fixtures/rules/gaz.yaml; do
        { printf '\0'; cat "$f"; } > "$dir/y$((i++))"
      done
      for f in "$here"/tests/fixtures/good/*.txt; do
        { printf '\3'; cat "$f"; } > "$dir/t$((i++))"
      done
      # Layers on a fixture, with diagnostics (the recovery paths).
      for f in "$here"/tests/fixtures/layers/*.yaml; do
        { printf '\14'; cat "$f"; } > "$dir/l$((i++))"
        { printf '\4'; cat "$f"; } > "$dir/d$((i++))"
      done ;;
    rules)
      cp "$here"/tests/fixtures/rules/*.yaml "$dir/"
      for f in "$here"/tests/fixtures/bad-rules/*.yaml \
               "$here"/tests/fixtures/layers/*rules*.yaml; do
        cp "$f" "$dir/bad-$(basename "$f")"
      done ;;
    dbload)
      "$isthmus" compile --no-default-data \
        -g "$here/tests/fixtures/good/basic.yaml" --no-rules \
        -o "$dir/basic.isdb"
      "$isthmus" compile --no-default-data \
        -g "$here/tests/fixtures/rules/gaz.yaml" \
        -r "$here/tests/fixtures/rules/rules.yaml" \
        -r "$here/tests/fixtures/rules/topics.yaml" -o "$dir/rules.isdb" ;;
    annotate)
      for f in "$here"/data/samples/*.txt "$here"/tests/data/*.txt; do
        { printf '\0'; head -c 4096 "$f"; } > "$dir/s$((i++))"
      done ;;
    jsonl)
      head -c 8192 "$here/tests/data/ner_gold.jsonl" > "$dir/gold"
      printf '\357\273\277{"id": 1, "text": "Panama"}\n{"id": 2, "text": \n' \
        > "$dir/bom" ;;
  esac
}

run_one() { # target -> prints its line; non-zero on failure
  local t=$1
  local reg="$here/tests/fuzz/regressions/$t" log="$build/fuzz-$t.log"
  mkdir -p "$build/artifacts/$t"
  seed "$t"
  if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
    if ! "$bin/fuzz_$t" -timeout=25 -rss_limit_mb=2048 "$reg"/* \
         > "$log" 2>&1; then
      echo "fuzz_$t: a regression input fails again:"; tail -30 "$log"
      return 1
    fi
  fi
  if ! "$bin/fuzz_$t" -max_total_time="$seconds" -timeout=25 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$t/" "$build/corpus/$t" \
       > "$log" 2>&1; then
    echo "fuzz_$t: FAILED (reproducer in $build/artifacts/$t/):"
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -20
    return 1
  fi
  awk -v t="$t" '/stat::number_of_executed_units/ {n=$2}
                 /stat::peak_rss_mb/ {r=$2}
                 END {printf "fuzz_%s: %d execs in %s s, peak RSS %s MB\n",
                      t, n, "'"$seconds"'", r}' "$log"
}

passed=0 failed=0
set -- $targets
while [ $# -gt 0 ]; do
  run_one "$1" > "$build/fuzz-$1.out" 2>&1 & p1=$!
  a=$1; shift
  p2=""
  if [ $# -gt 0 ]; then
    run_one "$1" > "$build/fuzz-$1.out" 2>&1 & p2=$!
    b=$1; shift
  fi
  if wait $p1; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  cat "$build/fuzz-$a.out"
  if [ -n "$p2" ]; then
    if wait $p2; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    cat "$build/fuzz-$b.out"
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
