"""Opening a JET session to a router from its inventory entry, in the order a router
needs: TLS, Login, purge timers set and read back (writer), initialize. The entry's
`api` says which generation the router is spoken to in (v2, or the classic v1).

Secrets are resolved here, from the environment or files the entry names, and
never appear in an error: messages name the variable or file, not its content.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reconciler.jet.channel import Endpoint, TlsFiles, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.driver import NO_ANSWER, JetRouter, translated
from reconciler.jet.errors import AmbiguousError, JetError, PermanentError, RetryableError, SessionLostError
from reconciler.jet.files import read_reference
from reconciler.jet.pem import ca_problem, chain_problem
from reconciler.jet.session import JetTransport
from reconciler.jet.tls_diagnosis import diagnose
from reconciler.jet.v1.client import V1Client
from reconciler.jet.v1.driver import JetRouterV1
from reconciler.model.intent import RouterEntry
from reconciler.port.errors import ConfigError, Reason, Refused, RouterError, Unreachable
from reconciler.port.session import Role, SessionInfo

S = TypeVar("S")
READER_SUFFIX = "-reader"


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Names shown in messages: conventional upper-case ones. A mixed-case "name" may be a password
# pasted into the wrong field, and a message can end up in a pull-request comment.
_SHOWN_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")


def _env(name: str, what: str, router: str) -> str:
    if not _ENV_NAME.fullmatch(name):
        # Likely a secret pasted where its variable's name belongs: never echo it.
        raise ConfigError(router, "connect", f"{what}: the configured name is not a valid environment "
                                             "variable name (not shown)")  # fmt: skip
    value = os.environ.get(name)
    if not value and _SHOWN_ENV_NAME.fullmatch(name):
        raise ConfigError(router, "connect", f"{what}: environment variable {name} is not set")
    if not value:
        raise ConfigError(router, "connect", f"{what}: the environment variable it names is not set (the name "
                                             "is not shown: it is not upper case, so it may be a secret)")  # fmt: skip
    return value


def _file(root: Path, name: str, what: str, router: str) -> bytes:
    return read_reference(root, name, what, router, os.environ)


def credentials(router: str, entry: RouterEntry, root: Path) -> tuple[str, str]:
    c = entry.credentials
    username = c.username if c.username is not None else _env(c.username_env or "", "username_env", router)
    if c.password_env is not None:
        return username, _env(c.password_env, "password_env", router)
    name = c.password_file or ""
    try:
        password = _file(root, name, "password_file", router).decode().strip()
    except UnicodeDecodeError:
        raise ConfigError(router, "connect", f"password_file: {name} is not UTF-8 text") from None
    if not password:
        raise ConfigError(router, "connect", f"password_file: {name} is empty")
    return username, password


def endpoint(router: str, entry: RouterEntry, root: Path) -> Endpoint:
    if entry.insecure:
        return Endpoint(entry.address, entry.port, insecure=True)
    tls = entry.tls
    if tls is None:
        return Endpoint(entry.address, entry.port, tls=TlsFiles())  # system CA store
    ca = _file(root, tls.ca, "tls.ca", router) if tls.ca else None
    cert = _file(root, tls.cert, "tls.cert", router) if tls.cert else None
    key, key_source = None, None
    if tls.key_file is not None:
        key, key_source = _file(root, tls.key_file, "tls.key_file", router), f"tls.key_file {tls.key_file}"
    elif tls.key_env is not None:
        key, key_source = _env(tls.key_env, "tls.key_env", router).encode(), f"tls.key_env {tls.key_env}"
    files = TlsFiles(ca=ca, cert=cert, key=key, server_name=tls.server_name,
                     ca_file=tls.ca, cert_file=tls.cert, key_source=key_source)  # fmt: skip
    _check_pem(router, files)
    return Endpoint(entry.address, entry.port, tls=files)


def _check_pem(router: str, tls: TlsFiles) -> None:
    """Refuse unusable PEM material before gRPC sees it (gRPC would only log C-core lines)."""
    if tls.ca is not None and (problem := ca_problem(tls.ca)) is not None:
        raise ConfigError(router, "connect", f"tls.ca: {tls.ca_file} {problem}")
    if tls.cert is None or tls.key is None:
        return
    found = chain_problem(tls.cert, tls.key)
    if found is None:
        return
    at_fault, problem = found
    if at_fault == "cert":
        raise ConfigError(router, "connect", f"tls.cert: {tls.cert_file} {problem}")
    if problem == "does not match":
        problem = f"does not match tls.cert {tls.cert_file}"
    field, _, source = (tls.key_source or "tls.key").partition(" ")
    where = f"{source} " if field == "tls.key_file" else f"the key in environment variable {source} "
    raise ConfigError(router, "connect", f"{field}: {where}{problem}")


_DIAGNOSIS_TIMEOUT = 5.0  # seconds per step of the diagnosing handshake


def _connect_failure(router: str, target: Endpoint, code: str, timeout: float, original: str) -> RouterError:
    """Nobody answered the Login: when TLS is why (or plain text met TLS), say which kind of failure.

    Only for UNAVAILABLE (a TLS failure is quick): a router that lets the deadline pass
    is down or filtered, and a second attempt would only double the wait.
    """
    finding = diagnose(target, min(timeout, _DIAGNOSIS_TIMEOUT)) if code == "UNAVAILABLE" else None
    if finding is None:
        return Unreachable(router, f"connect to {target.target}", original)
    operation = f"TLS handshake with {target.target}"
    if finding.lasting:  # a configuration problem: retrying the same settings fails again
        return Refused(router, operation, Reason.TLS, finding.text)
    return Unreachable(router, operation, finding.text)


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
    _set_route_purge_timer(client, entry, "Base/RoutePurgeTimerGet")
    client.set_filter_purge_timer(entry.filter_purge_timer)
    if client.get_filter_purge_timer() != entry.filter_purge_timer:
        raise Refused(client.router, "Firewall/FiltersPurgeTimerGet", Reason.INVALID,
                      f"the filter purge timer did not read back as {entry.filter_purge_timer} s")  # fmt: skip


def _set_route_purge_timer(client: JetClient | V1Client, entry: RouterEntry, read_back: str) -> None:
    client.set_purge_timer(entry.purge_timer)
    if client.get_purge_timer() != entry.purge_timer:
        raise Refused(client.router, read_back, Reason.INVALID,
                      f"the route purge timer did not read back as {entry.purge_timer} s")  # fmt: skip


def _start_v2(client: JetClient, entry: RouterEntry, role: Role) -> JetRouter:
    if role is Role.WRITER:
        _set_purge_timers(client, entry)
    return JetRouter(client, _initialize(client))


def _start_v1(client: V1Client, entry: RouterEntry, role: Role) -> JetRouterV1:
    """v1: the route purge timer (there is no filter service), then BGP initialize. The v1 RIB
    has no initialize, so the router does not say how many routes this client id owns."""
    if role is Role.WRITER:
        _set_route_purge_timer(client, entry, "Base/RoutePurgeTimeGet")
    try:
        rebound = client.bgp_initialize().rebound
    except PermanentError as error:
        if error.code != "ALREADY_INITIALIZED":
            raise
        rebound = False  # another connection of this client id initialized the session
    return JetRouterV1(client, SessionInfo(rebound=rebound, owned_routes=None))


def _opened(
    client: JetTransport,
    entry: RouterEntry,
    target: Endpoint,
    timeout: float,
    login: Callable[[], None],
    start: Callable[[], S],
) -> S:
    """Log in and start the session; on any failure the channel is closed and the error is the port's."""
    try:
        try:
            login()
        except (RetryableError, AmbiguousError) as error:
            if error.code in NO_ANSWER and not isinstance(error, SessionLostError):
                raise _connect_failure(client.router, target, error.code, timeout,
                                       error.detail or error.code) from None  # fmt: skip
            raise
        except PermanentError as error:
            if error.code == "UNIMPLEMENTED":  # the router does not serve this generation's Login
                raise ConfigError(client.router, f"connect to {target.target}",
                                  f"api: {entry.api} in devices.yaml, but the router does not offer JET "
                                  f"{entry.api} ({error.operation} answered UNIMPLEMENTED): set api to the "
                                  "generation the router serves") from None  # fmt: skip
            raise
        return start()
    except JetError as error:
        client.close()
        raise translated(error) from None
    except BaseException:
        client.close()
        raise


def connect(name: str, entry: RouterEntry, root: Path, role: Role, *, timeout: float = 10.0) -> JetRouter | JetRouterV1:
    """A logged-in, initialized session (the Connector of the JET driver), in the API
    generation the entry names.

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
    client_id = entry.client_id if role is Role.WRITER else entry.client_id + READER_SUFFIX
    if entry.api == "v1":
        v1 = V1Client(name, channel, timeout=timeout)
        return _opened(v1, entry, target, timeout, lambda: v1.login(username, password, client_id),
                       lambda: _start_v1(v1, entry, role))  # fmt: skip
    v2 = JetClient(name, channel, timeout=timeout)
    return _opened(v2, entry, target, timeout, lambda: v2.login(username, password, client_id),
                   lambda: _start_v2(v2, entry, role))  # fmt: skip
