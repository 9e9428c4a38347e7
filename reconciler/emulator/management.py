"""Management/OpCommandGet: runs an operational command (see op_commands) and streams its output."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reconciler.emulator.auth import require_session
from reconciler.emulator.op_commands import CommandError, run
from reconciler.emulator.state import RouterState
from reconciler.wire.pb import common_pb, management_grpc, management_pb

_OK = common_pb.RpcStatus(code=common_pb.SUCCESS)


class ManagementServicer(management_grpc.ManagementServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def OpCommandGet(self, request: Any, context: Any) -> Iterator[management_pb.OpCommandGetResponse]:
        require_session(self.state, context)
        try:
            data = run(self.state, request)
        except CommandError as refusal:
            failure = common_pb.RpcStatus(code=common_pb.FAILURE, message=str(refusal))
            yield management_pb.OpCommandGetResponse(status=failure)
            return
        yield management_pb.OpCommandGetResponse(status=_OK, data=data)
