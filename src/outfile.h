/* SPDX-License-Identifier: MIT */
/*
 * outfile.h - writing an output file without harming what is at its path.
 *
 * The one rule for what an output path may replace, used by
 * isth_db_save() and by the CLI's -o and cache saves:
 *
 *   absent, or a regular file   a new file in the same directory, renamed
 *                               over the path by isth__outfile_commit():
 *                               readers (a mapped database) see the old
 *                               file or the new one, never a mix.  It keeps
 *                               the old file's mode and owner, or gets
 *                               0666 & ~umask when new.
 *   a symbolic link             the file it leads to, as above; the link
 *                               stays a link.
 *   a character or block        opened and written in place: never
 *   device, a FIFO              renamed over, truncated or removed.
 *   a directory, a socket       refused.
 *
 * POSIX only and no state of the library's: the CLI compiles this file
 * too, so the rule lives in one place.
 */
#ifndef ISTH_OUTFILE_H
#define ISTH_OUTFILE_H

#include <limits.h>
#include <stddef.h>

/* Nothing is allocated: paths longer than PATH_MAX are refused. */
struct isth_outfile {
    int fd;                  /* write here; -1 when closed */
    int direct;              /* the target itself (a device or FIFO) */
    char path[PATH_MAX];     /* the target, symbolic links resolved */
    char tmp[PATH_MAX + 16]; /* renamed over path; "" when direct */
};

/*
 * Opens an output for path.  Returns 0, or -1 with errno set and a
 * one-line reason ("is a directory", "cannot create: ...") in msg.
 */
int isth__outfile_open(struct isth_outfile *o, const char *path, char *msg,
                       size_t msg_len);

/* Writes all of p[0, len) to o->fd; 0 or -1 with errno set. */
int isth__outfile_write(struct isth_outfile *o, const void *p, size_t len);

/*
 * Flushes and closes; a temporary file is renamed over the target.
 * On failure the temporary file is removed and msg says why.  Either
 * way o is released.  Returns 0 or -1.
 */
int isth__outfile_commit(struct isth_outfile *o, char *msg, size_t msg_len);

/* Closes and removes the temporary file; o is released.  Safe to call
 * after commit or a failed open. */
void isth__outfile_abort(struct isth_outfile *o);

#endif
