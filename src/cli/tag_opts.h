/* SPDX-License-Identifier: MIT */
/*
 * tag_opts.h - the options of "isthmus tag" (tag_opts.c).
 */
#ifndef ISTH_CLI_TAG_OPTS_H
#define ISTH_CLI_TAG_OPTS_H

#include <stddef.h>

#include "isthmus.h"
#include "inputs.h"

enum format { FMT_TEXT, FMT_LINES, FMT_JSONL };

struct opts {
    struct inputs in; /* the data options */
    double min_score; /* < 0: each topic's threshold */
    enum format fmt;
    const char *text_field, *id_field;
    isth_unit unit;
    unsigned scan_flags;
    const char *out_path;
    size_t max_doc;
    int attributes;
    int jobs;           /* -j: worker threads */
    int count;          /* --count: count, write no records */
    int stats;          /* --stats */
    int line_buffered;  /* each record out as soon as its document is */
    const char **globs; /* --glob: which files of a directory to read */
    size_t n_globs;
};

void tag_opts_init(struct opts *o);
void tag_opts_free(struct opts *o);

/* Parses the command line into o; returns -1 when done (help shown),
 * EXIT_USAGE on error, 0 otherwise.  *first_file is the index of FILEs. */
int tag_parse_args(int argc, char **argv, struct opts *o, int *first_file);

#endif
