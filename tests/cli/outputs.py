#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What -o, --db and the cache may do to the paths they are given, and
how a run ends when its output cannot be written.

Every device here is one the test makes with mknod in its own temporary
directory (a null device, 1:3, and a full one, 1:7): no test ever writes
to a real device.  Device cases need root (mknod); without it they are
reported as skipped.  Each case prints "ok NAME", "skip NAME (why)" or
"FAIL NAME" with the reasons; the last line counts them.

Usage: outputs.py ISTHMUS_BINARY PROJECT_ROOT
"""
import glob
import os
import signal
import stat
import subprocess
import sys
import time

from cases import Skip, run_cases

GAZ = ["--no-default-data", "-g", "tests/fixtures/good/basic.yaml", "--no-rules"]
TEXT = b"Panama and the Panama Canal\n"


def run(binary, root, args, stdin=TEXT, timeout=60, env=None, **kw):
    return subprocess.run([binary] + args, input=stdin, capture_output=True,
                          cwd=root, timeout=timeout, env=env, **kw)


def expect(cond, what, problems):
    if not cond:
        problems.append(what)


def mknod(path, minor):
    if os.geteuid() != 0:
        raise Skip("mknod needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))


def leftovers(tmp):
    return [p for p in glob.glob(os.path.join(tmp, "**", "*.tmp*"),
                                 recursive=True)]


def case_device(binary, root, tmp):
    problems = []
    dev = os.path.join(tmp, "null")
    mknod(dev, 3)
    for cmd in (["tag"] + GAZ + ["-o", dev], ["compile"] + GAZ + ["-o", dev]):
        p = run(binary, root, cmd)
        expect(p.returncode == 0, "%s: exit %d %s" % (
            cmd[0], p.returncode, p.stderr.decode()), problems)
        st = os.lstat(dev)
        expect(stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3),
               "%s -o replaced the device" % cmd[0], problems)
    expect(not leftovers(tmp), "temporary files left", problems)
    return problems


def case_full_device(binary, root, tmp):
    """A write error (ENOSPC) fails the run with a message; the device
    stays a device and no temporary file is left."""
    problems = []
    dev = os.path.join(tmp, "full")
    mknod(dev, 7)
    for cmd in (["tag"] + GAZ + ["-o", dev], ["compile"] + GAZ + ["-o", dev]):
        p = run(binary, root, cmd)
        expect(p.returncode == 1, "%s: exit %d, want 1" % (cmd[0],
                                                          p.returncode),
               problems)
        expect(b"No space left on device" in p.stderr,
               "%s: stderr %r" % (cmd[0], p.stderr), problems)
        expect(stat.S_ISCHR(os.lstat(dev).st_mode),
               "%s -o replaced the device" % cmd[0], problems)
    expect(not leftovers(tmp), "temporary files left", problems)
    return problems


def case_fifo(binary, root, tmp):
    problems = []
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    # The reader is there first (non-blocking), and the output is
    # smaller than the pipe's buffer: no thread, nothing can hang.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    p = run(binary, root, ["tag"] + GAZ + ["-o", fifo], timeout=30)
    try:
        got = [os.read(reader, 1 << 16)]
    except BlockingIOError:
        got = []
    os.close(reader)
    want = run(binary, root, ["tag"] + GAZ).stdout
    expect(p.returncode == 0, "exit %d %s" % (p.returncode, p.stderr),
           problems)
    expect(got == [want], "the reader got %r, want %r" % (got, want),
           problems)
    expect(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced",
           problems)
    expect(not leftovers(tmp), "temporary files left", problems)
    return problems


def case_db_not_a_file(binary, root, tmp):
    """--db on a FIFO (no writer) or a device: exit 3 at once."""
    problems = []
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    paths = [fifo]
    if os.geteuid() == 0:
        mknod(os.path.join(tmp, "null"), 3)
        paths.append(os.path.join(tmp, "null"))
    for path in paths + [tmp]:
        t0 = time.monotonic()
        p = run(binary, root, ["tag", "--db", path], timeout=10)
        expect(p.returncode == 3, "%s: exit %d, want 3" % (path,
                                                          p.returncode),
               problems)
        expect(b"not a regular file" in p.stderr,
               "%s: stderr %r" % (path, p.stderr), problems)
        expect(time.monotonic() - t0 < 5, "%s: took too long" % path,
               problems)
    return problems


def case_symlink(binary, root, tmp):
    """A link to a file: the file is replaced, the link stays, the
    file's mode is kept; a dangling link creates its target; a relative
    link in another directory resolves from that directory."""
    problems = []
    real = os.path.join(tmp, "real.jsonl")
    with open(real, "w") as f:
        f.write("old\n")
    os.chmod(real, 0o600)
    link = os.path.join(tmp, "link.jsonl")
    os.symlink("real.jsonl", link)
    want = run(binary, root, ["tag"] + GAZ).stdout
    p = run(binary, root, ["tag"] + GAZ + ["-o", link])
    expect(p.returncode == 0, "exit %d %s" % (p.returncode, p.stderr),
           problems)
    expect(os.path.islink(link), "the link was replaced", problems)
    expect(open(real, "rb").read() == want, "the target was not written",
           problems)
    expect(stat.S_IMODE(os.stat(real).st_mode) == 0o600,
           "mode %o, want 600" % stat.S_IMODE(os.stat(real).st_mode),
           problems)
    sub = os.path.join(tmp, "sub")
    os.mkdir(sub)
    os.symlink("../new.jsonl", os.path.join(sub, "dangling"))
    p = run(binary, root, ["tag"] + GAZ + ["-o", os.path.join(sub,
                                                             "dangling")])
    expect(p.returncode == 0, "dangling: exit %d" % p.returncode, problems)
    expect(os.path.islink(os.path.join(sub, "dangling")),
           "the dangling link was replaced", problems)
    expect(os.path.exists(os.path.join(tmp, "new.jsonl")) and
           open(os.path.join(tmp, "new.jsonl"), "rb").read() == want,
           "the dangling link's target was not created", problems)
    loop = os.path.join(tmp, "loop")
    os.symlink("loop", loop)
    p = run(binary, root, ["compile"] + GAZ + ["-o", loop])
    expect(p.returncode == 1 and b"symbolic links" in p.stderr,
           "loop: exit %d %r" % (p.returncode, p.stderr), problems)
    expect(not leftovers(tmp), "temporary files left", problems)
    return problems


def case_modes(binary, root, tmp):
    """A new file gets 0666 & ~umask; an existing one keeps its mode
    (never widened), for tag -o, compile -o and the cache."""
    problems = []
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
    new = os.path.join(tmp, "new.isdb")
    p = run(binary, root, ["compile"] + GAZ + ["-o", new], env=env,
            preexec_fn=lambda: os.umask(0o027))
    expect(p.returncode == 0, "exit %d" % p.returncode, problems)
    expect(stat.S_IMODE(os.stat(new).st_mode) == 0o640,
           "new file mode %o, want 640" % stat.S_IMODE(os.stat(new).st_mode),
           problems)
    os.chmod(new, 0o604)
    run(binary, root, ["compile"] + GAZ + ["-o", new], env=env)
    expect(stat.S_IMODE(os.stat(new).st_mode) == 0o604,
           "kept mode %o, want 604" % stat.S_IMODE(os.stat(new).st_mode),
           problems)
    out = os.path.join(tmp, "out.jsonl")
    run(binary, root, ["tag"] + GAZ + ["-o", out], env=env,
        preexec_fn=lambda: os.umask(0o077))
    expect(stat.S_IMODE(os.stat(out).st_mode) == 0o600,
           "tag -o mode %o, want 600" % stat.S_IMODE(os.stat(out).st_mode),
           problems)
    run(binary, root, ["tag", "--no-default-data", "-g",
                       "tests/fixtures/good/basic.yaml"],
        env=env, preexec_fn=lambda: os.umask(0o077))
    cached = glob.glob(os.path.join(tmp, "cache", "isthmus", "*.isdb"))
    expect(len(cached) == 1 and
           stat.S_IMODE(os.stat(cached[0]).st_mode) == 0o600,
           "cache files %s" % [(c, oct(os.stat(c).st_mode)) for c in cached],
           problems)
    p = run(binary, root, ["tag"] + GAZ + ["-o", tmp])
    expect(p.returncode == 1 and b"Is a directory" in p.stderr,
           "-o DIR: exit %d %r" % (p.returncode, p.stderr), problems)
    expect(not leftovers(tmp), "temporary files left", problems)
    return problems


def case_signals(binary, root, tmp):
    """SIGINT or SIGTERM while -o is being written removes the temporary
    file and leaves the old output as it was."""
    problems = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        out = os.path.join(tmp, "out.jsonl")
        with open(out, "w") as f:
            f.write("old\n")
        p = subprocess.Popen([binary, "tag"] + GAZ + ["--format", "lines",
                                                      "-o", out],
                             stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=root)
        p.stdin.write(TEXT * 1000)
        p.stdin.flush()
        t0 = time.monotonic()
        while not leftovers(tmp) and time.monotonic() - t0 < 20:
            time.sleep(0.02)
        expect(leftovers(tmp), "%s: no temporary file seen" % sig.name,
               problems)
        p.send_signal(sig)
        p.stdin.close()
        rc = p.wait(20)
        p.stderr.close()
        expect(rc == -sig, "%s: exit %d, want %d" % (sig.name, rc, -sig),
               problems)
        expect(not leftovers(tmp), "%s: temporary file left" % sig.name,
               problems)
        expect(open(out).read() == "old\n", "%s: the output was replaced"
               % sig.name, problems)
    return problems


def case_closed_pipe(binary, root, tmp):
    """Standard output a pipe nobody reads: the run ends at once (by
    SIGPIPE, as cat or grep would, or with a write error)."""
    problems = []
    r, w = os.pipe()
    os.close(r)
    p = subprocess.run([binary, "tag"] + GAZ + ["--format", "lines"],
                       input=TEXT * 20000, stdout=w, stderr=subprocess.PIPE,
                       cwd=root, timeout=60)
    os.close(w)
    expect(p.returncode == -signal.SIGPIPE or
           (p.returncode == 1 and b"write error" in p.stderr),
           "exit %d %r" % (p.returncode, p.stderr), problems)
    return problems


def case_readonly_dir(binary, root, tmp):
    """-o in a directory that cannot be written: exit 1 with the reason,
    nothing left behind.  Root ignores directory modes, so as root the
    command runs as nobody."""
    problems = []
    ro = os.path.join(tmp, "ro")
    os.mkdir(ro)
    os.chmod(ro, 0o555)
    os.chmod(tmp, 0o755)
    pre = None
    if os.geteuid() == 0:
        def pre():
            os.setgid(65534)
            os.setuid(65534)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(ro, "cache"))
    for cmd in (["tag"] + GAZ, ["compile"] + GAZ):
        p = run(binary, root, cmd + ["--no-cache"] * (cmd[0] == "tag") +
                ["-o", os.path.join(ro, "out")], env=env, preexec_fn=pre)
        if p.returncode == 3 and b"Permission denied" in p.stderr and \
                b"basic.yaml" in p.stderr:
            raise Skip("nobody cannot read the project")
        expect(p.returncode == 1 and b"Permission denied" in p.stderr,
               "%s: exit %d %r" % (cmd[0], p.returncode, p.stderr), problems)
    expect(os.listdir(ro) == [], "left in the directory: %s" % os.listdir(ro),
           problems)
    return problems


CASES = [case_device, case_full_device, case_fifo, case_db_not_a_file,
         case_symlink, case_modes, case_signals, case_closed_pipe,
         case_readonly_dir]


if __name__ == "__main__":
    sys.exit(run_cases(CASES))
