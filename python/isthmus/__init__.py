# SPDX-License-Identifier: MIT
"""isthmus: named entities and geopolitical topics, from Python.

    import isthmus
    t = isthmus.Tagger()                       # the shipped data
    t.tag("Pete Hegseth visited Panama.")      # {"entities": [...], "topics": [...]}
    list(t.tag_many(texts, n_threads=4))       # in input order

A Tagger holds one compiled database (immutable, shared by threads);
tag() releases the GIL while it scans, so tag_many() and your own
threads run in parallel.  Records are the same JSON as `isthmus tag`
writes (without "id"); offsets are in code points by default, so
text[e["start"]:e["end"]] == e["text"].  A Tagger pickles as its
database's bytes, so it ships to worker processes (isthmus.dask).
"""
import json
import os
from concurrent.futures import ThreadPoolExecutor

from . import _isthmus
from ._isthmus import DataError, Error

__all__ = ["Tagger", "Error", "DataError", "default_data_dirs", "version"]
version = _isthmus.version


def _source_dirs():
    try:
        from . import _paths
        return _paths.GAZETTEERS, _paths.RULES
    except ImportError:
        return None, None


def default_data_dirs():
    """The shipped gazetteers and rules directories, found as the CLI
    finds them: $ISTHMUS_GAZETTEERS and $ISTHMUS_RULES, then the data
    installed beside this package (PREFIX/share/isthmus), then the
    source tree the package was built from; then the gazetteers/ and
    rules/ of each directory of $ISTHMUS_PATH."""
    here = os.path.dirname(os.path.abspath(__file__))
    src_g, src_r = _source_dirs()
    found = []
    for what, env, src in (("gazetteers", "ISTHMUS_GAZETTEERS", src_g),
                           ("rules", "ISTHMUS_RULES", src_r)):
        cands = [os.environ.get(env)]
        # PREFIX/lib/python3/dist-packages/isthmus -> PREFIX/share/isthmus
        up = here
        for _ in range(5):
            up = os.path.dirname(up)
            cands.append(os.path.join(up, "share", "isthmus", what))
        cands.append(src)
        found.append(next((c for c in cands if c and os.path.isdir(c)), None))
    gaz, rules = [found[0]] if found[0] else [], [found[1]] if found[1] else []
    for d in filter(None, os.environ.get("ISTHMUS_PATH", "").split(":")):
        if os.path.isdir(os.path.join(d, "gazetteers")):
            gaz.append(os.path.join(d, "gazetteers"))
        if os.path.isdir(os.path.join(d, "rules")):
            rules.append(os.path.join(d, "rules"))
    return gaz, rules


def _as_list(x):
    if x is None:
        return []
    if isinstance(x, (str, bytes, os.PathLike)):
        return [x]
    return list(x)


class Tagger:
    """Tagger(gazetteers=None, rules=None, db=None, *, default_data=True,
    no_rules=False, as_of=None, label=None, offsets="codepoints",
    attributes=False, explain=False, min_score=None)

    gazetteers, rules: paths (a path or a list) added after the shipped
    data (default_data=False leaves it out), as `isthmus tag -g/-r`.
    db: a database file from `isthmus compile` (then nothing is compiled).
    Errors in the data raise DataError with .file, .line and .col."""

    def __init__(self, gazetteers=None, rules=None, db=None, *,
                 default_data=True, no_rules=False, as_of=None, label=None,
                 offsets="codepoints", attributes=False, explain=False,
                 min_score=None, _data=None):
        self._opts = dict(offsets=offsets, attributes=bool(attributes),
                          explain=bool(explain),
                          min_score=-1.0 if min_score is None
                          else float(min_score))
        if _data is not None:
            self._t = _isthmus.Tagger(data=_data)
        elif db is not None:
            if gazetteers or rules:
                raise ValueError("db takes the place of gazetteers and rules:"
                                 " give one or the other")
            self._t = _isthmus.Tagger(db=os.fspath(db))
        else:
            g, r = default_data_dirs() if default_data else ([], [])
            if default_data and not g:
                raise Error("the shipped gazetteers are not found: set "
                            "ISTHMUS_GAZETTEERS, or use default_data=False")
            g = g + [os.fspath(p) for p in _as_list(gazetteers)]
            r = [] if no_rules else r + [os.fspath(p)
                                         for p in _as_list(rules)]
            self._t = _isthmus.Tagger(gazetteers=g, rules=r, as_of=as_of,
                                      label=label)

    def tag(self, text):
        """The record of one document: {"entities": [...], "topics": [...]}
        (and "explain"), as `isthmus tag` writes it, without "id"."""
        return json.loads(self._t.tag_json(text, **self._opts))

    def tag_json(self, text):
        """tag(), as the JSON text."""
        return self._t.tag_json(text, **self._opts)

    def tag_many(self, texts, n_threads=None):
        """tag() over an iterable, in input order, on n_threads threads
        (default: all cores); the GIL is released while each scans."""
        n = n_threads or os.cpu_count() or 1
        if n == 1:
            for text in texts:
                yield self.tag(text)
            return
        with ThreadPoolExecutor(n) as ex:
            yield from ex.map(self.tag, texts, chunksize=1)

    def serialize(self):
        """The database as bytes (what `isthmus compile` writes)."""
        return self._t.serialize()

    def save(self, path):
        """Writes the database to path, for `isthmus tag --db`."""
        self._t.save(os.fspath(path))

    def counts(self):
        """{"entities": N, "rules": N, "topics": N} of the database."""
        return self._t.counts()

    def __reduce__(self):
        return (_restore, (self.serialize(), self._opts))

    def __repr__(self):
        c = self.counts()
        return "<isthmus.Tagger: %d entities, %d rules, %d topics>" % (
            c["entities"], c["rules"], c["topics"])


def _restore(data, opts):
    return Tagger(_data=data, **opts)
