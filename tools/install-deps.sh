#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian packages isthmus needs, when any is missing.
# Uses sudo when not root.  Does nothing when all are present.
set -eu
pkgs="build-essential cmake pkg-config libpcre2-dev libyaml-dev libutf8proc-dev check python3"
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
