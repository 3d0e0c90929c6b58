/* SPDX-License-Identifier: MIT */
/*
 * rules.c - rule files: PCRE2 pattern rules, topics with their cues, and
 * the scoring constants, with every error at file:line:col.  The grammar:
 *
 *   file    := { description?: str, rules?: [rule...],
 *                topics?: [topic...], scoring?: scoring,
 *                disable?: { entries?, aliases?, rules?, topics? } }
 *   rule    := { id: str, label: LABEL, pattern: regex, group?: name|int,
 *                entity_id?: template, kind?: str,
 *                attributes?: { str: template, ... }, priority?: int,
 *                case?: sensitive|insensitive, link?: true|false|exact,
 *                requires?: [str...], requires_within?: 1..1024,
 *                propagate?: bool }
 *            | { id, label, after?: regex, before?: regex, extend?: bool,
 *                applies_to?: { label?, kind? } | [...], kind?,
 *                group?: name|int (of 'before': the span is that group
 *                of its match, beside the name),
 *                entity_id?, attributes?, priority?, case? }
 *   topic   := { label: [a-z0-9_]+, description: str, threshold?: 0..1,
 *                min_cues?: 1..100 (default 2), cues: [cueset...] }
 *            | { extends: LABEL of a loaded topic, description?,
 *                threshold?, cues? }
 *   cueset  := { weight?: number, anchor?: bool, keywords?: [str...],
 *                patterns?: [regex | { name: str, pattern: regex }],
 *                entities?: [{ label?: LABEL, kind?: str, id?: str }] }
 *   scoring := { lead_words?, lead_boost?, length_unit?, scale? }
 *   template:= text with {group} or {group|slug} (or {1}); {{ and }}
 *              stand for literal braces
 *
 * Templates are checked here against the pattern's groups, so a typo is a
 * load error, not an empty attribute at scan time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "loader.h"
#include "regex.h"

static const char *const FILE_KEYS[] = {"description", "rules", "topics",
                                        "scoring", "disable"};
static const char *const RULE_KEYS[] = {"id",
                                        "label",
                                        "pattern",
                                        "group",
                                        "entity_id",
                                        "kind",
                                        "attributes",
                                        "priority",
                                        "case",
                                        "link",
                                        "description",
                                        "after",
                                        "before",
                                        "applies_to",
                                        "extend",
                                        "drop",
                                        "requires",
                                        "list",
                                        "before_window",
                                        "propagate",
                                        "requires_within"};
static const char *const APPLIES_KEYS[] = {"label", "kind"};
static const char *const TOPIC_KEYS[] = {"label", "description", "threshold",
                                         "cues",  "extends",     "min_cues"};
static const char *const CUESET_KEYS[] = {"weight", "keywords", "patterns",
                                          "entities", "anchor"};
static const char *const PATTERN_KEYS[] = {"name", "pattern"};
static const char *const ENTITY_KEYS[] = {"label", "kind", "id"};
static const char *const SCORING_KEYS[] = {"lead_words", "lead_boost",
                                           "length_unit", "scale"};
static const char *const CASES[] = {"sensitive", "insensitive"};
static const char *const BOOLS[] = {"false", "true"};
static const char *const LINKS[] = {"false", "true", "exact"};

struct rwalk {
    struct isth_loader *ld;
    struct isth_yw *y;
    const char *display;
    int anchor; /* the cue set being loaded is an anchor */
};

static int nomem(struct rwalk *w)
{
    return isth__yw_nomem(w->y);
}

static int check_label(struct rwalk *w, const yaml_node_t *n)
{
    return isth__yw_label(w->ld, w->y, n);
}

/* Compiles a pattern node; errors name the pattern's position and the
 * offset inside it. */
static int compile_re(struct rwalk *w, const yaml_node_t *n, unsigned flags,
                      const char *owner, struct isth_re **out)
{
    char msg[160];
    size_t off;
    int rc;

    if ((rc = isth__yw_scalar(w->y, n, "pattern")))
        return rc;
    if (!isth__yw_str(n)[0])
        return isth__yw_fail(w->y, n, "empty pattern in %s", owner);
    rc = isth__re_compile(out, isth__yw_str(n), flags, msg, sizeof msg, &off);
    if (rc == ISTH_ENOMEM)
        return nomem(w);
    if (rc) {
        /* Point at the offending character when the scalar is written on
         * one line without escapes, so its text maps 1:1 to columns. */
        unsigned col = isth__yw_col(n);
        size_t span = n->end_mark.index - n->start_mark.index;
        size_t vlen = strlen(isth__yw_str(n));
        int quoted = n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                     n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        if (n->start_mark.line == n->end_mark.line &&
            (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE || quoted) &&
            span == vlen + (quoted ? 2 : 0) && off <= vlen)
            col += (unsigned)(off + (quoted ? 1 : 0));
        isth__error_set(w->y->err, ISTH_EREGEX, w->y->path, isth__yw_line(n),
                        col,
                        "bad pattern in %s: %s at offset %zu of the pattern",
                        owner, msg, off);
        w->y->err->offset = (long long)off;
        return ISTH_EREGEX;
    }
    if (isth__re_captures(*out) > w->ld->db->max_captures)
        w->ld->db->max_captures = isth__re_captures(*out);
    return ISTH_OK;
}

/* Checks every {group} in a template names a group of re. */
static int check_template(struct rwalk *w, const yaml_node_t *n,
                          const struct isth_re *re)
{
    const char *s = isth__yw_str(n), *p;

    for (p = s; *p; p++) {
        const char *close, *bar;
        char name[64];
        size_t len;

        if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}')) {
            p++;
            continue;
        }
        if (*p != '{')
            continue;
        if (!(close = strchr(p, '}')))
            return isth__yw_fail(w->y, n,
                                 "unclosed '{' in template (write '{{' for "
                                 "a literal brace)");
        bar = memchr(p, '|', (size_t)(close - p));
        len = (size_t)((bar ? bar : close) - p - 1);
        if (bar && strncmp(bar, "|slug}", 6))
            return isth__yw_fail(w->y, n,
                                 "unknown filter in '%.*s' (only |slug)",
                                 (int)(close - p + 1), p);
        if (!len || len >= sizeof name)
            return isth__yw_fail(w->y, n, "empty or too long group name");
        memcpy(name, p + 1, len);
        name[len] = 0;
        if (name[0] >= '0' && name[0] <= '9') {
            long g = strtol(name, NULL, 10);
            if (g < 0 || (uint32_t)g > isth__re_captures(re))
                return isth__yw_fail(w->y, n,
                                     "template uses group %ld, but the "
                                     "pattern has %u",
                                     g, isth__re_captures(re));
        } else if (isth__re_group(re, name) < 0) {
            return isth__yw_fail(w->y, n,
                                 "template uses group '%s', which the "
                                 "pattern does not define (add "
                                 "(?<%s>...))",
                                 name, name);
        }
        p = close;
    }
    return ISTH_OK;
}

/*
 * The { label?, kind? } selectors of 'applies_to' (the names a relabelling
 * rule takes, or the entities that count as a list's members), into
 * r->on_label and r->on_kind.
 */
static int applies_to(struct rwalk *w, yaml_node_t *v, struct isth_rule *r)
{
    size_t k, cnt = v->type == YAML_SEQUENCE_NODE ? isth__yw_seq_len(v) : 1;
    int rc;

    if (!cnt)
        return isth__yw_fail(w->y, v,
                             "'applies_to' lists at least one {label, kind} "
                             "(or leave it out: any name)");
    if (!(r->on_label = isth__calloc(cnt, sizeof *r->on_label)) ||
        !(r->on_kind = isth__calloc(cnt, sizeof *r->on_kind)))
        return nomem(w);
    for (k = 0; k < cnt; k++) {
        yaml_node_t *m =
            v->type == YAML_SEQUENCE_NODE ? isth__yw_seq_at(w->y, v, k) : v;
        yaml_node_t *f;
        if (m->type != YAML_MAPPING_NODE)
            return isth__yw_fail(w->y, m,
                                 "'applies_to' must be a mapping with "
                                 "'label' and/or 'kind' (or a list of them), "
                                 "not %s",
                                 isth__yw_type(m));
        if ((rc = isth__yw_keys(w->y, m, APPLIES_KEYS, 2, "'applies_to'")))
            return rc;
        r->n_on = k + 1;
        if ((f = isth__yw_get(w->y, m, "label"))) {
            if ((rc = check_label(w, f)))
                return rc;
            if (!(r->on_label[k] = isth__strdup(isth__yw_str(f))))
                return nomem(w);
        }
        if ((f = isth__yw_get(w->y, m, "kind"))) {
            if ((rc = isth__yw_scalar(w->y, f, "kind")))
                return rc;
            if (!(r->on_kind[k] = isth__strdup(isth__yw_str(f))))
                return nomem(w);
        }
    }
    return ISTH_OK;
}

/*
 * Keys that not every rule takes.  A rule with 'pattern' finds spans in
 * the text (ON_TEXT); one with 'after' or 'before' works on the gazetteer
 * names they surround (ON_NAMES; ON_BEFORE when it has 'before');
 * ON_REQUIRES: it has 'requires'.  Each key names what a rule must have
 * to take it, and the error a misplaced one gets.
 */
enum { ON_TEXT = 1, ON_NAMES = 2, ON_BEFORE = 4, ON_REQUIRES = 8 };
static const struct {
    const char *key;
    unsigned needs;
    const char *why;
} KEY_NEEDS[] = {
    {"before_window", ON_BEFORE,
     "'before_window' needs 'before' (it is how far back 'before' may "
     "start)"},
    {"drop", ON_NAMES,
     "'drop' needs 'after' or 'before' (it drops the gazetteer names they "
     "select)"},
    {"extend", ON_NAMES,
     "'extend' needs 'before' or 'after' (the span grows over what they "
     "matched)"},
    {"propagate", ON_TEXT,
     "'propagate' needs a 'pattern' (later mentions of what the pattern "
     "found are the same entity)"},
    {"list", ON_TEXT, "'list' needs a 'pattern' (it matches the whole list)"},
    {"requires_within", ON_TEXT | ON_REQUIRES,
     "'requires_within' needs a 'pattern' and 'requires' (it is how far "
     "before one of the required words a match may start)"},
};

/* The first key of the rule at n that what it has (has: ON_*) does not
 * allow. */
static int misplaced_key(struct rwalk *w, const yaml_node_t *n, unsigned has)
{
    const yaml_node_t *v;
    size_t i;

    for (i = 0; i < ISTH_COUNT(KEY_NEEDS); i++)
        if ((KEY_NEEDS[i].needs & has) != KEY_NEEDS[i].needs &&
            (v = isth__yw_get(w->y, n, KEY_NEEDS[i].key)))
            return isth__yw_fail(w->y, v, "%s", KEY_NEEDS[i].why);
    return ISTH_OK;
}

static int load_rule(struct rwalk *w, const yaml_node_t *n)
{
    struct isth_build *db = w->ld->db;
    struct isth_rule *r;
    yaml_node_t *id, *label, *pat, *after, *before, *v;
    int rc, cs = 0, link = 1, relabel, drop = 0, extend = 0, list = 0;
    size_t i;
    char owner[200];

    if (n->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, n, "a rule must be a mapping, not %s",
                             isth__yw_type(n));
    if ((rc = isth__yw_keys(w->y, n, RULE_KEYS, ISTH_COUNT(RULE_KEYS),
                            "a rule")))
        return rc;
    if (!(id = isth__yw_get(w->y, n, "id")))
        return isth__yw_fail(w->y, n, "rule has no 'id'");
    if ((rc = isth__yw_scalar(w->y, id, "id")))
        return rc;
    for (i = 0; i < db->n_rules; i++)
        if (!strcmp(db->rules[i].id, isth__yw_str(id)))
            return isth__yw_fail(w->y, id,
                                 "duplicate rule id '%s' (first defined at "
                                 "%s:%u)",
                                 isth__yw_str(id), db->rules[i].file,
                                 db->rules[i].line);
    if (!(label = isth__yw_get(w->y, n, "label")))
        return isth__yw_fail(w->y, n, "rule '%s' has no 'label'",
                             isth__yw_str(id));
    if ((rc = check_label(w, label)))
        return rc;
    pat = isth__yw_get(w->y, n, "pattern");
    after = isth__yw_get(w->y, n, "after");
    before = isth__yw_get(w->y, n, "before");
    if (pat && before)
        return isth__yw_fail(w->y, before,
                             "rule '%s' has both 'pattern' and 'before': a "
                             "rule either finds spans or relabels names",
                             isth__yw_str(id));
    if (!after && before)
        after = NULL; /* a relabelling rule on what precedes only */
    if (!pat && !after && !before)
        return isth__yw_fail(w->y, n,
                             "rule '%s' has no 'pattern' (or 'after', to "
                             "relabel gazetteer names)",
                             isth__yw_str(id));
    if (pat && after)
        return isth__yw_fail(w->y, after,
                             "rule '%s' has both 'pattern' and 'after': a "
                             "rule either finds spans or relabels names",
                             isth__yw_str(id));
    if (after && !before && (v = isth__yw_get(w->y, n, "group")))
        return isth__yw_fail(w->y, v,
                             "'group' needs 'before' in a rule on gazetteer "
                             "names: the span is the name, or with 'before' "
                             "that group of what 'before' matched");
    if ((v = isth__yw_get(w->y, n, "case")) &&
        (rc = isth__yw_enum(w->y, v, "case", CASES, 2, &cs)))
        return rc;
    if ((v = isth__yw_get(w->y, n, "link")) &&
        (rc = isth__yw_enum(w->y, v, "link", LINKS, 3, &link)))
        return rc;
    if ((v = isth__yw_get(w->y, n, "description")) &&
        (rc = isth__yw_scalar(w->y, v, "description")))
        return rc;
    if (isth__grow(&db->rules, &db->cap_rules, db->n_rules + 1,
                   sizeof *db->rules))
        return nomem(w);
    r = &db->rules[db->n_rules++];
    memset(r, 0, sizeof *r);
    r->line = isth__yw_line(n);
    r->link = link;
    if (!(r->id = isth__strdup(isth__yw_str(id))) ||
        !(r->label = isth__strdup(isth__yw_str(label))) ||
        !(r->file = isth__strdup(w->display)))
        return nomem(w);
    snprintf(owner, sizeof owner, "rule '%s'", r->id);
    if ((pat || after) && (rc = compile_re(w, pat ? pat : after,
                                           (cs == 1 ? ISTH_RE_CASELESS : 0) |
                                               (pat ? 0 : ISTH_RE_ANCHORED),
                                           owner, &r->re)))
        return rc;
    if (before) {
        /* Matched on the text that ends where the name starts. */
        if ((rc = compile_re(w, before, cs == 1 ? ISTH_RE_CASELESS : 0, owner,
                             &r->before)))
            return rc;
    }
    relabel = after || before;
    r->what = relabel ? ISTH_RULE_RELABEL : ISTH_RULE_PATTERN;
    r->before_window = ISTH_BEFORE_WINDOW;
    if ((rc = misplaced_key(
             w, n,
             (pat ? ON_TEXT : 0) | (relabel ? ON_NAMES : 0) |
                 (before ? ON_BEFORE : 0) |
                 (isth__yw_get(w->y, n, "requires") ? ON_REQUIRES : 0))))
        return rc;
    if ((v = isth__yw_get(w->y, n, "before_window"))) {
        long bw;
        if ((rc = isth__yw_int(w->y, v, "before_window", 1, ISTH_BEFORE_WINDOW,
                               &bw)))
            return rc;
        r->before_window = (uint32_t)bw;
    }
    if ((v = isth__yw_get(w->y, n, "drop"))) {
        if ((rc = isth__yw_enum(w->y, v, "boolean", BOOLS, 2, &drop)))
            return rc;
    }
    if ((v = isth__yw_get(w->y, n, "extend"))) {
        if ((rc = isth__yw_enum(w->y, v, "boolean", BOOLS, 2, &extend)))
            return rc;
    }
    if ((v = isth__yw_get(w->y, n, "group"))) {
        /* A pattern's group; or, for a rule on what precedes a name, a
         * group of 'before' (1 up: the name is not 'before''s match). */
        const struct isth_re *gre = relabel ? r->before : r->re;
        int g, lo = relabel ? 1 : 0;
        if ((rc = isth__yw_scalar(w->y, v, "group")))
            return rc;
        g = isth__re_group(gre, isth__yw_str(v));
        if (g < 0) {
            long num;
            if (isth__yw_int(w->y, v, "group", lo, isth__re_captures(gre),
                             &num))
                return isth__yw_fail(w->y, v,
                                     "'group' must name a group of the "
                                     "%s (?<name>...) or be its number "
                                     "(%d to %u), not '%s'",
                                     relabel ? "'before' pattern" : "pattern",
                                     lo, isth__re_captures(gre),
                                     isth__yw_str(v));
            g = (int)num;
        }
        r->group = (uint32_t)g;
    }
    if (relabel && r->group &&
        ((v = isth__yw_get(w->y, n, "extend")) ||
         (v = isth__yw_get(w->y, n, "drop"))))
        return isth__yw_fail(w->y, v,
                             "a rule with 'before' and 'group' makes an "
                             "entity beside the name; it can neither "
                             "'extend' nor 'drop' the name");
    /* The kind, once ('drop' makes nothing, so it ignores 'extend'). */
    if (relabel)
        r->what = r->group ? ISTH_RULE_BESIDE
                  : drop   ? ISTH_RULE_DROP
                  : extend ? ISTH_RULE_EXTEND
                           : ISTH_RULE_RELABEL;
    if ((v = isth__yw_get(w->y, n, "propagate"))) {
        if ((rc = isth__yw_enum(w->y, v, "boolean", BOOLS, 2, &r->propagate)))
            return rc;
    }
    if ((v = isth__yw_get(w->y, n, "list"))) {
        if ((rc = isth__yw_enum(w->y, v, "boolean", BOOLS, 2, &list)))
            return rc;
        if (list)
            r->what = ISTH_RULE_LIST;
    }
    if ((v = isth__yw_get(w->y, n, "applies_to"))) {
        if (!relabel && !list)
            return isth__yw_fail(w->y, v,
                                 "'applies_to' needs 'after' or 'before' "
                                 "(it names the gazetteer names a "
                                 "relabelling rule may change) or 'list: "
                                 "true' (the entities that count as members)");
        if ((rc = applies_to(w, v, r)))
            return rc;
    }
    if ((v = isth__yw_get(w->y, n, "kind"))) {
        if ((rc = isth__yw_scalar(w->y, v, "kind")))
            return rc;
        if (!(r->kind = isth__strdup(isth__yw_str(v))))
            return nomem(w);
    }
    if ((v = isth__yw_get(w->y, n, "entity_id"))) {
        if ((rc = isth__yw_scalar(w->y, v, "entity_id")) ||
            (rc = check_template(w, v, isth__rule_span_re(r))))
            return rc;
        if (!(r->id_template = isth__strdup(isth__yw_str(v))))
            return nomem(w);
    }
    if ((v = isth__yw_get(w->y, n, "requires"))) {
        size_t k;
        if ((rc = isth__yw_seq(w->y, v, "requires")))
            return rc;
        if (!isth__yw_seq_len(v))
            return isth__yw_fail(w->y, v,
                                 "'requires' lists at least one word (or "
                                 "leave it out)");
        if (!(r->req = isth__calloc(isth__yw_seq_len(v), sizeof *r->req)))
            return nomem(w);
        for (k = 0; k < isth__yw_seq_len(v); k++) {
            yaml_node_t *it = isth__yw_seq_at(w->y, v, k);
            if ((rc = isth__yw_scalar(w->y, it, "required word")))
                return rc;
            rc = isth__cue_intern(w->ld, isth__yw_str(it), &r->req[k]);
            if (rc == ISTH_ESCHEMA)
                return isth__yw_fail(w->y, it,
                                     "empty required word: it would never "
                                     "be found");
            if (rc)
                return nomem(w);
            r->n_req = k + 1;
        }
    }
    if ((v = isth__yw_get(w->y, n, "requires_within"))) {
        long rw;
        if ((rc = isth__yw_int(w->y, v, "requires_within", 1,
                               ISTH_REQUIRES_WITHIN, &rw)))
            return rc;
        r->req_within = (uint32_t)rw;
    }
    if ((v = isth__yw_get(w->y, n, "priority"))) {
        long pr;
        if ((rc = isth__yw_int(w->y, v, "priority", -1000000, 1000000, &pr)))
            return rc;
        r->priority = (int)pr;
    }
    if ((v = isth__yw_get(w->y, n, "attributes"))) {
        yaml_node_pair_t *p;
        size_t k = 0, na;
        if (v->type != YAML_MAPPING_NODE)
            return isth__yw_fail(w->y, v,
                                 "'attributes' must be a mapping, not %s",
                                 isth__yw_type(v));
        na = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
        if (na && !(r->attrs = isth__calloc(na, sizeof *r->attrs)))
            return nomem(w);
        for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
             p++) {
            yaml_node_t *key = isth__yw_node(w->y, p->key);
            yaml_node_t *val = isth__yw_node(w->y, p->value);
            if ((rc = isth__yw_scalar(w->y, key, "attribute name")) ||
                (rc = isth__yw_scalar(w->y, val, "attribute value")) ||
                (rc = check_template(w, val, isth__rule_span_re(r))))
                return rc;
            r->attrs[k].key = isth__strdup(isth__yw_str(key));
            r->attrs[k].value = isth__strdup(isth__yw_str(val));
            r->n_attrs = ++k;
            if (!r->attrs[k - 1].key || !r->attrs[k - 1].value)
                return nomem(w);
        }
    }
    return ISTH_OK;
}

/* Appends a topic source; *out points at it (zeroed but for the basics). */
static int add_src(struct rwalk *w, uint32_t topic, unsigned char type,
                   double weight, const yaml_node_t *at, struct isth_tsrc **out)
{
    struct isth_build *db = w->ld->db;
    struct isth_tsrc *t;

    if (isth__grow(&db->tsrcs, &db->cap_tsrcs, db->n_tsrcs + 1,
                   sizeof *db->tsrcs))
        return nomem(w);
    t = &db->tsrcs[db->n_tsrcs++];
    memset(t, 0, sizeof *t);
    t->topic = topic;
    t->type = type;
    t->weight = weight;
    t->entity = UINT32_MAX;
    t->cue = UINT32_MAX;
    t->line = isth__yw_line(at);
    t->col = isth__yw_col(at);
    t->anchor = (unsigned char)w->anchor;
    *out = t;
    return ISTH_OK;
}

static int load_cueset(struct rwalk *w, uint32_t topic, const yaml_node_t *n)
{
    const char *tl = w->ld->db->topics[topic].label;
    struct isth_tsrc *t;
    yaml_node_t *v, *it;
    double weight = 1;
    size_t i;
    int rc;
    char owner[200];

    if (n->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, n,
                             "a cue set must be a mapping with 'keywords', "
                             "'patterns' or 'entities', not %s",
                             isth__yw_type(n));
    if ((rc = isth__yw_keys(w->y, n, CUESET_KEYS, ISTH_COUNT(CUESET_KEYS),
                            "a cue set")))
        return rc;
    if ((v = isth__yw_get(w->y, n, "weight")) &&
        (rc = isth__yw_num(w->y, v, "weight", -100, 100, &weight)))
        return rc;
    if (weight == 0)
        return isth__yw_fail(w->y, v, "'weight' must not be 0");
    w->anchor = 0;
    if ((v = isth__yw_get(w->y, n, "anchor"))) {
        int a;
        if ((rc = isth__yw_enum(w->y, v, "anchor", BOOLS, 2, &a)))
            return rc;
        if (a && weight < 0)
            return isth__yw_fail(w->y, v,
                                 "a negative cue set cannot be an anchor");
        w->anchor = a;
    }
    if (!isth__yw_get(w->y, n, "keywords") &&
        !isth__yw_get(w->y, n, "patterns") &&
        !isth__yw_get(w->y, n, "entities"))
        return isth__yw_fail(w->y, n,
                             "cue set has no 'keywords', 'patterns' or "
                             "'entities'");
    if ((v = isth__yw_get(w->y, n, "keywords"))) {
        if ((rc = isth__yw_seq(w->y, v, "keywords")))
            return rc;
        for (i = 0; i < isth__yw_seq_len(v); i++) {
            it = isth__yw_seq_at(w->y, v, i);
            if ((rc = isth__yw_scalar(w->y, it, "keyword")) ||
                (rc = add_src(w, topic, TSRC_CUE, weight, it, &t)))
                return rc;
            rc = isth__cue_intern(w->ld, isth__yw_str(it), &t->cue);
            if (rc == ISTH_ESCHEMA)
                return isth__yw_fail(w->y, it, "empty keyword");
            if (rc || !(t->name = isth__strdup(isth__yw_str(it))))
                return nomem(w);
        }
    }
    if ((v = isth__yw_get(w->y, n, "patterns"))) {
        if ((rc = isth__yw_seq(w->y, v, "patterns")))
            return rc;
        for (i = 0; i < isth__yw_seq_len(v); i++) {
            yaml_node_t *pat, *name = NULL;
            it = isth__yw_seq_at(w->y, v, i);
            pat = it;
            if (it->type == YAML_MAPPING_NODE) {
                if ((rc = isth__yw_keys(w->y, it, PATTERN_KEYS, 2,
                                        "a pattern cue")))
                    return rc;
                if (!(pat = isth__yw_get(w->y, it, "pattern")))
                    return isth__yw_fail(w->y, it,
                                         "pattern cue has no 'pattern'");
                if ((name = isth__yw_get(w->y, it, "name")) &&
                    (rc = isth__yw_scalar(w->y, name, "name")))
                    return rc;
            }
            if ((rc = add_src(w, topic, TSRC_PATTERN, weight, pat, &t)))
                return rc;
            snprintf(owner, sizeof owner, "topic '%s'", tl);
            if ((rc = compile_re(w, pat, ISTH_RE_CASELESS, owner, &t->re)))
                return rc;
            if (!(t->name = isth__strdup(isth__yw_str(name ? name : pat))))
                return nomem(w);
        }
    }
    if ((v = isth__yw_get(w->y, n, "entities"))) {
        if ((rc = isth__yw_seq(w->y, v, "entities")))
            return rc;
        for (i = 0; i < isth__yw_seq_len(v); i++) {
            yaml_node_t *f;
            char name[300];
            it = isth__yw_seq_at(w->y, v, i);
            if (it->type != YAML_MAPPING_NODE)
                return isth__yw_fail(w->y, it,
                                     "an entity cue must be a mapping with "
                                     "'label', 'kind' or 'id', not %s",
                                     isth__yw_type(it));
            if ((rc = isth__yw_keys(w->y, it, ENTITY_KEYS, 3,
                                    "an entity cue")) ||
                (rc = add_src(w, topic, TSRC_ENTITY, weight, it, &t)))
                return rc;
            name[0] = 0;
            if ((f = isth__yw_get(w->y, it, "label"))) {
                if ((rc = check_label(w, f)))
                    return rc;
                if (!(t->label = isth__strdup(isth__yw_str(f))))
                    return nomem(w);
            }
            if ((f = isth__yw_get(w->y, it, "kind"))) {
                if ((rc = isth__yw_scalar(w->y, f, "kind")))
                    return rc;
                if (!(t->kind = isth__strdup(isth__yw_str(f))))
                    return nomem(w);
            }
            if ((f = isth__yw_get(w->y, it, "id"))) {
                if ((rc = isth__yw_scalar(w->y, f, "id")))
                    return rc;
                if (!(t->id = isth__strdup(isth__yw_str(f))))
                    return nomem(w);
                t->line = isth__yw_line(f);
                t->col = isth__yw_col(f);
            }
            if (!t->label && !t->kind && !t->id)
                return isth__yw_fail(w->y, it,
                                     "entity cue needs 'label', 'kind' or "
                                     "'id'");
            snprintf(name, sizeof name, "%s%s%s%s%s%s", t->id ? "id:" : "",
                     t->id ? t->id : "",
                     t->label ? (t->id ? " label:" : "label:") : "",
                     t->label ? t->label : "",
                     t->kind ? (t->id || t->label ? " kind:" : "kind:") : "",
                     t->kind ? t->kind : "");
            if (!(t->name = isth__strdup(name)))
                return nomem(w);
        }
    }
    return ISTH_OK;
}

static int valid_topic_label(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

/* A topic entry with 'extends: LABEL': more cues (and a new threshold or
 * description) for a topic an earlier file defined. */
static int extend_topic(struct rwalk *w, const yaml_node_t *n,
                        const yaml_node_t *ext)
{
    struct isth_build *db = w->ld->db;
    yaml_node_t *cues, *v;
    const char *l;
    size_t i, ti;
    int rc;

    if ((rc = isth__yw_scalar(w->y, ext, "extends")))
        return rc;
    l = isth__yw_str(ext);
    if (isth__yw_get(w->y, n, "label"))
        return isth__yw_fail(w->y, n,
                             "a topic has 'label' (a new topic) or 'extends' "
                             "(more cues for a loaded one), not both");
    for (ti = 0; ti < db->n_topics; ti++)
        if (!strcmp(db->topics[ti].label, l))
            break;
    if (ti == db->n_topics) {
        const char *near = NULL;
        size_t best = 3;
        for (i = 0; i < db->n_topics; i++) {
            size_t d = isth__edit_distance(l, db->topics[i].label, 2);
            if (d < best) {
                best = d;
                near = db->topics[i].label;
            }
        }
        if (near)
            return isth__yw_fail(w->y, ext,
                                 "'extends' names no loaded topic '%s' (did "
                                 "you mean '%s'?)",
                                 l, near);
        return isth__yw_fail(w->y, ext,
                             "'extends' names no loaded topic '%s' (%zu "
                             "topics are loaded before this file; rule files "
                             "load in order, the shipped ones first)",
                             l, db->n_topics);
    }
    if ((v = isth__yw_get(w->y, n, "description"))) {
        char *d;
        if ((rc = isth__yw_scalar(w->y, v, "description")))
            return rc;
        if (!(d = isth__strdup(isth__yw_str(v))))
            return nomem(w);
        isth__free(db->topics[ti].description);
        db->topics[ti].description = d;
    }
    if ((v = isth__yw_get(w->y, n, "threshold")) &&
        (rc = isth__yw_num(w->y, v, "threshold", 0.001, 1,
                           &db->topics[ti].threshold)))
        return rc;
    if ((v = isth__yw_get(w->y, n, "min_cues"))) {
        long mc;
        if ((rc = isth__yw_int(w->y, v, "min_cues", 1, 100, &mc)))
            return rc;
        db->topics[ti].min_cues = (uint32_t)mc;
    }
    if ((cues = isth__yw_get(w->y, n, "cues"))) {
        if ((rc = isth__yw_seq(w->y, cues, "cues")))
            return rc;
        for (i = 0; i < isth__yw_seq_len(cues); i++)
            if ((rc = load_cueset(w, (uint32_t)ti,
                                  isth__yw_seq_at(w->y, cues, i))))
                return rc;
    }
    return ISTH_OK;
}

static int load_topic(struct rwalk *w, const yaml_node_t *n)
{
    struct isth_build *db = w->ld->db;
    struct isth_topic *t;
    yaml_node_t *label, *desc, *cues, *v;
    size_t i;
    int rc;

    if (n->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, n, "a topic must be a mapping, not %s",
                             isth__yw_type(n));
    if ((rc = isth__yw_keys(w->y, n, TOPIC_KEYS, ISTH_COUNT(TOPIC_KEYS),
                            "a topic")))
        return rc;
    if ((v = isth__yw_get(w->y, n, "extends")))
        return extend_topic(w, n, v);
    if (!(label = isth__yw_get(w->y, n, "label")))
        return isth__yw_fail(w->y, n,
                             "topic has no 'label' (or 'extends' to add to a "
                             "loaded topic)");
    if ((rc = isth__yw_scalar(w->y, label, "label")))
        return rc;
    if (!valid_topic_label(isth__yw_str(label)))
        return isth__yw_fail(w->y, label,
                             "topic label '%s' must be lower case letters, "
                             "digits and '_'",
                             isth__yw_str(label));
    for (i = 0; i < db->n_topics; i++)
        if (!strcmp(db->topics[i].label, isth__yw_str(label)))
            return isth__yw_fail(w->y, label,
                                 "duplicate topic '%s' (first defined at "
                                 "%s:%u; to add cues to it, write 'extends: "
                                 "%s' instead of 'label')",
                                 isth__yw_str(label), db->topics[i].file,
                                 db->topics[i].line, isth__yw_str(label));
    if (!(desc = isth__yw_get(w->y, n, "description")))
        return isth__yw_fail(w->y, n,
                             "topic '%s' has no 'description' (say what it "
                             "covers, for the people who read the labels)",
                             isth__yw_str(label));
    if ((rc = isth__yw_scalar(w->y, desc, "description")))
        return rc;
    if (!(cues = isth__yw_get(w->y, n, "cues")))
        return isth__yw_fail(w->y, n, "topic '%s' has no 'cues'",
                             isth__yw_str(label));
    if ((rc = isth__yw_seq(w->y, cues, "cues")))
        return rc;
    if (isth__grow(&db->topics, &db->cap_topics, db->n_topics + 1,
                   sizeof *db->topics))
        return nomem(w);
    t = &db->topics[db->n_topics++];
    memset(t, 0, sizeof *t);
    t->threshold = 0.5;
    t->line = isth__yw_line(n);
    if (!(t->label = isth__strdup(isth__yw_str(label))) ||
        !(t->description = isth__strdup(isth__yw_str(desc))) ||
        !(t->file = isth__strdup(w->display)))
        return nomem(w);
    if ((v = isth__yw_get(w->y, n, "threshold")) &&
        (rc = isth__yw_num(w->y, v, "threshold", 0.001, 1, &t->threshold)))
        return rc;
    t->min_cues = 2;
    if ((v = isth__yw_get(w->y, n, "min_cues"))) {
        long mc;
        if ((rc = isth__yw_int(w->y, v, "min_cues", 1, 100, &mc)))
            return rc;
        t->min_cues = (uint32_t)mc;
    }
    for (i = 0; i < isth__yw_seq_len(cues); i++)
        if ((rc = load_cueset(w, (uint32_t)(db->n_topics - 1),
                              isth__yw_seq_at(w->y, cues, i))))
            return rc;
    return ISTH_OK;
}

static int load_scoring(struct rwalk *w, const yaml_node_t *n)
{
    struct isth_scoring *sc = &w->ld->db->scoring;
    yaml_node_t *v;
    int rc;

    if (n->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, n, "'scoring' must be a mapping, not %s",
                             isth__yw_type(n));
    if (w->ld->have_scoring)
        return isth__yw_fail(w->y, n,
                             "'scoring' is set in more than one rule file");
    w->ld->have_scoring = 1;
    if ((rc = isth__yw_keys(w->y, n, SCORING_KEYS, ISTH_COUNT(SCORING_KEYS),
                            "'scoring'")))
        return rc;
    if ((v = isth__yw_get(w->y, n, "lead_words")) &&
        (rc = isth__yw_num(w->y, v, "lead_words", 0, 100000, &sc->lead_words)))
        return rc;
    if ((v = isth__yw_get(w->y, n, "lead_boost")) &&
        (rc = isth__yw_num(w->y, v, "lead_boost", 1, 100, &sc->lead_boost)))
        return rc;
    if ((v = isth__yw_get(w->y, n, "length_unit")) &&
        (rc = isth__yw_num(w->y, v, "length_unit", 1, 1e6, &sc->length_unit)))
        return rc;
    if ((v = isth__yw_get(w->y, n, "scale")) &&
        (rc = isth__yw_num(w->y, v, "scale", 0.01, 1e6, &sc->scale)))
        return rc;
    return ISTH_OK;
}

static int load_root(struct rwalk *w, const yaml_node_t *root)
{
    yaml_node_t *v;
    size_t i;
    int rc;

    if (root->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, root,
                             "a rule file must be a mapping with 'rules' "
                             "and/or 'topics', not %s",
                             isth__yw_type(root));
    if ((rc = isth__yw_keys(w->y, root, FILE_KEYS, ISTH_COUNT(FILE_KEYS),
                            "a rule file")))
        return rc;
    if ((v = isth__yw_get(w->y, root, "description")) &&
        (rc = isth__yw_scalar(w->y, v, "description")))
        return rc;
    if ((v = isth__yw_get(w->y, root, "scoring")) && (rc = load_scoring(w, v)))
        return rc;
    if ((v = isth__yw_get(w->y, root, "rules"))) {
        if ((rc = isth__yw_seq(w->y, v, "rules")))
            return rc;
        for (i = 0; i < isth__yw_seq_len(v); i++)
            if ((rc = isth__ld_recover(
                     w->ld, load_rule(w, isth__yw_seq_at(w->y, v, i)),
                     w->y->err)))
                return rc;
    }
    if ((v = isth__yw_get(w->y, root, "topics"))) {
        if ((rc = isth__yw_seq(w->y, v, "topics")))
            return rc;
        for (i = 0; i < isth__yw_seq_len(v); i++)
            if ((rc = isth__ld_recover(
                     w->ld, load_topic(w, isth__yw_seq_at(w->y, v, i)),
                     w->y->err)))
                return rc;
    }
    if ((v = isth__yw_get(w->y, root, "disable")) &&
        (rc = isth__ld_recover(w->ld,
                               isth__disable_parse(w->ld, w->y, w->display, v),
                               w->y->err)))
        return rc;
    if (!isth__yw_get(w->y, root, "rules") &&
        !isth__yw_get(w->y, root, "topics") &&
        !isth__yw_get(w->y, root, "scoring") &&
        !isth__yw_get(w->y, root, "disable"))
        return isth__yw_fail(w->y, root,
                             "rule file has no 'rules', 'topics', 'scoring' "
                             "or 'disable'");
    return ISTH_OK;
}

static int walk_root(void *ctx, const yaml_node_t *root)
{
    return load_root(ctx, root);
}

int isth__rules_load(struct isth_loader *ld, const char *path,
                     const char *display, const char *text, size_t len,
                     isth_error *err)
{
    struct isth_yw y;
    struct rwalk w;

    w.ld = ld;
    w.anchor = 0;
    w.y = &y;
    w.display = display;
    return isth__yw_load(&y, path, text, len, err,
                         "a rule file needs 'rules' or 'topics'", walk_root,
                         &w);
}
