/* SPDX-License-Identifier: MIT */
/* headertest.c - isthmus.h compiles on its own under -std=c99 -pedantic. */
#include "isthmus.h"

int isth_headertest(void);
int isth_headertest(void)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    return (int)o.version;
}
