/* SPDX-License-Identifier: MIT */
/*
 * match.h - finding the names of a database in a document.
 *
 * The automaton runs over the document as it is normalized, without
 * writing the normalized text anywhere.  In plain ASCII, in the shallow
 * states where text spends nearly all its time, a byte is one class lookup
 * and one dense-row lookup: case folding is in the class table, and white
 * space runs and "nothing starts inside a word" are in the rows.  Other
 * characters go through the shared normalizer (isth__norm_char) and other
 * states through the sparse arrays.  A hit's start is found by walking back
 * over the original bytes (ASCII), or by normalizing a window before it
 * (anything else).  A long document is scanned as two interleaved halves,
 * so two chains of dependent loads are in flight instead of one.
 *
 * Hits are exactly what isth__normalize() plus a search of the whole
 * normalized text would give, with the same boundary rules (check_match.c
 * compares the two): a name starts and ends on original character
 * boundaries, one that begins with a word character starts a word, and
 * its end runs to the next character that produces output (so trailing
 * marks and ignorables are inside the span).
 */
#ifndef ISTH_MATCH_H
#define ISTH_MATCH_H

#include "ac.h"
#include "internal.h"
#include "normalize.h"

/* A hit held back while two streams scan one document. */
struct isth_match_hit {
    uint32_t p;
    size_t start, end;
    int word_end;
};

/* Documents this long or longer are scanned as two interleaved halves
 * (when most of the automaton has dense rows; see isth__match). */
#define ISTH_MATCH_SPLIT_MIN 1024

/* Per-scratch memory of the matcher. */
struct isth_match_mem {
    struct isth_norm win; /* a window normalized to place a start */
    struct isth_match_hit *hits;
    size_t n_hits, cap_hits;
    size_t split_min; /* 0: ISTH_MATCH_SPLIT_MIN, where it pays; else
                         always from this length (tests) */
};

/*
 * A hit: pattern p at original bytes [start, end); word_end is 0 when a
 * word character follows a pattern marked PAT_WORD_END (only prefix cues
 * may use such a hit).  A non-zero return stops the scan and is returned.
 */
typedef int (*isth_hit_fn)(void *ctx, uint32_t p, size_t start, size_t end,
                           int word_end);

/*
 * Scans text[0, len) (len < 4 GiB) with automaton ac, whose patterns have
 * lengths pat_len[] and flags pat_flags[] (PAT_WORD_START/END), calling fn
 * for each hit in order of end, longest first at the same end.
 * Returns ISTH_OK, ISTH_ENOMEM, or what fn returned.
 */
ISTH_INTERNAL int isth__match(const struct isth_ac *ac, const uint32_t *pat_len,
                              const unsigned char *pat_flags,
                              struct isth_match_mem *mem, const char *text,
                              size_t len, isth_hit_fn fn, void *ctx);

ISTH_INTERNAL void isth__match_mem_free(struct isth_match_mem *mem);

#endif
