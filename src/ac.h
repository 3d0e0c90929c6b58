/* SPDX-License-Identifier: MIT */
/*
 * ac.h - Aho-Corasick automaton over bytes.
 *
 * The automaton is a trie of the (normalized UTF-8) patterns plus failure
 * links, flattened into arrays indexed by state number so it can later be
 * written to and mapped from a file without pointer fix-ups:
 *
 *   state:       0 (root)  1      2      3 ...
 *   trans_off:   [0,       k1,    k2,    ...]    n_states + 1 entries
 *   trans_byte:  sorted bytes of each state's edges, state after state
 *   trans_next:  the target of each edge
 *   fail:        longest proper suffix that is also a trie path
 *   out:         pattern id + 1 ending at this state, 0 = none
 *   dict:        nearest state on the fail chain with out != 0, 0 = none
 *
 * The root also has a dense 256-entry row, so the common "no match yet"
 * step is one load.  Scanning costs O(text + matches), whatever the number
 * of patterns.
 */
#ifndef ISTH_AC_H
#define ISTH_AC_H

#include "internal.h"

struct isth_ac {
    uint32_t n_states;
    uint32_t root_next[256];
    uint32_t *trans_off;
    unsigned char *trans_byte;
    uint32_t *trans_next;
    uint32_t *fail;
    uint32_t *out;
    uint32_t *dict;
};

/* Trie under construction. */
struct ac_bnode {
    uint32_t first_child, next_sibling; /* 0 = none (root is never a child) */
    uint32_t out;                       /* pattern id + 1, 0 = none */
    unsigned char byte;
};

struct isth_ac_builder {
    struct ac_bnode *nodes;
    size_t n, cap;
};

/* Initializes an empty builder (root only).  ISTH_OK or ISTH_ENOMEM. */
ISTH_INTERNAL int isth__ac_builder_init(struct isth_ac_builder *b);
/*
 * Adds key[0, len) (len > 0) as pattern id.  If the key is already present
 * its existing id is stored in *existing and nothing changes; otherwise
 * *existing = UINT32_MAX.  ISTH_OK, ISTH_ENOMEM, ISTH_ETOOBIG.
 */
ISTH_INTERNAL int isth__ac_add(struct isth_ac_builder *b,
                               const unsigned char *key, size_t len,
                               uint32_t id, uint32_t *existing);
/* Flattens the trie and computes failure links.  The builder is freed
 * whatever the result.  ISTH_OK or ISTH_ENOMEM. */
ISTH_INTERNAL int isth__ac_build(struct isth_ac *ac, struct isth_ac_builder *b);
ISTH_INTERNAL void isth__ac_builder_free(struct isth_ac_builder *b);
ISTH_INTERNAL void isth__ac_free(struct isth_ac *ac);

/* One transition with failure links: the state after reading byte c. */
static inline uint32_t isth__ac_step(const struct isth_ac *ac, uint32_t s,
                                     unsigned char c)
{
    for (;;) {
        uint32_t lo, hi;

        if (s == 0)
            return ac->root_next[c];
        lo = ac->trans_off[s];
        hi = ac->trans_off[s + 1];
        if (hi - lo <= 8) {
            for (; lo < hi; lo++)
                if (ac->trans_byte[lo] == c)
                    return ac->trans_next[lo];
        } else {
            while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (ac->trans_byte[mid] < c)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < ac->trans_off[s + 1] && ac->trans_byte[lo] == c)
                return ac->trans_next[lo];
        }
        s = ac->fail[s];
    }
}

#endif
