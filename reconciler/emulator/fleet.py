"""N emulated routers in one process, plus the housekeeping a router does by itself:
noticing disconnected clients and purging their routes when their timer runs out."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from reconciler.emulator import connections
from reconciler.emulator.events import EventSink
from reconciler.emulator.mqtt import EmbeddedBroker, MqttPublisher
from reconciler.emulator.router import EmulatedRouter, ServerTls
from reconciler.emulator.state import DEFAULT_PURGE_SECONDS, RouterState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MqttSettings:
    """Where routers publish: an external broker, or an embedded one on `embedded_port`."""

    external: tuple[str, int] | None = None
    embedded_port: int = 1883  # 0: any free port
    prefix: str = ""  # e.g. "devices/{name}" for a bridged fleet; none on a router

    @property
    def description(self) -> str:
        return "external" if self.external else "embedded"


class Fleet:
    def __init__(
        self,
        routers: Iterable[EmulatedRouter],
        *,
        poll_interval: float = 0.1,
        publisher: MqttPublisher | None = None,
        broker: EmbeddedBroker | None = None,
    ) -> None:
        self.routers = list(routers)
        self.poll_interval = poll_interval
        self.publisher = publisher
        self.broker = broker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._housekeeping, name="emulator-housekeeping", daemon=True)

    def __getitem__(self, name: str) -> EmulatedRouter:
        for router in self.routers:
            if router.name == name:
                return router
        raise KeyError(f"no emulated router named {name!r}")

    @property
    def mqtt_address(self) -> str | None:
        if self.publisher is None:
            return None
        return f"{self.publisher.host}:{self.publisher.port}"

    def start(self) -> None:
        if self.broker is not None:
            self.broker.start()
        if self.publisher is not None:
            try:
                self.publisher.start()
            except OSError:
                if self.broker is not None:
                    self.broker.stop()
                raise
        started: list[EmulatedRouter] = []
        try:
            for router in self.routers:
                router.start()
                started.append(router)
        except OSError:
            for router in started:
                router.stop(None)
            self._stop_mqtt()
            raise
        if not connections.supported():
            log.warning("no /proc/net/tcp: client disconnects are not detected, purge timers never start")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        # All servers stop at once: each waits up to its grace for open connections.
        stopped = [router.stop_async() for router in self.routers]
        for done in stopped:
            done.wait()
        self._stop_mqtt()

    def _stop_mqtt(self) -> None:
        if self.publisher is not None:
            self.publisher.stop()
        if self.broker is not None:
            self.broker.stop()

    def __enter__(self) -> Fleet:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def housekeeping_once(self) -> None:
        # Peers first, kernel snapshot second: a client that logs in between the two
        # is simply checked next round. The other order would see its brand-new
        # connection missing from an older snapshot and drop its session.
        peers = {router.name: router.state.live_peers() for router in self.routers}
        open_now = connections.established(r.port for r in self.routers)
        for router in self.routers:
            for peer in peers[router.name]:
                if (router.port, connections.peer_port(peer)) not in open_now:
                    router.state.connection_closed(peer)
            for client_id in router.state.purge_expired():
                log.info(
                    "%s: purge timer of client %s ran out; its routes are deleted",
                    router.name,
                    client_id,
                )

    def _housekeeping(self) -> None:
        while not self._stop.wait(self.poll_interval):
            try:
                self.housekeeping_once()
            except Exception:  # keep the router alive whatever one pass hits
                log.exception("emulator housekeeping failed")


def build_fleet(
    count: int,
    *,
    base_port: int,
    username: str,
    password: str,
    tls: ServerTls | None,
    host: str = "127.0.0.1",
    name_prefix: str = "router",
    routing_instances: tuple[str, ...] = (),
    default_purge_seconds: int = DEFAULT_PURGE_SECONDS,
    default_filter_purge_seconds: int = DEFAULT_PURGE_SECONDS,
    mqtt: MqttSettings | None = None,
    api: str = "both",
) -> Fleet:
    """Routers PREFIX1..N; router i listens on base_port+i-1 (free ports if base_port is 0).

    `api` ("v1", "v2" or "both") is which JET generations every router serves.
    """
    broker = publisher = None
    if mqtt is not None:
        if mqtt.external is None:
            broker = EmbeddedBroker("127.0.0.1", mqtt.embedded_port)
            address = (broker.host, broker.port)
        else:
            address = mqtt.external
        publisher = MqttPublisher(address[0], address[1], prefix=mqtt.prefix)
    sink: EventSink | None = publisher
    routers = [
        EmulatedRouter(
            RouterState(
                f"{name_prefix}{i + 1}",
                username=username,
                password=password,
                routing_instances=routing_instances,
                default_purge_seconds=default_purge_seconds,
                default_filter_purge_seconds=default_filter_purge_seconds,
                sink=sink,
            ),
            host=host,
            port=base_port + i if base_port else 0,
            tls=tls,
            api=api,
        )
        for i in range(count)
    ]
    return Fleet(routers, publisher=publisher, broker=broker)
