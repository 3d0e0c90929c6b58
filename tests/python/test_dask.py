#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""isthmus.dask on a distributed.LocalCluster of 2 worker processes:
tag_bag and tag_dataframe give the CLI's records for a JSON Lines corpus
(the samples and, when ../shared is there, 200 CoNLL documents), and
each worker builds its tagger once, not once per partition.

Usage: test_dask.py ISTHMUS_BINARY PROJECT_ROOT   (PYTHONPATH=build/python)
"""
import glob
import json
import os
import subprocess
import sys
import unittest

BINARY = ROOT = None


def corpus():
    texts = []
    for f in sorted(glob.glob(os.path.join(ROOT, "data", "samples",
                                           "*.txt"))):
        with open(f, encoding="utf-8") as fh:
            texts.append(fh.read())
    gold = os.path.join(ROOT, "..", "shared", "data", "eval",
                        "conll_dev.jsonl")
    if os.path.exists(gold):
        with open(gold, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f][:200]
    return [{"id": "d%d" % i, "text": t} for i, t in enumerate(texts)]


class Dask(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise unittest.SkipTest("no python3-distributed")
        os.chdir(ROOT)
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
        cls.client = Client(cls.cluster)
        cls.docs = corpus()
        p = subprocess.run([BINARY, "tag", "--format", "jsonl"],
                           input="".join(json.dumps(d) + "\n"
                                         for d in cls.docs).encode(),
                           capture_output=True, cwd=ROOT, timeout=600)
        cls.want = [json.loads(line) for line in p.stdout.decode().splitlines()]

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()

    def test_bag(self):
        import dask.bag as db
        import isthmus.dask
        bag = db.from_sequence(self.docs, npartitions=6)
        got = isthmus.dask.tag_bag(bag, text_key="text").compute()
        self.assertEqual(got, self.want)
        loads = self.client.run(lambda: __import__("isthmus.dask").dask.LOADS)
        self.assertEqual(len(loads), 2)
        for worker, n in loads.items():
            self.assertLessEqual(n, 1, "%s built %d taggers" % (worker, n))
        # Plain strings give the records without the input's fields.
        bag = db.from_sequence([d["text"] for d in self.docs], npartitions=5)
        got = isthmus.dask.tag_bag(bag).compute()
        self.assertEqual(got, [{"entities": w["entities"],
                                "topics": w["topics"]} for w in self.want])

    def test_dataframe(self):
        import dask.dataframe as dd
        import pandas as pd
        import isthmus.dask
        df = dd.from_pandas(pd.DataFrame(self.docs), npartitions=4)
        out = isthmus.dask.tag_dataframe(df, "text").compute()
        self.assertEqual(list(out["id"]), [d["id"] for d in self.docs])
        self.assertEqual(list(out["entities"]),
                         [w["entities"] for w in self.want])
        self.assertEqual(list(out["topics"]), [w["topics"] for w in self.want])


if __name__ == "__main__":
    BINARY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1], verbosity=1)
