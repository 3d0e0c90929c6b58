/* SPDX-License-Identifier: MIT */
/*
 * match.c - the automaton over the document, normalized on the fly.
 * See match.h for what is found; DESIGN.md ("The matcher") for why.
 */
#include "match.h"

#include <stdint.h>
#include <stdlib.h>
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
    size_t lo, hi; /* the stream reports hits that start in [lo, hi) */
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
    *pw = j > 0 && isth__is_word_byte(t[j - 1]);
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
            return ISTH_ENOMEM;
        /* A name starts a character, and a word when it begins with a
         * word character. */
        if (!ok || ((fl & PAT_WORD_START) && pw) || start < m->lo ||
            start >= m->hi)
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
    return isth__is_word_byte(byte) ? ISTH_AC_ROOT_WORD(ac) : 0;
}

/*
 * One scan of the text: a position, an automaton state and what is
 * pending.  A document is scanned by one, or by two interleaved (see
 * isth__match).
 */
struct stream {
    size_t i, pend_q;
    uint32_t v, pend_st;
    /* in_space: the last normalized byte is a space (a run goes on);
     * pbw: it is an ASCII word byte (for the sparse step's root). */
    int pending, in_space, pbw;
    size_t lo, hi; /* report only hits that start in [lo, hi) */
    size_t stop;   /* past this, stop at the first root with nothing
                      pending (SIZE_MAX: never) */
    int done;
};

static void stream_init(struct stream *S, size_t at, size_t lo, size_t hi,
                        size_t stop)
{
    memset(S, 0, sizeof *S);
    S->i = at;
    S->lo = lo;
    S->hi = hi;
    S->stop = stop;
}

/* Stores where a fast loop stopped: stream S went from byte i0 to i and
 * is in row v; e is the last row entry taken (bit 0: a target that needs
 * attention, pending when a name ends there). */
static inline void fast_leave(const struct isth_ac *ac, const unsigned char *t,
                              struct stream *S, size_t i0, size_t i, uint32_t v,
                              uint32_t e)
{
    if (i > i0) {
        if (e & 1) {
            uint32_t st = state_of(ac, v);
            if (isth__ac_accepts(ac, st)) {
                S->pending = 1;
                S->pend_st = st;
                S->pend_q = i;
            }
        }
        S->in_space = is_space(t[i - 1]);
        S->pbw = isth__is_word_byte(t[i - 1]);
    }
    S->i = i;
    S->v = v;
}

/* The fast loop: plain ASCII in states with rows, at most max bytes,
 * until a target needs attention (no row, or a name ends there). */
static void fast_run(const struct isth_ac *ac, const unsigned char *t,
                     size_t len, struct stream *S, size_t max)
{
    const uint16_t *tcls = ac->tcls;
    const uint32_t *dense = ac->dense;
    size_t i = S->i, i0 = i, end = len - i > max ? i + max : len;
    uint32_t v = S->v, e = 0;

    while (i < end) {
        unsigned c = tcls[t[i]];
        if (c & ISTH_TCLS_OTHER)
            break;
        e = dense[v + c];
        v = e >> 1;
        i++;
        if (e & 1)
            break;
    }
    fast_leave(ac, t, S, i0, i, v, e);
}

/* Two streams' fast loops in step, so two chains of dependent loads are
 * in flight: until either needs attention or meets a byte from 0x80. */
static void fast_pair(const struct isth_ac *ac, const unsigned char *t,
                      size_t len, struct stream *A, size_t a_end,
                      struct stream *B)
{
    const uint16_t *tcls = ac->tcls;
    const uint32_t *dense = ac->dense;
    size_t ia = A->i, ib = B->i, ia0 = ia, ib0 = ib;
    uint32_t va = A->v, vb = B->v, ea = 0, eb = 0;

    while (ia < a_end && ib < len) {
        unsigned ca = tcls[t[ia]], cb = tcls[t[ib]];
        if ((ca | cb) & ISTH_TCLS_OTHER)
            break;
        ea = dense[va + ca];
        eb = dense[vb + cb];
        va = ea >> 1;
        vb = eb >> 1;
        ia++;
        ib++;
        if ((ea | eb) & 1)
            break;
    }
    /* Each stream as fast_run would have left it. */
    fast_leave(ac, t, A, ia0, ia, va, ea);
    fast_leave(ac, t, B, ib0, ib, vb, eb);
}

/* One character the slow way: it is not ASCII, or the state has no row,
 * or a name ended before it (whose end it settles). */
static int slow_char(struct mstate *m, size_t len, struct stream *S)
{
    const struct isth_ac *ac = m->ac;
    const unsigned char *t = m->t;
    size_t i = S->i;
    unsigned b = t[i];
    int rc, acc = 0;

    m->lo = S->lo;
    m->hi = S->hi;
    if (b < 0x80) {
        unsigned char nb;
        if (is_space(b)) {
            if (S->in_space) {
                S->i = i + 1;
                return ISTH_OK;
            }
            S->in_space = 1;
            nb = ' ';
        } else {
            S->in_space = 0;
            nb = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        if (S->pending) {
            if ((rc = report(m, S->pend_st, S->pend_q, i,
                             isth__is_word_byte(nb))))
                return rc;
            S->pending = 0;
        }
        S->v = step(ac, S->v, nb, S->pbw, &acc);
        S->pbw = isth__is_word_byte(nb);
        i++;
    } else {
        int32_t cps[ISTH_NORM_CHAR_MAX];
        size_t k, nc, adv;

        nc = isth__norm_char(t + i, len - i, ISTH_NORM_FOLD, &S->in_space, cps,
                             &adv);
        if (nc == 0) { /* a mark, an ignorable: inside the span */
            S->i = i + adv;
            return ISTH_OK;
        }
        if (S->pending) {
            if ((rc = report(m, S->pend_st, S->pend_q, i,
                             isth__is_word_cp(cps[0]))))
                return rc;
            S->pending = 0;
        }
        for (k = 0; k < nc; k++) {
            unsigned char enc[4];
            size_t j, nb = isth__utf8_encode(cps[k], enc);
            for (j = 0; j < nb; j++) {
                S->v = step(ac, S->v, enc[j], S->pbw, &acc);
                S->pbw = isth__is_word_byte(enc[j]);
            }
        }
        /* Only the state after the whole expansion can report: a name
         * may not end inside one character. */
        i += adv;
    }
    S->i = i;
    if (acc) {
        S->pending = 1;
        S->pend_st = state_of(ac, S->v);
        S->pend_q = i;
    }
    return ISTH_OK;
}

/* Whether S may stop: past its stop, at a root, nothing pending (no name
 * under way can then end later). */
static int may_stop(const struct isth_ac *ac, const struct stream *S)
{
    return S->i >= S->stop && !S->pending &&
           (S->v == 0 || S->v == ISTH_AC_ROOT_WORD(ac) ||
            S->v == ISTH_AC_ROOT_SPACE(ac));
}

/* The end of a stream: its pending name, reported. */
static int finish(struct mstate *m, size_t len, struct stream *S)
{
    S->done = 1;
    if (!S->pending || S->i < len)
        return ISTH_OK;
    m->lo = S->lo;
    m->hi = S->hi;
    return report(m, S->pend_st, S->pend_q, len, 0);
}

/* Collects a hit of a two-stream scan. */
static int keep_hit(void *ctx, uint32_t p, size_t start, size_t end,
                    int word_end)
{
    struct isth_match_mem *mem = ctx;
    struct isth_match_hit *h;

    if (isth__grow(&mem->hits, &mem->cap_hits, mem->n_hits + 1, sizeof *h))
        return ISTH_ENOMEM;
    h = &mem->hits[mem->n_hits++];
    h->p = p;
    h->start = start;
    h->end = end;
    h->word_end = word_end;
    return ISTH_OK;
}

/* The order one stream reports in: by end, and at one end longest
 * first. */
static int cmp_hit(const void *pa, const void *pb)
{
    const struct isth_match_hit *a = pa, *b = pb;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

int isth__match(const struct isth_ac *ac, const uint32_t *pat_len,
                const unsigned char *pat_flags, struct isth_match_mem *mem,
                const char *text, size_t len, isth_hit_fn fn, void *ctx)
{
    const unsigned char *t = (const unsigned char *)text;
    const uint32_t limit = ac->hot_limit;
    size_t split = mem->split_min ? mem->split_min : ISTH_MATCH_SPLIT_MIN;
    size_t mid = len, k;
    struct stream A, B;
    struct mstate m;
    int rc = ISTH_OK;

    if (ac->n_states <= 1 || !ac->dense)
        return ISTH_OK;
    m.ac = ac;
    m.pat_len = pat_len;
    m.pat_flags = pat_flags;
    m.mem = mem;
    m.t = t;
    m.fn = fn;
    m.ctx = ctx;

    /* A long document is scanned as two halves at once, cut at a space
     * after a non-space (a clean start): the first half runs on past the
     * cut until no name can be under way.  Only where rows do most of
     * the work (a quarter of the states have them): deep sparse steps do
     * not overlap, and buffering the hits would be all that is left. */
    if (len >= split &&
        (mem->split_min || (uint64_t)ac->n_hot * 4 >= ac->n_states)) {
        for (mid = len / 2; mid < len && mid < len / 2 + 256; mid++)
            if (t[mid] == ' ' && t[mid - 1] < 0x80 && !is_space(t[mid - 1]))
                break;
        if (mid >= len || t[mid] != ' ')
            mid = len;
    }
    if (mid == len) {
        stream_init(&A, 0, 0, SIZE_MAX, SIZE_MAX);
        while (A.i < len && rc == ISTH_OK) {
            if (!A.pending && A.v < limit) {
                fast_run(ac, t, len, &A, SIZE_MAX);
                if (A.i >= len)
                    break;
            }
            rc = slow_char(&m, len, &A);
        }
        return rc ? rc : finish(&m, len, &A);
    }

    stream_init(&A, 0, 0, mid, mid);
    stream_init(&B, mid, mid, SIZE_MAX, SIZE_MAX);
    mem->n_hits = 0;
    m.fn = keep_hit;
    m.ctx = mem;
    while (rc == ISTH_OK && (!A.done || !B.done)) {
        int fa = !A.done && !A.pending && A.v < limit;
        int fb = !B.done && !B.pending && B.v < limit;
        if (fa && fb && A.i < mid) {
            fast_pair(ac, t, len, &A, mid, &B);
        } else {
            /* Past the cut, the first stream looks for its stop often. */
            if (fa)
                fast_run(ac, t, len, &A, A.i < mid ? 64 : 8);
            if (fb)
                fast_run(ac, t, len, &B, 64);
        }
        /* Whichever cannot go on fast takes one character slowly. */
        if (!A.done && (A.i >= len || may_stop(ac, &A)))
            rc = finish(&m, len, &A);
        else if (!A.done && (A.pending || A.v >= limit ||
                             (ac->tcls[t[A.i]] & ISTH_TCLS_OTHER)))
            rc = slow_char(&m, len, &A);
        if (rc)
            break;
        if (!B.done && B.i >= len)
            rc = finish(&m, len, &B);
        else if (!B.done && (B.pending || B.v >= limit ||
                             (ac->tcls[t[B.i]] & ISTH_TCLS_OTHER)))
            rc = slow_char(&m, len, &B);
    }
    if (rc)
        return rc;
    /* In the order one stream would have given them. */
    if (mem->n_hits > 1)
        qsort(mem->hits, mem->n_hits, sizeof *mem->hits, cmp_hit);
    for (k = 0; k < mem->n_hits; k++) {
        const struct isth_match_hit *h = &mem->hits[k];
        if ((rc = fn(ctx, h->p, h->start, h->end, h->word_end)))
            return rc;
    }
    return ISTH_OK;
}

void isth__match_mem_free(struct isth_match_mem *mem)
{
    isth__norm_free(&mem->win);
    isth__free(mem->hits);
    mem->hits = NULL;
    mem->n_hits = mem->cap_hits = 0;
}
