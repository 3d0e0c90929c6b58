/* SPDX-License-Identifier: MIT */
/*
 * fuzz_util.h - what the libFuzzer targets share: the input written to a
 * file (the compile API reads paths), and a few texts to annotate.
 */
#ifndef ISTH_FUZZ_UTIL_H
#define ISTH_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "isthmus.h"

/* Writes data to a file of this process named for suffix (".yaml",
 * ".txt"); returns its path (static storage), or NULL. */
const char *fuzz_write_file(const uint8_t *data, size_t size,
                            const char *suffix);

/* Annotates a few fixed texts with db, every flag combination; aborts if
 * the library breaks its contract (a result out of the text's bounds). */
void fuzz_annotate_texts(const isth_db *db);

/* Annotates text with db under flags; aborts on a broken contract. */
void fuzz_annotate(const isth_db *db, const char *text, size_t len,
                   unsigned flags);

/* Counts for fuzz_diag(), the compile options' diagnostic callback. */
struct fuzz_diags {
    size_t errors, warnings;
};

/* A diagnostic callback (ctx: struct fuzz_diags); aborts when a
 * diagnostic says nothing. */
void fuzz_diag(int severity, const isth_error *diag, void *ctx);

/* Turns on diagnostics (every error reported, the lint, a few common
 * words) in o, counting into d. */
void fuzz_diagnostics(isth_compile_options *o, struct fuzz_diags *d);

/* The contract of a compile with diagnostics: a failure reported at
 * least one error, a success none.  Aborts otherwise. */
void fuzz_check_diags(int rc, const struct fuzz_diags *d);

#endif
