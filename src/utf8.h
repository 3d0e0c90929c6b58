/* SPDX-License-Identifier: MIT */
/*
 * utf8.h - UTF-8 decoding that never fails, and word-character classes.
 *
 * Invalid input is read one byte at a time as U+FFFD, so every byte of a
 * document belongs to exactly one code point and offsets stay exact.
 */
#ifndef ISTH_UTF8_H
#define ISTH_UTF8_H

#include "internal.h"

#define ISTH_REPLACEMENT 0xFFFD

/*
 * Decodes the code point at s[0..len) (len >= 1).  Stores its length in
 * bytes in *adv (1 to 4).  Overlong forms, surrogates, values above
 * U+10FFFF and truncated sequences decode as U+FFFD with *adv = 1.
 */
ISTH_INTERNAL int32_t isth__utf8_decode(const unsigned char *s, size_t len,
                                        size_t *adv);

/* Encodes cp (a valid scalar value) into out, returns 1 to 4. */
ISTH_INTERNAL size_t isth__utf8_encode(int32_t cp, unsigned char out[4]);

/* ASCII word bytes: letters, digits, '_' (isth__is_word_cp below 0x80);
 * 0 for the bytes of UTF-8 sequences.  A table: one load, no branches. */
ISTH_INTERNAL extern const unsigned char isth__word_bytes[256];

static inline int isth__is_word_byte(unsigned c)
{
    return isth__word_bytes[c & 0xFF];
}

/* Non-zero when cp is a word character: a letter, mark, number or
 * connector punctuation (Unicode L*, M*, N*, Pc). */
ISTH_INTERNAL int isth__is_word_cp(int32_t cp);

/* Non-zero when cp is an upper-case or title-case letter (Lu, Lt). */
ISTH_INTERNAL int isth__is_upper_cp(int32_t cp);

/* Non-zero when cp is a lower-case letter (Ll). */
ISTH_INTERNAL int isth__is_lower_cp(int32_t cp);

/* Non-zero when cp is a letter (L*). */
ISTH_INTERNAL int isth__is_letter_cp(int32_t cp);

/* How the words of s begin (a word: a maximal run of word characters):
 * bit i of *upper is set when word i (of the first 32) begins with an
 * upper-case letter, of *lower when it begins with a lower-case one. */
ISTH_INTERNAL void isth__word_starts(const unsigned char *s, size_t len,
                                     uint32_t *upper, uint32_t *lower);

/* The code point that ends just before s[pos] (pos > 0), reading
 * backwards over at most 4 bytes. */
ISTH_INTERNAL int32_t isth__utf8_prev(const unsigned char *s, size_t pos);

#endif
