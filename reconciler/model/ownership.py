"""Which routes this product owns: route cookies carry a product tag in their top bits.

Cookies are derived from intent alone (a static route has one cookie; each BGP
path's cookie comes from its next hop), so the desired state is a pure function
of the intent and a plan never depends on what was written before.

A router should read a route back with the cookie it was written with. One that reads
back cookie 0 instead cannot tell us which routes are ours; then the keys this product
wrote and verified (`OwnedKeys`, kept in the journal) say it: a cookie-0 route at such a
key takes this product's cookie again (`adopt_static`, `adopt_bgp`). Since a cookie is a
function of the key (a BGP path's of its next hop), the key is all the record needs.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from reconciler.model.routes import BgpPath, RouteKey, RouteProtocol, StaticRoute

OWNER_TAG = 0x4A52  # "JR": the top 16 bits of every cookie this product writes
OWNER_SHIFT = 48
STATIC_COOKIE = (OWNER_TAG << OWNER_SHIFT) | 1
_BGP_MARK = 1 << 40

# Route kinds as the plan names them (reconciler.plan.model.Kind values).
STATIC_KIND, BGP_KIND = "static_route", "bgp_path"
ZERO_COOKIE_WARNING = (
    "router reads back cookie 0 for routes this product wrote: ownership from the journal (routes are matched by "
    "table and prefix, BGP paths also by next hop; a cookie-0 route the journal does not list is left alone, "
    "never deleted)"
)
COOKIES_BACK_NOTE = "router reads back route cookies again: ownership by cookie, the journal fallback is off"


def bgp_cookie(next_hop: str) -> int:
    """The cookie of the BGP path of one prefix via `next_hop` (canonical text)."""
    return (OWNER_TAG << OWNER_SHIFT) | _BGP_MARK | zlib.crc32(next_hop.encode())


def is_owned(cookie: int) -> bool:
    return cookie >> OWNER_SHIFT == OWNER_TAG


@dataclass
class OwnedKeys:
    """Keys of routes this product wrote on one router, per table: static routes by
    prefix, BGP paths by (prefix, next hop)."""

    static: dict[str, set[str]] = field(default_factory=dict)
    bgp: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, static: Iterable[RouteKey], bgp: Iterable[BgpPath]) -> OwnedKeys:
        """The keys of the routes among these that carry this product's tag."""
        keys = cls()
        for key in static:
            if is_owned(key.cookie):
                keys.static.setdefault(key.table, set()).add(key.prefix)
        for path in bgp:
            if is_owned(path.key.cookie):
                keys.bgp.setdefault(path.key.table, set()).add((path.key.prefix, path.next_hop))
        return keys

    def __len__(self) -> int:
        return sum(map(len, self.static.values())) + sum(map(len, self.bgp.values()))

    def add_static(self, key: RouteKey) -> None:
        self.static.setdefault(key.table, set()).add(key.prefix)

    def add_bgp(self, path: BgpPath) -> None:
        self.bgp.setdefault(path.key.table, set()).add((path.key.prefix, path.next_hop))

    def discard_static(self, key: RouteKey) -> None:
        self.static.get(key.table, set()).discard(key.prefix)

    def discard_bgp(self, path: BgpPath) -> None:
        self.bgp.get(path.key.table, set()).discard((path.key.prefix, path.next_hop))


def _tables(*parts: Mapping[str, set[str]] | Mapping[str, set[tuple[str, str]]]) -> set[str]:
    return {table for part in parts for table in part}


def combined(record: OwnedKeys, written: OwnedKeys, deleted: OwnedKeys) -> OwnedKeys:
    """The record, plus what this run wrote, minus what it deleted since (the router confirmed both)."""
    result = OwnedKeys()
    for table in _tables(record.static, written.static, deleted.static):
        prefixes = record.static.get(table, set()) | written.static.get(table, set())
        result.static[table] = prefixes - deleted.static.get(table, set())
    for table in _tables(record.bgp, written.bgp, deleted.bgp):
        pairs = record.bgp.get(table, set()) | written.bgp.get(table, set())
        result.bgp[table] = pairs - deleted.bgp.get(table, set())
    return result


def static_unread(written: OwnedKeys, tagged: Mapping[RouteKey, StaticRoute], zero: Iterable[StaticRoute]) -> bool:
    """A static route this run wrote (and the router confirmed) reads back without its tag,
    and a cookie-0 route stands at its key: the router drops cookies on read."""
    if not any(written.static.values()):
        return False
    spots = {(r.key.table, r.key.prefix) for r in zero}
    return any(
        (table, prefix) in spots and RouteKey(table, prefix, STATIC_COOKIE) not in tagged
        for table, prefixes in written.static.items()
        for prefix in prefixes
    )


def bgp_unread(written: OwnedKeys, tagged: Mapping[RouteKey, BgpPath], zero: Iterable[BgpPath]) -> bool:
    """As static_unread, for BGP paths (matched by next hop too)."""
    if not any(written.bgp.values()):
        return False
    spots = {(p.key.table, p.key.prefix, p.next_hop) for p in zero}
    return any(
        (table, prefix, hop) in spots and RouteKey(table, prefix, bgp_cookie(hop)) not in tagged
        for table, pairs in written.bgp.items()
        for prefix, hop in pairs
    )


def adopt_static(
    routes: dict[RouteKey, StaticRoute],
    zero: Iterable[StaticRoute],
    owned: OwnedKeys,
    desired: Mapping[RouteKey, StaticRoute],
) -> int:
    """Put the cookie-0 routes `zero` into `routes`: a static one at a key `owned` lists,
    where no route with our tag was read, under this product's cookie; any other as read.
    Of several candidates at one key, the one that equals the desired route is ours.
    Returns how many were taken as ours."""
    adopted: dict[RouteKey, StaticRoute] = {}  # our key -> the route as read (cookie 0)
    for route in zero:
        ours = RouteKey(route.key.table, route.key.prefix, STATIC_COOKIE)
        if route.protocol is not RouteProtocol.STATIC or route.key.prefix not in owned.static.get(route.key.table, ()):
            routes[route.key] = route
            continue
        candidate = replace(route, key=ours)
        if ours not in routes:
            routes[ours], adopted[ours] = candidate, route
        elif ours in adopted and candidate == desired.get(ours) != routes[ours]:
            routes[adopted[ours].key], routes[ours], adopted[ours] = adopted[ours], candidate, route
        else:
            routes[route.key] = route
    return len(adopted)


def adopt_bgp(
    paths: dict[RouteKey, BgpPath], zero: Iterable[BgpPath], owned: OwnedKeys, desired: Mapping[RouteKey, BgpPath]
) -> int:
    """As adopt_static, for BGP paths: a path is ours at (table, prefix, next hop)."""
    adopted: dict[RouteKey, BgpPath] = {}
    for path in zero:
        ours = RouteKey(path.key.table, path.key.prefix, bgp_cookie(path.next_hop))
        if (path.key.prefix, path.next_hop) not in owned.bgp.get(path.key.table, ()):
            paths[path.key] = path
            continue
        candidate = replace(path, key=ours)
        if ours not in paths:
            paths[ours], adopted[ours] = candidate, path
        elif ours in adopted and candidate == desired.get(ours) != paths[ours]:
            paths[adopted[ours].key], paths[ours], adopted[ours] = adopted[ours], candidate, path
        else:
            paths[path.key] = path
    return len(adopted)
