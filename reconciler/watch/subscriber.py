"""Receiving router notifications from an MQTT broker (paho-mqtt, v2 callback API).

One subscriber reads either one router's own broker (`router=` its name) or a
central broker where each router publishes under its own prefix
(`topic_prefix="devices/+"`). It reconnects by itself and subscribes again on
every connect. The broker is unauthenticated by design, so nothing a publisher
sends may stop the network loop: bad notifications are counted by reason and
logged, every callback catches what it raises, and the loop runs in a thread of
ours that starts paho's loop again should anything still escape it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from reconciler.watch.events import Event, Rejected, parse_event

log = logging.getLogger(__name__)
_RESTART_DELAYS = (0.1, 0.5, 2.0, 5.0)  # before running paho's loop again after it raised


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
        on_rejected: Callable[[str], None] = lambda reason: None,
        on_error: Callable[[], None] = lambda: None,
    ) -> None:
        self.host = host
        self.port = port
        self.router = router
        self.topic = f"{topic_prefix.rstrip('/')}/junos/events/#"
        self.on_event = on_event
        self.received = 0
        self.rejected: Counter[str] = Counter()
        self.errors = 0  # exceptions caught in callbacks or the network loop
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self._on_subscribed = on_subscribed
        self._on_rejected = on_rejected
        self._on_error = on_error
        self._stopping = threading.Event()
        self._busy_since: float | None = None  # a callback running since (monotonic)
        self._thread: threading.Thread | None = None
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id)
        self._client.reconnect_delay_set(min_delay=1, max_delay=30)
        self._client.on_connect = self._guard("on_connect", self._connected)
        self._client.on_disconnect = self._guard("on_disconnect", self._disconnected)
        self._client.on_message = self._guard("on_message", self._message)
        self._client.on_subscribe = self._guard("on_subscribe", self._subscribed)

    @property
    def label(self) -> str:
        return f"MQTT {self.host}:{self.port}"

    def _guard(self, name: str, callback: Callable[..., None]) -> Callable[..., None]:
        """A paho callback that never raises (an exception there ends paho's loop) and says
        how long it has been running (a stuck callback is a stuck event loop)."""

        def guarded(*args: Any) -> None:
            self._busy_since = time.monotonic()
            try:
                callback(*args)
            except Exception:
                self._failed(f"{self.label}: {name} failed; the event loop goes on")
            finally:
                self._busy_since = None

        return guarded

    def _failed(self, message: str) -> None:
        self.errors += 1
        log.exception(message)
        try:
            self._on_error()
        except Exception:  # counting must not be what stops the loop
            log.exception("%s: counting an error failed", self.label)

    def _subscribed(self, *args: Any) -> None:
        self.subscribed.set()
        self._on_subscribed()

    def _connected(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        if reason.is_failure:
            log.warning("%s refused the connection: %s", self.label, reason)
            return
        client.subscribe(self.topic, qos=0)
        self.connected.set()
        log.info("subscribed to %s on %s:%s", self.topic, self.host, self.port)

    def _disconnected(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        self.connected.clear()
        self.subscribed.clear()
        if not self._stopping.is_set():
            log.warning("%s disconnected (%s); reconnecting", self.label, reason)

    def _message(self, client: Any, userdata: Any, message: Any) -> None:
        self.received += 1
        try:
            topic = message.topic  # paho decodes it as UTF-8 here (brokers should refuse others)
        except UnicodeDecodeError:
            self._reject(Rejected("bad-topic", "the topic is not UTF-8"), "?")
            return
        event = parse_event(topic, message.payload, router=self.router)
        if isinstance(event, Rejected):
            self._reject(event, topic)
            return
        try:
            self.on_event(event)
        except Exception:  # a failing consumer must not stop the network loop
            self._failed(f"event consumer failed on {event.router} {event.kind.value} {event.key}")

    def _reject(self, rejected: Rejected, topic: str) -> None:
        self.rejected[rejected.reason] += 1
        self._on_rejected(rejected.reason)
        log.warning("ignored a notification on %r: %s", topic[:200], rejected)

    # ------------------------------------------------------------ the loop

    def _run(self) -> None:
        """paho's loop (reconnecting by itself), run again whenever it raises or returns
        while we are not stopping."""
        restarts = 0
        while not self._stopping.is_set():
            try:
                self._client.loop_forever(timeout=0.5, retry_first_connection=True)
                restarts = 0
            except Exception:
                self._failed(f"{self.label}: the network loop failed; starting it again")
                restarts += 1
            delay = _RESTART_DELAYS[min(restarts, len(_RESTART_DELAYS) - 1)]
            if self._stopping.wait(delay):
                return
            if not self._client.is_connected():  # paho stops reconnecting once it thinks it was told to
                self._client.connect_async(self.host, self.port)

    def start(self, timeout: float = 10.0) -> None:
        """Connect and subscribe; waits up to `timeout` for the first subscription. On
        OSError the client keeps trying in the background until stop()."""
        self._client.connect_async(self.host, self.port)
        self._thread = threading.Thread(target=self._run, name=f"mqtt-{self.host}:{self.port}", daemon=True)
        self._thread.start()
        if not self.subscribed.wait(timeout):
            raise OSError(f"could not subscribe to {self.topic} on {self.host}:{self.port} yet")

    def stop(self) -> None:
        self._stopping.set()  # our own disconnect: nothing to warn about
        self._client.disconnect()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def problem(self, stall_limit: float) -> str | None:
        """Why this event loop is not healthy, or None. A broker that is down is not a
        problem of ours (the loop keeps reconnecting, and resyncs still run); a loop that
        ended, or a callback stuck for `stall_limit` seconds, is."""
        if self._stopping.is_set() or self._thread is None:
            return None
        if not self._thread.is_alive():
            return f"the {self.label} event loop has ended"
        since = self._busy_since
        if since is not None and time.monotonic() - since > stall_limit:
            return f"the {self.label} event loop has been stuck for {time.monotonic() - since:.0f} s"
        return None
