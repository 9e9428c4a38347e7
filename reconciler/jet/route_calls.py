"""Typed calls of the route services: Base (purge timer), Rib and Bgp."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import grpc

from reconciler.jet.session import BGP_RETRYABLE, MAX_BATCH, RIB_RETRYABLE, InitResult, JetTransport
from reconciler.model.prefixes import default_prefix, family_of_table
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute
from reconciler.wire import codec
from reconciler.wire.pb import base_grpc, base_pb, base_types_pb, bgp_grpc, bgp_pb, rib_grpc, rib_pb


class RouteCalls(JetTransport):
    def __init__(self, router: str, channel: grpc.Channel, **options: Any) -> None:
        super().__init__(router, channel, **options)
        self._base = base_grpc.BaseStub(channel)
        self._rib = rib_grpc.RibStub(channel)
        self._bgp = bgp_grpc.BgpStub(channel)
        self._rib_encoder = codec.RibEncoder()

    def _base_checked(self, operation: str, reply: Any) -> None:
        name = base_types_pb.StatusCode.Name(reply.sub_code)
        self._checked(operation, reply, name, frozenset())

    def set_purge_timer(self, seconds: int) -> None:
        op = "Base/RoutePurgeTimerAdd"
        request = base_pb.RoutePurgeTimerAddRequest(time=seconds)
        self._base_checked(op, self._call(op, self._base.RoutePurgeTimerAdd, request, write=True))

    def get_purge_timer(self) -> int:
        op = "Base/RoutePurgeTimerGet"
        reply = self._call(op, self._base.RoutePurgeTimerGet, base_pb.RoutePurgeTimerGetRequest(), write=False)
        self._base_checked(op, reply)
        return int(reply.time)

    def reset_purge_timer(self) -> None:
        op = "Base/RoutePurgeTimerDelete"
        request = base_pb.RoutePurgeTimerDeleteRequest()
        self._base_checked(op, self._call(op, self._base.RoutePurgeTimerDelete, request, write=True))

    # --------------------------------------------------------------------- RIB

    def _rib_checked(self, operation: str, reply: Any) -> None:
        self._checked(operation, reply, rib_pb.StatusCode.Name(reply.sub_code), RIB_RETRYABLE)

    def rib_initialize(
        self, default_preference: int | None = None, default_preference2: int | None = None
    ) -> InitResult:
        op = "Rib/RouteInitialize"
        request = rib_pb.RouteInitializeRequest()
        if default_preference is not None:
            request.default_preferences[codec.PREFERENCE].value = default_preference
        if default_preference2 is not None:
            request.default_preferences[codec.PREFERENCE2].value = default_preference2
        reply = self._call(op, self._rib.RouteInitialize, request, write=False)
        self._rib_checked(op, reply)
        return InitResult(
            rebound=reply.sub_code == rib_pb.SUCCESS_REBOUND,
            num_client_routes=int(reply.num_client_routes),
        )

    def rib_cleanup(self) -> None:
        op = "Rib/RouteCleanup"
        reply = self._call(op, self._rib.RouteCleanup, rib_pb.RouteCleanupRequest(), write=True)
        self._rib_checked(op, reply)

    def rib_add(self, routes: Sequence[StaticRoute]) -> int:
        """Add routes; ROUTE_EXISTS if one is there already. Returns how many were sent."""
        return self._rib_write("Rib/RouteAdd", self._rib.RouteAdd, routes)

    def rib_update(self, routes: Sequence[StaticRoute]) -> int:
        """Add or replace (the idempotent upsert)."""
        return self._rib_write("Rib/RouteUpdate", self._rib.RouteUpdate, routes)

    def rib_delete(self, keys: Sequence[RouteKey]) -> int:
        return self._batched_write(
            "Rib/RouteDelete",
            self._rib.RouteDelete,
            keys,
            codec.rib_delete_request,
            lambda reply: rib_pb.StatusCode.Name(reply.sub_code),
            RIB_RETRYABLE,
            str,
        )

    def _rib_write(self, op: str, method: Any, routes: Sequence[StaticRoute]) -> int:
        return self._batched_write(
            op,
            method,
            routes,
            self._rib_encoder.request,
            lambda reply: rib_pb.StatusCode.Name(reply.sub_code),
            RIB_RETRYABLE,
            lambda route: str(route.key),
        )

    def rib_get(
        self,
        table: str,
        prefix: str | None = None,
        *,
        match_type: int = rib_pb.EXACT_OR_LONGER,
        active_only: bool = False,
        route_count: int = MAX_BATCH,
    ) -> Iterator[StaticRoute]:
        """Stream the routes of `table` under `prefix` (default: the whole table)."""
        op = "Rib/RouteGet"
        request = rib_pb.RouteGetRequest(
            match_type=match_type,  # type: ignore[arg-type]
            active_only=active_only,
            route_count=route_count,
        )
        prefix = prefix or default_prefix(family_of_table(table))
        codec.fill_rib_match(request.key, RouteKey(table, prefix, 0))
        decoder = codec.RibDecoder()
        for reply in self._stream(op, self._rib.RouteGet, request):
            name = rib_pb.StatusCode.Name(reply.sub_code)
            if name == "ROUTE_NOT_FOUND":
                return
            self._checked(op, reply, name, RIB_RETRYABLE)
            for entry in reply.routes:
                yield decoder.route(entry)

    # --------------------------------------------------------------------- BGP

    def bgp_initialize(self) -> InitResult:
        op = "Bgp/Initialize"
        reply = self._call(op, self._bgp.Initialize, bgp_pb.InitializeRequest(), write=False)
        name = bgp_pb.InitializeResponse.StatusCode.Name(reply.sub_code)
        self._checked(op, reply, name, BGP_RETRYABLE)
        return InitResult(rebound=name == "SUCCESS_STATE_REBOUND", num_client_routes=int(reply.num_client_routes))

    def bgp_cleanup(self) -> None:
        op = "Bgp/Cleanup"
        reply = self._call(op, self._bgp.Cleanup, bgp_pb.CleanupRequest(), write=True)
        name = bgp_pb.CleanupResponse.StatusCode.Name(reply.sub_code)
        self._checked(op, reply, name, BGP_RETRYABLE)

    def bgp_add(self, paths: Sequence[BgpPath]) -> int:
        return self._bgp_write("Bgp/RouteAdd", self._bgp.RouteAdd, paths)

    def bgp_update(self, paths: Sequence[BgpPath]) -> int:
        return self._bgp_write("Bgp/RouteUpdate", self._bgp.RouteUpdate, paths)

    def bgp_delete(self, keys: Sequence[RouteKey]) -> int:
        return self._batched_write(
            "Bgp/RouteDelete",
            self._bgp.RouteDelete,
            keys,
            codec.bgp_delete_request,
            lambda reply: bgp_pb.RouteOperResponse.StatusCode.Name(reply.sub_code),
            BGP_RETRYABLE,
            str,
        )

    def _bgp_write(self, op: str, method: Any, paths: Sequence[BgpPath]) -> int:
        return self._batched_write(
            op,
            method,
            paths,
            codec.bgp_update_request,
            lambda reply: bgp_pb.RouteOperResponse.StatusCode.Name(reply.sub_code),
            BGP_RETRYABLE,
            lambda path: str(path.key),
        )

    def bgp_get(
        self,
        table: str,
        prefix: str | None = None,
        *,
        or_longer: bool = True,
        active_only: bool = False,
        route_count: int = MAX_BATCH,
    ) -> Iterator[BgpPath]:
        op = "Bgp/RouteGet"
        request = bgp_pb.RouteGetRequest(or_longer=or_longer, active_only=active_only, route_count=route_count)
        prefix = prefix or default_prefix(family_of_table(table))
        codec.fill_bgp_match(request.route, RouteKey(table, prefix, 0))
        for reply in self._stream(op, self._bgp.RouteGet, request):
            name = bgp_pb.RouteGetResponse.StatusCode.Name(reply.sub_code)
            if name == "ROUTE_NOT_FOUND":
                return
            self._checked(op, reply, name, BGP_RETRYABLE)
            for entry in reply.routes:
                yield codec.bgp_path_from_pb(entry)
