"""Delivering router notifications over MQTT: to an external broker, or to an
embedded one started in-process so the demo needs nothing installed.

Publishing never blocks a gRPC handler: notifications go into a bounded queue
that a background thread drains. When the queue is full, notifications are
dropped and counted (a router's event stream is lossy too).
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import socket
import threading
from collections.abc import Iterable
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from reconciler.emulator.events import Notification

log = logging.getLogger(__name__)
QUEUE_SIZE = 100_000


class MqttPublisher:
    """An EventSink that publishes each router's notifications to one broker."""

    enabled = True

    def __init__(self, host: str, port: int, *, prefix: str = "", queue_size: int = QUEUE_SIZE) -> None:
        """`prefix` is put before every topic; `{name}` in it becomes the router name."""
        self.host = host
        self.port = port
        self.prefix = prefix.rstrip("/")
        self.published = 0
        self.dropped = 0
        self._queue: queue.Queue[tuple[str, Notification] | None] = queue.Queue(queue_size)
        self._connected = threading.Event()
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"jet-emulator-{os.getpid()}")
        self._client.reconnect_delay_set(min_delay=1, max_delay=5)
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._worker = threading.Thread(target=self._drain, name="emulator-mqtt", daemon=True)

    def topic(self, router: str, notification: Notification) -> str:
        if not self.prefix:
            return notification.topic
        return self.prefix.replace("{name}", router) + notification.topic

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        if not reason.is_failure:
            self._connected.set()

    def _on_disconnect(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        self._connected.clear()

    def start(self, timeout: float = 10.0) -> None:
        self._client.connect_async(self.host, self.port)
        self._client.loop_start()
        if not self._connected.wait(timeout):
            self._client.loop_stop()
            raise OSError(f"cannot connect to the MQTT broker at {self.host}:{self.port}")
        self._worker.start()

    def publish(self, router: str, notifications: Iterable[Notification]) -> None:
        for notification in notifications:
            try:
                self._queue.put_nowait((router, notification))
            except queue.Full:
                self.dropped += 1

    def _drain(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                router, notification = item
                info = self._client.publish(self.topic(router, notification), notification.payload, qos=0)
                if info.rc == mqtt.MQTT_ERR_SUCCESS:
                    self.published += 1
                else:
                    self.dropped += 1
            finally:
                self._queue.task_done()

    def flush(self) -> None:
        """Wait until every queued notification was handed to the broker connection."""
        self._queue.join()

    def stop(self) -> None:
        if self._worker.is_alive():
            self._queue.put(None)
            self._worker.join(timeout=5)
        self._client.disconnect()  # first, so the network loop ends at once
        self._client.loop_stop()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class EmbeddedBroker:
    """An amqtt broker on loopback in its own thread and event loop."""

    def __init__(self, host: str = "127.0.0.1", port: int = 1883) -> None:
        self.host = host
        self.port = port or free_port(host)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._broker: Any = None
        self._thread = threading.Thread(target=self._run, name="embedded-mqtt", daemon=True)

    def _run(self) -> None:
        from amqtt.broker import Broker  # imported here: only the embedded mode needs it

        asyncio.set_event_loop(self._loop)
        config = {
            "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
            "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
        }
        try:
            self._broker = Broker(config, loop=self._loop)
            self._loop.run_until_complete(self._broker.start())
        except BaseException as exc:  # reported to start()
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()

    def start(self, timeout: float = 15.0) -> None:
        # amqtt logs its own traceback when it cannot bind; start() reports that failure itself.
        logging.getLogger("transitions").setLevel(logging.WARNING)
        amqtt_log = logging.getLogger("amqtt")
        amqtt_log.setLevel(logging.CRITICAL)
        self._thread.start()
        if not self._ready.wait(timeout) or self._error is not None:
            raise OSError(f"embedded MQTT broker could not listen on {self.host}:{self.port}: {self._error}")
        amqtt_log.setLevel(logging.WARNING)

    def stop(self) -> None:
        if self._broker is None or not self._thread.is_alive():
            return
        future = asyncio.run_coroutine_threadsafe(self._broker.shutdown(), self._loop)
        try:
            future.result(timeout=10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
