/* SPDX-License-Identifier: MIT */
/*
 * reader.h - reading input documents with a size ceiling: whole files,
 * or one line at a time, where an over-long line is skipped (and
 * reported) instead of exhausting memory.
 */
#ifndef ISTH_CLI_READER_H
#define ISTH_CLI_READER_H

#include <stdio.h>

/* What an over-long line keeps of its start, where its id may be read. */
#define READER_HEAD 4096

struct reader {
    FILE *f;
    char *buf;
    size_t cap, len, pos;
    size_t max;
    int eof;
    int started;              /* past the first line (and its BOM) */
    char head[READER_HEAD];   /* the start of an over-long line */
    size_t head_len, dropped; /* and how much of it was dropped */
    /* Streaming (reader_stream): read what the input has (read(2), not
     * fread, which waits for a whole chunk), and call idle(ctx) first:
     * every line read so far has been returned. */
    void (*idle)(void *ctx);
    void *ctx;
};

void reader_init(struct reader *r, FILE *f, size_t max);

/* Streams: see idle above. */
void reader_stream(struct reader *r, void (*idle)(void *ctx), void *ctx);
void reader_free(struct reader *r);

/*
 * Next line without its "\n" (a "\r" before it is kept); a UTF-8 byte
 * order mark at the start of the input is skipped.  Returns 1 with *line
 * and *len set, 0 at end of input, -1 on a read error.  A line longer
 * than max bytes sets *too_long and comes back as its first bytes (at
 * most READER_HEAD), for finding its id, never as a document.
 */
int reader_line(struct reader *r, const char **line, size_t *len,
                int *too_long);

/* Reads all of f.  Returns 0 (with *out malloc'd, *too_long set when f
 * holds more than max bytes: then *out is NULL), or -1 on a read error. */
int reader_all(FILE *f, size_t max, char **out, size_t *len, int *too_long);

#endif
