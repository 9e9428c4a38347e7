"""Storm: 10,000 events in a burst across 20 routers; every router converges, one reconcile at a time."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from pathlib import Path

import git
import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from reconciler import drivers
from reconciler.emulator import operator
from reconciler.emulator.fleet import MqttSettings, build_fleet
from reconciler.model.ownership import is_owned
from reconciler.store.journal import Journal
from reconciler.watch.controller import Controller, WatchOptions
from tests.helpers import PASSWORD, USER
from tests.integration.test_events import mosquitto as mosquitto  # the broker fixture

ROUTERS, EVENTS, ROUTES = 20, 10_000, 30


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.mark.slow
def test_storm_of_10k_events_over_20_routers(tmp_path: Path, mosquitto: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)
    fleet = build_fleet(ROUTERS, base_port=0, username=USER, password=PASSWORD, tls=None,
                        mqtt=MqttSettings(external=("127.0.0.1", mosquitto)))  # fmt: skip
    fleet.poll_interval = 0.05
    with fleet:
        root = tmp_path / "repo"
        (root / "intent/routes").mkdir(parents=True)
        devices = {r.name: {"address": "127.0.0.1", "port": r.port, "insecure": True,
                            "mqtt": {"host": "127.0.0.1", "port": mosquitto}} for r in fleet.routers}  # fmt: skip
        credentials = {"username_env": "JET_USER", "password_env": "JET_PASSWORD"}
        (root / "intent/devices.yaml").write_text(json.dumps({"defaults": {"credentials": credentials},
                                                              "devices": devices}))  # fmt: skip
        routes = [{"prefix": f"10.{n}.0.0/16", "next_hops": ["192.0.2.1"]} for n in range(ROUTES)]
        (root / "intent/routes/all.json").write_text(json.dumps({"apply_to": {"all": True}, "static_routes": routes}))
        repo = git.Repo.init(root, initial_branch="main")
        with repo.config_writer() as config:
            config.set_value("user", "name", "Test")
            config.set_value("user", "email", "test@example.invalid")
        repo.git.add(A=True)
        repo.index.commit("storm intent")
        journal = Journal(tmp_path / "state")
        controller = Controller(root, "main", journal, connect=drivers.connect,
                                options=WatchOptions(poll_interval=60, apply_backoff=0.05))  # fmt: skip
        controller.start()

        def owned(router: str) -> int:
            state = fleet[router].state
            with state.lock:
                return sum(1 for c in state.clients.values() for k in c.rib.get("inet.0", {}) if is_owned(k[2]))

        def settled() -> bool:
            return (
                controller.queue.depth() == 0
                and controller.queue.running() == 0
                and all(owned(r.name) == ROUTES for r in fleet.routers)
            )

        try:
            assert wait_for(settled, 60)
            for router in fleet.routers[::4]:  # real drift hidden in the storm
                operator.delete_route(router.state, table="inet.0", prefix="10.7.0.0/16")
            publisher = mqtt.Client(CallbackAPIVersion.VERSION2)
            publisher.connect("127.0.0.1", mosquitto)
            publisher.loop_start()
            for n in range(EVENTS):
                router = f"router{n % ROUTERS + 1}"
                payload = json.dumps({"jet-event": {"event-id": "KERNEL_EVENT_ROUTE_CHANGE", "hostname": router}})
                publisher.publish(f"/junos/events/kernel/route/change/inet/10.{n % ROUTES}.0.0/16", payload)
            time.sleep(0.5)
            assert wait_for(settled, 60), "not every router converged"
            publisher.loop_stop()
            publisher.disconnect()
        finally:
            controller.stop()
        records = journal.reconciles()
        for router in fleet.routers:
            spans = sorted((r.started_at, r.finished_at) for r in records if r.router == router.name)
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), f"{router.name}: overlapping reconciles"
        assert all(r.verified for r in records)
        assert len(records) < EVENTS / 10  # merged, not one reconcile per event
