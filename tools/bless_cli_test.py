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
    import shlex
    import subprocess
    c = run.parse(path)
    args = shlex.split(c["args"])
    if "stdin-bytes" in c or "files" in c or "@TMP@" in c["args"]:
        sys.exit("%s: uses stdin-bytes or @TMP@; edit it by hand" % path)
    env = dict(os.environ)
    env.pop("ISTHMUS_GAZETTEERS", None)
    env.pop("ISTHMUS_RULES", None)
    p = subprocess.run([binary] + args, input=c.get("stdin", "").encode(),
                       capture_output=True, cwd=root, env=env, timeout=60)
    lines = open(path, encoding="utf-8").read().split("\n")
    head = []
    for line in lines:  # comments, args and stdin stay as they are
        if line.startswith(("exit:", "stdout:", "stderr:")):
            break
        head.append(line)
    while head and not head[-1].strip():
        head.pop()
    out = head[:]
    if p.returncode:
        out.append("exit: %d" % p.returncode)
    out += ["stdout: <<<", p.stdout.decode() + ">>>",
            "stderr: <<<", p.stderr.decode() + ">>>", ""]
    open(path, "w", encoding="utf-8").write("\n".join(out))


def main():
    binary = os.path.abspath(sys.argv[1])
    root = os.path.abspath(os.path.join(HERE, ".."))
    for path in sys.argv[2:]:
        bless(binary, root, path)
        print("blessed %s" % path)


if __name__ == "__main__":
    main()
