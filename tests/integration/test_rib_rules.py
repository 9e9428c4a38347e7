"""Every RIB rule of docs/jet-router-behaviour.md, over real gRPC on 127.0.0.1, with the exact sub_code."""

from __future__ import annotations

import pytest

from reconciler.emulator.fleet import Fleet
from reconciler.jet.errors import PermanentError, RetryableError
from reconciler.model import Gateway, RouteKey, StaticRoute
from reconciler.wire import codec
from reconciler.wire.pb import common_pb, rib_grpc, rib_pb
from tests.conftest import ClientFactory
from tests.helpers import v4_route, v6_route
from tests.integration.idl_wire import float_field, message_field, varint_field, with_fields


def raw_update(client: object, routes: list[StaticRoute], method: str = "RouteUpdate") -> rib_pb.RouteSetOperResponse:
    """Send exactly these entries in one request, bypassing the client's batching."""
    stub = rib_grpc.RibStub(client.channel)  # type: ignore[attr-defined]
    request = rib_pb.RouteUpdateRequest()
    for route in routes:
        codec.fill_rib_entry(request.routes.add(), route)
    reply: rib_pb.RouteSetOperResponse = getattr(stub, method)(request, timeout=10)
    return reply


def test_call_before_initialize_is_not_initialized(connect: ClientFactory) -> None:
    client = connect(initialize=False)
    reply = raw_update(client, [v4_route(1)])
    assert reply.status.code == common_pb.FAILURE
    assert reply.sub_code == rib_pb.NOT_INITIALIZED
    assert reply.operations_completed == 0


def test_initialize_twice_is_already_initialized(connect: ClientFactory) -> None:
    client = connect()
    with pytest.raises(PermanentError) as failure:
        client.rib_initialize()
    assert failure.value.code == "ALREADY_INITIALIZED"


@pytest.mark.parametrize("count", [0, 1001])
def test_batch_of_0_or_1001_routes_is_route_count_invalid(connect: ClientFactory, count: int) -> None:
    client = connect()
    reply = raw_update(client, [v4_route(i) for i in range(count)])
    assert reply.sub_code == rib_pb.ROUTE_COUNT_INVALID
    assert reply.operations_completed == 0
    assert list(client.rib_get("inet.0", "10.0.0.0/8")) == []


def test_batch_of_1000_routes_is_accepted(connect: ClientFactory) -> None:
    reply = raw_update(connect(), [v4_route(i) for i in range(1000)])
    assert reply.sub_code == rib_pb.SUCCESS
    assert reply.operations_completed == 1000


def test_invalid_third_entry_of_five_applies_two(connect: ClientFactory) -> None:
    client = connect()
    routes = [v4_route(i) for i in range(5)]
    routes[2] = StaticRoute(RouteKey("inet.0", "10.9.9.1/24", 7), routes[2].gateways, 5, 100)  # host bits
    reply = raw_update(client, routes)
    assert reply.status.code == common_pb.FAILURE
    assert reply.sub_code == rib_pb.PREFIX_INVALID
    assert reply.operations_completed == 2
    present = {r.key for r in client.rib_get("inet.0", "10.0.0.0/8")}
    assert present == {routes[0].key, routes[1].key}


def test_add_existing_is_route_exists(connect: ClientFactory) -> None:
    client = connect()
    assert raw_update(client, [v4_route(1)], "RouteAdd").sub_code == rib_pb.SUCCESS
    reply = raw_update(client, [v4_route(1)], "RouteAdd")
    assert reply.sub_code == rib_pb.ROUTE_EXISTS
    assert reply.operations_completed == 0


def test_modify_missing_is_route_not_found(connect: ClientFactory) -> None:
    reply = raw_update(connect(), [v4_route(1)], "RouteModify")
    assert reply.sub_code == rib_pb.ROUTE_NOT_FOUND


def test_modify_existing_replaces(connect: ClientFactory) -> None:
    client = connect()
    client.rib_add([v4_route(1)])
    changed = StaticRoute(v4_route(1).key, (Gateway("192.0.2.99"),), 7, 100)
    assert raw_update(client, [changed], "RouteModify").sub_code == rib_pb.SUCCESS
    [route] = client.rib_get("inet.0", "10.0.1.0/24")
    assert route.gateways == (Gateway("192.0.2.99"),)


def test_update_upserts(connect: ClientFactory) -> None:
    client = connect()
    first = StaticRoute(RouteKey("inet.0", "10.1.0.0/16", 9), (Gateway("192.0.2.1"),), 5, 100)
    assert raw_update(client, [first]).sub_code == rib_pb.SUCCESS  # adds
    second = StaticRoute(first.key, (Gateway("192.0.2.1"), Gateway("192.0.2.2")), 6, 100)
    assert raw_update(client, [second]).sub_code == rib_pb.SUCCESS  # replaces
    [route] = client.rib_get("inet.0", "10.1.0.0/16")
    assert route.gateways == second.gateways
    assert route.preference == 6


def test_65_gateways_is_nexthop_limit_exceed_and_64_is_fine(connect: ClientFactory) -> None:
    client = connect()
    assert raw_update(client, [v4_route(1, gateways=64)]).sub_code == rib_pb.SUCCESS
    reply = raw_update(client, [v4_route(2, gateways=65)])
    assert reply.sub_code == rib_pb.NEXTHOP_LIMIT_EXCEED


def test_route_without_next_hop_is_nexthop_invalid(connect: ClientFactory) -> None:
    reply = raw_update(connect(), [StaticRoute(RouteKey("inet.0", "10.1.0.0/16", 1), ())])
    assert reply.sub_code == rib_pb.NEXTHOP_INVALID


def test_host_bits_set_is_prefix_invalid(connect: ClientFactory) -> None:
    route = StaticRoute(RouteKey("inet.0", "10.1.2.3/16", 1), (Gateway("192.0.2.1"),), 5, 100)
    assert raw_update(connect(), [route]).sub_code == rib_pb.PREFIX_INVALID


def test_prefix_length_beyond_family_is_too_long(connect: ClientFactory) -> None:
    route = StaticRoute(RouteKey("inet.0", "10.1.2.0/33", 1), (Gateway("192.0.2.1"),), 5, 100)
    assert raw_update(connect(), [route]).sub_code == rib_pb.PREFIX_LEN_TOO_LONG


def test_unknown_table_is_table_invalid(connect: ClientFactory) -> None:
    assert raw_update(connect(), [v4_route(1, table="red.inet.0")]).sub_code == rib_pb.TABLE_INVALID


def test_configured_routing_instance_table_is_valid(connect: ClientFactory) -> None:
    client = connect()
    assert raw_update(client, [v4_route(1, table="blue.inet.0")]).sub_code == rib_pb.SUCCESS
    assert [r.key.table for r in client.rib_get("blue.inet.0")] == ["blue.inet.0"]


def test_v6_prefix_in_inet0_is_prefix_invalid(connect: ClientFactory) -> None:
    assert raw_update(connect(), [v6_route(1, table="inet.0")]).sub_code == rib_pb.PREFIX_INVALID


def test_bad_gateway_address_is_nexthop_address_invalid(connect: ClientFactory) -> None:
    client = connect()
    request = rib_pb.RouteUpdateRequest()
    entry = request.routes.add()
    codec.fill_rib_entry(entry, v4_route(1))
    entry.nexthop.gateways[0].gateway_address.inet.addr_string = "192.0.2.999"
    reply = rib_grpc.RibStub(client.channel).RouteUpdate(request, timeout=10)
    assert reply.sub_code == rib_pb.NEXTHOP_ADDRESS_INVALID


def test_delete_missing_is_route_not_found_after_completed_ones(connect: ClientFactory) -> None:
    client = connect()
    client.rib_update([v4_route(1), v4_route(2)])
    request = codec.rib_delete_request([v4_route(1).key, v4_route(3).key, v4_route(2).key])
    reply = rib_grpc.RibStub(client.channel).RouteDelete(request, timeout=10)
    assert reply.sub_code == rib_pb.ROUTE_NOT_FOUND
    assert reply.operations_completed == 1
    assert [r.key for r in client.rib_get("inet.0", "10.0.0.0/8")] == [v4_route(2).key]


def test_omitted_preferences_fall_back_to_initialize_defaults(connect: ClientFactory) -> None:
    client = connect(initialize=False)
    client.rib_initialize(default_preference=3, default_preference2=150)  # 3 is raised to 5
    bare = StaticRoute(RouteKey("inet.0", "10.7.0.0/16", 1), (Gateway("192.0.2.1"),))
    client.rib_update([bare])
    [route] = client.rib_get("inet.0", "10.7.0.0/16")
    assert (route.preference, route.preference2) == (5, 150)


def test_configured_routes_are_read_and_cannot_be_deleted(connect: ClientFactory) -> None:
    client = connect()
    routes = {r.key.prefix: r for r in client.rib_get("inet.0")}
    assert routes["192.0.2.0/24"].protocol.value == "direct"
    assert routes["192.0.2.1/32"].protocol.value == "local"
    assert routes["0.0.0.0/0"].protocol.value == "static"
    request = codec.rib_delete_request([RouteKey("inet.0", "0.0.0.0/0", 0)])
    reply = rib_grpc.RibStub(client.channel).RouteDelete(request, timeout=10)
    assert reply.sub_code == rib_pb.ROUTE_NOT_FOUND
    assert "0.0.0.0/0" in {r.key.prefix for r in client.rib_get("inet.0")}


def test_route_get_match_types_and_route_count(connect: ClientFactory) -> None:
    client = connect()
    client.rib_update([v4_route(i) for i in range(30)])
    exact = list(client.rib_get("inet.0", "10.0.5.0/24", match_type=rib_pb.EXACT))
    assert [r.key.prefix for r in exact] == ["10.0.5.0/24"]
    best = list(client.rib_get("inet.0", "10.0.5.77/32", match_type=rib_pb.BEST))
    assert [r.key.prefix for r in best] == ["10.0.5.0/24"]
    stub = rib_grpc.RibStub(client.channel)
    request = rib_pb.RouteGetRequest(match_type=rib_pb.EXACT_OR_LONGER, route_count=7)
    codec.fill_rib_match(request.key, RouteKey("inet.0", "10.0.0.0/8", 0))
    sizes = [len(reply.routes) for reply in stub.RouteGet(request, timeout=10)]
    assert sizes == [7, 7, 7, 7, 2]
    request.route_count = 1001
    [refused] = list(stub.RouteGet(request, timeout=10))
    assert refused.sub_code == rib_pb.ROUTE_COUNT_INVALID


def test_route_get_before_initialize_and_nothing_found(connect: ClientFactory) -> None:
    client = connect(initialize=False)
    stub = rib_grpc.RibStub(client.channel)
    request = rib_pb.RouteGetRequest(match_type=rib_pb.EXACT_OR_LONGER)
    codec.fill_rib_match(request.key, RouteKey("inet.0", "10.0.0.0/8", 0))
    assert [r.sub_code for r in stub.RouteGet(request, timeout=10)] == [rib_pb.NOT_INITIALIZED]
    client.rib_initialize()
    assert [r.sub_code for r in stub.RouteGet(request, timeout=10)] == [rib_pb.ROUTE_NOT_FOUND]
    assert list(client.rib_get("inet.0", "10.0.0.0/8")) == []


def test_active_only_returns_the_lowest_preference_per_prefix(connect: ClientFactory) -> None:
    client = connect()
    api = StaticRoute(RouteKey("inet.0", "0.0.0.0/0", 5), (Gateway("192.0.2.7"),), 7, 100)
    client.rib_update([api])  # the configured default route has preference 5
    both = list(client.rib_get("inet.0", "0.0.0.0/0", match_type=rib_pb.EXACT))
    assert sorted(r.preference or 0 for r in both) == [5, 7]
    active = list(client.rib_get("inet.0", "0.0.0.0/0", match_type=rib_pb.EXACT, active_only=True))
    assert [(r.key.cookie, r.preference) for r in active] == [(0, 5)]


def test_too_many_concurrent_reads_is_try_again(connect: ClientFactory, fleet: Fleet) -> None:
    client = connect()
    state = fleet.routers[0].state
    with state.lock:
        state.active_gets = 1000  # as if 1000 walks were streaming
    with pytest.raises(RetryableError) as failure:
        list(client.rib_get("inet.0"))
    assert failure.value.code == "TRY_AGAIN"
    with state.lock:
        state.active_gets = 0
    assert list(client.rib_get("inet.0"))


def _preference(client: object, prefix: str) -> int | None:
    [route] = client.rib_get("inet.0", prefix)  # type: ignore[attr-defined]
    preference: int | None = route.preference
    return preference


def test_a_preference_below_5_is_raised_to_5_on_every_write(connect: ClientFactory) -> None:
    client = connect()
    low = StaticRoute(RouteKey("inet.0", "10.8.0.0/16", 1), (Gateway("192.0.2.1"),), 2, 100)
    assert raw_update(client, [low], "RouteAdd").sub_code == rib_pb.SUCCESS
    assert _preference(client, "10.8.0.0/16") == 5
    zero = StaticRoute(low.key, low.gateways, 0, 100)  # sent: a preference of 0 is present on the wire
    assert raw_update(client, [zero], "RouteModify").sub_code == rib_pb.SUCCESS
    assert _preference(client, "10.8.0.0/16") == 5
    assert raw_update(client, [StaticRoute(low.key, low.gateways, 4, 100)]).sub_code == rib_pb.SUCCESS
    assert _preference(client, "10.8.0.0/16") == 5
    assert raw_update(client, [StaticRoute(low.key, low.gateways, 5, 100)]).sub_code == rib_pb.SUCCESS
    assert _preference(client, "10.8.0.0/16") == 5
    assert raw_update(client, [StaticRoute(low.key, low.gateways, 7, 100)]).sub_code == rib_pb.SUCCESS
    assert _preference(client, "10.8.0.0/16") == 7


# A LabelStack of one entry {opcode PUSH (2), label_entry {label 100}}, as the IDL encodes it.
_PUSH_100 = message_field(1, varint_field(1, 2) + message_field(2, varint_field(1, 100)))
_TWO_HOPS = (Gateway("192.0.2.1"), Gateway("192.0.2.2"))


def _gateway_request(gateways: tuple[Gateway, ...], extra: dict[int, bytes]) -> rib_pb.RouteUpdateRequest:
    """A valid route first, then one whose gateway i gets the encoded IDL fields extra[i]."""
    request = rib_pb.RouteUpdateRequest()
    codec.fill_rib_entry(request.routes.add(), v4_route(1))
    entry = request.routes.add()
    codec.fill_rib_entry(entry, StaticRoute(RouteKey("inet.0", "10.9.0.0/16", 1), gateways, 5, 100))
    for index, fields in extra.items():
        with_fields(entry.nexthop.gateways[index], fields)
    return request


@pytest.mark.parametrize(
    ("gateways", "extra", "code"),
    [
        (_TWO_HOPS, {0: float_field(6, 10.0)}, rib_pb.BANDWIDTH_USAGE_INVALID),  # bandwidth on one of two
        (_TWO_HOPS, {0: float_field(6, 10.0), 1: float_field(6, -1.0)}, rib_pb.BANDWIDTH_USAGE_INVALID),
        (_TWO_HOPS, {0: float_field(6, 10.0), 1: float_field(6, 30.0)}, rib_pb.SUCCESS),  # on all of them
        ((Gateway("192.0.2.1", weight=70000),), {}, rib_pb.GATEWAY_INVALID),
        ((Gateway("192.0.2.1", weight=65535),), {}, rib_pb.SUCCESS),
        ((Gateway(interface="ge-0/0/99.0"),), {}, rib_pb.INTERFACE_INVALID),
        ((Gateway("192.0.2.1", interface="ge-0/0/1.7"),), {}, rib_pb.INTERFACE_INVALID),  # no such unit
        ((Gateway("192.0.2.1", interface="ge-0/0/1.0"),), {}, rib_pb.SUCCESS),
        ((Gateway("192.0.2.1"),), {0: message_field(4, _PUSH_100)}, rib_pb.MPLS_LABEL_INVALID),  # inet.0
    ],
    ids=[
        "bandwidth-on-some",
        "bandwidth-negative",
        "bandwidth-on-all",
        "weight-70000",
        "weight-65535",
        "unknown-interface",
        "unknown-unit",
        "known-interface",
        "label-stack-in-inet0",
    ],
)
def test_gateway_rules(
    connect: ClientFactory, gateways: tuple[Gateway, ...], extra: dict[int, bytes], code: int
) -> None:
    client = connect()
    reply = rib_grpc.RibStub(client.channel).RouteUpdate(_gateway_request(gateways, extra), timeout=10)
    assert rib_pb.StatusCode.Name(reply.sub_code) == rib_pb.StatusCode.Name(code)
    assert reply.operations_completed == (2 if code == rib_pb.SUCCESS else 1)  # the valid first route went in
    stored = [r.key.prefix for r in client.rib_get("inet.0", "10.9.0.0/16")]
    assert stored == (["10.9.0.0/16"] if code == rib_pb.SUCCESS else [])


def test_an_interface_removed_from_the_router_is_refused_on_the_next_write(
    connect: ClientFactory, fleet: Fleet
) -> None:
    client = connect()
    route = StaticRoute(RouteKey("inet.0", "10.9.0.0/16", 1), (Gateway(interface="ge-0/0/3.0"),), 5, 100)
    assert raw_update(client, [route]).sub_code == rib_pb.SUCCESS
    state = fleet.routers[0].state
    with state.lock:
        state.interfaces.remove("ge-0/0/3")
    assert raw_update(client, [route]).sub_code == rib_pb.INTERFACE_INVALID  # same next hops, checked again
