/* SPDX-License-Identifier: MIT */
/* corpus.c - documents of a corpus (see corpus.h). */
#define _POSIX_C_SOURCE 200809L
#include "corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int corpus_format(const char *s)
{
    if (!strcmp(s, "text"))
        return CORPUS_TEXT;
    if (!strcmp(s, "lines"))
        return CORPUS_LINES;
    if (!strcmp(s, "jsonl"))
        return CORPUS_JSONL;
    return -1;
}

int corpus_format_option(const char *cmd, const char *arg, int *fmt)
{
    if ((*fmt = corpus_format(arg)) >= 0)
        return 0;
    fprintf(stderr,
            "isthmus %s: unknown --format '%s' (use text, lines or "
            "jsonl)\nTry 'isthmus %s --help'.\n",
            cmd, arg, cmd);
    return 2; /* EXIT_USAGE */
}

/* One file's documents; returns problems, *stop when cb asked to. */
static size_t one_file(const char *cmd, const char *path, FILE *f,
                       enum corpus_format fmt, const char *field,
                       corpus_doc_cb cb, void *ctx, int *stop)
{
    struct sbuf all = {0}, text = {0};
    struct json_object obj = {0};
    char *line = NULL, err[256];
    size_t cap = 0, no = 0, problems = 0, i;
    ssize_t len;

    if (fmt == CORPUS_TEXT) {
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            sbuf_put(&all, buf, n);
        if (ferror(f)) {
            fprintf(stderr, "isthmus %s: %s: read error: %s\n", cmd, path,
                    strerror(errno));
            problems++;
        } else {
            sbuf_put(&all, "", 1);
            *stop = cb(all.ptr, all.len - 1, ctx);
        }
        sbuf_free(&all);
        return problems;
    }
    while (!*stop && (len = getline(&line, &cap, f)) > 0) {
        no++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (fmt == CORPUS_LINES) {
            *stop = cb(line, (size_t)len, ctx);
            continue;
        }
        if (!len)
            continue;
        if (json_parse_object(line, (size_t)len, &obj, err, sizeof err)) {
            fprintf(stderr, "isthmus %s: %s:%zu: %s\n", cmd, path, no, err);
            problems++;
            continue;
        }
        for (i = 0; i < obj.n; i++)
            if (json_key_is(&obj.m[i], field) && obj.m[i].val[0] == '"')
                break;
        if (i == obj.n) {
            fprintf(stderr, "isthmus %s: %s:%zu: no string field '%s'\n", cmd,
                    path, no, field);
            problems++;
            continue;
        }
        text.len = 0;
        json_decode_str(obj.m[i].val, obj.m[i].val_len, &text);
        sbuf_put(&text, "", 1);
        *stop = cb(text.ptr, text.len - 1, ctx);
    }
    free(line);
    sbuf_free(&text);
    json_object_free(&obj);
    return problems;
}

size_t corpus_each(const char *cmd, char **paths, int n_paths,
                   enum corpus_format fmt, const char *text_field,
                   corpus_doc_cb cb, void *ctx)
{
    size_t problems = 0;
    int i, stop = 0;

    if (n_paths <= 0)
        return one_file(cmd, "-", stdin, fmt, text_field, cb, ctx, &stop);
    for (i = 0; i < n_paths && !stop; i++) {
        FILE *f = strcmp(paths[i], "-") ? fopen(paths[i], "rb") : stdin;
        if (!f) {
            fprintf(stderr, "isthmus %s: %s: cannot open: %s\n", cmd, paths[i],
                    strerror(errno));
            problems++;
            continue;
        }
        problems += one_file(cmd, paths[i], f, fmt, text_field, cb, ctx, &stop);
        if (f != stdin)
            fclose(f);
    }
    return problems;
}
