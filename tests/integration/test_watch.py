"""The watcher end to end: emulated routers publishing to a real Mosquitto, drift made by the operator."""

from __future__ import annotations

import itertools
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import git
import paho.mqtt.client as mqtt
import pytest
import yaml
from paho.mqtt.enums import CallbackAPIVersion

from reconciler import drivers
from reconciler.emulator.admin import AdminClient, AdminError, AdminServer
from reconciler.emulator.fleet import MqttSettings, build_fleet
from reconciler.model.outcome import VERIFIED
from reconciler.model.ownership import is_owned
from reconciler.store.journal import Journal
from reconciler.watch.controller import Controller, WatchOptions
from tests.helpers import PASSWORD, USER
from tests.integration.test_events import mosquitto as mosquitto  # the broker fixture

EXAMPLE = Path(__file__).resolve().parents[2] / "intent"


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@dataclass
class WatchLab:
    admin: AdminClient
    controller: Controller
    journal: Journal
    repo: git.Repo
    root: Path
    broker_port: int

    def owned(self, router: str, table: str = "inet.0", kind: str = "rib") -> set[str]:
        return {r["prefix"] for r in self.admin.routes(router, table, kind) if r["owner"] and is_owned(r["cookie"])}

    def settled(self, routers: int = 3) -> bool:
        latest: dict[str, str] = {}
        for record in self.journal.reconciles():
            latest[record.router] = record.result
        verified = all(r in VERIFIED for r in latest.values())
        return len(latest) == routers and verified and self.controller.queue.depth() == 0

    def commit(self, message: str) -> None:
        self.repo.git.add(A=True)
        self.repo.index.commit(message)


def _make_lab(
    tmp_path: Path,
    port: int,
    edit: Callable[[dict], None] | None = None,  # type: ignore[type-arg]
    name_prefix: str = "router",
) -> Iterator[WatchLab]:
    """Three emulated routers named PREFIX1..3 on one broker; the inventory calls them router1..3."""
    fleet = build_fleet(3, base_port=0, username=USER, password=PASSWORD, tls=None, routing_instances=("blue",),
                        mqtt=MqttSettings(external=("127.0.0.1", port)), name_prefix=name_prefix)  # fmt: skip
    fleet.poll_interval = 0.05
    with fleet:
        root = tmp_path / "repo"
        shutil.copytree(EXAMPLE, root / "intent")
        devices_file = root / "intent/devices.yaml"
        inventory = yaml.safe_load(devices_file.read_text())
        for index, router in enumerate(fleet.routers):
            entry = inventory["devices"][f"router{index + 1}"]
            entry["port"] = router.port
            entry["mqtt"] = {"host": "127.0.0.1", "port": port}
        if edit:
            edit(inventory)
        devices_file.write_text(yaml.safe_dump(inventory))
        repo = git.Repo.init(root, initial_branch="main")
        with repo.config_writer() as config:
            config.set_value("user", "name", "Test")
            config.set_value("user", "email", "test@example.invalid")
        repo.git.add(A=True)
        repo.index.commit("example intent")
        admin = AdminServer(fleet)
        admin.start()
        journal = Journal(tmp_path / "state")
        options = WatchOptions(poll_interval=0.3, resync_interval=120, apply_backoff=0.05, session_check=0.2)
        controller = Controller(root, "main", journal, connect=drivers.connect, options=options)
        controller.start()
        lab = WatchLab(AdminClient(admin.url), controller, journal, repo, root, port)
        try:
            assert wait_for(lab.settled, 30), journal.reconciles()
            yield lab
        finally:
            controller.stop()
            admin.stop()


@pytest.fixture
def watch_lab(tmp_path: Path, mosquitto: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[WatchLab]:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)
    yield from _make_lab(tmp_path, mosquitto)


def test_deleted_owned_route_is_repaired_and_recorded(watch_lab: WatchLab) -> None:
    assert "10.10.0.0/16" in watch_lab.owned("router1")
    watch_lab.admin.act("router1", "delete-route", table="inet.0", prefix="10.10.0.0/16")
    assert wait_for(lambda: "10.10.0.0/16" in watch_lab.owned("router1"), 5)

    def recorded() -> list[object]:
        return [d for d in watch_lab.journal.drifts("router1") if d.subject == "inet.0 10.10.0.0/16"]

    assert wait_for(lambda: bool(recorded()), 5)
    [drift] = recorded()
    assert (drift.change, drift.repaired, drift.policy) == ("create", True, "revert")  # type: ignore[attr-defined]
    assert drift.trigger.startswith("event ")  # type: ignore[attr-defined]


def test_foreign_route_is_left_alone(watch_lab: WatchLab) -> None:
    watch_lab.admin.act("router1", "add-config-route", table="inet.0", prefix="10.99.0.0/16", next_hop="192.0.2.9")
    time.sleep(0.5)
    assert wait_for(watch_lab.settled, 5)
    routes = {r["prefix"] for r in watch_lab.admin.routes("router1")}
    assert "10.99.0.0/16" in routes
    assert not [d for d in watch_lab.journal.drifts("router1") if "10.99.0.0" in d.subject]


def test_binding_is_restored_when_the_interface_comes_back(watch_lab: WatchLab) -> None:
    def bound() -> set[str]:
        return {b["interface"] for f in watch_lab.admin.filters("router1") for b in f["bindings"]}

    assert "ge-0/0/0.0" in bound()
    watch_lab.admin.act("router1", "delete-interface", name="ge-0/0/0")
    assert wait_for(lambda: "ge-0/0/0.0" not in bound(), 5)

    def waiting() -> bool:  # not in sync, not failed either: the binding waits for its interface
        last = watch_lab.journal.reconciles("router1")[-1]
        return last.result == "waiting" and "no interface ge-0/0/0.0" in (last.detail or "")

    assert wait_for(waiting, 5), watch_lab.journal.reconciles("router1")[-1]
    watch_lab.admin.act("router1", "add-interface", name="ge-0/0/0")
    assert wait_for(lambda: "ge-0/0/0.0" in bound(), 5)
    assert wait_for(watch_lab.settled, 5)


def test_a_removed_binding_is_restored_from_its_event(watch_lab: WatchLab) -> None:
    # JET cannot read bindings back: the router's unbind event is the only witness.
    def bound() -> set[str]:
        return {b["interface"] for f in watch_lab.admin.filters("router1") for b in f["bindings"]}

    with pytest.raises(AdminError, match="not bound"):
        watch_lab.admin.act("router1", "unbind-filter", name="protect-re", interface="ge-0/0/0.0")
    with pytest.raises(AdminError, match="direction must be"):
        watch_lab.admin.act("router1", "unbind-filter", name="protect-re", interface="lo0.0", direction="sideways")
    watch_lab.admin.act("router1", "unbind-filter", name="filter-by-icmp", interface="ge-0/0/0.0")
    assert wait_for(lambda: "ge-0/0/0.0" in bound(), 5)
    assert wait_for(lambda: any(d.subject == "ge-0/0/0.0 input inet" and d.repaired
                                for d in watch_lab.journal.drifts("router1")), 5)  # fmt: skip
    assert "lo0.0" in bound()


def test_routing_daemon_restart_restores_everything(watch_lab: WatchLab) -> None:
    before = watch_lab.owned("router2") | watch_lab.owned("router2", kind="bgp")
    watch_lab.admin.act("router2", "restart-routing")
    assert wait_for(lambda: (watch_lab.owned("router2") | watch_lab.owned("router2", kind="bgp")) == before, 10)


def test_a_new_commit_is_applied_within_one_poll(watch_lab: WatchLab) -> None:
    routes_file = watch_lab.root / "intent/routes/ams-edge.yaml"
    document = yaml.safe_load(routes_file.read_text())
    document["static_routes"].append({"prefix": "10.55.0.0/16", "next_hops": ["192.0.2.5"]})
    routes_file.write_text(yaml.safe_dump(document))
    watch_lab.commit("add 10.55/16")
    started = time.monotonic()
    assert wait_for(lambda: "10.55.0.0/16" in watch_lab.owned("router1"), 5)
    assert time.monotonic() - started < 0.3 + 2.0  # one poll interval plus the reconcile


def test_an_event_storm_converges_with_one_reconcile_at_a_time(watch_lab: WatchLab) -> None:
    publisher = mqtt.Client(CallbackAPIVersion.VERSION2)
    publisher.connect("127.0.0.1", watch_lab.broker_port)
    publisher.loop_start()
    watch_lab.admin.act("router3", "delete-route", table="inet.0", prefix="10.123.0.0/24", kind="bgp")
    started = time.monotonic()
    for n in range(3000):
        router = f"router{n % 3 + 1}"
        payload = {"jet-event": {"event-id": "KERNEL_EVENT_ROUTE_CHANGE", "hostname": router, "attributes": {}}}
        publisher.publish(f"/junos/events/kernel/route/change/inet/10.{n % 250}.0.0/16", json.dumps(payload))
    publisher.loop_stop()
    publisher.disconnect()
    assert wait_for(lambda: watch_lab.owned("router3", kind="bgp") >= {"10.123.0.0/24"}, 10)
    assert wait_for(watch_lab.settled, 15)
    elapsed = time.monotonic() - started
    records = watch_lab.journal.reconciles()
    for router in ("router1", "router2", "router3"):
        spans = sorted((r.started_at, r.finished_at) for r in records if r.router == router)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), f"{router}: overlapping reconciles"
    assert len(records) < 300, "events were not merged"
    assert elapsed < 15


def test_a_writer_fighting_us_is_backed_off(watch_lab: WatchLab) -> None:
    stop = threading.Event()

    def fight() -> None:
        while not stop.is_set():
            watch_lab.admin.act("router1", "change-route", table="inet.0", prefix="10.10.0.0/16", preference=9)
            time.sleep(0.05)

    fighter = threading.Thread(target=fight)
    fighter.start()
    time.sleep(3)
    stop.set()
    fighter.join()
    metrics = watch_lab.controller.metrics.backoffs.labels("router1")._value.get()
    assert metrics >= 1
    repairs = [r for r in watch_lab.journal.reconciles("router1") if r.trigger.startswith("event")]
    assert len(repairs) <= 10, "no tight loop against the other writer"


@pytest.fixture
def report_lab(tmp_path: Path, mosquitto: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[WatchLab]:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)

    def report(inventory: dict) -> None:  # type: ignore[type-arg]
        inventory["devices"]["router2"]["drift"] = {"static_routes": "report"}

    yield from _make_lab(tmp_path, mosquitto, report)


def test_report_policy_records_and_writes_nothing(report_lab: WatchLab) -> None:
    report_lab.admin.act("router2", "delete-route", table="inet.0", prefix="10.10.0.0/16")
    assert wait_for(lambda: any(d.subject == "inet.0 10.10.0.0/16" for d in report_lab.journal.drifts("router2")), 5)
    time.sleep(0.5)
    assert "10.10.0.0/16" not in report_lab.owned("router2")
    [drift] = [d for d in report_lab.journal.drifts("router2") if d.subject == "inet.0 10.10.0.0/16"][:1]
    assert drift.policy == "report" and not drift.repaired


@pytest.fixture
def short_purge_lab(tmp_path: Path, mosquitto: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[WatchLab]:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)

    def short(inventory: dict) -> None:  # type: ignore[type-arg]
        inventory["devices"]["router1"]["purge_timer"] = 1

    yield from _make_lab(tmp_path, mosquitto, short)


def test_a_watcher_down_longer_than_the_purge_timer_reprograms_everything(short_purge_lab: WatchLab) -> None:
    lab = short_purge_lab
    before = lab.owned("router1")
    assert before
    lab.controller.stop()  # sessions close: the router starts its 1 s purge timer
    assert wait_for(lambda: lab.owned("router1") == set(), 5)
    again = Controller(lab.root, "main", lab.journal, connect=drivers.connect,
                       options=WatchOptions(poll_interval=0.3, apply_backoff=0.05))  # fmt: skip
    again.start()
    try:
        assert wait_for(lambda: lab.owned("router1") == before, 10)

        def recorded() -> int:
            return len([d for d in lab.journal.drifts("router1") if d.trigger == "start" and d.repaired])

        assert wait_for(lambda: recorded() >= len(before), 5)  # the router lost what it had: that is drift
    finally:
        again.stop()


def test_a_silently_dropped_session_is_noticed_and_reestablished(watch_lab: WatchLab) -> None:
    controller = watch_lab.controller

    def connected() -> bool:
        return bool(watch_lab.admin.stats("router1")["clients"]["jet-reconciler"]["connected"])

    def reestablished() -> bool:
        """The watcher's own view: it holds a new session for router1 and has reconciled with it.

        The router shows us connected as soon as the login succeeds, but the watcher keeps the session
        only after its setup (purge timers, initialization), and records the reconcile after that: wait
        for the watcher, not the router. The session check or a reconcile in flight at the drop (the echo
        of our own writes) may be the one that notices; either way, nothing is left running or queued
        and the last reconcile of every router succeeded."""
        session = controller.sessions.peek("router1")
        new = session is not None and session is not old
        return new and not controller.queue.running() and watch_lab.settled() and connected()

    old = controller.sessions.peek("router1")
    assert old is not None
    # The router forgets our login; nothing tells the watcher. (Asserting that the router shows us
    # disconnected would race with a watcher that already noticed and logged in again.)
    assert watch_lab.admin.act("router1", "drop-sessions", client_id="jet-reconciler") >= 1
    assert wait_for(reestablished, 10), watch_lab.journal.reconciles("router1")
    assert "router1" in controller.sessions.connected()
    assert connected()  # logged in again well before any purge timer could matter


def test_a_firewall_restart_restores_filters_and_bindings(watch_lab: WatchLab) -> None:
    watch_lab.admin.act("router2", "restart-firewall")
    assert wait_for(
        lambda: {f["name"] for f in watch_lab.admin.filters("router2")} == {"filter-by-icmp", "protect-re"}, 5
    )
    assert wait_for(lambda: all(f["bindings"] for f in watch_lab.admin.filters("router2")), 5)


def test_tracking_a_repository_by_url(watch_lab: WatchLab, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git.Repo.clone_from(str(watch_lab.root), origin, bare=True).close()
    follower = Controller(f"file://{origin}", "main", Journal(tmp_path / "follower-state"), connect=drivers.connect,
                          options=WatchOptions(poll_interval=0.2, apply_backoff=0.05, subscribe=False))  # fmt: skip
    follower.start()
    try:
        assert follower.intent is not None and follower.intent.commit == watch_lab.repo.head.commit.hexsha
        routes_file = watch_lab.root / "intent/routes/ams-edge.yaml"
        routes_file.write_text(routes_file.read_text().replace("tag: 100", "tag: 102"))
        watch_lab.commit("retag")
        watch_lab.repo.git.push(str(origin), "main")
        assert wait_for(lambda: follower.intent is not None
                        and follower.intent.commit == watch_lab.repo.head.commit.hexsha, 5)  # fmt: skip
    finally:
        follower.stop()
