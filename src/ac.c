/* SPDX-License-Identifier: MIT */
/*
 * ac.c - building the Aho-Corasick automaton: a linked trie while patterns
 * are added, then a breadth-first flattening into sorted edge arrays and
 * the classic failure-link computation.  Scanning is isth__ac_step() in
 * ac.h; what a match means (boundaries, case) is decided in scan.c.
 */
#include "ac.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"

int isth__ac_builder_init(struct isth_ac_builder *b)
{
    memset(b, 0, sizeof *b);
    if (isth__grow(&b->nodes, &b->cap, 1, sizeof *b->nodes))
        return ISTH_ENOMEM;
    memset(&b->nodes[0], 0, sizeof b->nodes[0]);
    b->n = 1;
    return ISTH_OK;
}

void isth__ac_builder_free(struct isth_ac_builder *b)
{
    isth__free(b->nodes);
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
    if (b->n >= UINT32_MAX - 1)
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
    for (i = 0; i < len; i++)
        if ((rc = child(b, node, key[i], &node)) != ISTH_OK)
            return rc;
    if (b->nodes[node].out) {
        *existing = b->nodes[node].out - 1;
        return ISTH_OK;
    }
    b->nodes[node].out = id + 1;
    return ISTH_OK;
}

void isth__ac_free(struct isth_ac *ac)
{
    isth__free(ac->trans_off);
    isth__free(ac->trans_byte);
    isth__free(ac->trans_next);
    isth__free(ac->fail);
    isth__free(ac->out);
    isth__free(ac->dict);
    memset(ac, 0, sizeof *ac);
}

int isth__ac_build(struct isth_ac *ac, struct isth_ac_builder *b)
{
    uint32_t n = (uint32_t)b->n, head = 0, tail = 0, edges = 0;
    uint32_t *order = NULL, *newid = NULL;
    int rc = ISTH_ENOMEM;
    uint32_t i;

    memset(ac, 0, sizeof *ac);
    order = isth__alloc(n, sizeof *order);
    newid = isth__alloc(n, sizeof *newid);
    ac->trans_off = isth__alloc((size_t)n + 1, sizeof *ac->trans_off);
    ac->trans_byte = isth__alloc(n, 1);
    ac->trans_next = isth__alloc(n, sizeof *ac->trans_next);
    ac->fail = isth__calloc(n, sizeof *ac->fail);
    ac->out = isth__alloc(n, sizeof *ac->out);
    ac->dict = isth__calloc(n, sizeof *ac->dict);
    if (!order || !newid || !ac->trans_off || !ac->trans_byte ||
        !ac->trans_next || !ac->fail || !ac->out || !ac->dict)
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
            ac->trans_next[edges] = newid[c];
            edges++;
        }
    }
    ac->trans_off[n] = edges;

    /* Failure links, in BFS order so a parent's link is always ready. */
    memset(ac->root_next, 0, sizeof ac->root_next);
    for (i = ac->trans_off[0]; i < ac->trans_off[1]; i++)
        ac->root_next[ac->trans_byte[i]] = ac->trans_next[i];
    for (i = 0; i < n; i++) {
        uint32_t e;

        for (e = ac->trans_off[i]; e < ac->trans_off[i + 1]; e++) {
            uint32_t t = ac->trans_next[e], f;

            f = i == 0 ? 0 : isth__ac_step(ac, ac->fail[i], ac->trans_byte[e]);
            ac->fail[t] = f;
            ac->dict[t] = ac->out[f] ? f : ac->dict[f];
        }
    }
    rc = ISTH_OK;
done:
    isth__free(order);
    isth__free(newid);
    isth__ac_builder_free(b);
    if (rc)
        isth__ac_free(ac);
    return rc;
}
