"""The writer session of a router, opened in the order DESIGN.md requires:
TLS, Login with the product's client id, purge timers set and read back,
initialize, then the owned-route count compared with the journal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reconciler.jet.channel import open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.errors import PermanentError
from reconciler.model.intent import Device
from reconciler.observe.connect import credentials, endpoint
from reconciler.store.journal import Journal


class SessionSetupError(Exception):
    """The router would not take the session settings (e.g. a purge timer read back differently)."""


@dataclass(frozen=True)
class WriterSession:
    client: JetClient
    rebound: bool
    owned_routes: int  # num_client_routes of RIB + BGP at initialize
    note: str | None  # e.g. the router lost routes since the last run


def _initialize(client: JetClient) -> tuple[bool, int]:
    rebound, owned = False, 0
    for initialize in (client.rib_initialize, client.bgp_initialize):
        try:
            result = initialize()
        except PermanentError as error:
            if error.code != "ALREADY_INITIALIZED":
                raise
            continue  # another connection of this client id initialized the session
        rebound = rebound or result.rebound
        owned += result.num_client_routes
    return rebound, owned


def open_writer(name: str, device: Device, root: Path, journal: Journal, *, timeout: float = 10.0) -> WriterSession:
    username, password = credentials(device, root)
    client = JetClient(name, open_channel(endpoint(device, root)), timeout=timeout)
    try:
        client.login(username, password, device.client_id)
        client.set_purge_timer(device.purge_timer)
        if client.get_purge_timer() != device.purge_timer:
            raise SessionSetupError(f"{name}: the route purge timer did not read back as {device.purge_timer} s")
        client.set_filter_purge_timer(device.filter_purge_timer)
        if client.get_filter_purge_timer() != device.filter_purge_timer:
            raise SessionSetupError(
                f"{name}: the filter purge timer did not read back as {device.filter_purge_timer} s"
            )
        rebound, owned = _initialize(client)
    except BaseException:
        client.close()
        raise
    expected = journal.owned_routes(name)
    note = None
    if expected is not None and owned < expected:
        note = (
            f"the router holds {owned} of the {expected} routes this product owned after the last run "
            "(purge timer or routing daemon restart): they are re-planned from a fresh read"
        )
    return WriterSession(client, rebound, owned, note)
