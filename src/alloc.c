/* SPDX-License-Identifier: MIT */
/*
 * alloc.c - overflow-checked wrappers around the C allocator, with a
 * fault-injection countdown used by the out-of-memory tests.
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static long fail_countdown; /* 0 = never fail; test builds only set it */

void isth__test_fail_alloc_after(long countdown)
{
    fail_countdown = countdown;
}

static int should_fail(void)
{
    if (fail_countdown <= 0)
        return 0;
    return --fail_countdown == 0;
}

void *isth__alloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    return malloc(n * size > 0 ? n * size : 1);
}

void *isth__calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *isth__realloc(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    return realloc(p, n * size > 0 ? n * size : 1);
}

void isth__free(void *p)
{
    free(p);
}

char *isth__strndup(const char *s, size_t len)
{
    char *d = isth__alloc(len + 1, 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *isth__strdup(const char *s)
{
    return isth__strndup(s, strlen(s));
}
