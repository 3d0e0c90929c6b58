/* SPDX-License-Identifier: MIT */
/*
 * cache.h - databases compiled from YAML, kept in $XDG_CACHE_HOME/isthmus
 * (~/.cache/isthmus) under the hash of the inputs they were compiled
 * from (isth_inputs_hash(): the build, the options that change
 * compilation, each file's list, shown name and bytes).  A save goes
 * through a temporary file and rename(); the 16 newest are kept.
 */
#ifndef ISTH_CLI_CACHE_H
#define ISTH_CLI_CACHE_H

#include "isthmus.h"

/* The cache directory, created if needed (free it); NULL when there is
 * none (no XDG_CACHE_HOME nor HOME, or it cannot be made). */
char *cache_dir(void);

/* The cached database for exactly the inputs of co, loaded into *db:
 * 0, or -1 when there is none (or it does not load: compile again). */
int cache_load(const isth_compile_options *co, const char *dir, isth_db **db);

/* Saves db (compiled from YAML) under the hash of its inputs, then
 * deletes all but the newest databases.  Best effort: a failure is
 * silent, the next run compiles again. */
void cache_save(const isth_db *db, const char *dir);

#endif
