/* SPDX-License-Identifier: MIT */
/*
 * scan_after.c - after precedence: lists, acronyms defined in the text, short
 * forms and surnames of names found (a stage of the scan: see scan.c and
 * scan.h).
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "db.h"
#include "error.h"
#include "match.h"
#include "normalize.h"
#include "regex.h"
#include "scan.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* List rules                                                           */

/* The separators of list items, longest first, with their lengths (the
 * test runs at every byte of a list). */
#define SEP(s)                                                                 \
    {                                                                          \
        s, sizeof s - 1                                                        \
    }
static const struct {
    const char *s;
    size_t n;
} LIST_SEPS[] = {SEP(", and "), SEP(", or "), SEP(" and "),
                 SEP(" or "),   SEP(", "),    SEP("; ")};
#undef SEP

/* Length of the separator at text[p, end), or 0. */
static size_t list_sep(const char *text, size_t p, size_t end)
{
    size_t k;

    if (text[p] != ',' && text[p] != ' ' && text[p] != ';')
        return 0;
    for (k = 0; k < sizeof LIST_SEPS / sizeof *LIST_SEPS; k++)
        if (end - p >= LIST_SEPS[k].n &&
            !memcmp(text + p, LIST_SEPS[k].s, LIST_SEPS[k].n))
            return LIST_SEPS[k].n;
    return 0;
}

/* The position in s->pr.acc of the first accepted entity ending after a
 * (acc is sorted, and its entities do not overlap). */
static size_t acc_ending_after(const isth_scratch *s, size_t a)
{
    size_t lo = 0, hi = s->pr.n_acc;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->nm.cands[s->pr.acc[mid]].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The accepted entity overlapping [a, b), or NONE (acc is sorted). */
static uint32_t acc_overlap(const isth_scratch *s, size_t a, size_t b)
{
    size_t lo = acc_ending_after(s, a);

    return lo < s->pr.n_acc && s->nm.cands[s->pr.acc[lo]].start < b
               ? s->pr.acc[lo]
               : NONE;
}

/* Takes s->pr.acc[lo, hi) out of the accepted list. */
static void acc_remove(isth_scratch *s, size_t lo, size_t hi)
{
    memmove(s->pr.acc + lo, s->pr.acc + hi,
            (s->pr.n_acc - hi) * sizeof *s->pr.acc);
    s->pr.n_acc -= hi - lo;
}

/* Puts candidate ci into the accepted list, which stays sorted. */
static int accept_sorted(isth_scratch *s, uint32_t ci)
{
    size_t lo;

    if (isth__grow(&s->pr.acc, &s->pr.cap_acc, s->pr.n_acc + 1,
                   sizeof *s->pr.acc))
        return ISTH_ENOMEM;
    for (lo = s->pr.n_acc;
         lo > 0 && s->nm.cands[s->pr.acc[lo - 1]].start > s->nm.cands[ci].start;
         lo--)
        s->pr.acc[lo] = s->pr.acc[lo - 1];
    s->pr.acc[lo] = ci;
    s->pr.n_acc++;
    return ISTH_OK;
}

/* A copy of candidate tpl at [a, b), accepted. */
static int accept_copy(isth_scratch *s, uint32_t tpl, size_t a, size_t b)
{
    struct cand *c;
    uint32_t ci;

    if (isth__grow(&s->nm.cands, &s->nm.cap_cands, s->nm.n_cands + 1,
                   sizeof *c))
        return ISTH_ENOMEM;
    ci = (uint32_t)s->nm.n_cands++;
    c = &s->nm.cands[ci];
    *c = s->nm.cands[tpl]; /* rule or entity, label, name, id, attributes */
    c->start = (uint32_t)a;
    c->end = (uint32_t)b;
    c->state = ALIVE;
    return accept_sorted(s, ci);
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || is_upper(c);
}

static int is_wordc(unsigned char c)
{
    return c >= 0x80 || is_letter(c) || (c >= '0' && c <= '9');
}

/*
 * Acronyms the text defines: "the Rapid Support Forces (RSF)", whose
 * capitalized words' initials spell the letters in parentheses, make
 * the acronym there and at every later mention the same entity as the
 * long form: the entity already found with exactly that span, else an
 * entity of the rule 'acronym-defined' (its label, ORG in the shipped
 * rules) named by the long form.  Without that rule nothing happens, so
 * a rule file can disable it.  A long form that overlaps another entity
 * only in part, and a mention inside one, are left alone; at most 32
 * definitions a document.
 */
int isth__define_acronyms(const isth_db *db, isth_scratch *s, const char *text,
                          size_t len)
{
    static const char *const JOINS[] = {"of", "and", "for", "the", "on", "in",
                                        "de", "du",  "des", "la",  "le"};
    uint32_t rule = NONE;
    size_t p, i, defined = 0;
    int rc;

    for (i = 0; i < db->n_rules; i++)
        if (!strcmp(db->rules[i].id, "acronym-defined"))
            rule = (uint32_t)i;
    if (rule == NONE)
        return ISTH_OK;
    for (p = 1; p + 3 < len && defined < 32; p++) {
        size_t n = 0, a, b, w, k, caps = 0, ls = 0, le;
        uint32_t tpl;
        if (text[p] != '(' || text[p - 1] != ' ')
            continue;
        while (p + 1 + n < len && is_upper((unsigned char)text[p + 1 + n]))
            n++;
        if (n < 2 || n > 8 || p + 1 + n >= len || text[p + 1 + n] != ')')
            continue;
        /* The long form: the n capitalized words before the space, with
         * joining words between them. */
        le = p - 1;
        w = le;
        while (caps < n && w > 0) {
            size_t we = w, ws;
            while (w > 0 && (is_wordc((unsigned char)text[w - 1]) ||
                             text[w - 1] == '-' || text[w - 1] == '\''))
                w--;
            ws = w;
            if (ws == we)
                break;
            if (is_upper((unsigned char)text[ws])) {
                if ((text[ws] | 0x20) != (text[p + n - caps] | 0x20))
                    break;
                caps++;
                ls = ws;
            } else {
                for (k = 0; k < sizeof JOINS / sizeof *JOINS; k++)
                    if (strlen(JOINS[k]) == we - ws &&
                        !memcmp(JOINS[k], text + ws, we - ws))
                        break;
                if (k == sizeof JOINS / sizeof *JOINS || caps == 0)
                    break;
            }
            if (caps == n || w == 0 || text[w - 1] != ' ')
                break;
            w--;
        }
        if (caps != n)
            continue;
        /* The long form's entity: one with exactly its span, else new. */
        tpl = acc_overlap(s, ls, le);
        if (tpl != NONE &&
            (s->nm.cands[tpl].start != ls || s->nm.cands[tpl].end != le)) {
            /* Only when the overlap is a name inside the long form. */
            size_t k2;
            int inside = 1;
            for (k2 = 0; k2 < s->pr.n_acc; k2++) {
                const struct cand *o = &s->nm.cands[s->pr.acc[k2]];
                if (o->start < le && o->end > ls &&
                    (o->start < ls || o->end > le))
                    inside = 0;
            }
            if (!inside)
                continue;
            tpl = NONE;
        }
        if (tpl == NONE) {
            size_t k2;
            /* Names inside the long form give way to it. */
            for (k2 = 0; k2 < s->pr.n_acc;) {
                const struct cand *o = &s->nm.cands[s->pr.acc[k2]];
                if (o->start >= ls && o->end <= le) {
                    memmove(s->pr.acc + k2, s->pr.acc + k2 + 1,
                            (s->pr.n_acc - k2 - 1) * sizeof *s->pr.acc);
                    s->pr.n_acc--;
                } else {
                    k2++;
                }
            }
            if ((rc = isth__new_rule_cand(db, s, text, rule, ls, le, &tpl)) ||
                (rc = accept_sorted(s, tpl)))
                return rc;
        }
        /* The acronym, here and later on, as a whole word. */
        defined++;
        for (a = p + 1; a + n <= len; a++) {
            b = a + n;
            if ((a > 0 && is_wordc((unsigned char)text[a - 1])) ||
                (b < len && is_wordc((unsigned char)text[b])) ||
                memcmp(text + a, text + p + 1, n) ||
                acc_overlap(s, a, b) != NONE)
                continue;
            if ((rc = accept_copy(s, tpl, a, b)))
                return rc;
            a = b;
        }
        p += n + 1;
    }
    return ISTH_OK;
}

/* Is [a, b) a gazetteer name candidate, kept or not (a place that lost
 * to another entity is still a place, not a short form)?  With
 * context_ok, a name whose context failed does not count: the document
 * gave no sign of that place ("Michael Jordan" ... "Jordan said", in a
 * text that names nothing of the country's).  A helper name (a hidden
 * list: the given names) does not count either: "Clinton" and "Lewis"
 * are given names too, and that makes them no less a surname.  Names are
 * sorted by end. */
static int is_name_at(const isth_db *db, const isth_scratch *s, size_t a,
                      size_t b, int context_ok)
{
    size_t lo = 0, hi = s->nm.n_names;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->nm.cands[mid].end < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < s->nm.n_names && s->nm.cands[lo].end == b; lo++) {
        const struct cand *c = &s->nm.cands[lo];
        if (c->start == a && !(context_ok && c->state == LOST_CONTEXT) &&
            !(c->entity != NONE && db->entities[c->entity].hidden))
            return 1;
    }
    return 0;
}

/* A form of text a document-level pass copies an entity onto: the
 * accepted candidate ci and the text [off, off + n). */
struct form {
    uint32_t ci;
    size_t off, n;
};

#define MAX_FORMS 32

/* Adds form (ci, off, n) to forms[0..*nf) unless the same text is there. */
static void add_form(struct form *forms, size_t *nf, uint32_t ci,
                     const char *text, size_t off, size_t n)
{
    size_t i;

    for (i = 0; i < *nf; i++)
        if (forms[i].n == n && !memcmp(text + forms[i].off, text + off, n))
            return;
    forms[*nf].ci = ci;
    forms[*nf].off = off;
    forms[(*nf)++].n = n;
}

/* Is accepted candidate ci a gazetteer city with exactly the span [a, b)? */
static int is_city_at(const isth_db *db, const isth_scratch *s, uint32_t ci,
                      size_t a, size_t b)
{
    const struct cand *c = &s->nm.cands[ci];

    return c->rule == NONE && c->entity != NONE && c->start == a &&
           c->end == b &&
           !strcmp(isth__str(db, db->entities[c->entity].kind), "city");
}

/*
 * Does a capitalized word end one space before byte p, inside a
 * sentence (not its first word: "But Clinton said"), made of letters
 * only, and not an honorific, a weekday or a month?  "Wasim Akram" after
 * "Mohammad Akram": the mention is the end of another person's name, not
 * the surname alone.
 */
static int after_name_word(const char *text, size_t p)
{
    static const char *const not_names[] = {
        "Mr",      "Mrs",       "Ms",        "Dr",      "Sir",      "Lord",
        "Lady",    "Dame",      "Prof",      "Rev",     "Mme",      "Mlle",
        "Herr",    "Frau",      "Senor",     "Sr",      "Sra",      "Monday",
        "Tuesday", "Wednesday", "Thursday",  "Friday",  "Saturday", "Sunday",
        "January", "February",  "March",     "April",   "May",      "June",
        "July",    "August",    "September", "October", "November", "December"};
    size_t b, n, i;

    if (p < 2 || text[p - 1] != ' ')
        return 0;
    /* The word: ASCII letters after a non-word character. */
    for (b = p - 1; b > 0 && is_letter((unsigned char)text[b - 1]); b--)
        ;
    n = p - 1 - b;
    if (!n || !is_upper((unsigned char)text[b]) ||
        (b > 0 && is_wordc((unsigned char)text[b - 1])))
        return 0;
    /* The word before it, past one space: none, or the end of a sentence
     * or a quotation, makes it a sentence's first word. */
    if (b < 2 || text[b - 1] != ' ' || strchr(".!?\"\n:;", text[b - 2]))
        return 0;
    for (i = 0; i < sizeof not_names / sizeof *not_names; i++)
        if (strlen(not_names[i]) == n && !memcmp(text + b, not_names[i], n))
            return 0;
    return 1;
}

/*
 * A person a rule found by shape ("Phil Simmons", linked to no entry) is
 * the person of a mention of the surname alone ("Simmons"), later or
 * before (a headline names the surname first): the same rule, name and
 * id, as the aliases of a gazetteer person do.  At most 32 surnames a
 * document; a mention inside another entity, one that is a gazetteer
 * name ("Georgia" of "Lady Georgia"), one right after a capitalized word
 * ("Wasim Akram": another person's name) or a hyphen ("Anti-Bhutto"),
 * and one before the full name followed by a capitalized word ("the
 * Watson School") is left alone, except a city of exactly the mention's
 * span ("Gino Tassi", then "Tassi's first run": the town Tassi gives
 * way; countries, capitals and regions never do).
 */
int isth__propagate_persons(const isth_db *db, isth_scratch *s,
                            const char *text, size_t len)
{
    struct form sur[MAX_FORMS];
    size_t n_sur = 0, i, k;
    int rc;

    for (k = 0; k < s->pr.n_acc && n_sur < MAX_FORMS; k++) {
        const struct cand *c = &s->nm.cands[s->pr.acc[k]];
        size_t b, e = c->end;
        if (c->rule == NONE || c->entity != NONE || strcmp(c->label, "PERSON"))
            continue;
        for (b = e; b > c->start && text[b - 1] != ' '; b--)
            ;
        if (b == c->start || e - b < 3 ||
            !(is_upper((unsigned char)text[b]) ||
              (unsigned char)text[b] >= 0x80))
            continue;
        add_form(sur, &n_sur, s->pr.acc[k], text, b, e - b);
    }
    if (!n_sur)
        return ISTH_OK;
    if ((rc = isth__find_words(s, (const unsigned char *)text, len)))
        return rc;
    for (i = 0; i < s->tx.n_words; i++) {
        size_t p = s->tx.words[i];
        /* Surnames start with a capital or a non-ASCII letter. */
        if ((unsigned char)text[p] < 0x80 && !is_upper((unsigned char)text[p]))
            continue;
        for (k = 0; k < n_sur; k++) {
            const struct cand *o = &s->nm.cands[sur[k].ci];
            size_t q = p + sur[k].n;
            size_t at;
            uint32_t ov;
            if ((p < o->end && p >= o->start) || q > len ||
                (p > 0 && text[p - 1] == '-') || text[p] != text[sur[k].off] ||
                memcmp(text + p, text + sur[k].off, sur[k].n) ||
                (q < len && is_wordc((unsigned char)text[q])))
                continue;
            at = acc_ending_after(s, p);
            ov = at < s->pr.n_acc && s->nm.cands[s->pr.acc[at]].start < q
                     ? s->pr.acc[at]
                     : NONE;
            if (ov != NONE && !is_city_at(db, s, ov, p, q))
                continue;
            if (ov == NONE &&
                (is_name_at(db, s, p, q, 1) || after_name_word(text, p)))
                continue;
            /* Before the full name, not the start of a longer name
             * ("the Watson School" before "James D. Watson"). */
            if (p < o->start && q + 1 < len && text[q] == ' ' &&
                is_upper((unsigned char)text[q + 1]))
                continue;
            if (ov != NONE) /* the town gives way */
                acc_remove(s, at, at + 1);
            if ((rc = accept_copy(s, sur[k].ci, p, q)))
                return rc;
            break;
        }
    }
    return ISTH_OK;
}

/* Is text[a, b) one of rule ru's 'requires' words (ASCII case folded)? */
static int is_required_word(const isth_db *db, const struct isth_rule *ru,
                            const char *text, size_t a, size_t b)
{
    size_t k, i;

    for (k = 0; k < ru->n_req; k++) {
        const char *w = db->cues[ru->req[k]].text;
        for (i = 0; a + i < b && w[i]; i++) {
            unsigned char x = (unsigned char)text[a + i];
            if ((x >= 'A' && x <= 'Z' ? x | 0x20 : x) != (unsigned char)w[i])
                break;
        }
        if (a + i == b && !w[i])
            return 1;
    }
    return 0;
}

/*
 * The end of a name less its trailing 'requires' words of rule ru, "&"
 * and periods: "Johnson Controls Inc" -> "Johnson Controls", "Edward D.
 * Jones & Co." -> "Edward D. Jones".  At least one word stays.
 */
static size_t short_form_end(const isth_db *db, const struct isth_rule *ru,
                             const char *text, size_t start, size_t end)
{
    for (;;) {
        size_t e = end, b;
        while (e > start && text[e - 1] == '.')
            e--;
        for (b = e; b > start && text[b - 1] != ' '; b--)
            ;
        if (b == start || b >= e ||
            !((e - b == 1 && text[b] == '&') ||
              is_required_word(db, ru, text, b, e)))
            return end;
        end = b - 1;
    }
}

/*
 * A name found by a rule with 'propagate' ("Johnson Controls Inc",
 * "Pirelli SpA") is its entity wherever the document names it without
 * the trailing words of the rule's 'requires' list ("Johnson Controls",
 * "Pirelli"): same rule, name and id.  Not a mention inside another
 * entity or a hyphenated compound ("Pirelli-owned"), except persons a rule
 * found by shape that lie inside it (the document shows "Johnson Controls" is
 * the company, not a given name and a surname); not a short form that is a
 * gazetteer name ("American" of "American Airlines").  At most 32 names a
 * document.
 */
int isth__propagate_rules(const isth_db *db, isth_scratch *s, const char *text,
                          size_t len)
{
    struct form form[MAX_FORMS];
    size_t n_form = 0, i, k;
    int rc;

    for (k = 0; k < s->pr.n_acc && n_form < MAX_FORMS; k++) {
        const struct cand *c = &s->nm.cands[s->pr.acc[k]];
        size_t e;
        if (c->rule == NONE || !db->rules[c->rule].propagate)
            continue;
        e = short_form_end(db, &db->rules[c->rule], text, c->start, c->end);
        if (e == c->end || e - c->start < 3 ||
            is_name_at(db, s, c->start, e, 0))
            continue;
        add_form(form, &n_form, s->pr.acc[k], text, c->start, e - c->start);
    }
    if (!n_form)
        return ISTH_OK;
    if ((rc = isth__find_words(s, (const unsigned char *)text, len)))
        return rc;
    for (i = 0; i < s->tx.n_words; i++) {
        size_t p = s->tx.words[i];
        for (k = 0; k < n_form; k++) {
            size_t q = p + form[k].n, j, lo;
            int blocked = 0;
            if (q > len || text[p] != text[form[k].off] ||
                memcmp(text + p, text + form[k].off, form[k].n) ||
                (q < len &&
                 (is_wordc((unsigned char)text[q]) || text[q] == '-')) ||
                (p > 0 && text[p - 1] == '-') || is_name_at(db, s, p, q, 0))
                continue;
            /* What overlaps it: only persons of a shape rule inside it
             * give way. */
            lo = acc_ending_after(s, p);
            for (j = lo; j < s->pr.n_acc && s->nm.cands[s->pr.acc[j]].start < q;
                 j++) {
                const struct cand *o = &s->nm.cands[s->pr.acc[j]];
                if (o->rule == NONE || o->entity != NONE ||
                    strcmp(o->label, "PERSON") || o->start < p || o->end > q)
                    blocked = 1;
            }
            if (blocked)
                continue;
            acc_remove(s, lo, j);
            if ((rc = accept_copy(s, form[k].ci, p, q)))
                return rc;
            break;
        }
    }
    return ISTH_OK;
}

/* Does the accepted candidate ci count as a member of list rule ru? */
static int list_member(const isth_db *db, const isth_scratch *s,
                       const struct isth_rule *ru, uint32_t ci)
{
    const struct cand *c = &s->nm.cands[ci];
    const struct isth_rule *cr;

    if (c->entity != NONE)
        return isth__applies(ru, isth__str(db, db->entities[c->entity].label),
                             isth__str(db, db->entities[c->entity].kind));
    cr = &db->rules[c->rule];
    return isth__applies(ru, cr->label, cr->kind ? cr->kind : "");
}

/*
 * One list found by rule r at text[ms, me): items are what lies between
 * the separators.  When at least two items are entities the rule counts
 * (applies_to) and they are at least half of the items, every item no
 * entity touches becomes the rule's entity: "Barnsley, Batley, Bradford
 * and Dewsbury" with Barnsley and Bradford known.  A long list with four
 * known or more needs only a third: the towns of a district where the
 * gazetteers know the larger ones ("Barnsley, Batley, ..., Todmorden",
 * 6 known of 17).
 */
static int list_found(const isth_db *db, isth_scratch *s, const char *text,
                      uint32_t r, size_t ms, size_t me, const size_t *ov)
{
    const struct isth_rule *ru = &db->rules[r];
    size_t items = 0, known = 0, unknown = 0, pass, p;

    for (pass = 0; pass < 2; pass++) {
        p = ms;
        while (p < me) {
            size_t a = p, b, n = 0;
            uint32_t hit;
            while (p < me && !(n = list_sep(text, p, me)))
                p++;
            b = p;
            p += n;
            if (b <= a)
                continue;
            hit = acc_overlap(s, a, b);
            if (pass == 0) {
                items++;
                if (hit == NONE)
                    unknown++;
                else if (s->nm.cands[hit].start == a &&
                         s->nm.cands[hit].end == b &&
                         list_member(db, s, ru, hit))
                    known++;
                continue;
            }
            if (hit == NONE) {
                uint32_t ci;
                size_t lo;
                int rc;
                if ((rc = isth__add_rule_cand(db, s, text, r, a, b, ov, &ci)))
                    return rc;
                if (isth__grow(&s->pr.acc, &s->pr.cap_acc, s->pr.n_acc + 1,
                               sizeof *s->pr.acc))
                    return ISTH_ENOMEM;
                for (lo = s->pr.n_acc;
                     lo > 0 && s->nm.cands[s->pr.acc[lo - 1]].start > a; lo--)
                    s->pr.acc[lo] = s->pr.acc[lo - 1];
                s->pr.acc[lo] = ci;
                s->pr.n_acc++;
            }
        }
        if (pass == 0 &&
            (known < 2 || !unknown ||
             (2 * known < items && (known < 4 || 3 * known < items))))
            return ISTH_OK;
    }
    return ISTH_OK;
}

/* Is the kept entity ci next to a list separator? */
static int listy(const isth_scratch *s, const char *text, size_t len,
                 uint32_t ci)
{
    size_t a = s->nm.cands[ci].start, b = s->nm.cands[ci].end;

    return (b < len && list_sep(text, b, len)) ||
           (a >= 2 && !memcmp(text + a - 2, ", ", 2)) ||
           (a >= 4 && !memcmp(text + a - 4, "and ", 4)) ||
           (a >= 3 && !memcmp(text + a - 3, "or ", 3));
}

/* How far around a member a list is looked for, in bytes. */
#define LIST_BEFORE 240
#define LIST_AFTER 480

/*
 * List rules, once the entities are chosen (see list_found).  A list
 * holds two known members next to separators, so the pattern runs only
 * in windows around such members, not over the whole text.
 */
int isth__list_rules(const isth_db *db, isth_scratch *s, const char *text,
                     size_t len, isth_error *err)
{
    uint32_t r;

    for (r = 0; r < db->n_rules; r++) {
        const struct isth_rule *ru = &db->rules[r];
        size_t k, members = 0, done = 0;

        if (ru->what != ISTH_RULE_LIST || !isth__required_seen(ru, s))
            continue;
        for (k = 0; k < s->pr.n_acc && members < 2; k++)
            members += (size_t)(list_member(db, s, ru, s->pr.acc[k]) &&
                                listy(s, text, len, s->pr.acc[k]));
        if (members < 2)
            continue;
        /* s->pr.acc grows as items are added: walk it by index. */
        for (k = 0; k < s->pr.n_acc; k++) {
            uint32_t ci = s->pr.acc[k];
            size_t ma = s->nm.cands[ci].start, mb = s->nm.cands[ci].end;
            size_t pos, lim;

            if (mb <= done || s->nm.cands[ci].rule == r ||
                !list_member(db, s, ru, ci) || !listy(s, text, len, ci))
                continue;
            pos = ma > LIST_BEFORE ? ma - LIST_BEFORE : 0;
            if (pos < done)
                pos = done;
            while (pos < mb && ((unsigned char)text[pos] & 0xC0) == 0x80)
                pos++;
            lim = len - mb > LIST_AFTER ? mb + LIST_AFTER : len;
            while (pos < mb) {
                const size_t *ov;
                size_t ms, me;
                int rc,
                    m = isth__re_match(ru->re, s->ru.re, text, lim, pos, &ov);

                if (m == 0)
                    break;
                if (m < 0)
                    return isth__limit_error(s, ru, m, err);
                ms = ov[2 * ru->group];
                me = ov[2 * ru->group + 1];
                pos = isth__after_match(text, lim, ov);
                /* A match cut by the window's end is not trusted. */
                if (lim < len && me + 64 > lim)
                    break;
                if (ms == (size_t)-1 || me <= ms || me <= ma)
                    continue;
                if ((rc = list_found(db, s, text, r, ms, me, ov)))
                    return rc;
                done = me;
                break;
            }
            if (done < mb)
                done = mb;
        }
    }
    return ISTH_OK;
}
