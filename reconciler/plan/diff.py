"""Desired vs observed, per router: pair by key, diff each pair, order the changes.

Pure. Whole tables are compared with set operations on keys (never with deepdiff);
deepdiff only details what changed inside one filter term.

Order (make-before-break, dependencies first):
  1. filters created or modified   2. bindings created or moved
  3. routes created or changed     4. routes withdrawn
  5. bindings removed              6. filters deleted (after their unbinding)
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import msgspec
from deepdiff import DeepDiff
from deepdiff.helper import NotPresent

from reconciler.model.filters import Binding, FirewallFilter, TermEdit, TermOperation
from reconciler.model.ownership import OWNER_SHIFT, OWNER_TAG
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute
from reconciler.plan import values
from reconciler.plan.model import (
    NOT_MANAGED_SAMPLE,
    Action,
    Change,
    DriftPolicy,
    FieldChange,
    Kind,
    Observed,
    RouterPlan,
)

MAX_BATCH = 1000
_GROUP = {  # position of (action, kind) in the plan's order
    (Action.CREATE, Kind.FILTER): 0, (Action.UPDATE, Kind.FILTER): 0,
    (Action.CREATE, Kind.BINDING): 1, (Action.UPDATE, Kind.BINDING): 1,
    (Action.CREATE, Kind.STATIC_ROUTE): 2, (Action.UPDATE, Kind.STATIC_ROUTE): 2,
    (Action.CREATE, Kind.BGP_PATH): 2, (Action.UPDATE, Kind.BGP_PATH): 2,
    (Action.DELETE, Kind.STATIC_ROUTE): 3, (Action.DELETE, Kind.BGP_PATH): 3,
    (Action.DELETE, Kind.BINDING): 4,
    (Action.DELETE, Kind.FILTER): 5,
}  # fmt: skip


class Desired(Protocol):
    """What a router should have (reconciler.intent.merge.RouterIntent fits)."""

    @property
    def static_routes(self) -> Mapping[RouteKey, StaticRoute]: ...
    @property
    def bgp_paths(self) -> Mapping[RouteKey, BgpPath]: ...
    @property
    def filters(self) -> Mapping[tuple[Family, str], FirewallFilter]: ...
    @property
    def bindings(self) -> Mapping[Any, Binding]: ...


def _field_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, before.get(name), value) for name, value in after.items() if before.get(name) != value
    )


def _partition(routes: Mapping[RouteKey, Any]) -> tuple[dict[RouteKey, Any], list[Any]]:
    """(routes this product owns, the others), in one pass; key[2] is the cookie."""
    owned = {key: route for key, route in routes.items() if key[2] >> OWNER_SHIFT == OWNER_TAG}
    foreign = (
        [route for key, route in routes.items() if key[2] >> OWNER_SHIFT != OWNER_TAG]
        if len(owned) != len(routes)
        else []
    )
    return owned, foreign


def _routes(
    kind: Kind,
    desired: Mapping[RouteKey, Any],
    owned: Mapping[RouteKey, Any],
    view: Callable[[Any], dict[str, Any]],
    describe: Callable[[Any], str],
    service: str,
) -> list[Change]:
    changes = []
    for key in desired.keys() - owned.keys():
        route = desired[key]
        changes.append(
            Change(Action.CREATE, kind, describe(route), None, view(route), (), (f"{service}/RouteUpdate",), route)
        )
    for key in desired.keys() & owned.keys():
        want, have = desired[key], owned[key]
        if want != have:
            before, after = view(have), view(want)
            fields = _field_changes(before, after)
            changes.append(
                Change(
                    Action.UPDATE, kind, describe(want), before, after, fields, (f"{service}/RouteUpdate",), want, have
                )
            )
    for key in owned.keys() - desired.keys():
        route = owned[key]
        changes.append(
            Change(Action.DELETE, kind, describe(route), view(route), None, (), (f"{service}/RouteDelete",), route)
        )
    return changes


def _static_key(route: StaticRoute) -> str:
    return f"{route.key.table} {route.key.prefix}"


def _bgp_key(path: BgpPath) -> str:
    return f"{path.key.table} {path.key.prefix} via {path.next_hop}"


def term_steps(old: FirewallFilter, new: FirewallFilter) -> list[TermEdit]:
    """The FilterModify edits that turn `old` into `new` (moving a term is delete + add)."""
    old_terms = {t.name: t for t in old.terms}
    wanted = {t.name for t in new.terms}
    steps = [TermEdit(TermOperation.DELETE, t.name) for t in old.terms if t.name not in wanted]
    current = [t.name for t in old.terms if t.name in wanted]
    previous: str | None = None
    for term in new.terms:
        expected = 0 if previous is None else current.index(previous) + 1
        if term.name in current and current.index(term.name) != expected:
            steps.append(TermEdit(TermOperation.DELETE, term.name))
            current.remove(term.name)
            expected = 0 if previous is None else current.index(previous) + 1
        if term.name not in current:
            if previous is not None:
                steps.append(TermEdit(TermOperation.ADD, term.name, term, after=previous))
            elif current:
                steps.append(TermEdit(TermOperation.ADD, term.name, term, before=current[0]))
            else:
                steps.append(TermEdit(TermOperation.ADD, term.name, term))
            current.insert(expected, term.name)
        elif old_terms[term.name] != term:
            steps.append(TermEdit(TermOperation.REPLACE, term.name, term))
        previous = term.name
    return steps


def _term_fields(old: FirewallFilter, new: FirewallFilter) -> tuple[FieldChange, ...]:
    old_terms = {t.name: values.term(t) for t in old.terms}
    fields = []
    for term in new.terms:
        if term.name not in old_terms:
            fields.append(FieldChange(f"terms.{term.name}", None, values.term(term)))
            continue
        tree = DeepDiff(old_terms[term.name], values.term(term), view="tree")
        for report in sorted(tree):
            for item in tree[report]:
                path = ".".join(str(p) for p in item.path(output_format="list"))
                before = None if isinstance(item.t1, NotPresent) else item.t1
                after = None if isinstance(item.t2, NotPresent) else item.t2
                fields.append(FieldChange(f"terms.{term.name}.{path}", before, after))
    new_names = {t.name for t in new.terms}
    fields += [FieldChange(f"terms.{name}", body, None) for name, body in old_terms.items() if name not in new_names]
    order_before = [t.name for t in old.terms if t.name in new_names]
    order_after = [t.name for t in new.terms if t.name in old_terms]
    if order_before != order_after:
        fields.append(FieldChange("term order", [t.name for t in old.terms], [t.name for t in new.terms]))
    return tuple(fields)


def _filters(desired: Mapping[Any, FirewallFilter], observed: Mapping[Any, FirewallFilter]) -> list[Change]:
    changes = []
    for key in sorted(desired.keys() | observed.keys()):
        want, have = desired.get(key), observed.get(key)
        name = f"{key[0]} {key[1]}"
        if have is None and want is not None:
            changes.append(Change(Action.CREATE, Kind.FILTER, name, None, values.firewall_filter(want), (),
                                  ("Firewall/FilterAdd",), want))  # fmt: skip
        elif want is None and have is not None:
            changes.append(Change(Action.DELETE, Kind.FILTER, name, values.firewall_filter(have), None, (),
                                  ("Firewall/FilterDelete",), have))  # fmt: skip
        elif want is not None and have is not None and want != have:
            edits = tuple(term_steps(have, want))
            operations = tuple(f"Firewall/FilterModify: {edit}" for edit in edits)
            changes.append(Change(Action.UPDATE, Kind.FILTER, name, values.firewall_filter(have),
                                  values.firewall_filter(want), _term_fields(have, want), operations,
                                  want, have, edits))  # fmt: skip
    return changes


def _bindings(desired: Mapping[Any, Binding], observed: Mapping[Any, Binding]) -> list[Change]:
    changes = []
    for key in sorted(desired.keys() | observed.keys(), key=str):
        want, have = desired.get(key), observed.get(key)
        if want == have:
            continue
        point = _binding_key(want or have)  # type: ignore[arg-type]
        if have is None and want is not None:
            changes.append(Change(Action.CREATE, Kind.BINDING, point, None, values.binding(want), (),
                                  ("Firewall/FilterBindAdd",), want))  # fmt: skip
        elif want is None and have is not None:
            changes.append(Change(Action.DELETE, Kind.BINDING, point, values.binding(have), None, (),
                                  ("Firewall/FilterBindDelete",), have))  # fmt: skip
        elif want is not None and have is not None:
            before, after = values.binding(have), values.binding(want)
            changes.append(Change(Action.UPDATE, Kind.BINDING, point, before, after, _field_changes(before, after),
                                  ("Firewall/FilterBindDelete", "Firewall/FilterBindAdd"), want, have))  # fmt: skip
    return changes


def _requests(changes: list[Change]) -> dict[str, int]:
    """How many requests each JET operation takes (route writes go 1000 to a request)."""
    entries: dict[str, int] = {}
    for change in changes:
        for operation in change.operations:
            name = operation.split(":", 1)[0]
            entries[name] = entries.get(name, 0) + 1
    batched = {"Rib/RouteUpdate", "Rib/RouteDelete", "Bgp/RouteUpdate", "Bgp/RouteDelete"}
    modifies = {c.key for c in changes if c.operations and c.operations[0].startswith("Firewall/FilterModify")}
    result = {}
    for name, count in sorted(entries.items()):
        if name in batched:
            result[name] = math.ceil(count / MAX_BATCH)
        elif name == "Firewall/FilterModify":
            result[name] = len(modifies)  # all edits of one filter go in one request
        else:
            result[name] = count
    return result


def _fingerprint(groups: list[list[Any]]) -> str:
    """One msgspec encoding (C) of each group, in the order the router streamed it.

    A router walks its tables in prefix order, so the same state gives the same
    digest; a reordered stream could only make a saved plan look stale (apply then
    asks for a new plan), never hide a change.
    """
    digest = hashlib.blake2b(digest_size=16)
    for group in groups:
        digest.update(msgspec.msgpack.encode(group))
    return f"{digest.hexdigest()}-{sum(len(g) for g in groups)}"


def object_digest(value: Any) -> str:
    """A short digest of one desired object (what DriftPolicy.applied records)."""
    return hashlib.blake2b(msgspec.msgpack.encode(value), digest_size=8).hexdigest()


def _is_drift(change: Change, policy: DriftPolicy) -> bool:
    """True when the router moved away from what was applied, rather than the intent
    moving: the desired side is what the last verified apply wrote (or, for a delete,
    the object was never applied by us)."""
    applied = policy.applied.get(change.kind)
    if applied is None:
        return False  # no record of what was written yet: roll out (the plan says so in a note)
    if change.action is Action.DELETE:
        return change.key not in applied  # an owned object we never wrote there
    return applied.get(change.key) == object_digest(change.subject)


def diff_router(name: str, desired: Desired, observed: Observed, policy: DriftPolicy | None = None) -> RouterPlan:
    """The ordered changes that make `observed` equal to `desired` for one router.

    Drift of a kind under a `report` policy is listed in `reported` instead of
    `changes`: seen, never applied. A change of intent is always in `changes`,
    whatever the policy. A binding on an interface unit the router does not have
    waits (with a note) instead of failing.
    """
    owned_static, foreign_static = _partition(observed.static_routes)
    owned_bgp, foreign_bgp = _partition(observed.bgp_paths)
    changes = [
        *_filters(desired.filters, observed.filters),
        *_bindings(desired.bindings, observed.bindings),
        *_routes(Kind.STATIC_ROUTE, desired.static_routes, owned_static, values.static_route, _static_key, "Rib"),
        *_routes(Kind.BGP_PATH, desired.bgp_paths, owned_bgp, values.bgp_path, _bgp_key, "Bgp"),
    ]
    waiting: dict[tuple[Kind, str], str] = {}
    if observed.interfaces is not None:
        for b in sorted(desired.bindings.values()):
            if b.interface not in observed.interfaces:
                waiting[(Kind.BINDING, _binding_key(b))] = (
                    f"binding {b.filter} {b.direction.value} on {b.interface}: the router has no interface "
                    f"{b.interface}, so it waits for it"
                )
        changes = [c for c in changes if c.action is Action.DELETE or (c.kind, c.key) not in waiting]
    policy = policy or DriftPolicy()
    reported = [c for c in changes if c.kind in policy.report and _is_drift(c, policy)]
    if reported:
        held = {id(c) for c in reported}
        changes = [c for c in changes if id(c) not in held]
    changes.sort(key=lambda c: (_GROUP[(c.action, c.kind)], c.kind.value, c.key))
    not_managed = sorted(
        [f"static route {_static_key(r)} cookie {r.key.cookie} ({r.protocol.value})" for r in foreign_static]
        + [f"BGP path {_bgp_key(p)} cookie {p.key.cookie}" for p in foreign_bgp]
    )
    notes = [f"filter {name} is in the journal but no longer on the router" for name in observed.missing_filters]
    notes += [
        f"the router has no table {table} (a routing instance in devices.yaml)" for table in observed.missing_tables
    ]
    notes += list(waiting.values())
    notes += [
        f"no record yet of what was last written for {kind.value} (drift policy report): its differences are "
        "rolled out this once"
        for kind in sorted(policy.report)
        if kind not in policy.applied and any(c.kind is kind for c in changes)
    ]
    return RouterPlan(
        router=name,
        changes=changes,
        not_managed=not_managed[:NOT_MANAGED_SAMPLE],
        not_managed_count=len(not_managed),
        requests=_requests(changes),
        fingerprint=_fingerprint(
            [
                list(owned_static.values()),
                list(owned_bgp.values()),
                list(observed.filters.values()),
                list(observed.bindings.values()),
            ]
        ),
        notes=notes,
        reported=sorted(reported, key=lambda c: (c.kind.value, c.key)),
        waiting=waiting,
    )


def desired_digests(desired: Desired, kinds: frozenset[Kind]) -> dict[Kind, dict[str, str]]:
    """Per kind, change key -> digest of the desired object (for DriftPolicy.applied)."""
    result: dict[Kind, dict[str, str]] = {}
    if Kind.STATIC_ROUTE in kinds:
        result[Kind.STATIC_ROUTE] = {_static_key(r): object_digest(r) for r in desired.static_routes.values()}
    if Kind.BGP_PATH in kinds:
        result[Kind.BGP_PATH] = {_bgp_key(p): object_digest(p) for p in desired.bgp_paths.values()}
    if Kind.FILTER in kinds:
        result[Kind.FILTER] = {f"{f.family.value} {f.name}": object_digest(f) for f in desired.filters.values()}
    if Kind.BINDING in kinds:
        result[Kind.BINDING] = {_binding_key(b): object_digest(b) for b in desired.bindings.values()}
    return result


def _binding_key(binding: Binding) -> str:
    return f"{binding.interface} {binding.direction.value} {binding.family.value}"
