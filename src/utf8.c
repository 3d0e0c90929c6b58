/* SPDX-License-Identifier: MIT */
/*
 * utf8.c - strict UTF-8 decoding with byte-wise recovery, character
 * classes from utf8proc's tables, and the public offset-unit counter.
 * Normalization lives in normalize.c; this file only reads characters.
 */
#include "utf8.h"

#include <utf8proc.h>

int32_t isth__utf8_decode(const unsigned char *s, size_t len, size_t *adv)
{
    unsigned char c = s[0];
    int32_t cp;
    size_t n, i;

    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        goto bad;
    }
    if (len < n)
        goto bad;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto bad;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        goto bad;
    *adv = n;
    return cp;
bad:
    *adv = 1;
    return ISTH_REPLACEMENT;
}

size_t isth__utf8_encode(int32_t cp, unsigned char out[4])
{
    uint32_t u = (uint32_t)cp;

    if (u < 0x80) {
        out[0] = (unsigned char)u;
        return 1;
    }
    if (u < 0x800) {
        out[0] = (unsigned char)(0xC0 | (u >> 6));
        out[1] = (unsigned char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (u >> 12));
        out[1] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (u & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (u >> 18));
    out[1] = (unsigned char)(0x80 | ((u >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (u & 0x3F));
    return 4;
}

const unsigned char isth__word_bytes[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1, ['A'] = 1,
    ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1,
    ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1,
    ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1,
    ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1,
    ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1,
    ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1,
    ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1,
    ['x'] = 1, ['y'] = 1, ['z'] = 1};

int isth__is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z') || cp == '_';
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_PC: return 1;
    default: return 0;
    }
}

int isth__is_upper_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int isth__is_lower_cp(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

void isth__word_starts(const unsigned char *s, size_t len, uint32_t *upper,
                       uint32_t *lower)
{
    size_t i = 0, adv;
    unsigned n = 0;
    int in_word = 0;

    *upper = *lower = 0;
    while (i < len && n < 32) {
        int w, up, low;
        if (s[i] < 0x80) { /* ASCII without a table lookup */
            up = (unsigned)s[i] - 'A' < 26u;
            low = (unsigned)s[i] - 'a' < 26u;
            w = up || low || isth__is_word_byte(s[i]);
            adv = 1;
        } else {
            int32_t cp = isth__utf8_decode(s + i, len - i, &adv);
            w = isth__is_word_cp(cp);
            up = w && isth__is_upper_cp(cp);
            low = w && !up && isth__is_lower_cp(cp);
        }
        if (w && !in_word) {
            if (up)
                *upper |= 1u << n;
            else if (low)
                *lower |= 1u << n;
            n++;
        }
        in_word = w;
        i += adv;
    }
}

int isth__is_letter_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int32_t isth__utf8_prev(const unsigned char *s, size_t pos)
{
    size_t back = 1, adv;
    int32_t cp;

    /* Step back over continuation bytes to a plausible lead byte. */
    while (back < 4 && back < pos && (s[pos - back] & 0xC0) == 0x80)
        back++;
    cp = isth__utf8_decode(s + pos - back, back, &adv);
    if (adv != back)
        return ISTH_REPLACEMENT; /* the last byte was invalid on its own */
    return cp;
}

size_t isth_count_units(const char *text, size_t len, isth_unit unit)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n = 0, adv;
    int32_t cp;

    if (!text || unit == ISTH_UNIT_BYTES)
        return text ? len : 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            n++;
            continue;
        }
        cp = isth__utf8_decode(s + i, len - i, &adv);
        i += adv;
        n += (unit == ISTH_UNIT_UTF16 && cp >= 0x10000) ? 2 : 1;
    }
    return n;
}
