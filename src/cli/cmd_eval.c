/* SPDX-License-Identifier: MIT */
/*
 * cmd_eval.c - "isthmus eval --gold FILE.jsonl": tags each gold record's
 * text (or reads --pred, an isthmus output) and scores the entities
 * against the gold spans: exact-span and overlap precision, recall and F1
 * per label and over all, optionally through the CoNLL mapping
 * (PERSON -> PER; GPE, LOC, FAC -> LOC; ORG -> ORG; NORP -> MISC).
 *
 * Exact: a prediction is right when start, end and label equal a gold
 * span's (as ../shared/tools/score.py and tools/eval_ner.py count).
 * Overlap: a prediction is right when it overlaps a gold span of its
 * label; a gold span is found when a prediction of its label overlaps it.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isthmus.h"
#include "cli.h"
#include "inputs.h"
#include "json.h"

static const char HELP[] =
    "usage: isthmus eval --gold FILE.jsonl [OPTIONS]\n"
    "\n"
    "Scores the tagger against gold spans.  FILE.jsonl has one record per\n"
    "line: {\"id\", \"text\", \"gold\": [{\"start\", \"end\", \"label\"}]}, "
    "offsets\n"
    "in code points (as ../shared/tools/conll2jsonl.py writes).  Each text\n"
    "is tagged with the data below (or --pred gives the output to score)\n"
    "and the entities are compared with the gold spans: exact span and\n"
    "label, and overlap with a span of the same label; precision, recall\n"
    "and F1 per label and micro-averaged.\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "      --gold FILE         the gold JSON Lines (required)\n"
    "      --pred FILE         score this 'isthmus tag --format jsonl'\n"
    "                          output (records matched by id) instead of\n"
    "                          tagging\n"
    "      --map MAP           conll: PERSON->PER; GPE, LOC, FAC->LOC;\n"
    "                          ORG->ORG; NORP->MISC, others dropped; none:\n"
    "                          labels as they are; auto (default): conll\n"
    "                          when every gold label is PER, LOC, ORG or MISC\n"
    "      --format FMT        text (default) or json\n"
    "      --errors N          the N most frequent false positives and\n"
    "                          negatives (exact) of each label\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 ok; 2 usage; 3 data errors; 4 a gold or --pred record\n"
    "that cannot be read (named on standard error).\n";

enum { EXIT_INPUT = 4 };

struct span {
    size_t start, end;
    int label; /* index into the label table */
    int hit;   /* overlap: matched */
};

struct doc {
    char *id;   /* raw JSON of the id */
    char *text; /* decoded */
    struct span *gold, *pred;
    size_t n_gold, n_pred;
};

struct labels {
    char **v;
    size_t n;
};

static int label_index(struct labels *l, const char *name)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], name))
            return (int)i;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n] = strdup(name);
    return (int)l->n++;
}

/* The CoNLL class of an isthmus or gold label, or NULL (dropped). */
static const char *conll_class(const char *label)
{
    static const char *const map[][2] = {
        {"PERSON", "PER"}, {"PER", "PER"}, {"ORG", "ORG"},   {"GPE", "LOC"},
        {"LOC", "LOC"},    {"FAC", "LOC"}, {"NORP", "MISC"}, {"MISC", "MISC"},
    };
    size_t i;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(label, map[i][0]))
            return map[i][1];
    return NULL;
}

/*
 * The next {...} of a JSON array's raw text s[*pos, len): strings are
 * skipped whole, so braces inside them do not count.  Returns 0 at the
 * end, 1 with *start and *n set, -1 when malformed.
 */
static int next_object(const char *s, size_t len, size_t *pos, size_t *start,
                       size_t *n)
{
    size_t i = *pos, depth = 0;
    int in_str = 0;

    while (i < len && s[i] != '{') {
        if (s[i] == ']')
            return 0;
        i++;
    }
    if (i >= len)
        return 0;
    *start = i;
    for (; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{') {
            depth++;
        } else if (c == '}' && --depth == 0) {
            *n = i + 1 - *start;
            *pos = i + 1;
            return 1;
        }
    }
    return -1;
}

/* A member's number (a non-negative integer). */
static int member_uint(const struct json_member *m, size_t *out)
{
    char buf[32], *end;
    unsigned long long v;

    if (!m->val_len || m->val_len >= sizeof buf || m->val[0] == '-')
        return -1;
    memcpy(buf, m->val, m->val_len);
    buf[m->val_len] = 0;
    v = strtoull(buf, &end, 10);
    if (*end)
        return -1;
    *out = (size_t)v;
    return 0;
}

/*
 * Reads the spans of the raw JSON array a[0, n) ({"start", "end",
 * "label"} objects) into *v, labels mapped (map: conll) and interned.
 */
static int read_spans(const char *a, size_t n, int conll, struct labels *lab,
                      struct span **v, size_t *count, char *err, size_t errsz)
{
    size_t pos = 0, st, len, cap = 0;
    struct json_object obj = {0};
    struct sbuf label = {0};
    int r;

    *v = NULL;
    *count = 0;
    if (!n || a[0] != '[') {
        snprintf(err, errsz, "spans are not an array");
        return -1;
    }
    pos = 1;
    while ((r = next_object(a, n, &pos, &st, &len)) == 1) {
        size_t i, s = (size_t)-1, e = (size_t)-1;
        const char *name;
        int have_label = 0;

        if (json_parse_object(a + st, len, &obj, err, errsz))
            goto fail;
        for (i = 0; i < obj.n; i++) {
            const struct json_member *m = &obj.m[i];
            if (json_key_is(m, "start") && member_uint(m, &s))
                goto bad;
            if (json_key_is(m, "end") && member_uint(m, &e))
                goto bad;
            if (json_key_is(m, "label")) {
                if (m->val[0] != '"')
                    goto bad;
                label.len = 0;
                json_decode_str(m->val, m->val_len, &label);
                sbuf_put(&label, "", 1);
                have_label = 1;
            }
        }
        if (s == (size_t)-1 || e == (size_t)-1 || !have_label || e < s)
            goto bad;
        name = conll ? conll_class(label.ptr) : label.ptr;
        if (!name)
            continue;
        if (*count == cap)
            *v = xrealloc(*v, (cap = cap ? 2 * cap : 16) * sizeof **v);
        (*v)[*count].start = s;
        (*v)[*count].end = e;
        (*v)[*count].label = label_index(lab, name);
        (*v)[(*count)++].hit = 0;
    }
    if (r < 0) {
        snprintf(err, errsz, "a span object is not closed");
        goto fail;
    }
    json_object_free(&obj);
    sbuf_free(&label);
    return 0;
bad:
    snprintf(err, errsz,
             "a span needs \"start\" and \"end\" (integers, start <= end) "
             "and \"label\" (a string)");
fail:
    json_object_free(&obj);
    sbuf_free(&label);
    free(*v);
    *v = NULL;
    return -1;
}

struct counts {
    size_t tp, fp, fn;   /* exact */
    size_t otp_p, otp_g; /* overlap: predictions right, gold found */
    size_t n_pred, n_gold;
};

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* Scores one document into c (per label, plus the total at n_labels). */
static void score_doc(struct doc *d, struct counts *c, size_t n_labels)
{
    size_t i, j;

    for (i = 0; i < d->n_pred; i++) {
        struct span *p = &d->pred[i];
        int exact = 0, over = 0;
        /* A prediction repeated with the same span counts once. */
        for (j = 0; j < i; j++)
            if (d->pred[j].start == p->start && d->pred[j].end == p->end &&
                d->pred[j].label == p->label)
                break;
        if (j < i)
            continue;
        for (j = 0; j < d->n_gold; j++) {
            struct span *g = &d->gold[j];
            if (g->label != p->label)
                continue;
            if (g->start == p->start && g->end == p->end)
                exact = 1;
            if (p->start < g->end && g->start < p->end) {
                over = 1;
                g->hit = 1;
            }
        }
        c[p->label].n_pred++;
        c[n_labels].n_pred++;
        if (exact) {
            c[p->label].tp++;
            c[n_labels].tp++;
        } else {
            c[p->label].fp++;
            c[n_labels].fp++;
        }
        if (over) {
            c[p->label].otp_p++;
            c[n_labels].otp_p++;
        }
    }
    for (j = 0; j < d->n_gold; j++) {
        struct span *g = &d->gold[j];
        int exact = 0;
        for (i = 0; i < d->n_pred; i++)
            if (d->pred[i].label == g->label && d->pred[i].start == g->start &&
                d->pred[i].end == g->end)
                exact = 1;
        c[g->label].n_gold++;
        c[n_labels].n_gold++;
        if (!exact) {
            c[g->label].fn++;
            c[n_labels].fn++;
        }
        if (g->hit) {
            c[g->label].otp_g++;
            c[n_labels].otp_g++;
        }
    }
}

/* Tags d->text with db, its entities as code-point spans in d->pred. */
static int tag_doc(const isth_db *db, isth_scratch *s, struct doc *d, int conll,
                   struct labels *lab, char *err, size_t errsz)
{
    const isth_result *r;
    isth_error e;
    size_t len = strlen(d->text), i, cap = 0, cp = 0, at = 0;

    if (isth_annotate(db, d->text, len, ISTH_SCAN_NO_TOPICS, s, &r, &e)) {
        isth_error_format(&e, err, errsz);
        return -1;
    }
    for (i = 0; i < r->n_entities; i++) {
        const isth_match *m = &r->entities[i];
        const char *name = conll ? conll_class(m->label) : m->label;
        size_t st, en;
        if (!name)
            continue;
        /* Entities come by start: count code points forward. */
        if (m->start >= at) {
            cp += isth_count_units(d->text + at, m->start - at,
                                   ISTH_UNIT_CODEPOINTS);
            at = m->start;
        } else {
            cp = isth_count_units(d->text, m->start, ISTH_UNIT_CODEPOINTS);
            at = m->start;
        }
        st = cp;
        en = st + isth_count_units(d->text + m->start, m->end - m->start,
                                   ISTH_UNIT_CODEPOINTS);
        if (d->n_pred == cap)
            d->pred =
                xrealloc(d->pred, (cap = cap ? 2 * cap : 16) * sizeof *d->pred);
        d->pred[d->n_pred].start = st;
        d->pred[d->n_pred].end = en;
        d->pred[d->n_pred].label = label_index(lab, name);
        d->pred[d->n_pred++].hit = 0;
    }
    return 0;
}

/* A text (code points [s, e)) of doc d, into b. */
static void put_span_text(struct sbuf *b, const struct doc *d, size_t s,
                          size_t e)
{
    const unsigned char *t = (const unsigned char *)d->text;
    size_t i = 0, cp = 0, bs = 0;

    while (t[i] && cp < e) {
        if (cp == s)
            bs = i;
        i++;
        while ((t[i] & 0xC0) == 0x80)
            i++;
        cp++;
    }
    if (cp == s)
        bs = i;
    sbuf_put(b, d->text + bs, i - bs);
}

struct err_item {
    char *text;
    size_t n;
};

static int cmp_err(const void *pa, const void *pb)
{
    const struct err_item *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->text, b->text);
}

/* The n most frequent exact false positives (fp) or negatives of label. */
static void put_errors(struct sbuf *b, struct doc *docs, size_t n_docs,
                       int label, int fp, size_t n)
{
    struct err_item *v = NULL;
    size_t nv = 0, cap = 0, i, k, j;
    struct sbuf t = {0};

    for (i = 0; i < n_docs; i++) {
        struct doc *d = &docs[i];
        struct span *mine = fp ? d->pred : d->gold;
        struct span *other = fp ? d->gold : d->pred;
        size_t n_mine = fp ? d->n_pred : d->n_gold;
        size_t n_other = fp ? d->n_gold : d->n_pred;
        for (k = 0; k < n_mine; k++) {
            if (mine[k].label != label)
                continue;
            for (j = 0; j < n_other; j++)
                if (other[j].label == label &&
                    other[j].start == mine[k].start &&
                    other[j].end == mine[k].end)
                    break;
            if (j < n_other)
                continue;
            t.len = 0;
            put_span_text(&t, d, mine[k].start, mine[k].end);
            sbuf_put(&t, "", 1);
            for (j = 0; j < nv && strcmp(v[j].text, t.ptr); j++)
                ;
            if (j == nv) {
                if (nv == cap)
                    v = xrealloc(v, (cap = cap ? 2 * cap : 32) * sizeof *v);
                v[nv].text = strdup(t.ptr);
                v[nv++].n = 0;
            }
            v[j].n++;
        }
    }
    if (nv > 1)
        qsort(v, nv, sizeof *v, cmp_err);
    for (i = 0; i < nv && i < n; i++)
        sbuf_printf(b, "%s%s (%zu)", i ? ", " : "", v[i].text, v[i].n);
    for (i = 0; i < nv; i++)
        free(v[i].text);
    free(v);
    sbuf_free(&t);
}

/* Reads one JSON Lines file into docs (gold: with text and gold spans;
 * else the entities of an isthmus output, into the docs of equal id). */
static int read_jsonl(const char *path, int gold, int conll, struct labels *lab,
                      struct doc **docs, size_t *n_docs)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL, err[256];
    size_t cap = 0, lcap = 0, no = 0, i, k;
    ssize_t len;
    struct json_object obj = {0};
    int rc = 0;

    if (!f) {
        fprintf(stderr, "isthmus eval: %s: cannot open: %s\n", path,
                strerror(errno));
        return EXIT_INPUT;
    }
    while ((len = getline(&line, &lcap, f)) > 0) {
        const struct json_member *id = NULL, *text = NULL, *spans = NULL;
        struct doc *d = NULL;
        no++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (!len)
            continue;
        if (json_parse_object(line, (size_t)len, &obj, err, sizeof err)) {
            fprintf(stderr, "isthmus eval: %s:%zu: %s\n", path, no, err);
            rc = EXIT_INPUT;
            continue;
        }
        for (i = 0; i < obj.n; i++) {
            if (json_key_is(&obj.m[i], "id"))
                id = &obj.m[i];
            else if (json_key_is(&obj.m[i], "text"))
                text = &obj.m[i];
            else if (json_key_is(&obj.m[i], gold ? "gold" : "entities"))
                spans = &obj.m[i];
        }
        if (!id || (gold && (!text || text->val[0] != '"')) || !spans) {
            fprintf(stderr,
                    "isthmus eval: %s:%zu: a record needs \"id\"%s and "
                    "\"%s\"\n",
                    path, no, gold ? ", \"text\"" : "",
                    gold ? "gold" : "entities");
            rc = EXIT_INPUT;
            continue;
        }
        if (gold) {
            struct sbuf t = {0};
            if (*n_docs == cap)
                *docs = xrealloc(*docs,
                                 (cap = cap ? 2 * cap : 256) * sizeof **docs);
            d = &(*docs)[(*n_docs)++];
            memset(d, 0, sizeof *d);
            d->id = strndup(id->val, id->val_len);
            json_decode_str(text->val, text->val_len, &t);
            sbuf_put(&t, "", 1);
            d->text = t.ptr;
            if (read_spans(spans->val, spans->val_len, conll, lab, &d->gold,
                           &d->n_gold, err, sizeof err)) {
                fprintf(stderr, "isthmus eval: %s:%zu: %s\n", path, no, err);
                rc = EXIT_INPUT;
            }
            continue;
        }
        for (k = 0; k < *n_docs; k++)
            if (strlen((*docs)[k].id) == id->val_len &&
                !memcmp((*docs)[k].id, id->val, id->val_len))
                break;
        if (k == *n_docs)
            continue; /* not in the gold */
        d = &(*docs)[k];
        free(d->pred);
        if (read_spans(spans->val, spans->val_len, conll, lab, &d->pred,
                       &d->n_pred, err, sizeof err)) {
            fprintf(stderr, "isthmus eval: %s:%zu: %s\n", path, no, err);
            rc = EXIT_INPUT;
        }
    }
    free(line);
    json_object_free(&obj);
    fclose(f);
    return rc;
}

/* Whether every gold label read is a CoNLL class. */
static int labels_are_conll(const struct labels *lab)
{
    size_t i;

    for (i = 0; i < lab->n; i++)
        if (strcmp(lab->v[i], "PER") && strcmp(lab->v[i], "LOC") &&
            strcmp(lab->v[i], "ORG") && strcmp(lab->v[i], "MISC"))
            return 0;
    return lab->n > 0;
}

/* Maps the gold spans read with labels raw into the CoNLL classes of
 * conll (spans of other labels are dropped). */
static void map_gold(struct doc *docs, size_t n_docs, const struct labels *raw,
                     struct labels *conll)
{
    size_t i, k, n;

    for (i = 0; i < n_docs; i++) {
        struct doc *d = &docs[i];
        for (k = n = 0; k < d->n_gold; k++) {
            const char *c = conll_class(raw->v[d->gold[k].label]);
            if (!c)
                continue;
            d->gold[n] = d->gold[k];
            d->gold[n++].label = label_index(conll, c);
        }
        d->n_gold = n;
    }
}

static void put_row_json(struct sbuf *b, const char *name,
                         const struct counts *c)
{
    double p = ratio(c->tp, c->tp + c->fp), r = ratio(c->tp, c->tp + c->fn);
    double op = ratio(c->otp_p, c->n_pred), orr = ratio(c->otp_g, c->n_gold);

    json_put_str(b, name, strlen(name));
    sbuf_printf(b,
                ": {\"p\": %.4f, \"r\": %.4f, \"f1\": %.4f, \"tp\": %zu, "
                "\"fp\": %zu, \"fn\": %zu, \"overlap\": {\"p\": %.4f, \"r\": "
                "%.4f, \"f1\": %.4f}}",
                p, r, f1(p, r), c->tp, c->fp, c->fn, op, orr, f1(op, orr));
}

static void put_row_text(struct sbuf *b, const char *name,
                         const struct counts *c)
{
    double p = ratio(c->tp, c->tp + c->fp), r = ratio(c->tp, c->tp + c->fn);
    double op = ratio(c->otp_p, c->n_pred), orr = ratio(c->otp_g, c->n_gold);

    sbuf_printf(b,
                "%-10s %6.3f %6.3f %6.3f %6zu %6zu %6zu   %6.3f %6.3f "
                "%6.3f\n",
                name, p, r, f1(p, r), c->tp, c->fp, c->fn, op, orr,
                f1(op, orr));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_eval(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"gold", required_argument, NULL, 'G'},
        {"pred", required_argument, NULL, 'P'},
        {"map", required_argument, NULL, 'M'},
        {"format", required_argument, NULL, 'f'},
        {"errors", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    static const char *const CONLL[] = {"PER", "LOC", "ORG", "MISC"};
    struct inputs in;
    const char *gold = NULL, *pred = NULL, *map = "auto";
    isth_db *db = NULL;
    isth_scratch *s = NULL;
    struct labels lab = {0}, raw = {0};
    struct doc *docs = NULL;
    struct counts *c = NULL;
    struct sbuf out = {0};
    size_t n_docs = 0, i, n_errors = 0, *order = NULL;
    int json = 0, conll, ch, rc;
    char err[512];

    memset(&in, 0, sizeof in);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+g:r:h", longopts, NULL)) != -1) {
        int r = cli_option(&in, ch, argv, "eval", HELP, HELP_OPTIONS, &rc);
        if (r == OPT_TAKEN)
            continue;
        if (r == OPT_STOP)
            goto done;
        switch (ch) {
        case 'G': gold = optarg; break;
        case 'P': pred = optarg; break;
        case 'M':
            if (strcmp(optarg, "conll") && strcmp(optarg, "none") &&
                strcmp(optarg, "auto")) {
                rc = cli_usage_error("eval",
                                     "unknown --map '%s' (use conll, "
                                     "none or auto)",
                                     optarg);
                goto done;
            }
            map = optarg;
            break;
        case 'f':
            if ((rc = cli_report_format("eval", optarg, &json)))
                goto done;
            break;
        case 'e':
            if ((rc = cli_count("eval", "--errors", optarg, 0, &n_errors)))
                goto done;
            break;
        default: break;
        }
    }
    if (!gold) {
        rc = cli_usage_error("eval", "%s", "--gold FILE.jsonl is required");
        goto done;
    }
    if (optind < argc) {
        rc = cli_usage_error("eval", "unexpected argument '%s'", argv[optind]);
        goto done;
    }
    if (pred && (in.n_gaz || in.n_rules || in.db_path)) {
        rc = cli_usage_error("eval", "%s",
                             "--pred scores a file: -g, -r and --db are "
                             "for tagging");
        goto done;
    }
    /* The gold is read once (it may be a pipe), labels as they are. */
    if ((rc = read_jsonl(gold, 1, 0, &raw, &docs, &n_docs)))
        goto done;
    conll = !strcmp(map, "conll") ||
            (!strcmp(map, "auto") && labels_are_conll(&raw));
    if (conll) {
        for (i = 0; i < 4; i++)
            label_index(&lab, CONLL[i]);
        map_gold(docs, n_docs, &raw, &lab);
    } else {
        lab = raw;
        memset(&raw, 0, sizeof raw);
    }
    if (pred) {
        if ((rc = read_jsonl(pred, 0, conll, &lab, &docs, &n_docs)))
            goto done;
    } else {
        if ((rc = cli_open(&in, "eval", &db, &s)))
            goto done;
        for (i = 0; i < n_docs; i++)
            if (tag_doc(db, s, &docs[i], conll, &lab, err, sizeof err)) {
                fprintf(stderr, "isthmus eval: %s: %s\n", docs[i].id, err);
                rc = EXIT_RECORDS;
            }
    }
    c = xrealloc(NULL, (lab.n + 1) * sizeof *c);
    memset(c, 0, (lab.n + 1) * sizeof *c);
    for (i = 0; i < n_docs; i++)
        score_doc(&docs[i], c, lab.n);
    /* The CoNLL classes in their order, other labels sorted. */
    order = xrealloc(NULL, (lab.n ? lab.n : 1) * sizeof *order);
    for (i = 0; i < lab.n; i++)
        order[i] = i;
    if (!conll && lab.n > 1) {
        char **names = xrealloc(NULL, lab.n * sizeof *names);
        size_t k;
        memcpy(names, lab.v, lab.n * sizeof *names);
        qsort(names, lab.n, sizeof *names, cmp_str);
        for (i = 0; i < lab.n; i++)
            for (k = 0; k < lab.n; k++)
                if (names[i] == lab.v[k])
                    order[i] = k;
        free(names);
    }
    if (json) {
        sbuf_printf(&out, "{\"documents\": %zu, \"map\": \"%s\", ", n_docs,
                    conll ? "conll" : "none");
        for (i = 0; i < lab.n; i++) {
            put_row_json(&out, lab.v[order[i]], &c[order[i]]);
            sbuf_lit(&out, ", ");
        }
        put_row_json(&out, "micro", &c[lab.n]);
        sbuf_lit(&out, "}\n");
    } else {
        sbuf_printf(&out, "%zu documents, labels %s\n", n_docs,
                    conll ? "mapped to PER/LOC/ORG/MISC" : "as they are");
        sbuf_printf(&out, "%-10s %6s %6s %6s %6s %6s %6s   %6s %6s %6s\n",
                    "label", "P", "R", "F1", "tp", "fp", "fn", "oP", "oR",
                    "oF1");
        for (i = 0; i < lab.n; i++)
            put_row_text(&out, lab.v[order[i]], &c[order[i]]);
        put_row_text(&out, "micro", &c[lab.n]);
        sbuf_lit(&out, "(P, R, F1: exact span and label; oP, oR, oF1: "
                       "overlapping a span of the label)\n");
        for (i = 0; n_errors && i < lab.n; i++) {
            int fp;
            for (fp = 1; fp >= 0; fp--) {
                size_t mark = out.len, before;
                sbuf_printf(&out, "%s %s: ", lab.v[order[i]],
                            fp ? "false positives" : "false negatives");
                before = out.len;
                put_errors(&out, docs, n_docs, (int)order[i], fp, n_errors);
                if (out.len == before)
                    out.len = mark;
                else
                    sbuf_lit(&out, "\n");
            }
        }
    }
    fwrite(out.ptr, 1, out.len, stdout);
done:
    sbuf_free(&out);
    for (i = 0; i < n_docs; i++) {
        free(docs[i].id);
        free(docs[i].text);
        free(docs[i].gold);
        free(docs[i].pred);
    }
    free(docs);
    for (i = 0; i < lab.n; i++)
        free(lab.v[i]);
    free(lab.v);
    for (i = 0; i < raw.n; i++)
        free(raw.v[i]);
    free(raw.v);
    free(c);
    free(order);
    isth_scratch_free(s);
    isth_db_free(db);
    inputs_free(&in);
    return rc;
}
