/* SPDX-License-Identifier: MIT */
/*
 * reader.h - reading input documents with a size ceiling: whole files,
 * or one line at a time, where an over-long line is skipped (and
 * reported) instead of exhausting memory.
 */
#ifndef ISTH_CLI_READER_H
#define ISTH_CLI_READER_H

#include <stdio.h>

struct reader {
    FILE *f;
    char *buf;
    size_t cap, len, pos;
    size_t max;
    int eof;
};

void reader_init(struct reader *r, FILE *f, size_t max);
void reader_free(struct reader *r);

/*
 * Next line without its "\n" (a "\r" before it is kept).  Returns 1 with
 * *line and *len set, 0 at end of input, -1 on a read error.  A line
 * longer than max bytes sets *too_long and comes back empty.
 */
int reader_line(struct reader *r, const char **line, size_t *len,
                int *too_long);

/* Reads all of f.  Returns 0 (with *out malloc'd, *too_long set when f
 * holds more than max bytes: then *out is NULL), or -1 on a read error. */
int reader_all(FILE *f, size_t max, char **out, size_t *len, int *too_long);

#endif
