"""The Rib service of an emulated router, as strict as a router (docs/jet-router-behaviour.md).

Write batches run in order and stop at the first error; the reply says how many
entries were applied (`operations_completed`). This is the ingest hot path: it
reads each field once and keeps the per-entry work small.

Gateway rules beyond the address: a weight is 1-65535 (0 = none), bandwidth is
given on every gateway of a route or on none, an interface must exist on the
router, and a label stack is refused in the IP unicast tables (the only tables an
emulated router has). A preference below 5 is raised to 5 on every write, as the
initialize defaults are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc

from reconciler.emulator.addresses import host_bits_set, parse_ip
from reconciler.emulator.auth import require_session
from reconciler.emulator.idl_extras import as_float, extras
from reconciler.emulator.reads import Walk, WalkCodes, stream
from reconciler.emulator.replies import reply
from reconciler.emulator.route_events import RouteEventBuffer, rib_next_hops
from reconciler.emulator.state import MIN_PREFERENCE, Client, ClientLogin, RouterState, Table, take_write_fault
from reconciler.wire.pb import base_types_pb, rib_grpc, rib_pb

MAX_BATCH = 1000
MAX_GATEWAYS = 64
MAX_WEIGHT = 65535
# RouteGateway fields our protos leave undeclared: label_stack = 4, bandwidth = 6.
_LABEL_STACK, _BANDWIDTH = 4, 6
ADD, MODIFY, UPDATE = "add", "modify", "update"
_MATCH = {rib_pb.BEST: "best", rib_pb.EXACT: "exact", rib_pb.EXACT_OR_LONGER: "longer"}
_WRITABLE_PROTOCOLS = (base_types_pb.PROTO_ANY, base_types_pb.PROTO_STATIC)
_INIT_SUCCESS = (rib_pb.SUCCESS, rib_pb.SUCCESS_REBOUND)
_GET_CODES = WalkCodes(rib_pb.SUCCESS, rib_pb.ROUTE_NOT_FOUND, rib_pb.TRY_AGAIN)


def _rib_preference(blob: bytes) -> int:
    preferences = rib_pb.RouteEntry.FromString(blob).attributes.preferences
    return preferences[0].value if 0 in preferences else 0


def _prefix_of(state: RouterState, match: Any) -> tuple[Table, int, int] | int:
    """(table, network value, length) of a RouteMatch, or the sub-code refusing it."""
    table = state.table_by_pb(match.table)
    if table is None:
        return rib_pb.TABLE_INVALID
    destination = match.dest_prefix
    arm = destination.WhichOneof("af")
    if arm != table.arm:  # wrong family for the table, MPLS, or missing
        return rib_pb.PREFIX_INVALID
    value = parse_ip(destination.inet if arm == "inet" else destination.inet6, arm)
    if value is None:
        return rib_pb.PREFIX_INVALID
    length = match.dest_prefix_len
    if length > table.bits:
        return rib_pb.PREFIX_LEN_TOO_LONG
    if host_bits_set(value, length, table.bits):
        return rib_pb.PREFIX_INVALID
    return table, value, length


def _address_ok(address: Any) -> bool:
    arm = address.WhichOneof("af")
    if arm == "inet":
        return parse_ip(address.inet, arm) is not None
    if arm == "inet6":
        return parse_ip(address.inet6, arm) is not None
    return False


def _gateways_code(gateways: Any) -> tuple[int, tuple[str, ...]]:
    """(sub-code, interface names to check against the router) of a route's gateways."""
    count = len(gateways)
    if count == 0:
        return rib_pb.NEXTHOP_INVALID, ()
    if count > MAX_GATEWAYS:
        return rib_pb.NEXTHOP_LIMIT_EXCEED, ()
    interfaces = []
    with_bandwidth = 0
    for gateway in gateways:
        if gateway.HasField("gateway_address"):
            if not _address_ok(gateway.gateway_address):
                return rib_pb.NEXTHOP_ADDRESS_INVALID, ()
        elif not gateway.interface_name:
            return rib_pb.GATEWAY_INVALID, ()
        if gateway.weight > MAX_WEIGHT:
            return rib_pb.GATEWAY_INVALID, ()
        found = extras(gateway)
        if _LABEL_STACK in found:
            return rib_pb.MPLS_LABEL_INVALID, ()
        if _BANDWIDTH in found:
            bandwidth = as_float(*found[_BANDWIDTH][-1])
            if bandwidth is None or not 0 < bandwidth < float("inf"):
                return rib_pb.BANDWIDTH_USAGE_INVALID, ()
            with_bandwidth += 1
        if gateway.interface_name:
            interfaces.append(gateway.interface_name)
    if with_bandwidth not in (0, count):
        return rib_pb.BANDWIDTH_USAGE_INVALID, ()
    return rib_pb.SUCCESS, tuple(interfaces)


class _GatewayVerdicts:
    """Memoized validation of next-hop sets, keyed by their serialized bytes.

    Bulk writes repeat a few next-hop sets across many routes; validating each
    address of each route again would dominate the ingest cost. Interfaces come and
    go on a router, so their existence is checked on every write, not memoized.
    """

    _LIMIT = 65536

    def __init__(self) -> None:
        self._codes: dict[bytes, tuple[int, tuple[str, ...]]] = {}

    def code(self, nexthop: Any) -> tuple[int, tuple[str, ...]]:
        blob = nexthop.SerializeToString()
        verdict = self._codes.get(blob)
        if verdict is None:
            if len(self._codes) >= self._LIMIT:
                self._codes.clear()
            verdict = self._codes[blob] = _gateways_code(nexthop.gateways)
        return verdict


class RibServicer(rib_grpc.RibServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state
        self._gateway_verdicts = _GatewayVerdicts()

    # ------------------------------------------------------------ lifecycle

    def RouteInitialize(self, request: Any, context: Any) -> rib_pb.RouteInitializeResponse:
        client, session = require_session(self.state, context)
        if not self.state.claim_rib_api(client, "v2"):  # it holds routes of RIB v1
            return reply(rib_pb.RouteInitializeResponse, rib_pb.ROUTE_API_VERSION_MISMATCH)
        with self.state.lock:
            if session.rib_initialized:
                return reply(rib_pb.RouteInitializeResponse, rib_pb.ALREADY_INITIALIZED)
            defaults = request.default_preferences
            if 0 in defaults:
                session.default_preference = max(MIN_PREFERENCE, defaults[0].value)
            if 1 in defaults:
                session.default_preference2 = defaults[1].value
            session.rib_initialized = True
            code = rib_pb.SUCCESS_REBOUND if session.inherited else rib_pb.SUCCESS
            return reply(
                rib_pb.RouteInitializeResponse,
                code,
                _INIT_SUCCESS,
                num_client_routes=client.rib_count(),
            )

    def RouteCleanup(self, request: Any, context: Any) -> rib_pb.RouteCleanupResponse:
        client, session = require_session(self.state, context)
        if not self.state.claim_rib_api(client, "v2"):  # it holds routes of RIB v1
            return reply(rib_pb.RouteCleanupResponse, rib_pb.ROUTE_API_VERSION_MISMATCH)
        with self.state.lock:
            if not session.rib_initialized:
                return reply(rib_pb.RouteCleanupResponse, rib_pb.NOT_INITIALIZED)
            self.state.drop_routes(client, "rib", "client cleanup")
        return reply(rib_pb.RouteCleanupResponse, rib_pb.SUCCESS)

    # ---------------------------------------------------------------- writes

    def RouteAdd(self, request: Any, context: Any) -> rib_pb.RouteSetOperResponse:
        return self._write(request, context, ADD)

    def RouteModify(self, request: Any, context: Any) -> rib_pb.RouteSetOperResponse:
        return self._write(request, context, MODIFY)

    def RouteUpdate(self, request: Any, context: Any) -> rib_pb.RouteSetOperResponse:
        return self._write(request, context, UPDATE)

    def _events(self, client: Client) -> RouteEventBuffer | None:
        if not self.state.sink.enabled:
            return None
        return RouteEventBuffer(self.state, client.client_id, "static", rib_next_hops)

    def _write(self, request: Any, context: Any, mode: str) -> rib_pb.RouteSetOperResponse:
        client, session = require_session(self.state, context)
        if not self.state.claim_rib_api(client, "v2"):  # it holds routes of RIB v1
            return reply(rib_pb.RouteSetOperResponse, rib_pb.ROUTE_API_VERSION_MISMATCH, operations_completed=0)
        fault = take_write_fault(self.state)
        if fault == "try_again":
            return reply(rib_pb.RouteSetOperResponse, rib_pb.TRY_AGAIN, operations_completed=0)
        routes = request.routes
        done = 0
        code: int
        changes = self._events(client)
        with self.state.lock:
            if not session.rib_initialized:
                code = rib_pb.NOT_INITIALIZED
            elif not 1 <= len(routes) <= MAX_BATCH:
                code = rib_pb.ROUTE_COUNT_INVALID
            else:
                code = rib_pb.SUCCESS
                for entry in routes:
                    code = self._store(entry, mode, client, session, changes)
                    if code:
                        break
                    done += 1
        if changes is not None:
            changes.flush()
        if fault == "unavailable":  # applied, but the client is told the transport failed
            context.abort(grpc.StatusCode.UNAVAILABLE, "fault injection: connection lost after the write")
        return reply(rib_pb.RouteSetOperResponse, code, operations_completed=done)

    def _store(
        self, entry: Any, mode: str, client: Client, session: ClientLogin, changes: RouteEventBuffer | None
    ) -> int:
        found = _prefix_of(self.state, entry.key)
        if isinstance(found, int):
            return found
        table, value, length = found
        if entry.protocol not in _WRITABLE_PROTOCOLS:
            return rib_pb.PROTOCOL_INVALID
        code, interfaces = self._gateway_verdicts.code(entry.nexthop)
        if code:
            return code
        for name in interfaces:
            if not self.state.interfaces.has_unit(name):
                return rib_pb.INTERFACE_INVALID
        store = client.rib.get(table.name)
        if store is None:
            store = client.rib[table.name] = {}
        key = (value, length, entry.key.cookie)
        if mode is ADD and key in store:
            return rib_pb.ROUTE_EXISTS
        if mode is MODIFY and key not in store:
            return rib_pb.ROUTE_NOT_FOUND
        # Omitted preferences fall back to the client's initialize defaults on every
        # write; a preference below the minimum is raised to it, like those defaults.
        preferences = entry.attributes.preferences
        if 0 not in preferences:
            preferences[0].value = session.default_preference
        elif preferences[0].value < MIN_PREFERENCE:
            preferences[0].value = MIN_PREFERENCE
        if 1 not in preferences:
            preferences[1].value = session.default_preference2
        entry.protocol = base_types_pb.PROTO_STATIC  # how the router reports API routes
        if changes is not None:
            changes.add("change" if key in store else "add", table, value, length, entry)
        store[key] = entry.SerializeToString()
        return rib_pb.SUCCESS

    def RouteDelete(self, request: Any, context: Any) -> rib_pb.RouteDeleteResponse:
        client, session = require_session(self.state, context)
        if not self.state.claim_rib_api(client, "v2"):  # it holds routes of RIB v1
            return reply(rib_pb.RouteDeleteResponse, rib_pb.ROUTE_API_VERSION_MISMATCH, operations_completed=0)
        keys = request.keys
        done = 0
        code: int
        changes = self._events(client)
        with self.state.lock:
            if not session.rib_initialized:
                code = rib_pb.NOT_INITIALIZED
            elif not 1 <= len(keys) <= MAX_BATCH:
                code = rib_pb.ROUTE_COUNT_INVALID
            else:
                code = rib_pb.SUCCESS
                for match in keys:
                    found = _prefix_of(self.state, match)
                    if isinstance(found, int):
                        code = found
                        break
                    table, value, length = found
                    store = client.rib.get(table.name, {})
                    if store.pop((value, length, match.cookie), None) is None:
                        code = rib_pb.ROUTE_NOT_FOUND
                        break
                    if changes is not None:
                        changes.add("delete", table, value, length)
                    done += 1
        if changes is not None:
            changes.flush()
        return reply(rib_pb.RouteDeleteResponse, code, operations_completed=done)

    # ----------------------------------------------------------------- reads

    def RouteGet(self, request: Any, context: Any) -> Iterator[rib_pb.RouteGetResponse]:
        client, session = require_session(self.state, context)
        response = rib_pb.RouteGetResponse
        if not self.state.claim_rib_api(client, "v2"):  # it holds routes of RIB v1
            yield reply(response, rib_pb.ROUTE_API_VERSION_MISMATCH)
            return
        if not session.rib_initialized:
            yield reply(response, rib_pb.NOT_INITIALIZED)
            return
        count = request.route_count or MAX_BATCH
        if count > MAX_BATCH:
            yield reply(response, rib_pb.ROUTE_COUNT_INVALID)
            return
        key = request.key
        table = self.state.table_by_pb(key.table)
        if table is None:
            yield reply(response, rib_pb.TABLE_INVALID)
            return
        destination = key.dest_prefix
        arm = destination.WhichOneof("af")
        value = None
        if arm == table.arm:
            value = parse_ip(destination.inet if arm == "inet" else destination.inet6, arm)
        if value is None or key.dest_prefix_len > table.bits:
            yield reply(response, rib_pb.PREFIX_INVALID)
            return
        walk = Walk(
            table,
            "rib",
            value,
            key.dest_prefix_len,
            _MATCH.get(request.match_type, "best"),
            key.cookie,
            count,
            _rib_preference if request.active_only else None,
        )
        yield from stream(self.state, walk, response, _GET_CODES)
