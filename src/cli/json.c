/* SPDX-License-Identifier: MIT */
/*
 * json.c - JSON writing and the record parser of the CLI.  The parser
 * follows RFC 8259 strictly (no trailing commas, no comments, no NaN) and
 * bounds nesting depth, so a malformed line is reported, never guessed.
 */
#include "json.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("isthmus: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

static void sbuf_reserve(struct sbuf *b, size_t extra)
{
    size_t cap;
    char *p;

    if (b->len + extra <= b->cap)
        return;
    cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    p = xrealloc(b->ptr, cap);
    b->ptr = p;
    b->cap = cap;
}

void sbuf_put(struct sbuf *b, const char *s, size_t len)
{
    sbuf_reserve(b, len + 1);
    memcpy(b->ptr + b->len, s, len);
    b->len += len;
}

void sbuf_puts(struct sbuf *b, const char *s)
{
    sbuf_put(b, s, strlen(s));
}

void sbuf_put_uint(struct sbuf *b, unsigned long long v)
{
    char d[24];
    size_t n = sizeof d;

    do {
        d[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sbuf_put(b, d + n, sizeof d - n);
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sbuf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sbuf_free(struct sbuf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

/* Length of the valid UTF-8 sequence at s, or 0 when invalid. */
static size_t utf8_valid(const unsigned char *s, size_t len)
{
    uint32_t cp;
    size_t n, i;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        cp = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        cp = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

void json_put_num(struct sbuf *b, const char *fmt, double v)
{
    if (isfinite(v))
        sbuf_printf(b, fmt, v);
    else
        sbuf_puts(b, "null");
}

void json_put_str(struct sbuf *b, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run;

    sbuf_reserve(b, len + 2);
    b->ptr[b->len++] = '"';
    while (i < len) {
        unsigned char c = s[i];
        size_t n;

        /* Copy plain runs at once. */
        for (run = i; run < len && s[run] >= 0x20 && s[run] < 0x80 &&
                      s[run] != '"' && s[run] != '\\';
             run++)
            ;
        if (run > i) {
            sbuf_put(b, str + i, run - i);
            i = run;
            continue;
        }
        switch (c) {
        case '"':
            sbuf_put(b, "\\\"", 2);
            i++;
            continue;
        case '\\':
            sbuf_put(b, "\\\\", 2);
            i++;
            continue;
        case '\n':
            sbuf_put(b, "\\n", 2);
            i++;
            continue;
        case '\r':
            sbuf_put(b, "\\r", 2);
            i++;
            continue;
        case '\t':
            sbuf_put(b, "\\t", 2);
            i++;
            continue;
        default: break;
        }
        if (c < 0x20) {
            sbuf_printf(b, "\\u%04x", c);
            i++;
        } else if ((n = utf8_valid(s + i, len - i)) != 0) {
            sbuf_put(b, str + i, n);
            i += n;
        } else {
            sbuf_put(b, "\\ufffd", 6);
            i++;
        }
    }
    sbuf_put(b, "\"", 1);
}

/* ---------------------------------------------------------------- */
/* Parser                                                            */

struct parser {
    const char *s;
    size_t len, pos;
    const char *err;
};

static void ws(struct parser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static int fail(struct parser *p, const char *msg)
{
    if (!p->err)
        p->err = msg;
    return -1;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    int i;

    for (i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static int parse_string(struct parser *p)
{
    unsigned u;

    if (p->pos >= p->len || p->s[p->pos] != '"')
        return fail(p, "expected a string");
    p->pos++;
    while (p->pos < p->len) {
        unsigned char c = (unsigned char)p->s[p->pos];
        size_t n;

        if (c == '"') {
            p->pos++;
            return 0;
        }
        if (c < 0x20)
            return fail(p, "control character in string");
        if (c == '\\') {
            if (p->pos + 1 >= p->len)
                break;
            switch (p->s[p->pos + 1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't': p->pos += 2; continue;
            case 'u':
                if (p->pos + 6 > p->len || hex4(p->s + p->pos + 2, &u))
                    return fail(p, "bad \\u escape");
                p->pos += 6;
                continue;
            default: return fail(p, "bad escape in string");
            }
        }
        if (!(n = utf8_valid((const unsigned char *)p->s + p->pos,
                             p->len - p->pos)))
            return fail(p, "invalid UTF-8 in string");
        p->pos += n;
    }
    return fail(p, "unterminated string");
}

static int parse_value(struct parser *p, int depth);

static int parse_number(struct parser *p)
{
    size_t start = p->pos;

    if (p->pos < p->len && p->s[p->pos] == '-')
        p->pos++;
    if (p->pos < p->len && p->s[p->pos] == '0') {
        p->pos++;
    } else if (p->pos < p->len && p->s[p->pos] >= '1' && p->s[p->pos] <= '9') {
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
            p->pos++;
    } else {
        p->pos = start;
        return fail(p, "unexpected character");
    }
    if (p->pos < p->len && p->s[p->pos] == '.') {
        p->pos++;
        if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
            return fail(p, "bad number");
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
            p->pos++;
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
            return fail(p, "bad number");
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
            p->pos++;
    }
    return 0;
}

static int literal(struct parser *p, const char *word)
{
    size_t n = strlen(word);

    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n))
        return fail(p, "unexpected character");
    p->pos += n;
    return 0;
}

/* Parses an object; members are recorded only when obj is not NULL. */
static int parse_object(struct parser *p, int depth, struct json_object *obj)
{
    p->pos++; /* '{' */
    ws(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return 0;
    }
    for (;;) {
        size_t ks, ke, vs;

        ws(p);
        ks = p->pos;
        if (parse_string(p))
            return fail(p, "expected a member name");
        ke = p->pos;
        ws(p);
        if (p->pos >= p->len || p->s[p->pos] != ':')
            return fail(p, "expected ':'");
        p->pos++;
        ws(p);
        vs = p->pos;
        if (parse_value(p, depth + 1))
            return -1;
        if (obj) {
            if (obj->n == obj->cap) {
                size_t cap = obj->cap ? obj->cap * 2 : 8;
                obj->m = xrealloc(obj->m, cap * sizeof *obj->m);
                obj->cap = cap;
            }
            obj->m[obj->n].key = p->s + ks;
            obj->m[obj->n].key_len = ke - ks;
            obj->m[obj->n].val = p->s + vs;
            obj->m[obj->n].val_len = p->pos - vs;
            obj->n++;
        }
        ws(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
            return 0;
        }
        return fail(p, "expected ',' or '}'");
    }
}

static int parse_value(struct parser *p, int depth)
{
    if (depth > MAX_DEPTH)
        return fail(p, "nesting too deep");
    ws(p);
    if (p->pos >= p->len)
        return fail(p, "unexpected end of line");
    switch (p->s[p->pos]) {
    case '{': return parse_object(p, depth, NULL);
    case '[':
        p->pos++;
        ws(p);
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
            return 0;
        }
        for (;;) {
            if (parse_value(p, depth + 1))
                return -1;
            ws(p);
            if (p->pos < p->len && p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->pos < p->len && p->s[p->pos] == ']') {
                p->pos++;
                return 0;
            }
            return fail(p, "expected ',' or ']'");
        }
    case '"': return parse_string(p);
    case 't': return literal(p, "true");
    case 'f': return literal(p, "false");
    case 'n': return literal(p, "null");
    default: return parse_number(p);
    }
}

int json_parse_object(const char *line, size_t len, struct json_object *obj,
                      char *errbuf, size_t errsize)
{
    struct parser p = {line, len, 0, NULL};

    obj->n = 0;
    ws(&p);
    if (p.pos >= len || line[p.pos] != '{') {
        snprintf(errbuf, errsize, "invalid JSON at column %zu: %s", p.pos + 1,
                 "a record must be a JSON object");
        return -1;
    }
    if (parse_object(&p, 0, obj) == 0) {
        ws(&p);
        if (p.pos == len)
            return 0;
        fail(&p, "text after the object");
    }
    snprintf(errbuf, errsize, "invalid JSON at column %zu: %s", p.pos + 1,
             p.err ? p.err : "syntax error");
    return -1;
}

void json_decode_str(const char *raw, size_t len, struct sbuf *out)
{
    size_t i = 1, end = len - 1; /* inside the quotes */

    out->len = 0;
    sbuf_reserve(out, len);
    while (i < end) {
        unsigned u = 0, lo = 0;
        char c = raw[i];
        char enc[4];
        size_t n;

        if (c != '\\') {
            size_t j = i;
            while (j < end && raw[j] != '\\')
                j++;
            sbuf_put(out, raw + i, j - i);
            i = j;
            continue;
        }
        c = raw[i + 1];
        i += 2;
        switch (c) {
        case 'b': sbuf_put(out, "\b", 1); continue;
        case 'f': sbuf_put(out, "\f", 1); continue;
        case 'n': sbuf_put(out, "\n", 1); continue;
        case 'r': sbuf_put(out, "\r", 1); continue;
        case 't': sbuf_put(out, "\t", 1); continue;
        case 'u': break;
        default: sbuf_put(out, &c, 1); continue;
        }
        hex4(raw + i, &u);
        i += 4;
        if (u >= 0xD800 && u <= 0xDBFF && i + 6 <= end && raw[i] == '\\' &&
            raw[i + 1] == 'u' && !hex4(raw + i + 2, &lo) && lo >= 0xDC00 &&
            lo <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            u = 0xFFFD;
        }
        if (u < 0x80) {
            enc[0] = (char)u;
            n = 1;
        } else if (u < 0x800) {
            enc[0] = (char)(0xC0 | (u >> 6));
            enc[1] = (char)(0x80 | (u & 0x3F));
            n = 2;
        } else if (u < 0x10000) {
            enc[0] = (char)(0xE0 | (u >> 12));
            enc[1] = (char)(0x80 | ((u >> 6) & 0x3F));
            enc[2] = (char)(0x80 | (u & 0x3F));
            n = 3;
        } else {
            enc[0] = (char)(0xF0 | (u >> 18));
            enc[1] = (char)(0x80 | ((u >> 12) & 0x3F));
            enc[2] = (char)(0x80 | ((u >> 6) & 0x3F));
            enc[3] = (char)(0x80 | (u & 0x3F));
            n = 4;
        }
        sbuf_put(out, enc, n);
    }
}

int json_key_is(const struct json_member *m, const char *name)
{
    struct sbuf b = {0};
    int eq;

    if (!memchr(m->key, '\\', m->key_len))
        return m->key_len == strlen(name) + 2 &&
               !memcmp(m->key + 1, name, m->key_len - 2);
    json_decode_str(m->key, m->key_len, &b);
    eq = b.len == strlen(name) && !memcmp(b.ptr, name, b.len);
    sbuf_free(&b);
    return eq;
}

void json_object_free(struct json_object *obj)
{
    free(obj->m);
    obj->m = NULL;
    obj->n = obj->cap = 0;
}

int json_salvage_member(const char *s, size_t len, const char *key,
                        const char **val, size_t *val_len)
{
    size_t kl = strlen(key), i, j;

    for (i = 0; i + kl + 2 <= len; i++) {
        struct parser p = {s, len, 0, NULL};
        size_t start;
        char c;
        int rc;

        if (s[i] != '"' || memcmp(s + i + 1, key, kl) || s[i + 1 + kl] != '"')
            continue;
        /* A key follows '{' or ','; a value would follow ':' or '['. */
        for (j = i; j > 0 && strchr(" \t\r\n", s[j - 1]); j--)
            ;
        if (j == 0 || (s[j - 1] != '{' && s[j - 1] != ','))
            continue;
        p.pos = i + kl + 2;
        ws(&p);
        if (p.pos >= len || s[p.pos] != ':')
            continue;
        p.pos++;
        ws(&p);
        if ((start = p.pos) >= len)
            return 0;
        c = s[start];
        rc = c == '"'                             ? parse_string(&p)
             : c == '-' || (c >= '0' && c <= '9') ? parse_number(&p)
             : c == 't'                           ? literal(&p, "true")
             : c == 'f'                           ? literal(&p, "false")
             : c == 'n'                           ? literal(&p, "null")
                                                  : -1;
        if (rc == 0) {
            *val = s + start;
            *val_len = p.pos - start;
            return 1;
        }
    }
    return 0;
}
