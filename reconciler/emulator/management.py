"""Management/OpCommandGet: the operational commands an emulated router answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reconciler.emulator.auth import require_session
from reconciler.emulator.state import RouterState
from reconciler.wire.pb import common_pb, management_grpc, management_pb

_OK = common_pb.RpcStatus(code=common_pb.SUCCESS)


class ManagementServicer(management_grpc.ManagementServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def OpCommandGet(self, request: Any, context: Any) -> Iterator[management_pb.OpCommandGetResponse]:
        require_session(self.state, context)
        command = " ".join(request.cli_command.split())
        if request.WhichOneof("command") != "cli_command" or command not in (
            "show interfaces terse",
            "show interface terse",
        ):
            yield management_pb.OpCommandGetResponse(
                status=common_pb.RpcStatus(
                    code=common_pb.FAILURE, message=f"syntax error or unsupported command: {command!r}"
                )
            )
            return
        with self.state.lock:
            if request.out_format == management_pb.OP_COMMAND_OUTPUT_JSON:
                data = self.state.interfaces.terse_json()
            elif request.out_format == management_pb.OP_COMMAND_OUTPUT_CLI:
                data = self.state.interfaces.terse_text()
            else:
                data = ""
        if not data:
            yield management_pb.OpCommandGetResponse(
                status=common_pb.RpcStatus(code=common_pb.FAILURE, message="XML output is not supported")
            )
            return
        yield management_pb.OpCommandGetResponse(status=_OK, data=data)
