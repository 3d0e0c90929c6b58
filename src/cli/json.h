/* SPDX-License-Identifier: MIT */
/*
 * json.h - the CLI's JSON: a byte buffer that writes valid JSON strings
 * from any bytes, and a strict parser for one JSON Lines record that keeps
 * each member's raw text so records pass through unchanged.
 */
#ifndef ISTH_CLI_JSON_H
#define ISTH_CLI_JSON_H

#include <stddef.h>

struct sbuf {
    char *ptr;
    size_t len, cap;
};

/* realloc that exits with a message when out of memory. */
void *xrealloc(void *p, size_t n);

void sbuf_put(struct sbuf *b, const char *s, size_t len);
void sbuf_puts(struct sbuf *b, const char *s);
/* sbuf_puts() of a string literal, without strlen(). */
#define sbuf_lit(b, s) sbuf_put((b), (s), sizeof(s) - 1)
/* Appends v in decimal (no printf: it is on every entity's path). */
void sbuf_put_uint(struct sbuf *b, unsigned long long v);
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sbuf_free(struct sbuf *b);

/* Appends s[0, len) as a JSON string.  Invalid UTF-8 bytes are written as
 * \ufffd, control characters (NUL included) as escapes. */
void json_put_str(struct sbuf *b, const char *s, size_t len);

/* Appends a number with printf format fmt ("%g", "%.4g"); null when it
 * is not finite, which JSON cannot say (never "nan"). */
void json_put_num(struct sbuf *b, const char *fmt, double v);

/* One member of a parsed object: raw key and value text in the line. */
struct json_member {
    const char *key, *val; /* key includes its quotes */
    size_t key_len, val_len;
};

struct json_object {
    struct json_member *m;
    size_t n, cap;
};

/*
 * Parses line[0, len) as one JSON object (white space around it allowed).
 * On success fills obj and returns 0.  On error returns -1 and writes a
 * message naming the column into errbuf.
 */
int json_parse_object(const char *line, size_t len, struct json_object *obj,
                      char *errbuf, size_t errsize);

/* Non-zero when the raw member key equals name (escapes decoded). */
int json_key_is(const struct json_member *m, const char *name);

/* Decodes a raw JSON string value (with quotes) into out.  \u0000 gives a
 * NUL byte; lone surrogates give U+FFFD.  The value must have been
 * validated by json_parse_object(). */
void json_decode_str(const char *raw, size_t len, struct sbuf *out);

void json_object_free(struct json_object *obj);

/*
 * Finds a member key with a scalar value (string, number, true, false,
 * null) in s, which need not be valid JSON as a whole (a malformed or cut
 * record), so an error record can keep the input's id.  Returns 1 with
 * *val the value's valid JSON text, or 0.
 */
int json_salvage_member(const char *s, size_t len, const char *key,
                        const char **val, size_t *val_len);

#endif
