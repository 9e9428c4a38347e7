"""TLS and mutual TLS with certificates made at test time; plain text only when asked for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import trustme

from reconciler.emulator.fleet import Fleet, build_fleet
from reconciler.emulator.router import ServerTls
from reconciler.jet.channel import Endpoint, TlsFiles, open_channel
from reconciler.jet.client import JetClient
from reconciler.jet.errors import JetError
from tests.helpers import PASSWORD, USER, v4_route


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA(key_type=trustme.KeyType.RSA)


@pytest.fixture(scope="module")
def other_ca() -> trustme.CA:
    return trustme.CA(key_type=trustme.KeyType.RSA)


def _server_tls(ca: trustme.CA, *, mutual: bool) -> ServerTls:
    cert = ca.issue_cert("127.0.0.1", "localhost", key_type=trustme.KeyType.RSA)
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
