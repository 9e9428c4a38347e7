"""A router's interfaces: physical interfaces with units, as `show interfaces terse` lists them."""

from __future__ import annotations

from dataclasses import dataclass, field

from reconciler.emulator.junos_output import Node, leaf

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

    def _selected(self, name: str | None) -> list[PhysicalInterface]:
        """Every physical interface, or the one `name` names (a physical or a unit name)."""
        if name is None:
            return list(self.physical.values())
        physical = self.physical.get(name.partition(".")[0])
        return [] if physical is None or (name != physical.name and name not in physical.units) else [physical]

    def known(self, name: str) -> bool:
        return bool(self._selected(name))

    def terse_tree(self, name: str | None = None) -> Node:
        """`show interfaces terse` as the <interface-information> tree."""
        physicals = []
        for p in self._selected(name):
            status = "up" if p.oper_up else "down"
            logicals = [
                Node(
                    "logical-interface",
                    children=(
                        leaf("name", unit),
                        leaf("admin-status", "up"),
                        leaf("oper-status", status),
                        *(Node("address-family", children=(leaf("address-family-name", f),)) for f in families),
                    ),
                )
                for unit, families in p.units.items()
                if name is None or name in (p.name, unit)
            ]
            physicals.append(
                Node(
                    "physical-interface",
                    children=(
                        leaf("name", p.name),
                        leaf("admin-status", "up" if p.admin_up else "down"),
                        leaf("oper-status", status),
                        *logicals,
                    ),
                )
            )
        return Node("interface-information", children=tuple(physicals))

    def terse_text(self, name: str | None = None) -> str:
        lines = [f"{'Interface':<24}{'Admin':<6}{'Link':<5}Proto"]
        for p in self._selected(name):
            link = "up" if p.oper_up else "down"
            lines.append(f"{p.name:<24}{'up' if p.admin_up else 'down':<6}{link:<5}")
            for unit, families in p.units.items():
                if name is None or name in (p.name, unit):
                    lines.append(f"{unit:<24}{'up':<6}{link:<5}{' '.join(families)}")
        return "\n".join(lines) + "\n"
