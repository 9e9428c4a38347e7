"""The classic JET API (v1) of an emulated router, served beside v2 on the same port.

v1 lives in its own proto packages (authentication, routing, management), so its
gRPC paths never collide with v2's. Both generations share one router state:
sessions, per-client route stores, purge timers and MQTT events.
"""

from __future__ import annotations

from typing import Any

from reconciler.emulator.state import RouterState
from reconciler.emulator.v1.auth import LoginServicer
from reconciler.emulator.v1.base import BaseServicer
from reconciler.emulator.v1.bgp import BgpRouteServicer
from reconciler.emulator.v1.management import ManagementRpcApiServicer
from reconciler.emulator.v1.rib import RibServicer
from reconciler.wire.pb_v1 import auth_grpc, management_grpc, routing_grpc


def add_servicers(state: RouterState, server: Any) -> None:
    """Register every v1 service of a router on its gRPC server."""
    auth_grpc.add_LoginServicer_to_server(LoginServicer(state), server)
    routing_grpc.add_BgpRouteServicer_to_server(BgpRouteServicer(state), server)
    routing_grpc.add_RibServicer_to_server(RibServicer(state), server)
    routing_grpc.add_BaseServicer_to_server(BaseServicer(state), server)
    management_grpc.add_ManagementRpcApiServicer_to_server(ManagementRpcApiServicer(state), server)
