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
from itertools import groupby
from operator import attrgetter, itemgetter

from reconciler.model.routes import BgpPath, Gateway, RouteKey, RouteProtocol, StaticRoute
from reconciler.plan.behaviour.route_lpm import Nearby, Net, blocks, innermost, parse, select
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
    # (table, prefix) -> routes before, and routes after for the prefixes a change touches
    nodes: dict[tuple[str, str], list[RouteValue]] = {}
    for routes in (before.static, before.bgp):
        near: Mapping[RouteKey, RouteValue] = select(routes, nearby, _PREFIX, _TABLE)
        for key, route in near.items():
            nodes.setdefault((key.table, key.prefix), []).append(route)
    touched: dict[tuple[str, str], list[RouteValue]] = {}
    for overlay in (static, bgp):
        for key in overlay:
            node = (key.table, key.prefix)
            if node not in touched:
                touched[node] = [r for r in nodes.get(node, ()) if not _replaced(r, static, bgp)]
        for key, new in overlay.items():
            if new is not None:
                touched[key.table, key.prefix].append(new)
    return RouteBehaviour(tuple(_ranges(nodes, touched)), limit)


def _replaced(route: RouteValue, static: Overlay, bgp: Overlay) -> bool:
    return route.key in (static if isinstance(route, StaticRoute) else bgp)


def _ranges(
    nodes: Mapping[tuple[str, str], list[RouteValue]], touched: Mapping[tuple[str, str], list[RouteValue]]
) -> list[RangeChange]:
    per_family: dict[tuple[str, int], list[tuple[Net, tuple[Forwarding | None, Forwarding | None]]]] = {}
    for node in nodes.keys() | touched.keys():
        table, prefix = node
        net = parse(prefix)
        old = _forwarding(prefix, nodes.get(node, []))
        new = _forwarding(prefix, touched[node]) if node in touched else old
        per_family.setdefault((table, net.bits), []).append((net, (old, new)))
    result: list[RangeChange] = []
    for (table, bits), family_nodes in sorted(per_family.items()):
        merged: list[tuple[int, int, Forwarding | None, Forwarding | None]] = []
        for segment in innermost(family_nodes):
            old_fwd, new_fwd = segment.value
            if _hops(old_fwd) == _hops(new_fwd):
                continue
            if merged and merged[-1][1] + 1 == segment.start and merged[-1][2:] == (old_fwd, new_fwd):
                merged[-1] = (merged[-1][0], segment.end, old_fwd, new_fwd)
            else:
                merged.append((segment.start, segment.end, old_fwd, new_fwd))
        for start, end, old_fwd, new_fwd in merged:
            for block_start, length in blocks(bits, start, end):
                block = Net(bits, block_start, length)
                result.append(RangeChange(table, block.text(), old_fwd, new_fwd, length, block_start))
    result.sort(key=lambda r: (r.table, r.length, ":" in r.prefix, r.start))
    return result


def _hops(forwarding: Forwarding | None) -> tuple[str, ...] | None:
    return None if forwarding is None else forwarding.next_hops


def _forwarding(prefix: str, routes: list[RouteValue]) -> Forwarding | None:
    if not routes:
        return None
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
