"""Typed calls of the v1 services: Base (purge time), Rib, BgpRoute, ManagementRpcApi."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import grpc

from reconciler.jet.errors import PermanentError
from reconciler.jet.firewall_calls import Interface, parse_interfaces_terse
from reconciler.jet.session import MAX_BATCH, InitResult
from reconciler.jet.v1 import codec
from reconciler.jet.v1.transport import BGP_RETRYABLE, RIB_RETRYABLE, V1Transport
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute
from reconciler.wire.pb_v1 import management_grpc, management_pb, routing_grpc, routing_pb

T = TypeVar("T")

_RIB_STATUS = routing_pb.RouteOperStatus.Name
_BGP_OPER_STATUS = routing_pb.BgpRouteOperReply.BgpRouteOperStatus.Name
_BGP_GET_STATUS = routing_pb.BgpRouteGetReply.BgpRouteGetStatus.Name
_BGP_INIT_STATUS = routing_pb.BgpRouteInitializeReply.BgpRouteInitializeStatus.Name
_BGP_CLEANUP_STATUS = routing_pb.BgpRouteCleanupReply.BgpRouteCleanupStatus.Name
_RETURN_CODE = routing_pb.ReturnCode.Name
INTERFACES_COMMAND = "show interfaces terse"


class V1Client(V1Transport):
    """One logged-in v1 session to one router: routes, purge time, operational commands."""

    def __init__(self, router: str, channel: grpc.Channel, **options: Any) -> None:
        super().__init__(router, channel, **options)
        self._base = routing_grpc.BaseStub(channel)
        self._rib = routing_grpc.RibStub(channel)
        self._bgp = routing_grpc.BgpRouteStub(channel)
        self._management = management_grpc.ManagementRpcApiStub(channel)
        self._rib_encoder = codec.rib_encoder()

    # -------------------------------------------------------------- purge time

    def set_purge_timer(self, seconds: int) -> None:
        op = "Base/RoutePurgeTimeConfig"
        request = routing_pb.RtPurgeConfigRequest(time=seconds)
        reply = self._call(op, self._base.RoutePurgeTimeConfig, request, write=True)
        self._checked(op, reply, _RETURN_CODE(reply.ret_code), frozenset())

    def get_purge_timer(self) -> int:
        op = "Base/RoutePurgeTimeGet"
        reply = self._call(op, self._base.RoutePurgeTimeGet, routing_pb.RtEmptyRequest(), write=False)
        self._checked(op, reply, _RETURN_CODE(reply.ret_code), frozenset())
        return int(reply.time)

    def reset_purge_timer(self) -> None:
        op = "Base/RoutePurgeTimeUnconfig"
        reply = self._call(op, self._base.RoutePurgeTimeUnconfig, routing_pb.RtEmptyRequest(), write=True)
        self._checked(op, reply, _RETURN_CODE(reply.ret_code), frozenset())

    # --------------------------------------------------------------------- RIB

    def rib_update(self, routes: Sequence[StaticRoute]) -> int:
        """Add or replace (the idempotent upsert)."""
        return self._rib_write("Rib/RouteUpdate", self._rib.RouteUpdate, routes)

    def rib_add(self, routes: Sequence[StaticRoute]) -> int:
        """Add; ROUTE_EXISTS if this client has the route already."""
        return self._rib_write("Rib/RouteAdd", self._rib.RouteAdd, routes)

    def _rib_write(self, op: str, method: Any, routes: Sequence[StaticRoute]) -> int:
        return self._batched_write(op, method, routes, self._rib_encoder.request,
                                   lambda reply: _RIB_STATUS(reply.status), RIB_RETRYABLE,
                                   lambda route: str(route.key))  # fmt: skip

    def rib_remove(self, keys: Sequence[RouteKey]) -> int:
        return self._batched_write("Rib/RouteRemove", self._rib.RouteRemove, keys, codec.rib_remove_request,
                                   lambda reply: _RIB_STATUS(reply.status), RIB_RETRYABLE, str)  # fmt: skip

    def rib_get(self, table: str, prefix: str | None = None, *, route_count: int = MAX_BATCH) -> Iterator[StaticRoute]:
        """Stream the routes of `table` under `prefix` (default: the whole table)."""
        op = "Rib/RouteGet"
        decoder = codec.rib_decoder()
        for reply in self._stream(op, self._rib.RouteGet, codec.rib_get_request(table, prefix, route_count)):
            name = _RIB_STATUS(reply.status)
            if name == "ROUTE_NOT_FOUND":  # nothing under the prefix
                return
            self._checked(op, reply, name, RIB_RETRYABLE)
            for entry in reply.routes:
                yield decoder.route(entry)

    # --------------------------------------------------------------------- BGP

    def bgp_initialize(self) -> InitResult:
        op = "BgpRoute/BgpRouteInitialize"
        reply = self._call(op, self._bgp.BgpRouteInitialize, routing_pb.BgpRouteInitializeRequest(), write=False)
        name = _BGP_INIT_STATUS(reply.status)
        self._checked(op, reply, name, BGP_RETRYABLE)
        return InitResult(rebound=name == "SUCCESS_STATE_REBOUND", num_client_routes=int(reply.gw_n_routes))

    def bgp_cleanup(self) -> None:
        op = "BgpRoute/BgpRouteCleanup"
        reply = self._call(op, self._bgp.BgpRouteCleanup, routing_pb.BgpRouteCleanupRequest(), write=True)
        self._checked(op, reply, _BGP_CLEANUP_STATUS(reply.status), BGP_RETRYABLE)

    def bgp_update(self, paths: Sequence[BgpPath]) -> int:
        return self._bgp_write("BgpRoute/BgpRouteUpdate", self._bgp.BgpRouteUpdate, paths)

    def bgp_add(self, paths: Sequence[BgpPath]) -> int:
        return self._bgp_write("BgpRoute/BgpRouteAdd", self._bgp.BgpRouteAdd, paths)

    def _bgp_write(self, op: str, method: Any, paths: Sequence[BgpPath]) -> int:
        return self._batched_write(op, method, paths, codec.bgp_update_request,
                                   lambda reply: _BGP_OPER_STATUS(reply.status), BGP_RETRYABLE,
                                   lambda path: str(path.key))  # fmt: skip

    def bgp_remove(self, keys: Sequence[RouteKey]) -> int:
        return self._batched_write("BgpRoute/BgpRouteRemove", self._bgp.BgpRouteRemove, keys,
                                   codec.bgp_remove_request, lambda reply: _BGP_OPER_STATUS(reply.status),
                                   BGP_RETRYABLE, str)  # fmt: skip

    def bgp_get(self, table: str, prefix: str | None = None, *, route_count: int = MAX_BATCH) -> Iterator[BgpPath]:
        """Stream the BGP-static paths of `table` under `prefix`; the router ends the stream
        with an empty reply, which simply carries no routes."""
        op = "BgpRoute/BgpRouteGet"
        for reply in self._stream(op, self._bgp.BgpRouteGet, codec.bgp_get_request(table, prefix, route_count)):
            name = _BGP_GET_STATUS(reply.status)
            if name == "ROUTE_NOT_FOUND":
                return
            self._checked(op, reply, name, BGP_RETRYABLE)
            for entry in reply.bgp_routes:
                yield codec.bgp_path_from_pb(entry)

    # -------------------------------------------------------------- management

    def op_command(self, command: str) -> str:
        """Run an operational command (`show ...`); its whole output as JSON text."""
        op = f"ManagementRpcApi/ExecuteOpCommand {command!r}"
        request = management_pb.ExecuteOpCommandRequest(
            request_id=1, cli_command=command, out_format=management_pb.OPERATION_FORMAT_JSON
        )
        chunks = []
        for reply in self._stream(op, self._management.ExecuteOpCommand, request):
            if reply.status != management_pb.SUCCESS:
                name = management_pb.JunosRpcResponseTypes.Name(reply.status)
                raise PermanentError(self.router, op, name, reply.message)
            chunks.append(reply.data)
        return "".join(chunks)

    def interfaces(self) -> list[Interface]:
        """Interfaces and units from `show interfaces terse` (JSON)."""
        return _parsed(self.router, self.op_command(INTERFACES_COMMAND), parse_interfaces_terse)


def _parsed(router: str, text: str, parse: Callable[[Any], T]) -> T:
    try:
        return parse(json.loads(text))
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise PermanentError(router, f"ManagementRpcApi/ExecuteOpCommand {INTERFACES_COMMAND!r}", "BAD_OUTPUT",
                             str(exc)) from None  # fmt: skip
