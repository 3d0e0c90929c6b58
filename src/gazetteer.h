/* SPDX-License-Identifier: MIT */
/*
 * gazetteer.h - loading gazetteer and rule YAML files into a database
 * under construction.  Compile side only: scanning never needs libyaml.
 */
#ifndef ISTH_GAZETTEER_H
#define ISTH_GAZETTEER_H

#include "db.h"
#include "internal.h"
#include "normalize.h"
#include "yamlw.h"

/* A folded, normalized text waiting to become an automaton pattern. */
struct isth_alias_spec {
    unsigned char *key;
    size_t key_len;
};

struct isth_loader {
    struct isth_db *db;
    struct isth_alias_spec *specs; /* parallel to db->aliases */
    size_t n_specs, cap_specs;
    struct isth_alias_spec *cue_keys; /* parallel to db->cues */
    size_t n_cue_keys, cap_cue_keys;
    size_t max_file_bytes;
    const char *as_of;         /* "YYYY-MM-DD" or NULL */
    const char *default_label; /* for plain lists without '# label:' */
    struct isth_norm *norm;    /* reused normalization buffer */
    int have_scoring;          /* a rule file set 'scoring' */
    /* The aliases by (entity, key, policy, caps, context), so a repeated
     * one is found in O(1): open addressing, alias + 1, 0 = empty. */
    uint32_t *alias_set;
    size_t alias_set_cap; /* a power of two, or 0 */
};

/*
 * Loads one gazetteer file from its bytes text[0, len) (read once by the
 * caller, which hashes the same bytes).  path is named in errors; display
 * is the name recorded as the entities' source.
 * @return ISTH_OK, ISTH_EPARSE, ISTH_ESCHEMA, ISTH_ETOOBIG, ISTH_ENOMEM
 *         with err filled.
 */
ISTH_INTERNAL int isth__gazetteer_load(struct isth_loader *ld, const char *path,
                                       const char *display, const char *text,
                                       size_t len, isth_error *err);

/* Loads one rule file (pattern rules, topics, scoring); as above, plus
 * ISTH_EREGEX for a pattern that does not compile. */
ISTH_INTERNAL int isth__rules_load(struct isth_loader *ld, const char *path,
                                   const char *display, const char *text,
                                   size_t len, isth_error *err);

/*
 * The cue for text (a trailing '*' makes it a prefix cue), added if new.
 * @return ISTH_OK, ISTH_ENOMEM, or ISTH_ESCHEMA when text normalizes to
 *         nothing.
 */
ISTH_INTERNAL int isth__cue_intern(struct isth_loader *ld, const char *text,
                                   uint32_t *out);

/*
 * Adds text as a name of entity ent (policy < 0: by the capitals rule,
 * else entry_policy).  ISTH_OK, ISTH_ENOMEM, or ISTH_ESCHEMA when the
 * text normalizes to nothing.
 */
ISTH_INTERNAL int isth__add_name(struct isth_loader *ld, uint32_t ent,
                                 const char *text, int policy, int entry_policy,
                                 uint32_t ctx);

/*
 * Loads a plain list: one name per line, optional '# label: L',
 * '# kind: K', '# case: P' header lines; label falls back to
 * ld->default_label.  Entity ids are "<file name>:<line>".
 */
ISTH_INTERNAL int isth__plainlist_load(struct isth_loader *ld, const char *path,
                                       const char *display, const char *text,
                                       size_t len, isth_error *err);

/* Non-zero when s is a valid "YYYY-MM-DD" date. */
ISTH_INTERNAL int isth__is_date(const char *s);

/* The OntoNotes 5 entity labels accepted for entries and rules. */
ISTH_INTERNAL extern const char *const isth__labels[];
ISTH_INTERNAL extern const size_t isth__n_labels;

/* Normalizes text (with ISTH_NORM_* flags) into a new trimmed key; *out is
 * NULL when nothing is left. */
ISTH_INTERNAL int isth__make_key(struct isth_norm *nm, const char *text,
                                 unsigned flags, char **out, size_t *out_len);

#endif
