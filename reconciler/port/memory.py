"""An in-memory router: the router port with the router's rules, without sockets.

It mirrors the JET emulator as the JET driver reports it (tests/contract runs one
suite against both), so the engine can be tested fast. Route writes are upserts
owned by the writing client id, sent in the driver's batches (1000 entries, two
requests in flight): a failure reports the index ranges applied. Operator acts and
faults are methods of MemoryRouter. All state is guarded by the router's lock.
"""

from __future__ import annotations

import itertools
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from reconciler.model.filters import Binding, Direction, FirewallFilter, Term, TermEdit, Terminating, TermOperation
from reconciler.model.intent import RouterEntry
from reconciler.model.prefixes import Family, default_prefix
from reconciler.model.routes import BgpPath, Gateway, RouteKey, RouteProtocol, StaticRoute, intern_gateways
from reconciler.port.errors import Ambiguous, Reason, Refused, Retryable, RouterError, SessionLost, Unreachable
from reconciler.port.session import Counter, Interface, Role, SessionInfo

T = TypeVar("T")
BATCH, IN_FLIGHT = 1000, 2  # how the JET driver sends writes
MAX_GATEWAYS = 64
MAX_SESSIONS = 8  # live client ids at once (the Junos default)
DEFAULT_PREFERENCE, DEFAULT_PREFERENCE2 = 5, 100  # filled in when a static route omits them
READER_SUFFIX = "-reader"
DEFAULT_INTERFACES = (*(f"ge-0/0/{n}" for n in range(8)), "lo0")
PACKETS_PER_SECOND, BYTES_PER_PACKET = 3, 84  # a bound filter's counters grow (as the emulator's)
_CONFIG = (  # a management LAN, a loopback and a default route, as the emulator configures
    ("inet.0", "192.0.2.0/24", None, RouteProtocol.DIRECT), ("inet.0", "192.0.2.1/32", None, RouteProtocol.LOCAL),
    ("inet.0", "0.0.0.0/0", "192.0.2.254", RouteProtocol.STATIC),
    ("inet6.0", "2001:db8::/64", None, RouteProtocol.DIRECT), ("inet6.0", "2001:db8::1/128", None, RouteProtocol.LOCAL),
    ("inet6.0", "::/0", "2001:db8::fffe", RouteProtocol.STATIC),
)  # fmt: skip
_NO_TABLE = "TABLE_INVALID"
_COMMUNITY = re.compile(r"^(\d{1,10}):(\d{1,10})$")
_WELL_KNOWN = frozenset({"no-export", "no-advertise", "no-export-subconfed", "llgr-stale", "no-llgr", "blackhole"})
_AS_PATH = re.compile(r"^[\d\s{}(),]*$")
_LIMITS = {"source_ports": 65535, "destination_ports": 65535, "protocols": 255, "icmp_types": 255,
           "icmp_codes": 255, "dscp": 63, "packet_length": 65535, "ttl": 255}  # fmt: skip

Slot = tuple[int, int, int]  # (network value, prefix length, cookie): the order reads return
BindPoint = tuple[str, Direction, Family]
_Outcome = tuple[int, RouterError | None]  # entries of a batch applied, and why it stopped
Apply = Callable[["_Client", T], str | None]  # store one entry; the sub-code refusing it, or None
FilterKey = tuple[Family, str]


def _ip(text: str) -> str | None:
    """Canonical text of an address, None when a router would refuse it."""
    af = socket.AF_INET6 if ":" in text else socket.AF_INET
    try:
        return socket.inet_ntop(af, socket.inet_pton(af, text))
    except OSError:
        return None


def _prefix(family: Family, prefix: str, *, host_bits_ok: bool = False) -> tuple[int, int, str] | str:
    """(value, length, canonical text) of a prefix of `family`, or the sub-code refusing it."""
    address, _, length_text = prefix.partition("/")
    length, af, bits = int(length_text), family.socket_family, family.bits
    if (":" in address) != (family is Family.INET6) or _ip(address) is None:
        return "PREFIX_INVALID"
    value = int.from_bytes(socket.inet_pton(af, address), "big")
    if length > bits:
        return "PREFIX_LEN_TOO_LONG"
    if not host_bits_ok and value & ((1 << (bits - length)) - 1):
        return "PREFIX_INVALID"
    return value, length, f"{socket.inet_ntop(af, value.to_bytes(bits // 8, 'big'))}/{length}"


@dataclass(eq=False)
class _Session:
    """A live login of one client id, shared by its connections (as on a router)."""

    inherited: bool  # it took over what an earlier session of this client id left: rebound
    members: set[int] = field(default_factory=set)
    initialized: bool = False


@dataclass
class _Client:
    static: dict[str, dict[Slot, StaticRoute]] = field(default_factory=dict)
    bgp: dict[str, dict[Slot, BgpPath]] = field(default_factory=dict)
    session: _Session | None = None
    purge_pending: bool = False  # disconnected: its routes wait for the purge timer

    def owned(self) -> int:
        return sum(map(len, self.static.values())) + sum(map(len, self.bgp.values()))

    def clear_routes(self) -> int:
        owned = self.owned()
        self.static.clear()
        self.bgp.clear()
        return owned


@dataclass
class _Filter:
    owner: str
    terms: list[Term]


@dataclass
class _Faults:
    retryable: int = 0  # the next N write requests answer "try again", nothing applied
    retryable_rate: float = 0.0  # share of write requests answered "try again", nothing applied
    ambiguous_rate: float = 0.0  # share of write requests applied whose answer is lost
    session_lost_after: int | None = None  # after N more write requests every session is dropped
    restart_after: int | None = None  # after N more write requests the routing daemon restarts
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    broken_reads: int = 0  # the next N route reads break after their first reply (1000 entries)


class MemoryRouter:
    """One router: routes per client id, configured routes, filters, bindings, interfaces."""

    def __init__(
        self, name: str, *, routing_instances: tuple[str, ...] = (), clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.name = name
        self.routing_instances = routing_instances
        self.lock = threading.RLock()
        self.tables = {f"{i}.{f}.0" if i else f"{f}.0": Family(f) for i in ("", *routing_instances) for f in Family}
        self.config: dict[str, dict[Slot, StaticRoute]] = {table: {} for table in self.tables}
        self.clients: dict[str, _Client] = {}
        self.filters: dict[FilterKey, _Filter] = {}
        self.bindings: dict[BindPoint, FilterKey] = {}
        self.bound_since: dict[BindPoint, float] = {}
        self.units: dict[str, list[str]] = {}  # physical interface -> its units
        self.is_down = False
        self.faults = _Faults()
        # A router that reads back cookie 0 for client routes of these kinds ("static", "bgp");
        # the routes keep their cookies (writes and deletes still match them).
        self.zero_read_cookies: frozenset[str] = frozenset()
        # A router that answers ALREADY_INITIALIZED to every new connection's Initialize,
        # as a server built from the IDL may: the session then says no route count.
        self.always_initialized = False
        self.clock = clock
        self._members = itertools.count(1)
        for interface in DEFAULT_INTERFACES:
            self.add_interface(interface)
        for table, prefix, next_hop, protocol in _CONFIG:
            self.add_config_route(table, prefix, next_hop, protocol)

    def connect(self, entry: RouterEntry, role: Role) -> MemorySession:
        """Login and initialize, as the JET connector does (credentials are not checked)."""
        client_id = entry.client_id if role is Role.WRITER else entry.client_id + READER_SUFFIX
        with self.lock:
            if self.is_down:
                raise Unreachable(self.name, f"connect to {entry.address}:{entry.port}", "connection refused")
            live = {cid for cid, c in self.clients.items() if c.session is not None}
            if client_id not in live and len(live) >= MAX_SESSIONS:
                raise Refused(self.name, "Authentication/Login", Reason.LOGIN, "too many JET sessions")
            client = self.clients.setdefault(client_id, _Client())
            if client.session is None:
                client.session = _Session(inherited=client.purge_pending)
                client.purge_pending = False
            session, member = client.session, next(self._members)
            session.members.add(member)
            if session.initialized or self.always_initialized:  # ALREADY_INITIALIZED: the router does not say
                session.initialized = True
                info = SessionInfo()
            else:
                session.initialized = True
                info = SessionInfo(rebound=session.inherited, owned_routes=client.owned())
            return MemorySession(self, client_id, session, member, info)

    def slot(self, key: RouteKey) -> tuple[Slot, str] | str:
        """(slot, canonical prefix) of a route key, or the sub-code refusing it."""
        if key.table not in self.tables:
            return _NO_TABLE
        found = _prefix(self.tables[key.table], key.prefix)
        return found if isinstance(found, str) else ((found[0], found[1], key.cookie), found[2])

    def _end(self, client: _Client) -> None:
        client.session = None
        client.purge_pending = True  # its purge timer starts

    def _unbind_point(self, point: BindPoint) -> None:
        self.bindings.pop(point, None)
        self.bound_since.pop(point, None)

    # ---------------------------------------------------------- operator acts

    def add_config_route(self, table: str, prefix: str, next_hop: str | None = None,
                         protocol: RouteProtocol = RouteProtocol.STATIC) -> None:  # fmt: skip
        """A configured (non-API) route: every read shows it, no client can change it."""
        with self.lock:
            found = self.slot(RouteKey(table, prefix))
            if isinstance(found, str):
                raise ValueError(f"{self.name}: {table} {prefix}: {found}")
            preference = 5 if protocol is RouteProtocol.STATIC else 0
            gateways = (Gateway(next_hop),) if next_hop else ()
            route = StaticRoute(RouteKey(table, found[1]), gateways, preference, protocol=protocol)
            self.config[table][found[0]] = route

    def restart_routing(self) -> int:
        """The routing daemon restarts: every API route vanishes, sessions must initialize again."""
        with self.lock:
            dropped = 0
            for client in self.clients.values():
                dropped += client.clear_routes()
                client.purge_pending = False
                if client.session is not None:
                    client.session.initialized = client.session.inherited = False
            return dropped

    def drop_sessions(self, client_id: str | None = None) -> int:
        """Forget the logins of one client id (or all): the next call raises SessionLost;
        purge timers start, routes stay until `purge`."""
        with self.lock:
            dropped = [c for cid, c in self.clients.items() if c.session is not None and client_id in (None, cid)]
            for client in dropped:
                self._end(client)
            return len(dropped)

    def purge(self, client_id: str, *, filters: bool = False) -> int:
        """The purge timer of a disconnected client ran out: its routes (and filters) go."""
        with self.lock:
            client = self.clients.get(client_id)
            if client is not None and client.session is not None:
                raise ValueError(f"{self.name}: {client_id} is connected; purge timers run only after")
            purged = client.clear_routes() if client is not None else 0
            self.clients.pop(client_id, None)  # a later session starts afresh (not rebound)
            owned = [k for k, f in self.filters.items() if f.owner == client_id] if filters else []
            return purged + sum(self.remove_filter(name, family) for family, name in owned)

    def delete_route(self, table: str, prefix: str, *, kind: str = "static", cookie: int | None = None) -> int:
        """Delete every client's API routes of one prefix (one cookie, or all) behind their backs."""
        with self.lock:
            found = self.slot(RouteKey(table, prefix))
            if isinstance(found, str) or kind not in ("static", "bgp"):
                raise ValueError(f"{self.name}: cannot delete {kind} {table} {prefix}")
            deleted = 0
            for client in self.clients.values():
                store: dict[Slot, Any] = (client.static if kind == "static" else client.bgp).get(table, {})
                for slot in [s for s in store if s[:2] == found[0][:2] and cookie in (None, s[2])]:
                    del store[slot]
                    deleted += 1
            return deleted

    def remove_filter(self, name: str, family: Family | None = None) -> int:
        """Delete a client filter (any client's) with its bindings."""
        with self.lock:
            doomed = [k for k in self.filters if k[1] == name and family in (None, k[0])]
            for key in doomed:
                del self.filters[key]
                for point in [p for p, k in self.bindings.items() if k == key]:
                    self._unbind_point(point)
            return len(doomed)

    def unbind(self, binding: Binding) -> None:
        """Remove one binding, as `delete interfaces ... filter input NAME` would."""
        point = (binding.interface, binding.direction, binding.family)
        with self.lock:
            if self.bindings.get(point) != (binding.family, binding.filter):
                raise ValueError(f"{self.name}: {binding.filter} is not bound {binding.direction} {binding.interface}")
            self._unbind_point(point)

    def delete_interface(self, name: str) -> None:
        """Delete an interface (or one unit of it); its bindings go with it."""
        physical, dot, _ = name.partition(".")
        with self.lock:
            units = self.units.get(physical)
            if units is None or (dot and name not in units):
                raise ValueError(f"{self.name}: no interface {name!r}")
            if dot:
                units.remove(name)
            gone = [name] if dot else [*self.units.pop(physical), physical]
            for point in [p for p in self.bindings if p[0] in gone]:
                self._unbind_point(point)

    def add_interface(self, name: str) -> None:
        """A physical interface with unit 0 (inet, inet6)."""
        physical = name.partition(".")[0]
        with self.lock:
            self.units.setdefault(physical, [f"{physical}.0"])

    def filter_terms(self, name: str, family: Family = Family.INET) -> list[str] | None:
        """Term names of a filter, in order: the operator's view (JET cannot read filters)."""
        with self.lock:
            found = self.filters.get((family, name))
            return None if found is None else [t.name for t in found.terms]

    def inject_faults(self, *, retryable: int = 0, retryable_rate: float = 0.0, ambiguous_rate: float = 0.0,
                      session_lost_after: int | None = None, restart_after: int | None = None,
                      seed: int = 7) -> None:  # fmt: skip
        """Faults of route write requests (one request per batch of up to 1000 entries)."""
        if not (0.0 <= retryable_rate <= 1.0 and 0.0 <= ambiguous_rate <= 1.0):
            raise ValueError("fault rates must be within 0..1")
        with self.lock:
            self.faults = _Faults(retryable, retryable_rate, ambiguous_rate, session_lost_after, restart_after,
                                  random.Random(seed), self.faults.broken_reads)  # fmt: skip

    def drop_read_cookies(self, kinds: Iterable[str] = ("static",)) -> None:
        """Reads return cookie 0 for client routes of `kinds` ("static", "bgp"; none: off),
        as the emulator's `drop-read-cookies` act."""
        chosen = frozenset(kinds)
        if not chosen <= {"static", "bgp"}:
            raise ValueError(f"kinds must be static and/or bgp, not {sorted(chosen)}")
        with self.lock:
            self.zero_read_cookies = chosen

    def break_reads(self, count: int = 1) -> None:
        """The next `count` route reads break after their first reply, as the emulator's
        `break-route-streams` act: the reader sees Retryable after up to 1000 entries."""
        with self.lock:
            self.faults.broken_reads += count

    def down(self) -> None:
        """The router stops answering: connects raise Unreachable and its sessions end."""
        with self.lock:
            self.is_down = True
            self.drop_sessions()

    def up(self) -> None:
        with self.lock:
            self.is_down = False


class MemorySession:
    """RouterSession of one connection of one client id to a MemoryRouter."""

    def __init__(self, router: MemoryRouter, client_id: str, state: _Session, member: int, info: SessionInfo) -> None:
        self._r, self.client_id, self._state, self._member, self._info = router, client_id, state, member, info

    @property
    def router(self) -> str:
        return self._r.name

    @property
    def info(self) -> SessionInfo:
        return self._info

    def _check(self, operation: str, *, write: bool, routes: bool = True) -> _Client:
        """Our client, or the error the driver reports (filter calls need a login only)."""
        if self._r.is_down:  # the driver cannot tell whether a write got through
            raise (Ambiguous if write else Retryable)(self._r.name, operation, "UNAVAILABLE")
        client = self._r.clients.get(self.client_id)
        if client is None or client.session is not self._state or self._member not in self._state.members:
            raise SessionLost(self._r.name, operation, "UNAUTHENTICATED")
        if routes and not self._state.initialized:
            raise SessionLost(self._r.name, operation, "NOT_INITIALIZED")
        return client

    def _refused(self, operation: str, reason: Reason, detail: str) -> Refused:
        return Refused(self._r.name, operation, reason, detail)

    # ------------------------------------------------------------------ routes

    def read_static(self, table: str, prefix: str | None = None) -> Iterator[StaticRoute]:
        yield from self._stream("static", table, prefix)  # lazily, like a stream: errors on the first next()

    def read_bgp(self, table: str, prefix: str | None = None) -> Iterator[BgpPath]:
        yield from self._stream("bgp", table, prefix)

    def _stream(self, kind: str, table: str, prefix: str | None) -> Iterator[Any]:
        found = self._read(kind, table, prefix)
        with self._r.lock:
            broken = bool(found) and self._r.faults.broken_reads > 0
            if broken:
                self._r.faults.broken_reads -= 1
        if not broken:
            yield from found
            return
        yield from found[:BATCH]  # the first reply arrived, then the stream broke
        operation = "Rib/RouteGet" if kind == "static" else "Bgp/RouteGet"
        raise Retryable(self._r.name, operation, "UNKNOWN: the read stream broke (fault injection)")

    def _read(self, kind: str, table: str, prefix: str | None) -> list[Any]:
        operation = "Rib/RouteGet" if kind == "static" else "Bgp/RouteGet"
        with self._r.lock:
            self._check(operation, write=False)
            family = self._r.tables.get(table)
            if family is None:
                raise self._refused(operation, Reason.NO_TABLE, _NO_TABLE)
            found = _prefix(family, prefix or default_prefix(family), host_bits_ok=True)
            if isinstance(found, str):
                raise self._refused(operation, Reason.INVALID, found)
            rows: list[tuple[Slot, Any]] = list(self._r.config[table].items()) if kind == "static" else []
            for client in self._r.clients.values():
                stored: list[tuple[Slot, Any]] = list(
                    (client.static if kind == "static" else client.bgp).get(table, {}).items()
                )
                if kind in self._r.zero_read_cookies:
                    stored = [(slot, replace(item, key=item.key._replace(cookie=0))) for slot, item in stored]
                rows += stored
            rows.sort(key=lambda row: row[0])  # stable: configured routes first on a tie, as the router
            shift = family.bits - found[1]
            return [
                item for (value, length, _), item in rows if length >= found[1] and value >> shift == found[0] >> shift
            ]

    def write_static(self, routes: Sequence[StaticRoute]) -> None:
        self._write("Rib/RouteUpdate", routes, self._put_static)

    def write_bgp(self, paths: Sequence[BgpPath]) -> None:
        self._write("Bgp/RouteUpdate", paths, self._put_bgp)

    def delete_static(self, keys: Sequence[RouteKey]) -> None:
        self._write("Rib/RouteDelete", keys, lambda client, key: self._delete(client.static, key), faults=False)

    def delete_bgp(self, keys: Sequence[RouteKey]) -> None:
        self._write("Bgp/RouteDelete", keys, lambda client, key: self._delete(client.bgp, key), faults=False)

    def _put_static(self, client: _Client, route: StaticRoute) -> str | None:
        found = self._r.slot(route.key)
        if isinstance(found, str):
            return found
        if not route.gateways or len(route.gateways) > MAX_GATEWAYS:
            return "NEXTHOP_INVALID" if not route.gateways else "NEXTHOP_LIMIT_EXCEED"
        gateways = []
        for g in route.gateways:
            address = None if g.address is None else _ip(g.address)
            if g.address is not None and address is None:
                return "NEXTHOP_ADDRESS_INVALID"
            if g.address is None and not g.interface:
                return "GATEWAY_INVALID"
            gateways.append(Gateway(address, g.interface or None, g.weight or None))
        client.static.setdefault(route.key.table, {})[found[0]] = StaticRoute(
            RouteKey(route.key.table, found[1], route.key.cookie),
            intern_gateways(tuple(gateways)),
            DEFAULT_PREFERENCE if route.preference is None else route.preference,
            DEFAULT_PREFERENCE2 if route.preference2 is None else route.preference2,
            route.tag,
        )
        return None

    def _put_bgp(self, client: _Client, path: BgpPath) -> str | None:
        found, next_hop = self._r.slot(path.key), _ip(path.next_hop)
        if isinstance(found, str):
            return found
        if next_hop is None:
            return "NEXTHOP_ADDRESS_INVALID"
        for c in path.communities:
            numbers = _COMMUNITY.match(c)
            if c not in _WELL_KNOWN and not (numbers and max(map(int, numbers.groups())) <= 0xFFFF):
                return "COMMUNITY_LIST_INVALID"
        if path.as_path is not None and not _AS_PATH.match(path.as_path):
            return "ASPATH_INVALID"
        key = RouteKey(path.key.table, found[1], path.key.cookie)
        fields = (path.route_preference, path.local_preference, path.med, path.as_path, tuple(path.communities))
        client.bgp.setdefault(path.key.table, {})[found[0]] = BgpPath(key, next_hop, *fields, path.peer_type)
        return None

    def _delete(self, stores: dict[str, dict[Slot, Any]], key: RouteKey) -> str | None:
        found = self._r.slot(key)
        if isinstance(found, str):
            return found
        stores.get(key.table, {}).pop(found[0], None)  # absent: gone already, which is the goal
        return None

    def _write(self, operation: str, items: Sequence[T], apply: Apply[T], *, faults: bool = True) -> None:
        """Send `items` as the JET driver does: batch k+2 goes out only once batch k succeeded,
        a batch stops at its first error, the earliest error is raised with what was applied."""
        applied: list[range] = []
        failure: tuple[int, RouterError] | None = None
        for number, start in enumerate(range(0, len(items), BATCH)):
            if failure is not None and number - IN_FLIGHT >= failure[0]:
                break
            done, error = self._batch(operation, items[start : start + BATCH], apply, faults)
            if done and applied and applied[-1].stop == start:
                applied[-1] = range(applied[-1].start, start + done)
            elif done:
                applied.append(range(start, start + done))
            if error is not None and failure is None:
                failure = (number, error)
        if failure is not None:
            failure[1].applied = tuple(applied)
            raise failure[1]

    def _batch(self, operation: str, batch: Sequence[T], apply: Apply[T], faults: bool) -> _Outcome:
        with self._r.lock:
            try:
                client = self._check(operation, write=True)
                lost = faults and self._take_fault(operation)
            except RouterError as failure:
                return 0, failure
            done, error = len(batch), None
            for index, item in enumerate(batch):  # in order, up to the first entry refused
                if (code := apply(client, item)) is not None:
                    reason = Reason.NO_TABLE if code == _NO_TABLE else Reason.INVALID
                    key = getattr(item, "key", item)
                    done, error = index, Refused(self._r.name, operation, reason, code, subject=f"route {key}")
                    break
            if lost:  # applied as far as it went, but the answer never arrived
                return 0, Ambiguous(self._r.name, operation, "UNAVAILABLE (fault injection)")
            return done, error

    def _take_fault(self, operation: str) -> bool:
        """Raise the injected fault of this write request; True: apply it, then lose the answer.
        Like the emulator's, faults hit route writes only, never deletes."""
        faults = self._r.faults
        if faults.retryable > 0:
            faults.retryable -= 1
            raise Retryable(self._r.name, operation, "TRY_AGAIN")
        if faults.retryable_rate > 0 and faults.rng.random() < faults.retryable_rate:
            raise Retryable(self._r.name, operation, "TRY_AGAIN")
        if faults.session_lost_after == 0:
            faults.session_lost_after = None
            self._r.drop_sessions()
            raise SessionLost(self._r.name, operation, "UNAUTHENTICATED")
        if faults.session_lost_after is not None:
            faults.session_lost_after -= 1
        if faults.restart_after == 0:
            faults.restart_after = None
            self._r.restart_routing()
            self._check(operation, write=True)  # raises SessionLost, as NOT_INITIALIZED does
        if faults.restart_after is not None:
            faults.restart_after -= 1
        return faults.ambiguous_rate > 0 and faults.rng.random() < faults.ambiguous_rate

    # ----------------------------------------------------------------- filters

    def _problem(self, term: Term, family: Family) -> tuple[Reason, str] | None:
        """Why the router refuses a term, or None (ValueError where the driver's encoder refuses)."""
        match, action, where = term.match, term.action, f"term {term.name!r}"
        if family is Family.INET6 and (match.ttl or match.fragment is not None):
            raise ValueError("ttl and fragment can only be matched in family inet")
        if not term.name:
            return Reason.INVALID, "every term needs a name"
        if any(isinstance(_prefix(family, a.prefix), str) for a in (*match.source, *match.destination)):
            return Reason.INVALID, f"{where}: an address is not a valid {family} prefix"
        for name, limit in _LIMITS.items():
            if any(r.low > (r.high or r.low) or (r.high or r.low) > limit for r in getattr(match, name)):
                return Reason.INVALID, f"{where}: {name} is outside 0-{limit}"
        if action.terminating is not None and action.next_term:
            return Reason.INVALID, f"{where}: next-term cannot be combined with {action.terminating}"
        if (
            action.terminating is Terminating.ROUTING_INSTANCE
            and action.routing_instance not in self._r.routing_instances
        ):
            return Reason.NOT_FOUND, f"{where}: routing instance {action.routing_instance!r} is not configured"
        return None

    def _owned(self, operation: str, key: FilterKey) -> _Filter | None:
        self._check(operation, write=True, routes=False)
        found = self._r.filters.get(key)
        return found if found is not None and found.owner == self.client_id else None

    def add_filter(self, filter_: FirewallFilter) -> None:
        operation, names = f"Firewall/FilterAdd {filter_.family} {filter_.name}", [t.name for t in filter_.terms]
        with self._r.lock:
            self._check(operation, write=True, routes=False)
            if filter_.key in self._r.filters:  # names are unique per family across clients
                raise self._refused(operation, Reason.EXISTS, f"filter {filter_.name!r} already exists")
            if not filter_.name or not names or len(set(names)) != len(names):
                raise self._refused(operation, Reason.INVALID, "a filter needs a name and terms of unique names")
            for term in filter_.terms:
                if (problem := self._problem(term, filter_.family)) is not None:
                    raise self._refused(operation, *problem)
            self._r.filters[filter_.key] = _Filter(self.client_id, list(filter_.terms))

    def modify_filter(self, name: str, family: Family, edits: Sequence[TermEdit]) -> None:
        operation = f"Firewall/FilterModify {family} {name}"
        with self._r.lock:
            stored = self._owned(operation, (family, name))
            if stored is None:
                raise self._refused(operation, Reason.NOT_FOUND, f"filter {name!r} does not exist")
            terms = list(stored.terms)  # edited as a copy: a modify applies whole or not at all
            for edit in edits:
                terms = self._edited(terms, edit, family, operation)
            if not terms:
                raise self._refused(operation, Reason.INVALID, "a filter needs at least one term")
            stored.terms = terms

    def _edited(self, terms: list[Term], edit: TermEdit, family: Family, operation: str) -> list[Term]:
        names = [t.name for t in terms]
        if edit.operation is TermOperation.DELETE:
            if edit.term_name not in names:
                raise self._refused(operation, Reason.CONFLICT, f"term {edit.term_name!r} does not exist")
            return [t for t in terms if t.name != edit.term_name]
        if edit.term is None:
            raise ValueError(f"term {edit.term_name!r}: {edit.operation.value} needs the term")
        term = edit.term  # the driver sends the term's own name
        if (problem := self._problem(term, family)) is not None:  # not NOT_FOUND: that says "the filter is gone"
            raise self._refused(operation, Reason.INVALID, problem[1])
        if edit.operation is TermOperation.REPLACE:
            if term.name not in names:
                raise self._refused(operation, Reason.CONFLICT, f"term {term.name!r} does not exist")
            return [term if t.name == term.name else t for t in terms]
        anchor = edit.before if edit.before is not None else edit.after
        if term.name in names or (anchor and anchor not in names):
            raise self._refused(operation, Reason.CONFLICT, f"term {term.name!r} exists or {anchor!r} does not")
        position = len(terms) if not anchor else names.index(anchor) + (edit.before is None)
        return [*terms[:position], term, *terms[position:]]

    def delete_filter(self, name: str, family: Family) -> bool:
        operation = f"Firewall/FilterDelete {family} {name}"
        with self._r.lock:
            if self._owned(operation, (family, name)) is None:
                return False
            if bound := [p for p, k in self._r.bindings.items() if k == (family, name)]:
                raise self._refused(operation, Reason.INVALID, f"filter {name!r} is bound to {bound[0][0]}")
            del self._r.filters[(family, name)]
            return True

    def bind(self, binding: Binding) -> None:
        operation = f"Firewall/FilterBindAdd {binding.filter} {binding.direction} {binding.interface}"
        point, key = (binding.interface, binding.direction, binding.family), (binding.family, binding.filter)
        with self._r.lock:
            if self._owned(operation, key) is None:
                raise self._refused(operation, Reason.NOT_FOUND, f"filter {binding.filter!r} does not exist")
            if binding.interface not in self._r.units.get(binding.interface.partition(".")[0], []):
                raise self._refused(operation, Reason.NOT_FOUND, f"interface {binding.interface!r} does not exist")
            current = self._r.bindings.setdefault(point, key)  # the same filter again: a no-op
            if current != key:
                raise self._refused(operation, Reason.INVALID, f"{binding.interface} has filter {current[1]!r}")
            self._r.bound_since.setdefault(point, self._r.clock())

    def unbind(self, binding: Binding) -> bool:
        operation = f"Firewall/FilterBindDelete {binding.filter} {binding.direction} {binding.interface}"
        point, key = (binding.interface, binding.direction, binding.family), (binding.family, binding.filter)
        with self._r.lock:
            if self._owned(operation, key) is None or self._r.bindings.get(point) != key:
                return False
            self._r._unbind_point(point)
            return True

    def probe_counter(self, filter_name: str, counter: str) -> Counter | None:
        with self._r.lock:  # any client's filter of that name, as the router looks it up
            self._check(f"Firewall/FilterCounterGet {filter_name} {counter}", write=False, routes=False)
            for key, f in self._r.filters.items():
                if key[1] == filter_name and counter in {t.action.count for t in f.terms}:
                    bound = [since for p, since in self._r.bound_since.items() if self._r.bindings[p] == key]
                    packets = int(sum(self._r.clock() - since for since in bound) * PACKETS_PER_SECOND)
                    return Counter(counter, packets, packets * BYTES_PER_PACKET)
            return None

    def interfaces(self) -> list[Interface]:
        with self._r.lock:
            self._check("Management/OpCommandGet 'show interfaces terse'", write=False, routes=False)
            result = []
            for physical, units in self._r.units.items():
                result += [
                    Interface(physical, True, True),
                    *(Interface(u, True, True, ("inet", "inet6")) for u in units),
                ]
            return result

    # ------------------------------------------------------------------ session

    def check_alive(self) -> None:
        with self._r.lock:
            if self._r.is_down:
                raise Unreachable(self._r.name, "Base/RoutePurgeTimerGet", "UNAVAILABLE")
            self._check("Base/RoutePurgeTimerGet", write=False)  # after a routing restart: lost

    def close(self) -> None:
        with self._r.lock:
            client = self._r.clients.get(self.client_id)
            self._state.members.discard(self._member)
            if client is not None and client.session is self._state and not self._state.members:
                self._r._end(client)


class MemoryFleet:
    """Routers by name; `connect` is a Connector."""

    def __init__(self, routers: Iterable[MemoryRouter] = ()) -> None:
        self.routers = {router.name: router for router in routers}

    def add(self, name: str, **options: Any) -> MemoryRouter:
        router = self.routers[name] = MemoryRouter(name, **options)
        return router

    def __getitem__(self, name: str) -> MemoryRouter:
        return self.routers[name]

    def connect(self, name: str, entry: RouterEntry, root: Path, role: Role) -> MemorySession:
        router = self.routers.get(name)
        if router is None:
            raise Unreachable(name, f"connect to {entry.address}:{entry.port}", "no such router")
        return router.connect(entry, role)
