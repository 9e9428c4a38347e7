"""Route values to and from JET v1 messages (package `routing`).

v1 is not v2 with other names: a BGP entry is flat (prefix, table, protocol and
cookie are fields of the entry itself), BGP-static is protocol 2, communities sit
on the entry, and a RIB gateway's weight is field 7. Everything goes through the
v1 generated classes, so a v2 number can never leak in.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable

from reconciler.model.prefixes import default_prefix, family_of_table
from reconciler.model.routes import (
    BgpPath,
    PeerType,
    RouteKey,
    RouteProtocol,
    StaticRoute,
)
from reconciler.wire.codec import RibDecoder, RibEncoder, set_network_address, split_prefix
from reconciler.wire.pb_v1 import jnx_base_pb, routing_pb

# Attribute map keys of RouteAttributes: preference 0, preference2 1, tag 0.
PREFERENCE = 0
PREFERENCE2 = 1
TAG = 0

_PROTOCOL_FROM_PB = {
    routing_pb.STATIC: RouteProtocol.STATIC,
    routing_pb.DIRECT: RouteProtocol.DIRECT,
    routing_pb.LOCAL: RouteProtocol.LOCAL,
}
_PEER_TYPE_TO_PB = {PeerType.INTERNAL: routing_pb.BGP_INTERNAL, PeerType.EXTERNAL: routing_pb.BGP_EXTERNAL}


def read_ip(source: jnx_base_pb.IpAddress) -> str:
    """Canonical text of an IpAddress, whichever of its two formats the router sent."""
    if source.WhichOneof("AddrFormat") == "addr_bytes":
        raw = source.addr_bytes
        return socket.inet_ntop(socket.AF_INET6 if len(raw) == 16 else socket.AF_INET, raw)
    text = source.addr_string
    family = socket.AF_INET6 if ":" in text else socket.AF_INET
    return socket.inet_ntop(family, socket.inet_pton(family, text))


def _read_network_address(source: routing_pb.NetworkAddress) -> str | None:
    arm = source.WhichOneof("Af")
    if arm == "inet":
        return read_ip(source.inet)
    if arm == "inet6":
        return read_ip(source.inet6)
    return None


def _read_table(table: routing_pb.RouteTable) -> str:
    return table.rtt_name.name if table.WhichOneof("RtTableFormat") == "rtt_name" else str(table.rtt_id.id)


# --------------------------------------------------------------------------- RIB


def fill_rib_key(match: routing_pb.RouteMatchFields, key: RouteKey) -> None:
    address, length = split_prefix(key.prefix)
    set_network_address(match.dest_prefix, address)
    match.dest_prefix_len = length
    match.table.rtt_name.name = key.table
    match.cookie = key.cookie


def fill_rib_entry(entry: routing_pb.RouteEntry, route: StaticRoute) -> None:
    fill_rib_key(entry.key, route.key)
    gateways = entry.nexthop.gateways
    for gw in route.gateways:
        pb_gw = gateways.add()
        if gw.address is not None:
            set_network_address(pb_gw.gateway_address, gw.address)
        if gw.interface is not None:
            pb_gw.interface_name = gw.interface
        if gw.weight is not None:
            pb_gw.weight = gw.weight
    attributes = entry.attributes
    if route.preference is not None:
        attributes.preferences[PREFERENCE].value = route.preference
    if route.preference2 is not None:
        attributes.preferences[PREFERENCE2].value = route.preference2
    if route.tag is not None:
        attributes.tags[TAG].value = route.tag


def rib_encoder() -> RibEncoder:
    """The bulk encoder of v1 RouteUpdateRequests (the v2 encoder over v1 messages)."""
    return RibEncoder(routing_pb.RouteEntry, routing_pb.RouteUpdateRequest, fill_rib_entry)


def rib_remove_request(keys: Iterable[RouteKey]) -> routing_pb.RouteRemoveRequest:
    request = routing_pb.RouteRemoveRequest()
    add = request.keys.add
    for key in keys:
        fill_rib_key(add(), key)
    return request


def rib_get_request(table: str, prefix: str | None, route_count: int) -> routing_pb.RouteGetRequest:
    """Every route of `table` at or under `prefix` (default: the whole table), any client's."""
    request = routing_pb.RouteGetRequest(match_type=routing_pb.EXACT_OR_LONGER, route_count=route_count)
    fill_rib_key(request.key, RouteKey(table, prefix or default_prefix(family_of_table(table)), 0))
    return request


def rib_key_from_pb(match: routing_pb.RouteMatchFields) -> RouteKey:
    address = _read_network_address(match.dest_prefix) or ""
    return RouteKey(_read_table(match.table), f"{address}/{match.dest_prefix_len}", match.cookie)


def rib_decoder() -> RibDecoder:
    """The decoder of v1 RouteEntries (the v2 decoder with v1's key, address and protocols)."""
    return RibDecoder(rib_key_from_pb, _read_network_address, _PROTOCOL_FROM_PB)


# --------------------------------------------------------------------------- BGP


def fill_bgp_match(match: routing_pb.BgpRouteMatch, key: RouteKey) -> None:
    address, length = split_prefix(key.prefix)
    set_network_address(match.dest_prefix, address)
    match.dest_prefix_len = length
    match.table.rtt_name.name = key.table
    match.protocol = routing_pb.PROTO_BGP_STATIC
    match.path_cookie = key.cookie


def fill_bgp_entry(entry: routing_pb.BgpRouteEntry, path: BgpPath) -> None:
    address, length = split_prefix(path.key.prefix)
    set_network_address(entry.dest_prefix, address)
    entry.dest_prefix_len = length
    entry.table.rtt_name.name = path.key.table
    entry.protocol = routing_pb.PROTO_BGP_STATIC
    entry.path_cookie = path.key.cookie
    entry.protocol_nexthops.add().addr_string = path.next_hop
    if path.route_preference is not None:
        entry.route_preference.value = path.route_preference
    if path.local_preference is not None:
        entry.local_preference.value = path.local_preference
    if path.med is not None:
        entry.med.value = path.med
    if path.as_path is not None:
        entry.aspath.aspath_string = path.as_path
    for community in path.communities:
        entry.communities.com_list.add().community_string = community
    entry.route_type = _PEER_TYPE_TO_PB[path.peer_type]


def bgp_update_request(paths: Iterable[BgpPath]) -> routing_pb.BgpRouteUpdateRequest:
    request = routing_pb.BgpRouteUpdateRequest()
    add = request.bgp_routes.add
    for path in paths:
        fill_bgp_entry(add(), path)
    return request


def bgp_remove_request(keys: Iterable[RouteKey]) -> routing_pb.BgpRouteRemoveRequest:
    request = routing_pb.BgpRouteRemoveRequest()
    add = request.bgp_routes.add
    for key in keys:
        fill_bgp_match(add(), key)
    return request


def bgp_get_request(table: str, prefix: str | None, route_count: int) -> routing_pb.BgpRouteGetRequest:
    """Every BGP-static path of `table` at or under `prefix` (default: the whole table)."""
    request = routing_pb.BgpRouteGetRequest(or_longer=True, route_count=route_count)
    fill_bgp_match(request.bgp_route, RouteKey(table, prefix or default_prefix(family_of_table(table)), 0))
    return request


def bgp_key_from_pb(source: routing_pb.BgpRouteEntry | routing_pb.BgpRouteMatch) -> RouteKey:
    """The key of a flat BGP entry or of a match (both carry prefix, table and cookie)."""
    arm = source.dest_prefix.WhichOneof("RoutePrefixAf")
    address = read_ip(getattr(source.dest_prefix, arm)) if arm in ("inet", "inet6") else ""
    return RouteKey(_read_table(source.table), f"{address}/{source.dest_prefix_len}", source.path_cookie)


def bgp_path_from_pb(entry: routing_pb.BgpRouteEntry) -> BgpPath:
    next_hops = entry.protocol_nexthops
    return BgpPath(
        key=bgp_key_from_pb(entry),
        next_hop=read_ip(next_hops[0]) if next_hops else "",
        route_preference=entry.route_preference.value if entry.HasField("route_preference") else None,
        local_preference=entry.local_preference.value if entry.HasField("local_preference") else None,
        med=entry.med.value if entry.HasField("med") else None,
        as_path=entry.aspath.aspath_string if entry.HasField("aspath") else None,
        communities=tuple(c.community_string for c in entry.communities.com_list),
        peer_type=PeerType.EXTERNAL if entry.route_type == routing_pb.BGP_EXTERNAL else PeerType.INTERNAL,
    )
