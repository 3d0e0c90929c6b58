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

size_t isth__norm_char(const unsigned char *s, size_t len, unsigned flags,
                       int *in_space, int32_t *cps, size_t *adv)
{
    utf8proc_option_t opts = UOPTS;
    utf8proc_int32_t dec[ISTH_NORM_CHAR_MAX];
    utf8proc_ssize_t k, nd;
    size_t n = 0;
    int32_t cp;
    int bc = 0;

    if (s[0] < 0x80 && s[0] != ' ' && (s[0] < 0x09 || s[0] > 0x0D)) {
        cp = s[0];
        if ((flags & ISTH_NORM_FOLD) && cp >= 'A' && cp <= 'Z')
            cp += 32;
        *adv = 1;
        *in_space = 0;
        cps[0] = cp;
        return 1;
    }
    cp = isth__utf8_decode(s, len, adv);
    if (is_space_cp(cp)) {
        dec[0] = ' ';
        nd = 1;
    } else {
        if (flags & ISTH_NORM_FOLD)
            opts = (utf8proc_option_t)(opts | UTF8PROC_CASEFOLD);
        nd = utf8proc_decompose_char(cp, dec, ISTH_NORM_CHAR_MAX, opts, &bc);
        if (nd < 0 || nd > ISTH_NORM_CHAR_MAX) { /* not for valid input */
            dec[0] = cp;
            nd = 1;
        }
    }
    for (k = 0; k < nd; k++) {
        if (is_space_cp(dec[k])) {
            if (*in_space)
                continue;
            *in_space = 1;
            cps[n++] = ' ';
        } else {
            *in_space = 0;
            cps[n++] = typographic(dec[k]);
        }
    }
    return n;
}

/* Appends one output code point with its source offset. */
static int emit(struct isth_norm *n, int32_t cp, uint32_t src, unsigned flags)
{
    unsigned char enc[4];
    size_t k, len;
    int rc;

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
    int32_t cps[ISTH_NORM_CHAR_MAX];
    int in_space = 0;
    size_t i = 0, adv, k, nc;
    int rc = ISTH_OK;

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

        if (c < 0x80 && c != ' ' && (c < 0x09 || c > 0x0D) &&
            n->out.len + 1 <= n->out.cap &&
            ((flags & ISTH_NORM_NOMAP) || n->out.len + 2 <= n->src_cap)) {
            /* ASCII fast path: only case matters. */
            if ((flags & ISTH_NORM_FOLD) && c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (!(flags & ISTH_NORM_NOMAP))
                n->src[n->out.len] = (uint32_t)i;
            n->out.ptr[n->out.len++] = (char)c;
            in_space = 0;
            i++;
            continue;
        }
        nc = isth__norm_char(s + i, len - i, flags, &in_space, cps, &adv);
        for (k = 0; k < nc; k++)
            if ((rc = emit(n, cps[k], (uint32_t)i, flags)) != ISTH_OK)
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

size_t isth_name_key(const char *text, size_t len, char *buf, size_t size)
{
    struct isth_norm n = {{0}, 0, 0};
    size_t b = 0, e;

    if (!text && len)
        return (size_t)-1;
    if (isth__normalize(&n, text ? text : "", len,
                        ISTH_NORM_FOLD | ISTH_NORM_NOMAP) != ISTH_OK) {
        isth__norm_free(&n);
        return (size_t)-1;
    }
    e = n.out.len;
    while (b < e && n.out.ptr[b] == ' ')
        b++;
    while (e > b && n.out.ptr[e - 1] == ' ')
        e--;
    if (buf && size) {
        size_t k = e - b < size - 1 ? e - b : size - 1;
        if (k)
            memcpy(buf, n.out.ptr + b, k);
        buf[k] = 0;
    }
    isth__norm_free(&n);
    return e - b;
}
