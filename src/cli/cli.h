/* SPDX-License-Identifier: MIT */
/* cli.h - what the CLI's files share: exit codes and subcommands. */
#ifndef ISTH_CLI_H
#define ISTH_CLI_H

enum {
    EXIT_OK = 0,      /* every record tagged */
    EXIT_RECORDS = 1, /* some records failed, each reported */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_CONFIG = 3   /* gazetteer or rule errors: nothing written */
};

int cmd_tag(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_lookup(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_suggest(int argc, char **argv);
int cmd_view(int argc, char **argv);

#endif
