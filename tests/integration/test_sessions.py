"""Login, ownership, purge timers, rebound, Cleanup and the operator side door."""

from __future__ import annotations

import time

import pytest

from reconciler.emulator.admin import AdminClient, AdminError
from reconciler.emulator.fleet import Fleet
from reconciler.jet.channel import Endpoint, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.errors import AuthenticationError, PermanentError, SessionLostError
from reconciler.wire.pb import auth_grpc, auth_pb, common_pb
from tests.conftest import ClientFactory
from tests.helpers import PASSWORD, USER, bgp_path, v4_route


def _wait_until(condition: object, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_wrong_password_is_refused_with_failure(fleet: Fleet) -> None:
    router = fleet.routers[0]
    channel = open_channel(Endpoint("127.0.0.1", router.port, insecure=True))
    reply = auth_grpc.AuthenticationStub(channel).Login(
        auth_pb.LoginRequest(username=USER, password="wrong", client_id="c1"), timeout=10
    )
    assert reply.status.code == common_pb.FAILURE
    assert "authentication failed" in reply.status.message
    client = JetClient(router.name, channel)
    with pytest.raises(AuthenticationError) as failure:
        client.login(USER, "also-wrong", "c1")
    assert "also-wrong" not in str(failure.value)  # no secret in errors
    with pytest.raises(SessionLostError):  # still not logged in
        client.rib_initialize()
    channel.close()


def test_rpc_without_login_is_unauthenticated(connect: ClientFactory) -> None:
    client = connect(login=False, initialize=False)
    with pytest.raises(SessionLostError) as failure:
        client.rib_update([v4_route(1)])
    assert failure.value.code == "UNAUTHENTICATED"
    assert failure.value.applied_count == 0


def test_purge_timer_bounds_and_read_back(connect: ClientFactory) -> None:
    client = connect()
    assert client.get_purge_timer() == 120  # device default
    client.set_purge_timer(30)
    assert client.get_purge_timer() == 30
    for bad in (0, 1001):
        with pytest.raises(PermanentError) as failure:
            client.set_purge_timer(bad)
        assert failure.value.code == "INVALID_PARAMS"
    client.reset_purge_timer()
    assert client.get_purge_timer() == 120


def test_disconnect_purges_after_the_clients_timer_not_before(connect: ClientFactory, fleet: Fleet) -> None:
    state = fleet.routers[0].state
    client = connect(client_id="purgee")
    client.set_purge_timer(2)
    client.rib_update([v4_route(i) for i in range(10)])
    client.bgp_update([bgp_path("10.123.0.0/24", 1, "10.0.0.1")])
    client.close()
    closed_at = time.monotonic()
    assert _wait_until(lambda: state.clients["purgee"].session is None, timeout=2)
    time.sleep(max(0.0, closed_at + 1.2 - time.monotonic()))
    assert state.clients["purgee"].rib_count() == 10  # timer still running
    purgee = state.clients["purgee"]
    assert _wait_until(lambda: purgee.rib_count() == 0 and purgee.bgp_count() == 0, timeout=4)
    assert time.monotonic() - closed_at >= 1.9
    reader = connect(client_id="reader")
    assert list(reader.rib_get("inet.0", "10.0.0.0/8")) == []
    assert list(reader.bgp_get("inet.0", "10.123.0.0/24")) == []


def test_reconnect_within_window_rebinds_with_route_count(connect: ClientFactory, fleet: Fleet) -> None:
    state = fleet.routers[0].state
    first = connect(client_id="rebinder")
    first.set_purge_timer(60)
    first.rib_update([v4_route(i) for i in range(25)])
    first.bgp_update([bgp_path("10.123.0.0/24", c, f"10.0.0.{c}") for c in (1, 2, 3)])
    first.close()
    assert _wait_until(lambda: state.clients["rebinder"].session is None)
    second = connect(client_id="rebinder", initialize=False)
    rib = second.rib_initialize()
    bgp = second.bgp_initialize()
    assert (rib.rebound, rib.num_client_routes) == (True, 25)
    assert (bgp.rebound, bgp.num_client_routes) == (True, 3)


def test_fresh_client_is_not_rebound(connect: ClientFactory) -> None:
    client = connect(initialize=False)
    result = client.rib_initialize()
    assert (result.rebound, result.num_client_routes) == (False, 0)


def test_cleanup_leaves_other_clients_routes_untouched(connect: ClientFactory) -> None:
    mine = connect(client_id="mine")
    theirs = connect(client_id="theirs")
    mine.rib_update([v4_route(i) for i in range(5)])
    theirs.rib_update([v4_route(i, cookie=77 + i) for i in range(100, 103)])
    mine.bgp_update([bgp_path("10.123.0.0/24", 1, "10.0.0.1")])
    theirs.bgp_update([bgp_path("10.124.0.0/24", 1, "10.0.0.1")])
    mine.rib_cleanup()
    mine.bgp_cleanup()
    remaining = {r.key.cookie for r in theirs.rib_get("inet.0", "10.0.0.0/8")}
    assert remaining == {177, 178, 179}
    assert [p.key.prefix for p in theirs.bgp_get("inet.0")] == ["10.124.0.0/24"]


def test_operator_deletions_and_changes_are_visible_to_a_read(
    connect: ClientFactory, admin: AdminClient, fleet: Fleet
) -> None:
    client = connect(client_id="owner")
    client.rib_update([v4_route(1), v4_route(2)])
    name = fleet.routers[0].name
    assert admin.act(name, "delete-route", table="inet.0", prefix="10.0.1.0/24") == 1
    assert admin.act(name, "change-route", table="inet.0", prefix="10.0.2.0/24", preference=9) == 1
    [route] = client.rib_get("inet.0", "10.0.0.0/8")
    assert (route.key.prefix, route.preference) == ("10.0.2.0/24", 9)
    assert admin.act(name, "add-config-route", table="inet.0", prefix="10.99.0.0/16", next_hop="192.0.2.9") == 1
    assert "10.99.0.0/16" in {r.key.prefix for r in client.rib_get("inet.0")}
    with pytest.raises(AdminError, match="no emulated router"):
        admin.act("nope", "restart-routing")
    with pytest.raises(AdminError, match="longer than 32"):
        admin.act(name, "delete-route", table="inet.0", prefix="10.0.0.1/33")


def test_routing_daemon_restart_drops_all_api_routes(connect: ClientFactory, admin: AdminClient, fleet: Fleet) -> None:
    client = connect()
    client.rib_update([v4_route(i) for i in range(20)])
    client.bgp_update([bgp_path("10.123.0.0/24", 1, "10.0.0.1")])
    assert admin.act(fleet.routers[0].name, "restart-routing") == 21
    with pytest.raises(SessionLostError) as failure:  # initialize again, then re-read
        list(client.rib_get("inet.0"))
    assert failure.value.code == "NOT_INITIALIZED"
    again = client.rib_initialize()
    assert (again.rebound, again.num_client_routes) == (False, 0)
    assert {r.key.prefix for r in client.rib_get("inet.0")} >= {"0.0.0.0/0", "192.0.2.0/24"}
    assert not [r for r in client.rib_get("inet.0") if r.key.cookie]


def test_operator_drop_sessions_starts_purge_and_forces_login(
    connect: ClientFactory, admin: AdminClient, fleet: Fleet
) -> None:
    client = connect(client_id="dropped")
    client.rib_update([v4_route(1)])
    assert admin.act(fleet.routers[0].name, "drop-sessions", client_id="dropped") == 1
    with pytest.raises(SessionLostError):
        client.rib_update([v4_route(2)])
    client.login(USER, PASSWORD, "dropped")
    result = client.rib_initialize()
    assert (result.rebound, result.num_client_routes) == (True, 1)


def test_a_ninth_client_id_is_refused(connect: ClientFactory) -> None:
    for n in range(8):
        connect(client_id=f"client-{n}", initialize=False)
    with pytest.raises(AuthenticationError, match="too many JET sessions"):
        connect(client_id="client-8", initialize=False)
    connect(client_id="client-3", initialize=False)  # a live client id may add a connection
