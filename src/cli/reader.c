/* SPDX-License-Identifier: MIT */
/*
 * reader.c - bounded input reading for the CLI.  Memory use is at most
 * about max bytes per document, whatever the size of the input.
 */
#define _POSIX_C_SOURCE 200809L
#include "reader.h"

#include "json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK ((size_t)1 << 16)

void reader_init(struct reader *r, FILE *f, size_t max)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->max = max;
}

void reader_stream(struct reader *r, void (*idle)(void *ctx), void *ctx)
{
    r->idle = idle;
    r->ctx = ctx;
}

void reader_free(struct reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

/* Reads one more chunk after the buffered data.  0, or -1 on error. */
static int fill(struct reader *r)
{
    size_t got;

    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->len < CHUNK) {
        r->cap = r->cap ? r->cap * 2 : 4 * CHUNK;
        if (r->cap < r->len + CHUNK)
            r->cap = r->len + CHUNK;
        r->buf = xrealloc(r->buf, r->cap);
    }
    if (r->idle) {
        ssize_t n;
        r->idle(r->ctx);
        do
            n = read(fileno(r->f), r->buf + r->len, r->cap - r->len);
        while (n < 0 && errno == EINTR);
        if (n < 0)
            return -1;
        got = (size_t)n;
    } else {
        got = fread(r->buf + r->len, 1, r->cap - r->len, r->f);
        if (got == 0 && ferror(r->f))
            return -1;
    }
    r->len += got;
    if (got == 0)
        r->eof = 1;
    return 0;
}

/* Keeps up to READER_HEAD bytes of an over-long line's start. */
static void keep_head(struct reader *r, const char *p, size_t n)
{
    if (r->head_len < READER_HEAD) {
        size_t k =
            READER_HEAD - r->head_len < n ? READER_HEAD - r->head_len : n;
        memcpy(r->head + r->head_len, p, k);
        r->head_len += k;
    }
}

/* Skips a byte order mark at the very start of the input. */
static void skip_bom(struct reader *r)
{
    if (r->started || r->len - r->pos < 3)
        return;
    if (!memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
        r->pos += 3;
    r->started = 1;
}

int reader_line(struct reader *r, const char **line, size_t *len, int *too_long)
{
    size_t scanned = 0; /* bytes after pos known to hold no newline */

    *too_long = 0;
    r->head_len = 0;
    for (;;) {
        char *nl;

        if (!r->started && (r->len - r->pos >= 3 || r->eof)) {
            skip_bom(r);
            scanned = 0;
        }
        nl = r->started && r->len > r->pos + scanned
                 ? memchr(r->buf + r->pos + scanned, '\n',
                          r->len - r->pos - scanned)
                 : NULL;
        if (nl) {
            size_t n = (size_t)(nl - (r->buf + r->pos));
            if (n > r->max || *too_long) {
                *too_long = 1;
                keep_head(r, r->buf + r->pos, n);
            }
            *line = *too_long ? r->head : r->buf + r->pos;
            *len = *too_long ? r->head_len : n;
            r->pos += n + 1;
            return 1;
        }
        scanned = r->len - r->pos;
        if (scanned > r->max) { /* too long: drop what we have */
            *too_long = 1;
            keep_head(r, r->buf + r->pos, scanned);
            r->pos = r->len;
            scanned = 0;
        }
        if (r->eof) {
            if (r->len == r->pos && !*too_long)
                return 0;
            if (r->len - r->pos > r->max || *too_long) {
                *too_long = 1;
                keep_head(r, r->buf + r->pos, r->len - r->pos);
            }
            *line = *too_long ? r->head : r->buf + r->pos;
            *len = *too_long ? r->head_len : r->len - r->pos;
            r->pos = r->len;
            return 1;
        }
        if (fill(r))
            return -1;
    }
}

int reader_all(FILE *f, size_t max, char **out, size_t *len, int *too_long)
{
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    struct stat st;

    *out = NULL;
    *len = 0;
    *too_long = 0;
    /* A regular file's size is known: one buffer of that size (and a
     * chunk, to see the end), not a doubling one up to twice as large. */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= max)
        cap = (size_t)st.st_size + CHUNK;
    for (;;) {
        if (cap - n < CHUNK || !buf) {
            if (buf)
                cap *= 2;
            else if (!cap)
                cap = 4 * CHUNK;
            buf = xrealloc(buf, cap);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max) {
            *too_long = 1;
            free(buf);
            return 0;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}
