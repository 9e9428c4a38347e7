"""The watcher's decisions against the in-memory device: repairs on events and session
checks, a refusal is terminal until the intent changes, every commit re-reads."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import git
import pytest

from reconciler.model.outcome import Outcome
from reconciler.watch.controller import Controller, WatchOptions
from reconciler.watch.events import Event, EventKind
from tests.engine.conftest import Lab, static_routes

# No periodic resync within a test: what repairs must be the mechanism under test.
OPTIONS = WatchOptions(poll_interval=0.05, resync_interval=3600, apply_backoff=0.001, session_check=0.05,
                       subscribe=False)  # fmt: skip


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def _commit(lab: Lab, message: str) -> None:
    lab.intent()  # writes devices.yaml
    repo = git.Repo.init(lab.root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.invalid")
    repo.git.add(A=True)
    repo.index.commit(message)
    repo.close()


@pytest.fixture
def watching(lab: Lab) -> Iterator[tuple[Lab, Controller]]:
    lab.devices.pop("r2")
    lab.write("routes/r.yaml", {"apply_to": {"all": True}, "static_routes": static_routes(3)})
    _commit(lab, "three routes")
    controller = Controller(lab.root, "main", lab.journal, connect=lab.fleet.connect, options=OPTIONS)
    controller.start()
    try:
        assert wait_for(lambda: _results(lab) != [])
        yield lab, controller
    finally:
        controller.stop()


def _results(lab: Lab) -> list[str]:
    return [r.result for r in lab.journal.reconciles("r1")]


def _owned(lab: Lab) -> int:
    return lab.router().clients["jet-reconciler"].owned()


def test_an_event_brings_a_repair_recorded_as_drift(watching: tuple[Lab, Controller]) -> None:
    lab, controller = watching
    assert _owned(lab) == 3
    lab.router().delete_route("inet.0", "10.100.1.0/24")
    controller._on_event(Event("r1", EventKind.ROUTE, "delete", "10.100.1.0/24"))
    assert wait_for(lambda: _owned(lab) == 3)
    assert wait_for(lambda: bool(lab.journal.drifts("r1")))
    [drift] = lab.journal.drifts("r1")
    assert (drift.subject, drift.change, drift.repaired) == ("inet.0 10.100.1.0/24", "create", True)
    assert drift.trigger == "event route delete 10.100.1.0/24"


def test_a_routing_restart_is_noticed_by_the_session_check(watching: tuple[Lab, Controller]) -> None:
    lab, _ = watching
    assert lab.router().restart_routing() == 3  # no event: only the liveness check can tell
    assert wait_for(lambda: any(r.trigger == "session lost" and r.verified for r in lab.journal.reconciles("r1")))
    assert _owned(lab) == 3


def test_a_refusal_is_terminal_until_the_intent_changes(watching: tuple[Lab, Controller]) -> None:
    lab, controller = watching
    lab.devices["r1"] = {"routing_instances": ["red"]}  # in the inventory, not on the router
    to_red = {"name": "t", "then": {"action": "routing-instance", "routing_instance": "red"}}
    lab.write("filters/red.yaml", {"apply_to": {"all": True},
                                   "filters": [{"name": "to-red", "family": "inet", "terms": [to_red]}]})  # fmt: skip
    _commit(lab, "a filter the router refuses")
    assert wait_for(lambda: Outcome.REFUSED.value in _results(lab))
    refused = _results(lab).count(Outcome.REFUSED.value)
    controller.queue.add("r1", "resync")  # a periodic resync comes: it must not retry the refused intent
    time.sleep(0.5)  # and twenty polls of the branch meanwhile
    assert _results(lab).count(Outcome.REFUSED.value) == refused == 1
    (lab.root / "intent/filters/red.yaml").unlink()
    _commit(lab, "without it")
    assert wait_for(lambda: _results(lab)[-1] in (Outcome.IN_SYNC.value, Outcome.CHANGED.value))


def test_every_commit_reads_every_router(watching: tuple[Lab, Controller]) -> None:
    lab, _controller = watching
    before = len(_results(lab))
    (lab.root / "README").write_text("intent unchanged\n")
    _commit(lab, "docs only")
    assert wait_for(lambda: any(r.trigger.startswith("resync at commit") for r in lab.journal.reconciles("r1")))
    assert len(_results(lab)) > before
    tip = lab.journal.tips()[0]
    assert tip.valid and lab.journal.reconciles("r1")[-1].commit == tip.commit


def test_a_broker_gap_makes_every_router_of_it_read_again(watching: tuple[Lab, Controller]) -> None:
    lab, controller = watching
    controller._events_resumed(("r1",))  # the first subscription: every router was read at start
    assert wait_for(lambda: controller.queue.depth() == 0 and not controller.queue.running())
    assert not any(r.trigger == "events resumed" for r in lab.journal.reconciles("r1"))
    controller._events_resumed(("r1",))  # subscribed again after a gap: its events are lost
    assert wait_for(lambda: any(r.trigger == "events resumed" for r in lab.journal.reconciles("r1")))


def test_a_failing_branch_poll_does_not_stop_the_schedule(watching: tuple[Lab, Controller]) -> None:
    lab, controller = watching
    failures: list[int] = []
    poll = controller.poll_branch

    def flaky() -> None:
        if len(failures) < 3:
            failures.append(1)
            raise OSError("git fetch failed (the network blinked)")
        poll()

    controller.poll_branch = flaky  # type: ignore[method-assign]
    assert wait_for(lambda: len(failures) == 3)
    (lab.root / "README").write_text("a later commit\n")
    _commit(lab, "after the blink")
    assert wait_for(lambda: lab.journal.tips()[0].commit == git.Repo(lab.root).head.commit.hexsha)
    assert controller.healthy()


def test_the_health_check_fails_when_a_thread_died(watching: tuple[Lab, Controller]) -> None:
    _, controller = watching
    assert controller.healthy()
    controller._threads.append(threading.Thread(target=lambda: None))  # one that has ended
    controller._threads[-1].start()
    controller._threads[-1].join()
    assert not controller.healthy()


def test_a_manual_apply_holding_the_lock_is_waited_for_not_retried(watching: tuple[Lab, Controller]) -> None:
    """Finding 9 of issue 12: the echo of a manual apply's writes retried against its lock and pushed the
    backoff to 60 s. Now the watcher sees the other writer, waits (events merged, no failure counted),
    and reconciles right after the lock is released."""
    lab, controller = watching
    assert wait_for(lambda: controller.queue.depth() == 0 and not controller.queue.running())
    holder = "manual-apply.example:4242"  # another host: the journal cannot tell it died
    generation = lab.journal.acquire("r1", 60, holder=holder)
    assert lab.router().delete_route("inet.0", "10.100.1.0/24") == 1
    controller._on_event(Event("r1", EventKind.ROUTE, "delete", "10.100.1.0/24"))

    def lock_held() -> list[object]:
        return [r for r in lab.journal.reconciles("r1") if r.result == Outcome.LOCK_HELD.value]

    assert wait_for(lambda: len(lock_held()) == 1)
    for n in range(33):  # the manual apply's own writes come back as events
        controller._on_event(Event("r1", EventKind.ROUTE, "add", f"10.200.{n}.0/24"))
    time.sleep(1.0)  # the apply goes on for a while: what matters is what the watcher does meanwhile
    assert len(lock_held()) == 1, "the watcher retried against the lock"
    assert _owned(lab) == 2  # nothing written while the other writer holds the router
    assert controller._failures.get("r1", 0) == 0, "waiting for a lock is not a failure"
    lab.journal.release("r1", generation, holder=holder)
    released = time.monotonic()
    assert wait_for(lambda: _owned(lab) == 3 and lab.journal.reconciles("r1")[-1].verified, 15)
    # Well under the 60 s a backed-off retry would take (the bound leaves room for a loaded machine).
    assert time.monotonic() - released < 10.0, "not reconciled soon after the lock was released"
    assert len(lock_held()) == 1
    assert controller.metrics.lock_waits.labels("r1")._value.get() == 1


def test_the_wait_for_another_writer_is_bounded(lab: Lab) -> None:
    """A writer that keeps the lock past lock_wait: the watcher stops waiting and backs off as after
    any failure (the lease it holds is the journal's business: a dead holder's lease runs out)."""
    lab.devices.pop("r2")
    lab.write("routes/r.yaml", {"apply_to": {"all": True}, "static_routes": static_routes(3)})
    _commit(lab, "three routes")
    lab.journal.acquire("r1", 60, holder="manual-apply.example:4242")
    options = WatchOptions(poll_interval=0.05, resync_interval=3600, apply_backoff=0.001, session_check=0.05,
                           subscribe=False, lock_wait=0.5)  # fmt: skip
    controller = Controller(lab.root, "main", lab.journal, connect=lab.fleet.connect, options=options)
    controller.start()
    try:
        assert wait_for(lambda: controller._failures.get("r1", 0) == 1)  # after 0.5 s of waiting
        results = _results(lab)
        assert results and set(results) == {Outcome.LOCK_HELD.value}
        assert len(results) <= 3  # the first try, perhaps one after a look at the lock, the one at the end
    finally:
        controller.stop()
