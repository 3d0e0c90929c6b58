/* SPDX-License-Identifier: MIT */
/*
 * output.h - where tag and compile write: standard output, or -o FILE by
 * the rule of src/outfile.h, with the temporary file removed when the
 * run is interrupted (SIGINT, SIGTERM, SIGHUP) or fails.
 */
#ifndef ISTH_CLI_OUTPUT_H
#define ISTH_CLI_OUTPUT_H

#include <stdio.h>

#include "isthmus.h"
#include "../outfile.h"

struct output {
    FILE *fp; /* write here */
    struct isth_outfile file;
    int is_file; /* -o FILE, not standard output */
    int quiet;   /* print nothing (best-effort cache saves) */
};

/* Opens path (NULL: standard output).  0, or -1 after printing why
 * (unless quiet). */
int output_open(struct output *o, const char *path, int quiet);

/*
 * Flushes and closes.  ok = 0 discards a file output (the path keeps
 * what it had).  Returns 0, or -1 after printing the write error.
 */
int output_close(struct output *o, int ok);

/* Writes db to path by the same rule.  0, or -1 after printing why
 * (quiet: no message, for best-effort cache saves). */
int output_save_db(const isth_db *db, const char *path, int quiet);

#endif
