/* SPDX-License-Identifier: MIT */
/*
 * match.c - the automaton over the document, normalized on the fly.
 * See match.h for what is found; DESIGN.md ("The matcher") for why.
 */
#include "match.h"

#include <string.h>

#include "alloc.h"
#include "db.h"
#include "utf8.h"

static int is_space(unsigned b)
{
    return b == ' ' || (b >= 0x09 && b <= 0x0D);
}

struct mstate {
    const struct isth_ac *ac;
    const uint32_t *pat_len;
    const unsigned char *pat_flags;
    struct isth_match_mem *mem;
    const unsigned char *t;
    isth_hit_fn fn;
    void *ctx;
    int rc; /* ISTH_ENOMEM from a window */
};

/*
 * Where a name of normalized length n ending at original byte q starts:
 * walks back over ASCII (a white-space run is one byte, mapped to its
 * first character).  Returns 1 with *start and *pw (the code point before
 * it is a word character), 0 when a byte from 0x80 is in the way.
 */
static int walk_back(const unsigned char *t, size_t q, size_t n, size_t *start,
                     int *pw)
{
    size_t j = q;

    while (n > 0) {
        unsigned b;
        if (j == 0)
            return 0;
        b = t[j - 1];
        if (b >= 0x80)
            return 0;
        j--;
        if (is_space(b))
            while (j > 0 && is_space(t[j - 1]))
                j--;
        n--;
    }
    if (j > 0 && t[j - 1] >= 0x80)
        return 0;
    *start = j;
    *pw = j > 0 && isth__ac_word_byte(t[j - 1]);
    return 1;
}

/*
 * The same exactly, for anything: normalizes a window ending at q that
 * starts on a plain ASCII character (where normalization restarts the same
 * whatever came before) and holds the name and the byte before it.
 * Returns 1 with *start when the name starts on a character boundary, and
 * *pw; 0 when it starts inside a character's expansion; -1 out of memory.
 */
static int window(struct mstate *m, size_t q, size_t n, size_t *start, int *pw)
{
    struct isth_norm *w = &m->mem->win;
    size_t back = 4 * n + 64, from, ns;
    const unsigned char *nt;

    for (;;) {
        from = q > back ? q - back : 0;
        while (from > 0 && (m->t[from] >= 0x80 || is_space(m->t[from])))
            from--;
        if (isth__normalize(w, (const char *)m->t + from, q - from,
                            ISTH_NORM_FOLD))
            return -1;
        if (w->out.len >= n + 1 || from == 0)
            break;
        back *= 2;
    }
    if (w->out.len < n) /* only a corrupt database gets here */
        return 0;
    ns = w->out.len - n;
    nt = (const unsigned char *)w->out.ptr;
    if (ns > 0 && w->src[ns - 1] == w->src[ns])
        return 0;
    *pw = ns > 0 && isth__is_word_cp(isth__utf8_prev(nt, ns));
    *start = from + w->src[ns];
    return 1;
}

/* The hits of state st, whose last character ends at original byte q;
 * the next output is at end, a word character when next_word. */
static int report(struct mstate *m, uint32_t st, size_t q, size_t end,
                  int next_word)
{
    const struct isth_ac *ac = m->ac;
    uint32_t t = ac->out[st] ? st : ac->dict[st];
    int rc;

    for (; t; t = ac->dict[t]) {
        uint32_t p = ac->out[t] - 1;
        if (!ac->out[t]) /* only a corrupt database links to one */
            continue;
        unsigned fl = m->pat_flags[p];
        size_t start;
        int pw, ok;

        ok = walk_back(m->t, q, m->pat_len[p], &start, &pw);
        if (!ok && (ok = window(m, q, m->pat_len[p], &start, &pw)) < 0)
            return m->rc = ISTH_ENOMEM;
        /* A name starts a character, and a word when it begins with a
         * word character. */
        if (!ok || ((fl & PAT_WORD_START) && pw))
            continue;
        rc = m->fn(m->ctx, p, start, end, !((fl & PAT_WORD_END) && next_word));
        if (rc)
            return rc;
    }
    return ISTH_OK;
}

/* The state number of v (see struct isth_ac). */
static inline uint32_t state_of(const struct isth_ac *ac, uint32_t v)
{
    if (v >= ac->hot_limit)
        return v - ac->hot_limit;
    return v >= ISTH_AC_ROOT_WORD(ac) ? 0 : v / ac->n_cls;
}

/* One normalized byte through the automaton, outside the fast loop. */
static uint32_t step(const struct isth_ac *ac, uint32_t v, unsigned char byte,
                     int after_word, int *acc)
{
    uint32_t t;

    if (v < ac->hot_limit && byte < 0x80) {
        uint32_t e = ac->dense[v + ac->cls[byte]];
        v = e >> 1;
        if (v >= ac->hot_limit)
            *acc = isth__ac_accepts(ac, v - ac->hot_limit);
        else
            *acc = (int)(e & 1);
        return v;
    }
    t = isth__ac_step(ac, state_of(ac, v), byte, after_word);
    *acc = isth__ac_accepts(ac, t);
    if (t >= ac->n_hot)
        return ac->hot_limit + t;
    if (t)
        return t * ac->n_cls;
    if (is_space(byte))
        return ISTH_AC_ROOT_SPACE(ac);
    return isth__ac_word_byte(byte) ? ISTH_AC_ROOT_WORD(ac) : 0;
}

int isth__match(const struct isth_ac *ac, const uint32_t *pat_len,
                const unsigned char *pat_flags, struct isth_match_mem *mem,
                const char *text, size_t len, isth_hit_fn fn, void *ctx)
{
    const unsigned char *t = (const unsigned char *)text;
    const uint16_t *tcls = ac->tcls;
    const uint32_t *dense = ac->dense;
    const uint32_t limit = ac->hot_limit;
    struct mstate m;
    size_t i = 0, pend_q = 0;
    uint32_t v = 0, pend_st = 0;
    /* in_space: the last normalized byte is a space (a run goes on);
     * pbw: it is an ASCII word byte (for the sparse step's root). */
    int rc, acc, pending = 0, in_space = 0, pbw = 0;

    if (ac->n_states <= 1 || !dense)
        return ISTH_OK;
    m.ac = ac;
    m.pat_len = pat_len;
    m.pat_flags = pat_flags;
    m.mem = mem;
    m.t = t;
    m.fn = fn;
    m.ctx = ctx;
    m.rc = ISTH_OK;

    while (i < len) {
        unsigned b;

        if (!pending && v < limit) {
            /* The fast loop: plain ASCII in states with rows, until a
             * target needs attention (no row, or a name ends there). */
            size_t i0 = i;
            while (i < len) {
                unsigned c = tcls[t[i]];
                uint32_t e;
                if (c & ISTH_TCLS_OTHER)
                    break;
                e = dense[v + c];
                v = e >> 1;
                i++;
                if (e & 1) {
                    uint32_t st = state_of(ac, v);
                    if (isth__ac_accepts(ac, st)) {
                        pending = 1;
                        pend_st = st;
                        pend_q = i;
                    }
                    break;
                }
            }
            if (i > i0) {
                in_space = is_space(t[i - 1]);
                pbw = isth__ac_word_byte(t[i - 1]);
            }
            if (i >= len)
                break;
        }

        /* One character the slow way: it is not ASCII, or the state has
         * no row, or a name ended before it (whose end it settles). */
        b = t[i];
        if (b < 0x80) {
            unsigned char nb;
            if (is_space(b)) {
                if (in_space) {
                    i++;
                    continue;
                }
                in_space = 1;
                nb = ' ';
            } else {
                in_space = 0;
                nb = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            }
            if (pending) {
                if ((rc = report(&m, pend_st, pend_q, i,
                                 isth__ac_word_byte(nb))))
                    return rc;
                pending = 0;
            }
            v = step(ac, v, nb, pbw, &acc);
            pbw = isth__ac_word_byte(nb);
            i++;
        } else {
            int32_t cps[ISTH_NORM_CHAR_MAX];
            size_t k, nc, adv;

            nc = isth__norm_char(t + i, len - i, ISTH_NORM_FOLD, &in_space, cps,
                                 &adv);
            if (nc == 0) { /* a mark, an ignorable: inside the span */
                i += adv;
                continue;
            }
            if (pending) {
                if ((rc = report(&m, pend_st, pend_q, i,
                                 isth__is_word_cp(cps[0]))))
                    return rc;
                pending = 0;
            }
            acc = 0;
            for (k = 0; k < nc; k++) {
                unsigned char enc[4];
                size_t j, nb = isth__utf8_encode(cps[k], enc);
                for (j = 0; j < nb; j++) {
                    v = step(ac, v, enc[j], pbw, &acc);
                    pbw = isth__ac_word_byte(enc[j]);
                }
            }
            /* Only the state after the whole expansion can report: a
             * name may not end inside one character. */
            i += adv;
        }
        if (acc) {
            pending = 1;
            pend_st = state_of(ac, v);
            pend_q = i;
        }
    }
    if (pending)
        return report(&m, pend_st, pend_q, len, 0);
    return ISTH_OK;
}

void isth__match_mem_free(struct isth_match_mem *mem)
{
    isth__norm_free(&mem->win);
}
