#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Re-record the expected output of golden CLI tests after a deliberate
change: runs each given tests/cli/*.test case and rewrites its exit,
stdout and stderr sections.  Review the diff (git diff tests/cli) before
committing: a blessed test is only as good as that review.

Usage: tools/bless_cli_test.py build/isthmus tests/cli/NAME.test...
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "cli"))
import run  # noqa: E402


def bless(binary, root, path):
    import tempfile
    c = run.parse(path)
    with tempfile.TemporaryDirectory() as tmp:
        p, problem = run.execute(binary, root, c, tmp)
        if problem:
            sys.exit("%s: %s" % (path, problem))
        stdout = p.stdout.decode().replace(tmp, "@TMP@")
        stderr = p.stderr.decode().replace(tmp, "@TMP@")
    lines = open(path, encoding="utf-8").read().split("\n")
    head = []
    for line in lines:  # comments, args and stdin stay as they are
        if line.startswith(("exit:", "stdout:", "stderr:", "files:")):
            break
        head.append(line)
    while head and not head[-1].strip():
        head.pop()
    out = head[:]
    if p.returncode:
        out.append("exit: %d" % p.returncode)
    out += ["stdout: <<<", stdout + ">>>", "stderr: <<<", stderr + ">>>"]
    if "files" in c:  # keep the file checks last, as written
        out.append("files: " + c["files"])
    out.append("")
    open(path, "w", encoding="utf-8").write("\n".join(out))


def main():
    binary = os.path.abspath(sys.argv[1])
    root = os.path.abspath(os.path.join(HERE, ".."))
    for path in sys.argv[2:]:
        bless(binary, root, path)
        print("blessed %s" % path)


if __name__ == "__main__":
    main()
