#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Count how often English text writes each GeoNames alternate name of a
city that the first-eight limit of tools/build_gazetteers.py would cut
(the list is alphabetical: "Antwerp" comes after eight other forms of
Antwerpen, "Peking" after eight of Beijing).  The generator keeps an
alternate that English text uses (the English exonym) whatever its
place in the list.

    tools/count_english_names.py ../shared/data/gazetteer-sources \\
        ../shared/data/bench/corpus.txt.gz > tools/english-city-names.tsv

Output: one "name<TAB>count" line per alternate written at least twice,
exact case, whole words, in the corpus (the shared benchmark corpus:
Reuters, BBC and English Wikipedia text).  Only counts are kept, never
the corpus's text.  Standard library only.
"""
import gzip
import io
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_gazetteers as bg  # noqa: E402

WORD = re.compile(r"[A-Z][A-Za-z'.-]*")


def candidates(sources):
    """Alternate names of every city that the limit would cut."""
    out = set()
    with zipfile.ZipFile(os.path.join(sources,
                                      "geonames/cities15000.zip")) as z:
        with z.open("cities15000.txt") as f:
            for line in io.TextIOWrapper(f, encoding="utf-8"):
                c = line.rstrip("\n").split("\t")
                bg.latin_alternates(c[3], 8, (c[1], c[2]), cut=out)
    return out


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    names = candidates(argv[1])
    longest = max(len(n.split()) for n in names)
    counts = dict.fromkeys(names, 0)
    opener = gzip.open if argv[2].endswith(".gz") else open
    with opener(argv[2], "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            words = line.split()
            for i, w in enumerate(words):
                if not WORD.match(w):
                    continue
                for k in range(1, longest + 1):
                    if i + k > len(words):
                        break
                    s = " ".join(words[i:i + k]).rstrip(".,;:)'\"")
                    if s in counts:
                        counts[s] += 1
    print("# GeoNames alternate names of cities past the first eight, and"
          "\n# how often the benchmark corpus writes them (exact case, "
          "whole\n# words): tools/count_english_names.py.  Counts only.")
    for n in sorted(counts):
        if counts[n] >= 2:
            print("%s\t%d" % (n, counts[n]))


if __name__ == "__main__":
    main(sys.argv)
