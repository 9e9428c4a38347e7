"""Translating classic JET (v1) route messages to and from the v2 messages the stores hold.

Routes of both generations live in the same per-client stores as serialized v2
entries, so each generation's reads show the other's routes as a router would.
Only what both generations can say survives the trip; the v1 servicers refuse
v1-only features the emulator does not keep instead of dropping them silently.
A v1 to v2 translation returns either the v2 message or the name of the v1
status refusing the entry.
"""

from __future__ import annotations

from typing import Any

from reconciler.emulator.idl_extras import as_float, extras
from reconciler.wire.pb import base_types_pb, bgp_pb, rib_pb
from reconciler.wire.pb_v1 import routing_pb

_BANDWIDTH = 6  # a v2 gateway's bandwidth: undeclared in our v2 protos
# v2 names that v1 spells differently (the rest are looked up by name).
_RENAMED = {"REQUEST_NOT_DONE": "TRY_AGAIN"}


def status(v2_enum: Any, code: int, v1_enum: Any) -> Any:
    """The v1 status with the name of a v2 sub-code (numbers differ past the shared ones).

    The enums are EnumDescriptors; the result is a v1 enum value.
    """
    value = v2_enum.values_by_number.get(code)
    name = _RENAMED.get(value.name, value.name) if value is not None else "INTERNAL_ERROR"
    found = v1_enum.values_by_name.get(name) or v1_enum.values_by_name["INTERNAL_ERROR"]
    return found.number


# ------------------------------------------------------------------ addresses


def ip_to_v2(source: Any, target: Any) -> None:
    arm = source.WhichOneof("AddrFormat")
    if arm == "addr_string":
        target.addr_string = source.addr_string
    elif arm == "addr_bytes":
        target.addr_bytes = source.addr_bytes


def ip_to_v1(source: Any, target: Any) -> None:
    arm = source.WhichOneof("addr_format")
    if arm == "addr_string":
        target.addr_string = source.addr_string
    elif arm == "addr_bytes":
        target.addr_bytes = source.addr_bytes


def table_to_v2(source: Any, target: Any) -> None:
    arm = source.WhichOneof("RtTableFormat")
    if arm == "rtt_name":
        target.name.name = source.rtt_name.name
    elif arm == "rtt_id":
        target.id.id = source.rtt_id.id


def table_to_v1(source: Any, target: Any) -> None:
    arm = source.WhichOneof("route_table_format")
    if arm == "name":
        target.rtt_name.name = source.name.name
    elif arm == "id":
        target.rtt_id.id = source.id.id


def network_to_v2(source: Any, target: Any) -> None:
    """A NetworkAddress; an unset one stays unset (the v2 checks refuse it)."""
    arm = source.WhichOneof("Af")
    if arm in ("inet", "inet6"):
        ip_to_v2(getattr(source, arm), getattr(target, arm))
    elif arm == "mpls":
        target.mpls.label = source.mpls.label


def network_to_v1(source: Any, target: Any) -> None:
    arm = source.WhichOneof("af")
    if arm in ("inet", "inet6"):
        ip_to_v1(getattr(source, arm), getattr(target, arm))
    elif arm == "mpls":
        target.mpls.label = source.mpls.label


def prefix_to_v2(source: Any, target: Any) -> None:
    """A BGP RoutePrefix; VPN, labeled, SR-TE and flowspec arms stay unset (PREFIX_INVALID)."""
    arm = source.WhichOneof("RoutePrefixAf")
    if arm in ("inet", "inet6"):
        ip_to_v2(getattr(source, arm), getattr(target, arm))


def prefix_to_v1(source: Any, target: Any) -> None:
    arm = source.WhichOneof("route_prefix_af")
    if arm in ("inet", "inet6"):
        ip_to_v1(getattr(source, arm), getattr(target, arm))


# ------------------------------------------------------------------------ BGP

_BGP_WRAPPERS = ("route_preference", "local_preference", "med", "aigp_distance", "originator_id", "cluster_id")
_FLAGS = ("no_advertise", "no_export", "use_nexthop_reject", "use_nexthop_fictitious")
_BGP_PROTOCOLS = (routing_pb.PROTO_UNSPECIFIED, routing_pb.PROTO_BGP_STATIC)


def bgp_match_to_v2(source: Any, target: Any) -> str | None:
    """A BgpRouteMatch into a v2 RouteMatch; a refusing status name, or None.

    Only BGP-static paths can be programmed: PROTO_UNSPECIFIED is taken as
    BGP-static (the classic examples leave it unset), PROTO_BGP is refused.
    """
    if source.protocol not in _BGP_PROTOCOLS:
        return "PROTOCOL_INVALID"
    prefix_to_v2(source.dest_prefix, target.dest_prefix)
    target.dest_prefix_len = source.dest_prefix_len
    table_to_v2(source.table, target.table)
    target.protocol = base_types_pb.PROTO_BGP_STATIC
    target.cookie = source.path_cookie
    for community in source.communities.com_list:
        target.communities.communities.add(community=community.community_string)
    return None


def bgp_entry_to_v2(source: Any) -> Any | str:
    """A v1 BgpRouteEntry as a v2 Bgp RouteEntry, or the v1 status name refusing it."""
    if source.WhichOneof("LabelInfo") is not None:
        return "LABEL_INFO_INVALID"  # every emulated table is an IP unicast table
    if source.HasField("route_data"):
        return "REQUEST_UNSUPPORTED"  # SR-TE and flowspec data have no table here
    if source.tunnel_attributes.tunnel_list:
        return "TUNNEL_ATTR_LIST_INVALID"
    target = bgp_pb.RouteEntry()
    refused = bgp_match_to_v2(source, target.key)
    if refused is not None:
        return refused
    for name in _BGP_WRAPPERS:
        if source.HasField(name):
            getattr(target, name).value = getattr(source, name).value
    for cluster in source.cluster_list:
        target.cluster_list.add(value=cluster.value)
    if source.HasField("aspath"):
        target.aspath.aspath = source.aspath.aspath_string
    for hop in source.protocol_nexthops:
        ip_to_v2(hop, target.protocol_nexthops.add())
    target.route_type = source.route_type
    if source.HasField("route_flags"):
        for flag in _FLAGS:
            setattr(target.route_flags, flag, getattr(source.route_flags, flag))
    if source.HasField("peer_address"):
        ip_to_v2(source.peer_address, target.peer_address)
    return target


def bgp_entry_to_v1(source: Any) -> Any:
    """A stored v2 path as v1 reads show it: PROTO_BGP_STATIC is 2 in v1 (27 in v2)."""
    target = routing_pb.BgpRouteEntry()
    key = source.key
    prefix_to_v1(key.dest_prefix, target.dest_prefix)
    target.dest_prefix_len = key.dest_prefix_len
    table_to_v1(key.table, target.table)
    target.protocol = routing_pb.PROTO_BGP_STATIC
    target.path_cookie = key.cookie
    for community in key.communities.communities:
        target.communities.com_list.add(community_string=community.community)
    for name in _BGP_WRAPPERS:
        if source.HasField(name):
            getattr(target, name).value = getattr(source, name).value
    for cluster in source.cluster_list:
        target.cluster_list.add(value=cluster.value)
    if source.HasField("aspath"):
        target.aspath.aspath_string = source.aspath.aspath
    for hop in source.protocol_nexthops:
        ip_to_v1(hop, target.protocol_nexthops.add())
    target.route_type = source.route_type
    if source.HasField("route_flags"):
        for flag in _FLAGS:
            setattr(target.route_flags, flag, getattr(source.route_flags, flag))
    if source.HasField("peer_address"):
        ip_to_v1(source.peer_address, target.peer_address)
    return target


# ------------------------------------------------------------------------ RIB


def rib_key_to_v2(source: Any, target: Any) -> None:
    network_to_v2(source.dest_prefix, target.dest_prefix)
    target.dest_prefix_len = source.dest_prefix_len
    table_to_v2(source.table, target.table)
    target.cookie = source.cookie


def _gateway_refusal(gateway: Any) -> str | None:
    if gateway.HasField("flexible_tunnel_profile"):
        return "REQUEST_UNSUPPORTED"  # flexible (VXLAN/GRE) tunnels are not emulated
    if gateway.HasField("table"):
        return "REQUEST_UNSUPPORTED"  # next-table gateways are not emulated
    return None


def _shared_extras(gateway: Any) -> bytes:
    """The gateway's label stack and bandwidth, encoded as v2's IDL numbers them (4 and 6).

    Our v2 protos leave those fields undeclared; merged into a v2 gateway they become
    the unknown fields the v2 checks read, so both generations judge them alike.
    """
    extra = routing_pb.RouteGateway(bandwidth=gateway.bandwidth)
    if gateway.HasField("label_stack"):
        extra.label_stack.CopyFrom(gateway.label_stack)
    return extra.SerializeToString()


def rib_entry_to_v2(source: Any) -> Any | str:
    """A v1 Rib RouteEntry as a v2 Rib RouteEntry, or the v1 status name refusing it.

    The gateway weight moves from field 7 (v1) to field 5 (v2). `persist` only
    matters for flexible tunnel routes, which are refused, so it is ignored; so
    are BFD and statistics settings (no effect on an emulated router).
    """
    attributes = source.attributes
    if attributes.metrics or attributes.no_advertise:
        return "REQUEST_UNSUPPORTED"
    target = rib_pb.RouteEntry()
    rib_key_to_v2(source.key, target.key)
    for gateway in source.nexthop.gateways:
        refused = _gateway_refusal(gateway)
        if refused is not None:
            return refused
        added = target.nexthop.gateways.add()
        added.MergeFromString(_shared_extras(gateway))
        if gateway.HasField("gateway_address"):
            network_to_v2(gateway.gateway_address, added.gateway_address)
        added.interface_name = gateway.interface_name
        if gateway.HasField("local_address"):
            network_to_v2(gateway.local_address, added.local_address)
        added.weight = gateway.weight
    target.protocol = source.protocol  # RouteProtoType numbers are the same in both
    for name in ("preferences", "tags", "colors"):
        values = getattr(target.attributes, name)
        for key, value in getattr(attributes, name).items():
            values[key].value = value.value
    target.enable_stats = source.enable_stats
    return target


def rib_entry_to_v1(source: Any) -> Any:
    target = routing_pb.RouteEntry()
    key = source.key
    network_to_v1(key.dest_prefix, target.key.dest_prefix)
    target.key.dest_prefix_len = key.dest_prefix_len
    table_to_v1(key.table, target.key.table)
    target.key.cookie = key.cookie
    for gateway in source.nexthop.gateways:
        added = target.nexthop.gateways.add()
        if gateway.HasField("gateway_address"):
            network_to_v1(gateway.gateway_address, added.gateway_address)
        added.interface_name = gateway.interface_name
        if gateway.HasField("local_address"):
            network_to_v1(gateway.local_address, added.local_address)
        added.weight = gateway.weight
        bandwidth = extras(gateway).get(_BANDWIDTH)
        if bandwidth:
            added.bandwidth = as_float(*bandwidth[-1]) or 0.0
    target.protocol = source.protocol
    for name in ("preferences", "tags", "colors"):
        values = getattr(target.attributes, name)
        for k, value in getattr(source.attributes, name).items():
            values[k].value = value.value
    target.enable_stats = source.enable_stats
    return target
