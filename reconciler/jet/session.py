"""A logged-in JET session: the plumbing every service call goes through.

Every response is checked for the gRPC status *and* the JET `status`/`sub_code`
and turned into the errors of `reconciler.jet.errors`. Writes are split into
batches of at most 1000 entries with up to two requests in flight; because the
router applies a batch in order and stops at the first error, a failed write
reports exactly which of the caller's entries were applied.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import grpc

from reconciler.jet.errors import (
    AmbiguousError,
    AuthenticationError,
    JetError,
    PermanentError,
    RetryableError,
    SessionLostError,
)
from reconciler.wire.pb import (
    auth_grpc,
    auth_pb,
    common_pb,
)

log = logging.getLogger(__name__)

MAX_BATCH = 1000  # a router takes 1..1000 entries per write request
DEFAULT_TIMEOUT = 10.0  # seconds per unary RPC, as public JET clients use

RIB_RETRYABLE = frozenset({"TRY_AGAIN", "NOT_READY", "TABLE_NOT_READY"})
BGP_RETRYABLE = frozenset({"BGP_NOT_READY", "REQUEST_NOT_DONE", "TRY_AGAIN", "TABLE_NOT_READY"})
# Sub-codes that mean success with extra information.
_SUCCESS_CODES = frozenset({"SUCCESS", "SUCCESS_REBOUND", "SUCCESS_STATE_REBOUND", "EOK"})
# The routing daemon restarted and forgot this client's initialize: the session must
# be opened again (Login, purge timers, initialize) and the router re-read.
_SESSION_GONE = frozenset({"NOT_INITIALIZED"})
_AMBIGUOUS_GRPC = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})
_RETRYABLE_GRPC = frozenset({grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.StatusCode.ABORTED})
# A read stream that ends in one of these broke on the way (the server went away, an
# RST_STREAM, "Stream removed", an exception in the server's walk): nothing is wrong with
# the request, so the read may be tried again from the start. JET says "no" to a read in
# its sub_code, not in the gRPC status; the codes left out here are about the request.
_BROKEN_READ_GRPC = frozenset({
    grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.CANCELLED,
    grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.ABORTED, grpc.StatusCode.RESOURCE_EXHAUSTED,
    grpc.StatusCode.DATA_LOSS,
})  # fmt: skip

T = TypeVar("T")


class _Reply(Protocol):
    @property
    def status(self) -> common_pb.RpcStatus: ...


@dataclass(frozen=True)
class InitResult:
    """Outcome of Rib/RouteInitialize or Bgp/Initialize."""

    rebound: bool  # the router re-attached state of an earlier session of this client id
    num_client_routes: int  # routes this client id owns on the router right now


class JetTransport:
    """One session to one router (one gRPC channel); the service calls build on it."""

    def __init__(
        self,
        router: str,
        channel: grpc.Channel,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        read_timeout: float = 600.0,
        batch_size: int = MAX_BATCH,
        max_in_flight: int = 2,
    ) -> None:
        if not 1 <= batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size must be 1..{MAX_BATCH}")
        self.router = router
        self.channel = channel
        self.timeout = timeout
        self.read_timeout = read_timeout
        self.batch_size = batch_size
        self.max_in_flight = max(1, max_in_flight)
        self._auth = auth_grpc.AuthenticationStub(channel)

    def close(self) -> None:
        self.channel.close()

    # ------------------------------------------------------------------ checks

    def _rpc_failure(self, operation: str, exc: grpc.RpcError, *, write: bool) -> JetError:
        code = exc.code() if isinstance(exc, grpc.Call) else grpc.StatusCode.UNKNOWN
        details = (exc.details() if isinstance(exc, grpc.Call) else str(exc)) or ""
        name = code.name if code else "UNKNOWN"
        error_class: type[JetError]
        if code in _AMBIGUOUS_GRPC:
            error_class = AmbiguousError if write else RetryableError
        elif code == grpc.StatusCode.UNAUTHENTICATED:
            error_class = SessionLostError
        elif code in _RETRYABLE_GRPC:
            error_class = RetryableError
        else:
            error_class = PermanentError
        return error_class(self.router, operation, name, details)

    def _read_failure(self, operation: str, exc: grpc.RpcError) -> JetError:
        """A read stream that failed: broken on the way (retryable, read again from the start),
        the session gone, or a refusal of the request itself."""
        code = exc.code() if isinstance(exc, grpc.Call) else grpc.StatusCode.UNKNOWN
        if code in _BROKEN_READ_GRPC:
            details = (exc.details() if isinstance(exc, grpc.Call) else str(exc)) or ""
            reason = f"the read stream broke: {details}" if details else "the read stream broke"
            return RetryableError(self.router, operation, code.name, reason)
        return self._rpc_failure(operation, exc, write=False)

    def _closed(self, operation: str, exc: ValueError) -> SessionLostError:
        """gRPC raises ValueError for a call on a channel this process closed: the session is gone."""
        return SessionLostError(self.router, operation, "CHANNEL_CLOSED", str(exc))

    def _call(self, operation: str, method: Callable[..., T], request: Any, *, write: bool) -> T:
        try:
            return method(request, timeout=self.timeout)
        except grpc.RpcError as exc:
            raise self._rpc_failure(operation, exc, write=write) from None
        except ValueError as exc:
            raise self._closed(operation, exc) from None

    def _refusal(
        self,
        operation: str,
        reply: _Reply,
        code_name: str,
        retryable: frozenset[str],
        *,
        route: str | None = None,
        applied: Sequence[range] = (),
    ) -> JetError | None:
        """The error a reply carries, or None when it reports success."""
        ok = reply.status.code == common_pb.SUCCESS
        if ok and code_name in _SUCCESS_CODES:
            return None
        if code_name in _SUCCESS_CODES:  # FAILURE without a specific sub_code
            code_name = "FAILURE"
        error_class: type[JetError]
        if code_name in _SESSION_GONE:
            error_class = SessionLostError
        elif code_name in retryable:
            error_class = RetryableError
        else:
            error_class = PermanentError
        return error_class(self.router, operation, code_name, reply.status.message, route=route, applied=applied)

    def _checked(self, operation: str, reply: Any, code_name: str, retryable: frozenset[str]) -> None:
        error = self._refusal(operation, reply, code_name, retryable)
        if error is not None:
            raise error

    # ------------------------------------------------------------- login/base

    def login(self, username: str, password: str, client_id: str, group_id: str = "") -> None:
        request = auth_pb.LoginRequest(username=username, password=password, client_id=client_id, group_id=group_id)
        reply = self._call("Authentication/Login", self._auth.Login, request, write=False)
        if reply.status.code != common_pb.SUCCESS:
            raise AuthenticationError(self.router, "Authentication/Login", "FAILURE", reply.status.message)
        log.debug("%s: logged in as client %s", self.router, client_id)

    # --------------------------------------------------------------- plumbing

    def _stream(self, operation: str, method: Any, request: Any) -> Iterator[Any]:
        try:
            yield from method(request, timeout=self.read_timeout)
        except grpc.RpcError as exc:
            # A broken stream is a failed read, never a short one.
            raise self._read_failure(operation, exc) from None
        except ValueError as exc:
            raise self._closed(operation, exc) from None

    def _batched_write(
        self,
        operation: str,
        method: Any,
        items: Sequence[T],
        encode: Callable[[Sequence[T]], Any],
        code_of: Callable[[Any], str],
        retryable: frozenset[str],
        describe: Callable[[T], str],
    ) -> int:
        """Send `items` in batches with up to `max_in_flight` requests outstanding.

        Stops sending at the first failure, waits for what is in flight, and raises
        the earliest failure with the index ranges known to be applied.
        """
        applied: list[range] = []
        failures: list[tuple[int, JetError]] = []
        in_flight: deque[tuple[int, Sequence[T], Any]] = deque()

        def settle() -> None:
            start, batch, future = in_flight.popleft()
            try:
                reply = future.result()
            except grpc.RpcError as exc:
                failures.append((start, self._rpc_failure(operation, exc, write=True)))
                return
            name = code_of(reply)
            completed = min(int(reply.operations_completed), len(batch))
            route = describe(batch[completed]) if completed < len(batch) else None
            error = self._refusal(operation, reply, name, retryable, route=route)
            if error is None:
                applied.append(range(start, start + len(batch)))
            else:
                applied.append(range(start, start + completed))
                failures.append((start, error))

        for start in range(0, len(items), self.batch_size):
            if failures:
                break
            batch = items[start : start + self.batch_size]
            if len(in_flight) >= self.max_in_flight:
                settle()
                if failures:
                    break
            request = encode(batch)
            try:
                future = method.future(request, timeout=self.timeout)
            except ValueError as exc:
                failures.append((start, self._closed(operation, exc)))
                break
            in_flight.append((start, batch, future))
        while in_flight:
            settle()
        if failures:
            _, first = min(failures, key=lambda failure: failure[0])
            raise type(first)(
                first.router,
                first.operation,
                first.code,
                first.detail,
                route=first.route,
                applied=_merged(applied),
            )
        return len(items)


def _merged(ranges: list[range]) -> list[range]:
    """Sorted, with touching ranges joined: [0..1000) + [1000..1500) -> [0..1500)."""
    result: list[range] = []
    for r in sorted((r for r in ranges if len(r)), key=lambda r: r.start):
        if result and result[-1].stop == r.start:
            result[-1] = range(result[-1].start, r.stop)
        else:
            result.append(r)
    return result
