/* SPDX-License-Identifier: MIT */
/*
 * buf.c - bounded growable byte buffer and the array-growth helper every
 * other module uses.  Growth doubles, so appends are amortized O(1).
 */
#include "buf.h"

#include <string.h>

#include "alloc.h"

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
