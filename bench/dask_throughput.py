#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Throughput of isthmus.dask on a LocalCluster of 1 and 2 worker
processes (one thread each), tagging the first N lines of the shared
news corpus as a dask.bag; for docs/scaling.md.

    PYTHONPATH=build/python python3 bench/dask_throughput.py [N]
"""
import gzip
import os
import sys
import tempfile
import time

import dask.bag as db
from distributed import Client, LocalCluster

import isthmus
import isthmus.dask

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    path = os.path.join(HERE, "..", "..", "shared", "data", "bench",
                        "corpus-news.txt.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        texts = [next(f).rstrip("\n") for _ in range(n)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    tagger = isthmus.Tagger()
    t0 = time.time()
    count = sum(len(tagger.tag(t)["entities"]) for t in texts)
    one = time.time() - t0
    print("in process, 1 thread: %d documents, %.1f MB, %d entities, "
          "%.2f s, %.1f MB/s" % (n, mb, count, one, mb / one))
    tmp = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    tmp.write("".join(t + "\n" for t in texts))
    tmp.close()
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1,
                          processes=True, dashboard_address=None) as cl, \
                Client(cl):
            # The workers read the file themselves, 1 MB blocks.
            bag = db.read_text(tmp.name, blocksize=1 << 20).map(
                lambda line: line.rstrip("\n"))
            # Warm: the database goes to every worker once.
            isthmus.dask.tag_bag(db.from_sequence(texts[:64],
                                                  npartitions=2 * workers),
                                 tagger=tagger).compute()
            # Records stay on the workers (as they would be written out
            # there); the client gets the entity count.
            t0 = time.time()
            count = isthmus.dask.tag_bag(bag, tagger=tagger).map(
                lambda r: len(r["entities"])).sum().compute()
            dt = time.time() - t0
            assert count > 0
            print("LocalCluster, %d worker(s): %.2f s, %.1f MB/s" %
                  (workers, dt, mb / dt))
    os.unlink(tmp.name)


if __name__ == "__main__":
    main()
