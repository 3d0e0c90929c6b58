/* SPDX-License-Identifier: MIT */
/* version.c - the library's version at run time, to compare with the
 * header a caller was built against (SQLite's sqlite3_libversion). */
#include "internal.h"

int isth_version(void)
{
    return ISTH_VERSION_NUMBER;
}

const char *isth_version_string(void)
{
    return ISTH_VERSION_STRING;
}
