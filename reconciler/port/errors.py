"""The errors a router session raises, in the five kinds the engine must tell apart.

- Retryable: the router said "not now"; the same request may succeed later.
- SessionLost: the router no longer knows the session (its routing daemon
  restarted, it dropped the connection): open a new session and read again.
- Refused: the router refused this input; sending it again fails again. `reason`
  says why in words the engine can act on (e.g. NOT_FOUND for a delete).
- Ambiguous: a write whose answer was lost; it may or may not have been applied,
  so the router must be read back before anything else is sent.
- Unreachable: no session could be opened (connection refused, timed out).

Each names the router, the operation and, where one object is at fault, that object.
Messages never contain credentials.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class Reason(StrEnum):
    """Why a router refused an operation."""

    EXISTS = "exists"  # the object is already there (a filter added twice)
    NOT_FOUND = "not found"  # the object named does not exist
    CONFLICT = "conflict"  # the object is not in the state the operation assumes (a term missing)
    NO_TABLE = "no table"  # the routing table (instance) does not exist on the router
    LOGIN = "login refused"  # credentials or client id refused
    TLS = "TLS refused"  # the TLS handshake failed for a reason the settings decide (trust, name, certificates)
    INVALID = "invalid"  # the input breaks a rule of the router


class RouterError(Exception):
    """A router operation failed. `detail` is the router's own words, for people."""

    kind = "error"

    def __init__(
        self,
        router: str,
        operation: str,
        detail: str = "",
        *,
        subject: str | None = None,
        applied: Sequence[range] = (),
    ) -> None:
        self.router = router
        self.operation = operation
        self.detail = detail
        self.subject = subject
        # For batched writes: index ranges (into the caller's list) known to be applied.
        self.applied: tuple[range, ...] = tuple(r for r in applied if len(r))
        super().__init__(self._text())

    @property
    def applied_count(self) -> int:
        return sum(len(r) for r in self.applied)

    def _label(self) -> str:
        return self.kind

    def _text(self) -> str:
        text = f"{self.router}: {self.operation} failed ({self._label()})"
        if self.subject:
            text += f" for {self.subject}"
        if self.detail:
            text += f": {self.detail}"
        return text


class Retryable(RouterError):
    kind = "retryable"


class SessionLost(RouterError):
    kind = "session lost"


class Ambiguous(RouterError):
    kind = "ambiguous"


class Unreachable(RouterError):
    kind = "unreachable"


class Refused(RouterError):
    kind = "refused"

    def __init__(
        self,
        router: str,
        operation: str,
        reason: Reason,
        detail: str = "",
        *,
        subject: str | None = None,
        applied: Sequence[range] = (),
    ) -> None:
        self.reason = reason
        super().__init__(router, operation, detail, subject=subject, applied=applied)

    def _label(self) -> str:
        return f"refused: {self.reason.value}"


class ConfigError(RouterError):
    """The inventory entry cannot be turned into a session (a secret not set, a
    certificate file unreadable); nothing was sent to the router."""

    kind = "configuration"
