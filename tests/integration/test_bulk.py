"""Bulk write, read and delete through a separately running emulator (slow suite)."""

from __future__ import annotations

import pytest

from reconciler.jet.channel import Endpoint, open_channel
from reconciler.jet.client import JetClient
from reconciler.model import Gateway, RouteKey, StaticRoute
from tests.helpers import PASSWORD, USER
from tests.integration.test_emulator_command import _start

pytestmark = pytest.mark.slow
ROUTES = 300_000


def test_300k_routes_round_trip() -> None:
    running = _start(
        [
            "--devices",
            "1",
            "--base-port",
            "0",
            "--username",
            USER,
            "--password-env",
            "EMULATOR_PASSWORD",
            "--insecure",
        ],
        routers=1,
    )
    try:
        client = JetClient("router1", open_channel(Endpoint("127.0.0.1", running.port(0), insecure=True)))
        client.login(USER, PASSWORD, "bulk")
        client.rib_initialize()
        hops = tuple(Gateway(f"192.0.2.{g}") for g in range(1, 5))
        routes = [
            StaticRoute(
                RouteKey("inet.0", f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}/32", i + 1),
                hops,
                5,
                100,
            )
            for i in range(ROUTES)
        ]
        assert client.rib_update(routes) == ROUTES
        read = {r.key: r for r in client.rib_get("inet.0", "10.0.0.0/8")}
        assert len(read) == ROUTES
        assert all(read[r.key] == r for r in routes[:: ROUTES // 1000])
        assert client.rib_delete([r.key for r in routes]) == ROUTES
        assert list(client.rib_get("inet.0", "10.0.0.0/8")) == []
        client.close()
    finally:
        running.process.kill()
        running.process.wait(10)
