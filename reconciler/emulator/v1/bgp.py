"""v1 routing.BgpRoute, served by the v2 Bgp service behind a translation.

The two generations program the same BGP static paths (a path per cookie, one
next hop each) with the same rules: initialize on every connect (rebound when a
client id comes back within its purge time), batches of 1 to 1000 in order
with the first error stopping, cookie 0 in a remove meaning every path of the
prefix. So each v1 call is translated into the v2 call and its reply back;
v1-only features (labels, SR-TE/flowspec data, tunnel attributes) are refused
before the entry that carries them, as the first error of the batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reconciler.emulator.auth import require_session
from reconciler.emulator.bgp import BgpServicer
from reconciler.emulator.state import RouterState
from reconciler.emulator.v1 import convert
from reconciler.wire.pb import bgp_pb
from reconciler.wire.pb_v1 import routing_grpc, routing_pb

MAX_BATCH = 1000
Oper = routing_pb.BgpRouteOperReply
Get = routing_pb.BgpRouteGetReply
_OPER_V2 = bgp_pb.RouteOperResponse.DESCRIPTOR.enum_types_by_name["StatusCode"]
_OPER_V1 = Oper.DESCRIPTOR.enum_types_by_name["BgpRouteOperStatus"]
_GET_V2 = bgp_pb.RouteGetResponse.DESCRIPTOR.enum_types_by_name["StatusCode"]
_GET_V1 = Get.DESCRIPTOR.enum_types_by_name["BgpRouteGetStatus"]
_INIT_V2 = bgp_pb.InitializeResponse.DESCRIPTOR.enum_types_by_name["StatusCode"]
_INIT_V1 = routing_pb.BgpRouteInitializeReply.DESCRIPTOR.enum_types_by_name["BgpRouteInitializeStatus"]
_CLEANUP_V2 = bgp_pb.CleanupResponse.DESCRIPTOR.enum_types_by_name["StatusCode"]
_CLEANUP_V1 = routing_pb.BgpRouteCleanupReply.DESCRIPTOR.enum_types_by_name["BgpRouteCleanupStatus"]


def _oper(reply: Any) -> Any:
    code = convert.status(_OPER_V2, reply.sub_code, _OPER_V1)
    return Oper(status=code, operations_completed=reply.operations_completed)


class BgpRouteServicer(routing_grpc.BgpRouteServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state
        self._v2 = BgpServicer(state)

    def BgpRouteInitialize(self, request: Any, context: Any) -> Any:
        reply = self._v2.Initialize(bgp_pb.InitializeRequest(), context)
        return routing_pb.BgpRouteInitializeReply(
            status=convert.status(_INIT_V2, reply.sub_code, _INIT_V1), gw_n_routes=reply.num_client_routes
        )

    def BgpRouteCleanup(self, request: Any, context: Any) -> Any:
        reply = self._v2.Cleanup(bgp_pb.CleanupRequest(), context)
        return routing_pb.BgpRouteCleanupReply(status=convert.status(_CLEANUP_V2, reply.sub_code, _CLEANUP_V1))

    def BgpRouteAdd(self, request: Any, context: Any) -> Any:
        return self._write(request, context, self._v2.RouteAdd)

    def BgpRouteModify(self, request: Any, context: Any) -> Any:
        return self._write(request, context, self._v2.RouteModify)

    def BgpRouteUpdate(self, request: Any, context: Any) -> Any:
        return self._write(request, context, self._v2.RouteUpdate)

    def _batch_refusal(self, context: Any, count: int) -> Any:
        """The batch-level code a v1-only refusal must not jump ahead of."""
        _, session = require_session(self.state, context)
        if not session.bgp_initialized:
            return Oper.NOT_INITIALIZED
        if count > MAX_BATCH:
            return Oper.TOO_MANY_OPS
        return None

    def _write(self, request: Any, context: Any, call: Any) -> Any:
        routes = request.bgp_routes
        translated = bgp_pb.RouteUpdateRequest()
        refused: str | None = None
        for entry in routes:
            found = convert.bgp_entry_to_v2(entry)
            if isinstance(found, str):
                refused = found
                break
            translated.routes.append(found)
        if refused is None:
            return _oper(call(translated, context))
        early = self._batch_refusal(context, len(routes))
        if early is not None:
            return Oper(status=early)
        done = 0
        if translated.routes:  # the entries before the refused one run first
            reply = call(translated, context)
            if reply.sub_code != bgp_pb.RouteOperResponse.SUCCESS:
                return _oper(reply)
            done = reply.operations_completed
        return Oper(status=refused, operations_completed=done)

    def BgpRouteRemove(self, request: Any, context: Any) -> Any:
        translated = bgp_pb.RouteDeleteRequest(or_longer=request.or_longer)
        refused: str | None = None
        for match in request.bgp_routes:
            refused = convert.bgp_match_to_v2(match, translated.routes.add())
            if refused is not None:
                del translated.routes[-1]
                break
        if refused is None:
            return _oper(self._v2.RouteDelete(translated, context))
        early = self._batch_refusal(context, len(request.bgp_routes))
        if early is not None:
            return Oper(status=early)
        done = 0
        if translated.routes:
            reply = self._v2.RouteDelete(translated, context)
            if reply.sub_code != bgp_pb.RouteOperResponse.SUCCESS:
                return _oper(reply)
            done = reply.operations_completed
        return Oper(status=refused, operations_completed=done)

    def BgpRouteGet(self, request: Any, context: Any) -> Iterator[Any]:
        """Matching paths, then a final empty reply that marks the end of the walk.

        A match without a prefix lists the whole table. PROTO_BGP asks for routes
        learned from peers, which an emulated router has none of.
        """
        require_session(self.state, context)
        match = request.bgp_route
        if match.protocol == routing_pb.PROTO_BGP:
            yield Get(status=Get.ROUTE_NOT_FOUND)
            return
        translated = bgp_pb.RouteGetRequest(
            or_longer=request.or_longer, active_only=request.active_only, route_count=request.route_count
        )
        refused = convert.bgp_match_to_v2(match, translated.route)
        if refused is not None:
            yield Get(status=refused)
            return
        if match.dest_prefix.WhichOneof("RoutePrefixAf") is None:
            table = self.state.table_by_pb(translated.route.table)
            if table is not None:  # else the v2 walk answers TABLE_INVALID
                getattr(translated.route.dest_prefix, table.arm).addr_string = "0.0.0.0" if table.bits == 32 else "::"
                translated.route.dest_prefix_len = 0
                translated.or_longer = True
        for reply in self._v2.RouteGet(translated, context):
            if reply.sub_code != bgp_pb.RouteGetResponse.SUCCESS:
                yield Get(status=convert.status(_GET_V2, reply.sub_code, _GET_V1))
                return
            yield Get(status=Get.SUCCESS, bgp_routes=[convert.bgp_entry_to_v1(e) for e in reply.routes])
        yield Get(status=Get.SUCCESS)
