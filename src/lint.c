/* SPDX-License-Identifier: MIT */
/*
 * lint.c - warnings about a database that compiled: things that are
 * legal but rarely meant (what "isthmus check" shows besides errors).
 *
 *   - a label of the user's own used once, or one edit from another
 *     label in use (VESSEL and VESSELS);
 *   - a name shared by two entries where the second can never win: the
 *     same priority and no context (load order decides), or a higher
 *     priority that shadows it;
 *   - a one-word name that is a common word, matched in any case and
 *     without a context condition, or that is the given name of a
 *     person loaded ("Jordan", "Michael") without a context;
 *   - a topic keyword with a word that is neither a common word nor a
 *     word of any name (a typo);
 *   - a rule's 'requires' word that is neither in its pattern, nor a
 *     common word, nor a name: a typo makes the rule never run.
 *
 * Runs only when the caller asked for diagnostics; costs nothing else.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "loader.h"
#include "regex.h"

/* A set of normalized keys: open addressing over (ptr, len) pairs. */
struct keyset {
    char **key;
    size_t *len;
    size_t cap, n;
};

static int keyset_add(struct keyset *s, char *k, size_t len)
{
    size_t h;

    if (2 * (s->n + 1) > s->cap) {
        struct keyset t = {0};
        size_t i, cap = s->cap ? 2 * s->cap : 1024;
        t.key = isth__calloc(cap, sizeof *t.key);
        t.len = isth__calloc(cap, sizeof *t.len);
        if (!t.key || !t.len) {
            isth__free(t.key);
            isth__free(t.len);
            return -1;
        }
        t.cap = cap;
        for (i = 0; i < s->cap; i++)
            if (s->key[i]) {
                h = (size_t)isth__hash(ISTH_HASH_SEED, s->key[i], s->len[i]) &
                    (cap - 1);
                while (t.key[h])
                    h = (h + 1) & (cap - 1);
                t.key[h] = s->key[i];
                t.len[h] = s->len[i];
            }
        t.n = s->n;
        isth__free(s->key);
        isth__free(s->len);
        *s = t;
    }
    h = (size_t)isth__hash(ISTH_HASH_SEED, k, len) & (s->cap - 1);
    while (s->key[h]) {
        if (s->len[h] == len && !memcmp(s->key[h], k, len))
            return 0; /* already there: the caller frees k */
        h = (h + 1) & (s->cap - 1);
    }
    s->key[h] = k;
    s->len[h] = len;
    s->n++;
    return 1;
}

/* Adds a copy of k[0, len) unless it is there; 0 or -1 (out of memory). */
static int keyset_put(struct keyset *s, const void *k, size_t len)
{
    char *copy = isth__alloc(len + 1, 1);
    int r;

    if (!copy)
        return -1;
    memcpy(copy, k, len);
    copy[len] = 0;
    if ((r = keyset_add(s, copy, len)) <= 0)
        isth__free(copy);
    return r < 0 ? -1 : 0;
}

static int keyset_has(const struct keyset *s, const void *k, size_t len)
{
    size_t h;

    if (!s->cap)
        return 0;
    h = (size_t)isth__hash(ISTH_HASH_SEED, k, len) & (s->cap - 1);
    while (s->key[h]) {
        if (s->len[h] == len && !memcmp(s->key[h], k, len))
            return 1;
        h = (h + 1) & (s->cap - 1);
    }
    return 0;
}

static void keyset_free(struct keyset *s)
{
    size_t i;
    for (i = 0; i < s->cap; i++)
        isth__free(s->key[i]);
    isth__free(s->key);
    isth__free(s->len);
}

/* Labels of the user's own: used once, or one edit from another. */
static void lint_labels(struct isth_loader *ld, isth__real_path_fn real,
                        const void *files)
{
    const struct isth_build *db = ld->db;
    struct lab {
        const char *label, *file;
        unsigned line;
        size_t uses;
    } *v = NULL;
    size_t n = 0, cap = 0, i, j, total = db->n_entities + db->n_rules;

    for (i = 0; i < total; i++) {
        const char *l, *f, *near;
        unsigned line;
        if (i < db->n_entities) {
            if (ld->ent_off && ld->ent_off[i])
                continue;
            l = db->entities[i].label;
            f = db->entities[i].file;
            line = db->entities[i].line;
        } else {
            const struct isth_rule *r = &db->rules[i - db->n_entities];
            l = r->label;
            f = r->file;
            line = r->line;
        }
        if (isth__label_check(l, &near) != 1)
            continue;
        for (j = 0; j < n && strcmp(v[j].label, l); j++)
            ;
        if (j == n) {
            if (isth__grow(&v, &cap, n + 1, sizeof *v))
                goto done;
            v[n].label = l;
            v[n].file = f;
            v[n].line = line;
            v[n++].uses = 0;
        }
        v[j].uses++;
    }
    for (i = 0; i < n; i++) {
        if (v[i].uses == 1)
            isth__ld_warn(ld, real(files, v[i].file), v[i].line, 0,
                          "label '%s' is used by this entry only (a typo?)",
                          v[i].label);
        for (j = 0; j < n; j++)
            if (j != i && v[j].uses > v[i].uses &&
                isth__edit_distance(v[i].label, v[j].label, 1) <= 1) {
                isth__ld_warn(ld, real(files, v[i].file), v[i].line, 0,
                              "label '%s' (used %zu times) is one letter "
                              "from '%s' (used %zu times): a typo?",
                              v[i].label, v[i].uses, v[j].label, v[j].uses);
                break;
            }
    }
done:
    isth__free(v);
}

static const char *policy_name(int p)
{
    return p == ISTH_CASE_EXACT   ? "exact"
           : p == ISTH_CASE_TITLE ? "title"
                                  : "fold";
}

/* Names that lose to another entry's same name whatever the text. */
static void lint_shared(struct isth_loader *ld, isth__real_path_fn real,
                        const void *files)
{
    const struct isth_build *db = ld->db;
    size_t p, k;

    for (p = 0; p < db->n_patterns; p++) {
        uint32_t first = db->pat_first[p], last = db->pat_first[p + 1];
        const struct isth_alias *w;
        const struct isth_entity *we = NULL;

        if (last - first < 2)
            continue;
        w = NULL; /* the best alias so far that always wins */
        for (k = first; k < last; k++) {
            const struct isth_alias *a = &db->aliases[db->pat_alias[k]];
            const struct isth_entity *e = &db->entities[a->entity];
            const struct isth_alias_spec *sp;
            size_t ai = db->pat_alias[k];

            if (!w) {
                if (!a->context) {
                    w = a;
                    we = e;
                }
                continue;
            }
            if (a->entity == w->entity || a->policy != w->policy ||
                (a->policy == ISTH_CASE_EXACT &&
                 (a->exact_len != w->exact_len ||
                  memcmp(a->exact, w->exact, a->exact_len))) ||
                strcmp(e->label, we->label))
                continue;
            sp = &ld->specs[ai];
            if (e->priority == we->priority)
                isth__ld_warn(ld, real(files, e->file), e->line, e->col,
                              "'%.*s' is a name of '%s' and of '%s' (%s:%u) "
                              "with nothing to break the tie: '%s' always "
                              "wins by load order (give one a 'priority' or "
                              "a 'context')",
                              (int)(sp->key_len > 80 ? 80 : sp->key_len),
                              (const char *)sp->key, e->id, we->id, we->file,
                              we->line, we->id);
            else
                isth__ld_warn(ld, real(files, e->file), e->line, e->col,
                              "'%.*s' of '%s' is shadowed by '%s' (%s:%u, "
                              "priority %d > %d, %s case, no context): it "
                              "never matches",
                              (int)(sp->key_len > 80 ? 80 : sp->key_len),
                              (const char *)sp->key, e->id, we->id, we->file,
                              we->line, we->priority, e->priority,
                              policy_name(w->policy));
        }
    }
}

static int has_lower(const char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            return 1;
    return 0;
}

/* The length of the word at p (up to a space or a hyphen). */
static size_t word_len(const char *p, const char *end)
{
    size_t n = 0;
    while (p + n < end && p[n] != ' ' && p[n] != '-')
        n++;
    return n;
}

/* Whether one word is known: a common word or a word of a name (a
 * possessive "'s" aside), or a number. */
static int token_known(const struct keyset *words, const struct keyset *tokens,
                       const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] >= '0' && p[i] <= '9')
            return 1;
    if (n > 2 && p[n - 2] == '\'' && p[n - 1] == 's')
        n -= 2;
    return !n || keyset_has(words, p, n) || keyset_has(tokens, p, n);
}

/* Whether every word of key (split at spaces and hyphens) is a common
 * word or a word of a name. */
static int known_words(const struct keyset *words, const struct keyset *tokens,
                       const char *key, size_t len)
{
    const char *p = key, *end = key + len;

    while (p < end) {
        size_t n = word_len(p, end);
        if (!token_known(words, tokens, p, n))
            return 0;
        p += n + 1;
    }
    return 1;
}

/* One-word names that are common words, in any case, without context;
 * rule 'requires' words that look like typos. */
static void lint_words(struct isth_loader *ld, isth__real_path_fn real,
                       const void *files)
{
    const struct isth_build *db = ld->db;
    struct keyset words = {0}, names = {0}, tokens = {0}, given = {0},
                  given1 = {0};
    uint32_t last_person = UINT32_MAX;
    size_t i, k;

    for (i = 0; i < ld->n_common_words; i++) {
        char *key;
        size_t len;
        int r;
        if (!ld->common_words[i] ||
            isth__make_key(ld->norm, ld->common_words[i], ISTH_NORM_FOLD, &key,
                           &len) ||
            !key)
            continue;
        if ((r = keyset_add(&words, key, len)) <= 0) {
            isth__free(key);
            if (r < 0)
                goto done;
        }
    }
    /* Every name, every word of a name, and the given names (the first
     * word of a person's name of two words or more). */
    for (i = 0; i < db->n_aliases; i++) {
        const struct isth_alias_spec *sp = &ld->specs[i];
        const struct isth_entity *e = &db->entities[db->aliases[i].entity];
        const char *p = (const char *)sp->key, *end = p + sp->key_len;

        const char *space = memchr(p, ' ', sp->key_len);

        keyset_put(&names, p, sp->key_len);
        /* A given name of two people or more: "Pete" of one person is
         * likelier a nickname than a given name. */
        if (space && space - p > 1 && !strcmp(e->label, "PERSON") &&
            db->aliases[i].entity != last_person) {
            size_t n = (size_t)(space - p);
            if (keyset_has(&given1, p, n))
                keyset_put(&given, p, n);
            else
                keyset_put(&given1, p, n);
            last_person = db->aliases[i].entity;
        }
        while (p < end) {
            size_t n = word_len(p, end);
            if (n)
                keyset_put(&tokens, p, n);
            p += n + 1;
        }
    }
    for (i = 0; i < db->n_aliases; i++) {
        const struct isth_alias *a = &db->aliases[i];
        const struct isth_alias_spec *sp = &ld->specs[i];
        const struct isth_entity *e = &db->entities[a->entity];

        if (a->policy == ISTH_CASE_EXACT || a->context ||
            memchr(sp->key, ' ', sp->key_len))
            continue;
        if (a->policy == ISTH_CASE_FOLD &&
            keyset_has(&words, sp->key, sp->key_len))
            isth__ld_warn(ld, real(files, e->file), e->line, e->col,
                          "'%.*s' (a name of '%s') is a common word and "
                          "matches in any case without a context: use 'case: "
                          "title' or 'case: exact', or add a 'context'",
                          (int)(sp->key_len > 80 ? 80 : sp->key_len),
                          (const char *)sp->key, e->id);
        else if (keyset_has(&given, sp->key, sp->key_len))
            isth__ld_warn(ld, real(files, e->file), e->line, e->col,
                          "'%.*s' (a name of '%s') is also a given name (of "
                          "a person loaded) and has no context: most "
                          "mentions may be someone else; add a 'context'",
                          (int)(sp->key_len > 80 ? 80 : sp->key_len),
                          (const char *)sp->key, e->id);
    }
    /* Topic keywords that are no word anyone writes: a typo never
     * counts as evidence. */
    for (i = 0; i < db->n_tsrcs && ld->n_common_words; i++) {
        const struct isth_tsrc *t = &db->tsrcs[i];
        const struct isth_alias_spec *ck;
        const char *p, *end;

        if (t->type != TSRC_CUE || db->cues[t->cue].prefix ||
            !has_lower(db->cues[t->cue].text))
            continue; /* a prefix, or an acronym (GDP, OFAC) */
        ck = &ld->cue_keys[t->cue];
        for (p = (const char *)ck->key, end = p + ck->key_len; p < end;) {
            size_t n = word_len(p, end);
            if (!token_known(&words, &tokens, p, n)) {
                isth__ld_warn(ld, real(files, db->topics[t->topic].file),
                              t->line, t->col,
                              "keyword '%s' of topic '%s': '%.*s' is not a "
                              "common word nor a word of any name (a typo? "
                              "end it with '*' for a prefix)",
                              db->cues[t->cue].text, db->topics[t->topic].label,
                              (int)n, p);
                break;
            }
            p += n + 1;
        }
    }
    for (i = 0; i < db->n_rules; i++) {
        const struct isth_rule *r = &db->rules[i];
        char *src = NULL;
        size_t src_len = 0;
        const struct isth_re *re = r->re ? r->re : r->before;

        if (!r->n_req || !re || !ld->n_common_words ||
            isth__make_key(ld->norm, isth__re_source(re), ISTH_NORM_FOLD, &src,
                           &src_len))
            continue;
        for (k = 0; k < r->n_req; k++) {
            const struct isth_alias_spec *ck = &ld->cue_keys[r->req[k]];
            int in_src = 0;
            size_t j;
            for (j = 0; src && j + ck->key_len <= src_len && !in_src; j++)
                in_src = !memcmp(src + j, ck->key, ck->key_len);
            if (in_src || keyset_has(&names, ck->key, ck->key_len) ||
                known_words(&words, &tokens, (const char *)ck->key,
                            ck->key_len))
                continue;
            isth__ld_warn(ld, real(files, r->file), r->line, 0,
                          "rule '%s' requires '%s', which is not in its "
                          "pattern, not a common word and not a name: a "
                          "typo makes the rule never run",
                          r->id, db->cues[r->req[k]].text);
        }
        isth__free(src);
    }
done:
    keyset_free(&words);
    keyset_free(&names);
    keyset_free(&tokens);
    keyset_free(&given);
    keyset_free(&given1);
}

void isth__lint(struct isth_loader *ld, isth__real_path_fn real,
                const void *files)
{
    if (!ld->on_diag)
        return;
    lint_labels(ld, real, files);
    lint_shared(ld, real, files);
    lint_words(ld, real, files);
}
