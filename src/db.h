/* SPDX-License-Identifier: MIT */
/*
 * db.h - the database as scans see it (opened from an image, image.c):
 * entities, their matchable names (aliases), the distinct normalized
 * names (patterns) and the automaton over them; and the rule, topic and
 * context tables both the builder (loader.h) and the database hold.
 *
 *   pattern p ──► pat_alias[pat_first[p] .. pat_first[p+1])  (best first)
 *                     │
 *                     ▼
 *                 alias a ──► entity e ──► id, name, label, kind, ...
 *
 * Several aliases share a pattern when their normalized text is the same
 * ("Panamá" and "PANAMA"); the order of pat_alias is the tie-break order:
 * higher priority first, then load order.  Everything is immutable once
 * isth_db_compile() returns.
 */
#ifndef ISTH_DB_H
#define ISTH_DB_H

#include "ac.h"
#include "buf.h"
#include "internal.h"

enum isth_case { ISTH_CASE_FOLD = 0, ISTH_CASE_EXACT = 1, ISTH_CASE_TITLE = 2 };

/*
 * A cue: a word or phrase matched by the automaton exactly like a name
 * (folded, whole words), used by context conditions and topics.  "export*"
 * is a prefix cue: no word boundary needed at its end.
 */
struct isth_cue {
    uint32_t pattern;
    unsigned char prefix;
    char *text; /* as written, shown as evidence */
};

/* One item of a context condition: a cue, or an entity id. */
struct isth_ctx_item {
    uint32_t cue;    /* UINT32_MAX for an id item */
    uint32_t entity; /* for an id item, resolved after loading */
    char *id;
    unsigned line, col;
};

/* A context condition on an alias or an entry (all its aliases). */
struct isth_context {
    int window;                /* words either side; -1 = document */
    uint32_t req_first, n_req; /* into ctx_items */
    uint32_t exc_first, n_exc;
    unsigned line; /* of the 'context' key, for --explain */
    char *file;
};

/* How far back a rule's 'before' pattern may start, in bytes, at most. */
#define ISTH_BEFORE_WINDOW 96u
/* How far before a required word a match may start ('requires_within'). */
#define ISTH_REQUIRES_WITHIN 1024u

/* What a rule does, decided once when it is loaded. */
enum isth_rule_kind {
    ISTH_RULE_PATTERN, /* 'pattern' over the text: its matches are entities */
    ISTH_RULE_LIST,    /* 'pattern' over lists: unknown items of known ones */
    ISTH_RULE_RELABEL, /* 'after'/'before' a name: the name takes the label */
    ISTH_RULE_EXTEND,  /* the same, the span grown over what they matched */
    ISTH_RULE_DROP,    /* the same, the name (and names inside) dropped */
    ISTH_RULE_BESIDE   /* a group of 'before' beside the name is an entity */
};
#define ISTH_RULE_KIND_MAX ISTH_RULE_BESIDE

/* A PCRE2 pattern rule. */
struct isth_rule {
    char *id, *label, *kind, *file;
    unsigned line;
    int priority;
    int link; /* link to an entry of the same label: 0 no, 1 inside, 2 exact */
    struct isth_re *re;
    uint32_t group;        /* capture number of the span; 0 = whole match
                            * (a relabelling rule: of 'before', 0 = none) */
    char *id_template;     /* NULL: the linked entity's id, else rule:ID */
    isth_attribute *attrs; /* values are templates */
    size_t n_attrs;
    enum isth_rule_kind what;
    /* Rules on gazetteer names (ISTH_RULE_RELABEL up): re is matched
     * right after the name, before on the text ending at it. */
    struct isth_re *before; /* must match text ending right at the name */
    int propagate; /* later mentions of a found name, or of the name less
                    * its trailing 'requires' words, are its entity */
    uint32_t before_window;     /* bytes 'before' may look back (<= 96) */
    char **on_label, **on_kind; /* pairs; NULL member: any */
    size_t n_on;                /* 0: any gazetteer name */
    /* A pattern rule runs only on documents where one of these cues was
     * found ('requires'); none: always. */
    uint32_t *req;
    size_t n_req;
    /* Non-zero: every match starts at most this many bytes before a hit
     * of a required word (and the search looks only there). */
    uint32_t req_within;
};

/* A topic and where its score comes from. */
struct isth_topic {
    char *label, *description, *file;
    unsigned line;
    double threshold;
    uint32_t min_cues; /* distinct positive cues a label needs (1: any) */
};

/* Kinds of topic evidence sources. */
enum { TSRC_CUE = 0, TSRC_PATTERN = 1, TSRC_ENTITY = 2 };

/*
 * One weighted source of evidence for one topic: a keyword cue, a
 * pattern, or an entity condition (label, kind and/or id).
 */
struct isth_tsrc {
    uint32_t topic;
    unsigned char type;      /* TSRC_* */
    double weight;           /* negative for negative cues */
    uint32_t cue;            /* TSRC_CUE */
    struct isth_re *re;      /* TSRC_PATTERN */
    char *label, *kind, *id; /* TSRC_ENTITY; NULL = any */
    uint32_t entity;         /* resolved id, UINT32_MAX if none */
    char *name;              /* shown as "cue" in evidence */
    unsigned line, col;
    unsigned char anchor; /* its cue set labels the topic alone */
};

/* Document scoring constants (rule files may override them). */
struct isth_scoring {
    double lead_words;  /* words counted as headline and lead */
    double lead_boost;  /* multiplier for cues seen in the lead */
    double length_unit; /* words per unit of length normalization */
    double scale;       /* evidence giving a score of 1 - 1/e */
};

/* Pattern flags. */
enum { PAT_WORD_START = 1, PAT_WORD_END = 2 };

/*
 * An entity as the image holds it: string offsets (into the image's
 * string pool) and numbers, eleven little-endian u32, used in place.
 */
struct isth_erec {
    uint32_t id, name, label, kind, file; /* string offsets */
    uint32_t line, col;
    int32_t priority;
    uint32_t hidden; /* a helper name (given names): never output */
    uint32_t attr_first, n_attrs; /* into the entity attributes */
};

/* An alias (a matchable name) as the image holds it: seven u32. */
struct isth_arec {
    uint32_t entity;
    uint32_t order;            /* load order, for tie-breaks */
    uint32_t policy;           /* enum isth_case */
    uint32_t context;          /* index + 1 into db->contexts; 0 = none */
    uint32_t exact, exact_len; /* EXACT: the case-kept key, an offset */
    uint32_t caps;             /* TITLE: words that must be capitalized */
};

/*
 * The database: a checked image (image.c; the format is in DESIGN.md)
 * and views into it.  The big arrays (entities, aliases, patterns, the
 * automaton) are the image's own bytes on a little-endian host; the
 * small tables (cues, contexts, rules, topics) are decoded at load, and
 * the regexes compiled.  A compiled database is the same thing: the
 * builder frozen into an image and loaded from memory.  Immutable once
 * made; any number of threads scan it.
 */
struct isth_db {
    const struct isth_erec *entities;
    size_t n_entities;
    const struct isth_arec *aliases;
    size_t n_aliases;
    isth_attribute *attrs; /* entity attributes, pointers into strs */
    size_t n_attrs;

    size_t n_patterns;
    const uint32_t *pat_len;        /* normalized key length in bytes */
    const unsigned char *pat_flags; /* PAT_* */
    const uint32_t *pat_first;      /* n_patterns + 1 */
    const uint32_t *pat_alias;      /* alias indices grouped by pattern */
    size_t max_aliases;             /* most aliases on one pattern */

    struct isth_cue *cues;
    size_t n_cues;
    const uint32_t *pat_cue_first; /* n_patterns + 1: cues by pattern */
    const uint32_t *pat_cue;
    struct isth_ctx_item *ctx_items;
    size_t n_ctx_items;
    struct isth_context *contexts;
    size_t n_contexts;

    struct isth_rule *rules;
    size_t n_rules;
    uint32_t max_captures; /* most capture groups in one regex */

    struct isth_topic *topics;
    size_t n_topics;
    struct isth_tsrc *tsrcs;
    size_t n_tsrcs;
    const uint32_t *cue_src_first; /* n_cues + 1: topic sources of a cue */
    const uint32_t *cue_src;
    /* Derived at load: the topic sources of type TSRC_PATTERN and
     * TSRC_ENTITY, so a document does not look at every keyword source
     * to find them; whether a context item names an entity, so a
     * document sorts its names by entity only then. */
    uint32_t *pat_tsrc, *ent_tsrc;
    size_t n_pat_tsrc, n_ent_tsrc;
    int id_items;
    struct isth_scoring scoring;

    const uint32_t *id_index; /* open addressing: entity + 1, 0 = empty */
    size_t id_index_cap;      /* power of two */

    struct isth_ac ac;

    /* Compiled: the isth_inputs_hash() of the bytes it was compiled
     * from (read once, hashed and parsed), for isth_db_inputs_hash(). */
    uint64_t inputs_hash;
    int have_inputs_hash;

    /* The image: mapped (image_mapped) or allocated, owned. */
    unsigned char *image;
    size_t image_len;
    int image_mapped;
    const char *strs; /* the string pool: NUL-terminated strings */
    size_t strs_len;
    /* What opening allocated (the decoded tables, the attribute
     * pointers, arrays converted on a big-endian host, the dense rows'
     * copy), freed with the database. */
    void **copies;
    size_t n_copies;
};

/* The string at offset off of the pool, or "" when off is out of it (the
 * image's offsets are checked where they are read, not at load). */
static inline const char *isth__str(const struct isth_db *db, uint32_t off)
{
    return off < db->strs_len ? db->strs + off : "";
}

/* An EXACT alias's case-kept key (exact_len bytes), or NULL when its
 * offsets are out of the pool. */
static inline const char *isth__exact(const struct isth_db *db,
                                      const struct isth_arec *a)
{
    return a->exact < db->strs_len && a->exact_len < db->strs_len - a->exact
               ? db->strs + a->exact
               : NULL;
}

/* An entity's attributes: *n of them, or none when the record's range is
 * out of the table. */
static inline const isth_attribute *
isth__ent_attrs(const struct isth_db *db, const struct isth_erec *e, size_t *n)
{
    if (e->attr_first > db->n_attrs ||
        e->n_attrs > db->n_attrs - e->attr_first) {
        *n = 0;
        return NULL;
    }
    *n = e->n_attrs;
    return e->n_attrs ? db->attrs + e->attr_first : NULL;
}

/* The database of an image it then owns (image.c): checked, views made,
 * regexes compiled.  mapped: image is a mapping (munmap), else an
 * allocation (isth__free).  On failure the image is released. */
ISTH_INTERNAL int isth__image_open(isth_db **out, unsigned char *image,
                                   size_t len, int mapped, isth_error *err);

/* Fills a database's derived fields: pat_tsrc, ent_tsrc, id_items.
 * ISTH_OK or ISTH_ENOMEM. */
ISTH_INTERNAL int isth__db_derive(struct isth_db *db);

/* The regex whose captures a rule's span and templates read: its pattern
 * (or 'after'), or 'before' for a rule without one or that takes a group
 * of 'before'. */
static inline const struct isth_re *
isth__rule_span_re(const struct isth_rule *r)
{
    return r->re && r->what != ISTH_RULE_BESIDE ? r->re : r->before;
}

/* Does rule r work on gazetteer names (after/before) rather than text? */
static inline int isth__rule_on_names(const struct isth_rule *r)
{
    return r->what >= ISTH_RULE_RELABEL;
}

#endif
