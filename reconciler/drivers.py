"""The driver layer: which router-port driver talks to a router. Every router speaks
JET, in the generation its inventory entry names (`api: v2`, the default, or the
classic `api: v1`); the engine and the watcher receive the connector from the
commands and never import a driver themselves."""

from __future__ import annotations

from pathlib import Path

from reconciler.jet.connect import connect as jet_connect
from reconciler.model.intent import RouterEntry
from reconciler.port.session import Role, RouterSession


def connect(name: str, entry: RouterEntry, root: Path, role: Role) -> RouterSession:
    """The Connector for routers of the inventory."""
    return jet_connect(name, entry, root, role)
