#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The Python package against the CLI: the same records for the same
input (every sample, a document over 1 MiB, and a shared evaluation
corpus when ../shared is there), offsets usable as Python slices, tag_many in input order on
threads, pickling, loading a compiled database, typed errors with
file:line:col.

Usage: test_isthmus.py ISTHMUS_BINARY PROJECT_ROOT   (PYTHONPATH=build/python)
"""
import glob
import json
import os
import pickle
import subprocess
import sys
import tempfile
import unittest

import isthmus

BINARY = ROOT = None


def cli_records(args, stdin):
    p = subprocess.run([BINARY, "tag"] + args, input=stdin.encode(),
                       capture_output=True, cwd=ROOT, timeout=600)
    return [json.loads(line) for line in p.stdout.decode().splitlines()]


def strip(rec, keep=("entities", "topics", "explain")):
    return {k: v for k, v in rec.items() if k in keep}


class Package(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.chdir(ROOT)  # sources are shown relative to the data's root
        cls.t = isthmus.Tagger()

    def test_samples_equal_cli(self):
        files = sorted(glob.glob(os.path.join(ROOT, "data", "samples",
                                              "*.txt")))
        self.assertTrue(files)
        for f in files:
            with open(f, encoding="utf-8") as fh:
                text = fh.read()
            want = cli_records(["--format", "jsonl"],
                               json.dumps({"text": text}) + "\n")
            self.assertEqual(len(want), 1)
            self.assertEqual(self.t.tag(text), strip(want[0]), f)

    def test_long_document_equals_cli(self):
        """Over 1 MiB: both take it in parts (isth_annotate_stream).  The
        acronym defined in every paragraph tells parts from the whole (at
        most 32 definitions a document, and a part is one)."""
        para = ("Defense Secretary Pete Hegseth will visit Panama amid "
                "tensions over the Panama Canal.\n\nThe Rapid Support "
                "Forces (RSF) shelled El Fasher.\n\nOil tankers avoided "
                "the Strait of Hormuz, and Marta Kowalczyk of the Liverpool "
                "County Football Association flew to Geneva.\n\n")
        text = para * (1300000 // len(para) + 1)
        want = cli_records(["--format", "jsonl", "--max-doc-bytes", "4M"],
                           json.dumps({"text": text}) + "\n")
        self.assertEqual(len(want), 1)
        got = self.t.tag(text)
        self.assertGreater(len(got["entities"]), 10000)
        self.assertEqual(got, strip(want[0]))

    def test_corpus_equals_cli(self):
        gold = os.path.join(ROOT, "..", "shared", "data", "eval",
                            "conll_dev.jsonl")
        if not os.path.exists(gold):
            self.skipTest("no ../shared corpus")
        with open(gold, encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f][:120]
        want = cli_records(["--format", "jsonl"], "".join(
            json.dumps({"text": t}) + "\n" for t in texts))
        got = list(self.t.tag_many(texts, n_threads=3))
        self.assertEqual(len(got), len(texts))
        for i, (g, w) in enumerate(zip(got, want)):
            self.assertEqual(g, strip(w), "document %d" % i)

    def test_offsets_are_slices(self):
        text = "Panamá: «Pete Hegseth» visited the Panama Canal 🚢 today."
        r = self.t.tag(text)
        self.assertTrue(r["entities"])
        for e in r["entities"]:
            self.assertEqual(text[e["start"]:e["end"]], e["text"])
        b = isthmus.Tagger(offsets="bytes").tag(text)
        raw = text.encode()
        for e in b["entities"]:
            self.assertEqual(raw[e["start"]:e["end"]].decode(), e["text"])

    def test_tag_many_order(self):
        texts = ["Panama %d" % i if i % 3 else "Pete Hegseth %d" % i
                 for i in range(200)]
        one = [self.t.tag(x) for x in texts]
        self.assertEqual(list(self.t.tag_many(texts, n_threads=4)), one)
        self.assertEqual(list(self.t.tag_many(iter(texts), n_threads=1)), one)

    def test_pickle(self):
        t2 = pickle.loads(pickle.dumps(self.t))
        text = "The Strait of Hormuz and Panama."
        self.assertEqual(t2.tag(text), self.t.tag(text))
        self.assertEqual(t2.counts(), self.t.counts())

    def test_db_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "x.isdb")
            self.t.save(db)
            t3 = isthmus.Tagger(db=db)
            text = "Defense Secretary Pete Hegseth visited Panama."
            self.assertEqual(t3.tag(text), self.t.tag(text))
            want = cli_records(["--db", db, "--format", "lines"], text + "\n")
            self.assertEqual(t3.tag(text), strip(want[0]))

    def test_options(self):
        t = isthmus.Tagger(default_data=False,
                           gazetteers="tests/fixtures/good/basic.yaml",
                           attributes=True, explain=True)
        r = t.tag("PAN is Panama")
        want = cli_records(["--no-default-data", "-g",
                            "tests/fixtures/good/basic.yaml", "--attributes",
                            "--explain", "--format", "lines"],
                           "PAN is Panama\n")
        self.assertEqual(r, strip(want[0]))
        self.assertIn("explain", r)
        self.assertEqual(r["entities"][0]["attributes"], {"alpha3": "PAN"})

    def test_errors(self):
        with self.assertRaises(isthmus.DataError) as cm:
            isthmus.Tagger(default_data=False,
                           gazetteers="tests/fixtures/bad/no_entries.yaml")
        e = cm.exception
        self.assertEqual((e.file, e.line, e.col),
                         ("tests/fixtures/bad/no_entries.yaml", 2, 1))
        self.assertIsInstance(e, isthmus.Error)
        with self.assertRaises(isthmus.Error):
            isthmus.Tagger(db="tests/fixtures/no-such.isdb")
        with self.assertRaises(ValueError):
            isthmus.Tagger(offsets="furlongs").tag("x")
        with self.assertRaises(TypeError):
            self.t.tag(b"bytes are not text")


if __name__ == "__main__":
    BINARY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1], verbosity=1)
