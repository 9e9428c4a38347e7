"""Opening a JET session to a router from its device entry.

Secrets are resolved here, from the environment or files the entry names, and
never appear in an error: messages name the variable or file, not its content.
"""

from __future__ import annotations

import os
from pathlib import Path

from reconciler.jet.channel import Endpoint, TlsFiles, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.errors import PermanentError
from reconciler.model.intent import Device

READER_SUFFIX = "-reader"


class ConnectError(Exception):
    """A device entry cannot be turned into a session (missing secret, unreadable file)."""


def _env(name: str, what: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ConnectError(f"{what}: environment variable {name} is not set")
    return value


def _file(root: Path, name: str, what: str) -> bytes:
    path = Path(name) if Path(name).is_absolute() else root / name
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConnectError(f"{what}: cannot read {path} ({exc.strerror})") from None


def credentials(device: Device, root: Path) -> tuple[str, str]:
    c = device.credentials
    username = c.username if c.username is not None else _env(c.username_env or "", "username")
    if c.password_env is not None:
        password = _env(c.password_env, "password")
    else:
        password = _file(root, c.password_file or "", "password").decode().strip()
    return username, password


def endpoint(device: Device, root: Path) -> Endpoint:
    if device.insecure:
        return Endpoint(device.address, device.port, insecure=True)
    tls = device.tls
    if tls is None:
        return Endpoint(device.address, device.port, tls=TlsFiles())  # system CA store
    key = None
    if tls.key_file is not None:
        key = _file(root, tls.key_file, "TLS key")
    elif tls.key_env is not None:
        key = _env(tls.key_env, "TLS key").encode()
    return Endpoint(
        device.address,
        device.port,
        tls=TlsFiles(
            ca=_file(root, tls.ca, "TLS CA") if tls.ca else None,
            cert=_file(root, tls.cert, "TLS certificate") if tls.cert else None,
            key=key,
            server_name=tls.server_name,
        ),
    )


def open_reader(name: str, device: Device, root: Path, *, timeout: float = 10.0) -> JetClient:
    """A logged-in, initialized session for reading.

    It logs in as `<client_id>-reader`: reads return every client's routes anyway,
    and a reader disconnecting must never start the purge timer of the routes the
    product owns under its own client id.
    """
    username, password = credentials(device, root)
    client = JetClient(name, open_channel(endpoint(device, root)), timeout=timeout)
    try:
        client.login(username, password, device.client_id + READER_SUFFIX)
        for initialize in (client.rib_initialize, client.bgp_initialize):
            try:
                initialize()
            except PermanentError as error:
                if error.code != "ALREADY_INITIALIZED":
                    raise
    except BaseException:
        client.close()
        raise
    return client
