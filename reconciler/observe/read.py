"""Observing one router: its routes (RIB and BGP) in every table that matters, and
the journal's filters and bindings, cross-checked where the router allows it."""

from __future__ import annotations

from reconciler.intent.merge import DeviceIntent
from reconciler.jet.client import JetClient
from reconciler.jet.errors import PermanentError
from reconciler.model.routes import BgpPath, Gateway, RouteKey, StaticRoute, intern_gateways
from reconciler.plan.model import Observed
from reconciler.store.journal import Journal


def tables_to_read(intent: DeviceIntent) -> tuple[str, ...]:
    """Global tables, the device's routing instances, and any table the intent names:
    owned routes may be left in a table the intent no longer uses."""
    tables = {"inet.0", "inet6.0"}
    for instance in intent.device.routing_instances:
        tables |= {f"{instance}.inet.0", f"{instance}.inet6.0"}
    tables |= {key.table for key in intent.static_routes} | {key.table for key in intent.bgp_paths}
    return tuple(sorted(tables))


def _gateway_order(g: Gateway) -> tuple[str, str, int]:
    return (g.address or "", g.interface or "", g.weight or 0)


def _read_table(
    client: JetClient,
    table: str,
    static: dict[RouteKey, StaticRoute],
    bgp: dict[RouteKey, BgpPath],
    sorted_gateways: dict[tuple[Gateway, ...], tuple[Gateway, ...]],
) -> None:
    for route in client.rib_get(table):
        gateways = sorted_gateways.get(route.gateways)
        if gateways is None:  # a router may list next hops in any order: compare as a set
            gateways = sorted_gateways[route.gateways] = intern_gateways(
                tuple(sorted(route.gateways, key=_gateway_order))
            )
        if gateways is not route.gateways:
            route = StaticRoute(route.key, gateways, route.preference, route.preference2, route.tag, route.protocol)
        static[route.key] = route
    for path in client.bgp_get(table):
        if list(path.communities) != sorted(path.communities):
            path = BgpPath(path.key, path.next_hop, path.route_preference, path.local_preference, path.med,
                           path.as_path, tuple(sorted(path.communities)), path.peer_type)  # fmt: skip
        bgp[path.key] = path


def observe(intent: DeviceIntent, client: JetClient, journal: Journal) -> Observed:
    """Everything the plan needs from one router. Any failed read raises: a partial
    read must never become a plan (it would look like routes to re-create)."""
    tables = tables_to_read(intent)
    used = {key.table for key in intent.static_routes} | {key.table for key in intent.bgp_paths}
    static: dict[RouteKey, StaticRoute] = {}
    bgp: dict[RouteKey, BgpPath] = {}
    sorted_gateways: dict[tuple[Gateway, ...], tuple[Gateway, ...]] = {}
    skipped: list[str] = []
    for table in tables:
        try:
            _read_table(client, table, static, bgp, sorted_gateways)
        except PermanentError as error:
            if error.code != "TABLE_INVALID" or table in used:
                raise
            skipped.append(table)  # a routing instance in devices.yaml that the router lacks
    filters = journal.programmed_filters(intent.name)
    missing = []
    for (family, name), filter_ in sorted(filters.items()):
        counters = [t.action.count for t in filter_.terms if t.action.count]
        if not counters:
            continue  # nothing to probe with: the journal is the only record
        try:
            client.filter_counter(name, counters[0])
        except PermanentError as error:
            if error.code != "NO_RESOURCE":
                raise
            missing.append(f"{family} {name}")
    present = {(f.family, f.name): f for key, f in filters.items() if f"{key[0]} {key[1]}" not in missing}
    gone = {family_name.split(" ", 1)[1] for family_name in missing}
    bindings = {
        (b.interface, b.direction.value, b.family.value): b
        for b in journal.programmed_bindings(intent.name)
        if b.filter not in gone
    }
    interfaces = frozenset(i.name for i in client.interfaces() if i.is_unit)
    read = tuple(t for t in tables if t not in skipped)
    return Observed(static, bgp, present, bindings, read, tuple(missing), interfaces, tuple(skipped))
