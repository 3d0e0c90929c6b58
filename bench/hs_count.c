/* SPDX-License-Identifier: MIT */
/*
 * hs_count.c - the Hyperscan anchor of the benchmark: the same task as
 * `isthmus tag --count`, done with Hyperscan.  Every name of the
 * dictionary becomes the pattern \bNAME\b (escaped, caseless, UTF-8; the
 * \b tested in the callback, as Hyperscan's UTF-8 mode defines it);
 * each line of the corpus is one document, scanned in block mode; a
 * match's start is its end minus the name's length (a literal: no need
 * for HS_FLAG_SOM_LEFTMOST, which makes compiling many times slower); the
 * matches of a line are reduced to the leftmost-longest non-overlapping
 * set and counted.
 *
 *   hs_count DICT CORPUS            compile, then scan
 *   hs_count -s DB DICT             compile and serialize to DB
 *   hs_count -d DB CORPUS           deserialize DB, then scan
 *
 * Prints "names N skipped K compile_s T matches M" on standard output;
 * with HS_COUNT_SPANS set, also "LINE START END" (bytes) per match on
 * standard error, to compare with isthmus's spans.
 */
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct span {
    unsigned long long from, to;
};

struct ctx {
    struct span *v;
    size_t n, cap;
    const unsigned *len;       /* byte length of each name, by id */
    const unsigned char *text; /* the document */
    size_t text_len;
};

/* \w in Hyperscan's UTF-8 mode without UCP: ASCII letters, digits, _. */
static int word(unsigned c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
           c == '_';
}

/* \b at byte p of the document. */
static int boundary(const struct ctx *c, unsigned long long p)
{
    int before = p > 0 && word(c->text[p - 1]);
    int after = p < c->text_len && word(c->text[p]);
    return before != after;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("hs_count: out of memory\n", stderr);
        exit(2);
    }
    return q;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 20, n = 0, got;
    char *buf;

    if (!f) {
        perror(path);
        exit(2);
    }
    buf = xrealloc(NULL, cap + 1);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = xrealloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* NAME as a Hyperscan pattern, metacharacters escaped.  The \b at either
 * end is checked in the callback (on_match): with \b in the patterns,
 * Hyperscan takes ten times longer to compile 10k names. */
static char *pattern(const char *name, size_t len)
{
    char *p = xrealloc(NULL, 2 * len + 8), *o = p;
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                          (c >= 'A' && c <= 'Z') || c == ' '))
            *o++ = '\\';
        *o++ = (char)c;
    }
    *o = '\0';
    return p;
}

static hs_database_t *compile(const char *dict, size_t *names, size_t *skipped,
                              double *secs, unsigned **lens, size_t *n_lens)
{
    size_t len, n = 0, cap = 1024, i;
    char *text = slurp(dict, &len), *line, *save = NULL;
    char **pats = xrealloc(NULL, cap * sizeof *pats);
    unsigned *flags, *ids;
    *lens = xrealloc(NULL, cap * sizeof **lens);
    hs_database_t *db = NULL;
    hs_compile_error_t *err = NULL;
    double t0 = now();

    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if (!l || line[0] == '#')
            continue;
        if (n == cap) {
            pats = xrealloc(pats, (cap *= 2) * sizeof *pats);
            *lens = xrealloc(*lens, cap * sizeof **lens);
        }
        (*lens)[n] = (unsigned)l;
        pats[n++] = pattern(line, l);
    }
    flags = xrealloc(NULL, n * sizeof *flags);
    ids = xrealloc(NULL, n * sizeof *ids);
    for (i = 0; i < n; i++) {
        flags[i] = HS_FLAG_CASELESS | HS_FLAG_UTF8;
        ids[i] = (unsigned)i;
    }
    *skipped = 0;
    /* A pattern Hyperscan refuses is dropped and the compile retried. */
    while (hs_compile_multi((const char *const *)pats, flags, ids, (unsigned)n,
                            HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
        int bad = err ? err->expression : -1;
        if (bad < 0) {
            fprintf(stderr, "hs_count: %s\n", err ? err->message : "error");
            exit(2);
        }
        hs_free_compile_error(err);
        free(pats[bad]);
        pats[bad] = pats[n - 1];
        ids[bad] = ids[n - 1];
        n--;
        (*skipped)++;
    }
    *secs = now() - t0;
    *names = n;
    *n_lens = n + *skipped;
    for (i = 0; i < n; i++)
        free(pats[i]);
    free(pats);
    free(flags);
    free(ids);
    free(text);
    return db;
}

static int on_match(unsigned id, unsigned long long from, unsigned long long to,
                    unsigned flags, void *vctx)
{
    struct ctx *c = vctx;
    (void)flags; /* from is 0 without HS_FLAG_SOM_LEFTMOST */
    if (c->n == c->cap)
        c->v =
            xrealloc(c->v, (c->cap = c->cap ? 2 * c->cap : 64) * sizeof *c->v);
    from = to - c->len[id];
    if (!boundary(c, from) || !boundary(c, to))
        return 0;
    c->v[c->n].from = from;
    c->v[c->n].to = to;
    c->n++;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->to > y->to ? -1 : x->to < y->to;
}

static unsigned long long scan(hs_database_t *db, const unsigned *lens,
                               const char *corpus)
{
    size_t len;
    char *text = slurp(corpus, &len), *p = text, *end = text + len;
    hs_scratch_t *scratch = NULL;
    struct ctx c = {NULL, 0, 0, NULL, NULL, 0};
    unsigned long long total = 0;
    size_t line = 1;
    int show = getenv("HS_COUNT_SPANS") != NULL;

    c.len = lens;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
        fputs("hs_count: scratch\n", stderr);
        exit(2);
    }
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), i;
        unsigned long long last = 0;

        c.n = 0;
        c.text = (const unsigned char *)p;
        c.text_len = n;
        hs_scan(db, p, (unsigned)n, 0, scratch, on_match, &c);
        qsort(c.v, c.n, sizeof *c.v, cmp);
        for (i = 0; i < c.n; i++) {
            if (c.v[i].from < last)
                continue;
            last = c.v[i].to;
            total++;
            if (show) /* HS_COUNT_SPANS: each match, to compare tools */
                fprintf(stderr, "%zu %llu %llu\n", line, c.v[i].from,
                        c.v[i].to);
        }
        line++;
        p += n + 1;
    }
    hs_free_scratch(scratch);
    free(c.v);
    free(text);
    return total;
}

/* The -s file: u64 size of Hyperscan's bytes, the bytes, u64 number of
 * names, their lengths (u32, by id). */
int main(int argc, char **argv)
{
    size_t names = 0, skipped = 0, n_lens = 0;
    unsigned *lens = NULL;
    double secs = 0;
    hs_database_t *db;

    if (argc == 4 && !strcmp(argv[1], "-s")) {
        char *bytes;
        size_t len;
        unsigned long long l64, n64;
        FILE *f;
        db = compile(argv[3], &names, &skipped, &secs, &lens, &n_lens);
        l64 = 0;
        if (hs_serialize_database(db, &bytes, &len) != HS_SUCCESS ||
            !(f = fopen(argv[2], "wb")) ||
            (l64 = len, fwrite(&l64, 8, 1, f) != 1) ||
            fwrite(bytes, 1, len, f) != len ||
            (n64 = n_lens, fwrite(&n64, 8, 1, f) != 1) ||
            fwrite(lens, sizeof *lens, n_lens, f) != n_lens || fclose(f)) {
            fputs("hs_count: cannot serialize\n", stderr);
            return 2;
        }
        printf("names %zu skipped %zu compile_s %.3f\n", names, skipped, secs);
        return 0;
    }
    if (argc == 4 && !strcmp(argv[1], "-d")) {
        size_t len;
        char *file = slurp(argv[2], &len);
        unsigned long long l64, n64;
        double t0 = now();
        db = NULL;
        memcpy(&l64, file, 8);
        memcpy(&n64, file + 8 + l64, 8);
        lens = xrealloc(NULL, n64 * sizeof *lens);
        memcpy(lens, file + 16 + l64, n64 * sizeof *lens);
        if (hs_deserialize_database(file + 8, l64, &db) != HS_SUCCESS) {
            fputs("hs_count: cannot deserialize\n", stderr);
            return 2;
        }
        printf("load_s %.3f matches %llu\n", now() - t0,
               scan(db, lens, argv[3]));
        return 0;
    }
    if (argc != 3) {
        fputs("usage: hs_count DICT CORPUS | -s DB DICT | -d DB CORPUS\n",
              stderr);
        return 2;
    }
    db = compile(argv[1], &names, &skipped, &secs, &lens, &n_lens);
    printf("names %zu skipped %zu compile_s %.3f matches %llu\n", names,
           skipped, secs, scan(db, lens, argv[2]));
    hs_free_database(db);
    return 0;
}
