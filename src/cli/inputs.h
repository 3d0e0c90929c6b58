/* SPDX-License-Identifier: MIT */
/*
 * inputs.h - what every command that needs a database shares: the data
 * options (-g, -r, --no-rules, --no-default-data, --as-of, --label, --db,
 * --no-cache), the layers they make, and opening the database (from
 * --db, the cache, or compiled).
 *
 * Layers, loaded in this order (see "Your own data" in README.md):
 *   1. the shipped gazetteers and rules (unless --no-default-data);
 *   2. each directory of $ISTHMUS_PATH (colon-separated): its
 *      gazetteers/ and rules/ subdirectories;
 *   3. -g and -r, in the order given.
 * The same directory or file given twice loads once.
 */
#ifndef ISTH_CLI_INPUTS_H
#define ISTH_CLI_INPUTS_H

#include <getopt.h>
#include <stddef.h>

#include "isthmus.h"

struct inputs {
    const char **gaz, **rules; /* -g and -r as given */
    size_t n_gaz, n_rules;
    int no_rules;        /* --no-rules: no rule files at all */
    int no_default;      /* --no-default-data */
    const char *as_of;   /* --as-of DATE */
    const char *label;   /* --label: plain lists without '# label:' */
    const char *db_path; /* --db FILE */
    int no_cache;        /* --no-cache */
    /* Filled by inputs_resolve(): every layer's paths, in load order. */
    char **all_gaz, **all_rules;
    size_t n_all_gaz, n_all_rules;
    size_t n_default_gaz, n_default_rules; /* of them, the shipped ones */
};

/* The getopt_long entries of the data options (codes 'g', 'r' and
 * 0x100 up), to put in a command's table. */
#define INPUTS_LONGOPTS                                                        \
    {"gazetteers", required_argument, NULL, 'g'},                              \
        {"rules", required_argument, NULL, 'r'},                               \
        {"no-rules", no_argument, NULL, 0x100},                                \
        {"no-default-data", no_argument, NULL, 0x101},                         \
        {"as-of", required_argument, NULL, 0x102},                             \
        {"label", required_argument, NULL, 0x103},                             \
        {"db", required_argument, NULL, 0x104},                                \
    {                                                                          \
        "no-cache", no_argument, NULL, 0x105                                   \
    }

/* The --help lines of the data options. */
extern const char INPUTS_HELP[];

/*
 * Takes option c (with its argument) when it is a data option.
 * Returns 1 when taken, 0 when c is not a data option, or EXIT_USAGE
 * after printing the problem for command cmd.
 */
int inputs_option(struct inputs *in, int c, const char *arg, const char *cmd);

/* Fills co from the layers.  Returns 0 or an exit status (printed). */
int inputs_resolve(struct inputs *in, isth_compile_options *co,
                   const char *cmd);

/*
 * The database: loaded from --db, else from the cache when one for
 * exactly these inputs is there, else compiled (and cached).  Returns 0
 * or an exit status after printing the error.
 */
int inputs_open_db(const struct inputs *in, const isth_compile_options *co,
                   isth_db **db, const char *cmd);

/* Whether path is one of the shipped layer's files or directories. */
int inputs_is_default(const struct inputs *in, const char *path);

/* How many of db's entities (the first ones: layers load in order) come
 * from the shipped gazetteers. */
size_t inputs_shipped_entities(const struct inputs *in, const isth_db *db);

void inputs_free(struct inputs *in);

/* Prints "isthmus CMD: MESSAGE" and a pointer to --help; EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);

/* What cli_option() did with an option. */
enum { OPT_MINE = 0, OPT_TAKEN = 1, OPT_STOP = 2 };

/*
 * The options every command that reads data shares, for its getopt loop:
 * the data options (OPT_TAKEN), -h (prints head, the data options and
 * opts; OPT_STOP with *rc = EXIT_OK) and an unknown option or a missing
 * value (OPT_STOP, *rc = EXIT_USAGE).  OPT_MINE: the command's own.
 */
int cli_option(struct inputs *in, int c, char **argv, const char *cmd,
               const char *head, const char *opts, int *rc);

/* "--format text|json" of a report: *json set; 0 or EXIT_USAGE. */
int cli_report_format(const char *cmd, const char *arg, int *json);

/* A count option's value (min to LONG_MAX); 0 or EXIT_USAGE. */
int cli_count(const char *cmd, const char *opt, const char *arg, long min,
              size_t *out);

/* inputs_resolve(), inputs_open_db() and a scratch: 0 or an exit
 * status (printed). */
int cli_open(struct inputs *in, const char *cmd, isth_db **db,
             isth_scratch **scratch);

#endif
