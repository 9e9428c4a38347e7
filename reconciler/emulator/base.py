"""The Base service: per-client route purge timers."""

from __future__ import annotations

from typing import Any

from reconciler.emulator.auth import require_session
from reconciler.emulator.replies import reply
from reconciler.emulator.state import RouterState
from reconciler.wire.pb import base_grpc, base_pb, base_types_pb

MIN_PURGE_SECONDS = 1
MAX_PURGE_SECONDS = 1000


class BaseServicer(base_grpc.BaseServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def RoutePurgeTimerAdd(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        response = base_pb.RoutePurgeTimerAddResponse
        if not MIN_PURGE_SECONDS <= request.time <= MAX_PURGE_SECONDS:
            return reply(response, base_types_pb.INVALID_PARAMS)
        with self.state.lock:
            client.purge_seconds = request.time
        return reply(response, base_types_pb.SUCCESS)

    def RoutePurgeTimerGet(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        seconds = client.purge_seconds or self.state.default_purge_seconds
        return reply(base_pb.RoutePurgeTimerGetResponse, base_types_pb.SUCCESS, time=seconds)

    def RoutePurgeTimerDelete(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        with self.state.lock:
            client.purge_seconds = None
        return reply(base_pb.RoutePurgeTimerDeleteResponse, base_types_pb.SUCCESS)
