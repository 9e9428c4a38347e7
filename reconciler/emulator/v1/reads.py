"""The v1 RIB RouteGet walk: the v2 walk's rules, with entries translated to v1.

Stored entries are v2 messages; a v1 reply cannot merge their bytes (the gateway
weight has another field number), so each entry is parsed and translated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reconciler.emulator.reads import MAX_CONCURRENT_GETS, StreamAborted, clear_cookie, drops_read_cookies
from reconciler.emulator.state import RouterState, Table
from reconciler.emulator.v1 import convert
from reconciler.wire.pb import rib_pb
from reconciler.wire.pb_v1 import routing_pb


@dataclass(frozen=True)
class RibWalk:
    table: Table
    value: int
    length: int
    match: str  # "exact", "longer" or "best"
    cookie: int  # with "exact": only this cookie, unless 0
    route_count: int  # entries per reply message


def _admit(state: RouterState) -> bool:
    with state.lock:
        if state.active_gets >= MAX_CONCURRENT_GETS:
            return False
        state.active_gets += 1
        return True


def _release(state: RouterState) -> None:
    with state.lock:
        state.active_gets -= 1


def _take_abort(state: RouterState) -> bool:
    with state.lock:
        if state.abort_streams > 0:
            state.abort_streams -= 1
            return True
    return False


def _active(entries: list[Any]) -> list[Any]:
    """The active route of each prefix: the lowest preference wins (rows are sorted)."""
    best: dict[tuple[int, int], tuple[int, Any]] = {}
    for key, entry in entries:
        preferences = entry.attributes.preferences
        preference = preferences[0].value if 0 in preferences else 0
        prefix = (key[0], key[1])
        if prefix not in best or preference < best[prefix][0]:
            best[prefix] = (preference, entry)
    return [(None, entry) for _, entry in best.values()]


def stream_rib(state: RouterState, walk: RibWalk, active_only: bool) -> Iterator[Any]:
    """Replies of at most `route_count` v1 entries each, in prefix order; not atomic."""
    response = routing_pb.RouteGetReply
    if not _admit(state):
        yield response(status=routing_pb.TRY_AGAIN)
        return
    try:
        rows = state.matching(walk.table, "rib", walk.value, walk.length, walk.match)
        if walk.cookie and walk.match == "exact":
            rows = [row for row in rows if row[0][2] == walk.cookie]
        rows.sort(key=lambda row: row[0])
        entries = [(key, rib_pb.RouteEntry.FromString(blob)) for key, blob, _ in rows]
        if active_only:
            entries = _active(entries)
        if not entries:
            yield response(status=routing_pb.ROUTE_NOT_FOUND)
            return
        zero = drops_read_cookies(state, "rib")  # the operator's drop-read-cookies act
        for start in range(0, len(entries), walk.route_count):
            routes = [convert.rib_entry_to_v1(e) for _, e in entries[start : start + walk.route_count]]
            if zero:
                for route in routes:
                    clear_cookie(route)
            yield response(status=routing_pb.SUCCESS, routes=routes)
            if _take_abort(state):
                raise StreamAborted("fault injection: route stream dropped mid-read")
    finally:
        _release(state)
