/* SPDX-License-Identifier: MIT */
/*
 * fuzz_rules.c - a rule file (rules, topics, scoring) compiled with the
 * rule fixtures' gazetteer; what compiles must annotate.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const gaz[] = {ISTH_FIXTURES "/rules/gaz.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    const char *path = fuzz_write_file(data, size, ".yaml");
    isth_db *db = NULL;
    isth_error err;

    if (!path)
        return 0;
    o.gazetteers = gaz;
    o.n_gazetteers = 1;
    o.rules = &path;
    o.n_rules = 1;
    if (isth_db_compile(&db, &o, &err) == ISTH_OK) {
        fuzz_annotate_texts(db);
        isth_db_free(db);
    } else if (!err.msg[0] || db) {
        __builtin_trap();
    }
    return 0;
}
