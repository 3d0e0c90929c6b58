/* SPDX-License-Identifier: MIT */
/*
 * corpus.h - the documents of a corpus, for the commands that read one
 * to study the data (coverage, suggest): whole files, lines, or a JSON
 * Lines text field, as "isthmus tag --format" reads them.
 */
#ifndef ISTH_CLI_CORPUS_H
#define ISTH_CLI_CORPUS_H

#include <stddef.h>

enum corpus_format { CORPUS_TEXT, CORPUS_LINES, CORPUS_JSONL };

/* Called with each document (NUL-terminated); non-zero stops. */
typedef int (*corpus_doc_cb)(const char *text, size_t len, void *ctx);

/*
 * Reads every path ("-" or none: standard input) and calls cb for each
 * document.  A file that cannot be read or a malformed record is named
 * on standard error (prefixed "isthmus CMD: ") and skipped.  Returns the
 * number of such problems.
 */
size_t corpus_each(const char *cmd, char **paths, int n_paths,
                   enum corpus_format fmt, const char *text_field,
                   corpus_doc_cb cb, void *ctx);

/* Parses a --format value; -1 when unknown. */
int corpus_format(const char *s);

/* The same for command cmd's option: 0, or EXIT_USAGE after saying
 * why. */
int corpus_format_option(const char *cmd, const char *arg, int *fmt);

#endif
