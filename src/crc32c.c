/* SPDX-License-Identifier: MIT */
/*
 * crc32c.c - CRC-32C (Castagnoli, reflected polynomial 0x82F63B78).
 *
 * The raw update (no inversions) is linear: the CRC of A followed by B
 * is crc(A) * x^(8|B|) + crc(B) modulo the polynomial.  The hardware
 * path uses that to run three independent crc32 instructions over three
 * consecutive blocks (the instruction's latency is three cycles, its
 * throughput one a cycle) and joins them with two multiplications by
 * precomputed powers of x, as zlib's crc32_combine does.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <string.h>

#include "crc32c.h"

#define POLY 0x82F63B78u
#define BLOCK 32768u /* bytes per stream per round of the hardware path */

static uint32_t tab[8][256];
static uint32_t k1, k2; /* x^(8 BLOCK) and x^(16 BLOCK) modulo POLY */
static int have_hw;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* a * b modulo POLY, both reflected (x^0 is the top bit). */
static uint32_t multmodp(uint32_t a, uint32_t b)
{
    uint32_t m = 1u << 31, p = 0;

    for (;;) {
        if (a & m) {
            p ^= b;
            if ((a & (m - 1)) == 0)
                break;
        }
        m >>= 1;
        b = b & 1 ? (b >> 1) ^ POLY : b >> 1;
    }
    return p;
}

/* x^(8 n) modulo POLY: n zero bytes. */
static uint32_t x8n(size_t n)
{
    uint32_t p = 1u << 31, base = 1u << 23; /* x^0, x^8 */

    while (n) {
        if (n & 1)
            p = multmodp(p, base);
        base = multmodp(base, base);
        n >>= 1;
    }
    return p;
}

static void init(void)
{
    uint32_t i, k;

    for (i = 0; i < 256; i++) {
        uint32_t v = i;
        for (k = 0; k < 8; k++)
            v = (v >> 1) ^ (POLY & (0u - (v & 1u)));
        tab[0][i] = v;
    }
    for (i = 0; i < 256; i++)
        for (k = 1; k < 8; k++)
            tab[k][i] = (tab[k - 1][i] >> 8) ^ tab[0][tab[k - 1][i] & 0xFFu];
    k1 = x8n(BLOCK);
    k2 = x8n(2 * (size_t)BLOCK);
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    have_hw = __builtin_cpu_supports("sse4.2");
#endif
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* Eight bytes at a time through eight tables. */
static uint32_t sw_update(uint32_t c, const unsigned char *p, size_t n)
{
    for (; n >= 8; p += 8, n -= 8) {
        uint32_t lo = le32(p) ^ c, hi = le32(p + 4);
        c = tab[7][lo & 0xFFu] ^ tab[6][(lo >> 8) & 0xFFu] ^
            tab[5][(lo >> 16) & 0xFFu] ^ tab[4][lo >> 24] ^ tab[3][hi & 0xFFu] ^
            tab[2][(hi >> 8) & 0xFFu] ^ tab[1][(hi >> 16) & 0xFFu] ^
            tab[0][hi >> 24];
    }
    for (; n; p++, n--)
        c = tab[0][(c ^ *p) & 0xFFu] ^ (c >> 8);
    return c;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <nmmintrin.h>

__attribute__((target("sse4.2"))) static uint32_t
hw_update(uint32_t c, const unsigned char *p, size_t n)
{
    uint64_t c0 = c, v;

    for (; n && ((uintptr_t)p & 7); p++, n--)
        c0 = _mm_crc32_u8((uint32_t)c0, *p);
    while (n >= 3 * (size_t)BLOCK) {
        uint64_t c1 = 0, c2 = 0, a, b;
        const unsigned char *end = p + BLOCK;
        for (; p < end; p += 8) {
            memcpy(&v, p, 8);
            memcpy(&a, p + BLOCK, 8);
            memcpy(&b, p + 2 * BLOCK, 8);
            c0 = _mm_crc32_u64(c0, v);
            c1 = _mm_crc32_u64(c1, a);
            c2 = _mm_crc32_u64(c2, b);
        }
        c0 = multmodp(k2, (uint32_t)c0) ^ multmodp(k1, (uint32_t)c1) ^
             (uint32_t)c2;
        p += 2 * BLOCK;
        n -= 3 * (size_t)BLOCK;
    }
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&v, p, 8);
        c0 = _mm_crc32_u64(c0, v);
    }
    for (; n; p++, n--)
        c0 = _mm_crc32_u8((uint32_t)c0, *p);
    return (uint32_t)c0;
}
#endif

uint32_t isth__crc32c(const void *p, size_t n)
{
    pthread_once(&once, init);
#if defined(__x86_64__) && defined(__GNUC__)
    if (have_hw)
        return ~hw_update(0xFFFFFFFFu, p, n);
#endif
    return ~sw_update(0xFFFFFFFFu, p, n);
}

uint32_t isth__crc32c_sw(const void *p, size_t n)
{
    pthread_once(&once, init);
    return ~sw_update(0xFFFFFFFFu, p, n);
}
