/* SPDX-License-Identifier: MIT */
/* jobs.c - see jobs.h. */
#include "jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct pool {
    struct job *jobs;
    size_t n;
    atomic_size_t next;
    job_fn fn;
};

struct arg {
    struct pool *pool;
    void *worker;
};

static void work(struct pool *p, void *worker)
{
    size_t i;

    while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
        p->fn(worker, &p->jobs[i]);
}

static void *thread_main(void *v)
{
    struct arg *a = v;
    work(a->pool, a->worker);
    return NULL;
}

int run_jobs(struct job *jobs, size_t n, void *const *workers, int n_workers,
             job_fn fn)
{
    struct pool p;
    pthread_t tid[256];
    struct arg args[256];
    int t, started = 0, rc = 0;

    p.jobs = jobs;
    p.n = n;
    p.fn = fn;
    atomic_init(&p.next, 0);
    if (n_workers > 256)
        n_workers = 256;
    for (t = 1; t < n_workers && (size_t)t < n; t++) {
        args[t].pool = &p;
        args[t].worker = workers[t];
        if (pthread_create(&tid[t], NULL, thread_main, &args[t]) != 0) {
            rc = -1;
            break;
        }
        started = t;
    }
    work(&p, workers[0]);
    for (t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    return rc;
}

void job_done(struct job *job)
{
    struct sbuf out = job->out, err = job->err;

    if (!job->data_shared && !job->data_borrowed)
        free(job->data);
    if (!job->id_shared)
        free(job->id);
    free(job->msg);
    memset(job, 0, sizeof *job);
    job->out = out;
    job->out.len = 0;
    job->err = err;
    job->err.len = 0;
}

void job_clear(struct job *job)
{
    job_done(job);
    sbuf_free(&job->out);
    sbuf_free(&job->err);
}
