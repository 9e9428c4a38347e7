"""Receiving router notifications from an MQTT broker (paho-mqtt, v2 callback API).

One subscriber reads either one router's own broker (`router=` its name) or a
central broker where each router publishes under its own prefix
(`topic_prefix="devices/+"`). It reconnects by itself and subscribes again on
every connect; bad notifications are counted by reason and logged, never raised.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from reconciler.watch.events import Event, EventError, parse_event

log = logging.getLogger(__name__)


class EventSubscriber:
    def __init__(
        self,
        host: str,
        port: int,
        on_event: Callable[[Event], None],
        *,
        router: str | None = None,
        topic_prefix: str = "",
        client_id: str = "",
        on_subscribed: Callable[[], None] = lambda: None,
    ) -> None:
        self.host = host
        self.port = port
        self.router = router
        self.topic = f"{topic_prefix.rstrip('/')}/junos/events/#"
        self.on_event = on_event
        self.received = 0
        self.rejected: Counter[str] = Counter()
        self.connected = threading.Event()
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id)
        self._client.reconnect_delay_set(min_delay=1, max_delay=30)
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        self.subscribed = threading.Event()
        self._stopping = False
        self._on_subscribed = on_subscribed
        self._client.on_subscribe = self._subscribed

    def _subscribed(self, *args: Any) -> None:
        self.subscribed.set()
        try:
            self._on_subscribed()
        except Exception:  # a failing consumer must not stop the network loop
            log.exception("subscription callback failed")

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        if reason.is_failure:
            log.warning("MQTT %s:%s refused the connection: %s", self.host, self.port, reason)
            return
        client.subscribe(self.topic, qos=0)
        self.connected.set()
        log.info("subscribed to %s on %s:%s", self.topic, self.host, self.port)

    def _on_disconnect(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        self.connected.clear()
        self.subscribed.clear()
        if not self._stopping:
            log.warning("MQTT %s:%s disconnected (%s); reconnecting", self.host, self.port, reason)

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        self.received += 1
        try:
            event = parse_event(message.topic, message.payload, router=self.router)
        except EventError as error:
            self.rejected[error.reason] += 1
            log.warning("ignored a notification on %r: %s", message.topic[:200], error)
            return
        try:
            self.on_event(event)
        except Exception:  # a failing consumer must not stop the network loop
            log.exception("event consumer failed on %s", event)

    def start(self, timeout: float = 10.0) -> None:
        """Connect and subscribe; waits up to `timeout` for the first subscription. On
        OSError the client keeps trying in the background until stop()."""
        self._client.connect_async(self.host, self.port)
        self._client.loop_start()
        if not self.subscribed.wait(timeout):
            raise OSError(f"could not subscribe to {self.topic} on {self.host}:{self.port} yet")

    def stop(self) -> None:
        self._stopping = True  # our own disconnect: nothing to warn about
        self._client.disconnect()
        self._client.loop_stop()
