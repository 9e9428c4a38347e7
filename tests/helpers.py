"""Test data and small helpers shared by the suites."""

from __future__ import annotations

import socket

from reconciler.model import BgpPath, Gateway, RouteKey, StaticRoute, canonical_prefix

USER = "lab"
PASSWORD = "lab-secret-123"


def v4_route(i: int, *, gateways: int = 4, table: str = "inet.0", cookie: int | None = None) -> StaticRoute:
    prefix = f"10.{(i >> 8) & 255}.{i & 255}.0/24" if i < 65536 else f"11.{i >> 16}.{(i >> 8) & 255}.{i & 255}/32"
    return StaticRoute(
        RouteKey(table, prefix, 1000 + i if cookie is None else cookie),
        tuple(Gateway(f"192.0.2.{g + 1}") for g in range(gateways)),
        preference=5,
        preference2=100,
    )


def v6_route(i: int, *, gateways: int = 4, table: str = "inet6.0") -> StaticRoute:
    return StaticRoute(
        RouteKey(table, canonical_prefix(f"2001:db8:{i:x}::/48"), 5000 + i),
        tuple(Gateway(f"2001:db8::{g + 1}") for g in range(gateways)),
        preference=5,
        preference2=100,
    )


def bgp_path(prefix: str, cookie: int, next_hop: str, *, table: str = "inet.0") -> BgpPath:
    return BgpPath(RouteKey(table, prefix, cookie), next_hop, route_preference=170, local_preference=200)


def free_port_block(count: int) -> int:
    """A base port with `count` consecutive free loopback ports (best effort)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count >= 65535:
            continue
        sockets = []
        try:
            for port in range(base, base + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no block of free ports found")
