"""A logged-in JET v1 session: login, and how a v1 reply says yes or no.

The gRPC plumbing (deadlines, what a transport failure means, batches of at most
1000 with the applied ranges of a failed write) is the v2 transport's; what
differs is the answer: a v1 reply carries its status as a bare enum in field 1,
with no message, so success is the enum's SUCCESS (or a rebound) and the
refusal's words come from our own table of hints.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import grpc

from reconciler.jet.errors import AuthenticationError, JetError, PermanentError, RetryableError, SessionLostError
from reconciler.jet.session import JetTransport
from reconciler.wire.pb_v1 import auth_grpc, auth_pb

log = logging.getLogger(__name__)

# Names from the v1 status enums (RIB RouteOperStatus, BGP BgpRoute*Status).
RIB_RETRYABLE = frozenset({"TRY_AGAIN", "NOT_READY", "TABLE_NOT_READY"})
BGP_RETRYABLE = frozenset({"BGP_NOT_READY", "TRY_AGAIN", "TABLE_NOT_READY"})
_SUCCESS = frozenset({"SUCCESS", "SUCCESS_STATE_REBOUND", "RET_SUCCESS"})
_SESSION_GONE = frozenset({"NOT_INITIALIZED"})  # the routing daemon forgot our BGP initialize

# A v1 reply has no message: say in words what the codes a user may meet mean (and see
# reconciler.jet.driver for the hints both generations share).
HINTS = {
    "NOT_INITIALIZED": "the router no longer knows this client's BGP session (its routing daemon restarted?)",
    "ROUTE_EXISTS": "the route is there already",
    "ROUTE_NOT_FOUND": "no such route of this client",
    "TABLE_INVALID": "the router has no such routing table",
}

LOGIN = "Login/LoginCheck"


class V1Transport(JetTransport):
    """One v1 session to one router (one gRPC channel)."""

    def __init__(self, router: str, channel: grpc.Channel, **options: Any) -> None:
        super().__init__(router, channel, **options)
        self._login = auth_grpc.LoginStub(channel)

    def _refusal(
        self,
        operation: str,
        reply: Any,
        code_name: str,
        retryable: frozenset[str],
        *,
        route: str | None = None,
        applied: Sequence[range] = (),
    ) -> JetError | None:
        """The error a v1 reply carries (`code_name`: its status enum's name), or None on success."""
        return refusal(self.router, operation, code_name, retryable, route=route, applied=applied)

    def login(self, username: str, password: str, client_id: str, group_id: str = "") -> None:
        request = auth_pb.LoginRequest(user_name=username, password=password, client_id=client_id, group_id=group_id)
        reply = self._call(LOGIN, self._login.LoginCheck, request, write=False)
        if not reply.result:
            # v1 says only "no": name what it judges, never what was sent.
            raise AuthenticationError(self.router, LOGIN, "FAILURE",
                                      "the router refused the user name, password or client id")  # fmt: skip
        log.debug("%s: logged in (JET v1) as client %s", self.router, client_id)


def refusal(
    router: str,
    operation: str,
    code_name: str,
    retryable: frozenset[str],
    *,
    route: str | None = None,
    applied: Sequence[range] = (),
) -> JetError | None:
    """The JET error for a v1 status name, or None when it means success."""
    if code_name in _SUCCESS:
        return None
    error_class: type[JetError]
    if code_name in _SESSION_GONE:
        error_class = SessionLostError
    elif code_name in retryable:
        error_class = RetryableError
    else:
        error_class = PermanentError
    return error_class(router, operation, code_name, HINTS.get(code_name, ""), route=route, applied=applied)
