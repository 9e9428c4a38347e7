"""Which process holds a run, and whether it still exists: a run whose process is gone
was interrupted (killed, crashed, the machine restarted), not merely unfinished.

A pid alone is reused; Linux gives each process a start time (/proc/PID/stat, field 22, in
clock ticks since boot) which, with the pid, names one process. Elsewhere only the pid is
checked. A process on another host cannot be checked at all."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    started: int | None  # the start time from /proc (ticks since boot), None where unknown


def start_time(pid: int) -> int | None:
    """The process's start time on Linux; None elsewhere, or if it does not exist."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces and parentheses.
    fields = stat[stat.rfind(")") + 2 :].split()
    try:
        return int(fields[19])  # field 22 of the whole line
    except (IndexError, ValueError):
        return None


def this_holder() -> Holder:
    pid = os.getpid()
    return Holder(socket.gethostname(), pid, start_time(pid))


def is_gone(holder: Holder) -> bool | None:
    """True if that process no longer exists; False if it does; None if it cannot be told
    (another host)."""
    if holder.host != socket.gethostname():
        return None
    if holder.pid <= 0:
        return None  # not a pid this code recorded (and kill(0) would signal our own group)
    if holder.started is not None:
        started = start_time(holder.pid)
        if started is not None:
            return started != holder.started  # its pid now names another process
    try:  # no start time recorded, or none to read (gone, or hidden by /proc's hidepid)
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # exists, owned by someone else
        return False
    return False
