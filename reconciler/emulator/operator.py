"""What a person at the router's CLI can do behind the reconciler's back.

These are the drift sources later features must repair: deleting or changing an
API route, restarting the routing daemon, dropping client sessions, and adding
or removing configured routes.
"""

from __future__ import annotations

import socket
from typing import Any

from reconciler.emulator import events, reads
from reconciler.emulator.events import RouteChange
from reconciler.emulator.state import RouterState, TableStore
from reconciler.model.prefixes import canonical_prefix, family_of_address, split_prefix
from reconciler.wire import codec
from reconciler.wire.pb import bgp_pb, firewall_pb, rib_pb

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


def _stores(state: RouterState, kind: str, table: str, client_id: str | None) -> list[tuple[str, TableStore]]:
    """(owner, store) of every client's table of one service."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return [
        (client.client_id, (client.rib if kind == "rib" else client.bgp).setdefault(table, {}))
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
    changes = []
    with state.lock:
        for owner, store in _stores(state, kind, table, client_id):
            for key in [k for k in store if k[0] == value and k[1] == length]:
                if cookie is None or key[2] == cookie:
                    del store[key]
                    changes.append(_change("delete", state, table, key, owner, kind))
    state.route_changes(changes)
    return len(changes)


def _change(
    operation: str, state: RouterState, table: str, key: tuple[int, int, int], owner: str | None, kind: str
) -> RouteChange:
    route_type = "bgp-static" if kind == "bgp" else "static"
    return RouteChange(operation, table, state.prefix_text(table, key), (), owner, route_type)


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
    changes = []
    with state.lock:
        for owner, store in _stores(state, kind, table, client_id):
            for key in [k for k in store if k[0] == value and k[1] == length]:
                if cookie is not None and key[2] != cookie:
                    continue
                store[key] = _changed_blob(kind, store[key], preference, next_hops)
                changes.append(_change("change", state, table, key, owner, kind))
    state.route_changes(changes)
    return len(changes)


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


def add_config_route(state: RouterState, *, table: str, prefix: str, next_hop: str | None = None) -> int:
    state.add_config_route(table, prefix, next_hop)
    state.route_changes([RouteChange("add", table, canonical_prefix(prefix), (next_hop,) if next_hop else ())])
    return 1


def remove_config_route(state: RouterState, *, table: str, prefix: str) -> int:
    if not state.remove_config_route(table, prefix):
        return 0
    state.route_changes([RouteChange("delete", table, canonical_prefix(prefix))])
    return 1


# ------------------------------------------------------------ interfaces, filters


def delete_interface(state: RouterState, *, name: str) -> int:
    """Delete an interface (or one unit); client bindings on it are gone with it."""
    with state.lock:
        removed = state.interfaces.remove(name)
        if not removed:
            raise ValueError(f"{state.name}: no interface {name!r}")
        unbound = state.firewall.remove_interface(removed)
    notes = [events.interface_notification(state.name, "delete", n) for n in removed]
    notes += [
        events.filter_notification(state.name, "change", key[1], {"interface-name": point[0], "action": "unbind"})
        for point, key in unbound
    ]
    state.notify(notes)
    return len(removed)


def add_interface(state: RouterState, *, name: str) -> int:
    """Create an interface with unit 0 (inet and inet6)."""
    with state.lock:
        added = state.interfaces.add(name)
    state.notify([events.interface_notification(state.name, "add", n) for n in added])
    return len(added)


def flap_interface(state: RouterState, *, name: str) -> int:
    """Link down then up: change events for the interface and its units; bindings stay."""
    with state.lock:
        physical = state.interfaces.physical.get(name.partition(".")[0])
        if physical is None:
            raise ValueError(f"{state.name}: no interface {name!r}")
        names = [physical.name, *physical.units]
    notes = []
    for up in (False, True):
        with state.lock:
            state.interfaces.set_oper(physical.name, up)
        notes += [events.interface_notification(state.name, "change", n) for n in names]
    state.notify(notes)
    return len(names)


def remove_filter(state: RouterState, *, name: str, family: str | None = None) -> int:
    """Delete a client filter (any client) and its bindings, as `delete firewall ...` would."""
    removed = 0
    with state.lock:
        for key in [k for k in state.firewall.filters if k[1] == name]:
            if family is None or key[0] == _FILTER_FAMILY[family]:
                removed += int(state.remove_filter(key))
    return removed


def unbind_filter(
    state: RouterState, *, name: str, interface: str, direction: str = "input", family: str = "inet"
) -> int:
    """Remove one binding of a client filter, as `delete interfaces ... filter input NAME` would."""
    directions = {"input": firewall_pb.BIND_DIRECTION_INPUT, "output": firewall_pb.BIND_DIRECTION_OUTPUT}
    if direction not in directions or family not in _FILTER_FAMILY:
        raise ValueError(f"direction must be input or output and family inet or inet6, not {direction}/{family}")
    point = (interface, directions[direction], _FILTER_FAMILY[family])
    with state.lock:
        bound = state.firewall.bindings.get(point)
        if bound is None or bound[1] != name:
            raise ValueError(f"{state.name}: filter {name!r} is not bound {direction} on {interface} ({family})")
        state.firewall.unbind(point)
    state.notify([events.filter_notification(state.name, "change", name, {"interface-name": interface,
                                                                           "action": "unbind"})])  # fmt: skip
    return 1


def restart_firewall(state: RouterState) -> int:
    """The firewall daemon restarts: every client filter and binding vanishes."""
    with state.lock:
        keys = list(state.firewall.filters)
        for key in keys:
            state.remove_filter(key)
    return len(keys)


def list_filters(state: RouterState) -> list[dict[str, Any]]:
    """What the side door (never JET) can show about client filters."""
    with state.lock:
        return [
            {
                "name": f.name,
                "family": "inet6" if f.family == firewall_pb.FAMILY_INET6 else "inet",
                "owner": f.owner,
                "terms": [name for name, _, _ in f.terms],
                "bindings": [
                    {"interface": p[0], "direction": "input" if p[1] == 1 else "output"}
                    for p in state.firewall.bindings_of(key)
                ],
            }
            for key, f in state.firewall.filters.items()
        ]


def list_interfaces(state: RouterState) -> list[dict[str, Any]]:
    with state.lock:
        return [
            {"name": p.name, "oper_up": p.oper_up, "units": list(p.units)} for p in state.interfaces.physical.values()
        ]


_FILTER_FAMILY = {"inet": firewall_pb.FAMILY_INET, "inet6": firewall_pb.FAMILY_INET6}


def break_route_streams(state: RouterState, *, count: int = 1) -> int:
    """Fault injection: the next `count` RouteGet streams break after their first reply."""
    with state.lock:
        state.abort_streams += count
    return count


def inject_write_faults(state: RouterState, *, try_again: int = 0, unavailable_rate: float = 0.0) -> int:
    """Fault injection for route writes: the next `try_again` writes answer TRY_AGAIN
    (REQUEST_NOT_DONE on BGP); a share `unavailable_rate` of writes are applied and then
    answered with gRPC UNAVAILABLE, the ambiguous case."""
    if not 0.0 <= unavailable_rate <= 1.0:
        raise ValueError("unavailable_rate must be within 0..1")
    with state.lock:
        state.try_again_writes = try_again
        state.unavailable_rate = unavailable_rate
    return try_again


_COOKIE_KINDS = {"rib": frozenset({"rib"}), "bgp": frozenset({"bgp"}), "both": frozenset(reads.READ_KINDS)}


def drop_read_cookies(state: RouterState, *, on: bool = True, kind: str = "rib") -> int:
    """A router that reads back cookie 0 for client routes (`kind`: rib, bgp or both), or, with
    on false, one that reads them back with their cookies again. Stored routes keep their
    cookies: only what RouteGet answers changes. Returns how many route kinds drop cookies now."""
    if kind not in _COOKIE_KINDS:
        raise ValueError(f"kind must be one of {sorted(_COOKIE_KINDS)}, not {kind!r}")
    if not isinstance(on, bool):
        raise ValueError(f"on must be true or false, not {on!r}")
    with state.lock:
        current = frozenset(k for k in reads.READ_KINDS if reads.drops_read_cookies(state, k))
        chosen = current | _COOKIE_KINDS[kind] if on else current - _COOKIE_KINDS[kind]
        reads.set_read_cookies_dropped(state, chosen)
    return len(chosen)
