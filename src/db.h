/* SPDX-License-Identifier: MIT */
/*
 * db.h - the compiled database: entities, their matchable names (aliases),
 * the distinct normalized names (patterns) and the automaton over them.
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
#include "internal.h"

enum isth_case { ISTH_CASE_FOLD = 0, ISTH_CASE_EXACT = 1, ISTH_CASE_TITLE = 2 };

struct isth_entity {
    char *id, *name, *label, *kind, *file;
    unsigned line, col;
    int priority;
    isth_attribute *attrs;
    size_t n_attrs;
};

struct isth_alias {
    uint32_t entity;
    uint32_t order;      /* load order, for tie-breaks */
    unsigned char policy; /* enum isth_case */
    char *exact;         /* case-preserving normalized text (EXACT only) */
    size_t exact_len;
};

/* Pattern flags. */
enum { PAT_WORD_START = 1, PAT_WORD_END = 2 };

struct isth_db {
    struct isth_entity *entities;
    size_t n_entities, cap_entities;
    struct isth_alias *aliases;
    size_t n_aliases, cap_aliases;

    size_t n_patterns;
    uint32_t *pat_len;       /* normalized key length in bytes */
    unsigned char *pat_flags; /* PAT_* */
    uint32_t *pat_first;     /* n_patterns + 1 */
    uint32_t *pat_alias;     /* alias indices grouped by pattern */
    size_t max_aliases;      /* most aliases on one pattern */

    uint32_t *id_index;      /* open addressing: entity + 1, 0 = empty */
    size_t id_index_cap;     /* power of two */

    struct isth_ac ac;
};

/* Hash of a NUL-terminated string (FNV-1a). */
ISTH_INTERNAL uint64_t isth__hash_str(const char *s);

#endif
