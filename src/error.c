/* SPDX-License-Identifier: MIT */
/*
 * error.c - status strings, filling isth_error, and the
 * "file:line:col: message" formatting that editors can jump to.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *isth_strerror(int code)
{
    switch (code) {
    case ISTH_OK: return "ok";
    case ISTH_ENOMEM: return "out of memory";
    case ISTH_EINVAL: return "invalid argument";
    case ISTH_EIO: return "input/output error";
    case ISTH_EPARSE: return "YAML syntax error";
    case ISTH_ESCHEMA: return "invalid gazetteer or rule";
    case ISTH_EREGEX: return "invalid regular expression";
    case ISTH_ETOOBIG: return "size limit reached";
    case ISTH_EBADDB: return "corrupt database";
    case ISTH_EDBVERSION: return "database version mismatch";
    case ISTH_ESCRATCH_IN_USE: return "scratch already in use";
    case ISTH_ESTOPPED: return "scan stopped by callback";
    case ISTH_ELIMIT: return "regular expression match limit reached";
    default: return "unknown error";
    }
}

void isth__error_clear(isth_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

int isth__error_set(isth_error *err, int code, const char *file, unsigned line,
                    unsigned col, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    isth__error_clear(err);
    err->code = code;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->col = col;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

size_t isth_error_format(const isth_error *err, char *buf, size_t size)
{
    char dummy[1];
    const char *msg;
    int n;

    if (!buf || !size) {
        buf = dummy;
        size = sizeof dummy;
    }
    if (!err) {
        n = snprintf(buf, size, "%s", "no error details");
        return n < 0 ? 0 : (size_t)n;
    }
    msg = err->msg[0] ? err->msg : isth_strerror(err->code);
    if (err->file[0] && err->line && err->col)
        n = snprintf(buf, size, "%s:%u:%u: %s", err->file, err->line, err->col,
                     msg);
    else if (err->file[0] && err->line)
        n = snprintf(buf, size, "%s:%u: %s", err->file, err->line, msg);
    else if (err->file[0])
        n = snprintf(buf, size, "%s: %s", err->file, msg);
    else
        n = snprintf(buf, size, "%s", msg);
    return n < 0 ? 0 : (size_t)n;
}
