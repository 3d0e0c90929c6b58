/* SPDX-License-Identifier: MIT */
/*
 * sources.c - the input files of a compile and the inputs hash (see
 * sources.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "sources.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "build_id.h"
#include "error.h"

void isth__files_free(struct files *f)
{
    size_t i;
    for (i = 0; i < f->n; i++) {
        isth__free(f->v[i].path);
        isth__free(f->v[i].display);
    }
    isth__free(f->v);
}

static int files_add(struct files *f, const char *path, const char *display)
{
    struct file nf;

    if (isth__grow(&f->v, &f->cap, f->n + 1, sizeof *f->v))
        return ISTH_ENOMEM;
    nf.path = isth__strdup(path);
    nf.display = isth__strdup(display);
    if (!nf.path || !nf.display) {
        isth__free(nf.path);
        isth__free(nf.display);
        return ISTH_ENOMEM;
    }
    f->v[f->n++] = nf;
    return ISTH_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Plain-list gazetteers: one name per line (plainlist.c).  Only a file
 * given itself is read as one: directories hold README.txt and notes. */
int isth__is_txt(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcmp(name + n - 4, ".txt");
}

static int ends_with_yaml(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
           (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = isth__alloc(la + lb + 2, 1);

    if (!s)
        return NULL;
    memcpy(s, a, la);
    s[la] = '/';
    memcpy(s + la + 1, b, lb + 1);
    return s;
}

/*
 * Whether a .txt file in a directory is a plain list: one of its leading
 * '#' lines says '# label:' (a README.txt beside the YAML is not).
 */
static int is_plain_list(const char *path)
{
    char head[4096], *line, *save = NULL;
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (!fp)
        return 1; /* loading it will say what is wrong */
    n = fread(head, 1, sizeof head - 1, fp);
    fclose(fp);
    head[n] = 0;
    line = head;
    if (!strncmp(line, "\xEF\xBB\xBF", 3))
        line += 3;
    for (line = strtok_r(line, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        while (*line == ' ' || *line == '\t' || *line == '\r')
            line++;
        if (!*line)
            continue;
        if (*line != '#')
            return 0;
        line++;
        while (*line == ' ' || *line == '\t')
            line++;
        if (!strncmp(line, "label:", 6))
            return 1;
    }
    return 0;
}

/*
 * Adds every *.yaml and *.yml (and with txt, every *.txt plain list
 * with a '# label:' line)
 * under dir (sorted, recursive, dot-files skipped).  A
 * subdirectory named "extra" holds optional large sets: it loads only
 * when it is given itself.
 */
static int collect_dir(struct files *f, const char *dir, const char *display,
                       int depth, int txt, isth_error *err)
{
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    struct dirent *de;
    DIR *d;
    int rc = ISTH_OK;

    if (depth > 32)
        return isth__error_set(err, ISTH_ETOOBIG, dir, 0, 0,
                               "directories nested too deep");
    if (!(d = opendir(dir)))
        return isth__error_set(err, ISTH_EIO, dir, 0, 0, "cannot open: %s",
                               strerror(errno));
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (isth__grow(&names, &cap, n + 1, sizeof *names) ||
            !(names[n] = isth__strdup(de->d_name))) {
            rc = isth__error_set(err, ISTH_ENOMEM, dir, 0, 0, "out of memory");
            goto done;
        }
        n++;
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n && rc == ISTH_OK; i++) {
        char *p = join(dir, names[i]), *q = join(display, names[i]);
        struct stat st;

        if (!p || !q)
            rc = isth__error_set(err, ISTH_ENOMEM, dir, 0, 0, "out of memory");
        else if (stat(p, &st) != 0)
            rc = isth__error_set(err, ISTH_EIO, p, 0, 0, "cannot open: %s",
                                 strerror(errno));
        else if (S_ISDIR(st.st_mode) && strcmp(names[i], "extra") != 0)
            rc = collect_dir(f, p, q, depth + 1, txt, err);
        else if ((ends_with_yaml(names[i]) ||
                  (txt && isth__is_txt(names[i]) && is_plain_list(p))) &&
                 files_add(f, p, q))
            rc = isth__error_set(err, ISTH_ENOMEM, dir, 0, 0, "out of memory");
        isth__free(p);
        isth__free(q);
    }
done:
    for (i = 0; i < n; i++)
        isth__free(names[i]);
    isth__free(names);
    closedir(d);
    return rc;
}

/*
 * Adds one user path: a file as given, or a directory's YAML files named
 * "<last component of dir>/<relative path>" in entity sources.
 */
int isth__collect(struct files *f, const char *path, int txt, isth_error *err)
{
    struct stat st;
    const char *base;
    char *trim;
    size_t len, first = f->n, k, blen;
    int rc;

    if (stat(path, &st) != 0)
        return isth__error_set(err, ISTH_EIO, path, 0, 0, "cannot open: %s",
                               strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        if (files_add(f, path, path))
            return isth__error_set(err, ISTH_ENOMEM, path, 0, 0,
                                   "out of memory");
        return ISTH_OK;
    }
    len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    if (!(trim = isth__strndup(path, len)))
        return isth__error_set(err, ISTH_ENOMEM, path, 0, 0, "out of memory");
    base = strrchr(trim, '/');
    base = base && base[1] ? base + 1 : trim;
    /* Two directories of the same name (the shipped gazetteers/ and a
     * user's own gazetteers/): the later one's files are named by the
     * path given, so every file has a name of its own. */
    blen = strlen(base);
    for (k = 0; k < first && base != trim; k++)
        if (!strncmp(f->v[k].display, base, blen) &&
            f->v[k].display[blen] == '/') {
            base = trim;
            break;
        }
    rc = collect_dir(f, trim, base, 0, txt, err);
    isth__free(trim);
    return rc;
}

const char *isth__real_path(const struct files *f, const char *display)
{
    size_t k;

    for (k = 0; k < f->n; k++)
        if (!strcmp(f->v[k].display, display))
            return f->v[k].path;
    return display;
}

const char *isth__real_path_any(const void *pf, const char *display)
{
    const struct all_files *af = pf;
    const char *p = isth__real_path(af->g, display);
    return p != display ? p : isth__real_path(af->r, display);
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return isth__hash(h, s ? s : "\x01(null)", s ? strlen(s) + 1 : 8);
}

/* The hash's start: what else than the files a database depends on. */
uint64_t isth__hash_start(const isth_compile_options *opts)
{
    uint64_t h = ISTH_HASH_SEED;

    h = fnv_str(h, ISTH_VERSION_STRING);
    h = fnv_str(h, ISTH_BUILD_ID);
    h = fnv_str(h, opts->as_of);
    h = fnv_str(h, opts->default_label);
    return h;
}

/* A file's part of the hash, before its bytes: its list and shown name. */
uint64_t isth__hash_file(uint64_t h, int is_rule, const char *display)
{
    h = isth__hash(h, is_rule ? "r" : "g", 1);
    return fnv_str(h, display);
}

int isth_inputs_hash(const isth_compile_options *opts, uint64_t *hash,
                     isth_error *err)
{
    struct files f = {0}, rf = {0};
    uint64_t h;
    char buf[65536];
    size_t i;
    int rc = ISTH_OK;

    isth__error_clear(err);
    if (!opts || !hash ||
        opts->version < 1 || opts->version > ISTH_COMPILE_OPTIONS_VERSION)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    h = isth__hash_start(opts);
    for (i = 0; i < opts->n_gazetteers + opts->n_rules && rc == ISTH_OK; i++) {
        int is_rule = i >= opts->n_gazetteers;
        const char *p =
            is_rule ? opts->rules[i - opts->n_gazetteers] : opts->gazetteers[i];
        rc = p ? isth__collect(is_rule ? &rf : &f, p, !is_rule, err)
               : isth__error_set(err, ISTH_EINVAL, NULL, 0, 0, "NULL path");
    }
    for (i = 0; i < f.n + rf.n && rc == ISTH_OK; i++) {
        const struct file *fi = i < f.n ? &f.v[i] : &rf.v[i - f.n];
        FILE *fp = fopen(fi->path, "rb");
        size_t got;
        if (!fp) {
            rc = isth__error_set(err, ISTH_EIO, fi->path, 0, 0,
                                 "cannot open: %s", strerror(errno));
            break;
        }
        /* Which list a file is in, its shown name, and its bytes: as
         * isth_db_compile() hashes them. */
        h = isth__hash_file(h, i >= f.n, fi->display);
        while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
            h = isth__hash(h, buf, got);
        fclose(fp);
    }
    isth__files_free(&f);
    isth__files_free(&rf);
    if (rc == ISTH_OK)
        *hash = h;
    return rc;
}
