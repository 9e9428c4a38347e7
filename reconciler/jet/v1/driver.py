"""A JET v1 session as the engine's router port (RouterSession), for routes.

Routes, liveness, interfaces and the purge timer work as on a v2 router. A v1
router has no firewall service: every filter, binding or counter call is refused
before anything is sent, as a configuration error naming the inventory setting
(intent validation refuses filters for such a router earlier; this is the last
guard, e.g. for filters a journal remembers from when the router was api: v2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn, TypeVar

from reconciler.jet.driver import NO_ANSWER, JetRouter, translated
from reconciler.jet.errors import JetError, PermanentError
from reconciler.jet.v1.client import V1Client
from reconciler.model.filters import Binding, FirewallFilter, TermEdit
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute
from reconciler.port.errors import ConfigError, SessionLost, Unreachable
from reconciler.port.session import Counter, Interface, SessionInfo

T = TypeVar("T")

NO_FIREWALL = (
    "the router is api: v1 in devices.yaml, and JET v1 has no firewall service: filters and bindings "
    "cannot be managed on it (remove them from its intent, or set api: v2 if the router offers v2)"
)
_ALIVE_CHECK = "BgpRoute/BgpRouteInitialize"


class JetRouterV1:
    """RouterSession over one logged-in v1 client whose BGP session is initialized."""

    def __init__(self, client: V1Client, info: SessionInfo) -> None:
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
        # The v1 RIB matches a removal on table and prefix among this client's own routes
        # (the IDL marks matching by cookie as not implemented); this product writes one
        # cookie per static prefix, so the route removed is the one named.
        JetRouter.delete_if_present(self.client.rib_remove, keys)

    def delete_bgp(self, keys: Sequence[RouteKey]) -> None:
        JetRouter.delete_if_present(self.client.bgp_remove, keys)

    # ------------------------------------------------- no firewall service in v1

    def _no_firewall(self, operation: str) -> NoReturn:
        raise ConfigError(self.router, operation, NO_FIREWALL)

    def add_filter(self, filter_: FirewallFilter) -> None:
        self._no_firewall(f"add filter {filter_.family.value} {filter_.name}")

    def modify_filter(self, name: str, family: Family, edits: Sequence[TermEdit]) -> None:
        self._no_firewall(f"modify filter {family.value} {name}")

    def delete_filter(self, name: str, family: Family) -> bool:
        self._no_firewall(f"delete filter {family.value} {name}")

    def bind(self, binding: Binding) -> None:
        self._no_firewall(f"bind filter {binding.filter} {binding.direction.value} {binding.interface}")

    def unbind(self, binding: Binding) -> bool:
        self._no_firewall(f"unbind filter {binding.filter} {binding.direction.value} {binding.interface}")

    def probe_counter(self, filter_name: str, counter: str) -> Counter | None:
        self._no_firewall(f"read counter {counter} of filter {filter_name}")

    # ------------------------------------------------------------- the rest

    def interfaces(self) -> list[Interface]:
        units = self._call(self.client.interfaces)
        return [Interface(i.name, i.admin_up, i.oper_up, i.families) for i in units]

    def check_alive(self) -> None:
        """BgpRouteInitialize again, a unary call (v1's RIB has no initialize): a live session
        answers ALREADY_INITIALIZED; one whose routing daemon restarted is initialized now,
        which says the router lost our routes (SessionLost: open a new session, read again)."""
        try:
            self.client.bgp_initialize()
        except PermanentError as error:
            if error.code == "ALREADY_INITIALIZED":
                return
            raise translated(error) from None
        except JetError as error:
            if error.code in NO_ANSWER:
                raise Unreachable(self.router, _ALIVE_CHECK, error.code) from None
            raise SessionLost(self.router, _ALIVE_CHECK, error.code) from None
        raise SessionLost(self.router, _ALIVE_CHECK, "NOT_INITIALIZED (the routing daemon restarted)")

    def close(self) -> None:
        self.client.close()
