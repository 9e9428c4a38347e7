from __future__ import annotations

from dataclasses import replace

from reconciler.model import BgpPath, Gateway, PeerType, RouteKey, RouteProtocol, StaticRoute
from reconciler.wire import codec
from reconciler.wire.pb import rib_pb


def _routes() -> list[StaticRoute]:
    return [
        StaticRoute(
            RouteKey("inet.0", "10.1.0.0/16", 7),
            (Gateway("192.0.2.1"), Gateway("192.0.2.2", weight=3)),
            5,
            100,
            42,
        ),
        StaticRoute(
            RouteKey("inet6.0", "2001:db8:1::/48", 8),
            (Gateway("2001:db8::1", interface="ge-0/0/0.0"),),
            7,
        ),
        StaticRoute(RouteKey("blue.inet.0", "10.2.0.0/16", 9), (Gateway(interface="ge-0/0/1.0"),)),
        StaticRoute(
            RouteKey("inet.0", "10.3.0.0/16", 10),
            (Gateway("192.0.2.1"), Gateway("192.0.2.2", weight=3)),
            5,
            100,
            42,
        ),
    ]


def test_rib_routes_round_trip_through_protobuf() -> None:
    request = codec.rib_update_request(_routes())
    wire = rib_pb.RouteUpdateRequest.FromString(request.SerializeToString())
    # Writes leave `protocol` unset (PROTO_ANY): the router decides what it reports.
    assert all(e.protocol == 0 for e in wire.routes)
    expected = [replace(r, protocol=RouteProtocol.OTHER) for r in _routes()]
    assert [codec.static_route_from_pb(e) for e in wire.routes] == expected


def test_template_encoder_matches_field_by_field_encoding() -> None:
    fast = codec.RibEncoder().request(_routes())
    slow = rib_pb.RouteUpdateRequest()
    for route in _routes():
        codec.fill_rib_entry(slow.routes.add(), route)
    assert fast == slow


def test_bgp_path_round_trip_and_protocol() -> None:
    path = BgpPath(
        RouteKey("inet.0", "10.123.0.0/24", 2),
        "10.0.0.2",
        170,
        200,
        5,
        "65001",
        ("65000:1",),
        PeerType.EXTERNAL,
    )
    request = codec.bgp_update_request([path])
    assert request.routes[0].key.protocol == 27  # PROTO_BGP_STATIC
    assert codec.bgp_path_from_pb(request.routes[0]) == path


def test_addresses_sent_as_bytes_are_read_in_canonical_text() -> None:
    entry = rib_pb.RouteEntry()
    entry.key.dest_prefix.inet6.addr_bytes = bytes.fromhex("20010db8000000000000000000000000")
    entry.key.dest_prefix_len = 32
    entry.key.table.name.name = "inet6.0"
    assert codec.rib_key_from_pb(entry.key) == RouteKey("inet6.0", "2001:db8::/32", 0)


def test_memoized_decoder_equals_plain_decoding_and_shares_next_hops() -> None:
    routes = _routes()
    wire = rib_pb.RouteUpdateRequest.FromString(codec.rib_update_request(routes).SerializeToString())
    decoder = codec.RibDecoder()
    decoded = [decoder.route(e) for e in wire.routes]
    assert decoded == [codec.static_route_from_pb(e) for e in wire.routes]
    assert decoded[0].gateways is decoded[3].gateways  # same next-hop set, decoded once
    assert decoded[0].gateways is not decoded[1].gateways
