/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dbload.c - database bytes, with the header's length and CRC
 * repaired so the fuzzer reaches the checks behind them; what loads
 * must annotate, and serialize to bytes that load again.
 */
#include <stdlib.h>
#include <string.h>

#include "../crc_ref.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    isth_db *db = NULL, *again = NULL;
    uint8_t *b;
    char *bytes;
    size_t len, i;
    uint32_t c;

    if (!(b = malloc(size ? size : 1)))
        return 0;
    memcpy(b, data, size);
    if (size >= CRC_FROM) {
        for (i = 0; i < 8; i++) /* the total length */
            b[16 + i] = (uint8_t)((uint64_t)size >> (8 * i));
        c = crc_ref(b + CRC_FROM, size - CRC_FROM);
        for (i = 0; i < 4; i++)
            b[24 + i] = (uint8_t)(c >> (8 * i));
    }
    if (isth_db_deserialize(&db, (const char *)b, size, NULL) == ISTH_OK) {
        fuzz_annotate_texts(db);
        if (isth_db_serialize(db, &bytes, &len) == ISTH_OK) {
            if (isth_db_deserialize(&again, bytes, len, NULL) != ISTH_OK)
                __builtin_trap(); /* what it wrote, it must read */
            isth_db_free(again);
            isth_free(bytes);
        }
        isth_db_free(db);
    }
    free(b);
    return 0;
}
