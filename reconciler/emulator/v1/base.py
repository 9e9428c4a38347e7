"""v1 routing.Base: the per-client route purge time, the same setting as v2's timer."""

from __future__ import annotations

from typing import Any

from reconciler.emulator.auth import require_session
from reconciler.emulator.base import MAX_PURGE_SECONDS, MIN_PURGE_SECONDS
from reconciler.emulator.state import RouterState
from reconciler.wire.pb_v1 import routing_grpc, routing_pb


class BaseServicer(routing_grpc.BaseServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def RoutePurgeTimeConfig(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        if not MIN_PURGE_SECONDS <= request.time <= MAX_PURGE_SECONDS:
            return routing_pb.RtOperReply(ret_code=routing_pb.RET_INVALID_PARAMS)
        with self.state.lock:
            client.purge_seconds = request.time
        return routing_pb.RtOperReply(ret_code=routing_pb.RET_SUCCESS)

    def RoutePurgeTimeUnconfig(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        with self.state.lock:
            if client.purge_seconds is None:  # nothing configured to remove
                return routing_pb.RtOperReply(ret_code=routing_pb.RET_NOT_FOUND)
            client.purge_seconds = None
        return routing_pb.RtOperReply(ret_code=routing_pb.RET_SUCCESS)

    def RoutePurgeTimeGet(self, request: Any, context: Any) -> Any:
        client, _ = require_session(self.state, context)
        seconds = client.purge_seconds or self.state.default_purge_seconds
        return routing_pb.RtPurgeTimeGetReply(ret_code=routing_pb.RET_SUCCESS, time=seconds)
