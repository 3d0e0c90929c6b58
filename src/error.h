/* SPDX-License-Identifier: MIT */
/*
 * error.h - filling a caller's isth_error.  Nothing here allocates.
 */
#ifndef ISTH_ERROR_H
#define ISTH_ERROR_H

#include "internal.h"

/* Sets err (if not NULL) and returns code.  fmt is printf-style. */
ISTH_INTERNAL int isth__error_set(isth_error *err, int code, const char *file,
                                  unsigned line, unsigned col, const char *fmt,
                                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Clears err to ISTH_OK. */
ISTH_INTERNAL void isth__error_clear(isth_error *err);

#endif
