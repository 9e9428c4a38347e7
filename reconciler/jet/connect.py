"""Opening a JET session to a router from its inventory entry, in the order a router
needs: TLS, Login, purge timers set and read back (writer), initialize.

Secrets are resolved here, from the environment or files the entry names, and
never appear in an error: messages name the variable or file, not its content.
"""

from __future__ import annotations

import os
from pathlib import Path

from reconciler.jet.channel import Endpoint, TlsFiles, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.driver import NO_ANSWER, JetRouter, translated
from reconciler.jet.errors import AmbiguousError, JetError, PermanentError, RetryableError, SessionLostError
from reconciler.model.intent import RouterEntry
from reconciler.port.errors import ConfigError, Reason, Refused, Unreachable
from reconciler.port.session import Role, SessionInfo

READER_SUFFIX = "-reader"


def _env(name: str, what: str, router: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ConfigError(router, "connect", f"{what}: environment variable {name} is not set")
    return value


def _file(root: Path, name: str, what: str, router: str) -> bytes:
    path = Path(name) if Path(name).is_absolute() else root / name
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(router, "connect", f"{what}: cannot read {path} ({exc.strerror})") from None


def credentials(router: str, entry: RouterEntry, root: Path) -> tuple[str, str]:
    c = entry.credentials
    username = c.username if c.username is not None else _env(c.username_env or "", "username", router)
    if c.password_env is not None:
        password = _env(c.password_env, "password", router)
    else:
        password = _file(root, c.password_file or "", "password", router).decode().strip()
    return username, password


def endpoint(router: str, entry: RouterEntry, root: Path) -> Endpoint:
    if entry.insecure:
        return Endpoint(entry.address, entry.port, insecure=True)
    tls = entry.tls
    if tls is None:
        return Endpoint(entry.address, entry.port, tls=TlsFiles())  # system CA store
    key = None
    if tls.key_file is not None:
        key = _file(root, tls.key_file, "TLS key", router)
    elif tls.key_env is not None:
        key = _env(tls.key_env, "TLS key", router).encode()
    return Endpoint(
        entry.address,
        entry.port,
        tls=TlsFiles(
            ca=_file(root, tls.ca, "TLS CA", router) if tls.ca else None,
            cert=_file(root, tls.cert, "TLS certificate", router) if tls.cert else None,
            key=key,
            server_name=tls.server_name,
        ),
    )


def _initialize(client: JetClient) -> SessionInfo:
    """Initialize RIB and BGP; the owned-route count is known only if both answered it."""
    rebound, owned, known = False, 0, True
    for initialize in (client.rib_initialize, client.bgp_initialize):
        try:
            result = initialize()
        except PermanentError as error:
            if error.code != "ALREADY_INITIALIZED":
                raise
            known = False  # another connection of this client id initialized the session
            continue
        rebound = rebound or result.rebound
        owned += result.num_client_routes
    return SessionInfo(rebound=rebound, owned_routes=owned if known else None)


def _set_purge_timers(client: JetClient, entry: RouterEntry) -> None:
    client.set_purge_timer(entry.purge_timer)
    if client.get_purge_timer() != entry.purge_timer:
        raise Refused(client.router, "Base/RoutePurgeTimerGet", Reason.INVALID,
                      f"the route purge timer did not read back as {entry.purge_timer} s")  # fmt: skip
    client.set_filter_purge_timer(entry.filter_purge_timer)
    if client.get_filter_purge_timer() != entry.filter_purge_timer:
        raise Refused(client.router, "Firewall/FiltersPurgeTimerGet", Reason.INVALID,
                      f"the filter purge timer did not read back as {entry.filter_purge_timer} s")  # fmt: skip


def connect(name: str, entry: RouterEntry, root: Path, role: Role, *, timeout: float = 10.0) -> JetRouter:
    """A logged-in, initialized session (the Connector of the JET driver).

    A reader logs in as `<client_id>-reader`: reads return every client's routes
    anyway, and a reader disconnecting must never start the purge timer of the
    routes the product owns under its own client id.
    """
    username, password = credentials(name, entry, root)
    target = endpoint(name, entry, root)
    try:
        channel = open_channel(target)
    except ValueError as error:
        raise ConfigError(name, "connect", str(error)) from None
    client = JetClient(name, channel, timeout=timeout)
    client_id = entry.client_id if role is Role.WRITER else entry.client_id + READER_SUFFIX
    try:
        try:
            client.login(username, password, client_id)
        except (RetryableError, AmbiguousError) as error:
            if error.code in NO_ANSWER and not isinstance(error, SessionLostError):
                raise Unreachable(name, f"connect to {target.target}", error.detail or error.code) from None
            raise
        if role is Role.WRITER:
            _set_purge_timers(client, entry)
        info = _initialize(client)
    except JetError as error:
        client.close()
        raise translated(error) from None
    except BaseException:
        client.close()
        raise
    return JetRouter(client, info)
