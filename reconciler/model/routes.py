"""Route values: what a router holds and what intent asks for, in one shape.

Frozen slotted dataclasses rather than pydantic models: a full read of a router
produces millions of these, and they are compared and hashed by the planner.
Intent files are validated with pydantic at the file boundary and compile to
these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class RouteProtocol(StrEnum):
    """The protocol a router reports for a route.

    Routes programmed through JET report `static` (like `[Static/5]` on the CLI),
    as do configured static routes; ownership is decided by cookie, never by protocol.
    """

    STATIC = "static"
    DIRECT = "direct"
    LOCAL = "local"
    OTHER = "other"


class PeerType(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


class RouteKey(NamedTuple):
    """Identity of one route entry: table, canonical prefix, 64-bit client cookie.

    A NamedTuple rather than a dataclass: keys are hashed and compared millions of
    times per plan, and tuple hashing and comparison run in C.
    """

    table: str
    prefix: str
    cookie: int = 0

    def __str__(self) -> str:
        return f"{self.table} {self.prefix} cookie {self.cookie}"


@dataclass(frozen=True, slots=True, order=True)
class Gateway:
    """One next hop of a static route: an address and/or an interface, optional weight."""

    address: str | None = None
    interface: str | None = None
    weight: int | None = None


@dataclass(frozen=True, slots=True)
class StaticRoute:
    """A RIB route with 1..64 gateways (several = ECMP)."""

    key: RouteKey
    gateways: tuple[Gateway, ...]
    preference: int | None = None
    preference2: int | None = None
    tag: int | None = None
    protocol: RouteProtocol = RouteProtocol.STATIC


@dataclass(frozen=True, slots=True)
class BgpPath:
    """One path of a BGP static route: exactly one protocol next hop.

    Several paths of one prefix share table and prefix and differ by key.cookie.
    """

    key: RouteKey
    next_hop: str
    route_preference: int | None = None
    local_preference: int | None = None
    med: int | None = None
    as_path: str | None = None
    communities: tuple[str, ...] = ()
    peer_type: PeerType = PeerType.INTERNAL


_GATEWAY_SETS: dict[tuple[Gateway, ...], tuple[Gateway, ...]] = {}
_GATEWAY_SETS_LIMIT = 100_000


def intern_gateways(gateways: tuple[Gateway, ...]) -> tuple[Gateway, ...]:
    """The one shared tuple for this next-hop set.

    Intent and router reads both intern through here, so comparing a desired route
    with an observed one finds the same tuple object and is decided by identity.
    """
    found = _GATEWAY_SETS.get(gateways)
    if found is None:
        if len(_GATEWAY_SETS) >= _GATEWAY_SETS_LIMIT:
            _GATEWAY_SETS.clear()
        found = _GATEWAY_SETS[gateways] = gateways
    return found
