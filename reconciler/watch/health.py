"""Heartbeats of the watcher's loops, for /healthz: a loop that has not ticked within its
limit is stuck (a thread can be alive and still never come back from a call)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Heartbeats:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._limits: dict[str, float] = {}
        self._last: dict[str, float] = {}

    def expect(self, loop: str, limit: float) -> None:
        """`loop` must tick at least every `limit` seconds from now on."""
        with self._lock:
            self._limits[loop] = limit
            self._last[loop] = self._clock()

    def tick(self, loop: str) -> None:
        with self._lock:
            self._last[loop] = self._clock()

    def stalled(self) -> str | None:
        """One line naming the first loop that missed its limit, or None."""
        now = self._clock()
        with self._lock:
            for loop, limit in self._limits.items():
                quiet = now - self._last[loop]
                if quiet > limit:
                    return f"the {loop} loop has not run for {quiet:.0f} s (limit {limit:.0f} s)"
        return None


class Backoff:
    """Consecutive failures of one thing -> how long to wait before trying it again."""

    def __init__(self, first: float, cap: float) -> None:
        self.first = first
        self.cap = cap
        self.failures = 0

    def failed(self) -> float:
        self.failures += 1
        return min(self.first * 2.0 ** (self.failures - 1), self.cap)

    def succeeded(self) -> None:
        self.failures = 0
