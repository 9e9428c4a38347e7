"""Which client TCP connections to a router are still open.

A router starts a client's purge timer when the client disconnects. gRPC's Python
server has no per-connection close callback, so the emulator polls the kernel's
socket table (/proc/net/tcp and tcp6, Linux) for ESTABLISHED connections on a
router's port. Connections are matched by (router port, client port), which is
unique on one host; the emulator listens on loopback.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

_TABLES = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))
_ESTABLISHED = "01"


def established(local_ports: Iterable[int], tables: Iterable[Path] = _TABLES) -> set[tuple[int, int]]:
    """(local port, remote port) of every ESTABLISHED TCP connection on the given local ports."""
    wanted = set(local_ports)
    found: set[tuple[int, int]] = set()
    for table in tables:
        try:
            lines = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 4 or fields[3] != _ESTABLISHED:
                continue
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port in wanted:
                found.add((local_port, int(fields[2].rsplit(":", 1)[1], 16)))
    return found


def supported() -> bool:
    return _TABLES[0].exists()


def peer_port(peer: str) -> int | None:
    """The client port of a gRPC peer string like 'ipv4:127.0.0.1:50432' or 'ipv6:[::1]:50432'."""
    _, _, port = peer.rpartition(":")
    return int(port) if port.isdigit() else None
