"""The state of one emulated router: tables, configured routes, clients and sessions.

Routes are stored per client as the serialized RouteEntry the client sent (with
the router's defaults filled in): bytes are compact (1M routes fit in the memory
budget) and a read only has to parse them back. Keys are (network value,
prefix length, cookie) inside a per-table dict.

All methods that touch shared state run under `lock`; gRPC handlers hold it for
a whole batch so a batch is applied in order without interleaving.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from reconciler.emulator import events
from reconciler.emulator.addresses import contains, host_bits_set, parse_any_ip, to_text
from reconciler.emulator.events import EventSink, Notification, NullSink, RouteChange
from reconciler.emulator.firewall_state import FirewallState
from reconciler.emulator.interfaces import DEFAULT_PHYSICAL, Interfaces
from reconciler.wire.pb import base_types_pb, rib_pb

RouteStoreKey = tuple[int, int, int]  # (network value, prefix length, cookie)
TableStore = dict[RouteStoreKey, bytes]

DEFAULT_PURGE_SECONDS = 120  # a router's default purge time
DEFAULT_PREFERENCE = 5
DEFAULT_PREFERENCE2 = 100
MIN_PREFERENCE = 5  # initialize defaults below 5 are raised to 5
MAX_SESSIONS = 8  # Junos default number of JET sessions


@dataclass(frozen=True)
class Table:
    name: str
    arm: str  # "inet" or "inet6": the NetworkAddress arm its prefixes use
    bits: int
    table_id: int


@dataclass
class ClientLogin:
    """A live login of one client id (one or more TCP connections)."""

    peers: set[str] = field(default_factory=set)
    rib_initialized: bool = False
    bgp_initialized: bool = False
    default_preference: int = DEFAULT_PREFERENCE
    default_preference2: int = DEFAULT_PREFERENCE2
    # True when this session took over state left by an earlier session (rebound).
    inherited: bool = False


@dataclass
class Client:
    """Everything a client id owns; lives until its routes are purged."""

    client_id: str
    rib: dict[str, TableStore] = field(default_factory=dict)
    bgp: dict[str, TableStore] = field(default_factory=dict)
    purge_seconds: int | None = None  # None: the device default
    filter_purge_seconds: int | None = None
    session: ClientLogin | None = None
    purge_deadline: float | None = None  # routes: set while disconnected
    filter_purge_deadline: float | None = None  # filters: set while disconnected
    # Which RIB generation ("v1" or "v2") this client id last used: a router keeps a
    # client id to one generation while it holds RIB routes.
    rib_api: str | None = None

    def rib_count(self) -> int:
        return sum(len(t) for t in self.rib.values())

    def bgp_count(self) -> int:
        return sum(len(t) for t in self.bgp.values())


class RouterState:
    """One router's data plane of API routes, configuration routes and JET sessions."""

    def __init__(
        self,
        name: str,
        *,
        username: str,
        password: str,
        routing_instances: tuple[str, ...] = (),
        default_purge_seconds: int = DEFAULT_PURGE_SECONDS,
        default_filter_purge_seconds: int = DEFAULT_PURGE_SECONDS,
        max_sessions: int = MAX_SESSIONS,
        interfaces: tuple[str, ...] = DEFAULT_PHYSICAL,
        sink: EventSink | None = None,
    ) -> None:
        self.name = name
        self._username = username
        self._password = password
        self.default_purge_seconds = default_purge_seconds
        self.default_filter_purge_seconds = default_filter_purge_seconds
        self.max_sessions = max_sessions
        self.sink: EventSink = sink or NullSink()
        self.interfaces = Interfaces(interfaces)
        self.firewall = FirewallState()
        self.routing_instances = routing_instances
        self.lock = threading.RLock()
        self.tables: dict[str, Table] = {}
        for instance in ("", *routing_instances):
            for arm, bits in (("inet", 32), ("inet6", 128)):
                name_ = f"{instance}.{arm}.0" if instance else f"{arm}.0"
                self.tables[name_] = Table(name_, arm, bits, len(self.tables))
        self.tables_by_id = {t.table_id: t for t in self.tables.values()}
        self.config_routes: dict[str, TableStore] = {name_: {} for name_ in self.tables}
        self.clients: dict[str, Client] = {}
        self.peers: dict[str, str] = {}  # peer (TCP connection) -> client id
        self.active_gets = 0
        self.abort_streams = 0  # fault injection: the next N RouteGet streams break after one reply
        self.try_again_writes = 0  # fault injection: the next N route writes answer TRY_AGAIN
        self.unavailable_rate = 0.0  # fault injection: share of route writes applied, then answered UNAVAILABLE
        self.fault_random = random.Random(7)
        self._install_default_config()

    # ------------------------------------------------------------- sessions

    def check_credentials(self, username: str, password: str) -> bool:
        return username == self._username and password == self._password

    def login(self, peer: str, client_id: str) -> str | None:
        """Bind a connection to a client id. Returns an error message or None."""
        with self.lock:
            live = {cid for cid, c in self.clients.items() if c.session is not None}
            if client_id not in live and len(live) >= self.max_sessions:
                return f"too many JET sessions (limit {self.max_sessions})"
            previous = self.peers.get(peer)
            if previous is not None and previous != client_id:
                self._forget_peer(peer)
            client = self.clients.get(client_id)
            if client is None:
                client = self.clients[client_id] = Client(client_id)
            if client.session is None:
                client.session = ClientLogin(inherited=client.purge_deadline is not None)
                client.purge_deadline = None
                client.filter_purge_deadline = None
            client.session.peers.add(peer)
            self.peers[peer] = client_id
            return None

    def session_of(self, peer: str) -> tuple[Client, ClientLogin] | None:
        client_id = self.peers.get(peer)
        if client_id is None:
            return None
        client = self.clients[client_id]
        assert client.session is not None
        return client, client.session

    def live_peers(self) -> list[str]:
        with self.lock:
            return list(self.peers)

    def connection_closed(self, peer: str, now: float | None = None) -> None:
        with self.lock:
            self._forget_peer(peer, now)

    def _forget_peer(self, peer: str, now: float | None = None) -> None:
        client_id = self.peers.pop(peer, None)
        if client_id is None:
            return
        client = self.clients[client_id]
        if client.session is None:
            return
        client.session.peers.discard(peer)
        if not client.session.peers:
            self._end_session(client, now)

    def _end_session(self, client: Client, now: float | None = None) -> None:
        """The client is gone: its routes and filters stay for their purge times, then vanish."""
        client.session = None
        now = time.monotonic() if now is None else now
        client.purge_deadline = now + (client.purge_seconds or self.default_purge_seconds)
        filter_seconds = client.filter_purge_seconds or self.default_filter_purge_seconds
        client.filter_purge_deadline = now + filter_seconds

    def purge_expired(self, now: float | None = None) -> list[str]:
        """Delete what disconnected clients left once their purge times run out.

        Returns the client ids whose routes or filters were purged.
        """
        now = time.monotonic() if now is None else now
        purged = []
        with self.lock:
            for client in list(self.clients.values()):
                if client.purge_deadline is not None and client.purge_deadline <= now:
                    self._drop_routes(client, "purge timer expired")
                    client.purge_deadline = None
                    purged.append(client.client_id)
                if client.filter_purge_deadline is not None and client.filter_purge_deadline <= now:
                    for key in self.firewall.filters_of(client.client_id):
                        self.remove_filter(key)
                    client.filter_purge_deadline = None
                    if client.client_id not in purged:
                        purged.append(client.client_id)
                idle = client.purge_deadline is None and client.filter_purge_deadline is None
                if client.session is None and idle:
                    del self.clients[client.client_id]
        return purged

    def claim_rib_api(self, client: Client, api: str) -> bool:
        """Whether `client` may call the RIB of generation `api` ("v1" or "v2"), recording it.

        A client id that holds RIB routes programmed through one generation is refused
        by the other (ROUTE_API_VERSION_MISMATCH); once it holds none, either may be used.
        Routes held without a recorded generation came through the v2 RIB, which
        predates this record.
        """
        with self.lock:
            if client.rib_count() and (client.rib_api or "v2") != api:
                return False
            client.rib_api = api
            return True

    # ----------------------------------------------------------------- events

    def notify(self, notifications: list[Notification]) -> None:
        if notifications and self.sink.enabled:
            self.sink.publish(self.name, notifications)

    def route_changes(self, changes: list[RouteChange]) -> None:
        if changes and self.sink.enabled:
            self.notify(events.route_notifications(self.name, changes))

    def _drop_routes(self, client: Client, reason: str) -> int:
        return self.drop_routes(client, "rib", reason) + self.drop_routes(client, "bgp", reason)

    def drop_routes(self, client: Client, kind: str, reason: str) -> int:
        """Delete every API route of a client in one service, telling subscribers per table."""
        dropped = 0
        notes = []
        for stores in (client.rib if kind == "rib" else client.bgp,):
            for table, store in stores.items():
                if store:
                    dropped += len(store)
                    notes.append(
                        events.route_table_notification(
                            self.name,
                            "change",
                            table,
                            {"routes-deleted": len(store), "kind": kind, "reason": reason},
                        )
                    )
            stores.clear()
        self.notify(notes)
        return dropped

    def remove_filter(self, key: tuple[int, str]) -> bool:
        """Delete a filter and its bindings (purge, operator, firewall restart)."""
        stored, unbound = self.firewall.remove_filter(key)
        if stored is None:
            return False
        notes = [
            events.filter_notification(self.name, "change", stored.name, {"interface-name": p[0], "action": "unbind"})
            for p in unbound
        ]
        notes.append(events.filter_notification(self.name, "delete", stored.name, {"client-id": stored.owner}))
        self.notify(notes)
        return True

    # ---------------------------------------------------------- operator acts

    def restart_routing(self) -> int:
        """The routing daemon restarts: every API route of every client vanishes."""
        with self.lock:
            dropped = 0
            for client in self.clients.values():
                dropped += self._drop_routes(client, "routing daemon restart")
                if client.session is not None:
                    client.session.rib_initialized = False
                    client.session.bgp_initialized = False
                    client.session.inherited = False
            # Disconnected clients lose their pending routes as well (filters are not rpd's).
            for client in self.clients.values():
                client.purge_deadline = None
            self.notify([events.syslog_notification(self.name, "RPD_START", {"reason": "restart"})])
            return dropped

    def drop_sessions(self, client_id: str | None = None, now: float | None = None) -> int:
        """Forget the logins of one client (or all); their purge timers start."""
        with self.lock:
            peers = [p for p, cid in self.peers.items() if client_id in (None, cid)]
            for peer in peers:
                self._forget_peer(peer, now)
            return len(peers)

    # ----------------------------------------------------------------- tables

    def table_by_pb(self, table: base_types_pb.RouteTable) -> Table | None:
        arm = table.WhichOneof("route_table_format")
        if arm == "name":
            return self.tables.get(table.name.name)
        if arm == "id":
            return self.tables_by_id.get(table.id.id)
        return None

    def iter_table(self, table: str, kind: str) -> Iterator[tuple[RouteStoreKey, bytes, str | None]]:
        """(key, entry bytes, owning client id or None for configuration) of one table."""
        if kind == "rib":
            for key, blob in self.config_routes.get(table, {}).items():
                yield key, blob, None
        for client in self.clients.values():
            store = (client.rib if kind == "rib" else client.bgp).get(table)
            if store:
                for key, blob in store.items():
                    yield key, blob, client.client_id

    def matching(
        self, table: Table, kind: str, value: int, length: int, match: str
    ) -> list[tuple[RouteStoreKey, bytes, str | None]]:
        """Entries of `table` matching a prefix: 'exact', 'longer' (exact or longer) or 'best'."""
        bits = table.bits
        with self.lock:
            rows = list(self.iter_table(table.name, kind))
        if match == "exact":
            return [r for r in rows if r[0][0] == value and r[0][1] == length]
        if match == "longer":
            if length == 0:
                return rows
            return [r for r in rows if contains(value, length, r[0][0], r[0][1], bits)]
        # best: the longest configured or API prefix that contains the address
        covering = [r for r in rows if contains(r[0][0], r[0][1], value, bits, bits)]
        if not covering:
            return []
        longest = max(r[0][1] for r in covering)
        return [r for r in covering if r[0][1] == longest]

    # ------------------------------------------------------ configured routes

    def _install_default_config(self) -> None:
        """A management LAN, loopback and a default route, as a router would have."""
        self.add_config_route("inet.0", "192.0.2.0/24", None, base_types_pb.PROTO_DIRECT)
        self.add_config_route("inet.0", "192.0.2.1/32", None, base_types_pb.PROTO_LOCAL)
        self.add_config_route("inet.0", "0.0.0.0/0", "192.0.2.254", base_types_pb.PROTO_STATIC)
        self.add_config_route("inet6.0", "2001:db8::/64", None, base_types_pb.PROTO_DIRECT)
        self.add_config_route("inet6.0", "2001:db8::1/128", None, base_types_pb.PROTO_LOCAL)
        self.add_config_route("inet6.0", "::/0", "2001:db8::fffe", base_types_pb.PROTO_STATIC)

    def add_config_route(
        self,
        table: str,
        prefix: str,
        next_hop: str | None,
        protocol: int = base_types_pb.PROTO_STATIC,
    ) -> None:
        """Configure a non-API route (static, direct or local); JET clients cannot change it."""
        if table not in self.tables:
            raise ValueError(f"{self.name}: no table {table!r}")
        t = self.tables[table]
        address, _, length_text = prefix.partition("/")
        entry = rib_pb.RouteEntry(protocol=protocol)  # type: ignore[arg-type]
        getattr(entry.key.dest_prefix, t.arm).addr_string = address
        entry.key.dest_prefix_len = int(length_text)
        entry.key.table.name.name = table
        parsed = parse_any_ip(getattr(entry.key.dest_prefix, t.arm))
        length = int(length_text)
        if parsed is None or parsed[0] != t.arm or host_bits_set(parsed[1], length, t.bits):
            raise ValueError(f"{self.name}: {prefix!r} is not a valid {t.arm} prefix")
        preference = 0 if protocol in (base_types_pb.PROTO_DIRECT, base_types_pb.PROTO_LOCAL) else 5
        entry.attributes.preferences[0].value = preference
        if next_hop is not None:
            getattr(entry.nexthop.gateways.add().gateway_address, t.arm).addr_string = next_hop
        with self.lock:
            self.config_routes[table][(parsed[1], length, 0)] = entry.SerializeToString()

    def remove_config_route(self, table: str, prefix: str) -> bool:
        t = self.tables.get(table)
        if t is None:
            raise ValueError(f"{self.name}: no table {table!r}")
        address, _, length_text = prefix.partition("/")
        probe = rib_pb.RouteEntry()
        getattr(probe.key.dest_prefix, t.arm).addr_string = address
        parsed = parse_any_ip(getattr(probe.key.dest_prefix, t.arm))
        if parsed is None:
            raise ValueError(f"{self.name}: {prefix!r} is not a valid {t.arm} prefix")
        with self.lock:
            return self.config_routes[table].pop((parsed[1], int(length_text), 0), None) is not None

    def prefix_text(self, table: str, key: RouteStoreKey) -> str:
        return f"{to_text(key[0], self.tables[table].bits)}/{key[1]}"

    # ------------------------------------------------------------------ stats

    def counts(self) -> dict[str, object]:
        with self.lock:
            return {
                "config_routes": sum(len(t) for t in self.config_routes.values()),
                "clients": {
                    c.client_id: {
                        "rib_routes": c.rib_count(),
                        "bgp_routes": c.bgp_count(),
                        "connected": c.session is not None,
                        "purge_seconds": c.purge_seconds or self.default_purge_seconds,
                    }
                    for c in self.clients.values()
                },
            }


def take_write_fault(state: RouterState) -> str | None:
    """The injected fault for the next route write: "try_again", "unavailable" or None."""
    with state.lock:
        if state.try_again_writes > 0:
            state.try_again_writes -= 1
            return "try_again"
        if state.unavailable_rate and state.fault_random.random() < state.unavailable_rate:
            return "unavailable"
    return None
