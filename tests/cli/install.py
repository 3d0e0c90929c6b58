#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An installed copy works from its prefix: 'cmake --install' into a
scratch prefix, the prefix moved elsewhere (so neither the configured
prefix nor anything but the copy can be what it reads), then the moved
bin/isthmus must load the data installed beside it, tag the sample, and
pass 'check'.

Usage: install.py BUILD_DIR PROJECT_ROOT"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from cases import run_cases


def case_moved_prefix(binary, root, tmp):
    build = os.path.dirname(binary)
    prefix = os.path.join(tmp, "p")
    p = subprocess.run(["cmake", "--install", build, "--prefix", prefix],
                       capture_output=True, timeout=120)
    if p.returncode:
        return ["cmake --install: %s" % p.stderr.decode()]
    moved = os.path.join(tmp, "moved")
    shutil.move(prefix, moved)
    exe = os.path.join(moved, "bin", "isthmus")
    problems = []
    p = subprocess.run([exe, "check", "--format", "json", "--words", "none"],
                       capture_output=True, cwd=tmp, timeout=120)
    if p.returncode:
        return ["check: exit %d: %s" % (p.returncode, p.stderr.decode())]
    report = json.loads(p.stdout)
    want = os.path.join(moved, "share", "isthmus")
    for key in ("gazetteers", "rules"):
        if not report[key] or not os.path.realpath(report[key][0]).startswith(
                os.path.realpath(want)):
            problems.append("%s loaded from %s, want under %s" % (
                key, report[key], want))
    sample = os.path.join(root, "data", "samples")
    text = sorted(os.listdir(sample))[0]
    p = subprocess.run([exe, "tag", os.path.join(sample, text)],
                       capture_output=True, cwd=tmp, timeout=120)
    if p.returncode:
        problems.append("tag: exit %d: %s" % (p.returncode,
                                              p.stderr.decode()))
    else:
        rec = json.loads(p.stdout)
        if not rec["entities"] or not rec["topics"]:
            problems.append("tag found nothing in %s: %s" % (text, p.stdout))
    man = os.path.join(moved, "share", "man", "man1", "isthmus.1")
    if not os.path.exists(man):
        problems.append("no man page at %s" % man)
    return problems


if __name__ == "__main__":
    sys.exit(run_cases([case_moved_prefix]))
