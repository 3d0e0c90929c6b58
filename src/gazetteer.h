/* SPDX-License-Identifier: MIT */
/*
 * gazetteer.h - loading gazetteer YAML files into a database under
 * construction.  Compile side only: scanning never needs libyaml.
 */
#ifndef ISTH_GAZETTEER_H
#define ISTH_GAZETTEER_H

#include "db.h"
#include "internal.h"

/* An alias waiting to be turned into a pattern. */
struct isth_alias_spec {
    unsigned char *key; /* folded normalized text */
    size_t key_len;
};

struct isth_loader {
    struct isth_db *db;
    struct isth_alias_spec *specs; /* parallel to db->aliases */
    size_t n_specs, cap_specs;
    size_t max_file_bytes;
    struct isth_norm *norm; /* reused normalization buffer */
};

/*
 * Loads one gazetteer file.  path is opened and named in errors; display
 * is the name recorded as the entities' source.
 * @return ISTH_OK, ISTH_EIO, ISTH_EPARSE, ISTH_ESCHEMA, ISTH_ETOOBIG,
 *         ISTH_ENOMEM with err filled.
 */
ISTH_INTERNAL int isth__gazetteer_load(struct isth_loader *ld,
                                       const char *path, const char *display,
                                       isth_error *err);

/* Edit distance of a and b, capped at max + 1. */
ISTH_INTERNAL size_t isth__edit_distance(const char *a, const char *b,
                                         size_t max);

/* Returns the candidate closest to word (within 2 edits), or NULL. */
ISTH_INTERNAL const char *isth__did_you_mean(const char *word,
                                             const char *const *cands,
                                             size_t n);

#endif
