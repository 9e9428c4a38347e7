"""Notifications a router publishes on MQTT (topics, payloads: docs/jet-router-behaviour.md).

Pure formatting; `EventSink`s decide where notifications go. Bulk route writes
are summarized: a batch that changes more than ROUTE_EVENT_LIMIT routes of a
table publishes one route-table `change` event for that table instead of one
event per route, so event publishing never slows ingest down.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

ROUTE_EVENT_LIMIT = 20
LOGICAL_ROUTER = "default"


@dataclass(frozen=True)
class Notification:
    topic: str  # starts with /junos/events/, without any fleet prefix
    payload: bytes


class EventSink(Protocol):
    enabled: bool

    def publish(self, router: str, notifications: Iterable[Notification]) -> None: ...


class NullSink:
    """No broker: nothing is formatted or sent."""

    enabled = False

    def publish(self, router: str, notifications: Iterable[Notification]) -> None:
        pass


def _payload(hostname: str, event_id: str, facility: str, attributes: dict[str, Any]) -> bytes:
    event = {
        "event-id": event_id,
        "hostname": hostname,
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "severity": "info",
        "facility": facility,
        "attributes": attributes,
    }
    return json.dumps({"jet-event": event}, separators=(",", ":")).encode()


@dataclass(frozen=True)
class RouteChange:
    operation: str  # add, change or delete
    table: str
    prefix: str  # canonical "address/length"
    next_hops: tuple[str, ...] = ()
    client_id: str | None = None
    route_type: str = "static"  # or "bgp-static"


def route_notifications(
    hostname: str, changes: Sequence[RouteChange], *, limit: int = ROUTE_EVENT_LIMIT
) -> list[Notification]:
    by_table: dict[str, list[RouteChange]] = {}
    for change in changes:
        by_table.setdefault(change.table, []).append(change)
    notifications = []
    for table, table_changes in by_table.items():
        if len(table_changes) > limit:
            notifications.append(
                route_table_notification(hostname, "change", table, {"routes-changed": len(table_changes)})
            )
            continue
        for c in table_changes:
            address, _, length = c.prefix.partition("/")
            family = "inet6" if ":" in address else "inet"
            attributes = {
                "table": table,
                "family": family,
                "type": c.route_type,
                "prefix": c.prefix,
                "nexthops": list(c.next_hops),
            }
            if c.client_id:
                attributes["client-id"] = c.client_id
            notifications.append(
                Notification(
                    f"/junos/events/kernel/route/{c.operation}/{family}/{address}/{length}",
                    _payload(hostname, f"KERNEL_EVENT_ROUTE_{c.operation.upper()}", "kernel", attributes),
                )
            )
    return notifications


def route_table_notification(
    hostname: str, operation: str, table: str, attributes: dict[str, Any] | None = None
) -> Notification:
    return Notification(
        f"/junos/events/kernel/route-table/{operation}/{table}/{LOGICAL_ROUTER}",
        _payload(
            hostname,
            f"KERNEL_EVENT_ROUTE_TABLE_{operation.upper()}",
            "kernel",
            {"table": table, "logical-router": LOGICAL_ROUTER, **(attributes or {})},
        ),
    )


def filter_notification(
    hostname: str, operation: str, name: str, attributes: dict[str, Any] | None = None
) -> Notification:
    return Notification(
        f"/junos/events/kernel/firewall/filter/{operation}/{name}",
        _payload(
            hostname,
            f"KERNEL_EVENT_FIREWALL_FILTER_{operation.upper()}",
            "kernel",
            {"name": name, "filter-type": "classic", **(attributes or {})},
        ),
    )


def interface_notification(hostname: str, operation: str, name: str) -> Notification:
    level = "ifl" if "." in name else "ifd"
    return Notification(
        f"/junos/events/kernel/interfaces/{level}/{operation}/{name}",
        _payload(
            hostname,
            f"KERNEL_EVENT_{level.upper()}_{operation.upper()}",
            "kernel",
            {"name": name},
        ),
    )


def syslog_notification(hostname: str, event_id: str, attributes: dict[str, Any]) -> Notification:
    return Notification(f"/junos/events/syslog/{event_id}", _payload(hostname, event_id, "daemon", attributes))
