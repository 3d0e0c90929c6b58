/* SPDX-License-Identifier: MIT */
/*
 * output.c - the CLI's outputs: -o FILE and database files through
 * outfile.c, and the signal handlers that remove a temporary file when
 * the run is stopped.  Only one output is open at a time.
 */
#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The output being written, for the signal handler. */
static struct isth_outfile *volatile g_active;

static void on_signal(int sig)
{
    struct isth_outfile *f = g_active;

    if (f && f->tmp[0])
        unlink(f->tmp); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch(struct isth_outfile *f)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    static int installed;
    size_t i;

    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction old;
            /* Leave a signal the caller ignores (nohup) ignored. */
            if (sigaction(sigs[i], NULL, &old) == 0 &&
                old.sa_handler != SIG_IGN)
                sigaction(sigs[i], &sa, NULL);
        }
        installed = 1;
    }
    g_active = f;
}

/* A message about o's file on standard error, unless o is quiet. */
static void say(const struct output *o, const char *name, const char *msg,
                const char *reason)
{
    if (!o->quiet)
        fprintf(stderr, "isthmus: %s: %s%s%s\n", name, msg, reason ? ": " : "",
                reason ? reason : "");
}

int output_open(struct output *o, const char *path, int quiet)
{
    char msg[160];
    int fd;

    o->fp = stdout;
    o->is_file = 0;
    o->quiet = quiet;
    if (!path)
        return 0;
    /* Nothing for the handler to remove until a temporary file exists. */
    o->file.tmp[0] = '\0';
    o->file.fd = -1;
    watch(&o->file);
    if (isth__outfile_open(&o->file, path, msg, sizeof msg)) {
        g_active = NULL;
        say(o, path, msg, NULL);
        return -1;
    }
    /* The stream has its own descriptor: closing it leaves the file's
     * for the commit. */
    if ((fd = dup(o->file.fd)) < 0 || !(o->fp = fdopen(fd, "wb"))) {
        say(o, path, strerror(errno), NULL);
        if (fd >= 0)
            close(fd);
        isth__outfile_abort(&o->file);
        g_active = NULL;
        return -1;
    }
    o->is_file = 1;
    return 0;
}

int output_close(struct output *o, int ok)
{
    const char *name = o->is_file ? o->file.path : "<stdout>";
    char msg[160];
    int bad = fflush(o->fp) != 0 || ferror(o->fp);
    int e = errno, rc = 0;

    if (o->is_file) {
        if (fclose(o->fp) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        o->fp = NULL;
        if (bad || !ok) {
            isth__outfile_abort(&o->file);
        } else if (isth__outfile_commit(&o->file, msg, sizeof msg)) {
            say(o, name, msg, NULL);
            rc = -1;
        }
        g_active = NULL;
    }
    if (bad) {
        say(o, name, "write error", strerror(e));
        rc = -1;
    }
    return rc;
}

int output_save_db(const isth_db *db, const char *path, int quiet)
{
    struct output o;
    char *bytes = NULL;
    size_t len;
    int rc;

    o.quiet = quiet;
    if ((rc = isth_db_serialize(db, &bytes, &len))) {
        say(&o, path, isth_strerror(rc), NULL);
        return -1;
    }
    if (output_open(&o, path, quiet) == 0) {
        fwrite(bytes, 1, len, o.fp); /* an error shows in output_close */
        rc = output_close(&o, 1);
    } else {
        rc = -1;
    }
    isth_free(bytes);
    return rc;
}
