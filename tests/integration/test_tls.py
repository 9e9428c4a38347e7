"""TLS and mutual TLS with certificates made at test time; plain text only when asked for.

A TLS failure names its kind and the file at fault (issue 12, finding 10): a bad PEM
file is refused before gRPC sees it, a failed handshake is diagnosed by one stdlib
handshake to the same address.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import trustme
import yaml

from reconciler.emulator.fleet import Fleet, build_fleet
from reconciler.emulator.router import ServerTls
from reconciler.jet.channel import Endpoint, TlsFiles, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.connect import connect
from reconciler.jet.errors import JetError
from reconciler.model.intent import RouterEntry
from reconciler.port.errors import ConfigError, Reason, Refused, RouterError, Unreachable
from reconciler.port.session import Role
from tests.helpers import PASSWORD, USER, v4_route


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA(key_type=trustme.KeyType.RSA)


@pytest.fixture(scope="module")
def other_ca() -> trustme.CA:
    return trustme.CA(key_type=trustme.KeyType.RSA)


def _server_tls(
    ca: trustme.CA, *, mutual: bool, not_before: datetime | None = None, not_after: datetime | None = None
) -> ServerTls:
    cert = ca.issue_cert(
        "127.0.0.1", "localhost", key_type=trustme.KeyType.RSA, not_before=not_before, not_after=not_after
    )
    return ServerTls(
        cert=b"".join(blob.bytes() for blob in cert.cert_chain_pems),
        key=cert.private_key_pem.bytes(),
        client_ca=ca.cert_pem.bytes() if mutual else None,
    )


def _client_files(ca: trustme.CA, *, trust: trustme.CA, with_cert: bool) -> TlsFiles:
    if not with_cert:
        return TlsFiles(ca=trust.cert_pem.bytes())
    cert = ca.issue_cert("reconciler-client", key_type=trustme.KeyType.RSA)
    return TlsFiles(
        ca=trust.cert_pem.bytes(),
        cert=b"".join(blob.bytes() for blob in cert.cert_chain_pems),
        key=cert.private_key_pem.bytes(),
    )


def _fleet(tls: ServerTls | None) -> Fleet:
    return build_fleet(1, base_port=0, username=USER, password=PASSWORD, tls=tls)


@pytest.fixture
def tls_fleet(ca: trustme.CA) -> Iterator[Fleet]:
    with _fleet(_server_tls(ca, mutual=False)) as fleet:
        yield fleet


@pytest.fixture
def mtls_fleet(ca: trustme.CA) -> Iterator[Fleet]:
    with _fleet(_server_tls(ca, mutual=True)) as fleet:
        yield fleet


@pytest.fixture
def plain_fleet() -> Iterator[Fleet]:
    with _fleet(None) as fleet:
        yield fleet


def _session(fleet: Fleet, **endpoint: object) -> JetClient:
    router = fleet.routers[0]
    channel = open_channel(Endpoint("127.0.0.1", router.port, **endpoint))  # type: ignore[arg-type]
    client = JetClient(router.name, channel, timeout=5)
    client.login(USER, PASSWORD, "tls-test")
    return client


def test_tls_session_works(tls_fleet: Fleet, ca: trustme.CA) -> None:
    client = _session(tls_fleet, tls=TlsFiles(ca=ca.cert_pem.bytes()))
    client.rib_initialize()
    client.rib_update([v4_route(1)])
    assert [r.key for r in client.rib_get("inet.0", "10.0.0.0/8")] == [v4_route(1).key]
    client.close()


def test_tls_refuses_an_untrusted_router(tls_fleet: Fleet, other_ca: trustme.CA) -> None:
    with pytest.raises(JetError) as failure:
        _session(tls_fleet, tls=TlsFiles(ca=other_ca.cert_pem.bytes()))
    assert failure.value.code == "UNAVAILABLE"
    assert failure.value.router == tls_fleet.routers[0].name


def test_mutual_tls_with_client_certificate_works(mtls_fleet: Fleet, ca: trustme.CA) -> None:
    client = _session(mtls_fleet, tls=_client_files(ca, trust=ca, with_cert=True))
    assert client.rib_initialize().num_client_routes == 0
    client.close()


def test_mutual_tls_refuses_client_without_certificate(mtls_fleet: Fleet, ca: trustme.CA) -> None:
    with pytest.raises(JetError) as failure:
        _session(mtls_fleet, tls=_client_files(ca, trust=ca, with_cert=False))
    assert failure.value.code == "UNAVAILABLE"


def test_mutual_tls_refuses_certificate_of_another_ca(mtls_fleet: Fleet, ca: trustme.CA, other_ca: trustme.CA) -> None:
    with pytest.raises(JetError):
        _session(mtls_fleet, tls=_client_files(other_ca, trust=ca, with_cert=True))


def test_plain_text_client_cannot_talk_to_tls_router(tls_fleet: Fleet) -> None:
    with pytest.raises(JetError):
        _session(tls_fleet, insecure=True)


def test_tls_client_cannot_talk_to_plain_text_router(plain_fleet: Fleet, ca: trustme.CA) -> None:
    with pytest.raises(JetError):
        _session(plain_fleet, tls=TlsFiles(ca=ca.cert_pem.bytes()))


def test_plain_text_works_only_when_both_sides_ask(plain_fleet: Fleet) -> None:
    client = _session(plain_fleet, insecure=True)
    assert client.rib_initialize().rebound is False
    client.close()


def test_channel_refuses_ambiguous_settings(ca: trustme.CA) -> None:
    with pytest.raises(ValueError, match="both TLS files and insecure"):
        open_channel(Endpoint("127.0.0.1", 1, tls=TlsFiles(ca=ca.cert_pem.bytes()), insecure=True))
    with pytest.raises(ValueError, match="both a client certificate and key"):
        open_channel(Endpoint("127.0.0.1", 1, tls=TlsFiles(cert=b"x")))


# --------------------------------------------------- each TLS failure, named


C_CORE_LINE = re.compile(r"^[IWEF]\d{4} [\d:.]+ +\d+ \S+\.cc:\d+\]", re.MULTILINE)  # absl log prefix
PASSWORD_ENV = "JET_TLS_TEST_PASSWORD"
KEY_ENV = "JET_TLS_TEST_KEY"


@pytest.fixture
def expired_fleet(ca: trustme.CA) -> Iterator[Fleet]:
    with _fleet(
        _server_tls(ca, mutual=False, not_before=datetime(2019, 1, 1), not_after=datetime(2020, 1, 1))
    ) as fleet:
        yield fleet


@pytest.fixture
def repo(tmp_path: Path, ca: trustme.CA, other_ca: trustme.CA, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An intent repository with the TLS files the cases name, under tls/."""
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    files = tmp_path / "tls"
    files.mkdir()
    client = ca.issue_cert("reconciler-client", key_type=trustme.KeyType.RSA)
    foreign = other_ca.issue_cert("reconciler-client", key_type=trustme.KeyType.RSA)
    (files / "ca.pem").write_bytes(ca.cert_pem.bytes())
    (files / "other-ca.pem").write_bytes(other_ca.cert_pem.bytes())
    (files / "client.pem").write_bytes(client.cert_chain_pems[0].bytes())
    (files / "client.key").write_bytes(client.private_key_pem.bytes())
    (files / "foreign.pem").write_bytes(foreign.cert_chain_pems[0].bytes())
    (files / "foreign.key").write_bytes(foreign.private_key_pem.bytes())
    (files / "garbage.pem").write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    return tmp_path


def _key_body(repo: Path, name: str) -> str:
    """A line from the middle of a private key: it must never appear in a message."""
    return (repo / "tls" / name).read_text().splitlines()[3]


def _failure(port: int, repo: Path, **settings: Any) -> RouterError:
    entry = RouterEntry.model_validate({"address": "127.0.0.1", "port": port,
                                        "credentials": {"username": USER, "password_env": PASSWORD_ENV},
                                        **settings})  # fmt: skip
    with pytest.raises(RouterError) as failure:
        connect("r1", entry, repo, Role.READER, timeout=5).client.close()
    text = str(failure.value)
    assert PASSWORD not in text
    for key in ("client.key", "foreign.key"):
        assert _key_body(repo, key) not in text
    assert "\n" not in text
    return failure.value


def _port(fleet: Fleet) -> int:
    return fleet.routers[0].port


def test_router_certificate_of_an_unknown_ca(tls_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(tls_fleet), repo, tls={"ca": "tls/other-ca.pem"})
    assert isinstance(error, Refused) and error.reason is Reason.TLS
    assert str(error) == (
        f"r1: TLS handshake with 127.0.0.1:{_port(tls_fleet)} failed (refused: TLS refused): "
        "certificate not trusted by tls.ca tls/other-ca.pem (unable to get local issuer certificate)"
    )


def test_router_certificate_not_in_the_system_store(tls_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(tls_fleet), repo)  # no tls settings: TLS with the system CA store
    assert isinstance(error, Refused)
    assert "certificate not trusted by the system CA store (set tls.ca)" in str(error)


def test_router_certificate_for_another_name(tls_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(tls_fleet), repo, tls={"ca": "tls/ca.pem", "server_name": "router.example"})
    assert isinstance(error, Refused)
    assert str(error).endswith("certificate name mismatch: router certificate is for 127.0.0.1, localhost, "
                               "expected router.example (set tls.server_name)")  # fmt: skip


def test_expired_router_certificate(expired_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(expired_fleet), repo, tls={"ca": "tls/ca.pem"})
    # Retried later: renewing the router's certificate fixes it without a commit.
    assert isinstance(error, Unreachable)
    assert str(error).endswith("router certificate expired on 2020-01-01 00:00:00 UTC")


def test_tls_client_to_a_plain_text_router(plain_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(plain_fleet), repo, tls={"ca": "tls/ca.pem"})
    assert isinstance(error, Refused)
    assert "the router speaks plain text, not TLS" in str(error)


def test_plain_text_client_to_a_tls_router(tls_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(tls_fleet), repo, insecure=True)
    assert isinstance(error, Refused)
    assert str(error).endswith("the router expects TLS, but the inventory says insecure: true (set tls instead)")


def test_mutual_tls_router_and_no_client_certificate(mtls_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(mtls_fleet), repo, tls={"ca": "tls/ca.pem"})
    assert isinstance(error, Refused)
    assert str(error).endswith("the router requires a client certificate (set tls.cert and a key)")


def test_mutual_tls_router_refuses_a_client_certificate_of_another_ca(mtls_fleet: Fleet, repo: Path) -> None:
    error = _failure(_port(mtls_fleet), repo,
                     tls={"ca": "tls/ca.pem", "cert": "tls/foreign.pem", "key_file": "tls/foreign.key"})  # fmt: skip
    assert isinstance(error, Refused)
    assert str(error).endswith("the router refused our client certificate tls.cert tls/foreign.pem")


def test_mutual_tls_through_connect_works(mtls_fleet: Fleet, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, (repo / "tls/client.key").read_text())
    for key in ({"key_file": "tls/client.key"}, {"key_env": KEY_ENV}):
        entry = RouterEntry.model_validate({"address": "127.0.0.1", "port": _port(mtls_fleet),
                                            "credentials": {"username": USER, "password_env": PASSWORD_ENV},
                                            "tls": {"ca": "tls/ca.pem", "cert": "tls/client.pem", **key}})  # fmt: skip
        router = connect("r1", entry, repo, Role.READER, timeout=5)
        assert router.info.rebound is False
        router.client.close()


@pytest.mark.parametrize(
    ("tls", "message"),
    [
        ({"ca": "tls/garbage.pem"}, "tls.ca: tls/garbage.pem is not a PEM certificate"),
        ({"ca": "tls/client.key"}, "tls.ca: tls/client.key is not a PEM certificate"),
        ({"ca": "tls/ca.pem", "cert": "tls/garbage.pem", "key_file": "tls/client.key"},
         "tls.cert: tls/garbage.pem is not a PEM certificate"),
        ({"ca": "tls/ca.pem", "cert": "tls/client.pem", "key_file": "tls/client.pem"},
         "tls.key_file: tls/client.pem is not a PEM private key"),
        ({"ca": "tls/ca.pem", "cert": "tls/client.pem", "key_env": KEY_ENV},
         f"tls.key_env: the key in environment variable {KEY_ENV} is not a PEM private key"),
        ({"ca": "tls/ca.pem", "cert": "tls/client.pem", "key_file": "tls/foreign.key"},
         "tls.key_file: tls/foreign.key does not match tls.cert tls/client.pem"),
    ],
)  # fmt: skip
def test_bad_pem_material_is_named_before_grpc_sees_it(
    mtls_fleet: Fleet,
    repo: Path,
    tls: dict[str, str],
    message: str,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(
        KEY_ENV, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n"
    )
    capfd.readouterr()
    error = _failure(_port(mtls_fleet), repo, tls=tls)
    assert isinstance(error, ConfigError)
    assert str(error) == f"r1: connect failed (configuration): {message}"
    assert "c2VjcmV0LWtleS1tYXRlcmlhbA" not in str(error)
    err = capfd.readouterr().err
    assert not C_CORE_LINE.search(err), err


def test_the_command_line_shows_each_tls_failure_in_one_line(
    tls_fleet: Fleet, mtls_fleet: Fleet, plain_fleet: Fleet, repo: Path
) -> None:
    """What an operator sees: one line per router naming the kind, no gRPC C-core lines on stderr."""
    base = {"address": "127.0.0.1", "credentials": {"username": USER, "password_env": PASSWORD_ENV}}
    devices = {
        "untrusted": {**base, "port": _port(tls_fleet), "tls": {"ca": "tls/other-ca.pem"}},
        "renamed": {**base, "port": _port(tls_fleet), "tls": {"ca": "tls/ca.pem", "server_name": "router.example"}},
        "plain": {**base, "port": _port(plain_fleet), "tls": {"ca": "tls/ca.pem"}},
        "tlsonly": {**base, "port": _port(tls_fleet), "insecure": True},
        "nocert": {**base, "port": _port(mtls_fleet), "tls": {"ca": "tls/ca.pem"}},
        "badca": {**base, "port": _port(tls_fleet), "tls": {"ca": "tls/garbage.pem"}},
    }
    (repo / "intent").mkdir()
    (repo / "intent/devices.yaml").write_text(yaml.safe_dump({"devices": devices}))
    env = {k: v for k, v in os.environ.items() if k != "GRPC_VERBOSITY"}  # the default must be quiet
    done = subprocess.run(
        [sys.executable, "-m", "reconciler", "plan", "--repo", str(repo), "--state-dir", str(repo / "state"),
         "--format", "json"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    errors = {r["router"]: r["error"] for r in json.loads(done.stdout)["routers"]}
    assert "certificate not trusted by tls.ca tls/other-ca.pem" in errors["untrusted"]
    assert "certificate name mismatch" in errors["renamed"]
    assert "the router speaks plain text, not TLS" in errors["plain"]
    assert "the router expects TLS" in errors["tlsonly"]
    assert "the router requires a client certificate" in errors["nocert"]
    assert "tls.ca: tls/garbage.pem is not a PEM certificate" in errors["badca"]
    assert not C_CORE_LINE.search(done.stderr), done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    assert len(done.stderr.strip().splitlines()) == len(devices), done.stderr  # one line per router
