"""The `reconciler emulator` and `reconciler operator` commands as a user runs them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from reconciler.jet.channel import Endpoint, TlsFiles, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.errors import JetError
from tests.helpers import PASSWORD, USER, free_port_block, v4_route, v6_route

COMMAND = [sys.executable, "-m", "reconciler"]


@dataclass
class RunningEmulator:
    process: subprocess.Popen[str]
    ready: list[str]
    admin: str

    def port(self, index: int) -> int:
        return int(self.ready[index].split()[2].rsplit(":", 1)[1])


def _start(args: list[str], routers: int) -> RunningEmulator:
    env = {**os.environ, "EMULATOR_PASSWORD": PASSWORD}
    if "--mqtt" not in args and "--embedded-mqtt-port" not in args:
        args = [*args, "--embedded-mqtt-port", "0"]  # never the well-known 1883: tests run side by side
    process = subprocess.Popen(
        [*COMMAND, "emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    ready: list[str] = []
    deadline = time.monotonic() + 30
    while len(ready) < routers and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith("ready "):
            ready.append(line.strip())
    if len(ready) < routers:
        process.kill()
        raise AssertionError(f"emulator did not start: {process.stderr.read() if process.stderr else ''}")
    fields = dict(token.split("=", 1) for token in ready[0].split() if "=" in token)
    return RunningEmulator(process, ready, fields["admin"])


@pytest.fixture
def emulator() -> Iterator[RunningEmulator]:
    base = free_port_block(4)
    running = _start(
        [
            "--devices",
            "3",
            "--base-port",
            str(base + 1),
            "--username",
            USER,
            "--password-env",
            "EMULATOR_PASSWORD",
            "--insecure",
            "--admin-port",
            str(base),
        ],
        routers=3,
    )
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait(10)


def test_three_routers_write_read_delete_2500_routes(emulator: RunningEmulator) -> None:
    assert [line.split()[1] for line in emulator.ready] == ["router1", "router2", "router3"]
    routes = [v4_route(i) for i in range(1250)] + [v6_route(i) for i in range(1250)]
    assert all(len(r.gateways) == 4 for r in routes)
    for index in range(3):
        channel = open_channel(Endpoint("127.0.0.1", emulator.port(index), insecure=True))
        client = JetClient(f"router{index + 1}", channel)
        client.login(USER, PASSWORD, "acceptance")
        client.set_purge_timer(30)
        assert client.rib_initialize().num_client_routes == 0
        assert client.rib_update(routes) == 2500  # 3 batches: 1000 + 1000 + 500
        read = [r for table in ("inet.0", "inet6.0") for r in client.rib_get(table) if r.key.cookie]
        assert {r.key for r in read} == {r.key for r in routes}
        assert {len(r.gateways) for r in read} == {4}
        assert client.rib_delete([r.key for r in routes]) == 2500
        assert [r for t in ("inet.0", "inet6.0") for r in client.rib_get(t) if r.key.cookie] == []
        client.close()


def test_operator_command_changes_a_router(emulator: RunningEmulator) -> None:
    channel = open_channel(Endpoint("127.0.0.1", emulator.port(1), insecure=True))
    client = JetClient("router2", channel)
    client.login(USER, PASSWORD, "operator-test")
    client.rib_initialize()
    client.rib_update([v4_route(1), v4_route(2)])
    admin = ["--admin", emulator.admin]
    done = subprocess.run(
        [
            *COMMAND,
            "operator",
            *admin,
            "delete-route",
            "router2",
            "--table",
            "inet.0",
            "--prefix",
            "10.0.1.0/24",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "router2: delete-route: 1 affected" in done.stdout
    assert [r.key.prefix for r in client.rib_get("inet.0", "10.0.0.0/8")] == ["10.0.2.0/24"]
    shown = subprocess.run(
        [*COMMAND, "operator", *admin, "routes", "router2"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert '"prefix": "10.0.2.0/24"' in shown.stdout and '"owner": "operator-test"' in shown.stdout
    garbled = subprocess.run(
        [*COMMAND, "operator", "--admin", "http://127.0.0.1:x", "routers"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert garbled.returncode == 1
    assert "is not a side-door URL" in garbled.stderr
    unknown = subprocess.run(
        [*COMMAND, "operator", *admin, "restart-routing", "router9"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert unknown.returncode == 1
    assert "no emulated router named 'router9'" in unknown.stderr
    client.close()


def test_interrupt_stops_cleanly() -> None:
    """Ctrl-C the moment the first router is ready, every time: the handlers must already be in place
    (they used to come after the ready lines, and about one run in three exited 130)."""
    for attempt in range(8):
        process = subprocess.Popen(
            [*COMMAND, "emulator", "--devices", "3", "--base-port", "0", "--admin-port", "0",
             "--embedded-mqtt-port", "0", "--username", USER, "--password", PASSWORD, "--insecure"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            process.send_signal(signal.SIGINT)  # no pause: routers 2 and 3 are still being announced
            out, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)
        assert first.startswith("ready router1 "), (attempt, first, err)
        assert process.returncode == 0, (attempt, err)
        assert "emulator stopped" in out, attempt
        assert "Traceback" not in err, (attempt, err)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "give --tls-cert and --tls-key, or --insecure"),
        (["--insecure", "--tls-cert", "x.pem"], "--insecure cannot be combined"),
        (
            ["--tls-cert", "/nonexistent.pem", "--tls-key", "/nonexistent.key"],
            "cannot read certificate",
        ),
    ],
)
def test_transport_must_be_chosen_explicitly(extra: list[str], message: str) -> None:
    done = subprocess.run(
        [
            *COMMAND,
            "emulator",
            "--devices",
            "1",
            "--base-port",
            "0",
            "--username",
            "u",
            "--password",
            "p",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1  # a usage error (2 would read as "changes present")
    assert message in " ".join(done.stderr.split())


def test_emulator_command_with_mutual_tls(tmp_path: Path) -> None:
    ca = trustme.CA(key_type=trustme.KeyType.RSA)
    server = ca.issue_cert("127.0.0.1", key_type=trustme.KeyType.RSA)
    client_cert = ca.issue_cert("reconciler", key_type=trustme.KeyType.RSA)
    server.cert_chain_pems[0].write_to_path(str(tmp_path / "router.pem"))
    server.private_key_pem.write_to_path(str(tmp_path / "router.key"))
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    running = _start(
        [
            "--devices",
            "1",
            "--base-port",
            "0",
            "--username",
            USER,
            "--password-env",
            "EMULATOR_PASSWORD",
            "--tls-cert",
            str(tmp_path / "router.pem"),
            "--tls-key",
            str(tmp_path / "router.key"),
            "--tls-client-ca",
            str(tmp_path / "ca.pem"),
        ],
        routers=1,
    )
    try:
        assert running.ready[0].split()[3] == "mutual-tls"
        files = TlsFiles(
            ca=ca.cert_pem.bytes(),
            cert=client_cert.cert_chain_pems[0].bytes(),
            key=client_cert.private_key_pem.bytes(),
        )
        client = JetClient("router1", open_channel(Endpoint("127.0.0.1", running.port(0), tls=files)))
        client.login(USER, PASSWORD, "mtls")
        assert client.rib_initialize().num_client_routes == 0
        client.close()
        anonymous = JetClient(
            "router1",
            open_channel(Endpoint("127.0.0.1", running.port(0), tls=TlsFiles(ca=ca.cert_pem.bytes()))),
            timeout=5,
        )
        with pytest.raises(JetError):
            anonymous.login(USER, PASSWORD, "no-cert")
        anonymous.close()
    finally:
        running.process.kill()
        running.process.wait(10)
