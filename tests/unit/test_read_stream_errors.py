"""How the JET driver classifies a route read stream that ends in a gRPC error (no sockets:
the stream is a generator that fails the way a gRPC stream iterator does)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest

from reconciler.jet.driver import JetRouter
from reconciler.jet.session import JetTransport
from reconciler.port.errors import Refused, Retryable, RouterError, SessionLost


class _StreamFailed(grpc.RpcError, grpc.Call):
    """What a gRPC stream iterator raises when the stream ends in an error status."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__()
        self._code, self._details = code, details

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details

    def initial_metadata(self) -> tuple[tuple[str, str | bytes], ...]:
        return ()

    def trailing_metadata(self) -> tuple[tuple[str, str | bytes], ...]:  # type: ignore[override]  # two stubs differ
        return ()

    def is_active(self) -> bool:
        return False

    def time_remaining(self) -> float:
        return 0.0

    def cancel(self) -> bool:
        return False

    def add_callback(self, callback: Callable[[], None]) -> bool:
        return False


def _transport() -> JetTransport:
    transport = JetTransport.__new__(JetTransport)  # the stream plumbing needs a name and a timeout only
    transport.router, transport.read_timeout = "r1", 5.0
    return transport


def _read(code: grpc.StatusCode, details: str) -> tuple[list[int], RouterError]:
    def method(request: Any, timeout: float) -> Iterator[int]:
        yield 1  # the first reply arrives, then the stream ends in an error status
        raise _StreamFailed(code, details)

    seen: list[int] = []
    router = JetRouter.__new__(JetRouter)  # translating errors needs no client
    with pytest.raises(RouterError) as failure:
        seen.extend(router._stream(_transport()._stream("Rib/RouteGet", method, None)))
    return seen, failure.value


@pytest.mark.parametrize(
    ("code", "details"),
    [
        (grpc.StatusCode.UNAVAILABLE, "Socket closed"),
        (grpc.StatusCode.INTERNAL, "Received RST_STREAM with error code 2"),
        (grpc.StatusCode.UNKNOWN, "Stream removed"),
        (grpc.StatusCode.UNKNOWN, "Exception iterating responses: walk failed"),
        (grpc.StatusCode.CANCELLED, "Cancelled on the server side"),
        (grpc.StatusCode.DEADLINE_EXCEEDED, "Deadline Exceeded"),
    ],
)
def test_a_broken_read_stream_is_retryable(code: grpc.StatusCode, details: str) -> None:
    seen, error = _read(code, details)
    assert seen == [1] and type(error) is Retryable
    assert str(error) == f"r1: Rib/RouteGet failed (retryable): {code.name}: the read stream broke: {details}"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (grpc.StatusCode.UNAUTHENTICATED, SessionLost),
        (grpc.StatusCode.INVALID_ARGUMENT, Refused),
        (grpc.StatusCode.UNIMPLEMENTED, Refused),
        (grpc.StatusCode.PERMISSION_DENIED, Refused),
    ],
)
def test_a_read_the_router_refuses_is_not_retried(code: grpc.StatusCode, kind: type[RouterError]) -> None:
    _, error = _read(code, "no")
    assert type(error) is kind
