"""Fixtures: an in-process emulated fleet on loopback and logged-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from reconciler.emulator.admin import AdminClient, AdminServer
from reconciler.emulator.fleet import Fleet, build_fleet
from reconciler.jet.channel import Endpoint, open_channel
from reconciler.jet.client import JetClient
from tests.helpers import PASSWORD, USER

ClientFactory = Callable[..., JetClient]


@pytest.fixture
def fleet() -> Iterator[Fleet]:
    emulated = build_fleet(
        2,
        base_port=0,
        username=USER,
        password=PASSWORD,
        tls=None,
        routing_instances=("blue",),
    )
    emulated.poll_interval = 0.05
    with emulated:
        yield emulated


@pytest.fixture
def connect(fleet: Fleet) -> Iterator[ClientFactory]:
    """connect(router=0, client_id=..., login=True, initialize=True) -> JetClient."""
    opened: list[JetClient] = []

    def make(
        router: int = 0,
        client_id: str = "reconciler-test",
        *,
        login: bool = True,
        initialize: bool = True,
    ) -> JetClient:
        emulated = fleet.routers[router]
        client = JetClient(emulated.name, open_channel(Endpoint("127.0.0.1", emulated.port, insecure=True)))
        opened.append(client)
        if login:
            client.login(USER, PASSWORD, client_id)
        if initialize:
            client.rib_initialize()
            client.bgp_initialize()
        return client

    yield make
    for client in opened:
        client.close()


@pytest.fixture
def admin(fleet: Fleet) -> Iterator[AdminClient]:
    server = AdminServer(fleet)
    server.start()
    yield AdminClient(server.url)
    server.stop()
