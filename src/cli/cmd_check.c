/* SPDX-License-Identifier: MIT */
/*
 * cmd_check.c - "isthmus check": compiles the data (every layer) and
 * shows every error and warning at file:line:col in one run, as text or
 * as one JSON object for editors and CI.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isthmus.h"
#include "cli.h"
#include "inputs.h"
#include "json.h"

static const char HELP[] =
    "usage: isthmus check [OPTIONS]\n"
    "\n"
    "Compiles the gazetteers and rules of every layer and reports every\n"
    "error and warning at file:line:col, not only the first.  Warnings:\n"
    "a new label one letter from a known one or used once, a name two\n"
    "entries share with nothing to break the tie, a name another entry\n"
    "shadows, a one-word name that is a common word and matches in any\n"
    "case without a context or that is the given name of two people\n"
    "loaded, a rule's 'requires' word or a topic keyword that looks like a\n"
    "typo.  Warnings about the shipped data are left out unless --all.\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "      --format FMT        text (default) or json: one object\n"
    "                          {\"gazetteers\": [layer paths], \"rules\": "
    "[...],\n"
    "                          \"errors\", \"warnings\", \"hidden\",\n"
    "                          \"diagnostics\": [{\"severity\", \"file\", "
    "\"line\",\n"
    "                          \"col\", \"message\"}]}\n"
    "      --all               warnings about the shipped data too\n"
    "      --words FILE        common words, one per line (default:\n"
    "                          /usr/share/dict/words, its lower-case words;\n"
    "                          \"none\": no common-word warnings)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 no errors (warnings allowed); 2 usage; 3 errors.\n";

struct diag {
    int severity;
    isth_error e;
};

struct check {
    const struct inputs *in;
    int all;
    struct diag *v;
    size_t n, cap, n_err, n_warn, hidden;
};

static void on_diag(int severity, const isth_error *e, void *ctx)
{
    struct check *c = ctx;

    if (severity == ISTH_DIAG_WARNING && !c->all &&
        inputs_is_default(c->in, e->file)) {
        c->hidden++;
        return;
    }
    if (c->n == c->cap)
        c->v =
            xrealloc(c->v, (c->cap = c->cap ? 2 * c->cap : 64) * sizeof *c->v);
    c->v[c->n].severity = severity;
    c->v[c->n++].e = *e;
    if (severity == ISTH_DIAG_ERROR)
        c->n_err++;
    else
        c->n_warn++;
}

/* The lower-case words of a word list (a capitalized word is a name). */
static char **read_words(const char *path, size_t *n, char **buf)
{
    FILE *f = fopen(path, "r");
    char **v = NULL, *line = NULL;
    size_t cap = 0, lcap = 0, total = 0, i, off = 0;
    ssize_t len;
    struct sbuf all = {0};

    *n = 0;
    *buf = NULL;
    if (!f)
        return NULL;
    while ((len = getline(&line, &lcap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (!len || !(line[0] >= 'a' && line[0] <= 'z') || strchr(line, '\''))
            continue;
        sbuf_put(&all, line, (size_t)len + 1);
        total++;
    }
    free(line);
    fclose(f);
    v = xrealloc(NULL, (total ? total : 1) * sizeof *v);
    for (i = 0; i < total; i++) {
        v[i] = all.ptr + off;
        off += strlen(v[i]) + 1;
    }
    (void)cap;
    *n = total;
    *buf = all.ptr;
    return v;
}

static void put_paths(struct sbuf *b, char *const *v, size_t n)
{
    size_t i;

    sbuf_lit(b, "[");
    for (i = 0; i < n; i++) {
        if (i)
            sbuf_lit(b, ", ");
        json_put_str(b, v[i], strlen(v[i]));
    }
    sbuf_lit(b, "]");
}

static void put_json(struct sbuf *b, const struct check *c)
{
    size_t i;

    sbuf_lit(b, "{\"gazetteers\": ");
    put_paths(b, c->in->all_gaz, c->in->n_all_gaz);
    sbuf_lit(b, ", \"rules\": ");
    put_paths(b, c->in->all_rules, c->in->n_all_rules);
    sbuf_printf(b,
                ", \"errors\": %zu, \"warnings\": %zu, \"hidden\": %zu, "
                "\"diagnostics\": [",
                c->n_err, c->n_warn, c->hidden);
    for (i = 0; i < c->n; i++) {
        const isth_error *e = &c->v[i].e;
        sbuf_puts(b, i ? ", {\"severity\": " : "{\"severity\": ");
        sbuf_puts(b, c->v[i].severity == ISTH_DIAG_ERROR ? "\"error\""
                                                         : "\"warning\"");
        sbuf_lit(b, ", \"file\": ");
        if (e->file[0])
            json_put_str(b, e->file, strlen(e->file));
        else
            sbuf_lit(b, "null");
        sbuf_printf(b, ", \"line\": %u, \"col\": %u, \"message\": ", e->line,
                    e->col);
        json_put_str(b, e->msg, strlen(e->msg));
        sbuf_lit(b, "}");
    }
    sbuf_lit(b, "]}\n");
}

static void put_text(struct sbuf *b, const struct check *c, const isth_db *db)
{
    size_t i;

    for (i = 0; i < c->n; i++) {
        const isth_error *e = &c->v[i].e;
        const char *sev =
            c->v[i].severity == ISTH_DIAG_ERROR ? "error" : "warning";
        if (e->file[0] && e->line && e->col)
            sbuf_printf(b, "%s:%u:%u: %s: %s\n", e->file, e->line, e->col, sev,
                        e->msg);
        else if (e->file[0] && e->line)
            sbuf_printf(b, "%s:%u: %s: %s\n", e->file, e->line, sev, e->msg);
        else
            sbuf_printf(b, "%s%s%s: %s\n", e->file, e->file[0] ? ": " : "", sev,
                        e->msg);
    }
    sbuf_printf(b, "%zu error%s, %zu warning%s", c->n_err,
                c->n_err == 1 ? "" : "s", c->n_warn, c->n_warn == 1 ? "" : "s");
    if (c->hidden)
        sbuf_printf(b, " (%zu more in the shipped data: --all shows them)",
                    c->hidden);
    if (db)
        sbuf_printf(b, "; %zu entities, %zu names, %zu rules, %zu topics",
                    isth_db_entity_count(db), isth_db_pattern_count(db),
                    isth_db_rule_count(db), isth_db_topic_count(db));
    sbuf_lit(b, "\n");
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"format", required_argument, NULL, 'f'},
        {"all", no_argument, NULL, 'a'},
        {"words", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct inputs in;
    struct check c;
    isth_compile_options co = ISTH_COMPILE_OPTIONS_INIT;
    const char *words_path = "/usr/share/dict/words";
    char **words = NULL, *words_buf = NULL, buf[1024];
    size_t n_words = 0;
    isth_db *db = NULL;
    isth_error err;
    struct sbuf out = {0};
    int json = 0, ch, rc;

    memset(&in, 0, sizeof in);
    memset(&c, 0, sizeof c);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+g:r:h", longopts, NULL)) != -1) {
        int r = cli_option(&in, ch, argv, "check", HELP, HELP_OPTIONS, &rc);
        if (r == OPT_TAKEN)
            continue;
        if (r == OPT_STOP)
            goto done;
        switch (ch) {
        case 'f':
            if ((rc = cli_report_format("check", optarg, &json)))
                goto done;
            break;
        case 'a': c.all = 1; break;
        case 'w': words_path = optarg; break;
        default: break;
        }
    }
    if (optind < argc) {
        rc = cli_usage_error("check", "unexpected argument '%s'", argv[optind]);
        goto done;
    }
    if (in.db_path) {
        rc = cli_usage_error("check", "%s",
                             "--db is an option of tag: check reads YAML");
        goto done;
    }
    if ((rc = inputs_resolve(&in, &co, "check")))
        goto done;
    if (strcmp(words_path, "none"))
        words = read_words(words_path, &n_words, &words_buf);
    c.in = &in;
    co.on_diagnostic = on_diag;
    co.diagnostic_ctx = &c;
    co.common_words = (const char *const *)words;
    co.n_common_words = n_words;
    rc = isth_db_compile(&db, &co, &err);
    if (rc && !c.n_err) {
        /* Not a data error (a bad option, out of memory): say it. */
        isth_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "isthmus check: %s\n", buf);
        rc = rc == ISTH_EINVAL ? EXIT_USAGE : EXIT_CONFIG;
        goto done;
    }
    if (json)
        put_json(&out, &c);
    else
        put_text(&out, &c, db);
    fwrite(out.ptr, 1, out.len, stdout);
    rc = c.n_err ? EXIT_CONFIG : EXIT_OK;
done:
    sbuf_free(&out);
    isth_db_free(db);
    free(words);
    free(words_buf);
    free(c.v);
    inputs_free(&in);
    return rc;
}
