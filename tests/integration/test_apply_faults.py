"""Apply under injected faults: every case converges in bounded time or ends with a precise error."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from reconciler import drivers
from reconciler.engine.reconcile import ReconcileOptions, ReconcileResult, reconcile
from reconciler.intent.load import Intent, load_intent
from reconciler.intent.sources import FolderSource
from reconciler.model.outcome import Outcome
from reconciler.store.journal import Journal
from tests.helpers import PASSWORD, USER
from tests.integration.apply_lab import Lab
from tests.integration.apply_lab import lab as lab  # the fixture

FAST = ReconcileOptions(backoff=0.05)


def _bulk(lab: Lab, count: int) -> Intent:
    lines = ["apply_to: {devices: [router1]}", "static_routes:"]
    lines += [f"  - {{prefix: 10.{100 + i // 256}.{i % 256}.0/24, next_hops: [192.0.2.1, 192.0.2.2]}}"
              for i in range(count)]  # fmt: skip
    (lab.root / "intent/routes/bulk.yaml").write_text("\n".join(lines) + "\n")
    return load_intent(FolderSource(lab.root), cache=None)


def _apply(lab: Lab, intent: Intent, options: ReconcileOptions = FAST) -> ReconcileResult:
    return reconcile(intent.routers["router1"], commit=intent.commit, root=lab.root, journal=Journal(lab.state),
                     connect=drivers.connect, run_id="test", trigger="test", options=options)  # fmt: skip


def _in_sync(lab: Lab, intent: Intent) -> bool:
    done = lab.run("plan", "--devices", "router1")
    return done.returncode == 0


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JET_USER", USER)
    monkeypatch.setenv("JET_PASSWORD", PASSWORD)


def test_try_again_bursts_are_retried(lab: Lab) -> None:
    intent = _bulk(lab, 2000)
    lab.admin.act("router1", "inject-write-faults", try_again=3)
    result = _apply(lab, intent)
    assert result.ok, result.detail
    assert result.rounds >= 4  # three refused rounds, then the writes and the verification
    assert _in_sync(lab, intent)


def test_unavailable_on_30_percent_of_writes_converges(lab: Lab) -> None:
    intent = _bulk(lab, 4000)
    lab.admin.act("router1", "inject-write-faults", unavailable_rate=0.3)
    result = _apply(lab, intent)
    assert result.ok, result.detail
    lab.admin.act("router1", "inject-write-faults")  # off again
    assert _in_sync(lab, intent)


def test_unavailable_after_every_write_still_converges(lab: Lab) -> None:
    """The writes land but every answer is lost: re-reading finds them applied."""
    intent = _bulk(lab, 1500)
    lab.admin.act("router1", "inject-write-faults", unavailable_rate=1.0)
    result = _apply(lab, intent)
    assert result.ok, result.detail
    lab.admin.act("router1", "inject-write-faults")
    assert _in_sync(lab, intent)


@pytest.mark.slow
def test_writes_that_never_land_end_with_a_precise_error(lab: Lab) -> None:
    intent = _bulk(lab, 100)
    lab.admin.act("router1", "inject-write-faults", try_again=1000)
    started = time.monotonic()
    result = _apply(lab, intent)
    assert result.outcome is Outcome.NOT_CONVERGED
    assert result.detail is not None and result.detail.startswith("did not converge in 6 rounds; last error: ")
    assert "(retryable)" in result.detail and "REQUEST_NOT_DONE" in result.detail  # BGP writes go first
    assert time.monotonic() - started < 30


def _during(lab: Lab, intent: Intent, action: str, delay: float, **params: object) -> ReconcileResult:
    results: list[ReconcileResult] = []
    worker = threading.Thread(target=lambda: results.append(_apply(lab, intent)))
    worker.start()
    time.sleep(delay)
    lab.admin.act("router1", action, **params)
    worker.join(timeout=120)
    assert results, "apply did not finish"
    return results[0]


@pytest.mark.slow
def test_session_dropped_mid_apply_converges(lab: Lab) -> None:
    intent = _bulk(lab, 20000)
    result = _during(lab, intent, "drop-sessions", 0.4, client_id="jet-reconciler")
    assert result.ok, result.detail
    assert _in_sync(lab, intent)


def test_routing_daemon_restart_mid_apply_converges(lab: Lab) -> None:
    intent = _bulk(lab, 20000)
    result = _during(lab, intent, "restart-routing", 0.4)
    assert result.ok, result.detail
    assert _in_sync(lab, intent)
    assert len(lab.owned_routes("router1")) >= 20000


def test_a_second_writer_is_locked_out(lab: Lab) -> None:
    intent = _bulk(lab, 10)
    journal = Journal(lab.state)
    journal.acquire("router1", 60, holder="other-host:123")
    result = _apply(lab, intent)
    assert result.outcome is Outcome.LOCK_HELD
    assert "another apply (other-host:123) holds the lock" in (result.detail or "")


def test_a_crashed_writers_lock_is_taken_over(lab: Lab, tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    Journal(lab.state).acquire("router1", 600, holder=f"{socket.gethostname()}:{dead.stdout.strip()}")
    result = _apply(lab, _bulk(lab, 10))
    assert result.ok, result.detail
