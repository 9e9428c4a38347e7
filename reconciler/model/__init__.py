"""Values shared by intent, observed router state and the planner. No I/O here."""

from reconciler.model.filters import (
    AddressMatch,
    Binding,
    Direction,
    FirewallFilter,
    Fragment,
    Range,
    Term,
    TermAction,
    Terminating,
    TermMatch,
)
from reconciler.model.prefixes import Family, canonical_address, canonical_prefix, family_of_table
from reconciler.model.routes import BgpPath, Gateway, PeerType, RouteKey, RouteProtocol, StaticRoute

__all__ = [
    "AddressMatch",
    "BgpPath",
    "Binding",
    "Direction",
    "Family",
    "FirewallFilter",
    "Fragment",
    "Gateway",
    "PeerType",
    "Range",
    "RouteKey",
    "RouteProtocol",
    "StaticRoute",
    "Term",
    "TermAction",
    "TermMatch",
    "Terminating",
    "canonical_address",
    "canonical_prefix",
    "family_of_table",
]
