/* SPDX-License-Identifier: MIT */
/*
 * db.c - isth_db assembly: collects gazetteer files, loads them through
 * gazetteer.c, checks ids are unique, groups aliases into patterns in
 * tie-break order and builds the automaton.  Also the read-only accessors.
 */
#define _POSIX_C_SOURCE 200809L /* munmap */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "build_id.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "gazetteer.h"
#include "normalize.h"
#include "regex.h"
#include "utf8.h"

#define DEFAULT_MAX_FILE ((size_t)256 << 20)

/* The gazetteer files to load: the path opened, the name shown. */
struct file {
    char *path, *display;
};

struct files {
    struct file *v;
    size_t n, cap;
};

static void files_free(struct files *f)
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
static int ends_with_txt(const char *name)
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
                  (txt && ends_with_txt(names[i]) && is_plain_list(p))) &&
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
static int collect(struct files *f, const char *path, int txt, isth_error *err)
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

void isth__rule_free(struct isth_rule *r)
{
    size_t j;

    isth__re_free(r->before);
    isth__re_free(r->re);
    isth__free(r->req);
    isth__free(r->id);
    isth__free(r->label);
    isth__free(r->kind);
    isth__free(r->file);
    isth__free(r->id_template);
    for (j = 0; j < r->n_on; j++) {
        isth__free(r->on_label[j]);
        isth__free(r->on_kind[j]);
    }
    isth__free(r->on_label);
    isth__free(r->on_kind);
    for (j = 0; j < r->n_attrs; j++) {
        isth__free((void *)r->attrs[j].key);
        isth__free((void *)r->attrs[j].value);
    }
    isth__free(r->attrs);
    memset(r, 0, sizeof *r);
}

void isth__tsrc_free(struct isth_tsrc *t)
{
    isth__re_free(t->re);
    isth__free(t->label);
    isth__free(t->kind);
    isth__free(t->id);
    isth__free(t->name);
    t->re = NULL;
    t->label = t->kind = t->id = t->name = NULL;
}

void isth__build_free(struct isth_build *db)
{
    size_t i, j;

    if (!db)
        return;
    for (i = 0; i < db->n_entities; i++) {
        struct isth_entity *e = &db->entities[i];
        isth__free(e->id);
        isth__free(e->name);
        isth__free(e->label);
        isth__free(e->kind);
        isth__free(e->file);
        for (j = 0; j < e->n_attrs; j++) {
            isth__free((void *)e->attrs[j].key);
            isth__free((void *)e->attrs[j].value);
        }
        isth__free(e->attrs);
    }
    for (i = 0; i < db->n_aliases; i++)
        isth__free(db->aliases[i].exact);
    for (i = 0; i < db->n_cues; i++)
        isth__free(db->cues[i].text);
    for (i = 0; i < db->n_ctx_items; i++)
        isth__free(db->ctx_items[i].id);
    for (i = 0; i < db->n_contexts; i++)
        isth__free(db->contexts[i].file);
    for (i = 0; i < db->n_rules; i++)
        isth__rule_free(&db->rules[i]);
    for (i = 0; i < db->n_topics; i++) {
        isth__free(db->topics[i].label);
        isth__free(db->topics[i].description);
        isth__free(db->topics[i].file);
    }
    for (i = 0; i < db->n_tsrcs; i++)
        isth__tsrc_free(&db->tsrcs[i]);
    isth__free(db->cues);
    isth__free(db->ctx_items);
    isth__free(db->contexts);
    isth__free(db->rules);
    isth__free(db->topics);
    isth__free(db->tsrcs);
    isth__free(db->entities);
    isth__free(db->aliases);
    isth__free(db->pat_cue_first);
    isth__free(db->pat_cue);
    isth__free(db->cue_src_first);
    isth__free(db->cue_src);
    isth__free(db->pat_len);
    isth__free(db->pat_flags);
    isth__free(db->pat_first);
    isth__free(db->pat_alias);
    isth__free(db->id_index);
    isth__ac_free(&db->ac);
    isth__free(db);
}

static const char *real_path(const struct files *f, const char *display)
{
    size_t k;

    for (k = 0; k < f->n; k++)
        if (!strcmp(f->v[k].display, display))
            return f->v[k].path;
    return display;
}

/*
 * Builds the id index; a repeated id is an error naming both places.
 * A disabled entry (off[i]) yields its id to an entry that redefines it,
 * and is indexed only when none does (contexts may still name it).
 */
static int index_ids(struct isth_build *db, struct isth_loader *ld,
                     const struct files *f, isth_error *err)
{
    const unsigned char *off = ld->ent_off;
    size_t cap = 16, i;
    int pass, rc;

    while (cap < db->n_entities * 2)
        cap *= 2;
    if (!(db->id_index = isth__calloc(cap, sizeof *db->id_index)))
        return isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
    db->id_index_cap = cap;
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < db->n_entities; i++) {
            const struct isth_entity *e = &db->entities[i];
            size_t h = (size_t)isth__hash_str(e->id) & (cap - 1);
            int dup = 0;

            if ((off && off[i]) != pass)
                continue;
            while (db->id_index[h]) {
                const struct isth_entity *o =
                    &db->entities[db->id_index[h] - 1];
                if (!strcmp(o->id, e->id)) {
                    dup = 1;
                    break;
                }
                h = (h + 1) & (cap - 1);
            }
            if (!dup) {
                db->id_index[h] = (uint32_t)i + 1;
                continue;
            }
            if (pass)
                continue; /* disabled, and redefined */
            {
                const struct isth_entity *o =
                    &db->entities[db->id_index[h] - 1];
                const char *path = real_path(f, e->file);
                isth_error e2;
                if (!strcmp(o->file, e->file))
                    isth__error_set(&e2, ISTH_ESCHEMA, path, e->line, e->col,
                                    "duplicate id '%s' (first defined at "
                                    "line %u)",
                                    e->id, o->line);
                else
                    isth__error_set(&e2, ISTH_ESCHEMA, path, e->line, e->col,
                                    "duplicate id '%s' (first defined at "
                                    "%s:%u; to replace that entry, add "
                                    "'disable: {entries: [%s]}' to this "
                                    "file)",
                                    e->id, o->file, o->line, e->id);
                if ((rc = isth__ld_recover(ld, ISTH_ESCHEMA, &e2))) {
                    if (err)
                        *err = e2;
                    return rc;
                }
            }
        }
    return ISTH_OK;
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/*
 * Alias indices in tie-break order: higher priority first, then load
 * order.  The key packs (1000000 - priority) above the alias index, so a
 * plain integer sort gives that order without a comparison context.
 */
static uint64_t *tie_break_order(const struct isth_build *db)
{
    uint64_t *keys =
        isth__alloc(db->n_aliases ? db->n_aliases : 1, sizeof *keys);
    size_t i;

    if (!keys)
        return NULL;
    for (i = 0; i < db->n_aliases; i++) {
        int pr = db->entities[db->aliases[i].entity].priority;
        keys[i] = ((uint64_t)(1000000 - pr) << 32) | (uint64_t)i;
    }
    qsort(keys, db->n_aliases, sizeof *keys, cmp_u64);
    return keys;
}

static int key_flags(const unsigned char *key, size_t len)
{
    size_t adv;
    int fl = 0;

    if (isth__is_word_cp(isth__utf8_decode(key, len, &adv)))
        fl |= PAT_WORD_START;
    if (isth__is_word_cp(isth__utf8_prev(key, len)))
        fl |= PAT_WORD_END;
    return fl;
}

int isth__cue_intern(struct isth_loader *ld, const char *text, uint32_t *out)
{
    struct isth_build *db = ld->db;
    size_t tl = strlen(text), klen, i;
    unsigned char prefix = 0;
    char *plain, *key;
    int rc;

    if (tl && text[tl - 1] == '*') {
        prefix = 1;
        tl--;
    }
    if (!(plain = isth__strndup(text, tl)))
        return ISTH_ENOMEM;
    rc = isth__make_key(ld->norm, plain, ISTH_NORM_FOLD, &key, &klen);
    isth__free(plain);
    if (rc)
        return rc;
    if (!key)
        return ISTH_ESCHEMA;
    for (i = 0; i < db->n_cues; i++) {
        if (db->cues[i].prefix == prefix && ld->cue_keys[i].key_len == klen &&
            !memcmp(ld->cue_keys[i].key, key, klen)) {
            isth__free(key);
            *out = (uint32_t)i;
            return ISTH_OK;
        }
    }
    if (isth__grow(&db->cues, &db->cap_cues, db->n_cues + 1,
                   sizeof *db->cues) ||
        isth__grow(&ld->cue_keys, &ld->cap_cue_keys, db->n_cues + 1,
                   sizeof *ld->cue_keys) ||
        !(db->cues[db->n_cues].text = isth__strdup(text))) {
        isth__free(key);
        return ISTH_ENOMEM;
    }
    db->cues[db->n_cues].prefix = prefix;
    db->cues[db->n_cues].pattern = UINT32_MAX;
    ld->cue_keys[db->n_cues].key = (unsigned char *)key;
    ld->cue_keys[db->n_cues].key_len = klen;
    ld->n_cue_keys = db->n_cues + 1;
    *out = (uint32_t)db->n_cues++;
    return ISTH_OK;
}

/* Adds key to the automaton; *pat is its pattern, new or shared. */
static int add_pattern(struct isth_build *db, struct isth_ac_builder *b,
                       const unsigned char *key, size_t len, size_t *cap_len,
                       size_t *cap_flags, uint32_t *pat)
{
    uint32_t existing;
    size_t n = db->n_patterns;
    int rc;

    if ((rc = isth__ac_add(b, key, len, (uint32_t)n, &existing)))
        return rc;
    if (existing != UINT32_MAX) {
        *pat = existing;
        return ISTH_OK;
    }
    if (isth__grow(&db->pat_len, cap_len, n + 1, sizeof *db->pat_len) ||
        isth__grow(&db->pat_flags, cap_flags, n + 1, 1))
        return ISTH_ENOMEM;
    db->pat_len[n] = (uint32_t)len;
    db->pat_flags[n] = (unsigned char)key_flags(key, len);
    *pat = (uint32_t)n;
    db->n_patterns = n + 1;
    return ISTH_OK;
}

/*
 * Groups the values of idx[0..n) (by pattern key[i]) into first[]/list[]
 * of n_pat groups, keeping the order in which order[] lists them.
 */
static int group_by(size_t n, size_t n_pat, const uint32_t *key,
                    const uint32_t *order, uint32_t **first, uint32_t **list,
                    size_t *max_group)
{
    uint32_t *fill;
    size_t i;

    *first = isth__calloc(n_pat + 1, sizeof **first);
    *list = isth__alloc(n ? n : 1, sizeof **list);
    fill = isth__calloc(n_pat + 1, sizeof *fill);
    if (!*first || !*list || !fill) {
        isth__free(fill);
        return ISTH_ENOMEM;
    }
    for (i = 0; i < n; i++)
        (*first)[key[order ? order[i] : i] + 1]++;
    for (i = 0; i < n_pat; i++) {
        if (max_group && (*first)[i + 1] > *max_group)
            *max_group = (*first)[i + 1];
        (*first)[i + 1] += (*first)[i];
    }
    for (i = 0; i < n; i++) {
        uint32_t v = order ? order[i] : (uint32_t)i, p = key[v];
        (*list)[(*first)[p] + fill[p]++] = v;
    }
    isth__free(fill);
    return ISTH_OK;
}

/* Groups aliases and cues into patterns and builds the automaton. */
static int build_patterns(struct isth_build *db, struct isth_loader *ld)
{
    struct isth_ac_builder b;
    uint32_t *pat_of = NULL, *order32 = NULL, *cue_pat = NULL;
    uint64_t *order = NULL;
    size_t i, cap_len = 0, cap_flags = 0;
    int rc;

    if ((rc = isth__ac_builder_init(&b)))
        return rc;
    pat_of = isth__alloc(db->n_aliases ? db->n_aliases : 1, sizeof *pat_of);
    cue_pat = isth__alloc(db->n_cues ? db->n_cues : 1, sizeof *cue_pat);
    order32 = isth__alloc(db->n_aliases ? db->n_aliases : 1, sizeof *order32);
    order = tie_break_order(db);
    if (!pat_of || !cue_pat || !order32 || !order) {
        rc = ISTH_ENOMEM;
        goto done;
    }
    for (i = 0; i < db->n_aliases && rc == ISTH_OK; i++)
        rc = add_pattern(db, &b, ld->specs[i].key, ld->specs[i].key_len,
                         &cap_len, &cap_flags, &pat_of[i]);
    for (i = 0; i < db->n_cues && rc == ISTH_OK; i++) {
        rc = add_pattern(db, &b, ld->cue_keys[i].key, ld->cue_keys[i].key_len,
                         &cap_len, &cap_flags, &cue_pat[i]);
        db->cues[i].pattern = cue_pat[i];
    }
    if (rc)
        goto done;
    for (i = 0; i < db->n_aliases; i++)
        order32[i] = (uint32_t)(order[i] & 0xFFFFFFFFu);
    if ((rc = group_by(db->n_aliases, db->n_patterns, pat_of, order32,
                       &db->pat_first, &db->pat_alias, &db->max_aliases)) ||
        (rc = group_by(db->n_cues, db->n_patterns, cue_pat, NULL,
                       &db->pat_cue_first, &db->pat_cue, NULL)))
        goto done;
    /* The builder is freed by the build, whatever the result. */
    if ((rc = isth__ac_build(&db->ac, &b)) == ISTH_OK)
        rc = isth__ac_densify(&db->ac, ISTH_AC_DENSE_BUDGET);
done:
    if (rc)
        isth__ac_builder_free(&b);
    isth__free(pat_of);
    isth__free(cue_pat);
    isth__free(order32);
    isth__free(order);
    return rc;
}

/* Both lists of files, for the real path of a display name. */
struct all_files {
    const struct files *g, *r;
};

static const char *real_path2(const void *pf, const char *display)
{
    const struct all_files *af = pf;
    const char *p = real_path(af->g, display);
    return p != display ? p : real_path(af->r, display);
}

/* An unresolved id: reported (and loading goes on) or returned. */
static int unresolved(struct isth_loader *ld, isth_error *err, const char *path,
                      unsigned line, unsigned col, const char *id,
                      const char *topic)
{
    isth_error e;
    int rc;

    if (topic)
        isth__error_set(&e, ISTH_ESCHEMA, path, line, col,
                        "unknown entity id '%s' in topic '%s' (ids are "
                        "case-sensitive; check the gazetteers loaded)",
                        id, topic);
    else
        isth__error_set(&e, ISTH_ESCHEMA, path, line, col,
                        "unknown entity id '%s' in context (ids are "
                        "case-sensitive; check the gazetteers loaded)",
                        id);
    if ((rc = isth__ld_recover(ld, ISTH_ESCHEMA, &e)) && err)
        *err = e;
    return rc;
}

/* Resolves entity ids named by context items and topic cues. */
static int resolve_ids(struct isth_build *db, struct isth_loader *ld,
                       const struct all_files *af, isth_error *err)
{
    int rc;

    size_t i, c;

    for (c = 0; c < db->n_contexts; c++) {
        const struct isth_context *cx = &db->contexts[c];
        size_t lo = cx->req_first, hi = cx->req_first + cx->n_req;

        for (i = 0; i < 2; i++) {
            size_t k;
            for (k = lo; k < hi; k++) {
                struct isth_ctx_item *it = &db->ctx_items[k];
                if (!it->id)
                    continue;
                it->entity = isth__build_find(db, it->id);
                if (it->entity == UINT32_MAX &&
                    (rc = unresolved(ld, err, real_path2(af, cx->file),
                                     it->line, it->col, it->id, NULL)))
                    return rc;
            }
            lo = cx->exc_first;
            hi = cx->exc_first + cx->n_exc;
        }
    }
    for (i = 0; i < db->n_tsrcs; i++) {
        struct isth_tsrc *t = &db->tsrcs[i];
        if (t->type != TSRC_ENTITY || !t->id)
            continue;
        t->entity = isth__build_find(db, t->id);
        if (t->entity == UINT32_MAX &&
            (rc = unresolved(ld, err, real_path2(af, db->topics[t->topic].file),
                             t->line, t->col, t->id,
                             db->topics[t->topic].label)))
            return rc;
    }
    return ISTH_OK;
}

static int index_cue_sources(struct isth_build *db)
{
    uint32_t *key = isth__alloc(db->n_tsrcs ? db->n_tsrcs : 1, sizeof *key);
    uint32_t *ord = isth__alloc(db->n_tsrcs ? db->n_tsrcs : 1, sizeof *ord);
    size_t i, n = 0;
    int rc;

    if (!key || !ord) {
        isth__free(key);
        isth__free(ord);
        return ISTH_ENOMEM;
    }
    for (i = 0; i < db->n_tsrcs; i++)
        if (db->tsrcs[i].type == TSRC_CUE) {
            ord[n] = (uint32_t)i;
            key[i] = db->tsrcs[i].cue;
            n++;
        }
    /* group_by() walks order[] and reads key[order[i]]. */
    rc = group_by(n, db->n_cues, key, ord, &db->cue_src_first, &db->cue_src,
                  NULL);
    isth__free(key);
    isth__free(ord);
    return rc;
}

static void default_scoring(struct isth_scoring *sc)
{
    sc->lead_words = 40;
    sc->lead_boost = 2;
    sc->length_unit = 250;
    sc->scale = 4;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return isth__hash(h, s ? s : "\x01(null)", s ? strlen(s) + 1 : 8);
}

/* The hash's start: what else than the files a database depends on. */
static uint64_t hash_start(const isth_compile_options *opts)
{
    uint64_t h = ISTH_HASH_SEED;

    h = fnv_str(h, ISTH_VERSION_STRING);
    h = fnv_str(h, ISTH_BUILD_ID);
    h = fnv_str(h, opts->as_of);
    h = fnv_str(h, opts->default_label);
    return h;
}

/* A file's part of the hash, before its bytes: its list and shown name. */
static uint64_t hash_file(uint64_t h, int is_rule, const char *display)
{
    h = isth__hash(h, is_rule ? "r" : "g", 1);
    return fnv_str(h, display);
}

/* opts as version 2, whatever version the caller was built with;
 * NULL for an unknown version. */
static const isth_compile_options *options_v2(const isth_compile_options *opts,
                                              isth_compile_options *buf)
{
    if (!opts)
        return NULL;
    if (opts->version == ISTH_COMPILE_OPTIONS_VERSION)
        return opts;
    if (opts->version != 1)
        return NULL;
    memset(buf, 0, sizeof *buf);
    memcpy(buf, opts, offsetof(isth_compile_options, on_diagnostic));
    buf->version = ISTH_COMPILE_OPTIONS_VERSION;
    return buf;
}

/* Reads and loads one file (is_rule: a rule file), adding it to *h. */
static int load_file(struct isth_loader *ld, const struct file *fi, int is_rule,
                     uint64_t *h, isth_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    if ((rc = isth__read_file(fi->path, ld->max_file_bytes, &text, &len, err)))
        return rc;
    *h = isth__hash(hash_file(*h, is_rule, fi->display), text, len);
    rc = is_rule ? isth__rules_load(ld, fi->path, fi->display, text, len, err)
         : ends_with_txt(fi->path)
             ? isth__plainlist_load(ld, fi->path, fi->display, text, len, err)
             : isth__gazetteer_load(ld, fi->path, fi->display, text, len, err);
    isth__free(text);
    return rc;
}

int isth_db_compile(isth_db **out, const isth_compile_options *opts_in,
                    isth_error *err)
{
    struct files f = {0}, rf = {0};
    struct all_files af = {&f, &rf};
    struct isth_norm nm = {{0}, 0, 0};
    struct isth_loader ld;
    isth_compile_options v2;
    const isth_compile_options *opts = options_v2(opts_in, &v2);
    struct isth_build *db = NULL;
    unsigned char *image;
    size_t i, image_len;
    uint64_t h;
    int rc;

    isth__error_clear(err);
    memset(&ld, 0, sizeof ld);
    if (!out)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0, "out is NULL");
    *out = NULL;
    if (!opts)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "options missing or of an unknown version");
    if ((opts->n_gazetteers && !opts->gazetteers) ||
        (opts->n_rules && !opts->rules))
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0, "%s is NULL",
                               opts->n_rules && !opts->rules ? "rules"
                                                             : "gazetteers");
    if (!(db = isth__calloc(1, sizeof *db))) {
        rc = isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    default_scoring(&db->scoring);
    for (i = 0; i < opts->n_gazetteers + opts->n_rules; i++) {
        int is_rule = i >= opts->n_gazetteers;
        const char *p =
            is_rule ? opts->rules[i - opts->n_gazetteers] : opts->gazetteers[i];
        if (!p) {
            rc = isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                                 "%s path %zu is NULL",
                                 is_rule ? "rule" : "gazetteer",
                                 is_rule ? i - opts->n_gazetteers : i);
            goto done;
        }
        if ((rc = collect(is_rule ? &rf : &f, p, !is_rule, err)))
            goto done;
    }
    ld.db = db;
    ld.norm = &nm;
    ld.max_file_bytes =
        opts->max_file_bytes ? opts->max_file_bytes : DEFAULT_MAX_FILE;
    if (opts->as_of && !isth__is_date(opts->as_of)) {
        rc = isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                             "as_of '%.40s' is not a date YYYY-MM-DD",
                             opts->as_of);
        goto done;
    }
    ld.as_of = opts->as_of;
    ld.default_label = opts->default_label;
    ld.on_diag = opts->on_diagnostic;
    ld.diag_ctx = opts->diagnostic_ctx;
    ld.common_words = opts->common_words;
    ld.n_common_words = opts->common_words ? opts->n_common_words : 0;
    /* Each file is read once; its bytes are hashed and parsed, so the
     * database's inputs hash is of exactly what it was built from.  With
     * diagnostics, a file in error is reported and the next one loads. */
    h = hash_start(opts);
    for (i = 0; i < f.n + rf.n; i++) {
        int is_rule = i >= f.n;
        const struct file *fi = is_rule ? &rf.v[i - f.n] : &f.v[i];

        rc = load_file(&ld, fi, is_rule, &h, err);
        if ((rc = isth__ld_recover(&ld, rc, err)))
            goto done;
    }
    if ((rc = isth__apply_disables(&ld, err)) ||
        (rc = index_ids(db, &ld, &f, err)) ||
        (rc = resolve_ids(db, &ld, &af, err)))
        goto done;
    if ((rc = build_patterns(db, &ld)) || (rc = index_cue_sources(db))) {
        isth__error_set(err, rc, NULL, 0, 0, "%s", isth_strerror(rc));
        goto done;
    }
    /* The warnings too, when there were errors: one run shows all. */
    isth__lint(&ld, real_path2, &af);
    if (ld.n_errors) {
        /* Everything was reported; the call fails with the first. */
        if (err)
            *err = ld.first_err;
        rc = ld.first_err.code;
        goto done;
    }
    /* Frozen into an image and opened as a loaded one is: a compiled
     * database and a loaded one are the same thing. */
    if ((rc = isth__freeze(db, &image, &image_len))) {
        isth__error_set(err, rc, NULL, 0, 0, "%s", isth_strerror(rc));
        goto done;
    }
    isth__build_free(db);
    db = NULL;
    if ((rc = isth__image_open(out, image, image_len, 0, err)))
        goto done;
    (*out)->inputs_hash = h;
    (*out)->have_inputs_hash = 1;
done:
    isth__free(ld.alias_set);
    for (i = 0; i < ld.n_specs; i++)
        isth__free(ld.specs[i].key);
    isth__free(ld.specs);
    for (i = 0; i < ld.n_cue_keys; i++)
        isth__free(ld.cue_keys[i].key);
    isth__free(ld.cue_keys);
    for (i = 0; i < ld.n_disables; i++) {
        isth__free(ld.disables[i].id);
        isth__free(ld.disables[i].key);
        isth__free(ld.disables[i].text);
        isth__free(ld.disables[i].file);
        isth__free(ld.disables[i].path);
    }
    isth__free(ld.disables);
    isth__free(ld.ent_off);
    files_free(&f);
    files_free(&rf);
    isth__norm_free(&nm);
    isth__build_free(db);
    return rc;
}

uint32_t isth__build_find(const struct isth_build *db, const char *id)
{
    size_t h;

    if (!id || !db->id_index_cap)
        return UINT32_MAX;
    h = (size_t)isth__hash_str(id) & (db->id_index_cap - 1);
    while (db->id_index[h]) {
        size_t e = db->id_index[h] - 1;
        if (!strcmp(db->entities[e].id, id))
            return (uint32_t)e;
        h = (h + 1) & (db->id_index_cap - 1);
    }
    return UINT32_MAX;
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
        (opts->version != ISTH_COMPILE_OPTIONS_VERSION && opts->version != 1))
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    h = hash_start(opts);
    for (i = 0; i < opts->n_gazetteers + opts->n_rules && rc == ISTH_OK; i++) {
        int is_rule = i >= opts->n_gazetteers;
        const char *p =
            is_rule ? opts->rules[i - opts->n_gazetteers] : opts->gazetteers[i];
        rc = p ? collect(is_rule ? &rf : &f, p, !is_rule, err)
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
        h = hash_file(h, i >= f.n, fi->display);
        while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
            h = isth__hash(h, buf, got);
        fclose(fp);
    }
    files_free(&f);
    files_free(&rf);
    if (rc == ISTH_OK)
        *hash = h;
    return rc;
}
