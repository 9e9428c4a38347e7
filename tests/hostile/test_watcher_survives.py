"""No input stops a running watcher: a commit the loader chokes on, an exception in any of its loops,
hostile MQTT payloads. Each test then asserts that the watcher still does its job (a later commit
is applied, drift is repaired, a lost session is noticed)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import git
import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from reconciler.intent.load import load_intent
from reconciler.watch.controller import Controller, WatchOptions
from reconciler.watch.events import Event, EventKind
from tests.engine.conftest import Lab, static_routes
from tests.engine.conftest import lab as lab  # the in-memory lab fixture
from tests.helpers import PASSWORD, USER
from tests.hostile.test_hostile_events import HOSTILE
from tests.integration.test_events import mosquitto as mosquitto  # the broker fixture
from tests.integration.test_watch import WatchLab, _make_lab

OPTIONS = WatchOptions(poll_interval=0.05, resync_interval=3600, apply_backoff=0.001, session_check=0.05,
                       subscribe=False)  # fmt: skip


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def _commit(lab: Lab, message: str, *, valid: bool = True) -> str:
    if valid:
        lab.intent()  # writes devices.yaml (and loads the folder: only for valid intent)
    repo = git.Repo.init(lab.root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.invalid")
    repo.git.add(A=True)
    repo.index.commit(message)
    sha = repo.head.commit.hexsha
    repo.close()
    return sha


def _owned(lab: Lab) -> int:
    return lab.router().clients["jet-reconciler"].owned()


def _counter(controller: Controller, name: str, **labels: str) -> float:
    value = controller.metrics.registry.get_sample_value(name, labels)
    return 0.0 if value is None else value


@pytest.fixture
def watching(lab: Lab) -> Iterator[tuple[Lab, Controller]]:
    lab.devices.pop("r2")
    lab.write("routes/r.yaml", {"apply_to": {"all": True}, "static_routes": static_routes(3)})
    _commit(lab, "three routes")
    controller = Controller(lab.root, "main", lab.journal, connect=lab.fleet.connect, options=OPTIONS)
    controller.start()
    try:
        assert wait_for(lambda: any(r.verified for r in lab.journal.reconciles("r1")))
        yield lab, controller
    finally:
        controller.stop()


def _still_works(lab: Lab, controller: Controller, routes: int) -> None:
    """Drift after the trouble is repaired, and the session check still notices a lost session."""

    def repaired() -> int:
        return len([d for d in lab.journal.drifts("r1") if d.subject == "inet.0 10.100.1.0/24" and d.repaired])

    def relogged() -> int:
        return len([r for r in lab.journal.reconciles("r1") if r.trigger == "session lost" and r.verified])

    def idle() -> bool:
        return controller.queue.depth() == 0 and not controller.queue.running()

    assert wait_for(idle), "the watcher did not settle"  # drift made during a reconcile is not drift
    before = repaired(), relogged()
    assert lab.router().delete_route("inet.0", "10.100.1.0/24") == 1
    controller._on_event(Event("r1", EventKind.ROUTE, "delete", "10.100.1.0/24"))
    assert wait_for(lambda: repaired() > before[0]), ("drift was not repaired", lab.journal.reconciles("r1"))
    assert lab.router().restart_routing() == routes  # no event: only the liveness check can tell
    assert wait_for(lambda: relogged() > before[1]), ("lost session not noticed", lab.journal.reconciles("r1"))
    assert _owned(lab) == routes
    assert controller.problem() is None


# ------------------------------------------------------------------ finding 1: commits


def test_a_commit_that_crashes_the_loader_does_not_stop_the_watcher(
    watching: tuple[Lab, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader raising anything but IntentInvalid (a bug of ours, here injected for one commit):
    the tip is recorded as invalid, counted, retried with growing delays, and the next commit is
    applied as soon as it comes."""
    lab, controller = watching
    attempts: list[float] = []
    chokes_on: list[str] = []

    def loader(source: object, cache: object) -> object:
        # Decided on the commit actually loaded: the branch may move between a check and the load.
        loaded = load_intent(source, cache)  # type: ignore[arg-type]
        if loaded.commit in chokes_on:
            attempts.append(time.monotonic())
            raise RecursionError("maximum recursion depth exceeded (injected)")
        return loaded

    monkeypatch.setattr("reconciler.watch.controller.load_intent", loader)
    (lab.root / "README").write_text("a commit the loader chokes on\n")
    with git.Repo(lab.root) as repo:  # committed by hand: the watcher must not see it before it is marked
        repo.git.add(A=True)
        tree = repo.index.write_tree()
        commit = git.Commit.create_from_tree(repo, tree, "bad", parent_commits=[repo.head.commit])
        bad = commit.hexsha
        chokes_on.append(bad)
        repo.head.reference.set_commit(commit)
        repo.head.reset(index=True, working_tree=False)
    assert wait_for(lambda: len(attempts) >= 5), attempts
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert gaps[3] >= 0.4, f"no backoff between attempts: {gaps}"  # polls are 0.05 s apart; backoff doubles
    tip = lab.journal.tips()[0]
    assert (tip.commit, tip.valid) == (bad, False)
    assert "internal error (RecursionError" in (tip.error or "")
    assert wait_for(lambda: _counter(controller, "reconciler_watch_loop_errors_total", loop="schedule") >= 4)
    assert _counter(controller, "reconciler_commit_load_failures_total", reason="internal-error") >= 4
    assert controller.intent is not None and controller.intent.commit != bad  # the previous one still applies

    lab.write("routes/r.yaml", {"apply_to": {"all": True}, "static_routes": static_routes(4)})
    good = _commit(lab, "four routes")
    assert wait_for(lambda: _owned(lab) == 4), "the commit after the bad one was not applied"
    assert wait_for(lambda: lab.journal.tips()[0].commit == good and lab.journal.tips()[0].valid)
    _still_works(lab, controller, 4)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("routes/bad.json", b'{"apply_to": {"all": true}, "static_routes": [{"prefix": "10.9.0.0/16", '
                            b'"next_hops": ["192.0.2.1"], "description": "caf\xff"}]}'),
        ("routes/bad.yaml", b"apply_to: {all: true}\nstatic_routes:\n- prefix: 10.9.0.0/16\n  next_hops: [192.0.2.1]\n"
                            b"  tag: " + b"9" * 5000 + b"\n"),
    ],
    ids=["invalid UTF-8 in a JSON string", "a 5000-digit integer in YAML"],
)  # fmt: skip
def test_the_inputs_that_crashed_the_loader_do_not_stop_the_watcher(
    watching: tuple[Lab, Controller], name: str, content: bytes
) -> None:
    """The two inputs of the issue, through the running watcher: whatever the loader makes of them
    (an intent error, or a crash it should not have), the next commit is applied."""
    lab, controller = watching
    path = lab.root / "intent" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    bad = _commit(lab, "bad", valid=False)
    assert wait_for(lambda: lab.journal.tips()[0].commit == bad)
    assert not lab.journal.tips()[0].valid
    failures = sum(_counter(controller, "reconciler_commit_load_failures_total", reason=reason)
                   for reason in ("invalid", "internal-error"))  # fmt: skip
    assert failures >= 1
    path.unlink()
    lab.write("routes/r.yaml", {"apply_to": {"all": True}, "static_routes": static_routes(4)})
    _commit(lab, "fixed, and four routes")
    assert wait_for(lambda: _owned(lab) == 4), "the commit after the bad one was not applied"
    _still_works(lab, controller, 4)


# ------------------------------------------------------------------ finding 3: every loop


def test_an_exception_in_a_reconcile_is_counted_and_the_router_retried(
    watching: tuple[Lab, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    lab, controller = watching
    real = controller.reconcile
    raised: list[str] = []

    def once_broken(item: object) -> None:
        if not raised:
            raised.append("x")
            raise KeyError("a bug in one reconcile")
        real(item)  # type: ignore[arg-type]

    monkeypatch.setattr(controller, "reconcile", once_broken)
    lab.router().delete_route("inet.0", "10.100.1.0/24")
    controller._on_event(Event("r1", EventKind.ROUTE, "delete", "10.100.1.0/24"))

    def retried() -> bool:
        return any(r.trigger == "retry after an internal error" and r.verified for r in lab.journal.reconciles("r1"))

    assert wait_for(retried), "not retried after the internal error"
    assert raised and _owned(lab) == 3
    assert _counter(controller, "reconciler_watch_loop_errors_total", loop="reconcile") == 1
    assert controller.problem() is None


def test_an_exception_in_the_session_check_is_counted_and_the_checks_go_on(
    watching: tuple[Lab, Controller],
) -> None:
    _, controller = watching
    session = controller.sessions.peek("r1")
    assert session is not None
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise AttributeError("a bug in the liveness check")

    session.check_alive = broken  # type: ignore[method-assign]
    assert wait_for(lambda: len(calls) >= 3)  # the check runs again and again: the loop is alive
    assert _counter(controller, "reconciler_watch_loop_errors_total", loop="liveness") >= 3
    assert controller.problem() is None


# ------------------------------------------------------------------ finding 2: MQTT payloads


@pytest.fixture
def evented(tmp_path: Path, mosquitto: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[WatchLab]:
    """Three emulated routers publishing to a real Mosquitto, watched (tests/integration/test_watch.py)."""
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)
    yield from _make_lab(tmp_path, mosquitto)


def test_hostile_notifications_do_not_stop_event_driven_repair(evented: WatchLab) -> None:
    """Every payload of the hostile table, published to the watcher's broker, then a real drift:
    the router's own event still brings the repair, and the rejections are counted by reason."""
    # Brokers refuse NUL in topics and Mosquitto over 200 levels; this watcher reads /junos/events/# only.
    rows = [row for row in HOSTILE
            if row[1].startswith("/junos/events/") and "\x00" not in row[1] and row[1].count("/") < 200]  # fmt: skip
    subscriber = evented.controller._subscribers[0]
    before = subscriber.received
    publisher = mqtt.Client(CallbackAPIVersion.VERSION2)
    publisher.connect("127.0.0.1", evented.broker_port)
    publisher.loop_start()
    try:
        assert wait_for(publisher.is_connected)
        for _, topic, payload, _ in rows:
            assert publisher.publish(topic, payload, qos=1).wait_for_publish(10) is None
    finally:
        publisher.loop_stop()
        publisher.disconnect()
    assert wait_for(lambda: subscriber.received - before >= len(rows)), (subscriber.received - before, len(rows))

    evented.admin.act("router1", "delete-route", table="inet.0", prefix="10.10.0.0/16")

    def repaired() -> bool:
        return any(d.subject == "inet.0 10.10.0.0/16" and d.repaired and d.trigger.startswith("event ")
                   for d in evented.journal.drifts("router1"))  # fmt: skip

    assert wait_for(repaired, 10), "event-driven repair stopped after the hostile notifications"
    assert "10.10.0.0/16" in evented.owned("router1")
    expected: dict[str, int] = {}
    for _, _, _, reason in rows:
        if reason != "accepted":
            expected[reason] = expected.get(reason, 0) + 1
    counted = {reason: _counter(evented.controller, "reconciler_events_rejected_total", reason=reason)
               for reason in expected}  # fmt: skip
    assert counted == expected
    assert _counter(evented.controller, "reconciler_watch_loop_errors_total", loop="events") == 0
    assert evented.controller.problem() is None
