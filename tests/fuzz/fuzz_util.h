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

#endif
