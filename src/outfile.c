/* SPDX-License-Identifier: MIT */
/*
 * outfile.c - writing an output file without harming what is at its path
 * (the rule is in outfile.h).  Symbolic links are followed by hand, so a
 * link to a file that does not exist yet still writes that file; what is
 * found is checked again on the open descriptor, so a path that changes
 * kind between the look and the open is not written in place by mistake.
 */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_LINKS 40 /* as the kernel's ELOOP limit */

static int fail(char *msg, size_t msg_len, int e, const char *what)
{
    if (msg && msg_len)
        snprintf(msg, msg_len, "%s: %s", what, strerror(e));
    errno = e;
    return -1;
}

/* out = the directory part of path (with its '/') followed by rel. */
static int join_dir(char *out, size_t cap, const char *path, const char *rel)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    size_t rl = strlen(rel);

    if (dl + rl + 1 > cap)
        return -1;
    memmove(out, path, dl);
    memcpy(out + dl, rel, rl + 1);
    return 0;
}

/* Follows symbolic links from path into o->path; *st is the final
 * file's status, or st_mode 0 when it does not exist. */
static int resolve(struct isth_outfile *o, const char *path, struct stat *st,
                   char *msg, size_t msg_len)
{
    char link[PATH_MAX];
    int hops;

    if (strlen(path) >= sizeof o->path)
        return fail(msg, msg_len, ENAMETOOLONG, "cannot create");
    strcpy(o->path, path);
    for (hops = 0;; hops++) {
        ssize_t n;

        if (lstat(o->path, st) != 0) {
            if (errno != ENOENT)
                return fail(msg, msg_len, errno, "cannot create");
            memset(st, 0, sizeof *st);
            return 0;
        }
        if (!S_ISLNK(st->st_mode))
            return 0;
        if (hops == MAX_LINKS)
            return fail(msg, msg_len, ELOOP, "cannot create");
        n = readlink(o->path, link, sizeof link - 1);
        if (n < 0)
            return fail(msg, msg_len, errno, "cannot create");
        if ((size_t)n >= sizeof link - 1)
            return fail(msg, msg_len, ENAMETOOLONG, "cannot create");
        link[n] = '\0';
        if (link[0] == '/') {
            strcpy(o->path, link);
        } else if (join_dir(o->path, sizeof o->path, o->path, link)) {
            return fail(msg, msg_len, ENAMETOOLONG, "cannot create");
        }
    }
}

/* Creates a new file "<path>.tmpXXXXXX" with mode 0666 & ~umask. */
static int create_tmp(struct isth_outfile *o, char *msg, size_t msg_len)
{
    static atomic_uint counter;
    struct timespec ts;
    int tries;

    clock_gettime(CLOCK_REALTIME, &ts);
    for (tries = 0; tries < 100; tries++) {
        unsigned long long x =
            (unsigned long long)ts.tv_nsec * 2654435761ULL ^
            (unsigned long long)getpid() << 20 ^
            (unsigned long long)atomic_fetch_add(&counter, 1) * 40503ULL;
        char suffix[7];
        int i;

        for (i = 0; i < 6; i++, x /= 36)
            suffix[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[x % 36];
        suffix[6] = '\0';
        snprintf(o->tmp, sizeof o->tmp, "%s.tmp%s", o->path, suffix);
        o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (o->fd >= 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    o->tmp[0] = '\0';
    return fail(msg, msg_len, errno, "cannot create");
}

int isth__outfile_open(struct isth_outfile *o, const char *path, char *msg,
                       size_t msg_len)
{
    struct stat st, now;

    o->fd = -1;
    o->direct = 0;
    o->tmp[0] = '\0';
    if (resolve(o, path, &st, msg, msg_len))
        return -1;
    if (S_ISDIR(st.st_mode))
        return fail(msg, msg_len, EISDIR, "cannot write");
    if (S_ISSOCK(st.st_mode))
        return fail(msg, msg_len, ENXIO, "cannot write to a socket");
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode)) {
        /* In place: no O_TRUNC, no O_CREAT (it exists). */
        o->fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (o->fd < 0)
            return fail(msg, msg_len, errno, "cannot open");
        if (fstat(o->fd, &now) != 0 || S_ISREG(now.st_mode)) {
            /* Replaced by a regular file since: never write that in
             * place. */
            close(o->fd);
            o->fd = -1;
            return fail(msg, msg_len, EAGAIN, "changed while opening");
        }
        o->direct = 1;
        return 0;
    }
    if (create_tmp(o, msg, msg_len))
        return -1;
    if (S_ISREG(st.st_mode)) {
        /* The old file's owner (when allowed) and mode, never wider. */
        if (fchown(o->fd, st.st_uid, st.st_gid) != 0) {
            /* not root: the new file is ours */
        }
        if (fchmod(o->fd, st.st_mode & 0777) != 0) {
            int e = errno;
            isth__outfile_abort(o);
            return fail(msg, msg_len, e, "cannot set mode");
        }
    }
    return 0;
}

int isth__outfile_write(struct isth_outfile *o, const void *p, size_t len)
{
    const char *c = p;

    while (len) {
        ssize_t n = write(o->fd, c, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        c += n;
        len -= (size_t)n;
    }
    return 0;
}

int isth__outfile_commit(struct isth_outfile *o, char *msg, size_t msg_len)
{
    int e;

    if (o->direct) {
        e = close(o->fd) != 0 && errno != EINTR ? errno : 0;
        o->fd = -1;
        return e ? fail(msg, msg_len, e, "write error") : 0;
    }
    /* On disk before the rename, so a crash leaves the old file or the
     * whole new one. */
    if (fsync(o->fd) != 0 && errno != EINVAL) {
        e = errno;
        isth__outfile_abort(o);
        return fail(msg, msg_len, e, "write error");
    }
    if (close(o->fd) != 0 && errno != EINTR) {
        e = errno;
        o->fd = -1;
        isth__outfile_abort(o);
        return fail(msg, msg_len, e, "write error");
    }
    o->fd = -1;
    if (rename(o->tmp, o->path) != 0) {
        e = errno;
        isth__outfile_abort(o);
        return fail(msg, msg_len, e, "cannot rename");
    }
    o->tmp[0] = '\0';
    return 0;
}

void isth__outfile_abort(struct isth_outfile *o)
{
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    if (o->tmp[0])
        unlink(o->tmp);
    o->tmp[0] = '\0';
}
