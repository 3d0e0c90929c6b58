/* SPDX-License-Identifier: MIT */
/*
 * cmd_compile.c - "isthmus compile": the data layers (as tag loads them)
 * compiled into one database file for "tag --db", written through the
 * output rule of output.c (a new file renamed over the old one).
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "isthmus.h"
#include "cli.h"
#include "inputs.h"
#include "output.h"

static const char HELP[] =
    "usage: isthmus compile [OPTIONS] -o FILE\n"
    "\n"
    "Compiles gazetteers and rules into one database file for\n"
    "'isthmus tag --db FILE', which maps it and starts without reading\n"
    "YAML.  The file is checked when loaded: a truncated, corrupted or\n"
    "other-version file is refused (exit 3), never trusted.\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "  -o, --output FILE       the database to write (a new file renamed over\n"
    "                          FILE: taggers that mapped the old one go on)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 ok; 1 the file could not be written; 2 usage;\n"
    "3 gazetteer or rule errors (nothing written).\n";

/* isthmus compile [-g ...] [-r ...] [--as-of D] [--label L] -o FILE */
int cmd_compile(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    isth_compile_options co = ISTH_COMPILE_OPTIONS_INIT;
    struct inputs in;
    const char *out = NULL;
    isth_db *db = NULL;
    int ch, rc = 0;

    memset(&in, 0, sizeof in);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+g:r:o:h", longopts, NULL)) != -1) {
        int r = cli_option(&in, ch, argv, "compile", HELP, HELP_OPTIONS, &rc);
        if (r == OPT_TAKEN)
            continue;
        if (r == OPT_STOP)
            goto done;
        if (ch == 'o')
            out = optarg;
    }
    if (in.db_path)
        rc = cli_usage_error("compile", "%s", "--db is an option of tag");
    else if (optind < argc)
        rc = cli_usage_error("compile", "unexpected argument '%s'",
                             argv[optind]);
    else if (!out)
        rc = cli_usage_error("compile", "%s",
                             "-o FILE is required: where to write the "
                             "database");
    if (rc)
        goto done;
    in.no_cache = 1;
    if ((rc = inputs_resolve(&in, &co, "compile")) ||
        (rc = inputs_open_db(&in, &co, &db, "compile")))
        goto done;
    if (output_save_db(db, out, 0))
        rc = EXIT_RECORDS;
done:
    isth_db_free(db);
    inputs_free(&in);
    return rc;
}
