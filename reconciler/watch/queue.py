"""A keyed work queue: one pending entry per router however many events arrive,
never two reconciles of one router at once, fresh events before scheduled resyncs,
and delayed entries for backoff."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

EVENT, RETRY, RESYNC = 0, 1, 2  # priorities: lower is served first


@dataclass
class Item:
    key: str
    trigger: str
    priority: int
    due: float
    event_time: float | None  # when the first event behind this entry arrived (latency metric)


class KeyedQueue:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: dict[str, Item] = {}
        self._running: set[str] = set()
        self._closed = False

    def add(
        self, key: str, trigger: str, *, priority: int = EVENT, delay: float = 0.0, event_time: float | None = None
    ) -> None:
        """Queue `key`; merges with its pending entry (earliest due, most urgent trigger)."""
        due = time.monotonic() + delay
        with self._cond:
            if self._closed:
                return
            found = self._pending.get(key)
            if found is None:
                self._pending[key] = Item(key, trigger, priority, due, event_time)
            else:
                if (priority, due) < (found.priority, found.due):
                    found.trigger, found.priority, found.due = trigger, priority, due
                if event_time is not None and (found.event_time is None or event_time < found.event_time):
                    found.event_time = event_time
            self._cond.notify()

    def get(self, timeout: float = 0.5) -> Item | None:
        """The most urgent due entry whose key is not being worked on, or None."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                now = time.monotonic()
                ready = [i for i in self._pending.values() if i.due <= now and i.key not in self._running]
                if ready:
                    item = min(ready, key=lambda i: (i.priority, i.due))
                    del self._pending[item.key]
                    self._running.add(item.key)
                    return item
                waits = [i.due - now for i in self._pending.values() if i.key not in self._running]
                wait = min([deadline - now, *waits]) if waits else deadline - now
                if wait <= 0:
                    return None
                self._cond.wait(wait)
        return None

    def done(self, key: str) -> None:
        with self._cond:
            self._running.discard(key)
            self._cond.notify_all()

    def depth(self) -> int:
        with self._cond:
            return len(self._pending)

    def running(self) -> int:
        with self._cond:
            return len(self._running)

    def is_running(self, key: str) -> bool:
        with self._cond:
            return key in self._running

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
