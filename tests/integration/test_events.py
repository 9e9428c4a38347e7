"""Router notifications end to end: emulator -> MQTT broker -> subscriber -> typed events.

Runs against a real Mosquitto (Debian package; started here on a free loopback
port) and against the emulator's embedded broker.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reconciler.emulator.admin import AdminClient, AdminServer
from reconciler.emulator.fleet import Fleet, MqttSettings, build_fleet
from reconciler.emulator.mqtt import free_port
from reconciler.jet.channel import Endpoint, open_channel
from reconciler.jet.client import JetClient
from reconciler.model import (
    Binding,
    Direction,
    Family,
    FirewallFilter,
    Range,
    Term,
    TermAction,
    Terminating,
    TermMatch,
)
from reconciler.watch.events import Event, EventKind
from reconciler.watch.subscriber import EventSubscriber
from tests.helpers import PASSWORD, USER, v4_route

TUTORIAL = FirewallFilter(
    "filter-by-icmp",
    Family.INET,
    (
        Term("t1", TermMatch(protocols=(Range(1, 1),)), TermAction(Terminating.ACCEPT, log=True)),
        Term("t2", action=TermAction(Terminating.DISCARD, log=True)),
    ),
)


def _mosquitto_binary() -> str:
    found = shutil.which("mosquitto") or ("/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None)
    if found is None:
        raise RuntimeError("mosquitto is not installed: apt-get install mosquitto (.ci/run does this)")
    return found


def _wait_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


@pytest.fixture(scope="module")
def mosquitto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    config = tmp_path_factory.mktemp("mosquitto") / "mosquitto.conf"
    config.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n")
    process = subprocess.Popen(
        [_mosquitto_binary(), "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_listening(port)
        yield port
    finally:
        process.terminate()
        process.wait(10)


class Events:
    """A subscriber's events, with waiting for the ones a test expects."""

    def __init__(self) -> None:
        self.queue: queue.Queue[Event] = queue.Queue()
        self.seen: list[Event] = []

    def wait_for(self, predicate: Callable[[Event], bool], timeout: float = 10.0) -> Event:
        for event in self.seen:
            if predicate(event):
                return event
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = self.queue.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(event)
            if predicate(event):
                return event
        raise AssertionError(f"no matching event; saw {[(e.kind, e.operation, e.key) for e in self.seen]}")

    def drain(self, seconds: float) -> list[Event]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                self.seen.append(self.queue.get(timeout=0.05))
        return self.seen


@pytest.fixture(params=["mosquitto", "embedded"])
def setting(request: pytest.FixtureRequest) -> MqttSettings:
    if request.param == "mosquitto":
        return MqttSettings(external=("127.0.0.1", request.getfixturevalue("mosquitto")), prefix="devices/{name}")
    return MqttSettings(embedded_port=0)


@pytest.fixture
def evented(setting: MqttSettings) -> Iterator[tuple[Fleet, AdminClient, Events]]:
    fleet = build_fleet(2, base_port=0, username=USER, password=PASSWORD, tls=None, mqtt=setting)
    fleet.poll_interval = 0.05
    with fleet:
        assert fleet.publisher is not None
        events = Events()
        subscriber = EventSubscriber(
            fleet.publisher.host,
            fleet.publisher.port,
            events.queue.put,
            topic_prefix="devices/+" if setting.prefix else "",
        )
        subscriber.start()
        admin = AdminServer(fleet)
        admin.start()
        try:
            yield fleet, AdminClient(admin.url), events
        finally:
            admin.stop()
            subscriber.stop()
            assert subscriber.rejected == {}, subscriber.rejected


def _client(fleet: Fleet, client_id: str = "events-test") -> JetClient:
    router = fleet.routers[0]
    client = JetClient(router.name, open_channel(Endpoint("127.0.0.1", router.port, insecure=True)))
    client.login(USER, PASSWORD, client_id)
    client.rib_initialize()
    return client


def test_filter_add_and_bind_are_published(evented: tuple[Fleet, AdminClient, Events]) -> None:
    fleet, _, events = evented
    client = _client(fleet)
    client.filter_add(TUTORIAL)
    client.filter_bind(Binding("filter-by-icmp", Family.INET, "ge-0/0/0.0", Direction.INPUT))
    added = events.wait_for(lambda e: e.kind is EventKind.FILTER and e.operation == "add")
    assert (added.router, added.key) == ("router1", "filter-by-icmp")
    assert added.event_id == "KERNEL_EVENT_FIREWALL_FILTER_ADD"
    bound = events.wait_for(lambda e: e.kind is EventKind.FILTER and e.operation == "change")
    assert bound.attributes["interface-name"] == "ge-0/0/0.0"
    client.close()


def test_operator_route_delete_is_published(evented: tuple[Fleet, AdminClient, Events]) -> None:
    fleet, admin, events = evented
    client = _client(fleet)
    client.rib_update([v4_route(1), v4_route(2)])
    added = events.wait_for(lambda e: e.kind is EventKind.ROUTE and e.operation == "add" and e.key == "10.0.1.0/24")
    assert added.table == "inet.0" and added.attributes["nexthops"][0] == "192.0.2.1"
    admin.act("router1", "delete-route", table="inet.0", prefix="10.0.2.0/24")
    deleted = events.wait_for(lambda e: e.kind is EventKind.ROUTE and e.operation == "delete")
    assert (deleted.router, deleted.key, deleted.table) == ("router1", "10.0.2.0/24", "inet.0")
    client.close()


def test_interface_delete_is_published(evented: tuple[Fleet, AdminClient, Events]) -> None:
    _, admin, events = evented
    admin.act("router2", "delete-interface", name="ge-0/0/5")
    unit = events.wait_for(lambda e: e.kind is EventKind.INTERFACE and e.key == "ge-0/0/5.0")
    physical = events.wait_for(lambda e: e.kind is EventKind.INTERFACE and e.key == "ge-0/0/5")
    assert unit.operation == physical.operation == "delete"
    assert unit.router == "router2"
    assert unit.event_id == "KERNEL_EVENT_IFL_DELETE"


def test_daemon_restart_is_published(evented: tuple[Fleet, AdminClient, Events]) -> None:
    fleet, admin, events = evented
    client = _client(fleet)
    client.rib_update([v4_route(i) for i in range(5)])
    admin.act("router1", "restart-routing")
    table = events.wait_for(lambda e: e.kind is EventKind.ROUTE_TABLE and e.attributes.get("routes-deleted") == 5)
    assert (table.key, table.router) == ("inet.0", "router1")
    restarted = events.wait_for(lambda e: e.kind is EventKind.SYSLOG)
    assert restarted.key == "RPD_START"
    client.close()


def test_bulk_writes_are_summarized_per_table(evented: tuple[Fleet, AdminClient, Events]) -> None:
    fleet, _, events = evented
    client = _client(fleet)
    client.rib_update([v4_route(i) for i in range(2500)])  # 3 requests
    summary = events.wait_for(lambda e: e.kind is EventKind.ROUTE_TABLE)
    assert summary.key == "inet.0" and summary.attributes["routes-changed"] == 1000
    seen = events.drain(0.5)
    assert not [e for e in seen if e.kind is EventKind.ROUTE]  # no per-route flood
    assert len([e for e in seen if e.kind is EventKind.ROUTE_TABLE]) == 3
    client.close()


def test_purge_is_published(evented: tuple[Fleet, AdminClient, Events]) -> None:
    fleet, _, events = evented
    client = _client(fleet, "short-lived")
    client.set_purge_timer(1)
    client.rib_update([v4_route(1)])
    client.close()
    purged = events.wait_for(lambda e: e.kind is EventKind.ROUTE_TABLE and e.operation == "change", timeout=10)
    assert purged.attributes["reason"] == "purge timer expired"


def _start_mosquitto(port: int, config_dir: Path) -> subprocess.Popen[bytes]:
    config = config_dir / "mosquitto.conf"
    config.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n")
    process = subprocess.Popen([_mosquitto_binary(), "-c", str(config)], stderr=subprocess.DEVNULL)
    _wait_listening(port)
    return process


def test_subscriber_reconnects_and_counts_garbage(tmp_path: Path) -> None:
    import paho.mqtt.publish as publish

    port = free_port()
    broker = _start_mosquitto(port, tmp_path)
    events = Events()
    subscriber = EventSubscriber("127.0.0.1", port, events.queue.put)
    subscriber.start()
    try:
        topic = "/junos/events/kernel/firewall/filter/add/f1"
        body = b'{"jet-event": {"event-id": "KERNEL_EVENT_FIREWALL_FILTER_ADD", "hostname": "r1"}}'
        publish.single("/junos/events/kernel/route/add/inet/10.0.0.1/8", b"{", hostname="127.0.0.1", port=port)
        publish.single(topic, body, hostname="127.0.0.1", port=port)
        assert events.wait_for(lambda e: e.key == "f1").router == "r1"
        assert subscriber.rejected == {"bad-topic": 1}
        broker.terminate()
        broker.wait(10)
        deadline = time.monotonic() + 5
        while subscriber.subscribed.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not subscriber.subscribed.is_set()
        broker = _start_mosquitto(port, tmp_path)  # same port: the subscriber must come back
        assert subscriber.subscribed.wait(15)  # reconnected and subscribed again
        publish.single(topic.replace("f1", "f2"), body, hostname="127.0.0.1", port=port)
        assert events.wait_for(lambda e: e.key == "f2").router == "r1"
    finally:
        subscriber.stop()
        broker.terminate()
        broker.wait(10)


def test_the_subscriber_survives_what_escapes_paho_and_a_failing_consumer(mosquitto: int) -> None:
    """Our callbacks catch everything, but paho's own code could still raise out of its loop (it
    ended the network thread for good before): the loop is run again, the error counted, and
    events flow on. A consumer that raises is counted and does not stop the loop either."""
    import paho.mqtt.publish as publish

    events = Events()
    failing: list[str] = []

    def consume(event: Event) -> None:
        if event.key == "boom":
            failing.append(event.key)
            raise RuntimeError("a consumer bug")
        events.queue.put(event)

    subscriber = EventSubscriber("127.0.0.1", mosquitto, consume, router="r1")
    subscriber.start()
    client = subscriber._client
    real = client.on_message
    try:

        def escaping(*args: object) -> None:  # as if paho itself raised while handling a message
            client.on_message = real
            raise MemoryError("inside paho")

        client.on_message = escaping
        topic = "/junos/events/kernel/firewall/filter/add/{}"
        body = b'{"jet-event": {"event-id": "KERNEL_EVENT_FIREWALL_FILTER_ADD"}}'
        publish.single(topic.format("first"), body, hostname="127.0.0.1", port=mosquitto)
        publish.single(topic.format("boom"), body, hostname="127.0.0.1", port=mosquitto)
        publish.single(topic.format("after"), body, hostname="127.0.0.1", port=mosquitto)
        assert events.wait_for(lambda e: e.key == "after").router == "r1"
        assert failing == ["boom"]
        assert subscriber.errors == 2  # the escaped one and the consumer's
        assert subscriber.problem(stall_limit=60) is None
    finally:
        subscriber.stop()
    assert subscriber.problem(stall_limit=60) is None  # stopped on purpose: not a problem
