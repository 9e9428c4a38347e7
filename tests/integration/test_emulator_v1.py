"""The classic JET API (v1) served by the emulator beside v2, over real gRPC on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest

from reconciler.emulator.events import Notification
from reconciler.emulator.fleet import Fleet
from reconciler.emulator.reads import set_read_cookies_dropped
from reconciler.emulator.router import EmulatedRouter
from reconciler.emulator.state import RouterState
from reconciler.wire.pb import auth_grpc, auth_pb, base_types_pb, bgp_grpc, bgp_pb, common_pb, rib_grpc, rib_pb
from reconciler.wire.pb_v1 import auth_grpc as login_grpc
from reconciler.wire.pb_v1 import auth_pb as login_pb
from reconciler.wire.pb_v1 import jnx_base_pb, management_grpc, management_pb, routing_grpc, routing_pb
from tests.helpers import PASSWORD, USER

TIMEOUT = 10
# One TCP connection per channel: the router binds a login to its connection, and
# gRPC would otherwise share one connection between channels to the same target.
OWN_CONNECTION = [("grpc.use_local_subchannel_pool", 1)]
BgpOper = routing_pb.BgpRouteOperReply
BgpGet = routing_pb.BgpRouteGetReply
BgpInit = routing_pb.BgpRouteInitializeReply


@dataclass
class Recorder:
    """An event sink that keeps what a router publishes."""

    enabled: bool = True
    seen: list[Notification] = field(default_factory=list)

    def publish(self, router: str, notifications: Iterable[Notification]) -> None:
        self.seen.extend(notifications)


class V1:
    """A classic JET client built from our v1 modules, as the classic examples are."""

    def __init__(self, port: int) -> None:
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=OWN_CONNECTION)
        self.login_stub = login_grpc.LoginStub(self.channel)
        self.bgp = routing_grpc.BgpRouteStub(self.channel)
        self.rib = routing_grpc.RibStub(self.channel)
        self.base = routing_grpc.BaseStub(self.channel)
        self.management = management_grpc.ManagementRpcApiStub(self.channel)

    def login(self, client_id: str, password: str = PASSWORD) -> bool:
        request = login_pb.LoginRequest(user_name=USER, password=password, client_id=client_id)
        result: bool = self.login_stub.LoginCheck(request, timeout=TIMEOUT).result
        return result

    def bgp_get(
        self, prefix: str = "0.0.0.0", length: int = 0, *, or_longer: bool = True, cookie: int = 0
    ) -> list[Any]:
        match = routing_pb.BgpRouteMatch(
            dest_prefix=_prefix(prefix),
            dest_prefix_len=length,
            table=_table("inet.0"),
            protocol=routing_pb.PROTO_BGP_STATIC,
            path_cookie=cookie,
        )
        request = routing_pb.BgpRouteGetRequest(bgp_route=match, or_longer=or_longer)
        return list(self.bgp.BgpRouteGet(request, timeout=TIMEOUT))

    def rib_get(self, table: str = "inet.0", prefix: str = "10.0.0.0", length: int = 8) -> list[Any]:
        key = routing_pb.RouteMatchFields(dest_prefix=_network(prefix), dest_prefix_len=length, table=_table(table))
        request = routing_pb.RouteGetRequest(key=key, match_type=routing_pb.EXACT_OR_LONGER)
        return list(self.rib.RouteGet(request, timeout=TIMEOUT))


def _ip(text: str) -> Any:
    return jnx_base_pb.IpAddress(addr_string=text)


def _prefix(address: str) -> Any:
    return routing_pb.RoutePrefix(inet=_ip(address))


def _network(address: str) -> Any:
    return (
        routing_pb.NetworkAddress(inet6=_ip(address))
        if ":" in address
        else routing_pb.NetworkAddress(inet=_ip(address))
    )


def _table(name: str) -> Any:
    return routing_pb.RouteTable(rtt_name=routing_pb.RouteTableName(name=name))


def path(prefix: str, length: int, cookie: int, next_hop: str, **fields: Any) -> Any:
    return routing_pb.BgpRouteEntry(
        dest_prefix=_prefix(prefix),
        dest_prefix_len=length,
        table=_table("inet.0"),
        protocol=routing_pb.PROTO_BGP_STATIC,
        path_cookie=cookie,
        protocol_nexthops=[_ip(next_hop)],
        route_preference=routing_pb.BgpAttrib32(value=170),
        local_preference=routing_pb.BgpAttrib32(value=100),
        aspath=routing_pb.AsPath(aspath_string="65001 65002"),
        **fields,
    )


def static(prefix: str, length: int, cookie: int, *hops: str, weight: int = 0, preference: int | None = None) -> Any:
    entry = routing_pb.RouteEntry(
        key=routing_pb.RouteMatchFields(
            dest_prefix=_network(prefix), dest_prefix_len=length, table=_table("inet.0"), cookie=cookie
        ),
        nexthop=routing_pb.RouteNexthop(
            gateways=[routing_pb.RouteGateway(gateway_address=_network(h), weight=weight) for h in hops]
        ),
    )
    if preference is not None:
        entry.attributes.preferences[0].value = preference
    return entry


def remove_key(prefix: str, length: int, cookie: int = 0) -> Any:
    return routing_pb.RouteMatchFields(
        dest_prefix=_network(prefix), dest_prefix_len=length, table=_table("inet.0"), cookie=cookie
    )


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def _router(api: str, sink: Recorder | None = None) -> EmulatedRouter:
    state = RouterState("r1", username=USER, password=PASSWORD, sink=sink)
    return EmulatedRouter(state, port=0, tls=None, api=api)


@pytest.fixture
def events() -> Recorder:
    return Recorder()


@pytest.fixture
def router(events: Recorder) -> Iterator[EmulatedRouter]:
    emulated = Fleet([_router("both", events)], poll_interval=0.05)
    with emulated:
        yield emulated.routers[0]


@pytest.fixture
def v1(router: EmulatedRouter) -> Iterator[Callable[..., V1]]:
    opened: list[V1] = []

    def make(client_id: str | None = "classic", *, initialize: bool = True) -> V1:
        client = V1(router.port)
        opened.append(client)
        if client_id is not None:
            assert client.login(client_id)
            if initialize:
                assert (
                    client.bgp.BgpRouteInitialize(routing_pb.BgpRouteInitializeRequest(), timeout=TIMEOUT).status == 0
                )
        return client

    yield make
    for client in opened:
        client.channel.close()


def v2_channel(port: int, client_id: str) -> grpc.Channel:
    channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=OWN_CONNECTION)
    reply = auth_grpc.AuthenticationStub(channel).Login(
        auth_pb.LoginRequest(username=USER, password=PASSWORD, client_id=client_id), timeout=TIMEOUT
    )
    assert reply.status.code == common_pb.SUCCESS
    return channel


# ---------------------------------------------------------------------------- BGP


def test_classic_example_add_get_delete_by_cookie_0(v1: Callable[..., V1]) -> None:
    client = v1()
    hops = ("192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.14")
    paths = [
        path(p, 24, 1000 + 10 * n + i, hop)
        for n, p in enumerate(("10.10.0.0", "10.20.0.0"))
        for i, hop in enumerate(hops)
    ]
    added = client.bgp.BgpRouteAdd(routing_pb.BgpRouteUpdateRequest(bgp_routes=paths), timeout=TIMEOUT)
    assert (added.status, added.operations_completed) == (BgpOper.SUCCESS, 8)

    replies = client.bgp_get("10.0.0.0", 8)
    assert [r.status for r in replies] == [BgpGet.SUCCESS, BgpGet.SUCCESS]
    assert replies[-1].bgp_routes == []  # the walk ends with an empty reply
    read = list(replies[0].bgp_routes)
    assert read == paths  # every field round-trips, in prefix and cookie order
    assert {r.protocol for r in read} == {routing_pb.PROTO_BGP_STATIC} and routing_pb.PROTO_BGP_STATIC == 2

    # The classic delete: one match per prefix, path cookie 0 ("not evaluated"): every path goes.
    matches = [
        routing_pb.BgpRouteMatch(
            dest_prefix=_prefix(p), dest_prefix_len=24, table=_table("inet.0"), protocol=routing_pb.PROTO_BGP_STATIC
        )
        for p in ("10.10.0.0", "10.20.0.0")
    ]
    removed = client.bgp.BgpRouteRemove(routing_pb.BgpRouteRemoveRequest(bgp_routes=matches), timeout=TIMEOUT)
    assert (removed.status, removed.operations_completed) == (BgpOper.SUCCESS, 2)
    assert [r.status for r in client.bgp_get("10.0.0.0", 8)] == [BgpGet.ROUTE_NOT_FOUND]


def test_remove_by_path_cookie_and_write_rules(v1: Callable[..., V1]) -> None:
    client = v1()
    update = client.bgp.BgpRouteUpdate
    paths = [path("10.30.0.0", 16, c, f"192.0.2.{c}") for c in (1, 2)]
    assert update(routing_pb.BgpRouteUpdateRequest(bgp_routes=paths), timeout=TIMEOUT).status == BgpOper.SUCCESS
    again = client.bgp.BgpRouteAdd(routing_pb.BgpRouteUpdateRequest(bgp_routes=paths[:1]), timeout=TIMEOUT)
    assert again.status == BgpOper.ROUTE_EXISTS == 17
    one = routing_pb.BgpRouteMatch(
        dest_prefix=_prefix("10.30.0.0"), dest_prefix_len=16, table=_table("inet.0"), path_cookie=2
    )
    removed = client.bgp.BgpRouteRemove(routing_pb.BgpRouteRemoveRequest(bgp_routes=[one]), timeout=TIMEOUT)
    assert removed.status == BgpOper.SUCCESS
    assert [r.path_cookie for r in client.bgp_get("10.30.0.0", 16)[0].bgp_routes] == [1]
    gone = client.bgp.BgpRouteRemove(routing_pb.BgpRouteRemoveRequest(bgp_routes=[one]), timeout=TIMEOUT)
    assert gone.status == BgpOper.ROUTE_NOT_FOUND == 18

    # First error stops the batch; the v1-only label is refused in an IP table.
    batch = [
        path("10.40.0.0", 16, 1, "192.0.2.1"),
        path("10.41.0.0", 16, 1, "192.0.2.1", vpn_label=100),
        path("10.42.0.0", 16, 1, "192.0.2.1"),
    ]
    reply = update(routing_pb.BgpRouteUpdateRequest(bgp_routes=batch), timeout=TIMEOUT)
    assert (reply.status, reply.operations_completed) == (BgpOper.LABEL_INFO_INVALID, 1)
    batch[1] = path("10.41.0.0", 16, 1, "not-an-address")
    reply = update(routing_pb.BgpRouteUpdateRequest(bgp_routes=batch), timeout=TIMEOUT)
    assert (reply.status, reply.operations_completed) == (BgpOper.NEXTHOP_ADDRESS_INVALID, 1)
    assert update(routing_pb.BgpRouteUpdateRequest(), timeout=TIMEOUT).status == BgpOper.NO_OP
    many = [path("10.50.0.0", 16, c, "192.0.2.1") for c in range(1, 1002)]
    assert update(routing_pb.BgpRouteUpdateRequest(bgp_routes=many), timeout=TIMEOUT).status == BgpOper.TOO_MANY_OPS
    # The classic update leaves the protocol unset: taken as BGP-static. PROTO_BGP is refused.
    unset = path("10.60.0.0", 16, 1, "192.0.2.1")
    unset.protocol = routing_pb.PROTO_UNSPECIFIED
    assert update(routing_pb.BgpRouteUpdateRequest(bgp_routes=[unset]), timeout=TIMEOUT).status == BgpOper.SUCCESS
    unset.protocol = routing_pb.PROTO_BGP
    assert (
        update(routing_pb.BgpRouteUpdateRequest(bgp_routes=[unset]), timeout=TIMEOUT).status == BgpOper.PROTOCOL_INVALID
    )


def test_bgp_needs_initialize_once(v1: Callable[..., V1]) -> None:
    client = v1(initialize=False)
    request = routing_pb.BgpRouteUpdateRequest(bgp_routes=[path("10.1.0.0", 16, 1, "192.0.2.1")])
    assert client.bgp.BgpRouteAdd(request, timeout=TIMEOUT).status == BgpOper.NOT_INITIALIZED
    init = client.bgp.BgpRouteInitialize
    assert init(routing_pb.BgpRouteInitializeRequest(), timeout=TIMEOUT).status == BgpInit.SUCCESS
    assert init(routing_pb.BgpRouteInitializeRequest(), timeout=TIMEOUT).status == BgpInit.ALREADY_INITIALIZED
    assert client.bgp.BgpRouteAdd(request, timeout=TIMEOUT).status == BgpOper.SUCCESS
    cleanup = client.bgp.BgpRouteCleanup(routing_pb.BgpRouteCleanupRequest(), timeout=TIMEOUT)
    assert cleanup.status == routing_pb.BgpRouteCleanupReply.SUCCESS
    assert [r.status for r in client.bgp_get()] == [BgpGet.ROUTE_NOT_FOUND]


def test_reconnect_rebinds_routes(router: EmulatedRouter, v1: Callable[..., V1]) -> None:
    first = v1("rebinder")
    paths = [path("10.70.0.0", 16, c, f"192.0.2.{c}") for c in (1, 2, 3)]
    first.bgp.BgpRouteAdd(routing_pb.BgpRouteUpdateRequest(bgp_routes=paths), timeout=TIMEOUT)
    first.channel.close()
    wait_for(lambda: router.state.clients["rebinder"].session is None)  # the router saw it go
    second = v1("rebinder", initialize=False)
    reply = second.bgp.BgpRouteInitialize(routing_pb.BgpRouteInitializeRequest(), timeout=TIMEOUT)
    assert (reply.status, reply.gw_n_routes) == (BgpInit.SUCCESS_STATE_REBOUND, 3)
    assert len(second.bgp_get("10.70.0.0", 16)[0].bgp_routes) == 3


# ---------------------------------------------------------------------------- RIB


def test_rib_batches_cookies_and_ownership(v1: Callable[..., V1]) -> None:
    client = v1()
    rib = client.rib
    batch = [
        static("10.1.1.0", 24, 7, "192.0.2.1"),
        static("10.1.2.0", 24, 7, "192.0.2.2"),
        static("10.1.3.1", 24, 7, "192.0.2.3"),
    ]
    reply = rib.RouteAdd(routing_pb.RouteUpdateRequest(routes=batch), timeout=TIMEOUT)
    assert (reply.status, reply.operations_completed) == (routing_pb.PREFIX_INVALID, 2)  # host bits set
    assert rib.RouteAdd(routing_pb.RouteUpdateRequest(), timeout=TIMEOUT).status == routing_pb.ROUTE_COUNT_INVALID
    many = [static("10.9.0.0", 16, 1, "192.0.2.1")] * 1001
    assert (
        rib.RouteAdd(routing_pb.RouteUpdateRequest(routes=many), timeout=TIMEOUT).status
        == routing_pb.ROUTE_COUNT_INVALID
    )
    # A route is the client's table + prefix: another cookie does not make a second route.
    other_cookie = static("10.1.1.0", 24, 8, "192.0.2.9")
    assert (
        rib.RouteAdd(routing_pb.RouteUpdateRequest(routes=[other_cookie]), timeout=TIMEOUT).status
        == routing_pb.ROUTE_EXISTS
    )
    missing = static("10.1.9.0", 24, 7, "192.0.2.1")
    assert (
        rib.RouteModify(routing_pb.RouteUpdateRequest(routes=[missing]), timeout=TIMEOUT).status
        == routing_pb.ROUTE_NOT_FOUND
    )
    weighted = static("10.1.1.0", 24, 8, "192.0.2.9", "192.0.2.10", weight=300, preference=2)
    assert (
        rib.RouteModify(routing_pb.RouteUpdateRequest(routes=[weighted]), timeout=TIMEOUT).status == routing_pb.SUCCESS
    )
    assert (
        rib.RouteUpdate(routing_pb.RouteUpdateRequest(routes=[missing]), timeout=TIMEOUT).status == routing_pb.SUCCESS
    )

    routes = {r.key.dest_prefix.inet.addr_string: r for reply in client.rib_get() for r in reply.routes}
    assert sorted(routes) == ["10.1.1.0", "10.1.2.0", "10.1.9.0"]
    modified = routes["10.1.1.0"]
    assert modified.key.cookie == 8  # read back with the client's cookie
    assert [g.weight for g in modified.nexthop.gateways] == [300, 300]  # v1 field 7
    assert modified.attributes.preferences[0].value == 5  # below 5 is raised to 5
    assert modified.protocol == routing_pb.STATIC
    configured = [
        r for reply in client.rib_get(prefix="0.0.0.0", length=0) for r in reply.routes if r.key.dest_prefix_len == 0
    ]
    assert [r.key.cookie for r in configured] == [0]  # not programmed through the API: cookie 0

    # Remove matches table + prefix of the client's own routes; the key's cookie is not evaluated.
    keys = [remove_key("10.1.1.0", 24, cookie=12345), remove_key("10.1.5.0", 24), remove_key("10.1.2.0", 24)]
    removed = rib.RouteRemove(routing_pb.RouteRemoveRequest(keys=keys), timeout=TIMEOUT)
    assert (removed.status, removed.operations_completed) == (routing_pb.ROUTE_NOT_FOUND, 1)
    assert sorted(r.key.dest_prefix.inet.addr_string for reply in client.rib_get() for r in reply.routes) == [
        "10.1.2.0",
        "10.1.9.0",
    ]
    # Another client cannot remove or modify them.
    stranger = v1("stranger")
    theirs = stranger.rib.RouteRemove(routing_pb.RouteRemoveRequest(keys=[remove_key("10.1.2.0", 24)]), timeout=TIMEOUT)
    assert theirs.status == routing_pb.ROUTE_NOT_FOUND


def test_rib_gateway_rules(v1: Callable[..., V1]) -> None:
    rib = v1().rib
    labelled = static("10.2.1.0", 24, 1, "192.0.2.1")
    labelled.nexthop.gateways[0].label_stack.entries.add(opcode=routing_pb.PUSH).label_entry.label = 100
    half = static("10.2.2.0", 24, 1, "192.0.2.1", "192.0.2.2")
    half.nexthop.gateways[0].bandwidth = 10.0
    heavy = static("10.2.3.0", 24, 1, "192.0.2.1", weight=70000)
    nowhere = static("10.2.4.0", 24, 1, "192.0.2.1")
    nowhere.nexthop.gateways[0].interface_name = "ge-9/9/9.0"
    for entry, code in (
        (labelled, routing_pb.MPLS_LABEL_INVALID),
        (half, routing_pb.BANDWIDTH_USAGE_INVALID),
        (heavy, routing_pb.GATEWAY_INVALID),
        (nowhere, routing_pb.INTERFACE_INVALID),
    ):
        assert rib.RouteUpdate(routing_pb.RouteUpdateRequest(routes=[entry]), timeout=TIMEOUT).status == code


# -------------------------------------------------------------- purge and login


def test_purge_timer_config_get_unconfig_and_purge(router: EmulatedRouter, v1: Callable[..., V1]) -> None:
    client = v1("purged")
    base = client.base
    empty = routing_pb.RtEmptyRequest()
    assert base.RoutePurgeTimeGet(empty, timeout=TIMEOUT).time == 120
    assert base.RoutePurgeTimeUnconfig(empty, timeout=TIMEOUT).ret_code == routing_pb.RET_NOT_FOUND
    assert (
        base.RoutePurgeTimeConfig(routing_pb.RtPurgeConfigRequest(time=0), timeout=TIMEOUT).ret_code
        == routing_pb.RET_INVALID_PARAMS
    )
    assert (
        base.RoutePurgeTimeConfig(routing_pb.RtPurgeConfigRequest(time=1001), timeout=TIMEOUT).ret_code
        == routing_pb.RET_INVALID_PARAMS
    )
    assert (
        base.RoutePurgeTimeConfig(routing_pb.RtPurgeConfigRequest(time=500), timeout=TIMEOUT).ret_code
        == routing_pb.RET_SUCCESS
    )
    got = base.RoutePurgeTimeGet(empty, timeout=TIMEOUT)
    assert (got.ret_code, got.time) == (routing_pb.RET_SUCCESS, 500)
    assert base.RoutePurgeTimeUnconfig(empty, timeout=TIMEOUT).ret_code == routing_pb.RET_SUCCESS
    assert base.RoutePurgeTimeGet(empty, timeout=TIMEOUT).time == 120
    assert (
        base.RoutePurgeTimeConfig(routing_pb.RtPurgeConfigRequest(time=1), timeout=TIMEOUT).ret_code
        == routing_pb.RET_SUCCESS
    )

    client.rib.RouteAdd(routing_pb.RouteUpdateRequest(routes=[static("10.3.0.0", 16, 1, "192.0.2.1")]), timeout=TIMEOUT)
    client.bgp.BgpRouteAdd(
        routing_pb.BgpRouteUpdateRequest(bgp_routes=[path("10.3.0.0", 16, 1, "192.0.2.1")]), timeout=TIMEOUT
    )
    state = router.state
    assert (state.clients["purged"].rib_count(), state.clients["purged"].bgp_count()) == (1, 1)
    client.channel.close()
    gone = state.clients["purged"]
    wait_for(lambda: gone.rib_count() + gone.bgp_count() == 0)  # one second after the router saw it go
    assert gone.session is None
    reader = v1("reader")
    assert [r.status for r in reader.bgp_get()] == [BgpGet.ROUTE_NOT_FOUND]


def test_login_refused_answers_false(v1: Callable[..., V1]) -> None:
    client = v1(None)
    assert client.login("classic", password="wrong") is False
    assert client.login("") is False
    with pytest.raises(grpc.RpcError) as failure:
        client.bgp.BgpRouteInitialize(routing_pb.BgpRouteInitializeRequest(), timeout=TIMEOUT)
    assert failure.value.code() == grpc.StatusCode.UNAUTHENTICATED


# ------------------------------------------------------------- both generations


def test_v1_and_v2_routes_share_tables(router: EmulatedRouter, v1: Callable[..., V1]) -> None:
    old = v1("old-app")
    old.rib.RouteAdd(
        routing_pb.RouteUpdateRequest(routes=[static("10.5.1.0", 24, 41, "192.0.2.1", weight=9)]), timeout=TIMEOUT
    )
    old.bgp.BgpRouteAdd(
        routing_pb.BgpRouteUpdateRequest(bgp_routes=[path("10.5.2.0", 24, 42, "192.0.2.2")]), timeout=TIMEOUT
    )

    channel = v2_channel(router.port, "new-app")
    rib = rib_grpc.RibStub(channel)
    bgp = bgp_grpc.BgpStub(channel)
    assert rib.RouteInitialize(rib_pb.RouteInitializeRequest(), timeout=TIMEOUT).sub_code == rib_pb.SUCCESS
    assert bgp.Initialize(bgp_pb.InitializeRequest(), timeout=TIMEOUT).sub_code == 0
    seen = rib_pb.RouteMatch(dest_prefix=_v2_network("10.5.1.0"), dest_prefix_len=24)
    seen.table.name.name = "inet.0"
    v2_rib = [
        r
        for reply in rib.RouteGet(rib_pb.RouteGetRequest(key=seen, match_type=rib_pb.EXACT), timeout=TIMEOUT)
        for r in reply.routes
    ]
    assert [(r.key.cookie, [g.weight for g in r.nexthop.gateways]) for r in v2_rib] == [(41, [9])]  # v2 field 5
    match = bgp_pb.RouteMatch(dest_prefix_len=24)
    match.dest_prefix.inet.addr_string = "10.5.2.0"
    match.table.name.name = "inet.0"
    v2_bgp = [r for reply in bgp.RouteGet(bgp_pb.RouteGetRequest(route=match), timeout=TIMEOUT) for r in reply.routes]
    assert [(r.key.cookie, r.key.protocol) for r in v2_bgp] == [(42, 27)]  # BGP-static is 27 in v2

    # The reverse: v2 routes in v1 reads.
    entry = rib_pb.RouteEntry(key=rib_pb.RouteMatch(dest_prefix=_v2_network("10.5.3.0"), dest_prefix_len=24, cookie=43))
    entry.key.table.name.name = "inet.0"
    entry.nexthop.gateways.add(gateway_address=_v2_network("192.0.2.3"), weight=11)
    assert rib.RouteAdd(rib_pb.RouteUpdateRequest(routes=[entry]), timeout=TIMEOUT).sub_code == rib_pb.SUCCESS
    v2_path = bgp_pb.RouteEntry(
        key=bgp_pb.RouteMatch(dest_prefix_len=24, protocol=base_types_pb.PROTO_BGP_STATIC, cookie=44)
    )
    v2_path.key.dest_prefix.inet.addr_string = "10.5.4.0"
    v2_path.key.table.name.name = "inet.0"
    v2_path.protocol_nexthops.add(addr_string="192.0.2.4")
    assert bgp.RouteAdd(bgp_pb.RouteUpdateRequest(routes=[v2_path]), timeout=TIMEOUT).sub_code == 0
    v1_rib = {r.key.cookie: [g.weight for g in r.nexthop.gateways] for reply in old.rib_get() for r in reply.routes}
    assert v1_rib == {41: [9], 43: [11]}
    v1_bgp = [(r.path_cookie, r.protocol) for r in old.bgp_get("10.5.0.0", 16)[0].bgp_routes]
    assert v1_bgp == [(42, routing_pb.PROTO_BGP_STATIC), (44, routing_pb.PROTO_BGP_STATIC)]
    channel.close()


def test_a_router_that_drops_read_cookies_does_so_in_v1_reads(router: EmulatedRouter, v1: Callable[..., V1]) -> None:
    client = v1()
    client.rib.RouteAdd(
        routing_pb.RouteUpdateRequest(routes=[static("10.13.0.0", 16, 9, "192.0.2.1")]), timeout=TIMEOUT
    )
    client.bgp.BgpRouteAdd(
        routing_pb.BgpRouteUpdateRequest(bgp_routes=[path("10.13.0.0", 16, 9, "192.0.2.1")]), timeout=TIMEOUT
    )
    set_read_cookies_dropped(router.state, frozenset({"rib", "bgp"}))
    assert [r.key.cookie for reply in client.rib_get() for r in reply.routes] == [0]
    assert [r.path_cookie for r in client.bgp_get("10.13.0.0", 16)[0].bgp_routes] == [0]
    set_read_cookies_dropped(router.state, frozenset())
    assert [r.key.cookie for reply in client.rib_get() for r in reply.routes] == [9]


def _v2_network(address: str) -> Any:
    network = base_types_pb.NetworkAddress()
    network.inet.addr_string = address
    return network


def test_one_client_id_keeps_to_one_rib_generation(router: EmulatedRouter, v1: Callable[..., V1]) -> None:
    channel = v2_channel(router.port, "mixer")
    rib = rib_grpc.RibStub(channel)
    rib.RouteInitialize(rib_pb.RouteInitializeRequest(), timeout=TIMEOUT)
    entry = rib_pb.RouteEntry(key=rib_pb.RouteMatch(dest_prefix=_v2_network("10.6.0.0"), dest_prefix_len=16, cookie=1))
    entry.key.table.name.name = "inet.0"
    entry.nexthop.gateways.add(gateway_address=_v2_network("192.0.2.1"))
    assert rib.RouteAdd(rib_pb.RouteUpdateRequest(routes=[entry]), timeout=TIMEOUT).sub_code == rib_pb.SUCCESS
    # The same client id through RIB v1 while it holds v2 routes: refused, nothing written.
    old = v1("mixer", initialize=False)
    add = old.rib.RouteAdd(
        routing_pb.RouteUpdateRequest(routes=[static("10.7.0.0", 16, 1, "192.0.2.1")]), timeout=TIMEOUT
    )
    assert (add.status, add.operations_completed) == (routing_pb.ROUTE_API_VERSION_MISMATCH, 0)
    assert [r.status for r in old.rib_get()] == [routing_pb.ROUTE_API_VERSION_MISMATCH]
    # Another client id is free to use v1; and once "mixer" holds no RIB routes it may switch.
    assert (
        v1("other")
        .rib.RouteAdd(routing_pb.RouteUpdateRequest(routes=[static("10.7.0.0", 16, 1, "192.0.2.1")]), timeout=TIMEOUT)
        .status
        == 0
    )
    rib.RouteCleanup(rib_pb.RouteCleanupRequest(), timeout=TIMEOUT)
    add = old.rib.RouteAdd(
        routing_pb.RouteUpdateRequest(routes=[static("10.8.0.0", 16, 1, "192.0.2.1")]), timeout=TIMEOUT
    )
    assert add.status == routing_pb.SUCCESS
    # Now it holds v1 routes: the v2 RIB refuses it (status 35), every call, nothing written.
    refused = rib.RouteAdd(rib_pb.RouteUpdateRequest(routes=[entry]), timeout=TIMEOUT)
    assert (refused.sub_code, refused.operations_completed) == (rib_pb.ROUTE_API_VERSION_MISMATCH, 0) == (35, 0)
    assert refused.status.code == common_pb.FAILURE
    get = rib_pb.RouteGetRequest(key=entry.key, match_type=rib_pb.EXACT)
    assert [r.sub_code for r in rib.RouteGet(get, timeout=TIMEOUT)] == [rib_pb.ROUTE_API_VERSION_MISMATCH]
    delete = rib.RouteDelete(rib_pb.RouteDeleteRequest(keys=[entry.key]), timeout=TIMEOUT)
    assert delete.sub_code == rib_pb.ROUTE_API_VERSION_MISMATCH
    fresh = v2_channel(router.port, "mixer")
    init = rib_grpc.RibStub(fresh).RouteInitialize(rib_pb.RouteInitializeRequest(), timeout=TIMEOUT)
    assert init.sub_code == rib_pb.ROUTE_API_VERSION_MISMATCH
    assert [r.key.dest_prefix.inet.addr_string for reply in old.rib_get() for r in reply.routes] == [
        "10.7.0.0",
        "10.8.0.0",
    ]
    fresh.close()
    channel.close()


def test_events_for_v1_writes(events: Recorder, v1: Callable[..., V1]) -> None:
    client = v1()
    client.rib.RouteAdd(
        routing_pb.RouteUpdateRequest(routes=[static("10.11.0.0", 16, 1, "192.0.2.1")]), timeout=TIMEOUT
    )
    client.bgp.BgpRouteAdd(
        routing_pb.BgpRouteUpdateRequest(bgp_routes=[path("10.12.0.0", 16, 1, "192.0.2.2")]), timeout=TIMEOUT
    )
    client.rib.RouteRemove(routing_pb.RouteRemoveRequest(keys=[remove_key("10.11.0.0", 16)]), timeout=TIMEOUT)
    topics = [n.topic for n in events.seen]
    assert topics == [
        "/junos/events/kernel/route/add/inet/10.11.0.0/16",
        "/junos/events/kernel/route/add/inet/10.12.0.0/16",
        "/junos/events/kernel/route/delete/inet/10.11.0.0/16",
    ]
    assert b'"type":"bgp-static"' in events.seen[1].payload and b'"nexthops":["192.0.2.2"]' in events.seen[1].payload


def test_execute_op_command(v1: Callable[..., V1]) -> None:
    client = v1()
    request = management_pb.ExecuteOpCommandRequest(
        request_id=77, cli_command="show interfaces terse", out_format=management_pb.OPERATION_FORMAT_CLI
    )
    replies = list(client.management.ExecuteOpCommand(request, timeout=TIMEOUT))
    assert [(r.request_id, r.status) for r in replies] == [(77, management_pb.SUCCESS)]
    assert "ge-0/0/0" in replies[0].data and "lo0" in replies[0].data
    unknown = management_pb.ExecuteOpCommandRequest(request_id=78, cli_command="show no-such-thing")
    [refused] = client.management.ExecuteOpCommand(unknown, timeout=TIMEOUT)
    assert (refused.request_id, refused.status) == (78, management_pb.NOK) and refused.message
    as_json = management_pb.ExecuteOpCommandRequest(request_id=79, json_command="{}")
    [encoding] = client.management.ExecuteOpCommand(as_json, timeout=TIMEOUT)
    assert encoding.status == management_pb.UNSUPPORTED_ENCODING


# ------------------------------------------------------------------ --api choice


@pytest.mark.parametrize("api", ["v1", "v2"])
def test_a_router_serving_one_generation_answers_the_other_unimplemented(api: str) -> None:
    fleet = Fleet([_router(api)], poll_interval=0.05)
    with fleet:
        port = fleet.routers[0].port
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            v1_login = login_grpc.LoginStub(channel).LoginCheck
            v2_login = auth_grpc.AuthenticationStub(channel).Login
            served, missing = (v1_login, v2_login) if api == "v1" else (v2_login, v1_login)
            request_v1 = login_pb.LoginRequest(user_name=USER, password=PASSWORD, client_id="x")
            request_v2 = auth_pb.LoginRequest(username=USER, password=PASSWORD, client_id="x")
            served(request_v1 if api == "v1" else request_v2, timeout=TIMEOUT)
            with pytest.raises(grpc.RpcError) as failure:
                missing(request_v2 if api == "v1" else request_v1, timeout=TIMEOUT)
            assert failure.value.code() == grpc.StatusCode.UNIMPLEMENTED


def test_emulator_command_api_option() -> None:
    env = {**os.environ, "EMULATOR_PASSWORD": PASSWORD}
    base = [sys.executable, "-m", "reconciler", "emulator", "--routers", "1", "--base-port", "0", "--insecure"]
    base += ["--username", USER, "--password-env", "EMULATOR_PASSWORD", "--no-mqtt"]
    wrong = subprocess.run([*base, "--api", "v3"], capture_output=True, text=True, timeout=60, env=env)
    assert wrong.returncode == 1 and "--api" in wrong.stderr and "v3" in wrong.stderr  # the CLI's usage error
    process = subprocess.Popen(
        [*base, "--api", "v2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("ready router1 ") and line.split()[-1] == "api=v2", line
        with grpc.insecure_channel(line.split()[2]) as channel:
            request = login_pb.LoginRequest(user_name=USER, password=PASSWORD, client_id="x")
            with pytest.raises(grpc.RpcError) as failure:
                login_grpc.LoginStub(channel).LoginCheck(request, timeout=TIMEOUT)
            assert failure.value.code() == grpc.StatusCode.UNIMPLEMENTED
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
