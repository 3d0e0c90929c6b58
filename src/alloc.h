/* SPDX-License-Identifier: MIT */
/*
 * alloc.h - overflow-checked allocation.  Every allocation of the library
 * goes through these functions, so a test build can make the Nth one fail.
 */
#ifndef ISTH_ALLOC_H
#define ISTH_ALLOC_H

#include "internal.h"

/* malloc(n * size); NULL on overflow or when out of memory. */
ISTH_INTERNAL void *isth__alloc(size_t n, size_t size);
/* calloc(n, size); NULL on overflow or when out of memory. */
ISTH_INTERNAL void *isth__calloc(size_t n, size_t size);
/* realloc(p, n * size); NULL (p untouched) on overflow or out of memory. */
ISTH_INTERNAL void *isth__realloc(void *p, size_t n, size_t size);
ISTH_INTERNAL void isth__free(void *p);
/* Copy of s (len bytes, NUL added); NULL when out of memory. */
ISTH_INTERNAL char *isth__strndup(const char *s, size_t len);
ISTH_INTERNAL char *isth__strdup(const char *s);

/* Test hook: when > 0, the countdown-th allocation from now fails. */
ISTH_API void isth__test_fail_alloc_after(long countdown);

#endif
