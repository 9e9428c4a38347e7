"""BGP static route rules: paths by cookie, one next hop each, BGP sub-codes."""

from __future__ import annotations

import pytest

from reconciler.jet.errors import PermanentError
from reconciler.model import BgpPath, RouteKey
from reconciler.wire import codec
from reconciler.wire.pb import base_types_pb, bgp_grpc, bgp_pb
from tests.conftest import ClientFactory
from tests.helpers import bgp_path
from tests.integration.idl_wire import message_field, varint_field, with_fields

Oper = bgp_pb.RouteOperResponse
# A LabelStack of one entry {opcode PUSH (2), label_entry {label 100}}, as the IDL encodes it.
PUSH_100 = message_field(1, varint_field(1, 2) + message_field(2, varint_field(1, 100)))


def raw(client: object, paths: list[BgpPath], method: str = "RouteUpdate") -> bgp_pb.RouteOperResponse:
    stub = bgp_grpc.BgpStub(client.channel)  # type: ignore[attr-defined]
    reply: bgp_pb.RouteOperResponse = getattr(stub, method)(codec.bgp_update_request(paths), timeout=10)
    return reply


def test_paths_of_one_prefix_are_told_apart_by_cookie(connect: ClientFactory) -> None:
    client = connect()
    paths = [bgp_path("10.123.0.0/24", c, f"10.0.0.{c}") for c in (1, 2)]
    client.bgp_add(paths)
    read = list(client.bgp_get("inet.0", "10.123.0.0/24", or_longer=False))
    assert read == paths
    client.bgp_delete([paths[0].key])
    assert list(client.bgp_get("inet.0")) == [paths[1]]


def test_bgp_attributes_round_trip(connect: ClientFactory) -> None:
    client = connect()
    path = BgpPath(
        RouteKey("inet6.0", "2001:db8:77::/48", 3),
        "2001:db8::7",
        route_preference=170,
        local_preference=300,
        med=20,
        as_path="65001 65002",
        communities=("65000:100", "no-export"),
    )
    client.bgp_update([path])
    assert list(client.bgp_get("inet6.0")) == [path]


def test_before_initialize_is_not_initialized(connect: ClientFactory) -> None:
    client = connect(initialize=False)
    assert raw(client, [bgp_path("10.1.0.0/16", 1, "10.0.0.1")]).sub_code == Oper.NOT_INITIALIZED
    client.bgp_initialize()
    with pytest.raises(PermanentError) as failure:
        client.bgp_initialize()
    assert failure.value.code == "ALREADY_INITIALIZED"


def test_batch_size_codes(connect: ClientFactory) -> None:
    client = connect()
    assert raw(client, []).sub_code == Oper.NO_OP
    many = [bgp_path(f"10.{i >> 8}.{i & 255}.0/24", 1, "10.0.0.1") for i in range(1001)]
    assert raw(client, many).sub_code == Oper.TOO_MANY_OPS
    assert raw(client, many[:1000]).operations_completed == 1000


def test_add_existing_and_modify_missing(connect: ClientFactory) -> None:
    client = connect()
    path = bgp_path("10.1.0.0/16", 1, "10.0.0.1")
    assert raw(client, [path], "RouteAdd").sub_code == Oper.SUCCESS
    assert raw(client, [path], "RouteAdd").sub_code == Oper.ROUTE_EXISTS == 17
    missing = bgp_path("10.2.0.0/16", 1, "10.0.0.1")
    assert raw(client, [missing], "RouteModify").sub_code == Oper.ROUTE_NOT_FOUND == 18


def test_two_next_hops_in_one_path_is_refused(connect: ClientFactory) -> None:
    client = connect()
    request = codec.bgp_update_request([bgp_path("10.1.0.0/16", 1, "10.0.0.1")])
    request.routes[0].protocol_nexthops.add().addr_string = "10.0.0.2"
    reply = bgp_grpc.BgpStub(client.channel).RouteUpdate(request, timeout=10)
    assert reply.sub_code == Oper.NEXTHOP_ECMP_LIMIT
    request.routes[0].ClearField("protocol_nexthops")
    reply = bgp_grpc.BgpStub(client.channel).RouteUpdate(request, timeout=10)
    assert reply.sub_code == Oper.NEXTHOP_INVALID


def test_invalid_input_codes_and_in_order_stop(connect: ClientFactory) -> None:
    client = connect()
    good = [bgp_path(f"10.{i}.0.0/16", 1, "10.0.0.1") for i in range(5)]
    request = codec.bgp_update_request(good)
    request.routes[2].key.protocol = base_types_pb.PROTO_STATIC
    reply = bgp_grpc.BgpStub(client.channel).RouteUpdate(request, timeout=10)
    assert (reply.sub_code, reply.operations_completed) == (Oper.PROTOCOL_INVALID, 2)
    cases = {
        Oper.PREFIX_INVALID: bgp_path("10.1.2.3/16", 1, "10.0.0.1"),
        Oper.TABLE_INVALID: bgp_path("10.1.0.0/16", 1, "10.0.0.1", table="red.inet.0"),
        Oper.NEXTHOP_ADDRESS_INVALID: bgp_path("10.1.0.0/16", 1, "10.0.0.300"),
        Oper.COMMUNITY_LIST_INVALID: BgpPath(RouteKey("inet.0", "10.1.0.0/16", 1), "10.0.0.1", communities=("x",)),
        Oper.ASPATH_INVALID: BgpPath(RouteKey("inet.0", "10.1.0.0/16", 1), "10.0.0.1", as_path="65001 abc"),
    }
    for code, path in cases.items():
        assert raw(client, [path]).sub_code == code, Oper.StatusCode.Name(code)


def test_delete_or_longer_and_get_codes(connect: ClientFactory) -> None:
    client = connect()
    client.bgp_update([bgp_path(f"10.5.{i}.0/24", c, "10.0.0.1") for i in range(3) for c in (1, 2)])
    request = bgp_pb.RouteDeleteRequest(or_longer=True)
    codec.fill_bgp_match(request.routes.add(), RouteKey("inet.0", "10.5.0.0/16", 0))
    reply = bgp_grpc.BgpStub(client.channel).RouteDelete(request, timeout=10)
    assert reply.sub_code == Oper.SUCCESS
    assert list(client.bgp_get("inet.0")) == []
    reply = bgp_grpc.BgpStub(client.channel).RouteDelete(request, timeout=10)
    assert reply.sub_code == Oper.ROUTE_NOT_FOUND
    get = bgp_pb.RouteGetRequest(or_longer=True, route_count=1001)
    codec.fill_bgp_match(get.route, RouteKey("inet.0", "0.0.0.0/0", 0))
    [refused] = bgp_grpc.BgpStub(client.channel).RouteGet(get, timeout=10)
    assert refused.sub_code == bgp_pb.RouteGetResponse.ROUTE_COUNT_INVALID


def _delete(client: object, key: RouteKey, *, or_longer: bool = False) -> bgp_pb.RouteOperResponse:
    request = bgp_pb.RouteDeleteRequest(or_longer=or_longer)
    codec.fill_bgp_match(request.routes.add(), key)
    reply: bgp_pb.RouteOperResponse = bgp_grpc.BgpStub(client.channel).RouteDelete(request, timeout=10)  # type: ignore[attr-defined]
    return reply


def test_delete_with_cookie_0_removes_every_path_of_the_prefix_the_caller_owns(connect: ClientFactory) -> None:
    mine, theirs = connect(), connect(client_id="someone-else")
    kept = bgp_path("10.124.0.0/24", 1, "10.0.0.1")
    mine.bgp_add([bgp_path("10.123.0.0/24", c, f"10.0.0.{c}") for c in (1, 2)] + [kept])
    foreign = bgp_path("10.123.0.0/24", 3, "10.0.0.3")
    theirs.bgp_add([foreign])
    reply = _delete(mine, RouteKey("inet.0", "10.123.0.0/24", 0))
    assert (reply.sub_code, reply.operations_completed) == (Oper.SUCCESS, 1)
    assert list(mine.bgp_get("inet.0")) == [foreign, kept]  # another client's path is not the caller's
    assert _delete(mine, RouteKey("inet.0", "10.123.0.0/24", 0)).sub_code == Oper.ROUTE_NOT_FOUND


def test_or_longer_delete_evaluates_a_non_zero_cookie(connect: ClientFactory) -> None:
    client = connect()
    client.bgp_update([bgp_path(f"10.5.{i}.0/24", c, "10.0.0.1") for i in range(3) for c in (1, 2)])
    reply = _delete(client, RouteKey("inet.0", "10.5.0.0/16", 2), or_longer=True)
    assert (reply.sub_code, reply.operations_completed) == (Oper.SUCCESS, 1)
    assert [p.key.cookie for p in client.bgp_get("inet.0")] == [1, 1, 1]
    assert _delete(client, RouteKey("inet.0", "10.5.0.0/16", 2), or_longer=True).sub_code == Oper.ROUTE_NOT_FOUND


@pytest.mark.parametrize(
    ("table", "prefix", "next_hop", "label_field"),
    [
        ("inet.0", "10.9.0.0/16", "10.0.0.1", varint_field(6, 100)),  # label
        ("inet6.0", "2001:db8:9::/48", "2001:db8::1", message_field(7, PUSH_100)),  # labels
    ],
    ids=["label", "labels"],
)
def test_label_on_an_ip_unicast_path_is_label_info_invalid(
    connect: ClientFactory, table: str, prefix: str, next_hop: str, label_field: bytes
) -> None:
    client = connect()
    request = codec.bgp_update_request([bgp_path(prefix, 1, next_hop, table=table)])
    with_fields(request.routes[0], label_field)
    reply = bgp_grpc.BgpStub(client.channel).RouteUpdate(request, timeout=10)
    assert (reply.sub_code, reply.operations_completed) == (Oper.LABEL_INFO_INVALID, 0)
    assert list(client.bgp_get(table)) == []
