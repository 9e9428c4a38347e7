"""gRPC channels to a router: TLS, mutual TLS, or plain text only when asked for."""

from __future__ import annotations

from dataclasses import dataclass, field

# GRPC_VERBOSITY is defaulted in reconciler/__init__.py, before grpc is first imported.
import grpc

# Keepalive so a router notices a dead reconciler (and starts its purge timer)
# and we notice a dead router, without waiting for TCP timeouts.
_CHANNEL_OPTIONS: list[tuple[str, int | str]] = [
    # A JET session is bound to its TCP connection (Login is per connection).
    # gRPC would otherwise share one connection between channels to the same
    # router in one process, mixing two sessions.
    ("grpc.use_local_subchannel_pool", 1),
    ("grpc.keepalive_time_ms", 20_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.max_receive_message_length", 64 * 1024 * 1024),
]


@dataclass(frozen=True)
class TlsFiles:
    """PEM material for TLS. `ca` verifies the router; `cert`+`key` make it mutual TLS."""

    ca: bytes | None = None
    cert: bytes | None = None
    key: bytes | None = field(default=None, repr=False)  # never printed
    server_name: str | None = None  # expected name in the router certificate, if not the address
    # Where each came from, for messages: the inventory's file references, or the
    # field and variable name of the key ("tls.key_env JET_KEY"); never the content.
    ca_file: str | None = None
    cert_file: str | None = None
    key_source: str | None = None


@dataclass(frozen=True)
class Endpoint:
    address: str
    port: int
    tls: TlsFiles | None = None
    insecure: bool = False  # plain-text gRPC; only when the inventory entry says so

    @property
    def target(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{host}:{self.port}"


def open_channel(endpoint: Endpoint) -> grpc.Channel:
    """Open a channel; refuses to guess between TLS and plain text."""
    if endpoint.insecure:
        if endpoint.tls is not None:
            raise ValueError(f"{endpoint.target}: both TLS files and insecure were given")
        return grpc.insecure_channel(endpoint.target, options=_CHANNEL_OPTIONS)
    tls = endpoint.tls or TlsFiles()
    if (tls.cert is None) != (tls.key is None):
        raise ValueError(f"{endpoint.target}: mutual TLS needs both a client certificate and key")
    credentials = grpc.ssl_channel_credentials(
        root_certificates=tls.ca, private_key=tls.key, certificate_chain=tls.cert
    )
    options = list(_CHANNEL_OPTIONS)
    if tls.server_name:
        options.append(("grpc.ssl_target_name_override", tls.server_name))
    return grpc.secure_channel(endpoint.target, credentials, options=options)
