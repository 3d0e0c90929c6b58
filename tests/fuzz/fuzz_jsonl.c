/* SPDX-License-Identifier: MIT */
/*
 * fuzz_jsonl.c - the CLI's JSON Lines input: lines read with the
 * reader's size ceiling (BOM, over-long lines), each parsed as an object,
 * its text field decoded, its id salvaged when it does not parse.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_object obj = {0};
    struct sbuf text = {0};
    struct reader rd;
    const char *line, *id;
    size_t len, id_len, i;
    char msg[320];
    int too_long;
    FILE *f;

    if (!size || !(f = fmemopen((void *)data, size, "rb")))
        return 0;
    reader_init(&rd, f, 256); /* a small ceiling: over-long lines too */
    while (reader_line(&rd, &line, &len, &too_long) > 0) {
        if (too_long && len > READER_HEAD)
            __builtin_trap();
        if (!too_long && !json_parse_object(line, len, &obj, msg, sizeof msg)) {
            for (i = 0; i < obj.n; i++) {
                if (json_key_is(&obj.m[i], "text") && obj.m[i].val[0] == '"') {
                    text.len = 0;
                    json_decode_str(obj.m[i].val, obj.m[i].val_len, &text);
                }
            }
        } else if (json_salvage_member(line, len, "id", &id, &id_len)) {
            struct json_object one = {0};
            char buf[600];
            /* A salvaged id is valid JSON: it parses as a member value. */
            if (id_len < 500) {
                snprintf(buf, sizeof buf, "{\"id\": %.*s}", (int)id_len, id);
                if (json_parse_object(buf, strlen(buf), &one, msg, sizeof msg))
                    __builtin_trap();
            }
            json_object_free(&one);
        }
    }
    reader_free(&rd);
    fclose(f);
    json_object_free(&obj);
    sbuf_free(&text);
    return 0;
}
