/* SPDX-License-Identifier: MIT */
/*
 * regex.c - the PCRE2 wrapper.
 *
 * Patterns compile with PCRE2_UTF | PCRE2_UCP (so \w, \b and \d follow
 * Unicode) and PCRE2_MATCH_INVALID_UTF (so a document with invalid UTF-8
 * is matched around its bad bytes instead of being refused), then are
 * JIT-compiled when the platform supports it.  Memory comes from the
 * library's allocator, so the fault-injection tests reach it too.
 */
#define _DEFAULT_SOURCE /* CLOCK_MONOTONIC_COARSE */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "alloc.h"

struct isth_re {
    pcre2_code *code;
    uint32_t captures;
    char *src; /* kept for serialization: regexes are stored as source */
    int caseless;
    int anchored; /* compiled PCRE2_ANCHORED */
    int windowed; /* searched ISTH_RE_WINDOW start positions per call */
};

struct isth_re_state {
    pcre2_general_context *gctx;
    pcre2_match_context *mctx;
    pcre2_match_data *md;
    pcre2_jit_stack *jit;
    /* The document's budget (isth__re_budget_start), in nanoseconds: a
     * deadline on the coarse wall clock, looked at before every
     * pcre2_match(); when it passes, the thread's CPU time since
     * cpu_start decides (see over_budget). */
    uint64_t deadline, budget, cpu_start;
    int budget_on, have_cpu, spent;
};

/* A clock read in a few nanoseconds (from the vDSO, 1-4 ms steps). */
#ifdef CLOCK_MONOTONIC_COARSE
#define BUDGET_CLOCK CLOCK_MONOTONIC_COARSE
#else
#define BUDGET_CLOCK CLOCK_MONOTONIC
#endif

static uint64_t ns_of(clockid_t clock)
{
    struct timespec ts;

    if (clock_gettime(clock, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/*
 * Whether the document's budget is used up (and say so in st).  The wall
 * clock is read every time (a few nanoseconds); the thread's CPU time (a
 * system call) only once the wall-clock deadline has passed, and only
 * for documents that read it at their start: a thread that waited for a
 * core (more threads than cores, a busy machine) gets its deadline moved
 * on by the time it did not run, so only work counts.
 */
static int over_budget(struct isth_re_state *st)
{
    uint64_t now, used;

    if (!st->budget_on || st->spent)
        return st->spent;
    now = ns_of(BUDGET_CLOCK);
    if (now <= st->deadline)
        return 0;
    if (st->have_cpu) {
        used = ns_of(CLOCK_THREAD_CPUTIME_ID) - st->cpu_start;
        if (used < st->budget) {
            st->deadline = now + (st->budget - used);
            return 0;
        }
    }
    st->spent = 1;
    return 1;
}

static void *re_malloc(PCRE2_SIZE n, void *ud)
{
    (void)ud;
    return isth__alloc(n ? n : 1, 1);
}

static void re_free(void *p, void *ud)
{
    (void)ud;
    isth__free(p);
}

int isth__re_compile(struct isth_re **out, const char *pattern, unsigned flags,
                     char *msg, size_t msgsize, size_t *offset)
{
    pcre2_general_context *g;
    pcre2_compile_context *cc;
    struct isth_re *re;
    PCRE2_SIZE eoff = 0;
    int ecode = 0, windowed;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;

    *out = NULL;
    *offset = 0;
    if (flags & ISTH_RE_CASELESS)
        opts |= PCRE2_CASELESS;
    /* \G asserts the start offset, which a window moves: such a pattern
     * searches in one call. */
    windowed = !(flags & ISTH_RE_ANCHORED) && !strstr(pattern, "\\G");
    if (flags & ISTH_RE_ANCHORED)
        opts |= PCRE2_ANCHORED;
    if (windowed)
        opts |= PCRE2_USE_OFFSET_LIMIT; /* searches go window by window */
    if (!(re = isth__calloc(1, sizeof *re)))
        return ISTH_ENOMEM;
    g = pcre2_general_context_create(re_malloc, re_free, NULL);
    cc = g ? pcre2_compile_context_create(g) : NULL;
    if (!cc) {
        pcre2_general_context_free(g);
        isth__free(re);
        return ISTH_ENOMEM;
    }
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
                             &ecode, &eoff, cc);
    pcre2_compile_context_free(cc);
    pcre2_general_context_free(g);
    if (!re->code) {
        PCRE2_UCHAR buf[256];
        isth__free(re);
        if (ecode == PCRE2_ERROR_NOMEMORY || ecode == PCRE2_ERROR_HEAP_FAILED)
            return ISTH_ENOMEM;
        if (pcre2_get_error_message(ecode, buf, sizeof buf) < 0)
            snprintf((char *)buf, sizeof buf, "error %d", ecode);
        snprintf(msg, msgsize, "%s", (const char *)buf);
        *offset = eoff;
        return ISTH_EREGEX;
    }
    if (!(re->src = isth__strdup(pattern))) {
        pcre2_code_free(re->code);
        isth__free(re);
        return ISTH_ENOMEM;
    }
    re->caseless = (flags & ISTH_RE_CASELESS) != 0;
    re->anchored = (flags & ISTH_RE_ANCHORED) != 0;
    re->windowed = windowed;
    /* JIT is an optimization: where it is unavailable, interpret. */
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->captures);
    *out = re;
    return ISTH_OK;
}

void isth__re_free(struct isth_re *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    isth__free(re->src);
    isth__free(re);
}

const char *isth__re_source(const struct isth_re *re)
{
    return re->src;
}

int isth__re_caseless(const struct isth_re *re)
{
    return re->caseless;
}

uint32_t isth__re_captures(const struct isth_re *re)
{
    return re->captures;
}

int isth__re_group(const struct isth_re *re, const char *name)
{
    int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
    return n > 0 ? n : -1;
}

int isth__re_state_new(struct isth_re_state **out, uint32_t max_captures)
{
    struct isth_re_state *st;

    *out = NULL;
    if (!(st = isth__calloc(1, sizeof *st)))
        return ISTH_ENOMEM;
    st->gctx = pcre2_general_context_create(re_malloc, re_free, NULL);
    st->mctx = st->gctx ? pcre2_match_context_create(st->gctx) : NULL;
    st->md =
        st->gctx ? pcre2_match_data_create(max_captures + 1, st->gctx) : NULL;
    if (!st->mctx || !st->md) {
        isth__re_state_free(st);
        return ISTH_ENOMEM;
    }
    pcre2_set_match_limit(st->mctx, ISTH_RE_MATCH_LIMIT);
    pcre2_set_depth_limit(st->mctx, ISTH_RE_DEPTH_LIMIT);
    pcre2_set_heap_limit(st->mctx, ISTH_RE_HEAP_LIMIT);
    /* A JIT stack is optional; without one PCRE2 uses 32 KiB on the
     * machine stack, which deep patterns exhaust (a clean error). */
    st->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, st->gctx);
    if (st->jit)
        pcre2_jit_stack_assign(st->mctx, NULL, st->jit);
    *out = st;
    return ISTH_OK;
}

void isth__re_state_free(struct isth_re_state *st)
{
    if (!st)
        return;
    pcre2_jit_stack_free(st->jit);
    pcre2_match_data_free(st->md);
    pcre2_match_context_free(st->mctx);
    pcre2_general_context_free(st->gctx);
    isth__free(st);
}

static int match(const struct isth_re *re, struct isth_re_state *st,
                 const char *text, size_t len, size_t start, uint32_t opts,
                 size_t limit, const size_t **ov)
{
    int rc;

    pcre2_set_offset_limit(st->mctx, limit);
    rc = pcre2_match(re->code, (PCRE2_SPTR)text, len, start, opts, st->md,
                     st->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_NOMEMORY)
        return ISTH_ENOMEM;
    if (rc < 0)
        return ISTH_ELIMIT;
    *ov = (const size_t *)pcre2_get_ovector_pointer(st->md);
    return 1;
}

void isth__re_budget_start(struct isth_re_state *st, size_t doc_len)
{
    st->budget =
        ISTH_RE_BUDGET_FLOOR_MS * 1000000ULL +
        (uint64_t)(doc_len >> 20) * ISTH_RE_BUDGET_MS_PER_MIB * 1000000ULL;
    st->deadline = ns_of(BUDGET_CLOCK) + st->budget;
    /* The CPU clock costs a system call: read for documents whose work
     * dwarfs it. */
    st->have_cpu = doc_len >= ISTH_RE_CPU_CLOCK_BYTES;
    if (st->have_cpu)
        st->cpu_start = ns_of(CLOCK_THREAD_CPUTIME_ID);
    st->budget_on = 1;
    st->spent = 0;
}

int isth__re_budget_spent(const struct isth_re_state *st)
{
    return st->spent;
}

/*
 * A search tries at most ISTH_RE_WINDOW start positions per pcre2_match()
 * call (the offset limit), and looks at the budget between calls: PCRE2
 * counts its match limit per start position, so one call over a long
 * document could otherwise run for minutes.  Windows end before a UTF-8
 * lead byte, so each starts on a character.
 */
int isth__re_match(const struct isth_re *re, struct isth_re_state *st,
                   const char *text, size_t len, size_t start,
                   const size_t **ov)
{
    return isth__re_match_upto(re, st, text, len, start, len, ov);
}

int isth__re_match_upto(const struct isth_re *re, struct isth_re_state *st,
                        const char *text, size_t len, size_t start,
                        size_t last_start, const size_t **ov)
{
    if (!re->windowed) { /* \G: one call, no offset limit */
        int m;
        if (over_budget(st))
            return ISTH_ELIMIT;
        m = match(re, st, text, len, start, 0, PCRE2_UNSET, ov);
        return m > 0 && (*ov)[0] > last_start ? 0 : m;
    }
    for (;;) {
        size_t lim = last_start;
        int m;

        if (over_budget(st))
            return ISTH_ELIMIT;
        if (lim - start > ISTH_RE_WINDOW) {
            lim = start + ISTH_RE_WINDOW;
            while (lim + 1 < len && (text[lim + 1] & 0xC0) == 0x80)
                lim++;
        }
        m = match(re, st, text, len, start, 0, lim, ov);
        if (m != 0 || lim >= last_start)
            return m;
        start = lim + 1;
    }
}

int isth__re_match_at(const struct isth_re *re, struct isth_re_state *st,
                      const char *text, size_t len, size_t start,
                      const size_t **ov)
{
    if (over_budget(st))
        return ISTH_ELIMIT;
    return match(re, st, text, len, start, re->anchored ? 0 : PCRE2_ANCHORED,
                 PCRE2_UNSET, ov);
}
