"""The Bgp (BGP static routes) service of an emulated router.

One RouteEntry is one path with exactly one protocol next hop; paths of the
same prefix are told apart by cookie. Batch rules match the RIB service but
with the BGP codes (TOO_MANY_OPS / NO_OP for batch size, ROUTE_EXISTS = 17).

A match's cookie 0 means "cookie not evaluated": a delete with cookie 0 removes
every path of the prefix the caller owns. A non-zero cookie is evaluated with
`or_longer` too: only the caller's paths under the prefix carrying that cookie go.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import grpc

from reconciler.emulator.addresses import contains, host_bits_set, parse_any_ip, parse_ip
from reconciler.emulator.auth import require_session
from reconciler.emulator.idl_extras import extras
from reconciler.emulator.reads import Walk, WalkCodes, stream
from reconciler.emulator.replies import reply
from reconciler.emulator.route_events import RouteEventBuffer, bgp_next_hops
from reconciler.emulator.state import Client, RouterState, Table, take_write_fault
from reconciler.wire.pb import base_types_pb, bgp_grpc, bgp_pb

MAX_BATCH = 1000
Init = bgp_pb.InitializeResponse
Oper = bgp_pb.RouteOperResponse
Get = bgp_pb.RouteGetResponse
ADD, MODIFY, UPDATE = "add", "modify", "update"
_GET_CODES = WalkCodes(Get.SUCCESS, Get.ROUTE_NOT_FOUND, Get.TRY_AGAIN)


def _bgp_preference(blob: bytes) -> int:
    return bgp_pb.RouteEntry.FromString(blob).route_preference.value


_COMMUNITY = re.compile(r"^(\d{1,10}):(\d{1,10})$")
_WELL_KNOWN_COMMUNITIES = frozenset(
    {"no-export", "no-advertise", "no-export-subconfed", "llgr-stale", "no-llgr", "blackhole"}
)
_AS_PATH = re.compile(r"^[\d\s{}(),]*$")
# RouteEntry's `label_info` oneof (label = 6, labels = 7): undeclared in our protos.
_LABEL_FIELDS = (6, 7)


def _community_ok(text: str) -> bool:
    if text in _WELL_KNOWN_COMMUNITIES:
        return True
    found = _COMMUNITY.match(text)
    if found is None:
        return False
    return int(found.group(1)) <= 0xFFFF and int(found.group(2)) <= 0xFFFF


def _prefix_of(state: RouterState, match: Any, codes: Any) -> tuple[Table, int, int] | int:
    table = state.table_by_pb(match.table)
    if table is None:
        return int(codes.TABLE_INVALID)
    destination = match.dest_prefix
    arm = destination.WhichOneof("route_prefix_af")
    if arm != table.arm:
        return int(codes.PREFIX_INVALID)
    value = parse_ip(destination.inet if arm == "inet" else destination.inet6, arm)
    if value is None:
        return int(codes.PREFIX_INVALID)
    length = match.dest_prefix_len
    if length > table.bits:
        return int(codes.PREFIX_LEN_TOO_LONG)
    if host_bits_set(value, length, table.bits):
        return int(codes.PREFIX_INVALID)
    return table, value, length


def _entry_code(entry: Any) -> int:
    """Validate everything of a path but its prefix; SUCCESS or the refusing sub-code."""
    if entry.key.protocol != base_types_pb.PROTO_BGP_STATIC:
        return Oper.PROTOCOL_INVALID
    next_hops = entry.protocol_nexthops
    if len(next_hops) == 0:
        return Oper.NEXTHOP_INVALID
    if len(next_hops) > 1:
        return Oper.NEXTHOP_ECMP_LIMIT
    if parse_any_ip(next_hops[0]) is None:
        return Oper.NEXTHOP_ADDRESS_INVALID
    if not all(_community_ok(c.community) for c in entry.key.communities.communities):
        return Oper.COMMUNITY_LIST_INVALID
    if entry.HasField("aspath") and not _AS_PATH.match(entry.aspath.aspath):
        return Oper.ASPATH_INVALID
    if entry.route_type not in (bgp_pb.BGP_INTERNAL, bgp_pb.BGP_EXTERNAL):
        return Oper.PEER_TYPE_INVALID
    # MPLS label information belongs to labelled (VPN) families; every table of the
    # emulator is a plain IP unicast table, where a router refuses it.
    if any(number in _LABEL_FIELDS for number in extras(entry)):
        return Oper.LABEL_INFO_INVALID
    return Oper.SUCCESS


class BgpServicer(bgp_grpc.BgpServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def Initialize(self, request: Any, context: Any) -> Any:
        client, session = require_session(self.state, context)
        with self.state.lock:
            if session.bgp_initialized:
                return reply(Init, Init.ALREADY_INITIALIZED)
            session.bgp_initialized = True
            code = Init.SUCCESS_STATE_REBOUND if session.inherited else Init.SUCCESS
            return reply(
                Init,
                code,
                (Init.SUCCESS, Init.SUCCESS_STATE_REBOUND),
                num_client_routes=client.bgp_count(),
            )

    def Cleanup(self, request: Any, context: Any) -> Any:
        client, session = require_session(self.state, context)
        response = bgp_pb.CleanupResponse
        with self.state.lock:
            if not session.bgp_initialized:
                return reply(response, response.NOT_INITIALIZED)
            self.state.drop_routes(client, "bgp", "client cleanup")
        return reply(response, response.SUCCESS)

    def RouteAdd(self, request: Any, context: Any) -> Any:
        return self._write(request, context, ADD)

    def RouteModify(self, request: Any, context: Any) -> Any:
        return self._write(request, context, MODIFY)

    def RouteUpdate(self, request: Any, context: Any) -> Any:
        return self._write(request, context, UPDATE)

    def _batch_code(self, count: int, initialized: bool) -> int:
        if not initialized:
            return Oper.NOT_INITIALIZED
        if count == 0:
            return Oper.NO_OP
        if count > MAX_BATCH:
            return Oper.TOO_MANY_OPS
        return Oper.SUCCESS

    def _events(self, client: Client) -> RouteEventBuffer | None:
        if not self.state.sink.enabled:
            return None
        return RouteEventBuffer(self.state, client.client_id, "bgp-static", bgp_next_hops)

    def _write(self, request: Any, context: Any, mode: str) -> Any:
        client, session = require_session(self.state, context)
        fault = take_write_fault(self.state)
        if fault == "try_again":
            return reply(Oper, Oper.REQUEST_NOT_DONE, operations_completed=0)
        routes = request.routes
        done = 0
        changes = self._events(client)
        with self.state.lock:
            code = self._batch_code(len(routes), session.bgp_initialized)
            if code == Oper.SUCCESS:
                for entry in routes:
                    code = self._store(entry, mode, client, changes)
                    if code:
                        break
                    done += 1
        if changes is not None:
            changes.flush()
        if fault == "unavailable":
            context.abort(grpc.StatusCode.UNAVAILABLE, "fault injection: connection lost after the write")
        return reply(Oper, code, operations_completed=done)

    def _store(self, entry: Any, mode: str, client: Client, changes: RouteEventBuffer | None) -> int:
        found = _prefix_of(self.state, entry.key, Oper)
        if isinstance(found, int):
            return found
        table, value, length = found
        code = _entry_code(entry)
        if code:
            return code
        store = client.bgp.setdefault(table.name, {})
        key = (value, length, entry.key.cookie)
        if mode is ADD and key in store:
            return Oper.ROUTE_EXISTS
        if mode is MODIFY and key not in store:
            return Oper.ROUTE_NOT_FOUND
        if changes is not None:
            changes.add("change" if key in store else "add", table, value, length, entry)
        store[key] = entry.SerializeToString()
        return Oper.SUCCESS

    def RouteDelete(self, request: Any, context: Any) -> Any:
        client, session = require_session(self.state, context)
        matches = request.routes
        done = 0
        changes = self._events(client)
        with self.state.lock:
            code = self._batch_code(len(matches), session.bgp_initialized)
            if code == Oper.SUCCESS:
                for match in matches:
                    code = self._delete(client, match, request.or_longer, changes)
                    if code:
                        break
                    done += 1
        if changes is not None:
            changes.flush()
        return reply(Oper, code, operations_completed=done)

    def _delete(self, client: Client, match: Any, or_longer: bool, changes: RouteEventBuffer | None) -> int:
        found = _prefix_of(self.state, match, Oper)
        if isinstance(found, int):
            return found
        table, value, length = found
        store = client.bgp.get(table.name, {})
        cookie = match.cookie
        if or_longer:
            doomed = [k for k in store if contains(value, length, k[0], k[1], table.bits)]
        elif cookie:
            doomed = [k for k in ((value, length, cookie),) if k in store]
        else:
            doomed = [k for k in store if k[0] == value and k[1] == length]
        if cookie:
            doomed = [k for k in doomed if k[2] == cookie]
        for key in doomed:
            del store[key]
            if changes is not None:
                changes.add("delete", table, key[0], key[1])
        return Oper.SUCCESS if doomed else Oper.ROUTE_NOT_FOUND

    def RouteGet(self, request: Any, context: Any) -> Iterator[Any]:
        _, session = require_session(self.state, context)
        if not session.bgp_initialized:
            yield reply(Get, Get.NOT_INITIALIZED)
            return
        count = request.route_count or MAX_BATCH
        if count > MAX_BATCH:
            yield reply(Get, Get.ROUTE_COUNT_INVALID)
            return
        match = request.route
        table = self.state.table_by_pb(match.table)
        if table is None:
            yield reply(Get, Get.TABLE_INVALID)
            return
        destination = match.dest_prefix
        arm = destination.WhichOneof("route_prefix_af")
        value = None
        if arm == table.arm:
            value = parse_ip(destination.inet if arm == "inet" else destination.inet6, arm)
        if value is None or match.dest_prefix_len > table.bits:
            yield reply(Get, Get.PREFIX_INVALID)
            return
        walk = Walk(
            table,
            "bgp",
            value,
            match.dest_prefix_len,
            "longer" if request.or_longer else "exact",
            match.cookie,
            count,
            _bgp_preference if request.active_only else None,
        )
        yield from stream(self.state, walk, Get, _GET_CODES)
