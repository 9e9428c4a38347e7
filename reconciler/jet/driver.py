"""The JET driver: a JET session as the engine's router port (RouterSession).

Everything JET-specific ends here: sub-codes and message text become the error
vocabulary of reconciler.port.errors, ROUTE_NOT_FOUND on a delete and
NO_RESOURCE on an unbind become "already done", a counter that cannot be read
becomes "filter gone".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from reconciler.jet.client import JetClient
from reconciler.jet.errors import (
    AmbiguousError,
    AuthenticationError,
    JetError,
    PermanentError,
    RetryableError,
    SessionLostError,
)
from reconciler.model.filters import Binding, FirewallFilter, TermEdit
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute
from reconciler.port.errors import (
    Ambiguous,
    Reason,
    Refused,
    Retryable,
    RouterError,
    SessionLost,
    Unreachable,
)
from reconciler.port.session import Counter, Interface, SessionInfo

T = TypeVar("T")
_NO_TABLE = frozenset({"TABLE_INVALID", "TABLE_NOT_FOUND"})
_NOT_FOUND = frozenset({"ROUTE_NOT_FOUND", "NO_RESOURCE"})
NO_ANSWER = frozenset({"UNAVAILABLE", "DEADLINE_EXCEEDED"})  # gRPC codes of "nobody answered"


# FilterModify refusals that mean "the filter's terms are not what the edits assume"
# (a term to replace or delete, or an anchor, is missing; a term to add exists). Only
# these; any other refusal of a term (a bad body, a routing instance the router lacks)
# is INVALID, because the engine answers CONFLICT by rebuilding the filter.
_TERM_CONFLICT = re.compile(r"\b(adjacent )?term '[^']*' (does not exist|already exists)")


def _reason(error: PermanentError) -> Reason:
    detail = error.detail.lower()
    operation = error.operation
    if error.code in _NO_TABLE:
        return Reason.NO_TABLE
    if operation.startswith("Firewall/FilterAdd") and "already exists" in detail:
        return Reason.EXISTS
    if operation.startswith("Firewall/FilterModify") and _TERM_CONFLICT.search(detail):
        return Reason.CONFLICT
    if operation.startswith("Firewall/FilterModify") and error.code == "NO_RESOURCE" and detail.startswith("filter"):
        return Reason.NOT_FOUND  # the filter itself is gone
    if error.code in _NOT_FOUND and not operation.startswith("Firewall/FilterModify"):
        return Reason.NOT_FOUND
    return Reason.INVALID


# What a code means when the router said no more than the code (v1 replies carry no message).
_HINTS = {
    "ROUTE_API_VERSION_MISMATCH": (
        "this client id holds RIB routes programmed through the other JET API generation, and the router keeps a "
        "client id to one generation: set api back in devices.yaml, or change client_id as well (the router purges "
        "the old client id's routes when its purge time runs out; until then they cannot be removed through this "
        "generation)"
    ),
}


def translated(error: JetError, applied: Sequence[range] | None = None) -> RouterError:
    """The router-port error for a JET error."""
    done = error.applied if applied is None else applied
    said = error.detail if error.detail and error.detail != error.code else _HINTS.get(error.code, "")
    detail = f"{error.code}: {said}" if said else error.code
    args = (error.router, error.operation)
    if isinstance(error, AuthenticationError):
        return Refused(*args, Reason.LOGIN, detail)
    if isinstance(error, SessionLostError):
        return SessionLost(*args, detail, subject=error.route, applied=done)
    if isinstance(error, AmbiguousError):
        return Ambiguous(*args, detail, subject=error.route, applied=done)
    if isinstance(error, RetryableError):
        return Retryable(*args, detail, subject=error.route, applied=done)
    if isinstance(error, PermanentError):
        subject = f"route {error.route}" if error.route else None
        return Refused(*args, _reason(error), detail, subject=subject, applied=done)
    return Refused(*args, Reason.INVALID, detail, applied=done)


def _ranges(indices: set[int]) -> list[range]:
    result: list[range] = []
    for index in sorted(indices):
        if result and result[-1].stop == index:
            result[-1] = range(result[-1].start, index + 1)
        else:
            result.append(range(index, index + 1))
    return result


class JetRouter:
    """RouterSession over one logged-in, initialized JetClient."""

    def __init__(self, client: JetClient, info: SessionInfo) -> None:
        self.client = client
        self._info = info

    @property
    def router(self) -> str:
        return self.client.router

    @property
    def info(self) -> SessionInfo:
        return self._info

    def _call(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except JetError as error:
            raise translated(error) from None

    def _stream(self, stream: Iterator[T]) -> Iterator[T]:
        try:
            yield from stream
        except JetError as error:
            raise translated(error) from None

    # ------------------------------------------------------------------ routes

    def read_static(self, table: str, prefix: str | None = None) -> Iterator[StaticRoute]:
        return self._stream(self.client.rib_get(table, prefix))

    def read_bgp(self, table: str, prefix: str | None = None) -> Iterator[BgpPath]:
        return self._stream(self.client.bgp_get(table, prefix))

    def write_static(self, routes: Sequence[StaticRoute]) -> None:
        self._call(lambda: self.client.rib_update(routes))

    def write_bgp(self, paths: Sequence[BgpPath]) -> None:
        self._call(lambda: self.client.bgp_update(paths))

    def delete_static(self, keys: Sequence[RouteKey]) -> None:
        self.delete_if_present(self.client.rib_delete, keys)

    def delete_bgp(self, keys: Sequence[RouteKey]) -> None:
        self.delete_if_present(self.client.bgp_delete, keys)

    @staticmethod
    def delete_if_present(delete: Callable[[Sequence[RouteKey]], int], keys: Sequence[RouteKey]) -> None:
        """A router stops a batch at the first route it does not have (ROUTE_NOT_FOUND):
        that route is gone already, which is the goal, so send the rest again."""
        pending = list(range(len(keys)))  # positions into `keys` not yet known deleted
        done: set[int] = set()
        while pending:
            try:
                delete([keys[i] for i in pending])
                return
            except JetError as error:
                applied = {pending[i] for r in error.applied for i in r}
                done |= applied
                if not (isinstance(error, PermanentError) and error.code == "ROUTE_NOT_FOUND"):
                    raise translated(error, _ranges(done)) from None
                rest = [i for i in pending if i not in applied]
                if not rest:
                    return
                done.add(rest[0])  # the route the router did not have: gone already
                pending = rest[1:]

    # ----------------------------------------------------------------- filters

    def add_filter(self, filter_: FirewallFilter) -> None:
        self._call(lambda: self.client.filter_add(filter_))

    def modify_filter(self, name: str, family: Family, edits: Sequence[TermEdit]) -> None:
        self._call(lambda: self.client.filter_modify(name, family, list(edits)))

    def delete_filter(self, name: str, family: Family) -> bool:
        return self._unless_missing(lambda: self.client.filter_delete(name, family))

    def bind(self, binding: Binding) -> None:
        self._call(lambda: self.client.filter_bind(binding))

    def unbind(self, binding: Binding) -> bool:
        return self._unless_missing(lambda: self.client.filter_unbind(binding))

    def _unless_missing(self, call: Callable[[], None]) -> bool:
        try:
            call()
        except PermanentError as error:
            if error.code == "NO_RESOURCE":
                return False
            raise translated(error) from None
        except JetError as error:
            raise translated(error) from None
        return True

    def probe_counter(self, filter_name: str, counter: str) -> Counter | None:
        try:
            found = self.client.filter_counter(filter_name, counter)
        except PermanentError as error:
            if error.code == "NO_RESOURCE":
                return None
            raise translated(error) from None
        except JetError as error:
            raise translated(error) from None
        return Counter(found.name, found.packets, found.bytes)

    def interfaces(self) -> list[Interface]:
        units = self._call(self.client.interfaces)
        return [Interface(i.name, i.admin_up, i.oper_up, i.families) for i in units]

    # ---------------------------------------------------------------- liveness

    def check_alive(self) -> None:
        """Rib/RouteInitialize again, a unary call: a live session answers ALREADY_INITIALIZED;
        one whose routing daemon restarted is initialized now, which says the router lost our
        routes (SessionLost: the caller opens a new session and reads again). A unary call,
        because a stream started while a router goes away can outlive its deadline."""
        try:
            self.client.rib_initialize()
        except PermanentError as error:
            if error.code == "ALREADY_INITIALIZED":
                return
            raise translated(error) from None
        except JetError as error:
            if error.code in NO_ANSWER:
                raise Unreachable(self.router, "Rib/RouteInitialize", error.code) from None
            raise SessionLost(self.router, "Rib/RouteInitialize", error.code) from None
        raise SessionLost(self.router, "Rib/RouteInitialize", "NOT_INITIALIZED (the routing daemon restarted)")

    def close(self) -> None:
        self.client.close()
