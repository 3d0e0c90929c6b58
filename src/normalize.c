/* SPDX-License-Identifier: MIT */
/*
 * normalize.c - text normalization with an offset map back to the
 * original.  utf8proc does the Unicode work (compatibility decomposition,
 * case folding, mark stripping, lumping of look-alike punctuation); this
 * file adds white-space collapsing, the typographic quotes utf8proc leaves
 * alone, and the map.  ASCII takes a table-driven fast path.
 */
#include "normalize.h"

#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "utf8.h"

#define SPACE_MARK (-1) /* map_one() result: white space */

static const utf8proc_option_t UOPTS = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                       UTF8PROC_STRIPMARK | UTF8PROC_IGNORE |
                                       UTF8PROC_LUMP;

static int is_space_cp(int32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85)
        return 1;
    if (cp < 0xA0)
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return 1;
    default: return 0;
    }
}

/* Typographic variants utf8proc's LUMP does not unify. */
static int32_t typographic(int32_t cp)
{
    switch (cp) {
    case 0x201A: /* single low-9 quotation mark */
    case 0x201B: /* single high-reversed-9 quotation mark */
    case 0x2032: /* prime */
    case 0xFF07: /* full-width apostrophe */ return '\'';
    case 0x201C: /* left double quotation mark */
    case 0x201D: /* right double quotation mark */
    case 0x201E: /* double low-9 quotation mark */
    case 0x201F: /* double high-reversed-9 quotation mark */
    case 0x2033: /* double prime */ return '"';
    default: return cp;
    }
}

/* Appends one output code point with its source offset. */
static int emit(struct isth_norm *n, int32_t cp, uint32_t src, unsigned flags,
                int *in_space)
{
    unsigned char enc[4];
    size_t k, len;
    int rc;

    if (cp == SPACE_MARK || is_space_cp(cp)) {
        if (*in_space)
            return ISTH_OK;
        *in_space = 1;
        cp = ' ';
    } else {
        *in_space = 0;
        cp = typographic(cp);
    }
    len = isth__utf8_encode(cp, enc);
    if ((rc = isth__buf_reserve(&n->out, len)) != ISTH_OK)
        return rc;
    if (!(flags & ISTH_NORM_NOMAP)) {
        rc = isth__grow(&n->src, &n->src_cap, n->out.len + len + 1,
                        sizeof *n->src);
        if (rc)
            return rc;
        for (k = 0; k < len; k++)
            n->src[n->out.len + k] = src;
    }
    memcpy(n->out.ptr + n->out.len, enc, len);
    n->out.len += len;
    return ISTH_OK;
}

int isth__normalize(struct isth_norm *n, const char *text, size_t len,
                    unsigned flags)
{
    const unsigned char *s = (const unsigned char *)text;
    utf8proc_option_t opts = UOPTS;
    utf8proc_int32_t dec[32];
    int in_space = 0;
    size_t i = 0, adv;
    int rc = ISTH_OK;

    if (flags & ISTH_NORM_FOLD)
        opts = (utf8proc_option_t)(opts | UTF8PROC_CASEFOLD);
    if (len > UINT32_MAX - 1)
        return ISTH_ETOOBIG;
    n->out.len = 0;
    /* Most text is ASCII: reserve once so the loop rarely grows. */
    if ((rc = isth__buf_reserve(&n->out, len + 8)) != ISTH_OK)
        return rc;
    if (!(flags & ISTH_NORM_NOMAP)) {
        rc = isth__grow(&n->src, &n->src_cap, len + 9, sizeof *n->src);
        if (rc)
            return rc;
    }
    while (i < len) {
        unsigned char c = s[i];
        int32_t cp;
        utf8proc_ssize_t k, nd;
        int bc = 0;

        if (c < 0x80 && c != ' ' && (c < 0x09 || c > 0x0D)) {
            /* ASCII fast path: only case and the buffer checks matter. */
            if ((flags & ISTH_NORM_FOLD) && c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (n->out.len + 1 > n->out.cap ||
                (!(flags & ISTH_NORM_NOMAP) && n->out.len + 2 > n->src_cap)) {
                if ((rc = emit(n, c, (uint32_t)i, flags, &in_space)) != 0)
                    return rc;
            } else {
                if (!(flags & ISTH_NORM_NOMAP))
                    n->src[n->out.len] = (uint32_t)i;
                n->out.ptr[n->out.len++] = (char)c;
                in_space = 0;
            }
            i++;
            continue;
        }
        cp = isth__utf8_decode(s + i, len - i, &adv);
        if (is_space_cp(cp)) {
            rc = emit(n, SPACE_MARK, (uint32_t)i, flags, &in_space);
        } else {
            nd = utf8proc_decompose_char(cp, dec, 32, opts, &bc);
            if (nd < 0 || nd > 32) { /* cannot happen for valid input */
                dec[0] = cp;
                nd = 1;
            }
            for (k = 0; k < nd && rc == ISTH_OK; k++)
                rc = emit(n, dec[k], (uint32_t)i, flags, &in_space);
        }
        if (rc)
            return rc;
        i += adv;
    }
    if (!(flags & ISTH_NORM_NOMAP)) {
        rc = isth__grow(&n->src, &n->src_cap, n->out.len + 1, sizeof *n->src);
        if (rc)
            return rc;
        n->src[n->out.len] = (uint32_t)len;
    }
    return ISTH_OK;
}

void isth__norm_free(struct isth_norm *n)
{
    isth__buf_free(&n->out);
    isth__free(n->src);
    n->src = NULL;
    n->src_cap = 0;
}
