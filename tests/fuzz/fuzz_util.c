/* SPDX-License-Identifier: MIT */
/* fuzz_util.c - see fuzz_util.h. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_util.h"
#include "../../src/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *fuzz_write_file(const uint8_t *data, size_t size,
                            const char *suffix)
{
    static char path[256];
    const char *dir = getenv("TMPDIR");
    FILE *f;

    snprintf(path, sizeof path, "%s/isthmus-fuzz-%ld%s",
             dir && *dir ? dir : "/tmp", (long)getpid(), suffix);
    if (!(f = fopen(path, "wb")))
        return NULL;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return NULL;
    }
    if (fclose(f) != 0)
        return NULL;
    return path;
}

/* What the callback of a scan in parts saw. */
struct seen {
    size_t n, len, last_start;
};

static int on_part_match(const isth_match *m, void *ctx)
{
    struct seen *s = ctx;
    if (m->start > m->end || m->end > s->len || !m->label ||
        m->start < s->last_start)
        abort();
    s->last_start = m->start;
    s->n++;
    return 0;
}

/* The same text in parts of at most 16 to 79 bytes (so any input is many
 * parts): in order, in bounds, every entity counted. */
static void annotate_parts(const isth_db *db, const char *text, size_t len,
                           unsigned flags)
{
    isth_scratch *s = NULL;
    const isth_result *r = NULL;
    struct seen seen = {0, 0, 0};
    isth_error err;
    size_t i;
    int rc;

    if (isth_scratch_alloc(db, &s) != ISTH_OK)
        return;
    s->part_max = 16 + len % 64;
    seen.len = len;
    rc = isth_annotate_stream(db, text, len, flags, s, on_part_match, &seen, &r,
                              &err);
    if (rc == ISTH_OK) {
        if (r->n_entities != seen.n || r->entities)
            abort();
        for (i = 0; i < r->n_topics; i++)
            if (!(r->topics[i].score >= 0 && r->topics[i].score <= 1) ||
                r->topics[i].n_evidence > 32)
                abort();
    } else if (rc != ISTH_ELIMIT && rc != ISTH_ENOMEM) {
        abort();
    }
    isth_scratch_free(s);
}

void fuzz_annotate(const isth_db *db, const char *text, size_t len,
                   unsigned flags)
{
    isth_scratch *s = NULL;
    const isth_result *r = NULL;
    isth_error err;
    size_t i;
    int rc;

    if (isth_scratch_alloc(db, &s) != ISTH_OK)
        return;
    rc = isth_annotate(db, text, len, flags, s, &r, &err);
    if (rc == ISTH_OK) {
        for (i = 0; i < r->n_entities; i++) {
            const isth_match *m = &r->entities[i];
            if (m->start > m->end || m->end > len || !m->label)
                abort();
        }
        for (i = 0; i < r->n_topics; i++)
            if (!(r->topics[i].score >= 0 && r->topics[i].score <= 1))
                abort();
    } else if (rc != ISTH_ELIMIT && rc != ISTH_ENOMEM) {
        abort(); /* valid arguments: only a limit or memory may fail */
    }
    isth_scratch_free(s);
    if (!(flags & ISTH_SCAN_EXPLAIN))
        annotate_parts(db, text, len, flags);
}

void fuzz_annotate_texts(const isth_db *db)
{
    static const char *const texts[] = {
        "Defense Secretary Pete Hegseth will visit Panama amid tensions over "
        "the Panama Canal.",
        "Georgia signed in Tbilisi; a tanker left port, 300000 dwt.",
        "Panama 2 Jordan 1. Lady Panama. Not Panama. $2 million.",
        "",
        "\xff\xfe Panama \xc3\x28 Z\xc3\xbcrich",
        "aaaaaaaaaaaaaaaaaaaaaaaa!"};
    size_t i;
    unsigned flags;

    for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (flags = 0; flags < 8; flags++)
            fuzz_annotate(db, texts[i], strlen(texts[i]), flags);
}

void fuzz_diag(int severity, const isth_error *diag, void *ctx)
{
    struct fuzz_diags *d = ctx;

    if (!diag || !diag->msg[0])
        __builtin_trap();
    if (severity == ISTH_DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void fuzz_diagnostics(isth_compile_options *o, struct fuzz_diags *d)
{
    static const char *const words[] = {"chance", "the", "panama", "said"};

    d->errors = d->warnings = 0;
    o->on_diagnostic = fuzz_diag;
    o->diagnostic_ctx = d;
    o->common_words = words;
    o->n_common_words = sizeof words / sizeof *words;
}

void fuzz_check_diags(int rc, const struct fuzz_diags *d)
{
    if ((rc == ISTH_OK) != (d->errors == 0) && rc != ISTH_ENOMEM)
        __builtin_trap();
}
