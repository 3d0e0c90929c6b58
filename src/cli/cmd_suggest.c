/* SPDX-License-Identifier: MIT */
/*
 * cmd_suggest.c - "isthmus suggest CORPUS...": the capitalized names a
 * corpus uses often that the data does not tag, grouped by their key,
 * with counts, examples and a label guessed from the shapes around them,
 * written as YAML entries to paste into a gazetteer file of one's own.
 *
 * A candidate is a run of capitalized words (1 to 6; "of", "de", "van"
 * and the like may join them) that no entity covers.  A run counts only
 * if the corpus also writes it in mixed case in mid-sentence at least
 * once: a capital at the start of a sentence, or a headline in capitals,
 * says nothing on its own.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "isthmus.h"
#include "cli.h"
#include "corpus.h"
#include "inputs.h"
#include "json.h"

static const char HELP[] =
    "usage: isthmus suggest [OPTIONS] [FILE...]\n"
    "\n"
    "Finds the capitalized names a corpus (FILEs, or standard input) uses\n"
    "that the data does not tag, most frequent first, and writes them as\n"
    "YAML entries to check and paste into a gazetteer file of your own:\n"
    "each with its count, an example, and a label guessed from the words\n"
    "around it (a title before a person, \"X said\", a kind word such as\n"
    "Corp, Bank, Party, Ministry or River at its end, \"the town of X\").\n"
    "A name with no such clue gets label TODO.\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "      --format FMT        the corpus: text (a file is a document),\n"
    "                          lines or jsonl (default: text)\n"
    "      --text-field NAME   jsonl field holding the text (default: text)\n"
    "      --min-count N       names seen at least N times (default 2)\n"
    "      --top N             at most N names (default 50; 0: all)\n"
    "      --json              JSON Lines, one name per line, instead of\n"
    "                          YAML\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 ok; 1 some input could not be read; 2 usage;\n"
    "3 gazetteer or rule errors.\n";

#define MAX_RUN 6
#define N_LABELS 6

static const char *const GUESS[N_LABELS] = {"PERSON", "ORG", "GPE",
                                            "LOC",    "FAC", "TODO"};
enum { G_PERSON, G_ORG, G_GPE, G_LOC, G_FAC, G_NONE };

static const char *const TITLES[] = {
    "president", "minister",   "mr",         "mrs",        "ms",
    "dr",        "general",    "gen",        "secretary",  "senator",
    "sen",       "rep",        "governor",   "gov",        "king",
    "queen",     "prince",     "princess",   "chancellor", "ambassador",
    "judge",     "chairman",   "chairwoman", "spokesman",  "spokeswoman",
    "colonel",   "col",        "captain",    "capt",       "lieutenant",
    "admiral",   "sheikh",     "pope",       "cardinal",   "bishop",
    "rabbi",     "imam",       "coach",      "striker",    "midfielder",
    "defender",  "goalkeeper", "premier",    "mayor",      "director",
    "professor", "prof",       "sir",        "lord",       "lady",
    "emir",      "ayatollah",  "commander",  "officer",    "economist",
    "analyst",   "leader",     "deputy",     "envoy",      "rebel",
    "prime",     "vice",       "foreign",    "finance",    "defence",
    "defense",   "interior",   "justice",    "trade",      "economy"};
static const char *const SAID[] = {"said",  "says",  "told",  "added",
                                   "wrote", "asked", "stated"};
static const char *const ORG_END[] = {
    "corp",        "corporation",  "inc",          "ltd",          "plc",
    "group",       "bank",         "party",        "university",   "ministry",
    "agency",      "council",      "command",      "company",      "co",
    "association", "federation",   "union",        "institute",    "committee",
    "commission",  "organization", "organisation", "airlines",     "airways",
    "army",        "navy",         "forces",       "force",        "front",
    "movement",    "club",         "fund",         "court",        "parliament",
    "assembly",    "department",   "office",       "service",      "services",
    "holdings",    "industries",   "systems",      "technologies", "motors",
    "news",        "times",        "post",         "exchange",     "authority",
    "board",       "foundation",   "society",      "brigade",      "brigades",
    "battalion",   "division",     "regiment",     "guard",        "police",
    "ag",          "sa",           "nv",           "gmbh",         "llc"};
static const char *const LOC_END[] = {
    "river",   "mountains", "mountain", "sea",   "ocean",  "island",
    "islands", "lake",      "bay",      "gulf",  "strait", "valley",
    "desert",  "peninsula", "coast",    "basin", "plain",  "plateau",
    "range",   "hills",     "forest",   "delta", "canal",  "channel"};
static const char *const FAC_END[] = {
    "airport", "bridge",  "stadium",  "dam",     "base",   "tower",
    "palace",  "prison",  "hospital", "station", "square", "street",
    "road",    "highway", "pipeline", "mosque",  "church", "temple"};
static const char *const PLACE_OF[] = {
    "town",   "city",  "village", "province", "region",   "district",
    "county", "state", "port",    "capital",  "republic", "island"};
static const char *const JOIN[] = {"of", "de",  "del", "der", "van", "von",
                                   "al", "bin", "el",  "la",  "le",  "du",
                                   "da", "di",  "y",   "den", "des", "&"};
static const char *const STOP[] = {
    "the",       "a",       "an",       "in",       "on",        "at",
    "but",       "and",     "or",       "he",       "she",       "it",
    "they",      "we",      "i",        "this",     "that",      "these",
    "those",     "his",     "her",      "their",    "our",       "its",
    "after",     "before",  "when",     "while",    "if",        "as",
    "for",       "with",    "by",       "from",     "to",        "of",
    "there",     "here",    "what",     "who",      "why",       "how",
    "some",      "many",    "most",     "all",      "no",        "not",
    "one",       "two",     "three",    "last",     "first",     "new",
    "other",     "such",    "you",      "my",       "your",      "mr",
    "mrs",       "ms",      "dr",       "monday",   "tuesday",   "wednesday",
    "thursday",  "friday",  "saturday", "sunday",   "january",   "february",
    "march",     "april",   "may",      "june",     "july",      "august",
    "september", "october", "november", "december", "however",   "also",
    "so",        "then",    "now",      "yet",      "under",     "over",
    "about",     "since",   "until",    "during",   "according", "meanwhile",
    "despite",   "i'm",     "i'll",     "i've",     "i'd",       "we're",
    "it's",      "that's",  "there's",  "he's",     "she's",     "don't",
    "can't",     "won't",   "let's"};

static int in_list(const char *w, size_t n, const char *const *v, size_t nv)
{
    size_t i;
    for (i = 0; i < nv; i++)
        if (strlen(v[i]) == n && !strncmp(v[i], w, n))
            return 1;
    return 0;
}

#define IN(w, n, list) in_list((w), (n), (list), sizeof(list) / sizeof *(list))

/* A word of the text: bytes [s, e); lower-case ASCII copy in low. */
struct word {
    size_t s, e;
    int cap;  /* starts with an upper-case letter */
    int caps; /* written all in capitals (two letters or more) */
    int join; /* a joining word ("of", "de") */
    int digit;
    char low[32];
    size_t low_len;
};

struct cand {
    char *key, *shown, *example;
    size_t count, weak, docs, last_doc, mixed_shown;
    double votes[N_LABELS];
    char clue[N_LABELS][64];
};

struct sug {
    const isth_db *db;
    isth_scratch *s;
    struct cand *v;
    size_t n, cap, docs, failed;
    struct word *w;
    size_t n_w, cap_w;
    unsigned char *covered;
    size_t cap_cov;
    /* Words the corpus writes in lower case: a capitalized word that is
     * also one of them is a common word at a line start, not a name. */
    char **lower;
    size_t lower_cap, n_lower;
};

static size_t hash_word(const char *w, size_t n)
{
    size_t h = 14695981039346656037u, i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 1099511628211u;
    return h;
}

static int lower_has(const struct sug *g, const char *w, size_t n)
{
    size_t h;
    if (!g->lower_cap)
        return 0;
    h = hash_word(w, n) & (g->lower_cap - 1);
    while (g->lower[h]) {
        if (strlen(g->lower[h]) == n && !memcmp(g->lower[h], w, n))
            return 1;
        h = (h + 1) & (g->lower_cap - 1);
    }
    return 0;
}

static void lower_add(struct sug *g, const char *w, size_t n)
{
    size_t h, i;

    if (lower_has(g, w, n))
        return;
    if (2 * (g->n_lower + 1) > g->lower_cap) {
        size_t cap = g->lower_cap ? 2 * g->lower_cap : 4096;
        char **t = xrealloc(NULL, cap * sizeof *t);
        memset(t, 0, cap * sizeof *t);
        for (i = 0; i < g->lower_cap; i++)
            if (g->lower[i]) {
                h = hash_word(g->lower[i], strlen(g->lower[i])) & (cap - 1);
                while (t[h])
                    h = (h + 1) & (cap - 1);
                t[h] = g->lower[i];
            }
        free(g->lower);
        g->lower = t;
        g->lower_cap = cap;
    }
    h = hash_word(w, n) & (g->lower_cap - 1);
    while (g->lower[h])
        h = (h + 1) & (g->lower_cap - 1);
    g->lower[h] = strndup(w, n);
    g->n_lower++;
}

static int cp_upper(utf8proc_int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

static int cp_letter(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
           c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
           c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN ||
           c == UTF8PROC_CATEGORY_MC;
}

/* Splits text into words (letters and digits, with ' - . & inside). */
static void words(struct sug *g, const char *text, size_t len)
{
    const utf8proc_uint8_t *t = (const utf8proc_uint8_t *)text;
    size_t i = 0;

    g->n_w = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t adv =
            utf8proc_iterate(t + i, (utf8proc_ssize_t)(len - i), &cp);
        struct word *w;
        size_t j, letters = 0, uppers = 0;

        if (adv <= 0) {
            i++;
            continue;
        }
        if (!cp_letter(cp) && !(cp >= '0' && cp <= '9') && cp != '&') {
            i += (size_t)adv;
            continue;
        }
        if (g->n_w == g->cap_w)
            g->w = xrealloc(g->w, (g->cap_w = g->cap_w ? 2 * g->cap_w : 256) *
                                      sizeof *g->w);
        w = &g->w[g->n_w++];
        memset(w, 0, sizeof *w);
        w->s = i;
        w->cap = cp_upper(cp);
        for (j = i; j < len;) {
            utf8proc_int32_t c2;
            utf8proc_ssize_t a2 =
                utf8proc_iterate(t + j, (utf8proc_ssize_t)(len - j), &c2);
            if (a2 <= 0)
                break;
            if (cp_letter(c2)) {
                letters++;
                uppers += cp_upper(c2);
            } else if (c2 >= '0' && c2 <= '9') {
                w->digit = 1;
            } else if (!((c2 == '\'' || c2 == '-' || c2 == '.' || c2 == '&') &&
                         j + 1 < len &&
                         (cp_letter(t[j + 1] < 0x80 ? t[j + 1] : 'a') ||
                          (t[j + 1] >= '0' && t[j + 1] <= '9')))) {
                break;
            }
            j += (size_t)a2;
        }
        w->e = j > i ? j : i + (size_t)adv;
        w->caps = letters >= 2 && uppers == letters;
        for (j = w->s; j < w->e && w->low_len < sizeof w->low - 1; j++)
            w->low[w->low_len++] =
                (char)(t[j] >= 'A' && t[j] <= 'Z' ? t[j] + 32 : t[j]);
        w->low[w->low_len] = 0;
        /* "U.S." keeps its dots; "said." does not. */
        while (w->low_len && w->low[w->low_len - 1] == '.' && !w->caps) {
            w->low[--w->low_len] = 0;
            w->e--;
        }
        /* "Clinton's" is Clinton. */
        if (w->low_len > 2 && w->low[w->low_len - 2] == '\'' &&
            w->low[w->low_len - 1] == 's' && w->cap) {
            w->low_len -= 2;
            w->low[w->low_len] = 0;
            w->e -= 2;
        }
        w->join = !w->cap && IN(w->low, w->low_len, JOIN);
        if (!w->cap && !w->digit)
            lower_add(g, w->low, w->low_len);
        i = w->e;
    }
}

/* Is word k the first of a sentence (text start, or after . ! ? : or a
 * blank line, quotes and brackets skipped)? */
static int sentence_start(const char *text, const struct word *w)
{
    size_t i = w->s;
    int nl = 0;

    while (i > 0) {
        unsigned char c = (unsigned char)text[i - 1];
        if (c == '\n' && ++nl >= 1)
            return 1;
        if (c == ' ' || c == '\t' || c == '\r' || c == '"' || c == '(' ||
            c == '\'' || c == '[' || c >= 0x80)
            i--;
        else
            return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
                   c == '-';
    }
    return 1;
}

static struct cand *find(struct sug *g, const char *key)
{
    size_t i;
    for (i = 0; i < g->n; i++)
        if (!strcmp(g->v[i].key, key))
            return &g->v[i];
    if (g->n == g->cap)
        g->v =
            xrealloc(g->v, (g->cap = g->cap ? 2 * g->cap : 256) * sizeof *g->v);
    memset(&g->v[g->n], 0, sizeof g->v[g->n]);
    g->v[g->n].key = strdup(key);
    g->v[g->n].last_doc = (size_t)-1;
    return &g->v[g->n++];
}

static void vote(struct cand *c, int label, double weight, const char *clue)
{
    c->votes[label] += weight;
    if (!c->clue[label][0])
        snprintf(c->clue[label], sizeof c->clue[label], "%s", clue);
}

/* One run of words [a, b) that no entity covers. */
static void take(struct sug *g, const char *text, size_t len, size_t a,
                 size_t b)
{
    const struct word *w = g->w;
    char key[256], clue[64];
    struct cand *c;
    int weak, mixed = 0;
    size_t k, s = w[a].s, e = w[b - 1].e;

    /* Stop words (The, Friday, ...) are not part of a name. */
    while (a < b && IN(w[a].low, w[a].low_len, STOP))
        a++;
    while (b > a && IN(w[b - 1].low, w[b - 1].low_len, STOP))
        b--;
    while (a < b && w[a].join)
        a++;
    /* A title starts a run ("President Boris Yeltsin"): the name is what
     * follows it, and the title says who it is. */
    while (a + 1 < b && IN(w[a].low, w[a].low_len, TITLES))
        a++;
    if (b - a == 1 && IN(w[a].low, w[a].low_len, TITLES))
        return;
    while (b > a && w[b - 1].join)
        b--;
    if (a >= b || b - a > MAX_RUN)
        return;
    if (b - a == 1 && IN(w[a].low, w[a].low_len, STOP))
        return;
    s = w[a].s;
    e = w[b - 1].e;
    for (k = a; k < b; k++)
        if (!w[k].join && !w[k].caps)
            mixed = 1;
    weak = sentence_start(text, &w[a]) || !mixed;
    if (isth_name_key(text + s, e - s, key, sizeof key) == (size_t)-1 ||
        strlen(key) < 2)
        return; /* initials, a letter of a score card */
    c = find(g, key);
    c->count++;
    c->weak += weak;
    if (c->last_doc != g->docs) {
        c->docs++;
        c->last_doc = g->docs;
    }
    if (!c->shown || (!c->mixed_shown && mixed)) {
        size_t xs = s > 50 ? s - 50 : 0, xe = e + 50 < len ? e + 50 : len, i;
        struct sbuf ex = {0};
        free(c->shown);
        free(c->example);
        c->shown = strndup(text + s, e - s);
        c->mixed_shown = mixed;
        while (xs > 0 && ((unsigned char)text[xs] & 0xC0) == 0x80)
            xs--;
        while (xe < len && ((unsigned char)text[xe] & 0xC0) == 0x80)
            xe++;
        for (i = xs; i < xe; i++)
            sbuf_put(&ex,
                     text[i] == '\n' || text[i] == '\t' || text[i] == '\r'
                         ? " "
                         : text + i,
                     1);
        sbuf_put(&ex, "", 1);
        c->example = ex.ptr;
    }
    /* The shapes around the name. */
    if (a > 0 && IN(w[a - 1].low, w[a - 1].low_len, TITLES)) {
        snprintf(clue, sizeof clue, "\"%s X\"", w[a - 1].low);
        vote(c, G_PERSON, 2, clue);
    }
    if (b < g->n_w && b - a <= 3 && IN(w[b].low, w[b].low_len, SAID)) {
        snprintf(clue, sizeof clue, "\"X %s\"", w[b].low);
        vote(c, G_PERSON, 1, clue);
    }
    if (b - a >= 2 && IN(w[b - 1].low, w[b - 1].low_len, ORG_END)) {
        snprintf(clue, sizeof clue, "ends in \"%s\"", w[b - 1].low);
        vote(c, G_ORG, 2, clue);
    }
    if (b - a >= 2 && IN(w[b - 1].low, w[b - 1].low_len, LOC_END)) {
        snprintf(clue, sizeof clue, "ends in \"%s\"", w[b - 1].low);
        vote(c, G_LOC, 2, clue);
    }
    if (b - a >= 2 && IN(w[b - 1].low, w[b - 1].low_len, FAC_END)) {
        snprintf(clue, sizeof clue, "ends in \"%s\"", w[b - 1].low);
        vote(c, G_FAC, 2, clue);
    }
    if (a >= 2 && !strcmp(w[a - 1].low, "of") &&
        IN(w[a - 2].low, w[a - 2].low_len, PLACE_OF)) {
        snprintf(clue, sizeof clue, "\"%s of X\"", w[a - 2].low);
        vote(c, G_GPE, 2, clue);
    }
}

/* Words of one name are apart by a space or two, nothing else. */
static int only_spaces(const char *s, size_t n)
{
    size_t i;
    if (!n || n > 2)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] != ' ')
            return 0;
    return 1;
}

static int on_doc(const char *text, size_t len, void *ctx)
{
    struct sug *g = ctx;
    const isth_result *r;
    isth_error err;
    size_t i;

    if (isth_annotate(g->db, text, len, ISTH_SCAN_NO_TOPICS, g->s, &r, &err)) {
        char buf[512];
        isth_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "isthmus suggest: document %zu: %s\n", g->docs + 1,
                buf);
        g->failed++;
        g->docs++;
        return 0;
    }
    if (len + 1 > g->cap_cov) {
        g->cap_cov = len + 1;
        g->covered = xrealloc(g->covered, g->cap_cov);
    }
    memset(g->covered, 0, len + 1);
    for (i = 0; i < r->n_entities; i++)
        memset(g->covered + r->entities[i].start, 1,
               r->entities[i].end - r->entities[i].start);
    words(g, text, len);
    for (i = 0; i < g->n_w;) {
        size_t j = i;
        /* A run: capitalized words, joined by "of", "de", ... */
        while (j < g->n_w && !g->w[j].digit &&
               (g->w[j].cap ||
                (g->w[j].join && j > i && j + 1 < g->n_w && g->w[j + 1].cap)) &&
               !g->covered[g->w[j].s] &&
               (j == i || !memchr(text + g->w[j - 1].e, '\n',
                                  g->w[j].s - g->w[j - 1].e)) &&
               (j == i ||
                only_spaces(text + g->w[j - 1].e, g->w[j].s - g->w[j - 1].e)))
            j++;
        if (j == i) {
            i++;
            continue;
        }
        take(g, text, len, i, j);
        i = j;
    }
    g->docs++;
    return 0;
}

static int best_label(const struct cand *c)
{
    int i, best = G_NONE;
    double bv = 0;
    for (i = 0; i < G_NONE; i++)
        if (c->votes[i] > bv) {
            bv = c->votes[i];
            best = i;
        }
    return best;
}

static int cmp_cand(const void *pa, const void *pb)
{
    const struct cand *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* A YAML double-quoted string. */
static void put_yaml_str(struct sbuf *b, const char *s)
{
    json_put_str(b, s, strlen(s));
}

static void slug(struct sbuf *b, const char *key)
{
    int dash = 0, any = 0;
    for (; *key; key++) {
        unsigned char ch = (unsigned char)*key;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && any)
                sbuf_lit(b, "-");
            sbuf_put(b, (const char *)&ch, 1);
            dash = 0;
            any = 1;
        } else {
            dash = 1;
        }
    }
    if (!any)
        sbuf_lit(b, "name");
}

int cmd_suggest(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"format", required_argument, NULL, 'f'},
        {"text-field", required_argument, NULL, 't'},
        {"min-count", required_argument, NULL, 'm'},
        {"top", required_argument, NULL, 'T'},
        {"json", no_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct inputs in;
    struct sug g;
    isth_db *db = NULL;
    struct sbuf out = {0};
    const char *field = "text";
    int fmt = CORPUS_TEXT, json = 0, ch, rc;
    size_t min_count = 2, top = 50, i, shown = 0, problems;

    memset(&in, 0, sizeof in);
    memset(&g, 0, sizeof g);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+g:r:h", longopts, NULL)) != -1) {
        int r = cli_option(&in, ch, argv, "suggest", HELP, HELP_OPTIONS, &rc);
        if (r == OPT_TAKEN)
            continue;
        if (r == OPT_STOP)
            goto done;
        switch (ch) {
        case 'f':
            if ((rc = corpus_format_option("suggest", optarg, &fmt)))
                goto done;
            break;
        case 't': field = optarg; break;
        case 'J': json = 1; break;
        case 'm':
            if ((rc = cli_count("suggest", "--min-count", optarg, 1,
                                &min_count)))
                goto done;
            break;
        case 'T':
            if ((rc = cli_count("suggest", "--top", optarg, 0, &top)))
                goto done;
            break;
        default: break;
        }
    }
    if ((rc = cli_open(&in, "suggest", &db, &g.s)))
        goto done;
    g.db = db;
    problems = corpus_each("suggest", argv + optind, argc - optind,
                           (enum corpus_format)fmt, field, on_doc, &g);
    for (i = 0; i < g.n; i++) {
        struct cand *c = &g.v[i];
        size_t k, kl = strlen(c->key);
        if (strchr(c->key, ' '))
            continue;
        if (lower_has(&g, c->key, kl)) {
            c->weak = c->count; /* a common word: never shown */
            continue;
        }
        /* A surname alone: the person of a longer name ending in it. */
        for (k = 0; k < g.n && best_label(c) == G_NONE; k++) {
            const struct cand *o = &g.v[k];
            size_t ol = strlen(o->key);
            char clue[64];
            if (ol > kl + 1 && o->key[ol - kl - 1] == ' ' &&
                !strcmp(o->key + ol - kl, c->key) &&
                best_label(o) == G_PERSON) {
                snprintf(clue, sizeof clue, "surname of \"%.40s\"", o->shown);
                vote(c, G_PERSON, 1, clue);
            }
        }
    }
    if (g.n > 1)
        qsort(g.v, g.n, sizeof *g.v, cmp_cand);
    if (!json)
        sbuf_printf(&out,
                    "# isthmus suggest: names %zu documents use at least %zu "
                    "times that the\n# data does not tag, most frequent "
                    "first.  Check each one, fix its label\n# (TODO: no "
                    "clue), then paste the entries into a gazetteer file of\n"
                    "# your own (README, \"Your own data\").\nentries:\n",
                    g.docs, min_count);
    for (i = 0; i < g.n && (!top || shown < top); i++) {
        struct cand *c = &g.v[i];
        int l = best_label(c), k;
        if (c->count < min_count || c->weak == c->count)
            continue;
        shown++;
        if (json) {
            sbuf_lit(&out, "{\"name\": ");
            put_yaml_str(&out, c->shown);
            sbuf_lit(&out, ", \"key\": ");
            put_yaml_str(&out, c->key);
            sbuf_printf(&out,
                        ", \"count\": %zu, \"documents\": %zu, "
                        "\"label\": \"%s\", \"clues\": [",
                        c->count, c->docs, GUESS[l]);
            for (k = 0; k < G_NONE; k++)
                if (c->votes[k] > 0) {
                    if (out.ptr[out.len - 1] != '[')
                        sbuf_lit(&out, ", ");
                    put_yaml_str(&out, c->clue[k]);
                }
            sbuf_lit(&out, "], \"example\": ");
            put_yaml_str(&out, c->example);
            sbuf_lit(&out, "}\n");
            continue;
        }
        sbuf_printf(&out, "  # %zu times in %zu documents", c->count, c->docs);
        if (l != G_NONE) {
            sbuf_lit(&out, "; label from:");
            for (k = 0; k < G_NONE; k++)
                if (c->votes[k] > 0)
                    sbuf_printf(&out, " %s %s (%g)", GUESS[k], c->clue[k],
                                c->votes[k]);
        }
        sbuf_lit(&out, "\n  # e.g. \"...");
        /* The example inside a comment: one line. */
        sbuf_puts(&out, c->example);
        sbuf_lit(&out, "...\"\n  - id: local:");
        slug(&out, c->key);
        sbuf_lit(&out, "\n    name: ");
        put_yaml_str(&out, c->shown);
        sbuf_printf(&out, "\n    label: %s\n", GUESS[l]);
    }
    if (!json && !shown) {
        out.len -= sizeof "entries:\n" - 1;
        sbuf_lit(&out, "entries: []\n");
    }
    fwrite(out.ptr, 1, out.len, stdout);
    rc = problems || g.failed ? EXIT_RECORDS : EXIT_OK;
done:
    sbuf_free(&out);
    for (i = 0; i < g.n; i++) {
        free(g.v[i].key);
        free(g.v[i].shown);
        free(g.v[i].example);
    }
    free(g.v);
    for (i = 0; i < g.lower_cap; i++)
        free(g.lower[i]);
    free(g.lower);
    free(g.w);
    free(g.covered);
    isth_scratch_free(g.s);
    isth_db_free(db);
    inputs_free(&in);
    return rc;
}
