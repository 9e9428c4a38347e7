"""Compiling route specs into route values, with every semantic check.

The hot path of large intents: plain loops, socket-based prefix parsing, and
interned next-hop tuples so a million routes share a handful of gateway sets.
"""

from __future__ import annotations

import itertools
import re
import socket
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from reconciler.intent.errors import MAX_ERRORS
from reconciler.model.intent import (
    BgpPathSpec,
    BgpRouteSpec,
    NextHopSpec,
    StaticRouteSpec,
)
from reconciler.model.names import is_interface_unit
from reconciler.model.ownership import STATIC_COOKIE, bgp_cookie
from reconciler.model.prefixes import parse_prefix
from reconciler.model.routes import BgpPath, Gateway, PeerType, RouteKey, StaticRoute, intern_gateways

Location = tuple[str | int, ...]
UINT32 = 2**32 - 1
MAX_NEXT_HOPS = 64
DEFAULT_PREFERENCE = 5  # the router's default for static routes; written explicitly
DEFAULT_PREFERENCE2 = 100
DEFAULT_BGP_ROUTE_PREFERENCE = 170
_TABLE = re.compile(r"^(?:([A-Za-z0-9][\w.-]*)\.)?(inet6?)\.0$")
_COMMUNITY = re.compile(r"^(\d{1,5}):(\d{1,5})$")
_WELL_KNOWN_COMMUNITIES = frozenset({"no-export", "no-advertise", "no-export-subconfed", "llgr-stale", "no-llgr"})
_AS_PATH = re.compile(r"^[\d\s{}(),]*$")


class SpecError(ValueError):
    """A semantic error at a location inside the file (relative to the route list)."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location


@dataclass
class CompiledRoutes:
    static: list[StaticRoute] = field(default_factory=list)
    # index of each compiled route in the file's static_routes list (8 bytes a route, not a tuple)
    static_index: array[int] = field(default_factory=lambda: array("q"))
    bgp: list[BgpPath] = field(default_factory=list)
    bgp_places: list[Location] = field(default_factory=list)
    errors: list[SpecError] = field(default_factory=list)
    more_errors: int = 0  # errors past MAX_ERRORS: counted, not kept

    def error(self, error: SpecError) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1


def _prefix(text: str) -> tuple[str, str]:
    prefix, family = parse_prefix(text)
    return prefix, family.value


def _address(text: str) -> tuple[str, str] | None:
    """(canonical address, family) or None when `text` is not an IP address."""
    af, family = (socket.AF_INET6, "inet6") if ":" in text else (socket.AF_INET, "inet")
    try:
        return socket.inet_ntop(af, socket.inet_pton(af, text)), family
    except OSError:
        return None


def _table(family: str, table: str | None, instance: str | None) -> str:
    if table is not None and instance is not None:
        raise ValueError("give table or routing_instance, not both")
    if table is None:
        return f"{instance}.{family}.0" if instance else f"{family}.0"
    found = _TABLE.match(table)
    if found is None:
        raise ValueError(f"{table!r} is not a table name like inet.0 or blue.inet6.0")
    if found.group(2) != family:
        raise ValueError(f"a {family} prefix cannot go in table {table}")
    return table


def _uint32(value: int | None, location: Location, what: str) -> int | None:
    if value is not None and not 0 <= value <= UINT32:
        raise SpecError(location, f"{what} must be within 0-{UINT32}")
    return value


MIN_PREFERENCE = 5  # a router raises a lower RIB preference to 5: the route would never read back as written


def _preference(value: int, at: Location) -> int:
    if value < MIN_PREFERENCE:
        raise SpecError((*at, "preference"), f"preference must be at least {MIN_PREFERENCE} (a router raises lower "
                                             f"values to {MIN_PREFERENCE})")  # fmt: skip
    checked = _uint32(value, (*at, "preference"), "preference")
    assert checked is not None
    return checked


class StaticCompiler:
    """Compiles static routes; interns next-hop tuples across calls.

    Bulk routes repeat a few next-hop lists, so each distinct (family, next_hops)
    spelling is validated once and its result (gateways or error) reused.
    """

    _MEMO_LIMIT = 65536

    def __init__(self) -> None:
        self._memo: dict[tuple[str, tuple[str | NextHopSpec, ...]], tuple[Gateway, ...] | SpecError] = {}

    def memo_gateways(self, hops: Sequence[str | NextHopSpec], family: str, at: Location) -> tuple[Gateway, ...]:
        key = (family, tuple(hops))
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= self._MEMO_LIMIT:
                self._memo.clear()
            try:
                found = self.gateways(hops, family, ())
            except SpecError as error:
                found = error  # location relative to the route; re-raised below with the route's
            self._memo[key] = found
        if isinstance(found, SpecError):
            raise SpecError((*at, *found.location), str(found))
        return found

    def gateways(self, hops: Sequence[str | NextHopSpec], family: str, at: Location) -> tuple[Gateway, ...]:
        if not 1 <= len(hops) <= MAX_NEXT_HOPS:
            raise SpecError((*at, "next_hops"), f"a route needs 1 to {MAX_NEXT_HOPS} next hops, not {len(hops)}")
        result = []
        for index, hop in enumerate(hops):
            where = (*at, "next_hops", index)
            if isinstance(hop, str):
                address = _address(hop)
                if address is not None:
                    gateway = Gateway(address=address[0])
                elif is_interface_unit(hop):
                    gateway = Gateway(interface=hop)
                else:
                    raise SpecError(where, f"{hop!r} is neither an IP address nor an interface unit")
            else:
                address = None
                if hop.address is not None:
                    address = _address(hop.address)
                    if address is None:
                        raise SpecError((*where, "address"), f"{hop.address!r} is not an IP address")
                if hop.interface is not None and not is_interface_unit(hop.interface):
                    raise SpecError((*where, "interface"), f"{hop.interface!r} is not an interface unit")
                if address is None and hop.interface is None:
                    raise SpecError(where, "a next hop needs an address and/or an interface")
                if hop.weight is not None and not 0 <= hop.weight <= 65535:
                    raise SpecError((*where, "weight"), "weight must be within 0-65535")
                gateway = Gateway(address[0] if address else None, hop.interface, hop.weight)
            if address is not None and address[1] != family:
                raise SpecError(where, f"next hop {address[0]} is not {family} like the prefix")
            result.append(gateway)
        result.sort(key=lambda g: (g.address or "", g.interface or "", g.weight or 0))
        ordered = tuple(result)
        for left, right in itertools.pairwise(ordered):
            if (left.address, left.interface) == (right.address, right.interface):
                raise SpecError((*at, "next_hops"), f"next hop {left.address or left.interface} is listed twice")
        return intern_gateways(ordered)

    def compile(self, specs: Sequence[StaticRouteSpec], out: CompiledRoutes) -> None:
        tables: dict[tuple[str, str | None, str | None], str] = {}
        for index, spec in enumerate(specs):
            at: Location = ("static_routes", index)
            try:
                try:
                    prefix, family = _prefix(spec.prefix)
                except ValueError as exc:
                    raise SpecError((*at, "prefix"), str(exc)) from None
                table_key = (family, spec.table, spec.routing_instance)
                table = tables.get(table_key)
                if table is None:
                    try:
                        table = tables[table_key] = _table(family, spec.table, spec.routing_instance)
                    except ValueError as exc:
                        raise SpecError((*at, "table" if spec.table else "routing_instance"), str(exc)) from None
                route = StaticRoute(
                    RouteKey(table, prefix, STATIC_COOKIE),
                    self.memo_gateways(spec.next_hops, family, at),
                    DEFAULT_PREFERENCE if spec.preference is None else _preference(spec.preference, at),
                    DEFAULT_PREFERENCE2
                    if spec.preference2 is None
                    else _uint32(spec.preference2, (*at, "preference2"), "preference2"),
                    _uint32(spec.tag, (*at, "tag"), "tag"),
                )
            except SpecError as error:
                out.error(error)
                continue
            out.static.append(route)
            out.static_index.append(index)


def _communities(values: list[str] | None, at: Location) -> tuple[str, ...]:
    result = set()
    for index, text in enumerate(values or ()):
        found = _COMMUNITY.match(text)
        valid = text in _WELL_KNOWN_COMMUNITIES or (
            found is not None and int(found.group(1)) <= 65535 and int(found.group(2)) <= 65535
        )
        if not valid:
            raise SpecError((*at, index), f"{text!r} is not a community like 65000:100 or no-export")
        result.add(text)
    return tuple(sorted(result))


def compile_bgp(specs: Sequence[BgpRouteSpec], out: CompiledRoutes) -> None:
    for index, spec in enumerate(specs):
        at: Location = ("bgp_routes", index)
        try:
            try:
                prefix, family = _prefix(spec.prefix)
            except ValueError as exc:
                raise SpecError((*at, "prefix"), str(exc)) from None
            try:
                table = _table(family, spec.table, spec.routing_instance)
            except ValueError as exc:
                raise SpecError((*at, "table" if spec.table else "routing_instance"), str(exc)) from None
            if not spec.paths:
                raise SpecError((*at, "paths"), "a BGP route needs at least one path")
            paths = [
                (_path(spec, path, family, RouteKey(table, prefix), (*at, "paths", i)), i)
                for i, path in enumerate(spec.paths)
            ]
            paths.sort(key=lambda pair: pair[0].next_hop)  # paths are a set: order carries no meaning
            hops = [p.next_hop for p, _ in paths]
            for hop in hops:
                if hops.count(hop) > 1:
                    raise SpecError((*at, "paths"), f"two paths use next hop {hop}")
        except SpecError as error:
            out.error(error)
            continue
        for path, i in paths:
            out.bgp.append(path)
            out.bgp_places.append((*at, "paths", i))


def _path(route: BgpRouteSpec, spec: BgpPathSpec, family: str, where: RouteKey, at: Location) -> BgpPath:
    """One path; fields it leaves out come from its route."""
    address = _address(spec.next_hop)
    if address is None:
        raise SpecError((*at, "next_hop"), f"{spec.next_hop!r} is not an IP address")
    if address[1] != family:
        raise SpecError((*at, "next_hop"), f"next hop {address[0]} is not {family} like the prefix")
    route_at = at[:-2]  # inherited values are reported where the route declares them
    as_path = spec.as_path if spec.as_path is not None else route.as_path
    if as_path is not None and not _AS_PATH.match(as_path):
        field_at = (*at, "as_path") if spec.as_path is not None else (*route_at, "as_path")
        raise SpecError(field_at, "as_path is AS numbers separated by spaces, e.g. '65001 65002'")
    route_preference = spec.route_preference if spec.route_preference is not None else route.route_preference
    local_preference = spec.local_preference if spec.local_preference is not None else route.local_preference
    med = spec.med if spec.med is not None else route.med
    communities = spec.communities if spec.communities is not None else route.communities
    return BgpPath(
        RouteKey(where.table, where.prefix, bgp_cookie(address[0])),
        address[0],
        route_preference=_uint32(
            DEFAULT_BGP_ROUTE_PREFERENCE if route_preference is None else route_preference,
            (*at, "route_preference"),
            "route_preference",
        ),
        local_preference=_uint32(local_preference, (*at, "local_preference"), "local_preference"),
        med=_uint32(med, (*at, "med"), "med"),
        as_path=as_path,
        communities=_communities(communities, (*(at if spec.communities is not None else route_at), "communities")),
        peer_type=PeerType.INTERNAL,
    )
