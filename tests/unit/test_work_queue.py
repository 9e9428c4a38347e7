"""The watcher's keyed work queue: deduplication, single flight, priorities, delays."""

from __future__ import annotations

import time

from reconciler.watch.queue import EVENT, RESYNC, KeyedQueue


def test_many_events_for_one_router_are_one_entry() -> None:
    queue = KeyedQueue()
    for n in range(1000):
        queue.add("r1", f"event {n}", event_time=100.0 + n)
    assert queue.depth() == 1
    item = queue.get(0.1)
    assert item is not None and item.key == "r1" and item.event_time == 100.0  # the first event's time


def test_a_router_is_never_handed_out_twice_at_once() -> None:
    queue = KeyedQueue()
    queue.add("r1", "event")
    first = queue.get(0.1)
    queue.add("r1", "another event")
    assert queue.get(0.05) is None  # r1 is still being worked on
    assert first is not None
    queue.done("r1")
    second = queue.get(0.1)
    assert second is not None and second.trigger == "another event"


def test_events_are_served_before_resyncs_and_delays_are_kept() -> None:
    queue = KeyedQueue()
    queue.add("r1", "resync", priority=RESYNC)
    queue.add("r2", "event", priority=EVENT)
    queue.add("r3", "retry later", delay=0.3)
    assert [queue.get(0.1).key, queue.get(0.1).key] == ["r2", "r1"]  # type: ignore[union-attr]
    assert queue.get(0.05) is None
    started = time.monotonic()
    late = queue.get(1.0)
    assert late is not None and late.key == "r3" and time.monotonic() - started >= 0.2


def test_an_event_upgrades_a_pending_resync() -> None:
    queue = KeyedQueue()
    queue.add("r1", "resync", priority=RESYNC, delay=10)
    queue.add("r1", "event", priority=EVENT)
    item = queue.get(0.1)
    assert item is not None and item.trigger == "event"
