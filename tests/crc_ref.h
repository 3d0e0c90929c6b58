/* SPDX-License-Identifier: MIT */
/*
 * crc_ref.h - a bit-at-a-time CRC-32C (Castagnoli) like the database
 * loader's, and where an image's checksum starts (CRC_FROM),
 * for tests that repair the checksum of bytes they changed, so the checks
 * behind it are what they test.  Header-only: the fuzz targets use it
 * too, without the Check helpers.
 */
#ifndef ISTH_CRC_REF_H
#define ISTH_CRC_REF_H

#include <stddef.h>
#include <stdint.h>

/* The checksum covers bytes [CRC_FROM, total); it is stored at 24. */
#define CRC_FROM 32

static inline uint32_t crc_ref(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    size_t i;
    int k;

    for (i = 0; i < n; i++) {
        c ^= p[i];
        for (k = 0; k < 8; k++)
            c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1u)));
    }
    return ~c;
}

#endif
