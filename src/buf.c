/* SPDX-License-Identifier: MIT */
/*
 * buf.c - bounded growable byte buffer and the array-growth helper every
 * other module uses.  Growth doubles, so appends are amortized O(1).
 * Also reading a whole input file into one, under a size limit.
 */
#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

int isth__grow(void *p, size_t *cap, size_t need, size_t size)
{
    void **arr = p;
    size_t ncap;
    void *np;

    if (need <= *cap)
        return ISTH_OK;
    ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return ISTH_ENOMEM;
        ncap *= 2;
    }
    np = isth__realloc(*arr, ncap, size);
    if (!np)
        return ISTH_ENOMEM;
    *arr = np;
    *cap = ncap;
    return ISTH_OK;
}

int isth__buf_reserve(struct isth_buf *b, size_t extra)
{
    size_t max = b->max ? b->max : SIZE_MAX / 2;

    if (extra > max || b->len > max - extra)
        return ISTH_ETOOBIG;
    return isth__grow(&b->ptr, &b->cap, b->len + extra, 1);
}

int isth__buf_put(struct isth_buf *b, const void *p, size_t len)
{
    int rc = isth__buf_reserve(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->ptr + b->len, p, len);
    b->len += len;
    return ISTH_OK;
}

void isth__buf_free(struct isth_buf *b)
{
    isth__free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

/* Reads a whole file into memory, refusing files above max bytes. */
int isth__read_file(const char *path, size_t max, char **out, size_t *len,
                    isth_error *err)
{
    struct isth_buf b = {NULL, 0, 0, max};
    FILE *f = fopen(path, "rb");
    int rc = ISTH_OK;

    *out = NULL;
    if (!f)
        return isth__error_set(err, ISTH_EIO, path, 0, 0, "cannot open: %s",
                               strerror(errno));
    for (;;) {
        size_t got;
        if ((rc = isth__buf_reserve(&b, 65536)) != ISTH_OK &&
            (rc != ISTH_ETOOBIG || (rc = isth__buf_reserve(&b, 1)))) {
            if (rc == ISTH_ETOOBIG)
                isth__error_set(err, rc, path, 0, 0,
                                "file is larger than %zu bytes", max);
            else
                isth__error_set(err, rc, path, 0, 0, "out of memory");
            goto done;
        }
        got = fread(b.ptr + b.len, 1, b.cap - b.len, f);
        b.len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "read error: %s",
                             strerror(errno));
        goto done;
    }
    *out = b.ptr;
    *len = b.len;
    b.ptr = NULL;
done:
    fclose(f);
    isth__buf_free(&b);
    return rc;
}

uint64_t isth__hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

uint64_t isth__hash_str(const char *s)
{
    return isth__hash(ISTH_HASH_SEED, s, strlen(s));
}
