/* SPDX-License-Identifier: MIT */
/*
 * cmd_coverage.c - "isthmus coverage CORPUS...": what the data finds in
 * a corpus: entities per label, hits per entry and per name (the forms
 * the text used), hits per rule, and the entries never seen.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isthmus.h"
#include "cli.h"
#include "corpus.h"
#include "inputs.h"
#include "json.h"

static const char HELP[] =
    "usage: isthmus coverage [OPTIONS] [FILE...]\n"
    "\n"
    "Tags a corpus (FILEs, or standard input) and reports what the data\n"
    "found: entities per label, hits per entry with the names the text\n"
    "used, hits per rule, and the entries of your own layers that were\n"
    "never seen (every layer's with --all).\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "      --format FMT        the corpus: text (a file is a document),\n"
    "                          lines or jsonl (default: text)\n"
    "      --text-field NAME   jsonl field holding the text (default: text)\n"
    "      --json              one JSON object instead of text\n"
    "      --top N             entries, rules and unseen entries listed\n"
    "                          (default 20; 0: all)\n"
    "      --all               unseen entries of the shipped data too\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 ok; 1 some input could not be read; 2 usage;\n"
    "3 gazetteer or rule errors.\n";

/* Hits of one (entity or rule, name key): a chained hash table. */
struct name_hit {
    size_t owner; /* entity index, or n_entities + rule slot */
    char *key;    /* folded key of the text */
    char *shown;  /* the text as first seen */
    size_t hits;
    struct name_hit *next;
};

struct cov {
    const isth_db *db;
    isth_scratch *s;
    size_t docs, entities, n_ent;
    size_t *ent_hits;
    char **labels;
    size_t *label_hits, n_labels;
    char **rules; /* every rule that made an entity */
    size_t *rule_hits, n_rules;
    char **lone; /* rules, for the entities they made linked to no entry */
    size_t *lone_hits, n_lone;
    struct name_hit **tab;
    size_t tab_cap, n_names;
    size_t failed;
};

static size_t intern(char ***v, size_t **hits, size_t *n, const char *s)
{
    size_t i;
    for (i = 0; i < *n; i++)
        if (!strcmp((*v)[i], s))
            return i;
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    *hits = xrealloc(*hits, (*n + 1) * sizeof **hits);
    (*v)[*n] = strdup(s);
    (*hits)[*n] = 0;
    return (*n)++;
}

static size_t hash_str(size_t h, const char *s)
{
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

static void add_name(struct cov *c, size_t owner, const char *text, size_t len)
{
    char key[256], shown[256];
    size_t h, klen = isth_name_key(text, len, key, sizeof key);
    struct name_hit *n;

    if (klen == (size_t)-1)
        return;
    snprintf(shown, sizeof shown, "%.*s", (int)(len < 255 ? len : 255), text);
    if (2 * (c->n_names + 1) > c->tab_cap) {
        size_t cap = c->tab_cap ? 2 * c->tab_cap : 1024, i;
        struct name_hit **t = xrealloc(NULL, cap * sizeof *t);
        memset(t, 0, cap * sizeof *t);
        for (i = 0; i < c->tab_cap; i++)
            while (c->tab[i]) {
                struct name_hit *x = c->tab[i];
                c->tab[i] = x->next;
                h = hash_str(x->owner * 31 + 7, x->key) & (cap - 1);
                x->next = t[h];
                t[h] = x;
            }
        free(c->tab);
        c->tab = t;
        c->tab_cap = cap;
    }
    h = hash_str(owner * 31 + 7, key) & (c->tab_cap - 1);
    for (n = c->tab[h]; n; n = n->next)
        if (n->owner == owner && !strcmp(n->key, key)) {
            n->hits++;
            return;
        }
    n = xrealloc(NULL, sizeof *n);
    n->owner = owner;
    n->key = strdup(key);
    n->shown = strdup(shown);
    n->hits = 1;
    n->next = c->tab[h];
    c->tab[h] = n;
    c->n_names++;
}

static int on_doc(const char *text, size_t len, void *ctx)
{
    struct cov *c = ctx;
    const isth_result *r;
    isth_error err;
    size_t i;

    c->docs++;
    if (isth_annotate(c->db, text, len, ISTH_SCAN_NO_TOPICS, c->s, &r, &err)) {
        char buf[512];
        isth_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "isthmus coverage: document %zu: %s\n", c->docs, buf);
        c->failed++;
        return 0;
    }
    for (i = 0; i < r->n_entities; i++) {
        const isth_match *m = &r->entities[i];
        size_t owner, k;
        c->entities++;
        k = intern(&c->labels, &c->label_hits, &c->n_labels, m->label);
        c->label_hits[k]++; /* after intern(), which may move the array */
        if (m->rule) {
            k = intern(&c->rules, &c->rule_hits, &c->n_rules, m->rule);
            c->rule_hits[k]++;
        }
        if (m->entity != ISTH_NO_ENTITY) {
            c->ent_hits[m->entity]++;
            owner = m->entity;
        } else {
            owner = intern(&c->lone, &c->lone_hits, &c->n_lone, m->rule);
            c->lone_hits[owner]++;
            owner += c->n_ent;
        }
        add_name(c, owner, text + m->start, m->end - m->start);
    }
    return 0;
}

/* Owners (entities, then rules) by hits, most first. */
static const struct cov *g_cov;

static size_t owner_hits(const struct cov *c, size_t o)
{
    return o < c->n_ent ? c->ent_hits[o] : c->lone_hits[o - c->n_ent];
}

static int cmp_owner(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    size_t ha = owner_hits(g_cov, a), hb = owner_hits(g_cov, b);
    if (ha != hb)
        return ha > hb ? -1 : 1;
    return (a > b) - (a < b);
}

static int cmp_name(const void *pa, const void *pb)
{
    const struct name_hit *a = *(struct name_hit *const *)pa;
    const struct name_hit *b = *(struct name_hit *const *)pb;
    if (a->hits != b->hits)
        return a->hits > b->hits ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* The names of one owner, most hits first (array to free). */
static struct name_hit **names_of(const struct cov *c, size_t owner, size_t *n)
{
    struct name_hit **v = NULL;
    size_t i, cap = 0;
    struct name_hit *x;

    *n = 0;
    for (i = 0; i < c->tab_cap; i++)
        for (x = c->tab[i]; x; x = x->next)
            if (x->owner == owner) {
                if (*n == cap)
                    v = xrealloc(v, (cap = cap ? 2 * cap : 8) * sizeof *v);
                v[(*n)++] = x;
            }
    if (*n > 1)
        qsort(v, *n, sizeof *v, cmp_name);
    return v;
}

static void report(struct sbuf *b, struct cov *c, const struct inputs *in,
                   int json, size_t top, int all)
{
    size_t n_owners = c->n_ent + c->n_lone, *ord, i, k, shown = 0;
    size_t first_user = all ? 0 : inputs_shipped_entities(in, c->db);
    size_t unseen = 0;

    ord = xrealloc(NULL, (n_owners ? n_owners : 1) * sizeof *ord);
    for (i = 0; i < n_owners; i++)
        ord[i] = i;
    g_cov = c;
    qsort(ord, n_owners, sizeof *ord, cmp_owner);
    for (i = first_user; i < c->n_ent; i++)
        unseen += !c->ent_hits[i];
    if (json) {
        sbuf_printf(b,
                    "{\"documents\": %zu, \"entities\": %zu, \"failed\": "
                    "%zu, \"labels\": {",
                    c->docs, c->entities, c->failed);
        for (i = 0; i < c->n_labels; i++) {
            sbuf_puts(b, i ? ", " : "");
            json_put_str(b, c->labels[i], strlen(c->labels[i]));
            sbuf_printf(b, ": %zu", c->label_hits[i]);
        }
        sbuf_lit(b, "}, \"entries\": [");
    } else {
        sbuf_printf(b, "%zu documents, %zu entities", c->docs, c->entities);
        if (c->failed)
            sbuf_printf(b, " (%zu documents failed)", c->failed);
        sbuf_lit(b, "\nlabels:");
        for (i = 0; i < c->n_labels; i++)
            sbuf_printf(b, "%s %s %zu", i ? "," : "", c->labels[i],
                        c->label_hits[i]);
        sbuf_lit(b, "\nentries and rules, most hits first:\n");
    }
    for (i = 0; i < n_owners && (!top || shown < top); i++) {
        size_t o = ord[i], nn;
        struct name_hit **nv;
        isth_entity_info e;
        if (!owner_hits(c, o))
            break;
        nv = names_of(c, o, &nn);
        if (o < c->n_ent) {
            isth_db_entity(c->db, o, &e);
        } else {
            memset(&e, 0, sizeof e);
            e.id = NULL;
        }
        if (json) {
            sbuf_puts(b, shown ? ", {\"id\": " : "{\"id\": ");
            if (e.id)
                json_put_str(b, e.id, strlen(e.id));
            else
                sbuf_lit(b, "null");
            sbuf_lit(b, ", \"rule\": ");
            if (o >= c->n_ent)
                json_put_str(b, c->lone[o - c->n_ent],
                             strlen(c->lone[o - c->n_ent]));
            else
                sbuf_lit(b, "null");
            if (e.id) {
                sbuf_lit(b, ", \"label\": ");
                json_put_str(b, e.label, strlen(e.label));
                sbuf_printf(b, ", \"source\": \"%s:%u\"", e.file, e.line);
            }
            sbuf_printf(b, ", \"hits\": %zu, \"names\": {", owner_hits(c, o));
            for (k = 0; k < nn; k++) {
                sbuf_puts(b, k ? ", " : "");
                json_put_str(b, nv[k]->shown, strlen(nv[k]->shown));
                sbuf_printf(b, ": %zu", nv[k]->hits);
            }
            sbuf_lit(b, "}}");
        } else {
            if (e.id)
                sbuf_printf(b, "  %6zu  %s  %s  %s:%u:", owner_hits(c, o), e.id,
                            e.label, e.file, e.line);
            else
                sbuf_printf(b, "  %6zu  rule %s (linked to no entry):",
                            owner_hits(c, o), c->lone[o - c->n_ent]);
            for (k = 0; k < nn && k < 5; k++)
                sbuf_printf(b, "%s %s %zu", k ? "," : "", nv[k]->shown,
                            nv[k]->hits);
            if (nn > 5)
                sbuf_printf(b, ", ... (%zu names)", nn);
            sbuf_lit(b, "\n");
        }
        free(nv);
        shown++;
    }
    if (json) {
        sbuf_lit(b, "], \"rules\": {");
        for (i = 0; i < c->n_rules; i++) {
            sbuf_puts(b, i ? ", " : "");
            json_put_str(b, c->rules[i], strlen(c->rules[i]));
            sbuf_printf(b, ": %zu", c->rule_hits[i]);
        }
        sbuf_printf(b,
                    "}, \"unseen\": {\"count\": %zu, \"of\": %zu, "
                    "\"entries\": [",
                    unseen, c->n_ent - first_user);
    } else {
        sbuf_lit(b, "rules:");
        for (i = 0; i < c->n_rules; i++)
            sbuf_printf(b, "%s %s %zu", i ? "," : "", c->rules[i],
                        c->rule_hits[i]);
        sbuf_printf(b, "%s\nnever seen: %zu of the %zu entries %s\n",
                    c->n_rules ? "" : " none", unseen, c->n_ent - first_user,
                    all                 ? "of every layer"
                    : in->n_default_gaz ? "of your layers"
                                        : "loaded");
    }
    for (i = first_user, shown = 0; i < c->n_ent && (!top || shown < top);
         i++) {
        isth_entity_info e;
        if (c->ent_hits[i] || isth_db_entity(c->db, i, &e) != ISTH_OK)
            continue;
        if (json) {
            sbuf_puts(b, shown ? ", {\"id\": " : "{\"id\": ");
            json_put_str(b, e.id, strlen(e.id));
            sbuf_printf(b, ", \"source\": \"%s:%u\"}", e.file, e.line);
        } else {
            sbuf_printf(b, "  %s  %s  \"%s\"  %s:%u\n", e.id, e.label, e.name,
                        e.file, e.line);
        }
        shown++;
    }
    if (json)
        sbuf_lit(b, "]}}\n");
    else if (unseen > shown)
        sbuf_printf(b, "  ... and %zu more (--top 0 lists all)\n",
                    unseen - shown);
    free(ord);
}

int cmd_coverage(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"format", required_argument, NULL, 'f'},
        {"text-field", required_argument, NULL, 't'},
        {"json", no_argument, NULL, 'J'},
        {"top", required_argument, NULL, 'T'},
        {"all", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct inputs in;
    struct cov c;
    isth_db *db = NULL;
    struct sbuf out = {0};
    const char *field = "text";
    int fmt = CORPUS_TEXT, json = 0, all = 0, ch, rc;
    size_t top = 20, i, problems;

    memset(&in, 0, sizeof in);
    memset(&c, 0, sizeof c);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+g:r:h", longopts, NULL)) != -1) {
        int r = cli_option(&in, ch, argv, "coverage", HELP, HELP_OPTIONS, &rc);
        if (r == OPT_TAKEN)
            continue;
        if (r == OPT_STOP)
            goto done;
        switch (ch) {
        case 'f':
            if ((rc = corpus_format_option("coverage", optarg, &fmt)))
                goto done;
            break;
        case 't': field = optarg; break;
        case 'J': json = 1; break;
        case 'a': all = 1; break;
        case 'T':
            if ((rc = cli_count("coverage", "--top", optarg, 0, &top)))
                goto done;
            break;
        default: break;
        }
    }
    if ((rc = cli_open(&in, "coverage", &db, &c.s)))
        goto done;
    c.db = db;
    c.n_ent = isth_db_entity_count(db);
    c.ent_hits = xrealloc(NULL, (c.n_ent + 1) * sizeof *c.ent_hits);
    memset(c.ent_hits, 0, (c.n_ent + 1) * sizeof *c.ent_hits);
    problems = corpus_each("coverage", argv + optind, argc - optind,
                           (enum corpus_format)fmt, field, on_doc, &c);
    report(&out, &c, &in, json, top, all);
    fwrite(out.ptr, 1, out.len, stdout);
    rc = problems || c.failed ? EXIT_RECORDS : EXIT_OK;
done:
    sbuf_free(&out);
    for (i = 0; i < c.tab_cap; i++)
        while (c.tab[i]) {
            struct name_hit *x = c.tab[i];
            c.tab[i] = x->next;
            free(x->key);
            free(x->shown);
            free(x);
        }
    free(c.tab);
    for (i = 0; i < c.n_labels; i++)
        free(c.labels[i]);
    for (i = 0; i < c.n_rules; i++)
        free(c.rules[i]);
    for (i = 0; i < c.n_lone; i++)
        free(c.lone[i]);
    free(c.lone);
    free(c.lone_hits);
    free(c.labels);
    free(c.label_hits);
    free(c.rules);
    free(c.rule_hits);
    free(c.ent_hits);
    isth_scratch_free(c.s);
    isth_db_free(db);
    inputs_free(&in);
    return rc;
}
