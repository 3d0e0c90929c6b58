/* SPDX-License-Identifier: MIT */
/*
 * loader.h - the compile side's state: the builder the loaders fill
 * (struct isth_build) and the loader state around it (struct
 * isth_loader), and the loaders of gazetteer, plain-list and rule files.
 * Compile side only: scanning never needs libyaml.
 */
#ifndef ISTH_LOADER_H
#define ISTH_LOADER_H

#include "db.h"
#include "internal.h"
#include "normalize.h"
#include "yamlw.h"

/* An entry of the builder (the image stores struct isth_erec). */
struct isth_entity {
    char *id, *name, *label, *kind, *file;
    unsigned line, col;
    int priority;
    /* A helper name (given names): matched, and seen by relabelling
     * rules, but never an entity of the output itself. */
    unsigned char hidden;
    isth_attribute *attrs;
    size_t n_attrs;
};

struct isth_alias {
    uint32_t entity;
    uint32_t order;       /* load order, for tie-breaks */
    unsigned char policy; /* enum isth_case */
    uint32_t context;     /* index + 1 into db->contexts; 0 = none */
    char *exact;          /* case-preserving normalized text (EXACT only) */
    size_t exact_len;
    uint32_t caps; /* TITLE: the words (of the first 32) written with a
                    * capital, which the text must capitalize too */
};

/*
 * The builder: what the loaders fill while a database compiles (the
 * gazetteer, rule and layer loaders, lint, and db.c's orchestration).
 * isth_db_compile() ends by freezing it into an image (freeze.c) that
 * becomes the database, and frees it.
 */
struct isth_build {
    struct isth_entity *entities;
    size_t n_entities, cap_entities;
    struct isth_alias *aliases;
    size_t n_aliases, cap_aliases;

    size_t n_patterns;
    uint32_t *pat_len;        /* normalized key length in bytes */
    unsigned char *pat_flags; /* PAT_* */
    uint32_t *pat_first;      /* n_patterns + 1 */
    uint32_t *pat_alias;      /* alias indices grouped by pattern */
    size_t max_aliases;       /* most aliases on one pattern */

    struct isth_cue *cues;
    size_t n_cues, cap_cues;
    uint32_t *pat_cue_first; /* n_patterns + 1: cues grouped by pattern */
    uint32_t *pat_cue;
    struct isth_ctx_item *ctx_items;
    size_t n_ctx_items, cap_ctx_items;
    struct isth_context *contexts;
    size_t n_contexts, cap_contexts;

    struct isth_rule *rules;
    size_t n_rules, cap_rules;
    uint32_t max_captures; /* most capture groups in one regex */

    struct isth_topic *topics;
    size_t n_topics, cap_topics;
    struct isth_tsrc *tsrcs;
    size_t n_tsrcs, cap_tsrcs;
    uint32_t *cue_src_first; /* n_cues + 1: topic sources of each cue */
    uint32_t *cue_src;
    struct isth_scoring scoring;

    uint32_t *id_index;  /* open addressing: entity + 1, 0 = empty */
    size_t id_index_cap; /* power of two */

    struct isth_ac ac;
};

/* Freezes a builder into a database image (freeze.c): *image (len
 * bytes, isth__free) is what isth_db_save() writes.  ISTH_OK, ENOMEM,
 * ETOOBIG (an image over 4 GiB of strings). */
ISTH_INTERNAL int isth__freeze(const struct isth_build *b,
                               unsigned char **image, size_t *len);

/* Frees a builder and all it holds (build.c). */
ISTH_INTERNAL void isth__build_free(struct isth_build *b);

/* Index of the entity with this id in a builder (build.c), or UINT32_MAX. */
ISTH_INTERNAL uint32_t isth__build_find(const struct isth_build *b,
                                        const char *id);

/* A folded, normalized text waiting to become an automaton pattern. */
struct isth_alias_spec {
    unsigned char *key;
    size_t key_len;
};

struct isth_loader {
    struct isth_build *db;
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
    /* Diagnostics (isth_compile_options.on_diagnostic): with a callback,
     * an error in one entry, rule, topic or file is reported and loading
     * goes on; the first is kept for the caller's err. */
    isth_diag_cb on_diag;
    void *diag_ctx;
    int errors_only; /* no warnings wanted: none looked for */
    size_t n_errors;
    isth_error first_err;
    const char *const *common_words; /* for the lint warnings */
    size_t n_common_words;
    /* 'disable:' directives of all files, applied once all are loaded. */
    struct isth_disable *disables;
    size_t n_disables, cap_disables;
    unsigned char *ent_off; /* after isth__apply_disables(): per entity */
};

/* What a 'disable:' item names. */
enum { DIS_ENTRY, DIS_ALIAS, DIS_RULE, DIS_TOPIC };

/* One item of a 'disable:' list. */
struct isth_disable {
    int what;       /* DIS_* */
    char *id;       /* entry id, rule id or topic label */
    char *key;      /* DIS_ALIAS: the name's normalized key */
    size_t key_len; /* DIS_ALIAS */
    char *text;     /* DIS_ALIAS: the name as written */
    char *file;     /* display path of the file that says it */
    char *path;     /* its real path, for errors */
    unsigned line, col;
};

/*
 * An error of one entry, rule, topic or file (rc, described in err):
 * with a diagnostic callback it is reported, err is cleared and ISTH_OK
 * returned so loading goes on; otherwise (and for ISTH_ENOMEM) rc.
 */
ISTH_INTERNAL int isth__ld_recover(struct isth_loader *ld, int rc,
                                   isth_error *err);

/* A warning at file:line:col, when there is a diagnostic callback. */
ISTH_INTERNAL void isth__ld_warn(struct isth_loader *ld, const char *file,
                                 unsigned line, unsigned col, const char *fmt,
                                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/*
 * Reads a 'disable:' mapping ({entries, aliases, rules, topics}) of the
 * file being walked by y into ld->disables.
 */
ISTH_INTERNAL int isth__disable_parse(struct isth_loader *ld, struct isth_yw *y,
                                      const char *display,
                                      const yaml_node_t *n);

/*
 * Applies every 'disable:' item to what other files defined: drops the
 * names of disabled entries and the disabled names, the disabled rules
 * and topics.  An item that matches nothing is an error (a typo would
 * otherwise disable nothing, silently).
 */
ISTH_INTERNAL int isth__apply_disables(struct isth_loader *ld, isth_error *err);

/* Frees what one rule or topic source owns (compile side). */
ISTH_INTERNAL void isth__rule_free(struct isth_rule *r);
ISTH_INTERNAL void isth__tsrc_free(struct isth_tsrc *t);

/*
 * Warnings about the compiled database (with a diagnostic callback):
 * labels used once or one edit from another label, names shared by
 * entries with nothing to break the tie, aliases another entry shadows,
 * one-word names that are common words matched in any case.
 */
typedef const char *(*isth__real_path_fn)(const void *files,
                                          const char *display);
ISTH_INTERNAL void isth__lint(struct isth_loader *ld, isth__real_path_fn real,
                              const void *files);

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

/* The OntoNotes 5 entity labels, the documented defaults. */
ISTH_INTERNAL extern const char *const isth__labels[];
ISTH_INTERNAL extern const size_t isth__n_labels;

/*
 * Checks a label: one of isth__labels, or the user's own
 * ([A-Z][A-Z0-9_]*, at most 64 bytes).  Returns 0 for a known label,
 * 1 for a label of the user's own (*near: a known label one edit
 * away, else NULL), -1 for a malformed one.
 */
ISTH_INTERNAL int isth__label_check(const char *label, const char **near);

/* Checks a label node: an error for a malformed label (with the known
 * label it is closest to), a warning for a new label one edit from a
 * known one. */
ISTH_INTERNAL int isth__yw_label(struct isth_loader *ld, struct isth_yw *y,
                                 const yaml_node_t *n);

/* The known label closest to label in any case (2 edits), or NULL. */
ISTH_INTERNAL const char *isth__label_near(const char *label);

/* Normalizes text (with ISTH_NORM_* flags) into a new trimmed key; *out is
 * NULL when nothing is left. */
ISTH_INTERNAL int isth__make_key(struct isth_norm *nm, const char *text,
                                 unsigned flags, char **out, size_t *out_len);

#endif
