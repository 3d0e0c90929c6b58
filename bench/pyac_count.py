#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The pyahocorasick anchor of the benchmark: the same task as
`isthmus tag --count`.  Names and lines are lower-cased (str.lower);
each line of the corpus is one document; matches are leftmost-longest
(Automaton.iter_long) and kept only at word boundaries (no letter or
digit on either side).  Prints "names N compile_s T matches M".

Usage: /usr/bin/python3 bench/pyac_count.py DICT CORPUS
(python3-ahocorasick is a Debian package for the system Python.)
"""
import sys
import time

import ahocorasick


def main():
    dict_path, corpus = sys.argv[1], sys.argv[2]
    t0 = time.monotonic()
    a = ahocorasick.Automaton()
    n = 0
    with open(dict_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            name = line.strip().lower()
            if name and not name.startswith("#"):
                a.add_word(name, len(name))
                n += 1
    a.make_automaton()
    compile_s = time.monotonic() - t0
    total = 0
    with open(corpus, encoding="utf-8", errors="replace") as f:
        for line in f:
            text = line.rstrip("\n").lower()
            for end, length in a.iter_long(text):
                start = end - length + 1
                if start > 0 and text[start - 1].isalnum():
                    continue
                if end + 1 < len(text) and text[end + 1].isalnum():
                    continue
                total += 1
    print("names %d compile_s %.3f matches %d" % (n, compile_s, total))


if __name__ == "__main__":
    main()
