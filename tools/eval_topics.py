#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score isthmus topic labels against gold document topics.

Runs `isthmus tag --format jsonl` over a JSON Lines file whose records
carry gold topics (field `gold_topics`, a list of strings), maps gold
topics onto isthmus topics, and prints precision, recall and F1 per
isthmus topic, plus how many documents with none of the mapped gold
topics received any of the mapped isthmus labels (false labels).

Standard library only.  Example (Reuters-21578 mapping, the default):

    tools/eval_topics.py ../shared/data/topics/reuters_train.jsonl

    --map trade=trade --map ship=trade_routes \\
    --map crude=energy --map nat-gas=energy
"""
import argparse
import json
import os
import subprocess
import sys

DEFAULT_MAP = ["trade=trade", "ship=trade_routes", "crude=energy",
               "nat-gas=energy"]


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSONL with 'text' and gold topics")
    ap.add_argument("--gold-field", default="gold_topics")
    ap.add_argument("--map", action="append", metavar="GOLD=TOPIC",
                    help="gold topic to isthmus topic (repeatable; default: "
                         "the Reuters mapping " + ", ".join(DEFAULT_MAP) + ")")
    ap.add_argument("--isthmus", default=os.path.join(
        here, "..", "build", "isthmus"), help="the isthmus binary")
    ap.add_argument("--min-score", type=float,
                    help="passed to isthmus tag (default: topic thresholds)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list up to N false positives and negatives per "
                         "topic (ids only)")
    ap.add_argument("extra", nargs="*",
                    help="more arguments for isthmus tag (after --)")
    return ap.parse_args(argv)


def main(argv):
    a = parse_args(argv)
    pairs = a.map or DEFAULT_MAP
    gold_to_topic = {}
    for p in pairs:
        g, _, t = p.partition("=")
        if not g or not t:
            sys.exit("eval_topics: bad --map '%s' (want GOLD=TOPIC)" % p)
        gold_to_topic[g] = t
    topics = sorted(set(gold_to_topic.values()))

    cmd = [a.isthmus, "tag", "--format", "jsonl"]
    if a.min_score is not None:
        cmd += ["--min-score", str(a.min_score)]
    cmd += a.extra
    with open(a.input, "rb") as f:
        proc = subprocess.run(cmd, stdin=f, stdout=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        sys.exit("eval_topics: %s exited with %d" % (cmd[0], proc.returncode))

    tp = dict.fromkeys(topics, 0)
    fp = dict.fromkeys(topics, 0)
    fn = dict.fromkeys(topics, 0)
    errs = {t: ([], []) for t in topics}
    n_docs = n_none = n_none_labelled = n_failed = 0
    for line in proc.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        if "error" in rec:
            n_failed += 1
            continue
        n_docs += 1
        gold = {gold_to_topic[g] for g in rec.get(a.gold_field, [])
                if g in gold_to_topic}
        got = {t["label"] for t in rec.get("topics", [])} & set(topics)
        for t in topics:
            if t in got and t in gold:
                tp[t] += 1
            elif t in got:
                fp[t] += 1
                errs[t][0].append(rec.get("id"))
            elif t in gold:
                fn[t] += 1
                errs[t][1].append(rec.get("id"))
        if not gold:
            n_none += 1
            if got:
                n_none_labelled += 1

    print("%-14s %6s %6s %6s %7s %7s %7s" %
          ("topic", "tp", "fp", "fn", "P", "R", "F1"))
    for t in topics:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print("%-14s %6d %6d %6d %7.3f %7.3f %7.3f" %
              (t, tp[t], fp[t], fn[t], p, r, f1))
    rate = n_none_labelled / n_none if n_none else 0.0
    print("documents: %d (%d failed); with none of the mapped topics: %d, "
          "of which labelled with one: %d (%.2f%%)" %
          (n_docs, n_failed, n_none, n_none_labelled, 100 * rate))
    if a.errors:
        for t in topics:
            print("%s false positives: %s" % (t, " ".join(errs[t][0][:a.errors])))
            print("%s false negatives: %s" % (t, " ".join(errs[t][1][:a.errors])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
