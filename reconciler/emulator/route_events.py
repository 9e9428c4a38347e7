"""Collecting the route changes of one write request for MQTT, cheaply.

A write records a small tuple per changed route; only when the request is done
are events formatted, and a table with more than ROUTE_EVENT_LIMIT changes gets
one route-table event instead of one per route (see events.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reconciler.emulator import events
from reconciler.emulator.addresses import to_text
from reconciler.emulator.events import RouteChange
from reconciler.emulator.state import RouterState, Table

NextHops = Callable[[Any], tuple[str, ...]]


class RouteEventBuffer:
    def __init__(self, state: RouterState, client_id: str, route_type: str, next_hops: NextHops) -> None:
        self.state = state
        self.client_id = client_id
        self.route_type = route_type
        self.next_hops = next_hops
        self.items: list[tuple[str, Table, int, int, Any]] = []

    def add(self, operation: str, table: Table, value: int, length: int, entry: Any = None) -> None:
        self.items.append((operation, table, value, length, entry))

    def flush(self) -> None:
        if not self.items:
            return
        by_table: dict[str, list[tuple[str, Table, int, int, Any]]] = {}
        for item in self.items:
            by_table.setdefault(item[1].name, []).append(item)
        notes = []
        for table, items in by_table.items():
            if len(items) > events.ROUTE_EVENT_LIMIT:
                attributes = {"routes-changed": len(items), "type": self.route_type}
                notes.append(events.route_table_notification(self.state.name, "change", table, attributes))
                continue
            changes = [
                RouteChange(
                    operation,
                    table,
                    f"{to_text(value, t.bits)}/{length}",
                    self.next_hops(entry) if entry is not None else (),
                    self.client_id,
                    self.route_type,
                )
                for operation, t, value, length, entry in items
            ]
            notes.extend(events.route_notifications(self.state.name, changes))
        self.items.clear()
        self.state.notify(notes)


def rib_next_hops(entry: Any) -> tuple[str, ...]:
    hops = []
    for gateway in entry.nexthop.gateways:
        address = gateway.gateway_address
        arm = address.WhichOneof("af")
        if arm in ("inet", "inet6"):
            hops.append(getattr(address, arm).addr_string)
        elif gateway.interface_name:
            hops.append(gateway.interface_name)
    return tuple(hops)


def bgp_next_hops(entry: Any) -> tuple[str, ...]:
    return tuple(hop.addr_string for hop in entry.protocol_nexthops)
