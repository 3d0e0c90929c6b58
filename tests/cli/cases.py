# SPDX-License-Identifier: MIT
"""The runner that tests/cli/outputs.py and limits.py share: each case is
a function case_NAME(binary, root, tmp) returning a list of problems
(empty: passed), run in a scratch directory of its own with its own
database cache.  A case raises Skip to be reported as skipped."""
import os
import subprocess
import sys
import tempfile


class Skip(Exception):
    pass


def run_cases(cases):
    """Runs cases against sys.argv[1] (the binary) in sys.argv[2] (the
    project root); prints a line per case and the counts; returns the
    exit status."""
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.environ.pop("ISTHMUS_GAZETTEERS", None)
    os.environ.pop("ISTHMUS_PATH", None)
    os.environ.pop("ISTHMUS_RULES", None)
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    for case in cases:
        name = case.__name__[5:]
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
            try:
                problems = case(binary, root, tmp)
            except Skip as e:
                print("skip %s (%s)" % (name, e))
                counts["skipped"] += 1
                continue
            except subprocess.TimeoutExpired as e:
                problems = ["timed out: %s" % " ".join(e.cmd)]
            finally:
                # A case may leave read-only directories: make them
                # removable.
                os.chmod(tmp, 0o700)
                for d, _, _ in os.walk(tmp):
                    os.chmod(d, 0o755)
        if problems:
            print("FAIL %s\n  %s" % (name, "\n  ".join(problems)))
            counts["failed"] += 1
        else:
            print("ok   %s" % name)
            counts["passed"] += 1
    print("%(passed)d passed, %(failed)d failed, %(skipped)d skipped" % counts)
    return 1 if counts["failed"] else 0
