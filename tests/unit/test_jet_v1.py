"""The JET v1 driver without a router: its codec against the v1 wire numbers, and how v1
status codes (a bare enum, numbered differently from v2) become the router port's errors.

Service calls go to fake stubs standing in for the generated ones (the channel they were
built on is never used), so the real batching, stream and status code paths run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import grpc
import pytest

from reconciler.jet.errors import AuthenticationError, PermanentError, RetryableError, SessionLostError
from reconciler.jet.v1 import codec
from reconciler.jet.v1.client import V1Client
from reconciler.jet.v1.driver import NO_FIREWALL, JetRouterV1
from reconciler.jet.v1.transport import BGP_RETRYABLE, RIB_RETRYABLE, refusal
from reconciler.model.filters import Binding, Direction, FirewallFilter, Term, TermAction, Terminating
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, Gateway, PeerType, RouteKey, RouteProtocol, StaticRoute
from reconciler.port.errors import ConfigError, Reason, Refused, Retryable, SessionLost
from reconciler.port.session import SessionInfo
from reconciler.wire.pb_v1 import jnx_base_pb, management_pb, routing_pb

v1: Any = routing_pb  # replies built with the v1 numbers themselves

ROUTES = [
    StaticRoute(RouteKey("inet.0", "10.1.0.0/16", 7), (Gateway("192.0.2.1"), Gateway("192.0.2.2", weight=3)), 5, 100,
                42),
    StaticRoute(RouteKey("inet6.0", "2001:db8:1::/48", 8), (Gateway("2001:db8::1", interface="ge-0/0/0.0"),), 7),
    StaticRoute(RouteKey("blue.inet.0", "10.2.0.0/16", 9), (Gateway(interface="ge-0/0/1.0"),)),
]  # fmt: skip
PATHS = [
    BgpPath(RouteKey("inet.0", "10.123.0.0/24", 2), "10.0.0.2", 170, 200, 5, "65001 65002", ("65000:1", "no-export")),
    BgpPath(RouteKey("blue.inet6.0", "2001:db8:5::/48", 3), "2001:db8::5", peer_type=PeerType.EXTERNAL),
]


def _varint_field(number: int, value: int) -> bytes:
    assert value < 128
    return bytes([number << 3, value])


# -------------------------------------------------------------------- codec


def test_static_routes_round_trip_through_v1_messages() -> None:
    request = codec.rib_encoder().request(ROUTES)
    wire = routing_pb.RouteUpdateRequest.FromString(request.SerializeToString())
    assert [codec.rib_decoder().route(e) for e in wire.routes] == [
        replace(r, protocol=RouteProtocol.OTHER) for r in ROUTES
    ]  # writes leave the protocol to the router
    slow = routing_pb.RouteUpdateRequest()
    for route in ROUTES:
        codec.fill_rib_entry(slow.routes.add(), route)
    assert request == slow  # the template encoder writes what field-by-field encoding writes


def test_a_gateway_weight_travels_in_field_7_as_v1_says() -> None:
    entry = codec.rib_encoder().request(ROUTES[:1]).routes[0]
    weighted = entry.nexthop.gateways[1].SerializeToString()
    assert _varint_field(7, 3) in weighted and _varint_field(5, 3) not in weighted  # v2 has it in field 5


def test_bgp_paths_round_trip_as_flat_v1_entries_of_protocol_2() -> None:
    request = codec.bgp_update_request(PATHS)
    wire = routing_pb.BgpRouteUpdateRequest.FromString(request.SerializeToString())
    assert [codec.bgp_path_from_pb(e) for e in wire.bgp_routes] == PATHS
    first = wire.bgp_routes[0]
    assert (first.protocol, first.path_cookie, first.table.rtt_name.name) == (2, 2, "inet.0")  # 27 in v2
    assert _varint_field(4, 2) in first.SerializeToString()
    assert [c.community_string for c in first.communities.com_list] == ["65000:1", "no-export"]


def test_removals_and_reads_name_the_key_the_v1_way() -> None:
    removal = codec.bgp_remove_request([PATHS[0].key]).bgp_routes[0]
    assert (removal.dest_prefix.inet.addr_string, removal.dest_prefix_len, removal.path_cookie) == ("10.123.0.0", 24, 2)
    assert removal.protocol == routing_pb.PROTO_BGP_STATIC
    rib = codec.rib_remove_request([ROUTES[1].key]).keys[0]
    assert codec.rib_key_from_pb(rib) == ROUTES[1].key
    get = codec.rib_get_request("blue.inet6.0", None, 500)
    assert (get.key.dest_prefix.inet6.addr_string, get.key.dest_prefix_len) == ("::", 0)
    assert (get.match_type, get.route_count, get.key.table.rtt_name.name) == (routing_pb.EXACT_OR_LONGER, 500,
                                                                              "blue.inet6.0")  # fmt: skip
    bgp = codec.bgp_get_request("inet.0", "10.0.0.0/8", 1000)
    assert (bgp.or_longer, bgp.bgp_route.dest_prefix.inet.addr_string, bgp.bgp_route.dest_prefix_len) == (
        True, "10.0.0.0", 8)  # fmt: skip


def test_a_router_answering_in_bytes_and_other_protocols_is_read() -> None:
    entry = routing_pb.RouteEntry(protocol=routing_pb.DIRECT)
    entry.key.dest_prefix.inet6.addr_bytes = bytes.fromhex("20010db8000000000000000000000000")
    entry.key.dest_prefix_len = 32
    entry.key.table.rtt_name.name = "inet6.0"
    entry.nexthop.gateways.add().gateway_address.inet6.addr_string = "2001:DB8::A"
    route = codec.rib_decoder().route(entry)
    assert (route.key, route.gateways, route.protocol) == (
        RouteKey("inet6.0", "2001:db8::/32", 0), (Gateway("2001:db8::a"),), RouteProtocol.DIRECT)  # fmt: skip
    assert codec.read_ip(jnx_base_pb.IpAddress(addr_bytes=bytes([192, 0, 2, 7]))) == "192.0.2.7"
    entry.protocol = routing_pb.STATIC
    assert codec.rib_decoder().route(entry).protocol is RouteProtocol.STATIC


# ------------------------------------------------------------- status codes


RIB_CODE = routing_pb.RouteOperStatus.Name
BGP_CODE = routing_pb.BgpRouteOperReply.BgpRouteOperStatus.Name


@pytest.mark.parametrize(
    ("name", "retryable", "kind"),
    [
        (RIB_CODE(0), RIB_RETRYABLE, None),
        (RIB_CODE(14), RIB_RETRYABLE, PermanentError),  # ROUTE_EXISTS: 14 in the v1 RIB
        (RIB_CODE(19), RIB_RETRYABLE, RetryableError),  # TRY_AGAIN
        (RIB_CODE(2), RIB_RETRYABLE, SessionLostError),  # NOT_INITIALIZED
        (BGP_CODE(22), BGP_RETRYABLE, RetryableError),  # BGP_NOT_READY
        (BGP_CODE(23), BGP_RETRYABLE, RetryableError),  # TRY_AGAIN: v1 only
        (BGP_CODE(17), BGP_RETRYABLE, PermanentError),  # ROUTE_EXISTS
        ("SUCCESS_STATE_REBOUND", BGP_RETRYABLE, None),
        ("RET_SUCCESS", frozenset(), None),
        ("RET_INVALID_PARAMS", frozenset(), PermanentError),
    ],
)
def test_v1_status_names_are_sorted_into_the_error_kinds(
    name: str, retryable: frozenset[str], kind: type[Exception] | None
) -> None:
    error = refusal("r1", "op", name, retryable)
    assert type(error) is kind if kind else error is None


def test_the_v1_tables_decide_the_names_never_the_v2_numbers() -> None:
    assert (RIB_CODE(14), RIB_CODE(15)) == ("ROUTE_EXISTS", "ROUTE_NOT_FOUND")
    assert RIB_CODE(33) == "ROUTE_API_VERSION_MISMATCH"
    assert (BGP_CODE(17), BGP_CODE(18), BGP_CODE(23)) == ("ROUTE_EXISTS", "ROUTE_NOT_FOUND", "TRY_AGAIN")
    assert routing_pb.BgpRouteGetReply.BgpRouteGetStatus.Name(8) == "ROUTE_NOT_FOUND"


# ------------------------------------------------ calls through fake stubs


class _Future:
    def __init__(self, reply: Any) -> None:
        self.reply = reply

    def result(self) -> Any:
        return self.reply


class Unary:
    """A unary method: answers each request with `answer(request)`; records what it got."""

    def __init__(self, answer: Callable[[Any], Any]) -> None:
        self.answer = answer
        self.requests: list[Any] = []

    def __call__(self, request: Any, timeout: float | None = None) -> Any:
        self.requests.append(request)
        return self.answer(request)

    def future(self, request: Any, timeout: float | None = None) -> _Future:
        return _Future(self(request))


class Streaming:
    def __init__(self, replies: list[Any]) -> None:
        self.replies = replies

    def __call__(self, request: Any, timeout: float | None = None) -> Iterator[Any]:
        return iter(self.replies)


class Stubs:
    def __init__(self, **methods: Any) -> None:
        self.__dict__.update(methods)


def use(client: V1Client, stub: str, **methods: Any) -> None:
    """Replace one of the client's generated stubs by fake methods."""
    setattr(client, stub, Stubs(**methods))


@pytest.fixture
def client() -> Iterator[V1Client]:
    channel = grpc.insecure_channel("127.0.0.1:9")  # never used: every stub is replaced
    made = V1Client("r1", channel)
    yield made
    made.close()


def _session(client: V1Client) -> JetRouterV1:
    return JetRouterV1(client, SessionInfo())


def test_a_write_stopped_by_route_exists_reports_what_was_applied(client: V1Client) -> None:
    def answer(request: routing_pb.RouteUpdateRequest) -> Any:
        return v1.RouteOperReply(status=14, operations_completed=1)  # v1 RIB 14: ROUTE_EXISTS

    use(client, "_rib", RouteUpdate=Unary(answer))
    with pytest.raises(Refused) as failure:
        _session(client).write_static(ROUTES)
    error = failure.value
    assert (error.reason, error.applied, error.subject) == (Reason.INVALID, (range(0, 1),), f"route {ROUTES[1].key}")
    assert "ROUTE_EXISTS" in str(error)


def test_a_bgp_write_answered_try_again_is_retryable(client: V1Client) -> None:
    use(client, "_bgp", BgpRouteUpdate=Unary(lambda r: v1.BgpRouteOperReply(status=23)))
    with pytest.raises(Retryable) as failure:
        _session(client).write_bgp(PATHS)
    assert failure.value.applied == () and "TRY_AGAIN" in str(failure.value)


def test_writes_go_in_batches_of_1000(client: V1Client) -> None:
    method = Unary(lambda r: v1.BgpRouteOperReply(status=0, operations_completed=len(r.bgp_routes)))
    use(client, "_bgp", BgpRouteUpdate=method)
    paths = [replace(PATHS[0], key=RouteKey("inet.0", f"10.{i // 256}.{i % 256}.0/24", 1)) for i in range(2500)]
    _session(client).write_bgp(paths)
    assert [len(r.bgp_routes) for r in method.requests] == [1000, 1000, 500]


@pytest.mark.parametrize(("kind", "not_found"), [("static", 15), ("bgp", 18)])
def test_a_delete_goes_on_past_routes_that_are_gone(client: V1Client, kind: str, not_found: int) -> None:
    """ROUTE_NOT_FOUND (v1 RIB 15, v1 BGP 18) stops a batch: that route is gone already (the
    goal), so the rest is sent again. (In v1's RIB, 18 is NOT_READY; in v2's RIB, 15 is another code.)"""
    static = kind == "static"
    keys = [r.key for r in ROUTES] if static else [p.key for p in PATHS] + [ROUTES[0].key]
    gone = keys[1]

    def answer(request: Any) -> Any:
        sent = [codec.rib_key_from_pb(k) for k in request.keys] if static else [
            codec.bgp_key_from_pb(m) for m in request.bgp_routes]  # fmt: skip
        reply = v1.RouteOperReply if static else v1.BgpRouteOperReply
        if gone in sent:
            return reply(status=not_found, operations_completed=sent.index(gone))
        return reply(operations_completed=len(sent))

    method = Unary(answer)
    use(client, "_rib" if static else "_bgp", **{"RouteRemove" if static else "BgpRouteRemove": method})
    session = _session(client)
    (session.delete_static if static else session.delete_bgp)(keys)
    sent = [[codec.rib_key_from_pb(k) for k in r.keys] if static else [codec.bgp_key_from_pb(m) for m in r.bgp_routes]
            for r in method.requests]  # fmt: skip
    assert sent == [keys, keys[2:]]


def test_a_delete_refused_for_another_reason_is_not_taken_as_done(client: V1Client) -> None:
    use(client, "_rib", RouteRemove=Unary(lambda r: v1.RouteOperReply(status=5, operations_completed=1)))
    with pytest.raises(Refused) as failure:
        _session(client).delete_static([r.key for r in ROUTES])
    assert (failure.value.reason, failure.value.applied) == (Reason.NO_TABLE, (range(0, 1),))  # 5: TABLE_INVALID


def test_a_client_id_that_used_the_other_generation_is_told_so(client: V1Client) -> None:
    use(client, "_rib", RouteUpdate=Unary(lambda r: v1.RouteOperReply(status=33)))
    with pytest.raises(Refused) as failure:
        _session(client).write_static(ROUTES[:1])
    assert failure.value.reason is Reason.INVALID
    assert "ROUTE_API_VERSION_MISMATCH: this client id holds RIB routes programmed through the other JET API " in str(
        failure.value
    )


def test_reads_stream_until_the_final_empty_reply(client: V1Client) -> None:
    first = v1.BgpRouteGetReply(bgp_routes=codec.bgp_update_request(PATHS[:1]).bgp_routes)
    use(client, "_bgp", BgpRouteGet=Streaming([first, v1.BgpRouteGetReply()]))
    assert list(_session(client).read_bgp("inet.0")) == PATHS[:1]
    use(client, "_bgp", BgpRouteGet=Streaming([v1.BgpRouteGetReply(status=8)]))  # ROUTE_NOT_FOUND: none
    assert list(_session(client).read_bgp("inet.0", "10.9.0.0/16")) == []
    use(client, "_bgp", BgpRouteGet=Streaming([v1.BgpRouteGetReply(status=3)]))  # TABLE_INVALID
    with pytest.raises(Refused) as failure:
        list(_session(client).read_bgp("red.inet.0"))
    assert failure.value.reason is Reason.NO_TABLE
    rib = v1.RouteGetReply(routes=codec.rib_encoder().request(ROUTES[:1]).routes)
    use(client, "_rib", RouteGet=Streaming([rib, v1.RouteGetReply()]))
    assert [r.key for r in _session(client).read_static("inet.0")] == [ROUTES[0].key]


def test_a_refused_login_check_is_a_refused_login(client: V1Client) -> None:
    from reconciler.wire.pb_v1 import auth_pb

    check = Unary(lambda r: auth_pb.LoginReply(result=False))
    use(client, "_login", LoginCheck=check)
    with pytest.raises(AuthenticationError) as failure:
        client.login("lab", "secret-words-1", "me")
    assert "secret-words-1" not in str(failure.value)
    assert (check.requests[0].user_name, check.requests[0].client_id) == ("lab", "me")
    use(client, "_login", LoginCheck=Unary(lambda r: auth_pb.LoginReply(result=True)))
    client.login("lab", "secret-words-1", "me")


def test_liveness_is_a_second_bgp_initialize(client: V1Client) -> None:
    status = routing_pb.BgpRouteInitializeReply.BgpRouteInitializeStatus
    use(client, "_bgp", BgpRouteInitialize=Unary(lambda r: v1.BgpRouteInitializeReply(
        status=status.Value("ALREADY_INITIALIZED"))))  # fmt: skip
    _session(client).check_alive()
    use(client, "_bgp", BgpRouteInitialize=Unary(lambda r: v1.BgpRouteInitializeReply(status=0)))
    with pytest.raises(SessionLost):  # initialized afresh: the routing daemon had forgotten us
        _session(client).check_alive()


def test_purge_time_and_interfaces(client: V1Client) -> None:
    configured = Unary(lambda r: v1.RtOperReply(ret_code=routing_pb.RET_SUCCESS))
    use(client, "_base", RoutePurgeTimeConfig=configured,
                         RoutePurgeTimeGet=Unary(lambda r: v1.RtPurgeTimeGetReply(time=300)))  # fmt: skip
    client.set_purge_timer(300)
    assert (configured.requests[0].time, client.get_purge_timer()) == (300, 300)
    use(client, "_base", RoutePurgeTimeConfig=Unary(lambda r: v1.RtOperReply(ret_code=3)))
    with pytest.raises(PermanentError, match="RET_INVALID_PARAMS"):
        client.set_purge_timer(5000)
    document = {"interface-information": [{"physical-interface": [{
        "name": [{"data": "ge-0/0/0"}], "admin-status": [{"data": "up"}], "oper-status": [{"data": "down"}],
        "logical-interface": [{"name": [{"data": "ge-0/0/0.0"}], "admin-status": [{"data": "up"}],
                               "oper-status": [{"data": "up"}],
                               "address-family": [{"address-family-name": [{"data": "inet"}]}]}]}]}]}  # fmt: skip
    text = json.dumps(document)
    chunks = [management_pb.ExecuteOpCommandResponse(request_id=1, data=text[:40]),
              management_pb.ExecuteOpCommandResponse(request_id=1, data=text[40:])]  # fmt: skip
    use(client, "_management", ExecuteOpCommand=Streaming(chunks))
    found = _session(client).interfaces()
    assert [(i.name, i.admin_up, i.oper_up, i.families) for i in found] == [
        ("ge-0/0/0", True, False, ()), ("ge-0/0/0.0", True, True, ("inet",))]  # fmt: skip
    use(client, "_management", ExecuteOpCommand=Streaming([management_pb.ExecuteOpCommandResponse(
        status=management_pb.INVALID_PATH, message="syntax error")]))  # fmt: skip
    with pytest.raises(Refused, match="INVALID_PATH: syntax error"):
        _session(client).interfaces()


def test_a_v1_router_refuses_every_firewall_call_before_sending(client: V1Client) -> None:
    session = _session(client)
    filter_ = FirewallFilter("f", Family.INET, (Term("t", action=TermAction(Terminating.ACCEPT)),))
    binding = Binding("f", Family.INET, "ge-0/0/0.0", Direction.INPUT)
    calls: list[Callable[[], object]] = [
        lambda: session.add_filter(filter_),
        lambda: session.modify_filter("f", Family.INET, []),
        lambda: session.delete_filter("f", Family.INET),
        lambda: session.bind(binding),
        lambda: session.unbind(binding),
        lambda: session.probe_counter("f", "c"),
    ]
    for call in calls:
        with pytest.raises(ConfigError) as failure:
            call()
        assert str(failure.value).startswith("r1: ") and NO_FIREWALL in str(failure.value)
