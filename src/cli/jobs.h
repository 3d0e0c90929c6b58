/* SPDX-License-Identifier: MIT */
/*
 * jobs.h - a batch of documents tagged by a pool of threads, results kept
 * in input order.  The reader fills a batch, run_jobs() lets every worker
 * take the next job until none is left, and the caller then writes each
 * job's output in order.  Memory is bounded by the batch, not the input.
 */
#ifndef ISTH_CLI_JOBS_H
#define ISTH_CLI_JOBS_H

#include <stddef.h>

#include "json.h"

enum job_kind {
    JOB_PLAIN, /* a text document or a line: data is the text */
    JOB_JSON,  /* a JSON Lines record: data is the line */
    JOB_ERROR  /* an input that cannot be read: msg says why */
};

struct job {
    enum job_kind kind;
    char *data; /* owned, or in the batch's arena (data_shared) */
    size_t len;
    char *id; /* JOB_PLAIN the document id; JOB_ERROR its JSON: owned, or
                 in the batch's arena (id_shared) */
    int data_shared, id_shared;
    int data_borrowed; /* data is the caller's (a large line, run at once) */
    size_t data_off, id_off; /* in the arena, until the batch runs */
    const char *where;       /* input name for messages, outlives the batch */
    unsigned long line;      /* 1-based for lines and jsonl, else 0 */
    char *msg;               /* owned: JOB_ERROR's message */
    /* Results, filled by a worker.  The buffers stay with the slot from
     * batch to batch, so steady state allocates nothing per document. */
    struct sbuf out; /* record lines for standard output */
    struct sbuf err; /* messages for standard error */
    int failed;
    size_t entities;
};

typedef void (*job_fn)(void *worker, struct job *job);

/*
 * Runs fn on every job, with n_workers workers (threads; the caller's is
 * one of them).  Returns 0, or -1 when a thread could not be started (the
 * jobs are then all run on the calling thread).
 */
int run_jobs(struct job *jobs, size_t n, void *const *workers, int n_workers,
             job_fn fn);

/* Frees a job's input and results and zeroes it. */
/* Frees what the job owns and empties its buffers, keeping them. */
void job_done(struct job *job);
/* job_done(), and frees the buffers too. */
void job_clear(struct job *job);

#endif
