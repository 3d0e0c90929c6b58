/* SPDX-License-Identifier: MIT */
/*
 * check_outfile.c - what an output may do to the path it is given, one
 * row per kind of path: a regular file is replaced through a rename and
 * keeps its mode; a link stays a link; a FIFO and a device are written in
 * place; a directory and a socket are refused.  Every row also checks
 * that no descriptor and no temporary file is left, on success, on a
 * write error and on abort.  Devices are made with mknod in the test's
 * own directory (root only; skipped otherwise), never real ones.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* makedev */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "testutil.h"
#include "../src/outfile.h"

static char dir[64];

static void mkdir_tmp(void)
{
    strcpy(dir, "/tmp/isth-outfile-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void rm_tmp(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char p[PATH_MAX];

    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.' && (!de->d_name[1] || de->d_name[1] == '.'))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        ck_assert_int_eq(remove(p), 0);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* Entries of dir whose name has ".tmp" in it. */
static int tmp_files(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d)))
        n += strstr(de->d_name, ".tmp") != NULL;
    if (d)
        closedir(d);
    return n;
}

static char *path_of(const char *name)
{
    static char p[4][PATH_MAX];
    static int k;
    char *s = p[k++ & 3];
    snprintf(s, PATH_MAX, "%s/%s", dir, name);
    return s;
}

static void write_file(const char *name, const char *text, mode_t mode)
{
    FILE *f = fopen(path_of(name), "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    chmod(path_of(name), mode);
}

static void read_file(const char *name, char *buf, size_t size)
{
    FILE *f = fopen(path_of(name), "r");
    size_t n;
    ck_assert_ptr_nonnull(f);
    n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

enum kind { REGULAR, ABSENT, LINK, DANGLING, FIFO, DEVICE, DIRECTORY, SOCK };

static const struct row {
    const char *what;
    enum kind kind;
    int ok;            /* open succeeds */
    int direct;        /* written in place */
    const char *reads; /* what "out" (or the link's target) holds after */
    mode_t mode;       /* its mode after (0: not checked) */
} ROWS[] = {
    {"regular file", REGULAR, 1, 0, "new", 0600},
    {"absent", ABSENT, 1, 0, "new", 0},
    {"symbolic link", LINK, 1, 0, "new", 0640},
    {"dangling link", DANGLING, 1, 0, "new", 0},
    {"FIFO", FIFO, 1, 1, NULL, 0},
    {"character device", DEVICE, 1, 1, NULL, 0},
    {"directory", DIRECTORY, 0, 0, NULL, 0},
    {"socket", SOCK, 0, 0, NULL, 0},
};

/* Makes "out" of the row's kind; returns the fd of a FIFO's reader, or
 * -1.  Calls ck_skip-like early return through *skip. */
static int make(const struct row *r, int *skip)
{
    struct sockaddr_un sa;
    int fd = -1;

    *skip = 0;
    switch (r->kind) {
    case REGULAR: write_file("out", "old", 0600); break;
    case ABSENT: break;
    case LINK:
        write_file("target", "old", 0640);
        ck_assert_int_eq(symlink("target", path_of("out")), 0);
        break;
    case DANGLING:
        ck_assert_int_eq(symlink("target", path_of("out")), 0);
        break;
    case FIFO:
        ck_assert_int_eq(mkfifo(path_of("out"), 0600), 0);
        fd = open(path_of("out"), O_RDONLY | O_NONBLOCK);
        ck_assert_int_ge(fd, 0);
        break;
    case DEVICE:
        if (geteuid() != 0) {
            *skip = 1;
            break;
        }
        /* A null device of our own, 1:3. */
        ck_assert_int_eq(mknod(path_of("out"), S_IFCHR | 0666, makedev(1, 3)),
                         0);
        break;
    case DIRECTORY: ck_assert_int_eq(mkdir(path_of("out"), 0755), 0); break;
    case SOCK:
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        memset(&sa, 0, sizeof sa);
        sa.sun_family = AF_UNIX;
        snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path_of("out"));
        ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
        break;
    }
    return fd;
}

START_TEST(test_kinds)
{
    const struct row *r = &ROWS[_i];
    struct isth_outfile o;
    struct stat st;
    char msg[160], buf[64];
    int fds, reader, skip;

    mkdir_tmp();
    reader = make(r, &skip);
    if (skip) {
        rm_tmp();
        return;
    }
    fds = tu_open_fds();
    ck_assert_msg(
        (isth__outfile_open(&o, path_of("out"), msg, sizeof msg) == 0) == r->ok,
        "%s: open gave '%s'", r->what, r->ok ? msg : "success");
    if (!r->ok) {
        ck_assert_int_eq(tu_open_fds(), fds);
        ck_assert_int_eq(tmp_files(), 0);
        ck_assert_ptr_nonnull(strchr(msg, ':'));
    } else {
        ck_assert_int_eq(o.direct, r->direct);
        ck_assert_int_eq(tmp_files(), !r->direct);
        ck_assert_int_eq(isth__outfile_write(&o, "new", 3), 0);
        ck_assert_int_eq(isth__outfile_commit(&o, msg, sizeof msg), 0);
        ck_assert_int_eq(tu_open_fds(), fds);
        ck_assert_int_eq(tmp_files(), 0);
        ck_assert_int_eq(lstat(path_of("out"), &st), 0);
        if (r->kind == LINK || r->kind == DANGLING)
            ck_assert(S_ISLNK(st.st_mode));
        if (r->kind == FIFO) {
            ck_assert(S_ISFIFO(st.st_mode));
            ck_assert_int_eq(read(reader, buf, sizeof buf), 3);
        }
        if (r->kind == DEVICE)
            ck_assert(S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3));
        if (r->reads) {
            const char *name =
                r->kind == LINK || r->kind == DANGLING ? "target" : "out";
            read_file(name, buf, sizeof buf);
            ck_assert_str_eq(buf, r->reads);
            ck_assert_int_eq(stat(path_of(name), &st), 0);
            if (r->mode)
                ck_assert_int_eq(st.st_mode & 0777, r->mode);
        }
    }
    /* Abort after a failed or finished output is harmless. */
    isth__outfile_abort(&o);
    ck_assert_int_eq(tu_open_fds(), fds);
    if (reader >= 0)
        close(reader);
    rm_tmp();
}
END_TEST

/* Abort removes the temporary file and leaves the old file whole. */
START_TEST(test_abort_keeps_old)
{
    struct isth_outfile o;
    char msg[160], buf[64];
    int fds;

    mkdir_tmp();
    write_file("out", "old", 0644);
    fds = tu_open_fds();
    ck_assert_int_eq(isth__outfile_open(&o, path_of("out"), msg, sizeof msg),
                     0);
    ck_assert_int_eq(isth__outfile_write(&o, "partial", 7), 0);
    isth__outfile_abort(&o);
    ck_assert_int_eq(tu_open_fds(), fds);
    ck_assert_int_eq(tmp_files(), 0);
    read_file("out", buf, sizeof buf);
    ck_assert_str_eq(buf, "old");
    rm_tmp();
}
END_TEST

/* A write error (our own full device, 1:7): the error reaches the
 * caller, nothing is left open. */
START_TEST(test_write_error)
{
    struct isth_outfile o;
    char msg[160];
    int fds;

    if (geteuid() != 0)
        return;
    mkdir_tmp();
    ck_assert_int_eq(mknod(path_of("full"), S_IFCHR | 0666, makedev(1, 7)), 0);
    fds = tu_open_fds();
    ck_assert_int_eq(isth__outfile_open(&o, path_of("full"), msg, sizeof msg),
                     0);
    errno = 0;
    ck_assert_int_eq(isth__outfile_write(&o, "x", 1), -1);
    ck_assert_int_eq(errno, ENOSPC);
    isth__outfile_abort(&o);
    ck_assert_int_eq(tu_open_fds(), fds);
    rm_tmp();
}
END_TEST

/* A chain of links longer than the kernel's limit, and a path too long
 * for the buffers, are refused with a reason. */
START_TEST(test_loops_and_long_paths)
{
    struct isth_outfile o;
    char msg[160], *longp;
    int fds;

    mkdir_tmp();
    ck_assert_int_eq(symlink("a", path_of("b")), 0);
    ck_assert_int_eq(symlink("b", path_of("a")), 0);
    fds = tu_open_fds();
    ck_assert_int_eq(isth__outfile_open(&o, path_of("a"), msg, sizeof msg), -1);
    ck_assert_int_eq(errno, ELOOP);
    longp = malloc(PATH_MAX + 10);
    memset(longp, 'x', PATH_MAX + 9);
    longp[PATH_MAX + 9] = '\0';
    ck_assert_int_eq(isth__outfile_open(&o, longp, msg, sizeof msg), -1);
    ck_assert_int_eq(errno, ENAMETOOLONG);
    free(longp);
    ck_assert_int_eq(tu_open_fds(), fds);
    rm_tmp();
}
END_TEST

Suite *outfile_suite(void)
{
    Suite *s = suite_create("outfile");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_kinds, 0, (int)(sizeof ROWS / sizeof *ROWS));
    tcase_add_test(tc, test_abort_keeps_old);
    tcase_add_test(tc, test_write_error);
    tcase_add_test(tc, test_loops_and_long_paths);
    suite_add_tcase(s, tc);
    return s;
}
