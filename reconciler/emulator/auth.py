"""Authentication/Login and the session check every other service starts with."""

from __future__ import annotations

from typing import Any, NoReturn

import grpc

from reconciler.emulator.state import Client, ClientLogin, RouterState
from reconciler.wire.pb import auth_grpc, auth_pb, common_pb


def _refuse(context: Any, message: str) -> NoReturn:
    context.abort(grpc.StatusCode.UNAUTHENTICATED, message)
    raise AssertionError("unreachable")  # context.abort raises


def require_session(state: RouterState, context: Any) -> tuple[Client, ClientLogin]:
    """The caller's client and session; an RPC on a connection that never logged in
    (or whose session an operator dropped) is refused with gRPC UNAUTHENTICATED."""
    found = state.session_of(context.peer())
    if found is None:
        _refuse(context, "not logged in: log this connection in first (Authentication/Login; in v1 Login/LoginCheck)")
    return found


def login_error(state: RouterState, peer: str, username: str, password: str, client_id: str) -> str | None:
    """Log a connection in as `client_id` (both API generations); the refusal, or None."""
    if not state.check_credentials(username, password):
        return "authentication failed: bad username or password"
    if not client_id:
        return "client_id is required"
    return state.login(peer, client_id)


class AuthenticationServicer(auth_grpc.AuthenticationServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def Login(self, request: auth_pb.LoginRequest, context: Any) -> auth_pb.LoginResponse:
        def failure(message: str) -> auth_pb.LoginResponse:
            return auth_pb.LoginResponse(status=common_pb.RpcStatus(code=common_pb.FAILURE, message=message))

        error = login_error(self.state, context.peer(), request.username, request.password, request.client_id)
        if error is not None:
            return failure(error)
        return auth_pb.LoginResponse(status=common_pb.RpcStatus(code=common_pb.SUCCESS))
