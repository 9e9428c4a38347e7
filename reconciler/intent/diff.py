"""Which routers' effective intent differs between two loads, and how (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler.intent.merge import RouterIntent

KINDS = ("static_routes", "bgp_paths", "filters", "bindings")


@dataclass(frozen=True)
class KindChange:
    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed


@dataclass
class RouterChange:
    router: str
    status: str  # "added", "removed" or "changed"
    kinds: dict[str, KindChange] = field(default_factory=dict)
    settings_changed: bool = False  # address, credentials, timers, ...


def _compare(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> KindChange:
    added = sum(1 for key in new if key not in old)
    removed = sum(1 for key in old if key not in new)
    changed = sum(1 for key, value in new.items() if key in old and old[key] != value)
    return KindChange(added, removed, changed)


def diff_routers(base: Mapping[str, RouterIntent], head: Mapping[str, RouterIntent]) -> list[RouterChange]:
    """Routers whose intent differs (sorted by name); unchanged routers are left out."""
    changes = []
    for name in sorted(set(base) | set(head)):
        old, new = base.get(name), head.get(name)
        if old is not None and new is not None and old.fingerprint() == new.fingerprint():
            continue
        empty: dict[Any, Any] = {}
        kinds = {
            kind: _compare(getattr(old, kind) if old else empty, getattr(new, kind) if new else empty) for kind in KINDS
        }
        status = "added" if old is None else "removed" if new is None else "changed"
        settings = old is not None and new is not None and old.entry != new.entry
        changes.append(RouterChange(name, status, {k: v for k, v in kinds.items() if v.total}, settings))
    return changes
