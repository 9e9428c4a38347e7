"""Which intent edits turn a router's drift into intent (pure).

Adopted, for the kinds asked for:
- our route whose attributes the router holds differently (an update in the plan): the
  declaring entry takes the router's values;
- our route missing on the router (a create in the plan) that the journal says we had
  written there: removed from the intent (it was deleted by hand);
- foreign routes the operator names by prefix: new entries in the router's adoption file.
Everything else is left, each with the reason why (a route never applied is a pending
intent change, not drift; an entry in a file shared with other routers is not edited
unless asked for, since their intent would change too).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler.model.ownership import OwnedKeys, is_owned
from reconciler.model.routes import BgpPath, Gateway, RouteKey, StaticRoute
from reconciler.plan.model import Action, Change, Kind, Observed

Location = tuple[str | int, ...]
KINDS = {"static_routes": Kind.STATIC_ROUTE, "bgp_routes": Kind.BGP_PATH}
DEFAULT_PREFERENCE2 = 100
MAX_LINES = 50  # lines of a summary before "... and N more"


@dataclass(frozen=True)
class Declared:
    """Where one route of the router is declared: file, entry, and the other routers it applies to."""

    path: str
    location: Location  # ("static_routes", i) or ("bgp_routes", i, "paths", j)
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """One edit of one intent file. `set`: fields of the entry at `location` (a None value removes
    the field); `remove`: the entry at `location`; `add`: `entry` appended to the list `location`."""

    path: str
    action: str  # set | remove | add
    location: Location
    values: Mapping[str, Any] = field(default_factory=dict)
    entry: Mapping[str, Any] = field(default_factory=dict)
    why: str = ""  # one line for the commit message


@dataclass
class Adoption:
    edits: list[Edit] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # drift left alone, and why

    def lines(self) -> list[str]:
        """What is adopted, then what is not: short lines, bounded."""
        lines = [edit.why for edit in self.edits] + [f"not adopted: {why}" for why in self.skipped]
        if len(lines) > MAX_LINES:
            return [*lines[:MAX_LINES], f"... and {len(lines) - MAX_LINES} more"]
        return lines


def gateway_value(gateway: Gateway) -> str | dict[str, Any]:
    """A next hop as intent writes it: a plain address or interface when that is all it is."""
    if gateway.weight is None and (gateway.address is None) != (gateway.interface is None):
        return gateway.address or gateway.interface or ""
    value: dict[str, Any] = {}
    if gateway.address is not None:
        value["address"] = gateway.address
    if gateway.interface is not None:
        value["interface"] = gateway.interface
    if gateway.weight is not None:
        value["weight"] = gateway.weight
    return value


def static_fields(want: StaticRoute, have: StaticRoute) -> dict[str, Any]:
    """The entry fields that make `want` read as `have` (None: remove the field)."""
    values: dict[str, Any] = {}
    if want.gateways != have.gateways:
        values["next_hops"] = [gateway_value(g) for g in have.gateways]
    if want.preference != have.preference:
        values["preference"] = have.preference
    if want.preference2 != have.preference2:
        values["preference2"] = None if have.preference2 in (None, DEFAULT_PREFERENCE2) else have.preference2
    if want.tag != have.tag:
        values["tag"] = have.tag
    return values


def bgp_fields(want: BgpPath, have: BgpPath) -> dict[str, Any]:
    """Path fields that make `want` read as `have`; set on the path, which overrides its route."""
    values: dict[str, Any] = {}
    for name in ("route_preference", "local_preference", "med", "as_path"):
        if getattr(want, name) != getattr(have, name):
            values[name] = getattr(have, name)
    if want.communities != have.communities:
        values["communities"] = list(have.communities)
    return values


def static_entry(route: StaticRoute) -> dict[str, Any]:
    """A new intent entry declaring `route` as the router holds it."""
    entry: dict[str, Any] = {"prefix": route.key.prefix}
    if route.key.table not in ("inet.0", "inet6.0"):
        entry["table"] = route.key.table
    entry["next_hops"] = [gateway_value(g) for g in route.gateways]
    if route.preference is not None:
        entry["preference"] = route.preference
    if route.preference2 not in (None, DEFAULT_PREFERENCE2):
        entry["preference2"] = route.preference2
    if route.tag is not None:
        entry["tag"] = route.tag
    return entry


def bgp_entry(prefix: str, table: str, paths: list[BgpPath]) -> dict[str, Any]:
    """A new BGP route entry with one path per next hop the router holds."""
    entry: dict[str, Any] = {"prefix": prefix}
    if table not in ("inet.0", "inet6.0"):
        entry["table"] = table
    entry["paths"] = []
    for path in sorted(paths, key=lambda p: p.next_hop):
        value: dict[str, Any] = {"next_hop": path.next_hop}
        for name in ("route_preference", "local_preference", "med", "as_path"):
            if getattr(path, name) is not None:
                value[name] = getattr(path, name)
        if path.communities:
            value["communities"] = list(path.communities)
        entry["paths"].append(value)
    return entry


def _was_written(change: Change, owned: OwnedKeys, drifted: Collection[str]) -> bool:
    """The journal says this missing route was on the router: its key was among the routes a
    verified run found ours, or the watcher recorded its disappearance as drift."""
    if change.key in drifted:
        return True
    subject = change.subject
    if isinstance(subject, StaticRoute):
        return subject.key.prefix in owned.static.get(subject.key.table, set())
    if isinstance(subject, BgpPath):
        return (subject.key.prefix, subject.next_hop) in owned.bgp.get(subject.key.table, set())
    return False


@dataclass(frozen=True)
class Inputs:
    """What a choice of edits is made from."""

    router: str
    changes: list[Change]  # the plan's changes and its reported drift
    observed: Observed
    places: Mapping[RouteKey, Declared]
    kinds: frozenset[Kind]
    owned: OwnedKeys  # the journal's keys of routes verified ours
    drifted: frozenset[str] = frozenset()  # change keys the journal recorded as missing (drift "create")
    foreign: tuple[str, ...] = ()  # prefixes of foreign routes to adopt
    adopted_file: str = ""  # where new entries go
    shared: bool = False  # edit entries in files that also apply to other routers


def choose(inputs: Inputs) -> Adoption:
    result = Adoption()
    removals: list[Edit] = []
    for change in inputs.changes:
        if change.kind not in inputs.kinds:
            continue
        key = change.subject.key if change.subject is not None else None
        if change.action is Action.DELETE:
            result.skipped.append(
                f"{change.kind.value} {change.key}: ours on the router but not in the intent "
                "(a removal not applied yet; apply it, or add the route back to the intent)"
            )
            continue
        declared = inputs.places.get(key) if key is not None else None
        if declared is None:
            result.skipped.append(f"{change.kind.value} {change.key}: no intent entry found for it")
            continue
        if declared.shared_with and not inputs.shared:
            others = ", ".join(declared.shared_with)
            result.skipped.append(
                f"{change.kind.value} {change.key}: {declared.path} also applies to {others} "
                "(edit it by hand, or adopt with --shared to change it for all of them)"
            )
            continue
        where = f"{declared.path} {'/'.join(map(str, declared.location))}"
        if change.action is Action.UPDATE:
            want, have = change.subject, change.previous
            values = static_fields(want, have) if isinstance(want, StaticRoute) else bgp_fields(want, have)
            shown = ", ".join(
                f"{name} {_show(getattr_or(want, name))} -> {_show(value)}" for name, value in values.items()
            )
            result.edits.append(
                Edit(
                    declared.path,
                    "set",
                    declared.location,
                    values,
                    why=f"{change.kind.value} {change.key}: {shown} ({where})",
                )
            )
        elif _was_written(change, inputs.owned, inputs.drifted):
            removals.append(
                Edit(
                    declared.path,
                    "remove",
                    declared.location,
                    why=f"{change.kind.value} {change.key}: deleted on the router, removed ({where})",
                )
            )
        else:
            result.skipped.append(
                f"{change.kind.value} {change.key}: not on the router and never applied there "
                "(a pending intent change, not drift)"
            )
    # Later entries first, so that removing one does not move the ones still to remove.
    result.edits.extend(sorted(removals, key=lambda e: (e.path, e.location), reverse=True))
    _foreign(inputs, result)
    return result


def getattr_or(value: Any, name: str) -> Any:
    if name == "next_hops":
        return [gateway_value(g) for g in value.gateways]
    return getattr(value, name, None)


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return str(value)


def _foreign(inputs: Inputs, result: Adoption) -> None:
    """Foreign routes the operator chose: new entries in the router's adoption file."""
    if not inputs.foreign:
        return
    wanted = set(inputs.foreign)
    found: set[str] = set()
    declared = {(key.table, key.prefix) for key in inputs.places}
    if Kind.STATIC_ROUTE in inputs.kinds:
        for route in sorted(inputs.observed.static_routes.values(), key=lambda r: (r.key.table, r.key.prefix)):
            if route.key.prefix not in wanted or is_owned(route.key.cookie):
                continue
            if (route.key.table, route.key.prefix) in declared:
                result.skipped.append(f"{route.key.table} {route.key.prefix}: the intent declares this route already")
                found.add(route.key.prefix)
            else:
                found.add(route.key.prefix)
                result.edits.append(
                    Edit(
                        inputs.adopted_file,
                        "add",
                        ("static_routes",),
                        entry=static_entry(route),
                        why=f"static_route {route.key.table} {route.key.prefix}: foreign route "
                        f"adopted ({inputs.adopted_file})",
                    )
                )
    if Kind.BGP_PATH in inputs.kinds:
        groups: dict[tuple[str, str], list[BgpPath]] = {}
        for path in inputs.observed.bgp_paths.values():
            if (
                path.key.prefix in wanted
                and not is_owned(path.key.cookie)
                and (path.key.table, path.key.prefix) not in declared
            ):
                groups.setdefault((path.key.table, path.key.prefix), []).append(path)
        for (table, prefix), paths in sorted(groups.items()):
            found.add(prefix)
            result.edits.append(
                Edit(
                    inputs.adopted_file,
                    "add",
                    ("bgp_routes",),
                    entry=bgp_entry(prefix, table, paths),
                    why=f"bgp_path {table} {prefix}: foreign route adopted ({len(paths)} paths, {inputs.adopted_file})",
                )
            )
    for prefix in sorted(wanted - found):
        result.skipped.append(f"{prefix}: no foreign route with this prefix on {inputs.router}")
