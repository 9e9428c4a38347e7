"""A router's interfaces: physical interfaces with units, as `show interfaces terse` lists them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

DEFAULT_PHYSICAL = (*(f"ge-0/0/{n}" for n in range(8)), "lo0")


@dataclass
class PhysicalInterface:
    name: str
    admin_up: bool = True
    oper_up: bool = True
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unit name -> families


class Interfaces:
    """Not thread-safe by itself: the router state's lock guards it."""

    def __init__(self, physical: tuple[str, ...] = DEFAULT_PHYSICAL) -> None:
        self.physical: dict[str, PhysicalInterface] = {}
        for name in physical:
            self.add(name)

    def add(self, name: str) -> list[str]:
        """Create a physical interface with unit 0 (inet, inet6); returns the names created."""
        physical_name, _, _ = name.partition(".")
        if physical_name in self.physical:
            return []
        self.physical[physical_name] = PhysicalInterface(physical_name, units={f"{physical_name}.0": ("inet", "inet6")})
        return [physical_name, f"{physical_name}.0"]

    def remove(self, name: str) -> list[str]:
        """Delete a physical interface (with its units) or one unit; returns the names removed."""
        physical_name, dot, _ = name.partition(".")
        physical = self.physical.get(physical_name)
        if physical is None:
            return []
        if dot:
            return [name] if physical.units.pop(name, None) is not None else []
        del self.physical[physical_name]
        return [*physical.units, physical_name]

    def has_unit(self, name: str) -> bool:
        physical = self.physical.get(name.partition(".")[0])
        return physical is not None and name in physical.units

    def set_oper(self, name: str, up: bool) -> bool:
        physical = self.physical.get(name.partition(".")[0])
        if physical is None:
            return False
        physical.oper_up = up
        return True

    def terse_json(self) -> str:
        """Junos JSON: every leaf wrapped as [{"data": value}]."""

        def leaf(value: str) -> list[dict[str, str]]:
            return [{"data": value}]

        physicals = []
        for p in self.physical.values():
            status = "up" if p.oper_up else "down"
            logicals = [
                {
                    "name": leaf(unit),
                    "admin-status": leaf("up"),
                    "oper-status": leaf(status),
                    "address-family": [{"address-family-name": leaf(f)} for f in families],
                }
                for unit, families in p.units.items()
            ]
            physicals.append(
                {
                    "name": leaf(p.name),
                    "admin-status": leaf("up" if p.admin_up else "down"),
                    "oper-status": leaf(status),
                    "logical-interface": logicals,
                }
            )
        return json.dumps({"interface-information": [{"physical-interface": physicals}]})

    def terse_text(self) -> str:
        lines = [f"{'Interface':<24}{'Admin':<6}{'Link':<5}Proto"]
        for p in self.physical.values():
            link = "up" if p.oper_up else "down"
            lines.append(f"{p.name:<24}{'up' if p.admin_up else 'down':<6}{link:<5}")
            for unit, families in p.units.items():
                lines.append(f"{unit:<24}{'up':<6}{link:<5}{' '.join(families)}")
        return "\n".join(lines) + "\n"
