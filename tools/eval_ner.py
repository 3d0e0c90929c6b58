#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score isthmus entities against gold spans: exact-span precision, recall
and F1 per class.

Runs `isthmus tag --format jsonl` over a JSON Lines file of
{"id", "text", "gold": [{"start", "end", "label"}]} (offsets in code
points, labels PER/LOC/ORG/MISC, as ../shared/tools/conll2jsonl.py
writes), maps isthmus labels to the gold classes (PERSON -> PER; GPE,
LOC, FAC -> LOC; ORG -> ORG; NORP -> MISC) and counts a prediction as
correct only when start, end and class all equal a gold span.  The
numbers are those of ../shared/tools/score.py, the reference scorer
(tests/cli/run.py checks that the two agree).

Standard library only.  Examples:

    tools/eval_ner.py ../shared/data/eval/conll_dev.jsonl
    tools/eval_ner.py --pred out.jsonl gold.jsonl      # score a file
    tools/eval_ner.py --errors 20 gold.jsonl            # show mistakes
"""
import argparse
import collections
import json
import os
import subprocess
import sys

LABEL_MAP = {
    "PERSON": "PER", "PER": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "GPE": "LOC", "LOC": "LOC", "LOCATION": "LOC", "FAC": "LOC",
    "COUNTRY": "LOC", "PLACE": "LOC",
    "NORP": "MISC",
}
CLASSES = ["PER", "LOC", "ORG", "MISC"]


def load(lines, key):
    out = {}
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        out[str(d.get("id"))] = d.get(key) or []
    return out


def score(gold, pred, classes):
    """Counters tp, fp, fn per class, and the mistakes as (doc, span)."""
    tp, fp, fn = (collections.Counter() for _ in range(3))
    wrong = {"fp": [], "fn": []}
    for doc, gspans in gold.items():
        g = {(s["start"], s["end"], s["label"]) for s in gspans
             if s["label"] in classes}
        p = set()
        for e in pred.get(doc, []):
            lab = LABEL_MAP.get(str(e.get("label", "")).upper())
            if lab in classes:
                p.add((e["start"], e["end"], lab))
        for s in p & g:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
            wrong["fp"].append((doc, s))
        for s in g - p:
            fn[s[2]] += 1
            wrong["fn"].append((doc, s))
    return tp, fp, fn, wrong


def prf(t, f_p, f_n):
    p = t / (t + f_p) if t + f_p else 0.0
    r = t / (t + f_n) if t + f_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", help="gold JSONL")
    ap.add_argument("--pred", help="score this isthmus output instead of "
                    "running isthmus")
    ap.add_argument("--isthmus", default=os.path.join(
        here, "..", "build", "isthmus"))
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--json", action="store_true",
                    help="one JSON object, as score.py --json")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list the N most frequent false positives and "
                         "negatives per class (span texts)")
    ap.add_argument("extra", nargs="*", help="more isthmus tag arguments "
                    "(after --)")
    a = ap.parse_args(argv)
    classes = a.classes.split(",")
    with open(a.gold, encoding="utf-8") as f:
        gold_lines = f.read().splitlines()
    gold = load(gold_lines, "gold")
    texts = {str(json.loads(x)["id"]): json.loads(x)["text"]
             for x in gold_lines if x.strip()}
    if a.pred:
        with open(a.pred, encoding="utf-8") as f:
            pred = load(f.read().splitlines(), "entities")
    else:
        cmd = [a.isthmus, "tag", "--format", "jsonl"] + a.extra
        with open(a.gold, "rb") as f:
            p = subprocess.run(cmd, stdin=f, stdout=subprocess.PIPE)
        if p.returncode not in (0, 1):
            sys.exit("eval_ner: %s exited with %d" % (cmd[0], p.returncode))
        pred = load(p.stdout.decode("utf-8").splitlines(), "entities")
    tp, fp, fn, wrong = score(gold, pred, classes)
    res = {c: dict(zip(("p", "r", "f1"), prf(tp[c], fp[c], fn[c])),
                   tp=tp[c], fp=fp[c], fn=fn[c]) for c in classes}
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    res["micro"] = dict(zip(("p", "r", "f1"), prf(T, P, N)), tp=T, fp=P,
                        fn=N)
    if a.json:
        print(json.dumps(res, sort_keys=True))
        return 0
    print("%-7s %6s %6s %6s %6s %6s %6s" % ("class", "P", "R", "F1", "tp",
                                           "fp", "fn"))
    for c in classes + ["micro"]:
        r = res[c]
        print("%-7s %6.3f %6.3f %6.3f %6d %6d %6d" % (
            c, r["p"], r["r"], r["f1"], r["tp"], r["fp"], r["fn"]))
    if a.errors:
        for kind in ("fp", "fn"):
            for c in classes:
                cnt = collections.Counter(
                    texts[d][s[0]:s[1]] for d, s in wrong[kind] if s[2] == c)
                if cnt:
                    print("%s %s: %s" % (c, kind, ", ".join(
                        "%s (%d)" % kv for kv in cnt.most_common(a.errors))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
