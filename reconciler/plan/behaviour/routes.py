"""Behavioural route diff: which destinations change forwarding when routes change.

Forwarding of a destination is decided by longest-prefix match over every route of the
table (ours, configured, direct, other clients'): the longest prefix holding a route
wins; among that prefix's routes the lowest preference wins, and every route at that
preference contributes its next hops (one ECMP set). Assumptions, stated because the
router has more tie-breakers than the values we read:

- a static route's preference is `preference`, else its protocol's default (direct and
  local 0, static 5, other 5); a BGP path's is `route_preference`, else 170;
- all BGP paths of one prefix at the best preference form one multipath set (local
  preference, MED and AS path are not used to pick one), and a static route and BGP
  paths tied on preference share the set too;
- a next hop is its text (address, interface, weight): a weight change is a change.

Only prefixes nested with a changed one are looked at: destinations outside every
changed prefix are forwarded by the same routes before and after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, groupby, repeat
from operator import attrgetter, itemgetter, not_

from reconciler.model.routes import BgpPath, Gateway, RouteKey, RouteProtocol, StaticRoute
from reconciler.plan.behaviour.route_lpm import (
    Nearby,
    Net,
    Node,
    Segment,
    blocks,
    innermost,
    parse,
    parse_many,
    prefix_text,
    select,
)
from reconciler.plan.model import Action, Change, Kind

RouteValue = StaticRoute | BgpPath

STATIC_DEFAULT_PREFERENCE = {
    RouteProtocol.DIRECT: 0,
    RouteProtocol.LOCAL: 0,
    RouteProtocol.STATIC: 5,
    RouteProtocol.OTHER: 5,
}
BGP_DEFAULT_PREFERENCE = 170
_TABLE = itemgetter(0)
_PREFIX = itemgetter(1)


@dataclass(frozen=True)
class RouteTables:
    """The routes a router has, per table: RouteKey's first field is the table name.

    Two flat maps rather than one per table: they are exactly `Observed`'s, so a
    million-route read is used as is, never regrouped. Include every route the router
    has (not only ours): all of them take part in longest-prefix match.
    """

    static: Mapping[RouteKey, StaticRoute] = field(default_factory=dict)
    bgp: Mapping[RouteKey, BgpPath] = field(default_factory=dict)

    @classmethod
    def of(cls, routes: Iterable[RouteValue]) -> RouteTables:
        static: dict[RouteKey, StaticRoute] = {}
        bgp: dict[RouteKey, BgpPath] = {}
        for route in routes:
            if isinstance(route, StaticRoute):
                static[route.key] = route
            else:
                bgp[route.key] = route
        return cls(static, bgp)


@dataclass(frozen=True, slots=True)
class Forwarding:
    """Where a destination goes: the route prefix it matches and that prefix's ECMP set."""

    via: str
    next_hops: tuple[str, ...]

    def text(self, block: str) -> str:
        hops = ", ".join(self.next_hops)
        return f"via {hops}" if self.via == block else f"via {self.via} → {hops}"


@dataclass(frozen=True, slots=True)
class RangeChange:
    """One destination prefix whose forwarding changes (None: unreachable)."""

    table: str
    prefix: str
    before: Forwarding | None
    after: Forwarding | None
    length: int = field(default=0, compare=False)
    start: int = field(default=0, compare=False)

    def line(self) -> str:
        return f"{self.table} {self.prefix}: {_side(self.before, self.prefix)} becomes {_side(self.after, self.prefix)}"


def _side(forwarding: Forwarding | None, block: str) -> str:
    return "unreachable" if forwarding is None else forwarding.text(block)


@dataclass(frozen=True)
class RouteBehaviour:
    """Every destination range whose forwarding changes: per table (by name), largest first."""

    changes: tuple[RangeChange, ...] = ()
    limit: int = 10

    def lines(self) -> list[str]:
        """At most `limit` lines per table, then "TABLE ... and N more"."""
        result: list[str] = []
        for table, group in groupby(self.changes, key=attrgetter("table")):
            changes = list(group)
            result += [change.line() for change in changes[: self.limit]]
            if len(changes) > self.limit:
                result.append(f"{table} ... and {len(changes) - self.limit} more")
        return result


Overlay = Mapping[RouteKey, RouteValue | None]  # the routes a change adds (value) or removes (None)


def route_diff(before: RouteTables, after: RouteTables, *, limit: int = 10) -> RouteBehaviour:
    """Destinations whose forwarding differs between two states of one router's tables."""
    return _diff(before, _overlay(before.static, after.static), _overlay(before.bgp, after.bgp), limit)


def route_diff_for_plan(
    observed_static: Mapping[RouteKey, StaticRoute],
    observed_bgp: Mapping[RouteKey, BgpPath],
    changes: Sequence[Change],
    *,
    limit: int = 10,
) -> RouteBehaviour:
    """The behaviour of a plan's route changes on the router as observed.

    `after` is `before` with the changes applied: a create adds `subject`, a delete
    removes `subject`, an update removes `previous` and adds `subject`.
    """
    static: dict[RouteKey, RouteValue | None] = {}
    bgp: dict[RouteKey, RouteValue | None] = {}
    for change in changes:
        if change.kind is Kind.STATIC_ROUTE:
            target = static
        elif change.kind is Kind.BGP_PATH:
            target = bgp
        else:
            continue
        if change.action is Action.DELETE:
            target[change.subject.key] = None
            continue
        if change.action is Action.UPDATE and change.previous is not None:
            target[change.previous.key] = None
        target[change.subject.key] = change.subject
    return _diff(RouteTables(observed_static, observed_bgp), static, bgp, limit)


def _overlay(before: Mapping[RouteKey, RouteValue], after: Mapping[RouteKey, RouteValue]) -> Overlay:
    result: dict[RouteKey, RouteValue | None] = dict.fromkeys(before.keys() - after.keys())
    get = before.get
    for key, value in after.items():
        old = get(key)
        if old is not value and old != value:
            result[key] = value
    return result


def _diff(before: RouteTables, static: Overlay, bgp: Overlay, limit: int) -> RouteBehaviour:
    changed: dict[str, list[Net]] = {}
    for key in (*static, *bgp):
        changed.setdefault(key.table, []).append(parse(key.prefix))
    if not changed:
        return RouteBehaviour((), limit)
    # Cheap text filters first (no parsing): only prefixes nested with a changed one matter.
    nearby = {table: Nearby(nets) for table, nets in changed.items()}
    # per table, prefix -> routes before, and routes after for the prefixes a change touches
    nodes: dict[str, dict[str, list[RouteValue]]] = {table: {} for table in nearby}
    for routes in (before.static, before.bgp):
        near: Mapping[RouteKey, RouteValue] = select(routes, nearby, _PREFIX, _TABLE)
        for key, route in near.items():
            table_nodes = nodes[key[0]]
            found = table_nodes.get(key[1])
            if found is None:
                table_nodes[key[1]] = [route]
            else:
                found.append(route)
    touched: dict[str, dict[str, list[RouteValue]]] = {table: {} for table in nearby}
    for overlay in (static, bgp):
        for key in overlay:
            if key.prefix not in touched[key.table]:
                kept = [r for r in nodes[key.table].get(key.prefix, ()) if not _replaced(r, static, bgp)]
                touched[key.table][key.prefix] = kept
        for key, new in overlay.items():
            if new is not None:
                touched[key.table][key.prefix].append(new)
    result: list[RangeChange] = []
    for table in sorted(nodes):
        result += _ranges(table, nodes[table], touched[table])
    result.sort(key=lambda r: (r.table, r.length, ":" in r.prefix, r.start))
    return RouteBehaviour(tuple(result), limit)


def _replaced(route: RouteValue, static: Overlay, bgp: Overlay) -> bool:
    return route.key in (static if isinstance(route, StaticRoute) else bgp)


Routes = tuple[str, list[RouteValue]]  # a prefix and its routes on one side


def _ranges(
    table: str, nodes: Mapping[str, list[RouteValue]], touched: Mapping[str, list[RouteValue]]
) -> list[RangeChange]:
    # Built with C-level maps and zips: a change of a default route reaches a whole table.
    untouched = list(nodes.keys() - touched.keys())
    v6_flags = list(map(str.__contains__, untouched, repeat(":")))
    result: list[RangeChange] = []
    forwarding: dict[int, Forwarding] = {}  # id of a side's Routes (alive in `family`) -> its forwarding
    hops_of: dict[int, tuple[tuple[Gateway, ...], tuple[str, ...]]] = {}
    for v6 in (False, True):
        prefixes = list(compress(untouched, v6_flags if v6 else map(not_, v6_flags)))
        sides: list[Routes] = list(zip(prefixes, map(nodes.__getitem__, prefixes), strict=True))
        values: list[tuple[Routes | None, Routes | None]] = list(zip(sides, sides, strict=True))  # same: unchanged
        for prefix, kept in touched.items():
            if (":" in prefix) is v6:
                prefixes.append(prefix)
                values.append(((prefix, nodes[prefix]) if prefix in nodes else None, (prefix, kept) if kept else None))
        if not prefixes:
            continue
        bits = 128 if v6 else 32
        family: list[Node[Routes]] = list(zip(*parse_many(prefixes, bits), values, strict=True))
        merged: list[Segment[Forwarding]] = []
        for start, end, old_routes, new_routes in innermost(family):
            before = _memo(old_routes, forwarding, hops_of)
            after = _memo(new_routes, forwarding, hops_of)
            if _hops(before) == _hops(after):
                continue
            if merged and merged[-1][1] + 1 == start and merged[-1][2:] == (before, after):
                merged[-1] = (merged[-1][0], end, before, after)
            else:
                merged.append((start, end, before, after))
        for start, end, before, after in merged:
            for block_start, length in blocks(bits, start, end):
                text = prefix_text(bits, block_start, length)
                result.append(RangeChange(table, text, before, after, length, block_start))
    return result


def _memo(
    side: Routes | None, memo: dict[int, Forwarding], hops_of: dict[int, tuple[tuple[Gateway, ...], tuple[str, ...]]]
) -> Forwarding | None:
    if side is None:
        return None
    found = memo.get(id(side))
    if found is None:
        found = memo[id(side)] = _forwarding(side[0], side[1], hops_of)
    return found


def _hops(forwarding: Forwarding | None) -> tuple[str, ...] | None:
    return None if forwarding is None else forwarding.next_hops


def _forwarding(
    prefix: str, routes: Sequence[RouteValue], hops_of: dict[int, tuple[tuple[Gateway, ...], tuple[str, ...]]]
) -> Forwarding:
    if len(routes) == 1:  # the common case, kept cheap for changes that reach a whole table
        route = routes[0]
        if isinstance(route, BgpPath):
            return Forwarding(prefix, (route.next_hop,))
        # Gateway tuples are interned (model.routes.intern_gateways): one text per distinct set.
        cached = hops_of.get(id(route.gateways))
        if cached is None or cached[0] is not route.gateways:
            cached = hops_of[id(route.gateways)] = (
                route.gateways,
                tuple(sorted({_gateway(g) for g in route.gateways})),
            )
        return Forwarding(prefix, cached[1])
    ranked = [(_preference(route), route) for route in routes]
    best = min(rank for rank, _ in ranked)
    hops: set[str] = set()
    for rank, route in ranked:
        if rank != best:
            continue
        if isinstance(route, StaticRoute):
            hops.update(_gateway(g) for g in route.gateways)
        else:
            hops.add(route.next_hop)
    return Forwarding(prefix, tuple(sorted(hops)))


def _preference(route: RouteValue) -> int:
    if isinstance(route, StaticRoute):
        return route.preference if route.preference is not None else STATIC_DEFAULT_PREFERENCE[route.protocol]
    return route.route_preference if route.route_preference is not None else BGP_DEFAULT_PREFERENCE


def _gateway(g: Gateway) -> str:
    # The plan's own spelling of a gateway (reconciler.plan.values).
    text = g.address or ""
    if g.interface:
        text = f"{text} via {g.interface}" if text else g.interface
    return f"{text} weight {g.weight}" if g.weight is not None else text
