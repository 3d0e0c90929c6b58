/* SPDX-License-Identifier: MIT */
/*
 * cmd_tag.c - "isthmus tag": read documents (whole files, lines or JSON
 * Lines records), scan each with the library, and write one JSON object
 * per document, in input order.  A document that cannot be tagged becomes
 * an error record in its place, so every input is accounted for.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isthmus.h"
#include "cli.h"
#include "json.h"
#include "reader.h"

enum format { FMT_TEXT, FMT_LINES, FMT_JSONL };

struct opts {
    const char **gaz;
    size_t n_gaz;
    enum format fmt;
    const char *text_field, *id_field;
    isth_unit unit;
    unsigned scan_flags;
    const char *out_path;
    size_t max_doc;
    int attributes;
};

struct hit {
    size_t start, end, entity;
    size_t alt_off, n_alt;
};

struct tagger {
    const struct opts *o;
    isth_db *db;
    isth_scratch *scratch;
    FILE *out;
    struct sbuf rec;  /* the record being written */
    struct sbuf text; /* decoded JSON text field */
    struct sbuf src;  /* "file:line" of one entity */
    struct hit *hits;
    size_t n_hits, cap_hits;
    size_t *alts;
    size_t n_alts, cap_alts;
    int failed;
};

static const char HELP[] =
    "usage: isthmus tag [OPTIONS] [FILE...]\n"
    "\n"
    "Tags named entities in FILEs (or standard input when there is none or\n"
    "FILE is \"-\") and writes one JSON object per document to standard\n"
    "output.\n"
    "\n"
    "options:\n"
    "  -g, --gazetteers PATH   gazetteer YAML file or directory (repeatable;\n"
    "                          default: the shipped gazetteers/ directory,\n"
    "                          or $ISTHMUS_GAZETTEERS)\n"
    "  -r, --rules PATH        rule files (not supported yet: refused)\n"
    "      --format FMT        text: each file is one document, id = path\n"
    "                          lines: each line is a document, id = PATH:LINE\n"
    "                          jsonl: each line is a JSON object; its other\n"
    "                          fields are passed through unchanged\n"
    "                          (default: text)\n"
    "      --text-field NAME   jsonl field holding the text (default: text)\n"
    "      --id-field NAME     jsonl field holding the id (default: id)\n"
    "      --offsets UNIT      codepoints (default, as Python), bytes, or\n"
    "                          utf16 (as JavaScript and Java)\n"
    "      --overlaps MODE     longest: leftmost-longest, non-overlapping\n"
    "                          (default); all: every match, nested too\n"
    "      --attributes        add each entity's attributes to its record\n"
    "      --max-doc-bytes N   larger documents become error records\n"
    "                          (default: 67108864 = 64 MiB; K, M, G allowed)\n"
    "  -o, --output FILE       write to FILE (through a temporary file that\n"
    "                          is renamed at the end) instead of stdout\n"
    "  -h, --help              show this help\n"
    "  -V, --version           show the version\n"
    "\n"
    "output, one line per document:\n"
    "  {\"id\": \"...\", \"entities\": [{\"start\": 18, \"end\": 30, "
    "\"text\": \"...\",\n"
    "   \"label\": \"PERSON\", \"id\": \"...\", \"name\": \"...\", "
    "\"kind\": ..., \"source\": \"file:line\"}],\n"
    "   \"topics\": []}\n"
    "  A document that fails gives {\"id\": ..., \"error\": \"...\"} "
    "(with \"line\"\n"
    "  for lines and jsonl) and a message on standard error.\n"
    "\n"
    "exit status: 0 ok; 1 some records failed (each reported); 2 usage;\n"
    "3 gazetteer or rule errors (nothing written).\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("isthmus tag: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'isthmus tag --help'.\n", stderr);
    return EXIT_USAGE;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || errno || s[0] == '-')
        return -1;
    switch (*end) {
    case 'K': case 'k': v <<= 10; end++; break;
    case 'M': case 'm': v <<= 20; end++; break;
    case 'G': case 'g': v <<= 30; end++; break;
    default: break;
    }
    if (*end || v == 0 || v > (1ULL << 32) - 2)
        return -1;
    *out = (size_t)v;
    return 0;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The shipped gazetteers: $ISTHMUS_GAZETTEERS, the source tree this binary
 * was built from, or the install prefix. */
static const char *default_gazetteers(void)
{
    const char *env = getenv("ISTHMUS_GAZETTEERS");

    if (env && *env)
        return env;
#ifdef ISTH_SOURCE_GAZETTEERS
    if (is_dir(ISTH_SOURCE_GAZETTEERS))
        return ISTH_SOURCE_GAZETTEERS;
#endif
#ifdef ISTH_INSTALL_GAZETTEERS
    if (is_dir(ISTH_INSTALL_GAZETTEERS))
        return ISTH_INSTALL_GAZETTEERS;
#endif
    return NULL;
}

static int on_match(const isth_match *m, void *ctx)
{
    struct tagger *t = ctx;
    struct hit *h;

    if (t->n_hits == t->cap_hits) {
        t->cap_hits = t->cap_hits ? 2 * t->cap_hits : 64;
        t->hits = xrealloc(t->hits, t->cap_hits * sizeof *t->hits);
    }
    while (t->n_alts + m->n_alternatives > t->cap_alts) {
        t->cap_alts = t->cap_alts ? 2 * t->cap_alts : 64;
        t->alts = xrealloc(t->alts, t->cap_alts * sizeof *t->alts);
    }
    h = &t->hits[t->n_hits++];
    h->start = m->start;
    h->end = m->end;
    h->entity = m->entity;
    h->alt_off = t->n_alts;
    h->n_alt = m->n_alternatives;
    if (m->n_alternatives)
        memcpy(t->alts + t->n_alts, m->alternatives,
               m->n_alternatives * sizeof *m->alternatives);
    t->n_alts += m->n_alternatives;
    return 0;
}

static void put_key(struct sbuf *b, const char *key)
{
    sbuf_puts(b, ", \"");
    sbuf_puts(b, key);
    sbuf_puts(b, "\": ");
}

/* Appends "entities": [...] for the hits of text. */
static void put_entities(struct tagger *t, const char *text)
{
    struct sbuf *b = &t->rec;
    size_t i, j, prev_byte = 0, prev_unit = 0;

    sbuf_puts(b, "\"entities\": [");
    for (i = 0; i < t->n_hits; i++) {
        const struct hit *h = &t->hits[i];
        isth_entity_info e;
        size_t s, en;

        /* Starts never decrease, so units are counted incrementally. */
        s = prev_unit + isth_count_units(text + prev_byte,
                                         h->start - prev_byte, t->o->unit);
        en = s + isth_count_units(text + h->start, h->end - h->start,
                                  t->o->unit);
        prev_byte = h->start;
        prev_unit = s;
        isth_db_entity(t->db, h->entity, &e);
        sbuf_printf(b, "%s{\"start\": %zu, \"end\": %zu, \"text\": ",
                    i ? ", " : "", s, en);
        json_put_str(b, text + h->start, h->end - h->start);
        put_key(b, "label");
        json_put_str(b, e.label, strlen(e.label));
        put_key(b, "id");
        json_put_str(b, e.id, strlen(e.id));
        put_key(b, "name");
        json_put_str(b, e.name, strlen(e.name));
        put_key(b, "kind");
        if (e.kind[0])
            json_put_str(b, e.kind, strlen(e.kind));
        else
            sbuf_puts(b, "null");
        put_key(b, "source");
        t->src.len = 0;
        sbuf_printf(&t->src, "%s:%u", e.file, e.line);
        json_put_str(b, t->src.ptr, t->src.len);
        if (h->n_alt) {
            put_key(b, "alternatives");
            sbuf_puts(b, "[");
            for (j = 0; j < h->n_alt; j++) {
                isth_entity_info a;
                isth_db_entity(t->db, t->alts[h->alt_off + j], &a);
                if (j)
                    sbuf_puts(b, ", ");
                json_put_str(b, a.id, strlen(a.id));
            }
            sbuf_puts(b, "]");
        }
        if (t->o->attributes) {
            put_key(b, "attributes");
            sbuf_puts(b, "{");
            for (j = 0; j < e.n_attributes; j++) {
                if (j)
                    sbuf_puts(b, ", ");
                json_put_str(b, e.attributes[j].key,
                             strlen(e.attributes[j].key));
                sbuf_puts(b, ": ");
                json_put_str(b, e.attributes[j].value,
                             strlen(e.attributes[j].value));
            }
            sbuf_puts(b, "}");
        }
        sbuf_puts(b, "}");
    }
    sbuf_puts(b, "], \"topics\": []");
}

/* Writes the finished record line; a write error is fatal (exit 1). */
static int flush_record(struct tagger *t)
{
    sbuf_put(&t->rec, "\n", 1);
    if (fwrite(t->rec.ptr, 1, t->rec.len, t->out) != t->rec.len)
        return -1;
    t->rec.len = 0;
    return 0;
}

/* An error record: {"id": <id_json>, ["line": N,] "error": "..."}. */
static int error_record(struct tagger *t, const char *id_json, size_t id_len,
                        const char *where, unsigned long line,
                        const char *msg)
{
    t->failed = 1;
    if (line)
        fprintf(stderr, "isthmus: %s:%lu: %s\n", where, line, msg);
    else
        fprintf(stderr, "isthmus: %s: %s\n", where, msg);
    t->rec.len = 0;
    sbuf_puts(&t->rec, "{\"id\": ");
    sbuf_put(&t->rec, id_json, id_len);
    if (line)
        sbuf_printf(&t->rec, ", \"line\": %lu", line);
    sbuf_puts(&t->rec, ", \"error\": ");
    json_put_str(&t->rec, msg, strlen(msg));
    sbuf_puts(&t->rec, "}");
    return flush_record(t);
}

/* Scans text into t->hits.  Returns 0, or -1 with msg filled. */
static int scan(struct tagger *t, const char *text, size_t len, char *msg,
                size_t msgsize)
{
    int rc;

    t->n_hits = 0;
    t->n_alts = 0;
    rc = isth_scan(t->db, text, len, t->o->scan_flags, t->scratch, on_match,
                   t);
    if (rc == ISTH_ESTOPPED) {
        snprintf(msg, msgsize, "out of memory");
        return -1;
    }
    if (rc) {
        snprintf(msg, msgsize, "%s", isth_strerror(rc));
        return -1;
    }
    return 0;
}

/* A plain document (text or lines format). */
static int tag_plain(struct tagger *t, const char *id, const char *where,
                     unsigned long line, const char *text, size_t len)
{
    struct sbuf idj = {0};
    char msg[256];
    int rc;

    json_put_str(&idj, id, strlen(id));
    if (scan(t, text, len, msg, sizeof msg)) {
        rc = error_record(t, idj.ptr, idj.len, where, line, msg);
    } else {
        t->rec.len = 0;
        sbuf_puts(&t->rec, "{\"id\": ");
        sbuf_put(&t->rec, idj.ptr, idj.len);
        sbuf_puts(&t->rec, ", ");
        put_entities(t, text);
        sbuf_puts(&t->rec, "}");
        rc = flush_record(t);
    }
    sbuf_free(&idj);
    return rc;
}

/* An error record for a parsed JSON record: its id value, or null. */
static int json_error_record(struct tagger *t, const struct json_member *id,
                             const char *where, unsigned long line,
                             const char *msg)
{
    if (id)
        return error_record(t, id->val, id->val_len, where, line, msg);
    return error_record(t, "null", 4, where, line, msg);
}

/* One JSON Lines record. */
static int tag_json(struct tagger *t, struct json_object *obj,
                    const char *where, unsigned long line, const char *s,
                    size_t len)
{
    const struct json_member *text = NULL, *id = NULL;
    char msg[320];
    size_t i;

    if (json_parse_object(s, len, obj, msg, sizeof msg))
        return error_record(t, "null", 4, where, line, msg);
    for (i = 0; i < obj->n; i++) {
        if (json_key_is(&obj->m[i], t->o->text_field))
            text = &obj->m[i];
        if (json_key_is(&obj->m[i], t->o->id_field))
            id = &obj->m[i];
    }
    if (!text || text->val[0] != '"') {
        snprintf(msg, sizeof msg, "%s string field '%s'",
                 text ? "not a" : "no", t->o->text_field);
        return json_error_record(t, id, where, line, msg);
    }
    json_decode_str(text->val, text->val_len, &t->text);
    if (t->text.len > t->o->max_doc) {
        snprintf(msg, sizeof msg, "text is larger than --max-doc-bytes (%zu)",
                 t->o->max_doc);
        return json_error_record(t, id, where, line, msg);
    }
    if (scan(t, t->text.ptr ? t->text.ptr : "", t->text.len, msg,
             sizeof msg))
        return json_error_record(t, id, where, line, msg);
    /* The input object, minus any old results, then ours. */
    t->rec.len = 0;
    sbuf_puts(&t->rec, "{");
    for (i = 0; i < obj->n; i++) {
        const struct json_member *m = &obj->m[i];
        if (json_key_is(m, "entities") || json_key_is(m, "topics"))
            continue;
        sbuf_put(&t->rec, m->key, m->key_len);
        sbuf_puts(&t->rec, ": ");
        sbuf_put(&t->rec, m->val, m->val_len);
        sbuf_puts(&t->rec, ", ");
    }
    put_entities(t, t->text.ptr ? t->text.ptr : "");
    sbuf_puts(&t->rec, "}");
    return flush_record(t);
}

static int is_blank(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* Tags one input (path "-" is stdin).  -1 only on an output error. */
static int tag_input(struct tagger *t, const char *path)
{
    const char *where = strcmp(path, "-") ? path : "<stdin>";
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    struct sbuf idj = {0};
    char msg[320];
    int rc = 0;

    if (!f) {
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        json_put_str(&idj, path, strlen(path));
        rc = error_record(t, idj.ptr, idj.len, path, 0, msg);
        sbuf_free(&idj);
        return rc;
    }
    if (t->o->fmt == FMT_TEXT) {
        char *text;
        size_t len;
        int too_long;

        if (reader_all(f, t->o->max_doc, &text, &len, &too_long)) {
            snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
            json_put_str(&idj, path, strlen(path));
            rc = error_record(t, idj.ptr, idj.len, where, 0, msg);
        } else if (too_long) {
            snprintf(msg, sizeof msg,
                     "document is larger than --max-doc-bytes (%zu)",
                     t->o->max_doc);
            json_put_str(&idj, path, strlen(path));
            rc = error_record(t, idj.ptr, idj.len, where, 0, msg);
        } else {
            rc = tag_plain(t, path, where, 0, text ? text : "", len);
        }
        free(text);
    } else {
        struct reader r;
        struct json_object obj = {0};
        const char *line;
        size_t len;
        unsigned long no = 0;
        int too_long, got;

        reader_init(&r, f, t->o->max_doc);
        while (rc == 0 && (got = reader_line(&r, &line, &len, &too_long)) > 0) {
            char id[64 + 4096];

            no++;
            snprintf(id, sizeof id, "%.4096s:%lu", path, no);
            if (len && line[len - 1] == '\r')
                len--;
            if (too_long) {
                snprintf(msg, sizeof msg,
                         "line is longer than --max-doc-bytes (%zu)",
                         t->o->max_doc);
                idj.len = 0;
                if (t->o->fmt == FMT_LINES)
                    json_put_str(&idj, id, strlen(id));
                else
                    sbuf_puts(&idj, "null");
                rc = error_record(t, idj.ptr, idj.len, where, no, msg);
            } else if (t->o->fmt == FMT_LINES) {
                rc = tag_plain(t, id, where, no, line, len);
            } else if (!is_blank(line, len)) {
                rc = tag_json(t, &obj, where, no, line, len);
            }
        }
        if (rc == 0 && got < 0) {
            snprintf(msg, sizeof msg, "read error after line %lu: %s", no,
                     strerror(errno));
            idj.len = 0;
            json_put_str(&idj, path, strlen(path));
            rc = error_record(t, idj.ptr, idj.len, where, 0, msg);
        }
        json_object_free(&obj);
        reader_free(&r);
    }
    sbuf_free(&idj);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* Parses the command line into o; returns -1 when done (help shown),
 * EXIT_USAGE on error, 0 otherwise.  *first_file is the index of FILEs. */
static int parse_args(int argc, char **argv, struct opts *o, int *first_file)
{
    static const struct option longopts[] = {
        {"gazetteers", required_argument, NULL, 'g'},
        {"rules", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'},
        {"text-field", required_argument, NULL, 't'},
        {"id-field", required_argument, NULL, 'i'},
        {"offsets", required_argument, NULL, 'u'},
        {"overlaps", required_argument, NULL, 'l'},
        {"attributes", no_argument, NULL, 'a'},
        {"max-doc-bytes", required_argument, NULL, 'm'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "+g:r:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'g':
            o->gaz = xrealloc(o->gaz, (o->n_gaz + 1) * sizeof *o->gaz);
            o->gaz[o->n_gaz++] = optarg;
            break;
        case 'r':
            return usage_error("--rules '%s': rule files are not supported "
                               "yet",
                               optarg);
        case 'f':
            if (!strcmp(optarg, "text"))
                o->fmt = FMT_TEXT;
            else if (!strcmp(optarg, "lines"))
                o->fmt = FMT_LINES;
            else if (!strcmp(optarg, "jsonl"))
                o->fmt = FMT_JSONL;
            else
                return usage_error("unknown --format '%s' (use text, lines "
                                   "or jsonl)",
                                   optarg);
            break;
        case 't': o->text_field = optarg; break;
        case 'i': o->id_field = optarg; break;
        case 'u':
            if (!strcmp(optarg, "codepoints"))
                o->unit = ISTH_UNIT_CODEPOINTS;
            else if (!strcmp(optarg, "bytes"))
                o->unit = ISTH_UNIT_BYTES;
            else if (!strcmp(optarg, "utf16"))
                o->unit = ISTH_UNIT_UTF16;
            else
                return usage_error("unknown --offsets '%s' (use codepoints, "
                                   "bytes or utf16)",
                                   optarg);
            break;
        case 'l':
            if (!strcmp(optarg, "longest"))
                o->scan_flags = ISTH_SCAN_DEFAULT;
            else if (!strcmp(optarg, "all"))
                o->scan_flags = ISTH_SCAN_OVERLAPS_ALL;
            else
                return usage_error("unknown --overlaps '%s' (use longest or "
                                   "all)",
                                   optarg);
            break;
        case 'a': o->attributes = 1; break;
        case 'm':
            if (parse_size(optarg, &o->max_doc))
                return usage_error("bad --max-doc-bytes '%s' (a positive "
                                   "size below 4G, e.g. 64M)",
                                   optarg);
            break;
        case 'o': o->out_path = optarg; break;
        case 'h':
            fputs(HELP, stdout);
            return -1;
        case 'V':
            printf("isthmus %s\n", isth_version_string());
            return -1;
        default:
            if (optopt)
                return usage_error("option '-%c' is unknown or needs a "
                                   "value",
                                   (char[]){(char)optopt, 0});
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    *first_file = optind;
    return 0;
}

int cmd_tag(int argc, char **argv)
{
    struct opts o = {NULL, 0, FMT_TEXT, "text", "id", ISTH_UNIT_CODEPOINTS,
                     ISTH_SCAN_DEFAULT, NULL, (size_t)64 << 20, 0};
    isth_compile_options co = ISTH_COMPILE_OPTIONS_INIT;
    struct tagger t;
    char *tmp = NULL;
    isth_error err;
    int first = 0, rc, i, status = EXIT_OK, io_error;

    memset(&t, 0, sizeof t);
    rc = parse_args(argc, argv, &o, &first);
    if (rc) {
        free(o.gaz);
        return rc < 0 ? EXIT_OK : rc;
    }
    if (!o.n_gaz) {
        const char *d = default_gazetteers();
        if (!d) {
            free(o.gaz);
            return usage_error("%s", "no gazetteers: pass -g PATH or set "
                                     "ISTHMUS_GAZETTEERS");
        }
        o.gaz = xrealloc(NULL, sizeof *o.gaz);
        o.gaz[o.n_gaz++] = d;
    }
    co.gazetteers = o.gaz;
    co.n_gazetteers = o.n_gaz;
    if (isth_db_compile(&t.db, &co, &err)) {
        char buf[1024];
        isth_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "isthmus: %s\n", buf);
        free(o.gaz);
        return EXIT_CONFIG;
    }
    t.o = &o;
    if (isth_scratch_alloc(t.db, &t.scratch)) {
        fputs("isthmus: out of memory\n", stderr);
        status = EXIT_RECORDS;
        goto done;
    }
    if (o.out_path) {
        int fd;
        size_t n = strlen(o.out_path) + 16;
        tmp = xrealloc(NULL, n);
        snprintf(tmp, n, "%s.tmpXXXXXX", o.out_path);
        if ((fd = mkstemp(tmp)) < 0 || !(t.out = fdopen(fd, "wb"))) {
            fprintf(stderr, "isthmus: %s: cannot create: %s\n", o.out_path,
                    strerror(errno));
            free(tmp);
            tmp = NULL;
            status = EXIT_RECORDS;
            goto done;
        }
        fchmod(fd, 0644);
    } else {
        t.out = stdout;
    }
    if (first >= argc) {
        rc = tag_input(&t, "-");
    } else {
        for (rc = 0, i = first; i < argc && rc == 0; i++)
            rc = tag_input(&t, argv[i]);
    }
    io_error = rc || fflush(t.out) || ferror(t.out);
    if (tmp && fclose(t.out) != 0)
        io_error = 1;
    if (io_error)
        fprintf(stderr, "isthmus: %s: write error: %s\n",
                o.out_path ? o.out_path : "<stdout>", strerror(errno));
    if (io_error || t.failed)
        status = EXIT_RECORDS;
    if (tmp) {
        /* Only a complete output replaces FILE. */
        if (io_error) {
            unlink(tmp);
        } else if (rename(tmp, o.out_path) != 0) {
            fprintf(stderr, "isthmus: %s: cannot rename: %s\n", o.out_path,
                    strerror(errno));
            unlink(tmp);
            status = EXIT_RECORDS;
        }
    }
done:
    free(tmp);
    free(t.hits);
    free(t.alts);
    sbuf_free(&t.rec);
    sbuf_free(&t.text);
    sbuf_free(&t.src);
    isth_scratch_free(t.scratch);
    isth_db_free(t.db);
    free(o.gaz);
    return status;
}
