/* SPDX-License-Identifier: MIT */
/*
 * inputs.c - the data options, the layers they make, and the database
 * they lead to (see inputs.h).
 */
#define _DEFAULT_SOURCE
#include "inputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "cli.h"
#include "json.h"
#include "output.h"

const char INPUTS_HELP[] =
    "data (the shipped gazetteers and rules, then each directory of\n"
    "$ISTHMUS_PATH, then -g and -r, in that order):\n"
    "  -g, --gazetteers PATH   add a gazetteer file (YAML, or .txt with one\n"
    "                          name per line) or directory (repeatable)\n"
    "  -r, --rules PATH        add a rule file or directory: pattern rules,\n"
    "                          topics, 'extends:' and 'disable:' (repeatable)\n"
    "      --no-default-data   leave out the shipped gazetteers and rules\n"
    "      --no-rules          load no rule files at all (no topics)\n"
    "      --as-of DATE        load what was valid on DATE (YYYY-MM-DD):\n"
    "                          entries and aliases with a 'valid' range,\n"
    "                          such as roles (\"the defense secretary\")\n"
    "      --label LABEL       label of plain-list gazetteers (.txt, one\n"
    "                          name per line) without a '# label:' line\n"
    "      --db FILE           use a database made by 'isthmus compile'\n"
    "                          (mapped, no YAML read; refused with -g/-r)\n"
    "      --no-cache          compile the YAML even when a cached database\n"
    "                          for exactly these inputs exists (the cache is\n"
    "                          $XDG_CACHE_HOME/isthmus, ~/.cache/isthmus)\n";

int cli_usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "isthmus %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'isthmus %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int cli_option(struct inputs *in, int c, char **argv, const char *cmd,
               const char *head, const char *opts, int *rc)
{
    int r = inputs_option(in, c, optarg, cmd);

    if (r == 1)
        return OPT_TAKEN;
    if (r) {
        *rc = r;
        return OPT_STOP;
    }
    if (c == 'h') {
        fputs(head, stdout);
        fputs(INPUTS_HELP, stdout);
        fputs("\n", stdout);
        fputs(opts, stdout);
        *rc = EXIT_OK;
        return OPT_STOP;
    }
    if (c == '?' || c == ':') {
        *rc = cli_usage_error(cmd, "unknown option or missing value: '%s'",
                              argv[optind - 1]);
        return OPT_STOP;
    }
    return OPT_MINE;
}

int cli_report_format(const char *cmd, const char *arg, int *json)
{
    if (!strcmp(arg, "json") || !strcmp(arg, "text")) {
        *json = !strcmp(arg, "json");
        return 0;
    }
    return cli_usage_error(cmd, "unknown --format '%s' (use text or json)",
                           arg);
}

int cli_count(const char *cmd, const char *opt, const char *arg, long min,
              size_t *out)
{
    char *end, msg[96];
    long v;

    errno = 0;
    v = strtol(arg, &end, 10);
    if (end == arg || *end || errno || v < min) {
        snprintf(msg, sizeof msg, "bad %s '%%s' (a whole number from %ld)", opt,
                 min);
        return cli_usage_error(cmd, msg, arg);
    }
    *out = (size_t)v;
    return 0;
}

int cli_open(struct inputs *in, const char *cmd, isth_db **db,
             isth_scratch **scratch)
{
    isth_compile_options co = ISTH_COMPILE_OPTIONS_INIT;
    int rc;

    if ((rc = inputs_resolve(in, &co, cmd)) ||
        (rc = inputs_open_db(in, &co, db, cmd)))
        return rc;
    if (scratch && isth_scratch_alloc(*db, scratch) != ISTH_OK) {
        fprintf(stderr, "isthmus %s: out of memory\n", cmd);
        return EXIT_RECORDS;
    }
    return 0;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = xrealloc(NULL, n);
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

/*
 * A shipped data directory (what: "gazetteers" or "rules"): $env, then
 * beside the executable (PREFIX/bin/isthmus -> PREFIX/share/isthmus/what,
 * so an installed copy finds its own data wherever it is moved), then
 * the source tree it was built from, then the configured prefix.
 */
static char *shipped_dir(const char *what, const char *env)
{
    const char *e = getenv(env);
    char exe[PATH_MAX], *slash, *p;
    const char *src;
    ssize_t n;

    if (e && *e)
        return strdup(e);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        if ((slash = strrchr(exe, '/'))) {
            *slash = 0;
            p = join(exe, "../share/isthmus");
            slash = join(p, what);
            free(p);
            if (is_dir(slash))
                return slash;
            free(slash);
        }
    }
#ifdef ISTH_SOURCE_GAZETTEERS
    src = !strcmp(what, "gazetteers") ? ISTH_SOURCE_GAZETTEERS
                                      : ISTH_SOURCE_RULES;
    if (is_dir(src))
        return strdup(src);
#endif
#ifdef ISTH_INSTALL_GAZETTEERS
    src = !strcmp(what, "gazetteers") ? ISTH_INSTALL_GAZETTEERS
                                      : ISTH_INSTALL_RULES;
    if (is_dir(src))
        return strdup(src);
#endif
    return NULL;
}

int inputs_option(struct inputs *in, int c, const char *arg, const char *cmd)
{
    switch (c) {
    case 'g':
        in->gaz = xrealloc(in->gaz, (in->n_gaz + 1) * sizeof *in->gaz);
        in->gaz[in->n_gaz++] = arg;
        return 1;
    case 'r':
        in->rules = xrealloc(in->rules, (in->n_rules + 1) * sizeof *in->rules);
        in->rules[in->n_rules++] = arg;
        return 1;
    case 0x100: in->no_rules = 1; return 1;
    case 0x101: in->no_default = 1; return 1;
    case 0x102: {
        /* The library checks the date; say it here with the option. */
        size_t n = strlen(arg);
        if (n != 10 || arg[4] != '-' || arg[7] != '-')
            return cli_usage_error(cmd, "bad --as-of '%s' (a date YYYY-MM-DD)",
                                   arg);
        in->as_of = arg;
        return 1;
    }
    case 0x103: in->label = arg; return 1;
    case 0x104: in->db_path = arg; return 1;
    case 0x105: in->no_cache = 1; return 1;
    default: return 0;
    }
}

/* Appends path to a layer list unless the same file or directory is
 * there already. */
static void add_path(char ***v, size_t *n, const char *path)
{
    char *real = realpath(path, NULL);
    size_t i;

    for (i = 0; real && i < *n; i++) {
        char *r2 = realpath((*v)[i], NULL);
        int same = r2 && !strcmp(r2, real);
        free(r2);
        if (same) {
            free(real);
            return;
        }
    }
    free(real);
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = strdup(path);
}

int inputs_resolve(struct inputs *in, isth_compile_options *co, const char *cmd)
{
    const char *env = getenv("ISTHMUS_PATH");
    size_t i;

    if (in->db_path) {
        if (in->n_gaz || in->n_rules)
            return cli_usage_error(cmd, "%s",
                                   "--db takes the place of -g and -r: give "
                                   "one or the other");
        return 0;
    }
    if (!in->no_default) {
        char *g = shipped_dir("gazetteers", "ISTHMUS_GAZETTEERS");
        char *r = shipped_dir("rules", "ISTHMUS_RULES");
        if (!g) {
            free(r);
            return cli_usage_error(cmd, "%s",
                                   "the shipped gazetteers are not found: "
                                   "set ISTHMUS_GAZETTEERS, or pass "
                                   "--no-default-data -g PATH");
        }
        add_path(&in->all_gaz, &in->n_all_gaz, g);
        if (r && !in->no_rules)
            add_path(&in->all_rules, &in->n_all_rules, r);
        free(g);
        free(r);
    }
    in->n_default_gaz = in->n_all_gaz;
    in->n_default_rules = in->n_all_rules;
    /* $ISTHMUS_PATH: directories with gazetteers/ and rules/. */
    while (env && *env) {
        const char *end = strchr(env, ':');
        size_t len = end ? (size_t)(end - env) : strlen(env);
        if (len) {
            char *dir = strndup(env, len), *g = join(dir, "gazetteers"),
                 *r = join(dir, "rules");
            int any = 0;
            if (is_dir(g)) {
                add_path(&in->all_gaz, &in->n_all_gaz, g);
                any = 1;
            }
            if (is_dir(r)) {
                if (!in->no_rules)
                    add_path(&in->all_rules, &in->n_all_rules, r);
                any = 1;
            }
            if (!any)
                fprintf(stderr,
                        "isthmus: warning: $ISTHMUS_PATH: '%s' has no "
                        "gazetteers/ or rules/ directory\n",
                        dir);
            free(dir);
            free(g);
            free(r);
        }
        env = end ? end + 1 : NULL;
    }
    for (i = 0; i < in->n_gaz; i++)
        add_path(&in->all_gaz, &in->n_all_gaz, in->gaz[i]);
    for (i = 0; i < in->n_rules && !in->no_rules; i++)
        add_path(&in->all_rules, &in->n_all_rules, in->rules[i]);
    if (!in->n_all_gaz && !in->n_all_rules)
        return cli_usage_error(cmd, "%s",
                               "no data: --no-default-data needs -g or -r");
    co->gazetteers = (const char *const *)in->all_gaz;
    co->n_gazetteers = in->n_all_gaz;
    co->rules = (const char *const *)in->all_rules;
    co->n_rules = in->n_all_rules;
    co->as_of = in->as_of;
    co->default_label = in->label;
    return 0;
}

int inputs_is_default(const struct inputs *in, const char *path)
{
    size_t i, n;

    for (i = 0; i < in->n_default_gaz + in->n_default_rules; i++) {
        const char *d = i < in->n_default_gaz
                            ? in->all_gaz[i]
                            : in->all_rules[i - in->n_default_gaz];
        n = strlen(d);
        if (!strncmp(path, d, n) && (path[n] == '/' || path[n] == 0))
            return 1;
    }
    return 0;
}

size_t inputs_shipped_entities(const struct inputs *in, const isth_db *db)
{
    const char *dir, *base;
    size_t n = 0, blen, total = isth_db_entity_count(db);
    isth_entity_info e;

    if (!in->n_default_gaz)
        return 0;
    dir = in->all_gaz[0];
    blen = strlen(dir);
    while (blen > 1 && dir[blen - 1] == '/')
        blen--;
    for (base = dir + blen; base > dir && base[-1] != '/'; base--)
        ;
    blen = (size_t)(dir + blen - base);
    while (n < total && isth_db_entity(db, n, &e) == ISTH_OK &&
           !strncmp(e.file, base, blen) && e.file[blen] == '/')
        n++;
    return n;
}

void inputs_free(struct inputs *in)
{
    size_t i;

    for (i = 0; i < in->n_all_gaz; i++)
        free(in->all_gaz[i]);
    for (i = 0; i < in->n_all_rules; i++)
        free(in->all_rules[i]);
    free(in->all_gaz);
    free(in->all_rules);
    free(in->gaz);
    free(in->rules);
    memset(in, 0, sizeof *in);
}

/* Prints an error of the data (warnings are for "isthmus check"). */
static void print_error(int severity, const isth_error *e, void *ctx)
{
    char buf[1024];

    if (severity != ISTH_DIAG_ERROR)
        return;
    isth_error_format(e, buf, sizeof buf);
    fprintf(stderr, "isthmus: %s\n", buf);
    ++*(size_t *)ctx;
}

int inputs_open_db(const struct inputs *o, const isth_compile_options *co,
                   isth_db **db, const char *cmd)
{
    isth_compile_options opts;
    size_t n_printed = 0;
    char buf[1024], *dir = NULL;
    isth_error err;
    int rc;

    if (o->db_path) {
        if ((rc = isth_db_load(db, o->db_path, &err))) {
            isth_error_format(&err, buf, sizeof buf);
            fprintf(stderr, "isthmus: %s\n", buf);
            return EXIT_CONFIG;
        }
        return 0;
    }
    if (!o->no_cache && (dir = cache_dir()) && cache_load(co, dir, db) == 0) {
        free(dir);
        return 0;
    }
    /* Every error of the data is printed, not only the first. */
    opts = *co;
    opts.on_diagnostic = print_error;
    opts.diagnostic_ctx = &n_printed;
    opts.errors_only = 1;
    if ((rc = isth_db_compile(db, &opts, &err))) {
        isth_error_format(&err, buf, sizeof buf);
        free(dir);
        /* A bad option value (the date) is a usage error. */
        if (rc == ISTH_EINVAL)
            return cli_usage_error(cmd, "%s", buf);
        if (!n_printed)
            fprintf(stderr, "isthmus: %s\n", buf);
        else if (n_printed > 1)
            fprintf(stderr, "isthmus: %zu errors\n", n_printed);
        return EXIT_CONFIG;
    }
    if (dir)
        cache_save(*db, dir);
    free(dir);
    return 0;
}
