"""Effective intent per device: every file that applies to a device, merged.

The same key declared twice with different content is an error naming both
places; identical declarations are fine. Bindings get their family from the
filter they name; routing instances must exist on the device.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from reconciler.intent.errors import IntentError, field_path
from reconciler.intent.files import Inventory, ParsedFile
from reconciler.intent.routes import Location
from reconciler.model.filters import Binding, Direction, FirewallFilter
from reconciler.model.intent import Device
from reconciler.model.prefixes import Family
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute

BindingKey = tuple[str, Direction, Family]


@dataclass
class DeviceIntent:
    """Everything one device should have, in the form the planner uses."""

    name: str
    device: Device
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
        """Changes whenever anything the device should have changes."""
        digest = hashlib.sha256()
        for part in (
            self.device.model_dump_json(),
            *sorted(map(repr, self.static_routes.values())),
            *sorted(map(repr, self.bgp_paths.values())),
            *sorted(map(repr, self.filters.values())),
            *sorted(map(repr, self.bindings.values())),
        ):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()


class _Merger:
    def __init__(self, inventory: Inventory) -> None:
        self.devices = {name: DeviceIntent(name, device) for name, device in inventory.devices.items()}
        self.errors: list[IntentError] = []
        # key -> (file, location) of its first declaration, per device and kind
        self.origin: dict[tuple[str, str, Hashable], tuple[ParsedFile, Location]] = {}

    def error(self, file: ParsedFile, location: Location, message: str) -> None:
        line, column = file.positions.get(location, (file.line_of(location), 0))
        self.errors.append(IntentError(file.path, line, column, field_path(location), message))

    def put(
        self,
        device: str,
        kind: str,
        store: dict[Any, Any],
        key: Hashable,
        value: object,
        file: ParsedFile,
        at: Location,
    ) -> None:
        existing = store.get(key)
        if existing is None:
            store[key] = value
            self.origin[(device, kind, key)] = (file, at)
        elif existing != value:
            first, first_at = self.origin[(device, kind, key)]
            self.error(
                file,
                at,
                f"{kind} {_describe(key)} for {device} is declared differently in "
                f"{first.path}:{first.line_of(first_at)}",
            )

    def add(self, file: ParsedFile) -> None:
        if file.apply_to is None:
            return
        for index, name in enumerate(file.apply_to.devices):
            if name not in self.devices:
                self.error(file, ("apply_to", "devices", index), f"unknown device {name!r} (not in devices.yaml)")
        targets = [d for d in self.devices.values() if file.apply_to.matches(d.name, d.device.labels)]
        for target in targets:
            instances = set(target.device.routing_instances)
            routes = file.routes
            for route, at in zip(routes.static, routes.static_places, strict=True):
                self._check_instance(target, instances, route.key.table, file, at)
                self.put(target.name, "static route", target.static_routes, route.key, route, file, at)
            for path, at in zip(routes.bgp, routes.bgp_places, strict=True):
                self._check_instance(target, instances, path.key.table, file, at)
                self.put(target.name, "BGP path", target.bgp_paths, path.key, path, file, at)
            for filter_, at in zip(file.filters, file.filter_places, strict=True):
                for term_index, term in enumerate(filter_.terms):
                    instance = term.action.routing_instance
                    if instance and instance not in instances:
                        message = f"device {target.name} has no routing instance {instance!r}"
                        self.error(file, (*at, "terms", term_index, "then", "routing_instance"), message)
                self.put(target.name, "filter", target.filters, filter_.key, filter_, file, at)

    def _check_instance(
        self, target: DeviceIntent, instances: set[str], table: str, file: ParsedFile, at: Location
    ) -> None:
        instance = table.rsplit(".", 2)[0] if table.count(".") >= 2 else None
        if instance is not None and instance not in instances:
            self.error(
                file,
                at,
                f"device {target.name} has no routing instance {instance!r} "
                "(list it under routing_instances in devices.yaml)",
            )

    def bind(self, file: ParsedFile) -> None:
        """Bindings last: their family comes from the filters every file contributed."""
        if file.apply_to is None:
            return
        targets = [d for d in self.devices.values() if file.apply_to.matches(d.name, d.device.labels)]
        for target in targets:
            for spec, at in zip(file.bindings, file.binding_places, strict=True):
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
                key = (binding.interface, binding.direction, binding.family)
                self.put(target.name, "binding", target.bindings, key, binding, file, at)


def _describe(key: Hashable) -> str:
    if isinstance(key, RouteKey):
        return f"{key.table} {key.prefix}"
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key)
    return str(key)


def merge(inventory: Inventory, files: Iterable[ParsedFile]) -> tuple[dict[str, DeviceIntent], list[IntentError]]:
    merger = _Merger(inventory)
    ordered = sorted(files, key=lambda f: f.path)
    for file in ordered:
        merger.add(file)
    for file in ordered:
        merger.bind(file)
    return merger.devices, merger.errors
