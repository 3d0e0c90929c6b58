#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An installed copy works from its prefix: 'cmake --install' into a
scratch prefix, the prefix moved elsewhere (so neither the configured
prefix nor anything but the copy can be what it reads), then the moved
bin/isthmus must load the data installed beside it, tag the sample, and
pass 'check'.  A C program (examples/consumer) builds against the
installed library through pkg-config (shared and static, from the moved
prefix) and through CMake's find_package(isthmus); the bash and zsh
completions are installed and the bash one completes.

Usage: install.py ISTHMUS_BINARY PROJECT_ROOT [SANITIZERS]
(SANITIZERS: what the library was built with, e.g. address,undefined;
the consumer programs are built with them too)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from cases import run_cases


def case_moved_prefix(binary, root, tmp):
    prefix, problems = install_prefix(binary, tmp)
    if problems:
        return problems
    moved = os.path.join(tmp, "moved")
    shutil.move(prefix, moved)
    exe = os.path.join(moved, "bin", "isthmus")
    p = subprocess.run([exe, "check", "--format", "json", "--words", "none"],
                       capture_output=True, cwd=tmp, timeout=120)
    if p.returncode:
        return ["check: exit %d: %s" % (p.returncode, p.stderr.decode())]
    report = json.loads(p.stdout)
    want = os.path.join(moved, "share", "isthmus")
    for key in ("gazetteers", "rules"):
        if not report[key] or not os.path.realpath(report[key][0]).startswith(
                os.path.realpath(want)):
            problems.append("%s loaded from %s, want under %s" % (
                key, report[key], want))
    sample = os.path.join(root, "data", "samples")
    text = sorted(os.listdir(sample))[0]
    p = subprocess.run([exe, "tag", os.path.join(sample, text)],
                       capture_output=True, cwd=tmp, timeout=120)
    if p.returncode:
        problems.append("tag: exit %d: %s" % (p.returncode,
                                              p.stderr.decode()))
    else:
        rec = json.loads(p.stdout)
        if not rec["entities"] or not rec["topics"]:
            problems.append("tag found nothing in %s: %s" % (text, p.stdout))
    man = os.path.join(moved, "share", "man", "man1", "isthmus.1")
    if not os.path.exists(man):
        problems.append("no man page at %s" % man)
    # The Python package, from the moved prefix, finds the data there.
    site = os.path.join(libdir_of(moved), "python3", "dist-packages")
    if os.path.isdir(os.path.join(site, "isthmus")) and not SANITIZE:
        code = ("import isthmus; r = isthmus.Tagger().tag('Pete Hegseth "
                "visited Panama.'); print(len(r['entities']))")
        p = subprocess.run([sys.executable, "-c", code], capture_output=True,
                           cwd=tmp, timeout=120,
                           env=dict(os.environ, PYTHONPATH=site))
        if p.stdout.strip() != b"2":
            problems.append("python from the prefix: %s %s" % (
                p.stdout, p.stderr.decode()[-500:]))
    # The hidden given-names list is installed too: a person by shape.
    p = subprocess.run([exe, "tag", "--format", "lines"],
                       input=b"Analyst John Casesa said so.\n",
                       capture_output=True, cwd=tmp, timeout=120)
    if b'"PERSON"' not in p.stdout:
        problems.append("no person by given name: %s" % p.stdout[:300])
    return problems


SANITIZE = sys.argv[3] if len(sys.argv) > 3 else ""
SAN_FLAGS = (["-fsanitize=" + SANITIZE, "-fno-omit-frame-pointer"]
             if SANITIZE else [])


def install_prefix(binary, tmp):
    prefix = os.path.join(tmp, "p")
    p = subprocess.run(["cmake", "--install", os.path.dirname(binary),
                        "--prefix", prefix], capture_output=True, timeout=120)
    return prefix, (["cmake --install: %s" % p.stderr.decode()]
                    if p.returncode else [])


def libdir_of(prefix):
    for d in ("lib", "lib64"):
        if os.path.isdir(os.path.join(prefix, d, "pkgconfig")):
            return os.path.join(prefix, d)
    for dp, dn, fn in os.walk(prefix):
        if "isthmus.pc" in fn:
            return os.path.dirname(dp)
    return os.path.join(prefix, "lib")


def check_program(exe, env, root):
    """tag_one finds Panama with the installed gazetteers."""
    prefix_share = env["ISTH_SHARE"]
    p = subprocess.run([exe, "Pete Hegseth visited Panama.",
                        os.path.join(prefix_share, "gazetteers"),
                        os.path.join(prefix_share, "rules")],
                       capture_output=True, env=env, timeout=120)
    if p.returncode:
        return ["%s: exit %d: %s" % (exe, p.returncode, p.stderr.decode())]
    out = p.stdout.decode()
    if "Panama\tGPE\tPA" not in out or "Pete Hegseth\tPERSON" not in out:
        return ["%s printed %r" % (exe, out)]
    return []


def case_pkg_config(binary, root, tmp):
    """A C program links through pkg-config, shared and static, against
    a prefix moved after installing (the .pc file is relocatable)."""
    prefix, problems = install_prefix(binary, tmp)
    if problems:
        return problems
    moved = os.path.join(tmp, "moved")
    shutil.move(prefix, moved)
    libdir = libdir_of(moved)
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(libdir, "pkgconfig"),
               LD_LIBRARY_PATH=libdir,
               ISTH_SHARE=os.path.join(moved, "share", "isthmus"))
    src = os.path.join(root, "examples", "consumer", "tag_one.c")
    for kind, flags in (("shared", ["--cflags", "--libs"]),
                        ("static", ["--static", "--cflags", "--libs"])):
        pc = subprocess.run(["pkg-config"] + flags + ["isthmus"],
                            capture_output=True, env=env, timeout=60)
        if pc.returncode:
            problems.append("pkg-config %s: %s" % (kind, pc.stderr.decode()))
            continue
        args = pc.stdout.decode().split()
        if kind == "static":  # the archive, not the shared object
            args = [a for a in args if a != "-listhmus"]
            args[0:0] = [os.path.join(libdir, "libisthmus.a")]
        exe = os.path.join(tmp, "tag_one_" + kind)
        cc = subprocess.run(["cc"] + SAN_FLAGS + [src, "-o", exe] + args,
                            capture_output=True, timeout=120)
        if cc.returncode:
            problems.append("cc (%s): %s" % (kind, cc.stderr.decode()))
            continue
        problems += check_program(exe, env, root)
    return problems


def case_cmake_package(binary, root, tmp):
    """find_package(isthmus) in a CMake project: isthmus::isthmus."""
    prefix, problems = install_prefix(binary, tmp)
    if problems:
        return problems
    build = os.path.join(tmp, "consumer")
    src = os.path.join(root, "examples", "consumer")
    for cmd in (["cmake", "-S", src, "-B", build,
                 "-DCMAKE_PREFIX_PATH=" + prefix,
                 "-DCMAKE_C_FLAGS=" + " ".join(SAN_FLAGS),
                 "-DCMAKE_EXE_LINKER_FLAGS=" + " ".join(SAN_FLAGS)],
                ["cmake", "--build", build]):
        p = subprocess.run(cmd, capture_output=True, timeout=300)
        if p.returncode:
            return ["%s: %s%s" % (" ".join(cmd[:2]), p.stdout.decode()[-800:],
                                  p.stderr.decode()[-800:])]
    env = dict(os.environ, LD_LIBRARY_PATH=libdir_of(prefix),
               ISTH_SHARE=os.path.join(prefix, "share", "isthmus"))
    return check_program(os.path.join(build, "tag_one"), env, root)


def case_completions(binary, root, tmp):
    """bash and zsh completions are installed; the bash one completes a
    subcommand and an option from the tool's own help."""
    prefix, problems = install_prefix(binary, tmp)
    if problems:
        return problems
    bash = os.path.join(prefix, "share", "bash-completion", "completions",
                        "isthmus")
    zsh = os.path.join(prefix, "share", "zsh", "site-functions", "_isthmus")
    for f in (bash, zsh):
        if not os.path.exists(f):
            problems.append("not installed: %s" % f)
    if problems:
        return problems
    script = ('source "%s"; COMP_WORDS=(%s tag --line-b); COMP_CWORD=2; '
              '_isthmus; echo "${COMPREPLY[@]}"; COMP_WORDS=(%s co); '
              'COMP_CWORD=1; _isthmus; echo "${COMPREPLY[@]}"' %
              (bash, os.path.join(prefix, "bin", "isthmus"),
               os.path.join(prefix, "bin", "isthmus")))
    p = subprocess.run(["bash", "-c", script], capture_output=True,
                       timeout=60)
    lines = p.stdout.decode().splitlines()
    if lines[:1] != ["--line-buffered"] or "compile" not in (
            lines[1:2] or [""])[0].split():
        problems.append("bash completion gave %r (%s)" % (
            lines, p.stderr.decode()))
    return problems


if __name__ == "__main__":
    sys.exit(run_cases([case_moved_prefix, case_pkg_config,
                        case_cmake_package, case_completions]))
