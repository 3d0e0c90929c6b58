#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Large documents and the limits of docs/reliability.md, end to end.

- A document of more than 1 MiB is tagged alone and its record streamed
  out as it is built: the record must still be one valid JSON line, in
  input order, with every entity's text at its offsets (text, lines and
  jsonl inputs, and when the output cannot be written).
- A rule that is slow on every start position uses up its document's
  regular expression budget: that document becomes an error record and
  the next one is tagged.
- A document of more than 1 MiB is tagged in parts (isth_annotate_stream):
  with the shipped data, paragraphs that do not refer to each other give
  the entities and topics of the whole document at once (--explain takes
  it whole); a document that fails after its first part keeps the
  entities already written and says "error".

Prints "ok NAME" or "FAIL NAME" per case and "N passed, N failed".
Usage: limits.py ISTHMUS_BINARY PROJECT_ROOT
"""
import json
import os
import stat
import subprocess
import sys
import time

from cases import Skip, run_cases

SENTENCE = "Panama and the United States met in Beijing, said Zürich.\n"
GAZ = ["--no-default-data", "-g", "tests/fixtures/good/basic.yaml", "--no-rules"]


def tag(binary, root, args, stdin=b"", timeout=120):
    return subprocess.run([binary, "tag"] + args, input=stdin,
                          capture_output=True, cwd=root, timeout=timeout)


def check_record(rec, text, problems, what):
    """Every entity's text is the document's at its code-point offsets."""
    for e in rec["entities"]:
        if text[e["start"]:e["end"]] != e["text"]:
            problems.append("%s: entity %r at %d" % (what, e["text"],
                                                     e["start"]))
            return


def case_big_text(binary, root, tmp):
    problems = []
    small = os.path.join(tmp, "a.txt")
    big = os.path.join(tmp, "b.txt")
    with open(small, "w", encoding="utf-8") as f:
        f.write(SENTENCE)
    lines = 1300000 // len(SENTENCE.encode()) + 1
    with open(big, "w", encoding="utf-8") as f:
        f.write(SENTENCE * lines)
    per_line = len(json.loads(tag(binary, root, GAZ + [small]).stdout)[
        "entities"])
    for jobs in ("1", "2"):
        p = tag(binary, root, GAZ + ["-j", jobs, small, big, small])
        if p.returncode != 0:
            return ["-j %s: exit %d %s" % (jobs, p.returncode, p.stderr)]
        recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
        if [r["id"] for r in recs] != [small, big, small]:
            problems.append("-j %s: records %s" % (jobs,
                                                   [r["id"] for r in recs]))
            continue
        if len(recs[1]["entities"]) != per_line * lines:
            problems.append("-j %s: %d entities, want %d" % (
                jobs, len(recs[1]["entities"]), per_line * lines))
        check_record(recs[1], SENTENCE * lines, problems, "-j " + jobs)
    return problems


def case_big_lines_and_jsonl(binary, root, tmp):
    """A line of more than 1 MiB among short ones, in lines and jsonl."""
    problems = []
    long_text = SENTENCE.strip() * (1200000 // len(SENTENCE))
    docs = ["Panama", long_text, "Beijing"]
    lines = ("\n".join(docs) + "\n").encode()
    jsonl = "".join(json.dumps({"id": i, "text": d}) + "\n"
                    for i, d in enumerate(docs)).encode()
    for fmt, data, ids in (("lines", lines, ["-:1", "-:2", "-:3"]),
                           ("jsonl", jsonl, [0, 1, 2])):
        p = tag(binary, root, GAZ + ["--format", fmt], data)
        if p.returncode != 0:
            problems.append("%s: exit %d %s" % (fmt, p.returncode, p.stderr))
            continue
        recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
        if [r["id"] for r in recs] != ids:
            problems.append("%s: ids %s" % (fmt, [r["id"] for r in recs]))
            continue
        for rec, text in zip(recs, docs):
            check_record(rec, text, problems, fmt)
        if len(recs[1]["entities"]) < 1000:
            problems.append("%s: only %d entities in the long line" % (
                fmt, len(recs[1]["entities"])))
    return problems


def case_big_write_error(binary, root, tmp):
    """A streamed record that cannot be written: exit 1 with the reason
    (a full device of our own, 1:7; root only)."""
    if os.geteuid() != 0:
        raise Skip("mknod needs root")
    full = os.path.join(tmp, "full")
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    big = os.path.join(tmp, "b.txt")
    with open(big, "w", encoding="utf-8") as f:
        f.write(SENTENCE * 30000)
    p = tag(binary, root, GAZ + ["-o", full, big])
    problems = []
    if p.returncode != 1 or b"No space left on device" not in p.stderr:
        problems.append("exit %d %r" % (p.returncode, p.stderr))
    if not stat.S_ISCHR(os.lstat(full).st_mode):
        problems.append("the device was replaced")
    return problems


def case_regex_budget(binary, root, tmp):
    """Each start position costs the rule a few thousand steps, far under
    the per-attempt match limit, but the document as a whole would take
    minutes: it fails with the budget's message, the next is tagged."""
    rules = os.path.join(tmp, "slow.yaml")
    with open(rules, "w") as f:
        f.write("rules:\n  - id: slowish\n    label: EVENT\n"
                "    pattern: '(?:a|aa)+(?:c|\\s)d'\n")
    slow = ("a" * 26 + " ") * 3000 + " d"  # a d, so PCRE2 must search
    data = (slow + "\naaaa d\n").encode()
    t0 = time.monotonic()
    p = tag(binary, root, ["--no-default-data", "-g", "tests/fixtures/rules/gaz.yaml", "-r", rules,
                           "--format", "lines", "-j", "1"], data,
            timeout=300)
    took = time.monotonic() - t0
    problems = []
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    if p.returncode != 1 or len(recs) != 2:
        return ["exit %d, %d records %r" % (p.returncode, len(recs),
                                            p.stderr)]
    if "used up the regular expression time budget" not in \
            recs[0].get("error", ""):
        problems.append("first record %r" % recs[0])
    if [e["text"] for e in recs[1].get("entities", [])] != ["aaaa d"]:
        problems.append("second record %r" % recs[1])
    if took > 60:
        problems.append("took %.1f s: the budget did not stop it" % took)
    return problems


def case_regex_budget_counts_work(binary, root, tmp):
    """Twenty-four documents that each need a fraction of the budget
    (about 0.4 s of CPU here, the budget is 2 s) tagged by 24 threads on
    a few cores: each waits for a core longer than the budget, but
    waiting does not count, so every one is tagged."""
    rules = os.path.join(tmp, "slow.yaml")
    with open(rules, "w") as f:
        f.write("rules:\n  - id: slowish\n    label: EVENT\n"
                "    pattern: '(?:a|aa)+(?:c|\\s)d'\n")
    doc = ("a" * 16 + " ") * 4000 + " d"  # 68 KB: the CPU clock is read
    data = ((doc + "\n") * 24).encode()
    t0 = time.monotonic()
    p = tag(binary, root, ["--no-default-data", "-g", "tests/fixtures/rules/gaz.yaml", "-r", rules,
                           "--format", "lines", "-j", "24"], data,
            timeout=300)
    took = time.monotonic() - t0
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    errors = [r for r in recs if "error" in r]
    if p.returncode != 0 or len(recs) != 24 or errors:
        return ["exit %d, %d records, errors %r" % (
            p.returncode, len(recs), errors[:1])]
    if took < 2.5:
        raise Skip("the documents never waited past the budget (%.1f s)"
                   % took)
    return []


# Paragraphs of our own, each naming only what it names itself.
PARAGRAPHS = [
    "Defense Secretary Pete Hegseth will visit Panama amid tensions over "
    "the Panama Canal, the Pentagon said on Tuesday. Hegseth is expected "
    "to meet officials of the Panama Canal Authority.",
    "Oil tankers avoided the Strait of Hormuz after Iran seized a vessel, "
    "and insurers raised war-risk premiums for shipping in the Gulf of "
    "Oman. Brent crude rose 3 percent.",
    "The Rapid Support Forces shelled El Fasher, the United Nations said. "
    "The RSF denied the attack, and Sudan asked the African Union for "
    "talks in Addis Ababa.",
    "Marta Kowalczyk, a spokeswoman for the Liverpool County Football "
    "Association, said Kowalczyk would travel to Geneva with the trade "
    "delegation of the European Union.",
]


def case_parts_match_whole(binary, root, tmp):
    """2.5 MB of paragraphs after blank lines: three parts, the same
    entities and topics as the whole document.  (No paragraph defines an
    acronym: the whole document would stop at 32 definitions, each part
    starts again.)"""
    para = "\n\n".join(PARAGRAPHS) + "\n\n"
    text = para * (2500000 // len(para.encode()) + 1)
    path = os.path.join(tmp, "p.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    parts = tag(binary, root, [path])
    whole = tag(binary, root, ["--explain", path])
    if parts.returncode or whole.returncode:
        return ["exit %d/%d %r" % (parts.returncode, whole.returncode,
                                    parts.stderr + whole.stderr)]
    a, b = json.loads(parts.stdout), json.loads(whole.stdout)
    problems = []
    per_copy = len(json.loads(tag(binary, root, [], para.encode()).stdout)[
        "entities"])
    if per_copy < 20:
        problems.append("only %d entities in the paragraphs" % per_copy)
    if len(a["entities"]) != per_copy * (len(text) // len(para)):
        problems.append("%d entities, want %d" % (
            len(a["entities"]), per_copy * (len(text) // len(para))))
    if a["entities"] != b["entities"]:
        diff = [(x, y) for x, y in zip(a["entities"], b["entities"])
                if x != y]
        problems.append("entities differ: %d and %d, first %r" % (
            len(a["entities"]), len(b["entities"]), diff[:1]))
    if a["topics"] != b["topics"] or not a["topics"]:
        problems.append("topics %r, whole %r" % (a["topics"], b["topics"]))
    check_record(a, text, problems, "parts")
    return problems


def case_parts_error_after_first(binary, root, tmp):
    """The slow rule uses up the budget in the second part: the record
    has the first part's entities, then "error"; the next is tagged."""
    rules = os.path.join(tmp, "slow.yaml")
    with open(rules, "w") as f:
        f.write("rules:\n  - id: slowish\n    label: EVENT\n"
                "    pattern: '(?:a|aa)+(?:c|\\s)d'\n")
    first = SENTENCE * (1100000 // len(SENTENCE.encode()))
    slow = ("a" * 26 + " ") * 3000 + " d"
    big = os.path.join(tmp, "big.txt")
    with open(big, "w", encoding="utf-8") as f:
        f.write(first + slow)
    small = os.path.join(tmp, "small.txt")
    with open(small, "w", encoding="utf-8") as f:
        f.write("Panama\n")
    p = tag(binary, root, GAZ[:3] + ["-r", rules, "-j", "1", big, small],
            timeout=300)
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    if p.returncode != 1 or len(recs) != 2:
        return ["exit %d, %d records %r" % (p.returncode, len(recs),
                                            p.stderr)]
    problems = []
    rec = recs[0]
    if rec.get("id") != big or "used up the regular expression time " \
            "budget" not in rec.get("error", ""):
        problems.append("first record %r" % {k: v for k, v in rec.items()
                                             if k != "entities"})
    n = len(rec.get("entities", []))
    # The first part ends at the last line break before 1 MiB.
    lines = (1 << 20) // len(SENTENCE.encode())
    per_line = len(json.loads(tag(binary, root, GAZ[:3],
                                  SENTENCE.encode()).stdout)["entities"])
    if n != per_line * lines:
        problems.append("%d entities, want the first part's %d" % (
            n, per_line * lines))
    check_record(rec, first, problems, "partial")
    if b"after %d entities" % n not in p.stderr:
        problems.append("stderr %r" % p.stderr[-300:])
    if [e["text"] for e in recs[1].get("entities", [])] != ["Panama"]:
        problems.append("second record %r" % recs[1])
    return problems


CASES = [case_big_text, case_big_lines_and_jsonl, case_big_write_error,
         case_regex_budget, case_regex_budget_counts_work,
         case_parts_match_whole, case_parts_error_after_first]


if __name__ == "__main__":
    sys.exit(run_cases(CASES))
