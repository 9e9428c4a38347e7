"""Writer sessions kept open between reconciles (the watcher): a router keeps a
client's routes only while a session of the client lives, plus its purge time."""

from __future__ import annotations

import threading
from pathlib import Path

from reconciler.model.intent import RouterEntry
from reconciler.port.session import Connector, Role, RouterSession


class SessionCache:
    def __init__(self, connect: Connector) -> None:
        self._connect = connect
        self._sessions: dict[str, RouterSession] = {}
        self._settings: dict[str, tuple[object, ...]] = {}  # what each session was opened with
        self._lock = threading.Lock()

    def get(self, name: str, entry: RouterEntry, root: Path) -> RouterSession:
        """The router's open writer session, opened now if there is none, or if its connection
        settings changed since (a session under an old client id would keep writing as that id)."""
        with self._lock:
            found, opened_with = self._sessions.get(name), self._settings.get(name)
        if found is not None and opened_with == entry.session_settings():
            return found
        if found is not None:
            self.discard(name, only=found)
        opened = self._connect(name, entry, root, Role.WRITER)
        with self._lock:
            self._sessions[name] = opened
            self._settings[name] = entry.session_settings()
        return opened

    def discard(self, name: str, *, only: RouterSession | None = None) -> None:
        """Close and forget the router's session (with `only`: if it is still that one)."""
        with self._lock:
            found = self._sessions.get(name)
            if found is None or (only is not None and found is not only):
                return
            del self._sessions[name]
            self._settings.pop(name, None)
        found.close()

    def peek(self, name: str) -> RouterSession | None:
        with self._lock:
            return self._sessions.get(name)

    def connected(self) -> set[str]:
        with self._lock:
            return set(self._sessions)

    def close_all(self) -> None:
        for name in list(self.connected()):
            self.discard(name)
