"""Why a TLS connection to a router failed, in words an operator can act on.

gRPC reports every TLS failure as UNAVAILABLE with C-core text ("Socket closed",
"TSI_PROTOCOL_FAILURE"). After such a failure one stdlib `ssl` handshake to the
same address and port, with the same CA, client certificate and server name,
tells the kind: router certificate not trusted, name mismatch, expired, plain
text against TLS, client certificate refused or missing. For a name mismatch or
an expiry a second handshake reads the router certificate (names, end date). The
probe speaks only to the configured address and closes after the router's first
HTTP/2 frame; nothing is logged in (no credentials are sent).
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reconciler.jet.channel import Endpoint, TlsFiles
from reconciler.jet.pem import private_files

# The client connection preface and an empty SETTINGS frame: a gRPC server answers
# with its SETTINGS once TLS (and the client certificate) is accepted.
_H2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
# OpenSSL's X509_V_FLAG_NO_CHECK_TIME (ssl.VerifyFlags does not name it): verify
# everything but the dates, to read an expired certificate's end date.
_NO_CHECK_TIME = 0x200000
_EXPIRED, _NOT_YET_VALID = 10, 9  # X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_CERT_NOT_YET_VALID
_NAME_MISMATCH = frozenset({62, 64})  # X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
# What a TLS client reads from a plain-text server (an HTTP/2 frame is no TLS record).
_NOT_TLS = frozenset({"WRONG_VERSION_NUMBER", "PACKET_LENGTH_TOO_LONG", "RECORD_LAYER_FAILURE", "HTTP_REQUEST"})


@dataclass(frozen=True)
class Finding:
    """What is wrong; `lasting` when only a change of the inventory or of the router's
    configuration fixes it (not worth retrying), rather than time (a renewed certificate)."""

    text: str
    lasting: bool = True


def diagnose(endpoint: Endpoint, timeout: float) -> Finding | None:
    """The kind of TLS failure at `endpoint`, or None when TLS is not the problem found."""
    if endpoint.insecure:
        return _plain_client(endpoint, timeout)
    tls = endpoint.tls or TlsFiles()
    hostname = tls.server_name or endpoint.address
    try:
        error = _talk(endpoint, _context(tls), hostname, timeout)
    except (ssl.SSLError, ValueError):
        return None  # the material was checked before the channel was opened
    if error is None:
        return None
    if isinstance(error, ssl.SSLCertVerificationError):
        return _verification(endpoint, tls, hostname, error, timeout)
    if isinstance(error, ssl.SSLError) and error.reason in _NOT_TLS:
        return Finding("the router speaks plain text, not TLS (check the port; insecure: true is for lab routers only)")
    if isinstance(error, _Dropped) or (isinstance(error, ssl.SSLError) and "ALERT" in (error.reason or "")):
        if tls.cert is None:
            return Finding("the router requires a client certificate (set tls.cert and a key)")
        return Finding(f"the router refused our client certificate tls.cert {tls.cert_file or ''}".rstrip())
    return None


class _Dropped(ConnectionError):
    """The handshake completed, then the router closed without a word: with TLS 1.3 a
    client certificate is judged after the client's side of the handshake ended."""


def _context(tls: TlsFiles, *, check_name: bool = True, check_time: bool = True) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = check_name
    if tls.ca is not None:
        context.load_verify_locations(cadata=tls.ca.decode("ascii"))
    else:
        context.load_default_certs()  # gRPC's default too: the system store
    if tls.cert is not None and tls.key is not None:
        with private_files(tls.cert, tls.key) as (cert, key):
            context.load_cert_chain(cert, key, password=lambda: b"")
    if not check_time:
        context.verify_flags |= _NO_CHECK_TIME
    context.set_alpn_protocols(["h2"])
    return context


def _talk(endpoint: Endpoint, context: ssl.SSLContext, hostname: str, timeout: float) -> OSError | None:
    """Handshake, send the HTTP/2 preface, read the first answer: the error, or None if all worked."""
    try:
        with (
            socket.create_connection((endpoint.address, endpoint.port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=hostname, suppress_ragged_eofs=False) as tls,
        ):
            tls.sendall(_H2_PREFACE)
            try:
                answer = tls.recv(1)
            except (ssl.SSLEOFError, ssl.SSLZeroReturnError, ConnectionResetError):
                answer = b""
            return None if answer else _Dropped()
    except OSError as error:  # ssl.SSLError is an OSError
        return error


def _peer(endpoint: Endpoint, context: ssl.SSLContext, hostname: str, timeout: float) -> dict[str, Any]:
    """The router certificate as `getpercert()` shows it; empty when it cannot be read."""
    try:
        with (
            socket.create_connection((endpoint.address, endpoint.port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=hostname) as tls,
        ):
            return tls.getpeercert() or {}
    except OSError:
        return {}


def _verification(
    endpoint: Endpoint, tls: TlsFiles, hostname: str, error: ssl.SSLCertVerificationError, timeout: float
) -> Finding:
    code = error.verify_code
    if code in _NAME_MISMATCH:
        certificate = _peer(endpoint, _context(tls, check_name=False), hostname, timeout)
        names = [value for kind, value in certificate.get("subjectAltName", ()) if kind in ("DNS", "IP Address")]
        shown = ", ".join(names) if names else "other names"
        return Finding(f"certificate name mismatch: router certificate is for {shown}, "
                       f"expected {hostname} (set tls.server_name)")  # fmt: skip
    if code in (_EXPIRED, _NOT_YET_VALID):
        certificate = _peer(endpoint, _context(tls, check_name=False, check_time=False), hostname, timeout)
        if code == _EXPIRED:
            return Finding(f"router certificate expired on {_date(certificate, 'notAfter')}", lasting=False)
        return Finding(f"router certificate is not valid before {_date(certificate, 'notBefore')}", lasting=False)
    source = f"tls.ca {tls.ca_file}" if tls.ca_file else ("tls.ca" if tls.ca else "the system CA store (set tls.ca)")
    return Finding(f"certificate not trusted by {source} ({error.verify_message})")


def _date(certificate: dict[str, Any], field: str) -> str:
    try:
        moment = datetime.fromtimestamp(ssl.cert_time_to_seconds(certificate[field]), UTC)
    except (KeyError, ValueError):
        return "a date that could not be read"
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _plain_client(endpoint: Endpoint, timeout: float) -> Finding | None:
    """insecure: true failed: does the router speak TLS?"""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # only asking whether it speaks TLS at all; nothing is sent
    context.set_alpn_protocols(["h2"])
    try:
        with (
            socket.create_connection((endpoint.address, endpoint.port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=endpoint.address),
        ):
            pass
    except ssl.SSLError as error:
        if error.reason in _NOT_TLS or "ALERT" not in (error.reason or ""):
            return None
    except OSError:
        return None
    return Finding("the router expects TLS, but the inventory says insecure: true (set tls instead)")
