"""v1 Login/LoginCheck: the same login as v2's, answered with one boolean."""

from __future__ import annotations

from typing import Any

from reconciler.emulator.auth import login_error
from reconciler.emulator.state import RouterState
from reconciler.wire.pb_v1 import auth_grpc, auth_pb


class LoginServicer(auth_grpc.LoginServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def LoginCheck(self, request: Any, context: Any) -> Any:
        # v1 has no status message: a refusal (bad password, no client id, session limit) is just false.
        error = login_error(self.state, context.peer(), request.user_name, request.password, request.client_id)
        return auth_pb.LoginReply(result=error is None)
