/* SPDX-License-Identifier: MIT */
/*
 * crc32c.h - CRC-32C (Castagnoli), the checksum of a database image.
 * With SSE4.2 (checked once per process) three streams of the crc32
 * instruction run side by side and are joined by multiplication modulo
 * the polynomial, about 8 bytes a cycle; elsewhere a table of eight
 * slices does 8 bytes at a time.  Both give the same value.
 */
#ifndef ISTH_CRC32C_H
#define ISTH_CRC32C_H

#include "internal.h"

/* CRC-32C of p[0, n): the standard one (initial and final value
 * inverted), so crc32c("123456789") is 0xE3069283. */
ISTH_INTERNAL uint32_t isth__crc32c(const void *p, size_t n);

/* The same without the hardware instruction (for tests). */
ISTH_INTERNAL uint32_t isth__crc32c_sw(const void *p, size_t n);

#endif
