"""/healthz of a running watcher: 503 with a one-line reason while one of its loops is stuck (not only
when a thread died), 200 again once it moves. In-memory routers; real HTTP on loopback; a real
Mosquitto for the event loop."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from reconciler.watch.controller import Controller, WatchOptions
from reconciler.watch.metrics import MetricsServer
from tests.engine.conftest import Lab, static_routes
from tests.engine.conftest import lab as lab  # the in-memory lab fixture
from tests.hostile.test_watcher_survives import _commit
from tests.integration.test_events import mosquitto as mosquitto  # the broker fixture

STALL = 1.0  # seconds a loop may be quiet (beyond its period) before /healthz says so


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


class Watched:
    def __init__(self, lab: Lab, controller: Controller, server: MetricsServer) -> None:
        self.lab, self.controller, self.server = lab, controller, server

    def health(self) -> tuple[int, str]:
        url = f"http://127.0.0.1:{self.server.port}/healthz"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def metrics(self) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.server.port}/metrics", timeout=5) as answer:
            return str(answer.read().decode())

    def unhealthy_with(self, words: str) -> Callable[[], bool]:
        def check() -> bool:
            status, body = self.health()
            return status == 503 and words in body

        return check

    def healthy(self) -> bool:
        return self.health() == (200, "ok\n")


def _watch(lab: Lab, options: WatchOptions) -> Iterator[Watched]:
    lab.devices.pop("r2")
    lab.write("routes/r.yaml", {"apply_to": {"all": True}, "static_routes": static_routes(3)})
    _commit(lab, "three routes")
    controller = Controller(lab.root, "main", lab.journal, connect=lab.fleet.connect, options=options)
    server = MetricsServer(controller.metrics, controller.problem, port=0)
    server.start()
    watched = Watched(lab, controller, server)
    try:
        assert watched.health()[0] == 503  # not started: not ready
        controller.start()
        assert wait_for(lambda: any(r.verified for r in lab.journal.reconciles("r1")))
        assert wait_for(watched.healthy)
        yield watched
    finally:
        controller.stop()
        server.stop()


@pytest.fixture
def watched(lab: Lab) -> Iterator[Watched]:
    yield from _watch(lab, WatchOptions(poll_interval=0.05, resync_interval=3600, apply_backoff=0.001,
                                        session_check=0.05, subscribe=False, stall_limit=STALL))  # fmt: skip


def test_a_stuck_schedule_makes_healthz_503_until_it_moves(watched: Watched) -> None:
    release = threading.Event()
    stuck = threading.Event()

    def blocked() -> None:  # a fetch that hangs, say
        stuck.set()
        release.wait(30)

    watched.controller.poll_branch = blocked  # type: ignore[method-assign]
    assert stuck.wait(5)
    try:
        assert wait_for(watched.unhealthy_with("unhealthy: the schedule loop has not run for")), watched.health()
        _, body = watched.health()
        assert body.count("\n") == 1  # one line
    finally:
        release.set()
    assert wait_for(watched.healthy), watched.health()


def test_a_stuck_liveness_check_makes_healthz_503_until_it_moves(watched: Watched) -> None:
    release = threading.Event()
    stuck = threading.Event()
    session = watched.controller.sessions.peek("r1")
    assert session is not None

    def blocked() -> None:  # a check that never comes back
        stuck.set()
        release.wait(30)

    session.check_alive = blocked  # type: ignore[method-assign]
    assert stuck.wait(5)
    try:
        assert wait_for(watched.unhealthy_with("unhealthy: the liveness loop has not run for")), watched.health()
    finally:
        release.set()
    assert wait_for(watched.healthy), watched.health()


def test_a_loop_that_keeps_failing_is_counted_and_stays_healthy(watched: Watched) -> None:
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise OSError("git fetch failed")

    watched.controller.poll_branch = broken  # type: ignore[method-assign]
    assert wait_for(lambda: len(calls) >= 3)
    assert 'reconciler_watch_loop_errors_total{loop="schedule"}' in watched.metrics()
    assert wait_for(watched.healthy)  # it fails, but it runs: tried again with backoff, still ticking
    assert len(calls) < 20  # with backoff, not every 0.05 s


@pytest.fixture
def subscribed(lab: Lab, mosquitto: int) -> Iterator[Watched]:
    lab.devices["r1"] = {"mqtt": {"host": "127.0.0.1", "port": mosquitto}}
    yield from _watch(lab, WatchOptions(poll_interval=0.05, resync_interval=3600, apply_backoff=0.001,
                                        session_check=0.05, stall_limit=STALL, subscribe_wait=10))  # fmt: skip


def test_a_stuck_event_handler_makes_healthz_503_until_it_moves(subscribed: Watched, mosquitto: int) -> None:
    release = threading.Event()
    stuck = threading.Event()

    def blocked(router: str, interface: str) -> None:  # a journal write that waits on a lock, say
        stuck.set()
        release.wait(30)

    subscribed.controller._forget_bindings_on = blocked  # type: ignore[method-assign]
    publisher = mqtt.Client(CallbackAPIVersion.VERSION2)
    publisher.connect("127.0.0.1", mosquitto)
    publisher.loop_start()
    try:
        payload = json.dumps({"jet-event": {"event-id": "KERNEL_EVENT_IFD_DELETE", "hostname": "r1"}})
        publisher.publish("/junos/events/kernel/interfaces/ifd/delete/ge-0/0/9", payload).wait_for_publish(5)
        assert stuck.wait(10)
        try:
            assert wait_for(subscribed.unhealthy_with("event loop has been stuck for")), subscribed.health()
        finally:
            release.set()
        assert wait_for(subscribed.healthy), subscribed.health()
    finally:
        publisher.loop_stop()
        publisher.disconnect()
