"""v1 management.ManagementRpcApi/ExecuteOpCommand, answered by the v2 Management service.

Both generations run the same operational commands; only the envelope differs
(v1 echoes a request id and carries a bare status enum and a message).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reconciler.emulator.auth import require_session
from reconciler.emulator.management import ManagementServicer
from reconciler.emulator.state import RouterState
from reconciler.wire.pb import common_pb, management_pb
from reconciler.wire.pb_v1 import management_grpc
from reconciler.wire.pb_v1 import management_pb as management_v1_pb

Response = management_v1_pb.ExecuteOpCommandResponse


class ManagementRpcApiServicer(management_grpc.ManagementRpcApiServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state
        self._v2 = ManagementServicer(state)

    def ExecuteOpCommand(self, request: Any, context: Any) -> Iterator[Any]:
        require_session(self.state, context)
        request_id = request.request_id
        arm = request.WhichOneof("command")
        if arm not in ("cli_command", "xml_command"):  # json_command, or none at all
            yield Response(
                request_id=request_id,
                status=management_v1_pb.UNSUPPORTED_ENCODING,
                message="give the command as cli_command or xml_command",
            )
            return
        # The output format enums have the same numbers in both generations.
        v2_request = management_pb.OpCommandGetRequest(out_format=request.out_format)
        setattr(v2_request, arm, getattr(request, arm))
        for answer in self._v2.OpCommandGet(v2_request, context):
            ok = answer.status.code == common_pb.SUCCESS
            yield Response(
                request_id=request_id,
                data=answer.data,
                status=management_v1_pb.SUCCESS if ok else management_v1_pb.NOK,
                message=answer.status.message,
            )
