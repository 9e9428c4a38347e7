"""The streaming walk shared by the RouteGet of the RIB and BGP services."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from google.protobuf.message import Message

from reconciler.emulator.replies import reply
from reconciler.emulator.state import RouterState, RouteStoreKey, Table

MAX_CONCURRENT_GETS = 1000  # a router answers TRY_AGAIN past 1000 concurrent reads
M = TypeVar("M", bound=Message)
READ_KINDS = ("rib", "bgp")
# Routers set by the `drop-read-cookies` act to read back cookie 0 for client routes of these
# kinds (their stored cookies stay: writes, deletes and a get by cookie still match them). The
# IDL says a route reads back with its cookie; this is the router the reconciler must survive.
_ZERO_COOKIES: weakref.WeakKeyDictionary[RouterState, frozenset[str]] = weakref.WeakKeyDictionary()


def set_read_cookies_dropped(state: RouterState, kinds: frozenset[str]) -> None:
    """Make `state` read back cookie 0 for routes of `kinds` (a subset of READ_KINDS; empty: off)."""
    if not kinds <= set(READ_KINDS):
        raise ValueError(f"kinds must be among {READ_KINDS}, not {sorted(kinds)}")
    with state.lock:
        _ZERO_COOKIES[state] = kinds


def drops_read_cookies(state: RouterState, kind: str) -> bool:
    """`state` reads back cookie 0 for routes of `kind` ("rib" or "bgp")."""
    with state.lock:
        return kind in _ZERO_COOKIES.get(state, frozenset())


def clear_cookie(entry: Any) -> None:
    """Set the cookie of a route entry read back to 0: v2's key.cookie, v1's flat cookie fields."""
    fields = entry.DESCRIPTOR.fields_by_name
    if "key" in fields and "cookie" in entry.key.DESCRIPTOR.fields_by_name:
        entry.key.ClearField("cookie")
    for name in ("cookie", "path_cookie"):
        if name in fields:
            entry.ClearField(name)


@dataclass(frozen=True)
class Walk:
    """What to stream: a prefix of a table, how to match it, and the reply shape."""

    table: Table
    kind: str  # "rib" or "bgp"
    value: int
    length: int
    match: str  # "exact", "longer" or "best"
    cookie: int  # with "exact": only this cookie, unless 0
    route_count: int  # entries per reply message
    # With active_only: the preference of a stored entry; the lowest one per prefix is active.
    preference_of: Callable[[bytes], int] | None = None


@dataclass(frozen=True)
class WalkCodes:
    success: int
    not_found: int
    try_again: int


@contextmanager
def _admitted(state: RouterState) -> Iterator[bool]:
    with state.lock:
        admitted = state.active_gets < MAX_CONCURRENT_GETS
        if admitted:
            state.active_gets += 1
    try:
        yield admitted
    finally:
        if admitted:
            with state.lock:
                state.active_gets -= 1


def stream(state: RouterState, walk: Walk, response: type[M], codes: WalkCodes) -> Iterator[M]:
    """Replies of at most `route_count` entries each, in prefix order.

    The matching entries are picked under the router lock, then streamed without
    it: like a router's walk, changes during the stream may or may not show.
    """
    with _admitted(state) as admitted:
        if not admitted:
            yield reply(response, codes.try_again)
            return
        rows = state.matching(walk.table, walk.kind, walk.value, walk.length, walk.match)
        if walk.cookie and walk.match == "exact":
            rows = [row for row in rows if row[0][2] == walk.cookie]
        rows.sort(key=lambda row: row[0])
        blobs = [blob for _, blob, _ in rows]
        if walk.preference_of is not None:
            blobs = _active(rows, walk.preference_of)
        if not blobs:
            yield reply(response, codes.not_found)
            return
        zero = drops_read_cookies(state, walk.kind)
        for start in range(0, len(blobs), walk.route_count):
            message = reply(response, codes.success)
            add = message.routes.add  # type: ignore[attr-defined]
            for blob in blobs[start : start + walk.route_count]:
                entry = add()
                entry.MergeFromString(blob)
                if zero:
                    clear_cookie(entry)
            yield message
            if _should_abort(state):
                raise StreamAborted("fault injection: route stream dropped mid-read")


def _active(
    rows: Sequence[tuple[RouteStoreKey, bytes, str | None]], preference_of: Callable[[bytes], int]
) -> list[bytes]:
    """The active route of each prefix: the lowest preference wins."""
    best: dict[tuple[int, int], tuple[int, bytes]] = {}
    for key, blob, _ in rows:
        prefix = (key[0], key[1])
        preference = preference_of(blob)
        if prefix not in best or preference < best[prefix][0]:
            best[prefix] = (preference, blob)
    return [blob for _, blob in best.values()]


class StreamAborted(Exception):
    """Raised inside a RouteGet stream to drop it (gRPC reports it as an error to the client)."""


def _should_abort(state: RouterState) -> bool:
    with state.lock:
        if state.abort_streams > 0:
            state.abort_streams -= 1
            return True
    return False
