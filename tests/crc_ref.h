/* SPDX-License-Identifier: MIT */
/*
 * crc_ref.h - a bit-at-a-time CRC-32 (IEEE) like the database loader's,
 * for tests that repair the checksum of bytes they changed, so the checks
 * behind it are what they test.  Header-only: the fuzz targets use it
 * too, without the Check helpers.
 */
#ifndef ISTH_CRC_REF_H
#define ISTH_CRC_REF_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t crc_ref(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    size_t i;
    int k;

    for (i = 0; i < n; i++) {
        c ^= p[i];
        for (k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

#endif
