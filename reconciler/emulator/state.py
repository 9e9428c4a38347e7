"""The state of one emulated router: tables, configured routes, clients and sessions.

Routes are stored per client as the serialized RouteEntry the client sent (with
the router's defaults filled in): bytes are compact (1M routes fit in the memory
budget) and a read only has to parse them back. Keys are (network value,
prefix length, cookie) inside a per-table dict.

All methods that touch shared state run under `lock`; gRPC handlers hold it for
a whole batch so a batch is applied in order without interleaving.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from reconciler.emulator.addresses import contains, host_bits_set, parse_any_ip
from reconciler.jet.pb import base_types_pb, rib_pb

RouteStoreKey = tuple[int, int, int]  # (network value, prefix length, cookie)
TableStore = dict[RouteStoreKey, bytes]

DEFAULT_PURGE_SECONDS = 120  # behaviour.md: device default purge time
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
class Session:
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
    session: Session | None = None
    purge_deadline: float | None = None  # set while disconnected

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
        max_sessions: int = MAX_SESSIONS,
    ) -> None:
        self.name = name
        self._username = username
        self._password = password
        self.default_purge_seconds = default_purge_seconds
        self.max_sessions = max_sessions
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
                client.session = Session(inherited=client.purge_deadline is not None)
                client.purge_deadline = None
            client.session.peers.add(peer)
            self.peers[peer] = client_id
            return None

    def session_of(self, peer: str) -> tuple[Client, Session] | None:
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
        """The client is gone: its routes stay for its purge time, then vanish."""
        client.session = None
        seconds = client.purge_seconds or self.default_purge_seconds
        client.purge_deadline = (now if now is not None else time.monotonic()) + seconds

    def purge_expired(self, now: float | None = None) -> list[str]:
        """Delete the routes of every client whose purge time has run out."""
        now = time.monotonic() if now is None else now
        with self.lock:
            expired = [
                c.client_id
                for c in self.clients.values()
                if c.purge_deadline is not None and c.purge_deadline <= now
            ]
            for client_id in expired:
                del self.clients[client_id]
            return expired

    # ---------------------------------------------------------- operator acts

    def restart_routing(self) -> int:
        """The routing daemon restarts: every API route of every client vanishes."""
        with self.lock:
            dropped = 0
            for client in self.clients.values():
                dropped += client.rib_count() + client.bgp_count()
                client.rib.clear()
                client.bgp.clear()
                if client.session is not None:
                    client.session.rib_initialized = False
                    client.session.bgp_initialized = False
                    client.session.inherited = False
            # Disconnected clients lose their pending state as well.
            for client_id in [c.client_id for c in self.clients.values() if c.session is None]:
                del self.clients[client_id]
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
