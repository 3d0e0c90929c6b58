/* SPDX-License-Identifier: MIT */
/*
 * scan.h - what the stages of a scan share (scan.c runs them in order):
 * the candidate and hit records, the scratch (one part a stage), and
 * each stage's entry points and the helpers more than one stage uses.
 * Internal: nothing here is part of the public API.
 */
#ifndef ISTH_SCAN_H
#define ISTH_SCAN_H

#include "buf.h"
#include "db.h"
#include "match.h"
#include "normalize.h"
#include "regex.h"

#define NONE UINT32_MAX
#define MAX_EVIDENCE 32

enum { ALIVE = 0, LOST_OVERLAP = 1, LOST_CONTEXT = 2, LOST_RULE = 3 };

/* A candidate entity, before precedence. */
struct cand {
    uint32_t start, end;         /* original bytes */
    uint32_t entity;             /* NONE: a rule's own entity */
    uint32_t rule;               /* NONE: from a gazetteer */
    uint32_t alias_off, n_alias; /* gazetteer: aliases passing case */
    uint32_t alias;              /* gazetteer: the alias chosen */
    uint32_t alt_off, n_alt;     /* alternatives, into s->nm.alts */
    uint32_t id_off;             /* rule: arena offset of the id, or NONE */
    uint32_t name_off;           /* rule: arena offset of the matched text */
    uint32_t rattr_off, n_rattr; /* rule: attribute values in s->ru.rattr */
    int priority;
    const char *label; /* set once the entity (or rule) is known */
    unsigned char state;
    uint32_t by; /* LOST_OVERLAP: the winner; CONTEXT: alias */
};

/* A cue word or phrase found in the text. */
struct hit {
    uint32_t cue, start, end;
};

/* A range of byte offsets [start, end]. */
struct span {
    size_t start, end;
};

/* A name that failed its case policy (kept for --explain). */
struct case_loss {
    uint32_t start, end, alias;
};

/* One piece of topic evidence. */
struct ev {
    uint32_t topic, src, start, end;
};

/* The anchor bit of a topic's distinct-source count (scratch tp.tdist). */
#define TDIST_ANCHOR 0x80000000u

/*
 * The scratch: one part a stage, each written by its stage and read by
 * the ones after it (DESIGN.md, "Pipeline").
 */

/* Names (scan_names.c): the automaton's matches made candidates. */
struct scan_names {
    struct isth_match_mem match; /* the matcher's memory */
    struct isth_norm exact;      /* a span, case kept, for exact names */
    struct cand *cands;          /* all candidates: names, then rules' */
    size_t n_cands, cap_cands;
    size_t n_names;   /* cands[0, n_names): the gazetteer names, by end */
    uint32_t *aliasv; /* aliases passing case, per candidate */
    size_t n_aliasv, cap_aliasv;
    size_t *alts; /* alternatives (entities) of the candidates */
    size_t n_alts, cap_alts;
    struct case_loss *closs; /* names that failed their case policy */
    size_t n_closs, cap_closs;
};

/* The text (scan_names.c): words, cue hits, per-document strings. */
struct scan_text {
    struct hit *hits; /* cue hits, sorted by cue then start */
    size_t n_hits, cap_hits;
    unsigned char *cue_seen; /* per cue: a hit in this document */
    size_t cap_cue_seen;
    uint32_t *words; /* original byte offset of each word start */
    size_t n_words, cap_words;
    int have_words;        /* words[] is this document's (found once) */
    struct isth_buf arena; /* per-document strings */
};

/* Context (scan_context.c). */
struct scan_context {
    struct hit *ehits; /* entity ids of the names (cue = entity), for
                        * context items that name an entity */
    size_t n_ehits, cap_ehits;
};

/* Pattern rules (scan_rules.c). */
struct scan_rules {
    struct isth_re_state *re;
    uint32_t re_caps;
    struct isth_norm slug; /* a capture being made into a slug */
    struct span *wins;     /* where a 'requires_within' rule may match */
    size_t n_wins, cap_wins;
    uint32_t *rattr; /* arena offsets of rule attribute values */
    size_t n_rattr, cap_rattr;
};

/* Precedence (scan_prec.c), then what comes after it (scan_after.c). */
struct scan_prec {
    uint32_t *order; /* candidate indices, in precedence order */
    size_t cap_order;
    uint32_t *acc; /* accepted candidates, by start */
    size_t n_acc, cap_acc;
};

/* Topics (scan_topics.c). */
struct scan_topics {
    double *src_w; /* per source: hits (zero between documents) */
    unsigned char *src_lead;
    uint32_t *touched; /* the sources with hits in this document */
    size_t cap_src, n_touched;
    struct ev *ev; /* the evidence of the part being added */
    size_t n_ev, cap_ev;
    struct ev *kev; /* kept: the first MAX_EVIDENCE of each topic, in
                     * document offsets */
    size_t n_kev, cap_kev;
    uint32_t *kept; /* per topic: pieces in kev */
    size_t cap_kept;
    isth_topic_score *topics;
    size_t cap_topics;
    uint32_t *tdist; /* per topic: distinct positive sources hit, and
                      * the top bit when an anchor source was hit */
    size_t cap_tdist;
    isth_evidence *ev_out;
    size_t cap_ev_out;
};

/* The result (scan_result.c). */
struct scan_result {
    isth_match *out;
    size_t cap_out;
    isth_attribute *attr_out;
    size_t n_attr_out, cap_attr_out;
    isth_result result;
};

/* --explain (scan_explain.c): the rejections and notes, and the text of
 * details made for one document (xd), each rejection's and note's offset
 * in it (NONE: a static detail). */
struct scan_explain {
    isth_rejection *rej;
    size_t n_rej, cap_rej;
    struct isth_buf xd;
    uint32_t *rej_xoff;
    size_t cap_rej_xoff;
    isth_note *notes;
    uint32_t *note_xoff;
    size_t n_notes, cap_notes, cap_note_xoff;
};

/* isth_annotate_stream() and isth_scan() take a document in parts of
 * at most this many bytes (scan.c, isth__part_len). */
#define ISTH_PART_MAX ((size_t)1 << 20)

struct isth_scratch {
    int in_use;
    size_t part_max; /* 0: ISTH_PART_MAX; else this (tests) */
    struct scan_names nm;
    struct scan_text tx;
    struct scan_context cx;
    struct scan_rules ru;
    struct scan_prec pr;
    struct scan_topics tp;
    struct scan_result res;
    struct scan_explain x;
};

/* scan.c: the length of the part of text[0, len) that starts it: len
 * when len <= max, else at most max bytes, at least max / 2, ending
 * after a paragraph break, a line break, a sentence, a space, or else
 * between UTF-8 sequences, the first of these found. */
ISTH_INTERNAL size_t isth__part_len(const char *text, size_t len, size_t max);

/* scan_names.c */
ISTH_INTERNAL int isth__find_names(const isth_db *db, isth_scratch *s,
                                   const char *text, size_t len, int explain);
ISTH_INTERNAL int isth__find_words(isth_scratch *s, const unsigned char *t,
                                   size_t len);
ISTH_INTERNAL size_t isth__word_of(const isth_scratch *s, uint32_t pos);
ISTH_INTERNAL int isth__cmp_hit(const void *pa, const void *pb);
ISTH_INTERNAL void isth__sort_hits(const isth_db *db, isth_scratch *s,
                                   int topics);

/* scan_context.c */
ISTH_INTERNAL size_t isth__first_hit(const struct hit *h, size_t n,
                                     uint32_t key, uint32_t from);
ISTH_INTERNAL int isth__item_present(const isth_scratch *s,
                                     const struct isth_ctx_item *it, int window,
                                     const struct cand *self,
                                     const struct hit **found);
ISTH_INTERNAL int isth__entity_hits(const isth_db *db, isth_scratch *s);
ISTH_INTERNAL int isth__context_ok(const isth_db *db, const isth_scratch *s,
                                   const struct isth_context *cx,
                                   const struct cand *c);
ISTH_INTERNAL int isth__choose_entities(const isth_db *db, isth_scratch *s);

/* scan_rules.c */
ISTH_INTERNAL int isth__rules_start(const isth_db *db, isth_scratch *s,
                                    size_t len);
ISTH_INTERNAL int isth__new_rule_cand(const isth_db *db, isth_scratch *s,
                                      const char *text, uint32_t r, size_t ms,
                                      size_t me, uint32_t *out);
ISTH_INTERNAL int isth__add_rule_cand(const isth_db *db, isth_scratch *s,
                                      const char *text, uint32_t r, size_t ms,
                                      size_t me, const size_t *ov,
                                      uint32_t *out);
ISTH_INTERNAL const char *isth__limit_name(const struct isth_re_state *st);
ISTH_INTERNAL int isth__limit_error(const isth_scratch *s,
                                    const struct isth_rule *ru, int m,
                                    isth_error *err);
ISTH_INTERNAL int isth__applies(const struct isth_rule *ru, const char *label,
                                const char *kind);
ISTH_INTERNAL size_t isth__after_match(const char *text, size_t lim,
                                       const size_t *ov);
ISTH_INTERNAL int isth__required_seen(const struct isth_rule *ru,
                                      const isth_scratch *s);
ISTH_INTERNAL int isth__run_rules(const isth_db *db, isth_scratch *s,
                                  const char *text, size_t len,
                                  isth_error *err);

/* scan_prec.c */
ISTH_INTERNAL int isth__resolve(isth_scratch *s, int all);

/* scan_after.c */
ISTH_INTERNAL int isth__define_acronyms(const isth_db *db, isth_scratch *s,
                                        const char *text, size_t len);
ISTH_INTERNAL int isth__propagate_persons(const isth_db *db, isth_scratch *s,
                                          const char *text, size_t len);
ISTH_INTERNAL int isth__propagate_rules(const isth_db *db, isth_scratch *s,
                                        const char *text, size_t len);
ISTH_INTERNAL int isth__list_rules(const isth_db *db, isth_scratch *s,
                                   const char *text, size_t len,
                                   isth_error *err);

/* scan_topics.c: begin a document, add each part of it (after its
 * entities are final), end with the document's word count. */
ISTH_INTERNAL int isth__topics_begin(const isth_db *db, isth_scratch *s);
ISTH_INTERNAL int isth__topics_add(const isth_db *db, isth_scratch *s,
                                   const char *text, size_t len, size_t base,
                                   size_t words_before, isth_error *err);
ISTH_INTERNAL int isth__topics_end(const isth_db *db, isth_scratch *s,
                                   size_t n_words);

/* scan_result.c */
ISTH_INTERNAL const char *isth__arena_str(const isth_scratch *s, uint32_t off);
ISTH_INTERNAL void isth__cand_label_kind(const isth_db *db,
                                         const struct cand *c,
                                         const char **label, const char **kind);
ISTH_INTERNAL void isth__final_entities(const isth_db *db, isth_scratch *s);
ISTH_INTERNAL int isth__make_result(const isth_db *db, isth_scratch *s);
ISTH_INTERNAL int isth__emit_entities(const isth_db *db, isth_scratch *s,
                                      size_t base, isth_match_cb on_match,
                                      void *ctx);

/* scan_explain.c */
ISTH_INTERNAL int isth__explain(const isth_db *db, isth_scratch *s,
                                const char *text);

#endif
