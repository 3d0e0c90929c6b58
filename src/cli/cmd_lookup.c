/* SPDX-License-Identifier: MIT */
/*
 * cmd_lookup.c - "isthmus lookup NAME...": how each name normalizes,
 * which entries and rules match it as a whole, which won and why the
 * others lost (context, case, priority and load order), whether it also
 * matches in lower case, and the names found inside it.
 *
 * A name is looked up by tagging it as a document of its own with
 * --explain, so what lookup says is what tag does.
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
    "usage: isthmus lookup [OPTIONS] NAME...\n"
    "\n"
    "For each NAME: its key (normalized and case folded, as the tagger\n"
    "matches it), the entry or rule that wins when NAME is the whole text,\n"
    "the same-name entries that lose and why (priority or load order, a\n"
    "context condition, the case of the text), whether the lower-case\n"
    "form matches too (a 'fold' name) or not ('title' or 'exact'), and the\n"
    "names found inside NAME.\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "      --format FMT        text (default) or json (one object per\n"
    "                          NAME, one per line)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 every NAME matched; 1 some did not; 2 usage;\n"
    "3 gazetteer or rule errors.\n";

static const char *loss_name(isth_loss r)
{
    switch (r) {
    case ISTH_LOST_OVERLAP: return "overlap";
    case ISTH_LOST_CONTEXT: return "context";
    case ISTH_LOST_CASE: return "case";
    case ISTH_LOST_TIE: return "tie";
    default: return "rule";
    }
}

/* "file:line" of entity e into b, or of the match's own file. */
static void put_source(struct sbuf *b, const char *file, unsigned line)
{
    sbuf_printf(b, "%s:%u", file ? file : "", line);
}

/* The whole-name match of result r for a name of len bytes, or NULL. */
static const isth_match *whole(const isth_result *r, size_t len)
{
    size_t i;
    for (i = 0; i < r->n_entities; i++)
        if (r->entities[i].start == 0 && r->entities[i].end == len)
            return &r->entities[i];
    return NULL;
}

static void put_entity_json(struct sbuf *b, const isth_db *db, size_t ent)
{
    isth_entity_info e;

    if (isth_db_entity(db, ent, &e) != ISTH_OK) {
        sbuf_lit(b, "null");
        return;
    }
    sbuf_lit(b, "{\"id\": ");
    json_put_str(b, e.id, strlen(e.id));
    sbuf_lit(b, ", \"label\": ");
    json_put_str(b, e.label, strlen(e.label));
    sbuf_lit(b, ", \"name\": ");
    json_put_str(b, e.name, strlen(e.name));
    sbuf_lit(b, ", \"source\": \"");
    put_source(b, e.file, e.line);
    sbuf_lit(b, "\"}");
}

static void put_cstr(struct sbuf *b, const char *s)
{
    if (s)
        json_put_str(b, s, strlen(s));
    else
        sbuf_lit(b, "null");
}

/* Looks up one name; appends its report to out.  Returns 1 when it
 * matched as a whole, 0 when not, -1 on a scan error (printed). */
static int lookup(const isth_db *db, isth_scratch *s, const char *name,
                  int json, struct sbuf *out)
{
    size_t len = strlen(name), i, klen;
    const isth_result *r;
    const isth_match *m;
    char key[512], *lower = NULL;
    const char *lower_id = NULL;
    int lower_match = 0, found;
    isth_error err;

    klen = isth_name_key(name, len, key, sizeof key);
    if (klen == (size_t)-1)
        klen = 0, key[0] = 0;
    /* The lower-case form first: the result of the name is kept. */
    lower = strdup(name);
    for (i = 0; lower && lower[i]; i++)
        if (lower[i] >= 'A' && lower[i] <= 'Z')
            lower[i] = (char)(lower[i] - 'A' + 'a');
    if (lower &&
        isth_annotate(db, lower, len, ISTH_SCAN_NO_TOPICS, s, &r, &err) ==
            ISTH_OK &&
        (m = whole(r, len))) {
        lower_match = 1;
        lower_id = m->id;
        lower_id = lower_id ? strdup(lower_id) : NULL;
    }
    free(lower);
    if (isth_annotate(db, name, len, ISTH_SCAN_EXPLAIN | ISTH_SCAN_NO_TOPICS, s,
                      &r, &err) != ISTH_OK) {
        char buf[512];
        isth_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "isthmus lookup: %s: %s\n", name, buf);
        free((void *)lower_id);
        return -1;
    }
    m = whole(r, len);
    found = m != NULL;
    if (json) {
        sbuf_lit(out, "{\"name\": ");
        json_put_str(out, name, len);
        sbuf_lit(out, ", \"key\": ");
        json_put_str(out, key, strlen(key));
        sbuf_lit(out, ", \"match\": ");
        if (!m) {
            sbuf_lit(out, "null");
        } else {
            sbuf_lit(out, "{\"id\": ");
            put_cstr(out, m->id);
            sbuf_lit(out, ", \"label\": ");
            put_cstr(out, m->label);
            sbuf_lit(out, ", \"name\": ");
            put_cstr(out, m->name);
            sbuf_lit(out, ", \"source\": \"");
            put_source(out, m->file, m->line);
            sbuf_lit(out, "\", \"rule\": ");
            put_cstr(out, m->rule);
            sbuf_lit(out, "}");
        }
        sbuf_lit(out, ", \"alternatives\": [");
        for (i = 0; m && i < m->n_alternatives; i++) {
            if (i)
                sbuf_lit(out, ", ");
            put_entity_json(out, db, m->alternatives[i]);
        }
        sbuf_lit(out, "], \"context\": ");
        for (i = 0; i < r->n_kept; i++)
            if (r->kept[i].start == 0 && r->kept[i].end == len)
                break;
        put_cstr(out, i < r->n_kept ? r->kept[i].detail : NULL);
        sbuf_lit(out, ", \"rejected\": [");
        for (i = 0; i < r->n_rejected; i++) {
            const isth_rejection *x = &r->rejected[i];
            if (x->start != 0 || x->end != len)
                continue;
            if (out->ptr[out->len - 1] != '[')
                sbuf_lit(out, ", ");
            sbuf_lit(out, "{\"id\": ");
            put_cstr(out, x->id);
            sbuf_lit(out, ", \"label\": ");
            put_cstr(out, x->label);
            sbuf_lit(out, ", \"source\": \"");
            put_source(out, x->file, x->line);
            sbuf_lit(out, "\", \"reason\": ");
            put_cstr(out, loss_name(x->reason));
            sbuf_lit(out, ", \"detail\": ");
            put_cstr(out, x->detail);
            sbuf_lit(out, "}");
        }
        sbuf_lit(out, "], \"lower_case\": ");
        if (lower_match)
            put_cstr(out, lower_id ? lower_id : "");
        else
            sbuf_lit(out, "null");
        sbuf_lit(out, ", \"inside\": [");
        for (i = 0; i < r->n_entities; i++) {
            const isth_match *e = &r->entities[i];
            if (e == m)
                continue;
            if (out->ptr[out->len - 1] != '[')
                sbuf_lit(out, ", ");
            sbuf_printf(out,
                        "{\"start\": %zu, \"end\": %zu, \"text\": ", e->start,
                        e->end);
            json_put_str(out, name + e->start, e->end - e->start);
            sbuf_lit(out, ", \"id\": ");
            put_cstr(out, e->id);
            sbuf_lit(out, ", \"label\": ");
            put_cstr(out, e->label);
            sbuf_lit(out, "}");
        }
        sbuf_lit(out, "]}\n");
        free((void *)lower_id);
        return found;
    }
    sbuf_printf(out, "%s\n  key      \"%s\"\n", name, key);
    if (m) {
        sbuf_printf(out, "  match    %s  %s  \"%s\"  ", m->id ? m->id : "-",
                    m->label, m->name);
        put_source(out, m->file, m->line);
        if (m->rule)
            sbuf_printf(out, "  (rule %s)", m->rule);
        sbuf_lit(out, "\n");
        for (i = 0; i < r->n_kept; i++)
            if (r->kept[i].start == 0 && r->kept[i].end == len)
                sbuf_printf(out, "  context  %s\n", r->kept[i].detail);
    } else {
        sbuf_lit(out, "  match    none\n");
    }
    for (i = 0; i < r->n_rejected; i++) {
        const isth_rejection *x = &r->rejected[i];
        if (x->start != 0 || x->end != len)
            continue;
        sbuf_printf(out, "  lost     %s  %s  ", x->id ? x->id : "-", x->label);
        put_source(out, x->file, x->line);
        sbuf_printf(out, "  (%s: %s)\n", loss_name(x->reason),
                    x->detail ? x->detail : "");
    }
    if (lower_match)
        sbuf_printf(out, "  lower    matches in lower case too (%s)\n",
                    lower_id ? lower_id : "-");
    else if (m)
        sbuf_lit(out, "  lower    no match in lower case (case: title or "
                      "exact)\n");
    for (i = 0; i < r->n_entities; i++) {
        const isth_match *e = &r->entities[i];
        if (e == m)
            continue;
        sbuf_printf(out, "  inside   \"%.*s\" [%zu, %zu)  %s  %s\n",
                    (int)(e->end - e->start), name + e->start, e->start, e->end,
                    e->id ? e->id : "-", e->label);
    }
    free((void *)lower_id);
    return found;
}

int cmd_lookup(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct inputs in;
    isth_db *db = NULL;
    isth_scratch *s = NULL;
    struct sbuf out = {0};
    int json = 0, ch, rc, missed = 0, i;

    memset(&in, 0, sizeof in);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+g:r:h", longopts, NULL)) != -1) {
        int r = cli_option(&in, ch, argv, "lookup", HELP, HELP_OPTIONS, &rc);
        if (r == OPT_TAKEN)
            continue;
        if (r == OPT_STOP)
            goto done;
        switch (ch) {
        case 'f':
            if ((rc = cli_report_format("lookup", optarg, &json)))
                goto done;
            break;
        default: break;
        }
    }
    if (optind >= argc) {
        rc = cli_usage_error("lookup", "%s", "give one NAME or more");
        goto done;
    }
    if ((rc = cli_open(&in, "lookup", &db, &s)))
        goto done;
    for (i = optind; i < argc; i++) {
        int r = lookup(db, s, argv[i], json, &out);
        if (r <= 0)
            missed = 1;
        if (!json && i + 1 < argc)
            sbuf_lit(&out, "\n");
    }
    fwrite(out.ptr, 1, out.len, stdout);
    rc = missed ? EXIT_RECORDS : EXIT_OK;
done:
    sbuf_free(&out);
    isth_scratch_free(s);
    isth_db_free(db);
    inputs_free(&in);
    return rc;
}
