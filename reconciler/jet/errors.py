"""Errors of the JET client, in the three kinds a caller must tell apart.

- RetryableError: the router said "not now" (TRY_AGAIN, NOT_READY, ...); retry later.
- PermanentError: the router refused this input; retrying the same request fails again.
- AmbiguousError: the transport failed on a write (UNAVAILABLE, DEADLINE_EXCEEDED);
  the router may or may not have applied it, so the caller must read back first.

Each names the router and the operation, and where one route is at fault, that route.
Messages never contain credentials.
"""

from __future__ import annotations

from collections.abc import Sequence


class JetError(Exception):
    """A JET call failed. `code` is the sub_code name or the gRPC status name."""

    kind = "error"

    def __init__(
        self,
        router: str,
        operation: str,
        code: str,
        message: str = "",
        *,
        route: str | None = None,
        applied: Sequence[range] = (),
    ) -> None:
        self.router = router
        self.operation = operation
        self.code = code
        self.detail = message
        self.route = route
        # Index ranges (into the caller's list) known to be applied on the router.
        self.applied: tuple[range, ...] = tuple(r for r in applied if len(r))
        super().__init__(self._text())

    @property
    def applied_count(self) -> int:
        return sum(len(r) for r in self.applied)

    def _text(self) -> str:
        text = f"{self.router}: {self.operation} failed ({self.kind}): {self.code}"
        if self.route:
            text += f" for route {self.route}"
        if self.detail and self.detail != self.code:
            text += f": {self.detail}"
        return text


class RetryableError(JetError):
    kind = "retryable"


class SessionLostError(RetryableError):
    """The router no longer knows this session (not logged in): log in again and re-initialize."""

    kind = "session lost"


class PermanentError(JetError):
    kind = "permanent"


class AuthenticationError(PermanentError):
    kind = "login refused"


class AmbiguousError(JetError):
    """The write may have been applied: read the router back before sending anything else."""

    kind = "ambiguous"
