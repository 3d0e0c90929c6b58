/* SPDX-License-Identifier: MIT */
/*
 * sources.h - the input files of a compile: collecting them (files,
 * directories in name order, plain lists told from YAML), the names they
 * are shown by, and the inputs hash (the cache key) over their bytes.
 * Compile side only.
 */
#ifndef ISTH_SOURCES_H
#define ISTH_SOURCES_H

#include "internal.h"

/* A file to load: the path opened, the name shown. */
struct file {
    char *path, *display;
};

struct files {
    struct file *v;
    size_t n, cap;
};

/* Both lists of files, for the real path of a display name. */
struct all_files {
    const struct files *g, *r;
};

ISTH_INTERNAL void isth__files_free(struct files *f);

/* Adds path (a file, or a directory walked in name order; txt: plain
 * lists too) to f.  ISTH_OK, ISTH_EIO, ISTH_ENOMEM with err filled. */
ISTH_INTERNAL int isth__collect(struct files *f, const char *path, int txt,
                                isth_error *err);

/* The path a display name was opened by (display itself if none). */
ISTH_INTERNAL const char *isth__real_path(const struct files *f,
                                          const char *display);
/* The same over both lists (pf: a struct all_files), for lint. */
ISTH_INTERNAL const char *isth__real_path_any(const void *pf,
                                              const char *display);

/* Non-zero when name ends in ".txt" (a plain list). */
ISTH_INTERNAL int isth__is_txt(const char *name);

/* The inputs hash: its start (what else than the files a database
 * depends on), then per file its list and shown name before its bytes. */
ISTH_INTERNAL uint64_t isth__hash_start(const isth_compile_options *opts);
ISTH_INTERNAL uint64_t isth__hash_file(uint64_t h, int is_rule,
                                       const char *display);

#endif
