from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.emulator import connections
from reconciler.jet.connect import credentials
from reconciler.jet.errors import AmbiguousError, PermanentError
from reconciler.model.intent import RouterEntry
from reconciler.port.errors import ConfigError

_TCP = """  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid
   0: 0100007F:C383 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 1 1
   1: 0100007F:C383 0100007F:D432 08 00000000:00000000 00:00000000 00000000     0        0 2 1
   2: 0100007F:1F90 0100007F:D433 01 00000000:00000000 00:00000000 00000000     0        0 3 1
"""


def test_established_connections_on_router_ports(tmp_path: Path) -> None:
    table = tmp_path / "tcp"
    table.write_text(_TCP)
    # 0xC383 = 50051; 0xD431 = 54321 established; 0xD432 in CLOSE_WAIT; 0x1F90 another port
    assert connections.established([50051], [table, tmp_path / "missing"]) == {(50051, 54321)}


def test_peer_port() -> None:
    assert connections.peer_port("ipv4:127.0.0.1:54321") == 54321
    assert connections.peer_port("ipv6:[::1]:40000") == 40000
    assert connections.peer_port("unix:/tmp/x") is None


def test_error_text_names_device_operation_code_and_route() -> None:
    error = PermanentError(
        "edge1",
        "Rib/RouteAdd",
        "ROUTE_EXISTS",
        "ROUTE_EXISTS",
        route="inet.0 10.0.0.0/8 cookie 3",
        applied=[range(0, 2)],
    )
    assert str(error) == "edge1: Rib/RouteAdd failed (permanent): ROUTE_EXISTS for route inet.0 10.0.0.0/8 cookie 3"
    assert error.applied_count == 2
    assert "must" not in str(AmbiguousError("edge1", "Rib/RouteUpdate", "UNAVAILABLE"))


def test_a_secret_pasted_as_a_variable_name_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    pasted = "hunter2 S3cr3t!"
    entry = RouterEntry.model_validate({"address": "127.0.0.1", "credentials": {"username": "u", "password_env": "P"}})
    # Built without the model's validation: the driver must hold on its own.
    entry = entry.model_copy(update={"credentials": entry.credentials.model_copy(update={"password_env": pasted})})
    with pytest.raises(ConfigError) as failure:
        credentials("r1", entry, Path("."))
    assert pasted not in str(failure.value)
    assert str(failure.value) == ("r1: connect failed (configuration): password_env: the configured name is not a "
                                  "valid environment variable name (not shown)")  # fmt: skip
    monkeypatch.delenv("JET_TEST_UNSET", raising=False)
    unset = entry.model_copy(
        update={"credentials": entry.credentials.model_copy(update={"password_env": "JET_TEST_UNSET"})}
    )
    with pytest.raises(ConfigError, match=r"password_env: environment variable JET_TEST_UNSET is not set$"):
        credentials("r1", unset, Path("."))


def test_a_secret_that_looks_like_a_variable_name_is_not_echoed_either(monkeypatch: pytest.MonkeyPatch) -> None:
    pasted = "hunter2secret"  # a valid name, and yet a password
    monkeypatch.delenv(pasted, raising=False)
    entry = RouterEntry.model_validate(
        {"address": "127.0.0.1", "credentials": {"username": "u", "password_env": pasted}}
    )
    with pytest.raises(ConfigError) as failure:
        credentials("r1", entry, Path("."))
    assert pasted not in str(failure.value)
    assert "password_env: the environment variable it names is not set (the name is not shown" in str(failure.value)
