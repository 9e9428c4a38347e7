"""The Plan value: per router, ordered changes and what the router was seen as."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reconciler.model.filters import Binding, FirewallFilter, TermEdit
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute

PLAN_SCHEMA = "jet-reconciler/plan/v2"
NOT_MANAGED_SAMPLE = 1000  # a plan lists at most this many unmanaged objects per router


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class Kind(StrEnum):
    FILTER = "filter"
    BINDING = "binding"
    STATIC_ROUTE = "static_route"
    BGP_PATH = "bgp_path"


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Change:
    action: Action
    kind: Kind
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    fields: tuple[FieldChange, ...] = ()
    operations: tuple[str, ...] = ()  # the JET calls this change sends
    # The value objects the change acts on (not rendered): the desired object for a
    # create or update, the observed one for a delete; `previous` is the observed
    # object an update replaces.
    subject: Any = field(default=None, compare=False, repr=False)
    previous: Any = field(default=None, compare=False, repr=False)
    # A filter update's term edits, computed once here; apply sends exactly these.
    edits: tuple[TermEdit, ...] = ()


@dataclass(frozen=True)
class Observed:
    """What one router was seen to have: routes of the tables read, and the journal's
    record of filters and bindings (JET cannot read those back)."""

    static_routes: dict[RouteKey, StaticRoute]
    bgp_paths: dict[RouteKey, BgpPath]
    filters: dict[tuple[Family, str], FirewallFilter]
    bindings: dict[tuple[str, str, str], Binding]
    tables: tuple[str, ...] = ()
    missing_filters: tuple[str, ...] = ()  # journaled filters a probe found gone
    interfaces: frozenset[str] | None = None  # interface units on the router (None: not read)
    missing_tables: tuple[str, ...] = ()  # routing-instance tables the router does not have


@dataclass(frozen=True)
class DriftPolicy:
    """Which object kinds a router's drift is only reported for, and what was last
    applied there: `applied[kind][change key]` is the digest of the desired object
    the last verified apply wrote. A change whose desired side still has that digest
    is drift (the router moved); any other change is a change of intent, which is
    always rolled out."""

    report: frozenset[Kind] = frozenset()
    applied: Mapping[Kind, Mapping[str, str]] = field(default_factory=dict)


@dataclass
class RouterPlan:
    router: str
    changes: list[Change] = field(default_factory=list)
    not_managed: list[str] = field(default_factory=list)  # a sample; see not_managed_count
    not_managed_count: int = 0
    requests: dict[str, int] = field(default_factory=dict)  # JET operation -> requests it takes
    fingerprint: str = ""  # of the observed state the plan was computed from
    intent_digest: str = ""  # of the router's intent the plan was computed for
    error: str | None = None  # the router could not be read: no plan for it
    # Deliberately not contacted (a router new in a pull request: its connection settings are
    # not trusted before merge): why. Not an error, and no plan for it either.
    not_read: str | None = None
    # The client id changes: what apply does to move the router's routes to the new id (or why
    # it cannot). Routes read as in sync are still a change then: the old id's purge would delete them.
    handover: str | None = None
    # What the changes do to traffic, for a reviewer: per filter ("inet protect-re"), the packet
    # regions whose fate changes; for routes, the destinations whose forwarding changes.
    filter_behaviour: dict[str, list[str]] = field(default_factory=dict)
    route_behaviour: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reported: list[Change] = field(default_factory=list)  # drift under a `report` policy: not to be applied
    # Desired objects the router cannot take yet (a binding on a missing interface): (kind, key) -> why
    waiting: dict[tuple[Kind, str], str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        result = {action.value: 0 for action in Action}
        for change in self.changes:
            result[change.action.value] += 1
        return result


@dataclass
class Plan:
    intent_label: str
    intent_commit: str | None
    routers: list[RouterPlan]
    base_commit: str | None = None
    schema: str = PLAN_SCHEMA

    @property
    def has_changes(self) -> bool:
        """Something would change: planned changes, a client id hand-over, or a router not read
        (new, so it will)."""
        return any(d.changes or d.not_read is not None or d.handover is not None for d in self.routers)

    @property
    def failed(self) -> list[RouterPlan]:
        return [d for d in self.routers if d.error is not None]

    def counts(self) -> dict[str, int]:
        total = {action.value: 0 for action in Action}
        for router_plan in self.routers:
            for action, count in router_plan.counts().items():
                total[action] += count
        return total
