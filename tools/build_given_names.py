#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build gazetteers/given-names.txt: given names of many languages, for
the rule that finds a person by the shape "Given-name Surname" (issue 14:
people beyond the lists).

Source: the per-locale first-name lists of the npm package @faker-js/faker
(MIT licence), read from an unpacked copy of its tarball:

    cd /tmp && npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz
    node tools/dump_faker_first_names.mjs /tmp/package > /tmp/first.json
    python3 tools/build_given_names.py /tmp/first.json \
        ../shared/data/bench/corpus.txt.gz

Kept: names in Latin script, three letters or more, one word (a hyphen
allowed).  Left out, because the rule would then fire on ordinary text:
names that are lower-case English words (wamerican: "Will", "May",
"Grace", "Mark"), and names that are a name of a shipped country, capital, people, region or
organization ("Jordan", "Georgia", "Paris", "Washington"): those stay
what the gazetteers say; and the names of months and weekdays ("June",
"April"), which news uses before capitalized words far more often as
dates ("From January to June Comelf exported").

A name that is also an English word comes back when a corpus of running
text (the second argument; the shared benchmark corpus) shows that the
word is a given name in use: written capitalized inside a sentence
before another capitalized word at least three times as often as it is
written in lower case, at least ten times, before fifteen or more
different words of which none takes more than a quarter ("John",
"Peter", "Frank", "Tom": back; "Will", "Mark", "Roman" (Catholic),
"Nova" (Scotia): still out).  Titles are never given names ("Sir",
"Baron", "Earl", "Imam").  Only counts are taken from the corpus, never
its text.  Standard library only.
"""
import collections
import gzip
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
WORDS = "/usr/share/dict/american-english"
LATIN = re.compile(r"^[A-Z\u00C0-\u024F][a-z\u00DF-\u024F'’]+(?:-[A-Z\u00C0-\u024F][a-z\u00DF-\u024F]+)?$")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def common_words():
    out = set()
    with open(WORDS, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w[0].islower() and "'" not in w:
                out.add(fold(w))
    return out


# The files of names news uses on their own (countries, capitals, peoples,
# regions, organizations): a given name that is one of these stays that.
# Cities, subdivisions and ports are left out of the test: thousands of
# them carry person-like names ("Michael", "Victoria") under context
# conditions of their own.
NAMED = ["countries.yaml", "capitals.yaml", "nationalities.yaml",
         "regions.yaml", "places.yaml", "organizations.yaml", "parties.yaml",
         "intl-orgs.yaml", "armed-groups.yaml", "facilities.yaml"]


def gazetteer_names():
    """Folded names and aliases of the entries of NAMED."""
    out = set()
    gdir = os.path.join(ROOT, "gazetteers")
    pat = re.compile(r'^\s*(?:-\s+)?(?:name:\s*|- )"?([^"{\n]+?)"?\s*$')
    for fn in NAMED:
        with open(os.path.join(gdir, fn), encoding="utf-8") as f:
            for line in f:
                m = pat.match(line)
                if m:
                    out.add(fold(m.group(1).strip()))
                for t in re.findall(r'text:\s*"([^"]+)"', line):
                    out.add(fold(t))
    return out


CALENDAR = {"january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday"}


TITLES = {"sir", "dame", "lord", "lady", "baron", "baroness", "earl",
          "count", "duke", "king", "queen", "prince", "princess", "imam",
          "sheikh", "emir", "judge", "justice", "general", "major",
          "marshal", "colonel", "captain", "bishop", "pope", "wadi"}

NAME_BEFORE_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+) ([A-Z][a-z]+)")
LOWER_WORD = re.compile(r"\b[a-z]+\b")


def names_in_use(words, corpus):
    """The words of the set WORDS (folded) that CORPUS shows in use as
    given names (see the module's doc)."""
    cap = collections.Counter()
    low = collections.Counter()
    after = collections.defaultdict(collections.Counter)
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            for m in NAME_BEFORE_NAME.finditer(line):
                k = m.group(1).lower()
                if k in words:
                    cap[k] += 1
                    after[k][m.group(2)] += 1
            for w in LOWER_WORD.findall(line):
                if w in words:
                    low[w] += 1
    out = set()
    for k in words:
        n = cap[k]
        if k in TITLES or n < 10 or n < 3 * (low[k] + 1):
            continue
        if len(after[k]) < 15 or after[k].most_common(1)[0][1] * 4 > n:
            continue
        out.add(k)
    return out


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        per_locale = json.load(f)
    common, known = common_words(), gazetteer_names()
    worded = set()
    for loc in per_locale:
        for n in per_locale[loc]:
            k = fold(unicodedata.normalize("NFC", n.strip()))
            if k in common and k not in CALENDAR and k not in known:
                worded.add(k)
    in_use = names_in_use(worded, argv[2])
    print("English words that are given names in use: %s" %
          ", ".join(sorted(in_use)), file=sys.stderr)
    common -= in_use
    names, dropped = {}, {"script": 0, "common": 0, "gazetteer": 0}
    for loc in sorted(per_locale):
        for n in per_locale[loc]:
            n = unicodedata.normalize("NFC", n.strip())
            if len(n) < 3 or not LATIN.match(n):
                dropped["script"] += 1
                continue
            k = fold(n)
            if k in common or k in CALENDAR:
                dropped["common"] += 1
                continue
            if k in known:
                dropped["gazetteer"] += 1
                continue
            names.setdefault(k, n)
    out = os.path.join(ROOT, "gazetteers", "given-names.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# label: GIVEN_NAME\n")
        f.write("# kind: given_name\n")
        f.write("# case: title\n")
        f.write("# priority: -100\n")
        f.write("# hidden: yes\n")
        f.write("# Given names of many languages, for the rule person-by-"
                "given-name\n# (rules/entities.yaml); never an entity on "
                "their own.  Generated by\n# tools/build_given_names.py "
                "from @faker-js/faker 10.6.0 (MIT): do not edit.\n")
        for k in sorted(names):
            f.write(names[k] + "\n")
    print("%d given names written to %s (left out: %s)" % (
        len(names), out, dropped), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
