"""Effective intent per router: every file that applies to a router, merged.

The same key declared twice with different content is an error naming both
places; identical declarations are fine. Bindings get their family from the
filter they name; routing instances must exist on the router; a router spoken to
in JET v1 (no firewall service) takes no filters or bindings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reconciler.intent.errors import IntentError, field_path
from reconciler.intent.files import Inventory, ParsedFile
from reconciler.intent.routes import Location
from reconciler.model.filters import Binding, Direction, FirewallFilter
from reconciler.model.intent import RouterEntry
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute

BindingKey = tuple[str, Direction, Family]


class Places(Protocol):
    """Where the n-th object of a list was declared."""

    def __getitem__(self, position: int, /) -> Location: ...


@dataclass
class RouterIntent:
    """Everything one router should have, in the form the planner uses."""

    name: str
    entry: RouterEntry
    static_routes: dict[RouteKey, StaticRoute] = field(default_factory=dict)
    bgp_paths: dict[RouteKey, BgpPath] = field(default_factory=dict)
    filters: dict[tuple[Family, str], FirewallFilter] = field(default_factory=dict)
    bindings: dict[BindingKey, Binding] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "static_routes": len(self.static_routes),
            "bgp_paths": len(self.bgp_paths),
            "filters": len(self.filters),
            "bindings": len(self.bindings),
        }

    def fingerprint(self) -> str:
        """Changes whenever anything the router should have changes (computed once: the
        values of a loaded intent never change)."""
        cached: str | None = self.__dict__.get("_fingerprint")
        if cached is not None:
            return cached
        digest = hashlib.sha256()
        for part in (
            self.entry.model_dump_json(),
            *sorted(map(repr, self.static_routes.values())),
            *sorted(map(repr, self.bgp_paths.values())),
            *sorted(map(repr, self.filters.values())),
            *sorted(map(repr, self.bindings.values())),
        ):
            digest.update(part.encode())
            digest.update(b"\0")
        self.__dict__["_fingerprint"] = digest.hexdigest()
        return str(self.__dict__["_fingerprint"])


class _Merger:
    def __init__(self, inventory: Inventory) -> None:
        self.routers = {name: RouterIntent(name, entry) for name, entry in inventory.routers.items()}
        self.errors: list[IntentError] = []
        # (router, kind) -> files already merged, to name the first place of a collision
        self.contributors: dict[tuple[str, str], list[tuple[ParsedFile, Sequence[Any], Places]]] = {}

    def error(self, file: ParsedFile, location: Location, message: str) -> None:
        line, column = file.place_of(location)
        self.errors.append(IntentError(file.path, line, column, field_path(location), message))

    def put_many(
        self,
        router: str,
        kind: str,
        store: dict[Any, Any],
        values: Sequence[Any],
        places: Places,
        key_of: Any,
        file: ParsedFile,
    ) -> None:
        """Merge one file's objects into a router: bulk dict and set operations; the
        slow per-object work only where two declarations share a key."""
        incoming = {key_of(v): v for v in values}
        if len(incoming) != len(values):  # the same key twice within this file
            seen: dict[Any, int] = {}
            for index, value in enumerate(values):
                key = key_of(value)
                if key in seen and values[seen[key]] != value:
                    first = file.line_of(places[seen[key]])
                    self.error(file, places[index], f"{kind} {_describe(key)} is declared differently on line {first}")
                seen.setdefault(key, index)
        clashes = incoming.keys() & store.keys()
        for key in clashes:
            if store[key] != incoming[key]:
                index = next(i for i, v in enumerate(values) if key_of(v) == key)
                self.error(
                    file,
                    places[index],
                    f"{kind} {_describe(key)} for {router} {self._first_place(router, kind, key, key_of)}",
                )
        if clashes:
            incoming = {k: v for k, v in incoming.items() if k not in store}
        store.update(incoming)
        self.contributors.setdefault((router, kind), []).append((file, values, places))

    def _first_place(self, router: str, kind: str, key: Hashable, key_of: Any) -> str:
        for file, values, places in self.contributors.get((router, kind), []):
            for index, value in enumerate(values):
                if key_of(value) == key:
                    return f"is declared differently in {file.path}:{file.line_of(places[index])}"
        return "is declared differently elsewhere"

    def add(self, file: ParsedFile) -> None:
        if file.apply_to is None:
            return
        for index, name in enumerate(file.apply_to.devices):
            if name not in self.routers:
                self.error(file, ("apply_to", "devices", index), f"unknown router {name!r} (not in devices.yaml)")
        targets = [r for r in self.routers.values() if file.apply_to.matches(r.name, r.entry.labels)]
        routes = file.routes
        static_places = _LazyPlaces("static_routes", routes.static_index)
        tables = {r.key.table for r in routes.static} | {p.key.table for p in routes.bgp}
        for target in targets:
            missing = {t for t in tables if _instance(t) and _instance(t) not in target.entry.routing_instances}
            if missing:
                self._report_instances(target, missing, file, static_places)
            self.put_many(target.name, "static route", target.static_routes, routes.static, static_places,
                          _route_key, file)  # fmt: skip
            self.put_many(target.name, "BGP path", target.bgp_paths, routes.bgp, routes.bgp_places, _route_key, file)
            if target.entry.api == "v1":
                for filter_, at in zip(file.filters, file.filter_places, strict=True):
                    self.error(file, at, no_firewall(target.name, f"filter {filter_.name!r}"))
                continue
            instances = set(target.entry.routing_instances)
            for filter_, at in zip(file.filters, file.filter_places, strict=True):
                for term_index, term in enumerate(filter_.terms):
                    instance = term.action.routing_instance
                    if instance and instance not in instances:
                        message = f"router {target.name} has no routing instance {instance!r}"
                        self.error(file, (*at, "terms", term_index, "then", "routing_instance"), message)
            self.put_many(target.name, "filter", target.filters, file.filters, file.filter_places, _filter_key, file)

    def _report_instances(
        self, target: RouterIntent, missing: set[str], file: ParsedFile, static_places: _LazyPlaces
    ) -> None:
        groups: list[tuple[Sequence[StaticRoute | BgpPath], Places]] = [
            (file.routes.static, static_places),
            (file.routes.bgp, file.routes.bgp_places),
        ]
        for kind_values, places in groups:
            for index, value in enumerate(kind_values):
                if value.key.table in missing:
                    self.error(
                        file,
                        places[index],
                        f"router {target.name} has no routing instance {_instance(value.key.table)!r} "
                        "(list it under routing_instances in devices.yaml)",
                    )

    def bind(self, file: ParsedFile) -> None:
        """Bindings last: their family comes from the filters every file contributed."""
        if file.apply_to is None:
            return
        targets = [r for r in self.routers.values() if file.apply_to.matches(r.name, r.entry.labels)]
        for target in targets:
            for spec, at in zip(file.bindings, file.binding_places, strict=True):
                if target.entry.api == "v1":
                    self.error(file, at, no_firewall(target.name, f"binding of filter {spec.filter!r}"))
                    continue
                families = sorted(f for f, name in target.filters if name == spec.filter)
                if spec.family is not None:
                    family = Family(spec.family)
                    if family not in families:
                        message = f"no {family} filter named {spec.filter!r} applies to {target.name}"
                        self.error(file, (*at, "filter"), message)
                        continue
                elif len(families) == 1:
                    family = families[0]
                elif not families:
                    self.error(file, (*at, "filter"), f"no filter named {spec.filter!r} applies to {target.name}")
                    continue
                else:
                    self.error(file, (*at, "family"), f"filter {spec.filter!r} exists for inet and inet6: say family")
                    continue
                binding = Binding(spec.filter, family, spec.interface, Direction(spec.direction))
                self.put_many(target.name, "binding", target.bindings, [binding], [at], _binding_key, file)


def no_firewall(router: str, what: str) -> str:
    """Why a filter or binding cannot go to a router spoken to in JET v1."""
    return (
        f"{what} applies to router {router}, which is api: v1 in devices.yaml: JET v1 has no firewall "
        f"service, so {router} cannot have filters or bindings (leave {router} out of this file's apply_to, "
        "or set api: v2 if the router offers v2)"
    )


class _LazyPlaces:
    """Locations of compiled static routes, made on demand from their indexes."""

    def __init__(self, kind: str, indexes: Any) -> None:
        self.kind = kind
        self.indexes = indexes

    def __getitem__(self, position: int) -> Location:
        return (self.kind, int(self.indexes[position]))


def _route_key(value: StaticRoute | BgpPath) -> RouteKey:
    return value.key


def _filter_key(value: FirewallFilter) -> tuple[Family, str]:
    return value.key


def _binding_key(value: Binding) -> BindingKey:
    return (value.interface, value.direction, value.family)


def _instance(table: str) -> str | None:
    """`blue.inet.0` -> blue; `inet.0` -> None."""
    return table.rsplit(".", 2)[0] if table.count(".") >= 2 else None


def _describe(key: Hashable) -> str:
    if isinstance(key, RouteKey):
        return f"{key.table} {key.prefix}"
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key)
    return str(key)


def merge(inventory: Inventory, files: Iterable[ParsedFile]) -> tuple[dict[str, RouterIntent], list[IntentError]]:
    merger = _Merger(inventory)
    ordered = sorted(files, key=lambda f: f.path)
    for file in ordered:
        merger.add(file)
    for file in ordered:
        merger.bind(file)
    return merger.routers, merger.errors
