/* SPDX-License-Identifier: MIT */
/*
 * fuzz_rules.c - a rule file (rules, topics, scoring, extends, disable)
 * compiled with the rule fixtures' gazetteer and topics, with
 * diagnostics when its size is odd (the recovery paths); what compiles
 * must annotate.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const gaz[] = {ISTH_FIXTURES "/rules/gaz.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    const char *path = fuzz_write_file(data, size, ".yaml");
    const char *rules[2] = {ISTH_FIXTURES "/rules/topics.yaml", NULL};
    struct fuzz_diags d;
    isth_db *db = NULL;
    isth_error err;
    int rc;

    if (!path)
        return 0;
    o.gazetteers = gaz;
    o.n_gazetteers = 1;
    rules[1] = path;
    o.rules = rules;
    o.n_rules = 2;
    if (size & 1)
        fuzz_diagnostics(&o, &d);
    rc = isth_db_compile(&db, &o, &err);
    if (size & 1)
        fuzz_check_diags(rc, &d);
    if (rc == ISTH_OK) {
        fuzz_annotate_texts(db);
        isth_db_free(db);
    } else if (!err.msg[0] || db) {
        __builtin_trap();
    }
    return 0;
}
