/* SPDX-License-Identifier: MIT */
/*
 * normalize.h - the one text normalizer shared by compile (names) and
 * scan (documents), so both sides agree byte for byte.
 *
 * The output is valid UTF-8.  Each output byte remembers the byte offset
 * of the original character that produced it:
 *
 *   original   P  a  n  a  m  á     C  a  n  a  l
 *   offsets    0  1  2  3  4  5  7  8 ...           (á is 2 bytes)
 *   normalized p  a  n  a  m  a  ' '  c  a  n  a  l
 *   src[]      0  1  2  3  4  5  7    8 ...
 *
 * src[out_len] is the length of the original, so a normalized span
 * [ns, ne) maps to the original span [src[ns], src[ne]).  Characters that
 * produce nothing (stripped accents, ignorables, the 2nd and later
 * characters of a white-space run) fall inside the span of the character
 * before them.
 */
#ifndef ISTH_NORMALIZE_H
#define ISTH_NORMALIZE_H

#include "buf.h"
#include "internal.h"

struct isth_norm {
    struct isth_buf out; /* normalized bytes */
    uint32_t *src;       /* out.len + 1 entries */
    size_t src_cap;
};

enum {
    ISTH_NORM_FOLD = 1u << 0, /* full Unicode case folding */
    ISTH_NORM_NOMAP = 1u << 1 /* do not fill src[] (names at compile) */
};

/*
 * Normalizes text[0, len) into n (reusing its buffers): compatibility
 * decomposition, accents and other marks removed, default-ignorable
 * characters removed, typographic quotes and dashes unified, every run of
 * white space replaced by one space, and, with ISTH_NORM_FOLD, case folded.
 * Invalid UTF-8 bytes become U+FFFD each.
 * @return ISTH_OK, ISTH_ENOMEM, or ISTH_ETOOBIG (len > 4 GiB - 1).
 */
ISTH_INTERNAL int isth__normalize(struct isth_norm *n, const char *text,
                                  size_t len, unsigned flags);

/* Most code points one character can normalize to. */
#define ISTH_NORM_CHAR_MAX 32

/*
 * The normalization of the one character at s[0, len) (len > 0), as
 * isth__normalize() gives it: its code points go to cps (at most
 * ISTH_NORM_CHAR_MAX) and their number is returned, 0 when the character
 * vanishes (a mark, an ignorable, white space continuing a run).  *in_space
 * carries the white-space run from one character to the next (start at
 * 0); *adv is the character's length in bytes.
 */
ISTH_INTERNAL size_t isth__norm_char(const unsigned char *s, size_t len,
                                     unsigned flags, int *in_space,
                                     int32_t *cps, size_t *adv);

ISTH_INTERNAL void isth__norm_free(struct isth_norm *n);

#endif
