"""How a reconcile of one router ended: the vocabulary of apply, watch, status and the journal."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    IN_SYNC = "in sync"  # a read matched the intent; nothing was written
    CHANGED = "changed and verified"  # written, then a read matched the intent
    DRIFT_REPORTED = "drift reported"  # matches the intent but for drift under a `report` policy
    WAITING = "waiting"  # matches, but the router lacks something the intent needs (an interface)
    REFUSED = "refused"  # the router refused a step or the session (terminal until something changes)
    UNREACHABLE = "unreachable"
    LOCK_HELD = "lock held"  # another writer has the router
    GUARD = "stopped by a guard"  # mass delete, change budget, stale saved plan
    NOT_CONVERGED = "did not converge"  # rounds exhausted on retryable errors or moving state
    ERROR = "error"  # configuration (a secret not set) or an internal error


# Only these say that a read showed the router matching the intent.
VERIFIED = frozenset({Outcome.IN_SYNC, Outcome.CHANGED, Outcome.DRIFT_REPORTED})
