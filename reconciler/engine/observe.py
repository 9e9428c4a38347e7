"""Observing one router: its routes (static and BGP) in every table that matters,
and the journal's filters and bindings (a router cannot return those), cross-checked
where the router allows it: a counter probe per filter, the interface list. Routes read
back with cookie 0 are ours only where engine.ownership says so."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from reconciler.engine.ownership import Ownership
from reconciler.intent.merge import RouterIntent
from reconciler.model.filters import Binding, FirewallFilter
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, Gateway, RouteKey, StaticRoute, intern_gateways
from reconciler.plan.model import Observed
from reconciler.port.errors import Reason, Refused, Retryable
from reconciler.port.session import RouterSession
from reconciler.store.journal import Journal


def tables_to_read(intent: RouterIntent) -> tuple[str, ...]:
    """Global tables, the router's routing instances, and any table the intent names:
    owned routes may be left in a table the intent no longer uses."""
    tables = {"inet.0", "inet6.0"}
    for instance in intent.entry.routing_instances:
        tables |= {f"{instance}.inet.0", f"{instance}.inet6.0"}
    tables |= {key.table for key in intent.static_routes} | {key.table for key in intent.bgp_paths}
    return tuple(sorted(tables))


READ_ATTEMPTS = 3  # reads of one table whose stream broke, in all, before the read fails
REREAD_DELAY = 0.2  # seconds before the first re-read; doubles, with jitter


def _pause(attempt: int) -> None:
    time.sleep(REREAD_DELAY * 2 ** (attempt - 1) * (0.5 + random.random() / 2))


def _gateway_order(g: Gateway) -> tuple[str, str, int]:
    return (g.address or "", g.interface or "", g.weight or 0)


class _Read:
    """One table read whole: routes with a cookie by key; those with cookie 0 apart, as a list
    (several may share a key: they are sorted out by engine.ownership)."""

    def __init__(self) -> None:
        self.static: dict[RouteKey, StaticRoute] = {}
        self.bgp: dict[RouteKey, BgpPath] = {}
        self.zero_static: list[StaticRoute] = []
        self.zero_bgp: list[BgpPath] = []


def _read_table(
    session: RouterSession, table: str, sorted_gateways: dict[tuple[Gateway, ...], tuple[Gateway, ...]]
) -> _Read:
    read = _Read()
    for route in session.read_static(table):
        gateways = sorted_gateways.get(route.gateways)
        if gateways is None:  # a router may list next hops in any order: compare as a set
            gateways = sorted_gateways[route.gateways] = intern_gateways(
                tuple(sorted(route.gateways, key=_gateway_order))
            )
        if gateways is not route.gateways:
            route = StaticRoute(route.key, gateways, route.preference, route.preference2, route.tag, route.protocol)
        if route.key.cookie:
            read.static[route.key] = route
        else:
            read.zero_static.append(route)
    for path in session.read_bgp(table):
        if list(path.communities) != sorted(path.communities):
            path = BgpPath(path.key, path.next_hop, path.route_preference, path.local_preference, path.med,
                           path.as_path, tuple(sorted(path.communities)), path.peer_type)  # fmt: skip
        if path.key.cookie:
            read.bgp[path.key] = path
        else:
            read.zero_bgp.append(path)
    return read


def _whole_table(
    session: RouterSession,
    table: str,
    sorted_gateways: dict[tuple[Gateway, ...], tuple[Gateway, ...]],
    pause: Callable[[int], None],
) -> _Read:
    """One table read whole: a stream that broke part-way (Retryable) is read again from
    the start, READ_ATTEMPTS times in all; what a broken stream delivered is dropped."""
    for attempt in range(1, READ_ATTEMPTS):
        try:
            return _read_table(session, table, sorted_gateways)
        except Retryable:
            pause(attempt)
    try:
        return _read_table(session, table, sorted_gateways)
    except Retryable as error:
        raise Retryable(error.router, error.operation,
                        f"{error.detail} (table {table} read {READ_ATTEMPTS} times, every read failed)",
                        subject=error.subject) from None  # fmt: skip


def _present_filters(
    session: RouterSession, filters: dict[tuple[str, str], FirewallFilter]
) -> tuple[dict[tuple[Family, str], FirewallFilter], list[str]]:
    """(the journal's filters a probe did not find gone, "family name" of those it did)."""
    present: dict[tuple[Family, str], FirewallFilter] = {}
    missing: list[str] = []
    for _, filter_ in sorted(filters.items()):
        counters = [t.action.count for t in filter_.terms if t.action.count]
        # Without a counter there is nothing to probe with: the journal is the only record.
        if counters and session.probe_counter(filter_.name, counters[0]) is None:
            missing.append(f"{filter_.family.value} {filter_.name}")
            continue
        present[(filter_.family, filter_.name)] = filter_
    return present, missing


def observe(
    intent: RouterIntent,
    session: RouterSession,
    journal: Journal,
    *,
    pause: Callable[[int], None] = _pause,
    ownership: Ownership | None = None,
) -> Observed:
    """Everything the plan needs from one router. Any failed read raises: a partial
    read must never become a plan (it would look like routes to re-create). A route
    stream that broke is read again whole first (see _whole_table). Cookie-0 routes are
    sorted out by `ownership` (by default the journal's view, read only)."""
    tables = tables_to_read(intent)
    used = {key.table for key in intent.static_routes} | {key.table for key in intent.bgp_paths}
    static: dict[RouteKey, StaticRoute] = {}
    bgp: dict[RouteKey, BgpPath] = {}
    sorted_gateways: dict[tuple[Gateway, ...], tuple[Gateway, ...]] = {}
    zero_static: list[StaticRoute] = []
    zero_bgp: list[BgpPath] = []
    skipped: list[str] = []
    for table in tables:
        try:
            found = _whole_table(session, table, sorted_gateways, pause)
        except Refused as error:
            if error.reason is not Reason.NO_TABLE or table in used:
                raise
            skipped.append(table)  # a routing instance in devices.yaml that the router lacks
            continue
        static.update(found.static)
        bgp.update(found.bgp)
        zero_static += found.zero_static
        zero_bgp += found.zero_bgp
    ownership = ownership or Ownership(journal, intent.name)
    ownership.settle(static, bgp, zero_static, zero_bgp, intent.static_routes, intent.bgp_paths)
    present, missing = _present_filters(session, journal.programmed_filters(intent.name))
    gone = {tuple(text.split(" ", 1)) for text in missing}
    # A binding goes with its filter, keyed by family and name: a missing inet filter X
    # says nothing about the inet6 filter X.
    bindings: dict[tuple[str, str, str], Binding] = {
        (b.interface, b.direction.value, b.family.value): b
        for b in journal.programmed_bindings(intent.name)
        if (b.family.value, b.filter) not in gone
    }
    interfaces = frozenset(i.name for i in session.interfaces() if i.is_unit)
    read = tuple(t for t in tables if t not in skipped)
    return Observed(static, bgp, present, bindings, read, tuple(missing), interfaces, tuple(skipped))
