/* SPDX-License-Identifier: MIT */
/*
 * plainlist.c - plain-list gazetteers: a .txt file with one name per
 * line, so that word lists from elsewhere load without conversion.
 *
 *   # label: GPE        (optional header lines, before the first name)
 *   # kind: city
 *   # case: fold        (fold, exact or title; default fold)
 *   # priority: -100    (of every entry: how it ranks against others of
 *                        the same name; default 0)
 *   # hidden: yes       (helper names: matched and seen by relabelling
 *                        rules, never entities of the output themselves)
 *   Panama City
 *   Colón
 *
 * Every line is an entity whose id is "<file name>:<line>" and whose name
 * is the line, trimmed.  Blank lines and other '#' lines are skipped.
 * Without a '# label:' line the loader's default label (tag --label)
 * applies; without either, the file is refused at 1:1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "loader.h"

static const char *const CASES[] = {"fold", "exact", "title"};

static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

/* "# key: value" -> key and value (in place); 0 if not of that shape. */
static int header(char *line, char **key, char **val)
{
    char *c;

    line = trim(line + 1);
    if (!(c = strchr(line, ':')))
        return 0;
    *c = '\0';
    *key = trim(line);
    *val = trim(c + 1);
    return 1;
}

static int valid_label(const char *l)
{
    const char *near;
    return isth__label_check(l, &near) >= 0;
}

/* The file name without its directories, for ids. */
static const char *base_name(const char *display)
{
    const char *s = strrchr(display, '/');
    return s ? s + 1 : display;
}

static int add_entity(struct isth_loader *ld, const char *display,
                      unsigned line, const char *name, const char *label,
                      const char *kind, int policy, int priority, int hidden)
{
    struct isth_build *db = ld->db;
    struct isth_entity *e;
    char idbuf[64];
    const char *base = base_name(display);
    size_t blen = strlen(base);
    uint32_t ei;
    int rc;

    if (isth__grow(&db->entities, &db->cap_entities, db->n_entities + 1,
                   sizeof *db->entities))
        return ISTH_ENOMEM;
    ei = (uint32_t)db->n_entities++;
    e = &db->entities[ei];
    memset(e, 0, sizeof *e);
    e->line = line;
    e->col = 1;
    e->priority = priority;
    e->hidden = (unsigned char)hidden;
    snprintf(idbuf, sizeof idbuf, ":%u", line);
    if ((e->id = isth__alloc(blen + strlen(idbuf) + 1, 1))) {
        memcpy(e->id, base, blen);
        strcpy(e->id + blen, idbuf);
    }
    e->name = isth__strdup(name);
    e->label = isth__strdup(label);
    e->kind = isth__strdup(kind ? kind : "");
    e->file = isth__strdup(display);
    if (!e->id || !e->name || !e->label || !e->kind || !e->file)
        return ISTH_ENOMEM;
    rc = isth__add_name(ld, ei, name, policy, policy, 0);
    return rc == ISTH_ESCHEMA ? ISTH_OK : rc; /* a name of only symbols */
}

int isth__plainlist_load(struct isth_loader *ld, const char *path,
                         const char *display, const char *text, size_t len,
                         isth_error *err)
{
    struct isth_buf line = {NULL, 0, 0, 1 << 20};
    char *label = NULL, *kind = NULL;
    const char *p = text, *end = text + len;
    unsigned no = 0;
    int policy = ISTH_CASE_FOLD, priority = 0, hidden = 0, names = 0,
        rc = ISTH_OK;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        const char *nul = n ? memchr(p, '\0', n) : NULL;
        char *s;

        line.len = 0;
        if ((rc = isth__buf_put(&line, p, n))) {
            isth__error_set(err, rc, path, no + 1, 1,
                            rc == ISTH_ETOOBIG ? "line longer than 1 MiB"
                                               : "out of memory");
            goto done;
        }
        if (nul) {
            rc = isth__error_set(err, ISTH_ESCHEMA, path, no + 1,
                                 (unsigned)(nul - p) + 1,
                                 "a NUL byte in a name (a plain list is "
                                 "text: one name per line)");
            goto done;
        }
        p = nl ? nl + 1 : end;
        no++;
        if ((rc = isth__buf_put(&line, "", 1))) {
            isth__error_set(err, rc, path, no, 1, "out of memory");
            goto done;
        }
        s = trim(line.ptr);
        if (!*s)
            continue;
        if (*s == '#') {
            char *k, *v;
            int i;
            if (names || !header(s, &k, &v))
                continue;
            if (!strcmp(k, "label")) {
                if (!valid_label(v)) {
                    rc = isth__error_set(err, ISTH_ESCHEMA, path, no, 1,
                                         "bad label '%s' (upper case "
                                         "letters, digits and '_': GPE, "
                                         "or your own such as VESSEL)",
                                         v);
                    goto done;
                }
                isth__free(label);
                if (!(label = isth__strdup(v)))
                    goto nomem;
            } else if (!strcmp(k, "kind")) {
                isth__free(kind);
                if (!(kind = isth__strdup(v)))
                    goto nomem;
            } else if (!strcmp(k, "case")) {
                for (i = 0; i < 3 && strcmp(v, CASES[i]); i++)
                    ;
                if (i == 3) {
                    rc = isth__error_set(err, ISTH_ESCHEMA, path, no, 1,
                                         "unknown case policy '%s' (use "
                                         "fold, exact or title)",
                                         v);
                    goto done;
                }
                policy = i;
            } else if (!strcmp(k, "priority")) {
                char *endp;
                long pr = strtol(v, &endp, 10);
                if (!*v || *endp || pr < -1000000 || pr > 1000000) {
                    rc = isth__error_set(err, ISTH_ESCHEMA, path, no, 1,
                                         "'# priority:' must be an integer "
                                         "between -1000000 and 1000000, not "
                                         "'%s'",
                                         v);
                    goto done;
                }
                priority = (int)pr;
            } else if (!strcmp(k, "hidden")) {
                if (strcmp(v, "yes") && strcmp(v, "no")) {
                    rc = isth__error_set(err, ISTH_ESCHEMA, path, no, 1,
                                         "'# hidden:' is yes or no, not '%s'",
                                         v);
                    goto done;
                }
                hidden = !strcmp(v, "yes");
            }
            continue;
        }
        if (!label && !ld->default_label) {
            rc = isth__error_set(err, ISTH_ESCHEMA, path, 1, 1,
                                 "a plain list needs a label: add "
                                 "'# label: GPE' as its first line, or pass "
                                 "a default (tag --label GPE)");
            goto done;
        }
        if ((rc = add_entity(ld, display, no, s,
                             label ? label : ld->default_label, kind, policy,
                             priority, hidden)))
            goto nomem;
        names++;
    }
    goto done;
nomem:
    rc = isth__error_set(err, ISTH_ENOMEM, path, no, 1, "out of memory");
done:
    isth__buf_free(&line);
    isth__free(label);
    isth__free(kind);
    return rc;
}
