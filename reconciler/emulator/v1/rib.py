"""v1 routing.Rib: static routes of the classic API, in the same tables as v2's.

Differences from the v2 RIB, as the v1 IDL describes a router:
- no Initialize or Cleanup: a logged-in client writes at once, with the router's
  default preferences (5, raised to 5 when lower; preference2 100);
- a client's route is its table + prefix: the cookie is kept and read back but
  does not tell routes apart (removal by cookie is not implemented in v1, so a
  remove matches table + prefix of the client's own routes); an add of a prefix
  the client already holds is ROUTE_EXISTS whatever the cookie;
- a client id keeps to one RIB generation while it holds RIB routes
  (ROUTE_API_VERSION_MISMATCH otherwise, both ways).
Batches are as in v2: 1 to 1000 entries, in order, the first error stops.
Entries are validated with the v2 checks after translation, and stored as v2
entries so v2 reads show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc

from reconciler.emulator import rib as rib_v2
from reconciler.emulator.addresses import parse_ip
from reconciler.emulator.auth import require_session
from reconciler.emulator.route_events import RouteEventBuffer, rib_next_hops
from reconciler.emulator.state import (
    DEFAULT_PREFERENCE,
    DEFAULT_PREFERENCE2,
    MIN_PREFERENCE,
    Client,
    RouterState,
    Table,
    TableStore,
    take_write_fault,
)
from reconciler.emulator.v1 import convert
from reconciler.emulator.v1.reads import RibWalk, stream_rib
from reconciler.wire.pb import base_types_pb, rib_pb
from reconciler.wire.pb_v1 import routing_grpc, routing_pb

MAX_BATCH = 1000
Reply = routing_pb.RouteOperReply
ADD, MODIFY, UPDATE = "add", "modify", "update"
_V2_CODES = rib_pb.StatusCode.DESCRIPTOR
_V1_CODES = routing_pb.RouteOperStatus.DESCRIPTOR
_MATCH = {routing_pb.BEST: "best", routing_pb.EXACT: "exact", routing_pb.EXACT_OR_LONGER: "longer"}


def _v1(code: int) -> Any:
    return convert.status(_V2_CODES, code, _V1_CODES)


class _Held:
    """Which cookie the client holds at each prefix of a table, built once per request.

    A v1 client holds at most one route per prefix; finding it by prefix alone
    would scan the store for every entry, so one pass per table and request
    builds the index, and the request keeps it current as it writes.
    """

    def __init__(self, client: Client) -> None:
        self.client = client
        self._tables: dict[str, dict[tuple[int, int], int]] = {}

    def store(self, table: str) -> TableStore:
        return self.client.rib.setdefault(table, {})

    def cookie(self, table: str, value: int, length: int) -> int | None:
        index = self._tables.get(table)
        if index is None:
            index = self._tables[table] = {(k[0], k[1]): k[2] for k in self.store(table)}
        return index.get((value, length))

    def put(self, table: str, value: int, length: int, cookie: int | None) -> None:
        index = self._tables[table]  # cookie() ran first
        if cookie is None:
            index.pop((value, length), None)
        else:
            index[(value, length)] = cookie


class RibServicer(routing_grpc.RibServicer):
    def __init__(self, state: RouterState) -> None:
        self.state = state

    def _client(self, context: Any) -> Client | None:
        """The caller, or None when it must be answered ROUTE_API_VERSION_MISMATCH."""
        client, _ = require_session(self.state, context)
        return client if self.state.claim_rib_api(client, "v1") else None

    def _events(self, client: Client) -> RouteEventBuffer | None:
        if not self.state.sink.enabled:
            return None
        return RouteEventBuffer(self.state, client.client_id, "static", rib_next_hops)

    # ---------------------------------------------------------------- writes

    def RouteAdd(self, request: Any, context: Any) -> Any:
        return self._write(request, context, ADD)

    def RouteModify(self, request: Any, context: Any) -> Any:
        return self._write(request, context, MODIFY)

    def RouteUpdate(self, request: Any, context: Any) -> Any:
        return self._write(request, context, UPDATE)

    def _write(self, request: Any, context: Any, mode: str) -> Any:
        client = self._client(context)
        if client is None:
            return Reply(status=routing_pb.ROUTE_API_VERSION_MISMATCH)
        fault = take_write_fault(self.state)
        if fault == "try_again":
            return Reply(status=routing_pb.TRY_AGAIN)
        routes = request.routes
        if not 1 <= len(routes) <= MAX_BATCH:
            return Reply(status=routing_pb.ROUTE_COUNT_INVALID)
        done = 0
        code: Any = routing_pb.SUCCESS
        changes = self._events(client)
        with self.state.lock:
            held = _Held(client)
            for entry in routes:
                code = self._store(entry, mode, held, changes)
                if code:
                    break
                done += 1
        if changes is not None:
            changes.flush()
        if fault == "unavailable":  # applied, but the client is told the transport failed
            context.abort(grpc.StatusCode.UNAVAILABLE, "fault injection: connection lost after the write")
        return Reply(status=code, operations_completed=done)

    def _checked(self, entry: Any) -> tuple[Any, Table, int, int] | Any:
        """(v2 entry, table, network value, length), or the v1 code refusing the entry."""
        translated = convert.rib_entry_to_v2(entry)
        if isinstance(translated, str):
            return routing_pb.RouteOperStatus.Value(translated)
        found = rib_v2._prefix_of(self.state, translated.key)
        if isinstance(found, int):
            return _v1(found)
        if translated.protocol not in rib_v2._WRITABLE_PROTOCOLS:
            return routing_pb.PROTOCOL_INVALID
        code, interfaces = rib_v2._gateways_code(translated.nexthop.gateways)
        if code:
            return _v1(code)
        for name in interfaces:
            if not self.state.interfaces.has_unit(name):
                return routing_pb.INTERFACE_INVALID
        return (translated, *found)

    def _store(self, entry: Any, mode: str, held: _Held, changes: RouteEventBuffer | None) -> Any:
        checked = self._checked(entry)
        if isinstance(checked, int):
            return checked
        translated, table, value, length = checked
        previous = held.cookie(table.name, value, length)
        if mode is ADD and previous is not None:
            return routing_pb.ROUTE_EXISTS
        if mode is MODIFY and previous is None:
            return routing_pb.ROUTE_NOT_FOUND
        preferences = translated.attributes.preferences
        preferences[0].value = max(MIN_PREFERENCE, preferences[0].value) if 0 in preferences else DEFAULT_PREFERENCE
        if 1 not in preferences:
            preferences[1].value = DEFAULT_PREFERENCE2
        translated.protocol = base_types_pb.PROTO_STATIC  # how the router reports API routes
        store = held.store(table.name)
        cookie = translated.key.cookie
        if previous is not None and previous != cookie:
            del store[(value, length, previous)]
        store[(value, length, cookie)] = translated.SerializeToString()
        held.put(table.name, value, length, cookie)
        if changes is not None:
            changes.add("add" if previous is None else "change", table, value, length, translated)
        return routing_pb.SUCCESS

    def RouteRemove(self, request: Any, context: Any) -> Any:
        client = self._client(context)
        if client is None:
            return Reply(status=routing_pb.ROUTE_API_VERSION_MISMATCH)
        keys = request.keys
        if not 1 <= len(keys) <= MAX_BATCH:
            return Reply(status=routing_pb.ROUTE_COUNT_INVALID)
        done = 0
        code: Any = routing_pb.SUCCESS
        changes = self._events(client)
        with self.state.lock:
            held = _Held(client)
            for key in keys:
                code = self._remove(key, held, changes)
                if code:
                    break
                done += 1
        if changes is not None:
            changes.flush()
        return Reply(status=code, operations_completed=done)

    def _remove(self, key: Any, held: _Held, changes: RouteEventBuffer | None) -> Any:
        match = rib_pb.RouteMatch()
        convert.rib_key_to_v2(key, match)
        found = rib_v2._prefix_of(self.state, match)
        if isinstance(found, int):
            return _v1(found)
        table, value, length = found
        cookie = held.cookie(table.name, value, length)  # the key's cookie is not evaluated
        if cookie is None:
            return routing_pb.ROUTE_NOT_FOUND
        del held.store(table.name)[(value, length, cookie)]
        held.put(table.name, value, length, None)
        if changes is not None:
            changes.add("delete", table, value, length)
        return routing_pb.SUCCESS

    # ----------------------------------------------------------------- reads

    def RouteGet(self, request: Any, context: Any) -> Iterator[Any]:
        """Every route of the table matching the key, of all clients and the configuration."""
        response = routing_pb.RouteGetReply
        if self._client(context) is None:
            yield response(status=routing_pb.ROUTE_API_VERSION_MISMATCH)
            return
        count = request.route_count or MAX_BATCH
        if count > MAX_BATCH:
            yield response(status=routing_pb.ROUTE_COUNT_INVALID)
            return
        match = rib_pb.RouteMatch()
        convert.rib_key_to_v2(request.key, match)
        table = self.state.table_by_pb(match.table)
        if table is None:
            yield response(status=routing_pb.TABLE_INVALID)
            return
        destination = match.dest_prefix
        arm = destination.WhichOneof("af")
        value = parse_ip(getattr(destination, arm), arm) if arm == table.arm else None
        if value is None or match.dest_prefix_len > table.bits:
            yield response(status=routing_pb.PREFIX_INVALID)
            return
        walk = RibWalk(table, value, match.dest_prefix_len, _MATCH.get(request.match_type, "best"), match.cookie, count)
        yield from stream_rib(self.state, walk, request.active_only)
