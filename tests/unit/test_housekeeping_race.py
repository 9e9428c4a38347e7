"""A client logging in while the emulator looks at the kernel's connection table keeps its session."""

from __future__ import annotations

import pytest

from reconciler.emulator import connections
from reconciler.emulator.fleet import Fleet
from reconciler.emulator.router import EmulatedRouter
from reconciler.emulator.state import RouterState


def test_login_during_the_snapshot_is_not_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    state = RouterState("r1", username="u", password="p")
    router = EmulatedRouter(state, tls=None)  # never started: no socket is opened
    router.port = 50051
    fleet = Fleet([router])
    state.login("ipv4:127.0.0.1:40000", "old-client")

    def snapshot(ports: object) -> set[tuple[int, int]]:
        state.login("ipv4:127.0.0.1:40001", "new-client")  # logs in while the table is read
        return {(50051, 40000)}  # taken before the new connection existed

    monkeypatch.setattr(connections, "established", snapshot)
    fleet.housekeeping_once()
    assert state.session_of("ipv4:127.0.0.1:40001") is not None
    assert state.session_of("ipv4:127.0.0.1:40000") is not None

    monkeypatch.setattr(connections, "established", lambda ports: {(50051, 40001)})
    fleet.housekeeping_once()  # now the old connection really is gone
    assert state.session_of("ipv4:127.0.0.1:40000") is None
