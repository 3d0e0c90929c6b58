/* SPDX-License-Identifier: MIT */
/*
 * internal.h - macros and includes shared by every library source file.
 * Nothing here is part of the public API.
 */
#ifndef ISTH_INTERNAL_H
#define ISTH_INTERNAL_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "isthmus.h"

#if defined(__GNUC__)
#define ISTH_INTERNAL __attribute__((visibility("hidden")))
#define ISTH_LIKELY(x) __builtin_expect(!!(x), 1)
#define ISTH_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define ISTH_INTERNAL
#define ISTH_LIKELY(x) (x)
#define ISTH_UNLIKELY(x) (x)
#endif

#endif
