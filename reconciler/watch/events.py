"""Parsing router notifications (MQTT topic + JSON payload) into typed events.

Pure: no I/O. Events are lossy, unauthenticated hints (docs/jet-router-behaviour.md): they only
say *which router to look at*; nothing here is trusted as state. Parsing is
lenient about case and unknown attributes and strict about shape. Anyone who can
publish to the broker can send anything, so parse_event never raises: what it
cannot place comes back as a Rejected with a short `reason` for counting.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reconciler.model.prefixes import canonical_prefix

MAX_TOPIC = 1024
MAX_PAYLOAD = 64 * 1024
MAX_DEPTH = 32  # nesting of JSON arrays/objects; real events use 3 (json.loads recurses per level)
_ROOT = "junos/events/"
_INTERFACE_TAIL = {"ifd": 0, "ifl": 0, "iff": 1, "ifa": 3}
_NAME = re.compile(r"[\w./:@+-]{1,255}")  # interface, filter, table and event names
# Every reason a notification can be rejected for: a fixed set, because it labels a metric
# (a label taken from what a publisher sends could grow without bound).
REASONS = frozenset({"oversized", "bad-topic", "unknown-topic", "not-utf8", "too-deep", "not-json", "no-jet-event",
                     "no-router", "bad-router", "internal-error"})  # fmt: skip


class EventKind(StrEnum):
    ROUTE = "route"
    ROUTE_TABLE = "route-table"
    FILTER = "filter"
    INTERFACE = "interface"
    SYSLOG = "syslog"
    CONFIG = "config"


class EventError(ValueError):
    """An event that cannot be used; `reason` is a short label for counters and logs."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Rejected:
    """A notification that was not used: `reason` labels the counter, `detail` the log line."""

    reason: str
    detail: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


@dataclass(frozen=True)
class Event:
    router: str
    kind: EventKind
    operation: str  # add, change, delete; for syslog and config: "log" / "update"
    key: str  # prefix, table, filter or interface name, or syslog event id
    event_id: str = ""
    table: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _lower_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k).lower().replace("_", "-"): v for k, v in value.items()}
    return value


def _name(text: str, what: str, reason: str = "bad-topic") -> str:
    if not _NAME.fullmatch(text):  # fullmatch: `$` would let a trailing newline in
        raise EventError(reason, f"{what} {text[:80]!r} is not a valid name")
    return text


def _nesting(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets inside strings included:
    an over-count only refuses a payload no router sends)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _body(payload: bytes | str) -> dict[str, Any]:
    if len(payload) > MAX_PAYLOAD:
        raise EventError("oversized", f"payload of {len(payload)} bytes (limit {MAX_PAYLOAD})")
    if isinstance(payload, bytes):
        try:
            payload = payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EventError("not-utf8", str(exc)[:200]) from None
    # Checked before json.loads, which recurses once per level (30,000 `[` exhaust the stack).
    if payload.count("[") + payload.count("{") > MAX_DEPTH and _nesting(payload) > MAX_DEPTH:
        raise EventError("too-deep", f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        document = json.loads(payload)
    except ValueError as exc:  # also an integer over Python's digit limit
        raise EventError("not-json", str(exc)[:200]) from None
    document = _lower_keys(document)
    if not isinstance(document, dict) or not isinstance(document.get("jet-event"), dict):
        raise EventError("no-jet-event", "payload has no 'jet-event' object")
    event = _lower_keys(document["jet-event"])
    attributes = _lower_keys(event.get("attributes"))
    event["attributes"] = attributes if isinstance(attributes, dict) else {}
    return dict(event)


def _route(parts: list[str]) -> tuple[EventKind, str, str]:
    # route/<op>/<family>/<address>/<prefix-length>
    if len(parts) != 5:
        raise EventError("bad-topic", "a route topic is route/<op>/<family>/<address>/<length>")
    _, operation, family, address, length = parts
    if family.lower() not in ("inet", "inet6"):
        raise EventError("bad-topic", f"unknown address family {family[:20]!r}")
    try:
        prefix = canonical_prefix(f"{address}/{length}")
    except ValueError as exc:
        raise EventError("bad-topic", str(exc)[:200]) from None
    return EventKind.ROUTE, operation, prefix


def _classify(parts: list[str]) -> tuple[EventKind, str, str]:
    """(kind, operation, key) from the topic levels after junos/events/."""
    lowered = [p.lower() for p in parts]
    if lowered[:2] == ["kernel", "route"]:
        return _route(lowered[1:4] + parts[4:])
    if lowered[:2] == ["kernel", "route-table"] and len(parts) >= 4:
        return EventKind.ROUTE_TABLE, lowered[2], _name(parts[3], "table")
    if lowered[:3] == ["kernel", "firewall", "filter"] and len(parts) == 5:
        return EventKind.FILTER, lowered[3], _name(parts[4], "filter")
    if lowered[:2] == ["kernel", "interfaces"] and len(parts) >= 5 and lowered[2] in _INTERFACE_TAIL:
        # Interface names contain "/" (ge-0/0/0.0), so a name spans topic levels;
        # iff topics end with a family, ifa topics with family/address/length.
        name_levels = parts[4 : len(parts) - _INTERFACE_TAIL[lowered[2]]]
        return EventKind.INTERFACE, lowered[3], _name("/".join(name_levels), "interface")
    if lowered[0] == "syslog" and len(parts) == 2:
        return EventKind.SYSLOG, "log", _name(parts[1], "event id")
    if lowered[:2] == ["genpub", "config-update"]:
        return EventKind.CONFIG, "update", "config-update"
    raise EventError("unknown-topic", "/".join(parts)[:200])


def parse_event(topic: str, payload: bytes | str, *, router: str | None = None) -> Event | Rejected:
    """Turn one notification into an Event, or a Rejected saying why not; never raises.

    The router is, in order: the level just before `junos/events/` in a prefixed
    topic (`devices/<name>/junos/events/...`), else `router` (the broker this
    subscriber reads is that router's own), else the payload's `hostname`.
    """
    try:
        return _parse(topic, payload, router)
    except EventError as error:
        return Rejected(error.reason, error.detail)
    except Exception as error:  # a case the checks above missed: still only a rejected hint
        return Rejected("internal-error", f"{type(error).__name__}: {str(error)[:200]}")


def _parse(topic: str, payload: bytes | str, router: str | None) -> Event:
    if not isinstance(topic, str) or "\x00" in topic:
        raise EventError("bad-topic", "the topic is not text")
    if len(topic) > MAX_TOPIC:
        raise EventError("oversized", f"topic of {len(topic)} characters (limit {MAX_TOPIC})")
    at = topic.lower().find(_ROOT)
    if at < 0:
        raise EventError("unknown-topic", topic[:200])
    parts = topic[at + len(_ROOT) :].split("/")
    if not all(parts):
        raise EventError("bad-topic", f"empty level in {topic[:200]!r}")
    kind, operation, key = _classify(parts)
    if operation not in ("add", "change", "delete", "log", "update"):
        raise EventError("bad-topic", f"unknown operation {operation[:20]!r}")
    body = _body(payload)
    prefix_levels = [p for p in topic[:at].split("/") if p]
    hostname = body.get("hostname")
    owner = prefix_levels[-1] if prefix_levels else router or (hostname if isinstance(hostname, str) else None)
    if not owner:
        raise EventError("no-router", "no topic prefix, configured router or payload hostname")
    attributes = body["attributes"]
    table = attributes.get("table") or attributes.get("table-name")
    if kind is EventKind.ROUTE_TABLE:
        table = key
    event_id = body.get("event-id")
    return Event(
        router=_name(owner, "router", "bad-router"),
        kind=kind,
        operation=operation,
        key=key,
        event_id=event_id if isinstance(event_id, str) else "",
        table=table if isinstance(table, str) else None,
        attributes=attributes,
    )
