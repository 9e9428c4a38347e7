"""Client filters and their bindings on one router.

Filters are stored as the ordered serialized terms the client sent; nothing can
read them back over JET (as on a router), only the operator side door lists them.
Filter names are unique per family across clients. Guarded by the router lock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

FilterKey = tuple[int, str]  # (FilterFamilies value, name)
BindKey = tuple[str, int, int]  # (interface unit, direction, family)

PACKETS_PER_SECOND = 3  # counters of a bound filter grow at this made-up rate
BYTES_PER_PACKET = 84


@dataclass
class StoredFilter:
    owner: str
    name: str
    family: int
    terms: list[tuple[str, bytes, str]]  # (term name, serialized term, its counter or ""), in order

    @property
    def counters(self) -> set[str]:
        return {counter for _, _, counter in self.terms if counter}


@dataclass
class FirewallState:
    filters: dict[FilterKey, StoredFilter] = field(default_factory=dict)
    bindings: dict[BindKey, FilterKey] = field(default_factory=dict)
    bound_since: dict[BindKey, float] = field(default_factory=dict)

    def bindings_of(self, key: FilterKey) -> list[BindKey]:
        return [b for b, f in self.bindings.items() if f == key]

    def bind(self, point: BindKey, key: FilterKey) -> None:
        self.bindings[point] = key
        self.bound_since.setdefault(point, time.monotonic())

    def unbind(self, point: BindKey) -> FilterKey | None:
        self.bound_since.pop(point, None)
        return self.bindings.pop(point, None)

    def remove_filter(self, key: FilterKey) -> tuple[StoredFilter | None, list[BindKey]]:
        """Delete a filter and every binding of it; returns what went."""
        unbound = self.bindings_of(key)
        for point in unbound:
            self.unbind(point)
        return self.filters.pop(key, None), unbound

    def remove_interface(self, names: list[str]) -> list[tuple[BindKey, FilterKey]]:
        """Bindings on deleted interface units disappear with them."""
        gone = [(p, f) for p, f in self.bindings.items() if p[0] in names]
        for point, _ in gone:
            self.unbind(point)
        return gone

    def filters_of(self, client_id: str) -> list[FilterKey]:
        return [k for k, f in self.filters.items() if f.owner == client_id]

    def counter(self, key: FilterKey) -> tuple[int, int]:
        """(packets, bytes) of a counter: grows while the filter is bound anywhere."""
        seconds = sum(time.monotonic() - self.bound_since[p] for p in self.bindings_of(key))
        packets = int(seconds * PACKETS_PER_SECOND)
        return packets, packets * BYTES_PER_PACKET
