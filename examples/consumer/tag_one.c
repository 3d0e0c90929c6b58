/* SPDX-License-Identifier: MIT */
/*
 * tag_one.c - the smallest program on libisthmus: compile the gazetteers
 * and rules given on the command line, tag one sentence, print each
 * entity.  Built through pkg-config or CMake's find_package(isthmus)
 * in tests/cli/install.py, against an installed copy.
 *
 *   cc tag_one.c $(pkg-config --cflags --libs isthmus) -o tag_one
 *   ./tag_one "Pete Hegseth visited Panama." GAZETTEER_DIR [RULE_DIR]
 */
#include <stdio.h>
#include <string.h>

#include <isthmus.h>

int main(int argc, char **argv)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    const char *gaz[1], *rules[1];
    isth_db *db = NULL;
    isth_scratch *s = NULL;
    const isth_result *r;
    isth_error err;
    char msg[512];
    size_t i;
    int rc;

    memset(&err, 0, sizeof err);
    if (argc < 3) {
        fprintf(stderr, "usage: tag_one TEXT GAZETTEERS [RULES]\n");
        return 2;
    }
    gaz[0] = argv[2];
    o.gazetteers = gaz;
    o.n_gazetteers = 1;
    if (argc > 3) {
        rules[0] = argv[3];
        o.rules = rules;
        o.n_rules = 1;
    }
    if ((rc = isth_db_compile(&db, &o, &err)) ||
        (rc = isth_scratch_alloc(db, &s)) ||
        (rc = isth_annotate(db, argv[1], strlen(argv[1]), 0, s, &r, &err))) {
        isth_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "tag_one: %s\n", msg);
        isth_scratch_free(s);
        isth_db_free(db);
        return 1;
    }
    for (i = 0; i < r->n_entities; i++)
        printf("%.*s\t%s\t%s\n", (int)(r->entities[i].end - r->entities[i].start),
               argv[1] + r->entities[i].start, r->entities[i].label,
               r->entities[i].id ? r->entities[i].id : "");
    isth_scratch_free(s);
    isth_db_free(db);
    printf("isthmus %s\n", isth_version_string());
    return 0;
}
