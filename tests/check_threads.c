/* SPDX-License-Identifier: MIT */
/*
 * check_threads.c - one database, many threads: each thread has its own
 * scratch and must get exactly the single-threaded results; databases
 * loaded from bytes in several threads at once (the checksum tables are
 * built on first use) are all valid.  Run under ThreadSanitizer by
 * make test-tsan, which reports any data race as a failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#define THREADS 4
#define ROUNDS 40

static const char *const TEXTS[] = {
    "Defense Secretary Pete Hegseth will visit Panama amid tensions over the "
    "Panama Canal.",
    "Georgia signed in Tbilisi; a tanker left port, 300000 dwt.",
    "Panama 2 Jordan 1. Lady Panama. Not Panama. $2 million.",
    "Prime Minister May spoke in May; Michael Jordan met Jordan's king.",
    "They met in Narnia, Panama, and in Z\xc3\xbcrich.",
};
#define N_TEXTS (sizeof TEXTS / sizeof TEXTS[0])

struct job {
    const isth_db *db;
    const char *const *want; /* N_TEXTS descriptions */
    int failures;
};

/* Entities and topics of text as one string. */
static void describe(const isth_db *db, isth_scratch *s, const char *text,
                     char *buf, size_t size)
{
    const isth_result *r;
    size_t i, n = 0;

    if (isth_annotate(db, text, strlen(text), ISTH_SCAN_DEFAULT, s, &r, NULL) !=
        ISTH_OK) {
        snprintf(buf, size, "error");
        return;
    }
    buf[0] = '\0';
    for (i = 0; i < r->n_entities && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s@%zu-%zu ",
                              r->entities[i].id ? r->entities[i].id : "-",
                              r->entities[i].start, r->entities[i].end);
    for (i = 0; i < r->n_topics && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s=%.4f ", r->topics[i].label,
                              r->topics[i].score);
}

static void *scan_thread(void *arg)
{
    struct job *j = arg;
    isth_scratch *s = NULL;
    char got[4096];
    int round;
    size_t t;

    if (isth_scratch_alloc(j->db, &s) != ISTH_OK) {
        j->failures++;
        return NULL;
    }
    for (round = 0; round < ROUNDS; round++)
        for (t = 0; t < N_TEXTS; t++) {
            describe(j->db, s, TEXTS[(t + (size_t)round) % N_TEXTS], got,
                     sizeof got);
            if (strcmp(got, j->want[(t + (size_t)round) % N_TEXTS]))
                j->failures++;
        }
    isth_scratch_free(s);
    return NULL;
}

static isth_db *compile_rules_fixture(void)
{
    static const char *const gaz[] = {ISTH_FIXTURES "/rules/gaz.yaml"};
    static const char *const rules[] = {ISTH_FIXTURES "/rules/rules.yaml",
                                        ISTH_FIXTURES "/rules/topics.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;

    o.gazetteers = gaz;
    o.n_gazetteers = 1;
    o.rules = rules;
    o.n_rules = 2;
    ck_assert_int_eq(isth_db_compile(&db, &o, NULL), ISTH_OK);
    return db;
}

START_TEST(test_threads_share_db)
{
    isth_db *db = compile_rules_fixture();
    static char want[N_TEXTS][4096];
    const char *wantp[N_TEXTS];
    struct job jobs[THREADS];
    pthread_t tid[THREADS];
    isth_scratch *s = NULL;
    size_t t;
    int i;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    for (t = 0; t < N_TEXTS; t++) {
        describe(db, s, TEXTS[t], want[t], sizeof want[t]);
        wantp[t] = want[t];
    }
    isth_scratch_free(s);
    ck_assert_msg(strlen(want[0]) > 10, "no result to compare: '%s'", want[0]);
    for (i = 0; i < THREADS; i++) {
        jobs[i].db = db;
        jobs[i].want = wantp;
        jobs[i].failures = 0;
        ck_assert_int_eq(pthread_create(&tid[i], NULL, scan_thread, &jobs[i]),
                         0);
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(tid[i], NULL);
        ck_assert_msg(jobs[i].failures == 0, "thread %d: %d differences", i,
                      jobs[i].failures);
    }
    isth_db_free(db);
}
END_TEST

struct load_job {
    const char *bytes;
    size_t len;
    int ok;
};

static void *load_thread(void *arg)
{
    struct load_job *j = arg;
    isth_db *db = NULL;

    j->ok = isth_db_deserialize(&db, j->bytes, j->len, NULL) == ISTH_OK &&
            isth_db_entity_count(db) > 0;
    isth_db_free(db);
    return NULL;
}

/* The first loads of a process run at once: the checksum tables are
 * built exactly once (pthread_once), and every load succeeds.  Must run
 * before anything else in its process computes a checksum (Check runs
 * each test in a process of its own). */
START_TEST(test_threads_load_at_once)
{
    struct load_job jobs[THREADS];
    pthread_t tid[THREADS];
    char path[] = "/tmp/isth-threads-XXXXXX", *bytes;
    size_t len;
    FILE *f;
    pid_t pid;
    int i, fd, status;

    /* The bytes come from a child process, so no checksum has been
     * computed in this one before the threads start. */
    ck_assert_int_ge(fd = mkstemp(path), 0);
    close(fd);
    if ((pid = fork()) == 0) {
        isth_db *db = compile_rules_fixture();
        _exit(isth_db_save(db, path, NULL) == ISTH_OK ? 0 : 1);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_ptr_nonnull(f = fopen(path, "rb"));
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    rewind(f);
    bytes = malloc(len);
    ck_assert_uint_eq(fread(bytes, 1, len, f), len);
    fclose(f);
    unlink(path);
    for (i = 0; i < THREADS; i++) {
        jobs[i].bytes = bytes;
        jobs[i].len = len;
        jobs[i].ok = 0;
        ck_assert_int_eq(pthread_create(&tid[i], NULL, load_thread, &jobs[i]),
                         0);
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(tid[i], NULL);
        ck_assert_msg(jobs[i].ok, "thread %d could not load", i);
    }
    free(bytes);
}
END_TEST

Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_threads_load_at_once);
    tcase_add_test(tc, test_threads_share_db);
    suite_add_tcase(s, tc);
    return s;
}
