#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Golden CLI tests: run every tests/cli/*.test case against the built
isthmus binary, then check offset invariants on the bundled samples and
the topics the shipped taxonomy gives them.

A .test file is a few sections:

    # comment lines
    args: tag -g tests/fixtures/good/basic.yaml --format jsonl
    stdin: <<<
    ...literal lines...
    >>>
    stdin-bytes: b'python bytes literal'   (instead of stdin)
    exit: 1
    stdout: <<<
    ...expected standard output, exactly...
    >>>
    stderr: <<<
    ...expected standard error, exactly...
    >>>

    env: ISTHMUS_PATH=examples/local (variables for every command)
    before: compile -o @TMP@/x.isdb   (isthmus runs first; may repeat)
    edit: x.isdb truncate 100        (then x.isdb flip 200; globs in @TMP@)
    files: name=present other/*.isdb=absent   (globs in @TMP@)

Commands run in the project root with ISTHMUS_GAZETTEERS unset and
XDG_CACHE_HOME set to @TMP@/cache, a scratch directory for each case.
Usage: run.py ISTHMUS_BINARY PROJECT_ROOT [--threads]
(--threads: only the -j check, for the ThreadSanitizer build)
"""
import ast
import glob
import json
import os
import shlex
import subprocess
import sys
import tempfile


def parse(path):
    case, lines, i = {}, open(path, encoding="utf-8").read().split("\n"), 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.startswith("#"):
            continue
        key, _, val = line.partition(":")
        val = val.strip()
        if key in ("before", "edit"):
            case.setdefault(key, []).append(val)
        elif val == "<<<":
            body = []
            while lines[i] != ">>>":
                body.append(lines[i])
                i += 1
            i += 1
            case[key] = "\n".join(body) + ("\n" if body else "")
        else:
            case[key] = val
    return case


def edit_file(tmp, edit):
    """'GLOB truncate N' keeps the first N bytes; 'GLOB flip N' inverts
    bit 0 of byte N.  Returns a problem or None."""
    name, op, n = edit.split()
    paths = glob.glob(os.path.join(tmp, name))
    if len(paths) != 1:
        return "edit: %s matches %d files" % (name, len(paths))
    data = bytearray(open(paths[0], "rb").read())
    if op == "truncate":
        data = data[:int(n)]
    elif op == "flip":
        data[int(n)] ^= 1
    else:
        return "edit: unknown operation %s" % op
    open(paths[0], "wb").write(data)
    return None


def execute(binary, root, c, tmp):
    """Runs case c in scratch directory tmp: its 'before' commands, its
    edits, then its command.  Returns (CompletedProcess, None) or
    (None, problem)."""
    args = [a.replace("@TMP@", tmp) for a in shlex.split(c["args"])]
    if "stdin-bytes" in c:
        stdin = ast.literal_eval(c["stdin-bytes"])
    else:
        stdin = c.get("stdin", "").encode()
    env = dict(os.environ)
    env.pop("ISTHMUS_GAZETTEERS", None)
    env.pop("ISTHMUS_PATH", None)
    env.pop("ISTHMUS_RULES", None)
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
    for item in c.get("env", "").split():  # "env: NAME=VALUE ..."
        name, _, value = item.partition("=")
        env[name] = value.replace("@TMP@", tmp)
    for before in c.get("before", []):
        b = subprocess.run(
            [binary] + [a.replace("@TMP@", tmp) for a in shlex.split(before)],
            stdin=subprocess.DEVNULL, capture_output=True, cwd=root,
            env=env, timeout=60)
        if b.returncode != 0:
            return None, "before: %s: exit %d %s" % (before, b.returncode,
                                                     b.stderr.decode())
    for edit in c.get("edit", []):
        problem = edit_file(tmp, edit)
        if problem:
            return None, problem
    return subprocess.run([binary] + args, input=stdin, capture_output=True,
                          cwd=root, env=env, timeout=60), None


def run_case(binary, root, path, tmp):
    c = parse(path)
    p, problem = execute(binary, root, c, tmp)
    if problem:
        return [problem]
    problems = []
    want_rc = int(c.get("exit", "0"))
    if p.returncode != want_rc:
        problems.append("exit %d, want %d" % (p.returncode, want_rc))
    for stream, got in (("stdout", p.stdout), ("stderr", p.stderr)):
        if stream in c:
            want = c[stream].replace("@TMP@", tmp)
            if got.decode("utf-8", "replace") != want:
                problems.append("%s differs:\n--- got\n%s--- want\n%s" % (
                    stream, got.decode("utf-8", "replace"), want))
    if "files" in c:  # "name=expected text" checks of files in @TMP@
        for item in c["files"].split():
            name, _, state = item.partition("=")
            exists = bool(glob.glob(os.path.join(tmp, name)))
            if (state == "absent") == exists:
                problems.append("file %s: want %s" % (name, state))
    return problems


def check_offsets(binary, root):
    """For every entity of every sample, text == original[start:end] in
    code points, bytes and UTF-16 units."""
    problems = []
    samples = sorted(glob.glob(os.path.join(root, "data/samples/*.txt")))
    if not samples:
        return ["no samples in data/samples"]
    for unit in ("codepoints", "bytes", "utf16"):
        p = subprocess.run([binary, "tag", "--offsets", unit] + samples,
                           capture_output=True, cwd=root, timeout=60)
        if p.returncode != 0:
            problems.append("offsets %s: exit %d %s" % (
                unit, p.returncode, p.stderr.decode()))
            continue
        n = 0
        for line in p.stdout.decode().splitlines():
            rec = json.loads(line)
            raw = open(rec["id"], "rb").read()
            text = raw.decode("utf-8")
            for e in rec["entities"]:
                n += 1
                if unit == "codepoints":
                    got = text[e["start"]:e["end"]]
                elif unit == "bytes":
                    got = raw[e["start"]:e["end"]].decode("utf-8")
                else:
                    u16 = text.encode("utf-16-le")
                    got = u16[2 * e["start"]:2 * e["end"]].decode("utf-16-le")
                if got != e["text"]:
                    problems.append("%s %s: %r != %r" % (
                        rec["id"], unit, got, e["text"]))
        if n < 20:
            problems.append("offsets %s: only %d entities" % (unit, n))
    return problems


# What the shipped taxonomy must say about the bundled samples and the
# quiet texts in tests/data (sport, film, technology: no topic at all).
SAMPLE_TOPICS = {
    "data/samples/panama-visit.txt": {
        "security", "military", "diplomacy", "trade_routes", "sovereignty",
        "great_power_competition"},
    "data/samples/hormuz-shipping.txt": {"trade_routes", "energy"},
    "data/samples/indo-pacific.txt": {"military", "sovereignty"},
    "tests/data/quiet-sport.txt": set(),
    "tests/data/quiet-film.txt": set(),
    "tests/data/quiet-tech.txt": set(),
}


def check_topics(binary, root):
    """Required labels are present (quiet texts: none at all); scores are
    in [0, 1], sorted, and every piece of evidence quotes the text."""
    problems = []
    paths = sorted(SAMPLE_TOPICS)
    p = subprocess.run([binary, "tag"] + paths, capture_output=True,
                       cwd=root, timeout=60)
    if p.returncode != 0:
        return ["topics: exit %d %s" % (p.returncode, p.stderr.decode())]
    for line in p.stdout.decode().splitlines():
        rec = json.loads(line)
        text = open(os.path.join(root, rec["id"]), encoding="utf-8").read()
        got = {t["label"] for t in rec["topics"]}
        want = SAMPLE_TOPICS[rec["id"]]
        if not want <= got or (not want and got):
            problems.append("%s: topics %s, want %s" % (
                rec["id"], sorted(got), sorted(want) or "none"))
        scores = [t["score"] for t in rec["topics"]]
        if scores != sorted(scores, reverse=True) or \
                any(not 0 < x <= 1 for x in scores):
            problems.append("%s: bad scores %s" % (rec["id"], scores))
        for t in rec["topics"]:
            for e in t["evidence"]:
                if text[e["start"]:e["end"]] != e["text"]:
                    problems.append("%s: evidence %r at %d" % (
                        rec["id"], e["text"], e["start"]))
    return problems


def check_threads(binary, root):
    """-j keeps input order across batches, and --stats reports on stderr
    only: 5,000 lines (more than one batch) tagged with 1 and 3 threads
    give the same bytes."""
    import re
    lines = []
    for i in range(5000):
        lines.append(("Panama %d and the Panama Canal, US" % i) if i % 3 else
                     ("line %d {not json} Zürich" % i))
    data = ("\n".join(lines) + "\n").encode()
    outs = []
    for j in ("1", "3"):
        p = subprocess.run([binary, "tag", "--no-default-data", "-g",
                            "tests/fixtures/good/basic.yaml",
                            "--format", "lines", "-j", j, "--stats"],
                           input=data, capture_output=True, cwd=root,
                           timeout=120)
        if p.returncode != 0:
            return ["-j %s: exit %d %s" % (j, p.returncode, p.stderr)]
        if not re.fullmatch(rb"isthmus: 5000 documents \(0 failed\), \d+ "
                            rb"bytes, \d+ entities, [0-9.]+ s, [0-9.]+ MB/s, "
                            rb"%s threads, peak RSS [0-9.]+ MB\n" % j.encode(),
                            p.stderr):
            return ["-j %s: --stats said %r" % (j, p.stderr)]
        outs.append(p.stdout)
    problems = []
    if outs[0] != outs[1]:
        problems.append("-j 3 output differs from -j 1")
    ids = [json.loads(x)["id"] for x in outs[1].decode().splitlines()]
    if ids != ["-:%d" % (i + 1) for i in range(5000)]:
        problems.append("-j 3 records out of order")
    return problems


def check_eval_agreement(binary, root):
    """tools/eval_ner.py and the reference ../shared/tools/score.py give
    the same numbers on the same output."""
    score = os.path.join(root, "..", "shared", "tools", "score.py")
    gold = os.path.join(root, "tests", "data", "ner_gold.jsonl")
    if not os.path.exists(score):
        return None  # the reference scorer is beside the project in CI
    with tempfile.TemporaryDirectory() as tmp:
        pred = os.path.join(tmp, "pred.jsonl")
        with open(gold, "rb") as f, open(pred, "wb") as out:
            subprocess.run([binary, "tag", "--format", "jsonl"], stdin=f,
                           stdout=out, cwd=root, check=True, timeout=60)
        ours = json.loads(subprocess.run(
            [sys.executable, os.path.join(root, "tools", "eval_ner.py"),
             "--json", "--pred", pred, gold], capture_output=True,
            check=True).stdout)
        ref = json.loads(subprocess.run(
            [sys.executable, score, "--json", gold, pred],
            capture_output=True, check=True).stdout)
        # isthmus eval, on the same output and tagging itself.
        c_pred = json.loads(subprocess.run(
            [binary, "eval", "--gold", gold, "--pred", pred, "--format",
             "json"], capture_output=True, check=True, cwd=root).stdout)
        c_tag = json.loads(subprocess.run(
            [binary, "eval", "--gold", gold, "--format", "json"],
            capture_output=True, check=True, cwd=root).stdout)
    problems = []
    for c in ("PER", "LOC", "ORG", "MISC", "micro"):
        for k in ("tp", "fp", "fn", "p", "r", "f1"):
            if ours[c][k] != ref[c][k]:
                problems.append("%s %s: eval_ner %s, score.py %s" % (
                    c, k, ours[c][k], ref[c][k]))
            for name, got in (("eval --pred", c_pred), ("eval", c_tag)):
                if abs(got[c][k] - ref[c][k]) > 1e-9:
                    problems.append("%s %s: isthmus %s %s, score.py %s" % (
                        c, k, name, got[c][k], ref[c][k]))
    if ours["micro"]["tp"] < 5:
        problems.append("too few true positives to compare: %s" %
                        ours["micro"])
    return problems


# tools/eval_ner.py --names-only: which gold spans are name mentions and
# their cores (None: not a name mention).
NAME_CORES = [
    ("Iraqi President Fuad Masum", "Fuad Masum"),
    ("US Secretary of State John Kerry", "John Kerry"),
    ("the Prime Minister - designate, Haider al - Abadi",
     "Haider al - Abadi"),
    ("Tobias Ellwood, Foreign Office Minister", "Tobias Ellwood"),
    ("Mosul district", "Mosul"),
    ("the Diyala Province", "Diyala"),
    ("Al - Raqqa province", "Raqqa"),
    ("the IS group", "IS"),
    ("Syrian news agency Sana", "Sana"),
    ("the Ministry of Higher Education", "Ministry of Higher Education"),
    ("The Members of the Security Council", None),
    ("Minister for the Middle East", None),
    ("the area of Mosul district, Ninewa province", None),
    ("Iraqi security forces", None),
    ("The army", None),
    ("they", None),
    ("Iraqis", None),
    ("Refugees", None),
]


def check_names_only(root):
    """The names-only scoring of tools/eval_ner.py: cores, then a whole
    scoring of a made-up document."""
    sys.path.insert(0, os.path.join(root, "tools"))
    import eval_ner
    problems = []
    for text, want in NAME_CORES:
        core = eval_ner.name_core(text, 0, len(text), root)
        got = text[core[0]:core[1]] if core else None
        if got != want:
            problems.append("core of %r: %r, want %r" % (text, got, want))
    text = ("Iraqi President Fuad Masum met the army in Mosul district "
            "and the UK Government in Paris.")
    spans = [("Iraqi President Fuad Masum", "PER"), ("the army", "ORG"),
             ("Mosul district", "LOC"), ("the UK Government", "ORG")]
    gold = {"d": [{"start": text.index(t), "end": text.index(t) + len(t),
                   "label": lab} for t, lab in spans]}

    def ent(t, label, kind=None):
        return {"start": text.index(t), "end": text.index(t) + len(t),
                "label": label, "kind": kind}
    pred = {"d": [ent("Fuad Masum", "PERSON"), ent("Iraqi", "NORP"),
                  ent("army", "ORG"), ent("Mosul", "GPE"),
                  ent("UK", "GPE", "country"), ent("Paris", "GPE")]}
    tp, fp, fn, _ = eval_ner.score_names(gold, pred, {"d": text},
                                         ["PER", "LOC", "ORG"], root)
    # Fuad Masum and Mosul are right; "army" is inside a span that is no
    # name (not scored); "UK" cuts the core "UK Government" (wrong);
    # Paris overlaps no gold span (wrong); "the UK Government" is missed.
    want = ({"PER": 1, "LOC": 1}, {"LOC": 2}, {"ORG": 1})
    got = tuple({k: v for k, v in c.items() if v} for c in (tp, fp, fn))
    if got != want:
        problems.append("scores (tp, fp, fn) %s, want %s" % (got, want))
    return problems


def check_streaming(binary, root):
    """--line-buffered: each record comes out while the input is still
    open (the reader waits for more only after what it read is written),
    in input order with -j; so does a directory's files."""
    import select
    problems = []
    for args in (["--format", "lines"], ["--format", "lines", "-j", "3"],
                 ["--format", "jsonl", "-j", "2"]):
        p = subprocess.Popen(
            [binary, "tag", "--no-default-data", "-g",
             "tests/fixtures/good/basic.yaml", "--line-buffered"] + args,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root)
        try:
            for n, word in enumerate(("Panama", "PAN", "Panama again"), 1):
                text = word if args[1] == "lines" else json.dumps(
                    {"id": "d%d" % n, "text": word})
                p.stdin.write(text.encode() + b"\n")
                p.stdin.flush()
                ready, _, _ = select.select([p.stdout], [], [], 20)
                if not ready:
                    problems.append("%s: no record for document %d while "
                                    "the input is open" % (args, n))
                    break
                rec = json.loads(p.stdout.readline())
                want = "-:%d" % n if args[1] == "lines" else "d%d" % n
                if rec.get("id") != want or not rec.get("entities"):
                    problems.append("%s: record %d is %s" % (args, n, rec))
        finally:
            p.stdin.close()
            rest = p.stdout.read()
            p.wait(timeout=20)
        if rest.strip():
            problems.append("%s: records left for the end: %r" % (args,
                                                                  rest))
    return problems


def check_suggest_loads(binary, root):
    """What suggest writes is a gazetteer: it passes check and tags the
    corpus it came from with the names it suggested."""
    base = [binary, "suggest", "--no-default-data", "-g",
            "tests/fixtures/good/basic.yaml", "--format", "lines",
            "tests/data/suggest_corpus.txt"]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "suggested.yaml")
        with open(out, "wb") as f:
            subprocess.run(base, stdout=f, cwd=root, check=True, timeout=60)
        p = subprocess.run([binary, "check", "--no-default-data", "-g", out,
                            "--words", "none"], capture_output=True,
                           cwd=root, timeout=60)
        if p.returncode != 0:
            return ["check of suggest's output: %s" % p.stdout.decode()]
        p = subprocess.run([binary, "tag", "--no-default-data", "-g", out,
                            "--format", "lines",
                            "tests/data/suggest_corpus.txt"],
                           capture_output=True, cwd=root, timeout=60,
                           check=True)
        ids = {e["id"] for line in p.stdout.decode().splitlines()
               for e in json.loads(line)["entities"]}
        want = {"local:velika-gorica", "local:drava-shipping-corp",
                "local:mira-kovalenko"}
        if ids != want:
            return ["suggested entries tag %s, want %s" % (sorted(ids),
                                                          sorted(want))]
    return []


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    # The checks below tag too: keep their database cache out of ~/.cache.
    cache = tempfile.TemporaryDirectory()
    os.environ["XDG_CACHE_HOME"] = cache.name
    cases = sorted(glob.glob(os.path.join(root, "tests/cli/*.test")))
    counts = {"ok": 0, "FAIL": 0}
    only_threads = sys.argv[3:] == ["--threads"]

    def report(problems, fail_name, ok_name=None):
        """Prints one check's outcome; problems: a list (empty: passed)."""
        verdict = "FAIL" if problems else "ok"
        counts[verdict] += 1
        if problems:
            print("FAIL %s\n  %s" % (fail_name, "\n  ".join(problems)))
        else:
            print("ok   %s" % (ok_name or fail_name))

    if only_threads:
        report(check_threads(binary, root), "threads",
               "-j keeps order across batches; --stats")
        print("%d passed, %d failed" % (counts["ok"], counts["FAIL"]))
        return 1 if counts["FAIL"] else 0
    for path in cases:
        with tempfile.TemporaryDirectory() as tmp:
            report(run_case(binary, root, path, tmp), os.path.basename(path))
    report(check_offsets(binary, root), "offsets on samples",
           "offsets on samples (3 units)")
    report(check_topics(binary, root), "topics on samples",
           "topics on samples (%d texts)" % len(SAMPLE_TOPICS))
    report(check_threads(binary, root), "threads",
           "-j keeps order across batches; --stats")
    report(check_suggest_loads(binary, root), "suggest output",
           "suggest writes a gazetteer that checks and tags")
    report(check_streaming(binary, root), "streaming",
           "--line-buffered writes each record while the input is open")
    report(check_names_only(root), "eval_ner --names-only",
           "eval_ner --names-only: %d cores and a document" %
           len(NAME_CORES))
    problems = check_eval_agreement(binary, root)
    if problems is None:
        print("skip eval_ner agreement (no ../shared/tools/score.py)")
    else:
        report(problems, "eval_ner vs score.py",
               "eval_ner and isthmus eval agree with score.py")
    passed, failed = counts["ok"], counts["FAIL"]
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
