"""What a person at the router's CLI can do behind the reconciler's back.

These are the drift sources later features must repair: deleting or changing an
API route, restarting the routing daemon, dropping client sessions, and adding
or removing configured routes.
"""

from __future__ import annotations

import socket
from typing import Any

from reconciler.emulator.state import RouterState, TableStore
from reconciler.jet import codec
from reconciler.jet.pb import bgp_pb, rib_pb
from reconciler.model.prefixes import canonical_prefix, family_of_address, split_prefix

KINDS = ("rib", "bgp")


def _prefix_value(state: RouterState, table: str, prefix: str) -> tuple[int, int]:
    if table not in state.tables:
        raise ValueError(f"{state.name}: no table {table!r}")
    canonical = canonical_prefix(prefix)
    address, length = split_prefix(canonical)
    family = family_of_address(address)
    if family.value != state.tables[table].arm:
        raise ValueError(f"{state.name}: {prefix} does not belong in {table}")
    value = int.from_bytes(socket.inet_pton(family.socket_family, address), "big")
    return value, length


def _stores(state: RouterState, kind: str, table: str, client_id: str | None) -> list[TableStore]:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return [
        (client.rib if kind == "rib" else client.bgp).setdefault(table, {})
        for client in state.clients.values()
        if client_id in (None, client.client_id)
    ]


def delete_route(
    state: RouterState,
    *,
    table: str,
    prefix: str,
    kind: str = "rib",
    cookie: int | None = None,
    client_id: str | None = None,
) -> int:
    """Delete API routes of a prefix (one cookie, or all); returns how many were deleted."""
    value, length = _prefix_value(state, table, prefix)
    deleted = 0
    with state.lock:
        for store in _stores(state, kind, table, client_id):
            for key in [k for k in store if k[0] == value and k[1] == length]:
                if cookie is None or key[2] == cookie:
                    del store[key]
                    deleted += 1
    return deleted


def change_route(
    state: RouterState,
    *,
    table: str,
    prefix: str,
    kind: str = "rib",
    cookie: int | None = None,
    client_id: str | None = None,
    preference: int | None = None,
    next_hops: list[str] | None = None,
) -> int:
    """Change preference and/or next hops of API routes in place; returns how many changed.

    For BGP paths `preference` is the local preference and only the first next hop is used.
    """
    value, length = _prefix_value(state, table, prefix)
    changed = 0
    with state.lock:
        for store in _stores(state, kind, table, client_id):
            for key in [k for k in store if k[0] == value and k[1] == length]:
                if cookie is not None and key[2] != cookie:
                    continue
                store[key] = _changed_blob(kind, store[key], preference, next_hops)
                changed += 1
    return changed


def _changed_blob(kind: str, blob: bytes, preference: int | None, next_hops: list[str] | None) -> bytes:
    if kind == "rib":
        entry: Any = rib_pb.RouteEntry.FromString(blob)
        if preference is not None:
            entry.attributes.preferences[codec.PREFERENCE].value = preference
        if next_hops:
            entry.nexthop.ClearField("gateways")
            for hop in next_hops:
                codec.set_network_address(entry.nexthop.gateways.add().gateway_address, hop)
    else:
        entry = bgp_pb.RouteEntry.FromString(blob)
        if preference is not None:
            entry.local_preference.value = preference
        if next_hops:
            entry.ClearField("protocol_nexthops")
            entry.protocol_nexthops.add().addr_string = next_hops[0]
    return bytes(entry.SerializeToString())


def list_routes(state: RouterState, *, table: str, kind: str = "rib") -> list[dict[str, Any]]:
    """Every route of a table as plain data, with its owner (None = configuration)."""
    if table not in state.tables:
        raise ValueError(f"{state.name}: no table {table!r}")
    with state.lock:
        rows = sorted(state.iter_table(table, kind), key=lambda r: r[0])
    result = []
    for _, blob, owner in rows:
        if kind == "rib":
            route: Any = codec.static_route_from_pb(rib_pb.RouteEntry.FromString(blob))
            data: dict[str, Any] = {
                "table": route.key.table,
                "prefix": route.key.prefix,
                "cookie": route.key.cookie,
                "protocol": route.protocol.value,
                "next_hops": [g.address or g.interface for g in route.gateways],
                "preference": route.preference,
            }
        else:
            path = codec.bgp_path_from_pb(bgp_pb.RouteEntry.FromString(blob))
            data = {
                "table": path.key.table,
                "prefix": path.key.prefix,
                "cookie": path.key.cookie,
                "next_hops": [path.next_hop],
                "local_preference": path.local_preference,
            }
        data["owner"] = owner
        result.append(data)
    return result
