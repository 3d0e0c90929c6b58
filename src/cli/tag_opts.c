/* SPDX-License-Identifier: MIT */
/*
 * tag_opts.c - the options of "isthmus tag": its help text, the parsing
 * of its command line into struct opts, and their defaults.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isthmus.h"
#include "cli.h"
#include "json.h"
#include "record.h"
#include "tag_opts.h"

static const char HELP[] =
    "usage: isthmus tag [OPTIONS] [FILE...]\n"
    "\n"
    "Tags named entities and topics in FILEs (standard input when there is\n"
    "none or FILE is \"-\"; a directory stands for the files below it) and\n"
    "writes one JSON object per document to standard output.\n"
    "\n";

static const char HELP_OPTIONS[] =
    "options:\n"
    "      --format FMT        text: each file is one document, id = path\n"
    "                          lines: each line is a document, id = PATH:LINE\n"
    "                          jsonl: each line is a JSON object; its other\n"
    "                          fields are passed through unchanged\n"
    "                          (default: text)\n"
    "      --text-field NAME   jsonl field holding the text (default: text);\n"
    "                          a.b is field b of the object in field a\n"
    "      --id-field NAME     jsonl field holding the id (default: id; a.b\n"
    "                          as for --text-field)\n"
    "      --offsets UNIT      codepoints (default, as Python), bytes, or\n"
    "                          utf16 (as JavaScript and Java)\n"
    "      --overlaps MODE     longest: leftmost-longest, non-overlapping\n"
    "                          (default); all: every match, nested too\n"
    "      --attributes        add each entity's attributes to its record\n"
    "      --min-score X       report topics scoring at least X (0 to 1)\n"
    "                          instead of those above their own threshold\n"
    "      --explain           add \"explain\": the candidates that lost and\n"
    "                          why, and every topic's score and threshold\n"
    "  -j, --jobs N            tag with N threads (default: all cores);\n"
    "                          output stays in input order\n"
    "      --glob PATTERN      of a directory given as FILE (read with all\n"
    "                          the files below it, in name order, hidden ones\n"
    "                          left out), read only the files whose name\n"
    "                          matches PATTERN ('*.txt'; with a '/', the path\n"
    "                          below the directory: 'news/*.jsonl');\n"
    "                          repeatable\n"
    "      --line-buffered     write each record as soon as its document is\n"
    "                          tagged (input order kept with -j): what has\n"
    "                          been read goes out before isthmus waits for\n"
    "                          more; the default when standard input or\n"
    "                          output is a terminal\n"
    "      --count             write no records, only a total at the end:\n"
    "                          {\"documents\", \"entities\", \"failed\"}\n"
    "      --stats             documents, bytes, entities, MB/s and peak\n"
    "                          memory on standard error (and progress on a\n"
    "                          terminal)\n"
    "      --max-doc-bytes N   larger documents become error records\n"
    "                          (default: 67108864 = 64 MiB; K, M, G allowed);\n"
    "                          one over 1 MiB is tagged in parts of 1 MiB\n"
    "                          (whole with --explain)\n"
    "  -o, --output FILE       write to FILE instead of stdout: a file is\n"
    "                          replaced only by a complete output (temporary\n"
    "                          file, renamed); a link's target is replaced;\n"
    "                          a device or FIFO is written in place\n"
    "  -h, --help              show this help\n"
    "  -V, --version           show the version\n"
    "\n"
    "output, one line per document:\n"
    "  {\"id\": \"...\", \"entities\": [{\"start\": 18, \"end\": 30, "
    "\"text\": \"...\",\n"
    "   \"label\": \"PERSON\", \"id\": \"...\", \"name\": \"...\", "
    "\"kind\": ..., \"source\": \"file:line\",\n"
    "   \"rule\": \"...\" (when a pattern rule made it)}],\n"
    "   \"topics\": [{\"label\": \"security\", \"score\": 0.87, "
    "\"evidence\": [{\"start\": ..,\n"
    "   \"end\": .., \"text\": \"...\", \"cue\": \"...\"}]}]}  "
    "(topics by score)\n"
    "  A document that fails gives {\"id\": ..., \"error\": \"...\"} "
    "(with \"line\"\n"
    "  for lines and jsonl) and a message on standard error.\n"
    "\n"
    "exit status: 0 ok; 1 some records failed (each reported); 2 usage;\n"
    "3 gazetteer or rule errors (nothing written).\n";

/* The subcommand, for messages. */
static const char *const g_cmd = "tag";

static int usage_error(const char *fmt, const char *arg)
{
    return cli_usage_error(g_cmd, fmt, arg);
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    unsigned shift = 0;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || errno || s[0] == '-')
        return -1;
    switch (*end) {
    case 'K':
    case 'k': shift = 10; break;
    case 'M':
    case 'm': shift = 20; break;
    case 'G':
    case 'g': shift = 30; break;
    default: break;
    }
    if (shift)
        end++;
    /* Checked before the shift, so 17179869184G cannot wrap to 0. */
    if (*end || v == 0 || v > (((1ULL << 32) - 2) >> shift))
        return -1;
    v <<= shift;
    *out = (size_t)v;
    return 0;
}

void tag_opts_free(struct opts *o)
{
    inputs_free(&o->in);
    free(o->globs);
    o->globs = NULL;
}

/* Parses the command line into o; returns -1 when done (help shown),
 * EXIT_USAGE on error, 0 otherwise.  *first_file is the index of FILEs. */
int tag_parse_args(int argc, char **argv, struct opts *o, int *first_file)
{
    static const struct option longopts[] = {
        INPUTS_LONGOPTS,
        {"format", required_argument, NULL, 'f'},
        {"text-field", required_argument, NULL, 't'},
        {"id-field", required_argument, NULL, 'i'},
        {"offsets", required_argument, NULL, 'u'},
        {"overlaps", required_argument, NULL, 'l'},
        {"attributes", no_argument, NULL, 'a'},
        {"explain", no_argument, NULL, 'x'},
        {"min-score", required_argument, NULL, 's'},
        {"jobs", required_argument, NULL, 'j'},
        {"count", no_argument, NULL, 'c'},
        {"stats", no_argument, NULL, 'S'},
        {"line-buffered", no_argument, NULL, 'L'},
        {"glob", required_argument, NULL, 'G'},
        {"max-doc-bytes", required_argument, NULL, 'm'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c, rc;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "+g:r:o:j:hV", longopts, NULL)) != -1) {
        if ((rc = inputs_option(&o->in, c, optarg, g_cmd)) == 1)
            continue;
        if (rc)
            return rc;
        switch (c) {
        case 'c': o->count = 1; break;
        case 'S': o->stats = 1; break;
        case 'L': o->line_buffered = 1; break;
        case 'G':
            o->globs = xrealloc(o->globs, (o->n_globs + 1) * sizeof *o->globs);
            o->globs[o->n_globs++] = optarg;
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end || n < 1 || n > 256)
                return usage_error("bad -j '%s' (a number of threads, 1 to "
                                   "256)",
                                   optarg);
            o->jobs = (int)n;
            break;
        }
        case 'x': o->scan_flags |= ISTH_SCAN_EXPLAIN; break;
        case 's': {
            char *end;
            errno = 0;
            o->min_score = strtod(optarg, &end);
            if (end == optarg || *end || errno || !(o->min_score >= 0) ||
                o->min_score > 1)
                return usage_error("bad --min-score '%s' (a number from 0 "
                                   "to 1)",
                                   optarg);
            break;
        }
        case 'f':
            if (!strcmp(optarg, "text"))
                o->fmt = FMT_TEXT;
            else if (!strcmp(optarg, "lines"))
                o->fmt = FMT_LINES;
            else if (!strcmp(optarg, "jsonl"))
                o->fmt = FMT_JSONL;
            else
                return usage_error("unknown --format '%s' (use text, lines "
                                   "or jsonl)",
                                   optarg);
            break;
        case 't': o->text_field = optarg; break;
        case 'i': o->id_field = optarg; break;
        case 'u':
            if (record_unit(optarg, &o->unit))
                return usage_error("unknown --offsets '%s' (use codepoints, "
                                   "bytes or utf16)",
                                   optarg);
            break;
        case 'l':
            if (!strcmp(optarg, "longest"))
                o->scan_flags &= ~(unsigned)ISTH_SCAN_OVERLAPS_ALL;
            else if (!strcmp(optarg, "all"))
                o->scan_flags |= ISTH_SCAN_OVERLAPS_ALL;
            else
                return usage_error("unknown --overlaps '%s' (use longest or "
                                   "all)",
                                   optarg);
            break;
        case 'a': o->attributes = 1; break;
        case 'm':
            if (parse_size(optarg, &o->max_doc))
                return usage_error("bad --max-doc-bytes '%s' (a positive "
                                   "size below 4G, e.g. 64M)",
                                   optarg);
            break;
        case 'o': o->out_path = optarg; break;
        case 'h':
            fputs(HELP, stdout);
            fputs(INPUTS_HELP, stdout);
            fputs("\n", stdout);
            fputs(HELP_OPTIONS, stdout);
            return -1;
        case 'V': printf("isthmus %s\n", isth_version_string()); return -1;
        default:
            if (optopt)
                return usage_error("option '-%c' is unknown or needs a "
                                   "value",
                                   (char[]){(char)optopt, 0});
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    *first_file = optind;
    return 0;
}

void tag_opts_init(struct opts *o)
{
    memset(o, 0, sizeof *o);
    o->min_score = -1;
    o->fmt = FMT_TEXT;
    o->text_field = "text";
    o->id_field = "id";
    o->unit = ISTH_UNIT_CODEPOINTS;
    o->scan_flags = ISTH_SCAN_DEFAULT;
    o->max_doc = (size_t)64 << 20;
}
