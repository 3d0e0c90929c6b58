/* SPDX-License-Identifier: MIT */
/*
 * runtime_only.c - a program linked with the runtime part of the library
 * alone (CMake object library isthmus_runtime: no libyaml, none of the
 * compile part): it opens a database image and scans with it.  That it
 * links at all is the check that scanning needs nothing of the compile
 * side; it then checks the database works.
 *
 *   runtime_only DB.isdb     exit 0 when "Panama" is found as PA
 */
#include <stdio.h>
#include <string.h>

#include "isthmus.h"

int main(int argc, char **argv)
{
    const char *text = "Defense Secretary Pete Hegseth will visit Panama.";
    const isth_result *r = NULL;
    isth_scratch *s = NULL;
    isth_db *db = NULL;
    isth_error err;
    size_t i;
    int found = 0;

    if (argc != 2 || isth_db_load(&db, argv[1], &err) != ISTH_OK ||
        isth_scratch_alloc(db, &s) != ISTH_OK ||
        isth_annotate(db, text, strlen(text), 0, s, &r, &err) != ISTH_OK) {
        fprintf(stderr, "runtime_only: %s\n", argc == 2 ? err.msg : "usage");
        return 1;
    }
    for (i = 0; i < r->n_entities; i++)
        if (!strcmp(r->entities[i].id, "PA"))
            found = 1;
    printf("%zu entities, Panama %s\n", r->n_entities,
           found ? "found" : "missing");
    isth_scratch_free(s);
    isth_db_free(db);
    return found ? 0 : 1;
}
