/* SPDX-License-Identifier: MIT */
/*
 * db.c - isth_db_compile(): collects the input files (sources.c), loads
 * them through the loaders (gazetteer.c, plainlist.c, rules.c) into a
 * builder (loader.h), applies layers, checks ids are unique and resolves
 * them, groups aliases into patterns in tie-break order, builds the
 * automaton, runs lint, then freezes the builder into an image (freeze.c)
 * and opens it (image.c).
 */
#include <stddef.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "db.h"
#include "error.h"
#include "loader.h"
#include "normalize.h"
#include "regex.h"
#include "sources.h"
#include "utf8.h"

#define DEFAULT_MAX_FILE ((size_t)256 << 20)

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
                const char *path = isth__real_path(f, e->file);
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

/* A key to add to the automaton: an alias's (idx < n_aliases) or a
 * cue's. */
struct keyref {
    const unsigned char *key;
    uint32_t len, idx;
};

/* Keys in descending byte order (a key before its own prefixes), equal
 * keys by index. */
static int cmp_keyref(const void *pa, const void *pb)
{
    const struct keyref *a = pa, *b = pb;
    int c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);

    if (c)
        return -c;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/*
 * The patterns: every alias's and cue's key, each distinct key once, into
 * the automaton; pat_of[i] for alias i, cue_pat[j] for cue j.  A pattern's
 * number is the order of its key's first use (aliases, then cues), as if
 * they were added one by one; but they are added in descending byte order,
 * so a new trie node is always the first of its siblings (no list is
 * walked) and consecutive keys share the nodes they walk (a million names
 * take a third of the time that their own order takes).  The automaton is
 * the same either way: its states are numbered breadth first.
 */
static int add_patterns(struct isth_build *db, struct isth_ac_builder *b,
                        const struct isth_loader *ld, uint32_t *pat_of,
                        uint32_t *cue_pat)
{
    size_t n = db->n_aliases + db->n_cues, i, runs = 0, next = 0;
    struct keyref *r = isth__alloc(n ? n : 1, sizeof *r);
    uint32_t *run_of = isth__alloc(n ? n : 1, sizeof *run_of);
    uint32_t *pat = isth__alloc(n ? n : 1, sizeof *pat); /* of a run */
    uint32_t existing;
    int rc = ISTH_ENOMEM;

    db->pat_len = isth__alloc(n ? n : 1, sizeof *db->pat_len);
    db->pat_flags = isth__alloc(n ? n : 1, 1);
    if (!r || !run_of || !pat || !db->pat_len || !db->pat_flags)
        goto done;
    for (i = 0; i < n; i++) {
        const struct isth_alias_spec *k =
            i < db->n_aliases ? &ld->specs[i]
                              : &ld->cue_keys[i - db->n_aliases];
        r[i].key = k->key;
        r[i].len = (uint32_t)k->key_len;
        r[i].idx = (uint32_t)i;
    }
    qsort(r, n, sizeof *r, cmp_keyref);
    /* One run of equal keys a pattern, its number in the trie for now. */
    for (i = 0; i < n; i++) {
        if (i == 0 || r[i].len != r[i - 1].len ||
            memcmp(r[i].key, r[i - 1].key, r[i].len)) {
            if ((rc = isth__ac_add(b, r[i].key, r[i].len, (uint32_t)runs,
                                   &existing)))
                goto done;
            pat[runs++] = UINT32_MAX;
        }
        run_of[r[i].idx] = (uint32_t)(runs - 1);
    }
    /* Patterns numbered by first use. */
    for (i = 0; i < n; i++) {
        uint32_t *p = &pat[run_of[i]];
        if (*p == UINT32_MAX) {
            const struct isth_alias_spec *k =
                i < db->n_aliases ? &ld->specs[i]
                                  : &ld->cue_keys[i - db->n_aliases];
            *p = (uint32_t)next++;
            db->pat_len[*p] = (uint32_t)k->key_len;
            db->pat_flags[*p] = (unsigned char)key_flags(k->key, k->key_len);
        }
        if (i < db->n_aliases)
            pat_of[i] = *p;
        else
            cue_pat[i - db->n_aliases] = *p;
    }
    for (i = 1; i < b->n; i++) /* the trie's outputs: run -> pattern */
        if (b->nodes[i].out)
            b->nodes[i].out = pat[b->nodes[i].out - 1] + 1;
    db->n_patterns = runs;
    rc = ISTH_OK;
done:
    isth__free(r);
    isth__free(run_of);
    isth__free(pat);
    return rc;
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
    size_t i;
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
    if ((rc = add_patterns(db, &b, ld, pat_of, cue_pat)))
        goto done;
    for (i = 0; i < db->n_cues; i++)
        db->cues[i].pattern = cue_pat[i];
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
                    (rc = unresolved(ld, err, isth__real_path_any(af, cx->file),
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
            (rc = unresolved(
                 ld, err, isth__real_path_any(af, db->topics[t->topic].file),
                 t->line, t->col, t->id, db->topics[t->topic].label)))
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

/* opts as the current version, whatever version the caller was built
 * with (what an older one lacks is zero); NULL for an unknown version. */
static const isth_compile_options *options_now(const isth_compile_options *opts,
                                               isth_compile_options *buf)
{
    if (!opts)
        return NULL;
    if (opts->version == ISTH_COMPILE_OPTIONS_VERSION)
        return opts;
    if (opts->version != 1 && opts->version != 2)
        return NULL;
    memset(buf, 0, sizeof *buf);
    memcpy(buf, opts,
           opts->version == 1 ? offsetof(isth_compile_options, on_diagnostic)
                              : offsetof(isth_compile_options, errors_only));
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
    *h = isth__hash(isth__hash_file(*h, is_rule, fi->display), text, len);
    rc = is_rule ? isth__rules_load(ld, fi->path, fi->display, text, len, err)
         : isth__is_txt(fi->path)
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
    const isth_compile_options *opts = options_now(opts_in, &v2);
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
        if ((rc = isth__collect(is_rule ? &rf : &f, p, !is_rule, err)))
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
    ld.errors_only = opts->errors_only;
    ld.diag_ctx = opts->diagnostic_ctx;
    ld.common_words = opts->common_words;
    ld.n_common_words = opts->common_words ? opts->n_common_words : 0;
    /* Each file is read once; its bytes are hashed and parsed, so the
     * database's inputs hash is of exactly what it was built from.  With
     * diagnostics, a file in error is reported and the next one loads. */
    h = isth__hash_start(opts);
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
    /* The warnings too, when there were errors: one run shows all (unless
     * only errors are wanted). */
    if (!opts->errors_only)
        isth__lint(&ld, isth__real_path_any, &af);
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
    isth__files_free(&f);
    isth__files_free(&rf);
    isth__norm_free(&nm);
    isth__build_free(db);
    return rc;
}
