"""Who else holds a router's writer lock: the watcher waits for a manual apply instead of
retrying against its lock.

The journal decides, with the rules its `acquire` applies (unexpired, holder alive, not us).
"""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.store.journal import Journal


@dataclass(frozen=True)
class Holder:
    holder: str  # host:pid of the other writer
    expires_at: float  # wall clock; the holder renews while it works


def other_holder(journal: Journal, router: str) -> Holder | None:
    """The other writer holding `router`'s lock now, or None (free, expired, dead holder, or ours)."""
    found = journal.lock_holder(router)
    return None if found is None else Holder(*found)
