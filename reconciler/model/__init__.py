"""Values shared by intent, observed device state and the planner. No I/O here."""

from reconciler.model.prefixes import Family, canonical_address, canonical_prefix, family_of_table
from reconciler.model.routes import BgpPath, Gateway, PeerType, RouteKey, RouteProtocol, StaticRoute

__all__ = [
    "BgpPath",
    "Family",
    "Gateway",
    "PeerType",
    "RouteKey",
    "RouteProtocol",
    "StaticRoute",
    "canonical_address",
    "canonical_prefix",
    "family_of_table",
]
