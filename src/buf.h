/* SPDX-License-Identifier: MIT */
/*
 * buf.h - a growable byte buffer with a ceiling (curl's dynbuf idea):
 * growing past the ceiling gives ISTH_ETOOBIG, not out-of-memory.
 */
#ifndef ISTH_BUF_H
#define ISTH_BUF_H

#include "internal.h"

struct isth_buf {
    char *ptr;
    size_t len, cap;
    size_t max; /* ceiling in bytes; 0 = SIZE_MAX / 2 */
};

/* Makes room for at least extra more bytes.  ISTH_OK, ENOMEM, ETOOBIG. */
ISTH_INTERNAL int isth__buf_reserve(struct isth_buf *b, size_t extra);
/* Appends len bytes.  ISTH_OK, ENOMEM, ETOOBIG. */
ISTH_INTERNAL int isth__buf_put(struct isth_buf *b, const void *p, size_t len);
ISTH_INTERNAL void isth__buf_free(struct isth_buf *b);

/* Grows an array *p of *cap items of size bytes so it holds need items.
 * ISTH_OK or ISTH_ENOMEM (array untouched). */
ISTH_INTERNAL int isth__grow(void *p, size_t *cap, size_t need, size_t size);

/* FNV-1a 64 over p[0, n), continuing h: start from ISTH_HASH_SEED.  For
 * the hash tables and the inputs hash; isth__hash_str() keys the entity
 * id index that serialized databases store, so it must not change. */
#define ISTH_HASH_SEED 1469598103934665603ULL
ISTH_INTERNAL uint64_t isth__hash(uint64_t h, const void *p, size_t n);
ISTH_INTERNAL uint64_t isth__hash_str(const char *s);

/*
 * Reads a whole file into *out (len bytes, owned by the caller, freed
 * with isth__free), refusing files above max bytes.  ISTH_OK, EIO,
 * ETOOBIG, ENOMEM with err filled.
 */
ISTH_INTERNAL int isth__read_file(const char *path, size_t max, char **out,
                                  size_t *len, isth_error *err);

#endif
