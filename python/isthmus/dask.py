# SPDX-License-Identifier: MIT
"""isthmus on Dask: tag a dask.bag or a dask.dataframe with one tagger
per worker process, loaded once, not once per partition.

    import dask.bag as db
    from distributed import Client
    import isthmus, isthmus.dask

    client = Client("tcp://scheduler:8786")          # or LocalCluster()
    texts = db.read_text("s3://bucket/news-*.txt")   # one document a line
    records = isthmus.dask.tag_bag(texts).compute()

The database is shipped to the workers once, as bytes (a Dask task of
its own, which each worker fetches once and keeps); each worker process
builds its Tagger from them on its first partition and keeps it for the
next ones (docs/scaling.md).
"""
import hashlib
import threading

import dask

from . import Tagger

_lock = threading.Lock()
_taggers = {}  # database digest -> Tagger, in this (worker) process
LOADS = 0      # databases this process has built (the tests read it)


def _worker_tagger(key, data, opts):
    global LOADS
    with _lock:
        t = _taggers.get(key)
        if t is None:
            t = Tagger(_data=data)
            _taggers[key] = t
            LOADS += 1
    # One database, each call's own options (offsets, explain, ...).
    if t._opts != opts:
        t = _with_opts(t, opts)
    return t


def _with_opts(t, opts):
    """A Tagger sharing t's database, with other options."""
    u = Tagger.__new__(Tagger)
    u._t = t._t
    u._opts = dict(opts)
    return u


def _shipment(tagger):
    """The database as a Dask task named by its digest (computed once,
    fetched once by each worker), and the digest."""
    data = tagger.serialize()
    key = hashlib.sha1(data).hexdigest()
    return key, dask.delayed(data, pure=True, name="isthmus-db-" + key)


def _tag_records(part, key, data, opts, text_key):
    t = _worker_tagger(key, data, opts)
    out = []
    for x in part:
        if text_key is None:
            out.append(t.tag(x))
        else:
            rec = dict(x)
            for k in ("entities", "topics", "explain"):
                rec.pop(k, None)
            rec.update(t.tag(x[text_key]))
            out.append(rec)
    return out


def tag_bag(bag, tagger=None, text_key=None, **tagger_args):
    """A bag of records: for a bag of str, tagger.tag(text) for each; for
    a bag of dicts, each dict with the record's "entities" and "topics"
    added (its text in text_key).  tagger: an isthmus.Tagger (default:
    Tagger(**tagger_args))."""
    tagger = tagger if tagger is not None else Tagger(**tagger_args)
    key, data = _shipment(tagger)
    return bag.map_partitions(_tag_records, key, data, tagger._opts,
                              text_key)


def _tag_frame(df, key, data, opts, column):
    t = _worker_tagger(key, data, opts)
    df = df.copy()
    recs = [t.tag(x) for x in df[column]]
    df["entities"] = [r["entities"] for r in recs]
    df["topics"] = [r["topics"] for r in recs]
    return df


def tag_dataframe(df, text_column, tagger=None, **tagger_args):
    """The dask.dataframe df with two object columns added, "entities"
    and "topics" (the lists of the record of each row's text_column)."""
    tagger = tagger if tagger is not None else Tagger(**tagger_args)
    key, data = _shipment(tagger)
    meta = df._meta.assign(entities=[], topics=[]).astype(
        {"entities": object, "topics": object})
    return df.map_partitions(_tag_frame, key, data, tagger._opts,
                             text_column, meta=meta)
