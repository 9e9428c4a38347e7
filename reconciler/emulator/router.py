"""One emulated router: its state behind a real gRPC server on its own port."""

from __future__ import annotations

import threading
from concurrent import futures
from dataclasses import dataclass, field

import grpc

from reconciler.emulator.auth import AuthenticationServicer
from reconciler.emulator.base import BaseServicer
from reconciler.emulator.bgp import BgpServicer
from reconciler.emulator.firewall import FirewallServicer
from reconciler.emulator.management import ManagementServicer
from reconciler.emulator.rib import RibServicer
from reconciler.emulator.state import RouterState
from reconciler.emulator.v1 import add_servicers as add_v1_servicers
from reconciler.wire.pb import auth_grpc, base_grpc, bgp_grpc, firewall_grpc, management_grpc, rib_grpc

API_CHOICES = ("v1", "v2", "both")  # which JET generations a router serves


@dataclass(frozen=True)
class ServerTls:
    """Router certificate and key; with `client_ca` the router requires mutual TLS."""

    cert: bytes
    key: bytes = field(repr=False)
    client_ca: bytes | None = None

    @property
    def mode(self) -> str:
        return "mutual-tls" if self.client_ca else "tls"


class EmulatedRouter:
    def __init__(
        self,
        state: RouterState,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tls: ServerTls | None,
        max_workers: int = 16,
        api: str = "both",
    ) -> None:
        """`tls=None` serves plain text; callers must have asked for that explicitly.

        `api` picks the JET generations served on the port: "v1", "v2" or "both";
        calls of a generation not served answer gRPC UNIMPLEMENTED, as on a router
        without it.
        """
        if api not in API_CHOICES:
            raise ValueError(f"{state.name}: api must be one of {', '.join(API_CHOICES)}, not {api!r}")
        self.state = state
        self.api = api
        self.host = host
        self.requested_port = port
        self.tls = tls
        self.port = 0
        self._server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=state.name),
            options=[
                ("grpc.so_reuseport", 0),  # a busy port is an error, not a shared port
                ("grpc.max_receive_message_length", 64 * 1024 * 1024),
            ],
        )
        if api in ("v2", "both"):
            auth_grpc.add_AuthenticationServicer_to_server(AuthenticationServicer(state), self._server)
            base_grpc.add_BaseServicer_to_server(BaseServicer(state), self._server)
            rib_grpc.add_RibServicer_to_server(RibServicer(state), self._server)
            bgp_grpc.add_BgpServicer_to_server(BgpServicer(state), self._server)
            firewall_grpc.add_FirewallServicer_to_server(FirewallServicer(state), self._server)
            management_grpc.add_ManagementServicer_to_server(ManagementServicer(state), self._server)
        if api in ("v1", "both"):
            add_v1_servicers(state, self._server)

    @property
    def name(self) -> str:
        return self.state.name

    @property
    def mode(self) -> str:
        return self.tls.mode if self.tls else "insecure"

    @property
    def target(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def start(self) -> None:
        address = f"[{self.host}]:{self.requested_port}" if ":" in self.host else f"{self.host}:{self.requested_port}"
        try:
            if self.tls is None:
                self.port = self._server.add_insecure_port(address)
            else:
                credentials = grpc.ssl_server_credentials(
                    [(self.tls.key, self.tls.cert)],
                    root_certificates=self.tls.client_ca,
                    require_client_auth=self.tls.client_ca is not None,
                )
                self.port = self._server.add_secure_port(address, credentials)
        except RuntimeError as exc:
            raise OSError(f"{self.name}: cannot listen on {address}: {exc}") from None
        if not self.port:
            raise OSError(f"{self.name}: cannot listen on {address} (port in use?)")
        self._server.start()

    def stop(self, grace: float | None = 0.5) -> None:
        self.stop_async(grace).wait()

    def stop_async(self, grace: float | None = 0.5) -> threading.Event:
        """Start stopping; the event is set once the server is down."""
        return self._server.stop(grace)
