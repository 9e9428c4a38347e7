"""The client's batching, in-flight pipelining and error kinds against the emulator."""

from __future__ import annotations

import socket

import pytest

from reconciler.jet.channel import Endpoint, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.errors import AmbiguousError, PermanentError, RetryableError
from reconciler.model import Gateway, RouteKey, StaticRoute
from tests.conftest import ClientFactory
from tests.helpers import v4_route


def test_large_write_is_split_and_fully_applied(connect: ClientFactory) -> None:
    client = connect()
    routes = [v4_route(i) for i in range(3500)]
    assert client.rib_update(routes) == 3500
    assert len(list(client.rib_get("inet.0", "10.0.0.0/8"))) == 3500


def test_failure_reports_exactly_what_was_applied(connect: ClientFactory) -> None:
    client = connect()
    routes = [v4_route(i) for i in range(2500)]
    bad = StaticRoute(RouteKey("inet.0", "10.200.0.1/16", 1), (Gateway("192.0.2.1"),), 5, 100)
    routes[1500] = bad  # batch 2, entry 500
    with pytest.raises(PermanentError) as failure:
        client.rib_update(routes)
    error = failure.value
    assert error.code == "PREFIX_INVALID"
    assert error.route == str(bad.key)
    assert error.router == client.router and error.operation == "Rib/RouteUpdate"
    assert "10.200.0.1/16" in str(error)
    # Batch 1 fully, batch 2 up to the bad entry; batch 3 was not sent or was sent
    # concurrently (2 in flight) and then applied in full.
    assert error.applied[0] == range(0, 1500)
    on_router = {r.key for r in client.rib_get("inet.0", "10.0.0.0/8")}
    claimed = {routes[i].key for r in error.applied for i in r}
    assert claimed == on_router


def test_unreachable_router_write_is_ambiguous_and_read_is_retryable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the block ends: nothing listens there
    client = JetClient("ghost", open_channel(Endpoint("127.0.0.1", port, insecure=True)), timeout=2)
    with pytest.raises(AmbiguousError) as write_failure:
        client.rib_update([v4_route(1)])
    assert write_failure.value.code == "UNAVAILABLE"
    assert write_failure.value.applied_count == 0
    with pytest.raises(RetryableError):
        list(client.rib_get("inet.0"))
    client.close()
