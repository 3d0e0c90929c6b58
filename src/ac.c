/* SPDX-License-Identifier: MIT */
/*
 * ac.c - building the Aho-Corasick automaton: a linked trie while patterns
 * are added, then a breadth-first flattening into sorted edge arrays and
 * failure links (word-start aware, see ac.h), then the dense rows of the
 * shallow states (isth__ac_densify).  Scanning is isth__ac_step() in
 * ac.h; what a match means (boundaries, case) is decided in scan.c.
 */
#include "ac.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"

int isth__ac_builder_init(struct isth_ac_builder *b)
{
    memset(b, 0, sizeof *b);
    if (!(b->fast = isth__calloc(257 * 256, sizeof *b->fast)))
        return ISTH_ENOMEM;
    if (isth__grow(&b->nodes, &b->cap, 1, sizeof *b->nodes)) {
        isth__free(b->fast);
        b->fast = NULL;
        return ISTH_ENOMEM;
    }
    memset(&b->nodes[0], 0, sizeof b->nodes[0]);
    b->n = 1;
    return ISTH_OK;
}

void isth__ac_builder_free(struct isth_ac_builder *b)
{
    isth__free(b->nodes);
    isth__free(b->fast);
    memset(b, 0, sizeof *b);
}

/* The child of node on byte c, creating it (siblings kept sorted). */
static int child(struct isth_ac_builder *b, uint32_t node, unsigned char c,
                 uint32_t *out)
{
    uint32_t prev = 0, cur = b->nodes[node].first_child, nn;

    while (cur && b->nodes[cur].byte < c) {
        prev = cur;
        cur = b->nodes[cur].next_sibling;
    }
    if (cur && b->nodes[cur].byte == c) {
        *out = cur;
        return ISTH_OK;
    }
    if (b->n >= ISTH_AC_MAX_STATES)
        return ISTH_ETOOBIG;
    if (isth__grow(&b->nodes, &b->cap, b->n + 1, sizeof *b->nodes))
        return ISTH_ENOMEM;
    nn = (uint32_t)b->n++;
    b->nodes[nn].first_child = 0;
    b->nodes[nn].out = 0;
    b->nodes[nn].byte = c;
    b->nodes[nn].next_sibling = cur;
    if (prev)
        b->nodes[prev].next_sibling = nn;
    else
        b->nodes[node].first_child = nn;
    *out = nn;
    return ISTH_OK;
}

int isth__ac_add(struct isth_ac_builder *b, const unsigned char *key,
                 size_t len, uint32_t id, uint32_t *existing)
{
    uint32_t node = 0;
    size_t i;
    int rc;

    assert(len > 0);
    *existing = UINT32_MAX;
    for (i = 0; i < len; i++) {
        /* The first two levels have many children: a table finds them
         * (a million names spend most of their insertion time there). */
        uint32_t *slot = i == 0   ? &b->fast[key[0]]
                         : i == 1 ? &b->fast[256 * (key[0] + 1u) + key[1]]
                                  : NULL;
        if (slot && *slot) {
            node = *slot;
            continue;
        }
        if ((rc = child(b, node, key[i], &node)) != ISTH_OK)
            return rc;
        if (slot)
            *slot = node;
    }
    if (b->nodes[node].out) {
        *existing = b->nodes[node].out - 1;
        return ISTH_OK;
    }
    b->nodes[node].out = id + 1;
    return ISTH_OK;
}

void isth__ac_free(struct isth_ac *ac)
{
    isth__free(ac->dense);
    isth__free(ac->acc);
    isth__free(ac->trans_off);
    isth__free(ac->trans_byte);
    isth__free(ac->fail);
    isth__free(ac->out);
    isth__free(ac->dict);
    memset(ac, 0, sizeof *ac);
}

int isth__ac_build(struct isth_ac *ac, struct isth_ac_builder *b)
{
    uint32_t n = (uint32_t)b->n, head = 0, tail = 0, edges = 0;
    uint32_t *order = NULL, *newid = NULL;
    unsigned char *lastb = NULL;
    int rc = ISTH_ENOMEM;
    uint32_t i;

    memset(ac, 0, sizeof *ac);
    order = isth__alloc(n, sizeof *order);
    newid = isth__alloc(n, sizeof *newid);
    lastb = isth__alloc(n, 1);
    ac->trans_off = isth__alloc((size_t)n + 1, sizeof *ac->trans_off);
    ac->trans_byte = isth__alloc(n, 1);
    ac->fail = isth__calloc(n, sizeof *ac->fail);
    ac->out = isth__alloc(n, sizeof *ac->out);
    ac->dict = isth__calloc(n, sizeof *ac->dict);
    if (!order || !newid || !lastb || !ac->trans_off || !ac->trans_byte ||
        !ac->fail || !ac->out || !ac->dict)
        goto done;
    ac->n_states = n;

    /* Breadth-first numbering: a node's children get consecutive ids, and
     * every state's number is larger than its parent's. */
    order[tail++] = 0;
    newid[0] = 0;
    while (head < tail) {
        uint32_t old = order[head], s = head++, c;

        ac->trans_off[s] = edges;
        ac->out[s] = b->nodes[old].out;
        for (c = b->nodes[old].first_child; c; c = b->nodes[c].next_sibling) {
            newid[c] = tail;
            order[tail++] = c;
            ac->trans_byte[edges] = b->nodes[c].byte;
            edges++; /* its target is state edges + 1 (newid[c]) */
        }
    }
    ac->trans_off[n] = edges;

    /* Failure links, in BFS order so a parent's link is always ready:
     * t = i + x extends a suffix of i on i's failure chain, or is x alone
     * when x may start where it is (not a word byte after a word byte;
     * lastb[i] is the byte into i). */
    memset(ac->root_next, 0, sizeof ac->root_next);
    for (i = ac->trans_off[0]; i < ac->trans_off[1]; i++)
        ac->root_next[ac->trans_byte[i]] = i + 1;
    lastb[0] = ' ';
    for (i = 0; i < n; i++) {
        uint32_t e;

        for (e = ac->trans_off[i]; e < ac->trans_off[i + 1]; e++) {
            uint32_t t = e + 1, f = 0, g;
            unsigned char x = ac->trans_byte[e];

            lastb[t] = x;
            if (i != 0)
                for (f = ac->fail[i];; f = ac->fail[f]) {
                    g = f ? isth__ac_goto(ac, f, x)
                          : isth__ac_step(ac, 0, x,
                                          isth__is_word_byte(lastb[i]));
                    if (g || !f) {
                        f = g;
                        break;
                    }
                }
            ac->fail[t] = f;
            ac->dict[t] = ac->out[f] ? f : ac->dict[f];
        }
    }
    rc = ISTH_OK;
done:
    isth__free(order);
    isth__free(newid);
    isth__free(lastb);
    isth__ac_builder_free(b);
    if (rc)
        isth__ac_free(ac);
    return rc;
}

/* A dense entry for target t (see struct isth_ac). */
static uint32_t entry(const struct isth_ac *ac, uint32_t t)
{
    if (t < ac->n_hot)
        return t * ac->n_cls << 1 | (ac->out[t] || ac->dict[t]);
    return (ac->hot_limit + t) << 1 | 1;
}

/* The root to be in after byte b: after white space, the space-root;
 * after a word byte, the word-root; else the root. */
static uint32_t root_after(const struct isth_ac *ac, uint32_t b)
{
    if (b == ' ' || (b >= 0x09 && b <= 0x0D))
        return ISTH_AC_ROOT_SPACE(ac) << 1;
    return isth__is_word_byte(b) ? ISTH_AC_ROOT_WORD(ac) << 1 : 0;
}

int isth__ac_densify(struct isth_ac *ac, size_t budget)
{
    unsigned char used[256] = {0}, *lastb;
    uint32_t s, e, b, ncls = 2, hot, rw, rs, *row;

    isth__free(ac->dense);
    isth__free(ac->acc);
    ac->dense = NULL;
    if (!(ac->acc = isth__calloc(ac->n_states / 64 + 1, sizeof *ac->acc)))
        return ISTH_ENOMEM;
    for (s = 0; s < ac->n_states; s++)
        if (ac->out[s] || ac->dict[s])
            ac->acc[s / 64] |= (uint64_t)1 << (s % 64);
    /* A class for each ASCII byte some name contains, and for the space;
     * of the other ASCII bytes, class 1 for word characters and class 0
     * for the rest.  Bytes from 0x80 (rare in text, many in names) take
     * the sparse step, so rows stay short: more fit the cache. */
    for (e = 0; e < ac->trans_off[ac->n_states]; e++)
        used[ac->trans_byte[e]] = 1;
    used[' '] = 1;
    for (b = 0; b < 256; b++)
        ac->cls[b] = (uint16_t)(b >= 0x80 ? 0
                                : used[b] ? ncls++
                                          : (uint32_t)isth__is_word_byte(b));
    ac->n_cls = ncls;
    for (b = 0; b < 256; b++) {
        if (b >= 0x80)
            ac->tcls[b] = ISTH_TCLS_OTHER;
        else if (b == ' ' || (b >= 0x09 && b <= 0x0D))
            ac->tcls[b] = ac->cls[' '];
        else
            ac->tcls[b] = ac->cls[b >= 'A' && b <= 'Z' ? b + 32 : b];
    }
    hot = (uint32_t)(budget / (ncls * sizeof *ac->dense));
    if (hot > ac->n_states)
        hot = ac->n_states;
    if (hot < 1)
        hot = 1;
    ac->dense = isth__calloc(((size_t)hot + 3) * ncls, sizeof *ac->dense);
    lastb = isth__calloc(hot, 1);
    if (!ac->dense || !lastb) {
        isth__free(ac->dense);
        ac->dense = NULL;
        isth__free(lastb);
        return ISTH_ENOMEM;
    }
    ac->n_hot = hot;
    ac->hot_limit = (hot + 2) * ncls;
    rw = ISTH_AC_ROOT_WORD(ac);
    rs = ISTH_AC_ROOT_SPACE(ac);
    for (s = 0; s < hot; s++)
        for (e = ac->trans_off[s]; e < ac->trans_off[s + 1]; e++)
            if ((e + 1) < hot)
                lastb[(e + 1)] = ac->trans_byte[e];

    /* The three roots.  The root: a name's first byte, or the root for
     * what the byte was.  The word-root (after a word byte) ignores word
     * bytes: nothing starts inside a word.  The space-root ignores white
     * space: a run of it is one space. */
    row = ac->dense;
    for (b = 0; b < 0x80; b++)
        if (b < 0x09 || b > 0x0D) /* text white space is the space class */
            row[ac->cls[b]] = ac->root_next[b] ? entry(ac, ac->root_next[b])
                                               : root_after(ac, b);
    for (b = 0; b < 0x80; b++) {
        uint32_t c = ac->cls[b];
        if (b >= 0x09 && b <= 0x0D)
            continue;
        ac->dense[rw + c] = isth__is_word_byte(b) ? rw << 1 : row[c];
        ac->dense[rs + c] = c == ac->cls[' '] ? rs << 1 : row[c];
    }
    /* Any other row is its failure state's (built already: fail[s] < s;
     * for the root, the root its last byte leads to), overwritten by its
     * own edges; after a space, white space leaves it where it is. */
    for (s = 1; s < hot; s++) {
        uint32_t f = ac->fail[s];
        const uint32_t *base =
            ac->dense + (f ? (size_t)f * ncls : root_after(ac, lastb[s]) >> 1);
        row = ac->dense + (size_t)s * ncls;
        memcpy(row, base, ncls * sizeof *row);
        for (e = ac->trans_off[s]; e < ac->trans_off[s + 1]; e++)
            if (ac->trans_byte[e] < 0x80)
                row[ac->cls[ac->trans_byte[e]]] = entry(ac, (e + 1));
        if (lastb[s] == ' ')
            row[ac->cls[' ']] = s * ncls << 1;
    }
    isth__free(lastb);
    return ISTH_OK;
}
