#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The gazetteer generator is reproducible: run tools/build_gazetteers.py
twice on the fixture in tests/gazgen/sources and compare both runs, byte
for byte, with tests/gazgen/expected.  Then load the output with isthmus
to check it compiles.

Usage: run.py ISTHMUS_BINARY PROJECT_ROOT [--bless]
--bless rewrites tests/gazgen/expected (review the diff).
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile


def generate(root, out):
    here = os.path.join(root, "tests", "gazgen")
    src = os.path.join(here, "sources")
    subprocess.run([sys.executable, os.path.join(root, "tools",
                                                 "build_gazetteers.py"),
                    "--sources", src, "--out", out,
                    "--words", os.path.join(src, "words.txt"),
                    "--given-names", os.path.join(src, "names.txt")],
                   check=True, stdout=subprocess.DEVNULL)


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    expected = os.path.join(root, "tests", "gazgen", "expected")
    problems = []
    with tempfile.TemporaryDirectory() as t1, \
            tempfile.TemporaryDirectory() as t2:
        generate(root, t1)
        generate(root, t2)
        if "--bless" in sys.argv:
            shutil.rmtree(expected, ignore_errors=True)
            shutil.copytree(t1, expected)
            print("blessed %s" % expected)
            return 0
        def files(d):
            return sorted(os.path.relpath(os.path.join(r, f), d)
                          for r, _, fs in os.walk(d) for f in fs)
        names = files(t1)
        if names != files(expected):
            problems.append("files differ: %s vs %s" % (
                names, files(expected)))
        for n in names:
            if not filecmp.cmp(os.path.join(t1, n), os.path.join(t2, n),
                               shallow=False):
                problems.append("%s: two runs differ" % n)
            e = os.path.join(expected, n)
            if os.path.exists(e) and not filecmp.cmp(
                    os.path.join(t1, n), e, shallow=False):
                problems.append("%s: differs from tests/gazgen/expected "
                                "(run.py --bless after reviewing)" % n)
        p = subprocess.run([binary, "tag", "--no-default-data", "-g", t1,
                            "--no-rules"],
                           input=b"Panama and Atlanta, Georgia.",
                           capture_output=True)
        if p.returncode != 0 or b'"PA"' not in p.stdout:
            problems.append("generated gazetteers do not tag: %s" %
                            p.stderr.decode())
    for pr in problems:
        print("FAIL " + pr)
    if not problems:
        print("ok   generator reproduces %d files" % len(names))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
