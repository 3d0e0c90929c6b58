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
 *   fail:        longest proper suffix that is also a trie path and does
 *                not start inside an ASCII word (see isth__ac_build)
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
#include "utf8.h"

struct isth_ac {
    uint32_t n_states;
    uint32_t root_next[256];
    uint32_t *trans_off;
    unsigned char *trans_byte;
    uint32_t *fail;
    uint32_t *out;
    uint32_t *dict;

    /* Derived by isth__ac_densify() when a database compiles, and stored
     * in its image; see DESIGN.md, "The matcher".  The first n_hot states (the
     * shallowest, breadth first) have complete rows of n_cls entries over
     * the classes of ASCII bytes, and two more rows follow them: the root
     * after a word byte (the word-root: nothing starts inside a word) and
     * the root after white space (the space-root: a run is one space).
     * An entry is (v << 1) | attention: v is the target's row offset
     * (row * n_cls) when it has a row, else hot_limit + its state number;
     * attention is set when the target has no row or reports a pattern.
     * Other states, and bytes from 0x80, step through the sparse arrays
     * above.  n_cls zero entries follow the last row, so an entry that a
     * corrupt image points between rows still reads inside dense. */
    uint32_t n_cls, n_hot, hot_limit;
    uint16_t cls[256];  /* ASCII byte -> class: 0 and 1 in no pattern,
                           1 word; bytes from 0x80 have no class */
    uint16_t tcls[256]; /* text byte -> class of its folded form, or
                           ISTH_TCLS_OTHER */
    uint32_t *dense;
    uint64_t *acc; /* bit s: state s reports a pattern (out or dict) */
};

/* Whether state s reports a pattern (a bit, so a deep step does not
 * touch two more arrays). */
static inline int isth__ac_accepts(const struct isth_ac *ac, uint32_t s)
{
    return (int)(ac->acc[s / 64] >> (s % 64) & 1);
}

#define ISTH_AC_ROOT_WORD(ac) ((ac)->n_hot * (ac)->n_cls)
#define ISTH_AC_ROOT_SPACE(ac) (((ac)->n_hot + 1) * (ac)->n_cls)

/* Dense entries keep a state number plus hot_limit in 31 bits. */
#define ISTH_AC_MAX_STATES 0x7E000000u

/* Bytes of dense rows at most (the shallowest states get them). */
#define ISTH_AC_DENSE_BUDGET ((size_t)8 << 20)

/* tcls[] of bytes from 0x80: decode and normalize the character. */
#define ISTH_TCLS_OTHER 0x8000u

/* Trie under construction. */
struct ac_bnode {
    uint32_t first_child, next_sibling; /* 0 = none (root is never a child) */
    uint32_t out;                       /* pattern id + 1, 0 = none */
    unsigned char byte;
};

struct isth_ac_builder {
    struct ac_bnode *nodes;
    size_t n, cap;
    uint32_t *fast; /* [c] root's child, [256 * (c0 + 1) + c1] grandchild */
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
/*
 * Flattens the trie and computes failure links.  Names that begin with a
 * word character only count at word starts, so the links skip suffixes
 * that start inside an ASCII word (a word byte after a word byte): the
 * automaton then finds every occurrence of every pattern except those
 * starting there, and inside words it stays at the root instead of
 * wandering through states no match can come from.  The builder is freed
 * whatever the result.  ISTH_OK or ISTH_ENOMEM.
 */
ISTH_INTERNAL int isth__ac_build(struct isth_ac *ac, struct isth_ac_builder *b);
ISTH_INTERNAL void isth__ac_builder_free(struct isth_ac_builder *b);
/*
 * Builds the derived dense rows and the accepting-state bitmap (see
 * struct isth_ac), the rows in at most budget bytes.  Needs a complete
 * automaton.  ISTH_OK or ISTH_ENOMEM.
 */
ISTH_INTERNAL int isth__ac_densify(struct isth_ac *ac, size_t budget);
ISTH_INTERNAL void isth__ac_free(struct isth_ac *ac);

/* The trie edge of state s on byte c, 0 if none: a linear search up to
 * 8 edges, binary above. */
static inline uint32_t isth__ac_goto(const struct isth_ac *ac, uint32_t s,
                                     unsigned char c)
{
    uint32_t lo = ac->trans_off[s], hi = ac->trans_off[s + 1];

    if (hi - lo <= 8) {
        for (; lo < hi; lo++)
            if (ac->trans_byte[lo] == c)
                return lo + 1;
        return 0;
    }
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ac->trans_byte[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ac->trans_off[s + 1] && ac->trans_byte[lo] == c ? lo + 1 : 0;
}

/*
 * One transition with failure links: the state after reading byte c, the
 * byte before it an ASCII word byte when after_word.  A word byte after a
 * word byte starts nothing (the root stays the root).
 */
static inline uint32_t isth__ac_step(const struct isth_ac *ac, uint32_t s,
                                     unsigned char c, int after_word)
{
    for (;;) {
        uint32_t g;

        if (s == 0)
            return after_word && isth__is_word_byte(c) ? 0 : ac->root_next[c];
        if ((g = isth__ac_goto(ac, s, c)))
            return g;
        s = ac->fail[s];
    }
}

#endif
