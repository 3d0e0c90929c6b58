/* SPDX-License-Identifier: MIT */
/*
 * main.c - the isthmus command: subcommand dispatch, --help, --version.
 * Each subcommand lives in its own cmd_*.c and returns an exit code.
 */
#include <stdio.h>
#include <string.h>

#include "isthmus.h"
#include "cli.h"

static void usage(FILE *f)
{
    fputs("usage: isthmus <command> [options]\n"
          "\n"
          "commands:\n"
          "  tag      tag named entities and topics in text files, lines or\n"
          "           JSON Lines\n"
          "  compile  compile gazetteers and rules into a database file\n"
          "           (isthmus compile [-g PATH] [-r PATH] -o FILE), for\n"
          "           tag --db FILE\n"
          "  check    every error and warning of the gazetteers and rules,\n"
          "           at file:line:col, in one run\n"
          "  lookup   how names normalize, which entries match them, what\n"
          "           wins and why\n"
          "  coverage hits per entry, name and rule on a corpus; entries\n"
          "           never seen; counts per label\n"
          "  suggest  capitalized names a corpus has and the data does not\n"
          "           tag, as YAML entries to paste into your own file\n"
          "  eval     precision, recall and F1 against gold JSON Lines\n"
          "  view     a standalone HTML page of tagged documents, for a\n"
          "           person to read\n"
          "\n"
          "Run 'isthmus COMMAND --help' for its options.\n"
          "\n"
          "  -h, --help     show this help\n"
          "  -V, --version  show the version\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
        printf("isthmus %s\n", isth_version_string());
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "tag"))
        return cmd_tag(argc - 1, argv + 1);
    if (!strcmp(argv[1], "compile"))
        return cmd_compile(argc - 1, argv + 1);
    if (!strcmp(argv[1], "check"))
        return cmd_check(argc - 1, argv + 1);
    if (!strcmp(argv[1], "coverage"))
        return cmd_coverage(argc - 1, argv + 1);
    if (!strcmp(argv[1], "suggest"))
        return cmd_suggest(argc - 1, argv + 1);
    if (!strcmp(argv[1], "view"))
        return cmd_view(argc - 1, argv + 1);
    if (!strcmp(argv[1], "eval"))
        return cmd_eval(argc - 1, argv + 1);
    if (!strcmp(argv[1], "lookup"))
        return cmd_lookup(argc - 1, argv + 1);
    fprintf(stderr, "isthmus: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
