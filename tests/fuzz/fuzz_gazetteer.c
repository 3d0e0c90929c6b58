/* SPDX-License-Identifier: MIT */
/*
 * fuzz_gazetteer.c - a gazetteer file (YAML, or a plain list when the
 * first byte is odd) compiled alone; what compiles must annotate.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    const char *path;
    isth_db *db = NULL;
    isth_error err;

    if (!size)
        return 0;
    path = fuzz_write_file(data + 1, size - 1, data[0] & 1 ? ".txt" : ".yaml");
    if (!path)
        return 0;
    o.gazetteers = &path;
    o.n_gazetteers = 1;
    o.default_label = data[0] & 2 ? "GPE" : NULL;
    if (isth_db_compile(&db, &o, &err) == ISTH_OK) {
        fuzz_annotate_texts(db);
        isth_db_free(db);
    } else if (!err.msg[0] || db) {
        __builtin_trap(); /* a failure always says why, returns nothing */
    }
    return 0;
}
