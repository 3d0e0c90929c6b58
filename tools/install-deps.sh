#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian packages isthmus needs, when any is missing.
# wamerican is the word list 'isthmus check' warns about common words with;
# python3-dev builds the Python package.
# With --test, also what the tests need beyond the build: clang and its
# runtime libraries, for the libFuzzer targets and ThreadSanitizer;
# chromium, to render 'isthmus view' pages; python3-jsonschema and
# python3-yaml, to check the JSON Schemas; python3-dask,
# python3-distributed and python3-pandas, for the Dask LocalCluster test.
# Uses sudo when not root.  Does nothing when all are present.
set -eu
pkgs="build-essential cmake pkg-config libpcre2-dev libyaml-dev libutf8proc-dev check python3 python3-dev wamerican"
if [ "${1:-}" = "--test" ]; then
  pkgs="$pkgs clang libclang-rt-14-dev chromium python3-jsonschema python3-yaml python3-dask python3-distributed python3-pandas"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
