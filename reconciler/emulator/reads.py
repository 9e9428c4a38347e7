"""Helpers shared by the streaming RouteGet of the RIB and BGP services."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from reconciler.emulator.state import RouterState

MAX_CONCURRENT_GETS = 1000  # behaviour.md: more concurrent GETs answer TRY_AGAIN


@contextmanager
def guarded_get(state: RouterState) -> Iterator[bool]:
    """Admit a RouteGet unless too many are running; yields whether it was admitted."""
    with state.lock:
        admitted = state.active_gets < MAX_CONCURRENT_GETS
        if admitted:
            state.active_gets += 1
    try:
        yield admitted
    finally:
        if admitted:
            with state.lock:
                state.active_gets -= 1


def chunked(items: Sequence[bytes], size: int) -> Iterator[Sequence[bytes]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def lowest_preference_per_prefix(blobs: Sequence[bytes], entry_type: Any) -> list[bytes]:
    """Keep the active route of each prefix: the one with the lowest preference."""
    best: dict[tuple[Any, ...], tuple[int, bytes]] = {}
    for blob in blobs:
        entry = entry_type.FromString(blob)
        prefix = (entry.key.dest_prefix.SerializeToString(), entry.key.dest_prefix_len)
        preferences = getattr(getattr(entry, "attributes", None), "preferences", None)
        if preferences is not None:
            preference = preferences[0].value if 0 in preferences else 0
        else:
            preference = entry.route_preference.value
        if prefix not in best or preference < best[prefix][0]:
            best[prefix] = (preference, blob)
    return [blob for _, blob in best.values()]
