/* SPDX-License-Identifier: MIT */
/*
 * cache.c - the database cache of the CLI (see cache.h).
 */
#define _DEFAULT_SOURCE
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"
#include "output.h"

/* Databases kept in the cache; older ones (other inputs, other builds)
 * are deleted when a new one is saved. */
#define CACHE_KEEP 16

/* Deletes all but the CACHE_KEEP newest *.isdb files of dir. */
static void prune(const char *dir)
{
    struct entry {
        char *path;
        struct timespec mtime;
    } *v = NULL, tmp;
    size_t n = 0, cap = 0, i, j;
    struct dirent *de;
    DIR *d = opendir(dir);

    if (!d)
        return;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name), pl;
        struct stat st;
        char *path;
        if (l < 6 || strcmp(de->d_name + l - 5, ".isdb"))
            continue;
        pl = strlen(dir) + l + 2;
        path = xrealloc(NULL, pl);
        snprintf(path, pl, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0) {
            free(path);
            continue;
        }
        if (n == cap)
            v = xrealloc(v, (cap = cap ? 2 * cap : 32) * sizeof *v);
        v[n].path = path;
        v[n++].mtime = st.st_mtim;
    }
    closedir(d);
    /* Newest first (insertion sort: a cache holds a handful). */
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && (v[j].mtime.tv_sec > v[j - 1].mtime.tv_sec ||
                              (v[j].mtime.tv_sec == v[j - 1].mtime.tv_sec &&
                               v[j].mtime.tv_nsec > v[j - 1].mtime.tv_nsec));
             j--) {
            tmp = v[j];
            v[j] = v[j - 1];
            v[j - 1] = tmp;
        }
    for (i = 0; i < n; i++) {
        if (i >= CACHE_KEEP)
            unlink(v[i].path);
        free(v[i].path);
    }
    free(v);
}

/* The cache directory, created if needed; NULL when there is none. */
char *cache_dir(void)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char *d;
    size_t n;

    if (x && *x) {
        n = strlen(x) + 16;
        d = xrealloc(NULL, n);
        snprintf(d, n, "%s/isthmus", x);
        mkdir(x, 0755);
    } else if (home && *home) {
        n = strlen(home) + 24;
        d = xrealloc(NULL, n);
        snprintf(d, n, "%s/.cache", home);
        mkdir(d, 0755);
        snprintf(d, n, "%s/.cache/isthmus", home);
    } else {
        return NULL;
    }
    if (mkdir(d, 0755) != 0 && errno != EEXIST) {
        free(d);
        return NULL;
    }
    return d;
}

/* The cache file of the inputs hash h (free it). */
static char *cache_path(const char *dir, uint64_t h)
{
    size_t n = strlen(dir) + 40;
    char *path = xrealloc(NULL, n);

    snprintf(path, n, "%s/%016llx.isdb", dir, (unsigned long long)h);
    return path;
}

int cache_load(const isth_compile_options *co, const char *dir, isth_db **db)
{
    isth_error err;
    uint64_t h;
    char *path;
    int rc;

    if (isth_inputs_hash(co, &h, &err) != ISTH_OK)
        return -1;
    path = cache_path(dir, h);
    rc = isth_db_load(db, path, &err) == ISTH_OK ? 0 : -1;
    free(path);
    return rc;
}

void cache_save(const isth_db *db, const char *dir)
{
    uint64_t h;
    char *path;

    /* Under the hash of the bytes compiled, which differs from the key
     * looked up when an input changed in the meantime. */
    if (isth_db_inputs_hash(db, &h) != ISTH_OK)
        return;
    path = cache_path(dir, h);
    if (output_save_db(db, path, 1) == 0) /* best effort */
        prune(dir);
    free(path);
}
