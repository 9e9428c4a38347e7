"""The router port: one router session as the engine uses it.

A session is opened by a Connector for one role: the writer (the product's own
client id, whose routes the router keeps only while a session of it lives, plus
its purge time) or a reader (a separate client id, so that a reader going away
never starts the writer's purge timer). Opening a session does everything a
router needs before use: transport, login, purge timers set and read back,
initialize.

Route writes are idempotent upserts; deletes are delete-if-present. Writes take
any number of entries: a driver batches them as its router requires, and a
failure reports which entries were applied (RouterError.applied).

Filters and bindings cannot be read back from a router; `probe_counter` is the
one cheap hint that a filter still exists.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from reconciler.model.filters import Binding, FirewallFilter, TermEdit
from reconciler.model.intent import RouterEntry
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute


class Role(StrEnum):
    WRITER = "writer"
    READER = "reader"


@dataclass(frozen=True)
class SessionInfo:
    """What the router said when the session was opened."""

    rebound: bool = False  # it re-attached the state of an earlier session of this client id
    # Routes this client id owns right now; None when the router did not say (another
    # live connection of the same client id had already initialized the session).
    owned_routes: int | None = None


@dataclass(frozen=True)
class Counter:
    name: str
    packets: int
    bytes: int


@dataclass(frozen=True)
class Interface:
    """A physical interface or a unit of one (`ge-0/0/0` or `ge-0/0/0.0`)."""

    name: str
    admin_up: bool
    oper_up: bool
    families: tuple[str, ...] = ()

    @property
    def is_unit(self) -> bool:
        return "." in self.name


class RouterSession(Protocol):
    """One open session to one router."""

    @property
    def router(self) -> str: ...
    @property
    def info(self) -> SessionInfo: ...

    # Reads stream every client's routes of `table` under `prefix` (None: the whole table).
    # A table the router does not have raises Refused(NO_TABLE).
    def read_static(self, table: str, prefix: str | None = None) -> Iterator[StaticRoute]: ...
    def read_bgp(self, table: str, prefix: str | None = None) -> Iterator[BgpPath]: ...

    def write_static(self, routes: Sequence[StaticRoute]) -> None: ...
    def delete_static(self, keys: Sequence[RouteKey]) -> None: ...
    def write_bgp(self, paths: Sequence[BgpPath]) -> None: ...
    def delete_bgp(self, keys: Sequence[RouteKey]) -> None: ...

    def add_filter(self, filter_: FirewallFilter) -> None:
        """Refused(EXISTS) when a filter of that family and name is there."""

    def modify_filter(self, name: str, family: Family, edits: Sequence[TermEdit]) -> None:
        """Refused(NOT_FOUND) when the filter is gone; Refused(CONFLICT) when its
        terms are not what the edits assume."""

    def delete_filter(self, name: str, family: Family) -> bool:
        """False when there was no such filter (the goal holds already)."""

    def bind(self, binding: Binding) -> None:
        """Binding the same filter again is a no-op."""

    def unbind(self, binding: Binding) -> bool:
        """False when the filter was not bound there."""

    def probe_counter(self, filter_name: str, counter: str) -> Counter | None:
        """A counter of one of our filters; None when the filter is gone."""

    def interfaces(self) -> list[Interface]: ...

    def check_alive(self) -> None:
        """A cheap call; raises SessionLost or Unreachable when the session is gone."""

    def close(self) -> None: ...


class Connector(Protocol):
    """Opens a session to a router from its inventory entry (`root`: where relative
    secret and certificate files are found)."""

    def __call__(self, name: str, entry: RouterEntry, root: Path, role: Role) -> RouterSession: ...
