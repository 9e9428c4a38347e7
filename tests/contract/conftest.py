"""The drivers of the router port, each with the operator acts the contract needs.

`memory`: reconciler.port.memory. `jet`: the JET driver over real gRPC against the
emulator on 127.0.0.1 (the `fleet` fixture of tests/conftest.py); operator acts go
straight to the emulated router's state, as the side door would. `jet-v1`: the same
driver speaking the classic API (`api: v1`) to an emulated router that serves only
v1: routes as everywhere, and no firewall service.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest

from reconciler.emulator import operator
from reconciler.emulator.fleet import Fleet, build_fleet
from reconciler.jet.connect import connect as jet_connect
from reconciler.model.filters import Binding
from reconciler.model.intent import Credentials, RouterEntry
from reconciler.model.prefixes import Family
from reconciler.port.memory import MemoryFleet, MemoryRouter
from reconciler.port.session import Role, RouterSession
from tests.helpers import PASSWORD, USER

CLIENT = "contract"
PASSWORD_ENV = "CONTRACT_ROUTER_PASSWORD"
INSTANCES = ("blue",)


def device(port: int, client_id: str = CLIENT, api: Literal["v1", "v2"] = "v2") -> RouterEntry:
    return RouterEntry(
        address="127.0.0.1",
        port=port,
        insecure=True,
        credentials=Credentials(username=USER, password_env=PASSWORD_ENV),
        client_id=client_id,
        api=api,
        purge_timer=300,
        filter_purge_timer=300,
    )


class Driver:
    """One router behind one driver, plus what an operator (or a fault) can do to it."""

    name = ""
    router = "router1"
    firewall = True  # the router has a firewall service (a v1 router has none)
    counts_routes = True  # opening a session tells how many routes the client id owns (v1's RIB does not)
    cookie_in_static_key = True  # cookie tells static routes apart (v1 RIB: a client has one route per prefix)

    def __init__(self) -> None:
        self.opened: list[RouterSession] = []

    def connect(self, role: Role = Role.WRITER, client_id: str = CLIENT) -> RouterSession:
        session = self._connect(self.router, self._port(), role, client_id)
        self.opened.append(session)
        return session

    def close_all(self) -> None:
        for session in self.opened:
            session.close()
        reserved: socket.socket | None = getattr(self, "reserved", None)
        if reserved is not None:
            reserved.close()

    def _connect(self, name: str, port: int, role: Role, client_id: str) -> RouterSession:
        raise NotImplementedError

    def _port(self) -> int:
        return 32767

    def connect_to_down_router(self) -> RouterSession:
        raise NotImplementedError

    def take_down(self) -> None:
        raise NotImplementedError

    def settle_closed(self, client_id: str) -> None:
        """Return once the router has noticed that the sessions of `client_id` closed."""

    def restart_routing(self) -> None:
        raise NotImplementedError

    def drop_sessions(self, client_id: str | None = None) -> None:
        raise NotImplementedError

    def purge(self, client_id: str) -> None:
        """The purge timers of a disconnected client id run out: its routes and filters go."""
        raise NotImplementedError

    def delete_route(self, table: str, prefix: str, kind: str = "static", cookie: int | None = None) -> int:
        raise NotImplementedError

    def remove_filter(self, name: str, family: Family) -> int:
        raise NotImplementedError

    def unbind(self, binding: Binding) -> None:
        raise NotImplementedError

    def delete_interface(self, name: str) -> None:
        raise NotImplementedError

    def filter_terms(self, name: str, family: Family) -> list[str] | None:
        """Term names in order, as the operator sees them (the port cannot read filters)."""
        raise NotImplementedError

    def inject_faults(self, retryable: int = 0, ambiguous_rate: float = 0.0) -> None:
        """The next `retryable` route writes answer "try again"; a share `ambiguous_rate` of
        route writes is applied and then answered with a transport failure."""
        raise NotImplementedError

    def break_reads(self, count: int = 1) -> None:
        """The next `count` route reads (RouteGet streams) break after their first reply."""
        raise NotImplementedError


class MemoryDriver(Driver):
    name = "memory"

    def __init__(self) -> None:
        super().__init__()
        self.fleet = MemoryFleet(MemoryRouter(n, routing_instances=INSTANCES) for n in ("router1", "router2"))
        self.state = self.fleet[self.router]

    def _connect(self, name: str, port: int, role: Role, client_id: str) -> RouterSession:
        return self.fleet.connect(name, device(port, client_id), Path("."), role)

    def connect_to_down_router(self) -> RouterSession:
        self.fleet["router2"].down()
        return self._connect("router2", 32767, Role.WRITER, CLIENT)

    def take_down(self) -> None:
        self.state.down()

    def restart_routing(self) -> None:
        self.state.restart_routing()

    def drop_sessions(self, client_id: str | None = None) -> None:
        self.state.drop_sessions(client_id)

    def purge(self, client_id: str) -> None:
        self.state.purge(client_id, filters=True)

    def delete_route(self, table: str, prefix: str, kind: str = "static", cookie: int | None = None) -> int:
        return self.state.delete_route(table, prefix, kind=kind, cookie=cookie)

    def remove_filter(self, name: str, family: Family) -> int:
        return self.state.remove_filter(name, family)

    def unbind(self, binding: Binding) -> None:
        self.state.unbind(binding)

    def delete_interface(self, name: str) -> None:
        self.state.delete_interface(name)

    def filter_terms(self, name: str, family: Family) -> list[str] | None:
        return self.state.filter_terms(name, family)

    def inject_faults(self, retryable: int = 0, ambiguous_rate: float = 0.0) -> None:
        self.state.inject_faults(retryable=retryable, ambiguous_rate=ambiguous_rate)

    def break_reads(self, count: int = 1) -> None:
        self.state.break_reads(count)


class JetDriver(Driver):
    name = "jet"

    def __init__(self, fleet: Fleet) -> None:
        super().__init__()
        self.fleet = fleet
        self.emulated = fleet.routers[0]
        self.state = self.emulated.state

    api: Literal["v1", "v2"] = "v2"

    def _connect(self, name: str, port: int, role: Role, client_id: str) -> RouterSession:
        return jet_connect(name, device(port, client_id, self.api), Path("."), role, timeout=5.0)

    def _port(self) -> int:
        return self.emulated.port

    def connect_to_down_router(self) -> RouterSession:
        # A port bound but not listening: connections are refused, and no other test running
        # beside this one can start a server on it meanwhile.
        with socket.socket() as reserved:
            reserved.bind(("127.0.0.1", 0))
            return self._connect("router2", reserved.getsockname()[1], Role.WRITER, CLIENT)

    def take_down(self) -> None:
        self.emulated.stop(grace=None)
        # Hold the port (bound, not listening) so that no parallel test's server takes it.
        self.reserved = socket.socket()
        self.reserved.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past its closed connections
        self.reserved.bind(("127.0.0.1", self.emulated.port))

    def settle_closed(self, client_id: str) -> None:
        deadline = time.monotonic() + 5.0  # the emulator polls the kernel's socket table every 50 ms
        while time.monotonic() < deadline:
            with self.state.lock:
                client = self.state.clients.get(client_id)
                if client is None or client.session is None:
                    return
            time.sleep(0.02)
        raise AssertionError(f"the emulator did not notice that {client_id} disconnected")

    def restart_routing(self) -> None:
        self.state.restart_routing()

    def drop_sessions(self, client_id: str | None = None) -> None:
        self.state.drop_sessions(client_id)

    def purge(self, client_id: str) -> None:
        self.state.purge_expired(now=time.monotonic() + 1e6)  # far past every purge time

    def delete_route(self, table: str, prefix: str, kind: str = "static", cookie: int | None = None) -> int:
        return operator.delete_route(
            self.state, table=table, prefix=prefix, kind="rib" if kind == "static" else kind, cookie=cookie
        )

    def remove_filter(self, name: str, family: Family) -> int:
        return operator.remove_filter(self.state, name=name, family=family.value)

    def unbind(self, binding: Binding) -> None:
        operator.unbind_filter(
            self.state,
            name=binding.filter,
            interface=binding.interface,
            direction=binding.direction.value,
            family=binding.family.value,
        )

    def delete_interface(self, name: str) -> None:
        operator.delete_interface(self.state, name=name)

    def filter_terms(self, name: str, family: Family) -> list[str] | None:
        for shown in operator.list_filters(self.state):
            if shown["name"] == name and shown["family"] == family.value:
                terms: list[str] = shown["terms"]
                return terms
        return None

    def inject_faults(self, retryable: int = 0, ambiguous_rate: float = 0.0) -> None:
        operator.inject_write_faults(self.state, try_again=retryable, unavailable_rate=ambiguous_rate)

    def break_reads(self, count: int = 1) -> None:
        operator.break_route_streams(self.state, count=count)


class JetV1Driver(JetDriver):
    name = "jet-v1"
    api = "v1"
    firewall = False
    counts_routes = False
    cookie_in_static_key = False


@pytest.fixture
def fleet_v1() -> Iterator[Fleet]:
    """Emulated routers that serve only the classic API (v1)."""
    emulated = build_fleet(2, base_port=0, username=USER, password=PASSWORD, tls=None, routing_instances=INSTANCES,
                           api="v1")  # fmt: skip
    emulated.poll_interval = 0.05
    with emulated:
        yield emulated


def _driver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Driver]:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    chosen: Driver
    if request.param == "memory":
        chosen = MemoryDriver()
    elif request.param == "jet":
        chosen = JetDriver(request.getfixturevalue("fleet"))
    else:
        chosen = JetV1Driver(request.getfixturevalue("fleet_v1"))
    yield chosen
    chosen.close_all()


@pytest.fixture(params=["memory", "jet", "jet-v1"])
def driver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Driver]:
    yield from _driver(request, monkeypatch)


@pytest.fixture(params=["memory", "jet"])
def firewall_driver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Driver]:
    """The drivers whose routers have a firewall service (a v1 router refuses every filter
    call instead: test_a_v1_router_refuses_every_firewall_call)."""
    yield from _driver(request, monkeypatch)


@pytest.fixture(params=["jet-v1"])
def v1_driver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Driver]:
    """The driver whose router has no firewall service."""
    yield from _driver(request, monkeypatch)
