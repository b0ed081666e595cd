#!/usr/bin/python3
"""Runs COMMAND under the seccomp filter systemd builds for inetty.service, without systemd:
SystemCallFilter=@system-service with SystemCallErrorNumber=EPERM (any other system call fails with EPERM),
SystemCallArchitectures=native, RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX (socket() of another family
fails) and NoNewPrivileges=yes. The group's system calls come from systemd-analyze, as systemd expands them.
Usage: sandbox.py COMMAND [ARG]...   (needs the Debian package python3-seccomp)"""
import errno
import os
import socket
import subprocess
import sys

import seccomp


def groups():
    """Every group of systemd-analyze syscall-filter: name -> entries (system calls and @groups)."""
    out = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True, check=True).stdout
    found, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = found.setdefault(line.strip(), [])
        elif current is not None and line.strip() and not line.strip().startswith("#"):
            current.append(line.strip())
    return found


def expand(name, table, seen):
    calls = set()
    for entry in table[name]:
        if entry.startswith("@"):
            if entry not in seen:
                seen.add(entry)
                calls |= expand(entry, table, seen)
        else:
            calls.add(entry)
    return calls


allowed = expand("@system-service", groups(), {"@system-service"})
allowed.discard("socket")
allowed.discard("socketpair")
f = seccomp.SyscallFilter(seccomp.ERRNO(errno.EPERM))  # the default action also denies foreign architectures
for call in sorted(allowed):
    try:
        f.add_rule(seccomp.ALLOW, call)
    except (RuntimeError, ValueError):
        pass  # not a system call of this architecture
for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):
    f.add_rule(seccomp.ALLOW, "socket", seccomp.Arg(0, seccomp.EQ, family))
    f.add_rule(seccomp.ALLOW, "socketpair", seccomp.Arg(0, seccomp.EQ, family))
f.set_attr(seccomp.Attr.CTL_NNP, 1)
f.load()
os.execvp(sys.argv[1], sys.argv[1:])
