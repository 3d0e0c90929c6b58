/* SPDX-License-Identifier: MIT */
/*
 * cmd_tag.c - "isthmus tag": read documents (whole files, lines or JSON
 * Lines records), scan each with the library, and write one JSON object
 * per document, in input order.  A document that cannot be tagged becomes
 * an error record in its place, so every input is accounted for.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "isthmus.h"
#include "cli.h"
#include "jobs.h"
#include "json.h"
#include "output.h"
#include "inputs.h"
#include "reader.h"
#include "record.h"
#include "tag_opts.h"

/* One worker's state: a scratch and reusable buffers.  Each job's
 * records and messages are built in rec and err, then handed to the job. */
struct tagger {
    const struct opts *o;
    isth_db *db;
    isth_scratch *scratch;
    struct sbuf rec;  /* the job's record lines */
    struct sbuf err;  /* the job's messages for standard error */
    struct sbuf text; /* decoded JSON text field */
    struct sbuf idj;  /* the document's id as JSON */
    struct json_object obj;
    struct json_object sub; /* a nested object of --text-field a.b */
    const isth_result *result;
    /* A large document's record goes out as it is built (spill()), so
     * memory does not grow with the record: set while it is tagged. */
    FILE *spill;
    int spill_err, spill_errno;
    struct record rw; /* builds the results' JSON into rec */
    size_t entities;  /* entities in the job (--count) */
    int failed;
};

/* The whole run: the workers, the batch being filled, the totals. */
struct run {
    const struct opts *o;
    FILE *out;
    struct tagger *workers;
    void **worker_ptrs;
    int n_workers;
    struct job *jobs;
    size_t n_jobs, cap_jobs, batch_bytes;
    struct sbuf arena; /* copies of the batch's documents and ids */
    unsigned long long docs, bytes, entities, failed_docs;
    int failed, io_error, io_errno;
    double t0;
};

/* Writes out what the record holds so far, when it is being streamed
 * and holds at least 64 KiB. */
static void spill(void *ctx)
{
    struct tagger *t = ctx;
    if (!t->spill || t->rec.len < ((size_t)64 << 10))
        return;
    if (!t->spill_err &&
        fwrite(t->rec.ptr, 1, t->rec.len, t->spill) != t->rec.len) {
        t->spill_err = 1;
        t->spill_errno = errno;
    }
    t->rec.len = 0;
}

/* Ends the record being built. */
static int flush_record(struct tagger *t)
{
    sbuf_put(&t->rec, "\n", 1);
    return 0;
}

/* A failed document's message for standard error (n_after: entities
 * written before the failure, said when not 0). */
static void error_message(struct tagger *t, const char *where,
                          unsigned long line, const char *msg, size_t n_after)
{
    char after[64] = "";

    t->failed = 1;
    if (n_after)
        snprintf(after, sizeof after, " (after %zu entities)", n_after);
    if (line)
        sbuf_printf(&t->err, "isthmus: %s:%lu: %s%s\n", where, line, msg,
                    after);
    else
        sbuf_printf(&t->err, "isthmus: %s: %s%s\n", where, msg, after);
}

/* Ends a failed document's record: [, "line": N], "error": "..."}. */
static int end_with_error(struct tagger *t, unsigned long line, const char *msg)
{
    if (line)
        sbuf_printf(&t->rec, ", \"line\": %lu", line);
    sbuf_lit(&t->rec, ", \"error\": ");
    json_put_str(&t->rec, msg, strlen(msg));
    sbuf_lit(&t->rec, "}");
    return flush_record(t);
}

/* An error record: {"id": <id_json>, ["line": N,] "error": "..."}, and
 * the message for standard error. */
static int error_record(struct tagger *t, const char *id_json, size_t id_len,
                        const char *where, unsigned long line, const char *msg)
{
    error_message(t, where, line, msg, 0);
    if (t->o->count)
        return 0;
    sbuf_lit(&t->rec, "{\"id\": ");
    sbuf_put(&t->rec, id_json, id_len);
    return end_with_error(t, line, msg);
}

/*
 * Annotates text and writes its results ("entities": .. and the rest)
 * into the record being built; with --count, only counts.  Without
 * --explain the entities go out as they are found
 * (isth_annotate_stream), so memory does not grow with the document.
 * Returns 0, or -1 with msg filled (t->rw.n_written entities were
 * written before the error).
 */
static int scan(struct tagger *t, const char *text, size_t len, char *msg,
                size_t msgsize)
{
    unsigned flags = t->o->scan_flags;
    isth_error err;
    int rc;

    t->rw.n_written = 0;
    if (t->o->count) {
        rc = isth_annotate_stream(t->db, text, len, ISTH_SCAN_NO_TOPICS | flags,
                                  t->scratch, NULL, NULL, &t->result, &err);
    } else if (flags & ISTH_SCAN_EXPLAIN) {
        rc = isth_annotate(t->db, text, len, flags, t->scratch, &t->result,
                           &err);
        if (!rc)
            record_results(&t->rw, text, t->result);
    } else {
        record_entities_begin(&t->rw, text);
        rc = isth_annotate_stream(t->db, text, len, flags, t->scratch,
                                  record_on_match, &t->rw, &t->result, &err);
        if (!rc)
            record_entities_end(&t->rw, t->result);
    }
    if (rc) {
        snprintf(msg, msgsize, "%s", err.msg[0] ? err.msg : isth_strerror(rc));
        return -1;
    }
    t->entities += t->result->n_entities;
    return 0;
}

/*
 * The record of a document whose scan failed, begun at t->rec offset
 * start: an error record when no entity was written, else the record
 * so far closed with its "error" (a document over 1 MiB failing after
 * its first part: the entities of the parts before are out already).
 */
static int failed_record(struct tagger *t, size_t start, const char *id_json,
                         size_t id_len, const char *where, unsigned long line,
                         const char *msg)
{
    if (!t->rw.n_written) {
        t->rec.len = start;
        return error_record(t, id_json, id_len, where, line, msg);
    }
    error_message(t, where, line, msg, t->rw.n_written);
    sbuf_lit(&t->rec, "]");
    return end_with_error(t, line, msg);
}

/* A plain document (text or lines format). */
static int tag_plain(struct tagger *t, const char *id, const char *where,
                     unsigned long line, const char *text, size_t len)
{
    struct sbuf *idj = &t->idj;
    size_t start = t->rec.len;
    char msg[256];

    idj->len = 0;
    json_put_str(idj, id, strlen(id));
    if (!t->o->count) {
        sbuf_lit(&t->rec, "{\"id\": ");
        sbuf_put(&t->rec, idj->ptr, idj->len);
        sbuf_lit(&t->rec, ", ");
    }
    if (scan(t, text, len, msg, sizeof msg))
        return failed_record(t, start, idj->ptr, idj->len, where, line, msg);
    if (t->o->count)
        return 0;
    sbuf_lit(&t->rec, "}");
    return flush_record(t);
}

/* The id of a jsonl record that is not valid JSON (or was cut): its id
 * member's JSON when one can still be read from s, else null. */
static void salvage_id(const struct opts *o, const char *s, size_t len,
                       const char **id, size_t *id_len)
{
    if (!json_salvage_member(s, len, o->id_field, id, id_len)) {
        *id = "null";
        *id_len = 4;
    }
}

/* The member of obj named name: a member with exactly that name, else
 * the path "a.b.c" through nested objects.  1 with *out set, or 0. */
static const struct json_member *member(const struct json_object *o,
                                        const char *key)
{
    size_t i;
    for (i = 0; i < o->n; i++)
        if (json_key_is(&o->m[i], key))
            return &o->m[i];
    return NULL;
}

static int find_field(struct tagger *t, const struct json_object *obj,
                      const char *name, struct json_member *out)
{
    const struct json_member *m = member(obj, name);
    const char *part = name, *dot;
    char key[256], err[64];

    /* Members point into the line, so one object serves each level. */
    while (!m && (dot = strchr(part, '.'))) {
        size_t n = (size_t)(dot - part);
        if (n >= sizeof key)
            return 0;
        memcpy(key, part, n);
        key[n] = '\0';
        m = member(part == name ? obj : &t->sub, key);
        if (!m || m->val[0] != '{' ||
            json_parse_object(m->val, m->val_len, &t->sub, err, sizeof err))
            return 0;
        part = dot + 1;
        m = member(&t->sub, part);
        if (!m && !strchr(part, '.'))
            return 0;
    }
    if (!m)
        return 0;
    *out = *m;
    return 1;
}

/* One JSON Lines record. */
static int tag_json(struct tagger *t, const char *where, unsigned long line,
                    const char *s, size_t len)
{
    struct json_object *obj = &t->obj;
    const struct json_member *text = NULL;
    struct json_member text_m, id_m;
    const char *id = "null"; /* the id member's JSON, or null */
    size_t id_len = 4;
    char msg[320];
    size_t i, start = t->rec.len;

    if (json_parse_object(s, len, obj, msg, sizeof msg)) {
        salvage_id(t->o, s, len, &id, &id_len);
        return error_record(t, id, id_len, where, line, msg);
    }
    if (find_field(t, obj, t->o->text_field, &text_m))
        text = &text_m;
    if (find_field(t, obj, t->o->id_field, &id_m)) {
        id = id_m.val;
        id_len = id_m.val_len;
    }
    if (!text || text->val[0] != '"') {
        snprintf(msg, sizeof msg, "%s string field '%s'", text ? "not a" : "no",
                 t->o->text_field);
        return error_record(t, id, id_len, where, line, msg);
    }
    json_decode_str(text->val, text->val_len, &t->text);
    if (t->text.len > t->o->max_doc) {
        snprintf(msg, sizeof msg, "text is larger than --max-doc-bytes (%zu)",
                 t->o->max_doc);
        return error_record(t, id, id_len, where, line, msg);
    }
    if (!t->o->count) {
        /* The input object, minus any old results, then ours. */
        sbuf_lit(&t->rec, "{");
        for (i = 0; i < obj->n; i++) {
            const struct json_member *m = &obj->m[i];
            if (json_key_is(m, "entities") || json_key_is(m, "topics") ||
                json_key_is(m, "explain"))
                continue;
            sbuf_put(&t->rec, m->key, m->key_len);
            sbuf_lit(&t->rec, ": ");
            sbuf_put(&t->rec, m->val, m->val_len);
            sbuf_lit(&t->rec, ", ");
        }
    }
    if (scan(t, t->text.ptr ? t->text.ptr : "", t->text.len, msg, sizeof msg))
        return failed_record(t, start, id, id_len, where, line, msg);
    if (t->o->count)
        return 0;
    sbuf_lit(&t->rec, "}");
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

/* Runs one job on worker w (a struct tagger). */
static void process_job(void *w, struct job *job)
{
    struct tagger *t = w;
    struct sbuf swap;

    t->rec.len = 0;
    t->err.len = 0;
    t->failed = 0;
    t->entities = 0;
    switch (job->kind) {
    case JOB_PLAIN:
        tag_plain(t, job->id, job->where, job->line, job->data ? job->data : "",
                  job->len);
        break;
    case JOB_JSON:
        tag_json(t, job->where, job->line, job->data, job->len);
        break;
    case JOB_ERROR:
        error_record(t, job->id, strlen(job->id), job->where, job->line,
                     job->msg);
        break;
    }
    /* Hand the buffers to the job; the worker keeps the job's (empty). */
    swap = job->out;
    job->out = t->rec;
    t->rec = swap;
    swap = job->err;
    job->err = t->err;
    t->err = swap;
    job->failed = t->failed;
    job->entities = t->entities;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Tags the batch and writes its results in input order. */
static void flush_jobs(struct run *r)
{
    size_t i, kept = 0;

    if (!r->n_jobs)
        return;
    /* The arena has its final address now. */
    for (i = 0; i < r->n_jobs; i++) {
        struct job *j = &r->jobs[i];
        if (j->data_shared)
            j->data = r->arena.ptr + j->data_off;
        if (j->id_shared)
            j->id = r->arena.ptr + j->id_off;
    }
    run_jobs(r->jobs, r->n_jobs, r->worker_ptrs, r->n_workers, process_job);
    for (i = 0; i < r->n_jobs; i++) {
        struct job *j = &r->jobs[i];
        if (j->out.len && !r->io_error &&
            fwrite(j->out.ptr, 1, j->out.len, r->out) != j->out.len) {
            r->io_error = 1;
            r->io_errno = errno;
        }
        if (j->err.len)
            fwrite(j->err.ptr, 1, j->err.len, stderr);
        r->failed |= j->failed;
        r->failed_docs += j->failed ? 1 : 0;
        r->entities += j->entities;
        r->docs++;
        /* Slots keep their buffers for the next batch, up to 16 MB in
         * all: memory stays bounded when records are large. */
        if (kept + j->out.cap + j->err.cap > ((size_t)16 << 20)) {
            sbuf_free(&j->out);
            sbuf_free(&j->err);
        }
        kept += j->out.cap + j->err.cap;
        job_done(j);
    }
    r->n_jobs = 0;
    r->batch_bytes = 0;
    r->arena.len = 0;
    if (r->o->line_buffered && !r->io_error && fflush(r->out)) {
        r->io_error = 1;
        r->io_errno = errno;
    }
    if (r->o->stats && isatty(2)) {
        double dt = now() - r->t0;
        fprintf(stderr, "\r%llu documents, %.1f MB, %.1f MB/s ", r->docs,
                (double)r->bytes / 1e6,
                dt > 0 ? (double)r->bytes / 1e6 / dt : 0.0);
    }
}

/* flush_jobs for a reader's idle hook. */
static void flush_run(void *ctx)
{
    flush_jobs(ctx);
}

/* Limits of one batch: documents and bytes held before they are tagged. */
#define BATCH_JOBS 2048
#define BATCH_BYTES ((size_t)16 << 20)
/* A document this large is tagged alone, its record written out as it is
 * built and its line not copied: memory for it stays near its size. */
#define STREAM_BYTES ((size_t)1 << 20)

/* A NUL-terminated copy of s[0, len). */
static char *dup_mem(const char *s, size_t len)
{
    char *d = xrealloc(NULL, len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

/* Copies s[0, len) and a NUL into the batch's arena; its offset. */
static size_t arena_put(struct run *r, const char *s, size_t len)
{
    size_t off = r->arena.len;
    sbuf_put(&r->arena, s, len);
    sbuf_put(&r->arena, "", 1);
    return off;
}

/*
 * Queues a job.  data (len bytes) is the job's if own is set, else copied
 * into the batch's arena; the id is id (owned) or a copy of id_copy in
 * the arena.  A job slot keeps its output buffers from batch to batch.
 * A document of STREAM_BYTES or more runs at once, alone, after the jobs
 * before it: its data is not copied and its record is streamed out.
 */
static void add_job(struct run *r, enum job_kind kind, const char *data,
                    size_t len, int own, char *id, const char *id_copy,
                    const char *where, unsigned long line, char *msg)
{
    struct job *j;
    int big;

    if (r->n_jobs == r->cap_jobs) {
        size_t old = r->cap_jobs;
        r->cap_jobs = r->cap_jobs ? 2 * r->cap_jobs : 256;
        r->jobs = xrealloc(r->jobs, r->cap_jobs * sizeof *r->jobs);
        memset(r->jobs + old, 0, (r->cap_jobs - old) * sizeof *r->jobs);
    }
    big = len >= STREAM_BYTES && kind != JOB_ERROR;
    if (big)
        flush_jobs(r); /* what came before goes out first */
    j = &r->jobs[r->n_jobs++];
    job_done(j); /* empty, buffers kept */
    j->kind = kind;
    if (own) {
        j->data = (char *)data;
    } else if (big) {
        j->data = (char *)data; /* tagged before the caller reads on */
        j->data_borrowed = 1;
    } else if (data) {
        j->data_off = arena_put(r, data, len);
        j->data_shared = 1;
    }
    j->len = len;
    j->id = id;
    if (id_copy) {
        j->id_off = arena_put(r, id_copy, strlen(id_copy));
        j->id_shared = 1;
    }
    j->where = where;
    j->line = line;
    j->msg = msg;
    r->bytes += len;
    r->batch_bytes += len;
    if (big) {
        /* Alone, on this thread, its record streamed to the output. */
        struct tagger *t = &r->workers[0];
        t->spill = r->out;
        flush_jobs(r);
        t->spill = NULL;
        if (t->spill_err && !r->io_error) {
            r->io_error = 1;
            r->io_errno = t->spill_errno;
        }
        t->spill_err = 0;
    } else if (r->n_jobs >= BATCH_JOBS || r->batch_bytes >= BATCH_BYTES) {
        flush_jobs(r);
    }
}

/* An error job with the id given as a string (made JSON here). */
static void add_error(struct run *r, const char *id, const char *where,
                      unsigned long line, const char *msg)
{
    struct sbuf idj = {0};

    if (id)
        json_put_str(&idj, id, strlen(id));
    else
        sbuf_lit(&idj, "null");
    sbuf_put(&idj, "", 1); /* the job keeps it as a C string */
    add_job(r, JOB_ERROR, NULL, 0, 0, idj.ptr, NULL, where, line, dup_str(msg));
}

/* Reads one input (path "-" is stdin) into jobs. */
static void read_input(struct run *r, const char *path)
{
    const char *where = strcmp(path, "-") ? path : "<stdin>";
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char msg[320];

    if (!f) {
        /* In lines and jsonl, records carry a line: where reading
         * stopped, here before line 1. */
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        add_error(r, path, path, r->o->fmt == FMT_TEXT ? 0 : 1, msg);
        return;
    }
    if (r->o->fmt == FMT_TEXT) {
        char *text;
        size_t len;
        int too_long;

        if (reader_all(f, r->o->max_doc, &text, &len, &too_long)) {
            snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
            add_error(r, path, where, 0, msg);
            free(text);
        } else if (too_long) {
            snprintf(msg, sizeof msg,
                     "document is larger than --max-doc-bytes (%zu)",
                     r->o->max_doc);
            add_error(r, path, where, 0, msg);
            free(text);
        } else {
            add_job(r, JOB_PLAIN, text, len, 1, dup_str(path), NULL, where, 0,
                    NULL);
            if (r->o->line_buffered)
                flush_jobs(r);
        }
    } else {
        struct reader rd;
        const char *line;
        size_t len;
        unsigned long no = 0;
        int too_long, got;

        reader_init(&rd, f, r->o->max_doc);
        /* Streaming: what has been read is tagged and written before
         * the reader waits for more. */
        if (r->o->line_buffered)
            reader_stream(&rd, flush_run, r);
        while ((got = reader_line(&rd, &line, &len, &too_long)) > 0) {
            char id[64 + 4096];

            no++;
            snprintf(id, sizeof id, "%.4096s:%lu", path, no);
            if (len && line[len - 1] == '\r')
                len--;
            if (too_long) {
                const char *idv;
                size_t idv_len;

                snprintf(msg, sizeof msg,
                         "line is longer than --max-doc-bytes (%zu)",
                         r->o->max_doc);
                /* A record's id is usually near its start: read it from
                 * the line's first bytes when it is there. */
                if (r->o->fmt == FMT_JSONL) {
                    salvage_id(r->o, line, len, &idv, &idv_len);
                    add_job(r, JOB_ERROR, NULL, 0, 0, dup_mem(idv, idv_len),
                            NULL, where, no, dup_str(msg));
                } else {
                    add_error(r, id, where, no, msg);
                }
            } else if (r->o->fmt == FMT_LINES) {
                add_job(r, JOB_PLAIN, line, len, 0, NULL, id, where, no, NULL);
            } else if (!is_blank(line, len)) {
                add_job(r, JOB_JSON, line, len, 0, NULL, NULL, where, no, NULL);
            }
        }
        if (got < 0) {
            snprintf(msg, sizeof msg, "read error after line %lu: %s", no,
                     strerror(errno));
            add_error(r, path, where, no + 1, msg);
        }
        reader_free(&rd);
    }
    if (f != stdin)
        fclose(f);
}

/* Does the file rel (a path below a directory argument) match --glob?
 * A pattern with a '/' is matched against rel, any other against the
 * file's name; no --glob takes every file. */
static int wanted(const struct opts *o, const char *rel)
{
    const char *base = strrchr(rel, '/');
    size_t i;

    base = base ? base + 1 : rel;
    for (i = 0; i < o->n_globs; i++)
        if (!fnmatch(o->globs[i], strchr(o->globs[i], '/') ? rel : base,
                     FNM_PATHNAME))
            return 1;
    return o->n_globs == 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Reads the files below directory dir (the first root bytes of a path
 * below it name the argument: the rest is what --glob sees), in name
 * order, as ripgrep does: hidden entries (".*")
 * are skipped, links to directories are not followed, --glob selects the
 * files.  A directory that cannot be read becomes an error record.
 */
static void read_dir(struct run *r, const char *dir, size_t root)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, i;

    if (!d) {
        char msg[320];
        snprintf(msg, sizeof msg, "cannot read directory: %s", strerror(errno));
        add_error(r, dir, dir, r->o->fmt == FMT_TEXT ? 0 : 1, msg);
        return;
    }
    while ((de = readdir(d)))
        if (de->d_name[0] != '.') {
            names = xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = dup_str(de->d_name);
        }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_name);
    for (i = 0; i < n && !r->io_error; i++) {
        size_t pl = strlen(dir) + strlen(names[i]) + 2;
        char *path = xrealloc(NULL, pl);
        struct stat st;
        snprintf(path, pl, "%s%s%s", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            read_dir(r, path, root);
        else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
                 wanted(r->o, path + root))
            read_input(r, path);
        free(path);
        free(names[i]);
    }
    for (; i < n; i++)
        free(names[i]);
    free(names);
}

/* A command-line input: a file, "-", or a directory to walk. */
static void read_arg(struct run *r, const char *path)
{
    struct stat st;

    if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        read_dir(r, path, strlen(path) + (path[strlen(path) - 1] != '/'));
    else
        read_input(r, path);
}

/* Sets up one worker; -1 when out of memory. */
static int worker_init(struct tagger *t, const struct opts *o, isth_db *db)
{
    memset(t, 0, sizeof *t);
    t->o = o;
    t->db = db;
    t->rw.out = &t->rec;
    t->rw.db = db;
    t->rw.unit = o->unit;
    t->rw.attributes = o->attributes;
    t->rw.min_score = o->min_score;
    t->rw.scan_flags = o->scan_flags;
    t->rw.spill = spill;
    t->rw.spill_ctx = t;
    return isth_scratch_alloc(db, &t->scratch) ? -1 : 0;
}

static void worker_free(struct tagger *t)
{
    sbuf_free(&t->rec);
    sbuf_free(&t->err);
    sbuf_free(&t->text);
    record_free(&t->rw);
    sbuf_free(&t->idj);
    json_object_free(&t->obj);
    json_object_free(&t->sub);
    isth_scratch_free(t->scratch);
}

static void print_stats(const struct run *r)
{
    double dt = now() - r->t0;

    if (isatty(2))
        fputs("\r", stderr);
    fprintf(stderr,
            "isthmus: %llu documents (%llu failed), %llu bytes, %llu "
            "entities, %.3f s, %.1f MB/s, %d threads, peak RSS %.1f MB\n",
            r->docs, r->failed_docs, r->bytes, r->entities, dt,
            dt > 0 ? (double)r->bytes / 1e6 / dt : 0.0, r->n_workers,
            (double)peak_rss_kb() / 1024.0);
}

int cmd_tag(int argc, char **argv)
{
    struct opts o;
    isth_compile_options co = ISTH_COMPILE_OPTIONS_INIT;
    struct run run;
    isth_db *db = NULL;
    struct output out;
    int first = 0, rc, i, status = EXIT_OK, io_error;

    memset(&run, 0, sizeof run);
    tag_opts_init(&o);
    rc = tag_parse_args(argc, argv, &o, &first);
    if (rc) {
        tag_opts_free(&o);
        return rc < 0 ? EXIT_OK : rc;
    }
    if (o.jobs <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o.jobs = n > 0 ? (int)(n > 64 ? 64 : n) : 1;
    }
    /* Someone is watching (a terminal on either side): stream. */
    if (!o.line_buffered) {
        int stdin_read = first >= argc;
        for (i = first; i < argc && !stdin_read; i++)
            stdin_read = !strcmp(argv[i], "-");
        o.line_buffered =
            (!o.out_path && isatty(1)) || (stdin_read && isatty(0));
    }
    run.t0 = now();
    if ((rc = inputs_resolve(&o.in, &co, "tag")) ||
        (rc = inputs_open_db(&o.in, &co, &db, "tag"))) {
        tag_opts_free(&o);
        return rc;
    }
    run.o = &o;
    run.n_workers = o.jobs;
    run.workers = xrealloc(NULL, (size_t)o.jobs * sizeof *run.workers);
    run.worker_ptrs = xrealloc(NULL, (size_t)o.jobs * sizeof(void *));
    memset(run.workers, 0, (size_t)o.jobs * sizeof *run.workers);
    for (i = 0; i < o.jobs; i++) {
        run.worker_ptrs[i] = &run.workers[i];
        if (worker_init(&run.workers[i], &o, db)) {
            fputs("isthmus: out of memory\n", stderr);
            status = EXIT_RECORDS;
            goto done;
        }
    }
    if (output_open(&out, o.out_path, 0)) {
        status = EXIT_RECORDS;
        goto done;
    }
    run.out = out.fp;
    if (first >= argc) {
        read_input(&run, "-");
    } else {
        for (i = first; i < argc && !run.io_error; i++)
            read_arg(&run, argv[i]);
    }
    flush_jobs(&run);
    if (o.count && !run.io_error)
        fprintf(run.out,
                "{\"documents\": %llu, \"entities\": %llu, \"failed\": "
                "%llu}\n",
                run.docs, run.entities, run.failed_docs);
    /* Only a complete output replaces FILE. */
    if (run.io_error)
        errno = run.io_errno; /* the write error to report */
    io_error = output_close(&out, !run.io_error) != 0 || run.io_error;
    if (io_error || run.failed)
        status = EXIT_RECORDS;
    if (o.stats)
        print_stats(&run);
done:
    for (i = 0; run.workers && i < o.jobs; i++)
        worker_free(&run.workers[i]);
    free(run.workers);
    free(run.worker_ptrs);
    for (i = 0; (size_t)i < run.cap_jobs; i++)
        job_clear(&run.jobs[i]);
    free(run.jobs);
    sbuf_free(&run.arena);
    isth_db_free(db);
    tag_opts_free(&o);
    return status;
}
