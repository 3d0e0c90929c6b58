/* SPDX-License-Identifier: MIT */
/*
 * fuzz_gazetteer.c - a gazetteer file (YAML, or a plain list when the
 * first byte is odd) compiled alone, or as a layer on a fixture (its
 * 'disable:' and duplicate ids meet real entries), with or without
 * diagnostics (every error reported, loading going on past them: the
 * recovery paths); what compiles must annotate.  The first byte picks.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    const char *paths[2] = {ISTH_FIXTURES "/good/basic.yaml", NULL};
    const char *path;
    struct fuzz_diags d;
    isth_db *db = NULL;
    isth_error err;
    int rc;

    if (!size)
        return 0;
    path = fuzz_write_file(data + 1, size - 1, data[0] & 1 ? ".txt" : ".yaml");
    if (!path)
        return 0;
    paths[1] = path;
    o.gazetteers = data[0] & 8 ? paths : paths + 1;
    o.n_gazetteers = data[0] & 8 ? 2 : 1;
    o.default_label = data[0] & 2 ? "GPE" : NULL;
    if (data[0] & 4)
        fuzz_diagnostics(&o, &d);
    rc = isth_db_compile(&db, &o, &err);
    if (data[0] & 4)
        fuzz_check_diags(rc, &d);
    if (rc == ISTH_OK) {
        fuzz_annotate_texts(db);
        isth_db_free(db);
    } else if (!err.msg[0] || db) {
        __builtin_trap(); /* a failure always says why, returns nothing */
    }
    return 0;
}
