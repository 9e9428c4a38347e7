"""The one place that translates between protobuf messages and route values.

Encoding is on the hot path of large applies (goal: 400k routes/s), so it writes
into messages in place instead of building keyword-argument trees.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from google.protobuf import wrappers_pb2

from reconciler.model.routes import (
    BgpPath,
    Gateway,
    PeerType,
    RouteKey,
    RouteProtocol,
    StaticRoute,
    intern_gateways,
)
from reconciler.wire.pb import base_types_pb, bgp_pb, common_pb, rib_pb

# Attribute map keys of RouteAttributes: preference 0, preference2 1, tag 0.
PREFERENCE = 0
PREFERENCE2 = 1
TAG = 0

_PROTOCOL_FROM_PB = {
    base_types_pb.PROTO_STATIC: RouteProtocol.STATIC,
    base_types_pb.PROTO_DIRECT: RouteProtocol.DIRECT,
    base_types_pb.PROTO_LOCAL: RouteProtocol.LOCAL,
}
_PEER_TYPE_TO_PB = {PeerType.INTERNAL: bgp_pb.BGP_INTERNAL, PeerType.EXTERNAL: bgp_pb.BGP_EXTERNAL}


def split_prefix(prefix: str) -> tuple[str, int]:
    address, _, length = prefix.partition("/")
    return address, int(length)


def read_ip(source: common_pb.IpAddress) -> str:
    """Text of an IpAddress in canonical form, whichever of its two formats was sent."""
    if source.WhichOneof("addr_format") == "addr_bytes":
        raw = source.addr_bytes
        return socket.inet_ntop(socket.AF_INET6 if len(raw) == 16 else socket.AF_INET, raw)
    text = source.addr_string
    family = socket.AF_INET6 if ":" in text else socket.AF_INET
    return socket.inet_ntop(family, socket.inet_pton(family, text))


def set_network_address(target: Any, address: str) -> None:
    """Set an address message with `inet` and `inet6` arms (v2 NetworkAddress; v1 NetworkAddress
    and RoutePrefix have the same arms)."""
    if ":" in address:
        target.inet6.addr_string = address
    else:
        target.inet.addr_string = address


def read_network_address(source: base_types_pb.NetworkAddress) -> str | None:
    arm = source.WhichOneof("af")
    if arm == "inet":
        return read_ip(source.inet)
    if arm == "inet6":
        return read_ip(source.inet6)
    return None


def read_table(table: base_types_pb.RouteTable) -> str:
    return table.name.name if table.WhichOneof("route_table_format") == "name" else str(table.id.id)


# --------------------------------------------------------------------------- RIB


def fill_rib_match(match: rib_pb.RouteMatch, key: RouteKey) -> None:
    address, length = split_prefix(key.prefix)
    set_network_address(match.dest_prefix, address)
    match.dest_prefix_len = length
    match.table.name.name = key.table
    match.cookie = key.cookie


def fill_rib_entry(entry: rib_pb.RouteEntry, route: StaticRoute) -> None:
    fill_rib_match(entry.key, route.key)
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


class RibEncoder:
    """Encodes StaticRoutes into RouteUpdateRequests, fast for bulk writes.

    Routes of a large apply share a few next-hop sets, so everything but the
    prefix and cookie is encoded once per (table, gateways, attributes) as a
    template and copied in C; only the per-route key fields are set in Python.
    The message classes and the filling of a template are v2's by default; JET v1's
    RIB messages have the same shape under other names (reconciler.jet.v1.codec).
    """

    _MAX_TEMPLATES = 4096

    def __init__(
        self,
        entry: Callable[[], Any] = rib_pb.RouteEntry,
        request: Callable[[], Any] = rib_pb.RouteUpdateRequest,
        fill: Callable[[Any, StaticRoute], None] = fill_rib_entry,
    ) -> None:
        self._templates: dict[tuple[object, ...], Any] = {}
        self._entry, self._request, self._fill = entry, request, fill

    def _template(self, route: StaticRoute) -> Any:
        signature = (
            route.key.table,
            route.gateways,
            route.preference,
            route.preference2,
            route.tag,
        )
        template = self._templates.get(signature)
        if template is None:
            if len(self._templates) >= self._MAX_TEMPLATES:
                self._templates.clear()
            template = self._entry()
            self._fill(template, route)
            for field in ("dest_prefix", "dest_prefix_len", "cookie"):
                template.key.ClearField(field)
            self._templates[signature] = template
        return template

    def request(self, routes: Iterable[StaticRoute]) -> Any:
        request = self._request()
        add = request.routes.add
        templates = self._templates
        for route in routes:
            key = route.key
            template = templates.get((key.table, route.gateways, route.preference, route.preference2, route.tag))
            entry = add()
            entry.CopyFrom(template if template is not None else self._template(route))
            match = entry.key
            address, _, length = key.prefix.partition("/")
            if ":" in address:
                match.dest_prefix.inet6.addr_string = address
            else:
                match.dest_prefix.inet.addr_string = address
            match.dest_prefix_len = int(length)
            match.cookie = key.cookie
        return request


def rib_update_request(routes: Iterable[StaticRoute]) -> rib_pb.RouteUpdateRequest:
    request: rib_pb.RouteUpdateRequest = RibEncoder().request(routes)
    return request


def rib_delete_request(keys: Iterable[RouteKey]) -> rib_pb.RouteDeleteRequest:
    request = rib_pb.RouteDeleteRequest()
    add = request.keys.add
    for key in keys:
        fill_rib_match(add(), key)
    return request


def rib_key_from_pb(match: rib_pb.RouteMatch) -> RouteKey:
    address = read_network_address(match.dest_prefix) or ""
    return RouteKey(read_table(match.table), f"{address}/{match.dest_prefix_len}", match.cookie)


def _optional(values: Mapping[int, wrappers_pb2.UInt32Value], key: int) -> int | None:
    return values[key].value if key in values else None


def gateways_from_pb(
    nexthop: Any, read_address: Callable[[Any], str | None] = read_network_address
) -> tuple[Gateway, ...]:
    return tuple(
        Gateway(
            address=read_address(gw.gateway_address) if gw.HasField("gateway_address") else None,
            interface=gw.interface_name or None,
            weight=gw.weight or None,
        )
        for gw in nexthop.gateways
    )


def attributes_from_pb(attributes: Any) -> tuple[int | None, int | None, int | None]:
    """Preference, preference2 and tag of a RouteAttributes (the same maps in v1 and v2)."""
    return (
        _optional(attributes.preferences, PREFERENCE),
        _optional(attributes.preferences, PREFERENCE2),
        _optional(attributes.tags, TAG),
    )


def static_route_from_pb(entry: rib_pb.RouteEntry) -> StaticRoute:
    preference, preference2, tag = attributes_from_pb(entry.attributes)
    return StaticRoute(
        key=rib_key_from_pb(entry.key),
        gateways=gateways_from_pb(entry.nexthop),
        preference=preference,
        preference2=preference2,
        tag=tag,
        protocol=_PROTOCOL_FROM_PB.get(entry.protocol, RouteProtocol.OTHER),
    )


class RibDecoder:
    """Decodes RouteEntries of a large read, fast.

    A full table repeats a few next-hop sets and attribute sets; each distinct one
    is decoded once (keyed by its serialized bytes) and its values are shared by
    every route that uses it, which also saves memory on million-route reads.
    The key and address readers and the protocol numbers are v2's by default
    (JET v1 passes its own: reconciler.jet.v1.codec).
    """

    _LIMIT = 65536

    def __init__(
        self,
        key_from_pb: Callable[[Any], RouteKey] = rib_key_from_pb,
        read_address: Callable[[Any], str | None] = read_network_address,
        protocols: Mapping[Any, RouteProtocol] = _PROTOCOL_FROM_PB,
    ) -> None:
        self._gateways: dict[bytes, tuple[Gateway, ...]] = {}
        self._attributes: dict[bytes, tuple[int | None, int | None, int | None]] = {}
        self._key_from_pb, self._read_address, self._protocols = key_from_pb, read_address, protocols

    def route(self, entry: Any) -> StaticRoute:
        nexthop = entry.nexthop
        blob = nexthop.SerializeToString()
        gateways = self._gateways.get(blob)
        if gateways is None:
            if len(self._gateways) >= self._LIMIT:
                self._gateways.clear()
            gateways = self._gateways[blob] = intern_gateways(gateways_from_pb(nexthop, self._read_address))
        attributes = entry.attributes
        blob = attributes.SerializeToString()
        values = self._attributes.get(blob)
        if values is None:
            if len(self._attributes) >= self._LIMIT:
                self._attributes.clear()
            values = self._attributes[blob] = attributes_from_pb(attributes)
        return StaticRoute(
            self._key_from_pb(entry.key),
            gateways,
            values[0],
            values[1],
            values[2],
            self._protocols.get(entry.protocol, RouteProtocol.OTHER),
        )


# --------------------------------------------------------------------------- BGP


def fill_bgp_match(match: bgp_pb.RouteMatch, key: RouteKey) -> None:
    address, length = split_prefix(key.prefix)
    if ":" in address:
        match.dest_prefix.inet6.addr_string = address
    else:
        match.dest_prefix.inet.addr_string = address
    match.dest_prefix_len = length
    match.table.name.name = key.table
    match.protocol = base_types_pb.PROTO_BGP_STATIC
    match.cookie = key.cookie


def fill_bgp_entry(entry: bgp_pb.RouteEntry, path: BgpPath) -> None:
    fill_bgp_match(entry.key, path.key)
    for community in path.communities:
        entry.key.communities.communities.add().community = community
    entry.protocol_nexthops.add().addr_string = path.next_hop
    if path.route_preference is not None:
        entry.route_preference.value = path.route_preference
    if path.local_preference is not None:
        entry.local_preference.value = path.local_preference
    if path.med is not None:
        entry.med.value = path.med
    if path.as_path is not None:
        entry.aspath.aspath = path.as_path
    entry.route_type = _PEER_TYPE_TO_PB[path.peer_type]


def bgp_update_request(paths: Iterable[BgpPath]) -> bgp_pb.RouteUpdateRequest:
    request = bgp_pb.RouteUpdateRequest()
    add = request.routes.add
    for path in paths:
        fill_bgp_entry(add(), path)
    return request


def bgp_delete_request(keys: Iterable[RouteKey]) -> bgp_pb.RouteDeleteRequest:
    request = bgp_pb.RouteDeleteRequest()
    add = request.routes.add
    for key in keys:
        fill_bgp_match(add(), key)
    return request


def bgp_key_from_pb(match: bgp_pb.RouteMatch) -> RouteKey:
    arm = match.dest_prefix.WhichOneof("route_prefix_af")
    address = read_ip(getattr(match.dest_prefix, arm)) if arm in ("inet", "inet6") else ""
    return RouteKey(read_table(match.table), f"{address}/{match.dest_prefix_len}", match.cookie)


def bgp_path_from_pb(entry: bgp_pb.RouteEntry) -> BgpPath:
    next_hops = entry.protocol_nexthops
    return BgpPath(
        key=bgp_key_from_pb(entry.key),
        next_hop=read_ip(next_hops[0]) if next_hops else "",
        route_preference=entry.route_preference.value if entry.HasField("route_preference") else None,
        local_preference=entry.local_preference.value if entry.HasField("local_preference") else None,
        med=entry.med.value if entry.HasField("med") else None,
        as_path=entry.aspath.aspath if entry.HasField("aspath") else None,
        communities=tuple(c.community for c in entry.key.communities.communities),
        peer_type=PeerType.EXTERNAL if entry.route_type == bgp_pb.BGP_EXTERNAL else PeerType.INTERNAL,
    )
