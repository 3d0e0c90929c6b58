/* SPDX-License-Identifier: MIT */
/*
 * cmd_view.c - "isthmus view": one standalone HTML page of tagged
 * documents for a person to read: entities highlighted by label (id,
 * name and source on hover), each document's topics with their evidence
 * highlighted in the text.  No script, no external file: the page opens
 * anywhere.
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
#include "output.h"

static const char HELP[] =
    "usage: isthmus view [OPTIONS] [FILE...]\n"
    "\n"
    "Tags FILEs (or standard input) and writes one standalone HTML page\n"
    "for a person to read: every entity highlighted in the colour of its\n"
    "label, with its id, name and source on hover; each document's topics\n"
    "with their scores, and the words that were their evidence underlined\n"
    "in the text.\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "      --format FMT        the input: text (a file is a document), lines\n"
    "                          or jsonl (default: text)\n"
    "      --text-field NAME   jsonl field holding the text (default: text)\n"
    "      --min-score X       show topics scoring at least X (default: the\n"
    "                          topics above their own threshold)\n"
    "  -o, --output FILE       write the page to FILE (default: standard\n"
    "                          output)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 ok; 1 some input could not be read or written;\n"
    "2 usage; 3 gazetteer or rule errors.\n";

/* Appends s[0, len) as HTML text: & < > " ' escaped, invalid UTF-8 as
 * U+FFFD, NUL dropped. */
static void put_html(struct sbuf *b, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned char c = u[i];
        size_t n = c < 0x80             ? 1
                   : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3
                   : (c & 0xF8) == 0xF0 ? 4
                                        : 0;
        size_t k;
        int ok = n > 0 && i + n <= len;
        for (k = 1; ok && k < n; k++)
            ok = (u[i + k] & 0xC0) == 0x80;
        if (ok && n == 2 && c < 0xC2)
            ok = 0;
        if (!ok) {
            sbuf_lit(b, "&#xFFFD;");
            i++;
            continue;
        }
        if (n > 1) {
            sbuf_put(b, s + i, n);
        } else if (c == '&') {
            sbuf_lit(b, "&amp;");
        } else if (c == '<') {
            sbuf_lit(b, "&lt;");
        } else if (c == '>') {
            sbuf_lit(b, "&gt;");
        } else if (c == '"') {
            sbuf_lit(b, "&quot;");
        } else if (c == '\'') {
            sbuf_lit(b, "&#39;");
        } else if (c != 0) {
            sbuf_put(b, s + i, 1);
        }
        i += n;
    }
}

static void put_htmls(struct sbuf *b, const char *s)
{
    if (s)
        put_html(b, s, strlen(s));
}

/* A hue for a label: the OntoNotes labels have fixed ones, the user's
 * own get one from their name. */
static unsigned label_hue(const char *label)
{
    static const struct {
        const char *label;
        unsigned hue;
    } fixed[] = {{"PERSON", 210},  {"ORG", 30},      {"GPE", 130},
                 {"LOC", 170},     {"FAC", 280},     {"NORP", 330},
                 {"EVENT", 0},     {"PRODUCT", 55},  {"LAW", 250},
                 {"PERCENT", 90},  {"MONEY", 100},   {"DATE", 60},
                 {"QUANTITY", 15}, {"CARDINAL", 45}, {"WORK_OF_ART", 300}};
    unsigned h = 2166136261u;
    size_t i;

    for (i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (!strcmp(label, fixed[i].label))
            return fixed[i].hue;
    for (; *label; label++)
        h = (h ^ (unsigned char)*label) * 16777619u;
    return h % 360;
}

struct view {
    const isth_db *db;
    isth_scratch *s;
    struct sbuf body;
    double min_score;
    size_t docs, failed;
    char **labels; /* labels seen, for the legend and the style */
    size_t *label_n, n_labels;
};

static void see_label(struct view *v, const char *label)
{
    size_t i;
    for (i = 0; i < v->n_labels; i++)
        if (!strcmp(v->labels[i], label)) {
            v->label_n[i]++;
            return;
        }
    v->labels = xrealloc(v->labels, (v->n_labels + 1) * sizeof *v->labels);
    v->label_n = xrealloc(v->label_n, (v->n_labels + 1) * sizeof *v->label_n);
    v->labels[v->n_labels] = strdup(label);
    v->label_n[v->n_labels++] = 1;
}

/* A piece of evidence shown in the text. */
struct cue {
    size_t start, end;
    const char *topic, *cue;
    double weight;
};

static int cmp_cue(const void *pa, const void *pb)
{
    const struct cue *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->end < b->end) - (a->end > b->end);
}

static int shown_topic(const struct view *v, const isth_topic_score *t)
{
    return v->min_score >= 0 ? t->score >= v->min_score && t->score > 0
                             : t->labelled;
}

static int on_doc(const char *text, size_t len, void *ctx)
{
    struct view *v = ctx;
    struct sbuf *b = &v->body;
    const isth_result *r;
    struct cue *cues = NULL;
    size_t n_cues = 0, i, k, pos = 0, c = 0, n_shown = 0;
    isth_error err;
    char buf[512];

    v->docs++;
    sbuf_printf(b, "<article class=\"doc\" id=\"doc-%zu\">\n<h2>Document %zu",
                v->docs, v->docs);
    if (isth_annotate(v->db, text, len, 0, v->s, &r, &err)) {
        isth_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "isthmus view: document %zu: %s\n", v->docs, buf);
        v->failed++;
        sbuf_lit(b, "</h2>\n<p class=\"error\">");
        put_htmls(b, buf);
        sbuf_lit(b, "</p>\n</article>\n");
        return 0;
    }
    sbuf_printf(b, " <small>%zu entities</small></h2>\n<ul class=\"topics\">",
                r->n_entities);
    for (i = 0; i < r->n_topics; i++) {
        const isth_topic_score *t = &r->topics[i];
        if (!shown_topic(v, t))
            continue;
        n_shown++;
        sbuf_lit(b, "<li class=\"topic\" data-topic=\"");
        put_htmls(b, t->label);
        sbuf_lit(b, "\" title=\"evidence: ");
        for (k = 0; k < t->n_evidence; k++) {
            if (k)
                sbuf_lit(b, ", ");
            put_html(b, text + t->evidence[k].start,
                     t->evidence[k].end - t->evidence[k].start);
        }
        sbuf_lit(b, "\">");
        put_htmls(b, t->label);
        sbuf_printf(b, " <b>%.2f</b></li>", t->score);
        for (k = 0; k < t->n_evidence; k++) {
            cues = xrealloc(cues, (n_cues + 1) * sizeof *cues);
            cues[n_cues].start = t->evidence[k].start;
            cues[n_cues].end = t->evidence[k].end;
            cues[n_cues].topic = t->label;
            cues[n_cues].cue = t->evidence[k].cue;
            cues[n_cues++].weight = t->evidence[k].weight;
        }
    }
    if (!n_shown)
        sbuf_lit(b, "<li class=\"none\">no topic</li>");
    sbuf_lit(b, "</ul>\n<p class=\"text\">");
    if (n_cues > 1)
        qsort(cues, n_cues, sizeof *cues, cmp_cue);
    /* Entities do not overlap (longest match); a cue inside an entity is
     * marked on the entity, a cue elsewhere on its own span, and a cue
     * overlapping one already shown is left out. */
    for (i = 0; i <= r->n_entities; i++) {
        const isth_match *m = i < r->n_entities ? &r->entities[i] : NULL;
        size_t stop = m ? m->start : len;
        const char *ev_topic = NULL;

        for (; c < n_cues && cues[c].start < stop; c++) {
            if (cues[c].start < pos)
                continue;
            if (cues[c].end > stop)
                break;
            put_html(b, text + pos, cues[c].start - pos);
            sbuf_lit(b, "<span class=\"cue\" data-topic=\"");
            put_htmls(b, cues[c].topic);
            sbuf_lit(b, "\" title=\"");
            put_htmls(b, cues[c].topic);
            sbuf_lit(b, ": cue ");
            put_htmls(b, cues[c].cue);
            sbuf_printf(b, " (weight %g)\">", cues[c].weight);
            put_html(b, text + cues[c].start, cues[c].end - cues[c].start);
            sbuf_lit(b, "</span>");
            pos = cues[c].end;
        }
        if (!m) {
            put_html(b, text + pos, len - pos);
            break;
        }
        if (m->start < pos)
            continue; /* only with --overlaps all, which view does not use */
        put_html(b, text + pos, m->start - pos);
        for (k = c; k < n_cues && cues[k].start < m->end; k++)
            if (cues[k].start >= m->start && cues[k].end <= m->end)
                ev_topic = cues[k].topic;
        see_label(v, m->label);
        sbuf_printf(b, "<mark class=\"ent\" style=\"--h:%u\" data-label=\"",
                    label_hue(m->label));
        put_htmls(b, m->label);
        sbuf_lit(b, "\" data-id=\"");
        put_htmls(b, m->id ? m->id : "");
        sbuf_lit(b, "\" title=\"");
        put_htmls(b, m->label);
        sbuf_lit(b, " · ");
        put_htmls(b, m->id ? m->id : "(no id)");
        sbuf_lit(b, " · ");
        put_htmls(b, m->name);
        sbuf_lit(b, " · ");
        put_htmls(b, m->file);
        sbuf_printf(b, ":%u", m->line);
        if (m->rule) {
            sbuf_lit(b, " · rule ");
            put_htmls(b, m->rule);
        }
        if (ev_topic) {
            sbuf_lit(b, " · evidence for ");
            put_htmls(b, ev_topic);
        }
        sbuf_lit(b, "\"");
        if (ev_topic) {
            sbuf_lit(b, " data-evidence=\"");
            put_htmls(b, ev_topic);
            sbuf_lit(b, "\"");
        }
        sbuf_lit(b, ">");
        put_html(b, text + m->start, m->end - m->start);
        sbuf_lit(b, "<span class=\"lbl\">");
        put_htmls(b, m->label);
        sbuf_lit(b, "</span></mark>");
        pos = m->end;
        while (c < n_cues && cues[c].start < pos)
            c++;
    }
    sbuf_lit(b, "</p>\n</article>\n");
    free(cues);
    return 0;
}

static const char STYLE[] =
    "body{font:16px/1.6 system-ui,sans-serif;margin:2em auto;max-width:"
    "60em;padding:0 1em;color:#222;background:#fff}\n"
    "h1{font-size:1.4em}h2{font-size:1.1em;margin:1.5em 0 .3em}"
    "h2 small{color:#777;font-weight:normal}\n"
    ".doc{border-top:1px solid #ddd}\n"
    ".text{white-space:pre-wrap;margin:.5em 0}\n"
    "mark.ent{background:hsl(var(--h),70%,88%);border:1px solid "
    "hsl(var(--h),50%,60%);border-radius:.3em;padding:0 .2em;cursor:help}\n"
    "mark.ent .lbl{font-size:.65em;font-weight:bold;margin-left:.3em;"
    "color:hsl(var(--h),60%,30%);vertical-align:middle}\n"
    "mark.ent[data-evidence]{box-shadow:0 2px 0 #c33}\n"
    ".cue{border-bottom:2px solid #c33;cursor:help}\n"
    "ul.topics{list-style:none;padding:0;margin:.3em 0}\n"
    "ul.topics li{display:inline-block;margin:0 .4em .2em 0;padding:0 .5em;"
    "border-radius:1em;background:#fbe9e9;color:#822;font-size:.85em}\n"
    "ul.topics li.none{background:#eee;color:#777}\n"
    ".legend span{margin-right:.8em}\n"
    ".error{color:#b00}\n";

int cmd_view(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"format", required_argument, NULL, 'f'},
        {"text-field", required_argument, NULL, 't'},
        {"min-score", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct inputs in;
    struct view v;
    isth_db *db = NULL;
    struct sbuf page = {0};
    struct output out;
    const char *field = "text", *out_path = NULL;
    int fmt = CORPUS_TEXT, ch, rc, opened = 0;
    size_t i, problems;

    memset(&in, 0, sizeof in);
    memset(&v, 0, sizeof v);
    v.min_score = -1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+g:r:o:h", longopts, NULL)) != -1) {
        int r = cli_option(&in, ch, argv, "view", HELP, HELP_OPTIONS, &rc);
        if (r == OPT_TAKEN)
            continue;
        if (r == OPT_STOP)
            goto done;
        switch (ch) {
        case 'f':
            if ((rc = corpus_format_option("view", optarg, &fmt)))
                goto done;
            break;
        case 't': field = optarg; break;
        case 'o': out_path = optarg; break;
        case 's': {
            char *end;
            v.min_score = strtod(optarg, &end);
            if (end == optarg || *end || !(v.min_score >= 0) ||
                v.min_score > 1) {
                rc = cli_usage_error("view", "bad --min-score '%s' (0 to 1)",
                                     optarg);
                goto done;
            }
            break;
        }
        default: break;
        }
    }
    if ((rc = cli_open(&in, "view", &db, &v.s)))
        goto done;
    v.db = db;
    problems = corpus_each("view", argv + optind, argc - optind,
                           (enum corpus_format)fmt, field, on_doc, &v);
    sbuf_printf(&page,
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                "charset=\"utf-8\">\n<title>isthmus: %zu document%s</title>\n"
                "<style>\n%s</style>\n</head>\n<body>\n<h1>isthmus %s: %zu "
                "document%s</h1>\n<p class=\"legend\">",
                v.docs, v.docs == 1 ? "" : "s", STYLE, isth_version_string(),
                v.docs, v.docs == 1 ? "" : "s");
    for (i = 0; i < v.n_labels; i++) {
        sbuf_printf(&page, "<span><mark class=\"ent\" style=\"--h:%u\">",
                    label_hue(v.labels[i]));
        put_htmls(&page, v.labels[i]);
        sbuf_printf(&page, "</mark> %zu</span>", v.label_n[i]);
    }
    sbuf_lit(&page, "<span><span class=\"cue\">evidence</span> of a "
                    "topic</span></p>\n");
    sbuf_put(&page, v.body.ptr, v.body.len);
    sbuf_lit(&page, "</body>\n</html>\n");
    if (output_open(&out, out_path, 0)) {
        rc = EXIT_RECORDS;
        goto done;
    }
    opened = 1;
    fwrite(page.ptr, 1, page.len, out.fp);
    rc = output_close(&out, 1) ? EXIT_RECORDS : EXIT_OK;
    opened = 0;
    if (rc == EXIT_OK && (problems || v.failed))
        rc = EXIT_RECORDS;
done:
    if (opened)
        output_close(&out, 0);
    sbuf_free(&page);
    sbuf_free(&v.body);
    for (i = 0; i < v.n_labels; i++)
        free(v.labels[i]);
    free(v.labels);
    free(v.label_n);
    isth_scratch_free(v.s);
    isth_db_free(db);
    inputs_free(&in);
    return rc;
}
