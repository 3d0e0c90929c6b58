/* SPDX-License-Identifier: MIT */
/*
 * fuzz_annotate.c - arbitrary bytes annotated with the shipped
 * gazetteers and rules (compiled once); the first byte picks the flags.
 */
#include <stdlib.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static isth_db *shipped(void)
{
    static isth_db *db;
    static const char *const gaz[] = {ISTH_SOURCE_GAZETTEERS};
    static const char *const rules[] = {ISTH_SOURCE_RULES};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;

    if (!db) {
        o.gazetteers = gaz;
        o.n_gazetteers = 1;
        o.rules = rules;
        o.n_rules = 1;
        if (isth_db_compile(&db, &o, NULL) != ISTH_OK)
            abort();
    }
    return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    fuzz_annotate(shipped(), (const char *)data + 1, size - 1, data[0] & 7u);
    return 0;
}
