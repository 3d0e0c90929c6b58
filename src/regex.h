/* SPDX-License-Identifier: MIT */
/*
 * regex.h - PCRE2 patterns: compiled once (UTF, Unicode properties, JIT)
 * with the database, matched per document under match and heap limits so
 * a pathological pattern or input fails one document, never hangs.
 */
#ifndef ISTH_REGEX_H
#define ISTH_REGEX_H

#include "internal.h"

struct isth_re;

/* Per-scratch matching state: match data, match context, JIT stack. */
struct isth_re_state;

/* Limits of every match attempt (PCRE2 counts them afresh at each start
 * position it tries). */
#define ISTH_RE_MATCH_LIMIT 1000000u /* backtracking steps per call */
#define ISTH_RE_DEPTH_LIMIT 10000u   /* nested backtracking frames */
#define ISTH_RE_HEAP_LIMIT 20000u    /* KiB of heap per call */

/*
 * Per document, across all its matches: a time budget of
 * ISTH_RE_BUDGET_FLOOR_MS plus ISTH_RE_BUDGET_MS_PER_MIB for each whole
 * MiB of the document, from isth__re_budget_start() on.  It is wall time
 * (CLOCK_MONOTONIC_COARSE), and for documents of ISTH_RE_CPU_CLOCK_BYTES
 * or more the thread's CPU time confirms it, so waiting for a core does
 * not count.  The shipped rules take about 0.1 s per MiB, so this is 10
 * to 100 times what a document needs; past it the document fails with
 * ISTH_ELIMIT and the next one starts afresh.
 */
#define ISTH_RE_BUDGET_FLOOR_MS 2000u /* as said in scan.c's messages */
#define ISTH_RE_BUDGET_MS_PER_MIB 1000u
#define ISTH_RE_CPU_CLOCK_BYTES 65536u
/* Start positions a search tries per call before the budget is looked
 * at again. */
#define ISTH_RE_WINDOW 16384u

/* Flags of isth__re_compile. */
#define ISTH_RE_CASELESS 1u /* adds (?i) */
#define ISTH_RE_ANCHORED 2u /* only ever matched with isth__re_match_at */

/*
 * Compiles pattern (UTF-8, NUL-terminated) with flags (ISTH_RE_*).  On a
 * syntax error returns ISTH_EREGEX with msg filled and *offset the byte
 * offset in the pattern.  A pattern compiled ISTH_RE_ANCHORED runs JIT
 * code in isth__re_match_at; PCRE2 anchors at match time only in its
 * interpreter, several times slower.
 */
ISTH_INTERNAL int isth__re_compile(struct isth_re **out, const char *pattern,
                                   unsigned flags, char *msg, size_t msgsize,
                                   size_t *offset);
ISTH_INTERNAL void isth__re_free(struct isth_re *re);
ISTH_INTERNAL uint32_t isth__re_captures(const struct isth_re *re);
/* The pattern as compiled, and whether (?i) was added. */
ISTH_INTERNAL const char *isth__re_source(const struct isth_re *re);
ISTH_INTERNAL int isth__re_caseless(const struct isth_re *re);
/* Number of the named group, or -1. */
ISTH_INTERNAL int isth__re_group(const struct isth_re *re, const char *name);

ISTH_INTERNAL int isth__re_state_new(struct isth_re_state **out,
                                     uint32_t max_captures);
ISTH_INTERNAL void isth__re_state_free(struct isth_re_state *st);

/* Starts the budget of a document of doc_len bytes. */
ISTH_INTERNAL void isth__re_budget_start(struct isth_re_state *st,
                                         size_t doc_len);
/* Whether the last ISTH_ELIMIT was the budget (not a per-call limit). */
ISTH_INTERNAL int isth__re_budget_spent(const struct isth_re_state *st);

/*
 * Finds the first match at or after byte start.  Returns 1 with ov[]
 * (2 * (captures + 1) offsets, PCRE2_UNSET = (size_t)-1 for unset groups)
 * filled, 0 when there is none, or ISTH_ELIMIT when a limit was hit.
 */
ISTH_INTERNAL int isth__re_match(const struct isth_re *re,
                                 struct isth_re_state *st, const char *text,
                                 size_t len, size_t start, const size_t **ov);

/* The same, but the match must start at or before last_start (which is
 * at least start): the search looks only there. */
ISTH_INTERNAL int isth__re_match_upto(const struct isth_re *re,
                                      struct isth_re_state *st,
                                      const char *text, size_t len,
                                      size_t start, size_t last_start,
                                      const size_t **ov);

/* The same, but the match must start exactly at start. */
ISTH_INTERNAL int isth__re_match_at(const struct isth_re *re,
                                    struct isth_re_state *st, const char *text,
                                    size_t len, size_t start,
                                    const size_t **ov);

#endif
