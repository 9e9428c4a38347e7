"""Who else holds a router's writer lock: the watcher waits for a manual apply instead of
retrying against its lock.

A read of the journal's `locks` table with the journal's own rules (unexpired, holder alive,
not us). The journal has no public read of a lock yet; this is the one place that reads it,
so a `Journal.lock_holder(router)` can replace it without touching the watcher.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from reconciler.store.journal import Journal, _alive, this_process


@dataclass(frozen=True)
class Holder:
    holder: str  # host:pid of the other writer
    expires_at: float  # wall clock; the holder renews while it works


def other_holder(journal: Journal, router: str) -> Holder | None:
    """The other writer holding `router`'s lock now, or None (free, expired, dead holder, or ours)."""
    if not journal.path.exists():
        return None
    with journal._db(write=False) as db:
        row = db.execute("SELECT holder, expires_at FROM locks WHERE router = ?", (router,)).fetchone()
    if row is None:
        return None
    holder, expires_at = str(row[0]), float(row[1])
    if holder == this_process() or expires_at <= time.time() or not _alive(holder):
        return None
    return Holder(holder, expires_at)
